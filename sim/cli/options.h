/* options.h - the command line of one command: the options every command
 * shares (--set, --format, -o, --as-proposed, --help), the command's own option table, its
 * scenario files; the usage errors, the nearest-name suggestion, and the
 * one report() that turns an error into a line on standard error.
 *
 * A command describes itself in a cli_spec (its name, its --help text, its
 * options and how many files it takes) and calls cli_parse(), which reads
 * argv with getopt_long, handles the shared options itself and hands the
 * command's own ones to its handler.
 *
 * This file may use: cli/, write/, analyse/, load/, core/, the C library
 * and POSIX. */
#ifndef BS_CLI_OPTIONS_H
#define BS_CLI_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/scenario.h"
#include "write/emit.h"

/* The most --set options one command line may give. */
#define CLI_MAX_SET 256

/* What every command's line says: its files and the shared options. */
typedef struct {
    const char *command;                /* run, check, ... as typed */
    const char *files[2];               /* the scenario files given */
    int nfiles;
    bs_override overrides[CLI_MAX_SET]; /* --set, in order */
    int noverrides;
    bs_format format;                   /* --format, when the command takes text|csv|json */
    const char *output;                 /* -o, NULL when not given */
    bool as_proposed;                   /* --as-proposed: the budget before the meeting's amendments */
} cli_args;

/* Keys of the shared options: cli_parse() handles them itself. Any other
 * key in a command's table is handed to the command's handler. */
enum {
    CLI_SET = 's',    /* --set path=value, repeatable */
    CLI_FORMAT = 'f', /* --format text|csv|json */
    CLI_OUTPUT = 'o', /* -o, --output OUT */
    CLI_AS_PROPOSED = 'A', /* --as-proposed: the budget before amendments (analyse/meeting.h) */
    CLI_META = 'M'         /* --meta FILE: the inputs as JSON beside the output (write/inputs.h); every
                            * command but reference takes it, without listing it in its table */
};

/* One long option of a command. */
typedef struct {
    const char *name; /* without "--"; NULL ends a table */
    int has_arg;      /* no_argument or required_argument (getopt.h) */
    int key;          /* CLI_SET, CLI_FORMAT, CLI_OUTPUT, or the command's own */
} cli_option;

/* Read one of the command's own options (key from its table, arg its value
 * or NULL) into ctx. Returns -1 to go on, or an exit status to stop with
 * (after printing the error). */
typedef int cli_handler(cli_args *a, void *ctx, int key, const char *arg);

/* A command, as its option parser sees it. */
typedef struct {
    const char *name;           /* the command */
    const char *usage;          /* its --help text */
    const cli_option *options;  /* the options it takes besides --help */
    cli_handler *handle;        /* reads its own options; NULL when it has none */
    int min_files, max_files;   /* the scenario files after the options */
    int refuse_known;           /* an option of run, vote, solve... that this command does not take is
                                   "not an option of this command" rather than unknown */
} cli_spec;

/* Parse argv (argv[1] is the command) into *a (zeroed first) and ctx:
 * --help prints the usage; the shared options are read into *a; the
 * command's own go to spec->handle; then the file arguments. Returns -1 to
 * go on, or an exit status (the help printed, or a usage error). */
int cli_parse(const cli_spec *spec, int argc, char **argv, cli_args *a, void *ctx);

/* Print "budgetsim: COMMAND: " fmt (its one %s showing arg as one line)
 * " (see 'budgetsim COMMAND --help')" on standard error; return 2. */
int cli_usage_error(const char *command, const char *fmt, const char *arg);

/* Print err as one line on standard error, after "budgetsim: " unless it
 * names a file. When command is not NULL and err names no file (it is
 * about an argument), "COMMAND: " goes before it. Returns its exit status
 * (2 when it has none). */
int cli_report(const char *command, bs_error *err);

/* Write text (a help, the version) to standard output: returns 0, or 3
 * after reporting that it could not be written. */
int cli_print(const char *text);

/* "Did you mean" for a command or an option: bs_nearest (core/util.h),
 * close enough within a third of the word's length plus CLI_NEAREST_SLACK. */
#define CLI_NEAREST_SLACK 1

#endif
