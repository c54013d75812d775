/*
 * test_segment.c - tokens and sentences (src/segment.c): CoNLL-style token
 * shapes, abbreviations and initials, quotes and brackets, byte offsets
 * with multi-byte characters, and the limits. Texts are written for these
 * tests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kg/doc.h"
#include "kg/error.h"
#include "kg/segment.h"

static kg_doc *seg_len(const char *text, size_t len)
{
    kg_doc *d = NULL;
    assert_int_equal(kg_doc_new(&d, text, len, NULL), 0);
    assert_int_equal(kg_segment(d), 0);
    return d;
}

static kg_doc *seg(const char *text)
{
    return seg_len(text, strlen(text));
}

/* Tokens joined with '|'. Caller frees. */
static char *joined_tokens(const kg_doc *d)
{
    size_t cap = d->len * 2 + 2, n = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    for (size_t i = 0; i < d->n_tokens; i++) {
        size_t l = d->tokens[i].end - d->tokens[i].start;
        if (i)
            s[n++] = '|';
        memcpy(s + n, d->text + d->tokens[i].start, l);
        n += l;
    }
    s[n] = '\0';
    return s;
}

/* Sentences joined with " || ". Caller frees. */
static char *joined_sentences(const kg_doc *d)
{
    size_t cap = d->len + 4 * d->n_sentences + 2, n = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    for (size_t i = 0; i < d->n_sentences; i++) {
        size_t l = d->sentences[i].end - d->sentences[i].start;
        if (i) {
            memcpy(s + n, " || ", 4);
            n += 4;
        }
        memcpy(s + n, d->text + d->sentences[i].start, l);
        n += l;
    }
    s[n] = '\0';
    return s;
}

/* Every structural promise of kg/segment.h. */
static void check_invariants(const kg_doc *d)
{
    uint32_t prev_end = 0;
    for (size_t i = 0; i < d->n_tokens; i++) {
        const kg_token *t = &d->tokens[i];
        assert_true(t->start < t->end);
        assert_true(t->start >= prev_end);
        assert_true(t->end <= d->len);
        assert_true(t->sentence < d->n_sentences);
        const kg_sentence *s = &d->sentences[t->sentence];
        assert_true(i >= s->tok_begin && i < s->tok_end);
        prev_end = t->end;
    }
    uint32_t next_tok = 0;
    for (size_t i = 0; i < d->n_sentences; i++) {
        const kg_sentence *s = &d->sentences[i];
        assert_int_equal(s->tok_begin, next_tok);
        assert_true(s->tok_end > s->tok_begin);
        assert_true(s->tok_end - s->tok_begin <= KG_SEGMENT_SENTENCE_MAX);
        assert_int_equal(s->start, d->tokens[s->tok_begin].start);
        assert_int_equal(s->end, d->tokens[s->tok_end - 1].end);
        next_tok = s->tok_end;
    }
    assert_int_equal(next_tok, d->n_tokens);
}

static void expect_tokens(const char *text, const char *want)
{
    kg_doc *d = seg(text);
    check_invariants(d);
    char *got = joined_tokens(d);
    if (strcmp(got, want) != 0)
        print_error("text: %s\nwant: %s\ngot:  %s\n", text, want, got);
    assert_string_equal(got, want);
    free(got);
    kg_doc_free(d);
}

static void expect_sentences(const char *text, const char *want)
{
    kg_doc *d = seg(text);
    check_invariants(d);
    char *got = joined_sentences(d);
    if (strcmp(got, want) != 0)
        print_error("text: %s\nwant: %s\ngot:  %s\n", text, want, got);
    assert_string_equal(got, want);
    free(got);
    kg_doc_free(d);
}

/* ---- tokens ----------------------------------------------------------- */

static void segment_should_split_off_punctuation(void **state)
{
    (void)state;
    expect_tokens("Rebels (armed; tired) fled: north, then south!",
                  "Rebels|(|armed|;|tired|)|fled|:|north|,|then|south|!");
    expect_tokens("[sic] \"quoted\" `odd' {x}?", "[|sic|]|\"|quoted|\"|`|odd|'|{|x|}|?");
}

static void segment_should_split_possessives_and_negations(void **state)
{
    (void)state;
    expect_tokens("Russia's navy didn't sail.", "Russia|'s|navy|did|n't|sail|.");
    expect_tokens("We'll see; they're sure it's over and I'm not.",
                  "We|'ll|see|;|they|'re|sure|it|'s|over|and|I|'m|not|.");
    /* Curly apostrophes behave like straight ones. */
    expect_tokens("Iran\xE2\x80\x99s envoy can\xE2\x80\x99t go.",
                  "Iran|\xE2\x80\x99s|envoy|ca|n\xE2\x80\x99t|go|.");
    /* Plural possessive and names with apostrophes. */
    expect_tokens("the soldiers' rifles, O'Brien's unit",
                  "the|soldiers|'|rifles|,|O'Brien|'s|unit");
}

