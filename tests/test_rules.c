/* test_rules.c - each budget rule (sim/core/rules/) on its own: when it
 * applies, where the line between holding and breaking lies, and the words
 * of its reason, on a scenario and a result filled in by hand (no model run),
 * so that every expected value is read off the test itself.
 *
 * Tolerances (core/rules.h): money to 1e-6 £m (£1), percentages to 1e-9, £
 * on a Band D bill to half a penny. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/budget.h"
#include "core/rules.h"
#include "load/source.h"

typedef struct {
    bs_scenario *sc;
    bs_result *r;
} world;

static int setup(void **state)
{
    static world w;
    w.sc = scenario_new();
    w.r = result_new();
    if (!w.sc || !w.r)
        return -1;
    w.sc->first_year = 2022;
    w.sc->nyears = w.r->nyears = 3;
    w.sc->balanced_years = 1;
    w.sc->nreserves = 1;
    strcpy(w.sc->reserves[0].name, "General reserve");
    *state = &w;
    return 0;
}

static int teardown(void **state)
{
    world *w = *state;
    scenario_free(w->sc);
    result_free(w->r);
    return 0;
}

static const char *why(const bs_rule *rule, const world *w, int t)
{
    static char buf[600];
    rule->reason(w->sc, w->r, t, buf, sizeof buf);
    return buf;
}

static void test_table(void **state)
{
    (void)state;
    assert_string_equal(bs_rules[BS_RULE_BALANCED]->key, "balanced");
    assert_string_equal(bs_rules[BS_RULE_REFERENDUM_CORE]->key, "referendum_core");
    assert_string_equal(bs_rules[BS_RULE_REFERENDUM_ASC]->key, "referendum_asc");
    assert_string_equal(bs_rules[BS_RULE_MINIMUM]->key, "general_reserve_minimum");
    assert_string_equal(bs_rules[BS_RULE_EARMARKED]->key, "earmarked_reserves_minimum");
    assert_ptr_equal(rules_find("referendum_core"), bs_rules[BS_RULE_REFERENDUM_CORE]);
    assert_ptr_equal(rules_find("referendum_asc"), bs_rules[BS_RULE_REFERENDUM_ASC]);
    assert_null(rules_find("referendum"));
    assert_null(rules_find("balance"));
}

/* Only the budget year must balance (balanced_years = 1); a gap of £1
 * (1e-6 £m) still counts as balanced, a gap just over it does not. */
static void test_balanced(void **state)
{
    world *w = *state;
    const bs_rule *b = bs_rules[BS_RULE_BALANCED];
    assert_true(b->applies(w->sc, 0));
    assert_false(b->applies(w->sc, 1));
    w->r->gap_after_m[0] = 1e-6;
    assert_true(b->holds(w->sc, w->r, 0));
    w->r->gap_after_m[0] = -30.0; /* a surplus */
    assert_true(b->holds(w->sc, w->r, 0));
    w->r->gap_after_m[0] = 2.5;
    assert_false(b->holds(w->sc, w->r, 0));
    assert_string_equal(why(b, w, 0), "the budget does not balance: a gap of \xc2\xa3" "2.50m is left after measures");
}

/* 2022/23 principles: a core rise of 2% or more is excessive (1.99% is
 * not); the adult social care precept may be up to and including 1%. When
 * both break in a year, each rule says so in its own words. The ASC
 * allowance is filled by hand here (budget.c computes it; see below). */
