/* rules.c - the table of rules (see rules.h); each rule is in core/rules/.
 *
 * This file may use: core/ and the C library (no files, no printing). */
#include "core/rules.h"

#include <stdio.h>
#include <string.h>

extern const bs_rule bs_rule_balanced, bs_rule_referendum_core, bs_rule_referendum_asc, bs_rule_general_reserve,
    bs_rule_earmarked_reserves;

const bs_rule *const bs_rules[BS_NRULES] = {
    [BS_RULE_BALANCED] = &bs_rule_balanced,
    [BS_RULE_REFERENDUM_CORE] = &bs_rule_referendum_core,
    [BS_RULE_REFERENDUM_ASC] = &bs_rule_referendum_asc,
    [BS_RULE_MINIMUM] = &bs_rule_general_reserve,
    [BS_RULE_EARMARKED] = &bs_rule_earmarked_reserves,
};

const bs_rule *rules_find(const char *key)
{
    for (int k = 0; k < BS_NRULES; k++)
        if (strcmp(bs_rules[k]->key, key) == 0)
            return bs_rules[k];
    return NULL;
}

char *rules_fmt_limit(double v, char *buf, size_t size)
{
    snprintf(buf, size, "%.2f", v);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *end = dot + strlen(dot) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *dot = '\0';
    }
    if (strcmp(buf, "-0") == 0)
        strcpy(buf, "0");
    return buf;
}
