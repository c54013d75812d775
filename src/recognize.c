/*
 * recognize.c - the NER tagger (model loading, greedy BILOU decoding) and
 * the recognize stage that turns its tags, the lexicon and a few context
 * patterns into kg_mention records.
 *
 * Why a greedy averaged perceptron: it tags at well over half a million
 * tokens a second on one core with an accuracy close to a CRF on CoNLL,
 * and its model is a plain table from feature hash to 17 weights, which
 * loads from the embedded bytes in milliseconds.
 */
#include "kg/recognize.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ner_features.h"
#include "kg/error.h"
#include "kg/lexicon.h"

/* ---- the model -------------------------------------------------------- */

/* One weight row, 34 bytes. The keys are kept apart from the rows: half
 * the features looked up on news are not in the model, and a miss then
 * walks a few keys of one cache line instead of a few 48-byte rows over
 * several (measured on Reuters: `kg build` about 8% faster). */
typedef struct tag_row {
    int16_t w[KG_NER_LABELS];
} tag_row;

struct kg_tagger {
    uint64_t *key; /* feature hash (never 0: features have bit 0 set); 0 = empty */
    tag_row *row;  /* the weights of key[i] */
    size_t mask;   /* slots - 1 (a power of two) */
    size_t rows;
    /* allowed[prev + 1][last]: labels that may follow prev (-1: sentence
     * start), kg_label_allowed as bits, computed once. */
    uint32_t allowed[KG_NER_LABELS + 1][2];
    /* The dynamic features that read only small numbers, summed once
     * here instead of looked up for every token (a third of the look-ups
     * on Reuters): labels[y2][y1] for kg_feat_dyn_labels (index
     * KG_NER_LABELS: before the sentence), and mem[has >> 1][maj + 1] for
     * kg_feat_dyn_mem. */
    int32_t labels[KG_NER_LABELS + 1][KG_NER_LABELS + 1][KG_NER_LABELS];
    int32_t mem[1u << (KG_NER__COUNT - 1)][KG_NER__COUNT + 1][KG_NER_LABELS];
};

/* The model's rows fill at most two thirds of the table: probes stay short
 * and the table stays small enough to sit mostly in cache. */
#define TAGGER_LOAD_NUM 3
#define TAGGER_LOAD_DEN 2
/* A corrupt header could claim billions of rows; no real model has more. */
#define TAGGER_ROWS_MAX (64u * 1024 * 1024)

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t rd64(const unsigned char *p)
{
    return rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

static inline const tag_row *tagger_find(const kg_tagger *t, uint64_t key)
{
    for (size_t i = (size_t)(key >> 17) & t->mask;; i = (i + 1) & t->mask) {
        if (t->key[i] == key)
            return &t->row[i];
        if (t->key[i] == 0)
            return NULL;
    }
}

/* Asks for the cache line where the look-up of key starts. */
static inline void tagger_prefetch(const kg_tagger *t, uint64_t key)
{
    __builtin_prefetch(&t->key[(size_t)(key >> 17) & t->mask]);
}

/* Adds the weights of features f[0..k) to sc, one look-up after another
 * (score_add below overlaps the cache misses; this is for set-up). */
static void rows_add(const kg_tagger *t, const uint64_t *f, size_t k, int32_t *sc)
{
    for (size_t j = 0; j < k; j++) {
        const tag_row *row = tagger_find(t, f[j]);
        if (row)
            for (int l = 0; l < KG_NER_LABELS; l++)
                sc[l] += row->w[l];
    }
}

/* A label as kg_feat_dynamic numbers it, from its index in t->labels. */
static unsigned label_of_index(int i)
{
    return i == KG_NER_LABELS ? KG_FEAT_NO_LABEL : (unsigned)i;
}

/* Fills t->labels and t->mem from the loaded rows. */
static void tagger_sum_small(kg_tagger *t)
{
    uint64_t f[KG_FEAT_MAX];
    for (int y2 = 0; y2 <= KG_NER_LABELS; y2++)
        for (int y1 = 0; y1 <= KG_NER_LABELS; y1++)
            rows_add(t, f, kg_feat_dyn_labels(label_of_index(y1), label_of_index(y2), f),
                     t->labels[y2][y1]);
    for (unsigned h = 0; h < 1u << (KG_NER__COUNT - 1); h++)
        for (int maj = -1; maj < KG_NER__COUNT; maj++)
            rows_add(t, f, kg_feat_dyn_mem(h << 1, maj, f), t->mem[h][maj + 1]);
}

int kg_tagger_load(kg_tagger **out, const void *data, size_t len)
{
    const unsigned char *p = data, *end = p + len;
    kg_tagger *t = NULL;
    int rc = 0;
    *out = NULL;
    if (len < KG_MODEL_HEADER || memcmp(p, KG_MODEL_MAGIC, 8) != 0) {
        rc = kg_error_set(KG_EPARSE, "ner model: not a kg NER model");
        goto done;
    }
    if (rd32(p + 8) != KG_FEAT_VERSION || rd32(p + 12) != KG_NER_LABELS) {
        rc = kg_error_set(KG_EPARSE, "ner model: feature version %u, expected %u (retrain it)",
                          (unsigned)rd32(p + 8), (unsigned)KG_FEAT_VERSION);
        goto done;
    }
    uint32_t rows = rd32(p + 16);
    float scale;
    uint32_t sbits = rd32(p + 20);
    memcpy(&scale, &sbits, sizeof scale);
    if (rows > TAGGER_ROWS_MAX) {
        rc = kg_error_set(KG_EPARSE, "ner model: %u rows is more than %u", (unsigned)rows,
                          (unsigned)TAGGER_ROWS_MAX);
        goto done;
    }
    t = calloc(1, sizeof *t);
    if (!t) {
        rc = kg_error_set(KG_ENOMEM, "out of memory");
        goto done;
    }
    size_t cap = 16;
    while (cap * TAGGER_LOAD_DEN < (size_t)rows * TAGGER_LOAD_NUM)
        cap <<= 1;
    t->key = calloc(cap, sizeof *t->key);
    t->row = calloc(cap, sizeof *t->row);
    if (!t->key || !t->row) {
        rc = kg_error_set(KG_ENOMEM, "out of memory");
        goto done;
    }
    t->mask = cap - 1;
    for (int prev = -1; prev < KG_NER_LABELS; prev++)
        for (int last = 0; last < 2; last++)
            for (int l = 0; l < KG_NER_LABELS; l++)
                if (kg_label_allowed(prev, l, last))
                    t->allowed[prev + 1][last] |= 1u << l;
    /* The int16 weights are used as they are: scale is common to all, so
     * the argmax does not need it. */
    (void)scale;
    p += KG_MODEL_HEADER;
    for (uint32_t r = 0; r < rows; r++) {
        if (end - p < 12) {
            rc = kg_error_set(KG_EPARSE, "ner model: truncated at row %u", (unsigned)r);
            goto done;
        }
        uint64_t key = rd64(p);
        uint32_t lmask = rd32(p + 8);
        p += 12;
        if (key == 0 || (lmask >> KG_NER_LABELS) != 0 ||
            (size_t)(end - p) < 2 * (size_t)__builtin_popcount(lmask)) {
            rc = kg_error_set(KG_EPARSE, "ner model: bad row %u", (unsigned)r);
            goto done;
        }
        size_t i = (size_t)(key >> 17) & t->mask;
        while (t->key[i] != 0 && t->key[i] != key)
            i = (i + 1) & t->mask;
        tag_row *s = &t->row[i];
        if (t->key[i] == 0)
            t->rows++;
        t->key[i] = key;
        for (int l = 0; l < KG_NER_LABELS; l++) {
            if (lmask & (1u << l)) {
                s->w[l] = (int16_t)(uint16_t)(p[0] | p[1] << 8);
                p += 2;
            }
        }
    }
    tagger_sum_small(t);
    *out = t;
    t = NULL;
done:
    kg_tagger_free(t);
    return rc;
}

/* The model bytes, linked in by cmake/models.cmake (empty when the tree
 * has no model yet). */
extern const unsigned char kg_embed_ner_model[];
extern const unsigned long kg_embed_ner_model_len;

static kg_tagger *builtin;
static int builtin_rc;
static char builtin_err[256];
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

static void builtin_load(void)
{
    if (kg_embed_ner_model_len == 0) {
        builtin_rc = KG_EINVALID;
        snprintf(builtin_err, sizeof builtin_err,
                 "this build has no NER model (see src/models/README.md)");
        return;
    }
    builtin_rc = kg_tagger_load(&builtin, kg_embed_ner_model, kg_embed_ner_model_len);
    if (builtin_rc)
        snprintf(builtin_err, sizeof builtin_err, "%s", kg_error_last());
}

const kg_tagger *kg_tagger_builtin(void)
{
    pthread_once(&builtin_once, builtin_load);
    if (!builtin)
        kg_error_set(builtin_rc, "%s", builtin_err);
    return builtin;
}

void kg_tagger_free(kg_tagger *t)
{
    if (!t || t == builtin)
        return;
    free(t->key);
    free(t->row);
    free(t);
}

size_t kg_tagger_features(const kg_tagger *t)
{
    return t ? t->rows : 0;
}

/* ---- tagging ---------------------------------------------------------- */

/* The weights of the features that read one token alone (kg_feat_self,
 * and kg_feat_left/right/left2/right2: what it adds as a neighbour) are
 * the same wherever the same token appears, so they are summed once per
 * distinct token and kept here: on Reuters 40 million table look-ups
 * instead of 120. Keyed by every field those features read, so a hit
 * gives exactly the sums the look-ups would (integer sums: the order does
 * not matter). Per state or per thread, so threads share nothing. */
typedef struct tag_word {
    uint64_t w, lw, shape, cshape, cluster, lex;
    uint32_t flags;
    uint8_t doccase, first;
    int32_t self[KG_NER_LABELS], left[KG_NER_LABELS], right[KG_NER_LABELS];
    int32_t left2[KG_NER_LABELS], right2[KG_NER_LABELS]; /* as i-2, i+2 */
    /* kg_feat_dyn_prev after an O (or before the sentence when first):
     * what most tokens follow. */
    int32_t prev0[KG_NER_LABELS];
} tag_word;

/* The sums of kg_feat_pair_shape for one triple of shapes (i-1, i, i+1),
 * cached like the words': a few thousand triples cover nearly every
 * token. `ends` says which neighbours exist (bit 0: i-1, bit 1: i+1);
 * 0 = empty slot, so a present triple always has bit 2 set. */
typedef struct tag_shape {
    uint64_t m1, c0, p1;
    uint32_t ends;
    int32_t w[KG_NER_LABELS];
} tag_shape;

/* Features kg_feat_pair_word gives for one token. */
#define TAG_PAIR_FEATS 4

/* Slots of the shape cache: power of two; emptied when half full. */
#define TAG_SHAPES_SLOTS 4096

/* Index slots of a state from kg_tag_state_new (a whole corpus, reset per
 * document): power of two; the cache is emptied when half of it is used. */
#define TAG_WORDS_SLOTS 8192
/* Index slots of the cache kg_recognize keeps per thread across articles
 * (most words of an article were seen in earlier ones): 32768 entries of
 * about 470 bytes, 15 MB a thread. On Reuters 93% of tokens hit it; half
 * the size measured 5-10% slower. */
#define TAG_WORDS_THREAD_SLOTS 65536

typedef struct tag_words {
    const kg_tagger *wt; /* the tagger whose sums words[] holds */
    uint32_t *widx;      /* slot -> 1 + index into words, 0 = empty */
    tag_word *words;
    size_t wslots, nwords;
    tag_shape *shapes; /* TAG_SHAPES_SLOTS */
    size_t nshapes;
    /* What sentence start and end contribute (kg_feat_left/right(NULL),
     * kg_feat_left2/right2(NULL)). */
    int32_t bos[KG_NER_LABELS], eos[KG_NER_LABELS];
    int32_t bos2[KG_NER_LABELS], eos2[KG_NER_LABELS];
} tag_words;

struct kg_tag_state {
    kg_feat_doc doc;
    kg_feat_tok *ft;
    uint8_t *y;
    size_t cap;
    int32_t (*stat)[KG_NER_LABELS];  /* per token: its static features' sum */
    int32_t (*prev0)[KG_NER_LABELS]; /* per token: its tag_word's prev0 */
    uint64_t *pair;                  /* per token: its kg_feat_pair_word */
    uint64_t *wh;                    /* per token: its word_hash */
    tag_words own;                   /* the state's own cache, or */
    tag_words *wc;                   /* the one in use: &own or the thread's */
};

static pthread_key_t words_key;
static int words_key_ok;
static pthread_once_t words_key_once = PTHREAD_ONCE_INIT;

static void words_free(void *p)
{
    tag_words *c = p;
    if (!c)
        return;
    free(c->widx);
    free(c->words);
    free(c->shapes);
    free(c);
}

static void words_key_make(void)
{
    words_key_ok = pthread_key_create(&words_key, words_free) == 0;
}

/* The calling thread's word cache (freed when the thread ends); NULL if
 * none can be had, and the caller uses its own. */
static tag_words *thread_words(void)
{
    pthread_once(&words_key_once, words_key_make);
    if (!words_key_ok)
        return NULL;
    tag_words *c = pthread_getspecific(words_key);
    if (!c) {
        c = calloc(1, sizeof *c);
        if (!c)
            return NULL;
        c->wslots = TAG_WORDS_THREAD_SLOTS;
        if (pthread_setspecific(words_key, c) != 0) {
            free(c);
            return NULL;
        }
    }
    return c;
}

int kg_tag_state_new(kg_tag_state **out)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return kg_error_set(KG_ENOMEM, "out of memory");
    (*out)->doc.mask = KG_FEAT_DOC_SLOTS - 1;
    (*out)->doc.zeroed = KG_FEAT_DOC_SLOTS; /* calloc did it */
    (*out)->own.wslots = TAG_WORDS_SLOTS;
    (*out)->wc = &(*out)->own;
    return 0;
}

