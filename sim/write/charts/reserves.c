/* reserves.c - chart 3: the general reserve at the end of each year, with
 * its minimum, for one scenario or a pair (reserves.dat, reserves.gp).
 *
 * This file may use: core/, analyse/, write/ and the C library. */
#include <stdio.h>

#include "write/charts/chart.h"

/* One row a year: each scenario's closing general reserve, then each one's minimum. */
static void reserves_data(FILE *f, chart_ctx *c, const void *arg)
{
    (void)arg;
    char y[16];
    chart_header(f, c->n == 2 ? "year\tclosing_1\tclosing_2\tminimum_1\tminimum_2" : "year\tclosing_1\tminimum_1");
    fputc('\n', f);
    for (int t = 0; t < c->in[0].r->nyears; t++) {
        chart_field(f, bs_year_label(c->in[0].r->first_year + t, y, sizeof y));
        for (int k = 0; k < c->n; k++)
            fprintf(f, "\t%.6f", c->in[k].r->reserve_close_m[0][t]);
        for (int k = 0; k < c->n; k++)
            fprintf(f, "\t%.6f", c->in[k].sc->reserves[0].minimum_m);
        fputc('\n', f);
    }
}

/* A line for each scenario's reserve (from 0 when nothing is below), a
 * dashed one for each minimum (one for both when they are equal). */
static void reserves_script(FILE *f, chart_ctx *c, const void *arg)
{
    const char *title = arg;
    /* the key below the plot, where it hides no line: a row a scenario and
     * a minimum, the names as wide as most of the chart */
    int same = c->n == 2 && c->in[0].sc->reserves[0].minimum_m == c->in[1].sc->reserves[0].minimum_m;
    int rows = c->n + (same ? 1 : c->n);
    const int h = 520 + (int)(rows * CHART_LINE_PX * 1.2);
    chart_head(f, c, "reserves", title, 1000, h);
    double lowest = 0.0, highest = 0.0;
    for (int k = 0; k < c->n; k++) {
        for (int t = 0; t < c->in[k].r->nyears; t++) {
            double v = c->in[k].r->reserve_close_m[0][t];
            lowest = v < lowest ? v : lowest;
            highest = v > highest ? v : highest;
        }
        double m = c->in[k].sc->reserves[0].minimum_m;
        highest = m > highest ? m : highest;
    }
    /* a minimum at the lowest value (as 0) drawn above the axis, not on it */
    for (int k = 0, low = 0; k < c->n && !low; k++)
        if ((low = c->in[k].sc->reserves[0].minimum_m <= lowest))
            lowest -= 0.05 * (highest - lowest > 1e-9 ? highest - lowest : 1);
    chart_y_range(f, lowest, highest, 1);
    fputs("set ylabel 'General reserve (£m)' noenhanced\nset xzeroaxis lt -1\n", f);
    fprintf(f, "set bmargin at screen %.4f\n", (rows * CHART_LINE_PX * 1.2 + 38 + 70) / h);
    fprintf(f, "set key at screen 0.5, screen %.4f center bottom vertical maxcols 1 Left reverse noenhanced\n", 38.0 / h);
    /* the years' own range with a margin, never autoscaled: one year alone
     * is an empty range to gnuplot (a warning, so a failure) */
    fprintf(f, "set xrange [-0.2:%d.2]\n", c->in[0].r->nyears - 1);
    fputs("plot ", f);
    int key = chart_key_width(1000, 0.8);
    for (int k = 0; k < c->n; k++) {
        fprintf(f, "%s'reserves.dat' using 0:%d:xtic(1) with linespoints lw 3 pt 7 lc rgb '%s' title ", k ? ", " : "",
                2 + k, chart_palette[k]);
        chart_string_fit(f, c->in[k].sc->name, key, 1);
    }
    /* one minimum line when the two are the same (two identical lines would
     * be two key entries for one thing), else one for each */
    for (int k = 0; k < (same ? 1 : c->n); k++) {
        char t[400];
        if (same)
            snprintf(t, sizeof t, "minimum, both (£%.1fm)", c->in[0].sc->reserves[0].minimum_m);
        else
            snprintf(t, sizeof t, "minimum (%s)", c->in[k].sc->label);
        /* one year: a line of one point draws nothing, so a mark */
        fprintf(f, ", 'reserves.dat' using 0:%d with %s lc rgb '%s' title ", 2 + c->n + k,
                c->in[0].r->nyears == 1 ? "points pt 3 ps 2" : "lines dt 2 lw 2", same ? "#555555" : chart_palette[k]);
        chart_string_fit(f, t, key, 1);
    }
    fputc('\n', f);
}

int chart_reserves(chart_ctx *c, bs_error *err)
{
    char title[700];
    if (c->n == 2)
        snprintf(title, sizeof title, "General reserve at the end of each year");
    else
        snprintf(title, sizeof title, "General reserve at the end of each year: %s", c->in[0].sc->name);
    return chart_write(c, "reserves", title, reserves_data, reserves_script, title, err);
}
