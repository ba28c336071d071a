/* pack.c - a scenario as a short run of bytes, and back (see pack.h).
 *
 * The format, every number a 32-bit unsigned integer, little-endian:
 *
 *   "BSPK1"                  5 bytes, the magic (1: the version)
 *   size                     sizeof(bs_scenario) of the build that packed it
 *   signature                scenario_layout_signature() of that build
 *   length                   bytes of the struct the body restores (= size)
 *   body                     tokens until length bytes are restored:
 *     L, then L bytes        copied as they are (runs of fewer than 8 zeros among them)
 *     Z                      then Z zero bytes (0, or 8 and more)
 *
 * A token of L = 0 and Z = 0 is refused (it would restore nothing, for
 * ever), as is a token that runs past length and any byte after the last.
 * The struct's bytes are copied whole, padding too, so a scenario packed
 * and unpacked is the same bytes (tests/test_pack.c compares them).
 *
 * This file may use: core/ and the C library (no files, no printing). */
#include "core/pack.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MIN_RUN 8 /* zeros squeezed from this many on: a shorter run costs less copied than a token */

/* FNV-1a (32 bits) over v's four bytes, least significant first. */
static uint32_t fnv_u32(uint32_t h, size_t v)
{
    for (int i = 0; i < 4; i++) {
        h ^= (uint32_t)(v >> (8 * i)) & 0xffu;
        h *= 16777619u;
    }
    return h;
}

