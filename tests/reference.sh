#!/usr/bin/env bash
# budgetsim reference: the rows against the tables they describe, the filter
# against the settings table of the source, and the wrapping to a width
# (COLUMNS, a terminal's own, 80), never within a word.
#
# usage: tests/reference.sh BUDGETSIM
suite=reference
. tests/lib.sh
unset COLUMNS
# Widths are counted in characters: the one character beyond ASCII in the
# text, the pound sign, is made one byte before awk (mawk counts bytes).
narrow() { sed 's/\xc2\xa3/L/g' "$@"; }

scenarios="scenarios/*.cfg scenarios/examples/*.cfg tests/fixtures/*.cfg"

# ---- the rows ----
# The keys of reference --rows FILE are the rows of run FILE --format csv,
# but for its rules.* and vote.* rows (which no red line reads), in order.
for f in $scenarios; do
    "$bin" run "$f" --format csv >"$tmp/csv" 2>/dev/null || continue
    tail -n +2 "$tmp/csv" | cut -d, -f1 | grep -v '^rules\.\|^vote\.' >"$tmp/want"
    "$bin" reference --rows "$f" --format md | sed -n 's/^| `\([^`]*\)` |.*/\1/p' >"$tmp/got"
    check "reference --rows $f: the keys of run --format csv" "cmp -s '$tmp/want' '$tmp/got'"
    check "reference --rows $f: every row described" "! $bin reference --rows '$f' | grep -q 'no description'"
    cat "$tmp/got" >>"$tmp/all-keys"
done
# Every pattern of reference --rows is the key of a row of some scenario.
"$bin" reference --rows --format md | sed -n 's/^| `\([^`]*\)` |.*/\1/p' >"$tmp/patterns"
check "reference --rows: 41 patterns (35, and the six per-household rows of the two gaps)" "[ \$(wc -l <'$tmp/patterns') = 41 ]"
while IFS= read -r p; do
    re=$(printf '%s' "$p" | sed 's/\./\\./g; s/\*/[^.]+/g')
    check "pattern $p: a row of some scenario" "grep -Eqx '$re' '$tmp/all-keys'"
done <"$tmp/patterns"

# ---- the filter ----
# A path prefix with an id: the 4 settings of services.* (services.*.name,
# net_m, growth_pct, statutory in sim/core/schema.c) and uncertainty.*.path,
# whose meaning names services.adult_social_care.growth_pct.
printf '%s\n' services.*.name services.*.net_m services.*.growth_pct services.*.statutory uncertainty.*.path >"$tmp/want"
"$bin" reference services.adult_social_care --format md | sed -n 's/^| `\([^`]*\)`.*/\1/p' >"$tmp/got"
check "reference services.adult_social_care: services.* and uncertainty.*.path" "cmp -s '$tmp/want' '$tmp/got'"
# A word in any case: the 5 settings of sim/core/schema.c whose path or
# meaning holds "referendum" (lines 68-82: all of referendum.*).
printf 'referendum.%s\n' core_limit_pct core_limit_pounds asc_limit_pct asc_unused_before_pct asc_carry_forward >"$tmp/want"
"$bin" reference REFERENDUM --format md | sed -n 's/^| `\([^`]*\)`.*/\1/p' >"$tmp/got"
check "reference REFERENDUM: the 5 settings of referendum.*" "cmp -s '$tmp/want' '$tmp/got'"
# Nothing matched: exit 1, one line.
rc=0; "$bin" reference qqqzzz >"$tmp/out" 2>"$tmp/err" || rc=$?
check "reference qqqzzz: exit 1, one line, nothing on stdout" "[ $rc = 1 ] && [ ! -s '$tmp/out' ] && [ \$(wc -l <'$tmp/err') = 1 ]"

# ---- wrapping ----
# Lines of at most the width (a word longer than the line alone on its
# line), and the same words in the same order as unwrapped.
words() { tr -s ' \n' '\n\n' | grep -v '^$'; }
COLUMNS=100000 "$bin" reference >"$tmp/wide"
COLUMNS=100000 "$bin" reference --rows scenarios/liverpool-2022-adopted.cfg >"$tmp/wide-rows"
for w in 20 40 72 80 132; do
    for what in settings rows; do
        if [ $what = settings ]; then COLUMNS=$w "$bin" reference >"$tmp/out"; ref="$tmp/wide"
        else COLUMNS=$w "$bin" reference --rows scenarios/liverpool-2022-adopted.cfg >"$tmp/out"; ref="$tmp/wide-rows"; fi
        # a line over the width is one word after its indent
        over=$(narrow "$tmp/out" | awk -v w=$w '{ n = length($0); s = $0; sub(/^ +/, "", s); if (n > w && s ~ / /) print }' | head -1)
        check "COLUMNS=$w, $what: no line over $w columns but a lone word" "[ -z \"\$over\" ]"
        check "COLUMNS=$w, $what: every word kept whole, in order" "cmp -s <(words <'$tmp/out') <(words <'$ref')"
        # filled: the next line's first word would not have fitted
        slack=$(narrow "$tmp/out" | awk -v w=$w 'NR > 1 && prev != "" && $0 != "" { i = match($0, /[^ ]/) - 1; pi = match(prev, /[^ ]/) - 1;
                  split(substr($0, i + 1), a, " "); if (a[1] != "Type:" && i == pi && i > 0 && length(prev) + 1 + length(a[1]) <= w) print NR }
                  { prev = $0 }' | head -1)
        check "COLUMNS=$w, $what: lines filled (no early break)" "[ -z \"\$slack\" ]"
    done
done
# Not a terminal and no COLUMNS: 80.
"$bin" reference >"$tmp/out"
check "no terminal, no COLUMNS: 80 columns" "[ \$(narrow '$tmp/out' | awk '{ if (length(\$0) > m) m = length(\$0) } END { print m }') = 80 ]"
check "no terminal, no COLUMNS: as COLUMNS=80" "cmp -s '$tmp/out' <(COLUMNS=80 '$bin' reference)"
# A terminal of 50 columns (a pseudo-terminal from script(1)), no COLUMNS.
if command -v script >/dev/null 2>&1 && script -qc true /dev/null >/dev/null 2>&1; then
    script -qc "stty cols 50 rows 20; '$bin' reference --rows" /dev/null </dev/null | tr -d '\r' >"$tmp/tty"
    check "a terminal of 50 columns: the text of COLUMNS=50" "cmp -s '$tmp/tty' <(COLUMNS=50 '$bin' reference --rows)"
else
    echo "SKIP reference: no script(1) for a pseudo-terminal"
fi

finish
