#!/usr/bin/env bash
# scripts/check-layers against trees broken on purpose (make test-layers).
#
# usage: tests/layers.sh scripts/check-layers
#
# Small trees are written into a temporary folder, laid out like sim/, each
# with one kind of breakage (an include of a layer above, an include of a
# file that does not exist, a cycle, a GSL, jansson, pthread or libconfig
# header where it may not be, stdio output in core, a file outside the
# layers, a missing "This file may use:" line), and the whole output of the
# script is compared with the lines expected, as is its exit status. Then a
# copy of the real sim/ is broken the same way: the problems must appear,
# on top of whatever the real tree has.
suite=layers
. "$(dirname "$0")/lib.sh"
check_layers=$bin

# put FILE LINE...: write sim/FILE in the current tree, one argument a line
put() {
    local f=$tree/sim/$1
    shift
    mkdir -p "$(dirname "$f")"
    printf '%s\n' "$@" >"$f"
}
# A clean tree: one file per layer and a subfolder, each including inward,
# with the opening line, literals and comments that name output calls.
clean_tree() {
    tree=$tmp/$1
    rm -rf "$tree"
    put core/util.h '/* util.h - helpers. This file may use: the C library. */' \
        '#ifndef U_H' '#define U_H' '#include <stddef.h>' \
        'int bs_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));' '#endif'
    put core/util.c '/* util.c - helpers.' ' *' ' * This file may use: the C library. */' \
        '#include "core/util.h"' '#include <stdio.h>' '#include <math.h>' \
        '/* fprintf(stderr, "no") is in a comment,' '   and so is FILE *f; */' \
        'static const char *why = "positive puts money in; printf(\"x\")";' \
        "static const char q = '\"';" \
        'int bs_fail(const char *fmt, ...) { char b[8]; return snprintf(b, sizeof b, "%s", fmt); } // puts("no")'
    put core/rules/limit.c '// limit.c - a rule.' '// This file may use: core/ and the C library.' \
        '#include "core/util.h"' '#include "../util.h"'
    put load/read.h '/* read.h. This file may use: core/, libconfig. */' '#include "core/util.h"'
    put load/read.c '/* read.c. This file may use: core/, libconfig. */' '#include "load/read.h"' \
        '#include <libconfig.h>' '#include <stdio.h>' 'void f(FILE *fp) { fprintf(fp, "load may"); }'
    put analyse/a.h '/* a.h. This file may use: load/, core/, GSL. */' '#include "load/read.h"' \
        '#include <gsl/gsl_rng.h>' '#include <pthread.h>'
    put write/w.h '/* w.h. This file may use: analyse/ and below, jansson. */' '#include "analyse/a.h"' \
        '#include <jansson.h>'
    put write/charts/chart.c '/* chart.c. This file may use: write/ and below. */' '#include "write/w.h"' \
        '#include "core/util.h"'
    put cli/main.c '/* main.c. This file may use: everything. */' '#include "write/w.h"' \
        '#include "load/read.h"' '#include "core/util.h"' '#include <stdio.h>' \
        'int main(void) { puts("ok"); return 0; }'
}

# expect NAME STATUS [ENV=VALUE]: run the script on $tree, compare its whole
# standard output with $tmp/want and its status with STATUS
expect() {
    local name=$1 status=$2 rc=0
    shift 2
    env "$@" sh "$check_layers" "$tree" >"$tmp/got" 2>"$tmp/err" || rc=$?
    if [ "$rc" != "$status" ]; then
        bad "$name: exit status $rc, expected $status"
        sed 's/^/    /' "$tmp/got" "$tmp/err" >&2
    elif ! diff -u "$tmp/want" "$tmp/got" >"$tmp/diff"; then
        bad "$name: output differs"
        cat "$tmp/diff" >&2
    elif [ -s "$tmp/err" ]; then
        bad "$name: unexpected standard error: $(head -c 300 "$tmp/err")"
    else
        ok
    fi
}
want() { printf '%s\n' "$@" >"$tmp/want"; }

