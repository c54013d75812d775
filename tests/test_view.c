/*
 * test_view.c - selecting views of a graph (kg/view.h): focus and depth,
 * type, relation and weight filters, the --max-nodes ranking, and what the
 * view keeps (articles, evidence limit).
 *
 * The graph is built here from invented entities, so the expected views can
 * be worked out by hand:
 *
 *   person:alpha  -sells(2)->        weapon:echo
 *   person:alpha  -member_of(4)->    org:bravo
 *   org:bravo     -supplies(1)->     country:RUS   (weapons: weapon:echo)
 *   org:bravo     -based_in(1)->     location:delta   (article a2 only)
 *   weapon:echo   -made_in(1)->      country:RUS
 *   org:bravo     -cooperates_with(1)- country:RUS
 *   person:foxtrot (no edges)
 *
 * Degrees: bravo 4, RUS 3, alpha 2, echo 2, delta 1, foxtrot 0.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "kg/error.h"
#include "kg/graph.h"
#include "kg/view.h"

#include <stdlib.h>
#include <string.h>

static void add_node(kg_graph *g, const char *id, const char *label, kg_type type,
                     const char *alias, const char *article, unsigned long count)
{
    char *aliases[1] = {(char *)alias};
    kg_count counts[1] = {{(char *)article, count}};
    kg_node n = {0};
    n.id = (char *)id;
    n.label = (char *)label;
    n.type = type;
    n.aliases = alias ? aliases : NULL;
    n.n_aliases = alias ? 1 : 0;
    n.articles = counts;
    n.n_articles = 1;
    assert_int_equal(kg_graph_merge_node(g, &n), 0);
}

static void add_edge(kg_graph *g, const char *source, const char *relation, const char *target,
                     const char *article, unsigned long count, const char *weapon)
{
    char *weapons[1] = {(char *)weapon};
    kg_count counts[1] = {{(char *)article, count}};
    kg_evidence ev = {0};
    ev.article = (char *)article;
    ev.start = 10;
    ev.end = 60;
    ev.subject[0] = 10;
    ev.subject[1] = 15;
    ev.object[0] = 40;
    ev.object[1] = 45;
    ev.text = (char *)"An invented sentence that links the two.";
    kg_edge e = {0};
    e.source = (char *)source;
    e.relation = (char *)relation;
    e.target = (char *)target;
    e.directed = 1;
    e.weapons = weapon ? weapons : NULL;
    e.n_weapons = weapon ? 1 : 0;
    e.articles = counts;
    e.n_articles = 1;
    e.evidence = &ev;
    e.n_evidence = 1;
    assert_int_equal(kg_graph_merge_edge(g, &e), 0);
}

static kg_graph *sample(void)
{
    kg_graph *g = NULL;
    assert_int_equal(kg_graph_new(&g), 0);
    kg_article_meta a1 = {(char *)"a1", (char *)"First", (char *)"2003-08-13", (char *)"a1.txt",
                          (char *)"0000000000000001"};
    kg_article_meta a2 = {(char *)"a2", (char *)"Second", (char *)"2003-08-14", (char *)"a2.txt",
                          (char *)"0000000000000002"};
    assert_int_equal(kg_graph_add_article(g, &a1), 0);
    assert_int_equal(kg_graph_add_article(g, &a2), 0);
    add_node(g, "person:alpha", "Ann Alpha", KG_TYPE_PERSON, "Alpha", "a1", 3);
    add_node(g, "org:bravo", "Bravo Corp", KG_TYPE_ORG, NULL, "a1", 2);
    add_node(g, "country:RUS", "Russia", KG_TYPE_COUNTRY, "Russian", "a1", 2);
    add_node(g, "location:delta", "Delta City", KG_TYPE_LOCATION, NULL, "a2", 1);
    add_node(g, "weapon:echo", "Echo", KG_TYPE_WEAPON, NULL, "a1", 3);
    add_node(g, "person:foxtrot", "Fay Foxtrot", KG_TYPE_PERSON, NULL, "a1", 1);
    add_edge(g, "person:alpha", "sells", "weapon:echo", "a1", 2, NULL);
    add_edge(g, "person:alpha", "member_of", "org:bravo", "a1", 4, NULL);
    add_edge(g, "org:bravo", "supplies", "country:RUS", "a1", 1, "weapon:echo");
    add_edge(g, "org:bravo", "based_in", "location:delta", "a2", 1, NULL);
    add_edge(g, "weapon:echo", "made_in", "country:RUS", "a1", 1, NULL);
    add_edge(g, "org:bravo", "cooperates_with", "country:RUS", "a1", 1, NULL);
    return g;
}

/* The node ids of g joined by ',' (canonical order), for one-line checks. */
static char *node_ids(const kg_graph *g)
{
    static char buf[1024];
    buf[0] = '\0';
    for (size_t i = 0; i < kg_graph_node_count(g); i++) {
        if (i)
            strcat(buf, ",");
        strcat(buf, kg_graph_node(g, i)->id);
    }
    return buf;
}

