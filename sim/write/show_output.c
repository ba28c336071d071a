/* show_output.c - budgetsim show and show --sources (see show_output.h).
 *
 * This file may use: core/, load/, write/, jansson and the C library. */
#include "write/show_output.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/schema.h"
#include "load/assign.h"
#include "write/text.h"

/* ------------------------------------------------------------------ */
/* The settings, one row each                                          */
/* ------------------------------------------------------------------ */

typedef struct {
    char path[MAX_PATH_LEN + 1];
    const bs_setting_def *def;
    int inst;            /* the container instance (reserves: its index in sc->reserves) */
    const bs_origin *o;  /* NULL: not written, the default */
    const char *heading; /* the instance's path ("services.adult_social_care") at its first row, else NULL */
} show_row;

typedef void row_fn(void *ctx, const show_row *row);


/* pattern with its '*' replaced by id, into buf. */
static void instance_path(const char *pattern, const char *id, char *buf, size_t size)
{
    const char *star = strchr(pattern, '*');
    if (!star) {
        bs_strlcpy(buf, pattern, size);
        return;
    }
    snprintf(buf, size, "%.*s%s%s", (int)(star - pattern), pattern, id, star + 1);
}

/* Every setting of sc, in the order of the table; each container's
 * instances, at its first row in the table, each with all its settings. */
static void each_row(const bs_scenario *sc, const bs_provenance *p, row_fn *fn, void *ctx)
{
    unsigned done = 0; /* containers listed */
    for (size_t k = 0; k < bs_nsettings; k++) {
        const bs_setting_def *d = &bs_settings[k];
        show_row row = {{0}, d, 0, NULL, NULL};
        if (d->container == BS_IN_TOP) {
            bs_strlcpy(row.path, d->path, sizeof row.path);
            row.o = provenance_find(p, row.path);
            fn(ctx, &row);
            continue;
        }
        if (done & (1u << d->container))
            continue;
        done |= 1u << d->container;
        const char *id;
        for (int i = d->container == BS_IN_EARMARKED ? 1 : 0; (id = schema_instance_id(sc, d->container, i)); i++) {
            char head[MAX_PATH_LEN + 1];
            instance_path(d->path, id, head, sizeof head);
            char *dot = strrchr(head, '.');
            if (dot) /* "services.ID.name" to "services.ID" */
                *dot = '\0';
            int first = 1;
            for (size_t j = k; j < bs_nsettings; j++) {
                const bs_setting_def *dj = &bs_settings[j];
                if (dj->container != d->container)
                    continue;
                if (dj->container == BS_IN_MEASURE && !(dj->measure_mask & (1u << sc->measures[i].type)))
                    continue;
                show_row r = {{0}, dj, i, NULL, first ? head : NULL};
                instance_path(dj->path, id, r.path, sizeof r.path);
                r.o = provenance_find(p, r.path);
                fn(ctx, &r);
                first = 0;
            }
        }
    }
}

static int is_series(const bs_setting_def *d)
{
    return d->type == BS_T_SERIES1 || d->type == BS_T_SERIES2;
}

/* The resolved per-year values of a series row: *first the first year index. */
static const double *series_values(const bs_scenario *sc, const show_row *row, int *first)
{
    *first = row->def->type == BS_T_SERIES2 ? 1 : 0;
    return schema_address(row->def, (bs_scenario *)sc, row->inst);
}

const char *show_value_text(const entry *e, char *buf, size_t size)
{
    char num[64];
    size_t n = 0;
    buf[0] = '\0';
    switch (e->kind) {
    case V_NUM: return assign_num_text(e->num, buf, size);
    case V_BOOL: bs_strlcpy(buf, e->boolean ? "true" : "false", size); return buf;
    case V_STR: bs_strlcpy(buf, e->str ? e->str : "", size); return buf;
    case V_LIST:
        n = (size_t)snprintf(buf, size, "[");
        for (int i = 0; i < e->nlist && n < size; i++)
            n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? ", " : "", assign_num_text(e->list[i], num, sizeof num));
        if (n < size)
            snprintf(buf + n, size - n, "]");
        return buf;
    case V_STRLIST:
        n = (size_t)snprintf(buf, size, "[");
        for (const char *s = e->str ? e->str : ""; *s && n < size;) {
            size_t k = strcspn(s, "\n");
            n += (size_t)snprintf(buf + n, size - n, "%s\"%.*s\"", n > 1 ? ", " : "", (int)k, s);
            s += k + (s[k] == '\n');
        }
        if (n < size)
            snprintf(buf + n, size - n, "]");
        return buf;
    default: bs_strlcpy(buf, "", size); return buf;
    }
}

