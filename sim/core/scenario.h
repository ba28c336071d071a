/* scenario.h - a council budget scenario as one plain, validated struct.
 *
 * Units: a name ending in _m is in £ million; _pounds in £; _pct in percent
 * (2.99 means 2.99%). Per-year values are expanded to one entry per year of
 * the horizon: index 0 is the first year. Growth rates at index 0 are never
 * used (amounts are stated for the first year).
 *
 * A bs_scenario is produced by source_build() (load/source.h) and trusted by every
 * later stage: all values are finite and inside their documented ranges.
 *
 * This file may use: core/, the C library and libm (no files, no printing, no exit). */
#ifndef BS_SCENARIO_H
#define BS_SCENARIO_H

#include <stdbool.h>

#include "core/council.h"
#include "core/util.h"

/* Limits, documented in docs/scenario-format.md. */
#define BS_MAX_YEARS 50     /* longest horizon */
#define BS_MAX_SERVICES 64  /* service lines */
#define BS_MAX_FUNDING 32   /* funding streams besides council tax */
#define BS_MAX_MEASURES 128 /* savings, charges and reserve movements */
#define BS_MAX_EARMARKED 32 /* earmarked reserves */
#define BS_MAX_RESERVES (BS_MAX_EARMARKED + 1) /* index 0: the general reserve */
#define BS_TEXT_MAX 1000    /* descriptions, including the NUL */
#define BS_NBANDS 8         /* council tax bands A-H */
#define BS_MAX_UNCERTAIN 64 /* uncertainties, for budgetsim montecarlo */

typedef struct {
    char id[BS_ID_MAX];                 /* key in the scenario file */
    char name[BS_NAME_MAX];             /* shown to people */
    double net_m;                       /* net spending in the first year, £m */
    double growth_pct[BS_MAX_YEARS];    /* growth into each year, % */
    bool statutory;                     /* a duty the council must meet */
} bs_service;

typedef struct {
    char id[BS_ID_MAX];
    char name[BS_NAME_MAX];
    double amount_m;                    /* first year, £m */
    double growth_pct[BS_MAX_YEARS];    /* growth into each year, % */
    int last_year;                      /* last financial year received; 0 = all */
} bs_funding;

typedef struct {
    char id[BS_ID_MAX];                 /* "general" for index 0 */
    char name[BS_NAME_MAX];
    double opening_m;                   /* balance at the start of the first year, £m */
    double minimum_m;                   /* level it should not fall below, £m */
} bs_reserve;

typedef enum { BS_SAVING = 0, BS_CHARGE = 1, BS_RESERVE_MOVE = 2 } bs_measure_type;

typedef struct {
    char id[BS_ID_MAX];
    char name[BS_NAME_MAX];
    bs_measure_type type;
    bool enabled;                       /* false: stated but not applied */
    int start_year;                     /* financial year it starts (2022 = 2022/23) */
    char line[BS_ID_MAX];               /* service line it belongs to, "" for none */
    int line_index;                     /* index into services, -1 for none */
    /* saving */
    double amount_m;                    /* full-year saving at start-year prices, £m */
    bool recurring;                     /* false: one-off, in the start year only */
    double phasing_pct[BS_MAX_YEARS];   /* cumulative share delivered, by year from start */
    int nphasing;                       /* entries used in phasing_pct (>= 1) */
    double at_risk_pct;                 /* share expected not to be delivered */
    /* charge */
    double price_pounds[BS_MAX_YEARS];  /* price per household per year, £ */
    double households;                  /* eligible households in the start year */
    double households_growth_pct[BS_MAX_YEARS];
    double take_up_pct;                 /* share of eligible households paying at the reference price */
    double reference_price_pounds;      /* price at which take_up_pct holds, £ */
    bool reference_derived;             /* not given: the start year's price (load/build.c), which a
                                         * change of that price moves (web/api.c follows it) */
    double elasticity;                  /* take-up elasticity to price (<= 0) */
    double running_cost_m[BS_MAX_YEARS];/* cost of running the charge, £m */
    /* reserve movement */
    char reserve[BS_ID_MAX];            /* "general" or an earmarked reserve id */
    int reserve_index;                  /* index into reserves */
    double reserve_m[BS_MAX_YEARS];     /* + contribution to, - planned draw from, £m */
} bs_measure;

/* Distributions an uncertain setting can be drawn from (uncertainty.ID.dist). */
typedef enum { BS_DIST_NORMAL, BS_DIST_LOGNORMAL, BS_DIST_UNIFORM, BS_DIST_TRIANGULAR, BS_DIST_BETA } bs_dist;

/* What a draw does to its setting (uncertainty.ID.apply): replaces the
 * value in every year of the path, or is added to the value the file gives
 * each of them, keeping the shape of a per-year setting. */
