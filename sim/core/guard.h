/* guard.h - no NaN or infinity reaches output.
 *
 * The model only ever runs on values inside their documented ranges, but a
 * combination of extreme values can still overflow or divide by zero. Every
 * run that feeds output is checked with budget_finite() (budget.h); when it
 * fails, these functions say where the bad value appeared and which setting
 * is to blame, so that it is reported as bad input (exit status 2) naming
 * that setting, never printed.
 *
 * This file may use: core/, the C library and libm (no files, no printing, no exit). */
#ifndef BS_GUARD_H
#define BS_GUARD_H

#include <stddef.h>

#include "core/bind.h"
#include "core/budget.h"

/* Describe the first value of r that is not finite, in table order, e.g.
 * "charges.green_bin.take_up_pct in 2022/23 is not a number". Writes
 * "a value is not finite" when the table cannot be built (out of memory). */
void guard_describe(const bs_scenario *sc, const bs_result *r, char *buf, size_t size);

/* Which of the n settings in b (bound to sc) is to blame. Each is put back
 * in turn to a harmless value of its range (its default, else 0, else 1,
 * clamped into the range); of those whose change alone makes the budget
 * finite again, the one with the most extreme value (the largest
 * |log10 |v||, e.g. a price of 1e-300 rather than a take-up of 5%) is
 * blamed; ties go to the first. sc is left as it was. Returns the index, -1
 * when no single setting is to blame, -2 when out of memory. */
int guard_culprit(bs_scenario *sc, const bs_binding *b, int n);

/* The message for a budget that cannot be computed, after "PATH: ". */
void guard_message(const bs_scenario *sc, const bs_result *r, char *buf, size_t size);

#endif
