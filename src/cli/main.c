/*
 * main.c - the kg command: dispatches to one subcommand from a table.
 */
#include "cli.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

#ifndef KG_VERSION
#define KG_VERSION "0"
#endif

static const struct {
    const char *name;
    kg_cmd_fn fn;
    const char *summary;
} commands[] = {
    {"build", cmd_build, "extract entities and relations from articles and merge them into one graph"},
    {"extract", cmd_extract, "write one per-article graph per line (JSON Lines): the map step"},
    {"merge", cmd_merge, "merge graph files and JSON Lines streams: the reduce step"},
    {"render", cmd_render, "draw a graph or a view of it (dot, svg, png, json, graphml, tsv)"},
    {"neighbors", cmd_neighbors, "who is linked to an entity, how, and the evidence"},
    {"path", cmd_path, "the shortest chain of relations between two entities"},
    {"stats", cmd_stats, "counts by type and relation, most connected entities"},
    {"tag", cmd_tag, "CoNLL mode: append a predicted IOB2 entity tag to each token"},
};

static void usage(FILE *f)
{
    fprintf(f, "Usage: kg COMMAND [OPTIONS] [ARGS]\n\n"
               "Builds one knowledge graph of the actors, countries, weapons and arms flows\n"
               "that English news articles describe, and draws and queries it.\n\n"
               "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\nOptions:\n"
               "  -h, --help     show this help and exit\n"
               "      --version  show the version and exit\n\n"
               "Run 'kg COMMAND --help' for a command's options. See kg(1).\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return KG_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        usage(stdout);
        return KG_EXIT_OK;
    }
    if (strcmp(name, "--version") == 0) {
        printf("kg %s\n", KG_VERSION);
        return KG_EXIT_OK;
    }
    /* Every command that writes a file leaves no temporary behind when
     * interrupted. */
    kg_out_cleanup_on_signals();
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(name, commands[i].name) == 0)
            return commands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "kg: '%s' is not a kg command\nTry 'kg --help' for the list.\n", name);
    return KG_EXIT_USAGE;
}
