/* publish.h - budgetsim publish: one self-contained page (DIR/index.html)
 * holding the scenarios, packed as bytes (core/pack.h), and the model core
 * compiled to WebAssembly (sim/web/), so that a reader can move the levers
 * and see the budget, the rules, the bills and the vote worked out again by
 * the same C model, in the browser, with no server.
 *
 * The page is sim/web/page.html with four places filled: the title, the
 * data (a JSON object in a <script type="application/json">), the module
 * (base64) and nothing else. docs/publish.md says what the page shows.
 *
 * This file may use: write/, load/, core/, web/ (the embedded module and
 * page), jansson and the C library. */
#ifndef BS_PUBLISH_H
#define BS_PUBLISH_H

#include "core/scenario.h"
#include "core/util.h"
#include "load/provenance.h"

#define BS_PUBLISH_MAX_LEVERS 64 /* --lever options and publish.levers entries */

/* One scenario of the page: as written (with --set), and where each of its
 * settings came from (the settings the reader's scenario file repeats). */
typedef struct {
    const bs_scenario *sc;
    const bs_provenance *prov;
    const char *file;         /* as named on the command line */
} bs_publish_input;

/* Write dir/index.html for the n (1 or 2) scenarios of in, with the extra
 * levers (setting paths, checked by the caller) the author exposes.
 * Returns 0, or -1 with err (nothing is left in dir on failure). */
int publish_write(const char *dir, const bs_publish_input *in, int n, const char *const *levers, int nlevers,
                  bs_error *err);

#endif
