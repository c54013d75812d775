/*
 * cmd_path.c - `kg path GRAPH A B`: the shortest chain of relations that
 * links two entities, each hop with the sentence that supports it.
 *
 * Matching, search and formatting live in the library (kg/query.h); this
 * file only parses options and reports.
 */
#include "cli.h"

#include "kg/error.h"
#include "kg/graph.h"
#include "kg/snapshot.h"
#include "kg/query.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

static const char *const CMD = "path";

static void usage(void)
{
    printf("Usage: kg path GRAPH A B [OPTIONS]\n\n"
           "Prints the shortest chain of relations between entities A and B in GRAPH\n"
           "(a graph file, or - for stdin). Links are followed either way; each hop\n"
           "shows its direction and one evidence sentence. Among equally short chains\n"
           "the one whose entities come first in id order is chosen. A and B are ids,\n"
           "labels or aliases, matched case-insensitively.\n\n"
           "Options:\n"
           "      --json         print JSON instead of text\n"
           "  -o, --output FILE  write to FILE instead of stdout\n"
           "  -h, --help         show this help and exit\n\n"
           "Exit status: 0 if a path exists, 1 if not (or on error), 2 on usage errors.\n");
}

int cmd_path(int argc, char **argv)
{
    enum { OPT_JSON = 256 };
    static const struct option longopts[] = {
        {"json", no_argument, NULL, OPT_JSON},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *output = NULL;
    int json = 0, c, rc = KG_EXIT_DATA;
    kg_graph *g = NULL;
    kg_query *q = NULL;
    kg_hop *hops = NULL;
    size_t n = 0;
    char *text = NULL;
    kg_match ma, mb;

    while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_JSON:
            json = 1;
            break;
        case 'o':
            output = optarg;
            break;
        case 'h':
            usage();
            return KG_EXIT_OK;
        default:
            return cli_usage_error(CMD, "invalid option");
        }
    }
    if (argc - optind != 3)
        return cli_usage_error(CMD, "expected GRAPH, A and B, got %d operand%s", argc - optind,
                               argc - optind == 1 ? "" : "s");
    if (!argv[optind + 1][0] || !argv[optind + 2][0])
        return cli_usage_error(CMD, "an entity name is empty");

    if (kg_snapshot_load(&g, argv[optind]) || kg_query_match(&ma, g, argv[optind + 1]) ||
        kg_query_match(&mb, g, argv[optind + 2]) || kg_query_new(&q, g) ||
        kg_query_path(&hops, &n, q, ma.node, mb.node))
        goto fail;
    if (json ? kg_query_path_json(&text, ma.node, mb.node, hops, n)
             : kg_query_path_text(&text, ma.node, mb.node, hops, n))
        goto fail;
    if (cli_write_text(output, text))
        goto fail;
    rc = KG_EXIT_OK;
    goto done;
fail:
    rc = cli_fail(CMD);
done:
    free(text);
    free(hops);
    kg_query_free(q);
    kg_graph_free(g);
    return rc;
}
