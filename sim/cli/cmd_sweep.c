/* cmd_sweep.c - budgetsim sweep: the budget at every combination of values
 * of a few settings, in parallel, as CSV; with --plot, a chart of the gap;
 * with --summary, no rows but what they say (analyse/sweep_summary.h).
 *
 * This file may use: cli/, write/, analyse/, load/, core/, the C library
 * and POSIX. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "analyse/sweep.h"
#include "analyse/sweep_summary.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/draw.h"
#include "cli/options.h"
#include "cli/scenarios.h"
#include "write/outfile.h"
#include "write/plot.h"
#include "write/sweep_summary_output.h"

static const char usage_sweep[] =
    "usage: budgetsim sweep FILE --vary path=FROM:TO:STEP [--vary path=v1,v2,...]... [--set path=value]...\n"
    "                      [--as-proposed] [--threads N] [--shard K/N] [-o OUT]\n"
    "                      [--plot DIR [--plot-year YEAR] [--plot-format svg|png|pdf]]\n"
    "       budgetsim sweep FILE --vary ... --summary [--format text|csv|json] [-o OUT]\n"
    "\n"
    "Run the budget at every combination of values of one or more settings (the first\n"
    "--vary varies slowest), in parallel, and write one CSV row (RFC 4180, CRLF) per\n"
    "point: the values, the gap after measures in each year, the general reserve at the\n"
    "end of the horizon, the number of rules broken and, when the scenario has a council,\n"
    "whether the budget passes (1/0) and the exact probability that it does. Rows come\n"
    "out in the same order whatever the number of threads. A per-year setting takes the\n"
    "value in every year, as --set does, or in the years of a period (path@2023,\n"
    "path@2023.., path@2023..2025). When the scenario holds amendments, the meeting\n"
    "is held once (with --set) and the changes of the amendments that carried are laid\n"
    "over every point; the vote columns stay the vote on the budget at each point.\n"
    "\n"
    "  --vary path=FROM:TO:STEP  values FROM + i x STEP up to TO (repeatable, at most 8)\n"
    "  --vary path=v1,v2,...     the values listed\n"
    "  --set path=value          override a setting (repeatable)\n"
    "  --as-proposed             the budget as proposed, before the meeting's amendments\n"
    "  --threads N               worker threads, 1 to 256 (default: the number of CPUs)\n"
    "  --shard K/N               only the K-th of N contiguous slices of the points; the\n"
    "                            header is written by shard 1, so the shards' outputs\n"
    "                            concatenated are the whole sweep\n"
    "  -o, --output OUT          write to OUT (replaced only when complete) instead of standard output\n"
    "  --plot DIR                also chart the sweep into DIR (one or two --vary): the gap\n"
    "                            in each year against the value, or a heat map of the gap\n"
    "                            with the balanced-budget frontier (gap = 0)\n"
    "  --plot-year YEAR          the year of the heat map (default: the second of the horizon)\n"
    "  --plot-format F           the chart: svg (default), png or pdf\n"
    "  --summary                 no rows: for each column (the gap in each year, the reserve,\n"
    "                            the rules broken, the vote) its minimum and maximum and the\n"
    "                            first point with each; how many points balance (a gap after\n"
    "                            measures of at most £1, the balanced rule's test) in each\n"
    "                            year and in every year, break each rule and pass the vote;\n"
    "                            with two --vary, the balanced-budget frontier: for each value\n"
    "                            of the first, where the gap in each year reaches £1 along\n"
    "                            the second (linear between neighbouring points). The same\n"
    "                            whatever --threads; not with --shard or --plot\n"
    "  --format F                with --summary: text (default), csv (RFC 4180) or json\n"
    "  -h, --help                this help\n";

enum {
    OPT_VARY = 'V',
    OPT_THREADS = 't',
    OPT_SHARD = 'k',
    OPT_PLOT = 'p',
    OPT_PLOT_YEAR = 'y',
    OPT_PLOT_FORMAT = 'F',
    OPT_SUMMARY = 'S',
    OPT_FORMAT = 'm'
};

static const cli_option sweep_options[] = {{"set", required_argument, CLI_SET},
                                           {"as-proposed", no_argument, CLI_AS_PROPOSED},
                                           {"output", required_argument, CLI_OUTPUT},
                                           {"vary", required_argument, OPT_VARY},
                                           {"threads", required_argument, OPT_THREADS},
                                           {"shard", required_argument, OPT_SHARD},
                                           {"plot", required_argument, OPT_PLOT},
                                           {"plot-year", required_argument, OPT_PLOT_YEAR},
                                           {"plot-format", required_argument, OPT_PLOT_FORMAT},
                                           {"summary", no_argument, OPT_SUMMARY},
                                           {"format", required_argument, OPT_FORMAT},
                                           {NULL, 0, 0}};

/* The sweep asked for. */
typedef struct {
    bs_sweep_spec *spec;  /* heap */
    const char *plot_dir; /* --plot, NULL for none */
    bs_image_format fmt;  /* --plot-format */
    int has_fmt;
    int summary;          /* --summary */
    int has_format;       /* --format given */
    bs_format format;     /* --format */
} sweep_opts;

