/*
 * lexicon.c - the lexicons of countries, organisations, places, weapons,
 * titles and first names, and matching them against token sequences.
 *
 * The data are the TSV files under src/lexicons/ (format in
 * README.md, "Lexicon files"), linked into the library by cmake/lexicons.cmake;
 * a user's --lexicon FILE goes through the same parser. Every surface form
 * is cut into tokens the way the segmenter cuts text, so that matching is a
 * comparison of token sequences: a hash on the first token (case-folded, so
 * the all-capitals fallback uses the same table) leads to the forms that
 * start with it, longest first, and the first one whose continuation tokens
 * agree is the longest match. The tagger calls this on every token, so a
 * miss costs one hash of the token and one probe.
 */
#include "kg/lexicon.h"
#include "kg/error.h"
#include "kg/ontology.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Tokens in one surface form: the longest official names ("United Kingdom
 * of Great Britain and Northern Ireland") have about ten. */
#define KG_LEX_FORM_TOKENS_MAX 24
/* Bytes in one surface form: names, never prose. */
#define KG_LEX_FORM_MAX 256
/* A user lexicon is a list of names; anything bigger is a wrong file. */
#define KG_LEX_FILE_MAX (256L * 1024 * 1024)
/* Arena chunks: large enough that the built-in lexicon needs few. */
#define ARENA_CHUNK (64 * 1024)

/* ---------------------------------------------------------------------- */
/* Embedded data (cmake/lexicons.cmake)                                   */

extern const unsigned char kg_embed_lex_countries[];
extern const unsigned long kg_embed_lex_countries_len;
extern const unsigned char kg_embed_lex_organisations[];
extern const unsigned long kg_embed_lex_organisations_len;
extern const unsigned char kg_embed_lex_locations[];
extern const unsigned long kg_embed_lex_locations_len;
extern const unsigned char kg_embed_lex_weapons[];
extern const unsigned long kg_embed_lex_weapons_len;
extern const unsigned char kg_embed_lex_titles[];
extern const unsigned long kg_embed_lex_titles_len;
extern const unsigned char kg_embed_lex_firstnames[];
extern const unsigned long kg_embed_lex_firstnames_len;

static const struct {
    const char *name; /* as in error messages: the file in the source tree */
    const unsigned char *data;
    const unsigned long *len;
} builtin_files[] = {
    {"src/lexicons/countries.tsv", kg_embed_lex_countries, &kg_embed_lex_countries_len},
    {"src/lexicons/organisations.tsv", kg_embed_lex_organisations,
     &kg_embed_lex_organisations_len},
    {"src/lexicons/locations.tsv", kg_embed_lex_locations, &kg_embed_lex_locations_len},
    {"src/lexicons/weapons.tsv", kg_embed_lex_weapons, &kg_embed_lex_weapons_len},
    {"src/lexicons/titles.tsv", kg_embed_lex_titles, &kg_embed_lex_titles_len},
    {"src/lexicons/firstnames.tsv", kg_embed_lex_firstnames, &kg_embed_lex_firstnames_len},
};

/* ---------------------------------------------------------------------- */
/* Structures                                                             */

typedef struct arena_chunk {
    struct arena_chunk *next;
    size_t used, cap;
    /* data follows, max_align_t aligned */
} arena_chunk;

/* A lexicon entry plus what only this file needs. */
typedef struct lex_ent {
    kg_lex_entry pub; /* first, so a kg_lex_entry * is a lex_ent * */
    unsigned gen;     /* which load added it: a later load overrides */
    int exact_case;   /* "case=exact": no lower/capitalised variants */
} lex_ent;

typedef struct form_ent {
    const lex_ent *e;
    kg_lex_form form;
} form_ent;

/* One surface form as a token sequence, and the entries it names (at most
 * one per kind, in kind order, which is the order "best first"). */
typedef struct lex_form {
    struct lex_form *next; /* same first token, n_tok decreasing */
    uint32_t n_tok;
    kg_str *toks;
    uint32_t n_ents, cap_ents;
    form_ent *ents;
} lex_form;

/* Open addressing, power-of-two capacity, load kept <= 1/2. */
typedef struct slot {
    uint64_t hash; /* 0: empty (real hashes are forced non-zero) */
    const char *key;
    uint32_t klen;
    void *val; /* lex_form list, or lex_ent for the id table */
} slot;

typedef struct table {
    slot *slots;
    size_t cap, used;
} table;

struct kg_lexicon {
    table forms; /* case-folded first token -> lex_form list */
    table ids;   /* id -> lex_ent */
    arena_chunk *arena;
    size_t n_entries;
    unsigned gen;
};

static const char *const kind_names[KG_LEX__COUNT] = {
    "country", "org", "location", "weapon", "weapon_class", "person", "title", "firstname",
};

static const kg_type kind_types[KG_LEX__COUNT] = {
    KG_TYPE_COUNTRY, KG_TYPE_ORG,    KG_TYPE_LOCATION, KG_TYPE_WEAPON,
    KG_TYPE_WEAPON,  KG_TYPE_PERSON, KG_TYPE_PERSON,   KG_TYPE_PERSON,
};

