/*
 * relate.c - typed relations between the mentions of one article, the fifth
 * stage of the pipeline (kg/relate.h).
 *
 * Why rules and not a trained classifier: every relation must come with the
 * sentence and the two mentions that state it, analysts want precision on
 * arms stories far more than recall, and the constructions news uses for
 * these facts are few and regular. So the stage is a set of small matchers
 * over the tokens of one sentence at a time:
 *
 *   - pair rules look at two mentions and the few words between them:
 *     appositions and titles ("FSB spokesman X", "X, president of Y"),
 *     premodifiers ("the Moscow-based Carnegie Center", "Russia's FSB"),
 *     place phrases ("St. Petersburg, Russia", "X of Boston", "born in",
 *     "X's hometown of Y", "his native Y", "X (...): Born May 2, in Y");
 *   - verb rules start at a cue word ("sold", "arrested", "embargo") and
 *     look left for its subject and right for its objects, in the active
 *     and the passive ("Y was sold to Z by X"), through relative clauses
 *     ("Raytheon, which builds the Hawk") and coordination ("the US, UK
 *     and Russia").
 *
 * Every candidate passes one type check (the ontology's argument types)
 * before it is kept, so a rule can be generous about words and still never
 * produce an ill-typed edge. Negated clauses ("did not sell", "denied
 * selling") are dropped; hedged ones are kept, as DESIGN.md asks. A
 * transfer only sought, planned or offered ("seeking to sell", "delayed
 * plans to buy") is no transfer: it gives no `supplies` and no `buys`;
 * nor does a deed only supposed ("would be reluctant to fire", "if Iraq
 * fires"), which gives no `uses` or `attacks` either.
 *
 * Around the rules: pronouns and descriptions ("he", "the company") are
 * linked first when one entity fits; within a sentence, what lies, lives
 * or is based in a place also does in the place that contains it
 * ("X of Chattanooga, Tenn."); and the lexicon's own facts (a city's
 * country, a weapon's maker) hold when one phrase names both.
 *
 * Tuned on CoNLL04 train/dev with gold entities (tests/bench/relate_gold.c)
 * and on the Reuters arms stories for precision. The cue words ("sold",
 * "spokesman", "-based") are data: src/lexicons/relate_cues.tsv. Users
 * extend titles through the lexicon (--lexicon), which relate reads too.
 */
#include "kg/relate.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kg/error.h"
#include "kg/resolve.h"

/* ------------------------------------------------------------------------
 * Limits
 * ---------------------------------------------------------------------- */

/* Pair rules only read short gaps: every construction they know fits in
 * this many tokens, and the bound keeps the pair loop linear in practice. */
#define PAIR_GAP_MAX 10
/* ...except birth places, which follow an apposition of their own
 * ("X, the 31st president of the United States, was born in Y"). */
#define BORN_GAP_MAX 24
/* Plain nouns of an occupation between a place and a name: "jazz
 * pianist". */
#define OCCUPATION_WORDS_MAX 2
/* Words in a transcript's bracketed note before its dateline: "(Text)",
 * "(Editorial Report)". */
#define DATELINE_NOTE_MAX 4
/* How far before a place "born" may stand and still state a birth there
 * ("born on Feb. 5, 1907, in Portland"). */
#define BORN_WINDOW 9
/* How far before "to" a wish or plan may stand and still govern the verb
 * after it ("seeking government permission to sell"). */
#define UNREALISED_WINDOW 3
/* How far left of a verb its subject may be (relative clauses and
 * "X, 60, was sentenced ... for killing Y" need room). */
#define SUBJ_WINDOW 20
/* How far right of a verb its objects may be. */
#define OBJ_WINDOW 12
/* Words between an organisation and its country in one noun phrase
 * ("Russian intelligence agents of the FSB"). */
#define NP_GAP_MAX 4
/* Cue words are looked up in a fixed buffer; no cue is longer. */
#define CUE_LEN_MAX 24
/* Weapons carried by one relation: a clause names a handful at most. */
#define WEAPONS_MAX 8
/* Subjects or objects gathered by coordination ("A, B, C and D"). */
#define GROUP_MAX 8
/* Modifiers between a determiner and the noun of a description ("a known
 * British arms dealer"): more and the noun is rarely the phrase's head. */
#define DESC_MODS_MAX 3
/* Words of a role matched against a description ("arms dealer"). */
#define DESC_ROLE_WORDS 4
/* People with roles, and weapon names followed by a noun, that one
 * article's descriptions are matched against: a story names a handful;
 * past this many role holders "the director" is anyone. */
#define DESC_HOLDERS_MAX 32
#define DESC_WEAPONS_MAX 32

/* ------------------------------------------------------------------------
 * Cue words
 * ---------------------------------------------------------------------- */

#define C_DET (1ull << 0)
#define C_OF (1ull << 1)
#define C_IN (1ull << 2)
#define C_AT (1ull << 3)
#define C_FOR (1ull << 4)
#define C_WITH (1ull << 5)
#define C_FROM (1ull << 6)
#define C_BY (1ull << 7)
#define C_TO (1ull << 8)
#define C_ON (1ull << 9)
#define C_INTO (1ull << 10)
#define C_COMMA (1ull << 11)
#define C_AND (1ull << 12)
#define C_POSS (1ull << 13)
#define C_LPAR (1ull << 14)
#define C_RPAR (1ull << 15)
#define C_WHO (1ull << 16)
#define C_BE (1ull << 17)
#define C_AUX (1ull << 18)
#define C_NEG (1ull << 19)
#define C_DIR (1ull << 20)
#define C_MOD (1ull << 21)
#define C_MEMBER (1ull << 22)
#define C_LEADER (1ull << 23)
#define C_RESIDENT (1ull << 24)
#define C_CITIZEN (1ull << 25)
#define C_BORN (1ull << 26)
#define C_LIVE (1ull << 27)
#define C_BASED (1ull << 28)
#define C_ORGNOUN (1ull << 29)
#define C_KILL (1ull << 30)
#define C_KILLN (1ull << 31)
#define C_KILLER (1ull << 32)
#define C_SELL (1ull << 33)
#define C_SUPPLY (1ull << 34)
#define C_SALE (1ull << 35)
#define C_BUY (1ull << 36)
#define C_SMUGGLE (1ull << 37)
#define C_POSSESS (1ull << 38)
#define C_PRODUCE (1ull << 39)
#define C_USE (1ull << 40)
#define C_ATTACK (1ull << 41)
#define C_ARREST (1ull << 42)
#define C_PROBE (1ull << 43)
#define C_INFORM (1ull << 44)
#define C_COOP (1ull << 45)
#define C_EMBARGO (1ull << 46)
#define C_MADE (1ull << 47)
#define C_ARMS (1ull << 48)
#define C_STOP (1ull << 49)     /* clause boundary: ; : -- */
#define C_HEAD (1ull << 50)     /* "heads", "founded": leader_of */
#define C_WORK (1ull << 51)     /* "works", "joined": member_of */
#define C_ADV (1ull << 52)      /* adverbs a verb may carry */
#define C_LEGAL (1ull << 53)    /* "convicted (of)", "charged (with)" */
#define C_PROBEN (1ull << 54)   /* "inquiry (into)" */
#define C_PURCHASE (1ull << 55) /* nominal "purchase (of)" */
#define C_SAY (1ull << 56)      /* "said": a clause boundary for objects */
#define C_LOCAL (1ull << 57)    /* "mayor", "gov.": a place's officials */
#define C_PRON (1ull << 58)     /* "he", "they": a subject relate cannot name */
#define C_TIME (1ull << 59)     /* "yesterday", "today" */
#define C_FUNC (1ull << 61)     /* "until", "as": never part of a title */
#define C_GOV (1ull << 62)      /* a role in a state: "minister", "envoy" */
#define C_PLAIN                                                                                    \
    (1ull << 63) /* in role_phrase() results: plain words came                                     \
                    before the role ("rebel leader") */
#define C_TOPIC                                                                                    \
    (1ull << 60) /* "an FBI informant", "the Iran scandal": the                                    \
                    name before it is not the party */

/* Verb cues the clause engine handles. */
#define C_VERBS                                                                                    \
    (C_KILL | C_SELL | C_SUPPLY | C_BUY | C_SMUGGLE | C_POSSESS | C_PRODUCE | C_USE | C_ATTACK |   \
     C_ARREST | C_PROBE | C_INFORM | C_COOP | C_HEAD | C_WORK)

/* The cue words live in src/lexicons/relate_cues.tsv (format in its
 * header), linked into the library by cmake/lexicons.cmake. */
extern const unsigned char kg_embed_relate_cues[];
extern const unsigned long kg_embed_relate_cues_len;

typedef struct cue {
    char w[CUE_LEN_MAX + 1];
    unsigned long long f;
} cue;

/* Class names used in the data file. */
static const struct {
    const char *name;
    unsigned long long bit;
} CLASSES[] = {
    {"det", C_DET},
    {"of", C_OF},
    {"in", C_IN},
    {"at", C_AT},
    {"for", C_FOR},
    {"with", C_WITH},
    {"from", C_FROM},
    {"by", C_BY},
    {"to", C_TO},
    {"on", C_ON},
    {"into", C_INTO},
    {"comma", C_COMMA},
    {"and", C_AND},
    {"poss", C_POSS},
    {"lpar", C_LPAR},
    {"rpar", C_RPAR},
    {"who", C_WHO},
    {"be", C_BE},
    {"aux", C_AUX},
    {"neg", C_NEG},
    {"dir", C_DIR},
    {"mod", C_MOD},
    {"member", C_MEMBER},
    {"leader", C_LEADER},
    {"resident", C_RESIDENT},
    {"citizen", C_CITIZEN},
    {"born", C_BORN},
    {"live", C_LIVE},
    {"based", C_BASED},
    {"orgnoun", C_ORGNOUN},
    {"kill", C_KILL},
    {"killn", C_KILLN},
    {"killer", C_KILLER},
    {"sell", C_SELL},
    {"supply", C_SUPPLY},
    {"sale", C_SALE},
    {"buy", C_BUY},
    {"smuggle", C_SMUGGLE},
    {"possess", C_POSSESS},
    {"produce", C_PRODUCE},
    {"use", C_USE},
    {"attack", C_ATTACK},
    {"arrest", C_ARREST},
    {"probe", C_PROBE},
    {"inform", C_INFORM},
    {"coop", C_COOP},
    {"embargo", C_EMBARGO},
    {"made", C_MADE},
    {"arms", C_ARMS},
    {"stop", C_STOP},
    {"head", C_HEAD},
    {"work", C_WORK},
    {"adv", C_ADV},
    {"legal", C_LEGAL},
    {"proben", C_PROBEN},
    {"purchase", C_PURCHASE},
    {"say", C_SAY},
    {"local", C_LOCAL},
    {"pron", C_PRON},
    {"time", C_TIME},
    {"topic", C_TOPIC},
    {"func", C_FUNC},
    {"gov", C_GOV},
};

/* Role words a title phrase may end in. */
#define C_ROLES (C_MEMBER | C_LEADER | C_LOCAL | C_RESIDENT | C_CITIZEN)
/* Prepositions that open a phrase after a role word or a verb. */
#define C_PREPS (C_OF | C_IN | C_AT | C_FOR | C_WITH | C_FROM | C_BY | C_TO | C_ON | C_INTO)

static cue *g_cues; /* sorted by word; built once, never freed */
static size_t g_ncues;
static int g_cues_err;       /* 0, or a KG_E* code */
static char g_cues_msg[128]; /* what went wrong, for kg_error_set */
static pthread_once_t g_cues_once = PTHREAD_ONCE_INIT;
/* Open addressing over the cue words (index + 1; 0 = empty), so a token
 * costs one hash and usually one strcmp instead of a binary search. */
static uint32_t *g_cue_hash;
static size_t g_cue_mask;

static size_t cue_hash(const char *w, size_t n)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)w[i]) * 1099511628211ULL;
    return (size_t)(h ^ (h >> 29));
}

static int cue_cmp(const void *a, const void *b)
{
    return strcmp(((const cue *)a)->w, ((const cue *)b)->w);
}

/* Parses one "word TAB class,class" line into *out. Returns 0, or -1 with
 * the reason in g_cues_msg. */
static int cue_parse(const char *line, size_t len, unsigned lineno, cue *out)
{
    const char *tab = memchr(line, '\t', len), *p, *end = line + len;
    size_t wl;
    if (!tab || tab == line || (wl = (size_t)(tab - line)) > CUE_LEN_MAX) {
        snprintf(g_cues_msg, sizeof g_cues_msg, "relate_cues.tsv:%u: bad word", lineno);
        return -1;
    }
    for (size_t i = 0; i < wl; i++)
        out->w[i] = (char)tolower((unsigned char)line[i]);
    out->w[wl] = '\0';
    out->f = 0;
    for (p = tab + 1; p < end;) {
        const char *q = p;
        size_t k, n;
        while (q < end && *q != ',')
            q++;
        n = (size_t)(q - p);
        for (k = 0; k < sizeof CLASSES / sizeof CLASSES[0]; k++)
            if (strlen(CLASSES[k].name) == n && memcmp(CLASSES[k].name, p, n) == 0)
                break;
        if (k == sizeof CLASSES / sizeof CLASSES[0]) {
            snprintf(g_cues_msg, sizeof g_cues_msg, "relate_cues.tsv:%u: unknown class '%.*s'",
                     lineno, (int)(n < 32 ? n : 32), p);
            return -1;
        }
        out->f |= CLASSES[k].bit;
        p = q + 1;
    }
    return 0;
}

/* Reads the embedded cue list once, sorts it and folds a word listed twice
 * into one entry, so the file can stay grouped by meaning. */
static void cues_init(void)
{
    const char *data = (const char *)kg_embed_relate_cues, *end = data + kg_embed_relate_cues_len;
    size_t lines = 1, n = 0, k = 0;
    unsigned lineno = 0;
    for (const char *p = data; p < end; p++)
        lines += *p == '\n';
    g_cues = malloc(lines * sizeof *g_cues);
    if (!g_cues) {
        g_cues_err = KG_ENOMEM;
        snprintf(g_cues_msg, sizeof g_cues_msg, "relate: out of memory");
        return;
    }
    for (const char *p = data; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        lineno++;
        if (len > 0 && p[len - 1] == '\r')
            len--;
        if (len > 0 && p[0] != '#') {
            if (cue_parse(p, len, lineno, &g_cues[n]) != 0) {
                g_cues_err = KG_EPARSE;
                return;
            }
            n++;
        }
        p = nl ? nl + 1 : end;
    }
    qsort(g_cues, n, sizeof *g_cues, cue_cmp);
    for (size_t i = 0; i < n; i++) {
        if (k > 0 && strcmp(g_cues[k - 1].w, g_cues[i].w) == 0)
            g_cues[k - 1].f |= g_cues[i].f;
        else
            g_cues[k++] = g_cues[i];
    }
    g_ncues = k;
    size_t cap = 16;
    while (cap < 2 * k)
        cap <<= 1;
    g_cue_hash = calloc(cap, sizeof *g_cue_hash);
    if (!g_cue_hash) {
        g_cues_err = KG_ENOMEM;
        snprintf(g_cues_msg, sizeof g_cues_msg, "relate: out of memory");
        return;
    }
    g_cue_mask = cap - 1;
    for (size_t i = 0; i < k; i++) {
        size_t j = cue_hash(g_cues[i].w, strlen(g_cues[i].w)) & g_cue_mask;
        while (g_cue_hash[j])
            j = (j + 1) & g_cue_mask;
        g_cue_hash[j] = (uint32_t)(i + 1);
    }
}

static int ends_with(const char *s, size_t n, const char *suffix)
{
    size_t m = strlen(suffix);
    return n > m && memcmp(s + n - m, suffix, m) == 0;
}

/* Flags of one token's text (case-insensitive). */
static unsigned long long cue_flags(const char *s, size_t n)
{
    char buf[CUE_LEN_MAX + 1];
    unsigned long long f = 0;
    if (n == 0 || n > CUE_LEN_MAX)
        return 0;
    for (size_t i = 0; i < n; i++)
        buf[i] = (char)tolower((unsigned char)s[i]);
    buf[n] = '\0';
    /* "U.S.-based", "Chinese-made": the place is inside the token. */
    if (ends_with(buf, n, "-based"))
        f |= C_BASED;
    if (ends_with(buf, n, "-made") || ends_with(buf, n, "-built") || ends_with(buf, n, "-designed"))
        f |= C_MADE;
    for (size_t j = cue_hash(buf, n) & g_cue_mask; g_cue_hash[j]; j = (j + 1) & g_cue_mask)
        if (strcmp(buf, g_cues[g_cue_hash[j] - 1].w) == 0)
            return f | g_cues[g_cue_hash[j] - 1].f;
    return f;
}

/* ------------------------------------------------------------------------
 * Argument types (DESIGN.md "Ontology")
 * ---------------------------------------------------------------------- */

#define T_PER (1u << KG_TYPE_PERSON)
#define T_ORG (1u << KG_TYPE_ORG)
#define T_CTRY (1u << KG_TYPE_COUNTRY)
#define T_LOC (1u << KG_TYPE_LOCATION)
#define T_WPN (1u << KG_TYPE_WEAPON)
#define T_ACTOR (T_PER | T_ORG | T_CTRY)
#define T_PLACE (T_CTRY | T_LOC)

typedef struct sig {
    const char *rel;
    unsigned subj, obj;
} sig;

static const sig SIGS[] = {
    {"supplies", T_ACTOR, T_ACTOR},
    {"sells", T_ACTOR, T_WPN},
    {"buys", T_ACTOR, T_WPN},
    {"smuggles", T_ACTOR, T_WPN},
    {"possesses", T_ACTOR, T_WPN},
    {"produces", T_ACTOR, T_WPN},
    {"uses", T_ACTOR, T_WPN},
    {"made_in", T_WPN, T_CTRY},
    {"embargoes", T_ACTOR, T_ACTOR},
    {"attacks", T_ACTOR, T_ACTOR | T_LOC},
    {"kills", T_ACTOR, T_PER},
    {"arrests", T_ACTOR, T_PER | T_ORG},
    {"investigates", T_ACTOR, T_ACTOR},
    {"informs", T_ACTOR, T_ACTOR},
    {"cooperates_with", T_ACTOR, T_ACTOR},
    {"member_of", T_PER, T_ORG | T_CTRY},
    {"leader_of", T_PER, T_ORG | T_CTRY},
    {"citizen_of", T_PER, T_CTRY},
    {"lives_in", T_PER, T_PLACE},
    {"part_of", T_ORG, T_ORG | T_CTRY},
    {"based_in", T_ORG, T_PLACE},
    {"located_in", T_LOC, T_PLACE},
};

/* ------------------------------------------------------------------------
 * One sentence under study
 * ---------------------------------------------------------------------- */

typedef struct rc {
    kg_doc *d;
    const kg_lexicon *lx;
    uint32_t sent, tb, te;  /* sentence index, tokens [tb, te) */
    unsigned long long *fl; /* cue flags per token (index t - tb) */
    int32_t *tm;            /* mention covering each token, or -1 */
    kg_str *strs;           /* token strings for the lexicon */
    size_t cap;             /* capacity of fl, tm, strs */
    size_t first_rel;       /* relations of this sentence start here */
} rc;

static unsigned long long F(const rc *c, int64_t t)
{
    return (t >= (int64_t)c->tb && t < (int64_t)c->te) ? c->fl[t - c->tb] : 0;
}

static int32_t TM(const rc *c, int64_t t)
{
    return (t >= (int64_t)c->tb && t < (int64_t)c->te) ? c->tm[t - c->tb] : -1;
}

static const kg_mention *MEN(const rc *c, int32_t m)
{
    return &c->d->mentions[m];
}

/* The node type a mention stands for, or -1 (an unresolved pronoun). */
static int mtype(const rc *c, int32_t m)
{
    const kg_mention *x;
    if (m < 0)
        return -1;
    x = MEN(c, m);
    if (x->kind == KG_MENTION_PRONOUN) {
        if (x->entity < 0 || (size_t)x->entity >= c->d->n_entities)
            return -1;
        return (int)c->d->entities[x->entity].type;
    }
    /* after resolve, a mention it gave no entity (a ticker, a run of
     * titles) names nothing: it must neither take a relation nor stand
     * between two that could have one. Docs built without resolve (the
     * gold-mention benchmark) have no entities at all. */
    if (x->entity < 0 && c->d->n_entities > 0)
        return -1;
    return (int)x->type;
}

static unsigned mbit(const rc *c, int32_t m)
{
    int t = mtype(c, m);
    return t < 0 ? 0 : 1u << t;
}

