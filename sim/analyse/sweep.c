/* sweep.c - a parallel sweep over a grid of settings (see sweep.h): the
 * fixed-point formatter, the threads and the writer. Reading and checking
 * the arguments, and the spec's and the plot's memory: sweep_args.c.
 *
 * Threads and order: the points of this shard are cut into blocks of
 * block_rows consecutive points. Workers take block numbers in turn from a
 * counter and fill block b into ring slot b % nslots, waiting while the
 * writer has not yet emitted the block that used the slot before. The writer
 * (the calling thread) emits block 0, 1, 2 ... as each becomes complete. So
 * the rows come out in point order whatever the number of threads, and at
 * most nslots blocks of text exist at once.
 *
 * sweep_run() plans the blocks (plan), makes the ring and each worker's copy
 * of the scenario (ring_new, workers_new), starts the workers (work: claim a
 * block, fill it, hand it over), writes the blocks in order (write_blocks)
 * and then joins and frees everything.
 *
 * With a summary (sweep_run_summary), fill_block adds each point to its
 * worker's accumulator (analyse/sweep_summary.h) instead of writing its row,
 * and the accumulators are merged once the workers are done.
 *
 * This file may use: core/, analyse/common.h and sweep_summary.h, POSIX
 * threads and the C library. */
#include "analyse/sweep.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyse/common.h"
#include "analyse/sweep_summary.h"
#include "core/bind.h"
#include "core/budget.h"
#include "core/fastvote.h"
#include "core/guard.h"

#define BLOCK_ROWS_MAX 8192       /* points in one block, at most */
#define BLOCK_ROWS_MIN 16         /* and at least */
#define SUMMARY_BLOCK_ROWS 32768  /* points in one block of a --summary, which has no text: few hand-overs */
#define BLOCK_BYTES_TARGET 524288 /* text in one block, roughly at most */
#define FIELD_MAX BS_SWEEP_NUMBER_MAX /* bytes of one formatted number, with its comma */
#define VALUE_DECIMALS 6          /* decimals of the values, gaps and reserve in a row */
#define P_PASS_DECIMALS 9         /* decimals of the probability of passing */
#define EXACT_MAX 9.0e15          /* beyond, whole numbers of the last decimal are not all exact */
#define BAR_WIDTH 40              /* characters of the progress bar */
#define PROGRESS_EVERY 0.1        /* seconds between redraws of the progress bar */
#define LAST_CACHE_MAX 8192       /* the last axis's values are kept formatted when it has at most this many */
#define VOTE_CACHE 8              /* vote outcomes kept formatted */

/* ------------------------------------------------------------------ */
/* Numbers                                                             */
/* ------------------------------------------------------------------ */

static const double pow10_table[10] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
static const unsigned long long pow10_int[10] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
                                                 1000000000};
#define ROUND_FAST_MAX 1.0e15     /* below 2^50: ulp <= 1/8, and the magic-number rounding is exact */
#define ROUND_MAGIC 6755399441055744.0 /* 1.5 x 2^52: x + it - it is x rounded to a whole number */

/* "00" "01" ... "99": two digits at a time. */
static const char digit_pairs[201] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                     "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                     "8081828384858687888990919293949596979899";

/* The digits of u, exactly ndigits of them (leading zeros), ending at end. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void put_digits(unsigned long long u, int ndigits, char *end)
{
    while (ndigits >= 2) {
        unsigned k = (unsigned)(u % 100) * 2;
        u /= 100;
        end -= 2;
        end[0] = digit_pairs[k];
        end[1] = digit_pairs[k + 1];
        ndigits -= 2;
    }
    if (ndigits)
        *--end = (char)('0' + u % 10);
}

/* The number of decimal digits of u (at least 1). */
static int count_digits(unsigned long long u)
{
    int n = 1;
    while (u >= 10000) {
        u /= 10000;
        n += 4;
    }
    if (u >= 100)
        n += 2, u /= 100;
    if (u >= 10)
        n++;
    return n;
}

