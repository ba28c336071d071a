/* guard.c - find where a non-finite value came from (see guard.h).
 *
 * This file may use: core/, the C library and libm (no files, no printing, no exit). */
#include "core/guard.h"

#include "core/table.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void guard_describe(const bs_scenario *sc, const bs_result *r, char *buf, size_t size)
{
    bs_table t = {0};
    snprintf(buf, size, "a value is not finite");
    if (table_from_result(sc, r, &t) != 0)
        return;
    for (int k = 0; k < t.n; k++) {
        const bs_row *row = &t.rows[k];
        if (row->kind == BS_ROW_HEADING)
            continue;
        for (int y = 0; y < t.nyears; y++) {
            if (row->na[y] || isfinite(row->v[y]))
                continue;
            char year[16];
            snprintf(buf, size, "%s in %s is %s", row->key, bs_year_label(t.first_year + y, year, sizeof year),
                     isnan(row->v[y]) ? "not a number" : "infinite");
            table_free(&t);
            return;
        }
    }
    table_free(&t);
}

void guard_message(const bs_scenario *sc, const bs_result *r, char *buf, size_t size)
{
    char what[400];
    guard_describe(sc, r, what, sizeof what);
    snprintf(buf, size, "the budget cannot be computed with this value: %s (an overflow or a division by zero)",
             what);
}

/* How far from everyday sizes the values of b are: the largest |log10 |v||. */
static double extremity(const bs_binding *b)
{
    double e = 0.0;
    for (int t = 0; t < b->count; t++) {
        double v = fabs(b->values[b->first + t]);
        if (!isfinite(v))
            return INFINITY;
        if (v > 0.0 && fabs(log10(v)) > e)
            e = fabs(log10(v));
    }
    return e;
}

int guard_culprit(bs_scenario *sc, const bs_binding *b, int n)
{
    bs_result *r = malloc(sizeof *r);
    if (!r)
        return -2;
    int found = -1;
    double found_extremity = -1.0;
    for (int k = 0; k < n; k++) {
        const bs_binding *bk = &b[k];
        double saved[BS_MAX_YEARS];
        memcpy(saved, bk->values + bk->first, (size_t)bk->count * sizeof *saved);
        double e = extremity(bk);
        double tries[3] = {bk->def->def_text ? bk->def->def : 0.0, 0.0, 1.0};
        for (int i = 0; i < 3; i++) {
            bind_set(bk, bind_clamp(bk, tries[i]));
            budget_run(sc, r);
            if (budget_finite(sc, r)) {
                if (e > found_extremity) {
                    found = k;
                    found_extremity = e;
                }
                break;
            }
        }
        memcpy(bk->values + bk->first, saved, (size_t)bk->count * sizeof *saved);
    }
    free(r);
    return found;
}
