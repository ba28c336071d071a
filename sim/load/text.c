/* text.c - a scenario file read as text (see text.h): its checks before
 * parsing, the names of the files it names, and the chain of files being
 * read.
 *
 * This file may use: core/, the C library and POSIX. */
#include "load/text.h"

#include "core/sha256.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define EMPTY_MESSAGE "is empty: a scenario needs at least scenario, horizon, council_tax, reserves and services"

/* ------------------------------------------------------------------ */
/* Reading a file as text                                              */
/* ------------------------------------------------------------------ */

int text_utf8_bad_line(const unsigned char *p, size_t n)
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

/* Check the name of path and what stat says of it: a regular file, not
 * empty and not too large. A file that stat says is empty is not read at
 * all: the files of /proc say so too, and some of them (/proc/kmsg) would
 * block. Returns 0, or -1 with err. */
static int check_stat(const char *path, struct stat *st, bs_error *err)
{
    size_t name_len = strlen(path);
    if (name_len > MAX_FILE_NAME) /* no file: the name would not fit; text_refer() puts it where it was named */
        return bs_fail(err, "", 0, "", "the file name %.40s... is too long (%zu bytes; the limit is %d)", path,
                       name_len, MAX_FILE_NAME);
    if (stat(path, st) != 0)
        return bs_fail(err, path, 0, "", "cannot open: %s", strerror(errno));
    if (S_ISDIR(st->st_mode))
        return bs_fail(err, path, 0, "", "is a directory, not a scenario file");
    if (!S_ISREG(st->st_mode))
        return bs_fail(err, path, 0, "", "is not a regular file");
    if (st->st_size > MAX_FILE_BYTES)
        return bs_fail(err, path, 0, "", "is too large for a scenario (%lld bytes; the limit is %d)",
                       (long long)st->st_size, MAX_FILE_BYTES);
    if (st->st_size == 0)
        return bs_fail(err, path, 0, "", EMPTY_MESSAGE);
    return 0;
}

/* Open path for reading once check_stat() agrees. The file is opened
 * without waiting and checked again once open, so a path swapped for a
 * pipe meanwhile is refused, never waited on. Returns the stream (*st its
 * status), or NULL with err. */
static FILE *open_regular(const char *path, struct stat *st, bs_error *err)
{
    if (check_stat(path, st, err) != 0)
        return NULL;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        bs_fail(err, path, 0, "", "cannot open: %s", strerror(errno));
        return NULL;
    }
    if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
        close(fd);
        bs_fail(err, path, 0, "", "is not a regular file");
        return NULL;
    }
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        close(fd);
        bs_fail_status(err, BS_EXIT_ENV, path, 0, "", "out of memory");
    }
    return f;
}

/* Read all of f (size bytes by stat) into a NUL-terminated heap buffer
 * (*text, the caller frees it; *n its length), and close f. Room is made
 * for the size stat gives and a byte more, to see the end; grown, up to one
 * byte past the limit, if the file has grown since. Returns 0, or -1 with
 * err (*text NULL). */
static int read_all(FILE *f, const char *path, size_t size, char **text, size_t *len, bs_error *err)
{
    size_t cap = size + 2, n = 0;
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
    *text = buf;
    *len = n;
    return 0;
}

void text_line_ends(char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] == '\r' && (i + 1 == n || p[i + 1] != '\n'))
            p[i] = '\n';
}

/* Check the n bytes read from path: text (no NUL), UTF-8, not blank. A byte
 * order mark, as some editors write, becomes blanks; CR-only line ends
 * become '\n' (text_line_ends). Returns 0 or -1. */
