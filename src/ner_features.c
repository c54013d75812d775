/*
 * ner_features.c - the NER tagger's feature templates (see ner_features.h).
 *
 * Why hashing instead of a feature dictionary: the tagger must run at
 * hundreds of thousands of tokens a second, so a feature is a 64-bit mix of
 * a template number and precomputed value hashes; the model maps those
 * numbers to weight rows. Collisions among ~10^6 features in 2^64 are
 * negligible.
 */
#include "ner_features.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Words longer than this are hashed on their first bytes for the lower-case
 * and shape templates (the exact word hash always covers all bytes). */
#define KG_FEAT_WORD_MAX 64
/* Shapes longer than this are cut: "XXXXXXXXXXXXXXXXXXXXXXXX" says no more. */
#define KG_FEAT_SHAPE_MAX 16

enum {
    T_BIAS = 1,
    T_W,
    T_LW,
    T_PRE,
    T_SUF = T_PRE + 4,
    T_SHAPE = T_SUF + 4,
    T_CSHAPE,
    T_LWm1,
    T_LWp1,
    T_LWm2,
    T_LWp2,
    T_BIGm1,
    T_BIGp1,
    T_CSm1,
    T_CSp1,
    T_CS3,
    T_CSm1_0,
    T_CS0_p1,
    T_FIRST_CS,
    T_FLAGS,
    T_LEX,
    T_LEX_CS,
    T_LEXm1,
    T_LEXp1,
    T_DOCCASE,
    T_HEAD_CS,
    T_Wm1,
    T_Wp1,
    T_SUFm1,
    T_CLUSTER,
    T_CLUSTERm1,
    T_CLUSTERp1,
    T_LEX_LW,
    /* dynamic */
    T_Y1,
    T_Y2,
    T_Y1_LW,
    T_Y1_CS,
    T_MEM_MAJ,
    T_MEM_HAS,
    T_MEM_MAJ_CS,
    T_Y1_LEX,
    T_Y1_CL,
    T_LWm1_CAP,
    T_LWp1_CAP,
    T_CL_BIG,
    /* version 4 (src/models/README.md: dev F1 89.4 -> 90.6 together) */
    T_PRE5,
    T_SUF5,
    T_CLm2,
    T_CLp2,
    T_CSm2,
    T_CSp2,
    T_SUFp1,
    T_PREp1,
    T_LEXm2,
    T_LEXp2,
    T_DATEp1
};

/* ---- hashing ---------------------------------------------------------- */

static inline uint64_t fmix(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ULL;
    k ^= k >> 33;
    return k;
}

static inline uint64_t hc(uint64_t h, uint64_t v)
{
    return fmix(h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2)));
}

static inline uint64_t f1(unsigned t, uint64_t a)
{
    return hc(fmix(t + 0x51ed27ULL), a) | 1;
}
static inline uint64_t f2(unsigned t, uint64_t a, uint64_t b)
{
    return hc(hc(fmix(t + 0x51ed27ULL), a), b) | 1;
}
static inline uint64_t f3(unsigned t, uint64_t a, uint64_t b, uint64_t c)
{
    return hc(hc(hc(fmix(t + 0x51ed27ULL), a), b), c) | 1;
}

/* kg_hash64 (FNV-1a), inlined: the tagger hashes a dozen short strings
 * per token, and the call was 4% of `kg build`. Must give exactly
 * kg_hash64's values, which the model's features are made of. */
#define FNV_BASIS 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

static inline uint64_t fnv_more(uint64_t h, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= FNV_PRIME;
    }
    return h;
}

static inline uint64_t fnv(const char *s, size_t len)
{
    return fnv_more(FNV_BASIS, s, len);
}

/* Stand-ins for the words before the first and after the last token. */
#define H_BOS 0x1111111111111111ULL
#define H_EOS 0x2222222222222222ULL

/* ---- word clusters ---------------------------------------------------- */

/* src/models/clusters.tsv, linked in by cmake/models.cmake (may be empty). */
extern const unsigned char kg_embed_ner_clusters[];
extern const unsigned long kg_embed_ner_clusters_len;

/* word hash -> cluster ids at three granularities, packed 16 bits each,
 * bit 48 set; 0 = empty slot. */
typedef struct cl_slot {
    uint64_t key, val;
} cl_slot;

static cl_slot *cl_tab;
static size_t cl_mask;
static pthread_once_t cl_once = PTHREAD_ONCE_INIT;

static void date_load(void);

