/* referendum_asc.c - the rule that the adult social care precept stays
 * within its limit under the year's referendum principles, with any unused
 * allowance from earlier years that the principles let the council carry in.
 *
 * The law: Local Government Finance Act 1992, Chapter 4ZA (ss. 52ZB, 52ZC),
 * as for the core rise (referendum_core.c). The principles for 2022/23 let
 * a social care authority add a precept of up to 1% plus any unused 2021/22
 * precept flexibility (docs/sources.md). Whether unused allowance carries
 * forward is decided by each year's principles, so it is a setting:
 * referendum.asc_unused_before_pct is the allowance left before the first
 * year, and referendum.asc_carry_forward says whether a year's unused
 * allowance passes to the next. budget.c works out each year's allowance
 * (asc_allowance_pct); the percentages are added, as the principles state
 * them.
 *
 * Tolerance: a precept within BS_PCT_EPS of the allowance is the allowance
 * ("up to" it), so it holds.
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
    return sc->asc_precept_pct[t] <= r->asc_allowance_pct[t] + BS_PCT_EPS;
}

static void reason(const bs_scenario *sc, const bs_result *r, int t, char *buf, size_t size)
{
    char all[32], year[32], in[32];
    double carried = r->asc_allowance_pct[t] - sc->asc_limit_pct[t];
    rules_fmt_limit(r->asc_allowance_pct[t], all, sizeof all);
    if (carried > BS_PCT_EPS)
        snprintf(buf, size, "adult social care precept %.2f%% is above its %s%% limit (%s%% for the year and %s%% "
                 "unused from before)", sc->asc_precept_pct[t], all,
                 rules_fmt_limit(sc->asc_limit_pct[t], year, sizeof year), rules_fmt_limit(carried, in, sizeof in));
    else
        snprintf(buf, size, "adult social care precept %.2f%% is above its %s%% limit", sc->asc_precept_pct[t], all);
}

BS_RULE_HOLDS_YEARS /* holds over a run of years, for budget.c (core/rules.h) */

const bs_rule bs_rule_referendum_asc = {"referendum_asc", "Adult social care precept within its limit", applies,
                                        holds, reason, holds_years};
