/* output.c - text, CSV and JSON writers for run and compare. */
#include "write/output.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/table.h"

#define LABEL_W 54 /* width of the label column in text tables */
#define VALUE_W 10 /* width of a year column */

/* ------------------------------------------------------------------ */
/* Formatting helpers                                                  */
/* ------------------------------------------------------------------ */

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

/* Display width of UTF-8 text (code points; good enough for names). */
static int text_width(const char *s)
{
    int w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xc0) != 0x80)
            w++;
    return w;
}

/* Print s padded to width w, keeping one space free at the end
 * (truncated with "..." when longer). */
static void put_padded(FILE *f, const char *s, int w)
{
    int tw = text_width(s);
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

static void year_header(FILE *f, const char *title, int first_year, int n, int extra_w)
{
    char y[16];
    put_padded(f, title, LABEL_W + extra_w);
    for (int t = 0; t < n; t++)
        fprintf(f, "%*s", VALUE_W, bs_year_label(first_year + t, y, sizeof y));
    fputc('\n', f);
}

static void text_row(FILE *f, const bs_row *row, const char *label, const char *tag, int tag_w, int n,
                     const double *v, const unsigned char *na, int plus)
{
    char buf[64], lab[BS_NAME_MAX + 48];
    snprintf(lab, sizeof lab, "%s%s", row->indent ? "  " : "", label);
    if (row->kind == BS_ROW_HEADING) {
        fprintf(f, "%s\n", lab);
        return;
    }
    put_padded(f, lab, LABEL_W);
    if (tag_w)
        put_padded(f, tag, tag_w);
    if (row->kind != BS_ROW_HEADING)
        for (int t = 0; t < n; t++)
            fprintf(f, "%*s", VALUE_W, na && na[t] ? "-" : fmt_value(row->kind, v[t], plus, buf, sizeof buf));
    fputc('\n', f);
}

/* ------------------------------------------------------------------ */
/* Rules                                                               */
/* ------------------------------------------------------------------ */

/* Rule k's title, and why it fails in year t: asked of the rule itself
 * (core/rules.h), never re-derived here. */
static const char *rule_title(int k)
{
    return bs_rules[k]->title;
}

static void rule_reason(const bs_scenario *sc, const bs_result *r, int k, int t, char *buf, size_t size)
{
    bs_rules[k]->reason(sc, r, t, buf, size);
}

void output_broken_rules(FILE *f, const bs_scenario *sc, const bs_result *r)
{
    char y[16], why[600];
    for (int k = 0; k < BS_NRULES; k++)
        for (int t = 0; t < r->nyears; t++)
            if (r->rule_applies[k][t] && !r->rule_ok[k][t]) {
                rule_reason(sc, r, k, t, why, sizeof why);
                fprintf(f, "%s: %s: %s\n", bs_year_label(r->first_year + t, y, sizeof y), bs_rules[k]->key, why);
            }
}

/* Years in which rule k is broken, as "2023/24, 2024/25", or "" */
static void broken_years(const bs_result *r, int k, char *buf, size_t size)
{
    char y[16];
    size_t o = 0;
    buf[0] = '\0';
    for (int t = 0; t < r->nyears && o < size; t++)
        if (r->rule_applies[k][t] && !r->rule_ok[k][t])
            o += (size_t)snprintf(buf + o, size - o, "%s%s", o ? ", " : "", bs_year_label(r->first_year + t, y, sizeof y));
}

static void text_rules(FILE *f, const char *title, const bs_scenario *sc, const bs_result *r)
{
    char y[16], years[600], why[600], a[48];
    fprintf(f, "\n%s\n", title);
    for (int k = 0; k < BS_NRULES; k++) {
        int applies = 0;
        for (int t = 0; t < r->nyears; t++)
            applies |= r->rule_applies[k][t];
        if (!applies)
            continue;
        broken_years(r, k, years, sizeof years);
        if (!years[0]) {
            const char *when = k == BS_RULE_BALANCED && sc->balanced_years < r->nyears ? "" : " (every year)";
            if (k == BS_RULE_BALANCED && sc->balanced_years < r->nyears) {
                char first[16], lastb[16];
                bs_year_label(r->first_year, first, sizeof first);
                bs_year_label(r->first_year + sc->balanced_years - 1, lastb, sizeof lastb);
                if (sc->balanced_years == 1)
                    fprintf(f, "  ok      %s in %s\n", rule_title(k), first);
                else
                    fprintf(f, "  ok      %s, %s to %s\n", rule_title(k), first, lastb);
            } else {
                fprintf(f, "  ok      %s%s\n", rule_title(k), when);
            }
            continue;
        }
        fprintf(f, "  BROKEN  %s\n", rule_title(k));
        for (int t = 0; t < r->nyears; t++)
            if (r->rule_applies[k][t] && !r->rule_ok[k][t]) {
                rule_reason(sc, r, k, t, why, sizeof why);
                fprintf(f, "            %s: %s\n", bs_year_label(r->first_year + t, y, sizeof y), why);
            }
    }
    int notes = 0;
    for (int t = sc->balanced_years; t < r->nyears; t++)
        if (r->gap_after_m[t] > 1e-6) {
            if (!notes++)
                fputs("  note    Gaps still to close in later years (the law requires only the budget year "
                      "to balance):\n", f);
            fprintf(f, "            %s: %s%s\n", bs_year_label(r->first_year + t, y, sizeof y),
                    bs_fmt_gbp_m(r->gap_after_m[t], 1, a, sizeof a),
                    sc->cover_unclosed_gaps ? ", met from the general reserve" : "");
        }
}

/* ------------------------------------------------------------------ */
/* run                                                                 */
/* ------------------------------------------------------------------ */


static void csv_years(FILE *f, int first_year, int n)
{
    char y[16];
    for (int t = 0; t < n; t++) {
        fputc(',', f);
        bs_csv_field(f, bs_year_label(first_year + t, y, sizeof y));
    }
    fputs("\r\n", f);
}

static void csv_number(FILE *f, double v, int na)
{
    if (na) {
        fputc(',', f);
        return;
    }
    if (v == 0.0)
        v = 0.0; /* no "-0" */
    fprintf(f, ",%.10g", v);
}

static void csv_rules(FILE *f, const char *prefix_cols, const bs_result *r)
{
    for (int k = 0; k < BS_NRULES; k++) {
        fprintf(f, "rules.%s,Rules,", bs_rules[k]->key);
        bs_csv_field(f, rule_title(k));
        fprintf(f, ",%s", prefix_cols);
        for (int t = 0; t < r->nyears; t++)
            fprintf(f, ",%s", !r->rule_applies[k][t] ? "n/a" : r->rule_ok[k][t] ? "ok" : "broken");
        fputs("\r\n", f);
    }
}

static json_t *json_series(const double *v, const unsigned char *na, int n)
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

static json_t *json_years(int first_year, int n)
{
    json_t *a = json_array();
    char y[16];
    for (int t = 0; t < n; t++)
        json_array_append_new(a, json_string(bs_year_label(first_year + t, y, sizeof y)));
    return a;
}

static json_t *json_rows(const bs_table *tb)
{
    json_t *rows = json_array();
    const char *section = "";
    for (int i = 0; i < tb->n; i++) {
        const bs_row *row = &tb->rows[i];
        if (row->kind == BS_ROW_HEADING) {
            section = row->label;
            continue;
        }
        json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:o}", "key", row->key, "section", section, "label",
                              row->label, "unit", table_unit(row->kind), "values", json_series(row->v, row->na, tb->nyears));
        json_array_append_new(rows, o);
    }
    return rows;
}

