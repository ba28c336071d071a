/* bills.c - chart 4, for each scenario: household bills by council tax
 * band in the first year, with charges stacked on the council tax
 * (bills.dat and .gp, or bills-base and bills-alt for a pair).
 *
 * This file may use: core/, analyse/, write/ and the C library. */
#include <stdio.h>

#include "write/charts/chart.h"

/* The charges drawn on their own; any others are drawn as one. */
#define BILLS_OWN 10

/* The charges of the scenario charted. */
typedef struct {
    int n;                     /* how many */
    int idx[BS_MAX_MEASURES];  /* their measures, in the file's order */
    int own[BS_MAX_MEASURES];  /* 1: among the BILLS_OWN dearest in the first year */
} charge_set;

/* The charges of sc, each marked when it is drawn on its own: the
 * BILLS_OWN dearest (the first in the file among equal prices). */
static void charge_list(const bs_scenario *sc, const bs_result *r, charge_set *cs)
{
    cs->n = 0;
    for (int i = 0; i < sc->nmeasures; i++)
        if (sc->measures[i].type == BS_CHARGE)
            cs->idx[cs->n++] = i;
    for (int a = 0; a < cs->n; a++) {
        double pa = r->charge_price_pounds[cs->idx[a]][0];
        int rank = 0;
        for (int b = 0; b < cs->n; b++) {
            double pb = r->charge_price_pounds[cs->idx[b]][0];
            rank += pb > pa || (pb == pa && b < a);
        }
        cs->own[a] = rank < BILLS_OWN;
    }
}

/* The columns of a charge's entry in the key (its header in the data):
 * inside the plot for one or two charges, beside it for more. */
#define CHARGE_KEY_WIDTH(n) chart_key_width(1000, (n) > 2 ? 0.3 : 0.5)

/* One row a band: this council's council tax, the other precepts, the
 * price of each charge and, when there are more than BILLS_OWN, the sum of
 * those not drawn on their own; the charges' labels in the header (the
 * key's entries), their whole names in comment lines before it. */
static void bills_data(FILE *f, chart_ctx *c, const void *arg)
{
    const chart_pick *p = arg;
    const bs_scenario *sc = c->in[p->which].sc;
    const bs_result *r = c->in[p->which].r;
    char label[800], band[2] = "";
    charge_set cs;
    charge_list(sc, r, &cs);
    for (int k = 0; k < cs.n; k++)
        chart_whole(f, sc->measures[cs.idx[k]].name,
                    chart_label(sc->measures[cs.idx[k]].name, CHARGE_KEY_WIDTH(cs.n), 1, label, sizeof label));
    chart_header(f, "band\tcouncil\tother_precepts");
    for (int k = 0; k < cs.n; k++) {
        fputc('\t', f);
        chart_field_label(f, chart_label(sc->measures[cs.idx[k]].name, CHARGE_KEY_WIDTH(cs.n), 1, label, sizeof label));
    }
    fputs(cs.n > BILLS_OWN ? "\t\"other_charges\"\n" : "\n", f);
    for (int b = 0; b < BS_NBANDS; b++) {
        double others = 0;
        band[0] = bs_band_name[b];
        chart_field(f, band);
        fprintf(f, "\t%.2f\t%.2f", r->bill_pounds[0][b], r->bill_total_pounds[0][b] - r->bill_pounds[0][b]);
        for (int k = 0; k < cs.n; k++) {
            double price = r->charge_price_pounds[cs.idx[k]][0];
            fprintf(f, "\t%.2f", price);
            others += cs.own[k] ? 0 : price;
        }
        if (cs.n > BILLS_OWN)
            fprintf(f, "\t%.2f", others);
        fputc('\n', f);
    }
}

/* Bars stacked by band: council tax, other precepts, then each charge drawn
 * on its own and the others as one. */
static void bills_script(FILE *f, chart_ctx *c, const void *arg)
{
    const chart_pick *p = arg;
    const bs_scenario *sc = c->in[p->which].sc;
    char title[600], y[16];
    charge_set cs;
    charge_list(sc, c->in[p->which].r, &cs);
    snprintf(title, sizeof title, "Household bills by band, %s: %s", chart_year0(c, y, sizeof y), sc->name);
    /* entries in the key beside the bars: the council tax, the precepts,
     * the charges drawn on their own and the others; the chart tall enough
     * for them (a line of text each, as the SVG terminal draws them) */
    int entries = 2 + (cs.n < BILLS_OWN ? cs.n : BILLS_OWN) + (cs.n > BILLS_OWN);
    int h = 350 + (int)(entries * CHART_TEXT_LINE_PX(CHART_FONT_TEXT)); /* 13 entries: 753 (720 measured the least in SVG) */
    chart_head(f, c, p->name, title, 1000, h < 600 ? 600 : h);
    fputs("set style data histogram\nset style histogram rowstacked\nset style fill solid 0.9 border -1\n", f);
    fputs("set boxwidth 0.7\nset ylabel 'Bill (£ a year)' noenhanced\nset xlabel 'Council tax band' noenhanced\n", f);
    /* more than a few entries would hide the bars: the key beside them */
    if (cs.n > 2) {
        fputs("set key outside right top autotitle columnheader\n", f);
        chart_title(f, title, chart_title_width(640)); /* over the bars, beside the key */
    } else {
        fputs("set key top left autotitle columnheader\n", f);
    }
    fprintf(f, "plot '%s.dat' using 2:xtic(1) title 'Council tax, this council' lc rgb '%s', '' using 3 title 'Other precepts' lc rgb '%s'",
            p->name, chart_palette[0], chart_palette[4]);
    /* the charges in the four colours the council tax's (0) and the
     * precepts' (4) leave, solid, then hatched, then cross-hatched: no
     * charge drawn like another or like the precepts */
    static const int shades[4] = {1, 2, 3, 5}, fills[3] = {0, 4, 5};
    for (int k = 0, j = 0; k < cs.n; k++)
        if (cs.own[k]) {
            int fill = fills[(j / 4) % 3];
            fprintf(f, ", '' using %d title columnheader(%d) lc rgb '%s'", 4 + k, 4 + k, chart_palette[shades[j % 4]]);
            if (fill)
                fprintf(f, " fs pattern %d border -1", fill);
            j++;
        }
    if (cs.n > BILLS_OWN)
        fprintf(f, ", '' using %d title '%d other charges (each in %s.dat)' lc rgb '#999999'", 4 + cs.n, cs.n - BILLS_OWN,
                p->name);
    fputc('\n', f);
}

int chart_bills(chart_ctx *c, int which, const char *suffix, bs_error *err)
{
    char title[700], y[16];
    snprintf(title, sizeof title, "Household bills by band, %s: %s", chart_year0(c, y, sizeof y),
             c->in[which].sc->name);
    return chart_write_for(c, which, "bills", suffix, title, bills_data, bills_script, err);
}
