/*
 * ner_features.h - feature extraction for the NER tagger, shared by the tagger
 * (src/recognize.c) and its trainer (src/train/train_ner.c) so that both
 * see exactly the same feature ids. Not API.
 *
 * A feature is a 64-bit hash of (template, values): values are hashes of
 * words, shapes and affixes computed once per token, so no string is built
 * and nothing is allocated per token. Features split in two groups:
 *
 *   static  - depend only on the input (words, shapes, lexicon matches,
 *             document casing); computed once per token;
 *   dynamic - depend on labels already predicted (the previous two labels
 *             of the sentence and the labels given to the same word earlier
 *             in the document, "extended prediction history").
 *
 * Labels are BILOU over the four CoNLL classes: 0 is O, then for class c
 * (KG_NER_PER..KG_NER_MISC) and position p (B, I, L, U) 1 + (c-1)*4 + p.
 */
#ifndef KG_NER_FEATURES_H
#define KG_NER_FEATURES_H

#include <stddef.h>
#include <stdint.h>

#include "kg/doc.h"
#include "kg/lexicon.h"

/* O + 4 classes x BILOU. */
#define KG_NER_LABELS 17
enum { KG_BILOU_B = 0, KG_BILOU_I, KG_BILOU_L, KG_BILOU_U };

/* Upper bound of features per token (static + dynamic); the templates in
 * features.c produce far fewer, this is the buffer size callers use. */
#define KG_FEAT_MAX 160

/* Bumped whenever a template changes, so an old model is refused rather
 * than silently scoring the wrong features. */
#define KG_FEAT_VERSION 4

static inline int kg_label_class(int y)
{
    return y == 0 ? KG_NER_O : 1 + (y - 1) / 4;
}
static inline int kg_label_pos(int y)
{
    return y == 0 ? -1 : (y - 1) % 4;
}
static inline int kg_label_make(int cls, int pos)
{
    return 1 + (cls - 1) * 4 + pos;
}

/* 1 if label y may follow label prev (-1: sentence start); `last` says y is
 * at the sentence's last token, where an entity must close. */
int kg_label_allowed(int prev, int y, int last);

/* What is known about one token before tagging. */
typedef struct kg_feat_tok {
    uint64_t w, lw;          /* exact word; lower case with digits as 0 */
    uint64_t shape, cshape;  /* Xxxx-dd, and runs collapsed: Xx-d */
    uint64_t pre[4], suf[4]; /* lower-case affixes of 1..4 characters */
    uint64_t pre5, suf5;     /* of 5 (the whole word when shorter) */
    uint64_t cluster;        /* word cluster ids, 16 bits per granularity (0: none) */
    uint32_t flags;          /* KG_TF_* */
    uint64_t lex;            /* bit (kind*4 + BILU) per lexicon match covering it */
    uint8_t doccase;         /* how the document writes this word elsewhere */
} kg_feat_tok;

enum {
    KG_TF_INITCAP = 1u << 0,
    KG_TF_ALLCAPS = 1u << 1,
    KG_TF_HASDIGIT = 1u << 2,
    KG_TF_ALLDIGIT = 1u << 3,
    KG_TF_HYPHEN = 1u << 4,
    KG_TF_PERIOD = 1u << 5,
    KG_TF_PUNCT = 1u << 6,
    KG_TF_HEADLINE = 1u << 7, /* the token's sentence is all capitals */
    KG_TF_MIXED = 1u << 8,    /* an upper-case letter after the first */
    KG_TF_DATE = 1u << 9      /* a capitalised weekday or month name */
};

/* Per-document context: how words are cased outside headlines and which
 * classes the tagger has given each word so far. Open addressing over the
 * lower-case word hash; bounded so a huge "document" cannot grow it. */
#define KG_FEAT_DOC_SLOTS 8192 /* power of two; ~4000 distinct words */
#define KG_FEAT_DOC_FILL 6000  /* stop adding past this (keeps probes short) */