static json_t *json_rules(const bs_scenario *sc, const bs_result *r)
{
    json_t *a = json_array();
    char y[16], why[600];
    for (int k = 0; k < BS_NRULES; k++)
        for (int t = 0; t < r->nyears; t++) {
            if (!r->rule_applies[k][t])
                continue;
            json_t *o = json_pack("{s:s, s:s, s:b}", "rule", bs_rules[k]->key, "year",
                                  bs_year_label(r->first_year + t, y, sizeof y), "ok", r->rule_ok[k][t]);
            if (!r->rule_ok[k][t]) {
                rule_reason(sc, r, k, t, why, sizeof why);
                json_object_set_new(o, "reason", json_string(why));
            }
            json_array_append_new(a, o);
        }
    return a;
}

static json_t *json_scenario(const bs_scenario *sc)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:s}", "name", sc->name, "label", sc->label, "council", sc->council,
                     "description", sc->description, "file", sc->source_file);
}

static void text_title(FILE *f, const bs_scenario *sc)
{
    if (sc->council[0])
        fprintf(f, "%s: %s\n", sc->council, sc->name);
    else
        fprintf(f, "%s\n", sc->name);
    fprintf(f, "Scenario file: %s\n", sc->source_file);
}

int output_run(FILE *f, bs_format fmt, const bs_scenario *sc, const bs_result *r, const bs_ballot *ballot,
               bs_error *err)
{
    bs_table tb = {0};
    if (table_from_result(sc, r, &tb) != 0) {
        table_free(&tb);
        return bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    }
    int rc = 0;
    if (fmt == BS_FMT_TEXT) {
        text_title(f, sc);
        fputc('\n', f);
        year_header(f, "£m unless stated", r->first_year, r->nyears, 0);
        for (int i = 0; i < tb.n; i++) {
            const bs_row *row = &tb.rows[i];
            if (row->kind == BS_ROW_HEADING && i > 0)
                fputc('\n', f);
            char label[BS_NAME_MAX + 48];
            if (row->kind == BS_ROW_POUNDS || row->kind == BS_ROW_PCT || row->kind == BS_ROW_YEARS)
                snprintf(label, sizeof label, "%s (%s)", row->label, table_unit(row->kind));
            else
                bs_strlcpy(label, row->label, sizeof label);
            text_row(f, row, label, "", 0, r->nyears, row->v, row->na, 0);
        }
        text_rules(f, "Rules", sc, r);
        if (ballot) {
            fputs("\nCouncil vote\n", f);
            output_vote_summary(f, ballot);
        }
    } else if (fmt == BS_FMT_CSV) {
        fputs("key,section,item,unit", f);
        csv_years(f, r->first_year, r->nyears);
        const char *section = "";
        for (int i = 0; i < tb.n; i++) {
            const bs_row *row = &tb.rows[i];
            if (row->kind == BS_ROW_HEADING) {
                section = row->label;
                continue;
            }
            bs_csv_field(f, row->key);
            fputc(',', f);
            bs_csv_field(f, row->indent ? section : "Budget");
            fputc(',', f);
            bs_csv_field(f, row->label);
            fputc(',', f);
            bs_csv_field(f, table_unit(row->kind));
            for (int t = 0; t < r->nyears; t++)
                csv_number(f, row->v[t], row->na[t]);
            fputs("\r\n", f);
        }
        csv_rules(f, "", r);
        if (ballot)
            output_vote_csv(f, ballot, NULL, r->nyears);
    } else {
        json_t *root = json_pack("{s:o, s:o, s:o, s:o, s:i}", "scenario", json_scenario(sc), "years",
                                 json_years(r->first_year, r->nyears), "rows", json_rows(&tb), "rules",
                                 json_rules(sc, r), "broken_rules", budget_broken_count(r));
        if (root && ballot)
            json_object_set_new(root, "vote", output_vote_json(ballot));
        rc = output_json(f, root, 10, err);
    }
    table_free(&tb);
    return rc;
}