/* Loads the clusters and the date words (once, with pthread_once). */
static void cl_load(void)
{
    date_load();
    const char *p = (const char *)kg_embed_ner_clusters;
    const char *end = p + kg_embed_ner_clusters_len;
    size_t lines = 0;
    for (const char *q = p; q < end; q++)
        lines += *q == '\n';
    size_t cap = 16;
    while (cap < lines * 2)
        cap <<= 1;
    cl_slot *t = calloc(cap, sizeof *t);
    if (!t)
        return; /* no clusters: the tagger works, a little worse */
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *tab = memchr(p, '\t', (size_t)(le - p));
        if (*p != '#' && tab) {
            uint64_t val = 1ull << 48;
            const char *q = tab;
            for (int g = 0; g < 3 && q < le; g++) {
                unsigned long id = strtoul(q + 1, (char **)&q, 10);
                val |= (uint64_t)(id & 0xffff) << (16 * g);
            }
            uint64_t key = kg_hash64(p, (size_t)(tab - p)) | 1;
            size_t i = (size_t)fmix(key) & (cap - 1);
            while (t[i].key && t[i].key != key)
                i = (i + 1) & (cap - 1);
            t[i].key = key;
            t[i].val = val;
        }
        p = le + 1;
    }
    cl_tab = t;
    cl_mask = cap - 1;
}

static uint64_t cl_find(const char *w, size_t len)
{
    uint64_t key = fnv(w, len) | 1;
    for (size_t i = (size_t)fmix(key) & cl_mask;; i = (i + 1) & cl_mask) {
        if (cl_tab[i].key == key)
            return cl_tab[i].val;
        if (cl_tab[i].key == 0)
            return 0;
    }
}

/* The clusters of a word: as written (digits as 0), else lower case, else
 * capitalised; headline words try the capitalised form first. */
static uint64_t cluster_of(const char *s, size_t len, const char *lw, size_t k, int headline)
{
    char buf[KG_FEAT_WORD_MAX];
    uint64_t v = 0;
    if (!cl_tab || k == 0)
        return 0;
    memcpy(buf, lw, k);
    if (buf[0] >= 'a' && buf[0] <= 'z')
        buf[0] = (char)(buf[0] - 32);
    if (headline && (v = cl_find(buf, k)))
        return v;
    if (!headline) {
        char dn[KG_FEAT_WORD_MAX];
        for (size_t i = 0; i < k; i++)
            dn[i] = s[i] >= '0' && s[i] <= '9' ? '0' : s[i];
        if (len == k && (v = cl_find(dn, k)))
            return v;
    }
    if ((v = cl_find(lw, k)))
        return v;
    return cl_find(buf, k);
}

/* Asks for the slot cluster_of tries first for this word: the table is
 * a few megabytes, and asking for a sentence's slots before the look-ups
 * lets their cache misses overlap. */
static void cluster_prefetch(const char *s, size_t len, const char *lw, size_t k, int headline)
{
    char buf[KG_FEAT_WORD_MAX];
    if (!cl_tab || k == 0)
        return;
    const char *w = lw;
    if (headline) {
        memcpy(buf, lw, k);
        if (buf[0] >= 'a' && buf[0] <= 'z')
            buf[0] = (char)(buf[0] - 32);
        w = buf;
    } else if (len == k) {
        for (size_t i = 0; i < k; i++)
            buf[i] = s[i] >= '0' && s[i] <= '9' ? '0' : s[i];
        w = buf;
    }
    uint64_t key = fnv(w, k) | 1;
    __builtin_prefetch(&cl_tab[(size_t)fmix(key) & cl_mask]);
}

/* ---- labels ----------------------------------------------------------- */

int kg_label_allowed(int prev, int y, int last)
{
    int open = prev > 0 && (kg_label_pos(prev) == KG_BILOU_B || kg_label_pos(prev) == KG_BILOU_I);
    if (open) {
        if (y == 0 || kg_label_class(y) != kg_label_class(prev))
            return 0;
        return kg_label_pos(y) == KG_BILOU_L || (kg_label_pos(y) == KG_BILOU_I && !last);
    }
    if (y == 0)
        return 1;
    if (kg_label_pos(y) == KG_BILOU_I || kg_label_pos(y) == KG_BILOU_L)
        return 0;
    return !(kg_label_pos(y) == KG_BILOU_B && last);
}

void kg_labels_to_iob(const uint8_t *y, size_t n, kg_ner *cls, uint8_t *begin)
{
    int prev = KG_NER_O;
    for (size_t i = 0; i < n; i++) {
        int c = kg_label_class(y[i]);
        int p = kg_label_pos(y[i]);
        cls[i] = (kg_ner)c;
        begin[i] = c != KG_NER_O && (p == KG_BILOU_B || p == KG_BILOU_U || c != prev);
        prev = (p == KG_BILOU_L || p == KG_BILOU_U) ? KG_NER_O : c;
    }
}

/* ---- token analysis --------------------------------------------------- */

static int is_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}
static int is_lower(unsigned char c)
{
    return c >= 'a' && c <= 'z';
}
static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* Shape of a word: X x d per character class, other ASCII kept, any
 * non-ASCII character 'u'. With `collapse`, runs of one class are one. */
