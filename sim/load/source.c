/* source.c - scenario files to a validated bs_scenario: the public API of
 * the reader (load/source.h).
 *
 * Pipeline: each file is checked as text (load/text.c), its @include lines
 * are replaced by the files they name (load/splice.c), the whole is checked
 * for what libconfig would get silently wrong or explain badly
 * (load/scan.c), parsed by libconfig and flattened into a list of entries
 * "dotted.path = value" with the file and line each came from
 * (load/parse.c, load/entries.c). A scenario with `base = "other.cfg";`
 * loads the base first and lays its own entries over it, the way an
 * amendment is written. `--set path=value` overrides are laid over last.
 * Then every entry is checked against the settings table and written into
 * the struct (load/build.c, load/assign.c); cross-references are checked
 * last (load/check.c).
 *
 * This file may use: core/, load/ and the C library. */
#include "load/source.h"

#include "core/budget.h"
#include "core/table.h"
#include "load/assign.h"
#include "load/build.h"
#include "load/check.h"
#include "load/entries.h"
#include "load/parse.h"
#include "load/provenance.h"
#include "load/splice.h"
#include "load/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bs_source {
    char path[MAX_FILE_NAME + 1]; /* the scenario file as given */
    entry_set entries;            /* its entries, bases and includes resolved */
    bs_chain chain;               /* its files, a layer each, and the entries a later one replaced
                                   * (load/provenance.h: budgetsim show) */
};

/* ------------------------------------------------------------------ */
/* Reading a file and its bases                                        */
/* ------------------------------------------------------------------ */

/* Read the file path, named as a base at from_file:from_line (from_file
 * NULL for the scenario itself) and pushed on st, into mine (an empty set):
 * its text checked, its includes spliced in, parsed and flattened. Its
 * folder goes into dir (PATH_MAX bytes). Returns 0, or -1 with err. */
static int read_file(const char *path, file_stack *st, const char *from_file, int from_line, entry_set *mine,
                     char *dir, bs_error *err)
{
    char *text = NULL;
    if (text_push(st, path, from_file, from_line, from_file ? "base" : "", err) != 0)
        return -1;
    text_dir_of(path, dir, PATH_MAX);
    const entry_set *kept = text_parsed_find(st->files, path);
    if (kept)
        return entries_copy(kept, mine, err); /* a file held in memory, parsed before */
    if (text_read_once(st->files, path, &text, err) != 0)
        return from_file ? text_refer(err, path, from_file, from_line, "base") : -1;
    int includes = st->includes;
    spliced sp = {0};
    int rc = splice_text(path, text, dir, st, &sp, err);
    free(text);
    if (rc == 0)
        rc = parse_spliced(path, &sp, mine, err);
    spliced_free(&sp);
    if (rc == 0 && from_file && st->includes == includes)
        text_parsed_keep(st->files, path, mine); /* a base; when it cannot, it is parsed again next time */
    return rc;
}

/* ------------------------------------------------------------------ */
/* changes = { ID = { path = "..."; year = 2023; value = 3.0; }; };    */
/* ------------------------------------------------------------------ */

/* Is path "changes" or below it? */
static int is_change(const char *path)
{
    return strncmp(path, "changes", 7) == 0 && (path[7] == '\0' || path[7] == '.');
}

/* The year of the change key (year, from or to) in e into *y. */
static int change_year(const entry *e, int *y, bs_error *err)
{
    if (e->kind != V_NUM || !e->is_int || e->num < 1000 || e->num > 9999)
        return bs_fail(err, e->file, e->line, e->path,
                       "expected a year, the calendar year a financial year starts in (2023 is 2023/24)");
    *y = (int)e->num;
    return 0;
}

/* The change at changes.ID (its group entry g) of mine into a patch laid
 * over out, in layer. Returns 0, or -1 with err. */
