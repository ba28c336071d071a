/* palette.c - the project's colours (see palette.h).
 *
 * This file may use: core/ and the C library. */
#include "core/palette.h"

const char *const bs_palette[BS_PALETTE_N] = {BS_PALETTE_0, BS_PALETTE_1, BS_PALETTE_2, BS_PALETTE_3,
                                              BS_PALETTE_4, BS_PALETTE_5, BS_PALETTE_6, BS_PALETTE_7};

const char *bs_group_colour(int g)
{
    return bs_palette[(g < 0 ? -g : g) % BS_PALETTE_N];
}
