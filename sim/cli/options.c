/* options.c - one option parser for every command, its usage errors, the
 * nearest-name suggestion and the error report (see options.h).
 *
 * This file may use: cli/, write/, analyse/, load/, core/, the C library
 * and POSIX. */
#include "cli/options.h"

#include "cli/commands.h"
#include "write/inputs.h"
#include "write/outfile.h"

#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static const char progname[] = "budgetsim";

/* The options run, check, compare, vote, plot, report, solve and reference
 * know between them: a command of these (refuse_known) that does not take
 * one says so by name. */
static const cli_option known[] = {{"set", required_argument, CLI_SET},
                                   {"format", required_argument, CLI_FORMAT},
                                   {"output", required_argument, CLI_OUTPUT},
                                   {"draws", required_argument, 0},
                                   {"seed", required_argument, 0},
                                   {"vary", required_argument, 0},
                                   {"target", required_argument, 0},
                                   {"as-proposed", no_argument, 0},
                                   {NULL, 0, 0}};

#define MAX_LONG 32    /* long options of one command, --help and the refused ones included */
#define VAL_BASE 1000  /* getopt_long returns VAL_BASE + i for long option i */

/* The long options getopt_long is given for one command. */
typedef struct {
    struct option longopts[MAX_LONG + 1];
    const cli_option *opt[MAX_LONG]; /* what longopts[i] stands for; NULL for --help */
    int refused[MAX_LONG];           /* known, but not an option of this command */
    int n;
} option_table;

/* Add the long option name to t, standing for opt (NULL: --help); refused:
 * known to budgetsim but not taken by this command. */
static void table_add(option_table *t, const char *name, int has_arg, const cli_option *opt, int refused)
{
    if (t->n >= MAX_LONG)
        return;
    t->longopts[t->n] = (struct option){name, has_arg, NULL, opt ? VAL_BASE + t->n : 'h'};
    t->opt[t->n] = opt;
    t->refused[t->n] = refused;
    t->n++;
}

/* Index of the option called name in t, or -1. */
static int table_find(const option_table *t, const char *name)
{
    for (int i = 0; i < t->n; i++)
        if (strcmp(t->longopts[i].name, name) == 0)
            return i;
    return -1;
}

/* --meta FILE, which every command that reads a scenario takes. */
static const cli_option meta_option = {"meta", required_argument, CLI_META};

/* The table for spec: --help, the command's options, --meta when it reads
 * a scenario and, when it refuses known options by name, those of known[]
 * it does not take. */
static void table_build(const cli_spec *spec, option_table *t)
{
    memset(t, 0, sizeof *t);
    table_add(t, "help", no_argument, NULL, 0);
    for (const cli_option *o = spec->options; o && o->name; o++)
        table_add(t, o->name, o->has_arg, o, 0);
    if (spec->max_files > 0)
        table_add(t, meta_option.name, meta_option.has_arg, &meta_option, 0);
    for (const cli_option *o = known; spec->refuse_known && o->name; o++)
        if (table_find(t, o->name) < 0)
            table_add(t, o->name, o->has_arg, o, 1);
}

/* The usage error with a suggestion (hint, "" for none) after it. */
static int usage_line(const char *command, const char *fmt, const char *arg, const char *hint)
{
    /* the argument as one line: a line break or an escape in it shown as '?' */
    char shown[256];
    fprintf(stderr, "%s: %s: ", progname, command);
    fprintf(stderr, fmt, bs_printable(arg ? arg : "", shown, sizeof shown));
    fprintf(stderr, " (see 'budgetsim %s --help')%s\n", command, hint);
    return BS_EXIT_INPUT;
}

int cli_usage_error(const char *command, const char *fmt, const char *arg)
{
    return usage_line(command, fmt, arg, "");
}

/* "unknown option 'ARG'", with the nearest option the command takes. */
static int unknown_option(const char *command, const option_table *t, const char *arg)
{
    const char *best = NULL;
    bs_nearest n; /* holds the best name: it must outlive best */
    if (strncmp(arg, "--", 2) == 0) {
        bs_nearest_start(&n, arg + 2, strcspn(arg + 2, "="));
        for (int i = 0; i < t->n; i++)
            if (!t->refused[i])
                bs_nearest_offer(&n, t->longopts[i].name);
        best = bs_nearest_best(&n, CLI_NEAREST_SLACK, 0);
    }
    char hint[64] = "";
    if (best)
        snprintf(hint, sizeof hint, "; did you mean --%s?", best);
    return usage_line(command, "unknown option '%s'", arg, hint);
}

