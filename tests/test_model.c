/* test_model.c - cmocka unit tests of the budget model, the scenario reader
 * and the number formatting.
 *
 * Every expected value is worked out by hand from the rules in budget.h and
 * scenario.h (or, for Liverpool, from the scenario file's source comments and
 * docs/sources.md); the working is in a comment next to each
 * assertion. None is copied from the program's output.
 *
 * Most tests build a small scenario in C from base_scenario(); the reader
 * tests load the .cfg files in tests/fixtures and the Liverpool scenarios with
 * scenario_load(). Run from the repository root (make test-unit does). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "load/source.h"
#include "core/budget.h"
#include "core/scenario.h"
#include "core/table.h"
#include "core/util.h"

/* cmocka 1.1's assert_float_equal converts to float (about 7 digits), too
 * coarse for £1 in £m; this compares doubles and prints both on failure.
 * Written as !(diff <= tol) so that a NaN fails too. */
#define assert_near(actual, expected, tol)                                                      \
    do {                                                                                         \
        double near_a_ = (actual), near_e_ = (expected), near_t_ = (tol);                        \
        if (!(fabs(near_a_ - near_e_) <= near_t_))                                               \
            fail_msg("%s = %.12g, expected %.12g (+/- %g)", #actual, near_a_, near_e_, near_t_); \
    } while (0)

#define EPS 1e-9   /* exact arithmetic on small numbers */
#define MONEY 1e-6 /* £1 in £m, the model's own tolerance */

/* ------------------------------------------------------------------ */
/* Fixtures                                                            */
/* ------------------------------------------------------------------ */

/* Two scenarios and their results (both large: kept on the heap). */
typedef struct {
    bs_scenario *sc, *sc2;
    bs_result *r, *r2;
} world;

/* The base scenario every model test starts from:
 *   2022/23 to 2024/25 (3 years);
 *   Band D previous £1,000, no rise, tax base 50,000 at 100% collection,
 *     so council tax = 1000 x 50000 / 1e6 = £50.0m every year;
 *   one service "main" of £100.0m, no growth: gap before measures £50.0m;
 *   general reserve £100.0m, minimum 0; referendum limits 2% core, 1% ASC;
 *   balanced_years 1, cover_unclosed_gaps false. */
static void base_scenario(bs_scenario *sc)
{
    memset(sc, 0, sizeof *sc);
    bs_strlcpy(sc->name, "unit test", sizeof sc->name);
    bs_strlcpy(sc->label, "test", sizeof sc->label);
    sc->first_year = 2022;
    sc->nyears = 3;
    sc->band_d_previous_pounds = 1000.0;
    sc->tax_base = 50000.0;
    sc->collection_rate_pct = 100.0;
    for (int t = 0; t < BS_MAX_YEARS; t++) {
        sc->core_limit_pct[t] = 2.0;
        sc->asc_limit_pct[t] = 1.0;
    }
    sc->balanced_years = 1;
    sc->cover_unclosed_gaps = false;
    sc->nservices = 1;
    bs_strlcpy(sc->services[0].id, "main", BS_ID_MAX);
    bs_strlcpy(sc->services[0].name, "Main service", BS_NAME_MAX);
    sc->services[0].net_m = 100.0;
    sc->nreserves = 1;
    bs_strlcpy(sc->reserves[0].id, "general", BS_ID_MAX);
    bs_strlcpy(sc->reserves[0].name, "General reserve", BS_NAME_MAX);
    sc->reserves[0].opening_m = 100.0;
}

static int setup(void **state)
{
    world *w = calloc(1, sizeof *w);
    if (!w)
        return -1;
    w->sc = calloc(1, sizeof *w->sc);
    w->sc2 = calloc(1, sizeof *w->sc2);
    w->r = calloc(1, sizeof *w->r);
    w->r2 = calloc(1, sizeof *w->r2);
    if (!w->sc || !w->sc2 || !w->r || !w->r2) {
        free(w->sc);
        free(w->sc2);
        free(w->r);
        free(w->r2);
        free(w);
        return -1;
    }
    base_scenario(w->sc);
    base_scenario(w->sc2);
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    world *w = *state;
    free(w->sc);
    free(w->sc2);
    free(w->r);
    free(w->r2);
    free(w);
    return 0;
}

/* Add a service line; returns its index. Growth is set by the caller. */
static int add_service(bs_scenario *sc, const char *id, double net_m)
{
    int s = sc->nservices++;
    bs_strlcpy(sc->services[s].id, id, BS_ID_MAX);
    bs_strlcpy(sc->services[s].name, id, BS_NAME_MAX);
    sc->services[s].net_m = net_m;
    return s;
}

/* Add a funding stream received every year; returns its index. */
static int add_funding(bs_scenario *sc, const char *id, double amount_m)
{
    int f = sc->nfunding++;
    bs_strlcpy(sc->funding[f].id, id, BS_ID_MAX);
    bs_strlcpy(sc->funding[f].name, id, BS_NAME_MAX);
    sc->funding[f].amount_m = amount_m;
    return f;
}

/* Add an earmarked reserve; returns its index (>= 1). */
static int add_earmarked(bs_scenario *sc, const char *id, double opening_m, double minimum_m)
{
    int k = sc->nreserves++;
    bs_strlcpy(sc->reserves[k].id, id, BS_ID_MAX);
    bs_strlcpy(sc->reserves[k].name, id, BS_NAME_MAX);
    sc->reserves[k].opening_m = opening_m;
    sc->reserves[k].minimum_m = minimum_m;
    return k;
}

/* A new enabled measure with the reader's defaults: no line, the general
 * reserve, recurring, phasing [100]. */
static bs_measure *add_measure(bs_scenario *sc, const char *id, bs_measure_type type, int start_year)
{
    bs_measure *m = &sc->measures[sc->nmeasures++];
    memset(m, 0, sizeof *m);
    bs_strlcpy(m->id, id, BS_ID_MAX);
    bs_strlcpy(m->name, id, BS_NAME_MAX);
    m->type = type;
    m->enabled = true;
    m->start_year = start_year;
    m->line_index = -1;
    m->reserve_index = 0;
    bs_strlcpy(m->reserve, "general", BS_ID_MAX);
    m->recurring = true;
    m->nphasing = 1;
    m->phasing_pct[0] = 100.0;
    return m;
}

static bs_measure *add_saving(bs_scenario *sc, const char *id, int line_index, double amount_m, int start_year)
{
    bs_measure *m = add_measure(sc, id, BS_SAVING, start_year);
    m->line_index = line_index;
    if (line_index >= 0)
        bs_strlcpy(m->line, sc->services[line_index].id, BS_ID_MAX);
    m->amount_m = amount_m;
    return m;
}

/* A charge at the same price every year; the reference price is that price. */
static bs_measure *add_charge(bs_scenario *sc, const char *id, double price, double households,
                              double take_up_pct, int start_year)
{
    bs_measure *m = add_measure(sc, id, BS_CHARGE, start_year);
    for (int t = 0; t < BS_MAX_YEARS; t++)
        m->price_pounds[t] = price;
    m->households = households;
    m->take_up_pct = take_up_pct;
    m->reference_price_pounds = price;
    return m;
}

/* A reserve movement; the caller fills reserve_m[t]. */
static bs_measure *add_move(bs_scenario *sc, const char *id, int reserve_index, int start_year)
{
    bs_measure *m = add_measure(sc, id, BS_RESERVE_MOVE, start_year);
    m->reserve_index = reserve_index;
    bs_strlcpy(m->reserve, sc->reserves[reserve_index].id, BS_ID_MAX);
    return m;
}

static int find_measure(const bs_scenario *sc, const char *id)
{
    for (int i = 0; i < sc->nmeasures; i++)
        if (strcmp(sc->measures[i].id, id) == 0)
            return i;
    fail_msg("no measure \"%s\" in %s", id, sc->source_file);
    return -1;
}

static int find_service(const bs_scenario *sc, const char *id)
{
    int s = scenario_find_service(sc, id);
    if (s < 0)
        fail_msg("no service \"%s\" in %s", id, sc->source_file);
    return s;
}

/* Load a scenario (relative to the repository root) or fail with the error. */
static void load(const char *path, const bs_override *ov, int nov, bs_scenario *sc)
{
    bs_error err = {0};
    if (scenario_load(path, ov, nov, sc, &err) != 0) {
        char msg[1400];
        bs_error_format(&err, msg, sizeof msg);
        fail_msg("cannot load %s (run from the repository root): %s", path, msg);
    }
}

/* ------------------------------------------------------------------ */
/* Services and council tax                                            */
/* ------------------------------------------------------------------ */

static void test_service_growth_compounds(void **state)
{
    world *w = *state;
    bs_scenario *sc = w->sc;
    sc->services[0].growth_pct[0] = 99.0; /* index 0 is never used */
    sc->services[0].growth_pct[1] = 10.0;
    sc->services[0].growth_pct[2] = 5.0;
    int s2 = add_service(sc, "shrinking", 50.0);
    sc->services[s2].growth_pct[1] = -10.0;
    sc->services[s2].growth_pct[2] = 20.0;
    budget_run(sc, w->r);

    assert_int_equal(w->r->nyears, 3);
    assert_int_equal(w->r->first_year, 2022);
    assert_near(w->r->service_gross_m[0][0], 100.0, EPS);  /* stated for the first year; growth[0] unused */
    assert_near(w->r->service_gross_m[0][1], 110.0, EPS);  /* 100 x 1.10 */
    assert_near(w->r->service_gross_m[0][2], 115.5, EPS);  /* 110 x 1.05 */
    assert_near(w->r->service_gross_m[s2][0], 50.0, EPS);
    assert_near(w->r->service_gross_m[s2][1], 45.0, EPS);  /* 50 x 0.90 */
    assert_near(w->r->service_gross_m[s2][2], 54.0, EPS);  /* 45 x 1.20 */
    assert_near(w->r->spending_gross_m[0], 150.0, EPS);    /* 100 + 50 */
    assert_near(w->r->spending_gross_m[1], 155.0, EPS);    /* 110 + 45 */
    assert_near(w->r->spending_gross_m[2], 169.5, EPS);    /* 115.5 + 54 */
    /* No savings: net = gross; gap before = services - council tax 50 */
    assert_near(w->r->spending_net_m[2], 169.5, EPS);
    assert_near(w->r->gap_before_m[2], 119.5, EPS);        /* 169.5 - 50 */
}

static void test_band_d_rises_by_core_plus_asc(void **state)
{
    world *w = *state;
    bs_scenario *sc = w->sc;
    double core[3] = {1.99, 1.99, 1.99}, asc[3] = {1.0, 0.5, 0.0};
    for (int t = 0; t < 3; t++) {
        sc->core_rise_pct[t] = core[t];
        sc->asc_precept_pct[t] = asc[t];
    }
    budget_run(sc, w->r);

    assert_near(w->r->rise_pct[0], 2.99, EPS);                 /* 1.99 + 1.0 */
    assert_near(w->r->rise_pct[1], 2.49, EPS);                 /* 1.99 + 0.5 */
    assert_near(w->r->rise_pct[2], 1.99, EPS);                 /* 1.99 + 0 */
    assert_near(w->r->band_d_pounds[0], 1029.90, 1e-9);        /* 1000 x (1 + (1.99+1)/100) */
    assert_near(w->r->band_d_pounds[1], 1055.54451, 1e-9);     /* 1029.90 x 1.0249 */
    assert_near(w->r->band_d_pounds[2], 1076.549845749, 1e-8); /* 1055.54451 x 1.0199 */
    assert_near(w->r->council_tax_m[0], 51.495, 1e-9);         /* 1029.90 x 50000 / 1e6 */
}

static void test_council_tax_base_growth_and_collection(void **state)
{
    world *w = *state;
    bs_scenario *sc = w->sc;
    for (int t = 0; t < 3; t++)
        sc->core_rise_pct[t] = 2.0;
    sc->tax_base_growth_pct[0] = 50.0; /* unused: the base is stated for the first year */
    sc->tax_base_growth_pct[1] = 1.0;
    sc->tax_base_growth_pct[2] = 2.0;
    sc->collection_rate_pct = 98.0;
    budget_run(sc, w->r);

    assert_near(w->r->band_d_pounds[0], 1020.0, EPS);     /* 1000 x 1.02 */
    assert_near(w->r->band_d_pounds[1], 1040.4, EPS);     /* 1020 x 1.02 */
    assert_near(w->r->band_d_pounds[2], 1061.208, EPS);   /* 1040.4 x 1.02 */
    assert_near(w->r->tax_base[0], 50000.0, EPS);
    assert_near(w->r->tax_base[1], 50500.0, EPS);         /* 50000 x 1.01 */
    assert_near(w->r->tax_base[2], 51510.0, EPS);         /* 50500 x 1.02 */
    assert_near(w->r->council_tax_m[0], 49.98, EPS);      /* 1020 x 50000 x 0.98 / 1e6 */
    assert_near(w->r->council_tax_m[1], 51.489396, EPS);  /* 1040.4 x 50500 = 52,540,200; x 0.98 = 51,489,396 */
    assert_near(w->r->council_tax_m[2], 53.5695675984, 1e-9); /* 1061.208 x 51510 = 54,662,824.08; x 0.98 */
    assert_near(w->r->funding_total_m[1], 51.489396, EPS);    /* no other streams */
    assert_near(w->r->gap_before_m[0], 50.02, EPS);           /* 100 - 49.98 */
}

static void test_band_bills_and_other_precepts(void **state)
{
    world *w = *state;
    bs_scenario *sc = w->sc;
    sc->band_d_previous_pounds = 900.0; /* no rise: Band D stays 900 */
    sc->other_precepts_pounds = 270.0;
    sc->other_precepts_growth_pct[0] = 50.0; /* unused */
    sc->other_precepts_growth_pct[1] = 10.0;
    budget_run(sc, w->r);

    /* This council's element: 900 x 6/9, 7/9, 8/9, 9/9, 11/9, 13/9, 15/9, 18/9 */
    const double council[BS_NBANDS] = {600, 700, 800, 900, 1100, 1300, 1500, 1800};
    /* With precepts, first year: (900 + 270) = 1170 x the same ratios */
    const double total0[BS_NBANDS] = {780, 910, 1040, 1170, 1430, 1690, 1950, 2340};
    /* Second year: precepts 270 x 1.10 = 297; (900 + 297) = 1197 x ratios */
    const double total1[BS_NBANDS] = {798, 931, 1064, 1197, 1463, 1729, 1995, 2394};
    const char names[] = "ABCDEFGH";
    for (int b = 0; b < BS_NBANDS; b++) {
        assert_int_equal(bs_band_name[b], names[b]);
        assert_near(w->r->bill_pounds[0][b], council[b], 1e-9);
        assert_near(w->r->bill_pounds[1][b], council[b], 1e-9);
        assert_near(w->r->bill_total_pounds[0][b], total0[b], 1e-9);
        assert_near(w->r->bill_total_pounds[1][b], total1[b], 1e-9);
    }
    assert_near(w->r->other_precepts_pounds[0], 270.0, EPS);
    assert_near(w->r->other_precepts_pounds[1], 297.0, EPS);   /* 270 x 1.10 */
    assert_near(w->r->other_precepts_pounds[2], 297.0, EPS);   /* growth[2] = 0 */
    assert_near(bs_band_ratio[0], 6.0 / 9.0, 1e-15);
    assert_near(bs_band_ratio[7], 2.0, 1e-15);                  /* 18/9 */
}

static void test_funding_streams_growth_and_last_year(void **state)
{
    world *w = *state;
    bs_scenario *sc = w->sc;
    int grown = add_funding(sc, "grant", 20.0);
    sc->funding[grown].growth_pct[1] = 5.0;
    sc->funding[grown].growth_pct[2] = 10.0;
    int once = add_funding(sc, "one_off", 7.0);
    sc->funding[once].last_year = 2022;
    int twice = add_funding(sc, "two_years", 4.0);
    sc->funding[twice].last_year = 2023;
    budget_run(sc, w->r);

    assert_near(w->r->funding_m[grown][0], 20.0, EPS);
    assert_near(w->r->funding_m[grown][1], 21.0, EPS);   /* 20 x 1.05 */
    assert_near(w->r->funding_m[grown][2], 23.1, EPS);   /* 21 x 1.10 */
    assert_near(w->r->funding_m[once][0], 7.0, EPS);     /* received in 2022/23 only */
    assert_near(w->r->funding_m[once][1], 0.0, EPS);
    assert_near(w->r->funding_m[once][2], 0.0, EPS);
    assert_near(w->r->funding_m[twice][1], 4.0, EPS);    /* 2023 <= last_year 2023 */
    assert_near(w->r->funding_m[twice][2], 0.0, EPS);    /* 2024 > 2023 */
    assert_near(w->r->funding_total_m[0], 81.0, EPS);    /* council tax 50 + 20 + 7 + 4 */
    assert_near(w->r->funding_total_m[1], 75.0, EPS);    /* 50 + 21 + 0 + 4 */
    assert_near(w->r->funding_total_m[2], 73.1, EPS);    /* 50 + 23.1 */
    assert_near(w->r->gap_before_m[0], 19.0, EPS);       /* 100 - 81 */
    assert_near(w->r->gap_before_m[1], 25.0, EPS);       /* 100 - 75 */
    assert_near(w->r->gap_before_m[2], 26.9, EPS);       /* 100 - 73.1 */
}

/* ------------------------------------------------------------------ */
/* Gaps                                                                */
/* ------------------------------------------------------------------ */

static void test_gap_before_and_after_measures(void **state)
{
    world *w = *state;
    bs_scenario *sc = w->sc;
    add_funding(sc, "grant", 30.0);                    /* funding 50 + 30 = 80 */
    int cap = add_earmarked(sc, "capital", 40.0, 0.0);
    add_saving(sc, "cut", -1, 4.0, 2022);
    bs_measure *fee = add_charge(sc, "fee", 100.0, 10000.0, 50.0, 2022);
    for (int t = 0; t < BS_MAX_YEARS; t++)
        fee->running_cost_m[t] = 0.1;
    bs_measure *in = add_move(sc, "top_up", 0, 2022);
    in->reserve_m[0] = 5.0;
    bs_measure *out = add_move(sc, "draw", cap, 2022);
    out->reserve_m[0] = -3.0;
    out->reserve_m[1] = -3.0;
    budget_run(sc, w->r);

    /* Year 1: services 100 + contribution 5 - funding 80 = 25 */
    assert_near(w->r->contributions_m[0], 5.0, EPS);
    assert_near(w->r->funding_total_m[0], 80.0, EPS);
    assert_near(w->r->gap_before_m[0], 25.0, EPS);
    /* savings 4; charge 100 x 10000 x 50% / 1e6 = 0.5 gross - 0.1 running = 0.4;
     * planned draw 3: gap after = 25 - 4 - 0.4 - 3 = 17.6 */
    assert_near(w->r->savings_m[0], 4.0, EPS);
    assert_near(w->r->charges_m[0], 0.4, EPS);
    assert_near(w->r->draws_m[0], 3.0, EPS);
    assert_near(w->r->gap_after_m[0], 17.6, EPS);
    assert_near(w->r->spending_net_m[0], 96.0, EPS);   /* 100 - 4 */
    /* Year 2: no contribution: gap before 100 - 80 = 20; after 20 - 4 - 0.4 - 3 = 12.6 */
    assert_near(w->r->contributions_m[1], 0.0, EPS);
    assert_near(w->r->gap_before_m[1], 20.0, EPS);
    assert_near(w->r->gap_after_m[1], 12.6, EPS);
    /* Year 3: no draw either: 20 - 4 - 0.4 = 15.6 */
    assert_near(w->r->draws_m[2], 0.0, EPS);
    assert_near(w->r->gap_after_m[2], 15.6, EPS);
}

/* ------------------------------------------------------------------ */
/* Savings                                                             */
/* ------------------------------------------------------------------ */

static void test_saving_recurring_vs_one_off(void **state)
{
    world *w = *state;
    bs_scenario *sc = w->sc;
    add_saving(sc, "recurring", -1, 2.0, 2022);
    bs_measure *once = add_saving(sc, "one_off", -1, 3.0, 2023);
    once->recurring = false;
    budget_run(sc, w->r);

    assert_near(w->r->measure_m[0][0], 2.0, EPS);   /* recurring: every year from 2022 */
    assert_near(w->r->measure_m[0][1], 2.0, EPS);
    assert_near(w->r->measure_m[0][2], 2.0, EPS);
    assert_near(w->r->measure_m[1][0], 0.0, EPS);   /* one-off: before its start */
    assert_near(w->r->measure_m[1][1], 3.0, EPS);   /* in 2023/24 only */
    assert_near(w->r->measure_m[1][2], 0.0, EPS);   /* and not after */
    assert_near(w->r->savings_m[0], 2.0, EPS);
    assert_near(w->r->savings_m[1], 5.0, EPS);      /* 2 + 3 */
    assert_near(w->r->savings_m[2], 2.0, EPS);
    assert_near(w->r->unallocated_savings_m[1], 5.0, EPS); /* neither is on a line */
    assert_near(w->r->gap_after_m[1], 45.0, EPS);   /* 50 - 5 */
    assert_near(w->r->gap_after_m[2], 48.0, EPS);   /* 50 - 2 */
}

static void test_saving_late_start_and_phasing(void **state)
{
    world *w = *state;
    bs_scenario *sc = w->sc;
    sc->nyears = 4;
    bs_measure *m = add_saving(sc, "phased", -1, 10.0, 2023);
    m->nphasing = 2;
    m->phasing_pct[0] = 25.0;
    m->phasing_pct[1] = 75.0;
    m->phasing_pct[2] = 100.0; /* beyond nphasing: must be ignored */
    budget_run(sc, w->r);

    assert_near(w->r->measure_m[0][0], 0.0, EPS);   /* 2022: before the start year 2023 */
    assert_near(w->r->measure_m[0][1], 2.5, EPS);   /* first year from start: 10 x 25% */
    assert_near(w->r->measure_m[0][2], 7.5, EPS);   /* second: 10 x 75% (cumulative, not 25 + 75) */
    assert_near(w->r->measure_m[0][3], 7.5, EPS);   /* third: the last entry, 75%, holds */
    assert_near(w->r->gap_after_m[3], 42.5, EPS);   /* 50 - 7.5 */
}

static void test_saving_at_risk(void **state)
{
    world *w = *state;
    bs_scenario *sc = w->sc;
    bs_measure *m = add_saving(sc, "risky", -1, 8.0, 2022);
    m->at_risk_pct = 25.0;
    m->nphasing = 2;
    m->phasing_pct[0] = 50.0;
    m->phasing_pct[1] = 100.0;
    add_saving(sc, "safe", -1, 1.0, 2022);
    budget_run(sc, w->r);

    /* Year 1: planned 8 x 50% = 4; at risk 4 x 25% = 1; delivered 3 */
    assert_near(w->r->measure_m[0][0], 3.0, EPS);
    assert_near(w->r->saving_at_risk_m[0], 1.0, EPS);
    /* Year 2: planned 8 x 100% = 8; at risk 2; delivered 6 */
    assert_near(w->r->measure_m[0][1], 6.0, EPS);
    assert_near(w->r->saving_at_risk_m[1], 2.0, EPS);
    /* The safe saving adds nothing at risk; totals count delivered only */
    assert_near(w->r->savings_m[1], 7.0, EPS);      /* 6 + 1 */
    assert_near(w->r->gap_after_m[1], 43.0, EPS);   /* 50 - 7 */
}

static void test_saving_on_line_grows_with_line(void **state)
{
    world *w = *state;
    bs_scenario *sc = w->sc;
    sc->nyears = 4;
    sc->services[0].net_m = 200.0;
    sc->services[0].growth_pct[1] = 10.0;
    sc->services[0].growth_pct[2] = 5.0;
    sc->services[0].growth_pct[3] = 20.0;
    add_saving(sc, "late", 0, 10.0, 2023);   /* at 2023/24 prices */
    add_saving(sc, "early", 0, 4.0, 2022);   /* at 2022/23 prices */
    budget_run(sc, w->r);

    assert_near(w->r->measure_m[0][0], 0.0, EPS);
    assert_near(w->r->measure_m[0][1], 10.0, EPS);    /* stated at start-year prices */
    assert_near(w->r->measure_m[0][2], 10.5, EPS);    /* 10 x 1.05, the line's growth after the start */
    assert_near(w->r->measure_m[0][3], 12.6, EPS);    /* 10.5 x 1.20 */
    assert_near(w->r->measure_m[1][0], 4.0, EPS);
    assert_near(w->r->measure_m[1][1], 4.4, EPS);     /* 4 x 1.10 */
    assert_near(w->r->measure_m[1][2], 4.62, EPS);    /* 4.4 x 1.05 */
    /* On the line, not unallocated */
    assert_near(w->r->service_savings_m[0][2], 15.12, EPS);   /* 10.5 + 4.62 */
    assert_near(w->r->unallocated_savings_m[2], 0.0, EPS);
    /* Net spending: 200 x 1.1 x 1.05 = 231 - 15.12 = 215.88 */
    assert_near(w->r->service_gross_m[0][2], 231.0, EPS);
    assert_near(w->r->spending_net_m[2], 215.88, EPS);
}

static void test_saving_without_line_does_not_grow(void **state)
{
    world *w = *state;
    bs_scenario *sc = w->sc;
    sc->services[0].growth_pct[1] = 10.0;
    sc->services[0].growth_pct[2] = 10.0;
    add_saving(sc, "general_cut", -1, 10.0, 2022);
    budget_run(sc, w->r);

    for (int t = 0; t < 3; t++) {
        assert_near(w->r->measure_m[0][t], 10.0, EPS);        /* cash: no line, no growth */
        assert_near(w->r->unallocated_savings_m[t], 10.0, EPS);
        assert_near(w->r->service_savings_m[0][t], 0.0, EPS);
    }
    assert_near(w->r->spending_net_m[2], 111.0, EPS);         /* 100 x 1.1 x 1.1 = 121 - 10 */
}

static void test_disabled_measures_do_nothing(void **state)
{
    world *w = *state;
    bs_scenario *sc = w->sc;
    bs_measure *s = add_saving(sc, "off_cut", -1, 5.0, 2022);
    s->at_risk_pct = 50.0;
    s->enabled = false;
    bs_measure *c = add_charge(sc, "off_fee", 100.0, 10000.0, 50.0, 2022);
    c->enabled = false;
    bs_measure *m = add_move(sc, "off_move", 0, 2022);
    m->reserve_m[0] = -20.0;
    m->enabled = false;
    budget_run(sc, w->r);

    for (int i = 0; i < 3; i++)
        assert_near(w->r->measure_m[i][0], 0.0, EPS);
    assert_near(w->r->saving_at_risk_m[0], 0.0, EPS);
    assert_near(w->r->charge_payers[1][0], 0.0, EPS);
    assert_near(w->r->draws_m[0], 0.0, EPS);
    assert_near(w->r->gap_after_m[0], 50.0, EPS);             /* = gap before */
    assert_near(w->r->reserve_close_m[0][0], 100.0, EPS);     /* untouched */
}

/* ------------------------------------------------------------------ */
/* Charges                                                             */
/* ------------------------------------------------------------------ */

static void test_charge_price_households_take_up_running_cost(void **state)
{
    world *w = *state;
    bs_scenario *sc = w->sc;
    bs_measure *m = add_charge(sc, "permit", 40.0, 10000.0, 30.0, 2022);
    for (int t = 0; t < BS_MAX_YEARS; t++)
        m->running_cost_m[t] = 0.02;
    budget_run(sc, w->r);

    assert_near(w->r->charge_take_up_pct[0][0], 30.0, EPS);  /* no elasticity */
    assert_near(w->r->charge_payers[0][0], 3000.0, 1e-9);    /* 10000 x 30% */
    assert_near(w->r->charge_gross_m[0][0], 0.12, EPS);      /* 40 x 3000 / 1e6 */
    assert_near(w->r->measure_m[0][0], 0.10, EPS);           /* 0.12 - 0.02 running cost */
    assert_near(w->r->charges_m[0], 0.10, EPS);
    assert_near(w->r->gap_after_m[0], 49.9, EPS);            /* 50 - 0.1 */
    assert_near(w->r->savings_m[0], 0.0, EPS);               /* a charge is not a saving */
}

static void test_charge_elasticity_and_cap(void **state)
{
    world *w = *state;
    bs_scenario *sc = w->sc;
    bs_measure *m = add_charge(sc, "dearer", 40.0, 10000.0, 30.0, 2022);
    m->price_pounds[1] = 80.0;
    m->price_pounds[2] = 80.0;
    m->elasticity = -0.5;
    bs_measure *cheap = add_charge(sc, "cheaper", 10.0, 10000.0, 80.0, 2022);
    cheap->reference_price_pounds = 40.0;
    cheap->elasticity = -1.0;
    budget_run(sc, w->r);

    /* At the reference price take-up is as stated: (40/40)^-0.5 = 1 */
    assert_near(w->r->charge_take_up_pct[0][0], 30.0, EPS);
    /* Price doubled: 30 x 2^-0.5 = 30 x 0.70710678 = 21.2132034% */
    assert_near(w->r->charge_take_up_pct[0][1], 21.21320344, 1e-8);
    assert_near(w->r->charge_payers[0][1], 2121.320344, 1e-5);   /* 10000 x 21.2132034% */
    assert_near(w->r->charge_gross_m[0][1], 0.1697056275, 1e-9); /* 80 x 2121.32 / 1e6 */
    /* Quarter the reference price, elasticity -1: 80 x (10/40)^-1 = 320% -> capped at 100% */
    assert_near(w->r->charge_take_up_pct[1][0], 100.0, EPS);
    assert_near(w->r->charge_payers[1][0], 10000.0, 1e-9);       /* every eligible household */
    assert_near(w->r->charge_gross_m[1][0], 0.1, EPS);           /* 10 x 10000 / 1e6 */
    assert_near(w->r->charges_m[1], 0.1 + 0.1697056275, 1e-9);
}

static void test_charge_price_zero_not_levied(void **state)
{
    world *w = *state;
    bs_scenario *sc = w->sc;
    bs_measure *m = add_charge(sc, "later", 30.0, 10000.0, 50.0, 2022);
    m->price_pounds[0] = 0.0;   /* not levied in 2022/23 */
    for (int t = 0; t < BS_MAX_YEARS; t++)
        m->running_cost_m[t] = 0.05;
    bs_measure *late = add_charge(sc, "late_start", 30.0, 10000.0, 50.0, 2024);
    late->running_cost_m[0] = 0.5;  /* before its start: must not count */
    budget_run(sc, w->r);

    /* Price 0: no income and no running cost */
    assert_near(w->r->measure_m[0][0], 0.0, EPS);
    assert_near(w->r->charge_gross_m[0][0], 0.0, EPS);
    assert_near(w->r->charge_payers[0][0], 0.0, EPS);
    assert_near(w->r->charge_take_up_pct[0][0], 0.0, EPS);
    /* Price 30: 30 x 10000 x 50% / 1e6 = 0.15 - 0.05 = 0.10 */
    assert_near(w->r->measure_m[0][1], 0.10, EPS);
    /* Start year 2024: nothing in 2022/23 or 2023/24 though priced at 30 */
    assert_near(w->r->measure_m[1][0], 0.0, EPS);
    assert_near(w->r->measure_m[1][1], 0.0, EPS);
    assert_near(w->r->measure_m[1][2], 0.15, EPS);  /* 30 x 5000 / 1e6, no running cost that year */
    assert_near(w->r->charges_m[0], 0.0, EPS);
    assert_near(w->r->charges_m[2], 0.25, EPS);     /* 0.10 + 0.15 */
}

static void test_charge_households_growth(void **state)
{
    world *w = *state;
    bs_scenario *sc = w->sc;
    bs_measure *m = add_charge(sc, "from_2022", 20.0, 10000.0, 50.0, 2022);
    m->households_growth_pct[0] = 99.0; /* unused */
    m->households_growth_pct[1] = 10.0;
    m->households_growth_pct[2] = 5.0;
    bs_measure *late = add_charge(sc, "from_2023", 20.0, 10000.0, 50.0, 2023);
    late->households_growth_pct[1] = 10.0;  /* growth into its own start year: unused */
    late->households_growth_pct[2] = 5.0;
    budget_run(sc, w->r);

    assert_near(w->r->charge_payers[0][0], 5000.0, 1e-9);   /* 10000 x 50% */
    assert_near(w->r->charge_payers[0][1], 5500.0, 1e-9);   /* 11000 x 50% */
    assert_near(w->r->charge_payers[0][2], 5775.0, 1e-9);   /* 11550 x 50% */
    assert_near(w->r->measure_m[0][2], 0.1155, EPS);        /* 20 x 5775 / 1e6 */
    /* households are stated for the start year, 2023 */
    assert_near(w->r->charge_payers[1][1], 5000.0, 1e-9);   /* 10000 x 50% */
    assert_near(w->r->charge_payers[1][2], 5250.0, 1e-9);   /* 10500 x 50% */
    assert_near(w->r->measure_m[1][2], 0.105, EPS);         /* 20 x 5250 / 1e6 */
}

/* ------------------------------------------------------------------ */
/* Reserves                                                            */
/* ------------------------------------------------------------------ */

static void test_reserve_contributions_draws_and_chaining(void **state)
{
    world *w = *state;
    bs_scenario *sc = w->sc;
    bs_measure *a = add_move(sc, "in_then_out", 0, 2022);
    a->reserve_m[0] = 5.0;
    a->reserve_m[1] = -8.0;
    bs_measure *b = add_move(sc, "later", 0, 2023);
    b->reserve_m[0] = 99.0; /* before its start year: ignored */
    b->reserve_m[1] = 2.0;
    b->reserve_m[2] = 2.0;
    budget_run(sc, w->r);

    assert_near(w->r->measure_m[0][0], 5.0, EPS);
    assert_near(w->r->measure_m[0][1], -8.0, EPS);
    assert_near(w->r->measure_m[1][0], 0.0, EPS);
    assert_near(w->r->contributions_m[0], 5.0, EPS);
    assert_near(w->r->contributions_m[1], 2.0, EPS);     /* only the +2; the -8 is a draw */
    assert_near(w->r->draws_m[1], 8.0, EPS);
    assert_near(w->r->gap_before_m[0], 55.0, EPS);       /* 100 + 5 - 50 */
    assert_near(w->r->gap_before_m[1], 52.0, EPS);       /* 100 + 2 - 50 */
    assert_near(w->r->gap_after_m[1], 44.0, EPS);        /* 52 - 8 */
    /* Gaps are not covered: only the planned movements reach the reserve */
    assert_near(w->r->reserve_open_m[0][0], 100.0, EPS);
    assert_near(w->r->reserve_close_m[0][0], 105.0, EPS); /* 100 + 5 */
    assert_near(w->r->reserve_open_m[0][1], 105.0, EPS);  /* chained */
    assert_near(w->r->reserve_close_m[0][1], 99.0, EPS);  /* 105 - 8 + 2 */
    assert_near(w->r->reserve_open_m[0][2], 99.0, EPS);
    assert_near(w->r->reserve_close_m[0][2], 101.0, EPS); /* 99 + 2 */
    assert_near(w->r->unplanned_draw_m[0], 0.0, EPS);
}

static void test_surplus_goes_to_general_reserve(void **state)
{
    world *w = *state;
    bs_scenario *sc = w->sc;
    int cap = add_earmarked(sc, "capital", 10.0, 0.0);
    add_funding(sc, "grant", 60.0);   /* funding 110 against spending 100 */
    budget_run(sc, w->r);

    assert_near(w->r->gap_after_m[0], -10.0, EPS);            /* 100 - 110 */
    assert_near(w->r->unplanned_draw_m[0], 10.0, EPS);        /* + surplus added */
    assert_near(w->r->reserve_close_m[0][0], 110.0, EPS);     /* 100 + 10 */
    assert_near(w->r->reserve_close_m[0][1], 120.0, EPS);     /* 110 + 10 */
    assert_near(w->r->reserve_close_m[0][2], 130.0, EPS);
    assert_near(w->r->reserve_close_m[cap][2], 10.0, EPS);    /* earmarked untouched */
    assert_near(w->r->reserves_total_close_m[2], 140.0, EPS); /* 130 + 10 */
    assert_near(w->r->years_of_reserves[0], -1.0, EPS);       /* growing: not drawing */
    assert_true(w->r->rule_ok[BS_RULE_BALANCED][0]);
    assert_int_equal(budget_broken_count(w->r), 0);
}

static void test_cover_unclosed_gaps_true_vs_false(void **state)
{
    world *w = *state;
    bs_scenario *on = w->sc, *off = w->sc2;
    on->reserves[0].opening_m = 120.0;
    off->reserves[0].opening_m = 120.0;
    on->cover_unclosed_gaps = true;
    off->cover_unclosed_gaps = false;
    budget_run(on, w->r);
    budget_run(off, w->r2);

    /* Gap 50 a year. Covered: met from the general reserve */
    assert_near(w->r->unplanned_draw_m[0], -50.0, EPS);
    assert_near(w->r->reserve_close_m[0][0], 70.0, EPS);    /* 120 - 50 */
    assert_near(w->r->reserve_open_m[0][1], 70.0, EPS);
    assert_near(w->r->reserve_close_m[0][1], 20.0, EPS);    /* 70 - 50 */
    assert_near(w->r->reserve_close_m[0][2], -30.0, EPS);   /* 20 - 50: overdrawn */
    assert_near(w->r->gap_after_m[0], 50.0, EPS);           /* the gap itself is not closed */
    assert_false(w->r->rule_ok[BS_RULE_BALANCED][0]);
    assert_true(w->r->rule_ok[BS_RULE_MINIMUM][1]);         /* 20 >= 0 */
    assert_false(w->r->rule_ok[BS_RULE_MINIMUM][2]);        /* -30 < 0 */
    /* Not covered: the reserve stays at 120 */
    for (int t = 0; t < 3; t++) {
        assert_near(w->r2->unplanned_draw_m[t], 0.0, EPS);
        assert_near(w->r2->reserve_close_m[0][t], 120.0, EPS);
        assert_near(w->r2->gap_after_m[t], 50.0, EPS);
    }
}

static void test_earmarked_reserves(void **state)
{
    world *w = *state;
    bs_scenario *sc = w->sc;
    int cap = add_earmarked(sc, "capital", 30.0, 10.0);
    bs_measure *m = add_move(sc, "use_capital", cap, 2022);
    m->reserve_m[0] = -15.0;
    m->reserve_m[1] = -10.0;
    m->reserve_m[2] = 2.0;
    budget_run(sc, w->r);

    assert_near(w->r->reserve_close_m[cap][0], 15.0, EPS);   /* 30 - 15 */
    assert_near(w->r->reserve_close_m[cap][1], 5.0, EPS);    /* 15 - 10 */
    assert_near(w->r->reserve_close_m[cap][2], 7.0, EPS);    /* 5 + 2 */
    assert_near(w->r->reserve_close_m[0][2], 100.0, EPS);    /* general untouched */
    assert_near(w->r->draws_m[0], 15.0, EPS);
    assert_near(w->r->gap_after_m[0], 35.0, EPS);            /* 50 - 15 */
    assert_near(w->r->contributions_m[2], 2.0, EPS);
    assert_near(w->r->gap_before_m[2], 52.0, EPS);           /* 100 + 2 - 50 */
    assert_near(w->r->reserves_total_close_m[1], 105.0, EPS); /* 100 + 5 */
    assert_true(w->r->rule_applies[BS_RULE_EARMARKED][0]);
    assert_true(w->r->rule_ok[BS_RULE_EARMARKED][0]);        /* 15 >= 10 */
    assert_false(w->r->rule_ok[BS_RULE_EARMARKED][1]);       /* 5 < 10 */
    assert_false(w->r->rule_ok[BS_RULE_EARMARKED][2]);       /* 7 < 10 */
}

static void test_years_of_reserves_and_pct_of_spending(void **state)
{
    world *w = *state;
    bs_scenario *sc = w->sc;
    sc->cover_unclosed_gaps = true;
    int cap = add_earmarked(sc, "capital", 20.0, 0.0);
    add_funding(sc, "grant", 25.0);       /* gap 100 - 75 = 25 a year */
    bs_measure *m = add_move(sc, "draw_capital", cap, 2023);
    m->reserve_m[1] = -5.0;
    budget_run(sc, w->r);

    /* 2022: general 100 - 25 = 75, total 75 + 20 = 95, drawn 25: 95 / 25 = 3.8 years */
    assert_near(w->r->reserves_total_close_m[0], 95.0, EPS);
    assert_near(w->r->years_of_reserves[0], 3.8, EPS);
    assert_near(w->r->reserves_pct_of_spending[0], 95.0, EPS);  /* 100 x 95 / 100 */
    assert_near(w->r->general_pct_of_spending[0], 75.0, EPS);   /* 100 x 75 / 100 */
    /* 2023: planned draw 5 leaves a gap of 20 met from general: 75 - 20 = 55;
     * earmarked 15; total 70; drawn 95 - 70 = 25: 70 / 25 = 2.8 years */
    assert_near(w->r->gap_after_m[1], 20.0, EPS);
    assert_near(w->r->reserve_close_m[0][1], 55.0, EPS);
    assert_near(w->r->years_of_reserves[1], 2.8, EPS);
    /* 2024: 55 - 25 = 30, total 45: 45 / 25 = 1.8 years */
    assert_near(w->r->years_of_reserves[2], 1.8, EPS);
    assert_near(w->r->reserves_pct_of_spending[2], 45.0, EPS);
}

static void test_years_of_reserves_not_drawing_and_exhausted(void **state)
{
    world *w = *state;
    /* Not covered, no movements: nothing drawn: -1 */
    budget_run(w->sc, w->r);
    for (int t = 0; t < 3; t++)
        assert_near(w->r->years_of_reserves[t], -1.0, EPS);
    /* Covered with a reserve of 30 against a gap of 50: closes at -20, nothing left: 0 years */
    w->sc2->cover_unclosed_gaps = true;
    w->sc2->reserves[0].opening_m = 30.0;
    budget_run(w->sc2, w->r2);
    assert_near(w->r2->reserve_close_m[0][0], -20.0, EPS);
    assert_near(w->r2->years_of_reserves[0], 0.0, EPS);
    assert_near(w->r2->reserves_pct_of_spending[0], -20.0, EPS);  /* 100 x -20 / 100 */
}

/* ------------------------------------------------------------------ */
/* Rules                                                               */
/* ------------------------------------------------------------------ */

static void test_rule_balanced_only_first_years(void **state)
{
    world *w = *state;
    bs_scenario *sc = w->sc;
    int f = add_funding(sc, "grant", 50.0);     /* 2022: 100 - 100 = 0, balanced */
    sc->funding[f].last_year = 2022;            /* then gaps of 50 */
    budget_run(sc, w->r);
    assert_near(w->r->gap_after_m[0], 0.0, EPS);
    assert_true(w->r->rule_ok[BS_RULE_BALANCED][0]);     /* 0 <= 0: balanced */
    assert_true(w->r->rule_applies[BS_RULE_BALANCED][0]);
    assert_false(w->r->rule_ok[BS_RULE_BALANCED][1]);    /* gap 50 */
    assert_false(w->r->rule_applies[BS_RULE_BALANCED][1]);/* balanced_years 1: not required */
    assert_int_equal(budget_broken_count(w->r), 0);

    sc->balanced_years = 2;
    budget_run(sc, w->r);
    assert_true(w->r->rule_applies[BS_RULE_BALANCED][1]);
    assert_false(w->r->rule_applies[BS_RULE_BALANCED][2]);
    assert_int_equal(budget_broken_count(w->r), 1);      /* 2023/24 only */

    sc->balanced_years = 3;
    budget_run(sc, w->r);
    assert_int_equal(budget_broken_count(w->r), 2);      /* 2023/24 and 2024/25 */
}

static void test_rule_referendum(void **state)
{
    world *w = *state;
    bs_scenario *sc = w->sc;
    sc->nyears = 5;
    double core[5] = {1.99, 2.0, 2.5, 1.0, 1.0};
    double climit[5] = {2.0, 2.0, 3.0, 2.0, 2.0};
    double asc[5] = {1.0, 0.0, 0.0, 1.01, 2.0};
    double alimit[5] = {1.0, 1.0, 1.0, 1.0, 2.0};
    for (int t = 0; t < 5; t++) {
        sc->core_rise_pct[t] = core[t];
        sc->core_limit_pct[t] = climit[t];
        sc->asc_precept_pct[t] = asc[t];
        sc->asc_limit_pct[t] = alimit[t];
    }
    add_funding(sc, "grant", 60.0); /* a surplus every year: only the referendum rule can break */
    budget_run(sc, w->r);

    assert_true(w->r->rule_ok[BS_RULE_REFERENDUM_CORE][0]);  /* core 1.99 < 2 */
    assert_true(w->r->rule_ok[BS_RULE_REFERENDUM_ASC][0]);   /* ASC 1.0 <= 1.0 */
    assert_false(w->r->rule_ok[BS_RULE_REFERENDUM_CORE][1]); /* core 2.0 is not below 2 */
    assert_true(w->r->rule_ok[BS_RULE_REFERENDUM_CORE][2]);  /* core 2.5 < a limit of 3 that year */
    assert_false(w->r->rule_ok[BS_RULE_REFERENDUM_ASC][3]);  /* ASC 1.01 > 1 */
    assert_true(w->r->rule_ok[BS_RULE_REFERENDUM_CORE][3]);  /* core 1.0 < 2 */
    assert_true(w->r->rule_ok[BS_RULE_REFERENDUM_ASC][4]);   /* ASC 2.0 <= a limit of 2 */
    for (int t = 0; t < 5; t++)
        assert_true(w->r->rule_applies[BS_RULE_REFERENDUM_CORE][t] && w->r->rule_applies[BS_RULE_REFERENDUM_ASC][t]);
    assert_int_equal(budget_broken_count(w->r), 2);      /* years 2 and 4 */
}

static void test_rule_general_minimum(void **state)
{
    world *w = *state;
    bs_scenario *sc = w->sc;
    sc->reserves[0].minimum_m = 90.0;
    bs_measure *m = add_move(sc, "draws", 0, 2022);
    m->reserve_m[0] = -10.0;   /* 100 -> 90: exactly at the minimum */
    m->reserve_m[1] = -0.5;    /* 90 -> 89.5: below */
    m->reserve_m[2] = 1.0;     /* 89.5 -> 90.5: back above */
    budget_run(sc, w->r);

    assert_near(w->r->reserve_close_m[0][0], 90.0, EPS);
    assert_true(w->r->rule_ok[BS_RULE_MINIMUM][0]);      /* 90 >= 90 */
    assert_false(w->r->rule_ok[BS_RULE_MINIMUM][1]);     /* 89.5 < 90 */
    assert_true(w->r->rule_ok[BS_RULE_MINIMUM][2]);      /* 90.5 >= 90 */
    assert_false(w->r->rule_applies[BS_RULE_EARMARKED][0]); /* no earmarked reserves */
}

static void test_budget_broken_count(void **state)
{
    world *w = *state;
    bs_scenario *sc = w->sc;
    sc->balanced_years = 2;                 /* gaps of about 50 every year, not covered */
    double core[3] = {1.99, 2.0, 1.0}, asc[3] = {1.0, 1.0, 1.5};
    for (int t = 0; t < 3; t++) {
        sc->core_rise_pct[t] = core[t];
        sc->asc_precept_pct[t] = asc[t];
    }
    sc->reserves[0].minimum_m = 100.0;
    bs_measure *g = add_move(sc, "general_draw", 0, 2024);
    g->reserve_m[2] = -10.0;                /* general 100 -> 90 in 2024/25 */
    int cap = add_earmarked(sc, "capital", 10.0, 5.0);
    bs_measure *e = add_move(sc, "capital_draw", cap, 2023);
    e->reserve_m[1] = -6.0;                 /* capital 10 -> 4 in 2023/24, and stays */
    budget_run(sc, w->r);

    /* balanced: broken 2022, 2023 (2024 not required)         = 2
     * referendum: 2023 core 2.0; 2024 ASC 1.5                 = 2
     * general minimum: 2024 (90 < 100)                        = 1
     * earmarked minimum: 2023, 2024 (4 < 5)                   = 2
     * total 7 */
    assert_true(w->r->gap_after_m[2] > 0.0);
    assert_false(w->r->rule_ok[BS_RULE_BALANCED][2]);
    assert_false(w->r->rule_applies[BS_RULE_BALANCED][2]);
    assert_true(w->r->rule_ok[BS_RULE_MINIMUM][1]);     /* 100 >= 100 */
    assert_int_equal(budget_broken_count(w->r), 7);
}

/* ------------------------------------------------------------------ */
/* The result as a table                                               */
/* ------------------------------------------------------------------ */

static void test_table_rows(void **state)
{
    world *w = *state;
    bs_scenario *sc = w->sc;
    bs_measure *m = add_move(sc, "draw", 0, 2022);
    m->reserve_m[1] = -8.0;
    budget_run(sc, w->r);
    bs_table t;
    memset(&t, 0, sizeof t);
    assert_int_equal(table_from_result(sc, w->r, &t), 0);
    const bs_row *gap = table_find(&t, "totals.gap_after_m");
    const bs_row *draw = table_find(&t, "measures.draw.draw_m");
    const bs_row *close = table_find(&t, "reserves.general.closing_m");
    const bs_row *band_h = table_find(&t, "bills.H.council_pounds");
    int ok = gap && draw && close && band_h && table_find(&t, "no.such.row") == NULL;
    double v[4] = {0};
    if (ok) {
        v[0] = gap->v[1];
        v[1] = draw->v[1];
        v[2] = close->v[1];
        v[3] = band_h->v[0];
    }
    table_free(&t);
    assert_true(ok);
    assert_near(v[0], 42.0, EPS);    /* 50 - 8 */
    assert_near(v[1], 8.0, EPS);     /* a draw is shown positive */
    assert_near(v[2], 92.0, EPS);    /* 100 - 8 */
    assert_near(v[3], 2000.0, EPS);  /* 1000 x 18/9 */
}

/* ------------------------------------------------------------------ */
/* Formatting                                                          */
/* ------------------------------------------------------------------ */

static void test_fmt_m(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(bs_fmt_m(0.0, buf, sizeof buf), "0.0");
    assert_string_equal(bs_fmt_m(12.34, buf, sizeof buf), "12.3");           /* 12.34 -> 12.3 */
    assert_string_equal(bs_fmt_m(12.36, buf, sizeof buf), "12.4");           /* 12.36 -> 12.4 */
    assert_string_equal(bs_fmt_m(999.0, buf, sizeof buf), "999.0");          /* no separator below 1,000 */
    assert_string_equal(bs_fmt_m(1000.0, buf, sizeof buf), "1,000.0");
    assert_string_equal(bs_fmt_m(999.96, buf, sizeof buf), "1,000.0");       /* rounds up across 1,000 */
    assert_string_equal(bs_fmt_m(1234567.25, buf, sizeof buf), "1,234,567.3"); /* 7 digits: two separators */
    assert_string_equal(bs_fmt_m(123456.7, buf, sizeof buf), "123,456.7");
    assert_string_equal(bs_fmt_m(-1234.56, buf, sizeof buf), "-1,234.6");
    assert_string_equal(bs_fmt_m(-0.04, buf, sizeof buf), "0.0");            /* never "-0.0" */
    assert_string_equal(bs_fmt_m(-0.0, buf, sizeof buf), "0.0");
    assert_string_equal(bs_fmt_m(-0.06, buf, sizeof buf), "-0.1");
    assert_string_equal(bs_fmt_signed_m(2.5, buf, sizeof buf), "+2.5");
    assert_string_equal(bs_fmt_signed_m(-2.5, buf, sizeof buf), "-2.5");
    assert_string_equal(bs_fmt_signed_m(0.04, buf, sizeof buf), "0.0");      /* rounds to 0: no sign */
    assert_string_equal(bs_fmt_signed_m(-0.04, buf, sizeof buf), "0.0");
    assert_string_equal(bs_fmt_signed_m(1500.0, buf, sizeof buf), "+1,500.0");
    /* Returns buf, and never writes past size (a copy truncated to size - 1) */
    char small[5];
    memset(small, 'x', sizeof small);
    assert_ptr_equal(bs_fmt_m(1234.5, small, sizeof small), small);
    assert_string_equal(small, "1,23");                                       /* "1,234.5" cut to 4 */
}

static void test_fmt_pounds_and_grouped(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(bs_fmt_pounds(1855.385448, buf, sizeof buf), "1,855.39");   /* .385 -> .39 */
    assert_string_equal(bs_fmt_pounds(1234567.891, buf, sizeof buf), "1,234,567.89");
    assert_string_equal(bs_fmt_pounds(40.0, buf, sizeof buf), "40.00");
    assert_string_equal(bs_fmt_pounds(-0.004, buf, sizeof buf), "0.00");            /* never "-0.00" */
    assert_string_equal(bs_fmt_pounds(-2194.975448, buf, sizeof buf), "-2,194.98");
    assert_string_equal(bs_fmt_pounds(999.999, buf, sizeof buf), "1,000.00");
    assert_string_equal(bs_fmt_grouped(1234567.4, 0, 0, buf, sizeof buf), "1,234,567"); /* no point */
    assert_string_equal(bs_fmt_grouped(-999.6, 0, 0, buf, sizeof buf), "-1,000");
    assert_string_equal(bs_fmt_grouped(42.0, 0, 1, buf, sizeof buf), "+42");
}

static void test_year_label(void **state)
{
    (void)state;
    char buf[16];
    assert_string_equal(bs_year_label(2022, buf, sizeof buf), "2022/23");
    assert_string_equal(bs_year_label(1999, buf, sizeof buf), "1999/00");
    assert_string_equal(bs_year_label(2009, buf, sizeof buf), "2009/10");   /* leading zero kept */
    assert_string_equal(bs_year_label(2099, buf, sizeof buf), "2099/00");
}

/* ------------------------------------------------------------------ */
/* The reader: defaults and overrides                                  */
/* ------------------------------------------------------------------ */

#define DEFAULTS_CFG "tests/fixtures/defaults.cfg"

static void test_reader_defaults(void **state)
{
    world *w = *state;
    bs_scenario *sc = w->sc;
    load(DEFAULTS_CFG, NULL, 0, sc);

    assert_string_equal(sc->label, "defaults");            /* the file name without .cfg */
    assert_int_equal(sc->first_year, 2030);
    assert_int_equal(sc->nyears, 4);
    /* core_rise_pct = [1.0, 2.0]: a list from the first year, the last entry holds */
    assert_near(sc->core_rise_pct[0], 1.0, EPS);
    assert_near(sc->core_rise_pct[1], 2.0, EPS);
    assert_near(sc->core_rise_pct[3], 2.0, EPS);
    assert_near(sc->asc_precept_pct[2], 0.0, EPS);         /* default 0 */
    assert_near(sc->collection_rate_pct, 100.0, EPS);      /* default 100 */
    assert_near(sc->tax_base_growth_pct[3], 0.0, EPS);     /* default 0 */
    assert_near(sc->other_precepts_pounds, 0.0, EPS);
    assert_near(sc->core_limit_pct[3], 2.0, EPS);          /* default 2 */
    assert_near(sc->asc_limit_pct[3], 1.0, EPS);           /* default 1 */
    assert_int_equal(sc->balanced_years, 1);
    assert_false(sc->cover_unclosed_gaps);
    assert_int_equal(sc->nreserves, 1);
    assert_string_equal(sc->reserves[0].id, "general");
    assert_near(sc->reserves[0].minimum_m, 0.0, EPS);
    /* growth_pct = [10, 5]: a list from the second year; index 0 unused */
    assert_int_equal(sc->nservices, 2);
    int care = find_service(sc, "care"), parks = find_service(sc, "parks");
    assert_near(sc->services[care].growth_pct[1], 10.0, EPS);
    assert_near(sc->services[care].growth_pct[2], 5.0, EPS);
    assert_near(sc->services[care].growth_pct[3], 5.0, EPS);
    assert_near(sc->services[parks].growth_pct[2], 0.0, EPS);
    /* funding growth_pct = 2.0: every year after the first */
    assert_near(sc->funding[0].growth_pct[1], 2.0, EPS);
    assert_near(sc->funding[0].growth_pct[3], 2.0, EPS);
    assert_int_equal(sc->funding[0].last_year, 0);         /* every year */

    int cut = find_measure(sc, "cut"), fee = find_measure(sc, "fee"), top = find_measure(sc, "top_up");
    assert_int_equal(sc->measures[cut].type, BS_SAVING);
    assert_true(sc->measures[cut].enabled);
    assert_true(sc->measures[cut].recurring);
    assert_int_equal(sc->measures[cut].nphasing, 1);
    assert_near(sc->measures[cut].phasing_pct[0], 100.0, EPS);
    assert_near(sc->measures[cut].at_risk_pct, 0.0, EPS);
    assert_int_equal(sc->measures[cut].line_index, care);
    assert_int_equal(sc->measures[cut].start_year, 2031);
    assert_int_equal(sc->measures[fee].type, BS_CHARGE);
    assert_int_equal(sc->measures[fee].line_index, -1);
    assert_near(sc->measures[fee].reference_price_pounds, 25.0, EPS); /* the 2031 price */
    assert_near(sc->measures[fee].price_pounds[0], 0.0, EPS);
    assert_near(sc->measures[fee].price_pounds[3], 30.0, EPS);        /* last entry holds */
    assert_near(sc->measures[fee].running_cost_m[2], 0.0, EPS);
    assert_int_equal(sc->measures[top].type, BS_RESERVE_MOVE);
    assert_int_equal(sc->measures[top].reserve_index, 0);              /* "general" */
    assert_near(sc->measures[top].reserve_m[3], 1.5, EPS);
}

static void test_reader_defaults_budget(void **state)
{
    world *w = *state;
    bs_scenario *sc = w->sc;
    load(DEFAULTS_CFG, NULL, 0, sc);
    budget_run(sc, w->r);
    bs_result *r = w->r;

    /* Band D: 1500 x 1.01 = 1515; x 1.02 = 1545.3; x 1.02 = 1576.206; x 1.02 = 1607.73012 */
    assert_near(r->band_d_pounds[3], 1607.73012, 1e-8);
    /* Council tax at 100%: 1515 x 20000 / 1e6 = 30.3; 2033: 1607.73012 x 0.02 = 32.1546024 */
    assert_near(r->council_tax_m[0], 30.3, EPS);
    assert_near(r->council_tax_m[3], 32.1546024, EPS);
    /* Grant 50, 51, 52.02, 53.0604; funding 2033: 32.1546024 + 53.0604 = 85.2150024 */
    assert_near(r->funding_total_m[3], 85.2150024, EPS);
    /* Services: care 100, 110, 115.5, 121.275; parks 20: 120, 130, 135.5, 141.275 */
    assert_near(r->spending_gross_m[3], 141.275, EPS);
    /* Care cut from 2031: 4, then x 1.05 = 4.2, x 1.05 = 4.41 */
    int cut = find_measure(sc, "cut"), fee = find_measure(sc, "fee");
    assert_near(r->measure_m[cut][0], 0.0, EPS);
    assert_near(r->measure_m[cut][1], 4.0, EPS);
    assert_near(r->measure_m[cut][3], 4.41, EPS);
    /* Permit: 2030 price 0 (and before start): nothing. 2031: 25 x 8000 x 50% = 0.1.
     * 2032: take-up 50 x (30/25)^-1 = 41.667%, payers 3333.33, x 30 = 0.1 again */
    assert_near(r->measure_m[fee][0], 0.0, EPS);
    assert_near(r->measure_m[fee][1], 0.1, EPS);
    assert_near(r->charge_take_up_pct[fee][2], 125.0 / 3.0, 1e-9);     /* 41.6667 */
    assert_near(r->measure_m[fee][2], 0.1, EPS);
    /* Top-up from 2032: contributions 1.5 in 2032 and 2033 only */
    assert_near(r->contributions_m[1], 0.0, EPS);
    assert_near(r->contributions_m[3], 1.5, EPS);
    /* Gaps: 2030: 120 - (30.3 + 50) = 39.7, no measures yet */
    assert_near(r->gap_before_m[0], 39.7, EPS);
    assert_near(r->gap_after_m[0], 39.7, EPS);
    /* 2031: 130 - (30.906 + 51) = 48.094; after 48.094 - 4 - 0.1 = 43.994 */
    assert_near(r->gap_before_m[1], 48.094, EPS);
    assert_near(r->gap_after_m[1], 43.994, EPS);
    /* 2033: 141.275 + 1.5 - 85.2150024 = 57.5599976; after - 4.41 - 0.1 = 53.0499976 */
    assert_near(r->gap_before_m[3], 57.5599976, EPS);
    assert_near(r->gap_after_m[3], 53.0499976, EPS);
    /* General reserve: 10, 10, 11.5, 13 (gaps not covered by default) */
    assert_near(r->reserve_close_m[0][3], 13.0, EPS);
    /* Broken: 2030 unbalanced (1); core 2.0 from 2031 is not below the default 2 (3) */
    assert_false(r->rule_ok[BS_RULE_REFERENDUM_CORE][1]);
    assert_int_equal(budget_broken_count(r), 4);
}

static void test_reader_overrides(void **state)
{
    world *w = *state;
    const bs_override ov[] = {
        {"council_tax.core_rise_pct=1.5"},
        {"measures.cut.enabled=false"},
        {"council_tax.collection_rate_pct=97.5"},
    };
    load(DEFAULTS_CFG, ov, 3, w->sc);
    budget_run(w->sc, w->r);
    int cut = find_measure(w->sc, "cut");
    assert_false(w->sc->measures[cut].enabled);
    assert_near(w->r->measure_m[cut][1], 0.0, EPS);                 /* disabled */
    /* Band D 1500 x 1.015 = 1522.5; x 20000 x 97.5% / 1e6 = 29.68875 */
    assert_near(w->r->council_tax_m[0], 29.68875, EPS);
    /* core 1.5 < 2 every year: only the 2030 gap breaks a rule */
    assert_int_equal(budget_broken_count(w->r), 1);

    /* A start year outside the horizon 2030..2033 is bad input (status 2) */
    const bs_override bad[] = {{"measures.cut.start_year=2034"}};
    bs_error err = {0};
    assert_int_equal(scenario_load(DEFAULTS_CFG, bad, 1, w->sc2, &err), -1);
    assert_int_equal(err.status, BS_EXIT_INPUT);
    assert_string_equal(err.setting, "measures.cut.start_year");
}

/* ------------------------------------------------------------------ */
/* Liverpool 2022/23                                                   */
/* ------------------------------------------------------------------ */

#define ADOPTED_CFG "scenarios/liverpool-2022-adopted.cfg"
#define NO_CUTS_CFG "scenarios/liverpool-2022-no-cuts.cfg"

/* Hand working for the adopted budget (inputs from the scenario file,
 * published figures from docs/sources.md):
 *   Band D 2022/23 = 1801.52 x (1 + (1.99 + 1)/100) = 1801.52 + 53.865448 = 1855.385448
 *   council tax = 1855.385448 x 114,462 / 1e6 = 212.371129 (100% collection)
 *   funding = 212.371129 + 211.63 + 12.0 (one-off) = 436.001129
 *   services = 186 + 110 + 70 + 45 + 39.5 = 450.5; contribution +10 to general
 *   gap before = 450.5 + 10 - 436.001129 = 24.498871 (published: 24.5)
 *   savings = 1.9 + 0.1 + 0.2 + 0.2 + 0.28 + 10.12 + 10.0 (one-off) = 22.8
 *   green bin = 148,500 x 28.61953% = 42,500.002 payers x £40 = 1.700000082
 *   gap after = 24.498871 - 22.8 - 1.700000 = -0.001129 (a £1,129 surplus) */
static void test_liverpool_adopted_2022(void **state)
{
    world *w = *state;
    bs_scenario *sc = w->sc;
    load(ADOPTED_CFG, NULL, 0, sc);
    budget_run(sc, w->r);
    bs_result *r = w->r;

    assert_int_equal(sc->first_year, 2022);
    assert_int_equal(sc->nyears, 5);
    assert_near(r->band_d_pounds[0], 1855.385448, 1e-6);     /* 1801.52 x 1.0299 */
    assert_near(r->band_d_pounds[0], 1855.38, 0.01);         /* published Band D 2022/23 */
    assert_near(r->council_tax_m[0], 212.371129149, 1e-6);   /* 114462 x 1855.385448 / 1e6 */
    assert_near(r->council_tax_m[0], 212.37, 0.01);          /* 6.35m / 0.0299 */
    assert_near(r->funding_total_m[0], 436.001129149, 1e-6);
    assert_near(r->spending_gross_m[0], 450.5, 1e-9);        /* 426 net + 24.5 savings */
    assert_near(r->contributions_m[0], 10.0, 1e-9);
    assert_near(r->gap_before_m[0], 24.5, 0.01);             /* published final gap */
    assert_near(r->gap_before_m[0], 24.498870851, 1e-6);     /* 460.5 - 436.001129 */
    assert_near(r->savings_m[0], 22.8, 1e-9);
    int bin = find_measure(sc, "green_bin");
    assert_near(r->measure_m[bin][0], 1.7, 1e-6);            /* 148500 x 0.2861953 x 40 / 1e6 */
    assert_near(r->charge_payers[bin][0], 42500.0, 0.01);    /* 148500 x 28.61953% = 42,500.002 */
    /* Closed, with a tiny surplus: 24.498871 - 22.8 - 1.700000082 = -0.001129 */
    assert_true(r->gap_after_m[0] <= 1e-6);
    assert_near(r->gap_after_m[0], -0.001129231, 1e-6);
    assert_true(r->rule_ok[BS_RULE_BALANCED][0]);
    /* General reserve 20.7 + 10 top-up + 0.001129 surplus = 30.701129 (published 30.7) */
    assert_near(r->reserve_open_m[0][0], 20.7, 1e-9);
    assert_near(r->reserve_close_m[0][0], 30.7, 0.01);
    assert_near(r->reserve_close_m[0][0], 30.701129231, 1e-6);
    /* Bills: Band A = 1855.385448 x 6/9 = 1236.923632; Band D with the other
     * precepts = 1855.385448 + 339.59 = 2194.975448 (published 2,194.97) */
    assert_near(r->bill_pounds[0][0], 1236.923632, 1e-6);
    assert_near(r->bill_total_pounds[0][3], 2194.97, 0.01);
    /* Rules: 1.99 < 2 and 1.0 <= 1 each year, reserves above their minimums,
     * and only 2022/23 must balance */
    assert_int_equal(budget_broken_count(r), 0);
}

/* The medium term. Growth into 2023/24: adult social care 9.6%, children 9.1%,
 * the other three lines (70 + 45 + 39.5 = 154.5) 7.6%; tax base +0.5%;
 * council tax +2.99%; rates and grants flat; the £12m one-off grant, the £10m
 * one-off saving and the £10m top-up stop.
 *   services 2023/24 = 186 x 1.096 + 110 x 1.091 + 154.5 x 1.076
 *                    = 203.856 + 120.01 + 166.242 = 490.108
 *   council tax = 1855.385448 x 1.0299 = 1910.861473 x 114,462 x 1.005 (= 115,034.31) / 1e6 = 219.814631
 *   gap before = 490.108 - (219.814631 + 211.63) = 58.663369
 *   savings = 1.9 x 1.096 + 0.1 x 1.091 + (0.2 + 0.28) x 1.076 + 0.2 x 1.076 + 10.12 (no line)
 *           = 2.0824 + 0.1091 + 0.51648 + 0.2152 + 10.12 = 13.04318
 *   green bin still £40: 1.700000082
 *   gap after = 58.663369 - 13.04318 - 1.700000 = 43.920189 (published 44)
 * Worked the same way: 2024/25 = 59.788217 (published 60; green bin at £50:
 * take-up 28.61953 x 1.25^-0.3 = 26.766371%, 39,748.06 payers x 50 = 1.987403),
 * 2025/26 = 86.589819 (published 87). */
static void test_liverpool_adopted_medium_term(void **state)
{
    world *w = *state;
    load(ADOPTED_CFG, NULL, 0, w->sc);
    budget_run(w->sc, w->r);
    bs_result *r = w->r;

    assert_near(r->spending_gross_m[1], 490.108, 1e-9);
    assert_near(r->council_tax_m[1], 219.814631040, 1e-6);
    assert_near(r->gap_before_m[1], 58.663368960, 1e-6);
    assert_near(r->savings_m[1], 13.04318, 1e-9);
    assert_near(r->gap_after_m[1], 44.0, 0.5);              /* published 2023/24 */
    assert_near(r->gap_after_m[1], 43.920188878, 1e-6);
    int bin = find_measure(w->sc, "green_bin");
    assert_near(r->charge_take_up_pct[bin][2], 26.766371010, 1e-8);  /* 28.61953 x (50/40)^-0.3 */
    assert_near(r->measure_m[bin][2], 1.987403047, 1e-8);            /* 148500 x 26.766371% x 50 / 1e6 */
    assert_near(r->gap_after_m[2], 60.0, 0.5);              /* published 2024/25 */
    assert_near(r->gap_after_m[2], 59.788216842, 1e-6);
    assert_near(r->gap_after_m[3], 87.0, 0.5);              /* published 2025/26 */
    assert_near(r->gap_after_m[3], 86.589818973, 1e-6);
    /* Gaps are not covered: the general reserve holds at 30.701129 */
    assert_near(r->reserve_close_m[0][4], 30.701129231, 1e-6);
    /* Earmarked reserves untouched: 124.3 */
    assert_near(r->reserve_close_m[1][4], 124.3, 1e-9);
}

/* The no-cuts alternative drops the care cut (1.9), the school transport cut
 * (0.1), the green bin charge (1.7) and the libraries saving (0.28), and the
 * £10m top-up. Funding is unchanged, so gap after (no-cuts) - gap after
 * (adopted) = - dropped contribution + dropped savings and charges:
 *   2022/23: -10 + 1.9 + 0.1 + 0.28 + 1.700000082 = -6.019999918
 *   2023/24: 1.9 x 1.096 + 0.1 x 1.091 + 0.28 x 1.076 + 1.700000082
 *          = 2.0824 + 0.1091 + 0.30128 + 1.700000082 = 4.192780082
 *   2024/25: 1.9 x 1.096 x 1.057 + 0.1 x 1.091 x 1.052 + 0.28 x 1.076 x 1.037 + 1.987403047
 *          = 2.2010968 + 0.1147732 + 0.31242736 + 1.987403047 = 4.615700407
 *   2025/26: 2.3683801568 (x 1.076) + 0.1229220972 (x 1.071) + 0.3299232922 (x 1.056)
 *            + 1.987403047 = 4.808628594 */
static void test_liverpool_no_cuts_vs_adopted(void **state)
{
    world *w = *state;
    load(ADOPTED_CFG, NULL, 0, w->sc);
    load(NO_CUTS_CFG, NULL, 0, w->sc2);
    budget_run(w->sc, w->r);
    budget_run(w->sc2, w->r2);
    const bs_result *a = w->r, *n = w->r2;

    assert_string_equal(w->sc2->label, "no-cuts");
    assert_false(w->sc2->measures[find_measure(w->sc2, "high_cost_care")].enabled);
    assert_true(w->sc2->measures[find_measure(w->sc2, "pest_control")].enabled); /* kept from the base */
    assert_near(n->contributions_m[0], 0.0, 1e-9);
    assert_near(n->funding_total_m[0], a->funding_total_m[0], 1e-9);

    assert_near(n->gap_after_m[0] - a->gap_after_m[0], -6.02, 1e-6);
    assert_near(n->gap_after_m[1] - a->gap_after_m[1], 4.192780082, 1e-8);
    assert_near(n->gap_after_m[2] - a->gap_after_m[2], 4.615700407, 1e-8);
    assert_near(n->gap_after_m[3] - a->gap_after_m[3], 4.808628594, 1e-8);
    /* 2022/23 no-cuts: -0.001129 - 6.019999918 = -6.021129 surplus, which goes
     * to the general reserve: 20.7 + 6.021129 = 26.721129 */
    assert_near(n->gap_after_m[0], -6.021129149, 1e-6);
    assert_near(n->reserve_close_m[0][0], 26.721129149, 1e-6);
    assert_int_equal(budget_broken_count(n), 0);   /* 26.72 is above the 20.0 minimum */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
        T(test_service_growth_compounds),
        T(test_band_d_rises_by_core_plus_asc),
        T(test_council_tax_base_growth_and_collection),
        T(test_band_bills_and_other_precepts),
        T(test_funding_streams_growth_and_last_year),
        T(test_gap_before_and_after_measures),
        T(test_saving_recurring_vs_one_off),
        T(test_saving_late_start_and_phasing),
        T(test_saving_at_risk),
        T(test_saving_on_line_grows_with_line),
        T(test_saving_without_line_does_not_grow),
        T(test_disabled_measures_do_nothing),
        T(test_charge_price_households_take_up_running_cost),
        T(test_charge_elasticity_and_cap),
        T(test_charge_price_zero_not_levied),
        T(test_charge_households_growth),
        T(test_reserve_contributions_draws_and_chaining),
        T(test_surplus_goes_to_general_reserve),
        T(test_cover_unclosed_gaps_true_vs_false),
        T(test_earmarked_reserves),
        T(test_years_of_reserves_and_pct_of_spending),
        T(test_years_of_reserves_not_drawing_and_exhausted),
        T(test_rule_balanced_only_first_years),
        T(test_rule_referendum),
        T(test_rule_general_minimum),
        T(test_budget_broken_count),
        T(test_table_rows),
        T(test_fmt_m),
        T(test_fmt_pounds_and_grouped),
        T(test_year_label),
        T(test_reader_defaults),
        T(test_reader_defaults_budget),
        T(test_reader_overrides),
        T(test_liverpool_adopted_2022),
        T(test_liverpool_adopted_medium_term),
        T(test_liverpool_no_cuts_vs_adopted),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
