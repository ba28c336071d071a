/* scenarios.c - scenario files read once and built for a command (see
 * scenarios.h).
 *
 * This file may use: cli/, write/, analyse/, load/, core/ and the C
 * library. */
#include "cli/scenarios.h"

#include <stdlib.h>
#include <string.h>

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

bs_scenario *load_adopted(const cli_args *a, int i, int with_overrides, bs_meeting *m, bs_ballot *ballot,
                          bs_source **src, bs_error *err)
{
    bs_source *s = NULL;
    memset(m, 0, sizeof *m);
    bs_scenario *sc = load_scenario(a, i, with_overrides, &s, err);
    if (!sc)
        return NULL;
    /* the meeting, held once on the scenario as given; then the budget it
     * adopts, built from the same source with the carried amendments'
     * changes laid over the --set overrides */
    if (meeting_hold(s, a->overrides, with_overrides ? a->noverrides : 0, sc, a->as_proposed, ballot, m, err) != 0 ||
        (meeting_amended(m) && source_build(s, m->overrides, m->noverrides, sc, err) != 0)) {
        meeting_clear(m);
        ballot_clear(ballot);
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
    if (!(l->b = ballot_new()))
        return bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    if (!(l->sc = load_adopted(a, i, with_overrides, &l->m, l->b, &src, err)))
        return -1;
    int rc = 0;
    if (!(l->r = result_new()))
        rc = bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    else
        budget_run(l->sc, l->r);
    if (!l->sc->chamber.given) {
        ballot_free(l->b);
        l->b = NULL;
    }
    /* held, the meeting's ballot is the one shown; else the vote on the budget, as it always was */
    if (rc == 0 && l->b && !l->m.held)
        rc = ballot_run(src, a->overrides, with_overrides ? a->noverrides : 0, l->sc, 0, 0, l->b, err);
    source_free(src);
    return rc;
}

void loaded_free(cli_loaded *l)
{
    meeting_clear(&l->m);
    ballot_free(l->b);
    result_free(l->r);
    scenario_free(l->sc);
    l->sc = NULL;
    l->r = NULL;
    l->b = NULL;
}

int read_provenance(const bs_source *src, const bs_override *overrides, int noverrides, bs_provenance **p,
                    bs_error *err)
{
    return provenance_new(src, files_read, overrides, noverrides, p, err);
}
