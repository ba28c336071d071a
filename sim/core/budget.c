/* budget.c - the budget model (see budget.h for the arithmetic).
 *
 * This file may use: core/, the C library and libm (no files, no printing). */
#include "core/budget.h"

#include <math.h>
#include <stdlib.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

const double bs_band_ratio[BS_NBANDS] = {6.0 / 9, 7.0 / 9, 8.0 / 9, 1.0, 11.0 / 9, 13.0 / 9, 15.0 / 9, 18.0 / 9};
const char bs_band_name[BS_NBANDS] = {'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'};

/* Savings delivered by measure m in year t, at that year's prices. */
static double saving_in_year(const bs_scenario *sc, const bs_measure *m, const double *growth_factor, int t,
                             double *at_risk)
{
    int start = m->start_year - sc->first_year;
    *at_risk = 0.0;
    if (t < start)
        return 0.0;
    double share;
    if (m->recurring) {
        int k = t - start;
        double pct = m->phasing_pct[k < m->nphasing ? k : m->nphasing - 1];
        share = pct == 100.0 ? 1.0 : pct / 100.0; /* the same: 100/100 is 1 */
    } else {
        share = t == start ? 1.0 : 0.0;
    }
    /* A recurring saving on a line takes that line's growth after it starts:
     * a cut to care packages saves more as care costs rise. */
    /* dividing by 1 (growth from the first year) or a zero by 100 gives
     * the same bits back: those divisions are left out */
    double prices = 1.0;
    if (growth_factor)
        prices = growth_factor[start] == 1.0 ? growth_factor[t] : growth_factor[t] / growth_factor[start];
    double planned = m->amount_m * share * prices;
    double risk = planned * m->at_risk_pct;
    *at_risk = risk == 0.0 ? risk : risk / 100.0;
    return planned - *at_risk;
}

/* pow(x, e), from *pm when it holds those arguments, bit for bit (then the
 * value is the one pow gave them); pm NULL: pow. */
static double pow_kept(double x, double e, bs_pow_memo *pm)
{
    if (!pm)
        return pow(x, e);
    if (memcmp(&pm->x, &x, sizeof x) != 0 || memcmp(&pm->e, &e, sizeof e) != 0) {
        pm->x = x;
        pm->e = e;
        pm->v = pow(x, e);
    }
    return pm->v;
}

/* Net income of charge m in year t, when there are households households
 * (charge_households); fills take-up, payers and gross income. pm: the
 * power kept for this charge and year (budget_incr_run), or NULL. */
static double charge_in_year(const bs_scenario *sc, const bs_measure *m, int t, double households, double *take_up,
                             double *payers, double *gross, bs_pow_memo *pm)
{
    int start = m->start_year - sc->first_year;
    *take_up = *payers = *gross = 0.0;
    double price = m->price_pounds[t];
    if (t < start || price <= 0.0)
        return 0.0; /* not levied: no income, no running cost */
    /* No take-up stays none at any price (0 x infinity would be NaN); a
     * price far below the reference can send the power to infinity, which
     * the cap below turns into everyone. */
    double share = m->take_up_pct;
    if (m->elasticity != 0.0 && share > 0.0)
        share *= pow_kept(price / m->reference_price_pounds, m->elasticity, pm);
    if (share > 100.0)
        share = 100.0;
    *take_up = share;
    *payers = households * share / 100.0;
    *gross = price * *payers / 1e6;
    return *gross - m->running_cost_m[t];
}

bs_result *result_new(void)
{
    return calloc(1, sizeof(bs_result));
}

void result_free(bs_result *r)
{
    free(r);
}

/* Service line s before savings; factor[s][t] receives its cumulative
 * growth into year t (1 in the first year). */
static void run_service(const bs_scenario *sc, bs_result *r, int s, double factor[][BS_MAX_YEARS])
{
    int n = sc->nyears;
    const bs_service *sv = &sc->services[s];
    factor[s][0] = 1.0;
    for (int t = 1; t < n; t++)
        factor[s][t] = factor[s][t - 1] * (1.0 + sv->growth_pct[t] / 100.0);
    for (int t = 0; t < n; t++)
        r->service_gross_m[s][t] = sv->net_m * factor[s][t];
}

/* Council tax income in £m: Band D x tax base x collection rate. */
static double tax_income(const bs_scenario *sc, double band_d, double base)
{
    return band_d * base * sc->collection_rate_pct / 100.0 / 1e6;
}

/* The tax base's growth into year t (t > 0) applied to base. */
static double base_grown(const bs_scenario *sc, double base, int t)
{
    return base * (1.0 + sc->tax_base_growth_pct[t] / 100.0);
}

