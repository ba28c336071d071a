/* vote.c - the council vote (see vote.h).
 *
 * This file may use: core/, the C library and libm (no files, no printing, no exit). */
#include "core/vote.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *vote_position_name(bs_position p)
{
    static const char *const names[] = {"for", "against", "abstain", "absent", "free", "whip"};
    return (unsigned)p < 6 ? names[p] : "?";
}

/* ------------------------------------------------------------------ */
/* Red lines                                                           */
/* ------------------------------------------------------------------ */

void vote_stances_from(const bs_council *c, const double *value, const unsigned char *known, bs_stances *st)
{
    for (int g = 0; g < c->ngroups; g++) {
        st->group_pos[g] = c->groups[g].whip;
        st->group_red_line[g] = -1;
        st->group_why[g] = c->groups[g].whip == BS_POS_FREE ? "free vote" : "whip";
    }
    for (int m = 0; m < c->nmembers; m++) {
        st->member_pos[m] = c->members[m].vote;
        st->member_red_line[m] = -1;
    }
    for (int i = 0; i < c->nred_lines; i++) {
        const bs_red_line *rl = &c->red_lines[i];
        double v = value[i];
        /* A tolerance of 1e-9 keeps "above 0" from firing on rounding dust;
         * a value that is not known (not applicable) crosses nothing. */
        int crossed = known[i] && ((rl->has_above && v > rl->above + 1e-9) || (rl->has_below && v < rl->below - 1e-9));
        st->red_line_value[i] = known[i] ? v : 0.0;
        st->red_line_crossed[i] = (unsigned char)crossed;
        if (!crossed)
            continue;
        /* The first red line crossed decides, in the order written. */
        if (rl->group_index >= 0 && st->group_red_line[rl->group_index] < 0) {
            st->group_pos[rl->group_index] = rl->vote;
            st->group_red_line[rl->group_index] = i;
            st->group_why[rl->group_index] = "red line";
        } else if (rl->member_index >= 0 && st->member_red_line[rl->member_index] < 0) {
            st->member_pos[rl->member_index] = rl->vote;
            st->member_red_line[rl->member_index] = i;
        }
    }
}

void vote_stances(const bs_council *c, const bs_table *t, bs_stances *st)
{
    double value[BS_MAX_RED_LINES];
    unsigned char known[BS_MAX_RED_LINES];
    for (int i = 0; i < c->nred_lines; i++) {
        const bs_row *row = table_find(t, c->red_lines[i].metric);
        int y = c->red_lines[i].year - t->first_year;
        known[i] = row && y >= 0 && y < t->nyears && !row->na[y];
        value[i] = known[i] ? row->v[y] : 0.0;
    }
    vote_stances_from(c, value, known, st);
}

/* ------------------------------------------------------------------ */
/* Rules of a ballot                                                   */
/* ------------------------------------------------------------------ */

bs_ballot_rule vote_council_rule(const bs_council *c)
{
    bs_ballot_rule r = {c->rule, c->numerator, c->denominator, c->counted, c->casting_vote};
    return r;
}

bs_ballot_rule vote_default_amendment_rule(const bs_council *c)
{
    if (c->process == BS_PROCESS_MAYOR && c->mayor_override.denominator > 0) {
        /* The council's own budget must reach the override share of votes
         * for (docs/meeting.md, "The mayor's budget"). */
        bs_ballot_rule r = c->mayor_override;
        r.type = BS_RULE_AT_LEAST;
        return r;
    }
    return vote_council_rule(c);
}

void vote_spec_budget(const bs_council *c, bs_ballot_spec *sp)
{
    memset(sp, 0, sizeof *sp);
    sp->kind = BS_BALLOT_BUDGET;
    if (c->process == BS_PROCESS_MAYOR && c->mayor_override.denominator > 0) {
        sp->mayoral = true;
        sp->rule = c->mayor_override;
        sp->rule.type = BS_RULE_AT_LEAST;
    } else {
        sp->rule = c->budget_rule.denominator > 0 ? c->budget_rule : vote_council_rule(c);
    }
    sp->chances = c->has_budget_chances ? c->budget_chances : NULL;
}

