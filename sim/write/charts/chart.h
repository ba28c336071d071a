/* chart.h - what the chart writers share, private to write/plot.c and
 * write/charts/: the context of a set of charts, text made safe for data
 * files and scripts, the common head of a script, one chart's two files
 * (NAME.dat and NAME.gp) and its rendering, and each chart family's entry.
 *
 * This file may use: core/, analyse/, write/ and the C library. */
#ifndef BS_CHART_H
#define BS_CHART_H

#include <stdio.h>

#include "write/plot.h"

/* Okabe-Ito: told apart by colour-blind readers. */
extern const char *const chart_palette[6];

/* A set of charts being written into dir: n scenarios (1, or 2 for a base
 * and an alternative), the charts written so far listed in out. */
typedef struct {
    const char *dir;
    bs_image_format fmt;
    const bs_plot_input *in;
    int n;
    bs_chart_list *out;
} chart_ctx;

/* Writes a chart's data file or its script into f; arg is the chart's own. */
typedef void (*chart_writer)(FILE *f, chart_ctx *c, const void *arg);

/* The argument of a chart drawn for one scenario of the set: which one, and
 * the chart's name (e.g. "waterfall-base"). */
typedef struct {
    int which;
    char name[96];
} chart_pick;

/* Text in a chart. Every text field of a data file is quoted, so that a
 * row is data to gnuplot whatever its text (a line whose first field began
 * with # would be a comment); a label is shortened or wrapped to fit the
 * chart, and the whole name is kept in a comment line before its row.
 * Scenario text reaches a script only as a single-quoted string. All of it
 * is first shown with escapes (write/text.h): control characters and bytes
 * that are not UTF-8 never reach gnuplot, nor an SVG or PDF. */

/* The double quote a " of a name becomes inside a quoted field: ” (U+201D). */
#define CHART_DQUOTE "\xe2\x80\x9d"

/* s as one quoted field of a tab-separated data file: shown with escapes,
 * a double quote as CHART_DQUOTE, a backslash doubled ("" for an empty s). */
void chart_field(FILE *f, const char *s);

/* A label made by chart_label as one quoted field, likewise; its line
 * breaks are written as \n, which gnuplot reads as line breaks. */
void chart_field_label(FILE *f, const char *label);

/* The label of name in a chart: shown with escapes and wrapped onto at
 * most `lines` lines of at most width columns, the last ended with "…"
 * when it is cut (text_wrap). Returns buf. */
char *chart_label(const char *name, int width, int lines, char *buf, size_t size);

/* When label (chart_label of name) does not show name exactly (it is
 * shortened or wrapped, or shows an escape or a ” for a "), the comment line
 * "# whole name: NAME" (with escapes): written before the row or the header
 * that holds the label, so that a reader of the data file loses nothing. */
void chart_whole(FILE *f, const char *name, const char *label);

/* s as a gnuplot string expression: a single-quoted string (plot_quote),
 * after "\047". for each ' s starts with (gnuplot would read '' there as an
 * empty string; a quote character in double quotes would mislead its search
 * for @macros and backquotes). */
void chart_string(FILE *f, const char *s);

/* s wrapped onto at most `lines` lines of width columns (text_wrap), as
 * single-quoted strings joined by ."\n". (a string expression gnuplot
 * reads wherever it takes a string: a title, a label, a key entry). */
void chart_string_fit(FILE *f, const char *s, int width, int lines);

/* How big text is. A chart is laid out on a canvas 1000 units wide (an
 * SVG's pixels), meant to be printed 16 cm wide: a unit is 0.16 mm, or
 * 0.4535 points. Its text is at least CHART_FONT_TEXT units (9.07 points
 * printed so), its title CHART_FONT_TITLE, and its source line
 * CHART_FONT_SOURCE (7.26 points). Every terminal draws the same sizes:
 * the SVG terminal in units, pngcairo in points of 96 to the inch (a font
 * of 15 points is 20 pixels: measured on a rendered PNG, the capital M of
 * DejaVu Sans at 20 points is 20 pixels high, as 0.73 of its em of 26.7),
 * and pdfcairo on a page 16 cm wide, in points (chart_head). A script
 * names them by the gnuplot variables font_text, font_title and
 * font_source (",20" and so on, for the terminal in use). */
#define CHART_FONT_TEXT 20
#define CHART_FONT_TITLE 26
#define CHART_FONT_SOURCE 16

/* gnuplot's own measure of a character of the terminal's font at
 * CHART_FONT_TEXT (the SVG terminal's, 0.7 of its size), which sizes
 * margins and which it uses to warn (budgetsim then fails) when it
 * estimates that tic labels reach more than a quarter of the chart's
 * width beyond the plot's right edge; and a line of that font
 * (pngcairo's, the shortest of the three). */
#define CHART_CHAR_PX 14.0
#define CHART_LINE_PX 23.0

/* A character of text at `points` units as it is drawn, and its line:
 * pngcairo (DejaVu Sans for Helvetica) draws the widest of the three
 * terminals, about 0.7 to 0.8 of the size a character for most text
 * (capitals such as W and M are wider); pdfcairo about as wide. Labels
 * are shortened so that text of this width fits. */
#define CHART_TEXT_PX(points) (0.8 * (points))
#define CHART_TEXT_LINE_PX(points) (1.55 * (points))

/* The columns of one line of a title (CHART_FONT_TITLE) in a chart width
 * units wide, and of a key's entry (CHART_FONT_TEXT) in a key a share of
 * the width. */
int chart_title_width(int width);
int chart_key_width(int width, double share);

