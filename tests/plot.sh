#!/usr/bin/env bash
# Charts and reports, with the real gnuplot.
# usage: tests/plot.sh BUDGETSIM
# Each check prints nothing when it passes; the last line counts them.
suite=plot
. "$(dirname "$0")/lib.sh"

A=$root/scenarios/liverpool-2022-adopted.cfg
N=$root/scenarios/liverpool-2022-no-cuts.cfg
cd "$tmp"

# 1. Both Liverpool scenarios as SVG: every chart drawn, no gnuplot output.
rc=0; "$bin" plot "$A" "$N" -o svg >out 2>err || rc=$?
check "plot exits 0" "[ $rc = 0 ]"
check "plot prints nothing on stderr" "[ ! -s err ]"
for c in lines waterfall-base waterfall-alt reserves bills-base bills-alt council-base council-alt tally-base tally-alt; do
    check "$c.svg, .gp and .dat written" "[ -s svg/$c.svg ] && [ -s svg/$c.gp ] && [ -s svg/$c.dat ]"
    check "$c.svg parses as XML" "xmllint --noout svg/$c.svg 2>/dev/null"
done
check "no temporary files left" "[ -z \"\$(ls -A svg | grep '^\\.')\" ]"

# 2. The data hold the model's numbers, worked out by hand:
#    gap before measures 2022/23 = 450.5 services + 10 top-up - (212.3711 council tax
#      [114,462 x 1,855.385] + 211.63 + 12) = 24.4989, labelled 24.5;
#    general reserve 20.7 + 10 = 30.7 (adopted), 20.7 + 6.02 surplus = 26.72 (no-cuts);
#    Band D council element 1,801.52 x 1.0299 = 1,855.39; Band A = 6/9 of it = 1,236.92;
#    the vote: 47 seats marked for (vote 0) in the adopted hemicycle, 10 in the no-cuts one.
#    Text fields are quoted ("...") so that gnuplot reads every row as data.
check "waterfall starts at the 24.5 gap" "grep -q \$'^\"Gap before measures\"\\t0\\t12.249.*\\t24.498.*\\t24.5\$' svg/waterfall-base.dat"
check "reserves 30.7 and 26.72 in 2022/23" "grep -q \$'^\"2022/23\"\\t30.70[0-9]*\\t26.72' svg/reserves.dat"
check "Band D bill 1855.39" "grep -q \$'^\"D\"\\t1855.39\\t' svg/bills-base.dat"
check "Band A bill 1236.92" "grep -q \$'^\"A\"\\t1236.92\\t' svg/bills-base.dat"
check "47 seats for in the adopted hemicycle" "[ \$(awk -F'\\t' 'NR>1 && \$5==0' svg/council-base.dat | wc -l) = 47 ]"
check "10 seats for in the no-cuts hemicycle" "[ \$(awk -F'\\t' 'NR>1 && \$5==0' svg/council-alt.dat | wc -l) = 10 ]"
check "90 seats in all" "[ \$(awk 'NR>1' svg/council-base.dat | wc -l) = 90 ]"

