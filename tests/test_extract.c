/*
 * test_extract.c - the per-article graph (kg_doc_to_graph) built from
 * hand-made docs, and the whole pipeline (kg_extract_article) on short
 * texts written for these tests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kg/doc.h"
#include "kg/error.h"
#include "kg/extract.h"
#include "kg/graph.h"
#include "kg/segment.h"

static char *dup(const char *s)
{
    char *d = malloc(strlen(s) + 1);
    assert_non_null(d);
    strcpy(d, s);
    return d;
}

static kg_doc *doc_of(const char *text, const char *id)
{
    kg_doc *d = NULL;
    kg_article_meta meta = {0};
    meta.id = (char *)id;
    meta.title = "A test";
    meta.source = "test.txt";
    assert_int_equal(kg_doc_new(&d, text, strlen(text), &meta), 0);
    assert_int_equal(kg_segment(d), 0);
    return d;
}

/* Adds an entity; returns its index. */
static int32_t entity(kg_doc *d, const char *id, const char *label, kg_type type,
                      unsigned mentions, const char *alias, const char *role)
{
    kg_entity e;
    memset(&e, 0, sizeof e);
    e.id = dup(id);
    e.label = dup(label);
    e.type = type;
    e.mentions = mentions;
    if (alias) {
        e.aliases = malloc(sizeof *e.aliases);
        assert_non_null(e.aliases);
        e.aliases[0] = dup(alias);
        e.n_aliases = 1;
    }
    if (role) {
        e.roles = malloc(sizeof *e.roles);
        assert_non_null(e.roles);
        e.roles[0] = dup(role);
        e.n_roles = 1;
    }
    assert_int_equal(kg_doc_add_entity(d, &e), 0);
    return (int32_t)d->n_entities - 1;
}

/* Adds a mention over the first occurrence of `s` at or after byte `from`,
 * for entity `ent`; returns its index. */
static int32_t mention_at(kg_doc *d, const char *s, size_t from, int32_t ent)
{
    const char *p = strstr(d->text + from, s);
    assert_non_null(p);
    kg_mention m;
    memset(&m, 0, sizeof m);
    m.start = (uint32_t)(p - d->text);
    m.end = m.start + (uint32_t)strlen(s);
    for (size_t i = 0; i < d->n_tokens; i++)
        if (d->tokens[i].start == m.start) {
            m.tok_begin = (uint32_t)i;
            m.sentence = d->tokens[i].sentence;
        }
    m.tok_end = m.tok_begin + 1;
    m.entity = ent;
    assert_int_equal(kg_doc_add_mention(d, &m), 0);
    return (int32_t)d->n_mentions - 1;
}

static void relation(kg_doc *d, const char *rel, int32_t subj_m, int32_t obj_m, int32_t weapon)
{
    kg_relation r;
    memset(&r, 0, sizeof r);
    r.relation = rel;
    r.subj_mention = subj_m;
    r.obj_mention = obj_m;
    r.subject = d->mentions[subj_m].entity;
    r.object = d->mentions[obj_m].entity;
    r.sentence = d->mentions[subj_m].sentence;
    if (weapon >= 0) {
        r.weapons = malloc(sizeof *r.weapons);
        assert_non_null(r.weapons);
        r.weapons[0] = weapon;
        r.n_weapons = 1;
    }
    assert_int_equal(kg_doc_add_relation(d, &r), 0);
}

static const char text[] = "Vasko sold Kestrel rockets to Norland. "
                           "Norland paid Vasko in gold. "
                           "Vasko later sold Kestrel rockets to Norland again, and sold more.";

