/*
 * snapshot.c - graph.json.kgi, a binary snapshot of a graph that loads in a
 * fraction of the time the JSON takes to parse (kg/snapshot.h).
 *
 * Why this shape: the queries need every node and edge of the graph, but
 * building a mutable kg_graph (hash indexes, one allocation per string) is
 * what makes loading slow, parsing aside. A snapshot is the graph's public
 * structs (kg_article_meta, kg_node, kg_edge and the arrays they point to)
 * laid out in canonical order in one file, with every pointer stored as an
 * offset from the start of the file. Loading maps the file privately and
 * adds the mapping's address to each pointer field; the strings are never
 * copied or even touched until a query reads them. The result is wrapped in
 * a read-only kg_graph (graph_int.h), whose getters answer from the arrays.
 *
 * Layout (native byte order; offsets are from the start of the file):
 *   header | articles[] | by_hash[] | nodes[] | edges[] | per-item arrays
 *   and strings (each distinct string once) | one NUL byte.
 * Freshness: the header records the graph file's size, mtime (ns) and a
 * 64-bit hash of its bytes; a mismatch in any, or in the layout (struct
 * sizes, byte order, version), makes the snapshot stale, and stale
 * snapshots are ignored and rewritten, never trusted.
 */
#include "kg/snapshot.h"

#include "kg/error.h"
#include "graph_int.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define SNAP_MAGIC "KGSNAP\r\n"
/* Bump when the layout below changes: older snapshots become stale. */
#define SNAP_VERSION 1
/* Bytes read at a time while hashing a graph file: large enough that the
 * system call cost vanishes, small enough to stay in cache. */
#define SNAP_HASH_CHUNK ((size_t)1 << 20)
/* Longest path we name a snapshot for; longer ones get no snapshot. */
#define SNAP_PATH_MAX 4096

typedef struct snap_header {
    char magic[8];
    uint32_t version;
    uint32_t ptr_size;
    uint64_t byte_order; /* 0x0102030405060708 as written */
    uint64_t sizes[5];   /* kg_article_meta, kg_node, kg_edge, kg_count, kg_evidence */
    uint64_t src_size;
    int64_t src_mtime_sec, src_mtime_nsec;
    uint64_t src_hash;
    uint64_t n_arts, n_nodes, n_edges, ev_limit;
    uint64_t off_arts, off_by_hash, off_nodes, off_edges;
    uint64_t total;
} snap_header;

#define BYTE_ORDER_MARK 0x0102030405060708ULL

static void layout_sizes(uint64_t out[5])
{
    out[0] = sizeof(kg_article_meta);
    out[1] = sizeof(kg_node);
    out[2] = sizeof(kg_edge);
    out[3] = sizeof(kg_count);
    out[4] = sizeof(kg_evidence);
}

/* ======================================================================
 * The graph file's key: size, mtime and hash
 * ==================================================================== */

