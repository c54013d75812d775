/*
 * document.c - the graph document (JSON Graph Format v2, DESIGN.md "The
 * graph document"): the canonical writer and the validating reader.
 *
 * The writer streams: it walks the graph's canonical views and escapes
 * strings straight into an output buffer, never building a JSON tree, so
 * writing a large graph costs little memory. The same walk serves files and
 * strings, which keeps file output and kg_graph_to_string() byte-identical.
 *
 * The reader walks the top of each document itself and has cJSON parse one
 * piece at a time (the metadata, one node, one edge), merging each into the
 * target graph as it is validated; no tree of a whole document is built. A
 * file is either one document (possibly pretty-printed) or JSON Lines of
 * documents (`kg extract` output); JSON Lines are read line by line, so
 * memory grows with the graph, not the input. Syntax errors are reported as
 * file:line:column; semantic errors name the node id or the edge index.
 */
#include "kg/error.h"
#include "kg/graph.h"
#include "graph_int.h"
#include "util.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Output is buffered in chunks of this size before it reaches the FILE. */
#define WRITE_CHUNK (64 * 1024)
/* Counts and offsets must fit a double exactly (cJSON stores numbers as
 * doubles), so larger values could not round-trip. */
#define MAX_JSON_INT 9007199254740991.0
/* The "version" of the kg document this code reads and writes. */
#define KG_DOC_VERSION 1

/* ==== writer ============================================================== */

typedef struct writer {
    char *buf;
    size_t len, cap;
    FILE *f; /* NULL: accumulate everything (to_string) */
    int err; /* KG_ENOMEM or KG_EIO once something failed */
    int pretty;
} writer;

static int w_flush(writer *w)
{
    if (!w->f || w->err || w->len == 0)
        return w->err;
    if (fwrite(w->buf, 1, w->len, w->f) != w->len)
        w->err = KG_EIO;
    w->len = 0;
    return w->err;
}

static void w_reserve(writer *w, size_t n)
{
    if (w->err || w->len + n <= w->cap)
        return;
    if (w->f && w->len > 0 && w_flush(w) != 0)
        return;
    if (w->len + n <= w->cap)
        return;
    size_t cap = w->cap ? w->cap : WRITE_CHUNK;
    while (cap < w->len + n)
        cap *= 2;
    char *b = realloc(w->buf, cap);
    if (!b) {
        w->err = KG_ENOMEM;
        return;
    }
    w->buf = b;
    w->cap = cap;
}

static void w_put(writer *w, const char *s, size_t n)
{
    if (n == 0)
        return;
    w_reserve(w, n);
    if (w->err)
        return;
    memcpy(w->buf + w->len, s, n);
    w->len += n;
}

#define W_LIT(w, lit) w_put((w), (lit), sizeof(lit) - 1)

static void w_ulong(writer *w, unsigned long long v)
{
    char tmp[24];
    size_t i = sizeof tmp;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    w_put(w, tmp + i, sizeof tmp - i);
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if invalid. */
static size_t utf8_seq(const unsigned char *s)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        return s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        return s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80 ? 4 : 0;
    }
    return 0;
}

#define P16(x) x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x
/* 1 for the bytes a JSON string holds as they are: printable ASCII but the
 * quote and the backslash. The writer's inner loop is one look-up. */
/* clang-format off */
static const unsigned char plain[256] = {
    P16(0), P16(0),                                 /* 0x00-0x1f: control characters */
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x20-0x2f: 0x22 is '"' */
    P16(1), P16(1),
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, /* 0x50-0x5f: 0x5c is '\\' */
    P16(1), P16(1),
    P16(0), P16(0), P16(0), P16(0),                 /* 0x80-0xff: UTF-8, checked */
    P16(0), P16(0), P16(0), P16(0),
};
/* clang-format on */
#undef P16

/* Writes s as a JSON string: RFC 8259 escapes, every control character as
 * \u00XX (the one form kg documents use), UTF-8 kept as is,
 * "/" not escaped. Invalid UTF-8 (which the reader rejects, but a caller of the
 * merge functions might pass) becomes U+FFFD so the output is always JSON. */
static void w_str(writer *w, const char *str)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *s = (const unsigned char *)(str ? str : "");
    w_reserve(w, 2);
    W_LIT(w, "\"");
    const unsigned char *run = s;
    for (;;) {
        while (plain[*s])
            s++;
        unsigned c = *s;
        if (c >= 0x80) {
            size_t n = utf8_seq(s);
            if (n) {
                s += n;
                continue;
            }
        }
        w_put(w, (const char *)run, (size_t)(s - run));
        if (c == 0)
            break;
        switch (c) {
        case '"':
            W_LIT(w, "\\\"");
            break;
        case '\\':
            W_LIT(w, "\\\\");
            break;
        default:
            if (c < 0x20) {
                char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                w_put(w, e, sizeof e);
            } else {
                W_LIT(w, "\xEF\xBF\xBD"); /* U+FFFD for an invalid byte */
            }
        }
        s++;
        run = s;
    }
    W_LIT(w, "\"");
}

/* Newline and indentation for `depth` levels (nothing when compact). */
static void w_nl(writer *w, int depth)
{
    static const char spaces[] = "                                ";
    if (!w->pretty)
        return;
    W_LIT(w, "\n");
    w_put(w, spaces, (size_t)depth * 2 < sizeof spaces - 1 ? (size_t)depth * 2 : sizeof spaces - 1);
}

/* `"key": ` (or `"key":` compact). Keys here are fixed ASCII. */
static void w_key(writer *w, const char *key)
{
    W_LIT(w, "\"");
    w_put(w, key, strlen(key));
    if (w->pretty)
        W_LIT(w, "\": ");
    else
        W_LIT(w, "\":");
}

static void w_sep(writer *w)
{
    if (w->pretty)
        W_LIT(w, ", ");
    else
        W_LIT(w, ",");
}

static void w_str_array(writer *w, char *const *a, size_t n)
{
    W_LIT(w, "[");
    for (size_t i = 0; i < n; i++) {
        if (i)
            w_sep(w);
        w_str(w, a[i]);
    }
    W_LIT(w, "]");
}

static void w_counts(writer *w, const kg_count *a, size_t n)
{
    W_LIT(w, "{");
    for (size_t i = 0; i < n; i++) {
        if (i)
            w_sep(w);
        w_str(w, a[i].article);
        W_LIT(w, ":");
        if (w->pretty)
            W_LIT(w, " ");
        w_ulong(w, a[i].count);
    }
    W_LIT(w, "}");
}

static void w_pair(writer *w, const size_t p[2])
{
    W_LIT(w, "[");
    w_ulong(w, p[0]);
    w_sep(w);
    w_ulong(w, p[1]);
    W_LIT(w, "]");
}

