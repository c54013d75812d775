/*
 * kg/query.h - asking a graph questions: which entity a name means, who is
 * linked to it (neighbors), the shortest chain of relations between two
 * entities (path) and what the graph holds (stats). `kg neighbors`,
 * `kg path`, `kg stats` and `kg render --focus` are built on these.
 *
 * Name matching (kg_query_match) works on the graph alone. The traversals
 * need a kg_query: an adjacency index built once per graph in O(nodes +
 * edges log degree), after which a neighbourhood or a path is one
 * breadth-first search and the stats one pass over the graph.
 *
 * Memory: a kg_query from kg_query_new() belongs to the caller and is
 * released with kg_query_free(); it borrows the graph, which must outlive it
 * and must not be modified while it exists. Arrays returned through **out
 * (kg_hop arrays, kg_stats, JSON strings) belong to the caller and are
 * released with free() (kg_stats with kg_stats_free()). The kg_node and
 * kg_edge pointers inside them are borrowed from the graph.
 *
 * JSON shapes written by the *_json functions (keys in this order; a node
 * is {"id", "label", "type"}; evidence is the edge's first evidence record
 * {"article", "start", "end", "text"} or null when the edge has none):
 *
 *   neighbors:
 *     {"node": NODE, "depth": N, "relation": "sells" | null,
 *      "direction": "both" | "out" | "in",
 *      "neighbors": [{"depth": 1, "from": ID, "direction": DIR,
 *                     "relation": REL, "source": ID, "target": ID,
 *                     "weight": W, "node": NODE, "evidence": EVIDENCE}]}
 *   path:
 *     {"from": NODE, "to": NODE, "length": HOPS,
 *      "hops": [{"from": ID, "to": ID, "direction": DIR, "relation": REL,
 *                "source": ID, "target": ID, "weight": W,
 *                "evidence": EVIDENCE}]}
 *   stats:
 *     {"articles": N,
 *      "nodes": {"total": N, "by_type": {"PERSON": N, ...every type}},
 *      "edges": {"total": N, "by_family": {"arms": N, ...every family},
 *                "by_relation": {"supplies": N, ...every relation}},
 *      "top": [{"id", "label", "type", "degree", "weight"}]}
 *
 * DIR is "out" when the hop follows the edge from source to target, "in"
 * when it goes against it, "both" for a symmetric (undirected) edge.
 */
#ifndef KG_QUERY_H
#define KG_QUERY_H

#include <stddef.h>

#include "kg/graph.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Closest candidates reported for an unknown or ambiguous name: enough to
 * spot the intended entity, few enough for one line of an error message. */
#define KG_QUERY_CANDIDATES_MAX 5
/* Deepest neighbourhood asked for; beyond a few hops the answer is the whole
 * component, so a larger value is almost certainly a typing mistake. */
#define KG_QUERY_DEPTH_MAX 100

/* ---- name matching ----------------------------------------------------- */

typedef struct kg_match {
    const kg_node *node; /* the entity found (return 0), else NULL */
    /* KG_EAMBIGUOUS: the matching entities (the first of n_matches, by id);
     * KG_ENOTFOUND: the closest entities, best first. */
    const kg_node *candidates[KG_QUERY_CANDIDATES_MAX];
    size_t n_candidates;
    size_t n_matches; /* how many entities matched (0, 1, or more) */
} kg_match;

/* Finds the entity `name` means. A name matches a node's id, its label,
 * one of its aliases or its id without the type prefix ("USA"), compared
 * case-insensitively with Latin-1 accents folded, '.' and apostrophes
 * dropped and other runs of ASCII punctuation or spaces taken as one space
 * ("U.S." is "US", "al-qaeda" is "Al Qaeda", "Jose" is "José"). An id beats
 * a label, a label beats an alias: the first of these tiers that matches
 * anything decides.
 * Returns 0 with out->node set; KG_EAMBIGUOUS if the deciding tier holds
 * several nodes; KG_ENOTFOUND if nothing matches, with the closest names
 * (prefix, shared words, edit distance) as candidates; KG_EUSAGE for an
 * empty name. On error kg_error_last() reads like "no entity named 'X';
 * closest: Label (id), ...", ready for the command line. */
int kg_query_match(kg_match *out, const kg_graph *g, const char *name);

/* ---- the adjacency index ----------------------------------------------- */

typedef struct kg_query kg_query;

/* Indexes g's edges by endpoint. Returns 0, KG_ENOMEM, or KG_ELIMIT for a
 * graph too big to index (more than 2^32 - 1 nodes or edge ends). */
int kg_query_new(kg_query **out, const kg_graph *g);

/* Frees the index (not the graph); NULL is a harmless no-op. */
void kg_query_free(kg_query *q);

