/*
 * test_query.c - asking a graph questions: name matching (tiers, folding,
 * ambiguity, closest candidates), neighbourhoods (direction, relation,
 * depth), shortest paths (direction of hops, id-order ties, no path),
 * statistics, and the text and JSON answers built from them.
 *
 * Most checks run on tests/data/query_small.json, a fixture written for
 * these tests; tie-breaking and cutting cases build their graph in code.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "kg/error.h"
#include "kg/graph.h"
#include "kg/query.h"

#define FIXTURE KG_TEST_DATA "/query_small.json"

/* ---- helpers ----------------------------------------------------------- */

static kg_graph *load_fixture(void)
{
    kg_graph *g = NULL;
    int rc = kg_graph_read_file(&g, FIXTURE);
    if (rc)
        fail_msg("cannot read %s: %s", FIXTURE, kg_error_last());
    return g;
}

static kg_query *index_graph(const kg_graph *g)
{
    kg_query *q = NULL;
    assert_int_equal(kg_query_new(&q, g), 0);
    assert_non_null(q);
    return q;
}

static const kg_node *node(const kg_graph *g, const char *id)
{
    const kg_node *n = kg_graph_find_node(g, id);
    if (!n)
        fail_msg("no node %s", id);
    return n;
}

static void put_node(kg_graph *g, const char *id, const char *label, kg_type type,
                     const char *alias)
{
    char *aliases[1] = {(char *)alias};
    kg_count c = {(char *)"art", 1};
    kg_node n = {
        .id = (char *)id, .label = (char *)label, .type = type, .articles = &c, .n_articles = 1};
    if (alias) {
        n.aliases = aliases;
        n.n_aliases = 1;
    }
    assert_int_equal(kg_graph_merge_node(g, &n), 0);
}

static void put_edge(kg_graph *g, const char *s, const char *r, const char *t, const char *text)
{
    kg_count c = {(char *)"art", 1};
    kg_evidence ev = {.article = (char *)"art",
                      .start = 0,
                      .end = text ? strlen(text) : 0,
                      .subject = {0, 1},
                      .object = {2, 3},
                      .text = (char *)text};
    kg_edge e = {.source = (char *)s,
                 .relation = (char *)r,
                 .target = (char *)t,
                 .articles = &c,
                 .n_articles = 1,
                 .evidence = &ev,
                 .n_evidence = text ? 1 : 0};
    assert_int_equal(kg_graph_merge_edge(g, &e), 0);
}

static kg_graph *new_graph(void)
{
    kg_graph *g = NULL;
    assert_int_equal(kg_graph_new(&g), 0);
    return g;
}

/* 1 if s is well-formed UTF-8. */
static int valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80             ? 0
                : (*p & 0xE0) == 0xC0 ? 1
                : (*p & 0xF0) == 0xE0 ? 2
                : (*p & 0xF8) == 0xF0 ? 3
                                      : -1;
        if (n < 0)
            return 0;
        p++;
        for (int i = 0; i < n; i++, p++)
            if ((*p & 0xC0) != 0x80)
                return 0;
    }
    return 1;
}

/* ---- matching ---------------------------------------------------------- */

static void match_should_find_an_id_case_insensitively(void **state)
{
    kg_graph *g = load_fixture();
    kg_match m;
    assert_int_equal(kg_query_match(&m, g, "COUNTRY:rus"), 0);
    assert_string_equal(m.node->id, "country:RUS");
    assert_int_equal(m.n_matches, 1);
    kg_graph_free(g);
}

