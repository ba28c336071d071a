/* args.c - whole-number and year option values (see args.h).
 *
 * This file may use: cli/, analyse/, core/ and the C library. */
#include "cli/args.h"

#include <stdio.h>

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "analyse/solve.h"

int args_parse_whole(const char *name, const char *arg, unsigned long long lo, unsigned long long hi, int flags,
                     unsigned long long *v, bs_error *err)
{
    char *end;
    int bad;
    errno = 0;
    if (flags & BS_ARGS_SIGNED) {
        long long s = strtoll(arg, &end, 10);
        bad = errno || end == arg || *end || s < 0 || (unsigned long long)s < lo || (unsigned long long)s > hi;
        *v = bad ? 0 : (unsigned long long)s;
    } else {
        /* strtoull skips blanks and reads "-N" as 2^64 - N: the sign is
         * looked at after the blanks, so that no negative number reads */
        const char *sign = arg;
        while (isspace((unsigned char)*sign))
            sign++;
        *v = strtoull(arg, &end, 10);
        bad = errno || end == arg || *end || *sign == '-' || ((flags & BS_ARGS_NO_PLUS) && *sign == '+') ||
              *v < lo || *v > hi;
    }
    if (bad)
        return bs_fail(err, "", 0, "", "%s must be a whole number from %llu to %llu, not '%s'", name, lo, hi, arg);
    return 0;
}

int args_parse_year(const char *name, const char *arg, int *year, bs_error *err)
{
    /* the year part of a metric, KEY@YEAR, with a key of one letter */
    char text[64], metric[8];
    if ((size_t)snprintf(text, sizeof text, "x@%s", arg) >= sizeof text)
        return bs_fail(err, "", 0, "", "%s must be written 2023 or 2023/24, not '%s'", name, arg);
    return solve_parse_metric(text, strlen(text), name, metric, sizeof metric, year, err);
}