/* A state for one article of n tokens: its document table is most of half
 * a megabyte, of which a short article uses a few kilobytes, so only those
 * are zeroed (kg_feat_doc_size) instead of the whole (calloc). */
static int tag_state_for(kg_tag_state **out, size_t n)
{
    kg_tag_state *s = malloc(sizeof *s);
    *out = s;
    if (!s)
        return kg_error_set(KG_ENOMEM, "out of memory");
    s->ft = NULL;
    s->y = NULL;
    s->stat = NULL;
    s->prev0 = NULL;
    s->pair = NULL;
    s->wh = NULL;
    s->cap = 0;
    s->doc.used = 0;
    s->doc.zeroed = 0;
    kg_feat_doc_size(&s->doc, n);
    memset(&s->own, 0, sizeof s->own);
    s->own.wslots = TAG_WORDS_SLOTS;
    s->wc = thread_words();
    if (!s->wc)
        s->wc = &s->own;
    return 0;
}

void kg_tag_state_free(kg_tag_state *s)
{
    if (!s)
        return;
    free(s->ft);
    free(s->y);
    free(s->stat);
    free(s->prev0);
    free(s->pair);
    free(s->wh);
    free(s->own.widx);
    free(s->own.words);
    free(s->own.shapes);
    free(s);
}

void kg_tag_state_reset(kg_tag_state *s)
{
    kg_feat_doc_clear(&s->doc);
}

void kg_tag_state_observe(kg_tag_state *s, const kg_str *toks, size_t n)
{
    kg_feat_doc_observe(&s->doc, toks, n);
}

static int state_reserve(kg_tag_state *s, size_t n)
{
    if (n <= s->cap)
        return 0;
    size_t cap = s->cap ? s->cap : 64;
    while (cap < n)
        cap *= 2;
    kg_feat_tok *ft = realloc(s->ft, cap * sizeof *ft);
    if (!ft)
        return kg_error_set(KG_ENOMEM, "out of memory");
    s->ft = ft;
    uint8_t *y = realloc(s->y, cap);
    if (!y)
        return kg_error_set(KG_ENOMEM, "out of memory");
    s->y = y;
    int32_t(*st)[KG_NER_LABELS] = realloc(s->stat, cap * sizeof *st);
    if (!st)
        return kg_error_set(KG_ENOMEM, "out of memory");
    s->stat = st;
    int32_t(*p0)[KG_NER_LABELS] = realloc(s->prev0, cap * sizeof *p0);
    if (!p0)
        return kg_error_set(KG_ENOMEM, "out of memory");
    s->prev0 = p0;
    uint64_t *pf = realloc(s->pair, cap * TAG_PAIR_FEATS * sizeof *pf);
    if (!pf)
        return kg_error_set(KG_ENOMEM, "out of memory");
    s->pair = pf;
    uint64_t *wh = realloc(s->wh, cap * sizeof *wh);
    if (!wh)
        return kg_error_set(KG_ENOMEM, "out of memory");
    s->wh = wh;
    s->cap = cap;
    return 0;
}

/* Adds the weights of features f[0..k) to sc. */
static void score_add(const kg_tagger *t, const uint64_t *f, size_t k, int32_t *sc)
{
    /* The rows are scattered over megabytes: ask for all of them at once
     * so the cache misses overlap instead of queueing. */
    for (size_t j = 0; j < k; j++)
        tagger_prefetch(t, f[j]);
    for (size_t j = 0; j < k; j++) {
        const tag_row *row = tagger_find(t, f[j]);
        if (row)
            for (int l = 0; l < KG_NER_LABELS; l++)
                sc[l] += row->w[l];
    }
}

/* Adds the weights of features f[0..k) to sums[j / per] for feature j.
 * For a whole sentence's features at once, which do not depend on one
 * another: the rows are asked for TAG_PREFETCH features ahead, so that
 * that many cache misses are on their way at any time. */
#define TAG_PREFETCH 16
static void score_add_each(const kg_tagger *t, const uint64_t *f, size_t k, size_t per,
                           int32_t (*sums)[KG_NER_LABELS])
{
    for (size_t j = 0; j < k && j < TAG_PREFETCH; j++)
        tagger_prefetch(t, f[j]);
    for (size_t j = 0; j < k; j++) {
        if (j + TAG_PREFETCH < k)
            tagger_prefetch(t, f[j + TAG_PREFETCH]);
        const tag_row *row = tagger_find(t, f[j]);
        if (row) {
            int32_t *sc = sums[j / per];
            for (int l = 0; l < KG_NER_LABELS; l++)
                sc[l] += row->w[l];
        }
    }
}

/* Readies the word cache for tagger t: made on first use, emptied when
 * another tagger comes (its sums would be wrong). 0 or KG_ENOMEM. */
static int words_ready(const kg_tagger *t, tag_words *c)
{
    uint64_t f[KG_FEAT_MAX];
    if (!c->widx) {
        c->widx = calloc(c->wslots, sizeof *c->widx);
        c->words = malloc(c->wslots / 2 * sizeof *c->words);
        c->shapes = malloc(TAG_SHAPES_SLOTS * sizeof *c->shapes);
        if (!c->widx || !c->words || !c->shapes) {
            free(c->widx);
            free(c->words);
            free(c->shapes);
            c->widx = NULL;
            c->words = NULL;
            c->shapes = NULL;
            return kg_error_set(KG_ENOMEM, "out of memory");
        }
        c->wt = NULL;
    }
    if (c->wt != t) {
        memset(c->widx, 0, c->wslots * sizeof *c->widx);
        c->nwords = 0;
        memset(c->shapes, 0, TAG_SHAPES_SLOTS * sizeof *c->shapes);
        c->nshapes = 0;
        memset(c->bos, 0, sizeof c->bos);
        memset(c->eos, 0, sizeof c->eos);
        memset(c->bos2, 0, sizeof c->bos2);
        memset(c->eos2, 0, sizeof c->eos2);
        score_add(t, f, kg_feat_left(NULL, f), c->bos);
        score_add(t, f, kg_feat_right(NULL, f), c->eos);
        score_add(t, f, kg_feat_left2(NULL, f), c->bos2);
        score_add(t, f, kg_feat_right2(NULL, f), c->eos2);
        c->wt = t;
    }
    return 0;
}

