/* cmd_plot.c - budgetsim plot (charts of one scenario, or a base and an
 * alternative) and budgetsim report (every chart, then report.md and
 * report.html), drawn into a folder through a staging folder.
 *
 * This file may use: cli/, write/, analyse/, load/, core/ and the C
 * library. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/commands.h"
#include "cli/draw.h"
#include "cli/options.h"
#include "cli/scenarios.h"
#include "write/plot.h"
#include "write/report.h"

static const char usage_plot[] =
    "usage: budgetsim plot FILE [ALT] [-o DIR] [--format svg|png|pdf] [--set path=value]... [--as-proposed]\n"
    "\n"
    "Write charts for one scenario, or a base and an alternative, into DIR (default plots):\n"
    "for each, a gnuplot script NAME.gp and its data NAME.dat that you can re-run by hand\n"
    "(cd DIR; gnuplot NAME.gp), and the chart drawn by gnuplot: adopted against\n"
    "alternative by service line, a waterfall from the gap to the budget, reserves over\n"
    "the horizon, household bills by band, the council as a hemicycle, and the\n"
    "distribution of the votes for when the vote is uncertain. A scenario that holds\n"
    "amendments is charted as the council meeting adopts it.\n"
    "\n"
    "  -o, --output DIR  the folder (created if missing)\n"
    "  --format F        svg (default), png or pdf\n"
    "  --set path=value  override a setting of the last scenario given (repeatable)\n"
    "  --as-proposed     the budgets as proposed, before their meetings' amendments\n"
    "  -h, --help        this help\n";

static const char usage_report[] =
    "usage: budgetsim report BASE ALT [-o DIR] [--format svg|png|pdf] [--set path=value]... [--as-proposed]\n"
    "\n"
    "Write every chart of 'budgetsim plot BASE ALT' into DIR (default plots), then\n"
    "report.md and report.html: the comparison tables, the vote and the charts, the\n"
    "HTML one self-contained page with the charts embedded. A scenario that holds\n"
    "amendments is reported as the council meeting adopts it.\n"
    "\n"
    "  -o, --output DIR  the folder (created if missing)\n"
    "  --format F        svg (default), png or pdf, for the charts (report.html embeds\n"
    "                    SVG and PNG charts; with pdf an SVG of each, drawn beside\n"
    "                    the PDF, and links the PDF)\n"
    "  --set path=value  override a setting of the alternative (repeatable)\n"
    "  --as-proposed     the budgets as proposed, before their meetings' amendments\n"
    "  -h, --help        this help\n";

enum { OPT_IMAGE = 'F' };

/* --format is the charts' image format here. */
static const cli_option plot_options[] = {{"set", required_argument, CLI_SET},
                                          {"as-proposed", no_argument, CLI_AS_PROPOSED},
                                          {"format", required_argument, OPT_IMAGE},
                                          {"output", required_argument, CLI_OUTPUT},
                                          {NULL, 0, 0}};

/* What a plot or report is drawn from. */
typedef struct {
    int is_report;
    bs_image_format image;
    const bs_plot_input *in;
    int n;
    bs_chart_list *list;
} plot_job;

/* --format svg|png|pdf. */
static int plot_option(cli_args *a, void *ctx, int key, const char *arg)
{
    plot_job *j = ctx;
    int img = plot_parse_format(arg);
    (void)key;
    if (img < 0)
        return cli_usage_error(a->command, "--format must be svg, png or pdf, not '%s'", arg);
    j->image = (bs_image_format)img;
    return -1;
}

/* Draw the charts (and the report) into folder. */
static int draw_plots(const char *folder, void *arg, bs_error *err)
{
    plot_job *j = arg;
    if (plot_all(folder, j->image, j->in, j->n, j->list, err) != 0)
        return -1;
    return j->is_report ? report_write(folder, j->in, j->list, j->image, err) : 0;
}

/* Draw into dir, then name the files written on standard output. Returns
 * 0, or -1 with err. */
static int draw_and_list(plot_job *j, const char *dir, bs_error *err)
{
    if (!(j->list = calloc(1, sizeof *j->list)))
        return bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    int rc = draw_staged(NULL, dir, draw_plots, j, err);
    if (rc == 0 && j->is_report)
        printf("%s/report.html\n%s/report.md\n", dir, dir);
    for (int i = 0; rc == 0 && !j->is_report && i < j->list->n; i++)
        printf("%s/%s.%s\n", dir, j->list->name[i], plot_extension(j->image));
    free(j->list);
    return rc != 0 ? -1 : bs_stream_finish(stdout, "standard output", err);
}

/* Where each setting of a->files[i] came from (--set on the last), for the
 * report's appendix: its files were read already, and are not read again. */
static int report_sources(const cli_args *a, int i, bs_provenance **p, bs_error *err)
{
    bs_source *src = NULL;
    int last = i == a->nfiles - 1;
    int rc = read_source(a->files[i], &src, err);
    if (rc == 0)
        rc = read_provenance(src, a->overrides, last ? a->noverrides : 0, p, err);
    source_free(src);
    return rc;
}

/* plot and report: load each scenario (--set on the last) with its vote,
 * check they cover the same years, draw. */
static int plot_or_report(const cli_spec *spec, int is_report, int argc, char **argv)
{
    plot_job job = {is_report, BS_IMG_SVG, NULL, 0, NULL};
    cli_args a;
    int status = cli_parse(spec, argc, argv, &a, &job);
    if (status >= 0)
        return status;
    bs_error err = {0};
    cli_loaded l[2] = {{0}, {0}};
    bs_provenance *prov[2] = {NULL, NULL};
    bs_plot_input in[2];
    int n = a.nfiles;
    status = BS_EXIT_OK;
    for (int i = 0; i < n && status == BS_EXIT_OK; i++) {
        if (load_with_vote(&a, i, i == n - 1, &l[i], &err) != 0)
            status = cli_report(NULL, &err);
        else if (i == n - 1) /* --set changes the last: its titles and key say so */
            mark_overridden(&a, l[i].sc);
        in[i] = (bs_plot_input){l[i].sc, l[i].r, l[i].b, &l[i].m, NULL};
        if (status == BS_EXIT_OK && is_report && report_sources(&a, i, &prov[i], &err) != 0)
            status = cli_report(NULL, &err);
        in[i].sources = prov[i];
    }
    if (status == BS_EXIT_OK && n == 2 && (l[0].sc->first_year != l[1].sc->first_year ||
                                           l[0].sc->nyears != l[1].sc->nyears)) {
        bs_fail(&err, a.files[1], 0, "horizon", "covers other years than the base; charts need the same years");
        status = cli_report(NULL, &err);
    }
    job.in = in;
    job.n = n;
    if (status == BS_EXIT_OK && draw_and_list(&job, a.output ? a.output : "plots", &err) != 0)
        status = cli_report(NULL, &err);
    for (int i = 0; i < 2; i++) {
        loaded_free(&l[i]);
        provenance_free(prov[i]);
    }
    return status;
}

int cmd_plot(int argc, char **argv)
{
    static const cli_spec spec = {"plot", usage_plot, plot_options, plot_option, 1, 2, 1};
    return plot_or_report(&spec, 0, argc, argv);
}

int cmd_report(int argc, char **argv)
{
    static const cli_spec spec = {"report", usage_report, plot_options, plot_option, 2, 2, 1};
    return plot_or_report(&spec, 1, argc, argv);
}
