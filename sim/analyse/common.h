/* common.h - the limits and the small helpers that several analysis modules
 * (solve, sweep, sensitivity, Monte Carlo) share, each defined once here.
 *
 * Ownership, as in the core: x_new() hands back a zeroed x in heap memory,
 * and x_free() frees it with everything it holds (NULL is allowed). For an
 * x the caller keeps on the stack or inside another struct, x_clear(p)
 * frees only what p holds (lists, rows, the scenarios of a ballot), never p
 * itself, and leaves p's pointers NULL, so a second call does nothing.
 *
 * This file may use: core/ and the C library. */
#ifndef BS_ANALYSE_COMMON_H
#define BS_ANALYSE_COMMON_H

#include <stdbool.h>
#include <stddef.h>

#include "core/util.h"

#define BS_SETTING_PATH_MAX 256           /* a setting's dotted path, with its NUL (as in bs_binding) */
#define BS_METRIC_MAX 200                 /* a row key of the budget tables, with its NUL */
#define BS_LABEL_MAX (BS_NAME_MAX + 40)   /* a row label of the budget tables */
#define BS_ARG_MAX 600                    /* a command-line argument kept for messages */
#define BS_MAX_THREADS 256                /* worker threads one command may start (--threads) */
#define BS_WHAT_MAX 400                   /* guard_describe's account of a value that is not finite */
#define BS_VALUES_MAX 600                 /* "a = 1, b = 2": the values at one point, for messages */
#define BS_YEAR_LABEL_MAX 16              /* bs_year_label's "2023/24", with room to spare */
#define BS_NUMBER_TEXT_MAX 128            /* a number read from an argument, with its NUL */
#define BS_TALLY_MAX 4                    /* fast_vote_eval's tally: for, against, abstain, absent */

/* 1 when path names a setting of the council vote ("council...."): the
 * budget does not read those, and the vote's memo of passing odds by pattern
 * of red lines (fastvote.h) holds only while they stay put. */
bool analyse_is_council_path(const char *path);

/* "Did you mean": bs_nearest (core/util.h) with these thresholds, the same
 * as a red line's metric in load/check.c. */
#define ANALYSE_NEAREST_SLACK 2

/* Read the setting path before the '=' of arg, an argument of --vary, into
 * path (size bytes). who names the argument in errors; no_eq is the message
 * when arg has no '=', no_path the one when nothing stands before it.
 * Returns the text after the '=', or NULL with err (status 2). */
const char *analyse_read_vary_path(const char *arg, const char *who, const char *no_eq, const char *no_path,
                                   char *path, size_t size, bs_error *err);

/* Fill err for a setting path, the start of text, longer than a buffer of
 * size bytes takes, naming setting ("--vary", "--only"); return -1. */
int analyse_path_too_long(bs_error *err, const char *setting, const char *text, size_t size);

/* Fill err with "out of memory" (status 3, no file, setting as given) and
 * return -1. */
int analyse_out_of_memory(bs_error *err, const char *setting);

#endif
