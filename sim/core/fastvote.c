/* fastvote.c - the vote in loops (see fastvote.h).
 *
 * This file may use: core/, the C library and libm (no files, no printing, no exit). */
#include "core/fastvote.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int fast_vote_init(bs_fast_vote *fv, const bs_scenario *sc, bool cache, bs_error *err)
{
    memset(fv, 0, sizeof *fv);
    fv->sc = sc;
    fv->cache = cache;
    const bs_council *c = &sc->chamber;
    if (c->nred_lines > 64)
        fv->cache = false; /* the pattern would not fit in the key */
    bs_result *r = malloc(sizeof *r);
    bs_table t = {0};
    if (!r)
        return bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    budget_run(sc, r);
    int rc = table_from_result(sc, r, &t) == 0 ? 0 : bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    for (int i = 0; rc == 0 && i < c->nred_lines; i++) {
        fv->offset[i] = table_offset(&t, c->red_lines[i].metric);
        fv->year_index[i] = c->red_lines[i].year - sc->first_year;
        /* reserves.ID.planned_m is computed (the reserve movements summed),
         * cheaply enough to do here rather than through a table */
        fv->planned_reserve[i] = -1;
        for (int k = 0; fv->offset[i] < 0 && k < sc->nreserves; k++) {
            char key[BS_ID_MAX + 32];
            snprintf(key, sizeof key, "reserves.%s.planned_m", sc->reserves[k].id);
            if (strcmp(key, c->red_lines[i].metric) == 0)
                fv->planned_reserve[i] = k;
        }
    }
    for (int m = 0; m < sc->nmeasures; m++)
        if (sc->measures[m].type == BS_RESERVE_MOVE) {
            int k = sc->measures[m].reserve_index;
            fv->moves[k][fv->nmoves[k]++] = (unsigned char)m;
        }
    table_free(&t);
    free(r);
    return rc;
}

/* reserves.ID.planned_m of reserve k in year index t: its movements' rows
 * summed in the measures' order. */
static double planned_m(const bs_fast_vote *fv, const bs_result *r, int k, int t)
{
    double v = 0.0;
    for (int j = 0; j < fv->nmoves[k]; j++)
        v += r->measure_m[fv->moves[k][j]][t];
    return v;
}

/* Red lines read from r; builds a table only for a red line on a computed row. */
static int stances(bs_fast_vote *fv, const bs_result *r)
{
    const bs_council *c = &fv->sc->chamber;
    bs_stances *st = &fv->st;
    int slow = 0;
    for (int i = 0; i < c->nred_lines; i++)
        slow |= fv->offset[i] < 0 && fv->planned_reserve[i] < 0;
    if (slow) {
        bs_table t = {0};
        if (table_from_result(fv->sc, r, &t) != 0) {
            table_free(&t);
            return -1;
        }
        vote_stances(c, &t, st);
        table_free(&t);
        return 0;
    }
    double value[BS_MAX_RED_LINES];
    unsigned char known[BS_MAX_RED_LINES];
    for (int i = 0; i < c->nred_lines; i++) {
        if (fv->offset[i] >= 0) {
            value[i] = ((const double *)((const char *)r + fv->offset[i]))[fv->year_index[i]];
        } else {
            value[i] = planned_m(fv, r, fv->planned_reserve[i], fv->year_index[i]);
        }
        known[i] = 1;
    }
    vote_stances_from(c, value, known, st);
    return 0;
}

/* The red lines' values read straight from r into value, or 0 when one
 * needs a table (a computed row). */
static int fast_values(const bs_fast_vote *fv, const bs_result *r, double *value)
{
    const bs_council *c = &fv->sc->chamber;
    for (int i = 0; i < c->nred_lines; i++) {
        if (fv->offset[i] >= 0) {
            value[i] = ((const double *)((const char *)r + fv->offset[i]))[fv->year_index[i]];
        } else if (fv->planned_reserve[i] >= 0) {
            value[i] = planned_m(fv, r, fv->planned_reserve[i], fv->year_index[i]);
        } else {
            return 0;
        }
    }
    return 1;
}

/* The memo's entry for the pattern of red lines crossed by these values, or
 * -1. Whether a red line is crossed is worked out as vote_stances_from does
 * (vote.c), every value known. */
static int memo_find(const bs_fast_vote *fv, const double *value)
{
    const bs_council *c = &fv->sc->chamber;
    unsigned long long key = 0;
    for (int i = 0; i < c->nred_lines && i < 64; i++) {
        const bs_red_line *rl = &c->red_lines[i];
        double v = value[i];
        int crossed = (rl->has_above && v > rl->above + 1e-9) || (rl->has_below && v < rl->below - 1e-9);
        key |= (unsigned long long)crossed << i;
    }
    for (int k = 0; k < fv->nmemo; k++)
        if (fv->memo_key[k] == key)
            return k;
    return -1;
}

int fast_vote_eval(bs_fast_vote *fv, const bs_result *r, bool *passed, int count[4], double *p_pass)
{
    const bs_council *c = &fv->sc->chamber;
    /* a pattern met before: no stances to work out */
    double value[BS_MAX_RED_LINES];
    int hit;
    if (fv->cache && fv->nmemo > 0 && fast_values(fv, r, value) && (hit = memo_find(fv, value)) >= 0) {
        *passed = fv->memo_passed[hit];
        *p_pass = fv->memo_p[hit];
        memcpy(count, fv->memo_count[hit], sizeof fv->memo_count[hit]);
        return 0;
    }
    if (stances(fv, r) != 0)
        return -1;
    unsigned long long key = 0;
    for (int i = 0; i < c->nred_lines && i < 64; i++)
        key |= (unsigned long long)fv->st.red_line_crossed[i] << i;
    if (fv->cache)
        for (int k = 0; k < fv->nmemo; k++)
            if (fv->memo_key[k] == key) {
                *passed = fv->memo_passed[k];
                *p_pass = fv->memo_p[k];
                memcpy(count, fv->memo_count[k], sizeof fv->memo_count[k]);
                return 0;
            }
    bs_vote_result *v = malloc(sizeof *v);
    if (!v)
        return -1;
    vote_run(c, &fv->st, BS_BALLOT_BUDGET, v);
    double p;
    int n;
    if (vote_exact(c, &fv->st, BS_BALLOT_BUDGET, &p, NULL, &n) != 0) {
        free(v);
        return -1;
    }
    *passed = v->passed;
    *p_pass = p;
    memcpy(count, v->count, sizeof v->count);
    if (fv->cache && fv->nmemo < BS_FAST_VOTE_MEMO) {
        int k = fv->nmemo++;
        fv->memo_key[k] = key;
        fv->memo_passed[k] = v->passed;
        fv->memo_p[k] = p;
        memcpy(fv->memo_count[k], v->count, sizeof v->count);
    }
    free(v);
    return 0;
}