static void match_should_ignore_case_and_punctuation_in_labels_and_aliases(void **state)
{
    kg_graph *g = load_fixture();
    kg_match m;
    assert_int_equal(kg_query_match(&m, g, "hemant LAKHANI"), 0);
    assert_string_equal(m.node->id, "person:hemant-lakhani");
    assert_int_equal(kg_query_match(&m, g, "US"), 0);
    assert_string_equal(m.node->id, "country:USA");
    assert_int_equal(kg_query_match(&m, g, "u.s"), 0);
    assert_string_equal(m.node->id, "country:USA");
    assert_int_equal(kg_query_match(&m, g, "Federal-Security  Service"), 0);
    assert_string_equal(m.node->id, "org:fsb");
    assert_int_equal(kg_query_match(&m, g, "Mr Lakhani"), 0);
    assert_string_equal(m.node->id, "person:hemant-lakhani");
    kg_graph_free(g);
}

static void match_should_take_an_id_without_its_prefix_as_an_alias(void **state)
{
    kg_graph *g = load_fixture();
    kg_match m;
    assert_int_equal(kg_query_match(&m, g, "usa"), 0);
    assert_string_equal(m.node->id, "country:USA");
    kg_graph_free(g);
}

static void match_should_fold_latin1_accents(void **state)
{
    kg_graph *g = new_graph();
    kg_match m;
    put_node(g, "person:jose-ramirez", "Jos\xc3\xa9 Ram\xc3\xadrez", KG_TYPE_PERSON, NULL);
    assert_int_equal(kg_query_match(&m, g, "jose ramirez"), 0);
    assert_string_equal(m.node->id, "person:jose-ramirez");
    assert_int_equal(kg_query_match(&m, g, "RAM\xc3\x8dREZ JOS\xc3\x89"), KG_ENOTFOUND);
    assert_int_equal(kg_query_match(&m, g, "JOS\xc3\x89 RAM\xc3\x8dREZ"), 0);
    kg_graph_free(g);
}

static void match_should_prefer_a_label_to_an_alias(void **state)
{
    kg_graph *g = new_graph();
    kg_match m;
    put_node(g, "location:washington", "Washington", KG_TYPE_LOCATION, NULL);
    put_node(g, "person:george-washington", "George Washington", KG_TYPE_PERSON, "Washington");
    assert_int_equal(kg_query_match(&m, g, "washington"), 0);
    assert_string_equal(m.node->id, "location:washington");
    kg_graph_free(g);
}

static void match_should_report_every_entity_of_an_ambiguous_name(void **state)
{
    kg_graph *g = load_fixture();
    kg_match m;
    assert_int_equal(kg_query_match(&m, g, "Lakhani"), KG_EAMBIGUOUS);
    assert_null(m.node);
    assert_int_equal(m.n_matches, 2);
    assert_int_equal(m.n_candidates, 2);
    assert_string_equal(m.candidates[0]->id, "person:hemant-lakhani");
    assert_string_equal(m.candidates[1]->id, "person:priya-lakhani");
    assert_non_null(strstr(kg_error_last(), "'Lakhani' matches 2 entities"));
    assert_non_null(strstr(kg_error_last(), "Priya Lakhani (person:priya-lakhani)"));
    kg_graph_free(g);
}

static void match_should_suggest_the_closest_names_when_nothing_matches(void **state)
{
    kg_graph *g = load_fixture();
    kg_match m;
    assert_int_equal(kg_query_match(&m, g, "Lakhan"), KG_ENOTFOUND);
    assert_null(m.node);
    assert_int_equal(m.n_matches, 0);
    assert_true(m.n_candidates >= 2 && m.n_candidates <= KG_QUERY_CANDIDATES_MAX);
    assert_string_equal(m.candidates[0]->id, "person:hemant-lakhani");
    assert_string_equal(m.candidates[1]->id, "person:priya-lakhani");
    assert_string_equal(kg_error_last(),
                        "no entity named 'Lakhan'; closest: Hemant Lakhani "
                        "(person:hemant-lakhani), Priya Lakhani (person:priya-lakhani)");

    /* A typo inside a word is found by edit distance. */
    assert_int_equal(kg_query_match(&m, g, "Rusia"), KG_ENOTFOUND);
    assert_true(m.n_candidates >= 1);
    assert_string_equal(m.candidates[0]->id, "country:RUS");
    kg_graph_free(g);
}