static char *edge_keys(const kg_graph *g)
{
    static char buf[1024];
    buf[0] = '\0';
    for (size_t i = 0; i < kg_graph_edge_count(g); i++) {
        const kg_edge *e = kg_graph_edge(g, i);
        if (i)
            strcat(buf, ",");
        strcat(buf, e->relation);
    }
    return buf;
}

static kg_graph *select_view(const kg_graph *g, const kg_view_opts *o)
{
    kg_graph *v = NULL;
    int rc = kg_view_select(&v, g, o);
    if (rc)
        fail_msg("kg_view_select: %d %s", rc, kg_error_last());
    return v;
}

static void view_without_options_should_keep_everything(void **state)
{
    (void)state;
    kg_graph *g = sample();
    kg_view_opts o;
    kg_view_opts_init(&o);
    assert_int_equal(kg_view_is_filtered(&o), 0);
    kg_graph *v = select_view(g, &o);
    assert_int_equal(kg_graph_node_count(v), 6);
    assert_int_equal(kg_graph_edge_count(v), 6);
    assert_int_equal(kg_graph_article_count(v), 2);
    char *a = NULL, *b = NULL;
    assert_int_equal(kg_graph_to_string(&a, g, 0), 0);
    assert_int_equal(kg_graph_to_string(&b, v, 0), 0);
    assert_string_equal(a, b);
    free(a);
    free(b);
    kg_graph_free(v);
    kg_graph_free(g);
}

static void focus_depth_one_should_keep_direct_neighbours(void **state)
{
    (void)state;
    kg_graph *g = sample();
    kg_view_opts o;
    kg_view_opts_init(&o);
    o.focus[o.n_focus++] = "ann alpha";
    kg_graph *v = select_view(g, &o);
    assert_string_equal(node_ids(v), "org:bravo,person:alpha,weapon:echo");
    assert_string_equal(edge_keys(v), "member_of,sells");
    /* Only a1 is cited by what is left. */
    assert_int_equal(kg_graph_article_count(v), 1);
    assert_non_null(kg_graph_find_article(v, "a1"));
    kg_graph_free(v);
    kg_graph_free(g);
}

static void focus_depth_two_should_follow_edges_both_ways(void **state)
{
    (void)state;
    kg_graph *g = sample();
    kg_view_opts o;
    kg_view_opts_init(&o);
    o.focus[o.n_focus++] = "location:delta";
    o.depth = 2;
    kg_graph *v = select_view(g, &o);
    /* delta <- bravo (in-edge), then bravo's neighbours either way. */
    assert_string_equal(node_ids(v), "country:RUS,location:delta,org:bravo,person:alpha");
    assert_string_equal(edge_keys(v), "cooperates_with,based_in,supplies,member_of");
    kg_graph_free(v);
    kg_graph_free(g);
}

static void focus_depth_zero_should_keep_only_the_focus(void **state)
{
    (void)state;
    kg_graph *g = sample();
    kg_view_opts o;
    kg_view_opts_init(&o);
    o.focus[o.n_focus++] = "Alpha"; /* an alias */
    o.depth = 0;
    kg_graph *v = select_view(g, &o);
    assert_string_equal(node_ids(v), "person:alpha");
    assert_int_equal(kg_graph_edge_count(v), 0);
    kg_graph_free(v);
    kg_graph_free(g);
}

