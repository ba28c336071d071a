/* solve_output.c - a goal seek's answer as text, CSV or JSON, and the line
 * that says why there is none.
 *
 * This file may use: core/, analyse/, write/, jansson and the C library. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>

#include "write/output.h"
#include "write/inputs.h"
#include "write/text.h"

/* Numbers for people: six significant figures, no "-0". */
static char *short_number(double v, char *buf, size_t size)
{
    snprintf(buf, size, "%.6g", v == 0.0 ? 0.0 : v);
    return buf;
}

/* Full precision: "%.17g" reads back as the same double. */
static void csv_number(FILE *f, double v)
{
    fprintf(f, ",%.17g", v == 0.0 ? 0.0 : v);
}

/* What both the answer and the problem say: the year, the ends of the
 * range and the quantity at each end. */
typedef struct {
    char y[16], lo[32], hi[32], a[32], b[32];
} solve_words;

/* Fill w from spec and res. */
static void solve_words_of(const bs_solve_spec *spec, const bs_solve_result *res, solve_words *w)
{
    bs_year_label(res->year, w->y, sizeof w->y);
    short_number(spec->lo, w->lo, sizeof w->lo);
    short_number(spec->hi, w->hi, sizeof w->hi);
    short_number(res->metric_lo, w->a, sizeof w->a);
    short_number(res->metric_hi, w->b, sizeof w->b);
}

void output_solve_problem(const bs_solve_spec *spec, const bs_solve_result *res, char *buf, size_t size)
{
    char t[32], x[32], w[32];
    solve_words sw;
    solve_words_of(spec, res, &sw);
    const char *y = sw.y, *lo = sw.lo, *hi = sw.hi, *a = sw.a, *b = sw.b;
    short_number(spec->target, t, sizeof t);
    /* The jump's place, to a billionth of the range: the bracket closes
     * on it from one side or the other, at 1e-13 or at 0. */
    double q = (spec->hi - spec->lo) * 1e-9;
    short_number(q > 0 ? round(res->x / q) * q : res->x, x, sizeof x);
    switch (res->outcome) {
    case BS_SOLVE_UNREACHABLE:
        snprintf(buf, size, "target not reachable between %s and %s: %s in %s is %s at %s and %s at %s, both %s %s",
                 lo, hi, spec->metric, y, a, lo, b, hi, res->metric_lo > spec->target ? "above" : "below", t);
        break;
    case BS_SOLVE_JUMP:
        snprintf(buf, size,
                 "target not reachable between %s and %s: %s in %s jumps across %s at %s = %s without taking it "
                 "(%s at %s, %s at %s)",
                 lo, hi, spec->metric, y, t, spec->path, x, a, lo, b, hi);
        break;
    case BS_SOLVE_NOT_CONVERGED:
        snprintf(w, sizeof w, "%.3g", res->upper - res->lower);
        snprintf(buf, size, "did not converge in %d iterations: %s is between %.10g and %.10g (%s wide)",
                 res->iterations, spec->path, res->lower, res->upper, w);
        break;
    case BS_SOLVE_FLAT:
        snprintf(buf, size, "nothing to %s between %s and %s: %s in %s is %s at every one of %d points", 
                 spec->goal == BS_SOLVE_MINIMISE ? "minimise" : "maximise", lo, hi, spec->metric, y, a,
                 BS_SOLVE_GRID);
        break;
    case BS_SOLVE_FOUND:
    case BS_SOLVE_OPTIMUM:
    case BS_SOLVE_AT_LO:
    case BS_SOLVE_AT_HI:
        buf[0] = '\0';
        break;
    }
}

/* "maximum" or "minimum" */
static const char *extreme(const bs_solve_spec *spec)
{
    return spec->goal == BS_SOLVE_MINIMISE ? "minimum" : "maximum";
}

/* For an optimum at an end of the range, what that means, into buf: "the
 * maximum is at the top of the range (HI): the metric still rises there".
 * "" for any other outcome. */
static char *end_note(const bs_solve_spec *spec, const bs_solve_result *res, char *buf, size_t size)
{
    char v[32];
    int top = res->outcome == BS_SOLVE_AT_HI, max = spec->goal != BS_SOLVE_MINIMISE;
    buf[0] = '\0';
    if (res->outcome != BS_SOLVE_AT_LO && !top)
        return buf;
    short_number(top ? spec->hi : spec->lo, v, sizeof v);
    snprintf(buf, size, "the %s is at the %s of the range (%s): the metric still %s %s", extreme(spec),
             top ? "top" : "bottom", v, max ? "rises" : "falls", top ? "there" : "towards it");
    return buf;
}

