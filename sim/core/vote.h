/* vote.h - how the council votes on a budget: pure functions of a council
 * and the budget's tables. No I/O.
 *
 * 1. vote_stances(): each red line is read against the budget; a group or
 *    member whose red line is crossed takes the red line's position instead
 *    of its whip.
 * 2. vote_run(): the tally, member by member: for, against, abstained,
 *    absent; passed or failed under the council's rule, the chair's casting
 *    vote on a tie, and the swing (the fewest members who would have to
 *    change their vote to reverse the result).
 * 3. vote_exact(): when groups or members have chances of rebelling,
 *    abstaining or being absent, the exact probability that the budget
 *    passes, from the exact joint distribution of the tally (each member a
 *    categorical draw; the distribution of the for-count is a generalised
 *    Poisson-binomial). vote_simulate() draws the same to check.
 *
 * This file may use: core/, the C library and libm (no files, no printing, no exit). */
#ifndef BS_VOTE_H
#define BS_VOTE_H

#include "core/council.h"
#include "core/table.h"

#define BS_MAX_VOTERS (BS_MAX_SEATS + 1) /* the seats and a voting mayor */

/* Positions after red lines. */
typedef struct {
    bs_position group_pos[BS_MAX_GROUPS];   /* for, against, abstain or free */
    int group_red_line[BS_MAX_GROUPS];      /* index of the red line that set it, -1: the whip */
    const char *group_why[BS_MAX_GROUPS];   /* why: "whip", "red line", "mover", "listed", "default" */
    bs_position member_pos[BS_MAX_MEMBERS]; /* BS_POS_WHIP: as the group */
    int member_red_line[BS_MAX_MEMBERS];
    double red_line_value[BS_MAX_RED_LINES];/* the value each red line read */
    unsigned char red_line_crossed[BS_MAX_RED_LINES];
} bs_stances;

/* What changes from a budget vote for an amendment vote. */
typedef enum { BS_BALLOT_BUDGET = 0, BS_BALLOT_AMENDMENT = 1 } bs_ballot_kind;

typedef struct {
    int nvoters;
    int count[4];                           /* for, against, abstain, absent */
    int group_count[BS_MAX_GROUPS][4];
    int mayor_count[4];                     /* the mayor's vote, when the mayor votes */
    bs_position member_vote[BS_MAX_MEMBERS];/* each named member's vote */
    bs_position mayor_vote;                 /* BS_POS_WHIP when the mayor does not vote */
    bool passed;
    bool tie;                               /* settled by the chair */
    bs_position casting;                    /* the casting vote used, when tie */
    int margin;                             /* for minus against */
    /* swing */
    int swing;                              /* fewest members changing their vote to reverse it; 0: cannot */
    bs_position swing_from;                 /* the vote they would leave */
    bs_position swing_to;
    int swing_pool[BS_MAX_GROUPS];          /* members in each group voting swing_from */
    int swing_pool_mayor;
    /* uncertainty */
    bool uncertain;                         /* some member has a chance of another vote */
} bs_vote_result;

/* Read every red line of c against the budget table t (first_year: the
 * table's first financial year) and fill st. */
void vote_stances(const bs_council *c, const bs_table *t, bs_stances *st);

/* The same from the value each red line reads (known[i] = 0: not
 * applicable, crosses nothing). */
void vote_stances_from(const bs_council *c, const double *value, const unsigned char *known, bs_stances *st);

/* The deterministic tally and result. */
void vote_run(const bs_council *c, const bs_stances *st, bs_ballot_kind kind, bs_vote_result *out);

/* Exact probability that the vote passes; when dist_for is not NULL it
 * receives P(for = k) for k = 0..nvoters (at least BS_MAX_VOTERS + 1
 * entries). Returns -1 when out of memory. */
int vote_exact(const bs_council *c, const bs_stances *st, bs_ballot_kind kind, double *p_pass,
               double *dist_for, int *nvoters);

/* Monte Carlo estimate of the same from `draws` draws, each member's vote
 * drawn with uniform(source), a number in [0, 1) (the core has no random
 * generator of its own: analyse/vote_mc.h passes GSL's). Returns the share
 * of draws that pass. */
double vote_simulate(const bs_council *c, const bs_stances *st, bs_ballot_kind kind, double (*uniform)(void *),
                     void *source, long draws);

/* "for", "against", "abstain", "absent", "free", "whip". */
const char *vote_position_name(bs_position p);

#endif
