/* inputs.c - the record of a command's inputs and its forms in each
 * medium (see inputs.h).
 *
 * This file may use: core/, analyse/, write/, jansson and the C library. */
#include "write/inputs.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "write/emit.h"
#include "write/outfile.h"
#include "write/text.h"

static bs_inputs rec;

/* A copy of s, or NULL (an override or file simply left out of the record
 * when out of memory: the output it describes is still right). */
static char *copy(const char *s)
{
    return s ? strdup(s) : NULL;
}

static void forget(void)
{
    for (int i = 0; i < rec.nfiles; i++)
        free(rec.files[i].path);
    for (int i = 0; i < rec.nuser; i++)
        free(rec.user[i]);
    for (int k = 0; k < 2; k++) {
        free(rec.scen[k].file);
        for (int c = 0; c < rec.scen[k].ncarried; c++)
            free(rec.scen[k].carried[c]);
        free(rec.scen[k].carried);
    }
    free(rec.meta);
    memset(&rec, 0, sizeof rec);
}

void inputs_begin(const char *command, const char *version)
{
    if (!rec.begun)
        atexit(forget);
    forget();
    rec.begun = true;
    rec.command = command;
    rec.version = version;
}

void inputs_add_set(const char *text)
{
    if (rec.nuser < BS_INPUTS_MAX_USER && (rec.user[rec.nuser] = copy(text)))
        rec.nuser++;
}

void inputs_add_file(const char *path, const char *sha256, const char *role)
{
    for (int i = 0; i < rec.nfiles; i++)
        if (strcmp(rec.files[i].path, path) == 0)
            return;
    if (rec.nfiles >= BS_INPUTS_MAX_FILES) {
        rec.files_left_out++;
        return;
    }
    bs_input_file *f = &rec.files[rec.nfiles];
    if (!(f->path = copy(path)))
        return;
    bs_strlcpy(f->sha256, sha256, sizeof f->sha256);
    f->role = role;
    rec.nfiles++;
}

void inputs_scenario(int i, const char *file, bool with_set, const char *budget, const char (*sets)[BS_SET_MAX],
                     int nsets)
{
    if (i < 0 || i > 1)
        return;
    bs_input_scenario *s = &rec.scen[i];
    free(s->file);
    for (int c = 0; c < s->ncarried; c++)
        free(s->carried[c]);
    free(s->carried);
    memset(s, 0, sizeof *s);
    s->loaded = true;
    s->file = copy(file);
    s->with_set = with_set;
    s->budget = budget;
    if (nsets > 0 && (s->carried = calloc((size_t)nsets, sizeof *s->carried)))
        for (int c = 0; c < nsets; c++)
            if ((s->carried[s->ncarried] = copy(sets[c])))
                s->ncarried++;
}

void inputs_set_meta(const char *path)
{
    free(rec.meta);
    rec.meta = copy(path);
}

const bs_inputs *inputs_get(void)
{
    return &rec;
}

/* The scenarios loaded: 1 or 2 (0 before any). */
static int nscenarios(void)
{
    return rec.scen[1].loaded ? 2 : rec.scen[0].loaded ? 1 : 0;
}

int inputs_overridden(void)
{
    for (int k = 0; k < 2; k++)
        if (rec.scen[k].loaded && ((rec.scen[k].with_set && rec.nuser > 0) || rec.scen[k].ncarried > 0))
            return 1;
    return 0;
}

/* Append text to buf (size bytes, n used); returns the bytes used, never
 * more than size - 1. */
static size_t put(char *buf, size_t size, size_t n, const char *text)
{
    if (n + 1 >= size)
        return n;
    int w = snprintf(buf + n, size - n, "%s", text);
    return n + (size_t)w < size ? n + (size_t)w : size - 1;
}

/* The overrides of scenario k after sep each, into buf. */
static size_t overrides_of(int k, const char *sep, char *buf, size_t size, size_t n, int *count)
{
    const bs_input_scenario *s = &rec.scen[k];
    for (int i = 0; s->with_set && i < rec.nuser; i++) {
        n = put(buf, size, n, (*count)++ ? sep : "");
        n = put(buf, size, n, "--set ");
        n = put(buf, size, n, rec.user[i]);
    }
    for (int c = 0; c < s->ncarried; c++) {
        n = put(buf, size, n, (*count)++ ? sep : "");
        n = put(buf, size, n, "amendment ");
        n = put(buf, size, n, s->carried[c]);
    }
    return n;
}

