/* montecarlo.c - the budget under uncertainty (see montecarlo.h).
 *
 * mc_run() plans the blocks of draws, starts the workers (work()), each of
 * which takes every T-th block on its own copy of the scenario (running
 * each draw by the incremental plan of core/budget.h, which gives every
 * value bit for bit as a full budget_run does), then merges
 * what they counted in a fixed order and reads the percentiles from the
 * stored values by selection (analyse/select.c). With windows (see
 * montecarlo.h) the workers run twice: over the pilot's blocks, then, once
 * set_windows() has read the windows from the pilot, over the rest.
 *
 * Every value is kept with -0 made +0, so that the order statistics are the
 * same values whatever order the threads kept them in (no output shows the
 * sign of a zero).
 *
 * This file may use: core/, analyse/common.h, analyse/select.h, GSL, POSIX
 * threads and the C library. */
#include "analyse/montecarlo.h"

#include <gsl/gsl_randist.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyse/common.h"
#include "analyse/select.h"
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

#define NARR (2 * BS_MAX_YEARS) /* arrays of values: the gap's years, then the reserve's */

/* Shared by the threads; each writes only its own blocks' slots. */
typedef struct {
    const bs_scenario *sc;
    const bs_mc_spec *spec;
    long nblocks;
    long first_blk, last_blk;       /* the blocks the workers run now */
    atomic_long *next_blk;          /* the next of them to take (run_phase's counter) */
    long stored;
    long keep;                      /* the first draws whose every value is kept: stored, or the pilot */
    int mode;                       /* BS_MC_KEEP_ALL or BS_MC_WINDOWS */
    int nyears;
    bool vote, cache;
    bool full, check;               /* BS_MC_FULL_RUNS, BS_MC_CHECK_INCR (montecarlo.h) */
    double *gap, *reserve;          /* [year * keep + draw], for draws < keep */
    double *block_p, *block_p2;     /* per block: sum of p and of p^2 */
    int nwin[NARR];                 /* windows: array a keeps keep <= draw < stored in */
    double edge[NARR][2 * BS_MC_NPCT]; /* window j is [edge[2j], edge[2j+1]]: disjoint, ascending */
} shared;

/* Values kept in a window, in heap memory. */
typedef struct {
    double *v;
    size_t n, cap;
} vec;

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
    long count[NARR][4 * BS_MC_NPCT + 1]; /* values by where they fall (window_put) */
    vec win[NARR][BS_MC_NPCT];      /* those strictly inside each window */
    pthread_t tid;
} worker;

/* What one worker runs the draws with: its own copy of the scenario, bound
 * to the uncertain settings, a result with the incremental plan that
 * recomputes only what the uncertain settings reach (core/budget.h), the
 * vote and a generator. */
