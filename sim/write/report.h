/* report.h - a report comparing a base budget and an alternative: report.md
 * and report.html (one self-contained page, the charts embedded) with the
 * comparison tables, the vote and every chart.
 *
 * This file may use: core/, analyse/, write/ and the C library. */
#ifndef BS_REPORT_H
#define BS_REPORT_H

#include "write/plot.h"

/* Write dir/report.md and dir/report.html for in[0] (base) and in[1]
 * (alternative), with the charts already written in dir. Each file is
 * written under a temporary name and renamed when complete. */
int report_write(const char *dir, const bs_plot_input *in, const bs_chart_list *charts, bs_image_format fmt,
                 bs_error *err);

#endif
