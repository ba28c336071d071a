/* api.c - the model as the published page calls it (see api.h).
 *
 * bs_web_run gives
 *   {"scenario":{"name":"...","label":"adopted","council":"...","file":"scenarios/..."},
 *    "years":["2022/23",...],
 *    "rows":{"totals.gap_after_m":[-0.0011292309758,...],...}   every row of table_from_result
 *                                                               but headings, "%.17g", null for "-"
 *    "text":{"totals.gap_after_m":["0.0","43.9",...],...}       as `budgetsim run` shows them
 *    "rules":[{"rule":"balanced","title":"...","year":"2022/23","applies":true,"ok":true},
 *             {...,"ok":false,"reason":"..."}],
 *             ("ok" is true where the rule does not apply; "reason" only where it is broken)
 *    "broken":N,
 *    "vote":{"given":true,"passed":true,"tie":false,"for":47,"against":27,"abstain":0,"absent":16,
 *            "p_pass":0.99...,"swing":11,"swing_from":"for","swing_to":"against",
 *            "groups":[{"id":"labour","name":"Labour","colour":"#E4003B","for":47,...}],
 *            "seats":[{"group":"labour","position":"for"},...]},        or {"given":false}
 *    "ms":0}
 * The vote is the budget ballot of the council as it stands, without
 * amendments (as `budgetsim vote --as-proposed` takes it): red lines read
 * against the table, the budget's rule, the exact chance of passing.
 * seats: one per voter in the hemicycle's order (write/charts/hemicycle.c):
 * by vote (for, against, abstaining, absent; a mayor's budget against
 * first), within a vote by group, the mayor last (group "mayor").
 *
 * bs_web_levers gives
 *   [{"path":"council_tax.core_rise_pct@2023","label":"...","group":"Council tax","unit":"%",
 *     "kind":"number","min":-50,"max":100,"step":0.01,"value":2.99},...,
 *    {"path":"measures.green_bin.enabled","label":"...","group":"Measures","kind":"bool","value":true}]
 * min and max are the setting's range (core/schema.c); "min_open"/"max_open"
 * true when the end itself is not allowed.
 *
 * Strings from the scenario are data: every one is escaped for JSON, and
 * "</" is written "<\/" so that the text can sit inside a <script>.
 *
 * This file may use: core/ and the C library. */
#include "web/api.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifndef __wasm__
#include <time.h>
#endif

#include "core/bind.h"
#include "core/budget.h"
#include "core/guard.h"
#include "core/pack.h"
#include "core/rules.h"
#include "core/schema.h"
#include "core/table.h"
#include "core/vote.h"

#define MAX_EXPOSED 64

typedef struct {
    bs_scenario *pristine, *work;
    int nexposed;
    char exposed[MAX_EXPOSED][256];
} slot_t;

static slot_t slots[BS_WEB_SLOTS];
static char last_error[700];
static bs_result *result;
static bs_stances stances; /* large: kept out of the stack */
static bs_vote_result vote;

/* ---- the answer buffer ---- */
static char *buf;
static size_t blen, bcap;
static int bfail; /* out of memory while writing */

static void grow(size_t need)
{
    if (bfail || blen + need + 1 <= bcap)
        return;
    size_t cap = bcap ? bcap : 65536;
    while (cap < blen + need + 1)
        cap *= 2;
    char *p = realloc(buf, cap);
    if (!p) {
        bfail = 1;
        return;
    }
    buf = p;
    bcap = cap;
}