/* The tax base and the income alone, Band D as in r (run_tax has run):
 * all that the tax base and its growth reach. */
static void run_tax_base(const bs_scenario *sc, bs_result *r)
{
    double base = sc->tax_base;
    for (int t = 0; t < sc->nyears; t++) {
        if (t > 0)
            base = base_grown(sc, base, t);
        r->tax_base[t] = base;
        r->council_tax_m[t] = tax_income(sc, r->band_d_pounds[t], base);
    }
}

/* Council tax: Band D, the tax base, the income, the bills, the
 * referendum figures. */
static void run_tax(const bs_scenario *sc, bs_result *r)
{
    int n = sc->nyears;
    double band_d = sc->band_d_previous_pounds, base = sc->tax_base, precepts = sc->other_precepts_pounds;
    double carried = sc->asc_unused_before_pct;
    for (int t = 0; t < n; t++) {
        if (t > 0) {
            base = base_grown(sc, base, t);
            precepts *= 1.0 + sc->other_precepts_growth_pct[t] / 100.0;
        }
        /* the referendum limits, from the modelled Band D of the year before
         * (so they follow --set, sweeps and goal seek) */
        r->core_rise_pounds[t] = band_d * sc->core_rise_pct[t] / 100.0;
        r->asc_allowance_pct[t] = sc->asc_limit_pct[t] + carried;
        double unused = r->asc_allowance_pct[t] - sc->asc_precept_pct[t];
        carried = sc->asc_carry_forward && unused > 0.0 ? unused : 0.0;
        r->rise_pct[t] = sc->core_rise_pct[t] + sc->asc_precept_pct[t];
        band_d *= 1.0 + r->rise_pct[t] / 100.0;
        r->band_d_pounds[t] = band_d;
        r->tax_base[t] = base;
        r->other_precepts_pounds[t] = precepts;
        r->council_tax_m[t] = tax_income(sc, band_d, base);
        for (int b = 0; b < BS_NBANDS; b++) {
            r->bill_pounds[t][b] = band_d * bs_band_ratio[b];
            r->bill_total_pounds[t][b] = (band_d + precepts) * bs_band_ratio[b];
        }
    }
}

/* The funding streams besides council tax. */
static void run_streams(const bs_scenario *sc, bs_result *r)
{
    int n = sc->nyears;
    for (int f = 0; f < sc->nfunding; f++) {
        const bs_funding *fd = &sc->funding[f];
        double amount = fd->amount_m;
        for (int t = 0; t < n; t++) {
            if (t > 0)
                amount *= 1.0 + fd->growth_pct[t] / 100.0;
            int received = fd->last_year == 0 || sc->first_year + t <= fd->last_year;
            r->funding_m[f][t] = received ? amount : 0.0;
        }
    }
}

/* Council tax plus the streams, in the streams' order, into funding_total_m. */
static void sum_funding(const bs_scenario *sc, bs_result *r)
{
    int n = sc->nyears;
    for (int t = 0; t < n; t++)
        r->funding_total_m[t] = r->council_tax_m[t];
    for (int f = 0; f < sc->nfunding; f++)
        for (int t = 0; t < n; t++)
            r->funding_total_m[t] += r->funding_m[f][t];
}

/* The households a charge reaches in year t, from *h, those of year t - 1
 * (m->households before the first year): from the year it starts, each
 * year's growth on the year before's. Called for t = 0, 1, ... in turn (a
 * running product: no loop over the years before). */
static double charge_households(const bs_scenario *sc, const bs_measure *m, int t, double *h)
{
    if (t > m->start_year - sc->first_year)
        *h *= 1.0 + m->households_growth_pct[t] / 100.0;
    return *h;
}

/* Measure i's row in year t (enabled or not) and its charge figures; the
 * saving at risk into *risk (0 for other measures). fresh: the charge
 * figures of a measure that is not a charge, or not enabled, are set to 0
 * (when not fresh, a run before set them, and whether a measure is enabled
 * and of which kind no incremental run changes). */
static double measure_row(const bs_scenario *sc, bs_result *r, int i, int t, double factor[][BS_MAX_YEARS],
                          double *risk, bs_pow_memo *pm, int fresh, double *households)
{
    const bs_measure *m = &sc->measures[i];
    int start = m->start_year - sc->first_year;
    double h = m->type == BS_CHARGE ? charge_households(sc, m, t, households) : 0.0;
    if (fresh) { /* (an enabled charge sets all four below) */
        r->charge_take_up_pct[i][t] = r->charge_payers[i][t] = r->charge_gross_m[i][t] = 0.0;
        r->charge_price_pounds[i][t] = 0.0;
    }
    *risk = 0.0;
    if (!m->enabled)
        return 0.0;
    switch (m->type) {
    case BS_SAVING:
        return saving_in_year(sc, m, m->line_index >= 0 ? factor[m->line_index] : NULL, t, risk);
    case BS_CHARGE:
        r->charge_price_pounds[i][t] = t >= start ? m->price_pounds[t] : 0.0;
        return charge_in_year(sc, m, t, h, &r->charge_take_up_pct[i][t], &r->charge_payers[i][t],
                              &r->charge_gross_m[i][t], pm);
    case BS_RESERVE_MOVE:
        return t >= start ? m->reserve_m[t] : 0.0;
    }
    return 0.0;
}

