/* reader.c - scenario files (libconfig) to a validated bs_scenario.
 *
 * Pipeline: each file is checked as text (exists, regular, not empty, not
 * binary, UTF-8, no integer literal that libconfig would wrap), parsed by
 * libconfig, and flattened into a list of entries "dotted.path = value" with
 * the file and line each came from. A scenario with `base = "other.cfg";`
 * loads the base first and lays its own entries over it, the way an amendment
 * is written. `--set path=value` overrides are laid over last. Then every
 * entry is checked against the settings table (schema.c) and written into the
 * struct; cross-references (service lines, reserves, years) are checked last.
 */
#include "scenario.h"
#include "schema.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <libconfig.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_FILE_BYTES (4 * 1024 * 1024) /* a scenario is a few kB */
#define MAX_DEPTH 10                     /* nested bases or includes */
#define MAX_PATH_LEN 255                 /* a dotted setting path */
#define MAX_ENTRIES 20000                /* settings in one scenario */

/* ------------------------------------------------------------------ */
/* Entries                                                            */
/* ------------------------------------------------------------------ */

typedef enum { V_NUM, V_BOOL, V_STR, V_LIST, V_GROUP, V_MIXED } vkind;

typedef struct {
    char *path;       /* dotted path, owned */
    vkind kind;
    double num;       /* V_NUM */
    int is_int;       /* V_NUM written as an integer literal */
    int boolean;      /* V_BOOL */
    char *str;        /* V_STR, owned */
    double *list;     /* V_LIST, owned */
    int nlist;
    const char *file; /* interned in the entry set */
    int line;
} entry;

typedef struct {
    entry *v;
    int n, cap;
    char **files; /* interned file names, owned */
    int nfiles;
} entry_set;

static void entry_clear(entry *e)
{
    free(e->path);
    free(e->str);
    free(e->list);
    memset(e, 0, sizeof *e);
}

static void set_free(entry_set *s)
{
    for (int i = 0; i < s->n; i++)
        entry_clear(&s->v[i]);
    free(s->v);
    for (int i = 0; i < s->nfiles; i++)
        free(s->files[i]);
    free(s->files);
    memset(s, 0, sizeof *s);
}

/* Returns an interned copy of name owned by s, or NULL when out of memory. */
static const char *intern(entry_set *s, const char *name)
{
    for (int i = 0; i < s->nfiles; i++)
        if (strcmp(s->files[i], name) == 0)
            return s->files[i];
    char **nf = realloc(s->files, (size_t)(s->nfiles + 1) * sizeof *nf);
    if (!nf)
        return NULL;
    s->files = nf;
    if (!(s->files[s->nfiles] = strdup(name)))
        return NULL;
    return s->files[s->nfiles++];
}

static entry *find_entry(entry_set *s, const char *path)
{
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->v[i].path, path) == 0)
            return &s->v[i];
    return NULL;
}

/* Put e into s, replacing an entry with the same path (the later wins; it
 * keeps the earlier one's position so that ids keep their order). Takes
 * ownership of e's memory. */
