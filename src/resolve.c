/*
 * resolve.c - within-article entity resolution: which mentions of one
 * article name the same thing, what that thing's id and label are, and
 * which roles the article gives a person.
 *
 * Mentions are grouped with a union-find over mention indices. Groups are
 * joined by: the same lexicon id; the same name (its slug, so "Al Qaeda"
 * and "al-Qaeda" meet); a person's short name that ends exactly one full
 * name of the article ("Lakhani" -> "Hemant Lakhani"); a one-token
 * acronym in parentheses next to a name. A union never joins two different
 * lexicon ids, so one wrong cue cannot fuse Russia with Ukraine.
 *
 * Before grouping, each mention's name is cleaned: a tagger's span that
 * runs on is cut back, courtesy titles ("Mr.") are set aside (and make the
 * name a person's), titles become roles. An organisation span that is
 * really a run of titles ("National Security Adviser Vice") is dropped, or
 * cut back to the organisation in front of the titles or party word
 * ("Pentagon Chief Spokesman", "Senate Republican"). "Mr. Howard" and "Mrs. Howard" in
 * one article stay two people.
 *
 * Ids must not depend on which article an entity was seen in first, so a
 * group's id comes from its lexicon entry or from the slug of its fullest
 * name (longest, ties by strcmp), never from mention order.
 */
#include "kg/resolve.h"

#include "kg/error.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <uthash.h>

/* Tokens looked back over for a title before a name: "deputy foreign
 * minister" is the longest kind seen in news; more only finds noise. */
#define KG_RESOLVE_TITLE_TOKENS 4

/* Tokens of an apposition ("Hemant Lakhani, a known British arms dealer")
 * searched for a title; an apposition's head noun comes early, and a longer
 * search would pick titles of other people further on. */
#define KG_RESOLVE_APPOS_TOKENS 8

/* Lexicon matches looked at per position: one per kind at most. */
#define KG_RESOLVE_MATCHES KG_LEX__COUNT

/* How many tagger guesses one "Mr. X" outweighs when a group's mentions
 * disagree on the type. */
#define KG_RESOLVE_COURTESY_VOTES 100

/* Roles one mention can carry: a title inside the name, one before it, one
 * shared through coordination, one from an apposition. */
#define KG_RESOLVE_ROLES_MAX 4

/* Words the title lexicon lists that say where someone belongs, not what
 * they do: relate turns them into citizen_of / lives_in, they are no role. */
static const char *const not_roles[] = {"citizen", "resident", "national", "native", NULL};

/* A title found in the text. */
typedef struct title {
    const kg_lex_entry *e; /* NULL: none */
    uint32_t tok, n;       /* its tokens */
    kg_lex_form form;
} title;

/* Lexicon matches asked for one span: one per kind is plenty. */
#define RESOLVE_LEX_MATCHES 4

/* What resolve works out about one mention before grouping. */
typedef struct ment {
    uint32_t nb, ne;  /* name tokens [nb, ne), courtesy and role titles stripped */
    int32_t courtesy; /* token of "Mr."/"Ms." just before the name, or -1 */
    int32_t acronym;  /* token of an acronym in parentheses that has no mention, or -1 */
    char *name;       /* the name's text, white space collapsed */
    char *slug;       /* kg_slug(name), or "x<hash>" when the name has no ASCII */
    const char *lex_id; /* lexicon id, or NULL */
    title roles[KG_RESOLVE_ROLES_MAX];
    unsigned n_roles;
    title pre_title;               /* title right before the name */
    int pre_plural;                /* ...in the plural: "Presidents Bush and Putin" */
    int skip;                      /* not resolved here (pronouns and the like) */
    char gender;                   /* 'M' after "Mr.", 'F' after "Mrs."/"Ms.", else 0 */
    int apart; /* "Mrs. Howard" in an article about "Mr. Howard": another person */
    uint32_t full_ne; /* an organisation's name before its company suffix was
                         cut ("Textron Inc"), or 0 */
} ment;

/* A string key -> the first mention that had it. */
typedef struct keyed {
    char *key;
    int32_t m;
    char *owner;   /* for suffixes: the full name's key, to detect ambiguity */
    int ambiguous; /* for suffixes: ends two different full names */
    unsigned count; /* for courtesy keys: how many mentions */
    UT_hash_handle hh;
} keyed;

typedef struct rs {
    kg_doc *d;
    const kg_lexicon *lx;
    kg_str *toks;
    ment *ms;
    int32_t *parent;
    const kg_lex_entry **root_lex; /* a group's lexicon entry, kept at its root */
    keyed *names;          /* "L<id>", "P<slug>", "N<slug>" -> mention */
    keyed *suffixes;       /* "<slug of a proper suffix of a person's name>" */
} rs;

/* ======================================================================
 * Tokens
 * ==================================================================== */

static int tok_eq(const rs *r, size_t i, const char *s)
{
    /* word lists are tried token by token: the first byte settles most */
    if (i >= r->d->n_tokens || !r->toks[i].len || r->toks[i].s[0] != s[0])
        return 0;
    size_t n = strlen(s);
    return r->toks[i].len == n && memcmp(r->toks[i].s, s, n) == 0;
}

static int tok_in(const rs *r, size_t i, const char *const *list)
{
    for (; *list; list++)
        if (tok_eq(r, i, *list))
            return 1;
    return 0;
}

/* Courtesy titles are part of how a person is addressed, not a role. */
static const char *const courtesy_words[] = {
    "Mr.", "Mr", "Mrs.", "Mrs", "Ms.", "Ms", "Miss", "Mx.", "Messrs.", "Mme.", "Mme",
    "Dr.", "Dr", "Prof.", "Sir", "Dame", NULL};

static int is_courtesy(const rs *r, size_t i)
{
    return tok_in(r, i, courtesy_words);
}

static const char *const courtesy_male[] = {"Mr.", "Mr", "Sir", "Messrs.", NULL};
static const char *const courtesy_female[] = {"Mrs.", "Mrs", "Ms.", "Ms", "Miss", "Mme.", "Mme",
                                              "Dame", NULL};

static int is_lower(const rs *r, size_t i)
{
    return r->toks[i].len > 0 && r->toks[i].s[0] >= 'a' && r->toks[i].s[0] <= 'z';
}

/* A plain lower-case word: "weapons", but not "al-Masri" or "de". */
static int is_lower_word(const rs *r, size_t i)
{
    if (!is_lower(r, i))
        return 0;
    for (uint32_t k = 0; k < r->toks[i].len; k++)
        if (r->toks[i].s[k] >= 'A' && r->toks[i].s[k] <= 'Z')
            return 0;
    return 1;
}

/* An acronym: one token with at least two capital letters ("FSB", "MoD",
 * "U.N."). */
static int is_acronym(const rs *r, size_t i)
{
    unsigned caps = 0;
    for (uint32_t k = 0; k < r->toks[i].len; k++) {
        char c = r->toks[i].s[k];
        if (c >= 'A' && c <= 'Z')
            caps++;
        else if (!((c >= 'a' && c <= 'z') || c == '.' || c == '-' || c == '&' ||
                   (c >= '0' && c <= '9')))
            return 0;
    }
    return caps >= 2;
}

/* The title whose surface starts at token i and ends at or before token
 * `end` (tokens from `end` on are not looked at). Returns 1 and fills *out,
 * or 0. */
