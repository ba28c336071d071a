/* chart.c - what every chart shares (see charts/chart.h): the palette,
 * text made safe for gnuplot's data files and scripts, labels shortened to
 * the room they have, the head of a script with its title and source line,
 * y ranges, a chart's two files (data and script) written through the
 * staging folder, and rendering them.
 *
 * This file may use: core/, analyse/, write/, the C library and POSIX. */
#include "write/charts/chart.h"

#include "core/palette.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "write/emit.h"
#include "write/gnuplot.h"
#include "write/outfile.h"
#include "write/output.h"
#include "write/inputs.h"
#include "write/text.h"

const char *const chart_palette[6] = {BS_PALETTE_0, BS_PALETTE_1, BS_PALETTE_2, BS_PALETTE_3, BS_PALETTE_4, BS_PALETTE_5};

const char *plot_extension(bs_image_format f)
{
    return f == BS_IMG_PNG ? "png" : f == BS_IMG_PDF ? "pdf" : "svg";
}

/* ------------------------------------------------------------------ */
/* Safe text                                                           */
/* ------------------------------------------------------------------ */

void plot_quote(const char *s, char *buf, size_t size)
{
    char shown[4200], drawn[4200];
    size_t o = 0;
    if (size < 3) {
        if (size)
            buf[0] = '\0';
        return;
    }
    /* only characters the charts' font draws (text_drawable) */
    text_drawable(text_display(s, drawn, sizeof drawn), shown, sizeof shown);
    buf[o++] = '\'';
    for (const char *p = shown; *p;) {
        int n = text_char_len(p);
        n = n ? n : 1; /* shown text is valid UTF-8: never 0 */
        size_t need = *p == '\'' ? 2 : (size_t)n;
        if (o + need + 2 > size) /* room for the closing quote and the NUL */
            break;
        if (*p == '\'')
            buf[o++] = '\'';
        memcpy(buf + o, p, (size_t)n);
        o += (size_t)n;
        p += n;
    }
    buf[o++] = '\'';
    buf[o] = '\0';
}

/* Shown text (text_display, with '\n' where a label is wrapped) as one
 * quoted field: gnuplot ends a quoted field at any double quote, hence the
 * typographic one; it reads \n, \t and \\ in a quoted field as escapes,
 * hence the doubled backslash (and \n for a wrapped label's line break). */