/* A member of an object whose members stand one to a line: the comma
 * after the one before (none for the first), the line break and indent,
 * then the key. */
static void w_member(writer *w, int first, int depth, const char *key)
{
    if (!first)
        W_LIT(w, ",");
    w_nl(w, depth);
    w_key(w, key);
}

/* A member of an object written on one line ("a": 1, "b": 2). */
static void w_inline(writer *w, int first, const char *key)
{
    if (!first)
        w_sep(w);
    w_key(w, key);
}

/* The closing bracket of a multi-line object or array, on its own line at
 * `depth`. */
static void w_close(writer *w, int depth, const char *bracket)
{
    w_nl(w, depth);
    w_put(w, bracket, 1);
}

/* `"id": ` before an object that a map holds under that id. */
static void w_map_key(writer *w, const char *id)
{
    w_str(w, id);
    W_LIT(w, ":");
    if (w->pretty)
        W_LIT(w, " ");
}

static void w_article(writer *w, const kg_article_meta *a)
{
    w_map_key(w, a->id);
    W_LIT(w, "{");
    w_inline(w, 1, "title");
    w_str(w, a->title);
    w_inline(w, 0, "date");
    w_str(w, a->date);
    w_inline(w, 0, "source");
    w_str(w, a->source);
    w_inline(w, 0, "hash");
    w_str(w, a->hash);
    W_LIT(w, "}");
}

static void w_node(writer *w, const kg_node *n)
{
    w_map_key(w, n->id);
    W_LIT(w, "{");
    w_member(w, 1, 4, "label");
    w_str(w, n->label);
    w_member(w, 0, 4, "metadata");
    W_LIT(w, "{");
    w_member(w, 1, 5, "type");
    w_str(w, kg_type_name(n->type));
    w_member(w, 0, 5, "aliases");
    w_str_array(w, n->aliases, n->n_aliases);
    w_member(w, 0, 5, "roles");
    w_str_array(w, n->roles, n->n_roles);
    w_member(w, 0, 5, "articles");
    w_counts(w, n->articles, n->n_articles);
    w_close(w, 4, "}");
    w_close(w, 3, "}");
}

static void w_evidence(writer *w, const kg_evidence *e)
{
    W_LIT(w, "{");
    w_inline(w, 1, "article");
    w_str(w, e->article);
    w_inline(w, 0, "start");
    w_ulong(w, e->start);
    w_inline(w, 0, "end");
    w_ulong(w, e->end);
    w_inline(w, 0, "subject");
    w_pair(w, e->subject);
    w_inline(w, 0, "object");
    w_pair(w, e->object);
    w_inline(w, 0, "text");
    w_str(w, e->text);
    W_LIT(w, "}");
}

static void w_edge(writer *w, const kg_edge *e)
{
    W_LIT(w, "{");
    w_member(w, 1, 4, "source");
    w_str(w, e->source);
    w_member(w, 0, 4, "relation");
    w_str(w, e->relation);
    w_member(w, 0, 4, "target");
    w_str(w, e->target);
    if (!e->directed) {
        w_member(w, 0, 4, "directed");
        W_LIT(w, "false");
    }
    w_member(w, 0, 4, "metadata");
    W_LIT(w, "{");
    w_member(w, 1, 5, "weight");
    w_ulong(w, e->weight);
    w_member(w, 0, 5, "weapons");
    w_str_array(w, e->weapons, e->n_weapons);
    w_member(w, 0, 5, "articles");
    w_counts(w, e->articles, e->n_articles);
    w_member(w, 0, 5, "evidence");
    W_LIT(w, "[");
    for (size_t i = 0; i < e->n_evidence; i++) {
        if (i)
            W_LIT(w, ",");
        w_nl(w, 6);
        w_evidence(w, &e->evidence[i]);
    }
    if (e->n_evidence)
        w_nl(w, 5);
    W_LIT(w, "]");
    w_close(w, 4, "}");
    w_close(w, 3, "}");
}

static int w_graph(writer *w, const kg_graph *g)
{
    size_t na = kg_graph_article_count(g), nn = kg_graph_node_count(g), ne = kg_graph_edge_count(g);
    W_LIT(w, "{");
    w_member(w, 1, 1, "graph");
    W_LIT(w, "{");
    w_member(w, 1, 2, "directed");
    W_LIT(w, "true");
    w_member(w, 0, 2, "metadata");
    W_LIT(w, "{");
    w_member(w, 1, 3, "format");
    W_LIT(w, "\"kg\"");
    w_member(w, 0, 3, "version");
    w_ulong(w, KG_DOC_VERSION);
    w_member(w, 0, 3, "articles");
    W_LIT(w, "{");
    for (size_t i = 0; i < na; i++) {
        const kg_article_meta *a = kg_graph_article(g, i);
        if (!a)
            return kg_error_set(KG_ENOMEM, "out of memory");
        if (i)
            W_LIT(w, ",");
        w_nl(w, 4);
        w_article(w, a);
    }
    if (na)
        w_nl(w, 3);
    W_LIT(w, "}");
    w_close(w, 2, "}");
    w_member(w, 0, 2, "nodes");
    W_LIT(w, "{");
    for (size_t i = 0; i < nn; i++) {
        const kg_node *n = kg_graph_node(g, i);
        if (!n)
            return kg_error_set(KG_ENOMEM, "out of memory");
        if (i)
            W_LIT(w, ",");
        w_nl(w, 3);
        w_node(w, n);
    }
    if (nn)
        w_nl(w, 2);
    W_LIT(w, "}");
    w_member(w, 0, 2, "edges");
    W_LIT(w, "[");
    for (size_t i = 0; i < ne; i++) {
        const kg_edge *e = kg_graph_edge(g, i);
        if (!e)
            return kg_error_set(KG_ENOMEM, "out of memory");
        if (i)
            W_LIT(w, ",");
        w_nl(w, 3);
        w_edge(w, e);
    }
    if (ne)
        w_nl(w, 2);
    W_LIT(w, "]");
    w_close(w, 1, "}");
    w_close(w, 0, "}");
    if (w->pretty)
        W_LIT(w, "\n");
    return w->err;
}

int kg_graph_to_string(char **out, const kg_graph *g, int flags)
{
    *out = NULL;
    writer w = {.pretty = !(flags & KG_GRAPH_COMPACT)};
    int rc = w_graph(&w, g);
    if (rc == 0)
        w_reserve(&w, 1);
    if (rc == 0 && w.err)
        rc = w.err;
    if (rc) {
        free(w.buf);
        if (rc == KG_ENOMEM)
            return kg_error_set(KG_ENOMEM, "out of memory");
        return rc;
    }
    w.buf[w.len] = '\0';
    *out = w.buf;
    return 0;
}