static void match_should_name_nothing_when_nothing_is_close(void **state)
{
    kg_graph *g = load_fixture();
    kg_match m;
    assert_int_equal(kg_query_match(&m, g, "Qqqqqqqqqq"), KG_ENOTFOUND);
    assert_int_equal(m.n_candidates, 0);
    assert_string_equal(kg_error_last(), "no entity named 'Qqqqqqqqqq'");
    kg_graph_free(g);
}

static void match_should_keep_at_most_five_candidates(void **state)
{
    kg_graph *g = new_graph();
    kg_match m;
    char id[32], label[32];
    for (int i = 0; i < 8; i++) {
        snprintf(id, sizeof id, "person:smith-%d", i);
        snprintf(label, sizeof label, "Smith %d", i);
        put_node(g, id, label, KG_TYPE_PERSON, "Smith");
    }
    assert_int_equal(kg_query_match(&m, g, "smith"), KG_EAMBIGUOUS);
    assert_int_equal(m.n_matches, 8);
    assert_int_equal(m.n_candidates, KG_QUERY_CANDIDATES_MAX);
    assert_non_null(strstr(kg_error_last(), "and 3 more"));
    assert_int_equal(kg_query_match(&m, g, "smit"), KG_ENOTFOUND);
    assert_int_equal(m.n_candidates, KG_QUERY_CANDIDATES_MAX);
    assert_string_equal(m.candidates[0]->id, "person:smith-0");
    kg_graph_free(g);
}

static void match_should_reject_an_empty_name(void **state)
{
    kg_graph *g = load_fixture();
    kg_match m;
    assert_int_equal(kg_query_match(&m, g, ""), KG_EUSAGE);
    assert_int_equal(kg_query_match(&m, g, "..."), KG_ENOTFOUND);
    kg_graph_free(g);
}

/* ---- neighbors --------------------------------------------------------- */

static void neighbors_should_list_direct_links_with_their_direction(void **state)
{
    kg_graph *g = load_fixture();
    kg_query *q = index_graph(g);
    kg_hop *h = NULL;
    size_t n = 0;
    kg_neighbors_opts o = {.depth = 1};
    assert_int_equal(kg_query_neighbors(&h, &n, q, node(g, "person:hemant-lakhani"), &o), 0);
    assert_int_equal(n, 5);
    /* By neighbour id, then relation name. */
    assert_string_equal(h[0].node->id, "country:GBR");
    assert_string_equal(h[0].edge->relation, "citizen_of");
    assert_int_equal(h[0].direction, KG_DIR_OUT);
    assert_string_equal(h[1].node->id, "location:newark");
    assert_string_equal(h[2].node->id, "org:fbi");
    assert_string_equal(h[2].edge->relation, "arrests");
    assert_int_equal(h[2].direction, KG_DIR_IN);
    assert_string_equal(h[3].edge->relation, "sells");
    assert_string_equal(h[4].edge->relation, "smuggles");
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(h[i].depth, 1);
        assert_string_equal(h[i].from->id, "person:hemant-lakhani");
    }
    free(h);
    kg_query_free(q);
    kg_graph_free(g);
}

static void neighbors_should_follow_only_the_asked_relation_and_direction(void **state)
{
    kg_graph *g = load_fixture();
    kg_query *q = index_graph(g);
    kg_hop *h = NULL;
    size_t n = 0;
    const kg_node *lakhani = node(g, "person:hemant-lakhani");
    kg_neighbors_opts o = {.depth = 1, .relation = "sells"};
    assert_int_equal(kg_query_neighbors(&h, &n, q, lakhani, &o), 0);
    assert_int_equal(n, 1);
    assert_string_equal(h[0].node->id, "weapon:igla");
    free(h);

    o = (kg_neighbors_opts){.depth = 1, .direction = KG_DIR_IN};
    assert_int_equal(kg_query_neighbors(&h, &n, q, lakhani, &o), 0);
    assert_int_equal(n, 1);
    assert_string_equal(h[0].node->id, "org:fbi");
    free(h);

    /* A symmetric edge goes both ways, whatever the filter. */
    o = (kg_neighbors_opts){.depth = 1, .direction = KG_DIR_IN};
    assert_int_equal(kg_query_neighbors(&h, &n, q, node(g, "org:fbi"), &o), 0);
    assert_int_equal(n, 1);
    assert_string_equal(h[0].node->id, "org:fsb");
    assert_int_equal(h[0].direction, KG_DIR_BOTH);
    free(h);
    kg_query_free(q);
    kg_graph_free(g);
}

