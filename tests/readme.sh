#!/usr/bin/env bash
# The README's tour is a test (make test-readme): every command shown in
# README.md is run, and the lines shown under it must be its real output.
#
# usage: tests/readme.sh BUDGETSIM [README]
#
# What is read. In each ``` block of the README, a line beginning "$ " is a
# command; the lines after it beginning "> " continue it (as the shell's
# second prompt shows them: a loop, a line ending in \); the lines that
# follow, up to the next "$ " line or the end of the block, are its output.
# A block without a "$ " line is not run.
#
# How it is run. Each command goes to bash as written (the README uses
# pipes, `;` and loops), with its standard error joined to its output, from a
# scratch folder holding a copy of the repository's files (without .git, the
# build folders and plots/: whatever a command writes, such as plots/liverpool/,
# goes there and is removed at the end) in which ./budgetsim, and budgetsim on
# the PATH, are the program given. The commands run in order, in the same
# folder, as a reader following the tour would, each with 300 s at most and
# no standard input.
#
# What is checked. The output shown must be the real output, line by line
# (trailing blanks and the CR of a CSV line end left out): a shown line that
# is just "..." stands for any number of lines, none included; without one at
# the end, the output must end where the block does, and without one at the
# start, it must start with the first line shown. A command that does not
# name budgetsim must be in the list below, with the reason it is not run.
#
# Not run (a command skipped prints a SKIP line with its reason; it is
# neither passed nor failed):
#   - blocks with no "$ " line: `make demo`/`make test` (the set-up: they
#     install packages, and make test is what runs this), scenario file
#     excerpts, the GNU parallel and Slurm scripts (other tools, 10^6 points);
#   - the commands in skip_reason() below.
suite=readme
. "$(dirname "$0")/lib.sh"
readme=${2:-$root/README.md}
[ -f "$readme" ] || { echo "readme: no $readme" >&2; exit 2; }
rel=${readme#"$root"/}

# skip_reason COMMAND: why COMMAND is not run (status 1: it is run)
skip_reason() {
    case "$1" in
    "make bench"*) echo "times this machine (the figures are one run's on the machine it names); make bench runs it" ;;
    *) return 1 ;;
    esac
}

