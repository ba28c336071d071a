/* test_montecarlo.c - the budget under uncertainty (sim/montecarlo.c).
 *
 * Every expected value is worked out by hand from the distribution and the
 * fixture tests/fixtures/montecarlo.cfg (whose header gives the gap, the
 * reserve and the vote as functions of the uncertain saving A), never
 * copied from the program. Estimates must lie within 4 standard errors. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>

#include "analyse/montecarlo.h"
#include "load/source.h"

#define FIXTURE "tests/fixtures/montecarlo.cfg"
#define ADOPTED "scenarios/liverpool-2022-adopted.cfg"
#define UNCERTAIN "scenarios/examples/liverpool-uncertain.cfg"
#define N 20000

static void assert_near(double a, double b, double tol)
{
    if (!(fabs(a - b) <= tol))
        fail_msg("%.12g is not within %g of %.12g", a, tol, b);
}

static bs_scenario *load(const char *file, const char **sets, int nsets)
{
    bs_override ov[8];
    for (int i = 0; i < nsets; i++)
        ov[i].text = sets[i];
    bs_scenario *sc = malloc(sizeof *sc);
    bs_error err = {0};
    assert_non_null(sc);
    if (scenario_load(file, ov, nsets, sc, &err) != 0)
        fail_msg("%s:%d: %s: %s", err.file, err.line, err.setting, err.message);
    return sc;
}

static bs_mc_result *run(const bs_scenario *sc, long draws, unsigned long seed, int threads)
{
    bs_mc_spec spec = {draws, seed, threads};
    bs_mc_result *res = malloc(sizeof *res);
    bs_error err = {0};
    assert_non_null(res);
    if (mc_run(sc, &spec, res, &err) != 0)
        fail_msg("%s", err.message);
    return res;
}

/* Same seed, same numbers, bit for bit, with 1, 2 and 3 threads; another
 * seed, other numbers. */
static void test_reproducible(void **state)
{
    (void)state;
    bs_scenario *sc = load(UNCERTAIN, NULL, 0);
    bs_mc_result *a = run(sc, 5000, 7, 1), *b = run(sc, 5000, 7, 2), *c = run(sc, 5000, 7, 3);
    bs_mc_result *d = run(sc, 5000, 8, 2);
    assert_memory_equal(a, b, sizeof *a);
    assert_memory_equal(a, c, sizeof *a);
    assert_true(a->gap_m[1][2] != d->gap_m[1][2]);
    assert_int_equal(a->seed, 7);
    assert_int_equal(a->draws, 5000);
    free(a);
    free(b);
    free(c);
    free(d);
    free(sc);
}

/* A ~ uniform(1, 3), gap 2024/25 = 5.1 - A: its q-th percentile is
 * 5.1 - (1 + 2(1 - q)) = 2.1 + 2q: 2.2, 3.1, 4.0 at q = 0.05, 0.5, 0.95.
 * A sample quantile's standard error is sqrt(q(1-q)/n) / density, the
 * density being 1/2: 2 sqrt(q(1-q)/n). */
static void test_uniform_percentiles(void **state)
{
    (void)state;
    bs_scenario *sc = load(FIXTURE, NULL, 0);
    bs_mc_result *r = run(sc, N, 1, 2);
    const double q[3] = {0.05, 0.5, 0.95};
    const int k[3] = {0, 2, 4};
    for (int i = 0; i < 3; i++) {
        double se = 2 * sqrt(q[i] * (1 - q[i]) / N);
        assert_near(r->gap_m[0][k[i]], 2.1 + 2 * q[i], 4 * se);
        /* 2026/27: 5.0 - A, so 2.0 + 2q */
        assert_near(r->gap_m[2][k[i]], 2.0 + 2 * q[i], 4 * se);
    }
    /* the file's own value, A = 1: 4.1 */
    assert_near(r->base_gap_m[0], 4.1, 1e-9);
    free(r);
    free(sc);
}

/* The reserve: 2025/26 2A - 0.15 is below the minimum 2 when A < 1.075,
 * P = 0.075 / 2 = 0.0375; never below 0. 2026/27 3A - 5.15 is below 2 when
 * A < 2.38333, P = 1.38333 / 2 = 0.691667, and below 0 when A < 1.716667,
 * P = 0.358333. The reserve only falls, so "in any year" is the last year.
 * 2024/25 (4.9 + A) never falls below 2. Binomial standard error. */
