/* sweep_charts.c - the charts of a sweep: for one setting, the gap after
 * measures in each year against its values (sweep.dat, sweep.gp); for two,
 * a heat map of the gap in one year over the grid, each point a cell of its
 * own value, with the balanced-budget frontier (sweep-heat.dat,
 * sweep-heat.gp). Axes name the settings in words with their units, from
 * the settings table (schema_setting_label).
 *
 * This file may use: core/, analyse/, write/ and the C library. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/schema.h"
#include "core/table.h"
#include "write/charts/chart.h"
#include "write/text.h"

/* A sweep to chart: the settings varied (ypath "" for one), their values,
 * and the gap after measures, nyears values a point (x slowest); for the
 * heat map, each value's cell (from halfway to the next value below to
 * halfway to the next above) and the frontier's segments. */
typedef struct {
    const char *xpath, *ypath;
    const double *x, *y;
    long long nx, ny;
    int year;          /* heat map: year index */
    const double *gap; /* nyears values per point */
    double *xlo, *xhi, *ylo, *yhi; /* heat map: the cells' edges */
    double *seg;       /* heat map: the frontier, 4 numbers a segment (x0 y0 x1 y1) */
    long long nseg;
} sweep_chart;

/* The gap after measures's row (core/table.c) and the words of the tables for it. */
#define GAP_KEY "totals.gap_after_m"
#define GAP_LABEL "Gap after measures (negative: a surplus)"

/* A setting's path in words with its unit (schema_setting_label), as a
 * string expression on at most two lines of width columns: when it is too
 * long, the instance's name is shortened, never the words and the unit. */
static void setting_axis(FILE *f, const bs_scenario *sc, const char *path, int width)
{
    char full[1400], rest[700], name[1400], out[1400], joined[2200];
    schema_setting_label(sc, path, full, sizeof full);
    schema_setting_label(NULL, path, rest, sizeof rest); /* without the name */
    size_t nf = strlen(full), nr = strlen(rest);
    int room = (int)(width * 2 * 0.85) - text_width(rest) - 2; /* wrapping loses some of each line */
    if (text_width(full) > (int)(width * 2 * 0.85) && nf > nr + 2 && strcmp(full + nf - nr + 1, rest + 1) == 0 &&
        room >= 8) {
        snprintf(name, sizeof name, "%.*s", (int)(nf - nr - 2), full); /* the name, before ": " */
        text_shorten(name, room, TEXT_KEEP_START, out, sizeof out);
        snprintf(joined, sizeof joined, "%s: %s", out, full + nf - nr);
        chart_string_fit(f, joined, width, 2);
    } else {
        chart_string_fit(f, full, width, 2);
    }
}

/* The indices 0..n-1 of v in increasing order of value (ties in order). */
static const double *sort_values;
static int by_value(const void *a, const void *b)
{
    long long i = *(const long long *)a, j = *(const long long *)b;
    double u = sort_values[i], w = sort_values[j];
    return u < w ? -1 : u > w ? 1 : (i > j) - (i < j);
}
static long long *sorted(const double *v, long long n)
{
    long long *idx = malloc((size_t)n * sizeof *idx);
    if (!idx)
        return NULL;
    for (long long i = 0; i < n; i++)
        idx[i] = i;
    sort_values = v;
    qsort(idx, (size_t)n, sizeof *idx, by_value);
    return idx;
}

/* Each value's cell: from halfway to the next lower value to halfway to
 * the next higher one, the outer cells as wide on their open side as on
 * the other (half a unit each side when every value is the same). */
static int cells(const double *v, long long n, double *lo, double *hi)
{
    long long *idx = sorted(v, n);
    if (!idx)
        return -1;
    for (long long r = 0; r < n; r++) {
        double c = v[idx[r]], below = NAN, above = NAN;
        for (long long k = r - 1; k >= 0 && isnan(below); k--)
            if (v[idx[k]] < c)
                below = v[idx[k]];
        for (long long k = r + 1; k < n && isnan(above); k++)
            if (v[idx[k]] > c)
                above = v[idx[k]];
        double dl = isnan(below) ? NAN : (c - below) / 2, dh = isnan(above) ? NAN : (above - c) / 2;
        dl = isnan(dl) ? (isnan(dh) ? 0.5 : dh) : dl;
        dh = isnan(dh) ? dl : dh;
        lo[idx[r]] = c - dl;
        hi[idx[r]] = c + dh;
    }
    free(idx);
    return 0;
}

