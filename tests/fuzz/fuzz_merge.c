/*
 * fuzz_merge.c - fuzzes the merge rules (kg/graph.h): commutativity,
 * associativity and idempotence, byte for byte.
 *
 * The input is two or three graph documents separated by NUL bytes (a
 * document never contains NUL, so any JSON-looking seed splits cleanly).
 * Every part must parse or the input is dropped. Then, with fresh graphs:
 *   A+B == B+A                       (commutative)
 *   (A+B)+(A+B) == A+B               (idempotent)
 *   (A+B)+C == A+(B+C)               (associative, with a third part)
 * where X+Y is a fresh graph into which X then Y are merged. The evidence
 * limit of the fresh graphs varies with the input size so that trimming is
 * exercised too.
 */
#include "fuzz_common.h"

#include "kg/error.h"
#include "kg/graph.h"

#include <string.h>

#define FUZZ_MERGE_MAX_INPUT (256 * 1024)
#define FUZZ_MERGE_MAX_PARTS 3

/* A fresh graph holding the merge of the given graphs, in order. */
static kg_graph *merged(size_t limit, const kg_graph *const *parts, size_t n)
{
    kg_graph *g = NULL;
    FUZZ_CHECK(kg_graph_new(&g) == 0);
    FUZZ_CHECK(kg_graph_set_evidence_limit(g, limit) == 0);
    for (size_t i = 0; i < n; i++) {
        int rc = kg_graph_merge(g, parts[i]);
        if (rc != 0) {
            /* Two valid documents always merge: ids, types and relations
             * were all checked when they were parsed. */
            fprintf(stderr, "merge failed (%d): %s\n", rc, kg_error_last());
            abort();
        }
    }
    return g;
}

static char *dump(const kg_graph *g)
{
    char *s = NULL;
    FUZZ_CHECK(kg_graph_to_string(&s, g, KG_GRAPH_COMPACT) == 0);
    return s;
}

static void check_same(const kg_graph *x, const kg_graph *y, const char *what)
{
    char *sx = dump(x), *sy = dump(y);
    if (strcmp(sx, sy) != 0) {
        fprintf(stderr, "%s broken:\n--- one way\n%s\n--- other way\n%s\n", what, sx, sy);
        abort();
    }
    free(sx);
    free(sy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MERGE_MAX_INPUT)
        return 0;
    kg_graph *in[FUZZ_MERGE_MAX_PARTS] = {NULL};
    size_t n = 0;
    const char *p = (const char *)data, *end = p + size;
    while (n < FUZZ_MERGE_MAX_PARTS) {
        const char *nul = memchr(p, '\0', (size_t)(end - p));
        const char *stop = nul && n + 1 < FUZZ_MERGE_MAX_PARTS ? nul : end;
        if (kg_graph_parse(&in[n], p, (size_t)(stop - p), "<fuzz>") != 0)
            goto done;
        n++;
        if (stop == end)
            break;
        p = stop + 1;
    }
    if (n < 2)
        goto done;

    size_t limit = 1 + size % 7;
    const kg_graph *ab_parts[] = {in[0], in[1]};
    const kg_graph *ba_parts[] = {in[1], in[0]};
    kg_graph *ab = merged(limit, ab_parts, 2);
    kg_graph *ba = merged(limit, ba_parts, 2);
    check_same(ab, ba, "commutativity A+B == B+A");

    const kg_graph *abab_parts[] = {ab, ab};
    kg_graph *abab = merged(limit, abab_parts, 2);
    check_same(abab, ab, "idempotence (A+B)+(A+B) == A+B");

    /* Merging into a graph that already holds the result changes nothing. */
    FUZZ_CHECK(kg_graph_merge(ba, ab) == 0);
    check_same(ba, ab, "idempotence (B+A) += (A+B)");

    if (n == 3) {
        const kg_graph *bc_parts[] = {in[1], in[2]};
        kg_graph *bc = merged(limit, bc_parts, 2);
        const kg_graph *l_parts[] = {ab, in[2]};
        const kg_graph *r_parts[] = {in[0], bc};
        kg_graph *left = merged(limit, l_parts, 2);
        kg_graph *right = merged(limit, r_parts, 2);
        check_same(left, right, "associativity (A+B)+C == A+(B+C)");
        kg_graph_free(bc);
        kg_graph_free(left);
        kg_graph_free(right);
    }
    kg_graph_free(ab);
    kg_graph_free(ba);
    kg_graph_free(abab);

done:
    for (size_t i = 0; i < FUZZ_MERGE_MAX_PARTS; i++)
        kg_graph_free(in[i]);
    return 0;
}
