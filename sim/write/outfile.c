/* outfile.c - output files written whole or not at all (see outfile.h).
 *
 * This file may use: core/, write/ (emit.h), the C library and POSIX. */
#include "write/outfile.h"
#include "write/emit.h"

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Temporary files being written, and files staged for a set of charts,
 * removed if the process is interrupted (SIGINT, SIGTERM, SIGHUP) so that no
 * partial output is left behind. Only the main thread adds and removes
 * entries; the handler only reads them. */
#define MAX_TEMPS 128 /* a report with every chart stages about 30 files */
static char temp_path[MAX_TEMPS][BS_OUT_PATH_MAX];
static volatile sig_atomic_t temp_used[MAX_TEMPS];
static char stage_path[BS_OUT_PATH_MAX];                 /* the staging folder in use, "" for none */
static volatile sig_atomic_t stage_used;

/* Remember path (a free slot; none: it is simply not removed on an interrupt). */
static void temp_remember(const char *path)
{
    if (strlen(path) >= sizeof temp_path[0])
        return;
    for (int i = 0; i < MAX_TEMPS; i++)
        if (!temp_used[i]) {
            memcpy(temp_path[i], path, strlen(path) + 1);
            atomic_signal_fence(memory_order_seq_cst); /* the path is whole before it is seen */
            temp_used[i] = 1;
            return;
        }
}

/* Forget path, which is no longer to be removed on an interrupt. */
static void temp_forget(const char *path)
{
    for (int i = 0; i < MAX_TEMPS; i++)
        if (temp_used[i] && strcmp(temp_path[i], path) == 0) {
            temp_used[i] = 0;
            return;
        }
}

/* The signal handler: remove the files remembered and the staging folder,
 * then die of the same signal. */
static void on_interrupt(int sig)
{
    for (int i = 0; i < MAX_TEMPS; i++)
        if (temp_used[i])
            unlink(temp_path[i]); /* unlink and rmdir are async-signal-safe */
    if (stage_used)
        rmdir(stage_path);
    signal(sig, SIG_DFL);
    raise(sig);
}

void bs_temp_die(int sig)
{
    on_interrupt(sig);
}

void bs_temp_cleanup_on_signals(void)
{
    int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t k = 0; k < sizeof sigs / sizeof sigs[0]; k++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_interrupt;
        sigemptyset(&sa.sa_mask);
        /* keep a signal the caller chose to ignore (nohup) ignored */
        struct sigaction old;
        if (sigaction(sigs[k], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(sigs[k], &sa, NULL);
    }
}

void bs_temp_remove(const char *path)
{
    unlink(path);
    temp_forget(path);
}

/* Is path inside the staging folder in use? */
static int in_stage(const char *path)
{
    size_t n = strlen(stage_path);
    return stage_used && strncmp(path, stage_path, n) == 0 && path[n] == '/';
}

int bs_temp_commit(const char *path, const char *final)
{
    int rc = rename(path, final);
    int saved = errno;
    if (rc != 0)
        unlink(path);
    temp_forget(path);
    if (rc == 0 && in_stage(final))
        temp_remember(final); /* complete, but not in place until the stage is */
    errno = saved;
    return rc;
}

void bs_temp_stage(const char *stage)
{
    stage_used = 0;
    if (stage && strlen(stage) < sizeof stage_path) {
        memcpy(stage_path, stage, strlen(stage) + 1);
        atomic_signal_fence(memory_order_seq_cst);
        stage_used = 1;
    }
}

void bs_temp_unstage(const char *path)
{
    temp_forget(path);
}

int bs_mkstemp(char *tmpl)
{
    int fd = mkstemp(tmpl);
    if (fd >= 0) {
        temp_remember(tmpl);
        mode_t mask = umask(0);
        umask(mask);
        if (fchmod(fd, 0666 & ~mask) != 0) {
            /* keep 0600: still a correct file */
        }
    }
    return fd;
}

/* ------------------------------------------------------------------ */
/* One output: a file, standard output or a device                     */
/* ------------------------------------------------------------------ */

/* ------------------------------------------------------------------ */
/* Inputs: no output may replace a file the command read                */
/* ------------------------------------------------------------------ */

#define MAX_INPUTS 1024 /* a scenario, its bases and includes: far fewer */
static struct {
    dev_t dev;
    ino_t ino;
    char path[BS_FILE_MAX];
} inputs[MAX_INPUTS];
static int ninputs;

int outfile_protect(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0 || ninputs >= MAX_INPUTS)
        return -1;
    for (int i = 0; i < ninputs; i++)
        if (inputs[i].dev == st.st_dev && inputs[i].ino == st.st_ino)
            return 0;
    inputs[ninputs].dev = st.st_dev;
    inputs[ninputs].ino = st.st_ino;
    bs_strlcpy(inputs[ninputs].path, path, sizeof inputs[ninputs].path);
    ninputs++;
    return 0;
}

