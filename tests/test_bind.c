/* test_bind.c - numeric settings bound by path (sim/bind.c).
 *
 * Uses the Liverpool adopted scenario; every expected value is read off the
 * scenario file by hand (the line is quoted in each comment), or worked out. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "load/source.h"
#include "core/bind.h"
#include "core/budget.h"
#include "core/table.h"
#include "core/schema.h"

#define ADOPTED "scenarios/liverpool-2022-adopted.cfg"

static void assert_near(double a, double b, double tol)
{
    if (!(fabs(a - b) <= tol))
        fail_msg("%.12g is not within %g of %.12g", a, tol, b);
}

static int setup(void **state)
{
    bs_scenario *sc = malloc(sizeof *sc);
    bs_error err = {0};
    if (!sc || scenario_load(ADOPTED, NULL, 0, sc, &err) != 0) {
        free(sc);
        return -1;
    }
    *state = sc;
    return 0;
}

static int teardown(void **state)
{
    free(*state);
    return 0;
}

static void test_bind_scalar(void **state)
{
    bs_scenario *sc = *state;
    bs_binding b;
    bs_error err = {0};
    assert_int_equal(bind_path(sc, "services.adult_social_care.net_m", &b, &err), 0);
    assert_near(bind_get(&b), 186.0, 1e-12);          /* net_m = 186.0; */
    assert_int_equal(b.count, 1);
    bind_set(&b, 200.0);
    assert_near(sc->services[0].net_m, 200.0, 1e-12);  /* written in place */
    bind_set(&b, 186.0);
}

static void test_bind_series_from_year_two(void **state)
{
    bs_scenario *sc = *state;
    bs_binding b;
    bs_error err = {0};
    /* growth_pct = [9.6, 5.7, 7.6, 6.0]; growth settings start in year 2 */
    assert_int_equal(bind_path(sc, "services.adult_social_care.growth_pct", &b, &err), 0);
    assert_int_equal(b.first, 1);
    assert_int_equal(b.count, 4);                      /* 5 years, less the first */
    assert_near(bind_get(&b), 9.6, 1e-12);
    bind_scale(&b, 0.5);                               /* 4.8, 2.85, 3.8, 3.0 */
    assert_near(sc->services[0].growth_pct[2], 2.85, 1e-12);
    assert_near(sc->services[0].growth_pct[4], 3.0, 1e-12);
    bind_set(&b, 2.0);                                 /* every year, as --set does */
    for (int t = 1; t < 5; t++)
        assert_near(sc->services[0].growth_pct[t], 2.0, 1e-12);
}

static void test_bind_measure_types(void **state)
{
    bs_scenario *sc = *state;
    bs_binding b;
    bs_error err = {0};
    /* amount_m is a number for a saving, a per-year list for a reserve movement */
    assert_int_equal(bind_path(sc, "measures.high_cost_care.amount_m", &b, &err), 0);
    assert_int_equal(b.def->type, BS_T_NUM);
    assert_near(bind_get(&b), 1.9, 1e-12);             /* amount_m = 1.9; */
    assert_int_equal(bind_path(sc, "measures.general_top_up.amount_m", &b, &err), 0);
    assert_int_equal(b.def->type, BS_T_SERIES1);
    assert_near(bind_get(&b), 10.0, 1e-12);            /* amount_m = [10.0, 0.0]; */
    assert_int_equal(b.count, 5);
    /* a price is a per-year setting from the first year: [40.0, 40.0, 50.0] */
    assert_int_equal(bind_path(sc, "measures.green_bin.price_pounds", &b, &err), 0);
    assert_near(b.values[4], 50.0, 1e-12);
}

static void test_bind_changes_the_budget(void **state)
{
    bs_scenario *sc = *state;
    bs_binding b;
    bs_error err = {0};
    bs_result *r = malloc(sizeof *r);
    assert_non_null(r);
    /* A £1m larger care cut closes £1m more of the 2022/23 gap: the gap after
     * measures goes from -0.001129 to -1.001129. */
    assert_int_equal(bind_path(sc, "measures.high_cost_care.amount_m", &b, &err), 0);
    budget_run(sc, r);
    double before = r->gap_after_m[0];
    bind_set(&b, 2.9);
    budget_run(sc, r);
    assert_near(r->gap_after_m[0], before - 1.0, 1e-9);
    bind_set(&b, 1.9);
    free(r);
}

