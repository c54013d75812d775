/*
 * test_lexicon.c - the built-in lexicons and matching (src/lexicon.c): each
 * kind of lookup the tagger and the extractor rely on, the all-capitals
 * fallback, user files that add or break things, and the consistency of the
 * shipped data (every in= and made_in= names an entry that exists).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <unistd.h>

#include "kg/error.h"
#include "kg/lexicon.h"

#define MAX_TOKS 32

/* Splits a test phrase at spaces into tokens (the test phrases are written
 * already tokenised, as the segmenter would cut them). */
static size_t toks_of(const char *text, kg_str *out)
{
    size_t n = 0;
    const char *p = text;
    while (*p && n < MAX_TOKS) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *q = p;
        while (*q && *q != ' ')
            q++;
        out[n].s = p;
        out[n].len = (uint32_t)(q - p);
        n++;
        p = q;
    }
    return n;
}

/* The best match at token i of `text`, or a match with entry NULL. */
static kg_lex_match best_at(const kg_lexicon *lx, const char *text, size_t i)
{
    kg_str t[MAX_TOKS];
    kg_lex_match m[4];
    kg_lex_match none = {0};
    size_t n = toks_of(text, t);
    size_t got = kg_lexicon_match(lx, t, n, i, m, 4);
    return got ? m[0] : none;
}

static void assert_id_at(const char *text, size_t i, const char *id, uint32_t ntok)
{
    kg_lex_match m = best_at(kg_lexicon_builtin(), text, i);
    if (!m.entry)
        fail_msg("no match at token %zu of '%s' (wanted %s)", i, text, id);
    assert_string_equal(m.entry->id, id);
    assert_int_equal(m.n_tokens, ntok);
}

static void builtin_should_load(void **state)
{
    (void)state;
    const kg_lexicon *lx = kg_lexicon_builtin();
    assert_non_null(lx);
    assert_ptr_equal(lx, kg_lexicon_builtin());
    assert_true(kg_lexicon_count(lx) > 100);
}

static void country_should_match_by_name_abbrev_and_demonym(void **state)
{
    (void)state;
    const kg_lexicon *lx = kg_lexicon_builtin();
    assert_id_at("officials in Russia said", 2, "country:RUS", 1);
    assert_id_at("the Russian Federation", 1, "country:RUS", 2);
    assert_id_at("the U.S. embassy", 1, "country:USA", 1);
    assert_id_at("the United States of America", 1, "country:USA", 4);

    kg_lex_match m = best_at(lx, "two Russians were held", 1);
    assert_non_null(m.entry);
    assert_string_equal(m.entry->id, "country:RUS");
    assert_int_equal(m.form, KG_FORM_DEMONYM);
    assert_int_equal(m.entry->type, KG_TYPE_COUNTRY);

    m = best_at(lx, "a Briton", 1);
    assert_non_null(m.entry);
    assert_string_equal(m.entry->id, "country:GBR");
    assert_int_equal(m.form, KG_FORM_DEMONYM);

    m = best_at(lx, "U.K. forces", 0);
    assert_non_null(m.entry);
    assert_int_equal(m.form, KG_FORM_ABBREV);
    assert_string_equal(m.entry->canonical, "United Kingdom");
}

static void org_should_match_by_acronym_and_by_expansion(void **state)
{
    (void)state;
    const kg_lexicon *lx = kg_lexicon_builtin();
    kg_lex_match m = best_at(lx, "the FSB said", 1);
    assert_non_null(m.entry);
    assert_string_equal(m.entry->id, "org:fsb");
    assert_int_equal(m.form, KG_FORM_ABBREV);
    assert_int_equal(m.entry->type, KG_TYPE_ORG);

    m = best_at(lx, "Russia 's Federal Security Service", 2);
    assert_non_null(m.entry);
    assert_string_equal(m.entry->id, "org:fsb");
    assert_int_equal(m.form, KG_FORM_NAME);
    assert_int_equal(m.n_tokens, 3);
    assert_string_equal(m.entry->canonical, "Federal Security Service");
}