static void test_reserve_probabilities(void **state)
{
    (void)state;
    bs_scenario *sc = load(FIXTURE, NULL, 0);
    bs_mc_result *r = run(sc, N, 2, 2);
    double p;
#define SE(p) (4 * sqrt((p) * (1 - (p)) / N))
    assert_int_equal(r->below_min[0], 0);
    p = 0.0375;
    assert_near((double)r->below_min[1] / N, p, SE(p));
    assert_int_equal(r->runs_out[1], 0);
    p = 1.383333333 / 2;
    assert_near((double)r->below_min[2] / N, p, SE(p));
    assert_near((double)r->below_min_any / N, p, SE(p));
    p = 0.716666667 / 2;
    assert_near((double)r->runs_out[2] / N, p, SE(p));
    assert_near((double)r->runs_out_any / N, p, SE(p));
    /* reserve percentiles, 2026/27: 3A - 5.15 at A's q-th percentile 1 + 2q:
     * -2.15 + 6q; standard error 6 sqrt(q(1-q)/n) */
    assert_near(r->reserve_m[2][2], -2.15 + 3.0, 6 * 4 * sqrt(0.25 / N));
    free(r);
    free(sc);
}

/* The vote passes exactly when A >= 2 (p = 1, else 0): P = 0.5, and the
 * standard error of a mean of 0s and 1s, sqrt(0.25 / n). */
static void test_vote_probability(void **state)
{
    (void)state;
    bs_scenario *sc = load(FIXTURE, NULL, 0);
    bs_mc_result *r = run(sc, N, 3, 2);
    assert_true(r->has_vote);
    assert_near(r->p_pass, 0.5, 4 * sqrt(0.25 / N));
    assert_near(r->p_pass_se, sqrt(0.25 / N), 0.0002);
    free(r);
    free(sc);
}

/* Normal: A ~ normal(2, 0.5); the gap 5.1 - A has median 3.1 and 5th and
 * 95th percentiles 3.1 -+ 1.645 x 0.5 = 2.2776, 3.9224. The 5th
 * percentile's standard error is sd sqrt(q(1-q)/n) / phi(1.645), with
 * phi(1.645) = 0.10314; the median's sd sqrt(0.25/n) / 0.39894. */
static void test_normal_percentiles(void **state)
{
    (void)state;
    const char *normal[] = {"uncertainty.cut.path=measures.cut.amount_m", "uncertainty.cut.dist=normal",
                            "uncertainty.cut.mean=2", "uncertainty.cut.sd=0.5"};
    bs_scenario *sc = load("tests/fixtures/solve.cfg", normal, 4);
    bs_mc_result *r = run(sc, N, 4, 2);
    double se5 = 0.5 * sqrt(0.05 * 0.95 / N) / 0.10314, se50 = 0.5 * sqrt(0.25 / N) / 0.39894;
    assert_near(r->gap_m[0][0], 3.1 - 1.645 * 0.5, 4 * se5);
    assert_near(r->gap_m[0][2], 3.1, 4 * se50);
    assert_near(r->gap_m[0][4], 3.1 + 1.645 * 0.5, 4 * se5);
    assert_false(r->has_vote);
    free(r);
    free(sc);
}

static double sample_mean(const bs_uncertainty *u, int n, double *var)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    assert_non_null(rng);
    gsl_rng_set(rng, 12345);
    double s = 0, s2 = 0;
    for (int i = 0; i < n; i++) {
        double x = mc_sample(u, rng);
        s += x;
        s2 += x * x;
    }
    gsl_rng_free(rng);
    *var = s2 / n - (s / n) * (s / n);
    return s / n;
}

/* Triangular (20, 28.6, 35): mean (20 + 28.6 + 35) / 3 = 27.8667; variance
 * (a^2 + b^2 + c^2 - ab - ac - bc) / 18 = (400 + 817.96 + 1225 - 572 - 700
 * - 1001) / 18 = 169.96 / 18 = 9.44222. Every value within [20, 35]. */