/* Measure i's row value v in year t (risk: its saving at risk) added to the
 * totals it feeds (savings by line, charges, contributions, draws,
 * movement). */
static void measure_add(const bs_scenario *sc, bs_result *r, int i, int t, double v, double risk,
                        double movement[][BS_MAX_YEARS])
{
    const bs_measure *m = &sc->measures[i];
    if (!m->enabled)
        return;
    switch (m->type) {
    case BS_SAVING:
        r->saving_at_risk_m[t] += risk;
        if (m->line_index >= 0)
            r->service_savings_m[m->line_index][t] += v;
        else
            r->unallocated_savings_m[t] += v;
        break;
    case BS_CHARGE:
        r->charges_m[t] += v;
        break;
    case BS_RESERVE_MOVE:
        movement[m->reserve_index][t] += v;
        if (v > 0)
            r->contributions_m[t] += v;
        else
            r->draws_m[t] -= v;
        break;
    }
}

/* Zero the totals the measures feed, for the years and parts in use. */
static void clear_measure_totals(const bs_scenario *sc, bs_result *r, double movement[][BS_MAX_YEARS])
{
    size_t bytes = (size_t)sc->nyears * sizeof(double);
    for (int s = 0; s < sc->nservices; s++)
        memset(r->service_savings_m[s], 0, bytes);
    for (int k = 0; k < sc->nreserves; k++)
        memset(movement[k], 0, bytes);
    memset(r->unallocated_savings_m, 0, bytes);
    memset(r->saving_at_risk_m, 0, bytes);
    memset(r->charges_m, 0, bytes);
    memset(r->contributions_m, 0, bytes);
    memset(r->draws_m, 0, bytes);
}

/* The reserves in year t: each opens where it closed, moves as planned, and
 * the general reserve takes the surplus (or meets the gap when asked). */
static void run_reserves(const bs_scenario *sc, bs_result *r, int t, double movement[][BS_MAX_YEARS])
{
    double unplanned = 0.0;
    if (r->gap_after_m[t] < 0.0 || sc->cover_unclosed_gaps)
        unplanned = -r->gap_after_m[t];
    r->unplanned_draw_m[t] = unplanned;

    double total_open = 0.0, total_close = 0.0;
    for (int k = 0; k < sc->nreserves; k++) {
        double open = t == 0 ? sc->reserves[k].opening_m : r->reserve_close_m[k][t - 1];
        double close = open + movement[k][t] + (k == 0 ? unplanned : 0.0);
        r->reserve_open_m[k][t] = open;
        r->reserve_close_m[k][t] = close;
        total_open += open;
        total_close += close;
    }
    r->reserves_total_close_m[t] = total_close;
    double net = r->spending_net_m[t];
    r->reserves_pct_of_spending[t] = net > 0 ? 100.0 * total_close / net : -1.0;
    r->general_pct_of_spending[t] = net > 0 ? 100.0 * r->reserve_close_m[0][t] / net : -1.0;
    double draw = total_open - total_close;
    r->years_of_reserves[t] = draw > BS_MONEY_EPS ? (total_close > 0 ? total_close / draw : 0.0) : -1.0;
}

/* Totals and gaps in years t0 .. nyears-1, then
 * the reserves and the rules, year by year (whether each applies too,
 * unless `applies` is 0: it reads only whole-number settings, which no
 * sweep varies, and is kept from the run before; the referendum rules only
 * when `tax` is set: they read council tax's settings and rows alone, which
 * are otherwise as in the run before). Each year's totals are summed in
 * the service lines' order. */
