/* test_web.c - cmocka unit tests of web/api.h, built natively: the two
 * Liverpool scenarios packed (core/pack.h), loaded into the two slots,
 * run, and every row checked bit for bit against the same scenario built
 * the command line's way (the load layer with --set texts: check_as_set);
 * a --set, a measure switched off and a phasing against the same done by
 * --set; the vote against budgetsim vote's figures (each says the command); out-of-range and unknown settings
 * refused with --set's words; the JSON parsed with jansson; text from a
 * scenario escaped (a quote, a backslash, a control character, </script>).
 *
 * It also writes build/web/liverpool.pack (the adopted scenario packed) and
 * build/web/liverpool.native.json (its bs_web_run answer, "ms" set to 0)
 * for tests/web_node.mjs, which runs the same in the wasm build and
 * compares the bytes (make test-web).
 *
 * Run from the repository root (make test-unit does). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>
#include <jansson.h>

#include "core/budget.h"
#include "core/pack.h"
#include "core/table.h"
#include "core/scenario.h"
#include "load/source.h"
#include "web/api.h"

#define ADOPTED "scenarios/liverpool-2022-adopted.cfg"
#define NO_CUTS "scenarios/liverpool-2022-no-cuts.cfg"

/* The scenario at path (with its measures' or name's changes by change,
 * may be NULL), packed: heap memory, *len bytes. */
static unsigned char *packed(const char *path, void (*change)(bs_scenario *), size_t *len)
{
    bs_scenario *sc = scenario_new();
    bs_error err = {0};
    assert_non_null(sc);
    assert_int_equal(scenario_load(path, NULL, 0, sc, &err), 0);
    if (change)
        change(sc);
    unsigned char *bytes;
    assert_int_equal(scenario_pack(sc, &bytes, len), 0);
    scenario_free(sc);
    return bytes;
}

static json_t *parse(const char *text)
{
    assert_non_null(text);
    json_error_t e;
    json_t *j = json_loads(text, 0, &e);
    if (!j)
        fail_msg("not JSON: %s at %d: %.200s", e.text, e.position, text);
    return j;
}

/* values[0..n) against the row key of run's "rows", to 1e-9 relative (the
 * command line prints 10 significant digits). */
static void check_row(json_t *run, const char *key, const double *want, size_t n)
{
    json_t *row = json_object_get(json_object_get(run, "rows"), key);
    assert_non_null(row);
    assert_int_equal(json_array_size(row), n);
    for (size_t t = 0; t < n; t++) {
        double got = json_number_value(json_array_get(row, t));
        if (fabs(got - want[t]) > 1e-9 * fmax(1.0, fabs(want[t])))
            fail_msg("%s[%zu]: %.17g, expected %.17g", key, t, got, want[t]);
    }
}

/* Every row of run's "rows" against the same scenario built the command
 * line's way, by the load layer with the --set texts sets (its overrides:
 * assign.c and build.c, not bind.c as the API does), then run and tabled:
 * bit for bit (the API prints "%.17g"), null where the table has no value.
 * An independent path to each figure, whatever the figures are. */
static void check_as_set(json_t *run, const char *file, const char *const *sets, int nsets)
{
    bs_scenario *sc = scenario_new();
    bs_result *r = result_new();
    bs_override ov[8];
    bs_error err = {0};
    assert_true(sc && r && nsets <= 8);
    for (int k = 0; k < nsets; k++)
        ov[k].text = sets[k];
    if (scenario_load(file, ov, nsets, sc, &err) != 0) {
        char line[600];
        bs_error_format(&err, line, sizeof line);
        fail_msg("%s: %s", file, line);
    }
    budget_run(sc, r);
    bs_table t = {0};
    assert_int_equal(table_from_result(sc, r, &t), 0);
    json_t *rows = json_object_get(run, "rows");
    int compared = 0;
    for (int i = 0; i < t.n; i++) {
        const bs_row *row = &t.rows[i];
        if (row->kind == BS_ROW_HEADING)
            continue;
        json_t *got = json_object_get(rows, row->key);
        if (!got)
            fail_msg("no row %s", row->key);
        assert_int_equal(json_array_size(got), t.nyears);
        for (int y = 0; y < t.nyears; y++) {
            json_t *g = json_array_get(got, y);
            if (row->na[y]) {
                assert_true(json_is_null(g));
            } else if (json_number_value(g) != row->v[y]) {
                fail_msg("%s[%d]: %.17g from the API, %.17g built as --set", row->key, y, json_number_value(g),
                         row->v[y]);
            }
        }
        compared++;
    }
    assert_true(compared > 50 && (size_t)compared == json_object_size(rows));
    table_free(&t);
    result_free(r);
    scenario_free(sc);
}

