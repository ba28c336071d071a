/* libFuzzer harness: the scenario reader and validator, with its bases and
 * includes, on disk: for what only a file system shows (devices, pipes,
 * links, folders). fuzz_reader_mem.c reads in memory, many times faster,
 * for everything else. Run from the top folder.
 *
 * Once, a private temporary folder DIR is made and filled like the
 * repository, so that relative paths in an input find files:
 *   DIR/scenarios/        a copy of scenarios/
 *   DIR/tests/fixtures/   a copy of tests/fixtures/
 *   DIR/tests/bad/        a copy of tests/bad/ (with parts/), and
 *     base.cfg            the Liverpool adopted budget, a valid base (also
 *                         as liverpool-2022-adopted.cfg and example-district.cfg
 *                         here and in DIR/tests/, for the seeds from scenarios/)
 *     sub/nested.cfg      a part in a subfolder that includes parts/limits.cfg
 *     self.cfg            includes itself
 *     ping.cfg, pong.cfg  include each other
 *     deep-1.cfg          includes deep-2.cfg ... down to deep-12.cfg: too deep
 *     dir-link            a symbolic link to the folder parts
 *     zero.cfg            a symbolic link to /dev/zero (a device: refused,
 *                         never read)
 *     fifo.cfg            a named pipe (refused, never opened)
 *     loop.cfg            a symbolic link to itself
 *   (empty.cfg and binary.cfg come with tests/bad/.)
 * Each input is written to DIR/tests/bad/fuzz.cfg and read with
 * scenario_load(); a scenario that loads is also run through the model. An
 * error must be one line with status 2 (3 for "out of memory"). The harness
 * writes nothing outside DIR, and removes DIR at exit. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "load/source.h"
#include "core/budget.h"
#include "core/scenario.h"
#include "core/util.h"
#include "fuzz_check.h"

#include <dirent.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];     /* DIR */
static char bad[128];    /* DIR/tests/bad */
static char path[160];   /* DIR/tests/bad/fuzz.cfg */

static void fail_setup(const char *what)
{
    fprintf(stderr, "fuzz_reader: cannot prepare %s (run from the top folder)\n", what);
    abort();
}

static int remove_entry(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(p);
    return 0;
}

/* Remove DIR and all in it; links are removed, never followed. */
static void remove_dir(void)
{
    if (dir[0])
        nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* a/b into buf. */
static void join(char *buf, size_t size, const char *a, const char *b)
{
    if ((size_t)snprintf(buf, size, "%s/%s", a, b) >= size)
        fail_setup(b);
}

static void write_file(const char *to, const char *text, size_t n)
{
    FILE *f = fopen(to, "wb");
    if (!f || (n && fwrite(text, 1, n, f) != n) || fclose(f) != 0)
        fail_setup(to);
}

static void copy_file(const char *from, const char *to)
{
    size_t n;
    char *buf = fuzz_slurp(from, &n);
    if (!buf)
        fail_setup(from);
    write_file(to, buf, n);
    free(buf);
}

/* Copy the regular files and folders under from (a folder of the
 * repository) into to, which is made. */
static void copy_tree(const char *from, const char *to)
{
    if (mkdir(to, 0700) != 0)
        fail_setup(to);
    DIR *d = opendir(from);
    if (!d)
        fail_setup(from);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char src[1024], dst[1024];
        struct stat st;
        join(src, sizeof src, from, e->d_name);
        join(dst, sizeof dst, to, e->d_name);
        if (lstat(src, &st) != 0)
            fail_setup(src);
        if (S_ISDIR(st.st_mode))
            copy_tree(src, dst);
        else if (S_ISREG(st.st_mode))
            copy_file(src, dst);
    }
    closedir(d);
}

static void put(const char *name, const char *text)
{
    char p[256];
    join(p, sizeof p, bad, name);
    write_file(p, text, strlen(text));
}

