/* test_guard.c - no NaN or infinity reaches output (sim/guard.c,
 * budget_finite in sim/budget.c, and the checks in the sweep, sensitivity
 * and Monte Carlo loops).
 *
 * The reader only lets through values inside their ranges, and inside them
 * the model stays finite; so these tests break a loaded scenario in memory,
 * as only a bug could, and work out by hand where the first infinity must
 * appear. The Liverpool numbers used (scenarios/liverpool-2022-adopted.cfg):
 *   band_d_previous_pounds = 1801.52, core 1.99% + ASC 1% = 2.99% a year,
 *   so Band D in 2022/23 = 1801.52 x 1.0299 = 1855.385 and x 1.0299 a year;
 *   tax_base = 114462, growing 0.5% a year; collection_rate_pct = 100.
 * Council tax is band_d x base x rate / 100 / 1e6, computed left to right, so
 * it overflows when band_d x base x rate exceeds DBL_MAX. */
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "load/source.h"
#include "core/bind.h"
#include "core/budget.h"
#include "core/guard.h"
#include "analyse/montecarlo.h"
#include "analyse/sensitivity.h"
#include "analyse/sweep.h"

#define ADOPTED "scenarios/liverpool-2022-adopted.cfg"
#define UNCERTAIN "scenarios/examples/liverpool-uncertain.cfg"
#define BAND_D_2022 1855.385 /* 1801.52 x 1.0299 */
#define BASE_2022 114462.0
#define YEAR_FACTOR (1.0299 * 1.005) /* Band D and tax base growth together */

static bs_scenario *load(const char *file)
{
    bs_scenario *sc = malloc(sizeof *sc);
    bs_error err = {0};
    assert_non_null(sc);
    if (scenario_load(file, NULL, 0, sc, &err) != 0)
        fail_msg("%s:%d: %s: %s", err.file, err.line, err.setting, err.message);
    return sc;
}

/* Set the collection rate (out of its 0-100 range, as only a bug could) so
 * that band_d x base x rate is DBL_MAX / divisor in 2022/23. */
static void squeeze(bs_scenario *sc, double divisor)
{
    sc->collection_rate_pct = DBL_MAX / (BAND_D_2022 * BASE_2022 * divisor);
}

static void test_finite_liverpool(void **state)
{
    (void)state;
    bs_scenario *sc = load(ADOPTED);
    bs_result *r = malloc(sizeof *r);
    assert_non_null(r);
    budget_run(sc, r);
    assert_int_equal(budget_finite(sc, r), 1);

    /* entries past the horizon and past the parts in use are not looked at */
    r->gap_after_m[sc->nyears] = NAN;
    r->service_gross_m[sc->nservices][0] = INFINITY;
    assert_int_equal(budget_finite(sc, r), 1);

    /* a NaN or an infinity anywhere in use is seen, first year to last */
    struct { double *at; } spots[] = {
        {&r->service_gross_m[0][0]},
        {&r->charge_payers[2][1]},           /* the green bin, measure 3 */
        {&r->bill_total_pounds[4][7]},       /* band H, 2026/27 */
        {&r->years_of_reserves[0]},
        {&r->reserve_open_m[0][3]},
        {&r->funding_m[sc->nfunding - 1][2]},
    };
    for (size_t i = 0; i < sizeof spots / sizeof spots[0]; i++) {
        double saved = *spots[i].at;
        *spots[i].at = i % 2 ? -INFINITY : NAN;
        assert_int_equal(budget_finite(sc, r), 0);
        *spots[i].at = saved;
    }
    assert_int_equal(budget_finite(sc, r), 1);
    free(r);
    free(sc);
}

/* A service growth of 1e308% makes the line's cost 186 x (1 + 1e306) =
 * 1.86e308 > DBL_MAX in 2023/24: infinite. Putting its net amount to 0 would
 * also make the run finite, but 1e308 is the extreme value: growth is blamed. */
static void test_describe_and_blame_growth(void **state)
{
    (void)state;
    bs_scenario *sc = load(ADOPTED);
    bs_scenario *before = malloc(sizeof *before);
    bs_result *r = malloc(sizeof *r);
    bs_binding *b = malloc(8192 * sizeof *b);
    assert_non_null(before);
    assert_non_null(r);
    assert_non_null(b);
    sc->services[0].growth_pct[1] = 1e308;
    memcpy(before, sc, sizeof *sc);
    budget_run(sc, r);
    assert_int_equal(budget_finite(sc, r), 0);

    char buf[400];
    guard_describe(sc, r, buf, sizeof buf);
    assert_string_equal(buf, "services.adult_social_care.net_m in 2023/24 is infinite");
    guard_message(sc, r, buf, sizeof buf);
    assert_string_equal(buf, "the budget cannot be computed with this value: services.adult_social_care.net_m "
                             "in 2023/24 is infinite (an overflow or a division by zero)");

    int n = bind_all(sc, b, 8192);
    int k = guard_culprit(sc, b, n);
    assert_true(k >= 0);
    assert_string_equal(b[k].path, "services.adult_social_care.growth_pct");
    assert_memory_equal(sc, before, sizeof *sc); /* put back as it was */

    /* with only the net amount to choose from, it is the one to blame */
    bs_binding net;
    bs_error err = {0};
    assert_int_equal(bind_path(sc, "services.adult_social_care.net_m", &net, &err), 0);
    assert_int_equal(guard_culprit(sc, &net, 1), 0);
    /* with only a setting that cannot help, none is */
    bs_binding rate;
    assert_int_equal(bind_path(sc, "council_tax.core_rise_pct", &rate, &err), 0);
    assert_int_equal(guard_culprit(sc, &rate, 1), -1);
    assert_int_equal(guard_culprit(sc, b, 0), -1);
    free(b);
    free(r);
    free(before);
    free(sc);
}