const char *kg_lex_kind_name(kg_lex_kind k)
{
    return (unsigned)k < KG_LEX__COUNT ? kind_names[k] : NULL;
}

/* ---------------------------------------------------------------------- */
/* Arena                                                                  */

static void *arena_alloc(kg_lexicon *lx, size_t n)
{
    const size_t align = _Alignof(max_align_t);
    n = (n + align - 1) & ~(align - 1);
    arena_chunk *c = lx->arena;
    if (!c || c->cap - c->used < n) {
        size_t cap = n > ARENA_CHUNK ? n : ARENA_CHUNK;
        size_t hdr = (sizeof(arena_chunk) + align - 1) & ~(align - 1);
        c = malloc(hdr + cap);
        if (!c)
            return NULL;
        c->next = lx->arena;
        c->used = 0;
        c->cap = cap;
        lx->arena = c;
    }
    size_t hdr = (sizeof(arena_chunk) + align - 1) & ~(align - 1);
    void *p = (char *)c + hdr + c->used;
    c->used += n;
    return p;
}

static char *arena_strndup(kg_lexicon *lx, const char *s, size_t n)
{
    char *p = arena_alloc(lx, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* ---------------------------------------------------------------------- */
/* Token comparison and hashing                                           */

static inline unsigned char lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

/* U+2019 (right single quotation mark) is written for the apostrophe in
 * much news text; the segmenter treats it like "'", and so do we. */
static inline int is_rsquo(const char *s, size_t i, size_t n)
{
    return i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
           (unsigned char)s[i + 2] == 0x99;
}

/* FNV-1a over the case-folded bytes, with U+2019 read as "'". */
static uint64_t hash_fold(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c;
        if ((unsigned char)s[i] == 0xE2 && is_rsquo(s, i, n)) {
            c = '\'';
            i += 2;
        } else {
            c = lower((unsigned char)s[i]);
        }
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h ? h : 1;
}

static uint64_t hash_exact(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h ? h : 1;
}

/* Does input token `in` spell lexicon token `lex`? `fold`: ignore ASCII
 * case. The apostrophe matches U+2019 either way. */
static int tok_eq(const char *lex, size_t ln, const char *in, size_t n, int fold)
{
    size_t i = 0, j = 0;
    if (ln == n && memcmp(lex, in, n) == 0)
        return 1;
    while (i < ln && j < n) {
        unsigned char a = (unsigned char)lex[i], b = (unsigned char)in[j];
        if (a == '\'' && b == 0xE2 && is_rsquo(in, j, n)) {
            i++;
            j += 3;
            continue;
        }
        if (b == '\'' && a == 0xE2 && is_rsquo(lex, i, ln)) {
            i += 3;
            j++;
            continue;
        }
        if (fold) {
            a = lower(a);
            b = lower(b);
        }
        if (a != b)
            return 0;
        i++;
        j++;
    }
    return i == ln && j == n;
}

/* Headline text: at least two capital letters and no small ones. */
static int all_caps(const char *s, size_t n)
{
    int caps = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'a' && c <= 'z')
            return 0;
        if (c >= 'A' && c <= 'Z')
            caps++;
    }
    return caps >= 2;
}

/* ---------------------------------------------------------------------- */
/* Hash tables                                                            */

static int table_grow(table *t)
{
    size_t cap = t->cap ? t->cap * 2 : 1024;
    slot *s = calloc(cap, sizeof *s);
    if (!s)
        return kg_error_set(KG_ENOMEM, "out of memory building the lexicon");
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->slots[i].hash)
            continue;
        size_t k = t->slots[i].hash & (cap - 1);
        while (s[k].hash)
            k = (k + 1) & (cap - 1);
        s[k] = t->slots[i];
    }
    free(t->slots);
    t->slots = s;
    t->cap = cap;
    return 0;
}

/* The slot for key (existing or, if `create`, newly claimed with val NULL).
 * NULL when absent (or out of memory when creating: error set). */
static slot *table_slot(table *t, uint64_t h, const char *key, size_t klen, int fold, int create)
{
    if (create && (t->used + 1) * 2 > t->cap && table_grow(t) < 0)
        return NULL;
    if (!t->cap)
        return NULL;
    size_t k = h & (t->cap - 1);
    while (t->slots[k].hash) {
        slot *s = &t->slots[k];
        if (s->hash == h &&
            (fold ? tok_eq(s->key, s->klen, key, klen, 1)
                  : (s->klen == klen && memcmp(s->key, key, klen) == 0)))
            return s;
        k = (k + 1) & (t->cap - 1);
    }
    if (!create)
        return NULL;
    t->slots[k].hash = h;
    t->slots[k].key = key;
    t->slots[k].klen = (uint32_t)klen;
    t->slots[k].val = NULL;
    t->used++;
    return &t->slots[k];
}

