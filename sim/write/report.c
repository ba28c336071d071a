/* report.c - report.md and report.html (see report.h). The three tables
 * (year by year, line by line, the vote) are walked once for both formats,
 * each format a dialect that writes the cells; the prose around them and the
 * charts (linked in Markdown, embedded in HTML) are each format's own.
 *
 * Every text from a scenario (names, labels, titles, file names) is escaped
 * for the document it goes into: Markdown (md, md_code) or HTML (html).
 *
 * This file may use: core/, analyse/, write/ and the C library. */
#include "write/report.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/rules.h"
#include "core/table.h"
#include "write/base64.h"
#include "write/changes.h"
#include "write/emit.h"
#include "write/gnuplot.h"
#include "write/inputs.h"
#include "write/outfile.h"
#include "write/output.h"
#include "write/show_output.h"
#include "write/text.h"

/* ------------------------------------------------------------------ */
/* Text                                                                */
/* ------------------------------------------------------------------ */

/* Text for HTML: shown with escapes (write/text.h: control characters and
 * bytes that are not UTF-8 as \xHH, so the page is UTF-8), then & < > " '
 * as entities. */
static void html(FILE *f, const char *s)
{
    char shown[4200];
    for (const char *p = text_display(s, shown, sizeof shown); *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(*p, f);
        }
    }
}

/* Text for Markdown, as it stands in this report (after "# ", in a table's
 * cell, never at a line's start): shown with escapes (text.h), then & < >
 * as entities (no HTML gets through) and the characters Markdown reads as
 * markup within a line backslash-escaped: emphasis * _ ~, code `, links and
 * images [ ] (so no ( ) or ! can make one), headings #, tables |, math $,
 * and the backslash itself. */
static void md(FILE *f, const char *s)
{
    char shown[4200];
    for (const char *p = text_display(s, shown, sizeof shown); *p; p++) {
        if (*p == '&')
            fputs("&amp;", f);
        else if (*p == '<')
            fputs("&lt;", f);
        else if (*p == '>')
            fputs("&gt;", f);
        else {
            if (strchr("\\`*_~[]#|$", *p))
                fputc('\\', f);
            fputc(*p, f);
        }
    }
}

/* A file's name in Markdown as code: shown with escapes, between runs of
 * backquotes longer than any run in it (CommonMark), spaced from them when
 * it starts or ends with one. */
static void md_code(FILE *f, const char *s)
{
    char shown[4200];
    int run = 0, longest = 0;
    text_display(s, shown, sizeof shown);
    for (const char *p = shown; *p; p++) {
        run = *p == '`' ? run + 1 : 0;
        longest = run > longest ? run : longest;
    }
    size_t n = strlen(shown);
    int pad = n > 0 && (shown[0] == '`' || shown[n - 1] == '`');
    for (int i = 0; i <= longest; i++)
        fputc('`', f);
    fputs(pad ? " " : "", f);
    fputs(shown, f);
    fputs(pad ? " " : "", f);
    for (int i = 0; i <= longest; i++)
        fputc('`', f);
}

/* "BASE and ALTERNATIVE", the scenarios' names escaped by esc. */
static void both_names(FILE *f, void (*esc)(FILE *, const char *), const bs_plot_input *in)
{
    esc(f, in[0].sc->name);
    fputs(" and ", f);
    esc(f, in[1].sc->name);
}

/* The file at path, base64-encoded (nothing when it cannot be read). */
static void base64_file(FILE *out, const char *path)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return;
    size_t n = 0, cap = 65536;
    unsigned char *data = malloc(cap);
    for (size_t got; data && (got = fread(data + n, 1, cap - n, in)) > 0;) {
        n += got;
        if (n == cap) {
            unsigned char *more = realloc(data, 2 * cap);
            if (!more) {
                free(data);
                data = NULL;
                break;
            }
            data = more;
            cap *= 2;
        }
    }
    fclose(in);
    char *text = data ? base64_text(data, n) : NULL;
    if (text)
        fputs(text, out);
    free(text);
    free(data);
}

/* ------------------------------------------------------------------ */
/* Tables, in either dialect                                           */
/* ------------------------------------------------------------------ */

/* How a format writes a table. A column is 'l' (text) or 'r' (numbers). */
typedef struct {
    void (*heading)(FILE *f, const char *s);          /* one column heading */
    void (*rule)(FILE *f, const char *align);         /* after the headings */
    void (*cell)(FILE *f, const char *s, int number); /* text (escaped) or a number */
    void (*group)(FILE *f, const char *s, int first); /* the label of a group of three rows */
    const char *open, *close, *row_open, *row_close;
    const char *head_open, *head_close;   /* around the heading row (HTML: thead, repeated on each printed page) */
    const char *group_open, *group_close; /* around a group's rows (HTML: tbody, kept on one printed page) */
} dialect;

/* Markdown: headings escaped as any text (a scenario's label is one), a
 * rule of ---|---: under them, the group's label on its first row and an
 * empty cell on the others. */
static void md_heading(FILE *f, const char *s)
{
    fputs(*s ? " " : "", f);
    md(f, s);
    fputs(" |", f);
}

/* The line under a Markdown table's headings: ---: for a column of numbers. */
static void md_rule(FILE *f, const char *align)
{
    fputc('|', f);
    for (; *align; align++)
        fputs(*align == 'r' ? "---:|" : "---|", f);
    fputc('\n', f);
}

/* " text |": scenario text escaped, numbers as they are. */
static void md_cell(FILE *f, const char *s, int number)
{
    fputc(' ', f);
    if (number)
        fputs(s, f);
    else
        md(f, s);
    fputs(" |", f);
}

/* The group's label on its first row, an empty cell on the others. */
static void md_group(FILE *f, const char *s, int first)
{
    md_cell(f, first ? s : "", 0);
}

