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
#include "write/colour.h"
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

#define MAYOR_COLOUR 0x333333u /* the Mayor's seat */

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

/* The mark on group g's seats (write/colour.h colour_group_mark): 0 for
 * the Mayor. */
static int mark_of(const bs_council *cn, int g)
{
    return g < cn->ngroups ? colour_group_mark(cn, g) : 0;
}

/* One row a seat: x, y, radius, colour (the group's), the vote (0 for, 1
 * against, 2 abstain, 3 absent), the group and its mark (0 none, 1 a white
 * dot, 2 a white square, 3 a white bar: a group whose colour an earlier
 * group has); from the left the votes in vote_order (for, against,
 * abstaining, absent; a mayor's budget: against first), each by group (the
 * Mayor last). */
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
    chart_header(f, "x\ty\tr\tcolour\tvote\tgroup\tmark");
    fputc('\n', f);
    int order[4];
    vote_order(&b->vote, order);
    for (int o = 0; o < 4; o++) {
        int v = order[o];
        for (int g = 0; g <= cn->ngroups; g++) {
            int count = g < cn->ngroups ? b->vote.group_count[g][v] : b->vote.mayor_count[v];
            unsigned colour = MAYOR_COLOUR;
            if (g < cn->ngroups)
                sscanf(cn->groups[g].colour + 1, "%x", &colour);
            for (int i = 0; i < count && idx < k; i++, idx++) {
                const char *name = g < cn->ngroups ? cn->groups[g].name : "Mayor";
                char shown[800];
                chart_whole(f, name, text_display(name, shown, sizeof shown));
                fprintf(f, "%.5f\t%.5f\t%.5f\t%u\t%d\t", s[idx].x, s[idx].y, l.radius, colour, v);
                chart_field(f, name);
                fprintf(f, "\t%d\n", mark_of(cn, g));
            }
        }
    }
    free(s);
}

/* The threshold in words: "Needed to pass: 38 (more than half of the 74
 * votes cast)"; a mayor's budget: "Needed to override: 47 against, the
 * mayor's budget (at least two thirds of the 70 votes cast)";
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
        snprintf(buf, size, "Needed to override: %d against, the %s budget (%s)", v->override_needed,
                 amended ? "council's" : "mayor's", phrase);
    else if (v->mayoral)
        snprintf(buf, size, "No number of votes against could override the %s budget (%s)",
                 amended ? "council's" : "mayor's", phrase);
    else if (need < 0)
        snprintf(buf, size, "No number of votes for could pass it (%s)", phrase);
    else
        snprintf(buf, size, "Needed to pass: %d (%s)", need, phrase);
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

/* The lines of text wrapped into `lines` lines of width columns. */
static int lines_of(const char *text, int width, int lines)
{
    char buf[4200];
    text_wrap(text, width, lines, buf, sizeof buf);
    int n = 1;
    for (const char *q = buf; *q; q++)
        n += *q == '\n';
    return n;
}

/* Where things go, in pixels of a canvas 1000 wide (chart.h: 1 unit =
 * 0.4535 pt printed), and the scale of the seats' units. From the top: the
 * title; a row for the threshold's count; the seats (the hemicycle, at the
 * left) with the key of groups beside them on the right, as near as the
 * seats leave room; below both the result, the threshold in words and the
 * legend of the four votes' shapes; the source line. */
#define HEMI_W 520.0     /* the hemicycle's width */
#define HEMI_PAD 24.0    /* the canvas's edges */
#define HEMI_ROW 30.0    /* a line of text (CHART_FONT_TEXT, with room) */
#define HEMI_KEY_ROW 28.0
#define HEMI_TITLE_ROW 34.0
#define HEMI_SOURCE 36.0 /* the source line at the foot */
#define HEMI_GLYPH 9.0   /* a glyph's radius in the key and the legend */
#define HEMI_INK "#505050" /* absent, and the legend's shapes: no group's colour (the shape says it) */

typedef struct {
    double s;            /* pixels a unit of the seats */
    double cx, base;     /* the hemicycle's centre: pixels from the left and from the top */
    int height;          /* the canvas */
} hemi_canvas;

/* Pixels (from the left, from the top) to the plot's units. */
static double ux(const hemi_canvas *h, double px) { return (px - h->cx) / h->s; }
static double uy(const hemi_canvas *h, double py) { return (h->base - py) / h->s; }

/* A glyph of the key or the legend at pixel (px, py): a seat of colour
 * `colour` as the vote v draws it (0 filled, 1 a ring, 2 the left half
 * filled, 3 a cross), with mark m; objects from *obj, arrows from *arrow. */
