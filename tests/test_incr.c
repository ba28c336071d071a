/* test_incr.c - cmocka unit tests of the incremental runs of the model
 * (core/budget.h: bs_incr), by brute force: for every numeric setting of
 * every shipped scenario, and for random sets of two or three of them (per
 * year settings also over random periods), a long random walk of values;
 * after each step the incremental result (told which settings changed, as
 * a sweep tells it, or not) must equal, bit for bit (memcmp of
 * the whole result), a fresh budget_run of the same scenario, and
 * budget_incr_finite must agree with budget_finite. The reference is the
 * full model run from scratch, an independent computation of every row.
 *
 * Run from the repository root (make test-unit does). */
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

#include "core/bind.h"
#include "core/budget.h"
#include "core/scenario.h"
#include "load/source.h"

static const char *const scenarios[] = {
    "scenarios/liverpool-2022-adopted.cfg", "scenarios/liverpool-2022-no-cuts.cfg",
    "scenarios/example-district.cfg",       "scenarios/examples/bristol-style.cfg",
    "scenarios/examples/hung-council.cfg",  "scenarios/examples/liverpool-uncertain.cfg",
    "scenarios/examples/mayor-override.cfg",
};

#define MAX_BIND 4096

static long nonfinite; /* steps where the model gave an infinity or a NaN */

static unsigned long long rng_state = 88172645463325252ULL;

static unsigned long long rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static double uniform(void)
{
    return (double)(rng() >> 11) / 9007199254740992.0;
}

/* A new value for b: near its base value, sometimes far, sometimes an end
 * of its range, inside the range; now and then, as only a bug could (the
 * ranges keep the model finite), +-1e308 to overflow it. */
static double pick(const bs_binding *b, double base)
{
    double u = uniform(), v;
    if (u < 0.02)
        return uniform() < 0.5 ? 1e308 : -1e308;
    if (u < 0.05)
        v = b->def->min;
    else if (u < 0.1)
        v = b->def->max;
    else if (u < 0.5)
        v = base * (0.5 + uniform());
    else
        v = base + (uniform() - 0.5) * (fabs(base) + 10.0);
    if (v > 1e6 && b->def->max > 1e6 && uniform() < 0.5)
        v = 1e6;
    return bind_clamp(b, v);
}

/* A walk of steps over the settings at paths[0..n-1], bound in sc (a copy of orig). */
static void walk(const bs_scenario *orig, bs_scenario *sc, const char *const *paths, int n, int steps,
                 bs_result *inc, bs_result *full)
{
    memcpy(sc, orig, sizeof *sc);
    bs_binding b[3];
    double base[3];
    bs_error err;
    bs_incr *p = malloc(sizeof *p);
    assert_non_null(p);
    budget_incr_init(p);
    for (int i = 0; i < n; i++) {
        assert_int_equal(bind_path(sc, paths[i], &b[i], &err), 0);
        /* a random period of a per-year setting */
        if (b[i].count > 1 && uniform() < 0.4) {
            int from = (int)(rng() % (unsigned)b[i].count);
            int count = 1 + (int)(rng() % (unsigned)(b[i].count - from));
            b[i].first += from;
            b[i].count = count;
        }
        base[i] = bind_get(&b[i]);
        assert_int_equal(budget_incr_vary(p, sc, b[i].values + b[i].first, (size_t)b[i].count * sizeof(double)), i);
    }
    memset(inc, 0, sizeof *inc);
    for (int s = 0; s < steps; s++) {
        /* as a sweep: the last setting every step, the others now and then */
        unsigned changed = 0;
        for (int i = 0; i < n; i++)
            if (i == n - 1 || s == 0 || uniform() < 0.1) {
                bind_set(&b[i], pick(&b[i], base[i]));
                changed |= 1u << i;
            }
        /* told which changed, as a sweep does, or (now and then) not */
        if (uniform() < 0.2)
            budget_incr_run(p, sc, inc);
        else
            budget_incr_run_changed(p, sc, inc, changed);
        memset(full, 0, sizeof *full);
        budget_run(sc, full);
        if (memcmp(inc, full, sizeof *inc) != 0) {
            char what[1024] = "";
            for (int i = 0; i < n; i++)
                snprintf(what + strlen(what), sizeof what - strlen(what), " %s=%.17g", b[i].path, bind_get(&b[i]));
            fail_msg("%s step %d:%s: the incremental result differs from a full run", orig->source_file, s, what);
        }
        int fi = budget_incr_finite(p, sc, inc), ff = budget_finite(sc, full);
        if (fi != ff)
            fail_msg("%s step %d: finite %d, a full check says %d", orig->source_file, s, fi, ff);
        if (!ff) {
            nonfinite++;
            /* a sweep stops here; carry on from fresh values, a full run */
            for (int i = 0; i < n; i++)
                bind_set(&b[i], base[i]);
            budget_incr_init(p);
            for (int i = 0; i < n; i++)
                budget_incr_vary(p, sc, b[i].values + b[i].first, (size_t)b[i].count * sizeof(double));
        }
    }
    free(p);
}