static void segment_should_keep_hyphenated_words_whole(void **state)
{
    (void)state;
    expect_tokens("a shoulder-held SA-18, a MiG-29 and an F-16 from a U.S.-based firm",
                  "a|shoulder-held|SA-18|,|a|MiG-29|and|an|F-16|from|a|U.S.-based|firm");
    /* A dangling or doubled dash is its own token. */
    expect_tokens("pro- and anti-war -- both", "pro|-|and|anti-war|--|both");
}

static void segment_should_split_then_and_ex_off_a_capitalised_name(void **state)
{
    (void)state;
    /* The name after the prefix must reach the tagger on its own. */
    expect_tokens("She briefed then-Defence Secretary Hale and two ex-KGB colonels.",
                  "She|briefed|then|-|Defence|Secretary|Hale|and|two|ex|-|KGB|colonels|.");
    expect_tokens("Then-Governor Ruiz and an EX-Minister met.",
                  "Then|-|Governor|Ruiz|and|an|EX|-|Minister|met|.");
    /* Lower-case compounds, and words that only start like the prefix,
     * stay whole. */
    expect_tokens("His ex-wife, a then-secret deal, Exxon-Mobil and Thenford-Bly.",
                  "His|ex-wife|,|a|then-secret|deal|,|Exxon-Mobil|and|Thenford-Bly|.");
    /* a short capitalised part is a name of its own: the Ex-Im Bank */
    expect_tokens("The Ex-Im Bank lent the money.", "The|Ex-Im|Bank|lent|the|money|.");
}

static void segment_should_keep_numbers_with_separators(void **state)
{
    (void)state;
    expect_tokens("It cost $85,000 or 3.5 million in the 1990s.",
                  "It|cost|$|85,000|or|3.5|million|in|the|1990s|.");
    expect_tokens("At 10:30 on 12/31, rates fell -0.25 to +44 and .500 US$ 5",
                  "At|10:30|on|12/31|,|rates|fell|-0.25|to|+44|and|.500|US$|5");
    /* A comma that does not group three digits separates. */
    expect_tokens("in 1996,97 cases", "in|1996|,|97|cases");
}

static void segment_should_keep_abbreviation_and_initial_periods(void **state)
{
    (void)state;
    expect_tokens("Mr. J. Smith of the U.S. met Gen. Lee in St. Louis on Sept. 5 at 9 a.m. today.",
                  "Mr.|J.|Smith|of|the|U.S.|met|Gen.|Lee|in|St.|Louis|on|Sept.|5|at|9|a.m.|"
                  "today|.");
    /* An ordinary word keeps no period; an ellipsis is one token. */
    expect_tokens("It ended... Then", "It|ended|...|Then");
    /* "No." is an abbreviation only before a number. */
    expect_tokens("He said no. No. 10 agreed.", "He|said|no|.|No.|10|agreed|.");
}

static void segment_should_keep_web_addresses_whole(void **state)
{
    (void)state;
    expect_tokens("See https://example.org/a-b?c=1. Or www.example.com, too.",
                  "See|https://example.org/a-b?c=1|.|Or|www.example.com|,|too|.");
}

static void segment_should_handle_curly_quotes_like_ascii(void **state)
{
    (void)state;
    expect_tokens("\xE2\x80\x9CNo,\xE2\x80\x9D she said, \xE2\x80\x98never\xE2\x80\x99.",
                  "\xE2\x80\x9C|No|,|\xE2\x80\x9D|she|said|,|\xE2\x80\x98|never|\xE2\x80\x99|.");
}

/* ---- offsets ---------------------------------------------------------- */

static void segment_offsets_should_index_bytes_with_multibyte_text(void **state)
{
    (void)state;
    /* Z\u00fcrich, \u201cquoted\u201d, Gda\u0144sk, \u20ac5, an emoji, a
     * non-breaking space as separator. */
    const char *text = "In Z\xC3\xBCrich, \xE2\x80\x9C"
                       "Gda\xC5\x84sk\xE2\x80\x9D paid "
                       "\xE2\x82\xAC"
                       "5\xC2\xA0million \xF0\x9F\x9A\x80 now.";
    const char *want[] = {
        "In",   "Z\xC3\xBCrich", ",", "\xE2\x80\x9C", "Gda\xC5\x84sk",    "\xE2\x80\x9D",
        "paid", "\xE2\x82\xAC",  "5", "million",      "\xF0\x9F\x9A\x80", "now",
        "."};
    size_t nw = sizeof want / sizeof *want;
    kg_doc *d = seg(text);
    check_invariants(d);
    assert_int_equal(d->n_tokens, nw);
    for (size_t i = 0; i < nw; i++) {
        size_t l = d->tokens[i].end - d->tokens[i].start;
        assert_int_equal(l, strlen(want[i]));
        assert_memory_equal(d->text + d->tokens[i].start, want[i], l);
    }
    /* First token byte 0, "Z\u00fcrich" starts at byte 3 and is 7 bytes. */
    assert_int_equal(d->tokens[1].start, 3);
    assert_int_equal(d->tokens[1].end, 10);
    kg_doc_free(d);
}

