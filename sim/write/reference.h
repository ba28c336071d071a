/* reference.h - the settings reference and the rows reference for people
 * (budgetsim reference).
 *
 * This file may use: core/ and the C library. */
#ifndef BS_REFERENCE_H
#define BS_REFERENCE_H

#include <stdio.h>

#include "core/schema.h"
#include "core/table.h"

/* 1 when filter (NULL or "": everything) is a word found, without case, in
 * path or meaning, or a prefix of path whose '*' stands for any id. */
int reference_matches(const char *filter, const char *path, const char *meaning);

/* Write the reference of every setting that filter matches to f: fmt "text"
 * (wrapped to width columns, never mid-word), "md" (a Markdown table) or
 * "man" (roff). Returns how many settings were written. */
int schema_write_reference(FILE *f, const char *fmt, const char *filter, int width);

/* Write the rows that filter matches to f, each with its unit and meaning:
 * of the table t, or when t is NULL of any table (the pattern, '*' for an
 * id), then the renamed keys the filter matches; fmt "text" (wrapped to
 * width) or "md". Returns how many rows were written. */
int reference_write_rows(FILE *f, const bs_table *t, const char *fmt, const char *filter, int width);

#endif