# ---- the commands and their output ----
# $tmp/c/K.cmd the command, K.want the lines shown, K.at "LINE FIRST": the
# README line of the command and of its first output line; $tmp/c/list: K a line
mkdir -p "$tmp/c"
awk -v dir="$tmp/c" '
function close_cmd() {
    if (k > 0) { close(dir "/" k ".cmd"); close(dir "/" k ".want"); print k " " at " " (first ? first : NR) > (dir "/" k ".at"); close(dir "/" k ".at") }
}
/^```/ {
    if (inblock) { close_cmd(); k = 0 }
    inblock = !inblock
    next
}
!inblock { next }
/^\$ / {
    close_cmd()
    k = ++n
    print k > (dir "/list")
    at = NR; first = 0; cont = 1
    printf "%s\n", substr($0, 3) > (dir "/" k ".cmd")
    printf "" > (dir "/" k ".want")
    next
}
k > 0 && cont && /^> / { printf "%s\n", substr($0, 3) > (dir "/" k ".cmd"); next }
k > 0 {
    cont = 0
    if (!first) first = NR
    print > (dir "/" k ".want")
}
END { close_cmd() }
' "$readme"
[ -s "$tmp/c/list" ] || { bad "$rel has no command (no \"\$ \" line in a \`\`\` block)"; finish; exit; }

# ---- the scratch folder ----
scratch=$tmp/scratch
mkdir -p "$scratch/plots" "$scratch/.bin"
for f in "$root"/* "$root"/.[!.]*; do
    [ -e "$f" ] || continue
    case "${f##*/}" in .git | build | build-san | build-fuzz | budgetsim | plots) continue ;; esac
    cp -R "$f" "$scratch/"
done
ln -s "$bin" "$scratch/budgetsim"
ln -s "$bin" "$scratch/.bin/budgetsim"

# match WANT GOT FIRST: GOT is what WANT shows ("..." any lines); else the
# reason on standard output (FIRST: the README line of WANT's first line)
match() {
    awk -v want="$1" -v got="$2" -v first="$3" -v rel="$rel" '
    function show(s) { return s == "" ? "(a blank line)" : length(s) > 100 ? substr(s, 1, 100) "..." : s }
    # fit(lead, trail): the lines t[1..n] are the pattern p[1..m], with a
    # "..." before it (lead) or after it (trail); "..." matches any lines
    # (a wildcard match, backtracking to the last "..."). Sets fail_i and
    # fail_j (where it stopped), far (the furthest shown line matched) and
    # rest (the first line taken by the last "...").
    function fit(lead, trail,   k, i, j, star, mark) {
        k = 0
        if (lead) { q[++k] = "..."; at[k] = 0 }
        for (i = 1; i <= m; i++) { q[++k] = p[i]; at[k] = i }
        if (trail) { q[++k] = "..."; at[k] = 0 }
        i = 1; j = 1; star = 0; mark = 0; far = 0
        while (j <= n) {
            if (i <= k && q[i] == "...") { if (i == k) rest = j; star = i; i++; mark = j; continue }
            if (i <= k && q[i] == t[j]) { if (at[i] > far) far = at[i]; i++; j++; continue }
            if (star) { i = star + 1; j = ++mark; continue }
            fail_i = at[i]; fail_j = j
            return 0
        }
        while (i <= k && q[i] == "...") i++
        fail_i = at[i]; fail_j = n + 1
        return i > k
    }
    BEGIN {
        m = 0; n = 0
        while ((getline l < want) > 0) { sub(/[ \t\r]+$/, "", l); p[++m] = l }
        while ((getline l < got) > 0) { sub(/[ \t\r]+$/, "", l); t[++n] = l }
        if (fit(0, 0)) exit 0
        if (p[m] != "..." && fit(0, 1)) {
            print "the output goes on after the last line shown (show the rest, or end the block with ...): " show(t[rest])
            exit 1
        }
        if (p[1] != "..." && fit(1, 0)) {
            print "the output starts with lines the block does not show (show them, or start the block with ...): " show(t[1])
            exit 1
        }
        fit(0, 0)
        if (fail_j <= n && fail_i) {
            print rel ":" (first + fail_i - 1) ": shown \"" show(p[fail_i]) "\", the output has \"" show(t[fail_j]) "\""
        } else {
            k = far + 1
            while (k <= m && p[k] == "...") k++
            if (k > m) k = m
            print rel ":" (first + k - 1) ": shown \"" show(p[k]) "\", not in the output " (n ? "where it is shown" : "(the output is empty)")
        }
        exit 1
    }'
}

while read -r k; do
    cmd=$(cat "$tmp/c/$k.cmd")
    read -r _ line first <"$tmp/c/$k.at"
    head1=$(head -n 1 "$tmp/c/$k.cmd")
    short=$head1
    [ ${#short} -le 90 ] || short="${short:0:87}..."
    if reason=$(skip_reason "$head1"); then
        echo "SKIP $suite: $rel:$line: $head1: $reason"
        continue
    fi
    if ! grep -qw budgetsim "$tmp/c/$k.cmd"; then
        bad "$rel:$line: $short: not a command of budgetsim; list it in tests/readme.sh (skip_reason) with the reason it is not run"
        continue
    fi
    rc=0
    (cd "$scratch" && PATH="$scratch/.bin:$PATH" timeout 300 bash -c "$cmd") >"$tmp/got" 2>&1 </dev/null || rc=$?
    if [ "$rc" = 124 ]; then
        bad "$rel:$line: $short: still running after 300 s"
    elif why=$(match "$tmp/c/$k.want" "$tmp/got" "$first"); then
        ok
    else
        bad "$rel:$line: $short: $why"
        if [ "${README_DIFF:-1}" = 1 ]; then
            diff -u --label "$rel:$first (shown)" --label "real output" "$tmp/c/$k.want" \
                <(sed 's/[[:space:]]*$//' "$tmp/got") | head -n 40 | sed 's/^/    /' >&2 || true
        fi
    fi
done <"$tmp/c/list"

finish
