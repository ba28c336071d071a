/* hemicycle.c - chart 5, for each scenario with a council: the final vote
 * on the budget as a hemicycle of seats (council.dat and .gp, or
 * council-base and council-alt for a pair). Seats are placed here, not by
 * gnuplot (hemicycle.h: rows a pitch apart, the largest pitch with room,
 * seats never nearer than twice their radius and a margin), sorted by
 * angle from the left: the votes for first, then against, abstaining and
 * absent, each by group (the Mayor last). The line marks the threshold of
 * the rule applied: after the votes needed, counted from the left, so that
 * the ballot passes when the votes for reach it. For an elected mayor's
 * budget, which stands unless the votes against reach the override share,
 * the votes against come first and the line is after the votes against
 * that override it. An inquorate meeting decides nothing: no line, and the
 * result says so. All text is outside the
 * plot's range, which holds every seat and the line: the title above it,
 * the key to its right, the result, the threshold and the legend below.
 *
 * This file may use: core/, analyse/, write/, the C library and libm. */
#include "write/charts/hemicycle.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "write/charts/chart.h"
#include "write/text.h"
#include "write/vote_facts.h"

/* ------------------------------------------------------------------ */
/* Layout (hemicycle.h)                                                */
/* ------------------------------------------------------------------ */

/* The most seats a row of radius r holds with neighbours a chord of at
 * least p apart: m seats from angle pi to 0 are pi / (m - 1) apart, a chord
 * of 2 r sin(pi / (2 (m - 1))). */
static int row_room(double r, double p)
{
    if (p >= 2 * r)
        return 1;
    double m1 = floor(M_PI / (2 * asin(p / (2 * r))) + 1e-9);
    while (m1 > 1 && 2 * r * sin(M_PI / (2 * m1)) < p * (1 - 1e-12))
        m1--;
    return (int)m1 + 1;
}

/* The rows of pitch p (the outer at HEMI_OUTER, none inside HEMI_INNER) and
 * the seats they hold in all. */
static int rows_of(double p, int *rows)
{
    int k = 0, room = 0;
    for (double r = HEMI_OUTER; r >= HEMI_INNER - 1e-9 && k < HEMI_MAX_ROWS; r = HEMI_OUTER - (++k) * p)
        room += row_room(r, p);
    *rows = k;
    return room;
}

/* The angle of seat j of a row of m. */
static double seat_angle(int j, int m)
{
    return m > 1 ? M_PI * (1.0 - (double)j / (m - 1)) : M_PI / 2;
}

/* How far beyond a row's end seat its threshold goes: to a distance of
 * p/2 from the seat's centre (a quarter turn when the row is too small for
 * that). */
static double end_gap(double r, double p)
{
    return p < 2 * r ? asin(p / (2 * r)) : M_PI / 2;
}

/* qsort: the larger angle (further left) first; on the same angle the
 * outer row first. */
static int seat_cmp(const void *a, const void *b)
{
    const hemi_seat *p = a, *q = b;
    if (p->angle != q->angle)
        return p->angle < q->angle ? 1 : -1;
    return (p->row > q->row) - (p->row < q->row);
}

