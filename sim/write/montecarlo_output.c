/* montecarlo_output.c - a Monte Carlo run as text, CSV or JSON.
 *
 * This file may use: core/, analyse/, write/, jansson and the C library. */
#include <jansson.h>
#include <string.h>

#include "write/output.h"
#include "write/inputs.h"
#include "write/text.h"

static const char *const pct_key[BS_MC_NPCT] = {"p5", "p25", "p50", "p75", "p95"};
static const char *const pct_label[BS_MC_NPCT] = {"5th percentile", "25th percentile", "median",
                                                  "75th percentile", "95th percentile"};

/* The parameters of u as people read them, e.g. "normal: mean 7.6, sd 2". */
static void dist_text(const bs_uncertainty *u, char *buf, size_t size)
{
    switch (u->dist) {
    case BS_DIST_NORMAL: snprintf(buf, size, "normal: mean %g, sd %g", u->mean, u->sd); break;
    case BS_DIST_LOGNORMAL:
        snprintf(buf, size, "lognormal: log_mean %g, log_sd %g", u->log_mean, u->log_sd);
        break;
    case BS_DIST_UNIFORM: snprintf(buf, size, "uniform: low %g, high %g", u->low, u->high); break;
    case BS_DIST_TRIANGULAR:
        snprintf(buf, size, "triangular: low %g, mode %g, high %g", u->low, u->mode, u->high);
        break;
    default: snprintf(buf, size, "beta: a %g, b %g, low %g, high %g", u->a, u->b, u->low, u->high); break;
    }
}

/* n as a share of `of` (0 when of is 0). */
static double share(long n, long of)
{
    return of > 0 ? (double)n / (double)of : 0.0;
}

/* A probability as a percentage to two decimals; one that is neither 0 nor
 * 1 but would print as 0.00% or 100.00% gets six decimals instead. */
static char *pct_text(double p, char *buf, size_t size)
{
    double v = 100.0 * p;
    if (p > 0.0 && p < 1.0 && (v < 0.005 || v >= 99.995))
        snprintf(buf, size, "%.6f%%", v);
    else
        snprintf(buf, size, "%.2f%%", v);
    return buf;
}

/* A text row of £m: label, then n values taken every stride from v. */
static void text_row(FILE *f, const char *label, const double *v, int stride, int n)
{
    char buf[64];
    fprintf(f, "  %-28s", label);
    for (int t = 0; t < n; t++)
        fprintf(f, "%10s", bs_fmt_m(v[t * stride], buf, sizeof buf));
    fputc('\n', f);
}

/* A text row of chances: label, then each year's count as a percentage of draws. */
static void text_pct_row(FILE *f, const char *label, const long *counts, int n, long draws)
{
    char buf[40];
    fprintf(f, "  %-28s", label);
    for (int t = 0; t < n; t++)
        fprintf(f, "%10s", pct_text(share(counts[t], draws), buf, sizeof buf));
    fputc('\n', f);
}

/* The run for people: the settings drawn, the percentiles of the gap and the
 * reserve by year, the chances the reserve falls short, the odds of passing. */
