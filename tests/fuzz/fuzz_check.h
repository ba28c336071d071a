/* fuzz_check.h - what the reader and --set harnesses require of every input:
 * a scenario that loads has a finite budget; one that does not gives one
 * line with the expected status (3, "out of memory", allowed too), and is
 * never refused because values inside their ranges overflow (the guard
 * reports that cleanly, but it is a hole in the ranges or the model). */
#ifndef FUZZ_CHECK_H
#define FUZZ_CHECK_H

#include "core/budget.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

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
    if (strncmp(err->message, "the budget cannot be computed", 29) == 0)
        abort();
}

#endif
