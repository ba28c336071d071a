/* table_output.c - the rows of a table as aligned text, CSV and JSON, for
 * run and compare (see table_output.h).
 *
 * This file may use: core/, analyse/, write/, jansson and the C library. */
#include "write/table_output.h"

#include <string.h>

#include "write/emit.h"
#include "write/text.h"

#define LABEL_W 54 /* width of the label column in text tables */
#define VALUE_W 10 /* width of a year column */

/* ------------------------------------------------------------------ */
/* Text                                                                */
/* ------------------------------------------------------------------ */

/* v as text for a row of kind k (core/table.h table_fmt_value, shared
 * with the page's model). */
static char *fmt_value(bs_row_kind k, double v, int plus, char *buf, size_t size)
{
    return table_fmt_value(k, v, plus, buf, size);
}

int tab_text_width(const char *s)
{
    char shown[4200];
    return text_width(text_display(s, shown, sizeof shown));
}

void tab_put_padded(FILE *f, const char *s, int w)
{
    char shown[4200];
    text_display(s, shown, sizeof shown);
    int tw = text_width(shown);
    if (tw < w) {
        fputs(shown, f);
        for (int i = tw; i < w; i++)
            fputc(' ', f);
        return;
    }
    /* as many whole characters as fit in w - 4 columns, then "... " */
    int used = 0;
    for (const char *p = shown; *p;) {
        int n = text_char_len(p), cw;
        char one[8] = "";
        memcpy(one, p, (size_t)(n ? n : 1));
        cw = text_width(one);
        if (used + cw > w - 4)
            break;
        fwrite(p, 1, (size_t)(n ? n : 1), f);
        used += cw;
        p += n ? n : 1;
    }
    for (; used < w - 4; used++)
        fputc(' ', f);
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
        text_put(f, lab);
        fputc('\n', f);
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
        bs_json_append(a, json_string(bs_year_label(first_year + t, y, sizeof y)));
    return a;
}

json_t *tab_json_scenario(const bs_scenario *sc)
{
    return json_pack("{s:o, s:o, s:o, s:o, s:o}", "name", bs_json_text(sc->name), "label", bs_json_text(sc->label),
                     "council", bs_json_text(sc->council), "description", bs_json_text(sc->description), "file",
                     bs_json_text(sc->source_file));
}
