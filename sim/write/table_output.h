/* table_output.h - what the writers of run (output.c) and compare
 * (compare_output.c) share, private to those two: the rows of a table
 * (core/table.h) as aligned text, CSV numbers and JSON series, a scenario
 * as JSON, and the rules of a result (defined in output.c).
 *
 * This file may use: core/, analyse/, write/, jansson and the C library. */
#ifndef BS_TABLE_OUTPUT_H
#define BS_TABLE_OUTPUT_H

#include <jansson.h>
#include <stdio.h>

#include "core/table.h"

/* The columns s takes on a terminal, shown as tab_put_padded shows it. */
int tab_text_width(const char *s);

/* Print s for people (control characters and bytes that are not UTF-8 as
 * escapes, write/text.h) padded to width w, keeping one space free at the
 * end (cut at a character and ended with "... " when longer). */
void tab_put_padded(FILE *f, const char *s, int w);

/* The heading line of a text table: title in the label column (widened by
 * extra_w), then the n years from first_year. */
void tab_year_header(FILE *f, const char *title, int first_year, int n, int extra_w);

/* One text row: label (indented as row says), a tag column of width tag_w
 * (none when 0), then n values formatted as row's kind ("-" where na; plus:
 * signed). A heading row is its label alone. Text is shown as
 * tab_put_padded shows it. */
void tab_text_row(FILE *f, const bs_row *row, const char *label, const char *tag, int tag_w, int n,
                  const double *v, const unsigned char *na, int plus);

/* The row's label for text, with its unit for pounds, percentages and years:
 * "Band D bill (£)". */
void tab_label(const bs_row *row, char *buf, size_t size);

/* ",YEAR" for each of the n years, then CRLF: the rest of a CSV header. */
void tab_csv_years(FILE *f, int first_year, int n);

/* ",VALUE" to ten significant figures, no "-0"; "," alone where na. */
void tab_csv_number(FILE *f, double v, int na);

/* The n values as a JSON array (null where na; na may be NULL). Returns a
 * new reference, or NULL when out of memory. */
json_t *tab_json_series(const double *v, const unsigned char *na, int n);

/* The n year labels from first_year as a JSON array (new reference). */
json_t *tab_json_years(int first_year, int n);

/* The scenario's name, label, council, description and file as a JSON
 * object (new reference). */
json_t *tab_json_scenario(const bs_scenario *sc);

/* The rules of r as text under title, and as a JSON array (new reference):
 * output.c's, for compare. */
void output_rules_text(FILE *f, const char *title, const bs_scenario *sc, const bs_result *r);
json_t *output_rules_json(const bs_scenario *sc, const bs_result *r);

#endif
