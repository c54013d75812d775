/*
 * graph.c - the knowledge graph in memory and the merge primitives.
 *
 * Everything enters a graph through a merge (kg/graph.h lists the rules), so
 * this file is where associativity, commutativity and idempotence are won or
 * lost: every rule here is a lattice join (max of counts, set union, a total
 * order for labels and evidence), which is what makes any order or grouping
 * of the same inputs give the same graph.
 *
 * Layout: uthash tables of articles; nodes and edges in lists with an
 * open-addressing index (see "item lists" below). Article ids, weapon ids
 * and other repeated strings are interned once per graph, so that per-article
 * count maps compare and hash pointers instead of strings and do not copy an
 * id for every node that mentions the article. A count map is an unsorted
 * array plus an open-addressing index; it is sorted lazily, when a getter
 * needs canonical order, because hub nodes (country:USA) collect one entry
 * per article and sorted insertion would be quadratic.
 */
#include "kg/graph.h"
#include "kg/error.h"
#include "graph_int.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* uthash reports allocation failure through this hook instead of exit(). */
static _Thread_local int hash_oom;
#define uthash_nonfatal_oom(obj) (hash_oom = 1)
#include <uthash.h>

/* A count map stays a plain array (linear search) up to this many entries:
 * most nodes and edges are seen in one or two articles. */
#define COUNTS_LINEAR_MAX 8

/* ---- interned strings --------------------------------------------------- */

/* Open-addressing set of malloc'd strings, owned by the graph. */
typedef struct strpool {
    char **slots;
    size_t cap; /* power of two, or 0 */
    size_t n;
} strpool;

static uint64_t str_hash(const char *s)
{
    /* FNV-1a; ids are short. */
    uint64_t h = 0xcbf29ce484222325ULL;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        h ^= *p;
        h *= 0x100000001b3ULL;
    }
    return h;
}

static int pool_grow(strpool *p)
{
    size_t cap = p->cap ? p->cap * 2 : 256;
    char **slots = calloc(cap, sizeof *slots);
    if (!slots)
        return kg_error_set(KG_ENOMEM, "out of memory");
    for (size_t i = 0; i < p->cap; i++) {
        char *s = p->slots[i];
        if (!s)
            continue;
        size_t j = (size_t)str_hash(s) & (cap - 1);
        while (slots[j])
            j = (j + 1) & (cap - 1);
        slots[j] = s;
    }
    free(p->slots);
    p->slots = slots;
    p->cap = cap;
    return 0;
}

/* The pool's copy of s (added if missing), or NULL on allocation failure. */
static char *intern(strpool *p, const char *s)
{
    if (p->cap == 0 || (p->n + 1) * 4 > p->cap * 3)
        if (pool_grow(p) != 0)
            return NULL;
    size_t j = (size_t)str_hash(s) & (p->cap - 1);
    while (p->slots[j]) {
        if (strcmp(p->slots[j], s) == 0)
            return p->slots[j];
        j = (j + 1) & (p->cap - 1);
    }
    char *d = kg_strdup(s);
    if (!d) {
        kg_error_set(KG_ENOMEM, "out of memory");
        return NULL;
    }
    p->slots[j] = d;
    p->n++;
    return d;
}

static void pool_free(strpool *p)
{
    for (size_t i = 0; i < p->cap; i++)
        free(p->slots[i]);
    free(p->slots);
    memset(p, 0, sizeof *p);
}

/* ---- per-article count maps --------------------------------------------- */

/* Keys are interned article ids, so identity is pointer identity. */
typedef struct counts {
    kg_count *a;
    size_t n, cap;
    uint32_t *idx; /* position + 1, 0 = empty; NULL while n is small */
    size_t icap;
    int sorted;
} counts;

static size_t ptr_hash(const void *p)
{
    uint64_t x = (uint64_t)(uintptr_t)p;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return (size_t)x;
}

static void idx_put(counts *c, size_t pos)
{
    size_t j = ptr_hash(c->a[pos].article) & (c->icap - 1);
    while (c->idx[j])
        j = (j + 1) & (c->icap - 1);
    c->idx[j] = (uint32_t)(pos + 1);
}

static int idx_rebuild(counts *c, size_t icap)
{
    uint32_t *idx = calloc(icap, sizeof *idx);
    if (!idx)
        return kg_error_set(KG_ENOMEM, "out of memory");
    free(c->idx);
    c->idx = idx;
    c->icap = icap;
    for (size_t i = 0; i < c->n; i++)
        idx_put(c, i);
    return 0;
}

static kg_count *counts_find(const counts *c, const char *art)
{
    if (!c->idx) {
        for (size_t i = 0; i < c->n; i++)
            if (c->a[i].article == art)
                return &c->a[i];
        return NULL;
    }
    size_t j = ptr_hash(art) & (c->icap - 1);
    while (c->idx[j]) {
        kg_count *k = &c->a[c->idx[j] - 1];
        if (k->article == art)
            return k;
        j = (j + 1) & (c->icap - 1);
    }
    return NULL;
}

