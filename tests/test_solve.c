/* test_solve.c - cmocka unit tests of the goal seek (solve.c).
 *
 * Every expected value is worked out by hand in the comment next to it, from
 * the rules in budget.h and the figures in tests/fixtures/solve.cfg (whose
 * header derives the fixture's budget) or scenarios/liverpool-2022-adopted.cfg.
 * None is copied from the program's output. Run from the repository root
 * (make test-unit does).
 *
 * The fixture, in £m: council tax 9.8 (Band D £1,000 x 10,000 x 98%), spending
 * 30.0, a grant of 15.0, so the gap before measures is 5.2 every year; a
 * saving "cut" of 1.0 and a charge "permit" paid by 50% of 10,000 homes at
 * £20, £30, £40 (0.1, 0.15, 0.2), so the gap after measures is 4.1, 4.05 and
 * 4.0 in 2024/25 to 2026/27. The general reserve opens at 10.0, minimum 2.0. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "write/output.h"
#include "analyse/solve.h"

/* solve_run on the scenario file at path, read into a source for the call. */
static int solve_path(const char *path, const bs_override *ov, int nov, const bs_solve_spec *spec,
                      bs_solve_result *res, bs_error *err)
{
    bs_source *src;
    if (source_read(path, &src, err) != 0)
        return -1;
    int rc = solve_run(src, ov, nov, spec, res, err);
    source_free(src);
    return rc;
}

/* Doubles compared to a tolerance (cmocka's float compare is too coarse);
 * written as !(diff <= tol) so that a NaN fails too. */
