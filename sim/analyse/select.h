/* select.h - order statistics without a full sort: several ranks of an
 * array of doubles found by one multi-way quickselect, and GSL's sample
 * quantile (gsl_stats_quantile_from_sorted_data) read from them.
 *
 * The values must not be NaN (Monte Carlo never stores one: a draw whose
 * budget is not finite stops the run before it is counted).
 *
 * This file may use: GSL and the C library. */
#ifndef BS_SELECT_H
#define BS_SELECT_H

#include <stddef.h>

/* Reorder v[0..n) so that v[k] holds the value a full ascending sort would
 * put there, for each of the nranks ranks (ascending, each < n, repeats
 * allowed). Other positions keep some permutation of the rest. */
void select_ranks(double *v, size_t n, const size_t *ranks, int nranks);

/* The two order statistics gsl_stats_quantile_from_sorted_data(data, 1, n,
 * f) reads: *lhs and *lhs + 1 (only *lhs when *lhs is n - 1); n > 0. */
void quantile_ranks(size_t n, double f, size_t *lhs);

/* That quantile from the order statistics at lhs and lhs + 1 (at_lhs1 is
 * not read when lhs is n - 1), with GSL's arithmetic, bit for bit. */
double quantile_from_ranks(size_t n, double f, double at_lhs, double at_lhs1);

#endif
