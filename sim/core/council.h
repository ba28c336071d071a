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

typedef enum { BS_RULE_MAJORITY = 0, BS_RULE_AT_LEAST = 1 } bs_pass_rule;
typedef enum { BS_COUNT_VOTES_CAST = 0, BS_COUNT_PRESENT = 1, BS_COUNT_MEMBERS = 2 } bs_count_base;

/* The rule of one ballot (docs/meeting.md). majority: passes with more than
 * numerator/denominator of the count; at_least: with at least that share.
 * counted: what the share is of (votes cast = for + against; present = for +
 * against + abstaining; members = every voter, absent too). casting_vote: on
 * an equality of votes for and against the chair gives a second, casting
 * vote (Local Government Act 1972 Sch. 12 para 39(2)), which adds one to
 * for or against before the share is taken. A ballot whose denominator is 0
 * has no rule of its own and takes the council's (council.rule). */
typedef struct {
    bs_pass_rule type;
    int numerator, denominator;
    bs_count_base counted;
    bool casting_vote;
} bs_ballot_rule;

/* How the budget is decided: by the council's vote, or (an elected mayor's
 * executive) the mayor's budget stands unless the council overrides it. */
typedef enum { BS_PROCESS_COUNCIL = 0, BS_PROCESS_MAYOR = 1 } bs_process;

/* Chances of one group's members on one ballot (< 0: the group's own). */
typedef struct {
    double p_rebel, p_abstain, p_absent;
} bs_chances;

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
    /* the rule of this ballot, each field resolved at load: as written, else
     * the council's (under the mayor's process, the override's) */
    bs_ballot_rule rule;
    /* chances on this ballot, by group (amendments.*.chances) */
    char chances_text[BS_MAX_GROUPS * 3 * 64];
    bs_chances chances[BS_MAX_GROUPS];
    bool has_chances;
} bs_amendment;


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
    bool rule_casting_vote;       /* council.rule.casting_vote as read; resolved into casting_vote */
    /* the budget ballot's own rule, each field resolved at load (as written,
     * else the council's); denominator 0: the council's */
    bs_ballot_rule budget_rule;
    char budget_chances_text[BS_MAX_GROUPS * 3 * 64];
    bs_chances budget_chances[BS_MAX_GROUPS];
    bool has_budget_chances;
    /* the process: the council decides, or the mayor's budget stands unless
     * overridden by mayor_override's share (type at_least) of votes against */
    bs_process process;
    bs_ballot_rule mayor_override;
    bool mayor_is_member;         /* the elected mayor counts in the whole number for the quorum */
    /* quorum: members present (for, against, abstaining) needed to decide;
     * resolved at load (default a quarter of the whole number, rounded up,
     * LGA 1972 Sch. 12 para 6); 0: none */
    int quorum;
    /* red lines and amendments */
    int nred_lines;
    bs_red_line red_lines[BS_MAX_RED_LINES];
    int namendments;
    bs_amendment amendments[BS_MAX_AMENDMENTS];
} bs_council;

#endif
