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
        ROW(BS_ROW_M, 1, sc->services[s].name, r->service_gross_m[s], "services.%s.net_m", sc->services[s].id);
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
        /* the general reserve is reserves.general.*, an earmarked one reserves.earmarked.ID.*, as its settings */
        const char *group = k == 0 ? "" : "earmarked.";
        snprintf(label, sizeof label, "%s, opening", sc->reserves[k].name);
        ROW(BS_ROW_M, 1, label, r->reserve_open_m[k], "reserves.%s%s.opening_m", group, sc->reserves[k].id);
        for (int y = 0; y < n; y++) {
            tmp[y] = 0.0;
            for (int i = 0; i < sc->nmeasures; i++)
                if (sc->measures[i].type == BS_RESERVE_MOVE && sc->measures[i].reserve_index == k)
                    tmp[y] += r->measure_m[i][y];
        }
        snprintf(label, sizeof label, "%s, planned movement", sc->reserves[k].name);
        ROW(BS_ROW_M, 1, label, tmp, "reserves.%s%s.planned_m", group, sc->reserves[k].id);
        if (k == 0) {
            ROW(BS_ROW_M, 1, "General reserve, surplus in (+) or gap met (-)", r->unplanned_draw_m,
                "reserves.general.unplanned_m");
        }
        snprintf(label, sizeof label, "%s, closing", sc->reserves[k].name);
        ROW(BS_ROW_M, 1, label, r->reserve_close_m[k], "reserves.%s%s.closing_m", group, sc->reserves[k].id);
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
            ROW(BS_ROW_POUNDS, 1, label, r->charge_price_pounds[i], "measures.%s.price_pounds", m->id);
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

/* The row with exactly this key. */
static const bs_row *find_exact(const bs_table *t, const char *key)
{
    for (int i = 0; i < t->n; i++)
        if (strcmp(t->rows[i].key, key) == 0)
            return &t->rows[i];
    return NULL;
}

const bs_row *table_find(const bs_table *t, const char *key)
{
    const bs_row *row = find_exact(t, key);
    char renamed[sizeof row->key];
    if (!row && table_alias(key, renamed, sizeof renamed))
        row = find_exact(t, renamed);
    return row;
}

/* ---- the rows, for people (budgetsim reference --rows) ---- */