void vote_spec_amendment(const bs_council *c, int a, bs_ballot_spec *sp)
{
    memset(sp, 0, sizeof *sp);
    sp->kind = BS_BALLOT_AMENDMENT;
    sp->rule = vote_default_amendment_rule(c);
    if (a >= 0 && a < c->namendments) {
        const bs_amendment *am = &c->amendments[a];
        if (am->rule.denominator > 0)
            sp->rule = am->rule;
        sp->chances = am->has_chances ? am->chances : NULL;
    }
}

static void spec_of_kind(const bs_council *c, bs_ballot_kind kind, bs_ballot_spec *sp)
{
    if (kind == BS_BALLOT_BUDGET)
        vote_spec_budget(c, sp);
    else
        vote_spec_amendment(c, -1, sp);
}

/* ------------------------------------------------------------------ */
/* Voters                                                              */
/* ------------------------------------------------------------------ */

/* One voter: a deterministic vote and a categorical distribution over
 * for, against, abstain, absent. */
typedef struct {
    int group;        /* -1: the mayor */
    int member;       /* -1: unnamed */
    bs_position vote; /* the vote in the deterministic tally */
    double p[4];
} voter;

static bs_position opposite(bs_position p)
{
    return p == BS_POS_AGAINST ? BS_POS_FOR : BS_POS_AGAINST;
}

/* Distribution for a voter whose position is pos, with chances of absence,
 * abstention and rebellion (voting the other way). */
static void chances(voter *v, bs_position pos, double free_for, double pr, double pb, double pa)
{
    memset(v->p, 0, sizeof v->p);
    double rest = 1.0 - pr - pb - pa;
    if (rest < 0)
        rest = 0;
    v->p[BS_POS_ABSENT] += pa;
    v->p[BS_POS_ABSTAIN] += pb;
    if (pos == BS_POS_FREE) {
        v->p[BS_POS_FOR] += (rest + pr) * free_for;
        v->p[BS_POS_AGAINST] += (rest + pr) * (1.0 - free_for);
    } else if (pos == BS_POS_FOR || pos == BS_POS_AGAINST) {
        v->p[pos] += rest;
        v->p[opposite(pos)] += pr;
    } else {
        /* told to abstain or absent: a rebel votes against */
        v->p[pos] += rest;
        v->p[BS_POS_AGAINST] += pr;
    }
}

static double pick(double member_p, double group_p)
{
    return member_p >= 0 ? member_p : group_p;
}

/* A group's chance on this ballot: the ballot's, when given, else the group's. */
static double ballot_p(const bs_ballot_spec *sp, int g, int which, double group_p)
{
    if (!sp->chances)
        return group_p;
    double v = which == 0 ? sp->chances[g].p_rebel : which == 1 ? sp->chances[g].p_abstain : sp->chances[g].p_absent;
    return v >= 0 ? v : group_p;
}

/* Expand the council into voters; returns heap memory (caller frees) and the
 * count in *n, or NULL when out of memory. */