static void test_bind_refuses(void **state)
{
    bs_scenario *sc = *state;
    bs_binding b;
    bs_error err = {0};
    assert_int_equal(bind_path(sc, "scenario.name", &b, &err), -1);
    assert_string_equal(err.message, "is text in double quotes, not a number that can be varied");
    assert_int_equal(bind_path(sc, "horizon.years", &b, &err), -1);      /* a whole number */
    assert_int_equal(bind_path(sc, "services.nowhere.net_m", &b, &err), -1);
    assert_string_equal(err.message, "no \"nowhere\" in this scenario");
    assert_int_equal(bind_path(sc, "council_tax.core_rise", &b, &err), -1);
    assert_string_equal(err.message, "is not a setting (see budgetsim reference)");
    /* price_pounds belongs to charges, not to the saving high_cost_care */
    assert_int_equal(bind_path(sc, "measures.high_cost_care.price_pounds", &b, &err), -1);
}

static void test_bind_all_and_clamp(void **state)
{
    bs_scenario *sc = *state;
    bs_binding all[400];
    int n = bind_all(sc, all, 400);
    /* Each of the 5 services has net_m and growth_pct: 10 service bindings. */
    int services = 0, found_tax_base = 0;
    for (int i = 0; i < n; i++) {
        services += strncmp(all[i].path, "services.", 9) == 0;
        found_tax_base |= strcmp(all[i].path, "council_tax.tax_base") == 0;
    }
    assert_int_equal(services, 10);
    assert_true(found_tax_base);
    bs_binding b;
    bs_error err = {0};
    assert_int_equal(bind_path(sc, "council_tax.collection_rate_pct", &b, &err), 0);
    assert_near(bind_clamp(&b, 120.0), 100.0, 0);      /* allowed: above 0 to 100 */
    assert_near(bind_clamp(&b, 50.0), 50.0, 0);
}

static void test_table_offsets(void **state)
{
    bs_scenario *sc = *state;
    bs_result *r = malloc(sizeof *r);
    bs_table t = {0};
    assert_non_null(r);
    budget_run(sc, r);
    assert_int_equal(table_from_result(sc, r, &t), 0);
    /* Rows copied straight from the result know where they came from. */
    assert_int_equal(table_offset(&t, "totals.gap_after_m"), (long)offsetof(bs_result, gap_after_m));
    assert_int_equal(table_offset(&t, "services.adult_social_care.net_m"),
                     (long)offsetof(bs_result, service_gross_m));   /* the first service line */
    long off = table_offset(&t, "reserves.general.closing_m");
    assert_true(off >= 0);
    const double *v = (const double *)((const char *)r + off);
    assert_near(v[0], 30.7, 0.01);                                  /* 20.7 + 10 */
    /* Rows computed for the table have no place in the result. */
    assert_int_equal(table_offset(&t, "reserves.general.planned_m"), -1);
    assert_int_equal(table_offset(&t, "no.such.row"), -1);
    table_free(&t);
    free(r);
}


/* ---- periods: path@2023, @2023.., @2023..2025 ---- */

/* Parse text as a whole; *from, *to, the path's length, or -1 with err. */
static int period_of(const char *text, int *from, int *to, size_t *plen, int *has, bs_error *err)
{
    bs_period p;
    if (bind_parse_period(text, strlen(text), plen, has, &p, "--set", err) != 0)
        return -1;
    *from = p.from;
    *to = p.to;
    return 0;
}

static void test_period_parse_forms(void **state)
{
    (void)state;
    int from, to, has;
    size_t plen;
    bs_error err = {0};
    assert_int_equal(period_of("council_tax.core_rise_pct", &from, &to, &plen, &has, &err), 0);
    assert_int_equal(has, 0);
    assert_int_equal(plen, strlen("council_tax.core_rise_pct"));
    assert_int_equal(period_of("a.b@2023", &from, &to, &plen, &has, &err), 0);
    assert_int_equal(has, 1);
    assert_int_equal(plen, 3);
    assert_int_equal(from, 2023);
    assert_int_equal(to, 2023);
    assert_int_equal(period_of("a.b@2023..", &from, &to, &plen, &has, &err), 0);
    assert_int_equal(from, 2023);
    assert_int_equal(to, BS_PERIOD_OPEN);
    assert_int_equal(period_of("a.b@2023..2025", &from, &to, &plen, &has, &err), 0);
    assert_int_equal(from, 2023);
    assert_int_equal(to, 2025);
    assert_int_equal(period_of("a.b@2023/24..2025/26", &from, &to, &plen, &has, &err), 0);
    assert_int_equal(from, 2023);
    assert_int_equal(to, 2025);
    assert_int_equal(period_of("a.b@2099/00", &from, &to, &plen, &has, &err), 0); /* 2099/2100 */
    assert_int_equal(from, 2099);
    char buf[32];
    bs_period p = {2023, 2023};
    assert_string_equal(bind_period_text(&p, buf, sizeof buf), "@2023");
    p.to = BS_PERIOD_OPEN;
    assert_string_equal(bind_period_text(&p, buf, sizeof buf), "@2023..");
    p.to = 2025;
    assert_string_equal(bind_period_text(&p, buf, sizeof buf), "@2023..2025");
}

