/* table_output.c - the rows of a table as aligned text, CSV and JSON, for
 * run and compare (see table_output.h).
 *
 * This file may use: core/, analyse/, write/, jansson and the C library. */
#include "write/table_output.h"

#include "write/emit.h"

#define LABEL_W 54 /* width of the label column in text tables */
#define VALUE_W 10 /* width of a year column */

/* ------------------------------------------------------------------ */
/* Text                                                                */
/* ------------------------------------------------------------------ */

/* v as text for a row of kind k: £m and years to 1 decimal, pounds and
 * percentages to 2, counts to none; grouped, signed when plus. */
static char *fmt_value(bs_row_kind k, double v, int plus, char *buf, size_t size)
{
    switch (k) {
    case BS_ROW_M: return bs_fmt_grouped(v, 1, plus, buf, size);
    case BS_ROW_POUNDS: return bs_fmt_grouped(v, 2, plus, buf, size);
    case BS_ROW_PCT: return bs_fmt_grouped(v, 2, plus, buf, size);
    case BS_ROW_COUNT: return bs_fmt_grouped(v, 0, plus, buf, size);
    case BS_ROW_YEARS: return bs_fmt_grouped(v, 1, plus, buf, size);
    default: buf[0] = '\0'; return buf;
    }
}

int tab_text_width(const char *s)
{
    int w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xc0) != 0x80)
            w++;
    return w;
}

void tab_put_padded(FILE *f, const char *s, int w)
{
    int tw = tab_text_width(s);
    if (tw < w) {
        fputs(s, f);
        for (int i = tw; i < w; i++)
            fputc(' ', f);
        return;
    }
    int shown = 0;
    for (const char *p = s; *p; p++) {
        if (((unsigned char)*p & 0xc0) != 0x80) {
            if (shown == w - 4)
                break;
            shown++;
        }
        fputc(*p, f);
    }
    fputs("... ", f);
}

void tab_year_header(FILE *f, const char *title, int first_year, int n, int extra_w)
{
    char y[16];
    tab_put_padded(f, title, LABEL_W + extra_w);
    for (int t = 0; t < n; t++)
        fprintf(f, "%*s", VALUE_W, bs_year_label(first_year + t, y, sizeof y));
    fputc('\n', f);
}

void tab_text_row(FILE *f, const bs_row *row, const char *label, const char *tag, int tag_w, int n,
                  const double *v, const unsigned char *na, int plus)
{
    char buf[64], lab[BS_NAME_MAX + 48];
    snprintf(lab, sizeof lab, "%s%s", row->indent ? "  " : "", label);
    if (row->kind == BS_ROW_HEADING) {
        fprintf(f, "%s\n", lab);
        return;
    }
    tab_put_padded(f, lab, LABEL_W);
    if (tag_w)
        tab_put_padded(f, tag, tag_w);
    for (int t = 0; t < n; t++)
        fprintf(f, "%*s", VALUE_W, na && na[t] ? "-" : fmt_value(row->kind, v[t], plus, buf, sizeof buf));
    fputc('\n', f);
}

void tab_label(const bs_row *row, char *buf, size_t size)
{
    if (row->kind == BS_ROW_POUNDS || row->kind == BS_ROW_PCT || row->kind == BS_ROW_YEARS)
        snprintf(buf, size, "%s (%s)", row->label, table_unit(row->kind));
    else
        bs_strlcpy(buf, row->label, size);
}

/* ------------------------------------------------------------------ */
/* CSV and JSON                                                        */
/* ------------------------------------------------------------------ */

void tab_csv_years(FILE *f, int first_year, int n)
{
    char y[16];
    for (int t = 0; t < n; t++) {
        fputc(',', f);
        bs_csv_field(f, bs_year_label(first_year + t, y, sizeof y));
    }
    fputs("\r\n", f);
}

void tab_csv_number(FILE *f, double v, int na)
{
    if (na) {
        fputc(',', f);
        return;
    }
    if (v == 0.0)
        v = 0.0; /* no "-0" */
    fprintf(f, ",%.10g", v);
}

json_t *tab_json_series(const double *v, const unsigned char *na, int n)
{
    json_t *a = json_array();
    for (int t = 0; t < n && a; t++) {
        json_t *x = na && na[t] ? json_null() : json_real(v[t] == 0.0 ? 0.0 : v[t]);
        if (!x || json_array_append_new(a, x) != 0) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

json_t *tab_json_years(int first_year, int n)
{
    json_t *a = json_array();
    char y[16];
    for (int t = 0; t < n; t++)
        json_array_append_new(a, json_string(bs_year_label(first_year + t, y, sizeof y)));
    return a;
}

json_t *tab_json_scenario(const bs_scenario *sc)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:s}", "name", sc->name, "label", sc->label, "council", sc->council,
                     "description", sc->description, "file", sc->source_file);
}