/* sweep_format_fixed's body, inlined where `decimals` is a constant so that
 * the divisions by powers of ten are multiplications. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline int format_fixed(double v, int decimals, char *buf)
{
    double scaled = v * pow10_table[decimals];
    /* Beyond 2^53 whole numbers are no longer exact: use the general form. */
    if (!(fabs(scaled) < EXACT_MAX))
        return snprintf(buf, FIELD_MAX, "%.17g", v);
    long long q;
    double near;
    if (fabs(scaled) < ROUND_FAST_MAX) {
        near = (scaled + ROUND_MAGIC) - ROUND_MAGIC;
        q = (long long)near;
    } else {
        q = llround(scaled);
        near = (double)q;
    }
    /* scaled was rounded once, by at most half an ulp u of it (u <= 1/8
     * below 1e15, 2^50). near is a whole number, so off = scaled - near is
     * exact and a multiple of u, as 1/2 is: when |off| < 1/2, |off| <= 1/2 -
     * u, the exact v x 10^d is within 1/2 - u/2 of q, and q is its nearest.
     * Only when off is exactly 1/2 (or past the fast range) is that not
     * known: fma gives v x 10^d - q from the exact product, so the digits
     * are those of the exact binary value, as printf's are: past half,
     * round up; an exact half goes to the even neighbour. */
    double off = scaled - near;
    if (!(fabs(off) < 0.5 && fabs(scaled) < ROUND_FAST_MAX)) {
        double rest = fma(v, pow10_table[decimals], -(double)q);
        if (rest > 0.5 || (rest == 0.5 && (q & 1)))
            q++;
        else if (rest < -0.5 || (rest == -0.5 && (q & 1)))
            q--;
    }
    unsigned long long u = q < 0 ? (unsigned long long)(-q) : (unsigned long long)q;
    int len = 0;
    if (q < 0)
        buf[len++] = '-';
    unsigned long long whole = u / pow10_int[decimals], frac = u - whole * pow10_int[decimals];
    int nw = count_digits(whole);
    put_digits(whole, nw, buf + len + nw);
    len += nw;
    if (decimals) {
        buf[len++] = '.';
        put_digits(frac, decimals, buf + len + decimals);
        len += decimals;
    }
    buf[len] = '\0';
    return len;
}

int sweep_format_fixed(double v, int decimals, char *buf)
{
    return format_fixed(v, decimals, buf);
}

/* ------------------------------------------------------------------ */
/* Threads                                                             */
/* ------------------------------------------------------------------ */

enum { SLOT_FREE, SLOT_FILLING, SLOT_DONE };

/* One slot of the ring: the text of one block of rows. */
typedef struct {
    char *text;       /* block_rows x row_max bytes */
    size_t len;       /* bytes used */
    long long block;  /* the block it holds */
    int state;        /* SLOT_* */
} slot;

/* The sweep, shared by the writer and the workers: the plan (plan), the
 * ring, and under lock the blocks taken and written and the first failure. */
typedef struct {
    const bs_scenario *sc;
    const bs_sweep_spec *spec;
    long long lo, hi;          /* points [lo, hi) of this shard */
    long long npoints;         /* hi - lo */
    long long block_rows, nblocks;
    size_t row_max;
    int nthreads;              /* workers: at most one a block */
    int nslots;
    slot *slots;               /* the ring (heap memory: ring_free) */
    int vote;                  /* the scenario has a council */
    int vote_cache;            /* no varied path starts with "council." */
    bs_sweep_plot *plot;
    bs_sweep_summary *summary; /* --summary: no rows, every point added to it */
    pthread_mutex_t lock;
    pthread_cond_t changed;    /* a slot was filled or freed, or a failure */
    long long next_block;      /* the next block a worker takes */
    long long written;         /* blocks the writer has emitted */
    int slot_waiters;          /* workers waiting in claim_block for a slot to be written */
    int failed;                /* stop everything */
    bs_error err;              /* why, when failed */
} sweep_ctx;

