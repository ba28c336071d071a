/* ballot.c - amendments, then the budget vote (see ballot.h).
 *
 * ballot_run() builds the budget as it stands, then for each amendment in
 * turn a candidate: the budget with the amendments passed so far and this
 * one; the council votes on it, and when it passes the candidate becomes the
 * budget on the table. The final budget then goes to the vote.
 *
 * The exact odds of the whole meeting (meeting_exact) carry a probability
 * for each pattern of amendments passed so far (a bit mask), amendment by
 * amendment; each pattern's budget is built once (the memo, indexed by the
 * mask) and a ballot whose stances were seen before on the same council is
 * not counted again (a list of stances keys per ballot).
 *
 * This file may use: core/, load/, analyse/vote_mc.h, GSL and the C library. */
#include "analyse/ballot.h"

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyse/vote_mc.h"

/* Fill err for memory that could not be had, naming the scenario; -1. */
static int out_of_memory(const bs_source *src, bs_error *err)
{
    return bs_fail_status(err, BS_EXIT_ENV, source_path(src), 0, "", "out of memory");
}

/* Red lines crossed by a budget for one group or member. */
static int crossed_for(const bs_council *c, const bs_stances *st, int group, int member)
{
    int n = 0;
    for (int i = 0; i < c->nred_lines; i++)
        if (st->red_line_crossed[i] && c->red_lines[i].group_index == group && c->red_lines[i].member_index == member)
            n++;
    return n;
}

/* Positions on an amendment. A group listed in the amendment votes as
 * listed. Otherwise a group (or named member) with red lines votes for an
 * amendment that uncrosses one of them without crossing another, against
 * one that crosses a new one; everyone else follows the default: the mover
 * for, the others against. */
static void amendment_stances(const bs_council *c, const bs_amendment *am, const bs_stances *before,
                              const bs_stances *after, bs_stances *st)
{
    *st = *after;
    for (int g = 0; g < c->ngroups; g++) {
        bs_position p = g == am->mover_group ? BS_POS_FOR : BS_POS_AGAINST;
        const char *why = g == am->mover_group ? "mover" : "default";
        int b = crossed_for(c, before, g, -1), a = crossed_for(c, after, g, -1);
        if (g != am->mover_group && a != b) {
            p = a < b ? BS_POS_FOR : BS_POS_AGAINST;
            why = "red line";
        }
        if (am->group_vote[g] != BS_POS_WHIP) {
            p = am->group_vote[g];
            why = "listed";
        }
        st->group_why[g] = why;
        st->group_pos[g] = p;
        st->group_red_line[g] = -1;
    }
    for (int m = 0; m < c->nmembers; m++) {
        int b = crossed_for(c, before, -1, m), a = crossed_for(c, after, -1, m);
        bs_position p = c->members[m].vote == BS_POS_ABSENT ? BS_POS_ABSENT : BS_POS_WHIP;
        if (a < b)
            p = BS_POS_FOR;
        else if (a > b)
            p = BS_POS_AGAINST;
        st->member_pos[m] = p;
        st->member_red_line[m] = -1;
    }
}

/* Build the scenario from src (in memory) with the overrides plus the
 * changes of the amendments in include and of amendment extra (-1: none),
 * run the budget and read its red lines. Fills sc, r, st. Returns 0, or -1
 * with err. */
static int load_amended(const bs_source *src, const bs_override *ov, int nov, const bs_council *c,
                        const bool *include, int extra, bs_scenario *sc, bs_result *r, bs_stances *st, bs_error *err)
{
    bs_override *all = calloc((size_t)nov + BS_MAX_AMENDMENTS * BS_MAX_AMEND_SETS, sizeof *all);
    if (!all)
        return out_of_memory(src, err);
    int n = 0;
    for (int i = 0; i < nov; i++)
        all[n++] = ov[i];
    for (int a = 0; a < c->namendments; a++)
        if (include[a] || a == extra)
            for (int s = 0; s < c->amendments[a].nset; s++)
                all[n++].text = c->amendments[a].set[s];
    int rc = source_build_meeting(src, all, n, sc, err);
    free(all);
    if (rc != 0)
        return -1;
    budget_run(sc, r);
    bs_table t = {0};
    if (table_from_result(sc, r, &t) != 0) {
        table_free(&t);
        return out_of_memory(src, err);
    }
    vote_stances(&sc->chamber, &t, st);
    table_free(&t);
    return 0;
}

