/* scenarios.c - scenario files read once and built for a command (see
 * scenarios.h).
 *
 * This file may use: cli/, write/, analyse/, load/, core/ and the C
 * library. */
#include "cli/scenarios.h"

#include <stdlib.h>

#include "core/budget.h"

bs_scenario *load_scenario(const cli_args *a, int i, int with_overrides, bs_source **src, bs_error *err)
{
    const char *file = a->files[i];
    bs_source *s = NULL;
    bs_scenario *sc = scenario_new();
    if (!sc) {
        bs_fail_status(err, BS_EXIT_ENV, file, 0, "", "out of memory");
        return NULL;
    }
    if (source_read(file, &s, err) != 0 ||
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
    if (rc == 0 && l->sc->chamber.given && !(l->b = calloc(1, sizeof *l->b)))
        rc = bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    if (rc == 0 && l->b)
        rc = ballot_run(src, a->overrides, with_overrides ? a->noverrides : 0, l->sc, 0, 0, l->b, err);
    source_free(src);
    return rc;
}

void loaded_free(cli_loaded *l)
{
    if (l->b)
        ballot_free(l->b);
    free(l->b);
    result_free(l->r);
    scenario_free(l->sc);
    l->sc = NULL;
    l->r = NULL;
    l->b = NULL;
}