static void test_incr_brute_force(void **state)
{
    (void)state;
    bs_scenario *orig = scenario_new(), *sc = scenario_new();
    bs_result *inc = result_new(), *full = result_new();
    bs_binding *all = malloc(MAX_BIND * sizeof *all);
    char (*paths)[256] = malloc(MAX_BIND * sizeof *paths);
    assert_true(orig && sc && inc && full && all && paths);
    long walks = 0;
    for (size_t k = 0; k < sizeof scenarios / sizeof scenarios[0]; k++) {
        bs_error err;
        assert_int_equal(scenario_load(scenarios[k], NULL, 0, orig, &err), 0);
        memcpy(sc, orig, sizeof *sc);
        int nb = bind_all(sc, all, MAX_BIND);
        assert_true(nb > 10);
        for (int i = 0; i < nb; i++)
            snprintf(paths[i], sizeof paths[i], "%s", all[i].path);
        /* every setting alone */
        for (int i = 0; i < nb; i++) {
            const char *one[1] = {paths[i]};
            walk(orig, sc, one, 1, 12, inc, full);
            walks++;
        }
        /* random pairs and triples */
        for (int w = 0; w < 300; w++) {
            int n = 2 + (int)(rng() % 2);
            const char *some[3];
            for (int i = 0; i < n; i++)
                some[i] = paths[rng() % (unsigned)nb];
            walk(orig, sc, some, n, 30, inc, full);
            walks++;
        }
    }
    assert_true(walks > 2000);
    printf("incremental runs: %ld walks, %ld steps not finite\n", walks, nonfinite);
    assert_true(nonfinite > 0); /* the check is exercised on failures too */
    free(paths);
    free(all);
    result_free(inc);
    result_free(full);
    scenario_free(orig);
    scenario_free(sc);
}

/* The bench's two settings: the council tax rise by the growth of adult
 * social care, a whole grid of 100 x 100, row after row as the sweep runs it. */
static void test_incr_bench_grid(void **state)
{
    (void)state;
    bs_scenario *sc = scenario_new();
    bs_result *inc = result_new(), *full = result_new();
    bs_incr *p = malloc(sizeof *p);
    assert_true(sc && inc && full && p);
    bs_error err;
    assert_int_equal(scenario_load(scenarios[0], NULL, 0, sc, &err), 0);
    bs_binding a, g;
    assert_int_equal(bind_path(sc, "council_tax.core_rise_pct", &a, &err), 0);
    assert_int_equal(bind_path(sc, "services.adult_social_care.growth_pct", &g, &err), 0);
    budget_incr_init(p);
    budget_incr_vary(p, sc, a.values + a.first, (size_t)a.count * sizeof(double));
    budget_incr_vary(p, sc, g.values + g.first, (size_t)g.count * sizeof(double));
    for (int i = 0; i < 100; i++)
        for (int j = 0; j < 100; j++) {
            bind_set(&a, i * 0.1);
            bind_set(&g, j * 0.1);
            /* the outer setting changes once a row, the inner every point */
            budget_incr_run_changed(p, sc, inc, j == 0 ? 3u : 2u);
            assert_int_equal(budget_incr_finite(p, sc, inc), 1);
            memset(full, 0, sizeof *full);
            budget_run(sc, full);
            assert_memory_equal(inc, full, sizeof *inc);
        }
    free(p);
    result_free(inc);
    result_free(full);
    scenario_free(sc);
}

/* budget_broken_years (eight years a word) against a count year by year,
 * for every horizon, random flags, and ones beyond the horizon that must
 * not count. */
static void test_broken_years(void **state)
{
    (void)state;
    bs_result *r = result_new();
    assert_non_null(r);
    for (int n = 1; n <= BS_MAX_YEARS; n++)
        for (int rep = 0; rep < 20; rep++) {
            r->nyears = n;
            int total = 0;
            for (int k = 0; k < BS_NRULES; k++) {
                int want = 0;
                for (int t = 0; t < BS_MAX_YEARS; t++) {
                    int a = t < n ? (int)(rng() & 1) : 1, ok = t < n ? (int)(rng() & 1) : 0;
                    r->rule_applies[k][t] = (unsigned char)a;
                    r->rule_ok[k][t] = (unsigned char)ok;
                    if (t < n && a && !ok)
                        want++;
                }
                assert_int_equal(budget_broken_years(r, k), want);
                total += want;
            }
            assert_int_equal(budget_broken_count(r), total);
        }
    result_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_broken_years),
        cmocka_unit_test(test_incr_brute_force),
        cmocka_unit_test(test_incr_bench_grid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
