/* sensitivity.c - one-at-a-time swings of the numeric settings (see
 * sensitivity.h).
 *
 * The scenario is copied once; each swing scales one binding of the copy in
 * place, runs the budget, and puts the binding's values back. The runs are
 * incremental (core/budget.h: bs_incr, every value bit for bit that of a
 * full budget_run): the settings are taken in groups of INCR_GROUP, each
 * group one plan whose first run is a full one, each swing recomputing
 * only what the setting swung, and the one put back before it, reach. The
 * quantity is read straight from the result when its row is stored there
 * (table_offset), and from a table built for the run otherwise.
 *
 * This file may use: core/, analyse/solve.h and common.h, and the C library. */
#include "analyse/sensitivity.h"

#include <ctype.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/budget.h"
#include "core/guard.h"

#define BIND_CAP_START 512 /* bindings all_bindings() makes room for at first */
#define INCR_GROUP 31      /* settings one plan follows (bits 0..30: see budget_incr_vary) */

/* ------------------------------------------------------------------ */
/* Arguments                                                           */
/* ------------------------------------------------------------------ */

int sensitivity_parse_swing(const char *arg, bs_sens_spec *spec, bs_error *err)
{
    char who[BS_SOLVE_ARG_MAX];
    snprintf(who, sizeof who, "--swing %s", arg);
    if (spec->has_swing)
        return bs_fail(err, "", 0, who, "--swing is given twice: sensitivity takes one swing");
    char *end;
    double v = 0.0;
    int ok = arg[0] && !isspace((unsigned char)arg[0]);
    if (ok) {
        v = strtod(arg, &end);
        if (*end == '%')
            end++;
        ok = end != arg && *end == '\0' && isfinite(v) && v > 0.0 && v < 100.0;
    }
    if (!ok)
        return bs_fail(err, "", 0, who, "the swing must be a percentage above 0 and below 100, such as 10%%");
    spec->swing_pct = v;
    spec->has_swing = 1;
    return 0;
}

int sensitivity_parse_metric(const char *arg, bs_sens_spec *spec, bs_error *err)
{
    char who[BS_SOLVE_ARG_MAX];
    snprintf(who, sizeof who, "--metric %s", arg);
    if (spec->has_metric)
        return bs_fail(err, "", 0, who, "--metric is given twice: sensitivity reads one quantity");
    bs_strlcpy(spec->metric_arg, who, sizeof spec->metric_arg);
    if (solve_parse_metric(arg, strlen(arg), who, spec->metric, sizeof spec->metric, &spec->year, err) != 0)
        return -1;
    spec->has_metric = 1;
    return 0;
}

int sensitivity_parse_only(const char *arg, bs_sens_spec *spec, bs_error *err)
{
    char who[BS_SOLVE_ARG_MAX];
    snprintf(who, sizeof who, "--only %s", arg);
    const char *p = arg;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len == 0)
            return bs_fail(err, "", 0, who, "expected setting paths separated by commas, with none empty");
        if (len >= sizeof spec->only[0])
            return analyse_path_too_long(err, "--only", p, sizeof spec->only[0]);
        char path[sizeof spec->only[0]];
        memcpy(path, p, len);
        path[len] = '\0';
        int seen = 0;
        for (int i = 0; i < spec->nonly && !seen; i++)
            seen = strcmp(spec->only[i], path) == 0;
        if (!seen) {
            if (spec->nonly >= BS_SENS_MAX_ONLY)
                return bs_fail(err, "", 0, "--only", "more than %d paths in all", BS_SENS_MAX_ONLY);
            memcpy(spec->only[spec->nonly++], path, len + 1);
        }
        if (!comma)
            return 0;
        p = comma + 1;
    }
}

/* ------------------------------------------------------------------ */
/* The settings to swing                                               */
/* ------------------------------------------------------------------ */

/* Every numeric setting of sc, in heap memory (the caller frees it); NULL
 * when out of memory. */
static bs_binding *all_bindings(bs_scenario *sc, int *n)
{
    int cap = BIND_CAP_START;
    for (;;) {
        bs_binding *b = malloc((size_t)cap * sizeof *b);
        if (!b)
            return NULL;
        *n = bind_all(sc, b, cap);
        if (*n < cap)
            return b;
        free(b);
        cap *= 2;
    }
}

/* The error for an --only path that is not a numeric setting of sc: the
 * binder's reason, and the nearest numeric path when one is close enough. */
