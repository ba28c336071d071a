/* test_sensitivity.c - cmocka unit tests of the sensitivity run (sensitivity.c).
 *
 * Every expected value is worked out by hand in the comment next to it, from
 * the rules in budget.h and the figures in tests/fixtures/solve.cfg or
 * scenarios/liverpool-2022-adopted.cfg; none is copied from the program's
 * output. Run from the repository root (make test-unit does).
 *
 * The fixture, in £m, is linear in most of its settings: council tax 9.8
 * (Band D £1,000 x tax base 10,000 x 98% collected), spending 30.0 with no
 * growth, a grant of 15.0, a saving "cut" of 1.0 and a charge "permit" paid
 * by 50% of 10,000 homes at £20, £30, £40 (0.1, 0.15, 0.2). The gap after
 * measures is 30 - 9.8 - 15 - 1 - 0.15 = 4.05 in 2025/26, the second year,
 * which is the default quantity. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analyse/sensitivity.h"
#include "core/bind.h"
#include "core/budget.h"
#include "core/table.h"

/* Doubles compared to a tolerance; written as !(diff <= tol) so that a NaN
 * fails too. */
#define assert_near(actual, expected, tol)                                                      \
    do {                                                                                         \
        double near_a_ = (actual), near_e_ = (expected), near_t_ = (tol);                        \
        if (!(fabs(near_a_ - near_e_) <= near_t_))                                               \
            fail_msg("%s = %.15g, expected %.15g (+/- %g)", #actual, near_a_, near_e_, near_t_); \
    } while (0)

#define MONEY 1e-9 /* £m: sums of a few numbers, exact to rounding */

#define FIXTURE "tests/fixtures/solve.cfg"
#define LIVERPOOL "scenarios/liverpool-2022-adopted.cfg"

/* Load FILE with the overrides (NULL-terminated) into heap memory. */
static bs_scenario *load(const char *file, const char *const *sets)
{
    bs_override ov[16];
    int n = 0;
    for (; sets && sets[n]; n++)
        ov[n].text = sets[n];
    bs_scenario *sc = malloc(sizeof *sc);
    bs_error err = {0};
    if (!sc || scenario_load(file, ov, n, sc, &err) != 0)
        fail_msg("cannot load %s: %s", file, err.message);
    return sc;
}

/* Run on FILE with the overrides, the metric ("" for the default), the
 * swing (0 for the default) and the --only list ("" for every setting).
 * Returns sensitivity_run's status; *res is the caller's to free. */
static int run(const char *file, const char *const *sets, const char *metric, const char *swing, const char *only,
               bs_sens_result *res, bs_error *err)
{
    bs_sens_spec *spec = calloc(1, sizeof *spec);
    bs_error perr = {0};
    assert_non_null(spec);
    if ((metric[0] && sensitivity_parse_metric(metric, spec, &perr) != 0) ||
        (swing[0] && sensitivity_parse_swing(swing, spec, &perr) != 0) ||
        (only[0] && sensitivity_parse_only(only, spec, &perr) != 0))
        fail_msg("cannot parse the arguments: %s", perr.message);
    bs_scenario *sc = load(file, sets);
    int rc = sensitivity_run(sc, spec, res, err);
    free(sc);
    free(spec);
    return rc;
}

static const bs_sens_row *find(const bs_sens_result *res, const char *path)
{
    for (int i = 0; i < res->n; i++)
        if (strcmp(res->rows[i].path, path) == 0)
            return &res->rows[i];
    fail_msg("no row for %s", path);
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Arguments                                                           */
/* ------------------------------------------------------------------ */

static void test_parse_swing(void **state)
{
    (void)state;
    const struct {
        const char *arg;
        double pct;
    } good[] = {{"10%", 10.0}, {"10", 10.0}, {"2.5%", 2.5}, {"99.9", 99.9}, {"1e-3%", 0.001}};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        bs_sens_spec *s = calloc(1, sizeof *s);
        bs_error err = {0};
        assert_int_equal(sensitivity_parse_swing(good[i].arg, s, &err), 0);
        assert_near(s->swing_pct, good[i].pct, 0);
        free(s);
    }
    /* Not a percentage strictly between 0 and 100: one message, the argument named. */
    const char *bad[] = {"0", "0%", "100", "100%", "150%", "-5%", "ten", "10%%", "10 %", " 10", "", "%", "nan", "inf"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        bs_sens_spec *s = calloc(1, sizeof *s);
        bs_error err = {0};
        char who[64];
        assert_int_equal(sensitivity_parse_swing(bad[i], s, &err), -1);
        assert_int_equal(err.status, BS_EXIT_INPUT);
        assert_string_equal(err.file, "");
        snprintf(who, sizeof who, "--swing %s", bad[i]);
        assert_string_equal(err.setting, who);
        assert_string_equal(err.message, "the swing must be a percentage above 0 and below 100, such as 10%");
        free(s);
    }
    /* Twice: refused, as solve refuses a second --vary. */
    bs_sens_spec *s = calloc(1, sizeof *s);
    bs_error err = {0};
    assert_int_equal(sensitivity_parse_swing("5%", s, &err), 0);
    assert_int_equal(sensitivity_parse_swing("6%", s, &err), -1);
    assert_string_equal(err.message, "--swing is given twice: sensitivity takes one swing");
    free(s);
}

static void test_parse_metric_and_only(void **state)
{
    (void)state;
    bs_sens_spec *s = calloc(1, sizeof *s);
    bs_error err = {0};
    /* The KEY@YEAR reader is solve's: 2023/24 is the year 2023. */
    assert_int_equal(sensitivity_parse_metric("reserves.general.closing_m@2023/24", s, &err), 0);
    assert_string_equal(s->metric, "reserves.general.closing_m");
    assert_int_equal(s->year, 2023);
    assert_string_equal(s->metric_arg, "--metric reserves.general.closing_m@2023/24");
    memset(s, 0, sizeof *s);
    assert_int_equal(sensitivity_parse_metric("totals.gap_after_m", s, &err), 0);
    assert_int_equal(s->year, 0);                      /* resolved later: the second year */
    memset(s, 0, sizeof *s);
    assert_int_equal(sensitivity_parse_metric("totals.gap_after_m@23", s, &err), -1);
    assert_string_equal(err.setting, "--metric totals.gap_after_m@23");
    assert_string_equal(err.message, "the year must be written 2023 (for 2023/24) or 2023/24, not '23'");

    /* --only: commas, repeats dropped, more lists appended. */
    memset(s, 0, sizeof *s);
    assert_int_equal(sensitivity_parse_only("council_tax.tax_base,measures.cut.amount_m,council_tax.tax_base", s,
                                            &err), 0);
    assert_int_equal(s->nonly, 2);
    assert_string_equal(s->only[0], "council_tax.tax_base");
    assert_string_equal(s->only[1], "measures.cut.amount_m");
    assert_int_equal(sensitivity_parse_only("services.main.net_m", s, &err), 0);
    assert_int_equal(s->nonly, 3);
    const char *bad[] = {"a,,b", ",a", "a,", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(sensitivity_parse_only(bad[i], s, &err), -1);
        assert_string_equal(err.message, "expected setting paths separated by commas, with none empty");
    }
    free(s);
}

/* ------------------------------------------------------------------ */
/* The fixture, every setting                                          */
/* ------------------------------------------------------------------ */

/* The default: a 10% swing of every numeric setting, the gap after measures
 * in 2025/26 (4.05). Each effect, worked out from the fixture:
 *   services.main.net_m 30        spending 27 or 33:   gap 1.05 or 7.05, effect 3.0
 *   funding.grant.amount_m 15     funding 13.5 or 16.5: gap 5.55 or 2.55, effect 1.5
 *   Band D 1000, tax base 10000   council tax 8.82 or 10.78: gap 5.03 or 3.07, effect 0.98
 *   collection rate 98%           88.2% (tax 8.82, gap 5.03) or 107.8%, clamped to
 *                                 100% (tax 10.0, gap 3.85): effect 0.98
 *   measures.cut.amount_m 1.0     0.9 or 1.1: gap 4.15 or 3.95, effect 0.1
 *   permit price 30 (2025/26), homes 10,000, take-up 50%: each scales the
 *                                 permit's 0.15 by 0.9 or 1.1, gap 4.065 or 4.035, effect 0.015
 *   the referendum limits, the general reserve's opening and minimum, the
 *   permit's reference price (no elasticity): no effect on the gap.
 * The three at 0.98 and the three at 0.015 keep the order of the settings
 * table. Skipped, every value 0: core rise, ASC precept, tax base growth,
 * other precepts and their growth, the referendum's £ limit and unused
 * social care allowance, service growth, grant growth, the cut's share at
 * risk, the permit's household growth, elasticity, running cost: 13. */
static void test_fixture_every_setting(void **state)
{
    (void)state;
    bs_sens_result res;
    bs_error err = {0};
    assert_int_equal(run(FIXTURE, NULL, "", "", "", &res, &err), 0);
    assert_string_equal(res.metric, "totals.gap_after_m");
    assert_int_equal(res.year, 2025);
    assert_near(res.swing_pct, 10.0, 0);
    assert_near(res.base_metric, 4.05, MONEY);
    assert_int_equal(res.kind, BS_ROW_M);
    assert_string_equal(res.label, "Gap after measures (negative: a surplus)");
    assert_string_equal(res.name, "Solve fixture");
    assert_int_equal(res.nskipped, 13);
    assert_int_equal(res.nleft_out, 0);                /* no council */
    assert_int_equal(res.n, 14);
    /* 1 base run and 2 per setting swung */
    assert_int_equal(res.evaluations, 1 + 2 * 14);

    const char *order[] = {"services.main.net_m",
                           "funding.grant.amount_m",
                           "council_tax.band_d_previous_pounds",
                           "council_tax.tax_base",
                           "council_tax.collection_rate_pct",
                           "measures.cut.amount_m",
                           "measures.permit.price_pounds",
                           "measures.permit.households",
                           "measures.permit.take_up_pct"};
    const double low[] = {1.05, 5.55, 5.03, 5.03, 5.03, 4.15, 4.065, 4.065, 4.065};
    const double high[] = {7.05, 2.55, 3.07, 3.07, 3.85, 3.95, 4.035, 4.035, 4.035};
    const double effect[] = {3.0, 1.5, 0.98, 0.98, 0.98, 0.1, 0.015, 0.015, 0.015};
    for (int i = 0; i < 9; i++) {
        const bs_sens_row *r = &res.rows[i];
        assert_string_equal(r->path, order[i]);
        assert_near(r->metric_low, low[i], MONEY);
        assert_near(r->metric_high, high[i], MONEY);
        assert_near(r->effect, effect[i], MONEY);
        assert_false(r->na_low || r->na_high);
    }
    for (int i = 9; i < res.n; i++)
        assert_near(res.rows[i].effect, 0.0, MONEY);
    /* Clamping: 98 x 1.1 = 107.8 is above the 100% allowed; 98 x 0.9 = 88.2 is not. */
    const bs_sens_row *c = find(&res, "council_tax.collection_rate_pct");
    assert_true(c->clamped_high);
    assert_false(c->clamped_low);
    assert_near(c->value_high, 100.0, 0);
    assert_near(c->value_low, 88.2, 1e-12);
    /* A per-year price [20, 30, 40]: its first value, and the range. */
    const bs_sens_row *p = find(&res, "measures.permit.price_pounds");
    assert_true(p->per_year);
    assert_near(p->base_value, 20.0, 0);
    assert_near(p->min_value, 20.0, 0);
    assert_near(p->max_value, 40.0, 0);
    assert_near(p->value_low, 18.0, 1e-12);
    assert_near(p->value_high, 22.0, 1e-12);
    assert_false(find(&res, "measures.cut.amount_m")->per_year);
    assert_string_equal(res.skipped[0], "council_tax.core_rise_pct");
    sensitivity_clear(&res);
}

/* ------------------------------------------------------------------ */
/* One setting at a time                                               */
/* ------------------------------------------------------------------ */

/* A 10% swing of a £2m saving moves the gap by exactly £0.2m: with the cut
 * at 2.0 the 2025/26 gap is 5.2 - 2 - 0.15 = 3.05; at 1.8, 3.25; at 2.2, 2.85. */
static void test_saving_of_two_million(void **state)
{
    (void)state;
    const char *sets[] = {"measures.cut.amount_m=2.0", NULL};
    bs_sens_result res;
    bs_error err = {0};
    assert_int_equal(run(FIXTURE, sets, "", "", "measures.cut.amount_m", &res, &err), 0);
    assert_int_equal(res.n, 1);
    assert_near(res.base_metric, 3.05, MONEY);
    assert_near(res.rows[0].base_value, 2.0, 0);
    assert_near(res.rows[0].metric_low, 3.25, MONEY);
    assert_near(res.rows[0].metric_high, 2.85, MONEY);
    assert_near(res.rows[0].effect, 0.2, MONEY);
    /* Only the paths given: nothing skipped, nothing left out, 1 + 2 runs. */
    assert_int_equal(res.nskipped, 0);
    assert_int_equal(res.evaluations, 3);
    sensitivity_clear(&res);

    /* A 25% swing: 1.5 or 2.5, gap 3.55 or 2.55, effect 0.5. */
    assert_int_equal(run(FIXTURE, sets, "", "25%", "measures.cut.amount_m", &res, &err), 0);
    assert_near(res.rows[0].metric_low, 3.55, MONEY);
    assert_near(res.rows[0].metric_high, 2.55, MONEY);
    assert_near(res.rows[0].effect, 0.5, MONEY);
    sensitivity_clear(&res);
}

/* A per-year setting is scaled in every year: the permit's £40 of 2026/27
 * becomes £36 or £44, 5,000 payers raise 0.18 or 0.22 instead of 0.2, and
 * the 2026/27 gap of 5.2 - 1 - 0.2 = 4.0 becomes 4.02 or 3.98. In 2024/25,
 * £20 becomes £18 or £22: the gap of 4.1 becomes 4.11 or 4.09. */
static void test_per_year_every_year(void **state)
{
    (void)state;
    bs_sens_result res;
    bs_error err = {0};
    assert_int_equal(run(FIXTURE, NULL, "totals.gap_after_m@2026", "", "measures.permit.price_pounds", &res, &err), 0);
    assert_int_equal(res.year, 2026);
    assert_near(res.base_metric, 4.0, MONEY);
    assert_near(res.rows[0].metric_low, 4.02, MONEY);
    assert_near(res.rows[0].metric_high, 3.98, MONEY);
    sensitivity_clear(&res);
    assert_int_equal(run(FIXTURE, NULL, "totals.gap_after_m@2024", "", "measures.permit.price_pounds", &res, &err), 0);
    assert_near(res.base_metric, 4.1, MONEY);
    assert_near(res.rows[0].metric_low, 4.11, MONEY);
    assert_near(res.rows[0].metric_high, 4.09, MONEY);
    assert_near(res.rows[0].effect, 0.01, MONEY);
    sensitivity_clear(&res);
}

/* Clamped at the bottom of the range: a service growth of -48% a year
 * (allowed: -50 to 100) becomes -43.2% or -52.8%, clamped to -50%. The
 * 2025/26 spending is 30 x (1 + g/100): 15.6 at -48%, 17.04 at -43.2%, 15.0
 * at -50%; the gap 15.6 - 9.8 - 15 - 1 - 0.15 = -10.35, -8.91 and -10.95;
 * the effect is the larger change, 1.44 (down), not 0.6 (up). */
static void test_clamped_growth(void **state)
{
    (void)state;
    const char *sets[] = {"services.main.growth_pct=-48", NULL};
    bs_sens_result res;
    bs_error err = {0};
    assert_int_equal(run(FIXTURE, sets, "", "", "services.main.growth_pct", &res, &err), 0);
    const bs_sens_row *r = &res.rows[0];
    assert_near(res.base_metric, -10.35, MONEY);
    assert_near(r->value_low, -43.2, 1e-12);
    assert_near(r->value_high, -50.0, 0);
    assert_false(r->clamped_low);
    assert_true(r->clamped_high);
    assert_near(r->metric_low, -8.91, MONEY);
    assert_near(r->metric_high, -10.95, MONEY);
    assert_near(r->effect, 1.44, MONEY);
    sensitivity_clear(&res);
}

/* A quantity with no value at one swing. With the cut at 5.0 and gaps met
 * from the general reserve (10.0): 2024/25 gap 5.2 - 5 - 0.1 = 0.1, reserve
 * 9.9; 2025/26 gap 5.2 - 5 - 0.15 = 0.05, reserve 9.85, drawing 0.05: years
 * of reserves 9.85 / 0.05 = 197. At 4.5: gaps 0.6 and 0.55, reserve 9.4 then
 * 8.85, 8.85 / 0.55 = 16.0909... years. At 5.5: surpluses of 0.4 and 0.45,
 * nothing drawn, no value ("-" in run). The effect is the low side's. */
static void test_no_value_at_one_swing(void **state)
{
    (void)state;
    const char *sets[] = {"measures.cut.amount_m=5.0", "rules.cover_unclosed_gaps=true", NULL};
    bs_sens_result res;
    bs_error err = {0};
    assert_int_equal(run(FIXTURE, sets, "resilience.years_of_reserves", "", "measures.cut.amount_m", &res, &err), 0);
    const bs_sens_row *r = &res.rows[0];
    assert_near(res.base_metric, 197.0, 1e-6);
    assert_false(r->na_low);
    assert_true(r->na_high);
    assert_near(r->metric_low, 8.85 / 0.55, 1e-6);
    assert_near(r->effect, 197.0 - 8.85 / 0.55, 1e-6);
    sensitivity_clear(&res);

    /* With the cut at 5.5 the base itself draws nothing: bad input. */
    const char *none[] = {"measures.cut.amount_m=5.5", "rules.cover_unclosed_gaps=true", NULL};
    assert_int_equal(run(FIXTURE, none, "resilience.years_of_reserves@2025", "", "", &res, &err), -1);
    assert_int_equal(err.status, BS_EXIT_INPUT);
    assert_string_equal(err.setting, "--metric resilience.years_of_reserves@2025");
    assert_string_equal(err.message, "resilience.years_of_reserves has no value in 2025/26 in this budget");
    sensitivity_clear(&res);
}

/* The scenario given is not changed: the swings happen on a copy. */
static void test_scenario_unchanged(void **state)
{
    (void)state;
    bs_scenario *sc = load(FIXTURE, NULL), *before = malloc(sizeof *before);
    bs_sens_spec *spec = calloc(1, sizeof *spec);
    bs_sens_result res;
    bs_error err = {0};
    assert_non_null(before);
    assert_non_null(spec);
    memcpy(before, sc, sizeof *sc);
    assert_int_equal(sensitivity_run(sc, spec, &res, &err), 0);
    assert_memory_equal(sc, before, sizeof *sc);
    sensitivity_clear(&res);
    free(spec);
    free(before);
    free(sc);
}

/* A one-year horizon has no second year: the default is the first, where the
 * gap is 5.2 - 1 - 0.1 = 4.1 (the permit at £20). */
static void test_one_year_horizon(void **state)
{
    (void)state;
    const char *sets[] = {"horizon.years=1", "measures.permit.price_pounds=20.0", NULL};
    bs_sens_result res;
    bs_error err = {0};
    assert_int_equal(run(FIXTURE, sets, "", "", "measures.cut.amount_m", &res, &err), 0);
    assert_int_equal(res.year, 2024);
    assert_near(res.base_metric, 4.1, MONEY);
    sensitivity_clear(&res);
}

/* ------------------------------------------------------------------ */
/* Liverpool                                                           */
/* ------------------------------------------------------------------ */

/* The 2023/24 gap of the adopted budget, 43.920189 (£m; README), and the
 * largest effects, worked out from the scenario file:
 *   council tax 2023/24 = Band D 1,801.52 x 1.0299 x 1.0299 x tax base
 *     114,462 x 1.005 (0.5% growth) x 100% collected / 1e6 = 219.814631, so a
 *     10% swing of the tax base, or of Band D before 2022/23, moves it by
 *     21.981463: the gap becomes 43.920189 + 21.981463 = 65.901652 (lower)
 *     or 21.938726 (higher); a 10% higher collection rate is clamped at
 *     100%, so only the lower side moves it;
 *   business rates and grants 211.63, flat: 21.163 either way, 65.083189 or
 *     22.757189;
 *   adult social care 186 x 1.096 = 203.856 in 2023/24 (its saving grows
 *     with the line but does not scale with net_m): 20.3856 either way;
 *   children 110 x 1.091 = 120.01: 12.001;
 *   the unitemised recurring saving 10.12 (no line, no growth): 1.012.
 * Band D, tax base and collection rate tie and keep the table's order. */
static void test_liverpool_top(void **state)
{
    (void)state;
    bs_sens_result res;
    bs_error err = {0};
    assert_int_equal(run(LIVERPOOL, NULL, "", "", "", &res, &err), 0);
    assert_int_equal(res.year, 2023);
    assert_near(res.base_metric, 43.920189, 1e-6);
    const char *order[] = {"council_tax.band_d_previous_pounds", "council_tax.tax_base",
                           "council_tax.collection_rate_pct", "funding.rates_and_grants.amount_m",
                           "services.adult_social_care.net_m", "services.children_and_education.net_m"};
    const double effect[] = {21.981463, 21.981463, 21.981463, 21.163, 20.3856, 12.001};
    for (int i = 0; i < 6; i++) {
        assert_string_equal(res.rows[i].path, order[i]);
        assert_near(res.rows[i].effect, effect[i], 1e-6);
    }
    const bs_sens_row *tb = find(&res, "council_tax.tax_base");
    assert_near(tb->metric_low, 65.901652, 1e-6);
    assert_near(tb->metric_high, 21.938726, 1e-6);
    const bs_sens_row *cr = find(&res, "council_tax.collection_rate_pct");
    assert_near(cr->metric_high, res.base_metric, 1e-9);
    assert_true(cr->clamped_high);
    const bs_sens_row *g = find(&res, "funding.rates_and_grants.amount_m");
    assert_near(g->metric_low, 65.083189, 1e-6);
    assert_near(g->metric_high, 22.757189, 1e-6);
    assert_near(find(&res, "measures.other_recurring.amount_m")->effect, 1.012, 1e-9);
    /* The council's settings are left out: the budget does not read them. */
    assert_true(res.nleft_out > 0);
    for (int i = 0; i < res.n; i++)
        assert_true(strncmp(res.rows[i].path, "council.", 8) != 0);
    /* Ranked: no effect below the one after it. */
    for (int i = 1; i < res.n; i++)
        assert_true(res.rows[i - 1].effect >= res.rows[i].effect - 1e-9);
    sensitivity_clear(&res);
}

/* ------------------------------------------------------------------ */
/* Bad input                                                           */
/* ------------------------------------------------------------------ */

static void test_bad_input(void **state)
{
    (void)state;
    bs_sens_result res;
    bs_error err = {0};
    /* solve's messages for the quantity */
    assert_int_equal(run(FIXTURE, NULL, "totals.gap_after", "", "", &res, &err), -1);
    assert_int_equal(err.status, BS_EXIT_INPUT);
    assert_string_equal(err.setting, "--metric totals.gap_after");
    assert_string_equal(err.message, "no quantity \"totals.gap_after\" in this budget; did you mean totals.gap_after_m?");
    sensitivity_clear(&res);
    assert_int_equal(run(FIXTURE, NULL, "totals.gap_after_m@2027", "", "", &res, &err), -1);
    assert_string_equal(err.message, "2027/28 is outside the horizon, 2024/25 to 2026/27");
    sensitivity_clear(&res);
    /* --only: not a setting (the nearest suggested), not a number, not here */
    assert_int_equal(run(FIXTURE, NULL, "", "", "measures.cut.amount", &res, &err), -1);
    assert_string_equal(err.setting, "--only measures.cut.amount");
    assert_string_equal(err.message, "is not a setting (see budgetsim reference); did you mean measures.cut.amount_m?");
    sensitivity_clear(&res);
    assert_int_equal(run(FIXTURE, NULL, "", "", "council_tax.tax_base,scenario.name", &res, &err), -1);
    assert_string_equal(err.setting, "--only scenario.name");
    assert_string_equal(err.message, "is text in double quotes, not a number that can be varied");
    sensitivity_clear(&res);
    assert_int_equal(run(FIXTURE, NULL, "", "", "horizon.years", &res, &err), -1);
    assert_string_equal(err.message, "is a whole number, not a number that can be varied");
    sensitivity_clear(&res);
    /* Only settings at 0: nothing to swing. */
    assert_int_equal(run(FIXTURE, NULL, "", "", "council_tax.core_rise_pct", &res, &err), -1);
    assert_string_equal(err.message, "nothing to swing: the setting is 0 in every year, and a swing of 0 is 0");
    sensitivity_clear(&res);
}

/* A result in heap memory: made zeroed, filled, freed with what it holds;
 * the frees take NULL (ASan checks the rest). */
static void test_result_in_heap(void **state)
{
    (void)state;
    bs_sens_result *res = sensitivity_result_new();
    bs_error err = {0};
    assert_non_null(res);
    assert_null(res->rows);
    assert_int_equal(run(FIXTURE, NULL, "", "", "", res, &err), 0);
    assert_int_equal(res->n, 14);
    assert_non_null(res->skipped);
    sensitivity_result_free(res);
    sensitivity_result_free(NULL);
    sensitivity_clear(NULL);
}

/* The swings run incrementally (core/budget.h), in groups of settings: each
 * row's two quantities must equal, bit for bit, the quantity read from a
 * fresh budget_run of a fresh copy of the scenario with that one setting
 * scaled and clamped, for every numeric setting of every shipped scenario
 * and of tests/bad/limits/budget-at.cfg (over 300 settings: a dozen groups
 * of 31, each with its own plan). */
static void test_as_full_runs(void **state)
{
    (void)state;
    static const char *const files[] = {
        "scenarios/liverpool-2022-adopted.cfg", "scenarios/liverpool-2022-no-cuts.cfg",
        "scenarios/example-district.cfg",       "scenarios/examples/bristol-style.cfg",
        "scenarios/examples/hung-council.cfg",  "scenarios/examples/liverpool-uncertain.cfg",
        "scenarios/examples/mayor-override.cfg", "tests/fixtures/solve.cfg",
        "tests/bad/limits/budget-at.cfg",
    };
    int most = 0;
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        bs_sens_result res = {0};
        bs_error err = {0};
        if (run(files[f], NULL, "", "", "", &res, &err) != 0)
            fail_msg("%s: %s", files[f], err.message);
        assert_true(res.n > 0);
        most = res.n > most ? res.n : most;
        bs_scenario *sc = load(files[f], NULL), *copy = malloc(sizeof *copy);
        bs_result *r = result_new();
        assert_non_null(copy);
        assert_non_null(r);
        for (int i = 0; i < res.n; i++) {
            const bs_sens_row *row = &res.rows[i];
            for (int side = 0; side < 2; side++) {
                memcpy(copy, sc, sizeof *copy);
                bs_binding b;
                assert_int_equal(bind_path(copy, row->path, &b, &err), 0);
                double factor = side ? 1.0 + res.swing_pct / 100.0 : 1.0 - res.swing_pct / 100.0;
                for (int t = 0; t < b.count; t++)
                    b.values[b.first + t] = bind_clamp(&b, b.values[b.first + t] * factor);
                budget_run(copy, r);
                assert_true(budget_finite(copy, r));
                bs_table table = {0};
                assert_int_equal(table_from_result(copy, r, &table), 0);
                const bs_row *m = table_find(&table, res.metric);
                assert_non_null(m);
                int y = res.year - copy->first_year, na = m->kind == BS_ROW_HEADING || m->na[y];
                double v = na ? 0.0 : m->v[y], got = side ? row->metric_high : row->metric_low;
                if (na != (side ? row->na_high : row->na_low) || memcmp(&v, &got, sizeof v) != 0)
                    fail_msg("%s: %s %s: %.17g, a full run gives %.17g", files[f], row->path, side ? "up" : "down",
                             got, v);
                table_free(&table);
            }
        }
        result_free(r);
        free(copy);
        free(sc);
        sensitivity_clear(&res);
    }
    assert_true(most > 300);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_swing),
        cmocka_unit_test(test_parse_metric_and_only),
        cmocka_unit_test(test_fixture_every_setting),
        cmocka_unit_test(test_saving_of_two_million),
        cmocka_unit_test(test_per_year_every_year),
        cmocka_unit_test(test_clamped_growth),
        cmocka_unit_test(test_no_value_at_one_swing),
        cmocka_unit_test(test_scenario_unchanged),
        cmocka_unit_test(test_one_year_horizon),
        cmocka_unit_test(test_liverpool_top),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_result_in_heap),
        cmocka_unit_test(test_as_full_runs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