static void neighbors_should_widen_by_depth_and_never_revisit(void **state)
{
    kg_graph *g = load_fixture();
    kg_query *q = index_graph(g);
    kg_hop *h = NULL;
    size_t n = 0;
    kg_neighbors_opts o = {.depth = 3};
    assert_int_equal(kg_query_neighbors(&h, &n, q, node(g, "country:USA"), &o), 0);
    /* fbi (1); fsb, lakhani (2); GBR, RUS, newark, igla twice (3). */
    assert_int_equal(n, 8);
    assert_string_equal(h[0].node->id, "org:fbi");
    assert_int_equal(h[0].depth, 1);
    assert_int_equal(h[1].depth, 2);
    assert_int_equal(h[2].depth, 2);
    assert_int_equal(h[7].depth, 3);
    assert_string_equal(h[7].from->id, "person:hemant-lakhani");
    for (size_t i = 0; i < n; i++)
        assert_string_not_equal(h[i].node->id, "country:USA");
    free(h);

    o.depth = 0;
    assert_int_equal(kg_query_neighbors(&h, &n, q, node(g, "country:USA"), &o), 0);
    assert_int_equal(n, 0);
    assert_null(h);
    kg_query_free(q);
    kg_graph_free(g);
}

static void neighbors_should_list_every_link_to_a_node_first_reached(void **state)
{
    /* b and c both sit at depth 1; d is reached from both at depth 2. */
    kg_graph *g = new_graph();
    put_node(g, "org:a", "A", KG_TYPE_ORG, NULL);
    put_node(g, "org:b", "B", KG_TYPE_ORG, NULL);
    put_node(g, "org:c", "C", KG_TYPE_ORG, NULL);
    put_node(g, "org:d", "D", KG_TYPE_ORG, NULL);
    put_edge(g, "org:a", "informs", "org:b", NULL);
    put_edge(g, "org:a", "informs", "org:c", NULL);
    put_edge(g, "org:b", "informs", "org:c", NULL);
    put_edge(g, "org:b", "informs", "org:d", NULL);
    put_edge(g, "org:c", "informs", "org:d", NULL);
    kg_query *q = index_graph(g);
    kg_hop *h = NULL;
    size_t n = 0;
    kg_neighbors_opts o = {.depth = 2};
    assert_int_equal(kg_query_neighbors(&h, &n, q, node(g, "org:a"), &o), 0);
    /* a-b, a-c, then b-d and c-d; b-c links two depth-1 nodes: left out. */
    assert_int_equal(n, 4);
    assert_string_equal(h[2].from->id, "org:b");
    assert_string_equal(h[2].node->id, "org:d");
    assert_string_equal(h[3].from->id, "org:c");
    assert_string_equal(h[3].node->id, "org:d");
    free(h);
    kg_query_free(q);
    kg_graph_free(g);
}

static void neighbors_should_reject_an_unknown_relation_or_a_huge_depth(void **state)
{
    kg_graph *g = load_fixture();
    kg_query *q = index_graph(g);
    kg_hop *h = NULL;
    size_t n = 0;
    kg_neighbors_opts o = {.depth = 1, .relation = "befriends"};
    assert_int_equal(kg_query_neighbors(&h, &n, q, node(g, "org:fbi"), &o), KG_EUSAGE);
    assert_non_null(strstr(kg_error_last(), "befriends"));
    o = (kg_neighbors_opts){.depth = KG_QUERY_DEPTH_MAX + 1};
    assert_int_equal(kg_query_neighbors(&h, &n, q, node(g, "org:fbi"), &o), KG_EUSAGE);
    assert_null(h);
    kg_query_free(q);
    kg_graph_free(g);
}

