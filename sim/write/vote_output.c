/* vote_output.c - the council meeting as text, CSV or JSON: amendments, the
 * budget vote group by group, red lines, the recorded vote and the odds.
 *
 * This file may use: core/, analyse/, write/, jansson and the C library. */
#include <jansson.h>
#include <stdarg.h>

#include "analyse/ballot.h"
#include "write/output.h"
#include "write/table_output.h"
#include "write/text.h"

/* Room for a name of the scenario shown with escapes (write/text.h). */
#define SHOWN (BS_NAME_MAX * 4)

/* The name of group g, or "Mayor" for -1. */
static const char *group_name(const bs_council *c, int g)
{
    return g >= 0 ? c->groups[g].name : "Mayor";
}

/* Why a group or member takes its position: "whip", "red line X", "stated". */
static void group_reason(const bs_council *c, const bs_stances *st, int g, char *buf, size_t size)
{
    if (st->group_pos[g] == BS_POS_FREE)
        snprintf(buf, size, "free vote");
    else
        snprintf(buf, size, "%s (%s)", vote_position_name(st->group_pos[g]), st->group_why[g] ? st->group_why[g] : "whip");
    (void)c;
}

/* The council's voting rule in words, with what settles a tie. */
static void rule_text(const bs_council *c, const bs_stances *st, char *buf, size_t size)
{
    const char *of = c->counted == BS_COUNT_VOTES_CAST ? "the votes cast"
                     : c->counted == BS_COUNT_PRESENT ? "the members present (abstentions count against)"
                                                      : "all members (absences count against)";
    int o;
    if (c->rule == BS_RULE_MAJORITY && c->numerator * 2 == c->denominator)
        o = snprintf(buf, size, "more than half of %s", of);
    else
        o = snprintf(buf, size, "%s %d/%d of %s", c->rule == BS_RULE_MAJORITY ? "more than" : "at least",
                     c->numerator, c->denominator, of);
    if (o < 0 || (size_t)o >= size)
        return;
    if (c->rule == BS_RULE_MAJORITY) {
        if (!c->casting_vote)
            snprintf(buf + o, size - (size_t)o, "; a tie fails (no casting vote)");
        else if (c->casting != BS_POS_WHIP)
            snprintf(buf + o, size - (size_t)o, "; a tie goes to the chair's casting vote (%s)",
                     vote_position_name(c->casting));
        else if (c->chair_group_index >= 0)
            snprintf(buf + o, size - (size_t)o, "; a tie goes to the chair's casting vote (%s: %s)",
                     c->groups[c->chair_group_index].name, vote_position_name(st->group_pos[c->chair_group_index]));
        else
            snprintf(buf + o, size - (size_t)o, "; a tie fails (the chair has no group)");
    }
}

/* The ballot group by group (and the Mayor), with the totals. */
static void text_tally(FILE *f, const bs_council *c, const bs_stances *st, const bs_vote_result *v)
{
    char reason[64];
    fprintf(f, "  %-36s %5s  %-22s %5s %8s %8s %7s\n", "Group", "Seats", "Position", "For", "Against", "Abstain",
            "Absent");
    for (int g = 0; g < c->ngroups; g++) {
        group_reason(c, st, g, reason, sizeof reason);
        fputs("  ", f);
        tab_put_padded(f, c->groups[g].name, 37);
        fprintf(f, "%5d  %-22s %5d %8d %8d %7d\n", c->groups[g].seats, reason, v->group_count[g][0],
                v->group_count[g][1], v->group_count[g][2], v->group_count[g][3]);
    }
    if (v->mayor_vote != BS_POS_WHIP)
        fprintf(f, "  %-36.36s %5d  %-22s %5d %8d %8d %7d\n", "Mayor", 1, vote_position_name(v->mayor_vote),
                v->mayor_count[0], v->mayor_count[1], v->mayor_count[2], v->mayor_count[3]);
    fprintf(f, "  %-36s %5d  %-22s %5d %8d %8d %7d\n", "Total", v->nvoters, "", v->count[0], v->count[1],
            v->count[2], v->count[3]);
}

/* Passed or failed, by how much and the votes needed, and the swing that
 * would reverse it. */