/* A tax base of 1e308 overflows council tax in 2022/23 (1855 x 1e308). The
 * Band D before it, put to the least value of its open range, would also
 * cure it, but the tax base is the extreme one. */
static void test_blame_tax_base(void **state)
{
    (void)state;
    bs_scenario *sc = load(ADOPTED);
    bs_result *r = malloc(sizeof *r);
    bs_binding *b = malloc(8192 * sizeof *b);
    assert_non_null(r);
    assert_non_null(b);
    sc->tax_base = 1e308;
    budget_run(sc, r);
    char buf[400];
    guard_describe(sc, r, buf, sizeof buf);
    assert_string_equal(buf, "funding.council_tax_m in 2022/23 is infinite");
    int k = guard_culprit(sc, b, bind_all(sc, b, 8192));
    assert_true(k >= 0);
    assert_string_equal(b[k].path, "council_tax.tax_base");
    free(b);
    free(r);
    free(sc);
}

/* An open end of a range is never reached by clamping: the reference price
 * is "above 0", so 0 clamps to the least double above 0. */
static void test_clamp_open_end(void **state)
{
    (void)state;
    bs_scenario *sc = load(ADOPTED);
    bs_binding b;
    bs_error err = {0};
    assert_int_equal(bind_path(sc, "measures.green_bin.reference_price_pounds", &b, &err), 0);
    assert_true(bind_clamp(&b, 0.0) > 0.0);
    assert_true(bind_clamp(&b, -5.0) == nextafter(0.0, 1.0));
    assert_true(bind_clamp(&b, 40.0) == 40.0);
    free(sc);
}

/* No take-up stays none at any price: a price of 1e-300 against a reference
 * of 1e6 with elasticity -10 sends the power to infinity, and 0 x infinity
 * would be NaN. Take-up 0 gives 0 payers; take-up 1% gives everyone (the
 * power is capped at 100%): 148,500 households. */
static void test_charge_extremes_stay_finite(void **state)
{
    (void)state;
    const char *sets[] = {"measures.green_bin.price_pounds=1e-300",
                          "measures.green_bin.reference_price_pounds=1e6",
                          "measures.green_bin.elasticity=-10", "measures.green_bin.take_up_pct=0"};
    bs_override ov[4];
    for (int i = 0; i < 4; i++)
        ov[i].text = sets[i];
    bs_scenario *sc = malloc(sizeof *sc);
    bs_result *r = malloc(sizeof *r);
    bs_error err = {0};
    assert_non_null(sc);
    assert_non_null(r);
    if (scenario_load(ADOPTED, ov, 4, sc, &err) != 0)
        fail_msg("%s: %s", err.setting, err.message);
    budget_run(sc, r);
    assert_int_equal(budget_finite(sc, r), 1);
    assert_true(r->charge_payers[2][0] == 0.0);
    ov[3].text = "measures.green_bin.take_up_pct=1";
    if (scenario_load(ADOPTED, ov, 4, sc, &err) != 0)
        fail_msg("%s: %s", err.setting, err.message);
    budget_run(sc, r);
    assert_true(r->charge_take_up_pct[2][0] == 100.0);
    assert_true(r->charge_payers[2][0] == 148500.0); /* households = 148500 in the scenario */
    free(r);
    free(sc);
}

/* Sweep: with band_d x base x rate = DBL_MAX / 1.2 in 2022/23, a tax base of
 * 130,000 makes it DBL_MAX x (130000 / 114462) / 1.2 x 1.03505^t:
 * t = 0: 0.946, t = 1: 0.979, t = 2: 1.0136 -> infinite in 2024/25. */