int hemi_place(int n, hemi_seat *s, hemi_layout *l)
{
    memset(l, 0, sizeof *l);
    if (n < 1)
        return 0;
    /* the largest pitch with room for n: down from the whole depth of the
     * hemicycle by steps of 0.5% (the room only grows as p shrinks, but not
     * smoothly, so it is searched, not solved) */
    double p = 2 * HEMI_OUTER;
    int rows = 1;
    while (p > 1e-4 && rows_of(p, &rows) < n)
        p *= 0.995;
    int room[HEMI_MAX_ROWS], total = 0;
    for (int i = 0; i < rows; i++) {
        l->row_r[i] = HEMI_OUTER - i * p;
        room[i] = row_room(l->row_r[i], p);
        total += room[i];
    }
    /* seats to rows in proportion to their room, largest remainders first */
    int given = 0;
    double rem[HEMI_MAX_ROWS];
    for (int i = 0; i < rows; i++) {
        double share = (double)n * room[i] / total;
        l->row_n[i] = (int)floor(share);
        if (l->row_n[i] > room[i])
            l->row_n[i] = room[i];
        rem[i] = share - l->row_n[i];
        given += l->row_n[i];
    }
    while (given < n) {
        int best = -1;
        for (int i = 0; i < rows; i++)
            if (l->row_n[i] < room[i] && (best < 0 || rem[i] > rem[best]))
                best = i;
        if (best < 0)
            break; /* cannot happen: the rows have room for n */
        l->row_n[best]++;
        rem[best] = -1;
        given++;
    }
    int k = 0;
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < l->row_n[i]; j++, k++) {
            double a = seat_angle(j, l->row_n[i]);
            s[k].x = l->row_r[i] * cos(a);
            s[k].y = l->row_r[i] * sin(a);
            s[k].angle = a;
            s[k].row = i;
        }
    qsort(s, (size_t)k, sizeof *s, seat_cmp);
    l->n = k;
    l->rows = rows;
    l->pitch = p;
    l->radius = HEMI_SEAT_SHARE * p;
    /* the range: the outer seats and the threshold's outer end (p/2 beyond
     * the outer row), then a margin; below, the seats at the ends and the
     * threshold past an end seat */
    double margin = (1 - 2 * HEMI_SEAT_SHARE) * p, low = l->radius;
    for (int i = 0; i < rows; i++)
        low = fmax(low, (l->row_r[i] + p / 2) * sin(end_gap(l->row_r[i], p)));
    double out = HEMI_OUTER + fmax(l->radius, p / 2) + margin;
    l->xmin = -out;
    l->xmax = out;
    l->ymax = out;
    l->ymin = -(low + margin);
    return k;
}

int hemi_threshold(const hemi_layout *l, const hemi_seat *s, int k, double *x, double *y)
{
    if (k < 1 || k >= l->n)
        return 0;
    int counted[HEMI_MAX_ROWS] = {0}, o = 0;
    for (int j = 0; j < k; j++)
        counted[s[j].row]++;
    double p = l->pitch, prev = -1;
    for (int i = l->rows - 1; i >= 0; i--) { /* from the inner row out */
        int m = l->row_n[i], c = counted[i];
        double r = l->row_r[i], a;
        if (m == 0)
            a = prev >= 0 ? prev : M_PI / 2;
        else if (c == 0)
            a = seat_angle(0, m) + end_gap(r, p);
        else if (c == m)
            a = seat_angle(m - 1, m) - end_gap(r, p);
        else
            a = (seat_angle(c - 1, m) + seat_angle(c, m)) / 2;
        double r0 = r - p / 2, r1 = r + p / 2;
        if (prev >= 0) { /* along the arc midway from the row inside */
            int steps = (int)ceil(fabs(a - prev) / 0.05);
            for (int t = 1; t < steps && o < HEMI_ARC_MAX - 2; t++) {
                double b = prev + (a - prev) * t / steps;
                x[o] = r0 * cos(b);
                y[o++] = r0 * sin(b);
            }
        }
        if (o < HEMI_ARC_MAX - 1) {
            x[o] = r0 * cos(a);
            y[o++] = r0 * sin(a);
        }
        if (o < HEMI_ARC_MAX) {
            x[o] = r1 * cos(a);
            y[o++] = r1 * sin(a);
        }
        prev = a;
    }
    return o;
}

/* ------------------------------------------------------------------ */
/* The chart                                                           */
/* ------------------------------------------------------------------ */

/* The order of the votes from the left: for, against, abstaining, absent;
 * for a mayor's budget (which stands unless the votes against reach the
 * override share) against first, so that the line marks the votes against
 * that override it, counted from the left as the votes for are otherwise. */
static void vote_order(const bs_vote_result *v, int order[4])
{
    order[0] = v->mayoral ? 1 : 0;
    order[1] = v->mayoral ? 0 : 1;
    order[2] = 2;
    order[3] = 3;
}

/* Where the line goes: after the first k seats from the left, k the votes
 * needed (a mayor's budget: the votes against that override it); 0: no line
 * (none can, or the meeting is inquorate). */
