/* check.c - the checks that look across a built scenario's parts (see
 * check.h): the council, the uncertainties, the metrics of red lines, and
 * a finite budget. Each message points at the entry to blame, else at the
 * group of the part it is about.
 *
 * This file may use: core/, load/ and the C library. */
#include "load/check.h"

#include "core/bind.h"
#include "core/budget.h"
#include "core/guard.h"
#include "core/palette.h"
#include "core/table.h"
#include "core/vote.h"
#include "load/assign.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Group index of id, or -1. */
static int find_group(const bs_council *c, const char *id)
{
    for (int g = 0; g < c->ngroups; g++)
        if (strcmp(c->groups[g].id, id) == 0)
            return g;
    return -1;
}

/* Named member index of id, or -1. */
static int find_member(const bs_council *c, const char *id)
{
    for (int m = 0; m < c->nmembers; m++)
        if (strcmp(c->members[m].id, id) == 0)
            return m;
    return -1;
}

/* "labour, libdem, green" into buf. */
static void group_list(const bs_council *c, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int g = 0; g < c->ngroups && o + 70 < size; g++)
        o += (size_t)snprintf(buf + o, size - o, "%s%s", g ? ", " : "", c->groups[g].id);
}

/* The entry for the path fmt makes of id and leaf (into path), else the
 * instance's group entry, for a message. */
static const entry *where(entry_set *es, const entry *fallback, const char *fmt, const char *id, const char *leaf,
                          char *path, size_t size)
{
    snprintf(path, size, fmt, id, leaf);
    const entry *e = entries_find(es, path);
    return e ? e : fallback;
}

/* ------------------------------------------------------------------ */
/* The council                                                         */
/* ------------------------------------------------------------------ */

typedef char path_buf[MAX_PATH_LEN + 80];

/* The entry of the setting leaf of group g when it is written, else NULL
 * (its path into path). */
static const entry *group_entry(entry_set *es, const bs_group *gr, const char *leaf, char *path, size_t size)
{
    snprintf(path, size, "council.groups.%s.%s", gr->id, leaf);
    return entries_find(es, path);
}

/* Settings of group g that would change nothing where they are written: a
 * share for a free vote when the whip is not free, how rebels vote when
 * there are none, a chance no member takes (every member named with their
 * own, or counted absent, abstaining or rebelling: in a vote on an
 * amendment those who abstain or rebel on the budget follow the whip).
 * Each is refused unless what makes it moot was written in a file laid
 * over it (an alternative whipping a group its base gave a free vote). */
static int check_group_effect(const bs_council *c, entry_set *es, const bs_group *gr, int named, bs_error *err)
{
    static const char *const whip_word[] = {"for", "against", "abstain", "absent", "free"};
    path_buf path, dpath;
    const entry *e;
    if (gr->whip != BS_POS_FREE && (e = group_entry(es, gr, "free_for_pct", path, sizeof path)) &&
        !entries_laid_over(group_entry(es, gr, "whip", dpath, sizeof dpath), e))
        return bs_fail(err, e->file, e->line, path,
                       "has no effect: it is the share voting for in a free vote, and the group's whip is \"%s\", "
                       "not \"free\"",
                       whip_word[gr->whip]);
    if (gr->rebels == 0 && (e = group_entry(es, gr, "rebels_vote", path, sizeof path)) &&
        !entries_laid_over(group_entry(es, gr, "rebels", dpath, sizeof dpath), e))
        return bs_fail(err, e->file, e->line, path, "has no effect: the group has no rebels (rebels is 0)");
    static const char *const chance[] = {"p_rebel", "p_abstain", "p_absent"}, *const counts[] = {"seats", "absent",
                                                                                                 "abstain", "rebels"};
    int takers = gr->seats - named - gr->absent - (c->namendments ? 0 : gr->abstain + gr->rebels);
    for (int k = 0; k < 3; k++) {
        if (!(e = group_entry(es, gr, chance[k], path, sizeof path)))
            continue;
        int later = 0; /* the counts that leave no one to take it were changed over it */
        for (int j = 0; j < 4; j++)
            later |= entries_laid_over(group_entry(es, gr, counts[j], dpath, sizeof dpath), e);
        if (later)
            continue;
        int n = takers;
        for (int m = 0; m < c->nmembers && n <= 0; m++) {
            const bs_member *mb = &c->members[m];
            double own = k == 0 ? mb->p_rebel : k == 1 ? mb->p_abstain : mb->p_absent;
            n += strcmp(mb->group, gr->id) == 0 && mb->vote == BS_POS_WHIP && own < 0;
        }
        if (n <= 0)
            return bs_fail(err, e->file, e->line, path,
                           "has no effect: no member of the group takes the group's chance (each is named with a "
                           "vote or a %s of their own, or counted absent, abstaining or rebelling)",
                           chance[k]);
    }
    return 0;
}

