/* waterfall.c - chart 2, for each scenario: from the gap before measures to
 * the gap after, one step per measure, in the first year (waterfall.dat and
 * .gp, or waterfall-base and waterfall-alt for a pair).
 *
 * This file may use: core/, analyse/, write/ and the C library. */
#include <math.h>
#include <stdio.h>

#include "write/charts/chart.h"

/* How far measure i closes the gap in the first year. A reserve movement
 * counts only as a draw: a contribution is in the gap already. */
static double step(const bs_scenario *sc, const bs_result *r, int i)
{
    double v = r->measure_m[i][0];
    if (sc->measures[i].type == BS_RESERVE_MOVE)
        v = v < 0 ? -v : 0.0; /* draws close the gap; contributions are in the gap already */
    return v;
}

/* The colours of the boxes, each explained in the key. */
#define COL_BEFORE 0x555555 /* the gap before measures */
#define COL_CLOSES 0x009E73 /* a measure that closes the gap */
#define COL_WIDENS 0xD55E00 /* a measure that widens it */
#define COL_OPEN 0xCC79A7   /* the gap after measures: a gap left */
#define COL_SHUT 0x0072B2   /* the gap after measures: closed, or a surplus */

/* The steps shown: the measures that move the gap in the first year. */
static int shown_steps(const bs_scenario *sc, const bs_result *r)
{
    int n = 0;
    for (int i = 0; i < sc->nmeasures; i++)
        n += fabs(step(sc, r, i)) >= 5e-7;
    return n;
}

/* The chart's title, in buf. */
static char *waterfall_title(const chart_ctx *c, int which, char *buf, size_t size)
{
    char y[16];
    snprintf(buf, size, "From the gap to the budget, %s: %s", chart_year0(c, y, sizeof y), c->in[which].sc->name);
    return buf;
}

/* How many lines the title takes (of at most three). */
static int title_lines(const chart_ctx *c, int which)
{
    char title[700], wrapped[4200];
    int n = 1;
    chart_label(waterfall_title(c, which, title, sizeof title), chart_title_width(1000), 3, wrapped, sizeof wrapped);
    for (const char *p = wrapped; *p; p++)
        n += *p == '\n';
    return n;
}

/* The x axis: the gap before, each step shown, the gap after; the chart
 * as tall as its title's lines and the key above the plot need, with a
 * plot of about 400 units. */
static void waterfall_axis(const chart_ctx *c, int which, chart_xaxis *a)
{
    int n = shown_steps(c->in[which].sc, c->in[which].r) + 2;
    int height = 400 + 13 * (int)CHART_LINE_PX + 14 + title_lines(c, which) * 41 + 8 + 2 * 31 + 22;
    chart_xaxis_layout(a, -0.5, n - 0.5, 1000, height, 14, 3, 13);
}

/* The label of the box at x (chart_xaxis_cap wide) as the row's first
 * field, then the rest of the row; the whole name in a comment line before
 * the row when the label does not show it exactly. */
static void step_label(FILE *f, const chart_xaxis *a, int x, const char *name, const char *row)
{
    char label[800];
    chart_label(name, chart_xaxis_cap(a, x), 1, label, sizeof label);
    chart_whole(f, name, label);
    chart_field_label(f, label);
    fputs(row, f);
}

/* One row a step: label, x, y (the box's middle), xlow, xhigh, ylow, yhigh,
 * colour and the value shown; steps of no size are left out. */
static void waterfall_data(FILE *f, chart_ctx *c, const void *arg)
{
    const chart_pick *p = arg;
    const bs_scenario *sc = c->in[p->which].sc;
    const bs_result *r = c->in[p->which].r;
    chart_xaxis a;
    char row[300];
    waterfall_axis(c, p->which, &a);
    chart_header(f, "step\tx\ty\txlow\txhigh\tylow\tyhigh\tcolour\tvalue");
    fputc('\n', f);
    double level = r->gap_before_m[0];
    int x = 0;
    snprintf(row, sizeof row, "\t%d\t%.6f\t%.2f\t%.2f\t0\t%.6f\t%d\t%.1f\n", x, level / 2, x - 0.4, x + 0.4, level,
             COL_BEFORE, level);
    step_label(f, &a, x++, "Gap before measures", row);
    for (int i = 0; i < sc->nmeasures; i++) {
        double v = step(sc, r, i);
        if (fabs(v) < 5e-7)
            continue;
        double next = level - v;
        snprintf(row, sizeof row, "\t%d\t%.6f\t%.2f\t%.2f\t%.6f\t%.6f\t%d\t%+.1f\n", x, (level + next) / 2, x - 0.4,
                 x + 0.4, next < level ? next : level, next < level ? level : next, v > 0 ? COL_CLOSES : COL_WIDENS, -v);
        step_label(f, &a, x++, sc->measures[i].name, row);
        level = next;
    }
    double after = r->gap_after_m[0];
    snprintf(row, sizeof row, "\t%d\t%.6f\t%.2f\t%.2f\t%.6f\t%.6f\t%d\t%.1f\n", x, after / 2, x - 0.4, x + 0.4,
             after < 0 ? after : 0.0, after < 0 ? 0.0 : after, after > 1e-6 ? COL_OPEN : COL_SHUT,
             fabs(after) < 0.05 ? 0.0 : after);
    step_label(f, &a, x, "Gap after measures", row);
}