# 3. PNG: the signature and a plausible size.
rc=0; "$bin" plot "$A" -o png --format png >/dev/null 2>err || rc=$?
check "png plot exits 0" "[ $rc = 0 ] && [ ! -s err ]"
for f in png/*.png; do
    check "$f has the PNG signature" "[ \"\$(head -c 8 $f | od -An -tx1 | tr -d ' \\n')\" = 89504e470d0a1a0a ]"
    check "$f is larger than 5 kB" "[ \$(wc -c <$f) -gt 5000 ]"
done

# 4. The scripts re-run by hand, without a warning.
( cd svg && for gp in *.gp; do gp_by_hand -d "$gp" >/dev/null 2>"$gp.err" || echo "$gp" >>../rerun-failed; done )
check "every script re-runs by hand" "[ ! -e rerun-failed ] && [ -z \"\$(cat svg/*.gp.err)\" ]"

# 5. Hostile names render and execute nothing.
rc=0; "$bin" plot "$root/tests/fixtures/hostile.cfg" -o hostile >/dev/null 2>err || rc=$?
check "hostile names: plot exits 0" "[ $rc = 0 ] && [ ! -s err ]"
for f in hostile/*.svg; do check "$f parses as XML" "xmllint --noout $f 2>/dev/null"; done
check "hostile names: nothing executed" "[ -z \"\$(find / -xdev -name 'PWNED*' 2>/dev/null | head -1)\" ]"
check "hostile names: shown as text" "grep -q 'touch PWNED-title' hostile/waterfall.svg"

# 6. A missing gnuplot: exit 3, a one-line message, scripts and data still written.
mkdir nognuplot
rc=0; PATH=/nonexistent "$bin" plot "$A" -o nognuplot >/dev/null 2>err || rc=$?
check "no gnuplot: exit 3" "[ $rc = 3 ]"
check "no gnuplot: one line naming the install command" "[ \$(wc -l <err) = 1 ] && grep -q 'apt-get install gnuplot-nox' err"
check "no gnuplot: scripts and data written, no chart" "[ -s nognuplot/reserves.gp ] && [ -s nognuplot/reserves.dat ] && [ ! -e nognuplot/reserves.svg ]"

# 7. A gnuplot that fails half-way leaves no partial chart.
mkdir fakebin failing
cat >fakebin/gnuplot <<'FAKE'
#!/bin/sh
# Writes part of a chart, then fails, as gnuplot does on an error.
for a; do case "$a" in outfile=*) f=$(printf '%s' "${a#outfile=}" | tr -d "'");; esac; done
echo "partial" >"$f"
echo "line 3: fake failure" >&2
exit 1
FAKE
chmod +x fakebin/gnuplot
rc=0; PATH="$tmp/fakebin:$PATH" "$bin" plot "$A" -o failing >/dev/null 2>err || rc=$?
check "failing gnuplot: exit 3 with its message" "[ $rc = 3 ] && grep -q 'fake failure' err && [ \$(wc -l <err) = 1 ]"
check "failing gnuplot: no chart and no temporary file" "[ -z \"\$(ls -A failing | grep -v -e '\\.gp\$' -e '\\.dat\$')\" ]"

# 7b. A set of charts is put in place whole or not at all: a run that fails
#     on its third chart leaves every old chart as it was (the ones drawn
#     before the failure are not put in place), and no staging folder.
rc=0; "$bin" plot "$A" -o whole >/dev/null 2>err || rc=$?
check "a first set of charts: exit 0" "[ $rc = 0 ]"
md5sum whole/*.svg >whole.md5
cat >fakebin/gnuplot <<FAKE
#!/bin/sh
# Fails on the reserves chart only; draws the others with the real gnuplot.
for a; do case "\$a" in reserves.gp) echo "line 1: fake failure on reserves" >&2; exit 1;; esac; done
exec $(command -v gnuplot) "\$@"
FAKE
rc=0; PATH="$tmp/fakebin:$PATH" "$bin" plot "$N" -o whole >/dev/null 2>err || rc=$?
check "a set failing on one chart: exit 3 naming it" "[ $rc = 3 ] && grep -q 'whole/reserves.gp: line 1: fake failure on reserves' err"
check "a set failing on one chart: every old chart as it was" "md5sum -c --quiet whole.md5"
check "a set failing on one chart: no staging folder left" "[ -z \"\$(ls -A whole | grep '^\\.')\" ]"
# A folder where a chart must go: refused before any file is moved.
mkdir -p inway/bills.svg
rc=0; "$bin" plot "$A" -o inway >/dev/null 2>err || rc=$?
check "a folder in the way: exit 3, one line" "[ $rc = 3 ] && [ \"\$(cat err)\" = 'inway/bills.svg: cannot write: it is a folder' ]"
check "a folder in the way: nothing else is put in place" "[ \"\$(ls -A inway)\" = bills.svg ]"

# 8. The report: one self-contained HTML page and Markdown.
rc=0; "$bin" report "$A" "$N" -o rep >/dev/null 2>err || rc=$?
check "report exits 0" "[ $rc = 0 ] && [ ! -s err ]"
check "report.html parses as HTML" "xmllint --html --noout rep/report.html 2>/dev/null"
# 11 charts: gap, lines, reserves, and waterfall, bills, council and tally of each scenario
check "report.html embeds every chart" "[ \$(grep -o 'data:image/svg+xml;base64,' rep/report.html | wc -l) = 11 ]"
check "report.html links nothing outside itself" "! grep -q -e 'src=\"http' -e 'href=\"http' rep/report.html"
check "report.md has the gap row" "grep -q '^| Gap after measures (negative: a surplus) | adopted | 0.0 | 43.9 |' rep/report.md"
# --format pdf as for plot: the charts are PDFs, report.html links each (a page cannot embed a PDF)
rc=0; "$bin" report "$A" "$N" -o reppdf --format pdf >/dev/null 2>err || rc=$?
check "report --format pdf: exit 0, PDF charts, each linked" \
    "[ $rc = 0 ] && [ ! -s err ] && [ \"\$(head -c 5 reppdf/waterfall-base.pdf)\" = %PDF- ] && [ \$(grep -c '<a href=\"[a-z-]*\\.pdf\">' reppdf/report.html) = 11 ]"
rc=0; "$bin" report "$root/tests/fixtures/hostile.cfg" "$root/tests/fixtures/hostile.cfg" -o hrep >/dev/null 2>err || rc=$?
check "hostile report: exit 0" "[ $rc = 0 ]"
check "hostile report: names escaped in HTML" "! grep -q '<b>bold' hrep/report.html && grep -q '&lt;b&gt;bold' hrep/report.html"

# 9. Bad usage.
rc=0; "$bin" plot "$A" --format gif >/dev/null 2>err || rc=$?
check "plot --format gif: exit 2" "[ $rc = 2 ] && grep -q 'must be svg, png or pdf' err"

# 10. Monte Carlo fan charts. tests/fixtures/montecarlo.cfg draws the saving
#     A uniformly from 1 to 3; its header gives, by hand: the gap with the
#     file's own A = 1 is 5.1 - 1 = 4.1, 5.05 - 1 = 4.05, 5.0 - 1 = 4.0; the
#     gap's median 5.1 - 2 = 3.1 in 2024/25; the general reserve's minimum 2.
M=$root/tests/fixtures/montecarlo.cfg
rc=0; "$bin" montecarlo "$M" --draws 4000 --seed 3 --plot fan >/dev/null 2>err || rc=$?
check "montecarlo --plot exits 0, nothing on stderr" "[ $rc = 0 ] && [ ! -s err ]"
for c in fan fan-reserve; do
    check "$c.svg, .gp and .dat written" "[ -s fan/$c.svg ] && [ -s fan/$c.gp ] && [ -s fan/$c.dat ]"
    check "$c.svg parses as XML" "xmllint --noout fan/$c.svg 2>/dev/null"
    check "$c.dat: a header and three years" "[ \$(wc -l <fan/$c.dat) = 4 ] && head -1 fan/$c.dat | grep -q \$'^\"year\"\t\"base\"\t\"p5\"\t\"p25\"\t\"p50\"\t\"p75\"\t\"p95\"\t\"minimum\"\$'"
    check "$c.dat: percentiles in order in every year" "awk -F'\t' 'NR>1 && !(\$3<=\$4 && \$4<=\$5 && \$5<=\$6 && \$6<=\$7) {bad=1} END {exit bad}' fan/$c.dat"
    check "$c.gp: bands from the widest in, then the median" "grep -q \"using 0:3:7:xtic(1) with filledcurves\" fan/$c.gp && grep -q \"'' using 0:4:6 with filledcurves\" fan/$c.gp && grep -q \"'' using 0:5 with linespoints\" fan/$c.gp"
    check "$c.gp names the seed and the draws" "grep -q 'montecarlo, 4000 draws, seed 3' fan/$c.gp"
done
check "fan.dat: the file's own gap 4.1, 4.05, 4.0" "[ \"\$(cut -f2 fan/fan.dat | tail -3 | tr '\n' ' ')\" = '4.100000 4.050000 4.000000 ' ]"
check "fan.dat: the 2024/25 median near 3.1" "awk -F'\t' 'NR==2 {exit !(\$5 > 3.0 && \$5 < 3.2)}' fan/fan.dat"
check "fan-reserve.dat: the minimum 2" "awk -F'\t' 'NR>1 && \$8 != 2 {bad=1} END {exit bad}' fan/fan-reserve.dat"
# The minimum visible (issue 14): the y range reaches below the minimum 2,
# by a margin, and the line carries its value; a minimum of 0 lies above the
# bottom of the plot, not on its axis.
ylo() { awk '/^set yrange/ {gsub(/[][]/, "", $3); split($3, r, ":"); print r[1]}' "$1"; }
check "fan-reserve: the y range starts below the minimum 2" "awk -v lo=\"\$(ylo fan/fan-reserve.gp)\" 'BEGIN {exit !(lo < 2)}'"
check "fan-reserve: the minimum's value written on its line" "grep -q \"set label 5 'minimum £2.0m'\" fan/fan-reserve.gp"
rc=0; "$bin" montecarlo "$M" --draws 400 --seed 3 --set reserves.general.minimum_m=0 --plot fan0 >/dev/null 2>err || rc=$?
check "fan-reserve with a minimum of 0: exit 0, the range below 0, no zero axis over it" "[ $rc = 0 ] && [ ! -s err ] && awk -v lo=\"\$(ylo fan0/fan-reserve.gp)\" 'BEGIN {exit !(lo < 0)}' && ! grep -q xzeroaxis fan0/fan-reserve.gp"
for fmt in png pdf; do
    rc=0; "$bin" montecarlo "$M" --draws 400 --seed 3 --plot fan-$fmt --plot-format $fmt >/dev/null 2>err || rc=$?
    check "fan charts in $fmt: exit 0, nothing on stderr, both files" "[ $rc = 0 ] && [ ! -s err ] && [ -s fan-$fmt/fan.$fmt ] && [ -s fan-$fmt/fan-reserve.$fmt ]"
done
check "no temporary files left by montecarlo --plot" "[ -z \"\$(ls -A fan | grep '^\\.')\" ]"
( cd fan && for gp in *.gp; do gp_by_hand -d "$gp" >/dev/null 2>"$gp.err" || echo "$gp" >>../fan-rerun-failed; done )
check "the fan scripts re-run by hand" "[ ! -e fan-rerun-failed ] && [ -z \"\$(cat fan/*.gp.err)\" ]"

# Sensitivity: the tornado chart (sensitivity --plot). The 2023/24 gap of the
# adopted budget is 43.920189; by hand (tests/cases/sensitivity.test shows the
# working): council tax 2023/24 is 219.814631, so a 10% swing of Band D or of
# the tax base gives 65.901652 and 21.938726; business rates and grants
# 211.63, 65.083189 and 22.757189; adult social care 186 x 1.096 = 203.856,
# 23.534589 and 64.305789. Band D comes first (a tie, in the table's order).
rc=0; "$bin" sensitivity "$A" --plot tor >tor-out 2>err || rc=$?
check "sensitivity --plot exits 0, nothing on stderr" "[ $rc = 0 ] && [ ! -s err ]"
check "sensitivity --plot still writes the table" "grep -q '^council_tax.tax_base ' tor-out"
check "tornado.svg, .gp and .dat written" "[ -s tor/tornado.svg ] && [ -s tor/tornado.gp ] && [ -s tor/tornado.dat ]"
check "tornado.svg parses as XML" "xmllint --noout tor/tornado.svg 2>/dev/null"
# (lines starting with # are comments: a setting's words and path)
grep -v '^#' tor/tornado.dat >tor/rows.dat
check "tornado.dat: a header and the top 15" "[ \$(wc -l <tor/rows.dat) = 16 ] && head -1 tor/tornado.dat | grep -q \$'^\"setting\"\t\"y\"\t\"base\"\t\"metric_low\"\t\"metric_high\"\t'"
near() { awk -F'\t' -v k="\"$1\"" -v lo="$2" -v hi="$3" '$14 == k && ($4-lo)^2 < 1e-10 && ($5-hi)^2 < 1e-10 && ($3-43.920189)^2 < 1e-10 {ok=1} END {exit !ok}' tor/tornado.dat; }
check "tornado.dat: Band D at the top, 65.901652 and 21.938726" "awk -F'\t' 'NR==2 {exit !(\$14==\"\\\"council_tax.band_d_previous_pounds\\\"\" && \$2==15)}' tor/rows.dat && near council_tax.band_d_previous_pounds 65.901652 21.938726"
check "tornado.dat: the tax base, 65.901652 and 21.938726" "near council_tax.tax_base 65.901652 21.938726"
check "tornado.dat: rates and grants, 65.083189 and 22.757189" "near funding.rates_and_grants.amount_m 65.083189 22.757189"
check "tornado.dat: adult social care, 23.534589 and 64.305789" "near services.adult_social_care.net_m 23.534589 64.305789"
check "tornado.dat: largest effect first" "awk -F'\t' 'NR>1 {e = (\$10<0?-\$10:\$10); f = (\$11<0?-\$11:\$11); e = e>f?e:f; if (NR>2 && e > last + 1e-9) bad=1; last=e} END {exit bad}' tor/rows.dat"
check "tornado.gp: bars with boxxyerror, labels from the data" "grep -q 'using 3:2:6:7:(\$2-0.36):(\$2+0.36):ytic(1) with boxxyerror' tor/tornado.gp && ! grep -q 'council_tax\\.' tor/tornado.gp"
check "tornado.gp: the Okabe-Ito blue and orange" "grep -q \"lc rgb '#0072B2'\" tor/tornado.gp && grep -q \"lc rgb '#E69F00'\" tor/tornado.gp"
# The title and the axis in words with the unit (issue 14), never the row's key:
# totals.gap_after_m is "Gap after measures (negative: a surplus)" in £m (budgetsim reference --rows).
tjoin() { grep "^set label $1 " tor/tornado.gp | sed -e "s/^set label $1 //" -e "s/ at screen.*//" -e "s/'\\.\"\\\\n\"\\.'/ /g" -e "s/^'//" -e "s/'\$//"; }
check "tornado.gp: the title names the quantity in words with £m, the swing and the scenario" "[ \"\$(tjoin 90)\" = 'Gap after measures (£m; negative: a surplus) in 2023/24, each setting swung 10%: Liverpool 2022/23 budget, as adopted' ]"
check "tornado.gp: the axis names the quantity with £m and the base" "[ \"\$(tjoin 91)\" = 'Gap after measures (£m; negative: a surplus) in 2023/24; dashed line: the base, 43.9202' ]"
check "tornado.gp: no row key in a title" "! grep -E '^set (title|label 9[01])' tor/tornado.gp | grep -q 'totals\\.'"
# each bar labelled in words from the settings table (budgetsim reference:
# "band_d_previous_pounds ... Band D council tax ... (£)"), never by its path
check "tornado.dat: Band D's bar labelled in words with its unit" "awk -F'\t' 'NR==2 {exit !(\$1 == \"\\\"Band D council tax (£)\\\"\")}' tor/rows.dat"
check "tornado.dat: no label is a path" "! cut -f1 tor/rows.dat | grep -q '[a-z]_[a-z]*\\.'"
check "tornado: 1000 units wide" "grep -q 'set terminal svg size 1000,' tor/tornado.gp"
# Clamping: the Liverpool file's collection rate is 100, its allowed maximum
# (0 to 100, docs/scenario-format.md), so its +10% swing is clamped to 100;
# no other setting in the top 15 reaches an end of its range at 10%.
check "tornado.dat: the collection rate's high swing clamped, no other side" "awk -F'\t' 'NR>1 {c += \$12 + \$13; if (\$14 == \"\\\"council_tax.collection_rate_pct\\\"\" && \$13 == 1 && \$12 == 0) ok=1} END {exit !(ok && c == 1)}' tor/tornado.dat"
check "tornado: the clamped swing marked, with a key entry" "grep -q \"(\\\$13 > 0 ? \\\$5 : NaN):2 with points\" tor/tornado.gp && grep -q 'swing clamped to the allowed range' tor/tornado.svg"
rc=0; "$bin" sensitivity "$A" --only council_tax.tax_base,services.adult_social_care.net_m --plot tor-nc >/dev/null 2>err || rc=$?
check "tornado with no clamped swing: exit 0, no mark and no key entry" "[ $rc = 0 ] && [ ! -s err ] && ! grep -q clamped tor-nc/tornado.gp && ! grep -q clamped tor-nc/tornado.svg"
for fmt in png pdf; do
    rc=0; "$bin" sensitivity "$A" --plot tor-$fmt --plot-format $fmt >/dev/null 2>err || rc=$?
    check "tornado in $fmt: exit 0, nothing on stderr, the file" "[ $rc = 0 ] && [ ! -s err ] && [ -s tor-$fmt/tornado.$fmt ]"
