/*
 * fuzz_read.c - fuzzes the article reader from memory and the whole
 * extractor behind it: kg_read_text or kg_read_json, then segment,
 * recognize, resolve, relate, kg_doc_to_graph and serialisation.
 *
 * The input's first byte picks the reader (odd: one JSON Lines line, even:
 * a plain-text file) and the evidence limit; the rest is the article. An
 * article may be rejected (NUL bytes, not JSON), but whatever is extracted
 * must serialise, and the serialised graph must read back to the same
 * bytes: a per-article graph that `kg merge` would refuse is a bug.
 */
#include "fuzz_common.h"

#include "kg/error.h"
#include "kg/extract.h"
#include "kg/graph.h"
#include "kg/read.h"

#include <string.h>

/* Small enough that the fuzzer spends its time on text, not on memcpy; the
 * reader's own limit (KG_READ_ARTICLE_MAX) is far above any fuzz input. */
#define FUZZ_READ_MAX_INPUT (64 * 1024)

static void roundtrip(const kg_graph *g)
{
    char *s1 = NULL, *s2 = NULL;
    kg_graph *back = NULL;
    FUZZ_CHECK(kg_graph_to_string(&s1, g, 0) == 0);
    if (kg_graph_parse(&back, s1, strlen(s1), "<extracted>") != 0) {
        fprintf(stderr, "extracted graph does not parse: %s\n", kg_error_last());
        abort();
    }
    FUZZ_CHECK(kg_graph_to_string(&s2, back, 0) == 0);
    FUZZ_CHECK(strcmp(s1, s2) == 0);
    free(s1);
    free(s2);
    kg_graph_free(back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > FUZZ_READ_MAX_INPUT)
        return 0;
    int as_json = data[0] & 1;
    size_t evidence = 1 + (data[0] >> 1) % 8;
    const char *text = (const char *)data + 1;
    size_t len = size - 1;

    kg_doc *d = NULL;
    kg_graph *g = NULL;
    int rc = as_json ? kg_read_json(&d, text, len, "<fuzz>:1", NULL)
                     : kg_read_text(&d, text, len, "<fuzz>", NULL);
    if (rc != 0) {
        FUZZ_CHECK(rc < 0 && d == NULL);
        goto done;
    }
    FUZZ_CHECK(d != NULL);

    kg_extract_opts o;
    kg_extract_opts_init(&o);
    o.evidence = evidence;
    rc = kg_extract_article(&g, d, &o);
    if (rc != 0) {
        /* Only running out of memory or a named limit may stop extraction. */
        if (rc != KG_ENOMEM && rc != KG_ELIMIT) {
            fprintf(stderr, "extraction failed (%d): %s\n", rc, kg_error_last());
            abort();
        }
        FUZZ_CHECK(g == NULL);
        goto done;
    }
    FUZZ_CHECK(g != NULL);
    FUZZ_CHECK(kg_graph_article_count(g) == 1);
    roundtrip(g);

done:
    kg_graph_free(g);
    kg_doc_free(d);
    return 0;
}
