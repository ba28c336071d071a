/* solve.h - goal seek: the value of one numeric setting that brings one
 * quantity of the budget to a target in one year.
 *
 * The quantity is a row of the budget tables (table.h; the keys of
 * `budgetsim run --format csv`) in one year. For a value x of the setting,
 * f(x) = metric(x) - target, where metric(x) comes from building the scenario
 * from its source (read once, in memory: load/source.h) with the caller's
 * overrides and then "path=x" (so a per-year setting is set to x in every
 * year, as `--set` does), running the budget and building its table. f is
 * searched for a root in [lo, hi] by Brent's method (GSL's
 * gsl_root_fsolver_brent), which needs f(lo) and f(hi) of opposite signs:
 * both ends are evaluated first, and when they have the same sign the target
 * is reported as not reachable. When f has several roots in the range, one of
 * them is found.
 *
 * Optimisation (spec->goal BS_SOLVE_MAXIMISE or BS_SOLVE_MINIMISE): the
 * metric is sampled at BS_SOLVE_GRID evenly spaced points from lo to hi; the
 * best point and its two neighbours bracket an optimum (the middle better
 * than both ends, as GSL's gsl_min_fminimizer_brent needs), which is then
 * refined. When the best point is an end of the range the answer is that end,
 * said to be one (BS_SOLVE_AT_LO, BS_SOLVE_AT_HI: the metric still improves
 * there, so the optimum may lie outside the range); when every point of the
 * grid gives the same value there is none (BS_SOLVE_FLAT). A metric with
 * several peaks narrower than the grid's step may have its best one missed.
 *
 * Every answer (a root, an optimum) also says which rules (core/rules.h) the
 * budget breaks at it, and warns of each charge priced outside
 * BS_SOLVE_PRICE_LOW to BS_SOLVE_PRICE_HIGH times its reference price there,
 * where take-up is extrapolated by the elasticity from the one price at which
 * it was seen.
 *
 * Library code: no printing, no exit. Each function returns 0, or -1 with a
 * bs_error whose file is "" and whose setting names the command-line argument
 * at fault ("--vary council_tax.core_rise_pct=5:1"), or the scenario loader's
 * own error.
 *
 * This file may use: core/, load/, analyse/common.h, GSL and the C library. */
#ifndef BS_SOLVE_H
#define BS_SOLVE_H

#include "analyse/common.h"
#include "core/scenario.h"
#include "core/table.h"
#include "load/source.h"

#define BS_SOLVE_MAX_ITER 100 /* iterations of Brent's method, at most */
#define BS_SOLVE_EPSABS 1e-12 /* stop when the bracket is narrower than */
#define BS_SOLVE_EPSREL 1e-9  /*   EPSABS + EPSREL x min(|lower|, |upper|) */
#define BS_SOLVE_ARG_MAX BS_ARG_MAX /* an argument kept for messages */
#define BS_SOLVE_GRID 64      /* points sampled before an optimum is refined */
#define BS_SOLVE_MIN_EPSREL 1e-7 /* an optimum's bracket: narrower than EPSREL x |x| */
#define BS_SOLVE_MIN_EPSABS 1e-8  /*   + EPSABS x (hi - lo); a minimiser cannot do much better
                                   * than sqrt(DBL_EPSILON) = 1.5e-8 relative */
#define BS_SOLVE_PRICE_LOW 0.5  /* a charge's price below this many times its reference price, */
#define BS_SOLVE_PRICE_HIGH 2.0 /*   or above this many, extrapolates its take-up */
#define BS_SOLVE_REASON_MAX 300 /* a broken rule's reason, with its NUL */

typedef enum {
    BS_SOLVE_TARGET = 0, /* goal seek: metric = target */
    BS_SOLVE_MAXIMISE,   /* the largest metric in the range */
    BS_SOLVE_MINIMISE    /* the smallest */
} bs_solve_goal;

/* What to solve: written by solve_parse_vary() and solve_parse_target(). */
typedef struct {
    char vary_arg[BS_SOLVE_ARG_MAX];   /* "--vary PATH=LO:HI" as given, for messages */
    char path[BS_SETTING_PATH_MAX];    /* the setting varied, e.g. "council_tax.core_rise_pct" */
    double lo, hi;                     /* the range searched, lo < hi, both finite */
    bs_solve_goal goal;                /* what is sought (0: a target) */
    char target_arg[BS_SOLVE_ARG_MAX]; /* "--target KEY@YEAR=VALUE" (or "--maximise KEY@YEAR") as given */
    char metric[BS_METRIC_MAX];        /* row key, e.g. "totals.gap_after_m" */
    int year;                          /* financial year (2023 = 2023/24); 0 = the first year */
    double target;                     /* the value the metric should take (goal seek) */
    int max_iter;                      /* 0 = BS_SOLVE_MAX_ITER */
} bs_solve_spec;

