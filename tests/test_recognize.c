/*
 * test_recognize.c - the NER tagger and the recognize stage on sentences
 * written for these tests: entity classes and IOB2 boundaries, node types
 * from the lexicon (countries, demonyms), mentions only the lexicon or the
 * context finds (weapons), the repairs of the tagger's spans (company
 * suffixes, broadcasters, truncated names, agency-and-person runs),
 * ordering, and model loading errors.
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
#include "kg/lexicon.h"
#include "kg/recognize.h"
#include "kg/segment.h"
#include "ner_features.h"

/* Splits a space-separated sentence into kg_str tokens (in place). */
static size_t split(char *s, kg_str *toks, size_t max)
{
    size_t n = 0;
    for (char *p = strtok(s, " "); p && n < max; p = strtok(NULL, " "))
        toks[n++] = (kg_str){p, (uint32_t)strlen(p)};
    return n;
}

typedef struct tagged {
    kg_str tok[64];
    kg_ner cls[64];
    uint8_t begin[64];
    size_t n;
    char buf[1024];
} tagged;

static void tag_sentence(tagged *t, const char *sentence)
{
    const kg_tagger *tg = kg_tagger_builtin();
    kg_tag_state *st = NULL;
    assert_non_null(tg);
    assert_int_equal(kg_tag_state_new(&st), 0);
    snprintf(t->buf, sizeof t->buf, "%s", sentence);
    t->n = split(t->buf, t->tok, 64);
    kg_tag_state_reset(st);
    kg_tag_state_observe(st, t->tok, t->n);
    assert_int_equal(kg_tagger_tag(tg, kg_lexicon_builtin(), st, t->tok, t->n, t->cls, t->begin),
                     0);
    kg_tag_state_free(st);
}

static void tagger_should_find_person_org_location_and_misc(void **state)
{
    (void)state;
    tagged t;
    tag_sentence(&t, "British arms dealer Hemant Lakhani met FSB agents in Moscow .");
    assert_int_equal(t.n, 11);
    assert_int_equal(t.cls[0], KG_NER_MISC); /* British */
    assert_int_equal(t.begin[0], 1);
    assert_int_equal(t.cls[1], KG_NER_O);
    assert_int_equal(t.cls[3], KG_NER_PER); /* Hemant Lakhani: one span */
    assert_int_equal(t.begin[3], 1);
    assert_int_equal(t.cls[4], KG_NER_PER);
    assert_int_equal(t.begin[4], 0);
    assert_int_equal(t.cls[6], KG_NER_ORG); /* FSB */
    assert_int_equal(t.cls[9], KG_NER_LOC); /* Moscow */
    assert_int_equal(t.cls[10], KG_NER_O);
}

static void tagger_should_keep_two_word_places_together(void **state)
{
    (void)state;
    tagged t;
    tag_sentence(&t, "The ship sailed from Saudi Arabia to New Zealand in May .");
    assert_int_equal(t.cls[4], KG_NER_LOC);
    assert_int_equal(t.begin[4], 1);
    assert_int_equal(t.cls[5], KG_NER_LOC);
    assert_int_equal(t.begin[5], 0);
    assert_int_equal(t.cls[7], KG_NER_LOC);
    assert_int_equal(t.begin[7], 1);
    assert_int_equal(t.cls[8], KG_NER_LOC);
    assert_int_equal(t.begin[8], 0);
    assert_int_equal(t.cls[0], KG_NER_O);
}

static void tagger_should_tag_empty_sentence(void **state)
{
    (void)state;
    kg_tag_state *st = NULL;
    assert_int_equal(kg_tag_state_new(&st), 0);
    assert_int_equal(kg_tagger_tag(kg_tagger_builtin(), NULL, st, NULL, 0, NULL, NULL), 0);
    kg_tag_state_free(st);
}

