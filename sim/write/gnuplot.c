/* gnuplot.c - a chart drawn by gnuplot (see gnuplot.h). gnuplot does not
 * check its writes (on a full disk it leaves a short chart and exits 0), so
 * it writes the chart into a pipe, its descriptor 3, and this process copies
 * it to a temporary file, checking every write and that the bytes make a
 * whole chart of their format (imagecheck.h), renamed into place when all
 * is well. gnuplot runs without a shell, its standard input from /dev/null,
 * its standard output and errors read back: any word from it (a warning
 * included) is a failure.
 *
 * This file may use: core/, write/ (outfile.h, imagecheck.h), the C library
 * and POSIX. */
#include "write/gnuplot.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "write/imagecheck.h"
#include "write/outfile.h"

/* The pipes between this process and gnuplot: [0] read here, [1] in the child. */
typedef struct {
    int words[2]; /* gnuplot's standard output and errors */
    int chart[2]; /* the chart: gnuplot's descriptor 3 */
    int ready[2]; /* closed by the exec; the child's errno when gnuplot cannot start */
} gp_pipes;

/* What a run of gnuplot did. */
typedef struct {
    int not_started;  /* the child could not start gnuplot ... */
    int start_errno;  /* ... for this reason */
    int status;       /* as waitpid gives it */
    char words[2000]; /* the start of what it printed, NUL-terminated */
    size_t used;      /* bytes in words */
    int write_errno;  /* the chart could not be copied: why (0: it was) */
    img_check *check; /* the chart's bytes, checked as they come */
} gp_run;

/* Close every descriptor of p that is open. */
static void close_pipes(gp_pipes *p)
{
    int *fds[3] = {p->words, p->chart, p->ready};
    for (int i = 0; i < 3; i++)
        for (int k = 0; k < 2; k++)
            if (fds[i][k] >= 0)
                close(fds[i][k]);
}

/* Make the three pipes (ready's write end closed on exec). Returns 0, or an
 * errno with none of them left open. */
static int open_pipes(gp_pipes *p)
{
    for (int k = 0; k < 2; k++)
        p->words[k] = p->chart[k] = p->ready[k] = -1;
    if (pipe(p->words) != 0 || pipe(p->chart) != 0 || pipe(p->ready) != 0) {
        int e = errno;
        close_pipes(p);
        return e;
    }
    fcntl(p->ready[1], F_SETFD, FD_CLOEXEC);
    return 0;
}

extern char **environ;

/* gnuplot's environment: this process's, with LC_ALL=C.UTF-8 first and no
 * other LC_ALL. Every script says "set encoding utf8" (charts/chart.c: its
 * text is UTF-8, and gnuplot then estimates a label's width in characters,
 * not bytes); gnuplot 5.4 warns "iconv failed to convert degree sign" at
 * that line when the locale's character set is not UTF-8 (LC_ALL=C, as the
 * tests run), and any word from gnuplot is a failure. C.UTF-8 is built
 * into Debian's C library. Made before the fork: the child only points
 * environ at it (an assignment, safe after fork in a process with threads).
 * Returns NULL when out of memory (gnuplot then gets this environment). */
static char **gnuplot_env(void)
{
    static char lc_all[] = "LC_ALL=C.UTF-8";
    size_t n = 0;
    while (environ && environ[n])
        n++;
    char **env = malloc((n + 2) * sizeof *env);
    if (!env)
        return NULL;
    size_t o = 0;
    env[o++] = lc_all;
    for (size_t i = 0; i < n; i++)
        if (strncmp(environ[i], "LC_ALL=", 7) != 0)
            env[o++] = environ[i];
    env[o] = NULL;
    return env;
}

/* In the child: standard input from /dev/null, standard output and errors
 * into words, the chart pipe on descriptor 3, dir the working folder, then
 * exec gnuplot on gpname with setout (the output and the format) in env,
 * both made before the fork. When that fails, the errno goes back through
 * ready. Never returns. */
static _Noreturn void run_child(const gp_pipes *p, const char *dir, const char *gpname, char *setout, char **env)
{
    close(p->words[0]);
    close(p->chart[0]);
    close(p->ready[0]);
    /* the chart's pipe out of the way of 0 to 2 first, then onto 3 */
    int chartfd = fcntl(p->chart[1], F_DUPFD, 10);
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0)
        dup2(devnull, 0);
    dup2(p->words[1], 1);
    dup2(p->words[1], 2);
    if (chartfd < 0 || dup2(chartfd, 3) != 3 || chdir(dir) != 0) {
        int e = errno;
        (void)!write(p->ready[1], &e, sizeof e);
        _exit(127);
    }
    close(chartfd);
    if (p->chart[1] != 3)
        close(p->chart[1]);
    if (p->words[1] > 3)
        close(p->words[1]);
    char *argv[] = {"gnuplot", "-d", "-e", setout, (char *)gpname, NULL};
    if (env)
        environ = env;
    execvp("gnuplot", argv);
    int e = errno;
    (void)!write(p->ready[1], &e, sizeof e);
    _exit(127);
}

/* One read from pf (k: 0 words, 1 the chart) into run or img; the end of
 * the pipe closes pf. After a failed write the chart is read and dropped,
 * so that gnuplot never blocks. */