static int title_at(const rs *r, size_t i, size_t end, title *out)
{
    kg_lex_match mt[KG_RESOLVE_MATCHES];
    memset(out, 0, sizeof *out);
    if (!r->lx || i >= end || is_courtesy(r, i))
        return 0;
    size_t n = kg_lexicon_match(r->lx, r->toks, end, i, mt, KG_RESOLVE_MATCHES);
    for (size_t k = 0; k < n; k++)
        if (mt[k].entry && mt[k].entry->kind == KG_LEX_TITLE && i + mt[k].n_tokens <= end) {
            out->e = mt[k].entry;
            out->tok = (uint32_t)i;
            out->n = mt[k].n_tokens;
            out->form = mt[k].form;
            return 1;
        }
    /* "Presidents Bush and Putin", "foreign ministers X and Y": the
     * lexicon lists titles in the singular, so try the words up to a
     * plural one with its "s" dropped */
    for (size_t last = i; last < end && last < i + KG_RESOLVE_TITLE_TOKENS; last++) {
        kg_str tk[KG_RESOLVE_TITLE_TOKENS];
        size_t len = r->toks[last].len;
        if (len < 4 || r->toks[last].s[len - 1] != 's' || r->toks[last].s[len - 2] == 's')
            continue;
        memcpy(tk, r->toks + i, (last - i + 1) * sizeof *tk);
        tk[last - i].len--;
        n = kg_lexicon_match(r->lx, tk, last - i + 1, 0, mt, KG_RESOLVE_MATCHES);
        for (size_t k = 0; k < n; k++)
            if (mt[k].entry && mt[k].entry->kind == KG_LEX_TITLE &&
                mt[k].n_tokens == last - i + 1 && mt[k].form != KG_FORM_ABBREV) {
                out->e = mt[k].entry;
                out->tok = (uint32_t)i;
                out->n = mt[k].n_tokens;
                out->form = mt[k].form;
                return 1;
            }
    }
    return 0;
}

