/* build.c - the merged entries built into a validated bs_scenario (see
 * build.h): instances first, in order of first appearance; the horizon,
 * which per-year settings need; measure types, which say which settings a
 * measure has; then every entry; then what is required and what refers to
 * what.
 *
 * This file may use: core/, load/ and the C library. */
#include "load/build.h"

#include "core/council.h"
#include "load/assign.h"
#include "load/check.h"
#include "load/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Containers and their instances                                      */
/* ------------------------------------------------------------------ */

/* Which part of the scenario a path belongs to, and the id in it (into id)
 * at *id_depth dots from the start. */
static bs_container container_of(const char *path, char *id, size_t idsize, int *id_depth)
{
    const char *prefixes[] = {"services.", "funding.", "measures.", "reserves.earmarked.", "council.groups.",
                              "council.members.", "council.red_lines.", "amendments.", "uncertainty."};
    const bs_container kinds[] = {BS_IN_SERVICE, BS_IN_FUNDING, BS_IN_MEASURE, BS_IN_EARMARKED, BS_IN_GROUP,
                                  BS_IN_MEMBER, BS_IN_RED_LINE, BS_IN_AMENDMENT, BS_IN_UNCERTAINTY};
    const int depths[] = {1, 1, 1, 2, 2, 2, 2, 1, 1};
    for (int k = 0; k < 9; k++) {
        size_t n = strlen(prefixes[k]);
        if (strncmp(path, prefixes[k], n) == 0 && path[n]) {
            const char *s = path + n;
            const char *dot = strchr(s, '.');
            size_t len = dot ? (size_t)(dot - s) : strlen(s);
            if (len >= idsize)
                len = idsize - 1;
            memcpy(id, s, len);
            id[len] = '\0';
            *id_depth = depths[k];
            return kinds[k];
        }
    }
    id[0] = '\0';
    *id_depth = 0;
    return BS_IN_TOP;
}

/* Where the entry that set setting def of instance inst of c is kept. */
static const entry **src_slot(builder *b, bs_container c, int inst, size_t def)
{
    return &b->src[(b->src_base[c] + (size_t)inst) * bs_nsettings + def];
}

/* The count of instances of container c. */
static int *count_of(bs_scenario *sc, bs_container c)
{
    switch (c) {
    case BS_IN_SERVICE: return &sc->nservices;
    case BS_IN_FUNDING: return &sc->nfunding;
    case BS_IN_MEASURE: return &sc->nmeasures;
    case BS_IN_EARMARKED: return &sc->nreserves;
    case BS_IN_GROUP: return &sc->chamber.ngroups;
    case BS_IN_MEMBER: return &sc->chamber.nmembers;
    case BS_IN_RED_LINE: return &sc->chamber.nred_lines;
    case BS_IN_AMENDMENT: return &sc->chamber.namendments;
    case BS_IN_UNCERTAINTY: return &sc->nuncertain;
    default: return NULL;
    }
}

/* The id of instance i of container c. */
static char *id_of(bs_scenario *sc, bs_container c, int i)
{
    switch (c) {
    case BS_IN_SERVICE: return sc->services[i].id;
    case BS_IN_FUNDING: return sc->funding[i].id;
    case BS_IN_MEASURE: return sc->measures[i].id;
    case BS_IN_EARMARKED: return sc->reserves[i].id;
    case BS_IN_GROUP: return sc->chamber.groups[i].id;
    case BS_IN_MEMBER: return sc->chamber.members[i].id;
    case BS_IN_RED_LINE: return sc->chamber.red_lines[i].id;
    case BS_IN_AMENDMENT: return sc->chamber.amendments[i].id;
    case BS_IN_UNCERTAINTY: return sc->uncertain[i].id;
    default: return NULL;
    }
}

/* The most instances container c may have. */
static int max_instances(bs_container c)
{
    switch (c) {
    case BS_IN_SERVICE: return BS_MAX_SERVICES;
    case BS_IN_FUNDING: return BS_MAX_FUNDING;
    case BS_IN_MEASURE: return BS_MAX_MEASURES;
    case BS_IN_EARMARKED: return BS_MAX_EARMARKED;
    case BS_IN_GROUP: return BS_MAX_GROUPS;
    case BS_IN_MEMBER: return BS_MAX_MEMBERS;
    case BS_IN_RED_LINE: return BS_MAX_RED_LINES;
    case BS_IN_AMENDMENT: return BS_MAX_AMENDMENTS;
    case BS_IN_UNCERTAINTY: return BS_MAX_UNCERTAIN;
    default: return 1;
    }
}

