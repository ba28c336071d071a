#!/usr/bin/env bash
# budgetsim publish: the page it writes, opened in a real browser as a reader
# would (tests/publish_cdp.py drives Debian's chromium over the DevTools
# protocol), and the command's refusals of bad input.
#
# - The harness first runs on its own fake page (tests/fixtures/publish-fake.html,
#   no CLI comparisons): it must pass there, and fail there when the fake page
#   is broken on purpose (?fault=tab, net, slow, alert, model), so that a pass on the real
#   page means something.
# - The Liverpool pair and the example district alone are published, each to
#   a folder holding index.html and nothing else; publish_cdp.py then checks
#   the numbers at load, after every lever moved by the keyboard, from the
#   URL fragment and from the downloaded scenario against `budgetsim run
#   --format json` (see its own comment). Screenshots are kept in
#   tests/out/publish/ (git ignores tests/out/) for a person to look at.
# - Bad input: exit 2, one line on standard error, nothing on standard output,
#   nothing written.
# usage: tests/publish.sh BUDGETSIM
suite=publish
if ! command -v python3 >/dev/null 2>&1 || [ ! -x /usr/bin/chromium ]; then
    echo "publish: SKIP: python3 or /usr/bin/chromium is not installed (make deps installs chromium)"
    exit 0
fi
. "$(dirname "$0")/lib.sh"

out=$root/tests/out/publish
rm -rf "$out"
mkdir -p "$out"
cdp() { python3 "$root/tests/publish_cdp.py" "$@"; }
A=scenarios/liverpool-2022-adopted.cfg N=scenarios/liverpool-2022-no-cuts.cfg D=scenarios/example-district.cfg
cd "$root"