/* Length in tokens of the title at i (for stripping), 0 if none. */
static uint32_t title_len(const rs *r, size_t i, size_t end)
{
    title t;
    return title_at(r, i, end, &t) ? t.n : 0;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* The text of tokens [b, e) with each run of white space made one space. */
static char *span_text(const rs *r, uint32_t b, uint32_t e)
{
    const kg_doc *d = r->d;
    size_t s = d->tokens[b].start, t = d->tokens[e - 1].end;
    char *out = malloc(t - s + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    int sp = 0;
    for (size_t i = s; i < t; i++) {
        if (is_space(d->text[i])) {
            sp = 1;
            continue;
        }
        if (sp && o)
            out[o++] = ' ';
        sp = 0;
        out[o++] = d->text[i];
    }
    out[o] = '\0';
    return out;
}

/* A slug that is never empty: names without ASCII letters or digits get
 * "x" and their hash, which is as stable across articles as a slug. */
static char *name_slug(const char *name)
{
    char *s = kg_slug(name, strlen(name));
    if (!s || s[0])
        return s;
    free(s);
    s = malloc(18);
    if (!s)
        return NULL;
    s[0] = 'x';
    kg_hash_hex(s + 1, name, strlen(name));
    return s;
}

/* ======================================================================
 * Union-find over mentions
 * ==================================================================== */

static int32_t find(rs *r, int32_t i)
{
    while (r->parent[i] != i) {
        r->parent[i] = r->parent[r->parent[i]];
        i = r->parent[i];
    }
    return i;
}

/* Joins the groups of a and b unless they carry different lexicon ids.
 * The earlier mention becomes the root. */
static void unite(rs *r, int32_t a, int32_t b)
{
    int32_t ra = find(r, a), rb = find(r, b);
    if (ra == rb)
        return;
    const kg_lex_entry *la = r->root_lex[ra], *lb = r->root_lex[rb];
    if (la && lb && la != lb && strcmp(la->id, lb->id) != 0)
        return;
    if (rb < ra) {
        int32_t t = ra;
        ra = rb;
        rb = t;
    }
    r->parent[rb] = ra;
    if (!r->root_lex[ra])
        r->root_lex[ra] = r->root_lex[rb];
}

/* ======================================================================
 * Keys
 * ==================================================================== */

static void keys_free(keyed **h)
{
    keyed *k, *tmp;
    HASH_ITER(hh, *h, k, tmp)
    {
        HASH_DEL(*h, k);
        free(k->key);
        free(k->owner);
        free(k);
    }
}

/* Finds `key` in *h or adds it for mention m. Returns the entry, or NULL on
 * allocation failure. */
static keyed *key_get(keyed **h, const char *key, int32_t m)
{
    keyed *k = NULL;
    HASH_FIND_STR(*h, key, k);
    if (k)
        return k;
    k = calloc(1, sizeof *k);
    if (!k)
        return NULL;
    k->key = kg_strdup(key);
    k->m = m;
    if (!k->key) {
        free(k);
        return NULL;
    }
    int oom = 0;
#undef uthash_nonfatal_oom
#define uthash_nonfatal_oom(obj) (oom = 1)
    HASH_ADD_KEYPTR(hh, *h, k->key, strlen(k->key), k);
    if (oom) {
        free(k->key);
        free(k);
        return NULL;
    }
    return k;
}

/* "<c><rest>" in a new string. */
static char *prefixed(char c, const char *rest)
{
    size_t n = strlen(rest);
    char *s = malloc(n + 2);
    if (!s)
        return NULL;
    s[0] = c;
    memcpy(s + 1, rest, n + 1);
    return s;
}

/* Joins mention i with the first mention that had `key`. */
static int join_key(rs *r, char c, const char *rest, int32_t i)
{
    char *key = prefixed(c, rest);
    if (!key)
        return KG_ENOMEM;
    keyed *k = key_get(&r->names, key, i);
    free(key);
    if (!k)
        return KG_ENOMEM;
    unite(r, k->m, i);
    return 0;
}

/* 1 if key `longer` ("Posama-bin-laden") is key `shorter` ("Pbin-laden")
 * with words in front: the two are one person's longer and shorter name. */
static int ends_name(const char *longer, const char *shorter)
{
    size_t a = strlen(longer), b = strlen(shorter);
    if (longer[0] != shorter[0] || b < 2 || a <= b)
        return 0;
    return longer[a - b] == '-' && strcmp(longer + a - b + 1, shorter + 1) == 0;
}

/* Records that the slug `sfx` ends the person name whose key is `owner`. */
static int add_suffix(rs *r, const char *sfx, const char *owner, int32_t m)
{
    keyed *k = key_get(&r->suffixes, sfx, m);
    if (!k)
        return KG_ENOMEM;
    if (!k->owner) {
        k->owner = kg_strdup(owner);
        return k->owner ? 0 : KG_ENOMEM;
    }
    if (strcmp(k->owner, owner) == 0 || ends_name(k->owner, owner))
        return 0;
    if (ends_name(owner, k->owner)) {
        /* "bin Laden" then "Osama bin Laden": the longer name owns "Laden". */
        char *o = kg_strdup(owner);
        if (!o)
            return KG_ENOMEM;
        free(k->owner);
        k->owner = o;
        k->m = m;
        return 0;
    }
    k->ambiguous = 1;
    return 0;
}

/* ======================================================================
 * One mention: name, courtesy title, roles
 * ==================================================================== */

static void add_role(ment *m, const title *t)
{
    if (!t->e || m->n_roles >= KG_RESOLVE_ROLES_MAX)
        return;
    for (const char *const *w = not_roles; *w; w++)
        if (strcmp(t->e->canonical, *w) == 0)
            return;
    for (unsigned k = 0; k < m->n_roles; k++)
        if (m->roles[k].e == t->e)
            return;
    m->roles[m->n_roles++] = *t;
}

/* Words that end an apposition's search for its head noun: a relative
 * clause, a verb of saying, a preposition (the head comes before it). */
static const char *const appos_stop[] = {
    "who", "whom", "whose", "which", "that", "when", "where", "while", "after", "before",
    "because", "as", "if", "said", "says", "say", "told", "tells", "was", "is", "were", "are",
    "has", "had", "have", "will", "would", "of", "for", "at", "in", "from", "with", "on", "to",
    "by", "(", ")", ",", ";", ":", ".", "\"", "'", "--", "-", "``", "''", NULL};

static const char *const determiners[] = {"a", "an", "the", "its", "his", "her", "their",
                                          "our", "former", "then", NULL};

/* "NAME, a known British arms dealer of ...": the first title in the
 * apposition after the name. */
static void appos_title(const rs *r, const kg_mention *mn, title *out)
{
    const kg_doc *d = r->d;
    const kg_sentence *s = &d->sentences[mn->sentence];
    size_t i = mn->tok_end;
    memset(out, 0, sizeof *out);
    if (i + 1 >= s->tok_end || !tok_eq(r, i, ","))
        return;
    i++;
    /* An apposition opens with a determiner, a nationality or a title;
     * "Putin, Bush and Blair" is a list, not an apposition. After a bare
     * lower-case word the title must come at once ("deputy head"), since
     * "Brown, became Britain's longest serving chancellor" is a clause. */
    size_t end = i + KG_RESOLVE_APPOS_TOKENS;
    if (!tok_in(r, i, determiners) && !title_len(r, i, s->tok_end)) {
        kg_lex_match mt[KG_RESOLVE_MATCHES];
        size_t n = r->lx ? kg_lexicon_match(r->lx, r->toks, s->tok_end, i, mt,
                                             KG_RESOLVE_MATCHES)
                         : 0;
        int demonym = 0;
        for (size_t k = 0; k < n; k++)
            if (mt[k].form == KG_FORM_DEMONYM)
                demonym = 1;
        if (!demonym && !is_lower_word(r, i))
            return;
        if (!demonym)
            end = i + 2;
    }
    if (end > s->tok_end)
        end = s->tok_end;
    for (; i < end; i++) {
        if (tok_in(r, i, appos_stop))
            return;
        if (title_at(r, i, s->tok_end, out)) {
            /* "Blair, Chancellor Gordon Brown and ...": the title belongs
             * to the name after it, not to the one before the comma. */
            size_t next = out->tok + out->n;
            if (next < s->tok_end && r->toks[next].len && r->toks[next].s[0] >= 'A' &&
                r->toks[next].s[0] <= 'Z')
                memset(out, 0, sizeof *out);
            return;
        }
    }
}

/* Strips courtesy and role titles from a person's name and finds the
 * roles around it. */
static void scan_person(rs *r, size_t mi)
{
    kg_doc *d = r->d;
    const kg_mention *mn = &d->mentions[mi];
    ment *m = &r->ms[mi];
    const kg_sentence *s = &d->sentences[mn->sentence];
    title t;

    /* Titles inside the mention: "Mr. Lakhani", "President Putin". Keep at
     * least one token of name. */
    for (;;) {
        if (m->ne - m->nb < 2)
            break;
        if (is_courtesy(r, m->nb)) {
            m->courtesy = (int32_t)m->nb;
            m->nb++;
            continue;
        }
        if (!title_at(r, m->nb, m->ne - 1, &t))
            break;
        add_role(m, &t);
        m->nb += t.n;
    }

    /* A courtesy title or a title just before the mention. */
    size_t first = mn->tok_begin;
    if (m->courtesy < 0 && first > s->tok_begin && is_courtesy(r, first - 1)) {
        m->courtesy = (int32_t)(first - 1);
        first--;
    }
    if (m->courtesy >= 0)
        m->gender = tok_in(r, (size_t)m->courtesy, courtesy_male)     ? 'M'
                    : tok_in(r, (size_t)m->courtesy, courtesy_female) ? 'F'
                                                                      : 0;
    size_t lo = first >= KG_RESOLVE_TITLE_TOKENS ? first - KG_RESOLVE_TITLE_TOKENS : 0;
    if (lo < s->tok_begin)
        lo = s->tok_begin;
    for (size_t j = lo; j < first; j++) {
        if (title_at(r, j, first, &t) && j + t.n == first) {
            const kg_str *last = &r->toks[first - 1];
            m->pre_title = t;
            m->pre_plural = last->len > 1 && last->s[last->len - 1] == 's' &&
                            t.e->canonical[strlen(t.e->canonical) - 1] != 's';
            add_role(m, &t);
            break;
        }
    }

    /* "Presidents Bush and Putin": a plural title covers the whole list. */
    if (!m->pre_title.e && first >= 2 &&
        (tok_eq(r, first - 1, "and") || tok_eq(r, first - 1, ","))) {
        for (size_t k = mi; k-- > 0;) {
            const kg_mention *pm = &d->mentions[k];
            if (pm->tok_end < first - 1)
                break;
            if (pm->tok_end == first - 1 && pm->type == KG_TYPE_PERSON && r->ms[k].pre_plural) {
                m->pre_title = r->ms[k].pre_title;
                m->pre_plural = 1;
                add_role(m, &m->pre_title);
                break;
            }
        }
    }

    appos_title(r, mn, &t);
    add_role(m, &t);
}

/* Lower-case words that may sit inside a name ("Bank of England", "Osama
 * bin Laden"); any other lower-case word ends it. */
static const char *const name_joiners[] = {
    "of", "the", "for", "and", "on", "in", "at", "de", "del", "della", "da", "di", "du", "des",
    "la", "le", "van", "von", "der", "den", "bin", "ibn", "al", "el", "y", "do", "dos", "das",
    "&", "-", NULL};

static const char *const weekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                       "Saturday", "Sunday", NULL};

static int is_punct(const rs *r, size_t i)
{
    unsigned char c = r->toks[i].len ? (unsigned char)r->toks[i].s[0] : 0;
    return c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9'));
}

/* Party words a tagger runs an organisation's name into: "Senate
 * Republican leader X" is a leader in the Senate. */
static const char *const party_words[] = {"Republican", "Democratic", "Democrat", "Labour",
                                          "Conservative", "Liberal", "Socialist", "Communist",
                                          NULL};

/* Ranks and qualifiers that come between a title and a name ("National
 * Security Adviser Vice Adm. X", "Foreign Minister Deputy X"). */
static const char *const rank_words[] = {"Vice", "Adm.", "Gen.", "Lt.", "Col.", "Maj.", "Sgt.",
                                         "Capt.", "Rear", "Deputy", "Acting", NULL};

/* Words that only qualify a title ("Junior Foreign Office Minister"): a
 * span made of them alone names nothing. */
static const char *const title_qualifiers[] = {
    "Junior", "Senior", "Foreign", "Deputy", "Acting", "Assistant", "Associate", "Chief",
    "Former", "Vice", "Then", NULL};

/* Where the earliest (longest) title the lexicon lists, in the singular,
 * that ends tokens [b, e) begins; e if none does. */
static uint32_t title_ending(const rs *r, uint32_t b, uint32_t e)
{
    kg_lex_match mt[KG_RESOLVE_MATCHES];
    for (uint32_t j = b; j < e; j++) {
        size_t n = kg_lexicon_match(r->lx, r->toks, e, j, mt, KG_RESOLVE_MATCHES);
        for (size_t k = 0; k < n; k++)
            if (mt[k].entry && mt[k].entry->kind == KG_LEX_TITLE && j + mt[k].n_tokens == e)
                return j;
    }
    return e;
}

/* 1 if tokens [b, e) spell an organisation of the lexicon exactly; sets
 * *out to its entry. */
static int spells_org(const rs *r, uint32_t b, uint32_t e, kg_lex_match *out)
{
    kg_lex_match mt[KG_RESOLVE_MATCHES];
    size_t n = r->lx && e > b ? kg_lexicon_match(r->lx, r->toks, e, b, mt, KG_RESOLVE_MATCHES) : 0;
    for (size_t k = 0; k < n; k++)
        if (mt[k].entry && mt[k].entry->id && mt[k].entry->kind == KG_LEX_ORG &&
            mt[k].form != KG_FORM_DEMONYM && b + mt[k].n_tokens == e &&
            mt[k].entry->type < KG_TYPE__COUNT) {
            *out = mt[k];
            return 1;
        }
    return 0;
}

/* Last words of organisation names: what stands before a title and ends
 * in one of them is the organisation ("Eurocheque International
 * Secretary X"). */
static const char *const org_suffixes[] = {
    "International", "Corp", "Corp.", "Inc", "Inc.", "Co", "Co.", "Ltd", "Ltd.", "Plc", "PLC",
    "Group", "Bank", "Council", "Agency", "Organisation", "Organization", "Association",
    "Federation", "Union", "Party", "Company", "Corporation", "Commission", "Committee",
    "Institute", "Fund", "Board", "Ministry", "Department", NULL};

/* One-word titles that also end company names ("Data General"). */
static const char *const name_titles[] = {"General", "Major", "Private", "Marshal", NULL};

/* An ORG span that runs on into, or is, a run of titles the tagger took
 * for a name ("the National Security Adviser Vice Adm. X", "Junior Foreign
 * Officer Minister X", "Pentagon Chief Spokesman X"): after its trailing
 * ranks it ends in a title, or it is made of title qualifiers only.
 * "Office of the Special Adviser" names an office (a title after
 * "of"/"for" is its subject). A lone word like "Economist" may be a
 * newspaper, so it counts only when a name or a rank follows.
 * Returns 0 (a name), 1 (no organisation at all), or 2 with *cut set to
 * where the organisation before the title ends: one the lexicon knows, an
 * acronym, or a name with an organisation's last word. */
static int title_run(const rs *r, uint32_t b, uint32_t e, uint32_t *cut)
{
    if (!r->lx || e <= b)
        return 0;
    uint32_t words = e - b - (tok_eq(r, b, "The") || tok_eq(r, b, "the"));
    int capital_next = e < r->d->n_tokens && r->toks[e].len && r->toks[e].s[0] >= 'A' &&
                       r->toks[e].s[0] <= 'Z';
    int quals = 1;
    for (uint32_t t = b; t < e; t++) {
        if (tok_eq(r, t, "of") || tok_eq(r, t, "for"))
            return 0;
        quals &= tok_in(r, t, title_qualifiers);
    }
    if (quals)
        return 1;
    while (e > b && tok_in(r, e - 1, rank_words))
        e--;
    if (e == b)
        return 1;
    if (words < 2 && !capital_next)
        return 0;
    uint32_t j = title_ending(r, b, e);
    if (j == e || (j + 1 == e && tok_in(r, j, name_titles)))
        return 0;
    while (j > b && tok_in(r, j - 1, title_qualifiers))
        j--;
    kg_lex_match org;
    if (j > b && (spells_org(r, b, j, &org) || (j == b + 1 && is_acronym(r, b)) ||
                  (j >= b + 2 && tok_in(r, j - 1, org_suffixes)))) {
        *cut = j;
        return 2;
    }
    return 1;
}

/* Repairs what a statistical tagger gets wrong at a name's edges: a span
 * that runs on into the sentence ("Mr. Putin and other European"), stray
 * brackets, a trailing weekday ("New Jersey Tuesday"), a bare "Mr.".
 * A name that then spells a lexicon entry gets that entry, and one that
 * follows a courtesy title is a person. The mention's span is updated so
 * that evidence points at the name. Returns 0, or 1 if nothing is left. */
static int tidy_mention(rs *r, size_t mi)
{
    kg_doc *d = r->d;
    kg_mention *mn = &d->mentions[mi];
    ment *m = &r->ms[mi];
    uint32_t b = mn->tok_begin, e = mn->tok_end;
    /* "Raytheon Corp <RTN>": a Reuters ticker on its own is no entity */
    if (b > d->sentences[mn->sentence].tok_begin && tok_eq(r, b - 1, "<") &&
        e < d->n_tokens && tok_eq(r, e, ">"))
        return 1;
    /* "Federal Security Service (FSB)" as one span: the name ends at the
     * bracket, and join_acronyms() takes the acronym from there. A
     * Reuters ticker ("Raytheon Corp <RTN>") is never part of the name. */
    for (uint32_t t = b + 1; t < e; t++)
        if ((is_lower_word(r, t) && !tok_in(r, t, name_joiners)) || tok_eq(r, t, "(") ||
            (r->toks[t].len && r->toks[t].s[0] == '<')) {
            e = t;
            break;
        }
    for (;;) {
        if (b < e && is_punct(r, b) && !tok_eq(r, b, "&"))
            b++;
        else if (e > b && (is_punct(r, e - 1) || tok_in(r, e - 1, name_joiners) ||
                           tok_in(r, e - 1, weekdays)))
            e--;
        else
            break;
    }
    uint32_t nc = 0;
    while (b + nc < e && is_courtesy(r, b + nc))
        nc++;
    if (b + nc >= e)
        return 1;
    kg_lex_match party_org;
    if (e - b - nc >= 2 && tok_in(r, e - 1, party_words) &&
        spells_org(r, b + nc, e - 1, &party_org)) {
        /* "Senate Republican": the Senate, whichever party's leader */
        mn->tok_begin = m->nb = b + nc;
        mn->tok_end = m->ne = e - 1;
        mn->start = d->tokens[b + nc].start;
        mn->end = d->tokens[e - 2].end;
        mn->lex = party_org.entry;
        mn->type = party_org.entry->type;
        mn->ner = KG_NER_ORG;
        mn->kind = KG_MENTION_NAME;
        m->lex_id = party_org.entry->id;
        return 0;
    }
    uint32_t cut = e;
    int run = mn->type == KG_TYPE_ORG && !nc ? title_run(r, b, e, &cut) : 0;
    if (run == 1)
        return 1;
    /* "Pentagon Chief Spokesman": the Pentagon; the title is the person's,
     * as if written in lower case */
    if (run == 2)
        e = cut;
    if (b != mn->tok_begin || e != mn->tok_end) {
        mn->tok_begin = m->nb = b;
        mn->tok_end = m->ne = e;
        mn->start = d->tokens[b].start;
        mn->end = d->tokens[e - 1].end;
        kg_lex_match mt[KG_RESOLVE_MATCHES];
        size_t n = r->lx ? kg_lexicon_match(r->lx, r->toks, e, b + nc, mt, KG_RESOLVE_MATCHES) : 0;
        for (size_t k = 0; k < n; k++)
            if (mt[k].entry->id && b + nc + mt[k].n_tokens == e &&
                mt[k].entry->type < KG_TYPE__COUNT) {
                mn->lex = mt[k].entry;
                mn->type = mt[k].entry->type;
                mn->kind = mt[k].form == KG_FORM_DEMONYM ? KG_MENTION_DEMONYM : KG_MENTION_NAME;
                m->lex_id = mt[k].entry->id;
                return 0;
            }
    }
    if (nc || (b > d->sentences[mn->sentence].tok_begin && is_courtesy(r, b - 1))) {
        mn->type = KG_TYPE_PERSON;
        mn->ner = KG_NER_PER;
    }
    return 0;
}

/* 1 if mention mi follows "and" or a comma right after a person named
 * under a plural title ("Presidents Bush and Putin"). */
static int after_plural_title(const rs *r, size_t mi)
{
    const kg_doc *d = r->d;
    size_t first = d->mentions[mi].tok_begin;
    if (first < 2 || !(tok_eq(r, first - 1, "and") || tok_eq(r, first - 1, ",")))
        return 0;
    for (size_t k = mi; k-- > 0;) {
        const kg_mention *pm = &d->mentions[k];
        if (pm->tok_end < first - 1)
            break;
        if (pm->tok_end == first - 1)
            return pm->type == KG_TYPE_PERSON && r->ms[k].pre_plural;
    }
    return 0;
}

/* Fills r->ms[mi]. Returns 0 or KG_ENOMEM. */
/* The tagger's class against the lexicon's: "Paris AFP" (the tagger
 * learnt from sports pages, where a city often names a team) or "built by
 * Panavia" (an unknown company name looks like a place). A name the
 * lexicon holds exactly, in the case written, as a place or as an
 * organisation and not as the other, is that. */
static void retype_by_lexicon(rs *r, size_t mi)
{
    kg_mention *mn = &r->d->mentions[mi];
    ment *m = &r->ms[mi];
    kg_lex_match lm[RESOLVE_LEX_MATCHES];
    const kg_lex_entry *place = NULL, *org = NULL;
    size_t k = kg_lexicon_match(r->lx, r->toks, r->d->n_tokens, m->nb, lm, RESOLVE_LEX_MATCHES);
    for (size_t j = 0; j < k; j++) {
        const kg_lex_entry *e = lm[j].entry;
        if (!e->id || lm[j].caseless || lm[j].form == KG_FORM_DEMONYM ||
            lm[j].n_tokens != m->ne - m->nb)
            continue;
        if (e->kind == KG_LEX_LOCATION || e->kind == KG_LEX_COUNTRY)
            place = place ? place : e;
        else if (e->kind == KG_LEX_ORG)
            org = org ? org : e;
    }
    /* "Al Qaeda" looks like a man's name to the tagger; a name of two
     * words or more that the lexicon holds as an organisation is one. A
     * single word is left alone: "Ford said" is as often the man. */
    if (mn->type == KG_TYPE_PERSON) {
        if (org && !place && m->ne - m->nb >= 2) {
            mn->type = org->type;
            mn->ner = KG_NER_ORG;
            mn->lex = org;
            m->lex_id = org->id;
        }
        return;
    }
    if (mn->type == KG_TYPE_ORG && place && !org && place->kind == KG_LEX_LOCATION) {
        mn->type = place->type;
        mn->ner = KG_NER_LOC;
        mn->lex = place;
        m->lex_id = place->id;
    } else if (mn->type == KG_TYPE_LOCATION && org && !place) {
        mn->type = org->type;
        mn->ner = KG_NER_ORG;
        mn->lex = org;
        m->lex_id = org->id;
    }
}

/* Legal-form words that end a company's name: "Textron Inc", "Vickers
 * Plc", "GEC Avionics Ltd". News writes the same company with and without
 * them, often in one article; the name without (the one lexicon entries
 * use) is the entity's, so all those spellings, in any article, meet at
 * one id. The full form stays an alias. "Corporation" and "Company" stay:
 * "East India Company" is not "East India". */
static const char *const company_suffixes[] = {
    "Inc", "Inc.", "Corp", "Corp.", "Co", "Co.", "Ltd", "Ltd.", "Limited", "Plc", "PLC", "plc",
    "LLC", "GmbH", "AG", "NV", "N.V.", "BV", "SpA", "S.p.A.", "SA", "S.A.", NULL};

/* Words that name a kind of company, not one company. */
static const char *const generic_company_words[] = {
    "The", "Bank", "Banks", "Group", "Holding", "Holdings", "International", "Trust",
    "Securities", "Capital", "Investment", "Investments", "Finance", "Financial", "Insurance",
    "Savings", "Industries", "Industrial", "Corporation", "Company", "Companies", "Partners",
    "Associates", "Enterprises", "Services", "Systems", "Resources", "Energy", "Oil", "Mining",
    "Steel", "Motor", "Motors", "Electric", "Chemical", "Chemicals", "Trading", "Products",
    "National", "General", "American", "United", "First", "Pacific", "Petroleum", "Gas",
    "Airlines", "Airways", "Shipping", "Railway", "Railways", "Telecom", "Telecommunications",
    "Electronics", "Aerospace", "Computer", "Computers", "Software", "Pharmaceutical",
    "Pharmaceuticals", "Foods", "Power", "Development", "Data", "Technology", "Technologies",
    NULL};

static const char *const public_corporation_heads[] = {
    "Insurance", "Investment", "Development", "Finance", "Trust", "Guaranty", "Credit", "Loan",
    "Mortgage", "Broadcasting", "Exchange", "Export", "Import", NULL};

static void cut_company_suffix(rs *r, size_t mi)
{
    ment *m = &r->ms[mi];
    uint32_t e = m->ne;
    if (e - m->nb < 2 || !tok_in(r, e - 1, company_suffixes))
        return;
    e--;
    /* "Federal Deposit Insurance Corp", "Resolution Trust Corp": a public
     * corporation, whose "Corp" is part of what it is called */
    if (tok_in(r, e - 1, public_corporation_heads))
        return;
    /* "Morgan Stanley & Co", "Smith, Barney, Harris Upham and Co" */
    while (e > m->nb && (tok_eq(r, e - 1, "&") || tok_eq(r, e - 1, ",") || tok_eq(r, e - 1, "and")))
        e--;
    /* what is left must still name one company: not "The Limited", "Co
     * Ltd" or "Bank Plc" (what the tagger left of a longer name) */
    int named = 0;
    for (uint32_t t = m->nb; t < e; t++)
        named |= r->toks[t].len && r->toks[t].s[0] >= 'A' && r->toks[t].s[0] <= 'Z' &&
                 !tok_in(r, t, generic_company_words) && !tok_in(r, t, company_suffixes);
    if (!named)
        return;
    m->full_ne = m->ne;
    m->ne = e;
}

static int scan_mention(rs *r, size_t mi)
{
    kg_doc *d = r->d;
    kg_mention *mn = &d->mentions[mi];
    ment *m = &r->ms[mi];
    m->courtesy = -1;
    m->acronym = -1;
    m->nb = mn->tok_begin;
    m->ne = mn->tok_end;
    if (mn->lex && mn->lex->id)
        m->lex_id = mn->lex->id;
    if (mn->kind == KG_MENTION_PRONOUN || mn->tok_end <= mn->tok_begin ||
        mn->tok_end > d->n_tokens || mn->sentence >= d->n_sentences ||
        (mn->kind == KG_MENTION_DEMONYM && !m->lex_id) || mn->type >= KG_TYPE__COUNT) {
        m->skip = 1;
        return 0;
    }
    if (!m->lex_id && mn->kind == KG_MENTION_NAME && tidy_mention(r, mi)) {
        m->skip = 1;
        return 0;
    }
    if ((mn->type == KG_TYPE_ORG || mn->type == KG_TYPE_LOCATION ||
         (mn->type == KG_TYPE_PERSON && m->ne - m->nb >= 2 && !is_courtesy(r, m->nb) &&
          !(m->nb > d->sentences[mn->sentence].tok_begin && is_courtesy(r, m->nb - 1)))) &&
        !m->lex_id && mn->kind == KG_MENTION_NAME)
        retype_by_lexicon(r, mi);
    if (mn->type != KG_TYPE_PERSON && !m->lex_id && mn->kind == KG_MENTION_NAME &&
        after_plural_title(r, mi)) {
        /* "Presidents Bush and Putin": the title makes the list people,
         * whatever the tagger made of the second name */
        mn->type = KG_TYPE_PERSON;
        mn->ner = KG_NER_PER;
    }
    if (mn->type == KG_TYPE_PERSON)
        scan_person(r, mi);
    if (mn->type == KG_TYPE_ORG && !m->lex_id && mn->kind == KG_MENTION_NAME)
        cut_company_suffix(r, mi);
    m->name = span_text(r, m->nb, m->ne);
    if (!m->name)
        return KG_ENOMEM;
    m->slug = name_slug(m->name);
    return m->slug ? 0 : KG_ENOMEM;
}

/* ======================================================================
 * Grouping
 * ==================================================================== */

/* The mention made of exactly tokens [b, e), or -1. Mentions come in text
 * order, so the search starts next to `near`. */
static int32_t mention_at(const rs *r, size_t near, uint32_t b, uint32_t e)
{
    const kg_doc *d = r->d;
    for (size_t k = near + 1; k < d->n_mentions && d->mentions[k].tok_begin <= b; k++)
        if (d->mentions[k].tok_begin == b && d->mentions[k].tok_end == e && !r->ms[k].skip)
            return (int32_t)k;
    for (size_t k = near; k-- > 0 && d->mentions[k].tok_end >= b;)
        if (d->mentions[k].tok_begin == b && d->mentions[k].tok_end == e && !r->ms[k].skip)
            return (int32_t)k;
    return -1;
}

static int compatible(const kg_mention *a, const kg_mention *b)
{
    return a->type == b->type || !a->lex || !b->lex;
}

/* 1 if the capitalised words of mention mi's name, read by their first
 * letters, spell the acronym token a ("Center for Strategic and
 * International Studies" -> CSIS). */
static int initials_spell(const rs *r, size_t mi, uint32_t a)
{
    const ment *m = &r->ms[mi];
    const kg_str *ac = &r->toks[a];
    size_t k = 0;
    for (uint32_t t = m->nb; t < m->ne; t++) {
        char c = r->toks[t].len ? r->toks[t].s[0] : 0;
        if (!(c >= 'A' && c <= 'Z'))
            continue;
        while (k < ac->len && !(ac->s[k] >= 'A' && ac->s[k] <= 'Z'))
            k++;
        if (k >= ac->len || ac->s[k] != c)
            return 0;
        k++;
    }
    while (k < ac->len && !(ac->s[k] >= 'A' && ac->s[k] <= 'Z'))
        k++;
    return k == ac->len && m->ne - m->nb >= 2;
}

/* How many capitalised words of mention mi's name are not words of
 * `canonical`. */
static unsigned words_not_in(const rs *r, size_t mi, const char *canonical)
{
    const ment *m = &r->ms[mi];
    unsigned missing = 0;
    for (uint32_t t = m->nb; t < m->ne; t++) {
        const kg_str *w = &r->toks[t];
        if (!w->len || !(w->s[0] >= 'A' && w->s[0] <= 'Z'))
            continue;
        int found = 0;
        for (const char *p = canonical; *p && !found;) {
            size_t n = strcspn(p, " ");
            found = n == w->len && memcmp(p, w->s, n) == 0;
            p += n;
            p += *p == ' ';
        }
        missing += !found;
    }
    return missing;
}

/* "the Center for Strategic and International Studies (CSIS)": an
 * article that spells out an acronym as another name than the lexicon's
 * means its own thing by it (CSIS is also Canada's intelligence service).
 * A spelling variant ("Organisation" for "Organization") differs in one
 * word at most and keeps the lexicon's entry. Every mention
 * of that acronym in the article loses the lexicon entry, so the name and
 * the acronym then meet as one entity. Runs before any grouping. */
static void own_acronyms(rs *r)
{
    kg_doc *d = r->d;
    for (size_t i = 0; i < d->n_mentions; i++) {
        const kg_mention *mn = &d->mentions[i];
        uint32_t p = mn->tok_end;
        if (r->ms[i].skip || r->ms[i].lex_id || mn->type == KG_TYPE_PERSON ||
            p + 2 >= d->n_tokens || !tok_eq(r, p, "(") || !tok_eq(r, p + 2, ")") ||
            !is_acronym(r, p + 1))
            continue;
        int32_t j = mention_at(r, i, p + 1, p + 2);
        if (j < 0 || !r->ms[j].lex_id || !d->mentions[j].lex || !initials_spell(r, i, p + 1) ||
            words_not_in(r, i, d->mentions[j].lex->canonical) < 2)
            continue;
        const char *lex_id = r->ms[j].lex_id;
        const kg_str *ac = &r->toks[p + 1];
        for (size_t k = 0; k < d->n_mentions; k++) {
            kg_mention *km = &d->mentions[k];
            if (r->ms[k].lex_id != lex_id || km->tok_end - km->tok_begin != 1 ||
                r->toks[km->tok_begin].len != ac->len ||
                memcmp(r->toks[km->tok_begin].s, ac->s, ac->len) != 0)
                continue;
            r->ms[k].lex_id = NULL;
            r->root_lex[k] = NULL;
            km->lex = NULL;
        }
    }
}

/* "Federal Security Service (FSB)" and "FSB (Federal Security Service)". */
static void join_acronyms(rs *r)
{
    kg_doc *d = r->d;
    for (size_t i = 0; i < d->n_mentions; i++) {
        const kg_mention *mn = &d->mentions[i];
        if (r->ms[i].skip || mn->type == KG_TYPE_PERSON)
            continue;
        uint32_t p = mn->tok_end;
        if (p + 2 >= d->n_tokens || !tok_eq(r, p, "(") ||
            d->tokens[p + 1].sentence != mn->sentence)
            continue;
        /* Name (ACRONYM) */
        if (tok_eq(r, p + 2, ")") && is_acronym(r, p + 1)) {
            int32_t j = mention_at(r, i, p + 1, p + 2);
            if (j < 0)
                r->ms[i].acronym = (int32_t)(p + 1);
            else if (compatible(mn, &d->mentions[j]))
                unite(r, (int32_t)i, j);
            continue;
        }
        /* ACRONYM (Name) */
        if (mn->tok_end - mn->tok_begin == 1 && is_acronym(r, mn->tok_begin)) {
            for (size_t j = i + 1; j < d->n_mentions && d->mentions[j].tok_begin <= p + 1; j++) {
                const kg_mention *in = &d->mentions[j];
                if (in->tok_begin == p + 1 && !r->ms[j].skip && in->tok_end < d->n_tokens &&
                    tok_eq(r, in->tok_end, ")") && compatible(mn, in))
                    unite(r, (int32_t)i, (int32_t)j);
            }
        }
    }
}

/* Splits `name` at spaces and records each proper suffix's slug. */
static int add_name_suffixes(rs *r, const char *name, const char *owner, int32_t m)
{
    for (const char *p = strchr(name, ' '); p; p = strchr(p + 1, ' ')) {
        char *s = name_slug(p + 1);
        if (!s)
            return KG_ENOMEM;
        int rc = add_suffix(r, s, owner, m);
        free(s);
        if (rc)
            return rc;
    }
    return 0;
}

/* "Lakhani", "Mr. Lakhani" -> "Hemant Lakhani", when only one full name
 * of the article ends that way. Run after the name keys are joined, so a
 * full name said twice is one owner, not two. */
static int join_surnames(rs *r)
{
    kg_doc *d = r->d;
    int rc = 0;
    char *owner = NULL;
    for (size_t i = 0; i < d->n_mentions; i++) {
        const ment *m = &r->ms[i];
        if (m->skip || d->mentions[i].type != KG_TYPE_PERSON)
            continue;
        free(owner);
        owner = m->lex_id ? prefixed('L', m->lex_id) : prefixed('P', m->slug);
        if (!owner)
            goto oom;
        if (m->ne - m->nb >= 2 && (rc = add_name_suffixes(r, m->name, owner, (int32_t)i)))
            goto done;
        const kg_lex_entry *lx = d->mentions[i].lex;
        if (lx && lx->canonical && (rc = add_name_suffixes(r, lx->canonical, owner, (int32_t)i)))
            goto done;
    }
    for (size_t i = 0; i < d->n_mentions; i++) {
        const ment *m = &r->ms[i];
        const kg_mention *mn = &d->mentions[i];
        if (m->skip)
            continue;
        /* A tagger may call a surname ORG or LOC; a lexicon place may not
         * be re-read as a person ("Washington"). */
        if (m->apart || (mn->type != KG_TYPE_PERSON && (m->lex_id || m->ne - m->nb != 1)))
            continue;
        keyed *k = NULL;
        HASH_FIND_STR(r->suffixes, m->slug, k);
        if (k && !k->ambiguous)
            unite(r, k->m, (int32_t)i);
        if (mn->type != KG_TYPE_PERSON) {
            /* "Mr. Putin" said, and the tagger called the next "Putin" an
             * ORG: the same name as a person of the article is that person. */
            free(owner);
            if (!(owner = prefixed('P', m->slug)))
                goto oom;
            k = NULL;
            HASH_FIND_STR(r->names, owner, k);
            if (k)
                unite(r, k->m, (int32_t)i);
        }
    }
    goto done;
oom:
    rc = KG_ENOMEM;
done:
    free(owner);
    return rc;
}

/* "Mr. Howard" and "Mrs. Howard" in one article are two people. The
 * courtesy title used more often keeps the surname (and its full name);
 * the other is set apart (ties: "Mrs."/"Ms." yields, a convention of news
 * writing, where the article's subject is usually named first). */
static int split_genders(rs *r)
{
    kg_doc *d = r->d;
    keyed *counts = NULL;
    int rc = 0;
    char key[2 + 64];
    for (int pass = 0; pass < 2 && !rc; pass++)
        for (size_t i = 0; i < d->n_mentions && !rc; i++) {
            ment *m = &r->ms[i];
            if (m->skip || !m->gender || d->mentions[i].type != KG_TYPE_PERSON)
                continue;
            snprintf(key, sizeof key, "%c%s", m->gender, m->slug);
            keyed *k = key_get(&counts, key, (int32_t)i);
            if (!k) {
                rc = KG_ENOMEM;
                break;
            }
            if (pass == 0) {
                k->count++;
                continue;
            }
            key[0] = m->gender == 'M' ? 'F' : 'M';
            keyed *o = NULL;
            HASH_FIND_STR(counts, key, o);
            if (o && (o->count > k->count || (o->count == k->count && m->gender == 'F')))
                m->apart = 1;
        }
    keys_free(&counts);
    return rc;
}

/* ======================================================================
 * Entities
 * ==================================================================== */

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
    memset(e, 0, sizeof *e);
}