static void tagger_load_should_reject_what_is_not_a_model(void **state)
{
    (void)state;
    kg_tagger *t = (kg_tagger *)1;
    assert_int_equal(kg_tagger_load(&t, "hello, world: not a model at all", 32), KG_EPARSE);
    assert_null(t);
    /* A right magic with a truncated body is caught too. */
    unsigned char buf[KG_MODEL_HEADER] = "KGNERMDL";
    buf[8] = KG_FEAT_VERSION;
    buf[12] = KG_NER_LABELS;
    buf[16] = 5; /* claims 5 rows, has none */
    assert_int_equal(kg_tagger_load(&t, buf, sizeof buf), KG_EPARSE);
    assert_null(t);
    kg_tagger_free(NULL);
}

static void builtin_tagger_should_have_weights(void **state)
{
    (void)state;
    assert_true(kg_tagger_features(kg_tagger_builtin()) > 10000);
}

static void labels_should_only_allow_well_formed_bilou(void **state)
{
    (void)state;
    int bper = kg_label_make(KG_NER_PER, KG_BILOU_B), iper = kg_label_make(KG_NER_PER, KG_BILOU_I);
    int lper = kg_label_make(KG_NER_PER, KG_BILOU_L), uorg = kg_label_make(KG_NER_ORG, KG_BILOU_U);
    int lorg = kg_label_make(KG_NER_ORG, KG_BILOU_L);
    assert_true(kg_label_allowed(-1, bper, 0));
    assert_false(kg_label_allowed(-1, bper, 1)); /* cannot open at the last token */
    assert_false(kg_label_allowed(-1, iper, 0));
    assert_true(kg_label_allowed(bper, lper, 1));
    assert_false(kg_label_allowed(bper, lorg, 0)); /* class must continue */
    assert_false(kg_label_allowed(iper, 0, 0));    /* an open entity must close */
    assert_true(kg_label_allowed(lper, uorg, 0));
    uint8_t y[4] = {(uint8_t)bper, (uint8_t)lper, (uint8_t)uorg, 0};
    kg_ner cls[4];
    uint8_t begin[4];
    kg_labels_to_iob(y, 4, cls, begin);
    assert_int_equal(cls[0], KG_NER_PER);
    assert_int_equal(begin[0], 1);
    assert_int_equal(begin[1], 0);
    assert_int_equal(cls[2], KG_NER_ORG);
    assert_int_equal(begin[2], 1);
    assert_int_equal(cls[3], KG_NER_O);
}

/* ---- the recognize stage ---------------------------------------------- */

static kg_doc *recognized_n(const char *text, size_t len)
{
    kg_doc *d = NULL;
    assert_int_equal(kg_doc_new(&d, text, len, NULL), 0);
    assert_int_equal(kg_segment(d), 0);
    int rc = kg_recognize(d, NULL);
    if (rc)
        fail_msg("kg_recognize: %s", kg_error_last());
    return d;
}

static kg_doc *recognized(const char *text)
{
    return recognized_n(text, strlen(text));
}

static const kg_mention *find(const kg_doc *d, const char *surface)
{
    for (size_t i = 0; i < d->n_mentions; i++) {
        const kg_mention *m = &d->mentions[i];
        if (m->end - m->start == strlen(surface) &&
            memcmp(d->text + m->start, surface, m->end - m->start) == 0)
            return m;
    }
    return NULL;
}

static void recognize_should_type_countries_and_demonyms(void **state)
{
    (void)state;
    kg_doc *d = recognized("Russian officials said Russia would not sell the system to Iran.");
    const kg_mention *m = find(d, "Russia");
    assert_non_null(m);
    assert_int_equal(m->type, KG_TYPE_COUNTRY);
    assert_int_equal(m->ner, KG_NER_LOC);
    assert_int_equal(m->kind, KG_MENTION_NAME);
    assert_non_null(m->lex);
    assert_string_equal(m->lex->id, "country:RUS");
    assert_int_equal(m->entity, -1);
    m = find(d, "Russian");
    assert_non_null(m);
    assert_int_equal(m->type, KG_TYPE_COUNTRY);
    assert_int_equal(m->ner, KG_NER_MISC);
    assert_int_equal(m->kind, KG_MENTION_DEMONYM);
    assert_string_equal(m->lex->id, "country:RUS");
    kg_doc_free(d);
}

