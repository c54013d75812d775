/*
 * kg/extract.h - the extraction pipeline for one article: segment,
 * recognize, resolve, relate, then the per-article graph
 * (kg_doc_to_graph(), declared in kg/doc.h and implemented beside it).
 *
 * This is the map step of DESIGN.md: one article in, one graph out, no
 * state shared between articles, so callers may run it on many threads at
 * once (each with its own doc) and merge the graphs in any grouping.
 *
 * Memory: the graph returned through *out belongs to the caller
 * (kg_graph_free). The doc stays the caller's; extraction fills its tokens,
 * mentions, entities and relations.
 */
#ifndef KG_EXTRACT_H
#define KG_EXTRACT_H

#include <stddef.h>

#include "kg/doc.h"
#include "kg/graph.h"
#include "kg/lexicon.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bytes of sentence text one evidence record keeps, "..." included. A
 * "sentence" the segmenter could not split (a list, a table, text without
 * full stops) can run to many kilobytes, and every edge it supports would
 * carry it whole into every graph it is merged into. A longer sentence is
 * cut on a UTF-8 character boundary and ends in "..."; the record's offsets
 * still describe the whole sentence in the article. */
#define KG_EVIDENCE_TEXT_MAX 1000

typedef struct kg_extract_opts {
    const kg_lexicon *lexicon; /* NULL: kg_lexicon_builtin() */
    size_t evidence;           /* evidence records kept per edge, 1..KG_EVIDENCE_MAX;
                                  0: KG_EVIDENCE_DEFAULT */
} kg_extract_opts;

/* Sets the defaults (built-in lexicon, KG_EVIDENCE_DEFAULT evidence). */
void kg_extract_opts_init(kg_extract_opts *o);

/* Runs the whole pipeline on d, an article fresh from the reader (or
 * kg_doc_new) that no stage has seen yet, and builds its graph: the
 * article, one node per entity, one edge per distinct relation. An empty
 * article gives a graph holding only the article. `o` may be NULL.
 * Returns 0 or a KG_E* code; *out is NULL on error. */
int kg_extract_article(kg_graph **out, kg_doc *d, const kg_extract_opts *o);

/* kg_doc_to_graph() with a chosen evidence limit (1..KG_EVIDENCE_MAX).
 * Returns 0 or a KG_E* code; *out is NULL on error. */
int kg_extract_doc_graph(kg_graph **out, const kg_doc *d, size_t evidence);

#ifdef __cplusplus
}
#endif
#endif