static const char *tok_text(const rc *c, int64_t t, size_t *n)
{
    const kg_token *k = &c->d->tokens[t];
    *n = k->end - k->start;
    return c->d->text + k->start;
}

/* A plain lower-case word (not a mention): "firm", "top-secret". */
static int is_lower(const rc *c, int64_t t)
{
    size_t n;
    const char *s;
    if (t < (int64_t)c->tb || t >= (int64_t)c->te || TM(c, t) >= 0)
        return 0;
    if (F(c, t) & C_FUNC)
        return 0;
    s = tok_text(c, t, &n);
    return n > 0 && s[0] >= 'a' && s[0] <= 'z';
}

/* A number or an age: "60", "72-year-old". */
static int is_num(const rc *c, int64_t t)
{
    size_t n;
    const char *s;
    if (t < (int64_t)c->tb || t >= (int64_t)c->te)
        return 0;
    s = tok_text(c, t, &n);
    return n > 0 && s[0] >= '0' && s[0] <= '9';
}

static int tok_is(const rc *c, int64_t t, const char *w)
{
    size_t n, m = strlen(w);
    const char *s;
    if (t < (int64_t)c->tb || t >= (int64_t)c->te)
        return 0;
    s = tok_text(c, t, &n);
    if (n != m)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)s[i]) != w[i])
            return 0;
    return 1;
}

/* Token t, a plain lower-case word, is one of `list`. */
static int word_in(const rc *c, int64_t t, const char *const *list)
{
    size_t n;
    const char *s;
    if (t < (int64_t)c->tb || t >= (int64_t)c->te || TM(c, t) >= 0)
        return 0;
    s = tok_text(c, t, &n);
    if (n < 3 || s[0] < 'a' || s[0] > 'z') /* every listed word is lower case */
        return 0;
    for (const char *const *w = list; *w; w++)
        if (tok_is(c, t, *w))
            return 1;
    return 0;
}

/* ------------------------------------------------------------------------
 * Emitting
 * ---------------------------------------------------------------------- */

/* The other name of an ORG written "NAME ( ALIAS )", or -1. */
static int32_t paren_alias(const rc *c, int32_t m)
{
    const kg_mention *M = MEN(c, m);
    int32_t o;
    if (mtype(c, m) != KG_TYPE_ORG)
        return -1;
    if ((F(c, M->tok_end) & C_LPAR) && (o = TM(c, (int64_t)M->tok_end + 1)) >= 0 &&
        mtype(c, o) == KG_TYPE_ORG && (F(c, MEN(c, o)->tok_end) & C_RPAR))
        return o;
    if (M->tok_begin >= c->tb + 2 && (F(c, (int64_t)M->tok_begin - 1) & C_LPAR) &&
        (F(c, M->tok_end) & C_RPAR) && (o = TM(c, (int64_t)M->tok_begin - 2)) >= 0 &&
        mtype(c, o) == KG_TYPE_ORG)
        return o;
    return -1;
}

/* Nouns of vessels and weapons that a weapon-class word before them only
 * describes: "a guided missile frigate", "torpedo boats", "missile
 * launchers". */
static const char *const armed_heads[] = {
    "frigate",   "frigates",   "destroyer", "destroyers", "cruiser",  "cruisers",
    "submarine", "submarines", "boat",      "boats",      "ship",     "ships",
    "warship",   "warships",   "carrier",   "carriers",   "corvette", "corvettes",
    "vessel",    "vessels",    "launcher",  "launchers",  NULL};

/* Weapon-class mention m premodifies another armed noun ("the U.S. guided
 * missile frigate"): it is a modifier, no weapon of its own. */
static int weapon_modifier(const rc *c, int32_t m)
{
    const kg_mention *M = MEN(c, m);
    return M->kind == KG_MENTION_WEAPON_CLASS && word_in(c, M->tok_end, armed_heads);
}

/* Appends one relation if its argument types fit the ontology and the same
 * statement was not already made in this sentence. `w` lists mentions of
 * weapons named in the clause. Returns 0 or KG_ENOMEM. */
static int emit(rc *c, const char *rel, int32_t s, int32_t o, const int32_t *w, size_t nw)
{
    const kg_relation_info *info = kg_relation_find(rel);
    const sig *g = NULL;
    kg_relation r;
    kg_doc *d = c->d;
    int32_t es, eo;
    if (!info || s < 0 || o < 0 || s == o)
        return 0;
    for (size_t i = 0; i < sizeof SIGS / sizeof SIGS[0]; i++)
        if (strcmp(SIGS[i].rel, rel) == 0)
            g = &SIGS[i];
    if (!g || !(mbit(c, s) & g->subj) || !(mbit(c, o) & g->obj))
        return 0;
    if (weapon_modifier(c, s) || weapon_modifier(c, o))
        return 0;
    es = MEN(c, s)->entity;
    eo = MEN(c, o)->entity;
    if (es >= 0 && es == eo)
        return 0;
    for (size_t i = c->first_rel; i < d->n_relations; i++) {
        const kg_relation *x = &d->relations[i];
        if (x->relation != info->name)
            continue;
        if ((x->subj_mention == s && x->obj_mention == o) ||
            (info->symmetric && x->subj_mention == o && x->obj_mention == s))
            return 0;
    }
    memset(&r, 0, sizeof r);
    r.relation = info->name;
    r.subject = es;
    r.object = eo;
    r.subj_mention = s;
    r.obj_mention = o;
    r.sentence = c->sent;
    if (nw > 0) {
        r.weapons = malloc(nw * sizeof *r.weapons);
        if (!r.weapons)
            return kg_error_set(KG_ENOMEM, "relate: out of memory");
        for (size_t i = 0; i < nw; i++) {
            int32_t e = MEN(c, w[i])->entity;
            int dup = e < 0 || e == eo || e == es || mtype(c, w[i]) != KG_TYPE_WEAPON ||
                      weapon_modifier(c, w[i]);
            for (size_t j = 0; j < r.n_weapons && !dup; j++)
                dup = r.weapons[j] == e;
            if (!dup)
                r.weapons[r.n_weapons++] = e;
        }
        if (r.n_weapons == 0) {
            free(r.weapons);
            r.weapons = NULL;
        }
    }
    if (kg_doc_add_relation(d, &r) != 0) {
        free(r.weapons);
        return kg_error_set(KG_ENOMEM, "relate: out of memory");
    }
    /* "the National Action Party (PAN)": what holds for one name of an
     * organisation holds for the other, which may be its own mention */
    {
        int32_t sa = paren_alias(c, s), oa = paren_alias(c, o);
        int rc_ = 0;
        if (oa >= 0)
            rc_ = emit(c, rel, s, oa, w, nw);
        if (rc_ == 0 && sa >= 0)
            rc_ = emit(c, rel, sa, o, w, nw);
        return rc_;
    }
}

/* A PERSON's role towards an ORG or place, by the kind of role word:
 * "spokesman" -> member_of, "president" -> leader_of, "mayor" of a city
 * or "a Boston resident" -> lives_in, "British citizen" -> citizen_of.
 * Towards a country only a role in its state ("minister", "envoy") makes
 * a member or leader; "Saudi businessman" or "Nicaraguan rebel leader"
 * says whose citizen the person is. */
static int emit_role(rc *c, int32_t per, int32_t x, unsigned long long role)
{
    int t = mtype(c, x), rc_ = 0;
    const char *work = (role & C_LEADER) ? "leader_of" : "member_of";
    if (mtype(c, per) != KG_TYPE_PERSON)
        return 0;
    if (t == KG_TYPE_ORG) {
        /* "Labour's election chief", "ex Conservative chancellor": heads
         * of a part, or of a state, are members of the organisation */
        if (role & (C_PLAIN | C_LOCAL))
            work = "member_of";
        if (role & (C_MEMBER | C_LEADER))
            rc_ = emit(c, work, per, x, NULL, 0);
    } else if (t == KG_TYPE_COUNTRY) {
        if (role & C_CITIZEN)
            rc_ = emit(c, "citizen_of", per, x, NULL, 0);
        else if (role & C_RESIDENT)
            rc_ = emit(c, "lives_in", per, x, NULL, 0);
        else if ((role & (C_MEMBER | C_LEADER)) && (role & C_GOV) && !(role & C_PLAIN))
            rc_ = emit(c, work, per, x, NULL, 0);
        else if (role & (C_MEMBER | C_LEADER)) /* "Saudi businessman", "rebel leader" */
            rc_ = emit(c, "citizen_of", per, x, NULL, 0);
    } else if (t == KG_TYPE_LOCATION) {
        if (role & (C_LOCAL | C_RESIDENT | C_CITIZEN))
            rc_ = emit(c, "lives_in", per, x, NULL, 0);
    }
    return rc_;
}

/* emit_role() for a title written before the name or right after it
 * ("U.S. Sen. X", "Libya's deputy ambassador, X", "President X of
 * Zimbabwe"): a post in a country's own service also says whose citizen
 * the holder is. A role reached through "to" ("envoy to Y") is not this. */
static int emit_title(rc *c, int32_t per, int32_t x, unsigned long long role)
{
    int rc_ = emit_role(c, per, x, role);
    if (rc_ == 0 && mtype(c, x) == KG_TYPE_COUNTRY && mtype(c, per) == KG_TYPE_PERSON &&
        (role & C_GOV) && (role & (C_MEMBER | C_LEADER)) && !(role & C_PLAIN))
        rc_ = emit(c, "citizen_of", per, x, NULL, 0);
    return rc_;
}

/* No mention starts inside tokens [g0, g1). */
static int gap_clean(const rc *c, uint32_t g0, uint32_t g1)
{
    for (uint32_t t = g0; t < g1; t++)
        if (TM(c, t) >= 0)
            return 0;
    return 1;
}

/* "Paris, Lyon and Nice": places in a list are not inside one another. */
static int listy(const rc *c, int32_t a, int32_t b)
{
    const kg_mention *A = MEN(c, a), *B = MEN(c, b);
    uint32_t t = B->tok_end;
    if (F(c, t) & (C_COMMA | C_AND)) {
        uint32_t u = t + 1;
        if (F(c, u) & C_AND)
            u++;
        if (mbit(c, TM(c, u)) & T_PLACE && (F(c, t) & C_AND || F(c, u - 1) & C_AND ||
                                            (F(c, MEN(c, TM(c, u))->tok_end) & (C_COMMA | C_AND))))
            return 1;
    }
    if (A->tok_begin >= c->tb + 2 && (F(c, A->tok_begin - 1) & C_AND) &&
        (mbit(c, TM(c, A->tok_begin - 2)) & T_PLACE || F(c, A->tok_begin - 2) & C_COMMA))
        return 1;
    /* "the Midlands, Merseyside, Bristol and Leeds" */
    if (A->tok_begin >= c->tb + 2 && (F(c, A->tok_begin - 1) & C_COMMA) &&
        (mbit(c, TM(c, A->tok_begin - 2)) & (T_PLACE | T_ORG)) &&
        (F(c, B->tok_end) & (C_COMMA | C_AND)))
        return 1;
    return 0;
}

/* Reads a title phrase from token t up to `end`: modifiers, plain words and
 * role words ("a top official", "the longtime chief executive"). Returns
 * the role flags (0 if the phrase holds no role word) and sets *next to the
 * token after the last role word. */
static unsigned long long role_phrase(const rc *c, uint32_t t, uint32_t end, uint32_t *next)
{
    unsigned long long role = 0, all = 0, plain = 0;
    uint32_t i;
    int caps = 0;
    *next = t;
    for (i = t; i < end && i < t + 7; i++) {
        unsigned long long f = F(c, i);
        if (TM(c, i) >= 0)
            break;
        if (f & C_ROLES) {
            if (role && !(role & C_GOV) && !(F(c, i - 1) & C_MOD)) /* "rebel leader" */
                plain = C_PLAIN;
            /* "chief spokesman", "chief economist": a leader word before a
             * role that is no modifier only ranks it ("chief executive"
             * still leads, "executive" being a modifier too) */
            if (i > t && (F(c, i - 1) & C_LEADER) && !(f & (C_MOD | C_LEADER)))
                all &= ~C_LEADER;
            role = f & (C_ROLES | C_GOV);
            all |= role;
            *next = i + 1;
            continue;
        }
        if (f & (C_MOD | C_DET | C_DIR) || is_num(c, i))
            continue;
        if ((f & C_AND) && role && (F(c, i + 1) & (C_ROLES | C_MOD)) && TM(c, i + 1) < 0)
            continue; /* "vice president and columnist" */
        if (caps < 2 && !(f & (C_PREPS | C_COMMA | C_AND | C_STOP | C_WHO | C_BE)) &&
            !is_lower(c, i) && i + 1 < end) {
            /* "a former Democratic member", "Middle East correspondent" */
            size_t n;
            const char *w = tok_text(c, i, &n);
            if (n > 1 && w[0] >= 'A' && w[0] <= 'Z') {
                caps++;
                continue;
            }
        }
        if (is_lower(c, i) &&
            !(f & (C_PREPS | C_BE | C_AUX | C_WHO | C_VERBS | C_NEG | C_STOP | C_SAY | C_KILLN |
                   C_KILLER | C_COMMA | C_AND | C_BORN | C_LIVE))) {
            size_t n;
            const char *w = tok_text(c, i, &n);
            if (ends_with(w, n, "ed")) /* "showed", "said": a verb ends it */
                break;
            if (!role)
                plain = C_PLAIN;
            continue;
        }
        break;
    }
    /* "chief executive", "head coach": a leader word anywhere leads;
     * "deputy general secretary", "vice chairman" do not */
    if (role && (all & C_LEADER) && !(role & (C_LOCAL | C_RESIDENT | C_CITIZEN)))
        role |= C_LEADER;
    for (uint32_t k = t; k < *next; k++)
        if (tok_is(c, k, "deputy") || tok_is(c, k, "vice") || tok_is(c, k, "assistant") ||
            tok_is(c, k, "associate") || tok_is(c, k, "under"))
            role = (role & ~C_LEADER) | C_MEMBER;
    return role ? role | plain : 0;
}

/* The member or leader role of token t, a role word in the plural
 * ("directors", "secretaries"), or 0. */
static unsigned long long plural_role(const rc *c, uint32_t t)
{
    size_t n;
    const char *w = tok_text(c, t, &n);
    char buf[CUE_LEN_MAX + 1];
    if (!is_lower(c, t) || n < 4 || n > CUE_LEN_MAX || w[n - 1] != 's')
        return 0;
    if (n > 4 && memcmp(w + n - 3, "ies", 3) == 0) { /* "secretaries" */
        memcpy(buf, w, n - 3);
        buf[n - 3] = 'y';
        n -= 2;
    } else {
        memcpy(buf, w, n - 1);
        n -= 1;
    }
    buf[n] = '\0';
    return cue_flags(buf, n) & (C_MEMBER | C_LEADER);
}

/* Skips tokens with any of `f` from *t while *t < end. */
static void skip(const rc *c, uint32_t *t, uint32_t end, unsigned long long f)
{
    while (*t < end && (F(c, *t) & f))
        (*t)++;
}

/* Eats one token with any of `f`; returns 1 if it did. */
static int eat(const rc *c, uint32_t *t, uint32_t end, unsigned long long f)
{
    if (*t < end && (F(c, *t) & f)) {
        (*t)++;
        return 1;
    }
    return 0;
}

/* The role of a title right before a mention ("President X", "King X"). */
static unsigned long long title_before(const rc *c, int32_t m)
{
    uint32_t t = MEN(c, m)->tok_begin;
    if (t > c->tb && TM(c, t - 1) < 0)
        return F(c, t - 1) & (C_MEMBER | C_LEADER | C_GOV | C_LOCAL);
    return 0;
}

/* ------------------------------------------------------------------------
 * Pair rules: two mentions and the words between them
 * ---------------------------------------------------------------------- */

/* Places: "St. Petersburg, Russia", "Gosforth in northern England",
 * "Russia's Chechnya". */
static int pair_place(rc *c, int32_t a, int32_t b, uint32_t g0, uint32_t g1)
{
    unsigned ta = mbit(c, a), tb = mbit(c, b);
    uint32_t t = g0, n = g1 - g0;
    if ((ta & T_LOC) && (tb & T_PLACE)) {
        if (n == 1 && (F(c, g0) & C_COMMA) && !listy(c, a, b))
            return emit(c, "located_in", a, b, NULL, 0);
        int comma = eat(c, &t, g1, C_COMMA); /* "the Palace of Fine Arts, in San Francisco" */
        eat(c, &t, g1, C_BE | C_BASED);
        if ((comma ? eat(c, &t, g1, C_IN) : eat(c, &t, g1, C_IN | C_OF))) {
            skip(c, &t, g1, C_DET | C_DIR);
            if (t == g1)
                return emit(c, "located_in", a, b, NULL, 0);
        }
    }
    if ((ta & T_PLACE) && (tb & T_LOC) && n == 1 && (F(c, g0) & C_POSS))
        return emit(c, "located_in", b, a, NULL, 0);
    return 0;
}

/* Organisation mention m is an international body: one the lexicon
 * knows and gives no country (the U.N., NATO, the IAEA, OPEC). */
static int international_body(const rc *c, int32_t m)
{
    const kg_lex_entry *e = MEN(c, m)->lex;
    return e && e->kind == KG_LEX_ORG && e->type == KG_TYPE_ORG && !e->located_in;
}

/* The person a role phrase right after mention m names ("[U.N.]
 * Representative X", "[NATO] envoy, X"), or -1. */
static int32_t role_holder_after(const rc *c, int32_t m)
{
    uint32_t next, t = MEN(c, m)->tok_end;
    int32_t p;
    if (!role_phrase(c, t, c->te, &next))
        return -1;
    if (next < c->te && (F(c, next) & C_COMMA))
        next++;
    p = TM(c, next);
    return (p >= 0 && mtype(c, p) == KG_TYPE_PERSON && MEN(c, p)->tok_begin == next) ? p : -1;
}

/* Organisations and places: "the FBI in Newark", "Tass, based in Moscow",
 * "Moscow (AP)", "the Belfast-based company X", "Russia's FSB",
 * "Soviet news agency Tass". */
static int pair_org_place(rc *c, int32_t a, int32_t b, uint32_t g0, uint32_t g1)
{
    unsigned ta = mbit(c, a), tb = mbit(c, b);
    uint32_t t = g0, n = g1 - g0;
    int rc_ = 0;
    if ((ta & T_ORG) && (tb & T_PLACE)) {
        int comma, who;
        /* "the Instituto Nacional (INO) in Porto": past the bracketed
         * short name, which emit() gives the long one too */
        if ((F(c, g0) & C_RPAR) && paren_alias(c, a) >= 0) {
            t++;
            n--;
        }
        comma = eat(c, &t, g1, C_COMMA);
        who = eat(c, &t, g1, C_WHO);
        int be = eat(c, &t, g1, C_BE);
        int based = eat(c, &t, g1, C_BASED);
        int prep = eat(c, &t, g1, C_IN | C_OF | C_AT);
        skip(c, &t, g1, C_DET | C_DIR);
        /* "Interfax in English": after a preposition a demonym names a
         * language, not where the organisation is */
        if (prep && MEN(c, b)->kind == KG_MENTION_DEMONYM)
            return 0;
        if (t == g1 && prep &&
            (based || (!comma && !who && !be) || (comma && n == 2 && (F(c, g0 + 1) & C_IN))))
            return emit(c, "based_in", a, b, NULL, 0);
        if (n == 1 && comma && !listy(c, a, b) && !(F(c, g1 - 1) & C_AND))
            return emit(c, "based_in", a, b, NULL, 0);
        /* "Sun Hung Kai Properties, a Hong Kong construction firm" */
        if (comma && n == 2 && (F(c, g0 + 1) & C_DET)) {
            uint32_t e = MEN(c, b)->tok_end, k = 0;
            while (e + k < c->te && k < 3 && is_lower(c, e + k) && !(F(c, e + k) & C_ORGNOUN))
                k++;
            if (F(c, e + k) & C_ORGNOUN && TM(c, e + k) < 0)
                return emit(c, "based_in", a, b, NULL, 0);
        }
    }
    if ((ta & T_PLACE) && (tb & T_ORG)) {
        const kg_mention *A = MEN(c, a);
        size_t ln;
        const char *last = tok_text(c, A->tok_end - 1, &ln);
        int based = ends_with(last, ln, "-based");
        int orgnoun = 0, plain = 1;
        if (n == 0) {
            /* "the Greek U.N. representative X": an international body
             * has no seat in its members; the nationality is the envoy's */
            int32_t p = international_body(c, b) ? role_holder_after(c, b) : -1;
            if (p >= 0)
                return (ta & T_CTRY) ? emit(c, "citizen_of", p, a, NULL, 0) : 0;
            return emit(c, "based_in", b, a, NULL, 0);
        }
        if (n == 1 && (F(c, g0) & C_POSS)) {
            rc_ = emit(c, "based_in", b, a, NULL, 0);
            if (rc_ == 0 && (ta & T_CTRY))
                rc_ = emit(c, "part_of", b, a, NULL, 0);
            return rc_;
        }
        for (t = g0; t < g1 && n <= 4; t++) {
            unsigned long long f = F(c, t);
            if (f & C_BASED)
                based = 1;
            else if (f & C_ORGNOUN)
                orgnoun = 1;
            else if (!(f & (C_DET | C_MOD)) && !is_lower(c, t) && !tok_is(c, t, "-"))
                plain = 0;
            else if (f & (C_VERBS | C_PREPS | C_BE | C_WHO | C_NEG))
                plain = 0;
        }
        if (plain && n <= 4 && (based || (orgnoun && (F(c, g1 - 1) & C_ORGNOUN))))
            return emit(c, "based_in", b, a, NULL, 0);
    }
    return 0;
}