/* ---- path -------------------------------------------------------------- */

static void path_should_cross_edges_in_either_direction(void **state)
{
    kg_graph *g = load_fixture();
    kg_query *q = index_graph(g);
    kg_hop *h = NULL;
    size_t n = 0;
    assert_int_equal(
        kg_query_path(&h, &n, q, node(g, "person:hemant-lakhani"), node(g, "country:RUS")), 0);
    /* Via Igla (sells, first by name before smuggles), not via the FBI. */
    assert_int_equal(n, 2);
    assert_string_equal(h[0].from->id, "person:hemant-lakhani");
    assert_string_equal(h[0].node->id, "weapon:igla");
    assert_string_equal(h[0].edge->relation, "sells");
    assert_int_equal(h[0].direction, KG_DIR_OUT);
    assert_string_equal(h[1].node->id, "country:RUS");
    assert_string_equal(h[1].edge->relation, "made_in");
    assert_int_equal(h[1].depth, 2);
    free(h);

    assert_int_equal(kg_query_path(&h, &n, q, node(g, "country:USA"), node(g, "weapon:igla")), 0);
    assert_int_equal(n, 3);
    assert_int_equal(h[0].direction, KG_DIR_IN);  /* fbi part_of USA */
    assert_int_equal(h[1].direction, KG_DIR_OUT); /* fbi arrests lakhani */
    assert_string_equal(h[2].edge->relation, "sells");
    free(h);
    kg_query_free(q);
    kg_graph_free(g);
}

static void path_should_break_ties_by_id_order(void **state)
{
    /* a-c-d and a-b-d are equally short; b comes first. Between b and d
     * two relations: the first by name wins. */
    kg_graph *g = new_graph();
    put_node(g, "org:a", "A", KG_TYPE_ORG, NULL);
    put_node(g, "org:b", "B", KG_TYPE_ORG, NULL);
    put_node(g, "org:c", "C", KG_TYPE_ORG, NULL);
    put_node(g, "org:d", "D", KG_TYPE_ORG, NULL);
    put_edge(g, "org:a", "informs", "org:c", NULL);
    put_edge(g, "org:c", "informs", "org:d", NULL);
    put_edge(g, "org:b", "informs", "org:a", NULL);
    put_edge(g, "org:b", "investigates", "org:d", NULL);
    put_edge(g, "org:d", "attacks", "org:b", NULL);
    kg_query *q = index_graph(g);
    kg_hop *h = NULL;
    size_t n = 0;
    assert_int_equal(kg_query_path(&h, &n, q, node(g, "org:a"), node(g, "org:d")), 0);
    assert_int_equal(n, 2);
    assert_string_equal(h[0].node->id, "org:b");
    assert_int_equal(h[0].direction, KG_DIR_IN);
    assert_string_equal(h[1].edge->relation, "attacks");
    assert_int_equal(h[1].direction, KG_DIR_IN);
    free(h);
    kg_query_free(q);
    kg_graph_free(g);
}

static void path_should_fail_between_disconnected_entities(void **state)
{
    kg_graph *g = load_fixture();
    kg_query *q = index_graph(g);
    kg_hop *h = NULL;
    size_t n = 0;
    assert_int_equal(
        kg_query_path(&h, &n, q, node(g, "weapon:igla"), node(g, "location:lake-vostok")),
        KG_ENOTFOUND);
    assert_null(h);
    assert_string_equal(kg_error_last(), "no path between Igla (weapon:igla) and Lake Vostok "
                                         "(location:lake-vostok)");
    kg_query_free(q);
    kg_graph_free(g);
}