static void recognize_should_type_people_agencies_and_cities(void **state)
{
    (void)state;
    kg_doc *d = recognized("British arms dealer Hemant Lakhani met FSB agents in Moscow.");
    const kg_mention *m = find(d, "Hemant Lakhani");
    assert_non_null(m);
    assert_int_equal(m->type, KG_TYPE_PERSON);
    assert_int_equal(m->tok_end - m->tok_begin, 2);
    m = find(d, "FSB");
    assert_non_null(m);
    assert_int_equal(m->type, KG_TYPE_ORG);
    m = find(d, "Moscow");
    assert_non_null(m);
    assert_int_equal(m->ner, KG_NER_LOC);
    assert_int_equal(m->type, KG_TYPE_LOCATION);
    m = find(d, "British");
    assert_non_null(m);
    assert_int_equal(m->kind, KG_MENTION_DEMONYM);
    assert_string_equal(m->lex->id, "country:GBR");
    kg_doc_free(d);
}

static void recognize_should_add_lexicon_weapons_the_tagger_missed(void **state)
{
    (void)state;
    kg_doc *d = recognized("The men wanted an Igla and two surface-to-air missiles for the job.");
    const kg_mention *m = find(d, "Igla");
    assert_non_null(m);
    assert_int_equal(m->type, KG_TYPE_WEAPON);
    assert_non_null(m->lex);
    assert_string_equal(m->lex->id, "weapon:igla");
    m = find(d, "surface-to-air missiles");
    assert_non_null(m);
    assert_int_equal(m->type, KG_TYPE_WEAPON);
    assert_int_equal(m->kind, KG_MENTION_WEAPON_CLASS);
    kg_doc_free(d);
}

static void recognize_should_find_weapons_named_before_a_weapon_noun(void **state)
{
    (void)state;
    /* "Zephyrine" is made up: only the context can say it is a weapon. */
    kg_doc *d = recognized("The navy ordered 40 Zephyrine missiles last year, an official said.");
    const kg_mention *m = find(d, "Zephyrine");
    assert_non_null(m);
    assert_int_equal(m->type, KG_TYPE_WEAPON);
    assert_null(m->lex);
    assert_null(find(d, "Zephyrine missiles"));
    kg_doc_free(d);
}

static void recognize_should_not_make_a_demonym_a_weapon(void **state)
{
    (void)state;
    kg_doc *d = recognized("Rebels fired Russian missiles at the convoy.");
    const kg_mention *m = find(d, "Russian");
    assert_non_null(m);
    assert_int_equal(m->type, KG_TYPE_COUNTRY);
    assert_int_equal(m->kind, KG_MENTION_DEMONYM);
    kg_doc_free(d);
}

static void recognize_should_sort_mentions_without_overlap(void **state)
{
    (void)state;
    kg_doc *d = recognized("Iran bought Silkworm missiles from China. The Federal Security Service "
                           "in Moscow said the FSB had warned NATO and the United States.\n\n"
                           "A second paragraph names Germany and Pakistan.");
    assert_true(d->n_mentions >= 6);
    for (size_t i = 0; i < d->n_mentions; i++) {
        const kg_mention *m = &d->mentions[i];
        assert_true(m->tok_begin < m->tok_end);
        assert_int_equal(m->start, d->tokens[m->tok_begin].start);
        assert_int_equal(m->end, d->tokens[m->tok_end - 1].end);
        assert_int_equal(m->sentence, d->tokens[m->tok_begin].sentence);
        if (i > 0)
            assert_true(d->mentions[i - 1].tok_end <= m->tok_begin);
    }
    assert_non_null(find(d, "Silkworm"));
    assert_int_equal(find(d, "Silkworm")->type, KG_TYPE_WEAPON);
    assert_non_null(find(d, "Germany"));
    kg_doc_free(d);
}

static void recognize_should_accept_an_empty_doc(void **state)
{
    (void)state;
    kg_doc *d = recognized("");
    assert_int_equal(d->n_mentions, 0);
    kg_doc_free(d);
}

