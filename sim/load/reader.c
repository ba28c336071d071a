/* reader.c - scenario files (libconfig) to a validated bs_scenario.
 *
 * Pipeline: each file is checked as text (exists, regular, not empty, not
 * binary, UTF-8), its @include lines are replaced by the files they name
 * (checked the same way), the whole is scanned for what libconfig would get
 * silently wrong or explain badly (integer literals it would wrap, a comment
 * never closed), parsed by libconfig, and flattened into a list of entries
 * "dotted.path = value" with the file and line each came from. A scenario with `base = "other.cfg";`
 * loads the base first and lays its own entries over it, the way an amendment
 * is written. `--set path=value` overrides are laid over last. Then every
 * entry is checked against the settings table (schema.c) and written into the
 * struct; cross-references (service lines, reserves, years) are checked last.
 */
#include "load/source.h"

#include "core/bind.h"
#include "core/guard.h"
#include "core/scenario.h"
#include "core/schema.h"
#include "core/table.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <libconfig.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_FILE_BYTES (4 * 1024 * 1024) /* a scenario is a few kB */
#define MAX_DEPTH 10                     /* nested bases or includes */
#define MAX_PATH_LEN 255                 /* a dotted setting path */
#define MAX_ENTRIES 20000                /* settings in one scenario */
#define MAX_INCLUDES 1000                /* @include lines read for one file */
#define MAX_FILE_NAME (BS_FILE_MAX - 1)  /* a file's name as given or joined to its folder, in bytes:
                                          * it must fit the 512-byte names of bs_error and bs_scenario */
#define MAX_SET_VALUE 4000               /* the value of one --set, in bytes */

/* ------------------------------------------------------------------ */
/* Entries                                                            */
/* ------------------------------------------------------------------ */

typedef enum { V_NUM, V_BOOL, V_STR, V_LIST, V_GROUP, V_MIXED, V_STRLIST } vkind;

typedef struct {
    char *path;       /* dotted path, owned */
    vkind kind;
    double num;       /* V_NUM */
    int is_int;       /* V_NUM written as an integer literal */
    int boolean;      /* V_BOOL */
    char *str;        /* V_STR, owned; V_STRLIST: the texts joined by newlines */
    double *list;     /* V_LIST, owned */
    int nlist;
    int bad_entry;    /* V_MIXED: the first entry that is not a number (1-based) */
    const char *bad_kind; /* V_MIXED: what it is, "text" */
    const char *file; /* interned in the entry set */
    int line;
} entry;

typedef struct {
    entry *v;
    int n, cap;
    int *index;   /* hash of the paths: entry number + 1 in each used slot, 0 in a free one */
    int icap;     /* slots in index, a power of two above 2n */
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
    free(s->index);
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

/* The slot of path in s->index: where it is, or the free slot where it would go. */
static unsigned index_slot(const entry_set *s, const char *path)
{
    unsigned h = 2166136261u; /* FNV-1a */
    for (const char *p = path; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    unsigned mask = (unsigned)s->icap - 1, i = h & mask;
    while (s->index[i] && strcmp(s->v[s->index[i] - 1].path, path) != 0)
        i = (i + 1) & mask;
    return i;
}

static entry *find_entry(entry_set *s, const char *path)
{
    if (s->icap == 0)
        return NULL;
    int k = s->index[index_slot(s, path)];
    return k ? &s->v[k - 1] : NULL;
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
    if (2 * (s->n + 1) > s->icap) {
        /* a larger index, every path hashed again */
        int icap = s->icap ? s->icap * 2 : 128;
        int *ni = calloc((size_t)icap, sizeof *ni);
        if (!ni) {
            entry_clear(e);
            return bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
        }
        free(s->index);
        s->index = ni;
        s->icap = icap;
        for (int i = 0; i < s->n; i++)
            s->index[index_slot(s, s->v[i].path)] = i + 1;
    }
    s->index[index_slot(s, e->path)] = s->n + 1;
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
 * checking it is a readable, regular, non-empty UTF-8 text file. A file that
 * stat says is empty is not read at all: the files of /proc say so too, and
 * some of them (/proc/kmsg) would block. The file is opened without waiting
 * and checked again once open, so a path swapped for a pipe meanwhile is
 * refused, never waited on. */
static int read_text(const char *path, char **text, bs_error *err)
{
    struct stat st;
    *text = NULL;
    size_t name_len = strlen(path);
    if (name_len > MAX_FILE_NAME) /* no file: the name would not fit; refer() puts it where it was named */
        return bs_fail(err, "", 0, "", "the file name %.40s... is too long (%zu bytes; the limit is %d)", path,
                       name_len, MAX_FILE_NAME);
    if (stat(path, &st) != 0)
        return bs_fail(err, path, 0, "", "cannot open: %s", strerror(errno));
    if (S_ISDIR(st.st_mode))
        return bs_fail(err, path, 0, "", "is a directory, not a scenario file");
    if (!S_ISREG(st.st_mode))
        return bs_fail(err, path, 0, "", "is not a regular file");
    if (st.st_size > MAX_FILE_BYTES)
        return bs_fail(err, path, 0, "", "is too large for a scenario (%lld bytes; the limit is %d)",
                       (long long)st.st_size, MAX_FILE_BYTES);
    if (st.st_size == 0)
        return bs_fail(err, path, 0, "", "is empty: a scenario needs at least scenario, horizon, "
                                         "council_tax, reserves and services");
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return bs_fail(err, path, 0, "", "cannot open: %s", strerror(errno));
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return bs_fail(err, path, 0, "", "is not a regular file");
    }
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        close(fd);
        return bs_fail_status(err, BS_EXIT_ENV, path, 0, "", "out of memory");
    }
    /* Room for the size stat gives and a byte more, to see the end; grown,
     * up to one byte past the limit, if the file has grown since. */
    size_t cap = (size_t)st.st_size + 2, n = 0;
    char *buf = NULL;
    for (;;) {
        char *more = realloc(buf, cap);
        if (!more) {
            free(buf);
            fclose(f);
            return bs_fail_status(err, BS_EXIT_ENV, path, 0, "", "out of memory");
        }
        buf = more;
        n += fread(buf + n, 1, cap - 1 - n, f);
        if (n < cap - 1 || n > MAX_FILE_BYTES)
            break;
        cap = cap > ((size_t)MAX_FILE_BYTES + 2) / 2 ? (size_t)MAX_FILE_BYTES + 2 : 2 * cap;
    }
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
    if (n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
        memset(buf, ' ', 3); /* a byte order mark, as some editors write: ignore it */
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
    int includes; /* @include lines read so far */
} file_stack;

/* Push path, named by setting at from_file:from_line (from_file NULL for the
 * scenario itself); fail when it cannot be found, is already being read (a
 * cycle) or nests too deep. */
static int stack_push(file_stack *st, const char *path, const char *from_file, int from_line,
                      const char *setting, bs_error *err)
{
    char real[PATH_MAX];
    if (!realpath(path, real)) {
        struct stat sb;
        int e = errno;
        if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode)) {
            /* /dev/stdin on a pipe: a file without a name of its own */
            if (!from_file)
                return bs_fail(err, path, 0, "", "is not a regular file");
            return bs_fail(err, from_file, from_line, setting, "%s is not a regular file", path);
        }
        errno = e;
        if (!from_file)
            return bs_fail(err, path, 0, "", "cannot open: %s", strerror(errno));
        return bs_fail(err, from_file, from_line, setting, "cannot open %s: %s", path, strerror(errno));
    }
    for (int i = 0; i < st->n; i++)
        if (strcmp(st->real[i], real) == 0)
            return bs_fail(err, from_file, from_line, setting, "%s %s (a cycle of bases or includes)", path,
                           i == st->n - 1 ? "is this file itself" : "is already being read");
    if (st->n >= MAX_DEPTH)
        return bs_fail(err, from_file, from_line, setting,
                       "bases and includes nest more than %d deep", MAX_DEPTH);
    bs_strlcpy(st->real[st->n++], real, PATH_MAX);
    return 0;
}

/* A base or included file that read_text() refused is reported at the line
 * naming it: "FROM:LINE: base: PATH is a directory, ...", or "FROM:LINE:
 * base: cannot open PATH: reason" as when it is missing. An error with a
 * line of its own (invalid UTF-8) already points into that file. Returns -1. */
static int refer(bs_error *err, const char *path, const char *from_file, int from_line, const char *setting)
{
    if (err->line > 0)
        return -1;
    if (!err->file[0]) { /* about the name itself, which the message shows */
        char why[sizeof err->message];
        memcpy(why, err->message, sizeof why);
        return bs_fail_status(err, err->status, from_file, from_line, setting, "%s", why);
    }
    char msg[PATH_MAX + sizeof err->message + 2];
    const char *verb = strncmp(err->message, "cannot open: ", 13) == 0   ? "cannot open"
                       : strncmp(err->message, "cannot read: ", 13) == 0 ? "cannot read"
                                                                         : NULL;
    if (verb) /* as when it cannot be found: "cannot open PATH: reason" */
        snprintf(msg, sizeof msg, "%s %s: %s", verb, path, err->message + 13);
    else
        snprintf(msg, sizeof msg, "%s%s%s", path, strncmp(err->message, "is ", 3) == 0 ? " " : ": ",
                 err->message);
    return bs_fail_status(err, err->status, from_file, from_line, setting, "%s", msg);
}

/* ------------------------------------------------------------------ */
/* @include, spliced in                                                */
/* ------------------------------------------------------------------ */

