/* gnuplot.h - a chart drawn by running gnuplot on its script, without a
 * shell; the chart is kept only when gnuplot exits 0, prints nothing (not
 * even a warning), every byte of the chart could be written, and the bytes
 * make a whole chart of its format (write/imagecheck.h). Private to the chart writers
 * (write/plot.c, write/charts/) and the report (write/report.c: SVG beside PDF charts).
 *
 * This file may use: core/ and the C library. */
#ifndef BS_GNUPLOT_H
#define BS_GNUPLOT_H

#include "core/util.h"

/* Run gnuplot on DIR/NAME.gp in dir and write the chart to DIR/NAME.EXT
 * (under a temporary name, renamed when complete), in format EXT ("svg",
 * "png" or "pdf": the script's fmt, whatever its default). Returns 0, or -1 with
 * err (exit status 3): gnuplot missing ("gnuplot is not installed: ..."),
 * not started ("cannot run gnuplot: reason"), failing or printing anything
 * ("gnuplot failed on DIR/NAME.gp: its words"), the chart not written
 * ("DIR: cannot write NAME.EXT: reason"), or what it wrote not a whole
 * chart ("gnuplot drew no whole chart in DIR/NAME.EXT: it is empty"). */
int gnuplot_render(const char *dir, const char *name, const char *ext, bs_error *err);

#endif