static void recognize_should_cope_with_huge_tokens_and_sentences(void **state)
{
    (void)state;
    /* A 20,000-byte token, then 3,000 capitalised words with no full stop,
     * then bytes that are not letters at all. */
    size_t cap = 20000 + 3000 * 8 + 64, n = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    memset(text, 'X', 20000);
    n = 20000;
    for (int i = 0; i < 3000; i++)
        n += (size_t)sprintf(text + n, " Zorba%c", 'a' + i % 26);
    n += (size_t)sprintf(text + n, " \xe2\x82\xac\xe2\x82\xac 12 %% $ .");
    kg_doc *d = recognized_n(text, n);
    for (size_t i = 0; i < d->n_mentions; i++) {
        assert_true(d->mentions[i].tok_begin < d->mentions[i].tok_end);
        assert_true(d->mentions[i].tok_end <= d->n_tokens);
        if (i)
            assert_true(d->mentions[i - 1].tok_end <= d->mentions[i].tok_begin);
    }
    kg_doc_free(d);
    free(text);
}

/* ---- repairs of the tagger's spans ------------------------------------ */

static size_t count_type(const kg_doc *d, kg_type type)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n_mentions; i++)
        n += d->mentions[i].type == type;
    return n;
}

static void recognize_should_not_make_a_span_with_lower_case_words_a_weapon(void **state)
{
    (void)state;
    /* The tagger runs "Radio said the" on as one span before "missiles". */
    kg_doc *d = recognized("Kabul Radio said the missiles were fired by rebels.");
    assert_int_equal(count_type(d, KG_TYPE_WEAPON), 0);
    assert_null(find(d, "Radio said the"));
    kg_doc_free(d);
}

static void recognize_should_join_a_place_and_radio_into_a_broadcaster(void **state)
{
    (void)state;
    kg_doc *d = recognized("Baghdad Radio said the missiles struck an oil terminal overnight.");
    const kg_mention *m = find(d, "Baghdad Radio");
    assert_non_null(m);
    assert_int_equal(m->type, KG_TYPE_ORG);
    assert_int_equal(m->ner, KG_NER_ORG);
    assert_null(find(d, "Baghdad"));
    assert_int_equal(count_type(d, KG_TYPE_WEAPON), 0);
    kg_doc_free(d);
    /* A station whose own name goes on after "Radio" keeps it. */
    d = recognized("The report was carried by Havana Radio Rebelde Network on Monday.");
    assert_non_null(find(d, "Radio Rebelde Network"));
    assert_non_null(find(d, "Havana"));
    assert_null(find(d, "Havana Radio"));
    kg_doc_free(d);
    d = recognized("Radio Moscow said the deal was off.");
    assert_non_null(find(d, "Radio Moscow"));
    kg_doc_free(d);
}

static void recognize_should_end_a_company_name_at_its_suffix(void **state)
{
    (void)state;
    /* Tagged GEC / Sensors Limited / "Limited of Basildon" as a place. */
    kg_doc *d = recognized(
        "The Pentagon said GEC Sensors Limited of Basildon, England, would supply the radar.");
    const kg_mention *m = find(d, "GEC Sensors Limited");
    assert_non_null(m);
    assert_int_equal(m->type, KG_TYPE_ORG);
    /* the lexicon's GEC is another company: no id taken from it */
    assert_null(m->lex);
    assert_null(find(d, "GEC"));
    m = find(d, "Basildon");
    assert_non_null(m);
    assert_int_equal(m->type, KG_TYPE_LOCATION);
    assert_null(find(d, "Limited of Basildon"));
    kg_doc_free(d);
    /* "Sensors Ltd" was a person. */
    d = recognized("The air force gave orders to GEC Sensors Ltd and Halden Associates.");
    m = find(d, "GEC Sensors Ltd");
    assert_non_null(m);
    assert_int_equal(m->type, KG_TYPE_ORG);
    assert_null(m->lex);
    assert_null(find(d, "Sensors Ltd"));
    kg_doc_free(d);
    /* A company the lexicon knows keeps its id with the suffix on. */
    d = recognized("Shares of Vickers Plc rose after the tank order.");
    m = find(d, "Vickers Plc");
    assert_non_null(m);
    assert_non_null(m->lex);
    assert_string_equal(m->lex->id, "org:vickers");
    kg_doc_free(d);
    /* A lower-case word stops the name: "a rival of" is not part of it. */
    d = recognized("He works for a rival of Acme Corp in Texas.");
    assert_non_null(find(d, "Acme Corp"));
    kg_doc_free(d);
}

