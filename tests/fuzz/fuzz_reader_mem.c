/* libFuzzer harness: the scenario reader and validator, in memory. Run
 * from the top folder.
 *
 * The files the input may name are read once, at the start, into a set of
 * files held in memory (files_new_memory of load/source.h), under their
 * names in the repository: every regular file under scenarios/,
 * tests/fixtures/ and tests/bad/ (its parts/ and limits/ too), and
 *   tests/bad/base.cfg     the Liverpool adopted budget, a valid base (also
 *                          as liverpool-2022-adopted.cfg and
 *                          example-district.cfg there and in tests/, for the
 *                          seeds from scenarios/)
 *   tests/bad/sub/nested.cfg   a part in a subfolder that includes
 *                          parts/limits.cfg
 *   tests/bad/self.cfg     includes itself
 *   tests/bad/ping.cfg, pong.cfg   include each other
 *   tests/bad/deep-1.cfg   includes deep-2.cfg ... down to deep-12.cfg: too deep
 * Each input is the file tests/bad/fuzz.cfg of that set, read and built
 * with source_read_from() and source_build(), which never look at the disk
 * (a name the set does not hold cannot be opened); a scenario that loads is
 * also run through the model. An error must be one line with status 2 (3
 * for "out of memory"). What only the file system can show (devices, pipes,
 * links, folders) is fuzz_reader.c's. */
#include "load/source.h"
#include "core/budget.h"
#include "core/scenario.h"
#include "core/util.h"
#include "fuzz_check.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define FUZZ_NAME "tests/bad/fuzz.cfg"

static bs_files *files;

static void fail_setup(const char *what)
{
    fprintf(stderr, "fuzz_reader_mem: cannot prepare %s (run from the top folder)\n", what);
    abort();
}

static void put(const char *name, const char *text, size_t n)
{
    if (files_put(files, name, text, n) != 0)
        fail_setup(name);
}

/* The file at path (on disk) into the set under the name as. */
static void put_file(const char *path, const char *as)
{
    size_t n;
    char *buf = fuzz_slurp(path, &n);
    if (!buf)
        fail_setup(path);
    put(as, buf, n);
    free(buf);
}

/* Every regular file under the folder dir (on disk), by its path. */
static void put_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        fail_setup(dir);
    struct dirent *e;
    while ((e = readdir(d))) {
        char p[1024];
        struct stat st;
        if (e->d_name[0] == '.' || (size_t)snprintf(p, sizeof p, "%s/%s", dir, e->d_name) >= sizeof p)
            continue;
        if (lstat(p, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            put_tree(p);
        else if (S_ISREG(st.st_mode) && st.st_size <= 8 << 20)
            put_file(p, p);
    }
    closedir(d);
}

static void put_text(const char *name, const char *text)
{
    put(name, text, strlen(text));
}

static void setup(void)
{
    if (!(files = files_new_memory()))
        abort();
    put_tree("scenarios");
    put_tree("tests/fixtures");
    put_tree("tests/bad");
    static const char *const bases[] = {"tests/liverpool-2022-adopted.cfg", "tests/bad/base.cfg",
                                        "tests/bad/liverpool-2022-adopted.cfg"};
    for (int i = 0; i < 3; i++)
        put_file("scenarios/liverpool-2022-adopted.cfg", bases[i]);
    put_file("scenarios/example-district.cfg", "tests/example-district.cfg");
    put_file("scenarios/example-district.cfg", "tests/bad/example-district.cfg");
    put_text("tests/bad/sub/nested.cfg", "# a part in a subfolder; includes are found from the scenario's folder\n"
                                         "@include \"parts/limits.cfg\"\n");
    put_text("tests/bad/self.cfg", "@include \"self.cfg\"\n");
    put_text("tests/bad/ping.cfg", "# includes pong.cfg, which includes this\n@include \"pong.cfg\"\n");
    put_text("tests/bad/pong.cfg", "@include \"ping.cfg\"\n");
    for (int i = 1; i <= 12; i++) {
        char name[64], text[64];
        snprintf(name, sizeof name, "tests/bad/deep-%d.cfg", i);
        if (i < 12)
            snprintf(text, sizeof text, "@include \"deep-%d.cfg\"\n", i + 1);
        else
            snprintf(text, sizeof text, "# the bottom\n");
        put_text(name, text);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!files)
        setup();
    put(FUZZ_NAME, (const char *)data, size);

    /* allocated once: a large block is fresh pages at each malloc under ASan */
    static bs_scenario *sc;
    static bs_result *r;
    if (!sc && (!(sc = malloc(sizeof *sc)) || !(r = malloc(sizeof *r))))
        abort();
    bs_error err;
    memset(&err, 0, sizeof err);
    bs_source *src = NULL;
    int rc = source_read_from(files, FUZZ_NAME, &src, &err);
    if (rc == 0)
        rc = source_build(src, NULL, 0, sc, &err);
    source_free(src);
    check_loaded(rc, sc, r, &err, BS_EXIT_INPUT);
    if (files_count(files) != 0)
        abort(); /* the disk was read */
    /* An empty text in its place, so that what this input allocated in the
     * set (its text, and its checked copy when the checks passed) is freed
     * now, not at the next input: libFuzzer runs an input a second time,
     * looking for a leak, whenever its mallocs and frees do not match. */
    put(FUZZ_NAME, "", 0);
#ifdef FUZZ_VERBOSE /* cc -DFUZZ_VERBOSE: the outcome of each input, to see what seeds reach */
    char line[2048];
    bs_error_format(&err, line, sizeof line);
    fprintf(stderr, "fuzz_reader_mem: %s\n", rc ? line : "loads");
#endif
    return 0;
}