done
check "no temporary files left by sensitivity --plot" "[ -z \"\$(ls -A tor | grep '^\\.')\" ]"
( cd tor && gp_by_hand -d tornado.gp >/dev/null 2>tornado.gp.err || echo tornado >>../tor-rerun-failed )
check "the tornado script re-runs by hand" "[ ! -e tor-rerun-failed ] && [ ! -s tor/tornado.gp.err ]"
rc=0; "$bin" sensitivity "$A" --plot torpng --image png >/dev/null 2>err || rc=$?
check "tornado.png (--image, the old name of --plot-format): exit 0 and the PNG signature" "[ $rc = 0 ] && [ ! -s err ] && [ \"\$(head -c 8 torpng/tornado.png | od -An -tx1 | tr -d ' \\n')\" = 89504e470d0a1a0a ]"
# Hostile names: in the title (the scenario) and on the axis (a service line
# as the metric); only one setting has an effect, the others are bars of no
# width, and nothing runs.
rc=0; "$bin" sensitivity "$root/tests/fixtures/hostile.cfg" --metric services.s1.net_m --plot htor >/dev/null 2>err || rc=$?
check "hostile tornado: exit 0, nothing on stderr" "[ $rc = 0 ] && [ ! -s err ]"
check "hostile tornado.svg parses as XML" "xmllint --noout htor/tornado.svg 2>/dev/null"
check "hostile tornado: names shown as text" "grep -q 'touch PWNED-title' htor/tornado.svg && grep -q 'touch PWNED-line' htor/tornado.svg"
check "hostile tornado: nothing executed" "[ -z \"\$(find / -xdev -name 'PWNED*' 2>/dev/null | head -1)\" ]"