typedef enum {
    BS_SOLVE_FOUND,         /* converged to a root */
    BS_SOLVE_UNREACHABLE,   /* f(lo) and f(hi) have the same sign */
    BS_SOLVE_JUMP,          /* the bracket closed on a jump across the target, not a root */
    BS_SOLVE_NOT_CONVERGED, /* max_iter iterations without the bracket closing */
    BS_SOLVE_OPTIMUM,       /* an optimum inside the range */
    BS_SOLVE_AT_LO,         /* the best value is at lo: the metric still improves there */
    BS_SOLVE_AT_HI,         /* the best value is at hi: likewise */
    BS_SOLVE_FLAT           /* the metric is the same at every point of the grid: no optimum */
} bs_solve_outcome;

/* A rule the budget breaks at the answer, in one year. */
typedef struct {
    int rule;                        /* bs_rule_id */
    int year;                        /* financial year */
    char reason[BS_SOLVE_REASON_MAX]; /* the rule's own words (core/rules.h) */
} bs_solve_broken;

/* A charge priced far from its reference price at the answer: the first
 * year it is levied outside BS_SOLVE_PRICE_LOW..HIGH times it. */
typedef struct {
    char id[BS_ID_MAX];
    char name[BS_NAME_MAX];
    int year;
    double price, reference, elasticity;
} bs_solve_warning;

typedef struct {
    bs_solve_outcome outcome;
    int year;                     /* the year of the metric, resolved */
    char label[BS_LABEL_MAX];     /* the metric's row label */
    bs_row_kind kind;             /* and its kind (unit: table_unit) */
    double metric_lo, metric_hi;  /* the metric at lo and at hi */
    double x;                     /* the solution (FOUND), the best estimate otherwise */
    double metric_x;              /* the metric at x */
    double lower, upper;          /* the final bracket (lower = upper = x at an exact end) */
    int iterations;               /* of Brent's method; 0 when an end (or a grid point) is the solution */
    int evaluations;              /* scenario builds and budget runs, in all */
    char name[BS_NAME_MAX];       /* the scenario's name, label and council */
    char scenario_label[BS_ID_MAX];
    char council[BS_NAME_MAX];
    char description[BS_TEXT_MAX];
    /* at the answer (FOUND, NOT_CONVERGED, OPTIMUM, AT_LO, AT_HI): */
    int nbroken;                  /* rules broken, in rule order then year */
    bs_solve_broken broken[BS_NRULES * BS_MAX_YEARS];
    int nwarnings;                /* charges priced far from their reference price */
    bs_solve_warning warnings[BS_MAX_MEASURES];
    /* optimisation: the grid's best point (grid_x, grid_metric) and whether
     * Brent's method refined it (0: the metric is level beside it) */
    double grid_x, grid_metric;
    int refined;
} bs_solve_result;

/* Read ARG, "PATH=LO:HI", into spec->path, lo and hi. Fails (status 2) when
 * the '=' or the path is missing, LO:HI is not two numbers, either is NaN or
 * infinite, or the range is empty or backwards. */
int solve_parse_vary(const char *arg, bs_solve_spec *spec, bs_error *err);

/* Read ARG, "KEY=VALUE" or "KEY@YEAR=VALUE", into spec->metric, year and
 * target. YEAR is written 2023 or 2023/24. Whether KEY exists and YEAR is in
 * the horizon is checked by solve_run(), which knows the scenario. */
int solve_parse_target(const char *arg, bs_solve_spec *spec, bs_error *err);

/* Read ARG, "KEY" or "KEY@YEAR", the quantity to maximise (goal
 * BS_SOLVE_MAXIMISE) or minimise, into spec->metric, year and goal; the
 * argument is kept in spec->target_arg as "--maximise ARG" for messages. */
int solve_parse_goal(const char *arg, bs_solve_goal goal, bs_solve_spec *spec, bs_error *err);

/* Read the n characters at text, "KEY" or "KEY@YEAR" (YEAR written 2023 or
 * 2023/24), into metric (size bytes) and *year (0 when no @YEAR is given):
 * the quantity part of --target, shared with other commands that read one
 * quantity (sensitivity --metric). who names the argument in errors. */
int solve_parse_metric(const char *text, size_t n, const char *who, char *metric, size_t size, int *year,
                       bs_error *err);

/* Find the row of metric in t, a table of sc's budget, and the year (0: the
 * first year) in the horizon. Returns 0 with *row and *resolved_year, or -1
 * with err (status 2) naming who: no such quantity (with the nearest key
 * suggested), or a year outside the horizon. */
int solve_find_metric(const bs_scenario *sc, const bs_table *t, const char *who, const char *metric, int year,
                      const bs_row **row, int *resolved_year, bs_error *err);

/* Solve spec (a target, or an optimum) on the scenario read into src with the caller's overrides. Returns 0
 * with *out filled for every outcome (a target not reachable is an answer,
 * not an error), or -1 with err: status 2 for bad input (a path that is
 * unknown or not a number, a metric that does not exist, with the nearest
 * key suggested, a year outside the horizon, a value the scenario refuses),
 * 1 when the metric has no value at some x (a "-" in `run`), 3 when out of
 * memory. */
int solve_run(const bs_source *src, const bs_override *overrides, int noverrides, const bs_solve_spec *spec,
              bs_solve_result *out, bs_error *err);

#endif