int kg_graph_write(const kg_graph *g, FILE *f, int flags)
{
    writer w = {.pretty = !(flags & KG_GRAPH_COMPACT), .f = f};
    int rc = w_graph(&w, g);
    /* A stream holds lines: a compact document ends its line too. */
    if (rc == 0 && !w.pretty)
        W_LIT(&w, "\n");
    if (rc == 0)
        rc = w_flush(&w);
    int err = errno ? errno : EIO; /* the failed write's reason, before free() */
    free(w.buf);
    if (rc == KG_EIO) {
        kg_error_set(KG_EIO, "write failed: %s", strerror(err));
        errno = err; /* kg_graph_write_file() names the file with it */
        return KG_EIO;
    }
    if (rc == KG_ENOMEM)
        return kg_error_set(KG_ENOMEM, "out of memory");
    return rc;
}

int kg_graph_write_file(const kg_graph *g, const char *path, int flags)
{
    const char *shown = (!path || strcmp(path, "-") == 0) ? "<stdout>" : path;
    int rc = 0;
    kg_out o;
    if ((rc = kg_out_open(&o, path)) != 0)
        return rc;
    if ((rc = kg_graph_write(g, o.f, flags)) != 0) {
        const char *why = rc == KG_ENOMEM ? "out of memory" : strerror(errno ? errno : EIO);
        kg_out_abort(&o);
        return kg_error_set(rc, "%s: write failed: %s", shown, why);
    }
    return kg_out_commit(&o);
}

/* ==== reader ============================================================== */

/* A set of borrowed strings (this document's node ids), open addressing. */
typedef struct idset {
    const char **slots;
    size_t cap, n;
} idset;

static uint64_t id_hash(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        h ^= *p;
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* 1 if s was added, 0 if it was there already, KG_ENOMEM. */
static int idset_add(idset *set, const char *s)
{
    if ((set->n + 1) * 2 > set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 64;
        const char **slots = calloc(cap, sizeof *slots);
        if (!slots)
            return kg_error_set(KG_ENOMEM, "out of memory");
        for (size_t i = 0; i < set->cap; i++) {
            if (!set->slots[i])
                continue;
            size_t j = (size_t)id_hash(set->slots[i]) & (cap - 1);
            while (slots[j])
                j = (j + 1) & (cap - 1);
            slots[j] = set->slots[i];
        }
        free(set->slots);
        set->slots = slots;
        set->cap = cap;
    }
    size_t j = (size_t)id_hash(s) & (set->cap - 1);
    while (set->slots[j]) {
        if (strcmp(set->slots[j], s) == 0)
            return 0;
        j = (j + 1) & (set->cap - 1);
    }
    set->slots[j] = s;
    set->n++;
    return 1;
}

static int idset_has(const idset *set, const char *s)
{
    if (!set->cap)
        return 0;
    size_t j = (size_t)id_hash(s) & (set->cap - 1);
    while (set->slots[j]) {
        if (strcmp(set->slots[j], s) == 0)
            return 1;
        j = (j + 1) & (set->cap - 1);
    }
    return 0;
}

/* Scratch arrays reused from node to node, so that reading allocates little. */
typedef struct scratch {
    char **strs;
    size_t cap_strs;
    kg_count *counts;
    size_t cap_counts;
    kg_evidence *ev;
    size_t cap_ev;
} scratch;

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 16;
    while (c < need)
        c *= 2;
    void *n = realloc(*p, c * size);
    if (!n)
        return kg_error_set(KG_ENOMEM, "out of memory");
    *p = n;
    *cap = c;
    return 0;
}

static void scratch_free(scratch *s)
{
    free(s->strs);
    free(s->counts);
    free(s->ev);
}

/* What is being read, for messages: "g.json" or "g.jsonl:12". */
typedef struct ctx {
    const char *where;
    kg_graph *into;
    idset ids;   /* this document's node ids (borrowed from keys) */
    char **keys; /* this document's node ids, owned until the next one */
    size_t n_keys, cap_keys;
    scratch sc;
} ctx;

/* The item being read, for messages. Formatting it costs an snprintf, so it
 * is only done when there is an error to report. */
typedef struct place {
    const char *kind;      /* "article", "node", "edge" */
    const char *id;        /* article or node id */
    size_t index;          /* edge index */
    const char *s, *r, *t; /* edge endpoints, once known */
    long ev;               /* evidence index, or -1 */
} place;

/* Longest place description: "edge N (source -relation-> target): evidence M"
 * with the parts cut as in place_str(). */
#define PLACE_MAX 320

static const char *place_str(const place *p, char *buf, size_t n)
{
    int k;
    if (p->id)
        k = snprintf(buf, n, "%s %.100s", p->kind, p->id);
    else if (p->s)
        k = snprintf(buf, n, "edge %zu (%.80s -%.30s-> %.80s)", p->index, p->s, p->r, p->t);
    else
        k = snprintf(buf, n, "edge %zu", p->index);
    if (p->ev >= 0 && k > 0 && (size_t)k < n)
        snprintf(buf + k, n - (size_t)k, ": evidence %ld", p->ev);
    return buf;
}

/* A place as a string, in a buffer that lives until the end of the
 * enclosing block (a compound literal). */
#define WHAT(p) place_str((p), (char[PLACE_MAX]){0}, PLACE_MAX)

static int utf8_valid(const char *str)
{
    const unsigned char *s = (const unsigned char *)str;
    while (*s) {
        size_t n = utf8_seq(s);
        if (!n)
            return 0;
        s += n;
    }
    return 1;
}

/* The string value of `item` (NULL item = absent). Sets *out to NULL when
 * absent and `optional`; reports a type error otherwise. `what` names the
 * place for the message ("node X: label"). */
static int get_str(ctx *c, const cJSON *item, const char **out, int optional, const place *what,
                   const char *field)
{
    *out = NULL;
    if (!item) {
        if (optional)
            return 0;
        return kg_error_set(KG_EINVALID, "%s: %s: %s is missing", c->where, WHAT(what), field);
    }
    if (!cJSON_IsString(item) || !item->valuestring)
        return kg_error_set(KG_EINVALID, "%s: %s: %s is not a string", c->where, WHAT(what), field);
    if (!utf8_valid(item->valuestring))
        return kg_error_set(KG_EINVALID, "%s: %s: %s is not valid UTF-8", c->where, WHAT(what),
                            field);
    *out = item->valuestring;
    return 0;
}

