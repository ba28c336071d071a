/* cmd_montecarlo.c - budgetsim montecarlo: the budget under uncertainty,
 * run N times with the settings drawn from their distributions; with
 * --plot, fan charts of the gap and the general reserve.
 *
 * This file may use: cli/, write/, analyse/, load/, core/, the C library
 * and POSIX. */
#include <getopt.h>
#include <stdlib.h>
#include <unistd.h>

#include "analyse/montecarlo.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/draw.h"
#include "cli/options.h"
#include "cli/scenarios.h"
#include "write/outfile.h"
#include "write/output.h"
#include "write/plot.h"

static const char usage_montecarlo[] =
    "usage: budgetsim montecarlo FILE --draws N --seed S [--threads T] [--set path=value]...\n"
    "                      [--as-proposed] [--format text|csv|json] [-o OUT]\n"
    "                      [--plot DIR [--plot-format svg|png|pdf]]\n"
    "\n"
    "Run the budget N times, each time drawing every setting the scenario lists under\n"
    "uncertainty.ID from its distribution (clamped to the setting's allowed range), and\n"
    "report the seed and draws; percentiles (5, 25, 50, 75, 95) of the gap after\n"
    "measures and of the general reserve at the end of each year; the chance the general\n"
    "reserve falls below its minimum and that it runs out (below 0), in any year and by\n"
    "year; and, when the scenario has a council, the chance the budget passes the vote\n"
    "(the mean of the exact probability over the draws) with its standard error. The\n"
    "same seed gives the same numbers whatever the number of threads. Percentiles come\n"
    "from the first 2,000,000 draws at most (fewer beyond a 12-year horizon). When the\n"
    "scenario holds amendments, the meeting is held once (with --set) and the budget it\n"
    "adopts is drawn: the carried amendments' changes stay in at every draw.\n"
    "\n"
    "  --draws N         draws, 1 to 100000000 (required)\n"
    "  --seed S          seed, 0 to 4294967295 (required)\n"
    "  --threads T       worker threads, 1 to 256 (default: the number of CPUs)\n"
    "  --set path=value  override a setting (repeatable)\n"
    "  --as-proposed     the budget as proposed, before the meeting's amendments\n"
    "  --format F        text (default), csv or json\n"
    "  -o, --output OUT  write to OUT (replaced only when complete) instead of standard output\n"
    "  --plot DIR        also draw fan charts of the gap and the general reserve into DIR\n"
    "  --plot-format F   the charts: svg (default), png or pdf\n"
    "  -h, --help        this help\n";

enum { OPT_DRAWS = 'd', OPT_SEED = 'S', OPT_THREADS = 't', OPT_PLOT = 'p', OPT_PLOT_FORMAT = 'F' };

static const cli_option montecarlo_options[] = {{"set", required_argument, CLI_SET},
                                                {"as-proposed", no_argument, CLI_AS_PROPOSED},
                                                {"format", required_argument, CLI_FORMAT},
                                                {"output", required_argument, CLI_OUTPUT},
                                                {"draws", required_argument, OPT_DRAWS},
                                                {"seed", required_argument, OPT_SEED},
                                                {"threads", required_argument, OPT_THREADS},
                                                {"plot", required_argument, OPT_PLOT},
                                                {"plot-format", required_argument, OPT_PLOT_FORMAT},
                                                {NULL, 0, 0}};

/* The draws asked for. */
typedef struct {
    bs_mc_spec spec;
    const char *plot_dir;    /* --plot, NULL for none */
    bs_image_format fmt;     /* --plot-format (default svg) */
    int has_fmt;
    int has_draws, has_seed; /* both are required */
} mc_opts;

/* What the fan charts are drawn from. */
typedef struct {
    bs_image_format fmt;
    const bs_scenario *sc;
    const bs_mc_result *res;
} fan_job;

