/* sweep_args.c - the arguments of a sweep (see sweep.h): reading --vary and
 * --shard, the values of an axis, checking a spec against the scenario, and
 * the memory of specs and plots.
 *
 * This file may use: core/, analyse/solve.h and common.h, and the C library. */
#include "analyse/sweep.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyse/common.h"
#include "analyse/solve.h"
#include "core/bind.h"
#include "core/schema.h"

#define GRID_SLACK 1e-9 /* a grid's last step counts when this close to whole */

/* ------------------------------------------------------------------ */
/* Arguments                                                           */
/* ------------------------------------------------------------------ */

/* The n characters at s as exactly one finite number. */
static int read_finite(const char *s, size_t n, double *v)
{
    char buf[BS_NUMBER_TEXT_MAX];
    if (n == 0 || n >= sizeof buf || s[0] == ' ' || s[0] == '\t')
        return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    char *end;
    *v = strtod(buf, &end);
    return *end == '\0' && isfinite(*v) ? 0 : -1;
}

/* The grid FROM:TO:STEP of arg, an argument of --vary whose value (after
 * '=') is value and whose last ':' is last, into a. */
static int parse_grid(const char *arg, const char *value, const char *last, bs_sweep_axis *a, bs_error *err)
{
    const char *who = a->arg;
    /* FROM:TO as solve reads LO:HI (same words for an empty or backwards
     * range), then the step. */
    char head[BS_SWEEP_ARG_MAX];
    snprintf(head, sizeof head, "%.*s", (int)(last - arg), arg);
    bs_solve_spec *s = calloc(1, sizeof *s);
    if (!s)
        return analyse_out_of_memory(err, who);
    int bad = strchr(value, ':') == last || solve_parse_vary(head, s, err) != 0;
    double from = s->lo, to = s->hi;
    free(s);
    if (bad) {
        if (strchr(value, ':') == last || strstr(err->message, "LO:HI"))
            return bs_fail(err, "", 0, who, "FROM:TO:STEP must be three numbers separated by ':', not '%s'", value);
        bs_strlcpy(err->setting, who, sizeof err->setting); /* the whole argument */
        return -1;
    }
    if (read_finite(last + 1, strlen(last + 1), &a->step) != 0)
        return bs_fail(err, "", 0, who, "STEP must be a finite number, not '%s'", last + 1);
    if (a->step <= 0)
        return bs_fail(err, "", 0, who, "the step must be above 0, not %s", last + 1);
    double steps = (to - from) / a->step;
    if (!(steps < (double)BS_SWEEP_MAX_POINTS))
        return bs_fail(err, "", 0, who, "more than %lld points", BS_SWEEP_MAX_POINTS);
    a->is_grid = 1;
    a->from = from;
    a->n = (long long)floor(steps + GRID_SLACK) + 1;
    return 0;
}

/* The list v1,v2,... that is the value of an argument of --vary into
 * a->list (heap memory: sweep_axis_clear; none is left on failure). */
static int parse_list(const char *value, bs_sweep_axis *a, bs_error *err)
{
    const char *who = a->arg;
    size_t cap = 1;
    for (const char *p = value; *p; p++)
        cap += *p == ',';
    if (!(a->list = malloc(cap * sizeof *a->list)))
        return analyse_out_of_memory(err, who);
    const char *p = value;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        if (read_finite(p, n, &a->list[a->n]) != 0) {
            sweep_axis_clear(a);
            return bs_fail(err, "", 0, who, "the values must be finite numbers separated by ',', not '%s'", value);
        }
        a->n++;
        if (!comma)
            return 0;
        p = comma + 1;
    }
}

int sweep_parse_vary(const char *arg, bs_sweep_axis *a, bs_error *err)
{
    memset(a, 0, sizeof *a);
    snprintf(a->arg, sizeof a->arg, "--vary %s", arg);
    const char *value = analyse_read_vary_path(arg, a->arg, "expected PATH=FROM:TO:STEP or PATH=v1,v2,...",
                                               "expected PATH=FROM:TO:STEP with a setting path before '='", a->path,
                                               sizeof a->path, err);
    if (!value)
        return -1;
    const char *last = strrchr(value, ':');
    return last ? parse_grid(arg, value, last, a, err) : parse_list(value, a, err);
}

int sweep_parse_shard(const char *arg, bs_sweep_spec *spec, bs_error *err)
{
    char who[BS_SWEEP_ARG_MAX];
    snprintf(who, sizeof who, "--shard %s", arg);
    const char *slash = strchr(arg, '/');
    char *end;
    long long k = 0, n = 0;
    int ok = slash && slash != arg && arg[0] >= '0' && arg[0] <= '9' && slash[1] >= '0' && slash[1] <= '9';
    if (ok) {
        errno = 0;
        k = strtoll(arg, &end, 10);
        ok = !errno && end == slash;
    }
    if (ok) {
        n = strtoll(slash + 1, &end, 10);
        ok = !errno && *end == '\0';
    }
    if (!ok)
        return bs_fail(err, "", 0, who, "expected K/N, two whole numbers (the K-th of N slices)");
    if (n < 1 || k < 1 || k > n || n > BS_SWEEP_MAX_POINTS) /* N bounded: K x the points fits a long long */
        return bs_fail(err, "", 0, who, "K must be from 1 to N, and N from 1 to %lld", BS_SWEEP_MAX_POINTS);
    spec->shard_k = k;
    spec->shard_n = n;
    return 0;
}

