/*
 * test_read.c - the article reader (src/read.c): plain text and titles,
 * UTF-8 repair, binary and oversized inputs, JSON Lines with bad lines,
 * directory walks (order, extensions, symlink loops), stdin, missing paths
 * and boilerplate blanking that keeps every offset. Each test builds its
 * inputs in a fresh temporary directory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kg/doc.h"
#include "kg/error.h"
#include "kg/read.h"
#include "util.h"

#define REPLACEMENT "\xEF\xBF\xBD"

/* ---- fixtures --------------------------------------------------------- */

typedef struct fixture {
    char dir[64];
    char warnings[8192]; /* every warning, one per line */
    int n_warnings;
    kg_read_opts opts;
} fixture;

static void on_warning(void *ctx, const char *msg)
{
    fixture *f = ctx;
    size_t used = strlen(f->warnings);
    snprintf(f->warnings + used, sizeof f->warnings - used, "%s\n", msg);
    f->n_warnings++;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    strcpy(f->dir, "/tmp/kg_test_read.XXXXXX");
    if (!mkdtemp(f->dir)) {
        free(f);
        return -1;
    }
    f->opts.warn = on_warning;
    f->opts.warn_ctx = f;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    int rc = system(cmd);
    free(f);
    return rc == 0 ? 0 : -1;
}

/* Path of `name` inside the fixture directory (static buffer rotation). */
static const char *path_of(fixture *f, const char *name)
{
    static char bufs[8][512];
    static int k;
    char *b = bufs[k++ % 8];
    snprintf(b, sizeof bufs[0], "%s/%s", f->dir, name);
    return b;
}