unsigned long scenario_layout_signature(void)
{
    /* Sizes and offsets spread over every part: another compiler, another
     * limit or a field added, moved or resized changes at least one. */
    const size_t v[] = {
        sizeof(bs_scenario), sizeof(bs_service), sizeof(bs_funding), sizeof(bs_reserve), sizeof(bs_measure),
        sizeof(bs_uncertainty), sizeof(bs_council), sizeof(bs_group), sizeof(bs_member), sizeof(bs_red_line),
        sizeof(bs_amendment), sizeof(bs_ballot_rule), sizeof(bs_chances), sizeof(bool), sizeof(int),
        sizeof(double), sizeof(bs_position),
        offsetof(bs_scenario, name), offsetof(bs_scenario, label), offsetof(bs_scenario, council),
        offsetof(bs_scenario, description), offsetof(bs_scenario, source_file), offsetof(bs_scenario, first_year),
        offsetof(bs_scenario, nyears), offsetof(bs_scenario, band_d_previous_pounds),
        offsetof(bs_scenario, core_rise_pct), offsetof(bs_scenario, asc_precept_pct),
        offsetof(bs_scenario, tax_base), offsetof(bs_scenario, tax_base_growth_pct),
        offsetof(bs_scenario, collection_rate_pct), offsetof(bs_scenario, other_precepts_pounds),
        offsetof(bs_scenario, other_precepts_growth_pct), offsetof(bs_scenario, core_limit_pct),
        offsetof(bs_scenario, core_limit_pounds), offsetof(bs_scenario, asc_limit_pct),
        offsetof(bs_scenario, asc_unused_before_pct), offsetof(bs_scenario, asc_carry_forward),
        offsetof(bs_scenario, balanced_years), offsetof(bs_scenario, cover_unclosed_gaps),
        offsetof(bs_scenario, nservices), offsetof(bs_scenario, services), offsetof(bs_scenario, nfunding),
        offsetof(bs_scenario, funding), offsetof(bs_scenario, nreserves), offsetof(bs_scenario, reserves),
        offsetof(bs_scenario, nmeasures), offsetof(bs_scenario, measures), offsetof(bs_scenario, chamber),
        offsetof(bs_scenario, nuncertain), offsetof(bs_scenario, uncertain),
        offsetof(bs_service, name), offsetof(bs_service, net_m), offsetof(bs_service, growth_pct),
        offsetof(bs_service, statutory),
        offsetof(bs_funding, amount_m), offsetof(bs_funding, growth_pct), offsetof(bs_funding, last_year),
        offsetof(bs_reserve, opening_m), offsetof(bs_reserve, minimum_m),
        offsetof(bs_measure, name), offsetof(bs_measure, type), offsetof(bs_measure, enabled),
        offsetof(bs_measure, start_year), offsetof(bs_measure, line), offsetof(bs_measure, line_index),
        offsetof(bs_measure, amount_m), offsetof(bs_measure, recurring), offsetof(bs_measure, phasing_pct),
        offsetof(bs_measure, nphasing), offsetof(bs_measure, at_risk_pct), offsetof(bs_measure, price_pounds),
        offsetof(bs_measure, households), offsetof(bs_measure, households_growth_pct),
        offsetof(bs_measure, take_up_pct), offsetof(bs_measure, reference_price_pounds),
        offsetof(bs_measure, reference_derived),
        offsetof(bs_measure, elasticity), offsetof(bs_measure, running_cost_m), offsetof(bs_measure, reserve),
        offsetof(bs_measure, reserve_index), offsetof(bs_measure, reserve_m),
        offsetof(bs_uncertainty, path), offsetof(bs_uncertainty, dist), offsetof(bs_uncertainty, mean),
        offsetof(bs_uncertainty, a), offsetof(bs_uncertainty, file), offsetof(bs_uncertainty, line),
        offsetof(bs_council, given), offsetof(bs_council, seats), offsetof(bs_council, ngroups),
        offsetof(bs_council, groups), offsetof(bs_council, nmembers), offsetof(bs_council, members),
        offsetof(bs_council, has_mayor), offsetof(bs_council, mayor_name), offsetof(bs_council, mayor_group_index),
        offsetof(bs_council, mayor_vote), offsetof(bs_council, chair_group_index), offsetof(bs_council, casting),
        offsetof(bs_council, rule), offsetof(bs_council, counted), offsetof(bs_council, budget_rule),
        offsetof(bs_council, budget_chances), offsetof(bs_council, process), offsetof(bs_council, mayor_override),
        offsetof(bs_council, quorum), offsetof(bs_council, nred_lines), offsetof(bs_council, red_lines),
        offsetof(bs_council, namendments), offsetof(bs_council, amendments),
        offsetof(bs_group, name), offsetof(bs_group, seats), offsetof(bs_group, colour), offsetof(bs_group, whip),
        offsetof(bs_group, free_for_pct), offsetof(bs_group, rebels_vote), offsetof(bs_group, p_absent),
        offsetof(bs_member, ward), offsetof(bs_member, group), offsetof(bs_member, group_index),
        offsetof(bs_member, vote), offsetof(bs_member, p_absent),
        offsetof(bs_red_line, who), offsetof(bs_red_line, group_index), offsetof(bs_red_line, metric),
        offsetof(bs_red_line, year), offsetof(bs_red_line, above), offsetof(bs_red_line, vote),
        offsetof(bs_red_line, file), offsetof(bs_red_line, line),
        offsetof(bs_amendment, moved_by), offsetof(bs_amendment, nset), offsetof(bs_amendment, set),
        offsetof(bs_amendment, group_vote), offsetof(bs_amendment, rule), offsetof(bs_amendment, chances),
        offsetof(bs_amendment, has_chances),
        offsetof(bs_ballot_rule, numerator), offsetof(bs_ballot_rule, counted),
        offsetof(bs_ballot_rule, casting_vote),
    };
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        h = fnv_u32(h, v[i]);
    return h;
}

static void put_u32(unsigned char *p, size_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)((v >> (8 * i)) & 0xffu);
}

static uint32_t get_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Length of the run of zeros at b[i..n), at most n - i. */
static size_t zeros_at(const unsigned char *b, size_t i, size_t n)
{
    size_t j = i;
    while (j < n && b[j] == 0)
        j++;
    return j - i;
}

/* Walk the tokens of b (n bytes); with out, write them there. Returns the
 * body's length. */
