/* draw.h - charts drawn through a staging folder (write/stage.h), and an
 * output file that waits for its charts: the output is renamed into place
 * only once the charts are drawn too (sweep, sensitivity, montecarlo).
 *
 * This file may use: cli/, write/, analyse/, load/, core/ and the C
 * library. */
#ifndef BS_CLI_DRAW_H
#define BS_CLI_DRAW_H

#include "write/outfile.h"
#include "write/plot.h"
#include "write/stage.h"

/* Draw charts into folder (the staging folder). Returns 0, or -1 with err. */
typedef int draw_fn(const char *folder, void *arg, bs_error *err);

/* Draw with fn into a staging folder in dir (opened stands for one already
 * open, NULL to open it here) and move the files into dir together once
 * every one is written, so a run that fails half way leaves the old set as
 * it was. When gnuplot is missing or fails, the data and scripts (complete,
 * and named by the message) are still put in place, never a chart. The
 * staging folder is closed either way. Returns 0, or -1 with err. */
int draw_staged(bs_stage *opened, const char *dir, draw_fn *fn, void *arg, bs_error *err);

/* The charts of a command with an output (--plot DIR). */
typedef struct {
    bs_stage stage;
    int open; /* the staging folder is open: charts_abort() removes it */
} cli_charts;

/* Open the staging folder in dir before the work starts, so that a folder
 * that cannot be written stops the run first; nothing when dir is NULL.
 * Returns 0, or -1 with err. */
int charts_open(cli_charts *c, const char *dir, bs_error *err);

/* Close out (ok: whether its writer succeeded) under its temporary name,
 * draw the charts with fn when the folder is open, then rename the output
 * into place, or remove it when the charts failed. The folder is closed
 * either way. Returns 0, or -1 with err. */
int charts_finish(cli_charts *c, bs_outfile *out, int ok, draw_fn *fn, void *arg, bs_error *err);

/* The charts' format of a command whose --format is its table's (sweep,
 * sensitivity, montecarlo): --plot-format svg|png|pdf (option, as the user
 * spelled it, for the message). Returns -1 with *fmt set, or the usage
 * error's exit status. */
int charts_parse_format(const char *command, const char *option, const char *arg, bs_image_format *fmt);

/* Remove the staging folder if it is still open (the run failed). */
void charts_abort(cli_charts *c);

#endif
