/* schema.c - the settings table (see schema.h).
 *
 * This file may use: core/, the C library and libm (no files, no printing, no exit). */
#include "core/schema.h"

#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOP(f) BS_IN_TOP, 0, offsetof(bs_scenario, f)
#define SRV(f) BS_IN_SERVICE, 0, offsetof(bs_service, f)
#define FND(f) BS_IN_FUNDING, 0, offsetof(bs_funding, f)
#define EAR(f) BS_IN_EARMARKED, 0, offsetof(bs_reserve, f)
#define MEA(mask, f) BS_IN_MEASURE, (mask), offsetof(bs_measure, f)
#define GRP(f) BS_IN_GROUP, 0, offsetof(bs_group, f)
#define MEM(f) BS_IN_MEMBER, 0, offsetof(bs_member, f)
#define RL(f) BS_IN_RED_LINE, 0, offsetof(bs_red_line, f)
#define AMD(f) BS_IN_AMENDMENT, 0, offsetof(bs_amendment, f)
#define UNC(f) BS_IN_UNCERTAINTY, 0, offsetof(bs_uncertainty, f)
#define CH(f) BS_IN_TOP, 0, offsetof(bs_scenario, chamber.f)
#define SZ(type, f) sizeof(((type *)0)->f)

#define M_SAV (1u << BS_SAVING)
#define M_CHG (1u << BS_CHARGE)
#define M_RES (1u << BS_RESERVE_MOVE)
#define M_ALL BS_MEASURE_ALL

#define BIG 1e6      /* £1 trillion in £m: no council comes near */
#define REQ BS_F_REQUIRED