static void run_years(const bs_scenario *sc, bs_result *r, int t0, double movement[][BS_MAX_YEARS], int applies,
                      int tax)
{
    int n = sc->nyears, ns = sc->nservices;
    /* each year's sums in registers (summed in memory, each addition would
     * wait for the store of the one before) */
    for (int t = t0; t < n; t++) {
        double gross = 0.0, saved = r->unallocated_savings_m[t];
        for (int s = 0; s < ns; s++) {
            gross += r->service_gross_m[s][t];
            saved += r->service_savings_m[s][t];
        }
        r->spending_gross_m[t] = gross;
        r->savings_m[t] = saved;
        r->spending_net_m[t] = gross - saved;
        double before = gross + r->contributions_m[t] - r->funding_total_m[t];
        r->gap_before_m[t] = before;
        r->gap_after_m[t] = before - saved - r->charges_m[t] - r->draws_m[t];
    }
    /* the reserves, year by year (each opens where the year before's
     * closed), then each rule over those years: a rule reads the rows and
     * reserves of its year and the years before, never another rule */
    for (int t = t0; t < n; t++)
        run_reserves(sc, r, t, movement);
    for (int k = 0; k < BS_NRULES; k++) {
        if (!tax && (k == BS_RULE_REFERENDUM_CORE || k == BS_RULE_REFERENDUM_ASC))
            continue;
        if (applies)
            for (int t = t0; t < n; t++)
                r->rule_applies[k][t] = (unsigned char)(bs_rules[k]->applies(sc, t) != 0);
        bs_rules[k]->holds_years(sc, r, t0, n, r->rule_ok[k]);
    }
}

void budget_run(const bs_scenario *sc, bs_result *r)
{
    int n = sc->nyears;
    r->nyears = n;
    r->first_year = sc->first_year;
    double factor[BS_MAX_SERVICES][BS_MAX_YEARS];
    double movement[BS_MAX_RESERVES][BS_MAX_YEARS];
    for (int s = 0; s < sc->nservices; s++)
        run_service(sc, r, s, factor);
    run_tax(sc, r);
    run_streams(sc, r);
    sum_funding(sc, r);
    clear_measure_totals(sc, r, movement);
    for (int i = 0; i < sc->nmeasures; i++) {
        double households = sc->measures[i].households;
        for (int t = 0; t < n; t++) {
            double risk;
            double v = measure_row(sc, r, i, t, factor, &risk, NULL, 1, &households);
            r->measure_m[i][t] = v;
            measure_add(sc, r, i, t, v, risk, movement);
        }
    }
    run_years(sc, r, 0, movement, 1, 1);
}

/* The exponent field of each of v[0..n-1], plus one, or-ed together: bit 11
 * is set when some exponent is all ones, i.e. an infinity or a NaN. No
 * branch and no floating-point operation, so the compiler can vectorise it. */
static inline uint64_t exponents(const double *v, int n)
{
    uint64_t acc = 0;
    for (int t = 0; t < n; t++) {
        uint64_t bits;
        memcpy(&bits, &v[t], sizeof bits);
        acc |= ((bits >> 52) & 0x7ff) + 1;
    }
    return acc;
}

/* a and b the same, bit for bit (0.0 and -0.0 differ; a NaN is itself). */
static inline int same_bits(double a, double b)
{
    uint64_t x, y;
    memcpy(&x, &a, sizeof x);
    memcpy(&y, &b, sizeof y);
    return x == y;
}

/* Bit t set when a[t] and b[t] differ, bit for bit (t < n <= 64). */
static uint64_t differ(const double *a, const double *b, int n)
{
    uint64_t mask = 0;
    for (int t = 0; t < n; t++) {
        uint64_t x, y;
        memcpy(&x, &a[t], sizeof x);
        memcpy(&y, &b[t], sizeof y);
        mask |= (uint64_t)(x != y) << t;
    }
    return mask;
}

/* ------------------------------------------------------------------ */
/* Incremental runs (budget.h: bs_incr)                                */
/* ------------------------------------------------------------------ */

void budget_incr_init(bs_incr *p)
{
    memset(p, 0, sizeof *p);
    /* pow(0, 0) is 1: each kept power holds the arguments it was given */
    for (int i = 0; i < BS_MAX_MEASURES; i++)
        for (int t = 0; t < BS_MAX_YEARS; t++)
            p->pow[i][t].v = 1.0;
}

/* Is [addr, addr + bytes) inside [base, base + size)? */
static int within(const void *addr, size_t bytes, const void *base, size_t size)
{
    const char *a = addr, *b = base;
    return a >= b && a + bytes <= b + size;
}

/* Measure i is recomputed: so are the totals it feeds. */
static void mark_measure(bs_incr *p, const bs_scenario *sc, int i)
{
    const bs_measure *m = &sc->measures[i];
    p->measure[i] = 1;
    switch (m->type) {
    case BS_SAVING:
        p->risk_total = 1;
        if (m->line_index >= 0)
            p->line_total[m->line_index] = 1;
        else
            p->unallocated_total = 1;
        break;
    case BS_CHARGE:
        p->charges_total = 1;
        break;
    case BS_RESERVE_MOVE:
        p->moves_total = 1;
        p->movement_total[m->reserve_index] = 1;
        break;
    }
}

