/* cmd_solve.c - budgetsim solve: goal seek, the value of one setting that
 * brings a quantity of the budget to a target (analyse/solve.h).
 *
 * This file may use: cli/, write/, analyse/, load/, core/ and the C
 * library. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "analyse/solve.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/scenarios.h"
#include "load/source.h"
#include "write/outfile.h"
#include "write/output.h"

static const char usage_solve[] =
    "usage: budgetsim solve FILE --vary path=LO:HI --target KEY[@YEAR]=VALUE [--set path=value]...\n"
    "                      [--format text|csv|json] [-o OUT]\n"
    "\n"
    "Goal seek: find the value of one numeric setting, between LO and HI, at which a\n"
    "quantity of the budget takes the target value in one year, by Brent's method.\n"
    "A per-year setting is set to the value in every year, as --set does. Exit 1, with\n"
    "the quantity at both ends, when the target is not reachable between LO and HI.\n"
    "\n"
    "  --vary path=LO:HI         the setting to vary and the range to search, e.g.\n"
    "                            --vary council_tax.core_rise_pct=0:60\n"
    "  --target KEY@YEAR=VALUE   a row key of 'budgetsim run FILE --format csv' and a year\n"
    "                            (2023 for 2023/24; the first year when @YEAR is left out),\n"
    "                            e.g. --target totals.gap_after_m@2023=0\n"
    "  --set path=value          override a setting (repeatable)\n"
    "  --format F                text (default), csv or json\n"
    "  -o, --output OUT          write to OUT (replaced only when complete) instead of standard output\n"
    "  -h, --help                this help\n";

enum { OPT_VARY = 'V', OPT_TARGET = 'T' };

static const cli_option solve_options[] = {{"set", required_argument, CLI_SET},
                                           {"format", required_argument, CLI_FORMAT},
                                           {"output", required_argument, CLI_OUTPUT},
                                           {"vary", required_argument, OPT_VARY},
                                           {"target", required_argument, OPT_TARGET},
                                           {NULL, 0, 0}};

/* What solve seeks. */
typedef struct {
    bs_solve_spec spec;
    int has_vary, has_target; /* given (each at most once) */
} solve_opts;

/* --vary and --target, each once. */
static int solve_option(cli_args *a, void *ctx, int key, const char *arg)
{
    solve_opts *s = ctx;
    int vary = key == OPT_VARY;
    if (vary ? s->has_vary : s->has_target)
        return cli_usage_error(a->command, vary ? "%s is given twice: solve varies one setting"
                                                : "%s is given twice: solve seeks one target",
                               vary ? "--vary" : "--target");
    bs_error err = {0};
    if ((vary ? solve_parse_vary(arg, &s->spec, &err) : solve_parse_target(arg, &s->spec, &err)) != 0)
        return cli_report("solve", &err);
    *(vary ? &s->has_vary : &s->has_target) = 1;
    return -1;
}

/* The target not reached (or not to the precision asked): one line on
 * standard error; returns 1. */
static int problem(const solve_opts *s, const bs_solve_result *res)
{
    char line[1600];
    output_solve_problem(&s->spec, res, line, sizeof line);
    fprintf(stderr, "budgetsim: solve: %s\n", line);
    return BS_EXIT_RULE;
}

/* Goal seek from the scenario's source (read once). Exit 1, with one line
 * on stderr, when the target is not reachable in the range or Brent's
 * method did not converge (the best estimate is still written). */
int cmd_solve(int argc, char **argv)
{
    static const cli_spec spec = {"solve", usage_solve, solve_options, solve_option, 1, 1, 1};
    cli_args a;
    solve_opts s = {0};
    int status = cli_parse(&spec, argc, argv, &a, &s);
    if (status >= 0)
        return status;
    if (!s.has_vary)
        return cli_usage_error(a.command, "needs --vary path=LO:HI, the setting to vary%s", "");
    if (!s.has_target)
        return cli_usage_error(a.command, "needs --target KEY@YEAR=VALUE, the quantity to bring to a value%s", "");
    bs_error err = {0};
    bs_solve_result *res = malloc(sizeof *res);
    bs_source *src = NULL;
    bs_outfile out;
    status = BS_EXIT_OK;
    if (!res) {
        bs_fail_status(&err, BS_EXIT_ENV, "", 0, "", "out of memory");
        status = cli_report("solve", &err);
    } else if (read_source(a.files[0], &src, &err) != 0) {
        status = cli_report(NULL, &err);
    } else if (solve_run(src, a.overrides, a.noverrides, &s.spec, res, &err) != 0) {
        status = cli_report("solve", &err);
    } else if (res->outcome == BS_SOLVE_UNREACHABLE || res->outcome == BS_SOLVE_JUMP) {
        status = problem(&s, res);
    } else if (outfile_open(&out, a.output, &err) != 0 ||
               outfile_finish(&out, output_solve(out.f, a.format, a.files[0], a.overrides, a.noverrides, &s.spec,
                                                 res, &err) == 0, &err) != 0) {
        status = cli_report(NULL, &err);
    } else if (res->outcome == BS_SOLVE_NOT_CONVERGED) {
        status = problem(&s, res);
    }
    source_free(src);
    free(res);
    return status;
}