/* One worker thread and what it runs the points with. */
typedef struct {
    sweep_ctx *ctx;
    bs_scenario *sc;           /* this thread's copy (heap memory, like r and fv: workers_free) */
    bs_result *r;
    bs_fast_vote *fv;          /* NULL when there is no council */
    bs_binding b[BS_SWEEP_MAX_AXES];
    bs_sweep_acc *acc;         /* with a summary (heap memory: workers_free) */
    bs_incr incr;              /* what each point recomputes (core/budget.h) */
    int vary_id[BS_SWEEP_MAX_AXES]; /* each axis's number in incr */
    unsigned changed;          /* the axes' numbers set since the last run (bits) */
    /* formatted text kept for reuse (format_row): each axis's value at
     * axis_index[i] with its comma; the last axis's values by index
     * (last_len 0: not yet); the vote's columns by outcome */
    long long axis_index[BS_SWEEP_MAX_AXES];
    char axis_text[BS_SWEEP_MAX_AXES][FIELD_MAX];
    int axis_len[BS_SWEEP_MAX_AXES];
    char *last_text;           /* LAST_CACHE_MAX x FIELD_MAX bytes, or NULL (heap memory: workers_free) */
    unsigned char *last_len;
    /* each value column's last value (its bits) and its text with the comma:
     * a gap that the inner axis does not reach repeats row after row */
    unsigned long long col_bits[BS_MAX_YEARS + 2];
    const char *col_text[BS_MAX_YEARS + 2];    /* where that value was last written, in this block's text */
    int col_len[BS_MAX_YEARS + 2];             /* 0: none yet in this block */
    int nvote_cache;
    unsigned long long vote_key[VOTE_CACHE]; /* p_pass's bits */
    int vote_passed[VOTE_CACHE];
    char vote_text[VOTE_CACHE][FIELD_MAX + 4];
    int vote_len[VOTE_CACHE];
    pthread_t tid;
    int started;
} worker;

/* Axis i's value at index k (values[i]) with its comma, at p; returns the
 * end. The outer axes change rarely and the last one cycles: both are
 * formatted once and copied. */
static char *put_axis(worker *w, int i, long long k, double value, char *p)
{
    const bs_sweep_spec *spec = w->ctx->spec;
    if (i == spec->naxes - 1 && w->last_text) {
        char *t = w->last_text + k * FIELD_MAX;
        if (!w->last_len[k]) {
            int n = format_fixed(value, VALUE_DECIMALS, t);
            t[n] = ',';
            w->last_len[k] = (unsigned char)(n + 1);
        }
        memcpy(p, t, FIELD_MAX);
        return p + w->last_len[k];
    }
    if (w->axis_index[i] != k) {
        int n = format_fixed(value, VALUE_DECIMALS, w->axis_text[i]);
        w->axis_text[i][n] = ',';
        w->axis_len[i] = n + 1;
        w->axis_index[i] = k;
    }
    memcpy(p, w->axis_text[i], FIELD_MAX);
    return p + w->axis_len[i];
}

/* The vote's columns, ",passed,p_pass", at p; returns the end. A sweep
 * meets few outcomes (one a pattern of red lines crossed): each is
 * formatted once and copied. */
static char *put_vote(worker *w, int passed, double p_pass, char *p)
{
    unsigned long long key;
    memcpy(&key, &p_pass, sizeof key);
    for (int k = 0; k < w->nvote_cache; k++)
        if (w->vote_key[k] == key && w->vote_passed[k] == (passed != 0)) {
            memcpy(p, w->vote_text[k], sizeof w->vote_text[k]);
            return p + w->vote_len[k];
        }
    char *q = p;
    *q++ = ',';
    *q++ = passed ? '1' : '0';
    *q++ = ',';
    q += format_fixed(p_pass, P_PASS_DECIMALS, q);
    int k = w->nvote_cache < VOTE_CACHE ? w->nvote_cache++ : (int)(key % VOTE_CACHE);
    w->vote_key[k] = key;
    w->vote_passed[k] = passed != 0;
    w->vote_len[k] = (int)(q - p);
    memcpy(w->vote_text[k], p, (size_t)(q - p));
    return q;
}

