#!/usr/bin/env bash
# The bench's numpy peer against budgetsim (make test-bench).
#
# usage: tests/bench.sh BUDGETSIM
#
# bench/peer_numpy.py is an independent implementation of the bench's model
# (numbers typed in by hand from the scenario files, the arithmetic of
# sim/core/budget.c written again on numpy arrays, the CSV by numpy.savetxt).
# Here its CSV is compared with cmp against `budgetsim sweep` of the adopted
# Liverpool budget:
#   - the sub-grid 0:0.99:0.01 x 0:0.99:0.01 (10,000 rows);
#   - the bench's 1000 x 1000 grid in three shards: the first 1000 rows with
#     the header (core rise 0), the middle 1000 and the last 1000 (9.99);
#   - the core rise from 1.98 to 2.01 in steps of 0.00001, across the
#     referendum limit (2% less 1e-9) and the budget year's balance;
#   - the core rise where the budget year's gap crosses 0 in steps of 1e-9:
#     gaps of less than half a millionth either side, which budgetsim writes
#     as 0.000000 and printf (so savetxt) as -0.000000 for a negative one.
# And its Monte Carlo (numpy's generator, not budgetsim's) against
# `budgetsim montecarlo --format csv`, 200,000 draws each: the budget as in
# the file the same to the last bit (both print %.17g), the chance of
# passing the same to 1e-12, and every percentile of the gap and the general
# reserve within sampling error (0.5 of a £m: the widest, the 95th percentile
# of 2026/27, has a standard error of about 0.1 at this many draws).
# Without a python3 that has numpy, one SKIP line says so.
suite=bench
. "$(dirname "$0")/lib.sh"

py=""
for p in "${BENCH_PYTHON:-}" python3 /usr/bin/python3; do
    if [ -n "$p" ] && "$p" -c 'import numpy' >/dev/null 2>&1; then
        py=$p
        break
    fi
done
if [ -z "$py" ]; then
    echo "SKIP $suite: no python3 with numpy (make bench installs Debian's python3-numpy): the peer not compared"
    finish
    exit
fi
peer="$root/bench/peer_numpy.py"
sc="$root/scenarios/liverpool-2022-adopted.cfg"
core=council_tax.core_rise_pct asc=services.adult_social_care.growth_pct

# same_csv NAME ARGS...: budgetsim's and the peer's CSV of the sweep ARGS, byte for byte.
same_csv() {
    local name=$1
    shift
    "$bin" sweep "$sc" "$@" -o "$tmp/bs.csv"
    "$py" "$peer" sweep "$@" -o "$tmp/peer.csv"
    check "$name: the peer's CSV is budgetsim's ($(cmp "$tmp/bs.csv" "$tmp/peer.csv" 2>&1 | head -1))" \
        'cmp -s "$tmp/bs.csv" "$tmp/peer.csv" && [ -s "$tmp/bs.csv" ]'
}

same_csv "sub-grid 100 x 100" --vary $core=0:0.99:0.01 --vary $asc=0:0.99:0.01
check "sub-grid: 10,001 lines, CRLF" '[ "$(wc -l <"$tmp/bs.csv")" = 10001 ] && [ "$(grep -c $'"'"'\r$'"'"' "$tmp/bs.csv")" = 10001 ]'
for k in 1 500 1000; do
    same_csv "bench grid, shard $k/1000" --vary $core=0:9.99:0.01 --vary $asc=0:9.99:0.01 --shard $k/1000
done
check "the last shard ends at the grid's far corner" 'tail -n 1 "$tmp/peer.csv" | grep -q "^9.990000,9.990000,"'
same_csv "across the referendum limit" --vary $core=1.98:2.01:0.00001 --vary $asc=0:0.05:0.01
check "the referendum limit: no rule broken just below 2% (the year balances), 5 from it (one a year)" \
    'grep -q "^1.999990,0.000000,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,0," "$tmp/bs.csv" &&
     grep -q "^2.000000,0.000000,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,5," "$tmp/bs.csv"'
same_csv "gaps within half a millionth of 0" --vary $core=1.989451:1.989454:0.000000001 --vary $asc=0:0.01:0.01
check "gaps within half a millionth of 0: some, written 0.000000" \
    '[ "$(grep -c "^[^,]*,[^,]*,0.000000," "$tmp/bs.csv")" -gt 100 ] && ! grep -q -- ",-0.000000," "$tmp/bs.csv"'

# ---- Monte Carlo ----
"$bin" montecarlo "$root/scenarios/examples/liverpool-uncertain.cfg" --draws 200000 --seed 1 --format csv -o "$tmp/bs-mc.csv"
"$py" "$peer" montecarlo --draws 200000 --seed 1 --format csv >"$tmp/peer-mc.csv"
cmp_mc() {
    awk -F, '
        { sub(/\r$/, "") }
        NR == FNR { v[$1 "," $2] = $3; next }
        ($1 "," $2) in v {
            d = $3 - v[$1 "," $2]; if (d < 0) d = -d; n++
            if ($1 ~ /\.base$/ && $3 != v[$1 "," $2]) { print "base differs: " $0 " vs " v[$1 "," $2]; bad++ }
            else if ($1 == "p_pass" && d > 1e-12) { print "p_pass differs: " $0; bad++ }
            else if (d > 0.5) { print "beyond sampling error: " $0 " vs " v[$1 "," $2]; bad++ } }
        END { if (n != 61) { print "compared " n " figures, not 61"; bad++ } exit bad > 0 }' \
        "$tmp/bs-mc.csv" "$tmp/peer-mc.csv"
}
check "Monte Carlo: the peer's base, percentiles and chance of passing are budgetsim's" 'cmp_mc >&2'
finish
