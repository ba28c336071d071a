#!/usr/bin/env bash
# Every chart as a reader of the printed page sees it: each command that
# draws (plot of one scenario and of a pair, report, sweep over one and two
# settings and over an uneven list, sensitivity, montecarlo), for the
# Liverpool pair, every example council, councils of 9 to 150 seats and the
# hostile and long names of tests/fixtures/charts/, in SVG, PNG and PDF,
# each drawn with no word from gnuplot and looked at by tests/chartlook.pl:
# in the SVG every text inside the canvas, at least 20 units high (9 points
# printed 16 cm wide; the source line 16 units, 7 points) and none over
# another; in the PNG nothing drawn on the edge (nothing clipped); the PDF
# page 16 cm wide.
# usage: tests/look.sh BUDGETSIM
suite=look
. "$(dirname "$0")/lib.sh"

FX=$root/tests/fixtures/charts
A=$root/scenarios/liverpool-2022-adopted.cfg
N=$root/scenarios/liverpool-2022-no-cuts.cfg
EX=$root/scenarios/examples
LOOK="perl $root/tests/chartlook.pl"
cd "$tmp"

# look NAME DIR FMT: every chart of DIR in FMT looked at; NAME says which run
look() {
    local name=$1 dir=$2 fmt=$3 files
    files=$(ls "$dir"/*."$fmt" 2>/dev/null || true)
    check "$name ($fmt): charts drawn" "[ -n \"\$files\" ]"
    [ -n "$files" ] || return 0
    # shellcheck disable=SC2086
    if $LOOK $files >"$dir.look" 2>&1; then ok; else bad "$name ($fmt): $(head -n 3 "$dir.look" | tr '\n' ' ')"; fi
}

# run NAME FMT CMD...: the command draws with exit 0 and nothing on stderr
run_draw() {
    local name=$1 fmt=$2
    shift 2
    "$bin" "$@" >"$name-$fmt.out" 2>"$name-$fmt.err" && rc=0 || rc=$?
    check "$name ($fmt): exit 0, no word on stderr (got $rc: $(head -c 200 "$name-$fmt.err"))" \
        "[ $rc = 0 ] && [ ! -s $name-$fmt.err ]"
}

pairs="liverpool:$A:$N"
for p in hostile long-40 long-199 max; do
    base=$FX/$p.cfg
    [ -f "$base" ] || base=$FX/$p-base.cfg
    pairs="$pairs $p:$base:$FX/$p-alt.cfg"
done
singles=""
for s in "$EX"/*.cfg "$FX"/seats-*.cfg; do [ -f "$s" ] && singles="$singles $s"; done

for fmt in svg png pdf; do
    for p in $pairs; do
        IFS=: read -r name base alt <<<"$p"
        run_draw "plot-$name" $fmt plot "$base" "$alt" -o "plot-$name-$fmt" --format $fmt
        look "plot $name" "plot-$name-$fmt" $fmt
    done
    for s in $singles; do
        name=$(basename "$s" .cfg)
        run_draw "one-$name" $fmt plot "$s" -o "one-$name-$fmt" --format $fmt
        look "plot $name" "one-$name-$fmt" $fmt
    done
    run_draw report $fmt report "$A" "$N" -o "report-$fmt" --format $fmt
    look "report liverpool" "report-$fmt" $fmt
    run_draw sweep1 $fmt sweep "$A" --vary council_tax.core_rise_pct=0:4.99:0.5 -o s1.csv --plot "sweep1-$fmt" --plot-format $fmt
    look "sweep over one setting" "sweep1-$fmt" $fmt
    run_draw sweep2 $fmt sweep "$A" --vary council_tax.core_rise_pct=0:4:1 \
        --vary services.adult_social_care.growth_pct=0:6:2 -o s2.csv --plot "sweep2-$fmt" --plot-format $fmt
    look "sweep over two settings" "sweep2-$fmt" $fmt
    run_draw sweepl $fmt sweep "$A" --vary council_tax.core_rise_pct=0,1,4.99 \
        --vary services.adult_social_care.growth_pct=0,5,20 -o sl.csv --plot "sweepl-$fmt" --plot-format $fmt
    look "sweep over uneven lists" "sweepl-$fmt" $fmt
    run_draw tornado $fmt sensitivity "$A" -o t.txt --plot "tornado-$fmt" --plot-format $fmt
    look "sensitivity" "tornado-$fmt" $fmt
    run_draw fan $fmt montecarlo "$EX/liverpool-uncertain.cfg" --draws 500 --seed 1 -o f.txt --plot "fan-$fmt" --plot-format $fmt
    look "montecarlo" "fan-$fmt" $fmt
done

# the checker itself sees what it is there to see: a text off the canvas,
# one too small, two on top of each other, a PNG drawn to its edge
cat >bad.svg <<'EOF'
<svg viewBox="0 0 1000 600">
<g transform="translate(990.00,300.00)" font-size="20.00" text-anchor="start"><text>off the right edge</text></g>
<g transform="translate(100.00,100.00)" font-size="12.00" text-anchor="start"><text>too small</text></g>
<g transform="translate(400.00,400.00)" font-size="20.00" text-anchor="start"><text>one text</text></g>
<g transform="translate(410.00,405.00)" font-size="20.00" text-anchor="start"><text>over another</text></g>
<g transform="translate(10.00,590.00)" font-size="16.00" text-anchor="start"><text>Source: small but allowed</text></g>
</svg>
EOF
$LOOK bad.svg >bad.look 2>&1 && rc=0 || rc=$?
check "chartlook: a bad SVG fails" "[ $rc = 1 ]"
check "chartlook: text off the canvas found" "grep -q \"outside the 1000x600 canvas.*'off the right edge'\" bad.look"
check "chartlook: 12 units is too small" "grep -q \"12.0 units high (at least 20): 'too small'\" bad.look"
check "chartlook: overlapping texts found" "grep -q \"overlap: 'one text' and 'over another'\" bad.look"
check "chartlook: the source line at 16 units passes" "! grep -q 'Source: small' bad.look"
check "chartlook: 3 problems, no more" "[ \$(wc -l <bad.look) = 3 ]"
gnuplot -e "set terminal pngcairo size 200,100; set output 'edge.png'; unset border; unset tics; \
set label 'XXXXXXXXXXXXXXXXXXXX' at screen 0.9, screen 0.5; plot NaN notitle" 2>/dev/null
$LOOK edge.png >edge.look 2>&1 && rc=0 || rc=$?
check "chartlook: a PNG with text cut at its right edge fails" "[ $rc = 1 ] && grep -q 'drawn at the edge' edge.look"
gnuplot -e "set terminal pngcairo size 200,100; set output 'clear.png'; unset border; unset tics; \
set label 'X' at screen 0.5, screen 0.5; plot NaN notitle" 2>/dev/null
check "chartlook: a PNG with text in its middle passes" "$LOOK clear.png"
finish
