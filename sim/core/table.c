/* table.c - results as keyed rows (see table.h).
 *
 * This file may use: core/ and the C library (no files, no printing). */
#include "core/table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bs_row *add(bs_table *t, bs_row_kind kind, int indent, const char *key, const char *label)
{
    if (t->n == t->cap) {
        int cap = t->cap ? t->cap * 2 : 128;
        bs_row *nr = realloc(t->rows, (size_t)cap * sizeof *nr);
        if (!nr)
            return NULL;
        t->rows = nr;
        t->cap = cap;
    }
    bs_row *row = &t->rows[t->n++];
    memset(row, 0, sizeof *row);
    row->kind = kind;
    row->indent = indent;
    bs_strlcpy(row->key, key, sizeof row->key);
    bs_strlcpy(row->label, label, sizeof row->label);
    return row;
}

#define ROW(kind, indent, label, src, ...)                                      \
    do {                                                                        \
        char key_[200];                                                         \
        snprintf(key_, sizeof key_, __VA_ARGS__);                               \
        bs_row *row_ = add(t, kind, indent, key_, label);                       \
        if (!row_)                                                              \
            return -1;                                                          \
        const double *src_ = (src);                                             \
        row_->result_offset = -1;                                               \
        if (src_)                                                               \
            memcpy(row_->v, src_, sizeof(double) * (size_t)n);                  \
        if (src_ && (const char *)src_ >= (const char *)r &&                    \
            (const char *)src_ < (const char *)(r + 1))                         \
            row_->result_offset = (long)((const char *)src_ - (const char *)r); \
    } while (0)

int table_per_household(const bs_scenario *sc, const bs_result *r, int t, double amount_m, bs_per_household *out)
{
    memset(out, 0, sizeof *out);
    double base = r->tax_base[t], income = r->band_d_pounds[t] * base * sc->collection_rate_pct / 100.0;
    if (!(base > 0) || !(income > 0))
        return -1;
    out->per_band_d_pounds = amount_m * 1e6 / base;
    out->per_band_a_pounds = out->per_band_d_pounds * bs_band_ratio[0];
    out->council_tax_rise_pct = 100.0 * amount_m * 1e6 / income;
    return 0;
}

static const char *const per_household_suffix[] = {"_per_band_d_pounds", "_per_band_a_pounds",
                                                    "_council_tax_rise_pct"};

int table_is_per_household(const char *key)
{
    size_t n = strlen(key);
    for (int k = 0; k < 3; k++) {
        size_t m = strlen(per_household_suffix[k]);
        if (n > m && strcmp(key + n - m, per_household_suffix[k]) == 0 && strncmp(key, "totals.gap_", 11) == 0)
            return 1;
    }
    return 0;
}

/* Three rows under a gap (what, e.g. "Gap before measures"; its values v;
 * key prefix e.g. "totals.gap_before"): the gap per Band D equivalent, per
 * Band A home and as the council tax rise that would pay for it. */
static int rows_per_household(const bs_scenario *sc, const bs_result *r, bs_table *t, const char *what,
                              const double *v, const char *prefix)
{
    int n = r->nyears;
    double d[BS_MAX_YEARS], a[BS_MAX_YEARS], p[BS_MAX_YEARS];
    unsigned char na[BS_MAX_YEARS] = {0};
    for (int y = 0; y < n; y++) {
        bs_per_household h;
        na[y] = (unsigned char)(table_per_household(sc, r, y, v[y], &h) != 0);
        d[y] = h.per_band_d_pounds;
        a[y] = h.per_band_a_pounds;
        p[y] = h.council_tax_rise_pct;
    }
    char label[BS_NAME_MAX + 40];
    const double *vals[3] = {d, a, p};
    static const char *const words[3] = {"per Band D equivalent", "per Band A home", "as a council tax rise"};
    for (int k = 0; k < 3; k++) {
        snprintf(label, sizeof label, "%s %s", what, words[k]);
        ROW(k == 2 ? BS_ROW_PCT : BS_ROW_POUNDS, 0, label, vals[k], "%s%s", prefix, per_household_suffix[k]);
        memcpy(t->rows[t->n - 1].na, na, sizeof na);
    }
    return 0;
}

