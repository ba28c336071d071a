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

/* s as one field of a tab-separated data file: control characters become
 * spaces, a double quote a typographic one, a backslash is doubled; "-" for
 * an empty s. */
void chart_field(FILE *f, const char *s);

/* s as a gnuplot single-quoted string (plot_quote). */
void chart_string(FILE *f, const char *s);

/* A source line at the foot of a chart: "set label LABEL 'text' ...". */
void chart_source_line(FILE *f, int label, const char *text);

/* The usual source line, as label LABEL: "Source: budgetsim; scenario
 * FILE" (or "scenarios FILE and FILE" for a pair). */
void chart_source(FILE *f, const chart_ctx *c, int label);

/* The common start of a script: terminal, output, fonts, title, source line. */
void chart_head(FILE *f, const chart_ctx *c, const char *name, const char *title, int width, int height);

/* A y range for values between lo and hi: from 0 when from_zero and nothing
 * is below it, and never empty (gnuplot warns about an empty range). */
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
int chart_waterfall(chart_ctx *c, int which, const char *suffix, bs_error *err); /* charts/waterfall.c */
int chart_bills(chart_ctx *c, int which, const char *suffix, bs_error *err);     /* charts/bills.c */
int chart_council(chart_ctx *c, int which, const char *suffix, bs_error *err);   /* charts/hemicycle.c */
int chart_tally(chart_ctx *c, int which, const char *suffix, bs_error *err);     /* charts/tally.c */
int chart_reserves(chart_ctx *c, bs_error *err);                                /* charts/reserves.c */

#endif