const bs_setting_def bs_settings[] = {
    /* ---- identity ---- */
    {"scenario.name", BS_T_STR, TOP(name), SZ(bs_scenario, name), 0, REQ, 0, 0, 0, NULL, "text",
     "Title of the scenario, used in headings and charts.", NULL},
    {"scenario.label", BS_T_STR, TOP(label), SZ(bs_scenario, label), 0, 0, 0, 0, 0, "file name", "text",
     "Short label for table columns (at most 63 characters).", NULL},
    {"scenario.council", BS_T_STR, TOP(council), SZ(bs_scenario, council), 0, 0, 0, 0, 0, "\"\"", "text",
     "Name of the council.", NULL},
    {"scenario.description", BS_T_STR, TOP(description), SZ(bs_scenario, description), 0, 0, 0, 0, 0,
     "\"\"", "text", "A sentence or two on what the scenario is.", NULL},

    /* ---- horizon ---- */
    {"horizon.first_year", BS_T_INT, TOP(first_year), 0, 0, REQ, 1900, 2200, 0, NULL, "year",
     "First financial year modelled, by the calendar year it starts in (2022 means 2022/23).", NULL},
    {"horizon.years", BS_T_INT, TOP(nyears), 0, 0, REQ, 1, BS_MAX_YEARS, 0, NULL, "years",
     "Number of years modelled.", NULL},

    /* ---- council tax ---- */
    {"council_tax.band_d_previous_pounds", BS_T_NUM, TOP(band_d_previous_pounds), 0, 0,
     REQ | BS_F_MIN_OPEN, 0, 100000, 0, NULL, "£",
     "Band D council tax (this council's element) in the year before the first year.", NULL},
    {"council_tax.core_rise_pct", BS_T_SERIES1, TOP(core_rise_pct), 0, 0, REQ, -50, 100, 0, NULL, "%",
     "Core council tax rise in each year.", NULL},
    {"council_tax.asc_precept_pct", BS_T_SERIES1, TOP(asc_precept_pct), 0, 0, 0, 0, 100, 0, "0", "%",
     "Adult social care precept added in each year, on top of the core rise.", NULL},
    {"council_tax.tax_base", BS_T_NUM, TOP(tax_base), 0, 0, REQ | BS_F_MIN_OPEN, 0, 1e8, 0, NULL,
     "Band D equivalents", "Tax base in the first year: the number of Band D equivalent homes.", NULL},
    {"council_tax.tax_base_growth_pct", BS_T_SERIES2, TOP(tax_base_growth_pct), 0, 0, 0, -50, 100, 0,
     "0", "%", "Growth of the tax base into each year after the first.", NULL},
    {"council_tax.collection_rate_pct", BS_T_NUM, TOP(collection_rate_pct), 0, 0, BS_F_MIN_OPEN, 0, 100,
     100, "100", "%",
     "Share of the tax due that is collected. Use 100 when the tax base is already net of losses.", NULL},
    {"council_tax.other_precepts_pounds", BS_T_NUM, TOP(other_precepts_pounds), 0, 0, 0, 0, 100000, 0,
     "0", "£", "Other precepts on a Band D bill in the first year (police, fire, combined authority, parish).", NULL},
    {"council_tax.other_precepts_growth_pct", BS_T_SERIES2, TOP(other_precepts_growth_pct), 0, 0, 0, -50,
     100, 0, "0", "%", "Growth of the other precepts into each year after the first.", NULL},

    /* ---- referendum ---- */
    {"referendum.core_limit_pct", BS_T_SERIES1, TOP(core_limit_pct), 0, 0, 0, 0, 100, 2, "2", "%",
     "A core rise at or above this percentage is excessive and needs a referendum (England 2022/23: 2). "
     "With core_limit_pounds it must also add more than that to Band D: the limit is whichever is higher. "
     "0 with a £ limit: the £ limit alone.", NULL},
    {"referendum.core_limit_pounds", BS_T_SERIES1, TOP(core_limit_pounds), 0, 0, 0, 0, 100000, 0, "0", "£",
     "A core rise that adds more than this to Band D (this council's element, without other precepts, "
     "on the modelled Band D of the year before) is excessive when it is also at or above core_limit_pct "
     "(shire districts 2022/23: 2% or more and more than £5). 0: no £ limit.", NULL},
    {"referendum.asc_limit_pct", BS_T_SERIES1, TOP(asc_limit_pct), 0, 0, 0, 0, 100, 1, "1", "%",
     "Largest adult social care precept allowed in each year, before any unused allowance carried in "
     "(England 2022/23: 1).", NULL},
    {"referendum.asc_unused_before_pct", BS_T_NUM, TOP(asc_unused_before_pct), 0, 0, 0, 0, 100, 0, "0", "%",
     "Adult social care precept allowance left unused before the first year and added to its limit "
     "(2022/23: any unused 2021/22 flexibility). The year's principles say whether there is any.", NULL},
    {"referendum.asc_carry_forward", BS_T_BOOL, TOP(asc_carry_forward), 0, 0, 0, 0, 1, 0, "false", "",
     "When true, the allowance a year leaves unused (its limit, plus what it carried in, less its precept) "
     "is added to the next year's limit. The principles decide this year by year; it is a setting.", NULL},

    /* ---- rules ---- */
    {"rules.balanced_years", BS_T_INT, TOP(balanced_years), 0, 0, 0, 1, BS_MAX_YEARS, 1, "1", "years",
     "How many years from the first must balance. The law requires the budget year; later years are "
     "reported as gaps still to close.", NULL},
    {"rules.cover_unclosed_gaps", BS_T_BOOL, TOP(cover_unclosed_gaps), 0, 0, 0, 0, 1, 0, "false", "",
     "When true, a gap left after measures is met by an unplanned draw on the general reserve, "
     "showing how long reserves would last.", NULL},

    /* ---- reserves ---- */
    {"reserves.general.name", BS_T_STR, TOP(reserves[0].name), SZ(bs_reserve, name), 0, 0, 0, 0, 0,
     "\"General reserve\"", "text", "Name of the general reserve.", NULL},
    {"reserves.general.opening_m", BS_T_NUM, TOP(reserves[0].opening_m), 0, 0, REQ, 0, BIG, 0, NULL, "£m",
     "General reserve at the start of the first year.", NULL},
    {"reserves.general.minimum_m", BS_T_NUM, TOP(reserves[0].minimum_m), 0, 0, 0, 0, BIG, 0, "0", "£m",
     "Lowest prudent level of the general reserve; falling below it breaks a rule.", NULL},
    {"reserves.earmarked.*.name", BS_T_STR, EAR(name), SZ(bs_reserve, name), 0, REQ, 0, 0, 0, NULL, "text",
     "Name of an earmarked reserve.", NULL},
    {"reserves.earmarked.*.opening_m", BS_T_NUM, EAR(opening_m), 0, 0, REQ, 0, BIG, 0, NULL, "£m",
     "Balance at the start of the first year.", NULL},
    {"reserves.earmarked.*.minimum_m", BS_T_NUM, EAR(minimum_m), 0, 0, 0, 0, BIG, 0, "0", "£m",
     "Level it should not fall below.", NULL},

    /* ---- services ---- */
    {"services.*.name", BS_T_STR, SRV(name), SZ(bs_service, name), 0, REQ, 0, 0, 0, NULL, "text",
     "Name of the service line.", NULL},
    {"services.*.net_m", BS_T_NUM, SRV(net_m), 0, 0, REQ, -BIG, BIG, 0, NULL, "£m",
     "Net spending in the first year, before any saving in measures.", NULL},
    {"services.*.growth_pct", BS_T_SERIES2, SRV(growth_pct), 0, 0, 0, -50, 100, 0, "0", "%",
     "Growth into each year after the first: pay and price inflation plus demand.", NULL},
    {"services.*.statutory", BS_T_BOOL, SRV(statutory), 0, 0, 0, 0, 1, 0, "false", "",
     "Whether the council has a legal duty to provide it.", NULL},

    /* ---- funding ---- */
    {"funding.*.name", BS_T_STR, FND(name), SZ(bs_funding, name), 0, REQ, 0, 0, 0, NULL, "text",
     "Name of a funding stream besides council tax (business rates, a grant).", NULL},
    {"funding.*.amount_m", BS_T_NUM, FND(amount_m), 0, 0, REQ, 0, BIG, 0, NULL, "£m",
     "Amount in the first year.", NULL},
    {"funding.*.growth_pct", BS_T_SERIES2, FND(growth_pct), 0, 0, 0, -50, 100, 0, "0", "%",
     "Growth into each year after the first.", NULL},
    {"funding.*.last_year", BS_T_INT, FND(last_year), 0, 0, 0, 1900, 2200, 0, "none", "year",
     "Last financial year the stream is received (a one-off grant: the first year).", NULL},

    /* ---- measures ---- */
    {"measures.*.type", BS_T_ENUM, MEA(M_ALL, type), 0, 0, REQ, 0, 0, 0, NULL, "",
     "What the measure is: a saving on a line, a charge to households, or a reserve movement.",
     "saving|charge|reserve"},
    {"measures.*.name", BS_T_STR, MEA(M_ALL, name), SZ(bs_measure, name), 0, REQ, 0, 0, 0, NULL, "text",
     "Name of the measure.", NULL},
    {"measures.*.enabled", BS_T_BOOL, MEA(M_ALL, enabled), 0, 0, 0, 0, 1, 1, "true", "",
     "false keeps the measure in the file but does not apply it (how an alternative drops a cut).", NULL},
    {"measures.*.start_year", BS_T_INT, MEA(M_ALL, start_year), 0, 0, 0, 1900, 2200, 0, "first year",
     "year", "Financial year the measure starts; must be within the horizon.", NULL},
    {"measures.*.line", BS_T_ID, MEA(M_SAV | M_CHG, line), SZ(bs_measure, line), 0, 0, 0, 0, 0, "none",
     "service id", "Service line the saving comes from or the charge belongs to. A saving on a line "
     "grows with that line after it starts.", NULL},
    {"measures.*.amount_m", BS_T_NUM, MEA(M_SAV, amount_m), 0, 0, REQ, 0, BIG, 0, NULL, "£m",
     "Saving: full-year amount at start-year prices.", NULL},
    {"measures.*.recurring", BS_T_BOOL, MEA(M_SAV, recurring), 0, 0, 0, 0, 1, 1, "true", "",
     "Saving: true if it lasts every year from the start, false for one year only.", NULL},
    {"measures.*.phasing_pct", BS_T_LIST, MEA(M_SAV, phasing_pct), 0, offsetof(bs_measure, nphasing), 0,
     0, 100, 100, "[100]", "%",
     "Saving: cumulative share delivered in the first, second, ... year from the start; the last "
     "entry holds after.", NULL},
    {"measures.*.at_risk_pct", BS_T_NUM, MEA(M_SAV, at_risk_pct), 0, 0, 0, 0, 100, 0, "0", "%",
     "Saving: share expected not to be delivered.", NULL},
    {"measures.*.price_pounds", BS_T_SERIES1, MEA(M_CHG, price_pounds), 0, 0, REQ, 0, 1e6, 0, NULL, "£",
     "Charge: price per household per year, in each year. 0 means no charge that year.", NULL},
    {"measures.*.households", BS_T_NUM, MEA(M_CHG, households), 0, 0, REQ, 0, 1e8, 0, NULL, "households",
     "Charge: households who could pay it, in the start year.", NULL},
    {"measures.*.households_growth_pct", BS_T_SERIES2, MEA(M_CHG, households_growth_pct), 0, 0, 0, -50,
     100, 0, "0", "%", "Charge: growth of eligible households into each later year.", NULL},
    {"measures.*.take_up_pct", BS_T_NUM, MEA(M_CHG, take_up_pct), 0, 0, REQ, 0, 100, 0, NULL, "%",
     "Charge: share of eligible households who pay at the reference price.", NULL},
    {"measures.*.reference_price_pounds", BS_T_NUM, MEA(M_CHG, reference_price_pounds), 0, 0,
     BS_F_MIN_OPEN, 0, 1e6, 0, "start-year price", "£", "Charge: price at which take_up_pct was observed or estimated.",
     NULL},
    {"measures.*.elasticity", BS_T_NUM, MEA(M_CHG, elasticity), 0, 0, 0, -10, 0, 0, "0", "",
     "Charge: take-up = take_up_pct x (price / reference price) ^ elasticity, at most 100%.", NULL},
    {"measures.*.running_cost_m", BS_T_SERIES1, MEA(M_CHG, running_cost_m), 0, 0, 0, 0, BIG, 0, "0", "£m",
     "Charge: cost of running it in each year it is levied.", NULL},
    {"measures.*.reserve", BS_T_ID, MEA(M_RES, reserve), SZ(bs_measure, reserve), 0, 0, 0, 0, 0,
     "\"general\"", "reserve id", "Reserve movement: \"general\" or the id of an earmarked reserve.", NULL},
    {"measures.*.amount_m", BS_T_SERIES1, MEA(M_RES, reserve_m), 0, 0, REQ, -BIG, BIG, 0, NULL, "£m",
     "Reserve movement in each year from start_year (a list starts at the first year of the horizon): "
     "positive puts money in (it is spending in the budget), negative is a planned draw (it funds the "
     "budget).", NULL},
    /* ---- the council and its vote ---- */
    {"council.seats", BS_T_INT, CH(seats), 0, 0, REQ, 1, BS_MAX_SEATS, 0, NULL, "members",
     "Councillors, not counting an elected mayor. The groups' seats must add up to it. Required when "
     "there is a council part.", NULL},
    {"council.mayor.name", BS_T_STR, CH(mayor_name), SZ(bs_council, mayor_name), 0, 0, 0, 0, 0, "\"\"", "text",
     "Name of the directly elected mayor; setting any mayor setting means there is one.", NULL},
    {"council.mayor.group", BS_T_ID, CH(mayor_group), SZ(bs_council, mayor_group), 0, 0, 0, 0, 0, "none",
     "group id", "The mayor's group.", NULL},
    {"council.mayor.votes", BS_T_BOOL, CH(mayor_votes), 0, 0, 0, 0, 1, 0, "false", "",
     "Whether the mayor votes at full council.", NULL},
    {"council.mayor.vote", BS_T_ENUM, CH(mayor_vote), 0, 0, 0, 0, 0, BS_POS_WHIP, "\"group\"", "",
     "How the mayor votes: as the mayor's group (for, when none), or as stated.",
     "for|against|abstain|absent|-|group"},
    {"council.chair.group", BS_T_ID, CH(chair_group), SZ(bs_council, chair_group), 0, 0, 0, 0, 0, "none",
     "group id", "The chair's group (the Lord Mayor's).", NULL},
    {"council.chair.casting_vote", BS_T_BOOL, CH(casting_vote), 0, 0, 0, 0, 1, 1, "true", "",
     "Whether the chair has a casting vote (the default of council.rule.casting_vote).", NULL},
    {"council.chair.casting", BS_T_ENUM, CH(casting), 0, 0, 0, 0, 0, BS_POS_WHIP, "\"group\"", "",
     "How the casting vote goes: as the chair's group votes, or as stated.", "for|against|-|-|-|group"},
    {"council.rule.type", BS_T_ENUM, CH(rule), 0, 0, 0, 0, 0, 0, "\"majority\"", "",
     "The council's rule, which every ballot takes unless it has its own. majority: passes with more than "
     "numerator/denominator of the count; at_least: with at least that share. On an equality of votes for and "
     "against the chair's casting vote is added first (council.rule.casting_vote).", "majority|at_least"},
    {"council.rule.numerator", BS_T_INT, CH(numerator), 0, 0, 0, 1, 1000, 1, "1", "",
     "The share needed, over denominator: 1/2 for a majority, 2/3 for two thirds.", NULL},
    {"council.rule.denominator", BS_T_INT, CH(denominator), 0, 0, 0, 1, 1000, 2, "2", "",
     "See numerator.", NULL},
    {"council.rule.counted", BS_T_ENUM, CH(counted), 0, 0, 0, 0, 0, 0, "\"votes_cast\"", "",
     "What the share is of: votes_cast (for + against: the members present and voting), present (for + "
     "against + abstaining: an abstention counts like a vote against; absent members are not present), "
     "members (every voter: absence counts against too).",
     "votes_cast|present|members"},
    {"council.rule.casting_vote", BS_T_BOOL, CH(rule_casting_vote), 0, 0, 0, 0, 1, 1, "council.chair.casting_vote",
     "", "Whether the chair gives a second, casting vote on an equality of votes for and against (Local "
     "Government Act 1972 Sch. 12 para 39(2)); it is added to its side before the share is taken. Every ballot "
     "takes it unless its own rule says otherwise.", NULL},
    {"council.budget_rule.type", BS_T_ENUM, CH(budget_rule.type), 0, 0, 0, 0, 0, 0, "council.rule.type", "",
     "The budget ballot's own rule, when it differs from the council's (each field defaults to council.rule's). "
     "Not with council.process = \"mayor\", whose budget ballot takes council.mayor.override.",
     "majority|at_least"},
    {"council.budget_rule.numerator", BS_T_INT, CH(budget_rule.numerator), 0, 0, 0, 1, 1000, 1,
     "council.rule.numerator", "", "The budget ballot's share, over denominator.", NULL},
    {"council.budget_rule.denominator", BS_T_INT, CH(budget_rule.denominator), 0, 0, 0, 1, 1000, 2,
     "council.rule.denominator", "", "See numerator.", NULL},
    {"council.budget_rule.counted", BS_T_ENUM, CH(budget_rule.counted), 0, 0, 0, 0, 0, 0, "council.rule.counted", "",
     "What the budget ballot's share is of.", "votes_cast|present|members"},
    {"council.budget_rule.casting_vote", BS_T_BOOL, CH(budget_rule.casting_vote), 0, 0, 0, 0, 1, 1,
     "council.rule.casting_vote", "", "Whether the chair has a casting vote on the budget ballot.", NULL},
    {"council.budget_chances", BS_T_STRLIST, CH(budget_chances_text), SZ(bs_council, budget_chances_text), 0, 0, 0, 0,
     0, "[]", "GROUP.p_rebel=P ...",
     "Chances on the budget ballot only, by group, each as \"GROUP.p_rebel=0.1\" (or p_abstain, p_absent): they "
     "replace the group's own chances on this ballot for its members who follow the group.", NULL},
    {"council.process", BS_T_ENUM, CH(process), 0, 0, 0, 0, 0, BS_PROCESS_COUNCIL, "\"council\"", "",
     "How the budget is decided: council (the council's vote on the budget decides) or mayor (an elected "
     "mayor's budget stands unless the votes against it, or an amendment's votes for, reach "
     "council.mayor.override; see docs/meeting.md). The override's share is statutory for the London Assembly "
     "(Greater London Authority Act 1999 Sch. 6); for other mayoral councils the procedure is in SI 2001/3384 "
     "Sch. 2 and the share is a setting.", "council|mayor"},
    {"council.mayor.override.numerator", BS_T_INT, CH(mayor_override.numerator), 0, 0, 0, 1, 1000, 2, "2", "",
     "The share of votes needed to override the mayor's budget, over denominator (at least that share).", NULL},
    {"council.mayor.override.denominator", BS_T_INT, CH(mayor_override.denominator), 0, 0, 0, 1, 1000, 3, "3", "",
     "See numerator.", NULL},
    {"council.mayor.override.counted", BS_T_ENUM, CH(mayor_override.counted), 0, 0, 0, 0, 0, 0, "\"votes_cast\"", "",
     "What the override's share is of: votes_cast (members present and voting), present or members.",
     "votes_cast|present|members"},
    {"council.mayor.override.casting_vote", BS_T_BOOL, CH(mayor_override.casting_vote), 0, 0, 0, 0, 1, 1,
     "council.rule.casting_vote", "", "Whether the chair has a casting vote on an override ballot.", NULL},
    {"council.mayor.is_member", BS_T_BOOL, CH(mayor_is_member), 0, 0, 0, 0, 1, 1, "true", "",
     "Whether the elected mayor counts in the whole number of members for the default quorum. The mayor is "
     "a member of the authority (an assumption here, not checked against the statute: hence a setting).", NULL},
    {"council.quorum", BS_T_INT, CH(quorum), 0, 0, 0, 0, BS_MAX_SEATS + 1, 0,
     "a quarter of the members, rounded up", "members",
     "Members present (for, against or abstaining) without whom the meeting cannot decide: every ballot fails "
     "as inquorate. Local Government Act 1972 Sch. 12 para 6: at least one quarter of the whole number of "
     "members. 0: no quorum.", NULL},
    {"council.groups.*.name", BS_T_STR, GRP(name), SZ(bs_group, name), 0, REQ, 0, 0, 0, NULL, "text",
     "Name of a political group.", NULL},
    {"council.groups.*.seats", BS_T_INT, GRP(seats), 0, 0, REQ, 0, BS_MAX_SEATS, 0, NULL, "members",
     "Members of the group, named or not.", NULL},
    {"council.groups.*.colour", BS_T_STR, GRP(colour), SZ(bs_group, colour), 0, 0, 0, 0, 0, "a palette colour",
     "#rrggbb", "The group's colour in charts.", NULL},
    {"council.groups.*.whip", BS_T_ENUM, GRP(whip), 0, 0, REQ, 0, 0, 0, NULL, "",
     "The group's whip on the budget: for, against, abstain, or free (a free vote).",
     "for|against|abstain|-|free"},
    {"council.groups.*.free_for_pct", BS_T_NUM, GRP(free_for_pct), 0, 0, 0, 0, 100, 50, "50", "%",
     "Free vote: share of the group's members voting for.", NULL},
    {"council.groups.*.absent", BS_T_INT, GRP(absent), 0, 0, 0, 0, BS_MAX_SEATS, 0, "0", "members",
     "Members not named below who are absent.", NULL},
    {"council.groups.*.abstain", BS_T_INT, GRP(abstain), 0, 0, 0, 0, BS_MAX_SEATS, 0, "0", "members",
     "Members not named below who abstain on the budget.", NULL},
    {"council.groups.*.rebels", BS_T_INT, GRP(rebels), 0, 0, 0, 0, BS_MAX_SEATS, 0, "0", "members",
     "Members not named below who vote against the group's position on the budget.", NULL},
    {"council.groups.*.rebels_vote", BS_T_ENUM, GRP(rebels_vote), 0, 0, 0, 0, 0, BS_POS_WHIP, "\"opposite\"",
     "", "How those rebels vote: the opposite of the group, or as stated.",
     "for|against|abstain|-|-|opposite"},
    {"council.groups.*.p_rebel", BS_T_NUM, GRP(p_rebel), 0, 0, 0, 0, 1, 0, "0", "probability",
     "Chance that a member who follows the group votes the other way.", NULL},
    {"council.groups.*.p_abstain", BS_T_NUM, GRP(p_abstain), 0, 0, 0, 0, 1, 0, "0", "probability",
     "Chance that such a member abstains.", NULL},
    {"council.groups.*.p_absent", BS_T_NUM, GRP(p_absent), 0, 0, 0, 0, 1, 0, "0", "probability",
     "Chance that such a member is absent.", NULL},
    {"council.members.*.name", BS_T_STR, MEM(name), SZ(bs_member, name), 0, REQ, 0, 0, 0, NULL, "text",
     "A named member, listed in the recorded vote.", NULL},
    {"council.members.*.ward", BS_T_STR, MEM(ward), SZ(bs_member, ward), 0, 0, 0, 0, 0, "\"\"", "text",
     "The member's ward.", NULL},
    {"council.members.*.group", BS_T_ID, MEM(group), SZ(bs_member, group), 0, REQ, 0, 0, 0, NULL, "group id",
     "The member's group; named members count within its seats.", NULL},
    {"council.members.*.vote", BS_T_ENUM, MEM(vote), 0, 0, 0, 0, 0, BS_POS_WHIP, "\"group\"", "",
     "How the member votes on the budget: with the group, or as stated.",
     "for|against|abstain|absent|-|group"},
    {"council.members.*.p_rebel", BS_T_NUM, MEM(p_rebel), 0, 0, 0, 0, 1, -1, "the group's", "probability",
     "Chance of voting the other way. A member who follows the group takes the group's chances by "
     "default; a member whose vote is stated takes only their own.", NULL},
    {"council.members.*.p_abstain", BS_T_NUM, MEM(p_abstain), 0, 0, 0, 0, 1, -1, "the group's", "probability",
     "Chance of abstaining.", NULL},
    {"council.members.*.p_absent", BS_T_NUM, MEM(p_absent), 0, 0, 0, 0, 1, -1, "the group's", "probability",
     "Chance of being absent.", NULL},
    {"council.red_lines.*.who", BS_T_ID, RL(who), SZ(bs_red_line, who), 0, REQ, 0, 0, 0, NULL, "group or member id",
     "Whose red line it is.", NULL},
    {"council.red_lines.*.metric", BS_T_STR, RL(metric), SZ(bs_red_line, metric), 0, REQ, 0, 0, 0, NULL, "row key",
     "The quantity it reads: a row key of `budgetsim run --format csv`, e.g. "
     "measures.green_bin.price_pounds or council_tax.rise_pct.", NULL},
    {"council.red_lines.*.year", BS_T_INT, RL(year), 0, 0, 0, 1900, 2200, 0, "first year", "year",
     "The financial year it is read in.", NULL},
    {"council.red_lines.*.above", BS_T_NUM, RL(above), 0, 0, 0, -1e12, 1e12, 0, "none", "the metric's",
     "Crossed when the value is above this.", NULL},
    {"council.red_lines.*.below", BS_T_NUM, RL(below), 0, 0, 0, -1e12, 1e12, 0, "none", "the metric's",
     "Crossed when the value is below this.", NULL},
    {"council.red_lines.*.vote", BS_T_ENUM, RL(vote), 0, 0, 0, 0, 0, BS_POS_AGAINST, "\"against\"", "",
     "What crossing it makes them do on the budget.", "for|against|abstain|absent"},
    {"amendments.*.name", BS_T_STR, AMD(name), SZ(bs_amendment, name), 0, REQ, 0, 0, 0, NULL, "text",
     "Name of an amendment, voted on before the budget.", NULL},
    {"amendments.*.moved_by", BS_T_ID, AMD(moved_by), SZ(bs_amendment, moved_by), 0, REQ, 0, 0, 0, NULL,
     "group id", "The group that moves it; it votes for.", NULL},
    {"amendments.*.set", BS_T_STRLIST, AMD(set_text), SZ(bs_amendment, set_text), 0, REQ, 0, 0, 0, NULL,
     "path=value", "What it changes, each as --set would: [\"measures.green_bin.enabled=false\", ...].", NULL},
    {"amendments.*.for", BS_T_STRLIST, AMD(groups_for), SZ(bs_amendment, groups_for), 0, 0, 0, 0, 0, "[]",
     "group ids", "Groups voting for it. Groups not listed: the mover for; others against, unless the "
     "amendment uncrosses one of their red lines (for) or crosses one (against).", NULL},
    {"amendments.*.against", BS_T_STRLIST, AMD(groups_against), SZ(bs_amendment, groups_against), 0, 0, 0, 0, 0,
     "[]", "group ids", "Groups voting against it.", NULL},
    {"amendments.*.abstain", BS_T_STRLIST, AMD(groups_abstain), SZ(bs_amendment, groups_abstain), 0, 0, 0, 0, 0,
     "[]", "group ids", "Groups abstaining on it.", NULL},
    {"amendments.*.rule.type", BS_T_ENUM, AMD(rule.type), 0, 0, 0, 0, 0, 0, "the council's", "",
     "This amendment's own rule; each field defaults to council.rule's, or under council.process = "
     "\"mayor\" to council.mayor.override's (the council's own budget must reach it; type at_least).",
     "majority|at_least"},
    {"amendments.*.rule.numerator", BS_T_INT, AMD(rule.numerator), 0, 0, 0, 1, 1000, 1, "the council's", "",
     "The amendment's share, over denominator.", NULL},
    {"amendments.*.rule.denominator", BS_T_INT, AMD(rule.denominator), 0, 0, 0, 1, 1000, 2, "the council's", "",
     "See numerator.", NULL},
    {"amendments.*.rule.counted", BS_T_ENUM, AMD(rule.counted), 0, 0, 0, 0, 0, 0, "the council's", "",
     "What the amendment's share is of.", "votes_cast|present|members"},
    {"amendments.*.rule.casting_vote", BS_T_BOOL, AMD(rule.casting_vote), 0, 0, 0, 0, 1, 1, "the council's", "",
     "Whether the chair has a casting vote on this amendment.", NULL},
    {"amendments.*.chances", BS_T_STRLIST, AMD(chances_text), SZ(bs_amendment, chances_text), 0, 0, 0, 0, 0, "[]",
     "GROUP.p_rebel=P ...",
     "Chances on this amendment's ballot only, by group, as for council.budget_chances.", NULL},
    /* ---- uncertainty, for budgetsim montecarlo ---- */
    {"uncertainty.*.path", BS_T_STR, UNC(path), SZ(bs_uncertainty, path), 0, REQ, 0, 0, 0, NULL, "setting path",
     "The numeric setting drawn at random in each Monte Carlo draw, e.g. services.adult_social_care.growth_pct. "
     "A per-year setting takes the drawn value in every year, as --set does, or only in the years of a period "
     "written after it (PATH@2023, PATH@2023.., PATH@2023..2025); the value is clamped to the "
     "setting's allowed range.", NULL},
    {"uncertainty.*.apply", BS_T_ENUM, UNC(apply), 0, 0, 0, 0, 0, 0, "replace", "",
     "What the draw does: replace the setting's value in each year of path, or offset: be added to the value "
     "the scenario gives each year, keeping the shape of a per-year setting (then give the distribution of the "
     "change, e.g. mean = 0).", "replace|offset"},
    {"uncertainty.*.dist", BS_T_ENUM, UNC(dist), 0, 0, REQ, 0, 0, 0, NULL, "",
     "The distribution: normal (mean, sd), lognormal (log_mean, log_sd), uniform (low, high), triangular "
     "(low, mode, high) or beta (a, b, scaled to low..high).", "normal|lognormal|uniform|triangular|beta"},
    {"uncertainty.*.mean", BS_T_NUM, UNC(mean), 0, 0, 0, -1e12, 1e12, 0, "none", "the setting's",
     "normal: the mean.", NULL},
    {"uncertainty.*.sd", BS_T_NUM, UNC(sd), 0, 0, BS_F_MIN_OPEN, 0, 1e12, 0, "none", "the setting's",
     "normal: the standard deviation.", NULL},
    {"uncertainty.*.log_mean", BS_T_NUM, UNC(log_mean), 0, 0, 0, -700, 700, 0, "none", "",
     "lognormal: the mean of the natural logarithm of the value (GSL's zeta); the median is exp(log_mean).", NULL},
    {"uncertainty.*.log_sd", BS_T_NUM, UNC(log_sd), 0, 0, BS_F_MIN_OPEN, 0, 100, 0, "none", "",
     "lognormal: the standard deviation of the natural logarithm of the value (GSL's sigma).", NULL},
    {"uncertainty.*.low", BS_T_NUM, UNC(low), 0, 0, 0, -1e12, 1e12, 0, "none", "the setting's",
     "uniform, triangular, beta: the lowest value; below high.", NULL},
    {"uncertainty.*.mode", BS_T_NUM, UNC(mode), 0, 0, 0, -1e12, 1e12, 0, "none", "the setting's",
     "triangular: the most likely value, from low to high.", NULL},
    {"uncertainty.*.high", BS_T_NUM, UNC(high), 0, 0, 0, -1e12, 1e12, 0, "none", "the setting's",
     "uniform, triangular, beta: the highest value.", NULL},
    {"uncertainty.*.a", BS_T_NUM, UNC(a), 0, 0, BS_F_MIN_OPEN, 0, 1e6, 0, "none", "",
     "beta: the first shape parameter; the mean is low + (high - low) x a / (a + b).", NULL},
    {"uncertainty.*.b", BS_T_NUM, UNC(b), 0, 0, BS_F_MIN_OPEN, 0, 1e6, 0, "none", "",
     "beta: the second shape parameter.", NULL},
};

