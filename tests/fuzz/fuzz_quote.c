/* libFuzzer harness: plot_quote(), gnuplot single quoting. The result must
 * start and end with a single quote, hold only doubled quotes inside, and
 * no control characters; it is tried with several buffer sizes. */
#include "write/plot.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void check(const char *s, size_t bufsize)
{
    char *buf = malloc(bufsize);
    if (!buf)
        abort();
    plot_quote(s, buf, bufsize);
    size_t n = strlen(buf);
    if (n >= bufsize)
        abort();
    if (bufsize < 3) {
        free(buf);
        return;
    }
    if (n < 2 || buf[0] != '\'' || buf[n - 1] != '\'')
        abort();
    for (size_t i = 1; i + 1 < n; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (c < 0x20 || c == 0x7f)
            abort();
        if (c == '\'') {
            if (i + 2 >= n || buf[i + 1] != '\'')
                abort();    /* a lone quote inside would end the string */
            i++;
        }
    }
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    memcpy(s, data, size);
    s[size] = '\0';     /* a NUL inside ends the text, as in C */
    check(s, 3);
    check(s, 4);
    check(s, 7);
    check(s, 64);
    check(s, 2 * size + 3);
    free(s);
    return 0;
}
