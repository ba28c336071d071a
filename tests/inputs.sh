#!/usr/bin/env bash
# Inputs are sacred: no output may replace a file the command read (the
# scenario, its base, its includes), whether named directly, through a
# symbolic link or by a hard link, for -o and for every file a chart or
# report folder would receive. Each clash is a usage error: exit 2, one line
# naming both files, nothing written, the input unchanged. And outputs that
# are not regular files (standard output, devices, /proc/self/fd/N, links to
# them) are written to directly: no link and no device is ever replaced.
# usage: tests/inputs.sh BUDGETSIM
suite=inputs
. "$(dirname "$0")/lib.sh"
# one_line FILE TEXT: FILE holds exactly the line TEXT
one_line() { [ "$(wc -l <"$1")" = 1 ] && [ "$(cat "$1")" = "$2" ]; }
sum() { md5sum "$1" | cut -d' ' -f1; }

cd "$tmp"
mkdir -p sc sc/examples
cp "$root/scenarios/liverpool-2022-adopted.cfg" "$root/scenarios/liverpool-2022-no-cuts.cfg" \
   "$root/scenarios/example-district.cfg" sc/
cp "$root/scenarios/examples/hung-council.cfg" "$root/scenarios/examples/liverpool-uncertain.cfg" sc/examples/
# a scenario with an include: its own settings spliced from a part
cat >sc/part.cfg <<'CFG'
  core_rise_pct = 1.5;
CFG
sed 's|^  core_rise_pct = 1.99;.*|  @include "part.cfg"|' sc/liverpool-2022-adopted.cfg >sc/with-include.cfg
grep -q '@include "part.cfg"' sc/with-include.cfg || bad "fixture: with-include.cfg has no @include"
A=sc/liverpool-2022-adopted.cfg N=sc/liverpool-2022-no-cuts.cfg B=sc/example-district.cfg
H=sc/examples/hung-council.cfg U=sc/examples/liverpool-uncertain.cfg I=sc/with-include.cfg P=sc/part.cfg
inputs="$A $N $B $H $U $I $P"
before=$(cat $inputs | md5sum)

# Every output records its inputs (write/inputs.h, docs/inputs.md): each
# file read, with the SHA-256 of its bytes, must be what sha256sum says of
# the file (the digests here are sha256sum's, worked out apart from the
# program): the first 12 digits in text, all 64 in JSON and in --meta.
digest() { sha256sum "$1" | cut -d' ' -f1; }
"$bin" run $I >out.txt 2>/dev/null
check "run text: the scenario's 12 digits are sha256sum's" \
    "grep -qF 'Inputs: $I (sha256 $(digest $I | cut -c1-12)), include $P (sha256 $(digest $P | cut -c1-12)); budget adopted; budgetsim ' out.txt"
"$bin" run $N --format json >out.json 2>/dev/null
check "run json: the scenario's full digest is sha256sum's" \
    "grep -qF '\"sha256\": \"$(digest $N)\"' out.json"
check "run json: its base's full digest is sha256sum's, with its role" \
    "grep -A2 -F '\"path\": \"sc/liverpool-2022-adopted.cfg\"' out.json | grep -qF '\"sha256\": \"$(digest $A)\"'"
"$bin" run $A --format csv --meta meta.json >out.csv 2>/dev/null
check "run csv --meta: the sidecar holds sha256sum's digest" "grep -qF '\"sha256\": \"$(digest $A)\"' meta.json"
check "run csv --meta: the CSV itself is unchanged (no inputs in it)" "! grep -q sha256 out.csv"
rc=0; "$bin" run $A --format csv --meta $A >/dev/null 2>err.txt || rc=$?
check "--meta onto the scenario it reads: exit 2, the scenario unchanged" \
    "[ $rc = 2 ] && [ \"\$(digest $A)\" = \"$(digest $A)\" ] && grep -q 'would replace' err.txt"
rm -f out.txt out.json out.csv meta.json err.txt

