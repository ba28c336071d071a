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

/* The steps shown: the measures that move the gap in the first year. */
static int shown_steps(const bs_scenario *sc, const bs_result *r)
{
    int n = 0;
    for (int i = 0; i < sc->nmeasures; i++)
        n += fabs(step(sc, r, i)) >= 5e-7;
    return n;
}

/* The x axis: the gap before, each step shown, the gap after. */
static void waterfall_axis(const chart_ctx *c, int which, chart_xaxis *a)
{
    int n = shown_steps(c->in[which].sc, c->in[which].r) + 2;
    chart_xaxis_layout(a, -0.5, n - 0.5, 1000, 620, 14, 3, 13);
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
             0x555555, level);
    step_label(f, &a, x++, "Gap before measures", row);
    for (int i = 0; i < sc->nmeasures; i++) {
        double v = step(sc, r, i);
        if (fabs(v) < 5e-7)
            continue;
        double next = level - v;
        snprintf(row, sizeof row, "\t%d\t%.6f\t%.2f\t%.2f\t%.6f\t%.6f\t%d\t%+.1f\n", x, (level + next) / 2, x - 0.4,
                 x + 0.4, next < level ? next : level, next < level ? level : next, v > 0 ? 0x009E73 : 0xD55E00, -v);
        step_label(f, &a, x++, sc->measures[i].name, row);
        level = next;
    }
    double after = r->gap_after_m[0];
    snprintf(row, sizeof row, "\t%d\t%.6f\t%.2f\t%.2f\t%.6f\t%.6f\t%d\t%.1f\n", x, after / 2, x - 0.4, x + 0.4,
             after < 0 ? after : 0.0, after < 0 ? 0.0 : after, after > 1e-6 ? 0xCC79A7 : 0x0072B2,
             fabs(after) < 0.05 ? 0.0 : after);
    step_label(f, &a, x, "Gap after measures", row);
}

/* Floating boxes coloured by the data, each labelled with its value. */
static void waterfall_script(FILE *f, chart_ctx *c, const void *arg)
{
    const chart_pick *p = arg;
    char title[600], y[16];
    chart_xaxis a;
    waterfall_axis(c, p->which, &a);
    snprintf(title, sizeof title, "From the gap to the budget, %s: %s", chart_year0(c, y, sizeof y), c->in[p->which].sc->name);
    chart_head(f, c, p->name, title, a.width, a.height);
    const bs_scenario *sc = c->in[p->which].sc;
    const bs_result *r = c->in[p->which].r;
    double level = r->gap_before_m[0], lo = level < 0 ? level : 0, hi = level > 0 ? level : 0;
    for (int i = 0; i < sc->nmeasures; i++) {
        level -= step(sc, r, i);
        lo = level < lo ? level : lo;
        hi = level > hi ? level : hi;
    }
    chart_y_range(f, lo, hi, 0);
    chart_xaxis_script(f, &a);
    fprintf(f, "set xrange [-0.5:%d.5]\n", shown_steps(sc, r) + 1);
    fputs("set ylabel '£m' noenhanced\nset xzeroaxis lt -1\nset key off\n", f);
    fputs("set style fill solid 0.85 border -1\nset offsets 0, 0, graph 0.08, 0\n", f);
    fprintf(f, "set label 1 'green: closes the gap; orange: widens it' at graph 0.99, graph 0.95 right font font_text\n");
    fprintf(f, "plot '%s.dat' using 2:3:4:5:6:7:8:xtic(1) with boxxyerrorbars lc rgb variable notitle, \\\n", p->name);
    /* the values above the boxes: upright, as the labels below, when they are close */
    if (a.rotate == 90)
        fprintf(f, "     '' using 2:7:9 with labels rotate left offset 0,0.5 font font_text noenhanced notitle\n");
    else
        fprintf(f, "     '' using 2:7:9 with labels offset 0,0.7 font font_text noenhanced notitle\n");
}

int chart_waterfall(chart_ctx *c, int which, const char *suffix, bs_error *err)
{
    char title[700], y[16];
    snprintf(title, sizeof title, "From the gap to the budget, %s: %s", chart_year0(c, y, sizeof y),
             c->in[which].sc->name);
    return chart_write_for(c, which, "waterfall", suffix, title, waterfall_data, waterfall_script, err);
}