const size_t bs_nsettings = sizeof bs_settings / sizeof bs_settings[0];

const char *const bs_group_paths[] = {
    "scenario", "horizon", "council_tax", "referendum", "rules", "reserves", "reserves.general",
    "reserves.earmarked", "reserves.earmarked.*", "services", "services.*", "funding", "funding.*",
    "measures", "measures.*", "council", "council.mayor", "council.mayor.override", "council.chair", "council.rule", "council.budget_rule", "council.groups",
    "council.groups.*", "council.members", "council.members.*", "council.red_lines", "council.red_lines.*",
    "amendments", "amendments.*", "amendments.*.rule", "uncertainty", "uncertainty.*", NULL};

int schema_match(const char *pattern, const char *path)
{
    while (*pattern && *path) {
        if (pattern[0] == '*' && (pattern[1] == '.' || pattern[1] == '\0')) {
            if (*path == '.')
                return 0; /* empty component */
            while (*path && *path != '.')
                path++;
            pattern++;
            continue;
        }
        if (*pattern != *path)
            return 0;
        pattern++;
        path++;
    }
    return *pattern == '\0' && *path == '\0';
}

void *schema_address(const bs_setting_def *def, bs_scenario *sc, int idx)
{
    char *base;
    switch (def->container) {
    case BS_IN_SERVICE: base = (char *)&sc->services[idx]; break;
    case BS_IN_FUNDING: base = (char *)&sc->funding[idx]; break;
    case BS_IN_EARMARKED: base = (char *)&sc->reserves[idx]; break;
    case BS_IN_MEASURE: base = (char *)&sc->measures[idx]; break;
    case BS_IN_GROUP: base = (char *)&sc->chamber.groups[idx]; break;
    case BS_IN_MEMBER: base = (char *)&sc->chamber.members[idx]; break;
    case BS_IN_RED_LINE: base = (char *)&sc->chamber.red_lines[idx]; break;
    case BS_IN_AMENDMENT: base = (char *)&sc->chamber.amendments[idx]; break;
    case BS_IN_UNCERTAINTY: base = (char *)&sc->uncertain[idx]; break;
    default: base = (char *)sc; break;
    }
    return base + def->offset;
}

