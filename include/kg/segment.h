/*
 * kg/segment.h - sentences and tokens: the second stage of the pipeline.
 *
 * kg_segment() splits a doc's text into tokens and sentences, each with
 * UTF-8 byte offsets into d->text (end exclusive), so that
 * text[start..end) is exactly the token or sentence.
 *
 * Tokens follow CoNLL-2003 / Penn Treebank habits, since the NER tagger is
 * trained on CoNLL tokens:
 *   - punctuation is split off: , . ; : ! ? ( ) [ ] { } " ' ` and the curly
 *     quotes U+2018/2019/201C/201D (treated like their ASCII forms);
 *   - clitics split: "Russia's" -> "Russia" "'s", "don't" -> "do" "n't",
 *     also 'll 're 've 'd 'm and the curly apostrophe;
 *   - hyphenated words stay one token: "shoulder-held", "SA-18", "MiG-29",
 *     "U.S.-based";
 *   - numbers keep their separators: "85,000", "3.5", "1990s"; a currency
 *     sign is its own token ("$" "85,000");
 *   - abbreviations and initials keep their period: "Mr.", "U.S.", "Sept.",
 *     "J.", "a.m.".
 *
 * Sentences end at . ! ? (closing quotes and brackets after them stay in the
 * sentence) followed by white space and an upper-case letter, a digit or an
 * opening quote or bracket; at a blank line; and at the line break after a
 * short first line (a title). A known abbreviation or a single initial does
 * not end a sentence, with one exception: an abbreviation that is commonly
 * sentence-final (U.S., U.K., U.N., E.U., Inc., Corp., Ltd., Co., etc.,
 * a.m., p.m.) ends the sentence when the next word is capitalised and is
 * not itself a name continuation (a capitalised word following a title such
 * as "Mr." or "Gen." never starts a sentence; after "U.S." a function word
 * such as "The", "He", "It", "But" does).
 *
 * Limits: a sentence is cut after KG_SEGMENT_SENTENCE_MAX tokens (the rest
 * continues as a new sentence). A token longer than KG_SEGMENT_TOKEN_MAX
 * bytes is kept whole as one token with exact offsets; later stages must
 * not assume tokens are short (feature extractors should truncate).
 *
 * Memory: tokens and sentences are stored in the doc (kg_doc_free releases
 * them). No allocation per token: the arrays grow geometrically.
 */
#ifndef KG_SEGMENT_H
#define KG_SEGMENT_H

#include "kg/doc.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Most tokens in one sentence: longer runs are cut into pieces so that a
 * text without sentence punctuation cannot make per-sentence work (tagging,
 * relation search) quadratic or huge. */
#define KG_SEGMENT_SENTENCE_MAX 1000

/* Tokens longer than this (bytes) are unusual (URLs, run-together junk):
 * they stay one token, and stages that copy tokens into fixed buffers must
 * truncate at this length. */
#define KG_SEGMENT_TOKEN_MAX 100

/* Fills d->tokens and d->sentences from d->text (replacing any already
 * there). Every token belongs to exactly one sentence; sentences cover the
 * tokens in order with no gaps. Returns 0, KG_ENOMEM, or KG_ELIMIT when the
 * text is too long for 32-bit offsets. */
int kg_segment(kg_doc *d);

#ifdef __cplusplus
}
#endif
#endif
