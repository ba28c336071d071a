/* cmd_compare.c - budgetsim compare: two scenarios side by side over the
 * same years, with the differences.
 *
 * This file may use: cli/, write/, analyse/, load/, core/ and the C
 * library. */
#include <getopt.h>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/scenarios.h"
#include "write/outfile.h"
#include "write/output.h"

static const char usage_compare[] =
    "usage: budgetsim compare BASE ALT [--set path=value]... [--as-proposed] [--format text|csv|json] [-o OUT]\n"
    "\n"
    "Compare two scenarios over the same years, line by line and year by year, with the\n"
    "differences, and what the alternative funds and how it pays for it. A scenario that\n"
    "holds amendments is compared as the council meeting adopts it.\n"
    "\n"
    "  --set path=value  override a setting in the alternative (repeatable)\n"
    "  --as-proposed     both budgets as proposed, before their meetings' amendments\n"
    "  --format F        text (default), csv or json\n"
    "  -o, --output OUT  write to OUT (replaced only when complete) instead of standard output\n"
    "  -h, --help        this help\n";

static const cli_option compare_options[] = {{"set", required_argument, CLI_SET},
                                             {"as-proposed", no_argument, CLI_AS_PROPOSED},
                                             {"format", required_argument, CLI_FORMAT},
                                             {"output", required_argument, CLI_OUTPUT},
                                             {NULL, 0, 0}};

/* Refuse an alternative that covers other years than the base. Returns 0,
 * or -1 with err. */
static int same_years(const cli_args *a, const cli_loaded *l, bs_error *err)
{
    const bs_scenario *base = l[0].sc, *alt = l[1].sc;
    if (base->first_year == alt->first_year && base->nyears == alt->nyears)
        return 0;
    char ya[16], yb[16];
    return bs_fail(err, a->files[1], 0, "horizon",
                   "runs %s for %d years but the base runs %s for %d years; compare needs the same years",
                   bs_year_label(alt->first_year, yb, sizeof yb), alt->nyears,
                   bs_year_label(base->first_year, ya, sizeof ya), base->nyears);
}

/* The base (without --set) and the alternative (with it), each with its
 * vote, compared to -o or standard output. */
int cmd_compare(int argc, char **argv)
{
    static const cli_spec spec = {"compare", usage_compare, compare_options, NULL, 2, 2, 1};
    cli_args a;
    int status = cli_parse(&spec, argc, argv, &a, NULL);
    if (status >= 0)
        return status;
    bs_error err = {0};
    cli_loaded l[2] = {{0}, {0}};
    bs_outfile out;
    status = BS_EXIT_OK;
    for (int i = 0; i < 2 && status == BS_EXIT_OK; i++)
        if (load_with_vote(&a, i, i == 1, &l[i], &err) != 0)
            status = cli_report(NULL, &err);
        else if (i == 1) /* the alternative is the one --set changes: named so */
            mark_overridden(&a, l[i].sc);
    if (status == BS_EXIT_OK &&
        (same_years(&a, l, &err) != 0 || outfile_open(&out, a.output, &err) != 0 ||
         outfile_finish(&out, output_compare(out.f, a.format, l[0].sc, l[0].r, l[0].b, &l[0].m, l[1].sc, l[1].r,
                                             l[1].b, &l[1].m, &err) == 0, &err) != 0))
        status = cli_report(NULL, &err);
    for (int i = 0; i < 2; i++)
        loaded_free(&l[i]);
    return status;
}
