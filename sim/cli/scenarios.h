/* scenarios.h - the scenario files a command names, each read from disk
 * once (load/source.h), built with the command's --set overrides, and with
 * its budget and its council meeting when a command shows them.
 *
 * This file may use: cli/, write/, analyse/, load/, core/ and the C
 * library. */
#ifndef BS_CLI_SCENARIOS_H
#define BS_CLI_SCENARIOS_H

#include "analyse/ballot.h"
#include "cli/options.h"
#include "load/source.h"

/* A scenario loaded with its budget and, when it describes a council, its
 * meeting; each part in heap memory (loaded_free). */
typedef struct {
    bs_scenario *sc;
    bs_result *r;
    bs_ballot *b; /* NULL when the scenario describes no council */
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

/* Load a->files[i] as load_scenario() does, run its budget and, when it
 * describes a council, its meeting (from the same source: the file is read
 * once). Returns 0, or -1 with err; *l is filled as far as it got, for
 * loaded_free either way. */
int load_with_vote(const cli_args *a, int i, int with_overrides, cli_loaded *l, bs_error *err);

/* Free what load_with_vote() filled in (its parts may be NULL). */
void loaded_free(cli_loaded *l);

#endif
