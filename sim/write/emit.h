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
 * comma, a quote or a line break. */
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
 * indented JSON with reals to `precision` digits, and a newline. */
struct json_t;
int output_json(FILE *f, struct json_t *root, int precision, bs_error *err);

#endif
