/* test_files.c - files held in memory (files_new_memory, files_put of
 * load/source.h): a base read again is taken from the entries kept from its
 * first parse (text_parsed_find of load/text.h), and only while its text
 * stands: a new text for it is parsed again. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/scenario.h"
#include "load/source.h"
#include "load/text.h"

/* A base with one service line of net_m (£m) and a scenario on it that
 * adds nothing but its name. */
static void put_base(bs_files *f, double net_m)
{
    char text[512];
    snprintf(text, sizeof text,
             "scenario = { name = \"Base\"; };\n"
             "horizon = { first_year = 2024; years = 1; };\n"
             "council_tax = { band_d_previous_pounds = 1000.0; core_rise_pct = 0.0; tax_base = 1000.0; };\n"
             "reserves = { general = { opening_m = 1.0; }; };\n"
             "services = { s = { name = \"S\"; net_m = %.1f; }; };\n",
             net_m);
    assert_int_equal(files_put(f, "dir/base.cfg", text, strlen(text)), 0);
}

/* The net spending on line s of the scenario held under name. */
static double net_of(bs_files *f, const char *name, bs_scenario *sc)
{
    bs_source *src = NULL;
    bs_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(source_read_from(f, name, &src, &err), 0);
    assert_int_equal(source_build(src, NULL, 0, sc, &err), 0);
    source_free(src);
    int i = scenario_find_service(sc, "s");
    assert_true(i >= 0);
    return sc->services[i].net_m;
}

static void test_base_kept_and_replaced(void **state)
{
    (void)state;
    bs_files *f = files_new_memory();
    bs_scenario *sc = scenario_new();
    assert_non_null(f);
    assert_non_null(sc);
    put_base(f, 2.0);
    const char *alt = "base = \"base.cfg\";\nscenario = { name = \"Alt\"; };\n";
    assert_int_equal(files_put(f, "dir/alt.cfg", alt, strlen(alt)), 0);

    assert_null(text_parsed_find(f, "dir/base.cfg")); /* nothing parsed yet */
    assert_true(net_of(f, "dir/alt.cfg", sc) == 2.0);
    assert_non_null(text_parsed_find(f, "dir/base.cfg")); /* kept, as the base was named */
    assert_true(net_of(f, "dir/alt.cfg", sc) == 2.0);      /* from what was kept */
    assert_string_equal(sc->name, "Alt");

    /* A new text for the base: what was kept goes, the new text is read. */
    put_base(f, 7.5);
    assert_null(text_parsed_find(f, "dir/base.cfg"));
    assert_true(net_of(f, "dir/alt.cfg", sc) == 7.5);

    /* The same file named another way is parsed under that name (the name
     * is in every entry, for messages); the first name's entries stay. */
    const char *other = "base = \"./../dir/base.cfg\";\nscenario = { name = \"Other\"; };\n";
    assert_int_equal(files_put(f, "dir/other.cfg", other, strlen(other)), 0);
    assert_true(net_of(f, "dir/other.cfg", sc) == 7.5);
    assert_null(text_parsed_find(f, "dir/./../dir/base.cfg"));
    assert_non_null(text_parsed_find(f, "dir/base.cfg"));
    assert_int_equal(files_count(f), 0); /* the disk was never read */
    scenario_free(sc);
    files_free(f);
}

/* A base with an @include is not kept: its entries depend on another file. */
static void test_base_with_include_not_kept(void **state)
{
    (void)state;
    bs_files *f = files_new_memory();
    bs_scenario *sc = scenario_new();
    const char *part = "services = { s = { name = \"S\"; net_m = 3.0; }; };\n";
    const char *base = "scenario = { name = \"Base\"; };\n"
                       "horizon = { first_year = 2024; years = 1; };\n"
                       "council_tax = { band_d_previous_pounds = 1000.0; core_rise_pct = 0.0; tax_base = 1000.0; };\n"
                       "reserves = { general = { opening_m = 1.0; }; };\n"
                       "@include \"part.cfg\"\n";
    const char *alt = "base = \"base.cfg\";\n";
    assert_int_equal(files_put(f, "part.cfg", part, strlen(part)), 0);
    assert_int_equal(files_put(f, "base.cfg", base, strlen(base)), 0);
    assert_int_equal(files_put(f, "alt.cfg", alt, strlen(alt)), 0);
    assert_true(net_of(f, "alt.cfg", sc) == 3.0);
    assert_null(text_parsed_find(f, "base.cfg"));
    const char *part2 = "services = { s = { name = \"S\"; net_m = 4.0; }; };\n";
    assert_int_equal(files_put(f, "part.cfg", part2, strlen(part2)), 0);
    assert_true(net_of(f, "alt.cfg", sc) == 4.0); /* the new include is read */
    scenario_free(sc);
    files_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_base_kept_and_replaced),
        cmocka_unit_test(test_base_with_include_not_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