static int classify(bs_incr *p, const bs_scenario *sc, const void *addr, size_t bytes);

/* What a varied setting reaches (bs_incr.vary_kind). */
enum { INCR_NONE, INCR_TAX, INCR_TAX_BASE, INCR_STREAMS, INCR_SERVICE, INCR_MEASURE, INCR_ALL };

/* Note setting number id as of kind, on service or measure index. */
static int note_vary(bs_incr *p, int id, int kind, int index)
{
    if (id < BS_INCR_MAX_VARY) {
        p->vary_kind[id] = (unsigned char)kind;
        p->vary_index[id] = index;
    }
    return id;
}

/* Which settings changed: bit 31 stands for every setting from 31 on. */
static unsigned vary_bit(int id)
{
    return 1u << (id < 31 ? id : 31);
}

int budget_incr_vary(bs_incr *p, const bs_scenario *sc, const void *addr, size_t bytes)
{
    int id = p->nvary++;
    if (id >= 31)
        p->all = 1; /* bit 31 is shared: keep it simple, every run a full one */
    int kind = classify(p, sc, addr, bytes);
    return note_vary(p, id, kind & 0xff, kind >> 8);
}

/* Classify the setting at addr and mark what it reaches; returns INCR_*
 * plus 256 x the service's or measure's index. */
static int classify(bs_incr *p, const bs_scenario *sc, const void *addr, size_t bytes)
{
    p->ready = 0;
    /* the tax base and its growth: the base and the income alone */
    const char *base_lo = (const char *)&sc->tax_base;
    const char *base_hi = (const char *)(sc->tax_base_growth_pct + BS_MAX_YEARS);
    if (within(addr, bytes, base_lo, (size_t)(base_hi - base_lo))) {
        p->tax_base = 1;
        return INCR_TAX_BASE;
    }
    /* council tax: from Band D before the first year to the ASC allowance */
    const char *tax_lo = (const char *)&sc->band_d_previous_pounds;
    const char *tax_hi = (const char *)(&sc->asc_carry_forward + 1);
    if (within(addr, bytes, tax_lo, (size_t)(tax_hi - tax_lo))) {
        p->tax = 1;
        return INCR_TAX;
    }
    for (int s = 0; s < sc->nservices; s++)
        if (within(addr, bytes, &sc->services[s], sizeof sc->services[s])) {
            p->service[s] = 1;
            /* and every saving on the line, which follows its growth */
            for (int i = 0; i < sc->nmeasures; i++)
                if (sc->measures[i].type == BS_SAVING && sc->measures[i].line_index == s)
                    mark_measure(p, sc, i);
            return INCR_SERVICE + 256 * s;
        }
    for (int i = 0; i < sc->nmeasures; i++)
        if (within(addr, bytes, &sc->measures[i], sizeof sc->measures[i])) {
            mark_measure(p, sc, i);
            return INCR_MEASURE + 256 * i;
        }
    for (int f = 0; f < sc->nfunding; f++)
        if (within(addr, bytes, &sc->funding[f], sizeof sc->funding[f])) {
            p->streams = 1;
            return INCR_STREAMS;
        }
    /* read afresh by every year (run_years: the reserves), or by the vote
     * alone; whether a rule applies is kept from the full run, so a change
     * to rules.balanced_years (not a number a sweep can vary) is a full run */
    if (within(addr, bytes, sc->reserves, sizeof sc->reserves) || within(addr, bytes, &sc->chamber, sizeof sc->chamber) ||
        within(addr, bytes, &sc->cover_unclosed_gaps, sizeof sc->cover_unclosed_gaps))
        return INCR_NONE;
    p->all = 1; /* not known here: every run a full one */
    return INCR_ALL;
}

/* The measures setting id redoes (budget_incr_run_changed), those
 * resum_measures adds up: bs_incr.redo, risky, feed. */
