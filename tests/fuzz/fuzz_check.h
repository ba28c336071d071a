/* fuzz_check.h - what the reader and --set harnesses require of every input:
 * a scenario that loads has a finite budget; one that does not gives one
 * line with the expected status (3, "out of memory", allowed too), and is
 * never refused because values inside their ranges overflow (the guard
 * reports that cleanly, but it is a hole in the ranges or the model). */
#ifndef FUZZ_CHECK_H
#define FUZZ_CHECK_H

#include "core/budget.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The file at path (a seed or fixture of the repository, at most 8 MB) in
 * heap memory, *n its length; NULL when it cannot be read. */
static inline char *fuzz_slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *buf = f ? malloc(8 << 20) : NULL;
    if (!buf) {
        if (f)
            fclose(f);
        return NULL;
    }
    *n = fread(buf, 1, 8 << 20, f);
    fclose(f);
    return buf;
}

static void check_loaded(int rc, const bs_scenario *sc, bs_result *r, const bs_error *err, int status)
{
    if (rc == 0) {
        budget_run(sc, r);
        if (!budget_finite(sc, r))
            abort(); /* the reader lets no scenario through whose budget has a NaN or an infinity */
        return;
    }
    char line[2048];
    bs_error_format(err, line, sizeof line);
    if (err->status != status && !(err->status == BS_EXIT_ENV && strstr(err->message, "out of memory")))
        abort();
    if (!line[0] || strchr(line, '\n') || strchr(line, '\r'))
        abort();
    /* the guard's own message, whole: a message may begin with the user's
     * text (an uncertainty's path), which can read like its start */
    static const char guard_start[] = "the budget cannot be computed with this value: ",
                      guard_end[] = " (an overflow or a division by zero)";
    size_t n = strlen(err->message), ne = sizeof guard_end - 1;
    if (strncmp(err->message, guard_start, sizeof guard_start - 1) == 0 && n >= ne &&
        strcmp(err->message + n - ne, guard_end) == 0)
        abort();
}

#endif
