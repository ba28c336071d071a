/* ballot.c - amendments, then the budget vote (see ballot.h). */
#include "analyse/ballot.h"

#include <gsl/gsl_rng.h>

#include "analyse/vote_mc.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

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

/* Load the scenario with overrides plus the given amendment changes, run the
 * budget and read its red lines. Fills sc, r, st. */
static int load_amended(const bs_source *src, const bs_override *ov, int nov, const bs_council *c,
                        const bool *include, int extra, bs_scenario *sc, bs_result *r, bs_stances *st, bs_error *err)
{
    bs_override *all = calloc((size_t)nov + BS_MAX_AMENDMENTS * BS_MAX_AMEND_SETS, sizeof *all);
    if (!all)
        return bs_fail_status(err, BS_EXIT_ENV, source_path(src), 0, "", "out of memory");
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
        return bs_fail_status(err, BS_EXIT_ENV, source_path(src), 0, "", "out of memory");
    }
    vote_stances(&sc->chamber, &t, st);
    table_free(&t);
    return 0;
}

int ballot_run(const bs_source *src, const bs_override *overrides, int noverrides, const bs_scenario *sc,
               long mc_draws, unsigned long mc_seed, bs_ballot *out, bs_error *err)
{
    memset(out, 0, sizeof *out);
    const bs_council *c = &sc->chamber;
    out->final = malloc(sizeof *out->final);
    out->final_result = malloc(sizeof *out->final_result);
    bs_scenario *cand = malloc(sizeof *cand);
    bs_result *cand_r = malloc(sizeof *cand_r);
    bs_stances *cand_st = malloc(sizeof *cand_st);
    int rc = -1;
    if (!out->final || !out->final_result || !cand || !cand_r || !cand_st) {
        bs_fail_status(err, BS_EXIT_ENV, source_path(src), 0, "", "out of memory");
        goto done;
    }
    bool passed[BS_MAX_AMENDMENTS] = {false};
    out->namendments = c->namendments;
    /* The budget as it stands before any amendment. */
    if (load_amended(src, overrides, noverrides, c, passed, -1, out->final, out->final_result, &out->stances, err))
        goto done;
    for (int a = 0; a < c->namendments; a++) {
        if (load_amended(src, overrides, noverrides, c, passed, a, cand, cand_r, cand_st, err))
            goto done;
        amendment_stances(c, &c->amendments[a], &out->stances, cand_st, &out->amendment_stances[a]);
        vote_run(c, &out->amendment_stances[a], BS_BALLOT_AMENDMENT, &out->amendment_vote[a]);
        out->amendment_passed[a] = out->amendment_vote[a].passed;
        if (out->amendment_passed[a]) {
            passed[a] = true;
            /* The amended budget is now the one on the table. */
            bs_scenario *ts = out->final;
            bs_result *tr = out->final_result;
            out->final = cand;
            out->final_result = cand_r;
            out->stances = *cand_st;
            cand = ts;
            cand_r = tr;
        }
    }
    vote_run(&out->final->chamber, &out->stances, BS_BALLOT_BUDGET, &out->vote);
    if (vote_exact(&out->final->chamber, &out->stances, BS_BALLOT_BUDGET, &out->p_pass, out->dist_for,
                   &out->nvoters) != 0) {
        bs_fail_status(err, BS_EXIT_ENV, source_path(src), 0, "", "out of memory");
        goto done;
    }
    if (mc_draws > 0) {
        gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
        if (!r) {
            bs_fail_status(err, BS_EXIT_ENV, source_path(src), 0, "", "out of memory");
            goto done;
        }
        gsl_rng_set(r, mc_seed);
        out->have_monte_carlo = true;
        out->mc_draws = mc_draws;
        out->mc_seed = mc_seed;
        out->mc_p_pass = vote_monte_carlo(&out->final->chamber, &out->stances, BS_BALLOT_BUDGET, r, mc_draws);
        out->mc_stderr = sqrt(out->mc_p_pass * (1.0 - out->mc_p_pass) / (double)mc_draws);
        gsl_rng_free(r);
    }
    rc = 0;
done:
    free(cand);
    free(cand_r);
    free(cand_st);
    if (rc != 0) {
        free(out->final);
        free(out->final_result);
        out->final = NULL;
        out->final_result = NULL;
    }
    return rc;
}

void ballot_free(bs_ballot *b)
{
    free(b->final);
    free(b->final_result);
    b->final = NULL;
    b->final_result = NULL;
}
