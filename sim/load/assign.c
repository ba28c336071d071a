/* assign.c - one entry's value into the struct (see assign.h).
 *
 * This file may use: core/, load/ and the C library. */
#include "load/assign.h"

#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int assign_valid_id(const char *id)
{
    if (!isalpha((unsigned char)id[0]))
        return 0;
    for (const char *p = id; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '_' || *p == '-'))
            return 0;
    return 1;
}

const char *assign_kind_name(const entry *e)
{
    switch (e->kind) {
    case V_NUM: return "a number";
    case V_BOOL: return "true/false";
    case V_STR: return "text";
    case V_LIST: return "a list";
    case V_MIXED: return "a list holding something other than numbers";
    case V_STRLIST: return "a list of texts";
    case V_GROUP: return "a group";
    case V_PATCH: return "changes for periods";
    }
    return "a value";
}

const char *assign_num_text(double v, char *buf, size_t size)
{
    return bs_num_text(v, buf, size);
}

/* Check v (entry index of e's list, 0 for e itself) against d's range.
 * Returns 0, or -1 with err. */
static int check_range(const bs_setting_def *d, const entry *e, double v, int index, bs_error *err)
{
    char which[32] = "", why[200];
    if (!schema_out_of_range(d, v, why, sizeof why))
        return 0;
    if (index > 0)
        snprintf(which, sizeof which, "entry %d ", index);
    return bs_fail(err, e->file, e->line, e->path, "%s%s", which, why);
}

/* The words of an enum as a sentence, "a", "b" or "c", into buf ("-" marks
 * a value not to be written). */
static void enum_words(const char *choices, char *buf, size_t size)
{
    const char *word[16];
    int len_of[16], nw = 0;
    for (const char *p = choices; *p && nw < 16;) {
        const char *bar = strchr(p, '|');
        int n = bar ? (int)(bar - p) : (int)strlen(p);
        if (!(n == 1 && *p == '-')) {
            word[nw] = p;
            len_of[nw++] = n;
        }
        p += n + (bar ? 1 : 0);
    }
    size_t o = 0;
    buf[0] = '\0';
    for (int w = 0; w < nw && o < size - 1; w++)
        o += (size_t)snprintf(buf + o, size - o, "%s\"%.*s\"", w == 0 ? "" : w == nw - 1 ? " or " : ", ",
                              len_of[w], word[w]);
}

/* The text of e, one of d's words, as its number into addr. */
static int assign_enum(const bs_setting_def *d, const entry *e, void *addr, bs_error *err)
{
    size_t len = strlen(e->str);
    int idx = 0;
    for (const char *p = d->choices; *p; idx++) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n == len && strncmp(p, e->str, n) == 0 && strcmp(e->str, "-") != 0) {
            *(bs_measure_type *)addr = (bs_measure_type)idx;
            return 0;
        }
        p += n + (bar ? 1 : 0);
    }
    char words[200];
    enum_words(d->choices, words, sizeof words);
    return bs_fail(err, e->file, e->line, e->path, "must be %s, not \"%.40s\"", words, e->str);
}

/* A text (BS_T_STR, BS_T_ID, BS_T_ENUM) into addr. */
static int assign_text(const bs_setting_def *d, const entry *e, void *addr, bs_error *err)
{
    if (e->kind != V_STR)
        return bs_fail(err, e->file, e->line, e->path, "expected %s, not %s", schema_type_name(d->type),
                       assign_kind_name(e));
    if (d->type == BS_T_ENUM)
        return assign_enum(d, e, addr, err);
    size_t len = strlen(e->str);
    if (len >= d->size)
        return bs_fail(err, e->file, e->line, e->path, "is too long (%zu bytes; the limit is %zu)", len,
                       d->size - 1);
    size_t blank = 0;
    while (blank < len && ((unsigned char)e->str[blank] <= ' ' || e->str[blank] == 0x7f))
        blank++;
    if (blank == len && (d->flags & BS_F_REQUIRED))
        return bs_fail(err, e->file, e->line, e->path, "is empty");
    if (d->type == BS_T_ID && len > 0 && !assign_valid_id(e->str))
        return bs_fail(err, e->file, e->line, e->path, "\"%.40s\" is not an identifier", e->str);
    char *dst = addr, *o = dst;
    /* Names are data shown in tables and charts: fold control characters
     * (tabs, newlines, ESC, DEL, and the C1 controls U+0080 to U+009F,
     * two bytes in UTF-8) into spaces so a name stays on one line and no
     * terminal reads it as a command. */
    for (const unsigned char *p = (const unsigned char *)e->str; *p; p++) {
        if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
            p++;
            *o++ = ' ';
        } else {
            *o++ = *p < 0x20 || *p == 0x7f ? ' ' : (char)*p;
        }
    }
    *o = '\0';
    return 0;
}

