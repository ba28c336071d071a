/* sensitivity_output.c - a sensitivity run as text (an aligned table, largest
 * effect first), CSV (RFC 4180, CRLF) or JSON, the last two to full precision.
 *
 * This file may use: core/, analyse/, write/, jansson and the C library. */
#include <jansson.h>
#include <math.h>
#include <string.h>

#include "write/output.h"
#include "write/inputs.h"
#include "write/text.h"

/* Decimals for the quantity in text: a thousandth of a £m (£1,000), a penny,
 * a thousandth of a point; finer than `run` shows, since effects are small. */
static int decimals(bs_row_kind k)
{
    switch (k) {
    case BS_ROW_M: return 3;
    case BS_ROW_POUNDS: return 2;
    case BS_ROW_PCT: return 3;
    case BS_ROW_COUNT: return 1;
    case BS_ROW_YEARS: return 2;
    default: return 3;
    }
}

/* A setting's value for people: ten significant figures, no "-0". */
static char *setting_value(double v, char *buf, size_t size)
{
    snprintf(buf, size, "%.10g", v == 0.0 ? 0.0 : v);
    return buf;
}

/* The swing as written: "10", "2.5". */
static char *pct(double v, char *buf, size_t size)
{
    snprintf(buf, size, "%.6g", v);
    return buf;
}

/* Notes on a row: a per-year setting whose values differ, clamping. */
static void row_note(const bs_sens_row *row, const char *sw, char *buf, size_t size)
{
    char a[40], b[40];
    size_t o = 0;
    buf[0] = '\0';
    if (row->per_year && row->min_value != row->max_value)
        o += (size_t)snprintf(buf + o, size - o, "per year, %s to %s", setting_value(row->min_value, a, sizeof a),
                              setting_value(row->max_value, b, sizeof b));
    for (int side = 0; side < 2 && o < size; side++) {
        if (!(side ? row->clamped_high : row->clamped_low))
            continue;
        o += (size_t)snprintf(buf + o, size - o, "%s%c%s%% clamped to the allowed range", o ? "; " : "",
                              side ? '+' : '-', sw);
    }
}

/* A row's cells in text: the setting's value, the quantity at each swing and
 * the effect ("-" where there is none). */
typedef struct {
    char base[64], lo[64], hi[64], eff[64];
} sens_cells;

/* v to dec decimals, grouped, or "-" when na; returns buf. */
static char *quantity(double v, int na, int dec, char *buf, size_t size)
{
    if (na)
        snprintf(buf, size, "-");
    else
        bs_fmt_grouped(v, dec, 0, buf, size);
    return buf;
}

/* Fill c with the cells of row. */
static void row_cells(const bs_sens_row *row, int dec, sens_cells *c)
{
    setting_value(row->base_value, c->base, sizeof c->base);
    quantity(row->metric_low, row->na_low, dec, c->lo, sizeof c->lo);
    quantity(row->metric_high, row->na_high, dec, c->hi, sizeof c->hi);
    quantity(row->effect, isnan(row->effect), dec, c->eff, sizeof c->eff);
}

/* The larger of w and the length of s. */
static int widest(int w, const char *s)
{
    int l = (int)strlen(s);
    return l > w ? l : w;
}

/* The table: one row a setting, the columns as wide as their contents, a
 * Note column only when a row has a note. */
