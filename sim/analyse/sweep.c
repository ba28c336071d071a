/* sweep.c - a parallel sweep over a grid of settings (see sweep.h).
 *
 * Threads and order: the points of this shard are cut into blocks of
 * block_rows consecutive points. Workers take block numbers in turn from a
 * counter and fill block b into ring slot b % nslots, waiting while the
 * writer has not yet emitted the block that used the slot before. The writer
 * (the calling thread) emits block 0, 1, 2 ... as each becomes complete. So
 * the rows come out in point order whatever the number of threads, and at
 * most nslots blocks of text exist at once. */
#include "analyse/sweep.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/bind.h"
#include "core/budget.h"
#include "core/fastvote.h"
#include "core/guard.h"
#include "core/schema.h"
#include "analyse/solve.h"

#define BLOCK_ROWS_MAX 4096       /* points in one block, at most */
#define BLOCK_BYTES_TARGET 262144 /* text in one block, roughly at most */
#define FIELD_MAX 40              /* bytes of one formatted number, with its comma */

/* ------------------------------------------------------------------ */
/* Numbers                                                             */
/* ------------------------------------------------------------------ */

static const double pow10_table[10] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

int sweep_format_fixed(double v, int decimals, char *buf)
{
    double scaled = v * pow10_table[decimals];
    /* Beyond 2^53 whole numbers are no longer exact: use the general form. */
    if (!(fabs(scaled) < 9.0e15))
        return snprintf(buf, FIELD_MAX, "%.17g", v);
    long long q = llround(scaled);
    /* scaled was rounded once; fma gives v x 10^d - q from the exact product,
     * so the digits are those of the exact binary value, as printf's are:
     * past half, round up; an exact half goes to the even neighbour. */
    double rest = fma(v, pow10_table[decimals], -(double)q);
    if (rest > 0.5 || (rest == 0.5 && (q & 1)))
        q++;
    else if (rest < -0.5 || (rest == -0.5 && (q & 1)))
        q--;
    char digits[24];
    int n = 0;
    unsigned long long u = q < 0 ? (unsigned long long)(-q) : (unsigned long long)q;
    do {
        digits[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    while (n <= decimals)
        digits[n++] = '0'; /* at least one digit before the point */
    int len = 0;
    if (q < 0)
        buf[len++] = '-';
    while (n > decimals)
        buf[len++] = digits[--n];
    if (decimals) {
        buf[len++] = '.';
        while (n > 0)
            buf[len++] = digits[--n];
    }
    buf[len] = '\0';
    return len;
}

/* ------------------------------------------------------------------ */
/* Arguments                                                           */
/* ------------------------------------------------------------------ */

/* The n characters at s as exactly one finite number. */
static int read_finite(const char *s, size_t n, double *v)
{
    char buf[128];
    if (n == 0 || n >= sizeof buf || s[0] == ' ' || s[0] == '\t')
        return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    char *end;
    *v = strtod(buf, &end);
    return *end == '\0' && isfinite(*v) ? 0 : -1;
}

int sweep_parse_vary(const char *arg, bs_sweep_axis *a, bs_error *err)
{
    memset(a, 0, sizeof *a);
    snprintf(a->arg, sizeof a->arg, "--vary %s", arg);
    const char *who = a->arg;
    const char *eq = strchr(arg, '=');
    if (!eq)
        return bs_fail(err, "", 0, who, "expected PATH=FROM:TO:STEP or PATH=v1,v2,...");
    size_t plen = (size_t)(eq - arg);
    if (plen == 0)
        return bs_fail(err, "", 0, who, "expected PATH=FROM:TO:STEP with a setting path before '='");
    if (plen >= sizeof a->path)
        return bs_fail(err, "", 0, "--vary", "setting path %.60s... is too long (the limit is %zu characters)", arg,
                       sizeof a->path - 1);
    memcpy(a->path, arg, plen);
    a->path[plen] = '\0';
    const char *value = eq + 1;
    const char *last = strrchr(value, ':');
    if (last) {
        /* FROM:TO as solve reads LO:HI (same words for an empty or backwards
         * range), then the step. */
        char head[BS_SWEEP_ARG_MAX];
        snprintf(head, sizeof head, "%.*s", (int)(last - arg), arg);
        bs_solve_spec *s = calloc(1, sizeof *s);
        if (!s)
            return bs_fail_status(err, BS_EXIT_ENV, "", 0, who, "out of memory");
        int bad = strchr(value, ':') == last || solve_parse_vary(head, s, err) != 0;
        double from = s->lo, to = s->hi;
        free(s);
        if (bad) {
            if (strchr(value, ':') == last || strstr(err->message, "LO:HI"))
                return bs_fail(err, "", 0, who, "FROM:TO:STEP must be three numbers separated by ':', not '%s'",
                               value);
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
        a->n = (long long)floor(steps + 1e-9) + 1;
        return 0;
    }
    /* a list: numbers separated by ',' */
    size_t cap = 1;
    for (const char *p = value; *p; p++)
        cap += *p == ',';
    if (!(a->list = malloc(cap * sizeof *a->list)))
        return bs_fail_status(err, BS_EXIT_ENV, "", 0, who, "out of memory");
    const char *p = value;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        if (read_finite(p, n, &a->list[a->n]) != 0) {
            free(a->list);
            a->list = NULL;
            a->n = 0;
            return bs_fail(err, "", 0, who, "the values must be finite numbers separated by ',', not '%s'", value);
        }
        a->n++;
        if (!comma)
            break;
        p = comma + 1;
    }
    return 0;
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

void sweep_spec_free(bs_sweep_spec *spec)
{
    for (int i = 0; i < spec->naxes; i++) {
        free(spec->axis[i].list);
        spec->axis[i].list = NULL;
    }
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

/* Is v allowed for the setting of b? */
static int in_range(const bs_binding *b, double v)
{
    const bs_setting_def *d = b->def;
    if (v < d->min || v > d->max)
        return 0;
    if ((d->flags & BS_F_MIN_OPEN) && v == d->min)
        return 0;
    if ((d->flags & BS_F_MAX_OPEN) && v == d->max)
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
            if (!in_range(&b, v)) {
                const bs_setting_def *d = b.def;
                char vb[FIELD_MAX];
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

void sweep_plot_free(bs_sweep_plot *p)
{
    free(p->gap);
    p->gap = NULL;
}

/* ------------------------------------------------------------------ */
/* Threads                                                             */
/* ------------------------------------------------------------------ */

enum { SLOT_FREE, SLOT_FILLING, SLOT_DONE };

typedef struct {
    char *text;       /* block_rows x row_max bytes */
    size_t len;       /* bytes used */
    long long block;  /* the block it holds */
    int state;        /* SLOT_* */
} slot;

typedef struct {
    const bs_scenario *sc;
    const bs_sweep_spec *spec;
    long long lo, hi;          /* points [lo, hi) of this shard */
    long long block_rows, nblocks;
    size_t row_max;
    int nslots;
    slot *slots;
    int vote;                  /* the scenario has a council */
    int vote_cache;            /* no varied path starts with "council." */
    bs_sweep_plot *plot;
    pthread_mutex_t lock;
    pthread_cond_t changed;    /* a slot was filled or freed, or a failure */
    long long next_block;      /* the next block a worker takes */
    long long written;         /* blocks the writer has emitted */
    int failed;                /* stop everything */
    bs_error err;              /* why, when failed */
} sweep_ctx;

typedef struct {
    sweep_ctx *ctx;
    bs_scenario *sc;           /* this thread's copy */
    bs_result *r;
    bs_fast_vote *fv;
    bs_binding b[BS_SWEEP_MAX_AXES];
    pthread_t tid;
    int started;
} worker;

/* Format point `idx` from the result w->r into p; returns the end. */
static char *format_row(worker *w, long long idx, const double *values, int passed, double p_pass, char *p)
{
    const sweep_ctx *c = w->ctx;
    const bs_result *r = w->r;
    (void)idx;
    for (int i = 0; i < c->spec->naxes; i++) {
        p += sweep_format_fixed(values[i], 6, p);
        *p++ = ',';
    }
    for (int t = 0; t < r->nyears; t++) {
        p += sweep_format_fixed(r->gap_after_m[t], 6, p);
        *p++ = ',';
    }
    p += sweep_format_fixed(r->reserve_close_m[0][r->nyears - 1], 6, p);
    *p++ = ',';
    p += sweep_format_fixed(budget_broken_count(r), 0, p);
    if (c->vote) {
        *p++ = ',';
        *p++ = passed ? '1' : '0';
        *p++ = ',';
        p += sweep_format_fixed(p_pass, 9, p);
    }
    *p++ = '\r';
    *p++ = '\n';
    return p;
}

static void fail_ctx(sweep_ctx *c, const char *msg)
{
    pthread_mutex_lock(&c->lock);
    if (!c->failed) {
        c->failed = 1;
        bs_fail_status(&c->err, BS_EXIT_ENV, "", 0, "sweep", "%s", msg);
    }
    pthread_cond_broadcast(&c->changed);
    pthread_mutex_unlock(&c->lock);
}

/* A point where the model gave an infinity or a NaN: bad input, naming the
 * varied setting to blame (the scenario itself was checked when read). */
static void fail_not_finite(worker *w, const double *values)
{
    sweep_ctx *c = w->ctx;
    const bs_sweep_spec *spec = c->spec;
    char what[400], point[600] = "";
    guard_describe(w->sc, w->r, what, sizeof what);
    size_t len = 0;
    for (int i = 0; i < spec->naxes && len < sizeof point; i++)
        len += (size_t)snprintf(point + len, sizeof point - len, "%s%s = %.10g", i ? ", " : "", spec->axis[i].path,
                                values[i]);
    int k = guard_culprit(w->sc, w->b, spec->naxes);
    pthread_mutex_lock(&c->lock);
    if (!c->failed) {
        c->failed = 1;
        if (k >= 0)
            bs_fail(&c->err, "", 0, "sweep",
                    "--vary %s: at %s the budget cannot be computed: %s (an overflow or a division by zero)",
                    spec->axis[k].path, point, what);
        else
            bs_fail(&c->err, "", 0, "sweep", "at %s the budget cannot be computed: %s (an overflow or a division by zero)",
                    point, what);
    }
    pthread_cond_broadcast(&c->changed);
    pthread_mutex_unlock(&c->lock);
}

static void *work(void *arg)
{
    worker *w = arg;
    sweep_ctx *c = w->ctx;
    const bs_sweep_spec *spec = c->spec;
    int naxes = spec->naxes;
    for (;;) {
        pthread_mutex_lock(&c->lock);
        long long b = c->next_block;
        if (b >= c->nblocks || c->failed) {
            pthread_mutex_unlock(&c->lock);
            return NULL;
        }
        c->next_block++;
        slot *s = &c->slots[b % c->nslots];
        /* the slot is free once the block before in it, b - nslots, is
         * written (not merely once it is free: a later block could take it) */
        while (!c->failed && b - c->written >= c->nslots)
            pthread_cond_wait(&c->changed, &c->lock);
        if (c->failed) {
            pthread_mutex_unlock(&c->lock);
            return NULL;
        }
        s->state = SLOT_FILLING;
        s->block = b;
        pthread_mutex_unlock(&c->lock);

        long long first = c->lo + b * c->block_rows;
        long long last = first + c->block_rows < c->hi ? first + c->block_rows : c->hi;
        /* the axis indices of the first point, last axis fastest */
        long long index[BS_SWEEP_MAX_AXES];
        double values[BS_SWEEP_MAX_AXES];
        long long rest = first;
        for (int i = naxes - 1; i >= 0; i--) {
            index[i] = rest % spec->axis[i].n;
            rest /= spec->axis[i].n;
        }
        for (int i = 0; i < naxes; i++) {
            values[i] = sweep_axis_value(&spec->axis[i], index[i]);
            bind_set(&w->b[i], values[i]);
        }
        char *p = s->text;
        for (long long idx = first; idx < last; idx++) {
            budget_run(w->sc, w->r);
            if (!budget_finite(w->sc, w->r)) {
                fail_not_finite(w, values);
                return NULL;
            }
            bool passed = false;
            double p_pass = 0;
            int count[4];
            if (c->vote && fast_vote_eval(w->fv, w->r, &passed, count, &p_pass) != 0) {
                fail_ctx(c, "out of memory");
                return NULL;
            }
            p = format_row(w, idx, values, passed, p_pass, p);
            if (c->plot)
                memcpy(c->plot->gap + (idx - c->lo) * w->r->nyears, w->r->gap_after_m,
                       (size_t)w->r->nyears * sizeof(double));
            /* the next point: advance the last axis, carrying into earlier ones */
            for (int i = naxes - 1; i >= 0; i--) {
                if (++index[i] < spec->axis[i].n) {
                    values[i] = sweep_axis_value(&spec->axis[i], index[i]);
                    bind_set(&w->b[i], values[i]);
                    break;
                }
                index[i] = 0;
                values[i] = sweep_axis_value(&spec->axis[i], 0);
                bind_set(&w->b[i], values[i]);
            }
        }
        pthread_mutex_lock(&c->lock);
        s->len = (size_t)(p - s->text);
        s->state = SLOT_DONE;
        pthread_cond_broadcast(&c->changed);
        pthread_mutex_unlock(&c->lock);
    }
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void progress(long long done, long long total, double started)
{
    int width = 40, filled = total ? (int)(width * done / total) : width;
    char bar[64];
    for (int i = 0; i < width; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[width] = '\0';
    double t = now_seconds() - started;
    fprintf(stderr, "\r[%s] %3d%% %lld/%lld points, %.1f s", bar, total ? (int)(100 * done / total) : 100, done, total,
            t);
    fflush(stderr);
}

/* The header: the varied paths, the gap in each year, the closing general
 * reserve, the rules broken, the vote. */
static void write_header(FILE *out, const bs_scenario *sc, const bs_sweep_spec *spec, int vote)
{
    for (int i = 0; i < spec->naxes; i++) {
        /* a path holds no quote or comma that would need quoting, but be safe */
        int quote = strpbrk(spec->axis[i].path, ",\"\r\n") != NULL;
        if (quote) {
            fputc('"', out);
            for (const char *q = spec->axis[i].path; *q; q++) {
                if (*q == '"')
                    fputc('"', out);
                fputc(*q, out);
            }
            fputs("\",", out);
        } else {
            fprintf(out, "%s,", spec->axis[i].path);
        }
    }
    for (int t = 0; t < sc->nyears; t++)
        fprintf(out, "totals.gap_after_m@%d,", sc->first_year + t);
    fprintf(out, "reserves.general.closing_m@%d,rules_broken", sc->first_year + sc->nyears - 1);
    if (vote)
        fputs(",vote.passed,vote.p_pass", out);
    fputs("\r\n", out);
}

int sweep_run(const bs_scenario *sc, const bs_sweep_spec *spec, FILE *out, bs_sweep_plot *plot, bs_error *err)
{
    sweep_ctx c;
    memset(&c, 0, sizeof c);
    c.sc = sc;
    c.spec = spec;
    long long total = sweep_count(spec);
    c.lo = total * (spec->shard_k - 1) / spec->shard_n;
    c.hi = total * spec->shard_k / spec->shard_n;
    c.vote = sc->chamber.given;
    c.vote_cache = 1;
    for (int i = 0; i < spec->naxes; i++)
        if (strncmp(spec->axis[i].path, "council.", 8) == 0)
            c.vote_cache = 0;
    int ncols = spec->naxes + sc->nyears + 2 + (c.vote ? 2 : 0);
    c.row_max = (size_t)ncols * FIELD_MAX + 2;
    c.block_rows = (long long)(BLOCK_BYTES_TARGET / c.row_max);
    if (c.block_rows > BLOCK_ROWS_MAX)
        c.block_rows = BLOCK_ROWS_MAX;
    if (c.block_rows < 16)
        c.block_rows = 16;
    long long npoints = c.hi - c.lo;
    c.nblocks = (npoints + c.block_rows - 1) / c.block_rows;
    int nthreads = spec->threads;
    if (nthreads > c.nblocks)
        nthreads = c.nblocks > 0 ? (int)c.nblocks : 1;
    c.nslots = 2 * nthreads + 1;
    c.plot = plot;

    if (spec->shard_k == 1)
        write_header(out, sc, spec, c.vote);
    if (plot) {
        plot->nyears = sc->nyears;
        plot->first_year = sc->first_year;
        plot->npoints = npoints;
        if (!(plot->gap = malloc((size_t)(npoints ? npoints : 1) * (size_t)sc->nyears * sizeof(double))))
            return bs_fail_status(err, BS_EXIT_ENV, "", 0, "sweep", "out of memory");
    }
    if (npoints == 0)
        return 0;

    worker *w = calloc((size_t)nthreads, sizeof *w);
    c.slots = calloc((size_t)c.nslots, sizeof *c.slots);
    int status = 0;
    if (!w || !c.slots) {
        free(w);
        free(c.slots);
        return bs_fail_status(err, BS_EXIT_ENV, "", 0, "sweep", "out of memory");
    }
    for (int i = 0; i < c.nslots && status == 0; i++)
        if (!(c.slots[i].text = malloc((size_t)c.block_rows * c.row_max)))
            status = bs_fail_status(err, BS_EXIT_ENV, "", 0, "sweep", "out of memory");
    /* every thread's copy of the scenario, bound and with its vote, before any starts */
    for (int t = 0; t < nthreads && status == 0; t++) {
        w[t].ctx = &c;
        w[t].sc = malloc(sizeof *w[t].sc);
        w[t].r = malloc(sizeof *w[t].r);
        w[t].fv = c.vote ? malloc(sizeof *w[t].fv) : NULL;
        if (!w[t].sc || !w[t].r || (c.vote && !w[t].fv)) {
            status = bs_fail_status(err, BS_EXIT_ENV, "", 0, "sweep", "out of memory");
            break;
        }
        memcpy(w[t].sc, sc, sizeof *sc);
        for (int i = 0; i < spec->naxes && status == 0; i++)
            status = bind_path(w[t].sc, spec->axis[i].path, &w[t].b[i], err);
        if (status == 0 && c.vote)
            status = fast_vote_init(w[t].fv, w[t].sc, c.vote_cache, err);
    }
    pthread_mutex_init(&c.lock, NULL);
    pthread_cond_init(&c.changed, NULL);
    for (int t = 0; t < nthreads && status == 0; t++) {
        int e = pthread_create(&w[t].tid, NULL, work, &w[t]);
        if (e) {
            fail_ctx(&c, "cannot start a thread");
            status = -1;
        } else {
            w[t].started = 1;
        }
    }

    /* the writer: blocks in order */
    double started = now_seconds(), drawn = 0;
    if (status == 0 && spec->progress)
        progress(0, npoints, started);
    for (long long b = 0; b < c.nblocks && status == 0; b++) {
        slot *s = &c.slots[b % c.nslots];
        pthread_mutex_lock(&c.lock);
        while (!c.failed && !(s->state == SLOT_DONE && s->block == b))
            pthread_cond_wait(&c.changed, &c.lock);
        int failed = c.failed;
        pthread_mutex_unlock(&c.lock);
        if (failed)
            break;
        if (fwrite(s->text, 1, s->len, out) != s->len || ferror(out)) {
            /* the caller names the output; the message is the system's reason */
            int saved = errno;
            pthread_mutex_lock(&c.lock);
            if (!c.failed) {
                c.failed = 1;
                bs_fail_status(&c.err, BS_EXIT_ENV, "", 0, "", "%s", strerror(saved ? saved : EIO));
            }
            pthread_cond_broadcast(&c.changed);
            pthread_mutex_unlock(&c.lock);
            break;
        }
        pthread_mutex_lock(&c.lock);
        s->state = SLOT_FREE;
        c.written = b + 1;
        pthread_cond_broadcast(&c.changed);
        pthread_mutex_unlock(&c.lock);
        if (spec->progress) {
            double t = now_seconds();
            if (t - drawn >= 0.1 || b + 1 == c.nblocks) {
                long long done = (b + 1) * c.block_rows < npoints ? (b + 1) * c.block_rows : npoints;
                progress(done, npoints, started);
                drawn = t;
            }
        }
    }
    if (spec->progress && status == 0)
        fputc('\n', stderr);
    for (int t = 0; t < nthreads; t++)
        if (w[t].started)
            pthread_join(w[t].tid, NULL);
    if (c.failed && status == 0) {
        *err = c.err;
        status = -1;
    }
    pthread_cond_destroy(&c.changed);
    pthread_mutex_destroy(&c.lock);
    for (int t = 0; t < nthreads; t++) {
        free(w[t].sc);
        free(w[t].r);
        free(w[t].fv);
    }
    free(w);
    for (int i = 0; i < c.nslots; i++)
        free(c.slots[i].text);
    free(c.slots);
    return status ? -1 : 0;
}
