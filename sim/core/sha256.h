/* sha256.h - SHA-256 (FIPS 180-4), for the content hash of every file a
 * command reads, so that each output can record its inputs and a user can
 * check them with `sha256sum`.
 *
 * Why here: none of the libraries budgetsim uses (GSL, libconfig, jansson,
 * cmocka) offers a hash, and one small function is less than another
 * dependency. It is not used for anything secret; it only identifies the
 * bytes of a file. tests/test_sha256.c checks it against the FIPS 180-4 /
 * NIST test vectors.
 *
 * This file may use: the C library. */
#ifndef BS_SHA256_H
#define BS_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define BS_SHA256_BYTES 32
#define BS_SHA256_HEX (2 * BS_SHA256_BYTES + 1) /* 64 lowercase hex digits and a NUL */

/* The state of a hash being computed: sha256_init, sha256_update as often
 * as there are pieces, then sha256_final. */
typedef struct {
    uint32_t h[8];
    uint64_t len;           /* bytes hashed so far */
    unsigned char buf[64];  /* the bytes of an incomplete block */
    size_t nbuf;
} bs_sha256;

void sha256_init(bs_sha256 *s);
void sha256_update(bs_sha256 *s, const void *data, size_t n);
void sha256_final(bs_sha256 *s, unsigned char digest[BS_SHA256_BYTES]);

/* The hash of the n bytes at data as 64 lowercase hex digits, into hex. */
void sha256_hex(const void *data, size_t n, char hex[BS_SHA256_HEX]);

#endif
