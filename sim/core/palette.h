/* palette.h - the project's colours, written once (core/palette.c): the
 * palette of Okabe & Ito (2008), "Color Universal Design", in the order the
 * charts use it: blue for the base (and the first of anything), orange for
 * the alternative, then bluish green, reddish purple, sky blue, vermillion,
 * yellow and black. The charts' colours (write/colour.h colour_palette,
 * write/charts/chart.h chart_palette) and the default colours of a
 * council's groups (load/check.c) all come from here.
 *
 * A group without a colour of its own takes the colour of its place:
 * group g (from 0, in the scenario's order) takes BS_PALETTE[g mod 8]. There
 * are only eight colours that every reader tells apart (write/colour.h), so
 * the 9th to 16th group take the palette again, the 17th to 24th a third
 * time and so on; the hemicycle draws each repeat of a colour with a white
 * mark at the seat's centre (a dot, a square, a bar: write/charts/hemicycle.c),
 * so that two groups are told apart by their colour or by their mark.
 *
 * This file may use: the C library. */
#ifndef BS_PALETTE_H
#define BS_PALETTE_H

#define BS_PALETTE_N 8
#define BS_PALETTE_0 "#0072B2" /* blue */
#define BS_PALETTE_1 "#E69F00" /* orange */
#define BS_PALETTE_2 "#009E73" /* bluish green */
#define BS_PALETTE_3 "#CC79A7" /* reddish purple */
#define BS_PALETTE_4 "#56B4E9" /* sky blue */
#define BS_PALETTE_5 "#D55E00" /* vermillion */
#define BS_PALETTE_6 "#F0E442" /* yellow */
#define BS_PALETTE_7 "#000000" /* black */

/* The palette as an array, BS_PALETTE_0 first. */
extern const char *const bs_palette[BS_PALETTE_N];

/* The default colour of group g (g >= 0): bs_palette[g mod 8]. */
const char *bs_group_colour(int g);

#endif
