/* fastvote.h - the council vote on the budget, for loops over many runs
 * (sweeps, Monte Carlo): red lines are read straight from the result (no
 * tables), and the exact probability of passing is remembered for each
 * pattern of crossed red lines, since it depends on nothing else while the
 * council's own settings are not being varied.
 *
 * Amendments are not voted on here: the budget as run goes to the vote.
 * One bs_fast_vote per thread (it caches).
 *
 * This file may use: core/, the C library and libm (no files, no printing, no exit). */
#ifndef BS_FASTVOTE_H
#define BS_FASTVOTE_H

#include "core/vote.h"

#define BS_FAST_VOTE_MEMO 256

typedef struct {
    const bs_scenario *sc;                  /* the scenario whose council votes */
    long offset[BS_MAX_RED_LINES];          /* each red line's metric in bs_result, -1: computed */
    int year_index[BS_MAX_RED_LINES];
    int planned_reserve[BS_MAX_RED_LINES];  /* a red line on reserves.ID.planned_m: the reserve's index, else -1 */
    /* the reserve movements into each reserve, in the measures' order: the
     * terms of its planned_m (enabled or not: a disabled one's row is 0) */
    int nmoves[BS_MAX_RESERVES];
    unsigned char moves[BS_MAX_RESERVES][BS_MAX_MEASURES];
    bool cache;                             /* remember results by pattern */
    int nmemo;
    unsigned long long memo_key[BS_FAST_VOTE_MEMO];
    bool memo_passed[BS_FAST_VOTE_MEMO];
    double memo_p[BS_FAST_VOTE_MEMO];
    int memo_count[BS_FAST_VOTE_MEMO][4];
    bs_stances st;                          /* scratch */
} bs_fast_vote;

/* Prepare for the council of sc (sc->chamber.given must be true). cache:
 * false when the council's own settings (groups, members) vary between calls.
 * A red line on a computed row works too, through a table, but slowly.
 * Returns 0, or -1 with err. */
int fast_vote_init(bs_fast_vote *fv, const bs_scenario *sc, bool cache, bs_error *err);

/* The vote on the budget whose result is r (run from fv->sc as changed in
 * place): passed, the tally (for, against, abstain, absent) and the exact
 * probability of passing. Returns 0, or -1 when out of memory. */
int fast_vote_eval(bs_fast_vote *fv, const bs_result *r, bool *passed, int count[4], double *p_pass);

#endif
