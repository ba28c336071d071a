/* lex.c - the one tokenizer of the reader (see lex.h): libconfig's syntax
 * cut into tokens with their lines, for @include splicing, the checks
 * before parsing and the line shown in a syntax error. The rules are
 * libconfig's scanner's: a name starts with a letter or '*'; a string
 * takes backslash escapes; '#' and "//" comment to the end of the line.
 *
 * This file may use: the C library. */
#include "load/lex.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

void lex_init(lexer *lx, const char *text, int directives)
{
    lx->p = text;
    lx->line = 1;
    lx->at_line_start = 1;
    lx->directives = directives;
}

/* A blank: space, tab, or the '\r' of a CRLF or CR-only line end. */
static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* The end of the block comment that starts at p (slash-star), counting its
 * lines into lx; *open set when the text ends first. */
static const char *skip_block(lexer *lx, const char *p, int *open)
{
    p += 2;
    while (*p && !(p[0] == '*' && p[1] == '/')) {
        if (*p == '\n')
            lx->line++;
        p++;
    }
    *open = !*p;
    return *p ? p + 2 : p;
}

/* The end of the string that starts at p (a '"'), counting its lines into
 * lx; *open set when the text ends first. A backslash escapes the byte
 * after it, a '\n' too. */
static const char *skip_string(lexer *lx, const char *p, int *open)
{
    p++;
    while (*p && *p != '"') {
        if (*p == '\\' && p[1])
            p++;
        if (*p == '\n')
            lx->line++;
        p++;
    }
    *open = !*p;
    return *p ? p + 1 : p;
}

/* The end of the name that starts at p: a dot belongs to it when a letter
 * follows ("horizon.years" as --set writes it, refused in a file later). */
static const char *skip_name(const char *p)
{
    while (isalnum((unsigned char)*p) || *p == '_' || *p == '-' || *p == '*' ||
           (*p == '.' && isalpha((unsigned char)p[1])))
        p++;
    return p;
}

/* The end of the number that starts at p, a digit: letters and digits (hex,
 * an L suffix, and whatever libconfig will call garbage), dots, and a sign
 * right after the e of an exponent. */
static const char *skip_number(const char *p)
{
    const char *start = p;
    int hex = p[0] == '0' && (p[1] == 'x' || p[1] == 'X');
    while (isalnum((unsigned char)*p) || *p == '.' ||
           ((*p == '+' || *p == '-') && !hex && p > start && (p[-1] == 'e' || p[-1] == 'E')))
        p++;
    return p;
}

lex_kind lex_next(lexer *lx, lex_token *t)
{
    const char *p = lx->p;
    char c = *p;
    t->start = p;
    t->line = lx->line;
    t->open = 0;
    int keeps_line_start = 0; /* blanks and comments leave "at the start of a line" as it was */
    if (!c) {
        t->kind = LEX_END;
    } else if (c == '\n') {
        t->kind = LEX_NEWLINE;
        p++;
        lx->line++;
    } else if (is_blank(c)) {
        t->kind = LEX_BLANK;
        while (is_blank(*p))
            p++;
        keeps_line_start = 1;
    } else if (c == '#' || (c == '/' && p[1] == '/')) {
        t->kind = LEX_COMMENT;
        p += strcspn(p, "\n");
        keeps_line_start = 1;
    } else if (c == '/' && p[1] == '*') {
        t->kind = LEX_BLOCK;
        p = skip_block(lx, p, &t->open);
    } else if (c == '@' && lx->directives && lx->at_line_start) {
        t->kind = LEX_INCLUDE;
        p += strcspn(p, "\n");
    } else if (c == '"') {
        t->kind = LEX_STRING;
        p = skip_string(lx, p, &t->open);
    } else if (isalpha((unsigned char)c) || c == '*') {
        t->kind = LEX_NAME;
        p = skip_name(p);
    } else if (isdigit((unsigned char)c)) {
        t->kind = LEX_NUMBER;
        p = skip_number(p);
    } else {
        t->kind = LEX_PUNCT;
        p++;
    }
    t->len = (size_t)(p - t->start);
    lx->p = p;
    if (t->kind == LEX_NEWLINE)
        lx->at_line_start = 1;
    else if (!keeps_line_start && t->kind != LEX_END)
        lx->at_line_start = 0;
    return t->kind;
}

