#!/usr/bin/env bash
# The report's story ("In brief", before any table) for the Liverpool pair,
# checked against figures worked out by hand from the scenario files and
# compare's table: the 2022/23 gap after measures is 0.0 for adopted and
# -6.0 for no-cuts (the £10m top-up dropped, £4.0m of savings and the
# charge given up); the later gaps 43.9/48.1 ... 106.8/111.8; the vote 47 to
# 27 for adopted and 10 to 64 for no-cuts, NOT adopted; every chart has alt
# text and a caption; report.html has its print stylesheet.
# usage: tests/report.sh BUDGETSIM
suite=report
. "$(dirname "$0")/lib.sh"

A=$root/scenarios/liverpool-2022-adopted.cfg
N=$root/scenarios/liverpool-2022-no-cuts.cfg
cd "$tmp"
"$bin" report "$A" "$N" -o rep >/dev/null 2>err
check "report: nothing on stderr" "[ ! -s err ]"
md=rep/report.md html=rep/report.html

# The story comes before the first table.
story_line=$(grep -n '^## In brief$' $md | cut -d: -f1)
table_line=$(grep -n '^|' $md | head -1 | cut -d: -f1)
check "report.md: In brief before any table" "[ -n '$story_line' ] && [ '$story_line' -lt '$table_line' ]"
check "report.html: In brief before any table" \
    "[ \$(grep -bo '<h2>In brief</h2>' $html | cut -d: -f1) -lt \$(grep -bo '<table>' $html | head -1 | cut -d: -f1) ]"

story() { sed -n '/^## In brief$/,/^## Year by year$/p' $md; }
has() { story | grep -qF -- "$1"; }
check "story: the changes, as compare words them" \
    "has 'drops charge: Green bin (garden waste) charge (+1.7 to the gap in 2022/23)' && has 'changes reserve movement: Top-up of the general reserve (-10.0 to the gap in 2022/23)'"
check "story: the 2022/23 gap after measures, 0.0 and -6.0" \
    "has 'the gap after measures in 2022/23 is £0.0m for adopted and -£6.0m for no-cuts (-6.0).'"
check "story: the later years, base against alternative" \
    "has '2023/24 £43.9m against £48.1m (+4.2)' && has '2026/27 £106.8m against £111.8m (+5.0).'"
check "story: how it is paid for (compare's In words)" \
    "has '2022/23: the changes in no-cuts cost £4.0m and it finds £10.0m to pay for them; £6.0m is left over and goes to the general reserve.'"
check "story: the reserves, 30.7 against 26.7" \
    "has 'adopted draws £0.0m and tops them up by £10.0m' && has 'the general reserve closes the year at £30.7m for adopted and £26.7m for no-cuts (-4.0).'"
check "story: both lawful" \
    "has 'adopted is lawful: it meets all 5 rules that apply to it.' && has 'no-cuts is lawful: it meets all 5 rules'"
check "story: the votes, 47 to 27 and 10 to 64" \
    "has 'adopted: passed, 47 for to 27 against (0 abstaining, 16 absent)' && has 'no-cuts: failed, 10 for to 64 against (0 abstaining, 16 absent)'"
check "story: on what the vote rests" "has 'for: Labour 47; against: Labour rebels (suspended) 7 (red line)'"
check "story: no-cuts NOT adopted" "has 'NOT adopted: the budget lost the vote, 10 for to 64 against.'"
# -6.0 £m over the tax base: the compare table gives -52.59/-35.06 per change sum; the rows round the gap itself
check "story: per household, Band D and Band A" \
    "has '-£52.60 per Band D equivalent and -£35.07 per Band A home for no-cuts' && has '£914.50 (Band D) and £609.67 (Band A) for adopted'"

# A broken rule is named: a 5% core rise (the limit is 1.99%) on the alternative breaks the referendum rule.
"$bin" report "$A" "$N" --set council_tax.core_rise_pct=5 -o rep2 >/dev/null 2>&1 || true
check "story: a broken rule named, in each year" \
    "sed -n '/^## In brief$/,/^## Year by year$/p' rep2/report.md | grep -qF 'council\\_tax.core\\_rise\\_pct=5 breaks the rule \"Core council tax rise within the referendum limit\" in 2022/23, 2023/24, 2024/25, 2025/26, 2026/27: no-cuts'"

