/* show_output.h - budgetsim show: every setting of a scenario as resolved
 * (its value, unit, where it came from and the source comment on its
 * line), and show --sources: how many numbers are marked stated [S],
 * derived [D] or assumed ("assumption"), and every number with no source
 * comment. The appendix of the report ("Where each number comes from") is
 * made from the same counts.
 *
 * This file may use: core/, load/, write/, jansson and the C library. */
#ifndef BS_SHOW_OUTPUT_H
#define BS_SHOW_OUTPUT_H

#include <stdio.h>

#include "load/provenance.h"
#include "write/emit.h"

/* Every setting of sc (built from the provenance p) in the order of the
 * settings table, the instances of services, measures, groups... under
 * their ids; with trace, the values a later file or --set replaced too (JSON
 * always has them). Returns 0, or -1 with err. */
int show_write(FILE *f, bs_format fmt, const bs_scenario *sc, const bs_provenance *p, int trace, bs_error *err);

/* show --sources. Returns 0, or -1 with err. */
int show_sources_write(FILE *f, bs_format fmt, const bs_scenario *sc, const bs_provenance *p, bs_error *err);

/* The marks of the numbers of one file (or of all). A number is a setting
 * written as a number or a list of numbers, in force or replaced by a later
 * file; a list counts once. A comment may carry several marks: it counts
 * under each; unmarked has none of the three. */
typedef struct {
    const char *file; /* NULL for the total */
    int numbers, stated, derived, assumed, unmarked;
} show_counts;

/* Is o a number written in a file (not --set)? What marks its comment
 * carries (bits SHOW_STATED, SHOW_DERIVED, SHOW_ASSUMED)? */
enum { SHOW_STATED = 1, SHOW_DERIVED = 2, SHOW_ASSUMED = 4 };
int show_is_number(const bs_origin *o);
unsigned show_marks(const char *comment);

/* The counts of file i of p (provenance_file), or of all files (i -1). */
show_counts show_count(const bs_provenance *p, int i);

/* An entry's value as written ("1.99", "[9.6, 5.7]", "true", "text"
 * without quotes), into buf. */
const char *show_value_text(const entry *e, char *buf, size_t size);

#endif
