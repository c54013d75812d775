/*
 * render_gv.c - drawing a graph with Graphviz and exporting it as DOT,
 * GraphML and TSV (kg/render.h).
 *
 * Every cgraph/gvc call of kg lives in this file. The DOT text is written by
 * hand and is the single source of the picture: -T svg and -T png parse that
 * same text with agmemread() and lay it out, so `kg render -T dot | dot
 * -Tsvg` draws what `kg render -T svg` draws, and the DOT golden files do not
 * depend on how a Graphviz version orders or wraps what agwrite() prints.
 *
 * Escaping. Graphviz interprets article text in three ways that must never
 * apply to it: escString sequences (\N, \G, \n, \l...), HTML entities
 * (decoded before the escapes, so "&#92;" would become a backslash) and
 * the DOT lexer's \" . Labels therefore get \ -> \\, " -> \", & -> &amp;.
 * Tooltips go through escString processing twice in Graphviz 2.43 (the
 * version Debian ships), so their backslashes are doubled twice. Invalid
 * UTF-8 becomes U+FFFD and control characters become spaces, so Graphviz
 * never complains about the charset and the SVG stays well-formed XML.
 */
#include "kg/render.h"

#include "kg/error.h"
#include "kg/ontology.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Widest edge stroke: a hub edge seen in hundreds of articles must not hide
 * the picture. Width is 1 + log2(weight), so the cap is reached at 32. */
#define KG_RENDER_PENWIDTH_MAX 6.0
/* Bytes of one evidence sentence shown in a tooltip: a whole paragraph
 * segmented as one sentence would make tooltips unreadable. */
#define KG_RENDER_SENTENCE_MAX 400
/* Weapons named on one edge label; the rest are counted ("+3"). */
#define KG_RENDER_LABEL_WEAPONS_MAX 3
/* Past this many nodes edges carry no label: thousands of labels are
 * unreadable, and placing them is most of sfdp's time (5,000 nodes and
 * 10,000 edges: 14 s with labels, 4 s without). Colour and tooltip still
 * tell the relation. Tied to KG_RENDER_DOT_MAX, where sfdp takes over. */
#define KG_RENDER_LABELS_MAX KG_RENDER_DOT_MAX
/* Graphviz messages kept for an error report: one line's worth. */
#define KG_RENDER_GVMSG_MAX 512

/* ---- a growing buffer -------------------------------------------------- */

typedef struct sbuf {
    char *p;
    size_t len, cap;
    int oom; /* an append failed: the content is incomplete */
} sbuf;

static int sb_reserve(sbuf *b, size_t more)
{
    if (b->oom)
        return -1;
    if (b->len + more + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + more + 1)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        b->oom = 1;
        return -1;
    }
    b->p = p;
    b->cap = cap;
    return 0;
}

