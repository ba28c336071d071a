/* plot.c - gnuplot charts (see plot.h): plot_all, and what every chart
 * shares (charts/chart.h): safe text, the head of a script, a chart's two
 * files and their rendering. The charts themselves are in charts/, the
 * running of gnuplot in gnuplot.c.
 *
 * This file may use: core/, analyse/, write/, the C library and POSIX. */
#include "write/plot.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "write/charts/chart.h"
#include "write/emit.h"
#include "write/gnuplot.h"
#include "write/outfile.h"

const char *const chart_palette[6] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"};

int plot_parse_format(const char *s)
{
    static const char *const names[] = {"svg", "png", "pdf"}; /* in the order of bs_image_format */
    return bs_name_index(s, names, 3);
}

const char *plot_extension(bs_image_format f)
{
    return f == BS_IMG_PNG ? "png" : f == BS_IMG_PDF ? "pdf" : "svg";
}

/* ------------------------------------------------------------------ */
/* Safe text                                                           */
/* ------------------------------------------------------------------ */

void plot_quote(const char *s, char *buf, size_t size)
{
    size_t o = 0;
    if (size < 3) {
        if (size)
            buf[0] = '\0';
        return;
    }
    buf[o++] = '\'';
    for (; *s && o + 3 < size; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == 0x7f) {
            buf[o++] = ' ';
        } else if (c == '\'') {
            buf[o++] = '\'';
            buf[o++] = '\'';
        } else {
            buf[o++] = (char)c;
        }
    }
    buf[o++] = '\'';
    buf[o] = '\0';
}

/* A double quote would start a quoted field for gnuplot, and it reads "\n"
 * in a data string as a line break: hence the typographic quote and the
 * doubled backslash. */
void chart_field(FILE *f, const char *s)
{
    if (!*s) {
        fputs("-", f);
        return;
    }
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == 0x7f)
            fputc(' ', f);
        else if (c == '"')
            fputs("\xe2\x80\x9d", f);
        else if (c == '\\')
            fputs("\\\\", f);
        else
            fputc(c, f);
    }
}

void chart_string(FILE *f, const char *s)
{
    char buf[1200];
    plot_quote(s, buf, sizeof buf);
    fputs(buf, f);
}

/* ------------------------------------------------------------------ */
/* Scripts                                                             */
/* ------------------------------------------------------------------ */

void chart_source_line(FILE *f, int label, const char *text)
{
    fprintf(f, "set label %d ", label);
    chart_string(f, text);
    fputs(" at screen 0.01, screen 0.015 font ',9' tc rgb '#555555' noenhanced\n", f);
}

void chart_source(FILE *f, const chart_ctx *c, int label)
{
    char source[1400];
    if (c->n == 2)
        snprintf(source, sizeof source, "Source: budgetsim; scenarios %s and %s", c->in[0].sc->source_file,
                 c->in[1].sc->source_file);
    else
        snprintf(source, sizeof source, "Source: budgetsim; scenario %s", c->in[0].sc->source_file);
    chart_source_line(f, label, source);
}

void chart_head(FILE *f, const chart_ctx *c, const char *name, const char *title, int width, int height)
{
    const char *ext = plot_extension(c->fmt);
    fprintf(f, "# budgetsim chart. Re-run by hand in this folder: gnuplot %s.gp\n", name);
    fprintf(f, "# The data are in %s.dat (tab-separated, with a header line).\n", name);
    fprintf(f, "if (!exists(\"outfile\")) outfile = '%s.%s'\n", name, ext);
    if (c->fmt == BS_IMG_SVG)
        fprintf(f, "set terminal svg size %d,%d dynamic font 'Helvetica,13' background rgb 'white'\n", width, height);
    else if (c->fmt == BS_IMG_PNG)
        fprintf(f, "set terminal pngcairo size %d,%d font 'Helvetica,11' background rgb 'white'\n", width, height);
    else
        fprintf(f, "set terminal pdfcairo size %.1fin,%.1fin font 'Helvetica,10'\n", width / 100.0, height / 100.0);
    fputs("set output outfile\nset datafile separator '\\t'\nset datafile columnheaders\n", f);
    fputs("set border 3 lc rgb '#555555'\nset tics nomirror\nset grid ytics lc rgb '#dddddd'\n", f);
    fputs("set key noenhanced\nset xtics noenhanced\nset ytics noenhanced\n", f);
    fputs("set title ", f);
    chart_string(f, title);
    fputs(" noenhanced font ',15'\n", f);
    chart_source(f, c, 99);
    fputs("set bmargin 5\n", f);
}

void chart_y_range(FILE *f, double lo, double hi, int from_zero)
{
    if (from_zero && lo >= 0)
        lo = 0;
    if (hi - lo < 1e-9)
        fprintf(f, "set yrange [%.6g:%.6g]\n", lo - 1, hi + 1);
    else if (from_zero && lo == 0)
        fputs("set yrange [0:*]\n", f);
    else
        fputs("set yrange [*:*]\n", f);
}