static void path_from_an_entity_to_itself_should_be_empty(void **state)
{
    kg_graph *g = load_fixture();
    kg_query *q = index_graph(g);
    kg_hop *h = NULL;
    size_t n = 7;
    assert_int_equal(kg_query_path(&h, &n, q, node(g, "org:fbi"), node(g, "org:fbi")), 0);
    assert_int_equal(n, 0);
    assert_null(h);
    kg_query_free(q);
    kg_graph_free(g);
}

/* ---- stats ------------------------------------------------------------- */

static void stats_should_count_types_relations_and_rank_by_degree(void **state)
{
    kg_graph *g = load_fixture();
    kg_query *q = index_graph(g);
    kg_stats *s = NULL;
    assert_int_equal(kg_query_stats(&s, q, 3), 0);
    assert_int_equal(s->articles, 3);
    assert_int_equal(s->nodes, 11);
    assert_int_equal(s->edges, 11);
    assert_int_equal(s->by_type[KG_TYPE_PERSON], 2);
    assert_int_equal(s->by_type[KG_TYPE_ORG], 3);
    assert_int_equal(s->by_type[KG_TYPE_COUNTRY], 3);
    assert_int_equal(s->by_type[KG_TYPE_LOCATION], 2);
    assert_int_equal(s->by_type[KG_TYPE_WEAPON], 1);
    assert_int_equal(s->by_family[KG_FAMILY_ARMS], 3);
    assert_int_equal(s->by_family[KG_FAMILY_SECURITY], 2);
    assert_int_equal(s->by_family[KG_FAMILY_AFFILIATION], 5);
    assert_int_equal(s->by_family[KG_FAMILY_PLACE], 1);
    unsigned nrel = 0;
    const kg_relation_info *rels = kg_relation_all(&nrel);
    assert_int_equal(s->n_relations, nrel);
    for (unsigned r = 0; r < nrel; r++)
        if (strcmp(rels[r].name, "part_of") == 0)
            assert_int_equal(s->by_relation[r], 2);
    assert_int_equal(s->n_top, 3);
    assert_string_equal(s->top[0].node->id, "person:hemant-lakhani");
    assert_int_equal(s->top[0].degree, 5);
    assert_int_equal(s->top[0].weight, 7);
    /* fbi and igla: degree 3, weight 4 each: id order. */
    assert_string_equal(s->top[1].node->id, "org:fbi");
    assert_string_equal(s->top[2].node->id, "weapon:igla");
    kg_stats_free(s);

    assert_int_equal(kg_query_stats(&s, q, 1000), 0);
    assert_int_equal(s->n_top, 11);
    assert_int_equal(s->top[10].degree, 0); /* lake-vostok */
    kg_stats_free(s);
    kg_query_free(q);
    kg_graph_free(g);
}

static void stats_of_an_empty_graph_should_be_zero(void **state)
{
    kg_graph *g = new_graph();
    kg_query *q = index_graph(g);
    kg_stats *s = NULL;
    char *text = NULL;
    assert_int_equal(kg_query_stats(&s, q, 10), 0);
    assert_int_equal(s->nodes + s->edges + s->articles + s->n_top, 0);
    assert_int_equal(kg_query_stats_text(&text, s), 0);
    assert_non_null(strstr(text, "Nodes"));
    free(text);
    kg_stats_free(s);
    kg_query_free(q);
    kg_graph_free(g);
    kg_stats_free(NULL);
    kg_query_free(NULL);
}

/* ---- answers ----------------------------------------------------------- */

