/* rules.c - the table of rules (see rules.h); each rule is in core/rules/.
 *
 * This file may use: core/ and the C library (no files, no printing). */
#include "core/rules.h"

#include <string.h>

extern const bs_rule bs_rule_balanced, bs_rule_referendum, bs_rule_general_reserve, bs_rule_earmarked_reserves;

const bs_rule *const bs_rules[BS_NRULES] = {
    [BS_RULE_BALANCED] = &bs_rule_balanced,
    [BS_RULE_REFERENDUM] = &bs_rule_referendum,
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
