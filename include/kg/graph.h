/*
 * kg/graph.h - the knowledge graph in memory, its document form
 * (JSON Graph Format v2, ../shared/DESIGN.md "The graph document") and merge.
 *
 * A kg_graph holds articles, nodes and edges. Everything that enters a graph
 * enters through a merge: kg_graph_merge_node(), kg_graph_merge_edge(),
 * kg_graph_add_article() and kg_graph_merge() all apply the same rules, which
 * make merging associative, commutative and idempotent:
 *
 *   - per-article counts: for the same (node|edge, article) the larger count
 *     wins, so an article seen twice is never counted twice; weight is the
 *     sum of the per-article counts;
 *   - aliases, roles, weapons: set union (sorted, no duplicates); a node's
 *     aliases never contain its label, but every name ever given as label or
 *     alias is kept;
 *   - label: of all names offered as label, the one with the most bytes,
 *     ties broken by strcmp() order (smallest first);
 *   - type of a node: the smallest kg_type offered for its id;
 *   - evidence: union, deduplicated, sorted by (article, start, end,
 *     subject, object, text); only the first `evidence limit` are kept;
 *   - article metadata: union by id; for a field given differently, the
 *     strcmp()-largest non-empty value.
 *
 * Reading and writing: the document is written canonically (nodes by id,
 * edges by (source, relation, target), fixed key order, sorted arrays), so
 * the same graph always gives the same bytes. Files are replaced atomically.
 *
 * Memory: a graph from kg_graph_new()/kg_graph_read_*() belongs to the caller
 * and is released with kg_graph_free(). Pointers returned by the getters
 * (kg_node, kg_edge, kg_article_meta and the strings and arrays in them) are
 * borrowed from the graph and stay valid until the graph is next modified or
 * freed. Arguments passed to the merge functions are copied.
 */
#ifndef KG_GRAPH_H
#define KG_GRAPH_H

#include <stddef.h>
#include <stdio.h>

#include "kg/ontology.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Evidence records kept per edge unless the caller sets another limit
 * (DESIGN.md: "default 5, --evidence N"). */
#define KG_EVIDENCE_DEFAULT 5
/* Upper bound for --evidence: keeps a hub edge from growing without end. */
#define KG_EVIDENCE_MAX 1000

typedef struct kg_graph kg_graph;

/* One article of the collection ("metadata.articles" in the document).
 * Unknown fields are "" or NULL on input; they are written as "". */
typedef struct kg_article_meta {
    char *id;     /* the input's own id, else the text hash */
    char *title;
    char *date;
    char *source; /* path or url */
    char *hash;   /* hash of the text: 16 lower-case hex digits */
} kg_article_meta;

/* article id -> count (mentions for a node, evidence for an edge). */
typedef struct kg_count {
    char *article;
    unsigned long count;
} kg_count;

/* A sentence that supports an edge. Offsets are UTF-8 byte offsets into the
 * article text as read; end offsets are exclusive. */
typedef struct kg_evidence {
    char *article;
    size_t start, end;             /* the sentence */
    size_t subject[2];             /* the subject mention [start, end) */
    size_t object[2];              /* the object mention [start, end) */
    char *text;                    /* the sentence text */
} kg_evidence;

typedef struct kg_node {
    char *id;          /* "person:hemant-lakhani", "country:RUS" */
    char *label;
    kg_type type;
    char **aliases;    /* sorted, unique, never the label */
    size_t n_aliases;
    char **roles;      /* sorted, unique: "arms dealer", "spokesman" */
    size_t n_roles;
    kg_count *articles; /* sorted by article id */
    size_t n_articles;
    unsigned long weight; /* sum of articles[].count */
} kg_node;

typedef struct kg_edge {
    char *source;      /* node id */
    char *relation;    /* a name from kg_relation_all() */
    char *target;      /* node id */
    int directed;      /* 0 for symmetric relations (source < target then) */
    char **weapons;    /* node ids of WEAPON nodes, sorted, unique */
    size_t n_weapons;
    kg_count *articles; /* sorted by article id */
    size_t n_articles;
    kg_evidence *evidence; /* sorted as described above, at most the limit */
    size_t n_evidence;
    unsigned long weight; /* sum of articles[].count */
} kg_edge;

/* ---- lifetime ---------------------------------------------------------- */

/* Creates an empty graph. Returns 0 or KG_ENOMEM. */
int kg_graph_new(kg_graph **out);

/* Frees a graph; NULL is a harmless no-op. */
void kg_graph_free(kg_graph *g);

/* Sets how many evidence records each edge keeps (1..KG_EVIDENCE_MAX);
 * trims existing edges. Returns 0 or KG_EUSAGE. */