/* The lowest and highest level of scenario k's waterfall: its gap before,
 * each step, its gap after, and 0. */
static void waterfall_extent(const chart_ctx *c, int k, double *lo, double *hi)
{
    const bs_scenario *sc = c->in[k].sc;
    const bs_result *r = c->in[k].r;
    double level = r->gap_before_m[0], after = r->gap_after_m[0];
    *lo = fmin(fmin(level, after), fmin(*lo, 0));
    *hi = fmax(fmax(level, after), fmax(*hi, 0));
    for (int i = 0; i < sc->nmeasures; i++) {
        level -= step(sc, r, i);
        *lo = fmin(*lo, level);
        *hi = fmax(*hi, level);
    }
}

/* A key entry for colour col when a box of the chart has it. */
static void key_entry(FILE *f, int drawn, int col, const char *title)
{
    if (drawn)
        fprintf(f, ", \\\n     keyentry with boxes lc rgb '#%06X' title '%s'", col, title);
}

/* Floating boxes coloured by the data, each labelled with its value; a
 * key above the plot for every colour drawn. A pair's waterfalls share
 * one y scale, from both scenarios. */
static void waterfall_script(FILE *f, chart_ctx *c, const void *arg)
{
    const chart_pick *p = arg;
    char title[700];
    chart_xaxis a;
    waterfall_axis(c, p->which, &a);
    chart_head(f, c, p->name, waterfall_title(c, p->which, title, sizeof title), a.width, a.height);
    const bs_scenario *sc = c->in[p->which].sc;
    const bs_result *r = c->in[p->which].r;
    double lo = 0, hi = 0;
    for (int k = 0; k < c->n; k++)
        waterfall_extent(c, k, &lo, &hi);
    /* room for the value labels: a tenth more at each end (upright ones a fifth) */
    double span = hi - lo, pad = a.rotate == 90 ? 0.12 * span : 0.04 * span;
    chart_y_range(f, lo < 0 ? lo - pad : lo, hi > 0 ? hi + pad : hi, 0);
    chart_xaxis_script(f, &a);
    /* from the top: the title, the key (two lines), then the plot; gnuplot
     * would put the title just above the plot, over the key */
    int nt = title_lines(c, p->which);
    double H = a.height, key = 14 + nt * 41 + 8, top = key + 2 * 31 + 22;
    fputs("unset title\nset label 96 ", f);
    chart_string_fit(f, title, chart_title_width(a.width), 3);
    fprintf(f, " at screen 0.5, screen %.4f center font font_title noenhanced\n", 1 - 34 / H);
    /* both margins in lines (the bottom one from chart_xaxis_script): with
     * either at a screen position, gnuplot warned that it had no room for
     * the tic labels of the hostile fixture's names */
    fprintf(f, "set tmargin %d\n", (int)ceil(top / CHART_LINE_PX));
    fprintf(f, "set xrange [-0.5:%d.5]\n", shown_steps(sc, r) + 1);
    fputs("set ylabel '£m' noenhanced\nset xzeroaxis lt -1\n", f);
    fprintf(f, "set key at screen 0.5, screen %.4f center top horizontal maxrows 2 Left reverse font font_text "
               "samplen 1 width 1\n",
            1 - key / H);
    fputs("set style fill solid 0.85 border -1\n", f);
    fprintf(f, "plot '%s.dat' using 2:3:4:5:6:7:8:xtic(1) with boxxyerrorbars lc rgb variable notitle, \\\n", p->name);
    /* the values above the boxes: upright, as the labels below, when they are close */
    if (a.rotate == 90)
        fputs("     '' using 2:7:9 with labels rotate left offset 0,0.5 font font_text noenhanced notitle", f);
    else
        fputs("     '' using 2:7:9 with labels offset 0,0.7 font font_text noenhanced notitle", f);
    /* the key: each colour a box of the chart has */
    int closes = 0, widens = 0;
    for (int i = 0; i < sc->nmeasures; i++) {
        double v = step(sc, r, i);
        closes |= v >= 5e-7;
        widens |= v <= -5e-7;
    }
    double after = r->gap_after_m[0];
    key_entry(f, 1, COL_BEFORE, "the gap before measures");
    key_entry(f, closes, COL_CLOSES, "a measure closes the gap");
    key_entry(f, widens, COL_WIDENS, "a measure widens it");
    key_entry(f, after > 1e-6, COL_OPEN, "the gap left after measures");
    key_entry(f, after <= 1e-6, COL_SHUT, after < -0.05 ? "after measures: a surplus" : "after measures: closed");
    fputc('\n', f);
}

int chart_waterfall(chart_ctx *c, int which, const char *suffix, bs_error *err)
{
    char title[700];
    waterfall_title(c, which, title, sizeof title);
    return chart_write_for(c, which, "waterfall", suffix, title, waterfall_data, waterfall_script, err);
}
