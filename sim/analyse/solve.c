/* solve.c - goal seek by Brent's method (see solve.h).
 *
 * Each evaluation of f builds the scenario afresh from its source, in memory
 * (source_build: no file is read again), with the caller's overrides and
 * "path=x" last, so the varied value is read, checked and defaulted exactly
 * as `--set path=x` would be (a charge's reference price that defaults to its
 * start-year price follows the price, for instance).
 *
 * This file may use: core/, load/, analyse/common.h, GSL and the C library. */
#include "analyse/solve.h"

#include <ctype.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_roots.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/budget.h"
#include "core/schema.h"

/* Past the bracket's closing, |f| above this share of the larger |f| at the
 * ends means the metric jumps across the target there: no value reaches it. */
#define JUMP_SHARE 1e-6
#define VALUE_MAX 64 /* x as "%.17g", with ".0" and the NUL */

/* ------------------------------------------------------------------ */
/* Arguments                                                           */
/* ------------------------------------------------------------------ */

/* Read the n characters at s as one finite or infinite number into *v.
 * Returns 0, or -1 when they are not exactly one number. */
static int read_number(const char *s, size_t n, double *v)
{
    char buf[BS_NUMBER_TEXT_MAX];
    if (n == 0 || n >= sizeof buf || isspace((unsigned char)s[0]))
        return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    char *end;
    *v = strtod(buf, &end);
    return *end == '\0' ? 0 : -1;
}

int solve_parse_vary(const char *arg, bs_solve_spec *spec, bs_error *err)
{
    snprintf(spec->vary_arg, sizeof spec->vary_arg, "--vary %s", arg);
    const char *who = spec->vary_arg;
    const char *range = analyse_read_vary_path(arg, who, "expected PATH=LO:HI",
                                               "expected PATH=LO:HI with a setting path before '='", spec->path,
                                               sizeof spec->path, err);
    if (!range)
        return -1;
    const char *colon = strchr(range, ':');
    if (!colon || strchr(colon + 1, ':') || read_number(range, (size_t)(colon - range), &spec->lo) != 0 ||
        read_number(colon + 1, strlen(colon + 1), &spec->hi) != 0)
        return bs_fail(err, "", 0, who, "LO:HI must be two numbers separated by ':', not '%s'", range);
    if (!isfinite(spec->lo) || !isfinite(spec->hi))
        return bs_fail(err, "", 0, who, "LO and HI must be finite numbers, not '%s'", range);
    if (spec->lo == spec->hi)
        return bs_fail(err, "", 0, who, "the range is empty (%.*s = %s)", (int)(colon - range), range, colon + 1);
    if (spec->lo > spec->hi)
        return bs_fail(err, "", 0, who, "the range is backwards (%.*s > %s)", (int)(colon - range), range,
                       colon + 1);
    return 0;
}

int solve_parse_metric(const char *text, size_t n, const char *who, char *metric, size_t size, int *year,
                       bs_error *err)
{
    const char *at = memchr(text, '@', n);
    size_t klen = at ? (size_t)(at - text) : n;
    if (klen == 0)
        return bs_fail(err, "", 0, who, "expected KEY@YEAR with a key before '@'");
    if (klen >= size)
        return bs_fail(err, "", 0, who, "the key is too long (the limit is %zu characters)", size - 1);
    memcpy(metric, text, klen);
    metric[klen] = '\0';
    *year = 0;
    if (at) {
        /* 2023, or 2023/24 when the second part follows the first */
        const char *y = at + 1;
        size_t ylen = n - klen - 1;
        int ok = ylen == 4 || ylen == 7;
        for (size_t i = 0; ok && i < ylen; i++)
            ok = i == 4 ? y[i] == '/' : isdigit((unsigned char)y[i]) != 0;
        if (ok) {
            *year = (y[0] - '0') * 1000 + (y[1] - '0') * 100 + (y[2] - '0') * 10 + (y[3] - '0');
            if (ylen == 7 && (y[5] - '0') * 10 + (y[6] - '0') != (*year + 1) % 100)
                ok = 0;
            if (*year == 0)
                ok = 0; /* 0 stands for "no year given" */
        }
        if (!ok)
            return bs_fail(err, "", 0, who, "the year must be written 2023 (for 2023/24) or 2023/24, not '%.*s'",
                           (int)ylen, y);
    }
    return 0;
}

