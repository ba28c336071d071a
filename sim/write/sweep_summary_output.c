/* sweep_summary_output.c - `sweep --summary` as text, CSV or JSON (see
 * sweep_summary_output.h).
 *
 * This file may use: core/, analyse/, write/, jansson and the C library. */
#include "write/sweep_summary_output.h"

#include <jansson.h>
#include <string.h>

#include "write/inputs.h"
#include "write/output.h"
#include "write/text.h"

#define NAME_MAX_LEN (BS_SETTING_PATH_MAX + 32)

/* Column c's name, as in the sweep's CSV header. */
static void col_name(const bs_sweep_summary *s, int c, char *buf, size_t size)
{
    int ny = s->nyears;
    if (c < ny)
        snprintf(buf, size, "totals.gap_after_m@%d", s->first_year + c);
    else if (c == ny)
        snprintf(buf, size, "reserves.general.closing_m@%d", s->first_year + ny - 1);
    else
        snprintf(buf, size, "%s", c == ny + 1 ? "rules_broken" : c == ny + 2 ? "vote.passed" : "vote.p_pass");
}

/* Column c's decimals, as in the sweep's rows. */
static int col_decimals(const bs_sweep_summary *s, int c)
{
    return c <= s->nyears ? 6 : c == s->ncols - 1 && s->vote ? 9 : 0;
}

static double share(long long n, long long of)
{
    return of > 0 ? (double)n / (double)of : 0.0;
}

/* A share as a percentage to two decimals (six when it is neither 0 nor 1
 * but would show as 0.00% or 100.00%). */
static char *pct_text(double p, char *buf, size_t size)
{
    double v = 100.0 * p;
    snprintf(buf, size, p > 0.0 && p < 1.0 && (v < 0.005 || v >= 99.995) ? "%.6f%%" : "%.2f%%", v);
    return buf;
}

/* ---- text ---- */

/* The point idx as "path = value, path = value". */
static void text_point(FILE *f, const bs_sweep_summary *s, long long idx)
{
    for (int k = 0; k < s->spec->naxes; k++) {
        fputs(k ? ", " : "", f);
        text_put(f, s->spec->axis[k].path);
        double v = sweep_summary_axis_value(s, idx, k);
        fprintf(f, " = %.10g", v == 0.0 ? 0.0 : v);
    }
}

static void text_count(FILE *f, const char *label, long long n, long long of)
{
    char p[40];
    fprintf(f, "  %-34s %lld of %lld (%s)\n", label, n, of, pct_text(share(n, of), p, sizeof p));
}