/* A warning for a charge priced far from its reference price, into buf. */
static char *warning_text(const bs_solve_warning *w, char *buf, size_t size)
{
    char y[16], p[48], ref[48], ratio[32], e[32];
    double r = w->price / w->reference;
    bs_fmt_grouped(w->price, w->price == floor(w->price) ? 0 : 2, 0, p, sizeof p);
    bs_fmt_grouped(w->reference, w->reference == floor(w->reference) ? 0 : 2, 0, ref, sizeof ref);
    snprintf(ratio, sizeof ratio, "%.3g", r);
    snprintf(e, sizeof e, "%g", w->elasticity);
    snprintf(buf, size,
             "%s (measures.%s) is priced \xc2\xa3%s in %s, %s times its reference price of \xc2\xa3%s: take-up "
             "was seen at the reference price, and outside %g to %g times it the elasticity (%s) is being "
             "extrapolated",
             w->name, w->id, p, bs_year_label(w->year, y, sizeof y), ratio, ref, BS_SOLVE_PRICE_LOW,
             BS_SOLVE_PRICE_HIGH, e);
    return buf;
}

/* The rules broken at the answer and the warnings, for people. */
static void text_facts(FILE *f, const bs_solve_result *res, const char *where)
{
    char y[16], w[BS_NAME_MAX + 400];
    if (res->nbroken == 0)
        fprintf(f, "Rules:    none broken at the %s\n", where);
    for (int i = 0; i < res->nbroken; i++) {
        const bs_solve_broken *b = &res->broken[i];
        fprintf(f, "%s%s: %s: ", i == 0 ? "Breaks:   " : "          ", bs_year_label(b->year, y, sizeof y),
                bs_rules[b->rule]->key);
        text_put(f, b->reason);
        fputc('\n', f);
    }
    for (int i = 0; i < res->nwarnings; i++) {
        fputs("Warning:  ", f);
        text_put(f, warning_text(&res->warnings[i], w, sizeof w));
        fputc('\n', f);
    }
}

/* The rules broken at the answer as one CSV field, "YEAR rule; ...", and
 * the warnings as another, "; " between them. */
static void csv_facts(FILE *f, const bs_solve_result *res)
{
    char buf[BS_NAME_MAX + 400], y[16], *all;
    size_t cap = (size_t)(res->nbroken + res->nwarnings + 1) * sizeof buf, n = 0;
    if (!(all = malloc(cap))) {
        fputs(",,", f);
        return;
    }
    all[0] = '\0';
    for (int i = 0; i < res->nbroken; i++)
        n += (size_t)snprintf(all + n, cap - n, "%s%s %s", i ? "; " : "",
                              bs_year_label(res->broken[i].year, y, sizeof y), bs_rules[res->broken[i].rule]->key);
    fputc(',', f);
    bs_csv_field(f, all);
    n = 0;
    all[0] = '\0';
    for (int i = 0; i < res->nwarnings; i++)
        n += (size_t)snprintf(all + n, cap - n, "%s%s", i ? "; " : "", warning_text(&res->warnings[i], buf, sizeof buf));
    fputc(',', f);
    bs_csv_field(f, all);
    free(all);
}

/* The rules broken ([{rule, year, reason}]) and the warnings
 * ([{measure, year, price_pounds, reference_price_pounds, ratio, elasticity, text}]). */
static void json_facts(json_t *root, const bs_solve_result *res)
{
    char y[16], buf[BS_NAME_MAX + 400];
    json_t *b = json_array(), *w = json_array();
    for (int i = 0; b && i < res->nbroken; i++)
        bs_json_append(b, json_pack("{s:s, s:s, s:o}", "rule", bs_rules[res->broken[i].rule]->key, "year",
                                    bs_year_label(res->broken[i].year, y, sizeof y), "reason",
                                    bs_json_text(res->broken[i].reason)));
    for (int i = 0; w && i < res->nwarnings; i++) {
        const bs_solve_warning *x = &res->warnings[i];
        bs_json_append(w, json_pack("{s:o, s:s, s:f, s:f, s:f, s:f, s:o}", "measure", bs_json_text(x->id), "year",
                                    bs_year_label(x->year, y, sizeof y), "price_pounds", x->price,
                                    "reference_price_pounds", x->reference, "ratio", x->price / x->reference,
                                    "elasticity", x->elasticity == 0.0 ? 0.0 : x->elasticity, "text",
                                    bs_json_text(warning_text(x, buf, sizeof buf))));
    }
    if (root) {
        bs_json_set(root, "broken_rules", b ? b : json_null());
        bs_json_set(root, "warnings", w ? w : json_null());
    } else {
        json_decref(b);
        json_decref(w);
    }
}

