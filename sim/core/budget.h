/* budget.h - the budget model: pure functions of a bs_scenario.
 *
 * No files, no printing, no globals, no exit. budget_run() fills a result
 * struct the caller owns; it can be called a million times.
 *
 * The arithmetic, for each year t (all money in £m):
 *   services before savings  S_t   = sum of lines, each growing by its rate
 *   contributions to reserves C_t  (positive reserve movements)
 *   funding                   F_t  = council tax + other streams
 *   gap before measures       G_t  = S_t + C_t - F_t
 *   savings delivered         V_t, charges' net income H_t, planned draws D_t
 *   gap after measures        A_t  = G_t - V_t - H_t - D_t
 * A year balances when A_t <= 0. A surplus (A_t < 0) goes to the general
 * reserve; a gap is met from it only when rules.cover_unclosed_gaps is set.
 * Council tax: Band D_t = Band D_{t-1} x (1 + (core_t + asc_t)/100);
 * income = Band D x tax base x collection rate. Band D is this council's
 * element alone (the "relevant basic amount" the referendum principles
 * compare); other precepts are added only to the bills with them.
 * Referendum limits: the core rise in £ is Band D_{t-1} x core_t / 100; the
 * adult social care allowance is asc_limit_t plus what is carried in:
 * asc_unused_before in the first year, then (when asc_carry_forward) the
 * year before's allowance less its precept, when positive.
 *
 * This file may use: core/, the C library and libm (no files, no printing, no exit). */
#ifndef BS_BUDGET_H
#define BS_BUDGET_H

#include <stdint.h>
#include <string.h>

#include "core/rules.h"
#include "core/scenario.h"

/* Band ratios to Band D, A..H: 6/9, 7/9, 8/9, 1, 11/9, 13/9, 15/9, 18/9. */
extern const double bs_band_ratio[BS_NBANDS];
extern const char bs_band_name[BS_NBANDS];

typedef struct bs_result {
    int nyears;
    int first_year;

    /* service lines */
    double service_gross_m[BS_MAX_SERVICES][BS_MAX_YEARS];   /* before savings */
    double service_savings_m[BS_MAX_SERVICES][BS_MAX_YEARS]; /* delivered savings on the line */
    double unallocated_savings_m[BS_MAX_YEARS];              /* savings on no line */

    /* measures, one row each: saving delivered, charge net income, reserve movement */
    double measure_m[BS_MAX_MEASURES][BS_MAX_YEARS];
    double saving_at_risk_m[BS_MAX_YEARS];                   /* planned but expected undelivered */
    double charge_price_pounds[BS_MAX_MEASURES][BS_MAX_YEARS]; /* price in effect; 0 when not levied */
    double charge_take_up_pct[BS_MAX_MEASURES][BS_MAX_YEARS];
    double charge_payers[BS_MAX_MEASURES][BS_MAX_YEARS];     /* households paying */
    double charge_gross_m[BS_MAX_MEASURES][BS_MAX_YEARS];    /* income before running cost */

    /* funding */
    double band_d_pounds[BS_MAX_YEARS];
    double rise_pct[BS_MAX_YEARS];                           /* core + ASC */
    double tax_base[BS_MAX_YEARS];
    double council_tax_m[BS_MAX_YEARS];
    double funding_m[BS_MAX_FUNDING][BS_MAX_YEARS];
    double other_precepts_pounds[BS_MAX_YEARS];
    /* for the referendum rules (core/rules/referendum_*.c) */
    double core_rise_pounds[BS_MAX_YEARS];                   /* Band D_{t-1} x core_t / 100, £ */
    double asc_allowance_pct[BS_MAX_YEARS];                  /* the year's ASC limit plus allowance carried in */

    /* totals */
    double spending_gross_m[BS_MAX_YEARS];
    double savings_m[BS_MAX_YEARS];
    double spending_net_m[BS_MAX_YEARS];
    double contributions_m[BS_MAX_YEARS];
    double draws_m[BS_MAX_YEARS];
    double charges_m[BS_MAX_YEARS];
    double funding_total_m[BS_MAX_YEARS];                    /* council tax + streams */
    double gap_before_m[BS_MAX_YEARS];
    double gap_after_m[BS_MAX_YEARS];
    double unplanned_draw_m[BS_MAX_YEARS];                   /* + surplus added, - gap met */

    /* reserves */
    double reserve_open_m[BS_MAX_RESERVES][BS_MAX_YEARS];
    double reserve_close_m[BS_MAX_RESERVES][BS_MAX_YEARS];
    double reserves_total_close_m[BS_MAX_YEARS];
    double reserves_pct_of_spending[BS_MAX_YEARS];           /* total reserves / net spending; -1 when net spending <= 0 */
    double general_pct_of_spending[BS_MAX_YEARS];             /* likewise */
    double years_of_reserves[BS_MAX_YEARS];                  /* at this year's rate of draw; -1 when not drawing */

    /* rules (core/rules.h): ok[rule][year], 1 = holds */
    unsigned char rule_ok[BS_NRULES][BS_MAX_YEARS];
    unsigned char rule_applies[BS_NRULES][BS_MAX_YEARS];

    /* household bills, £ a year */
    double bill_pounds[BS_MAX_YEARS][BS_NBANDS];             /* this council's element */
    double bill_total_pounds[BS_MAX_YEARS][BS_NBANDS];       /* with other precepts */
} bs_result;

