/* changes.h - what an alternative budget changes against a base, each
 * change as its cost to the budget year by year, and the words that say
 * what the changes cost and what pays for them. Used by compare ("What the
 * alternative changes", "In words") and by the report's story.
 *
 * This file may use: core/ and the C library. */
#ifndef BS_CHANGES_H
#define BS_CHANGES_H

#include <stddef.h>

#include "core/budget.h"
#include "core/scenario.h"

/* One change the alternative makes, as its cost to the budget per year
 * (+ adds to the gap, - reduces it). The label is scenario text, raw. */
typedef struct {
    char label[BS_NAME_MAX + 64];
    int reserve; /* 1: a reserve movement (a draw or a top-up) */
    char line[BS_ID_MAX]; /* the service line it falls on (its id), "" for none: a
                             line's spending, a saving or charge on it (the lines chart) */
    double cost[BS_MAX_YEARS];
} bs_change;

/* What sb (budget rb) changes against sa (ra): measures, spending, funding,
 * then council tax income, each only when it moves the budget by more than
 * half a pound in some year. Returns heap memory (caller frees; NULL when
 * out of memory), the count in *n. */
bs_change *changes_list(const bs_scenario *sa, const bs_result *ra, const bs_scenario *sb, const bs_result *rb,
                        int *n);

/* Year index t in words, into buf: what the n changes cost, what the
 * alternative (sb, its budget rb, its label raw) finds to pay for them and
 * what is left, e.g. "the changes in no-cuts cost £4.0m and it finds £10.0m
 * to pay for them; £6.0m is left over and goes to the general reserve."
 * ("no change." when nothing moves). Returns buf. */
char *changes_in_words(const bs_scenario *sb, const bs_result *rb, const bs_change *ch, int n, int t, char *buf,
                       size_t size);

#endif
