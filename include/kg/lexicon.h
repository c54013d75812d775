/*
 * kg/lexicon.h - lexicons of countries, organisations, places, weapons,
 * titles and first names: plain TSV data files under src/lexicons/ compiled
 * into the binary, extendable at run time with --lexicon FILE (same format;
 * see README "Lexicon files").
 *
 * Matching works on token strings, so the same lexicon serves the article
 * extractor (tokens from kg/segment.h) and the CoNLL tagger (tokens from
 * the file's first column).
 *
 * Memory: kg_lexicon_builtin() returns a shared, immutable lexicon that is
 * never freed. Lexicons from kg_lexicon_new() belong to the caller
 * (kg_lexicon_free). Entries and their strings are borrowed from the
 * lexicon and live as long as it.
 */
#ifndef KG_LEXICON_H
#define KG_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "kg/ontology.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kg_lexicon kg_lexicon;

/* What kind of list an entry comes from. */
typedef enum {
    KG_LEX_COUNTRY = 0,  /* node type COUNTRY, id country:ISO3 */
    KG_LEX_ORG,          /* ORG */
    KG_LEX_LOCATION,     /* LOCATION: cities, regions, seas */
    KG_LEX_WEAPON,       /* WEAPON: a system ("Igla", "SA-18") */
    KG_LEX_WEAPON_CLASS, /* WEAPON: a class ("surface-to-air missile") */
    KG_LEX_PERSON,       /* PERSON: well-known people (optional list) */
    KG_LEX_TITLE,        /* a title or role: "President", "spokesman" */
    KG_LEX_FIRSTNAME,    /* a given name: "Hemant", "Sergei" */
    KG_LEX__COUNT
} kg_lex_kind;

/* How a particular surface form names its entry. */
typedef enum {
    KG_FORM_NAME = 0, /* canonical name or an alias: "Russia", "Russian Federation" */
    KG_FORM_ABBREV,   /* acronym or abbreviation: "FSB", "U.S." */
    KG_FORM_DEMONYM   /* adjective or people: "Russian", "Briton" */
} kg_lex_form;

typedef struct kg_lex_entry {
    const char *id;        /* node id ("country:RUS", "org:fsb"); NULL for
                              titles and first names */
    const char *canonical; /* "Russia", "Federal Security Service", "President" */
    kg_lex_kind kind;
    kg_type type;          /* node type for entity kinds */
    /* For titles: the relation a "TITLE Name" or "ORG TITLE Name" phrase
     * implies ("leader_of" or "member_of"), else NULL. */
    const char *relation;
    /* For locations: the id of the country or place it lies in ("in=" in
     * the data), else NULL; lets the extractor emit located_in. For
     * organisations: the country it belongs to or is based in, if known. */
    const char *located_in;
    /* For weapons: the id of the producer country ("made_in="), else NULL. */
    const char *made_in;
} kg_lex_entry;

/* A token as a string (not NUL-terminated). */
typedef struct kg_str {
    const char *s;
    uint32_t len;
} kg_str;

typedef struct kg_lex_match {
    const kg_lex_entry *entry;
    kg_lex_form form;
    uint32_t n_tokens; /* how many tokens the surface form spans */
    int caseless;      /* 1: found only by the all-capitals fallback */
} kg_lex_match;

/* The built-in lexicon (built on first use; safe to call from any thread
 * once kg_lexicon_builtin() has returned on one). Returns NULL only on
 * allocation failure. */
const kg_lexicon *kg_lexicon_builtin(void);

/* A new lexicon holding the built-in entries, ready for kg_lexicon_load_file.
 * Returns 0 or KG_ENOMEM. */
int kg_lexicon_new(kg_lexicon **out);
void kg_lexicon_free(kg_lexicon *lx);

/* Adds the entries of a user's lexicon file. Returns 0, or KG_EIO/KG_EPARSE
 * with "FILE:LINE: reason" in kg_error_last(). */
int kg_lexicon_load_file(kg_lexicon *lx, const char *path);

/* Longest surface form starting at toks[i] (matching is exact, with a
 * case-insensitive fallback for all-capital headline text). Writes up to
 * `max` matches of different kinds for that longest span into out, best
 * first. Returns how many were written (0: none). */
size_t kg_lexicon_match(const kg_lexicon *lx, const kg_str *toks, size_t n, size_t i,
                        kg_lex_match *out, size_t max);

/* kg_lexicon_match at every position of toks[0..n): the matches at
 * position i go to out[i * max ...], nm[i] of them. Gives what n calls
 * would, faster (the table's cache misses of many tokens overlap). */
void kg_lexicon_match_each(const kg_lexicon *lx, const kg_str *toks, size_t n, kg_lex_match *out,
                           size_t max, uint32_t *nm);

/* Matches a whole name given as one string ("U.S." cut from "U.S.-based",
 * "Federal Security Service"), tokenised the way lexicon names are. Writes
 * up to `max` matches whose surface form spans the entire name, one per
 * kind, best first; returns how many (0: the name is not in the lexicon). */
size_t kg_lexicon_lookup(const kg_lexicon *lx, const char *name, size_t len, kg_lex_match *out,
                         size_t max);

/* The entry whose id is `id`, or NULL. */
const kg_lex_entry *kg_lexicon_find_id(const kg_lexicon *lx, const char *id);

/* "country", "org", "location", "weapon", "weapon_class", "person", "title",
 * "firstname" (the kind column of the data files); NULL if out of range. */
const char *kg_lex_kind_name(kg_lex_kind k);

/* Number of entries in the lexicon. */
size_t kg_lexicon_count(const kg_lexicon *lx);

#ifdef __cplusplus
}
#endif
#endif
