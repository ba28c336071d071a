/* sweep_summary.c - the accumulator of `sweep --summary` (see
 * sweep_summary.h): a worker's minimum, maximum and counts, the frontier's
 * crossings, and the deterministic merge.
 *
 * This file may use: core/, analyse/sweep.h and common.h, POSIX threads and
 * the C library. */
#include "analyse/sweep_summary.h"

#include <stdlib.h>
#include <string.h>

#include "analyse/common.h"

#define EDGES_FIRST 64 /* room for run ends at first; doubled as needed */

struct bs_sweep_acc {
    bs_sweep_summary *s;
    bs_summary_col col[BS_SUMMARY_MAX_COLS];
    long long balances[BS_MAX_YEARS], balances_all, broken[BS_NRULES], passed;
    int seen;
    /* the last point added, for the frontier */
    int have_last;
    long long last, last_i, last_j; /* and its line and place on it (last / n2, last % n2) */
    double last_gap[BS_MAX_YEARS];
    unsigned char last_bal[BS_MAX_YEARS];
    /* ends of this worker's runs: [0] a run's last point, [1] its first */
    bs_run_ends ends;
};

/* Free what e holds. */
static void ends_free(bs_run_ends *e)
{
    for (int k = 0; k < 2; k++) {
        free(e->idx[k]);
        free(e->gap[k]);
        free(e->bal[k]);
    }
}

/* Append point idx (gap, bal: nyears each) to end k of e. Returns 0, or -1
 * when out of memory. */
static int ends_push(bs_run_ends *e, int k, int nyears, long long idx, const double *gap, const unsigned char *bal)
{
    if (e->n[k] == e->room[k]) {
        long long room = e->room[k] ? 2 * e->room[k] : EDGES_FIRST;
        long long *i2 = realloc(e->idx[k], (size_t)room * sizeof *i2);
        if (i2)
            e->idx[k] = i2;
        double *g2 = realloc(e->gap[k], (size_t)room * (size_t)nyears * sizeof *g2);
        if (g2)
            e->gap[k] = g2;
        unsigned char *b2 = realloc(e->bal[k], (size_t)room * (size_t)nyears);
        if (b2)
            e->bal[k] = b2;
        if (!i2 || !g2 || !b2)
            return -1;
        e->room[k] = room;
    }
    long long n = e->n[k]++;
    e->idx[k][n] = idx;
    memcpy(e->gap[k] + n * nyears, gap, (size_t)nyears * sizeof *gap);
    memcpy(e->bal[k] + n * nyears, bal, (size_t)nyears);
    return 0;
}

bs_sweep_summary *sweep_summary_new(const bs_scenario *sc, const bs_sweep_spec *spec, bs_error *err)
{
    bs_sweep_summary *s = calloc(1, sizeof *s);
    if (!s) {
        analyse_out_of_memory(err, "sweep");
        return NULL;
    }
    s->spec = spec;
    s->nyears = sc->nyears;
    s->first_year = sc->first_year;
    s->vote = sc->chamber.given;
    s->ncols = sc->nyears + 2 + (s->vote ? 2 : 0);
    s->npoints = sweep_count(spec);
    for (int t = 0; t < sc->nyears; t++)
        s->rule_checks[t] = bs_rules[BS_RULE_BALANCED]->applies(sc, t) != 0;
    pthread_mutex_init(&s->lock, NULL);
    if (spec->naxes == 2) {
        s->has_frontier = true;
        s->n1 = spec->axis[0].n;
        s->n2 = spec->axis[1].n;
        if (s->n1 * s->nyears > BS_SUMMARY_MAX_FRONTIER) {
            bs_fail(err, "", 0, "--summary",
                    "the frontier of a sweep of two settings has a line for each value of the first and each "
                    "year: at most %lld, not %lld x %d",
                    BS_SUMMARY_MAX_FRONTIER, s->n1, s->nyears);
            sweep_summary_free(s);
            return NULL;
        }
        size_t n = (size_t)(s->n1 * s->nyears);
        s->cross_at = malloc(n * sizeof *s->cross_at);
        s->cross_value = calloc(n, sizeof *s->cross_value);
        s->ncross = calloc(n, sizeof *s->ncross);
        s->first_balances = calloc(n, 1);
        if (!s->cross_at || !s->cross_value || !s->ncross || !s->first_balances) {
            sweep_summary_free(s);
            analyse_out_of_memory(err, "sweep");
            return NULL;
        }
        for (size_t k = 0; k < n; k++)
            s->cross_at[k] = -1;
    }
    return s;
}

