/*
 * ontology.c - the fixed vocabulary of node types and relations.
 *
 * Kept in one table so that the reader, the extractor and the renderer agree
 * on which relations exist, their family and whether they are symmetric.
 */
#include "kg/ontology.h"
#include "kg/error.h"

#include <string.h>

static const char *const type_names[KG_TYPE__COUNT] = {
    "PERSON", "ORG", "COUNTRY", "LOCATION", "WEAPON",
};

static const char *const type_prefixes[KG_TYPE__COUNT] = {
    "person", "org", "country", "location", "weapon",
};

static const char *const family_names[KG_FAMILY__COUNT] = {
    "arms", "security", "affiliation", "place",
};

static const kg_relation_info relations[] = {
    {"supplies", KG_FAMILY_ARMS, 0},
    {"sells", KG_FAMILY_ARMS, 0},
    {"buys", KG_FAMILY_ARMS, 0},
    {"smuggles", KG_FAMILY_ARMS, 0},
    {"possesses", KG_FAMILY_ARMS, 0},
    {"produces", KG_FAMILY_ARMS, 0},
    {"uses", KG_FAMILY_ARMS, 0},
    {"made_in", KG_FAMILY_ARMS, 0},
    {"embargoes", KG_FAMILY_ARMS, 0},
    {"attacks", KG_FAMILY_SECURITY, 0},
    {"kills", KG_FAMILY_SECURITY, 0},
    {"arrests", KG_FAMILY_SECURITY, 0},
    {"investigates", KG_FAMILY_SECURITY, 0},
    {"informs", KG_FAMILY_SECURITY, 0},
    {"cooperates_with", KG_FAMILY_SECURITY, 1},
    {"member_of", KG_FAMILY_AFFILIATION, 0},
    {"leader_of", KG_FAMILY_AFFILIATION, 0},
    {"citizen_of", KG_FAMILY_AFFILIATION, 0},
    {"lives_in", KG_FAMILY_AFFILIATION, 0},
    {"part_of", KG_FAMILY_AFFILIATION, 0},
    {"based_in", KG_FAMILY_PLACE, 0},
    {"located_in", KG_FAMILY_PLACE, 0},
};

const char *kg_type_name(kg_type t)
{
    return (unsigned)t < KG_TYPE__COUNT ? type_names[t] : NULL;
}

const char *kg_type_prefix(kg_type t)
{
    return (unsigned)t < KG_TYPE__COUNT ? type_prefixes[t] : NULL;
}

int kg_type_parse(kg_type *out, const char *name)
{
    for (unsigned i = 0; i < KG_TYPE__COUNT; i++) {
        if (strcmp(name, type_names[i]) == 0) {
            *out = (kg_type)i;
            return 0;
        }
    }
    return kg_error_set(KG_EINVALID, "unknown node type '%s'", name);
}

const kg_relation_info *kg_relation_find(const char *name)
{
    for (unsigned i = 0; i < sizeof relations / sizeof relations[0]; i++)
        if (strcmp(name, relations[i].name) == 0)
            return &relations[i];
    return NULL;
}

const kg_relation_info *kg_relation_all(unsigned *count)
{
    *count = (unsigned)(sizeof relations / sizeof relations[0]);
    return relations;
}

const char *kg_family_name(kg_family f)
{
    return (unsigned)f < KG_FAMILY__COUNT ? family_names[f] : NULL;
}