/* Adds a copy of s to the set arr[0..*n) unless it is there. */
static int set_add(char ***arr, size_t *n, const char *s)
{
    if (!s || !s[0])
        return 0;
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*arr)[i], s) == 0)
            return 0;
    char **p = realloc(*arr, (*n + 1) * sizeof *p);
    if (!p)
        return KG_ENOMEM;
    *arr = p;
    p[*n] = kg_strdup(s);
    if (!p[*n])
        return KG_ENOMEM;
    (*n)++;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* 1 if name a makes a better label than b: more bytes, then strcmp order. */
/* 1 if s has letters and none of them is lower case ("SAAB-SCANIA"). */
static int all_caps(const char *s)
{
    int letters = 0;
    for (; *s; s++) {
        if (*s >= 'a' && *s <= 'z')
            return 0;
        letters |= *s >= 'A' && *s <= 'Z';
    }
    return letters;
}

/* 1 if name a makes a better label than b: more bytes, then written as in
 * running text rather than in a capitals headline, then strcmp order. */
static int better_label(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb)
        return la > lb;
    int ca = all_caps(a), cb = all_caps(b);
    if (ca != cb && strcasecmp(a, b) == 0)
        return cb;
    return strcmp(a, b) < 0;
}

static void ascii_lower(char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z')
            *s = (char)(*s - 'A' + 'a');
}

