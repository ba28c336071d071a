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
    /* The pass threshold, from the vote's own count (core/vote.c needed_of):
     * `needed` is the fewest votes for, of the same votes cast (for +
     * against, abstentions and absences as the vote counted them), with
     * which the rule passes without a casting vote. For Liverpool 2022 (47
     * for, 27 against; a simple majority of the votes cast) it is the least
     * k with k > 74 - k: floor(74 / 2) + 1 = 38. A mayor's budget stands
     * unless the votes against reach override_needed: with the same votes
     * cast it is overridden with cast - override_needed or fewer for. The
     * line is drawn between the counts that pass and those that do not. */
    const bs_vote_result *v = &b->vote;
    int cast = v->count[0] + v->count[1], mark = -1;
    char words[120] = "";
    if (v->quorate && !v->mayoral && v->needed > 0) {
        mark = v->needed;
        snprintf(words, sizeof words, "needed to pass: %d", v->needed);
    } else if (v->quorate && v->mayoral && v->override_needed > 0) {
        mark = cast - v->override_needed + 1;
        snprintf(words, sizeof words, "stands with %d or more for (%d against override)", mark, v->override_needed);
    }
    if (mark >= 0) {
        lo = mark - 1 < lo ? mark - 1 : lo;
        hi = mark > hi ? mark : hi;
    }
    fprintf(f, "set xrange [%d:%d]\n", lo - 1, hi + 1);
    fputs("set yrange [0:*]\nset offsets 0, 0, graph 0.12, 0\n", f);
    if (mark >= 0) {
        int right = mark - 0.5 > (lo + hi) / 2.0;
        fprintf(f, "set arrow 1 from first %.1f, graph 0 to first %.1f, graph 1 nohead dt 2 lw 2.5 lc rgb '#000000' front\n",
                mark - 0.5, mark - 0.5);
        fprintf(f, "set label 1 '%s' at first %.1f, graph 0.95 %s offset %s font font_text noenhanced front\n", words,
                mark - 0.5, right ? "right" : "left", right ? "-0.8,0" : "0.8,0");
    }
    fprintf(f, "plot '%s.dat' using 1:2 with boxes lc rgb '%s' notitle\n", p->name, chart_palette[0]);
}

int chart_tally(chart_ctx *c, int which, const char *suffix, bs_error *err)
{
    char title[700];
    snprintf(title, sizeof title, "How many vote for: %s", c->in[which].sc->name);
    return chart_write_for(c, which, "tally", suffix, title, tally_data, tally_script, err);
}