/* What the chart is drawn from. */
typedef struct {
    const bs_scenario *sc;
    const bs_sweep_spec *spec;
    const bs_sweep_plot *plot;
    int year_index; /* of the heat map */
    bs_image_format fmt;
} sweep_job;

/* --vary, --threads, --shard, --plot, --plot-year and --plot-format. */
static int sweep_option(cli_args *a, void *ctx, int key, const char *arg)
{
    sweep_opts *s = ctx;
    bs_sweep_spec *spec = s->spec;
    bs_error err = {0};
    unsigned long long v;
    switch (key) {
    case OPT_VARY:
        if (spec->naxes >= BS_SWEEP_MAX_AXES)
            return cli_usage_error(a->command, "too many --vary options (the limit is %s)", "8");
        if (sweep_parse_vary(arg, &spec->axis[spec->naxes], &err) != 0)
            return cli_report("sweep", &err);
        spec->naxes++;
        return -1;
    case OPT_THREADS:
        if (args_parse_whole("--threads", arg, 1, BS_SWEEP_MAX_THREADS, BS_ARGS_SIGNED, &v, &err) != 0)
            return cli_usage_error(a->command, "%s", err.message);
        spec->threads = (int)v;
        return -1;
    case OPT_SHARD:
        return sweep_parse_shard(arg, spec, &err) != 0 ? cli_report("sweep", &err) : -1;
    case OPT_PLOT:
        s->plot_dir = arg;
        return -1;
    case OPT_SUMMARY:
        s->summary = 1;
        return -1;
    case OPT_FORMAT: {
        int fmt = output_parse_format(arg);
        if (fmt < 0)
            return cli_usage_error(a->command, "--format must be text, csv or json, not '%s'", arg);
        s->has_format = 1;
        s->format = (bs_format)fmt;
        return -1;
    }
    case OPT_PLOT_FORMAT:
        s->has_fmt = 1;
        return charts_parse_format(a->command, "--plot-format", arg, &s->fmt);
    default: /* OPT_PLOT_YEAR */
        if (args_parse_year("--plot-year", arg, &spec->plot_year, &err) != 0)
            return err.setting[0] ? cli_report("sweep", &err) : cli_usage_error(a->command, "%s", err.message);
        return -1;
    }
}

/* What the options say together: something to vary, not too many points,
 * a chart only of what can be charted. Returns -1, or an exit status. */
