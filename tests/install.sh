#!/usr/bin/env bash
# make install and make uninstall, into a temporary DESTDIR: the files
# installed (the list written out from the repository's own files), their
# modes and contents, the man page naming PREFIX, the installed program run
# on the installed scenarios; then uninstall removing exactly those files,
# leaving what it did not install.
#
# usage: tests/install.sh     (from the repository root; MAKE may name make)
set -eu
export LC_ALL=C
make=${MAKE:-make}
root=$PWD
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL install: $1" >&2; fi; }

d=$tmp/dest
p=/opt/bs
"$make" -s --no-print-directory -C "$root" install DESTDIR="$d" PREFIX="$p" >"$tmp/out" 2>&1 || { cat "$tmp/out" >&2; exit 1; }

# The files: the program, the man page, README.md, LICENSE, each docs/*.md,
# each scenario, nothing else.
{
    echo "$p/bin/budgetsim"
    echo "$p/share/man/man1/budgetsim.1"
    echo "$p/share/doc/budgetsim/README.md"
    echo "$p/share/doc/budgetsim/LICENSE"
    for f in docs/*.md; do echo "$p/share/doc/budgetsim/$f"; done
    for f in scenarios/*.cfg scenarios/examples/*.cfg; do echo "$p/share/budgetsim/$f"; done
} | sort >"$tmp/want"
(cd "$d" && find . -type f | sed 's|^\.||' | sort) >"$tmp/got"
check "the files installed are exactly those listed ($(wc -l <"$tmp/want"))" "cmp -s '$tmp/want' '$tmp/got' || { diff '$tmp/want' '$tmp/got' >&2; false; }"
check "the program is 755, every other file 644" \
    "[ \$(stat -c %a '$d$p/bin/budgetsim') = 755 ] && [ -z \"\$(find '$d' -type f ! -name budgetsim ! -perm 644)\" ]"
check "README.md, LICENSE, docs and scenarios installed as they are" \
    "cmp -s README.md '$d$p/share/doc/budgetsim/README.md' && cmp -s LICENSE '$d$p/share/doc/budgetsim/LICENSE' &&
     for f in docs/*.md scenarios/*.cfg scenarios/examples/*.cfg; do
       case \$f in docs/*) t='$d$p/share/doc/budgetsim/'\$f;; *) t='$d$p/share/budgetsim/'\$f;; esac; cmp -s \$f \$t || exit 1; done"
man=$d$p/share/man/man1/budgetsim.1
check "the man page says where the scenarios and the documentation are, under PREFIX" \
    "grep -qx '.I $p/share/budgetsim/scenarios/' '$man' && grep -qx '.I $p/share/doc/budgetsim/' '$man'"
check "the man page is budgetsim.1 with PREFIX for /usr/local, nothing else changed" \
    "sed 's|$p/share/|/usr/local/share/|g' '$man' | cmp -s - budgetsim.1"
check "no /usr/local left in the man page" "! grep -q /usr/local '$man'"

# The installed program on the installed scenarios (a base across folders):
# the same budget as in the repository.
b=$d$p/bin/budgetsim
check "the installed program prints its version and licence" "'$b' --version | grep -qx 'License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.'"
for f in scenarios/liverpool-2022-no-cuts.cfg scenarios/examples/hung-council.cfg; do
    check "installed $f (its base in the installed tree): the repository's budget" \
        "cmp -s <('$b' run '$d$p/share/budgetsim/$f' --format csv) <(./budgetsim run $f --format csv)"
done

# Uninstall: exactly what install put there. A file of someone else's in bin/
# and a scenario of the user's own among the installed ones are left, with
# the folder that holds it.
echo other >"$d$p/bin/other-tool"
echo "# mine" >"$d$p/share/budgetsim/scenarios/mine.cfg"
"$make" -s --no-print-directory -C "$root" uninstall DESTDIR="$d" PREFIX="$p" >"$tmp/out" 2>&1 || { cat "$tmp/out" >&2; exit 1; }
(cd "$d" && find . -type f | sed 's|^\.||' | sort) >"$tmp/left"
printf '%s\n' "$p/bin/other-tool" "$p/share/budgetsim/scenarios/mine.cfg" >"$tmp/want-left"
check "uninstall removes every file installed and nothing else" "cmp -s '$tmp/want-left' '$tmp/left' || { diff '$tmp/want-left' '$tmp/left' >&2; false; }"
check "uninstall removes budgetsim's empty folders (doc/budgetsim, scenarios/examples)" \
    "[ ! -e '$d$p/share/doc/budgetsim' ] && [ ! -e '$d$p/share/budgetsim/scenarios/examples' ]"
check "uninstall keeps the shared folders (bin, man1, doc)" "[ -d '$d$p/bin' ] && [ -d '$d$p/share/man/man1' ] && [ -d '$d$p/share/doc' ]"
rm "$d$p/share/budgetsim/scenarios/mine.cfg" "$d$p/bin/other-tool"
rc=0; "$make" -s --no-print-directory -C "$root" uninstall DESTDIR="$d" PREFIX="$p" >"$tmp/out" 2>&1 || rc=$?
check "uninstall again: nothing to remove, exit 0, and budgetsim's folders gone" \
    "[ $rc = 0 ] && [ ! -e '$d$p/share/budgetsim' ] && [ -z \"\$(find '$d' -type f)\" ]"

# The default PREFIX, /usr/local, under DESTDIR.
d2=$tmp/dest2
"$make" -s --no-print-directory -C "$root" install DESTDIR="$d2" >"$tmp/out" 2>&1 || { cat "$tmp/out" >&2; exit 1; }
check "PREFIX defaults to /usr/local, under DESTDIR" "[ -x '$d2/usr/local/bin/budgetsim' ] && cmp -s budgetsim.1 '$d2/usr/local/share/man/man1/budgetsim.1'"
"$make" -s --no-print-directory -C "$root" uninstall DESTDIR="$d2" >"$tmp/out" 2>&1
check "and uninstall from it leaves no file" "[ -z \"\$(find '$d2' -type f)\" ]"

echo "install: $pass passed, $fail failed"
[ "$fail" = 0 ]
