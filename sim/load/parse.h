/* parse.h - text to entries through libconfig: a scenario's spliced text,
 * checked first (load/scan.h), parsed and flattened into "dotted.path =
 * value" entries; and one --set override, parsed as a libconfig value.
 *
 * This file may use: core/, load/, libconfig and the C library. It is the
 * only file that includes libconfig. */
#ifndef BS_LOAD_PARSE_H
#define BS_LOAD_PARSE_H

#include "core/util.h"
#include "load/entries.h"
#include "load/splice.h"

/* Check, parse and flatten the spliced text of the file path into out (an
 * empty set). Returns 0, or -1 with err. */
int parse_spliced(const char *path, const spliced *sp, entry_set *out, bs_error *err);

/* Parse one override "path=value" into an entry and lay it over out. The
 * value is read as a libconfig value (number, true/false, "text", [list]);
 * anything else is taken as plain text, so --set scenario.name=Test works
 * without quotes. Returns 0, or -1 with err. */
int parse_override(const char *text, entry_set *out, bs_error *err);

#endif
