/* inputs.h - what every output records of its inputs: each file the
 * command read (the scenarios, their bases and includes) with the SHA-256
 * of its bytes, every override in order (the --set options, then the
 * changes of the amendments the meeting carried), which budget is shown
 * (as proposed, adopted, not adopted) and the budgetsim version.
 *
 * The command line fills this record in as it goes (cli/options.c: the
 * command, the version, each --set; cli/scenarios.c: each file read and
 * each scenario's meeting), as it registers the files no output may
 * replace (write/outfile.h): a command runs once in a process, so one
 * record serves it, and no writer needs a new argument to say it. Each
 * writer puts it in its medium: a line of text under the title
 * (inputs_text), an "inputs" object in JSON (inputs_json), the source line
 * and the title of a chart (inputs_source, inputs_title_note), the
 * "Inputs" section of the report (inputs_get). CSV has no place for it
 * within RFC 4180: --meta FILE writes the same JSON object to a file
 * beside it (inputs_write_meta). docs/inputs.md says what each records.
 *
 * Nothing is recorded, and every writer here writes nothing, until
 * inputs_begin() (a unit test that calls a writer directly). Texts are
 * copied as given: each medium escapes them.
 *
 * This file may use: core/, analyse/, write/, jansson and the C library. */
#ifndef BS_INPUTS_H
#define BS_INPUTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/council.h"
#include "core/sha256.h"

#define BS_INPUTS_MAX_FILES 64 /* files listed: a command reads a few (more are left out, and counted) */
#define BS_INPUTS_MAX_USER 256 /* --set options (CLI_MAX_SET) */

typedef struct {
    char *path;                  /* as named (joined to the folder of the file naming it) */
    char sha256[BS_SHA256_HEX];  /* of the bytes read: what sha256sum prints */
    const char *role;            /* "scenario", "base" or "include" */
} bs_input_file;

/* A scenario as a command loaded it. */
typedef struct {
    bool loaded;
    char *file;        /* as given on the command line */
    bool with_set;     /* the --set options were laid over it */
    const char *budget; /* "as proposed", "adopted" or "not adopted" (inputs_budget) */
    int ncarried;
    char **carried;    /* the changes of the amendments its meeting carried, in order */
} bs_input_scenario;

typedef struct {
    bool begun;
    const char *command; /* run, compare, ... (static text) */
    const char *version; /* budgetsim's (static text) */
    int nfiles, files_left_out;
    bs_input_file files[BS_INPUTS_MAX_FILES];
    int nuser;
    char *user[BS_INPUTS_MAX_USER]; /* --set texts, in order */
    bs_input_scenario scen[2];      /* compare, plot and report: [0] the base, [1] the alternative */
    char *meta;                     /* --meta FILE, or NULL */
} bs_inputs;

/* Recording, by the command line. */
void inputs_begin(const char *command, const char *version);
void inputs_add_set(const char *text);
void inputs_add_file(const char *path, const char *sha256, const char *role); /* a path already listed is not
                                                                              * listed again */
/* Scenario i (0 or 1) was loaded from file, with the --set options when
 * with_set; budget is which budget is shown ("as proposed": asked for with
 * --as-proposed, or no meeting stage, the budget as the file has it;
 * "adopted"; "not adopted": the final vote lost, shown as proposed) and
 * sets the nsets changes of the amendments its meeting carried, in order
 * (bs_meeting's sets, analyse/meeting.h). */
void inputs_scenario(int i, const char *file, bool with_set, const char *budget, const char (*sets)[BS_SET_MAX],
                     int nsets);
void inputs_set_meta(const char *path);

/* The record (never NULL; begun false when nothing is recorded). */
const bs_inputs *inputs_get(void);

/* 1 when any override (a --set or a carried change) was laid over a scenario. */
int inputs_overridden(void);

/* Text: "Inputs: FILE (sha256 12 digits), base FILE (...); --set A; ...;
 * budget adopted; budgetsim V" on one line, shown with escapes
 * (write/text.h), after prefix; nothing when nothing is recorded. */
void inputs_text(FILE *f, const char *prefix);

/* The overrides as one line, "--set A, --set B, amendment C" ("" when none),
 * into buf (plain text: each medium escapes it). For scenario which (0 or 1),
 * or -1 for every scenario. Returns buf. */
char *inputs_overrides_line(int which, char *buf, size_t size);

/* The same as JSON: {"files": [{"path", "sha256", "role"}], "overrides":
 * [{"set", "from": "--set" | "amendment", "scenario": "base" |
 * "alternative" (two scenarios only)}], "budget": "adopted" | ... (with two
 * scenarios {"base": ..., "alternative": ...}), "version", "command"}; a
 * new reference, or NULL when nothing is recorded. */
struct json_t *inputs_json(void);

/* Set key "inputs" of the JSON object root to inputs_json() (nothing when
 * nothing is recorded or root is NULL). */
void inputs_json_add(struct json_t *root);

/* Write inputs_json() to the --meta file, if one was given, through
 * write/outfile.h. Returns 0, or -1 with err. */
int inputs_write_meta(bs_error *err);

#endif
