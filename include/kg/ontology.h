/*
 * kg/ontology.h - node types and relations of the kg ontology
 * (../shared/DESIGN.md, "Ontology").
 *
 * Memory: every string returned here is static; nothing is to be freed.
 */
#ifndef KG_ONTOLOGY_H
#define KG_ONTOLOGY_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    KG_TYPE_PERSON = 0,
    KG_TYPE_ORG,
    KG_TYPE_COUNTRY,
    KG_TYPE_LOCATION,
    KG_TYPE_WEAPON,
    KG_TYPE__COUNT
} kg_type;

typedef enum {
    KG_FAMILY_ARMS = 0,
    KG_FAMILY_SECURITY,
    KG_FAMILY_AFFILIATION,
    KG_FAMILY_PLACE,
    KG_FAMILY__COUNT
} kg_family;

typedef struct kg_relation_info {
    const char *name;  /* "supplies", as in graph.json's edge "relation" */
    kg_family family;
    int symmetric;     /* 1: stored with the smaller id first, "directed": false */
} kg_relation_info;

/* "PERSON", "ORG", ... ; NULL for an out-of-range value. */
const char *kg_type_name(kg_type t);

/* Lower-case id prefix: "person", "org", "country", "location", "weapon". */
const char *kg_type_prefix(kg_type t);

/* Parses "PERSON" etc. (exact, upper case). Returns 0 or KG_EINVALID. */
int kg_type_parse(kg_type *out, const char *name);

/* The relation called `name`, or NULL if the ontology has none. */
const kg_relation_info *kg_relation_find(const char *name);

/* All relations, in the order of DESIGN.md's table; *count receives their number. */
const kg_relation_info *kg_relation_all(unsigned *count);

/* "arms", "security", "affiliation", "place"; NULL if out of range. */
const char *kg_family_name(kg_family f);

#ifdef __cplusplus
}
#endif
#endif