static void institute_branches_should_keep_their_own_ids(void **state)
{
    (void)state;
    /* a think-tank's Moscow centre is not its Washington parent */
    assert_id_at("at the Carnegie Moscow Center", 2, "org:carnegie-moscow-center", 3);
    assert_id_at("the Carnegie Endowment said", 1, "org:carnegie", 2);
    /* the article's "of" for the institute's "for" */
    assert_id_at("the International Institute of Strategic Studies", 1, "org:iiss", 5);
}

static void weapon_should_match_by_designation_and_name(void **state)
{
    (void)state;
    const kg_lexicon *lx = kg_lexicon_builtin();
    assert_id_at("an SA-18 missile", 1, "weapon:igla", 1);
    assert_id_at("the Igla", 1, "weapon:igla", 1);
    /* plurals of weapon names come for free */
    assert_id_at("dozens of Iglas", 2, "weapon:igla", 1);
    kg_lex_match m = best_at(lx, "an SA-18", 1);
    assert_non_null(m.entry);
    assert_int_equal(m.entry->kind, KG_LEX_WEAPON);
    assert_string_equal(m.entry->made_in, "country:RUS");
}

static void weapon_class_should_match_plural_and_sentence_start(void **state)
{
    (void)state;
    const kg_lexicon *lx = kg_lexicon_builtin();
    kg_lex_match m = best_at(lx, "he sold surface-to-air missiles", 2);
    assert_non_null(m.entry);
    assert_int_equal(m.entry->kind, KG_LEX_WEAPON_CLASS);
    assert_int_equal(m.entry->type, KG_TYPE_WEAPON);
    m = best_at(lx, "Surface-to-air missile sales rose", 0);
    assert_non_null(m.entry);
    assert_int_equal(m.entry->kind, KG_LEX_WEAPON_CLASS);
}

static void title_should_carry_its_relation(void **state)
{
    (void)state;
    const kg_lexicon *lx = kg_lexicon_builtin();
    kg_lex_match m = best_at(lx, "President Putin", 0);
    assert_non_null(m.entry);
    assert_int_equal(m.entry->kind, KG_LEX_TITLE);
    assert_null(m.entry->id);
    assert_string_equal(m.entry->relation, "leader_of");
    m = best_at(lx, "FSB spokesman Sergei", 1);
    assert_non_null(m.entry);
    assert_string_equal(m.entry->relation, "member_of");
    /* titles match in either case */
    m = best_at(lx, "the president said", 1);
    assert_non_null(m.entry);
    assert_int_equal(m.entry->kind, KG_LEX_TITLE);
}

static void exact_case_title_should_not_match_lower_case(void **state)
{
    (void)state;
    const kg_lexicon *lx = kg_lexicon_builtin();
    kg_lex_match m = best_at(lx, "General Dostum", 0);
    assert_non_null(m.entry);
    assert_int_equal(m.entry->kind, KG_LEX_TITLE);
    assert_null(best_at(lx, "a general election", 1).entry);
    m = best_at(lx, "Gen. Ivashov", 0);
    assert_non_null(m.entry);
    assert_int_equal(m.form, KG_FORM_ABBREV);
}

static void same_name_should_give_one_entry_per_kind(void **state)
{
    (void)state;
    kg_str t[MAX_TOKS];
    kg_lex_match m[4];
    size_t n = toks_of("fired a Milan at", t);
    size_t got = kg_lexicon_match(kg_lexicon_builtin(), t, n, 2, m, 4);
    assert_true(got >= 2); /* also a first name */
    for (size_t k = 1; k < got; k++)
        assert_true(m[k - 1].entry->kind < m[k].entry->kind);
    assert_int_equal(m[0].entry->kind, KG_LEX_LOCATION);
    assert_int_equal(m[1].entry->kind, KG_LEX_WEAPON);
    assert_string_equal(m[1].entry->made_in, "country:FRA");
}

