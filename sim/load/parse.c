/* parse.c - text to entries through libconfig (see parse.h).
 *
 * libconfig 1.5 workaround: the settings of a text read with
 * config_read_string have no file (config_setting_source_file is NULL), so
 * the file of each comes from the splice (load/splice.h); its line is
 * libconfig's own, config_setting_source_line, a line of the spliced text.
 *
 * This file may use: core/, load/, libconfig and the C library. */
#include "load/parse.h"

#include "load/scan.h"
#include "load/text.h"

#include <ctype.h>
#include <libconfig.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SET_VALUE 4000  /* the value of one --set, in bytes */
#define MAX_NEST_CLOSE 80   /* what ends a text: a newline, a value and 64 closing brackets */

/* ------------------------------------------------------------------ */
/* Flattening a libconfig tree                                         */
/* ------------------------------------------------------------------ */

/* What a list entry that is not a number is, for messages. */
static const char *element_kind(int type)
{
    switch (type) {
    case CONFIG_TYPE_STRING: return "text";
    case CONFIG_TYPE_BOOL: return "true/false";
    case CONFIG_TYPE_GROUP: return "a group";
    default: return "a list";
    }
}

/* A text as libconfig read it, its escapes (\\xNN) read: valid UTF-8,
 * which the check of the file's bytes (load/text.c) cannot see for an
 * escape. which: "" for the setting itself, else "entry N ". Returns 0, or
 * -1 with err. */
static int check_text(const char *t, const entry *e, const char *path, int index, bs_error *err)
{
    if (!text_utf8_bad_line((const unsigned char *)t, strlen(t)))
        return 0;
    char which[32] = "";
    if (index > 0)
        snprintf(which, sizeof which, "entry %d ", index);
    return bs_fail(err, e->file, e->line, path,
                   "%sis not valid UTF-8 text once its escapes are read (a \\x escape above \\x7f is one byte of "
                   "UTF-8, not a character)",
                   which);
}

/* The texts of the list c (m of them, joined bytes with their newlines)
 * into e->str, joined by newlines: a V_STRLIST. Returns 0 or -1 with err;
 * on failure e->list and e->str are freed. */
static int join_texts(config_setting_t *c, int m, size_t joined, entry *e, const char *path, bs_error *err)
{
    e->kind = V_STRLIST;
    if (!(e->str = malloc(joined + 1))) {
        free(e->list);
        return bs_fail_status(err, BS_EXIT_ENV, e->file, e->line, path, "out of memory");
    }
    size_t o = 0;
    for (int k = 0; k < m; k++) {
        const char *t = config_setting_get_string(config_setting_get_elem(c, (unsigned)k));
        if (check_text(t, e, path, k + 1, err) != 0) {
            free(e->list);
            free(e->str);
            return -1;
        }
        for (const char *q = t; *q; q++)
            if ((unsigned char)*q < 0x20) {
                free(e->list);
                free(e->str);
                return bs_fail(err, e->file, e->line, path, "entry %d holds a control character", k + 1);
            }
        size_t tl = strlen(t);
        memcpy(e->str + o, t, tl);
        o += tl;
        e->str[o++] = k + 1 < m ? '\n' : '\0';
    }
    e->str[o] = '\0';
    return 0;
}

/* The array or list c into e: a V_LIST of numbers, a V_MIXED naming the
 * first entry that is not a number, or a V_STRLIST when all are texts.
 * Returns 0 or -1 with err (nothing left allocated in e). */
static int flatten_list(config_setting_t *c, entry *e, const char *path, bs_error *err)
{
    int m = config_setting_length(c);
    e->kind = V_LIST;
    e->list = malloc((size_t)(m > 0 ? m : 1) * sizeof(double));
    if (!e->list)
        return bs_fail_status(err, BS_EXIT_ENV, e->file, e->line, path, "out of memory");
    int nstr = 0;
    size_t joined = 0;
    for (int k = 0; k < m; k++) {
        config_setting_t *el = config_setting_get_elem(c, (unsigned)k);
        int t = config_setting_type(el);
        if (t == CONFIG_TYPE_STRING) {
            nstr++;
            joined += strlen(config_setting_get_string(el)) + 1;
        }
        if (t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64 || t == CONFIG_TYPE_FLOAT) {
            /* libconfig 1.5 workaround: config_setting_get_float() gives 0
             * for an integer literal; each is read by its own type */
            double v = t == CONFIG_TYPE_FLOAT ? config_setting_get_float(el) : (double)config_setting_get_int64(el);
            if (t == CONFIG_TYPE_INT)
                v = config_setting_get_int(el);
            if (!isfinite(v)) {
                free(e->list);
                return bs_fail(err, e->file, e->line, path, "entry %d is not a finite number", k + 1);
            }
            e->list[k] = v;
        } else if (e->kind != V_MIXED) {
            e->kind = V_MIXED;
            e->bad_entry = k + 1;
            e->bad_kind = element_kind(t);
        }
    }
    e->nlist = m;
    if (m > 0 && nstr == m) /* a list of texts (amendment changes, group ids) */
        return join_texts(c, m, joined, e, path, err);
    return 0;
}

