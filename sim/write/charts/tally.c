/* tally.c - chart 6, for each scenario whose members are uncertain: the
 * distribution of the votes for the budget on the final ballot, over the
 * whole meeting (tally.dat and .gp, or tally-base and tally-alt for a
 * pair).
 *
 * This file may use: core/, analyse/, write/ and the C library. */
#include <stdio.h>

#include "write/charts/chart.h"

/* One row a number of votes for, with its probability. */
static void tally_data(FILE *f, chart_ctx *c, const void *arg)
{
    const chart_pick *p = arg;
    const bs_ballot *b = c->in[p->which].ballot;
    chart_header(f, "votes_for\tprobability");
    fputc('\n', f);
    for (int k = 0; k <= b->nvoters; k++)
        fprintf(f, "%d\t%.10g\n", k, b->dist_for[k]);
}

/* Bars over the counts that have a probability of at least 1e-6. */
static void tally_script(FILE *f, chart_ctx *c, const void *arg)
{
    const chart_pick *p = arg;
    const bs_ballot *b = c->in[p->which].ballot;
    char title[700];
    /* with amendments (or an elected mayor's budget, which stands unless
     * overridden) p_pass is that a budget is adopted, over the whole
     * meeting, and the bars are the final ballot's over every pattern of
     * amendments */
    if (b->namendments > 0 || b->vote.mayoral)
        snprintf(title, sizeof title, "How many vote for the budget: %s (probability a budget is adopted %.3f)",
                 c->in[p->which].sc->name, b->p_pass);
    else
        snprintf(title, sizeof title, "How many vote for: %s (probability of passing %.3f)", c->in[p->which].sc->name,
                 b->p_pass);
    chart_head(f, c, p->name, title, 1000, 560);
    fputs("set style fill solid 0.85 border -1\nset boxwidth 0.8\nset ylabel 'probability' noenhanced\n", f);
    fputs("set xlabel 'votes for the budget' noenhanced\nset key off\n", f);
    int lo = 0, hi = b->nvoters;
    while (lo < hi && b->dist_for[lo] < 1e-6)
        lo++;
    while (hi > lo && b->dist_for[hi] < 1e-6)
        hi--;
    fprintf(f, "set xrange [%d:%d]\n", lo - 1, hi + 1);
    fprintf(f, "plot '%s.dat' using 1:2 with boxes lc rgb '%s' notitle\n", p->name, chart_palette[0]);
}

int chart_tally(chart_ctx *c, int which, const char *suffix, bs_error *err)
{
    char title[700];
    snprintf(title, sizeof title, "How many vote for: %s", c->in[which].sc->name);
    return chart_write_for(c, which, "tally", suffix, title, tally_data, tally_script, err);
}
