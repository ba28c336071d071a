#!/bin/sh
# Generate the fixtures of tests/cases/limits.test: for each limit, a file at
# it (accepted, or refused only by the next check) and one just over it.
# The generated files are committed; run this again after changing it:
#   sh tests/bad/limits/make.sh
# The *-at files hold a limit exactly; the *-over files go one past it, most
# by naming an *-at file as their base and adding one thing.
set -eu
cd "$(dirname "$0")"
rm -f ./*.cfg parts/*.cfg
mkdir -p parts

# n copies of a line, or of a printf format with the copy's number (1..n)
rep() { awk -v n="$1" -v f="$2" 'BEGIN { for (i = 1; i <= n; i++) printf f "\n", i }'; }
# a string of n copies of s
str() { awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'; }

# The small valid scenario, written out in full (without a base).
small() {
    cat <<'EOF'
scenario = { name = "Small council"; };
horizon = { first_year = 2024; years = 3; };
council_tax = { band_d_previous_pounds = 1500.0; core_rise_pct = 1.99; tax_base = 40000.0; };
reserves = { general = { opening_m = 10.0; }; };
services = { everything = { name = "All services"; net_m = 50.0; }; };
EOF
}

# ---- files ----

# The scenario with its includes: 4 MiB (4,194,304 bytes) of text. An
# @include line is replaced by the file it names, so the total is the
# scenario's other lines plus 255 copies of a 16 KiB part plus a padding part
# that makes it up to exactly 4 MiB; the -over file has one byte more.
head_line='base = "../standalone-ok.cfg";'
awk 'BEGIN { for (i = 0; i < 256; i++) { for (j = 0; j < 63; j++) printf "#"; printf "\n" } }' >parts/16k.cfg
pad=$((16384 - ${#head_line} - 1))
awk -v n="$pad" 'BEGIN { for (i = 0; i < n - 1; i++) printf "#"; printf "\n" }' >parts/pad.cfg
{ echo "$head_line"; rep 255 '@include "parts/16k.cfg"'; echo '@include "parts/pad.cfg"'; } >files-size-at.cfg
{ echo "$head_line "; rep 255 '@include "parts/16k.cfg"'; echo '@include "parts/pad.cfg"'; } >files-size-over.cfg

# Bases and includes nest 10 files deep, the scenario itself included:
# nest-02.cfg -> nest-03.cfg -> ... -> nest-11.cfg is 10; nest-01.cfg is 11.
for i in 1 2 3 4 5 6 7 8 9 10; do
    printf 'base = "nest-%02d.cfg";\n' $((i + 1)) >"$(printf 'nest-%02d.cfg' "$i")"
done
small >nest-11.cfg

# 1,000 @include lines, and 1,001.
echo '# nothing: included by ../includes-at.cfg and ../includes-over.cfg' >parts/empty.cfg
{ echo "$head_line"; rep 1000 '@include "parts/empty.cfg"'; } >includes-at.cfg
{ echo "$head_line"; rep 1001 '@include "parts/empty.cfg"'; } >includes-over.cfg

# 998 settings a1 .. a998 (20 a line), for the group and settings counts.
awk 'BEGIN { for (i = 1; i <= 998; i++) printf "a%d = 1;%s", i, (i % 20 == 0 || i == 998) ? "\n" : " " }' >parts/998.cfg

# 1,000 settings in one group, and 1,001 (the group at is still unknown).
{ echo "$head_line"; echo 'extra = {'; echo '@include "parts/998.cfg"'; echo 'b = 1; c = 1;'; echo '};'; } >group-at.cfg
{ echo "$head_line"; echo 'extra = {'; echo '@include "parts/998.cfg"'; echo 'b = 1; c = 1; d = 1;'; echo '};'; } >group-over.cfg

# 20,000 settings in all (every name counts, a group's too, and a base's
# settings with the file's), and 20,001: the small scenario's 16, 20 groups
# of 998 and 4 (or 5) more.
{ small; rep 4 'g%d = {\n@include "parts/998.cfg"\nb = 1;\n};'; rep 16 'h%d = {\n@include "parts/998.cfg"\n};'; } >settings-at.cfg
{ small; rep 5 'g%d = {\n@include "parts/998.cfg"\nb = 1;\n};'; rep 15 'h%d = {\n@include "parts/998.cfg"\n};'; } >settings-over.cfg

# A list of 1,000 entries, and 1,001 (the at list is still longer than the horizon).
{ echo "$head_line"; printf 'council_tax = { core_rise_pct = [%s1.0]; };\n' "$(str 999 '1.0,')"; } >list-at.cfg
{ echo "$head_line"; printf 'council_tax = { core_rise_pct = [%s1.0]; };\n' "$(str 1000 '1.0,')"; } >list-over.cfg

# 100,000 list entries in all, and 100,001: 100 groups holding a list of 1,000.
printf 'l = [%s1];\n' "$(str 999 '1,')" >parts/list1000.cfg
{ small; rep 100 'g%d = {\n@include "parts/list1000.cfg"\n};'; } >lists-all-at.cfg
{ small; rep 100 'g%d = {\n@include "parts/list1000.cfg"\n};'; echo 'x = [1];'; } >lists-all-over.cfg

# A setting path of 255 characters, and 256 (names of 50, 50, 50, 50, 49,
# then 1 or 2).
a50=$(str 50 a)
{
    echo "$head_line"
    for k in 1 2 3 4; do echo "$a50 = {"; done
    echo "$(str 49 a) = {"
    echo "b = 1;"
    for k in 1 2 3 4 5; do echo "};"; done
} >path-at.cfg
sed 's/^b = 1;/bb = 1;/' path-at.cfg >path-over.cfg

# Groups nested 64 deep, and 65.
{ echo "$head_line"; rep 64 'g%d = {'; echo 'a = 1;'; rep 64 '};'; } >nest-groups-at.cfg
{ echo "$head_line"; rep 65 'g%d = {'; echo 'a = 1;'; rep 65 '};'; } >nest-groups-over.cfg

# 1,000 texts in double quotes joined into one, and 1,001.
{ echo "$head_line"; printf 'scenario = { description = %s""; };\n' "$(str 999 '"a" ')"; } >pieces-at.cfg
{ echo "$head_line"; printf 'scenario = { description = %s"" ""; };\n' "$(str 999 '"a" ')"; } >pieces-over.cfg

# A base named in more than 511 bytes, once joined to this folder
# (tests/bad/limits/, 17 bytes): a file name is refused, not cut short.
printf 'base = "%snest-11.cfg";\n' "$(str 242 './')" >file-name-over.cfg

# ---- names and text ----

# Every text at its limit, in bytes: a name of 199 bytes (99 two-byte
# letters and one more), a description of 999, a label and an id of 63.
e99=$(str 99 'é')
cat >text-at.cfg <<EOF
base = "../standalone-ok.cfg";
scenario = {
  name = "${e99}x";
  label = "$(str 63 l)";
  council = "$(str 199 c)";
  description = "$(str 999 d)";
};
services = {
  $(str 63 s) = { name = "$(str 199 n)"; net_m = 1.0; };
};
EOF
printf 'base = "text-at.cfg";\nscenario = { name = "%s"; };\n' "${e99}é" >name-over.cfg
printf 'base = "text-at.cfg";\nscenario = { label = "%s"; };\n' "$(str 64 l)" >label-over.cfg
printf 'base = "text-at.cfg";\nscenario = { description = "%s"; };\n' "$(str 1000 d)" >description-over.cfg
printf 'base = "text-at.cfg";\nservices = { %s = { name = "x"; net_m = 1.0; }; };\n' "$(str 64 s)" >id-over.cfg

# ---- the budget ----

# Every part of the budget at its limit: 50 years, 64 service lines, 32
# funding streams, 128 measures, 32 earmarked reserves, 64 uncertainties.
{
    echo '# every part of the budget at its limit (tests/bad/limits/make.sh)'
    echo 'scenario = { name = "Every part at its limit"; };'
    echo 'horizon = { first_year = 2024; years = 50; };'
    echo 'council_tax = { band_d_previous_pounds = 1500.0; core_rise_pct = 1.99; tax_base = 40000.0; };'
    echo 'referendum = { core_limit_pct = 5.0; };'
    echo 'reserves = {'
    echo '  general = { opening_m = 10.0; };'
    echo '  earmarked = {'
    rep 32 '    e%d = { name = "Earmarked"; opening_m = 1.0; };'
    echo '  };'
    echo '};'
    echo 'services = {'
    rep 64 '  s%d = { name = "Service"; net_m = 1.0; growth_pct = 2.0; };'
    echo '};'
    echo 'funding = {'
    rep 32 '  f%d = { name = "Grant"; amount_m = 1.0; growth_pct = 2.0; };'
    echo '};'
    echo 'measures = {'
    rep 128 '  m%d = { type = "saving"; name = "Saving"; amount_m = 0.01; };'
    echo '};'
    echo 'uncertainty = {'
    awk 'BEGIN { for (i = 1; i <= 64; i++)
        printf "  u%d = { path = \"services.s%d.net_m\"; dist = \"uniform\"; low = 0.9; high = 1.1; };\n", i, i }'
    echo '};'
} >budget-at.cfg
printf 'base = "budget-at.cfg";\nservices = { s65 = { name = "Service"; net_m = 1.0; }; };\n' >services-over.cfg
printf 'base = "budget-at.cfg";\nfunding = { f33 = { name = "Grant"; amount_m = 1.0; }; };\n' >funding-over.cfg
printf 'base = "budget-at.cfg";\nmeasures = { m129 = { type = "saving"; name = "Saving"; amount_m = 0.01; }; };\n' >measures-over.cfg
printf 'base = "budget-at.cfg";\nreserves = { earmarked = { e33 = { name = "Earmarked"; opening_m = 1.0; }; }; };\n' >earmarked-over.cfg
printf 'base = "budget-at.cfg";\nuncertainty = { u65 = { path = "funding.f1.amount_m"; dist = "uniform"; low = 0.9; high = 1.1; }; };\n' >uncertainties-over.cfg
printf 'base = "budget-at.cfg";\nmeasures = { m1 = { phasing_pct = [%s100]; }; };\n' "$(str 50 '100,')" >phasing-over.cfg

# ---- the council ----

# Every part of the council at its limit: 1,000 seats, 32 groups, 500 named
# members, 64 red lines, 16 amendments of 16 changes, one of them 299
# characters long.
long_change="scenario.description=$(str 278 x)"
{
    echo '# every part of the council at its limit (tests/bad/limits/make.sh)'
    echo "$head_line"
    echo 'council = {'
    echo '  seats = 1000;'
    echo '  groups = {'
    echo '    g1 = { name = "Largest"; seats = 969; whip = "for"; colour = "#123456"; };'
    rep 31 '    h%d = { name = "Small"; seats = 1; whip = "against"; };'
    echo '  };'
    echo '  members = {'
    rep 500 '    m%d = { name = "Member"; group = "g1"; };'
    echo '  };'
    echo '  red_lines = {'
    rep 64 '    r%d = { who = "g1"; metric = "council_tax.rise_pct"; above = 50.0; };'
    echo '  };'
    echo '};'
    echo 'amendments = {'
    changes=$(awk 'BEGIN { for (i = 1; i <= 15; i++) printf "\"council_tax.core_rise_pct=1.5\", " }')
    rep 16 "  a%d = { name = \"Amendment\"; moved_by = \"g1\"; set = [$changes\"$long_change\"]; };"
    echo '};'
} >council-at.cfg
printf 'base = "council-at.cfg";\ncouncil = { groups = { h32 = { name = "Small"; seats = 0; whip = "against"; }; }; };\n' >groups-over.cfg
printf 'base = "council-at.cfg";\ncouncil = { members = { m501 = { name = "Member"; group = "g1"; }; }; };\n' >members-over.cfg
printf 'base = "council-at.cfg";\ncouncil = { red_lines = { r65 = { who = "g1"; metric = "council_tax.rise_pct"; above = 50.0; }; }; };\n' >red-lines-over.cfg
printf 'base = "council-at.cfg";\namendments = { a17 = { name = "Amendment"; moved_by = "g1"; set = ["council_tax.core_rise_pct=1.5"]; }; };\n' >amendments-over.cfg
printf 'base = "council-at.cfg";\namendments = { a1 = { set = [%s"council_tax.core_rise_pct=1.5"]; }; };\n' "$(str 16 '"council_tax.core_rise_pct=1.5", ')" >changes-over.cfg
printf 'base = "council-at.cfg";\namendments = { a1 = { set = ["%sx"]; }; };\n' "$long_change" >change-length-over.cfg