/* The role a title gives, in lower case: the words the article used
 * ("attorney"), unless they are an abbreviation or a plural of the
 * lexicon's name ("Pres.", "Presidents" -> "president"). */
static char *role_name(const rs *r, const title *t)
{
    char *canon = kg_strdup(t->e->canonical);
    if (!canon)
        return NULL;
    ascii_lower(canon);
    if (t->form == KG_FORM_ABBREV || t->n == 0)
        return canon;
    char *surf = span_text(r, t->tok, t->tok + t->n);
    if (!surf) {
        free(canon);
        return NULL;
    }
    ascii_lower(surf);
    if (strncmp(surf, canon, strlen(canon)) == 0) {
        free(surf);
        return canon;
    }
    free(canon);
    return surf;
}

/* Adds mention i's names and roles to entity e. */
static int absorb(rs *r, kg_entity *e, size_t i)
{
    const ment *m = &r->ms[i];
    int rc = set_add(&e->aliases, &e->n_aliases, m->name);
    if (!rc && m->full_ne) {
        char *s = span_text(r, m->nb, m->full_ne);
        if (!s)
            return KG_ENOMEM;
        rc = set_add(&e->aliases, &e->n_aliases, s);
        free(s);
    }
    if (!rc && m->courtesy >= 0) {
        const kg_str *c = &r->toks[m->courtesy];
        size_t n = c->len + 1 + strlen(m->name);
        char *s = malloc(n + 1);
        if (!s)
            return KG_ENOMEM;
        snprintf(s, n + 1, "%.*s %s", (int)c->len, c->s, m->name);
        rc = set_add(&e->aliases, &e->n_aliases, s);
        free(s);
    }
    if (!rc && m->acronym >= 0) {
        char *s = span_text(r, (uint32_t)m->acronym, (uint32_t)m->acronym + 1);
        if (!s)
            return KG_ENOMEM;
        rc = set_add(&e->aliases, &e->n_aliases, s);
        free(s);
    }
    for (unsigned k = 0; !rc && k < m->n_roles; k++) {
        char *s = role_name(r, &m->roles[k]);
        if (!s)
            return KG_ENOMEM;
        rc = set_add(&e->roles, &e->n_roles, s);
        free(s);
    }
    if (!rc)
        e->mentions++;
    return rc;
}

