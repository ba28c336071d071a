/* main.c - the budgetsim command line: parse options, hand over, report.
 *
 * Commands: run, check, compare, vote, plot, report, solve, sensitivity,
 * montecarlo, sweep, reference. Exit status: 0 success, 1 a rule broken
 * (check) or a target not reachable (solve), 2 bad input or usage, 3
 * environment failure. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/args.h"
#include "core/budget.h"
#include "load/source.h"
#include "analyse/montecarlo.h"
#include "write/output.h"
#include "write/plot.h"
#include "write/report.h"
#include "core/schema.h"
#include "write/reference.h"
#include "analyse/sensitivity.h"
#include "analyse/solve.h"
#include "write/stage.h"
#include "write/emit.h"
#include "write/outfile.h"
#include "analyse/sweep.h"

#ifndef BS_VERSION
#define BS_VERSION "0.1.0"
#endif

#define MAX_OVERRIDES 256

static const char *progname = "budgetsim";

/* Everything the command line says, gathered before any work is done. */
typedef struct {
    const char *command;                 /* run, check, compare, reference */
    const char *files[2];                /* scenario files given */
    int nfiles;
    bs_override overrides[MAX_OVERRIDES];/* --set, in order */
    int noverrides;
    bs_format format;                    /* --format */
    const char *reference_format;        /* reference: md or man */
    const char *output;                  /* -o FILE, NULL for standard output */
    long draws;                          /* vote --draws: Monte Carlo draws, 0 for none */
    unsigned long seed;                  /* vote --seed */
    bs_image_format image;               /* plot --format */
    bs_solve_spec spec;                  /* solve --vary and --target */
    int has_vary, has_target;            /* given (each at most once) */
} options;

static const char *usage_main =
    "usage: budgetsim COMMAND [OPTIONS]\n"
    "\n"
    "A budget what-if simulator for a council.\n"
    "\n"
    "commands:\n"
    "  run FILE        the budget year by year, the rules and household bills\n"
    "  check FILE      exit 0 when valid and lawful, 1 when a rule is broken\n"
    "  compare BASE ALT  two scenarios side by side, with the differences\n"
    "  vote FILE       how the council votes: amendments, the budget, red lines, odds\n"
    "  plot FILE [ALT] charts for reports, drawn with gnuplot\n"
    "  report BASE ALT report.md and report.html: tables, the vote, every chart\n"
    "  solve FILE      goal seek: the value of a setting that brings a quantity to a target\n"
    "  sensitivity FILE  what moves a quantity most: each setting swung down and up in turn\n"
    "  sweep FILE      every combination of values of a few settings, in parallel, as CSV\n"
    "  montecarlo FILE the budget under uncertainty: percentiles, the reserve at risk, the odds of passing\n"
    "  reference       every scenario setting: meaning, unit, default, range\n"
    "\n"
    "Run 'budgetsim COMMAND --help' for a command's options; 'man budgetsim' for the manual.\n"
    "  --help, -h      this help\n"
    "  --version       print the version\n";

static const char *usage_run =
    "usage: budgetsim run FILE [--set path=value]... [--format text|csv|json] [-o OUT]\n"
    "\n"
    "Compute the budget of a scenario: spending, funding and the gap, the measures\n"
    "that close it, reserves, the rules and whether each holds, household bills.\n"
    "\n"
    "  --set path=value  override a setting (repeatable), e.g. --set council_tax.core_rise_pct=1.5\n"
    "  --format F        text (default), csv (RFC 4180) or json\n"
    "  -o, --output OUT  write to OUT (replaced only when complete) instead of standard output\n"
    "  -h, --help        this help\n";

static const char *usage_check =
    "usage: budgetsim check FILE [--set path=value]...\n"
    "\n"
    "Validate a scenario and check the rules. Exit 0 when valid and every rule holds,\n"
    "1 when valid but a rule is broken (each broken rule on its own line), 2 on bad input.\n"
    "\n"
    "  --set path=value  override a setting (repeatable)\n"
    "  -h, --help        this help\n";

static const char *usage_compare =
    "usage: budgetsim compare BASE ALT [--set path=value]... [--format text|csv|json] [-o OUT]\n"
    "\n"
    "Compare two scenarios over the same years, line by line and year by year, with the\n"
    "differences, and what the alternative funds and how it pays for it.\n"
    "\n"
    "  --set path=value  override a setting in the alternative (repeatable)\n"
    "  --format F        text (default), csv or json\n"
    "  -o, --output OUT  write to OUT (replaced only when complete) instead of standard output\n"
    "  -h, --help        this help\n";

static const char *usage_vote =
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

static const char *usage_plot =
    "usage: budgetsim plot FILE [ALT] [-o DIR] [--format svg|png|pdf] [--set path=value]...\n"
    "\n"
    "Write charts for one scenario, or a base and an alternative, into DIR (default plots):\n"
    "for each, a gnuplot script NAME.gp and its data NAME.dat that you can re-run by hand\n"
    "(cd DIR; gnuplot NAME.gp), and the chart drawn by gnuplot: adopted against\n"
    "alternative by service line, a waterfall from the gap to the budget, reserves over\n"
    "the horizon, household bills by band, the council as a hemicycle, and the\n"
    "distribution of the votes for when the vote is uncertain.\n"
    "\n"
    "  -o, --output DIR  the folder (created if missing)\n"
    "  --format F        svg (default), png or pdf\n"
    "  --set path=value  override a setting of the last scenario given (repeatable)\n"
    "  -h, --help        this help\n";

static const char *usage_report =
    "usage: budgetsim report BASE ALT [-o DIR] [--format svg|png] [--set path=value]...\n"
    "\n"
    "Write every chart of 'budgetsim plot BASE ALT' into DIR (default plots), then\n"
    "report.md and report.html: the comparison tables, the vote and the charts, the\n"
    "HTML one self-contained page with the charts embedded.\n"
    "\n"
    "  -o, --output DIR  the folder (created if missing)\n"
    "  --format F        svg (default) or png, for the charts\n"
    "  --set path=value  override a setting of the alternative (repeatable)\n"
    "  -h, --help        this help\n";

static const char *usage_solve =
    "usage: budgetsim solve FILE --vary path=LO:HI --target KEY[@YEAR]=VALUE [--set path=value]...\n"
    "                      [--format text|csv|json] [-o OUT]\n"
    "\n"
    "Goal seek: find the value of one numeric setting, between LO and HI, at which a\n"
    "quantity of the budget takes the target value in one year, by Brent's method.\n"
    "A per-year setting is set to the value in every year, as --set does. Exit 1, with\n"
    "the quantity at both ends, when the target is not reachable between LO and HI.\n"
    "\n"
    "  --vary path=LO:HI         the setting to vary and the range to search, e.g.\n"
    "                            --vary council_tax.core_rise_pct=0:60\n"
    "  --target KEY@YEAR=VALUE   a row key of 'budgetsim run FILE --format csv' and a year\n"
    "                            (2023 for 2023/24; the first year when @YEAR is left out),\n"
    "                            e.g. --target totals.gap_after_m@2023=0\n"
    "  --set path=value          override a setting (repeatable)\n"
    "  --format F                text (default), csv or json\n"
    "  -o, --output OUT          write to OUT (replaced only when complete) instead of standard output\n"
    "  -h, --help                this help\n";