/* What the instances of c are called, for a message. */
static const char *container_word(bs_container c)
{
    switch (c) {
    case BS_IN_SERVICE: return "service lines";
    case BS_IN_FUNDING: return "funding streams";
    case BS_IN_MEASURE: return "measures";
    case BS_IN_EARMARKED: return "earmarked reserves";
    case BS_IN_GROUP: return "groups";
    case BS_IN_MEMBER: return "named members";
    case BS_IN_RED_LINE: return "red lines";
    case BS_IN_AMENDMENT: return "amendments";
    case BS_IN_UNCERTAINTY: return "uncertainties";
    default: return "parts";
    }
}

/* Instance index of id in container c, adding it when new (e names it).
 * Returns the index, or -1 with err. */
static int instance(builder *b, bs_container c, const char *id, const entry *e, bs_error *err)
{
    bs_scenario *sc = b->sc;
    int *count = count_of(sc, c);
    if (!count)
        return 0;
    int first = c == BS_IN_EARMARKED ? 1 : 0;
    int last = b->last[c]; /* an instance's settings come one after another: try the last one found first */
    if (last >= first && last < *count && strcmp(id_of(sc, c, last), id) == 0)
        return last;
    for (int i = first; i < *count; i++)
        if (strcmp(id_of(sc, c, i), id) == 0)
            return b->last[c] = i;
    if (strlen(id) >= BS_ID_MAX)
        return bs_fail(err, e->file, e->line, e->path, "identifier is too long (the limit is %d characters)",
                       BS_ID_MAX - 1);
    if (!assign_valid_id(id))
        return bs_fail(err, e->file, e->line, e->path,
                       "identifier must start with a letter and hold only letters, digits, _ and -");
    if (c == BS_IN_EARMARKED && strcmp(id, "general") == 0)
        return bs_fail(err, e->file, e->line, e->path, "\"general\" is the general reserve; choose another id");
    if (*count - first >= max_instances(c))
        return bs_fail(err, e->file, e->line, e->path, "too many %s (the limit is %d)", container_word(c),
                       max_instances(c));
    int i = (*count)++;
    bs_strlcpy(id_of(sc, c, i), id, BS_ID_MAX);
    return b->last[c] = i;
}

/* The defaults of a new instance inst of c. */
static void new_instance(bs_scenario *sc, bs_container c, int inst)
{
    assign_defaults(sc, c, inst);
    if (c == BS_IN_RED_LINE) {
        sc->chamber.red_lines[inst].group_index = sc->chamber.red_lines[inst].member_index = -1;
        sc->chamber.red_lines[inst].year = 0;
    }
    if (c == BS_IN_AMENDMENT)
        for (int g = 0; g < BS_MAX_GROUPS; g++)
            sc->chamber.amendments[inst].group_vote[g] = BS_POS_WHIP;
    if (c == BS_IN_MEASURE) {
        sc->measures[inst].line_index = -1;
        sc->measures[inst].reserve_index = 0;
        bs_strlcpy(sc->measures[inst].reserve, "general", BS_ID_MAX);
        sc->measures[inst].type = (bs_measure_type)-1;
    }
}

/* Pass 1: the instances, in order of first appearance, and where each is
 * written: its own group entry ("measures.x = { ... }"), else its first
 * setting. */
static int find_instances(builder *b, entry_set *es, bs_error *err)
{
    bs_scenario *sc = b->sc;
    for (int i = 0; i < es->n; i++) {
        const entry *e = &es->v[i];
        char id[BS_ID_MAX + 8];
        int depth;
        if (e->kind == V_PATCH)
            continue; /* check_patched_instances() */
        bs_container c = container_of(e->path, id, sizeof id, &depth);
        if (c == BS_IN_TOP)
            continue;
        int before = *count_of(sc, c);
        int inst = instance(b, c, id, e, err);
        if (inst < 0)
            return -1;
        if (*count_of(sc, c) > before)
            new_instance(sc, c, inst);
        int dots = 0;
        for (const char *q = e->path; *q; q++)
            dots += *q == '.';
        if (!b->group[c][inst] || (e->kind == V_GROUP && dots == depth))
            b->group[c][inst] = e;
    }
    return 0;
}