/* Drops the label from the aliases and sorts both sets. */
/* 1 if alias i only repeats, in headline capitals, the label or another
 * alias ("RUSSIA" beside "Russia"). */
static int headline_copy(const kg_entity *e, size_t i)
{
    const char *a = e->aliases[i];
    if (!all_caps(a))
        return 0;
    if (strcasecmp(a, e->label) == 0)
        return 1;
    for (size_t k = 0; k < e->n_aliases; k++)
        if (k != i && e->aliases[k] && !all_caps(e->aliases[k]) && strcasecmp(a, e->aliases[k]) == 0)
            return 1;
    return 0;
}

static void finish_entity(kg_entity *e)
{
    size_t o = 0;
    for (size_t i = 0; i < e->n_aliases; i++) {
        if (strcmp(e->aliases[i], e->label) == 0 || headline_copy(e, i)) {
            free(e->aliases[i]);
            e->aliases[i] = NULL;
        } else {
            e->aliases[o++] = e->aliases[i];
        }
    }
    e->n_aliases = o;
    if (e->n_aliases > 1)
        qsort(e->aliases, e->n_aliases, sizeof *e->aliases, cmp_str);
    if (e->n_roles > 1)
        qsort(e->roles, e->n_roles, sizeof *e->roles, cmp_str);
}

