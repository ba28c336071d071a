/* bind.c - numeric settings by path (see bind.h).
 *
 * This file may use: core/, the C library and libm (no files, no printing, no exit). */
#include "core/bind.h"

#include <stdio.h>

#include <ctype.h>
#include <math.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Periods: path@2023, @2023.., @2023..2025                            */
/* ------------------------------------------------------------------ */

/* A year at s (2023, or 2023/24 when the second part follows the first)
 * into *year; the characters read, or 0 when there is none. */
static size_t read_year(const char *s, size_t n, int *year)
{
    if (n < 4)
        return 0;
    for (int i = 0; i < 4; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    *year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    if (n >= 5 && s[4] == '/') {
        if (n < 7 || !isdigit((unsigned char)s[5]) || !isdigit((unsigned char)s[6]) ||
            (s[5] - '0') * 10 + (s[6] - '0') != (*year + 1) % 100)
            return 0;
        return 7;
    }
    return 4;
}

int bind_parse_period(const char *text, size_t n, size_t *path_len, int *has, bs_period *p, const char *file,
                      bs_error *err)
{
    const char *at = memchr(text, '@', n);
    *has = at != NULL;
    *path_len = at ? (size_t)(at - text) : n;
    p->from = p->to = 0;
    if (!at)
        return 0;
    const char *s = at + 1;
    size_t left = n - *path_len - 1, k = read_year(s, left, &p->from);
    int ok = k > 0;
    if (ok && k == left) {
        p->to = p->from;
    } else if (ok && left - k >= 2 && s[k] == '.' && s[k + 1] == '.') {
        size_t k2 = k + 2;
        if (k2 == left) {
            p->to = BS_PERIOD_OPEN;
        } else {
            size_t k3 = read_year(s + k2, left - k2, &p->to);
            ok = k3 > 0 && k2 + k3 == left;
        }
    } else {
        ok = 0;
    }
    if (!ok || *path_len == 0) {
        char label[300];
        snprintf(label, sizeof label, "%.*s", (int)(n < 280 ? n : 280), text);
        if (*path_len == 0)
            return bs_fail(err, file, 0, label, "expected a setting path before '@'");
        return bs_fail(err, file, 0, label,
                       "expected PATH@YEAR, PATH@YEAR.. or PATH@YEAR..YEAR, YEAR being the calendar year a "
                       "financial year starts in (2023 is 2023/24)");
    }
    if (p->to < p->from) {
        char label[300];
        snprintf(label, sizeof label, "%.*s", (int)(n < 280 ? n : 280), text);
        return bs_fail(err, file, 0, label, "the period runs backwards (%d is after %d)", p->from, p->to);
    }
    return 0;
}

const char *bind_period_text(const bs_period *p, char *buf, size_t size)
{
    if (p->to == p->from)
        snprintf(buf, size, "@%d", p->from);
    else if (p->to == BS_PERIOD_OPEN)
        snprintf(buf, size, "@%d..", p->from);
    else
        snprintf(buf, size, "@%d..%d", p->from, p->to);
    return buf;
}

int bind_period_span(const bs_setting_def *d, int first_year, int nyears, const bs_period *p, const char *file,
                     int line, const char *label, int *first, int *count, bs_error *err)
{
    if (d->type != BS_T_SERIES1 && d->type != BS_T_SERIES2)
        return bs_fail(err, file, line, label, "takes %s, not one value a year: write it without @",
                       schema_type_name(d->type));
    int last = first_year + nyears - 1, to = p->to == BS_PERIOD_OPEN ? last : p->to;
    char y[16], a[16], b[16];
    bs_year_label(first_year, a, sizeof a);
    bs_year_label(last, b, sizeof b);
    if (p->from < first_year || p->from > last)
        return bs_fail(err, file, line, label, "%s is outside the horizon %s to %s",
                       bs_year_label(p->from, y, sizeof y), a, b);
    if (to > last)
        return bs_fail(err, file, line, label, "%s is outside the horizon %s to %s", bs_year_label(to, y, sizeof y),
                       a, b);
    if (d->type == BS_T_SERIES2 && p->from == first_year) {
        char next[16];
        return bs_fail(err, file, line, label,
                       "is a rate of growth into each year after the first: %s, the first year, has none (the "
                       "first is the growth into %s)",
                       a, bs_year_label(first_year + 1, next, sizeof next));
    }
    *first = p->from - first_year;
    *count = to - p->from + 1;
    return 0;
}


/* Instance index of id in container c of sc, or -1 (0 for the top level). */
static int find_instance(const bs_scenario *sc, bs_container c, const char *id)
{
    if (c == BS_IN_TOP)
        return 0;
    const char *have;
    /* reserves[0] is the general reserve, not an earmarked one */
    for (int i = c == BS_IN_EARMARKED ? 1 : 0; (have = schema_instance_id(sc, c, i)) != NULL; i++)
        if (strcmp(have, id) == 0)
            return i;
    return -1;
}

static int numeric(const bs_setting_def *d)
{
    return d->type == BS_T_NUM || d->type == BS_T_SERIES1 || d->type == BS_T_SERIES2;
}

static void fill(bs_scenario *sc, const bs_setting_def *d, int inst, const char *path, bs_binding *b)
{
    bs_strlcpy(b->path, path, sizeof b->path);
    b->def = d;
    b->values = schema_address(d, sc, inst);
    if (d->type == BS_T_NUM) {
        b->first = 0;
        b->count = 1;
    } else {
        b->first = d->type == BS_T_SERIES2 ? 1 : 0;
        b->count = sc->nyears - b->first;
    }
}

int bind_path(bs_scenario *sc, const char *full, bs_binding *b, bs_error *err)
{
    size_t plen;
    int has;
    bs_period per;
    if (bind_parse_period(full, strlen(full), &plen, &has, &per, "", err) != 0)
        return -1;
    char path[256];
    if (plen >= sizeof path)
        return bs_fail(err, "", 0, "", "setting path %.60s... is too long (the limit is %zu characters)", full,
                       sizeof path - 1);
    memcpy(path, full, plen);
    path[plen] = '\0';
    for (size_t k = 0; k < bs_nsettings; k++) {
        const bs_setting_def *d = &bs_settings[k];
        if (!schema_match(d->path, path))
            continue;
        if (d->container == BS_IN_UNCERTAINTY)
            return bs_fail(err, "", 0, path, "is a setting of an uncertainty, not of the budget");
        int inst = 0;
        const char *star = strchr(d->path, '*');
        if (star) {
            /* the id sits where the pattern has its '*' */
            const char *id = path + (star - d->path);
            const char *dot = strchr(id, '.');
            char buf[BS_ID_MAX];
            size_t len = dot ? (size_t)(dot - id) : strlen(id);
            if (len >= sizeof buf)
                return bs_fail(err, "", 0, path, "no such part in this scenario");
            memcpy(buf, id, len);
            buf[len] = '\0';
            inst = find_instance(sc, d->container, buf);
            if (inst < 0)
                return bs_fail(err, "", 0, path, "no \"%s\" in this scenario", buf);
            if (d->container == BS_IN_MEASURE && !(d->measure_mask & (1u << sc->measures[inst].type)))
                continue; /* a setting of another type of measure: try the next row */
        }
        if (has) {
            int first, count;
            if (bind_period_span(d, sc->first_year, sc->nyears, &per, "", 0, full, &first, &count, err) != 0)
                return -1;
            fill(sc, d, inst, full, b);
            b->first = first;
            b->count = count;
            return 0;
        }
        if (!numeric(d))
            return bs_fail(err, "", 0, path, "is %s, not a number that can be varied", schema_type_name(d->type));
        if (d->type == BS_T_SERIES2 && sc->nyears < 2)
            return bs_fail(err, "", 0, path, "has no years to vary in a one-year horizon");
        fill(sc, d, inst, path, b);
        return 0;
    }
    return bs_fail(err, "", 0, path, "is not a setting (see budgetsim reference)");
}

int bind_all(bs_scenario *sc, bs_binding *out, int max)
{
    int n = 0;
    for (size_t k = 0; k < bs_nsettings && n < max; k++) {
        const bs_setting_def *d = &bs_settings[k];
        if (!numeric(d) || (d->type == BS_T_SERIES2 && sc->nyears < 2))
            continue;
        if (d->container == BS_IN_TOP) {
            if (strncmp(d->path, "council.", 8) == 0 && !sc->chamber.given)
                continue;
            fill(sc, d, 0, d->path, &out[n++]);
            continue;
        }
        if (d->container == BS_IN_AMENDMENT || d->container == BS_IN_UNCERTAINTY)
            continue; /* not settings of the budget */
        const char *id;
        for (int i = d->container == BS_IN_EARMARKED ? 1 : 0; n < max && (id = schema_instance_id(sc, d->container, i)); i++) {
            if (d->container == BS_IN_MEASURE && !(d->measure_mask & (1u << sc->measures[i].type)))
                continue;
            char path[256];
            const char *star = strchr(d->path, '*');
            snprintf(path, sizeof path, "%.*s%s%s", (int)(star - d->path), d->path, id, star + 1);
            fill(sc, d, i, path, &out[n++]);
        }
    }
    return n;
}

double bind_get(const bs_binding *b)
{
    return b->values[b->first];
}

void bind_set(const bs_binding *b, double v)
{
    for (int t = 0; t < b->count; t++)
        b->values[b->first + t] = v;
}

void bind_scale(const bs_binding *b, double factor)
{
    for (int t = 0; t < b->count; t++)
        b->values[b->first + t] *= factor;
}

double bind_clamp(const bs_binding *b, double v)
{
    const bs_setting_def *d = b->def;
    if (v < d->min)
        v = d->min;
    if (v > d->max)
        v = d->max;
    if ((d->flags & BS_F_MIN_OPEN) && v <= d->min)
        v = nextafter(d->min, INFINITY);
    if ((d->flags & BS_F_MAX_OPEN) && v >= d->max)
        v = nextafter(d->max, -INFINITY);
    return v;
}