/* Every row a table can hold, in the order table_from_result() makes them. */
static const bs_row_def row_defs[] = {
    {"services.*.net_m", "£m",
     "A service line's net spending in each year, before savings: the setting services.*.net_m in the first "
     "year, grown by services.*.growth_pct."},
    {"totals.spending_gross_m", "£m", "All service lines before savings."},
    {"totals.contributions_m", "£m",
     "Planned contributions to reserves (reserve measures putting money in): spending in the budget."},
    {"funding.council_tax_m", "£m", "Council tax income: Band D x tax base x collection rate."},
    {"funding.*.amount_m", "£m",
     "A funding stream in each year: the setting funding.*.amount_m in the first year, grown by its "
     "growth_pct; 0 after its last_year."},
    {"totals.funding_m", "£m", "Council tax and every funding stream."},
    {"totals.gap_before_m", "£m", "Gap before measures: services + contributions - funding."},
    {"totals.gap_before_per_band_d_pounds", "£", "The gap before measures per Band D equivalent: £m x 1e6 / the tax base of that year."},
    {"totals.gap_before_per_band_a_pounds", "£", "The gap before measures per Band A home: 6/9 of the figure per Band D equivalent."},
    {"totals.gap_before_council_tax_rise_pct", "%",
     "The council tax rise on that year's Band D that would raise the gap before measures: 100 x the amount / "
     "(Band D x tax base x collection rate)."},
    {"measures.*.draw_m", "£m",
     "A reserve measure's planned draw in each year, shown positive (only for a measure that draws)."},
    {"measures.*.saving_m", "£m",
     "A saving delivered in each year: phased, grown with its line, less the share at risk (0 when not applied)."},
    {"measures.*.net_income_m", "£m", "A charge's income less its running cost in each year."},
    {"totals.gap_after_m", "£m", "Gap after measures (negative: a surplus). A year balances when it is 0 or less."},
    {"totals.gap_after_per_band_d_pounds", "£", "The gap after measures per Band D equivalent: £m x 1e6 / the tax base of that year."},
    {"totals.gap_after_per_band_a_pounds", "£", "The gap after measures per Band A home: 6/9 of the figure per Band D equivalent."},
    {"totals.gap_after_council_tax_rise_pct", "%",
     "The council tax rise on that year's Band D that would raise the gap after measures: 100 x the amount / "
     "(Band D x tax base x collection rate)."},
    {"totals.savings_at_risk_m", "£m", "Savings planned but expected not to be delivered (not counted in the gap)."},
    {"totals.spending_net_m", "£m", "Net spending after savings: the service lines less the savings delivered."},
    {"reserves.general.opening_m", "£m",
     "The general reserve at the start of each year: the setting reserves.general.opening_m in the first year."},
    {"reserves.general.planned_m", "£m", "Planned movements of the general reserve (+ in, - drawn)."},
    {"reserves.general.unplanned_m", "£m",
     "A surplus added to the general reserve (+), or a gap met from it (-) when rules.cover_unclosed_gaps."},
    {"reserves.general.closing_m", "£m", "The general reserve at the end of each year."},
    {"reserves.earmarked.*.opening_m", "£m",
     "An earmarked reserve at the start of each year: the setting reserves.earmarked.*.opening_m in the first year."},
    {"reserves.earmarked.*.planned_m", "£m", "Planned movements of an earmarked reserve (+ in, - drawn)."},
    {"reserves.earmarked.*.closing_m", "£m", "An earmarked reserve at the end of each year."},
    {"reserves.total_closing_m", "£m", "Every reserve at the end of each year."},
    {"resilience.reserves_pct_of_spending", "%",
     "Total reserves at the end of the year as a share of net spending (none when net spending is not positive)."},
    {"resilience.general_pct_of_spending", "%", "The general reserve as a share of net spending, likewise."},
    {"resilience.years_of_reserves", "years",
     "How many years the reserves would last at this year's draw (none when not drawing)."},
    {"council_tax.rise_pct", "%", "The rise in Band D: core rise + adult social care precept."},
    {"council_tax.asc_precept_pct", "%", "The adult social care precept: the setting of the same name."},
    {"council_tax.band_d_pounds", "£", "Band D council tax, this council's element."},
    {"council_tax.tax_base", "Band D equivalents",
     "The tax base: the setting council_tax.tax_base in the first year, grown by tax_base_growth_pct."},
    {"measures.*.price_pounds", "£",
     "A charge's price per household in each year: the setting measures.*.price_pounds (0 before it starts "
     "or when not applied)."},
    {"charges.*.take_up_pct", "%",
     "Share of eligible households paying a charge at its price (take_up_pct at the reference price, moved "
     "by the elasticity)."},
    {"charges.*.payers", "households", "Households paying a charge."},
    {"charges.*.gross_m", "£m", "A charge's income before its running cost."},
    {"bills.*.council_pounds", "£", "The council tax bill of a band, A to H: this council's element."},
    {"bills.*.total_pounds", "£", "The bill of a band, A to H, with the other precepts (when there are any)."},
    {"bills.charges.*_pounds", "£", "A charge, added to a household's bills if paid."},
};

const bs_row_def *table_row_defs(size_t *n)
{
    *n = sizeof row_defs / sizeof row_defs[0];
    return row_defs;
}

/* 1 when key matches pattern, where '*' stands for one or more characters
 * other than '.'. */
static int glob_match(const char *pattern, const char *key)
{
    if (*pattern == '\0')
        return *key == '\0';
    if (*pattern == '*') {
        for (const char *k = key; *k && *k != '.'; k++)
            if (glob_match(pattern + 1, k + 1))
                return 1;
        return 0;
    }
    return *pattern == *key && glob_match(pattern + 1, key + 1);
}