static void segment_should_survive_invalid_utf8(void **state)
{
    (void)state;
    /* kg_segment is public: text that did not come through the reader may
     * hold stray bytes. They become tokens; nothing is read out of bounds. */
    const char text[] = "ab\xFF"
                        "cd \xC3 \xE2\x82 x\xF0\x9F";
    kg_doc *d = seg_len(text, sizeof text - 1);
    check_invariants(d);
    assert_true(d->n_tokens >= 4);
    kg_doc_free(d);
}

/* ---- sentences -------------------------------------------------------- */

static void segment_should_end_sentences_at_terminal_punctuation(void **state)
{
    (void)state;
    expect_sentences("Troops left. Why? Nobody knows! 2005 was worse.",
                     "Troops left. || Why? || Nobody knows! || 2005 was worse.");
    /* Lower case after the mark: no end ("Why?" he asked). */
    expect_sentences("\"Why?\" he asked. It rained.", "\"Why?\" he asked. || It rained.");
}

static void segment_should_not_end_sentences_at_abbreviations_or_initials(void **state)
{
    (void)state;
    expect_sentences("Mr. Ruiz met Gen. Okafor and Dr. Lee on Sept. 9 in St. Louis. J. R. Ewing "
                     "came too.",
                     "Mr. Ruiz met Gen. Okafor and Dr. Lee on Sept. 9 in St. Louis. || J. R. Ewing "
                     "came too.");
    /* "U.S." followed by a name continuation does not end the sentence. */
    expect_sentences("The U.S. Navy and U.N. Security Council agreed.",
                     "The U.S. Navy and U.N. Security Council agreed.");
}

static void segment_should_end_sentence_at_final_abbreviation_before_a_starter(void **state)
{
    (void)state;
    expect_sentences("The rifles were shipped to the U.S. The buyer paid cash.",
                     "The rifles were shipped to the U.S. || The buyer paid cash.");
    expect_sentences("It was sold to Acme Corp. He denied it.",
                     "It was sold to Acme Corp. || He denied it.");
    /* A bracket after "a.m." is not a new sentence. */
    expect_sentences("It landed at 4 a.m. (0300 GMT) safely.",
                     "It landed at 4 a.m. (0300 GMT) safely.");
}

static void segment_should_keep_closing_quotes_and_brackets_in_the_sentence(void **state)
{
    (void)state;
    expect_sentences("He said: \"We will sell.\" The deal fell through.",
                     "He said: \"We will sell.\" || The deal fell through.");
    expect_sentences(
        "(It was late.) Officials left. \xE2\x80\x9CNo.\xE2\x80\x9D Then quiet.",
        "(It was late.) || Officials left. || \xE2\x80\x9CNo.\xE2\x80\x9D || Then quiet.");
    /* An opening quote after a space starts the next sentence. */
    expect_sentences("They fled. \"Run,\" he said.", "They fled. || \"Run,\" he said.");
    /* A quote with space on both sides is not an opening one. */
    expect_sentences("It was over. \"\n\nTalks resumed.", "It was over. \" || Talks resumed.");
}

static void segment_should_end_sentences_at_blank_lines(void **state)
{
    (void)state;
    expect_sentences("Missiles for sale\n\nA dealer offered them\r\n\r\nnobody bought",
                     "Missiles for sale || A dealer offered them || nobody bought");
    /* A single line break inside a paragraph does not end a sentence. */
    expect_sentences("The convoy crossed\nthe border at dawn.",
                     "The convoy crossed\nthe border at dawn.");
}

static void segment_should_end_sentences_at_a_ruled_line(void **state)
{
    (void)state;
    /* A news digest: items ruled off by a line of dashes, each item
     * opening with a dateline, none ending its sentence in a way the
     * next capital would show. */
    expect_sentences("Troops left the port.\n    - - - -\n    OSLO - A minister resigned.\n"
                     "*****\nTalks resumed",
                     "Troops left the port. || OSLO - A minister resigned. || Talks resumed");
    expect_sentences("Rebels held the pass\n---\nthe army waited",
                     "Rebels held the pass || the army waited");
    /* Dashes inside a line, or fewer than three, are text. */
    expect_sentences("The score was 3 - - 4 in the end.\n--\nfine",
                     "The score was 3 - - 4 in the end.\n--\nfine");
}