/* Merges (art, count): the larger count wins. Adds the change of the sum to
 * *weight. */
static int counts_put(counts *c, char *art, unsigned long count, unsigned long *weight)
{
    kg_count *k = counts_find(c, art);
    if (k) {
        if (count > k->count) {
            *weight += count - k->count;
            k->count = count;
        }
        return 0;
    }
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 2;
        kg_count *a = realloc(c->a, cap * sizeof *a);
        if (!a)
            return kg_error_set(KG_ENOMEM, "out of memory");
        c->a = a;
        c->cap = cap;
    }
    /* Appending in ascending order (the common case when reading canonical
     * documents) keeps the array sorted for free. */
    if (c->n == 0)
        c->sorted = 1;
    else if (c->sorted && strcmp(c->a[c->n - 1].article, art) >= 0)
        c->sorted = 0;
    c->a[c->n].article = art;
    c->a[c->n].count = count;
    c->n++;
    *weight += count;
    if (c->n > COUNTS_LINEAR_MAX) {
        if (!c->idx || c->n * 2 > c->icap) {
            size_t icap = c->icap ? c->icap : 32;
            while (c->n * 2 > icap)
                icap *= 2;
            if (idx_rebuild(c, icap) != 0) {
                c->n--;
                *weight -= count;
                return KG_ENOMEM;
            }
        } else {
            idx_put(c, c->n - 1);
        }
    }
    return 0;
}

static int count_cmp(const void *a, const void *b)
{
    const kg_count *x = a, *y = b;
    return x->article == y->article ? 0 : strcmp(x->article, y->article);
}

static void counts_sort(counts *c)
{
    if (c->sorted || c->n < 2) {
        c->sorted = 1;
        return;
    }
    qsort(c->a, c->n, sizeof *c->a, count_cmp);
    if (c->idx) {
        memset(c->idx, 0, c->icap * sizeof *c->idx);
        for (size_t i = 0; i < c->n; i++)
            idx_put(c, i);
    }
    c->sorted = 1;
}

static void counts_free(counts *c)
{
    free(c->a);
    free(c->idx);
    memset(c, 0, sizeof *c);
}

/* ---- sorted string sets (aliases, roles, weapons) ----------------------- */

/* Binary search: index of s, or -(insertion point) - 1. */
static long strset_find(char *const *a, size_t n, const char *s)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(a[mid], s);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -(long)lo - 1;
}

/* Inserts s (copied, or interned when pool is given) unless present. */
static int strset_add(char ***a, size_t *n, size_t *cap, const char *s, strpool *pool)
{
    long at = strset_find(*a, *n, s);
    if (at >= 0)
        return 0;
    size_t pos = (size_t)(-at - 1);
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 2;
        char **na = realloc(*a, nc * sizeof *na);
        if (!na)
            return kg_error_set(KG_ENOMEM, "out of memory");
        *a = na;
        *cap = nc;
    }
    char *d = pool ? intern(pool, s) : kg_strdup(s);
    if (!d)
        return kg_error_set(KG_ENOMEM, "out of memory");
    memmove(*a + pos + 1, *a + pos, (*n - pos) * sizeof **a);
    (*a)[pos] = d;
    (*n)++;
    return 0;
}

/* Removes s (freeing the copy) if present. */
static void strset_remove(char **a, size_t *n, const char *s)
{
    long at = strset_find(a, *n, s);
    if (at < 0)
        return;
    free(a[at]);
    memmove(a + at, a + at + 1, (*n - (size_t)at - 1) * sizeof *a);
    (*n)--;
}

static void strset_free(char **a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(a[i]);
    free(a);
}

/* ---- item lists with a hash index --------------------------------------- */

/* Nodes and edges live in a list (which getters sort in place into canonical
 * order) plus an open-addressing index of the same pointers. The index keeps
 * each key's hash beside the pointer, so a probe touches the item only when
 * the hashes agree: with hundreds of thousands of edges, chained tables spend
 * their time in cache misses. */
typedef struct slot {
    uint64_t hash;
    void *item; /* NULL: empty */
} slot;

typedef struct itemset {
    void **list;
    size_t n, cap;
    slot *idx;
    size_t icap; /* power of two, at least 2n */
} itemset;

/* Makes room for one more item. */
static int items_reserve(itemset *s, uint64_t (*hash_of)(const void *))
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        void **l = realloc(s->list, cap * sizeof *l);
        if (!l)
            return kg_error_set(KG_ENOMEM, "out of memory");
        s->list = l;
        s->cap = cap;
    }
    if ((s->n + 1) * 2 > s->icap) {
        size_t icap = s->icap ? s->icap * 2 : 128;
        slot *idx = calloc(icap, sizeof *idx);
        if (!idx)
            return kg_error_set(KG_ENOMEM, "out of memory");
        for (size_t i = 0; i < s->n; i++) {
            uint64_t h = hash_of(s->list[i]);
            size_t j = (size_t)h & (icap - 1);
            while (idx[j].item)
                j = (j + 1) & (icap - 1);
            idx[j].hash = h;
            idx[j].item = s->list[i];
        }
        free(s->idx);
        s->idx = idx;
        s->icap = icap;
    }
    return 0;
}

