/* tornado.c - the tornado chart of a sensitivity run (tornado.dat,
 * tornado.gp): for each of the settings with the largest effect, a bar from
 * the base to the quantity at the low swing and one to the quantity at the
 * high swing, labelled with the setting in words (the settings table:
 * core/schema.h) from the data file, whose comment keeps its path.
 *
 * This file may use: core/, analyse/, write/ and the C library. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/schema.h"
#include "core/table.h"
#include "write/charts/chart.h"
#include "write/text.h"

/* The columns of a line of a setting's label beside its bars (two lines),
 * and the units of a bar: two lines of the tic font and a gap. */
#define TORNADO_LABEL 30
#define TORNADO_BAR 52

/* The bars drawn: the first rows of a ranked run that have an effect. */
static int tornado_bars(const bs_sens_result *res)
{
    int n = 0;
    while (n < res->n && n < BS_TORNADO_MAX && !isnan(res->rows[n].effect))
        n++;
    return n;
}

/* Whether any of the first n rows has a side clamped (with a value). */
static int tornado_clamped(const bs_sens_result *res, int n)
{
    for (int i = 0; i < n; i++)
        if ((res->rows[i].clamped_low && !res->rows[i].na_low) || (res->rows[i].clamped_high && !res->rows[i].na_high))
            return 1;
    return 0;
}

/* The chart's title: the quantity in words with its unit, the year, the scenario. */
static void tornado_title(const bs_sens_result *res, char *buf, size_t size)
{
    char y[16], words[700];
    snprintf(buf, size, "%s in %s, each setting swung %.6g%%: %s",
             table_row_title(res->metric, res->label, res->kind, words, sizeof words),
             bs_year_label(res->year, y, sizeof y), res->swing_pct, res->name);
}

/* A setting's words on two lines of TORNADO_LABEL columns (chart_label);
 * when they are cut, the unit at their end, "(%)", is kept: the words
 * before it are shortened instead. Into buf. */
static void tornado_label(const char *words, char *buf, size_t size)
{
    char body[700], unit[100], last[800];
    chart_label(words, TORNADO_LABEL, 2, buf, size);
    size_t n = strlen(words);
    const char *open = strrchr(words, '(');
    if (!strstr(buf, "\xe2\x80\xa6") || n == 0 || words[n - 1] != ')' || !open || open == words ||
        strlen(open) >= sizeof unit || (size_t)(open - words) >= sizeof body)
        return;
    snprintf(unit, sizeof unit, "%s", open);
    snprintf(body, sizeof body, "%.*s", (int)(open - words - 1), words);
    chart_label(body, TORNADO_LABEL, 2, buf, size);
    char *nl = strrchr(buf, '\n');
    char *line = nl ? nl + 1 : buf;
    int room = TORNADO_LABEL - text_width(unit) - 1;
    if (text_width(line) > room)
        text_shorten(line, room < 3 ? 3 : room, TEXT_KEEP_START, last, sizeof last);
    else
        snprintf(last, sizeof last, "%s", line);
    snprintf(line, size - (size_t)(line - buf), "%s %s", last, unit);
}

/* One row per setting, the largest effect at the top (the highest y). A side
 * where the quantity has no value is a bar of no width at the base. */
