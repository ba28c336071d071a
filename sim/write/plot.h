/* plot.h - charts: for each, a gnuplot script and its data file that a user
 * can re-run by hand (`gnuplot NAME.gp` in the chart folder), and the chart
 * rendered by running gnuplot (without a shell).
 *
 * Text from a scenario (titles, line, group and member names) is first
 * shown with escapes (write/text.h: no control character, no byte that is
 * not UTF-8), then reaches gnuplot only as a quoted field of a data file
 * (every row is data, whatever its text; a label shortened to fit, the whole
 * name in a comment line before its row) or as a single-quoted string with
 * its quotes doubled, and is printed with `noenhanced`: nothing in a
 * scenario is ever executed or expanded by gnuplot. A chart is kept only
 * when gnuplot says nothing and draws a whole chart (write/gnuplot.h). Every
 * file is written under a temporary name and renamed when complete.
 *
 * This file may use: core/, analyse/, write/, the C library and POSIX; gnuplot
 * runs as a program. */
#ifndef BS_PLOT_H
#define BS_PLOT_H

#include "analyse/ballot.h"
#include "analyse/meeting.h"
#include "analyse/montecarlo.h"
#include "analyse/sensitivity.h"

typedef enum { BS_IMG_SVG = 0, BS_IMG_PNG = 1, BS_IMG_PDF = 2 } bs_image_format;

/* One scenario to chart: its budget and, when it has a council, its meeting. */
typedef struct {
    const bs_scenario *sc;
    const bs_result *r;
    const bs_ballot *ballot; /* NULL when the scenario describes no council */
    const bs_meeting *meeting; /* what its meeting decided (NULL, or not held: nothing is said) */
    const struct bs_provenance *sources; /* where each setting came from (load/provenance.h), for the
                                          * report's appendix; NULL: none */
} bs_plot_input;

#define BS_MAX_CHARTS 16

/* The charts written: names without extension, and titles for a report. */
typedef struct {
    int n;
    char name[BS_MAX_CHARTS][96];
    char title[BS_MAX_CHARTS][400];
    int rendered; /* 1 when gnuplot drew them all */
} bs_chart_list;

/* Parse "svg", "png" or "pdf"; -1 when unknown. */
int plot_parse_format(const char *s);
const char *plot_extension(bs_image_format f);

/* Write the charts for one scenario (n = 1) or a base and an alternative
 * (n = 2) into dir, then render them. Returns 0; or -1 with err: status 3
 * when gnuplot is missing or fails (the scripts and data are still there) or
 * a file cannot be written. */
int plot_all(const char *dir, bs_image_format fmt, const bs_plot_input *in, int n, bs_chart_list *out,
             bs_error *err);

/* Sweeps, in format fmt. A one-dimensional sweep: sweep.dat and sweep.gp, the gap
 * after measures in each year (gap[i x nyears + t]) against the n values x
 * of the setting at path. A two-dimensional one: sweep-heat.dat and
 * sweep-heat.gp, a heat map of the gap in year index `year` over the grid
 * x (nx values, varied slowest) by y (ny values), with the balanced-budget
 * frontier (gap = 0) as a contour. dir is created if missing; the chart is
 * rendered. Returns 0, or -1 with err (status 3). */
int plot_sweep_line(const char *dir, bs_image_format fmt, const bs_scenario *sc, const char *path, const double *x,
                    long long n, const double *gap, bs_error *err);
int plot_sweep_heat(const char *dir, bs_image_format fmt, const bs_scenario *sc, const char *xpath, const double *x,
                    long long nx, const char *ypath, const double *y, long long ny, int year, const double *gap,
                    bs_error *err);

/* Text made safe for a gnuplot single-quoted string: shown with escapes
 * (write/text.h: control characters and bytes that are not UTF-8 as \xHH),
 * each ' doubled, cut at a character when buf is too small; written with its
 * quotes into buf. gnuplot reads '' just after the opening quote as an empty
 * string, so a text that starts with ' must be written otherwise (the chart
 * writers write such quotes as "\047"). Exposed for tests. */
void plot_quote(const char *s, char *buf, size_t size);

/* A tornado chart of a sensitivity run (tornado.gp, tornado.dat and the
 * chart) in dir: for each of the (at most 15) settings with the largest
 * effect, a bar from the base to the quantity at the low swing and one to
 * the quantity at the high swing, labelled with the setting's path (from the
 * data file). sc is the scenario swung (for the source line). Returns 0, or
 * -1 with err as plot_all. */
#define BS_TORNADO_MAX 15
int plot_tornado(const char *dir, bs_image_format fmt, const bs_scenario *sc, const bs_sens_result *res,
                 bs_error *err);

/* Fan charts of a Monte Carlo run in dir: fan.gp, fan.dat and the chart of
 * the gap after measures by year (the 5th to 95th percentile band, the 25th
 * to 75th inside it, the median line and the value with the file's own
 * settings), and fan-reserve.* likewise for the general reserve at year end
 * with its minimum. dir is created if missing. Returns 0, or -1 with err as
 * plot_all. */
int plot_fan(const char *dir, bs_image_format fmt, const bs_scenario *sc, const bs_mc_result *res, bs_error *err);

#endif
