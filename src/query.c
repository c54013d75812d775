/*
 * query.c - name matching, neighbourhoods, shortest paths and statistics
 * over a kg graph, and their answers as text and JSON.
 *
 * The graph keeps edges in canonical order, which answers "what does X
 * link to" only by a scan. kg_query_new() builds, once, a compressed
 * adjacency index (every edge listed under both of its ends, each list
 * sorted by the other end's id) so that a neighbourhood touches only what
 * it reports, and a shortest path is one breadth-first search whose
 * tie-breaking follows id order for free.
 */
#include "kg/query.h"

#include "kg/error.h"
#include "util.h"

#include <cjson/cJSON.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bytes of a name that take part in matching; names are a few words, and a
 * fixed bound keeps matching free of allocation. Longer names are compared
 * on this prefix. */
#define NAME_NORM_MAX 256
/* Evidence bytes shown in text answers; the JSON answer has them all. */
#define TEXT_EVIDENCE_MAX 200
/* Error messages quote at most this much of the name the user typed. */
#define QUOTED_NAME_MAX 80

#define NO_INDEX UINT32_MAX

/* ======================================================================
 * Name matching
 * ====================================================================== */

static int is_alnum_ascii(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* ASCII base letters of U+00C0..U+00FF (UTF-8 C3 80..C3 BF), so that
 * "Jose Ramirez" finds "José Ramírez"; NULL keeps the character. */
static const char *const latin1_fold[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c",  "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  NULL, "o", "u", "u", "u", "u", "y", NULL, "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c",  "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  NULL, "o", "u", "u", "u", "u", "y", NULL, "y",
};

/* The form names are compared in: ASCII lower case, Latin-1 letters folded
 * to their base letter, '.' and apostrophes (' and U+2019) dropped ("U.S."
 * = "US", "Russia's" = "Russias"), any other run of ASCII punctuation or
 * space one ' ', none at either end. Other bytes >= 0x80 are kept as they
 * are. Returns the length written to dst (NUL-terminated). */
static size_t normalize(char dst[NAME_NORM_MAX + 1], const char *s)
{
    size_t n = 0;
    int gap = 0;
    while (*s && n < NAME_NORM_MAX) {
        const unsigned char *u = (const unsigned char *)s;
        const char *fold = NULL;
        char one[2] = {0, 0};
        if (u[0] == '.' || u[0] == '\'') {
            s++;
            continue;
        }
        if (u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0x99) {
            s += 3;
            continue;
        }
        if (u[0] < 0x80 && !is_alnum_ascii(u[0])) {
            gap = n > 0;
            s++;
            continue;
        }
        if (u[0] == 0xC3 && u[1] >= 0x80 && u[1] <= 0xBF && latin1_fold[u[1] - 0x80]) {
            fold = latin1_fold[u[1] - 0x80];
            s += 2;
        } else {
            one[0] = (char)(u[0] >= 'A' && u[0] <= 'Z' ? u[0] - 'A' + 'a' : u[0]);
            fold = one;
            s++;
        }
        if (gap) {
            dst[n++] = ' ';
            gap = 0;
        }
        for (; *fold && n < NAME_NORM_MAX; fold++)
            dst[n++] = *fold;
    }
    dst[n] = '\0';
    return n;
}

static int ascii_casecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        unsigned char ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca >= 'A' && ca <= 'Z')
            ca = (unsigned char)(ca - 'A' + 'a');
        if (cb >= 'A' && cb <= 'Z')
            cb = (unsigned char)(cb - 'A' + 'a');
        if (ca != cb || ca == '\0')
            return ca - cb;
    }
}

/* Levenshtein distance between a[0..na) and b[0..nb), or limit + 1 if it is
 * larger than limit (which also skips the work for hopeless pairs). */
static unsigned edit_distance(const char *a, size_t na, const char *b, size_t nb, unsigned limit)
{
    unsigned row[NAME_NORM_MAX + 1];
    if ((na > nb ? na - nb : nb - na) > limit)
        return limit + 1;
    for (size_t j = 0; j <= nb; j++)
        row[j] = (unsigned)j;
    for (size_t i = 1; i <= na; i++) {
        unsigned diag = row[0], best = (unsigned)i;
        row[0] = (unsigned)i;
        for (size_t j = 1; j <= nb; j++) {
            unsigned up = row[j];
            unsigned v = diag + (a[i - 1] != b[j - 1]);
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            if (up + 1 < v)
                v = up + 1;
            row[j] = v;
            diag = up;
            if (v < best)
                best = v;
        }
        if (best > limit)
            return limit + 1;
    }
    return row[nb] <= limit ? row[nb] : limit + 1;
}

/* A word of a normalized name: [start, start + len). */
typedef struct word {
    const char *start;
    size_t len;
} word;

/* Words of a normalized name this many at most are looked at; names are
 * short, and a bound keeps the word list on the stack. */
#define WORDS_MAX 16

static size_t split_words(word out[WORDS_MAX], const char *s)
{
    size_t n = 0;
    while (*s && n < WORDS_MAX) {
        const char *sp = strchr(s, ' ');
        size_t len = sp ? (size_t)(sp - s) : strlen(s);
        out[n].start = s;
        out[n].len = len;
        n++;
        if (!sp)
            break;
        s = sp + 1;
    }
    return n;
}

/* How far the normalized name `nm` is from the normalized query: lower is
 * closer; UINT32_MAX for "not a candidate at all". The bands order the
 * kinds of likeness: the name begins with the query; a word of it begins
 * with the query; they share words; a small edit distance. */
typedef struct query_form {
    const char *s;
    size_t len;
    word words[WORDS_MAX];
    size_t n_words;
    unsigned max_edits;
} query_form;

