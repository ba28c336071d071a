/* gap.c - the gap chart, for one scenario or a pair: the gap after measures
 * (the budget gap left once every measure is applied, totals.gap_after_m)
 * in every year of the horizon, base against alternative, in £m (gap.dat,
 * gap.gp). Below 0 is a surplus.
 *
 * This file may use: core/, analyse/, write/ and the C library. */
#include <math.h>
#include <stdio.h>

#include "write/charts/chart.h"

/* The x axis: one slot a year. */
static void gap_axis(const chart_ctx *c, chart_xaxis *a)
{
    chart_xaxis_layout(a, -0.5, c->in[0].r->nyears - 0.5, 1000, 720, 10, 3, 7);
}

/* One row a year: its label, then each scenario's gap after measures. */
static void gap_data(FILE *f, chart_ctx *c, const void *arg)
{
    (void)arg;
    char y[16];
    fputs("# gap after measures (totals.gap_after_m), £m; negative: a surplus\n", f);
    chart_header(f, c->n == 2 ? "year\tbase\talternative" : "year\tgap");
    fputc('\n', f);
    for (int t = 0; t < c->in[0].r->nyears; t++) {
        chart_field(f, bs_year_label(c->in[0].r->first_year + t, y, sizeof y));
        for (int k = 0; k < c->n; k++)
            fprintf(f, "\t%.6f", c->in[k].r->gap_after_m[t]);
        fputc('\n', f);
    }
}

/* Bars grouped by year (the base's, then the alternative's), each labelled
 * with its value; a line at 0; a key above the plot naming each scenario. */
static void gap_script(FILE *f, chart_ctx *c, const void *arg)
{
    const char *title = arg;
    chart_xaxis a;
    gap_axis(c, &a);
    int ny = c->in[0].r->nyears;
    /* the values along the bars: level when a bar's share of a slot holds
     * "-100.0", else upright */
    double bar = c->n == 2 ? 0.4 : 0.6;
    double lo = 0, hi = 0;
    int widest = 0;
    for (int k = 0; k < c->n; k++)
        for (int t = 0; t < ny; t++) {
            double v = c->in[k].r->gap_after_m[t];
            char shown[64];
            int len = snprintf(shown, sizeof shown, "%.1f", fabs(v) < 0.05 ? 0.0 : v);
            widest = len > widest ? len : widest;
            lo = fmin(lo, v);
            hi = fmax(hi, v);
        }
    /* a digit of the text font is about 0.55 of its size wide */
    int upright = a.slot * bar < widest * 0.55 * CHART_FONT_TEXT + 6;
    double span = hi - lo, pad = (upright ? 0.15 : 0.05) * span;
    chart_head(f, c, "gap", title, a.width, a.height);
    /* from the top: the title (at most three lines), the key, the plot */
    char wrapped[4200];
    int nt = 1;
    chart_label(title, chart_title_width(a.width), 3, wrapped, sizeof wrapped);
    for (const char *p = wrapped; *p; p++)
        nt += *p == '\n';
    double H = a.height, key = 14 + nt * 41 + 8, top = key + c->n * 31 + 22;
    fputs("unset title\nset label 96 ", f);
    chart_string_fit(f, title, chart_title_width(a.width), 3);
    fprintf(f, " at screen 0.5, screen %.4f center font font_title noenhanced\n", 1 - 34 / H);
    chart_y_range(f, lo < 0 ? lo - pad : lo, hi > 0 ? hi + pad : hi, 0);
    chart_xaxis_script(f, &a);
    /* both margins on the screen (as the waterfall's) */
    fprintf(f, "set tmargin at screen %.4f\nset bmargin at screen %.4f\n", 1 - top / H, a.bmargin * CHART_LINE_PX / H);
    fprintf(f, "set xrange [-0.5:%d.5]\n", ny - 1);
    fputs("set ylabel 'Gap after measures (£m; below 0: a surplus)' noenhanced\nset xzeroaxis lt -1 lw 2\n", f);
    fputs("set xlabel 'Financial year' noenhanced offset 0,0.5\n", f);
    fprintf(f, "set key at screen 0.5, screen %.4f center top vertical Left reverse font font_text samplen 2\n",
            1 - key / H);
    fprintf(f, "set style fill solid 0.9 border -1\nset boxwidth %.2f absolute\n", bar * 0.95);
    int keyw = chart_key_width(a.width, 0.85);
    fputs("plot ", f);
    for (int k = 0; k < c->n; k++) {
        double dx = c->n == 2 ? (k ? 0.2 : -0.2) : 0.0;
        fprintf(f, "%s'gap.dat' using ($0%+.1f):%d%s with boxes lc rgb '%s' title ", k ? ", \\\n     " : "", dx, 2 + k,
                k ? "" : ":xtic(1)", chart_palette[k]);
        chart_string_fit(f, c->in[k].sc->name, keyw, 1);
    }
    for (int k = 0; k < c->n; k++) {
        double dx = c->n == 2 ? (k ? 0.2 : -0.2) : 0.0;
        /* a gap above its bar, a surplus below it */
        if (upright) {
            fprintf(f, ", \\\n     '' using ($0%+.1f):($%d > -0.05 ? $%d : NaN):(sprintf('%%.1f', abs($%d) < 0.05 ? 0 : $%d)) with labels "
                       "rotate left offset 0,0.4 font font_text notitle",
                    dx, 2 + k, 2 + k, 2 + k, 2 + k);
            fprintf(f, ", \\\n     '' using ($0%+.1f):($%d <= -0.05 ? $%d : NaN):(sprintf('%%.1f', abs($%d) < 0.05 ? 0 : $%d)) with labels "
                       "rotate by 90 right offset 0,-0.4 font font_text notitle",
                    dx, 2 + k, 2 + k, 2 + k, 2 + k);
        } else {
            fprintf(f, ", \\\n     '' using ($0%+.1f):($%d > -0.05 ? $%d : NaN):(sprintf('%%.1f', abs($%d) < 0.05 ? 0 : $%d)) with labels "
                       "offset 0,0.6 font font_text notitle",
                    dx, 2 + k, 2 + k, 2 + k, 2 + k);
            fprintf(f, ", \\\n     '' using ($0%+.1f):($%d <= -0.05 ? $%d : NaN):(sprintf('%%.1f', abs($%d) < 0.05 ? 0 : $%d)) with labels "
                       "offset 0,-0.6 font font_text notitle",
                    dx, 2 + k, 2 + k, 2 + k, 2 + k);
        }
    }
    fputc('\n', f);
}

int chart_gap(chart_ctx *c, bs_error *err)
{
    char title[700];
    if (c->n == 2)
        snprintf(title, sizeof title, "The gap after measures, year by year");
    else
        snprintf(title, sizeof title, "The gap after measures, year by year: %s", c->in[0].sc->name);
    return chart_write(c, "gap", title, gap_data, gap_script, title, err);
}
