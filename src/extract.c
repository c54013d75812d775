/*
 * extract.c - the extraction pipeline for one article and the per-article
 * graph it produces (kg_doc_to_graph).
 *
 * The per-article graph is where a doc's relations become edges: relations
 * with the same (subject, relation, object) are one edge, its count is the
 * number of sentences that state it, and each such sentence is one
 * evidence record. Counting sentences rather than relation records keeps a
 * sentence that states a fact twice ("sold ... and delivered ...") from
 * weighing more than two sentences that each state it once.
 */
#include "kg/extract.h"

#include "kg/error.h"
#include "kg/recognize.h"
#include "kg/relate.h"
#include "kg/resolve.h"
#include "kg/segment.h"

#include <stdlib.h>
#include <string.h>

void kg_extract_opts_init(kg_extract_opts *o)
{
    memset(o, 0, sizeof *o);
    o->evidence = KG_EVIDENCE_DEFAULT;
}

/* ======================================================================
 * kg_doc_to_graph
 * ==================================================================== */

/* One relation of the doc on its way to an edge. */
typedef struct rel_ref {
    const char *src, *tgt;        /* node ids, in edge order */
    const kg_relation_info *info;
    const kg_relation *r;
    int swapped;                  /* symmetric relation stored object-first */
    size_t order;                 /* index in d->relations, to keep sorts stable */
} rel_ref;

static int cmp_ref(const void *pa, const void *pb)
{
    const rel_ref *a = pa, *b = pb;
    int c = strcmp(a->src, b->src);
    if (!c)
        c = strcmp(a->info->name, b->info->name);
    if (!c)
        c = strcmp(a->tgt, b->tgt);
    if (!c)
        c = a->r->sentence < b->r->sentence ? -1 : a->r->sentence > b->r->sentence;
    if (!c)
        c = a->order < b->order ? -1 : a->order > b->order;
    return c;
}

static int same_edge(const rel_ref *a, const rel_ref *b)
{
    return a->info == b->info && strcmp(a->src, b->src) == 0 && strcmp(a->tgt, b->tgt) == 0;
}

/* The byte span of mention m, or of the whole sentence when the relation
 * names no mention for that side. */
/* For a pronoun at byte p: is a name at byte x a better pointer than the
 * one at byte y? The nearest before it, else the nearest after it. */
static int better_name(uint32_t p, uint32_t x, uint32_t y)
{
    if ((x < p) != (y < p))
        return x < p;
    return x < p ? x > y : x < y;
}

static void span_of(const kg_doc *d, int32_t m, const kg_sentence *s, size_t out[2])
{
    /* "Chapman said he ...": a pronoun or description whose entity is
     * named in the same sentence points at the name, which tells the
     * reader who is meant; the nearest name before it, else after it */
    if (m >= 0 && (size_t)m < d->n_mentions && d->mentions[m].kind == KG_MENTION_PRONOUN &&
        d->mentions[m].entity >= 0) {
        int32_t best = -1;
        for (size_t i = 0; i < d->n_mentions; i++) {
            const kg_mention *x = &d->mentions[i];
            if (x->entity != d->mentions[m].entity || x->kind != KG_MENTION_NAME ||
                x->sentence != d->mentions[m].sentence)
                continue;
            if (best < 0 || better_name(d->mentions[m].start, x->start,
                                        d->mentions[best].start))
                best = (int32_t)i;
        }
        if (best >= 0)
            m = best;
    }
    if (m >= 0 && (size_t)m < d->n_mentions) {
        out[0] = d->mentions[m].start;
        out[1] = d->mentions[m].end;
    } else {
        out[0] = s->start;
        out[1] = s->end;
    }
}

/* The mention written ", NAME" right after mention m ("Concord, Mass."),
 * when relate found that m lies in it and that `subj` lives in m but made
 * no separate lives_in of the region; else -1. */
static int32_t qualifier_of(const kg_doc *d, int32_t subj, int32_t m)
{
    const kg_mention *a;
    uint32_t comma;
    if (m < 0 || (size_t)m >= d->n_mentions)
        return -1;
    a = &d->mentions[m];
    comma = a->tok_end;
    if (comma + 1 >= d->n_tokens || d->tokens[comma].end - d->tokens[comma].start != 1 ||
        d->text[d->tokens[comma].start] != ',')
        return -1;
    for (size_t i = 0; i < d->n_relations; i++) {
        const kg_relation *x = &d->relations[i];
        if (x->subj_mention == m && x->obj_mention >= 0 &&
            (size_t)x->obj_mention < d->n_mentions && strcmp(x->relation, "located_in") == 0 &&
            d->mentions[x->obj_mention].tok_begin == comma + 1) {
            for (size_t j = 0; j < d->n_relations; j++)
                if (d->relations[j].subj_mention == subj &&
                    d->relations[j].obj_mention == x->obj_mention &&
                    strcmp(d->relations[j].relation, "lives_in") == 0)
                    return -1;
            return x->obj_mention;
        }
    }
    return -1;
}