/* The answer for people: the scenario, what is varied, the target, the
 * solution, the quantity there and at the ends, the method. */
static void text_solve(FILE *f, const char *file, const bs_override *overrides, int noverrides,
                       const bs_meeting *mt, const bs_solve_spec *spec, const bs_solve_result *res)
{
    char t[32], x[32], m[64];
    solve_words sw;
    solve_words_of(spec, res, &sw);
    const char *y = sw.y, *lo = sw.lo, *hi = sw.hi, *a = sw.a, *b = sw.b;
    short_number(res->x, x, sizeof x);
    snprintf(t, sizeof t, "%.10g", spec->target);
    const char *unit = table_unit(res->kind);
    char path[sizeof spec->path * 4], metric[sizeof spec->metric * 4], label[sizeof res->label * 4];
    text_display(spec->path, path, sizeof path);
    text_display(spec->metric, metric, sizeof metric);
    text_display(res->label, label, sizeof label);
    output_scenario_head(f, "Scenario: ", res->name, file, overrides, noverrides, "With:     ", mt);
    fprintf(f, "Vary:     %s from %s to %s\n", path, lo, hi);
    fprintf(f, "Target:   %s in %s = %s (%s%s%s)\n", metric, y, t, label, unit[0] ? ", " : "", unit);
    fputc('\n', f);
    fprintf(f, "Solution: %s = %s\n", path, x);
    /* To the millionth: £1 for a £m row; the target's own figures beside. */
    fprintf(f, "Metric:   %s in %s = %s (%s at %s, %s at %s)\n", metric, y,
            bs_fmt_grouped(res->metric_x, 6, 0, m, sizeof m), a, lo, b, hi);
    if (res->outcome == BS_SOLVE_NOT_CONVERGED)
        fprintf(f, "Method:   Brent, %d iterations: did not converge (the bracket is still %.3g wide)\n",
                res->iterations, res->upper - res->lower);
    else if (res->iterations == 0)
        fprintf(f, "Method:   none needed: the target is met at an end of the range\n");
    else if (res->upper == res->lower)
        fprintf(f, "Method:   Brent, %d iteration%s, converged (an exact root)\n", res->iterations,
                res->iterations == 1 ? "" : "s");
    else
        fprintf(f, "Method:   Brent, %d iteration%s, converged (bracket %.3g wide)\n", res->iterations,
                res->iterations == 1 ? "" : "s", res->upper - res->lower);
    text_facts(f, res, "solution");
}

/* An optimum for people: the scenario, what is varied, the quantity, where
 * it is best (or that it is best at an end), its value there and at the
 * ends, the method, the rules broken and the warnings. */