const char *schema_type_name(bs_type t)
{
    switch (t) {
    case BS_T_NUM: return "a number";
    case BS_T_INT: return "a whole number";
    case BS_T_BOOL: return "true or false";
    case BS_T_STR: return "text in double quotes";
    case BS_T_ID: return "an identifier in double quotes";
    case BS_T_ENUM: return "a word in double quotes";
    case BS_T_SERIES1:
    case BS_T_SERIES2: return "a number or a list of numbers";
    case BS_T_LIST: return "a list of numbers";
    case BS_T_STRLIST: return "a list of texts in double quotes";
    }
    return "a value";
}

const char *schema_instance_id(const bs_scenario *sc, bs_container c, int i)
{
    const bs_council *k = &sc->chamber;
    switch (c) {
    case BS_IN_SERVICE: return i < sc->nservices ? sc->services[i].id : NULL;
    case BS_IN_FUNDING: return i < sc->nfunding ? sc->funding[i].id : NULL;
    case BS_IN_MEASURE: return i < sc->nmeasures ? sc->measures[i].id : NULL;
    case BS_IN_EARMARKED: return i < sc->nreserves ? sc->reserves[i].id : NULL;
    case BS_IN_GROUP: return i < k->ngroups ? k->groups[i].id : NULL;
    case BS_IN_MEMBER: return i < k->nmembers ? k->members[i].id : NULL;
    case BS_IN_RED_LINE: return i < k->nred_lines ? k->red_lines[i].id : NULL;
    case BS_IN_AMENDMENT: return i < k->namendments ? k->amendments[i].id : NULL;
    case BS_IN_UNCERTAINTY: return i < sc->nuncertain ? sc->uncertain[i].id : NULL;
    default: return NULL;
    }
}