static void text_result(FILE *f, const bs_council *c, const bs_vote_result *v)
{
    fprintf(f, "  Result: %s, %d votes to %d", v->passed ? "PASSED" : "FAILED", v->count[0], v->count[1]);
    if (v->count[2])
        fprintf(f, ", %d abstaining", v->count[2]);
    if (v->tie)
        fprintf(f, " (a tie, settled by the chair's casting vote: %s)", vote_position_name(v->casting));
    else {
        /* Votes for needed with this turnout, moving votes between for and
         * against only (so the count the share is of stays the same). */
        long base = c->counted == BS_COUNT_VOTES_CAST ? v->count[0] + v->count[1]
                    : c->counted == BS_COUNT_PRESENT ? v->count[0] + v->count[1] + v->count[2] : v->nvoters;
        long need = c->rule == BS_RULE_AT_LEAST ? (c->numerator * base + c->denominator - 1) / c->denominator
                                                : (c->numerator * base) / c->denominator + 1;
        fprintf(f, " (%ld needed)", need);
    }
    fputs(".\n", f);
    if (v->swing > 0) {
        fprintf(f, "  Swing: %d member%s voting %s would have to vote %s to reverse it.\n", v->swing,
                v->swing == 1 ? "" : "s", vote_position_name(v->swing_from), vote_position_name(v->swing_to));
        fputs("         They could come from:", f);
        int any = 0;
        for (int g = 0; g < c->ngroups; g++)
            if (v->swing_pool[g] > 0) {
                fputs(any++ ? ", " : " ", f);
                text_put(f, c->groups[g].name);
                fprintf(f, " (%d)", v->swing_pool[g]);
            }
        if (v->swing_pool_mayor > 0)
            fprintf(f, "%s the Mayor", any++ ? "," : "");
        fputs(".\n", f);
    } else {
        fputs("  Swing: no change of votes among those present could reverse it.\n", f);
    }
}

/* Each red line read against this budget: crossed or held. */
static void text_red_lines(FILE *f, const bs_scenario *sc, const bs_stances *st)
{
    const bs_council *c = &sc->chamber;
    char y[16], val[48], lim[48], who[SHOWN], metric[SHOWN];
    if (c->nred_lines == 0)
        return;
    fputs("\nRed lines, read against this budget\n", f);
    for (int i = 0; i < c->nred_lines; i++) {
        const bs_red_line *rl = &c->red_lines[i];
        text_display(rl->group_index >= 0 ? c->groups[rl->group_index].name : c->members[rl->member_index].name, who,
                     sizeof who);
        text_display(rl->metric, metric, sizeof metric);
        bs_fmt_grouped(st->red_line_value[i], 2, 0, val, sizeof val);
        if (rl->has_above && rl->has_below)
            snprintf(lim, sizeof lim, "outside %g to %g", rl->below, rl->above);
        else if (rl->has_above)
            snprintf(lim, sizeof lim, "above %g", rl->above);
        else
            snprintf(lim, sizeof lim, "below %g", rl->below);
        fprintf(f, "  %-8s %s: %s if %s is %s in %s; it is %s\n", st->red_line_crossed[i] ? "CROSSED" : "held", who,
                vote_position_name(rl->vote), metric, lim, bs_year_label(rl->year, y, sizeof y), val);
    }
}

/* The named members by how they voted. */
static void text_recorded(FILE *f, const bs_council *c, const bs_vote_result *v)
{
    if (c->nmembers == 0)
        return;
    fputs("\nRecorded vote, named members\n", f);
    const char *titles[4] = {"For", "Against", "Abstained", "Absent"};
    for (int p = 0; p < 4; p++) {
        int any = 0;
        for (int m = 0; m < c->nmembers; m++) {
            if (v->member_vote[m] != (bs_position)p)
                continue;
            const bs_member *mb = &c->members[m];
            char name[SHOWN], group[SHOWN], ward[SHOWN];
            fprintf(f, "  %-10s %s (%s%s%s)\n", any ? "" : titles[p], text_display(mb->name, name, sizeof name),
                    text_display(c->groups[mb->group_index].name, group, sizeof group), mb->ward[0] ? ", " : "",
                    text_display(mb->ward, ward, sizeof ward));
            any = 1;
        }
    }
    int unnamed = v->nvoters - c->nmembers;
    if (unnamed > 0)
        fprintf(f, "  The other %d voters are not named; the table above counts them.\n", unnamed);
}

