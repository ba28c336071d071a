/* provenance.c - where each setting came from (see provenance.h).
 *
 * This file may use: core/, load/, the C library and POSIX. */
#include "load/provenance.h"

#include "load/parse.h"
#include "load/text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ------------------------------------------------------------------ */
/* The chain, kept by the reader                                       */
/* ------------------------------------------------------------------ */

int chain_layer(bs_chain *c, int k, const char *path)
{
    if (k >= c->nlayers) {
        char **nl = realloc(c->layer, (size_t)(k + 1) * sizeof *nl);
        if (!nl)
            return -1;
        for (int i = c->nlayers; i <= k; i++)
            nl[i] = NULL;
        c->layer = nl;
        c->nlayers = k + 1;
    }
    free(c->layer[k]);
    return (c->layer[k] = strdup(path)) ? 0 : -1;
}

/* A deep copy of from into *to (its file pointer shared). Returns 0 or -1. */
static int entry_dup(const entry *from, entry *to)
{
    *to = *from;
    to->path = strdup(from->path);
    to->str = from->str ? strdup(from->str) : NULL;
    to->list = from->list ? malloc((size_t)(from->nlist ? from->nlist : 1) * sizeof *to->list) : NULL;
    if (!to->path || (from->str && !to->str) || (from->list && !to->list)) {
        entry_clear(to);
        return -1;
    }
    if (from->list)
        memcpy(to->list, from->list, (size_t)from->nlist * sizeof *to->list);
    return 0;
}

int chain_keep(bs_chain *c, const entry *old)
{
    if (old->kind == V_GROUP)
        return 0;
    if (c->nearlier == c->cap) {
        int cap = c->cap ? 2 * c->cap : 16;
        entry *nv = realloc(c->earlier, (size_t)cap * sizeof *nv);
        if (!nv)
            return -1;
        c->earlier = nv;
        c->cap = cap;
    }
    if (entry_dup(old, &c->earlier[c->nearlier]) != 0)
        return -1;
    c->nearlier++;
    return 0;
}

void chain_free(bs_chain *c)
{
    for (int i = 0; i < c->nlayers; i++)
        free(c->layer[i]);
    for (int i = 0; i < c->nearlier; i++)
        entry_clear(&c->earlier[i]);
    free(c->layer);
    free(c->earlier);
    memset(c, 0, sizeof *c);
}

/* ------------------------------------------------------------------ */
/* Comments                                                            */
/* ------------------------------------------------------------------ */

void provenance_line_comment(const char *text, int line, char *buf, size_t size)
{
    if (size == 0)
        return;
    buf[0] = '\0';
    const char *p = text;
    for (int l = 1; l < line && p; l++) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    if (!p || line < 1)
        return;
    const char *end = strchr(p, '\n');
    if (!end)
        end = p + strlen(p);
    const char *c = NULL;
    int quoted = 0;
    for (const char *q = p; q < end && !c; q++) {
        if (quoted) {
            if (*q == '\\' && q + 1 < end)
                q++;
            else if (*q == '"')
                quoted = 0;
        } else if (*q == '"') {
            quoted = 1;
        } else if (*q == '#') {
            c = q + 1;
        } else if (*q == '/' && q + 1 < end && q[1] == '/') {
            c = q + 2;
        }
    }
    if (!c)
        return;
    while (c < end && isspace((unsigned char)*c))
        c++;
    const char *e = end;
    while (e > c && isspace((unsigned char)e[-1]))
        e--;
    size_t n = (size_t)(e - c);
    if (n >= size)
        n = size - 1; /* cut at a character: no UTF-8 sequence left half */
    while (n > 0 && n < (size_t)(e - c) && ((unsigned char)c[n] & 0xc0) == 0x80)
        n--;
    memcpy(buf, c, n);
    buf[n] = '\0';
}

