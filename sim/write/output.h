/* output.h - writers: a result (run, check) or a pair of results (compare) as
 * text for people, CSV (RFC 4180) or JSON (jansson). Each takes a stream and
 * returns 0, or -1 with err filled (status 3 when the stream fails).
 *
 * This file may use: core/, analyse/, write/, jansson and the C library. */
#ifndef BS_OUTPUT_H
#define BS_OUTPUT_H

#include <stdio.h>

#include "analyse/ballot.h"
#include "analyse/meeting.h"
#include "analyse/montecarlo.h"
#include "core/budget.h"
#include "analyse/sensitivity.h"
#include "analyse/solve.h"
#include "write/emit.h"

/* ballot: the council vote on sc, or NULL when sc describes no council.
 * meeting: what the meeting decided (NULL, or not held: nothing is said). */
int output_run(FILE *f, bs_format fmt, const bs_scenario *sc, const bs_result *r, const bs_ballot *ballot,
               const bs_meeting *meeting, bs_error *err);

/* The meeting stage (analyse/meeting.h), for the head of every output but
 * the vote's: which budget is shown and why, in at most two lines without
 * a newline, into lines (names as the file gives them: each medium escapes
 * them). Returns the number of lines: 0 when m is NULL or no meeting was
 * held (a scenario without amendments), else 1, or 2 when no budget was
 * adopted (the second says what follows in law). */
#define BS_MEETING_LINE_MAX (BS_MAX_AMENDMENTS * (BS_NAME_MAX + 16) + 512)
int output_meeting_lines(const bs_meeting *m, char lines[2][BS_MEETING_LINE_MAX]);

/* Those lines on f, each after prefix and shown with escapes (write/text.h). */
void output_meeting_text(FILE *f, const bs_meeting *m, const char *prefix);

/* The same as a JSON object {"budget": "adopted" | "not adopted" |
 * "as proposed", "adopted": bool, "amendments": [{"id", "name",
 * "carried"}], "note": [lines]} (new reference), or NULL when m is NULL or
 * no meeting was held. */
struct json_t *output_meeting_json(const bs_meeting *m);

/* root with the meeting's account (output_meeting_json, as "meeting") and
 * the inputs (write/inputs.h) set on it; root may be NULL. Returns root. */
struct json_t *output_json_root(struct json_t *root, const bs_meeting *m);

/* One line per broken rule (and year), for `check`; prints nothing when all hold. */
void output_broken_rules(FILE *f, const bs_scenario *sc, const bs_result *r);

/* mbase, malt: what each meeting decided (NULL: nothing said). */
int output_compare(FILE *f, bs_format fmt, const bs_scenario *base, const bs_result *rbase,
                   const bs_ballot *bbase, const bs_meeting *mbase, const bs_scenario *alt, const bs_result *ralt,
                   const bs_ballot *balt, const bs_meeting *malt, bs_error *err);

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
 * with escapes (write/text.h), then the meeting's lines (m may be NULL). */
void output_scenario_head(FILE *f, const char *title, const char *name, const char *file,
                          const bs_override *overrides, int noverrides, const char *with, const bs_meeting *m);

/* solve: the solution, the metric at it and at the ends of the range, the
 * iterations (for BS_SOLVE_FOUND and BS_SOLVE_NOT_CONVERGED). file is the
 * scenario's path and overrides the --set options, as given; m what the
 * meeting decided (NULL: nothing said). */
int output_solve(FILE *f, bs_format fmt, const char *file, const bs_override *overrides, int noverrides,
                 const bs_meeting *m, const bs_solve_spec *spec, const bs_solve_result *res, bs_error *err);

/* Why there is no solution, in one line without a newline (empty for
 * BS_SOLVE_FOUND): the target not reachable, a jump, no convergence. */
void output_solve_problem(const bs_solve_spec *spec, const bs_solve_result *res, char *buf, size_t size);

/* sensitivity: the quantity at the base and, for each setting swung, at the
 * low and the high swing, with the effect, largest first (sensitivity_output.c).
 * file is the scenario's path and overrides the --set options, as given. */
int output_sensitivity(FILE *f, bs_format fmt, const char *file, const bs_override *overrides, int noverrides,
                       const bs_meeting *m, const bs_sens_result *res, bs_error *err);

/* montecarlo: the result as text, CSV or JSON (montecarlo_output.c). file
 * and the overrides as given. */
int output_montecarlo(FILE *f, bs_format fmt, const char *file, const bs_override *overrides, int noverrides,
                      const bs_meeting *m, const bs_scenario *sc, const bs_mc_result *res, bs_error *err);

#endif