/* The value of the setting c (at path) into e, whose file and line are set:
 * each number read by its own type, as in flatten_list(). Returns 0 or -1
 * with err (nothing left allocated in e). */
static int flatten_value(config_setting_t *c, entry *e, const char *path, bs_error *err)
{
    switch (config_setting_type(c)) {
    case CONFIG_TYPE_GROUP: e->kind = V_GROUP; return 0;
    case CONFIG_TYPE_INT:
        e->kind = V_NUM;
        e->is_int = 1;
        e->num = config_setting_get_int(c);
        return 0;
    case CONFIG_TYPE_INT64:
        e->kind = V_NUM;
        e->is_int = 1;
        e->num = (double)config_setting_get_int64(c);
        return 0;
    case CONFIG_TYPE_FLOAT:
        e->kind = V_NUM;
        e->num = config_setting_get_float(c);
        if (!isfinite(e->num))
            return bs_fail(err, e->file, e->line, path, "is not a finite number");
        return 0;
    case CONFIG_TYPE_BOOL:
        e->kind = V_BOOL;
        e->boolean = config_setting_get_bool(c);
        return 0;
    case CONFIG_TYPE_STRING:
        e->kind = V_STR;
        if (check_text(config_setting_get_string(c), e, path, 0, err) != 0)
            return -1;
        if (!(e->str = strdup(config_setting_get_string(c))))
            return bs_fail_status(err, BS_EXIT_ENV, e->file, e->line, path, "out of memory");
        return 0;
    case CONFIG_TYPE_ARRAY:
    case CONFIG_TYPE_LIST: return flatten_list(c, e, path, err);
    default: return bs_fail(err, e->file, e->line, path, "has a value of an unknown type");
    }
}

/* Add the settings under s to out as entries named prefix.NAME, with the file
 * and line each came from (sp maps the lines; NULL for a --set value). */
static int flatten(config_setting_t *s, const char *prefix, const spliced *sp, entry_set *out, bs_error *err)
{
    int n = config_setting_length(s);
    for (int i = 0; i < n; i++) {
        config_setting_t *c = config_setting_get_elem(s, (unsigned)i);
        const char *name = config_setting_name(c);
        const char *where;
        int line;
        spliced_where(sp, (int)config_setting_source_line(c), &where, &line);
        const char *file = entries_intern(out, where);
        if (!file)
            return bs_fail_status(err, BS_EXIT_ENV, where, 0, "", "out of memory");
        entry e = {0};
        char path[MAX_PATH_LEN + 2];
        int len = snprintf(path, sizeof path, "%s%s%s", prefix, prefix[0] ? "." : "", name ? name : "?");
        if (len > MAX_PATH_LEN)
            return bs_fail(err, file, line, "", "setting path %.60s... is too long (the limit is %d characters)",
                           path, MAX_PATH_LEN);
        e.file = file;
        e.line = line;
        if (flatten_value(c, &e, path, err) != 0)
            return -1;
        if (!(e.path = strdup(path))) {
            entry_clear(&e);
            return bs_fail_status(err, BS_EXIT_ENV, file, line, path, "out of memory");
        }
        if (entries_find(out, path)) {
            entry_clear(&e);
            return bs_fail(err, file, line, path, "is set twice");
        }
        if (entries_put(out, &e, err) != 0)
            return -1;
        if (config_setting_type(c) == CONFIG_TYPE_GROUP && flatten(c, path, sp, out, err) != 0)
            return -1;
    }
    return 0;
}

/* Does libconfig's error in text (as scan_check() left it) come from the
 * text ending too soon? It does when the text with what would end it
 * (scan_completion) reads without an error, or with one only in what was
 * added (after the text's last line); an error before that is the text's
 * own, which libconfig reports at its line. Returns 1, 0, or -1 when out
 * of memory. */
