/* emit.c - what every writer needs: a CSV field, JSON to a stream, a stream
 * closed and checked, the title of a text output (see emit.h).
 *
 * This file may use: core/, write/ (text.h), jansson, the C library and
 * POSIX. */
#include "write/emit.h"
#include "write/text.h"

#include <errno.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>
#include <jansson.h>
#include <string.h>

void bs_text_title(FILE *f, const bs_scenario *sc)
{
    if (sc->council[0]) {
        text_put(f, sc->council);
        fputs(": ", f);
    }
    text_put(f, sc->name);
    fputs("\nScenario file: ", f);
    text_put(f, sc->source_file);
    fputc('\n', f);
}

int bs_stdout_closed(void)
{
    struct stat st;
    if (fstat(STDOUT_FILENO, &st) != 0 || !(S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)))
        return 0;
    /* a pipe or socket whose reader has gone reports an error for writing */
    struct pollfd p = {STDOUT_FILENO, POLLOUT, 0};
    return poll(&p, 1, 0) == 1 && (p.revents & (POLLERR | POLLHUP));
}

int bs_stream_finish(FILE *f, const char *what, bs_error *err)
{
    int bad = fflush(f) != 0 || ferror(f);
    int saved = errno;
    if (!bad)
        return 0;
    bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "cannot write %s: %s", what, saved ? strerror(saved) : "write error");
    if (f == stdout && bs_stdout_closed())
        err->status = BS_EXIT_PIPE; /* its reader has gone: end quietly (util.h) */
    return -1;
}

void bs_csv_field(FILE *f, const char *s)
{
    if (strpbrk(s, ",\"\r\n")) {
        fputc('"', f);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', f);
            fputc(*s, f);
        }
        fputc('"', f);
    } else {
        fputs(s, f);
    }
}

int bs_name_index(const char *s, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

int output_parse_format(const char *s)
{
    static const char *const names[] = {"text", "csv", "json"}; /* in the order of bs_format */
    return bs_name_index(s, names, 3);
}

/* What went wrong while the JSON output was built (bs_json_text,
 * bs_json_append, bs_json_set), reported and cleared by output_json. The
 * writers build JSON on one thread, one output at a time. */
static struct {
    int broken;           /* a part could not be made */
    int bad_text;         /* a text was not UTF-8 ... */
    char text[200];       /* ... shown so (the first such text) */
    long at;              /* ... its first bad byte */
} building;

json_t *bs_json_text(const char *s)
{
    long at = text_bad_utf8(s);
    if (at < 0) {
        json_t *j = json_string(s);
        building.broken |= j == NULL;
        return j;
    }
    char shown[4200];
    if (!building.bad_text) {
        building.bad_text = 1;
        building.at = at;
        text_shorten(s, 60, TEXT_KEEP_START, building.text, sizeof building.text);
    }
    json_t *j = json_string(text_display(s, shown, sizeof shown));
    building.broken |= j == NULL;
    return j;
}

void bs_json_append(json_t *a, json_t *v)
{
    if (!a || !v || json_array_append_new(a, v) != 0)
        building.broken = 1;
    if (!a)
        json_decref(v);
}

void bs_json_set(json_t *o, const char *key, json_t *v)
{
    if (!o || !v || json_object_set_new(o, key, v) != 0)
        building.broken = 1;
    if (!o)
        json_decref(v);
}

int output_json(FILE *f, struct json_t *root, int precision, bs_error *err)
{
    int bad_text = building.bad_text, broken = building.broken;
    building.bad_text = building.broken = 0;
    if (bad_text) {
        json_decref(root);
        return bs_fail_status(err, BS_EXIT_INPUT, "", 0, "",
                              "cannot write the JSON output: the text \"%s\" is not valid UTF-8 (at byte %ld), "
                              "and JSON holds only UTF-8; nothing was written",
                              building.text, building.at + 1);
    }
    if (!root || broken) {
        json_decref(root);
        return bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "cannot build the JSON output (out of memory)");
    }
    int rc = json_dumpf(root, f, JSON_INDENT(2) | JSON_REAL_PRECISION(precision) | JSON_PRESERVE_ORDER);
    int saved = errno; /* a failed write: the system's reason, as for the other formats */
    json_decref(root);
    fputc('\n', f);
    if (rc != 0 && ferror(f) && saved)
        return bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "%s", strerror(saved));
    if (rc != 0)
        return bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "cannot write the JSON output");
    return 0;
}