/* A list of numbers that must not be empty (nor mixed), e being V_LIST, a
 * V_MIXED or something else (then `expected` says what was). */
static int check_list(const entry *e, const char *expected, bs_error *err)
{
    if (e->kind == V_MIXED)
        return bs_fail(err, e->file, e->line, e->path, "entry %d of the list is %s, not a number", e->bad_entry,
                       e->bad_kind);
    if (e->kind != V_LIST)
        return bs_fail(err, e->file, e->line, e->path, "expected %s, not %s", expected, assign_kind_name(e));
    if (e->nlist == 0)
        return bs_fail(err, e->file, e->line, e->path, "the list is empty");
    return 0;
}

/* The patches of e (changes for periods) laid over the years at out, in
 * order: only the years each names change, whatever the setting's list
 * said of the years after (a list's last entry holding for the rest was
 * written out into every year before). */
static int assign_patches(const bs_setting_def *d, const bs_scenario *sc, const entry *e, double *out, bs_error *err)
{
    for (int i = 0; i < e->npatches; i++) {
        const entry_patch *p = &e->patches[i];
        int first, count;
        if (bind_period_span(d, sc->first_year, sc->nyears, &p->period, p->file, p->line, p->label, &first, &count,
                             err) != 0)
            return -1;
        entry where = *e;
        where.file = p->file;
        where.line = p->line;
        where.path = p->label;
        if (check_range(d, &where, p->value, 0, err))
            return -1;
        for (int t = first; t < first + count; t++)
            out[t] = p->value;
    }
    return 0;
}

/* A per-year value (BS_T_SERIES1 or 2) into the years at addr. */
static int assign_series(const bs_setting_def *d, int nyears, const entry *e, double *out, bs_error *err)
{
    int from = d->type == BS_T_SERIES2 ? 1 : 0;
    int maxn = nyears - from;
    if (e->kind == V_PATCH)
        return 0; /* the default stays, under the patches */
    if (e->kind == V_NUM) {
        if (check_range(d, e, e->num, 0, err))
            return -1;
        for (int t = 0; t < BS_MAX_YEARS; t++)
            out[t] = t < from ? 0.0 : e->num;
        return 0;
    }
    if (check_list(e, "a number or a list of numbers", err) != 0)
        return -1;
    if (maxn < 1)
        return bs_fail(err, e->file, e->line, e->path, "a one-year horizon has no later years: give a single number");
    if (e->nlist > maxn)
        return bs_fail(err, e->file, e->line, e->path, "has %d entries but the horizon has only %d %s", e->nlist,
                       maxn, from ? "years after the first" : "years");
    for (int k = 0; k < e->nlist; k++)
        if (check_range(d, e, e->list[k], k + 1, err))
            return -1;
    for (int t = 0; t < BS_MAX_YEARS; t++) {
        int k = t - from;
        out[t] = k < 0 ? 0.0 : e->list[k < e->nlist ? k : e->nlist - 1];
    }
    return 0;
}

/* A list of texts (BS_T_STRLIST), joined by newlines, into addr. */
static int assign_strlist(const bs_setting_def *d, const entry *e, char *dst, bs_error *err)
{
    const char *text = e->kind == V_STRLIST || e->kind == V_STR ? e->str : "";
    if (e->kind == V_LIST && e->nlist == 0)
        text = "";
    else if (e->kind != V_STRLIST && e->kind != V_STR)
        return bs_fail(err, e->file, e->line, e->path, "expected a list of texts in double quotes, not %s",
                       assign_kind_name(e));
    if (strlen(text) >= d->size)
        return bs_fail(err, e->file, e->line, e->path, "is too long (%zu bytes; the limit is %zu)", strlen(text),
                       d->size - 1);
    memcpy(dst, text, strlen(text) + 1);
    return 0;
}

