/* test_sweep.c - the sweep's number formatter and arguments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyse/sweep.h"

static void check(double v, int d, const char *want)
{
    char buf[64];
    int n = sweep_format_fixed(v, d, buf);
    assert_string_equal(buf, want);
    assert_int_equal(n, (int)strlen(want));
}

/* Values worked out by hand. */
static void test_fixed_by_hand(void **state)
{
    (void)state;
    check(0, 6, "0.000000");
    check(-0.0, 6, "0.000000");
    check(1.9, 6, "1.900000");
    check(-0.001129230976, 6, "-0.001129");
    check(43.92018888, 6, "43.920189");
    check(0.0000004, 6, "0.000000"); /* rounds to 0: no "-" either way */
    check(-0.0000004, 6, "0.000000");
    check(0.0000005, 6, "0.000000");  /* the double is 4.99999999999999977e-07 */
    check(0.5, 0, "0");                /* exact ties go to the even neighbour, as in printf */
    check(1.5, 0, "2");
    check(-2.5, 0, "-2");
    check(0.125, 2, "0.12");
    check(0.375, 2, "0.38");
    check(123456789.125, 6, "123456789.125000");
    check(3, 0, "3");
    check(0.9999999663, 9, "0.999999966");
    check(1, 9, "1.000000000");
    check(1e300, 6, "1.0000000000000001e+300"); /* beyond 2^53 millionths: %.17g */
}

/* Against printf's %.6f on a million values from 1e-4 to 1e7: the same digits. */
static void test_fixed_matches_printf(void **state)
{
    (void)state;
    unsigned long long x = 88172645463325252ULL;
    int mismatches = 0;
    for (int i = 0; i < 1000000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        double v = ((double)(x >> 11) / 9007199254740992.0 - 0.5) * pow(10, (double)(i % 12) - 4);
        char a[64], b[64];
        sweep_format_fixed(v, 6, a);
        snprintf(b, sizeof b, "%.6f", v);
        if (strcmp(b, "-0.000000") == 0)
            strcpy(b, "0.000000");
        if (strcmp(a, b) != 0)
            mismatches++;
    }
    assert_int_equal(mismatches, 0);
}

/* Against printf's "%.*f" for every number of decimals 0..9: random values of
 * every size up to the %.17g limit, halves of the last decimal (ties, and
 * the doubles just either side of them), whole numbers near the ends of
 * the formatter's fast paths (1e15 and 9e15 units of the last decimal), and
 * values near half a unit off a whole number of units. */
static void test_fixed_matches_printf_all_decimals(void **state)
{
    (void)state;
    unsigned long long x = 0x9E3779B97F4A7C15ULL;
    int mismatches = 0;
    char first[600] = "";
    for (int i = 0; i < 600000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        int d = i % 10;
        double u = (double)(x >> 11) / 9007199254740992.0, v;
        switch ((i / 10) % 5) {
        case 0: /* any size */
            v = (u - 0.5) * pow(10, (double)((i / 40) % 26) - 10);
            break;
        case 1: { /* a tie in the last decimal, or a neighbour */
            double k = floor(u * 1e6);
            v = (k + 0.5) / pow(10, d);
            if (i & 1)
                v = nextafter(v, (i & 2) ? INFINITY : -INFINITY);
            break;
        }
        case 2: /* near 1e15 units of the last decimal */
            v = (1e15 + (u - 0.5) * 1e4) / pow(10, d);
            break;
        case 4: { /* a little less or more than half a unit from a whole number of
                   * units, where the formatter rounds without fma */
            double k = floor(u * 2e12), f = (double)((x >> 3) & 0xff) / 128.0; /* 0 to 2 */
            v = (k + ((i & 2) ? -1 : 1) * (0.5 + (f - 1.0) * 1e-3)) / pow(10, d);
            break;
        }
        default: /* near 9e15 */
            v = (8.99e15 + u * 2e13) / pow(10, d);
            if (i & 1)
                v = -v;
            break;
        }
        char a[64], b[400];
        sweep_format_fixed(v, d, a);
        if (fabs(v * pow(10, d)) < 9.0e15) {
            snprintf(b, sizeof b, "%.*f", d, v);
            /* never "-0.000" */
            int zero = 1;
            for (const char *c = b + 1; *c; c++)
                zero &= *c == '0' || *c == '.';
            if (b[0] == '-' && zero)
                memmove(b, b + 1, strlen(b));
        } else {
            snprintf(b, sizeof b, "%.17g", v);
        }
        if (strcmp(a, b) != 0 && mismatches++ == 0)
            snprintf(first, sizeof first, "%.17g with %d decimals: %s, printf %s", v, d, a, b);
    }
    if (mismatches)
        fail_msg("%d mismatches, the first %s", mismatches, first);
}

