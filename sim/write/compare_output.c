/* compare_output.c - compare: two scenarios side by side as text, CSV or
 * JSON. The rows of both tables in one order, each shown for the base, the
 * alternative and the difference; what the alternative changes, each change
 * as its cost to the budget; the rules and the votes of both.
 *
 * This file may use: core/, analyse/, write/, jansson and the C library. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/table.h"
#include "write/changes.h"
#include "write/output.h"
#include "write/inputs.h"
#include "write/table_output.h"
#include "write/text.h"

/* A row of the comparison: the base's and the alternative's (either may be
 * NULL, not both). */
typedef struct {
    const bs_row *base, *alt;
} row_pair;

/* Everything a comparison shows. */
typedef struct {
    const bs_scenario *sa, *sb;
    const bs_result *ra, *rb;
    const bs_ballot *ba, *bb; /* NULL: no council */
    row_pair *rows;
    int nrows;
    bs_change *ch;
    int nch;
    const bs_meeting *ma, *mb; /* what each meeting decided (NULL: nothing said) */
} comparison;

static const double none[BS_MAX_YEARS]; /* the values of a row a scenario lacks */

/* ------------------------------------------------------------------ */
/* What is compared                                                    */
/* ------------------------------------------------------------------ */

/* Rows of both tables in one order: the base's, with rows only the
 * alternative has placed after the row that precedes them there.
 * Returns heap memory (caller frees) and the count in *n. */
static row_pair *merge_rows(const bs_table *a, const bs_table *b, int *n)
{
    row_pair *out = calloc((size_t)(a->n + b->n), sizeof *out);
    if (!out)
        return NULL;
    int k = 0;
    for (int i = 0; i < a->n; i++) {
        out[k].base = &a->rows[i];
        out[k].alt = table_find(b, a->rows[i].key);
        k++;
    }
    for (int j = 0; j < b->n; j++) {
        if (table_find(a, b->rows[j].key))
            continue;
        int pos = k; /* after the merged row holding b's previous row */
        for (int p = j - 1; p >= 0 && pos == k; p--)
            for (int q = 0; q < k; q++)
                if (out[q].alt == &b->rows[p] || (out[q].base && strcmp(out[q].base->key, b->rows[p].key) == 0)) {
                    pos = q + 1;
                    break;
                }
        memmove(&out[pos + 1], &out[pos], (size_t)(k - pos) * sizeof *out);
        out[pos].base = NULL;
        out[pos].alt = &b->rows[j];
        k++;
    }
    *n = k;
    return out;
}

/* ------------------------------------------------------------------ */
/* Text                                                                */
/* ------------------------------------------------------------------ */

/* One row of the comparison: a heading (a blank line before it unless
 * first), one line "both" when the two agree, else three lines: base,
 * alternative, difference. */
static void text_pair(FILE *f, const comparison *c, const row_pair *p, int first, int tagw)
{
    int n = c->ra->nyears;
    const bs_row *ref = p->base ? p->base : p->alt;
    const double *va = p->base ? p->base->v : none;
    const double *vb = p->alt ? p->alt->v : none;
    if (ref->kind == BS_ROW_HEADING) {
        if (!first)
            fputc('\n', f);
        tab_text_row(f, ref, ref->label, "", 0, n, va, NULL, 0);
        return;
    }
    char label[BS_NAME_MAX + 48];
    tab_label(ref, label, sizeof label);
    const unsigned char *naa = p->base ? p->base->na : NULL;
    const unsigned char *nab = p->alt ? p->alt->na : NULL;
    int same = p->base && p->alt && memcmp(va, vb, sizeof(double) * (size_t)n) == 0 && memcmp(naa, nab, (size_t)n) == 0;
    if (same) {
        tab_text_row(f, ref, label, "both", tagw, n, va, naa, 0);
        return;
    }
    double d[BS_MAX_YEARS];
    unsigned char nad[BS_MAX_YEARS] = {0};
    for (int t = 0; t < n; t++) {
        d[t] = vb[t] - va[t];
        nad[t] = (naa && naa[t]) || (nab && nab[t]);
    }
    tab_text_row(f, ref, label, c->sa->label, tagw, n, va, naa, 0);
    tab_text_row(f, ref, "", c->sb->label, tagw, n, vb, nab, 0);
    tab_text_row(f, ref, "", "difference", tagw, n, d, nad, 1);
}

/* Year by year, what the changes cost, what pays for them, and what is left
 * (write/changes.h). */