double sweep_axis_value(const bs_sweep_axis *a, long long i)
{
    return a->is_grid ? a->from + (double)i * a->step : a->list[i];
}

void sweep_axis_clear(bs_sweep_axis *a)
{
    free(a->list);
    a->list = NULL;
    if (!a->is_grid)
        a->n = 0;
}

void sweep_spec_clear(bs_sweep_spec *spec)
{
    for (int i = 0; spec && i < spec->naxes; i++)
        sweep_axis_clear(&spec->axis[i]);
}

bs_sweep_spec *sweep_spec_new(void)
{
    return calloc(1, sizeof(bs_sweep_spec));
}

void sweep_spec_free(bs_sweep_spec *spec)
{
    sweep_spec_clear(spec);
    free(spec);
}

long long sweep_count(const bs_sweep_spec *spec)
{
    long long n = 1;
    for (int i = 0; i < spec->naxes; i++) {
        if (spec->axis[i].n > BS_SWEEP_MAX_POINTS || n * spec->axis[i].n > BS_SWEEP_MAX_POINTS)
            return BS_SWEEP_MAX_POINTS + 1;
        n *= spec->axis[i].n;
    }
    return n;
}

#define END_ULPS 4 /* a grid's value this many ulps past an end of the range is at that end */

/* Is v, a value of axis a, at the end e of a range? Within END_ULPS ulps of
 * the largest of |e|, |FROM| and |v|: FROM + k x STEP rounds, and
 * 0:100:9.090909090909092 ends at 100.00000000000001. A list's values are
 * as written: only an exact end. */
static int at_end(const bs_sweep_axis *a, double v, double e)
{
    if (v == e)
        return 1;
    if (!a->is_grid)
        return 0;
    double scale = fmax(fabs(e), fmax(fabs(a->from), fabs(v)));
    return fabs(v - e) <= END_ULPS * DBL_EPSILON * scale;
}

/* Is v, a value of axis a, allowed for the setting of b? */
static int in_range(const bs_sweep_axis *a, const bs_binding *b, double v)
{
    const bs_setting_def *d = b->def;
    int at_min = at_end(a, v, d->min), at_max = at_end(a, v, d->max);
    if ((v < d->min && !at_min) || (v > d->max && !at_max))
        return 0;
    if ((d->flags & BS_F_MIN_OPEN) && at_min)
        return 0;
    if ((d->flags & BS_F_MAX_OPEN) && at_max)
        return 0;
    return 1;
}

int sweep_check(bs_scenario *sc, const bs_sweep_spec *spec, bs_error *err)
{
    for (int i = 0; i < spec->naxes; i++) {
        const bs_sweep_axis *a = &spec->axis[i];
        bs_binding b;
        if (bind_path(sc, a->path, &b, err) != 0)
            return -1;
        for (int j = 0; j < i; j++)
            if (strcmp(spec->axis[j].path, a->path) == 0)
                return bs_fail(err, "", 0, a->arg, "%s is varied twice", a->path);
        for (long long k = 0; k < a->n; k++) {
            double v = sweep_axis_value(a, k);
            if (!in_range(a, &b, v)) {
                const bs_setting_def *d = b.def;
                char vb[BS_SWEEP_NUMBER_MAX];
                snprintf(vb, sizeof vb, "%.10g", v);
                return bs_fail(err, "", 0, a->arg, "%s is outside the range of %s, %s%g to %g%s", vb, a->path,
                               (d->flags & BS_F_MIN_OPEN) ? "above " : "", d->min, d->max,
                               (d->flags & BS_F_MAX_OPEN) ? " (excluded)" : "");
            }
            if (a->is_grid && k == 0 && a->n > 2)
                k = a->n - 2; /* a grid is monotonic: its ends suffice */
        }
    }
    if (sweep_count(spec) > BS_SWEEP_MAX_POINTS)
        return bs_fail(err, "", 0, "--vary", "more than %lld points in all", BS_SWEEP_MAX_POINTS);
    return 0;
}

bs_sweep_plot *sweep_plot_new(void)
{
    return calloc(1, sizeof(bs_sweep_plot));
}

void sweep_plot_clear(bs_sweep_plot *p)
{
    if (p) {
        free(p->gap);
        p->gap = NULL;
    }
}

void sweep_plot_free(bs_sweep_plot *p)
{
    sweep_plot_clear(p);
    free(p);
}
