#!/usr/bin/env bash
# The man page against the program: every command of the table in
# sim/cli/commands.c has a synopsis and an entry under COMMANDS, and every
# option of each command's option table (sim/cli/cmd_*.c) is in that
# command's synopsis and has an entry under OPTIONS that, when it names the
# commands it is for, names this one. Then the check itself, on man pages
# broken on purpose.
#
# usage: tests/man.sh [MANPAGE]     (default budgetsim.1, made by make docs)
suite=man
set -eu
export LC_ALL=C
man=${1:-budgetsim.1}
root=$PWD
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

# "command option" for every option of every command, from the sources:
# each cli_spec names its command and its option table; each table lists
# {"name", ...} up to {NULL, 0, 0}.
options_of_commands() {
    for f in "$root"/sim/cli/cmd_*.c; do
        awk '
            /static const cli_option [a-z_]+\[\] *= *\{/ {
                match($0, /cli_option [a-z_]+/); table = substr($0, RSTART + 11, RLENGTH - 11); intable = 1 }
            intable {
                line = $0
                while (match(line, /\{"[a-z-]+"/)) { opts[table] = opts[table] " " substr(line, RSTART + 2, RLENGTH - 3); line = substr(line, RSTART + RLENGTH) }
                if ($0 ~ /\{NULL, 0, 0\}/) intable = 0
            }
            /cli_spec spec = \{"/ {
                match($0, /\{"[a-z]+", [a-z_]+, [a-z_]+/); split(substr($0, RSTART + 1, RLENGTH - 1), p, ", ")
                gsub(/"/, "", p[1]); spec[p[1]] = p[3]
            }
            END { for (c in spec) { n = split(opts[spec[c]], o, " "); for (i = 1; i <= n; i++) print c, o[i] } }
        ' "$f"
    done | sort
}

# The listed commands of sim/cli/commands.c: {"name", cmd_x, "synopsis", ...}.
commands_listed() {
    sed -n 's/^ *{"\([a-z]*\)", cmd_[a-z_]*, "[^"]*",.*/\1/p' "$root"/sim/cli/commands.c
}

# Check the man page $1; print one line for each problem; return 1 when any.
check_page() {
    local page=$1 bad=0 cmd opt
    # SYNOPSIS: a block per command, from ".B budgetsim CMD" to ".br"
    sed -n '/^\.SH SYNOPSIS/,/^\.SH /p' "$page" >"$tmp/synopsis"
    sed -n '/^\.SH OPTIONS/,/^\.SH /p' "$page" >"$tmp/options"
    sed -n '/^\.SH COMMANDS/,/^\.SH /p' "$page" >"$tmp/commands"
    for cmd in $(commands_listed); do
        if ! grep -q "^\.B budgetsim $cmd\( \|\$\)" "$tmp/synopsis"; then
            echo "$page: command $cmd has no synopsis"; bad=1
        fi
        if ! grep -A1 '^\.TP' "$tmp/commands" | grep -qx "\.B $cmd"; then
            echo "$page: command $cmd has no entry under COMMANDS"; bad=1
        fi
    done
    while read -r cmd opt; do
        local roff="\\\\-\\\\-${opt//-/\\\\-}"
        [ "$opt" = output ] && roff="\\\\-o"
        # the synopsis blocks of the command (reference has two)
        awk -v c="$cmd" '$0 ~ "^\\.B budgetsim " c "( |$)" { on = 1 } on { print } /^\.br/ { on = 0 }' \
            "$tmp/synopsis" >"$tmp/block"
        if ! grep -Eq -- "$roff([^-a-z\\\\]|\$)" "$tmp/block"; then
            echo "$page: $cmd --$opt is not in its synopsis"; bad=1
        fi
        # the entry under OPTIONS: a .TP whose next line names the option first
        [ "$opt" = output ] && roff='\\-o " OUT\\fR, " \\-\\-output'
        R="^\\.(B|BI|BR) $roff( |\$)" awk 'prev == ".TP" && $0 ~ ENVIRON["R"] { on = 1; print; prev = $0; next }
                                               on && /^\.TP/ { on = 0 } on { print } { prev = $0 }' \
            "$tmp/options" >"$tmp/entry"
        if [ ! -s "$tmp/entry" ]; then
            echo "$page: $cmd --$opt has no entry under OPTIONS"; bad=1
            continue
        fi
        # "(cmd, cmd)" at the start of its text: the commands it is for
        local list
        list=$(sed -n '2{s/^(\([a-z, ]*\)).*/\1/p}' "$tmp/entry")
        if [ -n "$list" ] && ! printf '%s\n' "$list" | tr -d ' ' | tr ',' '\n' | grep -qx "$cmd"; then
            echo "$page: the entry of --$opt under OPTIONS is for ($list), not $cmd"; bad=1
        fi
    done < <(options_of_commands)
    return $bad
}

n=$(options_of_commands | wc -l)
ncmd=$(commands_listed | wc -l)
if [ "$n" -lt 40 ] || [ "$ncmd" -lt 11 ]; then
    echo "FAIL man: read only $n options of $ncmd commands from sim/cli: the reader of the sources is broken" >&2
    fail=$((fail + 1))
elif check_page "$man" >"$tmp/problems"; then
    pass=$((pass + 1))
else
    sed 's/^/FAIL man: /' "$tmp/problems" >&2
    fail=$((fail + 1))
fi

# The check on pages broken on purpose: each must be caught.
broken() {
    local what=$1 script=$2
    sed "$script" "$man" >"$tmp/broken.1"
    if cmp -s "$man" "$tmp/broken.1"; then
        echo "FAIL man: self-test '$what': the edit changed nothing" >&2; fail=$((fail + 1))
    elif check_page "$tmp/broken.1" >/dev/null; then
        echo "FAIL man: self-test '$what' was not caught" >&2; fail=$((fail + 1))
    else
        pass=$((pass + 1))
    fi
}
broken "sweep --shard gone from the synopsis" '/^\.B budgetsim sweep/,/^\.br/{/\\-\\-shard/d}'
broken "--plot-year gone from OPTIONS" '/^\.SH OPTIONS/,/^\.SH /{s/^\.BI \\-\\-plot\\-year/.BI \\-\\-plot\\-yr/}'
broken "--threads said to be for montecarlo alone" 's/^(montecarlo, sweep) Worker threads/(montecarlo) Worker threads/'
broken "compare --as-proposed gone" '/^\.B budgetsim compare/,/^\.br/{/as\\-proposed/d}'
broken "reference --rows gone" '/^\.B budgetsim reference \\-\\-rows/,/^\.br/d'
broken "the command vote gone from COMMANDS" '/^\.SH COMMANDS/,/^\.SH /{s/^\.B vote$/.B votes/}'
broken "sweep --plot gone, --plot-year kept" '/^\.B budgetsim sweep/,/^\.br/{/^\.RB \[ \\-\\-plot$/d}'
broken "report -o gone" '/^\.B budgetsim report/,/^\.br/{/^\.RB \[ \\-o$/d}'

echo "$suite: $pass passed, $fail failed ($n options of $ncmd commands)"
[ "$fail" = 0 ]