/* The gap at grid point (i, j). */
static double gap_at(const sweep_chart *s, int nyears, long long i, long long j)
{
    return s->gap[(i * s->ny + j) * nyears + s->year];
}

/* Where the gap is 0 on the edge from (xa, ya, ga) to (xb, yb, gb), when it
 * changes sign there (0 counts as balanced, with the negative side): 1 and
 * the point in p. */
static int crossing(double xa, double ya, double ga, double xb, double yb, double gb, double *p)
{
    if ((ga <= 0) == (gb <= 0) || isnan(ga) || isnan(gb))
        return 0;
    double t = ga / (ga - gb);
    p[0] = xa + t * (xb - xa);
    p[1] = ya + t * (yb - ya);
    return 1;
}

/* The frontier gap = 0 between the points, by marching squares over the
 * grid in the order of the values (linear between neighbouring points): a
 * segment in each square of four neighbouring points whose gaps change
 * sign, two where all four edges cross (paired by the centre's sign). */
static int frontier(sweep_chart *s, int nyears)
{
    long long *ix = sorted(s->x, s->nx), *iy = ix ? sorted(s->y, s->ny) : NULL;
    long long cap = 64;
    s->nseg = 0;
    s->seg = malloc((size_t)cap * 4 * sizeof *s->seg);
    if (!ix || !iy || !s->seg) {
        free(ix);
        free(iy);
        return -1;
    }
    for (long long a = 0; a + 1 < s->nx; a++)
        for (long long b = 0; b + 1 < s->ny; b++) {
            long long i0 = ix[a], i1 = ix[a + 1], j0 = iy[b], j1 = iy[b + 1];
            double x0 = s->x[i0], x1 = s->x[i1], y0 = s->y[j0], y1 = s->y[j1];
            if (x0 == x1 || y0 == y1)
                continue;
            double g00 = gap_at(s, nyears, i0, j0), g10 = gap_at(s, nyears, i1, j0);
            double g11 = gap_at(s, nyears, i1, j1), g01 = gap_at(s, nyears, i0, j1);
            double p[4][2];
            int n = 0;
            n += crossing(x0, y0, g00, x1, y0, g10, p[n]);
            n += crossing(x1, y0, g10, x1, y1, g11, p[n]);
            n += crossing(x1, y1, g11, x0, y1, g01, p[n]);
            n += crossing(x0, y1, g01, x0, y0, g00, p[n]);
            if (n != 2 && n != 4)
                continue;
            if (n == 4 && (g00 + g10 + g11 + g01 <= 0) != (g00 <= 0)) {
                /* the centre on the other side from (x0, y0): pair the edges the other way */
                double t[2] = {p[0][0], p[0][1]};
                p[0][0] = p[1][0], p[0][1] = p[1][1], p[1][0] = p[2][0], p[1][1] = p[2][1];
                p[2][0] = p[3][0], p[2][1] = p[3][1], p[3][0] = t[0], p[3][1] = t[1];
            }
            for (int k = 0; k < n; k += 2) {
                if (s->nseg == cap) {
                    double *more = realloc(s->seg, (size_t)cap * 2 * 4 * sizeof *more);
                    if (!more)
                        goto out;
                    s->seg = more;
                    cap *= 2;
                }
                double *q = s->seg + 4 * s->nseg++;
                q[0] = p[k][0], q[1] = p[k][1], q[2] = p[k + 1][0], q[3] = p[k + 1][1];
            }
        }
out:
    free(ix);
    free(iy);
    return 0;
}