static void test_period_parse_errors(void **state)
{
    (void)state;
    const char *bad[] = {"a@", "a@23", "a@2023.", "a@2023...", "a@2023..x", "a@2023/25", "a@2023/2",
                         "a@2023x", "a@..2025", "a@2023..2025..", "a@20233"};
    int from, to, has;
    size_t plen;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        bs_error err = {0};
        if (period_of(bad[i], &from, &to, &plen, &has, &err) != -1)
            fail_msg("%s was read as a period", bad[i]);
        assert_string_equal(err.file, "--set");
        assert_string_equal(err.setting, bad[i]);
        assert_non_null(strstr(err.message, "expected PATH@YEAR"));
    }
    bs_error err = {0};
    assert_int_equal(period_of("@2023", &from, &to, &plen, &has, &err), -1);
    assert_string_equal(err.message, "expected a setting path before '@'");
    assert_int_equal(period_of("a@2025..2023", &from, &to, &plen, &has, &err), -1);
    assert_string_equal(err.message, "the period runs backwards (2025 is after 2023)");
}

/* Liverpool's horizon is 2022/23 to 2026/27: index 0 is 2022/23. */
static void test_period_bounds(void **state)
{
    bs_scenario *sc = *state;
    bs_binding b;
    bs_error err = {0};
    assert_int_equal(bind_path(sc, "council_tax.core_rise_pct@2023", &b, &err), 0);
    assert_int_equal(b.first, 1);
    assert_int_equal(b.count, 1);
    assert_string_equal(b.path, "council_tax.core_rise_pct@2023");
    assert_int_equal(bind_path(sc, "council_tax.core_rise_pct@2022..", &b, &err), 0);
    assert_int_equal(b.first, 0);
    assert_int_equal(b.count, 5);
    assert_int_equal(bind_path(sc, "council_tax.core_rise_pct@2026", &b, &err), 0); /* the last year */
    assert_int_equal(b.first, 4);
    assert_int_equal(b.count, 1);
    assert_int_equal(bind_path(sc, "council_tax.core_rise_pct@2024..2025", &b, &err), 0);
    assert_int_equal(b.first, 2);
    assert_int_equal(b.count, 2);
    /* growth rates from 2023/24: the first year has none */
    assert_int_equal(bind_path(sc, "services.adult_social_care.growth_pct@2023", &b, &err), 0);
    assert_int_equal(b.first, 1);
    assert_int_equal(bind_path(sc, "services.adult_social_care.growth_pct@2022", &b, &err), -1);
    assert_non_null(strstr(err.message, "2022/23, the first year, has none"));
    assert_int_equal(bind_path(sc, "council_tax.core_rise_pct@2027", &b, &err), -1);
    assert_string_equal(err.setting, "council_tax.core_rise_pct@2027");
    assert_string_equal(err.message, "2027/28 is outside the horizon 2022/23 to 2026/27");
    assert_int_equal(bind_path(sc, "council_tax.core_rise_pct@2021", &b, &err), -1);
    assert_string_equal(err.message, "2021/22 is outside the horizon 2022/23 to 2026/27");
    assert_int_equal(bind_path(sc, "council_tax.core_rise_pct@2025..2030", &b, &err), -1);
    assert_string_equal(err.message, "2030/31 is outside the horizon 2022/23 to 2026/27");
    assert_int_equal(bind_path(sc, "council_tax.tax_base@2023", &b, &err), -1);
    assert_string_equal(err.message, "takes a number, not one value a year: write it without @");
}