/* The text files kept of the file named name, or NULL. */
static const char *file_text(const bs_files *files, const char *name)
{
    if (!files)
        return NULL;
    const text_memory *m = text_memory_find(files, name);
    if (m)
        return m->good ? m->good : m->text;
    for (int i = 0; i < files->n; i++)
        if (strcmp(files->v[i].name, name) == 0)
            return files->v[i].text;
    /* the same file named another way (stat opens nothing) */
    struct stat st;
    if (stat(name, &st) == 0)
        for (int i = 0; i < files->n; i++)
            if (files->v[i].dev == st.st_dev && files->v[i].ino == st.st_ino)
                return files->v[i].text;
    return NULL;
}

/* ------------------------------------------------------------------ */
/* The provenance                                                      */
/* ------------------------------------------------------------------ */

struct bs_provenance {
    entry_set es;      /* the entries in force: the source's with the overrides laid over */
    bs_origin *now;    /* one for each entry of es */
    entry *old;        /* the values replaced: the chain's, then those --set replaced */
    int nold;
    bs_origin *was;    /* one for each of old */
    char **comments;   /* owned comment texts */
    int ncomments;
    const char **files;
    int *file_layer;   /* the lowest layer of an entry of each file */
    int nfiles;
};

/* What kind of file of the chain e came from. */
static bs_origin_kind kind_of(const bs_chain *c, const entry *e)
{
    if (e->layer == ENTRY_LAYER_SET)
        return ORIGIN_SET;
    if (e->layer < 0 || e->layer >= c->nlayers || !c->layer[e->layer] || !e->file)
        return ORIGIN_SCENARIO;
    if (strcmp(c->layer[e->layer], e->file) != 0)
        return ORIGIN_INCLUDE;
    return e->layer == c->nlayers - 1 ? ORIGIN_SCENARIO : ORIGIN_BASE;
}

/* Fill o for e; its comment found in files. Returns 0, or -1 when out of memory. */
static int origin_fill(bs_provenance *p, const bs_chain *c, const bs_files *files, const entry *e, bs_origin *o)
{
    o->e = e;
    o->kind = kind_of(c, e);
    o->comment = "";
    const char *text = o->kind == ORIGIN_SET ? NULL : file_text(files, e->file);
    if (!text || e->line <= 0)
        return 0;
    char buf[4096];
    provenance_line_comment(text, e->line, buf, sizeof buf);
    if (!buf[0])
        return 0;
    char *copy = strdup(buf);
    char **nc = copy ? realloc(p->comments, (size_t)(p->ncomments + 1) * sizeof *nc) : NULL;
    if (!nc) {
        free(copy);
        return -1;
    }
    p->comments = nc;
    p->comments[p->ncomments++] = copy;
    o->comment = copy;
    return 0;
}

/* Add e's file to the list of files, once. */
static int note_file(bs_provenance *p, const entry *e)
{
    if (!e->file || e->layer == ENTRY_LAYER_SET || e->kind == V_GROUP)
        return 0;
    for (int i = 0; i < p->nfiles; i++)
        if (strcmp(p->files[i], e->file) == 0) {
            if (e->layer < p->file_layer[i])
                p->file_layer[i] = e->layer;
            return 0;
        }
    const char **nf = realloc(p->files, (size_t)(p->nfiles + 1) * sizeof *nf);
    if (nf)
        p->files = nf;
    int *nl = nf ? realloc(p->file_layer, (size_t)(p->nfiles + 1) * sizeof *nl) : NULL;
    if (!nl)
        return -1;
    p->file_layer = nl;
    p->file_layer[p->nfiles] = e->layer;
    p->files[p->nfiles++] = e->file;
    return 0;
}

/* The files in order of their layers, the deepest first (stable: a
 * file's includes after it). */
static void sort_files(bs_provenance *p)
{
    for (int i = 1; i < p->nfiles; i++)
        for (int j = i; j > 0 && p->file_layer[j - 1] > p->file_layer[j]; j--) {
            const char *f = p->files[j];
            int l = p->file_layer[j];
            p->files[j] = p->files[j - 1];
            p->file_layer[j] = p->file_layer[j - 1];
            p->files[j - 1] = f;
            p->file_layer[j - 1] = l;
        }
}

