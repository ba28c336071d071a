/* emit.h - what every writer needs: the output formats, a CSV field, JSON
 * to a stream, a stream closed and checked.
 *
 * This file may use: core/, jansson, the C library and POSIX. */
#ifndef BS_EMIT_H
#define BS_EMIT_H

#include <stdio.h>

#include "core/scenario.h"
#include "core/util.h"

typedef enum { BS_FMT_TEXT, BS_FMT_CSV, BS_FMT_JSON } bs_format;

/* Parse "text", "csv" or "json"; -1 when unknown. */
int output_parse_format(const char *s);

/* The index of s among the n names (compared exactly), or -1. */
int bs_name_index(const char *s, const char *const *names, int n);

/* One CSV field (RFC 4180): quoted, with quotes doubled, when it holds a
 * comma, a quote or a line break; every other byte as it is (CSV is read
 * by programs: the text is kept exactly). Every text field of every CSV
 * output goes through it. */
void bs_csv_field(FILE *f, const char *s);

/* The title of a text output: "COUNCIL: NAME" (NAME alone without a
 * council), then "Scenario file: FILE". */
void bs_text_title(FILE *f, const bs_scenario *sc);

/* Flush and check a stream: returns 0, or -1 with err filled (BS_EXIT_ENV)
 * when anything written could not be delivered; BS_EXIT_PIPE when f is
 * standard output and its reader has gone (core/util.h). */
int bs_stream_finish(FILE *f, const char *what, bs_error *err);

/* 1 when standard output is a pipe or socket whose reader has gone. */
int bs_stdout_closed(void);

/* Write root (taking the reference; NULL means it could not be built) as
 * indented JSON with reals to `precision` digits, and a newline. Nothing is
 * written, and -1 returned with err, when root is NULL or when building it
 * went wrong (below): a text that is not UTF-8 (status 2, the text named)
 * or a part that could not be made (out of memory, status 3). */
struct json_t;
int output_json(FILE *f, struct json_t *root, int precision, bs_error *err);

/* Text for JSON (a new reference): s as a JSON string. JSON holds only
 * UTF-8: when s is not valid UTF-8 the output being built is marked as
 * failed (output_json refuses it, naming the text) and s's display form
 * (write/text.h) stands in so that the structure stays whole. NULL only
 * when out of memory (then the output is marked as failed too). */
struct json_t *bs_json_text(const char *s);

/* Append v to the array a, or set key of the object o to v (taking the
 * reference either way). A NULL v (a part that could not be built), a NULL
 * a or o, or a failed append marks the output being built as failed, so
 * that output_json refuses it: a row is never dropped silently. */
void bs_json_append(struct json_t *a, struct json_t *v);
void bs_json_set(struct json_t *o, const char *key, struct json_t *v);

#endif