static void field_shown(FILE *f, const char *shown)
{
    fputc('"', f);
    for (const char *p = shown; *p; p++) {
        if (*p == '"')
            fputs(CHART_DQUOTE, f);
        else if (*p == '\\')
            fputs("\\\\", f);
        else if (*p == '\n')
            fputs("\\n", f);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

void chart_field(FILE *f, const char *s)
{
    char shown[4200], drawn[4200];
    field_shown(f, text_drawable(text_display(s, shown, sizeof shown), drawn, sizeof drawn));
}

void chart_field_label(FILE *f, const char *label)
{
    char drawn[4200];
    field_shown(f, text_drawable(label, drawn, sizeof drawn));
}

char *chart_label(const char *name, int width, int lines, char *buf, size_t size)
{
    char wrapped[4200];
    return text_drawable(text_wrap(name, width, lines, wrapped, sizeof wrapped), buf, size);
}

void chart_whole(FILE *f, const char *name, const char *label)
{
    char shown[4200], flat[4200];
    text_display(name, shown, sizeof shown);
    bs_strlcpy(flat, label, sizeof flat);
    for (char *p = flat; *p; p++)
        if (*p == '\n')
            *p = ' ';
    if (strcmp(flat, name) == 0 && !strchr(name, '"'))
        return;
    fputs("# whole name: ", f);
    fputs(shown, f);
    fputc('\n', f);
}

void chart_string(FILE *f, const char *s)
{
    char shown[4200], buf[8400];
    const char *p = text_display(s, shown, sizeof shown);
    /* gnuplot reads '' just after a string's opening quote as an empty
     * string: a leading ' is written "\047" (octal: a quote character
     * there would mislead gnuplot's search for @macros and `commands`,
     * which would then find them in the single-quoted string after it) */
    for (; *p == '\''; p++)
        fputs("\"\\047\".", f);
    plot_quote(p, buf, sizeof buf);
    fputs(buf, f);
}

void chart_string_fit(FILE *f, const char *s, int width, int lines)
{
    char wrapped[4200];
    text_wrap(s, width, lines, wrapped, sizeof wrapped);
    char *line = wrapped;
    for (int first = 1;; first = 0) {
        char *end = strchr(line, '\n');
        if (end)
            *end = '\0';
        fputs(first ? "" : ".\"\\n\".", f);
        chart_string(f, line);
        if (!end)
            break;
        line = end + 1;
    }
}

/* ------------------------------------------------------------------ */
/* Room for text                                                       */
/* ------------------------------------------------------------------ */

int chart_title_width(int width)
{
    return (int)((width - 60) / CHART_TEXT_PX(CHART_FONT_TITLE));
}

int chart_key_width(int width, double share)
{
    return (int)(width * share / CHART_TEXT_PX(CHART_FONT_TEXT));
}

void chart_xaxis_layout(chart_xaxis *a, double lo, double hi, int width, int height, int lmargin, int rmargin,
                        int bmargin)
{
    const double span = hi - lo > 0 ? hi - lo : 1;
    const double sides = (lmargin + rmargin) * CHART_CHAR_PX;
    a->width = width;
    a->height = height;
    a->lmargin = lmargin;
    a->rmargin = rmargin;
    a->bmargin = bmargin;
    a->slot = (width - sides) / span;
    /* at 30 degrees labels a slot apart are slot / 2 apart across their
     * lines; upright, a slot apart: never closer than a line of the tic font */
    a->rotate = a->slot >= 34 ? 30 : 90;
    if (a->rotate == 90) {
        a->bmargin += 3;
        a->height += (int)(3 * CHART_LINE_PX + 0.5);
        if (a->slot < 18) {
            a->slot = 18;
            a->width = (int)ceil(sides + 18 * span);
        }
    }
    a->x0 = lmargin * CHART_CHAR_PX - lo * a->slot;
}

int chart_xaxis_cap(const chart_xaxis *a, int k)
{
    const double cw = CHART_TEXT_PX(CHART_FONT_TEXT), line = CHART_TEXT_LINE_PX(CHART_FONT_TEXT);
    /* below the plot: the tics' gap, then the labels, then the source line */
    double room = (a->bmargin - 2.5) * CHART_LINE_PX, cap;
    double x = a->x0 + k * a->slot, right = a->width - a->rmargin * CHART_CHAR_PX;
    if (a->rotate == 90) {
        cap = room / cw;
    } else {
        const double sn = 0.5, cs = 0.8660254;
        cap = (room - line * cs) / (cw * sn);
        cap = fmin(cap, (x - 8) / (cw * cs));
        /* gnuplot's estimate: the label's length in the terminal's font,
         * reaching right of its tic, less the room left in the plot */
        cap = fmin(cap, (a->width / 4.0 + (right - x)) / (CHART_CHAR_PX * cs) - 2);
    }
    int n = (int)floor(cap);
    return n < 4 ? 4 : n > 60 ? 60 : n;
}

void chart_xaxis_script(FILE *f, const chart_xaxis *a)
{
    fprintf(f, "set lmargin %d\nset rmargin %d\nset bmargin %d\n", a->lmargin, a->rmargin, a->bmargin);
    fprintf(f, "set xtics rotate by %d right font font_text\n", a->rotate);
}

/* ------------------------------------------------------------------ */
/* Scripts                                                             */
/* ------------------------------------------------------------------ */

void chart_source_line(FILE *f, int label, const char *text)
{
    char shown[1200];
    fprintf(f, "set label %d ", label);
    chart_string(f, text_shorten(text, (int)(980 / CHART_TEXT_PX(CHART_FONT_SOURCE)), TEXT_KEEP_START, shown, sizeof shown));
    /* its middle 0.8 of a line (CHART_FONT_TEXT) above the foot: at
     * screen 0.015 a 600-unit chart drew its descenders on the PNG's last
     * rows (tests/chartlook.pl) */
    fputs(" at screen 0.01, screen 0 offset 0,0.8 font font_source tc rgb '#555555' noenhanced\n", f);
}

char *chart_file_name(const char *path, char *buf, size_t size)
{
    return text_shorten(path, 50, TEXT_KEEP_END, buf, size);
}

void chart_source(FILE *f, const chart_ctx *c, int label)
{
    char source[1400], a[400], b[400], sets[BS_NAME_MAX * 4], shown[200];
    /* the files by name alone: "scenario scenarios/x.cfg" said the word twice */
    chart_file_name(c->in[0].sc->source_file, a, sizeof a);
    const char *version = inputs_get()->version;
    size_t n = (size_t)snprintf(source, sizeof source, "Source: budgetsim%s%s; %s", version ? " " : "",
                                version ? version : "", a);
    if (c->n == 2 && n < sizeof source)
        n += (size_t)snprintf(source + n, sizeof source - n, " and %s",
                              chart_file_name(c->in[1].sc->source_file, b, sizeof b));
    /* the overrides (on the alternative when there are two), shortened: the line has one row of room */
    inputs_overrides_line(c->n == 2 ? 1 : 0, sets, sizeof sets);
    if (sets[0] && n < sizeof source)
        n += (size_t)snprintf(source + n, sizeof source - n, "; %s%s", c->n == 2 ? "alternative " : "",
                              text_shorten(sets, 60, TEXT_KEEP_START, shown, sizeof shown));
    /* which budget: the one the meeting adopted, or not (analyse/meeting.h) */
    for (int k = 0; k < c->n; k++) {
        const bs_meeting *m = c->in[k].meeting;
        n = strlen(source);
        if (meeting_said(m) && n < sizeof source)
            snprintf(source + n, sizeof source - n, "%s%s", c->n == 2 ? (k ? ", alternative " : "; base ") : "; ",
                     m->as_proposed ? "as proposed" : m->adopted ? "as adopted by the meeting"
                                                                 : "NOT adopted: as proposed");
    }
    chart_source_line(f, label, source);
}

void chart_head(FILE *f, const chart_ctx *c, const char *name, const char *title, int width, int height)
{
    const char *ext = plot_extension(c->fmt);
    fprintf(f, "# budgetsim chart. Re-run by hand in this folder: gnuplot %s.gp\n", name);
    fprintf(f, "# In another format (svg, png or pdf; default %s): gnuplot -e \"fmt='png'\" %s.gp\n", ext, name);
    fprintf(f, "# The data are in %s.dat (tab-separated, text in double quotes, with a header line).\n", name);
    for (int k = 0; k < c->n; k++) {
        /* the meeting's lines as comments, shown with escapes: no line break ends the comment */
        static char lines[2][BS_MEETING_LINE_MAX], shown[BS_MEETING_LINE_MAX * 4];
        int nl = output_meeting_lines(c->in[k].meeting, lines);
        for (int i = 0; i < nl; i++)
            fprintf(f, "# %s%s\n", c->n == 2 ? (k ? "Alternative: " : "Base: ") : "",
                    text_display(lines[i], shown, sizeof shown));
    }
    /* every input, each file with its SHA-256 (write/inputs.h): one comment line, shown with escapes */
    inputs_text(f, "# ");
    /* the format and the file from variables, each with the default this
     * script was written for: gnuplot -e "fmt='png'" NAME.gp writes NAME.png
     * with the terminal (size and font) budgetsim uses for PNG */
    fprintf(f, "if (!exists(\"fmt\")) fmt = '%s'\n", ext);
    fprintf(f, "if (!exists(\"outfile\")) outfile = '%s.'.fmt\n", name);
    /* nested: gnuplot 5.4 reads no "else if". fs: the terminal's font
     * size for a unit of the canvas (chart.h): 1 in an SVG, 0.75 points
     * (96 to the inch) in a PNG, 0.4535 points on a PDF page 16 cm wide */
    fprintf(f, "if (fmt eq 'svg') {\n"
               "    fs = 1\n"
               "    set terminal svg size %d,%d dynamic font 'Helvetica,%d' background rgb 'white'\n"
               "} else {\n"
               "    if (fmt eq 'png') {\n"
               "        fs = 0.75\n"
               "        set terminal pngcairo size %d,%d font 'Helvetica,%g' background rgb 'white'\n"
               "    } else {\n"
               "        if (fmt eq 'pdf') {\n"
               "            fs = 0.4535\n"
               "            set terminal pdfcairo size %.2fcm,%.2fcm font 'Helvetica,%.2f'\n"
               "        } else {\n"
               "            exit error \"fmt must be 'svg', 'png' or 'pdf', not '\".fmt.\"'\"\n"
               "        }\n"
               "    }\n"
               "}\n",
            width, height, CHART_FONT_TEXT, width, height, CHART_FONT_TEXT * 0.75, width * 0.016, height * 0.016,
            CHART_FONT_TEXT * 0.4535);
    fprintf(f, "font_text = sprintf(',%%g', %d * fs)\nfont_title = sprintf(',%%g', %d * fs)\n"
               "font_source = sprintf(',%%g', %d * fs)\n",
            CHART_FONT_TEXT, CHART_FONT_TITLE, CHART_FONT_SOURCE);
    /* every text is UTF-8 (text_display): told so, gnuplot counts a
     * character, not its bytes, when it estimates a label's width (else a
     * label with ” or Ω made it warn of no room for the tic labels) */
    fputs("set encoding utf8\n", f);
    fputs("set output outfile\nset datafile separator '\\t'\nset datafile columnheaders\n", f);
    fputs("set border 3 lc rgb '#555555'\nset tics nomirror\nset grid ytics lc rgb '#dddddd'\n", f);
    fputs("set key noenhanced\nset xtics noenhanced\nset ytics noenhanced\n", f);
    chart_title(f, title, chart_title_width(width));
    chart_source(f, c, 99);
    fputs("set bmargin 5\n", f);
}

void chart_title(FILE *f, const char *title, int columns)
{
    fputs("set title ", f);
    chart_string_fit(f, title, columns, 3);
    fputs(" noenhanced font font_title\n", f);
}

void chart_header(FILE *f, const char *names)
{
    char name[200];
    for (const char *p = names; *p;) {
        size_t n = strcspn(p, "\t");
        snprintf(name, sizeof name, "%.*s", (int)n, p);
        fputs(p == names ? "" : "\t", f);
        chart_field(f, name);
        p += n;
        if (*p == '\t')
            p++;
    }
}

/* A step for an axis over span (> 0): 1, 2 or 5 times a power of ten, near
 * a fifth of it. */
static double nice_step(double span)
{
    double raw = span / 5, p = pow(10, floor(log10(raw))), m = raw / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

void chart_y_range(FILE *f, double lo, double hi, int from_zero)
{
    if (from_zero && lo >= 0)
        lo = 0;
    if (hi - lo < 1e-9) {
        fprintf(f, "set yrange [%.6g:%.6g]\n", lo - 1, hi + 1);
        return;
    }
    /* Not autoscaled: gnuplot warns about an empty range when every value
     * is the same (bars of one height), whatever the range's limits. A
     * tenth more at each end away from 0 (room for a value above a bar),
     * rounded out to a step of the axis. */
    double span = hi - lo, pad = span * 0.1, step = nice_step(span + 2 * pad) / 2;
    if (fabs(lo) < span * 1e-3) /* a rounding's worth below 0 is 0 */
        lo = 0;
    if (fabs(hi) < span * 1e-3)
        hi = 0;
    double a = lo < 0 ? floor((lo - pad) / step) * step : lo > 0 ? floor(lo / step) * step : 0;
    double b = hi > 0 ? ceil((hi + pad) / step) * step : hi < 0 ? ceil(hi / step) * step : 0;
    fprintf(f, "set yrange [%.10g:%.10g]\n", a, b);
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
    bs_plot_input in = {sc, NULL, NULL, NULL, NULL};
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