int kg_graph_set_evidence_limit(kg_graph *g, size_t limit);
size_t kg_graph_evidence_limit(const kg_graph *g);

/* ---- adding (every addition is a merge) -------------------------------- */

/* Adds or merges one article's metadata. Returns 0 or a KG_E* code. */
int kg_graph_add_article(kg_graph *g, const kg_article_meta *meta);

/* Merges one node record into g: its label, type, aliases, roles and
 * per-article counts, by the rules above. `n->weight` is ignored (derived).
 * Returns 0 or a KG_E* code (KG_EINVALID for an empty id or label). */
int kg_graph_merge_node(kg_graph *g, const kg_node *n);

/* Merges one edge record. The relation must be in the ontology; for a
 * symmetric relation the endpoints are put in order and `directed` forced to
 * 0. Both endpoints must already be nodes of g (KG_EINVALID otherwise).
 * `e->weight` is ignored (derived). Returns 0 or a KG_E* code. */
int kg_graph_merge_edge(kg_graph *g, const kg_edge *e);

/* Merges all of `from` into `into` (articles, nodes, then edges).
 * Returns 0 or a KG_E* code; on error `into` may hold part of `from`. */
int kg_graph_merge(kg_graph *into, const kg_graph *from);

/* ---- reading the graph ------------------------------------------------- */

size_t kg_graph_article_count(const kg_graph *g);
size_t kg_graph_node_count(const kg_graph *g);
size_t kg_graph_edge_count(const kg_graph *g);

/* The i-th article / node / edge in canonical order (by id; edges by
 * (source, relation, target)), or NULL past the end. Borrowed. */
const kg_article_meta *kg_graph_article(const kg_graph *g, size_t i);
const kg_node *kg_graph_node(const kg_graph *g, size_t i);
const kg_edge *kg_graph_edge(const kg_graph *g, size_t i);

/* Look-ups by key; NULL if absent. Borrowed. */
const kg_article_meta *kg_graph_find_article(const kg_graph *g, const char *id);
const kg_node *kg_graph_find_node(const kg_graph *g, const char *id);
const kg_edge *kg_graph_find_edge(const kg_graph *g, const char *source, const char *relation,
                                  const char *target);

/* 1 if an article with this text hash is in the graph, else 0. */
int kg_graph_has_hash(const kg_graph *g, const char *hash);

/* ---- the document ------------------------------------------------------ */

/* Serialisation flags. */
#define KG_GRAPH_COMPACT 1 /* one line, no indentation (JSON Lines) */

/* Parses one graph document from memory. `name` (a file name, or "<stdin>")
 * goes into error messages with the line and column. Validates: JSON syntax,
 * the kg document shape, known node types and relations, edges whose
 * endpoints are nodes, no duplicate node ids, field types.
 * Returns 0 or KG_EPARSE/KG_EINVALID/KG_ENOMEM; *out is NULL on error. */
int kg_graph_parse(kg_graph **out, const char *json, size_t len, const char *name);

/* Reads a graph file ("-" for stdin): one document, or JSON Lines of
 * documents (one per line, e.g. `kg extract` output), merged into one graph.
 * Nothing the file holds is dropped: the graph's evidence limit becomes the
 * largest number of evidence records of any edge (at least the default).
 * kg_graph_parse() does the same.
 * Returns 0 or a KG_E* code with the file, line and reason in
 * kg_error_last(); *out is NULL on error. */
int kg_graph_read_file(kg_graph **out, const char *path);

/* Merges every document of a file (as kg_graph_read_file reads them) into
 * `into`, one at a time, so memory grows with the graph, not the file. */
int kg_graph_merge_file(kg_graph *into, const char *path);

/* Serialises g canonically into a new NUL-terminated string (*out, to be
 * free()d by the caller). With KG_GRAPH_COMPACT the document is one line
 * without a trailing newline; otherwise indented, ending in a newline. */
int kg_graph_to_string(char **out, const kg_graph *g, int flags);

/* Writes g canonically to a stream: the bytes of kg_graph_to_string(), with
 * a newline after a compact document too (one JSON Lines line).
 * Returns 0 or KG_EIO/KG_ENOMEM. */
int kg_graph_write(const kg_graph *g, FILE *f, int flags);

/* Writes g to `path` ("-" for stdout) through a temporary file in the same
 * directory renamed over the target, so an existing file is only ever
 * replaced by a complete new one. Returns 0 or KG_EIO/KG_ENOMEM. */
int kg_graph_write_file(const kg_graph *g, const char *path, int flags);

#ifdef __cplusplus
}
#endif
#endif