static unsigned closeness(const query_form *q, const char *nm, size_t len)
{
    word w[WORDS_MAX];
    size_t nw;
    unsigned best = UINT32_MAX;

    if (len >= q->len && memcmp(nm, q->s, q->len) == 0) {
        size_t extra = len - q->len;
        return 100 + (unsigned)(extra < 99 ? extra : 99);
    }
    nw = split_words(w, nm);
    for (size_t i = 0; i < nw; i++) {
        if (w[i].len >= q->len && memcmp(w[i].start, q->s, q->len) == 0) {
            size_t extra = w[i].len - q->len;
            unsigned c = 200 + (unsigned)(extra < 99 ? extra : 99);
            if (c < best)
                best = c;
        }
    }
    if (best != UINT32_MAX)
        return best;
    if (q->n_words > 1) {
        size_t shared = 0;
        for (size_t i = 0; i < q->n_words; i++)
            for (size_t j = 0; j < nw; j++)
                if (q->words[i].len == w[j].len &&
                    memcmp(q->words[i].start, w[j].start, w[j].len) == 0) {
                    shared++;
                    break;
                }
        if (shared > 0)
            return 300 + 10 * (unsigned)(q->n_words - shared);
    }
    unsigned d = edit_distance(q->s, q->len, nm, len, q->max_edits);
    if (d <= q->max_edits)
        best = 500 + 10 * d;
    for (size_t j = 0; j < nw && nw > 1; j++) {
        d = edit_distance(q->s, q->len, w[j].start, w[j].len, q->max_edits);
        if (d <= q->max_edits && 505 + 10 * d < best)
            best = 505 + 10 * d;
    }
    return best;
}

/* Appends "Label (id)" to buf at *pos, cutting at the end of buf. */
static void append_node_name(char *buf, size_t cap, size_t *pos, const char *sep, const kg_node *n)
{
    if (*pos >= cap)
        return;
    int w = snprintf(buf + *pos, cap - *pos, "%s%s (%s)", sep, n->label, n->id);
    if (w > 0)
        *pos += (size_t)w;
}

/* Keeps the KG_QUERY_CANDIDATES_MAX lowest (cost, node order) entries. */
static void keep_closest(kg_match *m, unsigned cost[KG_QUERY_CANDIDATES_MAX], const kg_node *n,
                         unsigned c)
{
    size_t k = m->n_candidates;
    if (k == KG_QUERY_CANDIDATES_MAX) {
        /* Nodes arrive in id order, so an equal cost never displaces. */
        if (c >= cost[k - 1])
            return;
        k--;
    } else {
        m->n_candidates++;
    }
    while (k > 0 && cost[k - 1] > c) {
        cost[k] = cost[k - 1];
        m->candidates[k] = m->candidates[k - 1];
        k--;
    }
    cost[k] = c;
    m->candidates[k] = n;
}

int kg_query_match(kg_match *out, const kg_graph *g, const char *name)
{
    char q[NAME_NORM_MAX + 1], nm[NAME_NORM_MAX + 1];
    char msg[1024];
    size_t pos = 0;
    size_t n_nodes = kg_graph_node_count(g);
    int tier = 0; /* 1 id, 2 label, 3 alias: the best tier matched so far */
    unsigned cost[KG_QUERY_CANDIDATES_MAX];

    memset(out, 0, sizeof *out);
    if (!name || !name[0])
        return kg_error_set(KG_EUSAGE, "empty entity name");
    size_t qlen = normalize(q, name);

    for (size_t i = 0; i < n_nodes; i++) {
        const kg_node *n = kg_graph_node(g, i);
        int t = 0;
        if (!n)
            return kg_error_set(KG_ENOMEM, "out of memory");
        if (ascii_casecmp(n->id, name) == 0) {
            t = 1;
        } else if (qlen > 0 && (tier == 0 || tier >= 2)) {
            if (normalize(nm, n->label) == qlen && memcmp(nm, q, qlen) == 0)
                t = 2;
            for (size_t a = 0; !t && tier != 2 && a < n->n_aliases; a++)
                if (normalize(nm, n->aliases[a]) == qlen && memcmp(nm, q, qlen) == 0)
                    t = 3;
            /* The id without its type prefix counts as an alias: "USA". */
            const char *colon = strchr(n->id, ':');
            if (!t && tier != 2 && colon && normalize(nm, colon + 1) == qlen &&
                memcmp(nm, q, qlen) == 0)
                t = 3;
        }
        if (!t || (tier && t > tier))
            continue;
        if (t < tier || !tier) {
            tier = t;
            out->n_matches = 0;
            out->n_candidates = 0;
        }
        if (out->n_candidates < KG_QUERY_CANDIDATES_MAX)
            out->candidates[out->n_candidates++] = n;
        out->n_matches++;
    }

    if (out->n_matches == 1) {
        out->node = out->candidates[0];
        out->n_candidates = 0;
        return 0;
    }
    if (out->n_matches > 1) {
        pos = (size_t)snprintf(msg, sizeof msg, "'%.*s' matches %zu entities: ", QUOTED_NAME_MAX,
                               name, out->n_matches);
        for (size_t i = 0; i < out->n_candidates; i++)
            append_node_name(msg, sizeof msg, &pos, i ? ", " : "", out->candidates[i]);
        if (out->n_matches > out->n_candidates && pos < sizeof msg)
            pos += (size_t)snprintf(msg + pos, sizeof msg - pos, ", and %zu more",
                                    out->n_matches - out->n_candidates);
        if (pos < sizeof msg)
            snprintf(msg + pos, sizeof msg - pos, "; give an id to choose");
        return kg_error_set(KG_EAMBIGUOUS, "%s", msg);
    }

    /* Nothing matched: rank every node by its closest name. */
    query_form qf = {.s = q, .len = qlen};
    qf.n_words = split_words(qf.words, q);
    qf.max_edits = qlen < 4 ? 1 : (unsigned)(qlen / 3);
    for (size_t i = 0; qlen > 0 && i < n_nodes; i++) {
        const kg_node *n = kg_graph_node(g, i);
        if (!n)
            return kg_error_set(KG_ENOMEM, "out of memory");
        size_t len = normalize(nm, n->label);
        unsigned c = closeness(&qf, nm, len);
        for (size_t a = 0; a < n->n_aliases; a++) {
            len = normalize(nm, n->aliases[a]);
            unsigned ca = closeness(&qf, nm, len);
            if (ca < c)
                c = ca;
        }
        if (c != UINT32_MAX)
            keep_closest(out, cost, n, c);
    }
    pos = (size_t)snprintf(msg, sizeof msg, "no entity named '%.*s'", QUOTED_NAME_MAX, name);
    for (size_t i = 0; i < out->n_candidates; i++)
        append_node_name(msg, sizeof msg, &pos, i ? ", " : "; closest: ", out->candidates[i]);
    return kg_error_set(KG_ENOTFOUND, "%s", msg);
}

