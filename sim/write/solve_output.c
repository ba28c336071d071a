/* solve_output.c - a goal seek's answer as text, CSV or JSON, and the line
 * that says why there is none.
 *
 * This file may use: core/, analyse/, write/, jansson and the C library. */
#include <jansson.h>
#include <math.h>

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
    case BS_SOLVE_FOUND:
        buf[0] = '\0';
        break;
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
}

/* The answer as one CSV row under its header, to full precision. */
static void csv_solve(FILE *f, const char *file, const bs_solve_spec *spec, const bs_solve_result *res)
{
    char y[16];
    fputs("scenario,file,path,lo,hi,metric,year,target,solution,metric_value,metric_at_lo,metric_at_hi,"
          "iterations,converged\r\n", f);
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
    fprintf(f, ",%d,%s\r\n", res->iterations, res->outcome == BS_SOLVE_FOUND ? "true" : "false");
}

/* root with the meeting's account and the inputs (write/inputs.h) set on
 * it (root may be NULL). */
static json_t *with_meeting(json_t *root, const bs_meeting *mt)
{
    json_t *o = output_meeting_json(mt);
    if (root && o)
        bs_json_set(root, "meeting", o);
    else
        json_decref(o);
    inputs_json_add(root);
    return root;
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

int output_solve(FILE *f, bs_format fmt, const char *file, const bs_override *overrides, int noverrides,
                 const bs_meeting *mt, const bs_solve_spec *spec, const bs_solve_result *res, bs_error *err)
{
    if (fmt == BS_FMT_JSON)
        return output_json(f, with_meeting(json_solve(file, overrides, noverrides, spec, res), mt), 17, err);
    if (fmt == BS_FMT_CSV)
        csv_solve(f, file, spec, res);
    else
        text_solve(f, file, overrides, noverrides, mt, spec, res);
    return 0;
}
