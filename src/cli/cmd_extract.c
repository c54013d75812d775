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

/* A compact document ends its own line: JSON Lines. */
static int write_graph(void *ctx, const kg_doc *d, const kg_graph *g, FILE *out)
{
    (void)ctx;
    (void)d;
    return kg_graph_write(g, out, KG_GRAPH_COMPACT);
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

    kg_extract_opts xo;
    kg_extract_opts_init(&xo);
    xo.lexicon = lx;
    xo.evidence = evidence;
    status = cli_extract_each(cmd, (const char *const *)argv + optind, (size_t)(argc - optind), &xo,
                              output, write_graph, NULL);

done:
    kg_lexicon_free(lx);
    free(lexicons);
    return status;
}