static void text_in_words(FILE *f, const comparison *c)
{
    char y[16], words[BS_NAME_MAX * 4 + 400];
    fputs("\nIn words\n", f);
    for (int t = 0; t < c->ra->nyears; t++) {
        fprintf(f, "  %s: ", bs_year_label(c->ra->first_year + t, y, sizeof y));
        text_put(f, changes_in_words(c->sb, c->rb, c->ch, c->nch, t, words, sizeof words));
        fputc('\n', f);
    }
}

/* The n costs (£m) in v per household of the base, into out: measure k of
 * bs_per_household (0: £ per Band D equivalent, 1: per Band A home, 2: the
 * council tax rise, %), na[t] set where the base has no such figure. */
static void per_household(const comparison *c, const double *v, int k, double *out, unsigned char *na)
{
    for (int t = 0; t < c->ra->nyears; t++) {
        bs_per_household h;
        na[t] = (unsigned char)(table_per_household(c->sa, c->ra, t, v[t], &h) != 0);
        out[t] = k == 0 ? h.per_band_d_pounds : k == 1 ? h.per_band_a_pounds : h.council_tax_rise_pct;
    }
}

static const char *const household_title[3] = {"\xc2\xa3 per Band D equivalent", "\xc2\xa3 per Band A home",
                                                "As a council tax rise on Band D (%)"};
static const char *const household_key[3] = {"per_band_d_pounds", "per_band_a_pounds", "council_tax_rise_pct"};

/* Each change and the change in the gap per household, at the base's tax
 * base and Band D in each year (table_per_household): three tables. */
static void text_per_household(FILE *f, const comparison *c, const double *gap)
{
    int n = c->ra->nyears;
    char title[BS_ID_MAX * 4 + 120], label[BS_ID_MAX * 4 + 8];
    text_display(c->sa->label, label, sizeof label);
    snprintf(title, sizeof title, "Per household, at the tax base and Band D of %s (+ widens the gap)", label);
    fputc('\n', f);
    text_put(f, title);
    fputc('\n', f);
    if (c->nch == 0) {
        fputs("  nothing: the two budgets are the same\n", f);
        return;
    }
    double v[BS_MAX_YEARS];
    unsigned char na[BS_MAX_YEARS];
    for (int k = 0; k < 3; k++) {
        bs_row row = {.kind = k == 2 ? BS_ROW_PCT : BS_ROW_POUNDS, .indent = 1};
        if (k > 0)
            fputc('\n', f);
        tab_year_header(f, household_title[k], c->ra->first_year, n, 0);
        for (int i = 0; i < c->nch; i++) {
            per_household(c, c->ch[i].cost, k, v, na);
            tab_text_row(f, &row, c->ch[i].label, "", 0, n, v, na, 1);
        }
        row.indent = 0;
        per_household(c, gap, k, v, na);
        tab_text_row(f, &row, "Change in the gap after measures", "", 0, n, v, na, 1);
    }
}

/* The changes as a table of costs, the change in the gap and the reserve,
 * then in words and per household. */
static void text_changes(FILE *f, const comparison *c)
{
    const bs_result *ra = c->ra, *rb = c->rb;
    int n = ra->nyears;
    fputc('\n', f);
    tab_year_header(f, "What the alternative changes, £m (+ widens the gap)", ra->first_year, n, 0);
    if (c->nch == 0)
        fputs("  nothing: the two budgets are the same\n", f);
    bs_row row = {.kind = BS_ROW_M, .indent = 1};
    for (int i = 0; i < c->nch; i++)
        tab_text_row(f, &row, c->ch[i].label, "", 0, n, c->ch[i].cost, NULL, 1);
    double gap[BS_MAX_YEARS] = {0}, res[BS_MAX_YEARS] = {0};
    for (int t = 0; t < n; t++) {
        gap[t] = rb->gap_after_m[t] - ra->gap_after_m[t];
        res[t] = rb->reserve_close_m[0][t] - ra->reserve_close_m[0][t];
    }
    row.indent = 0;
    tab_text_row(f, &row, "Change in the gap after measures", "", 0, n, gap, NULL, 1);
    tab_text_row(f, &row, "Change in the general reserve, closing", "", 0, n, res, NULL, 1);
    text_in_words(f, c);
    text_per_household(f, c, gap);
}

/* The whole comparison for people: the rows (the tag column as wide as the
 * longer label, 12 to 24), the changes, the rules and the votes of both. */
