/* reference.h - the settings reference for people (budgetsim reference).
 *
 * This file may use: core/ and the C library. */
#ifndef BS_REFERENCE_H
#define BS_REFERENCE_H

#include <stdio.h>

#include "core/schema.h"

/* Write the reference of every setting to f: fmt "md" (Markdown table
 * sections) or "man" (roff). */
void schema_write_reference(FILE *f, const char *fmt);

#endif