static void former_states_should_have_their_own_ids(void **state)
{
    (void)state;
    assert_id_at("the USSR collapsed", 1, "country:SUN", 1);
    assert_id_at("two Soviets", 1, "country:SUN", 1);
    assert_id_at("in East Germany", 1, "country:DDR", 2);
    assert_id_at("in West Germany", 1, "country:DEU", 2);
    assert_id_at("arms for Taiwan", 2, "country:TWN", 1);
}

static void *builtin_from_thread(void *arg)
{
    (void)arg;
    return (void *)kg_lexicon_builtin();
}

static void builtin_should_be_one_lexicon_across_threads(void **state)
{
    (void)state;
    pthread_t th[4];
    void *got[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&th[i], NULL, builtin_from_thread, NULL), 0);
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_join(th[i], &got[i]), 0);
    for (int i = 0; i < 4; i++)
        assert_ptr_equal(got[i], kg_lexicon_builtin());
}

static void firstname_should_match(void **state)
{
    (void)state;
    kg_lex_match m = best_at(kg_lexicon_builtin(), "Sergei Ivanov", 0);
    assert_non_null(m.entry);
    assert_int_equal(m.entry->kind, KG_LEX_FIRSTNAME);
    assert_null(m.entry->id);
}

static void longest_match_should_win(void **state)
{
    (void)state;
    /* "United States" beats "United States of" (no such form) but loses to
     * the four-token official name */
    assert_id_at("the United States said", 1, "country:USA", 2);
    assert_id_at("the United States of America said", 1, "country:USA", 4);
    /* a title that contains a shorter title */
    kg_lex_match m = best_at(kg_lexicon_builtin(), "Foreign Minister Lavrov", 0);
    assert_non_null(m.entry);
    assert_int_equal(m.n_tokens, 2);
    assert_string_equal(m.entry->relation, "member_of");
}

static void match_should_stop_at_the_end_of_the_tokens(void **state)
{
    (void)state;
    kg_str t[MAX_TOKS];
    kg_lex_match m[4];
    size_t n = toks_of("the United States of", t);
    /* only "United" "States" fit when the caller passes 3 tokens */
    size_t got = kg_lexicon_match(kg_lexicon_builtin(), t, 3, 1, m, 4);
    assert_int_equal(got, 1);
    assert_int_equal(m[0].n_tokens, 2);
    assert_int_equal(kg_lexicon_match(kg_lexicon_builtin(), t, n, n, m, 4), 0);
    assert_int_equal(kg_lexicon_match(kg_lexicon_builtin(), t, n, 0, m, 4), 0);
}

static void all_caps_headline_should_fall_back_to_caseless(void **state)
{
    (void)state;
    const kg_lexicon *lx = kg_lexicon_builtin();
    kg_lex_match m = best_at(lx, "RUSSIA ARRESTS DEALER", 0);
    assert_non_null(m.entry);
    assert_string_equal(m.entry->id, "country:RUS");
    assert_int_equal(m.caseless, 1);
    m = best_at(lx, "FEDERAL SECURITY SERVICE SAYS", 0);
    assert_non_null(m.entry);
    assert_string_equal(m.entry->id, "org:fsb");
    assert_int_equal(m.n_tokens, 3);
    /* an exact match is not caseless */
    m = best_at(lx, "FSB agents", 0);
    assert_non_null(m.entry);
    assert_int_equal(m.caseless, 0);
    /* an abbreviation in capitals does not make the words after it caseless */
    m = best_at(lx, "the U.S. air force", 1);
    assert_non_null(m.entry);
    assert_string_equal(m.entry->id, "country:USA");
    assert_int_equal(m.n_tokens, 1);
    /* lower-case text gets no fallback: "russia" is not a name */
    m = best_at(lx, "in russia today", 1);
    assert_null(m.entry);
}

