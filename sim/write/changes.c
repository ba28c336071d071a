/* changes.c - what an alternative changes against a base, and those
 * changes in words (see changes.h).
 *
 * This file may use: core/ and the C library. */
#include "write/changes.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

/* Both budgets, compared. */
typedef struct {
    const bs_scenario *sa, *sb;
    const bs_result *ra, *rb;
} pair;

/* The measure id of sc (its index in *idx), or NULL (*idx -1). */
static const bs_measure *find_measure(const bs_scenario *sc, const char *id, int *idx)
{
    for (int i = 0; i < sc->nmeasures; i++)
        if (strcmp(sc->measures[i].id, id) == 0) {
            *idx = i;
            return &sc->measures[i];
        }
    *idx = -1;
    return NULL;
}

/* Is any of the n values more than half a pound (in £m) from 0? */
static int nonzero(const double *v, int n)
{
    for (int t = 0; t < n; t++)
        if (fabs(v[t]) > 5e-7)
            return 1;
    return 0;
}

/* The measures that differ, the base's first, then those only the
 * alternative has, into ch: a saving or charge it drops or shrinks costs,
 * a reserve movement it adds to costs. Returns how many. */
static int measure_changes(const pair *c, bs_change *ch)
{
    static const char *const type_word[] = {"saving", "charge", "reserve movement"};
    int k = 0, years = c->ra->nyears;
    for (int pass = 0; pass < 2; pass++) {
        const bs_scenario *s1 = pass == 0 ? c->sa : c->sb;
        for (int i = 0; i < s1->nmeasures; i++) {
            int ia, ib;
            const bs_measure *ma = find_measure(c->sa, s1->measures[i].id, &ia);
            const bs_measure *mb = find_measure(c->sb, s1->measures[i].id, &ib);
            if (pass == 1 && ma)
                continue;
            const bs_measure *m = mb ? mb : ma;
            bs_change *x = &ch[k];
            for (int t = 0; t < years; t++) {
                double va = ma ? c->ra->measure_m[ia][t] : 0.0, vb = mb ? c->rb->measure_m[ib][t] : 0.0;
                x->cost[t] = m->type == BS_RESERVE_MOVE ? vb - va : va - vb;
            }
            if (!nonzero(x->cost, years))
                continue;
            int on_a = ma && ma->enabled, on_b = mb && mb->enabled;
            const char *verb = on_a && !on_b ? "drops" : !on_a && on_b ? "adds" : "changes";
            snprintf(x->label, sizeof x->label, "%s %s: %s", verb, type_word[m->type], m->name);
            x->reserve = m->type == BS_RESERVE_MOVE;
            bs_strlcpy(x->line, m->line_index >= 0 ? m->line : "", sizeof x->line);
            k++;
        }
    }
    return k;
}

/* The index of service id (funding: of funding stream id) in sc, or -1. */
static int find_line(const bs_scenario *sc, int funding, const char *id)
{
    if (!funding)
        return scenario_find_service(sc, id);
    int found = -1;
    for (int q = 0; q < sc->nfunding; q++)
        if (strcmp(sc->funding[q].id, id) == 0)
            found = q;
    return found;
}

/* The services (funding 0) or funding streams (1) whose money differs, the
 * base's first, then those only the alternative has, into ch: more spending
 * or less funding costs. Returns how many. */
static int line_changes(const pair *c, int funding, bs_change *ch)
{
    int k = 0, years = c->ra->nyears;
    for (int pass = 0; pass < 2; pass++) {
        const bs_scenario *s1 = pass == 0 ? c->sa : c->sb;
        int n = funding ? s1->nfunding : s1->nservices;
        for (int i = 0; i < n; i++) {
            const char *id = funding ? s1->funding[i].id : s1->services[i].id;
            int a = find_line(c->sa, funding, id), b = find_line(c->sb, funding, id);
            if (pass == 1 && a >= 0)
                continue;
            for (int t = 0; t < years; t++) {
                double va = a < 0 ? 0.0 : funding ? c->ra->funding_m[a][t] : c->ra->service_gross_m[a][t];
                double vb = b < 0 ? 0.0 : funding ? c->rb->funding_m[b][t] : c->rb->service_gross_m[b][t];
                ch[k].cost[t] = funding ? va - vb : vb - va;
            }
            if (!nonzero(ch[k].cost, years))
                continue;
            snprintf(ch[k].label, sizeof ch[k].label, funding ? "changes funding: %s" : "changes spending: %s",
                     funding ? s1->funding[i].name : s1->services[i].name);
            ch[k].reserve = 0;
            bs_strlcpy(ch[k].line, funding ? "" : id, sizeof ch[k].line);
            k++;
        }
    }
    return k;
}

bs_change *changes_list(const bs_scenario *sa, const bs_result *ra, const bs_scenario *sb, const bs_result *rb,
                        int *n)
{
    pair c = {sa, sb, ra, rb};
    int cap = sa->nmeasures + sb->nmeasures + sa->nservices + sb->nservices + sa->nfunding + sb->nfunding + 2;
    bs_change *ch = calloc((size_t)cap, sizeof *ch);
    if (!ch)
        return NULL;
    int k = measure_changes(&c, ch);
    k += line_changes(&c, 0, ch + k);
    k += line_changes(&c, 1, ch + k);
    bs_change *x = &ch[k];
    for (int t = 0; t < ra->nyears; t++)
        x->cost[t] = ra->council_tax_m[t] - rb->council_tax_m[t];
    if (nonzero(x->cost, ra->nyears)) {
        snprintf(x->label, sizeof x->label, "changes council tax income");
        k++;
    }
    *n = k;
    return ch;
}

char *changes_in_words(const bs_scenario *sb, const bs_result *rb, const bs_change *ch, int n, int t, char *buf,
                       size_t size)
{
    char a[48], b[48], c2[48];
    double cost = 0, pay = 0;
    for (int i = 0; i < n; i++) {
        if (ch[i].cost[t] > 0)
            cost += ch[i].cost[t];
        else
            pay -= ch[i].cost[t];
    }
    if (cost < 5e-7 && pay < 5e-7) {
        snprintf(buf, size, "no change.");
        return buf;
    }
    double net = cost - pay;
    if (pay < 5e-7) {
        snprintf(buf, size, "the changes in %s cost %s and nothing pays for them: the gap to close is that much larger.",
                 sb->label, bs_fmt_gbp_m(cost, 1, a, sizeof a));
        return buf;
    }
    int len = snprintf(buf, size, "the changes in %s cost %s and it finds %s to pay for them; ", sb->label,
                       bs_fmt_gbp_m(cost, 1, a, sizeof a), bs_fmt_gbp_m(pay, 1, b, sizeof b));
    size_t at = len < 0 ? 0 : (size_t)len < size ? (size_t)len : size - 1;
    if (net > 5e-7)
        snprintf(buf + at, size - at, "%s is not paid for, so the gap to close is that much larger.",
                 bs_fmt_gbp_m(net, 1, c2, sizeof c2));
    else if (net < -5e-7)
        snprintf(buf + at, size - at, "%s is left over%s.", bs_fmt_gbp_m(-net, 1, c2, sizeof c2),
                 t < sb->balanced_years || rb->gap_after_m[t] < 0 ? " and goes to the general reserve" : ", reducing the gap");
    else
        snprintf(buf + at, size - at, "it is paid for exactly.");
    return buf;
}