static void test_referendum(void **state)
{
    world *w = *state;
    const bs_rule *core = bs_rules[BS_RULE_REFERENDUM_CORE], *asc = bs_rules[BS_RULE_REFERENDUM_ASC];
    w->sc->core_limit_pct[0] = 2.0;
    w->sc->asc_limit_pct[0] = 1.0;
    w->r->asc_allowance_pct[0] = 1.0;
    w->sc->core_rise_pct[0] = 1.99;
    w->sc->asc_precept_pct[0] = 1.0;
    assert_true(core->applies(w->sc, 0));
    assert_true(asc->applies(w->sc, 0));
    assert_true(core->holds(w->sc, w->r, 0));
    assert_true(asc->holds(w->sc, w->r, 0));
    w->sc->core_rise_pct[0] = 2.0;
    assert_false(core->holds(w->sc, w->r, 0));
    assert_string_equal(why(core, w, 0), "core rise 2.00% is at or above the 2% limit");
    /* within 1e-9 of a point of the limit is the limit: still "2% or more" */
    w->sc->core_rise_pct[0] = 2.0 - 1e-10;
    assert_false(core->holds(w->sc, w->r, 0));
    w->sc->core_rise_pct[0] = 2.5;
    w->sc->asc_precept_pct[0] = 1.5;
    /* both break: two rules, two reasons */
    assert_false(core->holds(w->sc, w->r, 0));
    assert_false(asc->holds(w->sc, w->r, 0));
    assert_string_equal(why(core, w, 0), "core rise 2.50% is at or above the 2% limit");
    assert_string_equal(why(asc, w, 0), "adult social care precept 1.50% is above its 1% limit");
    /* a precept within 1e-9 of a point above its limit is the limit: up to it */
    w->sc->asc_precept_pct[0] = 1.0 + 1e-10;
    assert_true(asc->holds(w->sc, w->r, 0));
    w->sc->core_rise_pct[0] = 1.99;
    w->sc->asc_precept_pct[0] = 1.0;
}

/* A shire district, 2022/23: excessive only at 2% or more AND more than £5
 * on Band D. The £ rise is filled by hand (budget.c computes it from the
 * Band D of the year before; see test_pounds_follow_band_d):
 *   Band D 249.50 x 2.00% = 4.99:  2% reached, not more than £5: holds
 *   Band D 301.51 x 1.99% = 6.000049: more than £5, below 2%:    holds
 *   Band D 250.00 x 2.00% = 5.00:  exactly £5 is not MORE than £5: holds
 *   Band D 250.50 x 2.00% = 5.01:  2% and more than £5:          broken
 *   Band D 180.00 x 2.7778% = 5.00004: within half a penny of £5, so
 *     £5.00, not more than £5 (a bill is set in pence):           holds
 *   Band D 180.00 x 2.79% = 5.022: £5.02:                         broken
 *   Band D 291.43 x 2.10% = 6.12003: £6.12:                       broken */