static void put(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void put(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    grow((size_t)n);
    if (bfail)
        return;
    va_start(ap, fmt);
    vsnprintf(buf + blen, bcap - blen, fmt, ap);
    va_end(ap);
    blen += (size_t)n;
}

static void put_raw(const char *s, size_t n);
/* A string literal, its length counted by the compiler. */
#define PUT(lit) put_raw(lit, sizeof lit - 1)

static void put_raw(const char *s, size_t n)
{
    grow(n);
    if (bfail)
        return;
    memcpy(buf + blen, s, n);
    blen += n;
    buf[blen] = '\0';
}

/* s as a JSON string, quotes included: '"' and '\' escaped, control
 * characters (and DEL) as \u00XX, "</" as "<\/", U+2028 and U+2029 (line
 * ends to older JavaScript) as \u2028, \u2029. */
static void put_str(const char *s)
{
    PUT("\"");
    const unsigned char *p = (const unsigned char *)s;
    for (; *p; p++) {
        if (*p == '"')
            PUT("\\\"");
        else if (*p == '\\')
            PUT("\\\\");
        else if (*p == '\n')
            PUT("\\n");
        else if (*p == '\t')
            PUT("\\t");
        else if (*p < 0x20 || *p == 0x7f)
            put("\\u%04x", *p);
        else if (*p == '/' && p > (const unsigned char *)s && p[-1] == '<')
            PUT("\\/");
        else if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
            put("\\u%04x", p[2] == 0xa8 ? 0x2028 : 0x2029);
            p += 2;
        } else
            put_raw((const char *)p, 1);
    }
    PUT("\"");
}

/* A number for JSON: "%.17g" reads back as the same double; null for a
 * value JSON cannot hold. */
static void put_num(double v)
{
    if (isfinite(v))
        put("%.17g", v);
    else
        PUT("null");
}

static void put_bool(int b)
{
    put_raw(b ? "true" : "false", b ? 4 : 5);
}

static const char *answer(void)
{
    if (bfail) {
        bfail = 0;
        blen = 0;
        snprintf(last_error, sizeof last_error, "out of memory");
        return NULL;
    }
    return buf ? buf : "";
}

static void start(void)
{
    blen = 0;
    bfail = 0;
    grow(0);
    if (buf)
        buf[0] = '\0';
}

/* ---- errors and slots ---- */
static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_error, sizeof last_error, fmt, ap);
    va_end(ap);
    return -1;
}

static int fail_err(const bs_error *err)
{
    bs_error_format(err, last_error, sizeof last_error);
    return -1;
}

static slot_t *slot_of(int slot)
{
    if (slot < 0 || slot >= BS_WEB_SLOTS || !slots[slot].work) {
        fail("no scenario in slot %d", slot);
        return NULL;
    }
    return &slots[slot];
}

BS_WEB_EXPORT(bs_web_error) const char *bs_web_error(void)
{
    return last_error;
}

BS_WEB_EXPORT(bs_web_alloc) intptr_t bs_web_alloc(int n)
{
    return n > 0 ? (intptr_t)malloc((size_t)n) : 0;
}

BS_WEB_EXPORT(bs_web_free) void bs_web_free(intptr_t ptr)
{
    free((void *)ptr);
}

BS_WEB_EXPORT(bs_web_load) int bs_web_load(const unsigned char *bytes, int len)
{
    int s = 0;
    while (s < BS_WEB_SLOTS && slots[s].work)
        s++;
    if (s == BS_WEB_SLOTS)
        return fail("every slot holds a scenario (%d)", BS_WEB_SLOTS);
    if (!bytes || len < 0)
        return fail("no bytes to load");
    bs_scenario *p = scenario_new(), *w = scenario_new();
    if (!result)
        result = result_new();
    if (!p || !w || !result) {
        scenario_free(p);
        scenario_free(w);
        return fail("out of memory");
    }
    bs_error err = {0};
    if (scenario_unpack(bytes, (size_t)len, p, &err) != 0) {
        scenario_free(p);
        scenario_free(w);
        return fail_err(&err);
    }
    memcpy(w, p, sizeof *w);
    slots[s].pristine = p;
    slots[s].work = w;
    slots[s].nexposed = 0;
    return s;
}