static void text_mc(FILE *f, const char *file, const bs_override *ov, int nov, const bs_meeting *mt,
                    const bs_scenario *sc, const bs_mc_result *res)
{
    char y[16], d[300], m[64];
    output_scenario_head(f, "Monte Carlo: ", sc->name, file, ov, nov, "With:        ", mt);
    fprintf(f, "Seed:        %lu\n", res->seed);
    fprintf(f, "Draws:       %ld", res->draws);
    if (res->stored < res->draws)
        fprintf(f, " (percentiles from the first %ld)", res->stored);
    fputc('\n', f);
    fprintf(f, "Uncertain:   %d setting%s%s\n", sc->nuncertain, sc->nuncertain == 1 ? "" : "s",
            sc->nuncertain ? ", each clamped to its allowed range" : " (every draw is the same)");
    for (int k = 0; k < sc->nuncertain; k++) {
        dist_text(&sc->uncertain[k], d, sizeof d);
        fprintf(f, "  %s: ", sc->uncertain[k].id);
        text_put(f, sc->uncertain[k].path);
        fprintf(f, " (%s%s)\n", d,
                sc->uncertain[k].apply == BS_APPLY_OFFSET ? "; added to each year's value" : "");
    }
    fputc('\n', f);
    fprintf(f, "  %-28s", "£m");
    for (int t = 0; t < res->nyears; t++)
        fprintf(f, "%10s", bs_year_label(res->first_year + t, y, sizeof y));
    fputc('\n', f);
    fputs("Gap after measures\n", f);
    text_row(f, "as in the file", res->base_gap_m, 1, res->nyears);
    for (int q = 0; q < BS_MC_NPCT; q++)
        text_row(f, pct_label[q], &res->gap_m[0][q], BS_MC_NPCT, res->nyears);
    fputs("General reserve at year end\n", f);
    text_row(f, "as in the file", res->base_reserve_m, 1, res->nyears);
    for (int q = 0; q < BS_MC_NPCT; q++)
        text_row(f, pct_label[q], &res->reserve_m[0][q], BS_MC_NPCT, res->nyears);
    fprintf(f, "Chance the general reserve is\n");
    snprintf(d, sizeof d, "below its minimum (%s)", bs_fmt_gbp_m(sc->reserves[0].minimum_m, 1, m, sizeof m));
    text_pct_row(f, d, res->below_min, res->nyears, res->draws);
    text_pct_row(f, "below £0 (run out)", res->runs_out, res->nyears, res->draws);
    fputc('\n', f);
    char p1[40], p2[40];
    fprintf(f, "Chance the general reserve falls below its minimum in any year: %s\n",
            pct_text(share(res->below_min_any, res->draws), p1, sizeof p1));
    fprintf(f, "Chance the general reserve runs out in any year: %s\n",
            pct_text(share(res->runs_out_any, res->draws), p1, sizeof p1));
    if (res->has_vote) {
        double se = 100.0 * res->p_pass_se;
        if (se > 0 && se < 0.005)
            snprintf(p2, sizeof p2, "%.2g", se);
        else
            snprintf(p2, sizeof p2, "%.2f", se);
        fprintf(f, "Chance the budget passes the vote: %s (standard error %s points)\n",
                pct_text(res->p_pass, p1, sizeof p1), p2);
    }
}

/* One long-form row "key,year,value", full precision, no "-0". */
static void csv_row(FILE *f, const char *key, const char *year, double v)
{
    fprintf(f, "%s,%s,%.17g\r\n", key, year, v == 0.0 ? 0.0 : v);
}

/* A quantity year by year: NAME.base (with the file's own settings) and
 * NAME.p5 to NAME.p95, in the long form. */
static void csv_quantity(FILE *f, const char *name, const double *base, const double (*pct)[BS_MC_NPCT],
                         const bs_mc_result *res)
{
    char y[16], key[64];
    for (int t = 0; t < res->nyears; t++) {
        bs_year_label(res->first_year + t, y, sizeof y);
        snprintf(key, sizeof key, "%s.base", name);
        csv_row(f, key, y, base[t]);
        for (int q = 0; q < BS_MC_NPCT; q++) {
            snprintf(key, sizeof key, "%s.%s", name, pct_key[q]);
            csv_row(f, key, y, pct[t][q]);
        }
    }
}

/* Long form: one value a row, key,year,value; the year empty for a whole-run value. */
static void csv_mc(FILE *f, const char *file, const bs_scenario *sc, const bs_mc_result *res)
{
    char y[16];
    fputs("key,year,value\r\n", f);
    fputs("scenario,,", f);
    bs_csv_field(f, sc->name);
    fputs("\r\nfile,,", f);
    bs_csv_field(f, file);
    fprintf(f, "\r\nseed,,%lu\r\ndraws,,%ld\r\npercentile_draws,,%ld\r\n", res->seed, res->draws, res->stored);
    csv_quantity(f, "gap_after_m", res->base_gap_m, res->gap_m, res);
    csv_quantity(f, "general_reserve_close_m", res->base_reserve_m, res->reserve_m, res);
    csv_row(f, "general_reserve_minimum_m", "", sc->reserves[0].minimum_m);
    csv_row(f, "p_below_minimum", "any", share(res->below_min_any, res->draws));
    for (int t = 0; t < res->nyears; t++)
        csv_row(f, "p_below_minimum", bs_year_label(res->first_year + t, y, sizeof y), share(res->below_min[t], res->draws));
    csv_row(f, "p_runs_out", "any", share(res->runs_out_any, res->draws));
    for (int t = 0; t < res->nyears; t++)
        csv_row(f, "p_runs_out", bs_year_label(res->first_year + t, y, sizeof y), share(res->runs_out[t], res->draws));
    if (res->has_vote) {
        csv_row(f, "p_pass", "", res->p_pass);
        csv_row(f, "p_pass_standard_error", "", res->p_pass_se);
    }
}

#define J(v) json_real((v) == 0.0 ? 0.0 : (v))

/* n values every stride from v as a JSON array (new reference). */
static json_t *json_series(const double *v, int stride, int n)
{
    json_t *a = json_array();
    for (int t = 0; a && t < n; t++)
        bs_json_append(a, J(v[t * stride]));
    return a;
}

