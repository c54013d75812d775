/*
 * test_render.c - rendering (kg/render.h): DOT golden files, escaping of
 * article text for Graphviz, well-formed SVG and GraphML, the PNG
 * signature, TSV lines, the automatic engine and Graphviz failures.
 *
 * Golden files live in tests/data/render/. After a deliberate change of the
 * picture, regenerate them with KG_UPDATE_GOLDEN=1 ./test_render and check
 * the difference by eye before committing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "kg/error.h"
#include "kg/graph.h"
#include "kg/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Evidence written for these tests: everything Graphviz or XML could
 * misread (escString sequences, quotes, markup, entities, a CDATA end,
 * a control character, invalid UTF-8, non-ASCII). */
#define TRICKY_TEXT                                                                        \
    "He said \"sell \\N it\\l\" <soon> & then ]]> left &#0; \x01 caf\xc3\xa9 \xff end."

/* ---- helpers ----------------------------------------------------------- */

static void add_node(kg_graph *g, const char *id, const char *label, kg_type type,
                     const char *alias, const char *role)
{
    char *aliases[1] = {(char *)alias};
    char *roles[1] = {(char *)role};
    kg_count counts[1] = {{(char *)"art-1", 2}};
    kg_node n = {0};
    n.id = (char *)id;
    n.label = (char *)label;
    n.type = type;
    n.aliases = alias ? aliases : NULL;
    n.n_aliases = alias ? 1 : 0;
    n.roles = role ? roles : NULL;
    n.n_roles = role ? 1 : 0;
    n.articles = counts;
    n.n_articles = 1;
    assert_int_equal(kg_graph_merge_node(g, &n), 0);
}

static void add_edge(kg_graph *g, const char *source, const char *relation, const char *target,
                     unsigned long count, const char *weapon, const char *text)
{
    char *weapons[1] = {(char *)weapon};
    kg_count counts[1] = {{(char *)"art-1", count}};
    kg_evidence ev = {0};
    ev.article = (char *)"art-1";
    ev.start = 5;
    ev.end = 90;
    ev.subject[0] = 5;
    ev.subject[1] = 9;
    ev.object[0] = 30;
    ev.object[1] = 34;
    ev.text = (char *)text;
    kg_edge e = {0};
    e.source = (char *)source;
    e.relation = (char *)relation;
    e.target = (char *)target;
    e.directed = 1;
    e.weapons = weapon ? weapons : NULL;
    e.n_weapons = weapon ? 1 : 0;
    e.articles = counts;
    e.n_articles = 1;
    e.evidence = text ? &ev : NULL;
    e.n_evidence = text ? 1 : 0;
    assert_int_equal(kg_graph_merge_edge(g, &e), 0);
}

static kg_graph *sample(void)
{
    kg_graph *g = NULL;
    assert_int_equal(kg_graph_new(&g), 0);
    kg_article_meta a = {(char *)"art-1", (char *)"Invented", (char *)"2011-05-02",
                         (char *)"invented.txt", (char *)"00000000000000aa"};
    assert_int_equal(kg_graph_add_article(g, &a), 0);
    add_node(g, "person:nadia-vos", "Nadia Vos", KG_TYPE_PERSON, "Vos", "broker");
    add_node(g, "org:back-slash", "Back\\slash \"Q\" & Co", KG_TYPE_ORG, "B\\N", NULL);
    add_node(g, "country:NLD", "Netherlands", KG_TYPE_COUNTRY, "Dutch", NULL);
    add_node(g, "location:harbour", "Harbour <East>", KG_TYPE_LOCATION, NULL, NULL);
    add_node(g, "weapon:kestrel", "Kestrel", KG_TYPE_WEAPON, NULL, NULL);
    add_node(g, "person:tom-idle", "Tom Idle", KG_TYPE_PERSON, NULL, NULL);
    add_edge(g, "person:nadia-vos", "sells", "weapon:kestrel", 40, NULL, TRICKY_TEXT);
    add_edge(g, "person:nadia-vos", "member_of", "org:back-slash", 3, NULL, "Vos works for it.");
    add_edge(g, "org:back-slash", "supplies", "country:NLD", 1, "weapon:kestrel",
             "The firm shipped Kestrels to the Dutch.");
    add_edge(g, "org:back-slash", "based_in", "location:harbour", 1, NULL, NULL);
    add_edge(g, "country:NLD", "cooperates_with", "org:back-slash", 2, NULL,
             "Officials worked with the firm.");
    return g;
}

