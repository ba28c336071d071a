/* commands.h - the table of budgetsim's commands (name, function, one line
 * of help), the main usage text made from it, and each command's function
 * (cmd_*.c, one command to a file).
 *
 * This file may use: cli/, write/, analyse/, load/, core/ and the C
 * library. */
#ifndef BS_CLI_COMMANDS_H
#define BS_CLI_COMMANDS_H

/* A command: given the whole argv (argv[1] is its name), it does its work,
 * prints its output and its errors, and returns the exit status: 0
 * success, 1 a rule broken (check) or a target not reachable (solve), 2 bad
 * input or usage, 3 environment failure. */
typedef int cli_command_fn(int argc, char **argv);

typedef struct {
    const char *name;
    cli_command_fn *run;
    const char *synopsis; /* "run FILE", for the main usage; NULL: not listed (--help, --version) */
    const char *help;     /* what it does, in one line */
} cli_command;

/* The command called name, or NULL. */
const cli_command *command_find(const char *name);

/* No command given: the main usage on standard error; returns 2. */
int command_missing(void);

/* name is no command: say so, with the nearest one when one is close;
 * returns 2. */
int command_unknown(const char *name);

/* budgetsim's version, as --version prints it ("0.1.0"): every output records it (write/inputs.h). */
const char *cli_version(void);

cli_command_fn cmd_run, cmd_check, cmd_compare, cmd_vote, cmd_plot, cmd_report, cmd_solve, cmd_sensitivity,
    cmd_sweep, cmd_montecarlo, cmd_reference, cmd_show, cmd_publish;

#endif
