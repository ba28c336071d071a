/* common.c - helpers shared by the analysis modules (see common.h).
 *
 * This file may use: core/ and the C library. */
#include "analyse/common.h"

#include <limits.h>
#include <string.h>

#define COUNCIL_PREFIX "council."

bool analyse_is_council_path(const char *path)
{
    return strncmp(path, COUNCIL_PREFIX, sizeof COUNCIL_PREFIX - 1) == 0;
}

const char *analyse_read_vary_path(const char *arg, const char *who, const char *no_eq, const char *no_path,
                                   char *path, size_t size, bs_error *err)
{
    const char *eq = strchr(arg, '=');
    if (!eq) {
        bs_fail(err, "", 0, who, "%s", no_eq);
        return NULL;
    }
    size_t plen = (size_t)(eq - arg);
    if (plen == 0) {
        bs_fail(err, "", 0, who, "%s", no_path);
        return NULL;
    }
    if (plen >= size) {
        analyse_path_too_long(err, "--vary", arg, size);
        return NULL;
    }
    memcpy(path, arg, plen);
    path[plen] = '\0';
    return eq + 1;
}

int analyse_path_too_long(bs_error *err, const char *setting, const char *text, size_t size)
{
    return bs_fail(err, "", 0, setting, "setting path %.60s... is too long (the limit is %zu characters)", text,
                   size - 1);
}

int analyse_out_of_memory(bs_error *err, const char *setting)
{
    return bs_fail_status(err, BS_EXIT_ENV, "", 0, setting, "out of memory");
}
