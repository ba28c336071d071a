/* balanced.c - the rule that the budget balances: the gap left after every
 * measure is closed, in each of the years the scenario says must balance
 * (rules.balanced_years; by default the budget year alone).
 *
 * The law: a billing authority must set a council tax sufficient, with its
 * other income and reserves, to meet its expenditure (Local Government
 * Finance Act 1992, ss. 31A and 32 for the council tax requirement); its
 * chief finance officer must report when expenditure is likely to exceed
 * the resources available (Local Government Finance Act 1988, s. 114).
 * "Balanced" itself is not defined in statute: budgetsim takes it as a gap
 * after measures of at most £1 (BS_MONEY_EPS).
 *
 * This file may use: core/ and the C library (no files, no printing). */
#include "core/budget.h"

#include <stdio.h>

static int applies(const bs_scenario *sc, int t)
{
    return t < sc->balanced_years;
}

static int holds(const bs_scenario *sc, const bs_result *r, int t)
{
    (void)sc;
    return r->gap_after_m[t] <= BS_MONEY_EPS;
}

static void reason(const bs_scenario *sc, const bs_result *r, int t, char *buf, size_t size)
{
    char a[48];
    (void)sc;
    snprintf(buf, size, "the budget does not balance: a gap of %s is left after measures",
             bs_fmt_gbp_m(r->gap_after_m[t], 2, a, sizeof a));
}

BS_RULE_HOLDS_YEARS /* holds over a run of years, for budget.c (core/rules.h) */

const bs_rule bs_rule_balanced = {"balanced", "Budget balances (gap after measures closed)", applies, holds, reason,
                                  holds_years};