static void compare_text(FILE *f, const comparison *c)
{
    const bs_scenario *sa = c->sa, *sb = c->sb;
    const char *words[] = {"Comparing ", " (", ")\n     with ", " (", ")\nFiles: ", ", ", "\n"};
    const char *texts[] = {sa->name, sa->label, sb->name, sb->label, sa->source_file, sb->source_file};
    for (int i = 0; i < 7; i++) {
        fputs(words[i], f);
        if (i < 6)
            text_put(f, texts[i]);
    }
    inputs_text(f, "");
    /* which budget of each is compared: the one its meeting adopted, or not */
    const bs_meeting *ms[2] = {c->ma, c->mb};
    const char *labs[2] = {sa->label, sb->label};
    for (int k = 0; k < 2; k++) {
        char prefix[BS_ID_MAX + 4];
        snprintf(prefix, sizeof prefix, "%s: ", labs[k]);
        output_meeting_text(f, ms[k], prefix);
    }
    fputc('\n', f);
    int tagw = 12;
    int lw = tab_text_width(sa->label) > tab_text_width(sb->label) ? tab_text_width(sa->label) : tab_text_width(sb->label);
    if (lw + 2 > tagw)
        tagw = lw + 2 > 24 ? 24 : lw + 2;
    tab_year_header(f, "£m unless stated", c->ra->first_year, c->ra->nyears, tagw);
    for (int i = 0; i < c->nrows; i++) {
        const bs_row *ref = c->rows[i].base ? c->rows[i].base : c->rows[i].alt;
        if (!table_is_per_household(ref->key)) /* shown under "Per household" instead */
            text_pair(f, c, &c->rows[i], i == 0, tagw);
    }
    text_changes(f, c);
    char title[BS_ID_MAX + 16];
    snprintf(title, sizeof title, "Rules, %s", sa->label);
    output_rules_text(f, title, sa, c->ra);
    snprintf(title, sizeof title, "Rules, %s", sb->label);
    output_rules_text(f, title, sb, c->rb);
    const bs_ballot *bl[2] = {c->ba, c->bb};
    const char *lab[2] = {sa->label, sb->label};
    for (int k = 0; k < 2; k++)
        if (bl[k]) {
            fputs("\nCouncil vote, ", f);
            text_put(f, lab[k]);
            fputc('\n', f);
            output_vote_summary(f, bl[k]);
        }
}

/* ------------------------------------------------------------------ */
/* CSV and JSON                                                        */
/* ------------------------------------------------------------------ */

/* One row of the comparison as three CSV rows: base, alternative and
 * difference (a value a scenario lacks is empty). Headings are left out. */
static void csv_pair(FILE *f, const comparison *c, const row_pair *p)
{
    int n = c->ra->nyears;
    const bs_row *ref = p->base ? p->base : p->alt;
    if (ref->kind == BS_ROW_HEADING)
        return;
    unsigned char all_na[BS_MAX_YEARS], nad[BS_MAX_YEARS];
    memset(all_na, 1, sizeof all_na);
    double d[BS_MAX_YEARS];
    const double *v[3] = {p->base ? p->base->v : none, p->alt ? p->alt->v : none, d};
    const unsigned char *na[3] = {p->base ? p->base->na : all_na, p->alt ? p->alt->na : all_na, nad};
    for (int t = 0; t < n; t++) {
        d[t] = v[1][t] - v[0][t];
        nad[t] = na[0][t] || na[1][t];
    }
    const char *who[3] = {c->sa->label, c->sb->label, "difference"};
    for (int w = 0; w < 3; w++) {
        bs_csv_field(f, ref->key);
        fputc(',', f);
        bs_csv_field(f, ref->label);
        fputc(',', f);
        bs_csv_field(f, table_unit(ref->kind));
        fputc(',', f);
        bs_csv_field(f, who[w]);
        for (int t = 0; t < n; t++)
            tab_csv_number(f, v[w][t], na[w][t]);
        fputs("\r\n", f);
    }
}

/* key,item,unit,scenario and the years: the rows, the changes
 * ("changes.N"), then the votes. */
static void compare_csv(FILE *f, const comparison *c)
{
    int n = c->ra->nyears;
    fputs("key,item,unit,scenario", f);
    tab_csv_years(f, c->ra->first_year, n);
    for (int i = 0; i < c->nrows; i++)
        csv_pair(f, c, &c->rows[i]);
    for (int i = 0; i < c->nch; i++) {
        fprintf(f, "changes.%d,", i + 1);
        bs_csv_field(f, c->ch[i].label);
        fputs(",£m,", f);
        bs_csv_field(f, "difference");
        for (int t = 0; t < n; t++)
            tab_csv_number(f, c->ch[i].cost[t], 0);
        fputs("\r\n", f);
        /* the same change per household of the base: changes.N.per_band_d_pounds, ... */
        for (int k = 0; k < 3; k++) {
            double v[BS_MAX_YEARS];
            unsigned char na[BS_MAX_YEARS];
            per_household(c, c->ch[i].cost, k, v, na);
            fprintf(f, "changes.%d.%s,", i + 1, household_key[k]);
            bs_csv_field(f, c->ch[i].label);
            fputs(k == 2 ? ",%," : ",\xc2\xa3,", f);
            bs_csv_field(f, "difference");
            for (int t = 0; t < n; t++)
                tab_csv_number(f, v[t], na[t]);
            fputs("\r\n", f);
        }
    }
    if (c->ba)
        output_vote_csv(f, c->ba, c->sa->label, n);
    if (c->bb)
        output_vote_csv(f, c->bb, c->sb->label, n);
}