static inline uint64_t word_hash(const kg_feat_tok *x, int first)
{
    uint64_t h = x->w ^ (x->lw * 0x9e3779b97f4a7c15ULL) ^ (x->shape * 0xc2b2ae3d27d4eb4fULL) ^
                 (x->cshape * 0x165667b19e3779f9ULL) ^ (x->cluster * 0xd6e8feb86659fd93ULL) ^
                 (x->lex * 0xff51afd7ed558ccdULL) ^
                 ((uint64_t)x->flags << 20 | (uint64_t)x->doccase << 8 | (uint64_t)first);
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ULL;
    return h ^ h >> 32;
}

/* The cached sums of token x (first: it opens its sentence), whose
 * word_hash is h. */
static const tag_word *word_sums(const kg_tagger *t, tag_words *c, const kg_feat_tok *x, int first,
                                 uint64_t h)
{
    /* Each of the six templates groups writes fewer than KG_FEAT_MAX. */
    uint64_t f[6 * KG_FEAT_MAX];
    size_t mask = c->wslots - 1;
    size_t i = (size_t)h & mask;
    for (;; i = (i + 1) & mask) {
        uint32_t e = c->widx[i];
        if (!e)
            break;
        const tag_word *w = &c->words[e - 1];
        if (w->w == x->w && w->lw == x->lw && w->shape == x->shape && w->cshape == x->cshape &&
            w->cluster == x->cluster && w->lex == x->lex && w->flags == x->flags &&
            w->doccase == x->doccase && w->first == first)
            return w;
    }
    if (c->nwords >= c->wslots / 2) {
        /* Full: start over rather than let probes grow. */
        memset(c->widx, 0, c->wslots * sizeof *c->widx);
        c->nwords = 0;
        i = (size_t)h & mask;
    }
    tag_word *w = &c->words[c->nwords];
    c->widx[i] = (uint32_t)++c->nwords;
    w->w = x->w;
    w->lw = x->lw;
    w->shape = x->shape;
    w->cshape = x->cshape;
    w->cluster = x->cluster;
    w->lex = x->lex;
    w->flags = x->flags;
    w->doccase = x->doccase;
    w->first = (uint8_t)first;
    memset(w->self, 0, sizeof w->self);
    memset(w->left, 0, sizeof w->left);
    memset(w->right, 0, sizeof w->right);
    memset(w->left2, 0, sizeof w->left2);
    memset(w->right2, 0, sizeof w->right2);
    memset(w->prev0, 0, sizeof w->prev0);
    /* All six sums' features in one go, so that their cache misses
     * overlap. */
    int32_t *sum[6] = {w->self, w->left, w->right, w->left2, w->right2, w->prev0};
    size_t end[6], k = 0;
    k += kg_feat_self(x, first, f + k);
    end[0] = k;
    k += kg_feat_left(x, f + k);
    end[1] = k;
    k += kg_feat_right(x, f + k);
    end[2] = k;
    k += kg_feat_left2(x, f + k);
    end[3] = k;
    k += kg_feat_right2(x, f + k);
    end[4] = k;
    k += kg_feat_dyn_prev(x, first ? KG_FEAT_NO_LABEL : 0, f + k);
    end[5] = k;
    for (size_t j = 0; j < k; j++)
        tagger_prefetch(t, f[j]);
    for (size_t q = 0, j = 0; q < 6; q++)
        for (; j < end[q]; j++) {
            const tag_row *row = tagger_find(t, f[j]);
            if (row)
                for (int l = 0; l < KG_NER_LABELS; l++)
                    sum[q][l] += row->w[l];
        }
    return w;
}

/* The cached sums of kg_feat_pair_shape(p1, x, n1). */
static const int32_t *shape_sums(const kg_tagger *t, tag_words *c, const kg_feat_tok *p1,
                                 const kg_feat_tok *x, const kg_feat_tok *n1)
{
    uint64_t f[KG_FEAT_MAX];
    uint64_t m1 = p1 ? p1->cshape : 0, p = n1 ? n1->cshape : 0;
    uint32_t ends = 4u | (p1 ? 1u : 0) | (n1 ? 2u : 0);
    uint64_t h = m1 * 0x9e3779b97f4a7c15ULL ^ x->cshape * 0xc2b2ae3d27d4eb4fULL ^
                 p * 0x165667b19e3779f9ULL ^ ends;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 32;
    const size_t mask = TAG_SHAPES_SLOTS - 1;
    size_t i = (size_t)h & mask;
    for (;; i = (i + 1) & mask) {
        tag_shape *e = &c->shapes[i];
        if (!e->ends)
            break;
        if (e->ends == ends && e->c0 == x->cshape && e->m1 == m1 && e->p1 == p)
            return e->w;
    }
    if (c->nshapes >= TAG_SHAPES_SLOTS / 2) {
        /* Full: start over rather than let probes grow. */
        memset(c->shapes, 0, TAG_SHAPES_SLOTS * sizeof *c->shapes);
        c->nshapes = 0;
        i = (size_t)h & mask;
    }
    tag_shape *e = &c->shapes[i];
    c->nshapes++;
    e->m1 = m1;
    e->c0 = x->cshape;
    e->p1 = p;
    e->ends = ends;
    memset(e->w, 0, sizeof e->w);
    score_add(t, f, kg_feat_pair_shape(p1, x, n1, f), e->w);
    return e->w;
}

/* kg_tagger_tag, with the lexicon's matches either made here (lm NULL)
 * or given as kg_lexicon_match_each made them (lm, lnm, lmax). */
static int tag_sentence(const kg_tagger *t, const kg_lexicon *lx, const kg_lex_match *lm,
                        const uint32_t *lnm, size_t lmax, kg_tag_state *s, const kg_str *toks,
                        size_t n, kg_ner *cls, uint8_t *begin)
{
    uint64_t f[KG_FEAT_MAX];
    int rc = state_reserve(s, n);
    if (!rc)
        rc = words_ready(t, s->wc);
    if (rc)
        return rc;
    if (lm)
        kg_feat_prepare_matched(s->ft, toks, n, lm, lnm, lmax, &s->doc);
    else
        kg_feat_prepare(s->ft, toks, n, lx, &s->doc);
    /* Each token's entry is added where it counts: its own features to
     * itself, what it is as a neighbour to the tokens around it. */
    tag_words *c = s->wc;
    int32_t(*st)[KG_NER_LABELS] = s->stat;
    if (n)
        memset(st, 0, n * sizeof *st);
    /* The cache's index and entries are megabytes: ask for the sentence's
     * slots, then for its entries, before reading any. Only hints: an
     * entry may be gone by the time word_sums looks. */
    size_t wmask = c->wslots - 1;
    for (size_t i = 0; i < n; i++) {
        s->wh[i] = word_hash(&s->ft[i], i == 0);
        __builtin_prefetch(&c->widx[s->wh[i] & wmask]);
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t e = c->widx[s->wh[i] & wmask];
        if (e)
            for (size_t b = 0; b < sizeof(tag_word); b += 64)
                __builtin_prefetch((const char *)&c->words[e - 1] + b);
    }
    for (size_t i = 0; i < n; i++) {
        const tag_word *w = word_sums(t, c, &s->ft[i], i == 0, s->wh[i]);
        const int32_t *ps =
            shape_sums(t, c, i ? &s->ft[i - 1] : NULL, &s->ft[i], i + 1 < n ? &s->ft[i + 1] : NULL);
        memcpy(s->prev0[i], w->prev0, sizeof s->prev0[i]);
        for (int l = 0; l < KG_NER_LABELS; l++)
            st[i][l] += w->self[l] + ps[l];
        if (i + 1 < n)
            for (int l = 0; l < KG_NER_LABELS; l++)
                st[i + 1][l] += w->left[l];
        if (i >= 1)
            for (int l = 0; l < KG_NER_LABELS; l++)
                st[i - 1][l] += w->right[l];
        if (i + 2 < n)
            for (int l = 0; l < KG_NER_LABELS; l++)
                st[i + 2][l] += w->left2[l];
        if (i >= 2)
            for (int l = 0; l < KG_NER_LABELS; l++)
                st[i - 2][l] += w->right2[l];
    }
    /* What joins a token to its neighbours' words, for all tokens at
     * once (unused, like all of st[i], when token i takes the
     * kg_feat_static path below). */
    for (size_t i = 0; i < n; i++)
        kg_feat_pair_word(i ? &s->ft[i - 1] : NULL, &s->ft[i], i + 1 < n ? &s->ft[i + 1] : NULL,
                          s->pair + i * TAG_PAIR_FEATS);
    score_add_each(t, s->pair, n * TAG_PAIR_FEATS, TAG_PAIR_FEATS, st);
    for (size_t i = 0; i < n && i < 2; i++)
        for (int l = 0; l < KG_NER_LABELS; l++) {
            st[i][l] += c->bos2[l];
            st[n - 1 - i][l] += c->eos2[l];
        }
    if (n)
        for (int l = 0; l < KG_NER_LABELS; l++) {
            st[0][l] += c->bos[l];
            st[n - 1][l] += c->eos[l];
        }
    for (size_t i = 0; i < n; i++) {
        int32_t sc[KG_NER_LABELS];
        const kg_feat_tok *p1 = i ? &s->ft[i - 1] : NULL, *n1 = i + 1 < n ? &s->ft[i + 1] : NULL;
        size_t k;
        if (kg_feat_lex_bits(&s->ft[i]) + kg_feat_lex_bits(p1) + kg_feat_lex_bits(n1) <=
            KG_FEAT_SPLIT_LEX) {
            memcpy(sc, st[i], sizeof sc);
            k = 0;
        } else {
            /* So many lexicon matches that kg_feat_static drops some: use
             * it as it is, to score what the model was trained on. */
            memset(sc, 0, sizeof sc);
            k = kg_feat_static(s->ft, n, i, f);
        }
        /* kg_feat_dynamic, with the sums of what reads small numbers
         * from the tables and the common "after O" case from the cache. */
        unsigned y1 = i ? s->y[i - 1] : KG_FEAT_NO_LABEL;
        int y1i = i ? s->y[i - 1] : KG_NER_LABELS, y2i = i >= 2 ? s->y[i - 2] : KG_NER_LABELS;
        int maj;
        unsigned has = kg_feat_dyn_history(&s->ft[i], &s->doc, &maj);
        const int32_t *lab = t->labels[y2i][y1i], *mem = t->mem[has >> 1][maj + 1];
        for (int l = 0; l < KG_NER_LABELS; l++)
            sc[l] += lab[l] + mem[l];
        if (!i || y1 == 0)
            for (int l = 0; l < KG_NER_LABELS; l++)
                sc[l] += s->prev0[i][l];
        else
            k += kg_feat_dyn_prev(&s->ft[i], y1, f + k);
        k += kg_feat_dyn_mem_cs(&s->ft[i], maj, f + k);
        score_add(t, f, k, sc);
        int prev = i ? s->y[i - 1] : -1, best = -1;
        for (uint32_t m = t->allowed[prev + 1][i + 1 == n]; m; m &= m - 1) {
            int l = __builtin_ctz(m);
            if (best < 0 || sc[l] > sc[best])
                best = l;
        }
        s->y[i] = (uint8_t)best;
        kg_feat_doc_remember(&s->doc, &s->ft[i], kg_label_class(best));
    }
    kg_labels_to_iob(s->y, n, cls, begin);
    return 0;
}

