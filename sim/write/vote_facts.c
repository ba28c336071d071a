/* vote_facts.c - the rule, the count and the votes needed of a ballot, for
 * the writers (see vote_facts.h).
 *
 * This file may use: core/ and the C library. */
#include "write/vote_facts.h"

vote_rule_facts vote_rule_of(const bs_council *c, const bs_vote_result *v)
{
    /* Replaced by v->rule when the vote-law work lands: every ballot is
     * decided by council.rule on this branch. */
    vote_rule_facts r = {c->rule, c->numerator, c->denominator, c->counted,
                         c->rule == BS_RULE_MAJORITY && c->casting_vote};
    (void)v;
    return r;
}

int vote_counted_of(const vote_rule_facts *r, const bs_vote_result *v)
{
    return r->counted == BS_COUNT_VOTES_CAST ? v->count[0] + v->count[1]
           : r->counted == BS_COUNT_PRESENT  ? v->count[0] + v->count[1] + v->count[2]
                                             : v->nvoters;
}

bs_position vote_casting_of(const bs_council *c, const bs_stances *st, const vote_rule_facts *r)
{
    if (!r->casting_vote)
        return BS_POS_ABSENT;
    bs_position p = c->casting;
    if (p == BS_POS_WHIP)
        p = c->chair_group_index >= 0 ? st->group_pos[c->chair_group_index] : BS_POS_ABSENT;
    return p == BS_POS_FOR || p == BS_POS_AGAINST ? p : BS_POS_ABSENT;
}

int vote_needed_of(const bs_council *c, const bs_vote_result *v)
{
    /* Replaced by v->needed when the vote-law work lands.
     * With the count N the share num/den is of held fixed, f votes for pass
     *   majority: f * den > num * N   -> f = floor(num * N / den) + 1
     *   at_least: f * den >= num * N  -> f = ceil(num * N / den)
     * (f * den == num * N under majority is the tie the casting vote settles:
     * not counted). None when N is 0 (nothing counted fails) or f > N. */
    vote_rule_facts r = vote_rule_of(c, v);
    long n = vote_counted_of(&r, v), num = r.numerator, den = r.denominator;
    if (n <= 0 || den <= 0)
        return -1;
    long f = r.type == BS_RULE_AT_LEAST ? (num * n + den - 1) / den : num * n / den + 1;
    return f > n ? -1 : (int)f;
}

const char *vote_rule_type_name(bs_pass_rule t)
{
    return t == BS_RULE_AT_LEAST ? "at_least" : "majority";
}

const char *vote_counted_name(bs_count_base b)
{
    return b == BS_COUNT_PRESENT ? "present" : b == BS_COUNT_MEMBERS ? "members" : "votes_cast";
}
