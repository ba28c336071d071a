/* imagecheck.h - is a chart gnuplot wrote really a chart? gnuplot can exit
 * 0 having drawn nothing, or half of a chart; a chart is kept only when its
 * bytes are one whole file of its format: an SVG is well-formed XML (UTF-8,
 * tags that match, entities that exist) with an <svg> root; a PNG has the
 * PNG signature, an IHDR chunk first and an IEND chunk last; a PDF starts
 * with %PDF- and has %%EOF near its end. The bytes are read as they come,
 * in pieces, without keeping them.
 *
 * This file may use: the C library. */
#ifndef BS_IMAGECHECK_H
#define BS_IMAGECHECK_H

#include <stddef.h>

typedef enum { IMG_SVG, IMG_PNG, IMG_PDF } img_kind;

#define IMG_STACK 2048 /* bytes for the names of the open XML elements */
#define IMG_TAIL 1024  /* the last bytes kept, for the end of a PNG or PDF */

/* A check under way (its fields are imagecheck.c's own). */
typedef struct {
    img_kind kind;
    unsigned long long bytes;          /* bytes read */
    unsigned char head[16];            /* the first bytes */
    unsigned char tail[IMG_TAIL];      /* the last bytes, a ring */
    /* SVG: where the reader is in the XML, and what it has seen */
    int state, quote, brackets, utf8_need, root_seen, root_done, depth;
    unsigned char utf8_lo, utf8_hi;    /* the range of the next continuation byte */
    unsigned char prev[2];             /* the two bytes before this one */
    long line;                         /* for messages */
    char word[16];                     /* an entity or a keyword being read */
    size_t word_len;
    char tag[64];                      /* the name of the tag being read */
    size_t tag_len;
    char stack[IMG_STACK];             /* open elements' names, each NUL-ended */
    size_t stack_len;
    const char *error;                 /* the first problem found, or NULL */
    char message[200];
} img_check;

/* Start checking a chart of kind k ("svg", "png" or "pdf"; any other name
 * is read as an SVG). */
void img_check_start(img_check *c, const char *ext);

/* Read the next n bytes of the chart. */
void img_check_feed(img_check *c, const char *data, size_t n);

/* After the last bytes: NULL when the chart is whole, else why it is not,
 * in a few words ("it is empty", "it is not well-formed XML: line 12:
 * </g> closes <text>", "it does not end with an IEND chunk", ...). The
 * words are in c. */
const char *img_check_finish(img_check *c);

#endif
