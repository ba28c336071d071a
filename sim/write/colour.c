/* colour.c - colours as readers see them (see colour.h): the Okabe-Ito
 * palette, dichromacy simulated by the matrices of
 *
 *   G. M. Machado, M. M. Oliveira and L. A. F. Fernandes, "A
 *   Physiologically-based Model for Simulation of Color Vision
 *   Deficiency", IEEE Transactions on Visualization and Computer Graphics
 *   15(6), 1291-1298, 2009 (doi:10.1109/TVCG.2009.113), Table 1, severity 1.0,
 *
 * applied to linear RGB (sRGB decoded, IEC 61966-2-1), and the CIEDE2000
 * colour difference of their L*a*b* (D65). Each row of a Machado matrix adds up
 * to 1, so a grey (r = g = b) is left grey.
 *
 * This file may use: core/, write/ and the C library. */
#include "write/colour.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

#include "write/text.h"

/* Machado et al. 2009, Table 1, severity 1.0: protanopia, deuteranopia,
 * tritanopia; each maps linear (r, g, b) to what the reader sees. */
static const double machado[3][3][3] = {
    {{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}},
    {{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}},
    {{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602}, {0.004733, 0.691367, 0.303900}},
};

int colour_parse(const char *s, colour_rgb *c)
{
    unsigned v[3];
    if (!s || strlen(s) != 7 || s[0] != '#')
        return -1;
    for (int k = 0; k < 3; k++) {
        char h[3] = {s[1 + 2 * k], s[2 + 2 * k], '\0'};
        char *end;
        unsigned long x = strtoul(h, &end, 16);
        if (*end || h[0] == '+' || h[0] == '-' || h[0] == ' ')
            return -1;
        v[k] = (unsigned)x;
    }
    c->r = v[0] / 255.0;
    c->g = v[1] / 255.0;
    c->b = v[2] / 255.0;
    return 0;
}

const char *colour_vision_name(colour_vision v)
{
    static const char *const names[] = {"typical", "protanopia", "deuteranopia", "tritanopia"};
    return names[v >= COLOUR_TYPICAL && v <= COLOUR_TRITAN ? v : 0];
}

static double decode(double u)
{
    return u <= 0.04045 ? u / 12.92 : pow((u + 0.055) / 1.055, 2.4);
}

static double encode(double l)
{
    l = l < 0 ? 0 : l > 1 ? 1 : l;
    return l <= 0.0031308 ? 12.92 * l : 1.055 * pow(l, 1 / 2.4) - 0.055;
}

colour_rgb colour_simulate(colour_rgb c, colour_vision v)
{
    if (v == COLOUR_TYPICAL)
        return c;
    const double(*m)[3] = machado[v - COLOUR_PROTAN];
    double lin[3] = {decode(c.r), decode(c.g), decode(c.b)}, out[3];
    for (int i = 0; i < 3; i++)
        out[i] = m[i][0] * lin[0] + m[i][1] * lin[1] + m[i][2] * lin[2];
    colour_rgb s = {encode(out[0]), encode(out[1]), encode(out[2])};
    return s;
}

static double lab_f(double t)
{
    const double d = 6.0 / 29;
    return t > d * d * d ? cbrt(t) : t / (3 * d * d) + 4.0 / 29;
}

void colour_lab(colour_rgb c, double lab[3])
{
    double r = decode(c.r), g = decode(c.g), b = decode(c.b);
    /* linear sRGB to XYZ (D65), over the white's X, Y, Z */
    double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
    double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
    double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
    double fx = lab_f(x), fy = lab_f(y), fz = lab_f(z);
    lab[0] = 116 * fy - 16;
    lab[1] = 500 * (fx - fy);
    lab[2] = 200 * (fy - fz);
}

double colour_delta_e76(colour_rgb a, colour_rgb b)
{
    double p[3], q[3];
    colour_lab(a, p);
    colour_lab(b, q);
    return sqrt((p[0] - q[0]) * (p[0] - q[0]) + (p[1] - q[1]) * (p[1] - q[1]) + (p[2] - q[2]) * (p[2] - q[2]));
}

static double deg(double r)
{
    return r * 180 / M_PI;
}

static double rad(double d)
{
    return d * M_PI / 180;
}

/* CIEDE2000 (CIE 142-2001), as written out by Sharma, Wu and Dalal, "The
 * CIEDE2000 color-difference formula: implementation notes, supplementary
 * test data, and mathematical observations", Color Research & Application
 * 30(1), 21-30, 2005; kL = kC = kH = 1. */