/* bind_set on a period changes only its years; others keep the file's 1.99. */
static void test_period_set(void **state)
{
    bs_scenario *sc = *state;
    bs_binding b;
    bs_error err = {0};
    assert_int_equal(bind_path(sc, "council_tax.core_rise_pct@2023..2024", &b, &err), 0);
    bind_set(&b, 5.0);
    const double want[] = {1.99, 5.0, 5.0, 1.99, 1.99};
    for (int t = 0; t < 5; t++)
        assert_near(sc->core_rise_pct[t], want[t], 0.0);
}

/* --set path@YEAR=v builds the same scenario as the whole list by hand. */
static void test_period_override_equals_list(void **state)
{
    (void)state;
    bs_scenario *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    assert_non_null(a);
    assert_non_null(b);
    bs_error err = {0};
    bs_override pa[] = {{"services.adult_social_care.growth_pct=[9.6, 5.7]"},
                        {"services.adult_social_care.growth_pct@2024..2025=2"}};
    bs_override pb[] = {{"services.adult_social_care.growth_pct=[9.6, 2, 2, 5.7]"}};
    assert_int_equal(scenario_load(ADOPTED, pa, 2, a, &err), 0);
    assert_int_equal(scenario_load(ADOPTED, pb, 1, b, &err), 0);
    assert_memory_equal(a->services[0].growth_pct, b->services[0].growth_pct, sizeof a->services[0].growth_pct);
    assert_near(a->services[0].growth_pct[4], 5.7, 0.0);
    free(a);
    free(b);
}

/* Settings and rows in words for charts (schema_setting_label,
 * table_row_title): the words and unit are the settings table's and the row
 * definitions' own text, written out here by hand from docs/scenario-format.md
 * and `budgetsim reference`; a path the table does not know is itself. */
static void test_labels_in_words(void **state)
{
    bs_scenario *sc = *state;
    char buf[600];
    /* services.*.growth_pct: "Growth into each year after the first: pay and ...", unit %;
     * the service's name in the Liverpool file is "Adult social care" */
    assert_string_equal(schema_setting_label(sc, "services.adult_social_care.growth_pct", buf, sizeof buf),
                        "Adult social care: growth into each year after the first (%)");
    /* council_tax.core_rise_pct: "Core council tax rise in each year.", %, no instance */
    assert_string_equal(schema_setting_label(sc, "council_tax.core_rise_pct", buf, sizeof buf),
                        "Core council tax rise in each year (%)");
    assert_string_equal(schema_setting_label(sc, "council_tax.core_rise_pct@2023..", buf, sizeof buf),
                        "Core council tax rise in each year (%), 2023/24 on");
    /* a measure's "Saving: " left out: measures.*.amount_m of a saving, "Saving: full-year amount ..." */
    assert_string_equal(schema_setting_label(sc, "measures.high_cost_care.amount_m", buf, sizeof buf),
                        "Adult social care: high-cost care packages: full-year amount at start-year prices (£m)");
    /* no such setting: the path */
    assert_string_equal(schema_setting_label(sc, "no.such.setting_x", buf, sizeof buf), "no.such.setting_x");
    assert_string_equal(schema_setting_label(sc, "services.nobody.growth_pct", buf, sizeof buf),
                        "nobody: growth into each year after the first (%)");
    /* rows: totals.gap_after_m is £m; its note after the unit */
    assert_string_equal(table_row_title("totals.gap_after_m", "Gap after measures (negative: a surplus)", BS_ROW_M, buf,
                                        sizeof buf),
                        "Gap after measures (£m; negative: a surplus)");
    assert_string_equal(table_row_title("totals.gap_before_m", "Gap before measures", BS_ROW_M, buf, sizeof buf),
                        "Gap before measures (£m)");
    assert_string_equal(table_row_title("council_tax.rise_pct", "Rise (core + adult social care) (%)", BS_ROW_PCT, buf,
                                        sizeof buf),
                        "Rise (core + adult social care) (%)");
    assert_string_equal(table_row_title("x.y", "", BS_ROW_M, buf, sizeof buf), "x.y");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_bind_scalar, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bind_series_from_year_two, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bind_measure_types, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bind_changes_the_budget, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bind_refuses, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bind_all_and_clamp, setup, teardown),
        cmocka_unit_test_setup_teardown(test_table_offsets, setup, teardown),
        cmocka_unit_test(test_period_parse_forms),
        cmocka_unit_test(test_period_parse_errors),
        cmocka_unit_test_setup_teardown(test_period_bounds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_period_set, setup, teardown),
        cmocka_unit_test(test_period_override_equals_list),
        cmocka_unit_test_setup_teardown(test_labels_in_words, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