char *inputs_overrides_line(int which, char *buf, size_t size)
{
    size_t n = 0;
    int count = 0;
    if (size)
        buf[0] = '\0';
    for (int k = 0; k < 2; k++)
        if (rec.scen[k].loaded && (which < 0 || which == k))
            n = overrides_of(k, ", ", buf, size, n, &count);
    return buf;
}

void inputs_text(FILE *f, const char *prefix)
{
    if (!rec.begun)
        return;
    /* built whole, then shown with escapes: a name or a value with a line break stays on the line */
    static char line[BS_INPUTS_MAX_FILES * (BS_FILE_MAX + 40) + BS_INPUTS_MAX_USER * 2 * (BS_SET_MAX + 16) + 1024];
    size_t size = sizeof line, n = 0;
    line[0] = '\0';
    n = put(line, size, n, "Inputs: ");
    for (int i = 0; i < rec.nfiles; i++) {
        char hash[64];
        n = put(line, size, n, i ? ", " : "");
        if (strcmp(rec.files[i].role, "scenario") != 0) {
            n = put(line, size, n, rec.files[i].role);
            n = put(line, size, n, " ");
        }
        n = put(line, size, n, rec.files[i].path);
        snprintf(hash, sizeof hash, " (sha256 %.12s)", rec.files[i].sha256);
        n = put(line, size, n, hash);
    }
    if (rec.files_left_out) {
        char more[64];
        snprintf(more, sizeof more, ", %d more file%s", rec.files_left_out, rec.files_left_out == 1 ? "" : "s");
        n = put(line, size, n, more);
    }
    int ns = nscenarios();
    for (int k = 0; k < ns; k++) {
        int count = 0;
        if (ns == 2) {
            n = put(line, size, n, k ? "; alternative: " : "; base: ");
            n = overrides_of(k, ", ", line, size, n, &count);
            n = put(line, size, n, count ? ", budget " : "budget ");
        } else {
            n = put(line, size, n, "; ");
            n = overrides_of(k, "; ", line, size, n, &count);
            n = put(line, size, n, count ? "; budget " : "budget ");
        }
        n = put(line, size, n, rec.scen[k].budget);
    }
    n = put(line, size, n, "; budgetsim ");
    put(line, size, n, rec.version ? rec.version : "");
    fputs(prefix, f);
    text_put(f, line);
    fputc('\n', f);
}

json_t *inputs_json(void)
{
    if (!rec.begun)
        return NULL;
    json_t *files = json_array(), *sets = json_array(), *budget;
    for (int i = 0; i < rec.nfiles; i++)
        bs_json_append(files, json_pack("{s:o, s:s, s:s}", "path", bs_json_text(rec.files[i].path), "sha256",
                                        rec.files[i].sha256, "role", rec.files[i].role));
    int ns = nscenarios();
    static const char *const side[2] = {"base", "alternative"};
    for (int k = 0; k < ns; k++) {
        const bs_input_scenario *s = &rec.scen[k];
        for (int i = 0; i < rec.nuser + s->ncarried; i++) {
            bool user = i < rec.nuser;
            if (user && !s->with_set)
                continue;
            json_t *o = json_pack("{s:o, s:s}", "set", bs_json_text(user ? rec.user[i] : s->carried[i - rec.nuser]),
                                  "from", user ? "--set" : "amendment");
            if (o && ns == 2)
                bs_json_set(o, "scenario", json_string(side[k]));
            bs_json_append(sets, o);
        }
    }
    if (ns == 2)
        budget = json_pack("{s:s, s:s}", "base", rec.scen[0].budget, "alternative", rec.scen[1].budget);
    else
        budget = json_string(ns ? rec.scen[0].budget : "as proposed");
    json_t *o = json_pack("{s:o, s:o, s:o, s:s, s:s}", "files", files ? files : json_null(), "overrides",
                          sets ? sets : json_null(), "budget", budget ? budget : json_null(), "version",
                          rec.version ? rec.version : "", "command", rec.command ? rec.command : "");
    if (o && rec.files_left_out)
        bs_json_set(o, "files_left_out", json_integer(rec.files_left_out));
    return o;
}

void inputs_json_add(json_t *root)
{
    if (root && rec.begun)
        bs_json_set(root, "inputs", inputs_json());
}

int inputs_write_meta(bs_error *err)
{
    if (!rec.begun || !rec.meta)
        return 0;
    bs_outfile out;
    if (outfile_open(&out, rec.meta, err) != 0)
        return -1;
    return outfile_finish(&out, output_json(out.f, inputs_json(), 10, err) == 0, err);
}
