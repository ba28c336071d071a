/* test_colour.c - colours as readers see them (sim/write/colour.h):
 *   - a grey is left grey by each simulation (each row of a Machado matrix
 *     adds up to 1);
 *   - reference values worked out by hand hold (below);
 *   - every pair of the project palette (Okabe-Ito) stays at least
 *     COLOUR_MIN_DELTA_E (CIEDE2000) apart for a typical reader and under each
 *     simulation;
 *   - the warning names the file, two groups that look alike, the kind of
 *     vision and the setting to change, one line a pair; Liverpool's
 *     colours (scenarios/liverpool-2022-adopted.cfg, as chosen there) and
 *     groups told apart by a mark give none;
 *   - the palette is one: colour_palette (write/colour.h), chart_palette
 *     (write/charts/chart.h) and the default group colours (core/palette.h
 *     bs_group_colour, which load/check.c gives a group with none) are the
 *     same strings, the Okabe-Ito values written out here by hand;
 *   - 32 groups (BS_MAX_GROUPS) with the default colours are told apart:
 *     every pair either has different marks (colour_group_mark) or colours
 *     at least COLOUR_MIN_DELTA_E (10, CIEDE2000) apart for a typical reader
 *     and under each simulation. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/palette.h"
#include "write/charts/chart.h"
#include "write/colour.h"

static colour_rgb hex(const char *s)
{
    colour_rgb c = {-1, -1, -1};
    assert_int_equal(colour_parse(s, &c), 0);
    return c;
}

static void test_parse(void **state)
{
    (void)state;
    colour_rgb c;
    assert_int_equal(colour_parse("#FF8000", &c), 0);
    assert_true(fabs(c.r - 1) < 1e-12 && fabs(c.g - 128 / 255.0) < 1e-12 && c.b == 0);
    assert_int_equal(colour_parse("#FF800", &c), -1);
    assert_int_equal(colour_parse("FF80000", &c), -1);
    assert_int_equal(colour_parse("#GG8000", &c), -1);
    assert_int_equal(colour_parse("#-18000", &c), -1);
    assert_int_equal(colour_parse(NULL, &c), -1);
}

static void test_grey_stays_grey(void **state)
{
    (void)state;
    for (int k = 0; k <= 255; k += 5)
        for (int v = COLOUR_PROTAN; v <= COLOUR_TRITAN; v++) {
            colour_rgb g = {k / 255.0, k / 255.0, k / 255.0};
            colour_rgb s = colour_simulate(g, (colour_vision)v);
            assert_true(fabs(s.r - g.r) < 1e-5 && fabs(s.g - g.g) < 1e-5 && fabs(s.b - g.b) < 1e-5);
            assert_true(colour_delta_e(g, s) < 0.01);
        }
}

/* By hand: pure red #FF0000 is linear (1, 0, 0); for deuteranopia the
 * first column of Machado's matrix gives (0.367322, 0.280085, -0.011820),
 * clamped to (0.367322, 0.280085, 0). Encoded, 1.055 x 0.367322^(1/2.4) -
 * 0.055 = 1.055 x 0.65880 - 0.055 = 0.64003 (163.2 of 255) and 1.055 x
 * 0.280085^(1/2.4) - 0.055 = 1.055 x 0.58845 - 0.055 = 0.56582 (144.3):
 * red is seen as #A39000, an olive. For protanopia the first column is
 * (0.152286, 0.114503, -0.003882): 1.055 x 0.152286^(1/2.4) - 0.055 =
 * 1.055 x 0.45666 - 0.055 = 0.42678 (108.8) and 1.055 x 0.114503^(1/2.4) -
 * 0.055 = 1.055 x 0.40519 - 0.055 = 0.37247 (95.0): #6D5F00, darker.
 * White (1, 1, 1) is L* 100, a* = b* = 0; black is L* 0. */
