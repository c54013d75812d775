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
 * ==================================================================== */

typedef struct wbuf {
    char *p;
    size_t n, cap;
    int oom;
    /* Distinct strings already written: open addressing, offset 0 = empty. */
    uint64_t *str_off;
    uint64_t *str_hash;
    size_t str_cap, str_n;
} wbuf;

/* Reserves `size` zeroed bytes aligned to 8; returns their offset (0 after
 * an allocation failure, which sets oom). */
static size_t wb_alloc(wbuf *b, size_t size)
{
    size_t at = (b->n + 7) & ~(size_t)7;
    if (b->oom || at + size < at)
        goto oom;
    if (at + size > b->cap) {
        size_t cap = b->cap ? b->cap : (size_t)1 << 20;
        while (cap < at + size)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p)
            goto oom;
        b->p = p;
        b->cap = cap;
    }
    memset(b->p + b->n, 0, at + size - b->n);
    b->n = at + size;
    return at;
oom:
    b->oom = 1;
    return 0;
}

static uint64_t str_key(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
    return h | 1; /* never 0, so that 0 marks an empty slot */
}

static int strtab_grow(wbuf *b)
{
    size_t cap = b->str_cap ? b->str_cap * 2 : 4096;
    uint64_t *off = calloc(cap, sizeof *off), *hash = calloc(cap, sizeof *hash);
    if (!off || !hash) {
        free(off);
        free(hash);
        b->oom = 1;
        return -1;
    }
    for (size_t i = 0; i < b->str_cap; i++) {
        if (!b->str_off[i])
            continue;
        size_t j = (size_t)b->str_hash[i] & (cap - 1);
        while (off[j])
            j = (j + 1) & (cap - 1);
        off[j] = b->str_off[i];
        hash[j] = b->str_hash[i];
    }
    free(b->str_off);
    free(b->str_hash);
    b->str_off = off;
    b->str_hash = hash;
    b->str_cap = cap;
    return 0;
}

/* The offset of a copy of s in the buffer, as a pointer value (NULL for
 * NULL). Equal strings share one copy: article ids recur in every count
 * map and evidence record. */
