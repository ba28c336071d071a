/* output.h - writers: a result (run, check) or a pair of results (compare) as
 * text for people, CSV (RFC 4180) or JSON (jansson). Each takes a stream and
 * returns 0, or -1 with err filled (status 3 when the stream fails).
 *
 * This file may use: core/, analyse/, write/, jansson and the C library. */
#ifndef BS_OUTPUT_H
#define BS_OUTPUT_H

#include <stdio.h>

#include "analyse/ballot.h"
#include "analyse/montecarlo.h"
#include "core/budget.h"
#include "analyse/sensitivity.h"
#include "analyse/solve.h"
#include "write/emit.h"

/* ballot: the council vote on sc, or NULL when sc describes no council. */
int output_run(FILE *f, bs_format fmt, const bs_scenario *sc, const bs_result *r, const bs_ballot *ballot,
               bs_error *err);

/* One line per broken rule (and year), for `check`; prints nothing when all hold. */
void output_broken_rules(FILE *f, const bs_scenario *sc, const bs_result *r);

int output_compare(FILE *f, bs_format fmt, const bs_scenario *base, const bs_result *rbase,
                   const bs_ballot *bbase, const bs_scenario *alt, const bs_result *ralt, const bs_ballot *balt,
                   bs_error *err);

/* The council meeting: amendments, the budget vote, red lines, the recorded
 * vote and, when members are uncertain, the probability of passing. */
int output_vote(FILE *f, bs_format fmt, const bs_scenario *sc, const bs_ballot *b, bs_error *err);

/* One line: passed or failed, the tally, the probability. */
void output_vote_summary(FILE *f, const bs_ballot *b);

/* The same as a JSON object (new reference; NULL when out of memory). */
struct json_t *output_vote_json(const bs_ballot *b);

/* The same as CSV rows "vote.KEY,Vote,ITEM,,VALUE" with the value in the first
 * year's column; `who` (may be NULL) is an extra column before the values. */
void output_vote_csv(FILE *f, const bs_ballot *b, const char *who, int nyears);

/* The head of a text output of solve, sensitivity and montecarlo: "TITLE
 * NAME (FILE)", then "WITH--set TEXT" for each override, the texts shown
 * with escapes (write/text.h). */
void output_scenario_head(FILE *f, const char *title, const char *name, const char *file,
                          const bs_override *overrides, int noverrides, const char *with);

/* solve: the solution, the metric at it and at the ends of the range, the
 * iterations (for BS_SOLVE_FOUND and BS_SOLVE_NOT_CONVERGED). file is the
 * scenario's path and overrides the --set options, as given. */
int output_solve(FILE *f, bs_format fmt, const char *file, const bs_override *overrides, int noverrides,
                 const bs_solve_spec *spec, const bs_solve_result *res, bs_error *err);

/* Why there is no solution, in one line without a newline (empty for
 * BS_SOLVE_FOUND): the target not reachable, a jump, no convergence. */
void output_solve_problem(const bs_solve_spec *spec, const bs_solve_result *res, char *buf, size_t size);

/* sensitivity: the quantity at the base and, for each setting swung, at the
 * low and the high swing, with the effect, largest first (sensitivity_output.c).
 * file is the scenario's path and overrides the --set options, as given. */
int output_sensitivity(FILE *f, bs_format fmt, const char *file, const bs_override *overrides, int noverrides,
                       const bs_sens_result *res, bs_error *err);

/* montecarlo: the result as text, CSV or JSON (montecarlo_output.c). file
 * and the overrides as given. */
int output_montecarlo(FILE *f, bs_format fmt, const char *file, const bs_override *overrides, int noverrides,
                      const bs_scenario *sc, const bs_mc_result *res, bs_error *err);

#endif