/* Token t is a plain noun that the name before it only modifies ("the
 * Senate panel", "the Army unit"). */
static int modifies_noun(const rc *c, uint32_t t)
{
    size_t n;
    const char *w;
    if (!is_lower(c, t) || (F(c, t) & (C_PREPS | C_VERBS | C_BE | C_AUX | C_WHO | C_SAY | C_STOP |
                                       C_AND | C_COMMA | C_NEG | C_PRON | C_ADV | C_TIME | C_POSS)))
        return 0;
    w = tok_text(c, t, &n);
    return !ends_with(w, n, "ing") && !ends_with(w, n, "ed") && !ends_with(w, n, "ly");
}

/* Roles whose place premodifier names an institution, not a home: "a
 * Pentagon official", "a Whitehall source", "a Kremlin spokesman". Where
 * such a person lives is unsaid; a resident, a native or an occupation
 * ("a Rotterdam shipbroker", "a Chicago investor") does say it. A lawyer
 * practises where he lives often enough that CoNLL04 counts "the New
 * York attorney" as living there, so lawyers are not listed. */
static const char *const metonymic_words[] = {
    "official",  "officials", "source",    "sources",  "spokesman", "spokeswoman",
    "spokesmen", "diplomat",  "diplomats", "aide",     "aides",     "officer",
    "officers",  "insider",   "insiders",  "lobbyist", "lobbyists", "strategist",
    "operative", "adviser",   "advisers",  "advisor",  "advisors",  NULL};

/* Last words of places that stand for the trade or the institution on
 * them: "a Wall Street executive", "a Fleet Street editor", "a Capitol
 * Hill aide". Nobody is said to live in a street by such a phrase. */
static const char *const street_words[] = {"street", "avenue", "road", "square",
                                           "hill",   "row",    NULL};

/* Place mention m premodifying the plain noun phrase from token t ("the
 * former Wall Street executive": t at "executive") names an institution
 * or a trade, not where the person lives. */
static int metonymic_role(const rc *c, int32_t m, uint32_t t)
{
    const kg_mention *M = MEN(c, m);
    if (M->kind != KG_MENTION_DEMONYM && M->tok_end - M->tok_begin >= 2) {
        size_t n;
        const char *w = tok_text(c, M->tok_end - 1, &n);
        char buf[8];
        if (n < sizeof buf) {
            for (size_t i = 0; i < n; i++)
                buf[i] = (char)tolower((unsigned char)w[i]);
            buf[n] = '\0';
            for (const char *const *k = street_words; *k; k++)
                if (strcmp(buf, *k) == 0)
                    return 1;
        }
    }
    for (uint32_t k = t; k < c->te && k < t + OCCUPATION_WORDS_MAX + 1 && is_lower(c, k); k++) {
        unsigned long long f = F(c, k);
        if (word_in(c, k, metonymic_words))
            return 1;
        if (f & (C_VERBS | C_PREPS | C_BE | C_AUX | C_WHO | C_SAY | C_STOP | C_AND | C_COMMA))
            break;
    }
    return 0;
}

/* Place mention m modifies a noun or name after it ("the Nicaraguan
 * rebels", "the Nicaraguan Democratic Force", "Nicaragua's army"), so a
 * phrase it opens names something else than the place. */
static int place_premodifies(const rc *c, int32_t m)
{
    uint32_t e = MEN(c, m)->tok_end;
    size_t n;
    const char *w;
    if (e >= c->te)
        return 0;
    if (F(c, e) & C_POSS)
        return 1;
    if (MEN(c, m)->kind != KG_MENTION_DEMONYM)
        return 0;
    if (TM(c, e) >= 0 || modifies_noun(c, e))
        return 1;
    w = tok_text(c, e, &n);
    return n > 1 && w[0] >= 'A' && w[0] <= 'Z' && !(F(c, e) & (C_FUNC | C_STOP | C_SAY));
}

/* Nouns that name a person's home place: "his native Ohio", "Dole's
 * hometown of Russell", "her home state of Maine". */
static const char *const home_words[] = {"native", "hometown", "birthplace", "homeland", NULL};
static const char *const home_kinds[] = {"state", "town", "city", "country", "province", NULL};

/* The token after a home noun ("native", "home state") at t, or 0. */
static uint32_t home_noun(const rc *c, uint32_t t)
{
    if (word_in(c, t, home_words))
        return t + 1;
    if (tok_is(c, t, "home") && TM(c, t) < 0 && word_in(c, (int64_t)t + 1, home_kinds))
        return t + 2;
    return 0;
}

/* Token t opens a home noun and, past an "of" and determiners, the place
 * it names starts at token `place`. */
static int home_phrase(const rc *c, uint32_t t, uint32_t place)
{
    if ((t = home_noun(c, t)) == 0)
        return 0;
    eat(c, &t, place, C_OF);
    skip(c, &t, place, C_DET);
    return t == place;
}

/* "his native Ohio", "her hometown of Abbott": the place is home to the
 * one PERSON the sentence names before the possessive pronoun; with two
 * people before it the pronoun is a guess, and no edge is better. */
static int home_of_pronoun(rc *c, uint32_t t)
{
    int32_t place, who = -1;
    if (!(tok_is(c, t, "his") || tok_is(c, t, "her")) || TM(c, t) >= 0)
        return 0;
    for (uint32_t u = t + 2; u < c->te && u < t + 6; u++) {
        if ((place = TM(c, u)) < 0)
            continue;
        if (MEN(c, place)->tok_begin != u || !(mbit(c, place) & T_PLACE) ||
            !home_phrase(c, t + 1, u) || (F(c, MEN(c, place)->tok_end) & C_POSS))
            return 0;
        for (uint32_t k = c->tb; k < t; k++) {
            int32_t m = TM(c, k);
            if (m < 0 || m == who || mtype(c, m) != KG_TYPE_PERSON)
                continue;
            if (who >= 0 && (MEN(c, m)->entity < 0 || MEN(c, m)->entity != MEN(c, who)->entity))
                return 0;
            who = m;
        }
        return who >= 0 ? emit(c, "lives_in", who, place, NULL, 0) : 0;
    }
    return 0;
}

static size_t group_left(const rc *c, int32_t m, unsigned want, int32_t *out, size_t max);
static int emit_all(rc *c, const char *rel, const int32_t *s, size_t ns, const int32_t *o,
                    size_t no, const int32_t *w, size_t nw);

/* A PERSON and then an ORG or place: "X, spokesman for Y", "X of Boston",
 * "X, 83, of Y", "X was born in Y", "X, who heads Y", "X is a native of Y",
 * "King X of Y". */
static int pair_person_first(rc *c, int32_t a, int32_t b, uint32_t g0, uint32_t g1)
{
    unsigned tb = mbit(c, b);
    uint32_t t = g0, u;
    unsigned long long role;
    int comma;
    if (!(tb & (T_ORG | T_PLACE)) || g1 - g0 > PAIR_GAP_MAX)
        return 0;
    /* "X, head of the Nicaraguan Democratic Force": the nationality
     * belongs to a name the recognizer missed, which is what X heads */
    if (MEN(c, b)->kind == KG_MENTION_DEMONYM) {
        uint32_t e = MEN(c, b)->tok_end;
        size_t n;
        const char *w = e < c->te ? tok_text(c, e, &n) : NULL;
        if (w && TM(c, e) < 0 && n > 1 && w[0] >= 'A' && w[0] <= 'Z' && !(F(c, e) & C_FUNC))
            return 0;
    }
    /* "X, a British arms dealer", "X is a Russian national", "X, a
     * Netherlands businessman", "X, a Boston lawyer" */
    if (tb & T_PLACE) {
        int demonym = MEN(c, b)->kind == KG_MENTION_DEMONYM;
        uint32_t e = MEN(c, b)->tok_end;
        u = g0;
        if (eat(c, &u, g1, C_COMMA | C_BE)) {
            eat(c, &u, g1, C_BE);
            if (!demonym && !eat(c, &u, g1, C_DET))
                u = g0; /* a name needs "a": "X, Boston" is an address */
            skip(c, &u, g1, C_DET | C_MOD);
            if (u == g1 && u > g0 &&
                (demonym ? (e >= c->te || is_lower(c, e) || (F(c, e) & (C_COMMA | C_STOP)) ||
                            tok_is(c, e, "."))
                         : is_lower(c, e) && !metonymic_role(c, b, e)) &&
                !(F(c, e) & (C_VERBS | C_PREPS | C_ORGNOUN | C_POSS | C_AND)))
                return emit(c, demonym ? "citizen_of" : "lives_in", a, b, NULL, 0);
        }
    }
    /* "X's native Ohio", "X's hometown of Abbott" */
    if ((tb & T_PLACE) && (F(c, g0) & C_POSS) && home_phrase(c, g0 + 1, g1) &&
        !(F(c, MEN(c, b)->tok_end) & C_POSS))
        return emit(c, "lives_in", a, b, NULL, 0);
    /* "X of Y", "X from Y", "X at the Y" */
    if (eat(c, &t, g1, C_OF | C_FROM | C_AT)) {
        int at = F(c, g0) & C_AT;
        skip(c, &t, g1, C_DET);
        /* "X of the Soviet news agency": a nationality of what X works
         * for, not where X lives */
        if (t == g1 && MEN(c, b)->kind == KG_MENTION_DEMONYM &&
            !(F(c, (int64_t)MEN(c, b)->tok_end - 1) & C_BASED) && place_premodifies(c, b))
            return 0;
        /* "X of Philadelphia's Chase Cancer Center": a member of what the
         * possessive names, and (below) living in the place */
        if (t == g1 && (tb & T_PLACE) && !at && !title_before(c, a) &&
            (F(c, MEN(c, b)->tok_end) & C_POSS)) {
            int32_t p = TM(c, (int64_t)MEN(c, b)->tok_end + 1);
            int rc_ = 0;
            if (p >= 0 && mtype(c, p) == KG_TYPE_ORG)
                rc_ = emit(c, "member_of", a, p, NULL, 0);
            if (rc_ != 0)
                return rc_;
        }
        if (t == g1) {
            unsigned long long tr = title_before(c, a);
            if (tr && !at)
                return emit_title(c, a, b, tr);
            if (tb & T_ORG) {
                /* "X of Harvard's Kennedy School": a member of the part
                 * too, which the possessive names next */
                uint32_t e = MEN(c, b)->tok_end;
                int32_t p = (F(c, e) & C_POSS) ? TM(c, (int64_t)e + 1) : -1;
                int rc_ = emit(c, "member_of", a, b, NULL, 0);
                if (rc_ == 0 && p >= 0 && mtype(c, p) == KG_TYPE_ORG)
                    rc_ = emit(c, "member_of", a, p, NULL, 0);
                /* "A and B of the Green Party": the phrase is both
                 * people's */
                if (rc_ == 0 && (F(c, (int64_t)MEN(c, a)->tok_begin - 1) & C_AND)) {
                    int32_t grp[GROUP_MAX];
                    size_t ng = group_left(c, a, T_PER, grp, GROUP_MAX);
                    rc_ = emit_all(c, "member_of", grp + 1, ng - 1, &b, 1, NULL, 0);
                }
                return rc_;
            }
            if (!at)
                return emit(c, "lives_in", a, b, NULL, 0);
        }
        return 0;
    }
    t = g0;
    comma = eat(c, &t, g1, C_COMMA);
    /* ", D-Ariz.," ", R-S.C.,": a party and state tag */
    if (comma && t + 1 < g1 && !is_lower(c, t) && !F(c, t) && (F(c, t + 1) & C_COMMA)) {
        size_t n;
        const char *w = tok_text(c, t, &n);
        if (n > 2 && (w[0] == 'D' || w[0] == 'R' || w[0] == 'I') && w[1] == '-')
            t += 2;
    }
    /* "X, of the Center for Y": where the person works or lives */
    u = t;
    if (comma && u == g0 + 1 && eat(c, &u, g1, C_OF | C_FROM)) {
        skip(c, &u, g1, C_DET);
        if (u == g1 && MEN(c, b)->kind != KG_MENTION_DEMONYM)
            return emit(c, (tb & T_ORG) ? "member_of" : "lives_in", a, b, NULL, 0);
    }
    /* ", 83, of Y": an age, then where the person is from */
    if (comma && is_num(c, t) && (F(c, t + 1) & C_COMMA)) {
        u = t + 2;
        if (eat(c, &u, g1, C_OF | C_FROM)) {
            skip(c, &u, g1, C_DET);
            if (u == g1)
                return emit(c, (tb & T_ORG) ? "member_of" : "lives_in", a, b, NULL, 0);
        }
        t += 2;
    }
    /* "who now lives in", "who still works for": a time word or an
     * adverb may stand between the relative pronoun and its verb */
    if (eat(c, &t, g1, C_WHO))
        skip(c, &t, g1, C_ADV | C_TIME);
    /* "has been named publisher of Y" */
    if (eat(c, &t, g1, C_BE | C_AUX) && (F(c, t - 1) & C_AUX))
        eat(c, &t, g1, C_BE);
    skip(c, &t, g1, C_ADV);
    /* "is from Y" */
    u = t;
    if (u > g0 && eat(c, &u, g1, C_FROM)) {
        skip(c, &u, g1, C_DET);
        if (u == g1)
            return emit(c, (tb & T_ORG) ? "member_of" : "lives_in", a, b, NULL, 0);
    }
    /* "X, a Fargo native" */
    if (comma && (tb & T_PLACE) && (F(c, MEN(c, b)->tok_end) & C_RESIDENT)) {
        u = t;
        skip(c, &u, g1, C_DET | C_MOD);
        while (u < g1 && is_num(c, u))
            u++;
        if (u == g1)
            return emit(c, "lives_in", a, b, NULL, 0);
    }
    /* "was born in", "born Feb. 12, 1809, in", "who lives in", "grew up in" */
    if (F(c, t) & (C_BORN | C_LIVE)) {
        for (u = t + 1; u < g1; u++)
            if (F(c, u) & (C_STOP | C_SAY | C_VERBS))
                return 0;
        u = g1;
        while (u > t + 1 && (F(c, u - 1) & (C_DET | C_DIR)))
            u--;
        if (u > t + 1 && (F(c, u - 1) & (C_IN | C_AT | C_ON | C_FROM) || tok_is(c, u - 1, "near")))
            return emit(c, "lives_in", a, b, NULL, 0);
        return 0;
    }
    /* "who heads Y", "who works for Y" */
    if (F(c, t) & (C_HEAD | C_WORK)) {
        unsigned long long f = F(c, t);
        u = t + 1;
        if ((f & C_WORK) && !eat(c, &u, g1, C_FOR | C_AT | C_ON | C_IN))
            return 0;
        skip(c, &u, g1, C_DET);
        if (u == g1)
            return emit_role(c, a, b, (f & C_HEAD) ? C_LEADER : C_MEMBER);
        return 0;
    }
    /* "X, Reuters correspondent", "X, Eaglebrook's vice president", "X,
     * an Acme employee" */
    u = t;
    skip(c, &u, g1, C_DET | C_MOD);
    /* ", a former Yale law professor", "is the Courier's chief reporter" */
    if ((comma || (t > g0 && (F(c, t - 1) & C_BE) && (F(c, t) & C_DET))) && u == g1 &&
        (tb & T_ORG)) {
        uint32_t e = MEN(c, b)->tok_end, v;
        eat(c, &e, c->te, C_POSS);
        role = role_phrase(c, e, c->te, &v);
        /* "X, a Red Cross disaster chairman for the county" */
        if (role && v > e &&
            (v >= c->te || (F(c, v) & (C_COMMA | C_STOP | C_SAY | C_PREPS)) || tok_is(c, v, ".")))
            return emit_role(c, a, b, role);
    }
    /* ", a lobbyist with the Y", "was acting comptroller at Y", ", a
     * Republican from Chicago": an occupation the cue table lacks */
    if ((comma || (F(c, t - 1) & C_BE)) && (F(c, t) & C_DET || (F(c, t - 1) & C_BE)) &&
        !(F(c, t) & C_POSS)) {
        uint32_t v = t + ((F(c, t) & C_DET) ? 1 : 0), last = 0, lim = t + 4;
        int caps = 0;
        while (v < g1 && v < lim) {
            size_t n;
            const char *w = tok_text(c, v, &n);
            if (is_lower(c, v) &&
                !(F(c, v) & ~(C_MOD | C_ROLES | (lim == t + 4 ? 0 : C_GOV))))
                last = v++;
            else if (last && lim == t + 4 && (F(c, v) & C_AND) && TM(c, v) < 0 &&
                     !(F(c, v + 1) & C_POSS)) {
                /* "a jeweler and president of Y": the noun before the
                 * preposition is the one it belongs to */
                v++;
                if (F(c, v) & C_DET)
                    v++;
                lim = v + 3;
            }
            else if (!caps && TM(c, v) < 0 && !F(c, v) && n > 1 && w[0] >= 'A' && w[0] <= 'Z')
                caps = 1, last = v++;
            else
                break;
        }
        if (last && (F(c, v) & (C_WITH | C_AT | C_FOR | C_OF | C_FROM))) {
            size_t n;
            const char *w = tok_text(c, last, &n);
            int from = (F(c, v) & C_FROM) != 0;
            u = v + 1;
            skip(c, &u, g1, C_DET);
            if (u == g1 && !ends_with(w, n, "ed") && !ends_with(w, n, "ing")) {
                if (from && (tb & T_PLACE))
                    return emit(c, "lives_in", a, b, NULL, 0);
                if ((tb & T_ORG) && !from)
                    return emit_role(c, a, b, (F(c, last) & C_LEADER) ? C_LEADER : C_MEMBER);
            }
        }
    }
    /* ", one of the directors of Y": the role in the plural */
    if (tok_is(c, t, "one") && (F(c, t + 1) & C_OF)) {
        u = t + 2;
        skip(c, &u, g1, C_DET | C_MOD);
        role = u < g1 && TM(c, u) < 0 ? plural_role(c, u) : 0;
        if (role && u + 1 < g1 && (F(c, u + 1) & C_OF)) {
            uint32_t v = u + 2;
            skip(c, &v, g1, C_DET);
            if (v == g1 && (tb & T_ORG))
                return emit_role(c, a, b, role);
        }
        return 0;
    }
    /* ", a spokesman for Y", "is the president of Y", ", a native of Y" */
    role = role_phrase(c, t, g1, &u);
    if (role && u > t) {
        int from = (F(c, u) & C_FROM) != 0;
        if (eat(c, &u, g1, C_OF | C_AT | C_FOR | C_WITH | C_IN | C_FROM | C_ON | C_TO)) {
            uint32_t v = u;
            skip(c, &u, g1, C_DET);
            if (u == g1) {
                /* "an electronics technician from North Wales" */
                if (from && (tb & T_PLACE))
                    return emit(c, "lives_in", a, b, NULL, 0);
                /* "head of the Nicaraguan Democratic Force", "leader of
                 * the Afghan rebels", "head of Nicaragua's rebel army":
                 * the place only modifies what the person heads */
                if ((tb & T_PLACE) && place_premodifies(c, b)) {
                    /* "an activist in Algeria's Ettahadi party", "director
                     * of the Brazilian central bank": whose the body is
                     * still says whose citizen the person is; not so for
                     * a name the recognizer missed ("the Nicaraguan
                     * Democratic Force") or a body one is sent to
                     * ("envoy to the Iranian government") */
                    uint32_t e = MEN(c, b)->tok_end;
                    int dem = MEN(c, b)->kind == KG_MENTION_DEMONYM;
                    if ((tb & T_CTRY) && !(F(c, v - 1) & C_TO) &&
                        (dem ? TM(c, e) < 0 && modifies_noun(c, e) : (F(c, e) & C_POSS) != 0))
                        return emit(c, "citizen_of", a, b, NULL, 0);
                    return 0;
                }
                /* "Smith, the one-time head of the CIA William Colby, and
                 * Jones": a name right after the organisation is the
                 * one the role describes */
                int32_t next = TM(c, MEN(c, b)->tok_end);
                if (next >= 0 && mtype(c, next) == KG_TYPE_PERSON &&
                    MEN(c, next)->tok_begin == MEN(c, b)->tok_end)
                    return 0;
                /* "chairman of the Senate panel" leads a part of the
                 * Senate: a member of the whole */
                if ((tb & T_ORG) && modifies_noun(c, MEN(c, b)->tok_end))
                    role = (role & ~C_LEADER) | C_MEMBER;
                return emit_role(c, a, b, role);
            }
            /* "chief of waste disposal for the NRC", "director of the
             * banned Y", "manager of the local chapter of Y" */
            if ((tb & T_ORG) && !from) {
                int words = 0, nouns = 0;
                u = v;
                while (u < g1 && words < 4 &&
                       (F(c, u) & C_DET ||
                        (is_lower(c, u) && !(F(c, u) & (C_PREPS | C_BE | C_AUX | C_WHO | C_STOP |
                                                        C_SAY | C_AND | C_COMMA | C_NEG))))) {
                    size_t wn;
                    const char *w = tok_text(c, u, &wn);
                    nouns += !(F(c, u) & (C_DET | C_MOD)) && !ends_with(w, wn, "ed");
                    u++;
                    words++;
                }
                if (u < g1 && (F(c, u) & (C_OF | C_AT | C_FOR | C_WITH)))
                    u++;
                skip(c, &u, g1, C_DET);
                /* "head of nonproliferation issues at Y" leads a part of
                 * Y: a member of the whole */
                if (u == g1)
                    return emit_role(c, a, b, nouns ? (role & ~C_LEADER) | C_MEMBER : role);
                /* "attorney for the Peruvian mining company Y": the role
                 * is towards the company the description names */
                u = v;
                skip(c, &u, g1, C_DET);
                for (words = 0; u < g1 && words < 4; u++, words++)
                    if (!(TM(c, u) >= 0 && MEN(c, TM(c, u))->kind == KG_MENTION_DEMONYM) &&
                        !(TM(c, u) < 0 && !(F(c, u) & ~(C_MOD | C_ORGNOUN)) &&
                          (is_lower(c, u) || words == 0)))
                        break;
                if (u == g1 && words > 0 && (F(c, g1 - 1) & C_ORGNOUN) && TM(c, g1 - 1) < 0)
                    return emit_role(c, a, b, role);
            }
        }
    }
    return 0;
}