int provenance_new(const bs_source *src, const bs_files *files, const bs_override *overrides, int noverrides,
                   bs_provenance **out, bs_error *err)
{
    const bs_chain *c = source_chain(src);
    bs_provenance *p = calloc(1, sizeof *p);
    entry_set before = {0};
    int rc = p ? entries_copy(source_entries(src), &p->es, err)
               : bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    if (rc == 0)
        rc = entries_copy(source_entries(src), &before, err);
    for (int i = 0; rc == 0 && i < noverrides; i++)
        rc = parse_override(overrides[i].text, &p->es, err);
    /* the values replaced: the chain's, then each that --set replaced */
    int most = c->nearlier + before.n;
    if (rc == 0 && !(p->old = calloc((size_t)(most ? most : 1), sizeof *p->old)))
        rc = bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    for (int i = 0; rc == 0 && i < c->nearlier; i++) {
        if (entry_dup(&c->earlier[i], &p->old[p->nold]) != 0)
            rc = bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
        else if (!(p->old[p->nold++].file = entries_intern(&p->es, c->earlier[i].file)))
            rc = bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    }
    for (int i = 0; rc == 0 && i < before.n; i++) {
        const entry *b = &before.v[i], *now = entries_find(&p->es, b->path);
        if (b->kind == V_GROUP || !now || now->layer != ENTRY_LAYER_SET)
            continue;
        if (entry_dup(b, &p->old[p->nold]) != 0)
            rc = bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
        else if (!(p->old[p->nold++].file = entries_intern(&p->es, b->file)))
            rc = bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    }
    if (rc == 0 && (!(p->now = calloc((size_t)(p->es.n ? p->es.n : 1), sizeof *p->now)) ||
                    !(p->was = calloc((size_t)(p->nold ? p->nold : 1), sizeof *p->was))))
        rc = bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    for (int i = 0; rc == 0 && i < p->nold; i++)
        if (origin_fill(p, c, files, &p->old[i], &p->was[i]) != 0 || note_file(p, &p->old[i]) != 0)
            rc = bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    for (int i = 0; rc == 0 && i < p->es.n; i++)
        if (origin_fill(p, c, files, &p->es.v[i], &p->now[i]) != 0 || note_file(p, &p->es.v[i]) != 0)
            rc = bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    entries_free(&before);
    if (rc == 0)
        sort_files(p);
    if (rc != 0) {
        provenance_free(p);
        return -1;
    }
    *out = p;
    return 0;
}

void provenance_free(bs_provenance *p)
{
    if (!p)
        return;
    for (int i = 0; i < p->nold; i++)
        entry_clear(&p->old[i]);
    for (int i = 0; i < p->ncomments; i++)
        free(p->comments[i]);
    entries_free(&p->es);
    free(p->old);
    free(p->now);
    free(p->was);
    free(p->comments);
    free(p->files);
    free(p->file_layer);
    free(p);
}

int provenance_count(const bs_provenance *p)
{
    return p->es.n;
}

const bs_origin *provenance_at(const bs_provenance *p, int i)
{
    return &p->now[i];
}

const bs_origin *provenance_find(const bs_provenance *p, const char *path)
{
    const entry *e = entries_find((entry_set *)&p->es, path);
    return e ? &p->now[e - p->es.v] : NULL;
}

int provenance_earlier_count(const bs_provenance *p)
{
    return p->nold;
}

const bs_origin *provenance_earlier_at(const bs_provenance *p, int i)
{
    return &p->was[i];
}

int provenance_file_count(const bs_provenance *p)
{
    return p->nfiles;
}

const char *provenance_file(const bs_provenance *p, int i)
{
    return p->files[i];
}

const char *origin_kind_name(bs_origin_kind k)
{
    switch (k) {
    case ORIGIN_DEFAULT: return "default";
    case ORIGIN_SCENARIO: return "scenario";
    case ORIGIN_BASE: return "base";
    case ORIGIN_INCLUDE: return "include";
    case ORIGIN_SET: return "--set";
    }
    return "";
}
