/* council.h - the council that votes on a budget: seats, groups, whips,
 * members, red lines tied to the budget, the mayor, the chair, the rule to
 * pass, and amendments. Part of bs_scenario (scenario.h).
 *
 * This file may use: core/, the C library and libm (no files, no printing, no exit). */
#ifndef BS_COUNCIL_H
#define BS_COUNCIL_H

#include <stdbool.h>

#include "core/util.h"

#define BS_MAX_GROUPS 32      /* political groups */
#define BS_MAX_MEMBERS 500    /* named members */
#define BS_MAX_SEATS 1000     /* seats in a council */
#define BS_MAX_RED_LINES 64   /* red lines, over all groups and members */
#define BS_MAX_AMENDMENTS 16  /* amendments voted before the budget */
#define BS_MAX_AMEND_SETS 16  /* changes one amendment makes */
#define BS_SET_MAX 300        /* one change, "path=value", including the NUL */
#define BS_COLOUR_MAX 16      /* "#rrggbb" */

/* How someone votes, or is told to. */
typedef enum {
    BS_POS_FOR = 0,
    BS_POS_AGAINST = 1,
    BS_POS_ABSTAIN = 2,
    BS_POS_ABSENT = 3,
    BS_POS_FREE = 4,  /* a whip: a free vote */
    BS_POS_WHIP = 5   /* a member: as the group votes */
} bs_position;

typedef struct {
    char id[BS_ID_MAX];
    char name[BS_NAME_MAX];
    int seats;                    /* members of the group */
    char colour[BS_COLOUR_MAX];   /* for charts, "#rrggbb" */
    bs_position whip;             /* for, against, abstain or free */
    double free_for_pct;          /* free vote: share of members voting for */
    int absent, abstain, rebels;  /* unnamed members who are absent, abstain, rebel */
    bs_position rebels_vote;      /* how rebels vote; BS_POS_WHIP: the opposite of the whip */
    double p_rebel, p_abstain, p_absent; /* chances for each member who follows the whip */
} bs_group;

typedef struct {
    char id[BS_ID_MAX];
    char name[BS_NAME_MAX];
    char ward[BS_NAME_MAX];
    char group[BS_ID_MAX];
    int group_index;
    bs_position vote;             /* BS_POS_WHIP: as the group votes */
    double p_rebel, p_abstain, p_absent; /* < 0: the group's */
} bs_member;

typedef struct {
    char id[BS_ID_MAX];
    char who[BS_ID_MAX];            /* a group id or a member id */
    int group_index, member_index;/* exactly one is >= 0 */
    char metric[200];             /* a row key of the budget tables, e.g. "council_tax.rise_pct" */
    int year;                     /* financial year it is read in */
    bool has_above, has_below;
    double above, below;          /* triggered when the value is above / below these */
    bs_position vote;             /* what a triggered red line makes them do */
    char file[BS_FILE_MAX];             /* where it was written, for messages */
    int line;
} bs_red_line;

typedef struct {
    char id[BS_ID_MAX];
    char name[BS_NAME_MAX];
    char moved_by[BS_ID_MAX];       /* group id */
    int mover_group;
    int nset;
    char set[BS_MAX_AMEND_SETS][BS_SET_MAX]; /* changes, as --set path=value */
    char set_text[BS_MAX_AMEND_SETS * BS_SET_MAX];   /* as read: entries joined by newlines */
    char groups_for[BS_MAX_GROUPS * BS_ID_MAX];        /* as read: group ids joined by newlines */
    char groups_against[BS_MAX_GROUPS * BS_ID_MAX];
    char groups_abstain[BS_MAX_GROUPS * BS_ID_MAX];
    /* group positions on the amendment: BS_POS_WHIP = the default (the mover
     * for, others against, unless their red lines say otherwise) */
    bs_position group_vote[BS_MAX_GROUPS];
    char set_file[BS_FILE_MAX];           /* where `set` was written, for messages */
    int set_line;
} bs_amendment;

typedef enum { BS_RULE_MAJORITY = 0, BS_RULE_AT_LEAST = 1 } bs_pass_rule;
typedef enum { BS_COUNT_VOTES_CAST = 0, BS_COUNT_PRESENT = 1, BS_COUNT_MEMBERS = 2 } bs_count_base;

typedef struct {
    bool given;                   /* the scenario has a council part */
    int seats;                    /* councillors, not counting an elected mayor */
    int ngroups;
    bs_group groups[BS_MAX_GROUPS];
    int nmembers;
    bs_member members[BS_MAX_MEMBERS];
    /* elected mayor */
    bool has_mayor;
    char mayor_name[BS_NAME_MAX];
    char mayor_group[BS_ID_MAX];
    int mayor_group_index;        /* -1: none */
    bool mayor_votes;
    bs_position mayor_vote;       /* BS_POS_WHIP: as the mayor's group */
    /* chair */
    char chair_group[BS_ID_MAX];
    int chair_group_index;        /* -1: no casting vote from a group */
    bool casting_vote;            /* the chair settles a tie */
    bs_position casting;          /* BS_POS_WHIP: as the chair's group votes */
    /* rule */
    bs_pass_rule rule;
    int numerator, denominator;   /* the share: 1/2 for a majority, 2/3 ... */
    bs_count_base counted;        /* what the share is of */
    /* red lines and amendments */
    int nred_lines;
    bs_red_line red_lines[BS_MAX_RED_LINES];
    int namendments;
    bs_amendment amendments[BS_MAX_AMENDMENTS];
} bs_council;

#endif
