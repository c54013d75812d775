/*
 * cmd_stats.c - `kg stats GRAPH`: what a graph holds, by node type and
 * relation, and its most connected entities.
 *
 * Counting and formatting live in the library (kg/query.h); this file only
 * parses options and reports.
 */
#include "cli.h"

#include "kg/error.h"
#include "kg/graph.h"
#include "kg/snapshot.h"
#include "kg/query.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

static const char *const CMD = "stats";

/* Default length of the "most connected" list. */
#define STATS_TOP_DEFAULT 10
/* --top beyond this is a listing of the graph, which `kg render -T tsv`
 * does better. */
#define STATS_TOP_MAX 100000

static void usage(void)
{
    printf("Usage: kg stats GRAPH [OPTIONS]\n\n"
           "Counts the articles, the nodes by type and the edges by relation family and\n"
           "relation in GRAPH (a graph file, or - for stdin), and lists the most\n"
           "connected entities: by degree (edges touching them), then by the sum of\n"
           "those edges' weights.\n\n"
           "Options:\n"
           "  -n, --top N        list the N most connected entities (default %d, 0 for none)\n"
           "      --json         print JSON instead of text\n"
           "  -o, --output FILE  write to FILE instead of stdout\n"
           "  -h, --help         show this help and exit\n",
           STATS_TOP_DEFAULT);
}

int cmd_stats(int argc, char **argv)
{
    enum { OPT_JSON = 256 };
    static const struct option longopts[] = {
        {"top", required_argument, NULL, 'n'},
        {"json", no_argument, NULL, OPT_JSON},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *output = NULL;
    int json = 0, c, rc = KG_EXIT_DATA;
    unsigned long top = STATS_TOP_DEFAULT;
    kg_graph *g = NULL;
    kg_query *q = NULL;
    kg_stats *s = NULL;
    char *text = NULL;

    while ((c = getopt_long(argc, argv, "n:o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'n':
            if (cli_parse_uint(CMD, "--top", optarg, STATS_TOP_MAX, &top))
                return KG_EXIT_USAGE;
            break;
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
    if (argc - optind != 1)
        return cli_usage_error(CMD, "expected one GRAPH, got %d operands", argc - optind);

    if (kg_snapshot_load(&g, argv[optind]) || kg_query_new(&q, g) || kg_query_stats(&s, q, top))
        goto fail;
    if (json ? kg_query_stats_json(&text, s) : kg_query_stats_text(&text, s))
        goto fail;
    if (cli_write_text(output, text))
        goto fail;
    rc = KG_EXIT_OK;
    goto done;
fail:
    rc = cli_fail(CMD);
done:
    free(text);
    kg_stats_free(s);
    kg_query_free(q);
    kg_graph_free(g);
    return rc;
}
