/*
 * kg/doc.h - one article on its way through the extractor.
 *
 * The pipeline stages fill a kg_doc in turn:
 *   read      -> text, len, meta               (kg/read.h)
 *   segment   -> tokens, sentences             (kg/segment.h)
 *   recognize -> mentions (span, CoNLL class, node type, lexicon entry)
 *                                              (kg/recognize.h)
 *   resolve   -> entities; mentions[i].entity  (kg/resolve.h)
 *   relate    -> relations                     (kg/relate.h)
 * and kg_doc_to_graph() turns the result into a per-article kg_graph.
 *
 * All offsets are UTF-8 byte offsets into `text`, end exclusive. Token and
 * mention indices are plain array indices.
 *
 * Memory: a kg_doc from kg_doc_new() belongs to the caller; kg_doc_free()
 * releases it with everything the stages put in it (NULL is a no-op). The
 * doc copies the text it is given.
 */
#ifndef KG_DOC_H
#define KG_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "kg/graph.h"
#include "kg/ontology.h"

#ifdef __cplusplus
extern "C" {
#endif

/* CoNLL-2003 classes the tagger predicts. */
typedef enum {
    KG_NER_O = 0,
    KG_NER_PER,
    KG_NER_ORG,
    KG_NER_LOC,
    KG_NER_MISC,
    KG_NER__COUNT
} kg_ner;

typedef struct kg_token {
    uint32_t start, end; /* bytes of the token in text */
    uint32_t sentence;   /* index of its sentence */
} kg_token;

typedef struct kg_sentence {
    uint32_t start, end;         /* bytes, from first to last token */
    uint32_t tok_begin, tok_end; /* tokens [tok_begin, tok_end) */
} kg_sentence;

struct kg_lex_entry; /* kg/lexicon.h */

/* How a mention names its entity. */
typedef enum {
    KG_MENTION_NAME = 0, /* "Hemant Lakhani", "Russia", "FSB" */
    KG_MENTION_DEMONYM,  /* "Russian", "Briton": refers to a COUNTRY, CoNLL MISC */
    KG_MENTION_PRONOUN,  /* "he", "the dealer": filled in by resolve */
    KG_MENTION_WEAPON_CLASS /* "surface-to-air missiles" */
} kg_mention_kind;

typedef struct kg_mention {
    uint32_t tok_begin, tok_end; /* tokens [tok_begin, tok_end) */
    uint32_t start, end;         /* bytes */
    uint32_t sentence;
    kg_ner ner;                  /* CoNLL class (MISC for demonyms) */
    kg_type type;                /* node type it resolves to */
    kg_mention_kind kind;
    const struct kg_lex_entry *lex; /* lexicon entry, or NULL */
    int32_t entity;              /* index into entities, -1 before resolve */
} kg_mention;

typedef struct kg_entity {
    char *id;        /* node id, e.g. "person:hemant-lakhani" */
    char *label;     /* fullest name used (lexicon canonical name if any) */
    kg_type type;
    char **aliases;  /* other names used in the article */
    size_t n_aliases;
    char **roles;    /* "arms dealer", "spokesman" */
    size_t n_roles;
    unsigned mentions; /* how many mentions refer to it */
} kg_entity;

typedef struct kg_relation {
    const char *relation;    /* static name from the ontology */
    int32_t subject, object; /* entity indices */
    int32_t subj_mention, obj_mention; /* mention indices (for spans) */
    uint32_t sentence;
    int32_t *weapons;        /* entity indices of WEAPON entities */
    size_t n_weapons;
} kg_relation;

typedef struct kg_doc {
    char *text;
    size_t len;
    kg_article_meta meta; /* id, title, date, source, hash (owned) */

    kg_token *tokens;
    size_t n_tokens, cap_tokens;
    kg_sentence *sentences;
    size_t n_sentences, cap_sentences;
    kg_mention *mentions;
    size_t n_mentions, cap_mentions;
    kg_entity *entities;
    size_t n_entities, cap_entities;
    kg_relation *relations;
    size_t n_relations, cap_relations;
} kg_doc;

/* Creates a doc holding a copy of text[0..len). Metadata fields may be
 * NULL; a NULL id becomes the text hash. Returns 0 or KG_ENOMEM. */
int kg_doc_new(kg_doc **out, const char *text, size_t len, const kg_article_meta *meta);

void kg_doc_free(kg_doc *d);

/* Append helpers: grow the array and copy the element in. Return 0 or
 * KG_ENOMEM. Entities are moved in: the doc takes ownership of their strings. */
int kg_doc_add_token(kg_doc *d, const kg_token *t);
int kg_doc_add_sentence(kg_doc *d, const kg_sentence *s);
int kg_doc_add_mention(kg_doc *d, const kg_mention *m);
int kg_doc_add_entity(kg_doc *d, kg_entity *e);
int kg_doc_add_relation(kg_doc *d, kg_relation *r);

/* Builds the per-article graph: the article, one node per entity (mention
 * counts), one edge per distinct relation with its evidence. *out belongs to
 * the caller. Returns 0 or a KG_E* code. */
int kg_doc_to_graph(kg_graph **out, const kg_doc *d);

#ifdef __cplusplus
}
#endif
#endif
