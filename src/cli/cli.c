/*
 * cli.c - error and usage reporting shared by the subcommands.
 */
#include "cli.h"

#include "kg/error.h"
#include "kg/extract.h"
#include "kg/read.h"
#include "kg/lexicon.h"
#include "kg/recognize.h"
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "kg: %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'kg %s --help' for more information.\n", cmd);
    return KG_EXIT_USAGE;
}

int cli_fail(const char *cmd)
{
    const char *msg = kg_error_last();
    fprintf(stderr, "kg: %s: %s\n", cmd, msg[0] ? msg : "failed");
    return KG_EXIT_DATA;
}

void cli_warn(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "kg: %s: warning: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int cli_parse_uint(const char *cmd, const char *opt, const char *arg, unsigned long max,
                   unsigned long *out)
{
    char *end = NULL;
    errno = 0;
    if (!arg || arg[0] == '-' || arg[0] == '\0')
        goto bad;
    unsigned long v = strtoul(arg, &end, 10);
    if (errno || *end != '\0' || v > max)
        goto bad;
    *out = v;
    return 0;
bad:
    cli_usage_error(cmd, "invalid value '%s' for %s (a whole number up to %lu)", arg ? arg : "",
                    opt, max);
    return -1;
}

int cli_write_text(const char *path, const char *text)
{
    kg_out o;
    int rc = kg_out_open(&o, path);
    if (rc)
        return rc;
    /* A failed fputs leaves the stream's error flag set; kg_out_commit
     * reports it with its cause and leaves the target untouched. */
    fputs(text, o.f);
    return kg_out_commit(&o);
}

int cli_parse_positive(const char *cmd, const char *opt, const char *arg, unsigned long max,
                       unsigned long *out)
{
    if (cli_parse_uint(cmd, opt, arg, max, out) != 0)
        return -1;
    if (*out == 0) {
        cli_usage_error(cmd, "%s must be at least 1", opt);
        return -1;
    }
    return 0;
}

int cli_extractor_ready(const char *cmd, const char *const *files, size_t n_files,
                        struct kg_lexicon **out)
{
    kg_lexicon *lx = NULL;
    *out = NULL;
    if (n_files) {
        if (kg_lexicon_new(&lx))
            goto fail;
        for (size_t i = 0; i < n_files; i++)
            if (kg_lexicon_load_file(lx, files[i]))
                goto fail;
    } else if (!kg_lexicon_builtin()) {
        goto fail;
    }
    /* Without its model the tagger fails every article alike: say so once. */
    if (!kg_tagger_builtin())
        goto fail;
    *out = lx;
    return 0;
fail:
    kg_lexicon_free(lx);
    return cli_fail(cmd);
}

static void reader_warn(void *ctx, const char *msg)
{
    cli_warn((const char *)ctx, "%s", msg);
}

int cli_extract_each(const char *cmd, const char *const *inputs, size_t n_inputs,
                     const kg_extract_opts *xo, const char *output, cli_article_fn fn, void *ctx)
{
    static const char *const stdin_only[] = {"-"};
    int status = KG_EXIT_OK, out_open = 0;
    kg_reader *rd = NULL;
    kg_out out = {0};
    kg_read_opts ro = {0};
    ro.warn = reader_warn;
    ro.warn_ctx = (void *)cmd;
    if (!n_inputs) {
        inputs = stdin_only;
        n_inputs = 1;
    }
    if (kg_reader_new(&rd, inputs, n_inputs, &ro)) {
        status = cli_fail(cmd);
        goto done;
    }
    kg_out_cleanup_on_signals();
    if (kg_out_open(&out, output)) {
        status = cli_fail(cmd);
        goto done;
    }
    out_open = 1;
    for (;;) {
        kg_doc *d = NULL;
        int rc = kg_reader_next(rd, &d);
        if (rc == 0)
            break;
        if (rc < 0) {
            status = cli_fail(cmd);
            if (rc == KG_ENOMEM)
                goto done;
            continue;
        }
        kg_graph *g = NULL;
        rc = kg_extract_article(&g, d, xo);
        if (rc) {
            fprintf(stderr, "kg: %s: %s: article skipped: %s\n", cmd,
                    d->meta.source && d->meta.source[0] ? d->meta.source : d->meta.id,
                    kg_error_last());
            kg_doc_free(d);
            if (rc == KG_ENOMEM) {
                status = KG_EXIT_DATA;
                goto done;
            }
            continue;
        }
        rc = fn(ctx, d, g, out.f);
        kg_graph_free(g);
        kg_doc_free(d);
        if (rc) {
            char why[256];
            snprintf(why, sizeof why, "%s", kg_error_last());
            kg_error_set(rc, "%s: %s", output ? output : "<stdout>", why);
            status = cli_fail(cmd);
            goto done;
        }
    }
    if (status == KG_EXIT_OK) {
        out_open = 0;
        if (kg_out_commit(&out))
            status = cli_fail(cmd);
    }
done:
    if (out_open) {
        if (out.tmp)
            kg_out_abort(&out);
        else
            fflush(stdout);
    }
    kg_reader_free(rd);
    return status;
}
