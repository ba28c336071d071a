/* meeting.c - the meeting as a stage of the pipeline: the overrides of the
 * budget it adopts (see meeting.h).
 *
 * This file may use: core/, load/, analyse/ and the C library. */
#include "analyse/meeting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool meeting_adopted(const bs_ballot *b)
{
    /* the final ballot passed (or the mayor's budget stood) at a quorate
     * meeting: ballot_run decides it (analyse/ballot.h) */
    return b->adopted;
}

/* Copy what the meeting decided out of b and c into m. */
static void take_outcome(const bs_council *c, const bs_ballot *b, bs_meeting *m)
{
    m->held = true;
    m->adopted = meeting_adopted(b);
    m->inquorate = !b->vote.quorate;
    m->overridden = b->vote.mayoral && !b->vote.passed && b->vote.quorate;
    memcpy(m->votes, b->vote.count, sizeof m->votes);
    m->namendments = c->namendments;
    for (int a = 0; a < c->namendments; a++) {
        m->carried[a] = b->amendment_passed[a];
        snprintf(m->id[a], sizeof m->id[a], "%s", c->amendments[a].id);
        snprintf(m->name[a], sizeof m->name[a], "%s", c->amendments[a].name);
    }
}

/* The overrides of the budget to work on: the user's, then, when a budget
 * is adopted and the caller wants it, each carried amendment's changes in
 * order (the order ballot_run lays them in). Returns 0, or -1 when out of
 * memory. */
static int list_overrides(const bs_override *ov, int nov, const bs_council *c, bs_meeting *m)
{
    bool amended = m->held && m->adopted && !m->as_proposed;
    m->overrides = calloc((size_t)nov + (amended ? BS_MAX_AMENDMENTS * BS_MAX_AMEND_SETS : 0) + 1,
                          sizeof *m->overrides);
    m->sets = amended ? calloc(BS_MAX_AMENDMENTS * BS_MAX_AMEND_SETS, sizeof *m->sets) : NULL;
    if (!m->overrides || (amended && !m->sets))
        return -1;
    for (int i = 0; i < nov; i++)
        m->overrides[m->noverrides++] = ov[i];
    for (int a = 0; amended && a < c->namendments; a++)
        for (int s = 0; m->carried[a] && s < c->amendments[a].nset; s++) {
            memcpy(m->sets[m->nsets], c->amendments[a].set[s], sizeof m->sets[m->nsets]);
            m->overrides[m->noverrides++].text = m->sets[m->nsets++];
        }
    return 0;
}

int meeting_hold(const bs_source *src, const bs_override *overrides, int noverrides, const bs_scenario *sc,
                 bool as_proposed, bs_ballot *ballot, bs_meeting *m, bs_error *err)
{
    memset(m, 0, sizeof *m);
    m->as_proposed = as_proposed;
    const bs_council *c = &sc->chamber;
    if (c->given) {
        bs_ballot *b = ballot ? ballot : ballot_new();
        if (!b)
            return bs_fail_status(err, BS_EXIT_ENV, source_path(src), 0, "", "out of memory");
        int rc = ballot_run(src, overrides, noverrides, sc, 0, 0, b, err);
        if (rc == 0)
            take_outcome(c, b, m);
        if (!ballot)
            ballot_free(b);
        if (rc != 0)
            return -1;
    }
    if (list_overrides(overrides, noverrides, c, m) != 0) {
        meeting_clear(m);
        if (ballot)
            ballot_clear(ballot);
        return bs_fail_status(err, BS_EXIT_ENV, source_path(src), 0, "", "out of memory");
    }
    return 0;
}

int meeting_said(const bs_meeting *m)
{
    return m && m->held && (m->namendments > 0 || !m->adopted);
}

int meeting_amended(const bs_meeting *m)
{
    return m && m->nsets > 0;
}

void meeting_clear(bs_meeting *m)
{
    if (!m)
        return;
    free(m->overrides);
    free(m->sets);
    m->overrides = NULL;
    m->sets = NULL;
    m->noverrides = m->nsets = 0;
}