/* noinline: inlined at -O3, gcc 12 mistakes the pointers into the returned
 * buffer for pointers to the local `out` (-Wdangling-pointer false positive). */
__attribute__((noinline)) static char *render(const kg_graph *g, kg_format f, const char *engine, size_t *len)
{
    kg_render_opts o;
    kg_render_opts_init(&o);
    o.format = f;
    o.engine = engine;
    char *out = NULL;
    size_t n = 0;
    int rc = kg_render(&out, &n, g, &o);
    if (rc)
        fail_msg("kg_render(%s): %d %s", kg_format_name(f), rc, kg_error_last());
    assert_non_null(out);
    if (len)
        *len = n;
    return out;
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n + 1 == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Compares text with a golden file; KG_UPDATE_GOLDEN=1 rewrites the file. */
static void check_golden(const char *text, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/render/%s", KG_TEST_DATA, name);
    if (getenv("KG_UPDATE_GOLDEN")) {
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        fputs(text, f);
        fclose(f);
    }
    size_t len = 0;
    char *want = read_all(path, &len);
    if (!want)
        fail_msg("missing golden file %s (run with KG_UPDATE_GOLDEN=1)", path);
    if (strcmp(want, text) != 0) {
        fprintf(stderr, "--- %s differs; got:\n%s\n", path, text);
        free(want);
        fail_msg("output differs from %s", path);
    }
    free(want);
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* A small XML well-formedness check: balanced and matching tags, quoted
 * attribute values without '<', every '&' a complete reference, no "]]>"
 * in text, no control characters. Enough to catch escaping mistakes; it is
 * not a validating parser. Returns NULL if well-formed, else the reason. */
#define XML_DEPTH_MAX 64
static const char *xml_check(const char *s)
{
    char stack[XML_DEPTH_MAX][64];
    int depth = 0, roots = 0;
    const char *p = s;
    while (*p) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            return "control character";
        if (c == '&') {
            const char *q = p + 1;
            if (*q == '#') {
                q++;
                if (*q == 'x')
                    q++;
                if (!strchr("0123456789abcdefABCDEF", *q) || !*q)
                    return "bad character reference";
                while (*q && strchr("0123456789abcdefABCDEF", *q))
                    q++;
            } else {
                if (!((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z')))
                    return "bare &";
                while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
                       (*q >= '0' && *q <= '9'))
                    q++;
            }
            if (*q != ';')
                return "unterminated reference";
            p = q + 1;
            continue;
        }
        if (c == ']' && strncmp(p, "]]>", 3) == 0)
            return "]]> in text";
        if (c != '<') {
            p++;
            continue;
        }
        if (strncmp(p, "<?", 2) == 0) {
            const char *q = strstr(p, "?>");
            if (!q)
                return "unterminated <?";
            p = q + 2;
        } else if (strncmp(p, "<!--", 4) == 0) {
            const char *q = strstr(p + 4, "-->");
            if (!q)
                return "unterminated comment";
            p = q + 3;
        } else if (strncmp(p, "<![CDATA[", 9) == 0) {
            const char *q = strstr(p + 9, "]]>");
            if (!q)
                return "unterminated CDATA";
            p = q + 3;
        } else if (strncmp(p, "<!", 2) == 0) {
            const char *q = strchr(p, '>');
            if (!q)
                return "unterminated <!";
            p = q + 1;
        } else if (p[1] == '/') {
            const char *q = p + 2;
            size_t n = strcspn(q, " \t\r\n>");
            if (depth == 0)
                return "end tag without start";
            if (strlen(stack[depth - 1]) != n || strncmp(stack[depth - 1], q, n) != 0)
                return "mismatched end tag";
            depth--;
            q += n;
            q += strspn(q, " \t\r\n");
            if (*q != '>')
                return "bad end tag";
            p = q + 1;
        } else {
            const char *q = p + 1;
            size_t n = strcspn(q, " \t\r\n/>");
            if (n == 0 || n >= sizeof stack[0])
                return "bad tag name";
            if (depth == 0 && roots++ > 0)
                return "second root element";
            if (depth == XML_DEPTH_MAX)
                return "too deep";
            memcpy(stack[depth], q, n);
            stack[depth][n] = '\0';
            q += n;
            for (;;) {
                q += strspn(q, " \t\r\n");
                if (*q == '>') {
                    depth++;
                    break;
                }
                if (q[0] == '/' && q[1] == '>')
                    break;
                size_t an = strcspn(q, " \t\r\n=/>");
                if (an == 0)
                    return "bad attribute";
                q += an;
                q += strspn(q, " \t\r\n");
                if (*q++ != '=')
                    return "attribute without value";
                q += strspn(q, " \t\r\n");
                char quote = *q++;
                if (quote != '"' && quote != '\'')
                    return "unquoted attribute";
                while (*q && *q != quote) {
                    if (*q == '<')
                        return "< in attribute";
                    if ((unsigned char)*q < 0x20 && !strchr("\t\r\n", *q))
                        return "control character in attribute";
                    if (*q == '&') {
                        const char *r = q + 1;
                        while (*r && *r != ';' && *r != quote && *r != ' ')
                            r++;
                        if (*r != ';' || r == q + 1)
                            return "bare & in attribute";
                    }
                    q++;
                }
                if (!*q)
                    return "unterminated attribute";
                q++;
            }
            p = strchr(q, '>') + 1;
        }
    }
    if (depth != 0)
        return "unclosed element";
    if (roots != 1)
        return "no root element";
    return NULL;
}

/* ---- DOT --------------------------------------------------------------- */

static void dot_should_match_the_golden_file(void **state)
{
    (void)state;
    kg_graph *g = sample();
    char *dot = render(g, KG_FORMAT_DOT, NULL, NULL);
    check_golden(dot, "sample.dot");
    free(dot);
    kg_graph_free(g);
}

static void dot_of_the_small_fixture_should_match_the_golden_file(void **state)
{
    (void)state;
    kg_graph *g = NULL;
    if (kg_graph_read_file(&g, KG_TEST_DATA "/small.json") != 0)
        fail_msg("%s", kg_error_last());
    char *dot = render(g, KG_FORMAT_DOT, NULL, NULL);
    check_golden(dot, "small.dot");
    free(dot);
    kg_graph_free(g);
}

static void dot_should_escape_article_text(void **state)
{
    (void)state;
    kg_graph *g = sample();
    char *dot = render(g, KG_FORMAT_DOT, NULL, NULL);
    /* Labels: backslash doubled, quote escaped, & as an entity. */
    assert_non_null(strstr(dot, "label=\"Back\\\\slash \\\"Q\\\" &amp; Co\""));
    /* Tooltips: backslashes doubled twice (Graphviz expands them twice). */
    assert_non_null(strstr(dot, "sell \\\\\\\\N it\\\\\\\\l\\\""));
    assert_non_null(strstr(dot, "<soon> &amp; then ]]> left &amp;#0;"));
    /* The control character became a space, invalid UTF-8 U+FFFD. */
    assert_null(strchr(dot, '\x01'));
    assert_non_null(strstr(dot, "caf\xc3\xa9 \xef\xbf\xbd end."));
    /* Line breaks inside strings are only ever the \n escape. */
    for (const char *p = dot; *p; p++)
        if (*p == '\n')
            assert_true(p[1] == '\0' || p[1] == ' ' || p[1] == '}' || p[1] == 'd');
    free(dot);
    kg_graph_free(g);
}

static void dot_should_style_by_type_family_and_weight(void **state)
{
    (void)state;
    kg_graph *g = sample();
    char *dot = render(g, KG_FORMAT_DOT, NULL, NULL);
    assert_non_null(strstr(dot, "\"weapon:kestrel\" [label=\"Kestrel\", shape=diamond"));
    assert_non_null(strstr(dot, "\"country:NLD\" [label=\"Netherlands\", shape=doubleoctagon"));
    /* Weight 40 caps the pen width; weight 1 is the thinnest. */
    assert_non_null(strstr(dot, "penwidth=6.00"));
    assert_non_null(strstr(dot, "penwidth=1.00"));
    /* The symmetric relation is drawn without an arrow. */
    const char *coop = strstr(dot, "\"country:NLD\" -> \"org:back-slash\" [label=\"cooperates_with\"");
    assert_non_null(coop);
    assert_non_null(strstr(coop, "dir=none"));
    /* The supplies edge names its weapon by label. */
    assert_non_null(strstr(dot, "label=\"supplies\\n(Kestrel)\""));
    assert_non_null(strstr(dot, "subgraph cluster_legend"));
    assert_non_null(strstr(dot, "\"kg-legend:location\""));
    free(dot);
    kg_graph_free(g);
}

static void dot_should_leave_the_legend_out_on_request(void **state)
{
    (void)state;
    kg_graph *g = sample();
    kg_render_opts o;
    kg_render_opts_init(&o);
    o.format = KG_FORMAT_DOT;
    o.legend = 0;
    char *dot = NULL;
    size_t len = 0;
    assert_int_equal(kg_render(&dot, &len, g, &o), 0);
    assert_null(strstr(dot, "legend"));
    assert_int_equal(len, strlen(dot));
    free(dot);
    kg_graph_free(g);
}

static void dot_should_not_depend_on_insertion_order(void **state)
{
    (void)state;
    kg_graph *g = sample();
    kg_graph *h = NULL;
    assert_int_equal(kg_graph_new(&h), 0);
    /* The same records merged in reverse order. */
    for (size_t i = kg_graph_article_count(g); i-- > 0;)
        assert_int_equal(kg_graph_add_article(h, kg_graph_article(g, i)), 0);
    for (size_t i = kg_graph_node_count(g); i-- > 0;)
        assert_int_equal(kg_graph_merge_node(h, kg_graph_node(g, i)), 0);
    for (size_t i = kg_graph_edge_count(g); i-- > 0;)
        assert_int_equal(kg_graph_merge_edge(h, kg_graph_edge(g, i)), 0);
    char *a = render(g, KG_FORMAT_DOT, NULL, NULL);
    char *b = render(h, KG_FORMAT_DOT, NULL, NULL);
    assert_string_equal(a, b);
    free(a);
    free(b);
    kg_graph_free(h);
    kg_graph_free(g);
}

static void weapon_names_should_come_from_the_names_graph(void **state)
{
    (void)state;
    kg_graph *g = sample();
    kg_graph *h = NULL;
    assert_int_equal(kg_graph_new(&h), 0);
    add_node(h, "org:back-slash", "Back\\slash \"Q\" & Co", KG_TYPE_ORG, NULL, NULL);
    add_node(h, "country:NLD", "Netherlands", KG_TYPE_COUNTRY, NULL, NULL);
    add_edge(h, "org:back-slash", "supplies", "country:NLD", 1, "weapon:kestrel", NULL);
    kg_render_opts o;
    kg_render_opts_init(&o);
    o.format = KG_FORMAT_DOT;
    char *dot = NULL;
    size_t len = 0;
    /* The weapon node is not in h: its id stands in for the name... */
    assert_int_equal(kg_render(&dot, &len, h, &o), 0);
    assert_non_null(strstr(dot, "label=\"supplies\\n(kestrel)\""));
    free(dot);
    /* ...unless the graph the view came from is given. */
    o.names = g;
    assert_int_equal(kg_render(&dot, &len, h, &o), 0);
    assert_non_null(strstr(dot, "label=\"supplies\\n(Kestrel)\""));
    free(dot);
    kg_graph_free(h);
    kg_graph_free(g);
}

/* ---- laid-out formats --------------------------------------------------- */

static void svg_should_be_well_formed_with_escaped_tooltips(void **state)
{
    (void)state;
    kg_graph *g = sample();
    char *svg = render(g, KG_FORMAT_SVG, NULL, NULL);
    const char *why = xml_check(svg);
    if (why)
        fail_msg("SVG not well-formed: %s", why);
    /* The evidence shows literally in the edge tooltip. */
    assert_non_null(strstr(svg, "sell \\N it\\l&quot; &lt;soon&gt; &amp; then ]]&gt; left "
                                "&amp;#0;"));
    assert_non_null(strstr(svg, "[art&#45;1]"));
    /* The label with a backslash, quote and ampersand is drawn as written. */
    assert_non_null(strstr(svg, ">Back\\slash &quot;Q&quot; &amp; Co</text>"));
    /* Node tooltip: type, id, aliases, roles. */
    assert_non_null(strstr(svg, "xlink:title=\"PERSON person:nadia&#45;vos&#10;aliases: "
                                "Vos&#10;roles: broker"));
    free(svg);
    kg_graph_free(g);
}

static void png_should_start_with_the_png_signature(void **state)
{
    (void)state;
    kg_graph *g = sample();
    size_t len = 0;
    char *png = render(g, KG_FORMAT_PNG, NULL, &len);
    assert_true(len > 100);
    assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
    free(png);
    kg_graph_free(g);
}

static void empty_graph_should_render_in_every_format(void **state)
{
    (void)state;
    kg_graph *g = NULL;
    assert_int_equal(kg_graph_new(&g), 0);
    for (unsigned f = 0; f < KG_FORMAT__COUNT; f++) {
        size_t len = 0;
        char *out = render(g, (kg_format)f, NULL, &len);
        assert_true(len > 0);
        free(out);
    }
    kg_graph_free(g);
}

static void engine_should_switch_to_sfdp_past_the_limits(void **state)
{
    (void)state;
    kg_graph *g = sample();
    kg_render_opts o;
    kg_render_opts_init(&o);
    assert_string_equal(kg_render_engine(g, &o), "dot");
    o.engine = "neato";
    assert_string_equal(kg_render_engine(g, &o), "neato");
    o.engine = NULL;
    for (int i = 0; kg_graph_node_count(g) <= KG_RENDER_DOT_MAX; i++) {
        char id[32];
        snprintf(id, sizeof id, "person:p%04d", i);
        add_node(g, id, id + 7, KG_TYPE_PERSON, NULL, NULL);
    }
    assert_string_equal(kg_render_engine(g, &o), "sfdp");
    kg_graph_free(g);
    /* Few nodes but many edges: dot would take minutes. */
    g = sample();
    assert_string_equal(kg_render_engine(g, &o), "dot");
    for (int i = 0; kg_graph_edge_count(g) <= KG_RENDER_DOT_EDGES_MAX; i++) {
        char id[32];
        snprintf(id, sizeof id, "person:q%04d", i);
        add_node(g, id, id + 7, KG_TYPE_PERSON, NULL, NULL);
        add_edge(g, id, "member_of", "org:back-slash", 1, NULL, NULL);
        add_edge(g, id, "citizen_of", "country:NLD", 1, NULL, NULL);
    }
    assert_true(kg_graph_node_count(g) <= KG_RENDER_DOT_MAX);
    assert_string_equal(kg_render_engine(g, &o), "sfdp");
    kg_graph_free(g);
}

static void unknown_engine_should_fail_with_graphviz_message(void **state)
{
    (void)state;
    kg_graph *g = sample();
    kg_render_opts o;
    kg_render_opts_init(&o);
    o.engine = "no-such-engine";
    char *out = (char *)1;
    size_t len = 7;
    assert_int_equal(kg_render(&out, &len, g, &o), KG_ERENDER);
    assert_null(out);
    assert_non_null(strstr(kg_error_last(), "no-such-engine"));
    assert_int_equal(kg_render_check_engine("no-such-engine"), KG_EUSAGE);
    assert_non_null(strstr(kg_error_last(), "sfdp"));
    assert_int_equal(kg_render_check_engine("sfdp"), 0);
    assert_int_equal(kg_render_check_engine("dot"), 0);
    /* Graphviz still works after a failure. */
    char *svg = render(g, KG_FORMAT_SVG, "neato", NULL);
    assert_null(xml_check(svg));
    free(svg);
    kg_graph_free(g);
}

/* ---- exports ----------------------------------------------------------- */

static void graphml_should_be_well_formed_and_carry_the_keys(void **state)
{
    (void)state;
    kg_graph *g = sample();
    char *xml = render(g, KG_FORMAT_GRAPHML, NULL, NULL);
    const char *why = xml_check(xml);
    if (why)
        fail_msg("GraphML not well-formed: %s", why);
    const char *keys[] = {"label", "type", "aliases", "roles", "mentions",
                          "relation", "family", "symmetric", "weight", "weapons", "evidence"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        char want[64];
        snprintf(want, sizeof want, "<key id=\"%s\"", keys[i]);
        assert_non_null(strstr(xml, want));
    }
    assert_int_equal(count(xml, "<node id="), 6);
    assert_int_equal(count(xml, "<edge id="), 5);
    assert_int_equal(count(xml, "<data key=\"symmetric\">true</data>"), 1);
    assert_non_null(strstr(xml, "<data key=\"label\">Back\\slash &quot;Q&quot; &amp; Co</data>"));
    assert_non_null(strstr(xml, "&lt;soon&gt; &amp; then ]]&gt; left &amp;#0;"));
    free(xml);
    kg_graph_free(g);
}

static void tsv_should_have_one_line_per_edge(void **state)
{
    (void)state;
    kg_graph *g = sample();
    char *tsv = render(g, KG_FORMAT_TSV, NULL, NULL);
    assert_int_equal(tsv[0], '#');
    assert_int_equal(count(tsv, "\n"), 1 + kg_graph_edge_count(g));
    for (const char *line = tsv; *line;) {
        const char *end = strchr(line, '\n');
        assert_non_null(end);
        size_t tabs = 0;
        for (const char *p = line; p < end; p++)
            tabs += *p == '\t';
        assert_int_equal(tabs, 6);
        line = end + 1;
    }
    assert_non_null(strstr(tsv, "\norg:back-slash\tsupplies\tcountry:NLD\t1\t"
                                "Back\\slash \"Q\" & Co\tNetherlands\tweapon:kestrel\n"));
    free(tsv);
    kg_graph_free(g);
}

static void json_should_be_the_graph_document(void **state)
{
    (void)state;
    kg_graph *g = sample();
    size_t len = 0;
    char *json = render(g, KG_FORMAT_JSON, NULL, &len);
    char *want = NULL;
    assert_int_equal(kg_graph_to_string(&want, g, 0), 0);
    assert_string_equal(json, want);
    assert_int_equal(len, strlen(want));
    free(want);
    free(json);
    kg_graph_free(g);
}

static void format_names_should_round_trip(void **state)
{
    (void)state;
    for (unsigned f = 0; f < KG_FORMAT__COUNT; f++) {
        kg_format back;
        assert_int_equal(kg_format_parse(&back, kg_format_name((kg_format)f)), 0);
        assert_int_equal(back, f);
    }
    kg_format x;
    assert_int_equal(kg_format_parse(&x, "jpeg"), KG_EUSAGE);
    assert_non_null(strstr(kg_error_last(), "graphml"));
    assert_true(kg_format_needs_layout(KG_FORMAT_SVG));
    assert_false(kg_format_needs_layout(KG_FORMAT_DOT));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dot_should_match_the_golden_file),
        cmocka_unit_test(dot_of_the_small_fixture_should_match_the_golden_file),
        cmocka_unit_test(dot_should_escape_article_text),
        cmocka_unit_test(dot_should_style_by_type_family_and_weight),
        cmocka_unit_test(dot_should_leave_the_legend_out_on_request),
        cmocka_unit_test(dot_should_not_depend_on_insertion_order),
        cmocka_unit_test(weapon_names_should_come_from_the_names_graph),
        cmocka_unit_test(svg_should_be_well_formed_with_escaped_tooltips),
        cmocka_unit_test(png_should_start_with_the_png_signature),
        cmocka_unit_test(empty_graph_should_render_in_every_format),
        cmocka_unit_test(engine_should_switch_to_sfdp_past_the_limits),
        cmocka_unit_test(unknown_engine_should_fail_with_graphviz_message),
        cmocka_unit_test(graphml_should_be_well_formed_and_carry_the_keys),
        cmocka_unit_test(tsv_should_have_one_line_per_edge),
        cmocka_unit_test(json_should_be_the_graph_document),
        cmocka_unit_test(format_names_should_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
