/* vote_output.c - the council meeting as text, CSV or JSON: amendments, the
 * budget vote group by group, red lines, the recorded vote and the odds.
 *
 * This file may use: core/, analyse/, write/, jansson and the C library. */
#include <jansson.h>
#include <math.h>
#include <stdarg.h>

#include "analyse/ballot.h"
#include "write/output.h"
#include "write/inputs.h"
#include "write/table_output.h"
#include "write/text.h"
#include "write/vote_facts.h"

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

/* The rule applied to ballot v in words, with what settles a tie (st: the
 * ballot's stances, for the chair's group). */
static void rule_text(const bs_council *c, const bs_stances *st, const bs_vote_result *v, char *buf, size_t size)
{
    vote_rule_facts r = vote_rule_of(c, v);
    const char *of = r.counted == BS_COUNT_VOTES_CAST ? "the votes cast"
                     : r.counted == BS_COUNT_PRESENT ? "the members present (abstentions count against)"
                                                     : "all members (absences count against)";
    int o;
    char share[40];
    vote_share_words(r.numerator, r.denominator, share, sizeof share);
    if (v->mayoral)
        /* the override share is of votes against (docs/meeting.md) */
        o = snprintf(buf, size, "the mayor's budget stands unless %s %s of %s are against it",
                     r.type == BS_RULE_MAJORITY ? "more than" : "at least", share, of);
    else if (c->process == BS_PROCESS_MAYOR)
        /* an amendment under the mayor's process: the council's own budget
         * needs this share of votes for */
        o = snprintf(buf, size, "the council's own budget needs %s %s of %s for it",
                     r.type == BS_RULE_MAJORITY ? "more than" : "at least", share, of);
    else if (r.type == BS_RULE_MAJORITY && r.numerator * 2 == r.denominator)
        o = snprintf(buf, size, "more than half of %s", of);
    else
        o = snprintf(buf, size, "%s %d/%d of %s", r.type == BS_RULE_MAJORITY ? "more than" : "at least",
                     r.numerator, r.denominator, of);
    if (o < 0 || (size_t)o >= size)
        return;
    if (r.type == BS_RULE_MAJORITY) {
        if (!r.casting_vote)
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

/* The tally in words: "24 for, 46 against, 2 abstaining, 3 absent" (the
 * abstentions and absences when there are any). */
static void text_counts(FILE *f, const bs_vote_result *v)
{
    fprintf(f, "%d for, %d against", v->count[0], v->count[1]);
    if (v->count[2])
        fprintf(f, ", %d abstaining", v->count[2]);
    if (v->count[3])
        fprintf(f, ", %d absent", v->count[3]);
}

/* The result of ballot v: inquorate (nothing decided); a mayor's budget
 * standing or overridden, with the votes against that override it; an
 * amendment under the mayor's process with the share of votes for it needs;
 * otherwise passed or failed, by how much and the votes needed. Then the
 * swing that would reverse it. amended: the budget on the table is the
 * council's (an amendment passed). */
static void text_result(FILE *f, const bs_council *c, const bs_vote_result *v, int amended)
{
    char phrase[200];
    if (!v->quorate) {
        /* LGA 1972 Sch. 12 para 6: no business below the quorum, so no
         * passed or failed on the votes */
        fprintf(f, "  Result: inquorate: %d present, the quorum is %d (%s); the meeting cannot decide (", v->present,
                v->quorum, vote_quorum_words(c));
        text_counts(f, v);
        fputs(").\n", f);
    } else if (v->mayoral) {
        fprintf(f, "  Result: %s %s: ", amended ? "the budget as amended" : "the mayor's budget",
                v->passed ? "STANDS" : "is OVERRIDDEN");
        text_counts(f, v);
        if (v->tie)
            fprintf(f, " (a tie, the chair's casting vote: %s)", vote_position_name(v->casting));
        if (v->override_needed >= 0)
            fprintf(f, "; %d against were needed to override it (%s)", v->override_needed,
                    vote_rule_phrase(v, phrase, sizeof phrase));
        else
            fprintf(f, "; no number of votes against could override it (%s)",
                    vote_rule_phrase(v, phrase, sizeof phrase));
        fputs(".\n", f);
    } else {
        fprintf(f, "  Result: %s, %d votes to %d", v->passed ? "PASSED" : "FAILED", v->count[0], v->count[1]);
        if (v->count[2])
            fprintf(f, ", %d abstaining", v->count[2]);
        /* Votes for needed with this turnout (write/vote_facts.h). */
        int need = vote_needed_of(c, v);
        if (v->tie)
            fprintf(f, " (a tie, settled by the chair's casting vote: %s)", vote_position_name(v->casting));
        else if (c->process == BS_PROCESS_MAYOR) {
            /* an amendment: the council's own budget needs the override
             * share of votes for (docs/meeting.md) */
            fprintf(f, " (the council's own budget needs %s", vote_rule_phrase(v, phrase, sizeof phrase));
            if (need >= 0)
                fprintf(f, ": %d needed)", need);
            else
                fputs(": no number of votes for could pass it)", f);
        } else if (need >= 0)
            fprintf(f, " (%d needed)", need);
        else
            fputs(" (no number of votes for could pass it)", f);
        fputs(".\n", f);
    }
    if (!v->quorate) {
        /* below the quorum what reverses it is attendance (the count of
         * bs_vote_result.swing moves the votes cast first) */
        int more = v->quorum - v->present;
        fprintf(f, "  Quorum: %d more member%s present would make the meeting quorate.\n", more, more == 1 ? "" : "s");
    } else if (v->swing > 0) {
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
static void text_ballot(FILE *f, const bs_scenario *sc, const bs_stances *st, const bs_vote_result *v, int amended)
{
    text_tally(f, &sc->chamber, st, v);
    text_result(f, &sc->chamber, v, amended);
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

/* The votes for the budget from their exact distribution: the mean, and
 * the smallest counts at which the cumulative probability reaches 5% and 95%. */
static void votes_for_summary(const bs_ballot *b, double *mean_out, int *p5, int *p95)
{
    double mean = 0, acc = 0;
    int lo = -1, hi = -1;
    for (int k = 0; k <= b->nvoters; k++) {
        mean += k * b->dist_for[k];
        acc += b->dist_for[k];
        if (lo < 0 && acc >= 0.05)
            lo = k;
        if (hi < 0 && acc >= 0.95)
            hi = k;
    }
    *mean_out = mean;
    *p5 = lo;
    *p95 = hi;
}

/* Whether any ballot of the meeting is uncertain (some member has a chance
 * of another vote on it). */
static int meeting_uncertain(const bs_ballot *b)
{
    int any = b->vote.uncertain;
    for (int a = 0; a < b->namendments; a++)
        any |= b->amendment_vote[a].uncertain;
    return any;
}

/* The Monte Carlo standard error of a share p of the draws. */
static double mc_stderr_of(const bs_ballot *b, double p)
{
    return b->mc_draws > 0 ? sqrt(p * (1.0 - p) / (double)b->mc_draws) : 0.0;
}

/* The odds of the whole meeting: the exact probability a budget is adopted
 * (over every pattern of amendments passed), each amendment's exact
 * probability of passing, the votes for on the final ballot (mean and the
 * 5th to 95th percentile), and the Monte Carlo check beside each when there
 * is one. Without amendments and an elected mayor's process the line is
 * the one it always was: a budget is adopted when the budget passes. */
static void text_uncertainty(FILE *f, const bs_scenario *sc, const bs_ballot *b)
{
    double mean;
    int lo, hi;
    votes_for_summary(b, &mean, &lo, &hi);
    fputs("\nUncertainty (members may rebel, abstain or be absent: the p_ settings)\n", f);
    /* amendments whose fate is uncertain: then more than one budget may be
     * put to the final ballot, and p_pass is over every pattern of them */
    int patterns = 0;
    for (int a = 0; a < b->namendments; a++)
        patterns += b->p_amendment[a] > 0.0 && b->p_amendment[a] < 1.0;
    if (patterns == 0 && !b->vote.mayoral)
        fprintf(f, "  Probability the budget passes, exact: %.6f\n", b->p_pass);
    else if (patterns == 0)
        fprintf(f, "  Probability a budget is adopted (the %s budget stands), exact: %.6f\n",
                amendments_passed(b) ? "council's" : "mayor's", b->p_pass);
    else
        fprintf(f, "  Probability a budget is adopted, exact, over the whole meeting (every pattern of the %d "
                   "amendment%s passing or failing, then the final ballot): %.6f\n",
                b->namendments, b->namendments == 1 ? "" : "s", b->p_pass);
    for (int a = 0; a < b->namendments; a++) {
        char name[SHOWN];
        fprintf(f, "  Amendment %d passes, exact: %.6f", a + 1, b->p_amendment[a]);
        if (b->have_monte_carlo)
            fprintf(f, "; Monte Carlo %.6f +/- %.6f", b->mc_p_amendment[a], mc_stderr_of(b, b->mc_p_amendment[a]));
        fprintf(f, " (%s)\n", text_display(sc->chamber.amendments[a].name, name, sizeof name));
    }
    fprintf(f, "  Votes for%s: mean %.1f, 90%% between %d and %d\n",
            patterns ? " on the final ballot, over the whole meeting" : "", mean, lo, hi);
    if (b->have_monte_carlo)
        fprintf(f, "  Monte Carlo check%s: %.6f +/- %.6f (%ld draws, seed %lu)\n",
                patterns ? " of the whole meeting (each ballot drawn), a budget adopted" : "", b->mc_p_pass,
                b->mc_stderr, b->mc_draws, b->mc_seed);
}

/* The meeting for people: the rule, the mayor, each amendment and its
 * ballot, the budget's ballot, red lines, the recorded vote, the odds. */
static void vote_text(FILE *f, const bs_scenario *sc, const bs_ballot *b, const char *rule)
{
    const bs_council *c = &b->final->chamber;
    bs_text_title(f, sc);
    inputs_text(f, "");
    fputc('\n', f);
    fputs("Rule: ", f);
    text_put(f, rule);
    fputs(".\n", f);
    if (c->has_mayor)
        text_mayor(f, c);
    if (c->process == BS_PROCESS_MAYOR && b->namendments > 0) {
        char phrase[200];
        bs_ballot_rule r = vote_default_amendment_rule(c);
        vote_share_words(r.numerator, r.denominator, phrase, sizeof phrase);
        fprintf(f, "Amendments (the council's own budget): each needs %s %s of %s for it, unless its own rule says "
                   "otherwise.\n",
                r.type == BS_RULE_AT_LEAST ? "at least" : "more than", phrase,
                r.counted == BS_COUNT_VOTES_CAST ? "the votes cast"
                : r.counted == BS_COUNT_PRESENT  ? "the members present"
                                                 : "all members");
    }
    for (int a = 0; a < b->namendments; a++) {
        const bs_amendment *am = &sc->chamber.amendments[a];
        char name[SHOWN], mover[SHOWN], change[BS_SET_MAX * 4];
        fprintf(f, "\nAmendment %d: %s, moved by %s\n", a + 1, text_display(am->name, name, sizeof name),
                text_display(group_name(c, am->mover_group), mover, sizeof mover));
        for (int k = 0; k < am->nset; k++)
            fprintf(f, "  changes %s\n", text_display(am->set[k], change, sizeof change));
        text_ballot(f, sc, &b->amendment_stances[a], &b->amendment_vote[a], 0);
    }
    fprintf(f, "\nThe vote on the budget%s\n", amendments_passed(b) ? ", as amended" : "");
    text_ballot(f, b->final, &b->stances, &b->vote, amendments_passed(b) > 0);
    text_red_lines(f, b->final, &b->stances);
    text_recorded(f, c, &b->vote);
    if (meeting_uncertain(b))
        text_uncertainty(f, sc, b);
}

/* One ballot of the meeting: its id, its kind, the amendment it is (NULL for
 * the budget), the council as it stood for it, its stances and result. */
typedef struct {
    const char *id;
    const bs_amendment *am;
    const bs_council *c;
    const bs_stances *st;
    const bs_vote_result *v;
} ballot_view;

/* Ballot a of b: the amendments in order (each read against the scenario
 * as written, as the text shows them), then (a = namendments) the budget,
 * against the final budget. */
static ballot_view ballot_view_at(const bs_scenario *sc, const bs_ballot *b, int a)
{
    const bs_vote_result *v;
    const bs_stances *st;
    ballot_view w;
    w.id = ballot_at(sc, b, a, &v, &st);
    w.am = a < b->namendments ? &sc->chamber.amendments[a] : NULL;
    w.c = w.am ? &sc->chamber : &b->final->chamber;
    w.st = st;
    w.v = v;
    return w;
}

/* The id of the red line that set group g's position, or NULL (the whip). */
static const char *group_red_line_id(const ballot_view *w, int g)
{
    int i = w->st->group_red_line[g];
    return i >= 0 && i < w->c->nred_lines ? w->c->red_lines[i].id : NULL;
}

/* "free vote", "whip", "red line", "mover", "listed" or "default". */
static const char *group_why_of(const ballot_view *w, int g)
{
    if (w->st->group_pos[g] == BS_POS_FREE)
        return "free vote";
    return w->st->group_why[g] ? w->st->group_why[g] : "whip";
}

/* The share of a red line's threshold: "above", "below" or "outside". */
static const char *red_line_test(const bs_red_line *rl)
{
    return rl->has_above && rl->has_below ? "outside" : rl->has_above ? "above" : "below";
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

/* One row "ballot,key,value" whose value is text from the scenario (a CSV
 * field); NULL: an empty value. */
static void csv_text_row(FILE *f, const char *ballot, const char *key, const char *value)
{
    bs_csv_field(f, ballot);
    fputc(',', f);
    bs_csv_field(f, key);
    fputc(',', f);
    if (value)
        bs_csv_field(f, value);
    fputs("\r\n", f);
}

/* The rows of one ballot that were there first (kept in their order): the
 * result, the totals, each group's position and counts, each named
 * member's vote. */
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

/* The rows of one ballot added since (docs/vote-output.md): what it is, the
 * rule applied and the votes needed, the casting vote, the swing and where
 * it could come from, why each group votes as it does, the Mayor's vote,
 * the named members' groups and wards. */
static void csv_ballot_more(FILE *f, const ballot_view *w, int amended, const bs_ballot *b, int a)
{
    static const char *const pos[4] = {"for", "against", "abstain", "absent"};
    const bs_council *c = w->c;
    const bs_vote_result *v = w->v;
    const char *id = w->id;
    char key[BS_ID_MAX + 32], rule[300];
    vote_rule_facts r = vote_rule_of(c, v);
    csv_key_row(f, id, "kind", "%s", w->am ? "amendment" : "budget");
    if (w->am) {
        csv_text_row(f, id, "name", w->am->name);
        csv_text_row(f, id, "moved_by", w->am->moved_by);
        for (int k = 0; k < w->am->nset; k++) {
            snprintf(key, sizeof key, "change.%d", k + 1);
            csv_text_row(f, id, key, w->am->set[k]);
        }
    } else {
        csv_key_row(f, id, "amended", "%d", amended);
    }
    csv_key_row(f, id, "voters", "%d", v->nvoters);
    csv_key_row(f, id, "counted", "%d", vote_counted_of(&r, v));
    int need = vote_needed_of(c, v);
    if (need >= 0)
        csv_key_row(f, id, "needed", "%d", need);
    else
        csv_text_row(f, id, "needed", NULL);
    csv_key_row(f, id, "result", "%s", vote_result_word(v));
    csv_key_row(f, id, "present", "%d", v->present);
    csv_key_row(f, id, "quorum", "%d", v->quorum);
    csv_key_row(f, id, "quorate", "%d", v->quorate ? 1 : 0);
    csv_key_row(f, id, "mayoral", "%d", v->mayoral ? 1 : 0);
    if (v->mayoral && v->override_needed >= 0)
        csv_key_row(f, id, "override_needed", "%d", v->override_needed);
    else
        csv_text_row(f, id, "override_needed", NULL);
    if (w->am) {
        /* this amendment's exact probability of passing, over the whole
         * meeting (every pattern of the amendments before it) */
        csv_key_row(f, id, "p_pass", "%.10g", b->p_amendment[a]);
        if (b->have_monte_carlo) {
            csv_key_row(f, id, "monte_carlo.p_pass", "%.10g", b->mc_p_amendment[a]);
            csv_key_row(f, id, "monte_carlo.stderr", "%.10g", mc_stderr_of(b, b->mc_p_amendment[a]));
        }
    }
    csv_key_row(f, id, "rule.type", "%s", vote_rule_type_name(r.type));
    csv_key_row(f, id, "rule.numerator", "%d", r.numerator);
    csv_key_row(f, id, "rule.denominator", "%d", r.denominator);
    csv_key_row(f, id, "rule.counted", "%s", vote_counted_name(r.counted));
    csv_key_row(f, id, "rule.casting_vote", "%d", r.casting_vote);
    bs_position cast = vote_casting_of(c, w->st, &r);
    csv_text_row(f, id, "rule.casting", cast == BS_POS_ABSENT ? NULL : vote_position_name(cast));
    rule_text(c, w->st, v, rule, sizeof rule);
    csv_text_row(f, id, "rule.text", rule);
    csv_text_row(f, id, "casting", v->tie ? vote_position_name(v->casting) : NULL);
    csv_text_row(f, id, "swing.from", v->swing > 0 ? vote_position_name(v->swing_from) : NULL);
    csv_text_row(f, id, "swing.to", v->swing > 0 ? vote_position_name(v->swing_to) : NULL);
    for (int g = 0; g < c->ngroups; g++) {
        snprintf(key, sizeof key, "swing.group.%s", c->groups[g].id);
        csv_key_row(f, id, key, "%d", v->swing > 0 ? v->swing_pool[g] : 0);
    }
    if (v->mayor_vote != BS_POS_WHIP)
        csv_key_row(f, id, "swing.mayor", "%d", v->swing > 0 ? v->swing_pool_mayor : 0);
    for (int g = 0; g < c->ngroups; g++) {
        snprintf(key, sizeof key, "group.%s.why", c->groups[g].id);
        csv_key_row(f, id, key, "%s", group_why_of(w, g));
        snprintf(key, sizeof key, "group.%s.red_line", c->groups[g].id);
        csv_text_row(f, id, key, group_red_line_id(w, g));
        snprintf(key, sizeof key, "group.%s.whip", c->groups[g].id);
        csv_key_row(f, id, key, "%s", vote_position_name(c->groups[g].whip));
    }
    if (v->mayor_vote != BS_POS_WHIP) {
        csv_key_row(f, id, "mayor.vote", "%s", vote_position_name(v->mayor_vote));
        for (int p = 0; p < 4; p++) {
            snprintf(key, sizeof key, "mayor.%s", pos[p]);
            csv_key_row(f, id, key, "%d", v->mayor_count[p]);
        }
    }
    for (int m = 0; m < c->nmembers; m++) {
        snprintf(key, sizeof key, "member.%s.group", c->members[m].id);
        csv_text_row(f, id, key, c->members[m].group);
        snprintf(key, sizeof key, "member.%s.ward", c->members[m].id);
        csv_text_row(f, id, key, c->members[m].ward[0] ? c->members[m].ward : NULL);
    }
    csv_key_row(f, id, "unnamed", "%d", v->nvoters - c->nmembers > 0 ? v->nvoters - c->nmembers : 0);
}

/* Each red line read against the final budget, as "budget" rows. */
static void csv_red_lines(FILE *f, const bs_council *c, const bs_stances *st)
{
    char key[BS_ID_MAX + 32], y[16];
    for (int i = 0; i < c->nred_lines; i++) {
        const bs_red_line *rl = &c->red_lines[i];
#define RL_KEY(what) (snprintf(key, sizeof key, "red_line.%s." what, rl->id), key)
        csv_text_row(f, "budget", RL_KEY("who"), rl->who);
        csv_text_row(f, "budget", RL_KEY("metric"), rl->metric);
        csv_key_row(f, "budget", RL_KEY("year"), "%d", rl->year);
        csv_key_row(f, "budget", RL_KEY("year_label"), "%s", bs_year_label(rl->year, y, sizeof y));
        csv_key_row(f, "budget", RL_KEY("test"), "%s", red_line_test(rl));
        if (rl->has_above)
            csv_key_row(f, "budget", RL_KEY("above"), "%.10g", rl->above);
        else
            csv_text_row(f, "budget", RL_KEY("above"), NULL);
        if (rl->has_below)
            csv_key_row(f, "budget", RL_KEY("below"), "%.10g", rl->below);
        else
            csv_text_row(f, "budget", RL_KEY("below"), NULL);
        csv_key_row(f, "budget", RL_KEY("vote"), "%s", vote_position_name(rl->vote));
        csv_key_row(f, "budget", RL_KEY("value"), "%.10g", st->red_line_value[i]);
        csv_key_row(f, "budget", RL_KEY("crossed"), "%d", st->red_line_crossed[i] ? 1 : 0);
#undef RL_KEY
    }
}

/* Every ballot, then the red lines and the odds of the budget's. The rows
 * of each ballot that were there first come first, in their order. */
static void vote_csv(FILE *f, const bs_scenario *sc, const bs_ballot *b)
{
    const bs_council *fc = &b->final->chamber;
    int amended = amendments_passed(b) > 0;
    fputs("ballot,key,value\r\n", f);
    for (int a = 0; a <= b->namendments; a++) {
        ballot_view w = ballot_view_at(sc, b, a);
        csv_ballot(f, fc, w.id, w.v, w.st);
        csv_ballot_more(f, &w, amended, b, a);
    }
    if (fc->has_mayor) {
        csv_text_row(f, "budget", "mayor.name", fc->mayor_name[0] ? fc->mayor_name : NULL);
        csv_text_row(f, "budget", "mayor.group", fc->mayor_group_index >= 0 ? fc->mayor_group : NULL);
        csv_key_row(f, "budget", "mayor.voting", "%d", fc->mayor_votes ? 1 : 0);
    }
    csv_key_row(f, "budget", "amendments_passed", "%d", amendments_passed(b));
    csv_key_row(f, "budget", "adopted", "%d", b->adopted ? 1 : 0);
    csv_key_row(f, "budget", "builds", "%d", b->builds);
    csv_red_lines(f, fc, &b->stances);
    double mean;
    int p5, p95;
    votes_for_summary(b, &mean, &p5, &p95);
    csv_key_row(f, "budget", "uncertain", "%d", b->vote.uncertain ? 1 : 0);
    csv_key_row(f, "budget", "votes_for.mean", "%.10g", mean);
    csv_key_row(f, "budget", "votes_for.p5", "%d", p5);
    csv_key_row(f, "budget", "votes_for.p95", "%d", p95);
    fprintf(f, "budget,p_pass,%.10g\r\n", b->p_pass);
    if (b->have_monte_carlo)
        fprintf(f, "budget,monte_carlo.p_pass,%.10g\r\nbudget,monte_carlo.draws,%ld\r\nbudget,monte_carlo.seed,%lu\r\n"
                   "budget,monte_carlo.stderr,%.10g\r\n",
                b->mc_p_pass, b->mc_draws, b->mc_seed, b->mc_stderr);
    for (int k = 0; k <= b->nvoters; k++)
        fprintf(f, "budget,p_for.%d,%.10g\r\n", k, b->dist_for[k]);
}

/* Text for JSON, or null for NULL (a new reference). */
static json_t *json_text_or_null(const char *s)
{
    return s ? bs_json_text(s) : json_null();
}

/* An int for JSON, or null when negative (a new reference). */
static json_t *json_count_or_null(int n)
{
    return n >= 0 ? json_integer(n) : json_null();
}

/* The rule applied to ballot w as a JSON object (a new reference). */
static json_t *json_rule(const ballot_view *w)
{
    char rule[300];
    vote_rule_facts r = vote_rule_of(w->c, w->v);
    bs_position cast = vote_casting_of(w->c, w->st, &r);
    rule_text(w->c, w->st, w->v, rule, sizeof rule);
    return json_pack("{s:s, s:i, s:i, s:s, s:b, s:o, s:o}", "type", vote_rule_type_name(r.type), "numerator",
                     r.numerator, "denominator", r.denominator, "counted", vote_counted_name(r.counted),
                     "casting_vote", r.casting_vote, "casting",
                     cast == BS_POS_ABSENT ? json_null() : json_string(vote_position_name(cast)), "text",
                     bs_json_text(rule));
}

/* One ballot as a JSON object (new reference): the result, the groups and
 * the named members (the keys there first), then what was added since
 * (docs/vote-output.md). */
static json_t *json_ballot(const ballot_view *w, int amended, const bs_ballot *b, int a)
{
    const bs_council *c = w->c;
    const bs_vote_result *v = w->v;
    const bs_stances *st = w->st;
    json_t *groups = json_array(), *members = json_array(), *pool = json_array();
    for (int g = 0; g < c->ngroups; g++)
        bs_json_append(groups, json_pack("{s:o, s:o, s:i, s:s, s:i, s:i, s:i, s:i, s:s, s:o, s:s}", "id",
                                         bs_json_text(c->groups[g].id), "name", bs_json_text(c->groups[g].name),
                                         "seats", c->groups[g].seats, "position",
                                         vote_position_name(st->group_pos[g]), "for", v->group_count[g][0],
                                         "against", v->group_count[g][1], "abstain", v->group_count[g][2],
                                         "absent", v->group_count[g][3], "why", group_why_of(w, g), "red_line",
                                         json_text_or_null(group_red_line_id(w, g)), "whip",
                                         vote_position_name(c->groups[g].whip)));
    for (int m = 0; m < c->nmembers; m++)
        bs_json_append(members, json_pack("{s:o, s:o, s:o, s:s, s:o}", "id", bs_json_text(c->members[m].id), "name",
                                          bs_json_text(c->members[m].name), "group",
                                          bs_json_text(c->members[m].group), "vote",
                                          vote_position_name(v->member_vote[m]), "ward",
                                          json_text_or_null(c->members[m].ward[0] ? c->members[m].ward : NULL)));
    if (v->swing > 0)
        for (int g = 0; g < c->ngroups; g++)
            if (v->swing_pool[g] > 0)
                bs_json_append(pool, json_pack("{s:o, s:o, s:i}", "id", bs_json_text(c->groups[g].id), "name",
                                               bs_json_text(c->groups[g].name), "members", v->swing_pool[g]));
    vote_rule_facts r = vote_rule_of(c, v);
    json_t *o = json_pack("{s:o, s:b, s:b, s:i, s:i, s:i, s:i, s:i, s:i, s:o, s:o}", "ballot", bs_json_text(w->id),
                          "passed", v->passed, "tie", v->tie, "for", v->count[0], "against", v->count[1], "abstain",
                          v->count[2], "absent", v->count[3], "margin", v->margin, "swing", v->swing, "groups", groups,
                          "members", members);
    if (!o)
        return NULL;
    bs_json_set(o, "kind", json_string(w->am ? "amendment" : "budget"));
    if (w->am) {
        json_t *changes = json_array();
        for (int k = 0; k < w->am->nset; k++)
            bs_json_append(changes, bs_json_text(w->am->set[k]));
        bs_json_set(o, "name", bs_json_text(w->am->name));
        bs_json_set(o, "moved_by", bs_json_text(w->am->moved_by));
        bs_json_set(o, "changes", changes);
    } else {
        bs_json_set(o, "amended", json_boolean(amended));
    }
    bs_json_set(o, "voters", json_integer(v->nvoters));
    bs_json_set(o, "counted", json_integer(vote_counted_of(&r, v)));
    bs_json_set(o, "needed", json_count_or_null(vote_needed_of(c, v)));
    bs_json_set(o, "result", json_string(vote_result_word(v)));
    bs_json_set(o, "present", json_integer(v->present));
    bs_json_set(o, "quorum", json_integer(v->quorum));
    bs_json_set(o, "quorate", json_boolean(v->quorate));
    bs_json_set(o, "mayoral", json_boolean(v->mayoral));
    bs_json_set(o, "override_needed", v->mayoral ? json_count_or_null(v->override_needed) : json_null());
    if (w->am) {
        bs_json_set(o, "p_pass", json_real(b->p_amendment[a]));
        if (b->have_monte_carlo)
            bs_json_set(o, "monte_carlo", json_pack("{s:f, s:f}", "p_pass", b->mc_p_amendment[a], "stderr",
                                                    mc_stderr_of(b, b->mc_p_amendment[a])));
    }
    bs_json_set(o, "rule", json_rule(w));
    bs_json_set(o, "casting", v->tie ? json_string(vote_position_name(v->casting)) : json_null());
    bs_json_set(o, "swing_from", v->swing > 0 ? json_string(vote_position_name(v->swing_from)) : json_null());
    bs_json_set(o, "swing_to", v->swing > 0 ? json_string(vote_position_name(v->swing_to)) : json_null());
    bs_json_set(o, "swing_pool", pool);
    bs_json_set(o, "swing_pool_mayor", json_integer(v->swing > 0 && v->mayor_vote != BS_POS_WHIP ? v->swing_pool_mayor : 0));
    bs_json_set(o, "mayor",
                v->mayor_vote == BS_POS_WHIP
                    ? json_null()
                    : json_pack("{s:s, s:i, s:i, s:i, s:i}", "vote", vote_position_name(v->mayor_vote), "for",
                                v->mayor_count[0], "against", v->mayor_count[1], "abstain", v->mayor_count[2],
                                "absent", v->mayor_count[3]));
    bs_json_set(o, "unnamed", json_integer(v->nvoters - c->nmembers > 0 ? v->nvoters - c->nmembers : 0));
    return o;
}

/* Each red line read against the final budget, as a JSON array (a new
 * reference). */
static json_t *json_red_lines(const bs_council *c, const bs_stances *st)
{
    json_t *a = json_array();
    char y[16];
    for (int i = 0; i < c->nred_lines; i++) {
        const bs_red_line *rl = &c->red_lines[i];
        const char *who = rl->group_index >= 0 ? c->groups[rl->group_index].name : c->members[rl->member_index].name;
        bs_json_append(a, json_pack("{s:o, s:o, s:o, s:o, s:i, s:s, s:s, s:o, s:o, s:s, s:f, s:b, s:s}", "id",
                                    bs_json_text(rl->id), "who", bs_json_text(rl->who), "who_name", bs_json_text(who),
                                    "metric", bs_json_text(rl->metric), "year", rl->year, "year_label",
                                    bs_year_label(rl->year, y, sizeof y), "test", red_line_test(rl), "above",
                                    rl->has_above ? json_real(rl->above) : json_null(), "below",
                                    rl->has_below ? json_real(rl->below) : json_null(), "vote",
                                    vote_position_name(rl->vote), "value", st->red_line_value[i], "crossed",
                                    st->red_line_crossed[i] ? 1 : 0, "status",
                                    st->red_line_crossed[i] ? "crossed" : "held"));
    }
    return a;
}

/* The meeting as one JSON object (new reference; NULL when out of memory). */
static json_t *vote_json(const bs_scenario *sc, const bs_ballot *b, const char *rule)
{
    const bs_council *fc = &b->final->chamber;
    int amended = amendments_passed(b) > 0;
    json_t *ballots = json_array();
    for (int a = 0; a <= b->namendments; a++) {
        ballot_view w = ballot_view_at(sc, b, a);
        bs_json_append(ballots, json_ballot(&w, amended, b, a));
    }
    json_t *dist = json_array();
    for (int k = 0; k <= b->nvoters; k++)
        bs_json_append(dist, json_real(b->dist_for[k]));
    json_t *root = json_pack("{s:o, s:o, s:o, s:o, s:f, s:o}", "scenario", bs_json_text(sc->name), "file",
                             bs_json_text(sc->source_file), "rule", bs_json_text(rule), "ballots", ballots, "p_pass", b->p_pass, "p_for", dist);
    if (!root)
        return NULL;
    json_t *p_am = json_object(), *mc_am = json_object();
    for (int a = 0; a < b->namendments; a++) {
        bs_json_set(p_am, sc->chamber.amendments[a].id, json_real(b->p_amendment[a]));
        bs_json_set(mc_am, sc->chamber.amendments[a].id, json_real(b->mc_p_amendment[a]));
    }
    bs_json_set(root, "p_amendment", p_am);
    if (b->have_monte_carlo) {
        json_t *mc = json_pack("{s:f, s:f, s:I, s:I}", "p_pass", b->mc_p_pass, "stderr", b->mc_stderr, "draws",
                               (json_int_t)b->mc_draws, "seed", (json_int_t)b->mc_seed);
        if (mc)
            bs_json_set(mc, "p_amendment", mc_am);
        else
            json_decref(mc_am);
        bs_json_set(root, "monte_carlo", mc);
    } else {
        json_decref(mc_am);
    }
    bs_json_set(root, "mayor",
                !fc->has_mayor ? json_null()
                               : json_pack("{s:o, s:o, s:b}", "name",
                                           json_text_or_null(fc->mayor_name[0] ? fc->mayor_name : NULL), "group",
                                           json_text_or_null(fc->mayor_group_index >= 0 ? fc->mayor_group : NULL),
                                           "votes", fc->mayor_votes));
    bs_json_set(root, "amendments_passed", json_integer(amendments_passed(b)));
    bs_json_set(root, "adopted", json_boolean(b->adopted));
    bs_json_set(root, "builds", json_integer(b->builds));
    bs_json_set(root, "red_lines", json_red_lines(fc, &b->stances));
    double mean;
    int p5, p95;
    votes_for_summary(b, &mean, &p5, &p95);
    bs_json_set(root, "uncertain", json_boolean(b->vote.uncertain));
    bs_json_set(root, "votes_for", json_pack("{s:f, s:i, s:i}", "mean", mean, "p5", p5, "p95", p95));
    inputs_json_add(root);
    return root;
}

int output_vote(FILE *f, bs_format fmt, const bs_scenario *sc, const bs_ballot *b, bs_error *err)
{
    char rule[300];
    rule_text(&b->final->chamber, &b->stances, &b->vote, rule, sizeof rule);
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
    json_t *o = json_pack("{s:b, s:b, s:i, s:i, s:i, s:i, s:f, s:i, s:i}", "passed", b->vote.passed, "tie",
                          b->vote.tie, "for", b->vote.count[0], "against", b->vote.count[1], "abstain",
                          b->vote.count[2], "absent", b->vote.count[3], "p_pass", b->p_pass, "amendments",
                          b->namendments, "amendments_passed", passed);
    if (o) {
        bs_json_set(o, "adopted", json_boolean(b->adopted));
        bs_json_set(o, "result", json_string(vote_result_word(&b->vote)));
        bs_json_set(o, "quorate", json_boolean(b->vote.quorate));
        bs_json_set(o, "mayoral", json_boolean(b->vote.mayoral));
    }
    return o;
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
    if (!v->quorate)
        fprintf(f, "  INQUORATE, %d present, the quorum %d: no budget adopted; %d for, %d against", v->present,
                v->quorum, v->count[0], v->count[1]);
    else if (v->mayoral)
        fprintf(f, "  the %s budget %s, %d for, %d against (%d against needed to override)",
                amendments_passed(b) ? "council's" : "mayor's", v->passed ? "STANDS" : "is OVERRIDDEN", v->count[0],
                v->count[1], v->override_needed);
    else
        fprintf(f, "  %s, %d votes to %d", v->passed ? "PASSED" : "FAILED", v->count[0], v->count[1]);
    if (v->count[2])
        fprintf(f, ", %d abstaining", v->count[2]);
    fprintf(f, ", %d absent", v->count[3]);
    if (v->tie)
        fprintf(f, " (tie: casting vote %s)", vote_position_name(v->casting));
    if (meeting_uncertain(b))
        fprintf(f, "; probability %s %.4f", b->namendments || v->mayoral ? "a budget is adopted" : "of passing",
                b->p_pass);
    int passed = amendments_passed(b);
    if (b->namendments)
        fprintf(f, "; %d of %d amendments passed", passed, b->namendments);
    fputs(" (budgetsim vote for the detail)\n", f);
}
