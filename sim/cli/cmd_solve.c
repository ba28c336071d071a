/* cmd_solve.c - budgetsim solve: goal seek, the value of one setting that
 * brings a quantity of the budget to a target (analyse/solve.h).
 *
 * This file may use: cli/, write/, analyse/, load/, core/ and the C
 * library. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyse/solve.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/scenarios.h"
#include "load/source.h"
#include "write/outfile.h"
#include "write/output.h"

static const char usage_solve[] =
    "usage: budgetsim solve FILE --vary path=LO:HI --target KEY[@YEAR]=VALUE [--set path=value]...\n"
    "                      [--as-proposed] [--format text|csv|json] [-o OUT]\n"
    "       budgetsim solve FILE --vary path=LO:HI (--maximise|--minimise) KEY[@YEAR] [...]\n"
    "\n"
    "Goal seek: find the value of one numeric setting, between LO and HI, at which a\n"
    "quantity of the budget takes the target value in one year, by Brent's method.\n"
    "Or the value at which the quantity is largest (--maximise) or smallest\n"
    "(--minimise): 64 points from LO to HI, then Brent's minimiser around the best; an\n"
    "optimum at LO or HI is said to be at that end (the quantity still improves there).\n"
    "Every answer says which rules the budget breaks there, and warns of a charge\n"
    "priced below 0.5 or above 2 times its reference price (take-up extrapolated).\n"
    "A per-year setting is set to the value in every year, as --set does, or in the years\n"
    "of a period (path@2023, path@2023.., path@2023..2025). Exit 1, with\n"
    "the quantity at both ends, when the target is not reachable between LO and HI.\n"
    "When the scenario holds amendments, the meeting is held once (with --set) and the\n"
    "changes of the amendments that carried are laid over every evaluation (before --vary).\n"
    "\n"
    "  --vary path=LO:HI         the setting to vary and the range to search, e.g.\n"
    "                            --vary council_tax.core_rise_pct=0:60, or in 2023/24 alone\n"
    "                            --vary council_tax.core_rise_pct@2023=0:60\n"
    "  --target KEY@YEAR=VALUE   a row key of 'budgetsim run FILE --format csv' and a year\n"
    "                            (2023 for 2023/24; the first year when @YEAR is left out),\n"
    "                            e.g. --target totals.gap_after_m@2023=0\n"
    "  --maximise KEY@YEAR       the quantity to make as large as possible instead,\n"
    "                            e.g. --maximise measures.green_bin.net_income_m@2022\n"
    "  --minimise KEY@YEAR       ... or as small as possible\n"
    "  --set path=value          override a setting (repeatable)\n"
    "  --as-proposed             the budget as proposed, before the meeting's amendments\n"
    "  --format F                text (default), csv or json\n"
    "  -o, --output OUT          write to OUT (replaced only when complete) instead of standard output\n"
    "  -h, --help                this help\n";

enum { OPT_VARY = 'V', OPT_TARGET = 'T', OPT_MAXIMISE = 'X', OPT_MINIMISE = 'N' };

static const cli_option solve_options[] = {{"set", required_argument, CLI_SET},
                                           {"as-proposed", no_argument, CLI_AS_PROPOSED},
                                           {"format", required_argument, CLI_FORMAT},
                                           {"output", required_argument, CLI_OUTPUT},
                                           {"vary", required_argument, OPT_VARY},
                                           {"target", required_argument, OPT_TARGET},
                                           {"maximise", required_argument, OPT_MAXIMISE},
                                           {"minimise", required_argument, OPT_MINIMISE},
                                           {NULL, 0, 0}};

/* What solve seeks. */
typedef struct {
    bs_solve_spec spec;
    int has_vary, has_target; /* given (each at most once) */
} solve_opts;

