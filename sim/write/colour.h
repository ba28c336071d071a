/* colour.h - colours as readers see them: the project palette (Okabe-Ito),
 * a simulation of the three kinds of dichromacy (protanopia, deuteranopia,
 * tritanopia), the CIEDE2000 colour difference, and the warning for the
 * colours of two groups that such a reader could not tell apart.
 *
 * This file may use: core/, write/ and the C library. */
#ifndef BS_COLOUR_H
#define BS_COLOUR_H

#include <stdio.h>

#include "core/council.h"

#include "core/palette.h"

/* The project palette: Okabe & Ito (2008), "Color Universal Design", in the
 * order the charts use it: blue for the base (and the first of anything),
 * orange for the alternative, then bluish green, reddish purple, sky blue,
 * vermillion, yellow and black. Every pair is at least COLOUR_MIN_DELTA_E
 * apart under each simulation (tests/test_colour.c). It is written once, in
 * core/palette.h (the default group colours use it too): these are its names. */
#define COLOUR_PALETTE_N BS_PALETTE_N
#define colour_palette bs_palette

/* Two colours closer than this (CIEDE2000) for a typical reader or under a
 * simulation are taken as one. A CIEDE2000 difference of about 1 is just
 * noticeable side by side; on a chart the colours to be matched (a seat and
 * its key, one line and another) are apart, small and on white, so a
 * difference seen at a glance is asked for: 10. Okabe-Ito clears it under
 * each simulation (least 10.9, tritanopia), and the clash it is meant to
 * catch, Labour red #E4003B and Green #02A95B, both an olive under
 * deuteranopia, is 8.3. */
#define COLOUR_MIN_DELTA_E 10.0

typedef enum { COLOUR_TYPICAL, COLOUR_PROTAN, COLOUR_DEUTAN, COLOUR_TRITAN } colour_vision;

/* sRGB, each channel from 0 to 1. */
typedef struct {
    double r, g, b;
} colour_rgb;

/* "#rrggbb" into c. Returns 0, or -1 when s is not such a colour. */
int colour_parse(const char *s, colour_rgb *c);

/* "protanopia", "deuteranopia", "tritanopia" ("typical" for COLOUR_TYPICAL). */
const char *colour_vision_name(colour_vision v);

/* c as a reader with dichromacy v sees it (Machado, Oliveira and Fernandes
 * 2009, severity 1.0, in linear RGB), clamped to the sRGB gamut. */
colour_rgb colour_simulate(colour_rgb c, colour_vision v);

/* c in CIE L*a*b* (D65 white). */
void colour_lab(colour_rgb c, double lab[3]);

/* The CIEDE2000 difference of a and b (of their L*a*b*). */
double colour_delta_e(colour_rgb a, colour_rgb b);

/* The CIEDE2000 difference of two L*a*b* colours. */
double colour_delta_e00_lab(const double l1[3], const double l2[3]);

/* The CIE 1976 difference of a and b: the distance of their L*a*b*. */
double colour_delta_e76(colour_rgb a, colour_rgb b);

/* The least difference of a and b under the three simulations (and typical
 * vision); *worst, when not NULL, the vision it is seen with. */
double colour_min_delta_e(colour_rgb a, colour_rgb b, colour_vision *worst);

/* The mark the hemicycle draws on the seats of group g, so that groups of
 * one colour are told apart: 0 (none) for the first group of its colour,
 * then 1, 2, 3 for its 2nd, 3rd and 4th or later repeat (the same #rrggbb,
 * in either case, as an earlier group's). With the default colours
 * (core/palette.h) group g has the mark g / 8, at most 3. */
#define COLOUR_MARKS 4
int colour_group_mark(const bs_council *cn, int g);

/* One line on f for each pair of the council's groups whose colours are
 * closer than COLOUR_MIN_DELTA_E for a typical reader or under any
 * simulation, and which the hemicycle does not tell apart by a mark
 * (colour_group_mark): "budgetsim: warning: FILE: groups Labour (#E4003B)
 * and Green (#02A95B) look alike to a reader with deuteranopia (Delta E 8.3
 * < 10); the charts keep the scenario's colours: set
 * council.groups.green.colour (or council.groups.labour.colour)" (a typical
 * reader: "look alike (...)"). file names the scenario (none when NULL or
 * ""). Returns the lines written. */
int colour_warn_groups(FILE *f, const char *file, const bs_council *cn);

/* "set linetype K lc rgb '#...'" for K = 1 to 8: gnuplot's default colours
 * (a sweep's lines) from the project palette. */
void colour_gnuplot_linetypes(FILE *f);

#endif