# Council charts and the palette (issue 14). The votes needed, by hand:
# Liverpool 2022 had 47 for and 27 against (16 absent), 74 votes cast; the
# rule is a simple majority of the votes cast, so the fewest votes for that
# pass are the least k with k > 74 - k: floor(74 / 2) + 1 = 38. The hemicycle
# says so beside its line and below the seats; the tally (Liverpool's members
# may rebel) draws a line between 37 and 38 votes for, labelled.
check "hemicycle: its line is marked 38 needed" "grep -qF '>38 needed<' svg/council-base.svg"
check "hemicycle: the threshold in words, 38 of 74 votes cast" "grep -qF 'Needed to pass: 38 (more than half of the 74 votes cast)' svg/council-base.svg"
check "hemicycle: the legend explains absent and abstained" "grep -qF '>absent<' svg/council-base.svg && grep -qF '>abstained<' svg/council-base.svg"
check "tally: the pass threshold at 37.5, labelled 38" "grep -qF 'set arrow 1 from first 37.5, graph 0 to first 37.5, graph 1' svg/tally-base.gp && grep -qF '>needed to pass: 38<' svg/tally-base.svg"
# absent members are drawn as a cross in #505050, no group's colour in Liverpool
check "hemicycle: absent is a cross in an ink no Liverpool group has" "grep -qF \"lc rgb '#505050'\" svg/council-base.gp && ! grep -qi 'colour = \"#505050\"' $A"
# The colour warning: Liverpool (plot and report) says nothing; the hung
# council with its Green set back to #02A95B (8.3 from Labour's #E4003B under
# deuteranopia, tests/test_colour.c) warns once, exit 0, naming both groups.
rc=0; "$bin" report "$A" "$N" -o lrep >/dev/null 2>err || rc=$?
check "report of Liverpool: exit 0, nothing on stderr" "[ $rc = 0 ] && [ ! -s err ]"
rc=0; "$bin" plot "$root/scenarios/examples/hung-council.cfg" --set 'council.groups.green.colour=#02A95B' -o clash >/dev/null 2>err || rc=$?
check "two groups alike: exit 0 and one warning line" "[ $rc = 0 ] && [ \$(wc -l <err) = 1 ]"
check "two groups alike: the warning names the file, both groups, the vision, the setting" \
    "grep -qF 'hung-council.cfg: groups Labour (#E4003B) and Green (#02A95B) look alike to a reader with deuteranopia (Delta E 8.3 < 10)' err && grep -qF 'council.groups.green.colour' err"

