/* provenance.h - where each setting of a scenario came from, for
 * `budgetsim show`: every entry in force (the file and line it was written
 * on, or --set), which file of the chain that is (the scenario itself, a
 * base, an @include), the source comment on its line, and the earlier
 * values a later file or --set replaced. Nothing is read from disk again:
 * comments are found in the texts the command's bs_files kept when the
 * files were read (load/text.h).
 *
 * This file may use: core/, load/, the C library and POSIX. */
#ifndef BS_LOAD_PROVENANCE_H
#define BS_LOAD_PROVENANCE_H

#include "core/scenario.h"
#include "load/entries.h"
#include "load/source.h"

/* ---- kept by the reader (load/source.c) ---- */

/* The files of a source, one a layer (the deepest base first, the scenario
 * itself last), and the entries a later layer replaced, in the order they
 * were replaced. Owned by the source. */
typedef struct {
    char **layer;  /* the file of each layer, as named */
    int nlayers;
    entry *earlier; /* deep copies; file points into the source's entry set */
    int nearlier, cap;
} bs_chain;

/* Record that layer k of the chain is the file path. Returns 0, or -1 when
 * out of memory. */
int chain_layer(bs_chain *c, int k, const char *path);

/* Keep a copy of old, about to be replaced by a later layer (a group entry
 * is not kept). Returns 0, or -1 when out of memory. */
int chain_keep(bs_chain *c, const entry *old);

/* Free what c owns and zero it. */
void chain_free(bs_chain *c);

/* The chain and the entries of src (load/source.c). */
const bs_chain *source_chain(const bs_source *src);
const entry_set *source_entries(const bs_source *src);

/* ---- the provenance of a scenario ---- */

typedef enum {
    ORIGIN_DEFAULT,  /* not written: the default of the settings table */
    ORIGIN_SCENARIO, /* the scenario file itself */
    ORIGIN_BASE,     /* a file named by `base = "..."` (or a base's base) */
    ORIGIN_INCLUDE,  /* a file named by an @include line */
    ORIGIN_SET       /* --set on the command line */
} bs_origin_kind;

typedef struct {
    const entry *e;        /* path, value, file (as named; "--set") and line (0 for --set) */
    bs_origin_kind kind;
    const char *comment;   /* the comment after the value on its line, without the '#'
                            * or "//" and the blanks around it; "" when none */
} bs_origin;

typedef struct bs_provenance bs_provenance;

/* The provenance of src with the overrides laid over it in order (as
 * source_build does), comments found in the texts files holds (NULL: no
 * comments). Heap memory: provenance_free. Returns 0, or -1 with err. */
int provenance_new(const bs_source *src, const bs_files *files, const bs_override *overrides, int noverrides,
                   bs_provenance **out, bs_error *err);
void provenance_free(bs_provenance *p);

/* The entries in force, in order of first appearance (group entries
 * included: e->kind V_GROUP). */
int provenance_count(const bs_provenance *p);
const bs_origin *provenance_at(const bs_provenance *p, int i);

/* The entry in force at path, or NULL (not written). */
const bs_origin *provenance_find(const bs_provenance *p, const char *path);

/* The values replaced by a later file or --set, in the order they were
 * laid (the deepest base first). */
int provenance_earlier_count(const bs_provenance *p);
const bs_origin *provenance_earlier_at(const bs_provenance *p, int i);

/* The files that hold entries (the scenario, its bases, their includes),
 * in order of the first entry laid from each: the deepest base first. */
int provenance_file_count(const bs_provenance *p);
const char *provenance_file(const bs_provenance *p, int i);

/* "default", "scenario", "base", "include" or "--set". */
const char *origin_kind_name(bs_origin_kind k);

/* The comment on line `line` of text: the text after the first '#' or
 * "//" outside a "string" on that line, blanks taken off both ends, into
 * buf ("" when none). Exposed for tests. */
void provenance_line_comment(const char *text, int line, char *buf, size_t size);

#endif