static int lay_change(entry_set *mine, const entry *g, entry_set *out, int layer, bs_error *err)
{
    const char *id = g->path + 8;
    if (!assign_valid_id(id) || strchr(id, '.'))
        return bs_fail(err, g->file, g->line, g->path,
                       "a change is named by an identifier: changes = { ID = { path = ...; year = ...; value = ...; }; }");
    if (g->kind != V_GROUP)
        return bs_fail(err, g->file, g->line, g->path,
                       "expected a group { path = \"...\"; year = 2023; value = ...; }, not %s", assign_kind_name(g));
    const entry *path = NULL, *year = NULL, *from = NULL, *to = NULL, *value = NULL;
    size_t n = strlen(g->path);
    for (int i = 0; i < mine->n; i++) {
        const entry *e = &mine->v[i];
        if (!e->path || strncmp(e->path, g->path, n) != 0 || e->path[n] != '.') /* NULL: laid over already */
            continue;
        const char *key = e->path + n + 1;
        const entry **slot = strcmp(key, "path") == 0 ? &path : strcmp(key, "year") == 0 ? &year
                             : strcmp(key, "from") == 0 ? &from : strcmp(key, "to") == 0 ? &to
                             : strcmp(key, "value") == 0 ? &value : NULL;
        if (!slot)
            return bs_fail(err, e->file, e->line, e->path,
                           "unknown setting of a change (a change takes path, year or from and to, and value)");
        *slot = e;
    }
    if (!path || path->kind != V_STR)
        return bs_fail(err, path ? path->file : g->file, path ? path->line : g->line,
                       path ? path->path : g->path, path ? "expected a setting path in double quotes"
                                                         : "missing path, the per-year setting to change");
    if (strchr(path->str, '@'))
        return bs_fail(err, path->file, path->line, path->path,
                       "give the years as year = ..., or from = ... and to = ..., not with '@'");
    if (strlen(path->str) == 0 || strlen(path->str) > MAX_PATH_LEN)
        return bs_fail(err, path->file, path->line, path->path, "expected a setting path of 1 to %d characters",
                       MAX_PATH_LEN);
    if (!value)
        return bs_fail(err, g->file, g->line, g->path, "missing value, the number for the years of the change");
    if (value->kind != V_NUM)
        return bs_fail(err, value->file, value->line, value->path, "expected a number, not %s",
                       assign_kind_name(value));
    if (year && (from || to))
        return bs_fail(err, (from ? from : to)->file, (from ? from : to)->line, (from ? from : to)->path,
                       "give year (one year), or from and to (a run of years), not both");
    if (!year && !from)
        return bs_fail(err, g->file, g->line, g->path,
                       "missing the years: year = 2023 (2023/24 alone), or from = 2023 (and to = 2025)");
    entry_patch p = {0};
    if (year) {
        if (change_year(year, &p.period.from, err) != 0)
            return -1;
        p.period.to = p.period.from;
    } else {
        if (change_year(from, &p.period.from, err) != 0 || (to && change_year(to, &p.period.to, err) != 0))
            return -1;
        if (!to)
            p.period.to = BS_PERIOD_OPEN;
        else if (p.period.to < p.period.from)
            return bs_fail(err, to->file, to->line, to->path, "%d is before from = %d", p.period.to, p.period.from);
    }
    char when[40], label[MAX_PATH_LEN + 40];
    snprintf(label, sizeof label, "%s%s", path->str, bind_period_text(&p.period, when, sizeof when));
    p.value = value->num;
    p.file = g->file;
    p.line = g->line;
    p.label = label;
    return entries_patch(out, path->str, &p, layer, err);
}

/* The changes of mine, in order, laid over out in layer. */
static int lay_changes(entry_set *mine, entry_set *out, int layer, bs_error *err)
{
    for (int i = 0; i < mine->n; i++) {
        const entry *e = &mine->v[i];
        if (!e->path) /* laid over already */
            continue;
        if (strcmp(e->path, "changes") == 0) {
            if (e->kind != V_GROUP)
                return bs_fail(err, e->file, e->line, e->path,
                               "expected a group of changes: changes = { ID = { path = ...; year = ...; value = ...; }; }");
            continue;
        }
        int dots = 0;
        for (const char *q = e->path; *q; q++)
            dots += *q == '.';
        if (is_change(e->path) && dots == 1 && lay_change(mine, e, out, layer, err) != 0)
            return -1;
    }
    return 0;
}