static uint64_t shape_hash(const char *s, size_t len, int collapse)
{
    char buf[KG_FEAT_SHAPE_MAX + 1];
    size_t k = 0;
    char last = 0;
    for (size_t i = 0; i < len && k < KG_FEAT_SHAPE_MAX; i++) {
        unsigned char c = (unsigned char)s[i];
        char m;
        if ((c & 0xC0) == 0x80)
            continue; /* UTF-8 continuation byte */
        if (is_upper(c))
            m = 'X';
        else if (is_lower(c))
            m = 'x';
        else if (is_digit(c))
            m = 'd';
        else if (c >= 0x80)
            m = 'u';
        else
            m = (char)c;
        if (collapse && m == last)
            continue;
        buf[k++] = m;
        last = m;
    }
    return fnv(buf, k);
}

static size_t lower_norm(char *out, const char *s, size_t len)
{
    size_t k = len < KG_FEAT_WORD_MAX ? len : KG_FEAT_WORD_MAX;
    for (size_t i = 0; i < k; i++) {
        unsigned char c = (unsigned char)s[i];
        out[i] = is_upper(c) ? (char)(c + 32) : is_digit(c) ? '0' : (char)c;
    }
    return k;
}

static int sentence_is_headline(const kg_str *toks, size_t n)
{
    size_t words = 0;
    for (size_t i = 0; i < n; i++) {
        size_t letters = 0;
        for (uint32_t j = 0; j < toks[i].len; j++) {
            unsigned char c = (unsigned char)toks[i].s[j];
            if (is_lower(c))
                return 0;
            letters += is_upper(c);
        }
        words += letters >= 2;
    }
    return words >= 1;
}

/* ---- document context ------------------------------------------------- */

void kg_feat_doc_init(kg_feat_doc *d)
{
    memset(d, 0, sizeof *d);
    d->mask = KG_FEAT_DOC_SLOTS - 1;
    d->zeroed = KG_FEAT_DOC_SLOTS;
}

static void doc_use(kg_feat_doc *d, size_t slots)
{
    for (size_t i = 0; i < d->used; i++)
        memset(&d->slot[d->taken[i]], 0, sizeof d->slot[0]);
    d->used = 0;
    if (slots > d->zeroed) {
        memset(&d->slot[d->zeroed], 0, (slots - d->zeroed) * sizeof d->slot[0]);
        d->zeroed = slots;
    }
    d->mask = slots - 1;
}

void kg_feat_doc_clear(kg_feat_doc *d)
{
    doc_use(d, KG_FEAT_DOC_SLOTS);
}

/* Fewest slots a sized document uses: one cache-friendly block. */
#define KG_FEAT_DOC_MIN 64

void kg_feat_doc_size(kg_feat_doc *d, size_t tokens)
{
    /* At most `tokens` distinct words go in: twice that keeps the table at
     * most half full, below KG_FEAT_DOC_FILL, so no word is refused that
     * the whole table would take. */
    size_t slots = KG_FEAT_DOC_MIN;
    while (slots < 2 * tokens && slots < KG_FEAT_DOC_SLOTS)
        slots <<= 1;
    doc_use(d, slots);
}

static uint64_t lw_key(const kg_str *t)
{
    char buf[KG_FEAT_WORD_MAX];
    size_t k = lower_norm(buf, t->s, t->len);
    return fnv(buf, k);
}

static kg_feat_doc_slot *doc_find(const kg_feat_doc *d, uint64_t lw, int insert)
{
    uint64_t key = lw | 1;
    size_t mask = d->mask;
    for (size_t i = (size_t)fmix(key) & mask;; i = (i + 1) & mask) {
        kg_feat_doc_slot *s = (kg_feat_doc_slot *)&d->slot[i];
        if (s->key == key)
            return s;
        if (s->key == 0) {
            if (!insert || d->used >= KG_FEAT_DOC_FILL)
                return NULL;
            kg_feat_doc *w = (kg_feat_doc *)d;
            w->taken[w->used++] = (uint16_t)i;
            s->key = key;
            return s;
        }
    }
}

void kg_feat_doc_observe(kg_feat_doc *d, const kg_str *toks, size_t n)
{
    if (sentence_is_headline(toks, n))
        return;
    for (size_t i = 1; i < n; i++) {
        unsigned char c = toks[i].len ? (unsigned char)toks[i].s[0] : 0;
        if (!is_upper(c) && !is_lower(c))
            continue;
        kg_feat_doc_slot *s = doc_find(d, lw_key(&toks[i]), 1);
        if (!s)
            continue;
        if (is_lower(c)) {
            if (s->n_lower < UINT16_MAX)
                s->n_lower++;
        } else {
            if (s->n_upper < UINT16_MAX)
                s->n_upper++;
            s->cased_w = fnv(toks[i].s, toks[i].len);
            s->cased_shape = shape_hash(toks[i].s, toks[i].len, 0);
            s->cased_cshape = shape_hash(toks[i].s, toks[i].len, 1);
        }
    }
}

