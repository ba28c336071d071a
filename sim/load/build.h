/* build.h - the merged entries of a scenario (its file, bases, includes and
 * --set overrides) built into a validated bs_scenario: every entry checked
 * against the settings table and written into the struct, instances made in
 * order of first appearance, required settings and cross-references checked.
 *
 * This file may use: core/, load/ and the C library. */
#ifndef BS_LOAD_BUILD_H
#define BS_LOAD_BUILD_H

#include "core/scenario.h"
#include "core/schema.h"
#include "load/entries.h"

#define NCONTAINERS 10                     /* kinds of bs_container */
#define MAX_INSTANCES (BS_MAX_MEMBERS + 1) /* the most instances of one container, plus one */

/* Working state while building; the checks of load/check.h read it too. */
typedef struct {
    bs_scenario *sc;
    const entry *group[NCONTAINERS][MAX_INSTANCES]; /* where each instance is written: its group entry, else its first setting */
    const entry **src;                              /* [container][instance][def]: the entry that set it, or NULL */
    size_t src_base[NCONTAINERS];                   /* the first instance of each container in src */
    int last[NCONTAINERS];                          /* the instance of each container found last */
    const char *top_file;                           /* the scenario file */
} builder;

/* Build sc from the entries es of the scenario file top_file, and check it.
 * Returns 0, or -1 with err. */
int build_scenario(entry_set *es, const char *top_file, bs_scenario *sc, bs_error *err);

#endif
