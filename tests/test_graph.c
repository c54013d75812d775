/*
 * test_graph.c - the in-memory graph: the merge primitives one rule at a
 * time (counts, labels, aliases, types, evidence) and the canonical getters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "kg/error.h"
#include "kg/graph.h"

static kg_graph *new_graph(void)
{
    kg_graph *g = NULL;
    assert_int_equal(kg_graph_new(&g), 0);
    assert_non_null(g);
    return g;
}

/* Merges a node with one alias list and one (article, count). */
static void put_node(kg_graph *g, const char *id, const char *label, kg_type type,
                     const char *alias, const char *article, unsigned long count)
{
    char *aliases[1] = {(char *)alias};
    kg_count c = {(char *)article, count};
    kg_node n = {.id = (char *)id, .label = (char *)label, .type = type};
    if (alias) {
        n.aliases = aliases;
        n.n_aliases = 1;
    }
    if (article) {
        n.articles = &c;
        n.n_articles = 1;
    }
    assert_int_equal(kg_graph_merge_node(g, &n), 0);
}

static kg_evidence ev(const char *article, size_t start, const char *text)
{
    kg_evidence e = {.article = (char *)article,
                     .start = start,
                     .end = start + 10,
                     .subject = {start, start + 2},
                     .object = {start + 4, start + 6},
                     .text = (char *)text};
    return e;
}

static int put_edge(kg_graph *g, const char *s, const char *r, const char *t, const char *article,
                    unsigned long count, const kg_evidence *evs, size_t n_ev)
{
    kg_count c = {(char *)article, count};
    kg_edge e = {.source = (char *)s,
                 .relation = (char *)r,
                 .target = (char *)t,
                 .articles = &c,
                 .n_articles = article ? 1 : 0,
                 .evidence = (kg_evidence *)evs,
                 .n_evidence = n_ev};
    return kg_graph_merge_edge(g, &e);
}

static void free_graph_should_accept_null(void **state)
{
    (void)state;
    kg_graph_free(NULL);
}

static void new_graph_should_be_empty_with_default_evidence_limit(void **state)
{
    (void)state;
    kg_graph *g = new_graph();
    assert_int_equal(kg_graph_node_count(g), 0);
    assert_int_equal(kg_graph_edge_count(g), 0);
    assert_int_equal(kg_graph_article_count(g), 0);
    assert_null(kg_graph_node(g, 0));
    assert_null(kg_graph_edge(g, 0));
    assert_null(kg_graph_article(g, 0));
    assert_int_equal(kg_graph_evidence_limit(g), KG_EVIDENCE_DEFAULT);
    kg_graph_free(g);
}

static void node_counts_should_keep_the_larger_count_per_article(void **state)
{
    (void)state;
    kg_graph *g = new_graph();
    put_node(g, "country:USA", "United States", KG_TYPE_COUNTRY, NULL, "a1", 3);
    put_node(g, "country:USA", "United States", KG_TYPE_COUNTRY, NULL, "a1", 2);
    put_node(g, "country:USA", "United States", KG_TYPE_COUNTRY, NULL, "a2", 4);
    put_node(g, "country:USA", "United States", KG_TYPE_COUNTRY, NULL, "a1", 5);
    const kg_node *n = kg_graph_find_node(g, "country:USA");
    assert_non_null(n);
    assert_int_equal(n->n_articles, 2);
    assert_string_equal(n->articles[0].article, "a1");
    assert_int_equal(n->articles[0].count, 5);
    assert_string_equal(n->articles[1].article, "a2");
    assert_int_equal(n->articles[1].count, 4);
    assert_int_equal(n->weight, 9);
    kg_graph_free(g);
}

static void hub_node_articles_should_come_back_sorted(void **state)
{
    (void)state;
    kg_graph *g = new_graph();
    /* More entries than the linear-search threshold, inserted out of order. */
    char id[32];
    for (int i = 0; i < 3000; i++) {
        snprintf(id, sizeof id, "art-%05d", (i * 7919) % 3000);
        put_node(g, "country:USA", "United States", KG_TYPE_COUNTRY, NULL, id, 1);
    }
    for (int i = 0; i < 3000; i++) {
        snprintf(id, sizeof id, "art-%05d", i);
        put_node(g, "country:USA", "United States", KG_TYPE_COUNTRY, NULL, id, 2);
    }
    const kg_node *n = kg_graph_node(g, 0);
    assert_non_null(n);
    assert_int_equal(n->n_articles, 3000);
    assert_int_equal(n->weight, 6000);
    for (size_t i = 1; i < n->n_articles; i++)
        assert_true(strcmp(n->articles[i - 1].article, n->articles[i].article) < 0);
    kg_graph_free(g);
}

