/* test_pack.c - cmocka unit tests of core/pack.h: every shipped scenario
 * packed and unpacked into a fresh struct is the same bytes (memcmp of the
 * whole struct, padding too); the Liverpool pack is small; and packs that
 * are cut short, of another version or layout, or whose runs overrun the
 * struct are refused with a message, never read; and a byte of the body
 * changed at random either is refused or leaves a scenario the model and
 * the vote run on without reading out of bounds (make test-sanitize runs
 * this under ASan and UBSan: before unpack checked counts, indexes, enums,
 * bools and start years, that part of it crashed in budget.c).
 *
 * Run from the repository root (make test-unit does). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/budget.h"
#include "core/pack.h"
#include "core/scenario.h"
#include "core/table.h"
#include "core/vote.h"
#include "load/source.h"

/* Every scenario the repository ships (scenarios/ and scenarios/examples/). */
static const char *const scenarios[] = {
    "scenarios/liverpool-2022-adopted.cfg", "scenarios/liverpool-2022-no-cuts.cfg",
    "scenarios/example-district.cfg",       "scenarios/examples/bristol-style.cfg",
    "scenarios/examples/hung-council.cfg",  "scenarios/examples/liverpool-uncertain.cfg",
    "scenarios/examples/mayor-override.cfg",
};
#define NSCEN (sizeof scenarios / sizeof scenarios[0])

static uint32_t get_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put_u32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static void test_round_trip(void **state)
{
    (void)state;
    bs_scenario *sc = scenario_new(), *back = scenario_new();
    assert_non_null(sc);
    assert_non_null(back);
    for (size_t k = 0; k < NSCEN; k++) {
        bs_error err = {0};
        memset(sc, 0, sizeof *sc);
        assert_int_equal(scenario_load(scenarios[k], NULL, 0, sc, &err), 0);
        unsigned char *bytes = NULL;
        size_t len = 0;
        assert_int_equal(scenario_pack(sc, &bytes, &len), 0);
        assert_non_null(bytes);
        assert_memory_equal(bytes, "BSPK1", 5);
        assert_int_equal(get_u32(bytes + 5), sizeof(bs_scenario));
        /* fresh memory full of ones: every byte must be written by unpack */
        memset(back, 0xff, sizeof *back);
        assert_int_equal(scenario_unpack(bytes, len, back, &err), 0);
        assert_int_equal(memcmp(sc, back, sizeof *sc), 0);
        printf("# %s: %zu bytes packed, of %zu\n", scenarios[k], len, sizeof(bs_scenario));
        free(bytes);
    }
    scenario_free(sc);
    scenario_free(back);
}

/* A struct all zeros is one token (L 0, Z the size); one with its last
 * byte set ends in a literal: the edges of the encoding. */
static void test_edges(void **state)
{
    (void)state;
    bs_scenario *sc = scenario_new(), *back = scenario_new();
    assert_non_null(sc);
    assert_non_null(back);
    sc->first_year = 2022;
    sc->nyears = 1;
    sc->nreserves = 1;
    unsigned char *bytes;
    size_t len;
    assert_int_equal(scenario_pack(sc, &bytes, &len), 0);
    /* first_year, nyears and nreserves each make a literal between zero runs: 4 tokens at most */
    assert_true(len <= BS_PACK_HEADER + 4 * 8 + 8);
    bs_error err = {0};
    memset(back, 1, sizeof *back);
    assert_int_equal(scenario_unpack(bytes, len, back, &err), 0);
    assert_int_equal(memcmp(sc, back, sizeof *sc), 0);
    free(bytes);
    /* the last byte: inside the last uncertainty's padding or field */
    ((unsigned char *)sc)[sizeof *sc - 1] = 7;
    ((unsigned char *)sc)[0] = 'x'; /* the name "x" */
    assert_int_equal(scenario_pack(sc, &bytes, &len), 0);
    memset(back, 1, sizeof *back);
    assert_int_equal(scenario_unpack(bytes, len, back, &err), 0);
    assert_int_equal(memcmp(sc, back, sizeof *sc), 0);
    free(bytes);
    scenario_free(sc);
    scenario_free(back);
}

/* The adopted Liverpool scenario loaded into sc and packed: heap memory,
 * *len bytes. */
static unsigned char *liverpool_packed(bs_scenario *sc, size_t *len)
{
    bs_error err = {0};
    unsigned char *bytes;
    assert_non_null(sc);
    assert_int_equal(scenario_load("scenarios/liverpool-2022-adopted.cfg", NULL, 0, sc, &err), 0);
    assert_int_equal(scenario_pack(sc, &bytes, len), 0);
    return bytes;
}

static void test_liverpool_small(void **state)
{
    (void)state;
    bs_scenario *sc = scenario_new();
    size_t len;
    unsigned char *bytes = liverpool_packed(sc, &len);
    printf("# Liverpool adopted: %zu bytes packed, sizeof(bs_scenario) %zu (%.2f%%)\n", len, sizeof *sc,
           100.0 * (double)len / (double)sizeof *sc);
    assert_true(len < sizeof *sc / 5);
    free(bytes);
    scenario_free(sc);
}