static void sb_put(sbuf *b, const char *s, size_t n)
{
    if (sb_reserve(b, n))
        return;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void sb_puts(sbuf *b, const char *s)
{
    sb_put(b, s, strlen(s));
}

static void sb_printf(sbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void sb_printf(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || sb_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* Hands the buffer over as the caller's *out, or reports the failure. */
static int sb_finish(sbuf *b, char **out, size_t *len)
{
    if (b->oom || sb_reserve(b, 0)) {
        free(b->p);
        return kg_error_set(KG_ENOMEM, "out of memory rendering the graph");
    }
    *out = b->p;
    *len = b->len;
    return 0;
}

/* ---- text escaping ----------------------------------------------------- */

typedef enum {
    ESC_LABEL,   /* inside a DOT "..." label */
    ESC_TOOLTIP, /* inside a DOT "..." tooltip */
    ESC_XML,     /* XML text or attribute value */
    ESC_TSV      /* one TSV field */
} esc_mode;

/* Length of the valid UTF-8 sequence at s[0..n), or 0 if it is invalid
 * (overlong, surrogate, past U+10FFFF, truncated). *cp receives the code
 * point. */
static size_t utf8_valid(const unsigned char *s, size_t n, unsigned *cp)
{
    unsigned c = s[0];
    size_t len;
    unsigned min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        len = 2, min = 0x80, c &= 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, min = 0x800, c &= 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, min = 0x10000, c &= 0x07;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

/* Appends s escaped for `mode`; past `max` bytes of s (0: no limit) the
 * text is cut at a character boundary and ends in an ellipsis. */
static void put_text(sbuf *b, const char *s, esc_mode mode, size_t max)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)p);
    for (size_t i = 0; i < n;) {
        if (max && i >= max) {
            sb_puts(b, "\xE2\x80\xA6");
            return;
        }
        unsigned cp = 0;
        size_t len = utf8_valid(p + i, n - i, &cp);
        if (len == 0) {
            sb_puts(b, "\xEF\xBF\xBD");
            i++;
            continue;
        }
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0xFFFE ||
            cp == 0xFFFF) {
            /* Line breaks and other controls: one line of text. */
            sb_put(b, " ", 1);
        } else if (cp == '\\' && mode == ESC_LABEL) {
            sb_puts(b, "\\\\");
        } else if (cp == '\\' && mode == ESC_TOOLTIP) {
            sb_puts(b, "\\\\\\\\");
        } else if (cp == '"' && (mode == ESC_LABEL || mode == ESC_TOOLTIP)) {
            sb_puts(b, "\\\"");
        } else if (cp == '&' && mode != ESC_TSV) {
            sb_puts(b, "&amp;");
        } else if (cp == '<' && mode == ESC_XML) {
            sb_puts(b, "&lt;");
        } else if (cp == '>' && mode == ESC_XML) {
            sb_puts(b, "&gt;");
        } else if (cp == '"' && mode == ESC_XML) {
            sb_puts(b, "&quot;");
        } else if (cp == '\'' && mode == ESC_XML) {
            sb_puts(b, "&apos;");
        } else {
            sb_put(b, (const char *)p + i, len);
        }
        i += len;
    }
}

/* ---- styling ----------------------------------------------------------- */

static const struct {
    const char *shape, *style, *fill;
} type_style[KG_TYPE__COUNT] = {
    [KG_TYPE_PERSON] = {"ellipse", "filled", "#d6eaf8"},
    [KG_TYPE_ORG] = {"box", "filled,rounded", "#d5f5e3"},
    [KG_TYPE_COUNTRY] = {"doubleoctagon", "filled", "#fcf3cf"},
    [KG_TYPE_LOCATION] = {"house", "filled", "#e8daef"},
    [KG_TYPE_WEAPON] = {"diamond", "filled", "#fadbd8"},
};

static const char *const family_color[KG_FAMILY__COUNT] = {
    [KG_FAMILY_ARMS] = "#c0392b",
    [KG_FAMILY_SECURITY] = "#d35400",
    [KG_FAMILY_AFFILIATION] = "#2471a3",
    [KG_FAMILY_PLACE] = "#1e8449",
};

static kg_family edge_family(const kg_edge *e)
{
    const kg_relation_info *r = kg_relation_find(e->relation);
    return r ? r->family : KG_FAMILY_ARMS;
}

/* Pen width in hundredths: integers print the same in every locale. */
static unsigned penwidth_centi(unsigned long weight)
{
    double w = 1.0 + (weight > 1 ? log2((double)weight) : 0.0);
    if (w > KG_RENDER_PENWIDTH_MAX)
        w = KG_RENDER_PENWIDTH_MAX;
    return (unsigned)(w * 100.0 + 0.5);
}

/* A weapon's name for an edge label: its node's label, from the graph
 * drawn or else from o->names, or the id without its "weapon:" prefix. */
static const char *weapon_name(const kg_graph *g, const kg_render_opts *o, const char *id)
{
    const kg_node *n = kg_graph_find_node(g, id);
    if (!n && o->names)
        n = kg_graph_find_node(o->names, id);
    if (n)
        return n->label;
    const char *colon = strchr(id, ':');
    return colon ? colon + 1 : id;
}

/* ---- DOT --------------------------------------------------------------- */

static void put_list(sbuf *b, char *const *items, size_t n, esc_mode mode)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            sb_puts(b, "; ");
        put_text(b, items[i], mode, 0);
    }
}

