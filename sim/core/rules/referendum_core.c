/* referendum_core.c - the rule that the core council tax rise is not
 * excessive under the year's referendum principles.
 *
 * The law: a rise that is excessive under the principles the Secretary of
 * State sets for the year needs a local referendum (Local Government Finance
 * Act 1992, Chapter 4ZA, ss. 52ZB and 52ZC). The principles compare the
 * council's relevant basic amount of council tax (its own Band D, without
 * police, fire or parish precepts) with the year before, in one of two forms:
 *
 *   "X% or more" is excessive: a core rise at or above core_limit_pct;
 *   "X% or more, and more than £Y": a shire district in 2022/23 broke the
 *   principle only with a rise of 2% or more AND more than £5, so its limit
 *   is whichever of 2% and £5 is higher (docs/rules.md).
 *
 * For 2022/23 the principle for social care authorities was a core rise
 * below 2% (docs/sources.md); other years, other kinds of authority and the
 * £ amounts are settings (referendum.core_limit_pct, core_limit_pounds).
 * The £ rise is the core rise on the modelled Band D of the year before
 * (budget.c: core_rise_pounds), never a fixed percentage, so it follows
 * --set, sweeps and goal seek. Where the council also levies an adult
 * social care precept, only the core part is compared here; the precept has
 * its own rule (referendum_asc.c).
 *
 * Tolerances: a percentage within BS_PCT_EPS of the limit is the limit, so
 * it is "X% or more" (excessive); a £ rise within BS_PENNY_EPS (half a
 * penny) of the £ limit is the limit, so it is not "more than £Y" (not
 * excessive): a bill is set in pence.
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

/* The core rise is at or above the percentage limit ("X% or more"). */
static int pct_reached(const bs_scenario *sc, int t)
{
    return sc->core_rise_pct[t] >= sc->core_limit_pct[t] - BS_PCT_EPS;
}

/* There is a £ limit, and the rise adds more than it to Band D. */
static int has_pounds(const bs_scenario *sc, int t)
{
    return sc->core_limit_pounds[t] > 0.0;
}

static int pounds_exceeded(const bs_scenario *sc, const bs_result *r, int t)
{
    return r->core_rise_pounds[t] > sc->core_limit_pounds[t] + BS_PENNY_EPS;
}

static int holds(const bs_scenario *sc, const bs_result *r, int t)
{
    /* The principles govern increases: a freeze or a cut is never
     * excessive, even under a 0% limit. */
    int rise = sc->core_rise_pct[t] > BS_PCT_EPS;
    int excessive = rise && pct_reached(sc, t) && (!has_pounds(sc, t) || pounds_exceeded(sc, r, t));
    return !excessive;
}

/* A £ limit: whole pounds as "5", else to the penny. */
static void fmt_pounds_limit(double v, char *buf, size_t size)
{
    if (v == (double)(long long)v)
        snprintf(buf, size, "%.0f", v);
    else
        snprintf(buf, size, "%.2f", v);
}

static void reason(const bs_scenario *sc, const bs_result *r, int t, char *buf, size_t size)
{
    char pct[32], lim[32];
    rules_fmt_limit(sc->core_limit_pct[t], pct, sizeof pct);
    if (!has_pounds(sc, t)) {
        snprintf(buf, size, "core rise %.2f%% is at or above the %s%% limit", sc->core_rise_pct[t], pct);
        return;
    }
    fmt_pounds_limit(sc->core_limit_pounds[t], lim, sizeof lim);
    /* with a precept too, Band D rises by more than the core part */
    int with_precept = sc->asc_precept_pct[t] != 0.0;
    int o = snprintf(buf, size, with_precept ? "the core rise adds \xc2\xa3%.2f to Band D, more than the \xc2\xa3%s limit"
                                             : "Band D rises \xc2\xa3%.2f, more than the \xc2\xa3%s limit",
                     r->core_rise_pounds[t], lim);
    if (sc->core_limit_pct[t] > 0.0 && o >= 0 && (size_t)o < size)
        snprintf(buf + o, size - (size_t)o, ", and %.2f%% is at or above %s%%", sc->core_rise_pct[t], pct);
}

BS_RULE_HOLDS_YEARS /* holds over a run of years, for budget.c (core/rules.h) */

const bs_rule bs_rule_referendum_core = {"referendum_core", "Core council tax rise within the referendum limit",
                                         applies, holds, reason, holds_years};
