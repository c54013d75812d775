/*
 * kg/view.h - a view of a graph: the part of it one picture or one export
 * should show. `kg render` selects a view before drawing it, so that a
 * graph of thousands of entities can still give a readable diagram of one
 * actor's neighbourhood, one relation family or its most connected core.
 *
 * A view is itself a kg_graph (a copy), so every renderer and writer works
 * on it unchanged. kg_view_select() applies, in this order:
 *
 *   1. edge filters: --relations (relation names or family names) and
 *      --min-weight drop edges;
 *   2. node filter: --types drops nodes, and with them their edges;
 *   3. focus: --focus NAME --depth N keeps the nodes within N hops of the
 *      node(s) NAME means, following the remaining edges in either
 *      direction. Focus nodes are kept even if --types excludes them: they
 *      are what the view is about;
 *   4. when an edge filter or a focus is given, or `connected` is set
 *      (--connected), nodes left without any edge are dropped (the focus
 *      nodes excepted), so that "--relations
 *      supplies" shows the suppliers and their customers, not every
 *      entity of the graph;
 *   5. --max-nodes N keeps the focus nodes, then the most connected of the
 *      others: by degree within the view, then weight (mentions), both
 *      descending, then id, so the choice is deterministic;
 *   6. edges whose endpoints were dropped are dropped.
 *
 * The view keeps the articles that its nodes and edges cite and the source
 * graph's evidence limit. An edge's `weapons` list is kept as it is, even
 * when a weapon node is not in the view.
 *
 * Names (--focus) are matched by kg_query_match() (kg/query.h): id, label or
 * alias, case-insensitively. A name that matches several entities focuses on
 * all of them, up to KG_QUERY_CANDIDATES_MAX; more is an error that lists
 * them. An unknown name is KG_ENOTFOUND with the closest names in the
 * message.
 *
 * Memory: the view from kg_view_select() belongs to the caller and is
 * released with kg_graph_free(). The options only borrow their strings.
 */
#ifndef KG_VIEW_H
#define KG_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "kg/graph.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Most --focus names per view: each is a separate BFS start, and a longer
 * list is better expressed as --types or --relations. */
#define KG_VIEW_FOCUS_MAX 32

typedef struct kg_view_opts {
    const char *focus[KG_VIEW_FOCUS_MAX]; /* names to centre on */
    size_t n_focus;                       /* 0: no focus */
    unsigned depth;                       /* hops from the focus (default 1) */
    unsigned types;          /* bit (1u << kg_type) per kept type; 0: all */
    uint32_t relations;      /* bit i for kg_relation_all()[i]; 0: all */
    unsigned long min_weight; /* edges lighter than this are dropped; 0: all */
    size_t max_nodes;         /* 0: no limit */
    int connected;            /* 1: drop nodes left without edges */
} kg_view_opts;

/* Sets every option to "the whole graph" (depth 1 for a later focus). */
void kg_view_opts_init(kg_view_opts *o);

/* 1 if the options select anything less than the whole graph, else 0. */
int kg_view_is_filtered(const kg_view_opts *o);

/* Parses a comma-separated list of node types ("PERSON,org", any case)
 * into a bit mask for kg_view_opts.types. Returns 0, or KG_EUSAGE naming
 * the unknown type and listing the known ones. */
int kg_view_parse_types(unsigned *out, const char *list);

/* Parses a comma-separated list of relation names or family names
 * ("supplies,sells", "arms,place") into a bit mask for
 * kg_view_opts.relations. Returns 0, or KG_EUSAGE naming the unknown word. */
int kg_view_parse_relations(uint32_t *out, const char *list);

/* Selects the view of g that o describes (see the opening comment) into a
 * new graph *out. Returns 0, KG_ENOTFOUND / KG_EAMBIGUOUS for a focus name,
 * KG_EUSAGE for a bad option, or KG_ENOMEM; *out is NULL on error. */
int kg_view_select(kg_graph **out, const kg_graph *g, const kg_view_opts *o);

#ifdef __cplusplus
}
#endif
#endif
