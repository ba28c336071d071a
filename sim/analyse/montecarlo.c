/* montecarlo.c - the budget under uncertainty (see montecarlo.h).
 *
 * mc_run() plans the blocks of draws, starts the workers (work()), each of
 * which takes every T-th block on its own copy of the scenario, then merges
 * what they counted in a fixed order and reads the percentiles from the
 * stored values, sorted.
 *
 * This file may use: core/, analyse/common.h, GSL, POSIX threads and the C
 * library. */
#include "analyse/montecarlo.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyse/common.h"
#include "core/bind.h"
#include "core/budget.h"
#include "core/fastvote.h"
#include "core/guard.h"

#define MESSAGE_MAX 1000 /* a worker's reason for failing */

const double bs_mc_pct[BS_MC_NPCT] = {0.05, 0.25, 0.50, 0.75, 0.95};

const char *mc_dist_name(int dist)
{
    static const char *const names[] = {"normal", "lognormal", "uniform", "triangular", "beta"};
    return dist >= 0 && dist < (int)(sizeof names / sizeof names[0]) ? names[dist] : "?";
}

/* One step of splitmix64: a well-mixed 64-bit value from x. */
static uint64_t splitmix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

uint64_t mc_block_seed(unsigned long seed, long block)
{
    return splitmix64(splitmix64((uint64_t)seed) ^ (uint64_t)block);
}

double mc_sample(const bs_uncertainty *u, const gsl_rng *r)
{
    switch (u->dist) {
    case BS_DIST_NORMAL: return u->mean + gsl_ran_gaussian(r, u->sd);
    case BS_DIST_LOGNORMAL: return gsl_ran_lognormal(r, u->log_mean, u->log_sd);
    case BS_DIST_UNIFORM: return gsl_ran_flat(r, u->low, u->high);
    case BS_DIST_TRIANGULAR: {
        /* GSL has none: the inverse of the distribution function at a uniform draw */
        double p = gsl_rng_uniform(r), w = u->high - u->low, c = (u->mode - u->low) / w;
        if (p < c)
            return u->low + sqrt(p * w * (u->mode - u->low));
        return u->high - sqrt((1.0 - p) * w * (u->high - u->mode));
    }
    case BS_DIST_BETA: return u->low + (u->high - u->low) * gsl_ran_beta(r, u->a, u->b);
    }
    return 0.0;
}

/* Shared by the threads; each writes only its own blocks' slots. */
typedef struct {
    const bs_scenario *sc;
    const bs_mc_spec *spec;
    long nblocks;
    long stored;
    int nyears;
    bool vote, cache;
    double *gap, *reserve;          /* [year * stored + draw], for draws < stored */
    double *block_p, *block_p2;     /* per block: sum of p and of p^2 */
} shared;

/* One worker: which blocks it takes (index, index + T, ...), what it counted
 * and, when it stopped early, why. */
typedef struct {
    const shared *sh;
    int index;
    int failed;                     /* 0, or an errno-like failure: out of memory */
    char message[MESSAGE_MAX];
    long bad_draw;                  /* the first draw whose budget is not finite, or -1 */
    bs_error bad;                   /* why: bad input naming the uncertainty */
    long below_min_any, below_min[BS_MAX_YEARS];
    long runs_out_any, runs_out[BS_MAX_YEARS];
    pthread_t tid;
} worker;

/* What one worker runs the draws with: its own copy of the scenario, bound
 * to the uncertain settings, a result, the vote and a generator. */
typedef struct {
    bs_scenario *sc;                /* heap memory, like r, fv and rng: engine_close */
    bs_result *r;
    bs_fast_vote *fv;               /* NULL when there is no council */
    gsl_rng *rng;
    bs_binding bind[BS_MAX_UNCERTAIN];
    double base[BS_MAX_UNCERTAIN][BS_MAX_YEARS]; /* the values the scenario gives, for apply = "offset" */
} engine;

