/* scan.h - the checks made on a scenario's text before libconfig reads it,
 * and libconfig's parse errors turned into messages that name the file,
 * the line and the setting. Both walk the text with the tokenizer
 * (load/lex.h), keeping the dotted path of the setting being written.
 *
 * This file may use: core/, load/ and the C library. */
#ifndef BS_LOAD_SCAN_H
#define BS_LOAD_SCAN_H

#include "core/util.h"
#include "load/splice.h"

/* Walk text (spliced, with sp giving the origin of its lines; sp NULL for a
 * --set value) as libconfig will, and refuse what libconfig would get
 * silently wrong or explain badly (each is named in scan.c). With rewrite
 * set, turns [ ] arrays into ( ) lists in place. Returns 0, -1 on an error,
 * or -2 on a syntax error found before libconfig (which could not read a
 * --set value as a value either). */
int scan_check(char *text, int rewrite, const spliced *sp, bs_error *err);

/* What would end text (which scan_check() passed) where it stops: a new
 * line, a value when it ends after a '=', and the closing bracket of each
 * group or list left open, innermost first, into buf. "" when nothing is
 * left open and no value is missing. */
void scan_completion(const char *text, char *buf, size_t size);

/* Turn libconfig's error `what` at line (of the spliced text sp, which
 * scan_check() passed) into a message naming the file, the line and the
 * setting, and saying plainly what is wrong. at_end: the error comes from
 * the text ending too soon (libconfig reads the text with
 * scan_completion() added either without an error or with one only in what
 * was added), so that a group left open or a missing value is named; else
 * the error is shown at its own line, as libconfig reports it. Returns -1. */
int scan_parse_error(const spliced *sp, int line, const char *what, int at_end, bs_error *err);

#endif
