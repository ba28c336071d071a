/* lines.c - chart 1 (a pair only): net spending by service line in the first
 * year, base against alternative, net of the savings and the charges on each
 * line, then in a second panel what the alternative changes, as its cost to
 * the budget (lines.dat, lines.gp). The changes are compare's (write/changes.h):
 * each line's bar is the sum of the changes on it (its spending, its savings,
 * its charges), and each change on no line (a reserve movement, a saving or
 * charge on no line, funding, council tax) is a bar of its own after the
 * lines, so that the bars add up to compare's changes, the change in the gap
 * after measures. A line only one scenario has counts as 0 in the other; the
 * base's lines come first, then the alternative's new ones.
 *
 * This file may use: core/, analyse/, write/ and the C library. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "write/changes.h"
#include "write/charts/chart.h"

/* Is v more than half a pound (in £m) from 0? */
static int moves(double v)
{
    return fabs(v) > 5e-7;
}

/* Net spending of service i of scenario in, in the first year: before
 * savings, less the savings and the charges' net income on the line. */
static double net(const bs_plot_input *in, int i)
{
    double v = in->r->service_gross_m[i][0] - in->r->service_savings_m[i][0];
    for (int m = 0; m < in->sc->nmeasures; m++)
        if (in->sc->measures[m].type == BS_CHARGE && in->sc->measures[m].line_index == i)
            v -= in->r->measure_m[m][0];
    return v;
}

/* The rows of the chart: the service lines (the base's, then the
 * alternative's new ones), then the changes on no line that move the first
 * year. */
typedef struct {
    int n;           /* rows */
    int nlines;      /* of which service lines, first */
    double total;    /* the sum of the changes in the first year */
    int nch;
    bs_change *ch;   /* compare's changes (heap) */
} lines_rows;

static void rows_free(lines_rows *w)
{
    free(w->ch);
    w->ch = NULL;
}

/* Fills w; returns 0, or -1 when out of memory (w then has no changes). */
static int rows_make(const chart_ctx *c, lines_rows *w)
{
    memset(w, 0, sizeof *w);
    w->ch = changes_list(c->in[0].sc, c->in[0].r, c->in[1].sc, c->in[1].r, &w->nch);
    for (int pass = 0; pass < 2; pass++) {
        const bs_scenario *s1 = pass ? c->in[1].sc : c->in[0].sc;
        for (int i = 0; i < s1->nservices; i++)
            if (!pass || scenario_find_service(c->in[0].sc, s1->services[i].id) < 0)
                w->nlines++;
    }
    w->n = w->nlines;
    for (int k = 0; w->ch && k < w->nch; k++) {
        w->total += w->ch[k].cost[0];
        if (!w->ch[k].line[0] && moves(w->ch[k].cost[0]))
            w->n++;
    }
    return w->ch ? 0 : -1;
}

/* The cost of the changes on service line id in the first year. */
static double line_cost(const lines_rows *w, const char *id)
{
    double v = 0;
    for (int k = 0; k < w->nch; k++)
        if (strcmp(w->ch[k].line, id) == 0)
            v += w->ch[k].cost[0];
    return v;
}

/* The x axis of the lower panel, which holds the rows' labels. */
static void lines_axis(const lines_rows *w, chart_xaxis *a)
{
    chart_xaxis_layout(a, -0.6, w->n - 0.4, 1000, 1050, 12, 3, 12);
}

/* One row: its label (cut to the axis), base, alternative, the change's cost. */
static void lines_row(FILE *f, const chart_xaxis *ax, int x, const char *name, double va, double vb, double d)
{
    char label[800];
    chart_label(name, chart_xaxis_cap(ax, x), 1, label, sizeof label);
    chart_whole(f, name, label);
    chart_field_label(f, label);
    if (isnan(va))
        fprintf(f, "\tNaN\tNaN\t%.6f\n", d);
    else
        fprintf(f, "\t%.6f\t%.6f\t%.6f\n", va, vb, d);
}

/* One row a line: its label, base, alternative (£m net of savings and
 * charges) and the cost of what the alternative changes on it; then one row
 * a change on no line, with no base or alternative (NaN: not drawn above). */