/* ======================================================================
 * The adjacency index
 * ====================================================================== */

/* One end of an edge as seen from the node whose list holds it. */
typedef struct adj_entry {
    uint32_t other; /* node index of the far end */
    uint32_t edge;  /* edge index */
} adj_entry;

struct kg_query {
    const kg_graph *g;
    size_t n_nodes, n_edges;
    const kg_node **nodes; /* by index: canonical (id) order */
    const kg_edge **edges; /* by index: canonical order */
    uint32_t *src, *dst;   /* node index of each edge's ends */
    uint16_t *rel;         /* each edge's index into kg_relation_all() */
    uint32_t *off;         /* node i's entries: adj[off[i] .. off[i + 1]) */
    adj_entry *adj;
    uint32_t *slots; /* open-addressing table: node id -> index */
    size_t n_slots;  /* a power of two */
    /* Rank of each relation when sorted by name: ties between parallel
     * edges are broken by relation name, as in the document's edge order. */
    uint16_t rel_rank[UINT8_MAX + 1];
    unsigned n_relations;
};

static size_t slot_of(const char *id, size_t n_slots)
{
    return (size_t)kg_hash64(id, strlen(id)) & (n_slots - 1);
}

static uint32_t find_index(const kg_query *q, const char *id)
{
    for (size_t s = slot_of(id, q->n_slots);; s = (s + 1) & (q->n_slots - 1)) {
        uint32_t i = q->slots[s];
        if (i == NO_INDEX || strcmp(q->nodes[i]->id, id) == 0)
            return i;
    }
}

/* qsort() passes no context, so each entry carries its own sort key. */
typedef struct sort_entry {
    uint32_t other;
    uint16_t rank;
    uint32_t edge;
} sort_entry;

static int cmp_sort_entry(const void *pa, const void *pb)
{
    const sort_entry *a = pa, *b = pb;
    if (a->other != b->other)
        return a->other < b->other ? -1 : 1;
    if (a->rank != b->rank)
        return a->rank < b->rank ? -1 : 1;
    return a->edge < b->edge ? -1 : a->edge > b->edge;
}

/* Ranks relations by name: the ontology's table is short, so counting
 * the names that sort before each one is simplest. */
static void rank_relations(kg_query *q)
{
    const kg_relation_info *all = kg_relation_all(&q->n_relations);
    if (q->n_relations > UINT8_MAX + 1)
        q->n_relations = UINT8_MAX + 1;
    for (unsigned i = 0; i < q->n_relations; i++) {
        unsigned r = 0;
        for (unsigned j = 0; j < q->n_relations; j++)
            r += strcmp(all[j].name, all[i].name) < 0;
        q->rel_rank[i] = (uint16_t)r;
    }
}

int kg_query_new(kg_query **out, const kg_graph *g)
{
    int rc = KG_ENOMEM;
    kg_query *q = NULL;
    sort_entry *tmp = NULL;
    size_t max_deg = 0;

    *out = NULL;
    const kg_relation_info *rels = kg_relation_all(&(unsigned){0});
    q = calloc(1, sizeof *q);
    if (!q)
        goto oom;
    q->g = g;
    q->n_nodes = kg_graph_node_count(g);
    q->n_edges = kg_graph_edge_count(g);
    if (q->n_nodes >= NO_INDEX || q->n_edges >= NO_INDEX / 2) {
        rc = kg_error_set(KG_ELIMIT, "graph too big to index: %zu nodes, %zu edges", q->n_nodes,
                          q->n_edges);
        goto done;
    }
    rank_relations(q);

    q->nodes = malloc((q->n_nodes + 1) * sizeof *q->nodes);
    q->edges = malloc((q->n_edges + 1) * sizeof *q->edges);
    q->src = malloc((q->n_edges + 1) * sizeof *q->src);
    q->dst = malloc((q->n_edges + 1) * sizeof *q->dst);
    q->rel = malloc((q->n_edges + 1) * sizeof *q->rel);
    q->off = calloc(q->n_nodes + 2, sizeof *q->off);
    for (q->n_slots = 16; q->n_slots < 2 * q->n_nodes;)
        q->n_slots *= 2;
    q->slots = malloc(q->n_slots * sizeof *q->slots);
    if (!q->nodes || !q->edges || !q->src || !q->dst || !q->rel || !q->off || !q->slots)
        goto oom;
    memset(q->slots, 0xff, q->n_slots * sizeof *q->slots);

    for (size_t i = 0; i < q->n_nodes; i++) {
        const kg_node *n = kg_graph_node(g, i);
        if (!n)
            goto oom;
        size_t s = slot_of(n->id, q->n_slots);
        q->nodes[i] = n;
        while (q->slots[s] != NO_INDEX)
            s = (s + 1) & (q->n_slots - 1);
        q->slots[s] = (uint32_t)i;
    }

    /* Count each node's entries (a self-loop is listed once), then place
     * them by prefix sums: the usual compressed sparse row layout. */
    for (size_t e = 0; e < q->n_edges; e++) {
        const kg_edge *ed = kg_graph_edge(g, e);
        if (!ed)
            goto oom;
        q->edges[e] = ed;
        q->src[e] = find_index(q, ed->source);
        q->dst[e] = find_index(q, ed->target);
        const kg_relation_info *r = kg_relation_find(ed->relation);
        if (r)
            q->rel[e] = (uint16_t)(r - rels);
        /* The reader validates both; a graph built by hand might not be. */
        if (!r || q->src[e] == NO_INDEX || q->dst[e] == NO_INDEX) {
            rc = kg_error_set(KG_EINVALID, "edge %s -%s-> %s: %s", ed->source, ed->relation,
                              ed->target, r ? "an end is not a node" : "unknown relation");
            goto done;
        }
        q->off[q->src[e] + 2]++;
        if (q->dst[e] != q->src[e])
            q->off[q->dst[e] + 2]++;
    }
    for (size_t i = 2; i < q->n_nodes + 2; i++) {
        size_t deg = q->off[i];
        if (deg > max_deg)
            max_deg = deg;
        q->off[i] += q->off[i - 1];
    }
    q->adj = malloc((q->off[q->n_nodes + 1] + 1) * sizeof *q->adj);
    tmp = malloc((max_deg + 1) * sizeof *tmp);
    if (!q->adj || !tmp)
        goto oom;
    /* off[i + 1] is the fill cursor of node i; afterwards it is its start. */
    for (size_t e = 0; e < q->n_edges; e++) {
        uint32_t s = q->src[e], d = q->dst[e];
        q->adj[q->off[s + 1]++] = (adj_entry){.other = d, .edge = (uint32_t)e};
        if (d != s)
            q->adj[q->off[d + 1]++] = (adj_entry){.other = s, .edge = (uint32_t)e};
    }
    for (size_t i = 0; i < q->n_nodes; i++) {
        adj_entry *a = q->adj + q->off[i];
        size_t deg = q->off[i + 1] - q->off[i];
        for (size_t k = 0; k < deg; k++)
            tmp[k] = (sort_entry){a[k].other, q->rel_rank[q->rel[a[k].edge]], a[k].edge};
        qsort(tmp, deg, sizeof *tmp, cmp_sort_entry);
        for (size_t k = 0; k < deg; k++)
            a[k] = (adj_entry){tmp[k].other, tmp[k].edge};
    }
    *out = q;
    q = NULL;
    rc = 0;
    goto done;
oom:
    rc = kg_error_set(KG_ENOMEM, "out of memory indexing the graph");
done:
    free(tmp);
    kg_query_free(q);
    return rc;
}

