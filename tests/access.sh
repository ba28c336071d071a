#!/usr/bin/env bash
# Folders and files the program may not use, and a disk that fills up.
#  1. An unwritable folder (the program run as an unprivileged user, since
#     root ignores file modes): every -o, plot -o DIR, report -o DIR and
#     --plot DIR is exit 3 with one line naming the path; the folder is left
#     exactly as it was (old files untouched, nothing new in it), and an -o
#     file beside a --plot that failed is not replaced either.
#  2. A full disk (a small tmpfs, filled): exit 3, one line, old files
#     untouched, no temporary file; a chart that gnuplot cannot write whole is
#     never put in place.
#  3. Inputs that cannot be read: a scenario with mode 000 or in a folder with
#     mode 000, an unreadable base or @include, a device, a FIFO, a folder:
#     exit 2, one line naming the file, nothing on standard output, no hang.
# Needs root (setpriv, mount); otherwise each part prints a SKIP line.
# usage: tests/access.sh BUDGETSIM
# Each check prints nothing when it passes; the last line counts them.
suite=access
. "$(dirname "$0")/lib.sh"
# one_line FILE TEXT: FILE holds exactly the line TEXT
one_line() { [ "$(wc -l <"$1")" = 1 ] && [ "$(cat "$1")" = "$2" ]; }
# snap DIR: every name and mode under DIR, and each file's size, time and
# checksum (a temporary file made and removed again changes only a folder's time)
snap() {
    (cd "$1" && find . -type d -printf '%M %p\n' | sort && find . ! -type d -printf '%M %s %T@ %p\n' | sort &&
        find . -type f -exec md5sum {} + | sort)
}
# unchanged DIR SNAP: DIR is as the file SNAP says (else the difference on stderr)
unchanged() {
    snap "$1" >"$tmp/snap.now"
    diff -u "$2" "$tmp/snap.now" | head -20 >&2
    cmp -s "$2" "$tmp/snap.now"
}
skip() { echo "SKIP $suite: $*"; }

# A world-readable copy of the program and the scenarios: the temporary
# folder is 0700 and the checkout may be in a folder others cannot enter.
umask 022
chmod 755 "$tmp"
pub=$tmp/pub
mkdir -m 755 "$pub"
install -m 755 "$bin" "$pub/budgetsim"
install -m 644 "$root/scenarios/liverpool-2022-adopted.cfg" "$root/scenarios/liverpool-2022-no-cuts.cfg" \
    "$root/tests/fixtures/solve.cfg" "$root/tests/fixtures/montecarlo.cfg" "$root/tests/bad/parts/limits.cfg" "$pub/"
b=$pub/budgetsim
L=liverpool-2022-adopted.cfg
N=liverpool-2022-no-cuts.cfg
S=solve.cfg
M=montecarlo.cfg
out=$tmp/out err=$tmp/err
cd "$pub"
# run ARGS...: the program, its status in rc, its output in $out and $err
run() { rc=0; timeout 20 "$@" >"$out" 2>"$err" </dev/null || rc=$?; }
nobody="setpriv --reuid=65534 --regid=65534 --clear-groups"

as_nobody=0
if [ "$(id -u)" != 0 ]; then
    skip "not root: no unwritable folder, no unreadable file (root ignores modes, only root can change user)"
elif ! command -v setpriv >/dev/null; then
    skip "no setpriv: no unwritable folder, no unreadable file"
elif ! $nobody "$b" --version >/dev/null 2>&1; then
    skip "the unprivileged user 65534 cannot run $b"
else
    as_nobody=1
fi