double colour_delta_e00_lab(const double l1[3], const double l2[3])
{
    double c1 = hypot(l1[1], l1[2]), c2 = hypot(l2[1], l2[2]), cm = (c1 + c2) / 2;
    double c7 = pow(cm, 7), g = 0.5 * (1 - sqrt(c7 / (c7 + pow(25, 7))));
    double a1 = (1 + g) * l1[1], a2 = (1 + g) * l2[1];
    double cp1 = hypot(a1, l1[2]), cp2 = hypot(a2, l2[2]);
    double h1 = cp1 == 0 ? 0 : fmod(deg(atan2(l1[2], a1)) + 360, 360);
    double h2 = cp2 == 0 ? 0 : fmod(deg(atan2(l2[2], a2)) + 360, 360);
    double dl = l2[0] - l1[0], dc = cp2 - cp1, dh = 0;
    if (cp1 * cp2 != 0) {
        dh = h2 - h1;
        dh = dh > 180 ? dh - 360 : dh < -180 ? dh + 360 : dh;
    }
    double dH = 2 * sqrt(cp1 * cp2) * sin(rad(dh / 2));
    double lm = (l1[0] + l2[0]) / 2, cpm = (cp1 + cp2) / 2, hm = h1 + h2;
    if (cp1 * cp2 != 0) {
        if (fabs(h1 - h2) <= 180)
            hm = (h1 + h2) / 2;
        else
            hm = h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2;
    }
    double t = 1 - 0.17 * cos(rad(hm - 30)) + 0.24 * cos(rad(2 * hm)) + 0.32 * cos(rad(3 * hm + 6)) -
               0.20 * cos(rad(4 * hm - 63));
    double dtheta = 30 * exp(-((hm - 275) / 25) * ((hm - 275) / 25));
    double cpm7 = pow(cpm, 7), rc = 2 * sqrt(cpm7 / (cpm7 + pow(25, 7)));
    double sl = 1 + 0.015 * (lm - 50) * (lm - 50) / sqrt(20 + (lm - 50) * (lm - 50));
    double sc = 1 + 0.045 * cpm, sh = 1 + 0.015 * cpm * t, rt = -sin(rad(2 * dtheta)) * rc;
    double x = dl / sl, y = dc / sc, z = dH / sh;
    return sqrt(x * x + y * y + z * z + rt * y * z);
}

double colour_delta_e(colour_rgb a, colour_rgb b)
{
    double p[3], q[3];
    colour_lab(a, p);
    colour_lab(b, q);
    return colour_delta_e00_lab(p, q);
}

double colour_min_delta_e(colour_rgb a, colour_rgb b, colour_vision *worst)
{
    double least = INFINITY;
    for (int v = COLOUR_TYPICAL; v <= COLOUR_TRITAN; v++) {
        double d = colour_delta_e(colour_simulate(a, (colour_vision)v), colour_simulate(b, (colour_vision)v));
        if (d < least) {
            least = d;
            if (worst)
                *worst = (colour_vision)v;
        }
    }
    return least;
}

/* The same colour: equal, but for the case of the hex digits. */
static int same_colour(const char *a, const char *b)
{
    for (; *a && tolower((unsigned char)*a) == tolower((unsigned char)*b); a++, b++)
        ;
    return *a == *b;
}

int colour_group_mark(const bs_council *cn, int g)
{
    int m = 0;
    for (int i = 0; i < g && i < cn->ngroups; i++)
        m += same_colour(cn->groups[i].colour, cn->groups[g].colour);
    return m < COLOUR_MARKS ? m : COLOUR_MARKS - 1;
}

int colour_warn_groups(FILE *f, const char *file, const bs_council *cn)
{
    int lines = 0;
    for (int i = 0; i < cn->ngroups; i++)
        for (int j = i + 1; j < cn->ngroups; j++) {
            colour_rgb a, b;
            colour_vision v = COLOUR_TYPICAL;
            if (colour_parse(cn->groups[i].colour, &a) != 0 || colour_parse(cn->groups[j].colour, &b) != 0)
                continue;
            if (colour_group_mark(cn, i) != colour_group_mark(cn, j))
                continue; /* told apart by the mark on their seats */
            double d = colour_min_delta_e(a, b, &v);
            if (d >= COLOUR_MIN_DELTA_E)
                continue;
            char n1[800], n2[800], shown[1200];
            fprintf(f, "budgetsim: warning: %s%sgroups %s (%s) and %s (%s) look alike%s%s (Delta E %.1f < %g); "
                       "the charts keep the scenario's colours: set council.groups.%s.colour (or council.groups.%s.colour)\n",
                    file && *file ? text_display(file, shown, sizeof shown) : "", file && *file ? ": " : "",
                    text_display(cn->groups[i].name, n1, sizeof n1), cn->groups[i].colour,
                    text_display(cn->groups[j].name, n2, sizeof n2), cn->groups[j].colour,
                    v == COLOUR_TYPICAL ? "" : " to a reader with ", v == COLOUR_TYPICAL ? "" : colour_vision_name(v),
                    d, COLOUR_MIN_DELTA_E, cn->groups[j].id, cn->groups[i].id);
            lines++;
        }
    return lines;
}

void colour_gnuplot_linetypes(FILE *f)
{
    for (int k = 0; k < COLOUR_PALETTE_N; k++)
        fprintf(f, "set linetype %d lc rgb '%s'\n", k + 1, colour_palette[k]);
    fputs("set linetype cycle 8\n", f);
}