void kg_query_free(kg_query *q)
{
    if (!q)
        return;
    free(q->nodes);
    free(q->edges);
    free(q->src);
    free(q->dst);
    free(q->rel);
    free(q->off);
    free(q->adj);
    free(q->slots);
    free(q);
}

const kg_graph *kg_query_graph(const kg_query *q)
{
    return q->g;
}

/* ======================================================================
 * Neighbours and paths
 * ====================================================================== */

static const char *const direction_names[] = {"both", "out", "in"};

const char *kg_direction_name(kg_direction d)
{
    return (unsigned)d < 3 ? direction_names[d] : NULL;
}

int kg_direction_parse(kg_direction *out, const char *name)
{
    for (unsigned i = 0; i < 3; i++)
        if (strcmp(name, direction_names[i]) == 0) {
            *out = (kg_direction)i;
            return 0;
        }
    return kg_error_set(KG_EUSAGE, "unknown direction '%s' (both, out or in)", name);
}

/* How the entry of node `self` goes along its edge. */
static kg_direction entry_direction(const kg_query *q, uint32_t self, const adj_entry *a)
{
    const kg_edge *e = q->edges[a->edge];
    if (!e->directed)
        return KG_DIR_BOTH;
    return q->src[a->edge] == self ? KG_DIR_OUT : KG_DIR_IN;
}

static uint32_t node_index(const kg_query *q, const kg_node *n)
{
    return n ? find_index(q, n->id) : NO_INDEX;
}

/* A hop with its sort key (node, relation rank, from), kept beside it
 * because qsort() passes no context. */
typedef struct keyed_hop {
    kg_hop hop;
    uint32_t node, from;
    uint16_t rank;
} keyed_hop;

typedef struct hop_list {
    keyed_hop *v;
    size_t n, cap;
} hop_list;

static int hop_push(hop_list *l, const keyed_hop *h)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 64;
        keyed_hop *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return KG_ENOMEM;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = *h;
    return 0;
}

static int cmp_keyed_hop(const void *pa, const void *pb)
{
    const keyed_hop *a = pa, *b = pb;
    if (a->hop.depth != b->hop.depth)
        return a->hop.depth < b->hop.depth ? -1 : 1;
    if (a->node != b->node)
        return a->node < b->node ? -1 : 1;
    if (a->rank != b->rank)
        return a->rank < b->rank ? -1 : 1;
    if (a->from != b->from)
        return a->from < b->from ? -1 : 1;
    return (int)a->hop.direction - (int)b->hop.direction;
}

int kg_query_neighbors(kg_hop **out, size_t *n_out, const kg_query *q, const kg_node *start,
                       const kg_neighbors_opts *opts)
{
    int rc = 0;
    uint32_t *dist = NULL, *queue = NULL;
    kg_hop *result = NULL;
    hop_list hops = {0};
    int want_rel = -1;
    kg_direction want_dir = opts ? opts->direction : KG_DIR_BOTH;
    unsigned max_depth = opts ? opts->depth : 1;

    *out = NULL;
    *n_out = 0;
    if (max_depth > KG_QUERY_DEPTH_MAX)
        return kg_error_set(KG_EUSAGE, "depth %u is larger than %d", max_depth, KG_QUERY_DEPTH_MAX);
    if ((unsigned)want_dir > KG_DIR_IN)
        return kg_error_set(KG_EUSAGE, "unknown direction %d", (int)want_dir);
    if (opts && opts->relation) {
        const kg_relation_info *r = kg_relation_find(opts->relation);
        if (!r)
            return kg_error_set(KG_EUSAGE, "unknown relation '%s'", opts->relation);
        want_rel = (int)(r - kg_relation_all(&(unsigned){0}));
    }
    uint32_t s = node_index(q, start);
    if (s == NO_INDEX)
        return kg_error_set(KG_ENOTFOUND, "'%s' is not a node of this graph",
                            start ? start->id : "(null)");

    dist = malloc((q->n_nodes + 1) * sizeof *dist);
    queue = malloc((q->n_nodes + 1) * sizeof *queue);
    if (!dist || !queue)
        goto oom;
    memset(dist, 0xff, q->n_nodes * sizeof *dist);
    dist[s] = 0;
    queue[0] = s;
    size_t lo = 0, hi = 1;
    for (unsigned d = 1; d <= max_depth && lo < hi; d++) {
        size_t level_end = hi;
        for (; lo < level_end; lo++) {
            uint32_t u = queue[lo];
            for (uint32_t k = q->off[u]; k < q->off[u + 1]; k++) {
                const adj_entry *a = &q->adj[k];
                uint32_t v = a->other;
                if (want_rel >= 0 && q->rel[a->edge] != want_rel)
                    continue;
                kg_direction dir = entry_direction(q, u, a);
                if (want_dir != KG_DIR_BOTH && dir != KG_DIR_BOTH && dir != want_dir)
                    continue;
                if (dist[v] == NO_INDEX) {
                    dist[v] = d;
                    queue[hi++] = v;
                }
                if (dist[v] != d)
                    continue;
                keyed_hop h = {{q->nodes[u], q->nodes[v], q->edges[a->edge], dir, d},
                               v,
                               u,
                               q->rel_rank[q->rel[a->edge]]};
                if (hop_push(&hops, &h))
                    goto oom;
            }
        }
    }

    if (hops.n > 0) {
        qsort(hops.v, hops.n, sizeof *hops.v, cmp_keyed_hop);
        result = malloc(hops.n * sizeof *result);
        if (!result)
            goto oom;
        for (size_t i = 0; i < hops.n; i++)
            result[i] = hops.v[i].hop;
    }
    *out = result;
    *n_out = hops.n;
    goto done;
oom:
    rc = kg_error_set(KG_ENOMEM, "out of memory");
done:
    free(hops.v);
    free(dist);
    free(queue);
    return rc;
}