/* "X, the 31st president of the United States, was born in Y": birth
 * places after an apposition that names something else, and the other
 * ways news dates and places a birth:
 *   "X, born March 3, 1901, in Y"            (a date between)
 *   "X was born in a log cabin in Y"          (a short phrase between)
 *   "X was born Z in Y", "Born Z in Y"        (Z, the birth name)
 *   "X (30th President): Born May 2, 1900, in Y"   (a fact box)
 * The apposition may hold a relative clause ("X, who lived in Z, was
 * born in Y") but no other person, who could be the one born. */
static int born_far(rc *c, int32_t a, int32_t b, uint32_t g0, uint32_t g1)
{
    uint32_t u = g1, t, p;
    int32_t given = -1; /* the birth name, if the gap holds one */
    if (mtype(c, a) != KG_TYPE_PERSON || !(mbit(c, b) & T_PLACE) || g1 - g0 > BORN_GAP_MAX)
        return 0;
    while (u > g0 && (F(c, u - 1) & (C_DET | C_DIR)) && TM(c, u - 1) < 0)
        u--;
    if (u <= g0 + 1 || TM(c, u - 1) >= 0 ||
        !((F(c, u - 1) & (C_IN | C_AT)) || tok_is(c, u - 1, "near")))
        return 0;
    p = u - 1; /* the preposition before the place */
    /* "Born Z in Y": Z's own birth place */
    if (p == g0 && g0 == MEN(c, a)->tok_end && MEN(c, a)->tok_begin > c->tb &&
        (F(c, (int64_t)MEN(c, a)->tok_begin - 1) & C_BORN))
        return emit(c, "lives_in", a, b, NULL, 0);
    /* find "born" within BORN_WINDOW tokens left of the preposition,
     * over dates and plain words, or right before a birth name */
    for (t = p; t > g0 && p - t < BORN_WINDOW; t--) {
        int32_t m = TM(c, t - 1);
        if (m >= 0) {
            if (given >= 0 || mtype(c, m) != KG_TYPE_PERSON || MEN(c, m)->tok_end != p ||
                MEN(c, m)->tok_begin <= g0 + 1 || !(F(c, MEN(c, m)->tok_begin - 1) & C_BORN))
                return 0;
            given = m;
            t = MEN(c, m)->tok_begin + 1;
            continue;
        }
        if (F(c, t - 1) & C_BORN)
            break;
        if (F(c, t - 1) & (C_STOP | C_SAY | C_VERBS | C_WHO | C_BE | C_AND | C_LPAR | C_RPAR))
            return 0;
    }
    if (t == g0 || !(F(c, t - 1) & C_BORN))
        return 0;
    t--; /* "born" */
    if (t > g0 && (F(c, t - 1) & C_BE) && TM(c, t - 1) < 0)
        t--;
    if (t == g0) { /* "X was born Z in Y" */
        int rc_ = given >= 0 ? emit(c, "lives_in", a, b, NULL, 0) : 0;
        if (rc_ == 0 && given >= 0)
            rc_ = emit(c, "lives_in", given, b, NULL, 0);
        return rc_;
    }
    if ((F(c, g0) & C_LPAR) && t >= g0 + 3 && tok_is(c, t - 1, ":") && (F(c, t - 2) & C_RPAR)) {
        /* the fact box: one bracketed note between the name and "Born" */
        for (u = g0 + 1; u < t - 2; u++)
            if (TM(c, u) >= 0 || (F(c, u) & (C_LPAR | C_RPAR | C_STOP)))
                return 0;
    } else {
        if (!(F(c, t - 1) & C_COMMA) || !(F(c, g0) & C_COMMA))
            return 0;
        for (u = g0 + 1; u < t - 1; u++)
            if ((F(c, u) & (C_STOP | C_SAY)) || mtype(c, TM(c, u)) == KG_TYPE_PERSON)
                return 0;
    }
    {
        int rc_ = given >= 0 ? emit(c, "lives_in", given, b, NULL, 0) : 0;
        return rc_ != 0 ? rc_ : emit(c, "lives_in", a, b, NULL, 0);
    }
}

/* An ORG or place and then a PERSON: "FSB spokesman X", "Texas Gov. X",
 * "a Boston resident, X", "British citizen X", "Russia's president, X". */
/* Tokens [g0, g1) between place a and a person's name are one or two
 * plain lower-case nouns ("businessman", "jazz pianist") or "born", and
 * the place opens the phrase (no preposition before it: "flew to Atlanta
 * yesterday" is no description). */
/* Nouns that never describe the name that follows as a person's
 * occupation: a whole population ("the American people", "the Iranian
 * public"), and things news names like people ("the Cypriot supertanker
 * Pivot", "the Liberian-flagged freighter X", "the Soviet daily Pravda"). */
static const char *const collective_nouns[] = {
    "people",   "public",    "press",    "media",     "government", "nation",  "army",
    "navy",     "military",  "police",   "tanker",    "supertanker", "ship",   "vessel",
    "freighter", "warship",  "carrier",  "ferry",     "yacht",      "liner",   "trawler",
    "cargo",    "boat",      "airliner", "plane",     "aircraft",   "jet",     "satellite",
    "newspaper", "daily",    "weekly",   "magazine",  "agency",     "radio",   "television",
    "company",  "firm",      "bank",     "airline",   "port",       "city",    "town",
    "village",  "island",    "province", "region",    "party",      "group",   NULL};

static int occupation(const rc *c, int32_t a, uint32_t g0, uint32_t g1)
{
    int64_t before = (int64_t)MEN(c, a)->tok_begin - 1;
    if (g1 <= g0 || g1 - g0 > OCCUPATION_WORDS_MAX ||
        (before >= (int64_t)c->tb && (F(c, before) & (C_PREPS | C_VERBS))))
        return 0;
    if (g1 == g0 + 1 && (F(c, g0) & C_BORN))
        return 1;
    for (uint32_t t = g0; t < g1; t++) {
        size_t n;
        const char *w = tok_text(c, t, &n);
        if (!is_lower(c, t) || F(c, t) || n < 3 || ends_with(w, n, "ed") ||
            ends_with(w, n, "ing") || ends_with(w, n, "ly") || ends_with(w, n, "s"))
            return 0;
        for (const char *const *k = collective_nouns; *k; k++)
            if (tok_is(c, t, *k))
                return 0;
    }
    /* "a Whitehall source", "Wall Street investor X" */
    if (MEN(c, a)->kind != KG_MENTION_DEMONYM && metonymic_role(c, a, g0))
        return 0;
    return 1;
}

/* Token t, right before a name, is the person's own honorific ("Dr.",
 * "Lt.") or occupation ("accountant", "engineer"), which an apposition
 * may open with. */
static int name_prefix(const rc *c, uint32_t t)
{
    size_t n;
    const char *w = tok_text(c, t, &n);
    if (TM(c, t) >= 0 || n < 2)
        return 0;
    if (w[0] >= 'A' && w[0] <= 'Z')
        return n <= 5 && w[n - 1] == '.';
    /* one person's occupation is a singular noun: "thinks", "added",
     * "saying" are verbs */
    return is_lower(c, t) && !(F(c, t) & ~(C_ROLES | C_GOV | C_MOD)) && w[n - 1] != 's' &&
           !ends_with(w, n, "ed") && !ends_with(w, n, "ing") && !ends_with(w, n, "ly");
}

static int pair_person_second(rc *c, int32_t a, int32_t b, uint32_t g0, uint32_t g1)
{
    unsigned ta = mbit(c, a);
    uint32_t t = g0, u;
    unsigned long long role;
    if (!(ta & (T_ORG | T_PLACE)) || g1 - g0 > 6)
        return 0;
    /* "told the American people he was sorry": a pronoun takes no
     * premodifier or apposition, so the words before it describe some
     * other noun, never the person */
    if (MEN(c, b)->kind == KG_MENTION_PRONOUN)
        return 0;
    /* "Beaumont, Texas, Richardson's hometown", "Ohio being her home
     * state": the place named before is the one the possessive means */
    if ((ta & T_PLACE) && g1 == g0 + 1 && (F(c, g0) & (C_COMMA | C_BE)) &&
        (F(c, MEN(c, b)->tok_end) & C_POSS) && (u = home_noun(c, MEN(c, b)->tok_end + 1)) != 0 &&
        !(F(c, u) & C_OF) && TM(c, u) < 0) {
        uint32_t k = MEN(c, a)->tok_begin;
        int rc_ = emit(c, "lives_in", b, a, NULL, 0);
        int32_t p = TM(c, (int64_t)k - 2);
        if (rc_ == 0 && p >= 0 && (F(c, (int64_t)k - 1) & C_COMMA) && MEN(c, p)->tok_end == k - 1 &&
            (mbit(c, p) & T_PLACE))
            rc_ = emit(c, "lives_in", b, p, NULL, 0);
        return rc_;
    }
    if (g1 == g0) {
        if (ta & T_ORG)
            return emit(c, "member_of", b, a, NULL, 0);
        if (ta & T_LOC)
            return emit(c, "lives_in", b, a, NULL, 0);
        return emit(c, "citizen_of", b, a, NULL, 0);
    }
    if (g1 - g0 == 1 && (F(c, g0) & C_POSS)) {
        if (ta & T_ORG)
            return emit(c, "member_of", b, a, NULL, 0);
        return emit(c, "lives_in", b, a, NULL, 0);
    }
    /* "the deputy secretary of the Foreign Ministry, X" */
    if ((g1 - g0 == 1 || (g1 - g0 == 2 && name_prefix(c, g0 + 1))) && (F(c, g0) & C_COMMA)) {
        int64_t k = (int64_t)MEN(c, a)->tok_begin - 1;
        while (k >= (int64_t)c->tb && (F(c, k) & C_DET) && TM(c, k) < 0)
            k--;
        if ((F(c, k) & (C_OF | C_AT | C_FOR)) && TM(c, k) < 0 && (F(c, k - 1) & C_ROLES) &&
            TM(c, k - 1) < 0 && !(F(c, (int64_t)MEN(c, b)->tok_end) & C_AND)) {
            uint32_t from = k - 1 > (int64_t)c->tb + 3 ? (uint32_t)k - 4 : c->tb, v;
            unsigned long long r2 = 0;
            for (uint32_t i = from; i < (uint32_t)k && !r2; i++)
                if (TM(c, i) < 0 && (r2 = role_phrase(c, i, (uint32_t)k, &v)) != 0 &&
                    v != (uint32_t)k)
                    r2 = 0;
            if (r2)
                return emit_role(c, b, a, r2);
        }
    }
    eat(c, &t, g1, C_RPAR);
    eat(c, &t, g1, C_POSS);
    /* "the NSC aide President Reagan fired": a role word in lower case,
     * then the person's own capitalised title; the aide is someone else */
    for (uint32_t k = t, lower_role = 0; k < g1; k++) {
        size_t n;
        const char *w = tok_text(c, k, &n);
        if (!(F(c, k) & C_ROLES))
            continue;
        /* "Coast Guard spokesman Lt. X": an abbreviated rank is the
         * person's own and may follow the role */
        if (w[0] >= 'a' && w[0] <= 'z')
            lower_role = 1;
        else if (lower_role && w[0] >= 'A' && w[0] <= 'Z' && w[n - 1] != '.')
            return 0;
    }
    role = role_phrase(c, t, g1, &u);
    /* "Acme's finance chief, accountant X", "the head of Y, Dr. X": the
     * person's own occupation or honorific may open the apposition */
    if (eat(c, &u, g1, C_COMMA) && u + 1 == g1 && name_prefix(c, u))
        u++;
    if (role && u == g1)
        return emit_title(c, b, a, role);
    if ((ta & T_PLACE) && t == g0 && occupation(c, a, g0, g1)) {
        /* "Illinois born X": a birthplace */
        if ((F(c, g0) & C_BORN) && g1 == g0 + 1)
            return emit(c, "lives_in", b, a, NULL, 0);
        /* "Atlanta businessman X", "Soviet pianist X": an occupation the
         * cue table lacks, premodified by where the person is from */
        return emit(c, (ta & T_LOC) ? "lives_in" : "citizen_of", b, a, NULL, 0);
    }
    return 0;
}

/* Killings stated around two names: "Y's assassin, X", "X, the accused
 * killer of Y", "Y was fatally shot by X". */
static int pair_kill(rc *c, int32_t a, int32_t b, uint32_t g0, uint32_t g1)
{
    uint32_t t = g0;
    if (mtype(c, a) != KG_TYPE_PERSON || mtype(c, b) != KG_TYPE_PERSON)
        return 0;
    if (g1 - g0 <= 3) {
        int killer = 0, plain = 1;
        for (uint32_t u = g0; u < g1; u++) {
            if (F(c, u) & C_KILLER)
                killer = 1;
            else if (!(F(c, u) & C_MOD) && !is_lower(c, u))
                plain = 0;
        }
        if (killer && plain) /* "Kennedy assassin Sirhan" */
            return emit(c, "kills", b, a, NULL, 0);
    }
    if (eat(c, &t, g1, C_POSS)) {
        skip(c, &t, g1, C_MOD | C_LEGAL);
        if (eat(c, &t, g1, C_KILLER)) {
            eat(c, &t, g1, C_COMMA);
            if (t == g1)
                return emit(c, "kills", b, a, NULL, 0);
        }
        return 0;
    }
    if (eat(c, &t, g1, C_COMMA)) {
        /* "X, Y's assassin,": an apposition naming the victim */
        if (t == g1) {
            uint32_t u = MEN(c, b)->tok_end;
            if (eat(c, &u, c->te, C_POSS)) {
                skip(c, &u, c->te, C_MOD | C_LEGAL);
                if (eat(c, &u, c->te, C_KILLER) && (F(c, u) & C_COMMA))
                    return emit(c, "kills", a, b, NULL, 0);
            }
            return 0;
        }
        eat(c, &t, g1, C_DET);
        while (t < g1 &&
               ((F(c, t) & (C_MOD | C_LEGAL)) || (is_lower(c, t) && !(F(c, t) & C_KILLER))))
            t++;
        if (eat(c, &t, g1, C_KILLER) && eat(c, &t, g1, C_OF)) {
            while (t < g1 && ((F(c, t) & (C_DET | C_ROLES | C_MOD)) || is_lower(c, t)))
                t++;
            if (t == g1)
                return emit(c, "kills", a, b, NULL, 0);
        }
        return 0;
    }
    /* passive: "was shot and killed by", "had been fatally shot by" */
    skip(c, &t, g1, C_BE | C_AUX | C_ADV);
    if (t > g0 && eat(c, &t, g1, C_KILL)) {
        while (t < g1 && (F(c, t) & (C_AND | C_KILL | C_ADV)))
            t++;
        if (tok_is(c, t, "down") || tok_is(c, t, "dead"))
            t++;
        if (eat(c, &t, g1, C_BY)) {
            while (t < g1 && ((F(c, t) & (C_DET | C_ROLES | C_MOD)) || is_lower(c, t)))
                t++;
            if (t == g1)
                return emit(c, "kills", b, a, NULL, 0);
        }
    }
    return 0;
}

/* Last words of the names of political parties and of their members as
 * a body: "the Labour Party", "the Democrats", "the Sandinistas". */
static const char *const party_words[] = {
    "party",      "democrats", "republicans", "conservatives",       "tories", "socialists",
    "communists", "liberals",  "sandinistas", "christian-democrats", NULL};

/* ORG mention m names a political party (by its last word, or its
 * entity's label: "the Democrats" resolved to "Democratic Party"). */
static int political_party(const rc *c, int32_t m)
{
    const kg_mention *M = MEN(c, m);
    uint32_t last = M->tok_end - 1;
    size_t n;
    const char *w = tok_text(c, last, &n), *label;
    char buf[CUE_LEN_MAX + 1];
    if (n <= CUE_LEN_MAX) {
        for (size_t i = 0; i < n; i++)
            buf[i] = (char)tolower((unsigned char)w[i]);
        buf[n] = '\0';
        for (const char *const *p = party_words; *p; p++)
            if (strcmp(buf, *p) == 0)
                return 1;
    }
    if (M->entity >= 0 && (size_t)M->entity < c->d->n_entities &&
        (label = c->d->entities[M->entity].label) != NULL) {
        size_t ln = strlen(label);
        return ln > 6 && strcmp(label + ln - 6, " Party") == 0;
    }
    return 0;
}

/* Weapons and where they are made: "the Russian Igla", "Chinese-made
 * Silkworms", "the Stinger, made in the United States". Also ownership of
 * organisations and embargoes stated as noun phrases. */
/* 1 if country ids a and b name the same maker: equal, or the Soviet
 * Union and Russia, which news uses for one another's weapons. */
static int same_maker(const char *a, const char *b)
{
    int sa = strcmp(a, "country:SUN") == 0 || strcmp(a, "country:RUS") == 0;
    int sb = strcmp(b, "country:SUN") == 0 || strcmp(b, "country:RUS") == 0;
    return strcmp(a, b) == 0 || (sa && sb);
}

