/*
 * test_resolve.c - within-article resolution on texts written for these
 * tests. Mentions are placed by hand (the tagger is tested elsewhere), so
 * each case checks resolve's rules alone: surname joins, courtesy titles,
 * acronyms in parentheses, demonyms, roles, ids and labels.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "kg/doc.h"
#include "kg/error.h"
#include "kg/lexicon.h"
#include "kg/resolve.h"
#include "kg/segment.h"

/* Titles and one organisation the cases need, whatever the built-in
 * lexicon holds today. */
static const char test_lexicon[] =
    "title\t-\tarms dealer\t-\t-\t-\trelation=member_of\n"
    "title\t-\tdirector\t-\t-\t-\trelation=member_of\n"
    "title\t-\tattorney\t-\t-\t-\trelation=member_of\n"
    "title\t-\tspokesman\t-\t-\t-\trelation=member_of\n"
    "title\t-\tPresident\tPresidents\t-\t-\trelation=leader_of\n"
    "org\torg:nib\tNational Inquiry Bureau\t-\tNIB\n"
    "org\torg:grand-council\tGrand Council\n"
    "location\tlocation:brindleford\tBrindleford\t-\t-\t-\tin=country:GBR\n";

static kg_lexicon *lx;

static int setup(void **state)
{
    (void)state;
    char path[] = "/tmp/kg-test-resolve-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    if (write(fd, test_lexicon, sizeof test_lexicon - 1) != (ssize_t)(sizeof test_lexicon - 1)) {
        close(fd);
        return -1;
    }
    close(fd);
    int rc = kg_lexicon_new(&lx);
    if (!rc)
        rc = kg_lexicon_load_file(lx, path);
    unlink(path);
    return rc;
}

static int teardown(void **state)
{
    (void)state;
    kg_lexicon_free(lx);
    return 0;
}

static kg_doc *doc_of(const char *text)
{
    kg_doc *d = NULL;
    assert_int_equal(kg_doc_new(&d, text, strlen(text), NULL), 0);
    assert_int_equal(kg_segment(d), 0);
    return d;
}

/* Adds a mention over the nth (from 0) token-aligned occurrence of
 * `surface`; returns its index. */
static size_t mention(kg_doc *d, const char *surface, int nth, kg_type type, kg_mention_kind kind,
                      const char *lex_id)
{
    size_t n = strlen(surface);
    const char *p = d->text;
    for (;;) {
        p = strstr(p, surface);
        assert_non_null(p);
        uint32_t start = (uint32_t)(p - d->text), end = start + (uint32_t)n;
        size_t tb = SIZE_MAX, te = SIZE_MAX;
        for (size_t i = 0; i < d->n_tokens; i++) {
            if (d->tokens[i].start == start)
                tb = i;
            if (d->tokens[i].end == end)
                te = i + 1;
        }
        if (tb != SIZE_MAX && te != SIZE_MAX && nth-- == 0) {
            kg_mention m;
            memset(&m, 0, sizeof m);
            m.tok_begin = (uint32_t)tb;
            m.tok_end = (uint32_t)te;
            m.start = start;
            m.end = end;
            m.sentence = d->tokens[tb].sentence;
            m.type = type;
            m.kind = kind;
            m.ner = kind == KG_MENTION_DEMONYM ? KG_NER_MISC
                    : type == KG_TYPE_PERSON   ? KG_NER_PER
                    : type == KG_TYPE_ORG      ? KG_NER_ORG
                                               : KG_NER_LOC;
            m.entity = -1;
            if (lex_id) {
                m.lex = kg_lexicon_find_id(lx, lex_id);
                assert_non_null(m.lex);
            }
            assert_int_equal(kg_doc_add_mention(d, &m), 0);
            return d->n_mentions - 1;
        }
        p++;
    }
}

static const kg_entity *entity_of(const kg_doc *d, size_t m)
{
    assert_true(d->mentions[m].entity >= 0);
    assert_true((size_t)d->mentions[m].entity < d->n_entities);
    return &d->entities[d->mentions[m].entity];
}

static int has(char **arr, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(arr[i], s) == 0)
            return 1;
    return 0;
}

