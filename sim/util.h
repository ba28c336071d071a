/* util.h - small helpers shared by every module: errors, text, money formatting.
 *
 * Library code never prints or exits: it fills a bs_error and returns a status.
 * Only main.c turns an error into a line on stderr and an exit status. */
#ifndef BS_UTIL_H
#define BS_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* Exit statuses, used by every command. */
enum {
    BS_EXIT_OK = 0,    /* success */
    BS_EXIT_RULE = 1,  /* valid input, but a rule is broken (check) */
    BS_EXIT_INPUT = 2, /* bad input or usage */
    BS_EXIT_ENV = 3    /* environment failure: cannot write, a program missing */
};

/* An error as the user will read it: "FILE:LINE: setting: message".
 * file and setting may be empty; line 0 means "no line". */
typedef struct {
    int status;         /* one of BS_EXIT_*; 0 when no error was set */
    char file[512];     /* the scenario file, or "--set" for a command-line override */
    int line;           /* line in file, 0 when not known */
    char setting[256];  /* the dotted setting path, may be empty */
    char message[512];  /* what is wrong, lower case, no final full stop */
} bs_error;

/* Fill err (status BS_EXIT_INPUT) and return -1, so callers can write
 * `return bs_fail(err, file, line, setting, "fmt", ...);`. */
int bs_fail(bs_error *err, const char *file, int line, const char *setting,
            const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Same, with an explicit exit status. */
int bs_fail_status(bs_error *err, int status, const char *file, int line,
                   const char *setting, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Format the error as one line (no newline) into buf. */
void bs_error_format(const bs_error *err, char *buf, size_t size);

/* Copy text from a user (an argument) into buf for a message: control
 * characters become '?', and text longer than the buffer ends in "...". */
const char *bs_printable(const char *text, char *buf, size_t size);

/* Copy src into dst (size bytes), always NUL-terminating. Returns 0, or -1 when
 * src did not fit (dst then holds a truncated copy). */
int bs_strlcpy(char *dst, const char *src, size_t size);

/* Levenshtein distance between a and b (both short). */
int bs_edit_distance(const char *a, const char *b);

/* Money and numbers for people. Each writes into buf and returns buf.
 * bs_fmt_m: £m to one decimal place with thousands separators, "-0.0" never
 * appears. bs_fmt_pounds: £ to two decimals with separators. bs_fmt_signed_m
 * is bs_fmt_m with an explicit "+" on positive values. */
char *bs_fmt_m(double m, char *buf, size_t size);
char *bs_fmt_signed_m(double m, char *buf, size_t size);
char *bs_fmt_pounds(double pounds, char *buf, size_t size);
/* Generic: value with `decimals` decimals and thousands separators. */
char *bs_fmt_grouped(double v, int decimals, int plus, char *buf, size_t size);

/* Money in £m for sentences: "£21.4m", "-£21.4m" (decimals after the point). */
char *bs_fmt_gbp_m(double m, int decimals, char *buf, size_t size);

/* Year label for a financial year starting in `year`: 2022 -> "2022/23". */
char *bs_year_label(int year, char *buf, size_t size);

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

/* The staging folder in use (stage.h), or NULL for none: a file committed
 * into it stays remembered (removed on an interrupt, with the folder) until
 * bs_temp_unstage(path) once it has been moved into place. */
void bs_temp_stage(const char *stage);
void bs_temp_unstage(const char *path);

/* One CSV field (RFC 4180): quoted, with quotes doubled, when it holds a
 * comma, a quote or a line break. */
void bs_csv_field(FILE *f, const char *s);

/* Flush and close-check a stream: returns 0, or -1 with err filled
 * (BS_EXIT_ENV) when anything written could not be delivered. */
int bs_stream_finish(FILE *f, const char *what, bs_error *err);

#endif
