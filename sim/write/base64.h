/* base64.h - base64 (RFC 4648, with padding), for what a page carries in
 * itself: the report's charts (report.c), the published page's module and
 * scenarios (publish.c). Written here, as neither jansson nor the C library
 * has one.
 *
 * This file may use: the C library. */
#ifndef BS_BASE64_H
#define BS_BASE64_H

#include <stddef.h>

/* The base64 of n bytes, in heap memory (a NUL-terminated text), or NULL
 * when out of memory. */
char *base64_text(const unsigned char *data, size_t n);

#endif
