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
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "analyse/montecarlo.h"
#include "analyse/select.h"
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

static bs_mc_result *run_how(const bs_scenario *sc, long draws, unsigned long seed, int threads, int mode,
                             double sigmas)
{
    bs_mc_spec spec = {draws, seed, threads};
    bs_mc_result *res = malloc(sizeof *res);
    bs_error err = {0};
    assert_non_null(res);
    if (mc_run_how(sc, &spec, mode, sigmas, res, &err) != 0)
        fail_msg("%s", err.message);
    return res;
}

static bs_mc_result *run(const bs_scenario *sc, long draws, unsigned long seed, int threads)
{
    return run_how(sc, draws, seed, threads, 0, 0);
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


/* Values for the selection tests: kind 0 continuous, 1 a few values (ties
 * everywhere), 2 all equal, 3 ascending, 4 descending, 5 -0 and +0 with a
 * few others, 6 organ pipe. */
static void fill(double *v, size_t n, int kind, gsl_rng *r)
{
    for (size_t i = 0; i < n; i++) {
        switch (kind) {
        case 0: v[i] = gsl_rng_uniform(r) * 200 - 100; break;
        case 1: v[i] = (double)gsl_rng_uniform_int(r, 4) - 1.5; break;
        case 2: v[i] = 7.25; break;
        case 3: v[i] = (double)i; break;
        case 4: v[i] = -(double)i; break;
        case 5: v[i] = gsl_rng_uniform_int(r, 3) == 0 ? -0.0 : gsl_rng_uniform_int(r, 2) ? 0.0 : 1.0; break;
        default: v[i] = (double)(i < n / 2 ? i : n - i); break;
        }
    }
}

/* select_ranks against a full sort (gsl_sort): for random arrays of every
 * kind and random sets of ranks (ascending, with repeats), each rank asked
 * for holds the sorted array's value, and the array is still a permutation
 * of what it was. -0 and +0 are equal values (NaN cannot reach it: a draw
 * whose budget is not finite stops the run before it is kept). */
static void test_select_brute(void **state)
{
    (void)state;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    assert_non_null(r);
    gsl_rng_set(r, 99);
    const size_t nmax = 5000;
    double *v = malloc(nmax * sizeof *v), *sorted = malloc(nmax * sizeof *v), *after = malloc(nmax * sizeof *v);
    assert_non_null(v);
    assert_non_null(sorted);
    assert_non_null(after);
    for (int trial = 0; trial < 3000; trial++) {
        size_t n = trial < 2000 ? 1 + gsl_rng_uniform_int(r, 60) : 1 + gsl_rng_uniform_int(r, nmax);
        int kind = trial % 7;
        fill(v, n, kind, r);
        memcpy(sorted, v, n * sizeof *v);
        gsl_sort(sorted, 1, n);
        size_t rk[12];
        int nr = 1 + (int)gsl_rng_uniform_int(r, 12);
        for (int j = 0; j < nr; j++) { /* ascending, by insertion */
            size_t k = gsl_rng_uniform_int(r, n);
            int i = j;
            for (; i > 0 && rk[i - 1] > k; i--)
                rk[i] = rk[i - 1];
            rk[i] = k;
        }
        select_ranks(v, n, rk, nr);
        for (int j = 0; j < nr; j++)
            if (!(v[rk[j]] == sorted[rk[j]]))
                fail_msg("n %zu kind %d rank %zu: %g, sorted %g", n, kind, rk[j], v[rk[j]], sorted[rk[j]]);
        memcpy(after, v, n * sizeof *v);
        gsl_sort(after, 1, n);
        for (size_t i = 0; i < n; i++)
            assert_true(after[i] == sorted[i]);
    }
    free(after);
    free(sorted);
    free(v);
    gsl_rng_free(r);
}

/* quantile_ranks and quantile_from_ranks give GSL's sample quantile bit for
 * bit, for every n from 1 to 3000 and a million, at the five percentiles
 * and at random fractions. */
static void test_quantile_as_gsl(void **state)
{
    (void)state;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    assert_non_null(r);
    gsl_rng_set(r, 5);
    const size_t big = 1000000;
    double *v = malloc(big * sizeof *v);
    assert_non_null(v);
    for (size_t i = 0; i < big; i++)
        v[i] = gsl_rng_uniform(r) * 1e6 - 3e5;
    gsl_sort(v, 1, big);
    for (size_t n = 1; n <= 3001; n++) {
        size_t m = n == 3001 ? big : n;
        const double *s = m == big ? v : v + gsl_rng_uniform_int(r, big - m);
        for (int q = 0; q < BS_MC_NPCT + 20; q++) {
            double f = q < BS_MC_NPCT ? bs_mc_pct[q] : gsl_rng_uniform(r);
            size_t lhs;
            quantile_ranks(m, f, &lhs);
            assert_true(lhs < m);
            double mine = quantile_from_ranks(m, f, s[lhs], lhs + 1 < m ? s[lhs + 1] : 0.0);
            double gsl = gsl_stats_quantile_from_sorted_data(s, 1, m, f);
            assert_memory_equal(&mine, &gsl, sizeof mine);
        }
    }
    free(v);
    gsl_rng_free(r);
}

/* The windows (see montecarlo.h) give the same result, bit for bit, as
 * keeping every value, on 1, 2 and 3 threads; so does a run whose windows
 * are too narrow (0.01 standard errors), which must fall back to keeping
 * every value. The fixture's saving drawn from -3 to 1 is 0 (clamped) in
 * three draws of four: ties at the median. */
static void test_windows(void **state)
{
    (void)state;
    const long draws = BS_MC_WINDOW_MIN + 5000;
    const char *clamp[] = {"uncertainty.cut.low=-3", "uncertainty.cut.high=1"};
    for (int c = 0; c < 2; c++) {
        bs_scenario *sc = load(FIXTURE, clamp, c ? 2 : 0);
        bs_mc_result *all = run_how(sc, draws, 11, 2, BS_MC_KEEP_ALL, 0);
        assert_int_equal(all->pct_how, BS_MC_KEEP_ALL);
        for (int threads = 1; threads <= 3; threads++) {
            bs_mc_result *win = run(sc, draws, 11, threads);
            assert_int_equal(win->pct_how, BS_MC_WINDOWS);
            win->pct_how = BS_MC_KEEP_ALL;
            assert_memory_equal(all, win, sizeof *all);
            free(win);
        }
        bs_mc_result *narrow = run_how(sc, draws, 11, 2, BS_MC_WINDOWS, 0.01);
        if (c == 0) /* ties would fill a narrow window anyway */
            assert_int_equal(narrow->pct_how, BS_MC_KEEP_ALL | BS_MC_WINDOWS);
        narrow->pct_how = BS_MC_KEEP_ALL;
        assert_memory_equal(all, narrow, sizeof *all);
        if (c == 1)
            assert_near(all->gap_m[0][2], 5.1, 1e-9); /* A = 0 at the median: 5.1 - 0 */
        free(narrow);
        free(all);
        free(sc);
    }
}

/* Each draw runs by the incremental plan (core/budget.h); checked draw by
 * draw against a fresh budget_run of the same scenario (memcmp of the whole
 * result, BS_MC_CHECK_INCR: a difference fails the run), over 700 draws
 * (three blocks, two threads) of scenarios drawing a single value, per-year
 * values, a period, an offset and a clamped setting; and the whole result
 * equals, byte for byte, that of full runs (BS_MC_FULL_RUNS). */
static void test_incremental_as_full(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        const char *sets[5];
    } cases[] = {
        {UNCERTAIN, {NULL}},
        {FIXTURE, {NULL}},
        {FIXTURE, {"uncertainty.cut.low=2.5", NULL}},
        {"tests/fixtures/meeting.cfg", {NULL}},
        {"tests/fixtures/period.cfg", {NULL}},
        {"tests/fixtures/period.cfg", {"uncertainty.price.apply=offset", NULL}},
        {"tests/fixtures/period.cfg",
         {"uncertainty.price.apply=offset", "uncertainty.price.path=measures.permit.price_pounds@2026..", NULL}},
        {"tests/fixtures/solve.cfg",
         {"uncertainty.t.path=measures.permit.take_up_pct", "uncertainty.t.dist=uniform", "uncertainty.t.low=90",
          "uncertainty.t.high=110", NULL}},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        int nsets = 0;
        while (cases[c].sets[nsets])
            nsets++;
        bs_scenario *sc = load(cases[c].file, (const char **)cases[c].sets, nsets);
        bs_mc_result *checked = run_how(sc, 700, 3, 2, BS_MC_CHECK_INCR, 0);
        bs_mc_result *incr = run(sc, 700, 3, 2), *full = run_how(sc, 700, 3, 1, BS_MC_FULL_RUNS, 0);
        assert_memory_equal(incr, full, sizeof *incr);
        assert_memory_equal(checked, full, sizeof *incr);
        free(checked);
        free(incr);
        free(full);
        free(sc);
    }
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
        cmocka_unit_test(test_result_in_heap),    cmocka_unit_test(test_select_brute),
        cmocka_unit_test(test_quantile_as_gsl),   cmocka_unit_test(test_windows),
        cmocka_unit_test(test_incremental_as_full),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