static voter *expand(const bs_council *c, const bs_stances *st, const bs_ballot_spec *sp, int *n)
{
    voter *v = calloc(BS_MAX_VOTERS, sizeof *v);
    if (!v)
        return NULL;
    bs_ballot_kind kind = sp->kind;
    int k = 0;
    for (int g = 0; g < c->ngroups; g++) {
        const bs_group *gr = &c->groups[g];
        bs_position pos = st->group_pos[g];
        double free_for = gr->free_for_pct / 100.0;
        double gpr = ballot_p(sp, g, 0, gr->p_rebel), gpb = ballot_p(sp, g, 1, gr->p_abstain),
               gpa = ballot_p(sp, g, 2, gr->p_absent);
        int named = 0;
        for (int m = 0; m < c->nmembers; m++) {
            const bs_member *mb = &c->members[m];
            if (mb->group_index != g)
                continue;
            named++;
            bs_position mp = st->member_pos[m] == BS_POS_WHIP ? pos : st->member_pos[m];
            int follows = st->member_pos[m] == BS_POS_WHIP;
            v[k].group = g;
            v[k].member = m;
            /* A free vote for a named member: the deterministic tally counts
             * them for when the group's share for is at least half. */
            v[k].vote = mp == BS_POS_FREE ? (free_for >= 0.5 ? BS_POS_FOR : BS_POS_AGAINST) : mp;
            chances(&v[k], v[k].vote, free_for, pick(mb->p_rebel, follows ? gpr : 0),
                    pick(mb->p_abstain, follows ? gpb : 0), pick(mb->p_absent, follows ? gpa : 0));
            k++;
        }
        int unnamed = gr->seats - named;
        int absent = gr->absent, abstain = kind == BS_BALLOT_BUDGET ? gr->abstain : 0;
        int rebels = kind == BS_BALLOT_BUDGET ? gr->rebels : 0;
        bs_position rebel_vote = gr->rebels_vote == BS_POS_WHIP ? opposite(pos) : gr->rebels_vote;
        int rest = unnamed - absent - abstain - rebels;
        int free_yes = (int)floor(rest * free_for + 0.5);
        for (int i = 0; i < unnamed; i++, k++) {
            v[k].group = g;
            v[k].member = -1;
            bs_position p;
            if (i < absent)
                p = BS_POS_ABSENT;
            else if (i < absent + abstain)
                p = BS_POS_ABSTAIN;
            else if (i < absent + abstain + rebels)
                p = rebel_vote;
            else
                p = pos;
            if (p == BS_POS_FREE) {
                /* A free vote splits the group as free_for_pct says; each
                 * member's chances then apply to their side of the split. */
                v[k].vote = (i - absent - abstain - rebels) < free_yes ? BS_POS_FOR : BS_POS_AGAINST;
                chances(&v[k], v[k].vote, free_for, gpr, gpb, gpa);
            } else if (i >= absent + abstain + rebels) {
                v[k].vote = p;
                chances(&v[k], p, free_for, gpr, gpb, gpa);
            } else {
                v[k].vote = p; /* a known deviation: certain */
                chances(&v[k], p, free_for, 0, 0, 0);
            }
        }
    }
    if (c->has_mayor && c->mayor_votes) {
        bs_position p = c->mayor_vote;
        if (p == BS_POS_WHIP)
            p = c->mayor_group_index >= 0 ? st->group_pos[c->mayor_group_index] : BS_POS_FOR;
        if (p == BS_POS_FREE)
            p = BS_POS_FOR;
        v[k].group = -1;
        v[k].member = -1;
        v[k].vote = p;
        chances(&v[k], p, 1.0, 0, 0, 0);
        k++;
    }
    *n = k;
    return v;
}

/* ------------------------------------------------------------------ */
/* The rule                                                            */
/* ------------------------------------------------------------------ */

/* How the chair's casting vote would go: BS_POS_FOR, BS_POS_AGAINST, or
 * BS_POS_ABSENT when there is none (whether the ballot's rule gives the
 * chair one is the rule's casting_vote). */
static bs_position casting_of(const bs_council *c, const bs_stances *st)
{
    bs_position p = c->casting;
    if (p == BS_POS_WHIP)
        p = c->chair_group_index >= 0 ? st->group_pos[c->chair_group_index] : BS_POS_ABSENT;
    return p == BS_POS_FOR || p == BS_POS_AGAINST ? p : BS_POS_ABSENT;
}

/* Is x votes a share of base that the rule wants? */
static bool reached(const bs_ballot_rule *r, long x, long base)
{
    if (base <= 0 || r->denominator <= 0)
        return false;
    long lhs = x * r->denominator, rhs = (long)r->numerator * base;
    return r->type == BS_RULE_AT_LEAST ? lhs >= rhs : lhs > rhs;
}

