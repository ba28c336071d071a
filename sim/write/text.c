/* text.c - text made fit to show: UTF-8 checked, escapes, widths,
 * shortening and wrapping (see text.h).
 *
 * This file may use: the C library. */
#include "write/text.h"

#include <string.h>

#define ELLIPSIS "\xe2\x80\xa6" /* U+2026, one column */

int text_char_len(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned c = p[0], cp, min;
    int n;
    if (c == 0)
        return 0;
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        n = 2, cp = c & 0x1f, min = 0x80;
    else if ((c & 0xf0) == 0xe0)
        n = 3, cp = c & 0x0f, min = 0x800;
    else if (c >= 0xf0 && c <= 0xf4)
        n = 4, cp = c & 0x07, min = 0x10000;
    else
        return 0;
    for (int i = 1; i < n; i++) { /* a NUL is no continuation byte: never read past it */
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (p[i] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return n;
}

/* The code point of the valid character of n bytes at s. */
static unsigned code_point(const char *s, int n)
{
    const unsigned char *p = (const unsigned char *)s;
    static const unsigned char lead_mask[5] = {0, 0x7f, 0x1f, 0x0f, 0x07};
    unsigned cp = p[0] & lead_mask[n];
    for (int i = 1; i < n; i++)
        cp = cp << 6 | (p[i] & 0x3f);
    return cp;
}

long text_bad_utf8(const char *s)
{
    for (const char *p = s; *p;) {
        int n = text_char_len(p);
        if (n == 0)
            return (long)(p - s);
        p += n;
    }
    return -1;
}

/* The piece of display text for the start of s, into out (at least 8
 * bytes, terminated): the character itself, or its escape. Returns how
 * many bytes of s it stands for (0 at the end of s). */
static int piece(const char *s, char *out)
{
    static const char hex[] = "0123456789abcdef";
    int n = text_char_len(s);
    unsigned cp = n ? code_point(s, n) : (unsigned char)*s;
    if (!*s) {
        out[0] = '\0';
        return 0;
    }
    if (n == 0 || cp < 0x20 || cp == 0x7f) {
        out[0] = '\\', out[1] = 'x', out[2] = hex[cp >> 4 & 15], out[3] = hex[cp & 15], out[4] = '\0';
        return 1;
    }
    if (cp >= 0x80 && cp <= 0x9f) {
        memcpy(out, "\\u00", 4);
        out[4] = hex[cp >> 4 & 15], out[5] = hex[cp & 15], out[6] = '\0';
        return n;
    }
    memcpy(out, s, (size_t)n);
    out[n] = '\0';
    return n;
}

char *text_display(const char *s, char *buf, size_t size)
{
    char pc[8];
    size_t total = 0, o = 0;
    if (size == 0)
        return buf;
    for (const char *p = s; *p;) {
        p += piece(p, pc);
        total += strlen(pc);
    }
    /* too long: keep room for the "..." that marks the cut */
    size_t room = total < size ? size - 1 : (size > 4 ? size - 4 : 0);
    for (const char *p = s; *p;) {
        int adv = piece(p, pc);
        size_t m = strlen(pc);
        if (o + m > room)
            break;
        memcpy(buf + o, pc, m);
        o += m;
        p += adv;
    }
    if (total >= size && size > 4) {
        memcpy(buf + o, "...", 3);
        o += 3;
    }
    buf[o] = '\0';
    return buf;
}

void text_put(FILE *f, const char *s)
{
    char pc[8];
    for (const char *p = s; *p;) {
        p += piece(p, pc);
        fputs(pc, f);
    }
}

/* The columns of code point cp (text_width). */
static int cp_width(unsigned cp)
{
    if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x1ab0 && cp <= 0x1aff) || (cp >= 0x1dc0 && cp <= 0x1dff) ||
        (cp >= 0x20d0 && cp <= 0x20ff) || (cp >= 0xfe20 && cp <= 0xfe2f) || (cp >= 0x200b && cp <= 0x200f) ||
        cp == 0xfe0e || cp == 0xfe0f)
        return 0;
    if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf && cp != 0x303f) ||
        (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) ||
        (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f) ||
        (cp >= 0x1f680 && cp <= 0x1f6ff) || (cp >= 0x1f900 && cp <= 0x1f9ff) || (cp >= 0x20000 && cp <= 0x3fffd))
        return 2;
    return 1;
}

/* The columns and the bytes of the character at s (a stray byte: 1 and 1). */
static int char_at(const char *s, int *bytes)
{
    int n = text_char_len(s);
    *bytes = n ? n : 1;
    return n ? cp_width(code_point(s, n)) : 1;
}

int text_width(const char *s)
{
    int w = 0, n;
    for (const char *p = s; *p; p += n)
        w += char_at(p, &n);
    return w;
}

/* Where text is put together: buf of size bytes, o used. A piece that does
 * not fit whole is dropped, so the text never ends in half a character. */
typedef struct {
    char *buf;
    size_t size, o;
} sink;