/* The doc of `text` with entities, mentions and relations by hand. */
static kg_doc *sample(void)
{
    kg_doc *d = doc_of(text, "art-1");
    int32_t vasko = entity(d, "person:vasko", "Vasko", KG_TYPE_PERSON, 3, "Mr. Vasko", "arms dealer");
    int32_t norland = entity(d, "country:NRL", "Norland", KG_TYPE_COUNTRY, 3, NULL, NULL);
    int32_t kestrel = entity(d, "weapon:kestrel", "Kestrel", KG_TYPE_WEAPON, 2, NULL, NULL);
    size_t s1 = 0, s2 = strstr(text, "Norland paid") - text, s3 = strstr(text, "Vasko later") - text;
    int32_t v1 = mention_at(d, "Vasko", s1, vasko), k1 = mention_at(d, "Kestrel", s1, kestrel),
            n1 = mention_at(d, "Norland", s1, norland);
    int32_t n2 = mention_at(d, "Norland", s2, norland), v2 = mention_at(d, "Vasko", s2, vasko);
    int32_t v3 = mention_at(d, "Vasko", s3, vasko), k3 = mention_at(d, "Kestrel", s3, kestrel),
            n3 = mention_at(d, "Norland", s3, norland);
    relation(d, "supplies", v1, n1, kestrel);
    relation(d, "sells", v1, k1, -1);
    relation(d, "cooperates_with", v2, n2, -1); /* symmetric: stored smaller id first */
    relation(d, "supplies", v3, n3, kestrel);
    relation(d, "supplies", v3, n3, -1); /* same sentence again: one evidence */
    relation(d, "sells", v3, k3, -1);
    return d;
}

static void doc_to_graph_should_add_article_and_one_node_per_entity(void **state)
{
    (void)state;
    kg_doc *d = sample();
    kg_graph *g = NULL;
    assert_int_equal(kg_doc_to_graph(&g, d), 0);
    assert_int_equal(kg_graph_article_count(g), 1);
    const kg_article_meta *a = kg_graph_find_article(g, "art-1");
    assert_non_null(a);
    assert_string_equal(a->title, "A test");
    assert_string_equal(a->hash, d->meta.hash);
    assert_int_equal(kg_graph_node_count(g), 3);
    const kg_node *n = kg_graph_find_node(g, "person:vasko");
    assert_non_null(n);
    assert_string_equal(n->label, "Vasko");
    assert_int_equal(n->type, KG_TYPE_PERSON);
    assert_int_equal(n->n_aliases, 1);
    assert_string_equal(n->aliases[0], "Mr. Vasko");
    assert_int_equal(n->n_roles, 1);
    assert_string_equal(n->roles[0], "arms dealer");
    assert_int_equal(n->n_articles, 1);
    assert_string_equal(n->articles[0].article, "art-1");
    assert_int_equal(n->articles[0].count, 3);
    assert_int_equal(n->weight, 3);
    kg_graph_free(g);
    kg_doc_free(d);
}

static void doc_to_graph_should_count_evidence_sentences_per_edge(void **state)
{
    (void)state;
    kg_doc *d = sample();
    kg_graph *g = NULL;
    assert_int_equal(kg_doc_to_graph(&g, d), 0);
    assert_int_equal(kg_graph_edge_count(g), 3);
    const kg_edge *e = kg_graph_find_edge(g, "person:vasko", "supplies", "country:NRL");
    assert_non_null(e);
    assert_int_equal(e->directed, 1);
    assert_int_equal(e->weight, 2); /* two sentences, three relation records */
    assert_int_equal(e->n_evidence, 2);
    assert_int_equal(e->n_weapons, 1);
    assert_string_equal(e->weapons[0], "weapon:kestrel");
    const kg_evidence *ev = &e->evidence[0];
    assert_string_equal(ev->article, "art-1");
    assert_int_equal(ev->start, 0);
    assert_string_equal(ev->text, "Vasko sold Kestrel rockets to Norland.");
    assert_int_equal(ev->end, strlen("Vasko sold Kestrel rockets to Norland."));
    assert_int_equal(ev->subject[0], 0);
    assert_int_equal(ev->subject[1], 5);
    assert_int_equal(ev->object[0], strstr(text, "Norland") - text);
    assert_int_equal(ev->object[1], ev->object[0] + 7);
    assert_int_equal(e->evidence[1].start, strstr(text, "Vasko later") - text);
    kg_graph_free(g);
    kg_doc_free(d);
}

/* "born in Aarhus, Denmark": the place a person lives in is written with
 * its region, and the lives_in evidence names both; the located_in edge
 * between them keeps the town's own span. */