static void recognize_should_make_a_person_named_like_an_organisation_an_org(void **state)
{
    (void)state;
    kg_doc *d =
        recognized("Mendez, head of the Nicaraguan Patriotic Front, asked Congress for aid.");
    /* The tagger may keep the nationality inside the name, as CoNLL-2003
     * does ("Nicaraguan Democratic Force"): either way, an organisation. */
    const kg_mention *m = find(d, "Nicaraguan Patriotic Front");
    if (!m)
        m = find(d, "Patriotic Front");
    assert_non_null(m);
    assert_int_equal(m->type, KG_TYPE_ORG);
    kg_doc_free(d);
    /* A first name keeps a person a person, whatever the surname. */
    d = recognized("Peter Bank, a trader, sold rifles.");
    m = find(d, "Peter Bank");
    assert_non_null(m);
    assert_int_equal(m->type, KG_TYPE_PERSON);
    kg_doc_free(d);
}

static void recognize_should_complete_a_truncated_person_name(void **state)
{
    (void)state;
    kg_doc *d = recognized("Iranian Defence Minister Hojatoleslam Mohsen Rezaei Khorasani said "
                           "the navy was ready.");
    const kg_mention *m = find(d, "Hojatoleslam Mohsen Rezaei Khorasani");
    assert_non_null(m);
    assert_int_equal(m->type, KG_TYPE_PERSON);
    kg_doc_free(d);
    d = recognized(
        "Yemeni Foreign Undersecretary Ahmed Majed al-Iryani in Sanaa said the arms had arrived.");
    m = find(d, "Ahmed Majed al-Iryani");
    assert_non_null(m);
    assert_int_equal(m->type, KG_TYPE_PERSON);
    assert_non_null(find(d, "Sanaa"));
    kg_doc_free(d);
    d = recognized("Saudi envoy Bandar bin Sultan met the president.");
    assert_non_null(find(d, "Bandar bin Sultan"));
    kg_doc_free(d);
}

static void recognize_should_not_extend_a_person_over_days_or_companies(void **state)
{
    (void)state;
    kg_doc *d = recognized("The envoy met Weinberger Monday and the talks went well.");
    const kg_mention *m = find(d, "Weinberger");
    assert_non_null(m);
    assert_int_equal(m->type, KG_TYPE_PERSON);
    assert_null(find(d, "Weinberger Monday"));
    kg_doc_free(d);
    /* "Hillman" was tagged a person; the suffix makes the whole a company. */
    d = recognized("Chairman Hillman Inc said nothing.");
    m = find(d, "Hillman Inc");
    assert_non_null(m);
    assert_int_equal(m->type, KG_TYPE_ORG);
    assert_int_equal(count_type(d, KG_TYPE_PERSON), 0);
    kg_doc_free(d);
}

static void recognize_should_keep_a_nationality_that_opens_a_name(void **state)
{
    (void)state;
    kg_doc *d = recognized("Analysts at the Canadian Strategy Institute and the Iraqi Defence "
                           "Ministry disagreed.");
    const kg_mention *m = find(d, "Canadian Strategy Institute");
    assert_non_null(m);
    assert_int_equal(m->type, KG_TYPE_ORG);
    /* a ministry every state has: the nationality stays its own mention */
    assert_null(find(d, "Iraqi Defence Ministry"));
    kg_doc_free(d);
}

static void recognize_should_split_an_agency_from_the_person_after_it(void **state)
{
    (void)state;
    kg_doc *d =
        recognized("The memo reached a former chief at the CIA William Colby and two aides.");
    const kg_mention *m = find(d, "CIA");
    assert_non_null(m);
    assert_int_equal(m->type, KG_TYPE_ORG);
    assert_non_null(m->lex);
    assert_string_equal(m->lex->id, "org:cia");
    m = find(d, "William Colby");
    assert_non_null(m);
    assert_int_equal(m->type, KG_TYPE_PERSON);
    assert_null(find(d, "CIA William Colby and two aides"));
    kg_doc_free(d);
    /* An agency's own longer name is no person. */
    d = recognized("The deal was approved by the NATO Military Committee last week.");
    assert_non_null(find(d, "NATO Military Committee"));
    assert_int_equal(count_type(d, KG_TYPE_PERSON), 0);
    kg_doc_free(d);
}