static void text_table(FILE *f, const bs_sens_result *res, const char *sw, int dec)
{
    char h_lo[48], h_hi[48], note[200];
    snprintf(h_lo, sizeof h_lo, "Metric at -%s%%", sw);
    snprintf(h_hi, sizeof h_hi, "Metric at +%s%%", sw);
    int w_path = (int)strlen("Setting"), w_base = (int)strlen("Value"), w_lo = (int)strlen(h_lo),
        w_hi = (int)strlen(h_hi), w_eff = (int)strlen("Effect"), any_note = 0;
    sens_cells c;
    for (int i = 0; i < res->n; i++) {
        row_cells(&res->rows[i], dec, &c);
        w_path = widest(w_path, res->rows[i].path);
        w_base = widest(w_base, c.base);
        w_lo = widest(w_lo, c.lo);
        w_hi = widest(w_hi, c.hi);
        w_eff = widest(w_eff, c.eff);
        row_note(&res->rows[i], sw, note, sizeof note);
        any_note |= note[0] != '\0';
    }
    fprintf(f, "%-*s  %*s  %*s  %*s  %*s%s\n", w_path, "Setting", w_base, "Value", w_lo, h_lo, w_hi, h_hi,
            w_eff, "Effect", any_note ? "  Note" : "");
    for (int i = 0; i < res->n; i++) {
        const bs_sens_row *row = &res->rows[i];
        row_cells(row, dec, &c);
        row_note(row, sw, note, sizeof note);
        fprintf(f, "%-*s  %*s  %*s  %*s  %*s", w_path, row->path, w_base, c.base, w_lo, c.lo, w_hi, c.hi, w_eff,
                c.eff);
        if (note[0])
            fprintf(f, "  %s", note);
        fputc('\n', f);
    }
}

/* The run for people: what was swung and how, the table, then what was
 * skipped or left out. */
static void text_sensitivity(FILE *f, const char *file, const bs_override *overrides, int noverrides,
                             const bs_meeting *mt, const bs_sens_result *res)
{
    char y[16], sw[32], m[64];
    bs_year_label(res->year, y, sizeof y);
    pct(res->swing_pct, sw, sizeof sw);
    const char *unit = table_unit(res->kind);
    int dec = decimals(res->kind);
    char metric[sizeof res->metric * 4], label[sizeof res->label * 4];
    output_scenario_head(f, "Scenario: ", res->name, file, overrides, noverrides, "With:     ", mt);
    fprintf(f, "Metric:   %s in %s (%s%s%s)\n", text_display(res->metric, metric, sizeof metric), y,
            text_display(res->label, label, sizeof label), unit[0] ? ", " : "", unit);
    fprintf(f, "Base:     %s\n", bs_fmt_grouped(res->base_metric, dec, 0, m, sizeof m));
    fprintf(f, "Swing:    each setting %s%% down and %s%% up, one at a time (a per-year setting in every year)\n",
            sw, sw);
    fputc('\n', f);
    text_table(f, res, sw, dec);
    fputc('\n', f);
    fprintf(f, "%d setting%s swung, largest effect first. Effect: the larger of the two changes from the base%s%s%s.\n",
            res->n, res->n == 1 ? "" : "s", unit[0] ? " (" : "", unit, unit[0] ? ")" : "");
    if (res->nskipped)
        fprintf(f, "Skipped: %d setting%s whose value is 0 (a swing of 0 is 0).\n", res->nskipped,
                res->nskipped == 1 ? "" : "s");
    if (res->nleft_out)
        fprintf(f, "Left out: %d setting%s of the council vote, which the budget does not read.\n", res->nleft_out,
                res->nleft_out == 1 ? "" : "s");
}

/* ------------------------------------------------------------------ */
/* CSV and JSON                                                        */
/* ------------------------------------------------------------------ */

/* Full precision: "%.17g" reads back as the same double; no value: empty. */
static void csv_number(FILE *f, double v, int na)
{
    if (na)
        fputc(',', f);
    else
        fprintf(f, ",%.17g", v == 0.0 ? 0.0 : v);
}

/* One row a setting, ranked: its values, the quantity at each swing and the
 * changes, to full precision (no value: empty). */