int solve_parse_target(const char *arg, bs_solve_spec *spec, bs_error *err)
{
    snprintf(spec->target_arg, sizeof spec->target_arg, "--target %s", arg);
    const char *who = spec->target_arg;
    const char *eq = strchr(arg, '=');
    if (!eq)
        return bs_fail(err, "", 0, who, "expected KEY@YEAR=VALUE (or KEY=VALUE for the first year)");
    if (eq == arg)
        return bs_fail(err, "", 0, who, "expected KEY@YEAR=VALUE with a key before '='");
    if (arg[0] == '@')
        return bs_fail(err, "", 0, who, "expected KEY@YEAR=VALUE with a key before '@'");
    if (solve_parse_metric(arg, (size_t)(eq - arg), who, spec->metric, sizeof spec->metric, &spec->year, err) != 0)
        return -1;
    const char *value = eq + 1;
    if (read_number(value, strlen(value), &spec->target) != 0)
        return bs_fail(err, "", 0, who, "VALUE must be a number, not '%s'", value);
    if (!isfinite(spec->target))
        return bs_fail(err, "", 0, who, "VALUE must be a finite number, not '%s'", value);
    return 0;
}

int solve_parse_goal(const char *arg, bs_solve_goal goal, bs_solve_spec *spec, bs_error *err)
{
    snprintf(spec->target_arg, sizeof spec->target_arg, "--%s %s", goal == BS_SOLVE_MINIMISE ? "minimise" : "maximise",
             arg);
    spec->goal = goal;
    if (arg[0] == '@')
        return bs_fail(err, "", 0, spec->target_arg, "expected KEY@YEAR with a key before '@'");
    if (strchr(arg, '='))
        return bs_fail(err, "", 0, spec->target_arg,
                       "expected KEY or KEY@YEAR, without '=VALUE' (that is --target's)");
    return solve_parse_metric(arg, strlen(arg), spec->target_arg, spec->metric, sizeof spec->metric, &spec->year,
                              err);
}

/* ------------------------------------------------------------------ */
/* Evaluating the metric                                               */
/* ------------------------------------------------------------------ */

/* Everything one evaluation needs; the large structs live on the heap. */
typedef struct {
    const bs_source *src;
    const bs_solve_spec *spec;
    bs_override *overrides;      /* the caller's, then "path=x" */
    int noverrides;              /* including "path=x" */
    char assignment[BS_SETTING_PATH_MAX + VALUE_MAX]; /* the text of "path=x" */
    bs_scenario *sc;
    bs_result *r;
    bs_table table;
    int year_index;              /* -1 until the first evaluation resolves it */
    int evaluations;
    int failed;                  /* an evaluation inside Brent's method failed: err says why */
    double last_x;               /* the value of the last evaluation that succeeded (NaN: none) */
    bs_error err;
    bs_solve_result *out;
} eval_ctx;

/* "%.17g" reads back as the same double; a literal without '.' or an
 * exponent would be read as a whole number, which the reader refuses above
 * 2^31, so one is added. */
static void format_value(double x, char *buf, size_t size)
{
    snprintf(buf, size, "%.17g", x);
    if (!strpbrk(buf, ".eEni"))
        strncat(buf, ".0", size - strlen(buf) - 1);
}

/* The row with this key, headings (which hold no values) aside. */
static const bs_row *find_row(const bs_table *t, const char *key)
{
    const bs_row *row = table_find(t, key); /* an old key finds its row under its new name */
    return row && row->kind != BS_ROW_HEADING ? row : NULL;
}

