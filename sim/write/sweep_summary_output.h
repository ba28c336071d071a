/* sweep_summary_output.h - `sweep --summary` as text (for people), CSV (RFC
 * 4180, CRLF, one figure a row) or JSON (jansson): what analyse/sweep_summary.h
 * gathered. Each column's figures have the digits of the sweep's own CSV
 * rows (sweep_format_fixed: 6 decimals, 0 for rules_broken and vote.passed,
 * 9 for vote.p_pass); shares of points have 9 decimals; JSON has reals to
 * 17 digits.
 *
 * This file may use: core/, analyse/, write/, jansson and the C library. */
#ifndef BS_SWEEP_SUMMARY_OUTPUT_H
#define BS_SWEEP_SUMMARY_OUTPUT_H

#include <stdio.h>

#include "analyse/meeting.h"
#include "analyse/sweep_summary.h"
#include "write/emit.h"

/* file is the scenario's path and overrides the --set options, as given;
 * m what the meeting decided (NULL: nothing said). Returns 0, or -1 with
 * err (JSON that cannot be built). */
int output_sweep_summary(FILE *f, bs_format fmt, const char *file, const bs_override *overrides, int noverrides,
                         const bs_meeting *m, const bs_scenario *sc, const bs_sweep_summary *s, bs_error *err);

#endif