static int put_entry(entry_set *s, entry *e, bs_error *err)
{
    entry *old = find_entry(s, e->path);
    if (old) {
        entry_clear(old);
        *old = *e;
        return 0;
    }
    if (s->n >= MAX_ENTRIES) {
        int line = e->line;
        const char *file = e->file;
        entry_clear(e);
        return bs_fail(err, file, line, "", "too many settings (the limit is %d)", MAX_ENTRIES);
    }
    if (s->n == s->cap) {
        int cap = s->cap ? s->cap * 2 : 64;
        entry *nv = realloc(s->v, (size_t)cap * sizeof *nv);
        if (!nv) {
            entry_clear(e);
            return bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
        }
        s->v = nv;
        s->cap = cap;
    }
    s->v[s->n++] = *e;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Reading a file as text                                              */
/* ------------------------------------------------------------------ */

/* Check that text is valid UTF-8; on failure return the 1-based line. */
static int utf8_bad_line(const unsigned char *p, size_t n)
{
    int line = 1;
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i];
        if (c == '\n')
            line++;
        if (c < 0x80) {
            i++;
            continue;
        }
        int len;
        unsigned min;
        if (c >= 0xc2 && c <= 0xdf) { len = 2; min = 0x80; }
        else if (c >= 0xe0 && c <= 0xef) { len = 3; min = 0x800; }
        else if (c >= 0xf0 && c <= 0xf4) { len = 4; min = 0x10000; }
        else return line;
        if (i + (size_t)len > n)
            return line;
        unsigned cp = c & (0xff >> (len + 1));
        for (int k = 1; k < len; k++) {
            if ((p[i + k] & 0xc0) != 0x80)
                return line;
            cp = (cp << 6) | (p[i + k] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return line;
        i += (size_t)len;
    }
    return 0;
}

/* Read path into a NUL-terminated heap buffer (*text, caller frees), after
 * checking it is a readable, regular, non-empty UTF-8 text file. */
static int read_text(const char *path, char **text, bs_error *err)
{
    struct stat st;
    *text = NULL;
    if (stat(path, &st) != 0)
        return bs_fail(err, path, 0, "", "cannot open: %s", strerror(errno));
    if (S_ISDIR(st.st_mode))
        return bs_fail(err, path, 0, "", "is a directory, not a scenario file");
    if (!S_ISREG(st.st_mode))
        return bs_fail(err, path, 0, "", "is not a regular file");
    if (st.st_size > MAX_FILE_BYTES)
        return bs_fail(err, path, 0, "", "is too large for a scenario (%lld bytes; the limit is %d)",
                       (long long)st.st_size, MAX_FILE_BYTES);
    FILE *f = fopen(path, "rb");
    if (!f)
        return bs_fail(err, path, 0, "", "cannot open: %s", strerror(errno));
    char *buf = malloc((size_t)MAX_FILE_BYTES + 1);
    if (!buf) {
        fclose(f);
        return bs_fail_status(err, BS_EXIT_ENV, path, 0, "", "out of memory");
    }
    size_t n = fread(buf, 1, (size_t)MAX_FILE_BYTES + 1, f);
    int rerr = ferror(f);
    fclose(f);
    if (rerr) {
        free(buf);
        return bs_fail(err, path, 0, "", "cannot read: %s", strerror(errno ? errno : EIO));
    }
    if (n > MAX_FILE_BYTES) {
        free(buf);
        return bs_fail(err, path, 0, "", "is too large for a scenario (the limit is %d bytes)", MAX_FILE_BYTES);
    }
    buf[n] = '\0';
    if (memchr(buf, '\0', n)) {
        free(buf);
        return bs_fail(err, path, 0, "", "is a binary file, not a scenario (it contains NUL bytes)");
    }
    int bad = utf8_bad_line((const unsigned char *)buf, n);
    if (bad) {
        free(buf);
        return bs_fail(err, path, bad, "", "is not valid UTF-8 text");
    }
    size_t k = 0;
    while (k < n && isspace((unsigned char)buf[k]))
        k++;
    if (k == n) {
        free(buf);
        return bs_fail(err, path, 0, "", "is empty: a scenario needs at least scenario, horizon, "
                                         "council_tax, reserves and services");
    }
    *text = buf;
    return 0;
}

/* Directory part of path ("." when none), into buf. */
static void dir_of(const char *path, char *buf, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        bs_strlcpy(buf, ".", size);
    else if (slash == path)
        bs_strlcpy(buf, "/", size);
    else {
        size_t n = (size_t)(slash - path);
        if (n >= size)
            n = size - 1;
        memcpy(buf, path, n);
        buf[n] = '\0';
    }
}

/* path joined to dir unless it is absolute, into buf. */
static void join_path(const char *dir, const char *path, char *buf, size_t size)
{
    if (path[0] == '/' || strcmp(dir, ".") == 0)
        bs_strlcpy(buf, path, size);
    else if ((size_t)snprintf(buf, size, "%s/%s", dir, path) >= size)
        buf[0] = '\0'; /* too long: opening "" fails with a clear error */
}

/* Chain of files being read (bases and includes), to refuse cycles. */
typedef struct {
    char real[MAX_DEPTH + 1][PATH_MAX];
    int n;
} file_stack;

static int stack_push(file_stack *st, const char *path, const char *from_file, int from_line,
                      const char *setting, bs_error *err)
{
    char real[PATH_MAX];
    if (!realpath(path, real))
        return bs_fail(err, from_file ? from_file : path, from_line, setting, "cannot open %s: %s",
                       path, strerror(errno));
    for (int i = 0; i < st->n; i++)
        if (strcmp(st->real[i], real) == 0)
            return bs_fail(err, from_file, from_line, setting,
                           "%s includes itself (a base or include cycle)", path);
    if (st->n >= MAX_DEPTH)
        return bs_fail(err, from_file, from_line, setting,
                       "bases and includes nest more than %d deep", MAX_DEPTH);
    bs_strlcpy(st->real[st->n++], real, PATH_MAX);
    return 0;
}

/* Scan text for what libconfig would get silently wrong or we must follow:
 * integer literals outside the 32-bit range without an L suffix (libconfig
 * wraps them), and @include directives (checked as files in their own right,
 * relative to include_dir, as libconfig resolves them). */
static int prescan(const char *path, const char *text, const char *include_dir, file_stack *st,
                   bs_error *err)
{
    const char *p = text;
    int line = 1;
    char last_name[128] = "";
    int at_line_start = 1;
    while (*p) {
        char c = *p;
        if (c == '\n') {
            line++;
            p++;
            at_line_start = 1;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r') {
            p++;
            continue;
        }
        if (c == '#' || (c == '/' && p[1] == '/')) {
            while (*p && *p != '\n')
                p++;
            continue;
        }
        if (c == '/' && p[1] == '*') {
            p += 2;
            while (*p && !(p[0] == '*' && p[1] == '/')) {
                if (*p == '\n')
                    line++;
                p++;
            }
            if (*p)
                p += 2;
            continue;
        }
        if (c == '@' && at_line_start && strncmp(p, "@include", 8) == 0) {
            const char *q = p + 8;
            while (*q == ' ' || *q == '\t')
                q++;
            if (*q == '"') {
                q++;
                const char *end = strchr(q, '"');
                const char *nl = strchr(q, '\n');
                if (end && (!nl || end < nl)) {
                    char name[PATH_MAX], full[PATH_MAX];
                    size_t n = (size_t)(end - q);
                    if (n >= sizeof name)
                        return bs_fail(err, path, line, "@include", "file name is too long");
                    memcpy(name, q, n);
                    name[n] = '\0';
                    join_path(include_dir, name, full, sizeof full);
                    char *inc = NULL;
                    if (stack_push(st, full, path, line, "@include", err) != 0)
                        return -1;
                    if (read_text(full, &inc, err) != 0)
                        return -1;
                    int rc = prescan(full, inc, include_dir, st, err);
                    free(inc);
                    st->n--;
                    if (rc != 0)
                        return -1;
                }
            }
            while (*p && *p != '\n')
                p++;
            continue;
        }
        at_line_start = 0;
        if (c == '"') {
            p++;
            while (*p && *p != '"') {
                if (*p == '\\' && p[1])
                    p++;
                if (*p == '\n')
                    line++;
                p++;
            }
            if (*p)
                p++;
            continue;
        }
        if (isalpha((unsigned char)c) || c == '*') {
            size_t n = 0;
            while (isalnum((unsigned char)*p) || *p == '_' || *p == '-' || *p == '*') {
                if (n + 1 < sizeof last_name)
                    last_name[n++] = *p;
                p++;
            }
            last_name[n] = '\0';
            continue;
        }
        if (isdigit((unsigned char)c)) {
            char tok[128];
            size_t n = 0;
            int hex = (c == '0' && (p[1] == 'x' || p[1] == 'X'));
            while (isalnum((unsigned char)*p) || *p == '.' ||
                   ((*p == '+' || *p == '-') && !hex && n > 0 && (tok[n - 1] == 'e' || tok[n - 1] == 'E'))) {
                if (n + 1 < sizeof tok)
                    tok[n++] = *p;
                p++;
            }
            tok[n] = '\0';
            int is_float = !hex && (strchr(tok, '.') || strchr(tok, 'e') || strchr(tok, 'E'));
            if (is_float)
                continue;
            int has_l = n > 0 && (tok[n - 1] == 'L' || tok[n - 1] == 'l');
            errno = 0;
            unsigned long long v = strtoull(tok, NULL, hex ? 16 : 10);
            int too_big = errno == ERANGE || (has_l ? v > (unsigned long long)INT64_MAX
                                                    : v > (unsigned long long)INT32_MAX);
            if (too_big)
                return bs_fail(err, path, line, last_name,
                               "the whole number %s is too large to read exactly; write it as a "
                               "decimal (%s.0)", tok, tok);
            continue;
        }
        p++;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Flattening a libconfig tree                                         */
/* ------------------------------------------------------------------ */

static int flatten(config_setting_t *s, const char *prefix, const char *main_file, entry_set *out,
                   bs_error *err)
{
    int n = config_setting_length(s);
    for (int i = 0; i < n; i++) {
        config_setting_t *c = config_setting_get_elem(s, (unsigned)i);
        const char *name = config_setting_name(c);
        const char *src = config_setting_source_file(c);
        const char *file = intern(out, src ? src : main_file);
        int line = (int)config_setting_source_line(c);
        if (!file)
            return bs_fail_status(err, BS_EXIT_ENV, main_file, 0, "", "out of memory");
        entry e = {0};
        char path[MAX_PATH_LEN + 2];
        int len = snprintf(path, sizeof path, "%s%s%s", prefix, prefix[0] ? "." : "", name ? name : "?");
        if (len > MAX_PATH_LEN)
            return bs_fail(err, file, line, "", "setting path %.60s... is too long (the limit is %d characters)",
                           path, MAX_PATH_LEN);
        e.file = file;
        e.line = line;
        switch (config_setting_type(c)) {
        case CONFIG_TYPE_GROUP: e.kind = V_GROUP; break;
        case CONFIG_TYPE_INT:
            e.kind = V_NUM;
            e.is_int = 1;
            e.num = config_setting_get_int(c);
            break;
        case CONFIG_TYPE_INT64:
            e.kind = V_NUM;
            e.is_int = 1;
            e.num = (double)config_setting_get_int64(c);
            break;
        case CONFIG_TYPE_FLOAT:
            e.kind = V_NUM;
            e.num = config_setting_get_float(c);
            if (!isfinite(e.num))
                return bs_fail(err, file, line, path, "is not a finite number");
            break;
        case CONFIG_TYPE_BOOL:
            e.kind = V_BOOL;
            e.boolean = config_setting_get_bool(c);
            break;
        case CONFIG_TYPE_STRING:
            e.kind = V_STR;
            if (!(e.str = strdup(config_setting_get_string(c))))
                return bs_fail_status(err, BS_EXIT_ENV, file, line, path, "out of memory");
            break;
        case CONFIG_TYPE_ARRAY:
        case CONFIG_TYPE_LIST: {
            int m = config_setting_length(c);
            e.kind = V_LIST;
            e.list = malloc((size_t)(m > 0 ? m : 1) * sizeof(double));
            if (!e.list)
                return bs_fail_status(err, BS_EXIT_ENV, file, line, path, "out of memory");
            for (int k = 0; k < m; k++) {
                config_setting_t *el = config_setting_get_elem(c, (unsigned)k);
                int t = config_setting_type(el);
                if (t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64 || t == CONFIG_TYPE_FLOAT) {
                    double v = t == CONFIG_TYPE_FLOAT ? config_setting_get_float(el)
                               : (double)config_setting_get_int64(el);
                    if (t == CONFIG_TYPE_INT)
                        v = config_setting_get_int(el);
                    if (!isfinite(v)) {
                        free(e.list);
                        return bs_fail(err, file, line, path, "entry %d is not a finite number", k + 1);
                    }
                    e.list[k] = v;
                } else {
                    e.kind = V_MIXED;
                }
            }
            e.nlist = m;
            break;
        }
        default:
            return bs_fail(err, file, line, path, "has a value of an unknown type");
        }
        if (!(e.path = strdup(path))) {
            entry_clear(&e);
            return bs_fail_status(err, BS_EXIT_ENV, file, line, path, "out of memory");
        }
        if (find_entry(out, path)) {
            entry_clear(&e);
            return bs_fail(err, file, line, path, "is set twice");
        }
        if (put_entry(out, &e, err) != 0)
            return -1;
        if (config_setting_type(c) == CONFIG_TYPE_GROUP && flatten(c, path, main_file, out, err) != 0)
            return -1;
    }
    return 0;
}

/* Read one file (and, first, its base) into out. */
static int load_file(const char *path, file_stack *st, const char *from_file, int from_line,
                     entry_set *out, bs_error *err)
{
    char *text = NULL;
    char dir[PATH_MAX];
    if (read_text(path, &text, err) != 0)
        return -1;
    if (stack_push(st, path, from_file, from_line, from_file ? "base" : "", err) != 0) {
        free(text);
        return -1;
    }
    dir_of(path, dir, sizeof dir);
    if (prescan(path, text, dir, st, err) != 0) {
        free(text);
        return -1;
    }
    config_t cf;
    config_init(&cf);
    config_set_include_dir(&cf, dir);
    if (!config_read_string(&cf, text)) {
        const char *efile = config_error_file(&cf);
        int eline = config_error_line(&cf);
        bs_fail(err, efile ? efile : path, eline, "", "%s", config_error_text(&cf));
        config_destroy(&cf);
        free(text);
        return -1;
    }
    free(text);
    entry_set mine = {0};
    int rc = flatten(config_root_setting(&cf), "", path, &mine, err);
    config_destroy(&cf);
    if (rc != 0) {
        set_free(&mine);
        return -1;
    }
    entry *base = find_entry(&mine, "base");
    if (base) {
        if (base->kind != V_STR) {
            bs_fail(err, base->file, base->line, "base", "expected the name of a scenario file in double quotes");
            set_free(&mine);
            return -1;
        }
        char full[PATH_MAX];
        join_path(dir, base->str, full, sizeof full);
        if (load_file(full, st, base->file, base->line, out, err) != 0) {
            set_free(&mine);
            return -1;
        }
    }
    /* Lay this file's entries over the base's. */
    for (int i = 0; i < mine.n; i++) {
        if (strcmp(mine.v[i].path, "base") == 0)
            continue;
        entry e = mine.v[i];
        memset(&mine.v[i], 0, sizeof mine.v[i]);
        e.file = intern(out, e.file);
        if (!e.file) {
            entry_clear(&e);
            set_free(&mine);
            return bs_fail_status(err, BS_EXIT_ENV, path, 0, "", "out of memory");
        }
        /* Setting a group in an alternative does not clear the base's
         * contents, so a group entry only updates the location. */
        if (put_entry(out, &e, err) != 0) {
            set_free(&mine);
            return -1;
        }
    }
    set_free(&mine);
    st->n--;
    return 0;
}

/* ------------------------------------------------------------------ */
/* --set path=value                                                    */
/* ------------------------------------------------------------------ */

static int valid_path(const char *p)
{
    if (!*p || *p == '.')
        return 0;
    for (; *p; p++) {
        if (*p == '.' && (p[1] == '.' || p[1] == '\0'))
            return 0;
        if (!(isalnum((unsigned char)*p) || *p == '_' || *p == '-' || *p == '.'))
            return 0;
    }
    return 1;
}

/* Parse one override into an entry and lay it over out. The value is read as
 * a libconfig value (number, true/false, "text", [list]); anything else is
 * taken as plain text, so --set scenario.name=Test works without quotes. */
static int apply_override(const char *text, entry_set *out, bs_error *err)
{
    const char *eq = strchr(text, '=');
    char path[MAX_PATH_LEN + 1];
    if (!eq)
        return bs_fail(err, "--set", 0, text, "expected path=value");
    size_t plen = (size_t)(eq - text);
    if (plen == 0 || plen > MAX_PATH_LEN)
        return bs_fail(err, "--set", 0, text, "expected path=value with a setting path before '='");
    memcpy(path, text, plen);
    path[plen] = '\0';
    if (!valid_path(path))
        return bs_fail(err, "--set", 0, path, "is not a setting path (names joined by dots)");
    const char *value = eq + 1;
    if (strlen(value) > 4000)
        return bs_fail(err, "--set", 0, path, "value is too long");
    if (strchr(value, '\n') || strchr(value, '\r'))
        return bs_fail(err, "--set", 0, path, "value must be on one line");
    if (utf8_bad_line((const unsigned char *)value, strlen(value)))
        return bs_fail(err, "--set", 0, path, "value is not valid UTF-8 text");
    entry e = {0};
    e.file = intern(out, "--set");
    e.line = 0;
    if (!e.file || !(e.path = strdup(path)))
        return bs_fail_status(err, BS_EXIT_ENV, "--set", 0, path, "out of memory");

    /* Parse "v = VALUE;" with libconfig, with includes made impossible. */
    int parsed = 0;
    if (!strchr(value, '@') && !strchr(value, '{') && !strchr(value, ';')) {
        size_t n = strlen(value) + 16;
        char *src = malloc(n);
        if (!src) {
            entry_clear(&e);
            return bs_fail_status(err, BS_EXIT_ENV, "--set", 0, path, "out of memory");
        }
        snprintf(src, n, "v = %s;", value);
        bs_error scan_err = {0};
        file_stack none = {.n = 0};
        config_t cf;
        config_init(&cf);
        if (prescan("--set", src, ".", &none, &scan_err) != 0) {
            free(src);
            entry_clear(&e);
            *err = scan_err;
            bs_strlcpy(err->setting, path, sizeof err->setting);
            err->line = 0;
            config_destroy(&cf);
            return -1;
        }
        if (config_read_string(&cf, src)) {
            entry_set tmp = {0};
            if (flatten(config_root_setting(&cf), "", "--set", &tmp, err) != 0) {
                bs_strlcpy(err->setting, path, sizeof err->setting);
                err->line = 0;
                set_free(&tmp);
                config_destroy(&cf);
                free(src);
                entry_clear(&e);
                return -1;
            }
            if (tmp.n == 1 && tmp.v[0].kind != V_GROUP) {
                entry *v = &tmp.v[0];
                e.kind = v->kind;
                e.num = v->num;
                e.is_int = v->is_int;
                e.boolean = v->boolean;
                e.str = v->str;
                e.list = v->list;
                e.nlist = v->nlist;
                v->str = NULL;
                v->list = NULL;
                parsed = 1;
            }
            set_free(&tmp);
        }
        config_destroy(&cf);
        free(src);
    }
    if (!parsed) {
        e.kind = V_STR;
        if (!(e.str = strdup(value))) {
            entry_clear(&e);
            return bs_fail_status(err, BS_EXIT_ENV, "--set", 0, path, "out of memory");
        }
    }
    return put_entry(out, &e, err);
}

/* ------------------------------------------------------------------ */
/* Entries to the struct                                                */
/* ------------------------------------------------------------------ */

/* Which part of the scenario a path belongs to, and the id in it. */
static bs_container container_of(const char *path, char *id, size_t idsize, int *id_depth)
{
    const char *prefixes[] = {"services.", "funding.", "measures.", "reserves.earmarked."};
    const bs_container kinds[] = {BS_IN_SERVICE, BS_IN_FUNDING, BS_IN_MEASURE, BS_IN_EARMARKED};
    for (int k = 0; k < 4; k++) {
        size_t n = strlen(prefixes[k]);
        if (strncmp(path, prefixes[k], n) == 0 && path[n]) {
            const char *s = path + n;
            const char *dot = strchr(s, '.');
            size_t len = dot ? (size_t)(dot - s) : strlen(s);
            if (len >= idsize)
                len = idsize - 1;
            memcpy(id, s, len);
            id[len] = '\0';
            *id_depth = k == 3 ? 2 : 1;
            return kinds[k];
        }
    }
    id[0] = '\0';
    *id_depth = 0;
    return BS_IN_TOP;
}

/* Working state while building. */
typedef struct {
    bs_scenario *sc;
    const entry *group[5][BS_MAX_MEASURES + 1];     /* the group entry of each instance */
    const entry **src;                              /* [container][instance][def] */
    const char *top_file;
} builder;

static const entry **src_slot(builder *b, bs_container c, int inst, size_t def)
{
    return &b->src[((size_t)c * (BS_MAX_MEASURES + 1) + (size_t)inst) * bs_nsettings + def];
}

static int max_instances(bs_container c)
{
    switch (c) {
    case BS_IN_SERVICE: return BS_MAX_SERVICES;
    case BS_IN_FUNDING: return BS_MAX_FUNDING;
    case BS_IN_MEASURE: return BS_MAX_MEASURES;
    case BS_IN_EARMARKED: return BS_MAX_EARMARKED;
    default: return 1;
    }
}

static const char *container_word(bs_container c)
{
    switch (c) {
    case BS_IN_SERVICE: return "service lines";
    case BS_IN_FUNDING: return "funding streams";
    case BS_IN_MEASURE: return "measures";
    case BS_IN_EARMARKED: return "earmarked reserves";
    default: return "parts";
    }
}

static int valid_id(const char *id)
{
    if (!isalpha((unsigned char)id[0]))
        return 0;
    for (const char *p = id; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '_' || *p == '-'))
            return 0;
    return 1;
}

/* Instance index of id in container c, adding it when new. -1 on error. */
static int instance(builder *b, bs_container c, const char *id, const entry *e, bs_error *err)
{
    bs_scenario *sc = b->sc;
    int *count;
    switch (c) {
    case BS_IN_SERVICE: count = &sc->nservices; break;
    case BS_IN_FUNDING: count = &sc->nfunding; break;
    case BS_IN_MEASURE: count = &sc->nmeasures; break;
    case BS_IN_EARMARKED: count = &sc->nreserves; break;
    default: return 0;
    }
    int first = c == BS_IN_EARMARKED ? 1 : 0;
    for (int i = first; i < *count; i++) {
        const char *have = c == BS_IN_SERVICE ? sc->services[i].id
                           : c == BS_IN_FUNDING ? sc->funding[i].id
                           : c == BS_IN_MEASURE ? sc->measures[i].id : sc->reserves[i].id;
        if (strcmp(have, id) == 0)
            return i;
    }
    if (strlen(id) >= BS_ID_MAX)
        return bs_fail(err, e->file, e->line, e->path, "identifier is too long (the limit is %d characters)",
                       BS_ID_MAX - 1);
    if (!valid_id(id))
        return bs_fail(err, e->file, e->line, e->path,
                       "identifier must start with a letter and hold only letters, digits, _ and -");
    if (c == BS_IN_EARMARKED && strcmp(id, "general") == 0)
        return bs_fail(err, e->file, e->line, e->path, "\"general\" is the general reserve; choose another id");
    if (*count - first >= max_instances(c))
        return bs_fail(err, e->file, e->line, e->path, "too many %s (the limit is %d)", container_word(c),
                       max_instances(c));
    int i = (*count)++;
    char *dst = c == BS_IN_SERVICE ? sc->services[i].id
                : c == BS_IN_FUNDING ? sc->funding[i].id
                : c == BS_IN_MEASURE ? sc->measures[i].id : sc->reserves[i].id;
    bs_strlcpy(dst, id, BS_ID_MAX);
    return i;
}

static const char *kind_name(const entry *e)
{
    switch (e->kind) {
    case V_NUM: return "a number";
    case V_BOOL: return "true/false";
    case V_STR: return "text";
    case V_LIST: return "a list";
    case V_MIXED: return "a list holding something other than numbers";
    case V_GROUP: return "a group";
    }
    return "a value";
}

/* Check v against def's range; fill a message into err on failure. */
static int check_range(const bs_setting_def *d, const entry *e, double v, int index, bs_error *err)
{
    int low = (d->flags & BS_F_MIN_OPEN) ? !(v > d->min) : !(v >= d->min);
    int high = (d->flags & BS_F_MAX_OPEN) ? !(v < d->max) : !(v <= d->max);
    if (!low && !high)
        return 0;
    char which[32] = "";
    if (index > 0)
        snprintf(which, sizeof which, "entry %d ", index);
    const char *unit = strcmp(d->unit, "%") == 0 ? "%" : "";
    if (d->flags & BS_F_MIN_OPEN)
        return bs_fail(err, e->file, e->line, e->path, "%smust be above %g%s and at most %g%s, not %g", which,
                       d->min, unit, d->max, unit, v);
    return bs_fail(err, e->file, e->line, e->path, "%smust be between %g%s and %g%s, not %g", which, d->min,
                   unit, d->max, unit, v);
}

/* Write one entry's value into the struct as def says. */
static int assign(builder *b, const bs_setting_def *d, int inst, const entry *e, bs_error *err)
{
    void *addr = schema_address(d, b->sc, inst);
    int nyears = b->sc->nyears;
    switch (d->type) {
    case BS_T_NUM:
        if (e->kind != V_NUM)
            return bs_fail(err, e->file, e->line, e->path, "expected a number, not %s", kind_name(e));
        if (check_range(d, e, e->num, 0, err))
            return -1;
        *(double *)addr = e->num;
        return 0;
    case BS_T_INT:
        if (e->kind != V_NUM || e->num != floor(e->num))
            return bs_fail(err, e->file, e->line, e->path, "expected a whole number, not %s",
                           e->kind == V_NUM ? "a fraction" : kind_name(e));
        if (check_range(d, e, e->num, 0, err))
            return -1;
        *(int *)addr = (int)e->num;
        return 0;
    case BS_T_BOOL:
        if (e->kind != V_BOOL)
            return bs_fail(err, e->file, e->line, e->path, "expected true or false, not %s", kind_name(e));
        *(bool *)addr = e->boolean != 0;
        return 0;
    case BS_T_STR:
    case BS_T_ID:
    case BS_T_ENUM: {
        if (e->kind != V_STR)
            return bs_fail(err, e->file, e->line, e->path, "expected %s, not %s", schema_type_name(d->type),
                           kind_name(e));
        size_t len = strlen(e->str);
        if (d->type == BS_T_ENUM) {
            const char *p = d->choices;
            int found = 0, idx = 0;
            while (*p) {
                const char *bar = strchr(p, '|');
                size_t n = bar ? (size_t)(bar - p) : strlen(p);
                if (n == len && strncmp(p, e->str, n) == 0) {
                    found = 1;
                    break;
                }
                idx++;
                p += n + (bar ? 1 : 0);
            }
            if (!found)
                return bs_fail(err, e->file, e->line, e->path, "must be one of %s, not \"%.40s\"", d->choices,
                               e->str);
            *(bs_measure_type *)addr = (bs_measure_type)idx;
            return 0;
        }
        if (len >= d->size)
            return bs_fail(err, e->file, e->line, e->path, "is too long (%zu bytes; the limit is %zu)", len,
                           d->size - 1);
        if (d->type == BS_T_ID && len > 0 && !valid_id(e->str))
            return bs_fail(err, e->file, e->line, e->path, "\"%.40s\" is not an identifier", e->str);
        char *dst = addr;
        memcpy(dst, e->str, len + 1);
        /* Names are data shown in tables and charts: fold control
         * characters (tabs, newlines) into spaces so a name stays on one line. */
        for (char *p = dst; *p; p++)
            if ((unsigned char)*p < 0x20 || *p == 0x7f)
                *p = ' ';
        return 0;
    }
    case BS_T_SERIES1:
    case BS_T_SERIES2: {
        double *out = addr;
        int from = d->type == BS_T_SERIES2 ? 1 : 0;
        int maxn = nyears - from;
        if (e->kind == V_NUM) {
            if (check_range(d, e, e->num, 0, err))
                return -1;
            for (int t = 0; t < BS_MAX_YEARS; t++)
                out[t] = t < from ? 0.0 : e->num;
            return 0;
        }
        if (e->kind != V_LIST)
            return bs_fail(err, e->file, e->line, e->path, "expected a number or a list of numbers, not %s",
                           kind_name(e));
        if (e->nlist == 0)
            return bs_fail(err, e->file, e->line, e->path, "the list is empty");
        if (maxn < 1)
            return bs_fail(err, e->file, e->line, e->path,
                           "a one-year horizon has no later years: give a single number");
        if (e->nlist > maxn)
            return bs_fail(err, e->file, e->line, e->path, "has %d entries but the horizon has only %d %s",
                           e->nlist, maxn, from ? "years after the first" : "years");
        for (int k = 0; k < e->nlist; k++)
            if (check_range(d, e, e->list[k], k + 1, err))
                return -1;
        for (int t = 0; t < BS_MAX_YEARS; t++) {
            int k = t - from;
            out[t] = k < 0 ? 0.0 : e->list[k < e->nlist ? k : e->nlist - 1];
        }
        return 0;
    }
    case BS_T_LIST: {
        double *out = addr;
        int *count = (int *)((char *)addr - d->offset + d->count_offset);
        if (e->kind == V_NUM) {
            if (check_range(d, e, e->num, 0, err))
                return -1;
            out[0] = e->num;
            *count = 1;
            return 0;
        }
        if (e->kind != V_LIST)
            return bs_fail(err, e->file, e->line, e->path, "expected a list of numbers, not %s", kind_name(e));
        if (e->nlist == 0)
            return bs_fail(err, e->file, e->line, e->path, "the list is empty");
        if (e->nlist > BS_MAX_YEARS)
            return bs_fail(err, e->file, e->line, e->path, "has more than %d entries", BS_MAX_YEARS);
        for (int k = 0; k < e->nlist; k++) {
            if (check_range(d, e, e->list[k], k + 1, err))
                return -1;
            out[k] = e->list[k];
        }
        *count = e->nlist;
        return 0;
    }
    }
    return 0;
}

/* Defaults for every setting of one instance. */
static void apply_defaults(builder *b, bs_container c, int inst)
{
    for (size_t i = 0; i < bs_nsettings; i++) {
        const bs_setting_def *d = &bs_settings[i];
        if (d->container != c || !d->def_text)
            continue;
        void *addr = schema_address(d, b->sc, inst);
        switch (d->type) {
        case BS_T_NUM: *(double *)addr = d->def; break;
        case BS_T_INT: *(int *)addr = (int)d->def; break;
        case BS_T_BOOL: *(bool *)addr = d->def != 0; break;
        case BS_T_SERIES1:
        case BS_T_SERIES2:
            for (int t = 0; t < BS_MAX_YEARS; t++)
                ((double *)addr)[t] = d->def;
            break;
        case BS_T_LIST:
            ((double *)addr)[0] = d->def;
            *(int *)((char *)addr - d->offset + d->count_offset) = 1;
            break;
        default: break;
        }
    }
}

/* Suggest the known path nearest to an unknown one. */
static void suggest(const char *path, const char *id, int id_depth, char *buf, size_t size)
{
    int best = 1000;
    char cand[MAX_PATH_LEN + 80], best_path[MAX_PATH_LEN + 80] = "";
    for (size_t i = 0; i <= bs_nsettings; i++) {
        const char *pat = i < bs_nsettings ? bs_settings[i].path : NULL;
        if (!pat)
            break;
        /* instantiate "*" with the user's id */
        const char *star = strchr(pat, '*');
        if (star) {
            if (!id[0] || id_depth == 0)
                continue;
            snprintf(cand, sizeof cand, "%.*s%s%s", (int)(star - pat), pat, id, star + 1);
        } else {
            bs_strlcpy(cand, pat, sizeof cand);
        }
        int dist = bs_edit_distance(path, cand);
        if (dist < best) {
            best = dist;
            bs_strlcpy(best_path, cand, sizeof best_path);
        }
    }
    int len = (int)strlen(path);
    int limit = len / 3 > 3 ? len / 3 : 3;
    if (best_path[0] && best <= limit)
        snprintf(buf, size, "; did you mean %s?", best_path);
    else
        buf[0] = '\0';
}

static int is_group_path(const char *path)
{
    for (int g = 0; bs_group_paths[g]; g++)
        if (schema_match(bs_group_paths[g], path))
            return 1;
    return 0;
}

/* Build the struct from the merged entries. */
static int build(entry_set *es, const char *top_file, bs_scenario *sc, bs_error *err)
{
    builder b;
    memset(&b, 0, sizeof b);
    b.sc = sc;
    b.top_file = top_file;
    b.src = calloc((size_t)5 * (BS_MAX_MEASURES + 1) * bs_nsettings, sizeof *b.src);
    if (!b.src)
        return bs_fail_status(err, BS_EXIT_ENV, top_file, 0, "", "out of memory");
    int rc = -1;
    memset(sc, 0, sizeof *sc);
    sc->nreserves = 1;
    bs_strlcpy(sc->reserves[0].id, "general", BS_ID_MAX);
    bs_strlcpy(sc->source_file, top_file, sizeof sc->source_file);
    apply_defaults(&b, BS_IN_TOP, 0);
    bs_strlcpy(sc->reserves[0].name, "General reserve", BS_NAME_MAX);

    /* Pass 1: instances, in order of first appearance, and measure types. */
    for (int i = 0; i < es->n; i++) {
        const entry *e = &es->v[i];
        char id[BS_ID_MAX + 8];
        int depth;
        bs_container c = container_of(e->path, id, sizeof id, &depth);
        if (c == BS_IN_TOP)
            continue;
        int before = c == BS_IN_SERVICE ? sc->nservices : c == BS_IN_FUNDING ? sc->nfunding
                     : c == BS_IN_MEASURE ? sc->nmeasures : sc->nreserves;
        int inst = instance(&b, c, id, e, err);
        if (inst < 0)
            goto out;
        int after = c == BS_IN_SERVICE ? sc->nservices : c == BS_IN_FUNDING ? sc->nfunding
                    : c == BS_IN_MEASURE ? sc->nmeasures : sc->nreserves;
        if (after > before) {
            apply_defaults(&b, c, inst);
            if (c == BS_IN_MEASURE) {
                sc->measures[inst].line_index = -1;
                sc->measures[inst].reserve_index = 0;
                bs_strlcpy(sc->measures[inst].reserve, "general", BS_ID_MAX);
                sc->measures[inst].type = (bs_measure_type)-1;
            }
        }
        /* Remember where the instance is written: its own group entry
         * ("measures.x = { ... }"), else its first setting. */
        int dots = 0;
        for (const char *q = e->path; *q; q++)
            dots += *q == '.';
        if (!b.group[c][inst] || (e->kind == V_GROUP && dots == depth))
            b.group[c][inst] = e;
    }
    /* Horizon first: per-year settings need its length. */
    for (int i = 0; i < es->n; i++) {
        const entry *e = &es->v[i];
        if (strncmp(e->path, "horizon.", 8) != 0)
            continue;
        for (size_t k = 0; k < bs_nsettings; k++)
            if (strcmp(bs_settings[k].path, e->path) == 0) {
                if (assign(&b, &bs_settings[k], 0, e, err) != 0)
                    goto out;
                *src_slot(&b, BS_IN_TOP, 0, k) = e;
            }
    }
    if (sc->nyears == 0) {
        const entry *h = find_entry(es, "horizon");
        bs_fail(err, h ? h->file : top_file, h ? h->line : 0, "horizon.years", "missing (required)");
        goto out;
    }
    if (sc->first_year == 0) {
        const entry *h = find_entry(es, "horizon");
        bs_fail(err, h ? h->file : top_file, h ? h->line : 0, "horizon.first_year", "missing (required)");
        goto out;
    }
    /* Measure types, before their other settings. */
    for (int i = 0; i < es->n; i++) {
        const entry *e = &es->v[i];
        char id[BS_ID_MAX + 8];
        int depth;
        if (container_of(e->path, id, sizeof id, &depth) != BS_IN_MEASURE)
            continue;
        const char *tail = e->path + strlen("measures.") + strlen(id);
        if (strcmp(tail, ".type") != 0)
            continue;
        int inst = instance(&b, BS_IN_MEASURE, id, e, err);
        for (size_t k = 0; k < bs_nsettings; k++)
            if (strcmp(bs_settings[k].path, "measures.*.type") == 0) {
                if (assign(&b, &bs_settings[k], inst, e, err) != 0)
                    goto out;
                *src_slot(&b, BS_IN_MEASURE, inst, k) = e;
            }
    }
    for (int m = 0; m < sc->nmeasures; m++) {
        if ((int)sc->measures[m].type == -1) {
            const entry *g = b.group[BS_IN_MEASURE][m];
            char path[MAX_PATH_LEN + 80];
            snprintf(path, sizeof path, "measures.%s.type", sc->measures[m].id);
            bs_fail(err, g->file, g->line, path, "missing: say whether it is a \"saving\", a \"charge\" or a \"reserve\"");
            goto out;
        }
        sc->measures[m].start_year = sc->first_year;
    }

    /* Pass 2: every entry. */
    for (int i = 0; i < es->n; i++) {
        const entry *e = &es->v[i];
        char id[BS_ID_MAX + 8];
        int depth;
        bs_container c = container_of(e->path, id, sizeof id, &depth);
        int inst = 0;
        if (c != BS_IN_TOP && (inst = instance(&b, c, id, e, err)) < 0)
            goto out;
        if (strncmp(e->path, "horizon.", 8) == 0)
            continue;
        if (e->kind == V_GROUP) {
            if (is_group_path(e->path))
                continue;
        }
        int matched = 0, wrong_measure_type = 0;
        for (size_t k = 0; k < bs_nsettings; k++) {
            const bs_setting_def *d = &bs_settings[k];
            if (!schema_match(d->path, e->path))
                continue;
            if (d->container == BS_IN_MEASURE &&
                !(d->measure_mask & (1u << sc->measures[inst].type))) {
                wrong_measure_type = 1;
                continue;
            }
            matched = 1;
            if (strcmp(d->path, "measures.*.type") == 0)
                break;
            if (e->kind == V_GROUP) {
                bs_fail(err, e->file, e->line, e->path, "expected %s, not a group", schema_type_name(d->type));
                goto out;
            }
            if (assign(&b, d, inst, e, err) != 0)
                goto out;
            *src_slot(&b, c, inst, k) = e;
            break;
        }
        if (matched)
            continue;
        if (wrong_measure_type) {
            const char *names[] = {"saving", "charge", "reserve"};
            bs_fail(err, e->file, e->line, e->path, "is not a setting of a %s measure",
                    names[sc->measures[inst].type]);
            goto out;
        }
        if (is_group_path(e->path)) {
            bs_fail(err, e->file, e->line, e->path, "expected a group { ... }, not %s", kind_name(e));
            goto out;
        }
        char hint[MAX_PATH_LEN + 100];
        suggest(e->path, id, depth, hint, sizeof hint);
        bs_fail(err, e->file, e->line, e->path, "unknown setting%s", hint);
        goto out;
    }

    /* Required settings. */
    for (size_t k = 0; k < bs_nsettings; k++) {
        const bs_setting_def *d = &bs_settings[k];
        if (!(d->flags & BS_F_REQUIRED))
            continue;
        int n = d->container == BS_IN_TOP ? 1 : d->container == BS_IN_SERVICE ? sc->nservices
                : d->container == BS_IN_FUNDING ? sc->nfunding : d->container == BS_IN_MEASURE ? sc->nmeasures
                : sc->nreserves;
        for (int inst = d->container == BS_IN_EARMARKED ? 1 : 0; inst < n; inst++) {
            if (*src_slot(&b, d->container, inst, k))
                continue;
            if (d->container == BS_IN_MEASURE && !(d->measure_mask & (1u << sc->measures[inst].type)))
                continue;
            char path[MAX_PATH_LEN + 80];
            const char *star = strchr(d->path, '*');
            const char *idv = d->container == BS_IN_SERVICE ? sc->services[inst].id
                              : d->container == BS_IN_FUNDING ? sc->funding[inst].id
                              : d->container == BS_IN_MEASURE ? sc->measures[inst].id : sc->reserves[inst].id;
            if (star)
                snprintf(path, sizeof path, "%.*s%s%s", (int)(star - d->path), d->path, idv, star + 1);
            else
                bs_strlcpy(path, d->path, sizeof path);
            const entry *where = d->container == BS_IN_TOP ? NULL : b.group[d->container][inst];
            if (!where) {
                /* the nearest enclosing group that exists */
                char parent[MAX_PATH_LEN + 80];
                bs_strlcpy(parent, path, sizeof parent);
                char *dot;
                while (!where && (dot = strrchr(parent, '.'))) {
                    *dot = '\0';
                    where = find_entry(es, parent);
                }
            }
            bs_fail(err, where ? where->file : top_file, where ? where->line : 0, path, "missing (required%s)",
                    d->container == BS_IN_MEASURE ? " for this type of measure" : "");
            goto out;
        }
    }

    /* Cross-references and defaults that depend on other settings. */
    if (sc->nservices == 0) {
        bs_fail(err, top_file, 0, "services", "missing: at least one service line is needed");
        goto out;
    }
    if (sc->balanced_years > sc->nyears) {
        size_t k;
        for (k = 0; strcmp(bs_settings[k].path, "rules.balanced_years") != 0; k++)
            ;
        const entry *e = *src_slot(&b, BS_IN_TOP, 0, k);
        bs_fail(err, e ? e->file : top_file, e ? e->line : 0, "rules.balanced_years",
                "is %d but the horizon has only %d years", sc->balanced_years, sc->nyears);
        goto out;
    }
    int last = sc->first_year + sc->nyears - 1;
    for (int f = 0; f < sc->nfunding; f++) {
        bs_funding *fd = &sc->funding[f];
        if (fd->last_year != 0 && fd->last_year < sc->first_year) {
            const entry *g = b.group[BS_IN_FUNDING][f];
            char path[MAX_PATH_LEN + 80];
            snprintf(path, sizeof path, "funding.%s.last_year", fd->id);
            const entry *e = find_entry(es, path);
            bs_fail(err, (e ? e : g)->file, (e ? e : g)->line, path, "%d is before the first year %d",
                    fd->last_year, sc->first_year);
            goto out;
        }
    }
    for (int m = 0; m < sc->nmeasures; m++) {
        bs_measure *ms = &sc->measures[m];
        char path[MAX_PATH_LEN + 80];
        const entry *g = b.group[BS_IN_MEASURE][m], *e;
        snprintf(path, sizeof path, "measures.%s.start_year", ms->id);
        if (ms->start_year < sc->first_year || ms->start_year > last) {
            e = find_entry(es, path);
            bs_fail(err, (e ? e : g)->file, (e ? e : g)->line, path, "%d is outside the horizon %d to %d",
                    ms->start_year, sc->first_year, last);
            goto out;
        }
        if (ms->line[0]) {
            ms->line_index = scenario_find_service(sc, ms->line);
            if (ms->line_index < 0) {
                snprintf(path, sizeof path, "measures.%s.line", ms->id);
                e = find_entry(es, path);
                char known[400] = "";
                size_t o = 0;
                for (int s = 0; s < sc->nservices && o < sizeof known - 80; s++)
                    o += (size_t)snprintf(known + o, sizeof known - o, "%s%s", s ? ", " : "", sc->services[s].id);
                bs_fail(err, (e ? e : g)->file, (e ? e : g)->line, path, "no service line \"%s\" (known: %s)",
                        ms->line, known);
                goto out;
            }
        }
        if (ms->type == BS_RESERVE_MOVE) {
            ms->reserve_index = -1;
            for (int r = 0; r < sc->nreserves; r++)
                if (strcmp(sc->reserves[r].id, ms->reserve) == 0)
                    ms->reserve_index = r;
            if (ms->reserve_index < 0) {
                snprintf(path, sizeof path, "measures.%s.reserve", ms->id);
                e = find_entry(es, path);
                bs_fail(err, (e ? e : g)->file, (e ? e : g)->line, path,
                        "no reserve \"%s\" (use \"general\" or an id under reserves.earmarked)", ms->reserve);
                goto out;
            }
        }
        if (ms->type == BS_CHARGE && ms->reference_price_pounds == 0) {
            double p = ms->price_pounds[ms->start_year - sc->first_year];
            if (p <= 0 && ms->elasticity != 0) {
                snprintf(path, sizeof path, "measures.%s.reference_price_pounds", ms->id);
                bs_fail(err, g->file, g->line, path,
                        "missing: needed when the price in the start year is 0 and elasticity is not 0");
                goto out;
            }
            ms->reference_price_pounds = p;
        }
    }
    if (!sc->label[0]) {
        const char *base = strrchr(top_file, '/');
        base = base ? base + 1 : top_file;
        bs_strlcpy(sc->label, base, sizeof sc->label);
        char *dot = strrchr(sc->label, '.');
        if (dot && dot != sc->label)
            *dot = '\0';
    }
    rc = 0;
out:
    free(b.src);
    return rc;
}

int scenario_load(const char *path, const bs_override *overrides, int noverrides, bs_scenario *out,
                  bs_error *err)
{
    entry_set es = {0};
    file_stack *st = calloc(1, sizeof *st);
    if (!st)
        return bs_fail_status(err, BS_EXIT_ENV, path, 0, "", "out of memory");
    int rc = load_file(path, st, NULL, 0, &es, err);
    free(st);
    for (int i = 0; rc == 0 && i < noverrides; i++)
        rc = apply_override(overrides[i].text, &es, err);
    if (rc == 0)
        rc = build(&es, path, out, err);
    set_free(&es);
    return rc;
}

int scenario_find_service(const bs_scenario *sc, const char *id)
{
    for (int i = 0; i < sc->nservices; i++)
        if (strcmp(sc->services[i].id, id) == 0)
            return i;
    return -1;
}