int kg_tagger_tag(const kg_tagger *t, const kg_lexicon *lx, kg_tag_state *s, const kg_str *toks,
                  size_t n, kg_ner *cls, uint8_t *begin)
{
    return tag_sentence(t, lx, NULL, NULL, 0, s, toks, n, cls, begin);
}

/* ---- the recognize stage ---------------------------------------------- */

/* Lexicon matches looked at per position (one per kind at most). */
#define RECOGNIZE_LEX_MATCHES 8
/* Most tokens a weapon name before its head noun may have ("Igla-S" 1,
 * "Black Hawk" 2, "Bayraktar TB2" 2); longer runs are not names. */
#define RECOGNIZE_WEAPON_NAME_MAX 3

typedef struct cand {
    uint32_t b, e; /* tokens [b, e) */
    kg_ner ner;
    kg_type type;
    kg_mention_kind kind;
    const kg_lex_entry *lex;
    int live;
} cand;

typedef struct rec {
    kg_doc *d;
    const kg_lexicon *lx;
    kg_str *tok;
    cand *c;
    size_t n, cap;
    int32_t *cover; /* per token: candidate index or -1 */
    /* The lexicon's matches at each token t of the sentence [sb, se)
     * being worked on (RECOGNIZE_LEX_MATCHES slots a token from
     * lm[(t - sb) * RECOGNIZE_LEX_MATCHES], lnm[t - sb] of them used),
     * made once for the tagger's features and the passes below. */
    kg_lex_match *lm;
    uint32_t *lnm;
} rec;

/* kg_lexicon_match at token t of the sentence [sb, se), from r->lm. */
static size_t lex_at(const rec *r, uint32_t t, uint32_t sb, uint32_t se, kg_lex_match *m)
{
    if (t < sb || t >= se)
        return 0;
    size_t nm = r->lnm[t - sb];
    memcpy(m, r->lm + (size_t)(t - sb) * RECOGNIZE_LEX_MATCHES, nm * sizeof *m);
    return nm;
}

static int tok_eq_ci(const kg_str *t, const char *w)
{
    /* The first letter first: most words of a list leave there. */
    if (!t->len || (t->s[0] | 0x20) != w[0])
        return 0;
    size_t n = strlen(w);
    if (t->len != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = t->s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != w[i])
            return 0;
    }
    return 1;
}

/* Head nouns that make a capitalised name before them a weapon:
 * "Tornado fighters", "the Blowpipe missiles". Returns 2 for heads that
 * name weapons only, 1 for heads civil names share ("Delta jets": an
 * airline; "Ariane rockets"), 0 for anything else. */
static int weapon_head(const kg_str *t)
{
    /* Every head is 3..12 bytes of letters: most tokens leave here. */
    if (t->len < 3 || t->len > 12 || !((t->s[0] | 0x20) >= 'a' && (t->s[0] | 0x20) <= 'z'))
        return 0;
    static const char *const strong[] = {
        "missile",     "missiles",     "fighter",   "fighters",   "tank",      "tanks",
        "rifle",       "rifles",       "launcher",  "launchers",  "bomber",    "bombers",
        "warplane",    "warplanes",    "gunship",   "gunships",   "submarine", "submarines",
        "frigate",     "frigates",     "destroyer", "destroyers", "howitzer",  "howitzers",
        "torpedo",     "torpedoes",    "warhead",   "warheads",   "grenade",   "grenades",
        "interceptor", "interceptors", NULL};
    static const char *const weak[] = {"rocket",      "rockets", "jet",    "jets",     "helicopter",
                                       "helicopters", "drone",   "drones", "aircraft", NULL};
    for (size_t i = 0; strong[i]; i++)
        if (tok_eq_ci(t, strong[i]))
            return 2;
    for (size_t i = 0; weak[i]; i++)
        if (tok_eq_ci(t, weak[i]))
            return 1;
    return 0;
}

static int ends_with(const kg_str *t, const char *suffix)
{
    size_t n = strlen(suffix);
    return t->len > n && memcmp(t->s + t->len - n, suffix, n) == 0;
}

/* 1 if tokens [b, e) can be a weapon's name by context: no lower-case
 * word (a bare name has none: "Radio said the missiles" is a tagger's
 * span run on into the sentence), not a compound adjective
 * ("Chinese-made missiles" names a maker, not a weapon), no word of a
 * military unit ("Air Force jets"), and not a lone ordinary word that is
 * capitalised only because it starts the sentence ("Support helicopters
 * were ..."). */
static int weapon_name_ok(const rec *r, uint32_t b, uint32_t e, uint32_t sb)
{
    static const char *const suffixes[] = {"-made",     "-built",  "-based",    "-owned",
                                           "-led",      "-backed", "-supplied", "-designed",
                                           "-produced", "-armed",  NULL};
    static const char *const units[] = {
        "force",   "forces",  "army",   "navy",    "guard",   "guards", "corps",    "marine",
        "marines", "command", "police", "militia", "brigade", "fleet",  "ministry", NULL};
    for (uint32_t t = b; t < e; t++) {
        if (r->tok[t].len && r->tok[t].s[0] >= 'a' && r->tok[t].s[0] <= 'z')
            return 0;
        for (size_t i = 0; suffixes[i]; i++)
            if (ends_with(&r->tok[t], suffixes[i]))
                return 0;
        for (size_t i = 0; units[i]; i++)
            if (tok_eq_ci(&r->tok[t], units[i]))
                return 0;
    }
    if (b == sb && e == b + 1) {
        const kg_str *t = &r->tok[b];
        int plain = 1;
        for (uint32_t i = 1; i < t->len; i++)
            plain &= t->s[i] >= 'a' && t->s[i] <= 'z';
        if (plain)
            return 0;
    }
    return 1;
}

/* Capitalised words that start sentences and noun phrases without naming
 * anything: never part of a weapon's name. */
static int function_word(const kg_str *t)
{
    static const char *const words[] = {
        "the",    "a",       "an",      "these",         "those",     "this",      "that",
        "its",    "their",   "his",     "her",           "our",       "my",        "your",
        "some",   "many",    "several", "two",           "three",     "four",      "five",
        "more",   "most",    "other",   "new",           "old",       "all",       "any",
        "no",     "such",    "both",    "each",          "own",       "modern",    "advanced",
        "older",  "newer",   "enemy",   "anti-aircraft", "anti-tank", "ballistic", "cruise",
        "guided", "nuclear", "fighter", "attack",        "one",       "six",       "seven",
        "eight",  "nine",    "ten",     "dozens",        "hundreds",  NULL};
    for (size_t i = 0; words[i]; i++)
        if (tok_eq_ci(t, words[i]))
            return 1;
    return 0;
}

/* A token that can be (part of) a weapon's name: it starts with a capital
 * ("Tornado", "SA-7", "F-16", "TB2"). */
static int weapon_namey(const kg_str *t)
{
    return t->len && t->s[0] >= 'A' && t->s[0] <= 'Z';
}

static int cap_initial(const kg_str *t)
{
    return t->len && t->s[0] >= 'A' && t->s[0] <= 'Z';
}

static int add_cand(rec *r, const cand *c)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 64;
        cand *p = realloc(r->c, cap * sizeof *p);
        if (!p)
            return kg_error_set(KG_ENOMEM, "out of memory");
        r->c = p;
        r->cap = cap;
    }
    r->c[r->n] = *c;
    r->c[r->n].live = 1;
    for (uint32_t t = c->b; t < c->e; t++)
        r->cover[t] = (int32_t)r->n;
    r->n++;
    return 0;
}

/* Lexicon matches at token b of the sentence [sb, se) into m (*nm of
 * them); returns the first if the longest spells exactly tokens [b, e),
 * else NULL. */
static const kg_lex_match *exact_match(rec *r, uint32_t b, uint32_t e, uint32_t sb, uint32_t se,
                                       kg_lex_match *m, size_t *nm)
{
    *nm = lex_at(r, b, sb, se, m);
    if (*nm == 0 || m[0].n_tokens != e - b)
        return NULL;
    return &m[0];
}

/* 1 if the lexicon knows a word of tokens [b, e) as something that is not
 * a weapon: a country or demonym, organisation, place, person or title. */
