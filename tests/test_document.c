/*
 * test_document.c - the graph document: canonical bytes, string escaping,
 * round trips through files and JSON Lines, and one clear error (file and
 * position) for every kind of bad input in tests/data/bad_*.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kg/error.h"
#include "kg/graph.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    if (len)
        *len = (size_t)n;
    return buf;
}

static void small_json_should_round_trip_byte_for_byte(void **state)
{
    (void)state;
    kg_graph *g = NULL;
    assert_int_equal(kg_graph_read_file(&g, KG_TEST_DATA "/small.json"), 0);
    assert_int_equal(kg_graph_article_count(g), 2);
    assert_int_equal(kg_graph_node_count(g), 10);
    assert_int_equal(kg_graph_edge_count(g), 13);
    char *s = NULL;
    assert_int_equal(kg_graph_to_string(&s, g, 0), 0);
    char *want = slurp(KG_TEST_DATA "/small.json", NULL);
    assert_string_equal(s, want);
    free(want);
    free(s);
    kg_graph_free(g);
}

static void compact_output_should_be_one_line_and_parse_back(void **state)
{
    (void)state;
    kg_graph *g = NULL, *h = NULL;
    assert_int_equal(kg_graph_read_file(&g, KG_TEST_DATA "/small.json"), 0);
    char *c = NULL, *p1 = NULL, *p2 = NULL;
    assert_int_equal(kg_graph_to_string(&c, g, KG_GRAPH_COMPACT), 0);
    assert_null(strchr(c, '\n'));
    assert_null(strstr(c, "\": "));
    assert_true(strncmp(c, "{\"graph\":{\"directed\":true,\"metadata\":{\"format\":\"kg\",", 50) ==
                0);
    assert_int_equal(kg_graph_parse(&h, c, strlen(c), "<compact>"), 0);
    assert_int_equal(kg_graph_to_string(&p1, g, 0), 0);
    assert_int_equal(kg_graph_to_string(&p2, h, 0), 0);
    assert_string_equal(p1, p2);
    free(c);
    free(p1);
    free(p2);
    kg_graph_free(g);
    kg_graph_free(h);
}

static void empty_graph_should_serialise_to_the_fixed_skeleton(void **state)
{
    (void)state;
    kg_graph *g = NULL;
    assert_int_equal(kg_graph_new(&g), 0);
    char *s = NULL;
    assert_int_equal(kg_graph_to_string(&s, g, KG_GRAPH_COMPACT), 0);
    assert_string_equal(s, "{\"graph\":{\"directed\":true,\"metadata\":{\"format\":\"kg\","
                           "\"version\":1,\"articles\":{}},\"nodes\":{},\"edges\":[]}}");
    free(s);
    kg_graph_free(g);
}

static void strings_should_be_escaped_per_rfc_8259(void **state)
{
    (void)state;
    kg_graph *g = NULL;
    assert_int_equal(kg_graph_new(&g), 0);
    kg_node n = {
        .id = "org:x", .label = "Q\"B\\s/\x01\n\tR\xc3\xa9\xe2\x80\x94", .type = KG_TYPE_ORG};
    assert_int_equal(kg_graph_merge_node(g, &n), 0);
    char *s = NULL;
    assert_int_equal(kg_graph_to_string(&s, g, KG_GRAPH_COMPACT), 0);
    assert_non_null(
        strstr(s, "\"label\":\"Q\\\"B\\\\s/\\u0001\\u000a\\u0009R\xc3\xa9\xe2\x80\x94\""));
    /* and it reads back to the same bytes */
    kg_graph *h = NULL;
    assert_int_equal(kg_graph_parse(&h, s, strlen(s), "<esc>"), 0);
    assert_string_equal(kg_graph_find_node(h, "org:x")->label, n.label);
    free(s);
    kg_graph_free(g);
    kg_graph_free(h);
}