# 1. The harness on its fake page: passes; fails when the page is broken.
rc=0
cdp --page tests/fixtures/publish-fake.html --self-test --out "$out/fake" >"$tmp/fake.txt" 2>&1 || rc=$?
check "the harness passes on its fake page (exit $rc): $(grep FAIL "$tmp/fake.txt" | head -3)" "[ $rc = 0 ]"
# fault WHAT CHECK: the fake page broken in one way fails that check alone
# (for each of its two scenarios).
fault() {
    local rc=0 what=$1 chk=$2
    shift 2
    [ $# -gt 0 ] || set -- --self-test
    cdp --page tests/fixtures/publish-fake.html "$@" --query "?fault=$what" --out "$tmp/fault-$what" >"$tmp/fault-$what.txt" 2>&1 || rc=$?
    set -- "$what" "$chk"
    check "the harness fails on the fake page with fault=$1 at '$2' alone (exit $rc: $(grep FAIL "$tmp/fault-$1.txt" | cut -c1-100 | tr '\n' ' '))" \
        "[ $rc = 1 ] && grep -q '^publish: $2: FAIL ' '$tmp/fault-$1.txt' &&
         [ \$(grep -c FAIL '$tmp/fault-$1.txt') = \$(grep -Ec '^publish: $2( \(slot 1\))?: FAIL ' '$tmp/fault-$1.txt') ]"
}
fault tab "Tab order"              # a lever with tabindex -1
fault net network                  # an image from http://
fault slow "recompute under 16 ms" # 20 ms a run
fault alert "no error shown"       # a message in its role=alert once a lever moves
# The comparisons with the command line, against a CLI of the fake page's
# arithmetic (publish_cdp.py --fake-cli): all agree; then one number off in
# its 7th significant digit after one lever is moved.
FAKE="--budgetsim fake --scenario fake-adopted.cfg --scenario fake-alternative.cfg"
rc=0
cdp --page tests/fixtures/publish-fake.html $FAKE --out "$tmp/fake-cli" >"$tmp/fake-cli.txt" 2>&1 || rc=$?
check "the harness passes on its fake page against its fake CLI (exit $rc): $(grep FAIL "$tmp/fake-cli.txt" | head -3)" \
    "[ $rc = 0 ] && grep -q '^publish: levers against the CLI (slot 1): ok' '$tmp/fake-cli.txt'"
fault model "levers against the CLI" $FAKE
# By hand, base 10, the price moved to 41: the bin 41/40 = 1.025, growth
# 3/10 = 0.3, rises 1.99/3 and 5/3; gaps 1 - 1.025 = -0.025,
# 10 x 0.5 - 1.025 - 0.66333 = 3.31167, 10 x 0.9 - 1.025 - 0.66333 - 1.66667
# = 5.645; the reserve 20.025, 16.71333, 11.068333; the fault adds 1e-6.
check "fault=model: the failure names the lever, the setting, the row, the year and both values" \
    "grep -qF 'FAIL measures.green_bin.price_pounds: reserves.general.closing_m 2024/25: page 11.06833433 vs CLI 11.06833333 (--set measures.green_bin.price_pounds=41)' '$tmp/fault-model.txt'"

# 2. Refusals: exit 2 (bad input), or 3 for an -o that cannot be written (a
# path that is not a folder: the project's rule, tests/output.sh), one line,
# nothing on standard output, nothing written.
# refuse NAME WORD ARGS...: run in an empty folder holding copies of the
# scenarios, which must be left as they were; the line names WORD (the file
# or setting at fault), and is not the "unknown command" of a program
# without publish.
mkdir -p "$tmp/bad"
cp "$A" "$N" "$tmp/bad/"
refuse() {
    local name=$1 word=$2 want=${WANT:-2}
    shift 2
    local rc=0 before after
    before=$(cd "$tmp/bad" && find . -printf '%p %y %s %l\n' | sort | md5sum)
    (cd "$tmp/bad" && "$bin" publish "$@" >"$tmp/stdout" 2>"$tmp/stderr") || rc=$?
    after=$(cd "$tmp/bad" && find . -printf '%p %y %s %l\n' | sort | md5sum)
    check "$name: exit $want (got $rc)" "[ $rc = $want ]"
    check "$name: one line on standard error naming $word ($(head -c 200 "$tmp/stderr"))" \
        "[ \$(wc -l <'$tmp/stderr') = 1 ] && grep -qF -- '$word' '$tmp/stderr' && ! grep -q 'unknown command' '$tmp/stderr'"
    check "$name: nothing on standard output" "[ ! -s '$tmp/stdout' ]"
    check "$name: nothing written, the scenarios unchanged" \
        "[ '$before' = '$after' ] && cmp -s '$tmp/bad/liverpool-2022-adopted.cfg' '$A'"
}
refuse "no arguments" publish
refuse "a missing scenario" missing.cfg missing.cfg -o pub
refuse "a missing second scenario" missing.cfg liverpool-2022-adopted.cfg missing.cfg -o pub
WANT=3 refuse "-o the scenario itself" liverpool-2022-adopted.cfg liverpool-2022-adopted.cfg -o liverpool-2022-adopted.cfg
WANT=3 refuse "-o the second scenario" liverpool-2022-no-cuts.cfg liverpool-2022-adopted.cfg liverpool-2022-no-cuts.cfg -o liverpool-2022-no-cuts.cfg
# DIR/index.html a link to a scenario: the page would replace an input
mkdir -p "$tmp/bad/trap"
ln -s ../liverpool-2022-adopted.cfg "$tmp/bad/trap/index.html"
refuse "-o a folder whose index.html is a link to the scenario" liverpool-2022-adopted.cfg liverpool-2022-adopted.cfg -o trap
# -o a link to a folder: written into that folder, as plot and report do; the link kept
mkdir -p "$tmp/elsewhere"
ln -s "$tmp/elsewhere" "$tmp/linked"
rc=0
"$bin" publish "$A" -o "$tmp/linked" >/dev/null 2>&1 || rc=$?
check "-o a link to a folder: the page written there, the link kept (exit $rc)" \
    "[ $rc = 0 ] && [ -L '$tmp/linked' ] && [ -f '$tmp/elsewhere/index.html' ]"
refuse "an unknown --lever path" no_such.setting liverpool-2022-adopted.cfg -o pub --lever no_such.setting

# 3. The pages, published and checked in the browser.
# look NAME SCENARIO...: publish, then the harness; its lines kept in OUT/NAME.txt.
# LEVERS: --lever options for publish (the harness moves those levers too).
look() {
    local name=$1 rc=0
    shift
    local pub=$tmp/$name/pub
    mkdir -p "$tmp/$name"
    # shellcheck disable=SC2086
    "$bin" publish "$@" ${LEVERS:-} -o "$pub" >"$tmp/$name.out" 2>"$tmp/$name.err" || rc=$?
    check "$name: publish exits 0 silently (exit $rc: $(head -c 300 "$tmp/$name.err"))" "[ $rc = 0 ] && [ ! -s '$tmp/$name.err' ]"
    check "$name: the folder holds index.html alone ($(ls -A "$pub" 2>/dev/null | tr '\n' ' '))" \
        "[ \"\$(ls -A '$pub' 2>/dev/null)\" = index.html ] && [ -s '$pub/index.html' ]"
    [ -s "$pub/index.html" ] || return 0
    cp "$pub/index.html" "$out/$name.html"
    local scen=()
    for s in "$@"; do scen+=(--scenario "$s"); done
    rc=0
    cdp --page "$pub/index.html" --budgetsim "$bin" "${scen[@]}" --out "$out/$name" >"$out/$name.txt" 2>&1 || rc=$?
    grep -E 'FAIL|SKIP' "$out/$name.txt" >&2 || true
    check "$name: every check in the browser passes (exit $rc; $(tail -1 "$out/$name.txt"))" "[ $rc = 0 ]"
    local load
    load=$(sed -n 's/^publish: load: ok ready \([0-9]*\) ms.*/\1/p' "$out/$name.txt")
    echo "$name: index.html $(wc -c <"$pub/index.html") bytes ($(gzip -9c "$pub/index.html" | wc -c) gzipped), ready ${load:-?} ms after navigation start; $(grep -c ': ok' "$out/$name.txt") browser checks passed; kept in $out/$name"
}
look liverpool $A $N
# an assumption the author exposes: the adult care growth, every year and 2025/26 alone
LEVERS="--lever services.adult_care.growth_pct --lever services.adult_care.growth_pct@2025" look example $D
check "example: the exposed levers in the page's data" \
    "grep -qF '\"levers\":[\"services.adult_care.growth_pct\",\"services.adult_care.growth_pct@2025\"]' '$tmp/example/pub/index.html'"
# a hung council whose meeting carries an amendment: the page votes on the budget as it stands
look hung-council scenarios/examples/hung-council.cfg
# a scenario whose name would end the page's script, start another, open a
# comment and close a quote, if any of them were not escaped: the page must
# load, run no script of the name's and give the same numbers
sed 's|^  name = "Liverpool 2022/23 budget, as adopted";|  name = "</script><script>alert(1)</script><!-- \\" \& <b>x</b>";|' "$A" >"$tmp/hostile.cfg"
check "hostile: the name is in the scenario" "grep -qF '<script>alert(1)' '$tmp/hostile.cfg'"
look hostile "$tmp/hostile.cfg"
check "hostile: no script element of the name's in the page" "! grep -qF '<script>alert' '$tmp/hostile/pub/index.html'"
finish