static void test_referendum_district(void **state)
{
    world *w = *state;
    const bs_rule *core = bs_rules[BS_RULE_REFERENDUM_CORE];
    w->sc->core_limit_pct[1] = 2.0;
    w->sc->core_limit_pounds[1] = 5.0;
    w->sc->asc_precept_pct[1] = 0.0;
    struct {
        double pct, pounds;
        int ok;
    } cases[] = {
        {2.00, 249.50 * 0.02, 1},  {1.99, 301.51 * 0.0199, 1}, {2.00, 250.00 * 0.02, 1},
        {2.00, 250.50 * 0.02, 0},  {2.7778, 180.0 * 0.027778, 1}, {2.79, 180.0 * 0.0279, 0},
        {2.10, 291.43 * 0.021, 0},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        w->sc->core_rise_pct[1] = cases[k].pct;
        w->r->core_rise_pounds[1] = cases[k].pounds;
        if (cases[k].ok)
            assert_true(core->holds(w->sc, w->r, 1));
        else
            assert_false(core->holds(w->sc, w->r, 1));
    }
    /* the last case, 2.10% and £6.12 */
    assert_string_equal(why(core, w, 1), "Band D rises \xc2\xa3" "6.12, more than the \xc2\xa3" "5 limit, and 2.10% is "
                                         "at or above 2%");
    w->sc->core_rise_pct[1] = 2.0;
    w->r->core_rise_pounds[1] = 250.50 * 0.02;
    assert_string_equal(why(core, w, 1), "Band D rises \xc2\xa3" "5.01, more than the \xc2\xa3" "5 limit, and 2.00% is "
                                         "at or above 2%");
    /* with a precept too, only the core part is compared, and said so */
    w->sc->asc_precept_pct[1] = 1.0;
    assert_string_equal(why(core, w, 1), "the core rise adds \xc2\xa3" "5.01 to Band D, more than the \xc2\xa3" "5 limit, "
                                         "and 2.00% is at or above 2%");
    w->sc->asc_precept_pct[1] = 0.0;
    /* a £ limit alone (core_limit_pct 0): Band D 600 x 1% = £6 is more than
     * £5.50; 1% of 500 = £5 is not */
    w->sc->core_limit_pct[1] = 0.0;
    w->sc->core_limit_pounds[1] = 5.5;
    w->sc->core_rise_pct[1] = 1.0;
    w->r->core_rise_pounds[1] = 6.0;
    assert_false(core->holds(w->sc, w->r, 1));
    assert_string_equal(why(core, w, 1), "Band D rises \xc2\xa3" "6.00, more than the \xc2\xa3" "5.50 limit");
    w->r->core_rise_pounds[1] = 5.0;
    assert_true(core->holds(w->sc, w->r, 1));
    /* a cut is never excessive: -1% of 500 is -£5 */
    w->sc->core_rise_pct[1] = -1.0;
    w->r->core_rise_pounds[1] = -5.0;
    assert_true(core->holds(w->sc, w->r, 1));
    /* a freeze is not an increase: with no limit at all (0% and no £),
     * 0% holds, and any rise at all (0.01%) breaks it */
    w->sc->core_limit_pounds[1] = 0.0;
    w->sc->core_limit_pct[1] = 0.0;
    w->sc->core_rise_pct[1] = 0.0;
    w->r->core_rise_pounds[1] = 0.0;
    assert_true(core->holds(w->sc, w->r, 1));
    w->sc->core_rise_pct[1] = 0.01;
    assert_false(core->holds(w->sc, w->r, 1));
    w->sc->core_rise_pct[1] = 0.0;
}

/* Run the model on a scenario of council tax alone: Band D 250 before the
 * first year, a district's limits (2% and £5) in each of three years. */
static void run_district(world *w, const double core[3])
{
    w->sc->band_d_previous_pounds = 250.0;
    w->sc->tax_base = 1000.0;
    w->sc->collection_rate_pct = 100.0;
    for (int t = 0; t < 3; t++) {
        w->sc->core_rise_pct[t] = core[t];
        w->sc->asc_precept_pct[t] = 0.0;
        w->sc->core_limit_pct[t] = 2.0;
        w->sc->core_limit_pounds[t] = 0.0; /* no £ limit */
        w->sc->core_limit_pounds[t] = 5.0;
        w->sc->asc_limit_pct[t] = 0.0;
    }
    budget_run(w->sc, w->r);
}

/* The £ rise is the core rise on the MODELLED Band D of the year before, so
 * it follows a change to an earlier year's rise:
 *   rises 2%, 2%, 0%: Band D 250 -> 255 -> 260.10 -> 260.10; £ rises
 *   5.00 (not more than £5: holds), 5.10 (broken), 0 (holds).
 *   rises 0%, 2%, 2%: 250 -> 250 -> 255 -> 260.10; £ rises 0, 5.00 (holds),
 *   5.10 (broken). */
