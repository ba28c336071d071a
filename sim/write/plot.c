/* plot.c - gnuplot charts (see plot.h): the formats, and plot_all, which
 * draws the set of charts for a scenario or a pair. Each chart is a file of
 * charts/; what they share (safe text, the head of a script, a chart's two
 * files and their rendering) is charts/chart.c; running gnuplot is
 * gnuplot.c.
 *
 * This file may use: core/, analyse/, write/, the C library and POSIX. */
#include "write/plot.h"

#include <stdio.h>
#include <string.h>

#include "write/charts/chart.h"
#include "write/colour.h"
#include "write/emit.h"

int plot_parse_format(const char *s)
{
    static const char *const names[] = {"svg", "png", "pdf"}; /* in the order of bs_image_format */
    return bs_name_index(s, names, 3);
}

/* The order of the charts is the order of a report: the gap after
 * measures year by year, the service lines (a pair only), then for each scenario its waterfall, bills, council and
 * tally (when it has a council, and uncertain members), then the reserves. */
int plot_all(const char *dir, bs_image_format fmt, const bs_plot_input *in, int n, bs_chart_list *out,
             bs_error *err)
{
    chart_ctx c = {dir, fmt, in, n, out};
    memset(out, 0, sizeof *out);
    if (chart_ensure_dir(dir, err) != 0)
        return -1;
    /* two groups a reader could not tell apart: a warning each (the charts
     * keep the scenario's colours; the exit status is not changed) */
    for (int k = 0; k < n; k++)
        if (in[k].ballot)
            colour_warn_groups(stderr, in[k].sc->source_file, &in[k].ballot->final->chamber);
    if (chart_gap(&c, err) != 0 || (n == 2 && chart_lines(&c, err) != 0))
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