/* Adds an item known to be absent; items_reserve() must have succeeded. */
static void items_add(itemset *s, uint64_t h, void *item)
{
    size_t j = (size_t)h & (s->icap - 1);
    while (s->idx[j].item)
        j = (j + 1) & (s->icap - 1);
    s->idx[j].hash = h;
    s->idx[j].item = item;
    s->list[s->n++] = item;
}

static void items_free(itemset *s)
{
    free(s->list);
    free(s->idx);
    memset(s, 0, sizeof *s);
}

static uint64_t mix(uint64_t h, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        h ^= *p;
        h *= 0x100000001b3ULL;
    }
    return h;
}

static uint64_t node_key_hash(const char *id)
{
    return mix(0xcbf29ce484222325ULL, id);
}

static uint64_t edge_key_hash(const char *s, const char *r, const char *t)
{
    /* The separators keep ("a", "bc") and ("ab", "c") apart. */
    return mix(mix(mix(0xcbf29ce484222325ULL, s) * 31 + 1, r) * 31 + 2, t);
}

/* ---- the graph ---------------------------------------------------------- */

typedef struct art_ent {
    kg_article_meta pub; /* pub.id is interned; the other fields owned */
    UT_hash_handle hh;
} art_ent;

/* How many articles carry a text hash (kg_graph_has_hash). */
typedef struct hash_ent {
    char *hash; /* interned */
    unsigned long refs;
    UT_hash_handle hh;
} hash_ent;

typedef struct node_ent {
    kg_node pub; /* id, label, aliases, roles owned */
    counts arts;
    size_t cap_aliases, cap_roles;
} node_ent;

typedef struct edge_ent {
    kg_edge pub; /* source/target borrowed from the nodes; relation static;
                    weapons interned; evidence text owned, article interned */
    counts arts;
    size_t cap_weapons, cap_evidence;
} edge_ent;

static uint64_t node_hash_of(const void *item)
{
    return node_key_hash(((const node_ent *)item)->pub.id);
}

static uint64_t edge_hash_of(const void *item)
{
    const kg_edge *e = &((const edge_ent *)item)->pub;
    return edge_key_hash(e->source, e->relation, e->target);
}

struct kg_graph {
    strpool pool;
    art_ent *arts;
    hash_ent *hashes;
    itemset nodes; /* of node_ent */
    itemset edges; /* of edge_ent */
    size_t ev_limit;
    /* Canonical views for the index getters, rebuilt when stale. The graph
     * is logically const in the getters: the views are a cache. */
    int stale; /* a view or some item's count order needs work */
    int art_view_stale, node_view_stale, edge_view_stale;
    art_ent **art_view; /* nodes and edges sort their own lists */
    kg_frozen *fz;      /* a read-only snapshot (graph_int.h), or NULL */
};

/* What a modifying call on a snapshot-backed graph answers. */
static int frozen_error(void)
{
    return kg_error_set(KG_EINVALID, "graph loaded from a snapshot is read-only");
}

int kg_graph_wrap_frozen(kg_graph **out, kg_frozen *fz)
{
    *out = NULL;
    kg_graph *g = calloc(1, sizeof *g);
    if (!g) {
        kg_frozen_release(fz);
        return kg_error_set(KG_ENOMEM, "out of memory");
    }
    g->fz = fz;
    g->ev_limit = fz->ev_limit;
    *out = g;
    return 0;
}

int kg_graph_new(kg_graph **out)
{
    *out = NULL;
    kg_graph *g = calloc(1, sizeof *g);
    if (!g)
        return kg_error_set(KG_ENOMEM, "out of memory");
    g->ev_limit = KG_EVIDENCE_DEFAULT;
    *out = g;
    return 0;
}

static void evidence_clear(kg_evidence *ev)
{
    free(ev->text);
    ev->text = NULL;
}

void kg_graph_free(kg_graph *g)
{
    if (!g)
        return;
    if (g->fz) {
        kg_frozen_release(g->fz);
        free(g);
        return;
    }
    art_ent *a, *ta;
    HASH_ITER(hh, g->arts, a, ta)
    {
        HASH_DEL(g->arts, a);
        free(a->pub.title);
        free(a->pub.date);
        free(a->pub.source);
        free(a);
    }
    hash_ent *h, *th;
    HASH_ITER(hh, g->hashes, h, th)
    {
        HASH_DEL(g->hashes, h);
        free(h);
    }
    for (size_t k = 0; k < g->edges.n; k++) {
        edge_ent *e = g->edges.list[k];
        free(e->pub.weapons);
        for (size_t i = 0; i < e->pub.n_evidence; i++)
            evidence_clear(&e->pub.evidence[i]);
        free(e->pub.evidence);
        counts_free(&e->arts);
        free(e);
    }
    for (size_t k = 0; k < g->nodes.n; k++) {
        node_ent *n = g->nodes.list[k];
        free(n->pub.id);
        free(n->pub.label);
        strset_free(n->pub.aliases, n->pub.n_aliases);
        strset_free(n->pub.roles, n->pub.n_roles);
        counts_free(&n->arts);
        free(n);
    }
    items_free(&g->edges);
    items_free(&g->nodes);
    free(g->art_view);
    pool_free(&g->pool);
    free(g);
}

