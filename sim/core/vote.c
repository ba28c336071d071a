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

/* Expand the council into voters; returns heap memory (caller frees) and the
 * count in *n, or NULL when out of memory. */
static voter *expand(const bs_council *c, const bs_stances *st, bs_ballot_kind kind, int *n)
{
    voter *v = calloc(BS_MAX_VOTERS, sizeof *v);
    if (!v)
        return NULL;
    int k = 0;
    for (int g = 0; g < c->ngroups; g++) {
        const bs_group *gr = &c->groups[g];
        bs_position pos = st->group_pos[g];
        double free_for = gr->free_for_pct / 100.0;
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
            chances(&v[k], v[k].vote, free_for, pick(mb->p_rebel, follows ? gr->p_rebel : 0),
                    pick(mb->p_abstain, follows ? gr->p_abstain : 0), pick(mb->p_absent, follows ? gr->p_absent : 0));
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
                chances(&v[k], v[k].vote, free_for, gr->p_rebel, gr->p_abstain, gr->p_absent);
            } else if (i >= absent + abstain + rebels) {
                v[k].vote = p;
                chances(&v[k], p, free_for, gr->p_rebel, gr->p_abstain, gr->p_absent);
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

/* The chair's casting vote on a tie: BS_POS_FOR, BS_POS_AGAINST, or
 * BS_POS_ABSENT when there is none. */
static bs_position casting_of(const bs_council *c, const bs_stances *st)
{
    if (!c->casting_vote)
        return BS_POS_ABSENT;
    bs_position p = c->casting;
    if (p == BS_POS_WHIP)
        p = c->chair_group_index >= 0 ? st->group_pos[c->chair_group_index] : BS_POS_ABSENT;
    return p == BS_POS_FOR || p == BS_POS_AGAINST ? p : BS_POS_ABSENT;
}

/* Does a tally pass? Sets *tie when it was settled by the casting vote. */
static bool passes(const bs_council *c, bs_position casting, int f, int a, int b, int s, bool *tie)
{
    long base = c->counted == BS_COUNT_VOTES_CAST ? f + a
                : c->counted == BS_COUNT_PRESENT ? f + a + b : f + a + b + s;
    long lhs = (long)f * c->denominator, rhs = (long)c->numerator * base;
    *tie = false;
    if (base == 0)
        return false;
    if (c->rule == BS_RULE_AT_LEAST)
        return lhs >= rhs;
    if (lhs == rhs) {
        *tie = true;
        return casting == BS_POS_FOR;
    }
    return lhs > rhs;
}

/* ------------------------------------------------------------------ */
/* The tally                                                           */
/* ------------------------------------------------------------------ */

void vote_run(const bs_council *c, const bs_stances *st, bs_ballot_kind kind, bs_vote_result *out)
{
    memset(out, 0, sizeof *out);
    out->mayor_vote = BS_POS_WHIP;
    int n = 0;
    voter *v = expand(c, st, kind, &n);
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
    int f = out->count[0], a = out->count[1], b = out->count[2], s = out->count[3];
    out->passed = passes(c, casting, f, a, b, s, &out->tie);
    out->casting = out->tie ? casting : BS_POS_ABSENT;
    out->margin = f - a;

    /* Swing: move members one at a time from the side that won, the most
     * effective way first (a vote for becoming a vote against moves both
     * counts), until the result reverses. */
    bool tie;
    if (out->passed) {
        out->swing_from = BS_POS_FOR;
        out->swing_to = BS_POS_AGAINST;
        for (int k = 1; k <= f; k++)
            if (!passes(c, casting, f - k, a + k, b, s, &tie)) {
                out->swing = k;
                break;
            }
    } else {
        /* against -> for first, then abstainers, then absentees */
        int from[3] = {a, b, s};
        bs_position src[3] = {BS_POS_AGAINST, BS_POS_ABSTAIN, BS_POS_ABSENT};
        int done = 0;
        for (int kind_i = 0; kind_i < 3 && !done; kind_i++) {
            for (int k = 1; k <= from[kind_i]; k++) {
                int ff = f + k, aa = a, bb = b, ss = s;
                if (kind_i == 0) aa -= k;
                if (kind_i == 1) { aa = 0; bb -= k; ff = f + a + k; }
                if (kind_i == 2) { aa = 0; bb = 0; ss -= k; ff = f + a + b + k; }
                if (passes(c, casting, ff, aa, bb, ss, &tie)) {
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
 * certain ones counted into *shift_f (for) and *shift_y (the other votes
 * the rule counts: against, and abstentions when members present count). */
static int split_certain(voter *v, int n, int track_abstain, int *shift_f, int *shift_y)
{
    int uncertain = 0;
    *shift_f = *shift_y = 0;
    for (int i = 0; i < n; i++) {
        int certain = -1;
        for (int q = 0; q < 4; q++)
            if (v[i].p[q] >= 1.0)
                certain = q;
        if (certain < 0) {
            v[uncertain++] = v[i];
            continue;
        }
        if (certain == BS_POS_FOR)
            (*shift_f)++;
        else if (certain == BS_POS_AGAINST || (certain == BS_POS_ABSTAIN && track_abstain))
            (*shift_y)++;
    }
    return uncertain;
}

/* The exact joint distribution of (for, y) over the m uncertain voters
 * v[0..m-1]: P(f, y) in the returned (m+1) x (m+1) array, heap memory the
 * caller frees; NULL when out of memory. */
static double *joint_distribution(const voter *v, int m, int need_y, int track_abstain)
{
    int w = m + 1;
    double *cur = calloc((size_t)w * (size_t)w, sizeof *cur), *nxt = calloc((size_t)w * (size_t)w, sizeof *nxt);
    if (!cur || !nxt) {
        free(cur);
        free(nxt);
        return NULL;
    }
    cur[0] = 1.0;
    for (int i = 0; i < m; i++) {
        double pf = v[i].p[BS_POS_FOR];
        double py = need_y ? v[i].p[BS_POS_AGAINST] + (track_abstain ? v[i].p[BS_POS_ABSTAIN] : 0.0) : 0.0;
        double pn = 1.0 - pf - py;
        memset(nxt, 0, sizeof *nxt * (size_t)w * (size_t)w);
        for (int f = 0; f <= i; f++)
            for (int y = 0; y + f <= i; y++) {
                double p = cur[f * w + y];
                if (p == 0.0)
                    continue;
                nxt[(f + 1) * w + y] += p * pf;
                nxt[f * w + y + 1] += p * py;
                nxt[f * w + y] += p * pn;
            }
        double *tmp = cur;
        cur = nxt;
        nxt = tmp;
    }
    free(nxt);
    return cur;
}

int vote_exact(const bs_council *c, const bs_stances *st, bs_ballot_kind kind, double *p_pass, double *dist_for,
               int *nvoters)
{
    int n = 0;
    voter *v = expand(c, st, kind, &n);
    if (!v)
        return -1;
    /* The state that decides the result: f (votes for) and y, the other
     * votes that enter the count (against for votes cast; against and
     * abstain for members present), plus the split needed to tell a tie. We
     * track (f, a, b) only as far as the rule needs: with a votes-cast count
     * b and s do not matter, with a present count only a + b does. Absent
     * members are n - f - a - b. Certain voters are added as a shift. */
    int shift_f, shift_y;
    int track_abstain = c->counted == BS_COUNT_PRESENT;
    int need_y = c->counted != BS_COUNT_MEMBERS;
    int m = split_certain(v, n, track_abstain, &shift_f, &shift_y), w = m + 1;
    double *cur = joint_distribution(v, m, need_y, track_abstain);
    free(v);
    if (!cur)
        return -1;
    bs_position casting = casting_of(c, st);
    double pass = 0.0;
    if (dist_for)
        memset(dist_for, 0, sizeof *dist_for * (size_t)(n + 1));
    for (int f = 0; f <= m; f++)
        for (int y = 0; y + f <= m; y++) {
            double p = cur[f * w + y];
            if (p == 0.0)
                continue;
            int F = f + shift_f, Y = y + shift_y;
            bool tie;
            /* passes() wants (f, a, b, s): put Y where the rule counts it. */
            int ok = c->counted == BS_COUNT_MEMBERS ? passes(c, casting, F, 0, 0, n - F, &tie)
                                                    : passes(c, casting, F, Y, 0, n - F - Y, &tie);
            if (ok)
                pass += p;
            if (dist_for)
                dist_for[F] += p;
        }
    *p_pass = pass;
    if (nvoters)
        *nvoters = n;
    free(cur);
    return 0;
}

double vote_simulate(const bs_council *c, const bs_stances *st, bs_ballot_kind kind, double (*uniform)(void *),
                     void *source, long draws)
{
    int n = 0;
    voter *v = expand(c, st, kind, &n);
    if (!v || draws <= 0) {
        free(v);
        return 0.0;
    }
    bs_position casting = casting_of(c, st);
    long passed = 0;
    for (long d = 0; d < draws; d++) {
        int cnt[4] = {0, 0, 0, 0};
        for (int i = 0; i < n; i++) {
            double u = uniform(source), acc = 0.0;
            int q = 3;
            for (int k = 0; k < 4; k++) {
                acc += v[i].p[k];
                if (u < acc) {
                    q = k;
                    break;
                }
            }
            cnt[q]++;
        }
        bool tie;
        passed += passes(c, casting, cnt[0], cnt[1], cnt[2], cnt[3], &tie);
    }
    free(v);
    return (double)passed / (double)draws;
}