/* The amendment being voted on: the budget it would make (heap memory:
 * candidate_free). */
typedef struct {
    bs_scenario *sc;
    bs_result *r;
    bs_stances *st;
} candidate;

/* Allocate the parts of c. Returns 0, or -1 when out of memory (then
 * candidate_free frees what was made). */
static int candidate_new(candidate *c)
{
    c->sc = scenario_new();
    c->r = result_new();
    c->st = malloc(sizeof *c->st);
    return c->sc && c->r && c->st ? 0 : -1;
}

/* Free a budget and its result (either may be NULL), leaving both
 * pointers NULL. */
static void free_budget(bs_scenario **sc, bs_result **r)
{
    scenario_free(*sc);
    result_free(*r);
    *sc = NULL;
    *r = NULL;
}

/* Free the parts of c (any may be NULL). */
static void candidate_free(candidate *c)
{
    free_budget(&c->sc, &c->r);
    free(c->st);
}

/* ------------------------------------------------------------------ */
/* The memo of the meeting                                             */
/* ------------------------------------------------------------------ */

/* One ballot's exact result for a set of stances (and its voters, for the
 * Monte Carlo check). */
typedef struct ballot_memo {
    unsigned long long hash;
    unsigned char *key;          /* group and member positions */
    int keylen;
    double p;
    double *dist;                /* final ballots only: P(for = k) */
    int nvoters;
    bs_voters *voters;           /* when drawing */
    struct ballot_memo *next;
} ballot_memo;

/* One pattern of amendments passed: the budget it puts on the table. */
typedef struct {
    bs_stances st;               /* red lines read against it */
    bs_council *chamber;         /* its council, when amendments changed it; NULL: the meeting's */
    ballot_memo *amend[BS_MAX_AMENDMENTS]; /* the ballot on amendment a from this pattern */
    ballot_memo *final;          /* the final ballot on it */
    ballot_memo *own_final;      /* final when chamber is its own (not shared) */
} pattern;

typedef struct {
    const bs_source *src;
    const bs_override *ov;
    int nov;
    const bs_council *c;
    int k;                       /* amendments */
    pattern **memo;              /* [1 << k] */
    ballot_memo *amend_list[BS_MAX_AMENDMENTS];
    ballot_memo *final_list;
    bool draw;                   /* prepare voters for the Monte Carlo check */
    int builds;
    bs_scenario *sc;             /* scratch */
    bs_result *r;
} meeting;

static unsigned long long fnv(const unsigned char *p, int n)
{
    unsigned long long h = 1469598103934665603ULL;
    for (int i = 0; i < n; i++)
        h = (h ^ p[i]) * 1099511628211ULL;
    return h;
}

/* The key of stances st on council c: every group's and member's position. */
static int stances_key(const bs_council *c, const bs_stances *st, unsigned char *key)
{
    int n = 0;
    for (int g = 0; g < c->ngroups; g++)
        key[n++] = (unsigned char)st->group_pos[g];
    for (int m = 0; m < c->nmembers; m++)
        key[n++] = (unsigned char)st->member_pos[m];
    return n;
}

static void memo_list_free(ballot_memo *b)
{
    while (b) {
        ballot_memo *n = b->next;
        free(b->key);
        free(b->dist);
        vote_voters_free(b->voters);
        free(b);
        b = n;
    }
}

static void meeting_free(meeting *m)
{
    if (m->memo) {
        for (long i = 0; i < (1L << m->k); i++)
            if (m->memo[i]) {
                free(m->memo[i]->chamber);
                memo_list_free(m->memo[i]->own_final);
                free(m->memo[i]);
            }
        free(m->memo);
    }
    for (int a = 0; a < m->k; a++)
        memo_list_free(m->amend_list[a]);
    memo_list_free(m->final_list);
    scenario_free(m->sc);
    result_free(m->r);
}

