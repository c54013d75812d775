/*
 * cmd_neighbors.c - `kg neighbors GRAPH NAME`: who is linked to an entity,
 * by which relation, and the sentence that says so.
 *
 * The answer itself (matching, traversal, formatting) lives in the library
 * (kg/query.h) so that other front ends give the same answers; this file
 * only parses options and reports.
 */
#include "cli.h"

#include "kg/error.h"
#include "kg/graph.h"
#include "kg/snapshot.h"
#include "kg/query.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const CMD = "neighbors";

static void usage(void)
{
    printf("Usage: kg neighbors GRAPH NAME [OPTIONS]\n\n"
           "Lists the entities linked to NAME in GRAPH (a graph file, or - for stdin),\n"
           "with the relation, its direction, the edge weight and one evidence sentence.\n"
           "NAME is an id, a label or an alias, matched case-insensitively.\n\n"
           "Options:\n"
           "  -d, --depth N          follow up to N links out (default 1, at most %d)\n"
           "  -r, --relation R       follow only relation R (e.g. supplies, member_of)\n"
           "  -D, --direction DIR    out, in or both (default): which way links may go\n"
           "      --json             print JSON instead of text\n"
           "  -o, --output FILE      write to FILE instead of stdout\n"
           "  -h, --help             show this help and exit\n",
           KG_QUERY_DEPTH_MAX);
}

/* A usage error that lists the relations there are. */
static int unknown_relation(const char *name)
{
    char list[512];
    size_t pos = 0;
    unsigned n = 0;
    const kg_relation_info *all = kg_relation_all(&n);
    list[0] = '\0';
    for (unsigned i = 0; i < n && pos < sizeof list; i++)
        pos += (size_t)snprintf(list + pos, sizeof list - pos, "%s%s", i ? ", " : "", all[i].name);
    return cli_usage_error(CMD, "unknown relation '%s' (one of: %s)", name, list);
}

int cmd_neighbors(int argc, char **argv)
{
    enum { OPT_JSON = 256 };
    static const struct option longopts[] = {
        {"depth", required_argument, NULL, 'd'},
        {"relation", required_argument, NULL, 'r'},
        {"direction", required_argument, NULL, 'D'},
        {"json", no_argument, NULL, OPT_JSON},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    kg_neighbors_opts opts = {.depth = 1, .relation = NULL, .direction = KG_DIR_BOTH};
    const char *output = NULL;
    int json = 0, c, rc = KG_EXIT_DATA;
    unsigned long depth = 1;
    kg_graph *g = NULL;
    kg_query *q = NULL;
    kg_hop *hops = NULL;
    size_t n = 0;
    char *text = NULL;
    kg_match m;

    while ((c = getopt_long(argc, argv, "d:r:D:o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd':
            if (cli_parse_uint(CMD, "--depth", optarg, KG_QUERY_DEPTH_MAX, &depth))
                return KG_EXIT_USAGE;
            opts.depth = (unsigned)depth;
            break;
        case 'r':
            if (!kg_relation_find(optarg))
                return unknown_relation(optarg);
            opts.relation = optarg;
            break;
        case 'D':
            if (kg_direction_parse(&opts.direction, optarg))
                return cli_usage_error(CMD, "invalid direction '%s' (out, in or both)", optarg);
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
    if (argc - optind != 2)
        return cli_usage_error(CMD, "expected GRAPH and NAME, got %d operand%s", argc - optind,
                               argc - optind == 1 ? "" : "s");
    if (!argv[optind + 1][0])
        return cli_usage_error(CMD, "NAME is empty");

    if (kg_snapshot_load(&g, argv[optind]) || kg_query_match(&m, g, argv[optind + 1]) ||
        kg_query_new(&q, g) || kg_query_neighbors(&hops, &n, q, m.node, &opts))
        goto fail;
    if (json ? kg_query_neighbors_json(&text, m.node, &opts, hops, n)
             : kg_query_neighbors_text(&text, m.node, &opts, hops, n))
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
