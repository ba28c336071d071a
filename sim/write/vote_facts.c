/* vote_facts.c - the rule, the count and the votes needed of a ballot, for
 * the writers (see vote_facts.h).
 *
 * This file may use: core/ and the C library. */
#include "write/vote_facts.h"

#include <stdio.h>

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

const char *vote_share_words(int numerator, int denominator, char *buf, size_t size)
{
    static const struct {
        int n, d;
        const char *words;
    } named[] = {{1, 2, "half"},          {1, 3, "one third"},    {2, 3, "two thirds"}, {1, 4, "one quarter"},
                 {3, 4, "three quarters"}, {3, 5, "three fifths"}, {4, 5, "four fifths"}};
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if ((long)numerator * named[i].d == (long)named[i].n * denominator && denominator > 0) {
            snprintf(buf, size, "%s", named[i].words);
            return buf;
        }
    snprintf(buf, size, "%d/%d", numerator, denominator);
    return buf;
}

const char *vote_base_words(bs_count_base b, int n, char *buf, size_t size)
{
    if (b == BS_COUNT_VOTES_CAST)
        snprintf(buf, size, "the %d vote%s cast", n, n == 1 ? "" : "s");
    else if (b == BS_COUNT_PRESENT)
        snprintf(buf, size, "the %d member%s present", n, n == 1 ? "" : "s");
    else
        snprintf(buf, size, "all %d members", n);
    return buf;
}

const char *vote_rule_phrase(const bs_vote_result *v, char *buf, size_t size)
{
    vote_rule_facts r = vote_rule_of(NULL, v);
    char share[40], base[60];
    vote_share_words(r.numerator, r.denominator, share, sizeof share);
    vote_base_words(r.counted, vote_counted_of(&r, v), base, sizeof base);
    snprintf(buf, size, "%s %s of %s", r.type == BS_RULE_AT_LEAST ? "at least" : "more than", share, base);
    return buf;
}

bool vote_quorum_is_default(const bs_council *c)
{
    int whole = c->seats + (c->has_mayor && c->mayor_is_member ? 1 : 0);
    return c->quorum == (whole + 3) / 4;
}

const char *vote_quorum_words(const bs_council *c)
{
    return vote_quorum_is_default(c) ? "one quarter of the whole number of members, Local Government Act 1972 Sch. 12 "
                                       "para 6"
                                     : "set by council.quorum";
}

const char *vote_result_word(const bs_vote_result *v)
{
    if (!v->quorate)
        return "inquorate";
    if (v->mayoral)
        return v->passed ? "stands" : "overridden";
    return v->passed ? "passed" : "failed";
}