/* One ballot: the table and the result. */
static void text_ballot(FILE *f, const bs_scenario *sc, const bs_stances *st, const bs_vote_result *v)
{
    text_tally(f, &sc->chamber, st, v);
    text_result(f, &sc->chamber, v);
}

/* How many amendments passed. */
static int amendments_passed(const bs_ballot *b)
{
    int passed = 0;
    for (int a = 0; a < b->namendments; a++)
        passed += b->amendment_passed[a];
    return passed;
}

/* Ballot a of b: the amendments in order, then (a = namendments) the budget.
 * Returns its id ("budget" for the budget) with its result and stances. */
static const char *ballot_at(const bs_scenario *sc, const bs_ballot *b, int a, const bs_vote_result **v,
                             const bs_stances **st)
{
    int amendment = a < b->namendments;
    *v = amendment ? &b->amendment_vote[a] : &b->vote;
    *st = amendment ? &b->amendment_stances[a] : &b->stances;
    return amendment ? sc->chamber.amendments[a].id : "budget";
}

/* Who the mayor is and whether the mayor votes. */
static void text_mayor(FILE *f, const bs_council *c)
{
    char name[SHOWN], group[SHOWN];
    text_display(c->mayor_name[0] ? c->mayor_name : "the elected mayor", name, sizeof name);
    text_display(c->mayor_group_index >= 0 ? c->groups[c->mayor_group_index].name : "", group, sizeof group);
    fprintf(f, "Mayor: %s%s%s%s, %s.\n", name, group[0] ? " (" : "", group, group[0] ? ")" : "",
            c->mayor_votes ? "votes" : "does not vote");
}

/* The odds: the exact probability of passing, the votes for (mean and the
 * 5th to 95th percentile), and the Monte Carlo check when there is one. */
static void text_uncertainty(FILE *f, const bs_ballot *b)
{
    double mean = 0, lo = -1, hi = -1, acc = 0;
    for (int k = 0; k <= b->nvoters; k++) {
        mean += k * b->dist_for[k];
        acc += b->dist_for[k];
        if (lo < 0 && acc >= 0.05)
            lo = k;
        if (hi < 0 && acc >= 0.95)
            hi = k;
    }
    fputs("\nUncertainty (members may rebel, abstain or be absent: the p_ settings)\n", f);
    fprintf(f, "  Probability the budget passes, exact: %.6f\n", b->p_pass);
    fprintf(f, "  Votes for: mean %.1f, 90%% between %d and %d\n", mean, (int)lo, (int)hi);
    if (b->have_monte_carlo)
        fprintf(f, "  Monte Carlo check: %.6f +/- %.6f (%ld draws, seed %lu)\n", b->mc_p_pass, b->mc_stderr,
                b->mc_draws, b->mc_seed);
}

/* The meeting for people: the rule, the mayor, each amendment and its
 * ballot, the budget's ballot, red lines, the recorded vote, the odds. */
static void vote_text(FILE *f, const bs_scenario *sc, const bs_ballot *b, const char *rule)
{
    const bs_council *c = &b->final->chamber;
    bs_text_title(f, sc);
    fputc('\n', f);
    fputs("Rule: ", f);
    text_put(f, rule);
    fputs(".\n", f);
    if (c->has_mayor)
        text_mayor(f, c);
    for (int a = 0; a < b->namendments; a++) {
        const bs_amendment *am = &sc->chamber.amendments[a];
        char name[SHOWN], mover[SHOWN], change[BS_SET_MAX * 4];
        fprintf(f, "\nAmendment %d: %s, moved by %s\n", a + 1, text_display(am->name, name, sizeof name),
                text_display(group_name(c, am->mover_group), mover, sizeof mover));
        for (int k = 0; k < am->nset; k++)
            fprintf(f, "  changes %s\n", text_display(am->set[k], change, sizeof change));
        text_ballot(f, sc, &b->amendment_stances[a], &b->amendment_vote[a]);
    }
    fprintf(f, "\nThe vote on the budget%s\n", amendments_passed(b) ? ", as amended" : "");
    text_ballot(f, b->final, &b->stances, &b->vote);
    text_red_lines(f, b->final, &b->stances);
    text_recorded(f, c, &b->vote);
    if (b->vote.uncertain)
        text_uncertainty(f, b);
}

/* One row "ballot,key,value" of the vote's CSV, the ballot and the key as
 * CSV fields (they are identifiers, but every text goes through
 * bs_csv_field), the value printed by fmt (a number or a fixed word). */