/* A file's text with each `@include "file"` line replaced by the text of the
 * file it names, as libconfig would, and for each line of the result the file
 * and line it came from. libconfig then reads one text that has been checked
 * as a whole, and every message still names the right file and line. */
typedef struct {
    char *text;        /* NUL-terminated, owned */
    size_t len, cap;
    const char **file; /* per line: its file, interned in names */
    int *line;         /* per line: its line in that file */
    int nlines, lcap;
    entry_set names;   /* owns the file names */
} spliced;

static void spliced_free(spliced *sp)
{
    free(sp->text);
    free(sp->file);
    free(sp->line);
    set_free(&sp->names);
    memset(sp, 0, sizeof *sp);
}

/* The file and line that line (1-based, of the spliced text) came from;
 * sp NULL stands for a --set value, which has no line. */
static void spliced_where(const spliced *sp, int line, const char **file, int *fline)
{
    if (!sp || sp->nlines == 0) {
        *file = sp ? "" : "--set";
        *fline = 0;
        return;
    }
    if (line > sp->nlines)
        line = sp->nlines;
    if (line < 1)
        line = 1;
    *file = sp->file[line - 1];
    *fline = sp->line[line - 1];
}

/* Append n bytes of file's text to sp, the first of them on the file's line
 * `line`. */
static int spliced_add(spliced *sp, const char *s, size_t n, const char *file, int line, bs_error *err)
{
    if (n == 0)
        return 0;
    if (sp->len + n > MAX_FILE_BYTES)
        return bs_fail(err, file, line, "", "the scenario with its includes is too large (the limit is %d bytes)",
                       MAX_FILE_BYTES);
    if (sp->len + n + 1 > sp->cap) {
        size_t cap = sp->cap ? sp->cap : 4096;
        while (cap < sp->len + n + 1)
            cap *= 2;
        char *t = realloc(sp->text, cap);
        if (!t)
            return bs_fail_status(err, BS_EXIT_ENV, file, 0, "", "out of memory");
        sp->text = t;
        sp->cap = cap;
    }
    const char *f = intern(&sp->names, file);
    if (!f)
        return bs_fail_status(err, BS_EXIT_ENV, file, 0, "", "out of memory");
    for (size_t i = 0; i < n; i++) {
        if (sp->len == 0 || sp->text[sp->len - 1] == '\n') {
            if (sp->nlines == sp->lcap) {
                int cap = sp->lcap ? sp->lcap * 2 : 256;
                const char **nf = realloc(sp->file, (size_t)cap * sizeof *nf);
                if (nf)
                    sp->file = nf;
                int *nl = nf ? realloc(sp->line, (size_t)cap * sizeof *nl) : NULL;
                if (!nl)
                    return bs_fail_status(err, BS_EXIT_ENV, file, 0, "", "out of memory");
                sp->line = nl;
                sp->lcap = cap;
            }
            sp->file[sp->nlines] = f;
            sp->line[sp->nlines++] = line;
        }
        sp->text[sp->len++] = s[i];
        if (s[i] == '\n')
            line++;
    }
    sp->text[sp->len] = '\0';
    return 0;
}

/* Copy text (of the file path) into sp, replacing each `@include "file"` line
 * by that file's text, checked as a scenario file in its own right and found
 * relative to include_dir, as libconfig resolves it. */