char *chart_year0(const chart_ctx *c, char *buf, size_t n)
{
    return bs_year_label(c->in[0].r->first_year, buf, n);
}

/* ------------------------------------------------------------------ */
/* Files                                                               */
/* ------------------------------------------------------------------ */

int chart_ensure_dir(const char *dir, bs_error *err)
{
    struct stat st;
    if (stat(dir, &st) != 0) {
        if (errno != ENOENT || mkdir(dir, 0777) != 0)
            return bs_fail_status(err, BS_EXIT_ENV, dir, 0, "", "cannot create the folder: %s", strerror(errno));
    } else if (!S_ISDIR(st.st_mode)) {
        return bs_fail_status(err, BS_EXIT_ENV, dir, 0, "", "is not a folder");
    }
    return 0;
}

/* List the chart NAME with its title (the first BS_MAX_CHARTS only). */
static void add_chart(chart_ctx *c, const char *name, const char *title)
{
    if (c->out->n >= BS_MAX_CHARTS)
        return;
    bs_strlcpy(c->out->name[c->out->n], name, sizeof c->out->name[0]);
    bs_strlcpy(c->out->title[c->out->n], title, sizeof c->out->title[0]);
    c->out->n++;
}

/* Write c->dir/FILE (NAME.EXT) whole, by writer. Returns 0, or -1 with err. */
static int write_one(chart_ctx *c, const char *name, const char *ext, chart_writer writer, const void *arg,
                     bs_error *err)
{
    char tmp[BS_OUT_PATH_MAX], file[200];
    snprintf(file, sizeof file, "%s.%s", name, ext);
    FILE *f = outfile_open_in(c->dir, file, tmp, sizeof tmp, err);
    if (!f)
        return -1;
    writer(f, c, arg);
    return outfile_close_in(f, tmp, c->dir, file, err);
}

int chart_write(chart_ctx *c, const char *name, const char *title, chart_writer data, chart_writer script,
                const void *arg, bs_error *err)
{
    if (write_one(c, name, "dat", data, arg, err) != 0 || write_one(c, name, "gp", script, arg, err) != 0)
        return -1;
    add_chart(c, name, title);
    return 0;
}

int chart_write_for(chart_ctx *c, int which, const char *base, const char *suffix, const char *title,
                    chart_writer data, chart_writer script, bs_error *err)
{
    chart_pick p = {which, ""};
    snprintf(p.name, sizeof p.name, "%s%s", base, suffix);
    return chart_write(c, p.name, title, data, script, &p, err);
}

int chart_render(const chart_ctx *c, const char *name, bs_error *err)
{
    return gnuplot_render(c->dir, name, plot_extension(c->fmt), err);
}

int chart_draw_single(const char *dir, bs_image_format fmt, const bs_scenario *sc, const char *name,
                      const char *title, chart_writer data, chart_writer script, const void *arg, bs_error *err)
{
    bs_plot_input in = {sc, NULL, NULL};
    bs_chart_list *list = calloc(1, sizeof *list);
    if (!list)
        return bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    chart_ctx c = {dir, fmt, &in, 1, list};
    int rc = chart_ensure_dir(dir, err) != 0 || chart_write(&c, name, title, data, script, arg, err) != 0 ||
                     chart_render(&c, name, err) != 0
                 ? -1
                 : 0;
    free(list);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Every chart of one scenario or a pair                               */
/* ------------------------------------------------------------------ */

/* The order of the charts is the order of a report: the service lines (a
 * pair only), then for each scenario its waterfall, bills, council and
 * tally (when it has a council, and uncertain members), then the reserves. */
int plot_all(const char *dir, bs_image_format fmt, const bs_plot_input *in, int n, bs_chart_list *out,
             bs_error *err)
{
    chart_ctx c = {dir, fmt, in, n, out};
    memset(out, 0, sizeof *out);
    if (chart_ensure_dir(dir, err) != 0)
        return -1;
    if (n == 2 && chart_lines(&c, err) != 0)
        return -1;
    for (int k = 0; k < n; k++) {
        const char *suffix = n == 2 ? (k == 0 ? "-base" : "-alt") : "";
        const bs_ballot *b = in[k].ballot;
        if (chart_waterfall(&c, k, suffix, err) != 0 || chart_bills(&c, k, suffix, err) != 0 ||
            (b && chart_council(&c, k, suffix, err) != 0) || (b && b->vote.uncertain && chart_tally(&c, k, suffix, err) != 0))
            return -1;
    }
    if (chart_reserves(&c, err) != 0)
        return -1;
    for (int i = 0; i < out->n; i++)
        if (chart_render(&c, out->name[i], err) != 0)
            return -1;
    out->rendered = 1;
    return 0;
}