static int get_uint(ctx *c, const cJSON *item, unsigned long long *out, const place *what,
                    const char *field)
{
    if (!item)
        return kg_error_set(KG_EINVALID, "%s: %s: %s is missing", c->where, WHAT(what), field);
    if (!cJSON_IsNumber(item))
        return kg_error_set(KG_EINVALID, "%s: %s: %s is not a number", c->where, WHAT(what), field);
    double d = item->valuedouble;
    if (!(d >= 0) || d > MAX_JSON_INT || floor(d) != d)
        return kg_error_set(KG_EINVALID, "%s: %s: %s is not a non-negative integer", c->where,
                            WHAT(what), field);
    *out = (unsigned long long)d;
    return 0;
}

/* Collects an optional array of strings into c->sc.strs[at..]. */
static int get_str_array(ctx *c, const cJSON *arr, size_t at, size_t *n, const place *what,
                         const char *field)
{
    *n = 0;
    if (!arr)
        return 0;
    if (!cJSON_IsArray(arr))
        return kg_error_set(KG_EINVALID, "%s: %s: %s is not an array", c->where, WHAT(what), field);
    int rc;
    size_t count = (size_t)cJSON_GetArraySize(arr);
    if ((rc = grow((void **)&c->sc.strs, &c->sc.cap_strs, at + count, sizeof(char *))) != 0)
        return rc;
    const cJSON *it;
    cJSON_ArrayForEach(it, arr)
    {
        const char *s;
        if ((rc = get_str(c, it, &s, 0, what, field)) != 0)
            return rc;
        c->sc.strs[at + (*n)++] = (char *)s;
    }
    return 0;
}

/* Collects an optional {article: count} object into c->sc.counts. */
static int get_counts(ctx *c, const cJSON *obj, size_t *n, const place *what, const char *field)
{
    *n = 0;
    if (!obj)
        return 0;
    if (!cJSON_IsObject(obj))
        return kg_error_set(KG_EINVALID, "%s: %s: %s is not an object", c->where, WHAT(what),
                            field);
    int rc;
    size_t count = (size_t)cJSON_GetArraySize(obj);
    if ((rc = grow((void **)&c->sc.counts, &c->sc.cap_counts, count, sizeof(kg_count))) != 0)
        return rc;
    const cJSON *it;
    cJSON_ArrayForEach(it, obj)
    {
        unsigned long long v;
        if (!it->string || !it->string[0] || !utf8_valid(it->string))
            return kg_error_set(KG_EINVALID, "%s: %s: %s: an article id is empty or not UTF-8",
                                c->where, WHAT(what), field);
        if ((rc = get_uint(c, it, &v, what, field)) != 0)
            return rc;
        c->sc.counts[*n].article = it->string;
        c->sc.counts[*n].count = (unsigned long)v;
        (*n)++;
    }
    return 0;
}

/* Case-sensitive member look-up; JSON keys are case-sensitive. */
static const cJSON *member(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

static int read_articles(ctx *c, const cJSON *arts)
{
    if (!arts)
        return 0;
    if (!cJSON_IsObject(arts))
        return kg_error_set(KG_EINVALID, "%s: metadata.articles is not an object", c->where);
    idset seen = {0};
    int rc = 0;
    const cJSON *a;
    cJSON_ArrayForEach(a, arts)
    {
        if (!a->string || !a->string[0] || !utf8_valid(a->string)) {
            rc = kg_error_set(KG_EINVALID, "%s: an article id is empty or not UTF-8", c->where);
            goto done;
        }
        place at = {.kind = "article", .id = a->string, .ev = -1};
        const place *what = &at;
        if ((rc = idset_add(&seen, a->string)) < 0)
            goto done;
        if (rc == 0) {
            rc = kg_error_set(KG_EINVALID, "%s: %s: duplicate article id", c->where, WHAT(what));
            goto done;
        }
        if (!cJSON_IsObject(a)) {
            rc = kg_error_set(KG_EINVALID, "%s: %s is not an object", c->where, WHAT(what));
            goto done;
        }
        kg_article_meta m = {.id = a->string};
        const char *v;
        static const char *const names[] = {"title", "date", "source", "hash"};
        char **slots[] = {&m.title, &m.date, &m.source, &m.hash};
        for (int i = 0; i < 4; i++) {
            if ((rc = get_str(c, member(a, names[i]), &v, 1, what, names[i])) != 0)
                goto done;
            *slots[i] = (char *)v;
        }
        if ((rc = kg_graph_add_article(c->into, &m)) != 0)
            goto done;
    }
    rc = 0;
done:
    free(seen.slots);
    return rc;
}

static int read_node(ctx *c, const cJSON *item)
{
    const char *id = item->string;
    int rc;
    if (!id || !id[0] || !utf8_valid(id))
        return kg_error_set(KG_EINVALID, "%s: a node id is empty or not UTF-8", c->where);
    place at = {.kind = "node", .id = id, .ev = -1};
    const place *what = &at;
    if ((rc = idset_add(&c->ids, id)) < 0)
        return rc;
    if (rc == 0)
        return kg_error_set(KG_EINVALID, "%s: %s: duplicate node id", c->where, WHAT(what));
    if (!cJSON_IsObject(item))
        return kg_error_set(KG_EINVALID, "%s: %s is not an object", c->where, WHAT(what));
    kg_node n = {.id = (char *)id};
    const char *s;
    if ((rc = get_str(c, member(item, "label"), &s, 0, what, "label")) != 0)
        return rc;
    if (!s[0])
        return kg_error_set(KG_EINVALID, "%s: %s: label is empty", c->where, WHAT(what));
    n.label = (char *)s;
    const cJSON *md = member(item, "metadata");
    if (!cJSON_IsObject(md))
        return kg_error_set(KG_EINVALID, "%s: %s: metadata is %s", c->where, WHAT(what),
                            md ? "not an object" : "missing");
    if ((rc = get_str(c, member(md, "type"), &s, 0, what, "metadata.type")) != 0)
        return rc;
    if (kg_type_parse(&n.type, s) != 0)
        return kg_error_set(KG_EINVALID, "%s: %s: unknown node type \"%.40s\"", c->where,
                            WHAT(what), s);
    if ((rc = get_str_array(c, member(md, "aliases"), 0, &n.n_aliases, what, "metadata.aliases")) !=
        0)
        return rc;
    if ((rc = get_str_array(c, member(md, "roles"), n.n_aliases, &n.n_roles, what,
                            "metadata.roles")) != 0)
        return rc;
    n.aliases = c->sc.strs;
    /* NULL + 0 is undefined (clang UBSan): no scratch strings yet, no roles. */
    n.roles = c->sc.strs ? c->sc.strs + n.n_aliases : NULL;
    if ((rc = get_counts(c, member(md, "articles"), &n.n_articles, what, "metadata.articles")) != 0)
        return rc;
    n.articles = c->sc.counts;
    if ((rc = kg_graph_merge_node(c->into, &n)) != 0) {
        if (rc == KG_ENOMEM)
            return rc;
        char msg[256];
        snprintf(msg, sizeof msg, "%s", kg_error_last());
        return kg_error_set(rc, "%s: %s", c->where, msg);
    }
    return 0;
}

static int read_pair(ctx *c, const cJSON *arr, size_t out[2], const place *what, const char *field)
{
    if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) != 2)
        return kg_error_set(KG_EINVALID, "%s: %s: %s is not a [start, end] pair", c->where,
                            WHAT(what), field);
    unsigned long long v;
    int rc;
    if ((rc = get_uint(c, arr->child, &v, what, field)) != 0)
        return rc;
    out[0] = (size_t)v;
    if ((rc = get_uint(c, arr->child->next, &v, what, field)) != 0)
        return rc;
    out[1] = (size_t)v;
    return 0;
}

