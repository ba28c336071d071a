/* output.c - run: a result as text, CSV or JSON, and the rules a budget
 * breaks (for run, check and compare).
 *
 * This file may use: core/, analyse/, write/, jansson and the C library. */
#include "write/output.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "core/table.h"
#include "write/inputs.h"
#include "write/table_output.h"
#include "write/text.h"

/* ------------------------------------------------------------------ */
/* Rules                                                               */
/* ------------------------------------------------------------------ */

/* Rule k's title, and why it fails in year t: asked of the rule itself
 * (core/rules.h), never re-derived here. */
static const char *rule_title(int k)
{
    return bs_rules[k]->title;
}

static void rule_reason(const bs_scenario *sc, const bs_result *r, int k, int t, char *buf, size_t size)
{
    bs_rules[k]->reason(sc, r, t, buf, size);
}

void output_broken_rules(FILE *f, const bs_scenario *sc, const bs_result *r)
{
    char y[16], why[600];
    for (int k = 0; k < BS_NRULES; k++)
        for (int t = 0; t < r->nyears; t++)
            if (r->rule_applies[k][t] && !r->rule_ok[k][t]) {
                rule_reason(sc, r, k, t, why, sizeof why);
                fprintf(f, "%s: %s: ", bs_year_label(r->first_year + t, y, sizeof y), bs_rules[k]->key);
                text_put(f, why);
                fputc('\n', f);
            }
}

/* Years in which rule k is broken, as "2023/24, 2024/25", or "" */
static void broken_years(const bs_result *r, int k, char *buf, size_t size)
{
    char y[16];
    size_t o = 0;
    buf[0] = '\0';
    for (int t = 0; t < r->nyears && o < size; t++)
        if (r->rule_applies[k][t] && !r->rule_ok[k][t])
            o += (size_t)snprintf(buf + o, size - o, "%s%s", o ? ", " : "", bs_year_label(r->first_year + t, y, sizeof y));
}

/* The rules for people under title: "ok" or "BROKEN" for each rule that
 * applies, with each broken year's reason, then the gaps left in the years
 * the balanced rule does not cover. */
static void text_rules(FILE *f, const char *title, const bs_scenario *sc, const bs_result *r)
{
    char y[16], years[600], why[600], a[48];
    fputc('\n', f);
    text_put(f, title);
    fputc('\n', f);
    for (int k = 0; k < BS_NRULES; k++) {
        int applies = 0;
        for (int t = 0; t < r->nyears; t++)
            applies |= r->rule_applies[k][t];
        if (!applies)
            continue;
        broken_years(r, k, years, sizeof years);
        if (!years[0]) {
            const char *when = k == BS_RULE_BALANCED && sc->balanced_years < r->nyears ? "" : " (every year)";
            if (k == BS_RULE_BALANCED && sc->balanced_years < r->nyears) {
                char first[16], lastb[16];
                bs_year_label(r->first_year, first, sizeof first);
                bs_year_label(r->first_year + sc->balanced_years - 1, lastb, sizeof lastb);
                if (sc->balanced_years == 1)
                    fprintf(f, "  ok      %s in %s\n", rule_title(k), first);
                else
                    fprintf(f, "  ok      %s, %s to %s\n", rule_title(k), first, lastb);
            } else {
                fprintf(f, "  ok      %s%s\n", rule_title(k), when);
            }
            continue;
        }
        fprintf(f, "  BROKEN  %s\n", rule_title(k));
        for (int t = 0; t < r->nyears; t++)
            if (r->rule_applies[k][t] && !r->rule_ok[k][t]) {
                rule_reason(sc, r, k, t, why, sizeof why);
                fprintf(f, "            %s: ", bs_year_label(r->first_year + t, y, sizeof y));
                text_put(f, why);
                fputc('\n', f);
            }
    }
    int notes = 0;
    /* the years the balanced rule does not cover, where it would not hold */
    for (int t = sc->balanced_years; t < r->nyears; t++)
        if (!bs_rules[BS_RULE_BALANCED]->holds(sc, r, t)) {
            if (!notes++)
                fputs("  note    Gaps still to close in later years (the law requires only the budget year "
                      "to balance):\n", f);
            fprintf(f, "            %s: %s%s\n", bs_year_label(r->first_year + t, y, sizeof y),
                    bs_fmt_gbp_m(r->gap_after_m[t], 1, a, sizeof a),
                    sc->cover_unclosed_gaps ? ", met from the general reserve" : "");
        }
}