BS_WEB_EXPORT(bs_web_unload) int bs_web_unload(int slot)
{
    slot_t *s = slot_of(slot);
    if (!s)
        return -1;
    scenario_free(s->pristine);
    scenario_free(s->work);
    s->pristine = s->work = NULL;
    s->nexposed = 0;
    return 0;
}

BS_WEB_EXPORT(bs_web_reset) int bs_web_reset(int slot)
{
    slot_t *s = slot_of(slot);
    if (!s)
        return -1;
    memcpy(s->work, s->pristine, sizeof *s->work);
    return 0;
}

/* The range check of --set (load/assign.c check_range), with its words. */
static int check_range(const bs_setting_def *d, const char *path, double v)
{
    char why[200], shown[300];
    if (!schema_out_of_range(d, v, why, sizeof why))
        return 0;
    return fail("%s: %s", bs_printable(path, shown, sizeof shown), why);
}

/* The defaults that follow other settings, made again after a change, as
 * load/build.c makes them when it builds the scenario with --set: a
 * charge's reference price, when not given, is its start year's price (and
 * a price of 0 then, with an elasticity, is refused as build.c refuses it).
 * 0, or -1 with the error. */
static int follow_defaults(bs_scenario *sc, const char *path)
{
    for (int i = 0; i < sc->nmeasures; i++) {
        bs_measure *m = &sc->measures[i];
        if (m->type != BS_CHARGE)
            continue;
        char ref[BS_ID_MAX + 64];
        snprintf(ref, sizeof ref, "measures.%s.reference_price_pounds", m->id);
        if (strncmp(path, ref, strlen(ref)) == 0)
            m->reference_derived = false; /* given now, as by --set */
        if (!m->reference_derived)
            continue;
        char why[200];
        if (scenario_reference_default(sc, m, &m->reference_price_pounds, why, sizeof why))
            return fail("measures.%s.reference_price_pounds: %s", m->id, why);
    }
    return 0;
}

BS_WEB_EXPORT(bs_web_set) int bs_web_set(int slot, const char *path, double v)
{
    slot_t *s = slot_of(slot);
    if (!s)
        return -1;
    if (!path)
        return fail("no setting named");
    bs_binding b;
    bs_error err = {0};
    if (bind_path(s->work, path, &b, &err) != 0)
        return fail_err(&err);
    if (!isfinite(v)) {
        char shown[300];
        return fail("%s: must be a number", bs_printable(path, shown, sizeof shown));
    }
    if (check_range(b.def, path, v) != 0)
        return -1;
    bind_set(&b, v);
    return follow_defaults(s->work, path);
}

/* The measure whose setting path names ("measures.ID" + suffix), -2 when
 * the path is not of that form, or -1 when there is no such measure. */
static int measure_of(const bs_scenario *sc, const char *path, const char *suffix)
{
    const char *pre = "measures.";
    size_t n = path ? strlen(path) : 0, np = strlen(pre), ns = strlen(suffix);
    if (n <= np + ns || strncmp(path, pre, np) != 0 || strcmp(path + n - ns, suffix) != 0)
        return -2;
    for (int i = 0; i < sc->nmeasures; i++)
        if (strlen(sc->measures[i].id) == n - np - ns && strncmp(sc->measures[i].id, path + np, n - np - ns) == 0)
            return i;
    return -1;
}

/* The measure named by "measures.ID.enabled", or -1 with the error. */
static int enabled_measure(const bs_scenario *sc, const char *path)
{
    char shown[300];
    int i = measure_of(sc, path, ".enabled");
    if (i == -2)
        return fail("%s: only measures.ID.enabled can be switched on or off",
                    path ? bs_printable(path, shown, sizeof shown) : "");
    if (i < 0)
        return fail("%s: no such measure in this scenario", bs_printable(path, shown, sizeof shown));
    return i;
}

BS_WEB_EXPORT(bs_web_set_bool) int bs_web_set_bool(int slot, const char *path, int on)
{
    slot_t *s = slot_of(slot);
    if (!s)
        return -1;
    int i = enabled_measure(s->work, path);
    if (i < 0)
        return -1;
    s->work->measures[i].enabled = on != 0;
    return 0;
}