/* A zeroed result in heap memory, or NULL when out of memory; result_free
 * releases it (NULL is allowed). */
bs_result *result_new(void);
void result_free(bs_result *r);

/* Compute the budget of sc into r. Never fails for a validated scenario. */
void budget_run(const bs_scenario *sc, bs_result *r);

/* 1 when every value of r (for the years and parts of sc) is finite, 0 when
 * an overflow or a division by zero left an infinity or a NaN somewhere.
 * Cheap enough to call after every run of a sweep. guard.h finds the row and
 * the setting to blame. */
int budget_finite(const bs_scenario *sc, const bs_result *r);

#define BS_INCR_MAX_VARY 32 /* settings a plan follows one by one (more: as if all change every run) */

/* pow(x, e) = v, kept (bs_incr.pow). */
typedef struct {
    double x, e, v;
} bs_pow_memo;

/* An incremental plan for many runs of one scenario in which only a few
 * settings change between runs (a sweep): the stages of the model whose
 * inputs do not change are computed once and kept in the result; each run
 * recomputes the rest, by the same code in the same order of operations, so
 * that every value is bit for bit that of a fresh budget_run. Per-year totals, the reserves and the rules are recomputed from
 * the first year in which a row they read differs, bit for bit, from the
 * run before (the years before are as they were). One plan per result (it
 * keeps the growth factors and the movements of the last run). */
typedef struct {
    int ready;                                  /* a full run is in the result */
    int full;                                   /* the last run was a full one */
    int all;                                    /* a setting not classified varies: always full runs */
    int tax, streams;                           /* council tax, the funding streams vary */
    int tax_base;                               /* the tax base or its growth varies: only they and the income are redone */
    unsigned char service[BS_MAX_SERVICES];     /* service lines to recompute */
    unsigned char measure[BS_MAX_MEASURES];     /* measures to recompute (varied, or a saving on a varied line) */
    /* the totals those measures feed, summed afresh: savings by line, on no
     * line, at risk; charges; contributions and draws; movement by reserve */
    unsigned char line_total[BS_MAX_SERVICES];
    int unallocated_total, risk_total, charges_total, moves_total;
    unsigned char movement_total[BS_MAX_RESERVES];
    /* each setting passed to budget_incr_vary, by its number: what it
     * reaches (INCR_* in budget.c) and which service or measure */
    int nvary;
    unsigned char vary_kind[BS_INCR_MAX_VARY];
    int vary_index[BS_INCR_MAX_VARY];
    int ran_tax;                                /* the last run recomputed council tax */
    /* made after each full run from the flags above and the measures'
     * whole-number settings: for each setting, the measures it redoes; the
     * savings whose amounts at risk are summed; the enabled measures that
     * feed another total summed afresh; all in the measures' order */
    int nredo[BS_INCR_MAX_VARY];
    unsigned char redo[BS_INCR_MAX_VARY][BS_MAX_MEASURES];
    int nrisky, nfeed;
    unsigned char risky[BS_MAX_MEASURES], feed[BS_MAX_MEASURES];
    int year_checks;                            /* check[year_checks .. tax_checks-1]: run_years's rows, from t0 */
    int tax_checks;                             /* check[tax_checks .. nchecks-1]: council tax's rows */
    int t0;                                     /* the first year the last run recomputed */
    int nchecks;                                /* rows budget_incr_finite checks: offsets in bs_result */
    int check[BS_MAX_SERVICES + BS_MAX_MEASURES * 4 + BS_MAX_FUNDING + BS_MAX_RESERVES * 2 + 40];
    double factor[BS_MAX_SERVICES][BS_MAX_YEARS];
    double movement[BS_MAX_RESERVES][BS_MAX_YEARS];
    double risk[BS_MAX_MEASURES][BS_MAX_YEARS]; /* each saving's amount at risk */
    /* each charge's last power of its price (price / reference ^ elasticity)
     * by year: the same arguments, bit for bit, give the same value, so a
     * run in which only the take-up changes (a Monte Carlo draw) calls pow
     * for none of them */
    bs_pow_memo pow[BS_MAX_MEASURES][BS_MAX_YEARS];
} bs_incr;

