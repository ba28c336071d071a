#!/usr/bin/env bash
# Output that cannot be written is an error, never silence: standard output
# on a full device or a closed pipe, -o on a full device or under a path that
# is not a folder. Each gives exit 3, nothing else, and exactly one line on
# standard error; a failed -o leaves an existing file as it was and no
# temporary file beside it.
# usage: tests/output.sh BUDGETSIM
# Each check prints nothing when it passes; the last line counts them.
suite=output
. "$(dirname "$0")/lib.sh"
# one_line FILE TEXT: FILE holds exactly the line TEXT
one_line() { [ "$(wc -l <"$1")" = 1 ] && [ "$(cat "$1")" = "$2" ]; }

L=$root/scenarios/liverpool-2022-adopted.cfg
N=$root/scenarios/liverpool-2022-no-cuts.cfg
S=$root/tests/fixtures/solve.cfg
M=$root/tests/fixtures/montecarlo.cfg
cd "$tmp"

# Every command that writes to standard output, each with some output.
# check prints only when a rule is broken: include-ok.cfg breaks one.
commands=(
  "run $L"
  "check $root/tests/bad/include-ok.cfg"
  "compare $L $N"
  "vote $L"
  "solve $L --vary council_tax.core_rise_pct=0:60 --target totals.gap_after_m@2023=0"
  "sensitivity $S"
  "montecarlo $M --draws 1000 --seed 42"
  "sweep $L --vary council_tax.core_rise_pct=1:5:1"
  "plot $L -o $tmp/charts"
  "report $L $N -o $tmp/report"
  "reference"
  "reference --format man"
  "--help"
  "--version"
  "run --help"
  "sweep --help"
  "montecarlo --help"
  "sensitivity --help"
)

# 1. > /dev/full: ENOSPC on standard output.
for c in "${commands[@]}"; do
    rc=0; $bin $c >/dev/full 2>err || rc=$?
    check "> /dev/full: $c: exit 3 (got $rc)" "[ $rc = 3 ]"
    check "> /dev/full: $c: one line" "one_line err 'budgetsim: cannot write standard output: No space left on device'"
done

# 2. -o /dev/full: a device is written directly, and its error reported.
#    (check, plot and report have no -o for a file; reference has none.)
for c in "run $L" "compare $L $N" "vote $L" \
         "solve $L --vary council_tax.core_rise_pct=0:60 --target totals.gap_after_m@2023=0" \
         "sensitivity $S" "montecarlo $M --draws 1000 --seed 42" \
         "sweep $L --vary council_tax.core_rise_pct=1:5:1"; do
    rc=0; $bin $c -o /dev/full >out 2>err || rc=$?
    check "-o /dev/full: $c: exit 3 (got $rc)" "[ $rc = 3 ]"
    check "-o /dev/full: $c: nothing on standard output" "[ ! -s out ]"
    check "-o /dev/full: $c: one line" "one_line err '/dev/full: cannot write: No space left on device'"
done

# 2b. The same in CSV and JSON: the system's reason, not the writer's.
for c in "run $L" "compare $L $N" "vote $L" \
         "solve $L --vary council_tax.core_rise_pct=0:60 --target totals.gap_after_m@2023=0" \
         "sensitivity $S" "montecarlo $M --draws 1000 --seed 42"; do
    for fmt in csv json; do
        rc=0; $bin $c --format $fmt >/dev/full 2>err || rc=$?
        check "> /dev/full: $c --format $fmt: exit 3 (got $rc)" "[ $rc = 3 ]"
        check "> /dev/full: $c --format $fmt: one line" "one_line err 'budgetsim: cannot write standard output: No space left on device'"
        rc=0; $bin $c --format $fmt -o /dev/full >out 2>err || rc=$?
        check "-o /dev/full: $c --format $fmt: exit 3 (got $rc)" "[ $rc = 3 ]"
        check "-o /dev/full: $c --format $fmt: nothing on standard output" "[ ! -s out ]"
        check "-o /dev/full: $c --format $fmt: one line" "one_line err '/dev/full: cannot write: No space left on device'"
    done
done

# 3. -o under a path that is a file, not a folder (ENOTDIR, even as root).
echo "not a folder" >plain
for c in "run $L" "compare $L $N" "sweep $L --vary council_tax.core_rise_pct=1:5:1"; do
    rc=0; $bin $c -o plain/out.txt >out 2>err || rc=$?
    check "-o plain/out.txt: $c: exit 3 (got $rc)" "[ $rc = 3 ]"
    check "-o plain/out.txt: $c: one line" "one_line err 'plain/out.txt: cannot write: Not a directory'"
    check "-o plain/out.txt: $c: the file is untouched" "[ \"\$(cat plain)\" = 'not a folder' ]"
done
rc=0; $bin plot "$L" -o plain/charts >out 2>err || rc=$?
check "plot -o plain/charts: exit 3 (got $rc)" "[ $rc = 3 ]"
check "plot -o plain/charts: one line" "one_line err 'plain/charts: cannot create the folder: Not a directory'"
check "plot -o plain/charts: nothing on standard output" "[ ! -s out ]"