void kg_feat_doc_remember(kg_feat_doc *d, const kg_feat_tok *t, int cls)
{
    if (!(t->flags & (KG_TF_INITCAP | KG_TF_ALLCAPS)))
        return;
    kg_feat_doc_slot *s = doc_find(d, t->lw, 1);
    if (s && s->cls[cls] < UINT16_MAX)
        s->cls[cls]++;
}

/* ---- per-sentence preparation ----------------------------------------- */

/* Lexicon bit index: the kind, with demonyms of countries apart because
 * they mark MISC where the country's name marks LOC. */
#define LEX_DEMONYM KG_LEX__COUNT
#define LEX_KINDS (KG_LEX__COUNT + 1)
/* Longest lexicon entry we look for at one position (kinds differ). */
#define LEX_MATCHES 4

/* Sets the lexicon bits of the tokens a match at position i covers. */
static void lex_mark(kg_feat_tok *ft, size_t n, size_t i, const kg_lex_match *m, size_t got)
{
    for (size_t j = 0; j < got; j++) {
        unsigned kind = m[j].entry->kind;
        if (kind == KG_LEX_COUNTRY && m[j].form == KG_FORM_DEMONYM)
            kind = LEX_DEMONYM;
        /* First names are left out: the list is partly generated from
         * the tagger's own training file, so in training it marks every
         * person perfectly and the tagger learns to trust it more than
         * it deserves on new text (dev F1 drops by about 1.5). */
        if (kind >= LEX_KINDS || kind == KG_LEX_FIRSTNAME)
            continue;
        size_t len = m[j].n_tokens;
        for (size_t q = 0; q < len && i + q < n; q++) {
            unsigned pos = len == 1       ? KG_BILOU_U
                           : q == 0       ? KG_BILOU_B
                           : q == len - 1 ? KG_BILOU_L
                                          : KG_BILOU_I;
            ft[i + q].lex |= 1ull << (kind * 4 + pos);
        }
    }
}

/* Weekdays and months: capitalised like names and often right after one
 * ("met Weinberger Monday"), so the tagger is told they are a class of
 * their own rather than left to learn each word apart. Kept as a set of
 * lower-case word hashes, so that a token costs one probe. */
#define DATE_SLOTS 64 /* power of two, over twice the 19 names */
static uint64_t date_key[DATE_SLOTS];

static void date_load(void)
{
    static const char *const names[] = {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        uint64_t key = fnv(names[i], strlen(names[i])) | 1;
        size_t j = (size_t)fmix(key) & (DATE_SLOTS - 1);
        while (date_key[j])
            j = (j + 1) & (DATE_SLOTS - 1);
        date_key[j] = key;
    }
}

static int is_date_word(uint64_t lw)
{
    uint64_t key = lw | 1;
    for (size_t j = (size_t)fmix(key) & (DATE_SLOTS - 1); date_key[j]; j = (j + 1) & (DATE_SLOTS - 1))
        if (date_key[j] == key)
            return 1;
    return 0;
}

