/* cmd_show.c - budgetsim show: every setting of a scenario as resolved,
 * where each came from and the source comment on its line; --sources: the
 * marks of its numbers and those with no source.
 *
 * This file may use: cli/, write/, analyse/, load/, core/ and the C
 * library. */
#include <getopt.h>
#include <stdio.h>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/scenarios.h"
#include "write/outfile.h"
#include "write/show_output.h"

static const char usage_show[] =
    "usage: budgetsim show FILE [--set path=value]... [--sources] [--trace] [--format text|csv|json] [-o OUT]\n"
    "\n"
    "Every setting of a scenario as resolved, in the order of 'budgetsim reference': its value\n"
    "and unit (a per-year setting: each year), and where it came from: FILE:LINE and which file\n"
    "of the chain (the scenario, a base, an include) with the comment on that line, --set, or\n"
    "the default of the settings table. The file as written, with --set: amendments are listed,\n"
    "not applied (see 'vote').\n"
    "\n"
    "  --set path=value  override a setting (repeatable)\n"
    "  --trace           also the values a later file or --set replaced (JSON always has them)\n"
    "  --sources         count the numbers marked [S] stated, [D] derived and assumed\n"
    "                    (docs/sources.md), and list every number with no source comment\n"
    "  --format F        text (default), csv (RFC 4180) or json\n"
    "  -o, --output OUT  write to OUT (replaced only when complete) instead of standard output\n"
    "  -h, --help        this help\n";

enum { OPT_SOURCES = 'S', OPT_TRACE = 'T' };

static const cli_option show_options[] = {{"set", required_argument, CLI_SET},
                                          {"format", required_argument, CLI_FORMAT},
                                          {"output", required_argument, CLI_OUTPUT},
                                          {"sources", no_argument, OPT_SOURCES},
                                          {"trace", no_argument, OPT_TRACE},
                                          {NULL, 0, 0}};

typedef struct {
    int sources, trace;
} show_opts;

static int show_option(cli_args *a, void *ctx, int key, const char *arg)
{
    (void)a;
    (void)arg;
    show_opts *o = ctx;
    if (key == OPT_SOURCES)
        o->sources = 1;
    else
        o->trace = 1;
    return -1;
}

int cmd_show(int argc, char **argv)
{
    static const cli_spec spec = {"show", usage_show, show_options, show_option, 1, 1, 1};
    cli_args a;
    show_opts o = {0, 0};
    int status = cli_parse(&spec, argc, argv, &a, &o);
    if (status >= 0)
        return status;
    bs_error err = {0};
    bs_source *src = NULL;
    bs_provenance *p = NULL;
    bs_outfile out;
    bs_scenario *sc = load_scenario(&a, 0, 1, &src, &err);
    status = BS_EXIT_OK;
    if (!sc || read_provenance(src, a.overrides, a.noverrides, &p, &err) != 0 ||
        outfile_open(&out, a.output, &err) != 0 ||
        outfile_finish(&out,
                       (o.sources ? show_sources_write(out.f, a.format, sc, p, &err)
                                  : show_write(out.f, a.format, sc, p, o.trace, &err)) == 0,
                       &err) != 0)
        status = cli_report(NULL, &err);
    provenance_free(p);
    source_free(src);
    scenario_free(sc);
    return status;
}