/* Remember the budget of pattern mask, built in sc with stances st.
 * Returns the pattern, NULL when out of memory. */
static pattern *memo_put(meeting *m, unsigned mask, const bs_scenario *sc, const bs_stances *st)
{
    pattern *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->st = *st;
    if (memcmp(&sc->chamber, m->c, sizeof *m->c) != 0) {
        /* the amendments changed the council: vote with the changed one */
        p->chamber = malloc(sizeof *p->chamber);
        if (!p->chamber) {
            free(p);
            return NULL;
        }
        *p->chamber = sc->chamber;
    }
    m->memo[mask] = p;
    return p;
}

/* The pattern mask, built when not yet known. Returns NULL with err. */
static pattern *memo_get(meeting *m, unsigned mask, bs_error *err)
{
    if (m->memo[mask])
        return m->memo[mask];
    bool include[BS_MAX_AMENDMENTS] = {false};
    for (int a = 0; a < m->k; a++)
        include[a] = (mask >> a) & 1u;
    bs_stances *st = malloc(sizeof *st);
    if (!st) {
        out_of_memory(m->src, err);
        return NULL;
    }
    pattern *p = NULL;
    if (load_amended(m->src, m->ov, m->nov, m->c, include, -1, m->sc, m->r, st, err) == 0) {
        m->builds++;
        if (!(p = memo_put(m, mask, m->sc, st)))
            out_of_memory(m->src, err);
    }
    free(st);
    return p;
}

/* The exact result of a ballot with stances st on council c under spec sp,
 * from list when these stances were seen (list NULL: not shared). Returns
 * the memo (in *list), NULL with err. */
static ballot_memo *ballot_of(meeting *m, ballot_memo **list, const bs_council *c, const bs_stances *st,
                              const bs_ballot_spec *sp, bool final, bs_error *err)
{
    unsigned char key[BS_MAX_GROUPS + BS_MAX_MEMBERS];
    int n = stances_key(c, st, key);
    unsigned long long h = fnv(key, n);
    for (ballot_memo *b = *list; b; b = b->next)
        if (b->hash == h && b->keylen == n && memcmp(b->key, key, (size_t)n) == 0)
            return b;
    ballot_memo *b = calloc(1, sizeof *b);
    if (!b || !(b->key = malloc((size_t)n + 1)) || (final && !(b->dist = malloc(sizeof(double) * (BS_MAX_VOTERS + 1))))) {
        if (b) {
            free(b->key);
            free(b);
        }
        out_of_memory(m->src, err);
        return NULL;
    }
    memcpy(b->key, key, (size_t)n);
    b->keylen = n;
    b->hash = h;
    b->next = *list;
    *list = b;
    int rc = vote_exact_spec(c, st, sp, &b->p, b->dist, &b->nvoters);
    if (rc == -2) {
        bs_fail_status(err, BS_EXIT_INPUT, source_path(m->src), 0, "council.quorum",
                       "the quorum depends on who comes and more than %d members' votes are uncertain: too large "
                       "to count exactly (set council.quorum = 0, or fewer chances of absence)",
                       BS_EXACT3_MAX);
        return NULL;
    }
    if (rc != 0 || (m->draw && !(b->voters = vote_prepare(c, st, sp)))) {
        out_of_memory(m->src, err);
        return NULL;
    }
    return b;
}

/* The ballot on amendment a from pattern p (mask): its probability of
 * passing. Returns 0, or -1 with err. */
static int amendment_ballot(meeting *m, unsigned mask, int a, bs_error *err)
{
    pattern *before = memo_get(m, mask, err);
    if (!before)
        return -1;
    if (before->amend[a])
        return 0;
    pattern *after = memo_get(m, mask | 1u << a, err);
    if (!after)
        return -1;
    bs_stances *ast = malloc(sizeof *ast);
    if (!ast)
        return out_of_memory(m->src, err);
    amendment_stances(m->c, &m->c->amendments[a], &before->st, &after->st, ast);
    bs_ballot_spec sp;
    vote_spec_amendment(m->c, a, &sp);
    before->amend[a] = ballot_of(m, &m->amend_list[a], m->c, ast, &sp, false, err);
    free(ast);
    return before->amend[a] ? 0 : -1;
}