static int pair_misc(rc *c, int32_t a, int32_t b, uint32_t g0, uint32_t g1)
{
    unsigned ta = mbit(c, a), tb = mbit(c, b);
    uint32_t t = g0, n = g1 - g0;
    if ((ta & T_CTRY) && (tb & T_WPN)) {
        const kg_mention *A = MEN(c, a);
        int made = (F(c, A->tok_end - 1) & C_MADE) != 0;
        int plain = n <= 2;
        for (t = g0; t < g1; t++) {
            unsigned long long f = F(c, t);
            if (f & C_MADE)
                made = 1;
            else if (tok_is(c, t, "-"))
                continue;
            else if (!is_lower(c, t) || (f & (C_VERBS | C_PREPS | C_BE | C_WHO | C_NEG | C_AND |
                                              C_SALE | C_PURCHASE | C_EMBARGO | C_POSS)))
                plain = 0;
        }
        if ((n == 0 || (plain && made) || (plain && A->kind == KG_MENTION_DEMONYM))) {
            /* "an Iranian F-4": the lexicon knows the F-4 is American, so
             * the nationality is the one flying it, not the maker; but
             * "French and German Roland missiles" lists makers, which one
             * lexicon field cannot hold */
            const kg_lex_entry *W = MEN(c, b)->lex;
            int listed = (F(c, A->tok_end) & (C_AND | C_COMMA)) ||
                         (F(c, (int64_t)A->tok_begin - 1) & (C_AND | C_COMMA));
            if (!made && !listed && W && W->made_in && A->lex && A->lex->id &&
                !same_maker(W->made_in, A->lex->id))
                return emit(c, "possesses", a, b, NULL, 0);
            return emit(c, "made_in", b, a, NULL, 0);
        }
        return 0;
    }
    if ((ta & T_WPN) && (tb & T_CTRY)) {
        while (t < g0 + 2 && is_lower(c, t) && !F(c, t)) /* "missiles made in" */
            t++;
        eat(c, &t, g1, C_COMMA);
        eat(c, &t, g1, C_WHO);
        eat(c, &t, g1, C_BE);
        if (eat(c, &t, g1, C_MADE) && eat(c, &t, g1, C_IN)) {
            skip(c, &t, g1, C_DET);
            if (t == g1)
                return emit(c, "made_in", a, b, NULL, 0);
        }
        return 0;
    }
    if ((ta & T_ORG) && (tb & (T_ORG | T_CTRY))) {
        /* "X, a unit of Y", "X is owned by Y" */
        eat(c, &t, g1, C_COMMA);
        eat(c, &t, g1, C_WHO);
        eat(c, &t, g1, C_BE);
        skip(c, &t, g1, C_ADV | C_DET | C_MOD);
        if ((tok_is(c, t, "owned") || tok_is(c, t, "controlled")) && (F(c, t + 1) & C_BY)) {
            /* "Congress is controlled by the Democrats": a majority, not
             * an owner; only a company is controlled as a part */
            int party = tok_is(c, t, "controlled") && political_party(c, b);
            t += 2;
            skip(c, &t, g1, C_DET | C_MOD);
            if (t == g1 && !party)
                return emit(c, "part_of", a, b, NULL, 0);
        } else if ((tok_is(c, t, "unit") || tok_is(c, t, "subsidiary") ||
                    tok_is(c, t, "division") || tok_is(c, t, "arm") || tok_is(c, t, "branch") ||
                    tok_is(c, t, "part")) &&
                   (F(c, t + 1) & C_OF)) {
            t += 2;
            skip(c, &t, g1, C_DET | C_MOD);
            if (t == g1)
                return emit(c, "part_of", a, b, NULL, 0);
        }
    }
    if ((ta & T_ORG) && (tb & T_ORG) && n == 1 && (F(c, g0) & C_POSS))
        return emit(c, "part_of", b, a, NULL, 0);
    return 0;
}

/* "X, the Russia and Eurasia program director for the IISS": a role in
 * an apposition whose modifiers name other things; the role word and its
 * preposition sit right before the organisation. */
static int appos_role_far(rc *c, int32_t a, int32_t b, uint32_t g0, uint32_t g1)
{
    uint32_t u = g1, r;
    if (!(F(c, g0) & C_COMMA) || TM(c, g0) >= 0)
        return 0;
    while (u > g0 && (F(c, u - 1) & C_DET) && TM(c, u - 1) < 0)
        u--;
    if (u < g0 + 3 || !(F(c, u - 1) & (C_FOR | C_OF | C_AT | C_WITH)) || TM(c, u - 1) >= 0)
        return 0;
    r = u - 2;
    if (!(F(c, r) & C_ROLES) || TM(c, r) >= 0)
        return 0;
    for (u = g0 + 1; u < r; u++) {
        int32_t m = TM(c, u);
        unsigned long long f = F(c, u);
        if (m >= 0) {
            if (!(mbit(c, m) & (T_PLACE | T_ORG)))
                return 0;
            u = MEN(c, m)->tok_end - 1;
            continue;
        }
        if (f &
            (C_COMMA | C_STOP | C_SAY | C_VERBS | C_BE | C_AUX | C_WHO | C_PREPS | C_NEG | C_PRON))
            return 0;
    }
    /* other words before the role name the part of b the person works in
     * ("program director"): a member of b, whatever the role */
    for (u = g0 + 1; u < r; u++)
        if (!(F(c, u) & (C_DET | C_MOD)))
            return emit_role(c, a, b, (F(c, r) & (C_ROLES | C_GOV) & ~C_LEADER) | C_MEMBER);
    return emit_role(c, a, b, F(c, r) & (C_ROLES | C_GOV));
}

static int pair_rules(rc *c, int32_t a, int32_t b)
{
    const kg_mention *A = MEN(c, a), *B = MEN(c, b);
    uint32_t g0 = A->tok_end, g1 = B->tok_begin;
    unsigned ta = mbit(c, a), tb = mbit(c, b);
    int rc_;
    /* "Velmont Corp <VLM>, which makes radars": a Reuters ticker after
     * a name is part of how the name is written, not of the sentence */
    if (g0 + 3 <= g1 && tok_is(c, g0, "<") && tok_is(c, g0 + 2, ">"))
        g0 += 3;
    if (g1 < g0 || !ta || !tb)
        return 0;
    if ((ta & T_PER) && (rc_ = born_far(c, a, b, g0, g1)) != 0)
        return rc_;
    if (g1 - g0 > PAIR_GAP_MAX)
        return 0;
    /* "X, the longest-held hostage, is correspondent for Y": step over a
     * short apposition of plain words */
    if ((ta & T_PER) && (F(c, g0) & C_COMMA) && gap_clean(c, g0, g1)) {
        uint32_t u = g0 + 1;
        while (u < g1 && u < g0 + 7 &&
               !(F(c, u) & (C_COMMA | C_VERBS | C_BE | C_WHO | C_STOP | C_SAY)))
            u++;
        if (u > g0 + 2 && u < g1 && (F(c, u) & C_COMMA) && (F(c, u + 1) & C_BE) &&
            (rc_ = pair_person_first(c, a, b, u + 1, g1)) != 0)
            return rc_;
    }
    if (!gap_clean(c, g0, g1)) {
        if ((ta & T_PER) && (tb & T_ORG) && (rc_ = appos_role_far(c, a, b, g0, g1)) != 0)
            return rc_;
        /* "X, head of the Nicaraguan Democratic Force": a nationality
         * premodifying the organisation is part of its phrase */
        {
            int32_t dm = TM(c, (int64_t)g1 - 1);
            if ((ta & T_PER) && (tb & T_ORG) && dm >= 0 && MEN(c, dm)->kind == KG_MENTION_DEMONYM &&
                MEN(c, dm)->tok_begin > g0 && gap_clean(c, g0, MEN(c, dm)->tok_begin) &&
                (rc_ = pair_person_first(c, a, b, g0, MEN(c, dm)->tok_begin)) != 0)
                return rc_;
        }
        /* "Both X and Y were born in Z", "X, Y and W live in Z": people
         * coordinated as the subject share its verb */
        if ((ta & T_PER) && (F(c, g0) & (C_AND | C_COMMA))) {
            uint32_t u = g0, e = g0;
            int32_t m2;
            while (u < g1 && (F(c, u) & (C_AND | C_COMMA))) {
                u++;
                eat(c, &u, g1, C_AND);
                if ((m2 = TM(c, u)) < 0 || MEN(c, m2)->tok_begin != u ||
                    mtype(c, m2) != KG_TYPE_PERSON)
                    break;
                u = e = MEN(c, m2)->tok_end;
            }
            if (e > g0 && e < g1 && (F(c, e) & (C_BE | C_AUX | C_BORN | C_LIVE | C_WORK | C_HEAD)) &&
                (F(c, (int64_t)MEN(c, TM(c, e - 1))->tok_begin - 1) & C_AND) &&
                gap_clean(c, e, g1))
                return pair_person_first(c, a, b, e, g1);
        }
        /* "Sen. X, D-Ariz., chairman of Y": step over one apposition */
        int32_t m = TM(c, (int64_t)g0 + 1);
        if ((ta & T_PER) && (F(c, g0) & C_COMMA) && m >= 0) {
            uint32_t e = MEN(c, m)->tok_end;
            if (e < g1 && (F(c, e) & C_COMMA) && gap_clean(c, e, g1))
                return pair_person_first(c, a, b, e, g1);
        }
        return 0;
    }
    if ((rc_ = pair_place(c, a, b, g0, g1)) != 0)
        return rc_;
    if ((rc_ = pair_org_place(c, a, b, g0, g1)) != 0)
        return rc_;
    if ((ta & T_PER) && (rc_ = pair_person_first(c, a, b, g0, g1)) != 0)
        return rc_;
    if ((tb & T_PER) && (rc_ = pair_person_second(c, a, b, g0, g1)) != 0)
        return rc_;
    if ((rc_ = pair_kill(c, a, b, g0, g1)) != 0)
        return rc_;
    return pair_misc(c, a, b, g0, g1);
}

/* ------------------------------------------------------------------------
 * Verb rules: a cue word, its subject on the left, its objects on the right
 * ---------------------------------------------------------------------- */

/* Objects found right of a cue, with the preposition that introduced them
 * (0 for a direct object). */
typedef struct obj {
    int32_t m;
    unsigned long long prep;
    int nprep;  /* prepositions met between the cue and the mention */
    int premod; /* the name modifies a noun after it ("an FBI informant") */
} obj;

#define OBJS_MAX 16 /* mentions in OBJ_WINDOW tokens, with room to spare */

/* The nearest mention of a wanted type left of token v in the same clause.
 * Mentions that are the object of a preposition ("the leader of Hamas")
 * are passed over: they are not subjects. */
static int32_t find_left(const rc *c, uint32_t v, unsigned want, int pp)
{
    int64_t lim = v > c->tb + SUBJ_WINDOW ? (int64_t)v - SUBJ_WINDOW : (int64_t)c->tb;
    int adjacent = 1, relative = 0;
    for (int64_t t = (int64_t)v - 1; t >= lim; t--) {
        int32_t m = TM(c, t);
        unsigned long long f = F(c, t);
        if (m >= 0) {
            const kg_mention *M = MEN(c, m);
            t = M->tok_begin;
            if (!(mbit(c, m) & want)) {
                adjacent = 0;
                continue;
            }
            /* a mention right before the verb, or the antecedent of
             * ", who", is the subject even inside a prepositional phrase
             * ("the broadcast of Ruby shooting Oswald") */
            if (!pp && !adjacent && !relative) {
                /* "the successor to the KGB": past the article too */
                int64_t k = (int64_t)M->tok_begin - 1;
                while (k > (int64_t)c->tb && (F(c, k) & C_DET) && TM(c, k) < 0)
                    k--;
                if (F(c, k) & C_PREPS)
                    continue;
            }
            return m;
        }
        /* "police arrested a broker ... on suspicion of trying to smuggle":
         * whoever arrests is not the subject of what follows */
        if (f & (C_STOP | C_SAY | C_PRON | C_ARREST))
            break;
        /* "Greek customs officers, who": the head noun of the antecedent
         * may stand between the name and the comma */
        if (f & C_WHO)
            relative = (F(c, t - 1) & C_COMMA) || TM(c, t - 1) >= 0 || is_lower(c, t - 1);
        else if (!(f & C_COMMA) && !(relative && is_lower(c, t) && !(f & (C_VERBS | C_PREPS))))
            relative = 0;
        if (!(f & C_ADV))
            adjacent = 0;
    }
    return -1;
}

/* Verbs whose subject is a party to the transfer its object names: "Israel
 * made a shipment of arms to Iran", "Britain resumed arms sales". Any other
 * verb ("Reagan approved the sale", "X fought the planned sale") leaves the
 * transfer's parties to the noun phrase itself. */
static const char *const party_verbs[] = {
    "made",     "makes",     "completed", "announced", "concluded", "finalised", "finalized",
    "arranged", "organised", "organized", "began",     "begun",     "started",   "continued",
    "resumed",  "increased", "expanded",  "conducted", "carried",   NULL};

/* The mention right before a noun cue, past determiners, "arms", a
 * possessive and up to two plain words: "the EU arms embargo",
 * "Booth's assassination", "a Swedish inquiry". `strict` (for transfers):
 * the mention must premodify the noun ("an Israeli shipment", "Britain's
 * sale") or be the subject of a verb of party_verbs; the subject of
 * another verb ("Reagan approved the sale", "Reagan approved arms sales")
 * is not the supplier. */
static int32_t adjacent_left(const rc *c, uint32_t v, unsigned want, int strict)
{
    int words = 0, det = 0;
    for (int64_t t = (int64_t)v - 1; t >= (int64_t)c->tb; t--) {
        unsigned long long f = F(c, t);
        int32_t m = TM(c, t);
        if (m >= 0) {
            uint32_t e = MEN(c, m)->tok_end;
            size_t n;
            const char *w;
            if (!(mbit(c, m) & want))
                return -1;
            if (!strict || e >= v || (F(c, e) & (C_POSS | C_ARMS | C_MOD)))
                return m;
            w = tok_text(c, e, &n);
            /* a clause, not a noun phrase: a determiner inside it, or a
             * verb right after the name */
            if (det || (is_lower(c, e) && (ends_with(w, n, "ed") || (F(c, e) & C_VERBS))))
                return word_in(c, e, party_verbs) ? m : -1;
            return m;
        }
        if (f & (C_ARMS | C_DET | C_MOD | C_POSS | C_DIR)) {
            det |= (f & C_DET) && !(f & C_POSS);
            continue;
        }
        if (words < 2 && is_lower(c, t) &&
            !(f & (C_VERBS | C_PREPS | C_BE | C_WHO | C_NEG | C_STOP | C_AND | C_COMMA))) {
            words++;
            continue;
        }
        /* "Israel made a shipment": the party verb itself may be a cue */
        if (strict && words < 2 && word_in(c, t, party_verbs)) {
            words++;
            continue;
        }
        break;
    }
    return -1;
}

/* Mentions coordinated with m on its left ("the US, UK and Russia"). */
static size_t group_left(const rc *c, int32_t m, unsigned want, int32_t *out, size_t max)
{
    size_t n = 0;
    if (m < 0)
        return 0;
    out[n++] = m;
    while (n < max) {
        int64_t t = (int64_t)MEN(c, m)->tok_begin - 1;
        int32_t p;
        if (!(F(c, t) & (C_COMMA | C_AND)))
            break;
        if ((F(c, t) & C_AND) && (F(c, t - 1) & C_COMMA))
            t--;
        p = TM(c, t - 1);
        if (p < 0 || !(mbit(c, p) & want))
            break;
        out[n++] = m = p;
    }
    return n;
}

/* Mentions right of token v up to the end of its clause. A mention joined
 * by "and" or a comma to the one before shares its preposition. */
static size_t scan_right(const rc *c, uint32_t v, obj *out, size_t max)
{
    unsigned long long prep = 0, last_prep = 0;
    int coord = 0, have = 0, npreps = 0;
    size_t n = 0;
    uint32_t end = v + 1 + OBJ_WINDOW < c->te ? v + 1 + OBJ_WINDOW : c->te;
    for (uint32_t t = v + 1; t < end && n < max; t++) {
        int32_t m = TM(c, t);
        unsigned long long f = F(c, t);
        if (m >= 0) {
            uint32_t e = MEN(c, m)->tok_end;
            unsigned long long g = F(c, e);
            /* "killed Kennedy assassin Oswald", "shot Kennedy's killer":
             * the first name only says whose killer the object is */
            if ((g & C_KILLER) || ((g & C_POSS) && (F(c, (int64_t)e + 1) & C_KILLER))) {
                t = e - 1;
                continue;
            }
            /* "arms sales to Iran and China's leaders": a possessor is
             * not one more object */
            if (coord && have && (g & C_POSS))
                break;
            /* ", the Pentagon said": the source of a report opens a
             * clause of its own and is no object of the verb before it */
            if (g & C_SAY)
                break;
            out[n].m = m;
            out[n].prep = (coord && have) ? last_prep : prep;
            out[n].nprep = npreps;
            out[n].premod = (g & C_TOPIC) || ((g & C_ARMS) && (F(c, e + 1) & C_TOPIC));
            last_prep = out[n].prep;
            n++;
            have = 1;
            coord = 0;
            prep = 0; /* the next name needs its own preposition */
            t = e - 1;
            continue;
        }
        if (f & (C_STOP | C_SAY | C_WHO | C_NEG | C_BE | C_AUX))
            break;
        if ((f & C_VERBS) && !(f & C_COOP) && !(f & C_PREPS) &&
            !((f & C_SALE) && (F(c, (int64_t)t - 1) & (C_DET | C_ARMS | C_POSS | C_MOD))))
            break;
        if (f & C_PREPS) {
            prep = f & C_PREPS;
            npreps++;
            coord = 0;
        } else if (f & (C_AND | C_COMMA)) {
            coord = 1;
        } else {
            size_t wn;
            const char *w = tok_text(c, t, &wn);
            /* "killed Kennedy and wounded Connally": a past-tense verb
             * after an object opens a clause of its own */
            if (have && is_lower(c, t) && ends_with(w, wn, "ed") &&
                !(f & (C_DET | C_MOD | C_DIR | C_ARMS)))
                break;
            coord = 0;
            /* "supplied arms to countries Sweden had blacklisted": a plain
             * noun after the preposition is its object, and a name after
             * that starts something else */
            if (prep && !(f & (C_DET | C_MOD | C_DIR | C_ARMS)) && !is_num(c, t))
                prep = C_STOP; /* matches no preposition asked for */
        }
    }
    return n;
}

/* Words that make the clause they govern a possibility, not a fact: "has
 * been considering buying", "is weighing whether to sell", "may supply".
 * A decision ("agreed to buy", "signed", "decided") is a fact, and so is a
 * hedged report ("allegedly sold"), so neither is here. */
static const char *const nonfactual_words[] = {
    "consider",  "considers",  "considered", "considering", "weigh",    "weighs",    "weighed",
    "weighing",  "study",      "studies",    "studied",     "studying", "discuss",   "discusses",
    "discussed", "discussing", "explore",    "explores",    "explored", "exploring", "mull",
    "mulls",     "mulled",     "mulling",    "may",         "might",    "could",     NULL};

/* 1 if token t is a lower-case non-factual word: "May" may be the month. */
static int nonfactual(const rc *c, int64_t t)
{
    size_t n;
    const char *s = tok_text(c, t, &n);
    if (n == 0 || s[0] < 'a' || s[0] > 'z')
        return 0;
    for (const char *const *w = nonfactual_words; *w; w++)
        if (tok_is(c, t, *w))
            return 1;
    return 0;
}

/* "did not sell", "never sold", "denied selling", "no arms sales"; and,
 * the same way, "considering buying", "may sell". */
static int negated(const rc *c, uint32_t v)
{
    for (int64_t t = (int64_t)v - 1; t >= (int64_t)c->tb && t >= (int64_t)v - 4; t--) {
        unsigned long long f = F(c, t);
        if (TM(c, t) >= 0 || (f & (C_STOP | C_COMMA)))
            break;
        if ((f & C_NEG) || nonfactual(c, t))
            return 1;
    }
    /* "rejected claims that Ruritania was shipping rifles": a denial
     * governs the clause its "that" opens */
    for (int64_t t = (int64_t)v - 1, that = 0; t >= (int64_t)c->tb && t >= (int64_t)v - SUBJ_WINDOW;
         t--) {
        if (F(c, t) & C_STOP)
            break;
        if (TM(c, t) < 0 && tok_is(c, t, "that"))
            that = 1;
        else if (that && TM(c, t) < 0 && (F(c, t) & C_NEG) &&
                 (tok_is(c, t, "deny") || tok_is(c, t, "denied") || tok_is(c, t, "denies") ||
                  tok_is(c, t, "denying")))
            return 1;
    }
    return 0;
}

/* Words that make the infinitive after them a wish, an attempt or a plan,
 * not a deed: "seeking to sell", "had tried to obtain", "has delayed plans
 * to buy", "in an attempt to acquire". What is only sought has not changed
 * hands, so such a clause gives no `buys` and no `supplies`; an offer
 * still `sells` (DESIGN.md's own cue) and an attempt to smuggle is
 * smuggling, so those stay. A decision ("agreed to buy", "signed a deal
 * to buy") and a forecast ("is expected to order") are not here. */
static const char *const unrealised_words[] = {
    "seek",       "seeks",    "seeking",   "sought",   "hope",      "hopes",      "hoped",
    "hoping",     "want",     "wants",     "wanted",   "wanting",   "try",        "tries",
    "tried",      "trying",   "attempt",   "attempts", "attempted", "attempting", "offer",
    "offers",     "offered",  "offering",  "plan",     "plans",     "planned",    "planning",
    "delay",      "delays",   "delayed",   "delaying", "postpone",  "postpones",  "postponed",
    "postponing", "intend",   "intends",   "intended", "intending", "intention",  "propose",
    "proposes",   "proposed", "proposing", "proposal", "effort",    "efforts",    "eager",
    "keen",       "willing",  "wish",      "wishes",   "wished",    NULL};