/* An option cli_parse() handles itself, or the command's own. Returns -1
 * to go on, or an exit status. */
static int take_option(const cli_spec *spec, cli_args *a, void *ctx, int key, const char *arg)
{
    switch (key) {
    case CLI_SET:
        if (a->noverrides >= CLI_MAX_SET)
            return cli_usage_error(a->command, "too many --set options (the limit is 256)%s", "");
        a->overrides[a->noverrides++].text = arg;
        inputs_add_set(arg);
        return -1;
    case CLI_META:
        inputs_set_meta(arg);
        return -1;
    case CLI_FORMAT: {
        int fmt = output_parse_format(arg);
        if (fmt < 0)
            return cli_usage_error(a->command, "--format must be text, csv or json, not '%s'", arg);
        a->format = (bs_format)fmt;
        return -1;
    }
    case CLI_OUTPUT:
        a->output = arg;
        return -1;
    case CLI_AS_PROPOSED:
        a->as_proposed = true;
        return -1;
    default:
        return spec->handle ? spec->handle(a, ctx, key, arg) : -1;
    }
}

/* The scenario files after the options. Returns -1, or an exit status. */
static int take_files(const cli_spec *spec, cli_args *a, int argc, char **argv)
{
    for (int i = optind; i < argc; i++) {
        if (a->nfiles >= spec->max_files)
            return cli_usage_error(a->command, "unexpected argument '%s'", argv[i]);
        a->files[a->nfiles++] = argv[i];
    }
    if (a->nfiles < spec->min_files)
        return cli_usage_error(a->command, spec->min_files == 2 ? "needs two scenario files, BASE and ALT%s"
                                                                : "needs a scenario file%s",
                               "");
    return -1;
}

int cli_parse(const cli_spec *spec, int argc, char **argv, cli_args *a, void *ctx)
{
    option_table t;
    table_build(spec, &t);
    memset(a, 0, sizeof *a);
    a->command = spec->name;
    inputs_begin(spec->name, cli_version()); /* what the outputs record of their inputs (write/inputs.h) */
    optind = 2;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":ho:", t.longopts, NULL)) != -1) {
        /* -o is --output, refused or taken as that is */
        int i = c == 'o' ? table_find(&t, "output") : c >= VAL_BASE && c < VAL_BASE + t.n ? c - VAL_BASE : -1;
        int status;
        if (c == 'h') {
            /* the usage, then --meta, which every command that reads a scenario takes */
            int rc = cli_print(spec->usage);
            if (rc != BS_EXIT_OK || spec->max_files == 0)
                return rc;
            return cli_print("  --meta FILE       also write the inputs (files and their SHA-256, overrides, version) "
                             "as JSON to FILE\n");
        }
        if (c == ':')
            return cli_usage_error(a->command, "%s needs a value", argv[optind - 1]);
        if (i < 0 || !t.opt[i])
            return unknown_option(a->command, &t, argv[optind - 1]);
        if (t.refused[i]) {
            char name[64];
            /* --output is refused by its short name, -o */
            snprintf(name, sizeof name, t.opt[i]->key == CLI_OUTPUT ? "-o" : "--%s", t.opt[i]->name);
            return cli_usage_error(a->command, "%s is not an option of this command", name);
        }
        if ((status = take_option(spec, a, ctx, t.opt[i]->key, optarg)) >= 0)
            return status;
    }
    return take_files(spec, a, argc, argv);
}

int cli_report(const char *command, bs_error *err)
{
    if (err->status == BS_EXIT_PIPE) /* standard output's reader has gone: end quietly, as GNU tools do */
        bs_temp_die(SIGPIPE);
    if (command && !err->file[0]) {
        char setting[sizeof err->setting];
        if ((size_t)snprintf(setting, sizeof setting, "%s%s%s", command, err->setting[0] ? ": " : "",
                             err->setting) < sizeof setting)
            memcpy(err->setting, setting, sizeof setting);
    }
    char line[1600];
    bs_error_format(err, line, sizeof line);
    if (err->file[0] && strcmp(err->file, "--set") != 0)
        fprintf(stderr, "%s\n", line);
    else
        fprintf(stderr, "%s: %s\n", progname, line);
    return err->status ? err->status : BS_EXIT_INPUT;
}

int cli_print(const char *text)
{
    bs_error err = {0};
    fputs(text, stdout);
    return bs_stream_finish(stdout, "standard output", &err) == 0 ? BS_EXIT_OK : cli_report(NULL, &err);
}