static uint64_t rotl(uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

static uint64_t fmix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

/* Four independent multiply chains, so the hash runs at memory speed: a
 * 400 MB graph is hashed in about a tenth of a second. Not cryptographic;
 * it guards against stale caches, not against an adversary. */
static uint64_t block_hash(const unsigned char *p, size_t n)
{
    const uint64_t k = 0x9e3779b97f4a7c15ULL;
    uint64_t a = 0x243f6a8885a308d3ULL, b = 0x13198a2e03707344ULL, c = 0xa4093822299f31d0ULL,
             d = 0x082efa98ec4e6c89ULL;
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        uint64_t w[4];
        memcpy(w, p + i, sizeof w);
        a = rotl(a ^ w[0], 31) * k;
        b = rotl(b ^ w[1], 29) * k;
        c = rotl(c ^ w[2], 27) * k;
        d = rotl(d ^ w[3], 25) * k;
    }
    uint64_t h = a ^ rotl(b, 17) ^ rotl(c, 31) ^ rotl(d, 47) ^ (uint64_t)n;
    for (; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ULL;
    return fmix(h);
}

typedef struct file_key {
    uint64_t size;
    int64_t sec, nsec;
    uint64_t hash;
} file_key;

/* Reads the whole file to compute its key. The size and time are taken
 * before and after: a file that changes meanwhile gives KG_EIO. */
static int key_of(file_key *k, const char *path)
{
    int rc = 0;
    unsigned char *buf = NULL;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return kg_error_set(KG_EIO, "%s: %s", path, strerror(errno));
    struct stat st, st2;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        rc = kg_error_set(KG_EIO, "%s: not a regular file", path);
        goto done;
    }
    buf = malloc(SNAP_HASH_CHUNK);
    if (!buf) {
        rc = kg_error_set(KG_ENOMEM, "out of memory");
        goto done;
    }
    uint64_t h = 0x6a09e667f3bcc908ULL, total = 0;
    for (;;) {
        size_t got = 0;
        while (got < SNAP_HASH_CHUNK) {
            ssize_t r = read(fd, buf + got, SNAP_HASH_CHUNK - got);
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0) {
                rc = kg_error_set(KG_EIO, "%s: %s", path, strerror(errno));
                goto done;
            }
            if (r == 0)
                break;
            got += (size_t)r;
        }
        if (got == 0)
            break;
        h = fmix(h ^ block_hash(buf, got)) + total;
        total += got;
        if (got < SNAP_HASH_CHUNK)
            break;
    }
    if (fstat(fd, &st2) != 0 || st2.st_size != st.st_size ||
        st2.st_mtim.tv_sec != st.st_mtim.tv_sec || st2.st_mtim.tv_nsec != st.st_mtim.tv_nsec ||
        total != (uint64_t)st.st_size) {
        rc = kg_error_set(KG_EIO, "%s: changed while being read", path);
        goto done;
    }
    k->size = total;
    k->sec = (int64_t)st.st_mtim.tv_sec;
    k->nsec = (int64_t)st.st_mtim.tv_nsec;
    k->hash = h;
done:
    free(buf);
    close(fd);
    return rc;
}

static char *snap_path(const char *graph_path)
{
    size_t n = strlen(graph_path), s = strlen(KG_SNAPSHOT_SUFFIX);
    if (n + s + 1 > SNAP_PATH_MAX)
        return NULL;
    char *p = malloc(n + s + 1);
    if (p) {
        memcpy(p, graph_path, n);
        memcpy(p + n, KG_SNAPSHOT_SUFFIX, s + 1);
    }
    return p;
}

/* ======================================================================
 * Writing
 *
 * Streamed in two passes over the graph, so that writing a snapshot costs
 * a table of distinct strings, not a second copy of the graph: the first
 * pass gives every distinct string its place and sizes the per-item arrays;
 * the second writes header, item arrays, per-item arrays and strings in
 * file order, computing each offset from a running cursor.
 * ==================================================================== */

/* Distinct strings in order of first appearance, with an open-addressing
 * index (entry + 1, 0 = empty). Article ids recur in every count map and
 * evidence record, and are stored once. */
typedef struct strtab {
    const char **s;
    uint64_t *rel; /* offset within the strings region */
    size_t n, cap;
    uint32_t *slot;
    uint64_t *slot_hash;
    size_t scap;
    uint64_t size; /* bytes of the strings region */
    int oom;
} strtab;

static uint64_t str_key(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        h = (h ^ *p) * 0x100000001b3ULL;
    return h;
}

static int st_grow(strtab *t)
{
    size_t scap = t->scap ? t->scap * 2 : 4096;
    uint32_t *slot = calloc(scap, sizeof *slot);
    uint64_t *sh = calloc(scap, sizeof *sh);
    if (!slot || !sh) {
        free(slot);
        free(sh);
        return -1;
    }
    for (size_t i = 0; i < t->scap; i++) {
        if (!t->slot[i])
            continue;
        size_t j = (size_t)t->slot_hash[i] & (scap - 1);
        while (slot[j])
            j = (j + 1) & (scap - 1);
        slot[j] = t->slot[i];
        sh[j] = t->slot_hash[i];
    }
    free(t->slot);
    free(t->slot_hash);
    t->slot = slot;
    t->slot_hash = sh;
    t->scap = scap;
    return 0;
}