static int read_evidence(ctx *c, const cJSON *arr, size_t *n, const place *what)
{
    *n = 0;
    if (!arr)
        return 0;
    if (!cJSON_IsArray(arr))
        return kg_error_set(KG_EINVALID, "%s: %s: evidence is not an array", c->where, WHAT(what));
    int rc;
    size_t count = (size_t)cJSON_GetArraySize(arr);
    if ((rc = grow((void **)&c->sc.ev, &c->sc.cap_ev, count, sizeof(kg_evidence))) != 0)
        return rc;
    const cJSON *it;
    place at = *what;
    const place *ewhat = &at;
    cJSON_ArrayForEach(it, arr)
    {
        kg_evidence *e = &c->sc.ev[*n];
        memset(e, 0, sizeof *e);
        unsigned long long v;
        const char *s;
        at.ev = (long)*n;
        if (!cJSON_IsObject(it))
            return kg_error_set(KG_EINVALID, "%s: %s is not an object", c->where, WHAT(ewhat));
        /* One pass over the members instead of one look-up per key: evidence
         * records are the most numerous objects of a graph. */
        enum { ART, START, END, SUBJ, OBJ, TEXT, NKEYS };
        static const char *const keys[NKEYS] = {"article", "start",  "end",
                                                "subject", "object", "text"};
        const cJSON *f[NKEYS] = {0};
        for (const cJSON *k = it->child; k; k = k->next)
            for (int j = 0; j < NKEYS; j++)
                if (!f[j] && k->string && k->string[0] == keys[j][0] &&
                    strcmp(k->string, keys[j]) == 0) {
                    f[j] = k;
                    break;
                }
        if ((rc = get_str(c, f[ART], &s, 0, ewhat, "article")) != 0)
            return rc;
        if (!s[0])
            return kg_error_set(KG_EINVALID, "%s: %s: article is empty", c->where, WHAT(ewhat));
        e->article = (char *)s;
        if ((rc = get_uint(c, f[START], &v, ewhat, "start")) != 0)
            return rc;
        e->start = (size_t)v;
        if ((rc = get_uint(c, f[END], &v, ewhat, "end")) != 0)
            return rc;
        e->end = (size_t)v;
        if ((rc = read_pair(c, f[SUBJ], e->subject, ewhat, "subject")) != 0)
            return rc;
        if ((rc = read_pair(c, f[OBJ], e->object, ewhat, "object")) != 0)
            return rc;
        if ((rc = get_str(c, f[TEXT], &s, 1, ewhat, "text")) != 0)
            return rc;
        e->text = (char *)(s ? s : "");
        (*n)++;
    }
    return 0;
}

static int read_edge(ctx *c, const cJSON *item, size_t index)
{
    place at = {.kind = "edge", .index = index, .ev = -1};
    const place *what = &at;
    int rc;
    if (!cJSON_IsObject(item))
        return kg_error_set(KG_EINVALID, "%s: %s is not an object", c->where, WHAT(what));
    const char *s, *r, *t;
    if ((rc = get_str(c, member(item, "source"), &s, 0, what, "source")) != 0)
        return rc;
    if ((rc = get_str(c, member(item, "relation"), &r, 0, what, "relation")) != 0)
        return rc;
    if ((rc = get_str(c, member(item, "target"), &t, 0, what, "target")) != 0)
        return rc;
    at.s = s;
    at.r = r;
    at.t = t;
    const kg_relation_info *rel = kg_graph_relation(r);
    if (!rel)
        return kg_error_set(KG_EINVALID, "%s: %s: unknown relation \"%.40s\"", c->where, WHAT(what),
                            r);
    if (!idset_has(&c->ids, s))
        return kg_error_set(KG_EINVALID, "%s: %s: source is not a node", c->where, WHAT(what));
    if (!idset_has(&c->ids, t))
        return kg_error_set(KG_EINVALID, "%s: %s: target is not a node", c->where, WHAT(what));
    const cJSON *dir = member(item, "directed");
    if (dir && !cJSON_IsBool(dir))
        return kg_error_set(KG_EINVALID, "%s: %s: directed is not true or false", c->where,
                            WHAT(what));
    kg_edge e = {.source = (char *)s, .relation = (char *)r, .target = (char *)t};
    const cJSON *md = member(item, "metadata");
    if (md) {
        if (!cJSON_IsObject(md))
            return kg_error_set(KG_EINVALID, "%s: %s: metadata is not an object", c->where,
                                WHAT(what));
        const cJSON *wt = member(md, "weight");
        unsigned long long v;
        /* weight is derived from the counts: checked, not trusted. */
        if (wt && (rc = get_uint(c, wt, &v, what, "metadata.weight")) != 0)
            return rc;
        if ((rc = get_str_array(c, member(md, "weapons"), 0, &e.n_weapons, what,
                                "metadata.weapons")) != 0)
            return rc;
        e.weapons = c->sc.strs;
        if ((rc = get_counts(c, member(md, "articles"), &e.n_articles, what,
                             "metadata.articles")) != 0)
            return rc;
        e.articles = c->sc.counts;
        if ((rc = read_evidence(c, member(md, "evidence"), &e.n_evidence, what)) != 0)
            return rc;
        e.evidence = c->sc.ev;
    }
    if ((rc = kg_graph_merge_edge(c->into, &e)) != 0) {
        if (rc == KG_ENOMEM)
            return rc;
        char msg[256];
        snprintf(msg, sizeof msg, "%s", kg_error_last());
        return kg_error_set(rc, "%s: %s", c->where, msg);
    }
    return 0;
}