/* Append the n bytes at s to k when they fit with the final NUL. */
static void put(sink *k, const char *s, size_t n)
{
    if (k->o + n < k->size) {
        memcpy(k->buf + k->o, s, n);
        k->o += n;
        k->buf[k->o] = '\0';
    }
}

/* The bytes of d that fit in width columns, from its start. */
static size_t fit_start(const char *d, int width)
{
    int w = 0, n;
    const char *p = d;
    for (; *p; p += n) {
        int cw = char_at(p, &n);
        if (w + cw > width)
            break;
        w += cw;
    }
    return (size_t)(p - d);
}

/* The offset in d of the longest end of it that fits in width columns. */
static size_t fit_end(const char *d, int width)
{
    size_t len = strlen(d), at = len;
    int w = 0;
    while (at > 0) {
        size_t start = at - 1;
        while (start > 0 && ((unsigned char)d[start] & 0xc0) == 0x80 && at - start < 4)
            start--;
        int n, cw = char_at(d + start, &n);
        if (start + (size_t)n != at) /* not one character: take the last byte alone */
            start = at - 1, cw = 1;
        if (w + cw > width)
            break;
        w += cw;
        at = start;
    }
    return at;
}

/* d (display text) into k shortened to width columns (text_shorten). */
static void shorten_into(sink *k, const char *d, int width, text_keep keep)
{
    if (text_width(d) <= width) {
        put(k, d, strlen(d));
        return;
    }
    int head = keep == TEXT_KEEP_START ? width - 1 : keep == TEXT_KEEP_END ? 0 : (width - 1) / 2;
    put(k, d, fit_start(d, head));
    put(k, ELLIPSIS, 3);
    size_t at = fit_end(d, width - 1 - head);
    if (keep != TEXT_KEEP_START)
        put(k, d + at, strlen(d + at));
}

char *text_shorten(const char *s, int width, text_keep keep, char *buf, size_t size)
{
    char d[4200];
    sink k = {buf, size, 0};
    if (size)
        buf[0] = '\0';
    text_display(s, d, sizeof d);
    shorten_into(&k, d, width < 3 ? 3 : width, keep);
    return buf;
}

/* The bytes of the first line of d in width columns, broken at the last
 * space that fits (a word longer than the line is cut); *next receives where
 * the next line starts (spaces skipped). */
static size_t line_break(const char *d, int width, const char **next)
{
    size_t fit = fit_start(d, width);
    if (d[fit] == '\0' || d[fit] == ' ') {
        *next = d + fit;
    } else {
        size_t sp = fit;
        while (sp > 0 && d[sp] != ' ')
            sp--;
        if (sp > 0)
            fit = sp;
        *next = d + fit;
    }
    while (**next == ' ')
        (*next)++;
    return fit;
}

char *text_wrap(const char *s, int width, int lines, char *buf, size_t size)
{
    char d[4200];
    sink k = {buf, size, 0};
    if (size)
        buf[0] = '\0';
    if (width < 3)
        width = 3;
    text_display(s, d, sizeof d);
    const char *p = d;
    for (int i = 0; *p && i < lines; i++) {
        if (i)
            put(&k, "\n", 1);
        if (i == lines - 1 || text_width(p) <= width) {
            shorten_into(&k, p, width, TEXT_KEEP_START);
            break;
        }
        const char *next;
        size_t n = line_break(p, width, &next);
        put(&k, p, n);
        p = next;
    }
    return buf;
}

/* Is the code point in a block the charts' font draws (text.h)? */
static int drawable(unsigned cp)
{
    static const unsigned blocks[][2] = {
        {0x0000, 0x06FF}, {0x07C0, 0x07FF}, {0x10A0, 0x10FF}, {0x1D00, 0x2BFF}, {0x2C60, 0x2C7F},
        {0x2E00, 0x2E7F}, {0xA640, 0xA69F}, {0xA700, 0xA7FF}, {0xFB00, 0xFB4F}, {0xFE20, 0xFE2F},
        {0xFFF9, 0xFFFD},
    };
    for (size_t k = 0; k < sizeof blocks / sizeof blocks[0]; k++)
        if (cp >= blocks[k][0] && cp <= blocks[k][1])
            return 1;
    return 0;
}

char *text_drawable(const char *s, char *buf, size_t size)
{
    static const char replacement[] = "\xef\xbf\xbd"; /* U+FFFD */
    size_t o = 0;
    if (size == 0)
        return buf;
    for (const char *p = s; *p;) {
        int n = text_char_len(p);
        const char *piece = p;
        size_t len;
        if (n == 0) { /* not UTF-8 (never in shown text): the byte as it is */
            len = 1;
            n = 1;
        } else if (drawable(code_point(p, n))) {
            len = (size_t)n;
        } else {
            piece = replacement;
            len = 3;
        }
        if (o + len + 1 > size)
            break;
        memcpy(buf + o, piece, len);
        o += len;
        p += n;
    }
    buf[o] = '\0';
    return buf;
}