typedef struct kg_feat_doc_slot {
    uint64_t key;     /* lw hash | 1; 0 = empty */
    uint64_t cased_w; /* exact hash of a non-headline form */
    uint64_t cased_shape, cased_cshape;
    uint16_t n_lower, n_upper;   /* non-initial, non-headline occurrences */
    uint16_t cls[KG_NER__COUNT]; /* labels predicted so far, by class */
} kg_feat_doc_slot;

typedef struct kg_feat_doc {
    kg_feat_doc_slot slot[KG_FEAT_DOC_SLOTS];
    size_t used;
    /* Which slots are taken, so that a short article clears only those. */
    uint16_t taken[KG_FEAT_DOC_FILL];
    /* Slots in use - 1: a short article probes only the first slots, so
     * only those need zeroing when a state is made (kg_feat_doc_size). */
    size_t mask;
    size_t zeroed; /* slots [0, zeroed) are known to be zero or taken */
} kg_feat_doc;

/* Sets up a new kg_feat_doc (once, before its first kg_feat_doc_clear). */
void kg_feat_doc_init(kg_feat_doc *d);

/* Forgets everything (start of a document). */
void kg_feat_doc_clear(kg_feat_doc *d);

/* Like kg_feat_doc_clear, for a document of at most `tokens` tokens: uses
 * only as many slots as it can fill, which a kg_feat_doc from malloc (whose
 * `zeroed` is 0) needs zeroed. Lookups give the same answers as with the
 * whole table: no document of that size can fill it. */
void kg_feat_doc_size(kg_feat_doc *d, size_t tokens);

/* First pass over a document: records how each word of a sentence is cased
 * (skipping headlines and sentence-initial words, whose case says little). */
void kg_feat_doc_observe(kg_feat_doc *d, const kg_str *toks, size_t n);

/* Records that the word `t` was tagged with class cls (prediction history). */
void kg_feat_doc_remember(kg_feat_doc *d, const kg_feat_tok *t, int cls);

/* Fills ft[0..n) for one sentence. `lx` may be NULL (no lexicon features),
 * `d` may be NULL (no document context). */
void kg_feat_prepare(kg_feat_tok *ft, const kg_str *toks, size_t n, const kg_lexicon *lx,
                     const kg_feat_doc *d);

/* kg_feat_prepare with the lexicon's matches already made by
 * kg_lexicon_match_each(lx, toks, n, m, max, nm) (m NULL: no lexicon);
 * gives the same ft, so that a caller who needs the matches too looks
 * them up once. */
void kg_feat_prepare_matched(kg_feat_tok *ft, const kg_str *toks, size_t n, const kg_lex_match *m,
                             const uint32_t *nm, size_t max, const kg_feat_doc *d);

/* Static features of token i; returns how many were written to out. */
size_t kg_feat_static(const kg_feat_tok *ft, size_t n, size_t i, uint64_t *out);

/* kg_feat_static split by what each feature reads, so that the tagger can
 * sum the weights of a word's own features once per distinct token
 * (src/recognize.c). Together, for token i of n, kg_feat_self(&ft[i], i ==
 * 0), kg_feat_left(i ? &ft[i-1] : NULL), kg_feat_right(i + 1 < n ? &ft[i+1]
 * : NULL), kg_feat_left2/right2 likewise for i-2 and i+2, and kg_feat_pair
 * give the same features as kg_feat_static, in
 * another order, as long as kg_feat_lex_bits of the three tokens is at most
 * KG_FEAT_SPLIT_LEX (kg_feat_static drops lexicon features past its buffer
 * budget; the split never does). */
#define KG_FEAT_SPLIT_LEX 30
/* Only the token itself (and whether it opens the sentence). */
size_t kg_feat_self(const kg_feat_tok *t, int first, uint64_t *out);
/* What the token before contributes (p1 NULL: sentence start). */
size_t kg_feat_left(const kg_feat_tok *p1, uint64_t *out);
/* What the token after contributes (n1 NULL: sentence end). */
size_t kg_feat_right(const kg_feat_tok *n1, uint64_t *out);
/* What the tokens two before and two after contribute (NULL: none); at
 * most KG_FEAT_LEX2 of their lexicon bits count, so that kg_feat_static
 * stays within its budget. */