/* Checks the document's metadata (format, version) and merges its articles. */
static int read_metadata(ctx *c, const cJSON *md)
{
    const cJSON *fmt = cJSON_IsObject(md) ? member(md, "format") : NULL;
    if (!cJSON_IsString(fmt) || strcmp(fmt->valuestring, "kg") != 0)
        return kg_error_set(KG_EINVALID, "%s: not a kg graph (metadata.format is not \"kg\")",
                            c->where);
    const cJSON *ver = member(md, "version");
    if (!cJSON_IsNumber(ver) || ver->valuedouble != KG_DOC_VERSION)
        return kg_error_set(KG_EINVALID, "%s: unsupported kg graph version (expected %d)", c->where,
                            KG_DOC_VERSION);
    return read_articles(c, member(md, "articles"));
}

/* Line and column (1-based, in bytes) of pos in buf. */
static void line_col(const char *buf, const char *pos, size_t *line, size_t *col)
{
    size_t l = 1;
    const char *bol = buf;
    for (const char *p = buf; p < pos; p++)
        if (*p == '\n') {
            l++;
            bol = p + 1;
        }
    *line = l;
    *col = (size_t)(pos - bol) + 1;
}

static int is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/* ---- the document, piece by piece --------------------------------------
 *
 * A merged graph can be hundreds of megabytes, and a cJSON tree of it takes
 * several times that. So the reader walks the top of each document itself
 * (the root object, "graph", the "nodes" object and the "edges" array) and
 * hands cJSON one node, one edge or the metadata at a time: memory holds the
 * graph and one piece, not a tree of the whole document. */

typedef struct scan {
    const char *buf; /* the whole buffer, for line and column */
    size_t first_line;
    const char *name;
    const char *p, *end;
} scan;

#define EOF_MSG "unexpected end of input (truncated?)"

static int scan_error(const scan *s, const char *pos, const char *why)
{
    size_t line, col;
    /* Point at the last byte rather than past it. */
    if (pos >= s->end && s->end > s->buf)
        pos = s->end - 1;
    line_col(s->buf, pos, &line, &col);
    return kg_error_set(KG_EPARSE, "%s:%zu:%zu: %s", s->name, line + s->first_line - 1, col, why);
}

static void scan_ws(scan *s)
{
    while (s->p < s->end && is_space(*s->p))
        s->p++;
}

/* Moves past the string that starts at s->p (on its quote); *esc tells
 * whether it holds a backslash. memchr() finds the quotes; a quote preceded
 * by an odd run of backslashes is escaped. */
static int scan_string(scan *s, int *esc)
{
    const char *open = s->p + 1, *q = open;
    for (;;) {
        const char *hit = memchr(q, '"', (size_t)(s->end - q));
        if (!hit)
            return scan_error(s, s->end, EOF_MSG);
        const char *b = hit;
        while (b > open && b[-1] == '\\')
            b--;
        if (((hit - b) & 1) == 0) {
            s->p = hit + 1;
            *esc = memchr(open, '\\', (size_t)(hit - open)) != NULL;
            return 0;
        }
        q = hit + 1;
    }
}

/* Moves past one value (checking brackets, strings and depth; cJSON checks
 * the rest when the piece is parsed). `depth` is how deep the value sits. */
static int scan_value(scan *s, int depth)
{
    char stack[CJSON_NESTING_LIMIT];
    int d = 0, esc;
    scan_ws(s);
    if (s->p >= s->end)
        return scan_error(s, s->end, EOF_MSG);
    if (*s->p == '"')
        return scan_string(s, &esc);
    if (*s->p != '{' && *s->p != '[') {
        const char *q = s->p;
        while (q < s->end && !is_space(*q) && *q != ',' && *q != '}' && *q != ']' && *q != ':')
            q++;
        if (q == s->p)
            return scan_error(s, s->p, "not valid JSON");
        s->p = q;
        return 0;
    }
    while (s->p < s->end) {
        char ch = *s->p;
        if (ch == '"') {
            if (scan_string(s, &esc) != 0)
                return KG_EPARSE;
            continue;
        }
        if (ch == '{' || ch == '[') {
            _Static_assert(CJSON_NESTING_LIMIT == 1000, "the message names the limit");
            if (depth + d >= CJSON_NESTING_LIMIT)
                return scan_error(s, s->p, "nested deeper than the limit of 1000 levels");
            stack[d++] = ch == '{' ? '}' : ']';
        } else if (ch == '}' || ch == ']') {
            if (ch != stack[d - 1])
                return scan_error(s, s->p, "not valid JSON (mismatched bracket)");
            if (--d == 0) {
                s->p++;
                return 0;
            }
        }
        s->p++;
    }
    return scan_error(s, s->end, EOF_MSG);
}

/* Parses buf[from..to) (one value) with cJSON. */
static int parse_piece(const scan *s, const char *from, const char *to, cJSON **out)
{
    const char *stop = NULL;
    *out = cJSON_ParseWithLengthOpts(from, (size_t)(to - from), &stop, 0);
    if (*out) {
        while (stop < to && is_space(*stop))
            stop++;
        if (stop == to)
            return 0;
        cJSON_Delete(*out);
        *out = NULL;
    }
    if (!stop || stop < from)
        stop = from;
    return scan_error(s, stop, "not valid JSON");
}

/* Reads the key at s->p into a new string and moves past the ':'. */
static int scan_key(scan *s, char **out)
{
    *out = NULL;
    scan_ws(s);
    if (s->p >= s->end)
        return scan_error(s, s->end, EOF_MSG);
    if (*s->p != '"')
        return scan_error(s, s->p, "not valid JSON (expected a key)");
    const char *start = s->p;
    int esc;
    if (scan_string(s, &esc) != 0)
        return KG_EPARSE;
    if (!esc) {
        size_t n = (size_t)(s->p - start) - 2;
        for (size_t i = 0; i < n; i++)
            if ((unsigned char)start[1 + i] < 0x20)
                return scan_error(s, start + 1 + i, "not valid JSON (control character)");
        char *k = malloc(n + 1);
        if (!k)
            return kg_error_set(KG_ENOMEM, "out of memory");
        memcpy(k, start + 1, n);
        k[n] = '\0';
        *out = k;
    } else {
        cJSON *v;
        if (parse_piece(s, start, s->p, &v) != 0)
            return KG_EPARSE;
        *out = v->valuestring;
        v->valuestring = NULL;
        cJSON_Delete(v);
    }
    scan_ws(s);
    if (s->p >= s->end || *s->p != ':') {
        free(*out);
        *out = NULL;
        return scan_error(s, s->p, s->p >= s->end ? EOF_MSG : "not valid JSON (expected ':')");
    }
    s->p++;
    return 0;
}

