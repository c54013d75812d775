/*
 * cmd_render.c - `kg render`: draws a graph, or a view of it, as DOT, SVG,
 * PNG, or exports it as JSON, GraphML or TSV (kg/view.h, kg/render.h).
 */
#include "cli.h"

#include "kg/error.h"
#include "kg/graph.h"
#include "kg/query.h"
#include "kg/render.h"
#include "kg/view.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const cmd = "render";

static void usage(FILE *f)
{
    fprintf(f,
            "Usage: kg render [OPTIONS] GRAPH\n\n"
            "Draws the graph file GRAPH ('-' for standard input), or a view of it.\n\n"
            "Output:\n"
            "  -T, --format FORMAT   dot, svg (default), png, json, graphml or tsv\n"
            "  -o, --output FILE     write to FILE (replaced only when complete)\n"
            "                        instead of standard output\n"
            "  -K, --engine ENGINE   Graphviz layout engine for svg and png (default dot,\n"
            "                        sfdp past %d nodes or %d edges)\n"
            "      --no-legend       leave the legend of types and families out\n\n"
            "View (applied in this order; see kg(1)):\n"
            "      --relations LIST  keep only these relations or families, comma-separated\n"
            "                        (supplies,sells,... or arms,security,affiliation,place)\n"
            "      --min-weight N    keep only edges of weight N or more\n"
            "      --types LIST      keep only these node types, comma-separated\n"
            "                        (PERSON,ORG,COUNTRY,LOCATION,WEAPON)\n"
            "      --focus NAME      keep only what lies within --depth hops of the entity\n"
            "                        NAME (an id, label or alias); may be repeated\n"
            "      --depth N         hops from the focus (default 1)\n"
            "      --max-nodes N     keep the N most connected nodes\n"
            "      --connected       leave out entities without any relation in the view\n\n"
            "  -h, --help            show this help and exit\n",
            KG_RENDER_DOT_MAX, KG_RENDER_DOT_EDGES_MAX);
}

enum {
    OPT_FOCUS = 256,
    OPT_DEPTH,
    OPT_TYPES,
    OPT_RELATIONS,
    OPT_MIN_WEIGHT,
    OPT_MAX_NODES,
    OPT_NO_LEGEND,
    OPT_CONNECTED
};