int outfile_clash(const char *target, bs_error *err)
{
    struct stat st;
    if (stat(target, &st) != 0) /* through every link: the file the name stands for */
        return 0;
    for (int i = 0; i < ninputs; i++)
        if (inputs[i].dev == st.st_dev && inputs[i].ino == st.st_ino) {
            char shown[BS_FILE_MAX];
            return bs_fail(err, target, 0, "", "would replace %s, which this command reads; nothing was written",
                           bs_printable(inputs[i].path, shown, sizeof shown));
        }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Where an output really goes                                          */
/* ------------------------------------------------------------------ */

/* Does path name something under /dev or /proc (a device, /dev/stdout,
 * /proc/self/fd/N), which is written to directly, never replaced? */
static int is_special_name(const char *path)
{
    return strncmp(path, "/dev/", 5) == 0 || strncmp(path, "/proc/", 6) == 0;
}

/* Follow the symbolic links of path (at most 40) to the name that is not a
 * link, which may not exist yet, into final (size bytes): writing "through"
 * a link replaces the file it points to, never the link. *special is set
 * when a link leads under /dev or /proc. Returns 0, or -1 with errno
 * (ELOOP, ENAMETOOLONG). */
static int follow_links(const char *path, char *final, size_t size, int *special)
{
    char cur[BS_OUT_PATH_MAX], target[BS_OUT_PATH_MAX];
    *special = is_special_name(path);
    if (bs_strlcpy(cur, path, sizeof cur) != 0)
        return errno = ENAMETOOLONG, -1;
    for (int hops = 0;; hops++) {
        struct stat st;
        if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
            break;
        if (hops == 40)
            return errno = ELOOP, -1;
        ssize_t n = readlink(cur, target, sizeof target - 1);
        if (n < 0)
            return -1;
        target[n] = '\0';
        *special |= is_special_name(target);
        if (target[0] == '/') {
            memcpy(cur, target, (size_t)n + 1);
        } else {
            char *slash = strrchr(cur, '/');
            size_t keep = slash ? (size_t)(slash - cur) + 1 : 0;
            if (keep + (size_t)n + 1 > sizeof cur)
                return errno = ENAMETOOLONG, -1;
            memcpy(cur + keep, target, (size_t)n + 1);
        }
    }
    if (bs_strlcpy(final, cur, size) != 0)
        return errno = ENAMETOOLONG, -1;
    return 0;
}

int outfile_where(const char *path, char *final, size_t size, int *direct, bs_error *err)
{
    struct stat st;
    int special;
    *direct = 0;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return bs_fail_status(err, BS_EXIT_ENV, path, 0, "", "is a directory");
    if (outfile_clash(path, err) != 0)
        return -1;
    if (follow_links(path, final, size, &special) != 0)
        return bs_fail_status(err, BS_EXIT_ENV, path, 0, "", "cannot write: %s", strerror(errno));
    /* A device, a pipe or a socket (/dev/stdout, a FIFO, /proc/self/fd/N):
     * written to directly, since renaming a file over it would replace it. */
    *direct = special || (stat(path, &st) == 0 && !S_ISREG(st.st_mode));
    return 0;
}

int outfile_open(bs_outfile *o, const char *path, bs_error *err)
{
    o->path = path && strcmp(path, "-") == 0 ? NULL : path;
    o->tmp[0] = o->final[0] = '\0';
    o->f = NULL;
    if (!o->path) {
        o->f = stdout;
        return 0;
    }
    path = o->path;
    int direct;
    if (outfile_where(path, o->final, sizeof o->final, &direct, err) != 0)
        return -1;
    if (direct) {
        if (!(o->f = fopen(path, "w")))
            return bs_fail_status(err, BS_EXIT_ENV, path, 0, "", "cannot write: %s", strerror(errno));
        return 0;
    }
    if ((size_t)snprintf(o->tmp, sizeof o->tmp, "%s.tmpXXXXXX", o->final) >= sizeof o->tmp) {
        o->tmp[0] = '\0';
        return bs_fail_status(err, BS_EXIT_ENV, path, 0, "", "the file name is too long");
    }
    int fd = bs_mkstemp(o->tmp);
    if (fd < 0) {
        o->tmp[0] = '\0';
        return bs_fail_status(err, BS_EXIT_ENV, path, 0, "", "cannot write: %s", strerror(errno));
    }
    if (!(o->f = fdopen(fd, "w"))) {
        int saved = errno;
        close(fd);
        bs_temp_remove(o->tmp);
        o->tmp[0] = '\0';
        return bs_fail_status(err, BS_EXIT_ENV, path, 0, "", "cannot write: %s", strerror(saved));
    }
    return 0;
}

/* A writer stopped because the stream failed: it left ferror set and only
 * the system's reason in err->message. Name the output in the error. */
static void name_the_output(const bs_outfile *o, int ok, bs_error *err)
{
    if (ok || !ferror(o->f) || err->status != BS_EXIT_ENV || err->file[0] || err->setting[0])
        return;
    char reason[sizeof err->message];
    memcpy(reason, err->message, sizeof reason);
    if (o->path)
        bs_fail_status(err, BS_EXIT_ENV, o->path, 0, "", "cannot write: %s", reason);
    else
        bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "cannot write standard output: %s", reason);
}

