/* imagecheck.c - is a chart gnuplot wrote really a chart (see imagecheck.h):
 * the signatures of PNG and PDF, and a reader of XML that checks, byte by
 * byte, what makes an SVG well-formed.
 *
 * This file may use: the C library. */
#include "write/imagecheck.h"

#include <stdio.h>
#include <string.h>

/* Where the XML reader is. */
enum {
    X_TEXT,      /* character data (or the prolog, or after the root) */
    X_AMP,       /* an entity in character data */
    X_LT,        /* just after '<' */
    X_STAG,      /* the name of a start tag */
    X_ATTRS,     /* inside a start tag, between attributes */
    X_ANAME,     /* an attribute's name */
    X_AEQ,       /* after an attribute's name, before '=' */
    X_AVALQ,     /* after '=', before the quote */
    X_AVAL,      /* an attribute's value */
    X_AVAL_AMP,  /* an entity in an attribute's value */
    X_SLASH,     /* "/" in a start tag: '>' must follow */
    X_ETAG,      /* the name of an end tag */
    X_ETAG_END,  /* after the name of an end tag */
    X_PI,        /* <? ... ?> */
    X_BANG,      /* just after "<!" */
    X_COMMENT,   /* <!-- ... --> */
    X_CDATA,     /* <![CDATA[ ... ]]> */
    X_DOCTYPE    /* <!DOCTYPE ... > */
};

void img_check_start(img_check *c, const char *ext)
{
    memset(c, 0, sizeof *c);
    c->kind = strcmp(ext, "png") == 0 ? IMG_PNG : strcmp(ext, "pdf") == 0 ? IMG_PDF : IMG_SVG;
    c->line = 1;
}

/* Note the first problem: "line N: WHAT". */
static void xml_fail(img_check *c, const char *what)
{
    if (c->error)
        return;
    snprintf(c->message, sizeof c->message, "it is not well-formed XML: line %ld: %s", c->line, what);
    c->error = c->message;
}

/* Is b a byte of an XML name (start: a letter, '_', ':' or not ASCII)? */
static int name_start(unsigned char b)
{
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_' || b == ':' || b >= 0x80;
}

static int name_byte(unsigned char b)
{
    return name_start(b) || (b >= '0' && b <= '9') || b == '-' || b == '.';
}

static int space(unsigned char b)
{
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
}

/* Check one byte as UTF-8 (strict: no overlong form, no surrogate, nothing
 * above U+10FFFF) and as an XML character (no control character but tab,
 * line feed and carriage return). */
static void utf8_byte(img_check *c, unsigned char b)
{
    if (c->utf8_need) {
        if (b < c->utf8_lo || b > c->utf8_hi)
            xml_fail(c, "a byte that is not UTF-8");
        c->utf8_lo = 0x80, c->utf8_hi = 0xbf;
        c->utf8_need--;
        return;
    }
    if (b < 0x20 && !space(b))
        xml_fail(c, "a control character");
    else if (b >= 0x80 && b < 0xc2)
        xml_fail(c, "a byte that is not UTF-8");
    else if (b >= 0xc2 && b <= 0xf4) {
        c->utf8_need = b < 0xe0 ? 1 : b < 0xf0 ? 2 : 3;
        c->utf8_lo = b == 0xe0 ? 0xa0 : b == 0xf0 ? 0x90 : 0x80;
        c->utf8_hi = b == 0xed ? 0x9f : b == 0xf4 ? 0x8f : 0xbf;
    } else if (b > 0xf4)
        xml_fail(c, "a byte that is not UTF-8");
}

/* An entity's name (between '&' and ';') that XML knows without a DTD. */
static int known_entity(const char *w)
{
    static const char *const names[] = {"amp", "lt", "gt", "quot", "apos"};
    for (int i = 0; i < 5; i++)
        if (strcmp(w, names[i]) == 0)
            return 1;
    if (w[0] != '#' || !w[1])
        return 0;
    const char *digits = w[1] == 'x' ? "0123456789abcdefABCDEF" : "0123456789";
    const char *p = w + (w[1] == 'x' ? 2 : 1);
    return *p && strspn(p, digits) == strlen(p);
}

/* A byte of an entity; ';' ends it and the reader goes back to `back`. */
static void entity_byte(img_check *c, unsigned char b, int back)
{
    if (b == ';') {
        c->word[c->word_len] = '\0';
        if (!known_entity(c->word))
            xml_fail(c, "an unknown entity");
        c->state = back;
    } else if (c->word_len + 1 < sizeof c->word && (name_byte(b) || b == '#')) {
        c->word[c->word_len++] = (char)b;
    } else {
        xml_fail(c, "an '&' that starts no entity");
    }
}