static const char *usage_reference =
    "usage: budgetsim reference [--format md|man]\n"
    "\n"
    "Print the reference of every scenario setting (the table in docs/scenario-format.md).\n"
    "\n"
    "  --format F   md (default) or man\n"
    "  -h, --help   this help\n";

/* Print an error line for err to stderr; return its exit status. */
static int report(const bs_error *err)
{
    char line[1600];
    bs_error_format(err, line, sizeof line);
    if (err->file[0] && strcmp(err->file, "--set") != 0)
        fprintf(stderr, "%s\n", line);
    else
        fprintf(stderr, "%s: %s\n", progname, line);
    return err->status ? err->status : BS_EXIT_INPUT;
}

/* Write text (help, the version) to standard output: exit 0, or 3 with one
 * line when it cannot be written. */
static int write_stdout(const char *text)
{
    bs_error err = {0};
    fputs(text, stdout);
    return bs_stream_finish(stdout, "standard output", &err) == 0 ? BS_EXIT_OK : report(&err);
}

static int usage_error(const char *command, const char *fmt, const char *arg)
{
    /* the argument as one line: a line break or an escape in it shown as '?' */
    char shown[256];
    fprintf(stderr, "%s: %s%s", progname, command ? command : "", command ? ": " : "");
    fprintf(stderr, fmt, bs_printable(arg ? arg : "", shown, sizeof shown));
    fprintf(stderr, " (see 'budgetsim %s%s--help')\n", command ? command : "", command ? " " : "");
    return BS_EXIT_INPUT;
}

/* Print a solve error: one naming a command-line argument (no file) gets
 * "solve: " before it. Returns its exit status. */
static int report_solve(bs_error *err)
{
    if (!err->file[0]) {
        char setting[sizeof err->setting];
        if ((size_t)snprintf(setting, sizeof setting, "solve%s%s", err->setting[0] ? ": " : "", err->setting) <
            sizeof setting)
            memcpy(err->setting, setting, sizeof setting);
    }
    return report(err);
}

/* Parse argv into o. Returns -1 to go on, or an exit status. */
static int parse_args(int argc, char **argv, options *o)
{
    if (argc < 2) {
        fputs(usage_main, stderr);
        return BS_EXIT_INPUT;
    }
    if (strcmp(argv[1], "--version") == 0) {
        return write_stdout("budgetsim " BS_VERSION "\n");
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        return write_stdout(usage_main);
    }
    o->command = argv[1];
    const char *usage;
    int want_files, max_files;
    if (strcmp(o->command, "run") == 0) { usage = usage_run; want_files = max_files = 1; }
    else if (strcmp(o->command, "check") == 0) { usage = usage_check; want_files = max_files = 1; }
    else if (strcmp(o->command, "compare") == 0) { usage = usage_compare; want_files = max_files = 2; }
    else if (strcmp(o->command, "reference") == 0) { usage = usage_reference; want_files = max_files = 0; }
    else if (strcmp(o->command, "vote") == 0) { usage = usage_vote; want_files = max_files = 1; }
    else if (strcmp(o->command, "plot") == 0) { usage = usage_plot; want_files = 1; max_files = 2; }
    else if (strcmp(o->command, "report") == 0) { usage = usage_report; want_files = max_files = 2; }
    else if (strcmp(o->command, "solve") == 0) { usage = usage_solve; want_files = max_files = 1; }
    else {
        char shown[256];
        fprintf(stderr, "%s: unknown command '%s' (commands: run, check, compare, vote, plot, report, solve, "
                        "sensitivity, montecarlo, sweep, reference; see 'budgetsim --help')\n",
                progname, bs_printable(o->command, shown, sizeof shown));
        return BS_EXIT_INPUT;
    }
    int is_check = strcmp(o->command, "check") == 0, is_ref = strcmp(o->command, "reference") == 0;
    int is_vote = strcmp(o->command, "vote") == 0;
    int is_solve = strcmp(o->command, "solve") == 0;
    int is_plot = strcmp(o->command, "plot") == 0 || strcmp(o->command, "report") == 0;
    o->seed = 1;
    static const struct option longopts[] = {{"set", required_argument, NULL, 's'},
                                             {"format", required_argument, NULL, 'f'},
                                             {"output", required_argument, NULL, 'o'},
                                             {"help", no_argument, NULL, 'h'},
                                             {"draws", required_argument, NULL, 'd'},
                                             {"seed", required_argument, NULL, 'S'},
                                             {"vary", required_argument, NULL, 'V'},
                                             {"target", required_argument, NULL, 'T'},
                                             {NULL, 0, NULL, 0}};
    char cmd[32];
    snprintf(cmd, sizeof cmd, "%s ", o->command);
    optind = 2;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
        switch (c) {
        case 'h':
            return write_stdout(usage);
        case 's':
            if (is_ref)
                return usage_error(o->command, "--set is not an option of this command%s", "");
            if (o->noverrides >= MAX_OVERRIDES)
                return usage_error(o->command, "too many --set options (the limit is 256)%s", "");
            o->overrides[o->noverrides++].text = optarg;
            break;
        case 'f':
            if (is_check)
                return usage_error(o->command, "--format is not an option of this command%s", "");
            if (is_plot) {
                int img = plot_parse_format(optarg);
                if (img < 0 || (img == BS_IMG_PDF && strcmp(o->command, "report") == 0))
                    return usage_error(o->command, strcmp(o->command, "report") == 0
                                                       ? "--format must be svg or png, not '%s'"
                                                       : "--format must be svg, png or pdf, not '%s'",
                                       optarg);
                o->image = (bs_image_format)img;
            } else if (is_ref) {
                if (strcmp(optarg, "md") != 0 && strcmp(optarg, "man") != 0)
                    return usage_error(o->command, "--format must be md or man, not '%s'", optarg);
                o->reference_format = optarg;
            } else {
                int fmt = output_parse_format(optarg);
                if (fmt < 0)
                    return usage_error(o->command, "--format must be text, csv or json, not '%s'", optarg);
                o->format = (bs_format)fmt;
            }
            break;
        case 'o':
            if (is_check || is_ref)
                return usage_error(o->command, "-o is not an option of this command%s", "");
            o->output = optarg;
            break;
        case 'd':
        case 'S': {
            if (!is_vote)
                return usage_error(o->command, "%s is not an option of this command", c == 'd' ? "--draws" : "--seed");
            bs_error err = {0};
            unsigned long long v;
            if (args_parse_whole(c == 'd' ? "--draws" : "--seed", optarg, c == 'd' ? 1 : 0,
                                 c == 'd' ? 100000000ULL : 4294967295ULL, 0, &v, &err) != 0)
                return usage_error(o->command, "%s", err.message);
            if (c == 'd')
                o->draws = (long)v;
            else
                o->seed = (unsigned long)v;
            break;
        }
        case 'V':
        case 'T': {
            const char *name = c == 'V' ? "--vary" : "--target";
            if (!is_solve)
                return usage_error(o->command, "%s is not an option of this command", name);
            if (c == 'V' ? o->has_vary : o->has_target)
                return usage_error(o->command, c == 'V' ? "%s is given twice: solve varies one setting"
                                                        : "%s is given twice: solve seeks one target",
                                   name);
            bs_error err = {0};
            if ((c == 'V' ? solve_parse_vary(optarg, &o->spec, &err) : solve_parse_target(optarg, &o->spec, &err)) != 0)
                return report_solve(&err);
            *(c == 'V' ? &o->has_vary : &o->has_target) = 1;
            break;
        }
        case ':':
            return usage_error(o->command, "%s needs a value", argv[optind - 1]);
        default:
            return usage_error(o->command, "unknown option '%s'", argv[optind - 1]);
        }
    }
    (void)cmd;
    for (int i = optind; i < argc; i++) {
        if (o->nfiles >= max_files)
            return usage_error(o->command, "unexpected argument '%s'", argv[i]);
        o->files[o->nfiles++] = argv[i];
    }
    if (o->nfiles < want_files)
        return usage_error(o->command, want_files == 2 ? "needs two scenario files, BASE and ALT%s"
                                                       : "needs a scenario file%s", "");
    if (is_solve && !o->has_vary)
        return usage_error(o->command, "needs --vary path=LO:HI, the setting to vary%s", "");
    if (is_solve && !o->has_target)
        return usage_error(o->command, "needs --target KEY@YEAR=VALUE, the quantity to bring to a value%s", "");
    return -1;
}