/* Group g: its colour (a default from the palette), its probabilities, and
 * room in its seats for its named members and those it says deviate. */
static int check_group(builder *b, entry_set *es, int g, bs_error *err)
{
    bs_council *c = &b->sc->chamber;
    bs_group *gr = &c->groups[g];
    const entry *ge = b->group[BS_IN_GROUP][g], *e;
    path_buf path;
    if (!gr->colour[0])
        bs_strlcpy(gr->colour, bs_group_colour(g), sizeof gr->colour); /* core/palette.h */
    else {
        int ok = strlen(gr->colour) == 7 && gr->colour[0] == '#';
        for (int k = 1; ok && k < 7; k++)
            ok = isxdigit((unsigned char)gr->colour[k]) != 0;
        if (!ok) {
            e = where(es, ge, "council.groups.%s.%s", gr->id, "colour", path, sizeof path);
            return bs_fail(err, e->file, e->line, path, "must be a colour written #rrggbb, not \"%.20s\"", gr->colour);
        }
    }
    if (gr->p_rebel + gr->p_abstain + gr->p_absent > 1.0 + 1e-12) {
        e = where(es, ge, "council.groups.%s.%s", gr->id, "p_rebel", path, sizeof path);
        return bs_fail(err, e->file, e->line, path, "p_rebel + p_abstain + p_absent add up to more than 1");
    }
    int named = 0;
    for (int m = 0; m < c->nmembers; m++)
        named += strcmp(c->members[m].group, gr->id) == 0;
    int deviants = gr->absent + gr->abstain + gr->rebels;
    if (named + deviants > gr->seats) {
        e = where(es, ge, "council.groups.%s.%s", gr->id, gr->rebels ? "rebels" : gr->absent ? "absent" : "seats", path,
                  sizeof path);
        return bs_fail(err, e->file, e->line, path,
                       "%d named members, %d absent, %d abstaining and %d rebels are more than the group's %d seats",
                       named, gr->absent, gr->abstain, gr->rebels, gr->seats);
    }
    return check_group_effect(c, es, gr, named, err);
}

/* The named members: each in a known group, with probabilities (their own
 * or their group's) that add up to at most 1. */
static int check_members(builder *b, entry_set *es, const char *known, bs_error *err)
{
    bs_council *c = &b->sc->chamber;
    path_buf path;
    for (int m = 0; m < c->nmembers; m++) {
        bs_member *mb = &c->members[m];
        const entry *me = b->group[BS_IN_MEMBER][m], *e;
        mb->group_index = find_group(c, mb->group);
        if (mb->group_index < 0) {
            e = where(es, me, "council.members.%s.%s", mb->id, "group", path, sizeof path);
            return bs_fail(err, e->file, e->line, path, "no group \"%s\" (known: %s)", mb->group, known);
        }
        const bs_group *gr = &c->groups[mb->group_index];
        double pr = mb->p_rebel >= 0 ? mb->p_rebel : gr->p_rebel, pb = mb->p_abstain >= 0 ? mb->p_abstain : gr->p_abstain,
               pa = mb->p_absent >= 0 ? mb->p_absent : gr->p_absent;
        if (pr + pb + pa > 1.0 + 1e-12) {
            e = where(es, me, "council.members.%s.%s", mb->id, "p_rebel", path, sizeof path);
            return bs_fail(err, e->file, e->line, path, "p_rebel + p_abstain + p_absent add up to more than 1");
        }
    }
    return 0;
}

/* The mayor's and the chair's groups, and the majority rule. */
static int check_offices(bs_council *c, entry_set *es, const char *known, bs_error *err)
{
    const entry *e;
    c->has_mayor = entries_has_part(es, "council.mayor");
    c->mayor_group_index = -1;
    if (c->mayor_group[0] && (c->mayor_group_index = find_group(c, c->mayor_group)) < 0) {
        e = entries_find(es, "council.mayor.group");
        return bs_fail(err, e->file, e->line, "council.mayor.group", "no group \"%s\" (known: %s)", c->mayor_group,
                       known);
    }
    c->chair_group_index = -1;
    if (c->chair_group[0] && (c->chair_group_index = find_group(c, c->chair_group)) < 0) {
        e = entries_find(es, "council.chair.group");
        return bs_fail(err, e->file, e->line, "council.chair.group", "no group \"%s\" (known: %s)", c->chair_group,
                       known);
    }
    /* settings that would change nothing where they are written (unless
     * what makes them moot was written over them, as for a group) */
    if (!c->mayor_votes && (e = entries_find(es, "council.mayor.vote")) &&
        !entries_laid_over(entries_find(es, "council.mayor.votes"), e))
        return bs_fail(err, e->file, e->line, "council.mayor.vote",
                       "has no effect: the mayor does not vote (council.mayor.votes is false)");
    if (!c->casting_vote && (e = entries_find(es, "council.chair.casting")) &&
        !entries_laid_over(entries_find(es, "council.chair.casting_vote"), e))
        return bs_fail(err, e->file, e->line, "council.chair.casting",
                       "has no effect: the chair has no casting vote (council.chair.casting_vote is false)");
    if (c->numerator > c->denominator) {
        e = entries_find(es, "council.rule.numerator");
        return bs_fail(err, e->file, e->line, "council.rule.numerator", "%d is more than the denominator %d",
                       c->numerator, c->denominator);
    }
    return 0;
}