static int error_at_end(const char *text)
{
    char end[MAX_NEST_CLOSE];
    scan_completion(text, end, sizeof end);
    if (!end[0])
        return 0;
    size_t n = strlen(text), m = strlen(end);
    char *whole = malloc(n + m + 1);
    if (!whole)
        return -1;
    memcpy(whole, text, n);
    memcpy(whole + n, end, m + 1);
    int lines = 1;
    for (size_t i = 0; i < n; i++)
        lines += text[i] == '\n';
    config_t cf;
    config_init(&cf);
    int ok = config_read_string(&cf, whole);
    int at = ok ? 0 : config_error_line(&cf);
    config_destroy(&cf);
    free(whole);
    return ok || at > lines ? 1 : 0;
}

int parse_spliced(const char *path, const spliced *sp, entry_set *out, bs_error *err)
{
    char *parsed = strdup(sp->text ? sp->text : "");
    if (!parsed)
        return bs_fail_status(err, BS_EXIT_ENV, path, 0, "", "out of memory");
    int rc = scan_check(parsed, 1, sp, err);
    config_t cf;
    config_init(&cf);
    if (rc == 0 && !config_read_string(&cf, parsed)) {
        int line = config_error_line(&cf), at_end = error_at_end(parsed);
        if (at_end < 0)
            rc = bs_fail_status(err, BS_EXIT_ENV, path, 0, "", "out of memory");
        else
            rc = scan_parse_error(sp, line, config_error_text(&cf), at_end, err);
    }
    free(parsed);
    if (rc == 0)
        rc = flatten(config_root_setting(&cf), "", sp, out, err);
    config_destroy(&cf);
    return rc == 0 ? 0 : -1;
}

/* ------------------------------------------------------------------ */
/* --set path=value                                                    */
/* ------------------------------------------------------------------ */

/* Is p a setting path: names of letters, digits, '_' and '-' joined by dots? */
static int valid_path(const char *p)
{
    if (!*p || *p == '.')
        return 0;
    for (; *p; p++) {
        if (*p == '.' && (p[1] == '.' || p[1] == '\0'))
            return 0;
        if (!(isalnum((unsigned char)*p) || *p == '_' || *p == '-' || *p == '.'))
            return 0;
    }
    return 1;
}

/* The path of the override text into path (MAX_PATH_LEN + 1 bytes) and its
 * value into *value, both checked. Returns 0, or -1 with err. */
static int split_override(const char *text, char *path, const char **value, bs_error *err)
{
    const char *eq = strchr(text, '=');
    if (!eq)
        return bs_fail(err, "--set", 0, text, "expected path=value");
    size_t plen = (size_t)(eq - text);
    if (plen == 0)
        return bs_fail(err, "--set", 0, text, "expected path=value with a setting path before '='");
    if (plen > MAX_PATH_LEN)
        return bs_fail(err, "--set", 0, "", "setting path %.60s... is too long (the limit is %d characters)", text,
                       MAX_PATH_LEN);
    memcpy(path, text, plen);
    path[plen] = '\0';
    size_t base_len;
    int has;
    bs_period per;
    if (bind_parse_period(path, plen, &base_len, &has, &per, "--set", err) != 0)
        return -1;
    char base[MAX_PATH_LEN + 1];
    memcpy(base, path, base_len);
    base[base_len] = '\0';
    if (!valid_path(base))
        return bs_fail(err, "--set", 0, path, "is not a setting path (names joined by dots)");
    const char *v = eq + 1;
    if (strlen(v) > MAX_SET_VALUE)
        return bs_fail(err, "--set", 0, path, "value is too long (%zu bytes; the limit is %d)", strlen(v),
                       MAX_SET_VALUE);
    if (strchr(v, '\n') || strchr(v, '\r'))
        return bs_fail(err, "--set", 0, path, "value must be on one line");
    if (text_utf8_bad_line((const unsigned char *)v, strlen(v)))
        return bs_fail(err, "--set", 0, path, "value is not valid UTF-8 text");
    if (strstr(v, "@include"))
        return bs_fail(err, "--set", 0, path, "a value cannot include a file (@include)");
    *value = v;
    return 0;
}

/* Move the value of the one setting of tmp into e, when it is not a group.
 * Returns 1 when it did, else 0. */
