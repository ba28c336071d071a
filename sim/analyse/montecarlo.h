/* montecarlo.h - the budget under uncertainty: each draw takes a value for
 * every uncertain setting (uncertainty.ID in the scenario) from its
 * distribution, runs the budget and, when there is a council, its vote; the
 * draws give percentiles of the gap and the general reserve, the chance the
 * reserve falls below its minimum or runs out, and the chance the budget
 * passes.
 *
 * Reproducible whatever the number of threads: draws come in fixed blocks
 * of BS_MC_BLOCK, and each block has its own mt19937 generator seeded from
 * (seed, block index) by splitmix64, so draw i is the same whichever thread
 * runs it; sums are added block by block in order.
 *
 * Percentiles are exact order statistics of the first `stored` draws (GSL's
 * sample quantile, interpolating between two of them), found by selection,
 * not by sorting. Up to BS_MC_WINDOW_MIN stored draws every value is kept.
 * Beyond, the first BS_MC_PILOT draws are kept and their order statistics
 * give, for each percentile, a window of values sure (to within
 * BS_MC_SIGMAS standard errors) to hold the order statistics asked for; the
 * later draws keep only the values strictly inside a window and count
 * those below it and at its ends. Should a rank fall outside its window
 * after all, the run is done again keeping every value: the numbers are
 * the same either way, only the memory differs.
 *
 * A result holds no heap memory of its own: mc_result_new() and
 * mc_result_free() make and free one in heap memory.
 *
 * This file may use: core/, analyse/common.h, GSL, POSIX threads and the C
 * library. */
#ifndef BS_MONTECARLO_H
#define BS_MONTECARLO_H

#include <gsl/gsl_rng.h>
#include <stdbool.h>
#include <stdint.h>

#include "analyse/common.h"
#include "core/scenario.h"

#define BS_MC_MAX_DRAWS 100000000L  /* --draws */
#define BS_MC_MAX_THREADS BS_MAX_THREADS /* --threads */
#define BS_MC_BLOCK 256             /* draws sharing one generator */
/* Percentiles come from the values of the first draws only: at most
 * BS_MC_STORED_DRAWS draws, and at most BS_MC_STORED_VALUES values (draws x
 * years) for each of the two quantities. Probabilities use every draw.
 * Memory for the percentiles: every value, 16 bytes a draw and year, up to
 * BS_MC_WINDOW_MIN draws (21 MB for five years); beyond, the pilot (16 bytes
 * x BS_MC_PILOT x years, 5.2 MB for five years) and the values strictly
 * inside a window, at most about 11% of the stored values (those at a
 * window's ends are counted, not kept): under 18 MB for five years and
 * 2,000,000 draws, the most that are ever stored. */
#define BS_MC_STORED_DRAWS 2000000L
#define BS_MC_STORED_VALUES 24000000L
#define BS_MC_NPCT 5
#define BS_MC_PILOT 65536L          /* draws whose values set the windows: 256 blocks */
#define BS_MC_WINDOW_MIN 262144L    /* fewer stored draws: keep every value */
#define BS_MC_SIGMAS 8.0            /* a window's half-width in standard errors of the pilot's quantile */

/* The percentiles reported: 5, 25, 50, 75, 95. */
extern const double bs_mc_pct[BS_MC_NPCT];

typedef struct {
    long draws;             /* 1 .. BS_MC_MAX_DRAWS */
    unsigned long seed;     /* 0 .. 4294967295 */
    int threads;            /* 1 .. BS_MC_MAX_THREADS */
} bs_mc_spec;

#define BS_MC_KEEP_ALL 1    /* keep every stored value */
#define BS_MC_WINDOWS 2     /* windows whenever there are more stored draws than the pilot */
/* For tests, added to mc_run_how's mode: a full budget_run for every draw
 * (not the incremental plan), or the incremental run checked, draw by
 * draw, against a full one (memcmp of the whole result): a difference
 * makes the run fail (status 3). */
#define BS_MC_FULL_RUNS 4
#define BS_MC_CHECK_INCR 8

typedef struct {
    unsigned long seed;
    long draws;
    long stored;                                 /* draws behind the percentiles */
    int nyears, first_year;
    double base_gap_m[BS_MAX_YEARS];             /* gap after measures with the file's own values */
    double base_reserve_m[BS_MAX_YEARS];         /* general reserve at year end, likewise */
    double gap_m[BS_MAX_YEARS][BS_MC_NPCT];      /* percentiles of the gap after measures, £m */
    double reserve_m[BS_MAX_YEARS][BS_MC_NPCT];  /* percentiles of the general reserve at year end, £m */
    long below_min_any, below_min[BS_MAX_YEARS]; /* draws with the general reserve below its minimum */
    long runs_out_any, runs_out[BS_MAX_YEARS];   /* draws with it below 0 */
    bool has_vote;                               /* the scenario has a council */
    double p_pass;                               /* mean over draws of the exact probability of passing */
    double p_pass_se;                            /* its standard error */
    int pct_how;          /* how the percentiles were found: BS_MC_KEEP_ALL, BS_MC_WINDOWS,
                           * or BS_MC_KEEP_ALL | BS_MC_WINDOWS when a rank missed its window */
} bs_mc_result;

/* Run spec->draws draws of sc on spec->threads threads. Returns 0, or -1
 * with err (status 3: out of memory, a thread could not start). */
int mc_run(const bs_scenario *sc, const bs_mc_spec *spec, bs_mc_result *res, bs_error *err);

/* mc_run, for tests: mode 0 as mc_run, BS_MC_KEEP_ALL or BS_MC_WINDOWS
 * (windows whenever more draws are stored than the pilot), plus
 * BS_MC_FULL_RUNS or BS_MC_CHECK_INCR; sigmas the
 * windows' half-width, 0 for BS_MC_SIGMAS. */
int mc_run_how(const bs_scenario *sc, const bs_mc_spec *spec, int mode, double sigmas, bs_mc_result *res,
               bs_error *err);

/* A zeroed result in heap memory, or NULL when out of memory; free it with
 * mc_result_free() (NULL is allowed). */
bs_mc_result *mc_result_new(void);
void mc_result_free(bs_mc_result *res);

/* One value from u's distribution (not clamped). Exposed for tests. */
double mc_sample(const bs_uncertainty *u, const gsl_rng *r);

/* The generator seed of a block of draws: splitmix64 of seed and block. */
uint64_t mc_block_seed(unsigned long seed, long block);

/* Distribution name, e.g. "normal". */
const char *mc_dist_name(int dist);

#endif
