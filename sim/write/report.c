/* report.c - report.md and report.html (see report.h). */
#include "write/report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/table.h"
#include "write/emit.h"
#include "write/outfile.h"

/* Text for HTML: & < > " ' escaped, control characters as spaces. */
static void html(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc((unsigned char)*s < 0x20 ? ' ' : *s, f);
        }
    }
}

/* Text for a Markdown table cell: | and ` and * _ [ ] < > escaped. */
static void md(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (strchr("|`*_[]<>\\#", *s))
            fputc('\\', f);
        fputc((unsigned char)*s < 0x20 ? ' ' : *s, f);
    }
}

static void base64_file(FILE *out, const char *path)
{
    static const char tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    FILE *in = fopen(path, "rb");
    if (!in)
        return;
    unsigned char b[3];
    size_t n;
    while ((n = fread(b, 1, 3, in)) > 0) {
        unsigned v = (unsigned)b[0] << 16 | (n > 1 ? (unsigned)b[1] << 8 : 0) | (n > 2 ? b[2] : 0);
        fputc(tbl[v >> 18 & 63], out);
        fputc(tbl[v >> 12 & 63], out);
        fputc(n > 1 ? tbl[v >> 6 & 63] : '=', out);
        fputc(n > 2 ? tbl[v & 63] : '=', out);
    }
    fclose(in);
}

typedef struct {
    const bs_plot_input *in;
    bs_table t[2];
} rep;

/* Key rows shown year by year. */
static const char *const headline_keys[] = {"totals.spending_gross_m", "totals.funding_m", "totals.gap_before_m",
                                            "totals.gap_after_m", "reserves.general.closing_m",
                                            "reserves.total_closing_m", "council_tax.band_d_pounds", NULL};

static void fmt_row_value(const bs_row *row, double v, int plus, char *buf, size_t size)
{
    int dec = row->kind == BS_ROW_M || row->kind == BS_ROW_YEARS ? 1 : row->kind == BS_ROW_COUNT ? 0 : 2;
    bs_fmt_grouped(v, dec, plus, buf, size);
}

static void write_md(FILE *f, rep *r, const bs_chart_list *charts, bs_image_format fmt)
{
    const bs_scenario *a = r->in[0].sc, *b = r->in[1].sc;
    int n = r->in[0].r->nyears;
    char y[16], v1[48], v2[48], v3[48];
    fputs("# ", f);
    md(f, a->name);
    fputs(" and ", f);
    md(f, b->name);
    fputs("\n\n", f);
    fprintf(f, "Written by budgetsim from `%s` (base) and `%s` (alternative). Money in £m unless stated.\n\n",
            a->source_file, b->source_file);
    fputs("## Year by year\n\n| | scenario |", f);
    for (int t = 0; t < n; t++)
        fprintf(f, " %s |", bs_year_label(r->in[0].r->first_year + t, y, sizeof y));
    fputs("\n|---|---|", f);
    for (int t = 0; t < n; t++)
        fputs("---:|", f);
    fputc('\n', f);
    for (int k = 0; headline_keys[k]; k++) {
        const bs_row *ra = table_find(&r->t[0], headline_keys[k]), *rb = table_find(&r->t[1], headline_keys[k]);
        if (!ra || !rb)
            continue;
        for (int w = 0; w < 3; w++) {
            fputs("| ", f);
            if (w == 0)
                md(f, ra->label);
            fputs(" | ", f);
            md(f, w == 0 ? a->label : w == 1 ? b->label : "difference");
            fputs(" |", f);
            for (int t = 0; t < n; t++) {
                double v = w == 0 ? ra->v[t] : w == 1 ? rb->v[t] : rb->v[t] - ra->v[t];
                fmt_row_value(ra, v, w == 2, v1, sizeof v1);
                fprintf(f, " %s |", v1);
            }
            fputc('\n', f);
        }
    }
    fprintf(f, "\n## Line by line, %s\n\n| line | %s | %s | difference |\n|---|---:|---:|---:|\n",
            bs_year_label(r->in[0].r->first_year, y, sizeof y), a->label, b->label);
    for (int i = 0; i < r->t[0].n; i++) {
        const bs_row *ra = &r->t[0].rows[i];
        if (ra->kind != BS_ROW_M || strncmp(ra->key, "bills.", 6) == 0)
            continue;
        const bs_row *rb = table_find(&r->t[1], ra->key);
        double vb = rb ? rb->v[0] : 0.0;
        fmt_row_value(ra, ra->v[0], 0, v1, sizeof v1);
        fmt_row_value(ra, vb, 0, v2, sizeof v2);
        fmt_row_value(ra, vb - ra->v[0], 1, v3, sizeof v3);
        fputs("| ", f);
        md(f, ra->label);
        fprintf(f, " | %s | %s | %s |\n", v1, rb ? v2 : "-", v3);
    }
    for (int k = 0; k < 2; k++) {
        const bs_ballot *bl = r->in[k].ballot;
        if (!bl)
            continue;
        fputs("\n## The vote: ", f);
        md(f, r->in[k].sc->name);
        fprintf(f, "\n\n%s, %d for, %d against, %d abstaining, %d absent.\n\n| group | seats | position | for | against | abstain | absent |\n|---|---:|---|---:|---:|---:|---:|\n",
                bl->vote.passed ? "**Passed**" : "**Failed**", bl->vote.count[0], bl->vote.count[1],
                bl->vote.count[2], bl->vote.count[3]);
        const bs_council *c = &bl->final->chamber;
        for (int g = 0; g < c->ngroups; g++) {
            fputs("| ", f);
            md(f, c->groups[g].name);
            fprintf(f, " | %d | %s | %d | %d | %d | %d |\n", c->groups[g].seats,
                    vote_position_name(bl->stances.group_pos[g]), bl->vote.group_count[g][0],
                    bl->vote.group_count[g][1], bl->vote.group_count[g][2], bl->vote.group_count[g][3]);
        }
        if (bl->vote.uncertain)
            fprintf(f, "\nProbability of passing, exact: %.4f.\n", bl->p_pass);
    }
    fputs("\n## Charts\n", f);
    for (int i = 0; i < charts->n; i++) {
        fputs("\n### ", f);
        md(f, charts->title[i]);
        fprintf(f, "\n\n![](%s.%s)\n\nScript: `%s.gp`, data: `%s.dat`.\n", charts->name[i], plot_extension(fmt),
                charts->name[i], charts->name[i]);
    }
}