/* Labels along a chart's x axis (xtic from the data): labels at x = 0, 1,
 * ... of an axis shown from lo to hi, in a plot lmargin and rmargin
 * characters from the chart's sides, in the tic font (CHART_FONT_TEXT). */
typedef struct {
    int width, height; /* the chart's size in pixels, grown for many labels */
    int rotate;        /* degrees: 30, or 90 when they are too close for 30 */
    int lmargin, rmargin, bmargin; /* the plot's margins, in characters and lines */
    double x0;         /* where x = 0 is, pixels from the left */
    double slot;       /* pixels from one label to the next */
} chart_xaxis;

/* Lay out the labels of an x axis from lo to hi (chart_xaxis) in a chart
 * width by height pixels, with the plot's margins; bmargin holds labels at
 * 30 degrees, and grows with the chart's height when they must stand up. */
void chart_xaxis_layout(chart_xaxis *a, double lo, double hi, int width, int height, int lmargin, int rmargin,
                        int bmargin);

/* The columns the label at x = k may take: within the lines below the
 * plot (above the source line), within the chart on the left, and short
 * enough that gnuplot does not warn on the right. */
int chart_xaxis_cap(const chart_xaxis *a, int k);

/* The margins and "set xtics rotate by R right font font_text", for a. */
void chart_xaxis_script(FILE *f, const chart_xaxis *a);

/* A source line at the foot of a chart: "set label LABEL 'text' ...", the
 * text shortened to fit a chart 1000 pixels wide. */
void chart_source_line(FILE *f, int label, const char *text);

/* A file's name for a chart: its last 50 columns (text_shorten). Returns buf. */
char *chart_file_name(const char *path, char *buf, size_t size);

/* The usual source line, as label LABEL: "Source: budgetsim; scenario
 * FILE" (or "scenarios FILE and FILE" for a pair), each FILE as
 * chart_file_name shows it. */
void chart_source(FILE *f, const chart_ctx *c, int label);

/* The common start of a script: terminal, output, fonts, the title (wrapped
 * onto at most three lines of chart_title_width), the source line. The
 * terminal and the file come from the gnuplot variables fmt ('svg', 'png'
 * or 'pdf'; default c->fmt) and outfile (default NAME.FMT), so that
 * gnuplot -e "fmt='png'" NAME.gp draws NAME.png at the size and fonts
 * budgetsim uses for PNG; any other fmt stops the script with an error. */
void chart_head(FILE *f, const chart_ctx *c, const char *name, const char *title, int width, int height);

/* The title again, wrapped onto at most three lines of `columns`: for a
 * chart whose plot, over which gnuplot centres the title, is narrower than
 * the chart (a key beside it). */
void chart_title(FILE *f, const char *title, int columns);

/* The header line of a data file, without its line end: names, plain
 * column names separated by tabs, each written as a quoted field. */
void chart_header(FILE *f, const char *names);

/* A y range for values between lo and hi (from 0 when from_zero and
 * nothing is below it), a tenth wider at the ends away from 0 and rounded
 * to a step of the axis; never empty (gnuplot warns about an empty range,
 * which it finds whenever every value is the same, as bars of one height). */
void chart_y_range(FILE *f, double lo, double hi, int from_zero);

/* The first year of the set as a label ("2022/23") in buf; returns buf. */
char *chart_year0(const chart_ctx *c, char *buf, size_t n);

/* Make sure dir is a folder, creating it when missing. Returns 0, or -1
 * with err (exit status 3) naming dir. */
int chart_ensure_dir(const char *dir, bs_error *err);

/* Write NAME.dat (by data) and NAME.gp (by script) into c->dir, each whole
 * or not at all, and list the chart with its title. Returns 0, or -1 with
 * err: "DIR: cannot write FILE: reason". */
int chart_write(chart_ctx *c, const char *name, const char *title, chart_writer data, chart_writer script,
                const void *arg, bs_error *err);

/* chart_write for scenario `which` of the set, the chart named BASE and
 * suffix ("-base", "-alt" or ""), with a chart_pick as the writers' arg. */
int chart_write_for(chart_ctx *c, int which, const char *base, const char *suffix, const char *title,
                    chart_writer data, chart_writer script, bs_error *err);

/* Draw c->dir/NAME.gp with gnuplot into NAME.svg, .png or .pdf
 * (write/gnuplot.h). Returns 0, or -1 with err. */
int chart_render(const chart_ctx *c, const char *name, bs_error *err);

/* One chart of scenario sc on its own (a sweep, a tornado, a fan): dir made
 * when missing, NAME.dat and NAME.gp written, the chart rendered. Returns
 * 0, or -1 with err. */
int chart_draw_single(const char *dir, bs_image_format fmt, const bs_scenario *sc, const char *name,
                      const char *title, chart_writer data, chart_writer script, const void *arg, bs_error *err);

/* The charts of plot_all, each written (not yet rendered) for the whole set
 * or for scenario `which` with the name's suffix. Each returns 0, or -1
 * with err as chart_write. */
int chart_lines(chart_ctx *c, bs_error *err);                                   /* charts/lines.c */
int chart_gap(chart_ctx *c, bs_error *err);                                     /* charts/gap.c */
int chart_waterfall(chart_ctx *c, int which, const char *suffix, bs_error *err); /* charts/waterfall.c */
int chart_bills(chart_ctx *c, int which, const char *suffix, bs_error *err);     /* charts/bills.c */
int chart_council(chart_ctx *c, int which, const char *suffix, bs_error *err);   /* charts/hemicycle.c */
int chart_tally(chart_ctx *c, int which, const char *suffix, bs_error *err);     /* charts/tally.c */
int chart_reserves(chart_ctx *c, bs_error *err);                                /* charts/reserves.c */

#endif