/* The base of the share: votes cast (F, A include a casting vote), members
 * present (persons: the casting vote is a second vote of one of them) or
 * every voter. */
static long base_of(const bs_ballot_rule *r, int F, int A, int f, int a, int b, int s)
{
    return r->counted == BS_COUNT_VOTES_CAST ? F + A : r->counted == BS_COUNT_PRESENT ? f + a + b : f + a + b + s;
}

/* Does a tally pass (or, mayoral, does the mayor's budget stand)? for f,
 * against a, abstain b, absent s. Inquorate: nothing passes (LGA 1972 Sch.
 * 12 para 6). On an equality of votes for and against (at least one vote
 * cast), the chair's casting vote, when the rule gives one and the chair
 * votes, is added to its side (Sch. 12 para 39(2)); *tie says it was. */
static bool decide(const bs_ballot_spec *sp, int quorum, bs_position casting, int f, int a, int b, int s, bool *tie)
{
    *tie = false;
    if (f + a + b < quorum)
        return false;
    const bs_ballot_rule *r = &sp->rule;
    int F = f, A = a;
    if (r->casting_vote && f == a && f + a > 0 && (casting == BS_POS_FOR || casting == BS_POS_AGAINST)) {
        *tie = true;
        if (casting == BS_POS_FOR)
            F++;
        else
            A++;
    }
    long base = base_of(r, F, A, f, a, b, s);
    if (sp->mayoral)
        return !reached(r, A, base);
    return reached(r, F, base);
}

static bool decide_nocast(const bs_ballot_spec *sp, int quorum, int f, int a, int b, int s)
{
    bool tie;
    return decide(sp, quorum, BS_POS_ABSENT, f, a, b, s, &tie);
}

/* Fewest votes for, of the f + a cast, with which it passes without a
 * casting vote; -1 when none can. */
static int needed_of(const bs_ballot_spec *sp, int quorum, int f, int a, int b, int s)
{
    int t = f + a;
    for (int k = 0; k <= t; k++)
        if (decide_nocast(sp, quorum, k, t - k, b, s))
            return k;
    return -1;
}

/* Mayoral: fewest votes against, of the f + a cast, that override (without
 * a casting vote); -1 when none can. */
static int override_needed_of(const bs_ballot_spec *sp, int quorum, int f, int a, int b, int s)
{
    int t = f + a;
    if (f + a + b < quorum)
        return -1;
    for (int j = 0; j <= t; j++)
        if (reached(&sp->rule, j, base_of(&sp->rule, t - j, j, t - j, j, b, s)))
            return j;
    return -1;
}

/* ------------------------------------------------------------------ */
/* The tally                                                           */
/* ------------------------------------------------------------------ */

void vote_run(const bs_council *c, const bs_stances *st, bs_ballot_kind kind, bs_vote_result *out)
{
    bs_ballot_spec sp;
    spec_of_kind(c, kind, &sp);
    vote_run_spec(c, st, &sp, out);
}