static void setup(void)
{
    const char *tmp = getenv("TMPDIR");
    char p[256], q[256];
    snprintf(dir, sizeof dir, "%s/bsfuzz.XXXXXX", tmp && strlen(tmp) < 40 ? tmp : "/tmp");
    if (!mkdtemp(dir))
        fail_setup(dir);
    atexit(remove_dir);
    join(p, sizeof p, dir, "scenarios");
    copy_tree("scenarios", p);
    join(p, sizeof p, dir, "tests");
    if (mkdir(p, 0700) != 0)
        fail_setup(p);
    join(q, sizeof q, p, "fixtures");
    copy_tree("tests/fixtures", q);
    join(bad, sizeof bad, p, "bad");
    copy_tree("tests/bad", bad);
    join(path, sizeof path, bad, "fuzz.cfg");

    /* valid bases, under the names the seeds use */
    join(q, sizeof q, p, "liverpool-2022-adopted.cfg");
    copy_file("scenarios/liverpool-2022-adopted.cfg", q);
    join(q, sizeof q, p, "example-district.cfg");
    copy_file("scenarios/example-district.cfg", q);
    join(q, sizeof q, bad, "base.cfg");
    copy_file("scenarios/liverpool-2022-adopted.cfg", q);
    join(q, sizeof q, bad, "liverpool-2022-adopted.cfg");
    copy_file("scenarios/liverpool-2022-adopted.cfg", q);
    join(q, sizeof q, bad, "example-district.cfg");
    copy_file("scenarios/example-district.cfg", q);

    /* includes: a subfolder, cycles, a chain too deep */
    join(q, sizeof q, bad, "sub");
    if (mkdir(q, 0700) != 0)
        fail_setup(q);
    put("sub/nested.cfg", "# a part in a subfolder; includes are found from the scenario's folder\n"
                          "@include \"parts/limits.cfg\"\n");
    put("self.cfg", "@include \"self.cfg\"\n");
    put("ping.cfg", "# includes pong.cfg, which includes this\n@include \"pong.cfg\"\n");
    put("pong.cfg", "@include \"ping.cfg\"\n");
    for (int i = 1; i <= 12; i++) {
        char name[32], text[64];
        snprintf(name, sizeof name, "deep-%d.cfg", i);
        if (i < 12)
            snprintf(text, sizeof text, "@include \"deep-%d.cfg\"\n", i + 1);
        else
            snprintf(text, sizeof text, "# the bottom\n");
        put(name, text);
    }

    /* what is not a scenario file: a link to a folder, a device, a pipe, a loop */
    join(q, sizeof q, bad, "dir-link");
    if (symlink("parts", q) != 0)
        fail_setup(q);
    join(q, sizeof q, bad, "zero.cfg");
    if (symlink("/dev/zero", q) != 0)
        fail_setup(q);
    join(q, sizeof q, bad, "fifo.cfg");
    if (mkfifo(q, 0600) != 0)
        fail_setup(q);
    join(q, sizeof q, bad, "loop.cfg");
    if (symlink("loop.cfg", q) != 0)
        fail_setup(q);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0])
        setup();
    write_file(path, (const char *)data, size);

    /* allocated once: a large block is fresh pages at each malloc under ASan */
    static bs_scenario *sc;
    static bs_result *r;
    if (!sc && (!(sc = malloc(sizeof *sc)) || !(r = malloc(sizeof *r))))
        abort();
    bs_error err;
    memset(&err, 0, sizeof err);
    int rc = scenario_load(path, NULL, 0, sc, &err);
    check_loaded(rc, sc, r, &err, BS_EXIT_INPUT);
#ifdef FUZZ_VERBOSE /* cc -DFUZZ_VERBOSE: the outcome of each input, to see what seeds reach */
    char line[2048];
    bs_error_format(&err, line, sizeof line);
    fprintf(stderr, "fuzz_reader: %s\n", err.status ? line : "loads");
#endif
    return 0;
}