static int check_content(const char *path, char *buf, size_t n, bs_error *err)
{
    text_line_ends(buf, n);
    const char *nul = memchr(buf, '\0', n);
    if (nul) {
        int line = 1;
        for (const char *q = buf; q < nul; q++)
            line += *q == '\n';
        return bs_fail(err, path, line, "", "is a binary file, not a scenario (it contains a NUL byte)");
    }
    int bad = text_utf8_bad_line((const unsigned char *)buf, n);
    if (bad)
        return bs_fail(err, path, bad, "", "is not valid UTF-8 text");
    if (n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
        memset(buf, ' ', 3);
    size_t k = 0;
    while (k < n && isspace((unsigned char)buf[k]))
        k++;
    if (k == n)
        return bs_fail(err, path, 0, "", EMPTY_MESSAGE);
    return 0;
}

/* text_read, also giving the file's status as it was opened in *st and,
 * when sha is not NULL, the SHA-256 of the bytes read (before the checks
 * turn a byte order mark or CR-only line ends into what the parser reads),
 * so that it is the digest `sha256sum` gives for the file. */
static int read_checked(const char *path, char **text, struct stat *stp, char *sha, bs_error *err)
{
    struct stat st;
    size_t n = 0;
    *text = NULL;
    FILE *f = open_regular(path, &st, err);
    if (!f)
        return -1;
    char *buf = NULL;
    if (read_all(f, path, (size_t)st.st_size, &buf, &n, err) != 0)
        return -1;
    if (sha)
        sha256_hex(buf, n, sha);
    if (check_content(path, buf, n, err) != 0) {
        free(buf);
        return -1;
    }
    *text = buf;
    *stp = st;
    return 0;
}

int text_read(const char *path, char **text, bs_error *err)
{
    struct stat st;
    return read_checked(path, text, &st, NULL, err);
}

/* ------------------------------------------------------------------ */
/* The files a command has read                                         */
/* ------------------------------------------------------------------ */

/* Free the entries kept for m (text_parsed_keep). */
static void parsed_drop(text_memory *m)
{
    if (m->parsed)
        entries_free(m->parsed);
    free(m->parsed);
    free(m->parsed_as);
    m->parsed = NULL;
    m->parsed_as = NULL;
}

bs_files *files_new(void)
{
    return calloc(1, sizeof(bs_files));
}

void files_free(bs_files *files)
{
    if (!files)
        return;
    for (int i = 0; i < files->n; i++) {
        free(files->v[i].name);
        free(files->v[i].text);
    }
    for (int i = 0; i < files->nmem; i++) {
        free(files->mem[i].name);
        free(files->mem[i].text);
        free(files->mem[i].good);
        parsed_drop(&files->mem[i]);
    }
    free(files->v);
    free(files->mem);
    free(files->memidx);
    free(files);
}

int files_count(const bs_files *files)
{
    return files ? files->n : 0;
}

const char *files_name(const bs_files *files, int i)
{
    return files->v[i].name;
}

const char *files_sha256(const bs_files *files, int i)
{
    return files->v[i].sha256;
}

const char *files_role(const bs_files *files, int i)
{
    static const char *const role[] = {"scenario", "base", "include"};
    return role[files->v[i].role];
}

/* Remember the text of the file path, opened as st says. Returns 0, or -1
 * when out of memory (the text is then simply not shared). */
static int files_add(bs_files *files, const char *path, const struct stat *st, const char *text, const char *sha)
{
    if (files->n == files->cap) {
        int cap = files->cap ? files->cap * 2 : 8;
        text_file *nv = realloc(files->v, (size_t)cap * sizeof *nv);
        if (!nv)
            return -1;
        files->v = nv;
        files->cap = cap;
    }
    text_file *f = &files->v[files->n];
    f->dev = st->st_dev;
    f->ino = st->st_ino;
    f->name = strdup(path);
    f->text = strdup(text);
    memcpy(f->sha256, sha, sizeof f->sha256);
    f->role = files->next_role;
    if (!f->name || !f->text) {
        free(f->name);
        free(f->text);
        return -1;
    }
    files->n++;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Files held in memory                                                */
/* ------------------------------------------------------------------ */

bs_files *files_new_memory(void)
{
    bs_files *files = files_new();
    if (files)
        files->memory_only = 1;
    return files;
}

void text_clean_path(const char *path, char *buf, size_t size)
{
    size_t o = 0, keep = 0; /* keep: bytes of leading "../" (or "/") that no ".." may remove */
    if (size == 0)
        return;
    buf[0] = '\0';
    if (*path == '/') {
        buf[o++] = '/';
        keep = 1;
    }
    for (const char *p = path; *p;) {
        size_t n = strcspn(p, "/"), end = o;
        while (end > keep && buf[end - 1] == '/')
            end--; /* the end of the last name kept, when there is one to take out */
        if ((n == 1 && p[0] == '.') || n == 0) {
            /* nothing to add */
        } else if (n == 2 && p[0] == '.' && p[1] == '.' && end > keep) {
            o = end;
            while (o > keep && buf[o - 1] != '/')
                o--;
        } else {
            if (o + n + 2 > size) {
                buf[0] = '\0';
                return;
            }
            if (o > 0 && buf[o - 1] != '/')
                buf[o++] = '/';
            memcpy(buf + o, p, n);
            o += n;
            if (n == 2 && p[0] == '.' && p[1] == '.')
                keep = o;
        }
        p += n;
        while (*p == '/')
            p++;
    }
    buf[o] = '\0';
}

/* Is dir (cleaned) a folder of files: the start of the name of some file
 * held in memory, up to a '/'? */
static int memory_folder(const bs_files *files, const char *dir)
{
    size_t n = strlen(dir);
    if (n == 0)
        return 1; /* the folder names are relative to */
    for (int i = 0; i < files->nmem; i++)
        if (files->mem[i].name_len > n && memcmp(files->mem[i].name, dir, n) == 0 &&
            (files->mem[i].name[n] == '/' || dir[n - 1] == '/'))
            return 1;
    return 0;
}

/* Does each ".." of path follow a folder held in memory? The disk would
 * refuse "nowhere/../x" (nowhere must be a folder), so must the set. */
static int memory_dots_ok(const bs_files *files, const char *path)
{
    char prefix[PATH_MAX];
    for (const char *p = strstr(path, ".."); p; p = strstr(p + 2, "..")) {
        int segment = (p == path || p[-1] == '/') && (p[2] == '/' || p[2] == '\0');
        if (!segment || (size_t)(p - path) >= sizeof prefix)
            continue;
        memcpy(prefix, path, (size_t)(p - path));
        prefix[p - path] = '\0';
        char dir[PATH_MAX];
        text_clean_path(prefix, dir, sizeof dir);
        size_t k = strlen(dir);
        /* "../..": above the names, as they were, unchecked */
        int leading = k >= 2 && strcmp(dir + k - 2, "..") == 0 && (k == 2 || dir[k - 3] == '/');
        if (!leading && !memory_folder(files, dir))
            return 0;
    }
    return 1;
}

/* Does path name a folder of the files held in memory (as the disk would
 * find it)? */
static int memory_is_folder(const bs_files *files, const char *path)
{
    char dir[PATH_MAX];
    text_clean_path(path, dir, sizeof dir);
    return dir[0] && memory_dots_ok(files, path) && memory_folder(files, dir);
}

/* FNV-1a of the n bytes of name: a set holds a few hundred files (the
 * fuzzer's), looked up several times for each input. */
static unsigned long name_hash(const char *name, size_t n)
{
    unsigned long h = 2166136261ul;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)name[i]) * 16777619ul;
    return h;
}