/* The value of a row as text: as written, or the default of the table. */
static const char *row_value(const show_row *row, char *buf, size_t size)
{
    if (row->o)
        return show_value_text(row->o->e, buf, size);
    bs_strlcpy(buf, row->def->def_text ? row->def->def_text : "", size);
    return buf;
}

/* ------------------------------------------------------------------ */
/* Text                                                                */
/* ------------------------------------------------------------------ */

typedef struct {
    FILE *f;
    const bs_scenario *sc;
    const bs_provenance *p;
    int trace;
} show_ctx;

/* "from FILE:LINE (kind)  # comment" */
static void text_from(FILE *f, const char *lead, const bs_origin *o, const char *value)
{
    fputs(lead, f);
    if (value) {
        text_put(f, value);
        fputs(" ", f);
    }
    if (!o) {
        fputs("from default\n", f);
        return;
    }
    if (o->kind == ORIGIN_SET) {
        fputs("from --set\n", f);
        return;
    }
    fputs("from ", f);
    text_put(f, o->e->file);
    fprintf(f, ":%d (%s)", o->e->line, origin_kind_name(o->kind));
    if (o->comment[0]) {
        fputs("  # ", f);
        text_put(f, o->comment);
    }
    fputc('\n', f);
}

static void text_row(void *ctx, const show_row *row)
{
    show_ctx *c = ctx;
    FILE *f = c->f;
    char buf[8192];
    if (row->heading) {
        fputs("\n[", f);
        text_put(f, row->heading);
        fputs("]\n", f);
    }
    text_put(f, row->path);
    fputs(" = ", f);
    int quoted = row->o && row->o->e->kind == V_STR;
    if (quoted)
        fputc('"', f);
    text_put(f, row_value(row, buf, sizeof buf));
    if (quoted)
        fputc('"', f);
    if (row->def->unit && row->def->unit[0] && strcmp(row->def->unit, "text") != 0)
        fprintf(f, " (%s)", row->def->unit);
    fputc('\n', f);
    if (is_series(row->def)) {
        int first;
        const double *v = series_values(c->sc, row, &first);
        fputs("    each year:", f);
        for (int t = first; t < c->sc->nyears; t++) {
            char num[64];
            fprintf(f, "%s %d %s", t > first ? "," : "", c->sc->first_year + t, assign_num_text(v[t], num, sizeof num));
        }
        fputc('\n', f);
    }
    text_from(f, "    ", row->o, NULL);
    if (!c->trace || !row->o)
        return;
    for (int i = 0; i < provenance_earlier_count(c->p); i++) {
        const bs_origin *w = provenance_earlier_at(c->p, i);
        if (strcmp(w->e->path, row->path) == 0)
            text_from(f, "    replaced: ", w, show_value_text(w->e, buf, sizeof buf));
    }
}

/* ------------------------------------------------------------------ */
/* CSV                                                                 */
/* ------------------------------------------------------------------ */

static void csv_origin(FILE *f, const bs_origin *o)
{
    fputs(o ? origin_kind_name(o->kind) : "default", f);
    fputc(',', f);
    if (o && o->kind != ORIGIN_SET) {
        bs_csv_field(f, o->e->file);
        fprintf(f, ",%d,", o->e->line);
        bs_csv_field(f, o->comment);
    } else {
        fputs(",,", f);
    }
}

static void csv_line(FILE *f, const show_row *row, const char *year, const char *value, const bs_origin *o,
                     const char *state)
{
    bs_csv_field(f, row->path);
    fprintf(f, ",%s,", year);
    bs_csv_field(f, value);
    fputc(',', f);
    bs_csv_field(f, row->def->unit ? row->def->unit : "");
    fputc(',', f);
    csv_origin(f, o);
    fputc(',', f);
    bs_csv_field(f, row->def->def_text ? row->def->def_text : "");
    fprintf(f, ",%s\r\n", state);
}

