/* reference.c - the reference of every scenario setting, from the settings
 * table (core/schema.h), as text wrapped to a width, Markdown tables or roff
 * for the manual page (`budgetsim reference`, docs/scenario-format.md and
 * budgetsim.1), and of every row of the budget tables (core/table.h), as
 * text or Markdown (`budgetsim reference --rows`).
 *
 * This file may use: core/ and the C library. */
#include "write/reference.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* The type of a setting in a word or two. */
static const char *type_short(const bs_setting_def *d)
{
    switch (d->type) {
    case BS_T_NUM: return "number";
    case BS_T_INT: return "integer";
    case BS_T_BOOL: return "bool";
    case BS_T_STR: return "string";
    case BS_T_ID: return "id";
    case BS_T_ENUM: return "word";
    case BS_T_SERIES1: return "per year (from year 1)";
    case BS_T_SERIES2: return "per year (from year 2)";
    case BS_T_LIST: return "list";
    case BS_T_STRLIST: return "list of strings";
    }
    return "";
}

/* The values a setting allows, as people read them, in buf. */
static void range_text(const bs_setting_def *d, char *buf, size_t n)
{
    switch (d->type) {
    case BS_T_NUM: case BS_T_INT: case BS_T_SERIES1: case BS_T_SERIES2: case BS_T_LIST:
        snprintf(buf, n, "%s%g to %g%s", (d->flags & BS_F_MIN_OPEN) ? "above " : "", d->min, d->max,
                 (d->flags & BS_F_MAX_OPEN) ? " (excl.)" : "");
        break;
    case BS_T_ENUM: {
        /* words separated by '|'; "-" marks an unused value */
        size_t o = 0;
        buf[0] = '\0';
        for (const char *p = d->choices; *p;) {
            const char *bar = strchr(p, '|');
            size_t len = bar ? (size_t)(bar - p) : strlen(p);
            if (!(len == 1 && *p == '-') && o + len + 3 < n) {
                o += (size_t)snprintf(buf + o, n - o, "%s%.*s", o ? ", " : "", (int)len, p);
            }
            p += len + (bar ? 1 : 0);
        }
        break;
    }
    case BS_T_STR: case BS_T_ID:
        if (strcmp(d->unit, "#rrggbb") == 0)
            snprintf(buf, n, "#rrggbb");
        else
            snprintf(buf, n, "up to %zu bytes", d->size - 1);
        break;
    case BS_T_STRLIST:
        if (strcmp(d->unit, "path=value") == 0)
            snprintf(buf, n, "1 to %d changes, each up to %d bytes", BS_MAX_AMEND_SETS, BS_SET_MAX - 1);
        else
            snprintf(buf, n, "each group once");
        break;
    default: snprintf(buf, n, "true, false"); break;
    }
}

/* Escape text for roff: backslashes, hyphens, and the pound sign as a glyph. */
static void roff(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (strncmp(s, "\xc2\xa3", 2) == 0) {
            fputs("\\(Po", f);
            s++;
        } else if (*s == '\\')
            fputs("\\e", f);
        else if (*s == '-')
            fputs("\\-", f);
        else
            fputc(*s, f);
    }
}

/* ---- filters ---- */

/* 1 when word occurs in text, letters compared without case. */
static int has_word(const char *text, const char *word)
{
    size_t n = strlen(word);
    for (const char *t = text; *t; t++) {
        size_t k = 0;
        while (k < n && t[k] && tolower((unsigned char)t[k]) == tolower((unsigned char)word[k]))
            k++;
        if (k == n)
            return 1;
    }
    return n == 0;
}

/* 1 when prefix is a path prefix of pattern, whose '*' components stand for
 * any one component of prefix (so services.adult_social_care is a prefix of
 * services.*.net_m), letters compared without case. */
static int is_prefix(const char *pattern, const char *prefix)
{
    while (*prefix) {
        if (*pattern == '*') {
            /* the id: the rest of prefix's component; the rest of pattern's follows */
            if (*prefix == '.')
                return 0;
            while (*prefix && *prefix != '.')
                prefix++;
            if (!*prefix)
                return 1;
            while (*pattern && *pattern != '.')
                pattern++;
            continue;
        }
        if (tolower((unsigned char)*pattern) != tolower((unsigned char)*prefix))
            return 0;
        pattern++;
        prefix++;
    }
    return 1;
}

int reference_matches(const char *filter, const char *path, const char *meaning)
{
    if (!filter || !*filter)
        return 1;
    return has_word(path, filter) || has_word(meaning, filter) || is_prefix(path, filter);
}

/* ---- text wrapped to a width ---- */

/* Columns of the UTF-8 text s[0..n): its characters (continuation bytes
 * are not counted). */