static int sweep_usage(const cli_args *a, const sweep_opts *s)
{
    const bs_sweep_spec *spec = s->spec;
    const char *cmd = a->command;
    if (spec->naxes == 0)
        return cli_usage_error(cmd, "needs --vary path=FROM:TO:STEP or path=v1,v2,..., a setting to vary%s", "");
    if (sweep_count(spec) > BS_SWEEP_MAX_POINTS)
        return cli_usage_error(cmd, "more than 100000000 points in all%s", "");
    if (s->summary) {
        if (s->plot_dir)
            return cli_usage_error(cmd, "--summary writes no rows to chart: it cannot be combined with --plot%s", "");
        if (spec->shard_n > 1)
            return cli_usage_error(cmd, "--summary needs the whole sweep, not a shard: it cannot be combined with --shard%s", "");
    } else if (s->has_format) {
        return cli_usage_error(cmd, "--format is the format of --summary: the rows are always CSV%s", "");
    }
    if (!s->plot_dir)
        return spec->plot_year ? cli_usage_error(cmd, "--plot-year needs --plot DIR%s", "")
               : s->has_fmt    ? cli_usage_error(cmd, "--plot-format is the chart's format: it needs --plot DIR%s", "")
                               : -1;
    if (spec->naxes > 2)
        return cli_usage_error(cmd, "--plot charts a sweep of one or two settings, not %s",
                               spec->naxes == 3 ? "three" : "more");
    if (spec->shard_n > 1)
        return cli_usage_error(cmd, "--plot needs the whole sweep, not a shard%s", "");
    if (spec->axis[0].n < 2 || (spec->naxes == 2 && spec->axis[1].n < 2))
        return cli_usage_error(cmd, "--plot needs at least two values of each setting varied%s", "");
    if (sweep_count(spec) > BS_SWEEP_MAX_PLOT_POINTS)
        return cli_usage_error(cmd, "--plot charts at most 1000000 points%s", "");
    return -1;
}

/* With --plot: the heat map's year in the horizon, the line chart not too
 * large for gnuplot. *year_index receives the year's index. Returns -1, or
 * an exit status. */
static int sweep_chartable(const cli_args *a, const sweep_opts *s, const bs_scenario *sc, int *year_index)
{
    const bs_sweep_spec *spec = s->spec;
    int year = spec->plot_year ? spec->plot_year : sc->first_year + (sc->nyears > 1 ? 1 : 0);
    *year_index = year - sc->first_year;
    if (!s->plot_dir)
        return -1;
    if (year < sc->first_year || year >= sc->first_year + sc->nyears) {
        char y[16], y0[16], y1[16];
        bs_error err = {0};
        bs_fail(&err, "", 0, "--plot-year", "%s is outside the horizon, %s to %s", bs_year_label(year, y, sizeof y),
                bs_year_label(sc->first_year, y0, sizeof y0),
                bs_year_label(sc->first_year + sc->nyears - 1, y1, sizeof y1));
        return cli_report("sweep", &err);
    }
    if (spec->naxes == 1 && sweep_count(spec) * sc->nyears > BS_SWEEP_MAX_PLOT_VALUES) {
        /* one line a year: gnuplot would take gigabytes and minutes over 50 lines of 1,000,000 points */
        char what[64];
        snprintf(what, sizeof what, "%lld x %d", sweep_count(spec), sc->nyears);
        return cli_usage_error(a->command, "--plot draws a line a year: at most 1000000 points x years, not %s",
                               what);
    }
    return -1;
}

/* The chart: the gap against the value (one --vary) or a heat map (two). */
static int draw_sweep(const char *folder, void *arg, bs_error *err)
{
    sweep_job *j = arg;
    const bs_sweep_axis *a = &j->spec->axis[0], *b = &j->spec->axis[1];
    int two = j->spec->naxes == 2;
    double *x = malloc((size_t)a->n * sizeof *x);
    double *y = two ? malloc((size_t)b->n * sizeof *y) : NULL;
    int rc;
    if (!x || (two && !y)) {
        rc = bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    } else {
        for (long long i = 0; i < a->n; i++)
            x[i] = sweep_axis_value(a, i);
        for (long long i = 0; y && i < b->n; i++)
            y[i] = sweep_axis_value(b, i);
        rc = two ? plot_sweep_heat(folder, j->fmt, j->sc, a->path, x, a->n, b->path, y, b->n, j->year_index,
                                   j->plot->gap, err)
                 : plot_sweep_line(folder, j->fmt, j->sc, a->path, x, a->n, j->plot->gap, err);
    }
    free(x);
    free(y);
    return rc;
}