/* Open the output: standard output, or a temporary file beside o->output
 * that finish_output() renames into place. */
static FILE *open_output(const options *o, char *tmp, size_t size, bs_error *err)
{
    struct stat st;
    tmp[0] = '\0';
    if (!o->output)
        return stdout;
    if (stat(o->output, &st) == 0 && S_ISDIR(st.st_mode)) {
        bs_fail_status(err, BS_EXIT_ENV, o->output, 0, "", "is a directory");
        return NULL;
    }
    if (stat(o->output, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* A device or pipe (/dev/stdout, a FIFO): write to it directly;
         * renaming a file over it would replace the device. */
        FILE *f = fopen(o->output, "w");
        if (!f)
            bs_fail_status(err, BS_EXIT_ENV, o->output, 0, "", "cannot write: %s", strerror(errno));
        return f;
    }
    if ((size_t)snprintf(tmp, size, "%s.tmpXXXXXX", o->output) >= size) {
        bs_fail_status(err, BS_EXIT_ENV, o->output, 0, "", "the file name is too long");
        return NULL;
    }
    int fd = bs_mkstemp(tmp);
    if (fd < 0) {
        bs_fail_status(err, BS_EXIT_ENV, o->output, 0, "", "cannot write: %s", strerror(errno));
        return NULL;
    }
    FILE *f = fdopen(fd, "w");
    if (!f) {
        close(fd);
        bs_temp_remove(tmp);
        bs_fail_status(err, BS_EXIT_ENV, o->output, 0, "", "cannot write: %s", strerror(errno));
    }
    return f;
}

/* Flush and close the output opened by open_output(); ok is whether the
 * writer succeeded (when not, err is the writer's). A temporary file is kept
 * under its temporary name for commit_output() or discard_output(); on any
 * failure it is removed, so an existing file is left untouched. A writer that
 * stopped because the stream failed leaves ferror(f) set and the system's
 * reason in err->message: the error then names the output. Returns 0, or -1
 * with err. */
static int close_output(const options *o, FILE *f, const char *tmp, int ok, bs_error *err)
{
    if (!ok && ferror(f) && err->status == BS_EXIT_ENV && !err->file[0] && !err->setting[0]) {
        char reason[sizeof err->message];
        memcpy(reason, err->message, sizeof reason);
        if (o->output)
            bs_fail_status(err, BS_EXIT_ENV, o->output, 0, "", "cannot write: %s", reason);
        else
            bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "cannot write standard output: %s", reason);
    }
    if (!o->output)
        return ok ? bs_stream_finish(f, "standard output", err) : -1;
    if (!tmp[0]) { /* a device or pipe, written directly */
        int bad_dev = !ok || fflush(f) != 0 || ferror(f);
        int saved_dev = errno;
        if (fclose(f) != 0)
            bad_dev = 1;
        if (bad_dev && ok)
            bs_fail_status(err, BS_EXIT_ENV, o->output, 0, "", "cannot write: %s",
                           strerror(saved_dev ? saved_dev : EIO));
        return bad_dev ? -1 : 0;
    }
    int bad = !ok || fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0;
    int saved = errno;
    if (fclose(f) != 0)
        bad = 1;
    if (bad) {
        bs_temp_remove(tmp);
        if (ok)
            bs_fail_status(err, BS_EXIT_ENV, o->output, 0, "", "cannot write: %s", strerror(saved ? saved : EIO));
        return -1;
    }
    return 0;
}

/* Rename the temporary file closed by close_output() into place (nothing to
 * do for standard output or a device). Returns 0, or -1 with err. */
static int commit_output(const options *o, const char *tmp, bs_error *err)
{
    if (!o->output || !tmp[0])
        return 0;
    if (bs_temp_commit(tmp, o->output) != 0) {
        int saved = errno;
        bs_temp_remove(tmp);
        return bs_fail_status(err, BS_EXIT_ENV, o->output, 0, "", "cannot write: %s", strerror(saved));
    }
    return 0;
}

/* Remove the temporary file closed by close_output(), when a later step of
 * the run (its charts) failed: the run leaves the old file as it was. */
static void discard_output(const options *o, const char *tmp)
{
    if (o->output && tmp[0])
        bs_temp_remove(tmp);
}

/* close_output() and commit_output(): for a command with nothing after it. */
static int finish_output(const options *o, FILE *f, const char *tmp, int ok, bs_error *err)
{
    if (close_output(o, f, tmp, ok, err) != 0)
        return -1;
    return commit_output(o, tmp, err);
}

/* Charts (and a report) are drawn through a staging folder in dir: the
 * files are moved into place together once every one is written, so a run
 * that fails half way leaves the old set as it was. When gnuplot is missing
 * or fails, the data and scripts (complete, and named by the message) are
 * still put in place, never a chart. fn draws into the folder it is given. */
typedef int (*draw_fn)(const char *folder, void *arg, bs_error *err);

static int draw_staged(bs_stage *opened, const char *dir, draw_fn fn, void *arg, bs_error *err)
{
    bs_stage own, *st = opened ? opened : &own;
    if (!opened && stage_open(st, dir, err) != 0)
        return -1;
    if (fn(st->path, arg, err) != 0) {
        stage_error(st, err);
        if (strncmp(err->message, "gnuplot ", 8) == 0) {
            static const char *const keep[] = {".dat", ".gp", NULL};
            bs_error ignored = {0};
            stage_commit(st, keep, &ignored);
        } else {
            stage_abort(st);
        }
        return -1;
    }
    return stage_commit(st, NULL, err);
}

typedef struct {
    bs_image_format image;
    const bs_plot_input *in;
    int n;
    bs_chart_list *list;
    int is_report;
} plot_job;

static int draw_plots(const char *folder, void *arg, bs_error *err)
{
    plot_job *j = arg;
    if (plot_all(folder, j->image, j->in, j->n, j->list, err) != 0)
        return -1;
    return j->is_report ? report_write(folder, j->in, j->list, j->image, err) : 0;
}

static int cmd_reference(const options *o)
{
    bs_error err = {0};
    schema_write_reference(stdout, o->reference_format ? o->reference_format : "md");
    return bs_stream_finish(stdout, "standard output", &err) == 0 ? BS_EXIT_OK : report(&err);
}