static int valid_entity(const kg_doc *d, int32_t e)
{
    return e >= 0 && (size_t)e < d->n_entities && d->entities[e].id;
}

/* The evidence text of a sentence: a malloc'd copy, cut to at most
 * KG_EVIDENCE_TEXT_MAX bytes on a character boundary with "..." appended.
 * Returns NULL when out of memory. */
static char *evidence_text(const char *p, size_t len)
{
    static const char ellipsis[] = "...";
    size_t keep = len, extra = 0;
    if (len > KG_EVIDENCE_TEXT_MAX) {
        keep = KG_EVIDENCE_TEXT_MAX - (sizeof ellipsis - 1);
        /* Never end inside a multi-byte character: back up over
         * continuation bytes to the start of the one being cut. */
        while (keep > 0 && ((unsigned char)p[keep] & 0xC0) == 0x80)
            keep--;
        extra = sizeof ellipsis - 1;
    }
    char *t = malloc(keep + extra + 1);
    if (!t)
        return NULL;
    memcpy(t, p, keep);
    memcpy(t + keep, ellipsis, extra);
    t[keep + extra] = '\0';
    return t;
}

/* Merges the edge made of refs[0..n) (one group) into g. */
static int add_edge(kg_graph *g, const kg_doc *d, const rel_ref *refs, size_t n)
{
    int rc = 0;
    kg_edge e;
    memset(&e, 0, sizeof e);
    kg_count cnt = {d->meta.id, 0};
    e.source = (char *)refs[0].src;
    e.relation = (char *)refs[0].info->name;
    e.target = (char *)refs[0].tgt;
    e.directed = !refs[0].info->symmetric;
    e.articles = &cnt;
    e.n_articles = 1;
    e.evidence = calloc(n, sizeof *e.evidence);
    e.weapons = NULL;
    size_t cap_weapons = 0;
    if (!e.evidence)
        goto oom;

    for (size_t i = 0; i < n; i++) {
        const kg_relation *r = refs[i].r;
        for (size_t w = 0; w < r->n_weapons; w++) {
            int32_t we = r->weapons[w];
            if (!valid_entity(d, we))
                continue;
            const char *id = d->entities[we].id;
            size_t k = 0;
            while (k < e.n_weapons && strcmp(e.weapons[k], id) != 0)
                k++;
            if (k < e.n_weapons)
                continue;
            if (e.n_weapons == cap_weapons) {
                size_t nc = cap_weapons ? cap_weapons * 2 : 4;
                char **p = realloc(e.weapons, nc * sizeof *p);
                if (!p)
                    goto oom;
                e.weapons = p;
                cap_weapons = nc;
            }
            e.weapons[e.n_weapons++] = (char *)id; /* borrowed: merge copies */
        }
        /* One evidence record per sentence: the first relation in it. */
        if (i > 0 && refs[i - 1].r->sentence == r->sentence)
            continue;
        if (r->sentence >= d->n_sentences)
            continue;
        const kg_sentence *s = &d->sentences[r->sentence];
        kg_evidence *ev = &e.evidence[e.n_evidence];
        ev->article = d->meta.id;
        ev->start = s->start;
        ev->end = s->end;
        span_of(d, refs[i].swapped ? r->obj_mention : r->subj_mention, s, ev->subject);
        span_of(d, refs[i].swapped ? r->subj_mention : r->obj_mention, s, ev->object);
        /* "born in Concord, Mass.": a birthplace is written as one
         * designation, town and region, so the object span covers both
         * names. relate then states lives_in for the town only ("Concord
         * located_in Mass." keeps its own spans); where it states both
         * ("X of Concord, Mass."), each keeps its own span. */
        if (strcmp(r->relation, "lives_in") == 0) {
            int32_t q = qualifier_of(d, r->subj_mention, r->obj_mention);
            if (q >= 0)
                ev->object[1] = d->mentions[q].end;
        }
        if (!(ev->text = evidence_text(d->text + s->start, s->end - s->start)))
            goto oom;
        e.n_evidence++;
    }
    cnt.count = e.n_evidence;
    if (e.n_evidence)
        rc = kg_graph_merge_edge(g, &e);
    goto done;
oom:
    rc = kg_error_set(KG_ENOMEM, "out of memory");
done:
    for (size_t i = 0; e.evidence && i < e.n_evidence; i++)
        free(e.evidence[i].text);
    free(e.evidence);
    free(e.weapons);
    return rc;
}