/* Value column k's value v with its comma, at p; returns the end. The same
 * value as the row before is copied. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline char *put_value(worker *w, int k, double v, char *p)
{
    unsigned long long bits;
    memcpy(&bits, &v, sizeof bits);
    if (!w->col_len[k] || w->col_bits[k] != bits) {
        /* formatted in place, and that copy kept for the rows after (a copy
         * made now would read back the bytes just written, and wait for them) */
        int n = format_fixed(v, VALUE_DECIMALS, p);
        p[n] = ',';
        w->col_text[k] = p;
        w->col_len[k] = n + 1;
        w->col_bits[k] = bits;
        return p + n + 1;
    }
    /* from a row before in this block: FIELD_MAX bytes may reach this one */
    memmove(p, w->col_text[k], FIELD_MAX);
    return p + w->col_len[k];
}

/* Format the row of the point whose axis indices and values are given, from
 * the result w->r, into p; returns the end. */
static char *format_row(worker *w, const long long *index, const double *values, int passed, double p_pass, char *p)
{
    const sweep_ctx *c = w->ctx;
    const bs_result *r = w->r;
    for (int i = 0; i < c->spec->naxes; i++)
        p = put_axis(w, i, index[i], values[i], p);
    for (int t = 0; t < r->nyears; t++)
        p = put_value(w, t, r->gap_after_m[t], p);
    p = put_value(w, r->nyears, r->reserve_close_m[0][r->nyears - 1], p);
    p += format_fixed(budget_broken_count(r), 0, p);
    if (c->vote)
        p = put_vote(w, passed, p_pass, p);
    *p++ = '\r';
    *p++ = '\n';
    return p;
}

/* Stop the sweep for a failure that is not the input's (status 3, msg,
 * naming setting), unless one is already kept; wake everyone. */
static void fail_ctx(sweep_ctx *c, const char *setting, const char *msg)
{
    pthread_mutex_lock(&c->lock);
    if (!c->failed) {
        c->failed = 1;
        bs_fail_status(&c->err, BS_EXIT_ENV, "", 0, setting, "%s", msg);
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
    char what[BS_WHAT_MAX], point[BS_VALUES_MAX] = "";
    budget_run(w->sc, w->r); /* every row afresh, for guard_describe */
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
            bs_fail(&c->err, "", 0, "sweep",
                    "at %s the budget cannot be computed: %s (an overflow or a division by zero)", point, what);
    }
    pthread_cond_broadcast(&c->changed);
    pthread_mutex_unlock(&c->lock);
}

/* Take the next block: wait until its slot of the ring is free and mark it
 * being filled. Returns the slot, with the block in *b, or NULL when no
 * block is left or the sweep has failed. */
static slot *claim_block(sweep_ctx *c, long long *b)
{
    pthread_mutex_lock(&c->lock);
    *b = c->next_block;
    if (*b >= c->nblocks || c->failed) {
        pthread_mutex_unlock(&c->lock);
        return NULL;
    }
    c->next_block++;
    slot *s = &c->slots[*b % c->nslots];
    /* the slot is free once the block before in it, b - nslots, is
     * written (not merely once it is free: a later block could take it) */
    while (!c->failed && *b - c->written >= c->nslots) {
        c->slot_waiters++;
        pthread_cond_wait(&c->changed, &c->lock);
        c->slot_waiters--;
    }
    if (c->failed) {
        pthread_mutex_unlock(&c->lock);
        return NULL;
    }
    s->state = SLOT_FILLING;
    s->block = *b;
    pthread_mutex_unlock(&c->lock);
    return s;
}

/* Give the writer slot s, filled with len bytes. */
static void hand_over(sweep_ctx *c, slot *s, size_t len)
{
    pthread_mutex_lock(&c->lock);
    s->len = len;
    s->state = SLOT_DONE;
    /* the writer waits for the block after the last written, and only for
     * it: a block done sooner is written straight after, with no wait */
    if (s->block == c->written)
        pthread_cond_broadcast(&c->changed);
    pthread_mutex_unlock(&c->lock);
}