static void glyph(FILE *f, const hemi_canvas *h, double px, double py, const char *colour, int v, int m, int *obj,
                  int *arrow)
{
    double x = ux(h, px), y = uy(h, py), r = HEMI_GLYPH / h->s;
    if (v == 3) {
        for (int d = -1; d <= 1; d += 2)
            fprintf(f, "set arrow %d from first %.5f,%.5f to first %.5f,%.5f nohead lw 2 lc rgb '%s' front\n",
                    (*arrow)++, x - 0.6 * r, y - d * 0.6 * r, x + 0.6 * r, y + d * 0.6 * r, HEMI_INK);
        return;
    }
    if (v == 0 || v == 2)
        fprintf(f, "set object %d circle at first %.5f,%.5f size first %.5f %s fc rgb '%s' fs solid 1.0 noborder front\n",
                (*obj)++, x, y, r, v == 2 ? "arc [90:270]" : "", colour);
    if (v == 1 || v == 2)
        fprintf(f, "set object %d circle at first %.5f,%.5f size first %.5f fc rgb '%s' fs empty border lc rgb '%s' "
                   "lw 2 front\n",
                (*obj)++, x, y, r * 0.9, colour, colour);
    if (m == 1)
        fprintf(f, "set object %d circle at first %.5f,%.5f size first %.5f fc rgb 'white' fs solid 1.0 border lc rgb "
                   "'#000000' lw 1 front\n",
                (*obj)++, x, y, 0.42 * r);
    else if (m >= 2)
        fprintf(f, "set object %d rect center first %.5f,%.5f size first %.5f,%.5f fc rgb 'white' fs solid 1.0 "
                   "border lc rgb '#000000' lw 1 front\n",
                (*obj)++, x, y, (m == 2 ? 0.76 : 1.24) * r, (m == 2 ? 0.76 : 0.4) * r);
}

/* text wrapped onto at most `lines` lines across the canvas, each a label
 * (from number `label`) centred, the first at pixel row py, the next a row
 * lower. */
static void centred(FILE *f, const hemi_canvas *h, int label, const char *text, int lines, double py)
{
    char wrapped[4200];
    text_wrap(text, (int)((1000 - 2 * HEMI_PAD) / CHART_TEXT_PX(CHART_FONT_TEXT)), lines, wrapped, sizeof wrapped);
    char *line = wrapped;
    for (int i = 0;; i++) {
        char *end = strchr(line, '\n');
        if (end)
            *end = '\0';
        fprintf(f, "set label %d ", label + i);
        chart_string(f, line);
        fprintf(f, " at first %.5f,%.5f center font font_text noenhanced front\n", ux(h, 500), uy(h, py + i * HEMI_ROW));
        if (!end)
            break;
        line = end + 1;
    }
}

/* The seats as circles (or a cross for an absent member), the threshold's
 * line and its count, the key of groups beside the seats, and below them
 * the result, the threshold in words and the legend of the shapes. */