static void label_should_be_the_longest_name_then_strcmp_smallest(void **state)
{
    (void)state;
    kg_graph *g = new_graph();
    put_node(g, "person:hemant-lakhani", "Lakhani", KG_TYPE_PERSON, "Mr. Lakhani", "a1", 1);
    put_node(g, "person:hemant-lakhani", "Hemant Lakhani", KG_TYPE_PERSON, NULL, "a2", 1);
    put_node(g, "person:hemant-lakhani", "Hemant Lakhanj", KG_TYPE_PERSON, NULL, "a3", 1);
    const kg_node *n = kg_graph_find_node(g, "person:hemant-lakhani");
    assert_string_equal(n->label, "Hemant Lakhani");
    /* Every other name is kept as an alias, sorted, never the label. */
    assert_int_equal(n->n_aliases, 3);
    assert_string_equal(n->aliases[0], "Hemant Lakhanj");
    assert_string_equal(n->aliases[1], "Lakhani");
    assert_string_equal(n->aliases[2], "Mr. Lakhani");
    kg_graph_free(g);
}

static void alias_equal_to_label_should_be_dropped(void **state)
{
    (void)state;
    kg_graph *g = new_graph();
    put_node(g, "org:fsb", "FSB", KG_TYPE_ORG, "Federal Security Service", NULL, 0);
    const kg_node *n = kg_graph_find_node(g, "org:fsb");
    assert_string_equal(n->label, "FSB");
    assert_int_equal(n->n_aliases, 1);
    /* The longer name offered as label later takes over; the old label
     * becomes an alias and the new one leaves the aliases. */
    put_node(g, "org:fsb", "Federal Security Service", KG_TYPE_ORG, "FSB", NULL, 0);
    n = kg_graph_find_node(g, "org:fsb");
    assert_string_equal(n->label, "Federal Security Service");
    assert_int_equal(n->n_aliases, 1);
    assert_string_equal(n->aliases[0], "FSB");
    kg_graph_free(g);
}

static void node_type_should_be_the_smallest_offered(void **state)
{
    (void)state;
    kg_graph *g = new_graph();
    put_node(g, "x:georgia", "Georgia", KG_TYPE_LOCATION, NULL, NULL, 0);
    put_node(g, "x:georgia", "Georgia", KG_TYPE_COUNTRY, NULL, NULL, 0);
    put_node(g, "x:georgia", "Georgia", KG_TYPE_WEAPON, NULL, NULL, 0);
    assert_int_equal(kg_graph_find_node(g, "x:georgia")->type, KG_TYPE_COUNTRY);
    kg_graph_free(g);
}

static void merge_node_should_reject_empty_id_or_label(void **state)
{
    (void)state;
    kg_graph *g = new_graph();
    kg_node n = {.id = "", .label = "X", .type = KG_TYPE_ORG};
    assert_int_equal(kg_graph_merge_node(g, &n), KG_EINVALID);
    n.id = "org:x";
    n.label = "";
    assert_int_equal(kg_graph_merge_node(g, &n), KG_EINVALID);
    assert_true(strstr(kg_error_last(), "org:x") != NULL);
    n.label = "X";
    n.type = KG_TYPE__COUNT;
    assert_int_equal(kg_graph_merge_node(g, &n), KG_EINVALID);
    assert_int_equal(kg_graph_node_count(g), 0);
    kg_graph_free(g);
}

static void merge_edge_should_require_known_relation_and_existing_nodes(void **state)
{
    (void)state;
    kg_graph *g = new_graph();
    put_node(g, "person:a", "A", KG_TYPE_PERSON, NULL, NULL, 0);
    put_node(g, "org:b", "B", KG_TYPE_ORG, NULL, NULL, 0);
    assert_int_equal(put_edge(g, "person:a", "befriends", "org:b", "a1", 1, NULL, 0), KG_EINVALID);
    assert_int_equal(put_edge(g, "person:a", "member_of", "org:zz", "a1", 1, NULL, 0), KG_EINVALID);
    assert_true(strstr(kg_error_last(), "org:zz") != NULL);
    assert_int_equal(put_edge(g, "person:a", "member_of", "org:b", "a1", 1, NULL, 0), 0);
    assert_int_equal(kg_graph_edge_count(g), 1);
    kg_graph_free(g);
}