static int add_nodes(kg_graph *g, const kg_doc *d)
{
    for (size_t i = 0; i < d->n_entities; i++) {
        const kg_entity *en = &d->entities[i];
        if (!en->id || !en->label)
            continue;
        kg_count cnt = {d->meta.id, en->mentions ? en->mentions : 1};
        kg_node n;
        memset(&n, 0, sizeof n);
        n.id = en->id;
        n.label = en->label;
        n.type = en->type;
        n.aliases = en->aliases;
        n.n_aliases = en->n_aliases;
        n.roles = en->roles;
        n.n_roles = en->n_roles;
        n.articles = &cnt;
        n.n_articles = 1;
        int rc = kg_graph_merge_node(g, &n);
        if (rc)
            return rc;
    }
    return 0;
}

static int add_edges(kg_graph *g, const kg_doc *d)
{
    int rc = 0;
    size_t n = 0;
    rel_ref *refs = malloc((d->n_relations ? d->n_relations : 1) * sizeof *refs);
    if (!refs)
        return kg_error_set(KG_ENOMEM, "out of memory");
    for (size_t i = 0; i < d->n_relations; i++) {
        const kg_relation *r = &d->relations[i];
        const kg_relation_info *info = r->relation ? kg_relation_find(r->relation) : NULL;
        /* Unresolved arguments (a pronoun no one linked) and relations of
         * an entity with itself say nothing a graph can show. */
        if (!info || !valid_entity(d, r->subject) || !valid_entity(d, r->object))
            continue;
        const char *s = d->entities[r->subject].id, *t = d->entities[r->object].id;
        int c = strcmp(s, t);
        if (c == 0)
            continue;
        rel_ref *x = &refs[n++];
        x->info = info;
        x->r = r;
        x->order = i;
        x->swapped = info->symmetric && c > 0;
        x->src = x->swapped ? t : s;
        x->tgt = x->swapped ? s : t;
    }
    if (n > 1)
        qsort(refs, n, sizeof *refs, cmp_ref);
    for (size_t i = 0; i < n && !rc;) {
        size_t j = i + 1;
        while (j < n && same_edge(&refs[i], &refs[j]))
            j++;
        rc = add_edge(g, d, refs + i, j - i);
        i = j;
    }
    free(refs);
    return rc;
}

int kg_extract_doc_graph(kg_graph **out, const kg_doc *d, size_t evidence)
{
    kg_graph *g = NULL;
    *out = NULL;
    int rc = kg_graph_new(&g);
    if (!rc)
        rc = kg_graph_set_evidence_limit(g, evidence ? evidence : KG_EVIDENCE_DEFAULT);
    if (!rc)
        rc = kg_graph_add_article(g, &d->meta);
    if (!rc)
        rc = add_nodes(g, d);
    if (!rc)
        rc = add_edges(g, d);
    if (rc) {
        kg_graph_free(g);
        return rc;
    }
    *out = g;
    return 0;
}

int kg_doc_to_graph(kg_graph **out, const kg_doc *d)
{
    return kg_extract_doc_graph(out, d, KG_EVIDENCE_DEFAULT);
}

/* ======================================================================
 * The pipeline
 * ==================================================================== */

int kg_extract_article(kg_graph **out, kg_doc *d, const kg_extract_opts *o)
{
    *out = NULL;
    const kg_lexicon *lx = o && o->lexicon ? o->lexicon : kg_lexicon_builtin();
    size_t evidence = o && o->evidence ? o->evidence : KG_EVIDENCE_DEFAULT;
    if (!lx)
        return kg_error_set(KG_ENOMEM, "out of memory loading the lexicon");
    if (evidence > KG_EVIDENCE_MAX)
        return kg_error_set(KG_EUSAGE, "evidence limit %zu is above %d", evidence,
                            KG_EVIDENCE_MAX);
    int rc = kg_segment(d);
    if (!rc)
        rc = kg_recognize(d, lx);
    if (!rc)
        rc = kg_resolve(d, lx);
    if (!rc)
        rc = kg_relate(d, lx);
    if (!rc)
        rc = kg_extract_doc_graph(out, d, evidence);
    return rc;
}
