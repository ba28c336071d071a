/* pack.h - a scenario as a short run of bytes, and back: what
 * `budgetsim publish` puts into a page for the model compiled to
 * WebAssembly (sim/web/api.c) to read. A bs_scenario is plain data (no
 * pointers) of about 1 MB, mostly zeros, so the bytes of the struct are
 * kept as they are, with long runs of zeros squeezed out (pack.c gives the
 * format). The same code runs native and in wasm; a pack made by a build
 * whose struct has another size or layout is refused, never misread.
 *
 * This file may use: core/ and the C library (no files, no printing). */
#ifndef BS_PACK_H
#define BS_PACK_H

#include <stddef.h>

#include "core/scenario.h"

/* The pack's magic and the length of its header, in bytes. */
#define BS_PACK_MAGIC "BSPK1"
#define BS_PACK_HEADER (5 + 4 + 4 + 4)

/* The layout signature of this build's bs_scenario: a hash of the size and
 * of the offset of many fields of it and of its parts. Two builds with the
 * same signature lay the struct out alike. */
unsigned long scenario_layout_signature(void);

/* sc as packed bytes in *out (heap memory: the caller frees it), their
 * count in *len. Returns 0, or -1 when out of memory (*out NULL). */
int scenario_pack(const bs_scenario *sc, unsigned char **out, size_t *len);

/* Restore the scenario of a pack of len bytes into *sc. Returns 0, or -1
 * with err naming what is wrong (not a pack, another version, another
 * size or layout, truncated, a run overrunning the struct, bytes left
 * over; counts, indexes, enums, true/false values or start years the model
 * would follow out of bounds, texts without their NUL); *sc is then
 * unspecified. Numbers are not range-checked: a pack holds what
 * scenario_pack was given, which the reader had checked. */
int scenario_unpack(const unsigned char *in, size_t len, bs_scenario *sc, bs_error *err);

#endif