/* kg_feat_prepare without the lexicon. */
static void prepare_words(kg_feat_tok *ft, const kg_str *toks, size_t n, const kg_feat_doc *d)
{
    pthread_once(&cl_once, cl_load);
    int headline = sentence_is_headline(toks, n);
    for (size_t i = 0; i < n; i++) {
        char lw[KG_FEAT_WORD_MAX];
        size_t k = lower_norm(lw, toks[i].s, toks[i].len);
        cluster_prefetch(toks[i].s, toks[i].len, lw, k, headline);
    }
    for (size_t i = 0; i < n; i++) {
        const char *s = toks[i].s;
        size_t len = toks[i].len;
        kg_feat_tok *t = &ft[i];
        char lw[KG_FEAT_WORD_MAX];
        size_t k = lower_norm(lw, s, len);
        uint32_t fl = 0;
        size_t up = 0, low = 0, dig = 0, alnum = 0;
        for (size_t j = 0; j < len; j++) {
            unsigned char c = (unsigned char)s[j];
            if (is_upper(c)) {
                up++;
                if (j > 0)
                    fl |= KG_TF_MIXED;
            } else if (is_lower(c))
                low++;
            else if (is_digit(c))
                dig++;
            else if (c == '-')
                fl |= KG_TF_HYPHEN;
            else if (c == '.')
                fl |= KG_TF_PERIOD;
            if (is_upper(c) || is_lower(c) || is_digit(c) || c >= 0x80)
                alnum++;
        }
        if (len && is_upper((unsigned char)s[0]))
            fl |= KG_TF_INITCAP;
        if (up && !low)
            fl |= KG_TF_ALLCAPS;
        if (dig)
            fl |= KG_TF_HASDIGIT;
        if (dig && dig == len)
            fl |= KG_TF_ALLDIGIT;
        if (!alnum)
            fl |= KG_TF_PUNCT;
        if (headline)
            fl |= KG_TF_HEADLINE;
        t->flags = fl;
        t->w = fnv(s, len);
        /* The prefixes' hashes are the lower-case word's on the way. */
        uint64_t h = FNV_BASIS;
        for (size_t a = 0; a < 4; a++) {
            if (a < k)
                h = fnv_more(h, lw + a, 1);
            t->pre[a] = h;
        }
        t->lw = k > 4 ? fnv_more(h, lw + 4, k - 4) : h;
        if ((fl & KG_TF_INITCAP) && is_date_word(t->lw))
            t->flags |= KG_TF_DATE;
        t->shape = shape_hash(s, len, 0);
        t->cshape = shape_hash(s, len, 1);
        for (size_t a = 0; a < 4; a++) {
            size_t m = a + 1 <= k ? a + 1 : k;
            t->suf[a] = fnv(lw + k - m, m);
        }
        size_t m5 = k < 5 ? k : 5;
        t->pre5 = k > 4 ? fnv_more(h, lw + 4, 1) : h;
        t->suf5 = fnv(lw + k - m5, m5);
        t->cluster = cluster_of(s, len, lw, k, headline);
        t->lex = 0;
        t->doccase = 0;
        if (d && (up || low)) {
            const kg_feat_doc_slot *ds = doc_find(d, t->lw, 0);
            if (ds) {
                t->doccase = (uint8_t)((ds->n_lower ? 1 : 0) | (ds->n_upper ? 2 : 0));
                /* A headline hides case: borrow the form the body uses. */
                if (headline && ds->n_upper && ds->n_upper >= ds->n_lower) {
                    t->w = ds->cased_w;
                    t->shape = ds->cased_shape;
                    t->cshape = ds->cased_cshape;
                } else if (headline && ds->n_lower) {
                    t->w = t->lw;
                    t->shape = shape_hash(lw, k, 0);
                    t->cshape = shape_hash(lw, k, 1);
                }
            }
        }
    }
}

void kg_feat_prepare(kg_feat_tok *ft, const kg_str *toks, size_t n, const kg_lexicon *lx,
                     const kg_feat_doc *d)
{
    prepare_words(ft, toks, n, d);
    if (!lx)
        return;
    for (size_t i = 0; i < n; i++) {
        kg_lex_match m[LEX_MATCHES];
        lex_mark(ft, n, i, m, kg_lexicon_match(lx, toks, n, i, m, LEX_MATCHES));
    }
}

void kg_feat_prepare_matched(kg_feat_tok *ft, const kg_str *toks, size_t n, const kg_lex_match *m,
                             const uint32_t *nm, size_t max, const kg_feat_doc *d)
{
    prepare_words(ft, toks, n, d);
    if (!m)
        return;
    for (size_t i = 0; i < n; i++)
        lex_mark(ft, n, i, m + i * max, nm[i] < LEX_MATCHES ? nm[i] : LEX_MATCHES);
}

/* ---- templates -------------------------------------------------------- */

