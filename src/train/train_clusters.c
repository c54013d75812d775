/*
 * train_clusters.c - kg-train-clusters: word clusters for the NER tagger,
 * learnt from unlabelled news (Reuters-21578, JSON Lines) and written to
 * src/models/clusters.tsv.
 *
 * Why: the tagger sees each CoNLL training word a few times at most; a
 * cluster id shared by words that occur in similar contexts ("Thursday"
 * with "Friday", "Exxon" with "Texaco") lets what it learnt about one carry
 * over to the others, including words it never saw labelled.
 *
 * How (a cheap stand-in for Brown clusters): each word of frequency >=
 * MIN_FREQ gets a context vector of the words just before and after it
 * (the CONTEXT_WORDS most frequent words, the rest folded into a few shape
 * classes), weighted by positive pointwise mutual information and
 * normalised; spherical k-means then groups them at three granularities.
 * Tokens come from kg_segment(), so they look like the tagger's. Digits
 * are folded to 0 as the tagger does. Deterministic: fixed seeds, sorted
 * output.
 *
 * Usage: kg-train-clusters --input reuters21578.jsonl [--conll train.txt]
 *                          -o clusters.tsv
 * (--conll adds the tokens of the tagger's training file, without labels).
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "kg/doc.h"
#include "kg/error.h"
#include "kg/segment.h"
#include "util.h"

/* Words seen fewer times have too thin a context to place. */
#define MIN_FREQ 3
/* Context dimensions per side: the most frequent words... */
#define CONTEXT_WORDS 2000
/* ...plus one bucket per shape of the rest (Xx, x, X, d, other). */
#define CONTEXT_SHAPES 5
#define DIM (2 * (CONTEXT_WORDS + CONTEXT_SHAPES))
/* Cluster counts, coarse to fine (each a feature of its own). */
static const int granularity[] = {64, 256, 1024};
#define N_GRAN 3
#define KMEANS_ITERS 12
/* A token longer than this is junk for clustering purposes. */
#define WORD_MAX 64
/* Boundary marker in the token stream (sentence start/end). */
#define BOUNDARY UINT32_MAX

/* ---- vocabulary (open addressing over interned strings) ---------------- */

typedef struct vocab {
    char **word;
    uint32_t *freq;
    size_t n, cap;
    uint32_t *slot; /* index + 1, 0 = empty */
    size_t mask;
} vocab;

static void die(const char *what)
{
    fprintf(stderr, "kg-train-clusters: %s\n", what);
    exit(1);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p)
        die("out of memory");
    return p;
}

static void vocab_grow(vocab *v)
{
    size_t cap = v->slot ? (v->mask + 1) * 2 : 1u << 16;
    uint32_t *s = calloc(cap, sizeof *s);
    if (!s)
        die("out of memory");
    for (size_t i = 0; i < v->n; i++) {
        size_t j = (size_t)kg_hash64(v->word[i], strlen(v->word[i])) & (cap - 1);
        while (s[j])
            j = (j + 1) & (cap - 1);
        s[j] = (uint32_t)i + 1;
    }
    free(v->slot);
    v->slot = s;
    v->mask = cap - 1;
}

static uint32_t vocab_add(vocab *v, const char *w, size_t len)
{
    if (!v->slot || (v->n + 1) * 2 > v->mask + 1)
        vocab_grow(v);
    size_t j = (size_t)kg_hash64(w, len) & v->mask;
    while (v->slot[j]) {
        const char *x = v->word[v->slot[j] - 1];
        if (strlen(x) == len && memcmp(x, w, len) == 0) {
            v->freq[v->slot[j] - 1]++;
            return v->slot[j] - 1;
        }
        j = (j + 1) & v->mask;
    }
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 65536;
        v->word = xrealloc(v->word, v->cap * sizeof *v->word);
        v->freq = xrealloc(v->freq, v->cap * sizeof *v->freq);
    }
    char *copy = xmalloc(len + 1);
    memcpy(copy, w, len);
    copy[len] = '\0';
    v->word[v->n] = copy;
    v->freq[v->n] = 1;
    v->slot[j] = (uint32_t)v->n + 1;
    return (uint32_t)v->n++;
}

static int shape_class(const char *w)
{
    unsigned char c = (unsigned char)w[0];
    int has_lower = 0;
    for (const char *p = w; *p; p++)
        has_lower |= *p >= 'a' && *p <= 'z';
    if (c >= 'A' && c <= 'Z')
        return has_lower ? 0 : 2;
    if (c >= 'a' && c <= 'z')
        return 1;
    if (c >= '0' && c <= '9')
        return 3;
    return 4;
}

