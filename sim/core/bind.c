/* bind.c - numeric settings by path (see bind.h).
 *
 * This file may use: core/, the C library and libm (no files, no printing, no exit). */
#include "core/bind.h"

#include <stdio.h>

#include <math.h>
#include <string.h>

/* The id of instance i of container c in sc, or NULL past the last (or for
 * a container without instances). */
static const char *instance_id(const bs_scenario *sc, bs_container c, int i)
{
    const bs_council *k = &sc->chamber;
    switch (c) {
    case BS_IN_SERVICE: return i < sc->nservices ? sc->services[i].id : NULL;
    case BS_IN_FUNDING: return i < sc->nfunding ? sc->funding[i].id : NULL;
    case BS_IN_MEASURE: return i < sc->nmeasures ? sc->measures[i].id : NULL;
    case BS_IN_EARMARKED: return i < sc->nreserves ? sc->reserves[i].id : NULL;
    case BS_IN_GROUP: return i < k->ngroups ? k->groups[i].id : NULL;
    case BS_IN_MEMBER: return i < k->nmembers ? k->members[i].id : NULL;
    case BS_IN_RED_LINE: return i < k->nred_lines ? k->red_lines[i].id : NULL;
    case BS_IN_AMENDMENT: return i < k->namendments ? k->amendments[i].id : NULL;
    case BS_IN_UNCERTAINTY: return i < sc->nuncertain ? sc->uncertain[i].id : NULL;
    default: return NULL;
    }
}

/* Instance index of id in container c of sc, or -1 (0 for the top level). */
static int find_instance(const bs_scenario *sc, bs_container c, const char *id)
{
    if (c == BS_IN_TOP)
        return 0;
    const char *have;
    /* reserves[0] is the general reserve, not an earmarked one */
    for (int i = c == BS_IN_EARMARKED ? 1 : 0; (have = instance_id(sc, c, i)) != NULL; i++)
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

int bind_path(bs_scenario *sc, const char *path, bs_binding *b, bs_error *err)
{
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
        for (int i = d->container == BS_IN_EARMARKED ? 1 : 0; n < max && (id = instance_id(sc, d->container, i)); i++) {
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
