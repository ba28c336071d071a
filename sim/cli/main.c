/* main.c - the budgetsim command line: look the command up in the table
 * (commands.c) and run it.
 *
 * Commands: run, check, compare, vote, plot, report, solve, sensitivity,
 * montecarlo, sweep, reference. Exit status: 0 success, 1 a rule broken
 * (check) or a target not reachable (solve), 2 bad input or usage, 3
 * environment failure.
 *
 * This file may use: cli/, write/, analyse/, load/, core/, GSL, the C
 * library and POSIX.
 *
 * Copyright (C) 2026 the budgetsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later (see LICENSE) */
#include <signal.h>
#include <gsl/gsl_errno.h>

#include "cli/commands.h"
#include "cli/options.h"
#include "write/inputs.h"
#include "write/outfile.h"

int main(int argc, char **argv)
{
    /* GSL's default handler aborts; every status is checked instead. */
    gsl_set_error_handler_off();
    /* A closed pipe is a write error (EPIPE), reported like any other. */
    signal(SIGPIPE, SIG_IGN);
    bs_temp_cleanup_on_signals(); /* an interrupted run leaves no temporary file */
    if (argc < 2)
        return command_missing();
    const cli_command *cmd = command_find(argv[1]);
    if (!cmd)
        return command_unknown(argv[1]);
    int status = cmd->run(argc, argv);
    /* --meta FILE: the inputs of an output written (0, or 1: a rule broken,
     * a target not reached), as JSON beside it (write/inputs.h) */
    bs_error err = {0};
    if ((status == BS_EXIT_OK || status == BS_EXIT_RULE) && inputs_write_meta(&err) != 0)
        status = cli_report(NULL, &err);
    return status;
}