static int ev_cmp(const kg_evidence *a, const kg_evidence *b)
{
    if (a->article != b->article) {
        int c = strcmp(a->article, b->article);
        if (c)
            return c;
    }
#define CMP_FIELD(f)                                                                               \
    if (a->f != b->f)                                                                              \
        return a->f < b->f ? -1 : 1;
    CMP_FIELD(start)
    CMP_FIELD(end)
    CMP_FIELD(subject[0])
    CMP_FIELD(subject[1])
    CMP_FIELD(object[0])
    CMP_FIELD(object[1])
#undef CMP_FIELD
    return strcmp(a->text ? a->text : "", b->text ? b->text : "");
}

static void edge_trim(edge_ent *e, size_t limit)
{
    while (e->pub.n_evidence > limit)
        evidence_clear(&e->pub.evidence[--e->pub.n_evidence]);
}

int kg_graph_set_evidence_limit(kg_graph *g, size_t limit)
{
    if (limit < 1 || limit > KG_EVIDENCE_MAX)
        return kg_error_set(KG_EUSAGE, "evidence limit %zu is not in 1..%d", limit,
                            KG_EVIDENCE_MAX);
    if (g->fz)
        return limit == g->ev_limit ? 0 : frozen_error();
    if (limit < g->ev_limit) {
        for (size_t k = 0; k < g->edges.n; k++)
            edge_trim(g->edges.list[k], limit);
    }
    g->ev_limit = limit;
    return 0;
}

size_t kg_graph_evidence_limit(const kg_graph *g)
{
    return g->ev_limit;
}

/* ---- articles ----------------------------------------------------------- */

/* The strcmp()-largest non-empty value wins, so the rule is a join. */
static int merge_field(char **dst, const char *src)
{
    if (!src || !src[0])
        return 0;
    if (*dst && strcmp(*dst, src) >= 0)
        return 0;
    char *d = kg_strdup(src);
    if (!d)
        return kg_error_set(KG_ENOMEM, "out of memory");
    free(*dst);
    *dst = d;
    return 0;
}

static int hash_ref(kg_graph *g, const char *hash, int delta)
{
    if (!hash || !hash[0])
        return 0;
    hash_ent *h = NULL;
    HASH_FIND_STR(g->hashes, hash, h);
    if (!h) {
        if (delta < 0)
            return 0;
        h = calloc(1, sizeof *h);
        char *s = intern(&g->pool, hash);
        if (!h || !s) {
            free(h);
            return kg_error_set(KG_ENOMEM, "out of memory");
        }
        h->hash = s;
        hash_oom = 0;
        HASH_ADD_KEYPTR(hh, g->hashes, h->hash, strlen(h->hash), h);
        if (hash_oom) {
            free(h);
            return kg_error_set(KG_ENOMEM, "out of memory");
        }
    }
    if (delta > 0)
        h->refs++;
    else if (h->refs > 0)
        h->refs--;
    return 0;
}

int kg_graph_add_article(kg_graph *g, const kg_article_meta *meta)
{
    if (!meta || !meta->id || !meta->id[0])
        return kg_error_set(KG_EINVALID, "article without an id");
    if (g->fz)
        return frozen_error();
    art_ent *a = NULL;
    HASH_FIND_STR(g->arts, meta->id, a);
    if (!a) {
        a = calloc(1, sizeof *a);
        char *id = intern(&g->pool, meta->id);
        if (!a || !id) {
            free(a);
            return kg_error_set(KG_ENOMEM, "out of memory");
        }
        a->pub.id = id;
        hash_oom = 0;
        HASH_ADD_KEYPTR(hh, g->arts, a->pub.id, strlen(a->pub.id), a);
        if (hash_oom) {
            free(a);
            return kg_error_set(KG_ENOMEM, "out of memory");
        }
        g->art_view_stale = g->stale = 1;
    }
    int rc = 0;
    if ((rc = merge_field(&a->pub.title, meta->title)) != 0 ||
        (rc = merge_field(&a->pub.date, meta->date)) != 0 ||
        (rc = merge_field(&a->pub.source, meta->source)) != 0)
        return rc;
    if (meta->hash && meta->hash[0] && (!a->pub.hash || strcmp(a->pub.hash, meta->hash) < 0)) {
        /* Interned strings live as long as the graph: the old hash needs
         * no copy to be released after the new one is counted. */
        char *h = intern(&g->pool, meta->hash);
        if (!h)
            return KG_ENOMEM;
        if ((rc = hash_ref(g, h, +1)) != 0)
            return rc;
        if (a->pub.hash)
            hash_ref(g, a->pub.hash, -1);
        a->pub.hash = h;
    }
    return 0;
}