int kg_query_path(kg_hop **out, size_t *n_out, const kg_query *q, const kg_node *a,
                  const kg_node *b)
{
    int rc = 0;
    uint32_t *parent = NULL, *via = NULL, *queue = NULL;
    kg_hop *hops = NULL;

    *out = NULL;
    *n_out = 0;
    uint32_t ia = node_index(q, a), ib = node_index(q, b);
    if (ia == NO_INDEX || ib == NO_INDEX)
        return kg_error_set(KG_ENOTFOUND, "'%s' is not a node of this graph",
                            ia == NO_INDEX ? (a ? a->id : "(null)") : (b ? b->id : "(null)"));
    if (ia == ib)
        return 0;

    parent = malloc((q->n_nodes + 1) * sizeof *parent);
    via = malloc((q->n_nodes + 1) * sizeof *via);
    queue = malloc((q->n_nodes + 1) * sizeof *queue);
    if (!parent || !via || !queue)
        goto oom;
    memset(parent, 0xff, q->n_nodes * sizeof *parent);
    parent[ia] = ia;
    queue[0] = ia;
    /* Adjacency lists are sorted by the other end's id, so the first time
     * a node is reached is along the chain that is smallest in id order. */
    for (size_t lo = 0, hi = 1; lo < hi && parent[ib] == NO_INDEX; lo++) {
        uint32_t u = queue[lo];
        for (uint32_t k = q->off[u]; k < q->off[u + 1]; k++) {
            uint32_t v = q->adj[k].other;
            if (parent[v] != NO_INDEX)
                continue;
            parent[v] = u;
            via[v] = k;
            queue[hi++] = v;
            if (v == ib)
                break;
        }
    }
    if (parent[ib] == NO_INDEX) {
        rc = kg_error_set(KG_ENOTFOUND, "no path between %s (%s) and %s (%s)", a->label, a->id,
                          b->label, b->id);
        goto done;
    }
    size_t len = 0;
    for (uint32_t v = ib; v != ia; v = parent[v])
        len++;
    hops = malloc(len * sizeof *hops);
    if (!hops)
        goto oom;
    size_t i = len;
    for (uint32_t v = ib; v != ia; v = parent[v]) {
        uint32_t u = parent[v];
        const adj_entry *e = &q->adj[via[v]];
        --i; /* apart: `hops[--i] = {... i + 1}` reads i unsequenced (undefined) */
        hops[i] = (kg_hop){q->nodes[u], q->nodes[v], q->edges[e->edge], entry_direction(q, u, e),
                           (unsigned)(i + 1)};
    }
    *out = hops;
    *n_out = len;
    goto done;
oom:
    rc = kg_error_set(KG_ENOMEM, "out of memory");
done:
    free(parent);
    free(via);
    free(queue);
    return rc;
}

/* ======================================================================
 * Stats
 * ====================================================================== */

static int cmp_entity(const void *pa, const void *pb)
{
    const kg_stats_entity *a = pa, *b = pb;
    if (a->degree != b->degree)
        return a->degree > b->degree ? -1 : 1;
    if (a->weight != b->weight)
        return a->weight > b->weight ? -1 : 1;
    return strcmp(a->node->id, b->node->id);
}

int kg_query_stats(kg_stats **out, const kg_query *q, size_t top)
{
    int rc = 0;
    kg_stats *s = NULL;
    kg_stats_entity *all = NULL;

    *out = NULL;
    s = calloc(1, sizeof *s);
    if (!s)
        goto oom;
    s->articles = kg_graph_article_count(q->g);
    s->nodes = q->n_nodes;
    s->edges = q->n_edges;
    s->n_relations = q->n_relations;
    s->by_relation = calloc(s->n_relations + 1, sizeof *s->by_relation);
    if (!s->by_relation)
        goto oom;
    const kg_relation_info *rels = kg_relation_all(&(unsigned){0});
    for (size_t i = 0; i < q->n_nodes; i++)
        if ((unsigned)q->nodes[i]->type < KG_TYPE__COUNT)
            s->by_type[q->nodes[i]->type]++;
    for (size_t e = 0; e < q->n_edges; e++) {
        s->by_relation[q->rel[e]]++;
        if ((unsigned)rels[q->rel[e]].family < KG_FAMILY__COUNT)
            s->by_family[rels[q->rel[e]].family]++;
    }

    if (top > q->n_nodes)
        top = q->n_nodes;
    if (top > 0) {
        all = malloc(q->n_nodes * sizeof *all);
        if (!all)
            goto oom;
        for (size_t i = 0; i < q->n_nodes; i++) {
            unsigned long w = 0;
            for (uint32_t k = q->off[i]; k < q->off[i + 1]; k++)
                w += q->edges[q->adj[k].edge]->weight;
            all[i] = (kg_stats_entity){q->nodes[i], q->off[i + 1] - q->off[i], w};
        }
        qsort(all, q->n_nodes, sizeof *all, cmp_entity);
        s->top = realloc(all, top * sizeof *all);
        if (!s->top)
            goto oom;
        all = NULL;
        s->n_top = top;
    }
    *out = s;
    s = NULL;
    goto done;
oom:
    rc = kg_error_set(KG_ENOMEM, "out of memory");
done:
    free(all);
    kg_stats_free(s);
    return rc;
}