static void plan_lists(bs_incr *p, const bs_scenario *sc)
{
    int nv = p->nvary < BS_INCR_MAX_VARY ? p->nvary : BS_INCR_MAX_VARY;
    for (int id = 0; id < nv; id++) {
        int kind = p->vary_kind[id], k = p->vary_index[id];
        p->nredo[id] = 0;
        for (int i = 0; i < sc->nmeasures; i++) {
            const bs_measure *m = &sc->measures[i];
            if (kind == INCR_MEASURE ? i == k : kind == INCR_SERVICE && m->type == BS_SAVING && m->line_index == k)
                p->redo[id][p->nredo[id]++] = (unsigned char)i;
        }
    }
    p->nrisky = p->nfeed = 0;
    for (int i = 0; i < sc->nmeasures; i++) {
        const bs_measure *m = &sc->measures[i];
        if (!m->enabled)
            continue;
        int feeds = 0;
        switch (m->type) {
        case BS_SAVING:
            if (p->risk_total)
                p->risky[p->nrisky++] = (unsigned char)i;
            feeds = m->line_index >= 0 ? p->line_total[m->line_index] : p->unallocated_total;
            break;
        case BS_CHARGE:
            feeds = p->charges_total;
            break;
        case BS_RESERVE_MOVE:
            feeds = p->movement_total[m->reserve_index] || p->moves_total;
            break;
        }
        if (feeds)
            p->feed[p->nfeed++] = (unsigned char)i;
    }
}

/* The rows an incremental run recomputes, as offsets in bs_result, into
 * p->check (bills aside: see budget_incr_finite). */
static void plan_checks(bs_incr *p, const bs_scenario *sc)
{
    int k = 0;
#define ROW(field) (p->check[k++] = (int)offsetof(bs_result, field))
#define ROWI(field, i) (p->check[k++] = (int)(offsetof(bs_result, field) + (size_t)(i) * sizeof(((bs_result *)0)->field[0])))
    /* A row only ever added into (or subtracted from) a row that is checked
     * needs no check of its own: a sum or difference with an infinity or a
     * NaN among its terms is an infinity or a NaN. So the service lines, the
     * savings (by line, on no line, in all), the measures' rows, the funding
     * streams and the council tax income, the contributions, draws and
     * charges and the gap before measures reach the gap after measures; the
     * reserves, opening and closing, reach the total of the reserves; the
     * unplanned draw is the gap after measures or 0. What is left: */
    for (int i = 0; i < sc->nmeasures; i++)
        if (p->measure[i] && sc->measures[i].type == BS_CHARGE) {
            ROWI(charge_take_up_pct, i);
            ROWI(charge_payers, i);
            ROWI(charge_gross_m, i);
        }
    if (p->risk_total)
        ROW(saving_at_risk_m);
    /* every year, from the first a run recomputes (bs_incr.t0) */
    p->year_checks = k;
    ROW(spending_net_m);
    ROW(gap_after_m);
    ROW(reserves_total_close_m);
    if (p->tax_base) /* it reaches the gap through the income, but times a Band D of 0 it would not */
        ROW(tax_base);
    /* (and the three resilience figures, always: budget_incr_finite) */
    /* last, council tax's: checked only after a run that recomputed it */
    p->tax_checks = k;
    if (p->tax) {
        ROW(band_d_pounds);
        ROW(rise_pct);
        ROW(core_rise_pounds);
        ROW(asc_allowance_pct);
        ROW(tax_base);
        ROW(other_precepts_pounds);
    }
#undef ROW
#undef ROWI
    p->nchecks = k;
    plan_lists(p, sc);
}

/* The totals that the measures redone feed: cleared, then every measure's
 * row added in the measures' order (measure_add's sums, row by row). The
 * savings at risk only when risk_changed: a sum of the same terms in the
 * same order is the same sum. */
static void resum_measures(bs_incr *p, const bs_scenario *sc, bs_result *r, int risk_changed)
{
    int n = sc->nyears;
    int risk_total = p->risk_total && risk_changed;
    size_t bytes = (size_t)n * sizeof(double);
    for (int s = 0; s < sc->nservices; s++)
        if (p->line_total[s])
            memset(r->service_savings_m[s], 0, bytes);
    for (int k = 0; k < sc->nreserves; k++)
        if (p->movement_total[k])
            memset(p->movement[k], 0, bytes);
    if (p->unallocated_total)
        memset(r->unallocated_savings_m, 0, bytes);
    if (risk_total)
        memset(r->saving_at_risk_m, 0, bytes);
    if (p->charges_total)
        memset(r->charges_m, 0, bytes);
    if (p->moves_total) {
        memset(r->contributions_m, 0, bytes);
        memset(r->draws_m, 0, bytes);
    }
    /* the savings at risk, and (a separate sum) the other totals */
    if (risk_total)
        for (int j = 0; j < p->nrisky; j++) {
            const double *risk = p->risk[p->risky[j]];
            for (int t = 0; t < n; t++)
                r->saving_at_risk_m[t] += risk[t];
        }
    for (int j = 0; j < p->nfeed; j++) {
        int i = p->feed[j];
        const bs_measure *m = &sc->measures[i];
        const double *v = r->measure_m[i];
        switch (m->type) {
        case BS_SAVING: {
            double *to = m->line_index >= 0 ? r->service_savings_m[m->line_index] : r->unallocated_savings_m;
            for (int t = 0; t < n; t++)
                to[t] += v[t];
            break;
        }
        case BS_CHARGE:
            for (int t = 0; t < n; t++)
                r->charges_m[t] += v[t];
            break;
        case BS_RESERVE_MOVE:
            if (p->movement_total[m->reserve_index])
                for (int t = 0; t < n; t++)
                    p->movement[m->reserve_index][t] += v[t];
            if (p->moves_total)
                for (int t = 0; t < n; t++) {
                    if (v[t] > 0)
                        r->contributions_m[t] += v[t];
                    else
                        r->draws_m[t] -= v[t];
                }
            break;
        }
    }
}

