# Shared by the shell test scripts (tests/plot.sh, sweep.sh, output.sh, access.sh):
# source it after setting `suite`, with the program as "$1". It sets bin
# (absolute), root (the repository), tmp (removed on exit), and the counters
# ok/bad/check; the script ends with `finish`.
set -eu
export LC_ALL=C
bin=${1:?usage: tests/$suite.sh BUDGETSIM}
case "$bin" in /*) ;; *) bin="$PWD/$bin" ;; esac
root=$PWD
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $suite: $*" >&2; }
check() { if eval "$2"; then ok; else bad "$1"; fi; }
finish() {
    echo "$suite: $pass passed, $fail failed"
    [ "$fail" = 0 ]
}

# gnuplot as a person runs a chart's script by hand: in a UTF-8 locale (the
# scripts say "set encoding utf8"; in the C locale gnuplot 5.4 adds the
# warning "iconv failed to convert degree sign" and draws the chart all the
# same: docs/charts.md). The tests otherwise run with LC_ALL=C.
gp_by_hand() { LC_ALL=C.UTF-8 gnuplot "$@"; }