static void test_pounds_follow_band_d(void **state)
{
    world *w = *state;
    double a[3] = {2.0, 2.0, 0.0}, b[3] = {0.0, 2.0, 2.0};
    run_district(w, a);
    assert_float_equal(w->r->core_rise_pounds[0], 5.0, 1e-9);
    assert_float_equal(w->r->core_rise_pounds[1], 5.1, 1e-9);
    assert_float_equal(w->r->core_rise_pounds[2], 0.0, 1e-9);
    assert_true(w->r->rule_ok[BS_RULE_REFERENDUM_CORE][0]);
    assert_false(w->r->rule_ok[BS_RULE_REFERENDUM_CORE][1]);
    assert_true(w->r->rule_ok[BS_RULE_REFERENDUM_CORE][2]);
    run_district(w, b);
    assert_float_equal(w->r->core_rise_pounds[1], 5.0, 1e-9);
    assert_float_equal(w->r->core_rise_pounds[2], 5.1, 1e-9);
    assert_true(w->r->rule_ok[BS_RULE_REFERENDUM_CORE][1]);
    assert_false(w->r->rule_ok[BS_RULE_REFERENDUM_CORE][2]);
    assert_int_equal(budget_broken_count(w->r), 1);
    for (int t = 0; t < 3; t++)
        w->sc->core_limit_pounds[t] = 0.0;
}

/* The adult social care allowance (budget.c), limit 1% a year:
 *   1.5% unused before the horizon, not carried on: allowances 2.5, 1, 1;
 *     precepts 2.5 (holds: up to 2.5), 1.2 (broken), 1.0 (holds).
 *   carried on: precepts 2.0, 1.2, 1.4: allowances 2.5; 1 + (2.5 - 2.0) =
 *     1.5; 1 + (1.5 - 1.2) = 1.3: holds, holds, broken (1.4 > 1.3).
 *   a breach carries nothing: precept 3.0 in the first year (over 2.5):
 *     the second year's allowance is 1. */
static void test_asc_carry_forward(void **state)
{
    world *w = *state;
    const bs_rule *asc = bs_rules[BS_RULE_REFERENDUM_ASC];
    double none[3] = {0.0, 0.0, 0.0};
    run_district(w, none);
    w->sc->asc_unused_before_pct = 1.5;
    double p1[3] = {2.5, 1.2, 1.0}, p2[3] = {2.0, 1.2, 1.4};
    for (int t = 0; t < 3; t++) {
        w->sc->asc_limit_pct[t] = 1.0;
        w->sc->asc_precept_pct[t] = p1[t];
    }
    budget_run(w->sc, w->r);
    assert_float_equal(w->r->asc_allowance_pct[0], 2.5, 1e-12);
    assert_float_equal(w->r->asc_allowance_pct[1], 1.0, 1e-12);
    assert_float_equal(w->r->asc_allowance_pct[2], 1.0, 1e-12);
    assert_true(w->r->rule_ok[BS_RULE_REFERENDUM_ASC][0]);
    assert_false(w->r->rule_ok[BS_RULE_REFERENDUM_ASC][1]);
    assert_true(w->r->rule_ok[BS_RULE_REFERENDUM_ASC][2]);
    assert_string_equal(why(asc, w, 1), "adult social care precept 1.20% is above its 1% limit");

    w->sc->asc_carry_forward = true;
    for (int t = 0; t < 3; t++)
        w->sc->asc_precept_pct[t] = p2[t];
    budget_run(w->sc, w->r);
    assert_float_equal(w->r->asc_allowance_pct[1], 1.5, 1e-12);
    assert_float_equal(w->r->asc_allowance_pct[2], 1.3, 1e-12);
    assert_true(w->r->rule_ok[BS_RULE_REFERENDUM_ASC][0]);
    assert_true(w->r->rule_ok[BS_RULE_REFERENDUM_ASC][1]);
    assert_false(w->r->rule_ok[BS_RULE_REFERENDUM_ASC][2]);
    assert_string_equal(why(asc, w, 2), "adult social care precept 1.40% is above its 1.3% limit (1% for the year "
                                        "and 0.3% unused from before)");

    w->sc->asc_precept_pct[0] = 3.0;
    budget_run(w->sc, w->r);
    assert_false(w->r->rule_ok[BS_RULE_REFERENDUM_ASC][0]);
    assert_string_equal(why(asc, w, 0), "adult social care precept 3.00% is above its 2.5% limit (1% for the year "
                                        "and 1.5% unused from before)");
    assert_float_equal(w->r->asc_allowance_pct[1], 1.0, 1e-12);

    w->sc->asc_carry_forward = false;
    w->sc->asc_unused_before_pct = 0.0;
    for (int t = 0; t < 3; t++)
        w->sc->asc_precept_pct[t] = 0.0;
}

