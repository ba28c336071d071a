/* cmd_reference.c - budgetsim reference: every scenario setting (its
 * meaning, unit, default and range) or, with --rows, every row key of the
 * budget tables (its unit and meaning), as text wrapped to the terminal,
 * Markdown or roff; a word or a path prefix picks some.
 *
 * This file may use: cli/, write/, analyse/, load/, core/, the C library
 * and POSIX. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/scenarios.h"
#include "write/reference.h"

static const char usage_reference[] =
    "usage: budgetsim reference [WORD] [--format text|md|man]\n"
    "       budgetsim reference --rows [FILE] [WORD] [--format text|md]\n"
    "\n"
    "Print the reference of every scenario setting (the table in docs/scenario-format.md):\n"
    "its meaning, type, unit, default and the values allowed. With --rows, every row key\n"
    "of 'budgetsim run FILE --format csv' (the keys red lines, solve --target and\n"
    "sensitivity --metric take), its unit and meaning, '*' standing for an id; with a\n"
    "scenario FILE (an argument with a '/' or ending in .cfg), the rows of that scenario,\n"
    "with its ids.\n"
    "\n"
    "WORD keeps the entries with that word in the path or the meaning (any case), or\n"
    "whose path it begins (services.adult_social_care for services.*.net_m).\n"
    "Text is wrapped to the width of the terminal (COLUMNS, else the terminal's own,\n"
    "else 80 columns), never within a word.\n"
    "\n"
    "  --rows       the rows of the budget tables instead of the settings\n"
    "  --format F   text (default), md or man (man: settings only)\n"
    "  -h, --help   this help\n";

enum { OPT_REF_FORMAT = 'F', OPT_REF_ROWS = 'R' };

static const cli_option reference_options[] = {
    {"format", required_argument, OPT_REF_FORMAT}, {"rows", no_argument, OPT_REF_ROWS}, {NULL, 0, 0}};

typedef struct {
    const char *format;
    int rows;
} reference_ctx;

/* --format text|md|man and --rows, into *(reference_ctx *)ctx. */
static int reference_option(cli_args *a, void *ctx, int key, const char *arg)
{
    reference_ctx *r = ctx;
    if (key == OPT_REF_ROWS) {
        r->rows = 1;
        return -1;
    }
    if (strcmp(arg, "text") != 0 && strcmp(arg, "md") != 0 && strcmp(arg, "man") != 0)
        return cli_usage_error(a->command, "--format must be text, md or man, not '%s'", arg);
    r->format = arg;
    return -1;
}

/* The width to wrap text to: COLUMNS when it is a number from 1, else the
 * terminal's when standard output is one, else 80. */
static int text_width(void)
{
    const char *env = getenv("COLUMNS");
    if (env && *env) {
        char *end;
        long n = strtol(env, &end, 10);
        if (*end == '\0' && n > 0)
            return n > 10000 ? 10000 : (int)n;
    }
    struct winsize ws;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 80;
}

/* An argument naming a scenario file rather than a word: it has a '/' or
 * ends in .cfg. */
static int is_file_argument(const char *s)
{
    size_t n = strlen(s);
    return strchr(s, '/') || (n >= 4 && strcmp(s + n - 4, ".cfg") == 0);
}

/* The table of the scenario a->files[0] (its budget as the file and its
 * bases give it), into *t. Returns 0, or an exit status after reporting. */
static int scenario_table(const cli_args *a, bs_table *t)
{
    bs_error err = {0};
    bs_scenario *sc = load_scenario(a, 0, 0, NULL, &err);
    if (!sc)
        return cli_report(NULL, &err);
    bs_result *r = result_new();
    int rc = r && table_from_result(sc, (budget_run(sc, r), r), t) == 0 ? 0 : -1;
    result_free(r);
    scenario_free(sc);
    if (rc != 0) {
        bs_fail_status(&err, BS_EXIT_ENV, a->files[0], 0, "", "out of memory");
        return cli_report(NULL, &err);
    }
    return 0;
}

/* The reference to standard output. */
int cmd_reference(int argc, char **argv)
{
    static const cli_spec spec = {"reference", usage_reference, reference_options, reference_option, 0, 2, 1};
    cli_args a;
    reference_ctx r = {"text", 0};
    int status = cli_parse(&spec, argc, argv, &a, &r);
    if (status >= 0)
        return status;
    /* the positional arguments: at most one scenario file (with --rows) and one word */
    const char *word = NULL;
    cli_args files = a;
    files.nfiles = 0;
    for (int i = 0; i < a.nfiles; i++) {
        if (is_file_argument(a.files[i])) {
            if (!r.rows)
                return cli_usage_error(a.command, "a scenario file ('%s') is read only with --rows", a.files[i]);
            if (files.nfiles)
                return cli_usage_error(a.command, "one scenario file at most, not '%s' too", a.files[i]);
            files.files[files.nfiles++] = a.files[i];
        } else if (word) {
            return cli_usage_error(a.command, "one WORD at most, not '%s' too", a.files[i]);
        } else {
            word = a.files[i];
        }
    }
    if (r.rows && strcmp(r.format, "man") == 0)
        return cli_usage_error(a.command, "--rows is written as text or md, not %s", r.format);

    int width = text_width(), shown;
    if (r.rows) {
        bs_table t = {0};
        if (files.nfiles && (status = scenario_table(&files, &t)) != 0)
            return status;
        shown = reference_write_rows(stdout, files.nfiles ? &t : NULL, r.format, word, width);
        table_free(&t);
    } else {
        shown = schema_write_reference(stdout, r.format, word, width);
    }
    bs_error err = {0};
    if (bs_stream_finish(stdout, "standard output", &err) != 0)
        return cli_report(NULL, &err);
    if (shown == 0) {
        char seen[256];
        fprintf(stderr, "budgetsim: reference: no %s matches '%s'\n", r.rows ? "row" : "setting",
                bs_printable(word ? word : "", seen, sizeof seen));
        return 1;
    }
    return BS_EXIT_OK;
}
