/* cmd_sensitivity.c - budgetsim sensitivity: each numeric setting swung
 * down and up in turn, ranked by how far it moves one quantity; with
 * --plot, a tornado chart.
 *
 * This file may use: cli/, write/, analyse/, load/, core/ and the C
 * library. */
#include <getopt.h>
#include <stdlib.h>

#include "analyse/sensitivity.h"
#include "cli/commands.h"
#include "cli/draw.h"
#include "cli/options.h"
#include "cli/scenarios.h"
#include "write/outfile.h"
#include "write/output.h"
#include "write/plot.h"

static const char usage_sensitivity[] =
    "usage: budgetsim sensitivity FILE [--metric KEY[@YEAR]] [--swing P%] [--only path,path,...]\n"
    "                      [--set path=value]... [--as-proposed] [--format text|csv|json] [-o OUT]\n"
    "                      [--plot DIR [--plot-format svg|png|pdf]]\n"
    "\n"
    "One at a time, scale each numeric setting down and up by a swing (a per-year setting\n"
    "in every year; a value that would leave its allowed range is clamped to it), run\n"
    "the budget, and rank the settings by how far they move one quantity: the larger of\n"
    "the two changes from the base. Settings whose value is 0 are skipped, and those of\n"
    "the council vote are left out (the budget does not read them); both are counted.\n"
    "When the scenario holds amendments, the meeting is held once (with --set) and the\n"
    "budget it adopts is swung: the carried amendments' changes stay in at every swing.\n"
    "\n"
    "  --metric KEY@YEAR  a row key of 'budgetsim run FILE --format csv' and a year (2023\n"
    "                     for 2023/24); without @YEAR, the second year of the horizon (the\n"
    "                     first in a one-year horizon); default totals.gap_after_m\n"
    "  --swing P%         the swing, above 0% and below 100% (default 10%)\n"
    "  --only path,...    swing only these settings, e.g. --only council_tax.tax_base,\n"
    "                     services.adult_social_care.net_m (repeatable); a per-year setting\n"
    "                     with a period swings only those years: council_tax.core_rise_pct@2023\n"
    "  --set path=value   override a setting before swinging (repeatable)\n"
    "  --as-proposed      swing the budget as proposed, before the meeting's amendments\n"
    "  --format F         text (default), csv (RFC 4180) or json\n"
    "  -o, --output OUT   write to OUT (replaced only when complete) instead of standard output\n"
    "  --plot DIR         also draw a tornado chart of the 15 largest effects into DIR\n"
    "                     (tornado.gp, tornado.dat and the chart), with gnuplot\n"
    "  --plot-format F    the chart: svg (default), png or pdf\n"
    "  --image F          the same as --plot-format (its old name)\n"
    "  -h, --help         this help\n";

enum { OPT_METRIC = 'm', OPT_SWING = 'w', OPT_ONLY = 'n', OPT_PLOT = 'p', OPT_IMAGE = 'i', OPT_PLOT_FORMAT = 'F' };

static const cli_option sensitivity_options[] = {{"set", required_argument, CLI_SET},
                                                 {"as-proposed", no_argument, CLI_AS_PROPOSED},
                                                 {"format", required_argument, CLI_FORMAT},
                                                 {"output", required_argument, CLI_OUTPUT},
                                                 {"metric", required_argument, OPT_METRIC},
                                                 {"swing", required_argument, OPT_SWING},
                                                 {"only", required_argument, OPT_ONLY},
                                                 {"plot", required_argument, OPT_PLOT},
                                                 {"plot-format", required_argument, OPT_PLOT_FORMAT},
                                                 {"image", required_argument, OPT_IMAGE},
                                                 {NULL, 0, 0}};

/* The swings asked for. */
typedef struct {
    bs_sens_spec *spec;   /* heap */
    const char *plot_dir; /* --plot, NULL for none */
    bs_image_format image; /* --plot-format (or --image) */
    const char *image_option; /* which of the two was given, NULL for neither */
} sens_opts;

/* What the tornado chart is drawn from. */
typedef struct {
    bs_image_format image;
    const bs_scenario *sc;
    const bs_sens_result *res;
} tornado_job;

/* --metric, --swing, --only, --plot and --plot-format (or its old name --image). */
static int sens_option(cli_args *a, void *ctx, int key, const char *arg)
{
    sens_opts *s = ctx;
    bs_error err = {0};
    int rc = 0;
    switch (key) {
    case OPT_METRIC:
        rc = sensitivity_parse_metric(arg, s->spec, &err);
        break;
    case OPT_SWING:
        rc = sensitivity_parse_swing(arg, s->spec, &err);
        break;
    case OPT_ONLY:
        rc = sensitivity_parse_only(arg, s->spec, &err);
        break;
    case OPT_PLOT:
        s->plot_dir = arg;
        break;
    default: /* OPT_PLOT_FORMAT, OPT_IMAGE */
        s->image_option = key == OPT_IMAGE ? "--image" : "--plot-format";
        return charts_parse_format(a->command, s->image_option, arg, &s->image);
    }
    return rc != 0 ? cli_report("sensitivity", &err) : -1;
}

static int draw_tornado(const char *folder, void *arg, bs_error *err)
{
    tornado_job *j = arg;
    return plot_tornado(folder, j->image, j->sc, j->res, err);
}

/* Load, swing, write the ranking to -o or standard output, chart it; the
 * output is renamed into place only once the chart is drawn too. */
static int sens_work(const cli_args *a, const sens_opts *s)
{
    bs_error err = {0};
    bs_sens_result res = {0};
    cli_charts charts = {0};
    bs_outfile out;
    int status = BS_EXIT_OK;
    bs_meeting m = {0};
    bs_scenario *sc = load_adopted(a, 0, 1, &m, NULL, NULL, &err);
    /* the chart folder first: one that cannot be written stops the run before it starts */
    if (!sc || charts_open(&charts, s->plot_dir, &err) != 0)
        status = cli_report(NULL, &err);
    else if (sensitivity_run(sc, s->spec, &res, &err) != 0)
        status = cli_report("sensitivity", &err);
    else if (outfile_open(&out, a->output, &err) != 0 ||
             charts_finish(&charts, &out,
                           output_sensitivity(out.f, a->format, a->files[0], a->overrides, a->noverrides, &m,
                                              &res, &err) == 0,
                           draw_tornado, &(tornado_job){s->image, sc, &res}, &err) != 0)
        status = cli_report(NULL, &err);
    charts_abort(&charts);
    sensitivity_clear(&res);
    meeting_clear(&m);
    scenario_free(sc);
    return status;
}

/* Parse (--plot-format only with --plot), then swing. */
int cmd_sensitivity(int argc, char **argv)
{
    static const cli_spec spec = {"sensitivity", usage_sensitivity, sensitivity_options, sens_option, 1, 1, 0};
    cli_args a;
    sens_opts s = {calloc(1, sizeof *s.spec), NULL, BS_IMG_SVG, NULL};
    int status;
    if (!s.spec) {
        bs_error err = {0};
        bs_fail_status(&err, BS_EXIT_ENV, "", 0, "", "out of memory");
        return cli_report(NULL, &err);
    }
    if ((status = cli_parse(&spec, argc, argv, &a, &s)) < 0 && s.image_option && !s.plot_dir)
        status = cli_usage_error(a.command, "%s is the chart's format: it needs --plot DIR", s.image_option);
    if (status < 0)
        status = sens_work(&a, &s);
    free(s.spec);
    return status;
}
