/* vote_mc.c - the Monte Carlo check of the council vote (see vote_mc.h).
 *
 * This file may use: core/, GSL and the C library. */
#include "analyse/vote_mc.h"

/* A uniform draw in [0, 1) from the GSL generator r: vote_simulate's source. */
static double gsl_uniform(void *r)
{
    return gsl_rng_uniform((gsl_rng *)r);
}

double vote_monte_carlo(const bs_council *c, const bs_stances *st, bs_ballot_kind kind, gsl_rng *r, long draws)
{
    return vote_simulate(c, st, kind, gsl_uniform, r, draws);
}