static void text_summary(FILE *f, const char *file, const bs_override *ov, int nov, const bs_meeting *m,
                         const bs_scenario *sc, const bs_sweep_summary *s)
{
    const bs_sweep_spec *spec = s->spec;
    char name[NAME_MAX_LEN], num[BS_SWEEP_NUMBER_MAX], y[16], label[64];
    output_scenario_head(f, "Sweep summary: ", sc->name, file, ov, nov, "With:          ", m);
    fprintf(f, "Points:        %lld:", s->npoints);
    for (int k = 0; k < spec->naxes; k++) {
        fputs(k ? " x " : " ", f);
        text_put(f, spec->axis[k].path);
        fprintf(f, " (%lld value%s)", spec->axis[k].n, spec->axis[k].n == 1 ? "" : "s");
    }
    fputs("\n\nEach column's minimum and maximum, at the first point (in sweep order) with it\n", f);
    for (int c = 0; c < s->ncols; c++) {
        col_name(s, c, name, sizeof name);
        fprintf(f, "%s\n", name);
        sweep_format_fixed(s->col[c].min, col_decimals(s, c), num);
        fprintf(f, "  minimum %16s  at ", num);
        text_point(f, s, s->col[c].min_at);
        sweep_format_fixed(s->col[c].max, col_decimals(s, c), num);
        fprintf(f, "\n  maximum %16s  at ", num);
        text_point(f, s, s->col[c].max_at);
        fputc('\n', f);
    }
    fputs("\nPoints that balance (a gap after measures of at most £1, the balanced-budget rule's test)\n", f);
    for (int t = 0; t < s->nyears; t++) {
        snprintf(label, sizeof label, "in %s%s", bs_year_label(s->first_year + t, y, sizeof y),
                 s->rule_checks[t] ? " (the rule checks it)" : "");
        text_count(f, label, s->balances[t], s->npoints);
    }
    text_count(f, "in every year", s->balances_all, s->npoints);
    fputs("Points that break each rule (in at least one year where it applies)\n", f);
    for (int k = 0; k < BS_NRULES; k++)
        text_count(f, bs_rules[k]->key, s->broken[k], s->npoints);
    if (s->vote) {
        fputs("Points where the budget passes the vote\n", f);
        text_count(f, "passes", s->passed, s->npoints);
    }
    if (!s->has_frontier)
        return;
    fputs("\nBalanced-budget frontier: the value of ", f);
    text_put(f, spec->axis[1].path);
    fputs(" at which the gap\nafter measures reaches £1 (a straight line between the two neighbouring points),\nfor each value of ",
          f);
    text_put(f, spec->axis[0].path);
    fputs(" and year; the first crossing,\nwith the number of crossings in brackets when there are more; 'throughout': every\n"
          "point balances; 'never': none does\n",
          f);
    int w0 = text_width(spec->axis[0].path);
    if (w0 < 12)
        w0 = 12;
    text_put(f, spec->axis[0].path);
    fprintf(f, "%*s", w0 - text_width(spec->axis[0].path), "");
    for (int t = 0; t < s->nyears; t++)
        fprintf(f, "  %13s", bs_year_label(s->first_year + t, y, sizeof y));
    fputc('\n', f);
    for (long long i = 0; i < s->n1; i++) {
        double v0 = sweep_axis_value(&spec->axis[0], i);
        snprintf(label, sizeof label, "%.10g", v0 == 0.0 ? 0.0 : v0);
        fprintf(f, "%-*s", w0, label);
        for (int t = 0; t < s->nyears; t++) {
            size_t e = (size_t)(i * s->nyears + t);
            int state = sweep_summary_frontier_state(s, i, t);
            char cell[80];
            if (state == BS_FRONTIER_CROSSES) {
                sweep_format_fixed(s->cross_value[e], 6, num);
                if (s->ncross[e] > 1)
                    snprintf(cell, sizeof cell, "%s (%lld)", num, s->ncross[e]);
                else
                    snprintf(cell, sizeof cell, "%s", num);
            } else {
                snprintf(cell, sizeof cell, "%s", state == BS_FRONTIER_THROUGHOUT ? "throughout" : "never");
            }
            fprintf(f, "  %13s", cell);
        }
        fputc('\n', f);
    }
}

/* ---- CSV ---- */

/* One row: section, column, statistic, value, then the point's values
 * (idx < 0: empty cells). */
static void csv_row(FILE *f, const bs_sweep_summary *s, const char *section, const char *column,
                    const char *statistic, const char *value, long long idx)
{
    fprintf(f, "%s,", section);
    bs_csv_field(f, column);
    fprintf(f, ",%s,%s", statistic, value);
    char num[BS_SWEEP_NUMBER_MAX];
    for (int k = 0; k < s->spec->naxes; k++) {
        fputc(',', f);
        if (idx >= 0) {
            sweep_format_fixed(sweep_summary_axis_value(s, idx, k), 6, num);
            fputs(num, f);
        }
    }
    fputs("\r\n", f);
}

/* A count and its share of the points. */
static void csv_count(FILE *f, const bs_sweep_summary *s, const char *section, const char *column, long long n)
{
    char num[BS_SWEEP_NUMBER_MAX];
    snprintf(num, sizeof num, "%lld", n);
    csv_row(f, s, section, column, "count", num, -1);
    sweep_format_fixed(share(n, s->npoints), 9, num);
    csv_row(f, s, section, column, "share", num, -1);
}

