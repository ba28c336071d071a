/* hemicycle.h - where the seats of a hemicycle go (charts/hemicycle.c),
 * on its own so that tests/test_hemicycle.c can check the layout.
 *
 * The seats sit in concentric half rows, the outer one at radius
 * HEMI_OUTER, the inner ones a pitch p nearer the centre, none nearer than
 * HEMI_INNER. A row of radius r holds at most the m seats whose neighbours
 * (spread evenly from the left end to the right) are a chord of at least p
 * apart; p is the largest pitch (searched downwards by small steps) with
 * room for all n seats, which are shared among the rows in proportion to
 * their room. A seat's radius is HEMI_SEAT_SHARE x p, so seat centres are
 * never nearer than p = 2 x radius + a margin of (1 - 2 x HEMI_SEAT_SHARE) p:
 * along a row by the chord, between rows by the difference of radii.
 *
 * This file may use: the C library and libm. */
#ifndef BS_HEMICYCLE_H
#define BS_HEMICYCLE_H

#define HEMI_OUTER 2.0
#define HEMI_INNER 0.7
#define HEMI_SEAT_SHARE 0.4
#define HEMI_MAX_ROWS 64
#define HEMI_ARC_MAX 2000 /* points of the threshold's line */

/* A seat: where it is, its angle (0 at the right, pi at the left), its row
 * (0: the outer). */
typedef struct {
    double x, y, angle;
    int row;
} hemi_seat;

typedef struct {
    int n, rows;
    double pitch, radius;          /* p, and a seat's radius */
    double row_r[HEMI_MAX_ROWS];   /* each row's radius */
    int row_n[HEMI_MAX_ROWS];      /* seats in each row */
    /* the plot's range: every seat, with its radius and a margin, and the
     * threshold's line inside it */
    double xmin, xmax, ymin, ymax;
} hemi_layout;

/* Place n seats (n >= 0) into s (room for n), sorted from the left (the
 * larger angle first; on the same angle the outer row first). Returns the
 * seats placed (n, or 0 when n < 1). */
int hemi_place(int n, hemi_seat *s, hemi_layout *l);

/* The threshold after the first `k` seats from the left (1 <= k < n): a
 * line from the inner edge to the outer edge of the rows, radial through
 * each row's gap between its seats counted and not, and along an arc
 * midway between rows. Its points go to x, y (room for HEMI_ARC_MAX);
 * returns how many (0 when there is no line). */
int hemi_threshold(const hemi_layout *l, const hemi_seat *s, int k, double *x, double *y);

#endif