/* ---- settings in words, for charts ---- */

/* The index of the instance of container c in sc whose id is the n bytes
 * at id, or -1. */
static int instance_index(const bs_scenario *sc, bs_container c, const char *id, size_t n)
{
    const char *s;
    for (int i = 0; (s = schema_instance_id(sc, c, i)) != NULL; i++)
        if (strlen(s) == n && strncmp(s, id, n) == 0)
            return i;
    return -1;
}

/* The id a pattern's '*' matches in path (*n bytes), or NULL for none. */
static const char *pattern_id(const char *pattern, const char *path, size_t *n)
{
    const char *star = strchr(pattern, '*');
    if (!star)
        return NULL;
    size_t dots = 0;
    for (const char *p = pattern; p < star; p++)
        dots += *p == '.';
    const char *id = path;
    for (; dots && *id; id++)
        if (*id == '.')
            dots--;
    *n = strcspn(id, ".");
    return id;
}

const bs_setting_def *schema_find(const bs_scenario *sc, const char *path)
{
    char bare[256];
    size_t len = strcspn(path, "@");
    if (len >= sizeof bare)
        return NULL;
    memcpy(bare, path, len);
    bare[len] = '\0';
    for (size_t k = 0; k < bs_nsettings; k++) {
        const bs_setting_def *d = &bs_settings[k];
        if (!schema_match(d->path, bare))
            continue;
        if (d->container == BS_IN_MEASURE && sc) {
            size_t n = 0;
            const char *id = pattern_id(d->path, bare, &n);
            int i = id ? instance_index(sc, BS_IN_MEASURE, id, n) : -1;
            if (i >= 0 && !(d->measure_mask & (1u << sc->measures[i].type)))
                continue; /* the same path for another type of measure */
        }
        return d;
    }
    return NULL;
}