/* Unpack bytes (len), which must fail with a message containing want. */
static void refused(const unsigned char *bytes, size_t len, const char *want)
{
    bs_scenario *back = scenario_new();
    bs_error err = {0};
    assert_int_equal(scenario_unpack(bytes, len, back, &err), -1);
    char line[1200];
    bs_error_format(&err, line, sizeof line);
    printf("# refused: %s\n", line);
    if (!strstr(line, want))
        fail_msg("expected \"%s\" in \"%s\"", want, line);
    scenario_free(back);
}

static void test_refused(void **state)
{
    (void)state;
    bs_scenario *sc = scenario_new();
    size_t len;
    unsigned char *bytes = liverpool_packed(sc, &len);
    unsigned char *copy = malloc(len + 16);
    assert_non_null(copy);

    /* truncated: every cut of the header, then cuts of the body */
    for (size_t cut = 0; cut < BS_PACK_HEADER; cut++) {
        memcpy(copy, bytes, cut);
        refused(copy, cut, cut < 5 ? "not a scenario pack" : "truncated");
    }
    size_t cuts[] = {BS_PACK_HEADER, BS_PACK_HEADER + 2, BS_PACK_HEADER + 5, len / 2, len - 5, len - 1};
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        memcpy(copy, bytes, cuts[i]);
        refused(copy, cuts[i], "truncated");
    }
    /* bytes after the end */
    memcpy(copy, bytes, len);
    copy[len] = 0;
    refused(copy, len + 1, "1 bytes after the end");

    /* each bit of the header flipped in turn */
    for (size_t bit = 0; bit < 8 * BS_PACK_HEADER; bit++) {
        memcpy(copy, bytes, len);
        copy[bit / 8] ^= (unsigned char)(1u << (bit % 8));
        const char *want = bit < 32 ? "not a scenario pack" : bit < 40 ? "another version"
                           : bit < 104 ? "another layout" : "restores";
        refused(copy, len, want);
    }
    /* a signature of another layout, the size right */
    memcpy(copy, bytes, len);
    put_u32(copy + 9, get_u32(copy + 9) + 1);
    refused(copy, len, "another layout: signature");

    /* the first token's literal overrunning the struct */
    memcpy(copy, bytes, len);
    put_u32(copy + BS_PACK_HEADER, (uint32_t)sizeof(bs_scenario) + 1);
    refused(copy, len, "overruns the scenario");
    /* the first token's zeros overrunning it */
    memcpy(copy, bytes, len);
    uint32_t lit = get_u32(copy + BS_PACK_HEADER);
    put_u32(copy + BS_PACK_HEADER + 4 + lit, (uint32_t)sizeof(bs_scenario));
    refused(copy, len, "overruns the scenario");
    /* a run of zeros the size of a 32-bit count */
    put_u32(copy + BS_PACK_HEADER + 4 + lit, 0xffffffffu);
    refused(copy, len, "overruns the scenario");
    /* an empty token (it would restore nothing, for ever) */
    unsigned char empty[BS_PACK_HEADER + 8];
    memcpy(empty, bytes, BS_PACK_HEADER);
    memset(empty + BS_PACK_HEADER, 0, 8);
    refused(empty, sizeof empty, "an empty token");

    /* the right layout, a count out of its limits: the body rewritten */
    bs_scenario *bad = scenario_new();
    memcpy(bad, sc, sizeof *bad);
    bad->nmeasures = BS_MAX_MEASURES + 1;
    unsigned char *bb;
    size_t bl;
    assert_int_equal(scenario_pack(bad, &bb, &bl), 0);
    refused(bb, bl, "a count of its parts is out of range");
    free(bb);
    memcpy(bad, sc, sizeof *bad);
    memset(bad->name, 'a', sizeof bad->name);
    assert_int_equal(scenario_pack(bad, &bb, &bl), 0);
    refused(bb, bl, "a text is not terminated");
    free(bb);
    scenario_free(bad);

    free(copy);
    free(bytes);
    scenario_free(sc);
}

static bs_stances stances;
static bs_vote_result vote;

static void test_random_bytes(void **state)
{
    (void)state;
    bs_scenario *sc = scenario_new(), *back = scenario_new();
    bs_result *r = result_new();
    size_t len;
    unsigned char *bytes = liverpool_packed(sc, &len);
    unsigned char *copy = malloc(len);
    bs_error err = {0};
    assert_non_null(copy);
    uint64_t x = 88172645463325252u; /* xorshift64, fixed: the same bytes every run */
    int accepted = 0, n = 4000;
    for (int k = 0; k < n; k++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        memcpy(copy, bytes, len);
        copy[BS_PACK_HEADER + (size_t)(x % (len - BS_PACK_HEADER))] = (unsigned char)(x >> 40);
        if (scenario_unpack(copy, len, back, &err) != 0)
            continue;
        accepted++;
        budget_run(back, r);
        bs_table t = {0};
        if (table_from_result(back, r, &t) == 0 && back->chamber.given) {
            double p;
            int nv;
            vote_stances(&back->chamber, &t, &stances);
            vote_run(&back->chamber, &stances, BS_BALLOT_BUDGET, &vote);
            vote_exact(&back->chamber, &stances, BS_BALLOT_BUDGET, &p, NULL, &nv);
        }
        table_free(&t);
    }
    printf("# %d of %d packs with a byte changed accepted, and run\n", accepted, n);
    /* most bytes are numbers or text, which any value may take */
    assert_true(accepted > n / 2 && accepted < n);
    free(copy);
    free(bytes);
    result_free(r);
    scenario_free(sc);
    scenario_free(back);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_liverpool_small),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_random_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