# clash NAME INPUT -- ARGS...: the command must refuse with exit 2, one line
# "OUT: would replace INPUT, which this command reads; nothing was written"
# (OUT as the command was given it), nothing on standard output.
clash() {
    local name=$1 out=$2 input=$3
    shift 3
    local rc=0
    "$bin" "$@" >stdout 2>stderr || rc=$?
    check "$name: exit 2 (got $rc)" "[ $rc = 2 ]"
    check "$name: one line naming both" \
        "one_line stderr '$out: would replace $input, which this command reads; nothing was written'"
    check "$name: nothing on standard output" "[ ! -s stdout ]"
}

# 1. -o is the scenario itself, for every command that takes -o.
clash "run -o scenario" $A $A run $A -o $A
clash "compare -o base scenario" $A $A compare $A $N -o $A
clash "compare -o alternative" $N $N compare $A $N -o $N
clash "vote -o scenario" $A $A vote $A -o $A
clash "solve -o scenario" $A $A solve $A --vary council_tax.core_rise_pct=0:60 --target totals.gap_after_m@2023=0 -o $A
clash "sensitivity -o scenario" $A $A sensitivity $A -o $A
clash "montecarlo -o scenario" $U $U montecarlo $U --draws 100 --seed 1 -o $U
clash "sweep -o scenario" $A $A sweep $A --vary council_tax.core_rise_pct=1:2:1 -o $A

# 2. -o is the scenario's base, or an include.
# (the base named as the loader names it: joined to the folder of the file naming it)
clash "run -o the base" $B sc/examples/../example-district.cfg run $H -o $B
clash "montecarlo -o the base" $A sc/examples/../liverpool-2022-adopted.cfg montecarlo $U --draws 100 --seed 1 -o $A
clash "run -o the include" $P $P run $I -o $P

# 3. Through a symbolic link, a chain of links, a hard link.
ln -s liverpool-2022-adopted.cfg sc/link.cfg
ln -s link.cfg sc/link2.cfg
ln sc/liverpool-2022-adopted.cfg sc/hard.cfg
ln -s sc/example-district.cfg base-link.cfg
clash "run -o link to scenario" sc/link.cfg $A run $A -o sc/link.cfg
clash "run -o link to link to scenario" sc/link2.cfg $A run $A -o sc/link2.cfg
clash "run -o hard link to scenario" sc/hard.cfg $A run $A -o sc/hard.cfg
clash "run -o link to base" base-link.cfg sc/examples/../example-district.cfg run $H -o base-link.cfg
clash "run LINK -o scenario" $A sc/link.cfg run sc/link.cfg -o $A
check "the links are still links" "[ -L sc/link.cfg ] && [ -L sc/link2.cfg ] && [ -L base-link.cfg ]"

# 4. A chart or report folder holding an input under a chart's or report's name.
mkdir -p charts report
ln -s ../$A charts/lines.dat
clash "plot -o DIR with DIR/lines.dat a link to the scenario" charts/lines.dat $A plot $A $N -o charts
check "plot: nothing written into the folder" "[ \"\$(ls -A charts)\" = lines.dat ]"
ln $N report/report.md
clash "report -o DIR with DIR/report.md a hard link to the alternative" report/report.md $N report $A $N -o report
check "report: nothing written into the folder" "[ \"\$(ls -A report)\" = report.md ]"
mkdir -p swp
ln -s ../$A swp/sweep.dat
clash "sweep --plot DIR holding the scenario as sweep.dat" swp/sweep.dat $A \
    sweep $A --vary council_tax.core_rise_pct=1:3:1 --plot swp -o swept.csv
check "sweep --plot: no CSV written" "[ ! -e swept.csv ]"

after=$(cat $inputs | md5sum)
check "no input was altered" "[ \"$before\" = \"$after\" ]"