static void text_should_cut_long_evidence_at_a_character_boundary(void **state)
{
    /* "a", then e-acute (2 bytes) to 400 bytes: byte 200 falls inside a
     * character, so the cut must step back to 199. One character is a line
     * break and an 'x' instead, which text answers show as a space. */
    char text[400];
    text[0] = 'a';
    for (int i = 0; i < 199; i++)
        memcpy(text + 1 + 2 * i, "\xc3\xa9", 2);
    text[399] = '\0';
    text[11] = '\n';
    text[12] = 'x';
    kg_graph *g = new_graph();
    put_node(g, "org:a", "A", KG_TYPE_ORG, NULL);
    put_node(g, "org:b", "B", KG_TYPE_ORG, NULL);
    put_edge(g, "org:a", "informs", "org:b", text);
    kg_query *q = index_graph(g);
    kg_hop *h = NULL;
    size_t n = 0;
    char *out = NULL;
    kg_neighbors_opts o = {.depth = 1};
    assert_int_equal(kg_query_neighbors(&h, &n, q, node(g, "org:a"), &o), 0);
    assert_int_equal(kg_query_neighbors_text(&out, node(g, "org:a"), &o, h, n), 0);
    assert_true(valid_utf8(out));
    const char *line = strstr(out, "    \"");
    assert_non_null(line);
    const char *end = strstr(line, "...\" (article art)\n");
    assert_non_null(end);
    assert_int_equal(end - (line + 5), 199);
    assert_true(strchr(line, '\n') > end); /* the line break became a space */
    assert_memory_equal(line + 5 + 11, " x", 2);
    free(out);

    /* JSON keeps the whole sentence. */
    assert_int_equal(kg_query_neighbors_json(&out, node(g, "org:a"), &o, h, n), 0);
    cJSON *root = cJSON_Parse(out);
    assert_non_null(root);
    cJSON *ev = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(root, "neighbors"), 0),
                                    "evidence");
    assert_string_equal(cJSON_GetObjectItem(ev, "text")->valuestring, text);
    cJSON_Delete(root);
    free(out);
    free(h);
    kg_query_free(q);
    kg_graph_free(g);
}

static void neighbors_json_should_carry_hops_nodes_and_evidence(void **state)
{
    kg_graph *g = load_fixture();
    kg_query *q = index_graph(g);
    kg_hop *h = NULL;
    size_t n = 0;
    char *out = NULL;
    const kg_node *fbi = node(g, "org:fbi");
    kg_neighbors_opts o = {.depth = 1, .relation = "arrests"};
    assert_int_equal(kg_query_neighbors(&h, &n, q, fbi, &o), 0);
    assert_int_equal(kg_query_neighbors_json(&out, fbi, &o, h, n), 0);
    assert_int_equal(out[strlen(out) - 1], '\n');
    cJSON *root = cJSON_Parse(out);
    assert_non_null(root);
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "node"), "id")->valuestring,
                        "org:fbi");
    assert_string_equal(cJSON_GetObjectItem(root, "relation")->valuestring, "arrests");
    assert_string_equal(cJSON_GetObjectItem(root, "direction")->valuestring, "both");
    cJSON *arr = cJSON_GetObjectItem(root, "neighbors");
    assert_int_equal(cJSON_GetArraySize(arr), 1);
    cJSON *hop = cJSON_GetArrayItem(arr, 0);
    assert_string_equal(cJSON_GetObjectItem(hop, "direction")->valuestring, "out");
    assert_string_equal(cJSON_GetObjectItem(hop, "source")->valuestring, "org:fbi");
    assert_int_equal(cJSON_GetObjectItem(hop, "weight")->valuedouble, 2);
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(hop, "node"), "type")->valuestring,
                        "PERSON");
    cJSON *ev = cJSON_GetObjectItem(hop, "evidence");
    assert_string_equal(cJSON_GetObjectItem(ev, "article")->valuestring, "q-art-1");
    assert_string_equal(cJSON_GetObjectItem(ev, "text")->valuestring,
                        "Agents said the dealer called it \"the package\" in a file saved as "
                        "C:\\deals\\igla.txt.");
    cJSON_Delete(root);
    free(out);
    free(h);
    kg_query_free(q);
    kg_graph_free(g);
}

