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

#include "load/build.h"
#include "load/check.h"
#include "load/entries.h"
#include "load/parse.h"
#include "load/splice.h"
#include "load/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bs_source {
    char path[MAX_FILE_NAME + 1]; /* the scenario file as given */
    entry_set entries;            /* its entries, bases and includes resolved */
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
    if (text_read_once(st->files, path, &text, err) != 0)
        return from_file ? text_refer(err, path, from_file, from_line, "base") : -1;
    text_dir_of(path, dir, PATH_MAX);
    spliced sp = {0};
    int rc = splice_text(path, text, dir, st, &sp, err);
    free(text);
    if (rc == 0)
        rc = parse_spliced(path, &sp, mine, err);
    spliced_free(&sp);
    return rc;
}

/* Lay the entries of mine (a file's own, but its base setting) over out,
 * emptying mine. Setting a group in an alternative does not clear the
 * base's contents, so a group entry only updates the location. Returns 0,
 * or -1 with err. */
static int lay_over(entry_set *mine, entry_set *out, const char *path, bs_error *err)
{
    for (int i = 0; i < mine->n; i++) {
        if (strcmp(mine->v[i].path, "base") == 0)
            continue;
        entry e = mine->v[i];
        memset(&mine->v[i], 0, sizeof mine->v[i]);
        e.file = entries_intern(out, e.file);
        if (!e.file) {
            entry_clear(&e);
            return bs_fail_status(err, BS_EXIT_ENV, path, 0, "", "out of memory");
        }
        if (entries_put(out, &e, err) != 0)
            return -1;
    }
    return 0;
}

/* Read one file (and, first, its base) into out. */
static int load_file(const char *path, file_stack *st, const char *from_file, int from_line, entry_set *out,
                     bs_error *err)
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
        rc = load_file(full, st, base->file, base->line, out, err);
    }
    if (rc == 0)
        rc = lay_over(&mine, out, path, err);
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
        rc = load_file(path, st, NULL, 0, &src->entries, err);
    }
    files_free(own);
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

const char *source_path(const bs_source *src)
{
    return src->path;
}

void source_free(bs_source *src)
{
    if (!src)
        return;
    entries_free(&src->entries);
    free(src);
}

/* ------------------------------------------------------------------ */
/* Building                                                            */
/* ------------------------------------------------------------------ */

static int build_checked(const bs_source *src, const bs_override *overrides, int noverrides, bs_scenario *out,
                         int check_amend, bs_error *err);

/* Each amendment must apply cleanly: build the scenario with its changes. */
static int check_amendments(const bs_source *src, const bs_override *overrides, int noverrides,
                            const bs_scenario *sc, bs_error *err)
{
    const bs_council *c = &sc->chamber;
    if (c->namendments == 0)
        return 0;
    bs_scenario *trial = malloc(sizeof *trial);
    bs_override *all = calloc((size_t)noverrides + BS_MAX_AMEND_SETS, sizeof *all);
    int rc = 0;
    if (!trial || !all)
        rc = bs_fail_status(err, BS_EXIT_ENV, src->path, 0, "", "out of memory");
    for (int a = 0; rc == 0 && a < c->namendments; a++) {
        const bs_amendment *am = &c->amendments[a];
        int n = 0;
        for (int i = 0; i < noverrides; i++)
            all[n++] = overrides[i];
        for (int k = 0; k < am->nset; k++)
            all[n++].text = am->set[k];
        bs_error sub = {0};
        if (build_checked(src, all, n, trial, 0, &sub) != 0) {
            char setting[MAX_PATH_LEN + 80];
            snprintf(setting, sizeof setting, "amendments.%s.set", am->id);
            if (sub.status == BS_EXIT_INPUT)
                rc = bs_fail(err, am->set_file, am->set_line, setting, "%s: %s", sub.setting, sub.message);
            else {
                *err = sub;
                rc = -1;
            }
        }
    }
    free(trial);
    free(all);
    return rc;
}

/* Build src with the overrides into out; with check_amend, check that each
 * amendment applies cleanly too. Returns 0, or -1 with err. */
static int build_checked(const bs_source *src, const bs_override *overrides, int noverrides, bs_scenario *out,
                         int check_amend, bs_error *err)
{
    entry_set es = {0};
    int rc = entries_copy(&src->entries, &es, err);
    for (int i = 0; rc == 0 && i < noverrides; i++)
        rc = parse_override(overrides[i].text, &es, err);
    if (rc == 0)
        rc = build_scenario(&es, src->path, out, err);
    if (rc == 0)
        rc = check_finite(&es, out, err);
    entries_free(&es);
    if (rc == 0)
        rc = check_metrics(out, err);
    if (rc == 0 && check_amend)
        rc = check_amendments(src, overrides, noverrides, out, err);
    return rc;
}

int source_build(const bs_source *src, const bs_override *overrides, int noverrides, bs_scenario *out,
                 bs_error *err)
{
    return build_checked(src, overrides, noverrides, out, 1, err);
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
