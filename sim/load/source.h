/* source.h - a scenario file read from disk once, then built into a
 * validated bs_scenario as many times as a command needs: with --set
 * overrides, with an amendment's changes, at each evaluation of a goal
 * seek. Building never touches the disk again, so a file edited during a
 * run cannot make one command see two versions of it.
 *
 * The source holds the file's entries ("dotted.path = value", with the file
 * and line each came from) with its bases and @include files resolved.
 *
 * This file may use: core/, libconfig and the C library and POSIX. It is the
 * only layer that includes libconfig. */
#ifndef BS_SOURCE_H
#define BS_SOURCE_H

#include "core/scenario.h"

typedef struct bs_source bs_source;

/* Read the scenario file at path, its bases and includes, into *out (heap
 * memory: source_free). Returns 0, or -1 with err (status 2 for bad input,
 * 3 when out of memory) and *out NULL. */
int source_read(const char *path, bs_source **out, bs_error *err);

/* The files one command reads: a file named by several scenarios (a base
 * two scenarios share) or several times by one is read from disk once, and
 * the list tells the writers which files no output may replace. Heap memory
 * from files_new (NULL when out of memory), freed by files_free (NULL is
 * allowed). */
typedef struct bs_files bs_files;
bs_files *files_new(void);
void files_free(bs_files *files);

/* The number of files read so far, and the name of the i-th (as it was
 * named: the path given, or joined to the folder of the file naming it). */
int files_count(const bs_files *files);
const char *files_name(const bs_files *files, int i);

/* source_read, reading each file through files (NULL: a set of its own). */
int source_read_from(bs_files *files, const char *path, bs_source **out, bs_error *err);

/* Build and validate the scenario of src into *out, with the overrides laid
 * over the file in order (each "path=value", as --set), checking that every
 * amendment applies cleanly. Returns 0, or -1 with err (status 2 for bad
 * input). *out is unspecified on failure. */
int source_build(const bs_source *src, const bs_override *overrides, int noverrides, bs_scenario *out,
                 bs_error *err);

/* The path src was read from, as given. */
const char *source_path(const bs_source *src);

/* Free src (NULL is allowed). */
void source_free(bs_source *src);

/* source_read, source_build and source_free in one: for tests and tools
 * that build a scenario once. */
int scenario_load(const char *path, const bs_override *overrides, int noverrides, bs_scenario *out,
                  bs_error *err);

#endif
