/*
 * cmd_extract.c - `kg extract INPUT...`: one per-article graph per line
 * (JSON Lines). This is the stateless map step of DESIGN.md "Scale": any
 * stream engine can run it over shards and pipe the result to `kg merge`.
 */
#include "cli.h"

#include "kg/error.h"
#include "kg/extract.h"
#include "kg/graph.h"
#include "kg/lexicon.h"
#include "kg/read.h"
#include "kg/recognize.h"
#include "util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

static const char *const cmd = "extract";

static void usage(FILE *f)
{
    fprintf(f,
            "Usage: kg extract [OPTIONS] INPUT...\n\n"
            "Extracts entities and relations from each article and writes one graph per\n"
            "article, one per line (JSON Lines), for `kg merge` or `kg build`.\n\n"
            "INPUT is a text file (one article), a JSON Lines file of\n"
            "{\"id\",\"title\",\"text\",\"date\",\"url\"} objects, a directory (read\n"
            "recursively) or '-' for standard input (the default).\n\n"
            "Options:\n"
            "  -o, --output FILE    write to FILE (replaced only when complete)\n"
            "      --lexicon FILE   add the entries of a lexicon file (repeatable)\n"
            "      --evidence N     keep at most N evidence sentences per edge (default %d)\n"
            "  -h, --help           show this help and exit\n\n"
            "An article that cannot be extracted is reported and skipped. Exit status:\n"
            "0 on success, 1 if an input could not be read or written, 2 for usage errors.\n",
            KG_EVIDENCE_DEFAULT);
}

static void warn(void *ctx, const char *msg)
{
    (void)ctx;
    cli_warn(cmd, "%s", msg);
}

int cmd_extract(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"lexicon", required_argument, NULL, 'L'},
        {"evidence", required_argument, NULL, 'E'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int status = KG_EXIT_OK;
    const char *output = NULL;
    unsigned long evidence = KG_EVIDENCE_DEFAULT;
    kg_lexicon *lx = NULL;
    kg_reader *rd = NULL;
    kg_out out = {0};
    int out_open = 0;
    const char **lexicons = calloc((size_t)argc + 1, sizeof *lexicons);
    size_t n_lexicons = 0;
    if (!lexicons) {
        kg_error_set(KG_ENOMEM, "out of memory");
        return cli_fail(cmd);
    }

    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'o':
            output = optarg;
            break;
        case 'L':
            lexicons[n_lexicons++] = optarg;
            break;
        case 'E':
            if (cli_parse_positive(cmd, "--evidence", optarg, KG_EVIDENCE_MAX, &evidence) < 0) {
                status = KG_EXIT_USAGE;
                goto done;
            }
            break;
        case 'h':
            usage(stdout);
            goto done;
        default:
            status = cli_usage_error(cmd, "unknown or incomplete option");
            goto done;
        }
    }

    status = cli_extractor_ready(cmd, lexicons, n_lexicons, &lx);
    if (status)
        goto done;

    static const char *const stdin_only[] = {"-"};
    const char *const *inputs = optind < argc ? (const char *const *)argv + optind : stdin_only;
    size_t n_inputs = optind < argc ? (size_t)(argc - optind) : 1;
    kg_read_opts ro = {0};
    ro.warn = warn;
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

    kg_extract_opts xo;
    kg_extract_opts_init(&xo);
    xo.lexicon = lx;
    xo.evidence = evidence;
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
        rc = kg_extract_article(&g, d, &xo);
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
        kg_doc_free(d);
        /* A compact document ends its own line. */
        rc = kg_graph_write(g, out.f, KG_GRAPH_COMPACT);
        kg_graph_free(g);
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
    kg_lexicon_free(lx);
    free(lexicons);
    return status;
}