/* The name of instance i of the container of d, from its "*.name" setting, or NULL. */
static const char *instance_name(const bs_scenario *sc, const bs_setting_def *d, int i)
{
    for (size_t k = 0; k < bs_nsettings; k++) {
        const bs_setting_def *n = &bs_settings[k];
        size_t len = strlen(n->path);
        if (n->container == d->container && n->type == BS_T_STR && len > 7 &&
            strcmp(n->path + len - 7, ".*.name") == 0)
            return (const char *)schema_address(n, (bs_scenario *)sc, i);
    }
    return NULL;
}

/* Append the n bytes at s to buf (of size), at *o, as far as they fit. */
static void put(char *buf, size_t size, size_t *o, const char *s, size_t n)
{
    if (*o + 1 >= size)
        return;
    if (n > size - 1 - *o)
        n = size - 1 - *o;
    memcpy(buf + *o, s, n);
    *o += n;
    buf[*o] = '\0';
}

/* A period's text after '@' ("2023", "2023..", "2023..2025", or with
 * "2023/24") in words: ", 2023/24", ", 2023/24 on", ", 2023/24 to 2025/26";
 * anything else as written, after ", ". */
static void put_period(char *buf, size_t size, size_t *o, const char *p)
{
    char y[16];
    const char *dots = strstr(p, "..");
    int from = 0, to = 0, ok = 1;
    for (const char *q = p; *q && q != dots; q++)
        ok &= (*q >= '0' && *q <= '9') || *q == '/';
    from = ok ? (int)strtol(p, NULL, 10) : 0;
    if (dots && dots[2]) {
        for (const char *q = dots + 2; *q; q++)
            ok &= (*q >= '0' && *q <= '9') || *q == '/';
        to = ok ? (int)strtol(dots + 2, NULL, 10) : 0;
    }
    put(buf, size, o, ", ", 2);
    if (!ok || from < 1000 || from > 9999 || (dots && dots[2] && (to < 1000 || to > 9999))) {
        put(buf, size, o, p, strlen(p));
        return;
    }
    bs_year_label(from, y, sizeof y);
    put(buf, size, o, y, strlen(y));
    if (dots && !dots[2]) {
        put(buf, size, o, " on", 3);
    } else if (dots) {
        bs_year_label(to, y, sizeof y);
        put(buf, size, o, " to ", 4);
        put(buf, size, o, y, strlen(y));
    }
}