void kg_stats_free(kg_stats *s)
{
    if (!s)
        return;
    free(s->by_relation);
    free(s->top);
    free(s);
}

/* ======================================================================
 * JSON answers
 * ====================================================================== */

static cJSON *node_json(const kg_node *n)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    if (!cJSON_AddStringToObject(o, "id", n->id) ||
        !cJSON_AddStringToObject(o, "label", n->label) ||
        !cJSON_AddStringToObject(o, "type", kg_type_name(n->type) ? kg_type_name(n->type) : "")) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* Adds node n as o[key]; 0 or -1 on OOM. */
static int add_node(cJSON *o, const char *key, const kg_node *n)
{
    cJSON *j = node_json(n);
    if (!j)
        return -1;
    if (!cJSON_AddItemToObject(o, key, j)) {
        cJSON_Delete(j);
        return -1;
    }
    return 0;
}

/* Adds the fields a hop shares in both answers; 0 or -1 on OOM. */
static int add_hop_fields(cJSON *o, const kg_hop *h)
{
    const kg_edge *e = h->edge;
    if (!cJSON_AddStringToObject(o, "direction", kg_direction_name(h->direction)) ||
        !cJSON_AddStringToObject(o, "relation", e->relation) ||
        !cJSON_AddStringToObject(o, "source", e->source) ||
        !cJSON_AddStringToObject(o, "target", e->target) ||
        !cJSON_AddNumberToObject(o, "weight", (double)e->weight))
        return -1;
    return 0;
}

static int add_evidence(cJSON *o, const kg_edge *e)
{
    if (e->n_evidence == 0)
        return cJSON_AddNullToObject(o, "evidence") ? 0 : -1;
    const kg_evidence *v = &e->evidence[0];
    cJSON *ev = cJSON_AddObjectToObject(o, "evidence");
    if (!ev || !cJSON_AddStringToObject(ev, "article", v->article ? v->article : "") ||
        !cJSON_AddNumberToObject(ev, "start", (double)v->start) ||
        !cJSON_AddNumberToObject(ev, "end", (double)v->end) ||
        !cJSON_AddStringToObject(ev, "text", v->text ? v->text : ""))
        return -1;
    return 0;
}

/* Prints and frees root into *out with a final newline. */
static int finish_json(char **out, cJSON *root)
{
    char *s = root ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (!s)
        return kg_error_set(KG_ENOMEM, "out of memory");
    size_t n = strlen(s);
    char *r = realloc(s, n + 2);
    if (!r) {
        free(s);
        return kg_error_set(KG_ENOMEM, "out of memory");
    }
    r[n] = '\n';
    r[n + 1] = '\0';
    *out = r;
    return 0;
}

int kg_query_neighbors_json(char **out, const kg_node *start, const kg_neighbors_opts *opts,
                            const kg_hop *hops, size_t n)
{
    cJSON *root = cJSON_CreateObject(), *arr;
    *out = NULL;
    if (!root || add_node(root, "node", start) ||
        !cJSON_AddNumberToObject(root, "depth", opts ? opts->depth : 1))
        goto oom;
    if (opts && opts->relation ? !cJSON_AddStringToObject(root, "relation", opts->relation)
                               : !cJSON_AddNullToObject(root, "relation"))
        goto oom;
    if (!cJSON_AddStringToObject(root, "direction",
                                 kg_direction_name(opts ? opts->direction : KG_DIR_BOTH)) ||
        !(arr = cJSON_AddArrayToObject(root, "neighbors")))
        goto oom;
    for (size_t i = 0; i < n; i++) {
        cJSON *o = cJSON_CreateObject();
        if (!o || !cJSON_AddItemToArray(arr, o)) {
            cJSON_Delete(o);
            goto oom;
        }
        if (!cJSON_AddNumberToObject(o, "depth", hops[i].depth) ||
            !cJSON_AddStringToObject(o, "from", hops[i].from->id) || add_hop_fields(o, &hops[i]) ||
            add_node(o, "node", hops[i].node) || add_evidence(o, hops[i].edge))
            goto oom;
    }
    return finish_json(out, root);
oom:
    cJSON_Delete(root);
    return kg_error_set(KG_ENOMEM, "out of memory");
}

int kg_query_path_json(char **out, const kg_node *a, const kg_node *b, const kg_hop *hops, size_t n)
{
    cJSON *root = cJSON_CreateObject(), *arr;
    *out = NULL;
    if (!root || add_node(root, "from", a) || add_node(root, "to", b) ||
        !cJSON_AddNumberToObject(root, "length", (double)n) ||
        !(arr = cJSON_AddArrayToObject(root, "hops")))
        goto oom;
    for (size_t i = 0; i < n; i++) {
        cJSON *o = cJSON_CreateObject();
        if (!o || !cJSON_AddItemToArray(arr, o)) {
            cJSON_Delete(o);
            goto oom;
        }
        if (!cJSON_AddStringToObject(o, "from", hops[i].from->id) ||
            !cJSON_AddStringToObject(o, "to", hops[i].node->id) || add_hop_fields(o, &hops[i]) ||
            add_evidence(o, hops[i].edge))
            goto oom;
    }
    return finish_json(out, root);
oom:
    cJSON_Delete(root);
    return kg_error_set(KG_ENOMEM, "out of memory");
}