static int splice(const char *path, const char *text, const char *include_dir, file_stack *st, spliced *sp,
                  bs_error *err)
{
    const char *p = text, *copied = text, *line_start = text;
    int line = 1, copied_line = 1, at_line_start = 1;
    while (*p) {
        char c = *p;
        if (c == '\n') {
            line++;
            p++;
            line_start = p;
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
            at_line_start = 0;
            continue;
        }
        if (c == '@' && at_line_start) {
            const char *q = p + 8, *end = NULL;
            if (strncmp(p, "@include", 8) == 0) {
                while (*q == ' ' || *q == '\t')
                    q++;
                const char *nl = strchr(q, '\n');
                if (*q == '"' && (end = strchr(q + 1, '"')) && nl && end > nl)
                    end = NULL;
            }
            if (!end)
                return bs_fail(err, path, line, "@include", "expected @include \"file name\"");
            const char *rest = end + 1;
            while (*rest == ' ' || *rest == '\t' || *rest == '\r')
                rest++;
            if (*rest && *rest != '\n' && *rest != '#' && !(rest[0] == '/' && rest[1] == '/'))
                return bs_fail(err, path, line, "@include", "nothing but a comment may follow the file name");
            char name[PATH_MAX], full[PATH_MAX];
            size_t n = (size_t)(end - q - 1);
            if (n >= sizeof name)
                return bs_fail(err, path, line, "@include", "file name is too long");
            memcpy(name, q + 1, n);
            name[n] = '\0';
            if (++st->includes > MAX_INCLUDES)
                return bs_fail(err, path, line, "@include", "more than %d files included", MAX_INCLUDES);
            if (spliced_add(sp, copied, (size_t)(line_start - copied), path, copied_line, err) != 0)
                return -1;
            join_path(include_dir, name, full, sizeof full);
            char *inc = NULL;
            if (stack_push(st, full, path, line, "@include", err) != 0)
                return -1;
            if (read_text(full, &inc, err) != 0)
                return refer(err, full, path, line, "@include");
            if (sp->len + strlen(inc) > MAX_FILE_BYTES) {
                free(inc);
                return bs_fail(err, path, line, "@include", "the scenario with its includes is too large "
                               "(the limit is %d bytes)", MAX_FILE_BYTES);
            }
            int rc = splice(full, inc, include_dir, st, sp, err);
            free(inc);
            st->n--;
            if (rc != 0)
                return -1;
            if (sp->len > 0 && sp->text[sp->len - 1] != '\n' && spliced_add(sp, "\n", 1, full, 0, err) != 0)
                return -1;
            while (*p && *p != '\n')
                p++;
            if (*p)
                p++;
            line++;
            copied = line_start = p;
            copied_line = line;
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
        p++;
    }
    return spliced_add(sp, copied, (size_t)(p - copied), path, copied_line, err);
}

/* ------------------------------------------------------------------ */
/* Checking the text before libconfig reads it                         */
/* ------------------------------------------------------------------ */

/* Line `line` of text, trimmed and without a trailing comment, shortened to
 * fit size, into buf. */
static void line_text(const char *text, int line, char *buf, size_t size)
{
    const char *p = text;
    for (int l = 1; l < line && *p; l++) {
        p = strchr(p, '\n');
        p = p ? p + 1 : text + strlen(text);
    }
    char t[200];
    size_t n = 0;
    int quoted = 0;
    for (; *p && *p != '\n' && *p != '\r' && n < sizeof t - 1; p++) {
        if (*p == '"' && (n == 0 || p[-1] != '\\'))
            quoted = !quoted;
        if (!quoted && (*p == '#' || (p[0] == '/' && p[1] == '/')))
            break;
        if (!quoted && p[0] == '/' && p[1] == '*') {
            const char *end = strstr(p + 2, "*/"), *nl = strchr(p, '\n');
            if (!end || (nl && end > nl))
                break;
            p = end + 1; /* a comment within the line: skip it */
            if (n == 0 || t[n - 1] != ' ')
                t[n++] = ' ';
            continue;
        }
        char c = *p == '\t' ? ' ' : *p;
        if (!quoted && c == ' ' && n > 0 && t[n - 1] == ' ')
            continue; /* blanks as one */
        t[n++] = c;
    }
    size_t from = 0;
    while (from < n && t[from] == ' ')
        from++;
    while (n > from && t[n - 1] == ' ')
        n--;
    n -= from;
    if (n + 1 > size) {
        n = size > 4 ? size - 4 : 0;
        while (n > 0 && ((unsigned char)t[from + n] & 0xc0) == 0x80)
            n--; /* not in the middle of a UTF-8 sequence */
        snprintf(buf, size, "%.*s...", (int)n, t + from);
    } else {
        snprintf(buf, size, "%.*s", (int)n, t + from);
    }
}

#define MAX_NEST 64 /* groups and lists inside each other */
#define MAX_CANDS 8 /* settings named on one line, for a duplicate */
#define MAX_IN_GROUP 1000 /* settings in one group (measures has at most 128) */
#define MAX_IN_LIST 1000  /* entries in one list (a per-year list has at most 50) */
#define MAX_LIST_ENTRIES 100000 /* entries in all the lists of a text */
#define MAX_PIECES 1000   /* "texts" "joined" "like this" */

/* What scan() learns about a text. */
typedef struct {
    int at_line;                          /* in: a line to describe, 0 for none */
    char setting[MAX_PATH_LEN + 1];       /* the last setting named on at_line, else the group around it */
    int ncand;                            /* every setting named on at_line, in order */
    char cand[MAX_CANDS][MAX_PATH_LEN + 1];
    int cand_tok[MAX_CANDS];              /* its number among the settings named */
    int cand_before[MAX_CANDS];           /* in a second pass: it was named before, too */
    int last_line;                        /* the line of the last token */
    int ends_in_setting;                  /* the last token is the '=' of setting */
    int open_line;                        /* the innermost group or list never closed, 0 for none */
    char open_char;                       /* its opening bracket */
    char open_setting[MAX_PATH_LEN + 1];  /* its setting */
    char setting_at_end[MAX_PATH_LEN + 1]; /* the last setting named */
} scan_info;

/* prefix.name into buf (prefix alone when name is empty), cut to fit size.
 * buf may be prefix. */
static void path_join(char *buf, size_t size, const char *prefix, const char *name)
{
    if (buf != prefix)
        bs_strlcpy(buf, prefix, size);
    size_t n = strlen(buf);
    if (!name[0] || n + 2 >= size)
        return;
    if (n > 0)
        buf[n++] = '.';
    bs_strlcpy(buf + n, name, size - n);
}

/* Walk text (spliced, with sp giving the origin of its lines; sp NULL for a
 * --set value) as libconfig will, keeping the dotted path of the setting
 * being written. Refuses what libconfig would get silently wrong or explain
 * badly: integer literals it would wrap (above the 32-bit range without an L
 * suffix), a comment never closed (it hides the rest of the file), a dotted
 * name, nesting deeper than MAX_NEST, more than MAX_ENTRIES settings,
 * MAX_IN_GROUP in one group, MAX_IN_LIST entries in one list or
 * MAX_LIST_ENTRIES in all, more than MAX_PIECES strings joined. With rewrite set, turns [ ] arrays into
 * ( ) lists in place: libconfig refuses an array that mixes 2 and 2.5, a list
 * takes both. Fills info; a second pass with info->ncand set from the first
 * fills cand_before. Returns 0, -1 on an error, or -2 on a syntax error found
 * before libconfig (which could not read a --set value as a value either). */
static int scan(char *text, int rewrite, const spliced *sp, scan_info *info, bs_error *err)
{
    char path[MAX_PATH_LEN + 1] = "", name[MAX_PATH_LEN + 1] = "", full[MAX_PATH_LEN + 1];
    char assigned[MAX_PATH_LEN + 1] = ""; /* the name before the last '=' */
    size_t mark[MAX_NEST];
    char open[MAX_NEST];
    int open_line[MAX_NEST];
    int in_group[MAX_NEST + 1] = {0}; /* settings named, or list entries, at each depth */
    int list_entries = 0, pieces = 0;
    int depth = 0, line = 1, name_line = 0, after_name = 0, named = 0, described = 0, dotted = 0, tok = 0;
    int second = info->ncand > 0;
    const char *file;
    int fline;
    char *p = text;
    char prev = ';'; /* the kind of the token before: 'n' name, '=', 's' string, 'v' number, or itself */
    info->setting[0] = info->open_setting[0] = '\0';
    info->last_line = info->open_line = info->ends_in_setting = 0;
    while (*p) {
        char c = *p;
        if (c == '\n') {
            line++;
            p++;
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
            int start = line;
            p += 2;
            while (*p && !(p[0] == '*' && p[1] == '/')) {
                if (*p == '\n')
                    line++;
                p++;
            }
            if (!*p) {
                spliced_where(sp, start, &file, &fline);
                bs_fail(err, file, fline, path, "the comment is never closed: a '*/' is missing");
                return -2;
            }
            p += 2;
            continue;
        }
        /* a token starts here */
        info->last_line = line;
        info->ends_in_setting = 0;
        if (info->at_line && !described && line >= info->at_line) {
            bs_strlcpy(info->setting, path, sizeof info->setting);
            described = 1;
        }
        if (isalpha((unsigned char)c) || c == '*') {
            size_t n = 0;
            dotted = 0;
            while (isalnum((unsigned char)*p) || *p == '_' || *p == '-' || *p == '*' ||
                   (*p == '.' && isalpha((unsigned char)p[1]))) {
                dotted |= *p == '.';
                if (n + 1 < sizeof name)
                    name[n++] = *p;
                p++;
            }
            name[n] = '\0';
            name_line = line;
            after_name = 1;
            prev = 'n';
            if (info->at_line && line == info->at_line && !second && info->ncand < MAX_CANDS) {
                /* libconfig finds a duplicate at its name, before any '=' */
                path_join(info->cand[info->ncand], sizeof info->cand[0], path, name);
                info->cand_tok[info->ncand] = tok + 1;
                info->cand_before[info->ncand++] = 0;
            }
            continue;
        }
        if ((c == '=' || c == ':') && after_name) {
            after_name = 0;
            named = 1;
            path_join(full, sizeof full, path, name);
            if (dotted) {
                /* horizon.years = 5; is how --set writes it, not a file */
                char how[MAX_PATH_LEN + 200] = "";
                size_t o = 0;
                int levels = 0;
                for (const char *q = name; *q && o < sizeof how - 20; levels++) {
                    const char *dot = strchr(q, '.');
                    size_t n = dot ? (size_t)(dot - q) : strlen(q);
                    o += (size_t)snprintf(how + o, sizeof how - o, "%.*s = %s", (int)n, q, dot ? "{ " : "...;");
                    q += n + (dot ? 1 : 0);
                }
                while (--levels > 0 && o < sizeof how - 5)
                    o += (size_t)snprintf(how + o, sizeof how - o, " };");
                spliced_where(sp, line, &file, &fline);
                return bs_fail(err, file, fline, full, "a name in a file cannot hold '.': write %s", how);
            }
            if (++tok > MAX_ENTRIES || ++in_group[depth] > MAX_IN_GROUP) {
                /* refused before libconfig, which takes time in the square of their number */
                spliced_where(sp, line, &file, &fline);
                if (tok > MAX_ENTRIES)
                    return bs_fail(err, file, fline, "", "too many settings (the limit is %d)", MAX_ENTRIES);
                return bs_fail(err, file, fline, path, "too many settings in one group (the limit is %d)",
                               MAX_IN_GROUP);
            }
            bs_strlcpy(assigned, name, sizeof assigned);
            if (info->at_line && name_line == info->at_line)
                bs_strlcpy(info->setting, full, sizeof info->setting);
            for (int k = 0; second && k < info->ncand; k++)
                if (tok < info->cand_tok[k] && strcmp(full, info->cand[k]) == 0)
                    info->cand_before[k] = 1;
            bs_strlcpy(info->setting_at_end, full, sizeof info->setting_at_end);
            info->ends_in_setting = 1;
            prev = '=';
            p++;
            continue;
        }
        after_name = 0;
        if (c == '"') {
            /* libconfig leaks the text of a string it cannot place: refuse it here */
            int in_list = depth > 0 && (open[depth - 1] == '[' || open[depth - 1] == '(');
            path_join(full, sizeof full, path, named ? assigned : "");
            spliced_where(sp, line, &file, &fline);
            if (prev == 'n') {
                path_join(full, sizeof full, path, name);
                bs_fail(err, file, fline, full, "expected '=' between the name and the text in double quotes");
                return -2;
            }
            if (strchr(";{},", prev) && !in_list) {
                bs_fail(err, file, fline, full, "text in double quotes where a setting name is expected");
                return -2;
            }
            if (!(prev == '=' || prev == 's' || prev == '[' || prev == '(' || (prev == ',' && in_list))) {
                char near[64];
                line_text(text, line, near, sizeof near);
                bs_fail(err, file, fline, full, "syntax error near \"%s\"", near);
                return -2;
            }
            pieces = prev == 's' ? pieces + 1 : 1;
            if (pieces > MAX_PIECES) /* libconfig joins them in time that grows with their square */
                return bs_fail(err, file, fline, full, "more than %d texts in double quotes joined", MAX_PIECES);
            p++;
            while (*p && *p != '"') {
                if (*p == '\\' && p[1])
                    p++;
                if (*p == '\n')
                    line++;
                p++;
            }
            if (!*p) {
                bs_fail(err, file, fline, full, "the text in double quotes is never closed: a '\"' is missing");
                return -2;
            }
            p++;
            prev = 's';
            continue;
        }
        if (c == '{' || c == '[' || c == '(') {
            if (depth >= MAX_NEST) {
                spliced_where(sp, line, &file, &fline);
                return bs_fail(err, file, fline, path, "groups and lists nest more than %d deep", MAX_NEST);
            }
            mark[depth] = strlen(path);
            open[depth] = c;
            open_line[depth++] = line;
            in_group[depth] = 0;
            if (named)
                path_join(path, sizeof path, path, assigned);
            named = 0;
            if (rewrite && c == '[')
                *p = '(';
            prev = c;
            p++;
            continue;
        }
        if (c == '}' || c == ']' || c == ')') {
            char want = depth > 0 ? (open[depth - 1] == '{' ? '}' : open[depth - 1] == '[' ? ']' : ')') : c;
            if (c != want) {
                /* libconfig would report the file's end, far away: say which bracket is missing, here */
                const char *ofile;
                int oline;
                spliced_where(sp, open_line[depth - 1], &ofile, &oline);
                spliced_where(sp, line, &file, &fline);
                if (strcmp(ofile, file) == 0)
                    return bs_fail(err, file, fline, path, "a '%c' is missing: the '%c' of line %d is closed by a '%c'",
                                   want, open[depth - 1], oline, c);
                return bs_fail(err, file, fline, path, "a '%c' is missing: the '%c' of %s:%d is closed by a '%c'", want,
                               open[depth - 1], ofile, oline, c);
            }
            /* a list's last entry has no ',' after it: count it at the end */
            if (c != '}' && prev != '[' && prev != '(' && ++list_entries > MAX_LIST_ENTRIES) {
                spliced_where(sp, line, &file, &fline);
                return bs_fail(err, file, fline, "", "too many list entries (the limit is %d)", MAX_LIST_ENTRIES);
            }
            if (depth > 0)
                path[mark[--depth]] = '\0';
            if (rewrite && c == ']')
                *p = ')';
            named = 0;
            prev = c;
            p++;
            continue;
        }
        if (c == ';' || c == ',') {
            named = 0;
            prev = c;
            p++;
            if (c == ',' && depth > 0 && (open[depth - 1] == '[' || open[depth - 1] == '(') &&
                (++in_group[depth] >= MAX_IN_LIST || ++list_entries > MAX_LIST_ENTRIES)) {
                /* libconfig grows a list in steps of 16 entries: refuse a huge one first */
                spliced_where(sp, line, &file, &fline);
                if (in_group[depth] >= MAX_IN_LIST)
                    return bs_fail(err, file, fline, path, "the list has more than %d entries", MAX_IN_LIST);
                return bs_fail(err, file, fline, "", "too many list entries (the limit is %d)", MAX_LIST_ENTRIES);
            }
            continue;
        }
        if (isdigit((unsigned char)c)) {
            char tokn[128];
            size_t n = 0;
            int hex = (c == '0' && (p[1] == 'x' || p[1] == 'X'));
            while (isalnum((unsigned char)*p) || *p == '.' ||
                   ((*p == '+' || *p == '-') && !hex && n > 0 && (tokn[n - 1] == 'e' || tokn[n - 1] == 'E'))) {
                if (n + 1 < sizeof tokn)
                    tokn[n++] = *p;
                p++;
            }
            tokn[n] = '\0';
            int is_float = !hex && (strchr(tokn, '.') || strchr(tokn, 'e') || strchr(tokn, 'E'));
            prev = 'v';
            if (is_float) {
                /* 1e-400 reads as 0: say so rather than "must be above 0, not 0" */
                size_t mant = strcspn(tokn, "eE");
                int nonzero = strcspn(tokn, "123456789") < mant;
                if (nonzero && n + 1 < sizeof tokn && strtod(tokn, NULL) == 0.0) {
                    path_join(full, sizeof full, path, named ? assigned : "");
                    spliced_where(sp, line, &file, &fline);
                    return bs_fail(err, file, fline, full,
                                   "the number %s is too small to hold: it would read as 0 (write 0 if 0 is meant)",
                                   tokn);
                }
                continue;
            }
            int has_l = n > 0 && (tokn[n - 1] == 'L' || tokn[n - 1] == 'l');
            errno = 0;
            unsigned long long v = strtoull(tokn, NULL, hex ? 16 : 10);
            int range = errno == ERANGE;
            if (!range && !(has_l ? v > (unsigned long long)INT64_MAX : v > (unsigned long long)INT32_MAX))
                continue;
            char digits[128];
            path_join(full, sizeof full, path, named ? assigned : "");
            if (hex && !range)
                snprintf(digits, sizeof digits, "%llu", v);
            else
                snprintf(digits, sizeof digits, "%.*s", (int)(n - (size_t)has_l), tokn);
            spliced_where(sp, line, &file, &fline);
            return bs_fail(err, file, fline, full,
                           "the whole number %s is too large to read exactly; write it as a decimal (%s.0)", tokn,
                           digits);
        }
        prev = '?';
        p++;
    }
    if (depth > 0) {
        info->open_line = open_line[depth - 1];
        info->open_char = open[depth - 1];
        bs_strlcpy(info->open_setting, path, sizeof info->open_setting);
    }
    return 0;
}

/* Turn libconfig's error `what` at line (of the spliced text sp) into a
 * message naming the file, the line and the setting, and saying plainly what
 * is wrong. Returns -1. */
static int parse_error(const spliced *sp, int line, const char *what, bs_error *err)
{
    scan_info info;
    bs_error ignored;
    const char *file;
    int fline;
    memset(&info, 0, sizeof info);
    info.at_line = line;
    scan(sp->text, 0, sp, &info, &ignored); /* cannot fail: the text was scanned before */
    if (info.ends_in_setting && line >= info.last_line) {
        spliced_where(sp, info.last_line, &file, &fline);
        return bs_fail(err, file, fline, info.setting_at_end, "the file ends before its value");
    }
    if (info.open_line && line >= info.last_line) {
        /* the text ended inside a group or list */
        spliced_where(sp, info.open_line, &file, &fline);
        return bs_fail(err, file, fline, info.open_setting, "the %s is never closed: a '%c' is missing",
                       info.open_char == '{' ? "group" : "list",
                       info.open_char == '{' ? '}' : info.open_char == '[' ? ']' : ')');
    }
    if (info.last_line > 0 && line > info.last_line) {
        /* the error is at the end of the text: point at its last line */
        line = info.last_line;
        memset(&info, 0, sizeof info);
        info.at_line = line;
        scan(sp->text, 0, sp, &info, &ignored);
    }
    spliced_where(sp, line, &file, &fline);
    if (strcmp(what, "duplicate setting name") == 0) {
        /* the first setting on that line that was named before */
        const char *twice = info.setting;
        if (info.ncand > 0) {
            scan(sp->text, 0, sp, &info, &ignored);
            for (int k = info.ncand - 1; k >= 0; k--)
                if (info.cand_before[k])
                    twice = info.cand[k];
        }
        return bs_fail(err, file, fline, twice, "is set twice");
    }
    if (strcmp(what, "syntax error") == 0) {
        char near[64];
        line_text(sp->text, line, near, sizeof near);
        if (near[0])
            return bs_fail(err, file, fline, info.setting, "syntax error near \"%s\"", near);
    }
    return bs_fail(err, file, fline, info.setting, "%s", what);
}

/* ------------------------------------------------------------------ */
/* Flattening a libconfig tree                                         */
/* ------------------------------------------------------------------ */

/* What a list entry that is not a number is, for messages. */
static const char *element_kind(int type)
{
    switch (type) {
    case CONFIG_TYPE_STRING: return "text";
    case CONFIG_TYPE_BOOL: return "true/false";
    case CONFIG_TYPE_GROUP: return "a group";
    default: return "a list";
    }
}

/* Add the settings under s to out as entries named prefix.NAME, with the file
 * and line each came from (sp maps the lines; NULL for a --set value). */
static int flatten(config_setting_t *s, const char *prefix, const spliced *sp, entry_set *out, bs_error *err)
{
    int n = config_setting_length(s);
    for (int i = 0; i < n; i++) {
        config_setting_t *c = config_setting_get_elem(s, (unsigned)i);
        const char *name = config_setting_name(c);
        const char *where;
        int line;
        spliced_where(sp, (int)config_setting_source_line(c), &where, &line);
        const char *file = intern(out, where);
        if (!file)
            return bs_fail_status(err, BS_EXIT_ENV, where, 0, "", "out of memory");
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
            int nstr = 0;
            size_t joined = 0;
            for (int k = 0; k < m; k++) {
                config_setting_t *el = config_setting_get_elem(c, (unsigned)k);
                int t = config_setting_type(el);
                if (t == CONFIG_TYPE_STRING) {
                    nstr++;
                    joined += strlen(config_setting_get_string(el)) + 1;
                }
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
                } else if (e.kind != V_MIXED) {
                    e.kind = V_MIXED;
                    e.bad_entry = k + 1;
                    e.bad_kind = element_kind(t);
                }
            }
            e.nlist = m;
            if (m > 0 && nstr == m) {
                /* A list of texts (amendment changes, group ids). */
                e.kind = V_STRLIST;
                if (!(e.str = malloc(joined + 1))) {
                    free(e.list);
                    return bs_fail_status(err, BS_EXIT_ENV, file, line, path, "out of memory");
                }
                size_t o = 0;
                for (int k = 0; k < m; k++) {
                    const char *t = config_setting_get_string(config_setting_get_elem(c, (unsigned)k));
                    for (const char *q = t; *q; q++)
                        if ((unsigned char)*q < 0x20) {
                            free(e.list);
                            free(e.str);
                            return bs_fail(err, file, line, path, "entry %d holds a control character", k + 1);
                        }
                    size_t tl = strlen(t);
                    memcpy(e.str + o, t, tl);
                    o += tl;
                    e.str[o++] = k + 1 < m ? '\n' : '\0';
                }
                e.str[o] = '\0';
            }
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
        if (config_setting_type(c) == CONFIG_TYPE_GROUP && flatten(c, path, sp, out, err) != 0)
            return -1;
    }
    return 0;
}

