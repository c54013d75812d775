/*
 * train_ner.c - kg-train-ner: trains the NER tagger's averaged perceptron
 * on a CoNLL-2003 file and writes src/models/ner.model (format in
 * src/ner_features.h).
 *
 * Why it exists: the model is data built from a corpus we may not
 * redistribute, so the tree keeps the weights plus this program, which
 * regenerates them bit for bit (fixed seed, fixed document order per
 * epoch, sorted output). It shares src/ner_features.c with the tagger, so
 * training and tagging cannot disagree on a feature.
 *
 * Training: greedy left-to-right decoding over BILOU labels with the
 * tagger's own history (its previous predictions and the prediction memory
 * of the document), an update whenever the predicted label is wrong, and
 * weights averaged over all steps (the lazy "w - u/c" form). The averaged
 * weights are quantised to int16 with one scale; near-zero ones dropped.
 *
 * Usage: kg-train-ner --train FILE -o MODEL [--epochs N] [--seed N]
 *                     [--prune Q] [--no-lexicon]
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ner_features.h"
#include "kg/error.h"
#include "kg/lexicon.h"

/* Training options' defaults: 20 passes: dev F1 still creeps up at 15-20 on CoNLL train. */
#define EPOCHS_DEFAULT 20
#define SEED_DEFAULT 20030601ULL
/* Models averaged, each trained on its own document order. */
#define BAGS_DEFAULT 3
/* A CoNLL line longer than this is not a token line. */
#define LINE_MAX_BYTES 65536

typedef struct sentence {
    size_t begin, end; /* tokens */
} sentence;

typedef struct document {
    size_t begin, end; /* sentences */
} document;

typedef struct corpus {
    char *text;
    kg_str *tok;
    uint8_t *gold; /* BILOU */
    size_t n_tok, cap_tok;
    sentence *sent;
    size_t n_sent, cap_sent;
    document *doc;
    size_t n_doc, cap_doc;
    kg_feat_tok *ft; /* per token */
    uint64_t *sf;    /* static features, sf_off[i]..sf_off[i+1] per token */
    size_t *sf_off;
} corpus;

/* ---- reading ---------------------------------------------------------- */

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return p;
    size_t c = *cap ? *cap : 1024;
    while (c < need)
        c *= 2;
    void *q = realloc(p, c * size);
    if (!q) {
        fprintf(stderr, "kg-train-ner: out of memory\n");
        exit(1);
    }
    *cap = c;
    return q;
}

static int tag_class(const char *t, size_t len, int *begin)
{
    static const char *names[] = {NULL, "PER", "ORG", "LOC", "MISC"};
    *begin = 0;
    if (len < 3 || t[1] != '-')
        return KG_NER_O;
    *begin = t[0] == 'B';
    for (int c = KG_NER_PER; c < KG_NER__COUNT; c++)
        if (len - 2 == strlen(names[c]) && memcmp(t + 2, names[c], len - 2) == 0)
            return c;
    return KG_NER_O;
}

/* IOB1 or IOB2 classes of one sentence -> BILOU labels in place. */
static void to_bilou(uint8_t *cls, const uint8_t *beg, size_t n)
{
    size_t i = 0;
    while (i < n) {
        int c = cls[i];
        if (c == KG_NER_O) {
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < n && cls[j] == c && !beg[j])
            j++;
        for (size_t q = i; q < j; q++) {
            int pos = j - i == 1   ? KG_BILOU_U
                      : q == i     ? KG_BILOU_B
                      : q == j - 1 ? KG_BILOU_L
                                   : KG_BILOU_I;
            cls[q] = (uint8_t)kg_label_make(c, pos);
        }
        i = j;
    }
}