/* Read one scenario file (once) and build it into heap memory (caller
 * frees), or NULL with err. *src receives the source when src is not NULL
 * (caller frees with source_free), for commands that build it again. */
static bs_scenario *load(const char *file, const options *o, int with_overrides, bs_source **src, bs_error *err)
{
    bs_source *s = NULL;
    bs_scenario *sc = malloc(sizeof *sc);
    if (!sc) {
        bs_fail_status(err, BS_EXIT_ENV, file, 0, "", "out of memory");
        return NULL;
    }
    if (source_read(file, &s, err) != 0 ||
        source_build(s, o->overrides, with_overrides ? o->noverrides : 0, sc, err) != 0) {
        source_free(s);
        free(sc);
        return NULL;
    }
    if (src)
        *src = s;
    else
        source_free(s);
    return sc;
}

/* Load a scenario, run its budget and, when it has a council, its meeting.
 * Heap memory in *sc, *r, *b (caller frees; *b may be NULL). */
static int load_for_charts(const options *o, int i, int with_overrides, bs_scenario **sc, bs_result **r,
                           bs_ballot **b, bs_error *err)
{
    bs_source *src = NULL;
    *sc = load(o->files[i], o, with_overrides, &src, err);
    *r = NULL;
    *b = NULL;
    if (!*sc)
        return -1;
    int rc = 0;
    if (!(*r = malloc(sizeof **r)))
        rc = bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    else
        budget_run(*sc, *r);
    if (rc == 0 && (*sc)->chamber.given && !(*b = calloc(1, sizeof **b)))
        rc = bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    if (rc == 0 && *b)
        rc = ballot_run(src, o->overrides, with_overrides ? o->noverrides : 0, *sc, 0, 0, *b, err);
    source_free(src);
    return rc;
}

static void free_loaded(bs_scenario *sc, bs_result *r, bs_ballot *b)
{
    if (b)
        ballot_free(b);
    free(b);
    free(r);
    free(sc);
}

static int cmd_run_check(const options *o)
{
    bs_error err = {0};
    bs_scenario *sc;
    bs_result *r;
    bs_ballot *b;
    int status = BS_EXIT_OK;
    int is_check = strcmp(o->command, "check") == 0;
    /* check needs no vote: load the budget only */
    if (is_check) {
        b = NULL;
        sc = load(o->files[0], o, 1, NULL, &err);
        r = sc ? malloc(sizeof *r) : NULL;
        if (sc && !r)
            bs_fail_status(&err, BS_EXIT_ENV, "", 0, "", "out of memory");
        if (r)
            budget_run(sc, r);
        else
            status = report(&err);
    } else if (load_for_charts(o, 0, 1, &sc, &r, &b, &err) != 0) {
        status = report(&err);
    }
    if (status != BS_EXIT_OK) {
        /* reported above */
    } else if (is_check) {
        output_broken_rules(stdout, sc, r);
        if (bs_stream_finish(stdout, "standard output", &err) != 0)
            status = report(&err);
        else
            status = budget_broken_count(r) ? BS_EXIT_RULE : BS_EXIT_OK;
    } else {
        char tmp[4200];
        FILE *f = open_output(o, tmp, sizeof tmp, &err);
        if (!f || finish_output(o, f, tmp, output_run(f, o->format, sc, r, b, &err) == 0, &err) != 0)
            status = report(&err);
    }
    free_loaded(sc, r, b);
    return status;
}

static int cmd_compare(const options *o)
{
    bs_error err = {0};
    int status = BS_EXIT_OK;
    bs_scenario *sc[2] = {NULL, NULL};
    bs_result *r[2] = {NULL, NULL};
    bs_ballot *b[2] = {NULL, NULL};
    for (int i = 0; i < 2 && status == BS_EXIT_OK; i++)
        if (load_for_charts(o, i, i == 1, &sc[i], &r[i], &b[i], &err) != 0)
            status = report(&err);
    if (status == BS_EXIT_OK && (sc[0]->first_year != sc[1]->first_year || sc[0]->nyears != sc[1]->nyears)) {
        char ya[16], yb[16];
        bs_fail(&err, o->files[1], 0, "horizon",
                "runs %s for %d years but the base runs %s for %d years; compare needs the same years",
                bs_year_label(sc[1]->first_year, yb, sizeof yb), sc[1]->nyears,
                bs_year_label(sc[0]->first_year, ya, sizeof ya), sc[0]->nyears);
        status = report(&err);
    }
    if (status == BS_EXIT_OK) {
        char tmp[4200];
        FILE *f = open_output(o, tmp, sizeof tmp, &err);
        int ok = f && output_compare(f, o->format, sc[0], r[0], b[0], sc[1], r[1], b[1], &err) == 0;
        if (!f || finish_output(o, f, tmp, ok, &err) != 0)
            status = report(&err);
    }
    for (int i = 0; i < 2; i++)
        free_loaded(sc[i], r[i], b[i]);
    return status;
}

static int cmd_plot(const options *o)
{
    bs_error err = {0};
    bs_scenario *sc[2] = {NULL, NULL};
    bs_result *r[2] = {NULL, NULL};
    bs_ballot *b[2] = {NULL, NULL};
    bs_plot_input in[2];
    int status = BS_EXIT_OK, n = o->nfiles;
    for (int i = 0; i < n && status == BS_EXIT_OK; i++) {
        if (load_for_charts(o, i, i == n - 1, &sc[i], &r[i], &b[i], &err) != 0)
            status = report(&err);
        in[i].sc = sc[i];
        in[i].r = r[i];
        in[i].ballot = b[i];
    }
    if (status == BS_EXIT_OK && n == 2 && (sc[0]->first_year != sc[1]->first_year || sc[0]->nyears != sc[1]->nyears)) {
        bs_fail(&err, o->files[1], 0, "horizon", "covers other years than the base; charts need the same years");
        status = report(&err);
    }
    if (status == BS_EXIT_OK) {
        bs_chart_list *list = calloc(1, sizeof *list);
        const char *dir = o->output ? o->output : "plots";
        int is_report = strcmp(o->command, "report") == 0;
        plot_job job = {o->image, in, n, list, is_report};
        if (!list || draw_staged(NULL, dir, draw_plots, &job, &err) != 0)
            status = report(&err);
        else if (is_report)
            printf("%s/report.html\n%s/report.md\n", dir, dir);
        else
            for (int i = 0; i < list->n; i++)
                printf("%s/%s.%s\n", dir, list->name[i], plot_extension(o->image));
        free(list);
        if (status == BS_EXIT_OK && bs_stream_finish(stdout, "standard output", &err) != 0)
            status = report(&err);
    }
    for (int i = 0; i < 2; i++)
        free_loaded(sc[i], r[i], b[i]);
    return status;
}

static int cmd_vote(const options *o)
{
    bs_error err = {0};
    int status = BS_EXIT_OK;
    bs_source *src = NULL;
    bs_scenario *sc = load(o->files[0], o, 1, &src, &err);
    bs_ballot *b = sc ? calloc(1, sizeof *b) : NULL;
    if (!b) {
        if (!err.status)
            bs_fail_status(&err, BS_EXIT_ENV, "", 0, "", "out of memory");
        source_free(src);
        free(sc);
        return report(&err);
    }
    if (!sc->chamber.given) {
        bs_fail(&err, o->files[0], 0, "council", "missing: the scenario describes no council to vote");
        status = report(&err);
    } else if (ballot_run(src, o->overrides, o->noverrides, sc, o->draws, o->seed, b, &err) != 0) {
        status = report(&err);
    } else {
        char tmp[4200];
        FILE *f = open_output(o, tmp, sizeof tmp, &err);
        if (!f || finish_output(o, f, tmp, output_vote(f, o->format, sc, b, &err) == 0, &err) != 0)
            status = report(&err);
    }
    ballot_free(b);
    free(b);
    free(sc);
    source_free(src);
    return status;
}