static void segment_should_end_a_title_line_without_punctuation(void **state)
{
    (void)state;
    expect_sentences(
        "Dealer held in missile sting\nA British arms dealer was arrested on Tuesday "
        "after trying to sell a shoulder-fired missile to an undercover agent in New "
        "Jersey, officials said.",
        "Dealer held in missile sting || A British arms dealer was arrested on Tuesday "
        "after trying to sell a shoulder-fired missile to an undercover agent in New "
        "Jersey, officials said.");
    /* A first line ending in a word that needs more is not a title. */
    expect_sentences("The exchange said\nAcme shares will trade again on Monday.",
                     "The exchange said\nAcme shares will trade again on Monday.");
    /* Hard-wrapped text: the first line is not a title. */
    expect_sentences("The ministry said on Monday that\nFrance would deliver twelve jets to\n"
                     "the air force by the end of next year.",
                     "The ministry said on Monday that\nFrance would deliver twelve jets to\n"
                     "the air force by the end of next year.");
}

/* ---- limits and edge cases -------------------------------------------- */

static void segment_should_cut_overlong_sentences(void **state)
{
    (void)state;
    size_t words = KG_SEGMENT_SENTENCE_MAX * 2 + 500;
    char *text = malloc(words * 5 + 1);
    assert_non_null(text);
    for (size_t i = 0; i < words; i++)
        memcpy(text + i * 5, "word ", 5);
    text[words * 5] = '\0';
    kg_doc *d = seg(text);
    check_invariants(d);
    assert_int_equal(d->n_tokens, words);
    assert_int_equal(d->n_sentences, 3);
    assert_int_equal(d->sentences[0].tok_end, KG_SEGMENT_SENTENCE_MAX);
    kg_doc_free(d);
    free(text);
}

static void segment_should_keep_an_overlong_token_whole(void **state)
{
    (void)state;
    char text[KG_SEGMENT_TOKEN_MAX * 3 + 16];
    memset(text, 'x', KG_SEGMENT_TOKEN_MAX * 3);
    strcpy(text + KG_SEGMENT_TOKEN_MAX * 3, " ok.");
    kg_doc *d = seg(text);
    check_invariants(d);
    assert_int_equal(d->n_tokens, 3);
    assert_int_equal(d->tokens[0].end, KG_SEGMENT_TOKEN_MAX * 3);
    kg_doc_free(d);
}

static void segment_should_give_nothing_for_empty_or_blank_text(void **state)
{
    (void)state;
    kg_doc *d = seg("");
    assert_int_equal(d->n_tokens, 0);
    assert_int_equal(d->n_sentences, 0);
    kg_doc_free(d);
    d = seg(" \n\t\r\n \xC2\xA0 ");
    assert_int_equal(d->n_tokens, 0);
    assert_int_equal(d->n_sentences, 0);
    kg_doc_free(d);
}

static void segment_should_replace_earlier_results(void **state)
{
    (void)state;
    kg_doc *d = seg("One two. Three.");
    size_t nt = d->n_tokens, ns = d->n_sentences;
    assert_int_equal(kg_segment(d), 0);
    assert_int_equal(d->n_tokens, nt);
    assert_int_equal(d->n_sentences, ns);
    check_invariants(d);
    kg_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(segment_should_split_off_punctuation),
        cmocka_unit_test(segment_should_split_possessives_and_negations),
        cmocka_unit_test(segment_should_keep_hyphenated_words_whole),
        cmocka_unit_test(segment_should_split_then_and_ex_off_a_capitalised_name),
        cmocka_unit_test(segment_should_keep_numbers_with_separators),
        cmocka_unit_test(segment_should_keep_abbreviation_and_initial_periods),
        cmocka_unit_test(segment_should_keep_web_addresses_whole),
        cmocka_unit_test(segment_should_handle_curly_quotes_like_ascii),
        cmocka_unit_test(segment_offsets_should_index_bytes_with_multibyte_text),
        cmocka_unit_test(segment_should_survive_invalid_utf8),
        cmocka_unit_test(segment_should_end_sentences_at_terminal_punctuation),
        cmocka_unit_test(segment_should_not_end_sentences_at_abbreviations_or_initials),
        cmocka_unit_test(segment_should_end_sentence_at_final_abbreviation_before_a_starter),
        cmocka_unit_test(segment_should_keep_closing_quotes_and_brackets_in_the_sentence),
        cmocka_unit_test(segment_should_end_sentences_at_blank_lines),
        cmocka_unit_test(segment_should_end_sentences_at_a_ruled_line),
        cmocka_unit_test(segment_should_end_a_title_line_without_punctuation),
        cmocka_unit_test(segment_should_cut_overlong_sentences),
        cmocka_unit_test(segment_should_keep_an_overlong_token_whole),
        cmocka_unit_test(segment_should_give_nothing_for_empty_or_blank_text),
        cmocka_unit_test(segment_should_replace_earlier_results),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
