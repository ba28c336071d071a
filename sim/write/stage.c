/* stage.c - write a set of files, move them into place together (stage.h).
 *
 * This file may use: core/, write/ (outfile.h), the C library and POSIX. */
#include "write/stage.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A staged file's path: the staging folder or the folder asked for, and a
 * file name of up to a path's length. */
#define STAGED_PATH_MAX (2 * BS_OUT_PATH_MAX)

int stage_open(bs_stage *s, const char *dir, bs_error *err)
{
    memset(s, 0, sizeof *s);
    if (bs_strlcpy(s->dir, dir, sizeof s->dir) != 0 ||
        (size_t)snprintf(s->path, sizeof s->path, "%s/.budgetsim-XXXXXX", dir) >= sizeof s->path)
        return bs_fail_status(err, BS_EXIT_ENV, dir, 0, "", "the folder name is too long");
    struct stat st;
    if (stat(dir, &st) != 0) {
        if (errno != ENOENT || mkdir(dir, 0777) != 0)
            return bs_fail_status(err, BS_EXIT_ENV, dir, 0, "", "cannot create the folder: %s", strerror(errno));
        s->created = 1;
    } else if (!S_ISDIR(st.st_mode)) {
        return bs_fail_status(err, BS_EXIT_ENV, dir, 0, "", "is not a folder");
    }
    if (!mkdtemp(s->path)) {
        int e = errno;
        if (s->created)
            rmdir(dir);
        return bs_fail_status(err, BS_EXIT_ENV, dir, 0, "", "cannot write in the folder: %s", strerror(e));
    }
    bs_temp_stage(s->path);
    return 0;
}

/* Does name end in one of suffixes (NULL-terminated; NULL: any name)? */
static int has_suffix(const char *name, const char *const *suffixes)
{
    if (!suffixes)
        return 1;
    size_t n = strlen(name);
    for (; *suffixes; suffixes++) {
        size_t k = strlen(*suffixes);
        if (n >= k && strcmp(name + n - k, *suffixes) == 0)
            return 1;
    }
    return 0;
}

/* Call fn on each file of the staging folder; stop at the first non-zero. */
static int each(bs_stage *s, int (*fn)(bs_stage *, const char *, void *), void *arg)
{
    DIR *d = opendir(s->path);
    if (!d)
        return 0;
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        rc = fn(s, e->d_name, arg);
    }
    closedir(d);
    return rc;
}

typedef struct {
    const char *const *only;
    bs_error *err;
} commit_arg;

/* A folder where a file must go, or a file the command reads under a
 * file's name (through links, hard links included), stops the commit
 * before anything moves. */
static int check_one(bs_stage *s, const char *name, void *arg)
{
    commit_arg *a = arg;
    char final[STAGED_PATH_MAX];
    struct stat st;
    snprintf(final, sizeof final, "%s/%s", s->dir, name);
    if (!has_suffix(name, a->only))
        return 0;
    if (lstat(final, &st) == 0 && S_ISDIR(st.st_mode))
        return bs_fail_status(a->err, BS_EXIT_ENV, final, 0, "", "cannot write: it is a folder");
    return outfile_clash(final, a->err);
}

/* Copy the staged file from into the device or pipe at to (a chart's name
 * that links to one): written to directly, never replaced. */
static int copy_into(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
    char buf[65536];
    size_t n;
    int bad = !in || !out;
    while (!bad && (n = fread(buf, 1, sizeof buf, in)) > 0)
        bad = fwrite(buf, 1, n, out) != n;
    bad |= in && ferror(in);
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        bad = 1;
    return bad ? -1 : 0;
}

/* Put the staged file from in place at dir/name: through a link, the file
 * it points to is replaced, never the link; a device or pipe is written to. */
static int put_in_place(const char *from, const char *target)
{
    char final[BS_OUT_PATH_MAX];
    int direct;
    bs_error ignored = {0};
    if (outfile_where(target, final, sizeof final, &direct, &ignored) != 0)
        return -1;
    return direct ? copy_into(from, target) : rename(from, final);
}

/* Move one staged file into the folder (or drop it when not kept); the
 * first failure is kept in the commit's error. */
static int move_one(bs_stage *s, const char *name, void *arg)
{
    commit_arg *a = arg;
    char from[STAGED_PATH_MAX], final[STAGED_PATH_MAX];
    snprintf(from, sizeof from, "%s/%s", s->path, name);
    snprintf(final, sizeof final, "%s/%s", s->dir, name);
    /* a failure is kept, and the others moved all the same: they are complete */
    if (has_suffix(name, a->only) && put_in_place(from, final) != 0 && a->err->status == 0)
        bs_fail_status(a->err, BS_EXIT_ENV, final, 0, "", "cannot write: %s", strerror(errno));
    unlink(from); /* there only when not moved */
    bs_temp_unstage(from);
    return 0;
}

int stage_commit(bs_stage *s, const char *const *only_suffixes, bs_error *err)
{
    bs_error local = {0};
    commit_arg a = {only_suffixes, &local};
    int rc = each(s, check_one, &a);
    if (rc == 0) {
        each(s, move_one, &a);
        rc = local.status ? -1 : 0;
    }
    if (rc != 0) {
        *err = local;
        stage_abort(s);
        return -1;
    }
    rmdir(s->path);
    bs_temp_stage(NULL);
    return 0;
}

/* Remove one staged file. */
static int remove_one(bs_stage *s, const char *name, void *arg)
{
    (void)arg;
    char from[STAGED_PATH_MAX];
    snprintf(from, sizeof from, "%s/%s", s->path, name);
    unlink(from);
    bs_temp_unstage(from);
    return 0;
}

void stage_abort(bs_stage *s)
{
    each(s, remove_one, NULL);
    rmdir(s->path);
    bs_temp_stage(NULL);
    if (s->created)
        rmdir(s->dir); /* only when empty: a file put there meanwhile stays */
}

/* Replace every occurrence of from in buf (of size size) by to. */
static void replace_all(char *buf, size_t size, const char *from, const char *to)
{
    size_t fl = strlen(from), tl = strlen(to);
    char *p = buf;
    while (fl > 0 && (p = strstr(p, from)) != NULL) {
        size_t rest = strlen(p + fl);
        if ((size_t)(p - buf) + tl + rest + 1 > size)
            return;
        memmove(p + tl, p + fl, rest + 1);
        memcpy(p, to, tl);
        p += tl;
    }
}

void stage_error(const bs_stage *s, bs_error *err)
{
    replace_all(err->file, sizeof err->file, s->path, s->dir);
    replace_all(err->message, sizeof err->message, s->path, s->dir);
}