#define assert_near(actual, expected, tol)                                                      \
    do {                                                                                         \
        double near_a_ = (actual), near_e_ = (expected), near_t_ = (tol);                        \
        if (!(fabs(near_a_ - near_e_) <= near_t_))                                               \
            fail_msg("%s = %.15g, expected %.15g (+/- %g)", #actual, near_a_, near_e_, near_t_); \
    } while (0)

/* The bracket closes to 1e-9 relative: solutions are checked to 1e-7
 * relative, metrics at them to £1 (1e-6 £m). */
#define XTOL(x) (1e-7 * fmax(1.0, fabs(x)))
#define MONEY 1e-6

#define FIXTURE "tests/fixtures/solve.cfg"
#define LIVERPOOL "scenarios/liverpool-2022-adopted.cfg"

/* Parse --vary and --target (both must be valid), then solve FILE with the
 * overrides (NULL-terminated). Returns solve_run's status. */
static int solve(const char *file, const char *vary, const char *target, const char *const *sets,
                 bs_solve_result *res, bs_error *err)
{
    bs_solve_spec spec = {0};
    bs_override ov[16];
    int n = 0;
    bs_error perr = {0};
    if (solve_parse_vary(vary, &spec, &perr) != 0 || solve_parse_target(target, &spec, &perr) != 0)
        fail_msg("cannot parse %s / %s: %s", vary, target, perr.message);
    for (; sets && sets[n]; n++)
        ov[n].text = sets[n];
    return solve_path(file, ov, n, &spec, res, err);
}

/* ------------------------------------------------------------------ */
/* Parsing the arguments                                               */
/* ------------------------------------------------------------------ */

static void test_parse_vary(void **state)
{
    (void)state;
    bs_solve_spec s = {0};
    bs_error err = {0};
    assert_int_equal(solve_parse_vary("council_tax.core_rise_pct=-2.5:1e2", &s, &err), 0);
    assert_string_equal(s.path, "council_tax.core_rise_pct");
    assert_near(s.lo, -2.5, 0);
    assert_near(s.hi, 100.0, 0);

    /* Each bad form: status 2, the argument named, the reason given. */
    struct {
        const char *arg, *message;
    } bad[] = {
        {"council_tax.core_rise_pct=5:1", "the range is backwards (5 > 1)"},
        {"council_tax.core_rise_pct=5:5.0", "the range is empty (5 = 5.0)"},
        {"council_tax.core_rise_pct=a:1", "LO:HI must be two numbers separated by ':', not 'a:1'"},
        {"council_tax.core_rise_pct=1:", "LO:HI must be two numbers separated by ':', not '1:'"},
        {"council_tax.core_rise_pct=1", "LO:HI must be two numbers separated by ':', not '1'"},
        {"council_tax.core_rise_pct=1:2:3", "LO:HI must be two numbers separated by ':', not '1:2:3'"},
        {"council_tax.core_rise_pct= 1:2", "LO:HI must be two numbers separated by ':', not ' 1:2'"},
        {"council_tax.core_rise_pct=nan:1", "LO and HI must be finite numbers, not 'nan:1'"},
        {"council_tax.core_rise_pct=0:inf", "LO and HI must be finite numbers, not '0:inf'"},
        {"council_tax.core_rise_pct=0:1e999", "LO and HI must be finite numbers, not '0:1e999'"},
        {"council_tax.core_rise_pct", "expected PATH=LO:HI"},
        {"=0:1", "expected PATH=LO:HI with a setting path before '='"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memset(&err, 0, sizeof err);
        assert_int_equal(solve_parse_vary(bad[i].arg, &s, &err), -1);
        assert_int_equal(err.status, BS_EXIT_INPUT);
        assert_string_equal(err.file, "");
        assert_true(strncmp(err.setting, "--vary ", 7) == 0 && strcmp(err.setting + 7, bad[i].arg) == 0);
        assert_string_equal(err.message, bad[i].message);
    }
}

static void test_parse_target(void **state)
{
    (void)state;
    bs_solve_spec s = {0};
    bs_error err = {0};
    assert_int_equal(solve_parse_target("totals.gap_after_m@2023=0", &s, &err), 0);
    assert_string_equal(s.metric, "totals.gap_after_m");
    assert_int_equal(s.year, 2023);
    assert_near(s.target, 0.0, 0);
    /* 2023/24 is the same year; no @YEAR means the first year (0) */
    assert_int_equal(solve_parse_target("council_tax.rise_pct@2023/24=-1.5", &s, &err), 0);
    assert_int_equal(s.year, 2023);
    assert_near(s.target, -1.5, 0);
    assert_int_equal(solve_parse_target("reserves.general.closing_m=20", &s, &err), 0);
    assert_string_equal(s.metric, "reserves.general.closing_m");
    assert_int_equal(s.year, 0);
    assert_near(s.target, 20.0, 0);

    struct {
        const char *arg, *message;
    } bad[] = {
        {"totals.gap_after_m", "expected KEY@YEAR=VALUE (or KEY=VALUE for the first year)"},
        {"=0", "expected KEY@YEAR=VALUE with a key before '='"},
        {"@2023=0", "expected KEY@YEAR=VALUE with a key before '@'"},
        {"totals.gap_after_m@23=0", "the year must be written 2023 (for 2023/24) or 2023/24, not '23'"},
        {"totals.gap_after_m@2023/25=0", "the year must be written 2023 (for 2023/24) or 2023/24, not '2023/25'"},
        {"totals.gap_after_m@=0", "the year must be written 2023 (for 2023/24) or 2023/24, not ''"},
        {"totals.gap_after_m@2023=", "VALUE must be a number, not ''"},
        {"totals.gap_after_m@2023=zero", "VALUE must be a number, not 'zero'"},
        {"totals.gap_after_m@2023=1x", "VALUE must be a number, not '1x'"},
        {"totals.gap_after_m@2023=nan", "VALUE must be a finite number, not 'nan'"},
        {"totals.gap_after_m@2023=-inf", "VALUE must be a finite number, not '-inf'"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memset(&err, 0, sizeof err);
        assert_int_equal(solve_parse_target(bad[i].arg, &s, &err), -1);
        assert_int_equal(err.status, BS_EXIT_INPUT);
        assert_true(strncmp(err.setting, "--target ", 9) == 0 && strcmp(err.setting + 9, bad[i].arg) == 0);
        assert_string_equal(err.message, bad[i].message);
    }
}

/* ------------------------------------------------------------------ */
/* Solutions worked out by hand                                        */
/* ------------------------------------------------------------------ */

/* Gap after measures in 2024/25 = 5.2 - a - 0.1 with a saving of a:
 * 0 at a = 5.1. At the ends: a = 0 gives 5.1, a = 10 gives -4.9. The year,
 * left out, is the first: 2024. */
static void test_saving_closes_the_gap(void **state)
{
    (void)state;
    bs_solve_result res;
    bs_error err = {0};
    assert_int_equal(solve(FIXTURE, "measures.cut.amount_m=0:10", "totals.gap_after_m=0", NULL, &res, &err), 0);
    assert_int_equal(res.outcome, BS_SOLVE_FOUND);
    assert_int_equal(res.year, 2024);
    assert_near(res.x, 5.1, XTOL(5.1));
    assert_near(res.metric_x, 0.0, MONEY);
    assert_near(res.metric_lo, 5.1, MONEY);
    assert_near(res.metric_hi, -4.9, MONEY);
    assert_true(res.iterations >= 1 && res.iterations <= BS_SOLVE_MAX_ITER);
    assert_true(res.lower <= res.x && res.x <= res.upper);
    assert_string_equal(res.label, "Gap after measures (negative: a surplus)");
    assert_int_equal(res.kind, BS_ROW_M);
    assert_string_equal(res.name, "Solve fixture");
}

/* A per-year setting set as one number is set in every year: the permit at
 * £p in 2025/26 raises p x 5,000 / 1e6 = 0.005p, so the gap is
 * 5.2 - 1 - 0.005p, which is 0 at p = 4.2 / 0.005 = 840 (the file's £30 for
 * that year is replaced). With no elasticity, take-up stays at 50%. */
static void test_charge_price_every_year(void **state)
{
    (void)state;
    bs_solve_result res;
    bs_error err = {0};
    assert_int_equal(
        solve(FIXTURE, "measures.permit.price_pounds=0:2000", "totals.gap_after_m@2025=0", NULL, &res, &err), 0);
    assert_int_equal(res.outcome, BS_SOLVE_FOUND);
    assert_near(res.x, 840.0, XTOL(840.0));
    /* at p = 0 the permit is not levied: 5.2 - 1 = 4.2; at 2000: 4.2 - 10 = -5.8 */
    assert_near(res.metric_lo, 4.2, MONEY);
    assert_near(res.metric_hi, -5.8, MONEY);
    /* 2026/27 has the same price, so the same gap: the target year is read */
    assert_int_equal(
        solve(FIXTURE, "measures.permit.price_pounds=0:2000", "totals.gap_after_m@2026/27=0", NULL, &res, &err), 0);
    assert_near(res.x, 840.0, XTOL(840.0));
    assert_int_equal(res.year, 2026);
}

/* Not linear: with elasticity -0.5 at a reference price of £20, take-up is
 * 50% x (p/20)^-0.5, so income = p x 10000 x 0.5 x (20/p)^0.5 / 1e6
 * = 0.005 x sqrt(20p). The gap in 2024/25, 4.2 - 0.005 sqrt(20p), is 0 when
 * sqrt(20p) = 840, 20p = 705,600, p = £35,280 (take-up 50/42 = 1.19%). */
static void test_charge_with_elasticity(void **state)
{
    (void)state;
    bs_solve_result res;
    bs_error err = {0};
    const char *sets[] = {"measures.permit.elasticity=-0.5", "measures.permit.reference_price_pounds=20", NULL};
    assert_int_equal(
        solve(FIXTURE, "measures.permit.price_pounds=0:100000", "totals.gap_after_m@2024=0", sets, &res, &err), 0);
    assert_int_equal(res.outcome, BS_SOLVE_FOUND);
    assert_near(res.x, 35280.0, XTOL(35280.0));
    assert_near(res.metric_x, 0.0, MONEY);
    /* and the take-up there, 50/42 %, as a target: back to £35,280 */
    assert_int_equal(solve(FIXTURE, "measures.permit.price_pounds=20:100000",
                           "charges.permit.take_up_pct@2024=1.19047619047619047", sets, &res, &err),
                     0);
    assert_near(res.x, 35280.0, XTOL(35280.0));
}

/* Council tax: Band D_t = Band D_{t-1} x (1 + (core + asc)/100) and
 * income = Band D x tax base x collection / 1e6. With the adult social care
 * precept at 1% and the core rise c in every year, Band D in 2025/26 is
 * 1000 x (1 + (c + 1)/100)^2.
 *   Band D of £1,102.50 = 1000 x 1.05^2: c + 1 = 5, c = 4.
 *   A balanced 2025/26 (the permit raises 0.15 that year): council tax must
 *   be 30 - 15 - 1 - 0.15 = 13.85 = Band D x 10000 x 0.98 / 1e6, so
 *   Band D = 13.85 / 0.0098 = 1413.265..., 1 + (c + 1)/100 = sqrt(1.413265...),
 *   c = 100 x (sqrt(13.85 / 9.8) - 1) - 1 = 100 x 0.188808... - 1 = 17.8808...% */
static void test_council_tax_rise(void **state)
{
    (void)state;
    bs_solve_result res;
    bs_error err = {0};
    const char *sets[] = {"council_tax.asc_precept_pct=1.0", NULL};
    assert_int_equal(
        solve(FIXTURE, "council_tax.core_rise_pct=0:50", "council_tax.band_d_pounds@2025=1102.5", sets, &res, &err),
        0);
    assert_int_equal(res.outcome, BS_SOLVE_FOUND);
    assert_near(res.x, 4.0, XTOL(4.0));
    /* and the same through the income: 1102.5 x 10000 x 0.98 / 1e6 = 10.8045 */
    assert_int_equal(
        solve(FIXTURE, "council_tax.core_rise_pct=0:50", "funding.council_tax_m@2025=10.8045", sets, &res, &err), 0);
    assert_near(res.x, 4.0, XTOL(4.0));
    assert_int_equal(
        solve(FIXTURE, "council_tax.core_rise_pct=0:50", "totals.gap_after_m@2025=0", sets, &res, &err), 0);
    double c = 100.0 * (sqrt(13.85 / 9.8) - 1.0) - 1.0;
    assert_near(c, 17.8808, 1e-4); /* the working above, to four places */
    assert_near(res.x, c, XTOL(c));
    assert_near(res.metric_x, 0.0, MONEY);
}

/* The largest planned draw, from 2025/26 on, that keeps the general reserve
 * at 3.0 by 2026/27. The gaps after measures (4.05 and 4.0) are not met from
 * the reserve, so a draw of d a year (d below both) only lowers it:
 * 10 - 2d = 3, d = 3.5, amount_m = -3.5. At -10 the draws exceed the gaps;
 * the surpluses (10 - 4.05 = 5.95, then 10 - 4.0 = 6.0) go back in:
 * 10 - 10 + 5.95 = 5.95, then 5.95 - 10 + 6.0 = 1.95. At 0: 10. */
static void test_largest_reserve_draw(void **state)
{
    (void)state;
    bs_solve_result res;
    bs_error err = {0};
    const char *sets[] = {"measures.draw.type=reserve", "measures.draw.name=Draw", "measures.draw.start_year=2025",
                          NULL};
    assert_int_equal(
        solve(FIXTURE, "measures.draw.amount_m=-10:0", "reserves.general.closing_m@2026=3", sets, &res, &err), 0);
    assert_int_equal(res.outcome, BS_SOLVE_FOUND);
    assert_near(res.x, -3.5, XTOL(3.5));
    assert_near(res.metric_x, 3.0, MONEY);
    assert_near(res.metric_lo, 1.95, MONEY);
    assert_near(res.metric_hi, 10.0, MONEY);
}

/* The varied value is laid over the caller's --set of the same path: a
 * saving set to 3 by --set still solves to 5.1 (test_saving_closes_the_gap),
 * while another --set counts: with a grant of 16 instead of 15 the 2024/25
 * gap is 30 - 9.8 - 16 - a - 0.1 = 4.1 - a, 0 at a = 4.1. */
static void test_overrides_and_order(void **state)
{
    (void)state;
    bs_solve_result res;
    bs_error err = {0};
    const char *same[] = {"measures.cut.amount_m=3", NULL};
    assert_int_equal(solve(FIXTURE, "measures.cut.amount_m=0:10", "totals.gap_after_m=0", same, &res, &err), 0);
    assert_near(res.x, 5.1, XTOL(5.1));
    const char *grant[] = {"funding.grant.amount_m=16", NULL};
    assert_int_equal(solve(FIXTURE, "measures.cut.amount_m=0:10", "totals.gap_after_m=0", grant, &res, &err), 0);
    assert_near(res.x, 4.1, XTOL(4.1));
}

/* Liverpool, 2023/24 (scenarios/liverpool-2022-adopted.cfg, growth rates
 * applied once to the 2022/23 figures):
 *   services   186 x 1.096 + 110 x 1.091 + (70 + 45 + 39.5) x 1.076 = 490.108
 *   funding    211.63 (the one-off grants end in 2022/23) + council tax
 *   savings    1.9 x 1.096 + 0.1 x 1.091 + (0.2 + 0.2 + 0.28) x 1.076 + 10.12 = 13.04318
 *              (savings on a line grow with it; the one-off 10.0 has gone)
 *   green bin  £40 x 148,500 x 28.61953% / 1e6 = 1.700000082
 *   gap after  490.108 - 211.63 - 13.04318 - 1.700000082 - CT = 263.734819918 - CT
 *   CT         1801.52 x (1 + (c + 1)/100)^2 x 114,462 x 1.005 / 1e6
 *              (tax base grows 0.5% into 2023/24, collection 100%)
 * At c = 1.99: CT = 1801.52 x 1.0299^2 x 0.11503431 = 219.81463, gap 43.92.
 * The gap is 0 when (1 + (c + 1)/100)^2 = 263.734819918 / 207.23748...,
 * i.e. 1 + (c + 1)/100 = 1.1281075..., c = 11.810752...%. */
static void test_liverpool_core_rise(void **state)
{
    (void)state;
    bs_solve_result res;
    bs_error err = {0};
    assert_int_equal(
        solve(LIVERPOOL, "council_tax.core_rise_pct=0:60", "totals.gap_after_m@2023=0", NULL, &res, &err), 0);
    assert_int_equal(res.outcome, BS_SOLVE_FOUND);
    double base = 1801.52 * 114462.0 * 1.005 / 1e6;
    double c = (sqrt(263.734819918 / base) - 1.0) * 100.0 - 1.0;
    assert_near(c, 11.810752, 1e-6); /* the working above */
    assert_near(res.x, c, XTOL(c));
    /* at c = 0: 263.734819918 - base x 1.01^2 = 52.3328 */
    assert_near(res.metric_lo, 263.734819918 - base * 1.01 * 1.01, MONEY);
}

/* ------------------------------------------------------------------ */
/* No solution                                                          */
/* ------------------------------------------------------------------ */

/* A saving between 0 and 1 leaves a gap between 5.1 and 4.1: never 0. */
static void test_unreachable(void **state)
{
    (void)state;
    bs_solve_result res;
    bs_error err = {0};
    assert_int_equal(solve(FIXTURE, "measures.cut.amount_m=0:1", "totals.gap_after_m=0", NULL, &res, &err), 0);
    assert_int_equal(res.outcome, BS_SOLVE_UNREACHABLE);
    assert_near(res.metric_lo, 5.1, MONEY);
    assert_near(res.metric_hi, 4.1, MONEY);
    assert_int_equal(res.evaluations, 2); /* the two ends, nothing more */
    char line[600];
    output_solve_problem(&(bs_solve_spec){.lo = 0, .hi = 1, .metric = "totals.gap_after_m", .target = 0}, &res,
                         line, sizeof line);
    assert_string_equal(line, "target not reachable between 0 and 1: totals.gap_after_m in 2024/25 is 5.1 at 0 "
                              "and 4.1 at 1, both above 0");
}

/* The target met exactly at an end: no iterations. The gap is 5.1 at a = 0
 * and -4.9 at a = 10 (test_saving_closes_the_gap). */
static void test_solution_at_an_end(void **state)
{
    (void)state;
    bs_solve_result res;
    bs_error err = {0};
    assert_int_equal(solve(FIXTURE, "measures.cut.amount_m=0:10", "totals.gap_after_m=5.1", NULL, &res, &err), 0);
    assert_int_equal(res.outcome, BS_SOLVE_FOUND);
    assert_near(res.x, 0.0, 0);
    assert_int_equal(res.iterations, 0);
    assert_int_equal(solve(FIXTURE, "measures.cut.amount_m=0:10", "totals.gap_after_m=-4.9", NULL, &res, &err), 0);
    assert_near(res.x, 10.0, 0);
    assert_int_equal(res.iterations, 0);
}

/* A jump, not a root: with a running cost of 0.5, the permit at £p > 0 nets
 * 0.005p - 0.5, but at £0 it is not levied and nets 0. The 2024/25 gap is
 * 4.2 at p = 0 and 4.2 - (0.005p - 0.5) = 4.7 - 0.005p above: 4.65 at p = 10.
 * A target of 4.4 lies between the ends but no price gives it: the bracket
 * closes on the jump at 0. */
static void test_jump_is_not_a_root(void **state)
{
    (void)state;
    bs_solve_result res;
    bs_error err = {0};
    const char *sets[] = {"measures.permit.running_cost_m=0.5", NULL};
    assert_int_equal(
        solve(FIXTURE, "measures.permit.price_pounds=0:10", "totals.gap_after_m=4.4", sets, &res, &err), 0);
    assert_int_equal(res.outcome, BS_SOLVE_JUMP);
    assert_near(res.metric_lo, 4.2, MONEY);
    assert_near(res.metric_hi, 4.65, MONEY);
    assert_near(res.x, 0.0, 1e-9);
}

/* Two iterations are not enough for the nonlinear case of
 * test_charge_with_elasticity from [0, 100000]: the best estimate comes back,
 * marked. */
static void test_not_converged(void **state)
{
    (void)state;
    bs_solve_spec spec = {0};
    bs_error err = {0};
    bs_solve_result res;
    assert_int_equal(solve_parse_vary("measures.permit.price_pounds=0:100000", &spec, &err), 0);
    assert_int_equal(solve_parse_target("totals.gap_after_m=0", &spec, &err), 0);
    spec.max_iter = 2;
    bs_override ov[] = {{"measures.permit.elasticity=-0.5"}, {"measures.permit.reference_price_pounds=20"}};
    assert_int_equal(solve_path(FIXTURE, ov, 2, &spec, &res, &err), 0);
    assert_int_equal(res.outcome, BS_SOLVE_NOT_CONVERGED);
    assert_int_equal(res.iterations, 2);
    assert_true(res.lower < 35280.0 && 35280.0 < res.upper); /* still bracketed */
    spec.max_iter = 0; /* the default, 100 */
    assert_int_equal(solve_path(FIXTURE, ov, 2, &spec, &res, &err), 0);
    assert_int_equal(res.outcome, BS_SOLVE_FOUND);
}

/* ------------------------------------------------------------------ */
/* Bad input                                                           */
/* ------------------------------------------------------------------ */

static void expect_error(const char *file, const char *vary, const char *target, int status, const char *setting,
                         const char *message)
{
    bs_solve_result res;
    bs_error err = {0};
    assert_int_equal(solve(file, vary, target, NULL, &res, &err), -1);
    assert_int_equal(err.status, status);
    assert_string_equal(err.setting, setting);
    assert_string_equal(err.message, message);
}

static void test_bad_input(void **state)
{
    (void)state;
    /* a key that is not a row: the nearest suggested */
    expect_error(FIXTURE, "measures.cut.amount_m=0:10", "totals.gap_after=0", BS_EXIT_INPUT,
                 "--target totals.gap_after=0",
                 "no quantity \"totals.gap_after\" in this budget; did you mean totals.gap_after_m?");
    /* a heading holds no values */
    expect_error(FIXTURE, "measures.cut.amount_m=0:10", "heading.funding=0", BS_EXIT_INPUT, "--target heading.funding=0",
                 "no quantity \"heading.funding\" in this budget (the keys are those of budgetsim run --format csv)");
    /* the fixture runs 2024/25 to 2026/27 */
    expect_error(FIXTURE, "measures.cut.amount_m=0:10", "totals.gap_after_m@2027=0", BS_EXIT_INPUT,
                 "--target totals.gap_after_m@2027=0", "2027/28 is outside the horizon, 2024/25 to 2026/27");
    expect_error(FIXTURE, "measures.cut.amount_m=0:10", "totals.gap_after_m@2023=0", BS_EXIT_INPUT,
                 "--target totals.gap_after_m@2023=0", "2023/24 is outside the horizon, 2024/25 to 2026/27");
    /* settings that are not a number */
    expect_error(FIXTURE, "scenario.name=0:1", "totals.gap_after_m=0", BS_EXIT_INPUT, "--vary scenario.name=0:1",
                 "scenario.name takes text in double quotes, not a number; solve varies a number");
    expect_error(FIXTURE, "measures.cut.enabled=0:1", "totals.gap_after_m=0", BS_EXIT_INPUT,
                 "--vary measures.cut.enabled=0:1",
                 "measures.cut.enabled takes true or false, not a number; solve varies a number");
    expect_error(FIXTURE, "horizon.years=1:5", "totals.gap_after_m=0", BS_EXIT_INPUT, "--vary horizon.years=1:5",
                 "horizon.years takes a whole number; solve varies a setting that takes any number");
    /* an unknown path: the reader's message, named as the --vary */
    expect_error(FIXTURE, "council_tax.core_rise=0:1", "totals.gap_after_m=0", BS_EXIT_INPUT,
                 "--vary council_tax.core_rise=0:1", "unknown setting; did you mean council_tax.core_rise_pct?");
    /* a value out of the setting's range (-50% to 100%) at HI */
    expect_error(FIXTURE, "council_tax.core_rise_pct=0:150", "totals.gap_after_m=0", BS_EXIT_INPUT,
                 "--vary council_tax.core_rise_pct=0:150", "must be between -50% and 100%, not 150");
    /* no value: reserves last "-" years when not drawing, as here in 2024/25 */
    expect_error(FIXTURE, "measures.cut.amount_m=0:10", "resilience.years_of_reserves=1", BS_EXIT_RULE,
                 "--target resilience.years_of_reserves=1",
                 "resilience.years_of_reserves has no value in 2024/25 when measures.cut.amount_m = 0");
}

/* ------------------------------------------------------------------ */
/* Optimisation                                                        */
/* ------------------------------------------------------------------ */

/* Parse --vary and --maximise (max 1) or --minimise, then solve FILE. */
static int optimise(const char *file, const char *vary, int max, const char *metric, const char *const *sets,
                    bs_solve_result *res, bs_error *err)
{
    bs_solve_spec spec = {0};
    bs_override ov[16];
    int n = 0;
    bs_error perr = {0};
    if (solve_parse_vary(vary, &spec, &perr) != 0 ||
        solve_parse_goal(metric, max ? BS_SOLVE_MAXIMISE : BS_SOLVE_MINIMISE, &spec, &perr) != 0)
        fail_msg("cannot parse %s / %s: %s", vary, metric, perr.message);
    for (; sets && sets[n]; n++)
        ov[n].text = sets[n];
    return solve_path(file, ov, n, &spec, res, err);
}

/* The permit with take-up 36% at a reference price of £40 and elasticity
 * -2: take-up = min(100%, 36% x (p/40)^-2) = min(100%, 57,600 / p^2 %). Up to
 * the price where that is 100%, p* = 40 x sqrt(0.36) = 24, everyone pays and
 * the permit raises p x 10,000 / 1e6 = 0.01p (rising); above it,
 * p x 10,000 x 0.576 / p^2 / 1e6... = 5.76 / p (falling). So the most it
 * raises in 2024/25 is 0.01 x 24 = 0.24 at p = 24 (and 5.76 / 24 = 0.24 from
 * the other side); at 0 nothing (not levied), at 100: 5.76 / 100 = 0.0576.
 * £24 is 0.6 times the reference price: no warning. The gap after measures
 * in 2025/26 is 4.2 less the permit, smallest at the same price: 3.96. The
 * budget year's gap, 3.96 too, breaks the balanced rule (and only it: the
 * reserve is not drawn). */
static void test_optimum_inside(void **state)
{
    (void)state;
    static const char *const kinked[] = {"measures.permit.take_up_pct=36", "measures.permit.elasticity=-2",
                                         "measures.permit.reference_price_pounds=40", NULL};
    bs_solve_result res;
    bs_error err = {0};
    assert_int_equal(optimise(FIXTURE, "measures.permit.price_pounds=0:100", 1, "measures.permit.net_income_m",
                              kinked, &res, &err), 0);
    assert_int_equal(res.outcome, BS_SOLVE_OPTIMUM);
    assert_int_equal(res.year, 2024);
    assert_true(res.refined);
    assert_near(res.x, 24.0, 1e-5);
    assert_near(res.metric_x, 0.24, 1e-9);
    assert_near(res.metric_lo, 0.0, 1e-12);
    assert_near(res.metric_hi, 0.0576, 1e-12);
    assert_true(res.lower <= res.x && res.x <= res.upper);
    /* the grid's best: the point below 24 (15 x 100/63 = 23.81) or above (16 x 100/63 = 25.40) */
    assert_true(fabs(res.grid_x - 1500.0 / 63) < 1e-9 || fabs(res.grid_x - 1600.0 / 63) < 1e-9);
    assert_int_equal(res.nwarnings, 0);
    assert_int_equal(res.nbroken, 1);
    assert_int_equal(res.broken[0].rule, BS_RULE_BALANCED);
    assert_int_equal(res.broken[0].year, 2024);
    assert_non_null(strstr(res.broken[0].reason, "3.96"));

    assert_int_equal(optimise(FIXTURE, "measures.permit.price_pounds=0:100", 0, "totals.gap_after_m@2025", kinked,
                              &res, &err), 0);
    assert_int_equal(res.outcome, BS_SOLVE_OPTIMUM);
    assert_int_equal(res.year, 2025);
    assert_near(res.x, 24.0, 1e-5);
    assert_near(res.metric_x, 3.96, 1e-9);
    assert_near(res.metric_lo, 4.2, 1e-12);
    assert_near(res.metric_hi, 4.2 - 0.0576, 1e-12);
}

/* Liverpool's green bin: take-up 28.61953% of 148,500 homes at £40 with
 * elasticity -0.3, so it raises p x 42,500.00205 x (p/40)^-0.3 / 1e6, which
 * rises with p (as p^0.7) and never peaks: the most in 0..10,000 is at the
 * top, 10,000 x 42,500.00205 x 250^-0.3 / 1e6 = 81.0974033 (worked with
 * Python's floats). £10,000 is 250 times the reference price: a warning.
 * The budget year's surplus goes to the reserve: no rule is broken. */
static void test_optimum_at_an_end(void **state)
{
    (void)state;
    bs_solve_result res;
    bs_error err = {0};
    assert_int_equal(optimise(LIVERPOOL, "measures.green_bin.price_pounds=0:10000", 1,
                              "measures.green_bin.net_income_m@2022", NULL, &res, &err), 0);
    assert_int_equal(res.outcome, BS_SOLVE_AT_HI);
    assert_near(res.x, 10000.0, 0.0);
    assert_near(res.metric_x, 81.0974033, 1e-6);
    assert_int_equal(res.iterations, 0);
    assert_int_equal(res.nbroken, 0);
    assert_int_equal(res.nwarnings, 1);
    assert_string_equal(res.warnings[0].id, "green_bin");
    assert_int_equal(res.warnings[0].year, 2022);
    assert_near(res.warnings[0].price, 10000.0, 0.0);
    assert_near(res.warnings[0].reference, 40.0, 0.0);
    assert_near(res.warnings[0].elasticity, -0.3, 0.0);

    /* The permit raises nothing at 0 (not levied) and 0.005p above: the
     * least is at the bottom, 0. Its reference price is the start year's
     * price, which --vary sets with the others: at 0 nothing is levied, so
     * nothing is priced far from it. */
    assert_int_equal(optimise(FIXTURE, "measures.permit.price_pounds=0:100", 0, "measures.permit.net_income_m", NULL,
                              &res, &err), 0);
    assert_int_equal(res.outcome, BS_SOLVE_AT_LO);
    assert_near(res.x, 0.0, 0.0);
    assert_near(res.metric_x, 0.0, 1e-12);
    assert_near(res.metric_hi, 0.5, 1e-12);
    assert_int_equal(res.nwarnings, 0);
}

/* Band D does not depend on the permit's price: £1,000 at every point. */
static void test_optimum_flat(void **state)
{
    (void)state;
    bs_solve_result res;
    bs_error err = {0};
    assert_int_equal(optimise(FIXTURE, "measures.permit.price_pounds=0:100", 1, "council_tax.band_d_pounds", NULL,
                              &res, &err), 0);
    assert_int_equal(res.outcome, BS_SOLVE_FLAT);
    assert_near(res.metric_x, 1000.0, 0.0);
    assert_int_equal(res.evaluations, BS_SOLVE_GRID);
}

/* --maximise takes a key and a year, no value. */
static void test_parse_goal(void **state)
{
    (void)state;
    bs_solve_spec s = {0};
    bs_error err = {0};
    assert_int_equal(solve_parse_goal("totals.gap_after_m@2023/24", BS_SOLVE_MINIMISE, &s, &err), 0);
    assert_string_equal(s.metric, "totals.gap_after_m");
    assert_int_equal(s.year, 2023);
    assert_int_equal(s.goal, BS_SOLVE_MINIMISE);
    assert_string_equal(s.target_arg, "--minimise totals.gap_after_m@2023/24");
    assert_int_equal(solve_parse_goal("totals.gap_after_m=0", BS_SOLVE_MAXIMISE, &s, &err), -1);
    assert_string_equal(err.setting, "--maximise totals.gap_after_m=0");
    assert_int_equal(solve_parse_goal("@2023", BS_SOLVE_MAXIMISE, &s, &err), -1);
    assert_int_equal(solve_parse_goal("x@23", BS_SOLVE_MAXIMISE, &s, &err), -1);
}

/* Goal seek says which rules its answer breaks: Liverpool's core rise that
 * closes the 2023/24 gap, 11.8108% (test_liverpool_core_rise), is above the
 * 2% referendum limit in each of the five years, and nothing else breaks
 * (the budget year has a surplus, the reserves do not move). No charge is
 * priced far from its reference: £40-£50 against £40. */
static void test_rules_broken_at_a_root(void **state)
{
    (void)state;
    bs_solve_result res;
    bs_error err = {0};
    assert_int_equal(
        solve(LIVERPOOL, "council_tax.core_rise_pct=0:60", "totals.gap_after_m@2023=0", NULL, &res, &err), 0);
    assert_int_equal(res.outcome, BS_SOLVE_FOUND);
    assert_int_equal(res.nbroken, 5);
    for (int i = 0; i < 5; i++) {
        assert_int_equal(res.broken[i].rule, BS_RULE_REFERENDUM_CORE);
        assert_int_equal(res.broken[i].year, 2022 + i);
        assert_non_null(strstr(res.broken[i].reason, "11.81%"));
    }
    assert_int_equal(res.nwarnings, 0);
    /* not reachable: no answer, nothing said of one */
    assert_int_equal(
        solve(LIVERPOOL, "council_tax.core_rise_pct=0:1", "totals.gap_after_m@2023=0", NULL, &res, &err), 0);
    assert_int_equal(res.outcome, BS_SOLVE_UNREACHABLE);
    assert_int_equal(res.nbroken, 0);
}

/* The gap per household (core/table.h), in the fixture's 2024/25: council
 * tax 1,000 x 10,000 x 98% = 9.8m, gap after measures 4.1m, so £4,100,000 /
 * 10,000 = £410 per Band D equivalent, 410 x 6/9 = £273.33 per Band A home,
 * and a rise of 100 x 4.1 / 9.8 = 41.8367% on Band D. The rise is checked
 * against goal seek too: the core rise that closes the 2024/25 gap is that
 * same 41.8367% (Band D x (1 + c/100) x 10,000 x 98% = 9.8 + 4.1). */
static void test_per_household(void **state)
{
    (void)state;
    bs_source *src;
    bs_error err = {0};
    bs_scenario *sc = scenario_new();
    bs_result *r = result_new();
    assert_int_equal(source_read(FIXTURE, &src, &err), 0);
    assert_int_equal(source_build(src, NULL, 0, sc, &err), 0);
    budget_run(sc, r);
    bs_per_household h;
    assert_int_equal(table_per_household(sc, r, 0, r->gap_after_m[0], &h), 0);
    assert_near(r->gap_after_m[0], 4.1, 1e-12);
    assert_near(h.per_band_d_pounds, 410.0, 1e-9);
    assert_near(h.per_band_a_pounds, 410.0 * 6 / 9, 1e-9);
    assert_near(h.council_tax_rise_pct, 100 * 4.1 / 9.8, 1e-9);
    bs_table t = {0};
    assert_int_equal(table_from_result(sc, r, &t), 0);
    assert_near(table_find(&t, "totals.gap_after_council_tax_rise_pct")->v[0], 100 * 4.1 / 9.8, 1e-9);
    assert_near(table_find(&t, "totals.gap_after_per_band_a_pounds")->v[0], 410.0 * 6 / 9, 1e-9);
    /* gap before measures, 5.2: £520 */
    assert_near(table_find(&t, "totals.gap_before_per_band_d_pounds")->v[0], 520.0, 1e-9);
    assert_true(table_is_per_household("totals.gap_before_per_band_d_pounds"));
    assert_false(table_is_per_household("totals.gap_before_m"));
    table_free(&t);
    source_free(src);
    scenario_free(sc);
    result_free(r);

    bs_solve_result res;
    assert_int_equal(
        solve(FIXTURE, "council_tax.core_rise_pct=0:100", "totals.gap_after_m@2024=0", NULL, &res, &err), 0);
    assert_near(res.x, 100 * 4.1 / 9.8, XTOL(41.8));
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_vary),
        cmocka_unit_test(test_parse_target),
        cmocka_unit_test(test_saving_closes_the_gap),
        cmocka_unit_test(test_charge_price_every_year),
        cmocka_unit_test(test_charge_with_elasticity),
        cmocka_unit_test(test_council_tax_rise),
        cmocka_unit_test(test_largest_reserve_draw),
        cmocka_unit_test(test_overrides_and_order),
        cmocka_unit_test(test_liverpool_core_rise),
        cmocka_unit_test(test_unreachable),
        cmocka_unit_test(test_solution_at_an_end),
        cmocka_unit_test(test_jump_is_not_a_root),
        cmocka_unit_test(test_not_converged),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_optimum_inside),
        cmocka_unit_test(test_optimum_at_an_end),
        cmocka_unit_test(test_optimum_flat),
        cmocka_unit_test(test_parse_goal),
        cmocka_unit_test(test_rules_broken_at_a_root),
        cmocka_unit_test(test_per_household),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
