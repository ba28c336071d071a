/* util.h - small helpers shared by every module: errors, text, money formatting.
 *
 * Library code never prints or exits: it fills a bs_error and returns a status.
 * Only main.c turns an error into a line on stderr and an exit status.
 *
 * This file may use: core/, the C library and libm (no files, no printing, no exit). */
#ifndef BS_UTIL_H
#define BS_UTIL_H

#include <stdarg.h>
#include <stddef.h>

/* Exit statuses, used by every command. */
enum {
    BS_EXIT_OK = 0,    /* success */
    BS_EXIT_RULE = 1,  /* valid input, but a rule is broken (check) */
    BS_EXIT_INPUT = 2, /* bad input or usage */
    BS_EXIT_ENV = 3,   /* environment failure: cannot write, a program missing */
    /* Not a status of its own: standard output was closed by its reader (a
     * pipe into head). The command removes its temporary files and ends
     * quietly, killed by SIGPIPE as GNU tools are: the shell shows 141. */
    BS_EXIT_PIPE = 141
};

/* A file name kept for messages (a scenario, a base, an include), with its
 * NUL: the reader refuses longer names (docs/scenario-format.md, limits). */
#define BS_FILE_MAX 512
/* Identifiers (ids of services, groups, ...) and names shown to people,
 * each with its NUL. */
#define BS_ID_MAX 64
#define BS_NAME_MAX 200

/* An error as the user will read it: "FILE:LINE: setting: message".
 * file and setting may be empty; line 0 means "no line". */
typedef struct {
    int status;         /* one of BS_EXIT_*; 0 when no error was set */
    char file[BS_FILE_MAX]; /* the scenario file, or "--set" for a command-line override */
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

/* Format the error as one line (no newline) into buf: control characters
 * in the file name, the setting and the message (C0, DEL, and C1 written
 * in UTF-8) are shown as '?'. */
void bs_error_format(const bs_error *err, char *buf, size_t size);

/* Copy text from a user (an argument) into buf for a message: control
 * characters (as bs_error_format shows them) become '?', and text longer
 * than the buffer ends in "...". */
const char *bs_printable(const char *text, char *buf, size_t size);

/* v as the shortest text that reads back as the same double (an integer
 * below 1e15 without a decimal point): how a setting's value is shown. */
const char *bs_num_text(double v, char *buf, size_t size);

/* Copy src into dst (size bytes), always NUL-terminating. Returns 0, or -1 when
 * src did not fit (dst then holds a truncated copy). */
int bs_strlcpy(char *dst, const char *src, size_t size);

/* Levenshtein distance between a and b (both short). */
int bs_edit_distance(const char *a, const char *b);

/* "Did you mean ...?": the nearest of some names to a word that names none
 * of them (a setting, a row key, a command, an option). Start with the word
 * (its first len bytes), offer each candidate (copied: it may be a scratch
 * buffer), then ask for the best. The first at the smallest edit distance
 * wins. */
#define BS_NEAREST_MAX 320
typedef struct {
    char word[BS_NEAREST_MAX]; /* what the user gave */
    int printable;             /* it holds no control character */
    char best[BS_NEAREST_MAX]; /* the nearest so far, "" before any */
    int distance;              /* its edit distance */
    int cap;                   /* candidates further than this are not looked at (bs_nearest_within) */
} bs_nearest;

void bs_nearest_start(bs_nearest *n, const char *word, size_t len);
void bs_nearest_offer(bs_nearest *n, const char *candidate);

/* Look only at candidates that bs_nearest_best(n, slack, floor) could
 * suggest, with the same slack and floor: the answer is the same, found
 * sooner (a candidate too far off is dropped after a few letters). */
void bs_nearest_within(bs_nearest *n, int slack, int floor);

/* The nearest candidate when it is close enough to suggest: not the word
 * itself, at most max(len / 3 + slack, floor) edits away (len: the word's
 * length), and the word typed by hand (no control character); else NULL.
 * Valid while n is. */
const char *bs_nearest_best(const bs_nearest *n, int slack, int floor);

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

#endif
