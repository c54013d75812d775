/*
 * test_doc.c - the kg_doc container (src/doc.c): creation, ids and hashes,
 * the append helpers and ownership of what is moved in.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "kg/doc.h"
#include "kg/error.h"
#include "util.h"

static void doc_new_should_copy_text_and_use_the_hash_as_id(void **state)
{
    (void)state;
    char text[] = "Patrol boats were delivered in May.";
    kg_doc *d = NULL;
    assert_int_equal(kg_doc_new(&d, text, strlen(text), NULL), 0);
    assert_non_null(d);
    /* A copy, NUL-terminated, independent of the caller's buffer. */
    assert_ptr_not_equal(d->text, text);
    text[0] = 'X';
    assert_string_equal(d->text, "Patrol boats were delivered in May.");
    assert_int_equal(d->len, strlen(d->text));
    char hash[17];
    kg_hash_hex(hash, d->text, d->len);
    assert_string_equal(d->meta.hash, hash);
    assert_string_equal(d->meta.id, hash);
    assert_null(d->meta.title);
    assert_null(d->meta.source);
    assert_int_equal(d->n_tokens, 0);
    kg_doc_free(d);
}

static void doc_new_should_keep_given_metadata(void **state)
{
    (void)state;
    kg_article_meta m = {0};
    m.id = "wire-17";
    m.title = "Frigates sold";
    m.date = "2001-02-03";
    m.source = "feed.jsonl:4";
    m.hash = "ignored";
    kg_doc *d = NULL;
    assert_int_equal(kg_doc_new(&d, "Text.", 5, &m), 0);
    assert_string_equal(d->meta.id, "wire-17");
    assert_string_equal(d->meta.title, "Frigates sold");
    assert_string_equal(d->meta.date, "2001-02-03");
    assert_string_equal(d->meta.source, "feed.jsonl:4");
    /* The hash is always the hash of the text, never the caller's. */
    char hash[17];
    kg_hash_hex(hash, "Text.", 5);
    assert_string_equal(d->meta.hash, hash);
    assert_ptr_not_equal(d->meta.id, m.id);
    kg_doc_free(d);
}

static void doc_new_should_treat_empty_id_as_missing(void **state)
{
    (void)state;
    kg_article_meta m = {0};
    m.id = "";
    kg_doc *d = NULL;
    assert_int_equal(kg_doc_new(&d, "", 0, &m), 0);
    assert_string_equal(d->meta.id, d->meta.hash);
    assert_int_equal(d->len, 0);
    assert_string_equal(d->text, "");
    kg_doc_free(d);
}

static void doc_add_should_grow_arrays_and_keep_order(void **state)
{
    (void)state;
    kg_doc *d = NULL;
    assert_int_equal(kg_doc_new(&d, "x", 1, NULL), 0);
    for (uint32_t i = 0; i < 5000; i++) {
        kg_token t = {i, i + 1, i / 10};
        assert_int_equal(kg_doc_add_token(d, &t), 0);
    }
    for (uint32_t i = 0; i < 500; i++) {
        kg_sentence s = {i * 10, i * 10 + 10, i * 10, i * 10 + 10};
        assert_int_equal(kg_doc_add_sentence(d, &s), 0);
    }
    for (uint32_t i = 0; i < 100; i++) {
        kg_mention m = {0};
        m.tok_begin = i;
        m.tok_end = i + 1;
        m.entity = -1;
        assert_int_equal(kg_doc_add_mention(d, &m), 0);
    }
    assert_int_equal(d->n_tokens, 5000);
    assert_true(d->cap_tokens >= 5000);
    assert_int_equal(d->tokens[4321].start, 4321);
    assert_int_equal(d->tokens[4321].sentence, 432);
    assert_int_equal(d->n_sentences, 500);
    assert_int_equal(d->sentences[499].tok_end, 5000);
    assert_int_equal(d->n_mentions, 100);
    assert_int_equal(d->mentions[99].tok_begin, 99);
    assert_int_equal(d->mentions[99].entity, -1);
    kg_doc_free(d);
}

static char *dup_str(const char *s)
{
    char *p = strdup(s);
    assert_non_null(p);
    return p;
}

static void doc_add_should_take_ownership_of_entities_and_relations(void **state)
{
    (void)state;
    kg_doc *d = NULL;
    assert_int_equal(kg_doc_new(&d, "x", 1, NULL), 0);
    kg_entity e = {0};
    e.id = dup_str("person:ana-diaz");
    e.label = dup_str("Ana Diaz");
    e.type = KG_TYPE_PERSON;
    e.aliases = malloc(2 * sizeof *e.aliases);
    assert_non_null(e.aliases);
    e.aliases[0] = dup_str("Diaz");
    e.aliases[1] = dup_str("Ms. Diaz");
    e.n_aliases = 2;
    e.roles = malloc(sizeof *e.roles);
    assert_non_null(e.roles);
    e.roles[0] = dup_str("broker");
    e.n_roles = 1;
    e.mentions = 3;
    assert_int_equal(kg_doc_add_entity(d, &e), 0);

    kg_relation r = {0};
    r.relation = "sells";
    r.subject = 0;
    r.object = 0;
    r.weapons = malloc(sizeof *r.weapons);
    assert_non_null(r.weapons);
    r.weapons[0] = 0;
    r.n_weapons = 1;
    assert_int_equal(kg_doc_add_relation(d, &r), 0);

    assert_int_equal(d->n_entities, 1);
    assert_string_equal(d->entities[0].aliases[1], "Ms. Diaz");
    assert_int_equal(d->n_relations, 1);
    assert_int_equal(d->relations[0].n_weapons, 1);
    /* Freed with the doc: the sanitizer build reports a leak or double free. */
    kg_doc_free(d);
}

static void doc_free_should_accept_null(void **state)
{
    (void)state;
    kg_doc_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(doc_new_should_copy_text_and_use_the_hash_as_id),
        cmocka_unit_test(doc_new_should_keep_given_metadata),
        cmocka_unit_test(doc_new_should_treat_empty_id_as_missing),
        cmocka_unit_test(doc_add_should_grow_arrays_and_keep_order),
        cmocka_unit_test(doc_add_should_take_ownership_of_entities_and_relations),
        cmocka_unit_test(doc_free_should_accept_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