static void path_answers_should_show_each_hop_and_its_direction(void **state)
{
    kg_graph *g = load_fixture();
    kg_query *q = index_graph(g);
    kg_hop *h = NULL;
    size_t n = 0;
    char *out = NULL;
    const kg_node *a = node(g, "person:hemant-lakhani"), *b = node(g, "org:fsb");
    assert_int_equal(kg_query_path(&h, &n, q, a, b), 0);
    assert_int_equal(kg_query_path_text(&out, a, b, h, n), 0);
    assert_non_null(strstr(out, "Hemant Lakhani (person:hemant-lakhani) <-[arrests]- Federal "
                                "Bureau of Investigation (org:fbi), weight 2\n"));
    assert_non_null(strstr(out, "-[cooperates_with]- Federal Security Service (org:fsb)"));
    free(out);
    assert_int_equal(kg_query_path_json(&out, a, b, h, n), 0);
    cJSON *root = cJSON_Parse(out);
    assert_non_null(root);
    assert_int_equal(cJSON_GetObjectItem(root, "length")->valuedouble, 2);
    cJSON *hop = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "hops"), 1);
    assert_string_equal(cJSON_GetObjectItem(hop, "from")->valuestring, "org:fbi");
    assert_string_equal(cJSON_GetObjectItem(hop, "to")->valuestring, "org:fsb");
    assert_string_equal(cJSON_GetObjectItem(hop, "direction")->valuestring, "both");
    cJSON_Delete(root);
    free(out);
    free(h);
    kg_query_free(q);
    kg_graph_free(g);
}

static void direction_names_should_parse_back(void **state)
{
    kg_direction d;
    for (int i = KG_DIR_BOTH; i <= KG_DIR_IN; i++) {
        assert_int_equal(kg_direction_parse(&d, kg_direction_name((kg_direction)i)), 0);
        assert_int_equal(d, i);
    }
    assert_int_equal(kg_direction_parse(&d, "sideways"), KG_EUSAGE);
    assert_null(kg_direction_name((kg_direction)7));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(match_should_find_an_id_case_insensitively),
        cmocka_unit_test(match_should_ignore_case_and_punctuation_in_labels_and_aliases),
        cmocka_unit_test(match_should_take_an_id_without_its_prefix_as_an_alias),
        cmocka_unit_test(match_should_fold_latin1_accents),
        cmocka_unit_test(match_should_prefer_a_label_to_an_alias),
        cmocka_unit_test(match_should_report_every_entity_of_an_ambiguous_name),
        cmocka_unit_test(match_should_suggest_the_closest_names_when_nothing_matches),
        cmocka_unit_test(match_should_name_nothing_when_nothing_is_close),
        cmocka_unit_test(match_should_keep_at_most_five_candidates),
        cmocka_unit_test(match_should_reject_an_empty_name),
        cmocka_unit_test(neighbors_should_list_direct_links_with_their_direction),
        cmocka_unit_test(neighbors_should_follow_only_the_asked_relation_and_direction),
        cmocka_unit_test(neighbors_should_widen_by_depth_and_never_revisit),
        cmocka_unit_test(neighbors_should_list_every_link_to_a_node_first_reached),
        cmocka_unit_test(neighbors_should_reject_an_unknown_relation_or_a_huge_depth),
        cmocka_unit_test(path_should_cross_edges_in_either_direction),
        cmocka_unit_test(path_should_break_ties_by_id_order),
        cmocka_unit_test(path_should_fail_between_disconnected_entities),
        cmocka_unit_test(path_from_an_entity_to_itself_should_be_empty),
        cmocka_unit_test(stats_should_count_types_relations_and_rank_by_degree),
        cmocka_unit_test(stats_of_an_empty_graph_should_be_zero),
        cmocka_unit_test(text_should_cut_long_evidence_at_a_character_boundary),
        cmocka_unit_test(neighbors_json_should_carry_hops_nodes_and_evidence),
        cmocka_unit_test(path_answers_should_show_each_hop_and_its_direction),
        cmocka_unit_test(direction_names_should_parse_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
