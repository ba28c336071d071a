/* libFuzzer harness: the --set argument parser. The input (NUL bytes
 * replaced by spaces) is one override of the Liverpool adopted budget; a
 * scenario that loads is also run through the model. Run from the top folder. */
#include "load/source.h"
#include "core/budget.h"
#include "core/scenario.h"
#include "core/util.h"
#include "fuzz_check.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
    int rc = scenario_load("scenarios/liverpool-2022-adopted.cfg", &ov, 1, sc, &err);
    check_loaded(rc, sc, r, &err, BS_EXIT_INPUT);   /* only the override is bad: never an environment error */
    free(text);
    free(sc);
    free(r);
    return 0;
}
