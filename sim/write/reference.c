/* reference.c - the reference of every scenario setting, from the settings
 * table (core/schema.h), as Markdown tables or roff for the manual page:
 * `budgetsim reference`, docs/scenario-format.md and budgetsim.1.
 *
 * This file may use: core/ and the C library. */
#include "write/reference.h"

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

void schema_write_reference(FILE *f, const char *fmt)
{
    int man = strcmp(fmt, "man") == 0;
    const char *measure_names[] = {"saving", "charge", "reserve"};
    if (!man) {
        fputs("| setting | type | unit | default | allowed | meaning |\n", f);
        fputs("|---|---|---|---|---|---|\n", f);
    }
    for (size_t i = 0; i < bs_nsettings; i++) {
        const bs_setting_def *d = &bs_settings[i];
        char range[160], applies[64] = "";
        range_text(d, range, sizeof range);
        if (d->container == BS_IN_MEASURE && d->measure_mask != BS_MEASURE_ALL) {
            size_t o = 0;
            for (int t = 0; t < 3; t++)
                if (d->measure_mask & (1u << t))
                    o += (size_t)snprintf(applies + o, sizeof applies - o, "%s%s", o ? ", " : "",
                                          measure_names[t]);
        }
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
}