/* A failure that is not the input's: kept in w for mc_run to report. */
static void worker_fail(worker *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void worker_fail(worker *w, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    w->failed = 1;
    vsnprintf(w->message, sizeof w->message, fmt, ap);
    va_end(ap);
}

/* Draw i gave an infinity or a NaN: keep it as bad input naming the
 * uncertainty to blame, where it was written. */
static void not_finite(worker *w, bs_scenario *sc, const bs_result *r, const bs_binding *bind, long i)
{
    char what[BS_WHAT_MAX], drawn[BS_VALUES_MAX] = "";
    guard_describe(sc, r, what, sizeof what);
    size_t len = 0;
    for (int k = 0; k < sc->nuncertain && len < sizeof drawn; k++)
        len += (size_t)snprintf(drawn + len, sizeof drawn - len, "%s%s = %.10g", k ? ", " : "", bind[k].path,
                                bind_get(&bind[k]));
    int k = guard_culprit(sc, bind, sc->nuncertain);
    const bs_uncertainty *u = &sc->uncertain[k >= 0 ? k : 0];
    char setting[BS_ID_MAX + 16];
    snprintf(setting, sizeof setting, "uncertainty.%s", u->id);
    w->bad_draw = i;
    bs_fail(&w->bad, u->file, u->line, setting,
            "draw %ld (%s) makes the budget impossible to compute: %s (an overflow or a division by zero)", i + 1,
            drawn, what);
}

/* Free what engine_open() allocated (any part may be NULL). */
static void engine_close(engine *e)
{
    if (e->rng)
        gsl_rng_free(e->rng);
    free(e->fv);
    result_free(e->r);
    scenario_free(e->sc);
}

/* Give w its engine: a copy of the scenario, bound, with its vote. Returns
 * 0, or -1 with the reason in w (engine_close frees what was made). */
static int engine_open(worker *w, engine *e)
{
    const shared *sh = w->sh;
    memset(e, 0, sizeof *e);
    e->sc = scenario_new();
    e->r = result_new();
    e->fv = sh->vote ? malloc(sizeof *e->fv) : NULL;
    e->rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!e->sc || !e->r || !e->rng || (sh->vote && !e->fv)) {
        worker_fail(w, "out of memory");
        return -1;
    }
    bs_scenario *sc = e->sc;
    memcpy(sc, sh->sc, sizeof *sc);
    for (int k = 0; k < sc->nuncertain; k++) {
        bs_error err = {0};
        if (bind_path(sc, sc->uncertain[k].path, &e->bind[k], &err) != 0) { /* checked by the reader */
            worker_fail(w, "%.255s: %.500s", err.setting, err.message);
            return -1;
        }
        for (int t = 0; t < e->bind[k].count; t++)
            e->base[k][t] = e->bind[k].values[e->bind[k].first + t];
    }
    if (e->fv) {
        bs_error err = {0};
        if (fast_vote_init(e->fv, sc, sh->cache, &err) != 0) {
            worker_fail(w, "%.500s", err.message);
            return -1;
        }
    }
    return 0;
}

/* Count draw i, whose budget is in r, against the general reserve's minimum
 * (as its rule, core/rules/general_reserve.c, judged it in budget_run) and
 * against 0 in each year, and store its values when it is one of the first. */
static void tally_draw(worker *w, const bs_result *r, long i)
{
    const shared *sh = w->sh;
    int below = 0, out = 0;
    for (int t = 0; t < sh->nyears; t++) {
        double g = r->gap_after_m[t], res = r->reserve_close_m[0][t];
        if (!r->rule_ok[BS_RULE_MINIMUM][t]) {
            w->below_min[t]++;
            below = 1;
        }
        if (res < -BS_MONEY_EPS) { /* run out: below 0, to within £1 */
            w->runs_out[t]++;
            out = 1;
        }
        if (i < sh->stored) {
            sh->gap[(size_t)t * (size_t)sh->stored + (size_t)i] = g;
            sh->reserve[(size_t)t * (size_t)sh->stored + (size_t)i] = res;
        }
    }
    w->below_min_any += below;
    w->runs_out_any += out;
}

/* Run the draws of block blk with e, and keep the block's sums of the
 * probability of passing. Returns 0, or -1 with the failure in w. */
static int run_block(worker *w, engine *e, long blk)
{
    const shared *sh = w->sh;
    bs_scenario *sc = e->sc;
    gsl_rng_set(e->rng, (unsigned long)mc_block_seed(sh->spec->seed, blk));
    long first = blk * BS_MC_BLOCK, last = first + BS_MC_BLOCK;
    if (last > sh->spec->draws)
        last = sh->spec->draws;
    double sp = 0.0, sp2 = 0.0;
    for (long i = first; i < last; i++) {
        for (int k = 0; k < sc->nuncertain; k++) {
            const bs_binding *b = &e->bind[k];
            double x = mc_sample(&sc->uncertain[k], e->rng);
            if (sc->uncertain[k].apply == BS_APPLY_OFFSET) /* added to each year's own value */
                for (int t = 0; t < b->count; t++)
                    b->values[b->first + t] = bind_clamp(b, e->base[k][t] + x);
            else
                bind_set(b, bind_clamp(b, x));
        }
        budget_run(sc, e->r);
        if (!budget_finite(sc, e->r)) {
            not_finite(w, sc, e->r, e->bind, i);
            return -1;
        }
        tally_draw(w, e->r, i);
        if (e->fv) {
            bool passed;
            int count[BS_TALLY_MAX];
            double p;
            if (fast_vote_eval(e->fv, e->r, &passed, count, &p) != 0) {
                worker_fail(w, "out of memory");
                return -1;
            }
            sp += p;
            sp2 += p * p;
        }
    }
    sh->block_p[blk] = sp;
    sh->block_p2[blk] = sp2;
    return 0;
}

