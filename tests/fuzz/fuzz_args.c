/* libFuzzer harness: the values of command-line options that are not a
 * --set: solve --vary and --target, sweep --vary, --shard, --threads and
 * --plot-year, sensitivity --swing, --metric and --only, montecarlo and vote
 * --draws, --seed and --threads, --format and --image.
 *
 * The first byte of the input chooses the option (a letter of OPTIONS below,
 * so that the seeds read as text; any other byte by its value modulo 15);
 * the rest, cut at NUL bytes (which no argument can hold), are its values,
 * given in turn as a repeated option would be. Every error must be one line with status 2 (3 only for
 * "out of memory"); every value read must be finite and within what the
 * option allows, or the harness aborts. A value that reads and is cheap to
 * use is then used on the Liverpool adopted budget, loaded once: a setting
 * bound and the model run at the ends of the range, a quantity looked up in
 * its table, a small sweep or sensitivity run. Run from the top folder. */
#include "cli/args.h"
#include "load/source.h"
#include "core/bind.h"
#include "core/budget.h"
#include "write/output.h"
#include "write/plot.h"
#include "core/scenario.h"
#include "core/table.h"
#include "analyse/sensitivity.h"
#include "analyse/solve.h"
#include "analyse/sweep.h"
#include "core/table.h"
#include "core/util.h"

#include <ctype.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ARGS 16

/* V solve --vary, T solve --target, w sweep --vary, k sweep --shard,
 * h sweep --threads, y sweep --plot-year, s sensitivity --swing,
 * m sensitivity --metric, o sensitivity --only, D montecarlo --draws,
 * S montecarlo --seed, H montecarlo --threads, d vote --draws, e vote --seed,
 * f --format and --image */
static const char OPTIONS[] = "VTwkhysmoDSHdef";

static bs_scenario *base; /* Liverpool adopted, as loaded */
static bs_scenario *work; /* a copy the harness changes, put back after each use */
static bs_result *result;
static bs_table table;     /* the rows of base's budget */
static FILE *devnull;
static int touched;        /* work may have been changed since it was last checked */

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (!(cond)) {                                                                \
            fprintf(stderr, "fuzz_args: check failed at line %d: %s\n", __LINE__, #cond); \
            abort();                                                                  \
        }                                                                             \
    } while (0)

static void setup(void)
{
    base = malloc(sizeof *base);
    work = malloc(sizeof *work);
    result = malloc(sizeof *result);
    devnull = fopen("/dev/null", "w");
    bs_error err = {0};
    if (!base || !work || !result || !devnull ||
        scenario_load("scenarios/liverpool-2022-adopted.cfg", NULL, 0, base, &err) != 0) {
        fprintf(stderr, "fuzz_args: cannot load scenarios/liverpool-2022-adopted.cfg (run from the top folder)\n");
        abort();
    }
    budget_run(base, result);
    if (table_from_result(base, result, &table) != 0)
        abort();
    memcpy(work, base, sizeof *work);
}

/* An error must be one line, not empty, with status 2 (or 3, out of memory). */
static void check_error(const bs_error *err)
{
    char line[2048];
    CHECK(err->status == BS_EXIT_INPUT || (err->status == BS_EXIT_ENV && strstr(err->message, "out of memory")));
    CHECK(err->message[0]);
    bs_error_format(err, line, sizeof line);
    CHECK(line[0] && !strchr(line, '\n') && !strchr(line, '\r'));
}

/* An error naming a command-line argument has no file: main.c prints it
 * after "budgetsim: ". */
static void check_arg_error(const bs_error *err)
{
    check_error(err);
    CHECK(err->file[0] == '\0' && err->line == 0);
}

/* Is v allowed for the setting of b (as sweep_check has it)? */
static int allowed(const bs_binding *b, double v)
{
    const bs_setting_def *d = b->def;
    if (!(v >= d->min && v <= d->max))
        return 0;
    if ((d->flags & BS_F_MIN_OPEN) && v == d->min)
        return 0;
    if ((d->flags & BS_F_MAX_OPEN) && v == d->max)
        return 0;
    return 1;
}

/* Bind path on work and run the model with each allowed value; work is put
 * back as it was. */
static void bind_and_run(const char *path, const double *values, int n)
{
    bs_binding b;
    bs_error err = {0};
    if (bind_path(work, path, &b, &err) != 0) {
        check_arg_error(&err);
        return;
    }
    CHECK(b.count >= 1 && b.first >= 0 && b.first + b.count <= BS_MAX_YEARS);
    double saved[BS_MAX_YEARS];
    touched = 1;
    memcpy(saved, b.values + b.first, (size_t)b.count * sizeof *saved);
    for (int i = 0; i < n; i++) {
        if (!allowed(&b, values[i]))
            continue;
        bind_set(&b, values[i]);
        CHECK(bind_get(&b) == values[i]);
        budget_run(work, result);
    }
    memcpy(b.values + b.first, saved, (size_t)b.count * sizeof *saved);
}