/* ---- nodes -------------------------------------------------------------- */

/* 1 if `a` is the better label: more bytes, then strcmp()-smaller. */
static int label_better(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb)
        return la > lb;
    return strcmp(a, b) < 0;
}

static node_ent *find_node_h(const kg_graph *g, const char *id, uint64_t h)
{
    const itemset *set = &g->nodes;
    if (!set->icap)
        return NULL;
    for (size_t j = (size_t)h & (set->icap - 1); set->idx[j].item; j = (j + 1) & (set->icap - 1))
        if (set->idx[j].hash == h && strcmp(((node_ent *)set->idx[j].item)->pub.id, id) == 0)
            return set->idx[j].item;
    return NULL;
}

static node_ent *find_node(const kg_graph *g, const char *id)
{
    return find_node_h(g, id, node_key_hash(id));
}

static int node_add_alias(node_ent *n, const char *s)
{
    if (!s || !s[0] || strcmp(s, n->pub.label) == 0)
        return 0;
    return strset_add(&n->pub.aliases, &n->pub.n_aliases, &n->cap_aliases, s, NULL);
}

int kg_graph_merge_node(kg_graph *g, const kg_node *in)
{
    if (!in || !in->id || !in->id[0])
        return kg_error_set(KG_EINVALID, "node without an id");
    if (g->fz)
        return frozen_error();
    if (!in->label || !in->label[0])
        return kg_error_set(KG_EINVALID, "node %s: empty label", in->id);
    if ((unsigned)in->type >= KG_TYPE__COUNT)
        return kg_error_set(KG_EINVALID, "node %s: unknown type %d", in->id, (int)in->type);
    int rc = 0;
    uint64_t h = node_key_hash(in->id);
    node_ent *n = find_node_h(g, in->id, h);
    if (!n) {
        if ((rc = items_reserve(&g->nodes, node_hash_of)) != 0)
            return rc;
        n = calloc(1, sizeof *n);
        if (!n)
            return kg_error_set(KG_ENOMEM, "out of memory");
        n->pub.id = kg_strdup(in->id);
        n->pub.label = kg_strdup(in->label);
        n->pub.type = in->type;
        if (!n->pub.id || !n->pub.label) {
            free(n->pub.id);
            free(n->pub.label);
            free(n);
            return kg_error_set(KG_ENOMEM, "out of memory");
        }
        items_add(&g->nodes, h, n);
        g->node_view_stale = g->stale = 1;
    } else {
        if (in->type < n->pub.type)
            n->pub.type = in->type;
        if (strcmp(in->label, n->pub.label) != 0) {
            if (label_better(in->label, n->pub.label)) {
                char *nl = kg_strdup(in->label);
                if (!nl)
                    return kg_error_set(KG_ENOMEM, "out of memory");
                char *old = n->pub.label;
                n->pub.label = nl;
                strset_remove(n->pub.aliases, &n->pub.n_aliases, nl);
                rc = node_add_alias(n, old);
                free(old);
                if (rc)
                    return rc;
            } else if ((rc = node_add_alias(n, in->label)) != 0) {
                return rc;
            }
        }
    }
    for (size_t i = 0; i < in->n_aliases; i++)
        if ((rc = node_add_alias(n, in->aliases[i])) != 0)
            return rc;
    for (size_t i = 0; i < in->n_roles; i++)
        if (in->roles[i] && in->roles[i][0] &&
            (rc = strset_add(&n->pub.roles, &n->pub.n_roles, &n->cap_roles, in->roles[i], NULL)) !=
                0)
            return rc;
    for (size_t i = 0; i < in->n_articles; i++) {
        const char *a = in->articles[i].article;
        if (!a || !a[0])
            return kg_error_set(KG_EINVALID, "node %s: article count without an article id",
                                in->id);
        char *ia = intern(&g->pool, a);
        if (!ia)
            return KG_ENOMEM;
        if ((rc = counts_put(&n->arts, ia, in->articles[i].count, &n->pub.weight)) != 0)
            return rc;
    }
    n->pub.articles = n->arts.a;
    n->pub.n_articles = n->arts.n;
    if (!n->arts.sorted)
        g->stale = 1;
    return 0;
}

/* ---- edges -------------------------------------------------------------- */