static void recognize_should_drop_a_weapon_class_that_describes_a_named_weapon(void **state)
{
    (void)state;
    kg_doc *d = recognized("The United States wants to sell F-15 fighter aircraft to Greece.");
    const kg_mention *m = find(d, "F-15");
    assert_non_null(m);
    assert_int_equal(m->type, KG_TYPE_WEAPON);
    assert_int_equal(count_type(d, KG_TYPE_WEAPON), 1);
    kg_doc_free(d);
    d = recognized("Britain sold 72 Tornado fighters and China sold Silkworm missiles to Iran.");
    assert_non_null(find(d, "Tornado"));
    assert_non_null(find(d, "Silkworm"));
    kg_doc_free(d);
    /* A class on its own stays. */
    d = recognized("The rebels used an anti-tank missile against the convoy.");
    m = find(d, "anti-tank missile");
    assert_non_null(m);
    assert_int_equal(m->kind, KG_MENTION_WEAPON_CLASS);
    kg_doc_free(d);
}

static void tagger_should_tag_a_long_conll_sentence(void **state)
{
    (void)state;
    enum { N = 5000 };
    kg_str *toks = malloc(N * sizeof *toks);
    kg_ner *cls = malloc(N * sizeof *cls);
    uint8_t *begin = malloc(N);
    kg_tag_state *st = NULL;
    assert_int_equal(kg_tag_state_new(&st), 0);
    for (int i = 0; i < N; i++)
        toks[i] = i % 3 ? (kg_str){"Paris", 5} : (kg_str){"and", 3};
    kg_tag_state_reset(st);
    kg_tag_state_observe(st, toks, N);
    assert_int_equal(
        kg_tagger_tag(kg_tagger_builtin(), kg_lexicon_builtin(), st, toks, N, cls, begin), 0);
    /* IOB2 is well formed: an inside tag continues an entity of its class. */
    for (int i = 0; i < N; i++)
        if (cls[i] != KG_NER_O && !begin[i])
            assert_true(i > 0 && cls[i - 1] == cls[i]);
    for (int i = 0; i < N; i++) {
        assert_true(cls[i] < KG_NER__COUNT);
        assert_true(begin[i] <= 1);
        if (cls[i] == KG_NER_O)
            assert_int_equal(begin[i], 0);
    }
    assert_int_equal(cls[0], KG_NER_O); /* "and" */
    kg_tag_state_free(st);
    free(toks);
    free(cls);
    free(begin);
}

/* A sentence with lexicon matches of several kinds and lengths, a
 * headline-cased word and a repeated name, for the feature tests. */
static const char feat_sentence[] = "Officials in the United States said Russian SA-18 "
                                    "missiles reached Kabul , and Kabul RADIO confirmed it";

static void prepared(char *buf, size_t cap, kg_str *toks, size_t *n, kg_feat_tok *ft,
                     kg_feat_doc *d)
{
    snprintf(buf, cap, "%s", feat_sentence);
    *n = split(buf, toks, 64);
    kg_feat_doc_init(d);
    kg_feat_doc_observe(d, toks, *n);
    kg_feat_prepare(ft, toks, *n, kg_lexicon_builtin(), d);
}