size_t kg_feat_static(const kg_feat_tok *ft, size_t n, size_t i, uint64_t *out)
{
    const kg_feat_tok *t = &ft[i];
    const kg_feat_tok *p1 = i >= 1 ? &ft[i - 1] : NULL;
    const kg_feat_tok *n1 = i + 1 < n ? &ft[i + 1] : NULL;
    uint64_t lwm1 = p1 ? p1->lw : H_BOS, lwp1 = n1 ? n1->lw : H_EOS;
    uint64_t csm1 = p1 ? p1->cshape : H_BOS, csp1 = n1 ? n1->cshape : H_EOS;
    size_t k = 0;

    out[k++] = f1(T_BIAS, 0);
    out[k++] = f1(T_W, t->w);
    out[k++] = f1(T_LW, t->lw);
    for (unsigned a = 0; a < 4; a++) {
        out[k++] = f1(T_PRE + a, t->pre[a]);
        out[k++] = f1(T_SUF + a, t->suf[a]);
    }
    out[k++] = f1(T_PRE5, t->pre5);
    out[k++] = f1(T_SUF5, t->suf5);
    out[k++] = f1(T_SHAPE, t->shape);
    out[k++] = f1(T_CSHAPE, t->cshape);
    out[k++] = f1(T_LWm1, lwm1);
    out[k++] = f1(T_LWp1, lwp1);
    out[k++] = f1(T_Wm1, p1 ? p1->w : H_BOS);
    out[k++] = f1(T_Wp1, n1 ? n1->w : H_EOS);
    out[k++] = f2(T_BIGm1, lwm1, t->lw);
    out[k++] = f2(T_BIGp1, t->lw, lwp1);
    out[k++] = f1(T_CSm1, csm1);
    out[k++] = f1(T_CSp1, csp1);
    out[k++] = f3(T_CS3, csm1, t->cshape, csp1);
    out[k++] = f2(T_CSm1_0, csm1, t->cshape);
    out[k++] = f2(T_CS0_p1, t->cshape, csp1);
    out[k++] = f1(T_SUFm1, p1 ? p1->suf[2] : H_BOS);
    out[k++] = f1(T_SUFp1, n1 ? n1->suf[2] : H_EOS);
    out[k++] = f1(T_PREp1, n1 ? n1->pre[2] : H_EOS);
    out[k++] = f1(T_DATEp1, n1 && (n1->flags & KG_TF_DATE));
    k += kg_feat_left2(i >= 2 ? &ft[i - 2] : NULL, out + k);
    k += kg_feat_right2(i + 2 < n ? &ft[i + 2] : NULL, out + k);
    out[k++] = f2(T_LWm1_CAP, lwm1, t->flags & (KG_TF_INITCAP | KG_TF_ALLCAPS));
    out[k++] = f2(T_LWp1_CAP, lwp1, t->flags & (KG_TF_INITCAP | KG_TF_ALLCAPS));
    if (i == 0)
        out[k++] = f1(T_FIRST_CS, t->cshape);
    out[k++] = f1(T_FLAGS, t->flags);
    out[k++] = f3(T_DOCCASE, t->doccase, i == 0, t->flags & (KG_TF_INITCAP | KG_TF_HEADLINE));
    if (t->flags & KG_TF_HEADLINE)
        out[k++] = f1(T_HEAD_CS, t->cshape);
    for (unsigned g = 0; g < 3; g++) {
        /* 0xffff: no cluster, itself informative (a rare word). */
        uint64_t c0 = t->cluster ? t->cluster >> (16 * g) & 0xffff : 0xffff;
        uint64_t cm = p1 ? (p1->cluster ? p1->cluster >> (16 * g) & 0xffff : 0xffff) : H_BOS;
        uint64_t cp = n1 ? (n1->cluster ? n1->cluster >> (16 * g) & 0xffff : 0xffff) : H_EOS;
        out[k++] = f2(T_CLUSTER, g, c0);
        if (g > 0) {
            out[k++] = f2(T_CLUSTERm1, g, cm);
            out[k++] = f2(T_CLUSTERp1, g, cp);
        }
    }
    /* Lexicon bits: at most a handful are set on any token. */
    for (uint64_t b = t->lex; b && k < KG_FEAT_MAX - 24; b &= b - 1) {
        unsigned bit = (unsigned)__builtin_ctzll(b);
        out[k++] = f1(T_LEX, bit);
        out[k++] = f2(T_LEX_CS, bit, t->cshape);
    }
    for (uint64_t b = p1 ? p1->lex : 0; b && k < KG_FEAT_MAX - 20; b &= b - 1)
        out[k++] = f1(T_LEXm1, (unsigned)__builtin_ctzll(b));
    for (uint64_t b = n1 ? n1->lex : 0; b && k < KG_FEAT_MAX - 16; b &= b - 1)
        out[k++] = f1(T_LEXp1, (unsigned)__builtin_ctzll(b));
    return k;
}

size_t kg_feat_self(const kg_feat_tok *t, int first, uint64_t *out)
{
    size_t k = 0;
    out[k++] = f1(T_BIAS, 0);
    out[k++] = f1(T_W, t->w);
    out[k++] = f1(T_LW, t->lw);
    for (unsigned a = 0; a < 4; a++) {
        out[k++] = f1(T_PRE + a, t->pre[a]);
        out[k++] = f1(T_SUF + a, t->suf[a]);
    }
    out[k++] = f1(T_PRE5, t->pre5);
    out[k++] = f1(T_SUF5, t->suf5);
    out[k++] = f1(T_SHAPE, t->shape);
    out[k++] = f1(T_CSHAPE, t->cshape);
    if (first)
        out[k++] = f1(T_FIRST_CS, t->cshape);
    out[k++] = f1(T_FLAGS, t->flags);
    out[k++] = f3(T_DOCCASE, t->doccase, first != 0, t->flags & (KG_TF_INITCAP | KG_TF_HEADLINE));
    if (t->flags & KG_TF_HEADLINE)
        out[k++] = f1(T_HEAD_CS, t->cshape);
    for (unsigned g = 0; g < 3; g++)
        out[k++] = f2(T_CLUSTER, g, t->cluster ? t->cluster >> (16 * g) & 0xffff : 0xffff);
    for (uint64_t b = t->lex; b; b &= b - 1) {
        unsigned bit = (unsigned)__builtin_ctzll(b);
        out[k++] = f1(T_LEX, bit);
        out[k++] = f2(T_LEX_CS, bit, t->cshape);
    }
    return k;
}