/* Premodifiers of a transfer noun that make it one not yet made: "the
 * planned sale", "a proposed purchase". */
static const char *const unrealised_mods[] = {"planned",     "proposed", "possible", "potential",
                                              "prospective", "intended", "future",   NULL};

/* Verb v is the infinitive of a wish, attempt or plan ("seeking to sell",
 * "delayed plans to buy"), or noun v is a transfer premodified as one not
 * yet made ("the proposed sale"). */
static int unrealised(const rc *c, uint32_t v)
{
    int64_t t = (int64_t)v - 1;
    while (t >= (int64_t)c->tb && TM(c, t) < 0 && (F(c, t) & C_ADV))
        t--;
    if (TM(c, t) < 0 && (F(c, t) & C_TO)) {
        /* "seeking permission to sell": the wish may stand a noun away */
        for (int64_t k = t - 1; k >= (int64_t)c->tb && k >= t - UNREALISED_WINDOW; k--) {
            if (TM(c, k) >= 0 || (F(c, k) & (C_STOP | C_COMMA | C_SAY)))
                break;
            if (word_in(c, k, unrealised_words))
                return 1;
        }
        return 0;
    }
    for (int64_t k = (int64_t)v - 1; k >= (int64_t)c->tb && k >= (int64_t)v - UNREALISED_WINDOW;
         k--) {
        if (TM(c, k) >= 0 ||
            !(is_lower(c, k) || is_num(c, k) || (F(c, k) & (C_DET | C_ARMS | C_MOD))))
            break;
        if (word_in(c, k, unrealised_mods))
            return 1;
    }
    return 0;
}

/* Words that make the clause they stand in a condition or a disposition,
 * not a deed: "would be reluctant to launch", "has threatened to fire",
 * "is ready to supply". Between the subject and the verb. */
static const char *const hypothetical_words[] = {
    "would",     "could",      "might",       "reluctant", "unwilling", "loath",  "threaten",
    "threatens", "threatened", "threatening", "ready",     "prepared",  "refuse", "refuses",
    "refused",   "refusing",   "vowed",       "vows",      NULL};

/* A word that opens a condition: "if Iran fires", "unless Iraq halts".
 * An open question ("asked whether X approved a shipment") is about a
 * deed that may well have happened, so "whether" is not here. */
static int condition_word(const rc *c, int64_t t)
{
    return TM(c, t) < 0 && (tok_is(c, t, "if") || tok_is(c, t, "unless"));
}

/* Verb v stands in a hypothetical or conditional clause ("Iran would be
 * reluctant to launch", "if Iraq fires"): nothing was used, attacked,
 * supplied or bought. "Iran fired", "Iran has used" are deeds. */
static int hypothetical(const rc *c, uint32_t v)
{
    int subject = 0;
    for (int64_t t = (int64_t)v - 1; t >= (int64_t)c->tb && t >= (int64_t)v - SUBJ_WINDOW; t--) {
        unsigned long long f = F(c, t);
        if (condition_word(c, t))
            return 1;
        if (f & (C_STOP | C_SAY))
            break;
        if (TM(c, t) >= 0) {
            subject = 1;
            t = MEN(c, TM(c, t))->tok_begin;
            continue;
        }
        if (f & C_COMMA)
            break;
        if (!subject && word_in(c, t, hypothetical_words))
            return 1;
    }
    return 0;
}

/* "offered", "offers": a sale proposed, not made. */
static int offer_verb(const rc *c, uint32_t v)
{
    return tok_is(c, v, "offer") || tok_is(c, v, "offers") || tok_is(c, v, "offered") ||
           tok_is(c, v, "offering");
}

static int is_passive(const rc *c, uint32_t v)
{
    size_t n;
    const char *s = tok_text(c, v, &n);
    int64_t t = (int64_t)v - 1;
    if (ends_with(s, n, "ing"))
        return 0;
    while (t >= (int64_t)c->tb && (F(c, t) & C_ADV) && TM(c, t) < 0)
        t--;
    return TM(c, t) < 0 && (F(c, t) & C_BE) ? 1 : 0;
}

/* "has sold", "had been": a form of "have" that is only an auxiliary. */
static int aux_have(const rc *c, uint32_t v)
{
    size_t n;
    const char *s;
    uint32_t t = v + 1;
    if (!(F(c, v) & C_AUX))
        return 0;
    skip(c, &t, c->te, C_ADV | C_NEG);
    if (t >= c->te || TM(c, t) >= 0)
        return 0;
    if (F(c, t) & (C_BE | C_VERBS | C_KILL | C_TO))
        return 1;
    s = tok_text(c, t, &n);
    return ends_with(s, n, "ed") || ends_with(s, n, "en");
}

typedef struct args {
    int32_t subj[GROUP_MAX];
    size_t n_subj;
    int32_t weap[WEAPONS_MAX];
    size_t n_weap;
    obj o[OBJS_MAX];
    size_t n_o;
} args;

/* Objects of the wanted types introduced by one of `preps` (0: direct),
 * the first group only when `first` (a verb takes one object phrase). */
static size_t pick(const args *x, const rc *c, unsigned want, unsigned long long preps, int first,
                   int32_t *out, size_t max)
{
    size_t n = 0;
    int started = 0;
    for (size_t i = 0; i < x->n_o && n < max; i++) {
        int ok = (mbit(c, x->o[i].m) & want) &&
                 (preps == 0 ? x->o[i].prep == 0 : (x->o[i].prep & preps) != 0) &&
                 !(x->o[i].premod && !(mbit(c, x->o[i].m) & T_WPN));
        if (ok) {
            out[n++] = x->o[i].m;
            started = 1;
        } else if (started && first) {
            break;
        }
    }
    return n;
}

static int emit_all(rc *c, const char *rel, const int32_t *s, size_t ns, const int32_t *o,
                    size_t no, const int32_t *w, size_t nw)
{
    for (size_t i = 0; i < ns; i++)
        for (size_t j = 0; j < no; j++) {
            int rc_ = emit(c, rel, s[i], o[j], w, nw);
            if (rc_ != 0)
                return rc_;
        }
    return 0;
}

/* The PERSON a killing noun is about when the name comes first:
 * "Kennedy's 1968 slaying", "the Kennedy assassination". */
static int32_t victim_left(const rc *c, uint32_t v)
{
    int64_t t = (int64_t)v - 1;
    int words = 0;
    while (t >= (int64_t)c->tb && TM(c, t) < 0 && words < 2 &&
           (is_num(c, t) || (is_lower(c, t) && !(F(c, t) & (C_DET | C_PREPS | C_VERBS | C_BE))))) {
        t--;
        words++;
    }
    if (F(c, t) & C_POSS && TM(c, t) < 0)
        t--;
    return mtype(c, TM(c, t)) == KG_TYPE_PERSON ? TM(c, t) : -1;
}

/* Whether a trade cue is about arms: a weapon among its objects, or
 * "arms", "weapons", "military" near it. Selling a factory or giving
 * approval is not an arms flow. */
static int arms_context(const rc *c, uint32_t v, const args *x, size_t nw)
{
    uint32_t lo = v > c->tb + 3 ? v - 3 : c->tb;
    uint32_t hi = v + 1 + OBJ_WINDOW < c->te ? v + 1 + OBJ_WINDOW : c->te;
    if (nw > 0 || x->n_weap > 0)
        return 1;
    for (uint32_t t = lo; t < hi; t++)
        if ((F(c, t) & C_ARMS) && TM(c, t) < 0)
            return 1;
    return 0;
}

/* "a plot to smuggle", "an offer to sell": an infinitive that completes
 * a noun says what was planned, and whoever the sentence names before
 * the noun is not its subject. */
static int noun_infinitive(const rc *c, uint32_t v)
{
    size_t n;
    const char *w;
    if (v < c->tb + 3 || !(F(c, v - 1) & C_TO) || TM(c, v - 1) >= 0 || !is_lower(c, v - 2) ||
        !(F(c, v - 3) & C_DET) || TM(c, v - 3) >= 0)
        return 0;
    if (F(c, v - 2) & (C_VERBS | C_PREPS | C_BE | C_AUX | C_ADV | C_MOD | C_NEG))
        return 0;
    w = tok_text(c, v - 2, &n);
    return !ends_with(w, n, "ing") && !ends_with(w, n, "ed") && !ends_with(w, n, "ly");
}

/* Drops from the recipients of trade verb v those that a transfer noun
 * between them claims: "signed off on a Ruritanian delivery of rifles to
 * Borduria" names Borduria as the recipient of Ruritania's delivery, not
 * of the subject's signing. A noun claims them when it names its own supplier
 * ("an Israeli shipment", "Britain's sale") or sits in a prepositional
 * phrase ("approval for the sale of arms to Iran"); a transfer that is
 * the verb's own object ("delivered a shipment of arms to Iran") does
 * not. Returns how many remain. */
static size_t own_recipients(const rc *c, uint32_t v, int32_t *r, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t end = MEN(c, r[i])->tok_begin;
        int claimed = 0;
        for (uint32_t t = v + 1; t < end && !claimed; t++) {
            int64_t u;
            if (TM(c, t) >= 0 || !(F(c, t) & C_SALE))
                continue;
            if (adjacent_left(c, t, T_ACTOR, 1) >= 0)
                claimed = 1;
            for (u = (int64_t)t - 1;
                 u > (int64_t)v && TM(c, u) < 0 &&
                 ((F(c, u) & (C_DET | C_MOD | C_ARMS)) || is_lower(c, u)) && !(F(c, u) & C_PREPS);
                 u--)
                ;
            if (u > (int64_t)v && TM(c, u) < 0 && (F(c, u) & C_PREPS))
                claimed = 1;
        }
        if (!claimed)
            r[k++] = r[i];
    }
    return k;
}

/* Words that open an adverbial clause of a gerund whose unstated subject
 * is the subject of the clause it hangs on: "X fled after shooting Y",
 * "X was arrested for killing Y", "X tried to flee before stabbing Y". */
static const char *const gerund_preps[] = {"after", "before", "for", "while", "upon", NULL};

/* The doer of a gerund like "shooting" at v that follows one of
 * gerund_preps: the nearest actor left of the preposition that is not
 * itself the object of a preposition ("the trial of X"), within the
 * clause; or -1. A passive arrest or sentence before the preposition
 * ("X was arrested after shooting Y") is no boundary, its subject being
 * the doer. */
static int32_t gerund_subject(const rc *c, uint32_t v)
{
    size_t n;
    const char *w = tok_text(c, v, &n);
    int64_t k = (int64_t)v - 1, lim;
    if (!ends_with(w, n, "ing"))
        return -1;
    while (k > (int64_t)c->tb && (F(c, k) & C_ADV) && TM(c, k) < 0)
        k--;
    if (k <= (int64_t)c->tb || TM(c, k) >= 0 || !word_in(c, k, gerund_preps))
        return -1;
    lim = k > (int64_t)c->tb + SUBJ_WINDOW ? k - SUBJ_WINDOW : (int64_t)c->tb;
    for (int64_t t = k - 1; t >= lim; t--) {
        int32_t m = TM(c, t);
        unsigned long long f = F(c, t);
        if (m >= 0) {
            int64_t b = (int64_t)MEN(c, m)->tok_begin - 1;
            t = MEN(c, m)->tok_begin;
            while (b > (int64_t)c->tb && (F(c, b) & C_DET) && TM(c, b) < 0)
                b--;
            if (!(mbit(c, m) & T_ACTOR) || (TM(c, b) < 0 && (F(c, b) & C_PREPS)))
                continue;
            return m;
        }
        if ((f & C_ARREST) && is_passive(c, (uint32_t)t))
            continue;
        if (f & (C_STOP | C_SAY | C_PRON | C_ARREST | C_WHO))
            break;
    }
    return -1;
}

static int verb_rules(rc *c, uint32_t v)
{
    unsigned long long f = F(c, v);
    args x;
    int32_t p = -1, tmp[GROUP_MAX], tmp2[GROUP_MAX];
    size_t ntmp, ntmp2;
    int passive, sought, rc_ = 0;
    if (TM(c, v) >= 0 ||
        !(f & (C_VERBS | C_SALE | C_PURCHASE | C_EMBARGO | C_PROBEN | C_KILLN | C_BASED)))
        return 0;
    if (negated(c, v) || aux_have(c, v))
        return 0;
    /* "the arms exports", "U.S. supplies": a noun, not a verb */
    if ((f & C_SALE) && ((F(c, (int64_t)v - 1) & (C_DET | C_ARMS | C_POSS | C_MOD | C_PREPS)) ||
                         TM(c, (int64_t)v - 1) >= 0))
        f &= ~C_VERBS;
    /* "the country's own fighter": an adjective, not a verb */
    if (tok_is(c, v, "own") && (F(c, (int64_t)v - 1) & (C_POSS | C_DET)))
        return 0;
    memset(&x, 0, sizeof x);
    passive = is_passive(c, v);
    x.n_o = scan_right(c, v, x.o, OBJS_MAX);
    for (size_t i = 0; i < x.n_o && x.n_weap < WEAPONS_MAX; i++)
        if (mbit(c, x.o[i].m) & T_WPN)
            x.weap[x.n_weap++] = x.o[i].m;
    if (passive) {
        x.n_subj = pick(&x, c, T_ACTOR, C_BY, 1, x.subj, GROUP_MAX);
        /* the patient of a passive: "Dozens of Milan launchers were shipped" */
        if (f & (C_SELL | C_SUPPLY | C_BUY | C_SMUGGLE | C_POSSESS | C_PRODUCE | C_USE)) {
            p = find_left(c, v, T_WPN, 1);
            if (p < 0)
                p = find_left(c, v, T_ACTOR, 0);
        } else {
            p = find_left(c, v, T_ACTOR | T_LOC, 0);
        }
    } else if ((f & C_VERBS) && !noun_infinitive(c, v)) {
        x.n_subj = group_left(c, find_left(c, v, T_ACTOR, 0), T_ACTOR, x.subj, GROUP_MAX);
        if (x.n_subj == 0 && (f & C_KILL))
            x.n_subj = group_left(c, gerund_subject(c, v), T_ACTOR, x.subj, GROUP_MAX);
    }

    /* "Raytheon, which builds the Hawk, is based in Waltham" */
    if ((f & C_BASED) && passive && !tok_is(c, v, "headquarters")) {
        int32_t sub = find_left(c, v, T_ORG | T_LOC, 0);
        ntmp = pick(&x, c, T_PLACE, C_IN | C_AT, 1, tmp, 1);
        if (sub >= 0 && ntmp > 0)
            rc_ = emit(c, (mbit(c, sub) & T_ORG) ? "based_in" : "located_in", sub, tmp[0], NULL, 0);
        return rc_;
    }

    /* what is only sought, planned or offered has not changed hands */
    sought = (f & (C_SELL | C_SUPPLY | C_BUY | C_SALE | C_PURCHASE)) && unrealised(c, v);
    if ((f & (C_SELL | C_SUPPLY | C_BUY | C_SALE | C_PURCHASE | C_USE | C_ATTACK)) &&
        hypothetical(c, v)) {
        sought = 1;
        f &= ~(C_USE | C_ATTACK);
    }

    /* arms trade verbs */
    if (f & (C_SELL | C_SUPPLY)) {
        int32_t w[WEAPONS_MAX];
        size_t nw = 0;
        if (passive && p >= 0 && (mbit(c, p) & T_WPN))
            w[nw++] = p;
        for (size_t i = 0; i < x.n_weap && nw < WEAPONS_MAX; i++)
            w[nw++] = x.weap[i];
        ntmp = pick(&x, c, T_ACTOR, C_TO | C_INTO, 1, tmp, GROUP_MAX);
        if ((f & C_SUPPLY) && ntmp == 0) /* "supplied the Contras with Blowpipes" */
            ntmp = pick(&x, c, T_ACTOR, 0, 1, tmp, GROUP_MAX);
        if (passive && p >= 0 && (mbit(c, p) & T_ACTOR) && ntmp == 0)
            tmp[ntmp++] = p;
        ntmp = own_recipients(c, v, tmp, ntmp);
        if (f & C_SELL)
            rc_ = emit_all(c, "sells", x.subj, x.n_subj, w, nw, NULL, 0);
        /* "offered F-15s to Greece": an offer sells, it supplies no one */
        if (rc_ == 0 && !sought && !offer_verb(c, v) && arms_context(c, v, &x, nw))
            rc_ = emit_all(c, "supplies", x.subj, x.n_subj, tmp, ntmp, w, nw);
    }
    if (rc_ == 0 && (f & C_BUY) && !sought) {
        int32_t w[WEAPONS_MAX];
        size_t nw = 0;
        if (passive && p >= 0 && (mbit(c, p) & T_WPN))
            w[nw++] = p;
        for (size_t i = 0; i < x.n_weap && nw < WEAPONS_MAX; i++)
            w[nw++] = x.weap[i];
        rc_ = emit_all(c, "buys", x.subj, x.n_subj, w, nw, NULL, 0);
        /* the seller is "from X" right after what is bought, not a "from"
         * further on ("to protect forces from Soviet helicopters") */
        ntmp = 0;
        for (size_t i = 0; i < x.n_o && ntmp < GROUP_MAX; i++)
            if ((x.o[i].prep & C_FROM) && x.o[i].nprep == 1 && (mbit(c, x.o[i].m) & T_ACTOR) &&
                !x.o[i].premod)
                tmp[ntmp++] = x.o[i].m;
        if (rc_ == 0 && arms_context(c, v, &x, nw))
            rc_ = emit_all(c, "supplies", tmp, ntmp, x.subj, x.n_subj, w, nw);
    }
    if (rc_ == 0 && (f & (C_SMUGGLE | C_POSSESS | C_PRODUCE | C_USE))) {
        const char *rel = (f & C_SMUGGLE)   ? "smuggles"
                          : (f & C_PRODUCE) ? "produces"
                          : (f & C_USE)     ? "uses"
                                            : "possesses";
        int32_t w[WEAPONS_MAX];
        size_t nw = 0;
        if (passive && p >= 0 && (mbit(c, p) & T_WPN))
            w[nw++] = p;
        for (size_t i = 0; i < x.n_o && nw < WEAPONS_MAX; i++)
            if ((mbit(c, x.o[i].m) & T_WPN) && !(x.o[i].prep & ~(C_OF | C_WITH)))
                w[nw++] = x.o[i].m;
        rc_ = emit_all(c, rel, x.subj, x.n_subj, w, nw, NULL, 0);
        if (rc_ == 0 && passive && (f & C_MADE) && p >= 0 && (mbit(c, p) & T_WPN)) {
            ntmp = pick(&x, c, T_CTRY, C_IN, 1, tmp, GROUP_MAX);
            rc_ = emit_all(c, "made_in", &p, 1, tmp, ntmp, NULL, 0);
        }
        if (rc_ == 0 && (f & C_USE) && !passive && nw > 0) {
            /* "fired Igla missiles at helicopters over Chechnya" */
            ntmp = pick(&x, c, T_ACTOR | T_LOC, C_AT | C_ON, 1, tmp, GROUP_MAX);
            rc_ = emit_all(c, "attacks", x.subj, x.n_subj, tmp, ntmp, w, nw);
        }
    }

    /* security verbs */
    if (rc_ == 0 && (f & (C_ATTACK | C_ARREST | C_PROBE | C_INFORM | C_KILL))) {
        const char *rel = (f & C_KILL)     ? "kills"
                          : (f & C_ARREST) ? "arrests"
                          : (f & C_ATTACK) ? "attacks"
                          : (f & C_PROBE)  ? "investigates"
                                           : "informs";
        unsigned want = (f & C_KILL)     ? T_PER
                        : (f & C_ARREST) ? (T_PER | T_ORG)
                        : (f & C_ATTACK) ? (T_ACTOR | T_LOC)
                                         : T_ACTOR;
        if (passive) {
            ntmp = (p >= 0 && (mbit(c, p) & want)) ? 1 : 0;
            tmp[0] = p;
        } else {
            ntmp = pick(&x, c, want, 0, 1, tmp, GROUP_MAX);
        }
        if ((f & C_ATTACK) && !(f & C_KILL) && x.n_weap == 0) {
            /* "Kennedy attacked Mr Brown for failing...": between people
             * and without a weapon, an attack is words */
            size_t k = 0;
            for (size_t i = 0; i < ntmp; i++)
                if (!(mbit(c, tmp[i]) & T_PER))
                    tmp[k++] = tmp[i];
            ntmp = k;
            for (size_t i = 0; i < x.n_subj; i++)
                if (mbit(c, x.subj[i]) & T_PER)
                    ntmp = 0;
        }
        rc_ = emit_all(c, rel, x.subj, x.n_subj, tmp, ntmp, x.weap, (f & C_ATTACK) ? x.n_weap : 0);
    }
    if (rc_ == 0 && (f & (C_COOP | C_WORK)) && !passive) {
        int between = tok_is(c, (int64_t)v + 1, "between");
        ntmp = pick(&x, c, T_ACTOR, C_WITH, 1, tmp, GROUP_MAX);
        if (ntmp == 0 && (f & C_COOP) && x.n_subj == 0 && (between || (F(c, v + 1) & C_BY))) {
            /* "intelligence-sharing by the US, UK and Russia", "cooperation
             * between the FSB and the FBI": each party with every other */
            ntmp = pick(&x, c, T_ACTOR, between ? 0 : C_BY, 1, tmp, GROUP_MAX);
            for (size_t i = 0; i + 1 < ntmp && rc_ == 0; i++)
                rc_ =
                    emit_all(c, "cooperates_with", tmp + i, 1, tmp + i + 1, ntmp - i - 1, NULL, 0);
            ntmp = 0;
        } else if (ntmp == 0 && (f & C_COOP) && x.n_subj >= 2)
            rc_ = emit_all(c, "cooperates_with", x.subj, 1, x.subj + 1, x.n_subj - 1, NULL, 0);
        else
            rc_ = emit_all(c, "cooperates_with", x.subj, x.n_subj, tmp, ntmp, NULL, 0);
        if (rc_ == 0 && (f & C_WORK)) {
            ntmp = pick(&x, c, T_ORG, C_FOR | C_AT | C_ON, 1, tmp, GROUP_MAX);
            if (ntmp == 0 && tok_is(c, v, "joined"))
                ntmp = pick(&x, c, T_ORG, 0, 1, tmp, GROUP_MAX);
            rc_ = emit_all(c, "member_of", x.subj, x.n_subj, tmp, ntmp, NULL, 0);
        }
    }
    if (rc_ == 0 && (f & C_HEAD) && (passive || (F(c, v + 1) & C_BY))) {
        /* "the Trust was founded in 1990 by X", "a forum headed by X":
         * the agent leads the organisation */
        int32_t org = passive ? p : adjacent_left(c, v, T_ORG, 0);
        ntmp = pick(&x, c, T_PER, C_BY, 1, tmp, GROUP_MAX);
        if (org >= 0 && (mbit(c, org) & T_ORG))
            rc_ = emit_all(c, "leader_of", tmp, ntmp, &org, 1, NULL, 0);
    }
    if (rc_ == 0 && (f & C_HEAD) && !passive) {
        ntmp = pick(&x, c, T_ORG | T_CTRY, 0, 1, tmp, GROUP_MAX);
        /* "heads the American team": the nationality is the team's */
        size_t kept = 0;
        for (size_t i = 0; i < ntmp; i++)
            if (!((mbit(c, tmp[i]) & T_PLACE) && place_premodifies(c, tmp[i])))
                tmp[kept++] = tmp[i];
        rc_ = emit_all(c, "leader_of", x.subj, x.n_subj, tmp, kept, NULL, 0);
    }

    /* noun phrases: "U.S. arms sales to Iran", "the sale of Blowpipes to the
     * Contras by Short Brothers", "the EU arms embargo on China", "an
     * inquiry into Bofors", "Booth's assassination of Lincoln" */
    if (rc_ == 0 && (f & (C_SALE | C_PURCHASE | C_EMBARGO | C_PROBEN | C_KILLN))) {
        int32_t who = adjacent_left(c, v, T_ACTOR, (f & (C_SALE | C_PURCHASE)) != 0);
        ntmp2 = 0;
        if (who >= 0)
            tmp2[ntmp2++] = who;
        else
            ntmp2 = pick(&x, c, T_ACTOR, C_BY, 1, tmp2, GROUP_MAX);
        /* "shipments of U.S. arms to Iran": whose arms they are */
        for (size_t i = 0; i < x.n_o && ntmp2 == 0 && (f & C_SALE); i++)
            if ((x.o[i].prep & C_OF) && x.o[i].nprep == 1 && (mbit(c, x.o[i].m) & T_ACTOR) &&
                (F(c, MEN(c, x.o[i].m)->tok_end) & C_ARMS))
                tmp2[ntmp2++] = x.o[i].m;
        if (f & C_SALE) {
            int32_t w[WEAPONS_MAX];
            size_t nw = pick(&x, c, T_WPN, C_OF, 0, w, WEAPONS_MAX);
            ntmp = pick(&x, c, T_ACTOR, C_TO | C_INTO, 1, tmp, GROUP_MAX);
            rc_ = emit_all(c, "sells", tmp2, ntmp2, w, nw, NULL, 0);
            if (rc_ == 0 && !sought && arms_context(c, v, &x, nw))
                rc_ = emit_all(c, "supplies", tmp2, ntmp2, tmp, ntmp, w, nw);
        }
        if (rc_ == 0 && (f & C_PURCHASE) && !sought) {
            int32_t w[WEAPONS_MAX];
            size_t nw = pick(&x, c, T_WPN, C_OF, 0, w, WEAPONS_MAX);
            rc_ = emit_all(c, "buys", tmp2, ntmp2, w, nw, NULL, 0);
        }
        if (rc_ == 0 && (f & C_EMBARGO)) {
            if (ntmp2 == 0)
                ntmp2 = group_left(c, find_left(c, v, T_ACTOR, 0), T_ACTOR, tmp2, GROUP_MAX);
            ntmp = pick(&x, c, T_ACTOR, C_ON, 1, tmp, GROUP_MAX);
            if (ntmp == 0 && (F(c, v + 1) & C_ON)) /* "embargo on arms exports to China" */
                ntmp = pick(&x, c, T_ACTOR, C_TO, 1, tmp, GROUP_MAX);
            rc_ = emit_all(c, "embargoes", tmp2, ntmp2, tmp, ntmp, NULL, 0);
        }
        if (rc_ == 0 && (f & C_PROBEN)) {
            ntmp = pick(&x, c, T_ACTOR, C_INTO | C_OF | C_ON, 1, tmp, 1);
            rc_ = emit_all(c, "investigates", tmp2, ntmp2, tmp, ntmp, NULL, 0);
        }
        if (rc_ == 0 && (f & C_KILLN)) {
            /* victim: "the slaying of Y", "Y's assassination", "the Y slaying" */
            uint32_t from = v;
            int of = (F(c, v + 1) & C_OF) != 0;
            ntmp = 0;
            if (of) {
                ntmp = pick(&x, c, T_PER, C_OF, 1, tmp, GROUP_MAX);
            } else {
                int32_t pv = victim_left(c, v);
                if (pv >= 0) {
                    tmp[ntmp++] = pv;
                    from = MEN(c, pv)->tok_begin;
                }
            }
            if (ntmp > 0 && !(of && who >= 0 && (F(c, MEN(c, who)->tok_end) & C_POSS))) {
                /* killer: "by X", or "X ... was convicted of the slaying of Y" */
                int32_t k = find_left(c, from, T_ACTOR, 0);
                int legal = 0;
                ntmp2 = pick(&x, c, T_ACTOR, C_BY, 1, tmp2, GROUP_MAX);
                if (ntmp2 == 0 && k >= 0) {
                    for (uint32_t t = MEN(c, k)->tok_end; t < from; t++)
                        if (F(c, t) & C_LEGAL)
                            legal = 1;
                    if (legal)
                        tmp2[ntmp2++] = k;
                }
            }
            rc_ = emit_all(c, "kills", tmp2, ntmp2, tmp, ntmp, NULL, 0);
        }
    }
    return rc_;
}

