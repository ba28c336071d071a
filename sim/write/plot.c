/* plot.c - gnuplot charts (see plot.h). */
#include "write/plot.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/table.h"
#include "write/emit.h"
#include "write/outfile.h"

/* Okabe-Ito: told apart by colour-blind readers. */
static const char *const palette[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"};

int plot_parse_format(const char *s)
{
    if (strcmp(s, "svg") == 0)
        return BS_IMG_SVG;
    if (strcmp(s, "png") == 0)
        return BS_IMG_PNG;
    if (strcmp(s, "pdf") == 0)
        return BS_IMG_PDF;
    return -1;
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

/* Write s as one field of a tab-separated data file: control characters
 * become spaces, a double quote (which gnuplot would read as the start of a
 * quoted field) becomes a typographic one, and a backslash is doubled
 * (gnuplot reads "\n" in a data string as a line break). */
static void dat_text(FILE *f, const char *s)
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

/* fprintf of a single-quoted safe string. */
static void gp_str(FILE *f, const char *s)
{
    char buf[1200];
    plot_quote(s, buf, sizeof buf);
    fputs(buf, f);
}

/* ------------------------------------------------------------------ */
/* Files                                                               */
/* ------------------------------------------------------------------ */

typedef struct {
    const char *dir;
    bs_image_format fmt;
    const bs_plot_input *in;
    int n;
    bs_chart_list *out;
} ctx;

/* The common start of a script: terminal, output, fonts, title, source line. */
static void script_head(FILE *f, const ctx *c, const char *name, const char *title, int width, int height)
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
    gp_str(f, title);
    fputs(" noenhanced font ',15'\n", f);
    char source[1400];
    if (c->n == 2)
        snprintf(source, sizeof source, "Source: budgetsim; scenarios %s and %s", c->in[0].sc->source_file,
                 c->in[1].sc->source_file);
    else
        snprintf(source, sizeof source, "Source: budgetsim; scenario %s", c->in[0].sc->source_file);
    fputs("set label 99 ", f);
    gp_str(f, source);
    fputs(" at screen 0.01, screen 0.015 font ',9' tc rgb '#555555' noenhanced\n", f);
    fputs("set bmargin 5\n", f);
}

/* A y range for values between lo and hi: from 0 when nothing is below it,
 * and never empty (gnuplot warns about an empty range). */
static void y_range(FILE *f, double lo, double hi, int from_zero)
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

static int add_chart(ctx *c, const char *name, const char *title)
{
    if (c->out->n >= BS_MAX_CHARTS)
        return 0;
    bs_strlcpy(c->out->name[c->out->n], name, sizeof c->out->name[0]);
    bs_strlcpy(c->out->title[c->out->n], title, sizeof c->out->title[0]);
    c->out->n++;
    return 0;
}

/* A chart's two files. Writers fill the data and the script. */
typedef void (*writer)(FILE *f, ctx *c, const void *arg);

static int write_chart(ctx *c, const char *name, const char *title, writer data, writer script, const void *arg,
                       bs_error *err)
{
    char tmp[BS_OUT_PATH_MAX], file[200];
    snprintf(file, sizeof file, "%s.dat", name);
    FILE *f = outfile_open_in(c->dir, file, tmp, sizeof tmp, err);
    if (!f)
        return -1;
    data(f, c, arg);
    if (outfile_close_in(f, tmp, c->dir, file, err) != 0)
        return -1;
    snprintf(file, sizeof file, "%s.gp", name);
    if (!(f = outfile_open_in(c->dir, file, tmp, sizeof tmp, err)))
        return -1;
    script(f, c, arg);
    if (outfile_close_in(f, tmp, c->dir, file, err) != 0)
        return -1;
    return add_chart(c, name, title);
}

/* ------------------------------------------------------------------ */
/* Charts                                                              */
/* ------------------------------------------------------------------ */

static char *year0(const ctx *c, char *buf, size_t n)
{
    return bs_year_label(c->in[0].r->first_year, buf, n);
}

/* 1. Net spending by service line, base against alternative, first year. */
static void lines_data(FILE *f, ctx *c, const void *arg)
{
    (void)arg;
    const bs_scenario *a = c->in[0].sc, *b = c->in[1].sc;
    const bs_result *ra = c->in[0].r, *rb = c->in[1].r;
    fputs("line\tbase\talternative\tdifference\n", f);
    for (int pass = 0; pass < 2; pass++) {
        const bs_scenario *s1 = pass ? b : a;
        for (int i = 0; i < s1->nservices; i++) {
            int ia = scenario_find_service(a, s1->services[i].id), ib = scenario_find_service(b, s1->services[i].id);
            if (pass && ia >= 0)
                continue;
            double va = ia >= 0 ? ra->service_gross_m[ia][0] - ra->service_savings_m[ia][0] : 0.0;
            double vb = ib >= 0 ? rb->service_gross_m[ib][0] - rb->service_savings_m[ib][0] : 0.0;
            dat_text(f, s1->services[i].name);
            fprintf(f, "\t%.6f\t%.6f\t%.6f\n", va, vb, vb - va);
        }
    }
}

static void lines_script(FILE *f, ctx *c, const void *arg)
{
    const char *title = arg;
    int n = 0;
    for (int pass = 0; pass < 2; pass++) {
        const bs_scenario *s1 = pass ? c->in[1].sc : c->in[0].sc;
        for (int i = 0; i < s1->nservices; i++)
            if (!pass || scenario_find_service(c->in[0].sc, s1->services[i].id) < 0)
                n++;
    }
    double lo = 0, hi = 0, dlo = 0, dhi = 0;
    for (int k = 0; k < 2; k++)
        for (int i = 0; i < c->in[k].sc->nservices; i++) {
            double v = c->in[k].r->service_gross_m[i][0] - c->in[k].r->service_savings_m[i][0];
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
        }
    for (int i = 0; i < c->in[0].sc->nservices; i++) {
        int j = scenario_find_service(c->in[1].sc, c->in[0].sc->services[i].id);
        double d = (j >= 0 ? c->in[1].r->service_gross_m[j][0] - c->in[1].r->service_savings_m[j][0] : 0.0) -
                   (c->in[0].r->service_gross_m[i][0] - c->in[0].r->service_savings_m[i][0]);
        dlo = d < dlo ? d : dlo;
        dhi = d > dhi ? d : dhi;
    }
    script_head(f, c, "lines", title, 1000, 760);
    /* Both panels share x positions and margins so that the bars line up. */
    fprintf(f, "set multiplot layout 2,1\nset lmargin 12\nset rmargin 4\nset xrange [-0.6:%d.4]\n", n - 1);
    fputs("set style fill solid 0.9 border -1\nset boxwidth 0.38 absolute\n", f);
    fputs("set ylabel '£m, net of savings' noenhanced\nset format x ''\nset bmargin 1\n", f);
    y_range(f, lo, hi, 1);
    fputs("set key top right\n", f);
    fputs("plot 'lines.dat' using ($0-0.2):2 with boxes title ", f);
    gp_str(f, c->in[0].sc->name);
    fprintf(f, " lc rgb '%s', '' using ($0+0.2):3 with boxes title ", palette[0]);
    gp_str(f, c->in[1].sc->name);
    fprintf(f, " lc rgb '%s'\n", palette[1]);
    fputs("unset title\nunset label 99\nset format x\nset bmargin 9\nset boxwidth 0.6 absolute\n", f);
    y_range(f, dlo, dhi, 0);
    fputs("set ylabel '£m, alternative minus base' noenhanced\nset xtics rotate by 20 right\n", f);
    fputs("set xzeroaxis lt -1\nset key off\n", f);
    fputs("set label 98 ", f);
    {
        char source[1400];
        snprintf(source, sizeof source, "Source: budgetsim; scenarios %s and %s", c->in[0].sc->source_file,
                 c->in[1].sc->source_file);
        gp_str(f, source);
    }
    fputs(" at screen 0.01, screen 0.015 font ',9' tc rgb '#555555' noenhanced\n", f);
    fprintf(f, "plot 'lines.dat' using 0:4:xtic(1) with boxes lc rgb '%s' notitle\n", palette[5]);
    fputs("unset multiplot\n", f);
}

/* 2. Waterfall: from the gap before measures to the gap after, one step per measure. */
typedef struct {
    int which;
    char name[96];
} pick;

static void waterfall_data(FILE *f, ctx *c, const void *arg)
{
    const pick *p = arg;
    const bs_scenario *sc = c->in[p->which].sc;
    const bs_result *r = c->in[p->which].r;
    /* columns: label, x, y (box middle), xlow, xhigh, ylow, yhigh, colour */
    fputs("step\tx\ty\txlow\txhigh\tylow\tyhigh\tcolour\tvalue\n", f);
    double level = r->gap_before_m[0];
    int x = 0;
    fprintf(f, "Gap before measures\t%d\t%.6f\t%.2f\t%.2f\t0\t%.6f\t%d\t%.1f\n", x, level / 2, x - 0.4, x + 0.4,
            level, 0x555555, level);
    x++;
    for (int i = 0; i < sc->nmeasures; i++) {
        double v = r->measure_m[i][0];
        if (sc->measures[i].type == BS_RESERVE_MOVE)
            v = v < 0 ? -v : 0.0; /* draws close the gap; contributions are in the gap already */
        if (fabs(v) < 5e-7)
            continue;
        double next = level - v;
        dat_text(f, sc->measures[i].name);
        fprintf(f, "\t%d\t%.6f\t%.2f\t%.2f\t%.6f\t%.6f\t%d\t%+.1f\n", x, (level + next) / 2, x - 0.4, x + 0.4,
                next < level ? next : level, next < level ? level : next, v > 0 ? 0x009E73 : 0xD55E00, -v);
        level = next;
        x++;
    }
    double after = r->gap_after_m[0];
    fprintf(f, "Gap after measures\t%d\t%.6f\t%.2f\t%.2f\t%.6f\t%.6f\t%d\t%.1f\n", x, after / 2, x - 0.4, x + 0.4,
            after < 0 ? after : 0.0, after < 0 ? 0.0 : after, after > 1e-6 ? 0xCC79A7 : 0x0072B2,
            fabs(after) < 0.05 ? 0.0 : after);
}

static void waterfall_script(FILE *f, ctx *c, const void *arg)
{
    const pick *p = arg;
    char title[600], y[16];
    snprintf(title, sizeof title, "From the gap to the budget, %s: %s", year0(c, y, sizeof y), c->in[p->which].sc->name);
    script_head(f, c, p->name, title, 1000, 600);
    {
        const bs_scenario *sc = c->in[p->which].sc;
        const bs_result *r = c->in[p->which].r;
        double level = r->gap_before_m[0], lo = level < 0 ? level : 0, hi = level > 0 ? level : 0;
        for (int i = 0; i < sc->nmeasures; i++) {
            double v = r->measure_m[i][0];
            if (sc->measures[i].type == BS_RESERVE_MOVE)
                v = v < 0 ? -v : 0.0;
            level -= v;
            lo = level < lo ? level : lo;
            hi = level > hi ? level : hi;
        }
        y_range(f, lo, hi, 0);
    }
    fputs("set ylabel '£m' noenhanced\nset xtics rotate by 30 right font ',11'\nset xzeroaxis lt -1\nset key off\n", f);
    fputs("set style fill solid 0.85 border -1\nset offsets 0.5, 0.5, graph 0.08, 0\nset bmargin 12\n", f);
    fprintf(f, "set label 1 'green: closes the gap; orange: widens it' at graph 0.99, graph 0.95 right font ',10'\n");
    fprintf(f, "plot '%s.dat' using 2:3:4:5:6:7:8:xtic(1) with boxxyerrorbars lc rgb variable notitle, \\\n", p->name);
    fprintf(f, "     '' using 2:7:9 with labels offset 0,0.7 font ',10' noenhanced notitle\n");
}

/* 3. General reserve over the horizon, with its minimum. */
static void reserves_data(FILE *f, ctx *c, const void *arg)
{
    (void)arg;
    char y[16];
    fputs("year", f);
    for (int k = 0; k < c->n; k++)
        fprintf(f, "\tclosing_%d", k + 1);
    for (int k = 0; k < c->n; k++)
        fprintf(f, "\tminimum_%d", k + 1);
    fputc('\n', f);
    for (int t = 0; t < c->in[0].r->nyears; t++) {
        fputs(bs_year_label(c->in[0].r->first_year + t, y, sizeof y), f);
        for (int k = 0; k < c->n; k++)
            fprintf(f, "\t%.6f", c->in[k].r->reserve_close_m[0][t]);
        for (int k = 0; k < c->n; k++)
            fprintf(f, "\t%.6f", c->in[k].sc->reserves[0].minimum_m);
        fputc('\n', f);
    }
}

static void reserves_script(FILE *f, ctx *c, const void *arg)
{
    const char *title = arg;
    script_head(f, c, "reserves", title, 1000, 600);
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
    y_range(f, lowest, highest, 1);
    fputs("set ylabel '£m at the end of the year' noenhanced\nset key bottom left\nset xzeroaxis lt -1\n", f);
    fputs("set offsets 0.2, 0.2, 0, 0\n", f);
    fputs("plot ", f);
    for (int k = 0; k < c->n; k++) {
        fprintf(f, "%s'reserves.dat' using 0:%d:xtic(1) with linespoints lw 3 pt 7 lc rgb '%s' title ", k ? ", " : "",
                2 + k, palette[k]);
        gp_str(f, c->in[k].sc->name);
    }
    for (int k = 0; k < c->n; k++) {
        char t[400];
        snprintf(t, sizeof t, "minimum (%s)", c->in[k].sc->label);
        fprintf(f, ", 'reserves.dat' using 0:%d with lines dt 2 lw 2 lc rgb '%s' title ", 2 + c->n + k, palette[k]);
        gp_str(f, t);
    }
    fputc('\n', f);
}

/* 4. Household bills by band, with charges stacked on council tax. */
static void bills_data(FILE *f, ctx *c, const void *arg)
{
    const pick *p = arg;
    const bs_scenario *sc = c->in[p->which].sc;
    const bs_result *r = c->in[p->which].r;
    fputs("band\tcouncil\tother_precepts", f);
    for (int i = 0; i < sc->nmeasures; i++)
        if (sc->measures[i].type == BS_CHARGE) {
            fputc('\t', f);
            dat_text(f, sc->measures[i].name);
        }
    fputc('\n', f);
    for (int b = 0; b < BS_NBANDS; b++) {
        fprintf(f, "%c\t%.2f\t%.2f", bs_band_name[b], r->bill_pounds[0][b],
                r->bill_total_pounds[0][b] - r->bill_pounds[0][b]);
        for (int i = 0; i < sc->nmeasures; i++)
            if (sc->measures[i].type == BS_CHARGE)
                fprintf(f, "\t%.2f", r->charge_price_pounds[i][0]);
        fputc('\n', f);
    }
}

static void bills_script(FILE *f, ctx *c, const void *arg)
{
    const pick *p = arg;
    const bs_scenario *sc = c->in[p->which].sc;
    char title[600], y[16];
    snprintf(title, sizeof title, "Household bills by band, %s: %s", year0(c, y, sizeof y), sc->name);
    script_head(f, c, p->name, title, 1000, 600);
    fputs("set style data histogram\nset style histogram rowstacked\nset style fill solid 0.9 border -1\n", f);
    fputs("set boxwidth 0.7\nset ylabel '£ a year' noenhanced\nset xlabel 'Council tax band' noenhanced\n", f);
    fputs("set key top left autotitle columnheader\n", f);
    int ncol = 3;
    for (int i = 0; i < sc->nmeasures; i++)
        ncol += sc->measures[i].type == BS_CHARGE;
    fprintf(f, "plot '%s.dat' using 2:xtic(1) title 'Council tax, this council' lc rgb '%s', '' using 3 title 'Other precepts' lc rgb '%s'",
            p->name, palette[0], palette[4]);
    for (int k = 4; k <= ncol; k++)
        fprintf(f, ", '' using %d title columnheader(%d) lc rgb '%s'", k, k, palette[(k - 2) % 6 == 0 ? 1 : (k - 2) % 6]);
    fputc('\n', f);
}

/* 5. The council as a hemicycle. Seats are placed in C: rows with seats in
 * proportion to their radius, sorted by angle, and each group given a
 * contiguous run from the left; within a group: for, against, abstain, absent. */
typedef struct {
    double x, y, angle;
} seat;

static int seat_cmp(const void *a, const void *b)
{
    const seat *p = a, *q = b;
    return p->angle < q->angle ? 1 : p->angle > q->angle ? -1 : 0;
}

static int hemicycle(int n, seat *s, double *radius)
{
    int rows = (int)ceil(sqrt(n / 4.0));
    if (rows < 1)
        rows = 1;
    double rsum = 0;
    for (int i = 0; i < rows; i++)
        rsum += 1.0 + (rows > 1 ? (double)i / (rows - 1) : 0.0);
    int k = 0;
    for (int i = 0; i < rows; i++) {
        double r = 1.0 + (rows > 1 ? (double)i / (rows - 1) : 0.0);
        int m = i == rows - 1 ? n - k : (int)floor(n * r / rsum + 0.5);
        if (m > n - k)
            m = n - k;
        for (int j = 0; j < m; j++) {
            double a = m > 1 ? M_PI * (1.0 - (double)j / (m - 1)) : M_PI / 2;
            s[k].x = r * cos(a);
            s[k].y = r * sin(a);
            s[k].angle = a;
            k++;
        }
    }
    qsort(s, (size_t)k, sizeof *s, seat_cmp);
    double spacing = rows > 1 ? 1.0 / (rows - 1) : 0.5;
    double arc = n > 1 ? M_PI * 2.0 / (n / (double)rows) : 1.0;
    *radius = 0.42 * (spacing < arc ? spacing : arc);
    return k;
}

static void council_data(FILE *f, ctx *c, const void *arg)
{
    const pick *p = arg;
    const bs_ballot *b = c->in[p->which].ballot;
    const bs_council *cn = &b->final->chamber;
    int n = b->vote.nvoters;
    seat *s = calloc((size_t)(n > 0 ? n : 1), sizeof *s);
    double rad = 0.05;
    if (!s)
        return;
    int k = hemicycle(n, s, &rad), idx = 0;
    fputs("x\ty\tr\tcolour\tvote\tgroup\n", f);
    for (int g = 0; g <= cn->ngroups; g++) {
        for (int v = 0; v < 4; v++) {
            int count = g < cn->ngroups ? b->vote.group_count[g][v] : b->vote.mayor_count[v];
            unsigned colour = 0x333333;
            if (g < cn->ngroups)
                sscanf(cn->groups[g].colour + 1, "%x", &colour);
            for (int i = 0; i < count && idx < k; i++, idx++) {
                fprintf(f, "%.5f\t%.5f\t%.5f\t%u\t%d\t", s[idx].x, s[idx].y, rad, colour, v);
                dat_text(f, g < cn->ngroups ? cn->groups[g].name : "Mayor");
                fputc('\n', f);
            }
        }
    }
    free(s);
}

static void council_script(FILE *f, ctx *c, const void *arg)
{
    const pick *p = arg;
    const bs_ballot *b = c->in[p->which].ballot;
    const bs_council *cn = &b->final->chamber;
    const bs_vote_result *v = &b->vote;
    char title[700];
    snprintf(title, sizeof title, "The council vote: %s", c->in[p->which].sc->name);
    script_head(f, c, p->name, title, 1000, 620);
    fputs("set size ratio -1\nunset border\nunset tics\nunset grid\nset xrange [-2.3:2.3]\nset yrange [-0.45:2.3]\n", f);
    fputs("set key outside right center\n", f);
    /* The majority line: half the seats plus one, counted from the left. */
    int n = v->nvoters, need = n / 2 + 1;
    seat *s = calloc((size_t)(n > 0 ? n : 1), sizeof *s);
    double rad;
    if (s && n > 1) {
        hemicycle(n, s, &rad);
        double a = (s[need - 1].angle + (need < n ? s[need].angle : 0)) / 2;
        fprintf(f, "set arrow 1 from 0,0 to %.4f,%.4f nohead dt 2 lw 2 lc rgb '#333333'\n", 2.25 * cos(a), 2.25 * sin(a));
        fprintf(f, "set label 2 'majority of seats: %d of %d' at %.4f,%.4f center font ',11'\n", need, n, 2.3 * cos(a),
                2.3 * sin(a) + 0.08 > 2.25 ? 2.22 : 2.3 * sin(a) + 0.08);
    }
    free(s);
    fprintf(f, "set label 4 '%s: %d for, %d against, %d abstaining, %d absent' at 0,-0.15 center font ',13'\n",
            v->passed ? "Passed" : "Failed", v->count[0], v->count[1], v->count[2], v->count[3]);
    fprintf(f, "set label 3 'filled: for; ring: against; light: abstained; grey: absent' at 0,-0.35 center font ',11'\n");
    fprintf(f, "plot '%s.dat' using 1:($5==0?$2:NaN):3:4 with circles fill solid 1.0 noborder lc rgb variable notitle, \\\n", p->name);
    fprintf(f, "     '' using 1:($5==1?$2:NaN):3:4 with circles fill empty border lw 2.5 lc rgb variable notitle, \\\n");
    fprintf(f, "     '' using 1:($5==2?$2:NaN):3:4 with circles fill transparent solid 0.3 noborder lc rgb variable notitle, \\\n");
    fprintf(f, "     '' using 1:($5==3?$2:NaN):3 with circles fill solid 1.0 noborder lc rgb '#cccccc' notitle");
    for (int g = 0; g < cn->ngroups; g++) {
        fprintf(f, ", \\\n     keyentry with boxes fill solid lc rgb '%s' title ", cn->groups[g].colour);
        gp_str(f, cn->groups[g].name);
    }
    fputc('\n', f);
}

/* 6. The distribution of the votes for, when members are uncertain. */
static void tally_data(FILE *f, ctx *c, const void *arg)
{
    const pick *p = arg;
    const bs_ballot *b = c->in[p->which].ballot;
    fputs("votes_for\tprobability\n", f);
    for (int k = 0; k <= b->nvoters; k++)
        fprintf(f, "%d\t%.10g\n", k, b->dist_for[k]);
}

static void tally_script(FILE *f, ctx *c, const void *arg)
{
    const pick *p = arg;
    const bs_ballot *b = c->in[p->which].ballot;
    char title[700];
    snprintf(title, sizeof title, "How many vote for: %s (probability of passing %.3f)", c->in[p->which].sc->name,
             b->p_pass);
    script_head(f, c, p->name, title, 1000, 560);
    fputs("set style fill solid 0.85 border -1\nset boxwidth 0.8\nset ylabel 'probability' noenhanced\n", f);
    fputs("set xlabel 'votes for the budget' noenhanced\nset key off\n", f);
    int lo = 0, hi = b->nvoters;
    while (lo < hi && b->dist_for[lo] < 1e-6)
        lo++;
    while (hi > lo && b->dist_for[hi] < 1e-6)
        hi--;
    fprintf(f, "set xrange [%d:%d]\n", lo - 1, hi + 1);
    fprintf(f, "plot '%s.dat' using 1:2 with boxes lc rgb '%s' notitle\n", p->name, palette[0]);
}

/* ------------------------------------------------------------------ */
/* Rendering                                                           */
/* ------------------------------------------------------------------ */

/* Run gnuplot on dir/NAME.gp, without a shell, and keep the chart when
 * gnuplot exits 0 and prints nothing. gnuplot does not check its writes (on
 * a full disk it leaves a short chart and exits 0), so it writes the chart
 * into a pipe, its descriptor 3, and this process copies it to a temporary
 * file, checking every write, renamed into place when all is well. */
static int render(const ctx *c, const char *name, bs_error *err)
{
    const char *ext = plot_extension(c->fmt);
    char chart[200], gpname[200], tmp[BS_OUT_PATH_MAX];
    snprintf(chart, sizeof chart, "%s.%s", name, ext);
    snprintf(gpname, sizeof gpname, "%s.gp", name);
    char setout[] = "outfile='/dev/fd/3'";
    FILE *img = outfile_open_in(c->dir, chart, tmp, sizeof tmp, err);
    if (!img)
        return -1;
    fcntl(fileno(img), F_SETFD, FD_CLOEXEC);
    int pipefd[2] = {-1, -1}, data[2] = {-1, -1}, ready[2] = {-1, -1};
    if (pipe(pipefd) != 0 || pipe(data) != 0 || pipe(ready) != 0) {
        int e = errno;
        for (int k = 0; k < 2; k++) {
            if (pipefd[k] >= 0)
                close(pipefd[k]);
            if (data[k] >= 0)
                close(data[k]);
        }
        fclose(img);
        bs_temp_remove(tmp);
        return bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "cannot run gnuplot: %s", strerror(e));
    }
    fcntl(ready[1], F_SETFD, FD_CLOEXEC);
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        int fds[6] = {pipefd[0], pipefd[1], data[0], data[1], ready[0], ready[1]};
        for (int k = 0; k < 6; k++)
            close(fds[k]);
        fclose(img);
        bs_temp_remove(tmp);
        return bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "cannot run gnuplot: %s", strerror(e));
    }
    if (pid == 0) {
        close(pipefd[0]);
        close(data[0]);
        close(ready[0]);
        /* the chart's pipe out of the way of 0 to 2 first, then onto 3 */
        int chartfd = fcntl(data[1], F_DUPFD, 10);
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0)
            dup2(devnull, 0);
        dup2(pipefd[1], 1);
        dup2(pipefd[1], 2);
        if (chartfd < 0 || dup2(chartfd, 3) != 3 || chdir(c->dir) != 0) {
            int e = errno;
            (void)!write(ready[1], &e, sizeof e);
            _exit(127);
        }
        close(chartfd);
        if (data[1] != 3)
            close(data[1]);
        if (pipefd[1] > 3)
            close(pipefd[1]);
        char *argv[] = {"gnuplot", "-d", "-e", setout, gpname, NULL};
        execvp("gnuplot", argv);
        int e = errno;
        (void)!write(ready[1], &e, sizeof e);
        _exit(127);
    }
    close(pipefd[1]);
    close(data[1]);
    close(ready[1]);
    int exec_errno = 0;
    ssize_t got = read(ready[0], &exec_errno, sizeof exec_errno);
    close(ready[0]);
    /* Read both pipes to their ends: the chart into the file (after a failed
     * write, read and dropped, so gnuplot never blocks), gnuplot's words into out. */
    char out[2000], buf[65536];
    size_t used = 0;
    int write_errno = 0;
    struct pollfd pf[2] = {{pipefd[0], POLLIN, 0}, {data[0], POLLIN, 0}};
    while (pf[0].fd >= 0 || pf[1].fd >= 0) {
        if (poll(pf, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            write_errno = errno;
            break;
        }
        for (int k = 0; k < 2; k++) {
            if (pf[k].fd < 0 || !pf[k].revents)
                continue;
            ssize_t m = read(pf[k].fd, buf, sizeof buf);
            if (m < 0 && errno == EINTR)
                continue;
            if (m <= 0) {
                close(pf[k].fd);
                pf[k].fd = -1;
            } else if (k == 0) {
                size_t keep = (size_t)m < sizeof out - 1 - used ? (size_t)m : sizeof out - 1 - used;
                memcpy(out + used, buf, keep);
                used += keep;
            } else if (!write_errno && fwrite(buf, 1, (size_t)m, img) != (size_t)m) {
                write_errno = errno ? errno : EIO;
            }
        }
    }
    for (int k = 0; k < 2; k++)
        if (pf[k].fd >= 0)
            close(pf[k].fd);
    out[used] = '\0';
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (got == (ssize_t)sizeof exec_errno) {
        fclose(img);
        bs_temp_remove(tmp);
        if (exec_errno == ENOENT)
            return bs_fail_status(err, BS_EXIT_ENV, "", 0, "",
                                  "gnuplot is not installed: the scripts and data are in %s; install it with "
                                  "'sudo apt-get install gnuplot-nox' to draw the charts", c->dir);
        return bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "cannot run gnuplot: %s", strerror(exec_errno));
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || used > 0) {
        fclose(img);
        bs_temp_remove(tmp);
        for (char *q = out; *q; q++)
            if (*q == '\n' || *q == '\r' || *q == '\t')
                *q = ' ';
        return bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "gnuplot failed on %s/%s: %s", c->dir, gpname,
                              used ? out : "it exited with an error");
    }
    if (write_errno) {
        fclose(img);
        bs_temp_remove(tmp);
        return bs_fail_status(err, BS_EXIT_ENV, c->dir, 0, "", "cannot write %s: %s", chart, strerror(write_errno));
    }
    return outfile_close_in(img, tmp, c->dir, chart, err);
}

