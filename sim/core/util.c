/* util.c - errors, text and number formatting.
 *
 * This file may use: core/, the C library and libm (no files, no printing, no exit). */
#include "core/util.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void verror(bs_error *err, int status, const char *file, int line,
                   const char *setting, const char *fmt, va_list ap)
{
    if (!err)
        return;
    err->status = status;
    bs_strlcpy(err->file, file ? file : "", sizeof err->file);
    err->line = line;
    bs_strlcpy(err->setting, setting ? setting : "", sizeof err->setting);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
}

int bs_fail(bs_error *err, const char *file, int line, const char *setting,
            const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(err, BS_EXIT_INPUT, file, line, setting, fmt, ap);
    va_end(ap);
    return -1;
}

int bs_fail_status(bs_error *err, int status, const char *file, int line,
                   const char *setting, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(err, status, file, line, setting, fmt, ap);
    va_end(ap);
    return -1;
}

/* Replace control characters so that a message stays on one line and a
 * terminal reads none as a command: C0 (newlines, ESC) and DEL each
 * become '?', and so does a C1 control written in UTF-8 (U+0080 to
 * U+009F, two bytes: U+009B is a CSI to some terminals). */
static void one_line(char *s)
{
    char *o = s;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
            p++;
            *o++ = '?';
        } else {
            *o++ = *p < 0x20 || *p == 0x7f ? '?' : (char)*p;
        }
    }
    *o = '\0';
}

const char *bs_printable(const char *text, char *buf, size_t size)
{
    if (size == 0)
        return "";
    size_t n = strlen(text);
    if (n >= size) {
        n = size > 4 ? size - 4 : size - 1;
        memcpy(buf, text, n);
        memcpy(buf + n, "...", size > 4 ? 4 : 1);
        buf[size - 1] = '\0';
    } else {
        memcpy(buf, text, n + 1);
    }
    one_line(buf);
    return buf;
}

void bs_error_format(const bs_error *err, char *buf, size_t size)
{
    char where[600] = "";
    if (err->file[0] && err->line > 0)
        snprintf(where, sizeof where, "%s:%d: ", err->file, err->line);
    else if (err->file[0])
        snprintf(where, sizeof where, "%s: ", err->file);
    if (err->setting[0])
        snprintf(buf, size, "%s%s: %s", where, err->setting, err->message);
    else
        snprintf(buf, size, "%s%s", where, err->message);
    one_line(buf);
}

int bs_strlcpy(char *dst, const char *src, size_t size)
{
    size_t n = strlen(src);
    if (size == 0)
        return -1;
    if (n >= size) {
        memcpy(dst, src, size - 1);
        dst[size - 1] = '\0';
        return -1;
    }
    memcpy(dst, src, n + 1);
    return 0;
}

/* The edit distance of a and b when it is below bound, else bound (or
 * more): a row of the table whose every cell is at least bound cannot lead
 * to less, so the work stops there. Names are compared with every setting
 * of the table for each one not found, thousands of times a second under
 * the fuzzer: most are far off and stop early. */
static int edit_distance_below(const char *a, const char *b, int bound)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 255 || lb > 255)
        return 1000;
    int gap = la > lb ? (int)(la - lb) : (int)(lb - la);
    if (gap >= bound)
        return gap; /* at least one edit for each letter one has more */
    int prev[256], cur[256];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = (int)i;
        int row_min = cur[0];
        for (size_t j = 1; j <= lb; j++) {
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int best = prev[j - 1] + cost;
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            cur[j] = best;
            if (best < row_min)
                row_min = best;
        }
        if (row_min >= bound)
            return row_min;
        memcpy(prev, cur, (lb + 1) * sizeof prev[0]);
    }
    return prev[lb];
}

int bs_edit_distance(const char *a, const char *b)
{
    return edit_distance_below(a, b, INT_MAX);
}