static void dot_node(sbuf *b, const kg_node *n)
{
    unsigned t = (unsigned)n->type < KG_TYPE__COUNT ? (unsigned)n->type : KG_TYPE_ORG;
    sb_puts(b, "  \"");
    put_text(b, n->id, ESC_LABEL, 0);
    sb_puts(b, "\" [label=\"");
    put_text(b, n->label, ESC_LABEL, 0);
    sb_printf(b, "\", shape=%s, style=\"%s\", fillcolor=\"%s\", id=\"", type_style[t].shape,
              type_style[t].style, type_style[t].fill);
    put_text(b, n->id, ESC_LABEL, 0);
    sb_printf(b, "\", tooltip=\"%s ", kg_type_name((kg_type)t));
    put_text(b, n->id, ESC_TOOLTIP, 0);
    if (n->n_aliases) {
        sb_puts(b, "\\naliases: ");
        put_list(b, n->aliases, n->n_aliases, ESC_TOOLTIP);
    }
    if (n->n_roles) {
        sb_puts(b, "\\nroles: ");
        put_list(b, n->roles, n->n_roles, ESC_TOOLTIP);
    }
    sb_printf(b, "\\nmentions: %lu in %zu article%s\"];\n", n->weight, n->n_articles,
              n->n_articles == 1 ? "" : "s");
}

/* `labels` 0 leaves the edge label out (the tooltip still names the
 * relation): see KG_RENDER_LABELS_MAX. */
static void dot_edge(sbuf *b, const kg_graph *g, const kg_render_opts *o, const kg_edge *e,
                     int labels)
{
    kg_family f = edge_family(e);
    unsigned pw = penwidth_centi(e->weight);
    sb_puts(b, "  \"");
    put_text(b, e->source, ESC_LABEL, 0);
    sb_puts(b, "\" -> \"");
    put_text(b, e->target, ESC_LABEL, 0);
    sb_puts(b, "\" [label=\"");
    if (labels)
        put_text(b, e->relation, ESC_LABEL, 0);
    if (labels && e->n_weapons) {
        sb_puts(b, "\\n(");
        for (size_t i = 0; i < e->n_weapons && i < KG_RENDER_LABEL_WEAPONS_MAX; i++) {
            if (i)
                sb_puts(b, ", ");
            put_text(b, weapon_name(g, o, e->weapons[i]), ESC_LABEL, 0);
        }
        if (e->n_weapons > KG_RENDER_LABEL_WEAPONS_MAX)
            sb_printf(b, ", +%zu", e->n_weapons - KG_RENDER_LABEL_WEAPONS_MAX);
        sb_puts(b, ")");
    }
    sb_printf(b, "\", color=\"%s\", fontcolor=\"%s\", penwidth=%u.%02u", family_color[f],
              family_color[f], pw / 100, pw % 100);
    if (!e->directed)
        sb_puts(b, ", dir=none");
    const kg_node *s = kg_graph_find_node(g, e->source);
    const kg_node *t = kg_graph_find_node(g, e->target);
    sb_puts(b, ", tooltip=\"");
    put_text(b, s ? s->label : e->source, ESC_TOOLTIP, 0);
    sb_puts(b, " ");
    put_text(b, e->relation, ESC_TOOLTIP, 0);
    sb_puts(b, " ");
    put_text(b, t ? t->label : e->target, ESC_TOOLTIP, 0);
    sb_printf(b, " (weight %lu)", e->weight);
    for (size_t i = 0; i < e->n_evidence; i++) {
        sb_puts(b, "\\n[");
        put_text(b, e->evidence[i].article, ESC_TOOLTIP, 0);
        sb_puts(b, "] ");
        put_text(b, e->evidence[i].text, ESC_TOOLTIP, KG_RENDER_SENTENCE_MAX);
    }
    sb_puts(b, "\"];\n");
}

/* The legend: one sample node per type present, one sample edge per
 * relation family present. Its names start with "kg-legend:", which no
 * entity id can (ids start with a node type). */