# ---- The gap chart, the waterfalls' one scale and key, the lines chart's total ----
# gap.dat: each year's gap after measures, base and alternative, is the
# totals.gap_after_m row of `run --format csv` of each file (read there, not
# from the chart), to the 6 decimals the data file keeps.
"$bin" run "$A" --format csv | grep '^totals.gap_after_m,' | cut -d, -f5- | tr , '\n' >gap-base.csv
"$bin" run "$N" --format csv | grep '^totals.gap_after_m,' | cut -d, -f5- | tr , '\n' >gap-alt.csv
grep -v '^#' svg/gap.dat | tail -n +2 | cut -f2,3 >gap-chart.tsv
check "gap chart: a row a year (5 years)" "[ \$(wc -l <gap-chart.tsv) = 5 ] && [ \$(wc -l <gap-base.csv) = 5 ]"
check "gap chart: each year's gaps as run computes them" \
    "paste gap-chart.tsv gap-base.csv gap-alt.csv | awk -F'\t' '{ if ((\$1-\$3)^2 > 1e-12 || (\$2-\$4)^2 > 1e-12) bad=1 } END { exit bad }'"
check "gap chart: from 2023/24 the no-cuts alternative leaves a gap (48.1 > 0)" \
    "awk -F'\t' 'NR==2 { exit !(\$2 > 48.1 && \$2 < 48.2) }' gap-chart.tsv"