/* --vary once, and one of --target, --maximise and --minimise once. */
static int solve_option(cli_args *a, void *ctx, int key, const char *arg)
{
    solve_opts *s = ctx;
    bs_error err = {0};
    if (key == OPT_MAXIMISE || key == OPT_MINIMISE) {
        if (s->has_target)
            return cli_usage_error(a->command, "%s: solve seeks one thing: --target, --maximise or --minimise, once",
                                   key == OPT_MAXIMISE ? "--maximise" : "--minimise");
        if (solve_parse_goal(arg, key == OPT_MAXIMISE ? BS_SOLVE_MAXIMISE : BS_SOLVE_MINIMISE, &s->spec, &err) != 0)
            return cli_report("solve", &err);
        s->has_target = 1;
        return -1;
    }
    int vary = key == OPT_VARY;
    if (!vary && s->has_target && s->spec.goal != BS_SOLVE_TARGET)
        return cli_usage_error(a->command, "%s: solve seeks one thing: --target, --maximise or --minimise, once",
                               "--target");
    if (vary ? s->has_vary : s->has_target)
        return cli_usage_error(a->command, vary ? "%s is given twice: solve varies one setting"
                                                : "%s is given twice: solve seeks one target",
                               vary ? "--vary" : "--target");
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

/* Hold the meeting (analyse/meeting.h) on the scenario as given and load
 * its source into *src: *m then holds the overrides of every evaluation.
 * A scenario that cannot be built without the setting varied (a measure
 * whose amount is --vary's) holds it with that setting at LO. When neither
 * builds, *m is the user's overrides alone and no meeting is held, so that
 * solve_run reports the error as it always did. Returns 0, or -1 with err
 * (out of memory, an unreadable file). */
static int solve_meeting(const cli_args *a, const solve_opts *s, bs_meeting *m, bs_source **src, bs_error *err)
{
    static cli_args with_lo; /* about 4 kB: kept off the stack */
    char lo[BS_SETTING_PATH_MAX + 40];
    bs_scenario *sc = load_adopted(a, 0, 1, m, NULL, src, err);
    if (!sc && err->status == BS_EXIT_INPUT && a->noverrides < CLI_MAX_SET) {
        with_lo = *a;
        snprintf(lo, sizeof lo, "%s=%.17g", s->spec.path, s->spec.lo);
        with_lo.overrides[with_lo.noverrides++].text = lo;
        bs_error e2 = {0};
        if ((sc = load_adopted(&with_lo, 0, 1, m, NULL, src, &e2)) != NULL) {
            /* the evaluations take the user's overrides and the carried changes, not LO */
            m->noverrides--;
            memmove(&m->overrides[a->noverrides], &m->overrides[a->noverrides + 1],
                    (size_t)(m->noverrides - a->noverrides) * sizeof *m->overrides);
        }
    }
    if (sc) {
        scenario_free(sc);
        *err = (bs_error){0};
        return 0;
    }
    if (err->status != BS_EXIT_INPUT)
        return -1;
    /* not buildable as given: solve_run says why, as before */
    memset(m, 0, sizeof *m);
    *err = (bs_error){0};
    if (!(m->overrides = calloc((size_t)a->noverrides + 1, sizeof *m->overrides)))
        return bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    for (int i = 0; i < a->noverrides; i++)
        m->overrides[m->noverrides++] = a->overrides[i];
    return read_source(a->files[0], src, err);
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
        return cli_usage_error(a.command,
                               "needs --target KEY@YEAR=VALUE, the quantity to bring to a value (or --maximise "
                               "KEY@YEAR, --minimise KEY@YEAR)%s", "");
    bs_error err = {0};
    bs_solve_result *res = malloc(sizeof *res);
    bs_source *src = NULL;
    bs_outfile out;
    bs_meeting m = {0};
    status = BS_EXIT_OK;
    if (!res) {
        bs_fail_status(&err, BS_EXIT_ENV, "", 0, "", "out of memory");
        status = cli_report("solve", &err);
    } else if (solve_meeting(&a, &s, &m, &src, &err) != 0) {
        status = cli_report(NULL, &err);
    } else if (solve_run(src, m.overrides, m.noverrides, &s.spec, res, &err) != 0) {
        status = cli_report("solve", &err);
    } else if (res->outcome == BS_SOLVE_UNREACHABLE || res->outcome == BS_SOLVE_JUMP ||
               res->outcome == BS_SOLVE_FLAT) {
        status = problem(&s, res);
    } else if (outfile_open(&out, a.output, &err) != 0 ||
               outfile_finish(&out, output_solve(out.f, a.format, a.files[0], a.overrides, a.noverrides, &m,
                                                 &s.spec, res, &err) == 0, &err) != 0) {
        status = cli_report(NULL, &err);
    } else if (res->outcome == BS_SOLVE_NOT_CONVERGED) {
        status = problem(&s, res);
    }
    meeting_clear(&m);
    source_free(src);
    free(res);
    return status;
}
