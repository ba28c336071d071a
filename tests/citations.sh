#!/usr/bin/env bash
# Every path the scenarios and the docs cite exists in a clone (make
# test-citations).
#
# usage: tests/citations.sh [ROOT]
#
# Read: scenarios/*.cfg, scenarios/examples/*.cfg, README.md and docs/*.md.
# A citation is
#   - a word that starts with a folder of the repository (docs/, sim/,
#     scenarios/, tests/, scripts/) and names a file or a folder: it must
#     exist from the root of the repository;
#   - in a scenario, a `base = "..."` or `@include "..."` name, or a word
#     ending in .cfg or .md that starts with ./ or ../: from the file's folder;
#   - in Markdown, a link target [text](path) that is not a URL or an anchor:
#     from the file's folder.
# A word holding a placeholder (NAME, ID, NNN, *, ..., a "{") is a pattern,
# not a path, and is not checked; nor is what a command writes (plots/,
# build/). Any mention of the team's folder beside the repository (named in
# $outside below) fails: a clone has no such folder, the sources live in
# docs/sources.md.
set -eu
export LC_ALL=C
root=${1:-$PWD}
cd "$root"
pass=0 fail=0
outside='..''/shared' # written in two parts so that this file does not mention it itself
bad() { fail=$((fail + 1)); echo "FAIL citations: $*" >&2; }

# exists FROM_DIR PATH WHERE: PATH (relative to FROM_DIR) must exist
exists() {
    local dir=$1 path=${2%%#*} where=$3
    path=${path%/}
    [ -n "$path" ] || return 0
    case "$path" in *NAME* | *ID* | *NNN* | *'*'* | *...* | *'{'* | *'<'*) return 0 ;; esac
    if [ -e "$dir/$path" ]; then pass=$((pass + 1)); else bad "$where cites $path, which does not exist (from $dir)"; fi
}

files=(scenarios/*.cfg scenarios/examples/*.cfg README.md docs/*.md)
for f in "${files[@]}"; do
    dir=$(dirname "$f")
    if grep -nF "$outside" "$f" >"${TMPDIR:-/tmp}/citations.$$" 2>/dev/null; then
        while IFS= read -r hit; do bad "$f:${hit%%:*} mentions $outside (a clone has none; cite docs/sources.md)"; done \
            <"${TMPDIR:-/tmp}/citations.$$"
    else
        pass=$((pass + 1))
    fi
    rm -f "${TMPDIR:-/tmp}/citations.$$"
    n=0
    while IFS= read -r line; do
        n=$((n + 1))
        # repository paths, from the root
        for p in $(grep -oE '(^|[^A-Za-z0-9_./-])(docs|sim|scenarios|tests|scripts)/[A-Za-z0-9_./*-]*' <<<"$line" |
                   sed -E 's/^[^a-z]//; s/[.,:;]+$//'); do
            exists . "$p" "$f:$n"
        done
        case "$f" in
        *.cfg)
            for p in $(grep -oE '^[[:space:]]*(base[[:space:]]*=[[:space:]]*|@include[[:space:]]+)"[^"]*"' <<<"$line" |
                       sed -E 's/.*"([^"]*)"/\1/'); do
                exists "$dir" "$p" "$f:$n"
            done
            for p in $(grep -oE '(^|[^A-Za-z0-9_./-])\.\.?/[A-Za-z0-9_./-]*\.(cfg|md)' <<<"$line" | sed -E 's/^[^.]//'); do
                exists "$dir" "$p" "$f:$n"
            done
            ;;
        *.md)
            for p in $(grep -oE '\]\([^)[:space:]]+\)' <<<"$line" | sed -E 's/^\]\(//; s/\)$//'); do
                case "$p" in http:* | https:* | mailto:* | '#'*) continue ;; esac
                exists "$dir" "$p" "$f:$n"
            done
            ;;
        esac
    done <"$f"
done
echo "citations: $pass passed, $fail failed"
[ "$fail" = 0 ]
