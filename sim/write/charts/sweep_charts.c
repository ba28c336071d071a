/* sweep_charts.c - the charts of a sweep (SVG): for one setting, the gap
 * after measures in each year against its values (sweep.dat, sweep.gp); for
 * two, a heat map of the gap in one year over the grid, with the
 * balanced-budget frontier (sweep-heat.dat, sweep-heat.gp).
 *
 * This file may use: core/, analyse/, write/ and the C library. */
#include <math.h>
#include <stdio.h>

#include "write/charts/chart.h"
#include "write/colour.h"
#include "write/text.h"

/* A sweep to chart: the settings varied (ypath "" for one), their values,
 * and the gap after measures, nyears values a point (x slowest). */
typedef struct {
    const char *xpath, *ypath;
    const double *x, *y;
    long long nx, ny;
    int year;          /* heat map: year index */
    const double *gap; /* nyears values per point */
} sweep_chart;

/* A setting's path as an axis's label, shortened in the middle to width
 * columns: its head and the setting's own name say most. */
static void axis_label(FILE *f, const char *path, int width)
{
    char label[800];
    chart_string(f, text_shorten(path, width, TEXT_KEEP_ENDS, label, sizeof label));
}

/* One row a value of x: the gap in each year. */
static void sweep_line_data(FILE *f, chart_ctx *c, const void *arg)
{
    const sweep_chart *s = arg;
    const bs_scenario *sc = c->in[0].sc;
    char y[16];
    chart_field(f, s->xpath);
    for (int t = 0; t < sc->nyears; t++) {
        fputc('\t', f);
        chart_field(f, bs_year_label(sc->first_year + t, y, sizeof y));
    }
    fputc('\n', f);
    for (long long i = 0; i < s->nx; i++) {
        fprintf(f, "%.10g", s->x[i]);
        for (int t = 0; t < sc->nyears; t++)
            fprintf(f, "\t%.6f", s->gap[i * sc->nyears + t]);
        fputc('\n', f);
    }
}

/* One line a year. */
static void sweep_line_script(FILE *f, chart_ctx *c, const void *arg)
{
    const sweep_chart *s = arg;
    const bs_scenario *sc = c->in[0].sc;
    char title[700];
    snprintf(title, sizeof title, "Gap after measures by %s: %s", s->xpath, sc->name);
    chart_head(f, c, "sweep", title, 1000, 600);
    chart_title(f, title, chart_title_width(880)); /* over the plot, beside the key */
    double lo = 0, hi = 0;
    for (long long i = 0; i < s->nx * sc->nyears; i++) {
        lo = s->gap[i] < lo ? s->gap[i] : lo;
        hi = s->gap[i] > hi ? s->gap[i] : hi;
    }
    chart_y_range(f, lo, hi, 0);
    fputs("set xlabel ", f);
    axis_label(f, s->xpath, 80);
    fputs(" noenhanced\nset ylabel '£m (negative: a surplus)' noenhanced\n", f);
    fputs("set xzeroaxis lt -1\nset key outside right top noenhanced\n", f);
    colour_gnuplot_linetypes(f); /* the project palette, not gnuplot's own colours */
    fprintf(f, "plot for [i=2:%d] 'sweep.dat' using 1:i with lines lw 2 title columnheader(i)\n", sc->nyears + 1);
}

/* One row a point (x, y, gap in the year charted), a block a value of x. */
static void sweep_heat_data(FILE *f, chart_ctx *c, const void *arg)
{
    const sweep_chart *s = arg;
    const bs_scenario *sc = c->in[0].sc;
    chart_field(f, s->xpath);
    fputc('\t', f);
    chart_field(f, s->ypath);
    fputc('\t', f);
    chart_field(f, "gap_after_m");
    fputc('\n', f);
    for (long long i = 0; i < s->nx; i++) {
        if (i)
            fputc('\n', f); /* one block per value of x, for splot */
        for (long long j = 0; j < s->ny; j++)
            fprintf(f, "%.10g\t%.10g\t%.6f\n", s->x[i], s->y[j], s->gap[(i * s->ny + j) * sc->nyears + s->year]);
    }
}

/* A heat map, blue for a surplus and red for a gap, symmetric about 0, with
 * the contour gap = 0. */
static void sweep_heat_script(FILE *f, chart_ctx *c, const void *arg)
{
    const sweep_chart *s = arg;
    const bs_scenario *sc = c->in[0].sc;
    char title[700], y[16];
    snprintf(title, sizeof title, "Gap after measures in %s: %s",
             bs_year_label(sc->first_year + s->year, y, sizeof y), sc->name);
    chart_head(f, c, "sweep-heat", title, 1000, 760);
    fputs("set xlabel ", f);
    axis_label(f, s->xpath, 80);
    fputs(" noenhanced\nset ylabel ", f);
    axis_label(f, s->ypath, 50);
    fputs(" noenhanced\nset cblabel '£m (negative: a surplus)' noenhanced\n", f);
    fprintf(f, "set xrange [%.10g:%.10g]\nset yrange [%.10g:%.10g]\n", s->x[0], s->x[s->nx - 1], s->y[0],
            s->y[s->ny - 1]);
    /* blue for a surplus, white at balance, orange-red for a gap */
    fputs("set palette defined (-1 '#0072B2', 0 '#FFFFFF', 1 '#D55E00')\n", f);
    double lo = 0, hi = 0;
    for (long long i = 0; i < s->nx * s->ny; i++) {
        double g = s->gap[i * sc->nyears + s->year];
        lo = g < lo ? g : lo;
        hi = g > hi ? g : hi;
    }
    double m = fabs(lo) > fabs(hi) ? fabs(lo) : fabs(hi);
    fprintf(f, "set cbrange [%.6g:%.6g]\n", -(m > 0 ? m : 1), m > 0 ? m : 1);
    fputs("set view map\nset contour base\nset cntrparam levels discrete 0\nunset clabel\n", f);
    fputs("set key top left opaque box noenhanced\nset grid noxtics noytics\n", f);
    fputs("splot 'sweep-heat.dat' using 1:2:3 with pm3d nocontours notitle, \\\n"
          "      '' using 1:2:3 nosurface with lines lw 2 lc rgb 'black' title 'balanced budget (gap = 0)'\n",
          f);
}

int plot_sweep_line(const char *dir, bs_image_format fmt, const bs_scenario *sc, const char *path, const double *x,
                    long long n, const double *gap, bs_error *err)
{
    sweep_chart s = {path, "", x, NULL, n, 0, 0, gap};
    return chart_draw_single(dir, fmt, sc, "sweep", "sweep", sweep_line_data, sweep_line_script, &s, err);
}

int plot_sweep_heat(const char *dir, bs_image_format fmt, const bs_scenario *sc, const char *xpath, const double *x,
                    long long nx, const char *ypath, const double *y, long long ny, int year, const double *gap,
                    bs_error *err)
{
    sweep_chart s = {xpath, ypath, x, y, nx, ny, year, gap};
    return chart_draw_single(dir, fmt, sc, "sweep-heat", "sweep", sweep_heat_data, sweep_heat_script, &s, err);
}
