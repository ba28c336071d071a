/* sweep_summary.h - `sweep --summary`: what a sweep's rows would say, without
 * writing them: for each output column its minimum and maximum and where
 * each occurs, how many points balance, break each rule and pass the vote,
 * and, for a sweep of two settings, the balanced-budget frontier.
 *
 * The columns are those of the sweep's CSV after the values: the gap after
 * measures in each year of the horizon, the general reserve at the end of
 * the horizon, the number of rules broken and, with a council, vote.passed
 * (1/0) and vote.p_pass. "Where" is the point (its index in point order,
 * the first axis varying slowest) of the first point in point order that
 * attains the minimum or maximum.
 *
 * Balances: a point balances in year t when the balanced-budget rule's own
 * test holds in t (bs_rules[BS_RULE_BALANCED]->holds, core/rules/balanced.c:
 * a gap after measures of at most BS_MONEY_EPS, £1), whether or not the
 * rule applies in t; it balances in every year when that holds in each year
 * of the horizon. The rule itself checks only its years
 * (rules.balanced_years); "breaks the rule balanced" counts the points where
 * it applies and does not hold in at least one year. A point breaks rule k
 * when, in at least one year, k applies and does not hold (the test that
 * budget_broken_count and the rules_broken column count).
 *
 * Frontier (exactly two --vary): for each value of the first setting and
 * each year of the horizon, along the second setting in point order, a
 * crossing is a pair of neighbouring points of which one balances in that
 * year and the other does not; its value is where the straight line
 * through the two points' (value, gap) reaches the rule's limit,
 * BS_MONEY_EPS: v_j + (eps - g_j) x (v_{j+1} - v_j) / (g_{j+1} - g_j)
 * (linear interpolation between the two neighbouring points). The first
 * crossing in point order is kept, with the number of crossings; with
 * none, the line either balances throughout or never balances.
 *
 * Threads: each worker thread adds its points to its own accumulator
 * (sweep_acc_new; points of one block in order, blocks in any order);
 * sweep_summary_merge then sweep_summary_finish combine them. Counts are
 * sums and ties are broken by the smaller point index, so the result is
 * the same whatever the number of threads or the order of merging. The
 * frontier's crossings found inside a worker's run of consecutive points
 * go straight to the summary (under its lock; they are rare), and the
 * ends of each run are kept so that the pairs that straddle two runs are
 * looked at in sweep_summary_finish.
 *
 * Memory: a summary holds, with a frontier, three values for each value of
 * the first setting and year (at most BS_SUMMARY_MAX_FRONTIER of them) and
 * the ends of each run (two for every block of points); sweep_summary_free
 * frees it. An accumulator is freed by sweep_acc_free.
 *
 * This file may use: core/, analyse/sweep.h and common.h, POSIX threads and
 * the C library. */
#ifndef BS_SWEEP_SUMMARY_H
#define BS_SWEEP_SUMMARY_H

#include <pthread.h>
#include <stdbool.h>

#include "analyse/sweep.h"
#include "core/budget.h"
#include "core/rules.h"

/* values of the first setting x years a frontier may have */
#define BS_SUMMARY_MAX_FRONTIER 1000000LL
/* the gap in each year, the closing reserve, the rules broken, the vote's two */
#define BS_SUMMARY_MAX_COLS (BS_MAX_YEARS + 4)

/* One column: its smallest and largest value and the first point (index in
 * point order) where each occurs. */
typedef struct {
    double min, max;
    long long min_at, max_at;
} bs_summary_col;

/* What a line of the frontier (one value of the first setting, one year)
 * found along the second setting. */
enum { BS_FRONTIER_NEVER = 0, BS_FRONTIER_THROUGHOUT = 1, BS_FRONTIER_CROSSES = 2 };

/* Points at the ends of runs of consecutive points ([0]: a run's last
 * point, [1]: its first): index, the gap in each year and whether each year
 * balances (nyears a point). */
typedef struct {
    long long n[2], room[2];
    long long *idx[2];
    double *gap[2];
    unsigned char *bal[2];
} bs_run_ends;

typedef struct bs_sweep_summary {
    const bs_sweep_spec *spec;
    int nyears, first_year, vote;
    int ncols;                             /* nyears + 2, + 2 with a vote */
    long long npoints;
    bs_summary_col col[BS_SUMMARY_MAX_COLS];
    int rule_checks[BS_MAX_YEARS];         /* the balanced rule applies in year t */
    long long balances[BS_MAX_YEARS];      /* points that balance in year t */
    long long balances_all;                /* in every year of the horizon */
    long long broken[BS_NRULES];           /* points that break rule k */
    long long passed;                      /* points where the budget passes the vote */
    int seen;                              /* at least one point merged */
    /* frontier: entry i x nyears + t for value i of the first setting, year t */
    bool has_frontier;
    long long n1, n2;
    long long *cross_at;                   /* j of the first crossing (between j and j+1); -1: none */
    double *cross_value;                   /* its interpolated value of the second setting */
    long long *ncross;                     /* crossings on the line */
    unsigned char *first_balances;         /* point (i, 0) balances in year t */
    bs_run_ends ends;                      /* the ends of the workers' runs, gathered */
    pthread_mutex_t lock;
} bs_sweep_summary;

/* A worker's accumulator (opaque). */
typedef struct bs_sweep_acc bs_sweep_acc;

/* A summary of the sweep of sc by spec (the whole sweep: spec's shard 1/1),
 * empty, in heap memory, or NULL with err (status 3: out of memory; status
 * 2: a frontier of more than BS_SUMMARY_MAX_FRONTIER values x years).
 * spec must outlive it. */
bs_sweep_summary *sweep_summary_new(const bs_scenario *sc, const bs_sweep_spec *spec, bs_error *err);
void sweep_summary_free(bs_sweep_summary *s);

/* A worker's accumulator for s, or NULL when out of memory. */
bs_sweep_acc *sweep_acc_new(bs_sweep_summary *s);
void sweep_acc_free(bs_sweep_acc *a);

/* Add point idx (its budget r of sc, its vote): points of one block in
 * order. Returns 0, or -1 when out of memory. */
int sweep_acc_add(bs_sweep_acc *a, long long idx, const bs_scenario *sc, const bs_result *r, bool passed,
                  double p_pass);

/* Fold a into s (any order of accumulators gives the same result). Returns
 * 0, or -1 when out of memory. */
int sweep_summary_merge(bs_sweep_summary *s, bs_sweep_acc *a);

/* After every accumulator is merged: the pairs of points that straddle two
 * runs. Returns 0. */
int sweep_summary_finish(bs_sweep_summary *s);

/* The value of axis k at point idx. */
double sweep_summary_axis_value(const bs_sweep_summary *s, long long idx, int k);

/* The state of frontier line i, year t: BS_FRONTIER_*. */
int sweep_summary_frontier_state(const bs_sweep_summary *s, long long i, int t);

#endif