/* Spending before savings, funding and the gap before measures. */
static int rows_budget(const bs_scenario *sc, const bs_result *r, bs_table *t)
{
    int n = r->nyears;
    ROW(BS_ROW_HEADING, 0, "Services before savings", NULL, "heading.services");
    for (int s = 0; s < sc->nservices; s++)
        ROW(BS_ROW_M, 1, sc->services[s].name, r->service_gross_m[s], "services.%s.gross_m", sc->services[s].id);
    ROW(BS_ROW_M, 0, "Total services before savings", r->spending_gross_m, "totals.spending_gross_m");
    ROW(BS_ROW_M, 0, "Contributions to reserves", r->contributions_m, "totals.contributions_m");
    ROW(BS_ROW_HEADING, 0, "Funding", NULL, "heading.funding");
    ROW(BS_ROW_M, 1, "Council tax", r->council_tax_m, "funding.council_tax_m");
    for (int f = 0; f < sc->nfunding; f++)
        ROW(BS_ROW_M, 1, sc->funding[f].name, r->funding_m[f], "funding.%s.amount_m", sc->funding[f].id);
    ROW(BS_ROW_M, 0, "Total funding", r->funding_total_m, "totals.funding_m");
    ROW(BS_ROW_M, 0, "Gap before measures", r->gap_before_m, "totals.gap_before_m");
    if (rows_per_household(sc, r, t, "Gap before measures", r->gap_before_m, "totals.gap_before") != 0)
        return -1;

    return 0;
}

/* The measures that close the gap, and the gap after them. */
static int rows_measures(const bs_scenario *sc, const bs_result *r, bs_table *t)
{
    int n = r->nyears;
    char label[BS_NAME_MAX + 40];
    double tmp[BS_MAX_YEARS];
    ROW(BS_ROW_HEADING, 0, "Measures closing the gap", NULL, "heading.measures");
    for (int i = 0; i < sc->nmeasures; i++) {
        const bs_measure *m = &sc->measures[i];
        const char *what = m->type == BS_SAVING ? "Saving" : m->type == BS_CHARGE ? "Charge" : "Reserve";
        if (m->type == BS_RESERVE_MOVE) {
            /* A draw closes the gap; a contribution is counted above. */
            int draws = 0;
            for (int y = 0; y < n; y++) {
                tmp[y] = r->measure_m[i][y] < 0 ? -r->measure_m[i][y] : 0.0;
                draws |= m->reserve_m[y] < 0;
            }
            if (!draws)
                continue;
            snprintf(label, sizeof label, "Draw%s: %s", m->enabled ? "" : ", not applied", m->name);
            ROW(BS_ROW_M, 1, label, tmp, "measures.%s.draw_m", m->id);
            continue;
        }
        snprintf(label, sizeof label, "%s%s: %s", what, m->enabled ? "" : ", not applied", m->name);
        ROW(BS_ROW_M, 1, label, r->measure_m[i], "measures.%s.%s", m->id,
            m->type == BS_SAVING ? "saving_m" : "net_income_m");
    }
    ROW(BS_ROW_M, 0, "Gap after measures (negative: a surplus)", r->gap_after_m, "totals.gap_after_m");
    if (rows_per_household(sc, r, t, "Gap after measures", r->gap_after_m, "totals.gap_after") != 0)
        return -1;
    ROW(BS_ROW_M, 0, "Savings at risk (not counted above)", r->saving_at_risk_m, "totals.savings_at_risk_m");
    ROW(BS_ROW_M, 0, "Net spending after savings", r->spending_net_m, "totals.spending_net_m");

    return 0;
}

