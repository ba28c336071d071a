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

/* The SHA-256 of the i-th file's bytes as read from disk (64 lowercase hex
 * digits: what `sha256sum` prints for it), and how it was first named:
 * "scenario" (on the command line), "base" (base =) or "include"
 * (@include). */
const char *files_sha256(const bs_files *files, int i);
const char *files_role(const bs_files *files, int i);

/* source_read, reading each file through files (NULL: a set of its own). */
int source_read_from(bs_files *files, const char *path, bs_source **out, bs_error *err);

/* Files held in memory, for tests and fuzzing: files_put gives files the
 * text (len bytes, copied; no NUL needed) of a file named name, replacing
 * one of the same name; source_read_from then reads it from there, with the
 * checks a file on disk gets (size, NUL bytes, UTF-8, blank), and finds a
 * base or @include there by its name joined to the folder of the file
 * naming it ("." and ".." taken out lexically). A set from files_new_memory
 * never looks at the disk: a name it does not hold cannot be opened. Files
 * held in memory are not counted by files_count. files_put returns 0, or -1
 * when out of memory. */
bs_files *files_new_memory(void);
int files_put(bs_files *files, const char *name, const char *text, size_t len);

/* source_read of one text held in memory, named name in messages: a base
 * or @include it names cannot be opened. */
int source_read_text(const char *name, const char *text, size_t len, bs_source **out, bs_error *err);

/* Build and validate the scenario of src into *out, with the overrides laid
 * over the file in order (each "path=value", as --set), checking that every
 * amendment applies cleanly. Returns 0, or -1 with err (status 2 for bad
 * input). *out is unspecified on failure. */
int source_build(const bs_source *src, const bs_override *overrides, int noverrides, bs_scenario *out,
                 bs_error *err);

/* The same for a meeting's pattern of amendments (analyse/ballot.c): the
 * amendments' changes among the overrides; each amendment is not tried
 * again on its own (source_build of the scenario did), so a meeting of k
 * amendments costs one build per pattern, not k + 1. */
int source_build_meeting(const bs_source *src, const bs_override *overrides, int noverrides, bs_scenario *out,
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