static void text_optimum(FILE *f, const char *file, const bs_override *overrides, int noverrides,
                         const bs_meeting *mt, const bs_solve_spec *spec, const bs_solve_result *res)
{
    char x[32], m[64], note[200];
    solve_words sw;
    solve_words_of(spec, res, &sw);
    short_number(res->x, x, sizeof x);
    const char *unit = table_unit(res->kind);
    char path[sizeof spec->path * 4], metric[sizeof spec->metric * 4], label[sizeof res->label * 4];
    text_display(spec->path, path, sizeof path);
    text_display(spec->metric, metric, sizeof metric);
    text_display(res->label, label, sizeof label);
    int max = spec->goal != BS_SOLVE_MINIMISE;
    output_scenario_head(f, "Scenario: ", res->name, file, overrides, noverrides, "With:     ", mt);
    fprintf(f, "Vary:     %s from %s to %s\n", path, sw.lo, sw.hi);
    fprintf(f, "%s %s in %s (%s%s%s)\n", max ? "Maximise:" : "Minimise:", metric, sw.y, label, unit[0] ? ", " : "",
            unit);
    fputc('\n', f);
    fprintf(f, "%s  %s = %s", max ? "Maximum:" : "Minimum:", path, x);
    end_note(spec, res, note, sizeof note);
    if (note[0])
        fprintf(f, ": %s", note);
    fputc('\n', f);
    fprintf(f, "Metric:   %s in %s = %s (%s at %s, %s at %s)\n", metric, sw.y,
            bs_fmt_grouped(res->metric_x, 6, 0, m, sizeof m), sw.a, sw.lo, sw.b, sw.hi);
    if (res->outcome == BS_SOLVE_AT_LO || res->outcome == BS_SOLVE_AT_HI)
        fprintf(f, "Method:   %d points from %s to %s; the best is the end itself (widen the range to look beyond "
                   "it)\n", BS_SOLVE_GRID, sw.lo, sw.hi);
    else if (!res->refined)
        fprintf(f, "Method:   %d points from %s to %s; the best point stands (the metric is level beside it)\n",
                BS_SOLVE_GRID, sw.lo, sw.hi);
    else if (res->outcome == BS_SOLVE_NOT_CONVERGED)
        fprintf(f, "Method:   %d points, then Brent's minimiser, %d iterations: did not converge (the bracket is "
                   "still %.3g wide)\n", BS_SOLVE_GRID, res->iterations, res->upper - res->lower);
    else
        fprintf(f, "Method:   %d points, then Brent's minimiser, %d iteration%s, converged (bracket %.3g wide)\n",
                BS_SOLVE_GRID, res->iterations, res->iterations == 1 ? "" : "s", res->upper - res->lower);
    text_facts(f, res, max ? "maximum" : "minimum");
}

/* The answer as one CSV row under its header, to full precision. */
static void csv_solve(FILE *f, const char *file, const bs_solve_spec *spec, const bs_solve_result *res)
{
    char y[16];
    fputs("scenario,file,path,lo,hi,metric,year,target,solution,metric_value,metric_at_lo,metric_at_hi,"
          "iterations,converged,broken_rules,warnings\r\n", f);
    bs_csv_field(f, res->name);
    fputc(',', f);
    bs_csv_field(f, file);
    fputc(',', f);
    bs_csv_field(f, spec->path);
    csv_number(f, spec->lo);
    csv_number(f, spec->hi);
    fputc(',', f);
    bs_csv_field(f, spec->metric);
    fprintf(f, ",%s", bs_year_label(res->year, y, sizeof y));
    csv_number(f, spec->target);
    csv_number(f, res->x);
    csv_number(f, res->metric_x);
    csv_number(f, res->metric_lo);
    csv_number(f, res->metric_hi);
    fprintf(f, ",%d,%s", res->iterations, res->outcome == BS_SOLVE_FOUND ? "true" : "false");
    csv_facts(f, res);
    fputs("\r\n", f);
}

/* "optimum", "bottom" or "top": where an optimum was found. */
static const char *where_word(const bs_solve_result *res)
{
    return res->outcome == BS_SOLVE_AT_LO ? "bottom" : res->outcome == BS_SOLVE_AT_HI ? "top" : "interior";
}

/* An optimum as one CSV row under its header, to full precision. */
static void csv_optimum(FILE *f, const char *file, const bs_solve_spec *spec, const bs_solve_result *res)
{
    char y[16];
    fputs("scenario,file,path,lo,hi,goal,metric,year,solution,metric_value,metric_at_lo,metric_at_hi,where,"
          "iterations,converged,broken_rules,warnings\r\n", f);
    bs_csv_field(f, res->name);
    fputc(',', f);
    bs_csv_field(f, file);
    fputc(',', f);
    bs_csv_field(f, spec->path);
    csv_number(f, spec->lo);
    csv_number(f, spec->hi);
    fprintf(f, ",%s,", spec->goal == BS_SOLVE_MINIMISE ? "minimise" : "maximise");
    bs_csv_field(f, spec->metric);
    fprintf(f, ",%s", bs_year_label(res->year, y, sizeof y));
    csv_number(f, res->x);
    csv_number(f, res->metric_x);
    csv_number(f, res->metric_lo);
    csv_number(f, res->metric_hi);
    fprintf(f, ",%s,%d,%s", where_word(res), res->iterations, res->outcome == BS_SOLVE_NOT_CONVERGED ? "false" : "true");
    csv_facts(f, res);
    fputs("\r\n", f);
}