/* ------------------------------------------------------------------------
 * Consequences within a sentence
 * ---------------------------------------------------------------------- */

/* Mention b is written ", B" right after mention a ("Concord, Mass."). */
static int comma_pair(const rc *c, int32_t a, int32_t b)
{
    uint32_t t = MEN(c, a)->tok_end;
    return MEN(c, b)->tok_begin == t + 1 && (F(c, t) & C_COMMA);
}

/* "born in Concord", "born on May 2, 1907, in Concord", "a native of
 * Concord": a birth is stated just before mention m. */
static int born_before(const rc *c, int32_t m)
{
    uint32_t b = MEN(c, m)->tok_begin;
    for (uint32_t t = b; t > c->tb && b - t < BORN_WINDOW; t--)
        if ((F(c, t - 1) & C_BORN) || (tok_is(c, t - 1, "native") && (F(c, t) & C_OF)))
            return 1;
    return 0;
}

/* "X of Chattanooga, Tenn.": whoever lives, is based or lies in a place of
 * the sentence also does in the places it lies in ("Tenn."). */
static int chain_places(rc *c)
{
    kg_doc *d = c->d;
    for (size_t i = c->first_rel; i < d->n_relations; i++) {
        const char *rel = d->relations[i].relation;
        if (strcmp(rel, "lives_in") && strcmp(rel, "based_in") && strcmp(rel, "located_in"))
            continue;
        for (size_t j = c->first_rel; j < d->n_relations; j++) {
            const kg_relation *r = &d->relations[i], *x = &d->relations[j];
            int rc_;
            if (i == j || strcmp(x->relation, "located_in") || x->subj_mention != r->obj_mention)
                continue;
            /* "born in Concord, Mass.": a birthplace is written as one
             * designation, town and region; the evidence of lives_in
             * Concord names both (extract.c) and Concord lies in the
             * region, so a second lives_in edge would only repeat it */
            if (strcmp(rel, "lives_in") == 0 && comma_pair(c, x->subj_mention, x->obj_mention) &&
                born_before(c, x->subj_mention))
                continue;
            if ((rc_ = emit(c, rel, r->subj_mention, x->obj_mention, NULL, 0)) != 0)
                return rc_;
        }
    }
    return 0;
}

/* Tokens [g0, g1) join two names inside one noun phrase: a few plain
 * nouns, determiners and "of"/"in", no verb, clause or other name. */
static int noun_phrase_gap(const rc *c, uint32_t g0, uint32_t g1)
{
    if (g1 < g0 || g1 - g0 > NP_GAP_MAX)
        return 0;
    for (uint32_t t = g0; t < g1; t++) {
        unsigned long long f = F(c, t);
        size_t n;
        const char *w = tok_text(c, t, &n);
        if (TM(c, t) >= 0)
            return 0;
        if (f & (C_DET | C_OF | C_IN | C_POSS | C_MOD | C_DIR))
            continue;
        if (!is_lower(c, t) || ends_with(w, n, "ing") || ends_with(w, n, "ed") ||
            (f & (C_PREPS | C_VERBS | C_BE | C_AUX | C_WHO | C_SAY | C_STOP | C_AND | C_COMMA |
                  C_NEG | C_PRON)))
            return 0;
    }
    return 1;
}

/* What the lexicon knows for certain about two things the same sentence
 * names: "Odessa ... Ukraine" (in=), "the FSB ... Russia" (in=), "the Igla
 * ... Russia" (made_in=). */
static int lexicon_facts(rc *c, const uint32_t *ms, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const kg_lex_entry *e = MEN(c, (int32_t)ms[i])->lex;
        const char *want;
        const char *rel;
        if (!e || MEN(c, (int32_t)ms[i])->kind == KG_MENTION_PRONOUN)
            continue;
        if (e->located_in && e->type == KG_TYPE_LOCATION) {
            want = e->located_in;
            rel = "located_in";
        } else if (e->located_in && e->type == KG_TYPE_ORG) {
            want = e->located_in;
            rel = "based_in";
        } else if (e->made_in && e->type == KG_TYPE_WEAPON) {
            want = e->made_in;
            rel = "made_in";
        } else {
            continue;
        }
        for (size_t j = 0; j < n; j++) {
            const kg_mention *A = MEN(c, (int32_t)ms[i]), *B = MEN(c, (int32_t)ms[j]);
            const kg_lex_entry *f = B->lex;
            int rc_;
            /* only what one phrase says: "Odessa, Ukraine's main port", not
             * two places an article happens to name in one sentence */
            /* "Russian agents of the FSB" does say where the FSB belongs;
             * a nationality near a place or a weapon says nothing of it */
            if ((B->kind == KG_MENTION_DEMONYM && e->type != KG_TYPE_ORG) ||
                B->tok_begin > A->tok_end + PAIR_GAP_MAX ||
                A->tok_begin > B->tok_end + PAIR_GAP_MAX)
                continue;
            /* an organisation and its country in one noun phrase ("Russian
             * agents of the FSB", "the FBI in America"), not a country the
             * sentence names for something else ("NBC, quoting U.S.
             * officials") */
            if (e->type == KG_TYPE_ORG &&
                !(B->tok_end <= A->tok_begin ? noun_phrase_gap(c, B->tok_end, A->tok_begin)
                                             : noun_phrase_gap(c, A->tok_end, B->tok_begin)))
                continue;
            if (j != i && f && f->id && strcmp(f->id, want) == 0 &&
                (rc_ = emit(c, rel, (int32_t)ms[i], (int32_t)ms[j], NULL, 0)) != 0)
                return rc_;
        }
    }
    return 0;
}

/* "BELGRADE, Yugoslavia (AP)", "Hefei, February 11 (XINHUA)": an agency in
 * parentheses after the opening place of a dateline is based there. */
static int dateline(rc *c, int32_t first)
{
    uint32_t t, t0 = c->tb;
    /* a transcript's "(Text) Sofia, 15 February (BTA)": the bracketed
     * note before the dateline is no part of it */
    if (F(c, t0) & C_LPAR)
        for (t = t0 + 1; t < c->te && t <= c->tb + DATELINE_NOTE_MAX; t++) {
            if (TM(c, t) >= 0)
                break;
            if (F(c, t) & C_RPAR) {
                t0 = t + 1;
                break;
            }
        }
    if (first < 0 || MEN(c, first)->tok_begin != t0 || !(mbit(c, first) & T_PLACE))
        return 0;
    for (t = MEN(c, first)->tok_end; t < c->te && t < c->tb + 12; t++) {
        int32_t m = TM(c, t);
        if (m >= 0) {
            if (!(mbit(c, m) & T_PLACE))
                return 0;
            t = MEN(c, m)->tok_end - 1;
        } else if (F(c, t) & C_LPAR) {
            int32_t o = TM(c, t + 1);
            if (o >= 0 && (mbit(c, o) & T_ORG) && (F(c, MEN(c, o)->tok_end) & C_RPAR))
                return emit(c, "based_in", o, first, NULL, 0);
            return 0;
        } else if (!(F(c, t) & C_COMMA) && !is_num(c, t) && is_lower(c, t)) {
            return 0;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------------
 * Pronouns
 * ---------------------------------------------------------------------- */

/* Pronouns and descriptions that stand for one entity of a type. The
 * recognizer leaves them out; relate adds the ones it can link. */
static const struct {
    const char *words; /* space-separated tokens, lower case */
    kg_type type;
} PRONOUNS[] = {
    {"he", KG_TYPE_PERSON},
    {"she", KG_TYPE_PERSON},
    {"him", KG_TYPE_PERSON},
    {"the dealer", KG_TYPE_PERSON},
    {"the arms dealer", KG_TYPE_PERSON},
    {"the man", KG_TYPE_PERSON},
    {"the woman", KG_TYPE_PERSON},
    {"the company", KG_TYPE_ORG},
    {"the firm", KG_TYPE_ORG},
    {"the group", KG_TYPE_ORG},
    {"the agency", KG_TYPE_ORG},
    {"the manufacturer", KG_TYPE_ORG},
};

/* How many tokens from t spell `words` (0 if they do not). */
static uint32_t spells(const kg_doc *d, uint32_t t, uint32_t end, const char *words)
{
    uint32_t n = 0;
    const char *w = words;
    while (*w) {
        size_t len, tl;
        const kg_token *k;
        if (t + n >= end)
            return 0;
        k = &d->tokens[t + n];
        /* every token is tried against every entry: the first letter
         * turns most away before the word is measured */
        if (tolower((unsigned char)d->text[k->start]) != w[0])
            return 0;
        len = strcspn(w, " ");
        tl = k->end - k->start;
        if (tl != len)
            return 0;
        for (size_t i = 0; i < len; i++)
            if (tolower((unsigned char)d->text[k->start + i]) != w[i])
                return 0;
        n++;
        w += len;
        while (*w == ' ')
            w++;
    }
    return n;
}

/* The one entity of `type` named before token t in its sentence or the
 * sentence before, or -1 if there is none or more than one: a guess
 * between two is worse than no edge. */
static int32_t antecedent(const kg_doc *d, uint32_t t, uint32_t sentence, kg_type type)
{
    int32_t found = -1;
    for (size_t j = 0; j < d->n_mentions; j++) {
        const kg_mention *q = &d->mentions[j];
        if (q->kind == KG_MENTION_PRONOUN || q->entity < 0 || q->tok_begin >= t ||
            q->sentence + 1 < sentence || q->sentence > sentence)
            continue;
        if ((size_t)q->entity >= d->n_entities || d->entities[q->entity].type != type)
            continue;
        if (found >= 0 && found != q->entity)
            return -1;
        found = q->entity;
    }
    return found;
}

/* Case-insensitive: token t of d spells w[0..n). */
static int tok_eq_n(const kg_doc *d, uint32_t t, const char *w, size_t n)
{
    const kg_token *k = &d->tokens[t];
    if (k->end - k->start != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)d->text[k->start + i]) != tolower((unsigned char)w[i]))
            return 0;
    return 1;
}

/* A determiner that may open a description: "the dealer", "a missile". */
static int desc_det(const kg_doc *d, uint32_t t, int *definite)
{
    static const char *const defs[] = {"the", "this", "that", "these", "those"};
    for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++)
        if (tok_eq_n(d, t, defs[i], strlen(defs[i]))) {
            *definite = 1;
            return 1;
        }
    *definite = 0;
    return tok_eq_n(d, t, "a", 1) || tok_eq_n(d, t, "an", 2);
}

/* A plain lower-case word of d (a noun's modifier: "known", "shoulder-held"). */
static int plain_word(const kg_doc *d, uint32_t t)
{
    const kg_token *k = &d->tokens[t];
    unsigned char c = (unsigned char)d->text[k->start];
    return k->end > k->start && c >= 'a' && c <= 'z';
}

/* Whether the words before token t, back to a determiner in the same
 * sentence, are only modifiers: plain words and nationalities ("a known
 * British arms dealer", "the Russian missile"). `covered` marks tokens
 * inside mentions (1), or inside demonyms (2). Sets *definite from the
 * determiner and returns its token, or 0 when the words are no
 * description (a sentence's first token opens none). */
static uint32_t desc_opens(const kg_doc *d, uint32_t t, uint32_t sb, const unsigned char *covered,
                           int *definite)
{
    for (uint32_t k = t, words = 0; k > sb && words <= DESC_MODS_MAX; k--, words++) {
        uint32_t u = k - 1;
        const kg_token *tk = &d->tokens[u];
        if (covered[u] == 0 && desc_det(d, u, definite))
            return u;
        if (covered[u] == 2)
            continue;
        /* "such missiles", "spread of missiles": not one weapon, or not
         * the head of the phrase */
        if (covered[u] || !plain_word(d, u) || tok_eq_n(d, u, "such", 4) ||
            tok_eq_n(d, u, "other", 5) ||
            (cue_flags(d->text + tk->start, tk->end - tk->start) &
             (C_PREPS | C_BE | C_AUX | C_WHO | C_VERBS | C_NEG | C_STOP | C_SAY | C_AND | C_COMMA |
              C_PRON | C_FUNC | C_POSS)))
            return 0;
    }
    return 0;
}

/* Whether token t (before `end`) is a noun that the word before it only
 * modifies ("missile batteries"), or a name ("arms dealer John"). */
static int noun_follows(const kg_doc *d, uint32_t t, uint32_t end, const unsigned char *covered)
{
    const kg_token *k;
    if (t >= end)
        return 0;
    if (covered[t])
        return 1;
    k = &d->tokens[t];
    return plain_word(d, t) &&
           !(cue_flags(d->text + k->start, k->end - k->start) &
             (C_PREPS | C_BE | C_AUX | C_WHO | C_VERBS | C_NEG | C_STOP | C_SAY | C_AND | C_COMMA |
              C_PRON | C_FUNC | C_TIME | C_ADV | C_SELL | C_BUY | C_SUPPLY | C_SMUGGLE | C_USE |
              C_POSSESS | C_PRODUCE | C_ATTACK | C_KILL));
}

/* What a description may stand for in one article, gathered once so that
 * matching stays linear in the article's length. */
typedef struct descs {
    int32_t holders[DESC_HOLDERS_MAX]; /* PERSON entities with roles */
    size_t n_holders;
    int too_many; /* more role holders than fit: link no role */
    struct {
        int32_t e;      /* a WEAPON entity */
        uint32_t noun;  /* a token of the noun after one of its names */
        unsigned named; /* how many times the article names the weapon */
    } weap[DESC_WEAPONS_MAX];
    size_t n_weap;
} descs;