/* The graph the index was built on. Borrowed. */
const kg_graph *kg_query_graph(const kg_query *q);

/* ---- neighbors and path ------------------------------------------------ */

typedef enum {
    KG_DIR_BOTH = 0, /* as a filter: either way; as a hop: undirected edge */
    KG_DIR_OUT,      /* from the edge's source to its target */
    KG_DIR_IN        /* from the edge's target to its source */
} kg_direction;

/* "both", "out", "in"; NULL if out of range. */
const char *kg_direction_name(kg_direction d);

/* Parses "both", "out" or "in". Returns 0 or KG_EUSAGE. */
int kg_direction_parse(kg_direction *out, const char *name);

/* One step of a traversal: `edge` taken from `from` to reach `node`. */
typedef struct kg_hop {
    const kg_node *from;
    const kg_node *node;
    const kg_edge *edge;
    kg_direction direction; /* OUT: from is the source; IN: from is the target */
    unsigned depth;         /* hops from the start; 1 for direct neighbours */
} kg_hop;

typedef struct kg_neighbors_opts {
    unsigned depth;         /* 0..KG_QUERY_DEPTH_MAX; 1 for direct neighbours */
    const char *relation;   /* follow only this relation, or NULL for all */
    kg_direction direction; /* which edges to follow, seen from each node */
} kg_neighbors_opts;

/* Breadth-first neighbourhood of `start`: every node first reached at
 * depth d (1 <= d <= opts->depth) appears with each edge that links it to a
 * node at depth d - 1 (so two relations to the same neighbour are two hops).
 * Sorted by (depth, node id, relation, from id, direction). *out is a
 * malloc'd array of *n_out hops (NULL when there are none).
 * Returns 0, KG_EUSAGE (unknown relation, depth too large) or KG_ENOMEM. */
int kg_query_neighbors(kg_hop **out, size_t *n_out, const kg_query *q, const kg_node *start,
                       const kg_neighbors_opts *opts);

/* The shortest chain of edges from `a` to `b`, each edge taken in either
 * direction. Among equally short chains the one whose nodes come first in id
 * order (compared hop by hop from `a`) wins, then the relation that comes
 * first by name. *out is a malloc'd array of *n_out hops from a to b
 * (n_out == 0 and *out NULL when a == b). Returns 0, KG_ENOTFOUND (no path,
 * with a message naming both ends) or KG_ENOMEM. */
int kg_query_path(kg_hop **out, size_t *n_out, const kg_query *q, const kg_node *a,
                  const kg_node *b);

/* ---- stats ------------------------------------------------------------- */

typedef struct kg_stats_entity {
    const kg_node *node;
    size_t degree;        /* edges that touch the node */
    unsigned long weight; /* sum of those edges' weights */
} kg_stats_entity;

typedef struct kg_stats {
    size_t articles, nodes, edges;
    size_t by_type[KG_TYPE__COUNT];
    size_t by_family[KG_FAMILY__COUNT];
    size_t *by_relation; /* indexed like kg_relation_all() */
    size_t n_relations;
    kg_stats_entity *top; /* by degree, then weight (both descending), then id */
    size_t n_top;
} kg_stats;

/* Counts nodes by type, edges by relation and family, and the `top` most
 * connected entities. Returns 0 or KG_ENOMEM. */
int kg_query_stats(kg_stats **out, const kg_query *q, size_t top);

/* Frees stats; NULL is a harmless no-op. */
void kg_stats_free(kg_stats *s);

/* ---- JSON answers (shapes in the opening comment) ---------------------- */

/* Each writes a malloc'd, NUL-terminated, indented JSON document ending in a
 * newline to *out. Returns 0 or KG_ENOMEM. */
int kg_query_neighbors_json(char **out, const kg_node *start, const kg_neighbors_opts *opts,
                            const kg_hop *hops, size_t n);
int kg_query_path_json(char **out, const kg_node *a, const kg_node *b, const kg_hop *hops,
                       size_t n);
int kg_query_stats_json(char **out, const kg_stats *s);

/* ---- text answers (what `kg neighbors|path|stats` print) -------------- */

/* Each writes a malloc'd, NUL-terminated, human-readable answer: a title
 * line, then aligned columns; an evidence sentence is quoted on the line
 * below its hop, cut to about 200 bytes at a character boundary ("...").
 * Returns 0 or KG_ENOMEM. */
int kg_query_neighbors_text(char **out, const kg_node *start, const kg_neighbors_opts *opts,
                            const kg_hop *hops, size_t n);
int kg_query_path_text(char **out, const kg_node *a, const kg_node *b, const kg_hop *hops,
                       size_t n);
int kg_query_stats_text(char **out, const kg_stats *s);

#ifdef __cplusplus
}
#endif
#endif