/* After a member or element: 1 at the closing bracket (consumed), 0 after a
 * comma, or an error. */
static int scan_next(scan *s, char close)
{
    scan_ws(s);
    if (s->p >= s->end)
        return scan_error(s, s->end, EOF_MSG);
    if (*s->p == ',') {
        s->p++;
        return 0;
    }
    if (*s->p == close) {
        s->p++;
        return 1;
    }
    return scan_error(s, s->p, "not valid JSON (expected ',' or a closing bracket)");
}

/* 1 if the container at s->p (its opening bracket already consumed) closes
 * at once. */
static int scan_empty(scan *s, char close)
{
    scan_ws(s);
    if (s->p < s->end && *s->p == close) {
        s->p++;
        return 1;
    }
    return 0;
}

/* Skips a value nobody reads, still rejecting malformed JSON. */
static int skip_member(scan *s, int depth)
{
    const char *from = (scan_ws(s), s->p);
    if (scan_value(s, depth) != 0)
        return KG_EPARSE;
    cJSON *v;
    if (parse_piece(s, from, s->p, &v) != 0)
        return KG_EPARSE;
    cJSON_Delete(v);
    return 0;
}

typedef struct range {
    const char *from, *to; /* NULL from: absent */
} range;

/* Walks the "graph" object (its '{' consumed), noting where its members are. */
static int scan_graph(scan *s, range *md, range *nodes, range *edges, range *dir)
{
    if (scan_empty(s, '}'))
        return 0;
    for (;;) {
        char *key;
        int rc;
        if ((rc = scan_key(s, &key)) != 0)
            return rc;
        range *r = NULL;
        if (strcmp(key, "metadata") == 0)
            r = md;
        else if (strcmp(key, "nodes") == 0)
            r = nodes;
        else if (strcmp(key, "edges") == 0)
            r = edges;
        else if (strcmp(key, "directed") == 0)
            r = dir;
        free(key);
        if (r && !r->from) {
            scan_ws(s);
            r->from = s->p;
            if (scan_value(s, 2) != 0)
                return KG_EPARSE;
            r->to = s->p;
        } else if (skip_member(s, 2) != 0) {
            return KG_EPARSE;
        }
        if ((rc = scan_next(s, '}')) != 0)
            return rc < 0 ? rc : 0;
    }
}

static int keep_key(ctx *c, char *key)
{
    if (grow((void **)&c->keys, &c->cap_keys, c->n_keys + 1, sizeof *c->keys) != 0) {
        free(key);
        return KG_ENOMEM;
    }
    c->keys[c->n_keys++] = key;
    return 0;
}

static void drop_keys(ctx *c)
{
    for (size_t i = 0; i < c->n_keys; i++)
        free(c->keys[i]);
    c->n_keys = 0;
}

static int read_nodes(ctx *c, const scan *outer, range r)
{
    scan s = *outer;
    s.p = r.from;
    s.end = r.to;
    if (*s.p != '{')
        return kg_error_set(KG_EINVALID, "%s: graph.nodes is not an object", c->where);
    s.p++;
    if (scan_empty(&s, '}'))
        return 0;
    for (;;) {
        char *key;
        int rc;
        if ((rc = scan_key(&s, &key)) != 0 || (rc = keep_key(c, key)) != 0)
            return rc;
        scan_ws(&s);
        const char *from = s.p;
        cJSON *v;
        if (scan_value(&s, 3) != 0 || parse_piece(&s, from, s.p, &v) != 0)
            return KG_EPARSE;
        /* The key stays ours (the id set borrows it): cJSON must not free it. */
        v->string = key;
        v->type |= cJSON_StringIsConst;
        rc = read_node(c, v);
        cJSON_Delete(v);
        if (rc)
            return rc;
        if ((rc = scan_next(&s, '}')) != 0)
            return rc < 0 ? rc : 0;
    }
}

static int read_edges(ctx *c, const scan *outer, range r)
{
    scan s = *outer;
    s.p = r.from;
    s.end = r.to;
    if (*s.p != '[')
        return kg_error_set(KG_EINVALID, "%s: graph.edges is not an array", c->where);
    s.p++;
    if (scan_empty(&s, ']'))
        return 0;
    for (size_t i = 0;; i++) {
        int rc;
        scan_ws(&s);
        const char *from = s.p;
        cJSON *v;
        if (scan_value(&s, 3) != 0 || parse_piece(&s, from, s.p, &v) != 0)
            return KG_EPARSE;
        rc = read_edge(c, v, i);
        cJSON_Delete(v);
        if (rc)
            return rc;
        if ((rc = scan_next(&s, ']')) != 0)
            return rc < 0 ? rc : 0;
    }
}

/* Reads the document at s->p and merges it into c->into; s->p ends after it. */
static int read_doc(ctx *c, scan *s)
{
    range md = {0}, nodes = {0}, edges = {0}, dir = {0};
    int rc, have_graph = 0;
    scan_ws(s);
    const char *root = s->p;
    if (*root != '{') {
        if (scan_value(s, 0) != 0)
            return KG_EPARSE;
        if (*root != '[') {
            cJSON *v;
            if (parse_piece(s, root, s->p, &v) != 0)
                return KG_EPARSE;
            cJSON_Delete(v);
        }
        return kg_error_set(KG_EINVALID, "%s: not a kg graph (no \"graph\" object)", c->where);
    }
    s->p++;
    if (!scan_empty(s, '}')) {
        for (;;) {
            char *key;
            if ((rc = scan_key(s, &key)) != 0)
                return rc;
            int is_graph = strcmp(key, "graph") == 0;
            free(key);
            scan_ws(s);
            if (is_graph && !have_graph && s->p < s->end && *s->p == '{') {
                have_graph = 1;
                s->p++;
                if ((rc = scan_graph(s, &md, &nodes, &edges, &dir)) != 0)
                    return rc;
            } else if (skip_member(s, 1) != 0) {
                return KG_EPARSE;
            }
            if ((rc = scan_next(s, '}')) < 0)
                return rc;
            if (rc == 1)
                break;
        }
    }
    if (!have_graph)
        return kg_error_set(KG_EINVALID, "%s: not a kg graph (no \"graph\" object)", c->where);
    if (dir.from) {
        cJSON *d;
        if ((rc = parse_piece(s, dir.from, dir.to, &d)) != 0)
            return rc;
        int is_bool = cJSON_IsBool(d);
        cJSON_Delete(d);
        if (!is_bool)
            return kg_error_set(KG_EINVALID, "%s: graph.directed is not true or false", c->where);
    }
    cJSON *mdv = NULL;
    if (md.from && (rc = parse_piece(s, md.from, md.to, &mdv)) != 0)
        return rc;
    rc = read_metadata(c, mdv);
    cJSON_Delete(mdv);
    if (rc)
        return rc;
    c->ids.n = 0;
    if (c->ids.slots)
        memset(c->ids.slots, 0, c->ids.cap * sizeof *c->ids.slots);
    drop_keys(c);
    if (nodes.from && (rc = read_nodes(c, s, nodes)) != 0)
        return rc;
    if (edges.from && (rc = read_edges(c, s, edges)) != 0)
        return rc;
    return 0;
}

