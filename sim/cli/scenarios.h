/* scenarios.h - the scenario files a command names, each read from disk
 * once (load/source.h), built with the command's --set overrides, and with
 * its budget and its council meeting when a command shows them.
 *
 * The meeting is a stage of the pipeline (analyse/meeting.h): every command
 * but `vote` loads a scenario through load_adopted(), which, when the
 * scenario holds amendments, holds the meeting and gives the budget it
 * adopts (the file, the --set overrides, then the changes of every
 * amendment that carried); with --as-proposed, or when the final vote
 * fails and no budget is adopted, the budget as proposed.
 *
 * This file may use: cli/, write/, analyse/, load/, core/ and the C
 * library. */
#ifndef BS_CLI_SCENARIOS_H
#define BS_CLI_SCENARIOS_H

#include "analyse/ballot.h"
#include "analyse/meeting.h"
#include "cli/options.h"
#include "load/provenance.h"
#include "load/source.h"

/* A scenario loaded with its budget and, when it describes a council, its
 * meeting; each part in heap memory (loaded_free). */
typedef struct {
    bs_scenario *sc;
    bs_result *r;
    bs_ballot *b; /* NULL when the scenario describes no council */
    bs_meeting m; /* what the meeting decided (m.held false: no amendments) */
} cli_loaded;

/* Read the scenario file at file, its bases and includes, into *src (heap
 * memory: source_free), each file read from disk once in this process
 * whatever the number of scenarios naming it; every file read is made an
 * input no output may replace (outfile_protect). Returns 0, or -1 with err. */
int read_source(const char *file, bs_source **src, bs_error *err);

/* Read a->files[i] (once) and build it, with a's --set overrides when
 * with_overrides, into heap memory (caller frees with scenario_free), or
 * NULL with err. *src receives the source when src is not NULL (caller
 * frees with source_free), for a command that builds it again. */
bs_scenario *load_scenario(const cli_args *a, int i, int with_overrides, bs_source **src, bs_error *err);

/* Load a->files[i] as load_scenario() does and, when it holds amendments,
 * hold its meeting (analyse/meeting.h) into *m (meeting_clear) and, when
 * ballot is not NULL, *ballot (ballot_clear): returns the budget the
 * meeting adopts or, with a->as_proposed or when none is adopted, the
 * budget as proposed (heap memory: scenario_free), or NULL with err and
 * nothing left to free in *m. *src receives the source when src is not
 * NULL (source_free). Without amendments, the same as load_scenario(). */
bs_scenario *load_adopted(const cli_args *a, int i, int with_overrides, bs_meeting *m, bs_ballot *ballot,
                          bs_source **src, bs_error *err);

/* Load a->files[i] as load_adopted() does, run its budget and, when it
 * describes a council, its meeting (from the same source: the file is read
 * once). Returns 0, or -1 with err; *l is filled as far as it got, for
 * loaded_free either way. */
int load_with_vote(const cli_args *a, int i, int with_overrides, cli_loaded *l, bs_error *err);

/* When a has --set options, name sc by what was changed: its name and its
 * label each followed by " + path=value, ..." (cut with "…" to fit), so
 * that a scenario compared or charted with itself (compare A A --set ...)
 * is not called by the file's name on both sides. */
void mark_overridden(const cli_args *a, bs_scenario *sc);

/* Where each setting of src (read by read_source) came from, with the
 * overrides laid over it, the comments found in the texts this command
 * has read (nothing is read again). Heap memory: provenance_free. Returns
 * 0, or -1 with err. */
int read_provenance(const bs_source *src, const bs_override *overrides, int noverrides, bs_provenance **p,
                    bs_error *err);

/* Free what load_with_vote() filled in (its parts may be NULL). */
void loaded_free(cli_loaded *l);

#endif