static edge_ent *find_edge_h(const kg_graph *g, const char *s, const char *r, const char *t,
                             uint64_t h)
{
    const itemset *set = &g->edges;
    if (!set->icap)
        return NULL;
    for (size_t j = (size_t)h & (set->icap - 1); set->idx[j].item; j = (j + 1) & (set->icap - 1)) {
        const kg_edge *e = &((edge_ent *)set->idx[j].item)->pub;
        if (set->idx[j].hash == h && strcmp(e->source, s) == 0 && strcmp(e->target, t) == 0 &&
            strcmp(e->relation, r) == 0)
            return set->idx[j].item;
    }
    return NULL;
}

static edge_ent *find_edge(const kg_graph *g, const char *s, const char *r, const char *t)
{
    return find_edge_h(g, s, r, t, edge_key_hash(s, r, t));
}

/* Inserts one evidence record in order, keeping the `limit` smallest. */
static int edge_add_evidence(kg_graph *g, edge_ent *e, const kg_evidence *src, int swap)
{
    kg_evidence ev = *src;
    if (!ev.article || !ev.article[0])
        return kg_error_set(KG_EINVALID, "evidence without an article id");
    if (swap) {
        ev.subject[0] = src->object[0];
        ev.subject[1] = src->object[1];
        ev.object[0] = src->subject[0];
        ev.object[1] = src->subject[1];
    }
    char *art = intern(&g->pool, ev.article);
    if (!art)
        return KG_ENOMEM;
    ev.article = art;
    if (!ev.text)
        ev.text = "";
    size_t lo = 0, hi = e->pub.n_evidence;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = ev_cmp(&e->pub.evidence[mid], &ev);
        if (c == 0)
            return 0;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo >= g->ev_limit)
        return 0;
    if (e->pub.n_evidence == e->cap_evidence) {
        size_t nc = e->cap_evidence ? e->cap_evidence * 2 : 2;
        if (nc > g->ev_limit + 1)
            nc = g->ev_limit + 1;
        kg_evidence *na = realloc(e->pub.evidence, nc * sizeof *na);
        if (!na)
            return kg_error_set(KG_ENOMEM, "out of memory");
        e->pub.evidence = na;
        e->cap_evidence = nc;
    }
    char *text = kg_strdup(ev.text);
    if (!text)
        return kg_error_set(KG_ENOMEM, "out of memory");
    ev.text = text;
    memmove(e->pub.evidence + lo + 1, e->pub.evidence + lo, (e->pub.n_evidence - lo) * sizeof ev);
    e->pub.evidence[lo] = ev;
    e->pub.n_evidence++;
    edge_trim(e, g->ev_limit);
    return 0;
}

int kg_graph_merge_edge(kg_graph *g, const kg_edge *in)
{
    if (!in || !in->source || !in->target || !in->relation)
        return kg_error_set(KG_EINVALID, "edge without source, relation or target");
    if (g->fz)
        return frozen_error();
    const kg_relation_info *rel = kg_graph_relation(in->relation);
    if (!rel)
        return kg_error_set(KG_EINVALID, "edge %s -%s-> %s: unknown relation", in->source,
                            in->relation, in->target);
    const char *s = in->source, *t = in->target;
    int swap = rel->symmetric && strcmp(s, t) > 0;
    if (swap) {
        s = in->target;
        t = in->source;
    }
    node_ent *ns = find_node(g, s), *nt = find_node(g, t);
    if (!ns || !nt)
        return kg_error_set(KG_EINVALID, "edge %s -%s-> %s: %s is not a node", in->source,
                            in->relation, in->target, !ns ? s : t);
    int rc = 0;
    uint64_t h = edge_key_hash(s, rel->name, t);
    edge_ent *e = find_edge_h(g, s, rel->name, t, h);
    if (!e) {
        if ((rc = items_reserve(&g->edges, edge_hash_of)) != 0)
            return rc;
        e = calloc(1, sizeof *e);
        if (!e)
            return kg_error_set(KG_ENOMEM, "out of memory");
        e->pub.source = ns->pub.id;
        e->pub.target = nt->pub.id;
        e->pub.relation = (char *)rel->name;
        e->pub.directed = !rel->symmetric;
        items_add(&g->edges, h, e);
        g->edge_view_stale = g->stale = 1;
    }
    for (size_t i = 0; i < in->n_weapons; i++)
        if (in->weapons[i] && in->weapons[i][0] &&
            (rc = strset_add(&e->pub.weapons, &e->pub.n_weapons, &e->cap_weapons, in->weapons[i],
                             &g->pool)) != 0)
            return rc;
    for (size_t i = 0; i < in->n_articles; i++) {
        const char *a = in->articles[i].article;
        if (!a || !a[0])
            return kg_error_set(KG_EINVALID, "edge %s -%s-> %s: article count without an id",
                                in->source, in->relation, in->target);
        char *ia = intern(&g->pool, a);
        if (!ia)
            return KG_ENOMEM;
        if ((rc = counts_put(&e->arts, ia, in->articles[i].count, &e->pub.weight)) != 0)
            return rc;
    }
    e->pub.articles = e->arts.a;
    e->pub.n_articles = e->arts.n;
    if (!e->arts.sorted)
        g->stale = 1;
    for (size_t i = 0; i < in->n_evidence; i++)
        if ((rc = edge_add_evidence(g, e, &in->evidence[i], swap)) != 0)
            return rc;
    return 0;
}

