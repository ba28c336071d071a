/* scan.c - the checks made on a scenario's text before libconfig reads it,
 * and libconfig's parse errors explained (see scan.h).
 *
 * The walk follows libconfig's grammar far enough to know the dotted path
 * of the setting each token belongs to, and the kind of the token before
 * it. Most of what it refuses is a libconfig 1.5 workaround, each marked as
 * such below: integer literals libconfig wraps (a '-' before the digits
 * counted, as libconfig counts it), a \x00 it drops from a text, a comment never closed,
 * floats that read as 0, [ ] arrays that mix 2 and 2.5, texts it cannot
 * place (it leaks them), and sizes that take it time in their square. The
 * rest is a limit of the reader's own (groups and lists nested 64 deep) or
 * what libconfig refuses too but explains badly (a dotted name, a bracket
 * closed by the wrong one).
 *
 * This file may use: core/, load/ and the C library. */
#include "load/scan.h"

#include "load/lex.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NEST 64             /* groups and lists inside each other */
#define MAX_CANDS 8             /* settings named on one line, for a duplicate */
#define MAX_IN_GROUP 1000       /* settings in one group (measures has at most 128) */
#define MAX_IN_LIST 1000        /* entries in one list (a per-year list has at most 50) */
#define MAX_LIST_ENTRIES 100000 /* entries in all the lists of a text */
#define MAX_PIECES 1000         /* "texts" "joined" "like this" */

/* What a walk learns about a text. */
typedef struct {
    int at_line;                           /* in: a line to describe, 0 for none */
    char setting[MAX_PATH_LEN + 1];        /* the last setting named on at_line, else the group around it */
    int ncand;                             /* every setting named on at_line, in order */
    char cand[MAX_CANDS][MAX_PATH_LEN + 1];
    int cand_tok[MAX_CANDS];               /* its number among the settings named */
    int cand_before[MAX_CANDS];            /* in a second pass: it was named before, too */
    int last_line;                         /* the line of the last token */
    int ends_in_setting;                   /* the last token is the '=' of setting */
    int open_line;                         /* the innermost group or list never closed, 0 for none */
    char open_char;                        /* its opening bracket */
    char open_setting[MAX_PATH_LEN + 1];   /* its setting */
    char setting_at_end[MAX_PATH_LEN + 1]; /* the last setting named */
    int nopen;                             /* groups and lists left open at the end */
    char opens[MAX_NEST];                  /* their opening brackets, outermost first */
} scan_info;

/* The state of a walk. */
typedef struct {
    char *text;          /* the text walked */
    int rewrite;         /* turn [ ] into ( ) in text */
    const spliced *sp;   /* the origin of its lines; NULL for a --set value */
    scan_info *info;
    bs_error *err;
    char path[MAX_PATH_LEN + 1];     /* the group or list the walk is in */
    char name[MAX_PATH_LEN + 1];     /* the last name */
    char full[MAX_PATH_LEN + 1];     /* a setting's path, for a message */
    char assigned[MAX_PATH_LEN + 1]; /* the name before the last '=' */
    size_t mark[MAX_NEST];           /* the length of path outside each open bracket */
    char open[MAX_NEST];             /* each open bracket */
    int open_line[MAX_NEST];         /* and its line */
    int in_group[MAX_NEST + 1];      /* settings named, or list entries, at each depth */
    int list_entries, pieces;        /* entries of all lists; texts joined so far */
    int depth;
    int name_line;                   /* the line of the last name */
    int after_name;                  /* the last token is a name */
    int named;                       /* a '=' since the last ';', ',' or bracket */
    int described;                   /* info->setting is set for info->at_line */
    int dotted;                      /* the last name holds a '.' */
    int tok;                         /* settings named so far */
    int second;                      /* a second pass, to fill info->cand_before */
    char prev; /* the kind of the token before: 'n' name, '=', 's' string, 'v' number, '?' other, or itself */
} walk;

/* prefix.name into buf (prefix alone when name is empty), cut to fit size.
 * buf may be prefix. */
static void path_join(char *buf, size_t size, const char *prefix, const char *name)
{
    if (buf != prefix)
        bs_strlcpy(buf, prefix, size);
    size_t n = strlen(buf);
    if (!name[0] || n + 2 >= size)
        return;
    if (n > 0)
        buf[n++] = '.';
    bs_strlcpy(buf + n, name, size - n);
}

/* The path of the setting being written, for a message, into w->full. */
static const char *setting_here(walk *w)
{
    path_join(w->full, sizeof w->full, w->path, w->named ? w->assigned : "");
    return w->full;
}