/* The error for a key that is not a row, with the nearest key when there is
 * one close enough (the same rule as a red line's metric in load/check.c). */
static int unknown_metric(const bs_table *t, const char *who, const char *metric, bs_error *err)
{
    bs_nearest near;
    bs_nearest_start(&near, metric, strlen(metric));
    for (int k = 0; k < t->n; k++)
        if (t->rows[k].kind != BS_ROW_HEADING)
            bs_nearest_offer(&near, t->rows[k].key);
    const char *best = bs_nearest_best(&near, ANALYSE_NEAREST_SLACK, 0);
    if (best)
        return bs_fail(err, "", 0, who, "no quantity \"%s\" in this budget; did you mean %s?", metric, best);
    return bs_fail(err, "", 0, who,
                   "no quantity \"%s\" in this budget (the keys are those of budgetsim run --format csv)", metric);
}

int solve_find_metric(const bs_scenario *sc, const bs_table *t, const char *who, const char *metric, int year,
                      const bs_row **row, int *resolved_year, bs_error *err)
{
    *row = find_row(t, metric);
    if (!*row)
        return unknown_metric(t, who, metric, err);
    if (!year)
        year = sc->first_year;
    if (year < sc->first_year || year >= sc->first_year + sc->nyears) {
        char y[BS_YEAR_LABEL_MAX], y0[BS_YEAR_LABEL_MAX], y1[BS_YEAR_LABEL_MAX];
        return bs_fail(err, "", 0, who, "%s is outside the horizon, %s to %s", bs_year_label(year, y, sizeof y),
                       bs_year_label(sc->first_year, y0, sizeof y0),
                       bs_year_label(sc->first_year + sc->nyears - 1, y1, sizeof y1));
    }
    *resolved_year = year;
    return 0;
}

/* Whether the scenario, built without "path=x", fails with the same error:
 * then x is not the cause (the file and the caller's overrides fail on their
 * own) and naming it would mislead. */
static int fails_without_x(const eval_ctx *c, const bs_error *err)
{
    bs_scenario *sc = scenario_new();
    bs_error e = {0};
    int same = sc && source_build(c->src, c->overrides, c->noverrides - 1, sc, &e) != 0 &&
               e.status == err->status && e.line == err->line && strcmp(e.file, err->file) == 0 &&
               strcmp(e.setting, err->setting) == 0 && strcmp(e.message, err->message) == 0;
    scenario_free(sc);
    return same;
}

/* The first evaluation: find the metric's row and year in c->table (built
 * from c->sc) and copy what the output names into c->out. Returns 0 with
 * *row, or -1 with err. */
static int resolve_metric(eval_ctx *c, const bs_row **row, bs_error *err)
{
    const bs_solve_spec *spec = c->spec;
    const bs_scenario *sc = c->sc;
    int year;
    if (solve_find_metric(sc, &c->table, spec->target_arg, spec->metric, spec->year, row, &year, err) != 0)
        return -1;
    c->year_index = year - sc->first_year;
    bs_solve_result *o = c->out;
    o->year = year;
    bs_strlcpy(o->label, (*row)->label, sizeof o->label);
    o->kind = (*row)->kind;
    bs_strlcpy(o->name, sc->name, sizeof o->name);
    bs_strlcpy(o->scenario_label, sc->label, sizeof o->scenario_label);
    bs_strlcpy(o->council, sc->council, sizeof o->council);
    bs_strlcpy(o->description, sc->description, sizeof o->description);
    return 0;
}

/* Build, run and tabulate the scenario with path = x; *metric is the row's
 * value in the year. The first call also resolves the year and checks the
 * key. Returns 0, or -1 with err. */