/* Each red line: a known group or member, above or below, a year inside
 * the horizon; it keeps where its metric is written. */
static int check_red_lines(builder *b, entry_set *es, const char *known, bs_error *err)
{
    bs_scenario *sc = b->sc;
    bs_council *c = &sc->chamber;
    int last = sc->first_year + sc->nyears - 1;
    path_buf path;
    for (int i = 0; i < c->nred_lines; i++) {
        bs_red_line *rl = &c->red_lines[i];
        const entry *re = b->group[BS_IN_RED_LINE][i], *e;
        rl->group_index = find_group(c, rl->who);
        rl->member_index = rl->group_index < 0 ? find_member(c, rl->who) : -1;
        if (rl->group_index < 0 && rl->member_index < 0) {
            e = where(es, re, "council.red_lines.%s.%s", rl->id, "who", path, sizeof path);
            return bs_fail(err, e->file, e->line, path, "no group or named member \"%s\" (groups: %s)", rl->who, known);
        }
        snprintf(path, sizeof path, "council.red_lines.%s.above", rl->id);
        rl->has_above = entries_find(es, path) != NULL;
        snprintf(path, sizeof path, "council.red_lines.%s.below", rl->id);
        rl->has_below = entries_find(es, path) != NULL;
        if (!rl->has_above && !rl->has_below) {
            snprintf(path, sizeof path, "council.red_lines.%s.above", rl->id);
            return bs_fail(err, re->file, re->line, path, "missing: a red line needs above or below (or both)");
        }
        if (rl->year == 0)
            rl->year = sc->first_year;
        if (rl->year < sc->first_year || rl->year > last) {
            e = where(es, re, "council.red_lines.%s.%s", rl->id, "year", path, sizeof path);
            return bs_fail(err, e->file, e->line, path, "%d is outside the horizon %d to %d", rl->year, sc->first_year,
                           last);
        }
        e = where(es, re, "council.red_lines.%s.%s", rl->id, "metric", path, sizeof path);
        bs_strlcpy(rl->file, e->file, sizeof rl->file);
        rl->line = e->line;
    }
    return 0;
}

/* The changes of amendment am, one "path=value" a line in its set_text,
 * into am->set (e at path is where they are written). */
static int split_changes(bs_amendment *am, const entry *e, const char *path, bs_error *err)
{
    am->nset = 0;
    for (const char *p = am->set_text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (am->nset >= BS_MAX_AMEND_SETS)
            return bs_fail(err, e->file, e->line, path, "has more than %d changes", BS_MAX_AMEND_SETS);
        if (len >= BS_SET_MAX)
            return bs_fail(err, e->file, e->line, path, "entry %d is longer than %d bytes", am->nset + 1,
                           BS_SET_MAX - 1);
        if (!memchr(p, '=', len))
            return bs_fail(err, e->file, e->line, path, "entry %d is not of the form path=value", am->nset + 1);
        memcpy(am->set[am->nset], p, len);
        am->set[am->nset++][len] = '\0';
        p += len + (nl ? 1 : 0);
    }
    if (am->nset == 0)
        return bs_fail(err, e->file, e->line, path, "an amendment must change something");
    return 0;
}

/* The groups amendment am (written at ae) lists as voting for, against or
 * abstaining: each known, each once. */