/* The start tag read (c->tag) opens an element; closed: it is empty (<x/>). */
static void open_element(img_check *c, int closed)
{
    c->tag[c->tag_len] = '\0';
    if (c->depth == 0) {
        if (c->root_done)
            xml_fail(c, "a second root element");
        else if (strcmp(c->tag, "svg") != 0)
            xml_fail(c, "the root element is not <svg>");
        c->root_seen = 1;
    }
    if (closed) {
        c->root_done |= c->depth == 0;
        return;
    }
    if (c->stack_len + c->tag_len + 1 > sizeof c->stack) {
        xml_fail(c, "elements nested too deep");
        return;
    }
    memcpy(c->stack + c->stack_len, c->tag, c->tag_len + 1);
    c->stack_len += c->tag_len + 1;
    c->depth++;
}

/* The end tag read (c->tag) closes the innermost open element. */
static void close_element(img_check *c)
{
    c->tag[c->tag_len] = '\0';
    if (c->depth == 0) {
        xml_fail(c, "an end tag that closes nothing");
        return;
    }
    size_t start = c->stack_len - 1;
    while (start > 0 && c->stack[start - 1] != '\0')
        start--;
    if (strcmp(c->stack + start, c->tag) != 0)
        xml_fail(c, "an end tag that does not match its start tag");
    c->stack_len = start;
    if (--c->depth == 0)
        c->root_done = 1;
}

/* A byte of character data, or of what comes between the root and the rest. */
static void text_byte(img_check *c, unsigned char b)
{
    if (b == '<')
        c->state = X_LT;
    else if (b == '&' && c->depth > 0)
        c->state = X_AMP, c->word_len = 0;
    else if (c->depth == 0 && !space(b))
        xml_fail(c, "text outside the root element");
}

/* The byte after '<'. */
static void lt_byte(img_check *c, unsigned char b)
{
    c->tag_len = 0;
    c->word_len = 0;
    if (b == '/')
        c->state = X_ETAG;
    else if (b == '?')
        c->state = X_PI;
    else if (b == '!')
        c->state = X_BANG;
    else if (name_start(b))
        c->state = X_STAG, c->tag[c->tag_len++] = (char)b;
    else
        xml_fail(c, "a '<' that starts no tag");
}

/* A byte of a tag's name (start or end); true when it was one. */
static int tag_name_byte(img_check *c, unsigned char b)
{
    if (!name_byte(b))
        return 0;
    if (c->tag_len + 1 < sizeof c->tag)
        c->tag[c->tag_len++] = (char)b;
    else
        xml_fail(c, "a name too long");
    return 1;
}

/* A byte inside a start tag, from its name to its '>'. */
static void start_tag_byte(img_check *c, unsigned char b)
{
    switch (c->state) {
    case X_STAG:
        if (tag_name_byte(c, b))
            return;
        /* fall through - the name has ended */
    case X_ATTRS:
        if (b == '>')
            open_element(c, 0), c->state = X_TEXT;
        else if (b == '/')
            c->state = X_SLASH;
        else if (name_start(b) && c->state == X_ATTRS)
            c->state = X_ANAME;
        else if (space(b))
            c->state = X_ATTRS;
        else
            xml_fail(c, "a start tag that is not well-formed");
        return;
    case X_ANAME:
    case X_AEQ:
        if (b == '=')
            c->state = X_AVALQ;
        else if (space(b))
            c->state = X_AEQ;
        else if (!(c->state == X_ANAME && name_byte(b)))
            xml_fail(c, "an attribute without '='");
        return;
    case X_AVALQ:
        if (b == '"' || b == '\'')
            c->quote = b, c->state = X_AVAL;
        else if (!space(b))
            xml_fail(c, "an attribute's value not in quotes");
        return;
    case X_AVAL:
        if (b == c->quote)
            c->state = X_ATTRS;
        else if (b == '<')
            xml_fail(c, "a '<' in an attribute's value");
        else if (b == '&')
            c->state = X_AVAL_AMP, c->word_len = 0;
        return;
    default: /* X_SLASH */
        if (b == '>')
            open_element(c, 1), c->state = X_TEXT;
        else
            xml_fail(c, "a '/' in a start tag not followed by '>'");
    }
}

/* A byte of what "<!" starts: a comment, a CDATA section, a DOCTYPE. */
static void bang_byte(img_check *c, unsigned char b)
{
    static const char *const kinds[] = {"--", "[CDATA[", "DOCTYPE"};
    static const int states[] = {X_COMMENT, X_CDATA, X_DOCTYPE};
    if (c->word_len + 1 < sizeof c->word)
        c->word[c->word_len++] = (char)b;
    c->word[c->word_len] = '\0';
    int prefix = 0;
    for (int k = 0; k < 3; k++) {
        if (strcmp(c->word, kinds[k]) == 0) {
            c->state = states[k];
            c->prev[0] = c->prev[1] = 0;
            c->brackets = 0;
            if ((k == 1 && c->depth == 0) || (k == 2 && c->root_seen))
                xml_fail(c, k == 1 ? "a CDATA section outside the root" : "a DOCTYPE after the root");
            return;
        }
        prefix |= strncmp(kinds[k], c->word, c->word_len) == 0;
    }
    if (!prefix)
        xml_fail(c, "a '<!' that starts no comment, CDATA section or DOCTYPE");
}

