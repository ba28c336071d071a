/* earmarked_reserves.c - the rule that no earmarked reserve ends a year
 * below its own minimum (reserves.earmarked.ID.minimum_m). It applies only
 * when the scenario has earmarked reserves.
 *
 * The law: as for the general reserve (Local Government Act 2003, s. 25:
 * the chief finance officer's report on the adequacy of reserves); the
 * minimums are the council's own.
 *
 * This file may use: core/ and the C library (no files, no printing). */
#include "core/budget.h"

#include <stdio.h>

static int applies(const bs_scenario *sc, int t)
{
    (void)t;
    return sc->nreserves > 1;
}

/* Earmarked reserve e is at or above its minimum at the end of year t. */
static int reserve_ok(const bs_scenario *sc, const bs_result *r, int e, int t)
{
    return r->reserve_close_m[e][t] >= sc->reserves[e].minimum_m - BS_MONEY_EPS;
}

static int holds(const bs_scenario *sc, const bs_result *r, int t)
{
    for (int e = 1; e < sc->nreserves; e++)
        if (!reserve_ok(sc, r, e, t))
            return 0;
    return 1;
}

/* Every reserve below its minimum, joined by "; ". */
static void reason(const bs_scenario *sc, const bs_result *r, int t, char *buf, size_t size)
{
    char a[48], b[48];
    size_t o = 0;
    buf[0] = '\0';
    for (int e = 1; e < sc->nreserves && o < size; e++)
        if (!reserve_ok(sc, r, e, t))
            o += (size_t)snprintf(buf + o, size - o, "%s%s (%s) falls below its minimum (%s)", o ? "; " : "",
                                  sc->reserves[e].name, bs_fmt_gbp_m(r->reserve_close_m[e][t], 1, a, sizeof a),
                                  bs_fmt_gbp_m(sc->reserves[e].minimum_m, 1, b, sizeof b));
}

BS_RULE_HOLDS_YEARS /* holds over a run of years, for budget.c (core/rules.h) */

const bs_rule bs_rule_earmarked_reserves = {"earmarked_reserves_minimum",
                                            "Earmarked reserves at or above their minimums", applies, holds, reason,
                                            holds_years};
