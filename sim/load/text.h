/* text.h - a scenario file read as text: checked (exists, regular, not
 * empty, not too large, not binary, UTF-8) before a byte of it is parsed;
 * file names joined to the folder of the file naming them; the chain of
 * files being read (bases and includes), to refuse cycles.
 *
 * This file may use: core/, the C library and POSIX. */
#ifndef BS_LOAD_TEXT_H
#define BS_LOAD_TEXT_H

#include "core/util.h"
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
} text_file;

struct bs_files {
    text_file *v;
    int n, cap;
};

/* text_read, through files: a file already read (the same device and
 * inode) is not opened again, its text is copied. files may be NULL. */
int text_read_once(bs_files *files, const char *path, char **text, bs_error *err);

/* 0 when the n bytes at p are valid UTF-8, else the 1-based line of the
 * first bad sequence. */
int text_utf8_bad_line(const unsigned char *p, size_t n);

/* The folder part of path ("." when none), into buf. */
void text_dir_of(const char *path, char *buf, size_t size);

/* path joined to dir unless it is absolute, into buf ("" when too long:
 * opening "" then fails with a clear error). */
void text_join_path(const char *dir, const char *path, char *buf, size_t size);

/* The chain of files being read (bases and includes), to refuse cycles. */
typedef struct {
    char real[MAX_DEPTH + 1][PATH_MAX]; /* the real path of each, outermost first */
    int n;
    int includes;    /* @include lines read so far */
    bs_files *files; /* the files read so far, each read once */
} file_stack;

/* Push path, named by setting at from_file:from_line (from_file NULL for the
 * scenario itself); fail when it cannot be found, is already being read (a
 * cycle) or nests too deep. The caller pops it (st->n--) when done. */
int text_push(file_stack *st, const char *path, const char *from_file, int from_line, const char *setting,
              bs_error *err);

/* Move the error text_read() gave for path, a base or included file, to
 * from_file:from_line, where setting names it. Returns -1. */
int text_refer(bs_error *err, const char *path, const char *from_file, int from_line, const char *setting);

#endif