/* The final ballot on the budget of pattern mask. Returns 0, or -1 with err. */
static int final_ballot(meeting *m, unsigned mask, bs_error *err)
{
    pattern *p = memo_get(m, mask, err);
    if (!p)
        return -1;
    if (p->final)
        return 0;
    const bs_council *c = p->chamber ? p->chamber : m->c;
    bs_ballot_spec sp;
    vote_spec_budget(c, &sp);
    p->final = ballot_of(m, p->chamber ? &p->own_final : &m->final_list, c, &p->st, &sp, true, err);
    return p->final ? 0 : -1;
}

/* The exact odds of the whole meeting into out: each amendment's, a
 * budget's being adopted, and the final ballot's count for. prob[mask] is
 * the probability that the amendments voted so far passed as mask says.
 * Returns 0, or -1 with err. */
static int meeting_exact(meeting *m, bs_ballot *out, bs_error *err)
{
    long np = 1L << m->k;
    double *prob = calloc((size_t)np, sizeof *prob);
    if (!prob)
        return out_of_memory(m->src, err);
    prob[0] = 1.0;
    int rc = 0;
    for (int a = 0; a < m->k && rc == 0; a++) {
        double pa = 0.0;
        for (unsigned mask = 0; mask < (1u << a) && rc == 0; mask++) {
            if (prob[mask] <= 0.0)
                continue; /* a pattern that cannot happen is not built */
            if ((rc = amendment_ballot(m, mask, a, err)) != 0)
                break;
            double q = m->memo[mask]->amend[a]->p;
            pa += prob[mask] * q;
            prob[mask | 1u << a] = prob[mask] * q;
            prob[mask] *= 1.0 - q;
        }
        out->p_amendment[a] = pa;
    }
    double pass = 0.0;
    memset(out->dist_for, 0, sizeof out->dist_for);
    for (long mask = 0; mask < np && rc == 0; mask++) {
        if (prob[mask] <= 0.0)
            continue;
        if ((rc = final_ballot(m, (unsigned)mask, err)) != 0)
            break;
        const ballot_memo *f = m->memo[mask]->final;
        pass += prob[mask] * f->p;
        for (int k = 0; k <= f->nvoters; k++)
            out->dist_for[k] += prob[mask] * f->dist[k];
    }
    free(prob);
    out->p_pass = pass > 1.0 ? 1.0 : pass;
    out->builds = m->builds;
    return rc;
}

/* A uniform draw in [0, 1) from the GSL generator r. */
static double rng_uniform(void *r)
{
    return gsl_rng_uniform((gsl_rng *)r);
}

/* The Monte Carlo check of the whole meeting: draws draws from an mt19937
 * generator seeded with seed, each ballot drawn in turn on the budget the
 * draws so far put on the table. Every pattern a draw can reach has a
 * probability above 0, so meeting_exact has built it. Returns 0, or -1
 * with err. */
static int monte_carlo_check(meeting *m, long draws, unsigned long seed, bs_ballot *out, bs_error *err)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!r)
        return out_of_memory(m->src, err);
    gsl_rng_set(r, seed);
    long adopted = 0, passed[BS_MAX_AMENDMENTS] = {0};
    for (long d = 0; d < draws; d++) {
        unsigned mask = 0;
        for (int a = 0; a < m->k; a++)
            if (vote_draw(m->memo[mask]->amend[a]->voters, rng_uniform, r)) {
                mask |= 1u << a;
                passed[a]++;
            }
        adopted += vote_draw(m->memo[mask]->final->voters, rng_uniform, r);
    }
    gsl_rng_free(r);
    out->have_monte_carlo = true;
    out->mc_draws = draws;
    out->mc_seed = seed;
    out->mc_p_pass = (double)adopted / (double)draws;
    for (int a = 0; a < m->k; a++)
        out->mc_p_amendment[a] = (double)passed[a] / (double)draws;
    out->mc_stderr = sqrt(out->mc_p_pass * (1.0 - out->mc_p_pass) / (double)draws);
    (void)err;
    return 0;
}