static int u64_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void prepare_matched_should_give_what_prepare_gives(void **state)
{
    (void)state;
    static kg_feat_doc d;
    char buf[256];
    kg_str toks[64];
    kg_feat_tok a[64], b[64];
    kg_lex_match m[64 * 8];
    uint32_t nm[64];
    size_t n;
    prepared(buf, sizeof buf, toks, &n, a, &d);
    kg_lexicon_match_each(kg_lexicon_builtin(), toks, n, m, 8, nm);
    kg_feat_prepare_matched(b, toks, n, m, nm, 8, &d);
    unsigned lex_tokens = 0;
    for (size_t i = 0; i < n; i++) {
        assert_true(a[i].w == b[i].w && a[i].lw == b[i].lw);
        assert_true(a[i].shape == b[i].shape && a[i].cshape == b[i].cshape);
        assert_memory_equal(a[i].pre, b[i].pre, sizeof a[i].pre);
        assert_memory_equal(a[i].suf, b[i].suf, sizeof a[i].suf);
        assert_true(a[i].pre5 == b[i].pre5 && a[i].suf5 == b[i].suf5);
        assert_true(a[i].cluster == b[i].cluster && a[i].lex == b[i].lex);
        assert_int_equal(a[i].flags, b[i].flags);
        assert_int_equal(a[i].doccase, b[i].doccase);
        lex_tokens += a[i].lex != 0;
    }
    /* United States, Russian, SA-18, missiles, Kabul: the lexicon counts. */
    assert_true(lex_tokens >= 5);
}

static void split_features_should_be_the_whole_templates(void **state)
{
    (void)state;
    static kg_feat_doc d;
    char buf[256];
    kg_str toks[64];
    kg_feat_tok ft[64];
    uint8_t y[64];
    size_t n;
    prepared(buf, sizeof buf, toks, &n, ft, &d);
    /* Some history, so that the memory features take part. */
    for (size_t i = 0; i < n; i++) {
        y[i] = (uint8_t)(i % 3 == 0 ? 0 : kg_label_make(1 + (int)(i % 4), KG_BILOU_U));
        kg_feat_doc_remember(&d, &ft[i], kg_label_class(y[i]));
    }
    int saw_memory = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t whole[KG_FEAT_MAX], parts[KG_FEAT_MAX];
        size_t kw = kg_feat_dynamic(ft, n, i, y, &d, whole), kp = 0;
        unsigned y1 = i ? y[i - 1] : KG_FEAT_NO_LABEL, y2 = i >= 2 ? y[i - 2] : KG_FEAT_NO_LABEL;
        int maj;
        kp += kg_feat_dyn_labels(y1, y2, parts + kp);
        kp += kg_feat_dyn_prev(&ft[i], y1, parts + kp);
        unsigned has = kg_feat_dyn_history(&ft[i], &d, &maj);
        kp += kg_feat_dyn_mem(has, maj, parts + kp);
        kp += kg_feat_dyn_mem_cs(&ft[i], maj, parts + kp);
        /* Same features in the same order: the trainer sees no change. */
        assert_int_equal(kw, kp);
        assert_memory_equal(whole, parts, kw * sizeof *whole);
        saw_memory |= maj >= 0;

        const kg_feat_tok *p1 = i ? &ft[i - 1] : NULL, *n1 = i + 1 < n ? &ft[i + 1] : NULL;
        kw = kg_feat_pair(ft, n, i, whole);
        kp = kg_feat_pair_shape(p1, &ft[i], n1, parts);
        kp += kg_feat_pair_word(p1, &ft[i], n1, parts + kp);
        assert_int_equal(kw, kp);
        qsort(whole, kw, sizeof *whole, u64_cmp);
        qsort(parts, kp, sizeof *parts, u64_cmp);
        assert_memory_equal(whole, parts, kw * sizeof *whole);
    }
    assert_true(saw_memory);
}

static void static_features_should_be_the_split_ones(void **state)
{
    (void)state;
    static kg_feat_doc d;
    char buf[256];
    kg_str toks[64];
    kg_feat_tok ft[64];
    size_t n;
    prepared(buf, sizeof buf, toks, &n, ft, &d);
    /* The tagger sums kg_feat_self/left/right/left2/right2/pair where the
     * trainer used kg_feat_static: any feature one side lacks would be
     * scored with weights it was never trained for. */
    for (size_t i = 0; i < n; i++) {
        uint64_t whole[KG_FEAT_MAX], parts[6 * KG_FEAT_MAX];
        size_t kw = kg_feat_static(ft, n, i, whole), kp = 0;
        kp += kg_feat_self(&ft[i], i == 0, parts + kp);
        kp += kg_feat_left(i ? &ft[i - 1] : NULL, parts + kp);
        kp += kg_feat_right(i + 1 < n ? &ft[i + 1] : NULL, parts + kp);
        kp += kg_feat_left2(i >= 2 ? &ft[i - 2] : NULL, parts + kp);
        kp += kg_feat_right2(i + 2 < n ? &ft[i + 2] : NULL, parts + kp);
        kp += kg_feat_pair(ft, n, i, parts + kp);
        assert_int_equal(kw, kp);
        qsort(whole, kw, sizeof *whole, u64_cmp);
        qsort(parts, kp, sizeof *parts, u64_cmp);
        assert_memory_equal(whole, parts, kw * sizeof *whole);
    }
}