# 1. the clean tree has no problem
clean_tree clean
want 'check-layers: 9 files, 21 includes, 0 problems'
expect "clean tree" 0

# 2. an outward include: core includes write, a subfolder of core includes analyse
clean_tree outward
put core/budget.c '/* budget.c. This file may use: the C library. */' '#include "core/util.h"' \
    '' '#include "write/w.h"'
put core/rules/cap.c '/* cap.c. This file may use: core/. */' '#  include "analyse/a.h"'
put load/read2.c '/* read2.c. This file may use: core/. */' '#include "cli/main.c"'
want 'sim/core/budget.c:4: includes write/w.h (write is above core)' \
    'sim/core/rules/cap.c:2: includes analyse/a.h (analyse is above core)' \
    'sim/load/read2.c:2: includes cli/main.c (cli is above load)' \
    'check-layers: 12 files, 25 includes, 3 problems'
expect "outward includes" 1

# 3. commented-out includes are not includes
clean_tree commented
put core/quiet.c '/* quiet.c. This file may use: the C library.' '#include "write/w.h"' '*/' \
    '// #include "cli/main.c"' '/* one */ #include "core/util.h" /* two */'
want 'check-layers: 10 files, 22 includes, 0 problems'
expect "includes in comments" 0

# 4. an include of a file that does not exist
clean_tree missing
put analyse/b.c '/* b.c. This file may use: core/. */' '#include "core/nothere.h"' '#include "a.h"'
want 'sim/analyse/b.c:2: includes core/nothere.h, which does not exist (not in sim/analyse/ nor in sim/)' \
    'check-layers: 10 files, 23 includes, 1 problems'
expect "missing include" 1

# 5. include cycles: two headers, three across a subfolder, one including itself
clean_tree cycle
put core/a.h '/* a.h. This file may use: core/. */' '#include "core/b.h"'
put core/b.h '/* b.h. This file may use: core/. */' '#include "core/util.h"' '#include "core/a.h"'
put write/x.h '/* x.h. This file may use: write/. */' '#include "write/charts/y.h"'
put write/charts/y.h '/* y.h. This file may use: write/. */' '#include "write/z.h"'
put write/z.h '/* z.h. This file may use: write/. */' '#include "write/x.h"'
put load/self.h '/* self.h. This file may use: core/. */' '#include "load/self.h"'
want 'sim/core/b.h:3: include cycle: core/a.h -> core/b.h -> core/a.h' \
    'sim/load/self.h:2: include cycle: load/self.h -> load/self.h' \
    'sim/write/x.h:2: include cycle: write/charts/y.h -> write/z.h -> write/x.h -> write/charts/y.h' \
    'check-layers: 15 files, 28 includes, 3 problems'
expect "include cycles" 1

# 6. a cycle across layers is also an outward include
clean_tree cross
put core/c.h '/* c.h. This file may use: core/. */' '#include "load/l.h"'
put load/l.h '/* l.h. This file may use: core/. */' '#include "core/c.h"'
want 'sim/core/c.h:2: includes load/l.h (load is above core)' \
    'sim/load/l.h:2: include cycle: core/c.h -> load/l.h -> core/c.h' \
    'check-layers: 11 files, 23 includes, 2 problems'
expect "cycle across layers" 1

# 7. system headers where they may not be
clean_tree system
put core/g.c '/* g.c. This file may use: the C library. */' '#include <gsl/gsl_rng.h>' '#include <math.h>' \
    '#include <jansson.h>' '#include <pthread.h>' '#include <libconfig.h>' '#include <stdio.h>'