/* Make sure dir is a folder, creating it when missing. */
static int ensure_dir(const char *dir, bs_error *err)
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

int plot_all(const char *dir, bs_image_format fmt, const bs_plot_input *in, int n, bs_chart_list *out,
             bs_error *err)
{
    ctx c = {dir, fmt, in, n, out};
    memset(out, 0, sizeof *out);
    if (ensure_dir(dir, err) != 0)
        return -1;
    char title[700], y[16];
    if (n == 2) {
        snprintf(title, sizeof title, "Net spending by service line, %s", year0(&c, y, sizeof y));
        if (write_chart(&c, "lines", title, lines_data, lines_script, title, err))
            return -1;
    }
    pick picks[2][4];
    for (int k = 0; k < n; k++) {
        const char *lab = n == 2 ? (k == 0 ? "-base" : "-alt") : "";
        pick *p = picks[k];
        for (int q = 0; q < 4; q++)
            p[q].which = k;
        snprintf(p[0].name, sizeof p[0].name, "waterfall%s", lab);
        snprintf(title, sizeof title, "From the gap to the budget, %s: %s", year0(&c, y, sizeof y), in[k].sc->name);
        if (write_chart(&c, p[0].name, title, waterfall_data, waterfall_script, &p[0], err))
            return -1;
        snprintf(p[1].name, sizeof p[1].name, "bills%s", lab);
        snprintf(title, sizeof title, "Household bills by band, %s: %s", year0(&c, y, sizeof y), in[k].sc->name);
        if (write_chart(&c, p[1].name, title, bills_data, bills_script, &p[1], err))
            return -1;
        if (in[k].ballot) {
            snprintf(p[2].name, sizeof p[2].name, "council%s", lab);
            snprintf(title, sizeof title, "The council vote: %s", in[k].sc->name);
            if (write_chart(&c, p[2].name, title, council_data, council_script, &p[2], err))
                return -1;
            if (in[k].ballot->vote.uncertain) {
                snprintf(p[3].name, sizeof p[3].name, "tally%s", lab);
                snprintf(title, sizeof title, "How many vote for: %s", in[k].sc->name);
                if (write_chart(&c, p[3].name, title, tally_data, tally_script, &p[3], err))
                    return -1;
            }
        }
    }
    if (n == 2)
        snprintf(title, sizeof title, "General reserve at the end of each year");
    else
        snprintf(title, sizeof title, "General reserve at the end of each year: %s", in[0].sc->name);
    if (write_chart(&c, "reserves", title, reserves_data, reserves_script, title, err))
        return -1;
    for (int i = 0; i < out->n; i++)
        if (render(&c, out->name[i], err) != 0)
            return -1;
    out->rendered = 1;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Sweeps                                                              */
/* ------------------------------------------------------------------ */

typedef struct {
    const char *xpath, *ypath;
    const double *x, *y;
    long long nx, ny;
    int year;          /* heat map: year index */
    const double *gap; /* nyears values per point */
} sweep_chart;

static void sweep_line_data(FILE *f, ctx *c, const void *arg)
{
    const sweep_chart *s = arg;
    const bs_scenario *sc = c->in[0].sc;
    char y[16];
    dat_text(f, s->xpath);
    for (int t = 0; t < sc->nyears; t++)
        fprintf(f, "\t%s", bs_year_label(sc->first_year + t, y, sizeof y));
    fputc('\n', f);
    for (long long i = 0; i < s->nx; i++) {
        fprintf(f, "%.10g", s->x[i]);
        for (int t = 0; t < sc->nyears; t++)
            fprintf(f, "\t%.6f", s->gap[i * sc->nyears + t]);
        fputc('\n', f);
    }
}

static void sweep_line_script(FILE *f, ctx *c, const void *arg)
{
    const sweep_chart *s = arg;
    const bs_scenario *sc = c->in[0].sc;
    char title[700];
    snprintf(title, sizeof title, "Gap after measures by %s: %s", s->xpath, sc->name);
    script_head(f, c, "sweep", title, 1000, 600);
    double lo = 0, hi = 0;
    for (long long i = 0; i < s->nx * sc->nyears; i++) {
        lo = s->gap[i] < lo ? s->gap[i] : lo;
        hi = s->gap[i] > hi ? s->gap[i] : hi;
    }
    y_range(f, lo, hi, 0);
    fputs("set xlabel ", f);
    gp_str(f, s->xpath);
    fputs(" noenhanced\nset ylabel '£m (negative: a surplus)' noenhanced\n", f);
    fputs("set xzeroaxis lt -1\nset key outside right top noenhanced\n", f);
    fprintf(f, "plot for [i=2:%d] 'sweep.dat' using 1:i with lines lw 2 title columnheader(i)\n", sc->nyears + 1);
}

static void sweep_heat_data(FILE *f, ctx *c, const void *arg)
{
    const sweep_chart *s = arg;
    const bs_scenario *sc = c->in[0].sc;
    dat_text(f, s->xpath);
    fputc('\t', f);
    dat_text(f, s->ypath);
    fputs("\tgap_after_m\n", f);
    for (long long i = 0; i < s->nx; i++) {
        if (i)
            fputc('\n', f); /* one block per value of x, for splot */
        for (long long j = 0; j < s->ny; j++)
            fprintf(f, "%.10g\t%.10g\t%.6f\n", s->x[i], s->y[j], s->gap[(i * s->ny + j) * sc->nyears + s->year]);
    }
}

static void sweep_heat_script(FILE *f, ctx *c, const void *arg)
{
    const sweep_chart *s = arg;
    const bs_scenario *sc = c->in[0].sc;
    char title[700], y[16];
    snprintf(title, sizeof title, "Gap after measures in %s: %s",
             bs_year_label(sc->first_year + s->year, y, sizeof y), sc->name);
    script_head(f, c, "sweep-heat", title, 1000, 760);
    fputs("set xlabel ", f);
    gp_str(f, s->xpath);
    fputs(" noenhanced\nset ylabel ", f);
    gp_str(f, s->ypath);
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

int plot_sweep_line(const char *dir, const bs_scenario *sc, const char *path, const double *x, long long n,
                    const double *gap, bs_error *err)
{
    bs_plot_input in = {sc, NULL, NULL};
    bs_chart_list *list = calloc(1, sizeof *list);
    if (!list)
        return bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    ctx c = {dir, BS_IMG_SVG, &in, 1, list};
    sweep_chart s = {path, "", x, NULL, n, 0, 0, gap};
    int rc = ensure_dir(dir, err) != 0 || write_chart(&c, "sweep", "sweep", sweep_line_data, sweep_line_script, &s, err) != 0 ||
             render(&c, "sweep", err) != 0 ? -1 : 0;
    free(list);
    return rc;
}

int plot_sweep_heat(const char *dir, const bs_scenario *sc, const char *xpath, const double *x, long long nx,
                    const char *ypath, const double *y, long long ny, int year, const double *gap, bs_error *err)
{
    bs_plot_input in = {sc, NULL, NULL};
    bs_chart_list *list = calloc(1, sizeof *list);
    if (!list)
        return bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    ctx c = {dir, BS_IMG_SVG, &in, 1, list};
    sweep_chart s = {xpath, ypath, x, y, nx, ny, year, gap};
    int rc = ensure_dir(dir, err) != 0 ||
                     write_chart(&c, "sweep-heat", "sweep", sweep_heat_data, sweep_heat_script, &s, err) != 0 ||
                     render(&c, "sweep-heat", err) != 0
                 ? -1
                 : 0;
    free(list);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Tornado: a sensitivity run                                          */
/* ------------------------------------------------------------------ */

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
static void tornado_data(FILE *f, ctx *c, const void *arg)
{
    (void)c;
    const bs_sens_result *res = arg;
    int n = tornado_bars(res);
    double base = res->base_metric;
    fputs("setting\ty\tbase\tmetric_low\tmetric_high\tlow_from\tlow_to\thigh_from\thigh_to\tchange_low\tchange_high\n",
          f);
    for (int i = 0; i < n; i++) {
        const bs_sens_row *row = &res->rows[i];
        double lo = row->na_low ? base : row->metric_low, hi = row->na_high ? base : row->metric_high;
        dat_text(f, row->path);
        fprintf(f, "\t%d\t%.10g\t%.10g\t%.10g\t%.10g\t%.10g\t%.10g\t%.10g\t%.10g\t%.10g\n", n - i, base, lo, hi,
                lo < base ? lo : base, lo < base ? base : lo, hi < base ? hi : base, hi < base ? base : hi,
                lo - base, hi - base);
    }
}

static void tornado_script(FILE *f, ctx *c, const void *arg)
{
    const bs_sens_result *res = arg;
    int n = tornado_bars(res);
    char y[16], sw[32], title[700], text[700];
    bs_year_label(res->year, y, sizeof y);
    snprintf(sw, sizeof sw, "%.6g", res->swing_pct);
    snprintf(title, sizeof title, "Sensitivity of %s in %s: %s", res->metric, y, res->name);
    script_head(f, c, "tornado", title, 1100, 170 + 34 * n < 420 ? 420 : 170 + 34 * n);
    double base = res->base_metric, lo = base, hi = base;
    for (int i = 0; i < n; i++) {
        const bs_sens_row *row = &res->rows[i];
        if (!row->na_low) {
            lo = row->metric_low < lo ? row->metric_low : lo;
            hi = row->metric_low > hi ? row->metric_low : hi;
        }
        if (!row->na_high) {
            lo = row->metric_high < lo ? row->metric_high : lo;
            hi = row->metric_high > hi ? row->metric_high : hi;
        }
    }
    /* Never an empty range (gnuplot warns about one); room beside the bars. */
    double pad = hi - lo < 1e-9 * fmax(1.0, fabs(base)) ? fmax(1.0, fabs(base) * 0.01) : (hi - lo) * 0.05;
    fprintf(f, "set xrange [%.10g:%.10g]\nset yrange [0.4:%d.6]\n", lo - pad, hi + pad, n);
    fputs("unset grid\nset grid xtics lc rgb '#dddddd'\nset ytics scale 0\nset border 1 lc rgb '#555555'\n", f);
    fputs("set style fill transparent solid 0.8 noborder\nset key inside bottom right vertical noenhanced\n", f);
    const char *unit = table_unit(res->kind);
    snprintf(text, sizeof text, "%s, %s%s%s (the dashed line: the base, %.6g)", res->label, y, unit[0] ? ", " : "",
             unit, base);
    fputs("set xlabel ", f);
    gp_str(f, text);
    fputs(" noenhanced\n", f);
    fprintf(f, "set arrow 1 from %.10g, graph 0 to %.10g, graph 1 nohead dt 2 lw 2 lc rgb '#333333' front\n", base,
            base);
    /* Paths come from the data (ytic), never from the script. */
    fprintf(f, "plot 'tornado.dat' using 3:2:6:7:($2-0.36):($2+0.36):ytic(1) with boxxyerror lc rgb '%s' title ",
            palette[0]);
    snprintf(text, sizeof text, "each setting %s%% lower", sw);
    gp_str(f, text);
    fprintf(f, ", \\\n     '' using 3:2:8:9:($2-0.36):($2+0.36) with boxxyerror lc rgb '%s' title ", palette[1]);
    snprintf(text, sizeof text, "each setting %s%% higher", sw);
    gp_str(f, text);
    fputc('\n', f);
}

int plot_tornado(const char *dir, bs_image_format fmt, const bs_scenario *sc, const bs_sens_result *res,
                 bs_error *err)
{
    bs_plot_input in = {sc, NULL, NULL};
    bs_chart_list list;
    ctx c = {dir, fmt, &in, 1, &list};
    memset(&list, 0, sizeof list);
    if (tornado_bars(res) == 0)
        return bs_fail(err, "", 0, "--plot", "nothing to chart: the quantity has no value at any swing");
    if (ensure_dir(dir, err) != 0)
        return -1;
    char title[700], y[16];
    snprintf(title, sizeof title, "Sensitivity of %s in %s: %s", res->metric, bs_year_label(res->year, y, sizeof y),
             res->name);
    if (write_chart(&c, "tornado", title, tornado_data, tornado_script, res, err) != 0)
        return -1;
    return render(&c, "tornado", err);
}

/* ------------------------------------------------------------------ */
/* Monte Carlo fan charts                                              */
/* ------------------------------------------------------------------ */

typedef struct {
    const bs_mc_result *res;
    int reserve;          /* 0: the gap after measures, 1: the general reserve */
    const char *name;
} fan_chart;

static void fan_data(FILE *f, ctx *c, const void *arg)
{
    const fan_chart *fc = arg;
    const bs_mc_result *res = fc->res;
    char y[16];
    fputs("year\tbase\tp5\tp25\tp50\tp75\tp95\tminimum\n", f);
    for (int t = 0; t < res->nyears; t++) {
        const double *q = fc->reserve ? res->reserve_m[t] : res->gap_m[t];
        fprintf(f, "%s\t%.6f", bs_year_label(res->first_year + t, y, sizeof y),
                fc->reserve ? res->base_reserve_m[t] : res->base_gap_m[t]);
        for (int k = 0; k < BS_MC_NPCT; k++)
            fprintf(f, "\t%.6f", q[k]);
        fprintf(f, "\t%.6f\n", c->in[0].sc->reserves[0].minimum_m);
    }
}

static void fan_script(FILE *f, ctx *c, const void *arg)
{
    const fan_chart *fc = arg;
    const bs_mc_result *res = fc->res;
    char title[700], source[1000];
    snprintf(title, sizeof title, "%s: %s", fc->reserve ? "General reserve at year end" : "Gap after measures",
             c->in[0].sc->name);
    script_head(f, c, fc->name, title, 1000, 600);
    /* the source line again, with the draws and the seed that repeat the run */
    snprintf(source, sizeof source, "Source: budgetsim montecarlo, %ld draws, seed %lu; scenario %s", res->draws,
             res->seed, c->in[0].sc->source_file);
    fputs("set label 99 ", f);
    gp_str(f, source);
    fputs(" at screen 0.01, screen 0.015 font ',9' tc rgb '#555555' noenhanced\n", f);
    double lo = 0.0, hi = 0.0;
    for (int t = 0; t < res->nyears; t++) {
        const double *q = fc->reserve ? res->reserve_m[t] : res->gap_m[t];
        double b = fc->reserve ? res->base_reserve_m[t] : res->base_gap_m[t];
        lo = fmin(lo, fmin(q[0], b));
        hi = fmax(hi, fmax(q[BS_MC_NPCT - 1], b));
    }
    if (fc->reserve)
        hi = fmax(hi, c->in[0].sc->reserves[0].minimum_m);
    y_range(f, lo, hi, 0);
    fprintf(f, "set ylabel '%s' noenhanced\n",
            fc->reserve ? "£m at the end of the year" : "£m (negative: a surplus)");
    fputs("set xzeroaxis lt -1\nset key outside right top noenhanced\nset offsets 0.2, 0.2, 0, 0\n", f);
    fprintf(f, "plot '%s.dat' using 0:3:7:xtic(1) with filledcurves fc rgb '%s' fs transparent solid 0.25 noborder "
               "title '5th to 95th percentile', \\\n", fc->name, palette[0]);
    fprintf(f, "     '' using 0:4:6 with filledcurves fc rgb '%s' fs transparent solid 0.5 noborder "
               "title '25th to 75th percentile', \\\n", palette[0]);
    fprintf(f, "     '' using 0:5 with linespoints lw 3 pt 7 lc rgb '%s' title 'median', \\\n", palette[0]);
    fprintf(f, "     '' using 0:2 with points pt 6 ps 1.5 lc rgb '#555555' title 'with the file''s own values'");
    if (fc->reserve)
        fprintf(f, ", \\\n     '' using 0:8 with lines dt 2 lw 2 lc rgb '%s' title 'minimum'", palette[5]);
    fputc('\n', f);
}

int plot_fan(const char *dir, bs_image_format fmt, const bs_scenario *sc, const bs_mc_result *res, bs_error *err)
{
    bs_plot_input in = {sc, NULL, NULL};
    bs_chart_list list;
    ctx c = {dir, fmt, &in, 1, &list};
    memset(&list, 0, sizeof list);
    if (ensure_dir(dir, err) != 0)
        return -1;
    const fan_chart charts[2] = {{res, 0, "fan"}, {res, 1, "fan-reserve"}};
    for (int k = 0; k < 2; k++) {
        char title[700];
        snprintf(title, sizeof title, "%s under uncertainty: %s", k ? "General reserve" : "Gap after measures",
                 sc->name);
        if (write_chart(&c, charts[k].name, title, fan_data, fan_script, &charts[k], err) != 0 ||
            render(&c, charts[k].name, err) != 0)
            return -1;
    }
    return 0;
}
