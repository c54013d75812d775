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

#endif