static void test_reference(void **state)
{
    (void)state;
    colour_rgb d = colour_simulate(hex("#FF0000"), COLOUR_DEUTAN);
    assert_true(fabs(d.r * 255 - 163.2) < 0.2 && fabs(d.g * 255 - 144.3) < 0.2 && d.b == 0);
    colour_rgb p = colour_simulate(hex("#FF0000"), COLOUR_PROTAN);
    assert_true(fabs(p.r * 255 - 108.8) < 0.2 && fabs(p.g * 255 - 95.0) < 0.2 && p.b == 0);
    double lab[3];
    colour_lab(hex("#FFFFFF"), lab);
    assert_true(fabs(lab[0] - 100) < 0.01 && fabs(lab[1]) < 0.01 && fabs(lab[2]) < 0.01);
    colour_lab(hex("#000000"), lab);
    assert_true(fabs(lab[0]) < 1e-9);
    /* sRGB red in Lab (Lindbloom's calculator, D65): 53.24, 80.09, 67.20 */
    colour_lab(hex("#FF0000"), lab);
    assert_true(fabs(lab[0] - 53.24) < 0.05 && fabs(lab[1] - 80.09) < 0.05 && fabs(lab[2] - 67.20) < 0.05);
    /* CIEDE2000: pairs 1 and 17 of Sharma, Wu and Dalal (2005), Table 1 */
    const double s1[3] = {50, 2.6772, -79.7751}, s2[3] = {50, 0, -82.7485};
    assert_true(fabs(colour_delta_e00_lab(s1, s2) - 2.0425) < 1e-4);
    const double t1[3] = {50, 2.5, 0}, t2[3] = {73, 25, -18};
    assert_true(fabs(colour_delta_e00_lab(t1, t2) - 27.1492) < 1e-4);
    /* CIE 1976: the distance; white to black is 100 */
    assert_true(fabs(colour_delta_e76(hex("#FFFFFF"), hex("#000000")) - 100) < 0.01);
    /* the old clash of Liverpool's Labour and Green under deuteranopia */
    assert_true(colour_delta_e(colour_simulate(hex("#E4003B"), COLOUR_DEUTAN),
                               colour_simulate(hex("#02A95B"), COLOUR_DEUTAN)) < COLOUR_MIN_DELTA_E);
}

static void test_palette(void **state)
{
    (void)state;
    for (int v = COLOUR_TYPICAL; v <= COLOUR_TRITAN; v++) {
        double least = INFINITY;
        for (int i = 0; i < COLOUR_PALETTE_N; i++)
            for (int j = i + 1; j < COLOUR_PALETTE_N; j++) {
                colour_rgb a = colour_simulate(hex(colour_palette[i]), (colour_vision)v);
                colour_rgb b = colour_simulate(hex(colour_palette[j]), (colour_vision)v);
                double d = colour_delta_e(a, b);
                if (d < COLOUR_MIN_DELTA_E)
                    fail_msg("%s and %s: Delta E %.2f under %s", colour_palette[i], colour_palette[j], d,
                             colour_vision_name((colour_vision)v));
                least = fmin(least, d);
            }
        printf("palette: least Delta E %.1f (%s)\n", least, colour_vision_name((colour_vision)v));
    }
}

static void set_group(bs_council *cn, int g, const char *id, const char *name, const char *colour)
{
    strcpy(cn->groups[g].id, id);
    strcpy(cn->groups[g].name, name);
    strcpy(cn->groups[g].colour, colour);
}

/* The warning for cn into buf; returns the lines. */
static int warn_into(const bs_council *cn, const char *file, char *buf, size_t size)
{
    FILE *f = fmemopen(buf, size - 1, "w");
    assert_non_null(f);
    memset(buf, 0, size);
    int n = colour_warn_groups(f, file, cn);
    fclose(f);
    return n;
}