/* The offset of s within the strings region, added on first sight. */
static uint64_t st_offset(strtab *t, const char *s)
{
    if (t->oom)
        return 0;
    if ((t->n + 1) * 2 > t->scap && st_grow(t) != 0)
        goto oom;
    uint64_t h = str_key(s);
    size_t j = (size_t)h & (t->scap - 1);
    while (t->slot[j]) {
        size_t k = t->slot[j] - 1;
        if (t->slot_hash[j] == h && strcmp(t->s[k], s) == 0)
            return t->rel[k];
        j = (j + 1) & (t->scap - 1);
    }
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 4096;
        const char **ns = realloc(t->s, cap * sizeof *ns);
        if (ns)
            t->s = ns;
        uint64_t *nr = realloc(t->rel, cap * sizeof *nr);
        if (nr)
            t->rel = nr;
        if (!ns || !nr)
            goto oom;
        t->cap = cap;
    }
    if (t->n >= UINT32_MAX)
        goto oom;
    t->s[t->n] = s;
    t->rel[t->n] = t->size;
    t->slot[j] = (uint32_t)(t->n + 1);
    t->slot_hash[j] = h;
    t->n++;
    t->size += strlen(s) + 1;
    return t->rel[t->n - 1];
oom:
    t->oom = 1;
    return 0;
}

static void st_free(strtab *t)
{
    free(t->s);
    free(t->rel);
    free(t->slot);
    free(t->slot_hash);
}

/* The output stream and where strings and per-item arrays start. */
typedef struct emit {
    FILE *f;
    strtab *st;
    uint64_t str_base;
    uint64_t cursor; /* next per-item array's offset (second pass) */
    int err;
} emit;

static void put(emit *e, const void *p, size_t n)
{
    if (!e->err && n && fwrite(p, 1, n, e->f) != n)
        e->err = 1;
}

/* A stored pointer: an offset from the start of the file; NULL stays 0. */
static char *str_ref(emit *e, const char *s)
{
    return s ? (char *)(uintptr_t)(e->str_base + st_offset(e->st, s)) : NULL;
}

/* Reserves a per-item array of `bytes` (a multiple of 8) at the cursor. */
static void *array_ref(emit *e, size_t n, size_t bytes)
{
    if (!n)
        return NULL;
    uint64_t at = e->cursor;
    e->cursor += bytes;
    return (void *)(uintptr_t)at;
}

/* Registers every string of g and returns the per-item arrays' size. */
static uint64_t first_pass(strtab *st, const kg_graph *g)
{
    uint64_t sub = 0;
    size_t na = kg_graph_article_count(g), nn = kg_graph_node_count(g),
           ne = kg_graph_edge_count(g);
    for (size_t i = 0; i < na; i++) {
        const kg_article_meta *m = kg_graph_article(g, i);
        const char *f[5] = {m->id, m->title, m->date, m->source, m->hash};
        for (int k = 0; k < 5; k++)
            if (f[k])
                st_offset(st, f[k]);
    }
    for (size_t i = 0; i < nn; i++) {
        const kg_node *n = kg_graph_node(g, i);
        st_offset(st, n->id);
        st_offset(st, n->label);
        for (size_t k = 0; k < n->n_aliases; k++)
            st_offset(st, n->aliases[k]);
        for (size_t k = 0; k < n->n_roles; k++)
            st_offset(st, n->roles[k]);
        for (size_t k = 0; k < n->n_articles; k++)
            st_offset(st, n->articles[k].article);
        sub += (n->n_aliases + n->n_roles) * sizeof(char *) + n->n_articles * sizeof(kg_count);
    }
    for (size_t i = 0; i < ne; i++) {
        const kg_edge *e = kg_graph_edge(g, i);
        st_offset(st, e->source);
        st_offset(st, e->relation);
        st_offset(st, e->target);
        for (size_t k = 0; k < e->n_weapons; k++)
            st_offset(st, e->weapons[k]);
        for (size_t k = 0; k < e->n_articles; k++)
            st_offset(st, e->articles[k].article);
        for (size_t k = 0; k < e->n_evidence; k++) {
            st_offset(st, e->evidence[k].article);
            if (e->evidence[k].text)
                st_offset(st, e->evidence[k].text);
        }
        sub += e->n_weapons * sizeof(char *) + e->n_articles * sizeof(kg_count) +
               e->n_evidence * sizeof(kg_evidence);
    }
    return sub;
}

