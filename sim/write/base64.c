/* base64.c - see base64.h.
 *
 * This file may use: the C library. */
#include "write/base64.h"

#include <stdlib.h>

char *base64_text(const unsigned char *data, size_t n)
{
    static const char digit[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char *out = malloc(4 * ((n + 2) / 3) + 1), *p = out;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i += 3) {
        size_t left = n - i;
        unsigned v = (unsigned)data[i] << 16 | (left > 1 ? (unsigned)data[i + 1] << 8 : 0) |
                     (left > 2 ? data[i + 2] : 0);
        *p++ = digit[v >> 18 & 63];
        *p++ = digit[v >> 12 & 63];
        *p++ = left > 1 ? digit[v >> 6 & 63] : '=';
        *p++ = left > 2 ? digit[v & 63] : '=';
    }
    *p = '\0';
    return out;
}
