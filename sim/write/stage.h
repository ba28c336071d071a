/* stage.h - a set of files (charts, their data and scripts, a report)
 * written into a hidden folder inside the folder asked for, and moved into
 * place together only when every one of them is complete. A run that fails
 * half way leaves the old files as they were, not a mix of old and new
 * charts; an interrupt removes the staged files (outfile.h).
 *
 * This file may use: core/, write/ (outfile.h), the C library and POSIX. */
#ifndef BS_STAGE_H
#define BS_STAGE_H

#include <limits.h>

#include "write/outfile.h"

typedef struct {
    char dir[PATH_MAX];    /* the folder asked for */
    char path[BS_OUT_PATH_MAX];   /* DIR/.budgetsim-XXXXXX: where the files are written */
    int created;        /* dir did not exist before: removed again if the run fails */
} bs_stage;

/* Make sure dir is a folder (creating it when missing) and make the staging
 * folder in it. Returns 0, or -1 with err (exit status 3) naming dir. */
int stage_open(bs_stage *s, const char *dir, bs_error *err);

/* Move every staged file into dir, replacing files of the same names, and
 * remove the staging folder. Files ending in one of the suffixes given
 * (NULL-terminated; NULL for all) are moved, the others removed. Returns 0,
 * or -1 with err when a file cannot be moved (a folder is in its way: then
 * nothing is moved). */
int stage_commit(bs_stage *s, const char *const *only_suffixes, bs_error *err);

/* Remove the staged files and the staging folder, and dir when this run
 * made it. */
void stage_abort(bs_stage *s);

/* Errors from writing into the staging folder name it: name dir instead. */
void stage_error(const bs_stage *s, bs_error *err);

#endif