/* Goal seek. Exit 1, with one line on stderr, when the target is not
 * reachable in the range or Brent's method did not converge (the best
 * estimate is still written). */
static int cmd_solve(const options *o)
{
    bs_error err = {0};
    int status = BS_EXIT_OK;
    bs_solve_result *res = malloc(sizeof *res);
    if (!res) {
        bs_fail_status(&err, BS_EXIT_ENV, "", 0, "", "out of memory");
        return report_solve(&err);
    }
    bs_source *src = NULL;
    if (source_read(o->files[0], &src, &err) != 0) {
        status = report(&err);
    } else if (solve_run(src, o->overrides, o->noverrides, &o->spec, res, &err) != 0) {
        status = report_solve(&err);
    } else if (res->outcome == BS_SOLVE_UNREACHABLE || res->outcome == BS_SOLVE_JUMP) {
        char line[1600];
        output_solve_problem(&o->spec, res, line, sizeof line);
        fprintf(stderr, "%s: solve: %s\n", progname, line);
        status = BS_EXIT_RULE;
    } else {
        char tmp[4200];
        FILE *f = open_output(o, tmp, sizeof tmp, &err);
        int ok = f && output_solve(f, o->format, o->files[0], o->overrides, o->noverrides, &o->spec, res, &err) == 0;
        if (!f || finish_output(o, f, tmp, ok, &err) != 0) {
            status = report(&err);
        } else if (res->outcome == BS_SOLVE_NOT_CONVERGED) {
            char line[1600];
            output_solve_problem(&o->spec, res, line, sizeof line);
            fprintf(stderr, "%s: solve: %s\n", progname, line);
            status = BS_EXIT_RULE;
        }
    }
    source_free(src);
    free(res);
    return status;
}

/* ------------------------------------------------------------------ */
/* sweep                                                               */
/* ------------------------------------------------------------------ */

static const char *usage_sweep =
    "usage: budgetsim sweep FILE --vary path=FROM:TO:STEP [--vary path=v1,v2,...]... [--set path=value]...\n"
    "                      [--threads N] [--shard K/N] [-o OUT] [--plot DIR [--plot-year YEAR]]\n"
    "\n"
    "Run the budget at every combination of values of one or more settings (the first\n"
    "--vary varies slowest), in parallel, and write one CSV row (RFC 4180, CRLF) per\n"
    "point: the values, the gap after measures in each year, the general reserve at the\n"
    "end of the horizon, the number of rules broken and, when the scenario has a council,\n"
    "whether the budget passes (1/0) and the exact probability that it does. Rows come\n"
    "out in the same order whatever the number of threads. A per-year setting takes the\n"
    "value in every year, as --set does.\n"
    "\n"
    "  --vary path=FROM:TO:STEP  values FROM + i x STEP up to TO (repeatable, at most 8)\n"
    "  --vary path=v1,v2,...     the values listed\n"
    "  --set path=value          override a setting (repeatable)\n"
    "  --threads N               worker threads, 1 to 256 (default: the number of CPUs)\n"
    "  --shard K/N               only the K-th of N contiguous slices of the points; the\n"
    "                            header is written by shard 1, so the shards' outputs\n"
    "                            concatenated are the whole sweep\n"
    "  -o, --output OUT          write to OUT (replaced only when complete) instead of standard output\n"
    "  --plot DIR                also chart the sweep into DIR (one or two --vary): the gap\n"
    "                            in each year against the value, or a heat map of the gap\n"
    "                            with the balanced-budget frontier (gap = 0)\n"
    "  --plot-year YEAR          the year of the heat map (default: the second of the horizon)\n"
    "  -h, --help                this help\n";

/* Print a sweep error, "sweep: " before an argument's name. */
static int report_sweep(bs_error *err)
{
    if (!err->file[0]) {
        char setting[sizeof err->setting];
        if ((size_t)snprintf(setting, sizeof setting, "sweep%s%s", err->setting[0] ? ": " : "", err->setting) <
            sizeof setting)
            memcpy(err->setting, setting, sizeof setting);
    }
    return report(err);
}

/* Options the analysis commands share: --set, --format (text, csv, json),
 * -o, and the errors for a missing value or an unknown option. Returns -1
 * when c was handled, or an exit status to stop with. */
static int shared_option(options *o, int c, char **argv)
{
    switch (c) {
    case 's':
        if (o->noverrides >= MAX_OVERRIDES)
            return usage_error(o->command, "too many --set options (the limit is 256)%s", "");
        o->overrides[o->noverrides++].text = optarg;
        return -1;
    case 'f': {
        int fmt = output_parse_format(optarg);
        if (fmt < 0)
            return usage_error(o->command, "--format must be text, csv or json, not '%s'", optarg);
        o->format = (bs_format)fmt;
        return -1;
    }
    case 'o':
        o->output = optarg;
        return -1;
    case ':':
        return usage_error(o->command, "%s needs a value", argv[optind - 1]);
    default:
        return usage_error(o->command, "unknown option '%s'", argv[optind - 1]);
    }
}

/* The one scenario file after the options. Returns -1, or an exit status. */
static int one_file(options *o, int argc, char **argv)
{
    for (int i = optind; i < argc; i++) {
        if (o->nfiles >= 1)
            return usage_error(o->command, "unexpected argument '%s'", argv[i]);
        o->files[o->nfiles++] = argv[i];
    }
    if (o->nfiles < 1)
        return usage_error(o->command, "needs a scenario file%s", "");
    return -1;
}

/* Parse the sweep command line into o (files, --set, -o) and spec. Returns
 * -1 to go on, or an exit status. */
typedef struct {
    const bs_scenario *sc;
    const bs_sweep_spec *spec;
    const double *x, *y;
    const bs_sweep_plot *plot;
    int year_index;
} sweep_job;

static int draw_sweep(const char *folder, void *arg, bs_error *err)
{
    sweep_job *j = arg;
    const bs_sweep_axis *a = &j->spec->axis[0], *b = &j->spec->axis[1];
    if (j->spec->naxes == 1)
        return plot_sweep_line(folder, j->sc, a->path, j->x, a->n, j->plot->gap, err);
    return plot_sweep_heat(folder, j->sc, a->path, j->x, a->n, b->path, j->y, b->n, j->year_index, j->plot->gap, err);
}