/* Case-insensitive: token a's word equals token b's, a final "s" of
 * either dropped ("missile", "missiles"). */
static int same_noun(const kg_doc *d, uint32_t a, uint32_t b)
{
    const kg_token *x = &d->tokens[a], *y = &d->tokens[b];
    size_t n = x->end - x->start, m = y->end - y->start;
    if (n > 1 && d->text[x->start + n - 1] == 's')
        n--;
    if (m > 1 && d->text[y->start + m - 1] == 's')
        m--;
    if (n != m || n < 3)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)d->text[x->start + i]) !=
            tolower((unsigned char)d->text[y->start + i]))
            return 0;
    return 1;
}

static void descs_init(descs *D, const kg_doc *d)
{
    memset(D, 0, sizeof *D);
    for (size_t e = 0; e < d->n_entities; e++) {
        if (d->entities[e].type != KG_TYPE_PERSON || d->entities[e].n_roles == 0)
            continue;
        if (D->n_holders == DESC_HOLDERS_MAX)
            D->too_many = 1;
        else
            D->holders[D->n_holders++] = (int32_t)e;
    }
    for (size_t m = 0; m < d->n_mentions; m++) {
        const kg_mention *M = &d->mentions[m];
        size_t k;
        if (M->kind != KG_MENTION_NAME || M->type != KG_TYPE_WEAPON || M->entity < 0)
            continue;
        for (k = 0; k < D->n_weap; k++)
            if (D->weap[k].e == M->entity)
                D->weap[k].named++;
        /* "the Igla missile": the noun the article calls the weapon by */
        if (M->tok_end >= d->n_tokens || d->tokens[M->tok_end].sentence != M->sentence ||
            !plain_word(d, M->tok_end))
            continue;
        for (k = 0; k < D->n_weap; k++)
            if (D->weap[k].e == M->entity && same_noun(d, D->weap[k].noun, M->tok_end))
                break;
        if (k == D->n_weap && D->n_weap < DESC_WEAPONS_MAX) {
            unsigned named = 0;
            for (size_t j = 0; j < m; j++)
                named +=
                    d->mentions[j].entity == M->entity && d->mentions[j].kind == KG_MENTION_NAME;
            D->weap[D->n_weap].e = M->entity;
            D->weap[D->n_weap].noun = M->tok_end;
            D->weap[D->n_weap].named = named + 1;
            D->n_weap++;
        }
    }
}

/* The one PERSON entity whose roles end in the words of tokens [t, t+n)
 * ("dealer" or "arms dealer" for the role "arms dealer"), or -1 when none
 * or several do: "the director" with two directors in the article is no
 * one in particular. `whole`: only a role spelled out in full counts. */
static int32_t role_holder(const kg_doc *d, const descs *D, uint32_t t, uint32_t n, int whole)
{
    int32_t found = -1;
    if (D->too_many)
        return -1;
    for (size_t h = 0; h < D->n_holders; h++) {
        const kg_entity *x = &d->entities[D->holders[h]];
        int match = 0;
        for (size_t r = 0; r < x->n_roles && !match; r++) {
            const char *w[DESC_ROLE_WORDS];
            size_t len[DESC_ROLE_WORDS], nw = 0;
            for (const char *p = x->roles[r]; *p && nw < DESC_ROLE_WORDS;) {
                w[nw] = p;
                len[nw] = strcspn(p, " ");
                p += len[nw++];
                while (*p == ' ')
                    p++;
            }
            if (nw < n || (whole && nw != n))
                continue;
            match = 1;
            for (uint32_t k = 0; k < n && match; k++)
                match = tok_eq_n(d, t + k, w[nw - n + k], len[nw - n + k]);
        }
        if (!match)
            continue;
        if (found >= 0 && found != D->holders[h])
            return -1;
        found = D->holders[h];
    }
    return found;
}

/* Token t is a word of some role holder's role. */
static int role_word(const kg_doc *d, const descs *D, uint32_t t)
{
    if (D->too_many)
        return 0;
    for (size_t h = 0; h < D->n_holders; h++) {
        const kg_entity *x = &d->entities[D->holders[h]];
        for (size_t r = 0; r < x->n_roles; r++)
            for (const char *p = x->roles[r]; *p;) {
                size_t len = strcspn(p, " ");
                if (tok_eq_n(d, t, p, len))
                    return 1;
                p += len;
                while (*p == ' ')
                    p++;
            }
    }
    return 0;
}

/* The WEAPON entity the article calls by the noun of token t ("the
 * missile" where it wrote "the Igla missile"), or -1. The weapon so called
 * must be named more often than any other the article calls that way: the
 * story's weapon, not a comparison. */
static int32_t weapon_by_noun(const kg_doc *d, const descs *D, uint32_t t)
{
    int32_t best = -1;
    unsigned best_n = 0;
    int tie = 0;
    for (size_t k = 0; k < D->n_weap; k++) {
        if (D->weap[k].e == best || !same_noun(d, D->weap[k].noun, t))
            continue;
        if (D->weap[k].named > best_n) {
            best = D->weap[k].e;
            best_n = D->weap[k].named;
            tie = 0;
        } else if (D->weap[k].named == best_n) {
            tie = 1;
        }
    }
    return tie ? -1 : best;
}

/* Adds a description mention over tokens [t, t+n) of sentence si, linked
 * to entity e. Returns 0 or KG_ENOMEM. */
static int add_description(kg_doc *d, uint32_t t, uint32_t n, uint32_t si, kg_type type, int32_t e,
                           unsigned char *covered)
{
    kg_mention m;
    memset(&m, 0, sizeof m);
    m.tok_begin = t;
    m.tok_end = t + n;
    m.start = d->tokens[t].start;
    m.end = d->tokens[t + n - 1].end;
    m.sentence = si;
    m.ner = type == KG_TYPE_PERSON ? KG_NER_PER : type == KG_TYPE_WEAPON ? KG_NER_MISC : KG_NER_ORG;
    m.type = type;
    m.kind = KG_MENTION_PRONOUN;
    m.entity = -1;
    if (kg_doc_add_mention(d, &m) != 0)
        return kg_error_set(KG_ENOMEM, "relate: out of memory");
    kg_resolve_link(d, d->n_mentions - 1, e);
    memset(covered + t, 1, n);
    return 0;
}

/* Descriptions that name what the article already named: "the dealer" or
 * "a British arms dealer" for the one person the article calls an arms
 * dealer, "the missile" for the Igla of an article about "the Igla
 * missile". They may come before the name (a lead often describes before
 * it names), so they are matched against the whole article, not only what
 * came before. Returns 0 or KG_ENOMEM. */
static int link_descriptions(kg_doc *d, unsigned char *covered)
{
    descs D;
    descs_init(&D, d);
    for (uint32_t si = 0; si < d->n_sentences; si++) {
        const kg_sentence *s = &d->sentences[si];
        for (uint32_t t = s->tok_begin + 1; t < s->tok_end; t++) {
            int definite, rc_;
            int32_t e = -1;
            uint32_t n = 0;
            uint32_t det;
            /* most words name nothing the article described: test that
             * first, it is cheaper than reading the phrase */
            if (covered[t] || !plain_word(d, t) ||
                (!role_word(d, &D, t) && weapon_by_noun(d, &D, t) < 0) ||
                !(det = desc_opens(d, t, s->tok_begin, covered, &definite)))
                continue;
            /* "Lakhani, a known arms dealer": an apposition to the name
             * itself adds nothing and would pair the dealer with himself */
            if (det >= s->tok_begin + 2 && covered[det - 2] == 1 && tok_eq_n(d, det - 1, ",", 1))
                continue;
            /* "arms dealer", "dealer": the longest role that fits; a title
             * right before a name belongs to that name ("arms dealer John") */
            for (uint32_t len = 2; len >= 1 && e < 0; len--) {
                int free_ = t + len <= s->tok_end;
                for (uint32_t k = 0; k < len && free_; k++)
                    free_ = !covered[t + k];
                if (!free_ || (len == 1 && !definite))
                    continue;
                if (t + len < s->tok_end && covered[t + len])
                    continue;
                if ((e = role_holder(d, &D, t, len, !definite)) >= 0)
                    n = len;
            }
            if (e >= 0) {
                if ((rc_ = add_description(d, t, n, si, KG_TYPE_PERSON, e, covered)) != 0)
                    return rc_;
                t += n - 1;
                continue;
            }
            /* "a missile" may be the story's; "a short-range missile" is
             * a new one. "the missile batteries" are not missiles. */
            if ((definite || det + 1 == t) && !noun_follows(d, t + 1, s->tok_end, covered) &&
                (e = weapon_by_noun(d, &D, t)) >= 0 &&
                (rc_ = add_description(d, t, 1, si, KG_TYPE_WEAPON, e, covered)) != 0)
                return rc_;
        }
    }
    return 0;
}

/* "Chinese-made Silkworms", "a Belfast-based company": the country or
 * place inside one hyphenated token, which the recognizer leaves to us.
 * Adds a mention over the token, linked to the place's entity (added when
 * the article names it nowhere else), so the pair rules read the maker or
 * the base from it. Returns 0 or KG_ENOMEM. */
static int link_made_prefixes(kg_doc *d, const kg_lexicon *lx, unsigned char *covered)
{
    static const char *const suffixes[] = {"-made", "-built", "-designed", "-based"};
    for (uint32_t t = 0; t < d->n_tokens; t++) {
        const kg_token *k = &d->tokens[t];
        const char *w = d->text + k->start;
        size_t n = k->end - k->start, pre = 0, got;
        kg_lex_match lm[KG_LEX__COUNT];
        const kg_lex_entry *place = NULL;
        int32_t e = -1;
        if (covered[t] || n > CUE_LEN_MAX)
            continue;
        for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0] && !pre; i++)
            if (ends_with(w, n, suffixes[i]))
                pre = n - strlen(suffixes[i]);
        if (!pre)
            continue;
        got = kg_lexicon_lookup(lx, w, pre, lm, KG_LEX__COUNT);
        for (size_t i = 0; i < got && !place; i++)
            if ((lm[i].entry->kind == KG_LEX_COUNTRY || lm[i].entry->kind == KG_LEX_LOCATION) &&
                lm[i].entry->id)
                place = lm[i].entry;
        if (!place)
            continue;
        for (size_t i = 0; i < d->n_entities && e < 0; i++)
            if (d->entities[i].id && strcmp(d->entities[i].id, place->id) == 0)
                e = (int32_t)i;
        if (e < 0) {
            kg_entity x;
            memset(&x, 0, sizeof x);
            x.id = malloc(strlen(place->id) + 1);
            x.label = malloc(strlen(place->canonical) + 1);
            if (!x.id || !x.label || kg_doc_add_entity(d, &x) != 0) {
                free(x.id);
                free(x.label);
                return kg_error_set(KG_ENOMEM, "relate: out of memory");
            }
            e = (int32_t)(d->n_entities - 1);
            strcpy(d->entities[e].id, place->id);
            strcpy(d->entities[e].label, place->canonical);
            d->entities[e].type = place->type;
        }
        {
            kg_mention m;
            memset(&m, 0, sizeof m);
            m.tok_begin = t;
            m.tok_end = t + 1;
            m.start = k->start;
            m.end = k->end;
            m.sentence = k->sentence;
            m.ner = KG_NER_MISC;
            m.type = place->type;
            m.kind = KG_MENTION_DEMONYM;
            m.lex = place;
            m.entity = -1;
            if (kg_doc_add_mention(d, &m) != 0)
                return kg_error_set(KG_ENOMEM, "relate: out of memory");
            kg_resolve_link(d, d->n_mentions - 1, e);
            covered[t] = 2;
        }
    }
    return 0;
}

/* Links the pronouns the recognizer gave (entity -1), then adds, linked,
 * the descriptions (link_descriptions) and pronouns it did not ("He
 * sold...", "the company"). Returns 0 or KG_ENOMEM. */
static int link_pronouns(kg_doc *d, const kg_lexicon *lx)
{
    size_t given = d->n_mentions;
    unsigned char *covered; /* 0 free, 1 inside a mention, 2 a demonym */
    int rc_ = 0;
    for (size_t i = 0; i < given; i++) {
        kg_mention *p = &d->mentions[i];
        int32_t e;
        if (p->kind != KG_MENTION_PRONOUN || p->entity >= 0)
            continue;
        if ((e = antecedent(d, p->tok_begin, p->sentence, p->type)) >= 0)
            kg_resolve_link(d, i, e);
    }
    if (d->n_tokens == 0)
        return 0;
    covered = calloc(d->n_tokens, 1);
    if (!covered)
        return kg_error_set(KG_ENOMEM, "relate: out of memory");
    for (size_t i = 0; i < given; i++) {
        const kg_mention *p = &d->mentions[i];
        for (uint32_t t = p->tok_begin; t < p->tok_end && t < d->n_tokens; t++)
            covered[t] = p->kind == KG_MENTION_DEMONYM ? 2 : 1;
    }
    if ((rc_ = link_made_prefixes(d, lx, covered)) != 0 ||
        (rc_ = link_descriptions(d, covered)) != 0)
        goto done;
    for (uint32_t si = 0; si < d->n_sentences; si++) {
        const kg_sentence *s = &d->sentences[si];
        for (uint32_t t = s->tok_begin; t < s->tok_end; t++) {
            uint32_t n = 0;
            size_t k;
            int32_t e;
            if (covered[t])
                continue;
            for (k = 0; k < sizeof PRONOUNS / sizeof PRONOUNS[0]; k++)
                if ((n = spells(d, t, s->tok_end, PRONOUNS[k].words)) > 0)
                    break;
            if (n == 0 || memchr(covered + t, 1, n) || memchr(covered + t, 2, n))
                continue;
            if ((e = antecedent(d, t, si, PRONOUNS[k].type)) < 0)
                continue;
            if ((rc_ = add_description(d, t, n, si, PRONOUNS[k].type, e, covered)) != 0)
                goto done;
            t += n - 1;
        }
    }
done:
    free(covered);
    return rc_;
}

/* ------------------------------------------------------------------------
 * The stage
 * ---------------------------------------------------------------------- */

/* A mention's place in token order; sorting copies of the keys keeps the
 * stage free of shared state (qsort has no context argument). */
typedef struct mkey {
    uint32_t tok_begin, tok_end, idx;
} mkey;

static int mention_order(const void *a, const void *b)
{
    const mkey *x = a, *y = b;
    if (x->tok_begin != y->tok_begin)
        return x->tok_begin < y->tok_begin ? -1 : 1;
    if (x->tok_end != y->tok_end)
        return x->tok_end > y->tok_end ? -1 : 1; /* longer first */
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Prepares token flags and the token -> mention map for one sentence. */
static int sentence_setup(rc *c, const kg_sentence *s, const uint32_t *ms, size_t nms)
{
    size_t n = s->tok_end - s->tok_begin;
    c->tb = s->tok_begin;
    c->te = s->tok_end;
    c->first_rel = c->d->n_relations;
    if (n > c->cap) {
        size_t cap = n * 2;
        unsigned long long *fl = realloc(c->fl, cap * sizeof *fl);
        int32_t *tm;
        kg_str *strs;
        if (fl)
            c->fl = fl;
        tm = realloc(c->tm, cap * sizeof *tm);
        if (tm)
            c->tm = tm;
        strs = realloc(c->strs, cap * sizeof *strs);
        if (strs)
            c->strs = strs;
        if (!fl || !tm || !strs)
            return kg_error_set(KG_ENOMEM, "relate: out of memory");
        c->cap = cap;
    }
    for (size_t i = 0; i < n; i++) {
        const kg_token *k = &c->d->tokens[c->tb + i];
        c->tm[i] = -1;
        c->strs[i].s = c->d->text + k->start;
        c->strs[i].len = k->end - k->start;
        c->fl[i] = cue_flags(c->strs[i].s, c->strs[i].len);
    }
    for (size_t i = 0; i < nms; i++) {
        const kg_mention *m = &c->d->mentions[ms[i]];
        if (mtype(c, (int32_t)ms[i]) < 0)
            continue;
        for (uint32_t t = m->tok_begin; t < m->tok_end && t < c->te; t++) {
            if (t < c->tb || c->tm[t - c->tb] >= 0)
                continue;
            c->tm[t - c->tb] = (int32_t)ms[i];
            /* words inside a name are not cues ("Bank of America"),
             * except the place or maker inside "U.S.-based" */
            c->fl[t - c->tb] &= (C_BASED | C_MADE);
        }
    }
    /* titles the lexicon knows and the cue table does not ("Defense
     * Secretary", "Ayatollah") */
    if (c->lx) {
        for (size_t i = 0; i < n; i++) {
            kg_lex_match lm[4];
            size_t k;
            if (c->tm[i] >= 0 || (c->fl[i] & C_ROLES))
                continue;
            k = kg_lexicon_match(c->lx, c->strs, n, i, lm, 4);
            for (size_t j = 0; j < k; j++) {
                const kg_lex_entry *e = lm[j].entry;
                uint32_t len = lm[j].n_tokens;
                if (e->kind != KG_LEX_TITLE || len == 0 || i + len > n)
                    continue;
                for (uint32_t u = 0; u + 1 < len; u++)
                    c->fl[i + u] |= C_MOD;
                c->fl[i + len - 1] |= (e->relation && strcmp(e->relation, "leader_of") == 0)
                                          ? (C_LEADER | C_GOV)
                                          : C_MEMBER;
                break;
            }
        }
    }
    return 0;
}

int kg_relate(kg_doc *d, const kg_lexicon *lx)
{
    rc c;
    uint32_t *order = NULL;
    mkey *keys = NULL;
    size_t mi = 0;
    int rc_ = 0;
    if (!d)
        return kg_error_set(KG_EUSAGE, "relate: no document");
    pthread_once(&g_cues_once, cues_init);
    if (g_cues_err)
        return kg_error_set(g_cues_err, "%s", g_cues_msg);
    memset(&c, 0, sizeof c);
    c.d = d;
    c.lx = lx ? lx : kg_lexicon_builtin();
    if ((rc_ = link_pronouns(d, c.lx)) != 0)
        goto done;
    if (d->n_mentions > 0) {
        order = malloc(d->n_mentions * sizeof *order);
        keys = malloc(d->n_mentions * sizeof *keys);
        if (!order || !keys) {
            rc_ = kg_error_set(KG_ENOMEM, "relate: out of memory");
            goto done;
        }
        for (size_t i = 0; i < d->n_mentions; i++) {
            keys[i].tok_begin = d->mentions[i].tok_begin;
            keys[i].tok_end = d->mentions[i].tok_end;
            keys[i].idx = (uint32_t)i;
        }
        qsort(keys, d->n_mentions, sizeof *keys, mention_order);
        for (size_t i = 0; i < d->n_mentions; i++)
            order[i] = keys[i].idx;
    }
    for (uint32_t si = 0; si < d->n_sentences; si++) {
        const kg_sentence *s = &d->sentences[si];
        size_t m0, m1;
        while (mi < d->n_mentions && d->mentions[order[mi]].tok_begin < s->tok_begin)
            mi++;
        m0 = mi;
        while (mi < d->n_mentions && d->mentions[order[mi]].tok_begin < s->tok_end)
            mi++;
        m1 = mi;
        c.sent = si;
        /* order is NULL in an article without mentions: NULL + 0 is undefined. */
        if ((rc_ = sentence_setup(&c, s, order ? order + m0 : NULL, m1 - m0)) != 0)
            goto done;
        for (size_t i = m0; i < m1; i++)
            for (size_t j = i + 1; j < m1; j++) {
                if (d->mentions[order[j]].tok_begin > d->mentions[order[i]].tok_end + BORN_GAP_MAX)
                    break;
                if ((rc_ = pair_rules(&c, (int32_t)order[i], (int32_t)order[j])) != 0)
                    goto done;
            }
        if (m1 > m0 + 1 || (m1 > m0 && d->n_mentions > 1))
            for (uint32_t t = s->tok_begin; t < s->tok_end; t++)
                if ((rc_ = verb_rules(&c, t)) != 0 || (rc_ = home_of_pronoun(&c, t)) != 0)
                    goto done;
        if (m1 > m0 && (rc_ = dateline(&c, (int32_t)order[m0])) != 0)
            goto done;
        if ((rc_ = lexicon_facts(&c, order ? order + m0 : NULL, m1 - m0)) != 0)
            goto done;
        if ((rc_ = chain_places(&c)) != 0)
            goto done;
    }
done:
    free(order);
    free(keys);
    free(c.fl);
    free(c.tm);
    free(c.strs);
    return rc_;
}