/* A failure at line (of the walked text): bs_fail() at its origin. */
static int fail_at(walk *w, int line, const char *setting, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail_at(walk *w, int line, const char *setting, const char *fmt, ...)
{
    const char *file;
    int fline;
    char msg[sizeof w->err->message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    spliced_where(w->sp, line, &file, &fline);
    return bs_fail(w->err, file, fline, setting, "%s", msg);
}

/* ------------------------------------------------------------------ */
/* Names and '='                                                       */
/* ------------------------------------------------------------------ */

/* Each on_...() handles one token of its kind and returns 0, -1 or -2 as
 * scan_check() does. */

/* A name: a setting's, when a '=' follows. On the line to describe, each
 * is a candidate for the setting libconfig found twice. */
static int on_name(walk *w, const lex_token *t)
{
    scan_info *info = w->info;
    size_t n = t->len < sizeof w->name ? t->len : sizeof w->name - 1;
    memcpy(w->name, t->start, n);
    w->name[n] = '\0';
    w->dotted = memchr(t->start, '.', t->len) != NULL;
    w->name_line = t->line;
    w->after_name = 1;
    w->prev = 'n';
    if (info->at_line && t->line == info->at_line && !w->second && info->ncand < MAX_CANDS) {
        /* libconfig finds a duplicate at its name, before any '=' */
        path_join(info->cand[info->ncand], sizeof info->cand[0], w->path, w->name);
        info->cand_tok[info->ncand] = w->tok + 1;
        info->cand_before[info->ncand++] = 0;
    }
    return 0;
}

/* horizon.years = 5; is how --set writes it, not a file: say how. */
static int dotted_name(walk *w, int line)
{
    char how[MAX_PATH_LEN + 200] = "";
    size_t o = 0;
    int levels = 0;
    for (const char *q = w->name; *q && o < sizeof how - 20; levels++) {
        const char *dot = strchr(q, '.');
        size_t n = dot ? (size_t)(dot - q) : strlen(q);
        o += (size_t)snprintf(how + o, sizeof how - o, "%.*s = %s", (int)n, q, dot ? "{ " : "...;");
        q += n + (dot ? 1 : 0);
    }
    while (--levels > 0 && o < sizeof how - 5)
        o += (size_t)snprintf(how + o, sizeof how - o, " };");
    return fail_at(w, line, w->full, "a name in a file cannot hold '.': write %s", how);
}

/* The '=' (or ':') after a name: a setting is named. */
static int on_assign(walk *w, const lex_token *t)
{
    scan_info *info = w->info;
    w->after_name = 0;
    w->named = 1;
    path_join(w->full, sizeof w->full, w->path, w->name);
    if (w->dotted)
        return dotted_name(w, t->line);
    if (++w->tok > MAX_ENTRIES || ++w->in_group[w->depth] > MAX_IN_GROUP) {
        /* libconfig 1.5 workaround: it looks for each new setting's name
         * among those of its group one by one, in time that grows with the
         * square of their number; refuse a huge group before it does */
        if (w->tok > MAX_ENTRIES)
            return fail_at(w, t->line, "", "too many settings (the limit is %d)", MAX_ENTRIES);
        return fail_at(w, t->line, w->path, "too many settings in one group (the limit is %d)", MAX_IN_GROUP);
    }
    bs_strlcpy(w->assigned, w->name, sizeof w->assigned);
    if (info->at_line && w->name_line == info->at_line)
        bs_strlcpy(info->setting, w->full, sizeof info->setting);
    for (int k = 0; w->second && k < info->ncand; k++)
        if (w->tok < info->cand_tok[k] && strcmp(w->full, info->cand[k]) == 0)
            info->cand_before[k] = 1;
    bs_strlcpy(info->setting_at_end, w->full, sizeof info->setting_at_end);
    info->ends_in_setting = 1;
    w->prev = '=';
    return 0;
}

/* ------------------------------------------------------------------ */
/* Texts, brackets, separators                                          */
/* ------------------------------------------------------------------ */

/* A text in double quotes, where a value may be. */
static int on_string(walk *w, const lex_token *t)
{
    /* libconfig 1.5 workaround: it leaks the text of a string it cannot
     * place (a syntax error just after it); refuse it here */
    int in_list = w->depth > 0 && (w->open[w->depth - 1] == '[' || w->open[w->depth - 1] == '(');
    char prev = w->prev;
    setting_here(w);
    if (prev == 'n') {
        path_join(w->full, sizeof w->full, w->path, w->name);
        fail_at(w, t->line, w->full, "expected '=' between the name and the text in double quotes");
        return -2;
    }
    if (strchr(";{},", prev) && !in_list) {
        fail_at(w, t->line, w->full, "text in double quotes where a setting name is expected");
        return -2;
    }
    if (!(prev == '=' || prev == 's' || prev == '[' || prev == '(' || (prev == ',' && in_list))) {
        char near[64];
        lex_line_text(w->text, t->line, near, sizeof near);
        fail_at(w, t->line, w->full, "syntax error near \"%s\"", near);
        return -2;
    }
    w->pieces = prev == 's' ? w->pieces + 1 : 1;
    if (w->pieces > MAX_PIECES) /* libconfig 1.5 workaround: it joins them in time that grows with their square */
        return fail_at(w, t->line, w->full, "more than %d texts in double quotes joined", MAX_PIECES);
    if (t->open) {
        fail_at(w, t->line, w->full, "the text in double quotes is never closed: a '\"' is missing");
        return -2;
    }
    /* libconfig 1.5 workaround: it drops the escape \x00 (a NUL byte)
     * from a text without a word, "a\x00b" reading as "ab" */
    for (size_t i = 1; i + 1 < t->len; i++) {
        if (t->start[i] != '\\')
            continue;
        if ((t->start[i + 1] == 'x' || t->start[i + 1] == 'X') && i + 3 < t->len && t->start[i + 2] == '0' &&
            t->start[i + 3] == '0')
            return fail_at(w, t->line, w->full, "the text holds \\x00, a NUL byte, which no text can hold");
        i++;
    }
    w->prev = 's';
    return 0;
}

/* '{', '[' or '(': a group or a list opens, inside the setting named. */
static int on_open(walk *w, const lex_token *t, char c)
{
    if (w->depth >= MAX_NEST)
        return fail_at(w, t->line, w->path, "groups and lists nest more than %d deep", MAX_NEST);
    w->mark[w->depth] = strlen(w->path);
    w->open[w->depth] = c;
    w->open_line[w->depth++] = t->line;
    w->in_group[w->depth] = 0;
    if (w->named)
        path_join(w->path, sizeof w->path, w->path, w->assigned);
    w->named = 0;
    /* libconfig 1.5 workaround: it refuses an array that mixes 2 and 2.5
     * ("mismatched element type in array"); a list takes both */
    if (w->rewrite && c == '[')
        w->text[t->start - w->text] = '(';
    w->prev = c;
    return 0;
}

/* '}', ']' or ')': the innermost group or list closes. */
static int on_close(walk *w, const lex_token *t, char c)
{
    int d = w->depth;
    char want = d > 0 ? (w->open[d - 1] == '{' ? '}' : w->open[d - 1] == '[' ? ']' : ')') : c;
    if (c != want) {
        /* libconfig says only "syntax error" at a bracket closed by the
         * wrong one: say which is missing, and where it was opened */
        const char *ofile, *file;
        int oline, fline;
        spliced_where(w->sp, w->open_line[d - 1], &ofile, &oline);
        spliced_where(w->sp, t->line, &file, &fline);
        if (strcmp(ofile, file) == 0)
            return bs_fail(w->err, file, fline, w->path, "a '%c' is missing: the '%c' of line %d is closed by a '%c'",
                           want, w->open[d - 1], oline, c);
        return bs_fail(w->err, file, fline, w->path, "a '%c' is missing: the '%c' of %s:%d is closed by a '%c'", want,
                       w->open[d - 1], ofile, oline, c);
    }
    /* a list's last entry has no ',' after it: count it at the end */
    if (c != '}' && w->prev != '[' && w->prev != '(' && ++w->list_entries > MAX_LIST_ENTRIES)
        return fail_at(w, t->line, "", "too many list entries (the limit is %d)", MAX_LIST_ENTRIES);
    if (d > 0)
        w->path[w->mark[--w->depth]] = '\0';
    if (w->rewrite && c == ']')
        w->text[t->start - w->text] = ')';
    w->named = 0;
    w->prev = c;
    return 0;
}

/* ';' or ','. */
static int on_separator(walk *w, const lex_token *t, char c)
{
    int d = w->depth;
    w->named = 0;
    w->prev = c;
    if (c == ',' && d > 0 && (w->open[d - 1] == '[' || w->open[d - 1] == '(') &&
        (++w->in_group[d] >= MAX_IN_LIST || ++w->list_entries > MAX_LIST_ENTRIES)) {
        /* libconfig 1.5 workaround: it grows a list in steps of 16
         * entries, in time that grows with the square of its length;
         * refuse a huge one first */
        if (w->in_group[d] >= MAX_IN_LIST)
            return fail_at(w, t->line, w->path, "the list has more than %d entries", MAX_IN_LIST);
        return fail_at(w, t->line, "", "too many list entries (the limit is %d)", MAX_LIST_ENTRIES);
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Numbers                                                             */
/* ------------------------------------------------------------------ */

/* A number literal (its first bytes in tokn, n of them). */
static int on_number(walk *w, const lex_token *t)
{
    char tokn[128];
    size_t n = t->len < sizeof tokn - 1 ? t->len : sizeof tokn - 1;
    memcpy(tokn, t->start, n);
    tokn[n] = '\0';
    int hex = t->start[0] == '0' && (t->start[1] == 'x' || t->start[1] == 'X');
    int is_float = !hex && (strchr(tokn, '.') || strchr(tokn, 'e') || strchr(tokn, 'E'));
    w->prev = 'v';
    if (is_float) {
        /* libconfig 1.5 workaround: 1e-400 reads as 0 without a word;
         * say so rather than "must be above 0, not 0" */
        size_t mant = strcspn(tokn, "eE");
        int nonzero = strcspn(tokn, "123456789") < mant;
        if (nonzero && n + 1 < sizeof tokn && strtod(tokn, NULL) == 0.0)
            return fail_at(w, t->line, setting_here(w),
                           "the number %s is too small to hold: it would read as 0 (write 0 if 0 is meant)", tokn);
        return 0;
    }
    /* libconfig 1.5 workaround: an integer literal above 2^31 - 1 without
     * an L suffix (a hex one too) wraps to a 32-bit int without a word; with
     * the suffix, one above 2^63 - 1 reads as 2^63 - 1 (a hex one wraps).
     * Refuse it, and say how to write it */
    int has_l = n > 0 && (tokn[n - 1] == 'L' || tokn[n - 1] == 'l');
    /* libconfig reads a '-' just before the digits as part of the number
     * (its scanner's token is [-+]?[0-9]+), so -2147483648 holds exactly;
     * a '-' is always a token of its own here, and a name never ends in a
     * digit's neighbour: the byte before says it */
    int negative = !hex && t->start > w->text && t->start[-1] == '-';
    errno = 0;
    unsigned long long v = strtoull(tokn, NULL, hex ? 16 : 10);
    int range = errno == ERANGE;
    unsigned long long limit = has_l ? (unsigned long long)INT64_MAX : (unsigned long long)INT32_MAX;
    if (!range && v <= limit + (unsigned long long)negative)
        return 0;
    char digits[128];
    if (hex && !range)
        snprintf(digits, sizeof digits, "%llu", v);
    else
        snprintf(digits, sizeof digits, "%s%.*s", negative ? "-" : "", (int)(n - (size_t)has_l), tokn);
    return fail_at(w, t->line, setting_here(w),
                   "the whole number %s%s is too large to read exactly; write it as a decimal (%s.0)",
                   negative ? "-" : "", tokn, digits);
}

/* ------------------------------------------------------------------ */
/* The walk                                                            */
/* ------------------------------------------------------------------ */

/* A byte of punctuation. */
static int on_punct(walk *w, const lex_token *t)
{
    char c = *t->start;
    if (c == '{' || c == '[' || c == '(')
        return on_open(w, t, c);
    if (c == '}' || c == ']' || c == ')')
        return on_close(w, t, c);
    if (c == ';' || c == ',')
        return on_separator(w, t, c);
    w->prev = '?';
    return 0;
}

/* One token of the walk. Returns 0, -1 or -2 as scan_check(). */
static int step(walk *w, const lex_token *t)
{
    scan_info *info = w->info;
    if (t->kind == LEX_NEWLINE || t->kind == LEX_BLANK || t->kind == LEX_COMMENT)
        return 0;
    if (t->kind == LEX_BLOCK) {
        if (!t->open)
            return 0;
        /* libconfig 1.5 workaround: a comment never closed hides the rest
         * of the file without a word */
        fail_at(w, t->line, w->path, "the comment is never closed: a '*/' is missing");
        return -2;
    }
    info->last_line = t->line;
    info->ends_in_setting = 0;
    if (info->at_line && !w->described && t->line >= info->at_line) {
        bs_strlcpy(info->setting, w->path, sizeof info->setting);
        w->described = 1;
    }
    if (t->kind == LEX_NAME)
        return on_name(w, t);
    if ((*t->start == '=' || *t->start == ':') && w->after_name)
        return on_assign(w, t);
    w->after_name = 0;
    if (t->kind == LEX_STRING)
        return on_string(w, t);
    if (t->kind == LEX_NUMBER)
        return on_number(w, t);
    return on_punct(w, t);
}

/* Walk text, filling info; a second pass with info->ncand set from the
 * first fills cand_before. Returns 0, -1 or -2 as scan_check(). */
static int scan_walk(char *text, int rewrite, const spliced *sp, scan_info *info, bs_error *err)
{
    walk w;
    memset(&w, 0, sizeof w);
    w.text = text;
    w.rewrite = rewrite;
    w.sp = sp;
    w.info = info;
    w.err = err;
    w.second = info->ncand > 0;
    w.prev = ';';
    info->setting[0] = info->open_setting[0] = '\0';
    info->last_line = info->open_line = info->ends_in_setting = 0;
    lexer lx;
    lex_token t;
    lex_init(&lx, text, 0);
    int rc = 0;
    while (rc == 0 && lex_next(&lx, &t) != LEX_END)
        rc = step(&w, &t);
    if (rc == 0 && w.depth > 0) {
        info->open_line = w.open_line[w.depth - 1];
        info->open_char = w.open[w.depth - 1];
        bs_strlcpy(info->open_setting, w.path, sizeof info->open_setting);
    }
    info->nopen = rc == 0 ? w.depth : 0;
    memcpy(info->opens, w.open, sizeof info->opens);
    return rc;
}

int scan_check(char *text, int rewrite, const spliced *sp, bs_error *err)
{
    scan_info info;
    memset(&info, 0, sizeof info);
    return scan_walk(text, rewrite, sp, &info, err);
}

/* ------------------------------------------------------------------ */
/* libconfig's errors, explained                                       */
/* ------------------------------------------------------------------ */

/* Describe line of sp->text into *info: the settings named there. */
static void describe(const spliced *sp, int line, scan_info *info)
{
    bs_error ignored;
    memset(info, 0, sizeof *info);
    info->at_line = line;
    scan_walk(sp->text, 0, sp, info, &ignored); /* cannot fail: the text was scanned before */
}

void scan_completion(const char *text, char *buf, size_t size)
{
    scan_info info;
    bs_error ignored;
    memset(&info, 0, sizeof info);
    scan_walk((char *)text, 0, NULL, &info, &ignored); /* rewrite 0: the text is not changed */
    size_t o = 0;
    buf[0] = '\0';
    if ((!info.ends_in_setting && info.nopen == 0) || size < (size_t)info.nopen + 4)
        return;
    buf[o++] = '\n';
    if (info.ends_in_setting)
        buf[o++] = '0';
    for (int d = info.nopen - 1; d >= 0; d--)
        buf[o++] = info.opens[d] == '{' ? '}' : info.opens[d] == '[' ? ']' : ')';
    buf[o] = '\0';
}

int scan_parse_error(const spliced *sp, int line, const char *what, int at_end, bs_error *err)
{
    scan_info info;
    const char *file;
    int fline;
    describe(sp, line, &info);
    if (!at_end)
        info.ends_in_setting = info.open_line = 0; /* a syntax error of its own, before the end */
    if (info.ends_in_setting && line >= info.last_line) {
        spliced_where(sp, info.last_line, &file, &fline);
        return bs_fail(err, file, fline, info.setting_at_end, "the file ends before its value");
    }
    if (info.open_line && line >= info.last_line) {
        /* the text ended inside a group or list */
        spliced_where(sp, info.open_line, &file, &fline);
        return bs_fail(err, file, fline, info.open_setting, "the %s is never closed: a '%c' is missing",
                       info.open_char == '{' ? "group" : "list",
                       info.open_char == '{' ? '}' : info.open_char == '[' ? ']' : ')');
    }
    if (info.last_line > 0 && line > info.last_line) {
        /* the error is at the end of the text: point at its last line */
        line = info.last_line;
        describe(sp, line, &info);
    }
    spliced_where(sp, line, &file, &fline);
    if (strcmp(what, "duplicate setting name") == 0) {
        /* the first setting on that line that was named before */
        const char *twice = info.setting;
        if (info.ncand > 0) {
            bs_error ignored;
            scan_walk(sp->text, 0, sp, &info, &ignored);
            for (int k = info.ncand - 1; k >= 0; k--)
                if (info.cand_before[k])
                    twice = info.cand[k];
        }
        return bs_fail(err, file, fline, twice, "is set twice");
    }
    if (strcmp(what, "syntax error") == 0) {
        char near[64];
        lex_line_text(sp->text, line, near, sizeof near);
        if (near[0])
            return bs_fail(err, file, fline, info.setting, "syntax error near \"%s\"", near);
    }
    return bs_fail(err, file, fline, info.setting, "%s", what);
}