static void tornado_data(FILE *f, chart_ctx *c, const void *arg)
{
    const bs_sens_result *res = arg;
    int n = tornado_bars(res);
    double base = res->base_metric;
    chart_header(f, "setting\ty\tbase\tmetric_low\tmetric_high\tlow_from\tlow_to\thigh_from\thigh_to\tchange_low\t"
                    "change_high\tclamped_low\tclamped_high\tpath");
    fputc('\n', f);
    for (int i = 0; i < n; i++) {
        const bs_sens_row *row = &res->rows[i];
        double lo = row->na_low ? base : row->metric_low, hi = row->na_high ? base : row->metric_high;
        char label[800], words[700], whole[1000];
        /* the setting in words with its unit ("Adult social care: growth
         * ... (%)"), on two lines; the comment gives the words and the path */
        schema_setting_label(c->in[0].sc, row->path, words, sizeof words);
        tornado_label(words, label, sizeof label);
        snprintf(whole, sizeof whole, "%s (%s)", words, row->path);
        chart_whole(f, whole, label);
        chart_field_label(f, label);
        fprintf(f, "\t%d\t%.10g\t%.10g\t%.10g\t%.10g\t%.10g\t%.10g\t%.10g\t%.10g\t%.10g\t%d\t%d", n - i, base, lo,
                hi, lo < base ? lo : base, lo < base ? base : lo, hi < base ? hi : base, hi < base ? base : hi,
                lo - base, hi - base, row->clamped_low && !row->na_low, row->clamped_high && !row->na_high);
        fputc('\t', f);
        chart_field(f, row->path);
        fputc('\n', f);
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
    char y[16], sw[32], title[900], text[900], words[700];
    bs_year_label(res->year, y, sizeof y);
    snprintf(sw, sizeof sw, "%.6g", res->swing_pct);
    tornado_title(res, title, sizeof title);
    /* TORNADO_BAR units a bar, 150 above them for the title, 230 below for
     * the axis, its title, the key and the source line */
    const int h = 380 + TORNADO_BAR * n < 620 ? 620 : 380 + TORNADO_BAR * n;
    chart_head(f, c, "tornado", title, 1000, h);
    /* the title, the axis's title and the key centred on the chart, not on
     * the plot (which the settings' labels push to the right): labels at
     * screen positions, the plot's margins at screen positions to hold them */
    fputs("unset title\nset label 90 ", f);
    chart_string_fit(f, title, chart_title_width(1000), 3);
    fprintf(f, " at screen 0.5, screen %.4f center noenhanced font font_title\n", 1 - 70.0 / h);
    fprintf(f, "set tmargin at screen %.4f\nset bmargin at screen %.4f\n", 1 - 150.0 / h, 230.0 / h);
    fprintf(f, "set key at screen 0.5, screen %.4f center bottom vertical maxrows 3 noenhanced\n", 30.0 / h);
    double base = res->base_metric, lo = base, hi = base;
    tornado_extent(res, n, &lo, &hi);
    /* Never an empty range (gnuplot warns about one); room beside the bars. */
    double pad = hi - lo < 1e-9 * fmax(1.0, fabs(base)) ? fmax(1.0, fabs(base) * 0.01) : (hi - lo) * 0.05;
    fprintf(f, "set xrange [%.10g:%.10g]\nset yrange [0.4:%d.6]\n", lo - pad, hi + pad, n);
    fputs("unset grid\nset grid xtics lc rgb '#dddddd'\nset ytics scale 0\nset border 1 lc rgb '#555555'\n", f);
    fputs("set style fill transparent solid 0.8 noborder\n", f);
    /* the quantity in words with its unit (core/table.h), as the title */
    snprintf(text, sizeof text, "%s in %s; dashed line: the base, %.6g",
             table_row_title(res->metric, res->label, res->kind, words, sizeof words), y, base);
    fputs("set label 91 ", f);
    chart_string_fit(f, text, chart_key_width(1000, 0.95), 2);
    fprintf(f, " at screen 0.5, screen %.4f center noenhanced font font_text\n", 165.0 / h);
    fprintf(f, "set arrow 1 from %.10g, graph 0 to %.10g, graph 1 nohead dt 2 lw 2 lc rgb '#333333' front\n", base,
            base);
    /* The settings' labels come from the data (ytic), never from the script. */
    fprintf(f, "plot 'tornado.dat' using 3:2:6:7:($2-0.36):($2+0.36):ytic(1) with boxxyerror lc rgb '%s' title ",
            chart_palette[0]);
    snprintf(text, sizeof text, "each setting %s%% lower", sw);
    chart_string(f, text);
    fprintf(f, ", \\\n     '' using 3:2:8:9:($2-0.36):($2+0.36) with boxxyerror lc rgb '%s' title ", chart_palette[1]);
    snprintf(text, sizeof text, "each setting %s%% higher", sw);
    chart_string(f, text);
    /* a swing clamped to the setting's allowed range (analyse/sensitivity.h):
     * a black diamond at the end of its bar, explained in the key */
    if (tornado_clamped(res, n))
        fputs(", \\\n     '' using ($12 > 0 ? $4 : NaN):2 with points pt 13 ps 2.2 lc rgb '#000000' title "
              "'swing clamped to the allowed range', \\\n"
              "     '' using ($13 > 0 ? $5 : NaN):2 with points pt 13 ps 2.2 lc rgb '#000000' notitle",
              f);
    fputc('\n', f);
}

int plot_tornado(const char *dir, bs_image_format fmt, const bs_scenario *sc, const bs_sens_result *res,
                 bs_error *err)
{
    if (tornado_bars(res) == 0)
        return bs_fail(err, "", 0, "--plot", "nothing to chart: the quantity has no value at any swing");
    char title[900];
    tornado_title(res, title, sizeof title);
    return chart_draw_single(dir, fmt, sc, "tornado", title, tornado_data, tornado_script, res, err);
}