static void write_bytes(fixture *f, const char *name, const char *data, size_t len)
{
    FILE *fp = fopen(path_of(f, name), "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
}

static void write_text(fixture *f, const char *name, const char *text)
{
    write_bytes(f, name, text, strlen(text));
}

static void make_dir(fixture *f, const char *name)
{
    assert_int_equal(mkdir(path_of(f, name), 0755), 0);
}

/* Reads every article of paths[0..n); returns how many, fills docs (up to
 * max; the rest are freed) and counts errors in *errors. */
static size_t read_all(fixture *f, const char *const *paths, size_t n, kg_doc **docs, size_t max,
                       int *errors)
{
    kg_reader *r = NULL;
    assert_int_equal(kg_reader_new(&r, paths, n, &f->opts), 0);
    size_t got = 0;
    int errs = 0;
    for (int guard = 0; guard < 1000; guard++) {
        kg_doc *d = NULL;
        int rc = kg_reader_next(r, &d);
        if (rc == 0)
            break;
        if (rc < 0) {
            assert_null(d);
            errs++;
            continue;
        }
        assert_non_null(d);
        if (got < max)
            docs[got] = d;
        else
            kg_doc_free(d);
        got++;
    }
    kg_reader_free(r);
    if (errors)
        *errors = errs;
    return got;
}

static void free_docs(kg_doc **docs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        kg_doc_free(docs[i]);
}

/* ---- plain text ------------------------------------------------------- */

static void read_text_should_take_a_short_first_line_followed_by_a_blank_line_as_title(void **state)
{
    fixture *f = *state;
    kg_doc *d = NULL;
    const char *t = "Navy orders four corvettes  \r\n\r\nThe navy ordered four corvettes.";
    assert_int_equal(kg_read_text(&d, t, strlen(t), "a.txt", &f->opts), 0);
    assert_string_equal(d->meta.title, "Navy orders four corvettes");
    assert_string_equal(d->meta.source, "a.txt");
    assert_int_equal(d->len, strlen(t));
    assert_string_equal(d->meta.id, d->meta.hash);
    kg_doc_free(d);

    /* No blank line after it: no title. */
    t = "Navy orders four corvettes\nThe navy ordered four corvettes.";
    assert_int_equal(kg_read_text(&d, t, strlen(t), NULL, &f->opts), 0);
    assert_null(d->meta.title);
    kg_doc_free(d);

    /* Longer than KG_READ_TITLE_MAX: a paragraph, not a title. */
    char long_text[KG_READ_TITLE_MAX + 64];
    memset(long_text, 'a', KG_READ_TITLE_MAX + 1);
    strcpy(long_text + KG_READ_TITLE_MAX + 1, "\n\nBody.");
    assert_int_equal(kg_read_text(&d, long_text, strlen(long_text), NULL, &f->opts), 0);
    assert_null(d->meta.title);
    kg_doc_free(d);
    assert_int_equal(f->n_warnings, 0);
}

static void read_should_return_empty_and_whitespace_only_articles(void **state)
{
    fixture *f = *state;
    write_text(f, "empty.txt", "");
    write_text(f, "blank.txt", " \n\t\n  ");
    const char *paths[] = {path_of(f, "empty.txt"), path_of(f, "blank.txt")};
    kg_doc *docs[2];
    int errors;
    assert_int_equal(read_all(f, paths, 2, docs, 2, &errors), 2);
    assert_int_equal(errors, 0);
    assert_int_equal(docs[0]->len, 0);
    assert_string_equal(docs[1]->text, " \n\t\n  ");
    assert_null(docs[1]->meta.title);
    free_docs(docs, 2);
}

/* ---- UTF-8 ------------------------------------------------------------ */

static void read_should_repair_invalid_utf8_and_warn_with_the_count(void **state)
{
    fixture *f = *state;
    write_bytes(f, "bad.txt", "Caf\xE9 and \xFF\xFEok", 13);
    const char *paths[] = {path_of(f, "bad.txt")};
    kg_doc *d;
    assert_int_equal(read_all(f, paths, 1, &d, 1, NULL), 1);
    assert_string_equal(d->text, "Caf" REPLACEMENT " and " REPLACEMENT REPLACEMENT "ok");
    assert_int_equal(f->n_warnings, 1);
    assert_non_null(strstr(f->warnings, "bad.txt"));
    assert_non_null(strstr(f->warnings, "3 invalid UTF-8 bytes"));
    /* The hash is of the repaired text. */
    char hash[17];
    kg_hash_hex(hash, d->text, d->len);
    assert_string_equal(d->meta.hash, hash);
    kg_doc_free(d);
}

static void read_should_treat_overlong_forms_and_surrogates_as_invalid(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t len;
        long bad;
        const char *out;
    } cases[] = {
        {"\xC0\xAF", 2, 2, REPLACEMENT REPLACEMENT},                 /* overlong '/' */
        {"\xE0\x80\xAF", 3, 3, REPLACEMENT REPLACEMENT REPLACEMENT}, /* overlong, 3 bytes */
        {"\xF0\x80\x80\xAF", 4, 4, REPLACEMENT REPLACEMENT REPLACEMENT REPLACEMENT},
        {"\xED\xA0\x80", 3, 3, REPLACEMENT REPLACEMENT REPLACEMENT}, /* surrogate D800 */
        {"\xF4\x90\x80\x80", 4, 4, REPLACEMENT REPLACEMENT REPLACEMENT REPLACEMENT}, /* >10FFFF */
        {"a\xE2\x82", 3, 2, "a" REPLACEMENT REPLACEMENT},                            /* truncated */
        {"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x9A\x80", 9, 0, "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x9A\x80"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *out = NULL;
        size_t n = 0;
        long bad = kg_read_repair_utf8(&out, &n, cases[i].in, cases[i].len);
        assert_int_equal(bad, cases[i].bad);
        assert_int_equal(n, strlen(cases[i].out));
        assert_memory_equal(out, cases[i].out, n);
        free(out);
    }
}

/* ---- skipped inputs --------------------------------------------------- */

static void read_should_skip_files_with_nul_bytes(void **state)
{
    fixture *f = *state;
    write_bytes(f, "bin.txt", "MZ\0\0\x01\x02text", 10);
    write_text(f, "good.txt", "Fine.");
    const char *paths[] = {path_of(f, "bin.txt"), path_of(f, "good.txt")};
    kg_doc *d;
    int errors;
    assert_int_equal(read_all(f, paths, 2, &d, 1, &errors), 1);
    assert_int_equal(errors, 0);
    assert_string_equal(d->text, "Fine.");
    assert_int_equal(f->n_warnings, 1);
    assert_non_null(strstr(f->warnings, "bin.txt"));
    assert_non_null(strstr(f->warnings, "NUL"));
    kg_doc_free(d);

    /* The buffer API says the same as an error. */
    assert_int_equal(kg_read_text(&d, "a\0b", 3, "buf", NULL), KG_EPARSE);
    assert_null(d);
}

static void read_should_skip_articles_over_the_limit(void **state)
{
    fixture *f = *state;
    f->opts.article_max = 64;
    char big[200];
    memset(big, 'w', sizeof big);
    write_bytes(f, "big.txt", big, sizeof big);
    write_text(f, "small.txt", "Short.");
    /* A JSON line that is too long is skipped; the next one is read. */
    char line[400];
    snprintf(line, sizeof line, "{\"text\":\"%.150s\"}\n{\"text\":\"Next.\"}\n", big);
    write_text(f, "feed.jsonl", line);
    const char *paths[] = {path_of(f, "big.txt"), path_of(f, "small.txt"),
                           path_of(f, "feed.jsonl")};
    kg_doc *docs[4];
    int errors;
    assert_int_equal(read_all(f, paths, 3, docs, 4, &errors), 2);
    assert_int_equal(errors, 0);
    assert_string_equal(docs[0]->text, "Short.");
    assert_string_equal(docs[1]->text, "Next.");
    assert_int_equal(f->n_warnings, 2);
    assert_non_null(strstr(f->warnings, "big.txt"));
    assert_non_null(strstr(f->warnings, "feed.jsonl:1"));
    free_docs(docs, 2);
}

static void read_should_report_a_missing_path_and_continue(void **state)
{
    fixture *f = *state;
    write_text(f, "ok.txt", "Present.");
    const char *paths[] = {path_of(f, "missing.txt"), path_of(f, "ok.txt")};
    kg_reader *r = NULL;
    assert_int_equal(kg_reader_new(&r, paths, 2, &f->opts), 0);
    kg_doc *d = NULL;
    assert_int_equal(kg_reader_next(r, &d), KG_EIO);
    assert_null(d);
    assert_non_null(strstr(kg_error_last(), "missing.txt"));
    assert_non_null(strstr(kg_reader_path(r), "missing.txt"));
    assert_int_equal(kg_reader_next(r, &d), 1);
    assert_string_equal(d->text, "Present.");
    assert_non_null(strstr(kg_reader_path(r), "ok.txt"));
    kg_doc_free(d);
    assert_int_equal(kg_reader_next(r, &d), 0);
    kg_reader_free(r);
    kg_reader_free(NULL);
}

/* ---- JSON Lines ------------------------------------------------------- */

static void read_jsonl_should_skip_bad_lines_with_a_warning(void **state)
{
    fixture *f = *state;
    write_text(f, "feed.jsonl",
               "{\"id\":\"a1\",\"title\":\"Tanks\",\"text\":\"Tanks rolled "
               "in.\",\"date\":\"2003-03-20\"}\n"
               "this is not json\n"
               "{\"id\":\"a3\",\"title\":\"no text\"}\n"
               "\n"
               "{\"text\":\"Ships docked.\",\"url\":\"https://news.example/ships\"}\r\n"
               "{\"id\":42,\"text\":\"\"}");
    const char *paths[] = {path_of(f, "feed.jsonl")};
    kg_doc *docs[4];
    int errors;
    assert_int_equal(read_all(f, paths, 1, docs, 4, &errors), 3);
    assert_int_equal(errors, 0);
    assert_string_equal(docs[0]->meta.id, "a1");
    assert_string_equal(docs[0]->meta.title, "Tanks");
    assert_string_equal(docs[0]->meta.date, "2003-03-20");
    assert_non_null(strstr(docs[0]->meta.source, "feed.jsonl:1"));
    assert_string_equal(docs[0]->text, "Tanks rolled in.");
    /* No id: the text hash; a url: the source. */
    assert_string_equal(docs[1]->meta.id, docs[1]->meta.hash);
    assert_string_equal(docs[1]->meta.source, "https://news.example/ships");
    /* A numeric id and an empty text are fine. */
    assert_string_equal(docs[2]->meta.id, "42");
    assert_int_equal(docs[2]->len, 0);
    assert_int_equal(f->n_warnings, 2);
    assert_non_null(strstr(f->warnings, "feed.jsonl:2"));
    assert_non_null(strstr(f->warnings, "feed.jsonl:3"));
    free_docs(docs, 3);
}

static void read_should_sniff_jsonl_in_a_file_without_the_extension(void **state)
{
    fixture *f = *state;
    write_text(f, "feed.dat", "\n  {\"text\":\"One.\"}\n{\"text\":\"Two.\"}\n");
    /* A file starting with '{' that is not JSON Lines is plain text. */
    write_text(f, "brace.txt", "{draft} Three.\n");
    const char *paths[] = {path_of(f, "feed.dat"), path_of(f, "brace.txt")};
    kg_doc *docs[4];
    assert_int_equal(read_all(f, paths, 2, docs, 4, NULL), 3);
    assert_string_equal(docs[0]->text, "One.");
    assert_string_equal(docs[1]->text, "Two.");
    assert_string_equal(docs[2]->text, "{draft} Three.\n");
    free_docs(docs, 3);
}

static void read_json_should_repair_metadata_and_reject_non_objects(void **state)
{
    fixture *f = *state;
    kg_doc *d = NULL;
    const char *line = "{\"title\":\"Bad \xFF title\",\"text\":\"Body \xFE.\"}";
    assert_int_equal(kg_read_json(&d, line, strlen(line), "x:1", &f->opts), 0);
    assert_string_equal(d->meta.title, "Bad " REPLACEMENT " title");
    assert_string_equal(d->text, "Body " REPLACEMENT ".");
    assert_string_equal(d->meta.source, "x:1");
    kg_doc_free(d);
    assert_non_null(strstr(f->warnings, "2 invalid UTF-8 bytes"));
    assert_int_equal(kg_read_json(&d, "[1,2]", 5, "x:2", NULL), KG_EPARSE);
    assert_null(d);
    assert_int_equal(kg_read_json(&d, "{\"text\":7}", 10, "x:3", NULL), KG_EPARSE);
    assert_non_null(strstr(kg_error_last(), "x:3"));
}

/* ---- stdin ------------------------------------------------------------ */

/* Runs the reader on "-" with stdin redirected from `name`. */
static size_t read_stdin_from(fixture *f, const char *name, kg_doc **docs, size_t max)
{
    int saved = dup(STDIN_FILENO);
    assert_true(saved >= 0);
    int fd = open(path_of(f, name), O_RDONLY);
    assert_true(fd >= 0);
    assert_true(dup2(fd, STDIN_FILENO) >= 0);
    close(fd);
    const char *paths[] = {"-", "-"};
    size_t n = read_all(f, paths, 2, docs, max, NULL);
    assert_true(dup2(saved, STDIN_FILENO) >= 0);
    close(saved);
    return n;
}

static void read_should_read_plain_text_and_jsonl_from_stdin(void **state)
{
    fixture *f = *state;
    write_text(f, "in.txt", "Convoy attacked\n\nA convoy was attacked.");
    kg_doc *docs[3];
    assert_int_equal(read_stdin_from(f, "in.txt", docs, 3), 1);
    assert_string_equal(docs[0]->meta.title, "Convoy attacked");
    assert_string_equal(docs[0]->meta.source, "<stdin>");
    free_docs(docs, 1);
    /* "-" given twice is read once, with a warning. */
    assert_non_null(strstr(f->warnings, "twice"));

    write_text(f, "in.jsonl", "{\"text\":\"First.\"}\n{\"text\":\"Second.\"}\n");
    assert_int_equal(read_stdin_from(f, "in.jsonl", docs, 3), 2);
    assert_string_equal(docs[1]->text, "Second.");
    assert_string_equal(docs[1]->meta.source, "<stdin>:2");
    free_docs(docs, 2);
}

/* ---- directories ------------------------------------------------------ */

static void read_should_walk_directories_in_sorted_order_and_skip_other_files(void **state)
{
    fixture *f = *state;
    make_dir(f, "d");
    make_dir(f, "d/sub");
    write_text(f, "d/b.txt", "B.");
    write_text(f, "d/a.md", "A.");
    write_text(f, "d/sub/c.TXT", "C.");
    write_text(f, "d/z.pdf", "not an article");
    write_text(f, "d/.hidden.txt", "hidden");
    write_text(f, "d/sub/e.jsonl", "{\"text\":\"not read in a directory\"}");
    const char *paths[] = {path_of(f, "d")};
    kg_doc *docs[8];
    int errors;
    assert_int_equal(read_all(f, paths, 1, docs, 8, &errors), 3);
    assert_int_equal(errors, 0);
    assert_string_equal(docs[0]->text, "A.");
    assert_string_equal(docs[1]->text, "B.");
    assert_string_equal(docs[2]->text, "C.");
    assert_non_null(strstr(docs[2]->meta.source, "d/sub/c.TXT"));
    assert_int_equal(f->n_warnings, 2);
    assert_non_null(strstr(f->warnings, "z.pdf"));
    assert_non_null(strstr(f->warnings, "e.jsonl"));
    free_docs(docs, 3);
}

static void read_should_not_hang_on_a_symlink_loop(void **state)
{
    fixture *f = *state;
    make_dir(f, "loop");
    make_dir(f, "loop/in");
    write_text(f, "loop/in/x.txt", "X.");
    /* loop/in/back -> .. (the "loop" directory again) */
    assert_int_equal(symlink("..", path_of(f, "loop/in/back")), 0);
    const char *paths[] = {path_of(f, "loop")};
    kg_doc *docs[4];
    int errors;
    assert_int_equal(read_all(f, paths, 1, docs, 4, &errors), 1);
    assert_int_equal(errors, 0);
    assert_string_equal(docs[0]->text, "X.");
    assert_non_null(strstr(f->warnings, "already visited"));
    free_docs(docs, 1);
}

/* ---- boilerplate ------------------------------------------------------ */

static void read_should_blank_boilerplate_and_keep_offsets(void **state)
{
    fixture *f = *state;
    const char *t = "Envoy expelled\n"
                    "\n"
                    "You\xE2\x80\x99ve read 3 of 5 free articles this month.\n"
                    "The envoy was told to leave within 48 hours.\n"
                    "  Subscribe to continue reading  \n"
                    "ADVERTISEMENT\r\n"
                    "Share this article\n"
                    "We use cookies to improve your experience.\n"
                    "QR Code to scan\n"
                    "Officials gave no reason.";
    size_t len = strlen(t);
    kg_doc *d = NULL;
    assert_int_equal(kg_read_text(&d, t, len, "e.txt", &f->opts), 0);
    assert_int_equal(d->len, len);
    /* The hash is that of the text as read, before blanking. */
    char hash[17];
    kg_hash_hex(hash, t, len);
    assert_string_equal(d->meta.hash, hash);
    /* Kept lines are at their original offsets. */
    const char *keep[] = {"Envoy expelled", "The envoy was told to leave within 48 hours.",
                          "Officials gave no reason."};
    for (size_t i = 0; i < 3; i++) {
        const char *at = strstr(t, keep[i]);
        assert_memory_equal(d->text + (at - t), keep[i], strlen(keep[i]));
    }
    const char *gone[] = {"free articles", "Subscribe", "ADVERTISEMENT",
                          "Share this",    "cookies",   "QR Code"};
    for (size_t i = 0; i < 6; i++)
        assert_null(strstr(d->text, gone[i]));
    /* Blanked bytes are spaces; line breaks (and a CR) stay. */
    for (size_t i = 0; i < len; i++)
        if (d->text[i] != t[i])
            assert_int_equal(d->text[i], ' ');
    assert_non_null(strstr(d->text, "\r\n"));
    kg_doc_free(d);
}

static void read_should_blank_a_meter_line_whose_counts_are_no_break_spaces(void **state)
{
    fixture *f = *state;
    /* the counts were scripts the scraper did not run: only U+00A0 is left */
    const char *t = "Dealer held\n"
                    "\n"
                    "Customs held a dealer at the port.\n"
                    "You've read\xC2\xA0\xC2\xA0of\xC2\xA0\xC2\xA0"
                    "free articles. Subscribe to continue.\n";
    kg_doc *d = NULL;
    assert_int_equal(kg_read_text(&d, t, strlen(t), NULL, &f->opts), 0);
    assert_int_equal(d->len, strlen(t));
    assert_non_null(strstr(d->text, "Customs held a dealer at the port."));
    assert_null(strstr(d->text, "read"));
    assert_null(strstr(d->text, "Subscribe"));
    kg_doc_free(d);
}

static void read_should_not_blank_prose_that_starts_like_boilerplate(void **state)
{
    fixture *f = *state;
    const char *t = "Advertisement spending by arms makers rose.\n"
                    "Share prices of the shipyard fell.\n"
                    "Subscribers complained.";
    kg_doc *d = NULL;
    assert_int_equal(kg_read_text(&d, t, strlen(t), NULL, &f->opts), 0);
    assert_string_equal(d->text, t);
    kg_doc_free(d);
    /* keep_boilerplate turns blanking off. */
    f->opts.keep_boilerplate = 1;
    assert_int_equal(kg_read_text(&d, "Advertisement\nText.", 19, NULL, &f->opts), 0);
    assert_string_equal(d->text, "Advertisement\nText.");
    kg_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            read_text_should_take_a_short_first_line_followed_by_a_blank_line_as_title, setup,
            teardown),
        cmocka_unit_test_setup_teardown(read_should_return_empty_and_whitespace_only_articles,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(read_should_repair_invalid_utf8_and_warn_with_the_count,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(read_should_treat_overlong_forms_and_surrogates_as_invalid,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(read_should_skip_files_with_nul_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(read_should_skip_articles_over_the_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(read_should_report_a_missing_path_and_continue, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(read_jsonl_should_skip_bad_lines_with_a_warning, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(read_should_sniff_jsonl_in_a_file_without_the_extension,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(read_json_should_repair_metadata_and_reject_non_objects,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(read_should_read_plain_text_and_jsonl_from_stdin, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            read_should_walk_directories_in_sorted_order_and_skip_other_files, setup, teardown),
        cmocka_unit_test_setup_teardown(read_should_not_hang_on_a_symlink_loop, setup, teardown),
        cmocka_unit_test_setup_teardown(read_should_blank_boilerplate_and_keep_offsets, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            read_should_blank_a_meter_line_whose_counts_are_no_break_spaces, setup, teardown),
        cmocka_unit_test_setup_teardown(read_should_not_blank_prose_that_starts_like_boilerplate,
                                        setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