/* rules_fmt_limit drops trailing zeros: the limit as the principles word it. */
static void test_fmt_limit(void **state)
{
    (void)state;
    char b[32];
    assert_string_equal(rules_fmt_limit(2.0, b, sizeof b), "2");
    assert_string_equal(rules_fmt_limit(2.5, b, sizeof b), "2.5");
    assert_string_equal(rules_fmt_limit(1.99, b, sizeof b), "1.99");
    assert_string_equal(rules_fmt_limit(0.30000000000000004, b, sizeof b), "0.3");
    assert_string_equal(rules_fmt_limit(10.0, b, sizeof b), "10");
    assert_string_equal(rules_fmt_limit(0.0, b, sizeof b), "0");
}

/* The general reserve must close at or above its minimum, to within £1. */
static void test_general_reserve(void **state)
{
    world *w = *state;
    const bs_rule *g = bs_rules[BS_RULE_MINIMUM];
    w->sc->reserves[0].minimum_m = 20.0;
    w->r->reserve_close_m[0][1] = 20.0 - 1e-6;
    assert_true(g->holds(w->sc, w->r, 1));
    w->r->reserve_close_m[0][1] = 18.0;
    assert_false(g->holds(w->sc, w->r, 1));
    assert_string_equal(why(g, w, 1),
                        "the general reserve (\xc2\xa3" "18.0m) falls below its minimum (\xc2\xa3" "20.0m)");
}

/* Earmarked reserves: the rule applies only when there are some; every
 * reserve below its minimum is named, joined by "; ". */
static void test_earmarked(void **state)
{
    world *w = *state;
    const bs_rule *e = bs_rules[BS_RULE_EARMARKED];
    assert_false(e->applies(w->sc, 0));
    w->sc->nreserves = 3;
    strcpy(w->sc->reserves[1].name, "Transport");
    strcpy(w->sc->reserves[2].name, "Housing");
    w->sc->reserves[1].minimum_m = 5.0;
    w->sc->reserves[2].minimum_m = 2.0;
    w->r->reserve_close_m[1][2] = 6.0;
    w->r->reserve_close_m[2][2] = 2.0;
    assert_true(e->applies(w->sc, 2));
    assert_true(e->holds(w->sc, w->r, 2));
    w->r->reserve_close_m[1][2] = 4.0;
    w->r->reserve_close_m[2][2] = 1.5;
    assert_false(e->holds(w->sc, w->r, 2));
    assert_string_equal(why(e, w, 2), "Transport (\xc2\xa3" "4.0m) falls below its minimum (\xc2\xa3" "5.0m); "
                                      "Housing (\xc2\xa3" "1.5m) falls below its minimum (\xc2\xa3" "2.0m)");
    w->sc->nreserves = 1;
}

/* holds_years, the form budget_run calls: over years t0 .. n-1 it writes
 * what holds says of each, and nothing before t0. By hand: gaps after
 * measures of -1, 2 and 1e-7 (at most 1e-6: balanced) balance, do not, do;
 * a general reserve closing at 25, 19 and 20 - 1e-7 against a minimum of 20
 * holds, does not, holds (within 1e-6). */