static int evaluate(eval_ctx *c, double x, double *metric, bs_error *err)
{
    const bs_solve_spec *spec = c->spec;
    char value[VALUE_MAX];
    format_value(x, value, sizeof value);
    snprintf(c->assignment, sizeof c->assignment, "%s=%s", spec->path, value);
    c->overrides[c->noverrides - 1].text = c->assignment;
    c->evaluations++;
    if (source_build(c->src, c->overrides, c->noverrides, c->sc, err) != 0) {
        /* The loader names the override "--set"; here it came from --vary. */
        if (strcmp(err->file, "--set") == 0 && strcmp(err->setting, spec->path) == 0) {
            err->file[0] = '\0';
            bs_strlcpy(err->setting, spec->vary_arg, sizeof err->setting);
        } else if (err->status == BS_EXIT_INPUT && strcmp(err->file, "--set") != 0 && !fails_without_x(c, err)) {
            /* Say at which value: the same scenario may load at another. */
            size_t n = strlen(err->message);
            snprintf(err->message + n, sizeof err->message - n, " (with %s = %.10g)", spec->path, x);
        }
        return -1;
    }
    budget_run(c->sc, c->r);
    table_free(&c->table);
    if (table_from_result(c->sc, c->r, &c->table) != 0)
        return analyse_out_of_memory(err, "");
    const bs_row *row = find_row(&c->table, spec->metric);
    if (c->year_index < 0 && resolve_metric(c, &row, err) != 0)
        return -1;
    if (!row) /* a row that only exists for some values, e.g. a draw */
        return bs_fail(err, "", 0, spec->target_arg, "there is no quantity \"%s\" when %s = %.10g", spec->metric,
                       spec->path, x);
    if (row->na[c->year_index]) {
        char y[BS_YEAR_LABEL_MAX];
        return bs_fail_status(err, BS_EXIT_RULE, "", 0, spec->target_arg, "%s has no value in %s when %s = %.10g",
                              spec->metric, bs_year_label(c->out->year, y, sizeof y), spec->path, x);
    }
    *metric = row->v[c->year_index];
    c->last_x = x;
    return 0;
}

/* The metric at x for a GSL callback: a failure is kept in the context
 * (the first one; later calls do nothing) and the metric is NaN, which
 * GSL's solvers refuse (GSL_EBADFUNC). */
static double metric_or_nan(eval_ctx *c, double x)
{
    double m;
    if (c->failed)
        return GSL_NAN;
    if (evaluate(c, x, &m, &c->err) != 0) {
        c->failed = 1;
        return GSL_NAN;
    }
    return m;
}

/* f(x) = metric(x) - target, for GSL's root finder. */
static double f_gsl(double x, void *params)
{
    eval_ctx *c = params;
    return metric_or_nan(c, x) - c->spec->target;
}

/* ------------------------------------------------------------------ */
/* The path varied                                                     */
/* ------------------------------------------------------------------ */

/* Refuse a setting that does not take any number. A path no setting matches
 * is left to the loader, which names it and suggests the nearest. */
static int check_numeric(const bs_solve_spec *spec, bs_error *err)
{
    const bs_setting_def *other = NULL;
    for (size_t i = 0; i < bs_nsettings; i++) {
        const bs_setting_def *d = &bs_settings[i];
        if (!schema_match(d->path, spec->path))
            continue;
        if (d->type == BS_T_NUM || d->type == BS_T_SERIES1 || d->type == BS_T_SERIES2)
            return 0;
        if (!other)
            other = d;
    }
    if (!other)
        return 0;
    if (other->type == BS_T_INT)
        return bs_fail(err, "", 0, spec->vary_arg,
                       "%s takes a whole number; solve varies a setting that takes any number", spec->path);
    return bs_fail(err, "", 0, spec->vary_arg, "%s takes %s, not a number; solve varies a number", spec->path,
                   schema_type_name(other->type));
}

/* ------------------------------------------------------------------ */
/* Brent's method                                                      */
/* ------------------------------------------------------------------ */

