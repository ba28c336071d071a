/* sweep.h - every combination of values of a few numeric settings, run in
 * parallel and streamed as CSV.
 *
 * Each --vary is an axis: a grid FROM:TO:STEP (values FROM + i x STEP, i =
 * 0 .. floor((TO - FROM)/STEP + 1e-9), computed by multiplication, never by
 * repeated addition) or a list v1,v2,... The points are numbered with the
 * first axis varying slowest. Each worker thread has its own copy of the
 * scenario (about 1 MB), sets the point's values in place with bind_set (a
 * per-year setting takes the value in every year, as --set does), runs the
 * budget and, when there is a council, the vote (fastvote.h), and writes its
 * rows as text into a fixed-size block; one writer emits the blocks in order
 * from a small ring, so the output is the same, byte for byte, whatever the
 * number of threads, and memory stays bounded however many points there are.
 *
 * Numbers are written by a fixed-point formatter (sweep_format_fixed): the
 * value times 10^decimals rounded to the nearest whole number, exactly (the
 * remainder taken from the exact product with fma; an exact half goes to the
 * even neighbour), then printed as digits: the same digits as printf's
 * "%.6f", without its cost, and no locale.
 *
 * Library code: no printing (except the progress bar, on stderr, only when
 * asked), no exit. Errors name the command-line argument at fault.
 *
 * Memory: sweep_parse_vary() puts a list's values in heap memory
 * (sweep_axis_clear, or sweep_spec_clear for every axis of a spec); sweep_run()
 * puts a plot's gaps in heap memory (sweep_plot_clear). Those free what a
 * spec, an axis or a plot holds, never the struct itself. sweep_spec_new()
 * and sweep_plot_new() make a spec or a plot in heap memory, and
 * sweep_spec_free() and sweep_plot_free() free it with what it holds.
 *
 * This file may use: core/, analyse/solve.h and common.h, POSIX threads and
 * the C library (sweep.c runs the sweep, sweep_args.c reads its arguments). */
#ifndef BS_SWEEP_H
#define BS_SWEEP_H

#include <stdio.h>

#include "analyse/common.h"
#include "core/scenario.h"

#define BS_SWEEP_MAX_AXES 8
#define BS_SWEEP_MAX_POINTS 100000000LL /* points in one sweep, at most */
#define BS_SWEEP_MAX_THREADS BS_MAX_THREADS /* --threads */
#define BS_SWEEP_MAX_PLOT_POINTS 1000000LL /* points a --plot sweep may have */
#define BS_SWEEP_MAX_PLOT_VALUES 1000000LL /* points x years a --plot line chart (one --vary) may draw */
#define BS_SWEEP_ARG_MAX BS_ARG_MAX
#define BS_SWEEP_NUMBER_MAX 40 /* sweep_format_fixed's buffer, at least */

/* One --vary. */
typedef struct {
    char arg[BS_SWEEP_ARG_MAX]; /* "--vary PATH=..." as given, for messages */
    char path[BS_SETTING_PATH_MAX]; /* the setting varied */
    int is_grid;                /* 1: FROM:TO:STEP; 0: a list */
    double from, step;          /* grid: value i is from + i x step */
    double *list;               /* list: the values (heap memory: sweep_axis_clear) */
    long long n;                /* number of values */
} bs_sweep_axis;

/* What to sweep and how. */
typedef struct {
    int naxes;
    bs_sweep_axis axis[BS_SWEEP_MAX_AXES];
    int threads;                /* worker threads, 1 .. BS_SWEEP_MAX_THREADS */
    long long shard_k, shard_n; /* run the K-th of N contiguous slices (1/1: all) */
    int progress;               /* draw a progress bar on stderr */
    int plot_year;              /* --plot-year: financial year; 0 = the second of the horizon */
} bs_sweep_spec;

/* Read "PATH=FROM:TO:STEP" or "PATH=v1,v2,..." into a. Fails (status 2) on
 * a missing path, numbers that do not read, an empty or backwards range, a
 * step of zero or below, a malformed list. a->list is heap memory
 * (sweep_axis_clear). */
int sweep_parse_vary(const char *arg, bs_sweep_axis *a, bs_error *err);

/* Read "K/N" (1 <= K <= N) into spec->shard_k and shard_n. */
int sweep_parse_shard(const char *arg, bs_sweep_spec *spec, bs_error *err);

/* The value number i of axis a. */
double sweep_axis_value(const bs_sweep_axis *a, long long i);

/* Free a's list of values, if any (a itself stays the caller's; a list
 * axis is left with no values). */
void sweep_axis_clear(bs_sweep_axis *a);

/* Free the lists of spec's axes (spec itself stays the caller's; NULL is
 * allowed). */
void sweep_spec_clear(bs_sweep_spec *spec);

/* A zeroed spec in heap memory, or NULL when out of memory; free it with
 * sweep_spec_free(), which frees its axes' lists too (NULL is allowed). */
bs_sweep_spec *sweep_spec_new(void);
void sweep_spec_free(bs_sweep_spec *spec);

/* Check spec against sc: every path binds (bind_path's message otherwise),
 * every value is inside the setting's allowed range, at most
 * BS_SWEEP_MAX_POINTS points. Returns 0, or -1 with err (status 2). */
int sweep_check(bs_scenario *sc, const bs_sweep_spec *spec, bs_error *err);

/* The number of points (the product of the axes' counts). */
long long sweep_count(const bs_sweep_spec *spec);

/* What a --plot needs: filled by sweep_run when not NULL. gap holds, for
 * each point (in order), the gap after measures in every year of the
 * horizon: gap[point x nyears + t]. Heap memory: sweep_plot_clear. */
typedef struct {
    int nyears, first_year;
    long long npoints;
    double *gap;
} bs_sweep_plot;

/* Free p's gaps (p itself stays the caller's; NULL is allowed). */
void sweep_plot_clear(bs_sweep_plot *p);

/* A zeroed plot in heap memory, or NULL when out of memory; free it with
 * sweep_plot_free(), which frees its gaps too (NULL is allowed). */
bs_sweep_plot *sweep_plot_new(void);
void sweep_plot_free(bs_sweep_plot *p);

/* Run the sweep of sc (validated; not changed) and write the CSV to out.
 * Returns 0, or -1 with err (status 3: out of memory, a thread that cannot
 * start, output that cannot be written). When out cannot be written,
 * ferror(out) is set and err's message is only the system's reason
 * (strerror), for the caller, who knows the output's name, to report. */
int sweep_run(const bs_scenario *sc, const bs_sweep_spec *spec, FILE *out, bs_sweep_plot *plot, bs_error *err);

/* Run the sweep like sweep_run but write no rows: every point is added to
 * summary (made by sweep_summary_new for sc and spec, analyse/sweep_summary.h),
 * which is complete when it returns 0. spec must be the whole sweep (shard
 * 1/1). Returns 0, or -1 with err, as sweep_run. */
struct bs_sweep_summary;
int sweep_run_summary(const bs_scenario *sc, const bs_sweep_spec *spec, struct bs_sweep_summary *summary,
                      bs_error *err);

/* Write v with `decimals` (0..9) decimals into buf (at least
 * BS_SWEEP_NUMBER_MAX bytes), as
 * printf's "%.*f" would but never "-0.000000"; beyond 9e15 units of the last
 * decimal, "%.17g". Returns the length. Exposed for tests. */
int sweep_format_fixed(double v, int decimals, char *buf);

#endif