void vote_run_spec(const bs_council *c, const bs_stances *st, const bs_ballot_spec *sp, bs_vote_result *out)
{
    memset(out, 0, sizeof *out);
    out->mayor_vote = BS_POS_WHIP;
    out->rule = sp->rule;
    out->mayoral = sp->mayoral;
    out->quorum = c->quorum;
    out->needed = out->override_needed = -1;
    int n = 0;
    voter *v = expand(c, st, sp, &n);
    if (!v)
        return;
    out->nvoters = n;
    for (int m = 0; m < c->nmembers; m++)
        out->member_vote[m] = BS_POS_ABSENT;
    for (int i = 0; i < n; i++) {
        int p = v[i].vote;
        out->count[p]++;
        if (v[i].group >= 0)
            out->group_count[v[i].group][p]++;
        else {
            out->mayor_count[p]++;
            out->mayor_vote = (bs_position)p;
        }
        if (v[i].member >= 0)
            out->member_vote[v[i].member] = (bs_position)p;
        for (int q = 0; q < 4; q++)
            if (v[i].p[q] > 0 && v[i].p[q] < 1)
                out->uncertain = true;
    }
    bs_position casting = casting_of(c, st);
    int q = c->quorum;
    int f = out->count[0], a = out->count[1], b = out->count[2], s = out->count[3];
    out->present = f + a + b;
    out->quorate = out->present >= q;
    out->passed = decide(sp, q, casting, f, a, b, s, &out->tie);
    out->casting = out->tie ? casting : BS_POS_ABSENT;
    out->margin = f - a;
    out->needed = needed_of(sp, q, f, a, b, s);
    if (sp->mayoral)
        out->override_needed = override_needed_of(sp, q, f, a, b, s);

    /* Swing: move members one at a time from the side that won, the most
     * effective way first (a vote for becoming a vote against moves both
     * counts), until the result reverses. */
    bool tie;
    if (out->passed) {
        out->swing_from = BS_POS_FOR;
        out->swing_to = BS_POS_AGAINST;
        for (int k = 1; k <= f; k++)
            if (!decide(sp, q, casting, f - k, a + k, b, s, &tie)) {
                out->swing = k;
                break;
            }
    } else {
        /* The fewest members of one kind (against, abstaining, absent)
         * turning to for: an inquorate meeting is carried by absentees who
         * come and vote for, not by votes against changing. Equal numbers:
         * the first kind. When no one kind is enough, against -> for first,
         * then abstainers, then absentees (swing_from: the last kind). */
        int from[3] = {a, b, s};
        bs_position src[3] = {BS_POS_AGAINST, BS_POS_ABSTAIN, BS_POS_ABSENT};
        int done = 0;
        for (int kind_i = 0; kind_i < 3; kind_i++)
            for (int k = 1; k <= from[kind_i] && (!done || k < out->swing); k++)
                if (decide(sp, q, casting, f + k, a - (kind_i == 0 ? k : 0), b - (kind_i == 1 ? k : 0),
                           s - (kind_i == 2 ? k : 0), &tie)) {
                    out->swing = k;
                    out->swing_from = src[kind_i];
                    done = 1;
                    break;
                }
        for (int kind_i = 0; kind_i < 3 && !done; kind_i++) {
            for (int k = 1; k <= from[kind_i]; k++) {
                int ff = f + k, aa = a, bb = b, ss = s;
                if (kind_i == 0) aa -= k;
                if (kind_i == 1) { aa = 0; bb -= k; ff = f + a + k; }
                if (kind_i == 2) { aa = 0; bb = 0; ss -= k; ff = f + a + b + k; }
                if (decide(sp, q, casting, ff, aa, bb, ss, &tie)) {
                    out->swing = k + (kind_i >= 1 ? a : 0) + (kind_i >= 2 ? b : 0);
                    out->swing_from = src[kind_i];
                    done = 1;
                    break;
                }
            }
        }
        if (!done)
            out->swing_from = BS_POS_AGAINST;
        out->swing_to = BS_POS_FOR;
    }
    for (int g = 0; g < c->ngroups; g++)
        out->swing_pool[g] = out->group_count[g][out->swing_from];
    out->swing_pool_mayor = out->mayor_count[out->swing_from];
    free(v);
}

/* ------------------------------------------------------------------ */
/* Exact distribution                                                  */
/* ------------------------------------------------------------------ */

/* Move the voters of v[0..n-1] whose vote is certain out of the way: the
 * uncertain ones are packed at the front (their count returned), the
 * certain ones counted by vote into shift[4]. */
static int split_certain(voter *v, int n, int shift[4])
{
    int uncertain = 0;
    memset(shift, 0, 4 * sizeof *shift);
    for (int i = 0; i < n; i++) {
        int certain = -1;
        for (int q = 0; q < 4; q++)
            if (v[i].p[q] >= 1.0)
                certain = q;
        if (certain < 0)
            v[uncertain++] = v[i];
        else
            shift[certain]++;
    }
    return uncertain;
}

