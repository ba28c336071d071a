/* bills.c - chart 4, for each scenario: household bills by council tax
 * band in the first year, with charges stacked on the council tax
 * (bills.dat and .gp, or bills-base and bills-alt for a pair).
 *
 * This file may use: core/, analyse/, write/ and the C library. */
#include <stdio.h>

#include "write/charts/chart.h"

/* The columns of a charge's entry in the key (its header in the data). */
static int charge_width(const bs_scenario *sc)
{
    int n = 0;
    for (int i = 0; i < sc->nmeasures; i++)
        n += sc->measures[i].type == BS_CHARGE;
    return chart_key_width(1000, n > 12 ? 0.25 : 0.4);
}

/* One row a band: this council's council tax, the other precepts, then the
 * price of each charge; the charges' labels in the header (the key's
 * entries), their whole names in comment lines before it. */
static void bills_data(FILE *f, chart_ctx *c, const void *arg)
{
    const chart_pick *p = arg;
    const bs_scenario *sc = c->in[p->which].sc;
    const bs_result *r = c->in[p->which].r;
    char label[800], band[2] = "";
    for (int i = 0; i < sc->nmeasures; i++)
        if (sc->measures[i].type == BS_CHARGE)
            chart_whole(f, sc->measures[i].name,
                        chart_label(sc->measures[i].name, charge_width(sc), 1, label, sizeof label));
    chart_header(f, "band\tcouncil\tother_precepts");
    for (int i = 0; i < sc->nmeasures; i++)
        if (sc->measures[i].type == BS_CHARGE) {
            fputc('\t', f);
            chart_field_label(f, chart_label(sc->measures[i].name, charge_width(sc), 1, label, sizeof label));
        }
    fputc('\n', f);
    for (int b = 0; b < BS_NBANDS; b++) {
        band[0] = bs_band_name[b];
        chart_field(f, band);
        fprintf(f, "\t%.2f\t%.2f", r->bill_pounds[0][b], r->bill_total_pounds[0][b] - r->bill_pounds[0][b]);
        for (int i = 0; i < sc->nmeasures; i++)
            if (sc->measures[i].type == BS_CHARGE)
                fprintf(f, "\t%.2f", r->charge_price_pounds[i][0]);
        fputc('\n', f);
    }
}

/* Bars stacked by band: council tax, other precepts, then each charge. */
static void bills_script(FILE *f, chart_ctx *c, const void *arg)
{
    const chart_pick *p = arg;
    const bs_scenario *sc = c->in[p->which].sc;
    char title[600], y[16];
    snprintf(title, sizeof title, "Household bills by band, %s: %s", chart_year0(c, y, sizeof y), sc->name);
    chart_head(f, c, p->name, title, 1000, 600);
    fputs("set style data histogram\nset style histogram rowstacked\nset style fill solid 0.9 border -1\n", f);
    fputs("set boxwidth 0.7\nset ylabel '£ a year' noenhanced\nset xlabel 'Council tax band' noenhanced\n", f);
    int ncol = 3;
    for (int i = 0; i < sc->nmeasures; i++)
        ncol += sc->measures[i].type == BS_CHARGE;
    /* many charges: the key beside the bars, in as many columns as it needs */
    fputs(ncol > 15 ? "set key outside right top autotitle columnheader\n" : "set key top left autotitle columnheader\n", f);
    fprintf(f, "plot '%s.dat' using 2:xtic(1) title 'Council tax, this council' lc rgb '%s', '' using 3 title 'Other precepts' lc rgb '%s'",
            p->name, chart_palette[0], chart_palette[4]);
    for (int k = 4; k <= ncol; k++)
        fprintf(f, ", '' using %d title columnheader(%d) lc rgb '%s'", k, k, chart_palette[(k - 2) % 6 == 0 ? 1 : (k - 2) % 6]);
    fputc('\n', f);
}

int chart_bills(chart_ctx *c, int which, const char *suffix, bs_error *err)
{
    char title[700], y[16];
    snprintf(title, sizeof title, "Household bills by band, %s: %s", chart_year0(c, y, sizeof y),
             c->in[which].sc->name);
    return chart_write_for(c, which, "bills", suffix, title, bills_data, bills_script, err);
}