/* One row a value of x, in increasing order: the gap in each year. */
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
    long long *idx = sorted(s->x, s->nx);
    for (long long r = 0; r < s->nx; r++) {
        long long i = idx ? idx[r] : r; /* out of memory: in the sweep's order */
        fprintf(f, "%.10g", s->x[i]);
        for (int t = 0; t < sc->nyears; t++)
            fprintf(f, "\t%.6f", s->gap[i * sc->nyears + t]);
        fputc('\n', f);
    }
    free(idx);
}

/* The chart's title (the setting is the x axis's). */
static void sweep_line_title(const bs_scenario *sc, char *buf, size_t size)
{
    snprintf(buf, size, "Gap after measures in each year, by one setting: %s", sc->name);
}

/* One line a year, in the project's palette (Okabe-Ito without its
 * yellow), a dash pattern of its own after the sixth; the key beside the
 * plot, where it hides no line. */
static void sweep_line_script(FILE *f, chart_ctx *c, const void *arg)
{
    const sweep_chart *s = arg;
    const bs_scenario *sc = c->in[0].sc;
    char title[900], gap[200];
    sweep_line_title(sc, title, sizeof title);
    chart_head(f, c, "sweep", title, 1000, 640);
    chart_title(f, title, chart_title_width(820)); /* over the plot, beside the key */
    double lo = 0, hi = 0;
    for (long long i = 0; i < s->nx * sc->nyears; i++) {
        lo = s->gap[i] < lo ? s->gap[i] : lo;
        hi = s->gap[i] > hi ? s->gap[i] : hi;
    }
    /* a line at 0 (a year balanced at every value) drawn above the axis, not on it */
    double span = hi - lo > 1e-9 ? hi - lo : 1;
    chart_y_range(f, fmin(lo, -0.05 * span), fmax(hi, 0.05 * span), 0);
    fputs("set xlabel ", f);
    setting_axis(f, sc, s->xpath, 56);
    fputs(" noenhanced\nset ylabel ", f);
    chart_string(f, table_row_title(GAP_KEY, GAP_LABEL, BS_ROW_M, gap, sizeof gap));
    fputs(" noenhanced\n", f);
    fprintf(f, "set xrange [%.10g:%.10g]\n", s->x[0] < s->x[s->nx - 1] ? s->x[0] : s->x[s->nx - 1],
            s->x[0] < s->x[s->nx - 1] ? s->x[s->nx - 1] : s->x[0]);
    fputs("set bmargin 6\nset xzeroaxis lt -1\nset key outside right top vertical Left reverse noenhanced\n", f);
    fputs("plot ", f);
    for (int t = 0; t < sc->nyears; t++)
        fprintf(f, "%s'sweep.dat' using 1:%d with lines lw 3 dt %d lc rgb '%s' title columnheader(%d)", t ? ", \\\n     " : "",
                t + 2, t / 6 + 1, chart_palette[t % 6], t + 2);
    fputc('\n', f);
}

/* One row a point (x, y, the gap in the year charted, its cell's edges), a
 * block a value of x. */
static void sweep_heat_data(FILE *f, chart_ctx *c, const void *arg)
{
    const sweep_chart *s = arg;
    const bs_scenario *sc = c->in[0].sc;
    chart_field(f, s->xpath);
    fputc('\t', f);
    chart_field(f, s->ypath);
    fputs("\t\"gap_after_m\"\t\"x_from\"\t\"x_to\"\t\"y_from\"\t\"y_to\"\n", f);
    for (long long i = 0; i < s->nx; i++) {
        if (i)
            fputc('\n', f); /* one block per value of x */
        for (long long j = 0; j < s->ny; j++)
            fprintf(f, "%.10g\t%.10g\t%.6f\t%.10g\t%.10g\t%.10g\t%.10g\n", s->x[i], s->y[j], gap_at(s, sc->nyears, i, j),
                    s->xlo[i], s->xhi[i], s->ylo[j], s->yhi[j]);
    }
}

/* The chart's title. */
static void sweep_heat_title(const bs_scenario *sc, int year, char *buf, size_t size)
{
    char y[16];
    snprintf(buf, size, "Gap after measures in %s: %s", bs_year_label(sc->first_year + year, y, sizeof y), sc->name);
}

