/*
 * kg/resolve.h - within one article, link the mentions that name the same
 * thing to one entity: the fourth stage of the pipeline.
 *
 * kg_resolve() groups d->mentions into d->entities and sets
 * mentions[i].entity. The rules (../shared/DESIGN.md "resolve"):
 *   - a lexicon entry is one entity whatever form names it ("U.S.",
 *     "United States", "American" -> country:USA); its label is the
 *     lexicon's canonical name, every other form used becomes an alias;
 *   - a person's shorter name ("Lakhani", "Mr. Lakhani", "bin Laden") joins
 *     the one full name of the article that ends with it, wherever in the
 *     article that full name appears; a short name that ends two different
 *     full names stays an entity of its own;
 *   - "Federal Security Service (FSB)": a one-token name in parentheses right
 *     after a name is an alias of it (whether or not the initials match);
 *   - any other name is the entity `<type>:<slug>` of the fullest name the
 *     article uses for it (the longest, ties broken by strcmp order), so
 *     the same entity gets the same id in every article;
 *   - courtesy titles ("Mr.", "Ms.") are stripped from names and are not
 *     roles; roles ("arms dealer", "spokesman", "president") come from title
 *     words of the lexicon (KG_LEX_TITLE) before a person's name or in an
 *     apposition after it ("Hemant Lakhani, a British arms dealer").
 *
 * Resolve also repairs what a statistical tagger gets wrong at a name's
 * edges: a span that runs on into the sentence ("Mr. Putin and other
 * European"), stray brackets, a trailing weekday; a name after a courtesy
 * title becomes PERSON. Such mentions get their corrected span, type and,
 * when the repaired name spells one, lexicon entry.
 *
 * Pronouns and definite descriptions (mentions of kind KG_MENTION_PRONOUN:
 * "he", "the dealer") are left unresolved (entity -1). A later stage that
 * knows their antecedent links them with kg_resolve_link(), which keeps the
 * entity's mention count right.
 *
 * Memory: entities, their strings and arrays belong to the doc
 * (kg_doc_free releases them). Nothing is returned to the caller.
 */
#ifndef KG_RESOLVE_H
#define KG_RESOLVE_H

#include <stddef.h>
#include <stdint.h>

#include "kg/doc.h"
#include "kg/lexicon.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Resolves the mentions of d (which must hold tokens, sentences and
 * mentions) into d->entities, replacing any entities already there. `lx`
 * supplies titles and the lexicon's persons; NULL means the built-in
 * lexicon. Returns 0 or KG_ENOMEM. */
int kg_resolve(kg_doc *d, const kg_lexicon *lx);

/* Links mention `mention` (a pronoun or description, say) to entity
 * `entity` of d, moving it from the entity it had, if any, and updating the
 * mention counts. Returns 0, or KG_EUSAGE for an index out of range. */
int kg_resolve_link(kg_doc *d, size_t mention, int32_t entity);

#ifdef __cplusplus
}
#endif
#endif