static size_t columns(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* text, its words filled into lines of at most width columns, each line
 * after indent spaces; a word is never broken: one longer than the line
 * stands alone on its line. */
static void wrap(FILE *f, const char *text, int indent, int width)
{
    size_t room = width > indent ? (size_t)(width - indent) : 1, used = 0;
    const char *p = text;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        size_t len = strcspn(p, " ");
        size_t cols = columns(p, len);
        if (used && used + 1 + cols > room) {
            fputc('\n', f);
            used = 0;
        }
        if (!used)
            fprintf(f, "%*s", indent, "");
        else
            fputc(' ', f);
        fwrite(p, 1, len, f);
        used += (used ? 1 : 0) + cols;
        p += len;
    }
    if (used)
        fputc('\n', f);
}

/* ---- settings ---- */

/* "saving, charge": the kinds of measure a setting of measures.* is for,
 * into buf ("" when for every kind or not a measure's). */
static void applies_text(const bs_setting_def *d, char *buf, size_t n)
{
    static const char *const measure_names[] = {"saving", "charge", "reserve"};
    size_t o = 0;
    buf[0] = '\0';
    if (d->container != BS_IN_MEASURE || d->measure_mask == BS_MEASURE_ALL)
        return;
    for (int t = 0; t < 3; t++)
        if (d->measure_mask & (1u << t))
            o += (size_t)snprintf(buf + o, n - o, "%s%s", o ? ", " : "", measure_names[t]);
}

/* One setting as text: its path, its meaning, then its type, unit, default
 * and the values allowed. */
static void setting_text(FILE *f, const bs_setting_def *d, int width)
{
    char range[160], applies[64], facts[600];
    range_text(d, range, sizeof range);
    applies_text(d, applies, sizeof applies);
    char head[300];
    snprintf(head, sizeof head, "%s%s%s%s", d->path, applies[0] ? " (" : "", applies, applies[0] ? ")" : "");
    wrap(f, head, 0, width);
    wrap(f, d->doc, 4, width);
    snprintf(facts, sizeof facts, "Type: %s.%s%s%s Default: %s. Allowed: %s.", type_short(d), d->unit[0] ? " Unit: " : "",
             d->unit, d->unit[0] ? "." : "", d->def_text ? d->def_text : "required", range);
    wrap(f, facts, 4, width);
}

int schema_write_reference(FILE *f, const char *fmt, const char *filter, int width)
{
    int man = strcmp(fmt, "man") == 0, text = strcmp(fmt, "text") == 0, shown = 0;
    if (text) {
        for (size_t i = 0; i < bs_nsettings; i++) {
            const bs_setting_def *d = &bs_settings[i];
            if (!reference_matches(filter, d->path, d->doc))
                continue;
            if (shown++)
                fputc('\n', f);
            setting_text(f, d, width);
        }
        return shown;
    }
    if (!man) {
        fputs("| setting | type | unit | default | allowed | meaning |\n", f);
        fputs("|---|---|---|---|---|---|\n", f);
    }
    for (size_t i = 0; i < bs_nsettings; i++) {
        const bs_setting_def *d = &bs_settings[i];
        char range[160], applies[64];
        if (!reference_matches(filter, d->path, d->doc))
            continue;
        shown++;
        range_text(d, range, sizeof range);
        applies_text(d, applies, sizeof applies);
        const char *def = d->def_text ? d->def_text : "required";
        if (man) {
            fputs(".TP\n.B ", f);
            roff(f, d->path);
            fputs("\n", f);
            roff(f, d->doc);
            fputs("\n.br\n", f);
            fprintf(f, "Type: ");
            roff(f, type_short(d));
            if (d->unit[0]) {
                fputs("; unit: ", f);
                roff(f, d->unit);
            }
            fputs("; default: ", f);
            roff(f, def);
            fputs("; allowed: ", f);
            roff(f, range);
            if (applies[0]) {
                fputs("; for: ", f);
                roff(f, applies);
            }
            fputs(".\n", f);
        } else {
            fprintf(f, "| `%s`%s%s%s | %s | %s | %s | %s | %s |\n", d->path, applies[0] ? " (" : "",
                    applies, applies[0] ? ")" : "", type_short(d), d->unit, def, range, d->doc);
        }
    }
    return shown;
}

/* ---- rows ---- */

/* The renamed keys whose old or new pattern the filter matches, as one
 * paragraph of text or Markdown. */