/* A quantity KEY (year 0: none given) looked up in the table of the base. */
static void find_metric(const char *who, const char *metric, int year)
{
    const bs_row *row = NULL;
    int resolved = 0;
    bs_error err = {0};
    if (solve_find_metric(base, &table, who, metric, year, &row, &resolved, &err) != 0) {
        check_arg_error(&err);
        return;
    }
    /* the row of that key, or of its new name when it is an old one */
    char renamed[512];
    CHECK(row && (strcmp(row->key, metric) == 0 ||
                  (table_alias(metric, renamed, sizeof renamed) && strcmp(row->key, renamed) == 0)));
    CHECK(resolved >= base->first_year && resolved < base->first_year + base->nyears);
    CHECK(!year || resolved == year);
}

/* After KEY[@YEAR] was read: the key is the text before '@', the year is
 * not 0 when one was written (0 means "none given"), and is four digits. */
static void check_metric_read(const char *text, const char *metric, int year)
{
    const char *at = strchr(text, '@');
    size_t klen = at ? (size_t)(at - text) : strlen(text);
    CHECK(klen > 0 && strlen(metric) == klen && strncmp(metric, text, klen) == 0);
    CHECK(year >= 0 && year <= 9999);
    CHECK(at ? year != 0 : year == 0);
}

/* The number written in a whole-number argument: digits after blanks and a
 * '+', leading zeros dropped. */
static void check_whole_read(const char *arg, unsigned long long v, unsigned long long lo, unsigned long long hi)
{
    CHECK(v >= lo && v <= hi);
    const char *p = arg;
    while (isspace((unsigned char)*p))
        p++;
    CHECK(*p != '-'); /* a negative number is never a count */
    if (*p == '+')
        p++;
    while (*p == '0' && isdigit((unsigned char)p[1]))
        p++;
    char want[32];
    snprintf(want, sizeof want, "%llu", v);
    CHECK(strcmp(p, want) == 0);
}

/* ------------------------------------------------------------------ */

static void fuzz_solve_vary(char **args, int n)
{
    for (int i = 0; i < n; i++) {
        bs_solve_spec *spec = calloc(1, sizeof *spec);
        bs_error err = {0};
        if (!spec)
            abort();
        if (solve_parse_vary(args[i], spec, &err) != 0) {
            check_arg_error(&err);
        } else {
            CHECK(spec->path[0] && strlen(spec->path) < sizeof spec->path);
            CHECK(strncmp(args[i], spec->path, strlen(spec->path)) == 0 && args[i][strlen(spec->path)] == '=');
            CHECK(isfinite(spec->lo) && isfinite(spec->hi) && spec->lo < spec->hi);
            double ends[2] = {spec->lo, spec->hi};
            bind_and_run(spec->path, ends, 2);
        }
        free(spec);
    }
}

static void fuzz_solve_target(char **args, int n)
{
    for (int i = 0; i < n; i++) {
        bs_solve_spec *spec = calloc(1, sizeof *spec);
        bs_error err = {0};
        if (!spec)
            abort();
        if (solve_parse_target(args[i], spec, &err) != 0) {
            check_arg_error(&err);
        } else {
            CHECK(isfinite(spec->target));
            const char *eq = strchr(args[i], '=');
            CHECK(eq);
            char *key = strndup(args[i], (size_t)(eq - args[i]));
            if (!key)
                abort();
            check_metric_read(key, spec->metric, spec->year);
            free(key);
            find_metric(spec->target_arg, spec->metric, spec->year);
        }
        free(spec);
    }
}