/* ------------------------------------------------------------------ */
/* run                                                                 */
/* ------------------------------------------------------------------ */

/* One CSV row per rule, "rules.KEY,Rules,TITLE" then prefix_cols and "ok",
 * "broken" or "n/a" for each year. */
static void csv_rules(FILE *f, const char *prefix_cols, const bs_result *r)
{
    for (int k = 0; k < BS_NRULES; k++) {
        fprintf(f, "rules.%s,Rules,", bs_rules[k]->key);
        bs_csv_field(f, rule_title(k));
        fprintf(f, ",%s", prefix_cols);
        for (int t = 0; t < r->nyears; t++)
            fprintf(f, ",%s", !r->rule_applies[k][t] ? "n/a" : r->rule_ok[k][t] ? "ok" : "broken");
        fputs("\r\n", f);
    }
}

/* The next row of tb from *i that is not a heading (NULL after the last),
 * with *section the label of the last heading passed. */
static const bs_row *next_row(const bs_table *tb, int *i, const char **section)
{
    for (; *i < tb->n; (*i)++) {
        const bs_row *row = &tb->rows[*i];
        if (row->kind != BS_ROW_HEADING) {
            (*i)++;
            return row;
        }
        *section = row->label;
    }
    return NULL;
}

/* The table's rows (headings aside) as JSON objects, each with its section. */
static json_t *json_rows(const bs_table *tb)
{
    json_t *rows = json_array();
    const char *section = "";
    int i = 0;
    for (const bs_row *row; (row = next_row(tb, &i, &section)) != NULL;) {
        json_t *o = json_pack("{s:o, s:o, s:o, s:s, s:o}", "key", bs_json_text(row->key), "section",
                              bs_json_text(section), "label", bs_json_text(row->label), "unit", table_unit(row->kind),
                              "values", tab_json_series(row->v, row->na, tb->nyears));
        bs_json_append(rows, o);
    }
    return rows;
}

/* Each rule in each year it applies, {rule, year, ok[, reason]}, as a JSON
 * array (new reference). */
static json_t *json_rules(const bs_scenario *sc, const bs_result *r)
{
    json_t *a = json_array();
    char y[16], why[600];
    for (int k = 0; k < BS_NRULES; k++)
        for (int t = 0; t < r->nyears; t++) {
            if (!r->rule_applies[k][t])
                continue;
            json_t *o = json_pack("{s:s, s:s, s:b}", "rule", bs_rules[k]->key, "year",
                                  bs_year_label(r->first_year + t, y, sizeof y), "ok", r->rule_ok[k][t]);
            if (!r->rule_ok[k][t]) {
                rule_reason(sc, r, k, t, why, sizeof why);
                bs_json_set(o, "reason", bs_json_text(why));
            }
            bs_json_append(a, o);
        }
    return a;
}

/* ------------------------------------------------------------------ */
/* The meeting stage (analyse/meeting.h)                               */
/* ------------------------------------------------------------------ */

/* Append to buf (size bytes, holding n): "amendment 'X' carried; 'Y' lost". */
static size_t meeting_list(const bs_meeting *m, char *buf, size_t size, size_t n)
{
    for (int a = 0; a < m->namendments && n < size; a++)
        n += (size_t)snprintf(buf + n, size - n, "%s'%s' %s", a ? "; " : "amendment ", m->name[a],
                              m->carried[a] ? "carried" : "lost");
    return n < size ? n : size - 1;
}