static int parse_sweep_args(int argc, char **argv, options *o, bs_sweep_spec *spec, const char **plot_dir)
{
    static const struct option longopts[] = {{"set", required_argument, NULL, 's'},
                                             {"output", required_argument, NULL, 'o'},
                                             {"help", no_argument, NULL, 'h'},
                                             {"vary", required_argument, NULL, 'V'},
                                             {"threads", required_argument, NULL, 't'},
                                             {"shard", required_argument, NULL, 'k'},
                                             {"plot", required_argument, NULL, 'p'},
                                             {"plot-year", required_argument, NULL, 'y'},
                                             {NULL, 0, NULL, 0}};
    o->command = "sweep";
    spec->shard_k = spec->shard_n = 1;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    spec->threads = cpus < 1 ? 1 : cpus > BS_SWEEP_MAX_THREADS ? BS_SWEEP_MAX_THREADS : (int)cpus;
    optind = 2;
    opterr = 0;
    int c;
    bs_error err = {0};
    while ((c = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
        switch (c) {
        case 'h':
            return write_stdout(usage_sweep);
        case 'V':
            if (spec->naxes >= BS_SWEEP_MAX_AXES)
                return usage_error(o->command, "too many --vary options (the limit is %s)", "8");
            if (sweep_parse_vary(optarg, &spec->axis[spec->naxes], &err) != 0)
                return report_sweep(&err);
            spec->naxes++;
            break;
        case 't': {
            unsigned long long v;
            if (args_parse_whole("--threads", optarg, 1, BS_SWEEP_MAX_THREADS, BS_ARGS_SIGNED, &v, &err) != 0)
                return usage_error(o->command, "%s", err.message);
            spec->threads = (int)v;
            break;
        }
        case 'k':
            if (sweep_parse_shard(optarg, spec, &err) != 0)
                return report_sweep(&err);
            break;
        case 'p':
            *plot_dir = optarg;
            break;
        case 'y':
            if (args_parse_year("--plot-year", optarg, &spec->plot_year, &err) != 0)
                return err.setting[0] ? report_sweep(&err) : usage_error(o->command, "%s", err.message);
            break;
        default: {
            int status = shared_option(o, c, argv);
            if (status >= 0)
                return status;
        }
        }
    }
    int status = one_file(o, argc, argv);
    if (status >= 0)
        return status;
    if (spec->naxes == 0)
        return usage_error(o->command, "needs --vary path=FROM:TO:STEP or path=v1,v2,..., a setting to vary%s", "");
    if (sweep_count(spec) > BS_SWEEP_MAX_POINTS)
        return usage_error(o->command, "more than 100000000 points in all%s", "");
    if (*plot_dir && spec->naxes > 2)
        return usage_error(o->command, "--plot charts a sweep of one or two settings, not %s", spec->naxes == 3 ? "three" : "more");
    if (*plot_dir && (spec->shard_n > 1))
        return usage_error(o->command, "--plot needs the whole sweep, not a shard%s", "");
    if (*plot_dir && (spec->axis[0].n < 2 || (spec->naxes == 2 && spec->axis[1].n < 2)))
        return usage_error(o->command, "--plot needs at least two values of each setting varied%s", "");
    if (*plot_dir && sweep_count(spec) > BS_SWEEP_MAX_PLOT_POINTS)
        return usage_error(o->command, "--plot charts at most 1000000 points%s", "");
    if (spec->plot_year && !*plot_dir)
        return usage_error(o->command, "--plot-year needs --plot DIR%s", "");
    return -1;
}

/* The sweep: parse, load, check, run, chart. */
static int cmd_sweep(int argc, char **argv)
{
    options *o = calloc(1, sizeof *o);
    bs_sweep_spec *spec = calloc(1, sizeof *spec);
    const char *plot_dir = NULL;
    bs_error err = {0};
    bs_scenario *sc = NULL;
    bs_sweep_plot plot = {0};
    bs_stage stage;
    int staged = 0; /* the chart folder is open: abort it unless drawn */
    int status = BS_EXIT_OK;
    if (!o || !spec) {
        free(o);
        free(spec);
        bs_fail_status(&err, BS_EXIT_ENV, "", 0, "", "out of memory");
        return report(&err);
    }
    status = parse_sweep_args(argc, argv, o, spec, &plot_dir);
    if (status >= 0)
        goto done;
    status = BS_EXIT_OK;
    if (!(sc = load(o->files[0], o, 1, NULL, &err)) || sweep_check(sc, spec, &err) != 0) {
        status = report_sweep(&err);
        goto done;
    }
    int year = spec->plot_year ? spec->plot_year : sc->first_year + (sc->nyears > 1 ? 1 : 0);
    if (plot_dir && (year < sc->first_year || year >= sc->first_year + sc->nyears)) {
        char y[16], y0[16], y1[16];
        bs_fail(&err, "", 0, "--plot-year", "%s is outside the horizon, %s to %s", bs_year_label(year, y, sizeof y),
                bs_year_label(sc->first_year, y0, sizeof y0),
                bs_year_label(sc->first_year + sc->nyears - 1, y1, sizeof y1));
        status = report_sweep(&err);
        goto done;
    }
    if (plot_dir && spec->naxes == 1 && sweep_count(spec) * sc->nyears > BS_SWEEP_MAX_PLOT_VALUES) {
        /* one line a year: gnuplot would take gigabytes and minutes over 50 lines of 1,000,000 points */
        char what[64];
        snprintf(what, sizeof what, "%lld x %d", sweep_count(spec), sc->nyears);
        status = usage_error(o->command, "--plot draws a line a year: at most 1000000 points x years, not %s", what);
        goto done;
    }
    /* the chart folder first: one that cannot be written stops the run before it starts */
    if (plot_dir && stage_open(&stage, plot_dir, &err) != 0) {
        status = report(&err);
        goto done;
    }
    staged = plot_dir != NULL;
    spec->progress = isatty(2);
    char tmp[4200];
    FILE *f = open_output(o, tmp, sizeof tmp, &err);
    /* The output is renamed into place only once the chart is drawn too. */
    if (!f || close_output(o, f, tmp, sweep_run(sc, spec, f, plot_dir ? &plot : NULL, &err) == 0, &err) != 0) {
        status = report(&err);
        goto done;
    }
    if (plot_dir) {
        const bs_sweep_axis *a = &spec->axis[0], *b = &spec->axis[1];
        double *x = malloc((size_t)a->n * sizeof *x);
        double *y = spec->naxes == 2 ? malloc((size_t)b->n * sizeof *y) : NULL;
        if (!x || (spec->naxes == 2 && !y)) {
            bs_fail_status(&err, BS_EXIT_ENV, "", 0, "", "out of memory");
            status = report(&err);
        } else {
            for (long long i = 0; i < a->n; i++)
                x[i] = sweep_axis_value(a, i);
            for (long long i = 0; y && i < b->n; i++)
                y[i] = sweep_axis_value(b, i);
            sweep_job job = {sc, spec, x, y, &plot, year - sc->first_year};
            staged = 0;
            if (draw_staged(&stage, plot_dir, draw_sweep, &job, &err) != 0)
                status = report(&err);
        }
        free(x);
        free(y);
    }
    if (status != BS_EXIT_OK)
        discard_output(o, tmp);
    else if (commit_output(o, tmp, &err) != 0)
        status = report(&err);
done:
    if (staged)
        stage_abort(&stage);
    sweep_plot_free(&plot);
    sweep_spec_free(spec);
    free(spec);
    free(sc);
    free(o);
    return status;
}

/* ------------------------------------------------------------------ */
/* montecarlo                                                          */
/* ------------------------------------------------------------------ */

static const char *usage_montecarlo =
    "usage: budgetsim montecarlo FILE --draws N --seed S [--threads T] [--set path=value]...\n"
    "                      [--format text|csv|json] [-o OUT] [--plot DIR]\n"
    "\n"
    "Run the budget N times, each time drawing every setting the scenario lists under\n"
    "uncertainty.ID from its distribution (clamped to the setting's allowed range), and\n"
    "report the seed and draws; percentiles (5, 25, 50, 75, 95) of the gap after\n"
    "measures and of the general reserve at the end of each year; the chance the general\n"
    "reserve falls below its minimum and that it runs out (below 0), in any year and by\n"
    "year; and, when the scenario has a council, the chance the budget passes the vote\n"
    "(the mean of the exact probability over the draws) with its standard error. The\n"
    "same seed gives the same numbers whatever the number of threads. Percentiles come\n"
    "from the first 2,000,000 draws at most (fewer beyond a 12-year horizon).\n"
    "\n"
    "  --draws N         draws, 1 to 100000000 (required)\n"
    "  --seed S          seed, 0 to 4294967295 (required)\n"
    "  --threads T       worker threads, 1 to 256 (default: the number of CPUs)\n"
    "  --set path=value  override a setting (repeatable)\n"
    "  --format F        text (default), csv or json\n"
    "  -o, --output OUT  write to OUT (replaced only when complete) instead of standard output\n"
    "  --plot DIR        also draw fan charts of the gap and the general reserve into DIR\n"
    "  -h, --help        this help\n";

/* Parse the montecarlo command line into o and spec. Returns -1 to go on,
 * or an exit status. */
typedef struct {
    const bs_scenario *sc;
    const bs_mc_result *res;
} fan_job;

static int draw_fan(const char *folder, void *arg, bs_error *err)
{
    fan_job *j = arg;
    return plot_fan(folder, BS_IMG_SVG, j->sc, j->res, err);
}

static int parse_montecarlo_args(int argc, char **argv, options *o, bs_mc_spec *spec, const char **plot_dir)
{
    static const struct option longopts[] = {{"set", required_argument, NULL, 's'},
                                             {"format", required_argument, NULL, 'f'},
                                             {"output", required_argument, NULL, 'o'},
                                             {"help", no_argument, NULL, 'h'},
                                             {"draws", required_argument, NULL, 'd'},
                                             {"seed", required_argument, NULL, 'S'},
                                             {"threads", required_argument, NULL, 't'},
                                             {"plot", required_argument, NULL, 'p'},
                                             {NULL, 0, NULL, 0}};
    o->command = "montecarlo";
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    spec->threads = cpus < 1 ? 1 : cpus > BS_MC_MAX_THREADS ? BS_MC_MAX_THREADS : (int)cpus;
    int has_draws = 0, has_seed = 0;
    optind = 2;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
        switch (c) {
        case 'h':
            return write_stdout(usage_montecarlo);
        case 'p':
            *plot_dir = optarg;
            break;
        case 'd':
        case 'S':
        case 't': {
            bs_error err = {0};
            unsigned long long v;
            unsigned long long lo = c == 'S' ? 0 : 1;
            unsigned long long hi = c == 'd' ? BS_MC_MAX_DRAWS : c == 'S' ? 4294967295ULL : BS_MC_MAX_THREADS;
            if (args_parse_whole(c == 'd' ? "--draws" : c == 'S' ? "--seed" : "--threads", optarg, lo, hi,
                                 BS_ARGS_NO_PLUS, &v, &err) != 0)
                return usage_error(o->command, "%s", err.message);
            if (c == 'd') {
                spec->draws = (long)v;
                has_draws = 1;
            } else if (c == 'S') {
                spec->seed = (unsigned long)v;
                has_seed = 1;
            } else {
                spec->threads = (int)v;
            }
            break;
        }
        default: {
            int status = shared_option(o, c, argv);
            if (status >= 0)
                return status;
        }
        }
    }
    int status = one_file(o, argc, argv);
    if (status >= 0)
        return status;
    if (!has_draws)
        return usage_error(o->command, "needs --draws N, the number of draws%s", "");
    if (!has_seed)
        return usage_error(o->command, "needs --seed S, so that the run can be repeated%s", "");
    return -1;
}