static void dot_legend(sbuf *b, const kg_graph *g)
{
    int has_type[KG_TYPE__COUNT] = {0}, has_family[KG_FAMILY__COUNT] = {0};
    size_t nn = kg_graph_node_count(g), ne = kg_graph_edge_count(g);
    for (size_t i = 0; i < nn; i++) {
        const kg_node *n = kg_graph_node(g, i);
        if (n && (unsigned)n->type < KG_TYPE__COUNT)
            has_type[n->type] = 1;
    }
    for (size_t i = 0; i < ne; i++) {
        const kg_edge *e = kg_graph_edge(g, i);
        if (e)
            has_family[edge_family(e)] = 1;
    }
    if (nn == 0)
        return;
    sb_puts(b, "  subgraph cluster_legend {\n"
               "    label=\"Legend\"; style=\"rounded,dashed\"; color=\"#999999\"; "
               "fontsize=9;\n"
               "    node [fontsize=9, tooltip=\"node type\"];\n"
               "    edge [fontsize=8, tooltip=\"relation family\"];\n");
    for (unsigned t = 0; t < KG_TYPE__COUNT; t++)
        if (has_type[t])
            sb_printf(b,
                      "    \"kg-legend:%s\" [label=\"%s\", shape=%s, style=\"%s\", "
                      "fillcolor=\"%s\"];\n",
                      kg_type_prefix((kg_type)t), kg_type_name((kg_type)t), type_style[t].shape,
                      type_style[t].style, type_style[t].fill);
    for (unsigned f = 0; f < KG_FAMILY__COUNT; f++)
        if (has_family[f]) {
            const char *name = kg_family_name((kg_family)f);
            sb_printf(b,
                      "    \"kg-legend:%s-from\" [label=\"\", shape=point, width=0.05];\n"
                      "    \"kg-legend:%s-to\" [label=\"\", shape=point, width=0.05];\n"
                      "    \"kg-legend:%s-from\" -> \"kg-legend:%s-to\" [label=\"%s\", "
                      "color=\"%s\", fontcolor=\"%s\"];\n",
                      name, name, name, name, name, family_color[f], family_color[f]);
        }
    sb_puts(b, "  }\n");
}

static int render_dot(char **out, size_t *len, const kg_graph *g, const kg_render_opts *o)
{
    sbuf b = {0};
    size_t nn = kg_graph_node_count(g), ne = kg_graph_edge_count(g);
    sb_printf(&b,
              "/* kg graph: nodes %zu, edges %zu, articles %zu */\n"
              "digraph kg {\n"
              "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=10, "
              "outputorder=edgesfirst];\n"
              "  node [fontname=\"Helvetica\", fontsize=10, margin=\"0.08,0.04\"];\n"
              "  edge [fontname=\"Helvetica\", fontsize=8, arrowsize=0.7];\n",
              nn, ne, kg_graph_article_count(g));
    for (size_t i = 0; i < nn && !b.oom; i++) {
        const kg_node *n = kg_graph_node(g, i);
        if (!n)
            b.oom = 1; /* the getters fail only when sorting runs out of memory */
        else
            dot_node(&b, n);
    }
    for (size_t i = 0; i < ne && !b.oom; i++) {
        const kg_edge *e = kg_graph_edge(g, i);
        if (!e)
            b.oom = 1;
        else
            dot_edge(&b, g, o, e, nn <= KG_RENDER_LABELS_MAX);
    }
    if (o->legend)
        dot_legend(&b, g);
    sb_puts(&b, "}\n");
    return sb_finish(&b, out, len);
}

/* ---- Graphviz layout --------------------------------------------------- */

/* Graphviz keeps global state (error handler, plugin registry); one lock
 * keeps it on one thread at a time. */
static pthread_mutex_t gv_lock = PTHREAD_MUTEX_INITIALIZER;
static char gv_msg[KG_RENDER_GVMSG_MAX];

/* One Graphviz context for the whole process, made on first use and never
 * freed (it stays reachable, so leak checkers do not count it). Graphviz
 * 2.43's pango plugin keeps a static pointer into the context's font cache:
 * after gvFreeContext() the next context's first text measurement reads
 * freed memory (AddressSanitizer: heap-use-after-free in
 * libgvplugin_pango). Reusing the context also saves loading the plugins
 * for every picture. Called with gv_lock held. */
static GVC_t *gv_ctx;

