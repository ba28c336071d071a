/* lines.c - chart 1 (a pair only): net spending by service line in the first
 * year, base against alternative, with the difference in a second panel
 * (lines.dat, lines.gp). A line only one scenario has counts as 0 in the
 * other; the base's lines come first, then the alternative's new ones.
 *
 * This file may use: core/, analyse/, write/ and the C library. */
#include <stdio.h>

#include "write/charts/chart.h"

/* Net spending of service i of scenario in, in the first year. */
static double net(const bs_plot_input *in, int i)
{
    return in->r->service_gross_m[i][0] - in->r->service_savings_m[i][0];
}

/* The lines charted, the base's first: how many. */
static int lines_count(const chart_ctx *c)
{
    int n = 0;
    for (int pass = 0; pass < 2; pass++) {
        const bs_scenario *s1 = pass ? c->in[1].sc : c->in[0].sc;
        for (int i = 0; i < s1->nservices; i++)
            if (!pass || scenario_find_service(c->in[0].sc, s1->services[i].id) < 0)
                n++;
    }
    return n;
}

/* The x axis of the lower panel, which holds the lines' labels. */
static void lines_axis(const chart_ctx *c, chart_xaxis *a)
{
    int n = lines_count(c);
    chart_xaxis_layout(a, -0.6, n - 0.4, 1000, 820, 12, 4, 12);
}

/* One row a line: its label, base, alternative and the difference, £m net
 * of savings; the whole name in a comment line when the label is cut. */
static void lines_data(FILE *f, chart_ctx *c, const void *arg)
{
    (void)arg;
    const bs_scenario *a = c->in[0].sc, *b = c->in[1].sc;
    chart_xaxis ax;
    char label[800];
    int x = 0;
    lines_axis(c, &ax);
    chart_header(f, "line\tbase\talternative\tdifference");
    fputc('\n', f);
    for (int pass = 0; pass < 2; pass++) {
        const bs_scenario *s1 = pass ? b : a;
        for (int i = 0; i < s1->nservices; i++) {
            int ia = scenario_find_service(a, s1->services[i].id), ib = scenario_find_service(b, s1->services[i].id);
            if (pass && ia >= 0)
                continue;
            double va = ia >= 0 ? net(&c->in[0], ia) : 0.0;
            double vb = ib >= 0 ? net(&c->in[1], ib) : 0.0;
            chart_label(s1->services[i].name, chart_xaxis_cap(&ax, x++), 1, label, sizeof label);
            chart_whole(f, s1->services[i].name, label);
            chart_field_label(f, label);
            fprintf(f, "\t%.6f\t%.6f\t%.6f\n", va, vb, vb - va);
        }
    }
}

/* The range of the values (lo, hi: from 0) and of the base's lines'
 * differences (dlo, dhi). */
static void lines_extent(const chart_ctx *c, double *lo, double *hi, double *dlo, double *dhi)
{
    *lo = *hi = *dlo = *dhi = 0;
    for (int k = 0; k < 2; k++)
        for (int i = 0; i < c->in[k].sc->nservices; i++) {
            double v = net(&c->in[k], i);
            *lo = v < *lo ? v : *lo;
            *hi = v > *hi ? v : *hi;
        }
    for (int i = 0; i < c->in[0].sc->nservices; i++) {
        int j = scenario_find_service(c->in[1].sc, c->in[0].sc->services[i].id);
        double d = (j >= 0 ? net(&c->in[1], j) : 0.0) - net(&c->in[0], i);
        *dlo = d < *dlo ? d : *dlo;
        *dhi = d > *dhi ? d : *dhi;
    }
}

/* Two panels: the bars of both scenarios side by side, then the differences. */
static void lines_script(FILE *f, chart_ctx *c, const void *arg)
{
    const char *title = arg;
    double lo, hi, dlo, dhi;
    chart_xaxis ax;
    lines_axis(c, &ax);
    lines_extent(c, &lo, &hi, &dlo, &dhi);
    int n = lines_count(c), key = chart_key_width(ax.width, 0.55);
    chart_head(f, c, "lines", title, ax.width, ax.height);
    /* Both panels share x positions and margins so that the bars line up. */
    fprintf(f, "set multiplot layout 2,1\nset lmargin %d\nset rmargin %d\nset xrange [-0.6:%d.4]\n", ax.lmargin,
            ax.rmargin, n - 1);
    fputs("set style fill solid 0.9 border -1\nset boxwidth 0.38 absolute\n", f);
    fputs("set ylabel '£m, net of savings' noenhanced\nset format x ''\nset bmargin 1\n", f);
    chart_y_range(f, lo, hi, 1);
    fputs("set key top right\n", f);
    fputs("plot 'lines.dat' using ($0-0.2):2 with boxes title ", f);
    chart_string_fit(f, c->in[0].sc->name, key, 1);
    fprintf(f, " lc rgb '%s', '' using ($0+0.2):3 with boxes title ", chart_palette[0]);
    chart_string_fit(f, c->in[1].sc->name, key, 1);
    fprintf(f, " lc rgb '%s'\n", chart_palette[1]);
    fputs("unset title\nunset label 99\nset format x\nset boxwidth 0.6 absolute\n", f);
    chart_y_range(f, dlo, dhi, 0);
    fputs("set ylabel '£m, alternative minus base' noenhanced\n", f);
    chart_xaxis_script(f, &ax);
    fputs("set xzeroaxis lt -1\nset key off\n", f);
    chart_source(f, c, 98);
    fprintf(f, "plot 'lines.dat' using 0:4:xtic(1) with boxes lc rgb '%s' notitle\n", chart_palette[5]);
    fputs("unset multiplot\n", f);
}

int chart_lines(chart_ctx *c, bs_error *err)
{
    char title[700], y[16];
    snprintf(title, sizeof title, "Net spending by service line, %s", chart_year0(c, y, sizeof y));
    return chart_write(c, "lines", title, lines_data, lines_script, title, err);
}
