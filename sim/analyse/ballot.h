/* ballot.h - the council meeting: amendments first, each voted on; the ones
 * that pass change the budget; then the vote on the budget itself, with its
 * exact probability of passing and, on request, a seeded Monte Carlo check.
 * This is analysis: it rebuilds the scenario from its source (in memory)
 * with each amendment's changes laid over it (as --set overrides), so that
 * an amendment is checked exactly like the file. No file is read again.
 *
 * Memory: ballot_run() puts two heap objects in a ballot, the final budget
 * and its result; ballot_clear() frees those and not the ballot itself, which
 * may live on the stack or in the caller's memory. ballot_new() makes a
 * ballot in heap memory, and ballot_free() frees it with what it holds.
 *
 * This file may use: core/, load/, GSL and the C library. */
#ifndef BS_BALLOT_H
#define BS_BALLOT_H

#include "core/budget.h"
#include "core/vote.h"
#include "load/source.h"

typedef struct {
    int namendments;
    bool amendment_passed[BS_MAX_AMENDMENTS];
    bs_vote_result amendment_vote[BS_MAX_AMENDMENTS];
    bs_stances amendment_stances[BS_MAX_AMENDMENTS];
    bs_scenario *final;          /* the budget put to the final vote (heap memory: ballot_clear) */
    bs_result *final_result;     /* its result (heap memory: ballot_clear) */
    bs_stances stances;          /* red lines read against the final budget */
    bs_vote_result vote;         /* the final vote */
    bool adopted;                /* a budget is adopted: the final ballot passes (under the mayor, the
                                    mayor's budget stands) at a quorate meeting */
    double p_pass;               /* exact probability a budget is adopted, over the whole meeting */
    double p_amendment[BS_MAX_AMENDMENTS]; /* exact probability each amendment passes */
    double dist_for[BS_MAX_VOTERS + 1]; /* P(for = k) on the final ballot, over the whole meeting */
    int builds;                  /* budgets built for the exact odds (one per pattern of amendments) */
    int nvoters;
    bool have_monte_carlo;
    long mc_draws;
    unsigned long mc_seed;
    double mc_p_pass;            /* the share of draws of the whole meeting (each ballot drawn) adopting a budget */
    double mc_p_amendment[BS_MAX_AMENDMENTS]; /* the share of draws in which each amendment passes */
    double mc_stderr;            /* sqrt(p (1 - p) / draws) */
} bs_ballot;

/* Hold the meeting for the scenario read into src with overrides (sc is
 * that scenario, already built). mc_draws > 0 adds a Monte Carlo check
 * seeded with mc_seed. Returns 0 with heap memory in *out (ballot_clear), or
 * -1 with err and nothing left to free in *out. */
int ballot_run(const bs_source *src, const bs_override *overrides, int noverrides, const bs_scenario *sc,
               long mc_draws, unsigned long mc_seed, bs_ballot *out, bs_error *err);

/* Free the final budget and result that ballot_run() put in b, not b itself
 * (NULL is allowed); b's pointers are left NULL, so a second call does
 * nothing. */
void ballot_clear(bs_ballot *b);

/* A zeroed ballot in heap memory, or NULL when out of memory; free it with
 * ballot_free(), which frees what ballot_run() put in it too (NULL is
 * allowed). */
bs_ballot *ballot_new(void);
void ballot_free(bs_ballot *b);

#endif