/* The smallest and largest of n values. */
static void extent(const double *v, long long n, double *lo, double *hi)
{
    *lo = v[0], *hi = v[0];
    for (long long i = 1; i < n; i++) {
        *lo = v[i] < *lo ? v[i] : *lo;
        *hi = v[i] > *hi ? v[i] : *hi;
    }
}

/* A heat map: each point a rectangle of its own value (never a mean of
 * neighbours), blue for a surplus, a light grey at balance, vermillion for
 * a gap (a diverging scale symmetric about 0, told apart by colour-blind
 * readers), each cell's value written in it when the cells have room; the
 * frontier gap = 0 between the points as a black line. */
static void sweep_heat_script(FILE *f, chart_ctx *c, const void *arg)
{
    const sweep_chart *s = arg;
    const bs_scenario *sc = c->in[0].sc;
    char title[900], gap[200];
    sweep_heat_title(sc, s->year, title, sizeof title);
    chart_head(f, c, "sweep-heat", title, 1000, 800);
    /* the title at the top of the chart, the key under it, then the plot: at screen positions */
    fputs("unset title\nset label 90 ", f);
    chart_string_fit(f, title, chart_title_width(1000), 3);
    fputs(" at screen 0.5, screen 0.91 center noenhanced font font_title\n", f);
    fputs("set xlabel ", f);
    setting_axis(f, sc, s->xpath, 50);
    fputs(" noenhanced\nset ylabel ", f);
    setting_axis(f, sc, s->ypath, 32);
    fputs(" noenhanced\nset cblabel ", f);
    chart_string(f, table_row_title(GAP_KEY, GAP_LABEL, BS_ROW_M, gap, sizeof gap));
    fputs(" noenhanced\n", f);
    double x0, x1, y0, y1, dum;
    extent(s->xlo, s->nx, &x0, &dum);
    extent(s->xhi, s->nx, &dum, &x1);
    extent(s->ylo, s->ny, &y0, &dum);
    extent(s->yhi, s->ny, &dum, &y1);
    fprintf(f, "set xrange [%.10g:%.10g]\nset yrange [%.10g:%.10g]\n", x0, x1, y0, y1);
    /* the values' own tics when they are few: the cells are theirs */
    if (s->nx <= 12) {
        fputs("set xtics (", f);
        for (long long i = 0; i < s->nx; i++)
            fprintf(f, "%s%.10g", i ? ", " : "", s->x[i]);
        fputs(") out\n", f);
    }
    if (s->ny <= 16) {
        fputs("set ytics (", f);
        for (long long j = 0; j < s->ny; j++)
            fprintf(f, "%s%.10g", j ? ", " : "", s->y[j]);
        fputs(") out\n", f);
    }
    fputs("set palette defined (-1 '#0072B2', -0.5 '#8FB8DE', 0 '#EBEBEB', 0.5 '#EDB48E', 1 '#D55E00')\n", f);
    double lo = 0, hi = 0;
    for (long long i = 0; i < s->nx; i++)
        for (long long j = 0; j < s->ny; j++) {
            double g = gap_at(s, sc->nyears, i, j);
            lo = g < lo ? g : lo;
            hi = g > hi ? g : hi;
        }
    double m = fabs(lo) > fabs(hi) ? fabs(lo) : fabs(hi);
    m = m > 0 ? m : 1;
    fprintf(f, "set cbrange [%.6g:%.6g]\n", -m, m);
    fputs("set colorbox user origin graph 1.04, graph 0 size character 2, graph 1\n", f);
    fputs("set rmargin 16\nset lmargin 13\nset bmargin 6\nunset grid\nset border 3 front lc rgb '#555555'\n", f);
    /* the key just above the plot, under the title: it hides no cell */
    fputs("set tmargin at screen 0.76\nset key at graph 0.5, graph 1.01 center bottom horizontal samplen 2 noenhanced\n", f);
    /* each cell's value in it when there is room: +12.3 (5 characters of CHART_TEXT_PX)
     * and more than a line high */
    double pw = 1000 - 29 * CHART_CHAR_PX, ph = 800 - 14 * CHART_LINE_PX, wmin = INFINITY, hmin = INFINITY;
    for (long long i = 0; i < s->nx; i++)
        wmin = fmin(wmin, (s->xhi[i] - s->xlo[i]) / (x1 - x0) * pw);
    for (long long j = 0; j < s->ny; j++)
        hmin = fmin(hmin, (s->yhi[j] - s->ylo[j]) / (y1 - y0) * ph);
    int values = s->nx * s->ny <= 144 && wmin >= 5 * CHART_TEXT_PX(CHART_FONT_TEXT) && hmin >= 1.6 * CHART_LINE_PX;
    /* the frontier's segments, numbers only, in the script */
    if (s->nseg) {
        fputs("$frontier << EOD\nx\ty\n", f); /* a header: the data files have one (columnheaders) */
        for (long long k = 0; k < s->nseg; k++)
            fprintf(f, "%.10g\t%.10g\n%.10g\t%.10g\n\n", s->seg[4 * k], s->seg[4 * k + 1], s->seg[4 * k + 2],
                    s->seg[4 * k + 3]);
        fputs("EOD\n", f);
    }
    /* white lines between cells that have room for them */
    fputs(wmin >= 8 && hmin >= 8 ? "set style fill solid 1.0 border lc rgb 'white'\n" : "set style fill solid 1.0 noborder\n", f);
    fputs("plot 'sweep-heat.dat' using 1:2:4:5:6:7:3 with boxxyerror lc palette notitle", f);
    if (s->nseg)
        fputs(", \\\n     $frontier using 1:2 with lines lw 3 lc rgb 'black' title 'balanced budget (gap = 0)'",
              f);
    else
        fputs(", \\\n     NaN with lines lw 3 lc rgb 'black' title 'no balanced point in the grid'",
              f);
    if (values)
        fprintf(f, ", \\\n     'sweep-heat.dat' using 1:2:(sprintf('%%+.1f', $3)):($3 < %.6g ? 0xFFFFFF : 0x000000) with labels "
                   "font font_text tc rgb variable notitle",
                -0.5 * m);
    fputc('\n', f);
}