static const dialect markdown = {md_heading, md_rule, md_cell, md_group, "", "", "|", "\n", "", "", "", ""};

/* HTML: numbers in cells of class "n", the group's label one cell spanning
 * its three rows. */
static void html_heading(FILE *f, const char *s)
{
    fputs("<th>", f);
    html(f, s);
    fputs("</th>", f);
}

/* HTML tables need no rule. */
static void html_rule(FILE *f, const char *align)
{
    (void)f;
    (void)align;
}

/* <td>text</td>, numbers in <td class="n">. */
static void html_cell(FILE *f, const char *s, int number)
{
    if (number) {
        fprintf(f, "<td class=\"n\">%s</td>", s);
        return;
    }
    fputs("<td>", f);
    html(f, s);
    fputs("</td>", f);
}

/* One cell spanning the group's three rows, on its first. */
static void html_group(FILE *f, const char *s, int first)
{
    if (!first)
        return;
    fputs("<td rowspan=\"3\">", f);
    html(f, s);
    fputs("</td>", f);
}

static const dialect hypertext = {html_heading, html_rule, html_cell, html_group, "<table>\n", "</table>\n",
                                  "<tr>", "</tr>\n", "<thead>", "</thead>\n", "<tbody>", "</tbody>\n"};

/* What a report is written from. */
typedef struct {
    const bs_plot_input *in;
    bs_table t[2];
    const bs_chart_list *charts;
    const char *dir;
    bs_image_format fmt;
} rep;

/* Key rows shown year by year. */
static const char *const headline_keys[] = {"totals.spending_gross_m", "totals.funding_m", "totals.gap_before_m",
                                            "totals.gap_after_m", "reserves.general.closing_m",
                                            "reserves.total_closing_m", "council_tax.band_d_pounds", NULL};

/* The gaps per household (core/table.h: table_per_household), each
 * row's values worked from that scenario's own tax base and Band D. */
static const char *const household_keys[] = {
    "totals.gap_before_per_band_d_pounds", "totals.gap_before_per_band_a_pounds",
    "totals.gap_before_council_tax_rise_pct", "totals.gap_after_per_band_d_pounds",
    "totals.gap_after_per_band_a_pounds", "totals.gap_after_council_tax_rise_pct", NULL};

/* v as row shows it: £m and years to 1 decimal, counts to none, others to 2. */
static char *row_value(const bs_row *row, double v, int plus, char *buf, size_t size)
{
    int dec = row->kind == BS_ROW_M || row->kind == BS_ROW_YEARS ? 1 : row->kind == BS_ROW_COUNT ? 0 : 2;
    return bs_fmt_grouped(v, dec, plus, buf, size);
}

/* The heading row of n columns, aligned as align says. */
static void headings(FILE *f, const dialect *d, const char *const *names, int n, const char *align)
{
    fputs(d->head_open, f);
    fputs(d->row_open, f);
    for (int i = 0; i < n; i++)
        d->heading(f, names[i]);
    fputs(d->row_close, f);
    fputs(d->head_close, f);
    d->rule(f, align);
}

/* The rows named by keys (NULL-terminated) in every year: for each, the
 * base, the alternative and the difference. */
static void keyed_year_table(FILE *f, const dialect *d, const rep *r, const char *const *keys, int units)
{
    const bs_scenario *a = r->in[0].sc, *b = r->in[1].sc;
    int n = r->in[0].r->nyears;
    char years[BS_MAX_YEARS][16], align[BS_MAX_YEARS + 3] = "ll", v[48];
    const char *names[BS_MAX_YEARS + 2] = {"", "scenario"};
    for (int t = 0; t < n; t++) {
        names[2 + t] = bs_year_label(r->in[0].r->first_year + t, years[t], sizeof years[t]);
        align[2 + t] = 'r';
    }
    align[2 + n] = '\0';
    fputs(d->open, f);
    headings(f, d, names, 2 + n, align);
    for (int k = 0; keys[k]; k++) {
        const bs_row *ra = table_find(&r->t[0], keys[k]), *rb = table_find(&r->t[1], keys[k]);
        if (!ra || !rb)
            continue;
        fputs(d->group_open, f);
        for (int w = 0; w < 3; w++) {
            fputs(d->row_open, f);
            char label[sizeof ra->label + 8];
            snprintf(label, sizeof label, units ? "%s (%s)" : "%s", ra->label, table_unit(ra->kind));
            d->group(f, label, w == 0);
            d->cell(f, w == 0 ? a->label : w == 1 ? b->label : "difference", 0);
            for (int t = 0; t < n; t++)
                d->cell(f, row_value(ra, w == 0 ? ra->v[t] : w == 1 ? rb->v[t] : rb->v[t] - ra->v[t], w == 2, v, sizeof v), 1);
            fputs(d->row_close, f);
        }
        fputs(d->group_close, f);
    }
    fputs(d->close, f);
}

/* The headline rows in every year. */
static void year_table(FILE *f, const dialect *d, const rep *r)
{
    keyed_year_table(f, d, r, headline_keys, 0);
}

/* The gaps per household in every year: £ per Band D equivalent, £ per
 * Band A home, and the council tax rise (%) on that year's Band D that would
 * raise them. */
static void household_table(FILE *f, const dialect *d, const rep *r)
{
    keyed_year_table(f, d, r, household_keys, 1);
}

/* Every £m line (bills aside) in the first year: base, alternative ("-"
 * when it has no such line) and the difference. */