static void tagger_should_tag_alike_with_a_fresh_or_a_used_state(void **state)
{
    (void)state;
    /* The state's caches (word sums, shape triples) carry over from one
     * sentence to the next: the same sentence must come out the same. */
    tagged a, b;
    tag_sentence(&a, feat_sentence);
    const kg_tagger *tg = kg_tagger_builtin();
    kg_tag_state *st = NULL;
    assert_int_equal(kg_tag_state_new(&st), 0);
    snprintf(b.buf, sizeof b.buf, "%s", feat_sentence);
    b.n = split(b.buf, b.tok, 64);
    for (int round = 0; round < 3; round++) {
        kg_tag_state_reset(st);
        kg_tag_state_observe(st, b.tok, b.n);
        assert_int_equal(kg_tagger_tag(tg, kg_lexicon_builtin(), st, b.tok, b.n, b.cls, b.begin),
                         0);
        assert_int_equal(a.n, b.n);
        assert_memory_equal(a.cls, b.cls, a.n * sizeof *a.cls);
        assert_memory_equal(a.begin, b.begin, a.n);
    }
    kg_tag_state_free(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tagger_should_find_person_org_location_and_misc),
        cmocka_unit_test(tagger_should_keep_two_word_places_together),
        cmocka_unit_test(tagger_should_tag_empty_sentence),
        cmocka_unit_test(tagger_load_should_reject_what_is_not_a_model),
        cmocka_unit_test(builtin_tagger_should_have_weights),
        cmocka_unit_test(labels_should_only_allow_well_formed_bilou),
        cmocka_unit_test(recognize_should_type_countries_and_demonyms),
        cmocka_unit_test(recognize_should_type_people_agencies_and_cities),
        cmocka_unit_test(recognize_should_add_lexicon_weapons_the_tagger_missed),
        cmocka_unit_test(recognize_should_find_weapons_named_before_a_weapon_noun),
        cmocka_unit_test(recognize_should_not_make_a_demonym_a_weapon),
        cmocka_unit_test(recognize_should_sort_mentions_without_overlap),
        cmocka_unit_test(recognize_should_accept_an_empty_doc),
        cmocka_unit_test(recognize_should_cope_with_huge_tokens_and_sentences),
        cmocka_unit_test(recognize_should_not_make_a_span_with_lower_case_words_a_weapon),
        cmocka_unit_test(recognize_should_join_a_place_and_radio_into_a_broadcaster),
        cmocka_unit_test(recognize_should_end_a_company_name_at_its_suffix),
        cmocka_unit_test(recognize_should_make_a_person_named_like_an_organisation_an_org),
        cmocka_unit_test(recognize_should_complete_a_truncated_person_name),
        cmocka_unit_test(recognize_should_not_extend_a_person_over_days_or_companies),
        cmocka_unit_test(recognize_should_keep_a_nationality_that_opens_a_name),
        cmocka_unit_test(recognize_should_split_an_agency_from_the_person_after_it),
        cmocka_unit_test(recognize_should_drop_a_weapon_class_that_describes_a_named_weapon),
        cmocka_unit_test(tagger_should_tag_a_long_conll_sentence),
        cmocka_unit_test(prepare_matched_should_give_what_prepare_gives),
        cmocka_unit_test(split_features_should_be_the_whole_templates),
        cmocka_unit_test(static_features_should_be_the_split_ones),
        cmocka_unit_test(tagger_should_tag_alike_with_a_fresh_or_a_used_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