const bs_row_def *table_row_def(const char *key)
{
    size_t n;
    const bs_row_def *d = table_row_defs(&n);
    for (size_t i = 0; i < n; i++)
        if (glob_match(d[i].pattern, key))
            return &d[i];
    return NULL;
}

/* Row keys renamed to the name of the setting they show (issue #13), old
 * pattern first. The old keys are still read (table_find). */
static const bs_row_rename renames[] = {
    {"services.*.gross_m", "services.*.net_m"},
    {"charges.*.price_pounds", "measures.*.price_pounds"},
    {"reserves.*.opening_m", "reserves.earmarked.*.opening_m"},
    {"reserves.*.planned_m", "reserves.earmarked.*.planned_m"},
    {"reserves.*.closing_m", "reserves.earmarked.*.closing_m"},
};

const bs_row_rename *table_renames(size_t *n)
{
    *n = sizeof renames / sizeof renames[0];
    return renames;
}

int table_alias(const char *key, char *out, size_t size)
{
    for (size_t i = 0; i < sizeof renames / sizeof renames[0]; i++) {
        /* each old pattern has one '*': the id, kept */
        const char *star = strchr(renames[i].old_pattern, '*');
        size_t pre = (size_t)(star - renames[i].old_pattern), post = strlen(star + 1);
        size_t len = strlen(key);
        if (len <= pre + post || strncmp(key, renames[i].old_pattern, pre) != 0 ||
            strcmp(key + len - post, star + 1) != 0)
            continue;
        const char *id = key + pre;
        size_t idlen = len - pre - post;
        if (memchr(id, '.', idlen) || (idlen == 7 && strncmp(id, "general", 7) == 0))
            continue; /* one component; reserves.general.* kept its name */
        const char *nstar = strchr(renames[i].new_pattern, '*');
        int w = snprintf(out, size, "%.*s%.*s%s", (int)(nstar - renames[i].new_pattern), renames[i].new_pattern,
                         (int)idlen, id, nstar + 1);
        return w > 0 && (size_t)w < size;
    }
    return 0;
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

char *table_row_title(const char *key, const char *label, bs_row_kind kind, char *buf, size_t size)
{
    const bs_row_def *d = table_row_def(key);
    const char *unit = d && d->unit[0] ? d->unit : table_unit(kind);
    char u[64];
    if (!size)
        return buf;
    if (!label || !label[0]) {
        snprintf(buf, size, "%s", key);
        return buf;
    }
    size_t n = strlen(label);
    snprintf(u, sizeof u, "(%s)", unit);
    if (!unit[0] || (n >= strlen(u) && strcmp(label + n - strlen(u), u) == 0)) {
        snprintf(buf, size, "%s", label);
        return buf;
    }
    /* a note in brackets at the end: after the unit, inside the same brackets */
    const char *open = n && label[n - 1] == ')' ? strrchr(label, '(') : NULL;
    if (open && open > label && open[-1] == ' ')
        snprintf(buf, size, "%.*s(%s; %.*s)", (int)(open - label), label, unit, (int)(label + n - 1 - open - 1),
                 open + 1);
    else
        snprintf(buf, size, "%s (%s)", label, unit);
    return buf;
}

char *table_fmt_value(bs_row_kind k, double v, int plus, char *buf, size_t size)
{
    switch (k) {
    case BS_ROW_M: return bs_fmt_grouped(v, 1, plus, buf, size);
    case BS_ROW_POUNDS: return bs_fmt_grouped(v, 2, plus, buf, size);
    case BS_ROW_PCT: return bs_fmt_grouped(v, 2, plus, buf, size);
    case BS_ROW_COUNT: return bs_fmt_grouped(v, 0, plus, buf, size);
    case BS_ROW_YEARS: return bs_fmt_grouped(v, 1, plus, buf, size);
    default: buf[0] = '\0'; return buf;
    }
}