/* An entity id -> its index in d->entities. */
typedef struct idx {
    const char *id; /* borrowed from the entity */
    int32_t ent;
    UT_hash_handle hh;
} idx;

/* Names every state has one of: "the Finance Ministry", "the Army", "the
 * Central Bank". Without more they would be one node for all countries in
 * a merged graph, so where the article says whose ("Iraq's Defence
 * Ministry", "the Iraqi Army", "the Central Bank of Egypt") the entity is
 * that country's: "Defence Ministry of Iraq". The last word decides. */
static const char *const institution_heads[] = {
    "Ministry", "Army", "Navy", "Force", "Forces", "Parliament", "Court", "Cabinet",
    "Police", "Assembly", "Guard", "Guards", "Government", "Bank", NULL};

/* 1 if name is such a generic institution: up to three capitalised words
 * ending in a head, or one head word alone; of banks only "Central Bank",
 * "National Bank" and "Reserve Bank", of forces only the armed ones. */
static int generic_institution(const char *name)
{
    const char *last = strrchr(name, ' ');
    size_t words = 1;
    for (const char *p = name; *p; p++)
        words += *p == ' ';
    last = last ? last + 1 : name;
    if (words > 3)
        return 0;
    int head = 0;
    for (const char *const *h = institution_heads; *h && !head; h++)
        head = strcmp(last, *h) == 0;
    if (!head)
        return 0;
    if (strcmp(last, "Force") == 0 || strcmp(last, "Forces") == 0) /* not "Democratic Force" */
        return strcmp(name, "Air Force") == 0 || strcmp(name, "Armed Forces") == 0 ||
               strcmp(name, "Defence Forces") == 0 || strcmp(name, "Defense Forces") == 0 ||
               strcmp(name, "Security Forces") == 0;
    if (strcmp(last, "Bank") == 0) /* "National Westminster Bank" is one bank */
        return strcmp(name, "Central Bank") == 0 || strcmp(name, "National Bank") == 0 ||
               strcmp(name, "Reserve Bank") == 0;
    for (const char *p = name; *p; p++)
        if ((p == name || p[-1] == ' ') && !(*p >= 'A' && *p <= 'Z'))
            return 0;
    return 1;
}

/* The country an article ties mention mi to by the words around it: a
 * nationality right before ("the Iraqi Army"), a country's possessive
 * ("Iraq's Defence Ministry") or "of COUNTRY" right after ("the Central
 * Bank of Egypt"). NULL if none. */
static const kg_lex_entry *country_of_mention(const rs *r, size_t mi)
{
    const kg_doc *d = r->d;
    const kg_mention *mn = &d->mentions[mi];
    uint32_t b = mn->tok_begin, e = mn->tok_end;
    for (size_t k = mi; k-- > 0;) {
        const kg_mention *p = &d->mentions[k];
        if (p->tok_end + 1 < b)
            break;
        if (!p->lex || p->type != KG_TYPE_COUNTRY || p->sentence != mn->sentence)
            continue;
        if (p->tok_end == b && p->kind == KG_MENTION_DEMONYM)
            return p->lex;
        if (p->tok_end + 1 == b && tok_eq(r, b - 1, "'s"))
            return p->lex;
    }
    if (e + 1 < d->n_tokens && tok_eq(r, e, "of"))
        for (size_t k = mi + 1; k < d->n_mentions && d->mentions[k].tok_begin <= e + 2; k++) {
            const kg_mention *p = &d->mentions[k];
            uint32_t at = e + 1 + (tok_eq(r, e + 1, "the") ? 1 : 0);
            if (p->tok_begin == at && p->lex && p->type == KG_TYPE_COUNTRY &&
                p->kind == KG_MENTION_NAME)
                return p->lex;
        }
    return NULL;
}