static void line_table(FILE *f, const dialect *d, const rep *r)
{
    const char *names[] = {"line", r->in[0].sc->label, r->in[1].sc->label, "difference"};
    char v[48];
    fputs(d->open, f);
    headings(f, d, names, 4, "lrrr");
    for (int i = 0; i < r->t[0].n; i++) {
        const bs_row *ra = &r->t[0].rows[i];
        if (ra->kind != BS_ROW_M || strncmp(ra->key, "bills.", 6) == 0)
            continue;
        const bs_row *rb = table_find(&r->t[1], ra->key);
        double vb = rb ? rb->v[0] : 0.0;
        fputs(d->row_open, f);
        d->cell(f, ra->label, 0);
        d->cell(f, row_value(ra, ra->v[0], 0, v, sizeof v), 1);
        d->cell(f, rb ? row_value(ra, vb, 0, v, sizeof v) : "-", 1);
        d->cell(f, row_value(ra, vb - ra->v[0], 1, v, sizeof v), 1);
        fputs(d->row_close, f);
    }
    fputs(d->close, f);
}

/* The budget vote of bl, group by group. */
static void vote_table(FILE *f, const dialect *d, const bs_ballot *bl)
{
    static const char *const names[] = {"group", "seats", "position", "for", "against", "abstain", "absent"};
    const bs_council *c = &bl->final->chamber;
    char v[16];
    fputs(d->open, f);
    headings(f, d, names, 7, "lrlrrrr");
    for (int g = 0; g < c->ngroups; g++) {
        fputs(d->row_open, f);
        d->cell(f, c->groups[g].name, 0);
        snprintf(v, sizeof v, "%d", c->groups[g].seats);
        d->cell(f, v, 1);
        d->cell(f, vote_position_name(bl->stances.group_pos[g]), 0);
        for (int p = 0; p < 4; p++) {
            snprintf(v, sizeof v, "%d", bl->vote.group_count[g][p]);
            d->cell(f, v, 1);
        }
        fputs(d->row_close, f);
    }
    fputs(d->close, f);
}

/* ------------------------------------------------------------------ */
/* The story, before any table                                         */
/* ------------------------------------------------------------------ */

/* A paragraph of the story being built: plain text, escaped when written. */
typedef struct {
    char s[8192];
    size_t n;
} para;

