/*
 * bench_tag.c - tagging speed of the NER tagger in tokens per second.
 *
 * Reads a CoNLL file (the CoNLL-2003 dev set from ../shared/data: never
 * committed) into memory, then tags every document RUNS times exactly as
 * `kg tag --conll` does (observe pass + tagging pass with the builtin
 * lexicon) and prints the median. File reading and output formatting are
 * outside the timed region: this measures the tagger, features and
 * lexicon look-ups. One thread; rates are tokens per second of CPU time.
 *
 * Usage: bench_tag FILE [RUNS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kg/error.h"
#include "kg/lexicon.h"
#include "kg/recognize.h"

#define RUNS_DEFAULT 5
#define RUNS_MAX 101

typedef struct span {
    size_t begin, end;
} span;

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p) {
        fprintf(stderr, "bench_tag: out of memory\n");
        exit(1);
    }
    return p;
}

static double now(void)
{
    struct timespec ts;
    /* CPU time of this process: the machine is shared, and waiting for a
     * core is not the tagger's cost. */
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_tag FILE [RUNS]\n");
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : RUNS_DEFAULT;
    if (runs < 1 || runs > RUNS_MAX)
        runs = RUNS_DEFAULT;
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    char *text = NULL;
    size_t len = 0, cap = 0, got;
    char chunk[65536];
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (len + got + 1 > cap) {
            cap = (len + got + 1) * 2;
            text = xrealloc(text, cap);
        }
        memcpy(text + len, chunk, got);
        len += got;
    }
    fclose(f);

    /* Tokens, sentences (runs of tokens) and documents (runs of sentences). */
    kg_str *tok = NULL;
    span *sent = NULL, *doc = NULL;
    size_t n_tok = 0, n_sent = 0, n_doc = 0, cap_tok = 0, cap_sent = 0, cap_doc = 0;
    size_t sent_begin = 0;
    for (size_t p = 0; p < len;) {
        char *nl = memchr(text + p, '\n', len - p);
        size_t e = nl ? (size_t)(nl - text) : len;
        size_t a = p, b;
        while (a < e && (text[a] == ' ' || text[a] == '\t'))
            a++;
        b = a;
        while (b < e && text[b] != ' ' && text[b] != '\t' && text[b] != '\r')
            b++;
        int docstart = b - a == 10 && memcmp(text + a, "-DOCSTART-", 10) == 0;
        if (b == a || docstart) {
            if (n_tok > sent_begin) {
                if (n_sent == cap_sent)
                    sent = xrealloc(sent, (cap_sent = cap_sent * 2 + 64) * sizeof *sent);
                sent[n_sent++] = (span){sent_begin, n_tok};
                sent_begin = n_tok;
            }
            if (docstart || n_doc == 0) {
                if (n_doc)
                    doc[n_doc - 1].end = n_sent;
                if (n_doc == cap_doc)
                    doc = xrealloc(doc, (cap_doc = cap_doc * 2 + 64) * sizeof *doc);
                doc[n_doc++] = (span){n_sent, n_sent};
            }
        } else {
            if (n_tok == cap_tok)
                tok = xrealloc(tok, (cap_tok = cap_tok * 2 + 1024) * sizeof *tok);
            tok[n_tok++] = (kg_str){text + a, (uint32_t)(b - a)};
        }
        p = e + 1;
    }
    if (n_tok > sent_begin) {
        if (n_sent == cap_sent)
            sent = xrealloc(sent, (cap_sent = cap_sent * 2 + 64) * sizeof *sent);
        sent[n_sent++] = (span){sent_begin, n_tok};
    }
    if (n_doc)
        doc[n_doc - 1].end = n_sent;

    const kg_lexicon *lx = kg_lexicon_builtin();
    const kg_tagger *tg = kg_tagger_builtin();
    kg_tag_state *st = NULL;
    if (!lx || !tg || kg_tag_state_new(&st)) {
        fprintf(stderr, "bench_tag: %s\n", kg_error_last());
        return 1;
    }
    kg_ner *cls = xrealloc(NULL, (n_tok + 1) * sizeof *cls);
    uint8_t *begin = xrealloc(NULL, n_tok + 1);
    double rate[RUNS_MAX];
    size_t entities = 0;
    for (int r = 0; r < runs; r++) {
        double t0 = now();
        for (size_t d = 0; d < n_doc; d++) {
            kg_tag_state_reset(st);
            for (size_t s = doc[d].begin; s < doc[d].end; s++)
                kg_tag_state_observe(st, tok + sent[s].begin, sent[s].end - sent[s].begin);
            for (size_t s = doc[d].begin; s < doc[d].end; s++)
                kg_tagger_tag(tg, lx, st, tok + sent[s].begin, sent[s].end - sent[s].begin,
                              cls + sent[s].begin, begin + sent[s].begin);
        }
        rate[r] = (double)n_tok / (now() - t0);
        entities = 0;
        for (size_t i = 0; i < n_tok; i++)
            entities += begin[i];
    }
    qsort(rate, (size_t)runs, sizeof *rate, cmp_double);
    printf("bench_tag: %zu documents, %zu sentences, %zu tokens, %zu entities\n", n_doc, n_sent,
           n_tok, entities);
    printf("bench_tag: median of %d runs: %.0f tokens/s (min %.0f, max %.0f)\n", runs,
           rate[runs / 2], rate[0], rate[runs - 1]);
    kg_tag_state_free(st);
    free(cls);
    free(begin);
    free(tok);
    free(sent);
    free(doc);
    free(text);
    return 0;
}