static void fuzz_sweep_vary(char **args, int n)
{
    bs_sweep_spec *spec = calloc(1, sizeof *spec);
    if (!spec)
        abort();
    spec->threads = 1;
    spec->shard_k = spec->shard_n = 1;
    for (int i = 0; i < n && spec->naxes < BS_SWEEP_MAX_AXES; i++) {
        bs_sweep_axis *a = &spec->axis[spec->naxes];
        bs_error err = {0};
        if (sweep_parse_vary(args[i], a, &err) != 0) {
            check_arg_error(&err);
            CHECK(!a->list);
            continue;
        }
        spec->naxes++;
        CHECK(a->path[0] && strncmp(args[i], a->path, strlen(a->path)) == 0 && args[i][strlen(a->path)] == '=');
        CHECK(a->n >= 1 && a->n <= BS_SWEEP_MAX_POINTS);
        if (a->is_grid) {
            CHECK(!a->list && isfinite(a->from) && isfinite(a->step) && a->step > 0);
            /* FROM:TO as solve reads them; values FROM + i x STEP for
             * i = 0 .. floor((TO - FROM) / STEP + 1e-9) */
            const char *last = strrchr(args[i], ':');
            char head[BS_SWEEP_ARG_MAX + 8];
            snprintf(head, sizeof head, "%.*s", (int)(last - args[i]), args[i]);
            bs_solve_spec *s = calloc(1, sizeof *s);
            if (!s)
                abort();
            CHECK(solve_parse_vary(head, s, &err) == 0);
            CHECK(s->lo == a->from);
            double first = sweep_axis_value(a, 0), final = sweep_axis_value(a, a->n - 1);
            double tol = 1.01e-9 * a->step + 8 * DBL_EPSILON * (fabs(s->lo) + fabs(s->hi) + (s->hi - s->lo));
            CHECK(first == s->lo && isfinite(final));
            CHECK(final <= s->hi + tol);                  /* not past TO */
            CHECK(final + a->step > s->hi - tol);         /* and no value left out */
            free(s);
        } else {
            CHECK(a->list);
            size_t commas = 0;
            for (const char *p = strchr(args[i], '=') + 1; *p; p++)
                commas += *p == ',';
            CHECK((size_t)a->n == commas + 1);
            for (long long k = 0; k < a->n; k++)
                CHECK(isfinite(a->list[k]));
        }
    }
    long long count = sweep_count(spec);
    CHECK(spec->naxes == 0 || count >= 1);
    if (spec->naxes > 0 && count <= BS_SWEEP_MAX_POINTS) {
        bs_error err = {0};
        if (sweep_check(work, spec, &err) != 0) {
            check_arg_error(&err);
        } else if (count <= 16) {
            touched = 1;
            /* the whole sweep, rows to /dev/null */
            if (sweep_run(work, spec, devnull, NULL, &err) != 0) {
                check_error(&err);
                CHECK(err.status == BS_EXIT_ENV);
            }
        } else {
            /* the first and last values of each axis */
            for (int i = 0; i < spec->naxes; i++) {
                double ends[2] = {sweep_axis_value(&spec->axis[i], 0),
                                  sweep_axis_value(&spec->axis[i], spec->axis[i].n - 1)};
                bind_and_run(spec->axis[i].path, ends, 2);
            }
        }
    }
    sweep_spec_clear(spec);
    free(spec);
}

static void fuzz_sweep_shard(char **args, int n)
{
    for (int i = 0; i < n; i++) {
        bs_sweep_spec spec = {0};
        bs_error err = {0};
        if (sweep_parse_shard(args[i], &spec, &err) != 0) {
            check_arg_error(&err);
            continue;
        }
        CHECK(spec.shard_n >= 1 && spec.shard_k >= 1 && spec.shard_k <= spec.shard_n);
    }
}

static void fuzz_whole(char **args, int n, const char *name, unsigned long long lo, unsigned long long hi, int flags)
{
    for (int i = 0; i < n; i++) {
        unsigned long long v = 0;
        bs_error err = {0};
        if (args_parse_whole(name, args[i], lo, hi, flags, &v, &err) != 0) {
            check_arg_error(&err);
            CHECK(err.setting[0] == '\0');
            continue;
        }
        check_whole_read(args[i], v, lo, hi);
        const char *sign = args[i];
        while (isspace((unsigned char)*sign))
            sign++;
        if (flags & BS_ARGS_NO_PLUS)
            CHECK(*sign != '+');
    }
}

static void fuzz_plot_year(char **args, int n)
{
    for (int i = 0; i < n; i++) {
        int year = -1;
        bs_error err = {0};
        if (args_parse_year("--plot-year", args[i], &year, &err) != 0) {
            check_arg_error(&err);
            continue;
        }
        CHECK(year >= 1 && year <= 9999); /* 0 would read as "none given" */
        size_t len = strlen(args[i]);
        CHECK(len == 4 || len == 7);
    }
}

/* A sensitivity run of spec on the base, cheap: only a few settings. */
static void sens_run(bs_sens_spec *spec)
{
    if (spec->nonly == 0) {
        bs_strlcpy(spec->only[0], "council_tax.core_rise_pct", sizeof spec->only[0]);
        spec->nonly = 1;
    }
    if (spec->nonly > 4)
        return;
    bs_sens_result res;
    bs_error err = {0};
    if (sensitivity_run(base, spec, &res, &err) != 0) {
        check_error(&err);
        CHECK(err.file[0] == '\0');
    } else {
        CHECK(res.n + res.nskipped == spec->nonly);
        CHECK(res.swing_pct > 0 && res.swing_pct < 100);
        CHECK(res.year >= base->first_year && res.year < base->first_year + base->nyears);
        CHECK(isfinite(res.base_metric));
        for (int i = 0; i < res.n; i++)
            CHECK(isnan(res.rows[i].effect) || res.rows[i].effect >= 0);
    }
    sensitivity_clear(&res);
}