int output_meeting_lines(const bs_meeting *m, char lines[2][BS_MEETING_LINE_MAX])
{
    if (!meeting_said(m))
        return 0;
    size_t size = BS_MEETING_LINE_MAX, n;
    char *l = lines[0];
    char lost[160];
    if (m->inquorate)
        snprintf(lost, sizeof lost, "the meeting was inquorate (%d members present): it could not decide",
                 m->votes[0] + m->votes[1] + m->votes[2]);
    else
        snprintf(lost, sizeof lost, "%s, %d for to %d against",
                 m->overridden            ? "the council overrode the mayor's budget"
                 : m->namendments == 0 ? "the budget lost the vote"
                                       : "the budget lost the final vote",
                 m->votes[0], m->votes[1]);
    if (m->namendments == 0) {
        snprintf(l, size, m->as_proposed ? "As proposed (--as-proposed); the meeting adopted no budget: %s"
                                         : "NOT adopted: %s", lost);
    } else if (m->as_proposed) {
        n = (size_t)snprintf(l, size, "As proposed, before the meeting's amendments (--as-proposed); the meeting: ");
        n = meeting_list(m, l, size, n);
        snprintf(l + n, size - n, "; %s", m->adopted ? "the budget as amended was adopted" : "no budget was adopted");
    } else if (m->adopted) {
        n = (size_t)snprintf(l, size, "As adopted by the meeting: ");
        meeting_list(m, l, size, n);
    } else {
        n = (size_t)snprintf(l, size, "NOT adopted: shown as proposed, before amendments; the meeting: ");
        n = meeting_list(m, l, size, n);
        snprintf(l + n, size - n, "; %s", lost);
    }
    if (m->adopted)
        return 1;
    /* Local Government Finance Act 1992 s.30(6): the amount of council tax
     * "shall be set before 11th March in the financial year preceding that
     * for which it is set" (set late, it is not invalid for that alone). */
    snprintf(lines[1], size, "No budget is adopted: the council must meet again; council tax must be set before "
                             "11 March (Local Government Finance Act 1992 s.30(6))");
    return 2;
}

void output_meeting_text(FILE *f, const bs_meeting *m, const char *prefix)
{
    static char lines[2][BS_MEETING_LINE_MAX]; /* a command writes from one thread */
    int n = output_meeting_lines(m, lines);
    for (int i = 0; i < n; i++) {
        fputs(prefix, f);
        text_put(f, lines[i]);
        fputc('\n', f);
    }
}

json_t *output_json_root(json_t *root, const bs_meeting *m)
{
    json_t *o = output_meeting_json(m);
    if (root && o)
        bs_json_set(root, "meeting", o);
    else
        json_decref(o);
    inputs_json_add(root);
    return root;
}

json_t *output_meeting_json(const bs_meeting *m)
{
    static char lines[2][BS_MEETING_LINE_MAX];
    int n = output_meeting_lines(m, lines);
    if (n == 0)
        return NULL;
    json_t *am = json_array(), *note = json_array();
    for (int a = 0; am && a < m->namendments; a++)
        bs_json_append(am, json_pack("{s:o, s:o, s:b}", "id", bs_json_text(m->id[a]), "name",
                                     bs_json_text(m->name[a]), "carried", m->carried[a]));
    for (int i = 0; note && i < n; i++)
        bs_json_append(note, bs_json_text(lines[i]));
    const char *budget = m->as_proposed ? "as proposed" : m->adopted ? "adopted" : "not adopted";
    return json_pack("{s:s, s:b, s:o, s:o}", "budget", budget, "adopted", m->adopted, "amendments",
                     am ? am : json_null(), "note", note ? note : json_null());
}

/* The title, every row and the rules for people, then the vote's summary. */
static void run_text(FILE *f, const bs_scenario *sc, const bs_result *r, const bs_table *tb, const bs_ballot *ballot,
                     const bs_meeting *meeting)
{
    bs_text_title(f, sc);
    inputs_text(f, "");
    output_meeting_text(f, meeting, "");
    fputc('\n', f);
    tab_year_header(f, "£m unless stated", r->first_year, r->nyears, 0);
    for (int i = 0; i < tb->n; i++) {
        const bs_row *row = &tb->rows[i];
        if (row->kind == BS_ROW_HEADING && i > 0)
            fputc('\n', f);
        char label[BS_NAME_MAX + 48];
        tab_label(row, label, sizeof label);
        tab_text_row(f, row, label, "", 0, r->nyears, row->v, row->na, 0);
    }
    text_rules(f, "Rules", sc, r);
    if (ballot) {
        fputs("\nCouncil vote\n", f);
        output_vote_summary(f, ballot);
    }
}

