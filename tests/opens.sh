#!/usr/bin/env bash
# Each scenario file is opened once per command (make test-opens).
#
# usage: tests/opens.sh BUDGETSIM
#
# No command may open a scenario file, its base or an @include more than
# once: a command reads its files once and builds the scenario from the text
# in memory as often as it needs (--set, amendments, each step of a goal
# seek), so a file edited during a run cannot make one command see two
# versions of it. Each command below is run under
#     strace -f -y -e trace=open,openat,openat2 -o LOG
# on the scenarios of scenarios/ (a plain one, one with a base, one whose base
# has a base, one with amendments, one with uncertainty) and on one written
# here that has a base and an @include nesting another (scenarios/ has none).
# The files a command should read are found from its scenario arguments: each
# file, the files its `base =` lines name (relative to its folder) and its
# `@include` lines (relative to the folder of the scenario being read, as
# libconfig resolves them), and theirs in turn. Each is taken by its real
# path, and the successful opens of each real path are counted in the log
# (strace -y shows the file each new descriptor is open on, links resolved):
# each must be opened exactly once, and no other .cfg file more than once.
# When strace is missing or cannot trace here (ptrace denied, as in some
# containers), one SKIP line says so and nothing is counted.
suite=opens
. "$(dirname "$0")/lib.sh"
skip() { echo "SKIP $suite: $*"; }

if ! command -v strace >/dev/null 2>&1; then
    skip "no strace (scripts/install-deps installs it): opens not counted"
    finish
    exit
fi
if ! strace -f -y -e trace=open,openat,openat2 -o "$tmp/probe" "$bin" --version >/dev/null 2>"$tmp/probe.err" ||
    ! grep -q 'open' "$tmp/probe"; then
    skip "strace cannot trace here ($(head -c 200 "$tmp/probe.err" | tr '\n' ' ')): opens not counted"
    finish
    exit
fi