/* Set w's copy to point idx: the axis indices (last axis fastest) into
 * index, their values into values and into the copy. */
static void first_point(worker *w, long long idx, long long *index, double *values)
{
    const bs_sweep_spec *spec = w->ctx->spec;
    long long rest = idx;
    for (int i = spec->naxes - 1; i >= 0; i--) {
        index[i] = rest % spec->axis[i].n;
        rest /= spec->axis[i].n;
    }
    for (int i = 0; i < spec->naxes; i++) {
        values[i] = sweep_axis_value(&spec->axis[i], index[i]);
        bind_set(&w->b[i], values[i]);
    }
    w->changed = ~0u;
}

/* Move w's copy to the next point: advance the last axis, carrying into
 * earlier ones. */
static void next_point(worker *w, long long *index, double *values)
{
    const bs_sweep_spec *spec = w->ctx->spec;
    for (int i = spec->naxes - 1; i >= 0; i--) {
        w->changed |= 1u << (w->vary_id[i] < 31 ? w->vary_id[i] : 31);
        if (++index[i] < spec->axis[i].n) {
            values[i] = sweep_axis_value(&spec->axis[i], index[i]);
            bind_set(&w->b[i], values[i]);
            return;
        }
        index[i] = 0;
        values[i] = sweep_axis_value(&spec->axis[i], 0);
        bind_set(&w->b[i], values[i]);
    }
}

/* Run w's copy, set to the point whose values are given: the model (only
 * what the varied settings reach), its check and the vote. Returns 0, or -1
 * once the failure is kept in the context. */
static int eval_point(worker *w, const double *values, bool *passed, double *p_pass)
{
    sweep_ctx *c = w->ctx;
    budget_incr_run_changed(&w->incr, w->sc, w->r, w->changed);
    w->changed = 0;
    if (!budget_incr_finite(&w->incr, w->sc, w->r)) {
        fail_not_finite(w, values);
        return -1;
    }
    *passed = false;
    *p_pass = 0;
    int count[BS_TALLY_MAX];
    if (c->vote && fast_vote_eval(w->fv, w->r, passed, count, p_pass) != 0) {
        fail_ctx(c, "sweep", "out of memory");
        return -1;
    }
    return 0;
}

/* Run the points of block b and write their rows into s->text (and their
 * gaps into the plot, when there is one). Returns the bytes written, or -1
 * once the failure is kept in the context. */
static long long fill_block(worker *w, long long b, slot *s)
{
    sweep_ctx *c = w->ctx;
    long long first = c->lo + b * c->block_rows;
    long long last = first + c->block_rows < c->hi ? first + c->block_rows : c->hi;
    long long index[BS_SWEEP_MAX_AXES];
    double values[BS_SWEEP_MAX_AXES];
    first_point(w, first, index, values);
    char *p = s->text;
    /* the values kept formatted are in the text of the block before */
    memset(w->col_len, 0, sizeof w->col_len);
    for (long long idx = first; idx < last; idx++) {
        bool passed;
        double p_pass;
        if (eval_point(w, values, &passed, &p_pass) != 0)
            return -1;
        if (!c->summary) {
            p = format_row(w, index, values, passed, p_pass, p);
        } else if (sweep_acc_add(w->acc, idx, w->sc, w->r, passed, p_pass) != 0) {
            fail_ctx(c, "sweep", "out of memory");
            return -1;
        }
        if (c->plot)
            memcpy(c->plot->gap + (idx - c->lo) * w->r->nyears, w->r->gap_after_m,
                   (size_t)w->r->nyears * sizeof(double));
        next_point(w, index, values);
    }
    return (long long)(p - s->text);
}

/* A worker thread: blocks, one after another, until none is left or the
 * sweep fails. */