/* Load, check, run the sweep into -o or standard output, then chart it;
 * the output is renamed into place only once the chart is drawn too. */
static int sweep_work(const cli_args *a, const sweep_opts *s)
{
    bs_error err = {0};
    bs_sweep_plot plot = {0};
    cli_charts charts = {0};
    bs_outfile out;
    sweep_job job = {NULL, s->spec, &plot, 0, s->fmt};
    int status;
    bs_meeting m = {0};
    bs_scenario *sc = load_adopted(a, 0, 1, &m, NULL, NULL, &err);
    job.sc = sc;
    if (!sc || sweep_check(sc, s->spec, &err) != 0) {
        status = cli_report("sweep", &err);
    } else if ((status = sweep_chartable(a, s, sc, &job.year_index)) < 0) {
        s->spec->progress = isatty(2);
        /* the chart folder first: one that cannot be written stops the run before it starts */
        if (charts_open(&charts, s->plot_dir, &err) != 0 || outfile_open(&out, a->output, &err) != 0 ||
            charts_finish(&charts, &out, sweep_run(sc, s->spec, out.f, s->plot_dir ? &plot : NULL, &err) == 0,
                          draw_sweep, &job, &err) != 0)
            status = cli_report(NULL, &err);
        else
            status = BS_EXIT_OK;
    }
    charts_abort(&charts);
    sweep_plot_clear(&plot);
    meeting_clear(&m);
    scenario_free(sc);
    return status;
}

/* --summary: load, check, run the sweep into a summary, then write it to
 * -o or standard output (opened first, so that an output that cannot be
 * written stops the run before it starts; written whole, only at the end). */
static int summary_work(const cli_args *a, const sweep_opts *s)
{
    bs_error err = {0};
    bs_outfile out;
    int status;
    bs_meeting m = {0};
    bs_sweep_summary *sum = NULL;
    bs_scenario *sc = load_adopted(a, 0, 1, &m, NULL, NULL, &err);
    if (!sc || sweep_check(sc, s->spec, &err) != 0 || !(sum = sweep_summary_new(sc, s->spec, &err))) {
        status = cli_report("sweep", &err);
    } else if (outfile_open(&out, a->output, &err) != 0) {
        status = cli_report(NULL, &err);
    } else {
        s->spec->progress = isatty(2);
        int ok = sweep_run_summary(sc, s->spec, sum, &err) == 0 &&
                 output_sweep_summary(out.f, s->format, a->files[0], a->overrides, a->noverrides, &m, sc, sum,
                                      &err) == 0;
        status = outfile_finish(&out, ok, &err) != 0 ? cli_report(NULL, &err) : BS_EXIT_OK;
    }
    sweep_summary_free(sum);
    meeting_clear(&m);
    scenario_free(sc);
    return status;
}

/* Parse, then sweep. */
int cmd_sweep(int argc, char **argv)
{
    static const cli_spec spec = {"sweep", usage_sweep, sweep_options, sweep_option, 1, 1, 0};
    cli_args a;
    sweep_opts s = {calloc(1, sizeof *s.spec), NULL, BS_IMG_SVG, 0, 0, 0, BS_FMT_TEXT};
    if (!s.spec) {
        bs_error err = {0};
        bs_fail_status(&err, BS_EXIT_ENV, "", 0, "", "out of memory");
        return cli_report(NULL, &err);
    }
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    s.spec->threads = cpus < 1 ? 1 : cpus > BS_SWEEP_MAX_THREADS ? BS_SWEEP_MAX_THREADS : (int)cpus;
    s.spec->shard_k = s.spec->shard_n = 1;
    int status = cli_parse(&spec, argc, argv, &a, &s);
    if (status < 0)
        status = sweep_usage(&a, &s);
    if (status < 0)
        status = s.summary ? summary_work(&a, &s) : sweep_work(&a, &s);
    sweep_spec_clear(s.spec);
    free(s.spec);
    return status;
}