static void read_corpus(corpus *c, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "kg-train-ner: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    c->text = malloc((size_t)size + 1);
    if (!c->text || fread(c->text, 1, (size_t)size, f) != (size_t)size) {
        fprintf(stderr, "kg-train-ner: %s: cannot read\n", path);
        exit(1);
    }
    fclose(f);
    c->text[size] = '\0';

    uint8_t *beg = NULL;
    size_t cap_beg = 0, cap_gold = 0, sent_start = 0, line_no = 0;
    int in_doc = 0;
    char *p = c->text, *end = c->text + size;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *le = nl ? nl : end;
        line_no++;
        if (le - p > LINE_MAX_BYTES) {
            fprintf(stderr, "kg-train-ner: %s:%zu: line too long\n", path, line_no);
            exit(1);
        }
        char *q = le;
        while (q > p && (q[-1] == '\r' || q[-1] == ' ' || q[-1] == '\t'))
            q--;
        int docstart = q - p >= 10 && memcmp(p, "-DOCSTART-", 10) == 0;
        if (q == p || docstart) {
            if (c->n_tok > sent_start) {
                c->sent = grow(c->sent, &c->cap_sent, c->n_sent + 1, sizeof *c->sent);
                c->sent[c->n_sent++] = (sentence){sent_start, c->n_tok};
                to_bilou(c->gold + sent_start, beg + sent_start, c->n_tok - sent_start);
                sent_start = c->n_tok;
            }
            if (docstart || !in_doc) {
                if (c->n_doc)
                    c->doc[c->n_doc - 1].end = c->n_sent;
                c->doc = grow(c->doc, &c->cap_doc, c->n_doc + 1, sizeof *c->doc);
                c->doc[c->n_doc++] = (document){c->n_sent, c->n_sent};
                in_doc = 1;
            }
        } else {
            char *sp = memchr(p, ' ', (size_t)(q - p));
            char *last = q;
            while (last > p && last[-1] != ' ')
                last--;
            if (!sp) {
                fprintf(stderr, "kg-train-ner: %s:%zu: expected token and tag columns\n", path,
                        line_no);
                exit(1);
            }
            c->tok = grow(c->tok, &c->cap_tok, c->n_tok + 1, sizeof *c->tok);
            c->gold = grow(c->gold, &cap_gold, c->n_tok + 1, 1);
            beg = grow(beg, &cap_beg, c->n_tok + 1, 1);
            int b;
            c->tok[c->n_tok] = (kg_str){p, (uint32_t)(sp - p)};
            c->gold[c->n_tok] = (uint8_t)tag_class(last, (size_t)(q - last), &b);
            beg[c->n_tok] = (uint8_t)b;
            c->n_tok++;
        }
        p = le + 1;
    }
    if (c->n_tok > sent_start) {
        c->sent = grow(c->sent, &c->cap_sent, c->n_sent + 1, sizeof *c->sent);
        c->sent[c->n_sent++] = (sentence){sent_start, c->n_tok};
        to_bilou(c->gold + sent_start, beg + sent_start, c->n_tok - sent_start);
    }
    if (c->n_doc)
        c->doc[c->n_doc - 1].end = c->n_sent;
    free(beg);
}

/* Static features never change: computed once, before the first epoch. */
static void prepare(corpus *c, const kg_lexicon *lx)
{
    kg_feat_doc *fd = malloc(sizeof *fd);
    size_t cap_sf = 0, n_sf = 0;
    c->ft = malloc(c->n_tok * sizeof *c->ft);
    c->sf_off = malloc((c->n_tok + 1) * sizeof *c->sf_off);
    if (!fd || !c->ft || !c->sf_off) {
        fprintf(stderr, "kg-train-ner: out of memory\n");
        exit(1);
    }
    kg_feat_doc_init(fd);
    for (size_t d = 0; d < c->n_doc; d++) {
        kg_feat_doc_clear(fd);
        for (size_t s = c->doc[d].begin; s < c->doc[d].end; s++)
            kg_feat_doc_observe(fd, c->tok + c->sent[s].begin, c->sent[s].end - c->sent[s].begin);
        for (size_t s = c->doc[d].begin; s < c->doc[d].end; s++) {
            size_t b = c->sent[s].begin, n = c->sent[s].end - b;
            kg_feat_prepare(c->ft + b, c->tok + b, n, lx, fd);
            for (size_t i = 0; i < n; i++) {
                c->sf = grow(c->sf, &cap_sf, n_sf + KG_FEAT_MAX, sizeof *c->sf);
                c->sf_off[b + i] = n_sf;
                n_sf += kg_feat_static(c->ft + b, n, i, c->sf + n_sf);
            }
        }
    }
    c->sf_off[c->n_tok] = n_sf;
    free(fd);
}

/* ---- the perceptron --------------------------------------------------- */

