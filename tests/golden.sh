#!/usr/bin/env bash
# Golden tests of the command line: scenario in, expected output out.
#
# usage: tests/golden.sh BUDGETSIM [CASES...]
#
# Each tests/cases/*.test file holds blocks separated by blank lines, read
# like the manual (see tests/cases/README for the fields):
#   name: what the case shows
#   args: run scenarios/x.cfg --format csv      (split on spaces; then \n, \t
#                                                 and \\ in each word as printf %b reads them)
#   status: 0
#   stdout-file: tests/expected/x.csv            (whole standard output)
#   stdout-has: a line that must appear           (repeatable, exact line)
#   stdout-valid: json | csv                      (parsed by build/fmtcheck)
#   stderr: the whole standard error, one line    (repeatable for more lines)
# Set VALGRIND=1 to run every case under valgrind (leaks and errors fail).
set -eu
export LC_ALL=C
unset COLUMNS # budgetsim reference wraps to it
bin=${1:?usage: tests/golden.sh BUDGETSIM [CASES...]}
shift
case "$bin" in /*) ;; *) bin="$PWD/$bin" ;; esac
[ $# -gt 0 ] || set -- tests/cases/*.test
fmtcheck=${FMTCHECK:-$PWD/build/fmtcheck}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

run_case() {
    local name=$1 args=$2 status=$3 out_file=$4 has_file=$5 err_file=$6 where=$7 valid=$8
    local -a argv
    read -r -a argv <<<"$args"
    for i in "${!argv[@]}"; do argv[i]=$(printf '%b.' "${argv[i]}"); argv[i]=${argv[i]%.}; done
    local rc=0
    if [ "${VALGRIND:-0}" = 1 ]; then
        valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
            "$bin" "${argv[@]}" >"$tmp/out" 2>"$tmp/err" </dev/null || rc=$?
    else
        "$bin" "${argv[@]}" >"$tmp/out" 2>"$tmp/err" </dev/null || rc=$?
    fi
    local why=""
    [ "$rc" = "$status" ] || why="exit status $rc, expected $status"
    if [ -z "$why" ] && [ -n "$out_file" ] && ! cmp -s "$out_file" "$tmp/out"; then
        why="standard output differs from $out_file"
        diff -u "$out_file" "$tmp/out" | head -20 >&2 || true
    fi
    if [ -z "$why" ] && [ -n "$valid" ] && ! "$fmtcheck" "$valid" <"$tmp/out" 2>"$tmp/fmt"; then
        why="standard output is not valid $valid: $(cat "$tmp/fmt")"
    fi
    if [ -z "$why" ] && [ -s "$has_file" ]; then
        while IFS= read -r line; do
            if ! tr -d '\r' <"$tmp/out" | grep -qxF -- "$line"; then
                why="standard output lacks the line: $line"
                break
            fi
        done <"$has_file"
    fi
    if [ -z "$why" ] && [ -e "$err_file" ] && ! cmp -s "$err_file" "$tmp/err"; then
        why="standard error differs: got '$(head -c 300 "$tmp/err")'"
    fi
    if [ -z "$why" ] && [ ! -e "$err_file" ] && [ -s "$tmp/err" ] && [ "$status" = 0 ]; then
        why="unexpected standard error: $(head -c 300 "$tmp/err")"
    fi
    if [ -z "$why" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $where: $name: $why" >&2
    fi
}

for file in "$@"; do
    name="" args="" status=0 out_file="" where="" started=0 valid=""
    : >"$tmp/has"
    rm -f "$tmp/experr"
    lineno=0
    flush() {
        if [ "$started" = 1 ]; then
            run_case "$name" "$args" "$status" "$out_file" "$tmp/has" "$tmp/experr" "$where" "$valid"
        fi
        name="" args="" status=0 out_file="" started=0 valid=""
        : >"$tmp/has"
        rm -f "$tmp/experr"
    }
    while IFS= read -r line || [ -n "$line" ]; do
        lineno=$((lineno + 1))
        case "$line" in
        "") flush ;;
        "#"*) ;;
        name:*) name=${line#name: }; started=1; where="$file:$lineno" ;;
        args:*) args=${line#args: }; started=1 ;;
        status:*) status=${line#status: } ;;
        stdout-file:*) out_file=${line#stdout-file: } ;;
        stdout-has:*) printf '%s\n' "${line#stdout-has: }" >>"$tmp/has" ;;
        stdout-valid:*) valid=${line#stdout-valid: } ;;
        stderr:*) printf '%s\n' "${line#stderr: }" >>"$tmp/experr" ;;
        *) echo "$file:$lineno: cannot read this line: $line" >&2; exit 2 ;;
        esac
    done <"$file"
    flush
done
echo "golden: $pass passed, $fail failed"
[ "$fail" = 0 ]