static void csv_summary(FILE *f, const bs_sweep_summary *s)
{
    const bs_sweep_spec *spec = s->spec;
    char name[NAME_MAX_LEN], num[BS_SWEEP_NUMBER_MAX];
    fputs("section,column,statistic,value", f);
    for (int k = 0; k < spec->naxes; k++) {
        fputc(',', f);
        bs_csv_field(f, spec->axis[k].path);
    }
    fputs("\r\n", f);
    snprintf(num, sizeof num, "%lld", s->npoints);
    csv_row(f, s, "points", "", "count", num, -1);
    for (int c = 0; c < s->ncols; c++) {
        col_name(s, c, name, sizeof name);
        sweep_format_fixed(s->col[c].min, col_decimals(s, c), num);
        csv_row(f, s, "column", name, "minimum", num, s->col[c].min_at);
        sweep_format_fixed(s->col[c].max, col_decimals(s, c), num);
        csv_row(f, s, "column", name, "maximum", num, s->col[c].max_at);
    }
    for (int t = 0; t < s->nyears; t++) {
        col_name(s, t, name, sizeof name);
        csv_row(f, s, "balances", name, "checked_by_rule", s->rule_checks[t] ? "1" : "0", -1);
        csv_count(f, s, "balances", name, s->balances[t]);
    }
    csv_count(f, s, "balances", "every_year", s->balances_all);
    for (int k = 0; k < BS_NRULES; k++)
        csv_count(f, s, "breaks", bs_rules[k]->key, s->broken[k]);
    if (s->vote)
        csv_count(f, s, "passes", "vote.passed", s->passed);
    if (!s->has_frontier)
        return;
    /* the frontier point: the first setting's value, the second's at the crossing */
    for (long long i = 0; i < s->n1; i++) {
        for (int t = 0; t < s->nyears; t++) {
            size_t e = (size_t)(i * s->nyears + t);
            int state = sweep_summary_frontier_state(s, i, t);
            col_name(s, t, name, sizeof name);
            fputs("frontier,", f);
            bs_csv_field(f, name);
            fprintf(f, ",%s,%lld,", state == BS_FRONTIER_CROSSES ? "crossing"
                                    : state == BS_FRONTIER_THROUGHOUT ? "throughout" : "never",
                    s->ncross[e]);
            sweep_format_fixed(sweep_axis_value(&spec->axis[0], i), 6, num);
            fprintf(f, "%s,", num);
            if (state == BS_FRONTIER_CROSSES) {
                sweep_format_fixed(s->cross_value[e], 6, num);
                fputs(num, f);
            }
            fputs("\r\n", f);
        }
    }
}

/* ---- JSON ---- */

#define J(v) json_real((v) == 0.0 ? 0.0 : (v))

/* The values of point idx, one per axis (new reference). */
static json_t *json_point(const bs_sweep_summary *s, long long idx)
{
    json_t *a = json_array();
    for (int k = 0; a && k < s->spec->naxes; k++)
        bs_json_append(a, J(sweep_summary_axis_value(s, idx, k)));
    return a;
}

static json_t *json_count(const bs_sweep_summary *s, long long n)
{
    return json_pack("{s:I, s:o}", "count", (json_int_t)n, "share", J(share(n, s->npoints)));
}