typedef struct pslot {
    uint64_t key;
    uint32_t row;
} pslot;

typedef struct model {
    pslot *tab;
    size_t mask, used;
    float *w;  /* rows x labels: current weights */
    double *u; /* rows x labels: sum of step * update, for averaging */
    size_t rows, cap_rows;
    double step;
} model;

static void model_rehash(model *m)
{
    size_t cap = m->tab ? (m->mask + 1) * 2 : 1u << 20;
    pslot *t = calloc(cap, sizeof *t);
    if (!t) {
        fprintf(stderr, "kg-train-ner: out of memory\n");
        exit(1);
    }
    for (size_t i = 0; m->tab && i <= m->mask; i++) {
        if (!m->tab[i].key)
            continue;
        size_t j = (size_t)(m->tab[i].key >> 17) & (cap - 1);
        while (t[j].key)
            j = (j + 1) & (cap - 1);
        t[j] = m->tab[i];
    }
    free(m->tab);
    m->tab = t;
    m->mask = cap - 1;
}

static long model_find(model *m, uint64_t key, int create)
{
    size_t i = (size_t)(key >> 17) & m->mask;
    while (m->tab[i].key) {
        if (m->tab[i].key == key)
            return m->tab[i].row;
        i = (i + 1) & m->mask;
    }
    if (!create)
        return -1;
    if ((m->used + 1) * 2 > m->mask + 1) {
        model_rehash(m);
        return model_find(m, key, 1);
    }
    size_t cap_w = m->cap_rows;
    m->w = grow(m->w, &cap_w, (m->rows + 1) * KG_NER_LABELS, sizeof *m->w);
    m->u = grow(m->u, &m->cap_rows, (m->rows + 1) * KG_NER_LABELS, sizeof *m->u);
    memset(m->w + m->rows * KG_NER_LABELS, 0, KG_NER_LABELS * sizeof *m->w);
    memset(m->u + m->rows * KG_NER_LABELS, 0, KG_NER_LABELS * sizeof *m->u);
    m->tab[i].key = key;
    m->tab[i].row = (uint32_t)m->rows;
    m->used++;
    return (long)m->rows++;
}

static void model_update(model *m, const uint64_t *f, size_t k, int gold, int pred)
{
    for (size_t j = 0; j < k; j++) {
        long r = model_find(m, f[j], 1);
        float *w = m->w + (size_t)r * KG_NER_LABELS;
        double *u = m->u + (size_t)r * KG_NER_LABELS;
        w[gold] += 1;
        w[pred] -= 1;
        u[gold] += m->step;
        u[pred] -= m->step;
    }
}

static uint64_t rng_next(uint64_t *s)
{
    /* xorshift64*: deterministic, and good enough to shuffle documents. */
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 0x2545F4914F6CDD1DULL;
}

static void train(model *m, corpus *c, int epochs, uint64_t seed)
{
    size_t *order = malloc(c->n_doc * sizeof *order);
    uint8_t *y = malloc(c->n_tok + 1);
    kg_feat_doc *fd = malloc(sizeof *fd);
    if (!order || !y || !fd) {
        fprintf(stderr, "kg-train-ner: out of memory\n");
        exit(1);
    }
    kg_feat_doc_init(fd);
    for (size_t d = 0; d < c->n_doc; d++)
        order[d] = d;
    uint64_t rng = seed ? seed : 1;
    m->step = 1;
    for (int e = 0; e < epochs; e++) {
        for (size_t d = c->n_doc; d > 1; d--) {
            size_t j = (size_t)(rng_next(&rng) % d);
            size_t t = order[d - 1];
            order[d - 1] = order[j];
            order[j] = t;
        }
        size_t wrong = 0;
        for (size_t di = 0; di < c->n_doc; di++) {
            const document *doc = &c->doc[order[di]];
            kg_feat_doc_clear(fd);
            for (size_t s = doc->begin; s < doc->end; s++) {
                size_t b = c->sent[s].begin, n = c->sent[s].end - b;
                uint8_t *ys = y + b;
                for (size_t i = 0; i < n; i++) {
                    uint64_t f[KG_FEAT_MAX * 2];
                    size_t k = c->sf_off[b + i + 1] - c->sf_off[b + i];
                    memcpy(f, c->sf + c->sf_off[b + i], k * sizeof *f);
                    k += kg_feat_dynamic(c->ft + b, n, i, ys, fd, f + k);
                    float sc[KG_NER_LABELS] = {0};
                    for (size_t j = 0; j < k; j++) {
                        long r = model_find(m, f[j], 0);
                        if (r >= 0)
                            for (int l = 0; l < KG_NER_LABELS; l++)
                                sc[l] += m->w[(size_t)r * KG_NER_LABELS + l];
                    }
                    int prev = i ? ys[i - 1] : -1, best = -1;
                    for (int l = 0; l < KG_NER_LABELS; l++)
                        if (kg_label_allowed(prev, l, i + 1 == n) && (best < 0 || sc[l] > sc[best]))
                            best = l;
                    int gold = c->gold[b + i];
                    if (best != gold) {
                        wrong++;
                        model_update(m, f, k, gold, best);
                    }
                    ys[i] = (uint8_t)best;
                    kg_feat_doc_remember(fd, &c->ft[b + i], kg_label_class(best));
                    m->step += 1;
                }
            }
        }
        fprintf(stderr, "kg-train-ner: epoch %d: %zu of %zu tokens wrong (%.2f%%), %zu rows\n",
                e + 1, wrong, c->n_tok, 100.0 * (double)wrong / (double)c->n_tok, m->rows);
    }
    free(order);
    free(y);
    free(fd);
}

