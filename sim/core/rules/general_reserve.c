/* general_reserve.c - the rule that the general reserve ends each year at or
 * above its minimum (reserves.general.minimum_m).
 *
 * The law: the chief finance officer must report on the adequacy of the
 * proposed reserves when the budget is set (Local Government Act 2003,
 * s. 25); a minimum may be prescribed by regulation (s. 26), but in England
 * none is, so the minimum is the council's own (a setting, often from its
 * reserves policy or CIPFA's resilience advice).
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

static int holds(const bs_scenario *sc, const bs_result *r, int t)
{
    return r->reserve_close_m[0][t] >= sc->reserves[0].minimum_m - BS_MONEY_EPS;
}

static void reason(const bs_scenario *sc, const bs_result *r, int t, char *buf, size_t size)
{
    char a[48], b[48];
    snprintf(buf, size, "the general reserve (%s) falls below its minimum (%s)",
             bs_fmt_gbp_m(r->reserve_close_m[0][t], 1, a, sizeof a),
             bs_fmt_gbp_m(sc->reserves[0].minimum_m, 1, b, sizeof b));
}

BS_RULE_HOLDS_YEARS /* holds over a run of years, for budget.c (core/rules.h) */

const bs_rule bs_rule_general_reserve = {"general_reserve_minimum", "General reserve at or above its minimum",
                                         applies, holds, reason, holds_years};