#define KG_FEAT_LEX2 4
size_t kg_feat_left2(const kg_feat_tok *p2, uint64_t *out);
size_t kg_feat_right2(const kg_feat_tok *n2, uint64_t *out);
/* Features joining token i with its neighbours. */
size_t kg_feat_pair(const kg_feat_tok *ft, size_t n, size_t i, uint64_t *out);
/* Lexicon bits set on a token (NULL: 0). */
static inline unsigned kg_feat_lex_bits(const kg_feat_tok *t)
{
    return t ? (unsigned)__builtin_popcountll(t->lex) : 0;
}

/* Dynamic features of token i given the labels y[0..i) already chosen and
 * the document history `d` (may be NULL). */
size_t kg_feat_dynamic(const kg_feat_tok *ft, size_t n, size_t i, const uint8_t *y,
                       const kg_feat_doc *d, uint64_t *out);

/* kg_feat_pair split the same way: kg_feat_pair_shape (the shapes of i-1,
 * i, i+1 alone, a few thousand distinct triples) and kg_feat_pair_word
 * give the features of kg_feat_pair. NULL: sentence start or end. */
size_t kg_feat_pair_shape(const kg_feat_tok *p1, const kg_feat_tok *t, const kg_feat_tok *n1,
                          uint64_t *out);
size_t kg_feat_pair_word(const kg_feat_tok *p1, const kg_feat_tok *t, const kg_feat_tok *n1,
                         uint64_t *out);

/* kg_feat_dynamic split by what each feature reads, so that the tagger
 * can sum the weights of those reading only small numbers once per model
 * (src/recognize.c). Label numbers y1, y2 are the labels of the tokens
 * one and two before, KG_FEAT_NO_LABEL before the sentence. For token t:
 * kg_feat_dyn_labels(y1, y2), kg_feat_dyn_prev(t, y1) and, with has and
 * maj from kg_feat_dyn_history(t, d, &maj), kg_feat_dyn_mem(has, maj) and
 * kg_feat_dyn_mem_cs(t, maj) give the features of kg_feat_dynamic. */
#define KG_FEAT_NO_LABEL 99
/* Labels of the two tokens before (T_Y1, T_Y2). */
size_t kg_feat_dyn_labels(unsigned y1, unsigned y2, uint64_t *out);
/* The label before joined with the token's word, shape and cluster. */
size_t kg_feat_dyn_prev(const kg_feat_tok *t, unsigned y1, uint64_t *out);
/* Prediction history of t's word: returns a mask of the classes
 * (bit c for KG_NER_PER..KG_NER_MISC) given to it so far, and sets *maj
 * to its majority class, or -1 when none counts (no history, or O is as
 * frequent). */
unsigned kg_feat_dyn_history(const kg_feat_tok *t, const kg_feat_doc *d, int *maj);
/* The history features that read only has and maj. */
size_t kg_feat_dyn_mem(unsigned has, int maj, uint64_t *out);
/* The history feature joining maj with t's shape (none when maj < 0). */
size_t kg_feat_dyn_mem_cs(const kg_feat_tok *t, int maj, uint64_t *out);

/* The model file (src/models/ner.model), all integers little-endian:
 *   "KGNERMDL"                      8 bytes
 *   u32 KG_FEAT_VERSION, u32 KG_NER_LABELS, u32 n_rows, f32 scale
 *   n_rows x { u64 feature, u32 label mask, i16 weight per set mask bit }
 * Weight of (feature, label) = i16 * scale; labels not in the mask are 0.
 * Rows are sorted by feature so the file is the same bytes on every run. */
#define KG_MODEL_MAGIC "KGNERMDL"
#define KG_MODEL_HEADER 24

/* Converts per-token BILOU labels into IOB2 strings' parts: writes for each
 * token its class and whether it begins an entity. */
void kg_labels_to_iob(const uint8_t *y, size_t n, kg_ner *cls, uint8_t *begin);

#endif