/* ------------------------------------------------------------------ */
/* compare                                                             */
/* ------------------------------------------------------------------ */

typedef struct {
    const bs_row *base, *alt; /* either may be NULL */
} row_pair;

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

/* One change the alternative makes, as its cost to the budget per year
 * (+ adds to the gap, - reduces it). */
typedef struct {
    char label[BS_NAME_MAX + 64];
    double cost[BS_MAX_YEARS];
} change;

static const bs_measure *find_measure(const bs_scenario *sc, const char *id, int *idx)
{
    for (int i = 0; i < sc->nmeasures; i++)
        if (strcmp(sc->measures[i].id, id) == 0) {
            *idx = i;
            return &sc->measures[i];
        }
    *idx = -1;
    return NULL;
}

static int nonzero(const double *v, int n)
{
    for (int t = 0; t < n; t++)
        if (fabs(v[t]) > 5e-7)
            return 1;
    return 0;
}

/* List what the alternative changes against the base, each as a cost.
 * Returns heap memory (caller frees), count in *n. */
static change *list_changes(const bs_scenario *sa, const bs_result *ra, const bs_scenario *sb, const bs_result *rb,
                            int *n)
{
    int cap = sa->nmeasures + sb->nmeasures + sa->nservices + sb->nservices + sa->nfunding + sb->nfunding + 2;
    change *ch = calloc((size_t)cap, sizeof *ch);
    int k = 0, years = ra->nyears;
    if (!ch)
        return NULL;
    const char *type_word[] = {"saving", "charge", "reserve movement"};
    /* measures: base order, then the alternative's new ones */
    for (int pass = 0; pass < 2; pass++) {
        const bs_scenario *s1 = pass == 0 ? sa : sb;
        for (int i = 0; i < s1->nmeasures; i++) {
            int ia, ib;
            const bs_measure *ma = find_measure(sa, s1->measures[i].id, &ia);
            const bs_measure *mb = find_measure(sb, s1->measures[i].id, &ib);
            if (pass == 1 && ma)
                continue;
            const bs_measure *m = mb ? mb : ma;
            change *c = &ch[k];
            for (int t = 0; t < years; t++) {
                double va = ma ? ra->measure_m[ia][t] : 0.0, vb = mb ? rb->measure_m[ib][t] : 0.0;
                c->cost[t] = m->type == BS_RESERVE_MOVE ? vb - va : va - vb;
            }
            if (!nonzero(c->cost, years))
                continue;
            int on_a = ma && ma->enabled, on_b = mb && mb->enabled;
            const char *verb = on_a && !on_b ? "drops" : !on_a && on_b ? "adds" : "changes";
            snprintf(c->label, sizeof c->label, "%s %s: %s", verb, type_word[m->type], m->name);
            k++;
        }
    }
    for (int pass = 0; pass < 2; pass++) {
        const bs_scenario *s1 = pass == 0 ? sa : sb;
        for (int i = 0; i < s1->nservices; i++) {
            int a = scenario_find_service(sa, s1->services[i].id), b = scenario_find_service(sb, s1->services[i].id);
            if (pass == 1 && a >= 0)
                continue;
            change *c = &ch[k];
            for (int t = 0; t < years; t++)
                c->cost[t] = (b >= 0 ? rb->service_gross_m[b][t] : 0.0) - (a >= 0 ? ra->service_gross_m[a][t] : 0.0);
            if (!nonzero(c->cost, years))
                continue;
            snprintf(c->label, sizeof c->label, "changes spending: %s", s1->services[i].name);
            k++;
        }
    }
    for (int pass = 0; pass < 2; pass++) {
        const bs_scenario *s1 = pass == 0 ? sa : sb;
        for (int i = 0; i < s1->nfunding; i++) {
            int a = -1, b = -1;
            for (int q = 0; q < sa->nfunding; q++)
                if (strcmp(sa->funding[q].id, s1->funding[i].id) == 0)
                    a = q;
            for (int q = 0; q < sb->nfunding; q++)
                if (strcmp(sb->funding[q].id, s1->funding[i].id) == 0)
                    b = q;
            if (pass == 1 && a >= 0)
                continue;
            change *c = &ch[k];
            for (int t = 0; t < years; t++)
                c->cost[t] = (a >= 0 ? ra->funding_m[a][t] : 0.0) - (b >= 0 ? rb->funding_m[b][t] : 0.0);
            if (!nonzero(c->cost, years))
                continue;
            snprintf(c->label, sizeof c->label, "changes funding: %s", s1->funding[i].name);
            k++;
        }
    }
    change *c = &ch[k];
    for (int t = 0; t < years; t++)
        c->cost[t] = ra->council_tax_m[t] - rb->council_tax_m[t];
    if (nonzero(c->cost, years)) {
        snprintf(c->label, sizeof c->label, "changes council tax income");
        k++;
    }
    *n = k;
    return ch;
}