BS_WEB_EXPORT(bs_web_expose) int bs_web_expose(int slot, const char *path)
{
    slot_t *s = slot_of(slot);
    if (!s)
        return -1;
    bs_binding b;
    bs_error err = {0};
    if (!path)
        return fail("no setting named");
    if (bind_path(s->work, path, &b, &err) != 0)
        return fail_err(&err);
    if (s->nexposed == MAX_EXPOSED)
        return fail("more than %d levers exposed", MAX_EXPOSED);
    bs_strlcpy(s->exposed[s->nexposed++], path, sizeof s->exposed[0]);
    return 0;
}

/* ---- bs_web_run ---- */
static double now_ms(void)
{
#ifdef __wasm__
    return 0; /* no clock import: the page times the call itself */
#else
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        return 0;
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
#endif
}

/* Every row of tb as "key":[...]: its numbers ("%.17g", null where the
 * row has none), or with text its values as `budgetsim run` shows them
 * ("-" where none). */
static void put_row_lists(const bs_table *tb, int text)
{
    char v[64];
    int first = 1;
    for (int i = 0; i < tb->n; i++) {
        const bs_row *row = &tb->rows[i];
        if (row->kind == BS_ROW_HEADING)
            continue;
        put_raw(",", first ? 0 : 1);
        first = 0;
        put_str(row->key);
        PUT(":[");
        for (int t = 0; t < tb->nyears; t++) {
            put_raw(",", t ? 1 : 0);
            if (text)
                put_str(row->na[t] ? "-" : table_fmt_value(row->kind, row->v[t], 0, v, sizeof v));
            else if (row->na[t])
                PUT("null");
            else
                put_num(row->v[t]);
        }
        PUT("]");
    }
}

static void put_rows(const bs_table *tb)
{
    PUT("\"rows\":{");
    put_row_lists(tb, 0);
    PUT("},\"text\":{");
    put_row_lists(tb, 1);
    PUT("}");
}

static void put_rules(const bs_scenario *sc, const bs_result *r)
{
    char y[16], why[600];
    PUT("\"rules\":[");
    int first = 1;
    for (int k = 0; k < BS_NRULES; k++)
        for (int t = 0; t < r->nyears; t++) {
            put_raw(",", first ? 0 : 1);
            first = 0;
            PUT("{\"rule\":");
            put_str(bs_rules[k]->key);
            PUT(",\"title\":");
            put_str(bs_rules[k]->title);
            PUT(",\"year\":");
            put_str(bs_year_label(r->first_year + t, y, sizeof y));
            PUT(",\"applies\":");
            put_bool(r->rule_applies[k][t]);
            PUT(",\"ok\":");
            put_bool(!r->rule_applies[k][t] || r->rule_ok[k][t]);
            if (r->rule_applies[k][t] && !r->rule_ok[k][t]) {
                bs_rules[k]->reason(sc, r, t, why, sizeof why);
                PUT(",\"reason\":");
                put_str(why);
            }
            PUT("}");
        }
    PUT("]");
    put(",\"broken\":%d", budget_broken_count(r));
}

/* The budget ballot of sc's council on the table tb. Returns 0, or -1
 * (out of memory, or a quorum too uncertain to count). */