/* Brent's method on [spec->lo, spec->hi], whose ends bracket the target:
 * iterate until the bracket closes or max_iter, then evaluate the metric at
 * the estimate and say whether it is a root, a jump across the target or not
 * converged. Returns 0 with out filled, or -1 with err (an evaluation failed,
 * or GSL did). */
static int brent(eval_ctx *c, bs_solve_result *out, bs_error *err)
{
    const bs_solve_spec *spec = c->spec;
    int max_iter = spec->max_iter > 0 ? spec->max_iter : BS_SOLVE_MAX_ITER;
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (!s)
        return analyse_out_of_memory(err, "");
    gsl_function fn = {f_gsl, c};
    int status = gsl_root_fsolver_set(s, &fn, spec->lo, spec->hi);
    int converged = 0, iter = 0;
    while (status == GSL_SUCCESS && !converged && iter < max_iter) {
        iter++;
        status = gsl_root_fsolver_iterate(s);
        if (status == GSL_SUCCESS)
            converged = gsl_root_test_interval(gsl_root_fsolver_x_lower(s), gsl_root_fsolver_x_upper(s),
                                               BS_SOLVE_EPSABS, BS_SOLVE_EPSREL) == GSL_SUCCESS;
    }
    out->iterations = iter;
    out->x = gsl_root_fsolver_root(s);
    out->lower = gsl_root_fsolver_x_lower(s);
    out->upper = gsl_root_fsolver_x_upper(s);
    gsl_root_fsolver_free(s);
    if (c->failed) {
        *err = c->err;
        return -1;
    }
    if (status != GSL_SUCCESS)
        return bs_fail_status(err, BS_EXIT_RULE, "", 0, "", "Brent's method failed after %d iterations: %s", iter,
                              gsl_strerror(status));
    if (evaluate(c, out->x, &out->metric_x, err) != 0)
        return -1;
    double scale = fmax(fabs(out->metric_lo - spec->target), fabs(out->metric_hi - spec->target));
    if (!converged)
        out->outcome = BS_SOLVE_NOT_CONVERGED;
    else if (fabs(out->metric_x - spec->target) > JUMP_SHARE * scale)
        out->outcome = BS_SOLVE_JUMP;
    else
        out->outcome = BS_SOLVE_FOUND;
    return 0;
}

/* ------------------------------------------------------------------ */
/* What the answer breaks and extrapolates                             */
/* ------------------------------------------------------------------ */

/* The rules c->r breaks and the charges of c->sc priced far from their
 * reference price, into out: the budget at x, evaluated again unless it was
 * the last. Returns 0, or -1 with err. */