/* ---- reading ---------------------------------------------------------- */

static void read_stream(const char *path, vocab *v, uint32_t **stream, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "kg-train-clusters: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    char *line = NULL;
    size_t cap = 0, scap = 0, line_no = 0;
    ssize_t got;
    while ((got = getline(&line, &cap, f)) != -1) {
        line_no++;
        cJSON *j = cJSON_ParseWithLength(line, (size_t)got);
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(j, "text");
        kg_doc *d = NULL;
        if (!cJSON_IsString(t) || kg_doc_new(&d, t->valuestring, strlen(t->valuestring), NULL) ||
            kg_segment(d)) {
            fprintf(stderr, "kg-train-clusters: %s:%zu: skipped\n", path, line_no);
            cJSON_Delete(j);
            kg_doc_free(d);
            continue;
        }
        for (size_t s = 0; s < d->n_sentences; s++) {
            if (*n + (d->sentences[s].tok_end - d->sentences[s].tok_begin) + 2 > scap) {
                scap = (scap + d->n_tokens + 2) * 2;
                *stream = xrealloc(*stream, scap * sizeof **stream);
            }
            (*stream)[(*n)++] = BOUNDARY;
            for (uint32_t k = d->sentences[s].tok_begin; k < d->sentences[s].tok_end; k++) {
                char w[WORD_MAX];
                size_t len = d->tokens[k].end - d->tokens[k].start;
                if (len > WORD_MAX)
                    len = WORD_MAX;
                for (size_t q = 0; q < len; q++) {
                    char c = d->text[d->tokens[k].start + q];
                    w[q] = c >= '0' && c <= '9' ? '0' : c;
                }
                (*stream)[(*n)++] = vocab_add(v, w, len);
            }
        }
        kg_doc_free(d);
        cJSON_Delete(j);
    }
    free(line);
    fclose(f);
    *stream = xrealloc(*stream, (*n + 1) * sizeof **stream);
    (*stream)[(*n)++] = BOUNDARY;
}

/* Adds the tokens (first column) of a CoNLL file: the tagger's own
 * training text, unlabelled use. */
static void read_conll(const char *path, vocab *v, uint32_t **stream, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "kg-train-clusters: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    char *line = NULL;
    size_t cap = 0, scap = *n;
    ssize_t got;
    while ((got = getline(&line, &cap, f)) != -1) {
        size_t len = 0;
        while (len < (size_t)got && line[len] != ' ' && line[len] != '\t' && line[len] != '\n' &&
               line[len] != '\r')
            len++;
        if (*n + 2 > scap) {
            scap = (scap + 1024) * 2;
            *stream = xrealloc(*stream, scap * sizeof **stream);
        }
        if (len == 0 || (len == 10 && memcmp(line, "-DOCSTART-", 10) == 0)) {
            (*stream)[(*n)++] = BOUNDARY;
            continue;
        }
        if (len > WORD_MAX)
            len = WORD_MAX;
        for (size_t q = 0; q < len; q++)
            if (line[q] >= '0' && line[q] <= '9')
                line[q] = '0';
        (*stream)[(*n)++] = vocab_add(v, line, len);
    }
    free(line);
    fclose(f);
}

/* ---- vectors and k-means ---------------------------------------------- */

typedef struct sparse {
    uint32_t *dim;
    float *val;
    size_t n;
} sparse;