/* ---------------------------------------------------------------------- */
/* Surface forms                                                          */

/* Cuts a surface form into tokens as the segmenter cuts text: words at
 * spaces; opening brackets and quotes split off the front; closing ones and
 * , ; : ! ? off the back; possessive 's (and a bare ' after s) off the back.
 * A final period stays: in a lexicon it belongs to an abbreviation
 * ("U.S.", "Gen."). Hyphens stay inside words ("SA-18"). Tokens point into
 * `s`. Returns the count, or -1 if there are more than `max`. */
static int tokenize_form(const char *s, size_t n, kg_str *out, int max)
{
    int nt = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && s[i] == ' ')
            i++;
        if (i >= n)
            break;
        size_t b = i, e = i;
        while (e < n && s[e] != ' ')
            e++;
        i = e;
        /* leading punctuation */
        while (b < e && strchr("([\"`", s[b])) {
            if (nt >= max)
                return -1;
            out[nt].s = s + b;
            out[nt].len = 1;
            nt++;
            b++;
        }
        /* trailing punctuation, collected right to left */
        kg_str tail[8];
        int nt_tail = 0;
        while (e > b && nt_tail < 8) {
            if (strchr(")]\",;:!?", s[e - 1])) {
                tail[nt_tail].s = s + e - 1;
                tail[nt_tail].len = 1;
                nt_tail++;
                e--;
            } else if (e - b > 2 && (s[e - 1] == 's' || s[e - 1] == 'S') && s[e - 2] == '\'') {
                tail[nt_tail].s = s + e - 2;
                tail[nt_tail].len = 2;
                nt_tail++;
                e -= 2;
            } else if (e - b > 4 && (s[e - 1] == 's' || s[e - 1] == 'S') &&
                       is_rsquo(s, e - 4, e)) {
                tail[nt_tail].s = s + e - 4;
                tail[nt_tail].len = 4;
                nt_tail++;
                e -= 4;
            } else if (e - b > 2 && s[e - 1] == '\'' && (s[e - 2] == 's' || s[e - 2] == 'S')) {
                tail[nt_tail].s = s + e - 1;
                tail[nt_tail].len = 1;
                nt_tail++;
                e--;
            } else {
                break;
            }
        }
        if (e > b) {
            if (nt >= max)
                return -1;
            out[nt].s = s + b;
            out[nt].len = (uint32_t)(e - b);
            nt++;
        }
        while (nt_tail > 0) {
            if (nt >= max)
                return -1;
            out[nt++] = tail[--nt_tail];
        }
    }
    return nt;
}

/* Adds entry `e` under the surface form `s` (already validated). */
static int add_form(kg_lexicon *lx, const lex_ent *e, kg_lex_form form, const char *s, size_t n)
{
    kg_str tk[KG_LEX_FORM_TOKENS_MAX];
    int nt = tokenize_form(s, n, tk, KG_LEX_FORM_TOKENS_MAX);
    if (nt <= 0)
        return 0; /* validated earlier; nothing to add */
    uint64_t h = hash_fold(tk[0].s, tk[0].len);
    slot *sl = table_slot(&lx->forms, h, tk[0].s, tk[0].len, 1, 0);
    lex_form *f = NULL, **pp = NULL;
    if (sl) {
        for (lex_form *g = sl->val; g; g = g->next) {
            if (g->n_tok != (uint32_t)nt)
                continue;
            int same = 1;
            for (int k = 0; k < nt && same; k++)
                same = g->toks[k].len == tk[k].len && memcmp(g->toks[k].s, tk[k].s, tk[k].len) == 0;
            if (same) {
                f = g;
                break;
            }
        }
    }
    if (!f) {
        /* the form's own copy of its text backs its tokens and the key */
        char *copy = arena_strndup(lx, s, n);
        kg_str *toks = arena_alloc(lx, sizeof(kg_str) * (size_t)nt);
        f = arena_alloc(lx, sizeof *f);
        if (!copy || !toks || !f)
            return kg_error_set(KG_ENOMEM, "out of memory building the lexicon");
        for (int k = 0; k < nt; k++) {
            toks[k].s = copy + (tk[k].s - s);
            toks[k].len = tk[k].len;
        }
        memset(f, 0, sizeof *f);
        f->n_tok = (uint32_t)nt;
        f->toks = toks;
        if (!sl) {
            sl = table_slot(&lx->forms, h, toks[0].s, toks[0].len, 1, 1);
            if (!sl)
                return KG_ENOMEM;
        }
        pp = (lex_form **)&sl->val;
        while (*pp && (*pp)->n_tok >= f->n_tok)
            pp = &(*pp)->next;
        f->next = *pp;
        *pp = f;
    }
    /* one entry per kind: within a load the first wins, a later load
     * (a user's file) overrides */
    kg_lex_kind kind = e->pub.kind;
    uint32_t k = 0;
    while (k < f->n_ents && f->ents[k].e->pub.kind < kind)
        k++;
    if (k < f->n_ents && f->ents[k].e->pub.kind == kind) {
        if (f->ents[k].e->gen < e->gen) {
            f->ents[k].e = e;
            f->ents[k].form = form;
        }
        return 0;
    }
    if (f->n_ents == f->cap_ents) {
        uint32_t cap = f->cap_ents ? f->cap_ents * 2 : 2;
        form_ent *ne = realloc(f->ents, cap * sizeof *ne);
        if (!ne)
            return kg_error_set(KG_ENOMEM, "out of memory building the lexicon");
        f->ents = ne;
        f->cap_ents = cap;
    }
    memmove(f->ents + k + 1, f->ents + k, (f->n_ents - k) * sizeof *f->ents);
    f->ents[k].e = e;
    f->ents[k].form = form;
    f->n_ents++;
    return 0;
}