/* --draws, --seed, --threads (whole numbers, no sign), --plot and --plot-format. */
static int mc_option(cli_args *a, void *ctx, int key, const char *arg)
{
    mc_opts *m = ctx;
    if (key == OPT_PLOT) {
        m->plot_dir = arg;
        return -1;
    }
    if (key == OPT_PLOT_FORMAT) {
        m->has_fmt = 1;
        return charts_parse_format(a->command, "--plot-format", arg, &m->fmt);
    }
    bs_error err = {0};
    unsigned long long v;
    unsigned long long lo = key == OPT_SEED ? 0 : 1;
    unsigned long long hi = key == OPT_DRAWS  ? BS_MC_MAX_DRAWS
                            : key == OPT_SEED ? 4294967295ULL
                                              : BS_MC_MAX_THREADS;
    const char *name = key == OPT_DRAWS ? "--draws" : key == OPT_SEED ? "--seed" : "--threads";
    if (args_parse_whole(name, arg, lo, hi, BS_ARGS_NO_PLUS, &v, &err) != 0)
        return cli_usage_error(a->command, "%s", err.message);
    if (key == OPT_DRAWS) {
        m->spec.draws = (long)v;
        m->has_draws = 1;
    } else if (key == OPT_SEED) {
        m->spec.seed = (unsigned long)v;
        m->has_seed = 1;
    } else {
        m->spec.threads = (int)v;
    }
    return -1;
}

static int draw_fan(const char *folder, void *arg, bs_error *err)
{
    fan_job *j = arg;
    return plot_fan(folder, j->fmt, j->sc, j->res, err);
}

/* Load, draw, write to -o or standard output, chart; the output is renamed
 * into place only once the charts are drawn too. */
static int mc_work(const cli_args *a, mc_opts *m)
{
    /* a thread works on whole blocks of draws: more threads than blocks would only take memory */
    long nblocks = (m->spec.draws + BS_MC_BLOCK - 1) / BS_MC_BLOCK;
    if (m->spec.threads > nblocks)
        m->spec.threads = (int)nblocks;
    bs_error err = {0};
    cli_charts charts = {0};
    bs_outfile out;
    int status = BS_EXIT_OK;
    bs_meeting meeting = {0};
    bs_scenario *sc = load_adopted(a, 0, 1, &meeting, NULL, NULL, &err);
    bs_mc_result *res = sc ? malloc(sizeof *res) : NULL;
    if (sc && !res)
        bs_fail_status(&err, BS_EXIT_ENV, "", 0, "", "out of memory");
    /* the chart folder first: one that cannot be written stops the run before it starts */
    if (!res || charts_open(&charts, m->plot_dir, &err) != 0 || mc_run(sc, &m->spec, res, &err) != 0 ||
        outfile_open(&out, a->output, &err) != 0 ||
        charts_finish(&charts, &out,
                      output_montecarlo(out.f, a->format, a->files[0], a->overrides, a->noverrides, &meeting, sc,
                                        res, &err) == 0,
                      draw_fan, &(fan_job){m->fmt, sc, res}, &err) != 0)
        status = cli_report(NULL, &err);
    charts_abort(&charts);
    free(res);
    meeting_clear(&meeting);
    scenario_free(sc);
    return status;
}

/* Parse (--draws and --seed are required), then draw. */
int cmd_montecarlo(int argc, char **argv)
{
    static const cli_spec spec = {"montecarlo", usage_montecarlo, montecarlo_options, mc_option, 1, 1, 0};
    cli_args a;
    mc_opts m = {0};
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    m.spec.threads = cpus < 1 ? 1 : cpus > BS_MC_MAX_THREADS ? BS_MC_MAX_THREADS : (int)cpus;
    int status = cli_parse(&spec, argc, argv, &a, &m);
    if (status >= 0)
        return status;
    if (!m.has_draws)
        return cli_usage_error(a.command, "needs --draws N, the number of draws%s", "");
    if (!m.has_seed)
        return cli_usage_error(a.command, "needs --seed S, so that the run can be repeated%s", "");
    if (m.has_fmt && !m.plot_dir)
        return cli_usage_error(a.command, "--plot-format is the charts' format: it needs --plot DIR%s", "");
    return mc_work(&a, &m);
}