static void doc_to_graph_should_span_a_town_with_its_region_for_lives_in(void **state)
{
    (void)state;
    static const char t[] = "Bo Dane was born in Aarhus, Denmark, in 1950.";
    kg_doc *d = doc_of(t, "art-2");
    int32_t bo = entity(d, "person:bo-dane", "Bo Dane", KG_TYPE_PERSON, 1, NULL, NULL);
    int32_t aa = entity(d, "location:aarhus", "Aarhus", KG_TYPE_LOCATION, 1, NULL, NULL);
    int32_t dk = entity(d, "country:DNK", "Denmark", KG_TYPE_COUNTRY, 1, NULL, NULL);
    int32_t mb = mention_at(d, "Bo", 0, bo), ma = mention_at(d, "Aarhus", 0, aa),
            md = mention_at(d, "Denmark", 0, dk);
    d->mentions[mb].tok_end = d->mentions[mb].tok_begin + 2; /* "Bo Dane" */
    d->mentions[mb].end = d->mentions[mb].start + 7;
    relation(d, "lives_in", mb, ma, -1);
    relation(d, "located_in", ma, md, -1);
    kg_graph *g = NULL;
    assert_int_equal(kg_doc_to_graph(&g, d), 0);
    const kg_edge *e = kg_graph_find_edge(g, "person:bo-dane", "lives_in", "location:aarhus");
    assert_non_null(e);
    assert_int_equal(e->evidence[0].object[0], strstr(t, "Aarhus") - t);
    assert_int_equal(e->evidence[0].object[1], strstr(t, "Denmark") - t + 7);
    e = kg_graph_find_edge(g, "location:aarhus", "located_in", "country:DNK");
    assert_non_null(e);
    assert_int_equal(e->evidence[0].subject[1], strstr(t, "Aarhus") - t + 6);
    kg_graph_free(g);
    /* where the region has its own lives_in, each place keeps its span */
    relation(d, "lives_in", mb, md, -1);
    assert_int_equal(kg_doc_to_graph(&g, d), 0);
    e = kg_graph_find_edge(g, "person:bo-dane", "lives_in", "location:aarhus");
    assert_non_null(e);
    assert_int_equal(e->evidence[0].object[1], strstr(t, "Aarhus") - t + 6);
    kg_graph_free(g);
    kg_doc_free(d);
}

/* "Kell said he shot Moran": the evidence names who "he" is when the
 * sentence does; in a sentence without the name it points at "he". */
static void doc_to_graph_should_point_a_pronoun_at_the_name_in_its_sentence(void **state)
{
    (void)state;
    static const char t[] = "Kell said he shot Moran. Later he shot Dorn.";
    kg_doc *d = doc_of(t, "art-3");
    int32_t kell = entity(d, "person:kell", "Kell", KG_TYPE_PERSON, 3, NULL, NULL);
    int32_t moran = entity(d, "person:moran", "Moran", KG_TYPE_PERSON, 1, NULL, NULL);
    int32_t dorn = entity(d, "person:dorn", "Dorn", KG_TYPE_PERSON, 1, NULL, NULL);
    size_t s2 = strstr(t, "Later") - t;
    int32_t k = mention_at(d, "Kell", 0, kell), mo = mention_at(d, "Moran", 0, moran),
            he1 = mention_at(d, "he", 0, kell), he2 = mention_at(d, "he", s2, kell),
            dn = mention_at(d, "Dorn", 0, dorn);
    (void)k;
    d->mentions[he1].kind = KG_MENTION_PRONOUN;
    d->mentions[he2].kind = KG_MENTION_PRONOUN;
    relation(d, "kills", he1, mo, -1);
    relation(d, "kills", he2, dn, -1);
    kg_graph *g = NULL;
    assert_int_equal(kg_doc_to_graph(&g, d), 0);
    const kg_edge *e = kg_graph_find_edge(g, "person:kell", "kills", "person:moran");
    assert_non_null(e);
    assert_int_equal(e->evidence[0].subject[0], 0);
    assert_int_equal(e->evidence[0].subject[1], 4);
    e = kg_graph_find_edge(g, "person:kell", "kills", "person:dorn");
    assert_non_null(e);
    assert_int_equal(e->evidence[0].subject[0], strstr(t + s2, "he") - t);
    kg_graph_free(g);
    kg_doc_free(d);
}

