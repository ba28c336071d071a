/* test_rules.c - each budget rule (sim/core/rules/) on its own: when it
 * applies, where the line between holding and breaking lies, and the words
 * of its reason, on a scenario and a result filled in by hand (no model run),
 * so that every expected value is read off the test itself.
 *
 * Tolerances (core/rules.h): money to 1e-6 £m (£1), percentages to 1e-9. */
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
    assert_string_equal(bs_rules[BS_RULE_REFERENDUM]->key, "referendum");
    assert_string_equal(bs_rules[BS_RULE_MINIMUM]->key, "general_reserve_minimum");
    assert_string_equal(bs_rules[BS_RULE_EARMARKED]->key, "earmarked_reserves_minimum");
    assert_ptr_equal(rules_find("referendum"), bs_rules[BS_RULE_REFERENDUM]);
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
 * both break, the reason names the core rise first. */
static void test_referendum(void **state)
{
    world *w = *state;
    const bs_rule *rf = bs_rules[BS_RULE_REFERENDUM];
    w->sc->core_limit_pct[0] = 2.0;
    w->sc->asc_limit_pct[0] = 1.0;
    w->sc->core_rise_pct[0] = 1.99;
    w->sc->asc_precept_pct[0] = 1.0;
    assert_true(rf->applies(w->sc, 0));
    assert_true(rf->holds(w->sc, w->r, 0));
    w->sc->core_rise_pct[0] = 2.0;
    assert_false(rf->holds(w->sc, w->r, 0));
    assert_string_equal(why(rf, w, 0), "the core council tax rise of 2.00% needs a referendum (it must be below 2.00%)");
    w->sc->core_rise_pct[0] = 1.99;
    w->sc->asc_precept_pct[0] = 1.5;
    assert_false(rf->holds(w->sc, w->r, 0));
    assert_string_equal(why(rf, w, 0), "the adult social care precept of 1.50% is above its limit of 1.00%");
    w->sc->asc_precept_pct[0] = 1.0;
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

/* budget_run stores what each rule says: Liverpool's adopted budget
 * (scenarios/liverpool-2022-adopted.cfg) balances in 2022/23 with a 1.99%
 * core rise and a 1% precept, and breaks nothing; a 2% core rise breaks the
 * referendum rule in each of its 5 years (horizon.years = 5, 2022/23 to
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
        assert_false(r->rule_ok[BS_RULE_REFERENDUM][t]);
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
        cmocka_unit_test(test_general_reserve),
        cmocka_unit_test(test_earmarked),
        cmocka_unit_test(test_budget_run_asks_the_rules),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