const text_memory *text_memory_find(const bs_files *files, const char *path)
{
    if (!files || files->nmem == 0 || !memory_dots_ok(files, path))
        return NULL;
    char key[PATH_MAX];
    text_clean_path(path, key, sizeof key);
    size_t n = strlen(key);
    if (n == 0 || !files->memidx)
        return NULL;
    unsigned long h = name_hash(key, n);
    size_t mask = (size_t)files->memidx_cap - 1;
    for (size_t slot = h & mask; files->memidx[slot]; slot = (slot + 1) & mask) {
        const text_memory *m = &files->mem[files->memidx[slot] - 1];
        if (m->hash == h && m->name_len == n && memcmp(m->name, key, n) == 0)
            return m;
    }
    return NULL;
}

/* The hash index of files->mem, made again when it is less than half free
 * (and at the first file). Returns 0, or -1 when out of memory (the index
 * is then as it was, without the last file). */
static int memidx_rebuild(bs_files *files)
{
    int cap = files->memidx_cap;
    if (cap == 0 || 2 * files->nmem > cap) {
        cap = cap ? cap * 2 : 64;
        int *idx = calloc((size_t)cap, sizeof *idx);
        if (!idx)
            return -1;
        free(files->memidx);
        files->memidx = idx;
        files->memidx_cap = cap;
        for (int i = 0; i < files->nmem - 1; i++) {
            size_t slot = files->mem[i].hash & (size_t)(cap - 1);
            while (idx[slot])
                slot = (slot + 1) & (size_t)(cap - 1);
            idx[slot] = i + 1;
        }
    }
    size_t mask = (size_t)files->memidx_cap - 1, slot = files->mem[files->nmem - 1].hash & mask;
    while (files->memidx[slot])
        slot = (slot + 1) & mask;
    files->memidx[slot] = files->nmem;
    return 0;
}