static int answer_facts(eval_ctx *c, double x, bs_solve_result *out, bs_error *err)
{
    double m;
    if (!(c->last_x == x) && evaluate(c, x, &m, err) != 0)
        return -1;
    const bs_scenario *sc = c->sc;
    const bs_result *r = c->r;
    out->nbroken = out->nwarnings = 0;
    for (int k = 0; k < BS_NRULES; k++)
        for (int t = 0; t < r->nyears; t++)
            if (r->rule_applies[k][t] && !r->rule_ok[k][t]) {
                bs_solve_broken *b = &out->broken[out->nbroken++];
                b->rule = k;
                b->year = r->first_year + t;
                bs_rules[k]->reason(sc, r, t, b->reason, sizeof b->reason);
            }
    for (int i = 0; i < sc->nmeasures; i++) {
        const bs_measure *ms = &sc->measures[i];
        if (ms->type != BS_CHARGE || !ms->enabled || !(ms->reference_price_pounds > 0))
            continue;
        for (int t = ms->start_year - sc->first_year; t < r->nyears; t++) {
            double p = ms->price_pounds[t], ratio = p / ms->reference_price_pounds;
            if (!(p > 0) || (ratio >= BS_SOLVE_PRICE_LOW && ratio <= BS_SOLVE_PRICE_HIGH))
                continue;
            bs_solve_warning *w = &out->warnings[out->nwarnings++];
            bs_strlcpy(w->id, ms->id, sizeof w->id);
            bs_strlcpy(w->name, ms->name, sizeof w->name);
            w->year = sc->first_year + t;
            w->price = p;
            w->reference = ms->reference_price_pounds;
            w->elasticity = ms->elasticity;
            break;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Optimisation                                                        */
/* ------------------------------------------------------------------ */

/* g(x) for GSL's minimiser: the metric, negated when maximising. */
static double g_gsl(double x, void *params)
{
    eval_ctx *c = params;
    double m = metric_or_nan(c, x);
    return c->spec->goal == BS_SOLVE_MAXIMISE ? -m : m;
}

/* x at grid point i of n from lo to hi (the ends exact). */
static double grid_at(const bs_solve_spec *spec, int i, int n)
{
    return i == n - 1 ? spec->hi : spec->lo + (spec->hi - spec->lo) * i / (n - 1);
}

/* Brent's minimiser on [a, b] around m, where g(m) is below g(a) and g(b).
 * Returns 0 with out->x, lower, upper, iterations and outcome (OPTIMUM or
 * NOT_CONVERGED), or -1 with err. */
static int refine(eval_ctx *c, double a, double ga, double m, double gm, double b, double gb, bs_solve_result *out,
                  bs_error *err)
{
    const bs_solve_spec *spec = c->spec;
    int max_iter = spec->max_iter > 0 ? spec->max_iter : BS_SOLVE_MAX_ITER;
    gsl_min_fminimizer *s = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
    if (!s)
        return analyse_out_of_memory(err, "");
    gsl_function fn = {g_gsl, c};
    int status = gsl_min_fminimizer_set_with_values(s, &fn, m, gm, a, ga, b, gb);
    int converged = 0, iter = 0;
    double epsabs = BS_SOLVE_MIN_EPSABS * (spec->hi - spec->lo);
    while (status == GSL_SUCCESS && !converged && iter < max_iter) {
        iter++;
        status = gsl_min_fminimizer_iterate(s);
        if (status == GSL_SUCCESS)
            converged = gsl_min_test_interval(gsl_min_fminimizer_x_lower(s), gsl_min_fminimizer_x_upper(s), epsabs,
                                              BS_SOLVE_MIN_EPSREL) == GSL_SUCCESS;
    }
    out->iterations = iter;
    out->x = gsl_min_fminimizer_x_minimum(s);
    out->lower = gsl_min_fminimizer_x_lower(s);
    out->upper = gsl_min_fminimizer_x_upper(s);
    gsl_min_fminimizer_free(s);
    if (c->failed) {
        *err = c->err;
        return -1;
    }
    if (status != GSL_SUCCESS)
        return bs_fail_status(err, BS_EXIT_RULE, "", 0, "", "Brent's minimiser failed after %d iterations: %s", iter,
                              gsl_strerror(status));
    out->outcome = converged ? BS_SOLVE_OPTIMUM : BS_SOLVE_NOT_CONVERGED;
    return 0;
}

/* Sample the range, then refine the best point (see solve.h). Returns 0
 * with out filled, or -1 with err. */
static int optimise(eval_ctx *c, bs_solve_result *out, bs_error *err)
{
    const bs_solve_spec *spec = c->spec;
    const int n = BS_SOLVE_GRID;
    double g[BS_SOLVE_GRID], sign = spec->goal == BS_SOLVE_MAXIMISE ? -1.0 : 1.0;
    int best = 0;
    for (int i = 0; i < n; i++) {
        double m;
        if (evaluate(c, grid_at(spec, i, n), &m, err) != 0)
            return -1;
        if (i == 0)
            out->metric_lo = m;
        if (i == n - 1)
            out->metric_hi = m;
        g[i] = sign * m;
        if (g[i] < g[best])
            best = i; /* the first of equal bests */
    }
    double worst = g[0];
    for (int i = 1; i < n; i++)
        worst = fmax(worst, g[i]);
    out->grid_x = grid_at(spec, best, n);
    out->grid_metric = sign * g[best];
    out->x = out->lower = out->upper = out->grid_x;
    out->metric_x = out->grid_metric;
    if (worst - g[best] <= 1e-12 * fmax(1.0, fabs(g[best]))) {
        out->outcome = BS_SOLVE_FLAT;
        return 0;
    }
    if (best == 0 || best == n - 1) {
        out->outcome = best == 0 ? BS_SOLVE_AT_LO : BS_SOLVE_AT_HI;
        return answer_facts(c, out->x, out, err);
    }
    double a = grid_at(spec, best - 1, n), b = grid_at(spec, best + 1, n);
    if (!(g[best] < g[best + 1])) {
        /* level beside the best point: it stands, unrefined */
        out->outcome = BS_SOLVE_OPTIMUM;
        out->lower = a;
        out->upper = b;
        return answer_facts(c, out->x, out, err);
    }
    if (refine(c, a, g[best - 1], out->grid_x, g[best], b, g[best + 1], out, err) != 0)
        return -1;
    double m;
    if (evaluate(c, out->x, &m, err) != 0)
        return -1;
    out->metric_x = m;
    out->refined = 1;
    if (sign * m > g[best]) {
        /* never worse than the grid's best */
        out->x = out->grid_x;
        out->metric_x = out->grid_metric;
    }
    return answer_facts(c, out->x, out, err);
}

int solve_run(const bs_source *src, const bs_override *overrides, int noverrides, const bs_solve_spec *spec,
              bs_solve_result *out, bs_error *err)
{
    memset(out, 0, sizeof *out);
    if (check_numeric(spec, err) != 0)
        return -1;
    eval_ctx c = {0};
    c.src = src;
    c.spec = spec;
    c.year_index = -1;
    c.last_x = GSL_NAN;
    c.out = out;
    c.noverrides = noverrides + 1;
    c.overrides = calloc((size_t)c.noverrides, sizeof *c.overrides);
    c.sc = scenario_new();
    c.r = result_new();
    int rc = -1;
    if (!c.overrides || !c.sc || !c.r) {
        analyse_out_of_memory(err, "");
        goto done;
    }
    for (int i = 0; i < noverrides; i++)
        c.overrides[i] = overrides[i];

    if (spec->goal != BS_SOLVE_TARGET) {
        rc = optimise(&c, out, err);
        goto done;
    }
    /* Both ends first: Brent's method needs the target between them. */
    if (evaluate(&c, spec->lo, &out->metric_lo, err) != 0 || evaluate(&c, spec->hi, &out->metric_hi, err) != 0)
        goto done;
    double f_lo = out->metric_lo - spec->target, f_hi = out->metric_hi - spec->target;
    if (f_lo == 0.0 || f_hi == 0.0) {
        out->outcome = BS_SOLVE_FOUND;
        out->x = out->lower = out->upper = f_lo == 0.0 ? spec->lo : spec->hi;
        out->metric_x = f_lo == 0.0 ? out->metric_lo : out->metric_hi;
        rc = answer_facts(&c, out->x, out, err);
    } else if ((f_lo > 0) == (f_hi > 0)) {
        out->outcome = BS_SOLVE_UNREACHABLE;
        rc = 0;
    } else {
        rc = brent(&c, out, err);
        if (rc == 0 && (out->outcome == BS_SOLVE_FOUND || out->outcome == BS_SOLVE_NOT_CONVERGED))
            rc = answer_facts(&c, out->x, out, err);
    }
done:
    out->evaluations = c.evaluations;
    table_free(&c.table);
    free(c.overrides);
    scenario_free(c.sc);
    result_free(c.r);
    return rc;
}