/* ---- writing ---------------------------------------------------------- */

static void put32(FILE *f, uint32_t v)
{
    unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    fwrite(b, 1, 4, f);
}

static int cmp_slot(const void *a, const void *b)
{
    uint64_t x = ((const pslot *)a)->key, y = ((const pslot *)b)->key;
    return x < y ? -1 : x > y;
}

/* Averages in place: w <- w - u / steps (the mean weight over all steps). */
static void model_average(model *m)
{
    for (size_t i = 0; i < m->rows * KG_NER_LABELS; i++)
        m->w[i] = (float)((double)m->w[i] - m->u[i] / m->step);
}

/* into += from / k, row by row (bagging: the mean of k averaged models). */
static void model_add(model *into, const model *from, int k)
{
    for (size_t i = 0; i <= from->mask; i++) {
        if (!from->tab[i].key)
            continue;
        long r = model_find(into, from->tab[i].key, 1);
        for (int l = 0; l < KG_NER_LABELS; l++)
            into->w[(size_t)r * KG_NER_LABELS + l] +=
                from->w[(size_t)from->tab[i].row * KG_NER_LABELS + l] / (float)k;
    }
}

static void model_free(model *m)
{
    free(m->tab);
    free(m->w);
    free(m->u);
    memset(m, 0, sizeof *m);
}

static void write_model(model *m, const char *path, int prune)
{
    float maxabs = 0;
    for (size_t i = 0; i < m->rows * KG_NER_LABELS; i++)
        if (fabsf(m->w[i]) > maxabs)
            maxabs = fabsf(m->w[i]);
    float scale = maxabs > 0 ? maxabs / 32767.0f : 1.0f;
    pslot *rows = malloc(m->used * sizeof *rows);
    size_t n = 0;
    for (size_t i = 0; i <= m->mask; i++)
        if (m->tab[i].key)
            rows[n++] = m->tab[i];
    qsort(rows, n, sizeof *rows, cmp_slot);

    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        fprintf(stderr, "kg-train-ner: %s: %s\n", tmp, strerror(errno));
        exit(1);
    }
    fwrite(KG_MODEL_MAGIC, 1, 8, f);
    put32(f, KG_FEAT_VERSION);
    put32(f, KG_NER_LABELS);
    long count_pos = ftell(f);
    put32(f, 0);
    uint32_t sbits;
    memcpy(&sbits, &scale, sizeof sbits);
    put32(f, sbits);
    uint32_t kept = 0;
    size_t weights = 0;
    for (size_t r = 0; r < n; r++) {
        const float *w = m->w + (size_t)rows[r].row * KG_NER_LABELS;
        int16_t q[KG_NER_LABELS];
        uint32_t mask = 0;
        for (int l = 0; l < KG_NER_LABELS; l++) {
            long v = lrintf(w[l] / scale);
            q[l] = (int16_t)v;
            if (labs(v) > prune)
                mask |= 1u << l;
        }
        if (!mask)
            continue;
        put32(f, (uint32_t)rows[r].key);
        put32(f, (uint32_t)(rows[r].key >> 32));
        put32(f, mask);
        for (int l = 0; l < KG_NER_LABELS; l++) {
            if (mask & (1u << l)) {
                unsigned char b[2] = {(unsigned char)(uint16_t)q[l],
                                      (unsigned char)((uint16_t)q[l] >> 8)};
                fwrite(b, 1, 2, f);
                weights++;
            }
        }
        kept++;
    }
    fseek(f, count_pos, SEEK_SET);
    put32(f, kept);
    if (fclose(f) != 0 || rename(tmp, path) != 0) {
        fprintf(stderr, "kg-train-ner: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    fprintf(stderr, "kg-train-ner: wrote %s: %u of %zu rows, %zu weights\n", path, (unsigned)kept,
            n, weights);
    free(rows);
}