static void write_html(FILE *f, rep *r, const bs_chart_list *charts, const char *dir, bs_image_format fmt)
{
    const bs_scenario *a = r->in[0].sc, *b = r->in[1].sc;
    int n = r->in[0].r->nyears;
    char y[16], v1[48];
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>", f);
    html(f, a->name);
    fputs(" and ", f);
    html(f, b->name);
    fputs("</title>\n<style>\nbody{font-family:Helvetica,Arial,sans-serif;max-width:1100px;margin:2em auto;color:#222}"
          "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px}"
          "td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f2f2f2}"
          "img{max-width:100%;border:1px solid #eee}.src{color:#666;font-size:90%}\n</style>\n</head>\n<body>\n<h1>", f);
    html(f, a->name);
    fputs(" and ", f);
    html(f, b->name);
    fputs("</h1>\n<p class=\"src\">Written by budgetsim from ", f);
    html(f, a->source_file);
    fputs(" (base) and ", f);
    html(f, b->source_file);
    fputs(" (alternative). Money in £m unless stated.</p>\n<h2>Year by year</h2>\n<table>\n<tr><th></th><th>scenario</th>", f);
    for (int t = 0; t < n; t++)
        fprintf(f, "<th>%s</th>", bs_year_label(r->in[0].r->first_year + t, y, sizeof y));
    fputs("</tr>\n", f);
    for (int k = 0; headline_keys[k]; k++) {
        const bs_row *ra = table_find(&r->t[0], headline_keys[k]), *rb = table_find(&r->t[1], headline_keys[k]);
        if (!ra || !rb)
            continue;
        for (int w = 0; w < 3; w++) {
            fputs("<tr>", f);
            if (w == 0) {
                fputs("<td rowspan=\"3\">", f);
                html(f, ra->label);
                fputs("</td>", f);
            }
            fputs("<td>", f);
            html(f, w == 0 ? a->label : w == 1 ? b->label : "difference");
            fputs("</td>", f);
            for (int t = 0; t < n; t++) {
                double v = w == 0 ? ra->v[t] : w == 1 ? rb->v[t] : rb->v[t] - ra->v[t];
                fmt_row_value(ra, v, w == 2, v1, sizeof v1);
                fprintf(f, "<td class=\"n\">%s</td>", v1);
            }
            fputs("</tr>\n", f);
        }
    }
    fprintf(f, "</table>\n<h2>Line by line, %s</h2>\n<table>\n<tr><th>line</th><th>", bs_year_label(r->in[0].r->first_year, y, sizeof y));
    html(f, a->label);
    fputs("</th><th>", f);
    html(f, b->label);
    fputs("</th><th>difference</th></tr>\n", f);
    for (int i = 0; i < r->t[0].n; i++) {
        const bs_row *ra = &r->t[0].rows[i];
        if (ra->kind != BS_ROW_M || strncmp(ra->key, "bills.", 6) == 0)
            continue;
        const bs_row *rb = table_find(&r->t[1], ra->key);
        double vb = rb ? rb->v[0] : 0.0;
        fputs("<tr><td>", f);
        html(f, ra->label);
        fmt_row_value(ra, ra->v[0], 0, v1, sizeof v1);
        fprintf(f, "</td><td class=\"n\">%s</td>", v1);
        fmt_row_value(ra, vb, 0, v1, sizeof v1);
        fprintf(f, "<td class=\"n\">%s</td>", rb ? v1 : "-");
        fmt_row_value(ra, vb - ra->v[0], 1, v1, sizeof v1);
        fprintf(f, "<td class=\"n\">%s</td></tr>\n", v1);
    }
    fputs("</table>\n", f);
    for (int k = 0; k < 2; k++) {
        const bs_ballot *bl = r->in[k].ballot;
        if (!bl)
            continue;
        fputs("<h2>The vote: ", f);
        html(f, r->in[k].sc->name);
        fprintf(f, "</h2>\n<p><strong>%s</strong>, %d for, %d against, %d abstaining, %d absent.", bl->vote.passed ? "Passed" : "Failed",
                bl->vote.count[0], bl->vote.count[1], bl->vote.count[2], bl->vote.count[3]);
        if (bl->vote.uncertain)
            fprintf(f, " Probability of passing, exact: %.4f.", bl->p_pass);
        fputs("</p>\n<table>\n<tr><th>group</th><th>seats</th><th>position</th><th>for</th><th>against</th><th>abstain</th><th>absent</th></tr>\n", f);
        const bs_council *c = &bl->final->chamber;
        for (int g = 0; g < c->ngroups; g++) {
            fputs("<tr><td>", f);
            html(f, c->groups[g].name);
            fprintf(f, "</td><td class=\"n\">%d</td><td>%s</td><td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td></tr>\n",
                    c->groups[g].seats, vote_position_name(bl->stances.group_pos[g]), bl->vote.group_count[g][0],
                    bl->vote.group_count[g][1], bl->vote.group_count[g][2], bl->vote.group_count[g][3]);
        }
        fputs("</table>\n", f);
    }
    fputs("<h2>Charts</h2>\n", f);
    const char *mime = fmt == BS_IMG_PNG ? "image/png" : fmt == BS_IMG_PDF ? "application/pdf" : "image/svg+xml";
    for (int i = 0; i < charts->n; i++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/%s.%s", dir, charts->name[i], plot_extension(fmt));
        fputs("<h3>", f);
        html(f, charts->title[i]);
        fputs("</h3>\n", f);
        if (fmt == BS_IMG_PDF) {
            fprintf(f, "<p><a href=\"%s.pdf\">%s.pdf</a></p>\n", charts->name[i], charts->name[i]);
            continue;
        }
        fprintf(f, "<img alt=\"\" src=\"data:%s;base64,", mime);
        base64_file(f, path);
        fprintf(f, "\">\n<p class=\"src\">Script: %s.gp, data: %s.dat</p>\n", charts->name[i], charts->name[i]);
    }
    fputs("</body>\n</html>\n", f);
}