typedef enum { BS_APPLY_REPLACE, BS_APPLY_OFFSET } bs_apply;

/* A numeric setting drawn afresh in each Monte Carlo draw. Only the
 * parameters of its distribution matter; the reader checks they are given. */
typedef struct {
    char id[BS_ID_MAX];
    char path[256];                     /* the setting drawn, e.g. "services.adult_social_care.growth_pct" */
    int dist;                           /* bs_dist */
    int apply;                          /* bs_apply: the draw replaces the value, or is added to it */
    double mean, sd;                    /* normal */
    double log_mean, log_sd;            /* lognormal: the mean and sd of the value's logarithm (GSL's zeta, sigma) */
    double low, mode, high;             /* uniform (low, high), triangular, beta (scaled to low..high) */
    double a, b;                        /* beta shape parameters */
    char file[BS_FILE_MAX];             /* where path was written, for messages */
    int line;
} bs_uncertainty;

typedef struct {
    /* identity */
    char name[BS_NAME_MAX];             /* title, e.g. "Liverpool 2022/23, as adopted" */
    char label[BS_ID_MAX];              /* short column label, e.g. "adopted" */
    char council[BS_NAME_MAX];
    char description[BS_TEXT_MAX];
    char source_file[BS_FILE_MAX];      /* path it was read from */

    /* horizon */
    int first_year;                     /* 2022 means 2022/23 */
    int nyears;                         /* 1..BS_MAX_YEARS */

    /* council tax */
    double band_d_previous_pounds;      /* Band D in the year before the first, £ */
    double core_rise_pct[BS_MAX_YEARS];
    double asc_precept_pct[BS_MAX_YEARS];
    double tax_base;                    /* Band D equivalents in the first year */
    double tax_base_growth_pct[BS_MAX_YEARS];
    double collection_rate_pct;
    double other_precepts_pounds;       /* police, fire etc. on Band D, first year, £ */
    double other_precepts_growth_pct[BS_MAX_YEARS];

    /* referendum limits (core/rules/referendum_core.c, referendum_asc.c) */
    double core_limit_pct[BS_MAX_YEARS];/* a core rise at or above this needs a referendum... */
    double core_limit_pounds[BS_MAX_YEARS]; /* ...when it also adds more than this to Band D, £; 0 = no £ limit */
    double asc_limit_pct[BS_MAX_YEARS]; /* largest adult social care precept allowed in the year itself */
    double asc_unused_before_pct;       /* precept allowance unused before the first year, usable in it */
    bool asc_carry_forward;             /* allowance a year leaves unused is added to the next year's */

    /* rules */
    int balanced_years;                 /* years from the first that must balance */
    bool cover_unclosed_gaps;           /* meet a gap left after measures from the general reserve */

    /* parts */
    int nservices;
    bs_service services[BS_MAX_SERVICES];
    int nfunding;
    bs_funding funding[BS_MAX_FUNDING];
    int nreserves;                      /* >= 1; reserves[0] is the general reserve */
    bs_reserve reserves[BS_MAX_RESERVES];
    int nmeasures;
    bs_measure measures[BS_MAX_MEASURES];

    /* the council that votes on it (chamber.given is false when none is described) */
    bs_council chamber;

    /* settings drawn at random by budgetsim montecarlo */
    int nuncertain;
    bs_uncertainty uncertain[BS_MAX_UNCERTAIN];
} bs_scenario;

/* An override from the command line: "path=value". */
typedef struct {
    const char *text;                   /* as given, e.g. "council_tax.core_rise_pct=2.5" */
} bs_override;

/* A zeroed scenario in heap memory (about 1 MB: the parts are fixed arrays
 * sized by the limits above), or NULL when out of memory. scenario_free
 * releases it (NULL is allowed). */
bs_scenario *scenario_new(void);
void scenario_free(bs_scenario *sc);

/* Index of the service with this id, or -1. */
int scenario_find_service(const bs_scenario *sc, const char *id);

/* The rules a saving's phasing and a charge's reference price obey, shared
 * by the scenario's build (load/build.c, which adds the file and line) and
 * the published page (web/api.c), so both word them alike:
 * scenario_phasing_falls: 0 when phasing p[0..n-1] never goes down (it is
 * the cumulative share delivered), else 1 with the phrase into why;
 * scenario_reference_default: the reference price a charge takes when none
 * is given, its start year's price, into *ref (0), or 1 with the phrase
 * when that price is 0 and the elasticity is not. */
int scenario_phasing_falls(const double *p, int n, char *why, size_t size);
int scenario_reference_default(const bs_scenario *sc, const bs_measure *m, double *ref, char *why, size_t size);

#endif