static size_t body(const unsigned char *b, size_t n, unsigned char *out)
{
    size_t i = 0, w = 0;
    while (i < n) {
        size_t start = i, z = 0;
        /* the literal ends where a run of MIN_RUN zeros begins */
        while (i < n) {
            if (b[i] == 0 && (z = zeros_at(b, i, n)) >= MIN_RUN)
                break;
            i += b[i] == 0 ? z : 1;
            z = 0;
        }
        size_t lit = i - start;
        if (out) {
            put_u32(out + w, lit);
            memcpy(out + w + 4, b + start, lit);
            put_u32(out + w + 4 + lit, z);
        }
        w += 8 + lit;
        i += z;
    }
    return w;
}

int scenario_pack(const bs_scenario *sc, unsigned char **out, size_t *len)
{
    const unsigned char *b = (const unsigned char *)sc;
    size_t n = sizeof *sc, blen = body(b, n, NULL);
    *out = malloc(BS_PACK_HEADER + blen);
    *len = 0;
    if (!*out)
        return -1;
    memcpy(*out, BS_PACK_MAGIC, 5);
    put_u32(*out + 5, n);
    put_u32(*out + 9, scenario_layout_signature());
    put_u32(*out + 13, n);
    body(b, n, *out + BS_PACK_HEADER);
    *len = BS_PACK_HEADER + blen;
    return 0;
}

/* Is the text field s (size bytes) NUL-terminated? */
#define TEXT_OK(s) (memchr((s), '\0', sizeof(s)) != NULL)

/* A position (bs_position), a rule and its count base, in their enums. */
#define POS_OK(p) ((unsigned)(p) <= BS_POS_WHIP)
#define RULE_OK(type, counted) ((unsigned)(type) <= BS_RULE_AT_LEAST && (unsigned)(counted) <= BS_COUNT_MEMBERS)

/* A bool holding 0 or 1, read as a byte (a bool holding another value is
 * undefined behaviour when read as a bool). */
static int bool_ok(const bool *b)
{
    unsigned char c;
    memcpy(&c, b, 1);
    return c <= 1;
}
#define BOOL_OK(b) bool_ok(&(b))

/* The counts, indexes and enums the model follows, within their limits: a pack
 * of the right layout is still bytes from outside. Returns what is wrong,
 * or NULL. */