static void lines_data(FILE *f, chart_ctx *c, const void *arg)
{
    const lines_rows *w = arg;
    const bs_scenario *a = c->in[0].sc, *b = c->in[1].sc;
    chart_xaxis ax;
    int x = 0;
    lines_axis(w, &ax);
    fprintf(f, "# cost: what the alternative changes, £m in the first year (+ widens the gap); "
               "the costs add up to %.6f, the change in the gap after measures\n", w->total);
    chart_header(f, "line\tbase\talternative\tcost");
    fputc('\n', f);
    for (int pass = 0; pass < 2; pass++) {
        const bs_scenario *s1 = pass ? b : a;
        for (int i = 0; i < s1->nservices; i++) {
            int ia = scenario_find_service(a, s1->services[i].id), ib = scenario_find_service(b, s1->services[i].id);
            if (pass && ia >= 0)
                continue;
            double va = ia >= 0 ? net(&c->in[0], ia) : 0.0;
            double vb = ib >= 0 ? net(&c->in[1], ib) : 0.0;
            lines_row(f, &ax, x++, s1->services[i].name, va, vb, line_cost(w, s1->services[i].id));
        }
    }
    /* a change's label without its verb and kind ("changes reserve
     * movement: "): the bar's sign says which way it goes */
    for (int k = 0; k < w->nch; k++)
        if (!w->ch[k].line[0] && moves(w->ch[k].cost[0])) {
            const char *name = strstr(w->ch[k].label, ": ");
            lines_row(f, &ax, x++, name ? name + 2 : w->ch[k].label, NAN, NAN, w->ch[k].cost[0]);
        }
}

/* The range of the lines' values (lo, hi: from 0) and of the rows' costs
 * (dlo, dhi). */
static void lines_extent(const chart_ctx *c, const lines_rows *w, double *lo, double *hi, double *dlo, double *dhi)
{
    *lo = *hi = *dlo = *dhi = 0;
    for (int k = 0; k < 2; k++)
        for (int i = 0; i < c->in[k].sc->nservices; i++) {
            double v = net(&c->in[k], i);
            *lo = v < *lo ? v : *lo;
            *hi = v > *hi ? v : *hi;
        }
    for (int pass = 0; pass < 2; pass++) {
        const bs_scenario *s1 = c->in[pass].sc;
        for (int i = 0; i < s1->nservices; i++) {
            double d = line_cost(w, s1->services[i].id);
            *dlo = d < *dlo ? d : *dlo;
            *dhi = d > *dhi ? d : *dhi;
        }
    }
    for (int k = 0; k < w->nch; k++)
        if (!w->ch[k].line[0]) {
            double d = w->ch[k].cost[0];
            *dlo = d < *dlo ? d : *dlo;
            *dhi = d > *dhi ? d : *dhi;
        }
}

/* Two panels, laid out on the screen: the title and the key above the
 * first, the bars of both scenarios side by side; then the second panel's
 * own title and the costs, coloured by their sign, each labelled with its
 * value; the rows' labels below it. */