/* Vote on each amendment of c in order, with cand as scratch: the tally of
 * each. One that passes is marked in passed and its budget becomes the one
 * on the table (out->final, final_result and stances). Each budget built is
 * remembered in m. Returns 0, or -1 with err. */
static int vote_amendments(meeting *m, const bs_council *c, bool *passed, candidate *cand, bs_ballot *out,
                           bs_error *err)
{
    unsigned mask = 0;
    for (int a = 0; a < c->namendments; a++) {
        unsigned cm = mask | 1u << a;
        if (load_amended(m->src, m->ov, m->nov, c, passed, a, cand->sc, cand->r, cand->st, err))
            return -1;
        m->builds++;
        if (!m->memo[cm] && !memo_put(m, cm, cand->sc, cand->st))
            return out_of_memory(m->src, err);
        amendment_stances(c, &c->amendments[a], &out->stances, cand->st, &out->amendment_stances[a]);
        bs_ballot_spec sp;
        vote_spec_amendment(c, a, &sp);
        vote_run_spec(c, &out->amendment_stances[a], &sp, &out->amendment_vote[a]);
        out->amendment_passed[a] = out->amendment_vote[a].passed;
        if (out->amendment_passed[a]) {
            passed[a] = true;
            mask = cm;
            /* The amended budget is now the one on the table. */
            bs_scenario *ts = out->final;
            bs_result *tr = out->final_result;
            out->final = cand->sc;
            out->final_result = cand->r;
            out->stances = *cand->st;
            cand->sc = ts;
            cand->r = tr;
        }
    }
    return 0;
}

bs_ballot *ballot_new(void)
{
    return calloc(1, sizeof(bs_ballot));
}

int ballot_run(const bs_source *src, const bs_override *overrides, int noverrides, const bs_scenario *sc,
               long mc_draws, unsigned long mc_seed, bs_ballot *out, bs_error *err)
{
    memset(out, 0, sizeof *out);
    const bs_council *c = &sc->chamber;
    meeting m = {.src = src, .ov = overrides, .nov = noverrides, .c = c, .k = c->namendments, .draw = mc_draws > 0};
    m.memo = calloc((size_t)1 << m.k, sizeof *m.memo);
    m.sc = scenario_new();
    m.r = result_new();
    candidate cand;
    int made = candidate_new(&cand);
    out->final = scenario_new();
    out->final_result = result_new();
    int rc = -1;
    if (made != 0 || !out->final || !out->final_result || !m.memo || !m.sc || !m.r) {
        out_of_memory(src, err);
    } else {
        bool passed[BS_MAX_AMENDMENTS] = {false};
        out->namendments = c->namendments;
        /* The budget as it stands before any amendment, then the votes. */
        if (load_amended(src, overrides, noverrides, c, passed, -1, out->final, out->final_result, &out->stances,
                         err) == 0 &&
            (m.builds++, memo_put(&m, 0, out->final, &out->stances) != NULL || out_of_memory(src, err) == 0) &&
            vote_amendments(&m, c, passed, &cand, out, err) == 0) {
            bs_ballot_spec sp;
            vote_spec_budget(&out->final->chamber, &sp);
            vote_run_spec(&out->final->chamber, &out->stances, &sp, &out->vote);
            out->adopted = out->vote.passed;
            out->nvoters = out->vote.nvoters;
            if (meeting_exact(&m, out, err) == 0 &&
                (mc_draws <= 0 || monte_carlo_check(&m, mc_draws, mc_seed, out, err) == 0))
                rc = 0;
        }
    }
    candidate_free(&cand);
    meeting_free(&m);
    if (rc != 0)
        ballot_clear(out);
    return rc;
}

void ballot_clear(bs_ballot *b)
{
    if (b)
        free_budget(&b->final, &b->final_result);
}

void ballot_free(bs_ballot *b)
{
    ballot_clear(b);
    free(b);
}