static void text_changes(FILE *f, const bs_scenario *sa, const bs_result *ra, const bs_scenario *sb,
                         const bs_result *rb, const change *ch, int nch)
{
    char buf[64], y[16], a[48], b[48], c2[48];
    int n = ra->nyears;
    fputc('\n', f);
    year_header(f, "What the alternative changes, £m (+ widens the gap)", ra->first_year, n, 0);
    if (nch == 0)
        fputs("  nothing: the two budgets are the same\n", f);
    bs_row row = {.kind = BS_ROW_M, .indent = 1};
    for (int i = 0; i < nch; i++)
        text_row(f, &row, ch[i].label, "", 0, n, ch[i].cost, NULL, 1);
    double gap[BS_MAX_YEARS] = {0}, res[BS_MAX_YEARS] = {0};
    for (int t = 0; t < n; t++) {
        gap[t] = rb->gap_after_m[t] - ra->gap_after_m[t];
        res[t] = rb->reserve_close_m[0][t] - ra->reserve_close_m[0][t];
    }
    row.indent = 0;
    text_row(f, &row, "Change in the gap after measures", "", 0, n, gap, NULL, 1);
    text_row(f, &row, "Change in the general reserve, closing", "", 0, n, res, NULL, 1);

    fputs("\nIn words\n", f);
    for (int t = 0; t < n; t++) {
        double cost = 0, pay = 0;
        for (int i = 0; i < nch; i++) {
            if (ch[i].cost[t] > 0)
                cost += ch[i].cost[t];
            else
                pay -= ch[i].cost[t];
        }
        bs_year_label(ra->first_year + t, y, sizeof y);
        if (cost < 5e-7 && pay < 5e-7) {
            fprintf(f, "  %s: no change.\n", y);
            continue;
        }
        double net = cost - pay;
        if (pay < 5e-7) {
            fprintf(f, "  %s: the changes in %s cost %s and nothing pays for them: the gap to close is that much larger.\n",
                    y, sb->label, bs_fmt_gbp_m(cost, 1, a, sizeof a));
            continue;
        }
        fprintf(f, "  %s: the changes in %s cost %s and it finds %s to pay for them; ", y, sb->label,
                bs_fmt_gbp_m(cost, 1, a, sizeof a), bs_fmt_gbp_m(pay, 1, b, sizeof b));
        if (net > 5e-7)
            fprintf(f, "%s is not paid for, so the gap to close is that much larger.\n", bs_fmt_gbp_m(net, 1, c2, sizeof c2));
        else if (net < -5e-7)
            fprintf(f, "%s is left over%s.\n", bs_fmt_gbp_m(-net, 1, c2, sizeof c2),
                    t < sb->balanced_years || rb->gap_after_m[t] < 0 ? " and goes to the general reserve" : ", reducing the gap");
        else
            fputs("it is paid for exactly.\n", f);
    }
    (void)sa;
    (void)buf;
}