static int lexicon_knows_other(rec *r, uint32_t b, uint32_t e, uint32_t sb, uint32_t se)
{
    kg_lex_match m[RECOGNIZE_LEX_MATCHES];
    for (uint32_t t = b; t < e; t++) {
        size_t nm = lex_at(r, t, sb, se, m);
        for (size_t k = 0; k < nm; k++) {
            kg_lex_kind kind = m[k].entry->kind;
            if (kind == KG_LEX_COUNTRY || kind == KG_LEX_ORG || kind == KG_LEX_LOCATION ||
                kind == KG_LEX_TITLE || kind == KG_LEX_PERSON)
                return 1;
        }
    }
    return 0;
}

/* ---- repairs of the tagger's spans ------------------------------------ */

/* The tagger learnt from CoNLL news with few company suffixes, Arabic
 * names or agency-and-person runs, and its spans break in the same few
 * ways on arms stories. These repairs edit its IOB tags (cls, begin;
 * indexed like r->tok) of one sentence before the spans become
 * candidates, keeping IOB2 well formed: a token inside a span (begin 0)
 * always has the class of the token before it. */

/* Most name tokens before a company suffix that are not the tagger's
 * organisation: "GEC Avionics Ltd", "Trafalgar House Investments Plc";
 * longer runs of capitals are headlines, not names. */
#define RECOGNIZE_COMPANY_NAME_MAX 4
/* Most tokens a truncated person's name is extended by: "Hashemi
 * [Rafsanjani]", "Majed [al-Shaheen]", "Osama [bin Laden]". */
#define RECOGNIZE_PERSON_TAIL_MAX 2

/* A token that can begin a company's name: "GEC", "Avionics", "3M". */
static int company_word(const kg_str *t)
{
    return t->len && ((t->s[0] >= 'A' && t->s[0] <= 'Z') || (t->s[0] >= '0' && t->s[0] <= '9'));
}

static int tok_is(const kg_str *t, const char *w)
{
    /* The first byte first: most words of a list leave there. */
    return t->len && t->s[0] == w[0] && t->len == strlen(w) && memcmp(t->s, w, t->len) == 0;
}

static int tok_in_list(const kg_str *t, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (tok_is(t, list[i]))
            return 1;
    return 0;
}

/* A word that ends a company's name: "Ltd", "Corp.", "Plc". */
static int corp_suffix(const kg_str *t)
{
    static const char *const words[] = {
        "Ltd",     "Ltd.", "Limited", "Inc", "Inc.", "Corp", "Corp.", "Co", "Co.", "Corporation",
        "Company", "plc",  "PLC",     "Plc", "Plc.", "PLC.", "GmbH",  "AG", NULL};
    /* Most tokens leave at the first letter. */
    if (t->len < 2 || t->len > 11 || !strchr("LICcpPGA", t->s[0]))
        return 0;
    return tok_in_list(t, words);
}

/* A suffix nothing of the name follows: "Ltd", unlike "Corp" ("Anglo
 * American Corp of South Africa", "Radio Corporation of America"). */
static int final_suffix(const kg_str *t)
{
    static const char *const words[] = {"Ltd", "Ltd.", "Limited", "Inc",  "Inc.", "plc", "PLC",
                                        "Plc", "Plc.", "PLC.",    "GmbH", "AG",   NULL};
    return tok_in_list(t, words);
}

/* The head noun of an organisation's name: "Nicaraguan Democratic Force",
 * "Reagan Administration", "Halden Associates". A person's name does not
 * end in one. */
static int org_head(const kg_str *t)
{
    static const char *const public_words[] = {
        "Force",      "Forces",     "Front",        "Party",        "Movement",    "Army",
        "Navy",       "Council",    "Group",        "Division",     "Association", "Union",
        "Committee",  "Institute",  "Agency",       "Ministry",     "Alliance",    "League",
        "Federation", "Commission", "Organisation", "Organization", "Department",  "Administration",
        "Government", "Command",    "Brigade",      "Brigades",     "Corps",       "Authority",
        "Bureau",     "Office",     "Board",        "Service",      "Services",    "Foundation",
        "Fund",       "Coalition",  "Assembly",     "Congress",     "Parliament",  NULL};
    static const char *const business_words[] = {
        "Bank",        "Company",   "Corporation", "Industries",   "Airlines",  "Airways",
        "Associates",  "Holdings",  "Enterprises", "Technologies", "Systems",   "Laboratories",
        "Electronics", "Aerospace", "Motors",      "Petroleum",    "Resources", NULL};
    if (t->len < 4 || !cap_initial(t))
        return 0;
    return tok_in_list(t, public_words) || tok_in_list(t, business_words);
}

/* Days and months: capitalised, never part of a name ("Smith Monday"). */
static int calendar_word(const kg_str *t)
{
    static const char *const words[] = {"Monday",    "Tuesday", "Wednesday", "Thursday", "Friday",
                                        "Saturday",  "Sunday",  "January",   "February", "March",
                                        "April",     "May",     "June",      "July",     "August",
                                        "September", "October", "November",  "December", NULL};
    if (t->len < 3 || t->len > 9)
        return 0;
    return tok_in_list(t, words);
}

/* "Radio", "Television", "TV": after a place they name a broadcaster. */
static int media_word(const kg_str *t)
{
    return tok_is(t, "Radio") || tok_is(t, "Television") || tok_is(t, "TV");
}

/* A word a name is made of: a capital, then letters, hyphens or
 * apostrophes ("Rafsanjani", "O'Neill"); no all-capitals acronym. */
static int name_word(const kg_str *t)
{
    if (t->len < 2 || !cap_initial(t))
        return 0;
    for (uint32_t i = 1; i < t->len; i++) {
        char c = t->s[i];
        if (!((c >= 'a' && c <= 'z') || c == '-' || c == '\''))
            return 0;
    }
    return 1;
}

/* First token of the span holding token i (cls[i] != O). */
static uint32_t span_first(const uint8_t *begin, uint32_t sb, uint32_t i)
{
    while (i > sb && !begin[i])
        i--;
    return i;
}

/* One past the last token of the span holding token i. */
static uint32_t span_last(const kg_ner *cls, const uint8_t *begin, uint32_t se, uint32_t i)
{
    uint32_t j = i + 1;
    while (j < se && cls[j] == cls[i] && !begin[j])
        j++;
    return j;
}

/* Makes tokens [b, e) one span of class ner (KG_NER_O: no span). What
 * was left of a span that ran on past e starts a span of its own from its
 * first capitalised word after lower-case ones: "Limited of Rochester"
 * cut after "Limited" is "Rochester"; "Radio said the" cut after "Radio"
 * is nothing, and so is "Plc <THSL" cut after "Plc" (a ticker). */
static void set_span(rec *r, kg_ner *cls, uint8_t *begin, uint32_t se, uint32_t b, uint32_t e,
                     kg_ner ner)
{
    int ran_on = e < se && cls[e] != KG_NER_O && !begin[e];
    uint32_t rest = ran_on ? span_last(cls, begin, se, e) : e;
    for (uint32_t t = b; t < e; t++) {
        cls[t] = ner;
        begin[t] = ner != KG_NER_O && t == b;
    }
    int keep = 1;
    for (uint32_t t = e; t < rest; t++) {
        const kg_str *w = &r->tok[t];
        if (keep && cap_initial(w)) {
            begin[t] = 1;
            break;
        }
        keep &= w->len && w->s[0] >= 'a' && w->s[0] <= 'z';
        cls[t] = KG_NER_O;
        begin[t] = 0;
    }
}

/* 1 if the lexicon knows token t as a first name or a person's name. */
static int first_name_at(rec *r, uint32_t t, uint32_t sb, uint32_t se)
{
    kg_lex_match m[RECOGNIZE_LEX_MATCHES];
    size_t nm = lex_at(r, t, sb, se, m);
    for (size_t i = 0; i < nm; i++)
        if (m[i].entry->kind == KG_LEX_FIRSTNAME || m[i].entry->kind == KG_LEX_PERSON)
            return 1;
    return 0;
}

/* "the head of the CIA William Casey" as one span: a span that starts
 * with exactly an organisation or country the lexicon knows and goes on
 * with a first name and a capitalised word is the two of them (and
 * whatever lower-case words the tagger ran on into is neither). */
static void split_agency_person(rec *r, kg_ner *cls, uint8_t *begin, uint32_t sb, uint32_t se)
{
    for (uint32_t b = sb; b < se;) {
        if (cls[b] == KG_NER_O) {
            b++;
            continue;
        }
        uint32_t e = span_last(cls, begin, se, b);
        if (cls[b] == KG_NER_PER || e - b < 3) {
            b = e;
            continue;
        }
        kg_lex_match m[RECOGNIZE_LEX_MATCHES];
        size_t nm = lex_at(r, b, sb, se, m);
        uint32_t k = 0;
        for (size_t i = 0; i < nm && !k; i++)
            if ((m[i].entry->kind == KG_LEX_ORG || m[i].entry->kind == KG_LEX_COUNTRY) &&
                !m[i].caseless)
                k = m[i].n_tokens;
        uint32_t p = b + k, q = p; /* the person: tokens [p, q) */
        while (k && q < e && cap_initial(&r->tok[q]))
            q++;
        if (k && q >= p + 2 && first_name_at(r, p, sb, se)) {
            /* what runs on after the name ("and two aides") is no name */
            set_span(r, cls, begin, se, q, e, KG_NER_O);
            set_span(r, cls, begin, se, p, q, KG_NER_PER);
        }
        b = e;
    }
}

/* "Tehran Radio": a place right before Radio/Television/TV is the name
 * of a broadcaster, whether the tagger left the word out or began its
 * next span with it ("Radio said the"), unless that span goes on with a
 * name: "Havana" "Radio Reloj Network" is a station of its own. */