int kg_graph_merge(kg_graph *into, const kg_graph *from)
{
    if (into == from)
        return 0; /* idempotent */
    if (into->fz)
        return frozen_error();
    int rc = 0;
    if (from->fz) {
        const kg_frozen *f = from->fz;
        for (size_t i = 0; i < f->n_arts; i++)
            if ((rc = kg_graph_add_article(into, &f->arts[i])) != 0)
                return rc;
        for (size_t i = 0; i < f->n_nodes; i++)
            if ((rc = kg_graph_merge_node(into, &f->nodes[i])) != 0)
                return rc;
        for (size_t i = 0; i < f->n_edges; i++)
            if ((rc = kg_graph_merge_edge(into, &f->edges[i])) != 0)
                return rc;
        return 0;
    }
    art_ent *a, *ta;
    HASH_ITER(hh, from->arts, a, ta)
    if ((rc = kg_graph_add_article(into, &a->pub)) != 0)
        return rc;
    for (size_t i = 0; i < from->nodes.n; i++)
        if ((rc = kg_graph_merge_node(into, &((node_ent *)from->nodes.list[i])->pub)) != 0)
            return rc;
    for (size_t i = 0; i < from->edges.n; i++)
        if ((rc = kg_graph_merge_edge(into, &((edge_ent *)from->edges.list[i])->pub)) != 0)
            return rc;
    return 0;
}

/* ---- reading ------------------------------------------------------------ */

size_t kg_graph_article_count(const kg_graph *g)
{
    return g->fz ? g->fz->n_arts : HASH_COUNT(g->arts);
}

size_t kg_graph_node_count(const kg_graph *g)
{
    return g->fz ? g->fz->n_nodes : g->nodes.n;
}

size_t kg_graph_edge_count(const kg_graph *g)
{
    return g->fz ? g->fz->n_edges : g->edges.n;
}

static int art_view_cmp(const void *a, const void *b)
{
    return strcmp((*(art_ent *const *)a)->pub.id, (*(art_ent *const *)b)->pub.id);
}

static int node_view_cmp(const void *a, const void *b)
{
    return strcmp((*(node_ent *const *)a)->pub.id, (*(node_ent *const *)b)->pub.id);
}

/* Pointers compared first: most comparisons in a sort of edges share the
 * source node, and relation names are static strings. */
static int str_order(const char *a, const char *b)
{
    return a == b ? 0 : strcmp(a, b);
}

static int edge_order(const kg_edge *x, const kg_edge *y)
{
    int c = str_order(x->source, y->source);
    if (c)
        return c;
    c = str_order(x->relation, y->relation);
    if (c)
        return c;
    return str_order(x->target, y->target);
}

static int edge_view_cmp(const void *a, const void *b)
{
    return edge_order(&(*(edge_ent *const *)a)->pub, &(*(edge_ent *const *)b)->pub);
}

/* Brings the canonical views up to date. Returns 0 or KG_ENOMEM (the getters
 * then answer NULL). */
static int refresh(kg_graph *g)
{
    if (!g->stale)
        return 0;
    if (g->art_view_stale) {
        size_t n = HASH_COUNT(g->arts), i = 0;
        art_ent **v = realloc(g->art_view, (n ? n : 1) * sizeof *v);
        if (!v)
            return kg_error_set(KG_ENOMEM, "out of memory");
        g->art_view = v;
        for (art_ent *a = g->arts; a; a = a->hh.next)
            v[i++] = a;
        qsort(v, n, sizeof *v, art_view_cmp);
        g->art_view_stale = 0;
    }
    /* Sorting the lists in place leaves the index (of pointers) valid. */
    if (g->node_view_stale) {
        if (g->nodes.n)
            qsort(g->nodes.list, g->nodes.n, sizeof *g->nodes.list, node_view_cmp);
        g->node_view_stale = 0;
    }
    if (g->edge_view_stale) {
        if (g->edges.n)
            qsort(g->edges.list, g->edges.n, sizeof *g->edges.list, edge_view_cmp);
        g->edge_view_stale = 0;
    }
    for (size_t i = 0; i < g->nodes.n; i++) {
        node_ent *x = g->nodes.list[i];
        counts_sort(&x->arts);
        x->pub.articles = x->arts.a;
    }
    for (size_t i = 0; i < g->edges.n; i++) {
        edge_ent *x = g->edges.list[i];
        counts_sort(&x->arts);
        x->pub.articles = x->arts.a;
    }
    g->stale = 0;
    return 0;
}

/* Look-ups in a snapshot: its arrays are in canonical order, so a binary
 * search replaces the hash indexes a mutable graph keeps. */