lex_include_form lex_include_name(const lex_token *t, const char **name, size_t *len)
{
    const char *end = t->start + t->len, *q;
    if (t->len < 8 || memcmp(t->start, "@include", 8) != 0)
        return LEX_INCLUDE_BAD_FORM;
    q = t->start + 8;
    while (q < end && (*q == ' ' || *q == '\t'))
        q++;
    const char *close = q < end && *q == '"' ? memchr(q + 1, '"', (size_t)(end - q - 1)) : NULL;
    if (!close)
        return LEX_INCLUDE_BAD_FORM;
    const char *rest = close + 1;
    while (rest < end && is_blank(*rest))
        rest++;
    if (rest < end && *rest != '#' && !(rest + 1 < end && rest[0] == '/' && rest[1] == '/'))
        return LEX_INCLUDE_BAD_TAIL;
    *name = q + 1;
    *len = (size_t)(close - q - 1);
    return LEX_INCLUDE_OK;
}

/* ------------------------------------------------------------------ */
/* A line for a message                                                */
/* ------------------------------------------------------------------ */

/* The text of a line as it is being built. */
typedef struct {
    char t[200];
    size_t n;
} line_buf;

/* Append c; 0 when the buffer is full and the line must end. */
static int put(line_buf *b, char c)
{
    if (b->n >= sizeof b->t - 1)
        return 0;
    b->t[b->n++] = c;
    return 1;
}

/* Append a blank unless one is there already; 0 when full. */
static int put_blank(line_buf *b)
{
    return b->n > 0 && b->t[b->n - 1] == ' ' ? 1 : put(b, ' ');
}

/* Append what t shows of the line; 0 when the line ends within it (its
 * end, a comment to the end of the line, a full buffer). */
static int put_token(line_buf *b, const lex_token *t)
{
    switch (t->kind) {
    case LEX_END:
    case LEX_NEWLINE:
    case LEX_COMMENT:
        return 0;
    case LEX_BLOCK: /* one blank, when it ends on this line */
        return !t->open && !memchr(t->start, '\n', t->len) && put_blank(b);
    case LEX_BLANK:
        for (size_t i = 0; i < t->len; i++)
            if (t->start[i] == '\r' || !put_blank(b))
                return 0;
        return 1;
    default: /* a string as it is written (tabs as blanks), the rest as they are */
        for (size_t i = 0; i < t->len; i++) {
            char c = t->start[i];
            if (c == '\n' || c == '\r' || !put(b, c == '\t' ? ' ' : c))
                return 0;
        }
        return 1;
    }
}

void lex_line_text(const char *text, int line, char *buf, size_t size)
{
    const char *p = text;
    for (int l = 1; l < line && *p; l++) {
        p = strchr(p, '\n');
        p = p ? p + 1 : text + strlen(text);
    }
    lexer lx;
    lex_token tok;
    line_buf b;
    b.n = 0;
    lex_init(&lx, p, 0);
    do
        lex_next(&lx, &tok);
    while (put_token(&b, &tok));
    size_t from = 0, n = b.n;
    while (from < n && b.t[from] == ' ')
        from++;
    while (n > from && b.t[n - 1] == ' ')
        n--;
    n -= from;
    if (n + 1 > size) {
        n = size > 4 ? size - 4 : 0;
        while (n > 0 && ((unsigned char)b.t[from + n] & 0xc0) == 0x80)
            n--; /* not in the middle of a UTF-8 sequence */
        snprintf(buf, size, "%.*s...", (int)n, b.t + from);
    } else {
        snprintf(buf, size, "%.*s", (int)n, b.t + from);
    }
}