/* Reads every JSON document in buf[0..len) into c->into. `name` is the
 * file; `first_line` the line buf starts on. */
static int read_buffer(ctx *c, const char *name, const char *buf, size_t len, size_t first_line,
                       int line_mode)
{
    scan s = {.buf = buf, .first_line = first_line, .name = name, .p = buf, .end = buf + len};
    char where[512];
    const char *counted = buf; /* lines are counted up to here */
    size_t line = first_line;
    for (;;) {
        scan_ws(&s);
        if (s.p >= s.end)
            return 0;
        for (; counted < s.p; counted++)
            line += *counted == '\n';
        if (line_mode || line > 1)
            snprintf(where, sizeof where, "%s:%zu", name, line);
        else
            snprintf(where, sizeof where, "%s", name);
        c->where = where;
        int rc = read_doc(c, &s);
        if (rc)
            return rc;
    }
}

static void ctx_free(ctx *c)
{
    drop_keys(c);
    free(c->keys);
    free(c->ids.slots);
    scratch_free(&c->sc);
}

int kg_graph_parse_into(kg_graph *into, const char *json, size_t len, const char *name)
{
    ctx c = {.into = into};
    int rc = read_buffer(&c, name ? name : "<input>", json, len, 1, 0);
    ctx_free(&c);
    return rc;
}

/* A graph read whole keeps every evidence record the document has, and at
 * least the default limit for what is merged later. */
static int finish_read(kg_graph *g)
{
    size_t m = kg_graph_max_evidence(g);
    return kg_graph_set_evidence_limit(g, m > KG_EVIDENCE_DEFAULT ? m : KG_EVIDENCE_DEFAULT);
}

int kg_graph_parse(kg_graph **out, const char *json, size_t len, const char *name)
{
    *out = NULL;
    kg_graph *g = NULL;
    int rc;
    if ((rc = kg_graph_new(&g)) != 0)
        return rc;
    kg_graph_set_evidence_limit(g, KG_EVIDENCE_MAX);
    if ((rc = kg_graph_parse_into(g, json, len, name)) != 0 || (rc = finish_read(g)) != 0) {
        kg_graph_free(g);
        return rc;
    }
    *out = g;
    return 0;
}

/* Reads the rest of f onto buf[0..*len). */
static int slurp(FILE *f, char **buf, size_t *len, size_t *cap, const char *name)
{
    for (;;) {
        if (*cap - *len < 65536) {
            size_t nc = *cap ? *cap * 2 : 131072;
            char *nb = realloc(*buf, nc);
            if (!nb)
                return kg_error_set(KG_ENOMEM, "out of memory");
            *buf = nb;
            *cap = nc;
        }
        size_t got = fread(*buf + *len, 1, *cap - *len, f);
        *len += got;
        if (got == 0) {
            if (ferror(f))
                return kg_error_set(KG_EIO, "%s: read failed: %s", name, strerror(errno));
            return 0;
        }
    }
}

int kg_graph_merge_file(kg_graph *into, const char *path)
{
    int is_stdin = !path || strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return kg_error_set(KG_EIO, "%s: cannot open: %s", name, strerror(errno));
    ctx c = {.into = into};
    char *line = NULL, *buf = NULL;
    size_t line_cap = 0, buf_len = 0, buf_cap = 0, lineno = 0;
    int rc = 0;
    struct stat st;
    if (!is_stdin && fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        rc = kg_error_set(KG_EIO, "%s: is a directory", name);
        goto done;
    }
    /* The first non-blank line decides: a whole document on it means JSON
     * Lines, read line by line; anything else is one (pretty) document,
     * read whole. */
    int line_mode = -1;
    ssize_t n;
    errno = 0;
    while ((n = getline(&line, &line_cap, f)) >= 0) {
        lineno++;
        size_t len = (size_t)n;
        size_t i = 0;
        while (i < len && is_space(line[i]))
            i++;
        if (i == len)
            continue;
        if (line_mode < 0) {
            /* Only the brackets are checked here: a one-line document of
             * any size costs no tree. */
            scan sc = {
                .buf = line, .first_line = lineno, .name = name, .p = line, .end = line + len};
            int whole = scan_value(&sc, 0) == 0;
            scan_ws(&sc);
            whole = whole && sc.p == sc.end;
            line_mode = whole;
            if (!whole) {
                /* Keep this line and everything after it in memory. */
                if ((rc = grow((void **)&buf, &buf_cap, len + 1, 1)) != 0)
                    goto done;
                memcpy(buf, line, len);
                buf_len = len;
                if ((rc = slurp(f, &buf, &buf_len, &buf_cap, name)) != 0)
                    goto done;
                rc = read_buffer(&c, name, buf, buf_len, lineno, 0);
                goto done;
            }
        }
        if ((rc = read_buffer(&c, name, line, len, lineno, 1)) != 0)
            goto done;
    }
    if (ferror(f))
        rc = kg_error_set(KG_EIO, "%s: read failed: %s", name, strerror(errno ? errno : EIO));
    else if (line_mode < 0 && !is_stdin)
        /* A graph file always holds a document: one that is empty was most
         * likely truncated, and reading it as the empty graph would let
         * `build --into` silently start over. An empty standard input stays
         * valid: it is the JSON Lines stream of a map step that found
         * nothing. */
        rc = kg_error_set(KG_EINVALID, "%s: empty file, not a kg graph", name);
done:
    free(line);
    free(buf);
    ctx_free(&c);
    if (!is_stdin)
        fclose(f);
    else
        clearerr(stdin);
    return rc;
}

int kg_graph_read_file(kg_graph **out, const char *path)
{
    *out = NULL;
    kg_graph *g = NULL;
    int rc;
    if ((rc = kg_graph_new(&g)) != 0)
        return rc;
    kg_graph_set_evidence_limit(g, KG_EVIDENCE_MAX);
    if ((rc = kg_graph_merge_file(g, path)) != 0 || (rc = finish_read(g)) != 0) {
        kg_graph_free(g);
        return rc;
    }
    *out = g;
    return 0;
}