/* The time of a field, as the sweep writes them (six decimals, values of a
 * few to a few hundred £m), the best of 10 passes: printed, and checked to be under 100 ns. */
static void test_fixed_speed(void **state)
{
    (void)state;
    enum { N = 2000000 };
    double *v = malloc(N * sizeof *v);
    assert_non_null(v);
    for (int i = 0; i < N; i++)
        v[i] = -50.0 + 300.0 * (double)((i * 2654435761u) % 1000003u) / 1000003.0;
    char buf[64];
    size_t total = 0;
    /* the best of 10 passes: the machine is shared */
    double ns = 1e9;
    for (int pass = 0; pass < 10; pass++) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        for (int i = pass * (N / 10); i < (pass + 1) * (N / 10); i++)
            total += (size_t)sweep_format_fixed(v[i], 6, buf);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double t = ((double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec)) / (N / 10);
        if (t < ns)
            ns = t;
    }
    printf("sweep_format_fixed: %.1f ns a field (%zu bytes)\n", ns, total);
    free(v);
#if !defined(__SANITIZE_ADDRESS__) /* not timed under the sanitizers (make test-sanitize) */
    assert_true(ns < 100.0);
#endif
}

static void test_parse(void **state)
{
    (void)state;
    bs_sweep_axis a;
    bs_error err = {0};
    assert_int_equal(sweep_parse_vary("x.y=0:0.3:0.1", &a, &err), 0);
    assert_int_equal(a.n, 4); /* 0.3/0.1 = 2.9999999999999996 */
    assert_true(sweep_axis_value(&a, 3) == 0 + 3 * 0.1);
    assert_int_equal(sweep_parse_vary("x.y=1.9:2.9:0.5", &a, &err), 0);
    assert_int_equal(a.n, 3);
    assert_int_equal(sweep_parse_vary("x.y=1,2.5,-3", &a, &err), 0);
    assert_int_equal(a.n, 3);
    assert_true(a.list[2] == -3);
    free(a.list);
    assert_int_equal(sweep_parse_vary("x.y=1,", &a, &err), -1);
    assert_int_equal(sweep_parse_vary("x.y=0:1:nan", &a, &err), -1);
    bs_sweep_spec spec = {0};
    assert_int_equal(sweep_parse_shard("2/3", &spec, &err), 0);
    assert_int_equal(spec.shard_k, 2);
    assert_int_equal(spec.shard_n, 3);
    assert_int_equal(sweep_parse_shard("0/3", &spec, &err), -1);
    assert_int_equal(sweep_parse_shard("3/", &spec, &err), -1);
}

/* Specs and plots in heap memory, and freeing what they hold: every free
 * takes NULL, and a second free does nothing (ASan checks the rest). */
static void test_memory(void **state)
{
    (void)state;
    bs_error err = {0};
    bs_sweep_spec *spec = sweep_spec_new();
    assert_non_null(spec);
    assert_int_equal(spec->naxes, 0);
    assert_int_equal(sweep_parse_vary("x.y=1,2,3", &spec->axis[spec->naxes++], &err), 0);
    assert_int_equal(sweep_parse_vary("x.z=0:1:0.5", &spec->axis[spec->naxes++], &err), 0);
    assert_non_null(spec->axis[0].list);
    sweep_axis_clear(&spec->axis[0]);
    assert_null(spec->axis[0].list);
    assert_int_equal(spec->axis[0].n, 0); /* a list with no values left */
    assert_int_equal(spec->axis[1].n, 3); /* a grid needs no list */
    sweep_spec_clear(spec);
    assert_int_equal(sweep_parse_vary("x.y=4,5", &spec->axis[0], &err), 0);
    sweep_spec_free(spec);
    sweep_spec_free(NULL);
    sweep_spec_clear(NULL);

    bs_sweep_plot *plot = sweep_plot_new();
    assert_non_null(plot);
    assert_null(plot->gap);
    plot->gap = malloc(4 * sizeof *plot->gap);
    sweep_plot_clear(plot);
    assert_null(plot->gap);
    sweep_plot_clear(plot);
    plot->gap = malloc(4 * sizeof *plot->gap);
    sweep_plot_free(plot);
    sweep_plot_free(NULL);
    sweep_plot_clear(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixed_by_hand),
        cmocka_unit_test(test_fixed_matches_printf),
        cmocka_unit_test(test_fixed_matches_printf_all_decimals),
        cmocka_unit_test(test_fixed_speed),
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
