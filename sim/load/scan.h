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

/* Turn libconfig's error `what` at line (of the spliced text sp, which
 * scan_check() passed) into a message naming the file, the line and the
 * setting, and saying plainly what is wrong. Returns -1. */
int scan_parse_error(const spliced *sp, int line, const char *what, bs_error *err);

#endif
