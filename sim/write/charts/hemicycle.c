/* hemicycle.c - chart 5, for each scenario with a council: the final vote
 * on the budget as a hemicycle of seats (council.dat and .gp, or
 * council-base and council-alt for a pair). Seats are placed here, not by
 * gnuplot: rows with seats in proportion to their radius, sorted by angle,
 * each group given a contiguous run from the left.
 *
 * This file may use: core/, analyse/, write/ and the C library. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "write/charts/chart.h"
#include "write/text.h"

/* A seat: where it is, and its angle (0 at the right, pi at the left). */
typedef struct {
    double x, y, angle;
} seat;

/* qsort: the larger angle (further left) first. */
static int seat_cmp(const void *a, const void *b)
{
    const seat *p = a, *q = b;
    return p->angle < q->angle ? 1 : p->angle > q->angle ? -1 : 0;
}

/* Place n seats in s, in rows whose seats are in proportion to their
 * radius (1 to 2), sorted from the left; *radius receives a seat's radius
 * (at most 0.11).
 * Returns the seats placed (at most n). */
static int hemicycle(int n, seat *s, double *radius)
{
    int rows = (int)ceil(sqrt(n / 4.0));
    if (rows < 1)
        rows = 1;
    double rsum = 0;
    for (int i = 0; i < rows; i++)
        rsum += 1.0 + (rows > 1 ? (double)i / (rows - 1) : 0.0);
    int k = 0;
    for (int i = 0; i < rows; i++) {
        double r = 1.0 + (rows > 1 ? (double)i / (rows - 1) : 0.0);
        int m = i == rows - 1 ? n - k : (int)floor(n * r / rsum + 0.5);
        if (m > n - k)
            m = n - k;
        for (int j = 0; j < m; j++) {
            double a = m > 1 ? M_PI * (1.0 - (double)j / (m - 1)) : M_PI / 2;
            s[k].x = r * cos(a);
            s[k].y = r * sin(a);
            s[k].angle = a;
            k++;
        }
    }
    qsort(s, (size_t)k, sizeof *s, seat_cmp);
    double spacing = rows > 1 ? 1.0 / (rows - 1) : 0.5;
    double arc = n > 1 ? M_PI * 2.0 / (n / (double)rows) : 1.0;
    *radius = 0.42 * (spacing < arc ? spacing : arc);
    if (*radius > 0.11) /* a small council: seats clear of the chart's edges and of the result below */
        *radius = 0.11;
    return k;
}

/* One row a seat: x, y, radius, colour (the group's), the vote (0 for, 1
 * against, 2 abstain, 3 absent) and the group; each group a run of seats
 * from the left (the Mayor last), within it for, against, abstain, absent. */
static void council_data(FILE *f, chart_ctx *c, const void *arg)
{
    const chart_pick *p = arg;
    const bs_ballot *b = c->in[p->which].ballot;
    const bs_council *cn = &b->final->chamber;
    int n = b->vote.nvoters;
    seat *s = calloc((size_t)(n > 0 ? n : 1), sizeof *s);
    double rad = 0.05;
    if (!s)
        return;
    int k = hemicycle(n, s, &rad), idx = 0;
    chart_header(f, "x\ty\tr\tcolour\tvote\tgroup");
    fputc('\n', f);
    for (int g = 0; g <= cn->ngroups; g++) {
        for (int v = 0; v < 4; v++) {
            int count = g < cn->ngroups ? b->vote.group_count[g][v] : b->vote.mayor_count[v];
            unsigned colour = 0x333333;
            if (g < cn->ngroups)
                sscanf(cn->groups[g].colour + 1, "%x", &colour);
            for (int i = 0; i < count && idx < k; i++, idx++) {
                const char *name = g < cn->ngroups ? cn->groups[g].name : "Mayor";
                char shown[800];
                chart_whole(f, name, text_display(name, shown, sizeof shown));
                fprintf(f, "%.5f\t%.5f\t%.5f\t%u\t%d\t", s[idx].x, s[idx].y, rad, colour, v);
                chart_field(f, name);
                fputc('\n', f);
            }
        }
    }
    free(s);
}

/* The seats as circles, the majority line, the result and a key of groups. */
static void council_script(FILE *f, chart_ctx *c, const void *arg)
{
    const chart_pick *p = arg;
    const bs_ballot *b = c->in[p->which].ballot;
    const bs_council *cn = &b->final->chamber;
    const bs_vote_result *v = &b->vote;
    char title[700];
    snprintf(title, sizeof title, "The council vote: %s", c->in[p->which].sc->name);
    chart_head(f, c, p->name, title, 1000, 620);
    chart_title(f, title, chart_title_width(620)); /* over the seats, beside the key */
    fputs("set size ratio -1\nunset border\nunset tics\nunset grid\nset xrange [-2.3:2.3]\nset yrange [-0.45:2.3]\n", f);
    fputs("set key outside right center\n", f);
    /* The majority line: half the seats plus one, counted from the left. */
    int n = v->nvoters, need = n / 2 + 1;
    seat *s = calloc((size_t)(n > 0 ? n : 1), sizeof *s);
    double rad;
    if (s && n > 1) {
        hemicycle(n, s, &rad);
        double a = (s[need - 1].angle + (need < n ? s[need].angle : 0)) / 2;
        fprintf(f, "set arrow 1 from 0,0 to %.4f,%.4f nohead dt 2 lw 2 lc rgb '#333333'\n", 2.25 * cos(a), 2.25 * sin(a));
        fprintf(f, "set label 2 'majority of seats: %d of %d' at %.4f,%.4f center font ',11'\n", need, n, 2.3 * cos(a),
                2.3 * sin(a) + 0.08 > 2.25 ? 2.22 : 2.3 * sin(a) + 0.08);
    }
    free(s);
    fprintf(f, "set label 4 '%s: %d for, %d against, %d abstaining, %d absent' at 0,-0.15 center font ',13'\n",
            v->passed ? "Passed" : "Failed", v->count[0], v->count[1], v->count[2], v->count[3]);
    fprintf(f, "set label 3 'filled: for; ring: against; light: abstained; grey: absent' at 0,-0.35 center font ',11'\n");
    fprintf(f, "plot '%s.dat' using 1:($5==0?$2:NaN):3:4 with circles fill solid 1.0 noborder lc rgb variable notitle, \\\n", p->name);
    fprintf(f, "     '' using 1:($5==1?$2:NaN):3:4 with circles fill empty border lw 2.5 lc rgb variable notitle, \\\n");
    fprintf(f, "     '' using 1:($5==2?$2:NaN):3:4 with circles fill transparent solid 0.3 noborder lc rgb variable notitle, \\\n");
    fprintf(f, "     '' using 1:($5==3?$2:NaN):3 with circles fill solid 1.0 noborder lc rgb '#cccccc' notitle");
    /* the key beside the seats: a narrower entry when there are many */
    int key = chart_key_width(1000, cn->ngroups > 16 ? 0.17 : 0.3);
    for (int g = 0; g < cn->ngroups; g++) {
        fprintf(f, ", \\\n     keyentry with boxes fill solid lc rgb '%s' title ", cn->groups[g].colour);
        chart_string_fit(f, cn->groups[g].name, key, 1);
    }
    fputc('\n', f);
}

int chart_council(chart_ctx *c, int which, const char *suffix, bs_error *err)
{
    char title[700];
    snprintf(title, sizeof title, "The council vote: %s", c->in[which].sc->name);
    return chart_write_for(c, which, "council", suffix, title, council_data, council_script, err);
}