void sweep_summary_free(bs_sweep_summary *s)
{
    if (!s)
        return;
    pthread_mutex_destroy(&s->lock);
    free(s->cross_at);
    free(s->cross_value);
    free(s->ncross);
    free(s->first_balances);
    ends_free(&s->ends);
    free(s);
}

bs_sweep_acc *sweep_acc_new(bs_sweep_summary *s)
{
    bs_sweep_acc *a = calloc(1, sizeof *a);
    if (a)
        a->s = s;
    return a;
}

void sweep_acc_free(bs_sweep_acc *a)
{
    if (!a)
        return;
    ends_free(&a->ends);
    free(a);
}

double sweep_summary_axis_value(const bs_sweep_summary *s, long long idx, int k)
{
    const bs_sweep_spec *spec = s->spec;
    long long rest = idx;
    for (int i = spec->naxes - 1; i > k; i--)
        rest /= spec->axis[i].n;
    return sweep_axis_value(&spec->axis[k], rest % spec->axis[k].n);
}

int sweep_summary_frontier_state(const bs_sweep_summary *s, long long i, int t)
{
    size_t e = (size_t)(i * s->nyears + t);
    return s->ncross[e] ? BS_FRONTIER_CROSSES : s->first_balances[e] ? BS_FRONTIER_THROUGHOUT : BS_FRONTIER_NEVER;
}

/* Fold the value v of point idx into column c: strictly smaller or larger
 * wins, a tie goes to the smaller index. */
static inline void col_add(bs_summary_col *c, int first, double v, long long idx)
{
    if (first || v < c->min || (v == c->min && idx < c->min_at)) {
        c->min = v;
        c->min_at = idx;
    }
    if (first || v > c->max || (v == c->max && idx < c->max_at)) {
        c->max = v;
        c->max_at = idx;
    }
}

/* The neighbouring points j - 1 and j of frontier line i, with their gaps
 * ga, gb and whether each year balances, bal_a, bal_b (nyears each): a
 * crossing in each year where one balances and the other does not, at the
 * value where the straight line through the two reaches the rule's limit.
 * Keeps the first crossing (the smallest j) and counts them all; takes the
 * lock when asked (from a worker). */
static void pair(bs_sweep_summary *s, long long i, long long j, const double *ga, const double *gb,
                 const unsigned char *bal_a, const unsigned char *bal_b, int lock)
{
    const bs_sweep_axis *ax = &s->spec->axis[1];
    for (int t = 0; t < s->nyears; t++) {
        if (bal_a[t] == bal_b[t])
            continue;
        double va = sweep_axis_value(ax, j - 1), vb = sweep_axis_value(ax, j);
        /* one is at most the limit and the other above it: gb != ga */
        double v = va + (BS_MONEY_EPS - ga[t]) * (vb - va) / (gb[t] - ga[t]);
        size_t e = (size_t)(i * s->nyears + t);
        if (lock)
            pthread_mutex_lock(&s->lock);
        s->ncross[e]++;
        if (s->cross_at[e] < 0 || j - 1 < s->cross_at[e]) {
            s->cross_at[e] = j - 1;
            s->cross_value[e] = v;
        }
        if (lock)
            pthread_mutex_unlock(&s->lock);
    }
}

int sweep_acc_add(bs_sweep_acc *a, long long idx, const bs_scenario *sc, const bs_result *r, bool passed,
                  double p_pass)
{
    bs_sweep_summary *s = a->s;
    int ny = s->nyears, first = !a->seen;
    unsigned char bal[BS_MAX_YEARS];
    int all = 1;
    (void)sc;
    for (int t = 0; t < ny; t++) {
        /* the balanced rule's own test, in every year of the horizon: the
         * model has already run it into rule_ok, every year, every run */
        bal[t] = r->rule_ok[BS_RULE_BALANCED][t];
        a->balances[t] += bal[t];
        all &= bal[t];
        col_add(&a->col[t], first, r->gap_after_m[t], idx);
    }
    a->balances_all += all;
    /* the rules broken, as budget_broken_count counts them (the rules_broken
     * column), and each rule broken in at least one year */
    int nbroken = 0;
    for (int k = 0; k < BS_NRULES; k++) {
        int broken = budget_broken_years(r, k);
        a->broken[k] += broken > 0;
        nbroken += broken;
    }
    col_add(&a->col[ny], first, r->reserve_close_m[0][ny - 1], idx);
    col_add(&a->col[ny + 1], first, (double)nbroken, idx);
    if (s->vote) {
        col_add(&a->col[ny + 2], first, passed ? 1.0 : 0.0, idx);
        col_add(&a->col[ny + 3], first, p_pass, idx);
        a->passed += passed;
    }
    a->seen = 1;
    if (s->has_frontier) {
        long long i, j;
        int next = a->have_last && a->last == idx - 1;
        if (next) { /* the point after the last: no division */
            i = a->last_i;
            j = a->last_j + 1;
            if (j == s->n2)
                i++, j = 0;
        } else {
            i = idx / s->n2;
            j = idx % s->n2;
        }
        if (j == 0)
            memcpy(s->first_balances + i * ny, bal, (size_t)ny); /* this point's own entries: no other writer */
        if (next) {
            if (j > 0)
                pair(s, i, j, a->last_gap, r->gap_after_m, a->last_bal, bal, 1);
        } else {
            /* a new run: its first point, and the last of the run before */
            if ((a->have_last && ends_push(&a->ends, 0, ny, a->last, a->last_gap, a->last_bal) != 0) ||
                ends_push(&a->ends, 1, ny, idx, r->gap_after_m, bal) != 0)
                return -1;
        }
        a->have_last = 1;
        a->last = idx;
        a->last_i = i;
        a->last_j = j;
        memcpy(a->last_gap, r->gap_after_m, (size_t)ny * sizeof(double));
        memcpy(a->last_bal, bal, (size_t)ny);
    }
    return 0;
}