/* Append to p as printf would (cut at its end). */
static void add(para *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(para *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (p->n < sizeof p->s - 1) {
        int k = vsnprintf(p->s + p->n, sizeof p->s - p->n, fmt, ap);
        if (k > 0)
            p->n = p->n + (size_t)k < sizeof p->s ? p->n + (size_t)k : sizeof p->s - 1;
    }
    va_end(ap);
}

/* Write p, escaped by esc, between open and close, and empty it. */
static void put_para(FILE *f, para *p, void (*esc)(FILE *, const char *), const char *open, const char *close)
{
    fputs(open, f);
    esc(f, p->s);
    fputs(close, f);
    p->n = 0;
    p->s[0] = '\0';
}

/* v pounds as "£1,234.56" or "-£0.01", into buf. */
static char *pounds(double v, char *buf, size_t size)
{
    char num[64];
    bs_fmt_grouped(v, 2, 0, num, sizeof num);
    snprintf(buf, size, num[0] == '-' ? "-\xc2\xa3%s" : "\xc2\xa3%s", num[0] == '-' ? num + 1 : num);
    return buf;
}

/* The value of row key in year index t of table tb (0 when it has none). */
static double row_at(const bs_table *tb, const char *key, int t)
{
    const bs_row *row = table_find(tb, key);
    return row ? row->v[t] : 0.0;
}

/* What the alternative changes, what it costs each year, how it is paid
 * for, whether each budget is lawful, whether each would pass the vote and
 * what it means for a Band D and a Band A household: paragraphs in plain
 * words, each between open and close, escaped by esc. */
static void story(FILE *f, const rep *r, void (*esc)(FILE *, const char *), const char *open, const char *close)
{
    static para p;
    const bs_scenario *sc[2] = {r->in[0].sc, r->in[1].sc};
    const bs_result *rs[2] = {r->in[0].r, r->in[1].r};
    int n = rs[0]->nyears, nch = 0;
    char y[16], a[48], b[48], d[48], words[BS_NAME_MAX * 4 + 400];
    p.n = 0;
    p.s[0] = '\0';
    bs_change *ch = changes_list(sc[0], rs[0], sc[1], rs[1], &nch);
    bs_year_label(rs[0]->first_year, y, sizeof y);
    /* what the alternative changes */
    add(&p, "What the alternative changes: against %s (%s), %s (%s) ", sc[0]->label, sc[0]->name, sc[1]->label,
        sc[1]->name);
    if (!ch || nch == 0)
        add(&p, "changes nothing: the two budgets are the same.");
    for (int i = 0; ch && i < nch; i++)
        add(&p, "%s%s (%s to the gap in %s)", i == 0 ? "" : i == nch - 1 ? " and " : "; ", ch[i].label,
            bs_fmt_grouped(ch[i].cost[0], 1, 1, a, sizeof a), y);
    if (ch && nch > 0)
        add(&p, ", in \xc2\xa3m (+ widens the gap).");
    put_para(f, &p, esc, open, close);
    /* what it costs, this year and later */
    add(&p, "What it costs: the gap after measures in %s is %s for %s and %s for %s (%s).", y,
        bs_fmt_gbp_m(rs[0]->gap_after_m[0], 1, a, sizeof a), sc[0]->label,
        bs_fmt_gbp_m(rs[1]->gap_after_m[0], 1, b, sizeof b), sc[1]->label,
        bs_fmt_grouped(rs[1]->gap_after_m[0] - rs[0]->gap_after_m[0], 1, 1, d, sizeof d));
    if (n > 1)
        add(&p, " In later years, %s against %s:", sc[0]->label, sc[1]->label);
    for (int t = 1; t < n; t++)
        add(&p, " %s %s against %s (%s)%s", bs_year_label(rs[0]->first_year + t, y, sizeof y),
            bs_fmt_gbp_m(rs[0]->gap_after_m[t], 1, a, sizeof a), bs_fmt_gbp_m(rs[1]->gap_after_m[t], 1, b, sizeof b),
            bs_fmt_grouped(rs[1]->gap_after_m[t] - rs[0]->gap_after_m[t], 1, 1, d, sizeof d), t == n - 1 ? "." : ";");
    put_para(f, &p, esc, open, close);
    /* how it is paid for */
    add(&p, "How it is paid for:");
    for (int t = 0; ch && t < n; t++)
        add(&p, " %s: %s", bs_year_label(rs[0]->first_year + t, y, sizeof y),
            changes_in_words(sc[1], rs[1], ch, nch, t, words, sizeof words));
    bs_year_label(rs[0]->first_year, y, sizeof y);
    add(&p, " Reserves in %s:", y);
    for (int k = 0; k < 2; k++)
        add(&p, "%s %s draws %s and tops them up by %s", k ? ";" : "", sc[k]->label,
            bs_fmt_gbp_m(rs[k]->draws_m[0], 1, a, sizeof a), bs_fmt_gbp_m(rs[k]->contributions_m[0], 1, b, sizeof b));
    add(&p, "; the general reserve closes the year at %s for %s and %s for %s (%s).",
        bs_fmt_gbp_m(rs[0]->reserve_close_m[0][0], 1, a, sizeof a), sc[0]->label,
        bs_fmt_gbp_m(rs[1]->reserve_close_m[0][0], 1, b, sizeof b), sc[1]->label,
        bs_fmt_grouped(rs[1]->reserve_close_m[0][0] - rs[0]->reserve_close_m[0][0], 1, 1, d, sizeof d));
    put_para(f, &p, esc, open, close);
    free(ch);
    /* lawful */
    add(&p, "Is it lawful?");
    for (int k = 0; k < 2; k++) {
        int broken = 0;
        for (int q = 0; q < BS_NRULES; q++) {
            char ys[BS_MAX_YEARS * 12] = "";
            size_t yl = 0;
            for (int t = 0; t < n; t++)
                if (rs[k]->rule_applies[q][t] && !rs[k]->rule_ok[q][t] && yl < sizeof ys)
                    yl += (size_t)snprintf(ys + yl, sizeof ys - yl, "%s%s", yl ? ", " : "",
                                           bs_year_label(rs[k]->first_year + t, y, sizeof y));
            if (!yl)
                continue;
            if (broken)
                add(&p, "; it breaks \"%s\" in %s", bs_rules[q]->title, ys);
            else
                add(&p, " %s breaks the rule \"%s\" in %s", sc[k]->label, bs_rules[q]->title, ys);
            broken++;
        }
        int apply = 0;
        for (int q = 0; q < BS_NRULES; q++)
            for (int t = 0, any = 0; t < n && !any; t++)
                if (rs[k]->rule_applies[q][t])
                    apply += any = 1;
        if (broken)
            add(&p, ": %s is not a lawful budget.", sc[k]->label);
        else
            add(&p, " %s is lawful: it meets all %d rules that apply to it.", sc[k]->label, apply);
    }
    put_para(f, &p, esc, open, close);
    /* the vote */
    static char lines[2][BS_MEETING_LINE_MAX];
    add(&p, "Would it pass the vote?");
    for (int k = 0; k < 2; k++) {
        const bs_ballot *bl = r->in[k].ballot;
        if (!bl) {
            add(&p, " %s describes no council, so no vote.", sc[k]->label);
            continue;
        }
        add(&p, " %s: %s, %d for to %d against (%d abstaining, %d absent); it rests on the groups' votes", sc[k]->label,
            bl->vote.passed ? "passed" : "failed", bl->vote.count[0], bl->vote.count[1], bl->vote.count[2],
            bl->vote.count[3]);
        const bs_council *c = &bl->final->chamber;
        for (int side = 0; side < 2; side++) {
            int any = 0;
            add(&p, side ? "; against:" : "; for:");
            for (int g = 0; g < c->ngroups; g++)
                if (bl->vote.group_count[g][side] > 0) {
                    add(&p, "%s %s %d", any ? "," : "", c->groups[g].name, bl->vote.group_count[g][side]);
                    if (bl->stances.group_why[g] && strcmp(bl->stances.group_why[g], "whip") != 0)
                        add(&p, " (%s)", bl->stances.group_why[g]);
                    any = 1;
                }
            if (!any)
                add(&p, " none");
        }
        add(&p, ".");
        int nl = output_meeting_lines(r->in[k].meeting, lines);
        for (int i = 0; i < nl; i++)
            add(&p, " %s.", lines[i]);
    }
    put_para(f, &p, esc, open, close);
    /* households */
    bs_year_label(rs[0]->first_year, y, sizeof y);
    add(&p, "For households: in %s the gap after measures comes to", y);
    for (int k = 0; k < 2; k++)
        add(&p, "%s %s per Band D equivalent and %s per Band A home for %s", k ? " and" : "",
            pounds(row_at(&r->t[k], "totals.gap_after_per_band_d_pounds", 0), a, sizeof a),
            pounds(row_at(&r->t[k], "totals.gap_after_per_band_a_pounds", 0), b, sizeof b), sc[k]->label);
    if (n > 1) {
        bs_year_label(rs[0]->first_year + n - 1, y, sizeof y);
        add(&p, "; by %s", y);
        for (int k = 0; k < 2; k++)
            add(&p, "%s %s (Band D) and %s (Band A) for %s", k ? " and" : "",
                pounds(row_at(&r->t[k], "totals.gap_after_per_band_d_pounds", n - 1), a, sizeof a),
                pounds(row_at(&r->t[k], "totals.gap_after_per_band_a_pounds", n - 1), b, sizeof b),
                sc[k]->label);
    }
    add(&p, " (a negative figure is money left over).");
    put_para(f, &p, esc, open, close);
}

/* The alt text of chart i, into buf: what it shows, in words, from the
 * numbers it is drawn from (the chart's title when it is of a kind not
 * described here). Returns buf. */
static char *chart_alt(const rep *r, int i, char *buf, size_t size)
{
    const char *name = r->charts->name[i];
    int k = strstr(name, "-alt") ? 1 : 0;
    const bs_scenario *sc = r->in[k].sc;
    const bs_result *rs = r->in[k].r;
    char y[16], y2[16], a[48], b[48], c[48], d[48], e[48];
    int n = rs->nyears;
    bs_year_label(rs->first_year, y, sizeof y);
    bs_year_label(rs->first_year + n - 1, y2, sizeof y2);
    if (strcmp(name, "gap") == 0) {
        /* every year's gap after measures, base beside alternative */
        size_t at = (size_t)snprintf(buf, size, "Bar chart of the gap after measures (the gap left once every "
                                     "measure is applied; below 0, a surplus) in each year, %s to %s, %s beside %s:",
                                     y, y2, r->in[0].sc->label, r->in[1].sc->label);
        for (int t = 0; t < n && at < size; t++)
            at += (size_t)snprintf(buf + at, size - at, "%s %s %s %s, %s %s", t ? ";" : "",
                                   bs_year_label(rs->first_year + t, c, sizeof c), r->in[0].sc->label,
                                   bs_fmt_gbp_m(r->in[0].r->gap_after_m[t], 1, a, sizeof a), r->in[1].sc->label,
                                   bs_fmt_gbp_m(r->in[1].r->gap_after_m[t], 1, b, sizeof b));
        if (at < size)
            snprintf(buf + at, size - at, ".");
    } else if (strncmp(name, "waterfall", 9) == 0)
        snprintf(buf, size,
                 "Waterfall of the %s gap for %s: %s before measures, closed by savings of %s, charges of %s and "
                 "reserve draws of %s, leaving %s after measures.",
                 y, sc->name, bs_fmt_gbp_m(rs->gap_before_m[0], 1, a, sizeof a), bs_fmt_gbp_m(rs->savings_m[0], 1, b, sizeof b),
                 bs_fmt_gbp_m(rs->charges_m[0], 1, c, sizeof c),
                 bs_fmt_gbp_m(rs->draws_m[0], 1, d, sizeof d),
                 bs_fmt_gbp_m(rs->gap_after_m[0], 1, e, sizeof e));
    else if (strncmp(name, "bills", 5) == 0)
        snprintf(buf, size, "Bar chart of the %s council tax bill of each band, A to H, for %s: Band A %s, Band D "
                 "%s, Band H %s a year with the other precepts.",
                 y, sc->name, pounds(rs->bill_total_pounds[0][0], a, sizeof a), pounds(rs->bill_total_pounds[0][3], b, sizeof b),
                 pounds(rs->bill_total_pounds[0][BS_NBANDS - 1], c, sizeof c));
    else if ((strncmp(name, "council", 7) == 0 || strncmp(name, "tally", 5) == 0) && r->in[k].ballot) {
        const bs_ballot *bl = r->in[k].ballot;
        const bs_council *cc = &bl->final->chamber;
        size_t at = (size_t)snprintf(buf, size, "%s of the budget vote on %s: %s, %d for, %d against, %d abstaining, "
                                     "%d absent. Groups:", name[0] == 'c' ? "The council chamber, seat by seat," :
                                     "Bar chart of the votes for, group by group,", sc->name,
                                     bl->vote.passed ? "passed" : "failed", bl->vote.count[0], bl->vote.count[1],
                                     bl->vote.count[2], bl->vote.count[3]);
        for (int g = 0; g < cc->ngroups && at < size; g++)
            at += (size_t)snprintf(buf + at, size - at, "%s %s %d seat%s, %s", g ? ";" : "", cc->groups[g].name,
                                   cc->groups[g].seats, cc->groups[g].seats == 1 ? "" : "s", vote_position_name(bl->stances.group_pos[g]));
        if (at < size)
            snprintf(buf + at, size - at, ".");
    } else if (strcmp(name, "reserves") == 0)
        snprintf(buf, size, "Line chart of the general reserve at the end of each year, %s to %s: %s goes from %s to %s, "
                 "%s from %s to %s.", y, y2, r->in[0].sc->label, bs_fmt_gbp_m(r->in[0].r->reserve_close_m[0][0], 1, a, sizeof a),
                 bs_fmt_gbp_m(r->in[0].r->reserve_close_m[0][n - 1], 1, b, sizeof b), r->in[1].sc->label,
                 bs_fmt_gbp_m(r->in[1].r->reserve_close_m[0][0], 1, c, sizeof c),
                 bs_fmt_gbp_m(r->in[1].r->reserve_close_m[0][n - 1], 1, d, sizeof d));
    else if (strcmp(name, "lines") == 0)
        /* the lower panel adds up to the change in the gap after measures (charts/lines.c) */
        snprintf(buf, size, "Bar chart of net spending on each service line in %s, after the savings and charges on "
                 "it, %s beside %s; below it, what the alternative changes, line by line and for each change on no "
                 "line, adding up to %s, the change in the gap after measures.", y,
                 r->in[0].sc->label, r->in[1].sc->label,
                 bs_fmt_gbp_m(r->in[1].r->gap_after_m[0] - r->in[0].r->gap_after_m[0], 1, a, sizeof a));
    else
        snprintf(buf, size, "Chart: %s.", r->charts->title[i]);
    return buf;
}

/* ------------------------------------------------------------------ */
/* The two documents                                                   */
/* ------------------------------------------------------------------ */

/* Call section for each scenario that has a council (the base's first). */
static void each_vote(FILE *f, const rep *r, void (*section)(FILE *f, const bs_plot_input *in))
{
    for (int k = 0; k < 2; k++)
        if (r->in[k].ballot)
            section(f, &r->in[k]);
}

/* The vote on one scenario in Markdown: the result, the table, the odds. */
static void md_vote(FILE *f, const bs_plot_input *in)
{
    const bs_ballot *bl = in->ballot;
    fputs("\n## The vote: ", f);
    md(f, in->sc->name);
    fprintf(f, "\n\n%s, %d for, %d against, %d abstaining, %d absent.\n\n",
            bl->vote.passed ? "**Passed**" : "**Failed**", bl->vote.count[0], bl->vote.count[1],
            bl->vote.count[2], bl->vote.count[3]);
    vote_table(f, &markdown, bl);
    if (bl->vote.uncertain)
        fprintf(f, "\nProbability of passing, exact: %.4f.\n", bl->p_pass);
}

/* The date the report is written, as YYYY-MM-DD (UTC): SOURCE_DATE_EPOCH
 * when set (the reproducible-builds convention, so that a report can be
 * made again byte for byte), else today. */
static void report_date(char *buf, size_t size)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    char *end = NULL;
    long long e = sde && *sde ? strtoll(sde, &end, 10) : -1;
    time_t t = e >= 0 && end && !*end ? (time_t)e : time(NULL);
    struct tm tm;
    if (!gmtime_r(&t, &tm) || strftime(buf, size, "%Y-%m-%d", &tm) == 0)
        snprintf(buf, size, "unknown");
}