static void join_media(rec *r, kg_ner *cls, uint8_t *begin, uint32_t sb, uint32_t se)
{
    for (uint32_t b = sb; b < se;) {
        if (cls[b] == KG_NER_O) {
            b++;
            continue;
        }
        uint32_t e = span_last(cls, begin, se, b);
        if (cls[b] == KG_NER_LOC) {
            if (e < se && media_word(&r->tok[e]) &&
                (cls[e] == KG_NER_O ||
                 (begin[e] && !(e + 1 < se && cls[e + 1] == cls[e] && !begin[e + 1] &&
                                cap_initial(&r->tok[e + 1])))))
                set_span(r, cls, begin, se, b, ++e, KG_NER_ORG);
            else if (e - b >= 2 && media_word(&r->tok[e - 1]))
                set_span(r, cls, begin, se, b, e, KG_NER_ORG);
        }
        b = e;
    }
}

/* 1 if tokens [b, e) are exactly a country or place the lexicon knows. */
static int lexicon_place(rec *r, uint32_t b, uint32_t e, uint32_t sb, uint32_t se)
{
    kg_lex_match m[RECOGNIZE_LEX_MATCHES];
    size_t nm;
    const kg_lex_match *x = exact_match(r, b, e, sb, se, m, &nm);
    for (size_t i = 0; x && i < nm; i++)
        if ((m[i].entry->kind == KG_LEX_COUNTRY || m[i].entry->kind == KG_LEX_LOCATION) &&
            m[i].form != KG_FORM_DEMONYM)
            return 1;
    return 0;
}

/* "GEC Avionics Limited of Rochester", "Martin Marietta Corp": a company
 * suffix ends an organisation's name, which begins at the tagger's
 * organisation before it or at the run of capitalised words before it
 * (or the person or place span the tagger made of them). Whatever the
 * tagger began inside that name is cut: "Limited of Rochester" keeps
 * "Rochester". */
static void join_company(rec *r, kg_ner *cls, uint8_t *begin, uint32_t sb, uint32_t se)
{
    for (uint32_t s = sb + 1; s < se; s++) {
        if (!corp_suffix(&r->tok[s]))
            continue;
        uint32_t start = s;
        /* 1: the tagger's own company name ending in the suffix; its
         * left edge stands, unless another organisation joins it ("GEC"
         * "Avionics Ltd", "Royal Bank" of "Scotland Plc"). */
        int tagged = 0, place = 0;
        if (cls[s] != KG_NER_O && !begin[s]) {
            uint32_t b = span_first(begin, sb, s), e = span_last(cls, begin, se, s);
            if (cls[s] == KG_NER_ORG && e > s + 2 && final_suffix(&r->tok[s]) &&
                tok_is(&r->tok[s + 1], "of")) {
                /* run on into the company's seat: "Ltd of Leeds" */
                set_span(r, cls, begin, se, b, s + 1, KG_NER_ORG);
                for (uint32_t t = s + 2; t < e; t++)
                    if (cls[t] != KG_NER_O)
                        cls[t] = KG_NER_LOC;
                continue;
            }
            if (e > s + 1)
                continue;
            /* "Avionics Ltd" as a person, "Allied Ordnance Co" as a place */
            int namey = 1;
            for (uint32_t t = b; t < s && namey; t++)
                namey = company_word(&r->tok[t]);
            if (!namey)
                continue;
            start = b;
            tagged = cls[s] == KG_NER_ORG;
            place = cls[s] == KG_NER_LOC && lexicon_place(r, b, s, sb, se);
        } else if (cls[s - 1] != KG_NER_O && cls[s - 1] != KG_NER_ORG) {
            /* "Martin Marietta" as a person right before "Corp" */
            uint32_t b = span_first(begin, sb, s - 1);
            int namey = 1;
            for (uint32_t t = b; t < s && namey; t++)
                namey = company_word(&r->tok[t]);
            if (namey) {
                start = b;
                place = cls[b] == KG_NER_LOC && lexicon_place(r, b, s, sb, se);
            }
        }
        uint32_t named = start; /* where the tagger's span before the suffix began */
        for (uint32_t t = start; t-- > sb;) {
            if (s - t > RECOGNIZE_COMPANY_NAME_MAX)
                break;
            if (cls[t] == KG_NER_ORG) {
                start = span_first(begin, sb, t);
                break;
            }
            /* "Bank of Scotland Plc", "General Motors of Canada Ltd": "of"
             * after an organisation */
            if (start < s && t > sb && tok_is(&r->tok[t], "of") &&
                (org_head(&r->tok[t - 1]) || corp_suffix(&r->tok[t - 1]) ||
                 cls[t - 1] == KG_NER_ORG))
                continue;
            /* another span, a small word, or the sentence's first word,
             * which is capitalised whatever it is */
            if (tagged || cls[t] != KG_NER_O || t == sb || !company_word(&r->tok[t]) ||
                function_word(&r->tok[t]) || calendar_word(&r->tok[t]))
                break;
            start = t;
        }
        if (place && start == named)
            /* "Gold Fields of South Africa Ltd" with only the country
             * found: the place stays a place, the suffix names nothing */
            set_span(r, cls, begin, se, s, s + 1, KG_NER_O);
        else if (start < s)
            set_span(r, cls, begin, se, start, s + 1, KG_NER_ORG);
        else if (cls[s] != KG_NER_O && begin[s])
            /* a span that opens with a suffix no name precedes ("Co
             * Director of") is a misreading through and through */
            set_span(r, cls, begin, se, s, span_last(cls, begin, se, s), KG_NER_O);
        else if (cls[s] != KG_NER_O)
            set_span(r, cls, begin, se, s, s + 1, KG_NER_O); /* a suffix alone names nothing */
    }
}

/* 1 if the lexicon knows tokens from t on as a country, organisation,
 * place, title or weapon: no part of a person's name. */
static int lexicon_knows_nonperson(rec *r, uint32_t t, uint32_t sb, uint32_t se)
{
    kg_lex_match m[RECOGNIZE_LEX_MATCHES];
    size_t nm = lex_at(r, t, sb, se, m);
    for (size_t k = 0; k < nm; k++)
        if (m[k].entry->kind != KG_LEX_PERSON && m[k].entry->kind != KG_LEX_FIRSTNAME)
            return 1;
    return 0;
}

/* Verbs a headline puts right after a name: "Minister Says", "Clinton
 * Has". */
static int headline_verb(const kg_str *t)
{
    static const char *const words[] = {
        "Says",  "Said",   "Has",    "Had",     "Is",     "Was",    "Will",  "Would", "Tells",
        "Told",  "Urges",  "Warns",  "Denies",  "Admits", "Orders", "Calls", "Meets", "Visits",
        "Sees",  "Wins",   "Backs",  "Rejects", "Plans",  "Seeks",  "Asks",  "Vows",  "Names",
        "Signs", "Agrees", "Offers", "Gets",    "Makes",  NULL};
    return t->len >= 2 && t->len <= 7 && tok_in_list(t, words);
}

/* A word that may go on a person's name: capitalised like a name and not
 * a day, a company suffix, an organisation's head, a headline's verb or a
 * word the lexicon files as something else. */
static int name_tail_word(rec *r, uint32_t t, uint32_t sb, uint32_t se)
{
    const kg_str *w = &r->tok[t];
    return name_word(w) && !calendar_word(w) && !corp_suffix(w) && !org_head(w) &&
           !function_word(w) && !headline_verb(w) && !lexicon_knows_nonperson(r, t, sb, se);
}

/* Words that join the parts of a name and never end it: "Al", "Bin",
 * "Abu", "Van". */
static int name_particle(const kg_str *t)
{
    static const char *const words[] = {"Al",    "El",  "Bin",  "Ibn", "Abu", "Abd", "Abdel",
                                        "Abdul", "Ben", "Bani", "Van", "Von", "De",  "Da",
                                        "Di",    "Del", "La",   "Le",  "bin", "ibn", NULL};
    return t->len <= 5 && tok_in_list(t, words);
}

/* "Hojatoleslam Akbar Hashemi [Rafsanjani]", "Suliman Majed
 * [al-Shaheen]": the tagger often stops a long or Arabic name one word
 * short. A person's span goes on over the name words right after it that
 * no span holds, and over "al-"/"el-" names and "bin"/"ibn" with the name
 * after it (which may be a one-word person span of its own: "Osama"
 * "bin" "Laden"). */
static void extend_person(rec *r, kg_ner *cls, uint8_t *begin, uint32_t sb, uint32_t se)
{
    for (uint32_t b = sb; b < se;) {
        if (cls[b] != KG_NER_PER) {
            b++;
            continue;
        }
        uint32_t e = span_last(cls, begin, se, b), x = e;
        while (x < se && x - e < RECOGNIZE_PERSON_TAIL_MAX && cls[x] == KG_NER_O) {
            const kg_str *w = &r->tok[x];
            if ((tok_is(w, "bin") || tok_is(w, "ibn")) && x + 1 < se &&
                x + 2 - e <= RECOGNIZE_PERSON_TAIL_MAX && name_word(&r->tok[x + 1]) &&
                (cls[x + 1] == KG_NER_O ||
                 (cls[x + 1] == KG_NER_PER && span_last(cls, begin, se, x + 1) == x + 2))) {
                x += 2;
                break;
            }
            if (w->len > 3 && (w->s[0] == 'a' || w->s[0] == 'e') && w->s[1] == 'l' &&
                w->s[2] == '-' && w->s[3] >= 'A' && w->s[3] <= 'Z' &&
                !lexicon_knows_nonperson(r, x, sb, se)) { /* not "al-Qaeda" */
                x++;
                continue;
            }
            if (!name_tail_word(r, x, sb, se))
                break;
            x++;
        }
        /* A name does not end in a particle: "Sulman Bin Khalifa Al" is
         * a name cut short, not a longer one. */
        while (x > e && name_particle(&r->tok[x - 1]))
            x--;
        for (uint32_t t = e; t < x; t++) {
            cls[t] = KG_NER_PER;
            begin[t] = 0;
        }
        b = x;
    }
}