static void csv_key_row(FILE *f, const char *ballot, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void csv_key_row(FILE *f, const char *ballot, const char *key, const char *fmt, ...)
{
    va_list ap;
    bs_csv_field(f, ballot);
    fputc(',', f);
    bs_csv_field(f, key);
    fputc(',', f);
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    fputs("\r\n", f);
}

/* One ballot as "ballot,key,value" rows: the result, the totals, each
 * group's position and counts, each named member's vote. */
static void csv_ballot(FILE *f, const bs_council *c, const char *ballot, const bs_vote_result *v,
                       const bs_stances *st)
{
    static const char *const pos[4] = {"for", "against", "abstain", "absent"};
    static const char *const totals[4] = {"passed", "tie", "margin", "swing"};
    const int total[4] = {v->passed, v->tie, v->margin, v->swing};
    char key[BS_ID_MAX + 32];
    for (int k = 0; k < 4; k++)
        csv_key_row(f, ballot, totals[k], "%d", total[k]);
    for (int p = 0; p < 4; p++) {
        snprintf(key, sizeof key, "total.%s", pos[p]);
        csv_key_row(f, ballot, key, "%d", v->count[p]);
    }
    for (int g = 0; g < c->ngroups; g++) {
        snprintf(key, sizeof key, "group.%s.position", c->groups[g].id);
        csv_key_row(f, ballot, key, "%s", vote_position_name(st->group_pos[g]));
        for (int p = 0; p < 4; p++) {
            snprintf(key, sizeof key, "group.%s.%s", c->groups[g].id, pos[p]);
            csv_key_row(f, ballot, key, "%d", v->group_count[g][p]);
        }
    }
    for (int m = 0; m < c->nmembers; m++) {
        snprintf(key, sizeof key, "member.%s.vote", c->members[m].id);
        csv_key_row(f, ballot, key, "%s", vote_position_name(v->member_vote[m]));
    }
}

/* Every ballot, then the odds of the budget's. */
static void vote_csv(FILE *f, const bs_scenario *sc, const bs_ballot *b)
{
    fputs("ballot,key,value\r\n", f);
    for (int a = 0; a <= b->namendments; a++) {
        const bs_vote_result *v;
        const bs_stances *st;
        const char *ballot = ballot_at(sc, b, a, &v, &st);
        csv_ballot(f, &b->final->chamber, ballot, v, st);
    }
    fprintf(f, "budget,p_pass,%.10g\r\n", b->p_pass);
    if (b->have_monte_carlo)
        fprintf(f, "budget,monte_carlo.p_pass,%.10g\r\nbudget,monte_carlo.draws,%ld\r\nbudget,monte_carlo.seed,%lu\r\n",
                b->mc_p_pass, b->mc_draws, b->mc_seed);
    for (int k = 0; k <= b->nvoters; k++)
        fprintf(f, "budget,p_for.%d,%.10g\r\n", k, b->dist_for[k]);
}

/* One ballot as a JSON object (new reference): the result, the groups and
 * the named members. */
static json_t *json_ballot(const bs_council *c, const char *ballot, const bs_vote_result *v, const bs_stances *st)
{
    json_t *groups = json_array(), *members = json_array();
    for (int g = 0; g < c->ngroups; g++)
        bs_json_append(groups, json_pack("{s:o, s:o, s:i, s:s, s:i, s:i, s:i, s:i}", "id",
                                         bs_json_text(c->groups[g].id), "name", bs_json_text(c->groups[g].name), "seats", c->groups[g].seats, "position",
                                                vote_position_name(st->group_pos[g]), "for", v->group_count[g][0],
                                                "against", v->group_count[g][1], "abstain", v->group_count[g][2],
                                                "absent", v->group_count[g][3]));
    for (int m = 0; m < c->nmembers; m++)
        bs_json_append(members, json_pack("{s:o, s:o, s:o, s:s}", "id", bs_json_text(c->members[m].id), "name",
                                          bs_json_text(c->members[m].name), "group", bs_json_text(c->members[m].group), "vote",
                                                 vote_position_name(v->member_vote[m])));
    return json_pack("{s:o, s:b, s:b, s:i, s:i, s:i, s:i, s:i, s:i, s:o, s:o}", "ballot", bs_json_text(ballot), "passed",
                     v->passed, "tie", v->tie, "for", v->count[0], "against", v->count[1], "abstain", v->count[2],
                     "absent", v->count[3], "margin", v->margin, "swing", v->swing, "groups", groups, "members",
                     members);
}

/* The meeting as one JSON object (new reference; NULL when out of memory). */
static json_t *vote_json(const bs_scenario *sc, const bs_ballot *b, const char *rule)
{
    json_t *ballots = json_array();
    for (int a = 0; a <= b->namendments; a++) {
        const bs_vote_result *v;
        const bs_stances *st;
        const char *ballot = ballot_at(sc, b, a, &v, &st);
        bs_json_append(ballots, json_ballot(&b->final->chamber, ballot, v, st));
    }
    json_t *dist = json_array();
    for (int k = 0; k <= b->nvoters; k++)
        bs_json_append(dist, json_real(b->dist_for[k]));
    json_t *root = json_pack("{s:o, s:o, s:o, s:o, s:f, s:o}", "scenario", bs_json_text(sc->name), "file",
                             bs_json_text(sc->source_file), "rule", bs_json_text(rule), "ballots", ballots, "p_pass", b->p_pass, "p_for", dist);
    if (root && b->have_monte_carlo)
        bs_json_set(root, "monte_carlo", json_pack("{s:f, s:f, s:I, s:I}", "p_pass", b->mc_p_pass, "stderr",
                                                           b->mc_stderr, "draws", (json_int_t)b->mc_draws, "seed",
                                                           (json_int_t)b->mc_seed));
    return root;
}

int output_vote(FILE *f, bs_format fmt, const bs_scenario *sc, const bs_ballot *b, bs_error *err)
{
    char rule[300];
    rule_text(&b->final->chamber, &b->stances, rule, sizeof rule);
    if (fmt == BS_FMT_JSON)
        return output_json(f, vote_json(sc, b, rule), 10, err);
    if (fmt == BS_FMT_CSV)
        vote_csv(f, sc, b);
    else
        vote_text(f, sc, b, rule);
    return 0;
}

json_t *output_vote_json(const bs_ballot *b)
{
    int passed = amendments_passed(b);
    return json_pack("{s:b, s:b, s:i, s:i, s:i, s:i, s:f, s:i, s:i}", "passed", b->vote.passed, "tie", b->vote.tie,
                     "for", b->vote.count[0], "against", b->vote.count[1], "abstain", b->vote.count[2], "absent",
                     b->vote.count[3], "p_pass", b->p_pass, "amendments", b->namendments, "amendments_passed",
                     passed);
}

void output_vote_csv(FILE *f, const bs_ballot *b, const char *who, int nyears)
{
    int passed = amendments_passed(b);
    const char *keys[] = {"passed", "for", "against", "abstain", "absent", "p_pass", "amendments_passed"};
    const char *items[] = {"Budget passed (1) or failed (0)", "Votes for", "Votes against", "Abstentions",
                           "Absent", "Probability of passing", "Amendments passed"};
    double vals[] = {b->vote.passed, b->vote.count[0], b->vote.count[1], b->vote.count[2], b->vote.count[3],
                     b->p_pass, passed};
    for (int k = 0; k < 7; k++) {
        fprintf(f, "vote.%s,%s%s,", keys[k], who ? "" : "Vote,", items[k]);
        fputs(k == 5 ? "probability" : "", f);
        if (who) {
            fputc(',', f);
            bs_csv_field(f, who);
        }
        fprintf(f, ",%.10g", vals[k]);
        for (int t = 1; t < nyears; t++)
            fputc(',', f);
        fputs("\r\n", f);
    }
}

void output_vote_summary(FILE *f, const bs_ballot *b)
{
    const bs_vote_result *v = &b->vote;
    fprintf(f, "  %s, %d votes to %d", v->passed ? "PASSED" : "FAILED", v->count[0], v->count[1]);
    if (v->count[2])
        fprintf(f, ", %d abstaining", v->count[2]);
    fprintf(f, ", %d absent", v->count[3]);
    if (v->tie)
        fprintf(f, " (tie: casting vote %s)", vote_position_name(v->casting));
    if (v->uncertain)
        fprintf(f, "; probability of passing %.4f", b->p_pass);
    int passed = amendments_passed(b);
    if (b->namendments)
        fprintf(f, "; %d of %d amendments passed", passed, b->namendments);
    fputs(" (budgetsim vote for the detail)\n", f);
}