static void csv_row(void *ctx, const show_row *row)
{
    show_ctx *c = ctx;
    char buf[8192];
    if (is_series(row->def)) {
        int first;
        const double *v = series_values(c->sc, row, &first);
        for (int t = first; t < c->sc->nyears; t++) {
            char year[16], num[64];
            snprintf(year, sizeof year, "%d", c->sc->first_year + t);
            csv_line(c->f, row, year, assign_num_text(v[t], num, sizeof num), row->o, "in force");
        }
    } else {
        csv_line(c->f, row, "", row_value(row, buf, sizeof buf), row->o, "in force");
    }
    for (int i = 0; c->trace && row->o && i < provenance_earlier_count(c->p); i++) {
        const bs_origin *w = provenance_earlier_at(c->p, i);
        if (strcmp(w->e->path, row->path) == 0)
            csv_line(c->f, row, "", show_value_text(w->e, buf, sizeof buf), w, "replaced");
    }
}

/* ------------------------------------------------------------------ */
/* JSON                                                                */
/* ------------------------------------------------------------------ */

#define J(v) json_real((v) == 0.0 ? 0.0 : (v))

/* An entry's value, typed. */
static json_t *json_value(const entry *e)
{
    char buf[64];
    switch (e->kind) {
    case V_NUM: return e->is_int && e->num == (double)(json_int_t)e->num ? json_integer((json_int_t)e->num) : J(e->num);
    case V_BOOL: return json_boolean(e->boolean);
    case V_STR: return bs_json_text(e->str ? e->str : "");
    case V_LIST: {
        json_t *a = json_array();
        for (int i = 0; i < e->nlist; i++)
            bs_json_append(a, J(e->list[i]));
        return a;
    }
    case V_STRLIST: {
        json_t *a = json_array();
        for (const char *s = e->str ? e->str : ""; *s;) {
            size_t k = strcspn(s, "\n");
            char *one = strndup(s, k);
            bs_json_append(a, one ? bs_json_text(one) : NULL);
            free(one);
            s += k + (s[k] == '\n');
        }
        return a;
    }
    default: return bs_json_text(show_value_text(e, buf, sizeof buf));
    }
}

/* A default of the table, typed: a number or true/false when it reads as one. */
static json_t *json_default(const bs_setting_def *d)
{
    const char *t = d->def_text;
    if (!t)
        return json_null();
    char *end;
    double v = strtod(t, &end);
    if (end != t && *end == '\0' && d->type != BS_T_STR && d->type != BS_T_ID && d->type != BS_T_ENUM)
        return d->type == BS_T_INT ? json_integer((json_int_t)v) : J(v);
    if (d->type == BS_T_BOOL && (strcmp(t, "true") == 0 || strcmp(t, "false") == 0))
        return json_boolean(strcmp(t, "true") == 0);
    return bs_json_text(t);
}

static void json_origin(json_t *o, const bs_origin *w)
{
    bs_json_set(o, "source", bs_json_text(w ? origin_kind_name(w->kind) : "default"));
    int file = w && w->kind != ORIGIN_SET;
    bs_json_set(o, "file", file ? bs_json_text(w->e->file) : json_null());
    bs_json_set(o, "line", file ? json_integer(w->e->line) : json_null());
    bs_json_set(o, "comment", file ? bs_json_text(w->comment) : json_null());
}

typedef struct {
    show_ctx c;
    json_t *list;
} json_ctx;

