/* scenarios.c - scenario files read once and built for a command (see
 * scenarios.h).
 *
 * This file may use: cli/, write/, analyse/, load/, core/ and the C
 * library. */
#include "cli/scenarios.h"

#include <stdlib.h>

#include "core/budget.h"
#include "write/outfile.h"

/* Every file this command has read (scenarios, bases, includes), each read
 * from disk once: a command runs once in a process, so one set serves it. */
static bs_files *files_read;

static void forget_files(void)
{
    files_free(files_read);
    files_read = NULL;
}

int read_source(const char *file, bs_source **src, bs_error *err)
{
    if (!files_read) {
        if (!(files_read = files_new()))
            return bs_fail_status(err, BS_EXIT_ENV, file, 0, "", "out of memory");
        atexit(forget_files);
    }
    int rc = source_read_from(files_read, file, src, err);
    /* no output of this command may replace a file it read (write/outfile.h) */
    for (int k = 0; k < files_count(files_read); k++)
        outfile_protect(files_name(files_read, k));
    return rc;
}

bs_scenario *load_scenario(const cli_args *a, int i, int with_overrides, bs_source **src, bs_error *err)
{
    const char *file = a->files[i];
    bs_source *s = NULL;
    bs_scenario *sc = scenario_new();
    if (!sc) {
        bs_fail_status(err, BS_EXIT_ENV, file, 0, "", "out of memory");
        return NULL;
    }
    if (read_source(file, &s, err) != 0 ||
        source_build(s, a->overrides, with_overrides ? a->noverrides : 0, sc, err) != 0) {
        source_free(s);
        scenario_free(sc);
        return NULL;
    }
    if (src)
        *src = s;
    else
        source_free(s);
    return sc;
}

int load_with_vote(const cli_args *a, int i, int with_overrides, cli_loaded *l, bs_error *err)
{
    bs_source *src = NULL;
    l->r = NULL;
    l->b = NULL;
    if (!(l->sc = load_scenario(a, i, with_overrides, &src, err)))
        return -1;
    int rc = 0;
    if (!(l->r = result_new()))
        rc = bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    else
        budget_run(l->sc, l->r);
    if (rc == 0 && l->sc->chamber.given && !(l->b = ballot_new()))
        rc = bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    if (rc == 0 && l->b)
        rc = ballot_run(src, a->overrides, with_overrides ? a->noverrides : 0, l->sc, 0, 0, l->b, err);
    source_free(src);
    return rc;
}

void loaded_free(cli_loaded *l)
{
    ballot_free(l->b);
    result_free(l->r);
    scenario_free(l->sc);
    l->sc = NULL;
    l->r = NULL;
    l->b = NULL;
}