static void council_script(FILE *f, chart_ctx *c, const void *arg)
{
    const chart_pick *p = arg;
    const bs_ballot *b = c->in[p->which].ballot;
    const bs_council *cn = &b->final->chamber;
    const bs_vote_result *v = &b->vote;
    char title[700], need[300], result[200];
    snprintf(title, sizeof title, "The council vote: %s", c->in[p->which].sc->name);
    int amended = 0;
    for (int a = 0; a < b->namendments; a++)
        amended |= b->amendment_passed[a];
    result_text(v, amended, result, sizeof result);
    needed_text(cn, v, amended, need, sizeof need);
    int n = v->nvoters;
    hemi_seat *s = calloc((size_t)(n > 0 ? n : 1), sizeof *s);
    double *lx = malloc(HEMI_ARC_MAX * sizeof *lx), *ly = malloc(HEMI_ARC_MAX * sizeof *ly);
    hemi_layout l;
    memset(&l, 0, sizeof l);
    l.xmin = l.ymin = -1;
    l.xmax = l.ymax = 1;
    int nline = 0;
    if (s && lx && ly && hemi_place(n, s, &l) > 0)
        nline = hemi_threshold(&l, s, threshold_seats(cn, v), lx, ly);

    /* the key: each group (and the Mayor, when the Mayor votes) with its seats */
    int mayor = v->mayor_count[0] + v->mayor_count[1] + v->mayor_count[2] + v->mayor_count[3];
    int entries = cn->ngroups + (mayor > 0);
    double key_x = HEMI_PAD + HEMI_W + 20, key_w = 1000 - HEMI_PAD - key_x;
    hemi_canvas h;
    h.s = HEMI_W / (l.xmax - l.xmin);
    double seats_h = h.s * (l.ymax - l.ymin);
    int title_lines = lines_of(title, chart_title_width(1000), 3);
    double top = 14 + title_lines * HEMI_TITLE_ROW + (nline > 1 ? HEMI_ROW : 8);
    int cols = entries * HEMI_KEY_ROW > seats_h + 20 ? 2 : 1;
    int rows = (entries + cols - 1) / cols;
    double key_h = (rows + 1) * HEMI_KEY_ROW, band = fmax(seats_h, key_h);
    int text_cols = (int)((1000 - 2 * HEMI_PAD) / CHART_TEXT_PX(CHART_FONT_TEXT));
    int result_lines = lines_of(result, text_cols, 2), need_lines = lines_of(need, text_cols, 2);
    double below = 12 + (result_lines + need_lines + 1) * HEMI_ROW;
    h.height = (int)ceil(top + band + below + HEMI_SOURCE);
    h.cx = HEMI_PAD + HEMI_W / 2;
    h.base = top + (band - seats_h) / 2 + h.s * l.ymax; /* the seats centred on the band */

    chart_head(f, c, p->name, title, 1000, h.height);
    /* the title as labels, one a line, over the whole canvas (the plot fills it) */
    fputs("unset title\n", f);
    {
        char wrapped[4200];
        text_wrap(title, chart_title_width(1000), 3, wrapped, sizeof wrapped);
        char *line = wrapped;
        for (int i = 0;; i++) {
            char *end = strchr(line, '\n');
            if (end)
                *end = '\0';
            fprintf(f, "set label %d ", 10 + i);
            chart_string(f, line);
            fprintf(f, " at screen 0.5, screen %.5f center font font_title noenhanced front\n",
                    1 - (14 + (i + 0.5) * HEMI_TITLE_ROW) / h.height);
            if (!end)
                break;
            line = end + 1;
        }
    }
    fputs("set lmargin at screen 0\nset rmargin at screen 1\nset tmargin at screen 1\nset bmargin at screen 0\n", f);
    fputs("unset border\nunset tics\nunset grid\nunset key\n", f);
    fprintf(f, "set xrange [%.5f:%.5f]\nset yrange [%.5f:%.5f]\n", ux(&h, 0), ux(&h, 1000), uy(&h, h.height),
            uy(&h, 0));

    /* the threshold: the line between the seats counted and not, and its
     * count just beyond the outer row */
    for (int i = 1; i < nline; i++)
        fprintf(f, "set arrow %d from first %.5f,%.5f to first %.5f,%.5f nohead lw 2.5 lc rgb '#000000' front\n",
                100 + i, lx[i - 1], ly[i - 1], lx[i], ly[i]);
    if (nline > 1) {
        double ex = lx[nline - 1], ey = ly[nline - 1], a = atan2(ey, ex), rr = hypot(ex, ey) + 14 / h.s;
        int k = v->mayoral ? v->override_needed : vote_needed_of(cn, v);
        fprintf(f, "set label 5 '%d %s' at first %.5f,%.5f %s font font_text noenhanced front\n", k,
                v->mayoral ? "against needed" : "needed", rr * cos(a), fmax(rr * sin(a), l.ymax - l.radius),
                cos(a) > 0.3 ? "left" : cos(a) < -0.3 ? "right" : "center");
    }
    free(s);
    free(lx);
    free(ly);

    /* the key */
    int obj = 1, arrow = 20;
    int key_cols = (int)((key_w / cols - 2 * HEMI_GLYPH - 12) / CHART_TEXT_PX(CHART_FONT_TEXT));
    double key_top = top + (band - key_h) / 2 + 1.5 * HEMI_KEY_ROW; /* below the heading */
    for (int e = 0; e < entries; e++) {
        int g = e < cn->ngroups ? e : -1, seats = 0;
        for (int k = 0; k < 4; k++)
            seats += g >= 0 ? v->group_count[g][k] : v->mayor_count[k];
        double px = key_x + (e / rows) * (key_w / cols), py = key_top + (e % rows) * HEMI_KEY_ROW;
        char colour[16], entry[1200], shown[800];
        snprintf(colour, sizeof colour, "#%06X", MAYOR_COLOUR);
        glyph(f, &h, px + HEMI_GLYPH, py, g >= 0 ? cn->groups[g].colour : colour, 0, g >= 0 ? mark_of(cn, g) : 0,
              &obj, &arrow);
        /* the name at the left, shortened to leave room for its seats,
         * which stand at the column's right */
        char count[40];
        snprintf(count, sizeof count, "%d", seats);
        int room = key_cols - (int)strlen(count) - 1;
        text_shorten(g >= 0 ? cn->groups[g].name : "Mayor", room > 3 ? room : 3, TEXT_KEEP_START, shown, sizeof shown);
        snprintf(entry, sizeof entry, "%s", shown);
        fprintf(f, "set label %d ", 200 + e);
        chart_string(f, entry);
        fprintf(f, " at first %.5f,%.5f left font font_text noenhanced front\n", ux(&h, px + 2 * HEMI_GLYPH + 8),
                uy(&h, py));
        fprintf(f, "set label %d '%s' at first %.5f,%.5f right font font_text noenhanced front\n", 300 + e, count,
                ux(&h, px + key_w / cols - 8), uy(&h, py));
    }

    for (int k = 0; k < cols; k++) /* the column of counts, headed */
        fprintf(f, "set label %d 'seats' at first %.5f,%.5f right font font_text noenhanced front\n", 290 + k,
                ux(&h, key_x + (k + 1) * (key_w / cols) - 8), uy(&h, key_top - HEMI_KEY_ROW));

    /* below: the result, the threshold in words, the shapes (from the
     * left, as the seats are: each glyph and its word, the row centred) */
    double py = top + band + 12 + HEMI_ROW / 2;
    centred(f, &h, 30, result, 2, py);
    py += HEMI_ROW * result_lines;
    centred(f, &h, 40, need, 2, py);
    py += HEMI_ROW * need_lines;
    {
        static const char *const words[4] = {"for", "against", "abstained", "absent"};
        static const char lead[] = "from the left:";
        int order[4];
        vote_order(v, order);
        double item[4], all = strlen(lead) * CHART_TEXT_PX(CHART_FONT_TEXT);
        for (int i = 0; i < 4; i++)
            all += item[i] = 24 + 2 * HEMI_GLYPH + 8 + strlen(words[order[i]]) * CHART_TEXT_PX(CHART_FONT_TEXT);
        double px = 500 - all / 2 + strlen(lead) * CHART_TEXT_PX(CHART_FONT_TEXT);
        fprintf(f, "set label 3 '%s' at first %.5f,%.5f right font font_text noenhanced front\n", lead, ux(&h, px),
                uy(&h, py));
        for (int i = 0; i < 4; i++) {
            px += 24;
            glyph(f, &h, px + HEMI_GLYPH, py, HEMI_INK, order[i], 0, &obj, &arrow);
            fprintf(f, "set label %d '%s' at first %.5f,%.5f left font font_text noenhanced front\n", 6 + i,
                    words[order[i]], ux(&h, px + 2 * HEMI_GLYPH + 8), uy(&h, py));
            px += item[i] - 24;
        }
    }

    /* the seats: a line's width by the seat's size on the canvas */
    double rpx = l.radius * h.s, lw = fmin(2.5, fmax(1.0, rpx / 5));
    fprintf(f, "plot '%s.dat' using 1:($5==0?$2:NaN):3:4 with circles fill solid 1.0 noborder lc rgb variable, \\\n",
            p->name);
    fprintf(f, "     '' using 1:($5==1?$2:NaN):($3*0.92):4 with circles fill empty border lw %.2f lc rgb variable, \\\n", lw);
    fprintf(f, "     '' using 1:($5==2?$2:NaN):3:(90):(270):4 with circles fill solid 1.0 noborder lc rgb variable, \\\n");
    fprintf(f, "     '' using 1:($5==2?$2:NaN):($3*0.92):4 with circles fill empty border lw %.2f lc rgb variable, \\\n", lw);
    fprintf(f, "     '' using ($1-$3*0.6):($5==3?$2-$3*0.6:NaN):($3*1.2):($3*1.2) with vectors nohead lw %.2f lc rgb '%s', \\\n",
            lw, HEMI_INK);
    fprintf(f, "     '' using ($1-$3*0.6):($5==3?$2+$3*0.6:NaN):($3*1.2):(-$3*1.2) with vectors nohead lw %.2f lc rgb '%s', \\\n",
            lw, HEMI_INK);
    fputs("     '' using 1:($7==1&&$5!=3?$2:NaN):($3*0.42) with circles fs solid 1.0 border lc rgb '#000000' lc rgb 'white' lw 1, \\\n", f);
    fputs("     '' using 1:($7==2&&$5!=3?$2:NaN):($3*0.38):($3*0.38) with boxxyerror fs solid 1.0 border lc rgb '#000000' lc rgb 'white' lw 1, \\\n", f);
    fputs("     '' using 1:($7==3&&$5!=3?$2:NaN):($3*0.62):($3*0.2) with boxxyerror fs solid 1.0 border lc rgb '#000000' lc rgb 'white' lw 1\n", f);
}

int chart_council(chart_ctx *c, int which, const char *suffix, bs_error *err)
{
    char title[700];
    snprintf(title, sizeof title, "The council vote: %s", c->in[which].sc->name);
    return chart_write_for(c, which, "council", suffix, title, council_data, council_script, err);
}
