/*
 * view.c - selecting the part of a graph that one picture should show
 * (kg/view.h): filters by relation, weight and type, a neighbourhood around
 * focus entities, and a cap on the number of nodes.
 *
 * Everything works on node and edge indices in the graph's canonical order,
 * with a compact adjacency array for the breadth-first search, so a view of
 * a large graph costs O((nodes + edges) log nodes) and no hashing.
 */
#include "kg/view.h"

#include "kg/error.h"
#include "kg/ontology.h"
#include "kg/query.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Longest single word accepted in a --types or --relations list; every
 * valid word is far shorter, so this only bounds a stack buffer. */
#define VIEW_WORD_MAX 64

#define NO_INDEX ((size_t)-1)

void kg_view_opts_init(kg_view_opts *o)
{
    memset(o, 0, sizeof *o);
    o->depth = 1;
}

int kg_view_is_filtered(const kg_view_opts *o)
{
    return o->n_focus > 0 || o->types != 0 || o->relations != 0 || o->min_weight > 0 ||
           o->max_nodes > 0 || o->connected;
}

/* ---- option lists ------------------------------------------------------ */

/* Calls fn(word, raw, ctx) for each comma-separated word of list, trimmed,
 * lower-cased in `word` and as typed in `raw` (for messages); stops at the
 * first non-zero return. */
static int each_word(const char *list, int (*fn)(const char *word, const char *raw, void *ctx),
                     void *ctx, const char *what)
{
    if (!list || !*list)
        return kg_error_set(KG_EUSAGE, "empty %s list", what);
    const char *p = list;
    for (;;) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        while (n > 0 && isspace((unsigned char)*p)) {
            p++;
            n--;
        }
        while (n > 0 && isspace((unsigned char)p[n - 1]))
            n--;
        if (n == 0)
            return kg_error_set(KG_EUSAGE, "empty item in %s list '%s'", what, list);
        if (n >= VIEW_WORD_MAX)
            return kg_error_set(KG_EUSAGE, "unknown %s '%.*s'", what, (int)n, p);
        char word[VIEW_WORD_MAX], raw[VIEW_WORD_MAX];
        for (size_t i = 0; i < n; i++)
            word[i] = (char)tolower((unsigned char)p[i]);
        word[n] = '\0';
        memcpy(raw, p, n);
        raw[n] = '\0';
        int rc = fn(word, raw, ctx);
        if (rc)
            return rc;
        if (!end)
            return 0;
        p = end + 1;
    }
}

static int add_type(const char *word, const char *raw, void *ctx)
{
    unsigned *mask = ctx;
    for (unsigned t = 0; t < KG_TYPE__COUNT; t++) {
        const char *name = kg_type_name((kg_type)t);
        size_t i = 0;
        while (name[i] && tolower((unsigned char)name[i]) == (unsigned char)word[i])
            i++;
        if (!name[i] && !word[i]) {
            *mask |= 1u << t;
            return 0;
        }
    }
    return kg_error_set(KG_EUSAGE,
                        "unknown node type '%s' (types: PERSON, ORG, COUNTRY, LOCATION, WEAPON)",
                        raw);
}

int kg_view_parse_types(unsigned *out, const char *list)
{
    unsigned mask = 0;
    int rc = each_word(list, add_type, &mask, "type");
    if (rc == 0)
        *out = mask;
    return rc;
}

static int add_relation(const char *word, const char *raw, void *ctx)
{
    uint32_t *mask = ctx;
    unsigned n = 0;
    const kg_relation_info *all = kg_relation_all(&n);
    for (unsigned i = 0; i < n; i++)
        if (strcmp(all[i].name, word) == 0) {
            *mask |= (uint32_t)1 << i;
            return 0;
        }
    for (unsigned f = 0; f < KG_FAMILY__COUNT; f++)
        if (strcmp(kg_family_name((kg_family)f), word) == 0) {
            for (unsigned i = 0; i < n; i++)
                if (all[i].family == (kg_family)f)
                    *mask |= (uint32_t)1 << i;
            return 0;
        }
    /* One line listing every relation would be long; the families and a
     * pointer to the ontology are enough to correct a typo. */
    return kg_error_set(KG_EUSAGE,
                        "unknown relation '%s' (a relation such as supplies, sells, attacks, "
                        "member_of, based_in, or a family: arms, security, affiliation, place)",
                        raw);
}

