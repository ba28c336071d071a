/* publish.c - budgetsim publish's page (see publish.h).
 *
 * This file may use: write/, load/, core/, web/, jansson and the C library. */
#include "write/publish.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bind.h"
#include "core/pack.h"
#include "core/palette.h"
#include "load/assign.h"
#include "write/inputs.h"
#include "write/outfile.h"
#include "write/stage.h"
#include "write/base64.h"
#include "web/core_wasm.h"

/* v as a libconfig number that reads back as the same double (core/util.h),
 * with ".0" when it would read as an integer (a list of them would be a
 * list of integers). */
static const char *number_text(double v, char *buf, size_t size)
{
    bs_num_text(v, buf, size);
    if (!strpbrk(buf, ".eEin") && strlen(buf) + 3 <= size)
        strcat(buf, ".0");
    return buf;
}

/* A libconfig string literal of text: quotes, backslashes and control
 * characters escaped (libconfig reads \\ \" \n \r \t \f and \xHH). */
static void config_quote(const char *text, char *buf, size_t size)
{
    size_t o = 0;
    if (size < 3)
        return;
    buf[o++] = '"';
    for (const unsigned char *s = (const unsigned char *)text; *s && o + 6 < size; s++) {
        if (*s == '"' || *s == '\\') {
            buf[o++] = '\\';
            buf[o++] = (char)*s;
        } else if (*s == '\n') {
            buf[o++] = '\\';
            buf[o++] = 'n';
        } else if (*s < 0x20 || *s == 0x7f) {
            o += (size_t)snprintf(buf + o, size - o, "\\x%02x", *s);
        } else {
            buf[o++] = (char)*s;
        }
    }
    buf[o++] = '"';
    buf[o] = '\0';
}

/* [path, kind, text] for each setting the file (its bases, includes, --set)
 * gives: what the reader's scenario file repeats, the levers laid over it.
 * A per-year setting changed for a period (`changes`, path@YEAR) is given
 * as the values in force, from the scenario itself. */
static json_t *entries_json(const bs_publish_input *in)
{
    json_t *list = json_array();
    char text[8192], num[64];
    for (int i = 0; list && i < provenance_count(in->prov); i++) {
        const bs_origin *o = provenance_at(in->prov, i);
        const entry *e = o->e;
        if (o->kind == ORIGIN_DEFAULT || !e || e->kind == V_GROUP || e->kind == V_MIXED)
            continue;
        const char *kind = "num";
        text[0] = '\0';
        if (e->kind == V_PATCH || e->npatches > 0) {
            /* bind_path only finds the values; it changes nothing */
            bs_binding b;
            bs_error ignored;
            if (bind_path((bs_scenario *)in->sc, e->path, &b, &ignored) != 0)
                continue;
            size_t n = (size_t)snprintf(text, sizeof text, "[");
            for (int k = 0; k < b.count && n < sizeof text; k++)
                n += (size_t)snprintf(text + n, sizeof text - n, "%s%s", k ? ", " : "",
                                      number_text(b.values[b.first + k], num, sizeof num));
            if (n < sizeof text)
                snprintf(text + n, sizeof text - n, "]");
            kind = "list";
        } else {
            switch (e->kind) {
            case V_NUM:
                assign_num_text(e->num, text, sizeof text);
                break;
            case V_BOOL:
                kind = "bool";
                snprintf(text, sizeof text, "%s", e->boolean ? "true" : "false");
                break;
            case V_STR:
                kind = "str";
                snprintf(text, sizeof text, "%s", e->str ? e->str : "");
                break;
            case V_LIST: {
                kind = "list";
                size_t n = (size_t)snprintf(text, sizeof text, "[");
                for (int k = 0; k < e->nlist && n < sizeof text; k++)
                    n += (size_t)snprintf(text + n, sizeof text - n, "%s%s", k ? ", " : "",
                                          number_text(e->list[k], num, sizeof num));
                if (n < sizeof text)
                    snprintf(text + n, sizeof text - n, "]");
                break;
            }
            case V_STRLIST: {
                kind = "strlist";
                size_t n = (size_t)snprintf(text, sizeof text, "[");
                for (const char *s = e->str ? e->str : ""; *s && n < sizeof text;) {
                    size_t k = strcspn(s, "\n");
                    char one[1024], q[2100];
                    snprintf(one, sizeof one, "%.*s", (int)k, s);
                    config_quote(one, q, sizeof q);
                    n += (size_t)snprintf(text + n, sizeof text - n, "%s%s", n > 1 ? ", " : "", q);
                    s += k + (s[k] == '\n');
                }
                if (n < sizeof text)
                    snprintf(text + n, sizeof text - n, "]");
                break;
            }
            default:
                continue;
            }
        }
        /* a text that filled the buffer may have been cut: never write a
         * setting other than it is (no setting of the settings table is
         * this long: 50 numbers, or 16 texts of 299 bytes) */
        if (strlen(text) + 1 >= sizeof text) {
            json_decref(list);
            return NULL;
        }
        json_array_append_new(list, json_pack("[s,s,s]", e->path, kind, text));
    }
    return list;
}

