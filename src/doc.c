/*
 * doc.c - the kg_doc that carries one article through the extractor:
 * creation, the append helpers the stages use, and release.
 *
 * kg_doc_to_graph() lives in extract.c, beside the code that knows what the
 * stages put in the doc.
 *
 * Ownership: kg_doc_add_entity() and kg_doc_add_relation() move the
 * element's heap members (id, label, aliases, roles; weapons) into the doc
 * on success; on failure they stay the caller's. The caller's struct is left
 * as it was, so it must not be freed by the caller after a successful add.
 */
#include "kg/doc.h"

#include "kg/error.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* First capacity of each array; doubling from here keeps appends amortised
 * O(1) without a malloc per token. */
#define KG_DOC_GROW_MIN 16

/* Makes room for one more element of `size` bytes in *arr (n used, *cap
 * allocated). Returns 0 or KG_ENOMEM. */
static int grow(void **arr, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return 0;
    size_t ncap = *cap ? *cap * 2 : KG_DOC_GROW_MIN;
    if (ncap < *cap || ncap > SIZE_MAX / size)
        return kg_error_set(KG_ENOMEM, "out of memory");
    void *p = realloc(*arr, ncap * size);
    if (!p)
        return kg_error_set(KG_ENOMEM, "out of memory");
    *arr = p;
    *cap = ncap;
    return 0;
}

static int dup_field(char **dst, const char *src)
{
    *dst = NULL;
    if (!src)
        return 0;
    *dst = kg_strdup(src);
    return *dst ? 0 : KG_ENOMEM;
}

int kg_doc_new(kg_doc **out, const char *text, size_t len, const kg_article_meta *meta)
{
    int rc = KG_ENOMEM;
    *out = NULL;
    kg_doc *d = calloc(1, sizeof *d);
    if (!d)
        goto done;
    /* A NUL after the text lets stages use string functions on it. */
    d->text = malloc(len + 1);
    if (!d->text)
        goto done;
    if (len)
        memcpy(d->text, text, len);
    d->text[len] = '\0';
    d->len = len;

    char hash[17];
    kg_hash_hex(hash, d->text, len);
    d->meta.hash = kg_strdup(hash);
    if (!d->meta.hash)
        goto done;
    const char *id = meta && meta->id && meta->id[0] ? meta->id : hash;
    if (dup_field(&d->meta.id, id) || !d->meta.id)
        goto done;
    if (meta && (dup_field(&d->meta.title, meta->title) || dup_field(&d->meta.date, meta->date) ||
                 dup_field(&d->meta.source, meta->source)))
        goto done;
    *out = d;
    d = NULL;
    rc = 0;
done:
    kg_doc_free(d);
    if (rc)
        kg_error_set(rc, "out of memory");
    return rc;
}

static void entity_clear(kg_entity *e)
{
    free(e->id);
    free(e->label);
    for (size_t i = 0; i < e->n_aliases; i++)
        free(e->aliases[i]);
    free(e->aliases);
    for (size_t i = 0; i < e->n_roles; i++)
        free(e->roles[i]);
    free(e->roles);
}

void kg_doc_free(kg_doc *d)
{
    if (!d)
        return;
    free(d->text);
    free(d->meta.id);
    free(d->meta.title);
    free(d->meta.date);
    free(d->meta.source);
    free(d->meta.hash);
    free(d->tokens);
    free(d->sentences);
    free(d->mentions);
    for (size_t i = 0; i < d->n_entities; i++)
        entity_clear(&d->entities[i]);
    free(d->entities);
    for (size_t i = 0; i < d->n_relations; i++)
        free(d->relations[i].weapons);
    free(d->relations);
    free(d);
}

int kg_doc_add_token(kg_doc *d, const kg_token *t)
{
    int rc = grow((void **)&d->tokens, d->n_tokens, &d->cap_tokens, sizeof *d->tokens);
    if (rc)
        return rc;
    d->tokens[d->n_tokens++] = *t;
    return 0;
}

int kg_doc_add_sentence(kg_doc *d, const kg_sentence *s)
{
    int rc = grow((void **)&d->sentences, d->n_sentences, &d->cap_sentences, sizeof *d->sentences);
    if (rc)
        return rc;
    d->sentences[d->n_sentences++] = *s;
    return 0;
}

int kg_doc_add_mention(kg_doc *d, const kg_mention *m)
{
    int rc = grow((void **)&d->mentions, d->n_mentions, &d->cap_mentions, sizeof *d->mentions);
    if (rc)
        return rc;
    d->mentions[d->n_mentions++] = *m;
    return 0;
}

int kg_doc_add_entity(kg_doc *d, kg_entity *e)
{
    int rc = grow((void **)&d->entities, d->n_entities, &d->cap_entities, sizeof *d->entities);
    if (rc)
        return rc;
    d->entities[d->n_entities++] = *e;
    return 0;
}

int kg_doc_add_relation(kg_doc *d, kg_relation *r)
{
    int rc = grow((void **)&d->relations, d->n_relations, &d->cap_relations, sizeof *d->relations);
    if (rc)
        return rc;
    d->relations[d->n_relations++] = *r;
    return 0;
}
