/* ballot.c - amendments, then the budget vote (see ballot.h).
 *
 * ballot_run() builds the budget as it stands, then for each amendment in
 * turn a candidate: the budget with the amendments passed so far and this
 * one; the council votes on it, and when it passes the candidate becomes the
 * budget on the table. The final budget then goes to the vote.
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
    int rc = source_build(src, all, n, sc, err);
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

/* Vote on each amendment of c in order, with cand as scratch. One that
 * passes is marked in passed and its budget becomes the one on the table
 * (out->final, final_result and stances). Returns 0, or -1 with err. */
static int vote_amendments(const bs_source *src, const bs_override *ov, int nov, const bs_council *c, bool *passed,
                           candidate *cand, bs_ballot *out, bs_error *err)
{
    for (int a = 0; a < c->namendments; a++) {
        if (load_amended(src, ov, nov, c, passed, a, cand->sc, cand->r, cand->st, err))
            return -1;
        amendment_stances(c, &c->amendments[a], &out->stances, cand->st, &out->amendment_stances[a]);
        vote_run(c, &out->amendment_stances[a], BS_BALLOT_AMENDMENT, &out->amendment_vote[a]);
        out->amendment_passed[a] = out->amendment_vote[a].passed;
        if (out->amendment_passed[a]) {
            passed[a] = true;
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

/* The vote on the budget on the table, and its exact probability of
 * passing. Returns 0, or -1 with err. */
static int vote_budget(const bs_source *src, bs_ballot *out, bs_error *err)
{
    vote_run(&out->final->chamber, &out->stances, BS_BALLOT_BUDGET, &out->vote);
    if (vote_exact(&out->final->chamber, &out->stances, BS_BALLOT_BUDGET, &out->p_pass, out->dist_for,
                   &out->nvoters) != 0)
        return out_of_memory(src, err);
    return 0;
}

/* The Monte Carlo check of the budget vote: draws draws from an mt19937
 * generator seeded with seed. Returns 0, or -1 with err. */
static int monte_carlo_check(const bs_source *src, long draws, unsigned long seed, bs_ballot *out, bs_error *err)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!r)
        return out_of_memory(src, err);
    gsl_rng_set(r, seed);
    out->have_monte_carlo = true;
    out->mc_draws = draws;
    out->mc_seed = seed;
    out->mc_p_pass = vote_monte_carlo(&out->final->chamber, &out->stances, BS_BALLOT_BUDGET, r, draws);
    out->mc_stderr = sqrt(out->mc_p_pass * (1.0 - out->mc_p_pass) / (double)draws);
    gsl_rng_free(r);
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
    candidate cand;
    int made = candidate_new(&cand);
    out->final = scenario_new();
    out->final_result = result_new();
    int rc = -1;
    if (made != 0 || !out->final || !out->final_result) {
        out_of_memory(src, err);
    } else {
        bool passed[BS_MAX_AMENDMENTS] = {false};
        out->namendments = c->namendments;
        /* The budget as it stands before any amendment, then the votes. */
        if (load_amended(src, overrides, noverrides, c, passed, -1, out->final, out->final_result, &out->stances,
                         err) == 0 &&
            vote_amendments(src, overrides, noverrides, c, passed, &cand, out, err) == 0 &&
            vote_budget(src, out, err) == 0 &&
            (mc_draws <= 0 || monte_carlo_check(src, mc_draws, mc_seed, out, err) == 0))
            rc = 0;
    }
    candidate_free(&cand);
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
