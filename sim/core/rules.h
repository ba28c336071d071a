/* rules.h - the rules a council's budget must obey, one file each in
 * core/rules/: its key (for CSV and JSON), its check, its title and the
 * reason it fails, in words. budget_run() asks each rule whether it applies
 * and holds in each year and stores the answers in the result; writers ask
 * the rule for its title and reason and never re-derive a test.
 *
 *   balanced            core/rules/balanced.c
 *   referendum, core    core/rules/referendum_core.c
 *   referendum, ASC     core/rules/referendum_asc.c
 *   general reserve     core/rules/general_reserve.c
 *   earmarked reserves  core/rules/earmarked_reserves.c
 *
 * The law behind each is cited in its file and in docs/rules.md.
 *
 * This file may use: core/ and the C library (no files, no printing). */
#ifndef BS_RULES_H
#define BS_RULES_H

#include <stddef.h>

#include "core/scenario.h"

/* Tolerances every rule compares with: money to £1 (1e-6 £m), percentages
 * to 1e-9 of a point. */
#define BS_MONEY_EPS 1e-6
#define BS_PCT_EPS 1e-9
/* Amounts on a Band D bill, in £, are compared to half a penny: a bill is
 * set in pounds and pence, so a modelled rise within half a penny of a £
 * limit is the limit itself (e.g. £180 x 2.7778% = £5.00004 is a £5.00
 * rise). BS_MONEY_EPS, £1, would be far too coarse against a £5 limit. */
#define BS_PENNY_EPS 0.005

typedef enum {
    BS_RULE_BALANCED = 0,   /* gap after measures closed */
    BS_RULE_REFERENDUM_CORE, /* core council tax rise within the referendum limit */
    BS_RULE_REFERENDUM_ASC, /* adult social care precept within its limit */
    BS_RULE_MINIMUM,        /* general reserve at or above its minimum */
    BS_RULE_EARMARKED,      /* no earmarked reserve below its minimum */
    BS_NRULES
} bs_rule_id;

struct bs_result;

typedef struct {
    const char *key;   /* e.g. "balanced", for CSV and JSON */
    const char *title; /* e.g. "Budget balances (gap after measures closed)" */
    /* Does the rule apply in year index t of sc? */
    int (*applies)(const bs_scenario *sc, int t);
    /* Does it hold in year index t of r, the budget of sc? Reads only what
     * budget_run() has filled for years 0..t. */
    int (*holds)(const bs_scenario *sc, const struct bs_result *r, int t);
    /* Why it fails in year index t, as a phrase without a full stop, into
     * buf (size bytes). Only called when it applies and does not hold. */
    void (*reason)(const bs_scenario *sc, const struct bs_result *r, int t, char *buf, size_t size);
    /* holds for each year index t0 .. n-1, into ok[t] (1 = holds): one call
     * for the years a run recomputes, rather than one a year (a sweep's
     * point makes a few hundred of these calls otherwise). Each rule file
     * makes it from its holds with BS_RULE_HOLDS_YEARS. */
    void (*holds_years)(const bs_scenario *sc, const struct bs_result *r, int t0, int n, unsigned char *ok);
} bs_rule;

/* holds_years from a rule file's static holds (see bs_rule): the loop, with
 * holds inlined into it. */
#define BS_RULE_HOLDS_YEARS                                                                                      \
    static void holds_years(const bs_scenario *sc, const struct bs_result *r, int t0, int n, unsigned char *ok) \
    {                                                                                                            \
        for (int t = t0; t < n; t++)                                                                             \
            ok[t] = (unsigned char)(holds(sc, r, t) != 0);                                                       \
    }

/* Every rule, in the order of bs_rule_id. */
extern const bs_rule *const bs_rules[BS_NRULES];

/* The rule with this key, or NULL. */
const bs_rule *rules_find(const char *key);

/* A limit as people write it, into buf: to two decimals with trailing zeros
 * (and a trailing point) dropped: 2 -> "2", 2.5 -> "2.5", 1.99 -> "1.99". */
char *rules_fmt_limit(double v, char *buf, size_t size);

#endif