void budget_incr_run(bs_incr *p, const bs_scenario *sc, bs_result *r)
{
    budget_incr_run_changed(p, sc, r, ~0u);
}

void budget_incr_run_changed(bs_incr *p, const bs_scenario *sc, bs_result *r, unsigned changed)
{
    int n = sc->nyears;
    /* whether some saving's amount at risk differs (bit for bit) from the
     * run before: if none does, their total is as it was */
    int risk_changed = 1;
    /* bit t: some row year t reads differs from the run before */
    uint64_t dirty = ~(uint64_t)0;
    if (!p->ready || p->all) {
        r->nyears = n;
        r->first_year = sc->first_year;
        for (int s = 0; s < sc->nservices; s++)
            run_service(sc, r, s, p->factor);
        run_tax(sc, r);
        run_streams(sc, r);
        sum_funding(sc, r);
        for (int i = 0; i < sc->nmeasures; i++) {
            double households = sc->measures[i].households;
            for (int t = 0; t < n; t++)
                r->measure_m[i][t] =
                    measure_row(sc, r, i, t, p->factor, &p->risk[i][t], &p->pow[i][t], 1, &households);
        }
        p->ready = 1;
        p->full = 1;
        p->ran_tax = 1;
        plan_checks(p, sc);
    } else {
        /* the services first: the savings on them follow their growth */
        p->full = 0;
        dirty = 0;
        int tax = 0, base = 0, streams = 0, none = 0, nv = p->nvary < BS_INCR_MAX_VARY ? p->nvary : BS_INCR_MAX_VARY;
        for (int id = 0; id < nv; id++)
            if (changed & vary_bit(id)) {
                tax |= p->vary_kind[id] == INCR_TAX;
                base |= p->vary_kind[id] == INCR_TAX_BASE;
                streams |= p->vary_kind[id] == INCR_STREAMS;
                none |= p->vary_kind[id] == INCR_NONE;
                if (p->vary_kind[id] == INCR_SERVICE) {
                    double *gross = r->service_gross_m[p->vary_index[id]], was[BS_MAX_YEARS];
                    memcpy(was, gross, (size_t)n * sizeof(double));
                    run_service(sc, r, p->vary_index[id], p->factor);
                    dirty |= differ(was, gross, n);
                }
            }
        if (tax)
            run_tax(sc, r);
        else if (base)
            run_tax_base(sc, r);
        if (streams)
            run_streams(sc, r);
        if (tax || base || streams)
            sum_funding(sc, r);
        /* council tax, the streams and the settings run_years reads itself:
         * every year afresh */
        if (tax || base || streams || none)
            dirty = ~(uint64_t)0;
        p->ran_tax = tax;
        risk_changed = 0;
        for (int id = 0; id < nv; id++) {
            if (!(changed & vary_bit(id)))
                continue;
            /* the measures it reaches (plan_lists) */
            for (int j = 0; j < p->nredo[id]; j++) {
                int i = p->redo[id][j];
                double *row = r->measure_m[i], *kept = p->risk[i];
                uint64_t moved = 0, risky = 0;
                double households = sc->measures[i].households;
                for (int t = 0; t < n; t++) {
                    double risk, v = measure_row(sc, r, i, t, p->factor, &risk, &p->pow[i][t], 0, &households);
                    moved |= (uint64_t)!same_bits(v, row[t]) << t;
                    risky |= (uint64_t)!same_bits(risk, kept[t]) << t;
                    row[t] = v;
                    kept[t] = risk;
                }
                risk_changed |= risky != 0;
                dirty |= risky | moved;
            }
        }
    }
    /* the totals the measures feed, summed afresh in the measures' order:
     * all of them after a full run, else those the measures redone feed */
    if (p->full) {
        clear_measure_totals(sc, r, p->movement);
        for (int i = 0; i < sc->nmeasures; i++)
            for (int t = 0; t < n; t++)
                measure_add(sc, r, i, t, r->measure_m[i][t], p->risk[i][t], p->movement);
    } else {
        resum_measures(p, sc, r, risk_changed);
    }
    /* the years before the first whose inputs differ are as in the run
     * before (each year's reserves open where the year before's closed):
     * the same inputs, the same code, the same figures and rules */
    int t0 = 0;
    while (t0 < n && !(dirty >> t0 & 1))
        t0++;
    p->t0 = t0;
    run_years(sc, r, t0, p->movement, p->full, p->full || p->ran_tax);
}

