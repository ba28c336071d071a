/* test_fastvote.c - the vote in loops (sim/fastvote.c) must agree with the
 * full meeting (ballot_run), whose results are checked by hand in
 * tests/test_vote.c and tests/cases/vote.test: Liverpool adopted 47 to 27,
 * no-cuts 10 to 64. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analyse/ballot.h"
#include "load/source.h"
#include "core/bind.h"
#include "core/fastvote.h"
#include "source_helpers.h"

static void agree(const char *path, int expect_for, int expect_against)
{
    bs_scenario *sc = malloc(sizeof *sc);
    bs_result *r = malloc(sizeof *r);
    bs_ballot *b = calloc(1, sizeof *b);
    bs_fast_vote *fv = malloc(sizeof *fv);
    bs_error err = {0};
    assert_true(sc && r && b && fv);
    assert_int_equal(scenario_load(path, NULL, 0, sc, &err), 0);
    assert_int_equal(ballot_path(path, NULL, 0, sc, 0, 0, b, &err), 0);
    assert_int_equal(fast_vote_init(fv, sc, true, &err), 0);
    budget_run(sc, r);
    bool passed;
    int count[4];
    double p;
    for (int round = 0; round < 2; round++) { /* the second time from the memo */
        assert_int_equal(fast_vote_eval(fv, r, &passed, count, &p), 0);
        assert_int_equal(count[0], expect_for);
        assert_int_equal(count[1], expect_against);
        assert_int_equal(passed, b->vote.passed);
        assert_true(fabs(p - b->p_pass) < 1e-12);
    }
    assert_int_equal(fv->nmemo, 1);
    ballot_clear(b);
    free(b);
    free(fv);
    free(r);
    free(sc);
}

static void test_adopted(void **state)
{
    (void)state;
    agree("scenarios/liverpool-2022-adopted.cfg", 47, 27);
}

static void test_no_cuts(void **state)
{
    (void)state;
    agree("scenarios/liverpool-2022-no-cuts.cfg", 10, 64);
}

/* An elected mayor's budget (bristol-style.cfg): 24 for, 46 against; 46 of
 * 70 votes cast is short of two thirds (138 < 140), so it stands: passed,
 * with probability 1 (no chances). The amendment fails for certain (46 of 70
 * for), so the budget in the loop is the final one. */
static void test_mayoral(void **state)
{
    (void)state;
    agree("scenarios/examples/bristol-style.cfg", 24, 46);
}

/* Changing the budget in place changes the vote: with the green bin charge
 * at £0 and the care, transport and library savings and the top-up at 0 in
 * the adopted scenario, the rebels' red lines all hold (they vote for: 7 more)
 * and Labour's reserve red line is crossed (47 against): 7 for + the 3
 * former Labour members = 10 for, 47 + 17 = 64 against, as in no-cuts. */
static void test_in_place(void **state)
{
    (void)state;
    bs_scenario *sc = malloc(sizeof *sc);
    bs_result *r = malloc(sizeof *r);
    bs_fast_vote *fv = malloc(sizeof *fv);
    bs_error err = {0};
    assert_true(sc && r && fv);
    assert_int_equal(scenario_load("scenarios/liverpool-2022-adopted.cfg", NULL, 0, sc, &err), 0);
    assert_int_equal(fast_vote_init(fv, sc, true, &err), 0);
    const char *zero[] = {"measures.green_bin.price_pounds", "measures.high_cost_care.amount_m",
                          "measures.school_transport.amount_m", "measures.community_libraries.amount_m",
                          "measures.general_top_up.amount_m"};
    for (int i = 0; i < 5; i++) {
        bs_binding b;
        assert_int_equal(bind_path(sc, zero[i], &b, &err), 0);
        bind_set(&b, 0.0);
    }
    budget_run(sc, r);
    bool passed;
    int count[4];
    double p;
    assert_int_equal(fast_vote_eval(fv, r, &passed, count, &p), 0);
    assert_int_equal(count[0], 10);
    assert_int_equal(count[1], 64);
    assert_false(passed);
    free(fv);
    free(r);
    free(sc);
}

/* The memo's short cut (the pattern of red lines crossed worked out from
 * the values alone) against no memo at all (stances, vote_run and
 * vote_exact every time): the same outcome, tally and probability at 2000
 * random points that cross and uncross every red line of Liverpool's. */
static void test_memo_agrees(void **state)
{
    (void)state;
    bs_scenario *sc = malloc(sizeof *sc);
    bs_result *r = malloc(sizeof *r);
    bs_fast_vote *memo = malloc(sizeof *memo), *plain = malloc(sizeof *plain);
    bs_error err = {0};
    assert_true(sc && r && memo && plain);
    assert_int_equal(scenario_load("scenarios/liverpool-2022-adopted.cfg", NULL, 0, sc, &err), 0);
    assert_int_equal(fast_vote_init(memo, sc, true, &err), 0);
    assert_int_equal(fast_vote_init(plain, sc, false, &err), 0);
    const char *paths[] = {"measures.green_bin.price_pounds", "measures.high_cost_care.amount_m",
                           "measures.school_transport.amount_m", "measures.community_libraries.amount_m",
                           "measures.general_top_up.amount_m"};
    bs_binding b[5];
    for (int i = 0; i < 5; i++)
        assert_int_equal(bind_path(sc, paths[i], &b[i], &err), 0);
    unsigned long long x = 0x2545F4914F6CDD1DULL;
    for (int n = 0; n < 2000; n++) {
        for (int i = 0; i < 5; i++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            /* 0 (no red line crossed), a little, or (the top-up) either side of 10 */
            double v = (x & 3) == 0 ? 0.0 : (double)(x >> 40 & 0xffff) / 65536.0 * (i == 4 ? 20.0 : 2.0);
            bind_set(&b[i], v);
        }
        budget_run(sc, r);
        bool pm, pp;
        int cm[4], cp[4];
        double qm, qp;
        assert_int_equal(fast_vote_eval(memo, r, &pm, cm, &qm), 0);
        assert_int_equal(fast_vote_eval(plain, r, &pp, cp, &qp), 0);
        assert_int_equal(pm, pp);
        assert_memory_equal(cm, cp, sizeof cm);
        assert_memory_equal(&qm, &qp, sizeof qm);
    }
    assert_true(memo->nmemo > 4); /* several patterns met, each remembered */
    free(memo);
    free(plain);
    free(r);
    free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_adopted),
        cmocka_unit_test(test_no_cuts),
        cmocka_unit_test(test_mayoral),
        cmocka_unit_test(test_in_place),
        cmocka_unit_test(test_memo_agrees),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