static int bad_only(bs_scenario *sc, const char *path, const bs_error *why, bs_error *err)
{
    char who[BS_SOLVE_ARG_MAX];
    snprintf(who, sizeof who, "--only %s", path);
    int n = 0;
    bs_binding *all = all_bindings(sc, &n);
    bs_nearest near;
    bs_nearest_start(&near, path, strlen(path));
    for (int i = 0; all && i < n; i++)
        bs_nearest_offer(&near, all[i].path);
    /* a period the setting does not have is not a misspelt path */
    const char *best = strchr(path, '@') ? NULL : bs_nearest_best(&near, ANALYSE_NEAREST_SLACK, 0);
    if (best)
        bs_fail(err, "", 0, who, "%s; did you mean %s?", why->message, best);
    else
        bs_fail(err, "", 0, who, "%s", why->message);
    free(all);
    return -1;
}

/* ------------------------------------------------------------------ */
/* Reading the quantity                                                */
/* ------------------------------------------------------------------ */

/* What reads the quantity after each swing (read_metric). */
typedef struct {
    const bs_scenario *sc;  /* the copy being swung */
    bs_result *r;
    bs_incr *incr;          /* the plan of the group being swung (heap memory) */
    unsigned pending;       /* the settings changed since the plan's last run: bit k, its number */
    bs_table table;         /* built only for rows not stored in the result */
    const char *metric;
    long offset;            /* table_offset of the row, -1 when computed */
    int year_index;
    int evaluations;
} reader;

/* Run the budget of rd->sc (rd->pending changed) and read the quantity into
 * *v; *na = 1 when it has no value. Returns 0, or -1 when out of memory. */
static int read_metric(reader *rd, double *v, int *na)
{
    rd->evaluations++;
    budget_incr_run_changed(rd->incr, rd->sc, rd->r, rd->pending);
    if (rd->offset >= 0) {
        *v = ((const double *)((const char *)rd->r + rd->offset))[rd->year_index];
        *na = 0;
        return 0;
    }
    table_free(&rd->table);
    if (table_from_result(rd->sc, rd->r, &rd->table) != 0)
        return -1;
    const bs_row *row = table_find(&rd->table, rd->metric);
    *na = !row || row->kind == BS_ROW_HEADING || row->na[rd->year_index];
    *v = *na ? 0.0 : row->v[rd->year_index];
    return 0;
}

/* ------------------------------------------------------------------ */
/* Swinging                                                            */
/* ------------------------------------------------------------------ */

/* Scale b (bit in the plan of rd) by factor, clamp each value into range,
 * read the quantity, and put the values back. *clamped = 1 when any value
 * was clamped. */
static int swing(reader *rd, const bs_binding *b, unsigned bit, double factor, double *value, int *clamped,
                 double *metric, int *na, bs_error *err)
{
    double saved[BS_MAX_YEARS];
    memcpy(saved, b->values + b->first, (size_t)b->count * sizeof *saved);
    bind_scale(b, factor);
    *clamped = 0;
    for (int t = 0; t < b->count; t++) {
        double *x = &b->values[b->first + t];
        double c = bind_clamp(b, *x);
        if (c != *x) {
            *clamped = 1;
            *x = c;
        }
    }
    *value = bind_get(b);
    rd->pending |= bit;
    int rc = read_metric(rd, metric, na);
    if (rc != 0) {
        analyse_out_of_memory(err, "");
    } else if (!budget_incr_finite(rd->incr, rd->sc, rd->r)) {
        /* bad input naming the setting swung, never a NaN in the ranking */
        char what[BS_WHAT_MAX];
        guard_describe(rd->sc, rd->r, what, sizeof what);
        rc = bs_fail(err, "", 0, "sensitivity",
                     "%s: at %.10g (%+g%%) the budget cannot be computed: %s (an overflow or a division by zero)",
                     b->path, *value, (factor - 1.0) * 100.0, what);
    }
    memcpy(b->values + b->first, saved, (size_t)b->count * sizeof *saved);
    rd->pending = bit; /* put back: the next run recomputes what it reaches */
    return rc;
}

/* Largest effect first; no effect at all (NaN) last; ties in order. Effects
 * are compared to a billionth of the unit, so that two settings that move the
 * quantity by the same amount, computed along different paths (the tax base
 * and Band D), keep the order of the settings table. */