int outfile_close(bs_outfile *o, int ok, bs_error *err)
{
    name_the_output(o, ok, err);
    if (!o->path) {
        if (ok)
            return bs_stream_finish(o->f, "standard output", err);
        if (ferror(o->f) && bs_stdout_closed())
            err->status = BS_EXIT_PIPE;
        return -1;
    }
    int direct = !o->tmp[0]; /* a device or pipe */
    int bad = !ok || fflush(o->f) != 0 || ferror(o->f) || (!direct && fsync(fileno(o->f)) != 0);
    int saved = errno;
    if (fclose(o->f) != 0)
        bad = 1;
    o->f = NULL;
    if (!bad)
        return 0;
    if (!direct) {
        bs_temp_remove(o->tmp);
        o->tmp[0] = '\0';
    }
    if (ok)
        bs_fail_status(err, BS_EXIT_ENV, o->path, 0, "", "cannot write: %s", strerror(saved ? saved : EIO));
    return -1;
}

int outfile_commit(bs_outfile *o, bs_error *err)
{
    if (!o->path || !o->tmp[0])
        return 0;
    if (bs_temp_commit(o->tmp, o->final) != 0) {
        int saved = errno;
        bs_temp_remove(o->tmp);
        o->tmp[0] = '\0';
        return bs_fail_status(err, BS_EXIT_ENV, o->path, 0, "", "cannot write: %s", strerror(saved));
    }
    o->tmp[0] = '\0';
    return 0;
}

void outfile_discard(bs_outfile *o)
{
    if (o->path && o->tmp[0])
        bs_temp_remove(o->tmp);
    o->tmp[0] = '\0';
}

int outfile_finish(bs_outfile *o, int ok, bs_error *err)
{
    if (outfile_close(o, ok, err) != 0)
        return -1;
    return outfile_commit(o, err);
}

/* ------------------------------------------------------------------ */
/* A file inside a folder: charts, their data and scripts, reports     */
/* ------------------------------------------------------------------ */

FILE *outfile_open_in(const char *dir, const char *name, char *tmp, size_t size, bs_error *err)
{
    if ((size_t)snprintf(tmp, size, "%s/.%s.tmpXXXXXX", dir, name) >= size) {
        bs_fail_status(err, BS_EXIT_ENV, dir, 0, "", "the folder name is too long");
        return NULL;
    }
    int fd = bs_mkstemp(tmp);
    if (fd < 0) {
        bs_fail_status(err, BS_EXIT_ENV, dir, 0, "", "cannot write %s: %s", name, strerror(errno));
        return NULL;
    }
    FILE *f = fdopen(fd, "w");
    if (!f) {
        int saved = errno;
        close(fd);
        bs_temp_remove(tmp);
        bs_fail_status(err, BS_EXIT_ENV, dir, 0, "", "cannot write %s: %s", name, strerror(saved));
    }
    return f;
}

int outfile_close_in(FILE *f, const char *tmp, const char *dir, const char *name, bs_error *err)
{
    int bad = fflush(f) != 0 || ferror(f);
    int saved = errno;
    if (fclose(f) != 0 && !bad) {
        bad = 1;
        saved = errno;
    }
    char final[BS_OUT_PATH_MAX];
    if ((size_t)snprintf(final, sizeof final, "%s/%s", dir, name) >= sizeof final) {
        bs_temp_remove(tmp);
        return bs_fail_status(err, BS_EXIT_ENV, dir, 0, "", "the folder name is too long");
    }
    if (bad || bs_temp_commit(tmp, final) != 0) {
        if (!bad)
            saved = errno;
        bs_temp_remove(tmp);
        return bs_fail_status(err, BS_EXIT_ENV, dir, 0, "", "cannot write %s: %s", name,
                              strerror(saved ? saved : EIO));
    }
    return 0;
}