/* The Inputs section (write/inputs.h): each file read with its role and
 * SHA-256 (what sha256sum prints), each override in order with the
 * scenario it was laid over, which budget of each is shown, the version
 * and the date. Paragraphs between open and close, text escaped by esc. */
static void inputs_section(FILE *f, const dialect *d, void (*esc)(FILE *, const char *), const char *open,
                           const char *close)
{
    const bs_inputs *in = inputs_get();
    static const char *const names[] = {"File", "Read as", "SHA-256"};
    static const char *const side[2] = {"base", "alternative"};
    headings(f, d, names, 3, "lll");
    for (int i = 0; i < in->nfiles; i++) {
        fputs(d->row_open, f);
        d->cell(f, in->files[i].path, 0);
        d->cell(f, in->files[i].role, 0);
        d->cell(f, in->files[i].sha256, 0);
        fputs(d->row_close, f);
    }
    fputs(d->close, f);
    int count = 0;
    for (int k = 0; k < 2; k++) {
        const bs_input_scenario *sc = &in->scen[k];
        for (int i = 0; sc->loaded && i < in->nuser + sc->ncarried; i++) {
            int user = i < in->nuser;
            if (user && !sc->with_set)
                continue;
            count++;
            fputs(open, f);
            esc(f, user ? "Override (--set), " : "Override (an amendment the meeting carried), ");
            esc(f, side[k]);
            fputs(": ", f);
            esc(f, user ? in->user[i] : sc->carried[i - in->nuser]);
            fputs(close, f);
        }
    }
    if (!count) {
        fputs(open, f);
        esc(f, "No overrides: each budget as its file gives it.");
        fputs(close, f);
    }
    char date[32], line[200];
    report_date(date, sizeof date);
    snprintf(line, sizeof line, "Budgets shown: base %s, alternative %s. Written by budgetsim %s on %s.",
             in->scen[0].budget ? in->scen[0].budget : "as proposed",
             in->scen[1].budget ? in->scen[1].budget : "as proposed", in->version ? in->version : "", date);
    fputs(open, f);
    esc(f, line);
    fputs(close, f);
}