static uint32_t *g_freq;
static int by_freq(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    if (g_freq[x] != g_freq[y])
        return g_freq[x] > g_freq[y] ? -1 : 1;
    return x < y ? -1 : x > y;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static uint64_t rng_next(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 0x2545F4914F6CDD1DULL;
}

/* Spherical k-means: assign[w] in [0, k). */
static void kmeans(const sparse *x, size_t n, int k, uint64_t seed, uint16_t *assign)
{
    float *c = xmalloc((size_t)DIM * (size_t)k * sizeof *c); /* c[d * k + j] */
    float *score = xmalloc((size_t)k * sizeof *score);
    memset(c, 0, (size_t)DIM * (size_t)k * sizeof *c);
    /* Seeds: k distinct words drawn with a fixed generator. */
    uint64_t rng = seed;
    uint8_t *used = calloc(n, 1);
    for (int j = 0; j < k; j++) {
        size_t w;
        do
            w = (size_t)(rng_next(&rng) % n);
        while (used[w]);
        used[w] = 1;
        for (size_t q = 0; q < x[w].n; q++)
            c[(size_t)x[w].dim[q] * (size_t)k + (size_t)j] = x[w].val[q];
    }
    free(used);
    for (int it = 0; it < KMEANS_ITERS; it++) {
        size_t moved = 0;
        for (size_t w = 0; w < n; w++) {
            memset(score, 0, (size_t)k * sizeof *score);
            for (size_t q = 0; q < x[w].n; q++) {
                const float *row = c + (size_t)x[w].dim[q] * (size_t)k;
                float v = x[w].val[q];
                for (int j = 0; j < k; j++)
                    score[j] += v * row[j];
            }
            int best = 0;
            for (int j = 1; j < k; j++)
                if (score[j] > score[best])
                    best = j;
            if (it == 0 || assign[w] != best)
                moved++;
            assign[w] = (uint16_t)best;
        }
        /* New centroids: normalised sums of their members. */
        memset(c, 0, (size_t)DIM * (size_t)k * sizeof *c);
        for (size_t w = 0; w < n; w++)
            for (size_t q = 0; q < x[w].n; q++)
                c[(size_t)x[w].dim[q] * (size_t)k + assign[w]] += x[w].val[q];
        double *norm = calloc((size_t)k, sizeof *norm);
        for (size_t d = 0; d < DIM; d++)
            for (int j = 0; j < k; j++)
                norm[j] += (double)c[d * (size_t)k + (size_t)j] * c[d * (size_t)k + (size_t)j];
        for (size_t d = 0; d < DIM; d++)
            for (int j = 0; j < k; j++)
                if (norm[j] > 0)
                    c[d * (size_t)k + (size_t)j] /= (float)sqrt(norm[j]);
        free(norm);
        fprintf(stderr, "kg-train-clusters: k=%d iteration %d: %zu words moved\n", k, it + 1,
                moved);
        if (moved == 0)
            break;
    }
    free(c);
    free(score);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {{"input", required_argument, NULL, 'i'},
                                         {"conll", required_argument, NULL, 'c'},
                                         {"output", required_argument, NULL, 'o'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *in = NULL, *out = NULL, *conll = NULL;
    int opt;
    while ((opt = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
        switch (opt) {
        case 'i':
            in = optarg;
            break;
        case 'c':
            conll = optarg;
            break;
        case 'o':
            out = optarg;
            break;
        case 'h':
            printf("Usage: kg-train-clusters --input NEWS.jsonl [--conll TRAIN] -o clusters.tsv\n");
            return 0;
        default:
            return 2;
        }
    }
    if (!in || !out) {
        fprintf(stderr,
                "Usage: kg-train-clusters --input NEWS.jsonl [--conll TRAIN] -o clusters.tsv\n");
        return 2;
    }
    vocab v = {0};
    uint32_t *stream = NULL;
    size_t n = 0;
    read_stream(in, &v, &stream, &n);
    if (conll)
        read_conll(conll, &v, &stream, &n);

    /* Context dimensions: the most frequent words. */
    uint32_t *order = xmalloc(v.n * sizeof *order);
    for (size_t i = 0; i < v.n; i++)
        order[i] = (uint32_t)i;
    g_freq = v.freq;
    qsort(order, v.n, sizeof *order, by_freq);
    int32_t *ctx = xmalloc(v.n * sizeof *ctx);
    int32_t *row = xmalloc(v.n * sizeof *row);
    size_t n_rows = 0;
    for (size_t r = 0; r < v.n; r++) {
        uint32_t w = order[r];
        ctx[w] = r < CONTEXT_WORDS ? (int32_t)r : CONTEXT_WORDS + shape_class(v.word[w]);
        row[w] = v.freq[w] >= MIN_FREQ ? (int32_t)n_rows++ : -1;
    }
    fprintf(stderr, "kg-train-clusters: %zu tokens, %zu types, %zu clustered\n", n, v.n, n_rows);

    /* (row, dim) pairs of every occurrence, sorted and counted. */
    uint64_t *pair = xmalloc(2 * n * sizeof *pair);
    size_t np = 0;
    for (size_t i = 0; i < n; i++) {
        if (stream[i] == BOUNDARY || row[stream[i]] < 0)
            continue;
        uint64_t r = (uint64_t)row[stream[i]] << 32;
        uint32_t left = i > 0 && stream[i - 1] != BOUNDARY ? (uint32_t)ctx[stream[i - 1]]
                                                           : CONTEXT_WORDS + CONTEXT_SHAPES - 1;
        uint32_t right = i + 1 < n && stream[i + 1] != BOUNDARY
                             ? (uint32_t)ctx[stream[i + 1]]
                             : CONTEXT_WORDS + CONTEXT_SHAPES - 1;
        pair[np++] = r | left;
        pair[np++] = r | (CONTEXT_WORDS + CONTEXT_SHAPES + right);
    }
    qsort(pair, np, sizeof *pair, cmp_u64);
    double *dimc = calloc(DIM, sizeof *dimc);
    double *rowc = calloc(n_rows, sizeof *rowc);
    for (size_t i = 0; i < np; i++) {
        dimc[pair[i] & 0xffffffffu]++;
        rowc[pair[i] >> 32]++;
    }
    sparse *x = calloc(n_rows, sizeof *x);
    for (size_t i = 0; i < np;) {
        size_t j = i;
        while (j < np && pair[j] == pair[i])
            j++;
        uint32_t r = (uint32_t)(pair[i] >> 32), d = (uint32_t)pair[i];
        double pmi = log((double)(j - i) * (double)np / (rowc[r] * dimc[d]));
        if (pmi > 0) {
            sparse *s = &x[r];
            if ((s->n & (s->n - 1)) == 0 || s->n == 0) {
                size_t cap = s->n ? s->n * 2 : 4;
                s->dim = xrealloc(s->dim, cap * sizeof *s->dim);
                s->val = xrealloc(s->val, cap * sizeof *s->val);
            }
            s->dim[s->n] = d;
            s->val[s->n++] = (float)pmi;
        }
        i = j;
    }
    for (size_t r = 0; r < n_rows; r++) {
        double norm = 0;
        for (size_t q = 0; q < x[r].n; q++)
            norm += (double)x[r].val[q] * x[r].val[q];
        for (size_t q = 0; q < x[r].n; q++)
            x[r].val[q] /= (float)sqrt(norm > 0 ? norm : 1);
    }
    uint16_t *assign = xmalloc(N_GRAN * n_rows * sizeof *assign);
    for (int g = 0; g < N_GRAN; g++)
        kmeans(x, n_rows, granularity[g], 0x5eed0000ULL + (uint64_t)g, assign + g * n_rows);

    /* Output sorted by word. */
    char **words = xmalloc(n_rows * sizeof *words);
    for (size_t w = 0, k = 0; w < v.n; w++)
        if (row[w] >= 0)
            words[k++] = v.word[w];
    qsort(words, n_rows, sizeof *words, cmp_str);
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", out);
    FILE *f = fopen(tmp, "wb");
    if (!f)
        die("cannot write the output");
    fprintf(f,
            "# clusters.tsv - word clusters for the NER tagger (src/ner_features.c).\n"
            "# Generated by kg-train-clusters from Reuters-21578 (src/models/README.md);\n"
            "# do not edit. Columns: word (digits as 0), then its cluster among %d,\n"
            "# %d and %d.\n",
            granularity[0], granularity[1], granularity[2]);
    for (size_t i = 0; i < n_rows; i++) {
        /* Find the row of this word again through the vocabulary. */
        size_t len = strlen(words[i]);
        size_t j = (size_t)kg_hash64(words[i], len) & v.mask;
        while (strcmp(v.word[v.slot[j] - 1], words[i]) != 0)
            j = (j + 1) & v.mask;
        int32_t r = row[v.slot[j] - 1];
        /* Tabs and newlines cannot occur in tokens; keep the file simple. */
        fprintf(f, "%s\t%u\t%u\t%u\n", words[i], assign[r], assign[n_rows + (size_t)r],
                assign[2 * n_rows + (size_t)r]);
    }
    if (fclose(f) != 0 || rename(tmp, out) != 0)
        die("cannot write the output");
    fprintf(stderr, "kg-train-clusters: wrote %s (%zu words)\n", out, n_rows);
    for (size_t r = 0; r < n_rows; r++) {
        free(x[r].dim);
        free(x[r].val);
    }
    for (size_t w = 0; w < v.n; w++)
        free(v.word[w]);
    free(v.word);
    free(v.freq);
    free(v.slot);
    free(x);
    free(words);
    free(assign);
    free(pair);
    free(dimc);
    free(rowc);
    free(order);
    free(ctx);
    free(row);
    free(stream);
    return 0;
}
