/* source_helpers.h - for unit tests: the meeting and the goal seek of a
 * scenario file named by its path, read into a source for the one call
 * (the program reads each file once and hands the source on). */
#ifndef BS_TEST_SOURCE_HELPERS_H
#define BS_TEST_SOURCE_HELPERS_H

#include "analyse/ballot.h"
#include "load/source.h"

/* ballot_run on the scenario file at path. */
static inline int ballot_path(const char *path, const bs_override *ov, int nov, const bs_scenario *sc, long draws,
                              unsigned long seed, bs_ballot *b, bs_error *err)
{
    bs_source *src;
    if (source_read(path, &src, err) != 0)
        return -1;
    int rc = ballot_run(src, ov, nov, sc, draws, seed, b, err);
    source_free(src);
    return rc;
}

#endif