/* An empty plan: nothing varies (every run after the first recomputes only
 * the totals, the reserves and the rules). */
void budget_incr_init(bs_incr *p);

/* The value(s) at addr (bytes long, inside sc) change between runs; the
 * next run is a full one. Anything outside the known parts makes every run
 * a full one. Returns the setting's number, 0 for the first call, 1 for the
 * next..., for budget_incr_run_changed. */
int budget_incr_vary(bs_incr *p, const bs_scenario *sc, const void *addr, size_t bytes);

/* Run sc into r: a full run the first time, then only what the varied
 * settings reach. r must be the same result between calls, changed by
 * nothing else; sc may change only at the places passed to budget_incr_vary. */
void budget_incr_run(bs_incr *p, const bs_scenario *sc, bs_result *r);

/* budget_incr_run when only the settings numbered by the bits of changed
 * (bit k: the setting budget_incr_vary numbered k; all settings numbered
 * 31 and above share bit 31) have changed since the last run. */
void budget_incr_run_changed(bs_incr *p, const bs_scenario *sc, bs_result *r, unsigned changed);

/* budget_finite for the result of the last budget_incr_run, checking only
 * the rows and years it recomputed: the others were checked when last
 * computed, and found finite (a caller stops at the first run that is not,
 * or starts a new plan). */
int budget_incr_finite(const bs_incr *p, const bs_scenario *sc, const bs_result *r);

/* Number of years in which rule k applies and is broken; budget_broken_count:
 * of broken rules in r, over all years. Inline: a sweep counts them for
 * every point. */
static inline int budget_broken_years(const bs_result *r, int k)
{
    const unsigned char *applies = r->rule_applies[k], *ok = r->rule_ok[k];
    int n = r->nyears, t = 0, broken = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* eight years at a time: each flag is 0 or 1, one a byte; the product
     * by 0x0101...01 adds the bytes into the top one (at most 8) */
    const uint64_t ones = 0x0101010101010101ULL;
    for (; t < n && t + 8 <= BS_MAX_YEARS; t += 8) {
        uint64_t a, o;
        memcpy(&a, applies + t, sizeof a);
        memcpy(&o, ok + t, sizeof o);
        uint64_t x = a & ~o & ones;
        if (n - t < 8)
            x &= (1ULL << 8 * (n - t)) - 1; /* the years in use alone */
        broken += (int)((x * ones) >> 56);
    }
#endif
    for (; t < n; t++)
        if (applies[t] && !ok[t])
            broken++;
    return broken;
}

static inline int budget_broken_count(const bs_result *r)
{
    int broken = 0;
    for (int k = 0; k < BS_NRULES; k++)
        broken += budget_broken_years(r, k);
    return broken;
}

#endif
