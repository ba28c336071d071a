/* lex.h - the one tokenizer of the reader: libconfig's syntax cut into
 * tokens (comments, strings, numbers, names, punctuation, @include lines,
 * newlines), each with the line it starts on. Everything the reader reads
 * as text before libconfig does goes through it: @include splicing
 * (load/splice.c), the checks before parsing (load/scan.c), and the line
 * shown in a syntax error (lex_line_text).
 *
 * Lines are counted at '\n' alone, as libconfig counts them: '\r' is a
 * blank, so a CRLF file numbers its lines as an LF one. A file's CR-only
 * line ends become '\n' when it is read (text_line_ends, load/text.h), so
 * both count them too. A line shown in a message ends at '\r' as well as at
 * '\n'.
 *
 * This file may use: the C library. */
#ifndef BS_LOAD_LEX_H
#define BS_LOAD_LEX_H

#include <stddef.h>

typedef enum {
    LEX_END,     /* the end of the text (len 0) */
    LEX_NEWLINE, /* one '\n' */
    LEX_BLANK,   /* a run of spaces, tabs and '\r' */
    LEX_COMMENT, /* '#' or "//" up to the end of the line, its '\n' not included */
    LEX_BLOCK,   /* a comment between slash-star and star-slash; open: never closed */
    LEX_STRING,  /* "text" with backslash escapes, quotes included; open: never closed */
    LEX_NAME,    /* a letter or '*', then letters, digits, '_', '-', '*' and dots before a letter */
    LEX_NUMBER,  /* a digit, then letters, digits, dots, and a sign after an e (not in hex) */
    LEX_INCLUDE, /* an @include line, from its '@' to its end ('\n' not included) */
    LEX_PUNCT    /* any other byte: = : ; , { } [ ] ( ) and the rest */
} lex_kind;

typedef struct {
    lex_kind kind;
    const char *start; /* its first byte, in the text */
    size_t len;        /* its bytes */
    int line;          /* the line of its first byte (1-based) */
    int open;          /* LEX_BLOCK, LEX_STRING: the text ends before it is closed */
} lex_token;

typedef struct {
    const char *p;     /* the next byte to read */
    int line;          /* the line of p */
    int at_line_start; /* only blanks (or a '#' comment) since the last '\n' */
    int directives;    /* an '@' at the start of a line is an LEX_INCLUDE line */
} lexer;

/* Start lx at the beginning of text (NUL-terminated), on line 1. With
 * directives set, an '@' that starts a line (after blanks) is the start of
 * an LEX_INCLUDE token; else it is LEX_PUNCT. */
void lex_init(lexer *lx, const char *text, int directives);

/* The next token of lx into *t; returns its kind. At the end of the text
 * it returns LEX_END, again at each call. */
lex_kind lex_next(lexer *lx, lex_token *t);

/* What an LEX_INCLUDE line holds. */
typedef enum {
    LEX_INCLUDE_OK,       /* @include "name", then blanks and perhaps a comment */
    LEX_INCLUDE_BAD_FORM, /* not @include "name" on one line */
    LEX_INCLUDE_BAD_TAIL  /* something other than a comment after the name */
} lex_include_form;

/* The file name of the @include line t, between its quotes (as written:
 * libconfig reads no escapes there either), into *name and *len. */
lex_include_form lex_include_name(const lex_token *t, const char **name, size_t *len);

/* Line `line` of text, trimmed, blanks outside double quotes run together,
 * comments within the line shown as one blank and a trailing comment left
 * out, shortened to fit size (with "..." and never in the middle of a UTF-8
 * sequence), into buf. Empty when the line holds nothing else. */
void lex_line_text(const char *text, int line, char *buf, size_t size);

#endif