/* Lay the entries of mine (a file's own, but its base setting) over out,
 * then its changes for periods, emptying mine, in a layer over those already there. Setting a group in an alternative does not clear the
 * base's contents, so a group entry only updates the location. Returns 0,
 * or -1 with err. */
static int lay_over(entry_set *mine, entry_set *out, bs_chain *chain, const char *path, bs_error *err)
{
    int layer = out->layers++;
    if (chain_layer(chain, layer, path) != 0)
        return bs_fail_status(err, BS_EXIT_ENV, path, 0, "", "out of memory");
    for (int i = 0; i < mine->n; i++) {
        if (strcmp(mine->v[i].path, "base") == 0 || is_change(mine->v[i].path))
            continue;
        entry e = mine->v[i];
        e.layer = layer;
        memset(&mine->v[i], 0, sizeof mine->v[i]);
        e.file = entries_intern(out, e.file);
        if (!e.file) {
            entry_clear(&e);
            return bs_fail_status(err, BS_EXIT_ENV, path, 0, "", "out of memory");
        }
        const entry *old = entries_find(out, e.path);
        if (old && chain_keep(chain, old) != 0) {
            entry_clear(&e);
            return bs_fail_status(err, BS_EXIT_ENV, path, 0, "", "out of memory");
        }
        if (entries_put(out, &e, err) != 0)
            return -1;
    }
    /* the changes last: over the file's own settings and its bases' */
    return lay_changes(mine, out, layer, err);
}

/* Read one file (and, first, its base) into out. */
static int load_file(const char *path, file_stack *st, const char *from_file, int from_line, entry_set *out,
                     bs_chain *chain, bs_error *err)
{
    char dir[PATH_MAX];
    entry_set mine = {0};
    int rc = read_file(path, st, from_file, from_line, &mine, dir, err);
    entry *base = rc == 0 ? entries_find(&mine, "base") : NULL;
    if (base && base->kind != V_STR) {
        rc = bs_fail(err, base->file, base->line, "base", "expected the name of a scenario file in double quotes");
    } else if (base) {
        char full[PATH_MAX];
        text_join_path(dir, base->str, full, sizeof full);
        rc = load_file(full, st, base->file, base->line, out, chain, err);
    }
    if (rc == 0)
        rc = lay_over(&mine, out, chain, path, err);
    entries_free(&mine);
    if (rc != 0)
        return -1;
    st->n--;
    return 0;
}

int source_read_from(bs_files *files, const char *path, bs_source **out, bs_error *err)
{
    *out = NULL;
    bs_source *src = calloc(1, sizeof *src);
    file_stack *st = calloc(1, sizeof *st);
    bs_files *own = files ? NULL : files_new();
    int rc = src && st && (files || own) ? 0 : bs_fail_status(err, BS_EXIT_ENV, path, 0, "", "out of memory");
    if (rc == 0) {
        st->files = files ? files : own;
        bs_strlcpy(src->path, path, sizeof src->path);
        rc = load_file(path, st, NULL, 0, &src->entries, &src->chain, err);
    }
    files_free(own);
    if (st)
        text_stack_free(st);
    free(st);
    if (rc != 0) {
        source_free(src);
        return -1;
    }
    *out = src;
    return 0;
}

int source_read(const char *path, bs_source **out, bs_error *err)
{
    return source_read_from(NULL, path, out, err);
}

int source_read_text(const char *name, const char *text, size_t len, bs_source **out, bs_error *err)
{
    *out = NULL;
    bs_files *files = files_new_memory();
    if (!files || files_put(files, name, text, len) != 0) {
        files_free(files);
        return bs_fail_status(err, BS_EXIT_ENV, name, 0, "", "out of memory");
    }
    int rc = source_read_from(files, name, out, err);
    files_free(files);
    return rc;
}