static json_t *json_summary(const char *file, const bs_override *ov, int nov, const bs_scenario *sc,
                            const bs_sweep_summary *s)
{
    const bs_sweep_spec *spec = s->spec;
    char name[NAME_MAX_LEN], y[16];
    json_t *with = json_array(), *axes = json_array(), *cols = json_array(), *bal = json_array(),
           *broken = json_array();
    for (int i = 0; with && i < nov; i++)
        bs_json_append(with, bs_json_text(ov[i].text));
    for (int k = 0; axes && k < spec->naxes; k++)
        bs_json_append(axes, json_pack("{s:o, s:I}", "path", bs_json_text(spec->axis[k].path), "values",
                                       (json_int_t)spec->axis[k].n));
    for (int c = 0; cols && c < s->ncols; c++) {
        col_name(s, c, name, sizeof name);
        bs_json_append(cols, json_pack("{s:s, s:{s:o, s:I, s:o}, s:{s:o, s:I, s:o}}", "name", name, "minimum",
                                       "value", J(s->col[c].min), "point", (json_int_t)s->col[c].min_at, "at",
                                       json_point(s, s->col[c].min_at), "maximum", "value", J(s->col[c].max),
                                       "point", (json_int_t)s->col[c].max_at, "at", json_point(s, s->col[c].max_at)));
    }
    for (int t = 0; bal && t < s->nyears; t++) {
        json_t *o = json_count(s, s->balances[t]);
        if (o) {
            bs_json_set(o, "year", json_string(bs_year_label(s->first_year + t, y, sizeof y)));
            bs_json_set(o, "checked_by_rule", json_boolean(s->rule_checks[t]));
        }
        bs_json_append(bal, o);
    }
    for (int k = 0; broken && k < BS_NRULES; k++) {
        json_t *o = json_count(s, s->broken[k]);
        if (o) {
            bs_json_set(o, "rule", json_string(bs_rules[k]->key));
            bs_json_set(o, "title", json_string(bs_rules[k]->title));
        }
        bs_json_append(broken, o);
    }
    json_t *frontier = json_null();
    if (s->has_frontier) {
        json_t *lines = json_array();
        for (long long i = 0; lines && i < s->n1; i++) {
            json_t *years = json_array();
            for (int t = 0; years && t < s->nyears; t++) {
                size_t e = (size_t)(i * s->nyears + t);
                int state = sweep_summary_frontier_state(s, i, t);
                bs_json_append(years, json_pack("{s:s, s:s, s:o, s:I}", "year",
                                                bs_year_label(s->first_year + t, y, sizeof y), "state",
                                                state == BS_FRONTIER_CROSSES ? "crossing"
                                                : state == BS_FRONTIER_THROUGHOUT ? "throughout" : "never",
                                                "crossing", state == BS_FRONTIER_CROSSES ? J(s->cross_value[e])
                                                                                          : json_null(),
                                                "crossings", (json_int_t)s->ncross[e]));
            }
            bs_json_append(lines, json_pack("{s:o, s:o}", "value", J(sweep_axis_value(&spec->axis[0], i)), "years",
                                            years));
        }
        frontier = json_pack("{s:o, s:o, s:f, s:s, s:o}", "for_each", bs_json_text(spec->axis[0].path), "along",
                             bs_json_text(spec->axis[1].path), "level_m", BS_MONEY_EPS, "interpolation",
                             "linear between the two neighbouring points", "lines", lines);
    }
    return json_pack("{s:{s:o, s:o, s:o}, s:o, s:o, s:I, s:o, s:{s:s, s:f, s:o, s:o}, s:o, s:o, s:o}", "scenario",
                     "name", bs_json_text(sc->name), "label", bs_json_text(sc->label), "file", bs_json_text(file),
                     "with", with, "axes", axes, "points", (json_int_t)s->npoints, "columns", cols, "balances",
                     "test", "gap after measures at most the limit (the balanced-budget rule's test)", "limit_m",
                     BS_MONEY_EPS, "by_year", bal, "every_year", json_count(s, s->balances_all), "breaks", broken,
                     "passes", s->vote ? json_count(s, s->passed) : json_null(), "frontier", frontier);
}

#undef J

int output_sweep_summary(FILE *f, bs_format fmt, const char *file, const bs_override *overrides, int noverrides,
                         const bs_meeting *m, const bs_scenario *sc, const bs_sweep_summary *s, bs_error *err)
{
    if (fmt == BS_FMT_JSON)
        return output_json(f, output_json_root(json_summary(file, overrides, noverrides, sc, s), m), 17, err);
    if (fmt == BS_FMT_CSV)
        csv_summary(f, s);
    else
        text_summary(f, file, overrides, noverrides, m, sc, s);
    return 0;
}