static void unknown_focus_should_fail_with_candidates(void **state)
{
    (void)state;
    kg_graph *g = sample();
    kg_view_opts o;
    kg_view_opts_init(&o);
    o.focus[o.n_focus++] = "Bravo Corporation";
    kg_graph *v = (kg_graph *)1;
    assert_int_equal(kg_view_select(&v, g, &o), KG_ENOTFOUND);
    assert_null(v);
    assert_non_null(strstr(kg_error_last(), "Bravo Corp"));
    kg_graph_free(g);
}

static void types_should_drop_other_nodes_and_their_edges(void **state)
{
    (void)state;
    kg_graph *g = sample();
    kg_view_opts o;
    kg_view_opts_init(&o);
    assert_int_equal(kg_view_parse_types(&o.types, "person, ORG"), 0);
    kg_graph *v = select_view(g, &o);
    /* No edge filter: foxtrot stays although it has no edge. */
    assert_string_equal(node_ids(v), "org:bravo,person:alpha,person:foxtrot");
    assert_string_equal(edge_keys(v), "member_of");
    kg_graph_free(v);
    kg_graph_free(g);
}

static void focus_should_survive_a_type_filter(void **state)
{
    (void)state;
    kg_graph *g = sample();
    kg_view_opts o;
    kg_view_opts_init(&o);
    assert_int_equal(kg_view_parse_types(&o.types, "COUNTRY"), 0);
    o.focus[o.n_focus++] = "Echo";
    kg_graph *v = select_view(g, &o);
    assert_string_equal(node_ids(v), "country:RUS,weapon:echo");
    assert_string_equal(edge_keys(v), "made_in");
    kg_graph_free(v);
    kg_graph_free(g);
}

static void relation_family_should_keep_its_edges_and_drop_isolated_nodes(void **state)
{
    (void)state;
    kg_graph *g = sample();
    kg_view_opts o;
    kg_view_opts_init(&o);
    assert_int_equal(kg_view_parse_relations(&o.relations, "arms"), 0);
    kg_graph *v = select_view(g, &o);
    assert_string_equal(node_ids(v), "country:RUS,org:bravo,person:alpha,weapon:echo");
    assert_string_equal(edge_keys(v), "supplies,sells,made_in");
    /* The supplies edge keeps its weapons list. */
    const kg_edge *e = kg_graph_find_edge(v, "org:bravo", "supplies", "country:RUS");
    assert_non_null(e);
    assert_int_equal(e->n_weapons, 1);
    assert_string_equal(e->weapons[0], "weapon:echo");
    kg_graph_free(v);
    kg_graph_free(g);
}

static void connected_should_drop_only_nodes_without_edges(void **state)
{
    (void)state;
    kg_graph *g = sample();
    kg_view_opts o;
    kg_view_opts_init(&o);
    o.connected = 1;
    assert_int_equal(kg_view_is_filtered(&o), 1);
    kg_graph *v = select_view(g, &o);
    /* Fay Foxtrot is mentioned but in no relation; everything else stays. */
    assert_string_equal(node_ids(v),
                        "country:RUS,location:delta,org:bravo,person:alpha,weapon:echo");
    assert_int_equal(kg_graph_edge_count(v), kg_graph_edge_count(g));
    kg_graph_free(v);
    kg_graph_free(g);
}

static void min_weight_should_drop_light_edges(void **state)
{
    (void)state;
    kg_graph *g = sample();
    kg_view_opts o;
    kg_view_opts_init(&o);
    o.min_weight = 2;
    kg_graph *v = select_view(g, &o);
    assert_string_equal(node_ids(v), "org:bravo,person:alpha,weapon:echo");
    assert_string_equal(edge_keys(v), "member_of,sells");
    kg_graph_free(v);
    kg_graph_free(g);
}