static void curly_apostrophe_should_match_ascii(void **state)
{
    (void)state;
    /* "People's Liberation Army" with U+2019 for the apostrophe */
    kg_lex_match m =
        best_at(kg_lexicon_builtin(), "the People \xE2\x80\x99s Liberation Army", 1);
    assert_non_null(m.entry);
    assert_int_equal(m.n_tokens, 4);
    assert_int_equal(m.entry->type, KG_TYPE_ORG);
}

static void ambiguous_form_should_list_kinds_best_first(void **state)
{
    (void)state;
    kg_str t[MAX_TOKS];
    kg_lex_match m[4];
    size_t n = toks_of("King Hussein of Jordan", t);
    size_t got = kg_lexicon_match(kg_lexicon_builtin(), t, n, 3, m, 4);
    assert_true(got >= 2);
    assert_int_equal(m[0].entry->kind, KG_LEX_COUNTRY);
    assert_string_equal(m[0].entry->id, "country:JOR");
    assert_int_equal(m[1].entry->kind, KG_LEX_FIRSTNAME);
    /* max limits how many are written */
    assert_int_equal(kg_lexicon_match(kg_lexicon_builtin(), t, n, 3, m, 1), 1);
}

static void lookup_should_match_only_whole_names(void **state)
{
    (void)state;
    const kg_lexicon *lx = kg_lexicon_builtin();
    kg_lex_match m[4];
    /* the prefix of "U.S.-based", cut by the caller */
    assert_int_equal(kg_lexicon_lookup(lx, "U.S.", 4, m, 4), 1);
    assert_string_equal(m[0].entry->id, "country:USA");
    assert_true(kg_lexicon_lookup(lx, "Federal Security Service", 24, m, 4) >= 1);
    assert_string_equal(m[0].entry->id, "org:fsb");
    /* "United States Navy Band" is not a name, though it starts with one */
    assert_int_equal(kg_lexicon_lookup(lx, "United States Navy Band", 23, m, 4), 0);
    assert_int_equal(kg_lexicon_lookup(lx, "", 0, m, 4), 0);
}

static void find_id_should_return_entry(void **state)
{
    (void)state;
    const kg_lex_entry *e = kg_lexicon_find_id(kg_lexicon_builtin(), "country:SUN");
    assert_non_null(e);
    assert_string_equal(e->canonical, "Soviet Union");
    assert_null(kg_lexicon_find_id(kg_lexicon_builtin(), "country:XXX-none"));
    e = kg_lexicon_find_id(kg_lexicon_builtin(), "location:moscow");
    assert_non_null(e);
    assert_string_equal(e->located_in, "country:RUS");
}

static char *write_temp(const char *content)
{
    char *path = strdup("/tmp/kg_test_lexicon_XXXXXX");
    assert_non_null(path);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    size_t n = strlen(content);
    assert_int_equal(write(fd, content, n), (ssize_t)n);
    close(fd);
    return path;
}

static void user_file_should_add_and_override_entries(void **state)
{
    (void)state;
    kg_lexicon *lx = NULL;
    assert_int_equal(kg_lexicon_new(&lx), 0);
    size_t before = kg_lexicon_count(lx);
    char *path = write_temp("# my additions\n"
                            "org\torg:acme-arms\tAcme Arms Trading Company\t-\tAATC\n"
                            "\n"
                            "weapon\tweapon:thunderbolt-x\tThunderbolt X\tTBX-9\t-\t-\t"
                            "made_in=country:RUS\n"
                            "country\tcountry:RUS\tRussia\tRus\r\n"
                            "org\torg:fsb-fan-club\tFSB Fan Club\t-\tFSB\n");
    assert_int_equal(kg_lexicon_load_file(lx, path), 0);
    assert_int_equal(kg_lexicon_count(lx), before + 3);

    kg_lex_match m = best_at(lx, "the Acme Arms Trading Company", 1);
    assert_non_null(m.entry);
    assert_string_equal(m.entry->id, "org:acme-arms");
    m = best_at(lx, "two TBX-9s", 1);
    assert_non_null(m.entry);
    assert_string_equal(m.entry->id, "weapon:thunderbolt-x");
    /* a known id gains the new alias and keeps its canonical name */
    m = best_at(lx, "in Rus", 1);
    assert_non_null(m.entry);
    assert_string_equal(m.entry->id, "country:RUS");
    assert_string_equal(m.entry->canonical, "Russia");
    /* the user's entry overrides a built-in one of the same kind and name */
    m = best_at(lx, "the FSB", 1);
    assert_non_null(m.entry);
    assert_string_equal(m.entry->id, "org:fsb-fan-club");
    /* the built-in lexicon is untouched */
    assert_string_equal(best_at(kg_lexicon_builtin(), "the FSB", 1).entry->id, "org:fsb");
    assert_null(best_at(kg_lexicon_builtin(), "the AATC", 1).entry);
    unlink(path);
    free(path);
    kg_lexicon_free(lx);
}

