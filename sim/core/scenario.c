/* scenario.c - a scenario's memory, and looking up its parts (see scenario.h).
 *
 * This file may use: the C library (no files, no printing). */
#include "core/scenario.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>

bs_scenario *scenario_new(void)
{
    return calloc(1, sizeof(bs_scenario));
}

void scenario_free(bs_scenario *sc)
{
    free(sc);
}

int scenario_find_service(const bs_scenario *sc, const char *id)
{
    for (int i = 0; i < sc->nservices; i++)
        if (strcmp(sc->services[i].id, id) == 0)
            return i;
    return -1;
}

int scenario_phasing_falls(const double *p, int n, char *why, size_t size)
{
    char a[40], b[40];
    for (int k = 1; k < n; k++)
        if (p[k] < p[k - 1]) {
            snprintf(why, size, "entry %d (%s%%) is below entry %d (%s%%): phasing is the cumulative share "
                     "delivered, which cannot go down",
                     k + 1, bs_num_text(p[k], a, sizeof a), k, bs_num_text(p[k - 1], b, sizeof b));
            return 1;
        }
    return 0;
}

int scenario_reference_default(const bs_scenario *sc, const bs_measure *m, double *ref, char *why, size_t size)
{
    double p = m->price_pounds[m->start_year - sc->first_year];
    if (p <= 0 && m->elasticity != 0) {
        snprintf(why, size, "missing: needed when the price in the start year is 0 and elasticity is not 0");
        return 1;
    }
    *ref = p;
    return 0;
}