static void csv_sensitivity(FILE *f, const bs_sens_result *res)
{
    char y[16];
    bs_year_label(res->year, y, sizeof y);
    fputs("rank,setting,per_year,base_value,value_low,value_high,metric,year,swing_pct,metric_base,metric_low,"
          "metric_high,change_low,change_high,effect\r\n",
          f);
    for (int i = 0; i < res->n; i++) {
        const bs_sens_row *row = &res->rows[i];
        fprintf(f, "%d,", i + 1);
        bs_csv_field(f, row->path);
        fprintf(f, ",%s", row->per_year ? "true" : "false");
        csv_number(f, row->base_value, 0);
        csv_number(f, row->value_low, 0);
        csv_number(f, row->value_high, 0);
        fputc(',', f);
        bs_csv_field(f, res->metric);
        fprintf(f, ",%s", y);
        csv_number(f, res->swing_pct, 0);
        csv_number(f, res->base_metric, 0);
        csv_number(f, row->metric_low, row->na_low);
        csv_number(f, row->metric_high, row->na_high);
        csv_number(f, row->metric_low - res->base_metric, row->na_low);
        csv_number(f, row->metric_high - res->base_metric, row->na_high);
        csv_number(f, row->effect, isnan(row->effect));
        fputs("\r\n", f);
    }
}

/* json_real of -0.0 would print "-0.0"; no value is null. */
static json_t *jnum(double v, int na)
{
    return na ? json_null() : json_real(v == 0.0 ? 0.0 : v);
}


/* The run as one JSON object (new reference; NULL when out of memory). */
static json_t *json_sensitivity(const char *file, const bs_override *overrides, int noverrides,
                                const bs_sens_result *res)
{
    char y[16];
    json_t *with = json_array(), *rows = json_array(), *skipped = json_array();
    for (int i = 0; with && i < noverrides; i++)
        bs_json_append(with, bs_json_text(overrides[i].text));
    for (int i = 0; skipped && i < res->nskipped; i++)
        bs_json_append(skipped, bs_json_text(res->skipped[i]));
    for (int i = 0; rows && i < res->n; i++) {
        const bs_sens_row *r = &res->rows[i];
        bs_json_append(
            rows, json_pack("{s:i, s:o, s:b, s:o, s:o, s:o, s:o, s:o, s:b, s:b, s:o, s:o, s:o, s:o, s:o}", "rank",
                            i + 1, "setting", bs_json_text(r->path), "per_year", r->per_year, "base_value", jnum(r->base_value, 0),
                            "min_value", jnum(r->min_value, 0), "max_value", jnum(r->max_value, 0), "value_low",
                            jnum(r->value_low, 0), "value_high", jnum(r->value_high, 0), "clamped_low",
                            r->clamped_low, "clamped_high", r->clamped_high, "metric_low",
                            jnum(r->metric_low, r->na_low), "metric_high", jnum(r->metric_high, r->na_high),
                            "change_low", jnum(r->metric_low - res->base_metric, r->na_low), "change_high",
                            jnum(r->metric_high - res->base_metric, r->na_high), "effect",
                            jnum(r->effect, isnan(r->effect))));
    }
    return json_pack("{s:{s:o, s:o, s:o}, s:o, s:o, s:{s:o, s:o, s:s, s:s, s:o}, s:o, s:o, s:o, s:i, s:i}",
                     "scenario", "name", bs_json_text(res->name), "label", bs_json_text(res->scenario_label),
                     "council", bs_json_text(res->council), "file", bs_json_text(file), "with", with,
                     "metric", "key", bs_json_text(res->metric), "label", bs_json_text(res->label), "unit",
                     table_unit(res->kind),
                     "year", bs_year_label(res->year, y, sizeof y), "base", jnum(res->base_metric, 0),
                     "swing_pct", jnum(res->swing_pct, 0), "settings", rows, "skipped_zero", skipped,
                     "left_out_council", res->nleft_out, "evaluations", res->evaluations);
}

int output_sensitivity(FILE *f, bs_format fmt, const char *file, const bs_override *overrides, int noverrides,
                       const bs_meeting *mt, const bs_sens_result *res, bs_error *err)
{
    if (fmt == BS_FMT_JSON)
        return output_json(f, output_json_root(json_sensitivity(file, overrides, noverrides, res), mt), 17, err);
    if (fmt == BS_FMT_CSV)
        csv_sensitivity(f, res);
    else
        text_sensitivity(f, file, overrides, noverrides, mt, res);
    return 0;
}
