/* splice.c - @include lines replaced by the files they name (see splice.h),
 * found through the tokenizer (load/lex.h), so that an @include inside a
 * comment or a string is left alone.
 *
 * This file may use: core/, load/ and the C library. */
#include "load/splice.h"

#include "load/lex.h"

#include <stdlib.h>
#include <string.h>

void spliced_free(spliced *sp)
{
    free(sp->text);
    free(sp->file);
    free(sp->line);
    entries_free(&sp->names);
    memset(sp, 0, sizeof *sp);
}

void spliced_where(const spliced *sp, int line, const char **file, int *fline)
{
    if (!sp || sp->nlines == 0) {
        *file = sp ? "" : "--set";
        *fline = 0;
        return;
    }
    if (line > sp->nlines)
        line = sp->nlines;
    if (line < 1)
        line = 1;
    *file = sp->file[line - 1];
    *fline = sp->line[line - 1];
}

/* Room in sp for one more line's origin. Returns 0 or -1 (out of memory). */
static int grow_lines(spliced *sp)
{
    if (sp->nlines < sp->lcap)
        return 0;
    int cap = sp->lcap ? sp->lcap * 2 : 256;
    const char **nf = realloc(sp->file, (size_t)cap * sizeof *nf);
    if (nf)
        sp->file = nf;
    int *nl = nf ? realloc(sp->line, (size_t)cap * sizeof *nl) : NULL;
    if (!nl)
        return -1;
    sp->line = nl;
    sp->lcap = cap;
    return 0;
}

/* Record that the next byte of sp starts line `line` of file f. Returns 0
 * or -1 (out of memory). */
static int start_line(spliced *sp, const char *f, int line)
{
    if (grow_lines(sp) != 0)
        return -1;
    sp->file[sp->nlines] = f;
    sp->line[sp->nlines++] = line;
    return 0;
}

/* Append n bytes of file's text to sp, the first of them on the file's line
 * `line`. Returns 0, or -1 with err (too large, out of memory). */
static int spliced_add(spliced *sp, const char *s, size_t n, const char *file, int line, bs_error *err)
{
    if (n == 0)
        return 0;
    if (sp->len + n > MAX_FILE_BYTES)
        return bs_fail(err, file, line, "", "the scenario with its includes is too large (the limit is %d bytes)",
                       MAX_FILE_BYTES);
    if (sp->len + n + 1 > sp->cap) {
        size_t cap = sp->cap ? sp->cap : 4096;
        while (cap < sp->len + n + 1)
            cap *= 2;
        char *t = realloc(sp->text, cap);
        if (!t)
            return bs_fail_status(err, BS_EXIT_ENV, file, 0, "", "out of memory");
        sp->text = t;
        sp->cap = cap;
    }
    const char *f = entries_intern(&sp->names, file);
    if (!f)
        return bs_fail_status(err, BS_EXIT_ENV, file, 0, "", "out of memory");
    /* a line starts at the first byte, after a '\n' that ends the text so
     * far, and after each '\n' of s but one at its very end */
    if ((sp->len == 0 || sp->text[sp->len - 1] == '\n') && start_line(sp, f, line) != 0)
        return bs_fail_status(err, BS_EXIT_ENV, file, 0, "", "out of memory");
    for (const char *p = s, *end = s + n; (p = memchr(p, '\n', (size_t)(end - p))) && ++p < end;)
        if (start_line(sp, f, ++line) != 0)
            return bs_fail_status(err, BS_EXIT_ENV, file, 0, "", "out of memory");
    memcpy(sp->text + sp->len, s, n);
    sp->len += n;
    sp->text[sp->len] = '\0';
    return 0;
}

/* The file named by the @include line t of path (line t->line), checked,
 * into name. Returns 0, or -1 with err. */
static int include_name(const char *path, const lex_token *t, file_stack *st, char *name, size_t size,
                        bs_error *err)
{
    const char *q;
    size_t n;
    switch (lex_include_name(t, &q, &n)) {
    case LEX_INCLUDE_BAD_FORM:
        return bs_fail(err, path, t->line, "@include", "expected @include \"file name\"");
    case LEX_INCLUDE_BAD_TAIL:
        return bs_fail(err, path, t->line, "@include", "nothing but a comment may follow the file name");
    case LEX_INCLUDE_OK:
        break;
    }
    if (n >= size)
        return bs_fail(err, path, t->line, "@include", "file name is too long");
    memcpy(name, q, n);
    name[n] = '\0';
    if (++st->includes > MAX_INCLUDES)
        return bs_fail(err, path, t->line, "@include", "more than %d files included", MAX_INCLUDES);
    return 0;
}

/* Splice in the file named by the @include line t of path, after the text
 * of path before that line (from copied, on copied_line). Returns 0, or -1
 * with err. */
static int splice_include(const char *path, const lex_token *t, const char *copied, size_t ncopied,
                          int copied_line, const char *include_dir, file_stack *st, spliced *sp, bs_error *err)
{
    char name[PATH_MAX], full[PATH_MAX];
    int line = t->line;
    if (include_name(path, t, st, name, sizeof name, err) != 0)
        return -1;
    if (spliced_add(sp, copied, ncopied, path, copied_line, err) != 0)
        return -1;
    text_join_path(include_dir, name, full, sizeof full);
    char *inc = NULL;
    if (text_push(st, full, path, line, "@include", err) != 0)
        return -1;
    if (text_read_once(st->files, full, &inc, err) != 0)
        return text_refer(err, full, path, line, "@include");
    if (sp->len + strlen(inc) > MAX_FILE_BYTES) {
        free(inc);
        return bs_fail(err, path, line, "@include",
                       "the scenario with its includes is too large (the limit is %d bytes)", MAX_FILE_BYTES);
    }
    int rc = splice_text(full, inc, include_dir, st, sp, err);
    free(inc);
    st->n--;
    if (rc != 0)
        return -1;
    if (sp->len > 0 && sp->text[sp->len - 1] != '\n' && spliced_add(sp, "\n", 1, full, 0, err) != 0)
        return -1;
    return 0;
}

int splice_text(const char *path, const char *text, const char *include_dir, file_stack *st, spliced *sp,
                bs_error *err)
{
    const char *copied = text, *line_start = text;
    int copied_line = 1;
    if (!strchr(text, '@')) /* no @include line: the text as it is */
        return spliced_add(sp, text, strlen(text), path, 1, err);
    lexer lx;
    lex_token t;
    lex_init(&lx, text, 1);
    while (lex_next(&lx, &t) != LEX_END) {
        if (t.kind == LEX_NEWLINE)
            line_start = lx.p;
        if (t.kind != LEX_INCLUDE)
            continue;
        if (splice_include(path, &t, copied, (size_t)(line_start - copied), copied_line, include_dir, st, sp,
                           err) != 0)
            return -1;
        lex_next(&lx, &t); /* the '\n' that ends the @include line, which goes with it */
        copied = line_start = lx.p;
        copied_line = t.line + 1;
    }
    return spliced_add(sp, copied, strlen(copied), path, copied_line, err);
}