static void test_sweep_reports_the_point(void **state)
{
    (void)state;
    bs_scenario *sc = load(ADOPTED);
    squeeze(sc, 1.2);
    bs_sweep_spec spec;
    memset(&spec, 0, sizeof spec);
    bs_error err = {0};
    assert_int_equal(sweep_parse_vary("council_tax.tax_base=100000,114462,130000", &spec.axis[0], &err), 0);
    spec.naxes = 1;
    spec.threads = 2;
    spec.shard_k = spec.shard_n = 1;
    assert_int_equal(sweep_check(sc, &spec, &err), 0);
    FILE *out = tmpfile();
    assert_non_null(out);
    assert_int_equal(sweep_run(sc, &spec, out, NULL, &err), -1);
    assert_int_equal(err.status, BS_EXIT_INPUT);
    assert_string_equal(err.setting, "sweep");
    assert_string_equal(err.message, "--vary council_tax.tax_base: at council_tax.tax_base = 130000 the budget cannot be "
                                     "computed: funding.council_tax_m in 2024/25 is infinite (an overflow or a division "
                                     "by zero)");
    fclose(out);
    sweep_spec_clear(&spec);
    free(sc);
}

/* Sensitivity: with the product at DBL_MAX / 1.2 in 2022/23 it is
 * 1.03505^t / 1.2 of DBL_MAX later: 0.833 .. 0.957, all finite. The tax base
 * up 10% (125,908.2) multiplies it by 1.1: t = 2: 0.982, t = 3: 1.0165 ->
 * infinite in 2025/26. The swing down comes first and is finite. */
static void test_sensitivity_names_the_swing(void **state)
{
    (void)state;
    bs_scenario *sc = load(ADOPTED);
    squeeze(sc, 1.2);
    bs_sens_spec *spec = calloc(1, sizeof *spec);
    bs_sens_result res;
    bs_error err = {0};
    assert_non_null(spec);
    assert_int_equal(sensitivity_parse_only("council_tax.tax_base", spec, &err), 0);
    memset(&res, 0, sizeof res);
    assert_int_equal(sensitivity_run(sc, spec, &res, &err), -1);
    assert_int_equal(err.status, BS_EXIT_INPUT);
    assert_string_equal(err.setting, "sensitivity");
    assert_string_equal(err.message, "council_tax.tax_base: at 125908.2 (+10%) the budget cannot be computed: "
                                     "funding.council_tax_m in 2025/26 is infinite (an overflow or a division by zero)");
    sensitivity_clear(&res);
    free(spec);
    free(sc);
}

/* Monte Carlo: the tax base growth is drawn uniformly from 0 to 1%. With the
 * product at DBL_MAX / 1.16 in 2022/23, 2026/27 is at
 * (1.0299 x (1 + g))^4 / 1.16: the file's 0.5% gives 0.9895 (finite), 1%
 * gives 1.0093: a draw above about 0.77% overflows, one in four. The draw
 * to blame is that uncertainty, where the file writes it, and the first bad
 * draw is the same with 1 or 2 threads. */
static void test_montecarlo_names_the_uncertainty(void **state)
{
    (void)state;
    bs_scenario *sc = load(UNCERTAIN);
    squeeze(sc, 1.16);
    bs_result *r = malloc(sizeof *r);
    bs_mc_result *res = malloc(sizeof *res);
    assert_non_null(r);
    assert_non_null(res);
    budget_run(sc, r);
    assert_int_equal(budget_finite(sc, r), 1); /* the base itself is finite */

    int k = -1;
    for (int i = 0; i < sc->nuncertain; i++)
        if (strcmp(sc->uncertain[i].path, "council_tax.tax_base_growth_pct") == 0)
            k = i;
    assert_true(k >= 0);
    char setting[BS_ID_MAX + 16];
    snprintf(setting, sizeof setting, "uncertainty.%s", sc->uncertain[k].id);

    bs_error one = {0}, two = {0};
    bs_mc_spec spec = {1000, 7, 1};
    assert_int_equal(mc_run(sc, &spec, res, &one), -1);
    spec.threads = 2;
    assert_int_equal(mc_run(sc, &spec, res, &two), -1);
    assert_int_equal(one.status, BS_EXIT_INPUT);
    assert_string_equal(one.file, UNCERTAIN);
    assert_int_equal(one.line, sc->uncertain[k].line);
    assert_string_equal(one.setting, setting);
    assert_true(strncmp(one.message, "draw ", 5) == 0);
    const char *tail = "funding.council_tax_m in 2026/27 is infinite (an overflow or a division by zero)";
    assert_true(strlen(one.message) > strlen(tail));
    assert_string_equal(one.message + strlen(one.message) - strlen(tail), tail);
    assert_string_equal(one.message, two.message);
    free(res);
    free(r);
    free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_finite_liverpool),
        cmocka_unit_test(test_describe_and_blame_growth),
        cmocka_unit_test(test_blame_tax_base),
        cmocka_unit_test(test_clamp_open_end),
        cmocka_unit_test(test_charge_extremes_stay_finite),
        cmocka_unit_test(test_sweep_reports_the_point),
        cmocka_unit_test(test_sensitivity_names_the_swing),
        cmocka_unit_test(test_montecarlo_names_the_uncertainty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
