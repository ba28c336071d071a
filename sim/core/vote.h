/* vote.h - how the council votes on a budget: pure functions of a council
 * and the budget's tables. No I/O.
 *
 * 1. vote_stances(): each red line is read against the budget; a group or
 *    member whose red line is crossed takes the red line's position instead
 *    of its whip.
 * 2. vote_run(): the tally, member by member: for, against, abstained,
 *    absent; passed or failed under the ballot's rule (a bs_ballot_spec: the
 *    budget's, an amendment's, or under the mayor's process the override),
 *    the quorum, the chair's casting vote on an equality of votes for and
 *    against, the votes needed, and the swing (the fewest members who would
 *    have to change their vote to reverse the result). docs/meeting.md has
 *    the law and how it is read.
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

/* One ballot: its kind, its rule and the chances of its voters. */
typedef struct {
    bs_ballot_kind kind;
    /* the rule to pass; when mayoral, the share of votes against that
     * overrides the mayor's budget (type at_least) */
    bs_ballot_rule rule;
    bool mayoral;                 /* the mayor's budget: it stands unless overridden */
    const bs_chances *chances;    /* per group for this ballot ([ngroups]), NULL: the meeting's */
} bs_ballot_spec;

/* The council's rule (council.rule, with its casting vote). */
bs_ballot_rule vote_council_rule(const bs_council *c);
/* The rule an amendment takes by default: the council's, or under the
 * mayor's process the override share of votes for (the council's own
 * budget must reach it). */
bs_ballot_rule vote_default_amendment_rule(const bs_council *c);
/* The spec of the budget ballot of c, and of amendment a (a < 0: an
 * amendment with the default rule and the meeting's chances). */
void vote_spec_budget(const bs_council *c, bs_ballot_spec *sp);
void vote_spec_amendment(const bs_council *c, int a, bs_ballot_spec *sp);

typedef struct {
    int nvoters;
    int count[4];                           /* for, against, abstain, absent */
    int group_count[BS_MAX_GROUPS][4];
    int mayor_count[4];                     /* the mayor's vote, when the mayor votes */
    bs_position member_vote[BS_MAX_MEMBERS];/* each named member's vote */
    bs_position mayor_vote;                 /* BS_POS_WHIP when the mayor does not vote */
    bool passed;                            /* the ballot passed; a mayoral budget: it stands */
    bool tie;                               /* an equality of for and against: the chair gave a casting vote */
    bs_position casting;                    /* the casting vote used, when tie */
    int margin;                             /* for minus against */
    bs_ballot_rule rule;                    /* the rule applied (mayoral: the override share of votes against) */
    int needed;                             /* fewest votes for, of the same votes cast (abstentions and
                                               absences as counted), with which it passes without the
                                               casting vote; -1: no number can */
    int present;                            /* for + against + abstaining (absent members are not present) */
    int quorum;                             /* members present needed (0: none) */
    bool quorate;                           /* present >= quorum; otherwise nothing passes */
    bool mayoral;                           /* the budget ballot of a mayor's budget */
    int override_needed;                    /* mayoral: fewest votes against, of the same votes cast, that
                                               override it; -1: no number can */
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

/* The deterministic tally and result: kind BUDGET with the budget's spec,
 * AMENDMENT with an amendment's default spec. */
void vote_run(const bs_council *c, const bs_stances *st, bs_ballot_kind kind, bs_vote_result *out);
void vote_run_spec(const bs_council *c, const bs_stances *st, const bs_ballot_spec *sp, bs_vote_result *out);

/* Exact probability that the vote passes; when dist_for is not NULL it
 * receives P(for = k) for k = 0..nvoters (at least BS_MAX_VOTERS + 1
 * entries). Returns -1 when out of memory. */
int vote_exact(const bs_council *c, const bs_stances *st, bs_ballot_kind kind, double *p_pass,
               double *dist_for, int *nvoters);
/* The same for one ballot. Returns -1 when out of memory, -2 when the
 * quorum is uncertain and more than BS_EXACT3_MAX members are uncertain (a
 * three-way count would be needed: too large to hold). */
#define BS_EXACT3_MAX 160
int vote_exact_spec(const bs_council *c, const bs_stances *st, const bs_ballot_spec *sp, double *p_pass,
                    double *dist_for, int *nvoters);

/* Monte Carlo estimate of the same from `draws` draws, each member's vote
 * drawn with uniform(source), a number in [0, 1) (the core has no random
 * generator of its own: analyse/vote_mc.h passes GSL's). Returns the share
 * of draws that pass. */
double vote_simulate(const bs_council *c, const bs_stances *st, bs_ballot_kind kind, double (*uniform)(void *),
                     void *source, long draws);

double vote_simulate_spec(const bs_council *c, const bs_stances *st, const bs_ballot_spec *sp,
                          double (*uniform)(void *), void *source, long draws);

/* A ballot's voters, expanded once, for drawing one ballot at a time (the
 * meeting's Monte Carlo check). vote_prepare returns heap memory
 * (vote_voters_free), NULL when out of memory. */
typedef struct bs_voters bs_voters;
bs_voters *vote_prepare(const bs_council *c, const bs_stances *st, const bs_ballot_spec *sp);
/* One draw of the ballot: does it pass? */
bool vote_draw(const bs_voters *v, double (*uniform)(void *), void *source);
void vote_voters_free(bs_voters *v);

/* "for", "against", "abstain", "absent", "free", "whip". */
const char *vote_position_name(bs_position p);

#endif