static int put_vote(const bs_scenario *sc, const bs_table *tb)
{
    const bs_council *c = &sc->chamber;
    if (!c->given) {
        PUT("\"vote\":{\"given\":false}");
        return 0;
    }
    bs_ballot_spec sp;
    vote_stances(c, tb, &stances);
    vote_spec_budget(c, &sp);
    vote_run_spec(c, &stances, &sp, &vote);
    double p = 0;
    int nv = 0;
    int rc = vote_exact_spec(c, &stances, &sp, &p, NULL, &nv);
    if (rc == -2)
        return fail("council.quorum: the quorum depends on who comes and more than %d members' votes are "
                    "uncertain: too large to count exactly",
                    BS_EXACT3_MAX);
    if (rc != 0)
        return fail("out of memory");
    const bs_vote_result *v = &vote;
    put("\"vote\":{\"given\":true,\"passed\":%s,\"tie\":%s,\"for\":%d,\"against\":%d,\"abstain\":%d,"
        "\"absent\":%d,\"quorate\":%s,\"mayoral\":%s,\"p_pass\":",
        v->passed ? "true" : "false", v->tie ? "true" : "false", v->count[0], v->count[1], v->count[2],
        v->count[3], v->quorate ? "true" : "false", v->mayoral ? "true" : "false");
    put_num(p);
    put(",\"swing\":%d,\"swing_from\":", v->swing);
    put_str(vote_position_name(v->swing_from));
    PUT(",\"swing_to\":");
    put_str(vote_position_name(v->swing_to));
    PUT(",\"groups\":[");
    for (int g = 0; g < c->ngroups; g++) {
        put_raw(",", g ? 1 : 0);
        PUT("{\"id\":");
        put_str(c->groups[g].id);
        PUT(",\"name\":");
        put_str(c->groups[g].name);
        PUT(",\"colour\":");
        put_str(c->groups[g].colour);
        put(",\"position\":\"%s\",\"for\":%d,\"against\":%d,\"abstain\":%d,\"absent\":%d}",
            vote_position_name(stances.group_pos[g]), v->group_count[g][0], v->group_count[g][1],
            v->group_count[g][2], v->group_count[g][3]);
    }
    PUT("],\"seats\":[");
    int order[4] = {v->mayoral ? 1 : 0, v->mayoral ? 0 : 1, 2, 3}, first = 1;
    for (int o = 0; o < 4; o++)
        for (int g = 0; g <= c->ngroups; g++) {
            int count = g < c->ngroups ? v->group_count[g][order[o]] : v->mayor_count[order[o]];
            for (int i = 0; i < count; i++) {
                put_raw(",", first ? 0 : 1);
                first = 0;
                PUT("{\"group\":");
                put_str(g < c->ngroups ? c->groups[g].id : "mayor");
                put(",\"position\":\"%s\"}", vote_position_name((bs_position)order[o]));
            }
        }
    PUT("]}");
    return 0;
}

BS_WEB_EXPORT(bs_web_get) const char *bs_web_get(int slot, const char *path)
{
    slot_t *s = slot_of(slot);
    if (!s)
        return NULL;
    if (!path) {
        fail("no setting named");
        return NULL;
    }
    bs_binding b;
    bs_error err = {0};
    if (bind_path(s->work, path, &b, &err) != 0) {
        fail_err(&err);
        return NULL;
    }
    start();
    PUT("[");
    for (int k = 0; k < b.count; k++) {
        if (k)
            PUT(",");
        put_num(b.values[b.first + k]);
    }
    PUT("]");
    return answer();
}

BS_WEB_EXPORT(bs_web_run) const char *bs_web_run(int slot)
{
    slot_t *s = slot_of(slot);
    if (!s)
        return NULL;
    double t0 = now_ms();
    const bs_scenario *sc = s->work;
    budget_run(sc, result);
    if (!budget_finite(sc, result)) {
        char why[400];
        guard_message(sc, result, why, sizeof why);
        fail("the budget cannot be computed: %s", why);
        return NULL;
    }
    bs_table tb = {0};
    if (table_from_result(sc, result, &tb) != 0) {
        table_free(&tb);
        fail("out of memory");
        return NULL;
    }
    char y[16];
    start();
    PUT("{\"scenario\":{\"name\":");
    put_str(sc->name);
    PUT(",\"label\":");
    put_str(sc->label);
    PUT(",\"council\":");
    put_str(sc->council);
    PUT(",\"file\":");
    put_str(sc->source_file);
    PUT("},\"years\":[");
    for (int t = 0; t < result->nyears; t++) {
        put_raw(",", t ? 1 : 0);
        put_str(bs_year_label(result->first_year + t, y, sizeof y));
    }
    PUT("],");
    put_rows(&tb);
    PUT(",");
    put_rules(sc, result);
    PUT(",");
    int rc = put_vote(sc, &tb);
    table_free(&tb);
    if (rc != 0)
        return NULL;
    double ms = now_ms() - t0;
    put(",\"ms\":%.3f}", ms > 0 ? ms : 0.0);
    return answer();
}