/* 1 if the sentence [sb, se) is written in title case, as headlines
 * are ("Minister Says Talks Failed"): no lower-case word of four letters
 * or more but the prepositions headlines keep small. There a capital
 * says nothing about names. */
static int title_case(const rec *r, uint32_t sb, uint32_t se)
{
    static const char *const small[] = {"from", "with", "into", "over", "upon", "after", NULL};
    for (uint32_t t = sb; t < se; t++) {
        const kg_str *w = &r->tok[t];
        if (w->len >= 4 && w->s[0] >= 'a' && w->s[0] <= 'z' && !tok_in_list(w, small))
            return 0;
    }
    return 1;
}

/* Plural nouns of a company's products or trades, which end the first
 * half of a division's name joined by "and": "X Missiles and Space Co",
 * "Y Electronics and Defense Systems". A bare name ("Boeing", "Airbus")
 * is no such word, so "Boeing and General Dynamics Corp" stays two. */
static int product_word(const kg_str *t)
{
    static const char *const words[] = {
        "Missiles",     "Electronics",    "Systems",   "Industries", "Products", "Weapons",
        "Munitions",    "Communications", "Controls",  "Devices",    "Engines",  "Instruments",
        "Technologies", "Chemicals",      "Materials", "Vehicles",   "Aircraft", "Armaments",
        "Sensors",      "Satellites",     "Avionics",  "Optics",     "Dynamics", NULL};
    return t->len >= 5 && cap_initial(t) && tok_in_list(t, words);
}

/* A word that closes a company's or a division's name: "Co", "Corp",
 * "Group", "Division". */
static int division_suffix(const kg_str *t)
{
    static const char *const words[] = {"Group", "Division",   "Systems", "Company",
                                        "Unit",  "Operations", "Sector",  NULL};
    return corp_suffix(t) || tok_in_list(t, words);
}

/* "LTV Missiles and Electronics Group", "Hughes Missiles and Space Co":
 * the tagger cuts a division's name at "and". A span ending in a product
 * word, then "and" and capitalised words closed by a company or division
 * suffix, is one organisation. */
static void join_division(rec *r, kg_ner *cls, uint8_t *begin, uint32_t sb, uint32_t se)
{
    for (uint32_t a = sb + 1; a + 2 < se; a++) {
        if (!tok_is(&r->tok[a], "and") || cls[a - 1] == KG_NER_O || !product_word(&r->tok[a - 1]))
            continue;
        /* the last suffix of the capitalised run after "and", with a
         * name word before it ("Electronics Group", not "Group" alone) */
        uint32_t e = 0;
        for (uint32_t t = a + 1; t < se && t - a <= RECOGNIZE_COMPANY_NAME_MAX &&
                                 company_word(&r->tok[t]) && !function_word(&r->tok[t]);
             t++)
            if (t > a + 1 && division_suffix(&r->tok[t]))
                e = t;
        if (e == 0)
            continue;
        set_span(r, cls, begin, se, span_first(begin, sb, a - 1), e + 1, KG_NER_ORG);
        a = e;
    }
}

/* "American Enterprise Institute", "Nicaraguan Democratic Force": a
 * nationality the tagger split off the front of an organisation's name.
 * Joined only for heads that name a body of its own (an institute, a
 * party, a front), not one every state has ("the Iraqi Defence Ministry",
 * "the Soviet Army": the nationality says whose it is, and resolve names
 * it so), and not when the rest is a name the lexicon knows ("Soviet
 * Aeroflot"). */
static void join_nationality(rec *r, kg_ner *cls, uint8_t *begin, uint32_t sb, uint32_t se)
{
    static const char *const heads[] = {
        "Institute", "Association", "Society",  "Council",      "Federation",   "Party",
        "Front",     "Force",       "Movement", "League",       "Foundation",   "Academy",
        "Union",     "Alliance",    "Coalition", "Organisation", "Organization", "Congress",
        "Institution", "Center",    "Centre",   NULL};
    for (uint32_t t = sb; t + 2 < se; t++) {
        /* the shape of either case first: most tokens leave here, before
         * any lexicon look-up */
        int opens = cls[t] == KG_NER_MISC && begin[t];
        int before = (cls[t] == KG_NER_O || (opens && begin[t + 1])) && begin[t + 1] &&
                     (cls[t + 1] == KG_NER_ORG || cls[t + 1] == KG_NER_PER);
        if (!(opens || before) || !cap_initial(&r->tok[t]))
            continue;
        kg_lex_match m[RECOGNIZE_LEX_MATCHES], x[RECOGNIZE_LEX_MATCHES];
        size_t nm = lex_at(r, t, sb, se, m), nx;
        int demonym = 0;
        for (size_t i = 0; i < nm; i++)
            demonym |= m[i].form == KG_FORM_DEMONYM && m[i].n_tokens == 1 &&
                       m[i].entry->kind == KG_LEX_COUNTRY;
        if (!demonym)
            continue;
        /* the whole name as one span of another class: "Canadian Strategy
         * Institute" tagged as a nationality phrase */
        if (opens) {
            uint32_t f = span_last(cls, begin, se, t);
            if (f - t >= 3 && tok_in_list(&r->tok[f - 1], heads) &&
                !exact_match(r, t + 1, f, sb, se, x, &nx)) {
                set_span(r, cls, begin, se, t, f, KG_NER_ORG);
                t = f - 1;
                continue;
            }
        }
        /* the nationality: one word, outside any span or a span of its
         * own; the name after it: an organisation, or a person's span
         * that the head word will make one */
        if (!before)
            continue;
        uint32_t e = t + 1;
        uint32_t f = span_last(cls, begin, se, e);
        if (f - e < 2 || !tok_in_list(&r->tok[f - 1], heads))
            continue;
        if (!exact_match(r, e, f, sb, se, x, &nx)) {
            set_span(r, cls, begin, se, t, f, KG_NER_ORG);
            t = f - 1;
        }
    }
}

/* All the repairs, in an order where each sees the spans the one before
 * made: a person split off an agency can then be extended, and no
 * company suffix goes on a person's name. */
static void repair_spans(rec *r, kg_ner *cls, uint8_t *begin, uint32_t sb, uint32_t se)
{
    split_agency_person(r, cls, begin, sb, se);
    join_media(r, cls, begin, sb, se);
    join_company(r, cls, begin, sb, se);
    join_division(r, cls, begin, sb, se);
    join_nationality(r, cls, begin, sb, se);
    if (!title_case(r, sb, se))
        extend_person(r, cls, begin, sb, se);
}

/* Node type and kind of a span the tagger called `ner`; 0 to keep it, 1 to
 * drop it (a MISC name that is no node: "Olympic", "Christian"). */
static int classify(rec *r, cand *c, uint32_t sb, uint32_t se)
{
    kg_lex_match m[RECOGNIZE_LEX_MATCHES];
    size_t nm;
    const kg_lex_match *x = exact_match(r, c->b, c->e, sb, se, m, &nm);
    c->kind = KG_MENTION_NAME;
    c->lex = NULL;
    /* Among the kinds the lexicon knows the span as, the one that fits
     * the tagger's class best. */
    const kg_lex_match *pick = NULL;
    for (size_t i = 0; x && i < nm; i++) {
        kg_lex_kind k = m[i].entry->kind;
        int fits = 0;
        switch (c->ner) {
        case KG_NER_PER:
            fits = k == KG_LEX_PERSON;
            break;
        case KG_NER_ORG:
            fits = k == KG_LEX_ORG || k == KG_LEX_COUNTRY || k == KG_LEX_WEAPON;
            break;
        case KG_NER_LOC:
            fits = k == KG_LEX_COUNTRY || k == KG_LEX_LOCATION;
            break;
        case KG_NER_MISC:
            fits = k == KG_LEX_WEAPON || k == KG_LEX_WEAPON_CLASS ||
                   ((k == KG_LEX_COUNTRY || k == KG_LEX_LOCATION) && m[i].form == KG_FORM_DEMONYM);
            break;
        default:
            break;
        }
        if (fits) {
            pick = &m[i];
            break;
        }
    }
    /* A weapon's designation wins over the tagger, which learnt from
     * news with few weapons in it ("Igla" looks like a place to it). */
    for (size_t i = 0; x && !pick && i < nm; i++)
        if (m[i].entry->kind == KG_LEX_WEAPON || m[i].entry->kind == KG_LEX_WEAPON_CLASS) {
            pick = &m[i];
            c->ner = KG_NER_MISC;
        }
    /* "Democratic Force": a name that ends in an organisation's head noun
     * is no person's, unless the lexicon knows the person or it starts
     * with a first name ("Peter Bank"). */
    if (!pick && c->ner == KG_NER_PER && org_head(&r->tok[c->e - 1]) &&
        !first_name_at(r, c->b, sb, se))
        c->ner = KG_NER_ORG;
    /* "Vickers Plc" is the Vickers the lexicon knows; "GEC Avionics Ltd"
     * is not the GEC it knows, only a part of it. */
    if (!pick && c->ner == KG_NER_ORG && c->e - c->b >= 2 && corp_suffix(&r->tok[c->e - 1])) {
        kg_lex_match sm[RECOGNIZE_LEX_MATCHES];
        size_t ns;
        const kg_lex_match *y = exact_match(r, c->b, c->e - 1, sb, se, sm, &ns);
        for (size_t i = 0; y && i < ns && !pick; i++)
            if (sm[i].entry->kind == KG_LEX_ORG && sm[i].form != KG_FORM_DEMONYM) {
                m[0] = sm[i];
                pick = &m[0];
            }
    }
    switch (c->ner) {
    case KG_NER_PER:
        c->type = KG_TYPE_PERSON;
        break;
    case KG_NER_ORG:
        c->type = KG_TYPE_ORG;
        break;
    case KG_NER_LOC:
        c->type = KG_TYPE_LOCATION;
        break;
    default:
        c->type = KG_TYPE_WEAPON;
        break;
    }
    if (pick) {
        c->lex = pick->entry;
        c->type = pick->entry->type;
        if (pick->form == KG_FORM_DEMONYM) {
            /* "Russian", and the like for places: "Chechen". */
            c->kind = KG_MENTION_DEMONYM;
            c->ner = KG_NER_MISC;
        } else if (pick->entry->kind == KG_LEX_WEAPON_CLASS) {
            c->kind = KG_MENTION_WEAPON_CLASS;
            c->ner = KG_NER_MISC;
        } else if (pick->entry->kind == KG_LEX_WEAPON) {
            c->ner = KG_NER_MISC; /* CoNLL files weapons under MISC */
        }
        return 0;
    }
    /* A name right before a weapon noun is the weapon's name ("Silkworm
     * missiles"), unless the lexicon knows the words as something else
     * (a maker, "Raytheon missiles", was picked above; "Moscow" is a place
     * even before "missiles"). What the tagger calls an organisation
     * needs a head that only weapons have ("Eastern jets" is an
     * airline's). */
    int head = c->e < se ? weapon_head(&r->tok[c->e]) : 0;
    if (head > (c->ner == KG_NER_ORG) && weapon_name_ok(r, c->b, c->e, sb) &&
        !lexicon_knows_other(r, c->b, c->e, sb, se)) {
        c->ner = KG_NER_MISC;
        c->type = KG_TYPE_WEAPON;
        return 0;
    }
    return c->ner == KG_NER_MISC;
}

