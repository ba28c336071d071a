#!/usr/bin/env bash
# Charts say what the model says, with the real gnuplot: for the Liverpool
# pair, the example councils and the fixtures of tests/fixtures/charts/
# (hostile names, long names, every limit at once), every chart in SVG, PNG
# and PDF is a whole file of its format, gnuplot says nothing (no warning),
# every service line, measure, group and charge of the scenario is a row (or
# a column) of the chart's data, whole, and its label is in the SVG's text;
# nothing in a name is run. Also: a chart gnuplot did not really draw fails
# the set (exit 3, the old charts stay), and text that is not UTF-8 never
# reaches a chart, a report or JSON.
# usage: tests/charts.sh BUDGETSIM
# The expected names are written out below from the scenario files (by hand
# for the hostile and the real ones; read from the generated files for the
# long ones), never taken from budgetsim's output.
suite=charts
. "$(dirname "$0")/lib.sh"

FX=$root/tests/fixtures/charts
A=$root/scenarios/liverpool-2022-adopted.cfg
N=$root/scenarios/liverpool-2022-no-cuts.cfg
EX=$root/scenarios/examples
cd "$tmp"
ELL=$'\xe2\x80\xa6'   # … (U+2026), the end of a shortened label
RDQ=$'\xe2\x80\x9d'   # ” (U+201D), a " inside a data file's quoted field

# ---- reading charts, by means other than budgetsim's ----

# The text of every <text> element of an SVG, one a line, its markup
# removed and its entities decoded.
svg_texts() {
    perl -0777 -ne '
        while (/<text\b[^>]*>(.*?)<\/text>/gs) {
            my $t = $1; $t =~ s/<[^>]*>//g;
            $t =~ s/&lt;/</g; $t =~ s/&gt;/>/g; $t =~ s/&quot;/"/g; $t =~ s/&apos;/\x27/g;
            $t =~ s/&#x([0-9a-fA-F]+);/chr(hex $1)/ge; $t =~ s/&#([0-9]+);/chr($1)/ge; $t =~ s/&amp;/&/g;
            utf8::encode($t) if utf8::is_utf8($t);
            print "$t\n";
        }' "$1"
}