static int by_effect(const void *pa, const void *pb)
{
    const bs_sens_row *a = pa, *b = pb;
    int an = isnan(a->effect), bn = isnan(b->effect);
    if (an != bn)
        return an - bn;
    double ka = an ? 0.0 : round(a->effect * 1e9), kb = bn ? 0.0 : round(b->effect * 1e9);
    if (ka != kb)
        return ka > kb ? -1 : 1;
    return (a->order > b->order) - (a->order < b->order);
}

/* 1 when every value of b is 0: scaling it would change nothing. */
static int all_zero(const bs_binding *b)
{
    for (int t = 0; t < b->count; t++)
        if (b->values[b->first + t] != 0.0)
            return 0;
    return 1;
}

/* Resolve the quantity on the base run: its row, year and value. */
static int resolve_metric(const bs_scenario *sc, const bs_sens_spec *spec, reader *rd, bs_sens_result *out,
                          bs_error *err)
{
    const char *who = spec->has_metric ? spec->metric_arg : "--metric";
    int year = spec->year;
    if (!year)
        year = sc->first_year + (sc->nyears >= 2 ? 1 : 0);
    bs_result *r = rd->r;
    budget_run(sc, r);
    rd->evaluations++;
    if (table_from_result(sc, r, &rd->table) != 0)
        return analyse_out_of_memory(err, "");
    const bs_row *row;
    if (solve_find_metric(sc, &rd->table, who, rd->metric, year, &row, &out->year, err) != 0)
        return -1;
    rd->year_index = out->year - sc->first_year;
    if (row->na[rd->year_index]) {
        char y[BS_YEAR_LABEL_MAX];
        return bs_fail(err, "", 0, who, "%s has no value in %s in this budget", rd->metric,
                       bs_year_label(out->year, y, sizeof y));
    }
    out->base_metric = row->v[rd->year_index];
    bs_strlcpy(out->metric, rd->metric, sizeof out->metric);
    bs_strlcpy(out->label, row->label, sizeof out->label);
    out->kind = row->kind;
    rd->offset = row->result_offset;
    return 0;
}

/* Start *out: zeroed, with the scenario's names and the swing resolved. */
static void start_result(const bs_scenario *sc, const bs_sens_spec *spec, bs_sens_result *out)
{
    memset(out, 0, sizeof *out);
    bs_strlcpy(out->name, sc->name, sizeof out->name);
    bs_strlcpy(out->scenario_label, sc->label, sizeof out->scenario_label);
    bs_strlcpy(out->council, sc->council, sizeof out->council);
    bs_strlcpy(out->source_file, sc->source_file, sizeof out->source_file);
    out->swing_pct = spec->swing_pct > 0 ? spec->swing_pct : BS_SENS_SWING_PCT;
}

/* The settings to swing, bound to work: the --only paths, or every numeric
 * setting but the vote's (counted in out->nleft_out). Returns 0 with *bind
 * (heap memory: the caller frees it) and *n, or -1 with err. */
static int settings_to_swing(bs_scenario *work, const bs_sens_spec *spec, bs_sens_result *out, bs_binding **bind,
                             int *n, bs_error *err)
{
    *n = 0;
    if (spec->nonly > 0) {
        if (!(*bind = malloc((size_t)spec->nonly * sizeof **bind)))
            return analyse_out_of_memory(err, "");
        for (int i = 0; i < spec->nonly; i++) {
            bs_error why = {0};
            if (bind_path(work, spec->only[i], &(*bind)[*n], &why) != 0)
                return bad_only(work, spec->only[i], &why, err);
            (*n)++;
        }
        return 0;
    }
    bs_binding *all = all_bindings(work, n);
    if (!(*bind = all))
        return analyse_out_of_memory(err, "");
    int kept = 0;
    for (int i = 0; i < *n; i++) {
        if (analyse_is_council_path(all[i].path))
            out->nleft_out++;
        else
            all[kept++] = all[i];
    }
    *n = kept;
    return 0;
}

/* Swing b down (factor lo) and up (hi) into row, its effect measured against
 * base. Returns 0, or -1 with err. */