static int group_votes(bs_council *c, bs_amendment *am, entry_set *es, const entry *ae, const char *known,
                       bs_error *err)
{
    const char *lists[3] = {am->groups_for, am->groups_against, am->groups_abstain};
    const char *leaf[3] = {"for", "against", "abstain"};
    const bs_position pos[3] = {BS_POS_FOR, BS_POS_AGAINST, BS_POS_ABSTAIN};
    path_buf path;
    for (int k = 0; k < 3; k++)
        for (const char *p = lists[k]; *p;) {
            const char *nl = strchr(p, '\n');
            size_t len = nl ? (size_t)(nl - p) : strlen(p);
            char id[BS_ID_MAX];
            const entry *e = where(es, ae, "amendments.%s.%s", am->id, leaf[k], path, sizeof path);
            if (len >= sizeof id)
                return bs_fail(err, e->file, e->line, path, "no group \"%.40s...\"", p);
            memcpy(id, p, len);
            id[len] = '\0';
            int g = find_group(c, id);
            if (g < 0)
                return bs_fail(err, e->file, e->line, path, "no group \"%s\" (known: %s)", id, known);
            if (am->group_vote[g] != BS_POS_WHIP)
                return bs_fail(err, e->file, e->line, path, "group \"%s\" is listed twice", id);
            am->group_vote[g] = pos[k];
            p += len + (nl ? 1 : 0);
        }
    return 0;
}

/* Each amendment: moved by a known group, with changes, and the groups'
 * votes; it keeps where its changes are written. */
