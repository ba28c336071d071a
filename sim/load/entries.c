/* entries.c - the entry set (see entries.h): dotted paths with their
 * values, files and lines, found through an open-addressing hash index.
 *
 * This file may use: core/ and the C library. */
#include "load/entries.h"

#include <stdlib.h>
#include <string.h>

void entry_clear(entry *e)
{
    free(e->path);
    free(e->str);
    free(e->list);
    for (int i = 0; i < e->npatches; i++)
        free(e->patches[i].label);
    free(e->patches);
    memset(e, 0, sizeof *e);
}

/* Append a copy of p (file: an interned name, or NULL) to e's patches.
 * Returns 0, or -1 when out of memory. */
static int add_patch(entry *e, const entry_patch *p, const char *file)
{
    entry_patch *np = realloc(e->patches, (size_t)(e->npatches + 1) * sizeof *np);
    if (!np)
        return -1;
    e->patches = np;
    entry_patch q = *p;
    q.file = file;
    if (!(q.label = strdup(p->label ? p->label : "")))
        return -1;
    e->patches[e->npatches++] = q;
    return 0;
}

void entries_free(entry_set *s)
{
    for (int i = 0; i < s->n; i++)
        entry_clear(&s->v[i]);
    free(s->v);
    free(s->index);
    for (int i = 0; i < s->nfiles; i++)
        free(s->files[i]);
    free(s->files);
    memset(s, 0, sizeof *s);
}

const char *entries_intern(entry_set *s, const char *name)
{
    for (int i = 0; i < s->nfiles; i++)
        if (strcmp(s->files[i], name) == 0)
            return s->files[i];
    char **nf = realloc(s->files, (size_t)(s->nfiles + 1) * sizeof *nf);
    if (!nf)
        return NULL;
    s->files = nf;
    if (!(s->files[s->nfiles] = strdup(name)))
        return NULL;
    return s->files[s->nfiles++];
}

/* The slot of path in s->index: where it is, or the free slot where it would go. */
static unsigned index_slot(const entry_set *s, const char *path)
{
    unsigned h = 2166136261u; /* FNV-1a */
    for (const char *p = path; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    unsigned mask = (unsigned)s->icap - 1, i = h & mask;
    while (s->index[i] && strcmp(s->v[s->index[i] - 1].path, path) != 0)
        i = (i + 1) & mask;
    return i;
}

entry *entries_find(entry_set *s, const char *path)
{
    if (s->icap == 0)
        return NULL;
    int k = s->index[index_slot(s, path)];
    return k ? &s->v[k - 1] : NULL;
}

/* Room in s for one more entry: the array and the index (kept under half
 * full, every path hashed again when it grows). Returns 0, or -1 when out
 * of memory. */
static int make_room(entry_set *s)
{
    if (s->n == s->cap) {
        int cap = s->cap ? s->cap * 2 : 64;
        entry *nv = realloc(s->v, (size_t)cap * sizeof *nv);
        if (!nv)
            return -1;
        s->v = nv;
        s->cap = cap;
    }
    if (2 * (s->n + 1) > s->icap) {
        int icap = s->icap ? s->icap * 2 : 128;
        int *ni = calloc((size_t)icap, sizeof *ni);
        if (!ni)
            return -1;
        free(s->index);
        s->index = ni;
        s->icap = icap;
        for (int i = 0; i < s->n; i++)
            s->index[index_slot(s, s->v[i].path)] = i + 1;
    }
    return 0;
}

int entries_put(entry_set *s, entry *e, bs_error *err)
{
    entry *old = entries_find(s, e->path);
    if (old) {
        entry_clear(old);
        *old = *e;
        return 0;
    }
    if (s->n >= MAX_ENTRIES) {
        int line = e->line;
        const char *file = e->file;
        entry_clear(e);
        return bs_fail(err, file, line, "", "too many settings (the limit is %d)", MAX_ENTRIES);
    }
    if (make_room(s) != 0) {
        entry_clear(e);
        return bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    }
    s->index[index_slot(s, e->path)] = s->n + 1;
    s->v[s->n++] = *e;
    return 0;
}

int entries_patch(entry_set *s, const char *path, const entry_patch *p, int layer, bs_error *err)
{
    const char *file = p->file ? entries_intern(s, p->file) : NULL;
    if (p->file && !file)
        return bs_fail_status(err, BS_EXIT_ENV, p->file, p->line, p->label, "out of memory");
    entry *old = entries_find(s, path);
    if (!old) {
        entry e = {0};
        e.kind = V_PATCH;
        e.file = file;
        e.line = p->line;
        e.layer = layer;
        if (!(e.path = strdup(path)))
            return bs_fail_status(err, BS_EXIT_ENV, p->file, p->line, p->label, "out of memory");
        if (entries_put(s, &e, err) != 0)
            return -1;
        old = entries_find(s, path);
    }
    if (add_patch(old, p, file) != 0)
        return bs_fail_status(err, BS_EXIT_ENV, p->file, p->line, p->label, "out of memory");
    return 0;
}

int entries_copy(const entry_set *from, entry_set *to, bs_error *err)
{
    for (int i = 0; i < from->n; i++) {
        const entry *f = &from->v[i];
        entry e = *f;
        e.path = strdup(f->path);
        e.str = f->str ? strdup(f->str) : NULL;
        e.list = f->list ? malloc((size_t)(f->nlist ? f->nlist : 1) * sizeof *e.list) : NULL;
        e.file = f->file ? entries_intern(to, f->file) : NULL;
        e.patches = NULL;
        e.npatches = 0;
        for (int k = 0; k < f->npatches; k++) {
            const char *pf = f->patches[k].file ? entries_intern(to, f->patches[k].file) : NULL;
            if ((f->patches[k].file && !pf) || add_patch(&e, &f->patches[k], pf) != 0) {
                entry_clear(&e);
                return bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
            }
        }
        if (!e.path || (f->str && !e.str) || (f->list && !e.list) || (f->file && !e.file)) {
            entry_clear(&e);
            return bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
        }
        if (f->list)
            memcpy(e.list, f->list, (size_t)f->nlist * sizeof *e.list);
        if (entries_put(to, &e, err) != 0)
            return -1;
    }
    return 0;
}

int entries_laid_over(const entry *d, const entry *s)
{
    return d && d->layer > s->layer;
}

int entries_has_part(const entry_set *s, const char *prefix)
{
    size_t n = strlen(prefix);
    for (int i = 0; i < s->n; i++)
        if (strncmp(s->v[i].path, prefix, n) == 0 && (s->v[i].path[n] == '\0' || s->v[i].path[n] == '.'))
            return 1;
    return 0;
}