static void invalid_utf8_from_a_caller_should_be_written_as_replacement(void **state)
{
    (void)state;
    kg_graph *g = NULL;
    assert_int_equal(kg_graph_new(&g), 0);
    kg_node n = {.id = "org:x", .label = "bad\xff\xc3(end", .type = KG_TYPE_ORG};
    assert_int_equal(kg_graph_merge_node(g, &n), 0);
    char *s = NULL;
    assert_int_equal(kg_graph_to_string(&s, g, KG_GRAPH_COMPACT), 0);
    assert_non_null(strstr(s, "\"bad\xef\xbf\xbd\xef\xbf\xbd(end\""));
    free(s);
    kg_graph_free(g);
}

static void json_lines_should_merge_every_line(void **state)
{
    (void)state;
    kg_graph *g = NULL;
    assert_int_equal(kg_graph_read_file(&g, KG_TEST_DATA "/two_articles.jsonl"), 0);
    assert_int_equal(kg_graph_article_count(g), 2);
    assert_non_null(kg_graph_find_node(g, "person:a"));
    assert_non_null(kg_graph_find_node(g, "org:b"));
    assert_true(kg_graph_has_hash(g, "0000000000000002"));
    kg_graph_free(g);
}

static void reading_should_keep_all_evidence_of_the_file(void **state)
{
    (void)state;
    /* A graph merged with --evidence 8 must not lose records when read. */
    kg_graph *g = NULL, *h = NULL;
    assert_int_equal(kg_graph_new(&g), 0);
    assert_int_equal(kg_graph_set_evidence_limit(g, 8), 0);
    kg_node a = {.id = "person:a", .label = "A", .type = KG_TYPE_PERSON};
    kg_node b = {.id = "org:b", .label = "B", .type = KG_TYPE_ORG};
    assert_int_equal(kg_graph_merge_node(g, &a), 0);
    assert_int_equal(kg_graph_merge_node(g, &b), 0);
    kg_evidence ev[8];
    for (int i = 0; i < 8; i++)
        ev[i] = (kg_evidence){.article = "x", .start = (size_t)i, .end = 9, .text = "t"};
    kg_edge e = {.source = "person:a",
                 .relation = "member_of",
                 .target = "org:b",
                 .evidence = ev,
                 .n_evidence = 8};
    assert_int_equal(kg_graph_merge_edge(g, &e), 0);
    char *s = NULL;
    assert_int_equal(kg_graph_to_string(&s, g, 0), 0);
    assert_int_equal(kg_graph_parse(&h, s, strlen(s), "<ev>"), 0);
    assert_int_equal(kg_graph_edge(h, 0)->n_evidence, 8);
    assert_int_equal(kg_graph_evidence_limit(h), 8);
    free(s);
    kg_graph_free(g);
    kg_graph_free(h);
}

static void reader_should_accept_any_key_order_escapes_and_unknown_members(void **state)
{
    (void)state;
    /* Edges before nodes, an escaped node id, brackets and quotes inside
     * strings, and members kg does not know: all valid JSON Graph Format. */
    const char *doc =
        "{\"extra\": {\"x\": [1, {\"y\": \"}]\"}]}, \"graph\": {\"label\": \"g\",\n"
        " \"edges\": [{\"source\": \"org:\\u00e9t\\u00e9\", \"relation\": \"based_in\",\n"
        "   \"target\": \"country:FRA\", \"metadata\": {\"evidence\": [{\"article\": \"a\",\n"
        "   \"start\": 1, \"end\": 2, \"subject\": [1, 2], \"object\": [1, 2],\n"
        "   \"text\": \"a \\\"quoted\\\" ]} text\"}]}}],\n"
        " \"nodes\": {\"country:FRA\": {\"label\": \"France\", \"metadata\": {\"type\": "
        "\"COUNTRY\"}},\n"
        "   \"org:\\u00e9t\\u00e9\": {\"label\": \"\\u00c9t\\u00e9 {]\", \"metadata\": {\"type\": "
        "\"ORG\"}}},\n"
        " \"metadata\": {\"version\": 1, \"format\": \"kg\"}, \"directed\": true}}\n";
    kg_graph *g = NULL;
    assert_int_equal(kg_graph_parse(&g, doc, strlen(doc), "<order>"), 0);
    const kg_node *n = kg_graph_find_node(g, "org:\xc3\xa9t\xc3\xa9");
    assert_non_null(n);
    assert_string_equal(n->label, "\xc3\x89t\xc3\xa9 {]");
    const kg_edge *e = kg_graph_find_edge(g, n->id, "based_in", "country:FRA");
    assert_non_null(e);
    assert_string_equal(e->evidence[0].text, "a \"quoted\" ]} text");
    kg_graph_free(g);
    /* A malformed member nobody reads still makes the document malformed. */
    const char *bad = "{\"graph\": {\"extra\": [1 2], \"metadata\": {\"format\": \"kg\", "
                      "\"version\": 1}}}";
    assert_int_equal(kg_graph_parse(&g, bad, strlen(bad), "<bad>"), KG_EPARSE);
}

