/* output.h - writers: a result (run, check) or a pair of results (compare) as
 * text for people, CSV (RFC 4180) or JSON (jansson). Each takes a stream and
 * returns 0, or -1 with err filled (status 3 when the stream fails). */
#ifndef BS_OUTPUT_H
#define BS_OUTPUT_H

#include <stdio.h>

#include "ballot.h"
#include "budget.h"

typedef enum { BS_FMT_TEXT, BS_FMT_CSV, BS_FMT_JSON } bs_format;

/* Parse "text", "csv" or "json"; -1 when unknown. */
int output_parse_format(const char *s);

int output_run(FILE *f, bs_format fmt, const bs_scenario *sc, const bs_result *r, bs_error *err);

/* One line per broken rule (and year), for `check`; prints nothing when all hold. */
void output_broken_rules(FILE *f, const bs_scenario *sc, const bs_result *r);

int output_compare(FILE *f, bs_format fmt, const bs_scenario *base, const bs_result *rbase,
                   const bs_scenario *alt, const bs_result *ralt, bs_error *err);

/* The council meeting: amendments, the budget vote, red lines, the recorded
 * vote and, when members are uncertain, the probability of passing. */
int output_vote(FILE *f, bs_format fmt, const bs_scenario *sc, const bs_ballot *b, bs_error *err);

/* One line: passed or failed, the tally, the probability. */
void output_vote_summary(FILE *f, const bs_ballot *b);

#endif