/* The exact joint distribution of (x, y) over the m voters v[0..m-1],
 * where x counts the votes in the set xmask (bit q: vote q) and y those in
 * ymask: P(x, y) in the returned (m+1) x (m+1) array, heap memory the
 * caller frees; NULL when out of memory. */
static double *joint2(const voter *v, int m, unsigned xmask, unsigned ymask)
{
    int w = m + 1;
    double *cur = calloc((size_t)w * (size_t)w, sizeof *cur);
    if (!cur)
        return NULL;
    cur[0] = 1.0;
    for (int i = 0; i < m; i++) {
        double px = 0, py = 0;
        for (int q = 0; q < 4; q++) {
            if (xmask >> q & 1u)
                px += v[i].p[q];
            else if (ymask >> q & 1u)
                py += v[i].p[q];
        }
        double pn = 1.0 - px - py;
        if (pn < 0)
            pn = 0;
        /* in place, from the top down: each state reads only states not
         * yet updated */
        for (int x = i + 1; x >= 0; x--)
            for (int y = i + 1 - x; y >= 0; y--) {
                double p = cur[x * w + y] * pn;
                if (x > 0)
                    p += cur[(x - 1) * w + y] * px;
                if (y > 0)
                    p += cur[x * w + y - 1] * py;
                cur[x * w + y] = p;
            }
    }
    return cur;
}

/* The exact joint distribution of (for, against, abstain) over the m
 * voters v[0..m-1], abstentions kept only up to bcap (states with more are
 * dropped): P in the returned (m+1) x (m+1) x (bcap+1) array, index
 * (f (m+1) + a) (bcap+1) + b; heap memory the caller frees; NULL when out of
 * memory. */
static double *joint3(const voter *v, int m, int bcap)
{
    size_t w = (size_t)m + 1, d = (size_t)bcap + 1;
    double *cur = calloc(w * w * d, sizeof *cur);
    if (!cur)
        return NULL;
    cur[0] = 1.0;
    for (int i = 0; i < m; i++) {
        const double *p = v[i].p;
        for (int f = i + 1; f >= 0; f--)
            for (int a = i + 1 - f; a >= 0; a--) {
                int btop = i + 1 - f - a < bcap ? i + 1 - f - a : bcap;
                for (int b = btop; b >= 0; b--) {
                    size_t k = ((size_t)f * w + (size_t)a) * d + (size_t)b;
                    double x = cur[k] * p[BS_POS_ABSENT];
                    if (f > 0)
                        x += cur[k - w * d] * p[BS_POS_FOR];
                    if (a > 0)
                        x += cur[k - d] * p[BS_POS_AGAINST];
                    if (b > 0)
                        x += cur[k - 1] * p[BS_POS_ABSTAIN];
                    cur[k] = x;
                }
            }
    }
    return cur;
}

/* P(for = k) over all n voters into dist[0..n]. */
static void dist_of_for(const voter *v, int n, double *dist)
{
    memset(dist, 0, sizeof *dist * (size_t)(n + 1));
    dist[0] = 1.0;
    for (int i = 0; i < n; i++) {
        double pf = v[i].p[BS_POS_FOR];
        for (int k = i + 1; k >= 0; k--)
            dist[k] = dist[k] * (1.0 - pf) + (k > 0 ? dist[k - 1] * pf : 0.0);
    }
}

int vote_exact(const bs_council *c, const bs_stances *st, bs_ballot_kind kind, double *p_pass, double *dist_for,
               int *nvoters)
{
    bs_ballot_spec sp;
    spec_of_kind(c, kind, &sp);
    return vote_exact_spec(c, st, &sp, p_pass, dist_for, nvoters);
}

#define B_FOR (1u << BS_POS_FOR)
#define B_AGAINST (1u << BS_POS_AGAINST)
#define B_ABSTAIN (1u << BS_POS_ABSTAIN)

/* P(pass) with the quorum certainly met: the rule on the tally, from the
 * joint distribution of what it counts. Returns 0, -1 (memory), -2 (too
 * large). */