/* Read one file (and, first, its base) into out: its text checked, its
 * includes spliced in, parsed by libconfig and flattened. */
static int load_file(const char *path, file_stack *st, const char *from_file, int from_line,
                     entry_set *out, bs_error *err)
{
    char *text = NULL;
    char dir[PATH_MAX];
    if (stack_push(st, path, from_file, from_line, from_file ? "base" : "", err) != 0)
        return -1;
    if (read_text(path, &text, err) != 0)
        return from_file ? refer(err, path, from_file, from_line, "base") : -1;
    dir_of(path, dir, sizeof dir);
    spliced sp = {0};
    int rc = splice(path, text, dir, st, &sp, err);
    free(text);
    char *parsed = NULL;
    scan_info info = {0};
    if (rc == 0 && !(parsed = strdup(sp.text ? sp.text : "")))
        rc = bs_fail_status(err, BS_EXIT_ENV, path, 0, "", "out of memory");
    if (rc == 0)
        rc = scan(parsed, 1, &sp, &info, err);
    config_t cf;
    config_init(&cf);
    if (rc == 0 && !config_read_string(&cf, parsed))
        rc = parse_error(&sp, config_error_line(&cf), config_error_text(&cf), err);
    free(parsed);
    entry_set mine = {0};
    if (rc == 0)
        rc = flatten(config_root_setting(&cf), "", &sp, &mine, err);
    config_destroy(&cf);
    spliced_free(&sp);
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
    if (plen == 0)
        return bs_fail(err, "--set", 0, text, "expected path=value with a setting path before '='");
    if (plen > MAX_PATH_LEN)
        return bs_fail(err, "--set", 0, "", "setting path %.60s... is too long (the limit is %d characters)", text,
                       MAX_PATH_LEN);
    memcpy(path, text, plen);
    path[plen] = '\0';
    if (!valid_path(path))
        return bs_fail(err, "--set", 0, path, "is not a setting path (names joined by dots)");
    const char *value = eq + 1;
    if (strlen(value) > MAX_SET_VALUE)
        return bs_fail(err, "--set", 0, path, "value is too long (%zu bytes; the limit is %d)", strlen(value),
                       MAX_SET_VALUE);
    if (strchr(value, '\n') || strchr(value, '\r'))
        return bs_fail(err, "--set", 0, path, "value must be on one line");
    if (utf8_bad_line((const unsigned char *)value, strlen(value)))
        return bs_fail(err, "--set", 0, path, "value is not valid UTF-8 text");
    if (strstr(value, "@include"))
        return bs_fail(err, "--set", 0, path, "a value cannot include a file (@include)");
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
        scan_info info = {0};
        config_t cf;
        config_init(&cf);
        int scanned = scan(src, 1, NULL, &info, &scan_err);
        if (scanned == -1) {
            free(src);
            entry_clear(&e);
            *err = scan_err;
            bs_strlcpy(err->setting, path, sizeof err->setting);
            err->line = 0;
            config_destroy(&cf);
            return -1;
        }
        if (scanned == 0 && config_read_string(&cf, src)) {
            entry_set tmp = {0};
            if (flatten(config_root_setting(&cf), "", NULL, &tmp, err) != 0) {
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
                e.bad_entry = v->bad_entry;
                e.bad_kind = v->bad_kind;
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
    const char *prefixes[] = {"services.", "funding.", "measures.", "reserves.earmarked.", "council.groups.",
                              "council.members.", "council.red_lines.", "amendments.", "uncertainty."};
    const bs_container kinds[] = {BS_IN_SERVICE, BS_IN_FUNDING, BS_IN_MEASURE, BS_IN_EARMARKED, BS_IN_GROUP,
                                  BS_IN_MEMBER, BS_IN_RED_LINE, BS_IN_AMENDMENT, BS_IN_UNCERTAINTY};
    const int depths[] = {1, 1, 1, 2, 2, 2, 2, 1, 1};
    for (int k = 0; k < 9; k++) {
        size_t n = strlen(prefixes[k]);
        if (strncmp(path, prefixes[k], n) == 0 && path[n]) {
            const char *s = path + n;
            const char *dot = strchr(s, '.');
            size_t len = dot ? (size_t)(dot - s) : strlen(s);
            if (len >= idsize)
                len = idsize - 1;
            memcpy(id, s, len);
            id[len] = '\0';
            *id_depth = depths[k];
            return kinds[k];
        }
    }
    id[0] = '\0';
    *id_depth = 0;
    return BS_IN_TOP;
}

#define NCONTAINERS 10               /* kinds of bs_container */
#define MAX_INSTANCES (BS_MAX_MEMBERS + 1) /* the most instances of one container, plus one */

/* Working state while building. */
typedef struct {
    bs_scenario *sc;
    const entry *group[NCONTAINERS][MAX_INSTANCES]; /* the group entry of each instance */
    const entry **src;                              /* [container][instance][def] */
    const char *top_file;
} builder;

static const entry **src_slot(builder *b, bs_container c, int inst, size_t def)
{
    return &b->src[((size_t)c * MAX_INSTANCES + (size_t)inst) * bs_nsettings + def];
}

/* The count of instances of container c, and the id of instance i. */
static int *count_of(bs_scenario *sc, bs_container c)
{
    switch (c) {
    case BS_IN_SERVICE: return &sc->nservices;
    case BS_IN_FUNDING: return &sc->nfunding;
    case BS_IN_MEASURE: return &sc->nmeasures;
    case BS_IN_EARMARKED: return &sc->nreserves;
    case BS_IN_GROUP: return &sc->chamber.ngroups;
    case BS_IN_MEMBER: return &sc->chamber.nmembers;
    case BS_IN_RED_LINE: return &sc->chamber.nred_lines;
    case BS_IN_AMENDMENT: return &sc->chamber.namendments;
    case BS_IN_UNCERTAINTY: return &sc->nuncertain;
    default: return NULL;
    }
}

static char *id_of(bs_scenario *sc, bs_container c, int i)
{
    switch (c) {
    case BS_IN_SERVICE: return sc->services[i].id;
    case BS_IN_FUNDING: return sc->funding[i].id;
    case BS_IN_MEASURE: return sc->measures[i].id;
    case BS_IN_EARMARKED: return sc->reserves[i].id;
    case BS_IN_GROUP: return sc->chamber.groups[i].id;
    case BS_IN_MEMBER: return sc->chamber.members[i].id;
    case BS_IN_RED_LINE: return sc->chamber.red_lines[i].id;
    case BS_IN_AMENDMENT: return sc->chamber.amendments[i].id;
    case BS_IN_UNCERTAINTY: return sc->uncertain[i].id;
    default: return NULL;
    }
}

static int max_instances(bs_container c)
{
    switch (c) {
    case BS_IN_SERVICE: return BS_MAX_SERVICES;
    case BS_IN_FUNDING: return BS_MAX_FUNDING;
    case BS_IN_MEASURE: return BS_MAX_MEASURES;
    case BS_IN_EARMARKED: return BS_MAX_EARMARKED;
    case BS_IN_GROUP: return BS_MAX_GROUPS;
    case BS_IN_MEMBER: return BS_MAX_MEMBERS;
    case BS_IN_RED_LINE: return BS_MAX_RED_LINES;
    case BS_IN_AMENDMENT: return BS_MAX_AMENDMENTS;
    case BS_IN_UNCERTAINTY: return BS_MAX_UNCERTAIN;
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
    case BS_IN_GROUP: return "groups";
    case BS_IN_MEMBER: return "named members";
    case BS_IN_RED_LINE: return "red lines";
    case BS_IN_AMENDMENT: return "amendments";
    case BS_IN_UNCERTAINTY: return "uncertainties";
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
    int *count = count_of(sc, c);
    if (!count)
        return 0;
    int first = c == BS_IN_EARMARKED ? 1 : 0;
    for (int i = first; i < *count; i++)
        if (strcmp(id_of(sc, c, i), id) == 0)
            return i;
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
    bs_strlcpy(id_of(sc, c, i), id, BS_ID_MAX);
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
    case V_STRLIST: return "a list of texts";
    case V_GROUP: return "a group";
    }
    return "a value";
}

/* v as people write it: whole numbers in full (1000000, not 1e+06), others
 * with the digits that tell them apart (100.0000001, not 100). */
static const char *num_text(double v, char *buf, size_t size)
{
    if (v == floor(v) && fabs(v) < 1e15) {
        snprintf(buf, size, "%.0f", v);
        return buf;
    }
    /* the shortest form that reads back as v: 100000000.0000001 must not
     * be shown as 1e+08, which would look inside the range */
    for (int digits = 6; digits <= 17; digits++) {
        snprintf(buf, size, "%.*g", digits, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    return buf;
}

/* Check v against def's range; fill a message into err on failure. */
static int check_range(const bs_setting_def *d, const entry *e, double v, int index, bs_error *err)
{
    int low = (d->flags & BS_F_MIN_OPEN) ? !(v > d->min) : !(v >= d->min);
    int high = (d->flags & BS_F_MAX_OPEN) ? !(v < d->max) : !(v <= d->max);
    if (!low && !high)
        return 0;
    char which[32] = "", lo[40], hi[40], val[40];
    if (index > 0)
        snprintf(which, sizeof which, "entry %d ", index);
    const char *unit = strcmp(d->unit, "%") == 0 ? "%" : "";
    num_text(d->min, lo, sizeof lo);
    num_text(d->max, hi, sizeof hi);
    num_text(v, val, sizeof val);
    if (d->flags & BS_F_MIN_OPEN)
        return bs_fail(err, e->file, e->line, e->path, "%smust be above %s%s and at most %s%s, not %s", which,
                       lo, unit, hi, unit, val);
    return bs_fail(err, e->file, e->line, e->path, "%smust be between %s%s and %s%s, not %s", which, lo,
                   unit, hi, unit, val);
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
                if (n == len && strncmp(p, e->str, n) == 0 && strcmp(e->str, "-") != 0) {
                    found = 1;
                    break;
                }
                idx++;
                p += n + (bar ? 1 : 0);
            }
            if (!found) {
                /* the words as a sentence: "a", "b" or "c" ("-" marks a value not to be written) */
                const char *word[16];
                int len_of[16], nw = 0;
                for (p = d->choices; *p && nw < 16;) {
                    const char *bar = strchr(p, '|');
                    int n = bar ? (int)(bar - p) : (int)strlen(p);
                    if (!(n == 1 && *p == '-')) {
                        word[nw] = p;
                        len_of[nw++] = n;
                    }
                    p += n + (bar ? 1 : 0);
                }
                char words[200] = "";
                size_t o = 0;
                for (int w = 0; w < nw && o < sizeof words - 1; w++)
                    o += (size_t)snprintf(words + o, sizeof words - o, "%s\"%.*s\"",
                                          w == 0 ? "" : w == nw - 1 ? " or " : ", ", len_of[w], word[w]);
                return bs_fail(err, e->file, e->line, e->path, "must be %s, not \"%.40s\"", words, e->str);
            }
            *(bs_measure_type *)addr = (bs_measure_type)idx;
            return 0;
        }
        if (len >= d->size)
            return bs_fail(err, e->file, e->line, e->path, "is too long (%zu bytes; the limit is %zu)", len,
                           d->size - 1);
        size_t blank = 0;
        while (blank < len && ((unsigned char)e->str[blank] <= ' ' || e->str[blank] == 0x7f))
            blank++;
        if (blank == len && (d->flags & BS_F_REQUIRED))
            return bs_fail(err, e->file, e->line, e->path, "is empty");
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
        if (e->kind == V_MIXED)
            return bs_fail(err, e->file, e->line, e->path, "entry %d of the list is %s, not a number",
                           e->bad_entry, e->bad_kind);
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
    case BS_T_STRLIST: {
        char *dst = addr;
        const char *text = e->kind == V_STRLIST || e->kind == V_STR ? e->str : "";
        if (e->kind == V_LIST && e->nlist == 0)
            text = "";
        else if (e->kind != V_STRLIST && e->kind != V_STR)
            return bs_fail(err, e->file, e->line, e->path, "expected a list of texts in double quotes, not %s",
                           kind_name(e));
        if (strlen(text) >= d->size)
            return bs_fail(err, e->file, e->line, e->path, "is too long (%zu bytes; the limit is %zu)",
                           strlen(text), d->size - 1);
        memcpy(dst, text, strlen(text) + 1);
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
        if (e->kind == V_MIXED)
            return bs_fail(err, e->file, e->line, e->path, "entry %d of the list is %s, not a number",
                           e->bad_entry, e->bad_kind);
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
        case BS_T_ENUM: *(int *)addr = (int)d->def; break;
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

/* Suggest the known path (a setting or a group) nearest to an unknown one. */
static void suggest(const char *path, const char *id, int id_depth, char *buf, size_t size)
{
    int best = 1000;
    char cand[MAX_PATH_LEN + 80], best_path[MAX_PATH_LEN + 80] = "";
    for (size_t i = 0;; i++) {
        const char *pat = i < bs_nsettings ? bs_settings[i].path : bs_group_paths[i - bs_nsettings];
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

/* ------------------------------------------------------------------ */
/* The council                                                         */
/* ------------------------------------------------------------------ */

/* Group index of id, or -1. */
static int find_group(const bs_council *c, const char *id)
{
    for (int g = 0; g < c->ngroups; g++)
        if (strcmp(c->groups[g].id, id) == 0)
            return g;
    return -1;
}

static int find_member(const bs_council *c, const char *id)
{
    for (int m = 0; m < c->nmembers; m++)
        if (strcmp(c->members[m].id, id) == 0)
            return m;
    return -1;
}

/* "labour, libdem, green" into buf. */
static void group_list(const bs_council *c, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int g = 0; g < c->ngroups && o + 70 < size; g++)
        o += (size_t)snprintf(buf + o, size - o, "%s%s", g ? ", " : "", c->groups[g].id);
}

/* The entry for path, else the instance's group entry, for a message. */
static const entry *where(entry_set *es, const entry *fallback, const char *fmt, const char *id,
                          const char *leaf, char *path, size_t size)
{
    snprintf(path, size, fmt, id, leaf);
    const entry *e = find_entry(es, path);
    return e ? e : fallback;
}

/* Is there any entry at prefix or below it (a group, or a setting given by --set)? */
static int has_part(entry_set *es, const char *prefix)
{
    size_t n = strlen(prefix);
    for (int i = 0; i < es->n; i++)
        if (strncmp(es->v[i].path, prefix, n) == 0 && (es->v[i].path[n] == '\0' || es->v[i].path[n] == '.'))
            return 1;
    return 0;
}

/* Check the council part against itself and fill the indexes. */
static int check_council(builder *b, entry_set *es, bs_error *err)
{
    bs_scenario *sc = b->sc;
    bs_council *c = &sc->chamber;
    char path[MAX_PATH_LEN + 80], known[600];
    const entry *e;
    c->given = has_part(es, "council");
    if (!c->given) {
        if (c->namendments > 0) {
            e = b->group[BS_IN_AMENDMENT][0];
            return bs_fail(err, e->file, e->line, "amendments", "need a council part to vote on them");
        }
        return 0;
    }
    const entry *council = find_entry(es, "council");
    if (!council) /* given only by --set: point at the first of its settings */
        for (int i = 0; i < es->n && !council; i++)
            if (strncmp(es->v[i].path, "council.", 8) == 0)
                council = &es->v[i];
    if (c->ngroups == 0)
        return bs_fail(err, council->file, council->line, "council.groups", "missing: at least one group is needed");
    /* Okabe-Ito colours, told apart by colour-blind readers. */
    static const char *const palette[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                          "#56B4E9", "#D55E00", "#F0E442", "#000000"};
    int total = 0;
    for (int g = 0; g < c->ngroups; g++) {
        bs_group *gr = &c->groups[g];
        const entry *ge = b->group[BS_IN_GROUP][g];
        total += gr->seats;
        if (!gr->colour[0])
            bs_strlcpy(gr->colour, palette[g % 8], sizeof gr->colour);
        else {
            int ok = strlen(gr->colour) == 7 && gr->colour[0] == '#';
            for (int k = 1; ok && k < 7; k++)
                ok = isxdigit((unsigned char)gr->colour[k]) != 0;
            if (!ok) {
                e = where(es, ge, "council.groups.%s.%s", gr->id, "colour", path, sizeof path);
                return bs_fail(err, e->file, e->line, path, "must be a colour written #rrggbb, not \"%.20s\"",
                               gr->colour);
            }
        }
        if (gr->p_rebel + gr->p_abstain + gr->p_absent > 1.0 + 1e-12) {
            e = where(es, ge, "council.groups.%s.%s", gr->id, "p_rebel", path, sizeof path);
            return bs_fail(err, e->file, e->line, path, "p_rebel + p_abstain + p_absent add up to more than 1");
        }
        int named = 0;
        for (int m = 0; m < c->nmembers; m++)
            named += strcmp(c->members[m].group, gr->id) == 0;
        int deviants = gr->absent + gr->abstain + gr->rebels;
        if (named + deviants > gr->seats) {
            e = where(es, ge, "council.groups.%s.%s", gr->id, gr->rebels ? "rebels" : gr->absent ? "absent" : "seats",
                      path, sizeof path);
            return bs_fail(err, e->file, e->line, path,
                           "%d named members, %d absent, %d abstaining and %d rebels are more than the group's %d seats",
                           named, gr->absent, gr->abstain, gr->rebels, gr->seats);
        }
    }
    if (total != c->seats) {
        e = find_entry(es, "council.seats");
        e = e ? e : council;
        return bs_fail(err, e->file, e->line, "council.seats", "is %d but the groups' seats add up to %d", c->seats,
                       total);
    }
    group_list(c, known, sizeof known);
    for (int m = 0; m < c->nmembers; m++) {
        bs_member *mb = &c->members[m];
        const entry *me = b->group[BS_IN_MEMBER][m];
        mb->group_index = find_group(c, mb->group);
        if (mb->group_index < 0) {
            e = where(es, me, "council.members.%s.%s", mb->id, "group", path, sizeof path);
            return bs_fail(err, e->file, e->line, path, "no group \"%s\" (known: %s)", mb->group, known);
        }
        const bs_group *gr = &c->groups[mb->group_index];
        double pr = mb->p_rebel >= 0 ? mb->p_rebel : gr->p_rebel, pb = mb->p_abstain >= 0 ? mb->p_abstain : gr->p_abstain,
               pa = mb->p_absent >= 0 ? mb->p_absent : gr->p_absent;
        if (pr + pb + pa > 1.0 + 1e-12) {
            e = where(es, me, "council.members.%s.%s", mb->id, "p_rebel", path, sizeof path);
            return bs_fail(err, e->file, e->line, path, "p_rebel + p_abstain + p_absent add up to more than 1");
        }
    }
    c->has_mayor = has_part(es, "council.mayor");
    c->mayor_group_index = -1;
    if (c->mayor_group[0] && (c->mayor_group_index = find_group(c, c->mayor_group)) < 0) {
        e = find_entry(es, "council.mayor.group");
        return bs_fail(err, e->file, e->line, "council.mayor.group", "no group \"%s\" (known: %s)", c->mayor_group,
                       known);
    }
    c->chair_group_index = -1;
    if (c->chair_group[0] && (c->chair_group_index = find_group(c, c->chair_group)) < 0) {
        e = find_entry(es, "council.chair.group");
        return bs_fail(err, e->file, e->line, "council.chair.group", "no group \"%s\" (known: %s)", c->chair_group,
                       known);
    }
    if (c->numerator > c->denominator) {
        e = find_entry(es, "council.rule.numerator");
        return bs_fail(err, e->file, e->line, "council.rule.numerator", "%d is more than the denominator %d",
                       c->numerator, c->denominator);
    }
    int last = sc->first_year + sc->nyears - 1;
    for (int i = 0; i < c->nred_lines; i++) {
        bs_red_line *rl = &c->red_lines[i];
        const entry *re = b->group[BS_IN_RED_LINE][i];
        rl->group_index = find_group(c, rl->who);
        rl->member_index = rl->group_index < 0 ? find_member(c, rl->who) : -1;
        if (rl->group_index < 0 && rl->member_index < 0) {
            e = where(es, re, "council.red_lines.%s.%s", rl->id, "who", path, sizeof path);
            return bs_fail(err, e->file, e->line, path, "no group or named member \"%s\" (groups: %s)", rl->who,
                           known);
        }
        snprintf(path, sizeof path, "council.red_lines.%s.above", rl->id);
        rl->has_above = find_entry(es, path) != NULL;
        snprintf(path, sizeof path, "council.red_lines.%s.below", rl->id);
        rl->has_below = find_entry(es, path) != NULL;
        if (!rl->has_above && !rl->has_below) {
            snprintf(path, sizeof path, "council.red_lines.%s.above", rl->id);
            return bs_fail(err, re->file, re->line, path, "missing: a red line needs above or below (or both)");
        }
        if (rl->year == 0)
            rl->year = sc->first_year;
        if (rl->year < sc->first_year || rl->year > last) {
            e = where(es, re, "council.red_lines.%s.%s", rl->id, "year", path, sizeof path);
            return bs_fail(err, e->file, e->line, path, "%d is outside the horizon %d to %d", rl->year,
                           sc->first_year, last);
        }
        e = where(es, re, "council.red_lines.%s.%s", rl->id, "metric", path, sizeof path);
        bs_strlcpy(rl->file, e->file, sizeof rl->file);
        rl->line = e->line;
    }
    for (int a = 0; a < c->namendments; a++) {
        bs_amendment *am = &c->amendments[a];
        const entry *ae = b->group[BS_IN_AMENDMENT][a];
        if ((am->mover_group = find_group(c, am->moved_by)) < 0) {
            e = where(es, ae, "amendments.%s.%s", am->id, "moved_by", path, sizeof path);
            return bs_fail(err, e->file, e->line, path, "no group \"%s\" (known: %s)", am->moved_by, known);
        }
        e = where(es, ae, "amendments.%s.%s", am->id, "set", path, sizeof path);
        bs_strlcpy(am->set_file, e->file, sizeof am->set_file);
        am->set_line = e->line;
        am->nset = 0;
        for (const char *p = am->set_text; *p;) {
            const char *nl = strchr(p, '\n');
            size_t len = nl ? (size_t)(nl - p) : strlen(p);
            if (am->nset >= BS_MAX_AMEND_SETS)
                return bs_fail(err, e->file, e->line, path, "has more than %d changes", BS_MAX_AMEND_SETS);
            if (len >= BS_SET_MAX)
                return bs_fail(err, e->file, e->line, path, "entry %d is longer than %d bytes", am->nset + 1,
                               BS_SET_MAX - 1);
            if (!memchr(p, '=', len))
                return bs_fail(err, e->file, e->line, path, "entry %d is not of the form path=value", am->nset + 1);
            memcpy(am->set[am->nset], p, len);
            am->set[am->nset++][len] = '\0';
            p += len + (nl ? 1 : 0);
        }
        if (am->nset == 0)
            return bs_fail(err, e->file, e->line, path, "an amendment must change something");
        const char *lists[3] = {am->groups_for, am->groups_against, am->groups_abstain};
        const char *leaf[3] = {"for", "against", "abstain"};
        const bs_position pos[3] = {BS_POS_FOR, BS_POS_AGAINST, BS_POS_ABSTAIN};
        for (int k = 0; k < 3; k++)
            for (const char *p = lists[k]; *p;) {
                const char *nl = strchr(p, '\n');
                size_t len = nl ? (size_t)(nl - p) : strlen(p);
                char id[BS_ID_MAX];
                e = where(es, ae, "amendments.%s.%s", am->id, leaf[k], path, sizeof path);
                if (len >= sizeof id)
                    return bs_fail(err, e->file, e->line, path, "no group \"%.40s...\"", p);
                memcpy(id, p, len);
                id[len] = '\0';
                int g = find_group(c, id);
                if (g < 0)
                    return bs_fail(err, e->file, e->line, path, "no group \"%s\" (known: %s)", id, known);
                if (am->group_vote[g] != BS_POS_WHIP)
                    return bs_fail(err, e->file, e->line, path, "group \"%s\" is listed twice", id);
                am->group_vote[g] = pos[k];
                p += len + (nl ? 1 : 0);
            }
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Uncertainty                                                         */
/* ------------------------------------------------------------------ */

/* Each uncertainty: a setting that can be varied, each distinct, and the
 * parameters its distribution needs, present and consistent. */
static int check_uncertainty(builder *b, entry_set *es, bs_error *err)
{
    bs_scenario *sc = b->sc;
    static const char *const dist_name[] = {"normal", "lognormal", "uniform", "triangular", "beta"};
    static const char *const params[] = {"mean", "sd", "log_mean", "log_sd", "low", "mode", "high", "a", "b"};
    /* the parameters each distribution takes, by bit in params[] */
    static const unsigned takes[] = {0x003, 0x00c, 0x050, 0x070, 0x1d0};
    static const char *const needs[] = {"mean and sd", "log_mean and log_sd", "low and high",
                                        "low, mode and high", "a, b, low and high"};
    char path[MAX_PATH_LEN + 80];
    for (int i = 0; i < sc->nuncertain; i++) {
        bs_uncertainty *u = &sc->uncertain[i];
        const entry *g = b->group[BS_IN_UNCERTAINTY][i], *e;
        e = where(es, g, "uncertainty.%s.%s", u->id, "path", path, sizeof path);
        bs_strlcpy(u->file, e->file, sizeof u->file);
        u->line = e->line;
        for (int k = 0; k < 9; k++) {
            const entry *pe;
            char ppath[MAX_PATH_LEN + 80];
            snprintf(ppath, sizeof ppath, "uncertainty.%s.%s", u->id, params[k]);
            pe = find_entry(es, ppath);
            int wanted = (takes[u->dist] >> k) & 1;
            if (pe && !wanted)
                return bs_fail(err, pe->file, pe->line, ppath, "is not a parameter of a %s distribution (it takes %s)",
                               dist_name[u->dist], needs[u->dist]);
            if (!pe && wanted)
                return bs_fail(err, g->file, g->line, ppath, "missing: a %s distribution needs %s",
                               dist_name[u->dist], needs[u->dist]);
        }
        if (u->dist >= BS_DIST_UNIFORM && !(u->low < u->high)) {
            e = where(es, g, "uncertainty.%s.%s", u->id, "high", path, sizeof path);
            char lo[40], hi[40];
            return bs_fail(err, e->file, e->line, path, "must be above low (%s), not %s", num_text(u->low, lo, sizeof lo),
                           num_text(u->high, hi, sizeof hi));
        }
        if (u->dist == BS_DIST_TRIANGULAR && (u->mode < u->low || u->mode > u->high)) {
            e = where(es, g, "uncertainty.%s.%s", u->id, "mode", path, sizeof path);
            char lo[40], hi[40], m[40];
            return bs_fail(err, e->file, e->line, path, "must be between low (%s) and high (%s), not %s",
                           num_text(u->low, lo, sizeof lo), num_text(u->high, hi, sizeof hi),
                           num_text(u->mode, m, sizeof m));
        }
        snprintf(path, sizeof path, "uncertainty.%s.path", u->id);
        bs_binding bind;
        bs_error sub = {0};
        if (bind_path(sc, u->path, &bind, &sub) != 0)
            return bs_fail(err, u->file, u->line, path, "%s%s %s", u->path, strncmp(sub.message, "no ", 3) == 0 ? ":" : "",
                           sub.message);
        for (int j = 0; j < i; j++)
            if (strcmp(sc->uncertain[j].path, u->path) == 0)
                return bs_fail(err, u->file, u->line, path, "%s is already drawn by uncertainty.%s", u->path,
                               sc->uncertain[j].id);
    }
    return 0;
}

/* Build the struct from the merged entries. */
static int build(entry_set *es, const char *top_file, bs_scenario *sc, bs_error *err)
{
    builder b;
    memset(&b, 0, sizeof b);
    b.sc = sc;
    b.top_file = top_file;
    b.src = calloc((size_t)NCONTAINERS * MAX_INSTANCES * bs_nsettings, sizeof *b.src);
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
        int before = *count_of(sc, c);
        int inst = instance(&b, c, id, e, err);
        if (inst < 0)
            goto out;
        int after = *count_of(sc, c);
        if (after > before) {
            apply_defaults(&b, c, inst);
            if (c == BS_IN_RED_LINE) {
                sc->chamber.red_lines[inst].group_index = sc->chamber.red_lines[inst].member_index = -1;
                sc->chamber.red_lines[inst].year = 0;
            }
            if (c == BS_IN_AMENDMENT)
                for (int g = 0; g < BS_MAX_GROUPS; g++)
                    sc->chamber.amendments[inst].group_vote[g] = BS_POS_WHIP;
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
        int n = d->container == BS_IN_TOP ? 1 : *count_of(sc, d->container);
        /* The council's own settings are required only when there is a council. */
        if (d->container == BS_IN_TOP && strncmp(d->path, "council.", 8) == 0 && !has_part(es, "council"))
            continue;
        for (int inst = d->container == BS_IN_EARMARKED ? 1 : 0; inst < n; inst++) {
            if (*src_slot(&b, d->container, inst, k))
                continue;
            if (d->container == BS_IN_MEASURE && !(d->measure_mask & (1u << sc->measures[inst].type)))
                continue;
            char path[MAX_PATH_LEN + 80];
            const char *star = strchr(d->path, '*');
            const char *idv = d->container == BS_IN_TOP ? "" : id_of(sc, d->container, inst);
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
        const entry *e = find_entry(es, "services");
        bs_fail(err, e ? e->file : top_file, e ? e->line : 0, "services",
                "missing: at least one service line is needed");
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
        /* A per-year list runs from the first year of the horizon: entries
         * before start_year would be silently unused, so say so. */
        if (ms->type == BS_RESERVE_MOVE || ms->type == BS_CHARGE) {
            const char *key = ms->type == BS_CHARGE ? "price_pounds" : "amount_m";
            const double *v = ms->type == BS_CHARGE ? ms->price_pounds : ms->reserve_m;
            snprintf(path, sizeof path, "measures.%s.%s", ms->id, key);
            e = find_entry(es, path);
            for (int t = 0; e && e->kind == V_LIST && t < ms->start_year - sc->first_year; t++)
                if (v[t] != 0.0) {
                    char y[16];
                    bs_fail(err, e->file, e->line, path,
                            "entry %d is for %s, before start_year %d: a per-year list starts at the first "
                            "year of the horizon (put 0 there)", t + 1,
                            bs_year_label(sc->first_year + t, y, sizeof y), ms->start_year);
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
    if (check_council(&b, es, err) != 0)
        goto out;
    if (check_uncertainty(&b, es, err) != 0)
        goto out;
    rc = 0;
out:
    free(b.src);
    return rc;
}

/* Red lines must read quantities the model computes: check each metric
 * against the rows of the scenario's own budget. */
static int check_metrics(bs_scenario *sc, bs_error *err)
{
    bs_council *c = &sc->chamber;
    if (c->nred_lines == 0)
        return 0;
    bs_result *r = malloc(sizeof *r);
    bs_table t = {0};
    if (!r)
        return bs_fail_status(err, BS_EXIT_ENV, sc->source_file, 0, "", "out of memory");
    budget_run(sc, r);
    int rc = table_from_result(sc, r, &t) == 0 ? 0 : bs_fail_status(err, BS_EXIT_ENV, sc->source_file, 0, "", "out of memory");
    for (int i = 0; rc == 0 && i < c->nred_lines; i++) {
        bs_red_line *rl = &c->red_lines[i];
        if (table_find(&t, rl->metric))
            continue;
        const char *best = NULL;
        int bestd = 1000;
        for (int k = 0; k < t.n; k++) {
            if (t.rows[k].kind == BS_ROW_HEADING)
                continue;
            int d = bs_edit_distance(rl->metric, t.rows[k].key);
            if (d < bestd) {
                bestd = d;
                best = t.rows[k].key;
            }
        }
        char path[MAX_PATH_LEN + 80];
        snprintf(path, sizeof path, "council.red_lines.%s.metric", rl->id);
        if (best && bestd <= (int)strlen(rl->metric) / 3 + 2)
            rc = bs_fail(err, rl->file, rl->line, path, "no quantity \"%s\" in this budget; did you mean %s?",
                         rl->metric, best);
        else
            rc = bs_fail(err, rl->file, rl->line, path,
                         "no quantity \"%s\" in this budget (the keys are those of budgetsim run --format csv)",
                         rl->metric);
    }
    table_free(&t);
    free(r);
    return rc;
}

/* No NaN or infinity may come out of the model: run it once, and if a value
 * is not finite, name the setting to blame, where it was written. */
static int check_finite(entry_set *es, const bs_scenario *sc, bs_error *err)
{
    bs_result *r = malloc(sizeof *r);
    if (!r)
        return bs_fail_status(err, BS_EXIT_ENV, sc->source_file, 0, "", "out of memory");
    budget_run(sc, r);
    if (budget_finite(sc, r)) {
        free(r);
        return 0;
    }
    char message[600];
    guard_message(sc, r, message, sizeof message);
    free(r);

    enum { MAX_BIND = 8192 };
    bs_scenario *copy = malloc(sizeof *copy);
    bs_binding *b = malloc(MAX_BIND * sizeof *b);
    int culprit = -2;
    if (copy && b) {
        memcpy(copy, sc, sizeof *copy);
        culprit = guard_culprit(copy, b, bind_all(copy, b, MAX_BIND));
    }
    int rc;
    if (culprit == -2) {
        rc = bs_fail_status(err, BS_EXIT_ENV, sc->source_file, 0, "", "out of memory");
    } else if (culprit < 0) {
        rc = bs_fail(err, sc->source_file, 0, "", "%s", message);
    } else {
        const entry *e = find_entry(es, b[culprit].path);
        rc = bs_fail(err, e ? e->file : sc->source_file, e ? e->line : 0, b[culprit].path, "%s", message);
    }
    free(copy);
    free(b);
    return rc;
}

/* ------------------------------------------------------------------ */
/* A source: read once, built many times                               */
/* ------------------------------------------------------------------ */

struct bs_source {
    char path[MAX_FILE_NAME + 1]; /* the scenario file as given */
    entry_set entries;            /* its entries, bases and includes resolved */
};

/* A deep copy of from (its own strings, lists and file names) into to,
 * which must be empty. */
static int set_copy(const entry_set *from, entry_set *to, bs_error *err)
{
    for (int i = 0; i < from->n; i++) {
        const entry *f = &from->v[i];
        entry e = *f;
        e.path = strdup(f->path);
        e.str = f->str ? strdup(f->str) : NULL;
        e.list = f->list ? malloc((size_t)(f->nlist ? f->nlist : 1) * sizeof *e.list) : NULL;
        e.file = f->file ? intern(to, f->file) : NULL;
        if (!e.path || (f->str && !e.str) || (f->list && !e.list) || (f->file && !e.file)) {
            entry_clear(&e);
            return bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
        }
        if (f->list)
            memcpy(e.list, f->list, (size_t)f->nlist * sizeof *e.list);
        if (put_entry(to, &e, err) != 0)
            return -1;
    }
    return 0;
}

int source_read(const char *path, bs_source **out, bs_error *err)
{
    *out = NULL;
    bs_source *src = calloc(1, sizeof *src);
    file_stack *st = calloc(1, sizeof *st);
    int rc = src && st ? 0 : bs_fail_status(err, BS_EXIT_ENV, path, 0, "", "out of memory");
    if (rc == 0) {
        bs_strlcpy(src->path, path, sizeof src->path);
        rc = load_file(path, st, NULL, 0, &src->entries, err);
    }
    free(st);
    if (rc != 0) {
        source_free(src);
        return -1;
    }
    *out = src;
    return 0;
}

const char *source_path(const bs_source *src)
{
    return src->path;
}

void source_free(bs_source *src)
{
    if (!src)
        return;
    set_free(&src->entries);
    free(src);
}

static int build_checked(const bs_source *src, const bs_override *overrides, int noverrides, bs_scenario *out,
                         int check_amend, bs_error *err);

/* Each amendment must apply cleanly: build the scenario with its changes. */
static int check_amendments(const bs_source *src, const bs_override *overrides, int noverrides,
                            const bs_scenario *sc, bs_error *err)
{
    const bs_council *c = &sc->chamber;
    if (c->namendments == 0)
        return 0;
    bs_scenario *trial = malloc(sizeof *trial);
    bs_override *all = calloc((size_t)noverrides + BS_MAX_AMEND_SETS, sizeof *all);
    int rc = 0;
    if (!trial || !all)
        rc = bs_fail_status(err, BS_EXIT_ENV, src->path, 0, "", "out of memory");
    for (int a = 0; rc == 0 && a < c->namendments; a++) {
        const bs_amendment *am = &c->amendments[a];
        int n = 0;
        for (int i = 0; i < noverrides; i++)
            all[n++] = overrides[i];
        for (int k = 0; k < am->nset; k++)
            all[n++].text = am->set[k];
        bs_error sub = {0};
        if (build_checked(src, all, n, trial, 0, &sub) != 0) {
            char setting[MAX_PATH_LEN + 80];
            snprintf(setting, sizeof setting, "amendments.%s.set", am->id);
            if (sub.status == BS_EXIT_INPUT)
                rc = bs_fail(err, am->set_file, am->set_line, setting, "%s: %s", sub.setting, sub.message);
            else {
                *err = sub;
                rc = -1;
            }
        }
    }
    free(trial);
    free(all);
    return rc;
}

static int build_checked(const bs_source *src, const bs_override *overrides, int noverrides, bs_scenario *out,
                         int check_amend, bs_error *err)
{
    entry_set es = {0};
    int rc = set_copy(&src->entries, &es, err);
    for (int i = 0; rc == 0 && i < noverrides; i++)
        rc = apply_override(overrides[i].text, &es, err);
    if (rc == 0)
        rc = build(&es, src->path, out, err);
    if (rc == 0)
        rc = check_finite(&es, out, err);
    set_free(&es);
    if (rc == 0)
        rc = check_metrics(out, err);
    if (rc == 0 && check_amend)
        rc = check_amendments(src, overrides, noverrides, out, err);
    return rc;
}

int source_build(const bs_source *src, const bs_override *overrides, int noverrides, bs_scenario *out,
                 bs_error *err)
{
    return build_checked(src, overrides, noverrides, out, 1, err);
}

int scenario_load(const char *path, const bs_override *overrides, int noverrides, bs_scenario *out,
                  bs_error *err)
{
    bs_source *src;
    if (source_read(path, &src, err) != 0)
        return -1;
    int rc = source_build(src, overrides, noverrides, out, err);
    source_free(src);
    return rc;
}
