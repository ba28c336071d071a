/* entries.h - the entry set: a scenario as a list of "dotted.path = value"
 * entries, each with the file and line it came from, in order of first
 * appearance, with a hash index of the paths. Files and --set overrides
 * become entries (load/parse.c); entries become the struct (load/build.c).
 *
 * This file may use: core/ and the C library. */
#ifndef BS_LOAD_ENTRIES_H
#define BS_LOAD_ENTRIES_H

#include "core/bind.h"
#include "core/util.h"

#define MAX_PATH_LEN 255  /* a dotted setting path */
#define MAX_ENTRIES 20000 /* settings in one scenario */

/* V_PATCH: no value of its own, only changes for periods (patches) laid
 * over the setting's default. */
typedef enum { V_NUM, V_BOOL, V_STR, V_LIST, V_GROUP, V_MIXED, V_STRLIST, V_PATCH } vkind;

/* A change of a per-year setting for a period: "--set path@2023=3", or a
 * `changes` entry of a file. Patches are laid over the setting's value in
 * order; a later value of the whole setting replaces them all. */
typedef struct {
    bs_period period;
    double value;
    const char *file; /* interned in the entry set */
    int line;
    char *label;      /* owned: the path with its period, "council_tax.core_rise_pct@2023", for messages */
} entry_patch;

typedef struct {
    char *path;           /* dotted path, owned */
    vkind kind;
    double num;           /* V_NUM */
    int is_int;           /* V_NUM written as an integer literal */
    int boolean;          /* V_BOOL */
    char *str;            /* V_STR, owned; V_STRLIST: the texts joined by newlines */
    double *list;         /* V_LIST, owned */
    int nlist;
    int bad_entry;        /* V_MIXED: the first entry that is not a number (1-based) */
    const char *bad_kind; /* V_MIXED: what it is, "text" */
    const char *file;     /* interned in the entry set */
    int line;
    entry_patch *patches; /* owned: changes for periods, in order (V_PATCH: nothing else) */
    int npatches;
    int layer;            /* where its file lies when files are laid over each other: a base below the
                           * file naming it (0 for the deepest), --set above all (ENTRY_LAYER_SET) */
} entry;

#define ENTRY_LAYER_SET 1000000

typedef struct {
    entry *v;
    int n, cap;
    int *index;   /* hash of the paths: entry number + 1 in each used slot, 0 in a free one */
    int icap;     /* slots in index, a power of two above 2n */
    char **files; /* interned file names, owned */
    int nfiles;
    int layers;   /* files laid into the set so far (load/source.c) */
} entry_set;

/* Free what e owns and zero it. */
void entry_clear(entry *e);

/* Free what s owns and zero it (an empty set again). */
void entries_free(entry_set *s);

/* An interned copy of name owned by s, or NULL when out of memory. */
const char *entries_intern(entry_set *s, const char *name);

/* The entry of s at path, or NULL. */
entry *entries_find(entry_set *s, const char *path);

/* Put e into s, replacing an entry with the same path (the later wins; it
 * keeps the earlier one's position so that ids keep their order). Takes
 * ownership of e's memory, on failure too. Returns 0 or -1 with err (too
 * many settings, out of memory). */
int entries_put(entry_set *s, entry *e, bs_error *err);

/* Lay the patch p (its label copied; file interned here) over the entry at
 * path in s, making a V_PATCH entry in layer when there is none. Returns 0
 * or -1 with err (too many settings, out of memory). */
int entries_patch(entry_set *s, const char *path, const entry_patch *p, int layer, bs_error *err);

/* A deep copy of from (its own strings, lists and file names) into to,
 * which must be empty. Returns 0 or -1 with err (out of memory). */
int entries_copy(const entry_set *from, entry_set *to, bs_error *err);

/* Does d (NULL: not written) lie over s, written in a file laid over the
 * one s was written in? A setting made moot by a later file (an
 * alternative changing its base's whip) is not an error; one written with
 * what makes it moot, or under it, is. */
int entries_laid_over(const entry *d, const entry *s);

/* Is there any entry at prefix or below it (a group, or a setting given by --set)? */
int entries_has_part(const entry_set *s, const char *prefix);

#endif