void bs_nearest_start(bs_nearest *n, const char *word, size_t len)
{
    n->printable = 1;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)word[i] < 0x20 || word[i] == 0x7f)
            n->printable = 0;
    if (len >= sizeof n->word)
        len = sizeof n->word - 1;
    memcpy(n->word, word, len);
    n->word[len] = '\0';
    n->best[0] = '\0';
    n->distance = INT_MAX;
    n->cap = INT_MAX - 1;
}

/* The most edits bs_nearest_best() accepts for n's word. */
static int nearest_limit(const bs_nearest *n, int slack, int floor)
{
    int limit = (int)strlen(n->word) / 3 + slack;
    return limit < floor ? floor : limit;
}

void bs_nearest_within(bs_nearest *n, int slack, int floor)
{
    n->cap = nearest_limit(n, slack, floor);
}

void bs_nearest_offer(bs_nearest *n, const char *candidate)
{
    int bound = n->distance <= n->cap ? n->distance : n->cap + 1; /* only a nearer one, close enough, counts */
    int d = edit_distance_below(n->word, candidate, bound);
    if (d >= bound)
        return;
    if (d < n->distance && bs_strlcpy(n->best, candidate, sizeof n->best) == 0)
        n->distance = d;
}

const char *bs_nearest_best(const bs_nearest *n, int slack, int floor)
{
    int limit = nearest_limit(n, slack, floor);
    return n->printable && n->best[0] && n->distance > 0 && n->distance <= limit ? n->best : NULL;
}

char *bs_fmt_grouped(double v, int decimals, int plus, char *buf, size_t size)
{
    char raw[64];
    double scale = pow(10.0, decimals);
    /* Round first, so that -0.04 prints as 0.0 and not -0.0. */
    double r = round(v * scale) / scale;
    if (r == 0.0)
        r = 0.0;
    snprintf(raw, sizeof raw, "%.*f", decimals, fabs(r));
    char *dot = strchr(raw, '.');
    size_t intlen = dot ? (size_t)(dot - raw) : strlen(raw);
    char out[96];
    size_t o = 0;
    if (r < 0)
        out[o++] = '-';
    else if (plus && r > 0)
        out[o++] = '+';
    for (size_t i = 0; i < intlen; i++) {
        out[o++] = raw[i];
        size_t left = intlen - i - 1;
        if (left > 0 && left % 3 == 0)
            out[o++] = ',';
    }
    if (dot) {
        size_t rest = strlen(dot);
        memcpy(out + o, dot, rest);
        o += rest;
    }
    out[o] = '\0';
    bs_strlcpy(buf, out, size);
    return buf;
}

char *bs_fmt_m(double m, char *buf, size_t size)
{
    return bs_fmt_grouped(m, 1, 0, buf, size);
}

char *bs_fmt_signed_m(double m, char *buf, size_t size)
{
    return bs_fmt_grouped(m, 1, 1, buf, size);
}

char *bs_fmt_pounds(double pounds, char *buf, size_t size)
{
    return bs_fmt_grouped(pounds, 2, 0, buf, size);
}

char *bs_fmt_gbp_m(double m, int decimals, char *buf, size_t size)
{
    char num[64];
    bs_fmt_grouped(m, decimals, 0, num, sizeof num);
    if (num[0] == '-')
        snprintf(buf, size, "-\xc2\xa3%sm", num + 1);
    else
        snprintf(buf, size, "\xc2\xa3%sm", num);
    return buf;
}

char *bs_year_label(int year, char *buf, size_t size)
{
    snprintf(buf, size, "%d/%02d", year, (year + 1) % 100);
    return buf;
}

const char *bs_num_text(double v, char *buf, size_t size)
{
    if (v == floor(v) && fabs(v) < 1e15) {
        snprintf(buf, size, "%.0f", v);
        return buf;
    }
    /* the shortest form that reads back as v: 100000000.0000001 must not
     * be shown as 1e+08, which would look inside the range */
    for (int digits = 6; digits <= 17; digits++) {
        snprintf(buf, size, "%.*g", digits, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    return buf;
}