static void resolve_should_join_surname_and_courtesy_forms_to_full_name(void **state)
{
    (void)state;
    kg_doc *d = doc_of("Police held Mr. Okonjo on Friday. Customs had long watched "
                       "Daniel Okonjo, who ran a freight firm. Okonjo denied it.");
    size_t a = mention(d, "Okonjo", 0, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    size_t b = mention(d, "Daniel Okonjo", 0, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    size_t c = mention(d, "Okonjo", 2, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    assert_int_equal(kg_resolve(d, lx), 0);
    assert_int_equal(d->n_entities, 1);
    const kg_entity *e = entity_of(d, a);
    assert_ptr_equal(e, entity_of(d, b));
    assert_ptr_equal(e, entity_of(d, c));
    assert_string_equal(e->id, "person:daniel-okonjo");
    assert_string_equal(e->label, "Daniel Okonjo");
    assert_int_equal(e->type, KG_TYPE_PERSON);
    assert_int_equal(e->mentions, 3);
    assert_true(has(e->aliases, e->n_aliases, "Okonjo"));
    assert_true(has(e->aliases, e->n_aliases, "Mr. Okonjo"));
    assert_false(has(e->aliases, e->n_aliases, "Daniel Okonjo"));
    assert_int_equal(e->n_roles, 0); /* "Mr." is not a role */
    kg_doc_free(d);
}

static void resolve_should_strip_courtesy_title_inside_a_mention(void **state)
{
    (void)state;
    kg_doc *d = doc_of("Ms. Varga spoke first. Later Ilona Varga left.");
    size_t a = mention(d, "Ms. Varga", 0, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    size_t b = mention(d, "Ilona Varga", 0, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    assert_int_equal(kg_resolve(d, lx), 0);
    const kg_entity *e = entity_of(d, a);
    assert_ptr_equal(e, entity_of(d, b));
    assert_string_equal(e->label, "Ilona Varga");
    assert_true(has(e->aliases, e->n_aliases, "Ms. Varga"));
    assert_true(has(e->aliases, e->n_aliases, "Varga"));
    kg_doc_free(d);
}

static void resolve_should_keep_a_surname_of_two_full_names_apart(void **state)
{
    (void)state;
    kg_doc *d = doc_of("Anna Berg met Tomas Berg in Oslo. Berg said nothing.");
    size_t a = mention(d, "Anna Berg", 0, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    size_t b = mention(d, "Tomas Berg", 0, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    size_t c = mention(d, "Berg", 2, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    assert_int_equal(kg_resolve(d, lx), 0);
    assert_int_equal(d->n_entities, 3);
    assert_ptr_not_equal(entity_of(d, a), entity_of(d, c));
    assert_ptr_not_equal(entity_of(d, b), entity_of(d, c));
    assert_string_equal(entity_of(d, c)->id, "person:berg");
    kg_doc_free(d);
}

static void resolve_should_join_shorter_multiword_name_to_longer(void **state)
{
    (void)state;
    kg_doc *d = doc_of("Abu Karim al-Masri led the cell. Police say al-Masri fled. "
                       "Karim al-Masri was seen in Cairo.");
    size_t a = mention(d, "Abu Karim al-Masri", 0, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    size_t b = mention(d, "al-Masri", 1, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    size_t c = mention(d, "Karim al-Masri", 1, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    assert_int_equal(kg_resolve(d, lx), 0);
    assert_ptr_equal(entity_of(d, a), entity_of(d, b));
    assert_ptr_equal(entity_of(d, a), entity_of(d, c));
    assert_string_equal(entity_of(d, a)->label, "Abu Karim al-Masri");
    kg_doc_free(d);
}

static void resolve_should_make_acronym_in_parentheses_an_alias(void **state)
{
    (void)state;
    kg_doc *d = doc_of("The Office of Naval Inquiry (ONI) opened a case. "
                       "ONI agents searched the port.");
    size_t a = mention(d, "Office of Naval Inquiry", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    size_t b = mention(d, "ONI", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    size_t c = mention(d, "ONI", 1, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    assert_int_equal(kg_resolve(d, lx), 0);
    assert_int_equal(d->n_entities, 1);
    const kg_entity *e = entity_of(d, a);
    assert_ptr_equal(e, entity_of(d, b));
    assert_ptr_equal(e, entity_of(d, c));
    assert_string_equal(e->id, "org:office-of-naval-inquiry");
    assert_string_equal(e->label, "Office of Naval Inquiry");
    assert_int_equal(e->n_aliases, 1);
    assert_string_equal(e->aliases[0], "ONI");
    assert_int_equal(e->mentions, 3);
    kg_doc_free(d);
}

static void resolve_should_split_acronym_inside_one_tagger_span(void **state)
{
    (void)state;
    kg_doc *d = doc_of("The Border Guard Service (BGS) stopped the truck.");
    size_t a = mention(d, "Border Guard Service (BGS)", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    assert_int_equal(kg_resolve(d, lx), 0);
    const kg_entity *e = entity_of(d, a);
    assert_string_equal(e->id, "org:border-guard-service");
    assert_int_equal(e->n_aliases, 1);
    assert_string_equal(e->aliases[0], "BGS");
    kg_doc_free(d);
}

static void resolve_should_give_lexicon_id_when_acronym_is_in_lexicon(void **state)
{
    (void)state;
    /* The article spells the acronym as a variant of the lexicon's name
     * (one word differs): the lexicon's entity. */
    kg_doc *d = doc_of("Officers of the National Inquiry Bureaux (NIB) made the arrest.");
    size_t a = mention(d, "National Inquiry Bureaux", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    size_t b = mention(d, "NIB", 0, KG_TYPE_ORG, KG_MENTION_NAME, "org:nib");
    assert_int_equal(kg_resolve(d, lx), 0);
    const kg_entity *e = entity_of(d, a);
    assert_ptr_equal(e, entity_of(d, b));
    assert_string_equal(e->id, "org:nib");
    assert_string_equal(e->label, "National Inquiry Bureau");
    assert_true(has(e->aliases, e->n_aliases, "NIB"));
    assert_true(has(e->aliases, e->n_aliases, "National Inquiry Bureaux"));
    kg_doc_free(d);
}

static void resolve_should_let_an_article_define_its_own_acronym(void **state)
{
    (void)state;
    /* The article spells NIB out as another organisation: every NIB of
     * the article is that one, not the lexicon's National Inquiry Bureau. */
    kg_doc *d = doc_of("Officers of the Northern Investigation Board (NIB) made the arrest. "
                       "The NIB said more would follow.");
    size_t a = mention(d, "Northern Investigation Board", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    size_t b = mention(d, "NIB", 0, KG_TYPE_ORG, KG_MENTION_NAME, "org:nib");
    size_t c = mention(d, "NIB", 1, KG_TYPE_ORG, KG_MENTION_NAME, "org:nib");
    assert_int_equal(kg_resolve(d, lx), 0);
    assert_int_equal(d->n_entities, 1);
    const kg_entity *e = entity_of(d, a);
    assert_ptr_equal(e, entity_of(d, b));
    assert_ptr_equal(e, entity_of(d, c));
    assert_string_equal(e->id, "org:northern-investigation-board");
    assert_string_equal(e->label, "Northern Investigation Board");
    kg_doc_free(d);
}

static void resolve_should_map_demonym_and_abbreviation_to_one_country(void **state)
{
    (void)state;
    kg_doc *d = doc_of("American diplomats flew to Paris. The U.S. team met French "
                       "officials, and the United States paid.");
    size_t a = mention(d, "American", 0, KG_TYPE_COUNTRY, KG_MENTION_DEMONYM, "country:USA");
    size_t b = mention(d, "U.S.", 0, KG_TYPE_COUNTRY, KG_MENTION_NAME, "country:USA");
    size_t c = mention(d, "United States", 0, KG_TYPE_COUNTRY, KG_MENTION_NAME, "country:USA");
    size_t f = mention(d, "French", 0, KG_TYPE_COUNTRY, KG_MENTION_DEMONYM, "country:FRA");
    assert_int_equal(kg_resolve(d, lx), 0);
    const kg_entity *e = entity_of(d, a);
    assert_ptr_equal(e, entity_of(d, b));
    assert_ptr_equal(e, entity_of(d, c));
    assert_string_equal(e->id, "country:USA");
    assert_string_equal(e->label, "United States");
    assert_int_equal(e->type, KG_TYPE_COUNTRY);
    assert_int_equal(e->mentions, 3);
    assert_true(has(e->aliases, e->n_aliases, "American"));
    assert_true(has(e->aliases, e->n_aliases, "U.S."));
    assert_false(has(e->aliases, e->n_aliases, "United States"));
    assert_string_equal(entity_of(d, f)->id, "country:FRA");
    assert_int_equal(d->n_entities, 2);
    kg_doc_free(d);
}

/* A name the lexicon holds as a place is the place, even when the tagger
 * called it an organisation, and the other way round; a longer
 * organisation name stays one. */
static void resolve_should_retype_a_mention_the_lexicon_knows_as_the_other_kind(void **state)
{
    (void)state;
    kg_doc *d = doc_of("Brindleford Radio said the strike spread in Brindleford on Monday.");
    size_t o = mention(d, "Brindleford Radio", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    size_t p = mention(d, "Brindleford", 1, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    assert_int_equal(kg_resolve(d, lx), 0);
    assert_string_equal(entity_of(d, p)->id, "location:brindleford");
    assert_int_equal(entity_of(d, p)->type, KG_TYPE_LOCATION);
    assert_int_equal(d->mentions[p].type, KG_TYPE_LOCATION);
    assert_string_equal(entity_of(d, o)->id, "org:brindleford-radio");
    assert_int_equal(entity_of(d, o)->type, KG_TYPE_ORG);
    kg_doc_free(d);
    d = doc_of("The files went to the National Inquiry Bureau last week.");
    o = mention(d, "National Inquiry Bureau", 0, KG_TYPE_LOCATION, KG_MENTION_NAME, NULL);
    assert_int_equal(kg_resolve(d, lx), 0);
    assert_string_equal(entity_of(d, o)->id, "org:nib");
    assert_int_equal(entity_of(d, o)->type, KG_TYPE_ORG);
    kg_doc_free(d);
}

static void resolve_should_take_roles_from_premodifier_and_apposition(void **state)
{
    (void)state;
    kg_doc *d = doc_of("Belgian arms dealer Luc Maes was charged. Ana Reis, the regional "
                       "director of a charity, spoke. US Attorney Carl Dunn filed the case.");
    size_t a = mention(d, "Luc Maes", 0, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    size_t b = mention(d, "Ana Reis", 0, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    size_t c = mention(d, "Carl Dunn", 0, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    assert_int_equal(kg_resolve(d, lx), 0);
    const kg_entity *e = entity_of(d, a);
    assert_int_equal(e->n_roles, 1);
    assert_string_equal(e->roles[0], "arms dealer");
    e = entity_of(d, b);
    assert_int_equal(e->n_roles, 1);
    assert_string_equal(e->roles[0], "director");
    e = entity_of(d, c);
    assert_int_equal(e->n_roles, 1);
    assert_string_equal(e->roles[0], "attorney");
    kg_doc_free(d);
}

static void resolve_should_strip_title_inside_mention_into_role(void **state)
{
    (void)state;
    kg_doc *d = doc_of("President Oduya signed the order. Oduya then left.");
    size_t a = mention(d, "President Oduya", 0, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    size_t b = mention(d, "Oduya", 1, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    assert_int_equal(kg_resolve(d, lx), 0);
    const kg_entity *e = entity_of(d, a);
    assert_ptr_equal(e, entity_of(d, b));
    assert_string_equal(e->id, "person:oduya");
    assert_string_equal(e->label, "Oduya");
    assert_int_equal(e->n_roles, 1);
    assert_string_equal(e->roles[0], "president");
    assert_int_equal(e->n_aliases, 0);
    kg_doc_free(d);
}

static void resolve_should_share_plural_title_across_coordinated_names(void **state)
{
    (void)state;
    kg_doc *d = doc_of("Presidents Alvarez and Tanaka met in Lima.");
    size_t a = mention(d, "Alvarez", 0, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    size_t b = mention(d, "Tanaka", 0, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    assert_int_equal(kg_resolve(d, lx), 0);
    assert_int_equal(entity_of(d, a)->n_roles, 1);
    assert_string_equal(entity_of(d, a)->roles[0], "president");
    assert_int_equal(entity_of(d, b)->n_roles, 1);
    assert_string_equal(entity_of(d, b)->roles[0], "president");
    kg_doc_free(d);
}

static void resolve_should_read_a_plural_title_the_lexicon_lists_only_in_the_singular(void **state)
{
    (void)state;
    /* the built-in lexicon lists "Foreign Minister", not "Foreign
     * Ministers"; the tagger took the second name for a place */
    kg_doc *d = doc_of("Foreign Ministers Okafor and Lindqvist signed the accord.");
    size_t a = mention(d, "Okafor", 0, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    size_t b = mention(d, "Lindqvist", 0, KG_TYPE_LOCATION, KG_MENTION_NAME, NULL);
    assert_int_equal(kg_resolve(d, lx), 0);
    assert_int_equal(entity_of(d, a)->n_roles, 1);
    assert_string_equal(entity_of(d, a)->roles[0], "foreign minister");
    assert_int_equal(entity_of(d, b)->type, KG_TYPE_PERSON);
    assert_string_equal(entity_of(d, b)->id, "person:lindqvist");
    assert_int_equal(entity_of(d, b)->n_roles, 1);
    assert_string_equal(entity_of(d, b)->roles[0], "foreign minister");
    kg_doc_free(d);
}

static void resolve_should_give_other_names_type_and_slug_ids(void **state)
{
    (void)state;
    kg_doc *d = doc_of("Agents of the Harbour Watch Group raided a depot in New Jersey. "
                       "The group denied it, and al-Noor and Al Noor were named.");
    size_t a = mention(d, "Harbour Watch Group", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    size_t b = mention(d, "New Jersey", 0, KG_TYPE_LOCATION, KG_MENTION_NAME, NULL);
    size_t c = mention(d, "al-Noor", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    size_t e2 = mention(d, "Al Noor", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    assert_int_equal(kg_resolve(d, lx), 0);
    assert_string_equal(entity_of(d, a)->id, "org:harbour-watch-group");
    assert_string_equal(entity_of(d, b)->id, "location:new-jersey");
    assert_string_equal(entity_of(d, b)->label, "New Jersey");
    assert_int_equal(entity_of(d, b)->type, KG_TYPE_LOCATION);
    /* Spellings with the same slug are one entity; the label rule (longest,
     * then strcmp) does not depend on which came first. */
    assert_ptr_equal(entity_of(d, c), entity_of(d, e2));
    assert_string_equal(entity_of(d, c)->id, "org:al-noor");
    assert_string_equal(entity_of(d, c)->label, "Al Noor");
    kg_doc_free(d);
}

static void resolve_should_leave_pronouns_for_kg_resolve_link(void **state)
{
    (void)state;
    kg_doc *d = doc_of("Rosa Lind fled. She was caught.");
    size_t a = mention(d, "Rosa Lind", 0, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    size_t b = mention(d, "She", 0, KG_TYPE_PERSON, KG_MENTION_PRONOUN, NULL);
    assert_int_equal(kg_resolve(d, lx), 0);
    assert_int_equal(d->mentions[b].entity, -1);
    assert_int_equal(entity_of(d, a)->mentions, 1);
    assert_int_equal(kg_resolve_link(d, b, d->mentions[a].entity), 0);
    assert_ptr_equal(entity_of(d, a), entity_of(d, b));
    assert_int_equal(entity_of(d, a)->mentions, 2);
    assert_int_equal(kg_resolve_link(d, 99, 0), KG_EUSAGE);
    assert_int_equal(kg_resolve_link(d, b, 7), KG_EUSAGE);
    kg_doc_free(d);
}

static void resolve_should_give_same_ids_whatever_the_mention_order(void **state)
{
    (void)state;
    kg_doc *d1 = doc_of("Lakner spoke. Then Paul Lakner left.");
    kg_doc *d2 = doc_of("Paul Lakner left. Then Lakner spoke.");
    size_t a1 = mention(d1, "Lakner", 0, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    mention(d1, "Paul Lakner", 0, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    size_t a2 = mention(d2, "Paul Lakner", 0, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    mention(d2, "Lakner", 1, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    assert_int_equal(kg_resolve(d1, lx), 0);
    assert_int_equal(kg_resolve(d2, lx), 0);
    assert_int_equal(d1->n_entities, 1);
    assert_int_equal(d2->n_entities, 1);
    assert_string_equal(entity_of(d1, a1)->id, entity_of(d2, a2)->id);
    assert_string_equal(entity_of(d1, a1)->label, "Paul Lakner");
    kg_doc_free(d1);
    kg_doc_free(d2);
}

static void resolve_should_keep_mrs_apart_when_the_article_says_mr(void **state)
{
    (void)state;
    kg_doc *d = doc_of("Karl Jensen resigned. Mr. Jensen said his wife, Mrs. Jensen, "
                       "had urged him. Mr. Jensen left.");
    size_t a = mention(d, "Karl Jensen", 0, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    size_t b = mention(d, "Jensen", 1, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    size_t c = mention(d, "Jensen", 2, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    size_t e = mention(d, "Jensen", 3, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    assert_int_equal(kg_resolve(d, lx), 0);
    assert_ptr_equal(entity_of(d, a), entity_of(d, b));
    assert_ptr_equal(entity_of(d, a), entity_of(d, e));
    assert_ptr_not_equal(entity_of(d, a), entity_of(d, c));
    assert_string_equal(entity_of(d, c)->id, "person:jensen");
    assert_false(has(entity_of(d, a)->aliases, entity_of(d, a)->n_aliases, "Mrs. Jensen"));
    kg_doc_free(d);
}

static void resolve_should_not_take_the_title_of_the_next_name_as_apposition(void **state)
{
    (void)state;
    kg_doc *d = doc_of("The plan was backed by Ola Berg, President Tove Lunde and others.");
    size_t a = mention(d, "Ola Berg", 0, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    size_t b = mention(d, "Tove Lunde", 0, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    assert_int_equal(kg_resolve(d, lx), 0);
    assert_int_equal(entity_of(d, a)->n_roles, 0);
    assert_int_equal(entity_of(d, b)->n_roles, 1);
    assert_string_equal(entity_of(d, b)->roles[0], "president");
    kg_doc_free(d);
}

static void resolve_should_repair_a_tagger_span_that_runs_on(void **state)
{
    (void)state;
    kg_doc *d = doc_of("Talks with Mr. Haldor and other envoys ended. Haldor flew home.");
    size_t a = mention(d, "Mr. Haldor and other", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    size_t b = mention(d, "Haldor", 1, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    assert_int_equal(kg_resolve(d, lx), 0);
    const kg_entity *e = entity_of(d, a);
    assert_ptr_equal(e, entity_of(d, b));
    assert_string_equal(e->id, "person:haldor"); /* "Mr." outweighs the tagger's ORG */
    assert_int_equal(d->mentions[a].end - d->mentions[a].start, strlen("Mr. Haldor"));
    kg_doc_free(d);
}

static void resolve_should_give_a_generic_institution_its_country(void **state)
{
    (void)state;
    /* Mentions must come in text order, as the recognizer gives them. */
    kg_doc *d = doc_of("Iraq's Defence Ministry denied it. The Defence Ministry said more. "
                       "The Iraqi Army waited. The Central Bank of Egypt and the Finance "
                       "Ministry were silent, as was Velmont Army Surplus.");
    size_t iq = mention(d, "Iraq", 0, KG_TYPE_COUNTRY, KG_MENTION_NAME, "country:IRQ");
    size_t a = mention(d, "Defence Ministry", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    size_t b = mention(d, "Defence Ministry", 1, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    mention(d, "Iraqi", 0, KG_TYPE_COUNTRY, KG_MENTION_DEMONYM, "country:IRQ");
    size_t c = mention(d, "Army", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    size_t e = mention(d, "Central Bank", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    mention(d, "Egypt", 0, KG_TYPE_COUNTRY, KG_MENTION_NAME, "country:EGY");
    size_t f = mention(d, "Finance Ministry", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    size_t v = mention(d, "Velmont Army Surplus", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    assert_int_equal(kg_resolve(d, lx), 0);
    (void)iq;
    const kg_entity *x = entity_of(d, a);
    assert_ptr_equal(x, entity_of(d, b)); /* the later bare mention is the same ministry */
    assert_string_equal(x->id, "org:defence-ministry-of-iraq");
    assert_string_equal(x->label, "Defence Ministry of Iraq");
    assert_true(has(x->aliases, x->n_aliases, "Defence Ministry"));
    assert_string_equal(entity_of(d, c)->id, "org:army-of-iraq");
    assert_string_equal(entity_of(d, e)->id, "org:central-bank-of-egypt");
    /* no country said: the name stays as written */
    assert_string_equal(entity_of(d, f)->id, "org:finance-ministry");
    assert_string_equal(entity_of(d, v)->id, "org:velmont-army-surplus");
    kg_doc_free(d);
}

static void resolve_should_trust_the_lexicon_over_a_person_tag_on_an_organisation(void **state)
{
    (void)state;
    kg_doc *d = doc_of("Envoys said the Grand Council had the missiles. Officers saw NIB "
                       "yesterday.");
    size_t a = mention(d, "Grand Council", 0, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    size_t b = mention(d, "NIB", 0, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    assert_int_equal(kg_resolve(d, lx), 0);
    assert_string_equal(entity_of(d, a)->id, "org:grand-council");
    assert_int_equal(entity_of(d, a)->type, KG_TYPE_ORG);
    /* one word is as often a surname: the tagger's person stays */
    assert_int_equal(entity_of(d, b)->type, KG_TYPE_PERSON);
    kg_doc_free(d);
}

static void resolve_should_drop_a_reuters_ticker_from_a_name(void **state)
{
    (void)state;
    kg_doc *d = doc_of("The Velmont Corp <VLM>, which makes radars, won the order.");
    size_t a = mention(d, "Velmont Corp <VLM", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    assert_int_equal(kg_resolve(d, lx), 0);
    const kg_entity *e = entity_of(d, a);
    assert_string_equal(e->label, "Velmont"); /* the legal form is cut too, below */
    assert_true(has(e->aliases, e->n_aliases, "Velmont Corp"));
    assert_int_equal(d->mentions[a].end - d->mentions[a].start, strlen("Velmont Corp"));
    kg_doc_free(d);
    /* the ticker tagged on its own is no entity */
    d = doc_of("The Velmont Corp <VLM> won the order.");
    a = mention(d, "Velmont Corp", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    size_t t = mention(d, "VLM", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    assert_int_equal(kg_resolve(d, lx), 0);
    assert_int_equal(d->mentions[t].entity, -1);
    assert_string_equal(entity_of(d, a)->id, "org:velmont");
    assert_int_equal(d->n_entities, 1);
    kg_doc_free(d);
}

static void resolve_should_name_a_company_without_its_legal_form(void **state)
{
    (void)state;
    kg_doc *d = doc_of("Harland Optics Inc won the order. Harland Optics will build the "
                       "sights with Brask & Co and The Limited for Petroleum Corp in June.");
    size_t a = mention(d, "Harland Optics Inc", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    size_t b = mention(d, "Harland Optics", 1, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    size_t c = mention(d, "Brask & Co", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    size_t t = mention(d, "The Limited", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    size_t pc = mention(d, "Petroleum Corp", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    assert_int_equal(kg_resolve(d, lx), 0);
    const kg_entity *e = entity_of(d, a);
    assert_ptr_equal(e, entity_of(d, b));
    assert_string_equal(e->id, "org:harland-optics");
    assert_string_equal(e->label, "Harland Optics");
    assert_true(has(e->aliases, e->n_aliases, "Harland Optics Inc"));
    /* the evidence still points at the whole name */
    assert_int_equal(d->mentions[a].end - d->mentions[a].start, strlen("Harland Optics Inc"));
    assert_string_equal(entity_of(d, c)->id, "org:brask");
    /* nothing but a determiner before it: the suffix is the name */
    assert_string_equal(entity_of(d, t)->id, "org:the-limited");
    /* a kind of business alone is no company's name: "Petroleum Corp"
     * is what the tagger left of "Ruritanian Petroleum Corp" */
    assert_string_equal(entity_of(d, pc)->id, "org:petroleum-corp");
    kg_doc_free(d);
    /* a public corporation keeps its "Corp" */
    d = doc_of("The Ruritanian Deposit Insurance Corp took over the bank.");
    a = mention(d, "Ruritanian Deposit Insurance Corp", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    assert_int_equal(kg_resolve(d, lx), 0);
    assert_string_equal(entity_of(d, a)->id, "org:ruritanian-deposit-insurance-corp");
    kg_doc_free(d);
}

static void resolve_should_prefer_running_text_to_headline_capitals(void **state)
{
    (void)state;
    kg_doc *d = doc_of("VOLKER-HAAS ORDERS TRUCKS FROM RUSSIA\n\n"
                       "Volker-Haas ordered trucks from Russia on Monday.");
    size_t a = mention(d, "VOLKER-HAAS", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    size_t b = mention(d, "Volker-Haas", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    size_t c = mention(d, "RUSSIA", 0, KG_TYPE_COUNTRY, KG_MENTION_NAME, "country:RUS");
    size_t e = mention(d, "Russia", 0, KG_TYPE_COUNTRY, KG_MENTION_NAME, "country:RUS");
    assert_int_equal(kg_resolve(d, lx), 0);
    assert_ptr_equal(entity_of(d, a), entity_of(d, b));
    assert_string_equal(entity_of(d, a)->label, "Volker-Haas");
    assert_int_equal(entity_of(d, a)->n_aliases, 0);
    assert_ptr_equal(entity_of(d, c), entity_of(d, e));
    assert_int_equal(entity_of(d, c)->n_aliases, 0);
    kg_doc_free(d);
}

static void resolve_should_cut_a_party_word_off_a_known_organisation(void **state)
{
    (void)state;
    kg_doc *d = doc_of("Former Grand Council Liberal leader Mira Tosh backed the arms bill, "
                       "and Northern Labour opposed it.");
    size_t a = mention(d, "Grand Council Liberal", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    size_t p = mention(d, "Mira Tosh", 0, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    size_t n = mention(d, "Northern Labour", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    assert_int_equal(kg_resolve(d, lx), 0);
    assert_string_equal(entity_of(d, a)->id, "org:grand-council");
    assert_int_equal(d->mentions[a].end - d->mentions[a].start, strlen("Grand Council"));
    assert_non_null(d->mentions[a].lex);
    assert_string_equal(entity_of(d, p)->roles[0], "leader");
    /* the rest is no organisation the lexicon knows: the span stays */
    assert_string_equal(entity_of(d, n)->id, "org:northern-labour");
    kg_doc_free(d);
}

static void resolve_should_drop_an_org_span_that_is_a_run_of_titles(void **state)
{
    (void)state;
    kg_doc *d = doc_of("The panel questioned former National Security Adviser Rear Adm. Carl "
                       "Voss. Junior Foreign Office Minister Ian Pell was not called.");
    size_t o = mention(d, "National Security Adviser Rear", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    size_t a = mention(d, "Carl Voss", 0, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    size_t q = mention(d, "Junior Foreign", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    size_t b = mention(d, "Ian Pell", 0, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    assert_int_equal(kg_resolve(d, lx), 0);
    assert_int_equal(d->mentions[o].entity, -1);
    assert_int_equal(d->mentions[q].entity, -1);
    assert_int_equal(d->n_entities, 2);
    /* the titles before the names are still their roles */
    assert_true(has(entity_of(d, a)->roles, entity_of(d, a)->n_roles, "admiral"));
    assert_true(has(entity_of(d, b)->roles, entity_of(d, b)->n_roles, "minister"));
    kg_doc_free(d);
}

static void resolve_should_cut_a_title_run_off_a_known_organisation(void **state)
{
    (void)state;
    kg_doc *d = doc_of("Grand Council Chief Spokesman Ola Berg denied the sale.");
    size_t o = mention(d, "Grand Council Chief Spokesman", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    size_t a = mention(d, "Ola Berg", 0, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    assert_int_equal(kg_resolve(d, lx), 0);
    assert_string_equal(entity_of(d, o)->id, "org:grand-council");
    assert_int_equal(d->mentions[o].end - d->mentions[o].start, strlen("Grand Council"));
    assert_true(has(entity_of(d, a)->roles, entity_of(d, a)->n_roles, "spokesman"));
    kg_doc_free(d);
    /* an acronym, or a name that ends like an organisation's, is kept
     * too: the tagger only ran on into the title */
    d = doc_of("Talks led by KVTO Spokesman Ana Lind and Ostmark Ferry Group Spokesman "
               "Per Holm ended.");
    o = mention(d, "KVTO Spokesman", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    size_t g = mention(d, "Ostmark Ferry Group Spokesman", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    assert_int_equal(kg_resolve(d, lx), 0);
    assert_string_equal(entity_of(d, o)->id, "org:kvto");
    assert_string_equal(entity_of(d, g)->id, "org:ostmark-ferry-group");
    kg_doc_free(d);
}

static void resolve_should_keep_an_org_whose_title_follows_of_or_stands_alone(void **state)
{
    (void)state;
    kg_doc *d = doc_of("The Office of the Special Adviser wrote to The Economist, which "
                       "printed the letter.");
    size_t a = mention(d, "Office of the Special Adviser", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    size_t b = mention(d, "Economist", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    assert_int_equal(kg_resolve(d, lx), 0);
    kg_doc *d2 = doc_of("Velda General Chairman Ian Voss said so.");
    size_t c = mention(d2, "Velda General", 0, KG_TYPE_ORG, KG_MENTION_NAME, NULL);
    assert_int_equal(kg_resolve(d2, lx), 0);
    assert_string_equal(entity_of(d2, c)->id, "org:velda-general"); /* a company, not a rank */
    kg_doc_free(d2);
    assert_string_equal(entity_of(d, a)->id, "org:office-of-the-special-adviser");
    assert_string_equal(entity_of(d, b)->label, "Economist");
    kg_doc_free(d);
}

static void resolve_should_strip_a_clerical_form_of_address(void **state)
{
    (void)state;
    kg_doc *d = doc_of("Hojatoleslam Reza Kamali Vahidi preached in Qom. Vahidi later "
                       "met Hojatolislam Nouri.");
    size_t a = mention(d, "Hojatoleslam Reza Kamali Vahidi", 0, KG_TYPE_PERSON, KG_MENTION_NAME,
                       NULL);
    size_t b = mention(d, "Vahidi", 1, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    size_t c = mention(d, "Hojatolislam Nouri", 0, KG_TYPE_PERSON, KG_MENTION_NAME, NULL);
    assert_int_equal(kg_resolve(d, lx), 0);
    const kg_entity *e = entity_of(d, a);
    assert_string_equal(e->id, "person:reza-kamali-vahidi");
    assert_string_equal(e->label, "Reza Kamali Vahidi");
    assert_ptr_equal(e, entity_of(d, b));
    assert_string_equal(entity_of(d, c)->id, "person:nouri");
    kg_doc_free(d);
}

static void resolve_should_handle_a_doc_without_mentions(void **state)
{
    (void)state;
    kg_doc *d = doc_of("");
    assert_int_equal(kg_resolve(d, lx), 0);
    assert_int_equal(d->n_entities, 0);
    kg_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(resolve_should_join_surname_and_courtesy_forms_to_full_name),
        cmocka_unit_test(resolve_should_strip_courtesy_title_inside_a_mention),
        cmocka_unit_test(resolve_should_keep_a_surname_of_two_full_names_apart),
        cmocka_unit_test(resolve_should_join_shorter_multiword_name_to_longer),
        cmocka_unit_test(resolve_should_make_acronym_in_parentheses_an_alias),
        cmocka_unit_test(resolve_should_split_acronym_inside_one_tagger_span),
        cmocka_unit_test(resolve_should_give_lexicon_id_when_acronym_is_in_lexicon),
        cmocka_unit_test(resolve_should_let_an_article_define_its_own_acronym),
        cmocka_unit_test(resolve_should_map_demonym_and_abbreviation_to_one_country),
        cmocka_unit_test(resolve_should_retype_a_mention_the_lexicon_knows_as_the_other_kind),
        cmocka_unit_test(resolve_should_take_roles_from_premodifier_and_apposition),
        cmocka_unit_test(resolve_should_strip_title_inside_mention_into_role),
        cmocka_unit_test(resolve_should_share_plural_title_across_coordinated_names),
        cmocka_unit_test(resolve_should_read_a_plural_title_the_lexicon_lists_only_in_the_singular),
        cmocka_unit_test(resolve_should_give_other_names_type_and_slug_ids),
        cmocka_unit_test(resolve_should_leave_pronouns_for_kg_resolve_link),
        cmocka_unit_test(resolve_should_give_same_ids_whatever_the_mention_order),
        cmocka_unit_test(resolve_should_keep_mrs_apart_when_the_article_says_mr),
        cmocka_unit_test(resolve_should_not_take_the_title_of_the_next_name_as_apposition),
        cmocka_unit_test(resolve_should_repair_a_tagger_span_that_runs_on),
        cmocka_unit_test(resolve_should_give_a_generic_institution_its_country),
        cmocka_unit_test(resolve_should_trust_the_lexicon_over_a_person_tag_on_an_organisation),
        cmocka_unit_test(resolve_should_drop_a_reuters_ticker_from_a_name),
        cmocka_unit_test(resolve_should_name_a_company_without_its_legal_form),
        cmocka_unit_test(resolve_should_prefer_running_text_to_headline_capitals),
        cmocka_unit_test(resolve_should_cut_a_party_word_off_a_known_organisation),
        cmocka_unit_test(resolve_should_drop_an_org_span_that_is_a_run_of_titles),
        cmocka_unit_test(resolve_should_cut_a_title_run_off_a_known_organisation),
        cmocka_unit_test(resolve_should_keep_an_org_whose_title_follows_of_or_stands_alone),
        cmocka_unit_test(resolve_should_strip_a_clerical_form_of_address),
        cmocka_unit_test(resolve_should_handle_a_doc_without_mentions),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