# The rows of a data file as "LABEL<tab>WHOLE": LABEL the first field of a
# data row (its quotes removed, \\ read as \), WHOLE the name in the
# "# whole name:" comment just before the row, or LABEL when there is none.
# With a column number, that column's field instead of the first.
dat_rows() {
    perl -ne '
        BEGIN { $col = ($ENV{COL} || 1) - 1; $n = 0 }
        chomp;
        if (/^# whole name: (.*)$/) { $whole = $1; next }
        next if /^#/;
        next if $n++ == 0;                       # the header
        my @f = split /\t/, $_, -1;
        my $l = $f[$col]; $l =~ s/^"(.*)"$/$1/s; $l =~ s/\\\\/\\/g;
        print $l, "\t", (defined $whole ? $whole : $l), "\n";
        undef $whole;' "$1"
}

# The header's fields of a data file from column FROM on, "LABEL<tab>WHOLE",
# the whole names from the "# whole name:" comments before it, in order.
dat_header() {
    FROM=$2 perl -ne '
        chomp;
        if (/^# whole name: (.*)$/) { push @whole, $1; next }
        next if /^#/;
        my @f = split /\t/; my $i = 0;
        for my $l (@f[$ENV{FROM} - 1 .. $#f]) {
            $l =~ s/^"(.*)"$/$1/; $l =~ s/\\\\/\\/g;
            (my $plain = $l) =~ s/\xe2\x80\x9d/"/g;
            my $w = $l;
            if ($l =~ /\xe2\x80\xa6$/ || $plain ne $l) { $w = shift @whole }
            print $l, "\t", $w, "\n";
        }
        exit;' "$1"
}

# Is LABEL how NAME is shown (as it is, or cut and ended with …)? In a data
# file's field a " is shown as ”: DQ=1.
label_of() {
    local label=$1 name=$2 dq=${3:-0}
    [ "$dq" = 1 ] && name=${name//\"/$RDQ}
    [ "$label" = "$name" ] && return 0
    case "$label" in *"$ELL") [ -n "${label%"$ELL"}" ] && [ "${name#"${label%"$ELL"}"}" != "$name" ] ;; *) return 1 ;; esac
}

# Is NAME shown in the SVG (a text of it is NAME, or NAME cut with …)?
in_svg() {
    local svg=$1 name=$2 dq=${3:-0} t
    while IFS= read -r t; do label_of "$t" "$name" "$dq" && return 0; done < <(svg_texts "$svg")
    return 1
}

# check_rows WHAT DAT SVG NAME...: the data's rows are the names, in order,
# whole; each label shows its name and is in the SVG (when SVG is not "-").
check_rows() {
    local what=$1 dat=$2 svg=$3 i=0 bad=""
    shift 3
    local -a names=("$@") labels=() wholes=()
    while IFS=$'\t' read -r l w; do labels+=("$l"); wholes+=("$w"); done < <(dat_rows "$dat")
    if [ "${#labels[@]}" != "${#names[@]}" ]; then
        bad "$what: ${#labels[@]} rows in $(basename "$dat"), the scenario has ${#names[@]}"
        return
    fi
    for ((i = 0; i < ${#names[@]}; i++)); do
        [ "${wholes[i]}" = "${names[i]}" ] || bad="row $((i + 1)) is '${wholes[i]}', not '${names[i]}'"
        label_of "${labels[i]}" "${names[i]}" 1 || bad="row $((i + 1))'s label '${labels[i]}' does not show '${names[i]}'"
        if [ "$svg" != - ] && ! grep -qxF -- "${labels[i]}" < <(svg_texts "$svg"); then
            bad="'${labels[i]}' is not in $(basename "$svg")"
        fi
        [ -z "$bad" ] || break
    done
    if [ -z "$bad" ]; then ok; else bad "$what: $bad"; fi
}

# check_key WHAT SVG NAME...: each name is in the SVG's text (a key's entry;
# DQ=1: an entry from a data file's header, where a " is shown as ”).
check_key() {
    local what=$1 svg=$2 n missing=""
    shift 2
    for n in "$@"; do in_svg "$svg" "$n" "${DQ:-0}" || { missing=$n; break; }; done
    if [ -z "$missing" ]; then ok; else bad "$what: '$missing' is not in $(basename "$svg")"; fi
}

# A whole chart of its format (by its name's extension), by other means than budgetsim's own check.
valid_chart() {
    local f=$1
    [ -s "$f" ] || return 1
    case "$f" in
    *.svg) xmllint --noout "$f" 2>/dev/null && [ "$(xmllint --xpath 'name(/*)' "$f" 2>/dev/null)" = svg ] ;;
    *.png) [ "$(head -c 8 "$f" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] && [ "$(head -c 16 "$f" | tail -c 4)" = IHDR ] ;;
    *.pdf) [ "$(head -c 5 "$f")" = %PDF- ] && tail -c 1024 "$f" | grep -qa '%%EOF' ;;
    esac
}

# ---- drawing ----

# draw NAME FILE [ALT]: the charts in SVG, PNG and PDF into NAME-svg, NAME-png
# and NAME-pdf; each exits 0, prints nothing on standard error, and every
# chart listed on standard output is a whole file. The SVG scripts re-run by
# hand without a word from gnuplot.
draw() {
    local name=$1 fmt rc f
    shift
    for fmt in svg png pdf; do
        rc=0
        "$bin" plot "$@" -o "$name-$fmt" --format "$fmt" >"$name-$fmt.out" 2>"$name-$fmt.err" || rc=$?
        check "$name ($fmt): plot exits 0, nothing on stderr (no gnuplot warning)" "[ $rc = 0 ] && [ ! -s $name-$fmt.err ]"
        local badfile=""
        while IFS= read -r f; do valid_chart "$f" || badfile=$f; done <"$name-$fmt.out"
        check "$name ($fmt): every chart is a whole $fmt file ($badfile)" "[ -z '$badfile' ] && [ -s $name-$fmt.out ]"
    done
    ( cd "$name-svg" && for gp in *.gp; do gnuplot -d "$gp" >/dev/null 2>>../"$name.rerun" || echo "$gp failed" >>../"$name.rerun"; done )
    check "$name: every script re-runs by hand without a word from gnuplot" "[ ! -s $name.rerun ]"
}

# The names of KIND (s: services, m: savings, c: charges, g: groups) in a
# generated fixture, in the file's order (tests/fixtures/charts/make.sh
# writes one a line, without escapes).
gen_names() {
    perl -ne 'print "$1\n" if /^\s*'"$2"'\d+ = \{ (?:type = "\w+"; )?name = "([^"]*)"/' "$1"
}
gen_scenario_name() { perl -ne 'print "$1\n" if /^scenario = \{ name = "([^"]*)"/' "$1"; }

# ---- 1. Liverpool, adopted and no cuts ----
# Services and measures from the two files; the waterfall leaves out steps of
# no size in 2022/23: the no-cuts file disables the care, transport, bin and
# library measures and makes the reserve top-up 0 (a contribution is never a
# step anyway).
liv_lines=("Adult social care" "Children and education" "Communities (libraries, leisure, waste)"
    "Regeneration and highways" "Finance, resources and corporate")
liv_steps=("Adult social care: high-cost care packages" "School transport for children with SEND"
    "Green bin (garden waste) charge" "Pest control charges to landlords" "Management restructure"
    "Subsidy to community-run libraries (left to annual bids)" "Other savings and income, not itemised"
    "One-off savings and income, not itemised")
liv_alt_steps=("Pest control charges to landlords" "Management restructure" "Other savings and income, not itemised"
    "One-off savings and income, not itemised")
liv_groups=("Labour" "Labour rebels (suspended)" "Liberal Democrat" "Green" "Liberal Party" "Independent"
    "Former Labour (left or suspended)")
draw liv "$A" "$N"
for fmt in svg png pdf; do
    d=liv-$fmt
    check_rows "Liverpool ($fmt): lines.dat, every service line" $d/lines.dat $([ $fmt = svg ] && echo $d/lines.svg || echo -) "${liv_lines[@]}"
    check_rows "Liverpool ($fmt): waterfall-base, every measure" $d/waterfall-base.dat $([ $fmt = svg ] && echo $d/waterfall-base.svg || echo -) \
        "Gap before measures" "${liv_steps[@]}" "Gap after measures"
    check_rows "Liverpool ($fmt): waterfall-alt, the measures left" $d/waterfall-alt.dat - "Gap before measures" "${liv_alt_steps[@]}" "Gap after measures"
done
check_rows "Liverpool: waterfall-alt.svg" liv-svg/waterfall-alt.dat liv-svg/waterfall-alt.svg "Gap before measures" "${liv_alt_steps[@]}" "Gap after measures"
check_key "Liverpool: the groups in the council's key" liv-svg/council-base.svg "${liv_groups[@]}"
check_key "Liverpool: both scenarios in the lines chart's key" liv-svg/lines.svg "Liverpool 2022/23 budget, as adopted" \
    "Liverpool 2022/23: the rebels' no-cuts alternative"
check "Liverpool: 90 seats, 59 Labour" "[ \$(COL=6 dat_rows liv-svg/council-base.dat | wc -l) = 90 ] && [ \$(COL=6 dat_rows liv-svg/council-base.dat | grep -c \$'^Labour\\t') = 59 ]"
check "Liverpool: the green bin charge in the bills' key" "in_svg liv-svg/bills-base.svg 'Green bin (garden waste) charge'"

# ---- 2. The example councils ----
# example-district.cfg's measures in 2024/25: the care review (half of 2.4),
# the garden waste charge and the two reserve draws; back_office starts in 2025.
ex_lines=("Adult care" "Children's services" "Environment and waste" "Corporate and other")
ex_steps=("Review of care packages" "Garden waste charge" "Draw on the transformation reserve"
    "Planned draw on the general reserve")
# The hung council's meeting carries the Greens' amendment, which disables
# the garden waste charge (measures.garden_waste.enabled=false): the budget
# charted is the one adopted, so its waterfall has no charge step.
hung_steps=("Review of care packages" "Draw on the transformation reserve" "Planned draw on the general reserve")
draw hung "$EX/hung-council.cfg"
# A horizon of one year (tests/fixtures/meeting.cfg): gnuplot once warned of
# an empty x range on the reserves chart, so plot exited 3 on valid input.
draw oneyear "$root/tests/fixtures/meeting.cfg"
check "one year: the reserve (5.0) and its minimum (2.5) in the data" \
    "grep -q \$'^\"2030/31\"\\t5.000000\\t2.500000\$' oneyear-svg/reserves.dat"
check_rows "hung council: every measure of the budget adopted" hung-svg/waterfall.dat hung-svg/waterfall.svg "Gap before measures" "${hung_steps[@]}" "Gap after measures"
check_key "hung council: the groups" hung-svg/council.svg "Conservative" "Labour" "Liberal Democrat" "Green"
draw override "$EX/mayor-override.cfg"
# mayor-override.cfg (under council.process = "mayor") carries the council's
# own budget, 19 of 28 votes cast (its header), which disables the garden
# waste charge as the hung council's does: the same steps.
check_rows "mayor override: every measure of the budget adopted" override-svg/waterfall.dat override-svg/waterfall.svg "Gap before measures" "${hung_steps[@]}" "Gap after measures"
check_key "mayor override: the groups" override-svg/council.svg "Opposition alliance" "Mayor's group" "Independents"
check "mayor override: 30 seats, the mayor not among them" "[ \$(COL=6 dat_rows override-svg/council.dat | wc -l) = 30 ]"
draw uncertain "$EX/liverpool-uncertain.cfg"
check_rows "Liverpool uncertain: every measure" uncertain-svg/waterfall.dat uncertain-svg/waterfall.svg "Gap before measures" "${liv_steps[@]}" "Gap after measures"
check "Liverpool uncertain: a tally chart (members may rebel)" "valid_chart uncertain-svg/tally.svg && valid_chart uncertain-png/tally.png"
draw expair "$root/scenarios/example-district.cfg" "$EX/hung-council.cfg"
check_rows "example and hung council: every service line" expair-svg/lines.dat expair-svg/lines.svg "${ex_lines[@]}"

# ---- 3. Hostile names ----
# As tests/fixtures/charts/hostile-base.cfg holds them, its escapes read.
h_lines=("# starts with a hash" "\"Quoted\" and 'single' and a \\ backslash"
    "\`touch /tmp/budgetsim-pwned-charts\` and \`touch PWNED-line\`" "@x \$(touch PWNED-dollar) \${HOME} %s %n"
    "<script>alert(1)</script> & <b>bold</b> &amp;" "| pipe | _sub ^sup {braces} ~tilde *star* [link](x)"
    "Café Ωmega — naïve façade" "Emoji 🎉 and 漢字" "'Leading quote" "\"Leading double quote")
h_steps=("#saving on the hash line" "\"Saving\" 'quoted' \\n not a newline" "\`touch PWNED-saving\` saving"
    "@x saving \$(touch PWNED-saving2)" "<img src=x onerror=alert(1)> & saving" "'quoted saving'"
    "\"Charge\" 'x' \`touch PWNED-charge\`" "# <i>charge</i> & Ωmega 🎉" "'Draw' from the \"general\" <reserve> | #")
h_alt_steps=("${h_steps[@]:0:3}" "${h_steps[@]:4}")   # m_macro is disabled in hostile-alt.cfg
h_groups=("# hash group" "\"Quoted\" 'group'" "\`touch PWNED-group\` group" "<script>group</script> & |"
    "Café Ωmega 🎉 group" "'Leading quote group")
h_name="# Hostile \`touch PWNED-title\` \"dq\" 'sq' @x \$(touch PWNED-dollar) <script>alert(1)</script> & | _^{} Café 🎉"
rm -f /tmp/budgetsim-pwned-charts
draw hostile "$FX/hostile-base.cfg" "$FX/hostile-alt.cfg"
for fmt in svg png pdf; do
    d=hostile-$fmt svg=$([ $fmt = svg ] && echo hostile-svg || echo -)
    check_rows "hostile ($fmt): lines.dat, every service line" $d/lines.dat $([ $fmt = svg ] && echo $d/lines.svg || echo -) "${h_lines[@]}"
    check_rows "hostile ($fmt): waterfall-base, every measure" $d/waterfall-base.dat $([ $fmt = svg ] && echo $d/waterfall-base.svg || echo -) \
        "Gap before measures" "${h_steps[@]}" "Gap after measures"
    check_rows "hostile ($fmt): waterfall-alt" $d/waterfall-alt.dat - "Gap before measures" "${h_alt_steps[@]}" "Gap after measures"
done
check_key "hostile: the groups in the council's key" hostile-svg/council-base.svg "${h_groups[@]}"
check "hostile: the groups' seats in council.dat, a group's name whole" \
    "[ \$(COL=6 dat_rows hostile-svg/council-base.dat | cut -f2 | grep -cxF \"\\\"Quoted\\\" 'group'\") = 6 ] && [ \$(COL=6 dat_rows hostile-svg/council-base.dat | wc -l) = 30 ]"
check "hostile: both charges in the bills' data, whole" \
    "[ \"\$(dat_header hostile-svg/bills-base.dat 4 | cut -f2)\" = \"\$(printf '%s\n' \"\${h_steps[6]}\" \"\${h_steps[7]}\")\" ]"
DQ=1 check_key "hostile: both charges in the bills' key" hostile-svg/bills-base.svg "${h_steps[6]}" "${h_steps[7]}"
check_key "hostile: both scenarios in the lines chart's key" hostile-svg/lines.svg "$h_name" \
    "'Alternative' \"with\" \`touch PWNED-alt\` <script>x</script> & # | _^{}"
check "hostile: the title's first line begins the scenario's title" \
    "svg_texts hostile-svg/waterfall-base.svg | grep -qF 'From the gap to the budget, 2024/25: # Hostile \`touch PWNED-title\`'"
check "hostile: no data line starts with # but a comment" "! grep -h '^#' hostile-svg/*.dat | grep -v '^# whole name: '"
check "hostile: nothing ran (no PWNED file, no /tmp/budgetsim-pwned-charts)" \
    "[ -z \"\$(find \"$tmp\" -name 'PWNED*' | head -1)\" ] && [ ! -e /tmp/budgetsim-pwned-charts ]"
rc=0; "$bin" report "$FX/hostile-base.cfg" "$FX/hostile-alt.cfg" -o hreport >/dev/null 2>err || rc=$?
check "hostile report: exit 0, nothing on stderr" "[ $rc = 0 ] && [ ! -s err ]"
check "hostile report: report.html parses as HTML, no raw markup from a name" \
    "xmllint --html --noout hreport/report.html 2>/dev/null && ! grep -q -e '<script>' -e '<b>' -e '<img src=x' -e '<i>' hreport/report.html"
check "hostile report: report.html is UTF-8" "iconv -f UTF-8 -t UTF-8 hreport/report.html >/dev/null 2>&1"
check "hostile report: report.md has no raw markup from a name" "! grep -q -e '<script>' -e '<b>' -e '<img src=x' -e '<i>' hreport/report.md"
# Worked out by hand from hostile-base.cfg: the general reserve opens at 10.0
# and the draw takes 1.0 in 2024/25 only, so it closes at 9.0 each year. In
# Markdown < > & become entities and | * _ ` [ ] # are escaped; in HTML
# & < > " ' are entities.
md_label='&lt;script&gt;\|\*\_\`b\`\[l\](x)\#'
check "hostile report.md: the reserve's row, name and label escaped" \
    "grep -qxF '| General &lt;reserve&gt; &amp; \"fund\", closing | $md_label | 9.0 | 9.0 | 9.0 |' hreport/report.md"
check "hostile report.md: the labels as column headings, escaped" \
    "grep -qxF '| line | $md_label | alt &amp; &lt;b&gt;\\|&lt;/b&gt; | difference |' hreport/report.md"
check "hostile report.md: the title escaped" \
    "head -1 hreport/report.md | grep -qF '# \\# Hostile \\\`touch PWNED-title\\\` \"dq\" '\\''sq'\\'' @x \\\$(touch PWNED-dollar) &lt;script&gt;alert(1)&lt;/script&gt; &amp; \\| \\_^{} Café'"
check "hostile report.html: the reserve's row, name and label as entities" \
    "grep -qF '<td rowspan=\"3\">General &lt;reserve&gt; &amp; &quot;fund&quot;, closing</td><td>&lt;script&gt;|*_\`b\`[l](x)#</td>' hreport/report.html"
check "hostile report: nothing ran" "[ -z \"\$(find \"$tmp\" -name 'PWNED*' | head -1)\" ] && [ ! -e /tmp/budgetsim-pwned-charts ]"

# ---- 4. Long names ----
# long-40: 40 lines, 40 savings then 20 charges in the waterfall, 16 groups;
# long-199: 5, 5 and 3, 3 groups; max: 64, 64 and 64, 32 groups, 1000 seats.
for fx in long-40 long-199 max; do
    mapfile -t s < <(gen_names "$FX/$fx.cfg" s)
    mapfile -t m < <(gen_names "$FX/$fx.cfg" m)
    mapfile -t c < <(gen_names "$FX/$fx.cfg" c)
    mapfile -t g < <(gen_names "$FX/$fx.cfg" g)
    draw "$fx" "$FX/$fx.cfg" "$FX/$fx-alt.cfg"
    check_rows "$fx: lines.dat, every service line" $fx-svg/lines.dat $fx-svg/lines.svg "${s[@]}"
    check_rows "$fx: waterfall, every measure" $fx-svg/waterfall-base.dat $fx-svg/waterfall-base.svg \
        "Gap before measures" "${m[@]}" "${c[@]}" "Gap after measures"
    check_key "$fx: every group in the council's key" $fx-svg/council-base.svg "${g[@]}"
    check "$fx: every charge in the bills' data, whole" "[ \"\$(dat_header $fx-svg/bills-base.dat 4 | cut -f2 | grep -v '^other_charges\$')\" = \"\$(printf '%s\n' \"\${c[@]}\")\" ]"
    check_key "$fx: the scenario's name in the reserves chart's key" $fx-svg/reserves.svg "$(gen_scenario_name "$FX/$fx.cfg")"
done
check "long-199: the 199-character names are shortened in the charts (…)" "grep -q \"$ELL\" long-199-svg/lines.dat"
# the dearest ten charges drawn on their own (charge N costs 10 + N pounds):
# 11 to 20 of long-40, 55 to 64 of max; the others as one
mapfile -t c40 < <(gen_names "$FX/long-40.cfg" c)
DQ=1 check_key "long-40: the ten dearest charges in the bills' key" long-40-svg/bills-base.svg "${c40[@]:10:10}"
check "long-40: the other ten as one" "svg_texts long-40-svg/bills-base.svg | grep -qxF '10 other charges (each in bills-base.dat)'"

# ---- 5. A chart gnuplot did not really draw ----
# A gnuplot that exits 0 having written nothing, half an SVG, an SVG that is
# not XML, a PNG or a PDF cut short: exit 3, one line naming the chart, and
# the old charts stay as they were (the scripts and data are put in place).
mkdir fakebin
"$bin" plot "$A" -o keep >/dev/null 2>&1
"$bin" plot "$A" -o keep --format png >/dev/null 2>&1
"$bin" plot "$A" -o keep --format pdf >/dev/null 2>&1
md5sum keep/*.svg keep/*.png keep/*.pdf >keep.md5
cat >fakebin/gnuplot <<'FAKE'
#!/bin/sh
# Draws what FAKE says into the chart's descriptor (3), says nothing, exits 0.
case "$FAKE" in
empty) ;;
half) printf '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">\n<g>\n<text>cut' >&3 ;;
badxml) printf '<?xml version="1.0"?>\n<svg>\n<text>a < b & c</text>\n</svg>\n' >&3 ;;
notsvg) printf '<?xml version="1.0"?>\n<html></html>\n' >&3 ;;
png) printf '\211PNG\r\n\032\n\000\000\000\015IHDR\000\000\000\001\000\000\000\001\010\002\000\000\000' >&3 ;;
pdf) printf '%%PDF-1.5\n1 0 obj << >> endobj\n' >&3 ;;
esac
exit 0
FAKE
chmod +x fakebin/gnuplot
for k in empty:svg half:svg badxml:svg notsvg:svg png:png pdf:pdf; do
    fake=${k%:*} fmt=${k#*:}
    rc=0; FAKE=$fake PATH="$tmp/fakebin:$PATH" "$bin" plot "$A" -o keep --format "$fmt" >/dev/null 2>err || rc=$?
    check "a gnuplot that draws $fake: exit 3, one line naming the chart" \
        "[ $rc = 3 ] && [ \$(wc -l <err) = 1 ] && grep -q '^budgetsim: gnuplot drew no whole chart in keep/[a-z]*\\.$fmt: ' err"
    check "a gnuplot that draws $fake: the old charts as they were, no temporary file" \
        "md5sum -c --quiet keep.md5 >/dev/null 2>&1 && [ -z \"\$(ls -A keep | grep '^\\.')\" ]"
done
check "an empty chart is named as such" "FAKE=empty PATH=\"$tmp/fakebin:\$PATH\" \"$bin\" plot \"$A\" -o keep 2>&1 >/dev/null | grep -q 'waterfall.svg: it is empty\$'"

# ---- 6. Text that is not UTF-8 ----
# A name holding \xff (a libconfig escape). The reader may refuse it (exit 2);
# if it reads it, no writer may drop a row or write bytes that are not UTF-8:
# JSON refuses it (exit 2, the text named), text shows \xff, the charts and
# the report are UTF-8.
cat >notutf8.cfg <<EOF
base = "$A";
services = { adult_social_care = { name = "Caf\\xff care"; }; };
EOF
rc=0; "$bin" check notutf8.cfg >/dev/null 2>err || rc=$?
if [ "$rc" = 2 ]; then
    ok   # the reader refuses it: nothing reaches a writer
else
    rc=0; "$bin" run notutf8.cfg --format json >out 2>err || rc=$?
    check "not UTF-8: JSON refused, exit 2, the text named, nothing written" \
        "[ $rc = 2 ] && grep -q 'not valid UTF-8' err && grep -qF 'Caf\\xff care' err && [ ! -s out ]"
    rc=0; "$bin" run notutf8.cfg >out 2>err || rc=$?
    check "not UTF-8: text shows \\xff" "grep -qF 'Caf\\xff care' out && iconv -f UTF-8 -t UTF-8 out >/dev/null 2>&1"
    rc=0; "$bin" report notutf8.cfg "$N" -o badrep >/dev/null 2>err || rc=$?
    check "not UTF-8: the report and the charts drawn, all UTF-8" \
        "[ $rc = 0 ] && for f in badrep/*.html badrep/*.md badrep/*.svg badrep/*.dat; do iconv -f UTF-8 -t UTF-8 \"\$f\" >/dev/null 2>&1 || exit 1; done"
    check "not UTF-8: the line still a row of the lines chart" "grep -qF 'Caf\\\\xff care' badrep/lines.dat"
fi

# ---- 7. A script re-run in another format ----
# Every script takes its terminal from the gnuplot variable fmt (default:
# the format it was written for) and its file from outfile (default
# NAME.FMT): gnuplot -e "fmt='png'" NAME.gp writes NAME.png with the png
# terminal, at the size budgetsim draws it; fmt='pdf' a PDF. For one chart
# of each kind (waterfall, hemicycle, sweep line, heat map, tornado, fan),
# from the scripts of every format, each fmt: a whole file of that format,
# not a word from gnuplot. The commands with a table (sweep, sensitivity,
# montecarlo) take the charts' format as --plot-format.
U=$EX/liverpool-uncertain.cfg
for fmt in svg png pdf; do
    "$bin" plot "$A" -o rr-plot-$fmt --format $fmt >/dev/null 2>&1
    "$bin" sweep "$A" --vary council_tax.core_rise_pct=0:4:1 --plot rr-line-$fmt --plot-format $fmt -o rr-line-$fmt.csv 2>/dev/null
    "$bin" sweep "$A" --vary council_tax.core_rise_pct=0:4:1 --vary services.adult_social_care.growth_pct=0:4:2 \
        --plot rr-heat-$fmt --plot-format $fmt -o rr-heat-$fmt.csv 2>/dev/null
    "$bin" sensitivity "$A" --plot rr-tor-$fmt --plot-format $fmt >/dev/null 2>&1
    "$bin" montecarlo "$U" --draws 500 --seed 1 --plot rr-fan-$fmt --plot-format $fmt >/dev/null 2>&1
    for c in plot:waterfall plot:council line:sweep heat:sweep-heat tor:tornado fan:fan; do
        d=rr-${c%%:*}-$fmt n=${c#*:}
        check "--plot-format/--format $fmt: $d/$n.$fmt is a whole $fmt file" "valid_chart $d/$n.$fmt"
        for to in svg png pdf; do
            rm -f "$d/$n.rerun.$to"
            ( cd "$d" && gnuplot -d -e "fmt='$to'" -e "outfile='$n.rerun.$to'" "$n.gp" ) >"$d-$n-$to.words" 2>&1 ||
                echo "exit $?" >>"$d-$n-$to.words"
            check "$n.gp written for $fmt, re-run with fmt='$to': a whole $to file, not a word from gnuplot" \
                "[ ! -s $d-$n-$to.words ] && valid_chart $d/$n.rerun.$to"
        done
    done
done
# fmt alone names the file: NAME.FMT beside the script; without fmt, the format it was written for
( cd rr-plot-svg && rm -f waterfall.png && gnuplot -d -e "fmt='png'" waterfall.gp ) >rr-name.words 2>&1
check "fmt='png' alone writes waterfall.png, a PNG" "[ ! -s rr-name.words ] && valid_chart rr-plot-svg/waterfall.png"
( cd rr-plot-pdf && rm -f waterfall.pdf && gnuplot -d waterfall.gp ) >rr-default.words 2>&1
check "without fmt, a script written for pdf writes waterfall.pdf" "[ ! -s rr-default.words ] && valid_chart rr-plot-pdf/waterfall.pdf"
# the size budgetsim uses for each format: a PNG re-run from the SVG script is
# as wide and high as budgetsim's own PNG (IHDR), a PDF as its PDF (MediaBox)
png_size() { head -c 24 "$1" | tail -c 8 | od -An -tu1 | awk '{ print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8 }'; }
pdf_box() { grep -aom1 '/MediaBox *\[[^]]*\]' "$1"; }
for n in waterfall council; do
    check "$n: fmt='png' from the SVG script, the size of budgetsim's PNG" \
        "[ \"\$(png_size rr-plot-svg/$n.rerun.png)\" = \"\$(png_size rr-plot-png/$n.png)\" ]"
    check "$n: fmt='pdf' from the SVG script, the page of budgetsim's PDF" \
        "[ -n \"\$(pdf_box rr-plot-pdf/$n.pdf)\" ] && [ \"\$(pdf_box rr-plot-svg/$n.rerun.pdf)\" = \"\$(pdf_box rr-plot-pdf/$n.pdf)\" ]"
done
( cd rr-plot-svg && gnuplot -d -e "fmt='jpg'" waterfall.gp ) >rr-bad.words 2>&1 && rc=0 || rc=$?
check "fmt='jpg': gnuplot stops with the formats it takes" "[ $rc != 0 ] && grep -qF \"fmt must be 'svg', 'png' or 'pdf', not 'jpg'\" rr-bad.words"

# ---- every chart records its inputs (write/inputs.h) ----
# The source line names budgetsim's version, the files (not "scenario
# scenarios/x.cfg": the word once) and the overrides, shortened with … when
# long; the titles of a scenario --set changed say what was changed; the
# script's comment lists each file with its hash; the report has an Inputs
# section with sha256sum's digest.
mkdir -p scenarios && cp "$A" scenarios/
SA=scenarios/liverpool-2022-adopted.cfg
ver=$("$bin" --version | head -n 1 | sed 's/^budgetsim //')
digest=$(sha256sum "$SA" | cut -d' ' -f1)
"$bin" plot "$SA" --set council_tax.core_rise_pct=0.99 -o src-svg >/dev/null 2>&1
check "source line: version, file, override" \
    "svg_texts src-svg/waterfall.svg | grep -qxF 'Source: budgetsim $ver; $SA; --set council_tax.core_rise_pct=0.99'"
check "source line: the word scenario is not doubled" "! grep -q 'scenarios\\? scenarios/' src-svg/*.gp"
check "title: the altered scenario named by the change" \
    "grep -h '^set title' src-svg/reserves.gp | grep -qF 'council_tax.core_rise_pct=0.99'"
check "script comment: the file with its first 12 hex digits" \
    "grep -qxF '# Inputs: $SA (sha256 ${digest:0:12}); --set council_tax.core_rise_pct=0.99; budget adopted; budgetsim $ver' src-svg/waterfall.gp"
long=()
for k in 1 2 3 4 5 6; do long+=(--set council_tax.core_rise_pct=0.9$k); done
"$bin" plot "$SA" "${long[@]}" -o src-long >/dev/null 2>&1
check "source line: many overrides shortened with …" \
    "svg_texts src-long/waterfall.svg | grep -F 'Source: budgetsim $ver; $SA; --set council_tax.core_rise_pct=0.91, ' | grep -qF '$ELL'"
check "source line: no file only as the base is named twice" \
    "[ \$(grep -c 'set label 99' src-svg/waterfall.gp) = 1 ]"
"$bin" report "$SA" "$SA" --set council_tax.core_rise_pct=0.99 -o src-rep >/dev/null 2>&1
check "report.md: the Inputs section, sha256sum's digest" \
    "grep -qxF '| scenarios/liverpool-2022-adopted.cfg | scenario | $digest |' src-rep/report.md"
check "report.md: the override and the side it changes" \
    "grep -qxF 'Override (--set), alternative: council\\_tax.core\\_rise\\_pct=0.99' src-rep/report.md"
check "report.md: the budgets, the version" \
    "grep -qF 'Budgets shown: base adopted, alternative adopted. Written by budgetsim $ver on ' src-rep/report.md"
check "report.html: the Inputs table" \
    "grep -qF '<tr><td>scenarios/liverpool-2022-adopted.cfg</td><td>scenario</td><td>$digest</td></tr>' src-rep/report.html"
SOURCE_DATE_EPOCH=0 "$bin" report "$SA" "$SA" -o src-rep0 >/dev/null 2>&1
check "report: SOURCE_DATE_EPOCH=0 dates it 1970-01-01" \
    "grep -qF 'Written by budgetsim $ver on 1970-01-01.' src-rep0/report.md"

# The reserves chart's minimum (issue 14): the no-cuts file is based on the
# adopted one and keeps its minimum of 20.0 (liverpool-2022-adopted.cfg,
# reserves.general.minimum_m), so one minimum line and one key entry; with
# the alternative's minimum set to 12, two lines, two entries.
minlines() { grep '^plot ' "$1" | grep -o "using 0:[0-9]* with lines dt 2" | wc -l; }
rc=0; "$bin" plot "$A" "$N" -o resmin-same >/dev/null 2>err || rc=$?
check "reserves, equal minimums: exit 0, one minimum line" "[ $rc = 0 ] && [ ! -s err ] && [ \$(minlines resmin-same/reserves.gp) = 1 ]"
check "reserves, equal minimums: one key entry for it, with the 20.0" "[ \$(grep -c '<text>minimum' resmin-same/reserves.svg) = 1 ] && grep -q '<text>minimum, both (£20.0m)<' resmin-same/reserves.svg"
rc=0; "$bin" plot "$A" "$N" --set reserves.general.minimum_m=12 -o resmin-diff >/dev/null 2>err || rc=$?
check "reserves, different minimums: exit 0, two minimum lines" "[ $rc = 0 ] && [ ! -s err ] && [ \$(minlines resmin-diff/reserves.gp) = 2 ]"
check "reserves, different minimums: two key entries" "[ \$(grep -c '<text>minimum (' resmin-diff/reserves.svg) = 2 ]"
check "reserves: the key below the plot, not inside it" "grep -q '^set key at screen 0.5' resmin-same/reserves.gp"

finish