/* The appendix "Where each number comes from", for report.md (d is
 * markdown) and report.html: for each scenario, the numbers of each of its
 * files by the marks of their comments ([S] stated, [D] derived,
 * assumption; write/show_output.h), and every number with no source
 * comment. Nothing when the scenarios' sources were not given. */
static void sources_appendix(FILE *f, const rep *r, const dialect *d)
{
    int is_md = d == &markdown;
    void (*esc)(FILE *, const char *) = is_md ? md : html;
    if (!r->in[0].sources || !r->in[1].sources)
        return;
    fputs(is_md ? "\n## Where each number comes from\n\n" : "<h2>Where each number comes from</h2>\n<p>", f);
    fputs("Each number of the scenario files as its comment marks it: [S] stated in a source, [D] derived by "
          "the arithmetic shown, or an assumption with its reason (docs/sources.md; a comment may carry "
          "several marks). The files as written, with --set.",
          f);
    fputs(is_md ? "\n" : "</p>\n", f);
    static const char *const names[] = {"file", "numbers", "stated [S]", "derived [D]", "assumed", "unmarked"};
    for (int k = 0; k < 2; k++) {
        const bs_provenance *p = r->in[k].sources;
        char v[5][16];
        fputs(is_md ? "\n### " : "<h3>", f);
        esc(f, r->in[k].sc->name);
        fputs(is_md ? "\n\n" : "</h3>\n", f);
        fputs(d->open, f);
        headings(f, d, names, 6, "lrrrrr");
        for (int i = 0; i <= provenance_file_count(p); i++) {
            show_counts c = show_count(p, i < provenance_file_count(p) ? i : -1);
            int n[5] = {c.numbers, c.stated, c.derived, c.assumed, c.unmarked};
            fputs(d->row_open, f);
            d->cell(f, c.file ? c.file : "all", 0);
            for (int j = 0; j < 5; j++) {
                snprintf(v[j], sizeof v[j], "%d", n[j]);
                d->cell(f, v[j], 1);
            }
            fputs(d->row_close, f);
        }
        fputs(d->close, f);
        int none = 1;
        for (int i = 0; i < provenance_earlier_count(p) + provenance_count(p); i++) {
            int old = i < provenance_earlier_count(p);
            const bs_origin *o = old ? provenance_earlier_at(p, i) : provenance_at(p, i - provenance_earlier_count(p));
            if (!show_is_number(o) || show_marks(o->comment))
                continue;
            if (none)
                fputs(is_md ? "\nNumbers with no source comment:\n\n" : "<p>Numbers with no source comment:</p>\n<ul class=\"unsourced\">\n", f);
            none = 0;
            char line[32], value[256];
            snprintf(line, sizeof line, ":%d ", o->e->line);
            fputs(is_md ? "- " : "<li>", f);
            esc(f, o->e->file);
            esc(f, line);
            esc(f, o->e->path);
            esc(f, " = ");
            esc(f, show_value_text(o->e, value, sizeof value));
            fputs(is_md ? "\n" : "</li>\n", f);
        }
        if (none)
            fputs(is_md ? "\nNumbers with no source comment: none.\n" : "<p>Numbers with no source comment: none.</p>\n", f);
        else if (!is_md)
            fputs("</ul>\n", f);
    }
}