/* The answer as one JSON object (new reference; NULL when out of memory). */
static json_t *json_solve(const char *file, const bs_override *overrides, int noverrides, const bs_solve_spec *spec,
                          const bs_solve_result *res)
{
    char y[16];
    json_t *with = json_array();
    for (int i = 0; with && i < noverrides; i++)
        bs_json_append(with, bs_json_text(overrides[i].text));
    /* json_real of -0.0 would print "-0.0" */
#define J(v) json_real((v) == 0.0 ? 0.0 : (v))
    return json_pack("{s:{s:o, s:o, s:o, s:o, s:o}, s:o, s:{s:o, s:o, s:o}, s:{s:o, s:o, s:s, s:s, s:o}, "
                     "s:b, s:o, s:o, s:o, s:o, s:[o, o], s:i, s:i}",
                     "scenario", "name", bs_json_text(res->name), "label", bs_json_text(res->scenario_label),
                     "council", bs_json_text(res->council), "description", bs_json_text(res->description),
                     "file", bs_json_text(file),
                     "with", with,
                     "vary", "path", bs_json_text(spec->path), "lo", J(spec->lo), "hi", J(spec->hi),
                     "target", "metric", bs_json_text(spec->metric), "label", bs_json_text(res->label), "unit",
                     table_unit(res->kind),
                     "year", bs_year_label(res->year, y, sizeof y), "value", J(spec->target),
                     "converged", res->outcome == BS_SOLVE_FOUND,
                     "solution", J(res->x), "metric_value", J(res->metric_x),
                     "metric_at_lo", J(res->metric_lo), "metric_at_hi", J(res->metric_hi),
                     "bracket", J(res->lower), J(res->upper),
                     "iterations", res->iterations, "evaluations", res->evaluations);
#undef J
}

/* An optimum as one JSON object (new reference; NULL when out of memory). */
static json_t *json_optimum(const char *file, const bs_override *overrides, int noverrides,
                            const bs_solve_spec *spec, const bs_solve_result *res)
{
    char y[16], note[200];
    json_t *with = json_array();
    for (int i = 0; with && i < noverrides; i++)
        bs_json_append(with, bs_json_text(overrides[i].text));
#define J(v) json_real((v) == 0.0 ? 0.0 : (v))
    json_t *root = json_pack(
        "{s:{s:o, s:o, s:o, s:o}, s:o, s:o, s:{s:o, s:o, s:o}, s:s, s:{s:o, s:o, s:s, s:s}, "
        "s:o, s:o, s:o, s:o, s:s, s:o, s:b, s:[o, o], s:i, s:i}",
        "scenario", "name", bs_json_text(res->name), "label", bs_json_text(res->scenario_label), "council",
        bs_json_text(res->council), "description", bs_json_text(res->description),
        "file", bs_json_text(file),
        "with", with,
        "vary", "path", bs_json_text(spec->path), "lo", J(spec->lo), "hi", J(spec->hi),
        "goal", spec->goal == BS_SOLVE_MINIMISE ? "minimise" : "maximise",
        "metric", "key", bs_json_text(spec->metric), "label", bs_json_text(res->label), "unit", table_unit(res->kind),
        "year", bs_year_label(res->year, y, sizeof y),
        "solution", J(res->x), "metric_value", J(res->metric_x), "metric_at_lo", J(res->metric_lo),
        "metric_at_hi", J(res->metric_hi),
        "where", where_word(res),
        "note", end_note(spec, res, note, sizeof note)[0] ? bs_json_text(note) : json_null(),
        "converged", res->outcome != BS_SOLVE_NOT_CONVERGED,
        "bracket", J(res->lower), J(res->upper),
        "iterations", res->iterations, "evaluations", res->evaluations);
#undef J
    json_facts(root, res);
    return root;
}

int output_solve(FILE *f, bs_format fmt, const char *file, const bs_override *overrides, int noverrides,
                 const bs_meeting *mt, const bs_solve_spec *spec, const bs_solve_result *res, bs_error *err)
{
    int opt = spec->goal != BS_SOLVE_TARGET;
    if (fmt == BS_FMT_JSON) {
        json_t *root = opt ? json_optimum(file, overrides, noverrides, spec, res)
                           : json_solve(file, overrides, noverrides, spec, res);
        if (!opt)
            json_facts(root, res);
        return output_json(f, output_json_root(root, mt), 17, err);
    }
    if (fmt == BS_FMT_CSV)
        (opt ? csv_optimum : csv_solve)(f, file, spec, res);
    else
        (opt ? text_optimum : text_solve)(f, file, overrides, noverrides, mt, spec, res);
    return 0;
}
