/* bind.h - a numeric setting of a loaded scenario, found by its dotted path,
 * to read or change in place: what sweeps, sensitivity runs and Monte Carlo
 * draws vary between calls of the model, without re-reading the file.
 *
 * This file may use: core/, the C library and libm (no files, no printing, no exit). */
#ifndef BS_BIND_H
#define BS_BIND_H

#include "core/schema.h"

typedef struct {
    char path[256];              /* e.g. "services.adult_social_care.growth_pct" */
    const bs_setting_def *def;   /* its row in the settings table */
    double *values;              /* the value, or the per-year values */
    int first, count;            /* the entries that matter: values[first .. first+count-1] */
} bs_binding;

/* Find the numeric setting at path in sc. Numbers and per-year settings can
 * be bound; whole numbers, true/false, text and lists cannot. Returns 0, or
 * -1 with err (status 2) naming the path and what is wrong. */
int bind_path(bs_scenario *sc, const char *path, bs_binding *b, bs_error *err);

/* Every numeric setting present in sc (each instance of a service, measure
 * ...), in the order of the settings table; at most max. Returns the count. */
int bind_all(bs_scenario *sc, bs_binding *out, int max);

/* The value (for a per-year setting, its first year that matters). */
double bind_get(const bs_binding *b);

/* Set the value; a per-year setting takes it in every year, as --set does. */
void bind_set(const bs_binding *b, double v);

/* Multiply the value(s) by factor (a per-year setting: every year). */
void bind_scale(const bs_binding *b, double factor);

/* Clamp v into the setting's allowed range, an open end just inside it. */
double bind_clamp(const bs_binding *b, double v);

#endif
