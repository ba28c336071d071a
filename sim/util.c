/* util.c - errors, text and number formatting. */
#include "util.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void verror(bs_error *err, int status, const char *file, int line,
                   const char *setting, const char *fmt, va_list ap)
{
    if (!err)
        return;
    err->status = status;
    bs_strlcpy(err->file, file ? file : "", sizeof err->file);
    err->line = line;
    bs_strlcpy(err->setting, setting ? setting : "", sizeof err->setting);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
}

int bs_fail(bs_error *err, const char *file, int line, const char *setting,
            const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(err, BS_EXIT_INPUT, file, line, setting, fmt, ap);
    va_end(ap);
    return -1;
}

int bs_fail_status(bs_error *err, int status, const char *file, int line,
                   const char *setting, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(err, status, file, line, setting, fmt, ap);
    va_end(ap);
    return -1;
}

/* Replace control characters so that a message stays on one line. */
static void one_line(char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            *s = '?';
}

const char *bs_printable(const char *text, char *buf, size_t size)
{
    if (size == 0)
        return "";
    size_t n = strlen(text);
    if (n >= size) {
        n = size > 4 ? size - 4 : size - 1;
        memcpy(buf, text, n);
        memcpy(buf + n, "...", size > 4 ? 4 : 1);
        buf[size - 1] = '\0';
    } else {
        memcpy(buf, text, n + 1);
    }
    one_line(buf);
    return buf;
}

void bs_error_format(const bs_error *err, char *buf, size_t size)
{
    char where[600] = "";
    if (err->file[0] && err->line > 0)
        snprintf(where, sizeof where, "%s:%d: ", err->file, err->line);
    else if (err->file[0])
        snprintf(where, sizeof where, "%s: ", err->file);
    if (err->setting[0])
        snprintf(buf, size, "%s%s: %s", where, err->setting, err->message);
    else
        snprintf(buf, size, "%s%s", where, err->message);
    one_line(buf);
}

int bs_strlcpy(char *dst, const char *src, size_t size)
{
    size_t n = strlen(src);
    if (size == 0)
        return -1;
    if (n >= size) {
        memcpy(dst, src, size - 1);
        dst[size - 1] = '\0';
        return -1;
    }
    memcpy(dst, src, n + 1);
    return 0;
}

int bs_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 255 || lb > 255)
        return 1000;
    int prev[256], cur[256];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int best = prev[j - 1] + cost;
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            cur[j] = best;
        }
        memcpy(prev, cur, (lb + 1) * sizeof prev[0]);
    }
    return prev[lb];
}

char *bs_fmt_grouped(double v, int decimals, int plus, char *buf, size_t size)
{
    char raw[64];
    double scale = pow(10.0, decimals);
    /* Round first, so that -0.04 prints as 0.0 and not -0.0. */
    double r = round(v * scale) / scale;
    if (r == 0.0)
        r = 0.0;
    snprintf(raw, sizeof raw, "%.*f", decimals, fabs(r));
    char *dot = strchr(raw, '.');
    size_t intlen = dot ? (size_t)(dot - raw) : strlen(raw);
    char out[96];
    size_t o = 0;
    if (r < 0)
        out[o++] = '-';
    else if (plus && r > 0)
        out[o++] = '+';
    for (size_t i = 0; i < intlen; i++) {
        out[o++] = raw[i];
        size_t left = intlen - i - 1;
        if (left > 0 && left % 3 == 0)
            out[o++] = ',';
    }
    if (dot) {
        size_t rest = strlen(dot);
        memcpy(out + o, dot, rest);
        o += rest;
    }
    out[o] = '\0';
    bs_strlcpy(buf, out, size);
    return buf;
}

char *bs_fmt_m(double m, char *buf, size_t size)
{
    return bs_fmt_grouped(m, 1, 0, buf, size);
}

char *bs_fmt_signed_m(double m, char *buf, size_t size)
{
    return bs_fmt_grouped(m, 1, 1, buf, size);
}

char *bs_fmt_pounds(double pounds, char *buf, size_t size)
{
    return bs_fmt_grouped(pounds, 2, 0, buf, size);
}

char *bs_fmt_gbp_m(double m, int decimals, char *buf, size_t size)
{
    char num[64];
    bs_fmt_grouped(m, decimals, 0, num, sizeof num);
    if (num[0] == '-')
        snprintf(buf, size, "-\xc2\xa3%sm", num + 1);
    else
        snprintf(buf, size, "\xc2\xa3%sm", num);
    return buf;
}

char *bs_year_label(int year, char *buf, size_t size)
{
    snprintf(buf, size, "%d/%02d", year, (year + 1) % 100);
    return buf;
}

int bs_stream_finish(FILE *f, const char *what, bs_error *err)
{
    int bad = fflush(f) != 0 || ferror(f);
    int saved = errno;
    if (bad)
        return bs_fail_status(err, BS_EXIT_ENV, "", 0, "",
                              "cannot write %s: %s", what,
                              saved ? strerror(saved) : "write error");
    return 0;
}

/* Temporary files being written, and files staged for a set of charts,
 * removed if the process is interrupted (SIGINT, SIGTERM, SIGHUP) so that no
 * partial output is left behind. Only the main thread adds and removes
 * entries; the handler only reads them. */
#define MAX_TEMPS 128 /* a report with every chart stages about 30 files */
static char temp_path[MAX_TEMPS][4200];
static volatile sig_atomic_t temp_used[MAX_TEMPS];
static char stage_path[4200];                 /* the staging folder in use, "" for none */
static volatile sig_atomic_t stage_used;

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

static void temp_forget(const char *path)
{
    for (int i = 0; i < MAX_TEMPS; i++)
        if (temp_used[i] && strcmp(temp_path[i], path) == 0) {
            temp_used[i] = 0;
            return;
        }
}

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
