/* test_args.c - the whole-number and year option values (sim/args.c), and
 * the regressions tests/fuzz/fuzz_args.c found in them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "cli/args.h"
#include "core/util.h"
#include "analyse/solve.h"

/* ARG read with these bounds and flags: the value, or -1 when refused (the
 * error then one line, status 2, naming the option). */
static long long whole(const char *arg, unsigned long long lo, unsigned long long hi, int flags)
{
    unsigned long long v = 12345;
    bs_error err = {0};
    if (args_parse_whole("--draws", arg, lo, hi, flags, &v, &err) != 0) {
        assert_int_equal(err.status, 2);
        assert_non_null(strstr(err.message, "--draws must be a whole number from"));
        return -1;
    }
    return (long long)v;
}

static void test_whole(void **state)
{
    (void)state;
    assert_int_equal(whole("1000", 1, 100000000, 0), 1000);
    assert_int_equal(whole("100000000", 1, 100000000, 0), 100000000);
    assert_int_equal(whole("100000001", 1, 100000000, 0), -1);
    assert_int_equal(whole("0", 1, 100000000, 0), -1);
    assert_int_equal(whole("0", 0, 4294967295ULL, 0), 0);
    assert_int_equal(whole("4294967296", 0, 4294967295ULL, 0), -1);
    assert_int_equal(whole("", 1, 9, 0), -1);
    assert_int_equal(whole("5x", 1, 9, 0), -1);
    assert_int_equal(whole("-5", 1, 9, 0), -1);
    assert_int_equal(whole("18446744073709551616", 1, 9, 0), -1); /* ERANGE */
    /* a '+' is refused by montecarlo (NO_PLUS), read by vote */
    assert_int_equal(whole("+5", 1, 9, 0), 5);
    assert_int_equal(whole("+5", 1, 9, BS_ARGS_NO_PLUS), -1);
    assert_int_equal(whole(" +5", 1, 9, BS_ARGS_NO_PLUS), -1);
    /* sweep --threads reads a signed number */
    assert_int_equal(whole("256", 1, 256, BS_ARGS_SIGNED), 256);
    assert_int_equal(whole("-1", 1, 256, BS_ARGS_SIGNED), -1);
    assert_int_equal(whole("+7", 1, 256, BS_ARGS_SIGNED), 7);
}

/* Found by fuzz_args: strtoull reads "-N" after a blank as 2^64 - N, so
 * " -18446744073709551615" was 1 draw and " -0" seed 0. */
static void test_whole_negative_after_blanks(void **state)
{
    (void)state;
    assert_int_equal(whole(" -18446744073709551615", 1, 100000000, 0), -1);
    assert_int_equal(whole(" -18446744073709551615", 1, 100000000, BS_ARGS_NO_PLUS), -1);
    assert_int_equal(whole("\t-18446744073709551360", 1, 256, 0), -1);
    assert_int_equal(whole(" -0", 0, 4294967295ULL, 0), -1);
    assert_int_equal(whole(" -1", 1, 256, BS_ARGS_SIGNED), -1);
    assert_int_equal(whole(" 5", 1, 9, 0), 5); /* blanks alone are still skipped */
}

static void test_year(void **state)
{
    (void)state;
    int year = -1;
    bs_error err = {0};
    assert_int_equal(args_parse_year("--plot-year", "2023", &year, &err), 0);
    assert_int_equal(year, 2023);
    assert_int_equal(args_parse_year("--plot-year", "2023/24", &year, &err), 0);
    assert_int_equal(year, 2023);
    assert_int_equal(args_parse_year("--plot-year", "2023/25", &year, &err), -1);
    assert_string_equal(err.setting, "--plot-year");
    /* too long for its buffer: a usage error, no setting */
    char longer[100];
    memset(longer, '1', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    assert_int_equal(args_parse_year("--plot-year", longer, &year, &err), -1);
    assert_string_equal(err.setting, "");
    assert_non_null(strstr(err.message, "--plot-year must be written 2023 or 2023/24"));
}

/* Found by fuzz_args: the year 0000 read as 0, "no year given". */
static void test_year_zero(void **state)
{
    (void)state;
    int year = -1;
    char metric[200];
    bs_error err = {0};
    assert_int_equal(args_parse_year("--plot-year", "0000", &year, &err), -1);
    assert_int_equal(args_parse_year("--plot-year", "0000/01", &year, &err), -1);
    assert_int_equal(solve_parse_metric("k@0000", 6, "--metric", metric, sizeof metric, &year, &err), -1);
    assert_int_equal(err.status, 2);
    assert_int_equal(solve_parse_metric("k@0001", 6, "--metric", metric, sizeof metric, &year, &err), 0);
    assert_int_equal(year, 1); /* outside any horizon: solve_find_metric says so */
    assert_int_equal(solve_parse_metric("k", 1, "--metric", metric, sizeof metric, &year, &err), 0);
    assert_int_equal(year, 0);
}

/* Levenshtein distance the plain way, the whole table (a check on
 * bs_edit_distance, which stops early, and on bs_nearest_offer, which skips
 * candidates that cannot be nearer). */
static int plain_distance(const char *a, const char *b)
{
    int la = (int)strlen(a), lb = (int)strlen(b), d[32][32];
    for (int i = 0; i <= la; i++)
        for (int j = 0; j <= lb; j++) {
            if (i == 0 || j == 0) {
                d[i][j] = i + j;
                continue;
            }
            int best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            d[i][j] = best;
        }
    return d[la][lb];
}

static void test_nearest_brute_force(void **state)
{
    (void)state;
    assert_int_equal(bs_edit_distance("kitten", "sitting"), 3);
    assert_int_equal(bs_edit_distance("", "abc"), 3);
    unsigned long x = 12345;
    char words[40][20];
    for (int round = 0; round < 200; round++) {
        for (int w = 0; w < 40; w++) {
            x = x * 6364136223846793005ul + 1442695040888963407ul;
            int len = (int)(x >> 60) + 1; /* 1 to 16 letters of "abc" */
            for (int k = 0; k < len; k++) {
                x = x * 6364136223846793005ul + 1442695040888963407ul;
                words[w][k] = (char)('a' + (x >> 62) % 3);
            }
            words[w][len] = '\0';
        }
        bs_nearest n, capped;
        bs_nearest_start(&n, words[0], strlen(words[0]));
        bs_nearest_start(&capped, words[0], strlen(words[0]));
        bs_nearest_within(&capped, round % 3, round % 4); /* slack 0-2, floor 0-3 */
        int best = -1, bestd = 1000;
        for (int w = 1; w < 40; w++) {
            int d = plain_distance(words[0], words[w]);
            assert_int_equal(bs_edit_distance(words[0], words[w]), d);
            if (d < bestd) {
                bestd = d;
                best = w;
            }
            bs_nearest_offer(&n, words[w]);
            bs_nearest_offer(&capped, words[w]);
        }
        assert_string_equal(n.best, words[best]); /* the first of the nearest */
        assert_int_equal(n.distance, bestd);
        /* looking only within the limit suggests the same, or nothing alike */
        const char *a = bs_nearest_best(&n, round % 3, round % 4), *b = bs_nearest_best(&capped, round % 3, round % 4);
        if (a || b) {
            assert_non_null(a);
            assert_non_null(b);
            assert_string_equal(a, b);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nearest_brute_force),
        cmocka_unit_test(test_whole),
        cmocka_unit_test(test_whole_negative_after_blanks),
        cmocka_unit_test(test_year),
        cmocka_unit_test(test_year_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