static int check_amendment_parts(builder *b, entry_set *es, const char *known, bs_error *err)
{
    bs_council *c = &b->sc->chamber;
    path_buf path;
    for (int a = 0; a < c->namendments; a++) {
        bs_amendment *am = &c->amendments[a];
        const entry *ae = b->group[BS_IN_AMENDMENT][a], *e;
        if ((am->mover_group = find_group(c, am->moved_by)) < 0) {
            e = where(es, ae, "amendments.%s.%s", am->id, "moved_by", path, sizeof path);
            return bs_fail(err, e->file, e->line, path, "no group \"%s\" (known: %s)", am->moved_by, known);
        }
        e = where(es, ae, "amendments.%s.%s", am->id, "set", path, sizeof path);
        bs_strlcpy(am->set_file, e->file, sizeof am->set_file);
        am->set_line = e->line;
        if (split_changes(am, e, path, err) != 0 || group_votes(c, am, es, ae, known, err) != 0)
            return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* The meeting: rules per ballot, the process, the quorum, chances     */
/* ------------------------------------------------------------------ */

/* Is the setting prefix.leaf written (in a file or by --set)? */
static bool given(entry_set *es, const char *prefix, const char *leaf)
{
    path_buf path;
    snprintf(path, sizeof path, "%s.%s", prefix, leaf);
    return entries_find(es, path) != NULL;
}

/* Fill the fields of r not written under prefix from def; check the share. */
static int resolve_rule(bs_ballot_rule *r, const bs_ballot_rule *def, entry_set *es, const char *prefix,
                        const entry *fallback, bs_error *err)
{
    if (!given(es, prefix, "type"))
        r->type = def->type;
    if (!given(es, prefix, "numerator"))
        r->numerator = def->numerator;
    if (!given(es, prefix, "denominator"))
        r->denominator = def->denominator;
    if (!given(es, prefix, "counted"))
        r->counted = def->counted;
    if (!given(es, prefix, "casting_vote"))
        r->casting_vote = def->casting_vote;
    if (r->numerator > r->denominator) {
        path_buf path;
        snprintf(path, sizeof path, "%s.numerator", prefix);
        const entry *e = entries_find(es, path);
        if (!e) {
            snprintf(path, sizeof path, "%s.denominator", prefix);
            e = entries_find(es, path);
        }
        e = e ? e : fallback;
        return bs_fail(err, e->file, e->line, path, "%d is more than the denominator %d", r->numerator,
                       r->denominator);
    }
    return 0;
}

/* The chances of one ballot, each entry "GROUP.p_rebel=P" of text (written
 * at e, path), into ch[ngroups] (-1: the group's own). */
static int parse_chances(const bs_council *c, const char *text, bs_chances *ch, bool *has, const entry *e,
                         const char *path, const char *known, bs_error *err)
{
    for (int g = 0; g < BS_MAX_GROUPS; g++)
        ch[g].p_rebel = ch[g].p_abstain = ch[g].p_absent = -1.0;
    *has = false;
    int k = 0;
    for (const char *p = text; *p; k++) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char item[200];
        if (len >= sizeof item)
            return bs_fail(err, e->file, e->line, path, "entry %d is too long", k + 1);
        memcpy(item, p, len);
        item[len] = '\0';
        p += len + (nl ? 1 : 0);
        char *dot = strchr(item, '.'), *eq = strchr(item, '=');
        if (!dot || !eq || eq < dot)
            return bs_fail(err, e->file, e->line, path, "entry %d is not of the form GROUP.p_rebel=P", k + 1);
        *dot = '\0';
        *eq = '\0';
        int g = find_group(c, item);
        if (g < 0)
            return bs_fail(err, e->file, e->line, path, "entry %d: no group \"%s\" (known: %s)", k + 1, item, known);
        double *slot = strcmp(dot + 1, "p_rebel") == 0     ? &ch[g].p_rebel
                       : strcmp(dot + 1, "p_abstain") == 0 ? &ch[g].p_abstain
                       : strcmp(dot + 1, "p_absent") == 0  ? &ch[g].p_absent
                                                           : NULL;
        if (!slot)
            return bs_fail(err, e->file, e->line, path, "entry %d: \"%s\" must be p_rebel, p_abstain or p_absent", k + 1,
                           dot + 1);
        char *end;
        double v = strtod(eq + 1, &end);
        if (end == eq + 1 || *end || !(v >= 0.0 && v <= 1.0))
            return bs_fail(err, e->file, e->line, path, "entry %d: the chance must be a number from 0 to 1, not \"%s\"",
                           k + 1, eq + 1);
        if (*slot >= 0)
            return bs_fail(err, e->file, e->line, path, "entry %d: %s.%s is given twice", k + 1, item, dot + 1);
        *slot = v;
        *has = true;
        const bs_group *gr = &c->groups[g];
        double sum = (ch[g].p_rebel >= 0 ? ch[g].p_rebel : gr->p_rebel) +
                     (ch[g].p_abstain >= 0 ? ch[g].p_abstain : gr->p_abstain) +
                     (ch[g].p_absent >= 0 ? ch[g].p_absent : gr->p_absent);
        if (sum > 1.0 + 1e-12)
            return bs_fail(err, e->file, e->line, path,
                           "entry %d: group \"%s\"'s p_rebel + p_abstain + p_absent on this ballot add up to more than 1",
                           k + 1, item);
    }
    return 0;
}

/* The rule of every ballot, the process, the quorum and the chances of
 * each ballot (docs/meeting.md). council is where the council part is
 * written. */
static int check_meeting(builder *b, entry_set *es, const entry *council, const char *known, bs_error *err)
{
    bs_council *c = &b->sc->chamber;
    const entry *e;
    path_buf path;
    /* the council's casting vote: council.rule.casting_vote, else the chair's */
    if (given(es, "council.rule", "casting_vote"))
        c->casting_vote = c->rule_casting_vote;
    c->rule_casting_vote = c->casting_vote;
    bs_ballot_rule council_rule = vote_council_rule(c);
    if (c->process == BS_PROCESS_MAYOR && !c->has_mayor) {
        e = entries_find(es, "council.process");
        return bs_fail(err, e->file, e->line, "council.process",
                       "\"mayor\" needs an elected mayor (a council.mayor part)");
    }
    /* the override: at least the share, of votes cast by default */
    c->mayor_override.type = BS_RULE_AT_LEAST;
    if (!given(es, "council.mayor.override", "casting_vote"))
        c->mayor_override.casting_vote = council_rule.casting_vote;
    if (c->mayor_override.numerator > c->mayor_override.denominator) {
        e = entries_find(es, "council.mayor.override.numerator");
        e = e ? e : entries_find(es, "council.mayor.override.denominator");
        e = e ? e : council;
        return bs_fail(err, e->file, e->line, "council.mayor.override.numerator", "%d is more than the denominator %d",
                       c->mayor_override.numerator, c->mayor_override.denominator);
    }
    if (c->process != BS_PROCESS_MAYOR) {
        e = entries_find(es, "council.mayor.override");
        for (int i = 0; i < es->n && !e; i++)
            if (strncmp(es->v[i].path, "council.mayor.override.", 23) == 0)
                e = &es->v[i];
        if (e)
            return bs_fail(err, e->file, e->line, "council.mayor.override",
                           "has no effect: the council decides the budget (council.process is not \"mayor\")");
        c->mayor_override.denominator = 0; /* none */
    }
    /* the budget ballot's rule */
    e = entries_find(es, "council.budget_rule");
    for (int i = 0; i < es->n && !e; i++)
        if (strncmp(es->v[i].path, "council.budget_rule.", 20) == 0)
            e = &es->v[i];
    if (c->process == BS_PROCESS_MAYOR && e)
        return bs_fail(err, e->file, e->line, "council.budget_rule",
                       "has no effect: under council.process = \"mayor\" the budget ballot takes council.mayor.override");
    if (resolve_rule(&c->budget_rule, &council_rule, es, "council.budget_rule", council, err) != 0)
        return -1;
    /* each amendment's rule */
    bs_ballot_rule am_def = vote_default_amendment_rule(c);
    for (int a = 0; a < c->namendments; a++) {
        bs_amendment *am = &c->amendments[a];
        snprintf(path, sizeof path, "amendments.%s.rule", am->id);
        if (resolve_rule(&am->rule, &am_def, es, path, b->group[BS_IN_AMENDMENT][a], err) != 0)
            return -1;
    }
    /* the quorum: a quarter of the whole number of members, rounded up */
    int whole = c->seats + (c->has_mayor && c->mayor_is_member ? 1 : 0);
    if (!given(es, "council", "quorum"))
        c->quorum = (whole + 3) / 4;
    else if (c->quorum > whole) {
        e = entries_find(es, "council.quorum");
        return bs_fail(err, e->file, e->line, "council.quorum", "%d is more than the %d members", c->quorum, whole);
    }
    /* chances per ballot */
    e = entries_find(es, "council.budget_chances");
    if (parse_chances(c, c->budget_chances_text, c->budget_chances, &c->has_budget_chances, e ? e : council,
                      "council.budget_chances", known, err) != 0)
        return -1;
    for (int a = 0; a < c->namendments; a++) {
        bs_amendment *am = &c->amendments[a];
        e = where(es, b->group[BS_IN_AMENDMENT][a], "amendments.%s.%s", am->id, "chances", path, sizeof path);
        if (parse_chances(c, am->chances_text, am->chances, &am->has_chances, e, path, known, err) != 0)
            return -1;
    }
    return 0;
}

int check_council(builder *b, entry_set *es, bs_error *err)
{
    bs_council *c = &b->sc->chamber;
    char known[600];
    c->given = entries_has_part(es, "council");
    if (!c->given) {
        if (c->namendments > 0) {
            const entry *e = b->group[BS_IN_AMENDMENT][0];
            return bs_fail(err, e->file, e->line, "amendments", "need a council part to vote on them");
        }
        return 0;
    }
    const entry *council = entries_find(es, "council");
    if (!council) /* given only by --set: point at the first of its settings */
        for (int i = 0; i < es->n && !council; i++)
            if (strncmp(es->v[i].path, "council.", 8) == 0)
                council = &es->v[i];
    if (c->ngroups == 0)
        return bs_fail(err, council->file, council->line, "council.groups", "missing: at least one group is needed");
    int total = 0;
    for (int g = 0; g < c->ngroups; g++) {
        total += c->groups[g].seats;
        if (check_group(b, es, g, err) != 0)
            return -1;
    }
    if (total != c->seats) {
        const entry *e = entries_find(es, "council.seats");
        e = e ? e : council;
        return bs_fail(err, e->file, e->line, "council.seats", "is %d but the groups' seats add up to %d", c->seats,
                       total);
    }
    group_list(c, known, sizeof known);
    if (check_members(b, es, known, err) != 0 || check_offices(c, es, known, err) != 0 ||
        check_red_lines(b, es, known, err) != 0 || check_amendment_parts(b, es, known, err) != 0 ||
        check_meeting(b, es, council, known, err) != 0)
        return -1;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Uncertainty                                                         */
/* ------------------------------------------------------------------ */

/* The parameters of uncertainty u (written at g): those its distribution
 * takes, and no others. */
static int check_parameters(const bs_uncertainty *u, const entry *g, entry_set *es, bs_error *err)
{
    static const char *const dist_name[] = {"normal", "lognormal", "uniform", "triangular", "beta"};
    static const char *const params[] = {"mean", "sd", "log_mean", "log_sd", "low", "mode", "high", "a", "b"};
    /* the parameters each distribution takes, by bit in params[] */
    static const unsigned takes[] = {0x003, 0x00c, 0x050, 0x070, 0x1d0};
    static const char *const needs[] = {"mean and sd", "log_mean and log_sd", "low and high", "low, mode and high",
                                        "a, b, low and high"};
    for (int k = 0; k < 9; k++) {
        path_buf ppath;
        snprintf(ppath, sizeof ppath, "uncertainty.%s.%s", u->id, params[k]);
        const entry *pe = entries_find(es, ppath);
        int wanted = (takes[u->dist] >> k) & 1;
        if (pe && !wanted)
            return bs_fail(err, pe->file, pe->line, ppath, "is not a parameter of a %s distribution (it takes %s)",
                           dist_name[u->dist], needs[u->dist]);
        if (!pe && wanted)
            return bs_fail(err, g->file, g->line, ppath, "missing: a %s distribution needs %s", dist_name[u->dist],
                           needs[u->dist]);
    }
    return 0;
}

/* The bounds of uncertainty u (written at g) in order. */
static int check_bounds(const bs_uncertainty *u, const entry *g, entry_set *es, bs_error *err)
{
    path_buf path;
    char lo[40], hi[40], m[40];
    const entry *e;
    if (u->dist >= BS_DIST_UNIFORM && !(u->low < u->high)) {
        e = where(es, g, "uncertainty.%s.%s", u->id, "high", path, sizeof path);
        return bs_fail(err, e->file, e->line, path, "must be above low (%s), not %s",
                       assign_num_text(u->low, lo, sizeof lo), assign_num_text(u->high, hi, sizeof hi));
    }
    if (u->dist == BS_DIST_TRIANGULAR && (u->mode < u->low || u->mode > u->high)) {
        e = where(es, g, "uncertainty.%s.%s", u->id, "mode", path, sizeof path);
        return bs_fail(err, e->file, e->line, path, "must be between low (%s) and high (%s), not %s",
                       assign_num_text(u->low, lo, sizeof lo), assign_num_text(u->high, hi, sizeof hi),
                       assign_num_text(u->mode, m, sizeof m));
    }
    return 0;
}

int check_uncertainty(builder *b, entry_set *es, bs_error *err)
{
    bs_scenario *sc = b->sc;
    path_buf path;
    for (int i = 0; i < sc->nuncertain; i++) {
        bs_uncertainty *u = &sc->uncertain[i];
        const entry *g = b->group[BS_IN_UNCERTAINTY][i];
        const entry *e = where(es, g, "uncertainty.%s.%s", u->id, "path", path, sizeof path);
        bs_strlcpy(u->file, e->file, sizeof u->file);
        u->line = e->line;
        if (check_parameters(u, g, es, err) != 0 || check_bounds(u, g, es, err) != 0)
            return -1;
        snprintf(path, sizeof path, "uncertainty.%s.path", u->id);
        bs_binding bind;
        bs_error sub = {0};
        if (bind_path(sc, u->path, &bind, &sub) != 0)
            return bs_fail(err, u->file, u->line, path, "%s%s %s", u->path, strncmp(sub.message, "no ", 3) == 0 || strchr(u->path, '@') ? ":" : "",
                           sub.message);
        for (int j = 0; j < i; j++) {
            /* the same setting, in a year both draw */
            bs_binding other;
            bs_error ignored = {0};
            if (bind_path(sc, sc->uncertain[j].path, &other, &ignored) == 0 && other.values == bind.values &&
                other.first < bind.first + bind.count && bind.first < other.first + other.count)
                return bs_fail(err, u->file, u->line, path, "%s is already drawn by uncertainty.%s", u->path,
                               sc->uncertain[j].id);
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* The budget                                                          */
/* ------------------------------------------------------------------ */

/* Red line rl reads a quantity of the table t, else say which is nearest. */
static int check_metric(const bs_red_line *rl, const bs_table *t, bs_error *err)
{
    if (table_find(t, rl->metric))
        return 0;
    bs_nearest near;
    bs_nearest_start(&near, rl->metric, strlen(rl->metric));
    for (int k = 0; k < t->n; k++)
        if (t->rows[k].kind != BS_ROW_HEADING)
            bs_nearest_offer(&near, t->rows[k].key);
    const char *best = bs_nearest_best(&near, 2, 0); /* within a third of its length, plus 2 */
    path_buf path;
    snprintf(path, sizeof path, "council.red_lines.%s.metric", rl->id);
    if (best)
        return bs_fail(err, rl->file, rl->line, path, "no quantity \"%s\" in this budget; did you mean %s?", rl->metric,
                       best);
    return bs_fail(err, rl->file, rl->line, path,
                   "no quantity \"%s\" in this budget (the keys are those of budgetsim run --format csv)", rl->metric);
}

int check_metrics(const bs_scenario *sc, const bs_result *r, bs_error *err)
{
    const bs_council *c = &sc->chamber;
    if (c->nred_lines == 0)
        return 0;
    bs_table t = {0};
    int rc = table_from_result(sc, r, &t) == 0 ? 0 : bs_fail_status(err, BS_EXIT_ENV, sc->source_file, 0, "", "out of memory");
    for (int i = 0; rc == 0 && i < c->nred_lines; i++)
        rc = check_metric(&c->red_lines[i], &t, err);
    table_free(&t);
    return rc;
}

int check_finite(entry_set *es, const bs_scenario *sc, const bs_result *r, bs_error *err)
{
    if (budget_finite(sc, r))
        return 0;
    char message[600];
    guard_message(sc, r, message, sizeof message);

    enum { MAX_BIND = 8192 };
    bs_scenario *copy = malloc(sizeof *copy);
    bs_binding *b = malloc(MAX_BIND * sizeof *b);
    int culprit = -2;
    if (copy && b) {
        memcpy(copy, sc, sizeof *copy);
        culprit = guard_culprit(copy, b, bind_all(copy, b, MAX_BIND));
    }
    int rc;
    if (culprit == -2) {
        rc = bs_fail_status(err, BS_EXIT_ENV, sc->source_file, 0, "", "out of memory");
    } else if (culprit < 0) {
        rc = bs_fail(err, sc->source_file, 0, "", "%s", message);
    } else {
        const entry *e = entries_find(es, b[culprit].path);
        rc = bs_fail(err, e ? e->file : sc->source_file, e ? e->line : 0, b[culprit].path, "%s", message);
    }
    free(copy);
    free(b);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Savings no larger than what they save on                            */
/* ------------------------------------------------------------------ */

/* Two sums of money for one message, with as many decimals (1 to 6) as
 * it takes to tell them apart, into a and b. */
static void two_sums(double x, double y, char *a, char *b, size_t size)
{
    for (int d = 1; d <= 6; d++) {
        bs_fmt_gbp_m(x, d, a, size);
        bs_fmt_gbp_m(y, d, b, size);
        if (strcmp(a, b) != 0)
            break;
    }
}

/* The saving that takes its line below zero in year t: the enabled saving
 * on line s at which the line's savings, added in the order of the
 * measures, first pass its gross spending (the last on the line if
 * rounding hides it). */
static int culprit_saving(const bs_scenario *sc, const bs_result *r, int s, int t)
{
    double saved = 0.0;
    int last = -1;
    for (int m = 0; m < sc->nmeasures; m++) {
        const bs_measure *ms = &sc->measures[m];
        if (ms->type != BS_SAVING || !ms->enabled || ms->line_index != s || r->measure_m[m][t] == 0.0)
            continue;
        saved += r->measure_m[m][t];
        last = m;
        if (saved > r->service_gross_m[s][t] + BS_MONEY_EPS)
            return m;
    }
    return last;
}

/* Savings on no line: with the others, no more than all the lines spend
 * (net spending not below zero); the message names the saving on no line
 * at which they first pass it. */
static int check_total_savings(entry_set *es, const bs_scenario *sc, const bs_result *r, bs_error *err)
{
    for (int t = 0; t < sc->nyears; t++) {
        double gross = r->spending_gross_m[t], saved = r->savings_m[t] - r->unallocated_savings_m[t];
        if (!(r->savings_m[t] > gross + BS_MONEY_EPS))
            continue;
        int m, culprit = -1;
        for (m = 0; m < sc->nmeasures && culprit < 0; m++) {
            const bs_measure *ms = &sc->measures[m];
            if (ms->type == BS_SAVING && ms->enabled && ms->line_index < 0 && r->measure_m[m][t] != 0.0 &&
                (saved += r->measure_m[m][t]) > gross + BS_MONEY_EPS)
                culprit = m;
        }
        if (culprit < 0)
            continue; /* cannot happen: check_savings() found no line below zero */
        path_buf path;
        char y[16], a[48], b[48];
        snprintf(path, sizeof path, "measures.%s.amount_m", sc->measures[culprit].id);
        const entry *e = entries_find(es, path);
        two_sums(r->savings_m[t], gross, a, b, sizeof a);
        return bs_fail(err, e ? e->file : sc->source_file, e ? e->line : 0, path,
                       "takes net spending below zero in %s: the savings that year are %s but gross spending is %s "
                       "(savings cannot be more than the council spends)",
                       bs_year_label(sc->first_year + t, y, sizeof y), a, b);
    }
    return 0;
}

int check_savings(entry_set *es, const bs_scenario *sc, const bs_result *r, bs_error *err)
{
    for (int s = 0; s < sc->nservices; s++)
        for (int t = 0; t < sc->nyears; t++) {
            double gross = r->service_gross_m[s][t], saved = r->service_savings_m[s][t];
            if (!(saved > gross + BS_MONEY_EPS))
                continue;
            int m = culprit_saving(sc, r, s, t);
            if (m < 0)
                continue; /* cannot happen: savings on the line come from its measures */
            const bs_measure *ms = &sc->measures[m];
            path_buf path;
            char y[16], a[48], b[48];
            snprintf(path, sizeof path, "measures.%s.amount_m", ms->id);
            const entry *e = entries_find(es, path);
            two_sums(saved, gross, a, b, sizeof a);
            return bs_fail(err, e ? e->file : sc->source_file, e ? e->line : 0, path,
                           "takes service line \"%s\" below zero in %s: its savings that year are %s but its gross "
                           "spending is %s (a saving cannot be more than the line spends)",
                           sc->services[s].id, bs_year_label(sc->first_year + t, y, sizeof y), a, b);
        }
    return check_total_savings(es, sc, r, err);
}
