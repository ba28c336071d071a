/* libFuzzer harness: the scenario reader and validator.
 * Each input is written to a file in a private temporary folder and read with
 * scenario_load(); a scenario that loads is also run through the model. */
#include "budget.h"
#include "scenario.h"
#include "util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];
static char path[128];

static void remove_dir(void)
{
    unlink(path);
    rmdir(dir);
}

/* An error must be one line, not empty, with the expected status (an out of
 * memory error, status 3, is allowed too for a file). */
static void check_error(const bs_error *err, int status)
{
    char line[2048];
    bs_error_format(err, line, sizeof line);
    if (err->status != status && !(err->status == BS_EXIT_ENV && strstr(err->message, "out of memory")))
        abort();
    if (!line[0] || strchr(line, '\n') || strchr(line, '\r'))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/bsfuzz.XXXXXX", tmp && strlen(tmp) < 40 ? tmp : "/tmp");
        if (!mkdtemp(dir))
            abort();
        snprintf(path, sizeof path, "%s/scenario.cfg", dir);
        atexit(remove_dir);
    }
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    if (size && fwrite(data, 1, size, f) != size)
        abort();
    if (fclose(f) != 0)
        abort();

    bs_scenario *sc = malloc(sizeof *sc);
    bs_result *r = malloc(sizeof *r);
    if (!sc || !r)
        abort();
    bs_error err;
    memset(&err, 0, sizeof err);
    if (scenario_load(path, NULL, 0, sc, &err) == 0)
        budget_run(sc, r);
    else
        check_error(&err, BS_EXIT_INPUT);
    free(sc);
    free(r);
    return 0;
}
