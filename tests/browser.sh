#!/usr/bin/env bash
# report.html in a real browser (Debian's chromium, headless; scripts/install-deps
# installs it): for the Liverpool pair and an example council (the example
# district against scenarios/examples/hung-council.cfg), a screenshot of the
# first screen and one of the whole page, and the page printed to PDF.
# Kept for a person to look at in tests/out/browser/ (git ignores tests/out/).
#
# What is asserted, and why those numbers:
# - First screen (1200x1600): at least 4% of its pixels not white. A page of
#   body text at this size inks 8-12% (dense text); the title and one line
#   ink under 2%; a blank page 0% (checked below on an empty page, so the
#   measure can fail).
# - Whole page (1200x12000): at least 0.5% of its pixels coloured. The
#   report's stylesheet is all greys, so colour can only come from the
#   charts; a page whose images did not load or decode has none.
# - Printed to PDF: every page A4 (MediaBox 595x842 pt, within 1 pt), and the
#   number of pages (each /Type /Page object) within [C+1, C+5+G+U]. C is
#   the pages the charts of the Charts section take, worked out here from
#   each chart's own SVG: printed 16 cm wide, a chart of W x H units is
#   160*H/W mm tall; with its heading and caption (25 mm) it is a block never
#   split, the blocks packed in the report's order onto pages of 267 mm (A4's
#   297 less 15 mm margins). Before the charts come the story and the tables,
#   at least one page. Besides the charts: the story at most a page (10 pt);
#   the tables, the votes and the inputs at most 3 (Liverpool's 100 rows at
#   8 pt, about 4.2 mm a row, are 1.6 pages; headings, repeated table
#   headings and groups of rows moved whole to the next page the rest); the
#   appendix's tables of counts one. G is the gap chart's block after the
#   story, in pages (rounded up); U the appendix's list of numbers with no
#   source comment, each item at most two 8 pt lines (6 mm): U = ceil(6 mm x
#   items / 267 mm). The count catches a report that loses its charts or
#   grows past what its content needs (a chart over two pages, a table
#   printed a row to a page); rows split and headings stranded are left to
#   the stylesheet (tests/report.sh) and to the check on the pages' last
#   lines below.
# Chromium waits for the page with --virtual-time-budget (the charts are
# data: URIs, decoded before the budget runs out).
# usage: tests/browser.sh BUDGETSIM
suite=browser
. "$(dirname "$0")/lib.sh"

out=$root/tests/out/browser
rm -rf "$out"
mkdir -p "$out"
if ! command -v chromium >/dev/null 2>&1; then
    bad "chromium is not installed (make deps installs it)"
    finish
    exit 1
fi
export SOURCE_DATE_EPOCH=1700000000 # the report's date fixed (2023-11-14)

# chromium URL ARGS...: headless, its chatter (dbus, the wrapper) dropped.
chromium_run() {
    local url=$1
    shift
    timeout 120 chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --hide-scrollbars \
        --virtual-time-budget=10000 "$@" "$url" >/dev/null 2>&1
}
share() { perl "$root/tests/pngshare.pl" "$@"; }

# The pages the charts of report folder DIR take printed (see above), as
# "C G": C those of the Charts section, in the order report.html embeds them
# (its "Script: NAME.gp" after id="charts"), G the gap chart's before it.
chart_pages() {
    local dir=$1 n
    for n in $(sed -n '/id="charts"/,$p' "$dir/report.html" | grep -o 'Script: [^ ,<]*\.gp' | sed 's/Script: //; s/\.gp$//'); do
        grep -o 'viewBox="[^"]*"' "$dir/$n.svg" | head -1
    done | perl -ne 'if (/viewBox="\S+ \S+ (\S+) (\S+)"/) { push @b, 160 * $2 / $1 + 25 }
            END { my ($pages, $left) = (0, 0);
                  for (@b) { if ($_ > $left) { $pages++; $left = 267 } $left -= $_ }
                  print $pages }'
    printf ' '
    if grep -q 'Script: gap\.gp' "$dir/report.html"; then
        grep -o 'viewBox="[^"]*"' "$dir/gap.svg" | head -1 |
            perl -ne 'print int((160 * $2 / $1 + 25 + 266) / 267) if /viewBox="\S+ \S+ (\S+) (\S+)"/'
    else
        printf 0
    fi
    echo
}

# A blank page inks nothing: the measure can fail.
echo '<!DOCTYPE html><html><head><title>blank</title></head><body></body></html>' >"$out/blank.html"
chromium_run "file://$out/blank.html" --screenshot="$out/blank.png" --window-size=1200,1600
read -r _ _ ink _ < <(share "$out/blank.png" 2>/dev/null || echo "0 0 100 100")
check "a blank page inks under 0.1% ($ink%)" "perl -e 'exit !($ink < 0.1)'"