static int build_entities(rs *r)
{
    kg_doc *d = r->d;
    size_t n = d->n_mentions;
    int rc = 0;
    int32_t *best = malloc((n ? n : 1) * sizeof *best);   /* root -> label mention */
    int32_t *ent_of = malloc((n ? n : 1) * sizeof *ent_of); /* root -> entity */
    /* root -> mentions of each type: a group's type is its most frequent */
    unsigned *votes = calloc((n ? n : 1) * KG_TYPE__COUNT, sizeof *votes);
    /* root -> the country the article gives a generic institution */
    const kg_lex_entry **whose = NULL;
    idx *ids = NULL, *it, *tmp;
    kg_entity e;
    memset(&e, 0, sizeof e);
    if (!best || !ent_of || !votes)
        goto oom;
    for (size_t i = 0; i < n; i++)
        best[i] = ent_of[i] = -1;
    whose = calloc(n ? n : 1, sizeof *whose);
    if (!whose)
        goto oom;

    /* The label of a group: its lexicon name, else its fullest name. */
    for (size_t i = 0; i < n; i++) {
        if (r->ms[i].skip)
            continue;
        int32_t root = find(r, (int32_t)i);
        if (best[root] < 0 || better_label(r->ms[i].name, r->ms[best[root]].name))
            best[root] = (int32_t)i;
        /* "Mr."/"Ms." is surer evidence of a person than any tagger guess. */
        votes[(size_t)root * KG_TYPE__COUNT + d->mentions[i].type] +=
            r->ms[i].courtesy >= 0 && d->mentions[i].type == KG_TYPE_PERSON ? KG_RESOLVE_COURTESY_VOTES
                                                                            : 1;
        if (!whose[root] && d->mentions[i].type == KG_TYPE_ORG && !r->root_lex[root] &&
            d->mentions[i].kind == KG_MENTION_NAME)
            whose[root] = country_of_mention(r, i);
    }

    for (size_t i = 0; i < n; i++) {
        kg_mention *mn = &d->mentions[i];
        mn->entity = -1;
        if (r->ms[i].skip)
            continue;
        int32_t root = find(r, (int32_t)i);
        if (ent_of[root] < 0) {
            const kg_mention *bm = &d->mentions[best[root]];
            const kg_lex_entry *le = r->root_lex[root];
            memset(&e, 0, sizeof e);
            if (le) {
                e.type = le->type < KG_TYPE__COUNT ? le->type : bm->type;
                e.label = kg_strdup(le->canonical ? le->canonical : r->ms[best[root]].name);
                e.id = kg_strdup(le->id);
            } else {
                /* Ties go to the smaller type: PERSON before ORG before places. */
                const unsigned *v = votes + (size_t)root * KG_TYPE__COUNT;
                e.type = bm->type;
                for (int t = 0; t < KG_TYPE__COUNT; t++)
                    if (v[t] > v[e.type] || (v[t] == v[e.type] && t < (int)e.type))
                        e.type = (kg_type)t;
                const char *name = r->ms[best[root]].name;
                char *own = NULL;
                if (e.type == KG_TYPE_ORG && whose[root] && whose[root]->canonical &&
                    generic_institution(name)) {
                    size_t len = strlen(name) + 4 + strlen(whose[root]->canonical) + 1;
                    if (!(own = malloc(len)))
                        goto oom;
                    snprintf(own, len, "%s of %s", name, whose[root]->canonical);
                }
                e.label = own ? own : kg_strdup(name);
                char *own_slug = own ? name_slug(own) : NULL;
                const char *pre = kg_type_prefix(e.type);
                const char *slug = own ? own_slug : r->ms[best[root]].slug;
                if (slug) {
                    size_t len = strlen(pre) + 1 + strlen(slug) + 1;
                    e.id = malloc(len);
                    if (e.id)
                        snprintf(e.id, len, "%s:%s", pre, slug);
                }
                free(own_slug);
            }
            if (!e.label || !e.id)
                goto oom;
            HASH_FIND_STR(ids, e.id, it);
            if (it) {
                /* Another group reached the same id: one entity. */
                kg_entity *x = &d->entities[it->ent];
                if (better_label(e.label, x->label)) {
                    char *t = x->label;
                    x->label = e.label;
                    e.label = t;
                }
                if (set_add(&x->aliases, &x->n_aliases, e.label))
                    goto oom;
                entity_clear(&e);
                ent_of[root] = it->ent;
            } else {
                if (kg_doc_add_entity(d, &e))
                    goto oom;
                memset(&e, 0, sizeof e);
                ent_of[root] = (int32_t)(d->n_entities - 1);
                it = calloc(1, sizeof *it);
                if (!it)
                    goto oom;
                it->id = d->entities[ent_of[root]].id;
                it->ent = ent_of[root];
                int oom = 0;
#undef uthash_nonfatal_oom
#define uthash_nonfatal_oom(obj) (oom = 1)
                HASH_ADD_KEYPTR(hh, ids, it->id, strlen(it->id), it);
                if (oom) {
                    free(it);
                    goto oom;
                }
            }
        }
        mn->entity = ent_of[root];
        if ((rc = absorb(r, &d->entities[mn->entity], i)))
            goto done;
    }
    for (size_t k = 0; k < d->n_entities; k++)
        finish_entity(&d->entities[k]);
    goto done;
oom:
    rc = KG_ENOMEM;
done:
    entity_clear(&e);
    HASH_ITER(hh, ids, it, tmp)
    {
        HASH_DEL(ids, it);
        free(it);
    }
    free(best);
    free(ent_of);
    free(votes);
    free(whose);
    return rc;
}

/* ======================================================================
 * API
 * ==================================================================== */

int kg_resolve(kg_doc *d, const kg_lexicon *lx)
{
    int rc = 0;
    rs r;
    memset(&r, 0, sizeof r);
    r.d = d;
    r.lx = lx ? lx : kg_lexicon_builtin();
    size_t n = d->n_mentions;

    for (size_t i = 0; i < d->n_entities; i++)
        entity_clear(&d->entities[i]);
    d->n_entities = 0;
    for (size_t i = 0; i < n; i++)
        d->mentions[i].entity = -1;
    if (!n)
        return 0;

    r.toks = malloc((d->n_tokens ? d->n_tokens : 1) * sizeof *r.toks);
    r.ms = calloc(n, sizeof *r.ms);
    r.parent = malloc(n * sizeof *r.parent);
    r.root_lex = calloc(n, sizeof *r.root_lex);
    if (!r.toks || !r.ms || !r.parent || !r.root_lex)
        goto oom;
    for (size_t i = 0; i < d->n_tokens; i++) {
        r.toks[i].s = d->text + d->tokens[i].start;
        r.toks[i].len = d->tokens[i].end - d->tokens[i].start;
    }
    for (size_t i = 0; i < n; i++) {
        r.parent[i] = (int32_t)i;
        if ((rc = scan_mention(&r, i)))
            goto done;
        r.root_lex[i] = r.ms[i].lex_id ? d->mentions[i].lex : NULL;
    }

    if ((rc = split_genders(&r)))
        goto done;
    own_acronyms(&r);
    for (size_t i = 0; i < n; i++) {
        const ment *m = &r.ms[i];
        if (m->skip)
            continue;
        char kind = d->mentions[i].type == KG_TYPE_PERSON ? (m->apart ? 'Q' : 'P') : 'N';
        if (m->lex_id && (rc = join_key(&r, 'L', m->lex_id, (int32_t)i)))
            goto done;
        if ((rc = join_key(&r, kind, m->slug, (int32_t)i)))
            goto done;
    }
    join_acronyms(&r);
    if ((rc = join_surnames(&r)))
        goto done;
    rc = build_entities(&r);
    goto done;
oom:
    rc = KG_ENOMEM;
done:
    if (r.ms)
        for (size_t i = 0; i < n; i++) {
            free(r.ms[i].name);
            free(r.ms[i].slug);
        }
    keys_free(&r.names);
    keys_free(&r.suffixes);
    free(r.toks);
    free(r.ms);
    free(r.parent);
    free(r.root_lex);
    if (rc == KG_ENOMEM)
        kg_error_set(rc, "out of memory");
    return rc;
}

int kg_resolve_link(kg_doc *d, size_t mention, int32_t entity)
{
    if (mention >= d->n_mentions || entity < -1 || (entity >= 0 && (size_t)entity >= d->n_entities))
        return kg_error_set(KG_EUSAGE, "kg_resolve_link: mention %zu or entity %d out of range",
                            mention, (int)entity);
    kg_mention *m = &d->mentions[mention];
    if (m->entity >= 0 && (size_t)m->entity < d->n_entities && d->entities[m->entity].mentions)
        d->entities[m->entity].mentions--;
    m->entity = entity;
    if (entity >= 0)
        d->entities[entity].mentions++;
    return 0;
}