int kg_view_parse_relations(uint32_t *out, const char *list)
{
    unsigned n = 0;
    kg_relation_all(&n);
    /* The mask has one bit per relation. */
    if (n > 32)
        return kg_error_set(KG_ELIMIT, "the ontology has more than 32 relations");
    uint32_t mask = 0;
    int rc = each_word(list, add_relation, &mask, "relation");
    if (rc == 0)
        *out = mask;
    return rc;
}

/* ---- selection --------------------------------------------------------- */

/* Index of the node with this id in canonical order, or NO_INDEX. */
static size_t find_node(const kg_node *const *nodes, size_t n, const char *id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(nodes[mid]->id, id);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NO_INDEX;
}

static size_t find_article(const kg_graph *g, size_t n, const char *id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const kg_article_meta *m = kg_graph_article(g, mid);
        if (!m)
            return NO_INDEX;
        int c = strcmp(m->id, id);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NO_INDEX;
}

/* Ranking for --max-nodes: focus first, then degree, weight, id. */
typedef struct rank_item {
    size_t node;
    size_t degree;
    unsigned long weight;
    int focus;
    const char *id;
} rank_item;

static int rank_cmp(const void *pa, const void *pb)
{
    const rank_item *a = pa, *b = pb;
    if (a->focus != b->focus)
        return a->focus ? -1 : 1;
    if (a->degree != b->degree)
        return a->degree > b->degree ? -1 : 1;
    if (a->weight != b->weight)
        return a->weight > b->weight ? -1 : 1;
    return strcmp(a->id, b->id);
}

/* Marks the node(s) `name` means in is_focus[]. */
static int resolve_focus(unsigned char *is_focus, const kg_graph *g, const kg_node *const *nodes,
                         size_t n_nodes, const char *name)
{
    kg_match m;
    int rc = kg_query_match(&m, g, name);
    if (rc == 0) {
        size_t i = find_node(nodes, n_nodes, m.node->id);
        if (i != NO_INDEX)
            is_focus[i] = 1;
        return 0;
    }
    /* A few equally good matches are all drawn: the picture shows the user
     * which one they meant. More than we can list is an error that lists
     * the first ones. */
    if (rc == KG_EAMBIGUOUS && m.n_matches <= KG_QUERY_CANDIDATES_MAX &&
        m.n_candidates == m.n_matches) {
        for (size_t k = 0; k < m.n_candidates; k++) {
            size_t i = find_node(nodes, n_nodes, m.candidates[k]->id);
            if (i != NO_INDEX)
                is_focus[i] = 1;
        }
        return 0;
    }
    return rc;
}

