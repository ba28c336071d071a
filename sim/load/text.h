/* text.h - a scenario file read as text: checked (exists, regular, not
 * empty, not too large, not binary, UTF-8) before a byte of it is parsed;
 * file names joined to the folder of the file naming them; the chain of
 * files being read (bases and includes), to refuse cycles.
 *
 * This file may use: core/, the C library and POSIX. */
#ifndef BS_LOAD_TEXT_H
#define BS_LOAD_TEXT_H

#include "core/util.h"
#include "load/entries.h"
#include "load/source.h"

#include <limits.h>
#include <stddef.h>
#include <sys/types.h>

#define MAX_FILE_BYTES (4 * 1024 * 1024) /* a scenario is a few kB */
#define MAX_DEPTH 10                     /* nested bases or includes */
#define MAX_INCLUDES 1000                /* @include lines read for one file */
#define MAX_FILE_NAME (BS_FILE_MAX - 1)  /* a file's name as given or joined to its folder, in bytes:
                                          * it must fit the 512-byte names of bs_error and bs_scenario */

/* Read path into a NUL-terminated heap buffer (*text, the caller frees it),
 * after checking it is a readable, regular, non-empty UTF-8 text file.
 * Returns 0, or -1 with err (the file, or no file when its name is too
 * long) and *text NULL. */
int text_read(const char *path, char **text, bs_error *err);

/* The files one command has read (bs_files of load/source.h): the text of
 * each, by device and inode, so that a file named by two scenarios (a base
 * they share) or twice by one is read from disk once. */
typedef struct {
    dev_t dev;
    ino_t ino;
    char *name; /* as first named (joined to the folder of the file naming it) */
    char *text; /* as text_read() returned it */
    char sha256[65]; /* SHA-256 of the bytes read, before any check changed them (core/sha256.h) */
    int role;   /* TEXT_ROLE_*: how it was named (a scenario once named as one stays one) */
} text_file;

/* How a file came to be read: named on the command line, by base =, or by
 * @include (files_role of load/source.h). */
enum { TEXT_ROLE_SCENARIO, TEXT_ROLE_BASE, TEXT_ROLE_INCLUDE };

/* A file held in memory (files_put of load/source.h), by its name with
 * "." and ".." taken out (text_clean_path). */
typedef struct {
    char *name;
    size_t name_len;
    unsigned long hash; /* of name (name_hash in text.c), compared before the name */
    char *text; /* len bytes, as given */
    size_t len;
    int checked;     /* the checks of a file's text have been made: */
    char *good;      /* its text as they leave it, or NULL and */
    bs_error failed; /* why they refused it (its file, the name first read by) */
    entry_set *parsed; /* its entries as parsed when it was read as parsed_as (a file with no
                        * @include), kept so a base read again is not parsed again: NULL when none */
    char *parsed_as;
} text_memory;

struct bs_files {
    text_file *v;
    int n, cap;
    text_memory *mem; /* files held in memory, found by name before the disk */
    int nmem, memcap;
    int *memidx;      /* hash of their names: file number + 1 in each used slot, 0 in a free one */
    int memidx_cap;   /* slots, a power of two above 2 nmem */
    int memory_only;  /* files_new_memory: the disk is never looked at */
    int next_role;    /* TEXT_ROLE_* of the file text_push() pushed last, for text_read_once */
};

/* text_read, through files: a file held in memory by that name is read
 * from there (with the same checks), a file already read (the same device
 * and inode) is not opened again, its text is copied; with memory_only, a
 * name not held in memory cannot be opened. files may be NULL. */
int text_read_once(bs_files *files, const char *path, char **text, bs_error *err);

/* The entries parsed from the file held in memory under path when it was
 * last read under exactly that name (the name is in every entry) and its
 * text has not been replaced since (files_put), or NULL. Only files without
 * @include lines are kept: the text of a file alone decides its entries.
 *
 * Why: the fuzzer reads thousands of scenarios a second that name the same
 * 14 kB base, and libconfig 1.5 spends most of a parse in
 * config_setting_add, which compares each new name with every name already
 * in its group (by a strchr per character). Files read from disk are not
 * kept: one command reads a base once or twice. */
const entry_set *text_parsed_find(const bs_files *files, const char *path);

/* Keep a copy of es as the entries of the file held in memory under path
 * (see text_parsed_find). Returns 0, or -1 when out of memory or path is
 * not held in memory (nothing is kept: the file is simply parsed again). */
int text_parsed_keep(bs_files *files, const char *path, const entry_set *es);

/* 0 when the n bytes at p are valid UTF-8, else the 1-based line of the
 * first bad sequence. */
int text_utf8_bad_line(const unsigned char *p, size_t n);

/* Every '\r' of the n bytes at p that no '\n' follows (a CR-only line
 * end, old Mac style, alone or mixed with others) becomes '\n', so that
 * libconfig and the reader count lines as the file's editor shows them;
 * the '\r' of CRLF stays, a blank to both. */
void text_line_ends(char *p, size_t n);

/* path with "." segments and "dir/.." pairs taken out, lexically (the disk
 * is not asked), into buf ("" when too long): the key of a file held in
 * memory. A leading ".." stays. */
void text_clean_path(const char *path, char *buf, size_t size);

/* The file held in memory in files under path, or NULL (files may be NULL). */
const text_memory *text_memory_find(const bs_files *files, const char *path);

/* The folder part of path ("." when none), into buf. */
void text_dir_of(const char *path, char *buf, size_t size);

/* path joined to dir unless it is absolute, into buf ("" when too long:
 * opening "" then fails with a clear error). */
void text_join_path(const char *dir, const char *path, char *buf, size_t size);

/* The chain of files being read (bases and includes), to refuse cycles. */
typedef struct {
    char *real[MAX_DEPTH + 1]; /* the real path of each, outermost first (heap memory: text_stack_free;
                                * a slot above n may hold an old one, reused) */
    int n;
    int includes;    /* @include lines read so far */
    bs_files *files; /* the files read so far, each read once */
} file_stack;

/* Free the paths st holds (not st itself). */
void text_stack_free(file_stack *st);

/* Push path, named by setting at from_file:from_line (from_file NULL for the
 * scenario itself); fail when it cannot be found, is already being read (a
 * cycle) or nests too deep. The caller pops it (st->n--) when done. */
int text_push(file_stack *st, const char *path, const char *from_file, int from_line, const char *setting,
              bs_error *err);

/* Move the error text_read() gave for path, a base or included file, to
 * from_file:from_line, where setting names it. Returns -1. */
int text_refer(bs_error *err, const char *path, const char *from_file, int from_line, const char *setting);

#endif