# Charts: alt text and a caption, never empty.
check "report.html: no <img> with an empty alt" "! grep -q '<img alt=\"\"' $html && [ \$(grep -c '<img alt=\"[^\"]' $html) = 11 ]"
# 11 charts: the gap chart (after the story) and the 10 others
check "report.md: no image with empty alt text" "! grep -qF '![](' $md && [ \$(grep -c '^!\[[^]]' $md) = 11 ]"
check "report.html: a caption for every chart" "[ \$(grep -c '<figcaption>Figure ' $html) = 11 ]"
check "report: the waterfall described" \
    "grep -qF 'Waterfall of the 2022/23 gap for Liverpool 2022/23 budget, as adopted: £24.5m before measures, closed by savings of £22.8m, charges of £1.7m and reserve draws of £0.0m, leaving £0.0m after measures.' $html"

# Print: A4, no row split, headings kept with what follows, images in the page.
check "report.html: the print stylesheet" \
    "grep -qF '@media print{@page{size:A4;margin:15mm}' $html && grep -qF 'tr,tbody{break-inside:avoid' $html && grep -qF 'h1,h2,h3,p:has(+table){break-after:avoid' $html && grep -qF 'img{max-width:100%' $html"
check "report.html parses as HTML" "xmllint --html --noout $html 2>/dev/null"

# Print, as charts are laid out (write/charts/chart.h): 16 cm wide in print,
# never wider than the text block (A4 less 15 mm margins: 18 cm); a table's
# headings in a thead (repeated on each page), each group of three rows a
# tbody kept on one page. (tests/browser.sh prints it with Chromium.)
check "report.html: charts 16 cm wide in print, within the page" \
    "grep -qF 'img{width:16cm;max-width:100%;height:auto' $html && grep -qF 'tr,tbody{break-inside:avoid' $html && grep -qF 'figure{margin:0.5em 0;break-inside:avoid' $html"
check "report.html: table headings in thead, year groups in tbody" \
    "[ \$(grep -c '^<thead><tr><th>' $html) -ge 5 ] && [ \$(grep -c '^<tbody><tr><td rowspan=\"3\">' $html) = 13 ]"

# The version and the date, at the top of both documents: the date is
# SOURCE_DATE_EPOCH's when set (86400 s after the epoch is 1970-01-02, UTC),
# else the day the report is written (date -u); the version is --version's.
version=$("$bin" --version | head -1 | sed 's/^budgetsim //')
SOURCE_DATE_EPOCH=86400 "$bin" report "$A" "$N" -o rep3 >/dev/null 2>&1
check "report: version and SOURCE_DATE_EPOCH's date at the top" \
    "grep -qF 'Written by budgetsim $version on 1970-01-02 from' rep3/report.html && sed -n 3p rep3/report.md | grep -qF 'Written by budgetsim $version on 1970-01-02 from'"
check "report: without SOURCE_DATE_EPOCH, today's date" \
    "grep -qF \"budgetsim $version on \$(date -u +%F) from\" $html"
check "report: the inputs, each file with its SHA-256" \
    "grep -qF \"\$(sha256sum < $A | cut -c1-64)\" rep3/report.md && grep -qF \"\$(sha256sum < $N | cut -c1-64)\" rep3/report.html"

# --format pdf: report.md links the PDF charts (11: the gap, the lines,
# the reserves, and a waterfall, bills, council and tally for each
# scenario); report.html cannot show a
# PDF in an <img> (nor, headless, in an <object>), so it embeds each chart's
# SVG, drawn beside the PDF from the same script, and links the PDF.
"$bin" report "$A" "$N" --format pdf -o repp >/dev/null 2>repp.err
check "report --format pdf: nothing on stderr" "[ ! -s repp.err ]"
check "report --format pdf: report.md links 11 PDF charts, no SVG" \
    "[ \$(grep -c '^!\[[^]]*\]([a-z-]*\.pdf)\$' repp/report.md) = 11 ] && ! grep -q '\.svg)' repp/report.md"
check "report --format pdf: report.html embeds 11 SVG charts and links each PDF" \
    "[ \$(grep -c '<img alt=\"[^\"]*\" src=\"data:image/svg+xml;base64,' repp/report.html) = 11 ] && [ \$(grep -c 'PDF: <a href=\"[a-z-]*\.pdf\">' repp/report.html) = 11 ] && ! grep -q 'application/pdf' repp/report.html"
pdfs_ok=1
for p in $(grep -o '([a-z-]*\.pdf)' repp/report.md | tr -d '()'); do
    [ "$(head -c 5 "repp/$p")" = "%PDF-" ] && xmllint --noout "repp/${p%.pdf}.svg" 2>/dev/null || pdfs_ok=0
done
check "report --format pdf: each linked PDF a PDF, its SVG well formed" "[ $pdfs_ok = 1 ]"
finish