static void symmetric_edge_should_be_stored_smaller_id_first_and_undirected(void **state)
{
    (void)state;
    kg_graph *g = new_graph();
    put_node(g, "org:fsb", "FSB", KG_TYPE_ORG, NULL, NULL, 0);
    put_node(g, "org:fbi", "FBI", KG_TYPE_ORG, NULL, NULL, 0);
    kg_evidence e = ev("a1", 100, "The FSB worked with the FBI.");
    assert_int_equal(put_edge(g, "org:fsb", "cooperates_with", "org:fbi", "a1", 1, &e, 1), 0);
    assert_int_equal(put_edge(g, "org:fbi", "cooperates_with", "org:fsb", "a2", 1, NULL, 0), 0);
    assert_int_equal(kg_graph_edge_count(g), 1);
    const kg_edge *x = kg_graph_edge(g, 0);
    assert_string_equal(x->source, "org:fbi");
    assert_string_equal(x->target, "org:fsb");
    assert_int_equal(x->directed, 0);
    assert_int_equal(x->weight, 2);
    /* The evidence follows the swap: its subject is now the FBI mention. */
    assert_int_equal(x->evidence[0].subject[0], 104);
    assert_int_equal(x->evidence[0].object[0], 100);
    /* Found either way round. */
    assert_ptr_equal(kg_graph_find_edge(g, "org:fsb", "cooperates_with", "org:fbi"), x);
    kg_graph_free(g);
}

static void directed_edge_should_keep_its_direction(void **state)
{
    (void)state;
    kg_graph *g = new_graph();
    put_node(g, "person:z", "Z", KG_TYPE_PERSON, NULL, NULL, 0);
    put_node(g, "org:a", "A", KG_TYPE_ORG, NULL, NULL, 0);
    assert_int_equal(put_edge(g, "person:z", "member_of", "org:a", "a1", 1, NULL, 0), 0);
    const kg_edge *x = kg_graph_edge(g, 0);
    assert_string_equal(x->source, "person:z");
    assert_int_equal(x->directed, 1);
    assert_null(kg_graph_find_edge(g, "org:a", "member_of", "person:z"));
    kg_graph_free(g);
}

static void evidence_should_keep_the_n_smallest_deduplicated(void **state)
{
    (void)state;
    kg_graph *g = new_graph();
    assert_int_equal(kg_graph_set_evidence_limit(g, 3), 0);
    put_node(g, "person:a", "A", KG_TYPE_PERSON, NULL, NULL, 0);
    put_node(g, "weapon:igla", "Igla", KG_TYPE_WEAPON, NULL, NULL, 0);
    kg_evidence evs[] = {ev("a2", 50, "five"), ev("a1", 90, "three"), ev("a1", 90, "three"),
                         ev("a3", 1, "six"),   ev("a1", 10, "one"),   ev("a1", 20, "two")};
    for (size_t i = 0; i < sizeof evs / sizeof evs[0]; i++)
        assert_int_equal(
            put_edge(g, "person:a", "sells", "weapon:igla", evs[i].article, 1, &evs[i], 1), 0);
    const kg_edge *x = kg_graph_find_edge(g, "person:a", "sells", "weapon:igla");
    assert_int_equal(x->n_evidence, 3);
    assert_string_equal(x->evidence[0].text, "one");
    assert_string_equal(x->evidence[1].text, "two");
    assert_string_equal(x->evidence[2].text, "three");
    /* Lowering the limit trims, raising it does not bring records back. */
    assert_int_equal(kg_graph_set_evidence_limit(g, 1), 0);
    assert_int_equal(x->n_evidence, 1);
    assert_int_equal(kg_graph_set_evidence_limit(g, 0), KG_EUSAGE);
    assert_int_equal(kg_graph_set_evidence_limit(g, KG_EVIDENCE_MAX + 1), KG_EUSAGE);
    kg_graph_free(g);
}

static void weapons_should_be_a_sorted_union(void **state)
{
    (void)state;
    kg_graph *g = new_graph();
    put_node(g, "country:USA", "United States", KG_TYPE_COUNTRY, NULL, NULL, 0);
    put_node(g, "country:IRN", "Iran", KG_TYPE_COUNTRY, NULL, NULL, 0);
    char *w1[] = {"weapon:tow", "weapon:hawk"};
    char *w2[] = {"weapon:hawk", "weapon:f-14"};
    kg_edge e = {.source = "country:USA",
                 .relation = "supplies",
                 .target = "country:IRN",
                 .weapons = w1,
                 .n_weapons = 2};
    assert_int_equal(kg_graph_merge_edge(g, &e), 0);
    e.weapons = w2;
    assert_int_equal(kg_graph_merge_edge(g, &e), 0);
    const kg_edge *x = kg_graph_edge(g, 0);
    assert_int_equal(x->n_weapons, 3);
    assert_string_equal(x->weapons[0], "weapon:f-14");
    assert_string_equal(x->weapons[1], "weapon:hawk");
    assert_string_equal(x->weapons[2], "weapon:tow");
    kg_graph_free(g);
}

