/* api.h - the model as the published page calls it: sim/core compiled to
 * WebAssembly with web/api.c, which holds up to BS_WEB_SLOTS scenarios
 * (each published, pristine, and a working copy the reader changes) and
 * answers in JSON. The same file builds natively, for tests/test_web.c.
 *
 * Strings are NUL-terminated UTF-8; returned strings live in one static
 * buffer until the next call that returns one. docs: the shared design of
 * issue 16 (bs_web_run and bs_web_levers give their JSON in api.c).
 *
 * This file may use: core/ and the C library. */
#ifndef BS_WEB_API_H
#define BS_WEB_API_H

#include <stdint.h>

#define BS_WEB_SLOTS 2

/* Marks a function the wasm module exports, by its own name; nothing in a
 * native build. */
#ifdef __wasm__
#define BS_WEB_EXPORT(name) __attribute__((export_name(#name)))
#else
#define BS_WEB_EXPORT(name)
#endif

/* Memory for the page to write bytes or a string into (a 32-bit address
 * in wasm); 0 when there is none. bs_web_free(0) is allowed. */
intptr_t bs_web_alloc(int n);
void bs_web_free(intptr_t ptr);

/* The scenario packed by scenario_pack (core/pack.h) into the next free
 * slot. Returns the slot, or -1 (bs_web_error says why). */
int bs_web_load(const unsigned char *bytes, int len);

/* Free the slot (both copies), for bs_web_load to use again. 0 or -1. */
int bs_web_unload(int slot);

/* The slot's working copy made the published scenario again. 0 or -1. */
int bs_web_reset(int slot);

/* path = v in the working copy, as `--set path=v` does: a numeric
 * setting, with a period @YEAR (@YEAR.., @YEAR..YEAR) for a per-year one,
 * inside the setting's range. 0, or -1 (nothing changed). */
int bs_web_set(int slot, const char *path, double v);

/* measures.ID.enabled = on (0 or not 0). 0 or -1. */
int bs_web_set_bool(int slot, const char *path, int on);

/* measures.ID.phasing_pct = [v0, ..., v(n-1)] for a recurring saving, as
 * `--set 'measures.ID.phasing_pct=[...]'` does (each entry 0 to 100). 0 or -1. */
int bs_web_set_list(int slot, const char *path, const double *v, int n);

/* Run the working copy's budget and its vote: JSON, or NULL (0) with
 * bs_web_error. */
const char *bs_web_run(int slot);

/* The settings the page offers as levers, with their ranges and values:
 * JSON, or NULL (0) with bs_web_error. */
const char *bs_web_levers(int slot);

/* Add path (a numeric setting, with a period or not) to the slot's levers,
 * in group "Assumptions": what `budgetsim publish --lever PATH` exposes.
 * 0, or -1 when path cannot be bound or there are too many. */
int bs_web_expose(int slot, const char *path);

/* The values of a numeric setting in the working copy (path as for
 * bs_web_set; a per-year one without a period: every year it has, as the
 * file would list them): a JSON list, or NULL (0) with bs_web_error. The
 * page writes a reader's scenario file from them. */
const char *bs_web_get(int slot, const char *path);

/* The last failure, one line ("" before any). */
const char *bs_web_error(void);

#endif