# 5. Outputs that are not regular files are written to directly.
rc=0; "$bin" run $A -o - >dash.txt 2>err || rc=$?
check "-o -: standard output (exit $rc)" "[ $rc = 0 ] && grep -q 'Gap after measures' dash.txt && [ ! -e ./- ]"
ln -s /proc/self/fd/1 fd1
rc=0; "$bin" run $A -o fd1 >via-fd.txt 2>err || rc=$?
check "-o LINK to /proc/self/fd/1: written through (exit $rc)" "[ $rc = 0 ] && cmp -s dash.txt via-fd.txt"
check "-o LINK to /proc/self/fd/1: the link is still a link" "[ -L fd1 ]"
rc=0; "$bin" run $A -o /dev/stdout >via-dev.txt 2>err || rc=$?
check "-o /dev/stdout to a file: written through (exit $rc)" "[ $rc = 0 ] && cmp -s dash.txt via-dev.txt"
check "-o /dev/stdout: still a link" "[ -L /dev/stdout ]"
ls /dev/stdout.tmp* >/dev/null 2>&1 && bad "-o /dev/stdout: a temporary file was left in /dev"
rc=0; "$bin" run $A -o /dev/null 2>err || rc=$?
check "-o /dev/null: exit 0, still a character device" "[ $rc = 0 ] && [ -c /dev/null ]"
mkfifo fifo
( cat fifo >from-fifo.txt ) &
rc=0; "$bin" run $A -o fifo 2>err || rc=$?
wait
check "-o FIFO: written into it, still a FIFO (exit $rc)" "[ $rc = 0 ] && [ -p fifo ] && cmp -s dash.txt from-fifo.txt"
# a link to a regular file: the file it points to is replaced, not the link
printf 'old\n' >target.txt
ln -s target.txt out-link.txt
rc=0; "$bin" run $A -o out-link.txt 2>err || rc=$?
check "-o LINK to a file: the link stays a link (exit $rc)" "[ $rc = 0 ] && [ -L out-link.txt ]"
check "-o LINK to a file: the file it points to holds the output" "cmp -s dash.txt target.txt"
ls -a | grep -q '\.tmp' && bad "a temporary file was left: $(ls -a | grep '\.tmp')"
# a chart's name that is a link to a file: the file is replaced, the link kept
mkdir -p linked
printf 'old\n' >linked-target.dat
ln -s ../linked-target.dat linked/lines.dat
rc=0; "$bin" plot $A $N -o linked >/dev/null 2>err || rc=$?
check "plot: a chart file that is a link stays a link (exit $rc)" "[ -L linked/lines.dat ] && ! grep -qx old linked-target.dat"

# 6. The same as an unprivileged user (as root, with setpriv): the whole
#    script again as user 65534 on a copy of the program and the scenarios
#    that user can read (SKIP when it cannot run).
if [ "$(id -u)" = 0 ] && [ -z "${INPUTS_UNPRIVILEGED:-}" ] && command -v setpriv >/dev/null; then
    pub=$(mktemp -d)
    chmod 755 "$pub"
    mkdir -p "$pub/tests"
    cp -r "$root/scenarios" "$pub/"
    cp "$root/tests/inputs.sh" "$root/tests/lib.sh" "$pub/tests/"
    install -m 755 "$bin" "$pub/budgetsim"
    chmod -R a+rX "$pub"
    if (cd "$pub" && setpriv --reuid=65534 --regid=65534 --clear-groups ./budgetsim --version >/dev/null 2>&1); then
        if (cd "$pub" && INPUTS_UNPRIVILEGED=1 setpriv --reuid=65534 --regid=65534 --clear-groups \
                bash tests/inputs.sh "$pub/budgetsim" >"$tmp/unpriv.log" 2>&1); then
            ok
        else
            bad "as user 65534: $(grep -E 'FAIL|passed' "$tmp/unpriv.log" | tr '\n' ' ')"
        fi
        echo "inputs: as user 65534 too ($(tail -n 1 "$tmp/unpriv.log" | sed 's/^inputs: //'))"
    else
        echo "SKIP inputs: user 65534 cannot run the program"
    fi
    rm -rf "$pub"
fi

finish
