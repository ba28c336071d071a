/* vote_facts.c - the rule, the count and the votes needed of a ballot, for
 * the writers (see vote_facts.h).
 *
 * This file may use: core/ and the C library. */
#include "write/vote_facts.h"

vote_rule_facts vote_rule_of(const bs_council *c, const bs_vote_result *v)
{
    /* the rule the vote applied to this ballot (its own, or the council's) */
    vote_rule_facts r = {v->rule.type, v->rule.numerator, v->rule.denominator, v->rule.counted,
                         v->rule.casting_vote};
    (void)c;
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
    /* worked out by the vote (core/vote.c needed_of): with the count the
     * share is of held fixed, the fewest votes for that pass without the
     * casting vote */
    (void)c;
    return v->needed;
}

const char *vote_rule_type_name(bs_pass_rule t)
{
    return t == BS_RULE_AT_LEAST ? "at_least" : "majority";
}

const char *vote_counted_name(bs_count_base b)
{
    return b == BS_COUNT_PRESENT ? "present" : b == BS_COUNT_MEMBERS ? "members" : "votes_cast";
}
