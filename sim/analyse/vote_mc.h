/* vote_mc.h - the Monte Carlo check of the council vote, drawn with a GSL
 * generator (core/vote.h draws from any uniform source).
 *
 * This file may use: core/, GSL and the C library. */
#ifndef BS_VOTE_MC_H
#define BS_VOTE_MC_H

#include <gsl/gsl_rng.h>

#include "core/vote.h"

/* The share of `draws` draws with generator r in which the vote passes. */
double vote_monte_carlo(const bs_council *c, const bs_stances *st, bs_ballot_kind kind, gsl_rng *r, long draws);

#endif
