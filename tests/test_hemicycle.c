/* test_hemicycle.c - the hemicycle's layout (sim/write/charts/hemicycle.h),
 * checked by brute force for every council from 9 to 150 seats (and some
 * up to the limit, BS_MAX_SEATS and a voting mayor):
 *   - every seat is placed;
 *   - no two seats overlap: every pair of centres is at least 2 x radius
 *     plus the margin (1 - 2 x HEMI_SEAT_SHARE) x pitch apart;
 *   - every seat, with its radius, lies inside the plot's range. All the
 *     chart's text (title, key, result, threshold, legend, source line) is
 *     placed outside that range (above it, to its right, below graph 0), so
 *     inside the range is clear of every text box;
 *   - for every threshold k from 1 to n - 1 the line lies inside the range,
 *     keeps at least radius + a twentieth of the pitch from every seat centre
 *     (it is designed to keep half the pitch, radius + a tenth),
 *     and has exactly the first k seats from the left on its left: a seat
 *     is on the left when, in its row, the line passes at a smaller angle. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "core/council.h"
#include "write/charts/hemicycle.h"

/* Distance from (px, py) to the segment (ax, ay)-(bx, by). */
static double seg_dist(double px, double py, double ax, double ay, double bx, double by)
{
    double dx = bx - ax, dy = by - ay, len = dx * dx + dy * dy;
    double t = len > 0 ? ((px - ax) * dx + (py - ay) * dy) / len : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return hypot(px - (ax + t * dx), py - (ay + t * dy));
}

static void check_layout(int n, int check_lines)
{
    hemi_seat *s = calloc((size_t)n, sizeof *s);
    double *x = malloc(HEMI_ARC_MAX * sizeof *x), *y = malloc(HEMI_ARC_MAX * sizeof *y);
    assert_non_null(s);
    hemi_layout l;
    assert_int_equal(hemi_place(n, s, &l), n);
    double rad = l.radius, need = 2 * rad + (1 - 2 * HEMI_SEAT_SHARE) * l.pitch;
    assert_true(rad > 0);
    for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++)
            if (hypot(s[i].x - s[j].x, s[i].y - s[j].y) < need * (1 - 1e-9)) {
                fprintf(stderr, "n = %d: seats %d and %d overlap\n", n, i, j);
                fail();
            }
        assert_true(s[i].x - rad > l.xmin && s[i].x + rad < l.xmax);
        assert_true(s[i].y - rad > l.ymin && s[i].y + rad < l.ymax);
        if (i > 0)
            assert_true(s[i].angle <= s[i - 1].angle);
    }
    for (int k = 1; check_lines && k < n; k++) {
        int m = hemi_threshold(&l, s, k, x, y);
        assert_true(m >= 2 && m < HEMI_ARC_MAX);
        for (int t = 0; t < m; t++)
            assert_true(x[t] > l.xmin && x[t] < l.xmax && y[t] > l.ymin && y[t] < l.ymax);
        for (int i = 0; i < n; i++)
            for (int t = 1; t < m; t++)
                if (seg_dist(s[i].x, s[i].y, x[t - 1], y[t - 1], x[t], y[t]) < rad + 0.05 * l.pitch) {
                    fprintf(stderr, "n = %d, k = %d: the line crosses seat %d\n", n, k, i);
                    fail();
                }
        /* the seats left of the line: in each row, the radial piece through
         * it (two points at the row's radius -+ pitch/2, same angle) */
        int left = 0;
        for (int i = 0; i < n; i++) {
            double r = hypot(s[i].x, s[i].y), a = -10;
            for (int t = 1; t < m; t++) {
                double r0 = hypot(x[t - 1], y[t - 1]), r1 = hypot(x[t], y[t]);
                if (fabs(r0 - (r - l.pitch / 2)) < 1e-9 && fabs(r1 - (r + l.pitch / 2)) < 1e-9)
                    a = atan2(y[t], x[t]);
            }
            if (a < -M_PI / 2)
                a += 2 * M_PI; /* past the left end, below the axis */
            assert_true(a > -9);
            left += s[i].angle > a;
        }
        assert_int_equal(left, k);
    }
    free(s);
    free(x);
    free(y);
}

static void test_9_to_150(void **state)
{
    (void)state;
    for (int n = 9; n <= 150; n++)
        check_layout(n, 1);
}

static void test_small_and_large(void **state)
{
    (void)state;
    for (int n = 1; n < 9; n++) { /* placed, without a crash */
        hemi_seat s[9];
        hemi_layout l;
        double x[HEMI_ARC_MAX], y[HEMI_ARC_MAX];
        assert_int_equal(hemi_place(n, s, &l), n);
        for (int k = 1; k < n; k++)
            assert_true(hemi_threshold(&l, s, k, x, y) >= 2);
    }
    const int big[] = {200, 333, 500, 750, BS_MAX_SEATS, BS_MAX_SEATS + 1};
    for (size_t i = 0; i < sizeof big / sizeof big[0]; i++)
        check_layout(big[i], 0);
    hemi_layout l;
    assert_int_equal(hemi_place(0, NULL, &l), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_9_to_150),
        cmocka_unit_test(test_small_and_large),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
