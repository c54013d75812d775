/*
 * cmd_merge.c - `kg merge`: the reduce step. Merges graph files and JSON
 * Lines streams of per-article graphs into one canonical graph.
 *
 * Inputs are merged one document at a time (kg_graph_merge_file), so a long
 * `kg extract` stream costs memory for the graph only. Nothing is written
 * unless every input was read: a bad input leaves -o's target untouched.
 */
#include "cli.h"

#include "kg/error.h"
#include "kg/graph.h"
#include "kg/snapshot.h"
#include "util.h"

#include <getopt.h>
#include <stdio.h>

static void usage(FILE *f)
{
    fprintf(f,
            "Usage: kg merge [OPTIONS] [GRAPH...]\n\n"
            "Merges kg graph files and JSON Lines streams of graphs (as written by\n"
            "'kg extract') into one graph. '-' or no GRAPH reads standard input.\n"
            "Merging is associative, commutative and idempotent: any order or grouping\n"
            "of the same inputs gives the same bytes, and articles are never counted twice.\n"
            "An empty standard input merges to the empty graph (a map step that found\n"
            "nothing); an empty GRAPH file is an error, as it is likely truncated.\n\n"
            "Options:\n"
            "  -o, --output FILE   write the graph to FILE (atomically) instead of stdout\n"
            "  -e, --evidence N    keep at most N evidence sentences per edge (1..%d,\n"
            "                      default %d)\n"
            "  -c, --compact       write the graph on one line (JSON Lines)\n"
            "  -h, --help          show this help and exit\n",
            KG_EVIDENCE_MAX, KG_EVIDENCE_DEFAULT);
}

int cmd_merge(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},  {"evidence", required_argument, NULL, 'e'},
        {"compact", no_argument, NULL, 'c'},       {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *output = NULL;
    unsigned long evidence = KG_EVIDENCE_DEFAULT;
    int flags = 0, opt;
    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":o:e:ch", longopts, NULL)) != -1) {
        switch (opt) {
        case 'o':
            output = optarg;
            break;
        case 'e':
            if (cli_parse_positive("merge", "--evidence", optarg, KG_EVIDENCE_MAX, &evidence) != 0)
                return KG_EXIT_USAGE;
            break;
        case 'c':
            flags |= KG_GRAPH_COMPACT;
            break;
        case 'h':
            usage(stdout);
            return KG_EXIT_OK;
        case ':':
            return cli_usage_error("merge", "option '%s' needs a value", argv[optind - 1]);
        default:
            return cli_usage_error("merge", "unknown option '%s'", argv[optind - 1]);
        }
    }
    kg_out_cleanup_on_signals();
    kg_graph *g = NULL;
    int status = KG_EXIT_DATA;
    if (kg_graph_new(&g) != 0 || kg_graph_set_evidence_limit(g, evidence) != 0)
        goto done;
    if (optind == argc) {
        if (kg_graph_merge_file(g, "-") != 0)
            goto done;
    }
    for (int i = optind; i < argc; i++)
        if (kg_graph_merge_file(g, argv[i]) != 0)
            goto done;
    if (kg_graph_write_file(g, output, flags) != 0)
        goto done;
    /* The graph is written; a snapshot for fast queries is a bonus. */
    kg_snapshot_update(g, output);
    status = KG_EXIT_OK;
done:
    if (status != KG_EXIT_OK)
        cli_fail("merge");
    kg_graph_free(g);
    return status;
}