static GVC_t *gv_context(void)
{
    if (!gv_ctx)
        gv_ctx = gvContext();
    return gv_ctx;
}

/* Collects Graphviz's messages instead of letting it print to stderr: the
 * library never prints. */
static int gv_collect(char *msg)
{
    size_t have = strlen(gv_msg);
    for (const char *p = msg; *p && have + 1 < sizeof gv_msg; p++)
        gv_msg[have++] = (*p == '\n' || *p == '\r') ? ' ' : *p;
    gv_msg[have] = '\0';
    return 0;
}

static void gv_begin(agusererrf *saved)
{
    pthread_mutex_lock(&gv_lock);
    gv_msg[0] = '\0';
    *saved = agseterrf(gv_collect);
}

static void gv_end(agusererrf saved)
{
    agseterrf(saved);
    pthread_mutex_unlock(&gv_lock);
}

/* Trims the collected messages for an error report. */
static const char *gv_message(void)
{
    size_t n = strlen(gv_msg);
    while (n > 0 && gv_msg[n - 1] == ' ')
        gv_msg[--n] = '\0';
    return n ? gv_msg : "no message from Graphviz";
}

static int render_layout(char **out, size_t *len, const kg_graph *g, const kg_render_opts *o)
{
    int rc = 0, laid_out = 0;
    char *dot = NULL, *data = NULL;
    size_t dot_len = 0;
    unsigned int data_len = 0;
    GVC_t *gvc = NULL;
    Agraph_t *ag = NULL;
    agusererrf saved = NULL;
    const char *engine = kg_render_engine(g, o);
    const char *format = o->format == KG_FORMAT_PNG ? "png" : "svg";

    rc = render_dot(&dot, &dot_len, g, o);
    if (rc)
        return rc;

    gv_begin(&saved);
    gvc = gv_context();
    if (!gvc) {
        rc = kg_error_set(KG_ENOMEM, "Graphviz could not start: out of memory");
        goto done;
    }
    ag = agmemread(dot);
    if (!ag) {
        rc = kg_error_set(KG_ERENDER, "Graphviz rejected the DOT kg wrote: %s", gv_message());
        goto done;
    }
    if (gvLayout(gvc, ag, engine) != 0) {
        rc = kg_error_set(KG_ERENDER, "Graphviz layout with engine '%s' failed: %s", engine,
                          gv_message());
        goto done;
    }
    laid_out = 1;
    if (gvRenderData(gvc, ag, format, &data, &data_len) != 0 || !data) {
        rc = kg_error_set(KG_ERENDER, "Graphviz could not render %s: %s", format, gv_message());
        goto done;
    }
    *out = malloc((size_t)data_len + 1);
    if (!*out) {
        rc = kg_error_set(KG_ENOMEM, "out of memory copying the %s image", format);
        goto done;
    }
    memcpy(*out, data, data_len);
    (*out)[data_len] = '\0';
    *len = data_len;
done:
    if (data)
        gvFreeRenderData(data);
    if (laid_out)
        gvFreeLayout(gvc, ag);
    if (ag)
        agclose(ag);
    gv_end(saved);
    free(dot);
    return rc;
}

/* ---- GraphML ----------------------------------------------------------- */

static void xml_data(sbuf *b, const char *key, const char *text)
{
    sb_printf(b, "      <data key=\"%s\">", key);
    put_text(b, text, ESC_XML, 0);
    sb_puts(b, "</data>\n");
}

static void xml_list(sbuf *b, const char *key, char *const *items, size_t n)
{
    if (n == 0)
        return;
    sb_printf(b, "      <data key=\"%s\">", key);
    put_list(b, items, n, ESC_XML);
    sb_puts(b, "</data>\n");
}

