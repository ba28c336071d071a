/* sensitivity.h - one at a time: how far one quantity of the budget moves
 * when each numeric setting is scaled down and up by a swing.
 *
 * For each setting (every numeric setting of the scenario that bind_all()
 * lists, or the paths given with --only), on a copy of the loaded scenario:
 * scale it by (1 - swing) and by (1 + swing) (a per-year setting in every
 * year: bind_scale), clamp each value into the setting's allowed range
 * (bind_clamp), run the budget and read the quantity, a row of the budget
 * tables (table.h; the keys of `budgetsim run --format csv`) in one year. The
 * effect of a setting is the larger of |metric(low) - base| and
 * |metric(high) - base|; settings are ranked by it, largest first, ties in the
 * order of the settings table.
 *
 * Left out: settings whose values are all 0 (scaling 0 changes nothing; they
 * are counted as skipped), and, when no --only is given, the settings of the
 * council vote (council.*), which the budget does not read (counted too).
 *
 * Library code: no printing, no exit. Each function returns 0, or -1 with a
 * bs_error whose file is "" and whose setting names the command-line argument
 * at fault ("--swing 150%", "--only council_tax.core_rise").
 *
 * Memory: sensitivity_run() puts heap memory in a result (its rows and the
 * paths skipped); sensitivity_clear() releases that and not the result itself.
 * sensitivity_result_new() and sensitivity_result_free() make and free a
 * result in heap memory, with what it holds.
 *
 * This file may use: core/, analyse/solve.h and common.h, and the C library. */
#ifndef BS_SENSITIVITY_H
#define BS_SENSITIVITY_H

#include "analyse/common.h"
#include "analyse/solve.h"
#include "core/bind.h"
#include "core/table.h"

#define BS_SENS_SWING_PCT 10.0     /* the swing when none is given */
#define BS_SENS_DEFAULT_METRIC "totals.gap_after_m"
#define BS_SENS_MAX_ONLY 256       /* paths in --only, in all */

/* What to swing: written by the sensitivity_parse_* functions. All zero
 * means the defaults: a 10% swing of every setting, the gap after measures
 * in the second year. */
typedef struct {
    double swing_pct;                       /* 0 < swing_pct < 100; 0 = BS_SENS_SWING_PCT */
    int has_swing, has_metric;              /* given (each at most once) */
    char metric_arg[BS_ARG_MAX];            /* "--metric KEY@YEAR" as given, for messages */
    char metric[BS_METRIC_MAX];             /* row key; "" = BS_SENS_DEFAULT_METRIC */
    int year;                               /* 0 = the second year (the first in a one-year horizon) */
    char only[BS_SENS_MAX_ONLY][BS_SETTING_PATH_MAX]; /* --only paths, in order, without repeats */
    int nonly;                              /* 0 = every numeric setting */
} bs_sens_spec;

/* One setting swung. */
typedef struct {
    char path[BS_SETTING_PATH_MAX]; /* e.g. "council_tax.tax_base" */
    int order;                  /* its place among the settings swung, before ranking */
    int per_year;               /* 1: a per-year setting, scaled in every year */
    double base_value;          /* its value (a per-year setting: the first year that matters) */
    double min_value, max_value;/* over the years that matter (equal for a single number) */
    double value_low, value_high;   /* base_value swung down and up, after clamping */
    int clamped_low, clamped_high;  /* 1: some value was clamped into the allowed range */
    double metric_low, metric_high; /* the quantity at each swing */
    int na_low, na_high;            /* 1: the quantity has no value at that swing ("-" in run) */
    double effect;              /* max |metric - base| over the sides with a value; NaN when neither has one */
} bs_sens_row;

typedef struct {
    char name[BS_NAME_MAX];            /* the scenario's name, label, council and file */
    char scenario_label[BS_ID_MAX];
    char council[BS_NAME_MAX];
    char source_file[BS_FILE_MAX];
    char metric[BS_METRIC_MAX];        /* the quantity: key, label, kind (unit: table_unit) */
    char label[BS_LABEL_MAX];
    bs_row_kind kind;
    int year;                          /* financial year, resolved (2023 = 2023/24) */
    double swing_pct;                  /* resolved */
    double base_metric;                /* the quantity with no setting swung */
    bs_sens_row *rows;                 /* heap memory (sensitivity_clear): ranked, largest effect first */
    int n;
    char (*skipped)[BS_SETTING_PATH_MAX]; /* heap memory (sensitivity_clear): paths skipped because
                                           * every value is 0, in order */
    int nskipped;
    int nleft_out;                     /* council.* settings left out (no --only) */
    int evaluations;                   /* budget runs, in all */
} bs_sens_result;

/* Read --swing ARG: a percentage above 0 and below 100, "10%" or "10". */
int sensitivity_parse_swing(const char *arg, bs_sens_spec *spec, bs_error *err);

/* Read --metric ARG: "KEY" or "KEY@YEAR" (solve_parse_metric). Whether KEY
 * exists and YEAR is in the horizon is checked by sensitivity_run(). */
int sensitivity_parse_metric(const char *arg, bs_sens_spec *spec, bs_error *err);

/* Read --only ARG: setting paths separated by commas, added to spec->only
 * (repeats dropped). Whether each is a numeric setting of the scenario is
 * checked by sensitivity_run(). */
int sensitivity_parse_only(const char *arg, bs_sens_spec *spec, bs_error *err);

/* Swing the settings of sc (a loaded scenario, not changed) as spec says,
 * into *out, which the caller frees with sensitivity_clear() whatever the
 * outcome. Returns 0, or -1 with err: status 2 for bad input (a metric that
 * does not exist, with the nearest key suggested, a year outside the horizon,
 * a metric with no value in the base, an --only path that is not a numeric
 * setting of sc, nothing left to swing), 3 when out of memory. */
int sensitivity_run(const bs_scenario *sc, const bs_sens_spec *spec, bs_sens_result *out, bs_error *err);

/* Free the heap memory sensitivity_run() put in res (its rows and skipped
 * paths), not res itself (NULL is allowed); res is left empty, to free
 * again or reuse. */
void sensitivity_clear(bs_sens_result *res);

/* A zeroed result in heap memory, or NULL when out of memory; free it with
 * sensitivity_result_free(). */
bs_sens_result *sensitivity_result_new(void);

/* Free res (NULL is allowed) and the heap memory it holds. */
void sensitivity_result_free(bs_sens_result *res);

#endif