/* Each reserve over the horizon, and resilience. */
static int rows_reserves(const bs_scenario *sc, const bs_result *r, bs_table *t)
{
    int n = r->nyears;
    char label[BS_NAME_MAX + 40];
    double tmp[BS_MAX_YEARS];
    ROW(BS_ROW_HEADING, 0, "Reserves", NULL, "heading.reserves");
    for (int k = 0; k < sc->nreserves; k++) {
        snprintf(label, sizeof label, "%s, opening", sc->reserves[k].name);
        ROW(BS_ROW_M, 1, label, r->reserve_open_m[k], "reserves.%s.opening_m", sc->reserves[k].id);
        for (int y = 0; y < n; y++) {
            tmp[y] = 0.0;
            for (int i = 0; i < sc->nmeasures; i++)
                if (sc->measures[i].type == BS_RESERVE_MOVE && sc->measures[i].reserve_index == k)
                    tmp[y] += r->measure_m[i][y];
        }
        snprintf(label, sizeof label, "%s, planned movement", sc->reserves[k].name);
        ROW(BS_ROW_M, 1, label, tmp, "reserves.%s.planned_m", sc->reserves[k].id);
        if (k == 0) {
            ROW(BS_ROW_M, 1, "General reserve, surplus in (+) or gap met (-)", r->unplanned_draw_m,
                "reserves.general.unplanned_m");
        }
        snprintf(label, sizeof label, "%s, closing", sc->reserves[k].name);
        ROW(BS_ROW_M, 1, label, r->reserve_close_m[k], "reserves.%s.closing_m", sc->reserves[k].id);
    }
    ROW(BS_ROW_M, 0, "Total reserves, closing", r->reserves_total_close_m, "reserves.total_closing_m");
    ROW(BS_ROW_PCT, 0, "Reserves as % of net spending", r->reserves_pct_of_spending,
        "resilience.reserves_pct_of_spending");
    ROW(BS_ROW_PCT, 0, "General reserve as % of net spending", r->general_pct_of_spending,
        "resilience.general_pct_of_spending");
    ROW(BS_ROW_YEARS, 0, "Years of reserves at this year's draw", r->years_of_reserves,
        "resilience.years_of_reserves");
    /* Not drawing: no run-out year. No positive net spending: no share. */
    for (int y = 0; y < n; y++) {
        t->rows[t->n - 1].na[y] = r->years_of_reserves[y] < 0;
        t->rows[t->n - 2].na[y] = t->rows[t->n - 3].na[y] = !(r->spending_net_m[y] > 0);
    }
    /* Their stored values hold -1 for "not applicable": not to be read raw. */
    for (int k = 1; k <= 3; k++)
        t->rows[t->n - k].result_offset = -1;

    return 0;
}

/* Council tax, and each charge. */
static int rows_tax_and_charges(const bs_scenario *sc, const bs_result *r, bs_table *t)
{
    int n = r->nyears;
    char label[BS_NAME_MAX + 40];
    ROW(BS_ROW_HEADING, 0, "Council tax", NULL, "heading.council_tax");
    ROW(BS_ROW_PCT, 1, "Rise (core + adult social care)", r->rise_pct, "council_tax.rise_pct");
    ROW(BS_ROW_PCT, 1, "of which adult social care precept", sc->asc_precept_pct, "council_tax.asc_precept_pct");
    ROW(BS_ROW_POUNDS, 1, "Band D", r->band_d_pounds, "council_tax.band_d_pounds");
    ROW(BS_ROW_COUNT, 1, "Tax base (Band D equivalents)", r->tax_base, "council_tax.tax_base");

    int any_charge = 0;
    for (int i = 0; i < sc->nmeasures; i++)
        any_charge |= sc->measures[i].type == BS_CHARGE;
    if (any_charge) {
        ROW(BS_ROW_HEADING, 0, "Charges", NULL, "heading.charges");
        for (int i = 0; i < sc->nmeasures; i++) {
            const bs_measure *m = &sc->measures[i];
            if (m->type != BS_CHARGE)
                continue;
            snprintf(label, sizeof label, "%s: price", m->name);
            ROW(BS_ROW_POUNDS, 1, label, r->charge_price_pounds[i], "charges.%s.price_pounds", m->id);
            snprintf(label, sizeof label, "%s: take-up", m->name);
            ROW(BS_ROW_PCT, 1, label, r->charge_take_up_pct[i], "charges.%s.take_up_pct", m->id);
            snprintf(label, sizeof label, "%s: households paying", m->name);
            ROW(BS_ROW_COUNT, 1, label, r->charge_payers[i], "charges.%s.payers", m->id);
            snprintf(label, sizeof label, "%s: income before costs", m->name);
            ROW(BS_ROW_M, 1, label, r->charge_gross_m[i], "charges.%s.gross_m", m->id);
        }
    }

    return 0;
}

