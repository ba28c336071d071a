/* bind.c - numeric settings by path (see bind.h). */
#include "bind.h"

#include <math.h>
#include <string.h>

/* Instance index of id in container c of sc, or -1. */
static int find_instance(bs_scenario *sc, bs_container c, const char *id)
{
    int n = 0;
    for (int i = 0;; i++) {
        const char *have;
        switch (c) {
        case BS_IN_SERVICE: n = sc->nservices; have = i < n ? sc->services[i].id : NULL; break;
        case BS_IN_FUNDING: n = sc->nfunding; have = i < n ? sc->funding[i].id : NULL; break;
        case BS_IN_MEASURE: n = sc->nmeasures; have = i < n ? sc->measures[i].id : NULL; break;
        case BS_IN_EARMARKED: n = sc->nreserves; have = i < n ? sc->reserves[i].id : NULL; break;
        case BS_IN_GROUP: n = sc->chamber.ngroups; have = i < n ? sc->chamber.groups[i].id : NULL; break;
        case BS_IN_MEMBER: n = sc->chamber.nmembers; have = i < n ? sc->chamber.members[i].id : NULL; break;
        case BS_IN_RED_LINE: n = sc->chamber.nred_lines; have = i < n ? sc->chamber.red_lines[i].id : NULL; break;
        case BS_IN_AMENDMENT: n = sc->chamber.namendments; have = i < n ? sc->chamber.amendments[i].id : NULL; break;
        case BS_IN_UNCERTAINTY: n = sc->nuncertain; have = i < n ? sc->uncertain[i].id : NULL; break;
        default: return 0;
        }
        if (!have)
            return -1;
        if (c == BS_IN_EARMARKED && i == 0)
            continue; /* reserves[0] is the general reserve */
        if (strcmp(have, id) == 0)
            return i;
    }
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
        int count = 0;
        for (int i = 0;; i++) {
            const char *id;
            switch (d->container) {
            case BS_IN_SERVICE: count = sc->nservices; id = i < count ? sc->services[i].id : NULL; break;
            case BS_IN_FUNDING: count = sc->nfunding; id = i < count ? sc->funding[i].id : NULL; break;
            case BS_IN_MEASURE: count = sc->nmeasures; id = i < count ? sc->measures[i].id : NULL; break;
            case BS_IN_EARMARKED: count = sc->nreserves; id = i < count ? sc->reserves[i].id : NULL; break;
            case BS_IN_GROUP: count = sc->chamber.ngroups; id = i < count ? sc->chamber.groups[i].id : NULL; break;
            case BS_IN_MEMBER: count = sc->chamber.nmembers; id = i < count ? sc->chamber.members[i].id : NULL; break;
            case BS_IN_RED_LINE: count = sc->chamber.nred_lines; id = i < count ? sc->chamber.red_lines[i].id : NULL; break;
            default: id = NULL; break;
            }
            if (!id || n >= max)
                break;
            if (d->container == BS_IN_EARMARKED && i == 0)
                continue;
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
