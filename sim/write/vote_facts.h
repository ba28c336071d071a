/* vote_facts.h - what the vote writers (text, CSV, JSON, the hemicycle)
 * say about a ballot beyond its tally: the rule applied to it, the count
 * its share is of, the chair's casting vote, and the votes for needed.
 *
 * The rule and the votes needed come from the vote itself
 * (bs_vote_result.rule and .needed, sim/core/vote.h); the writers ask here.
 *
 * This file may use: core/ and the C library. */
#ifndef BS_VOTE_FACTS_H
#define BS_VOTE_FACTS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/vote.h"

/* The rule a ballot was decided by: the fields of bs_ballot_rule
 * (core/council.h), same names. casting_vote: on an equality of votes for
 * and against the chair gives a casting vote, added to its side before the
 * share is taken. */
typedef struct {
    bs_pass_rule type;
    int numerator, denominator;
    bs_count_base counted;
    bool casting_vote;
} vote_rule_facts;

/* The rule applied to ballot v of council c (v->rule). */
vote_rule_facts vote_rule_of(const bs_council *c, const bs_vote_result *v);

/* The number the share is of, in v's tally: votes cast (for + against),
 * members present (for + against + abstain) or every voter. */
int vote_counted_of(const vote_rule_facts *r, const bs_vote_result *v);

/* The chair's casting vote on a tie: BS_POS_FOR or BS_POS_AGAINST, or
 * BS_POS_ABSENT when a tie has no casting vote (none under the rule, or the
 * chair's group neither for nor against). st: the stances of the ballot. */
bs_position vote_casting_of(const bs_council *c, const bs_stances *st, const vote_rule_facts *r);

/* The votes for needed: the fewest votes for with which ballot v passes,
 * the count its share is of (vote_counted_of) staying as it is, votes moving
 * to for from the others counted. A tie the chair's casting vote would
 * carry is not counted as passing: `needed` is the fewest votes for that
 * pass without the casting vote (Liverpool, 74 votes cast, more than half:
 * 37 is a tie, 38 needed). -1: none (nothing counted, or a share no count
 * reaches). It is v->needed. */
int vote_needed_of(const bs_council *c, const bs_vote_result *v);

/* A share in words: "half", "two thirds", "three quarters", ... or
 * "N/D" when it has no common name. Returns buf. */
const char *vote_share_words(int numerator, int denominator, char *buf, size_t size);

/* What the share is of, with its count n: "the 70 votes cast", "the 30
 * members present", "all 90 members". Returns buf. */
const char *vote_base_words(bs_count_base b, int n, char *buf, size_t size);

/* The rule of ballot v as a phrase with its count: "at least two thirds of
 * the 70 votes cast", "more than half of the 74 votes cast". Returns buf. */
const char *vote_rule_phrase(const bs_vote_result *v, char *buf, size_t size);

/* The quorum of council c is the default, a quarter of the whole number of
 * members rounded up (LGA 1972 Sch. 12 para 6), not council.quorum. */
bool vote_quorum_is_default(const bs_council *c);

/* Why the quorum is what it is, in words: "one quarter of the whole number
 * of members, Local Government Act 1972 Sch. 12 para 6", or "set by
 * council.quorum". */
const char *vote_quorum_words(const bs_council *c);

/* The result of ballot v in one word: "inquorate", "stands" or
 * "overridden" (a mayor's budget), "passed" or "failed". */
const char *vote_result_word(const bs_vote_result *v);

/* "majority" or "at_least"; "votes_cast", "present" or "members" (the
 * words of council.rule.type and council.rule.counted). */
const char *vote_rule_type_name(bs_pass_rule t);
const char *vote_counted_name(bs_count_base b);

#endif
