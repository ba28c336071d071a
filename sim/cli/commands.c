/* commands.c - the table of commands, the main usage made from it, and the
 * errors for a missing or unknown command (see commands.h).
 *
 * This file may use: cli/, write/, analyse/, load/, core/ and the C
 * library. */
#include "cli/commands.h"

#include <stdio.h>
#include <string.h>

#include "cli/options.h"

#ifndef BS_VERSION
#define BS_VERSION "0.1.0"
#endif

static cli_command_fn cmd_help, cmd_version;

/* Every command, in the order of the main usage. */
static const cli_command commands[] = {
    {"run", cmd_run, "run FILE", "the budget year by year, the rules and household bills"},
    {"check", cmd_check, "check FILE", "exit 0 when valid and lawful, 1 when a rule is broken"},
    {"compare", cmd_compare, "compare BASE ALT", "two scenarios side by side, with the differences"},
    {"vote", cmd_vote, "vote FILE", "how the council votes: amendments, the budget, red lines, odds"},
    {"plot", cmd_plot, "plot FILE [ALT]", "charts for reports, drawn with gnuplot"},
    {"report", cmd_report, "report BASE ALT", "report.md and report.html: tables, the vote, every chart"},
    {"solve", cmd_solve, "solve FILE", "goal seek: the value of a setting that brings a quantity to a target"},
    {"sensitivity", cmd_sensitivity, "sensitivity FILE",
     "what moves a quantity most: each setting swung down and up in turn"},
    {"sweep", cmd_sweep, "sweep FILE", "every combination of values of a few settings, in parallel, as CSV"},
    {"montecarlo", cmd_montecarlo, "montecarlo FILE",
     "the budget under uncertainty: percentiles, the reserve at risk, the odds of passing"},
    {"publish", cmd_publish, "publish BASE [ALT] -o DIR", "one page where anyone can move the levers (the model in WebAssembly)"},
    {"show", cmd_show, "show FILE", "every setting as resolved: value, unit, file:line or default, source comment"},
    {"reference", cmd_reference, "reference", "every scenario setting: meaning, unit, default, range"},
    {"--help", cmd_help, NULL, NULL},
    {"-h", cmd_help, NULL, NULL},
    {"help", cmd_help, NULL, NULL},
    {"--version", cmd_version, NULL, NULL},
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

const char *cli_version(void)
{
    return BS_VERSION;
}

/* The listed commands' names, "run, check, ...", in the order of the
 * table, into buf. */
static void command_list(char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < NCOMMANDS && n < size; i++)
        if (commands[i].synopsis)
            n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? ", " : "", commands[i].name);
}

/* The main usage: a head, a line for each listed command of the table, the
 * options of budgetsim itself. Returns static memory. */
static const char *main_usage(void)
{
    static char text[4096];
    size_t n = (size_t)snprintf(text, sizeof text, "usage: budgetsim COMMAND [OPTIONS]\n"
                                                   "\n"
                                                   "A budget what-if simulator for a council.\n"
                                                   "\n"
                                                   "commands:\n");
    for (size_t i = 0; i < NCOMMANDS && n < sizeof text; i++) {
        const cli_command *c = &commands[i];
        int len = c->synopsis ? (int)strlen(c->synopsis) : 0;
        /* the help in a column; a synopsis too long for it gets two spaces */
        if (c->synopsis)
            n += (size_t)snprintf(text + n, sizeof text - n, "  %-*s%s\n", len < 16 ? 16 : len + 2,
                                  c->synopsis, c->help);
    }
    if (n < sizeof text)
        snprintf(text + n, sizeof text - n,
                 "\n"
                 "Run 'budgetsim COMMAND --help' for a command's options; 'man budgetsim' for the manual.\n"
                 "  --help, -h      this help\n"
                 "  --version       print the version\n");
    return text;
}

static int cmd_help(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_print(main_usage());
}

static int cmd_version(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_print("budgetsim " BS_VERSION "\n"
                     "Copyright (C) 2026 the budgetsim authors.\n"
                     "License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n"
                     "This is free software: you are free to change and redistribute it.\n"
                     "There is NO WARRANTY, to the extent permitted by law.\n");
}

const cli_command *command_find(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

int command_missing(void)
{
    fputs(main_usage(), stderr);
    return BS_EXIT_INPUT;
}

int command_unknown(const char *name)
{
    char shown[256], hint[64] = "", list[512];
    bs_nearest n;
    bs_nearest_start(&n, name, strlen(name));
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (commands[i].synopsis)
            bs_nearest_offer(&n, commands[i].name);
    const char *best = bs_nearest_best(&n, CLI_NEAREST_SLACK, 0);
    if (best)
        snprintf(hint, sizeof hint, "; did you mean '%s'?", best);
    command_list(list, sizeof list);
    fprintf(stderr, "budgetsim: unknown command '%s' (commands: %s; see 'budgetsim --help')%s\n",
            bs_printable(name, shown, sizeof shown), list, hint);
    return BS_EXIT_INPUT;
}