/* key,section,item,unit and the years: every row, the rules, the vote. */
static void run_csv(FILE *f, const bs_result *r, const bs_table *tb, const bs_ballot *ballot)
{
    fputs("key,section,item,unit", f);
    tab_csv_years(f, r->first_year, r->nyears);
    const char *section = "";
    int i = 0;
    for (const bs_row *row; (row = next_row(tb, &i, &section)) != NULL;) {
        bs_csv_field(f, row->key);
        fputc(',', f);
        bs_csv_field(f, row->indent ? section : "Budget");
        fputc(',', f);
        bs_csv_field(f, row->label);
        fputc(',', f);
        bs_csv_field(f, table_unit(row->kind));
        for (int t = 0; t < r->nyears; t++)
            tab_csv_number(f, row->v[t], row->na[t]);
        fputs("\r\n", f);
    }
    csv_rules(f, "", r);
    if (ballot)
        output_vote_csv(f, ballot, NULL, r->nyears);
}

/* The run as one JSON object (new reference; NULL when out of memory). */
static json_t *run_json(const bs_scenario *sc, const bs_result *r, const bs_table *tb, const bs_ballot *ballot,
                        const bs_meeting *meeting)
{
    json_t *root = json_pack("{s:o, s:o, s:o, s:o, s:i}", "scenario", tab_json_scenario(sc), "years",
                             tab_json_years(r->first_year, r->nyears), "rows", json_rows(tb), "rules",
                             json_rules(sc, r), "broken_rules", budget_broken_count(r));
    if (root && ballot)
        bs_json_set(root, "vote", output_vote_json(ballot));
    json_t *m = output_meeting_json(meeting);
    if (root && m)
        bs_json_set(root, "meeting", m);
    else
        json_decref(m);
    inputs_json_add(root);
    return root;
}

int output_run(FILE *f, bs_format fmt, const bs_scenario *sc, const bs_result *r, const bs_ballot *ballot,
               const bs_meeting *meeting, bs_error *err)
{
    bs_table tb = {0};
    if (table_from_result(sc, r, &tb) != 0) {
        table_free(&tb);
        return bs_fail_status(err, BS_EXIT_ENV, "", 0, "", "out of memory");
    }
    int rc = 0;
    if (fmt == BS_FMT_TEXT)
        run_text(f, sc, r, &tb, ballot, meeting);
    else if (fmt == BS_FMT_CSV)
        run_csv(f, r, &tb, ballot);
    else
        rc = output_json(f, run_json(sc, r, &tb, ballot, meeting), 10, err);
    table_free(&tb);
    return rc;
}

void output_scenario_head(FILE *f, const char *title, const char *name, const char *file,
                          const bs_override *overrides, int noverrides, const char *with, const bs_meeting *m)
{
    fputs(title, f);
    text_put(f, name);
    fputs(" (", f);
    text_put(f, file);
    fputs(")\n", f);
    for (int i = 0; i < noverrides; i++) {
        fprintf(f, "%s--set ", with);
        text_put(f, overrides[i].text);
        fputc('\n', f);
    }
    output_meeting_text(f, m, "");
    inputs_text(f, "");
}

/* ------------------------------------------------------------------ */
/* The rules, for compare (table_output.h)                             */
/* ------------------------------------------------------------------ */

void output_rules_text(FILE *f, const char *title, const bs_scenario *sc, const bs_result *r)
{
    text_rules(f, title, sc, r);
}

json_t *output_rules_json(const bs_scenario *sc, const bs_result *r)
{
    return json_rules(sc, r);
}