static const kg_article_meta *frozen_find_article(const kg_frozen *f, const char *id)
{
    size_t lo = 0, hi = f->n_arts;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(f->arts[mid].id, id);
        if (c == 0)
            return &f->arts[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static const kg_node *frozen_find_node(const kg_frozen *f, const char *id)
{
    size_t lo = 0, hi = f->n_nodes;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(f->nodes[mid].id, id);
        if (c == 0)
            return &f->nodes[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static const kg_edge *frozen_find_edge(const kg_frozen *f, const char *s, const char *r,
                                       const char *t)
{
    kg_edge key;
    memset(&key, 0, sizeof key);
    key.source = (char *)s;
    key.relation = (char *)r;
    key.target = (char *)t;
    size_t lo = 0, hi = f->n_edges;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = edge_order(&f->edges[mid], &key);
        if (c == 0)
            return &f->edges[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static int frozen_has_hash(const kg_frozen *f, const char *hash)
{
    size_t lo = 0, hi = f->n_arts;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *h = f->arts[f->by_hash[mid]].hash;
        int c = strcmp(h ? h : "", hash);
        if (c == 0)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

const kg_article_meta *kg_graph_article(const kg_graph *g, size_t i)
{
    kg_graph *m = (kg_graph *)g;
    if (g->fz)
        return i < g->fz->n_arts ? &g->fz->arts[i] : NULL;
    if (i >= HASH_COUNT(g->arts) || refresh(m) != 0)
        return NULL;
    return &m->art_view[i]->pub;
}

const kg_node *kg_graph_node(const kg_graph *g, size_t i)
{
    kg_graph *m = (kg_graph *)g;
    if (g->fz)
        return i < g->fz->n_nodes ? &g->fz->nodes[i] : NULL;
    if (i >= g->nodes.n || refresh(m) != 0)
        return NULL;
    return &((node_ent *)m->nodes.list[i])->pub;
}

const kg_edge *kg_graph_edge(const kg_graph *g, size_t i)
{
    kg_graph *m = (kg_graph *)g;
    if (g->fz)
        return i < g->fz->n_edges ? &g->fz->edges[i] : NULL;
    if (i >= g->edges.n || refresh(m) != 0)
        return NULL;
    return &((edge_ent *)m->edges.list[i])->pub;
}

const kg_article_meta *kg_graph_find_article(const kg_graph *g, const char *id)
{
    if (g->fz)
        return id ? frozen_find_article(g->fz, id) : NULL;
    art_ent *a = NULL;
    if (id)
        HASH_FIND_STR(g->arts, id, a);
    return a ? &a->pub : NULL;
}

const kg_node *kg_graph_find_node(const kg_graph *g, const char *id)
{
    if (g->fz)
        return id ? frozen_find_node(g->fz, id) : NULL;
    node_ent *n = id ? find_node(g, id) : NULL;
    if (!n)
        return NULL;
    /* Sorting one item in place changes no membership: views stay valid. */
    counts_sort(&n->arts);
    n->pub.articles = n->arts.a;
    return &n->pub;
}

const kg_edge *kg_graph_find_edge(const kg_graph *g, const char *source, const char *relation,
                                  const char *target)
{
    if (!source || !relation || !target)
        return NULL;
    const kg_relation_info *rel = kg_graph_relation(relation);
    if (rel && rel->symmetric && strcmp(source, target) > 0) {
        const char *t = source;
        source = target;
        target = t;
    }
    if (g->fz)
        return frozen_find_edge(g->fz, source, relation, target);
    edge_ent *e = find_edge(g, source, relation, target);
    if (!e)
        return NULL;
    counts_sort(&e->arts);
    e->pub.articles = e->arts.a;
    return &e->pub;
}

int kg_graph_has_hash(const kg_graph *g, const char *hash)
{
    if (g->fz)
        return hash ? frozen_has_hash(g->fz, hash) : 0;
    hash_ent *h = NULL;
    if (hash)
        HASH_FIND_STR(g->hashes, hash, h);
    return h && h->refs > 0;
}

/* ---- private helpers for document.c ------------------------------------- */

const kg_relation_info *kg_graph_relation(const char *name)
{
    /* Called once or twice per edge read: comparing the first byte before
     * strcmp() skips nearly every entry of the table. */
    unsigned n;
    const kg_relation_info *all = kg_relation_all(&n);
    for (unsigned i = 0; i < n; i++)
        if (all[i].name[0] == name[0] && strcmp(all[i].name, name) == 0)
            return &all[i];
    return NULL;
}

size_t kg_graph_max_evidence(const kg_graph *g)
{
    size_t m = 0;
    if (g->fz) {
        for (size_t i = 0; i < g->fz->n_edges; i++)
            if (g->fz->edges[i].n_evidence > m)
                m = g->fz->edges[i].n_evidence;
        return m;
    }
    for (size_t i = 0; i < g->edges.n; i++) {
        const edge_ent *e = g->edges.list[i];
        if (e->pub.n_evidence > m)
            m = e->pub.n_evidence;
    }
    return m;
}