static int threshold_seats(const bs_council *cn, const bs_vote_result *v)
{
    if (!v->quorate)
        return 0;
    int k = v->mayoral ? v->override_needed : vote_needed_of(cn, v);
    return k > 0 ? k : 0;
}

/* One row a seat: x, y, radius, colour (the group's), the vote (0 for, 1
 * against, 2 abstain, 3 absent) and the group; from the left the votes
 * in vote_order (for, against, abstaining, absent; a mayor's budget:
 * against first), each by group (the Mayor last). */
static void council_data(FILE *f, chart_ctx *c, const void *arg)
{
    const chart_pick *p = arg;
    const bs_ballot *b = c->in[p->which].ballot;
    const bs_council *cn = &b->final->chamber;
    int n = b->vote.nvoters;
    hemi_seat *s = calloc((size_t)(n > 0 ? n : 1), sizeof *s);
    hemi_layout l;
    if (!s)
        return;
    int k = hemi_place(n, s, &l), idx = 0;
    chart_header(f, "x\ty\tr\tcolour\tvote\tgroup");
    fputc('\n', f);
    int order[4];
    vote_order(&b->vote, order);
    for (int o = 0; o < 4; o++) {
        int v = order[o];
        for (int g = 0; g <= cn->ngroups; g++) {
            int count = g < cn->ngroups ? b->vote.group_count[g][v] : b->vote.mayor_count[v];
            unsigned colour = 0x333333;
            if (g < cn->ngroups)
                sscanf(cn->groups[g].colour + 1, "%x", &colour);
            for (int i = 0; i < count && idx < k; i++, idx++) {
                const char *name = g < cn->ngroups ? cn->groups[g].name : "Mayor";
                char shown[800];
                chart_whole(f, name, text_display(name, shown, sizeof shown));
                fprintf(f, "%.5f\t%.5f\t%.5f\t%u\t%d\t", s[idx].x, s[idx].y, l.radius, colour, v);
                chart_field(f, name);
                fputc('\n', f);
            }
        }
    }
    free(s);
}

/* The threshold in words: "The line: 38 votes needed (more than half of
 * the 74 votes cast)"; a mayor's budget: "The line: 47 against needed to
 * override the mayor's budget (at least two thirds of the 70 votes cast)";
 * inquorate: no line, and why. */
static void needed_text(const bs_council *cn, const bs_vote_result *v, int amended, char *buf, size_t size)
{
    char phrase[200];
    vote_rule_phrase(v, phrase, sizeof phrase);
    int need = vote_needed_of(cn, v);
    if (!v->quorate)
        snprintf(buf, size, "No line: %d present, below the quorum of %d (%s)", v->present, v->quorum,
                 vote_quorum_is_default(cn) ? "a quarter of the members, LGA 1972 Sch. 12 para 6" : "council.quorum");
    else if (v->mayoral && v->override_needed > 0)
        snprintf(buf, size, "The line: %d against needed to override the %s budget (%s)", v->override_needed,
                 amended ? "council's" : "mayor's", phrase);
    else if (v->mayoral)
        snprintf(buf, size, "No number of votes against could override the %s budget (%s)",
                 amended ? "council's" : "mayor's", phrase);
    else if (need < 0)
        snprintf(buf, size, "No number of votes for could pass it (%s)", phrase);
    else
        snprintf(buf, size, "The line: %d vote%s needed (%s)", need, need == 1 ? "" : "s", phrase);
}

/* The result in words: "Passed: 47 for, 27 against, 0 abstaining, 16
 * absent"; "The mayor's budget stands: ..."; "Inquorate, the meeting cannot
 * decide: ...". */
static void result_text(const bs_vote_result *v, int amended, char *buf, size_t size)
{
    const char *what = !v->quorate ? "Inquorate, the meeting cannot decide"
                       : v->mayoral ? (v->passed ? (amended ? "The council's budget stands" : "The mayor's budget stands")
                                                 : (amended ? "The council's budget is overridden"
                                                            : "The mayor's budget is overridden"))
                       : v->passed  ? "Passed"
                                    : "Failed";
    snprintf(buf, size, "%s: %d for, %d against, %d abstaining, %d absent", what, v->count[0], v->count[1],
             v->count[2], v->count[3]);
}