static void doc_to_graph_should_store_symmetric_relation_smaller_id_first(void **state)
{
    (void)state;
    kg_doc *d = sample();
    kg_graph *g = NULL;
    assert_int_equal(kg_doc_to_graph(&g, d), 0);
    const kg_edge *e = kg_graph_find_edge(g, "country:NRL", "cooperates_with", "person:vasko");
    assert_non_null(e);
    assert_string_equal(e->source, "country:NRL");
    assert_string_equal(e->target, "person:vasko");
    assert_int_equal(e->directed, 0);
    /* The spans follow the endpoints: subject is now the Norland mention. */
    size_t s2 = strstr(text, "Norland paid") - text;
    assert_int_equal(e->evidence[0].subject[0], s2);
    assert_int_equal(e->evidence[0].object[0], strstr(text + s2, "Vasko") - text);
    kg_graph_free(g);
    kg_doc_free(d);
}

static void doc_to_graph_should_drop_unresolved_and_self_relations(void **state)
{
    (void)state;
    kg_doc *d = sample();
    int32_t v = d->mentions[0].entity;
    size_t before = d->n_relations;
    relation(d, "informs", 0, 0, -1); /* Vasko -> Vasko */
    relation(d, "informs", 0, 1, -1);
    d->relations[d->n_relations - 1].object = -1; /* a pronoun nobody linked */
    relation(d, "no_such_relation", 0, 2, -1);
    assert_int_equal(d->n_relations, before + 3);
    assert_true(v >= 0);
    kg_graph *g = NULL;
    assert_int_equal(kg_doc_to_graph(&g, d), 0);
    assert_int_equal(kg_graph_edge_count(g), 3);
    kg_graph_free(g);
    kg_doc_free(d);
}

static void extract_doc_graph_should_keep_at_most_the_evidence_limit(void **state)
{
    (void)state;
    kg_doc *d = sample();
    kg_graph *g = NULL;
    assert_int_equal(kg_extract_doc_graph(&g, d, 1), 0);
    const kg_edge *e = kg_graph_find_edge(g, "person:vasko", "supplies", "country:NRL");
    assert_non_null(e);
    assert_int_equal(e->n_evidence, 1);
    assert_int_equal(e->evidence[0].start, 0);
    assert_int_equal(e->weight, 2); /* the count is not cut by the limit */
    kg_graph_free(g);
    kg_doc_free(d);
}

/* A sentence longer than KG_EVIDENCE_TEXT_MAX: its text is cut on a
 * character boundary and ends in "...", while start/end and the mention
 * spans still describe the whole sentence. The prefix shifts the cut
 * through every byte of the 3-byte characters. */
static void doc_to_graph_should_cut_long_evidence_text_on_a_character_boundary(void **state)
{
    (void)state;
    for (size_t shift = 0; shift < 3; shift++) {
        char buf[2000];
        size_t n = 0;
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%.*sVasko sold Kestrel rockets to Norland",
                              (int)shift, "xxx");
        while (n < 1400)
            n += (size_t)snprintf(buf + n, sizeof buf - n, " \xe2\x82\xac"); /* euro signs */
        n += (size_t)snprintf(buf + n, sizeof buf - n, " today.");
        kg_doc *d = doc_of(buf, "art-long");
        int32_t vasko = entity(d, "person:vasko", "Vasko", KG_TYPE_PERSON, 1, NULL, NULL);
        int32_t norland = entity(d, "country:NRL", "Norland", KG_TYPE_COUNTRY, 1, NULL, NULL);
        int32_t v = mention_at(d, "Vasko", 0, vasko), no = mention_at(d, "Norland", 0, norland);
        relation(d, "supplies", v, no, -1);
        kg_graph *g = NULL;
        assert_int_equal(kg_doc_to_graph(&g, d), 0);
        const kg_edge *e = kg_graph_find_edge(g, "person:vasko", "supplies", "country:NRL");
        assert_non_null(e);
        const kg_evidence *ev = &e->evidence[0];
        size_t len = strlen(ev->text);
        assert_true(len <= KG_EVIDENCE_TEXT_MAX);
        assert_true(len >= KG_EVIDENCE_TEXT_MAX - 5);
        assert_string_equal(ev->text + len - 3, "...");
        size_t kept = len - 3;
        assert_memory_equal(ev->text, buf, kept);
        assert_true(((unsigned char)buf[kept] & 0xC0) != 0x80); /* not mid-character */
        assert_int_equal(ev->start, 0);
        assert_int_equal(ev->end, n);
        assert_int_equal(ev->subject[0], shift);
        assert_int_equal(ev->object[0], strstr(buf, "Norland") - buf);
        kg_graph_free(g);
        kg_doc_free(d);
    }
}