int kg_query_stats_json(char **out, const kg_stats *s)
{
    cJSON *root = cJSON_CreateObject(), *nodes, *edges, *o, *arr;
    unsigned n_rel = 0;
    const kg_relation_info *rels = kg_relation_all(&n_rel);
    *out = NULL;
    if (!root || !cJSON_AddNumberToObject(root, "articles", (double)s->articles) ||
        !(nodes = cJSON_AddObjectToObject(root, "nodes")) ||
        !cJSON_AddNumberToObject(nodes, "total", (double)s->nodes) ||
        !(o = cJSON_AddObjectToObject(nodes, "by_type")))
        goto oom;
    for (unsigned t = 0; t < KG_TYPE__COUNT; t++)
        if (!cJSON_AddNumberToObject(o, kg_type_name((kg_type)t), (double)s->by_type[t]))
            goto oom;
    if (!(edges = cJSON_AddObjectToObject(root, "edges")) ||
        !cJSON_AddNumberToObject(edges, "total", (double)s->edges) ||
        !(o = cJSON_AddObjectToObject(edges, "by_family")))
        goto oom;
    for (unsigned f = 0; f < KG_FAMILY__COUNT; f++)
        if (!cJSON_AddNumberToObject(o, kg_family_name((kg_family)f), (double)s->by_family[f]))
            goto oom;
    if (!(o = cJSON_AddObjectToObject(edges, "by_relation")))
        goto oom;
    for (unsigned r = 0; r < n_rel && r < s->n_relations; r++)
        if (!cJSON_AddNumberToObject(o, rels[r].name, (double)s->by_relation[r]))
            goto oom;
    if (!(arr = cJSON_AddArrayToObject(root, "top")))
        goto oom;
    for (size_t i = 0; i < s->n_top; i++) {
        cJSON *e = node_json(s->top[i].node);
        if (!e || !cJSON_AddItemToArray(arr, e)) {
            cJSON_Delete(e);
            goto oom;
        }
        if (!cJSON_AddNumberToObject(e, "degree", (double)s->top[i].degree) ||
            !cJSON_AddNumberToObject(e, "weight", (double)s->top[i].weight))
            goto oom;
    }
    return finish_json(out, root);
oom:
    cJSON_Delete(root);
    return kg_error_set(KG_ENOMEM, "out of memory");
}

/* ======================================================================
 * Text answers
 * ====================================================================== */

/* A growing string; after an allocation failure it stays failed and
 * appends do nothing, so callers check once at the end. */
typedef struct sbuf {
    char *s;
    size_t n, cap;
    int failed;
} sbuf;

static void sb_grow(sbuf *b, size_t need)
{
    if (b->failed || b->n + need + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->n + need + 1)
        cap *= 2;
    char *s = realloc(b->s, cap);
    if (!s) {
        b->failed = 1;
        return;
    }
    b->s = s;
    b->cap = cap;
}

static void sb_add(sbuf *b, const char *s, size_t len)
{
    sb_grow(b, len);
    if (b->failed)
        return;
    memcpy(b->s + b->n, s, len);
    b->n += len;
    b->s[b->n] = '\0';
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void
sb_printf(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0) {
        b->failed = 1;
        return;
    }
    sb_grow(b, (size_t)len);
    if (b->failed)
        return;
    va_start(ap, fmt);
    vsnprintf(b->s + b->n, (size_t)len + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)len;
}

static int sb_finish(char **out, sbuf *b)
{
    if (!b->failed && !b->s)
        sb_add(b, "", 0);
    if (b->failed) {
        free(b->s);
        *out = NULL;
        return kg_error_set(KG_ENOMEM, "out of memory");
    }
    *out = b->s;
    return 0;
}

/* Appends the evidence line of an edge: the first evidence sentence, cut
 * to TEXT_EVIDENCE_MAX bytes at a character boundary, with control
 * characters (line breaks inside the sentence) shown as spaces. */
static void sb_evidence(sbuf *b, const char *indent, const kg_edge *e)
{
    if (e->n_evidence == 0 || !e->evidence[0].text) {
        sb_printf(b, "%s(no evidence)\n", indent);
        return;
    }
    const kg_evidence *v = &e->evidence[0];
    size_t len = strlen(v->text), cut = len;
    if (len > TEXT_EVIDENCE_MAX) {
        cut = TEXT_EVIDENCE_MAX;
        while (cut > 0 && ((unsigned char)v->text[cut] & 0xC0) == 0x80)
            cut--;
    }
    sb_printf(b, "%s\"", indent);
    for (size_t i = 0; i < cut; i++) {
        unsigned char c = (unsigned char)v->text[i];
        char ch = c < 0x20 || c == 0x7f ? ' ' : (char)c;
        sb_add(b, &ch, 1);
    }
    sb_printf(b, "%s\" (article %s)\n", cut < len ? "..." : "", v->article ? v->article : "?");
}

static const char *arrow(kg_direction d)
{
    return d == KG_DIR_OUT ? "->" : d == KG_DIR_IN ? "<-" : "<->";
}

static const char *type_name(const kg_node *n)
{
    const char *t = kg_type_name(n->type);
    return t ? t : "?";
}

static int digits(unsigned long v)
{
    int d = 1;
    while (v >= 10) {
        v /= 10;
        d++;
    }
    return d;
}

static int max_int(int a, int b)
{
    return a > b ? a : b;
}