/* Household bills by band. */
static int rows_bills(const bs_scenario *sc, const bs_result *r, bs_table *t)
{
    int n = r->nyears;
    char label[BS_NAME_MAX + 40];
    double tmp[BS_MAX_YEARS];
    ROW(BS_ROW_HEADING, 0, "Household bills (£ a year)", NULL, "heading.bills");
    for (int b = 0; b < BS_NBANDS; b++) {
        for (int y = 0; y < n; y++)
            tmp[y] = r->bill_pounds[y][b];
        snprintf(label, sizeof label, "Band %c, this council", bs_band_name[b]);
        ROW(BS_ROW_POUNDS, 1, label, tmp, "bills.%c.council_pounds", bs_band_name[b]);
    }
    if (sc->other_precepts_pounds > 0) {
        for (int b = 0; b < BS_NBANDS; b++) {
            for (int y = 0; y < n; y++)
                tmp[y] = r->bill_total_pounds[y][b];
            snprintf(label, sizeof label, "Band %c, with other precepts", bs_band_name[b]);
            ROW(BS_ROW_POUNDS, 1, label, tmp, "bills.%c.total_pounds", bs_band_name[b]);
        }
    }
    for (int i = 0; i < sc->nmeasures; i++) {
        const bs_measure *m = &sc->measures[i];
        if (m->type != BS_CHARGE)
            continue;
        snprintf(label, sizeof label, "+ %s, if paid", m->name);
        ROW(BS_ROW_POUNDS, 1, label, r->charge_price_pounds[i], "bills.charges.%s_pounds", m->id);
    }
    return 0;
}

int table_from_result(const bs_scenario *sc, const bs_result *r, bs_table *t)
{
    t->nyears = r->nyears;
    t->first_year = r->first_year;
    if (rows_budget(sc, r, t) != 0 || rows_measures(sc, r, t) != 0 || rows_reserves(sc, r, t) != 0 ||
        rows_tax_and_charges(sc, r, t) != 0 || rows_bills(sc, r, t) != 0)
        return -1;
    return 0;
}

void table_free(bs_table *t)
{
    free(t->rows);
    memset(t, 0, sizeof *t);
}

long table_offset(const bs_table *t, const char *key)
{
    const bs_row *row = table_find(t, key);
    return row ? row->result_offset : -1;
}

const bs_row *table_find(const bs_table *t, const char *key)
{
    for (int i = 0; i < t->n; i++)
        if (strcmp(t->rows[i].key, key) == 0)
            return &t->rows[i];
    return NULL;
}

const char *table_unit(bs_row_kind k)
{
    switch (k) {
    case BS_ROW_M: return "£m";
    case BS_ROW_POUNDS: return "£";
    case BS_ROW_PCT: return "%";
    case BS_ROW_YEARS: return "years";
    default: return "";
    }
}