# look NAME BASE ALT: the report of BASE and ALT, in the browser and printed.
look() {
    local name=$1 dir=$out/$1
    shift
    if ! "$bin" report "$@" -o "$dir" >/dev/null 2>"$out/$name.err"; then
        bad "$name: report failed: $(head -c 300 "$out/$name.err")"
        return
    fi
    local url="file://$dir/report.html" w h ink colour screen
    chromium_run "$url" --screenshot="$out/$name-screen.png" --window-size=1200,1600
    read -r w h ink colour < <(share "$out/$name-screen.png" 2>/dev/null || echo "0 0 0 0")
    screen=$ink
    check "$name: first screen 1200x1600 ($w x $h), at least 4% inked ($ink%)" \
        "[ '$w $h' = '1200 1600' ] && perl -e 'exit !($ink >= 4)'"
    chromium_run "$url" --screenshot="$out/$name-page.png" --window-size=1200,12000
    read -r w h ink colour < <(share "$out/$name-page.png" 2>/dev/null || echo "0 0 0 0")
    check "$name: the whole page shows its charts, at least 0.5% coloured ($colour%)" "perl -e 'exit !($colour >= 0.5)'"

    chromium_run "$url" --print-to-pdf="$out/$name.pdf"
    local pdf=$out/$name.pdf pages boxes a4 c
    pages=$(perl -0777 -ne 'print scalar(() = m{/Type\s*/Page(?![A-Za-z])}g)' "$pdf" 2>/dev/null || echo 0)
    boxes=$(perl -0777 -ne 'print scalar(() = m{/MediaBox\s*\[}g)' "$pdf" 2>/dev/null || echo 0)
    a4=$(perl -0777 -ne '$n++ while m{/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]}g && abs($1 - 595.28) < 1 && abs($2 - 841.89) < 1; print $n // 0' "$pdf" 2>/dev/null || echo 0)
    local g
    read -r c g < <(chart_pages "$dir")
    local items u
    items=$(grep -c '^<li>' "$dir/report.html" || true)
    u=$(( (6 * items + 266) / 267 ))
    check "$name: printed, every page A4 ($a4 of $pages pages, $boxes MediaBoxes)" \
        "[ '$pages' -gt 0 ] && [ '$a4' = '$pages' ] && [ '$boxes' = '$pages' ]"
    check "$name: printed to $pages pages, within [$((c + 1)), $((c + 5 + g + u))] (the charts section takes $c, the gap chart $g, the $items unsourced numbers $u)" \
        "[ '$pages' -ge $((c + 1)) ] && [ '$pages' -le $((c + 5 + g + u)) ]"
    # The printed pages' own text (tests/pdfpages.pl): no page ends with a
    # heading or a table's heading row (a line all in the bold font), and the
    # check sees them: as many bold lines at least as report.html has h2.
    perl "$root/tests/pdfpages.pl" "$pdf" >"$out/$name.txt" 2>"$out/$name.txt.err" || true
    local h2 boldlines stranded
    h2=$(grep -o '<h2' "$dir/report.html" | wc -l)
    boldlines=$(awk -F'\t' '$3 == 1' "$out/$name.txt" | wc -l)
    stranded=$(awk -F'\t' '{ last[$1] = $3 "\t" $4 } END { for (p in last) if (last[p] ~ /^1\t/) print "page " p ": " substr(last[p], 3) }' "$out/$name.txt")
    check "$name: the printed text read, every page ($(cut -f1 "$out/$name.txt" | sort -un | wc -l) of $pages), $boldlines bold lines for $h2 h2" \
        "[ \$(cut -f1 '$out/$name.txt' | sort -un | wc -l) = '$pages' ] && [ '$boldlines' -ge '$h2' ] && [ '$h2' -gt 3 ]"
    check "$name: no page ends with a heading or a table's headings${stranded:+ ($stranded)}" '[ -z "$stranded" ]'
    echo "$name: $pages pages printed, within [$((c + 1)), $((c + 5 + g + u))] (charts section $c, gap chart $g, unsourced list $u); first screen ${screen}% inked, whole page ${colour}% coloured; kept in $out"
}

# From the repository with its paths, as a user types them (the report names them).
cd "$root"
look liverpool scenarios/liverpool-2022-adopted.cfg scenarios/liverpool-2022-no-cuts.cfg
look example scenarios/example-district.cfg scenarios/examples/hung-council.cfg

# --format pdf: report.html shows each chart from the SVG drawn beside its
# PDF (an <img> cannot show a PDF): the page as coloured as with SVG charts.
if "$bin" report scenarios/liverpool-2022-adopted.cfg scenarios/liverpool-2022-no-cuts.cfg --format pdf \
    -o "$out/liverpool-pdf" >/dev/null 2>"$out/liverpool-pdf.err"; then
    chromium_run "file://$out/liverpool-pdf/report.html" --screenshot="$out/liverpool-pdf-page.png" --window-size=1200,12000
    read -r _ _ _ colour < <(share "$out/liverpool-pdf-page.png" 2>/dev/null || echo "0 0 0 0")
    check "liverpool --format pdf: the whole page shows its charts, at least 0.5% coloured ($colour%)" \
        "perl -e 'exit !($colour >= 0.5)'"
else
    bad "liverpool --format pdf: report failed: $(head -c 300 "$out/liverpool-pdf.err")"
fi
finish