/* Write DIR/NAME through a temporary file (write/outfile.h): body writes
 * the contents. Returns 0, or -1 with err (exit status 3):
 * "DIR: cannot write NAME: reason". */
static int write_file(const char *dir, const char *name, void (*body)(FILE *, rep *, const bs_chart_list *, const char *, bs_image_format),
                      rep *r, const bs_chart_list *charts, bs_image_format fmt, bs_error *err)
{
    char tmp[BS_OUT_PATH_MAX];
    FILE *f = outfile_open_in(dir, name, tmp, sizeof tmp, err);
    if (!f)
        return -1;
    body(f, r, charts, dir, fmt);
    return outfile_close_in(f, tmp, dir, name, err);
}

static void md_body(FILE *f, rep *r, const bs_chart_list *c, const char *dir, bs_image_format fmt)
{
    (void)dir;
    write_md(f, r, c, fmt);
}

static void html_body(FILE *f, rep *r, const bs_chart_list *c, const char *dir, bs_image_format fmt)
{
    write_html(f, r, c, dir, fmt);
}

int report_write(const char *dir, const bs_plot_input *in, const bs_chart_list *charts, bs_image_format fmt,
                 bs_error *err)
{
    rep r;
    memset(&r, 0, sizeof r);
    r.in = in;
    int rc = 0;
    if (table_from_result(in[0].sc, in[0].r, &r.t[0]) != 0 || table_from_result(in[1].sc, in[1].r, &r.t[1]) != 0)
        rc = bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    if (rc == 0)
        rc = write_file(dir, "report.md", md_body, &r, charts, fmt, err);
    if (rc == 0)
        rc = write_file(dir, "report.html", html_body, &r, charts, fmt, err);
    table_free(&r.t[0]);
    table_free(&r.t[1]);
    return rc;
}