static int take_value(entry_set *tmp, entry *e)
{
    if (tmp->n != 1 || tmp->v[0].kind == V_GROUP)
        return 0;
    entry *v = &tmp->v[0];
    e->kind = v->kind;
    e->num = v->num;
    e->is_int = v->is_int;
    e->boolean = v->boolean;
    e->str = v->str;
    e->list = v->list;
    e->nlist = v->nlist;
    e->bad_entry = v->bad_entry;
    e->bad_kind = v->bad_kind;
    v->str = NULL;
    v->list = NULL;
    return 1;
}

/* Read value as "v = VALUE;" with libconfig into e (of the setting path).
 * Returns 1 when it is a value, 0 when it is to be taken as plain text, or
 * -1 with err. A value with '{' or ';', which could set more than one
 * setting, is plain text.
 *
 * libconfig 1.5 workaround: config_read_string acts on an @include in the
 * text, reading a file found from the working directory; a value with '@'
 * is never given to it. */
static int read_value(const char *path, const char *value, entry *e, bs_error *err)
{
    if (strchr(value, '@') || strchr(value, '{') || strchr(value, ';'))
        return 0;
    size_t n = strlen(value) + 16;
    char *src = malloc(n);
    if (!src)
        return bs_fail_status(err, BS_EXIT_ENV, "--set", 0, path, "out of memory");
    snprintf(src, n, "v = %s;", value);
    bs_error scan_err = {0};
    config_t cf;
    config_init(&cf);
    /* libconfig 1.5 workaround: it leaks the text of a string it cannot
     * place, so a syntax error found by the scan (-2) is not given to it;
     * the value is plain text */
    int rc = scan_check(src, 1, NULL, &scan_err);
    if (rc == -1) {
        *err = scan_err;
    } else if (rc == 0 && config_read_string(&cf, src)) {
        entry_set tmp = {0};
        rc = flatten(config_root_setting(&cf), "", NULL, &tmp, err);
        rc = rc == 0 ? take_value(&tmp, e) : -1;
        entries_free(&tmp);
    } else {
        rc = 0;
    }
    if (rc == -1) {
        bs_strlcpy(err->setting, path, sizeof err->setting);
        err->line = 0;
    }
    config_destroy(&cf);
    free(src);
    return rc;
}

/* "path@PERIOD=value": a number laid over the years of the period as a
 * patch. Returns 0, or -1 with err. */
static int parse_period_override(const char *path, const char *value, entry_set *out, bs_error *err)
{
    size_t base_len;
    int has;
    entry_patch p = {0};
    bind_parse_period(path, strlen(path), &base_len, &has, &p.period, "--set", err); /* checked by split_override */
    char base[MAX_PATH_LEN + 1];
    memcpy(base, path, base_len);
    base[base_len] = '\0';
    entry e = {0};
    e.file = "--set";
    int parsed = read_value(path, value, &e, err);
    double v = e.num;
    vkind kind = e.kind;
    entry_clear(&e);
    if (parsed < 0)
        return -1;
    if (!parsed || kind != V_NUM)
        return bs_fail(err, "--set", 0, path, "a value for a period must be a number, not %s",
                       !parsed ? "text" : kind == V_LIST || kind == V_MIXED ? "a list" : kind == V_BOOL ? "true/false"
                                                                                        : "text");
    p.value = v;
    p.file = "--set";
    p.line = 0;
    p.label = (char *)path;
    return entries_patch(out, base, &p, ENTRY_LAYER_SET, err);
}

int parse_override(const char *text, entry_set *out, bs_error *err)
{
    char path[MAX_PATH_LEN + 1];
    const char *value = NULL;
    if (split_override(text, path, &value, err) != 0)
        return -1;
    if (strchr(path, '@'))
        return parse_period_override(path, value, out, err);
    entry e = {0};
    e.file = entries_intern(out, "--set");
    e.line = 0;
    e.layer = ENTRY_LAYER_SET;
    if (!e.file || !(e.path = strdup(path)))
        return bs_fail_status(err, BS_EXIT_ENV, "--set", 0, path, "out of memory");
    int parsed = read_value(path, value, &e, err);
    if (parsed < 0) {
        entry_clear(&e);
        return -1;
    }
    if (!parsed) {
        e.kind = V_STR;
        if (!(e.str = strdup(value))) {
            entry_clear(&e);
            return bs_fail_status(err, BS_EXIT_ENV, "--set", 0, path, "out of memory");
        }
    }
    return entries_put(out, &e, err);
}