static int render_graphml(char **out, size_t *len, const kg_graph *g)
{
    sbuf b = {0};
    sb_puts(&b,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
            "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
            "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
            "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
            "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
            "  <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
            "  <key id=\"aliases\" for=\"node\" attr.name=\"aliases\" attr.type=\"string\"/>\n"
            "  <key id=\"roles\" for=\"node\" attr.name=\"roles\" attr.type=\"string\"/>\n"
            "  <key id=\"mentions\" for=\"node\" attr.name=\"weight\" attr.type=\"long\"/>\n"
            "  <key id=\"relation\" for=\"edge\" attr.name=\"relation\" "
            "attr.type=\"string\"/>\n"
            "  <key id=\"family\" for=\"edge\" attr.name=\"family\" attr.type=\"string\"/>\n"
            "  <key id=\"symmetric\" for=\"edge\" attr.name=\"symmetric\" attr.type=\"boolean\">"
            "<default>false</default></key>\n"
            "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
            "  <key id=\"weapons\" for=\"edge\" attr.name=\"weapons\" attr.type=\"string\"/>\n"
            "  <key id=\"evidence\" for=\"edge\" attr.name=\"evidence\" "
            "attr.type=\"string\"/>\n"
            "  <graph id=\"kg\" edgedefault=\"directed\">\n");
    size_t nn = kg_graph_node_count(g), ne = kg_graph_edge_count(g);
    for (size_t i = 0; i < nn && !b.oom; i++) {
        const kg_node *n = kg_graph_node(g, i);
        if (!n) {
            b.oom = 1;
            break;
        }
        sb_puts(&b, "    <node id=\"");
        put_text(&b, n->id, ESC_XML, 0);
        sb_puts(&b, "\">\n");
        xml_data(&b, "label", n->label);
        xml_data(&b, "type", kg_type_name(n->type));
        xml_list(&b, "aliases", n->aliases, n->n_aliases);
        xml_list(&b, "roles", n->roles, n->n_roles);
        sb_printf(&b, "      <data key=\"mentions\">%lu</data>\n", n->weight);
        sb_puts(&b, "    </node>\n");
    }
    for (size_t i = 0; i < ne && !b.oom; i++) {
        const kg_edge *e = kg_graph_edge(g, i);
        if (!e) {
            b.oom = 1;
            break;
        }
        sb_printf(&b, "    <edge id=\"e%zu\" source=\"", i);
        put_text(&b, e->source, ESC_XML, 0);
        sb_puts(&b, "\" target=\"");
        put_text(&b, e->target, ESC_XML, 0);
        sb_puts(&b, "\">\n");
        xml_data(&b, "relation", e->relation);
        if (!e->directed)
            sb_puts(&b, "      <data key=\"symmetric\">true</data>\n");
        xml_data(&b, "family", kg_family_name(edge_family(e)));
        sb_printf(&b, "      <data key=\"weight\">%lu</data>\n", e->weight);
        xml_list(&b, "weapons", e->weapons, e->n_weapons);
        if (e->n_evidence) {
            sb_puts(&b, "      <data key=\"evidence\">");
            for (size_t k = 0; k < e->n_evidence; k++) {
                if (k)
                    sb_puts(&b, "\n");
                sb_puts(&b, "[");
                put_text(&b, e->evidence[k].article, ESC_XML, 0);
                sb_puts(&b, "] ");
                put_text(&b, e->evidence[k].text, ESC_XML, 0);
            }
            sb_puts(&b, "</data>\n");
        }
        sb_puts(&b, "    </edge>\n");
    }
    sb_puts(&b, "  </graph>\n</graphml>\n");
    return sb_finish(&b, out, len);
}

/* ---- TSV --------------------------------------------------------------- */

static int render_tsv(char **out, size_t *len, const kg_graph *g)
{
    sbuf b = {0};
    sb_puts(&b, "#source\trelation\ttarget\tweight\tsource_label\ttarget_label\tweapons\n");
    size_t ne = kg_graph_edge_count(g);
    for (size_t i = 0; i < ne && !b.oom; i++) {
        const kg_edge *e = kg_graph_edge(g, i);
        if (!e) {
            b.oom = 1;
            break;
        }
        const kg_node *s = kg_graph_find_node(g, e->source);
        const kg_node *t = kg_graph_find_node(g, e->target);
        put_text(&b, e->source, ESC_TSV, 0);
        sb_puts(&b, "\t");
        put_text(&b, e->relation, ESC_TSV, 0);
        sb_puts(&b, "\t");
        put_text(&b, e->target, ESC_TSV, 0);
        sb_printf(&b, "\t%lu\t", e->weight);
        put_text(&b, s ? s->label : "", ESC_TSV, 0);
        sb_puts(&b, "\t");
        put_text(&b, t ? t->label : "", ESC_TSV, 0);
        sb_puts(&b, "\t");
        for (size_t k = 0; k < e->n_weapons; k++) {
            if (k)
                sb_puts(&b, ",");
            put_text(&b, e->weapons[k], ESC_TSV, 0);
        }
        sb_puts(&b, "\n");
    }
    return sb_finish(&b, out, len);
}