/* A byte of a part that runs to a fixed end: "?>", "-->", "]]>", or the
 * DOCTYPE's '>' outside brackets. */
static void until_byte(img_check *c, unsigned char b)
{
    int done = 0;
    if (c->state == X_PI)
        done = c->prev[1] == '?' && b == '>';
    else if (c->state == X_COMMENT)
        done = c->prev[0] == '-' && c->prev[1] == '-' && b == '>';
    else if (c->state == X_CDATA)
        done = c->prev[0] == ']' && c->prev[1] == ']' && b == '>';
    else {
        c->brackets += b == '[' ? 1 : b == ']' ? -1 : 0;
        done = b == '>' && c->brackets <= 0;
    }
    c->prev[0] = c->prev[1];
    c->prev[1] = b;
    if (done)
        c->state = X_TEXT, c->prev[0] = c->prev[1] = 0;
}

/* One byte of an SVG. */
static void xml_byte(img_check *c, unsigned char b)
{
    utf8_byte(c, b);
    if (b == '\n')
        c->line++;
    switch (c->state) {
    case X_TEXT: text_byte(c, b); break;
    case X_AMP: entity_byte(c, b, X_TEXT); break;
    case X_AVAL_AMP: entity_byte(c, b, X_AVAL); break;
    case X_LT: lt_byte(c, b); break;
    case X_ETAG:
        if (tag_name_byte(c, b))
            break;
        c->state = X_ETAG_END;
        /* fall through - the name has ended */
    case X_ETAG_END:
        if (b == '>')
            close_element(c), c->state = X_TEXT;
        else if (!space(b))
            xml_fail(c, "an end tag that is not well-formed");
        break;
    case X_BANG: bang_byte(c, b); break;
    case X_PI:
    case X_COMMENT:
    case X_CDATA:
    case X_DOCTYPE: until_byte(c, b); break;
    default: start_tag_byte(c, b); break;
    }
}

void img_check_feed(img_check *c, const char *data, size_t n)
{
    const unsigned char *p = (const unsigned char *)data;
    for (size_t i = 0; i < n; i++) {
        if (c->bytes < sizeof c->head)
            c->head[c->bytes] = p[i];
        c->tail[c->bytes % IMG_TAIL] = p[i];
        c->bytes++;
        if (c->kind == IMG_SVG && !c->error)
            xml_byte(c, p[i]);
    }
}

/* The last n bytes read (n <= IMG_TAIL and n <= bytes) into out, in order. */
static void last_bytes(const img_check *c, unsigned char *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = c->tail[(c->bytes - n + i) % IMG_TAIL];
}

/* Why a PNG is not whole, or NULL: the signature, IHDR first, IEND last. */
static const char *png_problem(const img_check *c)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    static const unsigned char iend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82};
    unsigned char end[12];
    if (c->bytes < 8 + 25 + 12 || memcmp(c->head, sig, 8) != 0)
        return "it does not start with the PNG signature";
    if (memcmp(c->head + 12, "IHDR", 4) != 0)
        return "it has no IHDR chunk";
    last_bytes(c, end, sizeof end);
    return memcmp(end, iend, sizeof iend) == 0 ? NULL : "it does not end with an IEND chunk";
}

/* Why a PDF is not whole, or NULL: %PDF- first, %%EOF in its last bytes. */
static const char *pdf_problem(const img_check *c)
{
    unsigned char end[IMG_TAIL];
    size_t n = c->bytes < IMG_TAIL ? (size_t)c->bytes : IMG_TAIL;
    if (c->bytes < 5 || memcmp(c->head, "%PDF-", 5) != 0)
        return "it does not start with %PDF-";
    last_bytes(c, end, n);
    for (size_t i = 0; i + 5 <= n; i++)
        if (memcmp(end + i, "%%EOF", 5) == 0)
            return NULL;
    return "it has no %%EOF at its end";
}

const char *img_check_finish(img_check *c)
{
    if (c->bytes == 0)
        return "it is empty";
    if (c->kind == IMG_PNG)
        return png_problem(c);
    if (c->kind == IMG_PDF)
        return pdf_problem(c);
    if (c->error)
        return c->error;
    if (c->utf8_need)
        xml_fail(c, "a byte that is not UTF-8");
    else if (!c->root_seen)
        xml_fail(c, "no <svg> root element");
    else if (!c->root_done || c->state != X_TEXT)
        xml_fail(c, "it ends before its root element does");
    return c->error;
}