static void expect_load_error(const char *content, const char *want)
{
    kg_lexicon *lx = NULL;
    assert_int_equal(kg_lexicon_new(&lx), 0);
    char *path = write_temp(content);
    int rc = kg_lexicon_load_file(lx, path);
    assert_int_equal(rc, KG_EPARSE);
    char expect[512];
    snprintf(expect, sizeof expect, "%s:%s", path, want);
    if (strncmp(kg_error_last(), expect, strlen(expect)) != 0)
        fail_msg("error '%s' does not start with '%s'", kg_error_last(), expect);
    unlink(path);
    free(path);
    kg_lexicon_free(lx);
}

static void malformed_user_file_should_fail_with_file_and_line(void **state)
{
    (void)state;
    expect_load_error("# ok\norg\torg:a\tA Corp\nspaceship\tx:y\tZ\n", "3: unknown kind");
    expect_load_error("org\torg:a\n", "1: expected at least 3");
    expect_load_error("\n\norg\tcountry:XYZ\tA Corp\n", "3: id 'country:XYZ'");
    expect_load_error("title\t-\tCzar\t-\t-\t-\trelation=rules\n", "1: unknown relation");
    expect_load_error("weapon\tweapon:w\tW\t-\t-\t-\tcolour=red\n", "1: unknown extra key");
    expect_load_error("org\torg:a\tA\tB||C\n", "1: empty name");
    expect_load_error("org\torg:a\tA\t-\t-\t-\t-\tmore\n", "1: more than 7");
    expect_load_error("country\tcountry:USA\tUncle Sam\nweapon\tweapon:x\tX\n"
                      "weapon_class\tweapon:x\tY\n",
                      "3: id 'weapon:x' is already a weapon");
}

static void missing_user_file_should_fail_with_eio(void **state)
{
    (void)state;
    kg_lexicon *lx = NULL;
    assert_int_equal(kg_lexicon_new(&lx), 0);
    assert_int_equal(kg_lexicon_load_file(lx, "/nonexistent/kg.tsv"), KG_EIO);
    assert_non_null(strstr(kg_error_last(), "/nonexistent/kg.tsv"));
    kg_lexicon_free(lx);
    kg_lexicon_free(NULL);
}

/* Every in= and made_in= in the shipped data must name a real entry, or
 * the extractor would emit edges to nodes nobody defines. Reads the TSVs
 * from the source tree, so a typo in a file fails here. */
static void shipped_references_should_resolve(void **state)
{
    (void)state;
    static const char *const files[] = {"countries", "organisations", "locations",
                                        "weapons",   "titles",        "firstnames"};
    const kg_lexicon *lx = kg_lexicon_builtin();
    char path[1024], line[4096];
    size_t checked = 0;
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        snprintf(path, sizeof path, "%s/src/lexicons/%s.tsv", KG_SOURCE_DIR, files[f]);
        FILE *fp = fopen(path, "r");
        assert_non_null(fp);
        while (fgets(line, sizeof line, fp)) {
            if (line[0] == '#')
                continue;
            for (char *p = line; (p = strstr(p, "in=")) != NULL; p += 3) {
                char id[256];
                size_t k = 0;
                const char *q = p + 3;
                while (*q && *q != '|' && *q != '\t' && *q != '\n' && *q != '\r' &&
                       k < sizeof id - 1)
                    id[k++] = *q++;
                id[k] = '\0';
                if (!kg_lexicon_find_id(lx, id))
                    fail_msg("%s: reference to unknown id '%s'", path, id);
                checked++;
            }
        }
        fclose(fp);
    }
    assert_true(checked > 0);
}