/* Chart i in Markdown: its heading (after head), the image with its alt
 * text, the caption. */
static void md_figure(FILE *f, const rep *r, int i, const char *head)
{
    const bs_chart_list *charts = r->charts;
    char alt[2048];
    fputs(head, f);
    md(f, charts->title[i]);
    fputs("\n\n![", f);
    md(f, chart_alt(r, i, alt, sizeof alt));
    fprintf(f, "](%s.%s)\n\n*Figure %d:* ", charts->name[i], plot_extension(r->fmt), i + 1);
    md(f, alt);
    fprintf(f, " Script: `%s.gp`, data: `%s.dat`.\n", charts->name[i], charts->name[i]);
}

/* The line under the title: the version, the date (report_date) and the
 * two files, text escaped by esc and each file's name by file. */
static void written_by(FILE *f, const rep *r, void (*esc)(FILE *, const char *), void (*file)(FILE *, const char *))
{
    char date[32];
    report_date(date, sizeof date);
    fputs("Written by budgetsim ", f);
    esc(f, inputs_get()->version ? inputs_get()->version : "");
    fputs(" on ", f);
    esc(f, date);
    fputs(" from ", f);
    file(f, r->in[0].sc->source_file);
    fputs(" (base) and ", f);
    file(f, r->in[1].sc->source_file);
    fputs(" (alternative). Money in £m unless stated.", f);
}

/* report.md: the charts linked beside it. */
static void write_md(FILE *f, const rep *r)
{
    char y[16];
    fputs("# ", f);
    both_names(f, md, r->in);
    fputs("\n\n", f);
    written_by(f, r, md, md_code);
    fputs("\n\n", f);
    fputs("## In brief\n\n", f);
    story(f, r, md, "", "\n\n");
    /* the gap chart straight after the story: its main message */
    for (int i = 0; i < r->charts->n; i++)
        if (strcmp(r->charts->name[i], "gap") == 0)
            md_figure(f, r, i, "## ");
    fputs("## Year by year\n\n", f);
    year_table(f, &markdown, r);
    fputs("\n## Per household\n\n", f);
    fputs("Each gap per Band D equivalent (\xc2\xa3m x 1e6 / the tax base), per Band A home (6/9 of Band D) and as "
          "the council tax rise on that year's Band D that would raise it.\n\n", f);
    household_table(f, &markdown, r);
    fprintf(f, "\n## Line by line, %s\n\n", bs_year_label(r->in[0].r->first_year, y, sizeof y));
    line_table(f, &markdown, r);
    each_vote(f, r, md_vote);
    fputs("\n## Inputs\n\n", f);
    inputs_section(f, &markdown, md, "\n", "\n");
    fputs("\n## Charts\n", f);
    for (int i = 0; i < r->charts->n; i++)
        if (strcmp(r->charts->name[i], "gap") != 0) /* after the story */
            md_figure(f, r, i, "\n### ");
    sources_appendix(f, r, &markdown);
}

static void html_figure(FILE *f, const rep *r, int i);

/* The page's head, its title and the line naming the files, the story
 * and the gap chart. */
static void html_head(FILE *f, const rep *r)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>", f);
    both_names(f, html, r->in);
    /* On screen the charts are as wide as drawn (1000 units), never wider
     * than the window. In print, on A4 with 15 mm margins (a text block 18
     * cm wide), each chart is 16 cm wide, the width it is laid out for
     * (write/charts/chart.h: text 9 pt, the source line 7 pt at that width),
     * never wider than the text block; no table row, group of rows (tbody)
     * or chart with its caption is split across pages; headings stay with
     * what follows, and so does a paragraph that introduces a table; a table's
 * headings repeat on each page it runs onto. */
    fputs("</title>\n<style>\nbody{font-family:Helvetica,Arial,sans-serif;max-width:1100px;margin:2em auto;color:#222}"
          "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px}"
          "td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f2f2f2}"
          "img{max-width:100%;height:auto;border:1px solid #eee}.src{color:#666;font-size:90%}"
          "figure{margin:1em 0}figcaption{font-size:90%;color:#444}.story p{max-width:60em;line-height:1.4}\n"
          "@media print{@page{size:A4;margin:15mm}body{max-width:none;margin:0;font-size:10pt;color:#000}"
          "tr,tbody{break-inside:avoid;page-break-inside:avoid}thead{display:table-header-group}"
          "h1,h2,h3,p:has(+table){break-after:avoid;page-break-after:avoid}"
          "img{width:16cm;max-width:100%;height:auto;border:none}"
          "figure{margin:0.5em 0;break-inside:avoid;page-break-inside:avoid}"
          "figcaption{font-size:8pt}.story p{max-width:none;line-height:1.3}"
          "table{font-size:8pt}td,th{padding:1px 4px}a{color:inherit}ul.unsourced{font-size:8pt;line-height:1.2;padding-left:1.5em}}\n</style>\n</head>\n<body>\n<h1>", f);
    both_names(f, html, r->in);
    fputs("</h1>\n<p class=\"src\">", f);
    written_by(f, r, html, html);
    fputs("</p>\n", f);
    fputs("<section class=\"story\">\n<h2>In brief</h2>\n", f);
    story(f, r, html, "<p>", "</p>\n");
    fputs("</section>\n", f);
    /* the gap chart straight after the story: its main message */
    for (int i = 0; i < r->charts->n; i++)
        if (strcmp(r->charts->name[i], "gap") == 0)
            html_figure(f, r, i);
}

