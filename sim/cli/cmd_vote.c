/* cmd_vote.c - budgetsim vote: the council meeting a scenario describes,
 * amendment by amendment, then the budget vote and its odds.
 *
 * This file may use: cli/, write/, analyse/, load/, core/ and the C
 * library. */
#include <getopt.h>
#include <stdlib.h>

#include "analyse/ballot.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/scenarios.h"
#include "write/outfile.h"
#include "write/output.h"

static const char usage_vote[] =
    "usage: budgetsim vote FILE [--set path=value]... [--format text|csv|json] [--draws N] [--seed S] [-o OUT]\n"
    "\n"
    "Hold the council meeting the scenario describes: each amendment is voted on and, if\n"
    "it passes, changes the budget; then the budget vote, group by group, with red lines,\n"
    "the recorded vote of named members, the swing, and the exact probability of passing\n"
    "when members may rebel, abstain or be absent.\n"
    "\n"
    "  --set path=value  override a setting (repeatable)\n"
    "  --format F        text (default), csv or json\n"
    "  --draws N         also estimate the probability by N Monte Carlo draws (1 to 100000000)\n"
    "  --seed S          seed for the draws (default 1; 0 to 4294967295)\n"
    "  -o, --output OUT  write to OUT (replaced only when complete) instead of standard output\n"
    "  -h, --help        this help\n";

enum { OPT_DRAWS = 'd', OPT_SEED = 'S' };

static const cli_option vote_options[] = {{"set", required_argument, CLI_SET},
                                          {"format", required_argument, CLI_FORMAT},
                                          {"output", required_argument, CLI_OUTPUT},
                                          {"draws", required_argument, OPT_DRAWS},
                                          {"seed", required_argument, OPT_SEED},
                                          {NULL, 0, 0}};

/* The Monte Carlo check of the vote. */
typedef struct {
    long draws;         /* 0 for none */
    unsigned long seed; /* default 1 */
} vote_opts;

/* --draws N and --seed S. */
static int vote_option(cli_args *a, void *ctx, int key, const char *arg)
{
    vote_opts *v = ctx;
    bs_error err = {0};
    unsigned long long n;
    int draws = key == OPT_DRAWS;
    if (args_parse_whole(draws ? "--draws" : "--seed", arg, draws ? 1 : 0, draws ? 100000000ULL : 4294967295ULL,
                         0, &n, &err) != 0)
        return cli_usage_error(a->command, "%s", err.message);
    if (draws)
        v->draws = (long)n;
    else
        v->seed = (unsigned long)n;
    return -1;
}

/* Hold the meeting from the scenario's source (read once) and write it to
 * -o or standard output. */
int cmd_vote(int argc, char **argv)
{
    static const cli_spec spec = {"vote", usage_vote, vote_options, vote_option, 1, 1, 1};
    cli_args a;
    vote_opts v = {0, 1};
    int status = cli_parse(&spec, argc, argv, &a, &v);
    if (status >= 0)
        return status;
    bs_error err = {0};
    bs_source *src = NULL;
    bs_scenario *sc = load_scenario(&a, 0, 1, &src, &err);
    bs_ballot *b = sc ? ballot_new() : NULL;
    bs_outfile out;
    status = BS_EXIT_OK;
    if (!b) {
        if (!err.status)
            bs_fail_status(&err, BS_EXIT_ENV, "", 0, "", "out of memory");
        status = cli_report(NULL, &err);
    } else if (!sc->chamber.given) {
        bs_fail(&err, a.files[0], 0, "council", "missing: the scenario describes no council to vote");
        status = cli_report(NULL, &err);
    } else if (ballot_run(src, a.overrides, a.noverrides, sc, v.draws, v.seed, b, &err) != 0 ||
               outfile_open(&out, a.output, &err) != 0 ||
               outfile_finish(&out, output_vote(out.f, a.format, sc, b, &err) == 0, &err) != 0) {
        status = cli_report(NULL, &err);
    }
    ballot_free(b);
    scenario_free(sc);
    source_free(src);
    return status;
}