static const struct option long_options[] = {
    {"format", required_argument, NULL, 'T'},
    {"output", required_argument, NULL, 'o'},
    {"engine", required_argument, NULL, 'K'},
    {"focus", required_argument, NULL, OPT_FOCUS},
    {"depth", required_argument, NULL, OPT_DEPTH},
    {"types", required_argument, NULL, OPT_TYPES},
    {"relations", required_argument, NULL, OPT_RELATIONS},
    {"min-weight", required_argument, NULL, OPT_MIN_WEIGHT},
    {"max-nodes", required_argument, NULL, OPT_MAX_NODES},
    {"no-legend", no_argument, NULL, OPT_NO_LEGEND},
    {"connected", no_argument, NULL, OPT_CONNECTED},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

int cmd_render(int argc, char **argv)
{
    int status = KG_EXIT_OK, depth_given = 0;
    const char *output = NULL;
    kg_graph *graph = NULL, *view = NULL;
    char *data = NULL;
    size_t len = 0;
    unsigned long num = 0;
    kg_render_opts ropts;
    kg_view_opts vopts;
    kg_out out;

    kg_render_opts_init(&ropts);
    kg_view_opts_init(&vopts);
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":T:o:K:h", long_options, NULL)) != -1) {
        switch (c) {
        case 'T':
            if (kg_format_parse(&ropts.format, optarg) != 0)
                return cli_usage_error(cmd, "%s", kg_error_last());
            break;
        case 'o':
            output = optarg;
            break;
        case 'K':
            ropts.engine = optarg;
            break;
        case OPT_FOCUS:
            if (vopts.n_focus >= KG_VIEW_FOCUS_MAX)
                return cli_usage_error(cmd, "at most %d --focus names", KG_VIEW_FOCUS_MAX);
            if (!optarg[0])
                return cli_usage_error(cmd, "--focus needs a name");
            vopts.focus[vopts.n_focus++] = optarg;
            break;
        case OPT_DEPTH:
            if (cli_parse_uint(cmd, "--depth", optarg, KG_QUERY_DEPTH_MAX, &num) != 0)
                return KG_EXIT_USAGE;
            vopts.depth = (unsigned)num;
            depth_given = 1;
            break;
        case OPT_TYPES:
            if (kg_view_parse_types(&vopts.types, optarg) != 0)
                return cli_usage_error(cmd, "%s", kg_error_last());
            break;
        case OPT_RELATIONS:
            if (kg_view_parse_relations(&vopts.relations, optarg) != 0)
                return cli_usage_error(cmd, "%s", kg_error_last());
            break;
        case OPT_MIN_WEIGHT:
            if (cli_parse_uint(cmd, "--min-weight", optarg, ULONG_MAX, &num) != 0)
                return KG_EXIT_USAGE;
            vopts.min_weight = num;
            break;
        case OPT_MAX_NODES:
            if (cli_parse_positive(cmd, "--max-nodes", optarg,
                                   SIZE_MAX < ULONG_MAX ? SIZE_MAX : ULONG_MAX, &num) != 0)
                return KG_EXIT_USAGE;
            vopts.max_nodes = (size_t)num;
            break;
        case OPT_NO_LEGEND:
            ropts.legend = 0;
            break;
        case OPT_CONNECTED:
            vopts.connected = 1;
            break;
        case 'h':
            usage(stdout);
            return KG_EXIT_OK;
        case ':':
            return cli_usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
        default:
            return cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind == argc)
        return cli_usage_error(cmd, "no graph file given (use '-' for standard input)");
    if (argc - optind > 1)
        return cli_usage_error(cmd, "one graph file expected, got %d", argc - optind);
    if (depth_given && vopts.n_focus == 0)
        return cli_usage_error(cmd, "--depth needs --focus");
    if (ropts.engine && kg_render_check_engine(ropts.engine) != 0)
        return cli_usage_error(cmd, "%s", kg_error_last());

    if (kg_graph_read_file(&graph, argv[optind]) != 0) {
        status = cli_fail(cmd);
        goto done;
    }
    /* A name several entities share is drawn with all of them (up to
     * KG_QUERY_CANDIDATES_MAX); say so rather than surprise. */
    for (size_t i = 0; i < vopts.n_focus; i++) {
        kg_match m;
        if (kg_query_match(&m, graph, vopts.focus[i]) == KG_EAMBIGUOUS &&
            m.n_matches <= KG_QUERY_CANDIDATES_MAX)
            fprintf(stderr, "kg: %s: %s; drawing all of them\n", cmd, kg_error_last());
    }
    const kg_graph *shown = graph;
    if (kg_view_is_filtered(&vopts)) {
        int rc = kg_view_select(&view, graph, &vopts);
        if (rc == KG_EUSAGE) {
            status = cli_usage_error(cmd, "%s", kg_error_last());
            goto done;
        }
        if (rc != 0) {
            status = cli_fail(cmd);
            goto done;
        }
        shown = view;
        ropts.names = graph;
        if (kg_graph_node_count(view) == 0)
            cli_warn(cmd, "the view is empty: no entity passes the filters");
    }
    if (kg_format_needs_layout(ropts.format) && !ropts.engine &&
        strcmp(kg_render_engine(shown, &ropts), "dot") != 0) {
        int by_nodes = kg_graph_node_count(shown) > KG_RENDER_DOT_MAX;
        fprintf(stderr,
                "kg: %s: %zu %s: laying out with sfdp (dot is slow past %d %s; -K dot "
                "forces it)\n",
                cmd, by_nodes ? kg_graph_node_count(shown) : kg_graph_edge_count(shown),
                by_nodes ? "nodes" : "edges", by_nodes ? KG_RENDER_DOT_MAX : KG_RENDER_DOT_EDGES_MAX,
                by_nodes ? "nodes" : "edges");
    }

    if (kg_render(&data, &len, shown, &ropts) != 0) {
        status = cli_fail(cmd);
        goto done;
    }
    if (kg_out_open(&out, output) != 0) {
        status = cli_fail(cmd);
        goto done;
    }
    errno = 0;
    if (fwrite(data, 1, len, out.f) != len) {
        int err = errno ? errno : EIO; /* before cleanup can change it */
        kg_out_abort(&out);
        kg_error_set(KG_EIO, "%s: write failed: %s", output ? output : "<stdout>",
                     strerror(err));
        status = cli_fail(cmd);
        goto done;
    }
    if (kg_out_commit(&out) != 0)
        status = cli_fail(cmd);
done:
    free(data);
    kg_graph_free(view);
    kg_graph_free(graph);
    return status;
}
