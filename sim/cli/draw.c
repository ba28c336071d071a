/* draw.c - charts through a staging folder, and outputs that wait for them
 * (see draw.h).
 *
 * This file may use: cli/, write/, analyse/, load/, core/ and the C
 * library. */
#include "cli/draw.h"

#include "cli/options.h"

#include <string.h>

int draw_staged(bs_stage *opened, const char *dir, draw_fn *fn, void *arg, bs_error *err)
{
    bs_stage own, *st = opened ? opened : &own;
    if (!opened && stage_open(st, dir, err) != 0)
        return -1;
    if (fn(st->path, arg, err) != 0) {
        stage_error(st, err);
        if (strncmp(err->message, "gnuplot ", 8) == 0) {
            static const char *const keep[] = {".dat", ".gp", NULL};
            bs_error ignored = {0};
            stage_commit(st, keep, &ignored);
        } else {
            stage_abort(st);
        }
        return -1;
    }
    return stage_commit(st, NULL, err);
}

int charts_open(cli_charts *c, const char *dir, bs_error *err)
{
    c->open = 0;
    if (dir && stage_open(&c->stage, dir, err) != 0)
        return -1;
    c->open = dir != NULL;
    return 0;
}

int charts_finish(cli_charts *c, bs_outfile *out, int ok, draw_fn *fn, void *arg, bs_error *err)
{
    if (outfile_close(out, ok, err) != 0) {
        charts_abort(c);
        return -1;
    }
    if (c->open) {
        c->open = 0;
        if (draw_staged(&c->stage, c->stage.dir, fn, arg, err) != 0) {
            outfile_discard(out);
            return -1;
        }
    }
    return outfile_commit(out, err);
}

void charts_abort(cli_charts *c)
{
    if (c->open)
        stage_abort(&c->stage);
    c->open = 0;
}

int charts_parse_format(const char *command, const char *option, const char *arg, bs_image_format *fmt)
{
    int img = plot_parse_format(arg);
    if (img < 0)
        return cli_usage_error(command,
                               strcmp(option, "--image") == 0 ? "--image must be svg, png or pdf, not '%s'"
                                                              : "--plot-format must be svg, png or pdf, not '%s'",
                               arg);
    *fmt = (bs_image_format)img;
    return -1;
}
