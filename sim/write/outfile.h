/* outfile.h - the one place that writes an output file: a temporary name in
 * the target's folder, renamed over the target only when the file is
 * complete, removed on failure and on an interrupt (SIGINT, SIGTERM,
 * SIGHUP). Standard output and devices or pipes are written directly, never
 * replaced. Every writer (run, compare, vote, solve, sweep, sensitivity,
 * montecarlo, charts, reports) goes through it.
 *
 * This file may use: core/, the C library and POSIX. */
#ifndef BS_OUTFILE_H
#define BS_OUTFILE_H

#include <stdio.h>

#include "core/util.h"

/* A path budgetsim writes: a folder's path (PATH_MAX, 4096) and the name and
 * temporary suffix added to it. */
#define BS_OUT_PATH_MAX 4200

/* One output being written. */
typedef struct {
    const char *path;            /* as asked for; NULL: standard output */
    char final[BS_OUT_PATH_MAX]; /* the file it stands for, links followed */
    char tmp[BS_OUT_PATH_MAX];   /* the temporary file beside final, "" when written directly */
    FILE *f;                     /* the stream to write to */
} bs_outfile;

/* Open path for writing (NULL or "-": standard output). A folder is
 * refused; a file this command reads is refused (outfile_clash); a device,
 * a pipe, a socket or anything under /dev or /proc (/dev/stdout,
 * /proc/self/fd/N) is written to directly, never replaced; a regular file
 * (or a new one) is written under a temporary name beside it, and through a
 * symbolic link the file it points to is replaced, never the link. Returns
 * 0, or -1 with err (exit status 3, or 2 for a clash) naming path. */
int outfile_open(bs_outfile *o, const char *path, bs_error *err);

/* Flush and close the stream; ok says whether the writer succeeded (when
 * not, err is the writer's: when the stream itself failed, err is made to
 * name the output). A temporary file is kept for outfile_commit() or
 * outfile_discard(); on any failure it is removed, so an existing file is
 * left untouched. Returns 0, or -1 with err. */
int outfile_close(bs_outfile *o, int ok, bs_error *err);

/* Rename the closed temporary file into place (nothing to do for standard
 * output or a device). Returns 0, or -1 with err. */
int outfile_commit(bs_outfile *o, bs_error *err);

/* Remove the closed temporary file: a later step failed, so the old file
 * stays as it was. */
void outfile_discard(bs_outfile *o);

/* outfile_close() then outfile_commit(): for an output with nothing after it. */
int outfile_finish(bs_outfile *o, int ok, bs_error *err);

/* Open DIR/.NAME.tmpXXXXXX for writing (tmp receives its name, size
 * bytes): for writers that make a file inside a folder (a chart, its data
 * and script, a report). Returns the stream, or NULL with err (exit status
 * 3): "DIR: cannot write NAME: reason". Close it with outfile_close_in(). */
FILE *outfile_open_in(const char *dir, const char *name, char *tmp, size_t size, bs_error *err);

/* Close f, opened by outfile_open_in(), and rename tmp to DIR/NAME when
 * everything was written; otherwise remove it. Returns 0, or -1 with err
 * as outfile_open_in() words it. */
int outfile_close_in(FILE *f, const char *tmp, const char *dir, const char *name, bs_error *err);

/* Remember path (its device and inode, through links) as a file this
 * command reads: no output may replace it. Returns 0, or -1 when it cannot
 * be looked up. */
int outfile_protect(const char *path);

/* 0 when target (followed through links, hard links included, since the
 * device and inode are compared) is not a file this command reads; else -1
 * with err (exit status 2): "TARGET: would replace INPUT, which this
 * command reads; nothing was written". A target that does not exist is no
 * clash. */
int outfile_clash(const char *target, bs_error *err);

/* Where an output to path goes: *direct is set when it must be written to
 * directly (a device, pipe or socket, anything under /dev or /proc, or a
 * link to one); otherwise final receives the regular file to replace (the
 * links of path followed). Refuses a folder (status 3) and an input (2).
 * Returns 0, or -1 with err. */
int outfile_where(const char *path, char *final, size_t size, int *direct, bs_error *err);

/* mkstemp, with the permissions an ordinary new file gets (0666 less the
 * umask) rather than 0600, since outputs are meant to be shared. */
int bs_mkstemp(char *tmpl);

/* A file made by bs_mkstemp is remembered until bs_temp_remove (delete it)
 * or bs_temp_commit (rename it to final; on failure it is deleted, errno
 * kept). After bs_temp_cleanup_on_signals, an interrupt (SIGINT, SIGTERM,
 * SIGHUP) deletes the files still remembered before the process dies, so
 * that no partial output is left behind. */
void bs_temp_remove(const char *path);
int bs_temp_commit(const char *path, const char *final);
void bs_temp_cleanup_on_signals(void);

/* Remove the files still remembered and the staging folder, then die of
 * sig with its default action, as an interrupt does. */
void bs_temp_die(int sig);


/* The staging folder in use (stage.h), or NULL for none: a file committed
 * into it stays remembered (removed on an interrupt, with the folder) until
 * bs_temp_unstage(path) once it has been moved into place. */
void bs_temp_stage(const char *stage);
void bs_temp_unstage(const char *path);

#endif