static void put_strs(emit *e, char *const *a, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *r = str_ref(e, a[i]);
        put(e, &r, sizeof r);
    }
}

static void put_counts(emit *e, const kg_count *a, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        kg_count c = {str_ref(e, a[i].article), a[i].count};
        put(e, &c, sizeof c);
    }
}

typedef struct hash_ix {
    const char *hash;
    uint32_t i;
} hash_ix;

static int hash_ix_cmp(const void *pa, const void *pb)
{
    const hash_ix *a = pa, *b = pb;
    int c = strcmp(a->hash, b->hash);
    return c ? c : (a->i > b->i) - (a->i < b->i);
}

static const char zeros[8];

/* The second pass: the whole file, in order. */
static int second_pass(emit *e, const kg_graph *g, snap_header *h)
{
    size_t na = (size_t)h->n_arts, nn = (size_t)h->n_nodes, ne = (size_t)h->n_edges;
    put(e, h, sizeof *h);
    put(e, zeros, (size_t)(h->off_arts - sizeof *h));
    hash_ix *ix = na ? malloc(na * sizeof *ix) : NULL;
    if (na && !ix)
        return kg_error_set(KG_ENOMEM, "out of memory");
    for (size_t i = 0; i < na; i++) {
        const kg_article_meta *m = kg_graph_article(g, i);
        kg_article_meta c = {str_ref(e, m->id), str_ref(e, m->title), str_ref(e, m->date),
                             str_ref(e, m->source), str_ref(e, m->hash)};
        put(e, &c, sizeof c);
        ix[i].hash = m->hash ? m->hash : "";
        ix[i].i = (uint32_t)i;
    }
    if (na)
        qsort(ix, na, sizeof *ix, hash_ix_cmp);
    for (size_t i = 0; i < na; i++)
        put(e, &ix[i].i, sizeof ix[i].i);
    free(ix);
    put(e, zeros, (size_t)(h->off_nodes - h->off_by_hash - na * sizeof(uint32_t)));

    for (size_t i = 0; i < nn; i++) {
        const kg_node *n = kg_graph_node(g, i);
        kg_node c = *n;
        c.id = str_ref(e, n->id);
        c.label = str_ref(e, n->label);
        c.aliases = array_ref(e, n->n_aliases, n->n_aliases * sizeof(char *));
        c.roles = array_ref(e, n->n_roles, n->n_roles * sizeof(char *));
        c.articles = array_ref(e, n->n_articles, n->n_articles * sizeof(kg_count));
        put(e, &c, sizeof c);
    }
    for (size_t i = 0; i < ne; i++) {
        const kg_edge *x = kg_graph_edge(g, i);
        kg_edge c = *x;
        c.source = str_ref(e, x->source);
        c.relation = str_ref(e, x->relation);
        c.target = str_ref(e, x->target);
        c.weapons = array_ref(e, x->n_weapons, x->n_weapons * sizeof(char *));
        c.articles = array_ref(e, x->n_articles, x->n_articles * sizeof(kg_count));
        c.evidence = array_ref(e, x->n_evidence, x->n_evidence * sizeof(kg_evidence));
        put(e, &c, sizeof c);
    }
    /* The per-item arrays, in the order the cursor handed them out. */
    for (size_t i = 0; i < nn; i++) {
        const kg_node *n = kg_graph_node(g, i);
        put_strs(e, n->aliases, n->n_aliases);
        put_strs(e, n->roles, n->n_roles);
        put_counts(e, n->articles, n->n_articles);
    }
    for (size_t i = 0; i < ne; i++) {
        const kg_edge *x = kg_graph_edge(g, i);
        put_strs(e, x->weapons, x->n_weapons);
        put_counts(e, x->articles, x->n_articles);
        for (size_t k = 0; k < x->n_evidence; k++) {
            kg_evidence v = x->evidence[k];
            v.article = str_ref(e, v.article);
            v.text = str_ref(e, v.text);
            put(e, &v, sizeof v);
        }
    }
    for (size_t i = 0; i < e->st->n; i++)
        put(e, e->st->s[i], strlen(e->st->s[i]) + 1);
    put(e, zeros, 1); /* any string offset inside the file ends inside it */
    return 0;
}