static void match_each_should_give_what_match_gives_everywhere(void **state)
{
    (void)state;
    /* Plain, multi-token, all-capitals and ambiguous forms, more tokens
     * than one block of look-ahead, and an empty token. */
    static const char *const texts[] = {
        "the Russian Federation sold SA-18 missiles to the United States and US officials "
        "in Kabul said RUSSIA and the UNITED STATES of America met President Putin",
        "", "Kabul"};
    const kg_lexicon *lx = kg_lexicon_builtin();
    for (size_t x = 0; x < sizeof texts / sizeof *texts; x++) {
        kg_str t[2 * MAX_TOKS];
        size_t n = toks_of(texts[x], t);
        /* Twice over: longer than the look-ahead block of 32 tokens. */
        memcpy(t + n, t, n * sizeof *t);
        n *= 2;
        if (n > 3)
            t[3].len = 0; /* an empty token matches nothing */
        for (size_t max = 1; max <= 8; max *= 2) {
            kg_lex_match each[2 * MAX_TOKS * 8], one[8];
            uint32_t nm[2 * MAX_TOKS];
            size_t total = 0;
            kg_lexicon_match_each(lx, t, n, each, max, nm);
            for (size_t i = 0; i < n; i++) {
                size_t got = kg_lexicon_match(lx, t, n, i, one, max);
                assert_int_equal(nm[i], got);
                for (size_t k = 0; k < got; k++) {
                    const kg_lex_match *e = &each[i * max + k];
                    assert_ptr_equal(e->entry, one[k].entry);
                    assert_int_equal(e->form, one[k].form);
                    assert_int_equal(e->n_tokens, one[k].n_tokens);
                    assert_int_equal(e->caseless, one[k].caseless);
                }
                total += got;
            }
            if (x == 0)
                assert_true(total >= 8);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builtin_should_load),
        cmocka_unit_test(country_should_match_by_name_abbrev_and_demonym),
        cmocka_unit_test(org_should_match_by_acronym_and_by_expansion),
        cmocka_unit_test(institute_branches_should_keep_their_own_ids),
        cmocka_unit_test(weapon_should_match_by_designation_and_name),
        cmocka_unit_test(weapon_class_should_match_plural_and_sentence_start),
        cmocka_unit_test(title_should_carry_its_relation),
        cmocka_unit_test(exact_case_title_should_not_match_lower_case),
        cmocka_unit_test(same_name_should_give_one_entry_per_kind),
        cmocka_unit_test(former_states_should_have_their_own_ids),
        cmocka_unit_test(builtin_should_be_one_lexicon_across_threads),
        cmocka_unit_test(firstname_should_match),
        cmocka_unit_test(longest_match_should_win),
        cmocka_unit_test(match_should_stop_at_the_end_of_the_tokens),
        cmocka_unit_test(all_caps_headline_should_fall_back_to_caseless),
        cmocka_unit_test(curly_apostrophe_should_match_ascii),
        cmocka_unit_test(ambiguous_form_should_list_kinds_best_first),
        cmocka_unit_test(lookup_should_match_only_whole_names),
        cmocka_unit_test(find_id_should_return_entry),
        cmocka_unit_test(user_file_should_add_and_override_entries),
        cmocka_unit_test(malformed_user_file_should_fail_with_file_and_line),
        cmocka_unit_test(missing_user_file_should_fail_with_eio),
        cmocka_unit_test(shipped_references_should_resolve),
        cmocka_unit_test(match_each_should_give_what_match_gives_everywhere),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