const char *source_path(const bs_source *src)
{
    return src->path;
}

const bs_chain *source_chain(const bs_source *src)
{
    return &src->chain;
}

const entry_set *source_entries(const bs_source *src)
{
    return &src->entries;
}

void source_free(bs_source *src)
{
    if (!src)
        return;
    entries_free(&src->entries);
    chain_free(&src->chain);
    free(src);
}

/* ------------------------------------------------------------------ */
/* Building                                                            */
/* ------------------------------------------------------------------ */

static int build_checked(const bs_source *src, const bs_override *overrides, int noverrides, bs_scenario *out,
                         bs_result *r, int check_amend, bs_error *err);

/* Do the budgets a and b (results ra, rb) come out the same in every row
 * of their tables, and their councils alike? Both were built from zeroed
 * memory (build_scenario), so the councils compare byte for byte. Returns
 * 1, 0, or -1 when out of memory. */
static int same_outcome(const bs_scenario *a, const bs_result *ra, const bs_scenario *b, const bs_result *rb)
{
    if (memcmp(&a->chamber, &b->chamber, sizeof a->chamber) != 0)
        return 0;
    bs_table ta = {0}, tb = {0};
    int same = -1;
    if (table_from_result(a, ra, &ta) == 0 && table_from_result(b, rb, &tb) == 0) {
        same = ta.n == tb.n;
        for (int i = 0; same && i < ta.n; i++)
            same = strcmp(ta.rows[i].key, tb.rows[i].key) == 0 &&
                   memcmp(ta.rows[i].v, tb.rows[i].v, sizeof ta.rows[i].v) == 0 &&
                   memcmp(ta.rows[i].na, tb.rows[i].na, sizeof ta.rows[i].na) == 0;
    }
    table_free(&ta);
    table_free(&tb);
    return same;
}

/* The error sub of amendment am's trial build, reported at the amendment:
 * "FILE:LINE: amendments.ID.set: SETTING: message" (an error that already
 * names it stays as it is). Returns -1. */
static int amendment_error(const bs_amendment *am, const bs_error *sub, bs_error *err)
{
    char setting[MAX_PATH_LEN + 80];
    snprintf(setting, sizeof setting, "amendments.%s.set", am->id);
    if (sub->status != BS_EXIT_INPUT || strcmp(sub->setting, setting) == 0) {
        *err = *sub;
        return -1;
    }
    if (!sub->setting[0])
        return bs_fail(err, am->set_file, am->set_line, setting, "%s", sub->message);
    return bs_fail(err, am->set_file, am->set_line, setting, "%s: %s", sub->setting, sub->message);
}

static const entry *amendment_of(const bs_source *src, const char *text);

/* Scratch space for the trial builds of check_amendments(). */
typedef struct {
    bs_scenario *sc[2];
    bs_result *r[2];
    bs_override *all; /* the overrides, then the changes of up to two amendments */
} trials;

/* Build src with the overrides and the changes of amendment a (and first
 * those of amendment b, -1 for none) into slot k of t. Returns 0, or -1 with
 * err. */
static int trial_build(const bs_source *src, const bs_override *overrides, int noverrides, const bs_council *c,
                       int b, int a, trials *t, int k, bs_error *err)
{
    int n = 0;
    for (int i = 0; i < noverrides; i++)
        t->all[n++] = overrides[i];
    for (int which = 0; which < 2; which++) {
        int x = which == 0 ? b : a;
        for (int j = 0; x >= 0 && j < c->amendments[x].nset; j++)
            t->all[n++].text = c->amendments[x].set[j];
    }
    return build_checked(src, t->all, n, t->sc[k], t->r[k], 0, err);
}

/* Amendment a leaves the budget sc (r) as it is: does it change anything
 * once another is carried (an amendment may undo one voted before it)?
 * Returns 1, 0, or -1 with err. */
