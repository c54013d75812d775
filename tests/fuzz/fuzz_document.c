/*
 * fuzz_document.c - fuzzes the graph document reader (kg_graph_parse) on
 * arbitrary bytes.
 *
 * Bad documents must be rejected cleanly. A document that parses must
 * serialise, and the canonical form must be a fixed point: re-parsing it
 * and serialising again gives identical bytes, in both the indented and
 * the compact (JSON Lines) form, and the two forms hold the same graph.
 */
#include "fuzz_common.h"

#include "kg/error.h"
#include "kg/graph.h"

#include <string.h>

/* Documents beyond this are valid fuzz inputs in principle but only slow
 * the search down; size limits are tested by the unit tests. */
#define FUZZ_DOC_MAX_INPUT (256 * 1024)

/* Parses s and checks it serialises back to exactly s (flags as given). */
static void check_fixed_point(const char *s, int flags)
{
    kg_graph *g = NULL;
    char *again = NULL;
    if (kg_graph_parse(&g, s, strlen(s), "<canonical>") != 0) {
        fprintf(stderr, "canonical output does not parse: %s\n", kg_error_last());
        abort();
    }
    FUZZ_CHECK(kg_graph_to_string(&again, g, flags) == 0);
    if (strcmp(s, again) != 0) {
        fprintf(stderr, "not a fixed point:\n--- first\n%s\n--- second\n%s\n", s, again);
        abort();
    }
    free(again);
    kg_graph_free(g);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_DOC_MAX_INPUT)
        return 0;
    kg_graph *g = NULL, *gc = NULL;
    char *pretty = NULL, *compact = NULL, *pretty2 = NULL;
    int rc = kg_graph_parse(&g, (const char *)data, size, "<fuzz>");
    if (rc != 0) {
        FUZZ_CHECK(rc < 0 && g == NULL);
        FUZZ_CHECK(kg_error_last()[0] != '\0');
        return 0;
    }
    FUZZ_CHECK(kg_graph_to_string(&pretty, g, 0) == 0);
    FUZZ_CHECK(kg_graph_to_string(&compact, g, KG_GRAPH_COMPACT) == 0);
    FUZZ_CHECK(strchr(compact, '\n') == NULL);
    check_fixed_point(pretty, 0);
    check_fixed_point(compact, KG_GRAPH_COMPACT);

    /* The compact form holds the same graph as the indented one. */
    FUZZ_CHECK(kg_graph_parse(&gc, compact, strlen(compact), "<compact>") == 0);
    FUZZ_CHECK(kg_graph_to_string(&pretty2, gc, 0) == 0);
    FUZZ_CHECK(strcmp(pretty, pretty2) == 0);

    free(pretty);
    free(pretty2);
    free(compact);
    kg_graph_free(gc);
    kg_graph_free(g);
    return 0;
}