static void test_triangular(void **state)
{
    (void)state;
    bs_uncertainty u = {.dist = BS_DIST_TRIANGULAR, .low = 20, .mode = 28.6, .high = 35};
    const int n = 200000;
    double var, mean = sample_mean(&u, n, &var);
    assert_near(mean, 83.6 / 3, 4 * sqrt(9.44222 / n));
    assert_near(var, 9.44222, 0.15);
    /* a mode at an end: (0, 0, 1) has mean 1/3 */
    bs_uncertainty v = {.dist = BS_DIST_TRIANGULAR, .low = 0, .mode = 0, .high = 1};
    mean = sample_mean(&v, n, &var);
    assert_near(mean, 1.0 / 3, 4 * sqrt(1.0 / 18 / n));
}

/* Beta (a 2, b 5) on [0, 1]: mean 2/7 = 0.285714, variance ab / ((a+b)^2
 * (a+b+1)) = 10 / (49 x 8) = 0.0255102. Scaled to [10, 20]: mean 10 + 10 x
 * 2/7 = 12.857143. */
static void test_beta(void **state)
{
    (void)state;
    const int n = 200000;
    bs_uncertainty u = {.dist = BS_DIST_BETA, .a = 2, .b = 5, .low = 0, .high = 1};
    double var, mean = sample_mean(&u, n, &var);
    assert_near(mean, 2.0 / 7, 4 * sqrt(0.0255102 / n));
    assert_near(var, 0.0255102, 0.0005);
    u.low = 10;
    u.high = 20;
    mean = sample_mean(&u, n, &var);
    assert_near(mean, 10 + 20.0 / 7, 4 * 10 * sqrt(0.0255102 / n));
}

/* Lognormal (log_mean 0, log_sd 0.5): mean exp(0.125) = 1.133148, variance
 * (exp(0.25) - 1) exp(0.25) = 0.364696. */
static void test_lognormal(void **state)
{
    (void)state;
    const int n = 200000;
    bs_uncertainty u = {.dist = BS_DIST_LOGNORMAL, .log_mean = 0, .log_sd = 0.5};
    double var, mean = sample_mean(&u, n, &var);
    assert_near(mean, exp(0.125), 4 * sqrt(0.364696 / n));
}

/* A drawn value outside the setting's range is clamped to it: a uniform
 * take-up between 90% and 110% is at most 100%, so the percentiles of the
 * gap above the median are all the same (take-up 100%). */
static void test_clamped(void **state)
{
    (void)state;
    const char *sets[] = {"uncertainty.t.path=measures.permit.take_up_pct", "uncertainty.t.dist=uniform",
                          "uncertainty.t.low=90", "uncertainty.t.high=110"};
    bs_scenario *sc = load("tests/fixtures/solve.cfg", sets, 4);
    bs_mc_result *r = run(sc, 2000, 5, 2);
    /* take-up 100%: 10,000 x £20 = £0.2m: gap 5.2 - 1 - 0.2 = 4.0 for the lower half */
    assert_near(r->gap_m[0][0], 4.0, 1e-9);
    assert_near(r->gap_m[0][1], 4.0, 1e-9);
    free(r);
    free(sc);
}

/* Seeds of blocks differ from one another and from seed to seed. */
static void test_block_seeds(void **state)
{
    (void)state;
    assert_true(mc_block_seed(1, 0) != mc_block_seed(1, 1));
    assert_true(mc_block_seed(1, 0) != mc_block_seed(2, 0));
    assert_true(mc_block_seed(0, 0) != 0);
}

/* A result in heap memory: made zeroed, filled by mc_run, freed. */
static void test_result_in_heap(void **state)
{
    (void)state;
    bs_scenario *sc = load(FIXTURE, NULL, 0);
    bs_mc_result *res = mc_result_new();
    bs_mc_spec spec = {1000, 1, 2};
    bs_error err = {0};
    assert_non_null(res);
    assert_int_equal(res->draws, 0);
    assert_int_equal(mc_run(sc, &spec, res, &err), 0);
    assert_int_equal(res->draws, 1000);
    mc_result_free(res);
    mc_result_free(NULL);
    free(sc);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reproducible),      cmocka_unit_test(test_uniform_percentiles),
        cmocka_unit_test(test_reserve_probabilities), cmocka_unit_test(test_vote_probability),
        cmocka_unit_test(test_normal_percentiles), cmocka_unit_test(test_triangular),
        cmocka_unit_test(test_beta),               cmocka_unit_test(test_lognormal),
        cmocka_unit_test(test_clamped),            cmocka_unit_test(test_block_seeds),
        cmocka_unit_test(test_result_in_heap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
