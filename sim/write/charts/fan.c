/* fan.c - the fan charts of a Monte Carlo run: the gap after measures by
 * year (fan.dat, fan.gp) and the general reserve at year end with its
 * minimum (fan-reserve.dat, fan-reserve.gp), each with the 5th to 95th and
 * 25th to 75th percentile bands and the median.
 *
 * This file may use: core/, analyse/, write/ and the C library. */
#include <math.h>
#include <stdio.h>

#include "write/charts/chart.h"
#include "write/text.h"

/* One fan chart of a run. */
typedef struct {
    const bs_mc_result *res;
    int reserve;          /* 0: the gap after measures, 1: the general reserve */
    const char *name;
} fan_chart;

/* One row a year: the value with the file's own settings, the percentiles
 * and the general reserve's minimum. */
static void fan_data(FILE *f, chart_ctx *c, const void *arg)
{
    const fan_chart *fc = arg;
    const bs_mc_result *res = fc->res;
    char y[16];
    chart_header(f, "year\tbase\tp5\tp25\tp50\tp75\tp95\tminimum");
    fputc('\n', f);
    for (int t = 0; t < res->nyears; t++) {
        const double *q = fc->reserve ? res->reserve_m[t] : res->gap_m[t];
        chart_field(f, bs_year_label(res->first_year + t, y, sizeof y));
        fprintf(f, "\t%.6f", fc->reserve ? res->base_reserve_m[t] : res->base_gap_m[t]);
        for (int k = 0; k < BS_MC_NPCT; k++)
            fprintf(f, "\t%.6f", q[k]);
        fprintf(f, "\t%.6f\n", c->in[0].sc->reserves[0].minimum_m);
    }
}

/* The two bands, the median and the file's own values (and the minimum, for
 * the reserve, a dashed line with its value written on it, the range
 * reaching below it so that it never lies on the axis), with the draws and
 * the seed in the source line; the key below the plot, where it hides no
 * band. */
static void fan_script(FILE *f, chart_ctx *c, const void *arg)
{
    const fan_chart *fc = arg;
    const bs_mc_result *res = fc->res;
    const int h = 680;
    const double minimum = c->in[0].sc->reserves[0].minimum_m;
    char title[700], source[1000], file[400];
    snprintf(title, sizeof title, "%s: %s", fc->reserve ? "General reserve at year end" : "Gap after measures",
             c->in[0].sc->name);
    chart_head(f, c, fc->name, title, 1000, h);
    /* the source line again, with the draws and the seed that repeat the run */
    snprintf(source, sizeof source, "Source: budgetsim montecarlo, %ld draws, seed %lu; %s", res->draws, res->seed,
             text_shorten(c->in[0].sc->source_file, 26, TEXT_KEEP_END, file, sizeof file));
    chart_source_line(f, 99, source);
    double lo = 0.0, hi = 0.0;
    for (int t = 0; t < res->nyears; t++) {
        const double *q = fc->reserve ? res->reserve_m[t] : res->gap_m[t];
        double b = fc->reserve ? res->base_reserve_m[t] : res->base_gap_m[t];
        lo = fmin(lo, fmin(q[0], b));
        hi = fmax(hi, fmax(q[BS_MC_NPCT - 1], b));
    }
    if (fc->reserve) {
        lo = fmin(lo, minimum);
        hi = fmax(hi, minimum);
    }
    /* room below the lowest value (0, or the minimum): nothing drawn on the axis */
    double span = hi - lo > 1e-9 ? hi - lo : 1;
    chart_y_range(f, lo - 0.08 * span, hi, 0);
    fprintf(f, "set ylabel '%s' noenhanced\n", fc->reserve ? "General reserve at the end of the year (£m)"
                                                            : "Gap after measures (£m; negative: a surplus)");
    fprintf(f, "set bmargin at screen %.4f\n", 185.0 / h);
    fprintf(f, "set key at screen 0.5, screen %.4f center bottom horizontal maxrows 3 Left reverse noenhanced\n",
            40.0 / h);
    /* the line at 0 (balance, or an empty reserve), but not under a minimum of 0 */
    fputs(!fc->reserve || minimum != 0 ? "set xzeroaxis lt -1\n" : "", f);
    fputs("set offsets 0.2, 0.2, 0, 0\n", f);
    if (fc->reserve)
        fprintf(f, "set label 5 'minimum £%.1fm' at graph 0.99, first %.10g right offset 0, 0.7 tc rgb '%s' "
                   "font font_text front\n",
                minimum, minimum, chart_palette[5]);
    fprintf(f, "plot '%s.dat' using 0:3:7:xtic(1) with filledcurves fc rgb '%s' fs transparent solid 0.25 noborder "
               "title '5th to 95th percentile', \\\n", fc->name, chart_palette[0]);
    fprintf(f, "     '' using 0:4:6 with filledcurves fc rgb '%s' fs transparent solid 0.5 noborder "
               "title '25th to 75th percentile', \\\n", chart_palette[0]);
    fprintf(f, "     '' using 0:5 with linespoints lw 3 pt 7 lc rgb '%s' title 'median', \\\n", chart_palette[0]);
    fprintf(f, "     '' using 0:2 with points pt 6 ps 1.5 lc rgb '#555555' title 'with the file''s own values'");
    if (fc->reserve)
        fprintf(f, ", \\\n     '' using 0:8 with lines dt 2 lw 3 lc rgb '%s' title 'minimum (general reserve)'",
                chart_palette[5]);
    fputc('\n', f);
}

int plot_fan(const char *dir, bs_image_format fmt, const bs_scenario *sc, const bs_mc_result *res, bs_error *err)
{
    const fan_chart charts[2] = {{res, 0, "fan"}, {res, 1, "fan-reserve"}};
    for (int k = 0; k < 2; k++) {
        char title[700];
        snprintf(title, sizeof title, "%s under uncertainty: %s", k ? "General reserve" : "Gap after measures",
                 sc->name);
        if (chart_draw_single(dir, fmt, sc, charts[k].name, title, fan_data, fan_script, &charts[k], err) != 0)
            return -1;
    }
    return 0;
}
