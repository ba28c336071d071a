/* table.h - a result as rows of numbers, one value per year, each with a
 * stable key. The text, CSV and JSON writers all print tables, so the three
 * formats always hold the same figures.
 *
 * This file may use: core/, the C library and libm (no files, no printing, no exit). */
#ifndef BS_TABLE_H
#define BS_TABLE_H

#include <stddef.h>

#include "core/budget.h"

typedef enum {
    BS_ROW_HEADING, /* a section title, no values */
    BS_ROW_M,       /* £m, shown to 0.1 */
    BS_ROW_POUNDS,  /* £, shown to 0.01 */
    BS_ROW_PCT,     /* %, shown to 0.01 */
    BS_ROW_COUNT,   /* households, homes: shown whole */
    BS_ROW_YEARS    /* years, shown to 0.1; negative means "not drawing" */
} bs_row_kind;

typedef struct {
    char key[200];                  /* e.g. "services.adult_social_care.net_m" */
    char label[BS_NAME_MAX + 40];   /* e.g. "Adult social care" */
    bs_row_kind kind;
    int indent;                     /* 0 or 1 */
    double v[BS_MAX_YEARS];
    unsigned char na[BS_MAX_YEARS]; /* 1: no value that year (shown "-", empty, null) */
    long result_offset;             /* byte offset of the values in the bs_result they came
                                     * from, or -1 when the row is computed (see table_offset) */
} bs_row;

typedef struct {
    bs_row *rows;
    int n, cap;
    int nyears;
    int first_year;
} bs_table;

/* Fill t (which must be zeroed or freed) with the rows of one result.
 * Returns 0, or -1 when out of memory. t->rows is heap memory: table_free. */
int table_from_result(const bs_scenario *sc, const bs_result *r, bs_table *t);
void table_free(bs_table *t);

/* Row with this key, or NULL. A key renamed since (table_renames) finds
 * the row under its new name. */
const bs_row *table_find(const bs_table *t, const char *key);

/* A row of any table, for people: its key with '*' for an id (of a service,
 * a funding stream, a measure, an earmarked reserve, a band), its unit and
 * what it is. */
typedef struct {
    const char *pattern;
    const char *unit;
    const char *meaning;
} bs_row_def;

/* Every row a table may hold, in table order; *n receives how many. */
const bs_row_def *table_row_defs(size_t *n);

/* The row def whose pattern matches key ('*' is one component or part of
 * one), or NULL. */
const bs_row_def *table_row_def(const char *key);

/* A row key renamed to the name of the setting it shows: the old pattern
 * and the new, each with one '*' for the id. */
typedef struct {
    const char *old_pattern;
    const char *new_pattern;
} bs_row_rename;

/* Every rename; *n receives how many. */
const bs_row_rename *table_renames(size_t *n);

/* When key is an old name of a row (table_renames), write its new name
 * into out and return 1; else 0. */
int table_alias(const char *key, char *out, size_t size);

/* Byte offset in a bs_result of the values of the row with this key, so that
 * a loop over many runs can read a metric without building tables: the
 * values for year t of result r are ((const double *)((const char *)r + off))[t].
 * -1 when there is no such row or the row is computed rather than stored. */
long table_offset(const bs_table *t, const char *key);

/* What an amount of money in one year comes to for each household. */
typedef struct {
    double per_band_d_pounds;  /* amount x 1e6 / tax base: £ per Band D equivalent */
    double per_band_a_pounds;  /* 6/9 of that: £ per Band A home (bs_band_ratio[0]) */
    double council_tax_rise_pct; /* the % rise on the year's Band D that raises the amount */
} bs_per_household;

/* amount_m (£m) in year index t of r, the budget of sc, per household. The
 * rise inverts budget.c's council tax income, Band D x tax base x collection
 * rate / 100 / 1e6: a rise of p% on that year's Band D raises
 * Band D x p/100 x tax base x collection rate/100 / 1e6, so
 * p = 100 x amount_m x 1e6 / (Band D x tax base x collection rate / 100).
 * Returns 0, or -1 (*out zeroed) when the tax base or the year's council tax
 * income is not positive: then there is no such figure. */
int table_per_household(const bs_scenario *sc, const bs_result *r, int t, double amount_m, bs_per_household *out);

/* Whether key is one of the per-household rows table_from_result adds under
 * each gap (KEY_per_band_d_pounds, KEY_per_band_a_pounds,
 * KEY_council_tax_rise_pct): writers that show those figures in a block of
 * their own leave the rows out of their tables. */
int table_is_per_household(const char *key);

/* v as the text tables show it for a row of kind k: £m and years to 1
 * decimal, pounds and percentages to 2, counts to none; grouped, signed
 * when plus; a heading "". Here rather than in write/ so that the model
 * compiled to WebAssembly (web/api.c) shows the figures `budgetsim run`
 * shows. Returns buf. */
char *table_fmt_value(bs_row_kind k, double v, int plus, char *buf, size_t size);

/* Unit word for a row kind: "£m", "£", "%", "", "years". */
const char *table_unit(bs_row_kind k);

/* A row's label with its unit, for a chart's title or axis: label (the
 * words the tables show for the row key) with the unit of its row def (or
 * of kind, when key has no def) in brackets: "Gap after measures (£m)".
 * A note in brackets that ends the label keeps its place after the unit
 * ("Gap after measures (negative: a surplus)" becomes "Gap after measures
 * (£m; negative: a surplus)"); a label that ends with its unit in brackets
 * is kept as it is. No label: the key. Returns buf. */
char *table_row_title(const char *key, const char *label, bs_row_kind kind, char *buf, size_t size);

#endif