put write/cfg.c '/* cfg.c. This file may use: jansson. */' '#include <libconfig.h>'
put core/rules/r.h '/* r.h. This file may use: the C library. */' '# include <gsl/gsl_math.h>'
want 'sim/core/g.c:2: includes <gsl/gsl_rng.h> (core may use only the C library and libm)' \
    'sim/core/g.c:4: includes <jansson.h> (core may use only the C library and libm)' \
    'sim/core/g.c:5: includes <pthread.h> (core may use only the C library and libm)' \
    'sim/core/g.c:6: includes <libconfig.h> (core may use only the C library and libm)' \
    'sim/core/rules/r.h:2: includes <gsl/gsl_math.h> (core may use only the C library and libm)' \
    'sim/write/cfg.c:2: includes <libconfig.h> (only load may use libconfig)' \
    'check-layers: 12 files, 29 includes, 6 problems'
expect "system headers" 1

# 8. stdio output in core (and not in comments or literals, nor snprintf)
clean_tree stdio
put core/out.c '/* out.c. This file may use: the C library. */' '#include <stdio.h>' \
    'void a(void) { fprintf(stderr, "x"); printf ("y"); }' \
    'void b(FILE* f) { fputs("z", f); fputc(1, f); }' \
    'void c(void) { puts("w"); /* fwrite(p, 1, 1, f) */ }' \
    'void d(void) { char s[4]; snprintf(s, 4, "fopen(x)"); my_printf(s); }' \
    'void e(const char *p) { FILE *f = fopen(p, "w"); fwrite(p, 1, 1, f); }'
want 'sim/core/out.c:3: calls fprintf (core writes no output: no stdio output calls, no FILE *)' \
    'sim/core/out.c:3: calls printf (core writes no output: no stdio output calls, no FILE *)' \
    'sim/core/out.c:4: calls fputs (core writes no output: no stdio output calls, no FILE *)' \
    'sim/core/out.c:4: calls fputc (core writes no output: no stdio output calls, no FILE *)' \
    'sim/core/out.c:4: uses FILE * (core writes no output: no stdio output calls, no FILE *)' \
    'sim/core/out.c:5: calls puts (core writes no output: no stdio output calls, no FILE *)' \
    'sim/core/out.c:7: calls fopen (core writes no output: no stdio output calls, no FILE *)' \
    'sim/core/out.c:7: calls fwrite (core writes no output: no stdio output calls, no FILE *)' \
    'sim/core/out.c:7: uses FILE * (core writes no output: no stdio output calls, no FILE *)' \
    'check-layers: 10 files, 22 includes, 9 problems'
expect "stdio output in core" 1

# 8b. web (beside the layers) may include core/ and web/ only, and cli may include web
clean_tree web
put web/api.h '/* api.h. This file may use: core/. */' '#include "core/util.h"'
put web/api.c '/* api.c. This file may use: core/. */' '#include "web/api.h"' '#include "core/util.h"' \
    '#include "load/read.h"' '#include "analyse/a.h"' '#include <jansson.h>' '#include <stdio.h>'
put cli/publish.c '/* publish.c. This file may use: everything. */' '#include "web/api.h"'
want 'sim/web/api.c:4: includes load/read.h (web may include core/ only)' \
    'sim/web/api.c:5: includes analyse/a.h (web may include core/ only)' \
    'sim/web/api.c:6: includes <jansson.h> (web may use only the C library and libm)' \
    'check-layers: 12 files, 29 includes, 3 problems'
expect "web includes core only" 1

# 9. a file outside the six layers
clean_tree folder
put tools/gen.c '/* gen.c. This file may use: anything. */' '#include "core/util.h"'
put top.h '/* top.h. This file may use: anything. */'
want 'sim/tools/gen.c: is not in a layer folder (sim/L/ with L one of core, load, analyse, write, cli, web)' \
    'sim/top.h: is not in a layer folder (sim/L/ with L one of core, load, analyse, write, cli, web)' \
    'check-layers: 11 files, 22 includes, 2 problems'
expect "folder outside the layers" 1