static const char *check_counts(const bs_scenario *sc)
{
    const bs_council *c = &sc->chamber;
    if (sc->nyears < 1 || sc->nyears > BS_MAX_YEARS)
        return "its number of years is out of range";
    if (sc->nservices < 0 || sc->nservices > BS_MAX_SERVICES || sc->nfunding < 0 || sc->nfunding > BS_MAX_FUNDING ||
        sc->nreserves < 1 || sc->nreserves > BS_MAX_RESERVES || sc->nmeasures < 0 ||
        sc->nmeasures > BS_MAX_MEASURES || sc->nuncertain < 0 || sc->nuncertain > BS_MAX_UNCERTAIN)
        return "a count of its parts is out of range";
    if (c->ngroups < 0 || c->ngroups > BS_MAX_GROUPS || c->nmembers < 0 || c->nmembers > BS_MAX_MEMBERS ||
        c->nred_lines < 0 || c->nred_lines > BS_MAX_RED_LINES || c->namendments < 0 ||
        c->namendments > BS_MAX_AMENDMENTS || c->seats < 0 || c->seats > BS_MAX_SEATS)
        return "a count of its council is out of range";
    if (!BOOL_OK(sc->asc_carry_forward) || !BOOL_OK(sc->cover_unclosed_gaps) || !BOOL_OK(c->given))
        return "a true or false setting holds another value";
    if (sc->first_year < 1900 || sc->first_year > 2200)
        return "its first year is out of range";
    if (!TEXT_OK(sc->name) || !TEXT_OK(sc->label) || !TEXT_OK(sc->council) || !TEXT_OK(sc->description) ||
        !TEXT_OK(sc->source_file) || !TEXT_OK(c->mayor_name))
        return "a text is not terminated";
    for (int i = 0; i < sc->nservices; i++)
        if (!TEXT_OK(sc->services[i].id) || !TEXT_OK(sc->services[i].name) || !BOOL_OK(sc->services[i].statutory))
            return "a service's text is not terminated";
    for (int i = 0; i < sc->nfunding; i++)
        if (!TEXT_OK(sc->funding[i].id) || !TEXT_OK(sc->funding[i].name))
            return "a funding stream's text is not terminated";
    for (int i = 0; i < sc->nreserves; i++)
        if (!TEXT_OK(sc->reserves[i].id) || !TEXT_OK(sc->reserves[i].name))
            return "a reserve's text is not terminated";
    for (int i = 0; i < sc->nmeasures; i++) {
        const bs_measure *m = &sc->measures[i];
        if (!TEXT_OK(m->id) || !TEXT_OK(m->name) || !TEXT_OK(m->line) || !TEXT_OK(m->reserve))
            return "a measure's text is not terminated";
        if ((unsigned)m->type > BS_RESERVE_MOVE || !BOOL_OK(m->enabled) || !BOOL_OK(m->recurring) ||
            !BOOL_OK(m->reference_derived))
            return "a measure's type or a true or false setting of it is out of range";
        if (m->start_year < sc->first_year || m->start_year >= sc->first_year + sc->nyears ||
            (m->type == BS_SAVING && m->nphasing < 1))
            return "a measure's start year or phasing is out of range";
        if (m->line_index < -1 || m->line_index >= sc->nservices || m->nphasing < 0 ||
            m->nphasing > BS_MAX_YEARS || (m->type == BS_RESERVE_MOVE &&
                                           (m->reserve_index < 0 || m->reserve_index >= sc->nreserves)))
            return "a measure's index is out of range";
    }
    if (!c->given)
        return NULL; /* the council's parts are not read */
    if (!BOOL_OK(c->has_mayor) || !BOOL_OK(c->mayor_votes) || !BOOL_OK(c->casting_vote) ||
        !BOOL_OK(c->rule_casting_vote) || !BOOL_OK(c->budget_rule.casting_vote) ||
        !BOOL_OK(c->mayor_override.casting_vote) || !BOOL_OK(c->has_budget_chances) || !BOOL_OK(c->mayor_is_member))
        return "a true or false setting of the council holds another value";
    if (!POS_OK(c->mayor_vote) || !POS_OK(c->casting) || !RULE_OK(c->rule, c->counted) ||
        !RULE_OK(c->budget_rule.type, c->budget_rule.counted) ||
        !RULE_OK(c->mayor_override.type, c->mayor_override.counted) || (unsigned)c->process > BS_PROCESS_MAYOR)
        return "the council's rule or a vote of its is out of range";
    for (int i = 0; i < c->ngroups; i++)
        if (!TEXT_OK(c->groups[i].id) || !TEXT_OK(c->groups[i].name) || !TEXT_OK(c->groups[i].colour) ||
            c->groups[i].seats < 0 || c->groups[i].seats > BS_MAX_SEATS || !POS_OK(c->groups[i].whip) ||
            !POS_OK(c->groups[i].rebels_vote))
            return "a group is malformed";
    for (int i = 0; i < c->nmembers; i++)
        if (!TEXT_OK(c->members[i].id) || !TEXT_OK(c->members[i].name) || c->members[i].group_index < 0 ||
            c->members[i].group_index >= c->ngroups || !POS_OK(c->members[i].vote))
            return "a member is malformed";
    for (int i = 0; i < c->nred_lines; i++) {
        const bs_red_line *l = &c->red_lines[i];
        if (!TEXT_OK(l->metric) || l->group_index >= c->ngroups || l->member_index >= c->nmembers ||
            (l->group_index < 0) == (l->member_index < 0) || !POS_OK(l->vote) || !BOOL_OK(l->has_above) ||
            !BOOL_OK(l->has_below))
            return "a red line is malformed";
    }
    for (int a = 0; a < c->namendments; a++) {
        const bs_amendment *am = &c->amendments[a];
        if (am->nset < 0 || am->nset > BS_MAX_AMEND_SETS || am->mover_group >= c->ngroups ||
            !RULE_OK(am->rule.type, am->rule.counted) || !BOOL_OK(am->rule.casting_vote) || !BOOL_OK(am->has_chances))
            return "an amendment is malformed";
        for (int s = 0; s < am->nset; s++)
            if (!TEXT_OK(am->set[s]))
                return "an amendment is malformed";
        for (int g = 0; g < c->ngroups; g++)
            if (!POS_OK(am->group_vote[g]))
                return "an amendment is malformed";
    }
    if (c->mayor_group_index >= c->ngroups || c->chair_group_index >= c->ngroups)
        return "the council's mayor or chair names no group";
    return NULL;
}

