#!/usr/bin/env bash
# sweep: the same output whatever the threads or shards, rows that agree with
# single runs, and the charts, with the real gnuplot.
# usage: tests/sweep.sh BUDGETSIM
# Each check prints nothing when it passes; the last line counts them.
suite=sweep
. "$(dirname "$0")/lib.sh"

A=$root/scenarios/liverpool-2022-adopted.cfg
cd "$tmp"

# 1. Thread-count invariance: 300 x 7 = 2,100 points, more than one block of
#    rows, with 1, 2 and 5 threads: byte for byte the same.
V="--vary council_tax.core_rise_pct=0:2.99:0.01 --vary services.adult_social_care.growth_pct=0,1,2,3,4,5,6"
"$bin" sweep "$A" $V --threads 1 >t1.csv 2>t1.err
"$bin" sweep "$A" $V --threads 2 >t2.csv
"$bin" sweep "$A" $V --threads 5 >t5.csv
check "2,101 lines (a header and 300 x 7 points)" "[ \$(wc -l <t1.csv) = 2101 ]"
check "every line ends in CRLF" "[ \$(grep -c \$'\\r\$' t1.csv) = 2101 ]"
check "nothing on stderr when it is not a terminal" "[ ! -s t1.err ]"
check "--threads 1 and --threads 2 give the same bytes" "cmp -s t1.csv t2.csv"
check "--threads 1 and --threads 5 give the same bytes" "cmp -s t1.csv t5.csv"

# 2. Shard invariance: 3 and 7 shards concatenated are the whole sweep.
for n in 3 7; do
    : >s$n.csv
    for k in $(seq 1 $n); do "$bin" sweep "$A" $V --shard $k/$n --threads 2 >>s$n.csv; done
    check "$n shards concatenated equal the whole" "cmp -s t1.csv s$n.csv"
done
"$bin" sweep "$A" $V --shard 1/2 -o shard1.csv
check "-o writes the first shard with its header" "[ \"\$(head -c 25 shard1.csv)\" = council_tax.core_rise_pct ]"

# 3. Grid values are FROM + i x STEP and the count floor((TO - FROM)/STEP +
#    1e-9) + 1: in doubles 0.3/0.1 = 2.9999999999999996, so without the 1e-9
#    the last point, 0.3, would be lost.
"$bin" sweep "$A" --vary council_tax.core_rise_pct=0:0.3:0.1 >g.csv
check "0:0.3:0.1 has 4 points" "[ \"\$(tail -n +2 g.csv | cut -d, -f1 | paste -sd' ')\" = '0.000000 0.100000 0.200000 0.300000' ]"

# 4. Rows agree with single runs (run --set ... --format csv, rounded to six
#    decimals) at a few points of the sweep above.
for pt in "1.5 2" "0 0" "2.99 6"; do
    set -- $pt
    row=$(tr -d '\r' <t1.csv | awk -F, -v c="$(printf '%.6f' "$1")" -v g="$(printf '%.6f' "$2")" '$1==c && $2==g')
    want=$("$bin" run "$A" --set council_tax.core_rise_pct=$1 --set services.adult_social_care.growth_pct=$2 --format csv |
        awk -F, '$1=="totals.gap_after_m" {printf "%.6f,%.6f,%.6f,%.6f,%.6f", $5,$6,$7,$8,$9}
                 $1=="reserves.general.closing_m" {r=sprintf("%.6f", $9)}
                 $1=="vote.passed" {v=$5} $1=="vote.p_pass" {p=sprintf("%.9f", $5)}
                 END {printf ",%s,X,%s,%s\n", r, v, p}')
    got=$(echo "$row" | cut -d, -f3-)
    got_noflags=$(echo "$got" | awk -F, -v OFS=, '{$7="X"; print}')
    check "core $1, growth $2: the row agrees with run ($got vs $want)" "[ \"$got_noflags\" = \"$want\" ]"
done

# 5. Charts: a line chart for one setting, a heat map with the frontier for two.
rc=0; "$bin" sweep "$A" --vary measures.high_cost_care.amount_m=0:4:0.5 --plot line >/dev/null 2>err || rc=$?
check "one setting: --plot exits 0 silently" "[ $rc = 0 ] && [ ! -s err ]"
check "sweep.svg, .gp, .dat written" "[ -s line/sweep.svg ] && [ -s line/sweep.gp ] && [ -s line/sweep.dat ]"
check "sweep.svg parses as XML" "xmllint --noout line/sweep.svg 2>/dev/null"
# 9 values (0 to 4 by 0.5), one line per year: the 2022/23 gap at 0 is
# -0.001129 + 1.9 (the whole care saving undone) = 1.898871.
check "sweep.dat: 9 values and a header" "[ \$(wc -l <line/sweep.dat) = 10 ]"
check "sweep.dat: the gap at 0 is 1.898871" "grep -q \$'^0\\t1.898871\\t' line/sweep.dat"
rc=0; "$bin" sweep "$A" --vary council_tax.core_rise_pct=0:20:1 --vary services.adult_social_care.growth_pct=0:10:1 --plot heat --plot-year 2023 >/dev/null 2>err || rc=$?
check "two settings: --plot exits 0 silently" "[ $rc = 0 ] && [ ! -s err ]"
check "sweep-heat.svg parses as XML" "xmllint --noout heat/sweep-heat.svg 2>/dev/null"
check "the heat map draws the gap = 0 contour" "grep -q 'cntrparam levels discrete 0' heat/sweep-heat.gp"
check "21 blocks of 11 points" "[ \$(grep -c \$'^[0-9]' heat/sweep-heat.dat) = 231 ]"
( cd heat && gnuplot -d sweep-heat.gp >/dev/null 2>rerun.err ) || true
check "the heat map script re-runs by hand, without a warning" "[ ! -s heat/rerun.err ]"
check "no temporary files left" "[ -z \"\$(ls -A line heat | grep '^\\.')\" ]"
rc=0; "$bin" sweep "$A" --vary council_tax.core_rise_pct=0:1:1 --vary services.adult_social_care.growth_pct=0:1:1 --vary measures.high_cost_care.amount_m=0:1:1 --plot x >/dev/null 2>err || rc=$?
check "--plot with three settings is refused (exit 2)" "[ $rc = 2 ]"

finish