# ---- 1. An unwritable folder ----
if [ "$as_nobody" = 1 ]; then
    # ro: root's, 0755, with old results, charts and a report in it.
    mkdir -m 755 ro
    for f in out.txt report.md report.html waterfall.svg waterfall.dat lines.dat sweep.dat fan.dat tornado.dat; do
        echo "old $f" >ro/$f
    done
    snap ro >"$tmp/ro.before"
    # w: the user's own, with an old result, for -o beside a failed --plot
    mkdir -m 777 w
    echo "old results" >w/out.txt
    chown 65534:65534 w/out.txt

    vary="--vary council_tax.core_rise_pct=1:5:1"
    solve="--vary council_tax.core_rise_pct=0:60 --target totals.gap_after_m@2023=0"
    # -o FILE in the folder, for every command and format
    for c in "run $L" "run $L --format csv" "run $L --format json" "compare $L $N" "compare $L $N --format json" \
             "vote $L" "vote $L --format csv" "solve $L $solve" "sensitivity $S" "sensitivity $S --format csv" \
             "montecarlo $M --draws 1000 --seed 42" "montecarlo $M --draws 1000 --seed 42 --format json" \
             "sweep $L $vary"; do
        for o in ro/out.txt ro/new.txt; do
            run $nobody $b $c -o $o
            check "unwritable folder: $c -o $o: exit 3 (got $rc)" "[ $rc = 3 ]"
            check "unwritable folder: $c -o $o: nothing on standard output" "[ ! -s $out ]"
            check "unwritable folder: $c -o $o: one line" "one_line $err '$o: cannot write: Permission denied'"
        done
    done
    # plot, report: into the folder, or a new folder inside it
    for c in "plot $L:waterfall.dat" "plot $L $N:lines.dat" "plot $L --format png:waterfall.dat" \
             "report $L $N:lines.dat"; do
        first=${c##*:} c=${c%:*}
        run $nobody $b $c -o ro
        check "unwritable folder: $c -o ro: exit 3 (got $rc)" "[ $rc = 3 ]"
        check "unwritable folder: $c -o ro: nothing on standard output" "[ ! -s $out ]"
        check "unwritable folder: $c -o ro: one line" "one_line $err 'ro: cannot write in the folder: Permission denied'"
        run $nobody $b $c -o ro/new
        check "unwritable folder: $c -o ro/new: exit 3 (got $rc)" "[ $rc = 3 ]"
        check "unwritable folder: $c -o ro/new: one line" "one_line $err 'ro/new: cannot create the folder: Permission denied'"
    done
    # --plot DIR. The chart folder is opened before the run: one that cannot
    # be written stops it before any result is written.
    for c in "sweep $L $vary:sweep.dat" "sweep $L $vary --vary council_tax.tax_base=100000:120000:10000:sweep-heat.dat" \
             "montecarlo $M --draws 1000 --seed 42:fan.dat" "sensitivity $S:tornado.dat"; do
        first=${c##*:} c=${c%:*}
        run $nobody $b $c --plot ro
        check "unwritable folder: $c --plot ro: exit 3 (got $rc)" "[ $rc = 3 ]"
        check "unwritable folder: $c --plot ro: one line" "one_line $err 'ro: cannot write in the folder: Permission denied'"
        check "unwritable folder: $c --plot ro: nothing on standard output" "[ ! -s $out ]"
        run $nobody $b $c --plot ro/new
        check "unwritable folder: $c --plot ro/new: exit 3 (got $rc)" "[ $rc = 3 ]"
        check "unwritable folder: $c --plot ro/new: one line" "one_line $err 'ro/new: cannot create the folder: Permission denied'"
        # with -o: the run failed, so the old results stay
        run $nobody $b $c --plot ro -o w/out.txt
        check "unwritable folder: $c --plot ro -o w/out.txt: exit 3 (got $rc)" "[ $rc = 3 ]"
        check "unwritable folder: $c --plot ro -o w/out.txt: nothing on standard output" "[ ! -s $out ]"
        check "unwritable folder: $c --plot ro -o w/out.txt: one line" "one_line $err 'ro: cannot write in the folder: Permission denied'"
        check "unwritable folder: $c --plot ro -o w/out.txt: the old results are untouched, no temporary file" \
            "[ \"\$(ls -A w)\" = out.txt ] && [ \"\$(cat w/out.txt)\" = 'old results' ]"
    done
    check "unwritable folder: the folder is as it was: old files untouched, nothing new" "unchanged ro '$tmp/ro.before'"
fi

# ---- 2. A full disk ----
# A small tmpfs with old results in it, then filled to the last block.
full=$tmp/full
mkdir "$full"
mounted=0
if [ "$(id -u)" != 0 ]; then
    skip "not root: no full tmpfs"
elif ! mount -t tmpfs -o size=512k,mode=0755 tmpfs "$full" 2>"$err"; then
    skip "cannot mount a tmpfs: $(head -c 200 "$err")"
else
    mounted=1
    trap 'cd /; [ "$mounted" = 0 ] || umount "$full" || umount -l "$full"; rm -rf "$tmp"' EXIT
fi
if [ "$mounted" = 1 ]; then
    mkdir "$full/charts" "$full/sweep"
    echo "old results" >"$full/out.txt"
    for f in report.md report.html waterfall.dat waterfall.gp waterfall.svg lines.dat; do
        echo "old $f" >"$full/charts/$f"
    done
    echo "old chart" >"$full/sweep/sweep.svg"
    # 12 KB set aside, freed after the filling: room for sweep.dat and
    # sweep.gp (under 4 KB each) but not for the chart (about 19 KB)
    head -c 12288 /dev/zero >"$full/slack"
    dd if=/dev/zero of="$full/filler" bs=4096 2>/dev/null || true
    check "full disk: the tmpfs is full" "[ \"\$(df -P '$full' | awk 'NR == 2 {print \$4}')\" = 0 ]"
    cd "$full"
    snap . >"$tmp/full.before"
    for c in "run $pub/$L" "run $pub/$L --format json" "sweep $pub/$L --vary council_tax.core_rise_pct=1:5:1" \
             "montecarlo $pub/$M --draws 1000 --seed 42" "montecarlo $pub/$M --draws 1000 --seed 42 --format csv"; do
        run $b $c -o out.txt
        check "full disk: $c -o out.txt: exit 3 (got $rc)" "[ $rc = 3 ]"
        check "full disk: $c -o out.txt: nothing on standard output" "[ ! -s $out ]"
        check "full disk: $c -o out.txt: one line" "one_line $err 'out.txt: cannot write: No space left on device'"
    done
    # the first file each writes: gap.dat (the gap chart comes first: write/plot.c)
    for c in "plot $pub/$L:gap.dat" "plot $pub/$L $pub/$N:gap.dat" "report $pub/$L $pub/$N:gap.dat"; do
        first=${c##*:} c=${c%:*}
        run $b $c -o charts
        check "full disk: $c -o charts: exit 3 (got $rc)" "[ $rc = 3 ]"
        check "full disk: $c -o charts: nothing on standard output" "[ ! -s $out ]"
        check "full disk: $c -o charts: one line" "one_line $err 'charts: cannot write $first: No space left on device'"
    done
    # a new folder for the charts is made, then removed again when they fail
    run $b plot "$pub/$L" -o newcharts
    check "full disk: plot -o newcharts: exit 3 (got $rc)" "[ $rc = 3 ]"
    check "full disk: plot -o newcharts: one line" "one_line $err 'newcharts: cannot write gap.dat: No space left on device'"
    check "full disk: plot -o newcharts: the new folder is removed" "[ ! -e newcharts ]"
    check "full disk: every folder is as it was: old files untouched, no temporary file" "unchanged . '$tmp/full.before'"
    rm slack
    # The data and the script fit, the chart does not: gnuplot does not
    # notice (it exits 0), the program must. The set is written whole or
    # not at all: the new data and script are not put beside the old chart.
    run $b sweep "$pub/$L" --vary council_tax.core_rise_pct=1:5:1 --plot sweep
    check "full disk: sweep --plot, no room for the chart: exit 3 (got $rc)" "[ $rc = 3 ]"
    check "full disk: sweep --plot, no room for the chart: one line" \
        "one_line $err 'sweep: cannot write sweep.svg: No space left on device'"
    check "full disk: sweep --plot, no room for the chart: the old chart is untouched, no temporary file" \
        "[ \"\$(ls -A sweep | tr '\n' ' ')\" = 'sweep.svg ' ] && [ \"\$(cat sweep/sweep.svg)\" = 'old chart' ]"
    cd "$pub"
    umount "$full" && mounted=0
fi

# ---- 3. Inputs that cannot be read ----
# bad_input WHAT TEXT ARGS...: run ARGS: exit 2, nothing on stdout, exactly TEXT on stderr
bad_input() {
    local what=$1 text=$2
    shift 2
    run "$@"
    check "$what: exit 2 (got $rc)" "[ $rc = 2 ]"
    check "$what: nothing on standard output" "[ ! -s $out ]"
    check "$what: one line" "one_line $err \"\$text\""
}
mkfifo fifo.cfg
mkdir -m 755 folder.cfg
printf 'base = "/dev/zero";\n' >base-device.cfg
printf 'base = "fifo.cfg";\n' >base-fifo.cfg
printf 'base = "%s";\nreferendum = {\n  @include "fifo.cfg"\n};\n' "$L" >include-fifo.cfg
bad_input "scenario /dev/zero" "/dev/zero: is not a regular file" $b check /dev/zero
bad_input "scenario /dev/null" "/dev/null: is not a regular file" $b run /dev/null
rc=0; echo 'scenario = { name = "x"; };' | timeout 20 $b run /dev/stdin >"$out" 2>"$err" || rc=$?
check "scenario /dev/stdin, a pipe: exit 2 (got $rc)" "[ $rc = 2 ]"
check "scenario /dev/stdin, a pipe: nothing on standard output" "[ ! -s $out ]"
check "scenario /dev/stdin, a pipe: one line" "one_line $err '/dev/stdin: is not a regular file'"
printf 'base = "/dev/stdin";\n' >base-stdin.cfg
rc=0; echo 'scenario = { name = "x"; };' | timeout 20 $b check base-stdin.cfg >"$out" 2>"$err" || rc=$?
check "base /dev/stdin, a pipe: exit 2 (got $rc)" "[ $rc = 2 ]"
check "base /dev/stdin, a pipe: nothing on standard output" "[ ! -s $out ]"
check "base /dev/stdin, a pipe: one line" "one_line $err 'base-stdin.cfg:1: base: /dev/stdin is not a regular file'"
bad_input "scenario a FIFO, no writer" "fifo.cfg: is not a regular file" $b run fifo.cfg
bad_input "scenario a folder" "folder.cfg: is a directory, not a scenario file" $b run folder.cfg
bad_input "compare: the alternative a FIFO" "fifo.cfg: is not a regular file" $b compare $L fifo.cfg
bad_input "base a device" "base-device.cfg:1: base: /dev/zero is not a regular file" $b check base-device.cfg
bad_input "base a FIFO" "base-fifo.cfg:1: base: fifo.cfg is not a regular file" $b check base-fifo.cfg
bad_input "@include a FIFO" "include-fifo.cfg:3: @include: fifo.cfg is not a regular file" $b check include-fifo.cfg

if [ "$as_nobody" = 1 ]; then
    install -m 000 $L mode0.cfg
    mkdir -m 755 closed
    install -m 644 $L closed/scenario.cfg
    install -m 644 limits.cfg closed/limits.cfg
    chmod 000 closed
    chmod 000 limits.cfg
    printf 'base = "mode0.cfg";\n' >base-mode0.cfg
    printf 'base = "closed/scenario.cfg";\n' >base-closed.cfg
    printf 'base = "%s";\nreferendum = {\n  @include "limits.cfg"\n};\n' "$L" >include-mode0.cfg
    printf 'base = "%s";\nreferendum = {\n  @include "closed/limits.cfg"\n};\n' "$L" >include-closed.cfg
    # every command reads its scenario the same way
    for c in "check" "run" "vote" "plot" "solve --vary council_tax.core_rise_pct=0:60 --target totals.gap_after_m@2023=0" \
             "sensitivity" "montecarlo --draws 10 --seed 1" "sweep --vary council_tax.core_rise_pct=1:5:1"; do
        set -- $c
        cmd=$1
        shift
        bad_input "unreadable scenario (mode 000): $cmd" "mode0.cfg: cannot open: Permission denied" \
            $nobody $b $cmd mode0.cfg "$@"
    done
    bad_input "unreadable alternative (mode 000): compare" "mode0.cfg: cannot open: Permission denied" \
        $nobody $b compare $L mode0.cfg
    bad_input "unreadable alternative (mode 000): report" "mode0.cfg: cannot open: Permission denied" \
        $nobody $b report $L mode0.cfg -o "$tmp/report"
    bad_input "scenario in a folder with mode 000" "closed/scenario.cfg: cannot open: Permission denied" \
        $nobody $b run closed/scenario.cfg
    bad_input "unreadable base (mode 000)" "base-mode0.cfg:1: base: cannot open mode0.cfg: Permission denied" \
        $nobody $b run base-mode0.cfg
    bad_input "base in a folder with mode 000" \
        "base-closed.cfg:1: base: cannot open closed/scenario.cfg: Permission denied" $nobody $b run base-closed.cfg
    bad_input "unreadable @include (mode 000)" \
        "include-mode0.cfg:3: @include: cannot open limits.cfg: Permission denied" $nobody $b check include-mode0.cfg
    bad_input "@include in a folder with mode 000" \
        "include-closed.cfg:3: @include: cannot open closed/limits.cfg: Permission denied" \
        $nobody $b check include-closed.cfg
    check "unreadable inputs: nothing written by report" "[ ! -e '$tmp/report' ]"
fi

finish