# ---- the files a scenario reads ----
# quoted VALUE-LINE: the first "..." of the line
quoted() { sed -n 's/^[^"]*"\([^"]*\)".*/\1/p' <<<"$1"; }
# at DIR NAME: NAME, relative to DIR unless absolute
at() { case "$2" in /*) printf '%s\n' "$2" ;; *) printf '%s\n' "$1/$2" ;; esac; }
# reads FILE INCLUDE_DIR: the real path of FILE, then of its bases and
# includes, one a line (a cycle or a missing file stops the walk; the
# program would refuse it anyway)
reads() {
    local file=$1 incdir=$2 real line name depth=${3:-0}
    real=$(realpath -e -- "$file" 2>/dev/null) || return 0
    printf '%s\n' "$real"
    [ "$depth" -lt 12 ] || return 0
    while IFS= read -r line || [ -n "$line" ]; do
        case "$line" in
        *base*=*\"*)
            [[ "$line" =~ ^[[:space:]]*base[[:space:]]*= ]] || continue
            name=$(quoted "$line")
            [ -n "$name" ] || continue
            local b
            b=$(at "$(dirname "$file")" "$name")
            reads "$b" "$(dirname "$b")" $((depth + 1))
            ;;
        *@include*)
            [[ "$line" =~ ^[[:space:]]*@include[[:space:]] ]] || continue
            name=$(quoted "$line")
            [ -n "$name" ] || continue
            reads "$(at "$incdir" "$name")" "$incdir" $((depth + 1))
            ;;
        esac
    done <"$file"
}

# ---- one command ----
# opens NAME STATUS SCENARIOS -- ARGS...: run the program with ARGS under
# strace (exit status STATUS expected); every file that the scenario files
# SCENARIOS (space-separated) read must be opened exactly once, no other
# .cfg more than once
opens() {
    local name=$1 status=$2 scenarios=$3 rc=0 f n why="" real
    shift 4
    : >"$tmp/want"
    for f in $scenarios; do reads "$f" "$(dirname "$f")" >>"$tmp/want"; done
    sort -u "$tmp/want" -o "$tmp/want"
    strace -f -y -e trace=open,openat,openat2 -o "$tmp/log" "$bin" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null || rc=$?
    if [ "$rc" != "$status" ]; then
        bad "$name: exit status $rc, expected $status: $(head -c 300 "$tmp/err")"
        return
    fi
    # the real path of each descriptor a successful open returned
    sed -n 's/.* = [0-9][0-9]*<\(.*\)>$/\1/p' "$tmp/log" | sort | uniq -c |
        sed 's/^ *\([0-9]*\) /\1 /' >"$tmp/counts"
    while IFS= read -r real; do
        n=$(awk -v p="$real" 'substr($0, index($0, " ") + 1) == p { print $1 }' "$tmp/counts")
        [ "${n:-0}" = 1 ] || why="$why; ${real#"$root"/} opened ${n:-0} times"
    done <"$tmp/want"
    while read -r n real; do
        case "$real" in *.cfg) ;; *) continue ;; esac
        grep -qxF -- "$real" "$tmp/want" && continue
        [ "$n" -le 1 ] || why="$why; ${real#"$root"/} (not a file of the scenario) opened $n times"
    done <"$tmp/counts"
    if [ -z "$why" ]; then
        ok
    else
        bad "$name:${why#;} (each should be opened once)"
    fi
}

cd "$root"
adopted=scenarios/liverpool-2022-adopted.cfg
nocuts=scenarios/liverpool-2022-no-cuts.cfg
hung=scenarios/examples/hung-council.cfg
uncertain=scenarios/examples/liverpool-uncertain.cfg
for f in "$adopted" "$nocuts" "$hung" "$uncertain"; do
    [ -f "$f" ] || { bad "$f is missing"; finish; exit; }
done
grep -q '^[[:space:]]*amendments' "$hung" || bad "$hung has no amendments: find another scenario for vote"

# A scenario with a base (which has its own base) and an @include that
# includes another, relative to the scenario's folder; it changes nothing.
inc=$tmp/inc
mkdir -p "$inc/parts"
cat >"$inc/with-include.cfg" <<EOF
base = "$root/$nocuts";
scenario = { label = "included"; };
@include "parts/rise.cfg"
EOF
cat >"$inc/parts/rise.cfg" <<EOF
council_tax = {
  @include "parts/precept.cfg"
};
EOF
printf 'asc_precept_pct = 1.0;\n' >"$inc/parts/precept.cfg"
withinc=$inc/with-include.cfg
# A copy of the adopted budget: an alternative with no file in common with it.
mkdir -p "$tmp/copy"
cp "$adopted" "$tmp/copy/adopted.cfg"
copy=$tmp/copy/adopted.cfg
[ "$(reads "$withinc" "$inc" | wc -l)" = 5 ] || bad "the include scenario should read 5 files: $(reads "$withinc" "$inc" | tr '\n' ' ')"

gap="--vary council_tax.core_rise_pct=0:20 --target totals.gap_after_m@2023=0"
out=$tmp/o
mkdir -p "$out"

opens "run" 0 "$adopted" -- run "$adopted"
opens "run, a base" 0 "$nocuts" -- run "$nocuts"
opens "run, a base and @include" 0 "$withinc" -- run "$withinc"
opens "run --format json --set" 0 "$nocuts" -- run "$nocuts" --format json --set council_tax.core_rise_pct=0.99
# the no-cuts alternative is lawful but its council votes it down: exit 1
opens "check, a base" 1 "$nocuts" -- check "$nocuts"
opens "check, a base and @include" 1 "$withinc" -- check "$withinc"
opens "check --as-proposed, a base" 0 "$nocuts" -- check "$nocuts" --as-proposed
opens "compare, no file in common" 0 "$copy $nocuts" -- compare "$copy" "$nocuts"
opens "compare, an alternative whose base is the first" 0 "$adopted $nocuts" -- compare "$adopted" "$nocuts"
opens "compare, @include" 0 "$copy $withinc" -- compare "$copy" "$withinc"
opens "vote, amendments" 0 "$hung" -- vote "$hung"
opens "vote, a base" 0 "$nocuts" -- vote "$nocuts"
opens "vote --draws" 0 "$adopted" -- vote "$adopted" --draws 1000 --seed 1
opens "vote --draws, amendments" 0 "$hung" -- vote "$hung" --draws 1000 --seed 1
opens "vote --format csv, amendments and --set" 0 "$hung" -- vote "$hung" --format csv --set council.groups.green.p_rebel=0.1
# shellcheck disable=SC2086
opens "solve" 0 "$adopted" -- solve "$adopted" $gap
# shellcheck disable=SC2086
opens "solve, a base and @include" 0 "$withinc" -- solve "$withinc" $gap
opens "solve, amendments" 0 "$hung" -- solve "$hung" --vary council_tax.core_rise_pct=0:20 \
    --target totals.gap_after_m@2025=0
opens "plot" 0 "$hung" -- plot "$hung" -o "$out/plot1"
opens "plot, an alternative whose base is the first" 0 "$adopted $nocuts" -- plot "$adopted" "$nocuts" -o "$out/plot2"
opens "report, an alternative whose base is the first" 0 "$adopted $nocuts" -- report "$adopted" "$nocuts" -o "$out/report"
opens "report, @include" 0 "$copy $withinc" -- report "$copy" "$withinc" -o "$out/report2"
opens "sweep" 0 "$adopted" -- sweep "$adopted" --vary council_tax.core_rise_pct=0:2:1 --threads 2
opens "sweep --plot, a base and @include" 0 "$withinc" -- sweep "$withinc" --vary council_tax.core_rise_pct=0:2:1 \
    --plot "$out/sweep"
opens "sensitivity, a base" 0 "$nocuts" -- sensitivity "$nocuts"
opens "sensitivity --plot, amendments" 0 "$hung" -- sensitivity "$hung" --plot "$out/tornado"
opens "montecarlo" 0 "$uncertain" -- montecarlo "$uncertain" --draws 1000 --seed 1 --threads 2
opens "show" 0 "$adopted" -- show "$adopted"
opens "show, a base, --trace" 0 "$nocuts" -- show "$nocuts" --trace
opens "show, a base and @include, --format json" 0 "$withinc" -- show "$withinc" --format json
opens "show --sources, a base and @include" 0 "$withinc" -- show "$withinc" --sources
opens "show --sources --format csv --set, a base" 0 "$nocuts" -- show "$nocuts" --sources --format csv --set council_tax.core_rise_pct=0.99
opens "montecarlo --plot" 0 "$uncertain" -- montecarlo "$uncertain" --draws 1000 --seed 1 --plot "$out/fan"

finish
