/* emit.c - what every writer needs: a CSV field, JSON to a stream, a stream
 * closed and checked, the title of a text output (see emit.h).
 *
 * This file may use: core/, jansson, the C library and POSIX. */
#include "write/emit.h"

#include <errno.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>
#include <jansson.h>
#include <string.h>

void bs_text_title(FILE *f, const bs_scenario *sc)
{
    if (sc->council[0])
        fprintf(f, "%s: %s\n", sc->council, sc->name);
    else
        fprintf(f, "%s\n", sc->name);
    fprintf(f, "Scenario file: %s\n", sc->source_file);
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

int output_json(FILE *f, struct json_t *root, int precision, bs_error *err)
{
    if (!root)
        return bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "cannot build the JSON output (out of memory)");
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

