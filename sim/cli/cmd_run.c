/* cmd_run.c - budgetsim run (the budget of a scenario) and budgetsim check
 * (its rules, as an exit status).
 *
 * This file may use: cli/, write/, analyse/, load/, core/ and the C
 * library. */
#include <getopt.h>
#include <stdio.h>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/scenarios.h"
#include "core/budget.h"
#include "write/outfile.h"
#include "write/output.h"

static const char usage_run[] =
    "usage: budgetsim run FILE [--set path=value]... [--as-proposed] [--format text|csv|json] [-o OUT]\n"
    "\n"
    "Compute the budget of a scenario: spending, funding and the gap, the measures\n"
    "that close it, reserves, the rules and whether each holds, household bills. When the\n"
    "scenario holds amendments, the budget the council meeting adopts (see 'vote').\n"
    "\n"
    "  --set path=value  override a setting (repeatable), e.g. --set council_tax.core_rise_pct=1.5\n"
    "                    (a per-year setting in every year; path@2023=v in 2023/24 only,\n"
    "                    path@2023..=v from 2023/24 on, path@2023..2025=v in 2023/24 to 2025/26)\n"
    "  --as-proposed     the budget as proposed, before the meeting's amendments\n"
    "  --format F        text (default), csv (RFC 4180) or json\n"
    "  -o, --output OUT  write to OUT (replaced only when complete) instead of standard output\n"
    "  -h, --help        this help\n";

static const char usage_check[] =
    "usage: budgetsim check FILE [--set path=value]... [--as-proposed]\n"
    "\n"
    "Validate a scenario and check the rules. Exit 0 when valid and every rule holds,\n"
    "1 when valid but a rule is broken (each broken rule on its own line), 2 on bad input.\n"
    "When the scenario holds amendments, the budget the council meeting adopts is checked,\n"
    "and no budget adopted (the final vote lost) is exit 1 too.\n"
    "\n"
    "  --set path=value  override a setting (repeatable)\n"
    "  --as-proposed     check the budget as proposed, before the meeting's amendments\n"
    "  -h, --help        this help\n";

static const cli_option run_options[] = {{"set", required_argument, CLI_SET},
                                         {"as-proposed", no_argument, CLI_AS_PROPOSED},
                                         {"format", required_argument, CLI_FORMAT},
                                         {"output", required_argument, CLI_OUTPUT},
                                         {NULL, 0, 0}};

static const cli_option check_options[] = {{"set", required_argument, CLI_SET},
                                           {"as-proposed", no_argument, CLI_AS_PROPOSED},
                                           {NULL, 0, 0}};

/* The budget of one scenario, with its vote when it has a council, written
 * as text, CSV or JSON to -o or standard output. */
int cmd_run(int argc, char **argv)
{
    static const cli_spec spec = {"run", usage_run, run_options, NULL, 1, 1, 1};
    cli_args a;
    int status = cli_parse(&spec, argc, argv, &a, NULL);
    if (status >= 0)
        return status;
    bs_error err = {0};
    cli_loaded l = {0};
    bs_outfile out;
    status = BS_EXIT_OK;
    if (load_with_vote(&a, 0, 1, &l, &err) != 0 || outfile_open(&out, a.output, &err) != 0 ||
        outfile_finish(&out, output_run(out.f, a.format, l.sc, l.r, l.b, &l.m, &err) == 0, &err) != 0)
        status = cli_report(NULL, &err);
    loaded_free(&l);
    return status;
}

/* Validate a scenario and list its broken rules on standard output: exit
 * 0 when none, 1 when any. A scenario with amendments: the meeting's lines
 * first, then the rules of the budget it adopts; exit 1 when it adopts
 * none (the final vote lost: Local Government Finance Act 1992 s.30(6),
 * council tax set before 11 March, so the council must meet again). */
int cmd_check(int argc, char **argv)
{
    static const cli_spec spec = {"check", usage_check, check_options, NULL, 1, 1, 1};
    cli_args a;
    int status = cli_parse(&spec, argc, argv, &a, NULL);
    if (status >= 0)
        return status;
    bs_error err = {0};
    bs_meeting m;
    bs_scenario *sc = load_adopted(&a, 0, 1, &m, NULL, NULL, &err);
    bs_result *r = sc ? result_new() : NULL;
    if (sc && !r)
        bs_fail_status(&err, BS_EXIT_ENV, "", 0, "", "out of memory");
    if (!r) {
        status = cli_report(NULL, &err);
    } else {
        budget_run(sc, r);
        output_meeting_text(stdout, &m, "");
        output_broken_rules(stdout, sc, r);
        if (bs_stream_finish(stdout, "standard output", &err) != 0)
            status = cli_report(NULL, &err);
        else
            status = budget_broken_count(r) || (m.held && !m.adopted && !m.as_proposed) ? BS_EXIT_RULE : BS_EXIT_OK;
    }
    if (sc)
        meeting_clear(&m);
    result_free(r);
    scenario_free(sc);
    return status;
}
