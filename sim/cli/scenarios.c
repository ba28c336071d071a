/* scenarios.c - scenario files read once and built for a command (see
 * scenarios.h).
 *
 * This file may use: cli/, write/, analyse/, load/, core/ and the C
 * library. */
#include "cli/scenarios.h"

#include <stdlib.h>
#include <string.h>

#include "core/budget.h"
#include "write/inputs.h"
#include "write/outfile.h"

/* Every file this command has read (scenarios, bases, includes), each read
 * from disk once: a command runs once in a process, so one set serves it. */
static bs_files *files_read;

static void forget_files(void)
{
    files_free(files_read);
    files_read = NULL;
}

int read_source(const char *file, bs_source **src, bs_error *err)
{
    if (!files_read) {
        if (!(files_read = files_new()))
            return bs_fail_status(err, BS_EXIT_ENV, file, 0, "", "out of memory");
        atexit(forget_files);
    }
    int rc = source_read_from(files_read, file, src, err);
    /* no output of this command may replace a file it read (write/outfile.h) */
    for (int k = 0; k < files_count(files_read); k++) {
        outfile_protect(files_name(files_read, k));
        /* and every output records it, with the hash of its bytes (write/inputs.h) */
        inputs_add_file(files_name(files_read, k), files_sha256(files_read, k), files_role(files_read, k));
    }
    return rc;
}

bs_scenario *load_scenario(const cli_args *a, int i, int with_overrides, bs_source **src, bs_error *err)
{
    const char *file = a->files[i];
    bs_source *s = NULL;
    bs_scenario *sc = scenario_new();
    if (!sc) {
        bs_fail_status(err, BS_EXIT_ENV, file, 0, "", "out of memory");
        return NULL;
    }
    if (read_source(file, &s, err) != 0 ||
        source_build(s, a->overrides, with_overrides ? a->noverrides : 0, sc, err) != 0) {
        source_free(s);
        scenario_free(sc);
        return NULL;
    }
    inputs_scenario(i, file, with_overrides && a->noverrides > 0, "as proposed", NULL, 0);
    if (src)
        *src = s;
    else
        source_free(s);
    return sc;
}

/* Which budget m shows, as the outputs record it (write/inputs.h). */
static const char *meeting_budget(const bs_meeting *m)
{
    if (!m->held || m->as_proposed)
        return "as proposed";
    return m->adopted ? "adopted" : "not adopted";
}

bs_scenario *load_adopted(const cli_args *a, int i, int with_overrides, bs_meeting *m, bs_ballot *ballot,
                          bs_source **src, bs_error *err)
{
    bs_source *s = NULL;
    memset(m, 0, sizeof *m);
    bs_scenario *sc = load_scenario(a, i, with_overrides, &s, err);
    if (!sc)
        return NULL;
    /* the meeting, held once on the scenario as given; then the budget it
     * adopts, built from the same source with the carried amendments'
     * changes laid over the --set overrides */
    if (meeting_hold(s, a->overrides, with_overrides ? a->noverrides : 0, sc, a->as_proposed, ballot, m, err) != 0 ||
        (meeting_amended(m) && source_build(s, m->overrides, m->noverrides, sc, err) != 0)) {
        meeting_clear(m);
        ballot_clear(ballot);
        source_free(s);
        scenario_free(sc);
        return NULL;
    }
    inputs_scenario(i, a->files[i], with_overrides && a->noverrides > 0, meeting_budget(m),
                    (const char (*)[BS_SET_MAX])m->sets, m->nsets);
    if (src)
        *src = s;
    else
        source_free(s);
    return sc;
}

int load_with_vote(const cli_args *a, int i, int with_overrides, cli_loaded *l, bs_error *err)
{
    bs_source *src = NULL;
    l->r = NULL;
    if (!(l->b = ballot_new()))
        return bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    if (!(l->sc = load_adopted(a, i, with_overrides, &l->m, l->b, &src, err)))
        return -1;
    int rc = 0;
    if (!(l->r = result_new()))
        rc = bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    else
        budget_run(l->sc, l->r);
    if (!l->sc->chamber.given) {
        ballot_free(l->b);
        l->b = NULL;
    }
    /* held, the meeting's ballot is the one shown; else the vote on the budget, as it always was */
    if (rc == 0 && l->b && !l->m.held)
        rc = ballot_run(src, a->overrides, with_overrides ? a->noverrides : 0, l->sc, 0, 0, l->b, err);
    source_free(src);
    return rc;
}

/* s + suffix into buf (size bytes), cut at a character and ended with
 * "…" when it does not fit. */
static void append_cut(char *buf, size_t size, const char *s, const char *suffix)
{
    size_t n = (size_t)snprintf(buf, size, "%s%s", s, suffix);
    if (n < size)
        return;
    size_t keep = size - 4; /* room for "…" (3 bytes) and the NUL */
    while (keep > 0 && ((unsigned char)buf[keep] & 0xc0) == 0x80)
        keep--;
    memcpy(buf + keep, "\xe2\x80\xa6", 4);
}

void mark_overridden(const cli_args *a, bs_scenario *sc)
{
    char suffix[BS_NAME_MAX] = " +";
    size_t n = strlen(suffix);
    for (int i = 0; i < a->noverrides && n < sizeof suffix; i++)
        n += (size_t)snprintf(suffix + n, sizeof suffix - n, "%s %s", i ? "," : "", a->overrides[i].text);
    if (a->noverrides == 0)
        return;
    char name[sizeof sc->name], label[sizeof sc->label];
    append_cut(name, sizeof name, sc->name, suffix);
    append_cut(label, sizeof label, sc->label, suffix);
    memcpy(sc->name, name, sizeof name);
    memcpy(sc->label, label, sizeof label);
}

void loaded_free(cli_loaded *l)
{
    meeting_clear(&l->m);
    ballot_free(l->b);
    result_free(l->r);
    scenario_free(l->sc);
    l->sc = NULL;
    l->r = NULL;
    l->b = NULL;
}

int read_provenance(const bs_source *src, const bs_override *overrides, int noverrides, bs_provenance **p,
                    bs_error *err)
{
    return provenance_new(src, files_read, overrides, noverrides, p, err);
}
