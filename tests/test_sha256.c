/* test_sha256.c - SHA-256 (sim/core/sha256.c) against the test vectors of
 * FIPS 180-4 (NIST's "Example Algorithms", SHA256.pdf, and the short and
 * long message vectors of the SHAVS): "abc" (one block), the empty string,
 * the 448-bit message (two blocks: its padding does not fit the first),
 * the 896-bit message, and a million 'a's fed in uneven pieces (the
 * buffering across calls). The digests are NIST's, not this program's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/sha256.h"

static void hex_is(const char *msg, const char *want)
{
    char hex[BS_SHA256_HEX];
    sha256_hex(msg, strlen(msg), hex);
    assert_string_equal(hex, want);
}

static void abc(void **state)
{
    (void)state;
    hex_is("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void empty(void **state)
{
    (void)state;
    hex_is("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void message_448_bits(void **state)
{
    (void)state;
    hex_is("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
           "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void message_896_bits(void **state)
{
    (void)state;
    hex_is("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrs"
           "mnopqrstnopqrstu",
           "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

/* a million 'a's, in pieces of 1, 63, 64, 65 ... bytes: the blocks cross every piece */
static void million_a(void **state)
{
    (void)state;
    static char a[1000];
    memset(a, 'a', sizeof a);
    bs_sha256 s;
    unsigned char d[BS_SHA256_BYTES];
    sha256_init(&s);
    size_t left = 1000000, sizes[] = {1, 63, 64, 65, 127, 1000};
    for (int i = 0; left > 0; i++) {
        size_t n = sizes[i % 6] < left ? sizes[i % 6] : left;
        sha256_update(&s, a, n);
        left -= n;
    }
    sha256_final(&s, d);
    static const unsigned char want[BS_SHA256_BYTES] = {
        0xcd, 0xc7, 0x6e, 0x5c, 0x99, 0x14, 0xfb, 0x92, 0x81, 0xa1, 0xc7, 0xe2, 0x84, 0xd7, 0x3e, 0x67,
        0xf1, 0x80, 0x9a, 0x48, 0xa4, 0x97, 0x20, 0x0e, 0x04, 0x6d, 0x39, 0xcc, 0xc7, 0x11, 0x2c, 0xd0};
    assert_memory_equal(d, want, sizeof want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(abc),
        cmocka_unit_test(empty),
        cmocka_unit_test(message_448_bits),
        cmocka_unit_test(message_896_bits),
        cmocka_unit_test(million_a),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