size_t kg_feat_left(const kg_feat_tok *p1, uint64_t *out)
{
    size_t k = 0;
    out[k++] = f1(T_LWm1, p1 ? p1->lw : H_BOS);
    out[k++] = f1(T_Wm1, p1 ? p1->w : H_BOS);
    out[k++] = f1(T_CSm1, p1 ? p1->cshape : H_BOS);
    out[k++] = f1(T_SUFm1, p1 ? p1->suf[2] : H_BOS);
    for (unsigned g = 1; g < 3; g++) {
        uint64_t cm = p1 ? (p1->cluster ? p1->cluster >> (16 * g) & 0xffff : 0xffff) : H_BOS;
        out[k++] = f2(T_CLUSTERm1, g, cm);
    }
    for (uint64_t b = p1 ? p1->lex : 0; b; b &= b - 1)
        out[k++] = f1(T_LEXm1, (unsigned)__builtin_ctzll(b));
    return k;
}

size_t kg_feat_right(const kg_feat_tok *n1, uint64_t *out)
{
    size_t k = 0;
    out[k++] = f1(T_LWp1, n1 ? n1->lw : H_EOS);
    out[k++] = f1(T_Wp1, n1 ? n1->w : H_EOS);
    out[k++] = f1(T_CSp1, n1 ? n1->cshape : H_EOS);
    out[k++] = f1(T_SUFp1, n1 ? n1->suf[2] : H_EOS);
    out[k++] = f1(T_PREp1, n1 ? n1->pre[2] : H_EOS);
    out[k++] = f1(T_DATEp1, n1 && (n1->flags & KG_TF_DATE));
    for (unsigned g = 1; g < 3; g++) {
        uint64_t cp = n1 ? (n1->cluster ? n1->cluster >> (16 * g) & 0xffff : 0xffff) : H_EOS;
        out[k++] = f2(T_CLUSTERp1, g, cp);
    }
    for (uint64_t b = n1 ? n1->lex : 0; b; b &= b - 1)
        out[k++] = f1(T_LEXp1, (unsigned)__builtin_ctzll(b));
    return k;
}

/* The cluster (256 granularity) of a token, 0xffff when it has none. */
static inline uint64_t cluster_mid(const kg_feat_tok *t)
{
    return t->cluster ? t->cluster >> 16 & 0xffff : 0xffff;
}

/* Two tokens away the word alone is sparse: its cluster, shape and
 * lexicon matches say "in a list of places" or "after a title" more
 * often (dev F1 +0.9 with the clusters and shapes). */
size_t kg_feat_left2(const kg_feat_tok *p2, uint64_t *out)
{
    size_t k = 0;
    out[k++] = f1(T_LWm2, p2 ? p2->lw : H_BOS);
    out[k++] = f1(T_CLm2, p2 ? cluster_mid(p2) : H_BOS);
    out[k++] = f1(T_CSm2, p2 ? p2->cshape : H_BOS);
    unsigned bits = 0;
    for (uint64_t b = p2 ? p2->lex : 0; b && bits < KG_FEAT_LEX2; b &= b - 1, bits++)
        out[k++] = f1(T_LEXm2, (unsigned)__builtin_ctzll(b));
    return k;
}

size_t kg_feat_right2(const kg_feat_tok *n2, uint64_t *out)
{
    size_t k = 0;
    out[k++] = f1(T_LWp2, n2 ? n2->lw : H_EOS);
    out[k++] = f1(T_CLp2, n2 ? cluster_mid(n2) : H_EOS);
    out[k++] = f1(T_CSp2, n2 ? n2->cshape : H_EOS);
    unsigned bits = 0;
    for (uint64_t b = n2 ? n2->lex : 0; b && bits < KG_FEAT_LEX2; b &= b - 1, bits++)
        out[k++] = f1(T_LEXp2, (unsigned)__builtin_ctzll(b));
    return k;
}

size_t kg_feat_pair(const kg_feat_tok *ft, size_t n, size_t i, uint64_t *out)
{
    const kg_feat_tok *t = &ft[i];
    const kg_feat_tok *p1 = i >= 1 ? &ft[i - 1] : NULL;
    const kg_feat_tok *n1 = i + 1 < n ? &ft[i + 1] : NULL;
    uint64_t lwm1 = p1 ? p1->lw : H_BOS, lwp1 = n1 ? n1->lw : H_EOS;
    uint64_t csm1 = p1 ? p1->cshape : H_BOS, csp1 = n1 ? n1->cshape : H_EOS;
    size_t k = 0;
    out[k++] = f2(T_BIGm1, lwm1, t->lw);
    out[k++] = f2(T_BIGp1, t->lw, lwp1);
    out[k++] = f3(T_CS3, csm1, t->cshape, csp1);
    out[k++] = f2(T_CSm1_0, csm1, t->cshape);
    out[k++] = f2(T_CS0_p1, t->cshape, csp1);
    out[k++] = f2(T_LWm1_CAP, lwm1, t->flags & (KG_TF_INITCAP | KG_TF_ALLCAPS));
    out[k++] = f2(T_LWp1_CAP, lwp1, t->flags & (KG_TF_INITCAP | KG_TF_ALLCAPS));
    return k;
}