static uint64_t align8(uint64_t x)
{
    return (x + 7) & ~(uint64_t)7;
}

/* Writes the snapshot of g for graph_path, whose key must be `k`. */
static int write_keyed(const kg_graph *g, const char *graph_path, const file_key *k)
{
    int rc = 0;
    strtab st;
    memset(&st, 0, sizeof st);
    snap_header h;
    memset(&h, 0, sizeof h);
    char *path = snap_path(graph_path);
    if (!path)
        return kg_error_set(KG_EIO, "%s: path too long for a snapshot", graph_path);
    uint64_t sub = first_pass(&st, g);
    if (st.oom) {
        rc = kg_error_set(KG_ENOMEM, "out of memory");
        goto done;
    }
    memcpy(h.magic, SNAP_MAGIC, sizeof h.magic);
    h.version = SNAP_VERSION;
    h.ptr_size = (uint32_t)sizeof(void *);
    h.byte_order = BYTE_ORDER_MARK;
    layout_sizes(h.sizes);
    h.src_size = k->size;
    h.src_mtime_sec = k->sec;
    h.src_mtime_nsec = k->nsec;
    h.src_hash = k->hash;
    h.n_arts = kg_graph_article_count(g);
    h.n_nodes = kg_graph_node_count(g);
    h.n_edges = kg_graph_edge_count(g);
    h.ev_limit = kg_graph_evidence_limit(g);
    h.off_arts = align8(sizeof h);
    h.off_by_hash = h.off_arts + h.n_arts * sizeof(kg_article_meta);
    h.off_nodes = align8(h.off_by_hash + h.n_arts * sizeof(uint32_t));
    h.off_edges = h.off_nodes + h.n_nodes * sizeof(kg_node);
    uint64_t sub_base = h.off_edges + h.n_edges * sizeof(kg_edge);
    h.total = sub_base + sub + st.size + 1;

    kg_out o;
    if ((rc = kg_out_open(&o, path)) != 0)
        goto done;
    emit e = {o.f, &st, sub_base + sub, sub_base, 0};
    rc = second_pass(&e, g, &h);
    if (!rc && (e.err || e.cursor != sub_base + sub || st.oom))
        rc = kg_error_set(st.oom ? KG_ENOMEM : KG_EIO, "%s: %s", path,
                          st.oom ? "out of memory" : strerror(errno));
    if (rc)
        kg_out_abort(&o);
    else
        rc = kg_out_commit(&o);
done:
    st_free(&st);
    free(path);
    return rc;
}

int kg_snapshot_write(const kg_graph *g, const char *graph_path)
{
    file_key k;
    int rc = key_of(&k, graph_path);
    return rc ? rc : write_keyed(g, graph_path, &k);
}

int kg_snapshot_update(const kg_graph *g, const char *graph_path)
{
    struct stat st;
    if (!graph_path || strcmp(graph_path, "-") == 0 || stat(graph_path, &st) != 0 ||
        !S_ISREG(st.st_mode) || st.st_size < KG_SNAPSHOT_EAGER_MIN_BYTES)
        return 0;
    return kg_snapshot_write(g, graph_path);
}

/* ======================================================================
 * Loading
 * ==================================================================== */

