/* args.h - option values of the command line that are whole numbers or
 * years (--draws, --seed, --threads, --plot-year), read here rather than in
 * the commands' files so that tests/fuzz/fuzz_args.c can reach them.
 *
 * Library code: no printing, no exit. Each function returns 0, or -1 with a
 * bs_error (status 2) whose message names the option.
 *
 * This file may use: core/ and the C library. */
#ifndef BS_ARGS_H
#define BS_ARGS_H

#include "core/util.h"

/* Flags of args_parse_whole(). */
enum {
    BS_ARGS_NO_PLUS = 1, /* refuse a '+' before the number (after any blanks) */
    BS_ARGS_SIGNED = 2   /* read as a signed number (strtol) */
};

/* Read ARG, a whole number from lo to hi written in decimal, into *v; a
 * '-' before it (after any blanks) is refused. The error, with file and
 * setting empty, is "NAME must be a whole number from LO to HI, not 'ARG'",
 * for the caller to print as a usage error. */
int args_parse_whole(const char *name, const char *arg, unsigned long long lo, unsigned long long hi, int flags,
                     unsigned long long *v, bs_error *err);

/* Read ARG, a financial year written 2023 or 2023/24, into *year. An error
 * with an empty setting ("NAME must be written ...") is a usage error; one
 * whose setting is NAME is the year's own (solve_parse_metric). */
int args_parse_year(const char *name, const char *arg, int *year, bs_error *err);

#endif