static void doc_to_graph_should_keep_evidence_at_the_text_limit_whole(void **state)
{
    (void)state;
    char buf[KG_EVIDENCE_TEXT_MAX + 1];
    size_t n = (size_t)snprintf(buf, sizeof buf, "Vasko sold Kestrel rockets to Norland");
    for (; n < KG_EVIDENCE_TEXT_MAX - 1; n++)
        buf[n] = n % 2 ? ' ' : 'a';
    buf[n++] = '.';
    buf[n] = '\0';
    kg_doc *d = doc_of(buf, "art-edge");
    int32_t vasko = entity(d, "person:vasko", "Vasko", KG_TYPE_PERSON, 1, NULL, NULL);
    int32_t norland = entity(d, "country:NRL", "Norland", KG_TYPE_COUNTRY, 1, NULL, NULL);
    relation(d, "supplies", mention_at(d, "Vasko", 0, vasko), mention_at(d, "Norland", 0, norland),
             -1);
    kg_graph *g = NULL;
    assert_int_equal(kg_doc_to_graph(&g, d), 0);
    const kg_edge *e = kg_graph_find_edge(g, "person:vasko", "supplies", "country:NRL");
    assert_non_null(e);
    assert_int_equal(strlen(e->evidence[0].text), KG_EVIDENCE_TEXT_MAX);
    assert_string_equal(e->evidence[0].text, buf);
    kg_graph_free(g);
    kg_doc_free(d);
}

static void doc_to_graph_should_give_same_bytes_twice(void **state)
{
    (void)state;
    kg_doc *d = sample();
    kg_graph *g1 = NULL, *g2 = NULL;
    char *s1 = NULL, *s2 = NULL;
    assert_int_equal(kg_doc_to_graph(&g1, d), 0);
    assert_int_equal(kg_doc_to_graph(&g2, d), 0);
    assert_int_equal(kg_graph_to_string(&s1, g1, KG_GRAPH_COMPACT), 0);
    assert_int_equal(kg_graph_to_string(&s2, g2, KG_GRAPH_COMPACT), 0);
    assert_string_equal(s1, s2);
    assert_null(strchr(s1, '\n'));
    free(s1);
    free(s2);
    kg_graph_free(g1);
    kg_graph_free(g2);
    kg_doc_free(d);
}

static kg_graph *extract(const char *t, const char *id)
{
    kg_doc *d = NULL;
    kg_article_meta meta = {0};
    meta.id = (char *)id;
    assert_int_equal(kg_doc_new(&d, t, strlen(t), &meta), 0);
    kg_graph *g = NULL;
    kg_extract_opts o;
    kg_extract_opts_init(&o);
    int rc = kg_extract_article(&g, d, &o);
    if (rc)
        fprintf(stderr, "%s\n", kg_error_last());
    assert_int_equal(rc, 0);
    kg_doc_free(d);
    return g;
}

static void extract_article_should_give_empty_article_a_graph_with_its_article(void **state)
{
    (void)state;
    kg_graph *g = extract("", "empty-1");
    assert_int_equal(kg_graph_article_count(g), 1);
    assert_non_null(kg_graph_find_article(g, "empty-1"));
    assert_int_equal(kg_graph_node_count(g), 0);
    assert_int_equal(kg_graph_edge_count(g), 0);
    kg_graph_free(g);
}

static void extract_article_should_put_countries_under_iso_ids(void **state)
{
    (void)state;
    kg_graph *g = extract("Russian officials said on Monday that Russia and the United States "
                          "would share more intelligence. American diplomats agreed.",
                          "art-2");
    const kg_node *rus = kg_graph_find_node(g, "country:RUS");
    assert_non_null(rus);
    assert_int_equal(rus->type, KG_TYPE_COUNTRY);
    assert_string_equal(rus->articles[0].article, "art-2");
    const kg_node *usa = kg_graph_find_node(g, "country:USA");
    assert_non_null(usa);
    assert_string_equal(usa->label, "United States");
    int american = 0;
    for (size_t i = 0; i < usa->n_aliases; i++)
        american |= strcmp(usa->aliases[i], "American") == 0;
    assert_true(american);
    kg_graph_free(g);
}