/* The seats as circles, the threshold's line, and below the plot the
 * result, the threshold in words and the legend; a key of groups. */
static void council_script(FILE *f, chart_ctx *c, const void *arg)
{
    const chart_pick *p = arg;
    const bs_ballot *b = c->in[p->which].ballot;
    const bs_council *cn = &b->final->chamber;
    const bs_vote_result *v = &b->vote;
    char title[700], need[300];
    snprintf(title, sizeof title, "The council vote: %s", c->in[p->which].sc->name);
    chart_head(f, c, p->name, title, 1000, 620);
    chart_title(f, title, chart_title_width(620)); /* over the seats, beside the key */
    int n = v->nvoters;
    hemi_seat *s = calloc((size_t)(n > 0 ? n : 1), sizeof *s);
    double *lx = malloc(HEMI_ARC_MAX * sizeof *lx), *ly = malloc(HEMI_ARC_MAX * sizeof *ly);
    hemi_layout l;
    memset(&l, 0, sizeof l);
    l.xmin = l.ymin = -1;
    l.xmax = l.ymax = 1;
    if (s && lx && ly && hemi_place(n, s, &l) > 0) {
        int k = hemi_threshold(&l, s, threshold_seats(cn, v), lx, ly);
        for (int i = 1; i < k; i++)
            fprintf(f, "set arrow %d from %.4f,%.4f to %.4f,%.4f nohead lw 2 lc rgb '#333333' front\n", 100 + i,
                    lx[i - 1], ly[i - 1], lx[i], ly[i]);
    }
    free(s);
    free(lx);
    free(ly);
    fputs("set size ratio -1\nunset border\nunset tics\nunset grid\n", f);
    fprintf(f, "set xrange [%.4f:%.4f]\nset yrange [%.4f:%.4f]\n", l.xmin, l.xmax, l.ymin, l.ymax);
    fputs("set key outside right center\n", f);
    /* below the plot (graph 0), above the source line: bmargin 7 lines */
    fputs("set bmargin 7\n", f);
    int amended = 0;
    for (int a = 0; a < b->namendments; a++)
        amended |= b->amendment_passed[a];
    char result[200];
    result_text(v, amended, result, sizeof result);
    /* the words are ours, but a mayor's has a quote: chart_string */
    fputs("set label 4 ", f);
    chart_string(f, result);
    fputs(" at graph 0.5, graph 0 offset 0,-1.3 center font font_text\n", f);
    needed_text(cn, v, amended, need, sizeof need);
    fputs("set label 2 ", f);
    chart_string(f, need);
    fputs(" at graph 0.5, graph 0 offset 0,-2.7 center font font_text\n", f);
    /* absent and abstaining are shapes, not colours: no group's colour can
     * be taken for them (an empty dotted ring; a seat filled on its left half) */
    fprintf(f, "set label 3 'from the left: %s, abstained (half), absent (dotted)' at graph 0.5, "
               "graph 0 offset 0,-3.9 center font font_text\n",
            v->mayoral ? "against (ring), for (filled)" : "for (filled), against (ring)");
    fprintf(f, "plot '%s.dat' using 1:($5==0?$2:NaN):3:4 with circles fill solid 1.0 noborder lc rgb variable notitle, \\\n", p->name);
    fprintf(f, "     '' using 1:($5==1?$2:NaN):3:4 with circles fill empty border lw 2.5 lc rgb variable notitle, \\\n");
    fprintf(f, "     '' using 1:($5==2?$2:NaN):3:(90):(270):4 with circles fill solid 1.0 noborder lc rgb variable notitle, \\\n");
    fprintf(f, "     '' using 1:($5==2?$2:NaN):3:4 with circles fill empty border lw 1.5 lc rgb variable notitle, \\\n");
    fprintf(f, "     '' using 1:($5==3?$2:NaN):3 with circles fill empty border lw 1.5 dt 3 lc rgb '#333333' notitle");
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