int files_put(bs_files *files, const char *name, const char *text, size_t len)
{
    char key[PATH_MAX];
    text_clean_path(name, key, sizeof key);
    char *copy = malloc(len + 1);
    if (!key[0] || !copy) {
        free(copy);
        return -1;
    }
    memcpy(copy, text, len);
    copy[len] = '\0';
    text_memory *m = (text_memory *)text_memory_find(files, key);
    if (!m) {
        if (files->nmem == files->memcap) {
            int cap = files->memcap ? files->memcap * 2 : 16;
            text_memory *nv = realloc(files->mem, (size_t)cap * sizeof *nv);
            if (!nv) {
                free(copy);
                return -1;
            }
            files->mem = nv;
            files->memcap = cap;
        }
        m = &files->mem[files->nmem];
        memset(m, 0, sizeof *m);
        if (!(m->name = strdup(key))) {
            free(copy);
            return -1;
        }
        m->name_len = strlen(key);
        m->hash = name_hash(key, m->name_len);
        files->nmem++;
        if (memidx_rebuild(files) != 0) {
            files->nmem--;
            free(m->name);
            free(copy);
            return -1;
        }
    } else {
        free(m->text);
        free(m->good);
        parsed_drop(m);
    }
    m->text = copy;
    m->len = len;
    m->checked = 0;
    m->good = NULL;
    return 0;
}

const entry_set *text_parsed_find(const bs_files *files, const char *path)
{
    const text_memory *m = text_memory_find(files, path);
    return m && m->parsed && strcmp(m->parsed_as, path) == 0 ? m->parsed : NULL;
}

int text_parsed_keep(bs_files *files, const char *path, const entry_set *es)
{
    text_memory *m = (text_memory *)text_memory_find(files, path);
    if (!m || m->parsed)
        return -1; /* one name kept: a file named two ways is parsed again under the other */
    bs_error err;
    m->parsed = calloc(1, sizeof *m->parsed);
    m->parsed_as = strdup(path);
    if (!m->parsed || !m->parsed_as || entries_copy(es, m->parsed, &err) != 0) {
        parsed_drop(m);
        return -1;
    }
    return 0;
}

/* The checks of a file's text on m (named path), made once: their outcome
 * stays in m until files_put replaces its text. Returns 0, or -1 with err. */
static int check_memory(text_memory *m, const char *path, bs_error *err)
{
    if (m->checked)
        return 0;
    char *buf = NULL;
    memset(&m->failed, 0, sizeof m->failed);
    if (m->len > MAX_FILE_BYTES)
        bs_fail(&m->failed, path, 0, "", "is too large for a scenario (%zu bytes; the limit is %d)", m->len,
                MAX_FILE_BYTES);
    else if (m->len == 0)
        bs_fail(&m->failed, path, 0, "", EMPTY_MESSAGE);
    else if (!(buf = malloc(m->len + 1)))
        return bs_fail_status(err, BS_EXIT_ENV, path, 0, "", "out of memory");
    else {
        memcpy(buf, m->text, m->len + 1);
        if (check_content(path, buf, m->len, &m->failed) != 0) {
            free(buf);
            buf = NULL;
        }
    }
    m->good = buf;
    m->checked = 1;
    return 0;
}

/* text_read of the file m held in memory (named path). */
static int read_memory(text_memory *m, const char *path, char **text, bs_error *err)
{
    *text = NULL;
    if (strlen(path) > MAX_FILE_NAME)
        return bs_fail(err, "", 0, "", "the file name %.40s... is too long (%zu bytes; the limit is %d)", path,
                       strlen(path), MAX_FILE_NAME);
    if (check_memory(m, path, err) != 0)
        return -1;
    if (!m->good) {
        *err = m->failed;
        bs_strlcpy(err->file, path, sizeof err->file); /* named as it is named now */
        return -1;
    }
    if (!(*text = malloc(m->len + 1)))
        return bs_fail_status(err, BS_EXIT_ENV, path, 0, "", "out of memory");
    memcpy(*text, m->good, m->len + 1);
    return 0;
}