int scenario_unpack(const unsigned char *in, size_t len, bs_scenario *sc, bs_error *err)
{
    const char *what = "scenario pack";
    const size_t n = sizeof *sc;
    if (len < 5 || memcmp(in, BS_PACK_MAGIC, 4) != 0)
        return bs_fail(err, what, 0, "", "not a scenario pack (no BSPK magic)");
    if (in[4] != (unsigned char)BS_PACK_MAGIC[4])
        return bs_fail(err, what, 0, "", "a pack of another version (BSPK%c, this build reads BSPK1)",
                       in[4] >= 0x21 && in[4] < 0x7f ? in[4] : '?');
    if (len < BS_PACK_HEADER)
        return bs_fail(err, what, 0, "", "truncated: %zu bytes, shorter than the header", len);
    uint32_t size = get_u32(in + 5), sig = get_u32(in + 9), length = get_u32(in + 13);
    if (size != n)
        return bs_fail(err, what, 0, "", "another layout: a scenario of %lu bytes, this build's has %zu",
                       (unsigned long)size, n);
    if (sig != (uint32_t)scenario_layout_signature())
        return bs_fail(err, what, 0, "", "another layout: signature %08lx, this build's is %08lx",
                       (unsigned long)sig, scenario_layout_signature());
    if (length != n)
        return bs_fail(err, what, 0, "", "its body restores %lu bytes, not the scenario's %zu",
                       (unsigned long)length, n);
    unsigned char *b = (unsigned char *)sc;
    size_t i = BS_PACK_HEADER, pos = 0;
    while (pos < n) {
        if (len - i < 4)
            return bs_fail(err, what, 0, "", "truncated: the body ends after %zu bytes", len);
        uint32_t lit = get_u32(in + i);
        i += 4;
        if (lit > n - pos)
            return bs_fail(err, what, 0, "", "a run of %lu bytes at byte %zu overruns the scenario", (unsigned long)lit,
                           i - 4);
        if (len - i < lit)
            return bs_fail(err, what, 0, "", "truncated: the body ends after %zu bytes", len);
        memcpy(b + pos, in + i, lit);
        i += lit;
        pos += lit;
        if (len - i < 4)
            return bs_fail(err, what, 0, "", "truncated: the body ends after %zu bytes", len);
        uint32_t z = get_u32(in + i);
        i += 4;
        if (z > n - pos)
            return bs_fail(err, what, 0, "", "a run of %lu zeros at byte %zu overruns the scenario", (unsigned long)z,
                           i - 4);
        if (lit == 0 && z == 0)
            return bs_fail(err, what, 0, "", "an empty token at byte %zu", i - 8);
        memset(b + pos, 0, z);
        pos += z;
    }
    if (i != len)
        return bs_fail(err, what, 0, "", "%zu bytes after the end of the scenario", len - i);
    const char *bad = check_counts(sc);
    if (bad)
        return bs_fail(err, what, 0, "", "%s", bad);
    return 0;
}