static void json_row(void *ctx, const show_row *row)
{
    json_ctx *j = ctx;
    json_t *o = json_object();
    bs_json_set(o, "setting", bs_json_text(row->path));
    bs_json_set(o, "value", row->o ? json_value(row->o->e) : json_default(row->def));
    bs_json_set(o, "unit", bs_json_text(row->def->unit ? row->def->unit : ""));
    json_origin(o, row->o);
    bs_json_set(o, "default", row->def->def_text ? bs_json_text(row->def->def_text) : json_null());
    if (is_series(row->def)) {
        int first;
        const double *v = series_values(j->c.sc, row, &first);
        json_t *years = json_array();
        for (int t = first; t < j->c.sc->nyears; t++)
            bs_json_append(years, json_pack("{s:i, s:o}", "year", j->c.sc->first_year + t, "value", J(v[t])));
        bs_json_set(o, "years", years);
    }
    json_t *earlier = json_array();
    for (int i = 0; row->o && i < provenance_earlier_count(j->c.p); i++) {
        const bs_origin *w = provenance_earlier_at(j->c.p, i);
        if (strcmp(w->e->path, row->path) != 0)
            continue;
        json_t *e = json_object();
        bs_json_set(e, "value", json_value(w->e));
        json_origin(e, w);
        bs_json_append(earlier, e);
    }
    bs_json_set(o, "earlier", earlier);
    bs_json_append(j->list, o);
}

