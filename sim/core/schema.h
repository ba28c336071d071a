/* schema.h - the table of every scenario setting: path, type, unit, default,
 * range and meaning. The reader validates against it, `--set` and the
 * reference documentation (budgetsim reference) are generated from it, so the
 * three can never disagree.
 *
 * This file may use: core/, the C library and libm (no files, no printing, no exit). */
#ifndef BS_SCHEMA_H
#define BS_SCHEMA_H

#include <stddef.h>

#include "core/scenario.h"

typedef enum {
    BS_T_NUM,     /* a number (integer literals accepted) */
    BS_T_INT,     /* a whole number */
    BS_T_BOOL,    /* true or false */
    BS_T_STR,     /* text */
    BS_T_ID,      /* text naming another part of the scenario */
    BS_T_ENUM,    /* one of a fixed list of words */
    BS_T_SERIES1, /* per year: one number for every year, or a list from the first year */
    BS_T_SERIES2, /* per year: one number for every year, or a list from the second year */
    BS_T_LIST,    /* a list of numbers */
    BS_T_STRLIST  /* a list of texts, stored joined by newlines */
} bs_type;

/* Where the value lives in a bs_scenario. */
typedef enum {
    BS_IN_TOP,       /* the scenario itself */
    BS_IN_SERVICE,   /* services.ID */
    BS_IN_FUNDING,   /* funding.ID */
    BS_IN_EARMARKED, /* reserves.earmarked.ID (stored in reserves[1..]) */
    BS_IN_MEASURE,   /* measures.ID */
    BS_IN_GROUP,     /* council.groups.ID */
    BS_IN_MEMBER,    /* council.members.ID */
    BS_IN_RED_LINE,  /* council.red_lines.ID */
    BS_IN_AMENDMENT, /* amendments.ID */
    BS_IN_UNCERTAINTY /* uncertainty.ID */
} bs_container;

/* measure_mask of a setting every type of measure has */
#define BS_MEASURE_ALL ((1u << BS_SAVING) | (1u << BS_CHARGE) | (1u << BS_RESERVE_MOVE))

enum {
    BS_F_REQUIRED = 1, /* must be given */
    BS_F_MIN_OPEN = 2, /* the minimum itself is not allowed */
    BS_F_MAX_OPEN = 4  /* the maximum itself is not allowed */
};

typedef struct {
    const char *path;       /* dotted; "*" stands for an identifier */
    bs_type type;
    bs_container container;
    unsigned measure_mask;  /* BS_IN_MEASURE only: bit (1 << type) for each type using it */
    size_t offset;          /* offset of the value in its container */
    size_t size;            /* BS_T_STR/ID/ENUM: buffer size */
    size_t count_offset;    /* BS_T_LIST: offset of the int count */
    unsigned flags;
    double min, max;        /* allowed range for numbers and each list entry */
    double def;             /* default for numbers, bools (0/1) */
    const char *def_text;   /* default as shown in the reference; NULL when required */
    const char *unit;       /* "£m", "£", "%", "years", ... */
    const char *doc;        /* one or two sentences */
    const char *choices;    /* BS_T_ENUM: words separated by '|' */
} bs_setting_def;

/* The table and its length. */
extern const bs_setting_def bs_settings[];
extern const size_t bs_nsettings;

/* Group paths that may appear as `name = { ... }` (with "*" for ids). */
extern const char *const bs_group_paths[];

/* Does the dotted path match the pattern ("*" matches one identifier)? */
int schema_match(const char *pattern, const char *path);

/* Address of the value for def in sc, for the container instance idx
 * (ignored for BS_IN_TOP). */
void *schema_address(const bs_setting_def *def, bs_scenario *sc, int idx);

/* Human name of a type, e.g. "a number". */
const char *schema_type_name(bs_type t);

/* The id of instance i of container c in sc (earmarked reserves from 1:
 * reserves[0] is the general reserve), or NULL past the last or for a
 * container without instances. */
const char *schema_instance_id(const bs_scenario *sc, bs_container c, int i);

/* The row of the settings table for path in sc (a measure's by the type of
 * the measure it names; a period "@..." after the path ignored), or NULL
 * when none matches. */
const bs_setting_def *schema_find(const bs_scenario *sc, const char *path);

/* Whether v is outside d's range (its ends open or closed, as d's flags
 * say): 1 with the phrase --set and the files give, "must be between 0% and
 * 100%, not 300" (or "must be above ..."), into why (size bytes); else 0.
 * load/assign.c and web/api.c both word a refusal with it. */
int schema_out_of_range(const bs_setting_def *d, double v, char *why, size_t size);

/* A setting's path in words, for a chart's axis or title: "NAME: WHAT
 * (UNIT)", where NAME is the name in sc of the service, funding stream,
 * measure, reserve, group, member or amendment the path names (none for a
 * setting of the scenario itself), WHAT the first clause of the setting's
 * description (up to its first ':', ',', ';', '.' or '('; after a measure's
 * "Saving: " or "Charge: "), UNIT its unit (left out when it has none or
 * is not a unit, as "the setting's"), and a period "@2023" written as
 * ", 2023/24" ("@2023.." ", 2023/24 on", "@2023..2025" ", 2023/24 to
 * 2025/26"). A path the table does not know, or whose setting has no
 * description, is itself. Returns buf. */
char *schema_setting_label(const bs_scenario *sc, const char *path, char *buf, size_t size);

#endif