/* Chart i: its heading, the image embedded (a data: URI, so the page
 * stands alone) with its alt text and its caption. A PDF chart cannot be an
 * <img>, and an <object type="application/pdf"> shows nothing where no PDF
 * viewer runs: not in headless Chromium, and so not when the page is printed
 * from it (tried: a blank frame). So with --format pdf report_write draws
 * each chart's SVG beside its PDF, from the same script (gnuplot -e
 * "fmt='svg'"), and the page embeds the SVG, the PDF linked in the caption. */
static void html_figure(FILE *f, const rep *r, int i)
{
    const bs_chart_list *charts = r->charts;
    int pdf = r->fmt == BS_IMG_PDF;
    const char *mime = r->fmt == BS_IMG_PNG ? "image/png" : "image/svg+xml";
    char path[BS_OUT_PATH_MAX];
    snprintf(path, sizeof path, "%s/%s.%s", r->dir, charts->name[i], pdf ? "svg" : plot_extension(r->fmt));
    fputs("<h3>", f);
    html(f, charts->title[i]);
    fputs("</h3>\n", f);
    char alt[2048];
    fputs("<figure>\n<img alt=\"", f);
    html(f, chart_alt(r, i, alt, sizeof alt));
    fprintf(f, "\" src=\"data:%s;base64,", mime);
    base64_file(f, path);
    fprintf(f, "\">\n<figcaption>Figure %d: ", i + 1);
    html(f, alt);
    fprintf(f, " <span class=\"src\">Script: %s.gp, data: %s.dat", charts->name[i], charts->name[i]);
    if (pdf)
        fprintf(f, ", PDF: <a href=\"%s.pdf\">%s.pdf</a>", charts->name[i], charts->name[i]);
    fputs("</span></figcaption>\n</figure>\n", f);
}

/* Every chart but the gap chart (after the story). */
static void html_charts(FILE *f, const rep *r)
{
    fputs("<h2 id=\"charts\">Charts</h2>\n", f);
    for (int i = 0; i < r->charts->n; i++)
        if (strcmp(r->charts->name[i], "gap") != 0)
            html_figure(f, r, i);
}

/* The vote on one scenario in HTML: the result and the odds, the table. */
static void html_vote(FILE *f, const bs_plot_input *in)
{
    const bs_ballot *bl = in->ballot;
    fputs("<h2>The vote: ", f);
    html(f, in->sc->name);
    fprintf(f, "</h2>\n<p><strong>%s</strong>, %d for, %d against, %d abstaining, %d absent.",
            bl->vote.passed ? "Passed" : "Failed", bl->vote.count[0], bl->vote.count[1], bl->vote.count[2],
            bl->vote.count[3]);
    if (bl->vote.uncertain)
        fprintf(f, " Probability of passing, exact: %.4f.", bl->p_pass);
    fputs("</p>\n", f);
    vote_table(f, &hypertext, bl);
}

/* report.html: one page, the charts embedded. */
static void write_html(FILE *f, const rep *r)
{
    char y[16];
    html_head(f, r);
    fputs("<h2>Year by year</h2>\n", f);
    year_table(f, &hypertext, r);
    fputs("<h2>Per household</h2>\n<p>Each gap per Band D equivalent (\xc2\xa3m &times; 1e6 / the tax base), per "
          "Band A home (6/9 of Band D) and as the council tax rise on that year's Band D that would raise it.</p>\n",
          f);
    household_table(f, &hypertext, r);
    fprintf(f, "<h2>Line by line, %s</h2>\n", bs_year_label(r->in[0].r->first_year, y, sizeof y));
    line_table(f, &hypertext, r);
    each_vote(f, r, html_vote);
    fputs("<h2>Inputs</h2>\n", f);
    fputs(hypertext.open, f);
    inputs_section(f, &hypertext, html, "<p>", "</p>\n");
    html_charts(f, r);
    sources_appendix(f, r, &hypertext);
    fputs("</body>\n</html>\n", f);
}

/* Write DIR/NAME through a temporary file (write/outfile.h): body writes
 * the contents. Returns 0, or -1 with err (exit status 3):
 * "DIR: cannot write NAME: reason". */
static int write_file(const rep *r, const char *name, void (*body)(FILE *, const rep *), bs_error *err)
{
    char tmp[BS_OUT_PATH_MAX];
    FILE *f = outfile_open_in(r->dir, name, tmp, sizeof tmp, err);
    if (!f)
        return -1;
    body(f, r);
    return outfile_close_in(f, tmp, r->dir, name, err);
}

int report_write(const char *dir, const bs_plot_input *in, const bs_chart_list *charts, bs_image_format fmt,
                 bs_error *err)
{
    rep r;
    memset(&r, 0, sizeof r);
    r.in = in;
    r.charts = charts;
    r.dir = dir;
    r.fmt = fmt;
    int rc = 0;
    if (table_from_result(in[0].sc, in[0].r, &r.t[0]) != 0 || table_from_result(in[1].sc, in[1].r, &r.t[1]) != 0)
        rc = bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    /* PDF charts: their SVG too, for report.html (html_charts) */
    for (int i = 0; rc == 0 && fmt == BS_IMG_PDF && i < charts->n; i++)
        rc = gnuplot_render(dir, charts->name[i], "svg", err);
    if (rc == 0)
        rc = write_file(&r, "report.md", write_md, err);
    if (rc == 0)
        rc = write_file(&r, "report.html", write_html, err);
    table_free(&r.t[0]);
    table_free(&r.t[1]);
    return rc;
}
