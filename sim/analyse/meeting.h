/* meeting.h - the council meeting as a stage of the pipeline: proposal,
 * amendments in order (each on the budget as amended so far), the
 * substantive vote, then the budget the meeting adopts, or none.
 *
 * Every command but `vote` works on the budget the meeting adopts when a
 * scenario holds amendments: meeting_hold() holds the meeting once (through
 * ballot_run, analyse/ballot.h) on the scenario as given (the file with the
 * user's --set), and hands back the overrides that build the budget to work
 * on: the user's, then the changes (`set`) of every amendment that carried,
 * in the order of the amendments, as ballot_run lays them. A command that
 * builds the budget many times (solve, sweep, sensitivity, montecarlo)
 * builds it from these overrides at every point: the meeting is not held
 * again at each point.
 *
 * When no budget is adopted (the final vote fails), or the caller asks for
 * the budget as proposed (--as-proposed), the overrides are the user's
 * alone: the budget before any amendment.
 *
 * A scenario without amendments (or without a council) holds no meeting
 * here: held is false and the overrides are the user's, so such a scenario
 * behaves exactly as it did before this stage existed.
 *
 * Memory: meeting_hold() puts heap memory in a meeting (the override list);
 * meeting_clear() frees it, not the meeting itself.
 *
 * This file may use: core/, load/, analyse/ and the C library. */
#ifndef BS_MEETING_H
#define BS_MEETING_H

#include <stdbool.h>

#include "analyse/ballot.h"

typedef struct {
    bool held;        /* the scenario has a council: the meeting decides the budget */
    bool adopted;     /* a budget was adopted (meeting_adopted of the ballot); false when not held */
    bool as_proposed; /* the caller asked for the budget before amendments */
    bool inquorate;   /* the final ballot found fewer members present than the quorum */
    bool overridden;  /* an elected mayor's budget, overridden by the council */
    int votes[4];     /* the final ballot: for, against, abstaining, absent */
    int namendments;
    bool carried[BS_MAX_AMENDMENTS];           /* amendment a carried */
    char id[BS_MAX_AMENDMENTS][BS_ID_MAX];     /* its key in the file */
    char name[BS_MAX_AMENDMENTS][BS_NAME_MAX]; /* its name */
    /* The overrides that build the budget to work on (heap memory:
     * meeting_clear): the user's, then, when a budget is adopted and not
     * as_proposed, the changes of each amendment carried, in order. The
     * user's texts are the caller's; the amendments' point into sets. */
    bs_override *overrides;
    int noverrides;
    char (*sets)[BS_SET_MAX]; /* copies of the carried amendments' changes (heap memory) */
    int nsets;
} bs_meeting;

/* Whether the meeting adopted a budget (b->adopted): the final vote
 * passed, or an elected mayor's budget stood, at a quorate meeting. */
bool meeting_adopted(const bs_ballot *b);

/* Hold the meeting for the scenario read into src with the user's
 * overrides (sc is that scenario, already built), as ballot_run does, when
 * sc has a council and amendments; fill *m (zeroed first) and, when ballot
 * is not NULL and the meeting is held, *ballot (ballot_clear). as_proposed:
 * the caller wants the budget before amendments (m->overrides are then the
 * user's). Returns 0, or -1 with err (nothing left to free in *m). */
int meeting_hold(const bs_source *src, const bs_override *overrides, int noverrides, const bs_scenario *sc,
                 bool as_proposed, bs_ballot *ballot, bs_meeting *m, bs_error *err);

/* 1 when m's overrides hold a carried amendment's change: the budget they
 * build is the one the meeting adopted and differs from the proposal. */
int meeting_amended(const bs_meeting *m);

/* 1 when the writers have something to say of the meeting: it was held and
 * had amendments, or it adopted no budget. A council with no amendments
 * that adopts its budget changes nothing shown. */
int meeting_said(const bs_meeting *m);

/* Free what meeting_hold() put in m (NULL is allowed), not m itself. */
void meeting_clear(bs_meeting *m);

#endif