static void syntax_errors_should_name_line_and_column(void **state)
{
    (void)state;
    kg_graph *g = (kg_graph *)1;
    const char *bad = "{\n  \"graph\": {\n    \"directed\": tru\n  }\n}\n";
    assert_int_equal(kg_graph_parse(&g, bad, strlen(bad), "mem.json"), KG_EPARSE);
    assert_null(g);
    assert_non_null(strstr(kg_error_last(), "mem.json:3:"));
}

static const struct {
    const char *file;
    int code;
    const char *message; /* must appear in kg_error_last() */
} bad_inputs[] = {
    {"bad_not_json.json", KG_EPARSE, "bad_not_json.json:1:1: not valid JSON"},
    {"bad_truncated.json", KG_EPARSE, "unexpected end of input"},
    {"bad_not_kg.json", KG_EINVALID, "not a kg graph"},
    {"bad_not_kg_array.json", KG_EINVALID, "not a kg graph"},
    {"bad_label_not_string.json", KG_EINVALID, "node person:a: label is not a string"},
    {"bad_nodes_not_object.json", KG_EINVALID, "graph.nodes is not an object"},
    {"bad_unknown_node_type.json", KG_EINVALID, "node person:a: unknown node type \"ANIMAL\""},
    {"bad_unknown_relation.json", KG_EINVALID,
     "edge 1 (person:a -befriends-> org:b): unknown relation"},
    {"bad_edge_missing_node.json", KG_EINVALID,
     "edge 1 (person:a -member_of-> org:c): target is not a node"},
    {"bad_duplicate_node.json", KG_EINVALID, "node person:a: duplicate node id"},
    {"bad_nested_deep.json", KG_EPARSE, "nested deeper than"},
    {"bad_negative_count.json", KG_EINVALID, "not a non-negative integer"},
    {"bad_fractional_offset.json", KG_EINVALID, "evidence 0: start is not a non-negative"},
    {"bad_invalid_utf8.json", KG_EINVALID, "label is not valid UTF-8"},
    {"bad_jsonl_line3.jsonl", KG_EPARSE, "bad_jsonl_line3.jsonl:3:"},
    {"bad_jsonl_semantic_line2.jsonl", KG_EINVALID,
     "bad_jsonl_semantic_line2.jsonl:2: edge 0 (person:a -member_of-> org:zz)"},
};