static int geti(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    assert_true(json_is_integer(v));
    return (int)json_integer_value(v);
}

static const char *gets(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    assert_true(json_is_string(v));
    return json_string_value(v);
}

/* The slots are static: the tests share them, in this order. */
static int slot_adopted = -1, slot_no_cuts = -1;

static void test_load(void **state)
{
    (void)state;
    size_t la, ln;
    unsigned char *a = packed(ADOPTED, NULL, &la), *n = packed(NO_CUTS, NULL, &ln);
    slot_adopted = bs_web_load(a, (int)la);
    slot_no_cuts = bs_web_load(n, (int)ln);
    assert_int_equal(slot_adopted, 0);
    assert_int_equal(slot_no_cuts, 1);
    /* both slots taken */
    assert_int_equal(bs_web_load(a, (int)la), -1);
    assert_string_equal(bs_web_error(), "every slot holds a scenario (2)");
    /* the files for tests/web_node.mjs */
    mkdir("build", 0777);
    mkdir("build/web", 0777);
    FILE *f = fopen("build/web/liverpool.pack", "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(a, 1, la, f), la);
    assert_int_equal(fclose(f), 0);
    free(a);
    free(n);
    assert_int_equal(bs_web_run(7) == NULL, 1);
    assert_string_equal(bs_web_error(), "no scenario in slot 7");
}

static void test_run_adopted(void **state)
{
    (void)state;
    const char *text = bs_web_run(slot_adopted);
    json_t *run = parse(text);
    /* for tests/web_node.mjs: the answer with "ms" made 0 (the wasm build has no clock) */
    char *copy = strdup(text), *ms = strstr(copy, ",\"ms\":");
    assert_non_null(ms);
    strcpy(ms, ",\"ms\":0}");
    FILE *f = fopen("build/web/liverpool.native.json", "w");
    assert_non_null(f);
    fputs(copy, f);
    assert_int_equal(fclose(f), 0);
    free(copy);

    assert_string_equal(gets(json_object_get(run, "scenario"), "file"), ADOPTED);
    json_t *years = json_object_get(run, "years");
    assert_int_equal(json_array_size(years), 5);
    assert_string_equal(json_string_value(json_array_get(years, 0)), "2022/23");
    assert_string_equal(json_string_value(json_array_get(years, 4)), "2026/27");
    check_as_set(run, ADOPTED, NULL, 0);
    /* ./budgetsim run scenarios/liverpool-2022-adopted.cfg (text): "Gap after measures" and
     * "Band D (£)" */
    json_t *tg = json_object_get(json_object_get(run, "text"), "totals.gap_after_m");
    const char *want_text[] = {"0.0", "43.9", "59.8", "86.6", "106.8"};
    for (int t = 0; t < 5; t++)
        assert_string_equal(json_string_value(json_array_get(tg, t)), want_text[t]);
    json_t *tb = json_object_get(json_object_get(run, "text"), "council_tax.band_d_pounds");
    assert_string_equal(json_string_value(json_array_get(tb, 4)), "2,087.44");
    /* "Years of reserves at this year's draw": "-" in every year (no value) */
    json_t *yr = json_object_get(json_object_get(run, "text"), "reserves.years_of_reserves");
    if (yr)
        assert_string_equal(json_string_value(json_array_get(yr, 0)), "-");
    /* broken_rules 0; rules: 5 rules x 5 years, each with its title */
    assert_int_equal(geti(run, "broken"), 0);
    json_t *rules = json_object_get(run, "rules");
    assert_int_equal(json_array_size(rules), 25);
    assert_string_equal(gets(json_array_get(rules, 0), "rule"), "balanced");
    assert_true(json_is_true(json_object_get(json_array_get(rules, 0), "applies")));
    assert_true(json_is_true(json_object_get(json_array_get(rules, 0), "ok")));
    /* ./budgetsim vote scenarios/liverpool-2022-adopted.cfg --format json: passed, 47 for, 27
     * against, 0 abstaining, 16 absent, swing 11 from for to against, p_pass 0.9999999663;
     * Labour 47 for, 12 absent; 90 voters */
    json_t *v = json_object_get(run, "vote");
    assert_true(json_is_true(json_object_get(v, "given")));
    assert_true(json_is_true(json_object_get(v, "passed")));
    assert_true(json_is_false(json_object_get(v, "tie")));
    assert_int_equal(geti(v, "for"), 47);
    assert_int_equal(geti(v, "against"), 27);
    assert_int_equal(geti(v, "abstain"), 0);
    assert_int_equal(geti(v, "absent"), 16);
    assert_int_equal(geti(v, "swing"), 11);
    assert_string_equal(gets(v, "swing_from"), "for");
    assert_string_equal(gets(v, "swing_to"), "against");
    assert_true(fabs(json_number_value(json_object_get(v, "p_pass")) - 0.9999999663) < 1e-10);
    json_t *groups = json_object_get(v, "groups");
    assert_int_equal(json_array_size(groups), 7);
    json_t *lab = json_array_get(groups, 0);
    assert_string_equal(gets(lab, "id"), "labour");
    assert_string_equal(gets(lab, "name"), "Labour");
    assert_int_equal(geti(lab, "for"), 47);
    assert_int_equal(geti(lab, "absent"), 12);
    assert_int_equal(strlen(gets(lab, "colour")), 7);
    json_t *seats = json_object_get(v, "seats");
    assert_int_equal(json_array_size(seats), 90);
    /* hemicycle order: the 47 for (all Labour) first, then the 27 against by group: 7 Labour
     * rebels, 12 Liberal Democrats, ... then the 16 absent, Labour's 12 first */
    assert_string_equal(gets(json_array_get(seats, 46), "group"), "labour");
    assert_string_equal(gets(json_array_get(seats, 46), "position"), "for");
    assert_string_equal(gets(json_array_get(seats, 47), "group"), "labour_rebels");
    assert_string_equal(gets(json_array_get(seats, 47), "position"), "against");
    assert_string_equal(gets(json_array_get(seats, 54), "group"), "libdem");
    assert_string_equal(gets(json_array_get(seats, 74), "group"), "labour");
    assert_string_equal(gets(json_array_get(seats, 74), "position"), "absent");
    json_decref(run);
}

static void test_run_no_cuts(void **state)
{
    (void)state;
    json_t *run = parse(bs_web_run(slot_no_cuts));
    check_as_set(run, NO_CUTS, NULL, 0);
    /* ./budgetsim vote scenarios/liverpool-2022-no-cuts.cfg --format json: failed, 10 for, 64
     * against, 16 absent, swing 28 from against to for, p_pass 1.055714229e-33 */
    json_t *v = json_object_get(run, "vote");
    assert_true(json_is_false(json_object_get(v, "passed")));
    assert_int_equal(geti(v, "for"), 10);
    assert_int_equal(geti(v, "against"), 64);
    assert_int_equal(geti(v, "absent"), 16);
    assert_int_equal(geti(v, "swing"), 28);
    assert_string_equal(gets(v, "swing_from"), "against");
    double p = json_number_value(json_object_get(v, "p_pass"));
    assert_true(fabs(p - 1.055714229e-33) < 1e-9 * 1.055714229e-33);
    json_decref(run);
}

static void test_set(void **state)
{
    (void)state;
    assert_int_equal(bs_web_set(slot_adopted, "council_tax.core_rise_pct@2023", 3), 0);
    json_t *run = parse(bs_web_run(slot_adopted));
    const char *rise[] = {"council_tax.core_rise_pct@2023=3"};
    check_as_set(run, ADOPTED, rise, 1);
    /* and it moved: 2022/23 as published (a period: the year before is
     * untouched), 2023/24's gap smaller than its published 43.9 */
    json_t *g = json_object_get(json_object_get(run, "rows"), "totals.gap_after_m");
    double gap[5];
    for (int t = 0; t < 5; t++)
        gap[t] = json_number_value(json_array_get(g, t));
    assert_true(fabs(gap[0] - -0.0011292309759600716) < 1e-12 && gap[1] < 43.0);
    json_decref(run);

    /* out of range: budgetsim's own words, "budgetsim: --set: council_tax.core_rise_pct@2023:
     * must be between -50% and 100%, not 300", and nothing changed */
    assert_int_equal(bs_web_set(slot_adopted, "council_tax.core_rise_pct@2023", 300), -1);
    assert_string_equal(bs_web_error(), "council_tax.core_rise_pct@2023: must be between -50% and 100%, not 300");
    /* ... "measures.green_bin.price_pounds: must be between 0 and 1000000, not -3" */
    assert_int_equal(bs_web_set(slot_adopted, "measures.green_bin.price_pounds", -3), -1);
    assert_string_equal(bs_web_error(), "measures.green_bin.price_pounds: must be between 0 and 1000000, not -3");
    assert_int_equal(bs_web_set(slot_adopted, "council_tax.core_rise_pct@2023", NAN), -1);
    assert_int_equal(bs_web_set(slot_adopted, "council_tax.core_rise_pct@2031", 1), -1);
    assert_non_null(strstr(bs_web_error(), "outside the horizon"));
    assert_int_equal(bs_web_set(slot_adopted, "council_tax.no_such", 1), -1);
    assert_string_equal(bs_web_error(), "council_tax.no_such: is not a setting (see budgetsim reference)");
    assert_int_equal(bs_web_set(slot_adopted, "measures.green_bin.enabled", 1), -1);
    run = parse(bs_web_run(slot_adopted));
    check_row(run, "totals.gap_after_m", gap, 5);
    json_decref(run);

    /* reset: the published figures again */
    assert_int_equal(bs_web_reset(slot_adopted), 0);
    run = parse(bs_web_run(slot_adopted));
    check_as_set(run, ADOPTED, NULL, 0);
    json_decref(run);

    /* the green bin off: as --set measures.green_bin.enabled=false; and by
     * hand, 2022/23's gap grows by the charge's net income: 148,500
     * households x 28.61953% take-up at the reference price (£40, so no
     * elasticity effect) = 42,500.002 payers x £40 = £1.7000001m, no
     * running cost: -0.0011292 + 1.7000001 = 1.6988709 */
    assert_int_equal(bs_web_set_bool(slot_adopted, "measures.green_bin.enabled", 0), 0);
    run = parse(bs_web_run(slot_adopted));
    const char *off[] = {"measures.green_bin.enabled=false"};
    check_as_set(run, ADOPTED, off, 1);
    const double no_bin_2022[] = {148500.0 * 28.61953 / 100.0 * 40.0 / 1e6 - 0.0011292309759600716};
    json_t *nb = json_object_get(json_object_get(run, "rows"), "totals.gap_after_m");
    assert_true(fabs(json_number_value(json_array_get(nb, 0)) - no_bin_2022[0]) < 1e-9);
    json_decref(run);
    assert_int_equal(bs_web_set_bool(slot_adopted, "measures.no_such.enabled", 0), -1);
    assert_string_equal(bs_web_error(), "measures.no_such.enabled: no such measure in this scenario");
    assert_int_equal(bs_web_set_bool(slot_adopted, "council_tax.core_rise_pct", 0), -1);
    assert_int_equal(bs_web_reset(slot_adopted), 0);

    /* a phasing, set whole: as --set 'measures.high_cost_care.phasing_pct=[50,100]' */
    const double half[] = {50, 100};
    assert_int_equal(bs_web_set_list(slot_adopted, "measures.high_cost_care.phasing_pct", half, 2), 0);
    run = parse(bs_web_run(slot_adopted));
    const char *phased[] = {"measures.high_cost_care.phasing_pct=[50,100]"};
    check_as_set(run, ADOPTED, phased, 1);
    json_decref(run);
    /* refused as --set refuses them (budgetsim run ... --set
     * 'measures.high_cost_care.phasing_pct=[100,99.5]', and =[100,101]) */
    const double falls[] = {100, 99.5}, over[] = {100, 101};
    assert_int_equal(bs_web_set_list(slot_adopted, "measures.high_cost_care.phasing_pct", falls, 2), -1);
    assert_string_equal(bs_web_error(), "measures.high_cost_care.phasing_pct: entry 2 (99.5%) is below entry 1 "
                                        "(100%): phasing is the cumulative share delivered, which cannot go down");
    assert_int_equal(bs_web_set_list(slot_adopted, "measures.high_cost_care.phasing_pct", over, 2), -1);
    assert_string_equal(bs_web_error(), "measures.high_cost_care.phasing_pct: entry 2 must be between 0% and 100%, "
                                        "not 101");
    assert_int_equal(bs_web_set_list(slot_adopted, "measures.green_bin.phasing_pct", half, 2), -1);
    assert_int_equal(bs_web_reset(slot_adopted), 0);
}

static json_t *lever(json_t *levers, const char *path)
{
    for (size_t i = 0; i < json_array_size(levers); i++)
        if (strcmp(gets(json_array_get(levers, i), "path"), path) == 0)
            return json_array_get(levers, i);
    fail_msg("no lever %s", path);
    return NULL;
}

static void test_levers(void **state)
{
    (void)state;
    json_t *levers = parse(bs_web_levers(slot_adopted));
    assert_true(json_is_array(levers));
    /* council_tax.core_rise_pct = 1.99 in the file, range -50..100 (core/schema.c) */
    json_t *l = lever(levers, "council_tax.core_rise_pct@2023");
    assert_string_equal(gets(l, "kind"), "number");
    assert_string_equal(gets(l, "group"), "Council tax");
    assert_string_equal(gets(l, "unit"), "%");
    assert_true(json_number_value(json_object_get(l, "value")) == 1.99);
    assert_true(json_number_value(json_object_get(l, "min")) == -50);
    assert_true(json_number_value(json_object_get(l, "max")) == 100);
    assert_non_null(strstr(gets(l, "label"), "2023/24"));
    lever(levers, "council_tax.asc_precept_pct@2026");
    l = lever(levers, "measures.green_bin.enabled");
    assert_string_equal(gets(l, "kind"), "bool");
    assert_true(json_is_true(json_object_get(l, "value")));
    assert_string_equal(gets(l, "label"), "Green bin (garden waste) charge");
    /* price_pounds = [40.0, 40.0, 50.0] in the file: one lever a year; take-up one */
    assert_true(json_number_value(json_object_get(lever(levers, "measures.green_bin.price_pounds@2023"), "value")) ==
                40);
    assert_true(json_number_value(json_object_get(lever(levers, "measures.green_bin.price_pounds@2024"), "value")) ==
                50);
    lever(levers, "measures.green_bin.take_up_pct");
    lever(levers, "measures.high_cost_care.amount_m");
    /* the general reserve top-up (a reserve movement) */
    assert_string_equal(gets(lever(levers, "measures.general_top_up.enabled"), "group"), "Reserves");
    /* every number lever can be set to its own value (the path binds, the value is in range) */
    for (size_t i = 0; i < json_array_size(levers); i++) {
        json_t *o = json_array_get(levers, i);
        if (strcmp(gets(o, "kind"), "number") == 0 &&
            bs_web_set(slot_adopted, gets(o, "path"), json_number_value(json_object_get(o, "value"))) != 0)
            fail_msg("%s: %s", gets(o, "path"), bs_web_error());
    }
    printf("# %zu levers\n", json_array_size(levers));
    json_decref(levers);
    /* an assumption exposed by the author */
    assert_int_equal(bs_web_expose(slot_adopted, "services.adult_social_care.growth_pct@2024"), 0);
    assert_int_equal(bs_web_expose(slot_adopted, "no.such"), -1);
    levers = parse(bs_web_levers(slot_adopted));
    assert_string_equal(gets(lever(levers, "services.adult_social_care.growth_pct@2024"), "group"), "Assumptions");
    json_decref(levers);
}

#define NASTY "Say \"no\" \\ to </script><script>alert(1)</script>\x01\x7f \xe2\x80\xa8" "end"

static void nasty(bs_scenario *sc)
{
    snprintf(sc->name, sizeof sc->name, "%s", NASTY);
    snprintf(sc->measures[0].name, sizeof sc->measures[0].name, "%s", NASTY);
    snprintf(sc->chamber.groups[0].name, sizeof sc->chamber.groups[0].name, "%s", NASTY);
}

/* No '<' followed by '/', no byte below 0x20 or DEL, no raw U+2028 in text. */
static void check_escaped(const char *text)
{
    for (const char *p = text; *p; p++) {
        if (p[0] == '<' && p[1] == '/')
            fail_msg("\"</\" unescaped at %.40s", p);
        if ((unsigned char)*p < 0x20 || (unsigned char)*p == 0x7f)
            fail_msg("control character %d unescaped", *p);
        if ((unsigned char)p[0] == 0xe2 && (unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0xa8)
            fail_msg("U+2028 unescaped");
    }
}

static void test_escaping(void **state)
{
    (void)state;
    size_t len;
    unsigned char *bytes = packed(ADOPTED, nasty, &len);
    assert_int_equal(bs_web_unload(slot_no_cuts), 0);
    assert_int_equal(bs_web_run(slot_no_cuts) == NULL, 1);
    assert_int_equal(bs_web_load(bytes, (int)len), slot_no_cuts);
    free(bytes);
    const char *text = bs_web_run(slot_no_cuts);
    check_escaped(text);
    assert_non_null(strstr(text, "\"Say \\\"no\\\" \\\\ to <\\/script><script>alert(1)<\\/script>\\u0001\\u007f \\u2028end\""));
    json_t *run = parse(text);
    assert_string_equal(gets(json_object_get(run, "scenario"), "name"), NASTY);
    json_t *g = json_array_get(json_object_get(json_object_get(run, "vote"), "groups"), 0);
    assert_string_equal(gets(g, "name"), NASTY);
    json_decref(run);
    text = bs_web_levers(slot_no_cuts);
    check_escaped(text);
    json_t *levers = parse(text);
    assert_string_equal(gets(lever(levers, "measures.high_cost_care.enabled"), "label"), NASTY);
    json_decref(levers);
    /* an unknown setting's name in an error is made printable */
    assert_int_equal(bs_web_set(slot_no_cuts, "council_tax.x\x01y", 1), -1);
    assert_null(strchr(bs_web_error(), '\x01'));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load),     cmocka_unit_test(test_run_adopted), cmocka_unit_test(test_run_no_cuts),
        cmocka_unit_test(test_set),      cmocka_unit_test(test_levers),      cmocka_unit_test(test_escaping),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