int budget_incr_finite(const bs_incr *p, const bs_scenario *sc, const bs_result *r)
{
    if (p->full || p->all)
        return budget_finite(sc, r);
    int n = r->nyears;
    uint64_t acc = 0;
    const char *base = (const char *)r;
    /* the bits without the sign, doubled: an infinity or a NaN has the
     * exponent all ones, and so is at least 0xffe0...0; two at a time */
    uint64_t m0 = 0, m1 = 0;
    /* the rows of the measures redone, every year; the rows of run_years
     * from the first year it ran (those before are as checked before); the
     * council tax's, every year, when it ran */
    int nchecks = p->ran_tax ? p->nchecks : p->tax_checks;
    for (int k = 0; k < nchecks; k++) {
        const double *v = (const double *)(base + p->check[k]);
        int t = k >= p->year_checks && k < p->tax_checks ? p->t0 : 0;
        for (; t + 1 < n; t += 2) {
            uint64_t a, b;
            memcpy(&a, &v[t], sizeof a);
            memcpy(&b, &v[t + 1], sizeof b);
            a <<= 1;
            b <<= 1;
            m0 = a > m0 ? a : m0;
            m1 = b > m1 ? b : m1;
        }
        if (t < n) {
            uint64_t a;
            memcpy(&a, &v[t], sizeof a);
            a <<= 1;
            m0 = a > m0 ? a : m0;
        }
    }
    if ((m0 > m1 ? m0 : m1) >= 0xffe0000000000000ULL)
        return 0;
    int t0 = p->t0;
    acc |= exponents(r->reserves_pct_of_spending + t0, n - t0) | exponents(r->general_pct_of_spending + t0, n - t0) |
           exponents(r->years_of_reserves + t0, n - t0);
    if (p->ran_tax)
        for (int t = 0; t < n; t++)
            acc |= exponents(&r->bill_pounds[t][BS_NBANDS - 1], 1) |
                   exponents(&r->bill_total_pounds[t][BS_NBANDS - 1], 1);
    return !(acc & 0x800);
}

/* Every value the tables and the analyses read, for the years and parts in
 * use: about a third of the time of a model run. */
int budget_finite(const bs_scenario *sc, const bs_result *r)
{
    int n = r->nyears;
    uint64_t acc = 0;
    for (int s = 0; s < sc->nservices; s++)
        acc |= exponents(r->service_gross_m[s], n) | exponents(r->service_savings_m[s], n);
    /* a charge's price is its setting; only a charge has take-up and payers */
    for (int i = 0; i < sc->nmeasures; i++) {
        acc |= exponents(r->measure_m[i], n);
        if (sc->measures[i].type == BS_CHARGE)
            acc |= exponents(r->charge_take_up_pct[i], n) | exponents(r->charge_payers[i], n) |
                   exponents(r->charge_gross_m[i], n);
    }
    for (int f = 0; f < sc->nfunding; f++)
        acc |= exponents(r->funding_m[f], n);
    for (int k = 0; k < sc->nreserves; k++)
        acc |= exponents(r->reserve_open_m[k], n) | exponents(r->reserve_close_m[k], n);
    /* a bill is Band D (with or without precepts) times a ratio of at most
     * 2, that of band H: if band H is finite, so are the others */
    for (int t = 0; t < n; t++)
        acc |= exponents(&r->bill_pounds[t][BS_NBANDS - 1], 1) | exponents(&r->bill_total_pounds[t][BS_NBANDS - 1], 1);
    const double *rows[] = {r->unallocated_savings_m, r->saving_at_risk_m, r->band_d_pounds, r->rise_pct,
                            r->core_rise_pounds, r->asc_allowance_pct, r->tax_base, r->council_tax_m, r->other_precepts_pounds, r->spending_gross_m,
                            r->savings_m, r->spending_net_m, r->contributions_m, r->draws_m, r->charges_m,
                            r->funding_total_m, r->gap_before_m, r->gap_after_m, r->unplanned_draw_m,
                            r->reserves_total_close_m, r->reserves_pct_of_spending, r->general_pct_of_spending,
                            r->years_of_reserves};
    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++)
        acc |= exponents(rows[k], n);
    return !(acc & 0x800);
}
