/*
 * bench_lexicon.c - speed of kg_lexicon_match(), the call the tagger makes
 * at every token, and of building the built-in lexicon.
 *
 *   bench_lexicon CONLL_FILE [ROUNDS]
 *
 * Reads the tokens of a CoNLL file (first column; blank lines end
 * sentences), then matches at every token position of every sentence
 * ROUNDS times (default 20) and prints lookups per second and how many
 * positions matched.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kg/lexicon.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_lexicon CONLL_FILE [ROUNDS]\n");
        return 2;
    }
    int rounds = argc > 2 ? atoi(argv[2]) : 20;
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    /* all tokens in one array; sentence starts in another */
    size_t cap = 1 << 16, n = 0, scap = 1 << 12, ns = 0;
    kg_str *toks = malloc(cap * sizeof *toks);
    size_t *sent = malloc(scap * sizeof *sent);
    char *line = NULL;
    size_t lcap = 0;
    if (!toks || !sent)
        return 1;
    sent[ns++] = 0;
    while (getline(&line, &lcap, f) > 0) {
        char *sp = strpbrk(line, " \t\n");
        size_t len = sp ? (size_t)(sp - line) : strlen(line);
        if (len == 0 || strncmp(line, "-DOCSTART-", 10) == 0) {
            if (sent[ns - 1] != n) {
                if (ns == scap && !(sent = realloc(sent, (scap *= 2) * sizeof *sent)))
                    return 1;
                sent[ns++] = n;
            }
            continue;
        }
        if (n == cap && !(toks = realloc(toks, (cap *= 2) * sizeof *toks)))
            return 1;
        toks[n].s = strndup(line, len);
        toks[n].len = (uint32_t)len;
        n++;
    }
    free(line);
    fclose(f);
    if (sent[ns - 1] != n)
        sent[ns++] = n;

    double t0 = now();
    const kg_lexicon *lx = kg_lexicon_builtin();
    double t_build = now() - t0;
    if (!lx) {
        fprintf(stderr, "lexicon failed to build\n");
        return 1;
    }

    size_t hits = 0, lookups = 0;
    kg_lex_match m[4];
    t0 = now();
    for (int r = 0; r < rounds; r++) {
        for (size_t s = 0; s + 1 < ns; s++) {
            size_t b = sent[s], e = sent[s + 1];
            for (size_t i = b; i < e; i++) {
                hits += kg_lexicon_match(lx, toks + b, e - b, i - b, m, 4) > 0;
                lookups++;
            }
        }
    }
    double t = now() - t0;
    printf("entries %zu, build %.1f ms\n", kg_lexicon_count(lx), t_build * 1e3);
    printf("%zu tokens x %d rounds: %.1f M lookups/s, %.1f%% of positions matched\n", n, rounds,
           (double)lookups / t / 1e6, 100.0 * (double)hits / (double)lookups);
    for (size_t i = 0; i < n; i++)
        free((void *)toks[i].s);
    free(toks);
    free(sent);
    return 0;
}