typedef struct {
    bs_scenario *sc;                /* heap memory, like r, full, incr, fv and rng: engine_close */
    bs_result *r;
    bs_result *full;                /* with BS_MC_CHECK_INCR: each draw's fresh budget_run */
    bs_incr *incr;
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
    free(e->incr);
    result_free(e->full);
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
    e->incr = malloc(sizeof *e->incr);
    e->full = sh->check ? result_new() : NULL;
    if (!e->sc || !e->r || !e->rng || (sh->vote && !e->fv) || !e->incr || (sh->check && !e->full)) {
        worker_fail(w, "out of memory");
        return -1;
    }
    bs_scenario *sc = e->sc;
    memcpy(sc, sh->sc, sizeof *sc);
    budget_incr_init(e->incr);
    for (int k = 0; k < sc->nuncertain; k++) {
        bs_error err = {0};
        if (bind_path(sc, sc->uncertain[k].path, &e->bind[k], &err) != 0) { /* checked by the reader */
            worker_fail(w, "%.255s: %.500s", err.setting, err.message);
            return -1;
        }
        for (int t = 0; t < e->bind[k].count; t++)
            e->base[k][t] = e->bind[k].values[e->bind[k].first + t];
        budget_incr_vary(e->incr, sc, e->bind[k].values + e->bind[k].first,
                         (size_t)e->bind[k].count * sizeof(double));
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

/* Count x (of array a) where it falls among the windows of a, 4 j + 0:
 * below window j (and above window j - 1), 4 j + 1: at its lower end, 4 j
 * + 3: at its upper end (ties at the ends cost no memory); or keep it when
 * strictly inside window j. Values above every window are not counted.
 * (A branch-free sum of comparisons over every edge measured slower than
 * stopping at the first window reached.) Returns 0, or -1 when out of
 * memory. */
static int window_put(worker *w, int a, double x)
{
    const shared *sh = w->sh;
    const double *e = sh->edge[a];
    for (int j = 0; j < sh->nwin[a]; j++, e += 2) {
        if (x > e[1])
            continue;
        if (x < e[0]) {
            w->count[a][4 * j]++;
        } else if (x == e[0]) {
            w->count[a][4 * j + 1]++;
        } else if (x == e[1]) {
            w->count[a][4 * j + 3]++;
        } else {
            vec *b = &w->win[a][j];
            if (b->n == b->cap) {
                size_t cap = b->cap ? 2 * b->cap : 1024;
                double *v = realloc(b->v, cap * sizeof *v);
                if (!v)
                    return -1;
                b->v = v;
                b->cap = cap;
            }
            b->v[b->n++] = x;
        }
        return 0;
    }
    return 0;
}

/* x with -0 made +0 (see the head of the file). */
static double plus_zero(double x)
{
    return x == 0.0 ? 0.0 : x;
}

/* Count draw i, whose budget is in r, against the general reserve's minimum
 * (as its rule, core/rules/general_reserve.c, judged it in budget_run) and
 * against 0 in each year, and keep its values when it is one of the first
 * (all of them, or those in a window). Returns 0, or -1 when out of memory. */
static int tally_draw(worker *w, const bs_result *r, long i)
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
        if (i < sh->keep) {
            sh->gap[(size_t)t * (size_t)sh->keep + (size_t)i] = plus_zero(g);
            sh->reserve[(size_t)t * (size_t)sh->keep + (size_t)i] = plus_zero(res);
        } else if (i < sh->stored) {
            if (window_put(w, t, plus_zero(g)) != 0 || window_put(w, sh->nyears + t, plus_zero(res)) != 0)
                return -1;
        }
    }
    w->below_min_any += below;
    w->runs_out_any += out;
    return 0;
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
        int finite;
        if (sh->full) {
            budget_run(sc, e->r);
            finite = budget_finite(sc, e->r);
        } else {
            /* every uncertain setting takes a new value each draw */
            budget_incr_run_changed(e->incr, sc, e->r, ~0u);
            finite = budget_incr_finite(e->incr, sc, e->r);
        }
        if (sh->check) {
            budget_run(sc, e->full);
            if (memcmp(e->full, e->r, sizeof *e->r) != 0 || finite != budget_finite(sc, e->full)) {
                worker_fail(w, "draw %ld: the incremental run differs from a full one", i + 1);
                return -1;
            }
        }
        if (!finite) {
            not_finite(w, sc, e->r, e->bind, i);
            return -1;
        }
        if (tally_draw(w, e->r, i) != 0) {
            worker_fail(w, "out of memory");
            return -1;
        }
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

/* A worker: the next block of this run not yet taken, until none is left
 * or it fails. The first bad draw is still found: every block before the
 * one that failed was taken before it, and is run to its end (or to a bad
 * draw of its own, an earlier one). */
static void *work(void *arg)
{
    worker *w = arg;
    const shared *sh = w->sh;
    engine e;
    if (engine_open(w, &e) == 0)
        /* blocks taken in order, each by whichever worker is free: a block's
         * draws come from its own seed, and what the workers keep adds up
         * the same whoever ran which (on a shared machine, one thread can
         * run slower than the other) */
        for (long blk; (blk = atomic_fetch_add(sh->next_blk, 1)) < sh->last_blk;)
            if (run_block(w, &e, blk) != 0)
                break;
    engine_close(&e);
    return NULL;
}

/* The ranks the percentiles of n values read (see quantile_ranks),
 * ascending, each once, into rk; returns how many. */
static int needed_ranks(size_t n, size_t rk[2 * BS_MC_NPCT])
{
    int nr = 0;
    for (int q = 0; q < BS_MC_NPCT; q++) {
        size_t lhs;
        quantile_ranks(n, bs_mc_pct[q], &lhs);
        for (size_t k = lhs; k <= lhs + 1 && k < n; k++) {
            int j = nr++;
            for (; j > 0 && rk[j - 1] > k; j--)
                rk[j] = rk[j - 1];
            rk[j] = k;
        }
    }
    int u = 0;
    for (int j = 0; j < nr; j++)
        if (u == 0 || rk[u - 1] != rk[j])
            rk[u++] = rk[j];
    return u;
}

/* The percentiles of n values, given the order statistics at[] of the ranks rk[0..nr). */
static void read_percentiles(size_t n, const size_t *rk, const double *at, int nr, double out[BS_MC_NPCT])
{
    for (int q = 0; q < BS_MC_NPCT; q++) {
        size_t lhs;
        quantile_ranks(n, bs_mc_pct[q], &lhs);
        double x0 = 0.0, x1 = 0.0;
        for (int j = 0; j < nr; j++) {
            if (rk[j] == lhs)
                x0 = at[j];
            if (rk[j] == lhs + 1)
                x1 = at[j];
        }
        out[q] = quantile_from_ranks(n, bs_mc_pct[q], x0, x1);
    }
}

/* The percentiles of all n values of v (reordered) into out. */
static void percentiles_of(double *v, size_t n, double out[BS_MC_NPCT])
{
    size_t rk[2 * BS_MC_NPCT];
    double at[2 * BS_MC_NPCT];
    int nr = needed_ranks(n, rk);
    select_ranks(v, n, rk, nr);
    for (int j = 0; j < nr; j++)
        at[j] = v[rk[j]];
    read_percentiles(n, rk, at, nr, out);
}

/* Finding the percentiles of the kept values, one array per year and
 * quantity, shared out among the threads. */
typedef struct {
    const shared *sh;
    bs_mc_result *res;    /* each array's percentiles written by one selector */
    int index, threads;
    pthread_t tid;
} selector;

/* Arrays index, index + threads, ... of 2 x nyears (a thread's share). */
static void *select_some(void *arg)
{
    selector *s = arg;
    const shared *sh = s->sh;
    for (int a = s->index; a < 2 * sh->nyears; a += s->threads) {
        int t = a % sh->nyears;
        double *v = (a < sh->nyears ? sh->gap : sh->reserve) + (size_t)t * (size_t)sh->keep;
        percentiles_of(v, (size_t)sh->keep, a < sh->nyears ? s->res->gap_m[t] : s->res->reserve_m[t]);
    }
    return NULL;
}

/* The percentiles when every stored value is kept, on up to threads threads. */
static void percentiles_kept(const shared *sh, int threads, bs_mc_result *res)
{
    selector s[NARR];
    int total = threads < 2 * sh->nyears ? threads : 2 * sh->nyears;
    /* a selector that cannot start runs here: the result is the same */
    int ok[NARR];
    for (int k = 0; k < total; k++) {
        s[k] = (selector){.sh = sh, .res = res, .index = k, .threads = total};
        ok[k] = total > 1 && pthread_create(&s[k].tid, NULL, select_some, &s[k]) == 0;
        if (!ok[k])
            select_some(&s[k]);
    }
    for (int k = 0; k < total; k++)
        if (ok[k])
            pthread_join(s[k].tid, NULL);
}

/* After the pilot: each array's windows from the pilot's order statistics,
 * then the pilot's values counted against them (into w, the first worker).
 * A percentile f's window runs from the pilot's order statistic f (P - 1) -
 * h to that at f (P - 1) + h, h = sigmas sqrt(f (1 - f) P) + 2 (with no
 * end past the pilot's ends); overlapping windows are joined. Returns 0, or
 * -1 when out of memory. set_windows_of: array a's; set_windows: every
 * array's, shared out among the threads (each array's windows and counts
 * are its own, so the result is the same on any number). */
static int set_windows_of(shared *sh, worker *w, double sigmas, int a)
{
    const double P = (double)sh->keep;
    int t = a % sh->nyears;
    double *v = (a < sh->nyears ? sh->gap : sh->reserve) + (size_t)t * (size_t)sh->keep;
    long lo_rank[BS_MC_NPCT], hi_rank[BS_MC_NPCT];
    size_t rk[2 * BS_MC_NPCT];
    int nr = 0;
    for (int q = 0; q < BS_MC_NPCT; q++) {
        double f = bs_mc_pct[q], c = f * (P - 1), h = sigmas * sqrt(f * (1 - f) * P) + 2;
        lo_rank[q] = c - h < 0 ? -1 : (long)floor(c - h);
        hi_rank[q] = c + h > P - 1 ? -1 : (long)ceil(c + h);
        long both[2] = {lo_rank[q], hi_rank[q]};
        for (int e = 0; e < 2; e++)
            if (both[e] >= 0) {
                int j = nr++;
                for (; j > 0 && rk[j - 1] > (size_t)both[e]; j--)
                    rk[j] = rk[j - 1];
                rk[j] = (size_t)both[e];
            }
    }
    select_ranks(v, (size_t)sh->keep, rk, nr);
    int n = 0;
    for (int q = 0; q < BS_MC_NPCT; q++) {
        double lo = lo_rank[q] < 0 ? -INFINITY : v[lo_rank[q]], hi = hi_rank[q] < 0 ? INFINITY : v[hi_rank[q]];
        if (n > 0 && lo <= sh->edge[a][2 * n - 1]) {
            if (hi > sh->edge[a][2 * n - 1])
                sh->edge[a][2 * n - 1] = hi;
        } else {
            sh->edge[a][2 * n] = lo;
            sh->edge[a][2 * n + 1] = hi;
            n++;
        }
    }
    sh->nwin[a] = n;
    for (long i = 0; i < sh->keep; i++)
        if (window_put(w, a, v[i]) != 0)
            return -1;
    return 0;
}

/* One thread's share of the windows: arrays index, index + threads, ... */
typedef struct {
    shared *sh;
    worker *w;
    double sigmas;
    int index, threads, failed;
    pthread_t tid;
} windower;

static void *windows_some(void *arg)
{
    windower *s = arg;
    for (int a = s->index; a < 2 * s->sh->nyears && !s->failed; a += s->threads)
        s->failed = set_windows_of(s->sh, s->w, s->sigmas, a) != 0;
    return NULL;
}

static int set_windows(shared *sh, worker *w, double sigmas, int threads)
{
    windower s[NARR];
    int total = threads < 2 * sh->nyears ? threads : 2 * sh->nyears, ok[NARR], failed = 0;
    /* one that cannot start runs here: the windows are the same */
    for (int k = 0; k < total; k++) {
        s[k] = (windower){.sh = sh, .w = w, .sigmas = sigmas, .index = k, .threads = total};
        ok[k] = total > 1 && pthread_create(&s[k].tid, NULL, windows_some, &s[k]) == 0;
        if (!ok[k])
            windows_some(&s[k]);
    }
    for (int k = 0; k < total; k++) {
        if (ok[k])
            pthread_join(s[k].tid, NULL);
        failed |= s[k].failed;
    }
    return failed ? -1 : 0;
}

/* The percentiles from the windows of the n workers in w. Returns 0, 1
 * when a rank asked for is in no window, or -1 when out of memory. */
static int percentiles_windowed(const shared *sh, const worker *w, int n, bs_mc_result *res)
{
    size_t rk[2 * BS_MC_NPCT];
    int nr = needed_ranks((size_t)sh->stored, rk);
    for (int a = 0; a < 2 * sh->nyears; a++) {
        double at[2 * BS_MC_NPCT];
        int found = 0;
        size_t below = 0; /* values below window j */
        for (int j = 0; j < sh->nwin[a]; j++) {
            /* ranks below, then at lo, then strictly inside (kept), then at hi */
            size_t lo = 0, len = 0, hi = 0;
            for (int k = 0; k < n; k++) {
                below += (size_t)w[k].count[a][4 * j];
                lo += (size_t)w[k].count[a][4 * j + 1];
                len += w[k].win[a][j].n;
                hi += (size_t)w[k].count[a][4 * j + 3];
            }
            size_t in[2 * BS_MC_NPCT];
            int first = -1, m = 0;
            for (int r = 0; r < nr; r++) {
                if (rk[r] < below || rk[r] >= below + lo + len + hi)
                    continue;
                found++;
                if (rk[r] < below + lo) {
                    at[r] = sh->edge[a][2 * j];
                } else if (rk[r] >= below + lo + len) {
                    at[r] = sh->edge[a][2 * j + 1];
                } else {
                    if (first < 0)
                        first = r;
                    in[m++] = rk[r] - below - lo;
                }
            }
            if (m > 0) {
                double *v = malloc(len * sizeof *v);
                if (!v)
                    return -1;
                size_t o = 0;
                for (int k = 0; k < n; k++) {
                    memcpy(v + o, w[k].win[a][j].v, w[k].win[a][j].n * sizeof *v);
                    o += w[k].win[a][j].n;
                }
                select_ranks(v, len, in, m);
                for (int r = 0; r < m; r++)
                    at[first + r] = v[in[r]];
                free(v);
            }
            below += lo + len + hi;
        }
        if (found < nr)
            return 1;
        int t = a % sh->nyears;
        read_percentiles((size_t)sh->stored, rk, at, nr, a < sh->nyears ? res->gap_m[t] : res->reserve_m[t]);
    }
    return 0;
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
    sh->gap = malloc((size_t)sh->keep * (size_t)sh->nyears * sizeof *sh->gap);
    sh->reserve = malloc((size_t)sh->keep * (size_t)sh->nyears * sizeof *sh->reserve);
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

/* Run the n workers in w over blocks first .. last - 1 of sh. Returns 0,
 * or -1 with err. */
static int run_phase(worker *w, int n, shared *sh, long first, long last, bs_error *err)
{
    atomic_long next = first;
    sh->first_blk = first;
    sh->last_blk = last;
    sh->next_blk = &next;
    run_workers(w, n, sh);
    sh->next_blk = NULL;
    return first_failure(w, n, err);
}

/* The run, its percentiles found as mode says. Returns 0, 1 when a rank
 * missed its window (res is then to be thrown away), or -1 with err. */
static int attempt(const bs_scenario *sc, const bs_mc_spec *spec, int mode, int runs, double sigmas,
                   bs_mc_result *res, bs_error *err)
{
    shared sh;
    plan(sc, spec, res, &sh);
    sh.mode = mode;
    sh.full = (runs & BS_MC_FULL_RUNS) != 0;
    sh.check = (runs & BS_MC_CHECK_INCR) != 0;
    sh.keep = mode == BS_MC_WINDOWS ? BS_MC_PILOT : sh.stored;
    res->pct_how = mode;
    worker *w = calloc((size_t)spec->threads, sizeof *w);
    int rc = 0;
    long pilot_blocks = mode == BS_MC_WINDOWS ? BS_MC_PILOT / BS_MC_BLOCK : sh.nblocks;
    if (shared_alloc(&sh) != 0 || !w || run_base(sc, res) != 0) {
        rc = bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory for %ld draws", spec->draws);
    } else {
        rc = run_phase(w, spec->threads, &sh, 0, pilot_blocks, err);
        if (rc == 0 && mode == BS_MC_WINDOWS) {
            w[0].sh = &sh;
            if (set_windows(&sh, w, sigmas > 0 ? sigmas : BS_MC_SIGMAS, spec->threads) != 0)
                rc = bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory for %ld draws", spec->draws);
            else
                rc = run_phase(w, spec->threads, &sh, pilot_blocks, sh.nblocks, err);
        }
    }
    if (rc == 0) {
        merge_counts(w, spec->threads, res);
        if (mode == BS_MC_WINDOWS) {
            rc = percentiles_windowed(&sh, w, spec->threads, res);
            if (rc < 0)
                rc = bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory for %ld draws", spec->draws);
        } else {
            percentiles_kept(&sh, spec->threads, res);
        }
        if (sh.vote)
            pass_probability(&sh, spec->draws, res);
    }
    for (int k = 0; w && k < spec->threads; k++)
        for (int a = 0; a < NARR; a++)
            for (int j = 0; j < BS_MC_NPCT; j++)
                free(w[k].win[a][j].v);
    free(w);
    shared_free(&sh);
    return rc;
}

int mc_run_how(const bs_scenario *sc, const bs_mc_spec *spec, int how, double sigmas, bs_mc_result *res,
               bs_error *err)
{
    int runs = how & (BS_MC_FULL_RUNS | BS_MC_CHECK_INCR);
    how &= ~runs;
    long stored = spec->draws < BS_MC_STORED_DRAWS ? spec->draws : BS_MC_STORED_DRAWS;
    if (stored * sc->nyears > BS_MC_STORED_VALUES)
        stored = BS_MC_STORED_VALUES / sc->nyears;
    int mode = how ? how : stored >= BS_MC_WINDOW_MIN ? BS_MC_WINDOWS : BS_MC_KEEP_ALL;
    if (stored <= BS_MC_PILOT)
        mode = BS_MC_KEEP_ALL;
    int rc = attempt(sc, spec, mode, runs, sigmas, res, err);
    if (rc == 1) { /* a rank outside its window: again, keeping every value */
        rc = attempt(sc, spec, BS_MC_KEEP_ALL, runs, 0, res, err);
        res->pct_how = BS_MC_KEEP_ALL | BS_MC_WINDOWS;
    }
    return rc;
}

int mc_run(const bs_scenario *sc, const bs_mc_spec *spec, bs_mc_result *res, bs_error *err)
{
    return mc_run_how(sc, spec, 0, 0, res, err);
}

void mc_result_free(bs_mc_result *res)
{
    free(res);
}
