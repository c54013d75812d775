/*
 * kg/relate.h - typed relations between the entities of one article, each
 * tied to the sentence and the two mentions that state it (the evidence).
 *
 * Relations come from the structures news writing uses: active and passive
 * verb clauses ("X sold Y to Z", "Y was supplied to Z by X"), noun phrases
 * ("the sale of Blowpipes to the Contras", "the EU arms embargo on China"),
 * appositions and titles ("FSB spokesman Sergei Ignachenko"), premodifiers
 * ("the Russian missile", "the Belfast-based company"), place phrases
 * ("St. Petersburg, Russia", "a Boston resident") and coordination. Negated
 * statements are dropped; hedged ones ("reportedly") are kept.
 *
 * Pronouns and definite descriptions ("he", "the company") are linked to
 * the one entity of their type named in the same or the previous sentence,
 * and left alone when there are two candidates. The recognizer does not
 * produce them, so kg_relate() appends such mentions itself (kind
 * KG_MENTION_PRONOUN, linked with kg_resolve_link()) when it can link
 * them; d->mentions may therefore grow and is no longer sorted by start.
 *
 * Memory: kg_relate() appends kg_relation records (and those mentions) to
 * the doc, which owns them and their weapons arrays; nothing is returned
 * to the caller.
 */
#ifndef KG_RELATE_H
#define KG_RELATE_H

#include "kg/doc.h"
#include "kg/lexicon.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Finds the relations stated in d (which must hold tokens, sentences and
 * mentions, normally resolved; a mention whose entity is -1 still takes
 * part, and the relation's subject or object is then -1 too, so that only
 * the mention indices identify the arguments) and appends them to
 * d->relations, one record per statement, subject and object in the
 * ontology's direction. `lx` supplies titles ("Defense Secretary" ->
 * leader_of or member_of); NULL means the built-in lexicon.
 * Returns 0, KG_EUSAGE for a NULL doc, or KG_ENOMEM. */
int kg_relate(kg_doc *d, const kg_lexicon *lx);

#ifdef __cplusplus
}
#endif
#endif