/* Each year's count as a share of draws, as a JSON array (new reference). */
static json_t *json_shares(const long *counts, int n, long draws)
{
    json_t *a = json_array();
    for (int t = 0; a && t < n; t++)
        bs_json_append(a, J(share(counts[t], draws)));
    return a;
}

/* A quantity by year as {"base": [...], "p5": [...], ...} (new reference). */
static json_t *json_quantity(const double *base, const double (*pct)[BS_MC_NPCT], int n)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    bs_json_set(o, "base", json_series(base, 1, n));
    for (int q = 0; q < BS_MC_NPCT; q++)
        bs_json_set(o, pct_key[q], json_series(&pct[0][q], BS_MC_NPCT, n));
    return o;
}


/* The run as one JSON object (new reference; NULL when out of memory). */
static json_t *json_mc(const char *file, const bs_override *ov, int nov, const bs_scenario *sc, const bs_mc_result *res)
{
    char y[16];
    json_t *with = json_array(), *years = json_array(), *unc = json_array();
    for (int i = 0; with && i < nov; i++)
        bs_json_append(with, bs_json_text(ov[i].text));
    for (int t = 0; years && t < res->nyears; t++)
        bs_json_append(years, json_string(bs_year_label(res->first_year + t, y, sizeof y)));
    for (int k = 0; unc && k < sc->nuncertain; k++) {
        const bs_uncertainty *u = &sc->uncertain[k];
        json_t *o = json_pack("{s:o, s:o, s:s, s:s}", "id", bs_json_text(u->id), "path", bs_json_text(u->path), "dist",
                              mc_dist_name(u->dist), "apply", u->apply == BS_APPLY_OFFSET ? "offset" : "replace");
        if (!o) {
            bs_json_append(unc, o); /* marks the output as failed: never a setting left out */
            continue;
        }
        switch (u->dist) {
        case BS_DIST_NORMAL:
            bs_json_set(o, "mean", J(u->mean));
            bs_json_set(o, "sd", J(u->sd));
            break;
        case BS_DIST_LOGNORMAL:
            bs_json_set(o, "log_mean", J(u->log_mean));
            bs_json_set(o, "log_sd", J(u->log_sd));
            break;
        case BS_DIST_BETA:
            bs_json_set(o, "a", J(u->a));
            bs_json_set(o, "b", J(u->b));
            /* fall through */
        default:
            bs_json_set(o, "low", J(u->low));
            if (u->dist == BS_DIST_TRIANGULAR)
                bs_json_set(o, "mode", J(u->mode));
            bs_json_set(o, "high", J(u->high));
            break;
        }
        bs_json_append(unc, o);
    }
    json_t *vote = res->has_vote ? json_pack("{s:o, s:o}", "p_pass", J(res->p_pass), "standard_error", J(res->p_pass_se))
                                 : json_null();
    return json_pack("{s:{s:o, s:o, s:o}, s:o, s:I, s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:{s:o, s:o}, "
                     "s:{s:o, s:o}, s:o}",
                     "scenario", "name", bs_json_text(sc->name), "label", bs_json_text(sc->label), "file",
                     bs_json_text(file),
                     "with", with,
                     "seed", (json_int_t)res->seed, "draws", (json_int_t)res->draws,
                     "percentile_draws", (json_int_t)res->stored,
                     "uncertain", unc, "years", years,
                     "gap_after_m", json_quantity(res->base_gap_m, res->gap_m, res->nyears),
                     "general_reserve_close_m", json_quantity(res->base_reserve_m, res->reserve_m, res->nyears),
                     "general_reserve_minimum_m", J(sc->reserves[0].minimum_m),
                     "p_below_minimum", "any", J(share(res->below_min_any, res->draws)),
                     "by_year", json_shares(res->below_min, res->nyears, res->draws),
                     "p_runs_out", "any", J(share(res->runs_out_any, res->draws)),
                     "by_year", json_shares(res->runs_out, res->nyears, res->draws),
                     "vote", vote);
}
#undef J

int output_montecarlo(FILE *f, bs_format fmt, const char *file, const bs_override *overrides, int noverrides,
                      const bs_meeting *mt, const bs_scenario *sc, const bs_mc_result *res, bs_error *err)
{
    if (fmt == BS_FMT_JSON)
        return output_json(f, output_json_root(json_mc(file, overrides, noverrides, sc, res), mt), 17, err);
    if (fmt == BS_FMT_CSV)
        csv_mc(f, file, sc, res);
    else
        text_mc(f, file, overrides, noverrides, mt, sc, res);
    return 0;
}