/* A worker: blocks index, index + T, index + 2T ... of the draws. */
static void *work(void *arg)
{
    worker *w = arg;
    const shared *sh = w->sh;
    engine e;
    if (engine_open(w, &e) == 0)
        for (long blk = w->index; blk < sh->nblocks; blk += sh->spec->threads)
            if (run_block(w, &e, blk) != 0)
                break;
    engine_close(&e);
    return NULL;
}

/* Sorting the stored values, one array per year and quantity, shared out
 * among the threads. */
typedef struct {
    double *values;       /* 2 x nyears arrays of n values, one after another */
    size_t n;
    int narrays, index, threads;
    pthread_t tid;
} sorter;

/* Sort arrays index, index + threads, ... of s (a thread's share). */
static void *sort_some(void *arg)
{
    sorter *s = arg;
    for (int k = s->index; k < s->narrays; k += s->threads)
        gsl_sort(s->values + (size_t)k * s->n, 1, s->n);
    return NULL;
}

/* Sort 2 x nyears arrays of n values; the gap's and the reserve's arrays
 * are given separately. */
static void sort_all(double *gap, double *reserve, size_t n, int nyears, int threads)
{
    sorter s[2 * BS_MAX_YEARS];
    /* T sorters for each half, each of nyears arrays: 2 x T fit in s */
    int T = threads < nyears ? threads : nyears;
    for (int half = 0; half < 2; half++)
        for (int k = 0; k < T; k++) {
            sorter *x = &s[half * T + k];
            x->values = half ? reserve : gap;
            x->n = n;
            x->narrays = nyears;
            x->index = k;
            x->threads = T;
        }
    int total = 2 * T;
    /* a sorter that cannot start runs here: the result is the same */
    int ok[2 * BS_MAX_YEARS];
    for (int k = 0; k < total; k++) {
        ok[k] = total > 1 && pthread_create(&s[k].tid, NULL, sort_some, &s[k]) == 0;
        if (!ok[k])
            sort_some(&s[k]);
    }
    for (int k = 0; k < total; k++)
        if (ok[k])
            pthread_join(s[k].tid, NULL);
}

/* Fill the parts of res and sh that follow from sc and spec alone. */
static void plan(const bs_scenario *sc, const bs_mc_spec *spec, bs_mc_result *res, shared *sh)
{
    memset(res, 0, sizeof *res);
    res->seed = spec->seed;
    res->draws = spec->draws;
    res->nyears = sc->nyears;
    res->first_year = sc->first_year;
    res->has_vote = sc->chamber.given;

    memset(sh, 0, sizeof *sh);
    sh->sc = sc;
    sh->spec = spec;
    sh->nyears = sc->nyears;
    sh->nblocks = (spec->draws + BS_MC_BLOCK - 1) / BS_MC_BLOCK;
    sh->stored = spec->draws < BS_MC_STORED_DRAWS ? spec->draws : BS_MC_STORED_DRAWS;
    if (sh->stored * sc->nyears > BS_MC_STORED_VALUES)
        sh->stored = BS_MC_STORED_VALUES / sc->nyears;
    res->stored = sh->stored;
    sh->vote = sc->chamber.given;
    /* The odds of passing are remembered by pattern of red lines, which
     * holds only while the council's own settings stay put. */
    sh->cache = true;
    for (int k = 0; k < sc->nuncertain; k++)
        if (analyse_is_council_path(sc->uncertain[k].path))
            sh->cache = false;
}

/* The arrays of sh, in heap memory (shared_free). Returns 0, or -1 when out
 * of memory (what was allocated is still freed by shared_free). */
static int shared_alloc(shared *sh)
{
    sh->gap = malloc((size_t)sh->stored * (size_t)sh->nyears * sizeof *sh->gap);
    sh->reserve = malloc((size_t)sh->stored * (size_t)sh->nyears * sizeof *sh->reserve);
    sh->block_p = calloc((size_t)sh->nblocks, sizeof *sh->block_p);
    sh->block_p2 = calloc((size_t)sh->nblocks, sizeof *sh->block_p2);
    return sh->gap && sh->reserve && sh->block_p && sh->block_p2 ? 0 : -1;
}

/* Free the arrays of sh (any may be NULL). */
static void shared_free(shared *sh)
{
    free(sh->block_p2);
    free(sh->block_p);
    free(sh->reserve);
    free(sh->gap);
}

/* The budget with the file's own values, into res. Returns 0, or -1 when
 * out of memory. */
