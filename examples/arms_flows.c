/*
 * arms_flows.c - a small program on libkg's public API: reads article files,
 * extracts each into a graph, merges them, and prints the arms-family
 * relations with the sentence that supports each one.
 *
 *   arms_flows ARTICLE.txt...
 */
#include <kg.h>

#include <stdio.h>
#include <stdlib.h>

static int add_file(kg_graph *all, const char *path)
{
    kg_reader *r = NULL;
    kg_doc *doc = NULL;
    kg_graph *g = NULL;
    int rc = kg_reader_new(&r, &path, 1, NULL);
    while (rc == 0 && (rc = kg_reader_next(r, &doc)) == 1) {
        rc = kg_extract_article(&g, doc, NULL);
        if (rc == 0)
            rc = kg_graph_merge(all, g);
        kg_graph_free(g);
        kg_doc_free(doc);
        g = NULL;
        doc = NULL;
    }
    kg_reader_free(r);
    return rc;
}

int main(int argc, char **argv)
{
    kg_graph *all = NULL;
    int status = 1;
    if (argc < 2) {
        fprintf(stderr, "usage: arms_flows ARTICLE...\n");
        return 2;
    }
    if (kg_graph_new(&all) != 0)
        goto done;
    for (int i = 1; i < argc; i++) {
        if (add_file(all, argv[i]) != 0) {
            fprintf(stderr, "arms_flows: %s\n", kg_error_last());
            goto done;
        }
    }
    for (size_t i = 0; i < kg_graph_edge_count(all); i++) {
        const kg_edge *e = kg_graph_edge(all, i);
        const kg_relation_info *info = kg_relation_find(e->relation);
        if (!info || info->family != KG_FAMILY_ARMS)
            continue;
        const kg_node *s = kg_graph_find_node(all, e->source);
        const kg_node *t = kg_graph_find_node(all, e->target);
        printf("%s -%s-> %s\n", s->label, e->relation, t->label);
        if (e->n_evidence > 0)
            printf("    \"%s\"\n", e->evidence[0].text);
    }
    status = 0;
done:
    kg_graph_free(all);
    return status;
}