/* ---- main ------------------------------------------------------------- */

static void usage(FILE *f)
{
    fprintf(f,
            "Usage: kg-train-ner --train FILE -o MODEL [--epochs N] [--seed N] [--prune Q]\n"
            "                    [--no-lexicon]\n\n"
            "Trains the kg NER tagger on a CoNLL-2003 file (token first column, tag last)\n"
            "and writes the model. Deterministic: the same inputs give the same bytes.\n\n"
            "  --train FILE   training data (CoNLL-2003 train.txt)\n"
            "  -o MODEL       model file to write (src/models/ner.model)\n"
            "  --epochs N     passes over the data (default %d)\n"
            "  --seed N       seed of the document shuffle (default %llu)\n"
            "  --prune Q      drop weights of at most Q quantisation steps (default 0)\n"
            "  --no-lexicon   train without lexicon features\n",
            EPOCHS_DEFAULT, (unsigned long long)SEED_DEFAULT);
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {{"train", required_argument, NULL, 't'},
                                         {"output", required_argument, NULL, 'o'},
                                         {"epochs", required_argument, NULL, 'e'},
                                         {"seed", required_argument, NULL, 's'},
                                         {"prune", required_argument, NULL, 'p'},
                                         {"no-lexicon", no_argument, NULL, 'L'},
                                         {"bags", required_argument, NULL, 'b'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *train_path = NULL, *out = NULL;
    int epochs = EPOCHS_DEFAULT, prune = 0, use_lex = 1, bags = BAGS_DEFAULT, opt;
    uint64_t seed = SEED_DEFAULT;
    while ((opt = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
        switch (opt) {
        case 't':
            train_path = optarg;
            break;
        case 'o':
            out = optarg;
            break;
        case 'e':
            epochs = atoi(optarg);
            break;
        case 's':
            seed = strtoull(optarg, NULL, 10);
            break;
        case 'p':
            prune = atoi(optarg);
            break;
        case 'L':
            use_lex = 0;
            break;
        case 'b':
            bags = atoi(optarg);
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (!train_path || !out || epochs < 1 || prune < 0 || bags < 1) {
        usage(stderr);
        return 2;
    }
    const kg_lexicon *lx = NULL;
    if (use_lex && !(lx = kg_lexicon_builtin())) {
        fprintf(stderr, "kg-train-ner: lexicon: %s\n", kg_error_last());
        return 1;
    }
    corpus c = {0};
    read_corpus(&c, train_path);
    fprintf(stderr, "kg-train-ner: %zu documents, %zu sentences, %zu tokens\n", c.n_doc, c.n_sent,
            c.n_tok);
    prepare(&c, lx);
    /* Bagging over document orders: k models, one per seed, averaged. */
    model m = {0};
    model_rehash(&m);
    for (int b = 0; b < bags; b++) {
        model one = {0};
        model_rehash(&one);
        train(&one, &c, epochs, seed + (uint64_t)b);
        model_average(&one);
        model_add(&m, &one, bags);
        model_free(&one);
    }
    write_model(&m, out, prune);
    model_free(&m);
    free(c.text);
    free(c.tok);
    free(c.gold);
    free(c.sent);
    free(c.doc);
    free(c.ft);
    free(c.sf);
    free(c.sf_off);
    return 0;
}