int sweep_summary_merge(bs_sweep_summary *s, bs_sweep_acc *a)
{
    int ny = s->nyears;
    if (!a->seen)
        return 0;
    for (int c = 0; c < s->ncols; c++) {
        bs_summary_col *to = &s->col[c];
        const bs_summary_col *from = &a->col[c];
        if (!s->seen) {
            *to = *from;
            continue;
        }
        if (from->min < to->min || (from->min == to->min && from->min_at < to->min_at)) {
            to->min = from->min;
            to->min_at = from->min_at;
        }
        if (from->max > to->max || (from->max == to->max && from->max_at < to->max_at)) {
            to->max = from->max;
            to->max_at = from->max_at;
        }
    }
    for (int t = 0; t < ny; t++)
        s->balances[t] += a->balances[t];
    s->balances_all += a->balances_all;
    for (int k = 0; k < BS_NRULES; k++)
        s->broken[k] += a->broken[k];
    s->passed += a->passed;
    s->seen = 1;
    if (!s->has_frontier)
        return 0;
    /* the last run's end */
    if (a->have_last && ends_push(&a->ends, 0, ny, a->last, a->last_gap, a->last_bal) != 0)
        return -1;
    a->have_last = 0;
    for (int k = 0; k < 2; k++)
        for (long long n = 0; n < a->ends.n[k]; n++)
            if (ends_push(&s->ends, k, ny, a->ends.idx[k][n], a->ends.gap[k] + n * ny, a->ends.bal[k] + n * ny) != 0)
                return -1;
    return 0;
}

/* A run end for sorting: its point index and where it is kept. */
typedef struct {
    long long idx, at;
} end_ref;

static int cmp_end(const void *x, const void *y)
{
    long long a = ((const end_ref *)x)->idx, b = ((const end_ref *)y)->idx;
    return (a > b) - (a < b);
}

int sweep_summary_finish(bs_sweep_summary *s)
{
    if (!s->has_frontier)
        return 0;
    int ny = s->nyears;
    bs_run_ends *e = &s->ends;
    end_ref *ref[2] = {malloc((size_t)(e->n[0] ? e->n[0] : 1) * sizeof(end_ref)),
                       malloc((size_t)(e->n[1] ? e->n[1] : 1) * sizeof(end_ref))};
    if (!ref[0] || !ref[1]) {
        free(ref[0]);
        free(ref[1]);
        return -1;
    }
    for (int k = 0; k < 2; k++) {
        for (long long n = 0; n < e->n[k]; n++)
            ref[k][n] = (end_ref){e->idx[k][n], n};
        qsort(ref[k], (size_t)e->n[k], sizeof(end_ref), cmp_end);
    }
    /* a run that ends at point p and one that starts at p + 1, on one line */
    long long f = 0;
    for (long long n = 0; n < e->n[0]; n++) {
        long long next = ref[0][n].idx + 1;
        while (f < e->n[1] && ref[1][f].idx < next)
            f++;
        if (f == e->n[1])
            break;
        if (ref[1][f].idx != next || next % s->n2 == 0)
            continue;
        long long a = ref[0][n].at, b = ref[1][f].at;
        pair(s, next / s->n2, next % s->n2, e->gap[0] + a * ny, e->gap[1] + b * ny, e->bal[0] + a * ny,
             e->bal[1] + b * ny, 0);
    }
    free(ref[0]);
    free(ref[1]);
    return 0;
}