# 10. the opening line: a note by default, problems with CHECK_LAYERS_HEADER=1
clean_tree header
put core/bare.c '#include "core/util.h"' '/* This file may use: too late, after code. */'
put load/plain.h '/* plain.h - no line saying what it may use. */' '#include "core/util.h"'
put write/split.h '/* split.h - the words over two lines. This file may' ' * use: analyse/. */'
want 'check-layers: note: 2 of 12 files do not open with "This file may use:" (not counted; set CHECK_LAYERS_HEADER=1 to list them as problems)' \
    'check-layers: 12 files, 23 includes, 0 problems'
expect "opening line, not checked" 0
want 'sim/core/bare.c:1: its opening comment does not say what it may use ("This file may use:")' \
    'sim/load/plain.h:1: its opening comment does not say what it may use ("This file may use:")' \
    'check-layers: 12 files, 23 includes, 2 problems'
expect "opening line, CHECK_LAYERS_HEADER=1" 1 CHECK_LAYERS_HEADER=1

# 11. usage
tree=$tmp/nothing
mkdir -p "$tree"
rc=0
sh "$check_layers" "$tree" >"$tmp/got" 2>&1 || rc=$?
check "no sim/ folder: exit 2" '[ "$rc" = 2 ] && grep -q "no sim/ folder" "$tmp/got"'

# 12. a copy of the real sim/, broken: the new problems appear on top of the real ones
tree=$tmp/real
mkdir -p "$tree"
cp -R "$root/sim" "$tree/sim"
rc=0
sh "$check_layers" "$tree" >"$tmp/before" 2>&1 || rc=$?
before=$(sed -n 's/^check-layers: .* includes, \([0-9]*\) problems$/\1/p' "$tmp/before")
check "real tree: a summary line" '[ -n "$before" ]'
core_file=$(cd "$tree" && find sim/core -name '*.c' | sort | head -n 1)
core_header=$(cd "$tree" && find sim/core -name '*.h' | sort | head -n 1)
write_header=$(cd "$tree" && find sim/write -name '*.h' | sort | head -n 1)
if [ -n "$core_file" ] && [ -n "$core_header" ] && [ -n "$write_header" ]; then
    [ -z "$(tail -c 1 "$tree/$core_file")" ] || echo >>"$tree/$core_file"
    n=$(wc -l <"$tree/$core_file")
    printf '#include "%s"\n#include <gsl/gsl_rng.h>\nstatic void zz(void) { printf("x"); }\n' \
        "${write_header#sim/}" >>"$tree/$core_file"
    printf '#include "core/zz_loop2.h"\n' >"$tree/sim/core/zz_loop.h"
    printf '#include "core/zz_loop.h"\n' >"$tree/sim/core/zz_loop2.h"
    rc=0
    sh "$check_layers" "$tree" >"$tmp/after" 2>&1 || rc=$?
    after=$(sed -n 's/^check-layers: .* includes, \([0-9]*\) problems$/\1/p' "$tmp/after")
    w=${write_header#sim/}
    check "real tree broken: exit 1" '[ "$rc" = 1 ]'
    check "real tree broken: the outward include" \
        'grep -qxF "$core_file:$((n + 1)): includes $w (write is above core)" "$tmp/after"'
    check "real tree broken: the gsl include" \
        'grep -qxF "$core_file:$((n + 2)): includes <gsl/gsl_rng.h> (core may use only the C library and libm)" "$tmp/after"'
    check "real tree broken: the printf" \
        'grep -qxF "$core_file:$((n + 3)): calls printf (core writes no output: no stdio output calls, no FILE *)" "$tmp/after"'
    check "real tree broken: the cycle" \
        'grep -qxF "sim/core/zz_loop2.h:1: include cycle: core/zz_loop.h -> core/zz_loop2.h -> core/zz_loop.h" "$tmp/after"'
    check "real tree broken: four problems more ($before before, $after after)" '[ "$after" = $((before + 4)) ]'
else
    bad "the real sim/ has no core .c, core .h or write .h to break"
fi

finish