int kg_view_select(kg_graph **out, const kg_graph *g, const kg_view_opts *o)
{
    int rc = 0;
    kg_graph *v = NULL;
    const kg_node **nodes = NULL;
    size_t *src = NULL, *dst = NULL, *adj_start = NULL, *adj = NULL, *dist = NULL,
           *queue = NULL, *degree = NULL;
    unsigned char *edge_ok = NULL, *node_ok = NULL, *is_focus = NULL, *cited = NULL;
    rank_item *rank = NULL;

    *out = NULL;
    if (o->n_focus > KG_VIEW_FOCUS_MAX)
        return kg_error_set(KG_EUSAGE, "more than %d focus names", KG_VIEW_FOCUS_MAX);
    if (o->n_focus > 0 && o->depth > KG_QUERY_DEPTH_MAX)
        return kg_error_set(KG_EUSAGE, "depth %u is more than %d", o->depth, KG_QUERY_DEPTH_MAX);

    size_t n_nodes = kg_graph_node_count(g);
    size_t n_edges = kg_graph_edge_count(g);
    size_t n_articles = kg_graph_article_count(g);
    unsigned n_rel = 0;
    const kg_relation_info *all_rel = kg_relation_all(&n_rel);

    nodes = malloc((n_nodes + 1) * sizeof *nodes);
    src = malloc((n_edges + 1) * sizeof *src);
    dst = malloc((n_edges + 1) * sizeof *dst);
    edge_ok = calloc(n_edges + 1, 1);
    node_ok = calloc(n_nodes + 1, 1);
    is_focus = calloc(n_nodes + 1, 1);
    degree = calloc(n_nodes + 1, sizeof *degree);
    cited = calloc(n_articles + 1, 1);
    if (!nodes || !src || !dst || !edge_ok || !node_ok || !is_focus || !degree || !cited) {
        rc = kg_error_set(KG_ENOMEM, "out of memory selecting a view");
        goto done;
    }
    for (size_t i = 0; i < n_nodes; i++)
        if (!(nodes[i] = kg_graph_node(g, i))) {
            /* The getters fail only when sorting runs out of memory. */
            rc = kg_error_set(KG_ENOMEM, "out of memory selecting a view");
            goto done;
        }

    /* 1. edge filters */
    int edge_filter = o->relations != 0 || o->min_weight > 0;
    for (size_t j = 0; j < n_edges; j++) {
        const kg_edge *e = kg_graph_edge(g, j);
        if (!e) {
            rc = kg_error_set(KG_ENOMEM, "out of memory selecting a view");
            goto done;
        }
        src[j] = find_node(nodes, n_nodes, e->source);
        dst[j] = find_node(nodes, n_nodes, e->target);
        edge_ok[j] = src[j] != NO_INDEX && dst[j] != NO_INDEX;
        if (o->relations) {
            const kg_relation_info *r = kg_relation_find(e->relation);
            if (!r || !(o->relations & ((uint32_t)1 << (unsigned)(r - all_rel))))
                edge_ok[j] = 0;
        }
        if (e->weight < o->min_weight)
            edge_ok[j] = 0;
    }

    /* 2. and 3. node types, focus */
    for (size_t k = 0; k < o->n_focus; k++) {
        rc = resolve_focus(is_focus, g, nodes, n_nodes, o->focus[k]);
        if (rc)
            goto done;
    }
    for (size_t i = 0; i < n_nodes; i++)
        node_ok[i] = is_focus[i] || !o->types || (o->types & (1u << nodes[i]->type));
    for (size_t j = 0; j < n_edges; j++)
        if (edge_ok[j] && (!node_ok[src[j]] || !node_ok[dst[j]]))
            edge_ok[j] = 0;

    if (o->n_focus > 0) {
        /* Undirected adjacency over the edges still in play (CSR layout). */
        adj_start = calloc(n_nodes + 2, sizeof *adj_start);
        adj = malloc((2 * n_edges + 1) * sizeof *adj);
        dist = malloc((n_nodes + 1) * sizeof *dist);
        queue = malloc((n_nodes + 1) * sizeof *queue);
        if (!adj_start || !adj || !dist || !queue) {
            rc = kg_error_set(KG_ENOMEM, "out of memory selecting a view");
            goto done;
        }
        for (size_t j = 0; j < n_edges; j++)
            if (edge_ok[j]) {
                adj_start[src[j] + 2]++;
                adj_start[dst[j] + 2]++;
            }
        for (size_t i = 2; i < n_nodes + 2; i++)
            adj_start[i] += adj_start[i - 1];
        for (size_t j = 0; j < n_edges; j++)
            if (edge_ok[j]) {
                adj[adj_start[src[j] + 1]++] = dst[j];
                adj[adj_start[dst[j] + 1]++] = src[j];
            }
        /* Now node i's neighbours are adj[adj_start[i] .. adj_start[i + 1]). */
        size_t head = 0, tail = 0;
        for (size_t i = 0; i < n_nodes; i++) {
            dist[i] = NO_INDEX;
            if (is_focus[i]) {
                dist[i] = 0;
                queue[tail++] = i;
            }
        }
        while (head < tail) {
            size_t u = queue[head++];
            if (dist[u] >= o->depth)
                continue;
            for (size_t a = adj_start[u]; a < adj_start[u + 1]; a++) {
                size_t w = adj[a];
                if (dist[w] == NO_INDEX) {
                    dist[w] = dist[u] + 1;
                    queue[tail++] = w;
                }
            }
        }
        for (size_t i = 0; i < n_nodes; i++)
            if (dist[i] == NO_INDEX)
                node_ok[i] = 0;
        for (size_t j = 0; j < n_edges; j++)
            if (edge_ok[j] && (!node_ok[src[j]] || !node_ok[dst[j]]))
                edge_ok[j] = 0;
    }

    /* 4. nodes the filters left without edges */
    for (size_t j = 0; j < n_edges; j++)
        if (edge_ok[j]) {
            degree[src[j]]++;
            if (dst[j] != src[j])
                degree[dst[j]]++;
        }
    if (edge_filter || o->n_focus > 0 || o->connected)
        for (size_t i = 0; i < n_nodes; i++)
            if (node_ok[i] && degree[i] == 0 && !is_focus[i])
                node_ok[i] = 0;

    /* 5. the most connected nodes */
    size_t kept = 0;
    for (size_t i = 0; i < n_nodes; i++)
        kept += node_ok[i];
    if (o->max_nodes > 0 && kept > o->max_nodes) {
        rank = malloc(kept * sizeof *rank);
        if (!rank) {
            rc = kg_error_set(KG_ENOMEM, "out of memory selecting a view");
            goto done;
        }
        size_t r = 0;
        for (size_t i = 0; i < n_nodes; i++)
            if (node_ok[i])
                rank[r++] = (rank_item){i, degree[i], nodes[i]->weight, is_focus[i],
                                        nodes[i]->id};
        qsort(rank, kept, sizeof *rank, rank_cmp);
        for (size_t k = o->max_nodes; k < kept; k++)
            node_ok[rank[k].node] = 0;
    }

    /* 6. the new graph: nodes, edges between kept nodes, cited articles */
    rc = kg_graph_new(&v);
    if (rc)
        goto done;
    rc = kg_graph_set_evidence_limit(v, kg_graph_evidence_limit(g));
    if (rc)
        goto done;
    for (size_t i = 0; i < n_nodes; i++) {
        if (!node_ok[i])
            continue;
        for (size_t k = 0; k < nodes[i]->n_articles; k++) {
            size_t a = find_article(g, n_articles, nodes[i]->articles[k].article);
            if (a != NO_INDEX)
                cited[a] = 1;
        }
    }
    for (size_t j = 0; j < n_edges; j++) {
        if (!edge_ok[j] || !node_ok[src[j]] || !node_ok[dst[j]])
            continue;
        const kg_edge *e = kg_graph_edge(g, j);
        for (size_t k = 0; k < e->n_articles; k++) {
            size_t a = find_article(g, n_articles, e->articles[k].article);
            if (a != NO_INDEX)
                cited[a] = 1;
        }
        for (size_t k = 0; k < e->n_evidence; k++) {
            size_t a = find_article(g, n_articles, e->evidence[k].article);
            if (a != NO_INDEX)
                cited[a] = 1;
        }
    }
    for (size_t a = 0; a < n_articles; a++) {
        const kg_article_meta *m = cited[a] ? kg_graph_article(g, a) : NULL;
        if (m && (rc = kg_graph_add_article(v, m)) != 0)
            goto done;
    }
    for (size_t i = 0; i < n_nodes; i++)
        if (node_ok[i] && (rc = kg_graph_merge_node(v, nodes[i])) != 0)
            goto done;
    for (size_t j = 0; j < n_edges; j++)
        if (edge_ok[j] && node_ok[src[j]] && node_ok[dst[j]] &&
            (rc = kg_graph_merge_edge(v, kg_graph_edge(g, j))) != 0)
            goto done;

    *out = v;
    v = NULL;
done:
    kg_graph_free(v);
    free(nodes);
    free(src);
    free(dst);
    free(edge_ok);
    free(node_ok);
    free(is_focus);
    free(degree);
    free(cited);
    free(adj_start);
    free(adj);
    free(dist);
    free(queue);
    free(rank);
    return rc;
}