/* Weapon names are also written in the plural ("Stingers", "MiG-29s",
 * "surface-to-air missiles"); demonyms too ("Russians", "Iraqis"). The
 * plural is the form plus "s" unless it already ends in a sibilant or in a
 * letter that takes another plural (-y, -sh, -ch, -x, -s, -z) or is "-ese"
 * ("Chinese"), "-hman"/"-sman" or "-men"; irregular plurals are listed in the data. */
static int wants_plural(const char *s, size_t n)
{
    if (n < 2)
        return 0;
    unsigned char c = (unsigned char)s[n - 1];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
        return 0;
    c = lower(c);
    if (c == 's' || c == 'x' || c == 'z' || c == 'y')
        return 0;
    if (c == 'h' && (lower((unsigned char)s[n - 2]) == 's' || lower((unsigned char)s[n - 2]) == 'c'))
        return 0; /* -sh, -ch */
    if (n >= 3 && lower((unsigned char)s[n - 3]) == 'e' && lower((unsigned char)s[n - 2]) == 's' &&
        c == 'e')
        return 0; /* -ese */
    if (n >= 3 && lower((unsigned char)s[n - 3]) == 'm' && lower((unsigned char)s[n - 2]) == 'e' &&
        c == 'n')
        return 0; /* -men */
    if (n >= 4 && (lower((unsigned char)s[n - 4]) == 'h' || lower((unsigned char)s[n - 4]) == 's') &&
        lower((unsigned char)s[n - 3]) == 'm' && lower((unsigned char)s[n - 2]) == 'a' && c == 'n')
        return 0; /* "Frenchman", "Scotsman": irregular plural ("German" is not one) */
    return 1;
}

/* Adds `s` and the variants its kind implies: plurals (weapons, demonyms),
 * a capitalised first letter for lower-case forms (sentence starts), and
 * for titles both "Foreign Minister" and "foreign minister". */