static int swing_row(reader *rd, const bs_binding *b, unsigned bit, double lo, double hi, double base,
                     bs_sens_row *row, bs_error *err)
{
    bs_strlcpy(row->path, b->path, sizeof row->path);
    row->per_year = b->def->type != BS_T_NUM;
    row->base_value = bind_get(b);
    row->min_value = row->max_value = row->base_value;
    for (int t = 0; t < b->count; t++) {
        double v = b->values[b->first + t];
        row->min_value = v < row->min_value ? v : row->min_value;
        row->max_value = v > row->max_value ? v : row->max_value;
    }
    if (swing(rd, b, bit, lo, &row->value_low, &row->clamped_low, &row->metric_low, &row->na_low, err) != 0 ||
        swing(rd, b, bit, hi, &row->value_high, &row->clamped_high, &row->metric_high, &row->na_high, err) != 0)
        return -1;
    double e = NAN;
    if (!row->na_low)
        e = fabs(row->metric_low - base);
    if (!row->na_high) {
        double h = fabs(row->metric_high - base);
        e = isnan(e) || h > e ? h : e;
    }
    row->effect = e;
    return 0;
}

/* Swing each of the n settings in bind into out->rows, in order; those whose
 * values are all 0 go to out->skipped. Returns 0, or -1 with err. */
static int swing_all(reader *rd, const bs_binding *bind, int n, bs_sens_result *out, bs_error *err)
{
    out->rows = calloc((size_t)(n > 0 ? n : 1), sizeof *out->rows);
    out->skipped = calloc((size_t)(n > 0 ? n : 1), sizeof *out->skipped);
    if (!out->rows || !out->skipped)
        return analyse_out_of_memory(err, "");
    double lo = 1.0 - out->swing_pct / 100.0, hi = 1.0 + out->swing_pct / 100.0;
    for (int i = 0; i < n; i++) {
        const bs_binding *b = &bind[i];
        if (i % INCR_GROUP == 0) { /* a new group: its plan, first run a full one */
            budget_incr_init(rd->incr);
            for (int j = i; j < n && j < i + INCR_GROUP; j++)
                budget_incr_vary(rd->incr, rd->sc, bind[j].values + bind[j].first,
                                 (size_t)bind[j].count * sizeof(double));
            rd->pending = 0;
        }
        unsigned bit = 1u << (i % INCR_GROUP);
        if (all_zero(b)) {
            bs_strlcpy(out->skipped[out->nskipped++], b->path, sizeof out->skipped[0]);
            continue;
        }
        bs_sens_row *row = &out->rows[out->n];
        row->order = out->n;
        if (swing_row(rd, b, bit, lo, hi, out->base_metric, row, err) != 0)
            return -1;
        out->n++;
    }
    return 0;
}

/* The error when every setting to swing is 0 throughout. */
static int nothing_to_swing(const bs_sens_spec *spec, bs_error *err)
{
    if (spec->nonly > 0)
        return bs_fail(err, "", 0, "--only", "nothing to swing: %s 0 in every year, and a swing of 0 is 0",
                       spec->nonly == 1 ? "the setting is" : "every setting listed is");
    return bs_fail(err, "", 0, "", "nothing to swing: every numeric setting of the budget is 0");
}

bs_sens_result *sensitivity_result_new(void)
{
    return calloc(1, sizeof(bs_sens_result));
}

int sensitivity_run(const bs_scenario *sc, const bs_sens_spec *spec, bs_sens_result *out, bs_error *err)
{
    start_result(sc, spec, out);
    reader rd = {0};
    rd.metric = spec->metric[0] ? spec->metric : BS_SENS_DEFAULT_METRIC;
    bs_scenario *work = scenario_new();
    rd.r = result_new();
    rd.incr = malloc(sizeof *rd.incr);
    bs_binding *bind = NULL;
    int nbind = 0, rc = -1;
    if (!work || !rd.r || !rd.incr) {
        analyse_out_of_memory(err, "");
        goto done;
    }
    memcpy(work, sc, sizeof *work);
    rd.sc = work;
    if (resolve_metric(sc, spec, &rd, out, err) != 0 || settings_to_swing(work, spec, out, &bind, &nbind, err) != 0 ||
        swing_all(&rd, bind, nbind, out, err) != 0)
        goto done;
    if (out->n == 0) {
        nothing_to_swing(spec, err);
        goto done;
    }
    qsort(out->rows, (size_t)out->n, sizeof *out->rows, by_effect);
    rc = 0;
done:
    out->evaluations = rd.evaluations;
    table_free(&rd.table);
    free(bind);
    scenario_free(work);
    result_free(rd.r);
    free(rd.incr);
    return rc;
}

void sensitivity_clear(bs_sens_result *res)
{
    if (!res)
        return;
    free(res->rows);
    free(res->skipped);
    res->rows = NULL;
    res->skipped = NULL;
    res->n = res->nskipped = 0;
}

void sensitivity_result_free(bs_sens_result *res)
{
    sensitivity_clear(res);
    free(res);
}
