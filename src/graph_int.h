/*
 * graph_int.h - private helpers shared by graph.c and document.c. Not API.
 */
#ifndef KG_GRAPH_INT_H
#define KG_GRAPH_INT_H

#include "kg/graph.h"

/* The largest number of evidence records any edge of g holds. */
size_t kg_graph_max_evidence(const kg_graph *g);

/* Parses every document in json[0..len) into `into` (kg_graph_parse without
 * the new graph). Returns 0 or a KG_E* code. */
int kg_graph_parse_into(kg_graph *into, const char *json, size_t len, const char *name);

/* kg_relation_find(), faster for the reader's hot path. */
const kg_relation_info *kg_graph_relation(const char *name);

/* ---- read-only graphs over a snapshot (src/snapshot.c) ------------------ */

#include <stdint.h>

/* The arrays of a graph loaded from a binary snapshot: already in canonical
 * order, pointing into one mapping. A kg_graph wrapping one answers every
 * getter from these arrays (look-ups by binary search) and refuses to be
 * modified; merging it into another graph works as usual. */
typedef struct kg_frozen {
    void *map;
    size_t map_len;
    kg_article_meta *arts; /* by id */
    size_t n_arts;
    const uint32_t *by_hash; /* article indices sorted by hash */
    kg_node *nodes;          /* by id */
    size_t n_nodes;
    kg_edge *edges; /* by (source, relation, target) */
    size_t n_edges;
    size_t ev_limit;
} kg_frozen;

/* Wraps fz in a new read-only graph that owns it from then on (also on
 * failure). Returns 0 or KG_ENOMEM. */
int kg_graph_wrap_frozen(kg_graph **out, kg_frozen *fz);

/* Releases the mapping and fz itself (snapshot.c). */
void kg_frozen_release(kg_frozen *fz);

#endif