static int exact_quorate(const bs_ballot_spec *sp, bs_position casting, voter *v, int n, double *pass)
{
    int shift[4];
    int m = split_certain(v, n, shift), w = m + 1;
    *pass = 0.0;
    const bs_ballot_rule *r = &sp->rule;
    if (r->counted != BS_COUNT_PRESENT) {
        /* votes cast or all members: (for, against) decides, ties too; with
         * all members the base is n whatever the split of the rest */
        double *j = joint2(v, m, B_FOR, B_AGAINST);
        if (!j)
            return -1;
        for (int f = 0; f <= m; f++)
            for (int a = 0; a + f <= m; a++) {
                double p = j[f * w + a];
                if (p == 0.0)
                    continue;
                int F = f + shift[BS_POS_FOR], A = a + shift[BS_POS_AGAINST];
                bool tie;
                if (decide(sp, 0, casting, F, A, 0, n - F - A, &tie))
                    *pass += p;
            }
        free(j);
        return 0;
    }
    /* members present: without a casting vote, (x, present) decides, x the
     * side whose share is taken (for; against, for a mayor's budget) */
    bs_position xs = sp->mayoral ? BS_POS_AGAINST : BS_POS_FOR, ys = opposite(xs);
    double *j = joint2(v, m, 1u << xs, (1u << ys) | B_ABSTAIN);
    if (!j)
        return -1;
    for (int x = 0; x <= m; x++)
        for (int y = 0; y + x <= m; y++) {
            double p = j[x * w + y];
            if (p == 0.0)
                continue;
            int X = x + shift[xs], Y = y + shift[ys] + shift[BS_POS_ABSTAIN];
            /* put X on its side and the rest as against/for: the base is X + Y */
            bool ok = sp->mayoral ? decide_nocast(sp, 0, Y, X, 0, n - X - Y) : decide_nocast(sp, 0, X, Y, 0, n - X - Y);
            if (ok)
                *pass += p;
        }
    free(j);
    if (!r->casting_vote || casting == BS_POS_ABSENT)
        return 0;
    /* The casting vote changes the outcome only on an equality of for and
     * against, and then only for a few numbers of abstentions: add the
     * difference it makes there, from the (for, against, abstain) count with
     * abstentions cut off where it makes none. */
    int bcap = -1;
    for (int bu = 0; bu <= m; bu++)
        for (int x = 0; 2 * x <= n; x++) {
            int B = bu + shift[BS_POS_ABSTAIN];
            if (2 * x + B > n)
                break;
            bool tie;
            if (decide(sp, 0, casting, x, x, B, n - 2 * x - B, &tie) != decide_nocast(sp, 0, x, x, B, n - 2 * x - B))
                bcap = bu;
        }
    if (bcap < 0)
        return 0;
    if ((double)w * w * (bcap + 1) > 16e6)
        return -2;
    double *t = joint3(v, m, bcap);
    if (!t)
        return -1;
    for (int f = 0; f <= m; f++)
        for (int a = 0; a + f <= m; a++)
            for (int b = 0; b <= bcap && f + a + b <= m; b++) {
                double p = t[((size_t)f * w + a) * (bcap + 1) + b];
                int F = f + shift[BS_POS_FOR], A = a + shift[BS_POS_AGAINST], B = b + shift[BS_POS_ABSTAIN];
                if (p == 0.0 || F != A)
                    continue;
                bool tie;
                int S = n - F - A - B;
                *pass += p * ((int)decide(sp, 0, casting, F, A, B, S, &tie) - (int)decide_nocast(sp, 0, F, A, B, S));
            }
    free(t);
    return 0;
}

