/* bind.h - a numeric setting of a loaded scenario, found by its dotted path,
 * to read or change in place: what sweeps, sensitivity runs and Monte Carlo
 * draws vary between calls of the model, without re-reading the file.
 *
 * This file may use: core/, the C library and libm (no files, no printing, no exit). */
#ifndef BS_BIND_H
#define BS_BIND_H

#include "core/schema.h"

/* A period of a per-year setting, written after its path: "@2023" (one
 * financial year, named by its first calendar year: 2023/24), "@2023.."
 * (2023/24 to the end of the horizon), "@2023..2025" (2023/24 to 2025/26,
 * inclusive). A year may also be written 2023/24. */
#define BS_PERIOD_OPEN 99999     /* the end of "@2023..": the last year of the horizon */
typedef struct {
    int from, to;                /* calendar years; to = BS_PERIOD_OPEN for "from on" */
} bs_period;

/* Does text (n bytes) name a period? *path_len is the length of the path
 * before '@' (n when there is none, and then *has = 0). The period after
 * '@' into *p. Returns 0, or -1 with err (file, line 0, setting: the text). */
int bind_parse_period(const char *text, size_t n, size_t *path_len, int *has, bs_period *p, const char *file,
                      bs_error *err);

/* The entries values[*first .. *first + *count - 1] of the setting d that
 * the period p names, in a horizon of nyears from first_year. label (the
 * path with its period, as written) and file, line say where, in an error:
 * a setting that is not per-year, a year outside the horizon, a range
 * backwards, the first year of a growth rate (which has none). Returns 0,
 * or -1 with err. */
int bind_period_span(const bs_setting_def *d, int first_year, int nyears, const bs_period *p, const char *file,
                     int line, const char *label, int *first, int *count, bs_error *err);

/* The period's text, "@2023", "@2023.." or "@2023..2025", into buf. */
const char *bind_period_text(const bs_period *p, char *buf, size_t size);

typedef struct {
    char path[256];              /* e.g. "services.adult_social_care.growth_pct", or with a period "...@2023" */
    const bs_setting_def *def;   /* its row in the settings table */
    double *values;              /* the value, or the per-year values */
    int first, count;            /* the entries that matter: values[first .. first+count-1] */
} bs_binding;

/* Find the numeric setting at path in sc. Numbers and per-year settings can
 * be bound; whole numbers, true/false, text and lists cannot. A per-year
 * setting may name a period (path@2023, @2023.., @2023..2025): then only
 * those years are bound. Returns 0, or -1 with err (status 2) naming the
 * path and what is wrong. */
int bind_path(bs_scenario *sc, const char *path, bs_binding *b, bs_error *err);

/* Every numeric setting present in sc (each instance of a service, measure
 * ...), in the order of the settings table; at most max. Returns the count. */
int bind_all(bs_scenario *sc, bs_binding *out, int max);

/* The value (for a per-year setting, its first year that matters). */
double bind_get(const bs_binding *b);

/* Set the value; a per-year setting takes it in every year bound (every
 * year, or those of its period), as --set does. */
void bind_set(const bs_binding *b, double v);

/* Multiply the value(s) by factor (a per-year setting: every year). */
void bind_scale(const bs_binding *b, double factor);

/* Clamp v into the setting's allowed range, an open end just inside it. */
double bind_clamp(const bs_binding *b, double v);

#endif
