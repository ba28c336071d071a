/* select.c - several order statistics by one multi-way quickselect (see
 * select.h).
 *
 * Not GSL's: gsl_sort_smallest keeps a sorted buffer of k values, O(n k),
 * hopeless for the median of a million; gsl_stats_select finds one rank and
 * does not say what order it leaves, so ten ranks would cost ten passes over
 * ten copies. Here one recursive three-way partition (values below, equal
 * to and above a median-of-three pivot, so runs of ties cost one pass)
 * serves every rank asked for, recursing only into the parts that hold one;
 * past 2 log2(n) levels a part is sorted with gsl_sort (a heapsort), so the
 * worst case stays O(n log n).
 *
 * This file may use: GSL and the C library. */
#include "analyse/select.h"

#include <gsl/gsl_sort.h>

#define SMALL 16 /* parts this small are sorted by insertion */

static void swap(double *a, double *b)
{
    double t = *a;
    *a = *b;
    *b = t;
}

static void insertion_sort(double *v, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        double x = v[i];
        size_t j = i;
        for (; j > 0 && x < v[j - 1]; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

static double median3(double a, double b, double c)
{
    if (a < b)
        return b < c ? b : (a < c ? c : a);
    return a < c ? a : (b < c ? c : b);
}

/* Ranks rk[0..nr) (ascending, each in [lo, hi)) of v[lo..hi), depth levels left. */
static void msel(double *v, size_t lo, size_t hi, const size_t *rk, int nr, int depth)
{
    while (nr > 0) {
        size_t n = hi - lo;
        if (n <= SMALL) {
            insertion_sort(v + lo, n);
            return;
        }
        if (depth-- <= 0) {
            gsl_sort(v + lo, 1, n);
            return;
        }
        double p = median3(v[lo], v[lo + n / 2], v[hi - 1]);
        /* [lo, lt) < p, [lt, i) == p, [gt, hi) > p */
        size_t lt = lo, i = lo, gt = hi;
        while (i < gt) {
            if (v[i] < p)
                swap(&v[lt++], &v[i++]);
            else if (p < v[i])
                swap(&v[i], &v[--gt]);
            else
                i++;
        }
        int a = 0, b;
        while (a < nr && rk[a] < lt)
            a++;
        b = a;
        while (b < nr && rk[b] < gt)
            b++;
        /* the smaller side by recursion, the other by the loop */
        if (a > 0 && nr - b > 0 && lt - lo < hi - gt) {
            msel(v, lo, lt, rk, a, depth);
            lo = gt;
            rk += b;
            nr -= b;
        } else if (a > 0 && nr - b > 0) {
            msel(v, gt, hi, rk + b, nr - b, depth);
            hi = lt;
            nr = a;
        } else if (a > 0) {
            hi = lt;
            nr = a;
        } else {
            lo = gt;
            rk += b;
            nr -= b;
        }
    }
}

void select_ranks(double *v, size_t n, const size_t *ranks, int nranks)
{
    int depth = 0;
    for (size_t m = n; m > 1; m >>= 1)
        depth += 2;
    msel(v, 0, n, ranks, nranks, depth);
}

void quantile_ranks(size_t n, double f, size_t *lhs)
{
    const double index = f * (double)(n - 1);
    *lhs = (size_t)(int)index;
}

double quantile_from_ranks(size_t n, double f, double at_lhs, double at_lhs1)
{
    /* gsl_stats_quantile_from_sorted_data, GSL 2.7, step for step */
    const double index = f * (double)(n - 1);
    const size_t lhs = (size_t)(int)index;
    const double delta = index - (double)lhs;
    if (lhs == n - 1)
        return at_lhs;
    return (1 - delta) * at_lhs + delta * at_lhs1;
}