static void every_bad_input_should_be_rejected_with_a_clear_message(void **state)
{
    (void)state;
    char path[512];
    for (size_t i = 0; i < sizeof bad_inputs / sizeof bad_inputs[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", KG_TEST_DATA, bad_inputs[i].file);
        kg_graph *g = (kg_graph *)1;
        int rc = kg_graph_read_file(&g, path);
        if (rc != bad_inputs[i].code || !strstr(kg_error_last(), bad_inputs[i].message))
            fail_msg("%s: rc %d, message \"%s\"", bad_inputs[i].file, rc, kg_error_last());
        assert_null(g);
        assert_non_null(strstr(kg_error_last(), bad_inputs[i].file));
        assert_null(strchr(kg_error_last(), '\n'));
    }
}

static void missing_file_should_fail_with_eio(void **state)
{
    (void)state;
    kg_graph *g = NULL;
    assert_int_equal(kg_graph_read_file(&g, KG_TEST_DATA "/no-such-file.json"), KG_EIO);
    assert_non_null(strstr(kg_error_last(), "no-such-file.json"));
    assert_int_equal(kg_graph_read_file(&g, KG_TEST_DATA), KG_EIO);
}

/* A zero-byte or blank graph file was most likely truncated: reading it as
 * the empty graph would let `build --into` start over silently. */
static void empty_graph_file_should_be_rejected(void **state)
{
    (void)state;
    static const char *const contents[] = {"", " \n\n\t\n"};
    char dir[] = "/tmp/kg-test-empty-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/g.json", dir);
    for (size_t i = 0; i < 2; i++) {
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs(contents[i], f);
        fclose(f);
        kg_graph *g = (kg_graph *)1;
        assert_int_equal(kg_graph_read_file(&g, path), KG_EINVALID);
        assert_null(g);
        assert_non_null(strstr(kg_error_last(), "g.json: empty file, not a kg graph"));
        assert_int_equal(kg_graph_new(&g), 0);
        assert_int_equal(kg_graph_merge_file(g, path), KG_EINVALID);
        kg_graph_free(g);
    }
    unlink(path);
    rmdir(dir);
}

static void write_file_should_replace_the_target_atomically(void **state)
{
    (void)state;
    char dir[] = "/tmp/kg-test-doc-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/out.json", dir);
    FILE *f = fopen(path, "w");
    fputs("old contents\n", f);
    fclose(f);
    kg_graph *g = NULL;
    assert_int_equal(kg_graph_read_file(&g, KG_TEST_DATA "/small.json"), 0);
    assert_int_equal(kg_graph_write_file(g, path, 0), 0);
    char *got = slurp(path, NULL), *want = slurp(KG_TEST_DATA "/small.json", NULL);
    assert_string_equal(got, want);
    free(got);
    free(want);
    /* A write that cannot happen leaves no file behind. */
    char bad[300];
    snprintf(bad, sizeof bad, "%s/missing-dir/out.json", dir);
    assert_int_equal(kg_graph_write_file(g, bad, 0), KG_EIO);
    assert_int_equal(access(bad, F_OK), -1);
    /* A full device fails cleanly and is not replaced. */
    if (access("/dev/full", W_OK) == 0)
        assert_int_equal(kg_graph_write_file(g, "/dev/full", 0), KG_EIO);
    unlink(path);
    rmdir(dir);
    kg_graph_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(small_json_should_round_trip_byte_for_byte),
        cmocka_unit_test(compact_output_should_be_one_line_and_parse_back),
        cmocka_unit_test(empty_graph_should_serialise_to_the_fixed_skeleton),
        cmocka_unit_test(strings_should_be_escaped_per_rfc_8259),
        cmocka_unit_test(invalid_utf8_from_a_caller_should_be_written_as_replacement),
        cmocka_unit_test(json_lines_should_merge_every_line),
        cmocka_unit_test(reading_should_keep_all_evidence_of_the_file),
        cmocka_unit_test(reader_should_accept_any_key_order_escapes_and_unknown_members),
        cmocka_unit_test(syntax_errors_should_name_line_and_column),
        cmocka_unit_test(every_bad_input_should_be_rejected_with_a_clear_message),
        cmocka_unit_test(missing_file_should_fail_with_eio),
        cmocka_unit_test(empty_graph_file_should_be_rejected),
        cmocka_unit_test(write_file_should_replace_the_target_atomically),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