static void getters_should_return_canonical_order(void **state)
{
    (void)state;
    kg_graph *g = new_graph();
    const char *ids[] = {"weapon:igla", "country:RUS", "person:b", "org:fsb", "person:a"};
    for (size_t i = 0; i < 5; i++)
        put_node(g, ids[i], "N", KG_TYPE_ORG, NULL, NULL, 0);
    assert_int_equal(put_edge(g, "person:b", "member_of", "org:fsb", NULL, 0, NULL, 0), 0);
    assert_int_equal(put_edge(g, "person:a", "member_of", "org:fsb", NULL, 0, NULL, 0), 0);
    assert_int_equal(put_edge(g, "org:fsb", "part_of", "country:RUS", NULL, 0, NULL, 0), 0);
    assert_int_equal(put_edge(g, "person:a", "citizen_of", "country:RUS", NULL, 0, NULL, 0), 0);
    assert_string_equal(kg_graph_node(g, 0)->id, "country:RUS");
    assert_string_equal(kg_graph_node(g, 1)->id, "org:fsb");
    assert_string_equal(kg_graph_node(g, 4)->id, "weapon:igla");
    assert_null(kg_graph_node(g, 5));
    assert_string_equal(kg_graph_edge(g, 0)->source, "org:fsb");
    assert_string_equal(kg_graph_edge(g, 1)->relation, "citizen_of");
    assert_string_equal(kg_graph_edge(g, 2)->relation, "member_of");
    assert_string_equal(kg_graph_edge(g, 3)->source, "person:b");
    /* Adding a node invalidates and rebuilds the view. */
    put_node(g, "aaa:first", "F", KG_TYPE_ORG, NULL, NULL, 0);
    assert_string_equal(kg_graph_node(g, 0)->id, "aaa:first");
    kg_graph_free(g);
}

static void articles_should_merge_fields_and_track_hashes(void **state)
{
    (void)state;
    kg_graph *g = new_graph();
    kg_article_meta a = {
        .id = "a1", .title = "Short", .date = "", .source = NULL, .hash = "00000000000000aa"};
    assert_int_equal(kg_graph_add_article(g, &a), 0);
    kg_article_meta b = {.id = "a1", .title = "Also", .date = "2004-08-12", .hash = ""};
    assert_int_equal(kg_graph_add_article(g, &b), 0);
    const kg_article_meta *m = kg_graph_find_article(g, "a1");
    assert_non_null(m);
    assert_string_equal(m->title, "Short"); /* strcmp-largest non-empty */
    assert_string_equal(m->date, "2004-08-12");
    assert_true(kg_graph_has_hash(g, "00000000000000aa"));
    assert_false(kg_graph_has_hash(g, "00000000000000bb"));
    kg_article_meta c = {.id = "a1", .hash = "00000000000000bb"};
    assert_int_equal(kg_graph_add_article(g, &c), 0);
    assert_true(kg_graph_has_hash(g, "00000000000000bb"));
    assert_false(kg_graph_has_hash(g, "00000000000000aa"));
    kg_article_meta none = {.id = ""};
    assert_int_equal(kg_graph_add_article(g, &none), KG_EINVALID);
    assert_int_equal(kg_graph_article_count(g), 1);
    kg_graph_free(g);
}

static void merging_a_graph_into_itself_should_change_nothing(void **state)
{
    (void)state;
    kg_graph *g = new_graph();
    put_node(g, "person:a", "A", KG_TYPE_PERSON, "Al", "a1", 2);
    assert_int_equal(kg_graph_merge(g, g), 0);
    assert_int_equal(kg_graph_find_node(g, "person:a")->weight, 2);
    kg_graph_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(free_graph_should_accept_null),
        cmocka_unit_test(new_graph_should_be_empty_with_default_evidence_limit),
        cmocka_unit_test(node_counts_should_keep_the_larger_count_per_article),
        cmocka_unit_test(hub_node_articles_should_come_back_sorted),
        cmocka_unit_test(label_should_be_the_longest_name_then_strcmp_smallest),
        cmocka_unit_test(alias_equal_to_label_should_be_dropped),
        cmocka_unit_test(node_type_should_be_the_smallest_offered),
        cmocka_unit_test(merge_node_should_reject_empty_id_or_label),
        cmocka_unit_test(merge_edge_should_require_known_relation_and_existing_nodes),
        cmocka_unit_test(symmetric_edge_should_be_stored_smaller_id_first_and_undirected),
        cmocka_unit_test(directed_edge_should_keep_its_direction),
        cmocka_unit_test(evidence_should_keep_the_n_smallest_deduplicated),
        cmocka_unit_test(weapons_should_be_a_sorted_union),
        cmocka_unit_test(getters_should_return_canonical_order),
        cmocka_unit_test(articles_should_merge_fields_and_track_hashes),
        cmocka_unit_test(merging_a_graph_into_itself_should_change_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