static int renames_out(FILE *f, const char *filter, int md, int width)
{
    size_t n, shown = 0;
    const bs_row_rename *rn = table_renames(&n);
    char text[2000];
    size_t o = (size_t)snprintf(text, sizeof text, "Renamed keys, still read but deprecated:");
    for (size_t i = 0; i < n; i++) {
        if (!reference_matches(filter, rn[i].old_pattern, "") && !reference_matches(filter, rn[i].new_pattern, ""))
            continue;
        if (o < sizeof text)
            o += (size_t)snprintf(text + o, sizeof text - o, md ? "%s `%s`%s is now `%s`" : "%s %s%s is now %s",
                                  shown ? ";" : "", rn[i].old_pattern,
                                  strncmp(rn[i].old_pattern, "reserves.", 9) == 0 ? " (earmarked)" : "",
                                  rn[i].new_pattern);
        shown++;
    }
    if (!shown)
        return 0;
    if (o < sizeof text)
        snprintf(text + o, sizeof text - o, ".");
    fputc('\n', f);
    if (md)
        fprintf(f, "%s\n", text);
    else
        wrap(f, text, 0, width);
    return (int)shown;
}

/* One row: key, unit, and what it is (after the scenario's own label when
 * there is one). */
static void row_out(FILE *f, const char *key, const char *label, const bs_row_def *d, int md, int width)
{
    const char *unit = d ? d->unit : "", *meaning = d ? d->meaning : "(no description: not in table.c's row_defs)";
    char text[BS_NAME_MAX + 1200], id[200] = "";
    size_t o = 0;
    if (label && label[0] && d) {
        /* the id is what the pattern's '*' stands for in key; it replaces the '*' of
         * the setting paths the meaning names */
        const char *star = strchr(d->pattern, '*');
        if (star) {
            size_t pre = (size_t)(star - d->pattern), post = strlen(star + 1), len = strlen(key);
            if (len > pre + post && len - pre - post < sizeof id)
                snprintf(id, sizeof id, "%.*s", (int)(len - pre - post), key + pre);
        }
        o = (size_t)snprintf(text, sizeof text, "\"%s\" in the table. ", label);
    }
    for (const char *m = meaning; *m && o + 1 < sizeof text; m++) {
        if (*m == '*' && id[0] && m > meaning && m[-1] == '.' && m[1] == '.')
            o += (size_t)snprintf(text + o, sizeof text - o, "%s", id);
        else
            text[o++] = *m;
    }
    text[o < sizeof text ? o : sizeof text - 1] = '\0';
    if (md) {
        fprintf(f, "| `%s` | %s | %s |\n", key, unit, text);
        return;
    }
    char head[300];
    snprintf(head, sizeof head, "%s%s%s%s", key, unit[0] ? " (" : "", unit, unit[0] ? ")" : "");
    wrap(f, head, 0, width);
    wrap(f, text, 4, width);
}

/* The row that filter or, when it is an old key, its new name matches. */
static int row_matches(const char *filter, const char *renamed, const char *key, const char *meaning)
{
    return reference_matches(filter, key, meaning) || (renamed[0] && reference_matches(renamed, key, meaning));
}

int reference_write_rows(FILE *f, const bs_table *t, const char *fmt, const char *filter, int width)
{
    int md = strcmp(fmt, "md") == 0, shown = 0;
    char renamed[200] = "";
    if (filter && !table_alias(filter, renamed, sizeof renamed))
        renamed[0] = '\0';
    if (md) {
        fputs("| row key | unit | meaning |\n", f);
        fputs("|---|---|---|\n", f);
    }
    if (t) {
        for (int i = 0; i < t->n; i++) {
            const bs_row *row = &t->rows[i];
            const bs_row_def *d = table_row_def(row->key);
            if (row->kind == BS_ROW_HEADING || !row_matches(filter, renamed, row->key, d ? d->meaning : ""))
                continue;
            if (shown++ && !md)
                fputc('\n', f);
            row_out(f, row->key, row->label, d, md, width);
        }
    } else {
        size_t n;
        const bs_row_def *d = table_row_defs(&n);
        if (!md && (!filter || !*filter)) {
            wrap(f, "The quantities of the budget, each a row of budgetsim run FILE --format csv (besides "
                    "its rules.* and vote.* rows): the keys red lines (metric), solve --target and sensitivity "
                    "--metric read. * stands for the id of a service line, a funding stream, a measure "
                    "or an earmarked reserve, or for a band, A to H; budgetsim reference --rows FILE lists the rows "
                    "of a scenario with its ids.", 0, width);
            fputc('\n', f);
        }
        for (size_t i = 0; i < n; i++) {
            if (!row_matches(filter, renamed, d[i].pattern, d[i].meaning))
                continue;
            if (shown++ && !md)
                fputc('\n', f);
            row_out(f, d[i].pattern, NULL, &d[i], md, width);
        }
    }
    return shown + renames_out(f, filter, md, width);
}