static int changes_after_another(const bs_source *src, const bs_override *overrides, int noverrides,
                                 const bs_council *c, int a, trials *t, bs_error *err)
{
    for (int b = 0; b < c->namendments; b++) {
        bs_error ignored = {0};
        if (b == a || trial_build(src, overrides, noverrides, c, -1, b, t, 0, &ignored) != 0 ||
            trial_build(src, overrides, noverrides, c, b, a, t, 1, &ignored) != 0)
            continue; /* b's own failure is reported for b */
        int same = same_outcome(t->sc[0], t->r[0], t->sc[1], t->r[1]);
        if (same <= 0)
            return same < 0 ? bs_fail_status(err, BS_EXIT_ENV, src->path, 0, "", "out of memory") : 1;
    }
    return 0;
}

/* Each amendment must apply cleanly and change something: build the
 * scenario sc (its budget r) again with the amendment's changes. One that
 * leaves the budget and the council as they are, on their own and after
 * any other amendment, is refused. When the changes of some amendment are
 * among the overrides already (the ballot of analyse/ballot.c lays those of
 * the amendments carried over the scenario), none is compared: sc is not
 * the scenario without them, and each was compared when the scenario was
 * built without them. */
static int check_amendments(const bs_source *src, const bs_override *overrides, int noverrides,
                            const bs_scenario *sc, const bs_result *r, bs_error *err)
{
    const bs_council *c = &sc->chamber;
    if (c->namendments == 0)
        return 0;
    trials t = {{malloc(sizeof *sc), malloc(sizeof *sc)}, {malloc(sizeof *r), malloc(sizeof *r)},
                calloc((size_t)noverrides + 2 * BS_MAX_AMEND_SETS, sizeof *t.all)};
    int rc = t.sc[0] && t.sc[1] && t.r[0] && t.r[1] && t.all
                 ? 0
                 : bs_fail_status(err, BS_EXIT_ENV, src->path, 0, "", "out of memory");
    int carried = 0; /* some amendment's change is among the overrides: sc is not the scenario without them */
    for (int i = 0; i < noverrides && !carried; i++)
        carried = amendment_of(src, overrides[i].text) != NULL;
    for (int a = 0; rc == 0 && a < c->namendments; a++) {
        const bs_amendment *am = &c->amendments[a];
        bs_error sub = {0};
        if (trial_build(src, overrides, noverrides, c, -1, a, &t, 0, &sub) != 0) {
            rc = amendment_error(am, &sub, err);
            break;
        }
        int same = carried ? 0 : same_outcome(sc, r, t.sc[0], t.r[0]);
        int later = same == 1 ? changes_after_another(src, overrides, noverrides, c, a, &t, err) : 1;
        if (same < 0)
            rc = bs_fail_status(err, BS_EXIT_ENV, src->path, 0, "", "out of memory");
        else if (later < 0)
            rc = -1;
        else if (later == 0) {
            char setting[MAX_PATH_LEN + 80];
            snprintf(setting, sizeof setting, "amendments.%s.set", am->id);
            rc = bs_fail(err, am->set_file, am->set_line, setting,
                         "changes nothing: the budget and the council come out the same with it as without it, "
                         "and after any other amendment");
        }
    }
    for (int k = 0; k < 2; k++) {
        free(t.sc[k]);
        free(t.r[k]);
    }
    free(t.all);
    return rc;
}

/* The entry of the amendment of src whose set holds the change text
 * ("path=value" as written there), else NULL. */
static const entry *amendment_of(const bs_source *src, const char *text)
{
    size_t n = strlen(text);
    for (int i = 0; i < src->entries.n; i++) {
        const entry *e = &src->entries.v[i];
        size_t len = strlen(e->path);
        if (strncmp(e->path, "amendments.", 11) != 0 || len < 15 || strcmp(e->path + len - 4, ".set") != 0 ||
            !e->str || (e->kind != V_STRLIST && e->kind != V_STR))
            continue;
        for (const char *p = e->str; *p;) {
            const char *nl = strchr(p, '\n');
            size_t k = nl ? (size_t)(nl - p) : strlen(p);
            if (k == n && memcmp(p, text, n) == 0)
                return e;
            p += k + (nl ? 1 : 0);
        }
    }
    return NULL;
}

