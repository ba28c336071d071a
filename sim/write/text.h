/* text.h - text from a scenario or the command line made fit to show: UTF-8
 * checked, control characters and bytes that are not UTF-8 shown as
 * escapes, widths on a terminal or a chart, shortening with an ellipsis
 * and wrapping. Each writer then escapes the result for its medium
 * (Markdown, HTML, a gnuplot data file or script); nothing here drops a
 * character silently: what cannot be shown is shown as an escape.
 *
 * This file may use: the C library. */
#ifndef BS_TEXT_H
#define BS_TEXT_H

#include <stddef.h>
#include <stdio.h>

/* The length of the UTF-8 character s starts with (1 to 4), or 0 when s
 * does not start a valid one: a stray or missing continuation byte, an
 * overlong form, a surrogate (U+D800 to U+DFFF), above U+10FFFF, or NUL. */
int text_char_len(const char *s);

/* The offset of the first byte of s that is not part of valid UTF-8, or -1
 * when the whole of s is valid. */
long text_bad_utf8(const char *s);

/* s as it is shown to people, into buf (size bytes, always terminated):
 * valid UTF-8 as it is, except that each control character is shown as an
 * escape (U+0000 to U+001F and U+007F as \xHH, U+0080 to U+009F as \u00HH)
 * and each byte that is not part of valid UTF-8 as \xHH. A character or an
 * escape that does not fit whole is left out with everything after it, and
 * the end is then marked with "..." when there is room. Returns buf. */
char *text_display(const char *s, char *buf, size_t size);

/* text_display(s) written to f, however long s is. */
void text_put(FILE *f, const char *s);

/* The columns text takes on a terminal or a chart, counted per character:
 * 2 for East Asian wide characters and emoji, 0 for combining marks and
 * zero-width characters, 1 for the others (a byte that is not UTF-8: 1). */
int text_width(const char *s);

/* What text_shorten keeps of a text too wide: its start (a name), its end
 * (a file name, whose end says most) or both ends (a setting's path). */
typedef enum { TEXT_KEEP_START, TEXT_KEEP_END, TEXT_KEEP_ENDS } text_keep;

/* text_display(s) shortened to at most width columns (width >= 3): when it
 * is wider, cut at characters and "…" (U+2026, one column) put where the
 * cut is: at the end, at the start, or in the middle. Returns buf. */
char *text_shorten(const char *s, int width, text_keep keep, char *buf, size_t size);

/* text_display(s) wrapped into at most `lines` lines (1 or more) of at most
 * width columns (width >= 3), at spaces where it can be (a word longer than
 * a line is cut), joined by '\n'; what does not fit ends the last line with
 * "…". Returns buf. */
char *text_wrap(const char *s, int width, int lines, char *buf, size_t size);

/* Shown text s (text_display's, valid UTF-8) with each character that the
 * charts' font cannot draw replaced by U+FFFD (a diamond with a question
 * mark), into buf (size bytes, always terminated; a character that does not
 * fit is left out with everything after it). Returns buf.
 *
 * Why: gnuplot's cairo terminals (PNG, PDF) draw with DejaVu Sans, the font
 * every Debian machine has (fonts-dejavu-core, through fontconfig), and a
 * character no installed font holds (an emoji, a CJK or Indic script on a
 * machine without those fonts) is not drawn as a box: cairo drew a glyph
 * hundreds of pixels wide across the chart (seen with 🎉 and 議会 in
 * gnuplot 5.4's pngcairo), hiding the data. The characters kept are the
 * blocks DejaVu Sans covers: Latin, IPA, Greek, Cyrillic, Armenian, Hebrew,
 * Arabic, N'Ko, Georgian, phonetic extensions, Latin and Greek extended,
 * punctuation, currency, letterlike and mathematical symbols, arrows, box
 * drawing, dingbats, Latin Extended-C/D, Cyrillic Extended-B,
 * supplemental punctuation, alphabetic presentation forms, combining half
 * marks and the specials U+FFF9 to U+FFFD. A chart's data file keeps the
 * whole name (with every character) in its "# whole name:" comment. */
char *text_drawable(const char *s, char *buf, size_t size);

#endif
