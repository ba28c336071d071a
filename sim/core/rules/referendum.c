/* referendum.c - the rule that the council tax rise stays within the
 * referendum limits: a core rise below the core limit, and an adult social
 * care precept at or below its own limit, in every year.
 *
 * The law: a rise that is excessive under the principles the Secretary of
 * State sets for the year needs a local referendum (Local Government Finance
 * Act 1992, Chapter 4ZA, ss. 52ZB and 52ZC). For 2022/23 the principles for
 * social care authorities were a core rise below 2% and an adult social care
 * precept of up to 1% (docs/sources.md); the limits are settings
 * (council_tax.core_limit_pct, council_tax.asc_limit_pct) for other years
 * and places.
 *
 * This file may use: core/ and the C library (no files, no printing). */
#include "core/budget.h"

#include <stdio.h>

static int applies(const bs_scenario *sc, int t)
{
    (void)sc;
    (void)t;
    return 1;
}

/* The core rise is below its limit ("X% or more" is excessive). */
static int core_ok(const bs_scenario *sc, int t)
{
    return sc->core_rise_pct[t] < sc->core_limit_pct[t] - BS_PCT_EPS;
}

/* The adult social care precept is within its limit. */
static int asc_ok(const bs_scenario *sc, int t)
{
    return sc->asc_precept_pct[t] <= sc->asc_limit_pct[t] + BS_PCT_EPS;
}

static int holds(const bs_scenario *sc, const bs_result *r, int t)
{
    (void)r;
    return core_ok(sc, t) && asc_ok(sc, t);
}

static void reason(const bs_scenario *sc, const bs_result *r, int t, char *buf, size_t size)
{
    (void)r;
    if (!core_ok(sc, t))
        snprintf(buf, size, "the core council tax rise of %.2f%% needs a referendum (it must be below %.2f%%)",
                 sc->core_rise_pct[t], sc->core_limit_pct[t]);
    else
        snprintf(buf, size, "the adult social care precept of %.2f%% is above its limit of %.2f%%",
                 sc->asc_precept_pct[t], sc->asc_limit_pct[t]);
}

const bs_rule bs_rule_referendum = {"referendum", "Council tax rise within the referendum limit", applies, holds,
                                    reason};
