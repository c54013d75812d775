/*
 * kg/recognize.h - named-entity recognition: the third stage of the
 * pipeline, and the CoNLL-2003 tagger behind `kg tag --conll`.
 *
 * The tagger is a greedy left-to-right averaged perceptron over BILOU
 * labels (src/ner_features.h lists the features), trained on CoNLL-2003 and
 * compiled into the library (src/models/ner.model). It tags one sentence
 * at a time; a kg_tag_state carries what it learns about the current
 * document (how words are cased outside headlines, which classes it has
 * given each word so far), so callers tag a document as:
 *
 *     kg_tag_state_reset(st);
 *     for each sentence: kg_tag_state_observe(st, toks, n);   (first pass)
 *     for each sentence: kg_tagger_tag(tg, lx, st, toks, n, cls, begin);
 *
 * kg_recognize() does exactly that over a segmented kg_doc and turns the
 * tags into kg_mention records, adding what the lexicon knows for certain
 * (weapon designations, weapon classes, agency acronyms) and weapons named
 * by context ("72 Tornado fighters", "Silkworm missiles").
 *
 * Memory: kg_tagger_builtin() returns a shared tagger that is never freed.
 * Taggers from kg_tagger_load() and states from kg_tag_state_new() belong
 * to the caller (kg_tagger_free, kg_tag_state_free; NULL is a no-op). A
 * tagger is immutable after loading and may be shared between threads; a
 * state may not.
 */
#ifndef KG_RECOGNIZE_H
#define KG_RECOGNIZE_H

#include <stddef.h>
#include <stdint.h>

#include "kg/doc.h"
#include "kg/lexicon.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kg_tagger kg_tagger;
typedef struct kg_tag_state kg_tag_state;

/* The tagger compiled into the library, loaded on first use (thread-safe).
 * Returns NULL if the build has no model or it is corrupt; kg_error_last()
 * says which. */
const kg_tagger *kg_tagger_builtin(void);

/* Loads a model from memory (the bytes of a ner.model file; they are
 * copied). Returns 0, or KG_EPARSE for a file that is not a model of this
 * version, or KG_ENOMEM. */
int kg_tagger_load(kg_tagger **out, const void *data, size_t len);

/* Frees a tagger from kg_tagger_load(); NULL (and the builtin) is a no-op. */
void kg_tagger_free(kg_tagger *t);

/* How many weight rows (features) the tagger holds. */
size_t kg_tagger_features(const kg_tagger *t);

/* A fresh document state. Returns 0 or KG_ENOMEM. */
int kg_tag_state_new(kg_tag_state **out);
void kg_tag_state_free(kg_tag_state *s);

/* Starts a new document: forgets casing and prediction history. */
void kg_tag_state_reset(kg_tag_state *s);

/* First pass: shows the state one sentence of the current document, so
 * that the tagger knows, e.g., how an all-capitals headline word is written
 * in the body. Optional, but tag quality drops without it. */
void kg_tag_state_observe(kg_tag_state *s, const kg_str *toks, size_t n);

/* Tags one sentence of n tokens: writes each token's class (KG_NER_O for
 * none) to cls[i] and 1 to begin[i] where an entity starts (IOB2 "B-"),
 * else 0. `lx` may be NULL (no lexicon features: worse results). Returns 0
 * or KG_ENOMEM. */
int kg_tagger_tag(const kg_tagger *t, const kg_lexicon *lx, kg_tag_state *s, const kg_str *toks,
                  size_t n, kg_ner *cls, uint8_t *begin);

/* The recognize stage: tags d->tokens sentence by sentence (d must be
 * segmented) with the builtin tagger and appends kg_mention records to d,
 * sorted by start and non-overlapping, each with its CoNLL class, node
 * type, kind and lexicon entry (entity = -1). MISC names that are neither
 * demonyms nor weapons have no node type and are not added. `lx` NULL
 * means kg_lexicon_builtin(). Returns 0 or a KG_E* code. */
int kg_recognize(kg_doc *d, const kg_lexicon *lx);

#ifdef __cplusplus
}
#endif
#endif
