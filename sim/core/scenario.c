/* scenario.c - a scenario's memory, and looking up its parts (see scenario.h).
 *
 * This file may use: the C library (no files, no printing). */
#include "core/scenario.h"

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