rc=0; "$bin" plot "$A" -o gap-one --format png >/dev/null 2>err || rc=$?
check "gap chart of one scenario: drawn, one column of values" \
    "[ $rc = 0 ] && [ -s gap-one/gap.png ] && [ \"\$(grep -v '^#' gap-one/gap.dat | head -1)\" = \$'\"year\"\\t\"gap\"' ]"
# The paired waterfalls share one y scale, and every colour a box of a
# waterfall has (the data's colour column, decimal) has a key entry.
check "waterfalls: one y scale for the pair" \
    "[ \"\$(grep '^set yrange' svg/waterfall-base.gp)\" = \"\$(grep '^set yrange' svg/waterfall-alt.gp)\" ]"
for w in waterfall-base waterfall-alt; do
    missing=""
    for col in $(grep -v '^#' svg/$w.dat | tail -n +2 | cut -f8 | sort -u); do
        hex=$(printf '#%06X' "$col")
        grep -qF "keyentry with boxes lc rgb '$hex'" svg/$w.gp || missing="$missing $hex"
    done
    check "$w: every colour drawn has a key entry (missing:${missing:- none})" "[ -z '$missing' ]"
done
# lines.dat's "cost" column: what the alternative changes, line by line and
# for each change on no line; its sum is compare's "Change in the gap after
# measures" for 2022/23 (-6.0), and the service lines alone the £4.0m the
# issue counts (care 1.9, children 0.1, libraries 0.3 and the £40 green bin
# charge 1.68: without the charge the chart showed £2.3m).
cmp_total=$("$bin" compare "$A" "$N" | awk '/^Change in the gap after measures/ { print $(NF-4); exit }')
check "lines chart: the costs add up to compare's change in the gap ($cmp_total)" \
    "grep -v '^#' svg/lines.dat | tail -n +2 | awk -F'\t' -v t='$cmp_total' '{ s += \$4 } END { exit !((s - t)^2 < 0.05^2) }'"
check "lines chart: the service lines' costs are the £4.0m, the charge included" \
    "grep -v '^#' svg/lines.dat | tail -n +2 | awk -F'\t' '\$2 != \"NaN\" { s += \$4 } END { exit !(s > 3.95 && s < 4.05) }'"

finish
