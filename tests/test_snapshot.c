/*
 * test_snapshot.c - graph.json.kgi: a graph loaded from its snapshot must be
 * the graph of the JSON (same bytes when written, same look-ups), a stale or
 * corrupt snapshot must never be used, and a snapshot graph is read-only.
 *
 * Snapshots are only made for graph files of KG_SNAPSHOT_MIN_BYTES or more,
 * so the fixture is a synthetic graph a little larger than that.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kg/error.h"
#include "kg/graph.h"
#include "kg/snapshot.h"

#define FIXTURE_EDGES 3000

typedef struct fixture {
    char dir[64];
    char json[128];
    char kgi[160];
    char *bytes; /* the JSON as written */
} fixture;

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    if (len)
        *len = (size_t)n;
    return buf;
}

/* A graph of FIXTURE_EDGES edges among a few hundred nodes, each edge with
 * three evidence sentences long enough to pass KG_SNAPSHOT_MIN_BYTES. */
static kg_graph *make_graph(void)
{
    kg_graph *g = NULL;
    assert_int_equal(kg_graph_new(&g), 0);
    char id[64], label[64], art[32], text[1024];
    for (int a = 0; a < 50; a++) {
        snprintf(art, sizeof art, "art-%02d", a);
        char hash[17];
        snprintf(hash, sizeof hash, "%016x", 0xbeef00 + a);
        kg_article_meta m = {.id = art, .title = "Title", .date = "2001-01-01",
                             .source = "synthetic", .hash = hash};
        assert_int_equal(kg_graph_add_article(g, &m), 0);
    }
    for (int i = 0; i < 300; i++) {
        snprintf(id, sizeof id, "person:someone-%03d", i);
        snprintf(label, sizeof label, "Someone %03d", i);
        char alias[32];
        snprintf(alias, sizeof alias, "S%03d", i);
        char *aliases[1] = {alias};
        snprintf(art, sizeof art, "art-%02d", i % 50);
        kg_count c = {art, 1 + (unsigned long)(i % 3)};
        kg_node n = {.id = id, .label = label, .type = KG_TYPE_PERSON, .aliases = aliases,
                     .n_aliases = 1, .articles = &c, .n_articles = 1};
        assert_int_equal(kg_graph_merge_node(g, &n), 0);
    }
    for (int k = 0; k < FIXTURE_EDGES; k++) {
        char s[64], t[64];
        /* (a, b) pairs are all distinct: b runs 1..10 places after a. */
        int a = k % 300, b = (a + 1 + k / 300) % 300;
        snprintf(s, sizeof s, "person:someone-%03d", a);
        snprintf(t, sizeof t, "person:someone-%03d", b);
        const char *rel = (k / 300) % 2 ? "informs" : "cooperates_with";
        snprintf(art, sizeof art, "art-%02d", k % 50);
        kg_evidence ev[3];
        for (int j = 0; j < 3; j++) {
            snprintf(text, sizeof text,
                     "Sentence %d of edge %d: someone told someone else something that "
                     "matters, and a reporter wrote it down at some length so that the "
                     "snapshot fixture is big enough to be worth a cache file of its own, "
                     "which is what this test needs. Evidence padding: %0300d.",
                     j, k, j);
            ev[j] = (kg_evidence){.article = art, .start = (size_t)j * 100,
                                  .end = (size_t)j * 100 + 90, .subject = {1, 2},
                                  .object = {3, 4}, .text = strdup(text)};
        }
        kg_count c = {art, 3};
        kg_edge e = {.source = s, .relation = (char *)rel, .target = t, .directed = 1,
                     .articles = &c, .n_articles = 1, .evidence = ev, .n_evidence = 3};
        assert_int_equal(kg_graph_merge_edge(g, &e), 0);
        for (int j = 0; j < 3; j++)
            free(ev[j].text);
    }
    return g;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    strcpy(f->dir, "/tmp/kg-test-snapshot-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->json, sizeof f->json, "%s/graph.json", f->dir);
    snprintf(f->kgi, sizeof f->kgi, "%s%s", f->json, KG_SNAPSHOT_SUFFIX);
    kg_graph *g = make_graph();
    assert_int_equal(kg_graph_write_file(g, f->json, 0), 0);
    kg_graph_free(g);
    size_t len = 0;
    f->bytes = slurp(f->json, &len);
    assert_true(len >= (size_t)KG_SNAPSHOT_MIN_BYTES);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    unlink(f->kgi);
    unlink(f->json);
    rmdir(f->dir);
    free(f->bytes);
    free(f);
    return 0;
}

/* 1 if g is backed by a snapshot: such a graph refuses modification. */
static int is_snapshot(kg_graph *g)
{
    kg_article_meta m = {.id = "probe", .hash = "0000000000000000"};
    return kg_graph_add_article(g, &m) == KG_EINVALID;
}

static void load_should_write_snapshot_then_use_it(void **state)
{
    fixture *f = *state;
    struct stat st;
    unlink(f->kgi);
    kg_graph *g = NULL;
    assert_int_equal(kg_snapshot_load(&g, f->json), 0);
    assert_false(is_snapshot(g));
    kg_graph_free(g);
    assert_int_equal(stat(f->kgi, &st), 0);

    assert_int_equal(kg_snapshot_load(&g, f->json), 0);
    assert_true(is_snapshot(g));
    kg_graph_free(g);
}

static void snapshot_graph_should_write_the_same_bytes(void **state)
{
    fixture *f = *state;
    kg_graph *g = NULL, *json = NULL;
    assert_int_equal(kg_graph_read_file(&json, f->json), 0);
    assert_int_equal(kg_snapshot_write(json, f->json), 0);
    kg_graph_free(json);
    assert_int_equal(kg_snapshot_load(&g, f->json), 0);
    assert_true(is_snapshot(g));
    char *s = NULL;
    assert_int_equal(kg_graph_to_string(&s, g, 0), 0);
    assert_string_equal(s, f->bytes);
    free(s);
    kg_graph_free(g);
}

static void snapshot_graph_should_answer_lookups(void **state)
{
    fixture *f = *state;
    kg_graph *json = NULL, *g = NULL;
    assert_int_equal(kg_graph_read_file(&json, f->json), 0);
    assert_int_equal(kg_snapshot_write(json, f->json), 0);
    assert_int_equal(kg_snapshot_load(&g, f->json), 0);
    assert_true(is_snapshot(g));
    assert_int_equal(kg_graph_node_count(g), kg_graph_node_count(json));
    assert_int_equal(kg_graph_edge_count(g), kg_graph_edge_count(json));
    assert_int_equal(kg_graph_article_count(g), 50);
    assert_int_equal(kg_graph_evidence_limit(g), kg_graph_evidence_limit(json));

    const kg_node *n = kg_graph_find_node(g, "person:someone-123");
    assert_non_null(n);
    assert_string_equal(n->label, "Someone 123");
    assert_int_equal(n->n_aliases, 1);
    assert_string_equal(n->aliases[0], "S123");
    assert_null(kg_graph_find_node(g, "person:nobody"));

    const kg_edge *e0 = kg_graph_edge(json, 17);
    const kg_edge *e = kg_graph_find_edge(g, e0->source, e0->relation, e0->target);
    assert_non_null(e);
    assert_ptr_equal(e, kg_graph_edge(g, 17));
    assert_int_equal(e->n_evidence, e0->n_evidence);
    assert_string_equal(e->evidence[2].text, e0->evidence[2].text);
    assert_int_equal(e->weight, e0->weight);
    assert_null(kg_graph_find_edge(g, e0->source, "kills", e0->target));

    assert_non_null(kg_graph_find_article(g, "art-07"));
    assert_null(kg_graph_find_article(g, "art-99"));
    assert_true(kg_graph_has_hash(g, "0000000000beef07"));
    assert_false(kg_graph_has_hash(g, "0000000000beef99"));
    kg_graph_free(json);
    kg_graph_free(g);
}

static void snapshot_graph_should_refuse_changes_but_merge_into_others(void **state)
{
    fixture *f = *state;
    kg_graph *json = NULL, *g = NULL, *copy = NULL;
    assert_int_equal(kg_graph_read_file(&json, f->json), 0);
    assert_int_equal(kg_snapshot_write(json, f->json), 0);
    kg_graph_free(json);
    assert_int_equal(kg_snapshot_load(&g, f->json), 0);
    kg_node n = {.id = "person:new", .label = "New", .type = KG_TYPE_PERSON};
    assert_int_equal(kg_graph_merge_node(g, &n), KG_EINVALID);
    assert_int_equal(kg_graph_set_evidence_limit(g, 1), KG_EINVALID);

    assert_int_equal(kg_graph_new(&copy), 0);
    assert_int_equal(kg_graph_set_evidence_limit(copy, kg_graph_evidence_limit(g)), 0);
    assert_int_equal(kg_graph_merge(copy, g), 0);
    char *s = NULL;
    assert_int_equal(kg_graph_to_string(&s, copy, 0), 0);
    assert_string_equal(s, f->bytes);
    free(s);
    kg_graph_free(copy);
    kg_graph_free(g);
}

/* Same size, same modification time, one byte different: only the hash
 * tells, and the snapshot must not be used. */
static void snapshot_should_be_ignored_when_graph_changed(void **state)
{
    fixture *f = *state;
    kg_graph *json = NULL, *g = NULL;
    assert_int_equal(kg_graph_read_file(&json, f->json), 0);
    assert_int_equal(kg_snapshot_write(json, f->json), 0);
    kg_graph_free(json);
    struct stat st;
    assert_int_equal(stat(f->json, &st), 0);

    char *edited = strdup(f->bytes);
    char *at = strstr(edited, "\"Someone 123\"");
    assert_non_null(at);
    memcpy(at, "\"Somebody 12\"", 13);
    FILE *out = fopen(f->json, "wb");
    assert_non_null(out);
    fputs(edited, out);
    fclose(out);
    struct timespec times[2] = {st.st_atim, st.st_mtim};
    assert_int_equal(utimensat(AT_FDCWD, f->json, times, 0), 0);

    assert_int_equal(kg_snapshot_load(&g, f->json), 0);
    assert_false(is_snapshot(g));
    const kg_node *n = kg_graph_find_node(g, "person:someone-123");
    assert_non_null(n);
    assert_string_equal(n->label, "Somebody 12");
    kg_graph_free(g);

    /* The reload rewrote the snapshot for the edited file. */
    assert_int_equal(kg_snapshot_load(&g, f->json), 0);
    assert_true(is_snapshot(g));
    assert_string_equal(kg_graph_find_node(g, "person:someone-123")->label, "Somebody 12");
    kg_graph_free(g);

    out = fopen(f->json, "wb");
    assert_non_null(out);
    fputs(f->bytes, out);
    fclose(out);
    free(edited);
}

static void corrupt_snapshot_should_be_ignored(void **state)
{
    fixture *f = *state;
    kg_graph *json = NULL, *g = NULL;
    assert_int_equal(kg_graph_read_file(&json, f->json), 0);
    assert_int_equal(kg_snapshot_write(json, f->json), 0);
    kg_graph_free(json);
    /* Cut the snapshot short: the header no longer matches its size. */
    assert_int_equal(truncate(f->kgi, 4096), 0);
    assert_int_equal(kg_snapshot_load(&g, f->json), 0);
    assert_false(is_snapshot(g));
    kg_graph_free(g);
    /* Overwrite the middle with garbage, keeping the size. */
    json = NULL;
    assert_int_equal(kg_graph_read_file(&json, f->json), 0);
    assert_int_equal(kg_snapshot_write(json, f->json), 0);
    kg_graph_free(json);
    FILE *k = fopen(f->kgi, "r+b");
    assert_non_null(k);
    fseek(k, 200, SEEK_SET);
    for (int i = 0; i < 4096; i++)
        fputc(0xA5, k);
    fclose(k);
    assert_int_equal(kg_snapshot_load(&g, f->json), 0);
    char *s = NULL;
    assert_int_equal(kg_graph_to_string(&s, g, 0), 0);
    assert_string_equal(s, f->bytes);
    free(s);
    kg_graph_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(load_should_write_snapshot_then_use_it, setup, teardown),
        cmocka_unit_test_setup_teardown(snapshot_graph_should_write_the_same_bytes, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(snapshot_graph_should_answer_lookups, setup, teardown),
        cmocka_unit_test_setup_teardown(snapshot_graph_should_refuse_changes_but_merge_into_others,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(snapshot_should_be_ignored_when_graph_changed, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(corrupt_snapshot_should_be_ignored, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