/* ---- bs_web_levers ---- */
static double step_of(const char *unit)
{
    if (strcmp(unit, "%") == 0)
        return 0.01;
    if (strcmp(unit, "£m") == 0)
        return 0.1;
    if (strcmp(unit, "£") == 0)
        return 1;
    if (strcmp(unit, "households") == 0)
        return 100;
    return 0.01;
}

static int nlevers;

static void put_number_lever(bs_scenario *sc, const char *path, const char *group)
{
    bs_binding b;
    bs_error err = {0};
    if (bind_path(sc, path, &b, &err) != 0)
        return;
    char label[600];
    const bs_setting_def *d = b.def;
    put_raw(",", nlevers++ ? 1 : 0);
    PUT("{\"path\":");
    put_str(path);
    PUT(",\"label\":");
    put_str(schema_setting_label(sc, path, label, sizeof label));
    PUT(",\"group\":");
    put_str(group);
    PUT(",\"unit\":");
    put_str(d->unit);
    PUT(",\"kind\":\"number\",\"min\":");
    put_num(d->min);
    PUT(",\"max\":");
    put_num(d->max);
    put(",\"min_open\":%s,\"max_open\":%s,\"step\":", d->flags & BS_F_MIN_OPEN ? "true" : "false",
        d->flags & BS_F_MAX_OPEN ? "true" : "false");
    put_num(step_of(d->unit));
    PUT(",\"value\":");
    put_num(bind_get(&b));
    PUT("}");
}

/* A per-year setting of a measure: one lever for every year when its
 * years are alike (as the file usually gives it), else one a year. */
static void put_measure_setting(bs_scenario *sc, const char *path, const char *group)
{
    bs_binding b;
    bs_error err = {0};
    if (bind_path(sc, path, &b, &err) != 0)
        return;
    int alike = 1;
    for (int t = 1; t < b.count; t++)
        alike &= b.values[b.first + t] == b.values[b.first];
    if (alike || b.def->type == BS_T_NUM) {
        put_number_lever(sc, path, group);
        return;
    }
    for (int t = b.first; t < b.first + b.count; t++) {
        char p[320];
        snprintf(p, sizeof p, "%.300s@%d", path, sc->first_year + t);
        put_number_lever(sc, p, group);
    }
}