static void *work(void *arg)
{
    worker *w = arg;
    long long b;
    slot *s;
    while ((s = claim_block(w->ctx, &b)) != NULL) {
        long long len = fill_block(w, b, s);
        if (len < 0)
            break;
        hand_over(w->ctx, s, (size_t)len);
    }
    return NULL;
}

/* The monotonic clock, in seconds. */
static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Draw the progress bar on stderr: done of total points, the time since started. */
static void progress(long long done, long long total, double started)
{
    int width = BAR_WIDTH, filled = total ? (int)(width * done / total) : width;
    char bar[BAR_WIDTH + 1];
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

/* Plan the sweep of sc into c: this shard's points, the blocks and their
 * size, the threads and the ring's slots. */
static void plan(sweep_ctx *c, const bs_scenario *sc, const bs_sweep_spec *spec, bs_sweep_plot *plot, int summary)
{
    memset(c, 0, sizeof *c);
    c->sc = sc;
    c->spec = spec;
    long long total = sweep_count(spec);
    c->lo = total * (spec->shard_k - 1) / spec->shard_n;
    c->hi = total * spec->shard_k / spec->shard_n;
    c->npoints = c->hi - c->lo;
    c->vote = sc->chamber.given;
    c->vote_cache = 1;
    for (int i = 0; i < spec->naxes; i++)
        if (analyse_is_council_path(spec->axis[i].path))
            c->vote_cache = 0;
    /* the values, a gap a year, the closing reserve, the rules broken, the
     * vote's two columns; a row ends in "\r\n" */
    int ncols = spec->naxes + sc->nyears + 2 + (c->vote ? 2 : 0);
    c->row_max = (size_t)ncols * FIELD_MAX + 2;
    c->block_rows = (long long)(BLOCK_BYTES_TARGET / c->row_max);
    if (c->block_rows > BLOCK_ROWS_MAX)
        c->block_rows = BLOCK_ROWS_MAX;
    if (c->block_rows < BLOCK_ROWS_MIN)
        c->block_rows = BLOCK_ROWS_MIN;
    if (summary) { /* no text: blocks only share out the points, a few per thread */
        c->row_max = 0;
        long long per = (c->npoints + 4LL * spec->threads - 1) / (4LL * spec->threads);
        c->block_rows = per < BLOCK_ROWS_MIN ? BLOCK_ROWS_MIN : per > SUMMARY_BLOCK_ROWS ? SUMMARY_BLOCK_ROWS : per;
    }
    c->nblocks = (c->npoints + c->block_rows - 1) / c->block_rows;
    c->nthreads = spec->threads;
    if (c->nthreads > c->nblocks)
        c->nthreads = c->nblocks > 0 ? (int)c->nblocks : 1;
    c->nslots = 2 * c->nthreads + 1;
    c->plot = plot;
}

/* Size plot for the shard's npoints points and allocate its gaps (heap
 * memory: sweep_plot_clear). Returns 0, or -1 with err. */
static int plot_start(bs_sweep_plot *plot, const bs_scenario *sc, long long npoints, bs_error *err)
{
    plot->nyears = sc->nyears;
    plot->first_year = sc->first_year;
    plot->npoints = npoints;
    if (!(plot->gap = malloc((size_t)(npoints ? npoints : 1) * (size_t)sc->nyears * sizeof(double))))
        return analyse_out_of_memory(err, "sweep");
    return 0;
}

/* The ring: c->nslots slots, each with room for a block of text (heap
 * memory: ring_free, also after a failure). Returns 0, or -1 with err. */
static int ring_new(sweep_ctx *c, bs_error *err)
{
    if (!(c->slots = calloc((size_t)c->nslots, sizeof *c->slots)))
        return analyse_out_of_memory(err, "sweep");
    for (int i = 0; i < c->nslots; i++)
        if (!(c->slots[i].text = malloc(c->row_max ? (size_t)c->block_rows * c->row_max : 1)))
            return analyse_out_of_memory(err, "sweep");
    return 0;
}

/* Free the ring and its slots' text (after a failure too). */
static void ring_free(sweep_ctx *c)
{
    if (!c->slots)
        return;
    for (int i = 0; i < c->nslots; i++)
        free(c->slots[i].text);
    free(c->slots);
    c->slots = NULL;
}

/* The workers, into *out: each with its own copy of the scenario, bound and
 * with its vote, all made before any thread starts (heap memory:
 * workers_free, also after a failure). Returns 0, or -1 with err. */
static int workers_new(sweep_ctx *c, worker **out, bs_error *err)
{
    const bs_sweep_spec *spec = c->spec;
    worker *w = *out = calloc((size_t)c->nthreads, sizeof *w);
    if (!w)
        return analyse_out_of_memory(err, "sweep");
    for (int t = 0; t < c->nthreads; t++) {
        w[t].ctx = c;
        w[t].sc = scenario_new();
        w[t].r = result_new();
        w[t].fv = c->vote ? malloc(sizeof *w[t].fv) : NULL;
        w[t].acc = c->summary ? sweep_acc_new(c->summary) : NULL;
        if (!w[t].sc || !w[t].r || (c->vote && !w[t].fv) || (c->summary && !w[t].acc))
            return analyse_out_of_memory(err, "sweep");
        memcpy(w[t].sc, c->sc, sizeof *c->sc);
        budget_incr_init(&w[t].incr);
        for (int i = 0; i < spec->naxes; i++)
            w[t].axis_index[i] = -1;
        long long nlast = spec->naxes ? spec->axis[spec->naxes - 1].n : 0;
        if (nlast > 0 && nlast <= LAST_CACHE_MAX) {
            w[t].last_text = calloc((size_t)nlast, FIELD_MAX);
            w[t].last_len = calloc((size_t)nlast, 1);
            if (!w[t].last_text || !w[t].last_len)
                return analyse_out_of_memory(err, "sweep");
        }
        for (int i = 0; i < spec->naxes; i++) {
            if (bind_path(w[t].sc, spec->axis[i].path, &w[t].b[i], err) != 0)
                return -1;
            w[t].vary_id[i] = budget_incr_vary(&w[t].incr, w[t].sc, w[t].b[i].values + w[t].b[i].first,
                                               (size_t)w[t].b[i].count * sizeof(double));
        }
        if (c->vote && fast_vote_init(w[t].fv, w[t].sc, c->vote_cache, err) != 0)
            return -1;
    }
    return 0;
}

/* Free the n workers in w (NULL is allowed) and their copies. */
static void workers_free(worker *w, int n)
{
    if (!w)
        return;
    for (int t = 0; t < n; t++) {
        scenario_free(w[t].sc);
        result_free(w[t].r);
        free(w[t].fv);
        sweep_acc_free(w[t].acc);
        free(w[t].last_text);
        free(w[t].last_len);
    }
    free(w);
}

/* Start a thread for each worker. Returns 0, or -1 when one cannot start:
 * the failure is kept in c, which stops the ones started. */
static int workers_start(sweep_ctx *c, worker *w)
{
    for (int t = 0; t < c->nthreads; t++) {
        if (pthread_create(&w[t].tid, NULL, work, &w[t]) != 0) {
            fail_ctx(c, "sweep", "cannot start a thread");
            return -1;
        }
        w[t].started = 1;
    }
    return 0;
}

/* Wait for every worker whose thread started (w may be NULL). */
static void workers_join(const sweep_ctx *c, worker *w)
{
    for (int t = 0; w && t < c->nthreads; t++)
        if (w[t].started)
            pthread_join(w[t].tid, NULL);
}

/* Wait until block b is done in slot s. Returns 1, or 0 when the sweep has
 * failed. */
static int wait_done(sweep_ctx *c, const slot *s, long long b)
{
    pthread_mutex_lock(&c->lock);
    while (!c->failed && !(s->state == SLOT_DONE && s->block == b))
        pthread_cond_wait(&c->changed, &c->lock);
    int failed = c->failed;
    pthread_mutex_unlock(&c->lock);
    return !failed;
}

/* Block b is written: free its slot for block b + nslots. */
static void release_slot(sweep_ctx *c, slot *s, long long b)
{
    pthread_mutex_lock(&c->lock);
    s->state = SLOT_FREE;
    c->written = b + 1;
    if (c->slot_waiters > 0) /* a worker waits for this slot, or another */
        pthread_cond_broadcast(&c->changed);
    pthread_mutex_unlock(&c->lock);
}

/* Redraw the progress bar after block b, at most every PROGRESS_EVERY
 * seconds (*drawn: when it was last drawn) and after the last block. */
static void progress_after(const sweep_ctx *c, long long b, double started, double *drawn)
{
    double t = now_seconds();
    if (t - *drawn >= PROGRESS_EVERY || b + 1 == c->nblocks) {
        long long done = (b + 1) * c->block_rows < c->npoints ? (b + 1) * c->block_rows : c->npoints;
        progress(done, c->npoints, started);
        *drawn = t;
    }
}

/* The writer (the calling thread): emit the blocks in order as each is
 * done, freeing its slot, with a progress bar when asked. Stops at the
 * first failure, the workers' or the output's, which is kept in c. */
static void write_blocks(sweep_ctx *c, FILE *out, int show_progress)
{
    double started = now_seconds(), drawn = 0;
    if (show_progress)
        progress(0, c->npoints, started);
    for (long long b = 0; b < c->nblocks; b++) {
        slot *s = &c->slots[b % c->nslots];
        if (!wait_done(c, s, b))
            break;
        if (out && (fwrite(s->text, 1, s->len, out) != s->len || ferror(out))) {
            /* the caller names the output; the message is the system's reason */
            int saved = errno;
            fail_ctx(c, "", strerror(saved ? saved : EIO));
            break;
        }
        release_slot(c, s, b);
        if (show_progress)
            progress_after(c, b, started, &drawn);
    }
}

/* sweep_run, or with a summary (and out NULL) sweep_run_summary. */
static int run(const bs_scenario *sc, const bs_sweep_spec *spec, FILE *out, bs_sweep_plot *plot,
               bs_sweep_summary *summary, bs_error *err)
{
    sweep_ctx c;
    plan(&c, sc, spec, plot, summary != NULL);
    c.summary = summary;
    if (spec->shard_k == 1 && out)
        write_header(out, sc, spec, c.vote);
    if (plot && plot_start(plot, sc, c.npoints, err) != 0)
        return -1;
    if (c.npoints == 0)
        return 0;

    worker *w = NULL;
    int status = ring_new(&c, err) == 0 && workers_new(&c, &w, err) == 0 ? 0 : -1;
    pthread_mutex_init(&c.lock, NULL);
    pthread_cond_init(&c.changed, NULL);
    if (status == 0)
        status = workers_start(&c, w);
    if (status == 0) {
        write_blocks(&c, out, spec->progress);
        if (spec->progress)
            fputc('\n', stderr);
    }
    workers_join(&c, w);
    /* the workers' summaries, in worker order (any order gives the same) */
    for (int t = 0; status == 0 && !c.failed && summary && t < c.nthreads; t++)
        if (sweep_summary_merge(summary, w[t].acc) != 0)
            status = analyse_out_of_memory(err, "sweep");
    if (status == 0 && !c.failed && summary && sweep_summary_finish(summary) != 0)
        status = analyse_out_of_memory(err, "sweep");
    if (c.failed) {
        *err = c.err;
        status = -1;
    }
    pthread_cond_destroy(&c.changed);
    pthread_mutex_destroy(&c.lock);
    workers_free(w, c.nthreads);
    ring_free(&c);
    return status;
}

int sweep_run(const bs_scenario *sc, const bs_sweep_spec *spec, FILE *out, bs_sweep_plot *plot, bs_error *err)
{
    return run(sc, spec, out, plot, NULL, err);
}

int sweep_run_summary(const bs_scenario *sc, const bs_sweep_spec *spec, bs_sweep_summary *summary, bs_error *err)
{
    return run(sc, spec, NULL, NULL, summary, err);
}