static int add_surface(kg_lexicon *lx, const lex_ent *e, kg_lex_form form, const char *s, size_t n)
{
    char buf[KG_LEX_FORM_MAX + 2];
    int rc;
    if ((rc = add_form(lx, e, form, s, n)) < 0)
        return rc;
    kg_lex_kind kind = e->pub.kind;
    int plural = (kind == KG_LEX_WEAPON || kind == KG_LEX_WEAPON_CLASS ||
                  form == KG_FORM_DEMONYM) &&
                 wants_plural(s, n);
    if (plural) {
        memcpy(buf, s, n);
        buf[n] = 's';
        if ((rc = add_form(lx, e, form, buf, n + 1)) < 0)
            return rc;
    }
    if (e->exact_case)
        return 0;
    if (kind == KG_LEX_TITLE && form != KG_FORM_ABBREV) {
        /* all lower case, and every word capitalised */
        for (size_t i = 0; i < n; i++)
            buf[i] = (char)lower((unsigned char)s[i]);
        if ((rc = add_form(lx, e, form, buf, n)) < 0)
            return rc;
        for (size_t i = 0; i < n; i++)
            if ((i == 0 || buf[i - 1] == ' ') && buf[i] >= 'a' && buf[i] <= 'z')
                buf[i] = (char)(buf[i] - 32);
        if ((rc = add_form(lx, e, form, buf, n)) < 0)
            return rc;
    } else if (s[0] >= 'a' && s[0] <= 'z') {
        memcpy(buf, s, n);
        buf[0] = (char)(buf[0] - 32);
        if ((rc = add_form(lx, e, form, buf, n)) < 0)
            return rc;
        if (plural) {
            buf[n] = 's';
            if ((rc = add_form(lx, e, form, buf, n + 1)) < 0)
                return rc;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------------- */
/* Parser                                                                 */

typedef struct field {
    const char *s;
    size_t n;
} field;

static int field_is(field f, const char *lit)
{
    return f.n == strlen(lit) && memcmp(f.s, lit, f.n) == 0;
}

/* A surface form must tokenise, fit the limits and hold no stray bytes. */
static int check_form(const char *file, unsigned line, field f)
{
    kg_str tk[KG_LEX_FORM_TOKENS_MAX];
    if (f.n == 0)
        return kg_error_set(KG_EPARSE, "%s:%u: empty name in a list", file, line);
    if (f.n > KG_LEX_FORM_MAX)
        return kg_error_set(KG_EPARSE, "%s:%u: name longer than %d bytes", file, line,
                            KG_LEX_FORM_MAX);
    for (size_t i = 0; i < f.n; i++) {
        unsigned char c = (unsigned char)f.s[i];
        if (c < 0x20 || c == 0x7f)
            return kg_error_set(KG_EPARSE, "%s:%u: control character in name '%.*s'", file,
                                line, (int)f.n, f.s);
    }
    int nt = tokenize_form(f.s, f.n, tk, KG_LEX_FORM_TOKENS_MAX);
    if (nt < 0)
        return kg_error_set(KG_EPARSE, "%s:%u: name '%.*s' has more than %d tokens", file, line,
                            (int)f.n, f.s, KG_LEX_FORM_TOKENS_MAX);
    if (nt == 0)
        return kg_error_set(KG_EPARSE, "%s:%u: blank name", file, line);
    return 0;
}

/* Splits a `|` list (already known not to be "-") and checks each name. */
static int check_list(const char *file, unsigned line, field f)
{
    const char *p = f.s, *end = f.s + f.n;
    while (p <= end) {
        const char *q = memchr(p, '|', (size_t)(end - p));
        if (!q)
            q = end;
        field item = {p, (size_t)(q - p)};
        int rc = check_form(file, line, item);
        if (rc < 0)
            return rc;
        p = q + 1;
    }
    return 0;
}

static int add_list(kg_lexicon *lx, const lex_ent *e, kg_lex_form form, field f)
{
    if (field_is(f, "-"))
        return 0;
    const char *p = f.s, *end = f.s + f.n;
    while (p <= end) {
        const char *q = memchr(p, '|', (size_t)(end - p));
        if (!q)
            q = end;
        int rc = add_surface(lx, e, form, p, (size_t)(q - p));
        if (rc < 0)
            return rc;
        p = q + 1;
    }
    return 0;
}

/* An id: "prefix:rest", rest non-empty, no spaces or '|'. */
static int valid_id(field f, const char *want_prefix)
{
    size_t pl = strlen(want_prefix);
    if (f.n <= pl + 1 || memcmp(f.s, want_prefix, pl) != 0 || f.s[pl] != ':')
        return 0;
    for (size_t i = 0; i < f.n; i++) {
        unsigned char c = (unsigned char)f.s[i];
        if (c <= ' ' || c == '|' || c == 0x7f)
            return 0;
    }
    return 1;
}

static int valid_any_id(field f)
{
    for (int t = 0; t < KG_TYPE__COUNT; t++)
        if (valid_id(f, kg_type_prefix((kg_type)t)))
            return 1;
    return 0;
}

/* Parses one non-comment line into an entry and its forms. */
static int parse_line(kg_lexicon *lx, const char *file, unsigned line, const char *s, size_t n)
{
    field fl[7];
    size_t nf = 0;
    const char *p = s, *end = s + n;
    int rc;
    while (p <= end) {
        const char *q = memchr(p, '\t', (size_t)(end - p));
        if (!q)
            q = end;
        if (nf == 7)
            return kg_error_set(KG_EPARSE, "%s:%u: more than 7 tab-separated fields", file,
                                line);
        fl[nf].s = p;
        fl[nf].n = (size_t)(q - p);
        nf++;
        p = q + 1;
    }
    if (nf < 3)
        return kg_error_set(KG_EPARSE, "%s:%u: expected at least 3 tab-separated fields "
                                       "(kind, id, canonical), got %zu",
                            file, line, nf);
    for (size_t k = nf; k < 7; k++) {
        fl[k].s = "-";
        fl[k].n = 1;
    }
    int kind = -1;
    for (int k = 0; k < KG_LEX__COUNT; k++)
        if (field_is(fl[0], kind_names[k]))
            kind = k;
    if (kind < 0)
        return kg_error_set(KG_EPARSE, "%s:%u: unknown kind '%.*s'", file, line, (int)fl[0].n,
                            fl[0].s);
    int has_id = !(kind == KG_LEX_TITLE || kind == KG_LEX_FIRSTNAME);
    if (has_id && !valid_id(fl[1], kg_type_prefix(kind_types[kind])))
        return kg_error_set(KG_EPARSE, "%s:%u: id '%.*s' is not of the form %s:NAME", file, line,
                            (int)fl[1].n, fl[1].s, kg_type_prefix(kind_types[kind]));
    if (!has_id && !field_is(fl[1], "-"))
        return kg_error_set(KG_EPARSE, "%s:%u: a %s has no id: write '-'", file, line,
                            kind_names[kind]);
    if (field_is(fl[2], "-") || fl[2].n == 0)
        return kg_error_set(KG_EPARSE, "%s:%u: missing canonical name", file, line);
    if ((rc = check_form(file, line, fl[2])) < 0)
        return rc;
    for (int k = 3; k <= 5; k++)
        if (!field_is(fl[k], "-") && (rc = check_list(file, line, fl[k])) < 0)
            return rc;

    /* extra: key=value pairs */
    field relation = {NULL, 0}, in = {NULL, 0}, made_in = {NULL, 0};
    int exact_case = 0;
    if (!field_is(fl[6], "-")) {
        const char *a = fl[6].s, *e6 = fl[6].s + fl[6].n;
        while (a <= e6) {
            const char *b = memchr(a, '|', (size_t)(e6 - a));
            if (!b)
                b = e6;
            const char *eq = memchr(a, '=', (size_t)(b - a));
            if (!eq)
                return kg_error_set(KG_EPARSE, "%s:%u: extra field '%.*s' is not key=value", file,
                                    line, (int)(b - a), a);
            field key = {a, (size_t)(eq - a)}, val = {eq + 1, (size_t)(b - eq - 1)};
            if (field_is(key, "relation")) {
                char rel[64];
                if (val.n == 0 || val.n >= sizeof rel)
                    return kg_error_set(KG_EPARSE, "%s:%u: bad relation", file, line);
                memcpy(rel, val.s, val.n);
                rel[val.n] = '\0';
                if (!kg_relation_find(rel))
                    return kg_error_set(KG_EPARSE, "%s:%u: unknown relation '%s'", file, line,
                                        rel);
                if (kind != KG_LEX_TITLE)
                    return kg_error_set(KG_EPARSE, "%s:%u: relation= is for titles only", file,
                                        line);
                relation = val;
            } else if (field_is(key, "in")) {
                if (!valid_any_id(val))
                    return kg_error_set(KG_EPARSE, "%s:%u: in= needs an id, got '%.*s'", file,
                                        line, (int)val.n, val.s);
                in = val;
            } else if (field_is(key, "made_in")) {
                if (!valid_id(val, "country"))
                    return kg_error_set(KG_EPARSE,
                                        "%s:%u: made_in= needs a country id, got '%.*s'", file,
                                        line, (int)val.n, val.s);
                made_in = val;
            } else if (field_is(key, "case")) {
                if (!field_is(val, "exact"))
                    return kg_error_set(KG_EPARSE, "%s:%u: case= takes only 'exact'", file,
                                        line);
                exact_case = 1;
            } else {
                return kg_error_set(KG_EPARSE, "%s:%u: unknown extra key '%.*s'", file, line,
                                    (int)key.n, key.s);
            }
            a = b + 1;
        }
    }

    /* an id seen before: the line adds names to that entry */
    lex_ent *e = NULL;
    uint64_t ih = 0;
    slot *isl = NULL;
    if (has_id) {
        ih = hash_exact(fl[1].s, fl[1].n);
        isl = table_slot(&lx->ids, ih, fl[1].s, fl[1].n, 0, 0);
        if (isl) {
            e = isl->val;
            if ((int)e->pub.kind != kind)
                return kg_error_set(KG_EPARSE, "%s:%u: id '%.*s' is already a %s", file, line,
                                    (int)fl[1].n, fl[1].s, kind_names[e->pub.kind]);
        }
    }
    if (!e) {
        e = arena_alloc(lx, sizeof *e);
        if (!e)
            return kg_error_set(KG_ENOMEM, "out of memory building the lexicon");
        memset(e, 0, sizeof *e);
        e->pub.kind = (kg_lex_kind)kind;
        e->pub.type = kind_types[kind];
        e->pub.canonical = arena_strndup(lx, fl[2].s, fl[2].n);
        if (!e->pub.canonical)
            return kg_error_set(KG_ENOMEM, "out of memory building the lexicon");
        if (has_id) {
            char *id = arena_strndup(lx, fl[1].s, fl[1].n);
            if (!id)
                return kg_error_set(KG_ENOMEM, "out of memory building the lexicon");
            e->pub.id = id;
            isl = table_slot(&lx->ids, ih, id, fl[1].n, 0, 1);
            if (!isl)
                return KG_ENOMEM;
            isl->val = e;
        }
        lx->n_entries++;
    }
    e->gen = lx->gen;
    e->exact_case = exact_case;
    if (relation.s && !(e->pub.relation = arena_strndup(lx, relation.s, relation.n)))
        return kg_error_set(KG_ENOMEM, "out of memory building the lexicon");
    if (in.s && !(e->pub.located_in = arena_strndup(lx, in.s, in.n)))
        return kg_error_set(KG_ENOMEM, "out of memory building the lexicon");
    if (made_in.s && !(e->pub.made_in = arena_strndup(lx, made_in.s, made_in.n)))
        return kg_error_set(KG_ENOMEM, "out of memory building the lexicon");

    if ((rc = add_surface(lx, e, KG_FORM_NAME, fl[2].s, fl[2].n)) < 0 ||
        (rc = add_list(lx, e, KG_FORM_NAME, fl[3])) < 0 ||
        (rc = add_list(lx, e, KG_FORM_ABBREV, fl[4])) < 0 ||
        (rc = add_list(lx, e, KG_FORM_DEMONYM, fl[5])) < 0)
        return rc;
    return 0;
}

/* Parses a whole buffer; `file` names it in messages. */
static int parse_buffer(kg_lexicon *lx, const char *file, const char *buf, size_t len)
{
    unsigned line = 0;
    const char *p = buf, *end = buf + len;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        p += 3; /* a UTF-8 byte order mark from some editors */
    while (p < end) {
        const char *q = memchr(p, '\n', (size_t)(end - p));
        if (!q)
            q = end;
        line++;
        size_t n = (size_t)(q - p);
        if (n && p[n - 1] == '\r')
            n--;
        if (memchr(p, '\0', n))
            return kg_error_set(KG_EPARSE, "%s:%u: NUL byte (not a text file)", file, line);
        size_t k = 0;
        while (k < n && (p[k] == ' ' || p[k] == '\t'))
            k++;
        if (k < n && p[0] != '#') {
            int rc = parse_line(lx, file, line, p, n);
            if (rc < 0)
                return rc;
        }
        p = q + 1;
    }
    return 0;
}

/* ---------------------------------------------------------------------- */
/* Public API                                                             */

void kg_lexicon_free(kg_lexicon *lx)
{
    if (!lx)
        return;
    for (size_t i = 0; i < lx->forms.cap; i++) {
        if (!lx->forms.slots[i].hash)
            continue;
        for (lex_form *f = lx->forms.slots[i].val; f; f = f->next)
            free(f->ents);
    }
    free(lx->forms.slots);
    free(lx->ids.slots);
    arena_chunk *c = lx->arena;
    while (c) {
        arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    free(lx);
}

int kg_lexicon_new(kg_lexicon **out)
{
    int rc = 0;
    kg_lexicon *lx = calloc(1, sizeof *lx);
    *out = NULL;
    if (!lx)
        return kg_error_set(KG_ENOMEM, "out of memory building the lexicon");
    /* the built-in files form one load (generation 1): a user's file
     * overrides them all */
    lx->gen = 1;
    for (size_t i = 0; i < sizeof builtin_files / sizeof builtin_files[0]; i++) {
        rc = parse_buffer(lx, builtin_files[i].name, (const char *)builtin_files[i].data,
                          (size_t)*builtin_files[i].len);
        if (rc < 0)
            goto done;
    }
    *out = lx;
    lx = NULL;
done:
    kg_lexicon_free(lx);
    return rc;
}

int kg_lexicon_load_file(kg_lexicon *lx, const char *path)
{
    int rc = 0;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return kg_error_set(KG_EIO, "%s: cannot open: %s", path, strerror(errno));
    /* fopen() opens a directory for reading on Linux; the first read then
     * fails with EISDIR. Say what the path is instead. */
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        rc = kg_error_set(KG_EIO, "%s: is a directory", path);
        goto done;
    }
    errno = 0;
    for (;;) {
        char *nb = realloc(buf, len + 65536);
        if (!nb) {
            rc = kg_error_set(KG_ENOMEM, "%s: out of memory", path);
            goto done;
        }
        buf = nb;
        size_t got = fread(buf + len, 1, 65536, f);
        len += got;
        if (got < 65536)
            break;
        if (len > (size_t)KG_LEX_FILE_MAX) {
            rc = kg_error_set(KG_ELIMIT, "%s: larger than %ld bytes: not a lexicon", path,
                              KG_LEX_FILE_MAX);
            goto done;
        }
    }
    if (ferror(f)) {
        rc = kg_error_set(KG_EIO, "%s: read failed: %s", path, strerror(errno ? errno : EIO));
        goto done;
    }
    lx->gen++;
    rc = parse_buffer(lx, path, buf, len);
done:
    fclose(f);
    free(buf);
    return rc;
}

static kg_lexicon *builtin;
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

static void builtin_init(void)
{
    if (kg_lexicon_new(&builtin) < 0)
        builtin = NULL;
}

const kg_lexicon *kg_lexicon_builtin(void)
{
    pthread_once(&builtin_once, builtin_init);
    return builtin;
}

const kg_lex_entry *kg_lexicon_find_id(const kg_lexicon *lx, const char *id)
{
    if (!lx || !id)
        return NULL;
    size_t n = strlen(id);
    slot *s = table_slot((table *)&lx->ids, hash_exact(id, n), id, n, 0, 0);
    return s ? &((const lex_ent *)s->val)->pub : NULL;
}

size_t kg_lexicon_count(const kg_lexicon *lx)
{
    return lx ? lx->n_entries : 0;
}

static int has_lower(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 'a' && s[i] <= 'z')
            return 1;
    return 0;
}

/* Do toks[i..] spell form f? With `fold`, every token of the span must be
 * in capitals too, so that "U.S." before "air force" does not open the
 * headline fallback for lower-case words. */
static int form_matches(const lex_form *f, const kg_str *toks, size_t n, size_t i, int fold)
{
    if (f->n_tok > n - i)
        return 0;
    for (uint32_t k = 0; k < f->n_tok; k++) {
        const kg_str *t = &toks[i + k];
        if (!tok_eq(f->toks[k].s, f->toks[k].len, t->s, t->len, fold))
            return 0;
        if (fold && has_lower(t->s, t->len))
            return 0;
    }
    return 1;
}

/* kg_lexicon_match with the token's hash_fold already known (h). */
static size_t match_at(const kg_lexicon *lx, const kg_str *toks, size_t n, size_t i, uint64_t h,
                       kg_lex_match *out, size_t max)
{
    const kg_str *t = &toks[i];
    slot *s = table_slot((table *)&lx->forms, h, t->s, t->len, 1, 0);
    if (!s)
        return 0;
    const lex_form *forms = s->val;

    /* exact: forms are unique token sequences, so the first hit (longest
     * first) is the answer */
    const lex_form *exact = NULL;
    for (const lex_form *f = forms; f; f = f->next)
        if (form_matches(f, toks, n, i, 0)) {
            exact = f;
            break;
        }

    /* headline fallback: only for an all-capital token, and only when it
     * finds something longer than the exact match */
    uint32_t fold_len = 0;
    if (all_caps(t->s, t->len)) {
        for (const lex_form *f = forms; f; f = f->next) {
            if (exact && f->n_tok <= exact->n_tok)
                break;
            if (form_matches(f, toks, n, i, 1)) {
                fold_len = f->n_tok;
                break;
            }
        }
    }

    size_t w = 0;
    if (!fold_len) {
        if (!exact)
            return 0;
        for (uint32_t k = 0; k < exact->n_ents && w < max; k++) {
            out[w].entry = &exact->ents[k].e->pub;
            out[w].form = exact->ents[k].form;
            out[w].n_tokens = exact->n_tok;
            out[w].caseless = 0;
            w++;
        }
        return w;
    }

    /* several forms may fold alike ("Us", "US"): merge their entries, one
     * per kind, in kind order */
    for (int kind = 0; kind < KG_LEX__COUNT && w < max; kind++) {
        for (const lex_form *f = forms; f && f->n_tok >= fold_len; f = f->next) {
            if (f->n_tok != fold_len || !form_matches(f, toks, n, i, 1))
                continue;
            const form_ent *hit = NULL;
            for (uint32_t k = 0; k < f->n_ents; k++)
                if ((int)f->ents[k].e->pub.kind == kind)
                    hit = &f->ents[k];
            if (hit) {
                out[w].entry = &hit->e->pub;
                out[w].form = hit->form;
                out[w].n_tokens = fold_len;
                out[w].caseless = 1;
                w++;
                break;
            }
        }
    }
    return w;
}

size_t kg_lexicon_match(const kg_lexicon *lx, const kg_str *toks, size_t n, size_t i,
                        kg_lex_match *out, size_t max)
{
    if (!lx || !toks || i >= n || max == 0 || !lx->forms.cap)
        return 0;
    const kg_str *t = &toks[i];
    if (t->len == 0)
        return 0;
    return match_at(lx, toks, n, i, hash_fold(t->s, t->len), out, max);
}

/* Tokens hashed ahead of their look-ups in kg_lexicon_match_each. */
#define MATCH_AHEAD 32

void kg_lexicon_match_each(const kg_lexicon *lx, const kg_str *toks, size_t n, kg_lex_match *out,
                           size_t max, uint32_t *nm)
{
    uint64_t h[MATCH_AHEAD];
    for (size_t i = 0; i < n; i++)
        nm[i] = 0;
    if (!lx || !toks || max == 0 || !lx->forms.cap)
        return;
    size_t mask = lx->forms.cap - 1;
    for (size_t b = 0; b < n; b += MATCH_AHEAD) {
        size_t e = n - b < MATCH_AHEAD ? n : b + MATCH_AHEAD;
        /* Hash a block and ask for its slots first: the table is larger
         * than the cache, and the misses then overlap. */
        for (size_t i = b; i < e; i++) {
            h[i - b] = toks[i].len ? hash_fold(toks[i].s, toks[i].len) : 0;
            __builtin_prefetch(&lx->forms.slots[h[i - b] & mask]);
        }
        for (size_t i = b; i < e; i++)
            if (toks[i].len)
                nm[i] = (uint32_t)match_at(lx, toks, n, i, h[i - b], out + i * max, max);
    }
}

size_t kg_lexicon_lookup(const kg_lexicon *lx, const char *name, size_t len, kg_lex_match *out,
                         size_t max)
{
    kg_str tk[KG_LEX_FORM_TOKENS_MAX];
    if (!lx || !name || len == 0 || len > KG_LEX_FORM_MAX)
        return 0;
    int nt = tokenize_form(name, len, tk, KG_LEX_FORM_TOKENS_MAX);
    if (nt <= 0)
        return 0;
    size_t got = kg_lexicon_match(lx, tk, (size_t)nt, 0, out, max);
    return got && out[0].n_tokens == (uint32_t)nt ? got : 0;
}
