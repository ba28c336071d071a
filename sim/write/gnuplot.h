/* gnuplot.h - a chart drawn by running gnuplot on its script, without a
 * shell; the chart is kept only when gnuplot exits 0, prints nothing and
 * every byte of the chart could be written. Private to the chart writers
 * (write/plot.c, write/charts/).
 *
 * This file may use: core/ and the C library. */
#ifndef BS_GNUPLOT_H
#define BS_GNUPLOT_H

#include "core/util.h"

/* Run gnuplot on DIR/NAME.gp in dir and write the chart to DIR/NAME.EXT
 * (under a temporary name, renamed when complete). Returns 0, or -1 with
 * err (exit status 3): gnuplot missing ("gnuplot is not installed: ..."),
 * not started ("cannot run gnuplot: reason"), failing or printing anything
 * ("gnuplot failed on DIR/NAME.gp: its words"), or the chart not written
 * ("DIR: cannot write NAME.EXT: reason"). */
int gnuplot_render(const char *dir, const char *name, const char *ext, bs_error *err);

#endif