static void fuzz_sens_swing(char **args, int n)
{
    bs_sens_spec *spec = calloc(1, sizeof *spec);
    if (!spec)
        abort();
    for (int i = 0; i < n; i++) {
        bs_error err = {0};
        int had = spec->has_swing;
        if (sensitivity_parse_swing(args[i], spec, &err) != 0) {
            check_arg_error(&err);
            continue;
        }
        CHECK(!had && spec->has_swing);
        CHECK(isfinite(spec->swing_pct) && spec->swing_pct > 0 && spec->swing_pct < 100);
    }
    if (spec->has_swing)
        sens_run(spec);
    free(spec);
}

static void fuzz_sens_metric(char **args, int n)
{
    bs_sens_spec *spec = calloc(1, sizeof *spec);
    if (!spec)
        abort();
    for (int i = 0; i < n; i++) {
        bs_error err = {0};
        int had = spec->has_metric;
        if (sensitivity_parse_metric(args[i], spec, &err) != 0) {
            check_arg_error(&err);
            continue;
        }
        CHECK(!had && spec->has_metric);
        check_metric_read(args[i], spec->metric, spec->year);
    }
    if (spec->has_metric) {
        find_metric(spec->metric_arg, spec->metric, spec->year);
        sens_run(spec);
    }
    free(spec);
}

static void fuzz_sens_only(char **args, int n)
{
    bs_sens_spec *spec = calloc(1, sizeof *spec);
    if (!spec)
        abort();
    for (int i = 0; i < n; i++) {
        bs_error err = {0};
        int before = spec->nonly;
        if (sensitivity_parse_only(args[i], spec, &err) != 0) {
            check_arg_error(&err);
            continue;
        }
        CHECK(spec->nonly >= before && spec->nonly <= BS_SENS_MAX_ONLY);
    }
    for (int i = 0; i < spec->nonly; i++) {
        size_t len = strlen(spec->only[i]);
        CHECK(len > 0 && len < sizeof spec->only[0] && !strchr(spec->only[i], ','));
        for (int j = 0; j < i; j++)
            CHECK(strcmp(spec->only[i], spec->only[j]) != 0);
    }
    if (spec->nonly > 0)
        sens_run(spec);
    free(spec);
}

static void fuzz_format(char **args, int n)
{
    for (int i = 0; i < n; i++) {
        int f = output_parse_format(args[i]);
        CHECK(f == -1 || (f == BS_FMT_TEXT && !strcmp(args[i], "text")) || (f == BS_FMT_CSV && !strcmp(args[i], "csv")) ||
              (f == BS_FMT_JSON && !strcmp(args[i], "json")));
        int img = plot_parse_format(args[i]);
        CHECK(img == -1 || !strcmp(args[i], plot_extension((bs_image_format)img)));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!base)
        setup();
    if (size < 1)
        return 0;
    /* the values: the bytes after the first, cut at NULs */
    char *text = malloc(size);
    if (!text)
        abort();
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    char *args[MAX_ARGS];
    int n = 0;
    for (char *p = text; n < MAX_ARGS;) {
        args[n++] = p;
        p += strlen(p);
        if (p == text + size - 1)
            break;
        p++;
    }

    const char *letter = data[0] ? strchr(OPTIONS, data[0]) : NULL;
    switch (letter ? (int)(letter - OPTIONS) : data[0] % 15) {
    case 0: fuzz_solve_vary(args, n); break;
    case 1: fuzz_solve_target(args, n); break;
    case 2: fuzz_sweep_vary(args, n); break;
    case 3: fuzz_sweep_shard(args, n); break;
    case 4: fuzz_whole(args, n, "--threads", 1, BS_SWEEP_MAX_THREADS, BS_ARGS_SIGNED); break; /* sweep */
    case 5: fuzz_plot_year(args, n); break;
    case 6: fuzz_sens_swing(args, n); break;
    case 7: fuzz_sens_metric(args, n); break;
    case 8: fuzz_sens_only(args, n); break;
    case 9: fuzz_whole(args, n, "--draws", 1, 100000000ULL, BS_ARGS_NO_PLUS); break; /* montecarlo */
    case 10: fuzz_whole(args, n, "--seed", 0, 4294967295ULL, BS_ARGS_NO_PLUS); break;
    case 11: fuzz_whole(args, n, "--threads", 1, 256, BS_ARGS_NO_PLUS); break;
    case 12: fuzz_whole(args, n, "--draws", 1, 100000000ULL, 0); break; /* vote */
    case 13: fuzz_whole(args, n, "--seed", 0, 4294967295ULL, 0); break;
    default: fuzz_format(args, n); break;
    }
    /* nothing the harness did may leave the scenario changed */
    if (touched)
        CHECK(memcmp(work, base, sizeof *work) == 0);
    touched = 0;
    free(text);
    return 0;
}