/* Whether a setting's unit is a unit to show after its words: not "",
 * "text", nor words about another setting ("the setting's"). */
static int shown_unit(const char *u)
{
    return u && u[0] && strcmp(u, "text") != 0 && strncmp(u, "the ", 4) != 0 && strcmp(u, "setting path") != 0;
}

char *schema_setting_label(const bs_scenario *sc, const char *path, char *buf, size_t size)
{
    size_t o = 0;
    if (!size)
        return buf;
    buf[0] = '\0';
    const bs_setting_def *d = schema_find(sc, path);
    if (!d || !d->doc || !d->doc[0]) {
        put(buf, size, &o, path, strlen(path));
        return buf;
    }
    /* the instance's name, when the path names one and sc holds it */
    const char *name = NULL;
    size_t n = 0;
    const char *id = pattern_id(d->path, path, &n);
    if (id && sc) {
        int i = instance_index(sc, d->container, id, n);
        name = i >= 0 ? instance_name(sc, d, i) : NULL;
        if (!name || !name[0]) /* no name: the id says which */
            put(buf, size, &o, id, n);
        else
            put(buf, size, &o, name, strlen(name));
        put(buf, size, &o, ": ", 2);
    }
    /* the description's first clause, after a measure's "Saving: " or "Charge: " */
    const char *w = d->doc;
    if (d->container == BS_IN_MEASURE) {
        const char *colon = strchr(w, ':');
        if (colon && colon - w < 12 && colon[1] == ' ')
            w = colon + 2;
    }
    size_t len = strcspn(w, ":,;.(");
    while (len && w[len - 1] == ' ')
        len--;
    size_t at = o;
    put(buf, size, &o, w, len);
    /* after a name, a clause that begins a sentence ("Growth into...") reads in lower case,
     * not one that begins with a name or a capital word ("Band D ...", "SEND") */
    if (o > at + 1 && at > 0 && buf[at] >= 'A' && buf[at] <= 'Z' && buf[at + 1] >= 'a' && buf[at + 1] <= 'z' &&
        strncmp(buf + at, "Band ", 5) != 0)
        buf[at] = (char)(buf[at] - 'A' + 'a');
    if (shown_unit(d->unit)) {
        put(buf, size, &o, " (", 2);
        put(buf, size, &o, d->unit, strlen(d->unit));
        put(buf, size, &o, ")", 1);
    }
    const char *at_sign = strchr(path, '@');
    if (at_sign)
        put_period(buf, size, &o, at_sign + 1);
    return buf;
}

int schema_out_of_range(const bs_setting_def *d, double v, char *why, size_t size)
{
    int low = (d->flags & BS_F_MIN_OPEN) ? !(v > d->min) : !(v >= d->min);
    int high = (d->flags & BS_F_MAX_OPEN) ? !(v < d->max) : !(v <= d->max);
    if (!low && !high)
        return 0;
    char lo[40], hi[40], val[40];
    const char *unit = strcmp(d->unit, "%") == 0 ? "%" : "";
    bs_num_text(d->min, lo, sizeof lo);
    bs_num_text(d->max, hi, sizeof hi);
    bs_num_text(v, val, sizeof val);
    if (d->flags & BS_F_MIN_OPEN)
        snprintf(why, size, "must be above %s%s and at most %s%s, not %s", lo, unit, hi, unit, val);
    else
        snprintf(why, size, "must be between %s%s and %s%s, not %s", lo, unit, hi, unit, val);
    return 1;
}