/* Turns a stored offset into a pointer into the mapping; 0 stays NULL.
 * Returns 0, or -1 for an offset outside the file (a corrupt snapshot). */
static int reloc(void *field, char *base, uint64_t total)
{
    uintptr_t off;
    memcpy(&off, field, sizeof off);
    if (!off)
        return 0;
    if (off >= total)
        return -1;
    char *p = base + off;
    memcpy(field, &p, sizeof p);
    return 0;
}

/* Checks that an array of n items of `size` bytes at pointer field `field`
 * (still an offset) lies inside the file, then relocates it. */
static int reloc_array(void *field, size_t n, size_t size, char *base, uint64_t total)
{
    uintptr_t off;
    memcpy(&off, field, sizeof off);
    if (!n)
        return off ? -1 : 0;
    if (off % 8 || off >= total || n > (total - off) / size)
        return -1;
    return reloc(field, base, total);
}

static int reloc_strs(char ***field, size_t n, char *base, uint64_t total)
{
    if (reloc_array(field, n, sizeof(char *), base, total))
        return -1;
    for (size_t i = 0; i < n; i++)
        if (reloc(&(*field)[i], base, total) || !(*field)[i])
            return -1;
    return 0;
}

static int relocate(kg_frozen *f, const snap_header *h)
{
    char *base = f->map;
    uint64_t total = h->total;
    for (size_t i = 0; i < f->n_arts; i++) {
        kg_article_meta *a = &f->arts[i];
        if (reloc(&a->id, base, total) || !a->id || reloc(&a->title, base, total) ||
            reloc(&a->date, base, total) || reloc(&a->source, base, total) ||
            reloc(&a->hash, base, total))
            return -1;
        if (f->by_hash[i] >= f->n_arts)
            return -1;
    }
    for (size_t i = 0; i < f->n_nodes; i++) {
        kg_node *n = &f->nodes[i];
        if (reloc(&n->id, base, total) || !n->id || reloc(&n->label, base, total) ||
            !n->label || reloc_strs(&n->aliases, n->n_aliases, base, total) ||
            reloc_strs(&n->roles, n->n_roles, base, total) ||
            reloc_array(&n->articles, n->n_articles, sizeof(kg_count), base, total))
            return -1;
        for (size_t j = 0; j < n->n_articles; j++)
            if (reloc(&n->articles[j].article, base, total) || !n->articles[j].article)
                return -1;
    }
    for (size_t i = 0; i < f->n_edges; i++) {
        kg_edge *e = &f->edges[i];
        if (reloc(&e->source, base, total) || !e->source || reloc(&e->target, base, total) ||
            !e->target || reloc(&e->relation, base, total) || !e->relation)
            return -1;
        /* The ontology's own string, as in a graph read from JSON. */
        const kg_relation_info *rel = kg_graph_relation(e->relation);
        if (!rel)
            return -1;
        e->relation = (char *)(uintptr_t)rel->name;
        if (reloc_strs(&e->weapons, e->n_weapons, base, total) ||
            reloc_array(&e->articles, e->n_articles, sizeof(kg_count), base, total) ||
            reloc_array(&e->evidence, e->n_evidence, sizeof(kg_evidence), base, total))
            return -1;
        for (size_t j = 0; j < e->n_articles; j++)
            if (reloc(&e->articles[j].article, base, total) || !e->articles[j].article)
                return -1;
        for (size_t j = 0; j < e->n_evidence; j++)
            if (reloc(&e->evidence[j].article, base, total) || !e->evidence[j].article ||
                reloc(&e->evidence[j].text, base, total))
                return -1;
    }
    return 0;
}

void kg_frozen_release(kg_frozen *fz)
{
    if (!fz)
        return;
    if (fz->map)
        munmap(fz->map, fz->map_len);
    free(fz);
}

/* Loads path's snapshot if it is fresh. Returns 0 with *out set, 1 when
 * there is no usable snapshot, or KG_ENOMEM. */