/* A nationality on a weapon the lexicon knows the maker of: the same
 * country is the maker, another one is flying it. */
static void extract_article_should_read_a_foreign_nationality_on_a_weapon_as_possession(void **state)
{
    (void)state;
    kg_graph *g = extract("Gunners shot down an Iranian F-4 near the border. "
                          "Observers saw a Chinese Silkworm on the coast. "
                          "The army tested French and German Roland missiles.",
                          "art-3");
    assert_non_null(kg_graph_find_edge(g, "country:IRN", "possesses", "weapon:f-4"));
    assert_null(kg_graph_find_edge(g, "weapon:f-4", "made_in", "country:IRN"));
    assert_non_null(kg_graph_find_edge(g, "weapon:silkworm", "made_in", "country:CHN"));
    assert_null(kg_graph_find_edge(g, "country:CHN", "possesses", "weapon:silkworm"));
    assert_non_null(kg_graph_find_edge(g, "weapon:roland", "made_in", "country:DEU"));
    assert_null(kg_graph_find_edge(g, "country:DEU", "possesses", "weapon:roland"));
    kg_graph_free(g);
}

/* A Reuters ticker between a company and its relative clause: the ticker
 * is no entity and does not break the clause. */
static void extract_article_should_read_past_a_ticker(void **state)
{
    (void)state;
    kg_graph *g = extract("The prime contractor is the Velmont Corp <VLM>, which builds the Hawk "
                          "missiles.",
                          "art-4");
    assert_non_null(kg_graph_find_edge(g, "org:velmont", "produces", "weapon:hawk"));
    assert_null(kg_graph_find_node(g, "org:vlm"));
    kg_graph_free(g);
    /* between a company and the title of the person after it */
    g = extract("Velmont Corp <VLM> chairman Ivo Marek resigned on Monday.", "art-5");
    assert_non_null(kg_graph_find_edge(g, "person:ivo-marek", "leader_of", "org:velmont"));
    kg_graph_free(g);
}

static void extract_article_should_reject_evidence_limit_above_max(void **state)
{
    (void)state;
    kg_doc *d = NULL;
    assert_int_equal(kg_doc_new(&d, "Text.", 5, NULL), 0);
    kg_graph *g = NULL;
    kg_extract_opts o;
    kg_extract_opts_init(&o);
    o.evidence = KG_EVIDENCE_MAX + 1;
    assert_int_equal(kg_extract_article(&g, d, &o), KG_EUSAGE);
    assert_null(g);
    kg_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(doc_to_graph_should_add_article_and_one_node_per_entity),
        cmocka_unit_test(doc_to_graph_should_count_evidence_sentences_per_edge),
        cmocka_unit_test(doc_to_graph_should_store_symmetric_relation_smaller_id_first),
        cmocka_unit_test(doc_to_graph_should_drop_unresolved_and_self_relations),
        cmocka_unit_test(extract_doc_graph_should_keep_at_most_the_evidence_limit),
        cmocka_unit_test(doc_to_graph_should_give_same_bytes_twice),
        cmocka_unit_test(doc_to_graph_should_span_a_town_with_its_region_for_lives_in),
        cmocka_unit_test(doc_to_graph_should_point_a_pronoun_at_the_name_in_its_sentence),
        cmocka_unit_test(doc_to_graph_should_cut_long_evidence_text_on_a_character_boundary),
        cmocka_unit_test(doc_to_graph_should_keep_evidence_at_the_text_limit_whole),
        cmocka_unit_test(extract_article_should_give_empty_article_a_graph_with_its_article),
        cmocka_unit_test(extract_article_should_put_countries_under_iso_ids),
        cmocka_unit_test(extract_article_should_read_past_a_ticker),
        cmocka_unit_test(extract_article_should_read_a_foreign_nationality_on_a_weapon_as_possession),
        cmocka_unit_test(extract_article_should_reject_evidence_limit_above_max),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