static void test_warning(void **state)
{
    (void)state;
    static bs_council cn;
    memset(&cn, 0, sizeof cn);
    cn.ngroups = 3;
    set_group(&cn, 0, "lab", "Labour", "#E4003B");
    set_group(&cn, 1, "grn", "Green", "#02A95B");
    set_group(&cn, 2, "con", "Conservative", "#0087DC");
    char buf[2000] = "";
    int n = warn_into(&cn, "x/two.cfg", buf, sizeof buf);
    assert_int_equal(n, 1);
    assert_non_null(strstr(buf, "budgetsim: warning: x/two.cfg: groups Labour (#E4003B) and Green (#02A95B) look "
                                "alike to a reader with deuteranopia (Delta E 8.3 < 10)"));
    assert_non_null(strstr(buf, "set council.groups.grn.colour"));
    assert_int_equal((int)(strchr(buf, '\n') - buf + 1), (int)strlen(buf));
    /* Liverpool's groups as the scenario now colours them: no warning */
    memset(&cn, 0, sizeof cn);
    cn.ngroups = 7;
    set_group(&cn, 0, "labour", "Labour", "#E4003B");
    set_group(&cn, 1, "labour_rebels", "Labour rebels (suspended)", "#E36FA0");
    set_group(&cn, 2, "libdem", "Liberal Democrat", "#FAA61A");
    set_group(&cn, 3, "green", "Green", "#008450");
    set_group(&cn, 4, "liberal", "Liberal Party", "#6B2A0A");
    set_group(&cn, 5, "independent", "Independent", "#7F7F7F");
    set_group(&cn, 6, "former_labour", "Former Labour (left or suspended)", "#9467BD");
    assert_int_equal(warn_into(&cn, "liverpool.cfg", buf, sizeof buf), 0);
    assert_string_equal(buf, "");
    /* the same colour twice: the second has a mark, so no warning */
    memset(&cn, 0, sizeof cn);
    cn.ngroups = 2;
    set_group(&cn, 0, "a", "A", "#0072B2");
    set_group(&cn, 1, "b", "B", "#0072b2");
    assert_int_equal(colour_group_mark(&cn, 0), 0);
    assert_int_equal(colour_group_mark(&cn, 1), 1);
    assert_int_equal(warn_into(&cn, "", buf, sizeof buf), 0);
}

static void test_one_palette(void **state)
{
    (void)state;
    /* Okabe & Ito (2008), by hand */
    static const char *const okabe_ito[8] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                             "#56B4E9", "#D55E00", "#F0E442", "#000000"};
    assert_int_equal(COLOUR_PALETTE_N, 8);
    for (int i = 0; i < 8; i++) {
        assert_string_equal(colour_palette[i], okabe_ito[i]);
        assert_string_equal(bs_palette[i], okabe_ito[i]);
        if (i < 6)
            assert_string_equal(chart_palette[i], okabe_ito[i]);
    }
    for (int g = 0; g < BS_MAX_GROUPS; g++)
        assert_string_equal(bs_group_colour(g), okabe_ito[g % 8]);
}

static void test_many_groups(void **state)
{
    (void)state;
    static bs_council cn;
    memset(&cn, 0, sizeof cn);
    cn.ngroups = BS_MAX_GROUPS;
    for (int g = 0; g < cn.ngroups; g++) {
        char id[16];
        snprintf(id, sizeof id, "g%d", g + 1);
        set_group(&cn, g, id, id, bs_group_colour(g)); /* as load/check.c gives them */
    }
    double least = INFINITY;
    for (int i = 0; i < cn.ngroups; i++) {
        assert_int_equal(colour_group_mark(&cn, i), i / 8 < COLOUR_MARKS ? i / 8 : COLOUR_MARKS - 1);
        for (int j = i + 1; j < cn.ngroups; j++) {
            if (colour_group_mark(&cn, i) != colour_group_mark(&cn, j))
                continue;
            double d = colour_min_delta_e(hex(cn.groups[i].colour), hex(cn.groups[j].colour), NULL);
            if (d < COLOUR_MIN_DELTA_E)
                fail_msg("groups %d and %d: same mark, Delta E %.2f", i + 1, j + 1, d);
            least = fmin(least, d);
        }
    }
    assert_true(least >= COLOUR_MIN_DELTA_E);
    char buf[4000];
    assert_int_equal(warn_into(&cn, "many.cfg", buf, sizeof buf), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),     cmocka_unit_test(test_grey_stays_grey), cmocka_unit_test(test_reference),
        cmocka_unit_test(test_palette),   cmocka_unit_test(test_warning),         cmocka_unit_test(test_one_palette),
        cmocka_unit_test(test_many_groups),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