/* Lexicon entries the tagger missed that the lexicon knows for certain:
 * weapons and weapon classes always; agencies, countries, places and
 * well-known people when written with a capital (never through the
 * all-capitals fallback). */
static int lexicon_pass(rec *r, uint32_t sb, uint32_t se)
{
    for (uint32_t i = sb; i < se;) {
        kg_lex_match m[RECOGNIZE_LEX_MATCHES];
        size_t nm = lex_at(r, i, sb, se, m);
        const kg_lex_match *pick = NULL;
        for (size_t k = 0; k < nm && !pick; k++) {
            kg_lex_kind kind = m[k].entry->kind;
            if (kind == KG_LEX_WEAPON || kind == KG_LEX_WEAPON_CLASS)
                pick = &m[k];
            else if ((kind == KG_LEX_ORG || kind == KG_LEX_COUNTRY || kind == KG_LEX_LOCATION ||
                      kind == KG_LEX_PERSON) &&
                     !m[k].caseless && cap_initial(&r->tok[i]))
                pick = &m[k];
        }
        if (!pick) {
            i++;
            continue;
        }
        uint32_t e = i + pick->n_tokens;
        /* Only over tokens no tagger mention holds, or over whole tagger
         * mentions it extends ("Federal Security" -> "Federal Security
         * Service"); a partial overlap means the two disagree: keep the
         * tagger's. */
        int ok = 1, covers = 0;
        for (uint32_t t = i; t < e && ok; t++) {
            int32_t o = r->cover[t];
            if (o < 0)
                continue;
            covers = 1;
            ok = r->c[o].b >= i && r->c[o].e <= e && r->c[o].e - r->c[o].b < e - i;
        }
        if (!ok) {
            i++;
            continue;
        }
        if (covers)
            for (uint32_t t = i; t < e; t++)
                if (r->cover[t] >= 0)
                    r->c[r->cover[t]].live = 0;
        cand c = {.b = i,
                  .e = e,
                  .lex = pick->entry,
                  .type = pick->entry->type,
                  .kind = KG_MENTION_NAME,
                  .ner = KG_NER_MISC};
        switch (pick->entry->kind) {
        case KG_LEX_PERSON:
            c.ner = KG_NER_PER;
            break;
        case KG_LEX_ORG:
            c.ner = KG_NER_ORG;
            break;
        case KG_LEX_LOCATION:
            c.ner = KG_NER_LOC;
            break;
        case KG_LEX_COUNTRY:
            c.ner = KG_NER_LOC;
            break;
        case KG_LEX_WEAPON_CLASS:
            c.kind = KG_MENTION_WEAPON_CLASS;
            break;
        default:
            break;
        }
        if (pick->form == KG_FORM_DEMONYM) {
            c.kind = KG_MENTION_DEMONYM;
            c.ner = KG_NER_MISC;
        }
        int rc = add_cand(r, &c);
        if (rc)
            return rc;
        i = e;
    }
    return 0;
}

/* Weapons named by context: a capitalised name right before a weapon noun
 * ("72 Tornado fighters", "Silkworm missiles"), over tokens no other
 * mention holds and that the lexicon does not know as a country, demonym,
 * organisation or place ("Russian missiles", "Raytheon missiles"). */
static int context_pass(rec *r, uint32_t sb, uint32_t se)
{
    for (uint32_t h = sb + 1; h < se; h++) {
        if (r->cover[h - 1] >= 0 || !weapon_namey(&r->tok[h - 1]) || !weapon_head(&r->tok[h]))
            continue;
        uint32_t b = h;
        while (b > sb && h - b < RECOGNIZE_WEAPON_NAME_MAX && weapon_namey(&r->tok[b - 1]) &&
               r->cover[b - 1] < 0 && !function_word(&r->tok[b - 1]))
            b--;
        if (b == h)
            continue;
        if (!weapon_name_ok(r, b, h, sb) || lexicon_knows_other(r, b, h, sb, se))
            continue;
        cand c = {
            .b = b, .e = h, .ner = KG_NER_MISC, .type = KG_TYPE_WEAPON, .kind = KG_MENTION_NAME};
        int rc = add_cand(r, &c);
        if (rc)
            return rc;
    }
    return 0;
}

static int cmp_cand(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    return x->b < y->b ? -1 : x->b > y->b;
}

int kg_recognize(kg_doc *d, const kg_lexicon *lx)
{
    rec r = {.d = d, .lx = lx ? lx : kg_lexicon_builtin()};
    kg_tag_state *st = NULL;
    kg_ner *cls = NULL;
    uint8_t *begin = NULL;
    int rc = 0;
    const kg_tagger *tg = kg_tagger_builtin();
    if (!tg)
        return KG_EINVALID; /* message set by kg_tagger_builtin */
    if (!r.lx)
        return kg_error_set(KG_ENOMEM, "out of memory (lexicon)");
    size_t n = d->n_tokens;
    if (n == 0)
        return 0;
    r.tok = malloc(n * sizeof *r.tok);
    r.cover = malloc(n * sizeof *r.cover);
    size_t longest = 1;
    for (size_t s = 0; s < d->n_sentences; s++)
        if (d->sentences[s].tok_end - d->sentences[s].tok_begin > longest)
            longest = d->sentences[s].tok_end - d->sentences[s].tok_begin;
    r.lm = malloc(longest * RECOGNIZE_LEX_MATCHES * sizeof *r.lm);
    r.lnm = malloc(longest * sizeof *r.lnm);
    cls = malloc(n * sizeof *cls);
    begin = malloc(n);
    if (!r.tok || !r.cover || !r.lm || !r.lnm || !cls || !begin || tag_state_for(&st, n)) {
        rc = kg_error_set(KG_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        r.tok[i].s = d->text + d->tokens[i].start;
        r.tok[i].len = d->tokens[i].end - d->tokens[i].start;
        r.cover[i] = -1;
    }
    for (size_t s = 0; s < d->n_sentences; s++)
        kg_tag_state_observe(st, r.tok + d->sentences[s].tok_begin,
                             d->sentences[s].tok_end - d->sentences[s].tok_begin);
    for (size_t s = 0; s < d->n_sentences; s++) {
        uint32_t sb = d->sentences[s].tok_begin, se = d->sentences[s].tok_end;
        kg_lexicon_match_each(r.lx, r.tok + sb, se - sb, r.lm, RECOGNIZE_LEX_MATCHES, r.lnm);
        if ((rc = tag_sentence(tg, r.lx, r.lm, r.lnm, RECOGNIZE_LEX_MATCHES, st, r.tok + sb,
                               se - sb, cls + sb, begin + sb)))
            goto done;
        repair_spans(&r, cls, begin, sb, se);
        for (uint32_t i = sb; i < se;) {
            if (cls[i] == KG_NER_O) {
                i++;
                continue;
            }
            uint32_t j = i + 1;
            while (j < se && cls[j] == cls[i] && !begin[j])
                j++;
            cand c = {.b = i, .e = j, .ner = cls[i]};
            if (!classify(&r, &c, sb, se) && (rc = add_cand(&r, &c)))
                goto done;
            i = j;
        }
        if ((rc = lexicon_pass(&r, sb, se)) || (rc = context_pass(&r, sb, se)))
            goto done;
    }
    if (r.n) /* r.c is NULL without candidates, and qsort(NULL, 0) is undefined */
        qsort(r.c, r.n, sizeof *r.c, cmp_cand);
    const cand *prev = NULL;
    for (size_t i = 0; i < r.n; i++) {
        const cand *c = &r.c[i];
        if (!c->live)
            continue;
        /* "F-15 fighter aircraft": a weapon class right after a named
         * weapon says what that weapon is; it is no second weapon. */
        if (c->kind == KG_MENTION_WEAPON_CLASS && prev && prev->e == c->b &&
            prev->type == KG_TYPE_WEAPON && prev->kind == KG_MENTION_NAME &&
            d->tokens[prev->b].sentence == d->tokens[c->b].sentence)
            continue;
        prev = c;
        kg_mention m = {.tok_begin = c->b,
                        .tok_end = c->e,
                        .start = d->tokens[c->b].start,
                        .end = d->tokens[c->e - 1].end,
                        .sentence = d->tokens[c->b].sentence,
                        .ner = c->ner,
                        .type = c->type,
                        .kind = c->kind,
                        .lex = c->lex,
                        .entity = -1};
        if ((rc = kg_doc_add_mention(d, &m)))
            goto done;
    }
done:
    kg_tag_state_free(st);
    free(cls);
    free(begin);
    free(r.tok);
    free(r.cover);
    free(r.lm);
    free(r.lnm);
    free(r.c);
    return rc;
}