static void test_holds_years(void **state)
{
    world *w = *state;
    const double gap[3] = {-1.0, 2.0, 1e-7}, close[3] = {25.0, 19.0, 20.0 - 1e-7};
    for (int t = 0; t < 3; t++) {
        w->r->gap_after_m[t] = gap[t];
        w->r->reserve_close_m[0][t] = close[t];
        w->sc->core_rise_pct[t] = 1.0 + t; /* 1, 2 and 3%: the last two at the 2% limit or above */
        w->sc->core_limit_pct[t] = 2.0;
        w->sc->core_limit_pounds[t] = 0.0; /* no £ limit */
        w->sc->asc_precept_pct[t] = 1.0;
        w->r->asc_allowance_pct[t] = t == 1 ? 0.5 : 1.0;
    }
    w->sc->reserves[0].minimum_m = 20.0;
    const unsigned char balanced[3] = {1, 0, 1}, general[3] = {1, 0, 1};
    unsigned char ok[3];
    bs_rules[BS_RULE_BALANCED]->holds_years(w->sc, w->r, 0, 3, ok);
    assert_memory_equal(ok, balanced, 3);
    bs_rules[BS_RULE_MINIMUM]->holds_years(w->sc, w->r, 0, 3, ok);
    assert_memory_equal(ok, general, 3);
    for (int k = 0; k < BS_NRULES; k++) {
        memset(ok, 7, sizeof ok);
        bs_rules[k]->holds_years(w->sc, w->r, 1, 3, ok);
        assert_int_equal(ok[0], 7); /* before t0: untouched */
        for (int t = 1; t < 3; t++)
            assert_int_equal(ok[t], bs_rules[k]->holds(w->sc, w->r, t) != 0);
    }
    /* and the two referendum rules break where the figures above say */
    bs_rules[BS_RULE_REFERENDUM_CORE]->holds_years(w->sc, w->r, 0, 3, ok);
    assert_memory_equal(ok, ((unsigned char[]){1, 0, 0}), 3);
    bs_rules[BS_RULE_REFERENDUM_ASC]->holds_years(w->sc, w->r, 0, 3, ok);
    assert_memory_equal(ok, ((unsigned char[]){1, 0, 1}), 3);
}

/* budget_run stores what each rule says: Liverpool's adopted budget
 * (scenarios/liverpool-2022-adopted.cfg) balances in 2022/23 with a 1.99%
 * core rise and a 1% precept, and breaks nothing; a 2% core rise breaks the
 * core referendum rule in each of its 5 years (horizon.years = 5, 2022/23 to
 * 2026/27) and nothing else. */
static void test_budget_run_asks_the_rules(void **state)
{
    (void)state;
    bs_scenario *sc = scenario_new();
    bs_result *r = result_new();
    bs_error err = {0};
    assert_true(sc && r);
    assert_int_equal(scenario_load("scenarios/liverpool-2022-adopted.cfg", NULL, 0, sc, &err), 0);
    budget_run(sc, r);
    assert_int_equal(budget_broken_count(r), 0);
    bs_override ov[] = {{"council_tax.core_rise_pct=2"}};
    assert_int_equal(scenario_load("scenarios/liverpool-2022-adopted.cfg", ov, 1, sc, &err), 0);
    budget_run(sc, r);
    assert_int_equal(sc->nyears, 5);
    for (int t = 0; t < 5; t++)
        assert_false(r->rule_ok[BS_RULE_REFERENDUM_CORE][t]);
    assert_int_equal(budget_broken_count(r), 5);
    scenario_free(sc);
    result_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_balanced),
        cmocka_unit_test(test_referendum),
        cmocka_unit_test(test_referendum_district),
        cmocka_unit_test(test_pounds_follow_band_d),
        cmocka_unit_test(test_asc_carry_forward),
        cmocka_unit_test(test_fmt_limit),
        cmocka_unit_test(test_general_reserve),
        cmocka_unit_test(test_earmarked),
        cmocka_unit_test(test_holds_years),
        cmocka_unit_test(test_budget_run_asks_the_rules),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