BS_WEB_EXPORT(bs_web_levers) const char *bs_web_levers(int slot)
{
    slot_t *s = slot_of(slot);
    if (!s)
        return NULL;
    bs_scenario *sc = s->work;
    char path[300];
    start();
    nlevers = 0;
    PUT("[");
    static const char *const tax[] = {"council_tax.core_rise_pct", "council_tax.asc_precept_pct"};
    for (size_t k = 0; k < sizeof tax / sizeof tax[0]; k++)
        for (int t = 0; t < sc->nyears; t++) {
            snprintf(path, sizeof path, "%s@%d", tax[k], sc->first_year + t);
            put_number_lever(sc, path, "Council tax");
        }
    for (int i = 0; i < sc->nmeasures; i++) {
        const bs_measure *m = &sc->measures[i];
        const char *group = m->type == BS_RESERVE_MOVE ? "Reserves" : "Measures";
        snprintf(path, sizeof path, "measures.%s.enabled", m->id);
        put_raw(",", nlevers++ ? 1 : 0);
        PUT("{\"path\":");
        put_str(path);
        PUT(",\"label\":");
        put_str(m->name);
        PUT(",\"group\":");
        put_str(group);
        PUT(",\"kind\":\"bool\",\"value\":");
        put_bool(m->enabled);
        PUT("}");
        /* each numeric setting of its type that bind_path can bind */
        for (size_t k = 0; k < bs_nsettings; k++) {
            const bs_setting_def *d = &bs_settings[k];
            if (d->container != BS_IN_MEASURE || !(d->measure_mask & (1u << m->type)) ||
                (d->type != BS_T_NUM && d->type != BS_T_SERIES1 && d->type != BS_T_SERIES2))
                continue;
            snprintf(path, sizeof path, "measures.%s%s", m->id, d->path + strlen("measures.*"));
            put_measure_setting(sc, path, group);
        }
        /* a recurring saving's phasing: the share delivered in each year of
         * the horizon from its start (a list: set whole, bs_web_set_list) */
        if (m->type == BS_SAVING && m->recurring)
            for (int k = 0; m->start_year - sc->first_year + k < sc->nyears; k++) {
                char y[16], label[600];
                snprintf(path, sizeof path, "measures.%s.phasing_pct", m->id);
                snprintf(label, sizeof label, "%s: share delivered in %s (%%)", m->name,
                         bs_year_label(m->start_year + k, y, sizeof y));
                put_raw(",", nlevers++ ? 1 : 0);
                PUT("{\"path\":");
                put_str(path);
                put(",\"index\":%d,\"label\":", k);
                put_str(label);
                PUT(",\"group\":");
                put_str(group);
                PUT(",\"unit\":\"%\",\"kind\":\"list\",\"min\":0,\"max\":100,\"min_open\":false,\"max_open\":false,"
                    "\"step\":1,\"value\":");
                put_num(m->phasing_pct[k < m->nphasing ? k : m->nphasing - 1]);
                PUT("}");
            }
    }
    for (int i = 0; i < s->nexposed; i++)
        put_number_lever(sc, s->exposed[i], "Assumptions");
    PUT("]");
    return answer();
}

/* The recurring saving whose phasing path names ("measures.ID.phasing_pct"),
 * or -1 with the error. */
static int phasing_measure(const bs_scenario *sc, const char *path)
{
    char shown[300];
    int i = measure_of(sc, path, ".phasing_pct");
    if (i >= 0 && sc->measures[i].type == BS_SAVING && sc->measures[i].recurring)
        return i;
    return fail("%s: only a recurring saving's measures.ID.phasing_pct takes a list here",
                path ? bs_printable(path, shown, sizeof shown) : "");
}

BS_WEB_EXPORT(bs_web_set_list) int bs_web_set_list(int slot, const char *path, const double *v, int n)
{
    slot_t *s = slot_of(slot);
    if (!s)
        return -1;
    int i = phasing_measure(s->work, path);
    if (i < 0)
        return -1;
    char shown[300];
    bs_printable(path, shown, sizeof shown);
    if (n < 1 || n > BS_MAX_YEARS)
        return fail("%s: takes 1 to %d entries, not %d", shown, BS_MAX_YEARS, n);
    /* each entry in the settings table's range, and never going down, as
     * --set refuses them (core/schema.h, core/scenario.h) */
    const bs_setting_def *d = schema_find(s->work, path);
    char why[200];
    if (!d)
        return fail("%s: is not a setting (see budgetsim reference)", shown);
    for (int k = 0; k < n; k++)
        if (schema_out_of_range(d, v[k], why, sizeof why))
            return fail("%s: entry %d %s", shown, k + 1, why);
    if (scenario_phasing_falls(v, n, why, sizeof why))
        return fail("%s: %s", shown, why);
    bs_measure *m = &s->work->measures[i];
    memcpy(m->phasing_pct, v, (size_t)n * sizeof *v);
    m->nphasing = n;
    return 0;
}
