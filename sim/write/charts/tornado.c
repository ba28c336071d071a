/* tornado.c - the tornado chart of a sensitivity run (tornado.dat,
 * tornado.gp): for each of the settings with the largest effect, a bar from
 * the base to the quantity at the low swing and one to the quantity at the
 * high swing, labelled with the setting's path (from the data file).
 *
 * This file may use: core/, analyse/, write/ and the C library. */
#include <math.h>
#include <stdio.h>

#include "core/table.h"
#include "write/charts/chart.h"
#include "write/text.h"

/* The columns of a setting's label beside its bars. */
#define TORNADO_LABEL 44

/* The bars drawn: the first rows of a ranked run that have an effect. */
static int tornado_bars(const bs_sens_result *res)
{
    int n = 0;
    while (n < res->n && n < BS_TORNADO_MAX && !isnan(res->rows[n].effect))
        n++;
    return n;
}

/* One row per setting, the largest effect at the top (the highest y). A side
 * where the quantity has no value is a bar of no width at the base. */
static void tornado_data(FILE *f, chart_ctx *c, const void *arg)
{
    (void)c;
    const bs_sens_result *res = arg;
    int n = tornado_bars(res);
    double base = res->base_metric;
    chart_header(f, "setting\ty\tbase\tmetric_low\tmetric_high\tlow_from\tlow_to\thigh_from\thigh_to\tchange_low\t"
                    "change_high");
    fputc('\n', f);
    for (int i = 0; i < n; i++) {
        const bs_sens_row *row = &res->rows[i];
        double lo = row->na_low ? base : row->metric_low, hi = row->na_high ? base : row->metric_high;
        char label[800];
        /* a path's two ends say most: its head and the setting's own name */
        text_shorten(row->path, TORNADO_LABEL, TEXT_KEEP_ENDS, label, sizeof label);
        chart_whole(f, row->path, label);
        chart_field_label(f, label);
        fprintf(f, "\t%d\t%.10g\t%.10g\t%.10g\t%.10g\t%.10g\t%.10g\t%.10g\t%.10g\t%.10g\n", n - i, base, lo, hi,
                lo < base ? lo : base, lo < base ? base : lo, hi < base ? hi : base, hi < base ? base : hi,
                lo - base, hi - base);
    }
}

/* The range of the quantity over the first n rows, from the base: *lo and
 * *hi widened to hold every side that has a value. */
static void tornado_extent(const bs_sens_result *res, int n, double *lo, double *hi)
{
    for (int i = 0; i < n; i++) {
        const bs_sens_row *row = &res->rows[i];
        if (!row->na_low) {
            *lo = row->metric_low < *lo ? row->metric_low : *lo;
            *hi = row->metric_low > *hi ? row->metric_low : *hi;
        }
        if (!row->na_high) {
            *lo = row->metric_high < *lo ? row->metric_high : *lo;
            *hi = row->metric_high > *hi ? row->metric_high : *hi;
        }
    }
}

/* A bar each side of the dashed base line; the paths as y tics from the data. */
static void tornado_script(FILE *f, chart_ctx *c, const void *arg)
{
    const bs_sens_result *res = arg;
    int n = tornado_bars(res);
    char y[16], sw[32], title[700], text[700];
    bs_year_label(res->year, y, sizeof y);
    snprintf(sw, sizeof sw, "%.6g", res->swing_pct);
    snprintf(title, sizeof title, "Sensitivity of %s in %s: %s", res->metric, y, res->name);
    chart_head(f, c, "tornado", title, 1000, 170 + 34 * n < 420 ? 420 : 170 + 34 * n);
    double base = res->base_metric, lo = base, hi = base;
    tornado_extent(res, n, &lo, &hi);
    /* Never an empty range (gnuplot warns about one); room beside the bars. */
    double pad = hi - lo < 1e-9 * fmax(1.0, fabs(base)) ? fmax(1.0, fabs(base) * 0.01) : (hi - lo) * 0.05;
    fprintf(f, "set xrange [%.10g:%.10g]\nset yrange [0.4:%d.6]\n", lo - pad, hi + pad, n);
    fputs("unset grid\nset grid xtics lc rgb '#dddddd'\nset ytics scale 0\nset border 1 lc rgb '#555555'\n", f);
    fputs("set style fill transparent solid 0.8 noborder\nset key inside bottom right vertical noenhanced\n", f);
    const char *unit = table_unit(res->kind);
    snprintf(text, sizeof text, "%s, %s%s%s (the dashed line: the base, %.6g)", res->label, y, unit[0] ? ", " : "",
             unit, base);
    fputs("set xlabel ", f);
    chart_string_fit(f, text, chart_title_width(1000), 1);
    fputs(" noenhanced\n", f);
    fprintf(f, "set arrow 1 from %.10g, graph 0 to %.10g, graph 1 nohead dt 2 lw 2 lc rgb '#333333' front\n", base,
            base);
    /* Paths come from the data (ytic), never from the script. */
    fprintf(f, "plot 'tornado.dat' using 3:2:6:7:($2-0.36):($2+0.36):ytic(1) with boxxyerror lc rgb '%s' title ",
            chart_palette[0]);
    snprintf(text, sizeof text, "each setting %s%% lower", sw);
    chart_string(f, text);
    fprintf(f, ", \\\n     '' using 3:2:8:9:($2-0.36):($2+0.36) with boxxyerror lc rgb '%s' title ", chart_palette[1]);
    snprintf(text, sizeof text, "each setting %s%% higher", sw);
    chart_string(f, text);
    fputc('\n', f);
}

int plot_tornado(const char *dir, bs_image_format fmt, const bs_scenario *sc, const bs_sens_result *res,
                 bs_error *err)
{
    if (tornado_bars(res) == 0)
        return bs_fail(err, "", 0, "--plot", "nothing to chart: the quantity has no value at any swing");
    char title[700], y[16];
    snprintf(title, sizeof title, "Sensitivity of %s in %s: %s", res->metric, bs_year_label(res->year, y, sizeof y),
             res->name);
    return chart_draw_single(dir, fmt, sc, "tornado", title, tornado_data, tornado_script, res, err);
}