static void max_nodes_should_keep_the_most_connected(void **state)
{
    (void)state;
    kg_graph *g = sample();
    kg_view_opts o;
    kg_view_opts_init(&o);
    o.max_nodes = 2;
    kg_graph *v = select_view(g, &o);
    assert_string_equal(node_ids(v), "country:RUS,org:bravo");
    assert_string_equal(edge_keys(v), "cooperates_with,supplies");
    kg_graph_free(v);
    /* alpha and echo tie on degree (2) and weight (3): the id decides. */
    o.max_nodes = 3;
    v = select_view(g, &o);
    assert_string_equal(node_ids(v), "country:RUS,org:bravo,person:alpha");
    kg_graph_free(v);
    kg_graph_free(g);
}

static void max_nodes_should_keep_the_focus_first(void **state)
{
    (void)state;
    kg_graph *g = sample();
    kg_view_opts o;
    kg_view_opts_init(&o);
    o.focus[o.n_focus++] = "Delta City";
    o.depth = 3;
    o.max_nodes = 2;
    kg_graph *v = select_view(g, &o);
    assert_string_equal(node_ids(v), "location:delta,org:bravo");
    assert_string_equal(edge_keys(v), "based_in");
    kg_graph_free(v);
    kg_graph_free(g);
}

static void view_should_keep_the_evidence_limit(void **state)
{
    (void)state;
    kg_graph *g = sample();
    assert_int_equal(kg_graph_set_evidence_limit(g, 12), 0);
    kg_view_opts o;
    kg_view_opts_init(&o);
    o.min_weight = 1;
    kg_graph *v = select_view(g, &o);
    assert_int_equal(kg_graph_evidence_limit(v), 12);
    kg_graph_free(v);
    kg_graph_free(g);
}

static void parse_lists_should_reject_unknown_words(void **state)
{
    (void)state;
    unsigned types = 0;
    uint32_t rel = 0;
    assert_int_equal(kg_view_parse_types(&types, "PERSON,ROBOT"), KG_EUSAGE);
    assert_non_null(strstr(kg_error_last(), "ROBOT"));
    assert_int_equal(kg_view_parse_types(&types, "PERSON,,ORG"), KG_EUSAGE);
    assert_int_equal(kg_view_parse_types(&types, ""), KG_EUSAGE);
    assert_int_equal(kg_view_parse_relations(&rel, "sells,teleports"), KG_EUSAGE);
    assert_non_null(strstr(kg_error_last(), "teleports"));
    assert_int_equal(kg_view_parse_types(&types, "weapon,Location"), 0);
    assert_int_equal(types, (1u << KG_TYPE_WEAPON) | (1u << KG_TYPE_LOCATION));
    assert_int_equal(kg_view_parse_relations(&rel, "place,Sells"), 0);
    unsigned n = 0;
    const kg_relation_info *all = kg_relation_all(&n);
    uint32_t want = 0;
    for (unsigned i = 0; i < n; i++)
        if (all[i].family == KG_FAMILY_PLACE || strcmp(all[i].name, "sells") == 0)
            want |= (uint32_t)1 << i;
    assert_int_equal(rel, want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(view_without_options_should_keep_everything),
        cmocka_unit_test(focus_depth_one_should_keep_direct_neighbours),
        cmocka_unit_test(focus_depth_two_should_follow_edges_both_ways),
        cmocka_unit_test(focus_depth_zero_should_keep_only_the_focus),
        cmocka_unit_test(unknown_focus_should_fail_with_candidates),
        cmocka_unit_test(types_should_drop_other_nodes_and_their_edges),
        cmocka_unit_test(focus_should_survive_a_type_filter),
        cmocka_unit_test(relation_family_should_keep_its_edges_and_drop_isolated_nodes),
        cmocka_unit_test(connected_should_drop_only_nodes_without_edges),
        cmocka_unit_test(min_weight_should_drop_light_edges),
        cmocka_unit_test(max_nodes_should_keep_the_most_connected),
        cmocka_unit_test(max_nodes_should_keep_the_focus_first),
        cmocka_unit_test(view_should_keep_the_evidence_limit),
        cmocka_unit_test(parse_lists_should_reject_unknown_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