/* One row of the comparison as a JSON object (new reference): base and
 * alternative (null when a scenario lacks it) and the difference. */
static json_t *json_pair(const row_pair *p, int n)
{
    const bs_row *ref = p->base ? p->base : p->alt;
    double d[BS_MAX_YEARS];
    unsigned char nad[BS_MAX_YEARS];
    for (int t = 0; t < n; t++) {
        d[t] = (p->alt ? p->alt->v[t] : 0.0) - (p->base ? p->base->v[t] : 0.0);
        nad[t] = (p->alt && p->alt->na[t]) || (p->base && p->base->na[t]);
    }
    return json_pack("{s:o, s:o, s:s, s:o, s:o, s:o}", "key", bs_json_text(ref->key), "label",
                     bs_json_text(ref->label), "unit", table_unit(ref->kind), "base", p->base ? tab_json_series(p->base->v, p->base->na, n) : json_null(),
                     "alternative", p->alt ? tab_json_series(p->alt->v, p->alt->na, n) : json_null(), "difference",
                     tab_json_series(d, nad, n));
}

/* The whole comparison as one JSON object (new reference; NULL when out of
 * memory). */
static json_t *compare_json(const comparison *c)
{
    int n = c->ra->nyears;
    json_t *diff = json_array();
    for (int i = 0; i < c->nrows; i++) {
        const row_pair *p = &c->rows[i];
        if ((p->base ? p->base : p->alt)->kind != BS_ROW_HEADING)
            bs_json_append(diff, json_pair(p, n));
    }
    json_t *changes = json_array();
    for (int i = 0; i < c->nch; i++) {
        json_t *o = json_pack("{s:o, s:o}", "change", bs_json_text(c->ch[i].label), "cost_m",
                              tab_json_series(c->ch[i].cost, NULL, n));
        for (int k = 0; o && k < 3; k++) {
            double v[BS_MAX_YEARS];
            unsigned char na[BS_MAX_YEARS];
            per_household(c, c->ch[i].cost, k, v, na);
            bs_json_set(o, household_key[k], tab_json_series(v, na, n));
        }
        bs_json_append(changes, o);
    }
    json_t *root = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "base", tab_json_scenario(c->sa), "alternative",
                             tab_json_scenario(c->sb), "years", tab_json_years(c->ra->first_year, n), "rows", diff,
                             "changes", changes, "base_rules", output_rules_json(c->sa, c->ra), "alternative_rules",
                             output_rules_json(c->sb, c->rb));
    if (root && c->ba)
        bs_json_set(root, "base_vote", output_vote_json(c->ba));
    if (root && c->bb)
        bs_json_set(root, "alternative_vote", output_vote_json(c->bb));
    json_t *ma = output_meeting_json(c->ma), *mb = output_meeting_json(c->mb);
    if (root && ma)
        bs_json_set(root, "base_meeting", ma);
    else
        json_decref(ma);
    if (root && mb)
        bs_json_set(root, "alternative_meeting", mb);
    else
        json_decref(mb);
    inputs_json_add(root);
    return root;
}

int output_compare(FILE *f, bs_format fmt, const bs_scenario *sa, const bs_result *ra, const bs_ballot *ba,
                   const bs_meeting *ma, const bs_scenario *sb, const bs_result *rb, const bs_ballot *bb,
                   const bs_meeting *mb, bs_error *err)
{
    bs_table ta = {0}, tb = {0};
    comparison c = {sa, sb, ra, rb, ba, bb, NULL, 0, NULL, 0, ma, mb};
    int rc = 0;
    if (table_from_result(sa, ra, &ta) != 0 || table_from_result(sb, rb, &tb) != 0 ||
        !(c.rows = merge_rows(&ta, &tb, &c.nrows)) || !(c.ch = changes_list(sa, ra, sb, rb, &c.nch)))
        rc = bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    else if (fmt == BS_FMT_TEXT)
        compare_text(f, &c);
    else if (fmt == BS_FMT_CSV)
        compare_csv(f, &c);
    else
        rc = output_json(f, compare_json(&c), 10, err);
    free(c.rows);
    free(c.ch);
    table_free(&ta);
    table_free(&tb);
    return rc;
}