/* Monte Carlo: parse, load, draw, write, chart. */
static int cmd_montecarlo(int argc, char **argv)
{
    options *o = calloc(1, sizeof *o);
    bs_mc_spec spec = {0};
    const char *plot_dir = NULL;
    bs_error err = {0};
    if (!o) {
        bs_fail_status(&err, BS_EXIT_ENV, "", 0, "", "out of memory");
        return report(&err);
    }
    int status = parse_montecarlo_args(argc, argv, o, &spec, &plot_dir);
    if (status >= 0) {
        free(o);
        return status;
    }
    status = BS_EXIT_OK;
    /* a thread works on whole blocks of draws: more threads than blocks would only take memory */
    long nblocks = (spec.draws + BS_MC_BLOCK - 1) / BS_MC_BLOCK;
    if (spec.threads > nblocks)
        spec.threads = (int)nblocks;
    bs_scenario *sc = load(o->files[0], o, 1, NULL, &err);
    bs_mc_result *res = sc ? malloc(sizeof *res) : NULL;
    bs_stage stage;
    int staged = 0; /* the chart folder is open: abort it unless drawn */
    if (!sc) {
        status = report(&err);
    } else if (!res) {
        bs_fail_status(&err, BS_EXIT_ENV, "", 0, "", "out of memory");
        status = report(&err);
    } else if (plot_dir && stage_open(&stage, plot_dir, &err) != 0) {
        /* the chart folder first: one that cannot be written stops the run before it starts */
        status = report(&err);
    } else if ((staged = plot_dir != NULL), mc_run(sc, &spec, res, &err) != 0) {
        status = report(&err);
    } else {
        char tmp[4200];
        FILE *f = open_output(o, tmp, sizeof tmp, &err);
        int ok = f && output_montecarlo(f, o->format, o->files[0], o->overrides, o->noverrides, sc, res, &err) == 0;
        /* The output is renamed into place only once the charts are drawn too. */
        if (!f || close_output(o, f, tmp, ok, &err) != 0) {
            status = report(&err);
        } else if (plot_dir && (staged = 0, draw_staged(&stage, plot_dir, draw_fan, &(fan_job){sc, res}, &err)) != 0) {
            discard_output(o, tmp);
            status = report(&err);
        } else if (commit_output(o, tmp, &err) != 0) {
            status = report(&err);
        }
    }
    if (staged)
        stage_abort(&stage);
    free(res);
    free(sc);
    free(o);
    return status;
}

/* ------------------------------------------------------------------ */
/* sensitivity                                                         */
/* ------------------------------------------------------------------ */