int vote_exact_spec(const bs_council *c, const bs_stances *st, const bs_ballot_spec *sp, double *p_pass,
                    double *dist_for, int *nvoters)
{
    int n = 0;
    voter *v = expand(c, st, sp, &n);
    if (!v)
        return -1;
    if (dist_for)
        dist_of_for(v, n, dist_for);
    if (nvoters)
        *nvoters = n;
    bs_position casting = sp->rule.casting_vote ? casting_of(c, st) : BS_POS_ABSENT;
    /* The quorum: certainly met, never, or it depends on who comes. */
    int min_present = 0, max_present = 0;
    for (int i = 0; i < n; i++) {
        min_present += v[i].p[BS_POS_ABSENT] <= 0.0;
        max_present += v[i].p[BS_POS_ABSENT] < 1.0;
    }
    int rc = 0;
    double pass = 0.0;
    if (c->quorum > max_present) {
        pass = 0.0;
    } else if (c->quorum <= min_present) {
        rc = exact_quorate(sp, casting, v, n, &pass);
    } else {
        /* The quorum depends on who comes: the full (for, against, abstain)
         * count decides. */
        int shift[4];
        int m = split_certain(v, n, shift), w = m + 1;
        if (m > BS_EXACT3_MAX) {
            rc = -2;
        } else {
            double *t = joint3(v, m, m);
            if (!t)
                rc = -1;
            for (int f = 0; t && f <= m; f++)
                for (int a = 0; a + f <= m; a++)
                    for (int b = 0; f + a + b <= m; b++) {
                        double p = t[((size_t)f * w + a) * w + b];
                        if (p == 0.0)
                            continue;
                        int F = f + shift[BS_POS_FOR], A = a + shift[BS_POS_AGAINST], B = b + shift[BS_POS_ABSTAIN];
                        bool tie;
                        if (decide(sp, c->quorum, casting, F, A, B, n - F - A - B, &tie))
                            pass += p;
                    }
            free(t);
        }
    }
    free(v);
    if (rc != 0)
        return rc;
    /* rounding can leave a sum a hair outside [0, 1] */
    *p_pass = pass < 0 ? 0 : pass > 1 ? 1 : pass;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Drawing                                                             */
/* ------------------------------------------------------------------ */

struct bs_voters {
    int n;
    voter *v;
    bs_ballot_spec sp;
    int quorum;
    bs_position casting;
};

bs_voters *vote_prepare(const bs_council *c, const bs_stances *st, const bs_ballot_spec *sp)
{
    bs_voters *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->v = expand(c, st, sp, &b->n);
    if (!b->v) {
        free(b);
        return NULL;
    }
    b->sp = *sp;
    b->sp.chances = NULL; /* used by expand only */
    b->quorum = c->quorum;
    b->casting = casting_of(c, st);
    return b;
}

bool vote_draw(const bs_voters *b, double (*uniform)(void *), void *source)
{
    int cnt[4] = {0, 0, 0, 0};
    for (int i = 0; i < b->n; i++) {
        double u = uniform(source), acc = 0.0;
        int q = 3;
        for (int k = 0; k < 4; k++) {
            acc += b->v[i].p[k];
            if (u < acc) {
                q = k;
                break;
            }
        }
        cnt[q]++;
    }
    bool tie;
    return decide(&b->sp, b->quorum, b->casting, cnt[0], cnt[1], cnt[2], cnt[3], &tie);
}

void vote_voters_free(bs_voters *b)
{
    if (b) {
        free(b->v);
        free(b);
    }
}

double vote_simulate(const bs_council *c, const bs_stances *st, bs_ballot_kind kind, double (*uniform)(void *),
                     void *source, long draws)
{
    bs_ballot_spec sp;
    spec_of_kind(c, kind, &sp);
    return vote_simulate_spec(c, st, &sp, uniform, source, draws);
}

double vote_simulate_spec(const bs_council *c, const bs_stances *st, const bs_ballot_spec *sp,
                          double (*uniform)(void *), void *source, long draws)
{
    if (draws <= 0)
        return 0.0;
    bs_voters *b = vote_prepare(c, st, sp);
    if (!b)
        return 0.0;
    long passed = 0;
    for (long d = 0; d < draws; d++)
        passed += vote_draw(b, uniform, source);
    vote_voters_free(b);
    return (double)passed / (double)draws;
}