static void read_one(struct pollfd *pf, int k, FILE *img, gp_run *run, char *buf, size_t size)
{
    ssize_t m = read(pf->fd, buf, size);
    if (m < 0 && errno == EINTR)
        return;
    if (m <= 0) {
        close(pf->fd);
        pf->fd = -1;
    } else if (k == 0) {
        size_t room = sizeof run->words - 1 - run->used;
        size_t keep = (size_t)m < room ? (size_t)m : room;
        memcpy(run->words + run->used, buf, keep);
        run->used += keep;
    } else {
        img_check_feed(run->check, buf, (size_t)m);
        if (!run->write_errno && fwrite(buf, 1, (size_t)m, img) != (size_t)m)
            run->write_errno = errno ? errno : EIO;
    }
}

/* Read both pipes to their ends: the chart into img, gnuplot's words into
 * run->words. Closes both read ends. */
static void pump(int words, int chart, FILE *img, gp_run *run)
{
    char buf[65536];
    struct pollfd pf[2] = {{words, POLLIN, 0}, {chart, POLLIN, 0}};
    while (pf[0].fd >= 0 || pf[1].fd >= 0) {
        if (poll(pf, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            run->write_errno = errno;
            break;
        }
        for (int k = 0; k < 2; k++)
            if (pf[k].fd >= 0 && pf[k].revents)
                read_one(&pf[k], k, img, run, buf, sizeof buf);
    }
    for (int k = 0; k < 2; k++)
        if (pf[k].fd >= 0)
            close(pf[k].fd);
    run->words[run->used] = '\0';
}

/* Run gnuplot on gpname in dir, its chart copied into img and checked by
 * check (started), and wait for it. Returns 0 with what it did in run, or an
 * errno when no child could be made (pipes, fork). */
static int run_gnuplot(const char *dir, const char *gpname, const char *ext, FILE *img, img_check *check,
                       gp_run *run)
{
    /* the format too (charts/chart.c: the script's fmt, its default the
     * format it was written for), so that one script renders in another
     * format: report --format pdf draws each chart's SVG for report.html.
     * ext is plot_extension's, letters only. */
    char setout[64];
    snprintf(setout, sizeof setout, "outfile='/dev/fd/3'; fmt='%s'", ext);
    gp_pipes p;
    int e = open_pipes(&p);
    if (e)
        return e;
    char **env = gnuplot_env();
    pid_t pid = fork();
    if (pid < 0) {
        e = errno;
        free(env);
        close_pipes(&p);
        return e;
    }
    if (pid == 0)
        run_child(&p, dir, gpname, setout, env);
    free(env);
    close(p.words[1]);
    close(p.chart[1]);
    close(p.ready[1]);
    memset(run, 0, sizeof *run);
    run->check = check;
    ssize_t got = read(p.ready[0], &run->start_errno, sizeof run->start_errno);
    close(p.ready[0]);
    run->not_started = got == (ssize_t)sizeof run->start_errno;
    pump(p.words[0], p.chart[0], img, run);
    while (waitpid(pid, &run->status, 0) < 0 && errno == EINTR)
        ;
    return 0;
}

/* Why the chart of run is not kept, as err (-1); 0 when it is. */
static int run_error(gp_run *run, const char *dir, const char *gpname, const char *chart, bs_error *err)
{
    if (run->not_started) {
        if (run->start_errno == ENOENT)
            return bs_fail_status(err, BS_EXIT_ENV, "", 0, "",
                                  "gnuplot is not installed: the scripts and data are in %s; install it with "
                                  "'sudo apt-get install gnuplot-nox' to draw the charts", dir);
        return bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "cannot run gnuplot: %s", strerror(run->start_errno));
    }
    if (!WIFEXITED(run->status) || WEXITSTATUS(run->status) != 0 || run->used > 0) {
        for (char *q = run->words; *q; q++)
            if (*q == '\n' || *q == '\r' || *q == '\t')
                *q = ' ';
        return bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "gnuplot failed on %s/%s: %s", dir, gpname,
                              run->used ? run->words : "it exited with an error");
    }
    if (run->write_errno)
        return bs_fail_status(err, BS_EXIT_ENV, dir, 0, "", "cannot write %s: %s", chart, strerror(run->write_errno));
    const char *why = img_check_finish(run->check);
    if (why)
        return bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "gnuplot drew no whole chart in %s/%s: %s", dir, chart,
                              why);
    return 0;
}

int gnuplot_render(const char *dir, const char *name, const char *ext, bs_error *err)
{
    char chart[200], gpname[200], tmp[BS_OUT_PATH_MAX];
    snprintf(chart, sizeof chart, "%s.%s", name, ext);
    snprintf(gpname, sizeof gpname, "%s.gp", name);
    FILE *img = outfile_open_in(dir, chart, tmp, sizeof tmp, err);
    if (!img)
        return -1;
    fcntl(fileno(img), F_SETFD, FD_CLOEXEC);
    gp_run run;
    img_check check;
    img_check_start(&check, ext);
    int e = run_gnuplot(dir, gpname, ext, img, &check, &run);
    if (e == 0 && run_error(&run, dir, gpname, chart, err) == 0)
        return outfile_close_in(img, tmp, dir, chart, err);
    fclose(img);
    bs_temp_remove(tmp);
    if (e)
        return bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "cannot run gnuplot: %s", strerror(e));
    return -1;
}