/* Pass 1, after: a change for a period alone (no value of the setting
 * written) cannot make a part: it changes a service, a measure ... that
 * the scenario has. */
static int check_patched_instances(builder *b, entry_set *es, bs_error *err)
{
    bs_scenario *sc = b->sc;
    for (int i = 0; i < es->n; i++) {
        const entry *e = &es->v[i];
        if (e->kind != V_PATCH)
            continue;
        char id[BS_ID_MAX + 8];
        int depth;
        bs_container c = container_of(e->path, id, sizeof id, &depth);
        if (c == BS_IN_TOP)
            continue;
        int *count = count_of(sc, c);
        int found = 0;
        for (int k = c == BS_IN_EARMARKED ? 1 : 0; count && k < *count && !found; k++)
            found = strcmp(id_of(sc, c, k), id) == 0;
        if (!found)
            return bs_fail(err, e->patches[0].file, e->patches[0].line, e->patches[0].label,
                           "there is no \"%s\" in this scenario to change", id);
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* The horizon and measure types, first                                 */
/* ------------------------------------------------------------------ */

/* Assign e to the setting at def_path of instance inst of c (when the
 * table has it), and remember it set it. */
static int assign_path(builder *b, const char *def_path, bs_container c, int inst, const entry *e, bs_error *err)
{
    for (size_t k = 0; k < bs_nsettings; k++)
        if (strcmp(bs_settings[k].path, def_path) == 0) {
            if (assign_value(b->sc, &bs_settings[k], inst, e, err) != 0)
                return -1;
            *src_slot(b, c, inst, k) = e;
        }
    return 0;
}

/* The horizon first: per-year settings need its length. */
static int assign_horizon(builder *b, entry_set *es, bs_error *err)
{
    bs_scenario *sc = b->sc;
    for (int i = 0; i < es->n; i++) {
        const entry *e = &es->v[i];
        if (strncmp(e->path, "horizon.", 8) == 0 && assign_path(b, e->path, BS_IN_TOP, 0, e, err) != 0)
            return -1;
    }
    const char *missing = sc->nyears == 0 ? "horizon.years" : sc->first_year == 0 ? "horizon.first_year" : NULL;
    if (missing) {
        const entry *h = entries_find(es, "horizon");
        return bs_fail(err, h ? h->file : b->top_file, h ? h->line : 0, missing, "missing (required)");
    }
    return 0;
}

/* Is e the type of a measure, "measures.ID.type"? Its id into id. */
static int is_measure_type(const entry *e, char *id, size_t size)
{
    int depth;
    if (container_of(e->path, id, size, &depth) != BS_IN_MEASURE)
        return 0;
    return strcmp(e->path + strlen("measures.") + strlen(id), ".type") == 0;
}

/* Measure types, before their other settings; each measure starts in the
 * first year unless it says otherwise. */
static int assign_types(builder *b, entry_set *es, bs_error *err)
{
    bs_scenario *sc = b->sc;
    for (int i = 0; i < es->n; i++) {
        char id[BS_ID_MAX + 8];
        const entry *e = &es->v[i];
        if (!is_measure_type(e, id, sizeof id))
            continue;
        int inst = instance(b, BS_IN_MEASURE, id, e, err);
        if (assign_path(b, "measures.*.type", BS_IN_MEASURE, inst, e, err) != 0)
            return -1;
    }
    for (int m = 0; m < sc->nmeasures; m++) {
        if ((int)sc->measures[m].type == -1) {
            const entry *g = b->group[BS_IN_MEASURE][m];
            char path[MAX_PATH_LEN + 80];
            snprintf(path, sizeof path, "measures.%s.type", sc->measures[m].id);
            return bs_fail(err, g->file, g->line, path,
                           "missing: say whether it is a \"saving\", a \"charge\" or a \"reserve\"");
        }
        sc->measures[m].start_year = sc->first_year;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Every entry                                                         */
/* ------------------------------------------------------------------ */

/* Suggest the known path (a setting or a group) nearest to an unknown one. */
static void suggest(const char *path, const char *id, int id_depth, char *buf, size_t size)
{
    bs_nearest near;
    char cand[MAX_PATH_LEN + 80];
    bs_nearest_start(&near, path, strlen(path));
    bs_nearest_within(&near, 0, 3); /* as bs_nearest_best below */
    for (size_t i = 0;; i++) {
        const char *pat = i < bs_nsettings ? bs_settings[i].path : bs_group_paths[i - bs_nsettings];
        if (!pat)
            break;
        /* instantiate "*" with the user's id */
        const char *star = strchr(pat, '*');
        if (star) {
            if (!id[0] || id_depth == 0)
                continue;
            snprintf(cand, sizeof cand, "%.*s%s%s", (int)(star - pat), pat, id, star + 1);
        } else {
            bs_strlcpy(cand, pat, sizeof cand);
        }
        bs_nearest_offer(&near, cand);
    }
    const char *best = bs_nearest_best(&near, 0, 3); /* within max(len / 3, 3) edits */
    if (best)
        snprintf(buf, size, "; did you mean %s?", best);
    else
        buf[0] = '\0';
}

/* Is path one of the groups a scenario may hold (a service, the council, ...)? */
static int is_group_path(const char *path)
{
    for (int g = 0; bs_group_paths[g]; g++)
        if (schema_match(bs_group_paths[g], path))
            return 1;
    return 0;
}

/* An entry that no setting of the table takes: say why. Returns -1. */
static int unknown_entry(const bs_scenario *sc, const entry *e, int inst, int wrong_measure_type, const char *id,
                         int depth, bs_error *err)
{
    if (wrong_measure_type) {
        const char *names[] = {"saving", "charge", "reserve"};
        return bs_fail(err, e->file, e->line, e->path, "is not a setting of a %s measure",
                       names[sc->measures[inst].type]);
    }
    if (is_group_path(e->path))
        return bs_fail(err, e->file, e->line, e->path, "expected a group { ... }, not %s", assign_kind_name(e));
    char hint[MAX_PATH_LEN + 100];
    suggest(e->path, id, depth, hint, sizeof hint);
    return bs_fail(err, e->file, e->line, e->path, "unknown setting%s", hint);
}

/* Pass 2: one entry into the struct, by the first setting of the table it
 * matches (one of its measure's type, for a measure). */
static int assign_entry(builder *b, const entry *e, bs_error *err)
{
    bs_scenario *sc = b->sc;
    char id[BS_ID_MAX + 8];
    int depth;
    bs_container c = container_of(e->path, id, sizeof id, &depth);
    int inst = 0;
    if (c != BS_IN_TOP && (inst = instance(b, c, id, e, err)) < 0)
        return -1;
    if (strncmp(e->path, "horizon.", 8) == 0 || (e->kind == V_GROUP && is_group_path(e->path)))
        return 0;
    int wrong_measure_type = 0;
    for (size_t k = 0; k < bs_nsettings; k++) {
        const bs_setting_def *d = &bs_settings[k];
        /* a setting's path starts with its container's: the others cannot match */
        if (d->container != c || !schema_match(d->path, e->path))
            continue;
        if (d->container == BS_IN_MEASURE && !(d->measure_mask & (1u << sc->measures[inst].type))) {
            wrong_measure_type = 1;
            continue;
        }
        if (strcmp(d->path, "measures.*.type") == 0)
            return 0;
        if (e->kind == V_GROUP)
            return bs_fail(err, e->file, e->line, e->path, "expected %s, not a group", schema_type_name(d->type));
        if (assign_value(sc, d, inst, e, err) != 0)
            return -1;
        if (e->kind != V_PATCH) /* changes alone do not give a required setting */
            *src_slot(b, c, inst, k) = e;
        return 0;
    }
    return unknown_entry(sc, e, inst, wrong_measure_type, id, depth, err);
}

/* ------------------------------------------------------------------ */
/* What is required, and what refers to what                            */
/* ------------------------------------------------------------------ */

/* The required setting k, missing from instance inst: say so where the
 * instance is written, else in the nearest enclosing group that is. */
static int missing_setting(builder *b, entry_set *es, size_t k, int inst, bs_error *err)
{
    const bs_setting_def *d = &bs_settings[k];
    char path[MAX_PATH_LEN + 80];
    const char *star = strchr(d->path, '*');
    const char *idv = d->container == BS_IN_TOP ? "" : id_of(b->sc, d->container, inst);
    if (star)
        snprintf(path, sizeof path, "%.*s%s%s", (int)(star - d->path), d->path, idv, star + 1);
    else
        bs_strlcpy(path, d->path, sizeof path);
    const entry *where = d->container == BS_IN_TOP ? NULL : b->group[d->container][inst];
    if (!where) {
        char parent[MAX_PATH_LEN + 80];
        bs_strlcpy(parent, path, sizeof parent);
        char *dot;
        while (!where && (dot = strrchr(parent, '.'))) {
            *dot = '\0';
            where = entries_find(es, parent);
        }
    }
    return bs_fail(err, where ? where->file : b->top_file, where ? where->line : 0, path, "missing (required%s)",
                   d->container == BS_IN_MEASURE ? " for this type of measure" : "");
}

/* Every required setting of every instance is given. */
static int check_required(builder *b, entry_set *es, bs_error *err)
{
    bs_scenario *sc = b->sc;
    for (size_t k = 0; k < bs_nsettings; k++) {
        const bs_setting_def *d = &bs_settings[k];
        if (!(d->flags & BS_F_REQUIRED))
            continue;
        int n = d->container == BS_IN_TOP ? 1 : *count_of(sc, d->container);
        /* The council's own settings are required only when there is a council. */
        if (d->container == BS_IN_TOP && strncmp(d->path, "council.", 8) == 0 && !entries_has_part(es, "council"))
            continue;
        for (int inst = d->container == BS_IN_EARMARKED ? 1 : 0; inst < n; inst++) {
            if (*src_slot(b, d->container, inst, k))
                continue;
            if (d->container == BS_IN_MEASURE && !(d->measure_mask & (1u << sc->measures[inst].type)))
                continue;
            return missing_setting(b, es, k, inst, err);
        }
    }
    return 0;
}

/* The entry for path, else fallback: where a message about path points. */
static const entry *entry_or(entry_set *es, const char *path, const entry *fallback)
{
    const entry *e = entries_find(es, path);
    return e ? e : fallback;
}

/* A per-year list runs from the first year of the horizon: entries before
 * start_year would be silently unused, so say so. */
static int check_early_entries(const bs_scenario *sc, const bs_measure *ms, entry_set *es, bs_error *err)
{
    if (ms->type != BS_RESERVE_MOVE && ms->type != BS_CHARGE)
        return 0;
    char path[MAX_PATH_LEN + 80];
    const char *key = ms->type == BS_CHARGE ? "price_pounds" : "amount_m";
    const double *v = ms->type == BS_CHARGE ? ms->price_pounds : ms->reserve_m;
    snprintf(path, sizeof path, "measures.%s.%s", ms->id, key);
    const entry *e = entries_find(es, path);
    for (int t = 0; e && e->kind == V_LIST && t < ms->start_year - sc->first_year; t++)
        if (v[t] != 0.0) {
            char y[16];
            return bs_fail(err, e->file, e->line, path,
                           "entry %d is for %s, before start_year %d: a per-year list starts at the first "
                           "year of the horizon (put 0 there)",
                           t + 1, bs_year_label(sc->first_year + t, y, sizeof y), ms->start_year);
        }
    return 0;
}

/* A saving's phasing is the cumulative share delivered: it cannot go down
 * from one year to the next, and a one-year saving (recurring = false),
 * delivered in full in its start year, has none (unless recurring = false
 * was written over it: an alternative making a base's saving one-year). */
static int check_phasing(const bs_measure *ms, entry_set *es, bs_error *err)
{
    if (ms->type != BS_SAVING)
        return 0;
    char path[MAX_PATH_LEN + 80], a[40];
    snprintf(path, sizeof path, "measures.%s.phasing_pct", ms->id);
    const entry *e = entries_find(es, path);
    if (!e)
        return 0;
    snprintf(a, sizeof a, "measures.%s.recurring", ms->id);
    const entry *r = entries_find(es, a);
    if (!ms->recurring && !entries_laid_over(r, e)) {
        return bs_fail(err, e->file, e->line, path,
                       "has no effect: the saving is for one year only (%s = false at %s:%d), delivered in full in "
                       "its start year",
                       a, r ? r->file : e->file, r ? r->line : e->line);
    }
    char why[200];
    if (scenario_phasing_falls(ms->phasing_pct, ms->nphasing, why, sizeof why))
        return bs_fail(err, e->file, e->line, path, "%s", why);
    return 0;
}

/* Measure m: its start year inside the horizon, its line and reserve known,
 * a reference price when one is needed. */
static int check_measure(builder *b, entry_set *es, int m, bs_error *err)
{
    bs_scenario *sc = b->sc;
    bs_measure *ms = &sc->measures[m];
    char path[MAX_PATH_LEN + 80];
    const entry *g = b->group[BS_IN_MEASURE][m];
    int last = sc->first_year + sc->nyears - 1;
    snprintf(path, sizeof path, "measures.%s.start_year", ms->id);
    const entry *e;
    if (ms->start_year < sc->first_year || ms->start_year > last) {
        e = entry_or(es, path, g);
        return bs_fail(err, e->file, e->line, path, "%d is outside the horizon %d to %d", ms->start_year,
                       sc->first_year, last);
    }
    if (ms->line[0] && (ms->line_index = scenario_find_service(sc, ms->line)) < 0) {
        char known[400] = "";
        size_t o = 0;
        for (int s = 0; s < sc->nservices && o < sizeof known - 80; s++)
            o += (size_t)snprintf(known + o, sizeof known - o, "%s%s", s ? ", " : "", sc->services[s].id);
        snprintf(path, sizeof path, "measures.%s.line", ms->id);
        e = entry_or(es, path, g);
        return bs_fail(err, e->file, e->line, path, "no service line \"%s\" (known: %s)", ms->line, known);
    }
    if (ms->type == BS_RESERVE_MOVE) {
        ms->reserve_index = -1;
        for (int r = 0; r < sc->nreserves; r++)
            if (strcmp(sc->reserves[r].id, ms->reserve) == 0)
                ms->reserve_index = r;
        snprintf(path, sizeof path, "measures.%s.reserve", ms->id);
        e = entry_or(es, path, g);
        if (ms->reserve_index < 0)
            return bs_fail(err, e->file, e->line, path,
                           "no reserve \"%s\" (use \"general\" or an id under reserves.earmarked)", ms->reserve);
    }
    if (check_early_entries(sc, ms, es, err) != 0 || check_phasing(ms, es, err) != 0)
        return -1;
    if (ms->type == BS_CHARGE && ms->elasticity == 0) {
        /* take-up moves with the price only through elasticity */
        snprintf(path, sizeof path, "measures.%s.reference_price_pounds", ms->id);
        const entry *ref = entries_find(es, path);
        char epath[MAX_PATH_LEN + 80];
        snprintf(epath, sizeof epath, "measures.%s.elasticity", ms->id);
        if (ref && !entries_laid_over(entries_find(es, epath), ref))
            return bs_fail(err, ref->file, ref->line, path,
                           "has no effect: take-up moves with the price only through elasticity, which is 0");
    }
    if (ms->type == BS_CHARGE && ms->reference_price_pounds == 0) {
        char why[200];
        if (scenario_reference_default(sc, ms, &ms->reference_price_pounds, why, sizeof why)) {
            snprintf(path, sizeof path, "measures.%s.reference_price_pounds", ms->id);
            return bs_fail(err, g->file, g->line, path, "%s", why);
        }
        ms->reference_derived = true;
    }
    return 0;
}

/* Cross-references and defaults that depend on other settings. */
static int check_parts(builder *b, entry_set *es, bs_error *err)
{
    bs_scenario *sc = b->sc;
    if (sc->nservices == 0) {
        const entry *e = entries_find(es, "services");
        return bs_fail(err, e ? e->file : b->top_file, e ? e->line : 0, "services",
                       "missing: at least one service line is needed");
    }
    if (sc->balanced_years > sc->nyears) {
        size_t k;
        for (k = 0; strcmp(bs_settings[k].path, "rules.balanced_years") != 0; k++)
            ;
        const entry *e = *src_slot(b, BS_IN_TOP, 0, k);
        return bs_fail(err, e ? e->file : b->top_file, e ? e->line : 0, "rules.balanced_years",
                       "is %d but the horizon has only %d years", sc->balanced_years, sc->nyears);
    }
    for (int f = 0; f < sc->nfunding; f++) {
        bs_funding *fd = &sc->funding[f];
        if (fd->last_year != 0 && fd->last_year < sc->first_year) {
            char path[MAX_PATH_LEN + 80];
            snprintf(path, sizeof path, "funding.%s.last_year", fd->id);
            const entry *e = entry_or(es, path, b->group[BS_IN_FUNDING][f]);
            return bs_fail(err, e->file, e->line, path, "%d is before the first year %d", fd->last_year,
                           sc->first_year);
        }
    }
    for (int m = 0; m < sc->nmeasures; m++)
        if (check_measure(b, es, m, err) != 0)
            return -1;
    return 0;
}

/* A file name as the scenario keeps it for messages and outputs (tables,
 * JSON, charts): a control character (C0, DEL, C1) or a byte that is not
 * part of valid UTF-8 becomes '?', so that a terminal escape in a name is
 * never written raw and a JSON writer never refuses the text. */
static void printable_name(const char *name, char *out, size_t size)
{
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)name; *p && o + 1 < size;) {
        int len = text_utf8_bad_line(p, 1) == 0 ? 1 : 0;
        for (int k = 2; !len && k <= 4; k++)
            if (strnlen((const char *)p, (size_t)k) == (size_t)k && text_utf8_bad_line(p, (size_t)k) == 0)
                len = k;
        int control = len == 0 || *p < 0x20 || *p == 0x7f || (len == 2 && *p == 0xc2 && p[1] <= 0x9f);
        if (control || o + (size_t)len >= size) {
            out[o++] = '?';
            p += len ? (size_t)len : 1;
            continue;
        }
        memcpy(out + o, p, (size_t)len);
        o += (size_t)len;
        p += len;
    }
    out[o] = '\0';
}

/* The label, when none is given: the file's name without its folder and
 * its extension. */
static void default_label(bs_scenario *sc, const char *top_file)
{
    if (sc->label[0])
        return;
    const char *base = strrchr(top_file, '/');
    base = base ? base + 1 : top_file;
    printable_name(base, sc->label, sizeof sc->label);
    char *dot = strrchr(sc->label, '.');
    if (dot && dot != sc->label)
        *dot = '\0';
}

/* ------------------------------------------------------------------ */
/* The whole                                                           */
/* ------------------------------------------------------------------ */

/* Room for where each setting of each instance was set (b->src), once
 * find_instances() has counted them: only as many as there are, so that a
 * small scenario does not clear megabytes at each build. Returns 0, or -1
 * with err. */
static int alloc_sources(builder *b, bs_error *err)
{
    size_t total = 0;
    for (int c = 0; c < NCONTAINERS; c++) {
        const int *count = count_of(b->sc, (bs_container)c);
        b->src_base[c] = total;
        total += count ? (size_t)*count : 1;
    }
    b->src = calloc(total * bs_nsettings, sizeof *b->src);
    if (!b->src)
        return bs_fail_status(err, BS_EXIT_ENV, b->top_file, 0, "", "out of memory");
    return 0;
}

/* The passes of build_scenario(), on b. */
static int build_passes(builder *b, entry_set *es, bs_error *err)
{
    bs_scenario *sc = b->sc;
    memset(sc, 0, sizeof *sc);
    sc->nreserves = 1;
    bs_strlcpy(sc->reserves[0].id, "general", BS_ID_MAX);
    printable_name(b->top_file, sc->source_file, sizeof sc->source_file);
    assign_defaults(sc, BS_IN_TOP, 0);
    bs_strlcpy(sc->reserves[0].name, "General reserve", BS_NAME_MAX);
    if (find_instances(b, es, err) != 0 || check_patched_instances(b, es, err) != 0 || alloc_sources(b, err) != 0 ||
        assign_horizon(b, es, err) != 0 || assign_types(b, es, err) != 0)
        return -1;
    for (int i = 0; i < es->n; i++)
        if (assign_entry(b, &es->v[i], err) != 0)
            return -1;
    if (check_required(b, es, err) != 0 || check_parts(b, es, err) != 0)
        return -1;
    default_label(sc, b->top_file);
    if (check_council(b, es, err) != 0 || check_uncertainty(b, es, err) != 0)
        return -1;
    return 0;
}

int build_scenario(entry_set *es, const char *top_file, bs_scenario *sc, bs_error *err)
{
    builder b;
    memset(&b, 0, sizeof b);
    b.sc = sc;
    b.top_file = top_file;
    int rc = build_passes(&b, es, err);
    free(b.src);
    return rc;
}