int plot_sweep_line(const char *dir, bs_image_format fmt, const bs_scenario *sc, const char *path, const double *x,
                    long long n, const double *gap, bs_error *err)
{
    sweep_chart s = {path, "", x, NULL, n, 0, 0, gap, NULL, NULL, NULL, NULL, NULL, 0};
    char title[900];
    sweep_line_title(sc, title, sizeof title);
    return chart_draw_single(dir, fmt, sc, "sweep", title, sweep_line_data, sweep_line_script, &s, err);
}

int plot_sweep_heat(const char *dir, bs_image_format fmt, const bs_scenario *sc, const char *xpath, const double *x,
                    long long nx, const char *ypath, const double *y, long long ny, int year, const double *gap,
                    bs_error *err)
{
    sweep_chart s = {xpath, ypath, x, y, nx, ny, year, gap, NULL, NULL, NULL, NULL, NULL, 0};
    char title[900];
    int rc;
    s.xlo = malloc((size_t)nx * sizeof *s.xlo);
    s.xhi = malloc((size_t)nx * sizeof *s.xhi);
    s.ylo = malloc((size_t)ny * sizeof *s.ylo);
    s.yhi = malloc((size_t)ny * sizeof *s.yhi);
    if (!s.xlo || !s.xhi || !s.ylo || !s.yhi || cells(x, nx, s.xlo, s.xhi) != 0 || cells(y, ny, s.ylo, s.yhi) != 0 ||
        frontier(&s, sc->nyears) != 0) {
        rc = bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    } else {
        sweep_heat_title(sc, year, title, sizeof title);
        rc = chart_draw_single(dir, fmt, sc, "sweep-heat", title, sweep_heat_data, sweep_heat_script, &s, err);
    }
    free(s.xlo);
    free(s.xhi);
    free(s.ylo);
    free(s.yhi);
    free(s.seg);
    return rc;
}
