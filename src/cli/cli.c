/*
 * cli.c - error and usage reporting shared by the subcommands.
 */
#include "cli.h"

#include "kg/error.h"
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