static int load_fresh(kg_graph **out, const char *path, const struct stat *st)
{
    int rc = 1;
    kg_frozen *f = NULL;
    char *sp = snap_path(path);
    int fd = sp ? open(sp, O_RDONLY) : -1;
    free(sp);
    if (fd < 0)
        return 1;
    snap_header h;
    struct stat ss;
    uint64_t sizes[5];
    layout_sizes(sizes);
    if (fstat(fd, &ss) != 0 || pread(fd, &h, sizeof h, 0) != (ssize_t)sizeof h)
        goto done;
    if (memcmp(h.magic, SNAP_MAGIC, sizeof h.magic) != 0 || h.version != SNAP_VERSION ||
        h.ptr_size != sizeof(void *) || h.byte_order != BYTE_ORDER_MARK ||
        memcmp(h.sizes, sizes, sizeof sizes) != 0 || h.total != (uint64_t)ss.st_size ||
        h.src_size != (uint64_t)st->st_size || h.src_mtime_sec != (int64_t)st->st_mtim.tv_sec ||
        h.src_mtime_nsec != (int64_t)st->st_mtim.tv_nsec)
        goto done;
    /* Array bounds, before anything is read through them. */
    if (h.total < sizeof h + 1 || h.n_arts > UINT32_MAX ||
        h.off_arts > h.total || h.n_arts > (h.total - h.off_arts) / sizeof(kg_article_meta) ||
        h.off_by_hash > h.total || h.n_arts > (h.total - h.off_by_hash) / sizeof(uint32_t) ||
        h.off_nodes > h.total || h.n_nodes > (h.total - h.off_nodes) / sizeof(kg_node) ||
        h.off_edges > h.total || h.n_edges > (h.total - h.off_edges) / sizeof(kg_edge) ||
        h.ev_limit < 1 || h.ev_limit > KG_EVIDENCE_MAX)
        goto done;
    file_key k;
    if (key_of(&k, path) != 0 || k.hash != h.src_hash || k.size != h.src_size)
        goto done;
    f = calloc(1, sizeof *f);
    if (!f) {
        rc = kg_error_set(KG_ENOMEM, "out of memory");
        goto done;
    }
    void *map = mmap(NULL, (size_t)h.total, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED)
        goto done;
    f->map = map;
    f->map_len = (size_t)h.total;
    if (((char *)map)[h.total - 1] != '\0')
        goto done;
    f->arts = (kg_article_meta *)((char *)map + h.off_arts);
    f->n_arts = (size_t)h.n_arts;
    f->by_hash = (const uint32_t *)((char *)map + h.off_by_hash);
    f->nodes = (kg_node *)((char *)map + h.off_nodes);
    f->n_nodes = (size_t)h.n_nodes;
    f->edges = (kg_edge *)((char *)map + h.off_edges);
    f->n_edges = (size_t)h.n_edges;
    f->ev_limit = (size_t)h.ev_limit;
    if (relocate(f, &h) != 0)
        goto done;
    rc = kg_graph_wrap_frozen(out, f); /* owns f from here */
    f = NULL;
done:
    kg_frozen_release(f);
    close(fd);
    if (rc == 1)
        kg_error_clear();
    return rc;
}

int kg_snapshot_load(kg_graph **out, const char *path)
{
    *out = NULL;
    struct stat st;
    if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
        st.st_size < KG_SNAPSHOT_MIN_BYTES)
        return kg_graph_read_file(out, path);
    int rc = load_fresh(out, path, &st);
    if (rc <= 0)
        return rc;
    if ((rc = kg_graph_read_file(out, path)) != 0)
        return rc;
    /* Best effort: the answer does not depend on it, only the next one's
     * speed. The key is taken now and checked against what was read. */
    file_key k;
    if (key_of(&k, path) == 0 && k.size == (uint64_t)st.st_size &&
        k.sec == (int64_t)st.st_mtim.tv_sec && k.nsec == (int64_t)st.st_mtim.tv_nsec)
        write_keyed(*out, path, &k);
    kg_error_clear();
    return 0;
}