# 4. A closed pipe: ./budgetsim ... | head -c1. The output must be far larger
#    than a pipe's buffer, so the writes go on after head has gone: a sweep of
#    100,000 points (about 10 MB). As GNU tools do, budgetsim then ends
#    quietly, killed by SIGPIPE (the shell shows 128 + 13 = 141), with nothing
#    on standard error and no temporary file left (core/util.h, BS_EXIT_PIPE).
big="sweep $L --vary council_tax.core_rise_pct=0:9.9999:0.0001"
set +o pipefail
$bin $big 2>err | head -c1 >/dev/null
rc=${PIPESTATUS[0]}
check "closed pipe: sweep: killed by SIGPIPE, 141 (got $rc)" "[ $rc = 141 ]"
check "closed pipe: sweep: nothing on standard error" "[ ! -s err ]"
mkdir -p piped
$bin $big --plot piped/charts 2>err | head -c1 >/dev/null
rc=${PIPESTATUS[0]}
check "closed pipe: sweep --plot: killed by SIGPIPE, 141 (got $rc)" "[ $rc = 141 ]"
check "closed pipe: sweep --plot: no staging folder or chart left" "[ -z \"\$(ls -A piped/charts 2>/dev/null)\" ]"
# A command with a small output may finish writing before head exits:
# then exit 0 and nothing on stderr; either way nothing on stderr.
for c in "run $L" "reference"; do
    $bin $c 2>err | (exec 0<&-; true)
    rc=${PIPESTATUS[0]}
    check "closed pipe: $c: exit 0 or 141 (got $rc)" "[ $rc = 0 ] || [ $rc = 141 ]"
    check "closed pipe: $c: nothing on standard error" "[ ! -s err ]"
done

# 5. A failed -o leaves an existing file untouched, with no temporary file.
printf 'old results\n' >keep.txt
rc=0; $bin run "$L" --set council_tax.core_rise_pct=150 -o keep.txt >out 2>err || rc=$?
check "-o keep.txt with a bad --set: exit 2 (got $rc)" "[ $rc = 2 ]"
check "-o keep.txt with a bad --set: the file is untouched" "[ \"\$(cat keep.txt)\" = 'old results' ]"
rc=0; $bin solve "$L" --vary council_tax.core_rise_pct=0:1 --target totals.gap_after_m@2023=0 -o keep.txt >out 2>err || rc=$?
check "-o keep.txt, target out of reach: exit 1 (got $rc)" "[ $rc = 1 ]"
check "-o keep.txt, target out of reach: the file is untouched" "[ \"\$(cat keep.txt)\" = 'old results' ]"
# A write that fails half way: a file size limit (ulimit -f, in blocks of
# 1024 bytes) with SIGXFSZ ignored gives EFBIG. The run's output is 7 KB,
# the compare's 14 KB, the sweep's 100 KB: all above 1 KB.
for c in "run $L" "compare $L $N" "sweep $L --vary council_tax.core_rise_pct=0:9.99:0.01"; do
    rc=0; (trap '' XFSZ; ulimit -f 1; exec $bin $c -o keep.txt) >out 2>err || rc=$?
    check "-o keep.txt over the size limit: $c: exit 3 (got $rc)" "[ $rc = 3 ]"
    check "-o keep.txt over the size limit: $c: one line" "one_line err 'keep.txt: cannot write: File too large'"
    check "-o keep.txt over the size limit: $c: the file is untouched" "[ \"\$(cat keep.txt)\" = 'old results' ]"
done
# A rename that cannot happen: keep.d is a folder, so -o keep.d is refused.
mkdir keep.d
rc=0; $bin run "$L" -o keep.d >out 2>err || rc=$?
check "-o a folder: exit 3 (got $rc)" "[ $rc = 3 ]"
check "-o a folder: one line" "one_line err 'keep.d: is a directory'"
check "no temporary file is left anywhere" "[ -z \"\$(find . -name '*.tmp*')\" ]"
# An interrupted run (SIGTERM, SIGHUP, SIGINT) leaves the old file and no
# temporary file: a sweep of 100 million points is stopped once its
# temporary file exists. Job control is on (set -m) so that the background
# run gets SIGINT as from a terminal: without it, a shell starts background
# jobs with SIGINT ignored, and budgetsim leaves an ignored signal ignored.
set -m
for sig in TERM HUP INT; do
    mkdir -p "int-$sig" && printf 'old results\n' >"int-$sig/out.csv"
    $bin sweep "$L" --vary council_tax.core_rise_pct=0:9.99:0.001 \
        --vary services.adult_social_care.growth_pct=0:9.99:0.001 --threads 1 -o "int-$sig/out.csv" 2>"int-$sig.err" &
    pid=$!
    for _ in $(seq 100); do
        [ -n "$(find "int-$sig" -name 'out.csv.tmp*')" ] && break
        sleep 0.05
    done
    check "SIG$sig: the temporary file was being written" "[ -n \"\$(find int-$sig -name 'out.csv.tmp*')\" ]"
    kill -"$sig" "$pid"
    rc=0; { wait "$pid"; } 2>/dev/null || rc=$?
    check "SIG$sig: the run ends by the signal (got $rc)" "[ $rc -gt 128 ]"
    check "SIG$sig: the old file is untouched" "[ \"\$(cat int-$sig/out.csv)\" = 'old results' ]"
    check "SIG$sig: no temporary file is left" "[ \"\$(ls int-$sig)\" = out.csv ]"
done
set +m

# And a good run replaces the file whole.
rc=0; $bin run "$L" -o keep.txt >out 2>err || rc=$?
check "-o keep.txt: exit 0 (got $rc)" "[ $rc = 0 ]"
check "-o keep.txt: the file is the run's output" "$bin run '$L' | cmp -s - keep.txt"

finish