/* An error at "--set" that an amendment's change made (the ballot of
 * analyse/ballot.c lays the changes of the amendments carried over the
 * scenario as overrides): reported at the amendment's set, "FILE:LINE:
 * amendments.ID.set: SETTING: message". The change is the last override
 * whose path is the error's setting, or the start of it. */
static void blame_amendment(const bs_source *src, const bs_override *overrides, int noverrides, bs_error *err)
{
    if (err->status != BS_EXIT_INPUT || strcmp(err->file, "--set") != 0)
        return;
    for (int i = noverrides - 1; i >= 0; i--) {
        const char *text = overrides[i].text, *eq = strchr(text, '=');
        size_t plen = eq ? (size_t)(eq - text) : strlen(text);
        int names = strncmp(err->setting, text, plen) == 0 && (err->setting[plen] == '\0' || err->setting[plen] == '.');
        if (!names && strcmp(err->setting, text) != 0)
            continue;
        const entry *am = amendment_of(src, text);
        if (!am)
            return; /* the command line's own --set */
        bs_error sub = *err;
        bs_fail(err, am->file, am->line, am->path, "%s: %s", sub.setting, sub.message);
        return;
    }
}

/* Build src with the overrides into out, its budget into r; with
 * check_amend 1, check that each amendment applies cleanly and changes
 * something; with check_amend 1 or 2, an error an amendment's change made
 * is reported at the amendment. Returns 0, or -1 with err. */
static int build_checked(const bs_source *src, const bs_override *overrides, int noverrides, bs_scenario *out,
                         bs_result *r, int check_amend, bs_error *err)
{
    entry_set es = {0};
    int rc = entries_copy(&src->entries, &es, err);
    for (int i = 0; rc == 0 && i < noverrides; i++)
        rc = parse_override(overrides[i].text, &es, err);
    if (rc == 0)
        rc = build_scenario(&es, src->path, out, err);
    if (rc == 0) {
        budget_run(out, r);
        rc = check_finite(&es, out, r, err);
    }
    if (rc == 0)
        rc = check_savings(&es, out, r, err);
    entries_free(&es);
    if (rc == 0)
        rc = check_metrics(out, r, err);
    if (rc != 0 && check_amend) /* a trial build's error is check_amendments()' to report */
        blame_amendment(src, overrides, noverrides, err);
    if (rc == 0 && check_amend == 1)
        rc = check_amendments(src, overrides, noverrides, out, r, err);
    return rc;
}

int source_build_meeting(const bs_source *src, const bs_override *overrides, int noverrides, bs_scenario *out,
                         bs_error *err)
{
    bs_result *r = malloc(sizeof *r);
    if (!r)
        return bs_fail_status(err, BS_EXIT_ENV, src->path, 0, "", "out of memory");
    int rc = build_checked(src, overrides, noverrides, out, r, 2, err);
    free(r);
    return rc;
}

int source_build(const bs_source *src, const bs_override *overrides, int noverrides, bs_scenario *out,
                 bs_error *err)
{
    bs_result *r = malloc(sizeof *r);
    if (!r)
        return bs_fail_status(err, BS_EXIT_ENV, src->path, 0, "", "out of memory");
    int rc = build_checked(src, overrides, noverrides, out, r, 1, err);
    free(r);
    return rc;
}

int scenario_load(const char *path, const bs_override *overrides, int noverrides, bs_scenario *out,
                  bs_error *err)
{
    bs_source *src;
    if (source_read(path, &src, err) != 0)
        return -1;
    int rc = source_build(src, overrides, noverrides, out, err);
    source_free(src);
    return rc;
}