/* A list of numbers (BS_T_LIST) into addr, its length into its count. */
static int assign_list(const bs_setting_def *d, const entry *e, void *addr, bs_error *err)
{
    double *out = addr;
    int *count = (int *)((char *)addr - d->offset + d->count_offset);
    if (e->kind == V_NUM) {
        if (check_range(d, e, e->num, 0, err))
            return -1;
        out[0] = e->num;
        *count = 1;
        return 0;
    }
    if (check_list(e, "a list of numbers", err) != 0)
        return -1;
    if (e->nlist > BS_MAX_YEARS)
        return bs_fail(err, e->file, e->line, e->path, "has more than %d entries", BS_MAX_YEARS);
    for (int k = 0; k < e->nlist; k++) {
        if (check_range(d, e, e->list[k], k + 1, err))
            return -1;
        out[k] = e->list[k];
    }
    *count = e->nlist;
    return 0;
}

int assign_value(bs_scenario *sc, const bs_setting_def *d, int inst, const entry *e, bs_error *err)
{
    void *addr = schema_address(d, sc, inst);
    if (e->npatches > 0 && d->type != BS_T_SERIES1 && d->type != BS_T_SERIES2) {
        int first, count;
        const entry_patch *p = &e->patches[0];
        return bind_period_span(d, sc->first_year, sc->nyears, &p->period, p->file, p->line, p->label, &first,
                                &count, err);
    }
    switch (d->type) {
    case BS_T_NUM:
        if (e->kind != V_NUM)
            return bs_fail(err, e->file, e->line, e->path, "expected a number, not %s", assign_kind_name(e));
        if (check_range(d, e, e->num, 0, err))
            return -1;
        *(double *)addr = e->num;
        return 0;
    case BS_T_INT:
        if (e->kind != V_NUM || e->num != floor(e->num))
            return bs_fail(err, e->file, e->line, e->path, "expected a whole number, not %s",
                           e->kind == V_NUM ? "a fraction" : assign_kind_name(e));
        if (check_range(d, e, e->num, 0, err))
            return -1;
        *(int *)addr = (int)e->num;
        return 0;
    case BS_T_BOOL:
        if (e->kind != V_BOOL)
            return bs_fail(err, e->file, e->line, e->path, "expected true or false, not %s", assign_kind_name(e));
        *(bool *)addr = e->boolean != 0;
        return 0;
    case BS_T_STR:
    case BS_T_ID:
    case BS_T_ENUM: return assign_text(d, e, addr, err);
    case BS_T_SERIES1:
    case BS_T_SERIES2:
        if (assign_series(d, sc->nyears, e, addr, err) != 0)
            return -1;
        return assign_patches(d, sc, e, addr, err);
    case BS_T_STRLIST: return assign_strlist(d, e, addr, err);
    case BS_T_LIST: return assign_list(d, e, addr, err);
    }
    return 0;
}

void assign_defaults(bs_scenario *sc, bs_container c, int inst)
{
    for (size_t i = 0; i < bs_nsettings; i++) {
        const bs_setting_def *d = &bs_settings[i];
        if (d->container != c || !d->def_text)
            continue;
        void *addr = schema_address(d, sc, inst);
        switch (d->type) {
        case BS_T_NUM: *(double *)addr = d->def; break;
        case BS_T_INT: *(int *)addr = (int)d->def; break;
        case BS_T_BOOL: *(bool *)addr = d->def != 0; break;
        case BS_T_ENUM: *(int *)addr = (int)d->def; break;
        case BS_T_SERIES1:
        case BS_T_SERIES2:
            for (int t = 0; t < BS_MAX_YEARS; t++)
                ((double *)addr)[t] = d->def;
            break;
        case BS_T_LIST:
            ((double *)addr)[0] = d->def;
            *(int *)((char *)addr - d->offset + d->count_offset) = 1;
            break;
        default: break;
        }
    }
}