/* The sha256 of file as the command read it (write/inputs.h), or "". */
static const char *file_sha256(const char *file)
{
    const bs_inputs *io = inputs_get();
    for (int i = 0; io && i < io->nfiles; i++)
        if (strcmp(io->files[i].path, file) == 0)
            return io->files[i].sha256;
    return "";
}

/* The page's data: the scenarios (packed, with their settings), the levers
 * the author adds, the palette and the inputs. */
static json_t *data_json(const bs_publish_input *in, int n, const char *const *levers, int nlevers)
{
    json_t *root = json_object(), *scs = json_array(), *extra = json_array(), *pal = json_array();
    for (int i = 0; i < n; i++) {
        const bs_scenario *sc = in[i].sc;
        unsigned char *bytes = NULL;
        size_t len = 0;
        if (scenario_pack(sc, &bytes, &len) != 0) {
            json_decref(root);
            json_decref(scs);
            json_decref(extra);
            json_decref(pal);
            return NULL;
        }
        char *b64 = base64_text(bytes, len);
        free(bytes);
        json_t *entries = entries_json(&in[i]);
        json_t *o = NULL;
        if (b64 && entries) {
            o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o}", "file", in[i].file, "name", sc->name, "label",
                          sc->label, "council", sc->council, "description", sc->description, "sha256",
                          file_sha256(in[i].file), "pack", b64, "entries", entries);
            entries = NULL; /* "o" takes the reference, also when it fails */
        }
        free(b64);
        if (!o) { /* out of memory, or a setting too long to write whole */
            json_decref(entries);
            json_decref(root);
            json_decref(scs);
            json_decref(extra);
            json_decref(pal);
            return NULL;
        }
        json_object_set_new(o, "amendments", json_integer(sc->chamber.given ? sc->chamber.namendments : 0));
        json_array_append_new(scs, o);
    }
    for (int k = 0; k < nlevers; k++)
        json_array_append_new(extra, json_string(levers[k]));
    for (int k = 0; k < BS_PALETTE_N; k++)
        json_array_append_new(pal, json_string(bs_palette[k]));
    json_object_set_new(root, "scenarios", scs);
    json_object_set_new(root, "levers", extra);
    json_object_set_new(root, "palette", pal);
    const bs_inputs *io = inputs_get();
    json_object_set_new(root, "version", json_string(io && io->version ? io->version : ""));
    json_object_set_new(root, "inputs", inputs_json());
    return root;
}

/* text for inside <title>: & < > " ' as references. */
static void html_text(FILE *f, const char *s)
{
    for (; *s; s++)
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default:
            if ((unsigned char)*s >= 0x20 || *s == '\t')
                fputc(*s, f);
        }
}

/* The JSON, for inside <script type="application/json">: every '<' as
 * \u003c (it only occurs inside strings), so no "</script" and no "<!--"
 * can end or bend the element whatever a scenario's names say. */
static void script_json(FILE *f, const char *s)
{
    for (; *s; s++)
        if (*s == '<')
            fputs("\\u003c", f);
        else
            fputc(*s, f);
}

/* The template with its places filled, into f. */
static int write_page(FILE *f, const bs_publish_input *in, int n, const char *data, const char *wasm)
{
    const char *page = (const char *)bs_page_html, *end = page + bs_page_html_len;
    static const char *const places[] = {"<!--BS:TITLE-->", "<!--BS:DATA-->", "<!--BS:WASM-->"};
    const char *p = page;
    while (p < end) {
        const char *next = NULL;
        int which = -1;
        for (int k = 0; k < 3; k++) {
            const char *q = strstr(p, places[k]);
            if (q && q < end && (!next || q < next)) {
                next = q;
                which = k;
            }
        }
        if (!next) {
            fwrite(p, 1, (size_t)(end - p), f);
            break;
        }
        fwrite(p, 1, (size_t)(next - p), f);
        if (which == 0) {
            html_text(f, in[0].sc->name);
            if (n > 1) {
                fputs(" / ", f);
                html_text(f, in[1].sc->name);
            }
        } else if (which == 1) {
            script_json(f, data);
        } else {
            fputs(wasm, f);
        }
        p = next + strlen(places[which]);
    }
    return ferror(f) ? -1 : 0;
}

int publish_write(const char *dir, const bs_publish_input *in, int n, const char *const *levers, int nlevers,
                  bs_error *err)
{
    json_t *data = data_json(in, n, levers, nlevers);
    char *text = data ? json_dumps(data, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_ESCAPE_SLASH) : NULL;
    char *wasm = base64_text(bs_core_wasm, bs_core_wasm_len);
    json_decref(data);
    if (!text || !wasm) {
        free(text);
        free(wasm);
        return bs_fail_status(err, BS_EXIT_ENV, "", 0, "publish", "out of memory");
    }
    bs_stage st;
    int rc = -1;
    if (stage_open(&st, dir, err) == 0) {
        char tmp[BS_OUT_PATH_MAX];
        FILE *f = outfile_open_in(st.path, "index.html", tmp, sizeof tmp, err);
        int ok = f && write_page(f, in, n, text, wasm) == 0;
        if (f && outfile_close_in(f, tmp, st.path, "index.html", err) == 0 && ok)
            rc = stage_commit(&st, NULL, err);
        else
            stage_error(&st, err);
        if (rc != 0)
            stage_abort(&st);
    }
    free(text);
    free(wasm);
    return rc;
}