int text_read_once(bs_files *files, const char *path, char **text, bs_error *err)
{
    struct stat st;
    if (!files)
        return text_read(path, text, err);
    text_memory *m = (text_memory *)text_memory_find(files, path);
    if (m)
        return read_memory(m, path, text, err);
    if (files->memory_only && memory_is_folder(files, path))
        return bs_fail(err, path, 0, "", "is a directory, not a scenario file");
    if (files->memory_only)
        return bs_fail(err, path, 0, "", "cannot open: %s", strerror(ENOENT));
    /* stat opens nothing: the same file named again is not read again */
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
        for (int i = 0; i < files->n; i++)
            if (files->v[i].dev == st.st_dev && files->v[i].ino == st.st_ino) {
                if (files->next_role == TEXT_ROLE_SCENARIO) /* a base named on the command line too */
                    files->v[i].role = TEXT_ROLE_SCENARIO;
                if (!(*text = strdup(files->v[i].text)))
                    return bs_fail_status(err, BS_EXIT_ENV, path, 0, "", "out of memory");
                return 0;
            }
    char sha[BS_SHA256_HEX];
    if (read_checked(path, text, &st, sha, err) != 0)
        return -1;
    files_add(files, path, &st, *text, sha);
    return 0;
}

/* ------------------------------------------------------------------ */
/* File names, and the chain of files being read                       */
/* ------------------------------------------------------------------ */

void text_dir_of(const char *path, char *buf, size_t size)
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

void text_join_path(const char *dir, const char *path, char *buf, size_t size)
{
    if (path[0] == '/' || strcmp(dir, ".") == 0)
        bs_strlcpy(buf, path, size);
    else if ((size_t)snprintf(buf, size, "%s/%s", dir, path) >= size)
        buf[0] = '\0';
}

int text_push(file_stack *st, const char *path, const char *from_file, int from_line, const char *setting,
              bs_error *err)
{
    char real[PATH_MAX];
    if (st->files)
        st->files->next_role = !from_file ? TEXT_ROLE_SCENARIO : setting[0] == '@' ? TEXT_ROLE_INCLUDE : TEXT_ROLE_BASE;
    if (text_memory_find(st->files, path) || (st->files && st->files->memory_only && memory_is_folder(st->files, path))) {
        /* held in memory (a file, or a folder text_read_once refuses): its
         * cleaned name, after a byte no real path starts with */
        real[0] = '\001';
        text_clean_path(path, real + 1, sizeof real - 1);
    } else if (st->files && st->files->memory_only) {
        if (!from_file)
            return bs_fail(err, path, 0, "", "cannot open: %s", strerror(ENOENT));
        return bs_fail(err, from_file, from_line, setting, "cannot open %s: %s", path, strerror(ENOENT));
    } else if (!realpath(path, real)) {
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
        return bs_fail(err, from_file, from_line, setting, "bases and includes nest more than %d deep", MAX_DEPTH);
    char *copy = strdup(real);
    if (!copy)
        return bs_fail_status(err, BS_EXIT_ENV, path, 0, "", "out of memory");
    free(st->real[st->n]);
    st->real[st->n++] = copy;
    return 0;
}

void text_stack_free(file_stack *st)
{
    for (int i = 0; i <= MAX_DEPTH; i++) {
        free(st->real[i]);
        st->real[i] = NULL;
    }
}

/* A base or included file that text_read() refused is reported at the line
 * naming it: "FROM:LINE: base: PATH is a directory, ...", or "FROM:LINE:
 * base: cannot open PATH: reason" as when it is missing. An error with a
 * line of its own (invalid UTF-8) already points into that file. */
int text_refer(bs_error *err, const char *path, const char *from_file, int from_line, const char *setting)
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
        snprintf(msg, sizeof msg, "%s%s%s", path, strncmp(err->message, "is ", 3) == 0 ? " " : ": ", err->message);
    return bs_fail_status(err, err->status, from_file, from_line, setting, "%s", msg);
}