int output_compare(FILE *f, bs_format fmt, const bs_scenario *sa, const bs_result *ra, const bs_ballot *ba,
                   const bs_scenario *sb, const bs_result *rb, const bs_ballot *bb, bs_error *err)
{
    bs_table ta = {0}, tb = {0};
    int rc = 0, nrows = 0, nch = 0;
    row_pair *rows = NULL;
    change *ch = NULL;
    if (table_from_result(sa, ra, &ta) != 0 || table_from_result(sb, rb, &tb) != 0 ||
        !(rows = merge_rows(&ta, &tb, &nrows)) || !(ch = list_changes(sa, ra, sb, rb, &nch))) {
        rc = bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
        goto done;
    }
    int n = ra->nyears;
    static const double none[BS_MAX_YEARS];
    const char *diff_label = "difference";
    if (fmt == BS_FMT_TEXT) {
        fprintf(f, "Comparing %s (%s)\n     with %s (%s)\n", sa->name, sa->label, sb->name, sb->label);
        fprintf(f, "Files: %s, %s\n\n", sa->source_file, sb->source_file);
        int tagw = 12;
        int lw = text_width(sa->label) > text_width(sb->label) ? text_width(sa->label) : text_width(sb->label);
        if (lw + 2 > tagw)
            tagw = lw + 2 > 24 ? 24 : lw + 2;
        year_header(f, "£m unless stated", ra->first_year, n, tagw);
        for (int i = 0; i < nrows; i++) {
            const bs_row *ref = rows[i].base ? rows[i].base : rows[i].alt;
            const double *va = rows[i].base ? rows[i].base->v : none;
            const double *vb = rows[i].alt ? rows[i].alt->v : none;
            char label[BS_NAME_MAX + 48];
            if (ref->kind == BS_ROW_HEADING) {
                if (i > 0)
                    fputc('\n', f);
                text_row(f, ref, ref->label, "", 0, n, va, NULL, 0);
                continue;
            }
            if (ref->kind == BS_ROW_POUNDS || ref->kind == BS_ROW_PCT || ref->kind == BS_ROW_YEARS)
                snprintf(label, sizeof label, "%s (%s)", ref->label, table_unit(ref->kind));
            else
                bs_strlcpy(label, ref->label, sizeof label);
            const unsigned char *naa = rows[i].base ? rows[i].base->na : NULL;
            const unsigned char *nab = rows[i].alt ? rows[i].alt->na : NULL;
            int same = rows[i].base && rows[i].alt && memcmp(va, vb, sizeof(double) * (size_t)n) == 0 &&
                       memcmp(naa, nab, (size_t)n) == 0;
            if (same) {
                text_row(f, ref, label, "both", tagw, n, va, naa, 0);
                continue;
            }
            double d[BS_MAX_YEARS];
            unsigned char nad[BS_MAX_YEARS] = {0};
            for (int t = 0; t < n; t++) {
                d[t] = vb[t] - va[t];
                nad[t] = (naa && naa[t]) || (nab && nab[t]);
            }
            text_row(f, ref, label, sa->label, tagw, n, va, naa, 0);
            text_row(f, ref, "", sb->label, tagw, n, vb, nab, 0);
            text_row(f, ref, "", diff_label, tagw, n, d, nad, 1);
        }
        text_changes(f, sa, ra, sb, rb, ch, nch);
        char title[BS_ID_MAX + 16];
        snprintf(title, sizeof title, "Rules, %s", sa->label);
        text_rules(f, title, sa, ra);
        snprintf(title, sizeof title, "Rules, %s", sb->label);
        text_rules(f, title, sb, rb);
        const bs_ballot *bl[2] = {ba, bb};
        const char *lab[2] = {sa->label, sb->label};
        for (int k = 0; k < 2; k++)
            if (bl[k]) {
                fprintf(f, "\nCouncil vote, %s\n", lab[k]);
                output_vote_summary(f, bl[k]);
            }
    } else if (fmt == BS_FMT_CSV) {
        fputs("key,item,unit,scenario", f);
        csv_years(f, ra->first_year, n);
        for (int i = 0; i < nrows; i++) {
            const bs_row *ref = rows[i].base ? rows[i].base : rows[i].alt;
            if (ref->kind == BS_ROW_HEADING)
                continue;
            const double *v[3];
            const unsigned char *na[3];
            unsigned char all_na[BS_MAX_YEARS];
            memset(all_na, 1, sizeof all_na);
            double d[BS_MAX_YEARS];
            unsigned char nad[BS_MAX_YEARS];
            v[0] = rows[i].base ? rows[i].base->v : none;
            v[1] = rows[i].alt ? rows[i].alt->v : none;
            na[0] = rows[i].base ? rows[i].base->na : all_na;
            na[1] = rows[i].alt ? rows[i].alt->na : all_na;
            for (int t = 0; t < n; t++) {
                d[t] = v[1][t] - v[0][t];
                nad[t] = na[0][t] || na[1][t];
            }
            v[2] = d;
            na[2] = nad;
            const char *who[3] = {sa->label, sb->label, diff_label};
            for (int w = 0; w < 3; w++) {
                bs_csv_field(f, ref->key);
                fputc(',', f);
                bs_csv_field(f, ref->label);
                fputc(',', f);
                bs_csv_field(f, table_unit(ref->kind));
                fputc(',', f);
                bs_csv_field(f, who[w]);
                for (int t = 0; t < n; t++)
                    csv_number(f, v[w][t], na[w][t]);
                fputs("\r\n", f);
            }
        }
        for (int i = 0; i < nch; i++) {
            fprintf(f, "changes.%d,", i + 1);
            bs_csv_field(f, ch[i].label);
            fputs(",£m,", f);
            bs_csv_field(f, diff_label);
            for (int t = 0; t < n; t++)
                csv_number(f, ch[i].cost[t], 0);
            fputs("\r\n", f);
        }
        if (ba)
            output_vote_csv(f, ba, sa->label, n);
        if (bb)
            output_vote_csv(f, bb, sb->label, n);
    } else {
        json_t *diff = json_array();
        for (int i = 0; i < nrows; i++) {
            const bs_row *ref = rows[i].base ? rows[i].base : rows[i].alt;
            if (ref->kind == BS_ROW_HEADING)
                continue;
            double d[BS_MAX_YEARS];
            unsigned char nad[BS_MAX_YEARS];
            for (int t = 0; t < n; t++) {
                d[t] = (rows[i].alt ? rows[i].alt->v[t] : 0.0) - (rows[i].base ? rows[i].base->v[t] : 0.0);
                nad[t] = (rows[i].alt && rows[i].alt->na[t]) || (rows[i].base && rows[i].base->na[t]);
            }
            json_t *o = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o}", "key", ref->key, "label", ref->label, "unit",
                                  table_unit(ref->kind), "base",
                                  rows[i].base ? json_series(rows[i].base->v, rows[i].base->na, n) : json_null(),
                                  "alternative",
                                  rows[i].alt ? json_series(rows[i].alt->v, rows[i].alt->na, n) : json_null(),
                                  "difference", json_series(d, nad, n));
            json_array_append_new(diff, o);
        }
        json_t *changes = json_array();
        for (int i = 0; i < nch; i++)
            json_array_append_new(changes, json_pack("{s:s, s:o}", "change", ch[i].label, "cost_m",
                                                     json_series(ch[i].cost, NULL, n)));
        json_t *root = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "base", json_scenario(sa), "alternative",
                                 json_scenario(sb), "years", json_years(ra->first_year, n), "rows", diff, "changes",
                                 changes, "base_rules", json_rules(sa, ra), "alternative_rules", json_rules(sb, rb));
        if (root && ba)
            json_object_set_new(root, "base_vote", output_vote_json(ba));
        if (root && bb)
            json_object_set_new(root, "alternative_vote", output_vote_json(bb));
        rc = output_json(f, root, 10, err);
    }
done:
    free(rows);
    free(ch);
    table_free(&ta);
    table_free(&tb);
    return rc;
}
