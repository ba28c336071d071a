/* cmd_publish.c - budgetsim publish: the scenarios as one page that readers
 * can play with (write/publish.h).
 *
 * This file may use: cli/, write/, analyse/, load/, core/ and the C
 * library. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/scenarios.h"
#include "core/bind.h"
#include "write/publish.h"

static const char usage_publish[] =
    "usage: budgetsim publish BASE [ALT] -o DIR [--lever path]... [--set path=value]...\n"
    "\n"
    "One self-contained page, DIR/index.html, where anyone can move the levers of the\n"
    "scenario(s) and see the gap after measures every year, the reserves, the rules, the\n"
    "bills by band and the council's vote, worked out again by budgetsim's own model,\n"
    "compiled to WebAssembly and held in the page: no server, no network, works from a\n"
    "file. The levers: every measure (on or off, amounts, prices, phasing), the council\n"
    "tax rise and the adult social care precept each year, the reserve movements, and\n"
    "each setting named by --lever. The reader's settings are kept in the page's\n"
    "address and can be downloaded as a scenario file\n"
    "that 'budgetsim run' reads. The budget is the one the file proposes: a council's\n"
    "amendments are not moved by readers (see docs/publish.md).\n"
    "\n"
    "  -o, --output DIR  the folder to write index.html into (made when missing)\n"
    "  --lever path      also let readers move this setting (repeatable; as for --set,\n"
    "                    a per-year setting may take @YEAR)\n"
    "  --set path=value  override a setting of the last scenario before publishing (repeatable)\n"
    "  -h, --help        this help\n";

enum { OPT_LEVER = 'L' };

static const cli_option publish_options[] = {{"set", required_argument, CLI_SET},
                                             {"output", required_argument, CLI_OUTPUT},
                                             {"lever", required_argument, OPT_LEVER},
                                             {NULL, 0, 0}};

typedef struct {
    const char *lever[BS_PUBLISH_MAX_LEVERS];
    int nlevers;
} publish_opts;

static int publish_option(cli_args *a, void *ctx, int key, const char *arg)
{
    (void)a;
    (void)key;
    publish_opts *o = ctx;
    if (o->nlevers == BS_PUBLISH_MAX_LEVERS)
        return cli_usage_error("publish", "too many --lever options (the limit is 64): %s", arg);
    o->lever[o->nlevers++] = arg;
    return -1;
}

int cmd_publish(int argc, char **argv)
{
    static const cli_spec spec = {"publish", usage_publish, publish_options, publish_option, 1, 2, 1};
    cli_args a;
    publish_opts o = {{0}, 0};
    int status = cli_parse(&spec, argc, argv, &a, &o);
    if (status >= 0)
        return status;
    if (!a.output)
        return cli_usage_error("publish", "needs -o DIR, the folder to write index.html into%s", "");
    bs_error err = {0};
    bs_scenario *sc[2] = {NULL, NULL};
    bs_source *src[2] = {NULL, NULL};
    bs_provenance *prov[2] = {NULL, NULL};
    bs_publish_input in[2];
    int n = a.nfiles;
    status = BS_EXIT_OK;
    for (int i = 0; i < n && status == BS_EXIT_OK; i++) {
        /* --set changes the last scenario, as for plot and report */
        int with = i == n - 1;
        if (!(sc[i] = load_scenario(&a, i, with, &src[i], &err)) ||
            read_provenance(src[i], with ? a.overrides : NULL, with ? a.noverrides : 0, &prov[i], &err) != 0)
            status = cli_report(NULL, &err);
        in[i] = (bs_publish_input){sc[i], prov[i], a.files[i]};
    }
    /* every lever named must be a setting each scenario has */
    for (int k = 0; k < o.nlevers && status == BS_EXIT_OK; k++)
        for (int i = 0; i < n && status == BS_EXIT_OK; i++) {
            bs_binding b;
            if (bind_path(sc[i], o.lever[k], &b, &err) != 0) {
                char why[600];
                bs_error_format(&err, why, sizeof why);
                status = cli_usage_error("publish", "--lever: %s", why);
            }
        }
    if (status == BS_EXIT_OK && publish_write(a.output, in, n, o.lever, o.nlevers, &err) != 0)
        status = cli_report(NULL, &err);
    else if (status == BS_EXIT_OK)
        printf("%s/index.html\n", a.output);
    for (int i = 0; i < 2; i++) {
        provenance_free(prov[i]);
        source_free(src[i]);
        scenario_free(sc[i]);
    }
    return status;
}