/* ---- public ------------------------------------------------------------ */

static const char *const format_names[KG_FORMAT__COUNT] = {
    [KG_FORMAT_DOT] = "dot",   [KG_FORMAT_SVG] = "svg",         [KG_FORMAT_PNG] = "png",
    [KG_FORMAT_JSON] = "json", [KG_FORMAT_GRAPHML] = "graphml", [KG_FORMAT_TSV] = "tsv",
};

void kg_render_opts_init(kg_render_opts *o)
{
    memset(o, 0, sizeof *o);
    o->format = KG_FORMAT_SVG;
    o->legend = 1;
}

const char *kg_format_name(kg_format f)
{
    return (unsigned)f < KG_FORMAT__COUNT ? format_names[f] : NULL;
}

int kg_format_parse(kg_format *out, const char *name)
{
    for (unsigned f = 0; f < KG_FORMAT__COUNT; f++)
        if (name && strcmp(name, format_names[f]) == 0) {
            *out = (kg_format)f;
            return 0;
        }
    return kg_error_set(KG_EUSAGE,
                        "unknown output format '%s' (formats: dot, svg, png, json, graphml, tsv)",
                        name ? name : "");
}

int kg_format_needs_layout(kg_format f)
{
    return f == KG_FORMAT_SVG || f == KG_FORMAT_PNG;
}

const char *kg_render_engine(const kg_graph *g, const kg_render_opts *o)
{
    if (o && o->engine && o->engine[0])
        return o->engine;
    return kg_graph_node_count(g) > KG_RENDER_DOT_MAX ||
                   kg_graph_edge_count(g) > KG_RENDER_DOT_EDGES_MAX
               ? "sfdp"
               : "dot";
}

int kg_render_check_engine(const char *engine)
{
    int rc = 0, n = 0, found = 0;
    char **list = NULL;
    agusererrf saved = NULL;
    sbuf names = {0};

    gv_begin(&saved);
    GVC_t *gvc = gv_context();
    if (!gvc) {
        rc = kg_error_set(KG_ENOMEM, "Graphviz could not start: out of memory");
        goto done;
    }
    list = gvPluginList(gvc, "layout", &n, NULL);
    for (int i = 0; i < n; i++) {
        if (engine && strcmp(list[i], engine) == 0)
            found = 1;
        if (i)
            sb_puts(&names, ", ");
        sb_puts(&names, list[i]);
        free(list[i]);
    }
    free(list);
    if (!found)
        rc = kg_error_set(KG_EUSAGE, "unknown layout engine '%s' (engines: %s)",
                          engine ? engine : "", names.p ? names.p : "none installed");
done:
    gv_end(saved);
    free(names.p);
    return rc;
}

int kg_render(char **out, size_t *len, const kg_graph *g, const kg_render_opts *o)
{
    kg_render_opts defaults;
    if (!o) {
        kg_render_opts_init(&defaults);
        o = &defaults;
    }
    *out = NULL;
    *len = 0;
    switch (o->format) {
    case KG_FORMAT_DOT:
        return render_dot(out, len, g, o);
    case KG_FORMAT_SVG:
    case KG_FORMAT_PNG:
        return render_layout(out, len, g, o);
    case KG_FORMAT_JSON: {
        int rc = kg_graph_to_string(out, g, 0);
        if (rc == 0)
            *len = strlen(*out);
        return rc;
    }
    case KG_FORMAT_GRAPHML:
        return render_graphml(out, len, g);
    case KG_FORMAT_TSV:
        return render_tsv(out, len, g);
    default:
        return kg_error_set(KG_EUSAGE, "unknown output format %d", (int)o->format);
    }
}