static const char *usage_sensitivity =
    "usage: budgetsim sensitivity FILE [--metric KEY[@YEAR]] [--swing P%] [--only path,path,...]\n"
    "                      [--set path=value]... [--format text|csv|json] [-o OUT]\n"
    "                      [--plot DIR [--image svg|png|pdf]]\n"
    "\n"
    "One at a time, scale each numeric setting down and up by a swing (a per-year setting\n"
    "in every year; a value that would leave its allowed range is clamped to it), run\n"
    "the budget, and rank the settings by how far they move one quantity: the larger of\n"
    "the two changes from the base. Settings whose value is 0 are skipped, and those of\n"
    "the council vote are left out (the budget does not read them); both are counted.\n"
    "\n"
    "  --metric KEY@YEAR  a row key of 'budgetsim run FILE --format csv' and a year (2023\n"
    "                     for 2023/24); without @YEAR, the second year of the horizon (the\n"
    "                     first in a one-year horizon); default totals.gap_after_m\n"
    "  --swing P%         the swing, above 0% and below 100% (default 10%)\n"
    "  --only path,...    swing only these settings, e.g. --only council_tax.tax_base,\n"
    "                     services.adult_social_care.net_m (repeatable)\n"
    "  --set path=value   override a setting before swinging (repeatable)\n"
    "  --format F         text (default), csv (RFC 4180) or json\n"
    "  -o, --output OUT   write to OUT (replaced only when complete) instead of standard output\n"
    "  --plot DIR         also draw a tornado chart of the 15 largest effects into DIR\n"
    "                     (tornado.gp, tornado.dat and the chart), with gnuplot\n"
    "  --image F          the chart: svg (default), png or pdf\n"
    "  -h, --help         this help\n";

/* Print a sensitivity error, "sensitivity: " before an argument's name. */
static int report_sensitivity(bs_error *err)
{
    if (!err->file[0]) {
        char setting[sizeof err->setting];
        if ((size_t)snprintf(setting, sizeof setting, "sensitivity%s%s", err->setting[0] ? ": " : "",
                             err->setting) < sizeof setting)
            memcpy(err->setting, setting, sizeof setting);
    }
    return report(err);
}

/* Parse the sensitivity command line into o (files, --set, --format, -o,
 * the image format) and spec. Returns -1 to go on, or an exit status. */
typedef struct {
    bs_image_format image;
    const bs_scenario *sc;
    const bs_sens_result *res;
} tornado_job;

static int draw_tornado(const char *folder, void *arg, bs_error *err)
{
    tornado_job *j = arg;
    return plot_tornado(folder, j->image, j->sc, j->res, err);
}

static int parse_sensitivity_args(int argc, char **argv, options *o, bs_sens_spec *spec, const char **plot_dir)
{
    static const struct option longopts[] = {{"set", required_argument, NULL, 's'},
                                             {"format", required_argument, NULL, 'f'},
                                             {"output", required_argument, NULL, 'o'},
                                             {"help", no_argument, NULL, 'h'},
                                             {"metric", required_argument, NULL, 'm'},
                                             {"swing", required_argument, NULL, 'w'},
                                             {"only", required_argument, NULL, 'n'},
                                             {"plot", required_argument, NULL, 'p'},
                                             {"image", required_argument, NULL, 'i'},
                                             {NULL, 0, NULL, 0}};
    o->command = "sensitivity";
    optind = 2;
    opterr = 0;
    int c, has_image = 0;
    bs_error err = {0};
    while ((c = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
        switch (c) {
        case 'h':
            return write_stdout(usage_sensitivity);
        case 'm':
            if (sensitivity_parse_metric(optarg, spec, &err) != 0)
                return report_sensitivity(&err);
            break;
        case 'w':
            if (sensitivity_parse_swing(optarg, spec, &err) != 0)
                return report_sensitivity(&err);
            break;
        case 'n':
            if (sensitivity_parse_only(optarg, spec, &err) != 0)
                return report_sensitivity(&err);
            break;
        case 'p':
            *plot_dir = optarg;
            break;
        case 'i': {
            int img = plot_parse_format(optarg);
            if (img < 0)
                return usage_error(o->command, "--image must be svg, png or pdf, not '%s'", optarg);
            o->image = (bs_image_format)img;
            has_image = 1;
            break;
        }
        default: {
            int status = shared_option(o, c, argv);
            if (status >= 0)
                return status;
        }
        }
    }
    int status = one_file(o, argc, argv);
    if (status >= 0)
        return status;
    if (has_image && !*plot_dir)
        return usage_error(o->command, "--image is the chart's format: it needs --plot DIR%s", "");
    return -1;
}

/* Swing every setting (or those of --only), write the ranking, then the
 * tornado chart when --plot is given. */
static int cmd_sensitivity(int argc, char **argv)
{
    options *o = calloc(1, sizeof *o);
    bs_sens_spec *spec = calloc(1, sizeof *spec);
    const char *plot_dir = NULL;
    bs_error err = {0};
    bs_scenario *sc = NULL;
    bs_sens_result res = {0};
    bs_stage stage;
    int staged = 0; /* the chart folder is open: abort it unless drawn */
    int status;
    if (!o || !spec) {
        free(o);
        free(spec);
        bs_fail_status(&err, BS_EXIT_ENV, "", 0, "", "out of memory");
        return report(&err);
    }
    status = parse_sensitivity_args(argc, argv, o, spec, &plot_dir);
    if (status >= 0)
        goto done;
    status = BS_EXIT_OK;
    if (!(sc = load(o->files[0], o, 1, NULL, &err))) {
        status = report(&err);
        goto done;
    }
    /* the chart folder first: one that cannot be written stops the run before it starts */
    if (plot_dir && stage_open(&stage, plot_dir, &err) != 0) {
        status = report(&err);
        goto done;
    }
    staged = plot_dir != NULL;
    if (sensitivity_run(sc, spec, &res, &err) != 0) {
        status = report_sensitivity(&err);
        goto done;
    }
    char tmp[4200];
    FILE *f = open_output(o, tmp, sizeof tmp, &err);
    int ok = f && output_sensitivity(f, o->format, o->files[0], o->overrides, o->noverrides, &res, &err) == 0;
    /* The output is renamed into place only once the chart is drawn too. */
    if (!f || close_output(o, f, tmp, ok, &err) != 0) {
        status = report(&err);
        goto done;
    }
    staged = 0;
    if (plot_dir && draw_staged(&stage, plot_dir, draw_tornado, &(tornado_job){o->image, sc, &res}, &err) != 0) {
        discard_output(o, tmp);
        status = report(&err);
    } else if (commit_output(o, tmp, &err) != 0) {
        status = report(&err);
    }
done:
    if (staged)
        stage_abort(&stage);
    sensitivity_free(&res);
    free(sc);
    free(spec);
    free(o);
    return status;
}

int main(int argc, char **argv)
{
    options o = {0};
    /* GSL's default handler aborts; every status is checked instead. */
    gsl_set_error_handler_off();
    /* A closed pipe is a write error (EPIPE), reported like any other. */
    signal(SIGPIPE, SIG_IGN);
    bs_temp_cleanup_on_signals(); /* an interrupted run leaves no temporary file */
    if (argc >= 2 && strcmp(argv[1], "sensitivity") == 0)
        return cmd_sensitivity(argc, argv);
    if (argc >= 2 && strcmp(argv[1], "sweep") == 0)
        return cmd_sweep(argc, argv);
    if (argc >= 2 && strcmp(argv[1], "montecarlo") == 0)
        return cmd_montecarlo(argc, argv);
    int status = parse_args(argc, argv, &o);
    if (status >= 0)
        return status;
    if (strcmp(o.command, "reference") == 0)
        return cmd_reference(&o);
    if (strcmp(o.command, "compare") == 0)
        return cmd_compare(&o);
    if (strcmp(o.command, "vote") == 0)
        return cmd_vote(&o);
    if (strcmp(o.command, "plot") == 0 || strcmp(o.command, "report") == 0)
        return cmd_plot(&o);
    if (strcmp(o.command, "solve") == 0)
        return cmd_solve(&o);
    return cmd_run_check(&o);
}