int show_write(FILE *f, bs_format fmt, const bs_scenario *sc, const bs_provenance *p, int trace, bs_error *err)
{
    if (fmt == BS_FMT_JSON) {
        json_ctx j = {{f, sc, p, 1}, json_array()};
        json_t *root = json_object();
        bs_json_set(root, "file", bs_json_text(sc->source_file));
        bs_json_set(root, "name", bs_json_text(sc->name));
        each_row(sc, p, json_row, &j);
        bs_json_set(root, "settings", j.list);
        return output_json(f, root, 15, err);
    }
    show_ctx c = {f, sc, p, trace};
    if (fmt == BS_FMT_CSV) {
        fputs("setting,year,value,unit,source,file,line,comment,default,state\r\n", f);
        each_row(sc, p, csv_row, &c);
        return 0;
    }
    bs_text_title(f, sc);
    fputs("Every setting as resolved: its value (unit), then where it came from: FILE:LINE (scenario, base,\n"
          "include) with the comment on that line, --set, or the default of the settings table.\n\n",
          f);
    each_row(sc, p, text_row, &c);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Sources                                                             */
/* ------------------------------------------------------------------ */

int show_is_number(const bs_origin *o)
{
    return o->kind != ORIGIN_SET && o->kind != ORIGIN_DEFAULT &&
           (o->e->kind == V_NUM || (o->e->kind == V_LIST && o->e->nlist > 0));
}

/* Does s hold "[X" followed by ']', ',', ':' or a blank? */
static int has_mark(const char *s, char x)
{
    for (const char *p = strchr(s, '['); p; p = strchr(p + 1, '['))
        if (p[1] == x && (p[2] == ']' || p[2] == ',' || p[2] == ':' || p[2] == ' '))
            return 1;
    return 0;
}

unsigned show_marks(const char *comment)
{
    unsigned m = 0;
    if (has_mark(comment, 'S'))
        m |= SHOW_STATED;
    if (has_mark(comment, 'D'))
        m |= SHOW_DERIVED;
    for (const char *p = comment; *p; p++)
        if (strncasecmp(p, "assumption", 10) == 0) {
            m |= SHOW_ASSUMED;
            break;
        }
    return m;
}

/* Call fn for every number of p (replaced ones first, then those in force). */
typedef void number_fn(void *ctx, const bs_origin *o);
static void each_number(const bs_provenance *p, number_fn *fn, void *ctx)
{
    for (int i = 0; i < provenance_earlier_count(p); i++)
        if (show_is_number(provenance_earlier_at(p, i)))
            fn(ctx, provenance_earlier_at(p, i));
    for (int i = 0; i < provenance_count(p); i++)
        if (show_is_number(provenance_at(p, i)))
            fn(ctx, provenance_at(p, i));
}

static void count_one(void *ctx, const bs_origin *o)
{
    show_counts *c = ctx;
    if (c->file && strcmp(c->file, o->e->file) != 0)
        return;
    unsigned m = show_marks(o->comment);
    c->numbers++;
    c->stated += (m & SHOW_STATED) != 0;
    c->derived += (m & SHOW_DERIVED) != 0;
    c->assumed += (m & SHOW_ASSUMED) != 0;
    c->unmarked += m == 0;
}

show_counts show_count(const bs_provenance *p, int i)
{
    show_counts c = {i >= 0 ? provenance_file(p, i) : NULL, 0, 0, 0, 0, 0};
    each_number(p, count_one, &c);
    return c;
}

typedef struct {
    FILE *f;
    bs_format fmt;
    json_t *list;
    int n;
} unmarked_ctx;

static void unmarked_one(void *ctx, const bs_origin *o)
{
    unmarked_ctx *u = ctx;
    char buf[8192];
    unsigned m = show_marks(o->comment);
    if (u->fmt == BS_FMT_CSV) { /* every number, with its marks */
        bs_csv_field(u->f, o->e->file);
        fprintf(u->f, ",%d,", o->e->line);
        bs_csv_field(u->f, o->e->path);
        fputc(',', u->f);
        bs_csv_field(u->f, show_value_text(o->e, buf, sizeof buf));
        fprintf(u->f, ",%d,%d,%d,%d,", (m & SHOW_STATED) != 0, (m & SHOW_DERIVED) != 0, (m & SHOW_ASSUMED) != 0,
                m == 0);
        bs_csv_field(u->f, o->comment);
        fputs("\r\n", u->f);
        return;
    }
    if (m)
        return;
    u->n++;
    if (u->fmt == BS_FMT_JSON) {
        bs_json_append(u->list, json_pack("{s:o, s:i, s:o, s:o}", "file", bs_json_text(o->e->file), "line",
                                          o->e->line, "setting", bs_json_text(o->e->path), "value",
                                          json_value(o->e)));
        return;
    }
    fputs("  ", u->f);
    text_put(u->f, o->e->file);
    fprintf(u->f, ":%d  ", o->e->line);
    text_put(u->f, o->e->path);
    fputs(" = ", u->f);
    text_put(u->f, show_value_text(o->e, buf, sizeof buf));
    fputc('\n', u->f);
}

static json_t *json_counts(const show_counts *c)
{
    return json_pack("{s:o, s:i, s:i, s:i, s:i, s:i}", "file", c->file ? bs_json_text(c->file) : json_null(),
                     "numbers", c->numbers, "stated", c->stated, "derived", c->derived, "assumed", c->assumed,
                     "unmarked", c->unmarked);
}

int show_sources_write(FILE *f, bs_format fmt, const bs_scenario *sc, const bs_provenance *p, bs_error *err)
{
    unmarked_ctx u = {f, fmt, NULL, 0};
    if (fmt == BS_FMT_CSV) {
        fputs("file,line,setting,value,stated,derived,assumed,unmarked,comment\r\n", f);
        each_number(p, unmarked_one, &u);
        return 0;
    }
    show_counts all = show_count(p, -1);
    if (fmt == BS_FMT_JSON) {
        json_t *root = json_object(), *files = json_array();
        bs_json_set(root, "file", bs_json_text(sc->source_file));
        for (int i = 0; i < provenance_file_count(p); i++) {
            show_counts c = show_count(p, i);
            bs_json_append(files, json_counts(&c));
        }
        bs_json_set(root, "files", files);
        bs_json_set(root, "total", json_counts(&all));
        u.list = json_array();
        each_number(p, unmarked_one, &u);
        bs_json_set(root, "unmarked", u.list);
        return output_json(f, root, 15, err);
    }
    bs_text_title(f, sc);
    fputs("Where each number comes from: the marks of the comment on its line, [S] stated in a source,\n"
          "[D] derived by the arithmetic shown, or an assumption (a comment may carry several).\n\n",
          f);
    fprintf(f, "%-8s %-7s %-8s %-8s %-9s %s\n", "numbers", "stated", "derived", "assumed", "unmarked", "file");
    for (int i = 0; i <= provenance_file_count(p); i++) {
        show_counts c = i < provenance_file_count(p) ? show_count(p, i) : all;
        fprintf(f, "%-8d %-7d %-8d %-8d %-9d ", c.numbers, c.stated, c.derived, c.assumed, c.unmarked);
        if (c.file)
            text_put(f, c.file);
        else
            fputs("all", f);
        fputc('\n', f);
    }
    fputs("\nNumbers with no source comment:", f);
    if (all.unmarked == 0) {
        fputs(" none\n", f);
        return 0;
    }
    fputc('\n', f);
    each_number(p, unmarked_one, &u);
    return 0;
}
