/* splice.h - a file's text with each `@include "file"` line replaced by the
 * text of the file it names, and for each line of the result the file and
 * line it came from. libconfig then reads one text that has been checked
 * as a whole, and every message still names the right file and line.
 *
 * libconfig 1.5 workaround: its own @include finds the file from the
 * working directory (or from one include folder for every file), and the
 * error for a missing file has no file name (config_error_file is NULL);
 * the settings of a text read with config_read_string have no file either
 * (config_setting_source_file is NULL). So includes are spliced here, found
 * from the scenario's folder, and lines are mapped back through the splice.
 *
 * This file may use: core/, load/ and the C library. */
#ifndef BS_LOAD_SPLICE_H
#define BS_LOAD_SPLICE_H

#include "core/util.h"
#include "load/entries.h"
#include "load/text.h"

typedef struct {
    char *text;        /* NUL-terminated, owned */
    size_t len, cap;
    const char **file; /* per line: its file, interned in names */
    int *line;         /* per line: its line in that file */
    int nlines, lcap;
    entry_set names;   /* owns the file names */
} spliced;

/* Free what sp owns and zero it. */
void spliced_free(spliced *sp);

/* The file and line that line (1-based, of the spliced text) came from;
 * sp NULL stands for a --set value, which has no line. */
void spliced_where(const spliced *sp, int line, const char **file, int *fline);

/* Copy text (of the file path) into sp, replacing each `@include "file"`
 * line by that file's text, checked as a scenario file in its own right
 * (text_read) and found relative to include_dir, the scenario's folder.
 * Returns 0, or -1 with err. */
int splice_text(const char *path, const char *text, const char *include_dir, file_stack *st, spliced *sp,
                bs_error *err);

#endif
