/*
 * kg/render.h - drawing a graph for people and exporting it for programs.
 *
 * Formats:
 *   dot     Graphviz DOT source, deterministic (nodes by id, edges by
 *           (source, relation, target), fixed attribute order), valid input
 *           for `dot`; what -T svg/png lay out is exactly this text.
 *   svg     laid out by Graphviz; tooltips carry the evidence.
 *   png     laid out by Graphviz (cairo).
 *   json    the graph document (kg/graph.h), indented.
 *   graphml GraphML 1.0 for Gephi, yEd, Cytoscape and NetworkX. Node keys:
 *           label, type, aliases, roles, weight; edge keys: relation,
 *           family, symmetric, weight, weapons, evidence. Lists are joined
 *           with "; ", evidence as "[article] sentence" lines. The graph is
 *           directed; a symmetric relation (cooperates_with) is marked by
 *           symmetric=true rather than directed="false", which NetworkX
 *           rejects in a directed graph.
 *   tsv     a header line starting with '#', then one line per edge:
 *             source-id TAB relation TAB target-id TAB weight
 *             TAB source-label TAB target-label TAB weapons
 *           weapons as comma-separated node ids; tabs and line breaks in
 *           labels become spaces.
 *
 * Picture: shape and fill by node type (PERSON ellipse, ORG box, COUNTRY
 * doubleoctagon, LOCATION house, WEAPON diamond), edge colour by relation
 * family, pen width by weight (log-scaled, capped), edge label = relation
 * plus its weapons (left out past KG_RENDER_DOT_MAX nodes, where thousands
 * of labels are unreadable and slow sfdp down threefold), a legend of the types and families present, node
 * tooltips (type, id, aliases, roles, mentions) and edge tooltips (each
 * evidence sentence with its article id). Text from articles is escaped so
 * that Graphviz never interprets it (\N, \n, \l, quotes, entities).
 *
 * Graphviz is not thread-safe: every Graphviz call of kg sits in
 * src/render_gv.c behind one lock, so kg_render() may be called from any
 * thread but lays out one graph at a time. One Graphviz context serves the
 * whole process and is never freed: Graphviz 2.43 reads freed memory when
 * a second context measures text after the first was freed.
 *
 * Memory: the buffer returned through *out belongs to the caller and is
 * released with free(). It is NUL-terminated (the NUL is not counted in
 * *len), which makes text formats usable as C strings.
 */
#ifndef KG_RENDER_H
#define KG_RENDER_H

#include <stddef.h>

#include "kg/graph.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Past this many nodes, or this many edges, the default engine is sfdp,
 * not dot. dot's time grows much faster than linearly, and with the number
 * of edges (their labels become extra nodes to order) more than with nodes:
 * on random graphs with labelled edges, measured here, 300 nodes and 400
 * edges took 1.7 s, 100 nodes and 300 edges 57 s, 300 nodes and 600 edges
 * 351 s; 200 edges stayed under 5 s at any density tried. sfdp lays out
 * 5,000 nodes and 10,000 edges in about 2 s of CPU. */
#define KG_RENDER_DOT_MAX 300
#define KG_RENDER_DOT_EDGES_MAX 200

typedef enum {
    KG_FORMAT_DOT = 0,
    KG_FORMAT_SVG,
    KG_FORMAT_PNG,
    KG_FORMAT_JSON,
    KG_FORMAT_GRAPHML,
    KG_FORMAT_TSV,
    KG_FORMAT__COUNT
} kg_format;

typedef struct kg_render_opts {
    kg_format format;
    const char *engine; /* Graphviz layout engine; NULL: kg_render_engine() */
    int legend;         /* 1: draw the legend (default), 0: leave it out */
    /* Where to look up the name of a weapon an edge lists when the graph
     * drawn lacks its node: the whole graph a view was selected from.
     * NULL: the id without its "weapon:" prefix. Borrowed. */
    const kg_graph *names;
} kg_render_opts;

/* Defaults: svg, automatic engine, legend. */
void kg_render_opts_init(kg_render_opts *o);

/* "dot", "svg", ...; NULL if out of range. */
const char *kg_format_name(kg_format f);

/* Parses a format name (exact, lower case). Returns 0 or KG_EUSAGE with the
 * list of formats in the message. */
int kg_format_parse(kg_format *out, const char *name);

/* 1 if the format is laid out by Graphviz (svg, png), else 0. */
int kg_format_needs_layout(kg_format f);

/* The engine kg_render() will use for g: o->engine if set, else "dot", or
 * "sfdp" when g has more than KG_RENDER_DOT_MAX nodes or
 * KG_RENDER_DOT_EDGES_MAX edges. Static string or o->engine. */
const char *kg_render_engine(const kg_graph *g, const kg_render_opts *o);

/* Checks that Graphviz has a layout engine called `engine`. Returns 0, or
 * KG_EUSAGE with the available engines in the message. */
int kg_render_check_engine(const char *engine);

/* Renders g in o->format (NULL o: defaults) into a new buffer *out of *len
 * bytes. Returns 0, KG_ERENDER (Graphviz failed: unknown engine, layout or
 * renderer error, with Graphviz's message) or KG_ENOMEM; *out is NULL on
 * error. */
int kg_render(char **out, size_t *len, const kg_graph *g, const kg_render_opts *o);

#ifdef __cplusplus
}
#endif
#endif