static int run_base(const bs_scenario *sc, bs_mc_result *res)
{
    bs_result *base = result_new();
    if (!base)
        return -1;
    budget_run(sc, base);
    for (int t = 0; t < sc->nyears; t++) {
        res->base_gap_m[t] = base->gap_after_m[t];
        res->base_reserve_m[t] = base->reserve_close_m[0][t];
    }
    result_free(base);
    return 0;
}

/* Run the n workers in w on sh: one runs here, more on threads of their
 * own. A thread that cannot start is a failure kept in its worker. */
static void run_workers(worker *w, int n, shared *sh)
{
    for (int k = 0; k < n; k++)
        w[k].bad_draw = -1;
    int started = 0;
    for (int k = 0; k < n; k++) {
        w[k].sh = sh;
        w[k].index = k;
        if (n == 1) {
            work(&w[k]);
            continue;
        }
        if (pthread_create(&w[k].tid, NULL, work, &w[k]) != 0) {
            worker_fail(&w[k], "cannot start a thread");
            break;
        }
        started++;
    }
    for (int k = 0; k < started; k++)
        pthread_join(w[k].tid, NULL);
}

/* The failure to report, if any: the first bad draw in draw order, whatever
 * the number of threads, else the first worker that failed. Returns 0 when
 * none failed, or -1 with err. */
static int first_failure(const worker *w, int n, bs_error *err)
{
    int first_bad = -1;
    for (int k = 0; k < n; k++)
        if (w[k].bad_draw >= 0 && (first_bad < 0 || w[k].bad_draw < w[first_bad].bad_draw))
            first_bad = k;
    if (first_bad >= 0) {
        *err = w[first_bad].bad;
        return -1;
    }
    for (int k = 0; k < n; k++)
        if (w[k].failed)
            return bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "%s", w[k].message);
    return 0;
}

/* Add up the workers' counts into res, worker by worker. */
static void merge_counts(const worker *w, int n, bs_mc_result *res)
{
    for (int k = 0; k < n; k++) {
        res->below_min_any += w[k].below_min_any;
        res->runs_out_any += w[k].runs_out_any;
        for (int t = 0; t < res->nyears; t++) {
            res->below_min[t] += w[k].below_min[t];
            res->runs_out[t] += w[k].runs_out[t];
        }
    }
}

/* Sort the stored values (on up to threads threads) and read the
 * percentiles of each year into res. */
static void percentiles(shared *sh, int threads, bs_mc_result *res)
{
    sort_all(sh->gap, sh->reserve, (size_t)sh->stored, sh->nyears, threads);
    for (int t = 0; t < sh->nyears; t++) {
        double *g = sh->gap + (size_t)t * (size_t)sh->stored, *v = sh->reserve + (size_t)t * (size_t)sh->stored;
        for (int q = 0; q < BS_MC_NPCT; q++) {
            res->gap_m[t][q] = gsl_stats_quantile_from_sorted_data(g, 1, (size_t)sh->stored, bs_mc_pct[q]);
            res->reserve_m[t][q] = gsl_stats_quantile_from_sorted_data(v, 1, (size_t)sh->stored, bs_mc_pct[q]);
        }
    }
}

/* The mean probability of passing and its standard error, from the blocks'
 * sums added block by block, in order: the same sum whatever the threads. */
static void pass_probability(const shared *sh, long draws, bs_mc_result *res)
{
    double sp = 0.0, sp2 = 0.0, n = (double)draws;
    for (long b = 0; b < sh->nblocks; b++) {
        sp += sh->block_p[b];
        sp2 += sh->block_p2[b];
    }
    res->p_pass = sp / n;
    double var = draws > 1 ? (sp2 - n * res->p_pass * res->p_pass) / (n - 1) : 0.0;
    res->p_pass_se = var > 0 ? sqrt(var / n) : 0.0;
}

bs_mc_result *mc_result_new(void)
{
    return calloc(1, sizeof(bs_mc_result));
}

int mc_run(const bs_scenario *sc, const bs_mc_spec *spec, bs_mc_result *res, bs_error *err)
{
    shared sh;
    plan(sc, spec, res, &sh);
    worker *w = calloc((size_t)spec->threads, sizeof *w);
    int rc = 0;
    if (shared_alloc(&sh) != 0 || !w || run_base(sc, res) != 0) {
        rc = bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory for %ld draws", spec->draws);
    } else {
        run_workers(w, spec->threads, &sh);
        rc = first_failure(w, spec->threads, err);
    }
    if (rc == 0) {
        merge_counts(w, spec->threads, res);
        percentiles(&sh, spec->threads, res);
        if (sh.vote)
            pass_probability(&sh, spec->draws, res);
    }
    free(w);
    shared_free(&sh);
    return rc;
}

void mc_result_free(bs_mc_result *res)
{
    free(res);
}
