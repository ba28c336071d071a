/* check.h - the checks of a built scenario that look across its parts: the
 * council against itself (groups, members, red lines, amendments), the
 * uncertainties, the metrics red lines read, and a budget without NaN or
 * infinity.
 *
 * This file may use: core/, load/ and the C library. */
#ifndef BS_LOAD_CHECK_H
#define BS_LOAD_CHECK_H

#include "core/budget.h"
#include "core/scenario.h"
#include "load/build.h"
#include "load/entries.h"

/* Check the council part against itself and fill its indexes (groups of
 * members, red lines, amendments; mayor, chair). Returns 0, or -1 with err. */
int check_council(builder *b, entry_set *es, bs_error *err);

/* Each uncertainty: a setting that can be varied, each distinct, and the
 * parameters its distribution needs, present and consistent. Returns 0, or
 * -1 with err. */
int check_uncertainty(builder *b, entry_set *es, bs_error *err);

/* Red lines must read quantities the model computes: check each metric
 * against the rows of the scenario's own budget (r: budget_run of sc).
 * Returns 0, or -1 with err. */
int check_metrics(const bs_scenario *sc, const bs_result *r, bs_error *err);

/* No NaN or infinity may come out of the model (r: budget_run of sc): if a
 * value is not finite, name the setting to blame, where it was written.
 * Returns 0, or -1 with err. */
int check_finite(entry_set *es, const bs_scenario *sc, const bs_result *r, bs_error *err);

/* No saving may take a service line's net spending below zero: in each
 * year, the savings delivered on a line (r, the model's numbers: they grow
 * with the line) must be at most its gross spending, within
 * BS_MONEY_EPS. The message names the saving's amount_m where it was
 * written, the line, the year and both sums. Savings on no line count
 * against all the lines together: net spending must not go below zero.
 * Returns 0, or -1 with err. */
int check_savings(entry_set *es, const bs_scenario *sc, const bs_result *r, bs_error *err);

#endif
