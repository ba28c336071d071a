/* cmd_reference.c - budgetsim reference: every scenario setting, its
 * meaning, unit, default and range, as Markdown or roff.
 *
 * This file may use: cli/, write/, analyse/, load/, core/ and the C
 * library. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/options.h"
#include "write/reference.h"

static const char usage_reference[] =
    "usage: budgetsim reference [--format md|man]\n"
    "\n"
    "Print the reference of every scenario setting (the table in docs/scenario-format.md).\n"
    "\n"
    "  --format F   md (default) or man\n"
    "  -h, --help   this help\n";

enum { OPT_REF_FORMAT = 'F' };

static const cli_option reference_options[] = {{"format", required_argument, OPT_REF_FORMAT}, {NULL, 0, 0}};

/* --format md|man, into *(const char **)ctx. */
static int reference_option(cli_args *a, void *ctx, int key, const char *arg)
{
    (void)key;
    if (strcmp(arg, "md") != 0 && strcmp(arg, "man") != 0)
        return cli_usage_error(a->command, "--format must be md or man, not '%s'", arg);
    *(const char **)ctx = arg;
    return -1;
}

/* The reference to standard output. */
int cmd_reference(int argc, char **argv)
{
    static const cli_spec spec = {"reference", usage_reference, reference_options, reference_option, 0, 0, 1};
    cli_args a;
    const char *format = "md";
    int status = cli_parse(&spec, argc, argv, &a, &format);
    if (status >= 0)
        return status;
    bs_error err = {0};
    schema_write_reference(stdout, format);
    return bs_stream_finish(stdout, "standard output", &err) == 0 ? BS_EXIT_OK : cli_report(NULL, &err);
}
