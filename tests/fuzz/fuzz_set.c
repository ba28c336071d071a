/* libFuzzer harness: the --set argument parser. The input (NUL bytes
 * replaced by spaces) is one override of the Liverpool adopted budget; a
 * scenario that loads is also run through the model. Run from the top folder. */
#include "budget.h"
#include "scenario.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
    char *text = malloc(size + 1);
    bs_scenario *sc = malloc(sizeof *sc);
    bs_result *r = malloc(sizeof *r);
    if (!text || !sc || !r)
        abort();
    for (size_t i = 0; i < size; i++)
        text[i] = data[i] ? (char)data[i] : ' ';
    text[size] = '\0';

    bs_override ov = { text };
    bs_error err;
    memset(&err, 0, sizeof err);
    if (scenario_load("scenarios/liverpool-2022-adopted.cfg", &ov, 1, sc, &err) == 0) {
        budget_run(sc, r);
        if (!budget_finite(sc, r))
            abort(); /* the reader lets no scenario through whose budget has a NaN or an infinity */
    } else {
        check_error(&err, BS_EXIT_INPUT);   /* only the override is bad: never an environment error */
        /* a value inside its range that the model cannot compute: the guard
         * reports it cleanly, but it is a hole in the ranges or the model */
        if (strncmp(err.message, "the budget cannot be computed", 29) == 0)
            abort();
    }
    free(text);
    free(sc);
    free(r);
    return 0;
}
