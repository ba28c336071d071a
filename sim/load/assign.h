/* assign.h - one entry's value checked against its setting in the settings
 * table (core/schema.h) and written into the struct: its type, its range,
 * its length; and the defaults of the table.
 *
 * This file may use: core/, load/ and the C library. */
#ifndef BS_LOAD_ASSIGN_H
#define BS_LOAD_ASSIGN_H

#include "core/scenario.h"
#include "core/schema.h"
#include "load/entries.h"

/* Write the value of e into sc as the setting d of instance inst says.
 * Returns 0, or -1 with err naming e's file, line and path. */
int assign_value(bs_scenario *sc, const bs_setting_def *d, int inst, const entry *e, bs_error *err);

/* The defaults of every setting of container c, for instance inst. */
void assign_defaults(bs_scenario *sc, bs_container c, int inst);

/* What e holds, for a message: "a number", "text", "a group", ... */
const char *assign_kind_name(const entry *e);

/* v as people write it, into buf: whole numbers in full (1000000, not
 * 1e+06), others with the digits that tell them apart (100.0000001, not
 * 100). Returns buf. */
const char *assign_num_text(double v, char *buf, size_t size);

/* Is id an identifier: a letter, then letters, digits, '_' and '-'? */
int assign_valid_id(const char *id);

#endif