int kg_query_neighbors_text(char **out, const kg_node *start, const kg_neighbors_opts *opts,
                            const kg_hop *hops, size_t n)
{
    sbuf b = {0};
    unsigned depth = opts ? opts->depth : 1;
    int w_depth = 5, w_from = 4, w_rel = 8, w_weight = 6, w_type = 4;
    size_t distinct = 0;

    for (size_t i = 0; i < n; i++) {
        /* Hops are sorted by (depth, node), so a new node starts a run. */
        if (i == 0 || hops[i].node != hops[i - 1].node || hops[i].depth != hops[i - 1].depth)
            distinct++;
        w_depth = max_int(w_depth, digits(hops[i].depth));
        w_from = max_int(w_from, (int)strlen(hops[i].from->id));
        w_rel = max_int(w_rel, (int)strlen(hops[i].edge->relation));
        w_weight = max_int(w_weight, digits(hops[i].edge->weight));
        w_type = max_int(w_type, (int)strlen(type_name(hops[i].node)));
    }
    sb_printf(&b, "Neighbors of %s (%s, %s) within depth %u", start->label, start->id,
              type_name(start), depth);
    if (opts && opts->relation)
        sb_printf(&b, ", relation %s", opts->relation);
    if (opts && opts->direction != KG_DIR_BOTH)
        sb_printf(&b, ", direction %s", kg_direction_name(opts->direction));
    if (n == 0) {
        sb_printf(&b, ": none\n");
        return sb_finish(out, &b);
    }
    sb_printf(&b, ": %zu %s, %zu %s\n\n", distinct, distinct == 1 ? "entity" : "entities", n,
              n == 1 ? "link" : "links");
    /* The FROM column only says something once hops start further out. */
    int show_from = depth > 1;
    sb_printf(&b, "%-*s  ", w_depth, "DEPTH");
    if (show_from)
        sb_printf(&b, "%-*s  ", w_from, "FROM");
    sb_printf(&b, "%-3s  %-*s  %*s  %-*s  %s\n", "DIR", w_rel, "RELATION", w_weight, "WEIGHT",
              w_type, "TYPE", "NEIGHBOR");
    for (size_t i = 0; i < n; i++) {
        const kg_hop *h = &hops[i];
        sb_printf(&b, "%-*u  ", w_depth, h->depth);
        if (show_from)
            sb_printf(&b, "%-*s  ", w_from, h->from->id);
        sb_printf(&b, "%-3s  %-*s  %*lu  %-*s  %s (%s)\n", arrow(h->direction), w_rel,
                  h->edge->relation, w_weight, h->edge->weight, w_type, type_name(h->node),
                  h->node->label, h->node->id);
        sb_evidence(&b, "    ", h->edge);
    }
    return sb_finish(out, &b);
}

int kg_query_path_text(char **out, const kg_node *a, const kg_node *b_node, const kg_hop *hops,
                       size_t n)
{
    sbuf b = {0};
    int w = digits(n);
    sb_printf(&b, "Path from %s (%s) to %s (%s): %zu %s", a->label, a->id, b_node->label,
              b_node->id, n, n == 1 ? "hop" : "hops");
    if (n == 0) {
        sb_printf(&b, " (the same entity)\n");
        return sb_finish(out, &b);
    }
    sb_printf(&b, "\n\n");
    for (size_t i = 0; i < n; i++) {
        const kg_hop *h = &hops[i];
        const char *l = h->direction == KG_DIR_IN ? "<-" : "-";
        const char *r = h->direction == KG_DIR_OUT ? "->" : "-";
        sb_printf(&b, "%*zu. %s (%s) %s[%s]%s %s (%s), weight %lu\n", w, i + 1, h->from->label,
                  h->from->id, l, h->edge->relation, r, h->node->label, h->node->id,
                  h->edge->weight);
        sb_printf(&b, "%*s", w + 2, "");
        sb_evidence(&b, "", h->edge);
    }
    return sb_finish(out, &b);
}

int kg_query_stats_text(char **out, const kg_stats *s)
{
    sbuf b = {0};
    unsigned n_rel = 0;
    const kg_relation_info *rels = kg_relation_all(&n_rel);
    int w_name = (int)strlen("Articles"), w_num = 1;

    if (n_rel > s->n_relations)
        n_rel = (unsigned)s->n_relations;
    w_num = max_int(w_num, digits(s->articles));
    w_num = max_int(w_num, digits(s->nodes));
    w_num = max_int(w_num, digits(s->edges));
    for (unsigned t = 0; t < KG_TYPE__COUNT; t++)
        w_name = max_int(w_name, 2 + (int)strlen(kg_type_name((kg_type)t)));
    for (unsigned f = 0; f < KG_FAMILY__COUNT; f++)
        w_name = max_int(w_name, 2 + (int)strlen(kg_family_name((kg_family)f)));
    for (unsigned r = 0; r < n_rel; r++)
        w_name = max_int(w_name, 4 + (int)strlen(rels[r].name));

    sb_printf(&b, "%-*s  %*zu\n", w_name, "Articles", w_num, s->articles);
    sb_printf(&b, "%-*s  %*zu\n", w_name, "Nodes", w_num, s->nodes);
    for (unsigned t = 0; t < KG_TYPE__COUNT; t++)
        sb_printf(&b, "  %-*s  %*zu\n", w_name - 2, kg_type_name((kg_type)t), w_num, s->by_type[t]);
    sb_printf(&b, "%-*s  %*zu\n", w_name, "Edges", w_num, s->edges);
    for (unsigned f = 0; f < KG_FAMILY__COUNT; f++) {
        sb_printf(&b, "  %-*s  %*zu\n", w_name - 2, kg_family_name((kg_family)f), w_num,
                  s->by_family[f]);
        for (unsigned r = 0; r < n_rel; r++)
            if (rels[r].family == (kg_family)f)
                sb_printf(&b, "    %-*s  %*zu\n", w_name - 4, rels[r].name, w_num,
                          s->by_relation[r]);
    }
    if (s->n_top > 0) {
        int w_rank = max_int(4, digits(s->n_top)), w_deg = 6, w_wt = 6, w_type = 4;
        for (size_t i = 0; i < s->n_top; i++) {
            w_deg = max_int(w_deg, digits(s->top[i].degree));
            w_wt = max_int(w_wt, digits(s->top[i].weight));
            w_type = max_int(w_type, (int)strlen(type_name(s->top[i].node)));
        }
        sb_printf(&b, "\nMost connected (top %zu):\n", s->n_top);
        sb_printf(&b, "%*s  %*s  %*s  %-*s  %s\n", w_rank, "RANK", w_deg, "DEGREE", w_wt, "WEIGHT",
                  w_type, "TYPE", "ENTITY");
        for (size_t i = 0; i < s->n_top; i++) {
            const kg_stats_entity *e = &s->top[i];
            sb_printf(&b, "%*zu  %*zu  %*lu  %-*s  %s (%s)\n", w_rank, i + 1, w_deg, e->degree,
                      w_wt, e->weight, w_type, type_name(e->node), e->node->label, e->node->id);
        }
    }
    return sb_finish(out, &b);
}