static char *wb_str(wbuf *b, const char *s)
{
    if (!s || b->oom)
        return NULL;
    if ((b->str_n + 1) * 2 > b->str_cap && strtab_grow(b) != 0)
        return NULL;
    size_t n = strlen(s);
    uint64_t h = str_key(s, n);
    size_t j = (size_t)h & (b->str_cap - 1);
    while (b->str_off[j]) {
        if (b->str_hash[j] == h && memcmp(b->p + b->str_off[j], s, n + 1) == 0)
            return (char *)(uintptr_t)b->str_off[j];
        j = (j + 1) & (b->str_cap - 1);
    }
    size_t at = b->n;
    /* Strings need no alignment: append them byte for byte. */
    if (at + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : (size_t)1 << 20;
        while (cap < at + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->oom = 1;
            return NULL;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + at, s, n + 1);
    b->n = at + n + 1;
    b->str_off[j] = at;
    b->str_hash[j] = h;
    b->str_n++;
    return (char *)(uintptr_t)at;
}

/* Copies an array of strings; returns its offset as a pointer value. */
static char **wb_strs(wbuf *b, char *const *a, size_t n)
{
    if (!n)
        return NULL;
    size_t at = wb_alloc(b, n * sizeof(char *));
    for (size_t i = 0; i < n && !b->oom; i++) {
        char *s = wb_str(b, a[i]);
        memcpy(b->p + at + i * sizeof(char *), &s, sizeof s);
    }
    return (char **)(uintptr_t)at;
}

static kg_count *wb_counts(wbuf *b, const kg_count *a, size_t n)
{
    if (!n)
        return NULL;
    size_t at = wb_alloc(b, n * sizeof(kg_count));
    for (size_t i = 0; i < n && !b->oom; i++) {
        kg_count c = {wb_str(b, a[i].article), a[i].count};
        memcpy(b->p + at + i * sizeof c, &c, sizeof c);
    }
    return (kg_count *)(uintptr_t)at;
}

static kg_evidence *wb_evidence(wbuf *b, const kg_evidence *a, size_t n)
{
    if (!n)
        return NULL;
    size_t at = wb_alloc(b, n * sizeof(kg_evidence));
    for (size_t i = 0; i < n && !b->oom; i++) {
        kg_evidence e = a[i];
        e.article = wb_str(b, a[i].article);
        e.text = wb_str(b, a[i].text);
        memcpy(b->p + at + i * sizeof e, &e, sizeof e);
    }
    return (kg_evidence *)(uintptr_t)at;
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

/* Lays g out in b. */
static void lay_out(wbuf *b, const kg_graph *g, snap_header *h)
{
    size_t na = kg_graph_article_count(g), nn = kg_graph_node_count(g),
           ne = kg_graph_edge_count(g);
    wb_alloc(b, sizeof *h);
    h->n_arts = na;
    h->n_nodes = nn;
    h->n_edges = ne;
    h->ev_limit = kg_graph_evidence_limit(g);
    h->off_arts = wb_alloc(b, na * sizeof(kg_article_meta));
    h->off_by_hash = wb_alloc(b, na * sizeof(uint32_t));
    h->off_nodes = wb_alloc(b, nn * sizeof(kg_node));
    h->off_edges = wb_alloc(b, ne * sizeof(kg_edge));

    hash_ix *ix = na ? malloc(na * sizeof *ix) : NULL;
    if (na && !ix)
        b->oom = 1;
    for (size_t i = 0; i < na && !b->oom; i++) {
        const kg_article_meta *m = kg_graph_article(g, i);
        kg_article_meta c = {wb_str(b, m->id), wb_str(b, m->title), wb_str(b, m->date),
                             wb_str(b, m->source), wb_str(b, m->hash)};
        memcpy(b->p + h->off_arts + i * sizeof c, &c, sizeof c);
        ix[i].hash = m->hash ? m->hash : "";
        ix[i].i = (uint32_t)i;
    }
    if (!b->oom && na) {
        qsort(ix, na, sizeof *ix, hash_ix_cmp);
        for (size_t i = 0; i < na; i++)
            memcpy(b->p + h->off_by_hash + i * sizeof(uint32_t), &ix[i].i, sizeof(uint32_t));
    }
    free(ix);

    for (size_t i = 0; i < nn && !b->oom; i++) {
        const kg_node *n = kg_graph_node(g, i);
        kg_node c = *n;
        c.id = wb_str(b, n->id);
        c.label = wb_str(b, n->label);
        c.aliases = wb_strs(b, n->aliases, n->n_aliases);
        c.roles = wb_strs(b, n->roles, n->n_roles);
        c.articles = wb_counts(b, n->articles, n->n_articles);
        if (!b->oom)
            memcpy(b->p + h->off_nodes + i * sizeof c, &c, sizeof c);
    }
    for (size_t i = 0; i < ne && !b->oom; i++) {
        const kg_edge *e = kg_graph_edge(g, i);
        kg_edge c = *e;
        c.source = wb_str(b, e->source);
        c.relation = wb_str(b, e->relation);
        c.target = wb_str(b, e->target);
        c.weapons = wb_strs(b, e->weapons, e->n_weapons);
        c.articles = wb_counts(b, e->articles, e->n_articles);
        c.evidence = wb_evidence(b, e->evidence, e->n_evidence);
        if (!b->oom)
            memcpy(b->p + h->off_edges + i * sizeof c, &c, sizeof c);
    }
    /* A final NUL: any string offset inside the file then ends inside it. */
    size_t end = wb_alloc(b, 1);
    (void)end;
    h->total = b->n;
}

/* Writes the snapshot of g for graph_path, whose key must be `k`. */
static int write_keyed(const kg_graph *g, const char *graph_path, const file_key *k)
{
    int rc = 0;
    wbuf b;
    memset(&b, 0, sizeof b);
    snap_header h;
    memset(&h, 0, sizeof h);
    char *path = snap_path(graph_path);
    if (!path) {
        rc = kg_error_set(KG_EIO, "%s: path too long for a snapshot", graph_path);
        goto done;
    }
    lay_out(&b, g, &h);
    if (b.oom) {
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
    memcpy(b.p, &h, sizeof h);
    kg_out o;
    if ((rc = kg_out_open(&o, path)) != 0)
        goto done;
    if (fwrite(b.p, 1, b.n, o.f) != b.n) {
        kg_out_abort(&o);
        rc = kg_error_set(KG_EIO, "%s: %s", path, strerror(errno));
        goto done;
    }
    rc = kg_out_commit(&o);
done:
    free(b.p);
    free(b.str_off);
    free(b.str_hash);
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
        !S_ISREG(st.st_mode) || st.st_size < KG_SNAPSHOT_MIN_BYTES)
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