size_t kg_feat_pair_shape(const kg_feat_tok *p1, const kg_feat_tok *t, const kg_feat_tok *n1,
                          uint64_t *out)
{
    uint64_t csm1 = p1 ? p1->cshape : H_BOS, csp1 = n1 ? n1->cshape : H_EOS;
    out[0] = f3(T_CS3, csm1, t->cshape, csp1);
    out[1] = f2(T_CSm1_0, csm1, t->cshape);
    out[2] = f2(T_CS0_p1, t->cshape, csp1);
    return 3;
}

size_t kg_feat_pair_word(const kg_feat_tok *p1, const kg_feat_tok *t, const kg_feat_tok *n1,
                         uint64_t *out)
{
    uint64_t lwm1 = p1 ? p1->lw : H_BOS, lwp1 = n1 ? n1->lw : H_EOS;
    out[0] = f2(T_BIGm1, lwm1, t->lw);
    out[1] = f2(T_BIGp1, t->lw, lwp1);
    out[2] = f2(T_LWm1_CAP, lwm1, t->flags & (KG_TF_INITCAP | KG_TF_ALLCAPS));
    out[3] = f2(T_LWp1_CAP, lwp1, t->flags & (KG_TF_INITCAP | KG_TF_ALLCAPS));
    return 4;
}

size_t kg_feat_dyn_labels(unsigned y1, unsigned y2, uint64_t *out)
{
    out[0] = f1(T_Y1, y1);
    out[1] = f2(T_Y2, y2, y1);
    return 2;
}

size_t kg_feat_dyn_prev(const kg_feat_tok *t, unsigned y1, uint64_t *out)
{
    out[0] = f2(T_Y1_LW, y1, t->lw);
    out[1] = f2(T_Y1_CS, y1, t->cshape);
    out[2] = f2(T_Y1_CL, y1, t->cluster ? t->cluster >> 16 & 0xffff : 0xffff);
    return 3;
}

unsigned kg_feat_dyn_history(const kg_feat_tok *t, const kg_feat_doc *d, int *maj)
{
    unsigned has = 0;
    *maj = -1;
    if (!d || !(t->flags & (KG_TF_INITCAP | KG_TF_ALLCAPS)))
        return 0;
    const kg_feat_doc_slot *s = doc_find(d, t->lw, 0);
    if (!s)
        return 0;
    int m = -1;
    unsigned best = 0;
    for (int c = KG_NER_PER; c < KG_NER__COUNT; c++) {
        if (s->cls[c]) {
            has |= 1u << c;
            if (s->cls[c] > best) {
                best = s->cls[c];
                m = c;
            }
        }
    }
    if (m >= 0 && s->cls[KG_NER_O] <= best)
        *maj = m;
    return has;
}

size_t kg_feat_dyn_mem(unsigned has, int maj, uint64_t *out)
{
    size_t k = 0;
    for (int c = KG_NER_PER; c < KG_NER__COUNT; c++)
        if (has & (1u << c))
            out[k++] = f1(T_MEM_HAS, (unsigned)c);
    if (maj >= 0)
        out[k++] = f1(T_MEM_MAJ, (unsigned)maj);
    return k;
}

size_t kg_feat_dyn_mem_cs(const kg_feat_tok *t, int maj, uint64_t *out)
{
    if (maj < 0)
        return 0;
    out[0] = f2(T_MEM_MAJ_CS, (unsigned)maj, t->cshape);
    return 1;
}

/* In the order the split functions give them, which is the order the
 * model was trained with. */
size_t kg_feat_dynamic(const kg_feat_tok *ft, size_t n, size_t i, const uint8_t *y,
                       const kg_feat_doc *d, uint64_t *out)
{
    const kg_feat_tok *t = &ft[i];
    unsigned y1 = i >= 1 ? y[i - 1] : KG_FEAT_NO_LABEL, y2 = i >= 2 ? y[i - 2] : KG_FEAT_NO_LABEL;
    size_t k = 0;
    int maj;
    (void)n;
    k += kg_feat_dyn_labels(y1, y2, out + k);
    k += kg_feat_dyn_prev(t, y1, out + k);
    unsigned has = kg_feat_dyn_history(t, d, &maj);
    k += kg_feat_dyn_mem(has, maj, out + k);
    k += kg_feat_dyn_mem_cs(t, maj, out + k);
    return k;
}