static void lines_script(FILE *f, chart_ctx *c, const void *arg)
{
    const lines_rows *w = arg;
    char title[700], y[16], total[48], words[200];
    double lo, hi, dlo, dhi;
    chart_xaxis ax;
    lines_axis(w, &ax);
    lines_extent(c, w, &lo, &hi, &dlo, &dhi);
    int key = chart_key_width(ax.width, 0.85);
    snprintf(title, sizeof title, "Net spending by service line, %s", chart_year0(c, y, sizeof y));
    chart_head(f, c, "lines", title, ax.width, ax.height);
    /* the title at the top, the key below it: gnuplot would put the title
     * just above the plot, over the key */
    fputs("unset title\nset label 96 ", f);
    chart_string_fit(f, title, chart_title_width(ax.width), 1);
    fprintf(f, " at screen 0.5, screen %.4f center font font_title noenhanced\n", 1 - 32 / (double)ax.height);
    /* in pixels from the top: the title (one line) and the key (two), the
     * upper panel; the lower panel's title and its key, the lower panel,
     * the labels below it */
    const double H = ax.height, bottom = ax.bmargin * CHART_LINE_PX;
    const double key1 = 62, top1 = 140, low1 = top1 + 330, title2 = low1 + 40, key2 = title2 + 34, top2 = key2 + 40;
    fprintf(f, "set multiplot\nset lmargin %d\nset rmargin %d\nset xrange [-0.6:%.1f]\n", ax.lmargin, ax.rmargin,
            w->n - 0.4); /* the axis's own range (lines_axis) */
    fprintf(f, "set tmargin at screen %.4f\nset bmargin at screen %.4f\n", 1 - top1 / H, 1 - low1 / H);
    fputs("set style fill solid 0.9 border -1\nset boxwidth 0.38 absolute\n", f);
    fputs("set ylabel '£m, net of savings and charges' noenhanced\nset format x ''\n", f);
    chart_y_range(f, lo, hi, 1);
    fprintf(f, "set key at screen 0.5, screen %.4f center top vertical Left reverse font font_text samplen 2\n",
            1 - key1 / H);
    fputs("plot 'lines.dat' using ($0-0.2):2 with boxes title ", f);
    chart_string_fit(f, c->in[0].sc->name, key, 1);
    fprintf(f, " lc rgb '%s', '' using ($0+0.2):3 with boxes title ", chart_palette[0]);
    chart_string_fit(f, c->in[1].sc->name, key, 1);
    fprintf(f, " lc rgb '%s'\n", chart_palette[1]);
    /* the second panel: a line above it says what the bars are and their total */
    fputs("unset label 96\nunset label 99\nset format x\nset boxwidth 0.6 absolute\n", f);
    double span = dhi - dlo;
    chart_y_range(f, dlo - (dlo < 0 ? 0.15 * span : 0), dhi + (dhi > 0 ? 0.15 * span : 0), 0);
    bs_fmt_gbp_m(w->total, 1, total, sizeof total);
    snprintf(words, sizeof words, "What the alternative changes: %s in all", total);
    fputs("set label 97 ", f);
    chart_string(f, words);
    fprintf(f, " at screen 0.5, screen %.4f center font font_text noenhanced\n", 1 - title2 / H);
    fputs("set ylabel '£m (+ widens the gap)' noenhanced\n", f);
    chart_xaxis_script(f, &ax);
    /* after the axis's margins: the panel's own, on the screen */
    fprintf(f, "set tmargin at screen %.4f\nset bmargin at screen %.4f\n", 1 - top2 / H, bottom / H);
    fputs("set xzeroaxis lt -1\n", f);
    fprintf(f, "set key at screen 0.5, screen %.4f center top horizontal Left reverse font font_text samplen 1\n",
            1 - key2 / H);
    /* + widens the gap (vermilion), - closes it (green), as the waterfall;
     * each bar of 0.05 or more labelled with its value */
    fprintf(f, "plot 'lines.dat' using 0:($4 > 0 ? $4 : NaN):xtic(1) with boxes lc rgb '%s' "
               "title 'widens the gap (a cost)', \\\n",
            chart_palette[5]);
    fprintf(f, "     '' using 0:($4 > 0 ? NaN : $4) with boxes lc rgb '%s' title 'closes the gap', \\\n",
            chart_palette[2]);
    if (ax.rotate == 90) {
        fputs("     '' using 0:($4 >= 0.05 ? $4 : NaN):(sprintf('%+.1f', $4)) with labels rotate left offset 0,0.4 "
              "font font_text notitle, \\\n",
              f);
        fputs("     '' using 0:($4 <= -0.05 ? $4 : NaN):(sprintf('%+.1f', $4)) with labels rotate by 90 right "
              "offset 0,-0.4 font font_text notitle\n",
              f);
    } else {
        fputs("     '' using 0:($4 >= 0.05 ? $4 : NaN):(sprintf('%+.1f', $4)) with labels offset 0,0.6 "
              "font font_text notitle, \\\n",
              f);
        fputs("     '' using 0:($4 <= -0.05 ? $4 : NaN):(sprintf('%+.1f', $4)) with labels offset 0,-0.6 "
              "font font_text notitle\n",
              f);
    }
    fputs("unset multiplot\n", f);
}

int chart_lines(chart_ctx *c, bs_error *err)
{
    char title[700], y[16];
    lines_rows w;
    if (rows_make(c, &w) != 0)
        return bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    snprintf(title, sizeof title, "Net spending by service line, %s", chart_year0(c, y, sizeof y));
    int rc = chart_write(c, "lines", title, lines_data, lines_script, &w, err);
    rows_free(&w);
    return rc;
}
