/*
 * segment.c - splits an article into tokens and sentences (kg/segment.h).
 *
 * One left-to-right pass over the UTF-8 text. Each step skips white space,
 * cuts the next token (a word, a clitic, or a punctuation mark) and decides
 * at once whether a sentence ends before it, from what came before: the
 * white space in between (a blank line is a paragraph), whether a sentence
 * mark is pending, and what kind of word the new token is. Nothing is
 * allocated per token; tokens and sentences are appended to the doc's
 * growing arrays.
 *
 * The token shapes imitate CoNLL-2003 (Penn Treebank style), which the NER
 * tagger was trained on; the sentence rules are the usual period heuristics
 * plus an abbreviation list. Everything here works on bytes and code points,
 * never on the locale.
 */
#include "kg/segment.h"

#include "kg/error.h"
#include "kg/read.h"

#include <stdint.h>
#include <string.h>

/* A "line" longer than this right after a candidate title line is body text
 * that was not hard-wrapped; hard-wrapped text (Reuters wraps near 70
 * columns) must not have its first line mistaken for a title. */
#define SEG_WRAPPED_LINE_MAX 100

/* ---- code points ------------------------------------------------------ */

enum { C_SPACE, C_LETTER, C_DIGIT, C_OTHER };

/* Decodes the code point at t[i] (i < n). Invalid or truncated sequences
 * (the reader repairs them, but kg_segment is public) read as U+FFFD of
 * length 1, so the scan always advances. */
static uint32_t decode(const unsigned char *t, size_t n, size_t i, unsigned *len)
{
    unsigned c = t[i];
    *len = 1;
    if (c < 0x80)
        return c;
    unsigned need;
    uint32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1, cp = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2, cp = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3, cp = c & 0x07, min = 0x10000;
    } else {
        return 0xFFFD;
    }
    if (i + need >= n)
        return 0xFFFD;
    for (unsigned k = 1; k <= need; k++) {
        unsigned b = t[i + k];
        if ((b & 0xC0) != 0x80)
            return 0xFFFD;
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0xFFFD;
    *len = need + 1;
    return cp;
}

static int cls(uint32_t cp)
{
    if (cp < 0x80) {
        if (cp <= 0x20 || cp == 0x7F)
            return C_SPACE;
        if (cp >= '0' && cp <= '9')
            return C_DIGIT;
        if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
            return C_LETTER;
        return C_OTHER;
    }
    if (cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) ||
        cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
        cp == 0xFEFF)
        return C_SPACE;
    if (cp < 0xC0) /* Latin-1 signs; ª ² ³ µ ¹ º and the soft hyphen act as letters */
        return (cp == 0xAA || cp == 0xAD || cp == 0xB2 || cp == 0xB3 || cp == 0xB5 || cp == 0xB9 ||
                cp == 0xBA)
                   ? C_LETTER
                   : C_OTHER;
    if (cp == 0xD7 || cp == 0xF7)
        return C_OTHER;
    if (cp == 0x200C || cp == 0x200D) /* joiners live inside words */
        return C_LETTER;
    if ((cp >= 0x2010 && cp <= 0x2BFF) || (cp >= 0x3001 && cp <= 0x303F) ||
        (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
        (cp >= 0xFF1A && cp <= 0xFF20) || cp == 0xFFFD || (cp >= 0x1F000 && cp <= 0x1FAFF))
        return C_OTHER;
    return C_LETTER;
}

static int is_alnum_cls(int k)
{
    return k == C_LETTER || k == C_DIGIT;
}

/* Upper case, close enough for sentence starts: ASCII, Latin-1, the
 * even/odd pairs of Latin Extended-A, Greek and Cyrillic capitals. */
static int is_upper(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    if (cp >= 0xC0 && cp <= 0xDE)
        return cp != 0xD7;
    if (cp >= 0x100 && cp <= 0x17F)
        return (cp & 1) == 0;
    return (cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x400 && cp <= 0x42F);
}

static int is_lower_ascii(unsigned c)
{
    return c >= 'a' && c <= 'z';
}

static int is_apos(uint32_t cp)
{
    return cp == '\'' || cp == 0x2019;
}

static int is_hyphen(uint32_t cp)
{
    return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

/* "then-Secretary", "ex-KGB": a time prefix glued to a name is no part of
 * it, and left on it hides the name from the tagger and the lexicon
 * ("then-National Security Council"). The prefix (t[s..i), any case) is
 * cut off when a capital letter follows the hyphen (at t[h]) and starts a
 * word of three letters or more; "ex-wife" stays one word, and so does
 * "Ex-Im" (the bank). */
static int is_name_prefix(const unsigned char *t, size_t n, size_t s, size_t i, size_t h)
{
    if (h >= n || t[h] < 'A' || t[h] > 'Z')
        return 0;
    if (i - s == 2) {
        if ((t[s] | 0x20) != 'e' || (t[s + 1] | 0x20) != 'x')
            return 0;
    } else if (i - s != 4 || (t[s] | 0x20) != 't' || (t[s + 1] | 0x20) != 'h' ||
               (t[s + 2] | 0x20) != 'e' || (t[s + 3] | 0x20) != 'n') {
        return 0;
    }
    size_t k = h;
    while (k < n && k - h < 3 && ((t[k] | 0x20) >= 'a' && (t[k] | 0x20) <= 'z'))
        k++;
    return k - h == 3;
}

/* ---- abbreviations ---------------------------------------------------- */

/* Words that keep a following period and never end a sentence: titles
 * before names, months, street words, "No." before numbers. */
static const char *const abbr_inner[] = {
    "Mr",    "Mrs", "Ms",   "Dr",   "Messrs", "Mme",  "Gen",    "Col",  "Lt",    "Sgt",  "Capt",
    "Maj",   "Adm", "Cmdr", "Cdr",  "Brig",   "Cpl",  "Pvt",    "Sen",  "Sens",  "Rep",  "Reps",
    "Gov",   "Rev", "Prof", "Pres", "Supt",   "Insp", "Hon",    "St",   "Ste",   "Mt",   "Ft",
    "Jan",   "Feb", "Apr",  "Jun",  "Jul",    "Aug",  "Sept",   "Sep",  "Oct",   "Nov",  "Dec",
    "Calif", "Fla", "Conn", "Ariz", "Tenn",   "Penn", "Mich",   "Minn", "Okla",  "Nev",  "Ave",
    "Blvd",  "Nos", "Vol",  "Fig",  "vs",     "v",    "approx", "Dept", "Gov't", "Govt",
};

/* Words that keep a following period but often end a sentence too
 * ("... bought by Acme Corp."); see sentence_starter(). */
static const char *const abbr_final[] = {
    "Inc", "Corp", "Ltd", "Co", "Bros", "Jr", "Sr", "Plc", "etc", "Cos", "LLC",
};

static int in_list(const char *const *list, size_t n, const unsigned char *w, size_t len)
{
    /* Short lists, looked up only for words before a period: a first-byte
     * check is all the speed this needs. */
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)list[i][0] == w[0] && strlen(list[i]) == len &&
            memcmp(list[i], w, len) == 0)
            return 1;
    return 0;
}

/* Capitalised words that open sentences far more often than they continue
 * a name: after "U.S." or an initial, only these start a new sentence
 * ("sold to the U.S. The deal" vs "the U.S. Navy"). */
static const char *const starters[] = {
    "The",   "A",     "An",      "He",      "She",      "It",     "They",    "We",        "I",
    "You",   "His",   "Her",     "Its",     "Their",    "Our",    "This",    "That",      "These",
    "Those", "There", "Here",    "But",     "And",      "Or",     "So",      "Yet",       "In",
    "On",    "At",    "For",     "With",    "By",       "From",   "As",      "If",        "When",
    "While", "After", "Before",  "Since",   "Although", "Though", "However", "Meanwhile", "Some",
    "Many",  "Most",  "Such",    "Not",     "No",       "What",   "Why",     "How",       "Who",
    "Where", "Also",  "Earlier", "Later",   "Last",     "Next",   "Both",    "Each",      "One",
    "Other", "Still", "Then",    "Instead",
};

/* Lower-case words that a headline does not end with but a wrapped line
 * often does. */
static const char *const continuations[] = {
    "a",   "an",  "the",  "of",   "to",   "in",  "on",   "at",    "by",  "for",  "with", "from",
    "and", "or",  "but",  "that", "its",  "his", "her",  "their", "our", "said", "says", "is",
    "was", "are", "were", "has",  "have", "had", "will", "would", "as",  "than",
};

static int sentence_starter(const unsigned char *w, size_t len)
{
    return in_list(starters, sizeof starters / sizeof *starters, w, len);
}

/* Token kinds that matter for sentence ends. */
enum {
    K_WORD,       /* anything not listed below */
    K_TERM,       /* . ! ? ... and their runs */
    K_ABBR,       /* "Mr.", "Sept.": never ends a sentence */
    K_ABBR_FINAL, /* "U.S.", "Inc.": may end one before a sentence starter */
    K_INITIAL,    /* "J.": ends one only before a sentence starter */
    K_OPEN,       /* ( [ { “ ‘ « `` */
    K_CLOSE,      /* ) ] } ” » '' */
    K_QUOTE       /* " ' ’: opening after a space, closing otherwise */
};

/* A word w (without its period) made of single letters joined by periods:
 * "U.S", "a.m", "N.Y". */
static int is_dotted_acronym(const unsigned char *w, size_t len)
{
    if (len < 3 || !(len & 1))
        return 0;
    for (size_t i = 0; i < len; i++) {
        int letter = ((w[i] | 0x20) >= 'a' && (w[i] | 0x20) <= 'z');
        if ((i & 1) ? w[i] != '.' : !letter)
            return 0;
    }
    return 1;
}

/* Whether the period right after word w[0..len) belongs to it, and as what
 * kind (K_WORD: it does not). `next` is the byte after the period and the
 * white space following it (0 at the end). */
static int period_kind(const unsigned char *w, size_t len, unsigned next)
{
    if (len == 1 && w[0] >= 'A' && w[0] <= 'Z')
        return K_INITIAL;
    if (is_dotted_acronym(w, len))
        return K_ABBR_FINAL;
    if (len == 2 && w[0] == 'N' && w[1] == 'o') /* "No. 10", not "said no." */
        return (next >= '0' && next <= '9') ? K_ABBR : K_WORD;
    if (in_list(abbr_inner, sizeof abbr_inner / sizeof *abbr_inner, w, len))
        return K_ABBR;
    if (in_list(abbr_final, sizeof abbr_final / sizeof *abbr_final, w, len))
        return K_ABBR_FINAL;
    return K_WORD;
}

/* ---- tokens ----------------------------------------------------------- */

/* Length of the clitic ("s", "ll", ...) whose letters start at t[j], or 0.
 * The letters must be followed by something that is not a letter or digit. */
static size_t clitic_letters(const unsigned char *t, size_t n, size_t j)
{
    static const char *const clitics[] = {"s", "d", "m", "ll", "re", "ve"};
    size_t k = j;
    while (k < n && k - j < 3 && ((t[k] | 0x20) >= 'a' && (t[k] | 0x20) <= 'z'))
        k++;
    if (k < n) {
        unsigned l;
        if (is_alnum_cls(cls(decode(t, n, k, &l))))
            return 0;
    }
    for (size_t c = 0; c < sizeof clitics / sizeof *clitics; c++) {
        size_t cl = strlen(clitics[c]);
        if (cl != k - j)
            continue;
        size_t x = 0;
        while (x < cl && (t[j + x] | 0x20) == (unsigned char)clitics[c][x])
            x++;
        if (x == cl)
            return cl;
    }
    return 0;
}

static int is_digit_at(const unsigned char *t, size_t n, size_t i)
{
    return i < n && t[i] >= '0' && t[i] <= '9';
}

/* Whether only blanks separate t[s] from the start of its line. */
static int at_line_start(const unsigned char *t, size_t s)
{
    while (s > 0 && (t[s - 1] == ' ' || t[s - 1] == '\t'))
        s--;
    return s == 0 || t[s - 1] == '\n';
}

/* A line that only rules one item off from the next ("- - - -", "*****",
 * "====", as news digests and scraped pages have) ends the sentence before
 * it and holds no tokens. Returns the end of the line when the line at
 * t[s] is such a rule (three marks at least, blanks allowed), else 0. */
static size_t rule_line_end(const unsigned char *t, size_t n, size_t s)
{
    if (!at_line_start(t, s))
        return 0;
    size_t marks = 0, j = s;
    for (; j < n && t[j] != '\n'; j++) {
        if (t[j] == '-' || t[j] == '*' || t[j] == '=' || t[j] == '_' || t[j] == '~')
            marks++;
        else if (t[j] != ' ' && t[j] != '\t' && t[j] != '\r')
            return 0;
    }
    return marks >= 3 ? j : 0;
}

/* Scans the word starting at t[s] (a letter or digit). Sets *wend to its end
 * and *cend to the end of a clitic that follows it ("'s", "n't"), or to
 * *wend when there is none. Returns the kind of the word token. */
static int scan_word(const unsigned char *t, size_t n, size_t s, size_t *wend, size_t *cend)
{
    size_t i = s, seg = s; /* seg: start of the part after the last period */
    uint32_t prev = 0;
    unsigned l, l2;

    /* Web and mail addresses: up to white space, minus trailing punctuation. */
    if ((n - s >= 7 && memcmp(t + s, "http://", 7) == 0) ||
        (n - s >= 8 && memcmp(t + s, "https://", 8) == 0) ||
        (n - s >= 4 && memcmp(t + s, "www.", 4) == 0)) {
        while (i < n && cls(decode(t, n, i, &l)) != C_SPACE)
            i += l;
        while (i > s + 4 && strchr(".,;:!?)]}\"'", t[i - 1]))
            i--;
        *wend = *cend = i;
        return K_WORD;
    }

    /* "n't" standing alone, as in pre-tokenised text. */
    if (n - s >= 3 && (t[s] | 0x20) == 'n' && t[s + 1] == '\'' && (t[s + 2] | 0x20) == 't' &&
        (n - s == 3 || !is_alnum_cls(cls(decode(t, n, s + 3, &l))))) {
        *wend = *cend = s + 3;
        return K_WORD;
    }

    while (i < n) {
        unsigned c = t[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            prev = c; /* the common case, without decoding */
            i++;
            continue;
        }
        uint32_t cp = decode(t, n, i, &l);
        int k = cls(cp);
        if (is_alnum_cls(k)) {
            prev = cp;
            i += l;
            continue;
        }
        uint32_t cp2 = 0;
        int k2 = C_SPACE;
        l2 = 0;
        if (i + l < n) {
            cp2 = decode(t, n, i + l, &l2);
            k2 = cls(cp2);
        }
        int prev_digit = prev >= '0' && prev <= '9';
        if (is_hyphen(cp) && is_alnum_cls(k2)) {
            if (is_name_prefix(t, n, s, i, i + l))
                break;
            i += l;
            continue;
        }
        if (cp == '.') {
            if (prev_digit && k2 == C_DIGIT) {
                i += 1;
                continue;
            }
            /* Single-letter parts ("U.S", "a.m") or a lower-case next part
             * ("example.com") keep going; "end.The" is two sentences. */
            if (is_alnum_cls(k2) && (i - seg == 1 || prev_digit || k2 == C_DIGIT ||
                                     (cp2 < 0x80 && is_lower_ascii(cp2)))) {
                i += 1;
                seg = i;
                continue;
            }
            /* "U.S.-based" */
            if (is_hyphen(cp2) && i + 1 + l2 < n && is_dotted_acronym(t + s, i - s)) {
                unsigned l3;
                if (is_alnum_cls(cls(decode(t, n, i + 1 + l2, &l3)))) {
                    i += 1 + l2;
                    continue;
                }
            }
            break;
        }
        if (cp == ',' && prev_digit && is_digit_at(t, n, i + 1) && is_digit_at(t, n, i + 2) &&
            is_digit_at(t, n, i + 3) && !is_digit_at(t, n, i + 4)) {
            i += 4;
            prev = '0';
            continue;
        }
        if (cp == ':' && prev_digit && is_digit_at(t, n, i + 1) && is_digit_at(t, n, i + 2) &&
            !is_digit_at(t, n, i + 3)) {
            i += 3;
            continue;
        }
        if (cp == '/' && prev_digit && k2 == C_DIGIT) {
            i += 1;
            continue;
        }
        if ((cp == '&' && prev >= 'A' && prev <= 'Z' && cp2 >= 'A' && cp2 <= 'Z') ||
            (cp == '@' && is_alnum_cls(k2) && prev)) {
            i += 1;
            continue;
        }
        if (is_apos(cp)) {
            size_t j = i + l;
            /* "don't" -> "do" "n't"; needs a letter before the n. */
            if ((prev == 'n' || prev == 'N') && i - 1 > s && j < n && (t[j] | 0x20) == 't') {
                int after_ok = 1;
                if (j + 1 < n)
                    after_ok = !is_alnum_cls(cls(decode(t, n, j + 1, &l2)));
                if (after_ok) {
                    *wend = i - 1;
                    *cend = j + 1;
                    return K_WORD;
                }
            }
            size_t cl = clitic_letters(t, n, j);
            if (cl) {
                *wend = i;
                *cend = j + cl;
                return K_WORD;
            }
            /* "O'Brien": an apostrophe between letters is part of the name. */
            if (k2 == C_LETTER && prev && !(prev >= '0' && prev <= '9')) {
                i = j;
                continue;
            }
            break;
        }
        break;
    }

    *wend = *cend = i;
    if (i < n && t[i] == '.' && !(i + 1 < n && t[i + 1] == '.')) {
        size_t j = i + 1;
        while (j < n && (t[j] == ' ' || t[j] == '\t' || t[j] == '\n' || t[j] == '\r'))
            j++;
        int kind = period_kind(t + s, i - s, j < n ? t[j] : 0);
        if (kind == K_WORD && i - s <= 2 && j > i + 1 && t[s] >= '0' && t[s] <= '9' &&
            t[i - 1] >= '0' && t[i - 1] <= '9' && at_line_start(t, s))
            kind = K_ABBR; /* "1. Smith" in a numbered list */
        if (kind != K_WORD) {
            *wend = *cend = i + 1;
            return kind;
        }
    }
    /* "US$", "HK$", "A$": a currency written with its country letters. */
    if (i < n && t[i] == '$' && i - s <= 3) {
        size_t x = s;
        while (x < i && t[x] >= 'A' && t[x] <= 'Z')
            x++;
        if (x == i)
            *wend = *cend = i + 1;
    }
    return K_WORD;
}

/* Scans the non-word token at t[s]; sets *end and returns its kind. */
static int scan_punct(const unsigned char *t, size_t n, size_t s, size_t *end)
{
    unsigned l;
    uint32_t cp = decode(t, n, s, &l);
    size_t i = s + l;
    switch (cp) {
    case '.':
    case '!':
    case '?':
        /* "...", "?!", "!!!" are one mark */
        while (i < n && (t[i] == '.' || t[i] == '!' || t[i] == '?'))
            i++;
        *end = i;
        return K_TERM;
    case 0x2026: /* … */
        *end = i;
        return K_TERM;
    case '-':
        while (i < n && t[i] == '-')
            i++;
        *end = i;
        return K_WORD;
    case '`':
        if (i < n && t[i] == '`')
            i++;
        *end = i;
        return K_OPEN;
    case '\'':
        if (i < n && t[i] == '\'') {
            *end = i + 1;
            return K_CLOSE;
        }
        /* A clitic cut off by white space, as in pre-tokenised text. */
        if (s > 0 && t[s - 1] == ' ') {
            size_t cl = clitic_letters(t, n, i);
            if (cl) {
                *end = i + cl;
                return K_WORD;
            }
        }
        *end = i;
        return K_QUOTE;
    case '"':
    case 0x2019:
        *end = i;
        return K_QUOTE;
    case '(':
    case '[':
    case '{':
    case 0x201C:
    case 0x2018:
    case 0xAB:
    case 0x201E:
        *end = i;
        return K_OPEN;
    case ')':
    case ']':
    case '}':
    case 0x201D:
    case 0xBB:
        *end = i;
        return K_CLOSE;
    default:
        *end = i;
        return K_WORD;
    }
}

/* ---- sentences -------------------------------------------------------- */

/* Whether t[i] (i < n) starts a white-space character. */
static int is_space_at(const unsigned char *t, size_t n, size_t i)
{
    unsigned l;
    return cls(decode(t, n, i, &l)) == C_SPACE;
}

/* The newline ending the first line when that line is a title followed
 * directly (no blank line) by the body, else SIZE_MAX. A title is short,
 * does not end in sentence or clause punctuation, and the body after it
 * starts a sentence and is not hard-wrapped text. */
static size_t title_newline(const unsigned char *t, size_t n)
{
    size_t s = 0;
    while (s < n && (t[s] == ' ' || t[s] == '\t' || t[s] == '\n' || t[s] == '\r'))
        s++;
    const unsigned char *nl = s < n ? memchr(t + s, '\n', n - s) : NULL;
    if (!nl)
        return SIZE_MAX;
    size_t e = (size_t)(nl - t), le = e;
    while (le > s && (t[le - 1] == ' ' || t[le - 1] == '\t' || t[le - 1] == '\r'))
        le--;
    if (le == s || le - s > KG_READ_TITLE_MAX || strchr(".!?,;:-", t[le - 1]))
        return SIZE_MAX;
    /* "The exchange said\nAcme will ...": a line ending in a word that
     * needs a continuation is a wrapped sentence, not a headline. */
    size_t ws = le;
    while (ws > s && t[ws - 1] >= 'a' && t[ws - 1] <= 'z')
        ws--;
    if (ws < le &&
        in_list(continuations, sizeof continuations / sizeof *continuations, t + ws, le - ws))
        return SIZE_MAX;
    /* The next line: must start a sentence; it and the one after must not
     * both be short (hard-wrapped paragraphs). */
    size_t b = e + 1;
    while (b < n && (t[b] == ' ' || t[b] == '\t' || t[b] == '\r'))
        b++;
    if (b >= n || t[b] == '\n')
        return SIZE_MAX;
    unsigned l;
    uint32_t cp = decode(t, n, b, &l);
    if (!(is_upper(cp) || (cp >= '0' && cp <= '9') || cp == '"' || cp == 0x201C || cp == '\''))
        return SIZE_MAX;
    const unsigned char *nl2 = memchr(t + b, '\n', n - b);
    if (nl2 && (size_t)(nl2 - t) - b <= SEG_WRAPPED_LINE_MAX) {
        size_t b3 = (size_t)(nl2 - t) + 1;
        const unsigned char *nl3 = b3 < n ? memchr(t + b3, '\n', n - b3) : NULL;
        size_t e3 = nl3 ? (size_t)(nl3 - t) : n;
        if (b3 < n && e3 - b3 >= 2 && e3 - b3 <= SEG_WRAPPED_LINE_MAX)
            return SIZE_MAX;
    }
    return e;
}

typedef struct seg_state {
    kg_doc *d;
    kg_sentence cur; /* the open sentence; tok_end == tok_begin while empty */
} seg_state;

static int close_sentence(seg_state *st)
{
    if (st->cur.tok_end == st->cur.tok_begin)
        return 0;
    int rc = kg_doc_add_sentence(st->d, &st->cur);
    st->cur.tok_begin = st->cur.tok_end;
    return rc;
}

static int add_token(seg_state *st, size_t start, size_t end)
{
    kg_doc *d = st->d;
    kg_token tok = {(uint32_t)start, (uint32_t)end, (uint32_t)d->n_sentences};
    int rc = kg_doc_add_token(d, &tok);
    if (rc)
        return rc;
    if (st->cur.tok_end == st->cur.tok_begin)
        st->cur.start = tok.start;
    st->cur.end = tok.end;
    st->cur.tok_end++;
    return 0;
}

/* Pending sentence ends: none, after . ! ?, after "U.S."-like words, after
 * an initial. Closing quotes and brackets that touch the mark keep it. */
enum { P_NONE, P_TERM, P_ABBR, P_INITIAL };

int kg_segment(kg_doc *d)
{
    const unsigned char *t = (const unsigned char *)d->text;
    size_t n = d->len;
    d->n_tokens = 0;
    d->n_sentences = 0;
    if (n >= UINT32_MAX)
        return kg_error_set(KG_ELIMIT, "article of %zu bytes is too long to segment", n);

    seg_state st = {d, {0, 0, 0, 0}};
    size_t title_nl = title_newline(t, n);
    int pending = P_NONE;
    size_t prev_end = 0;
    size_t i = 0;
    int rc = 0;

    while (i < n) {
        /* White space, counting line breaks: two make a paragraph. */
        size_t newlines = 0, gap_start = i;
        unsigned l;
        uint32_t cp;
        while (i < n) {
            if (t[i] < 0x80) {
                if (t[i] > 0x20 && t[i] != 0x7F)
                    break;
                newlines += t[i] == '\n';
                i++;
                continue;
            }
            cp = decode(t, n, i, &l);
            if (cls(cp) != C_SPACE)
                break;
            if (cp == 0x2029)
                newlines += 2;
            i += l;
        }
        if (i >= n)
            break;
        int gap = i > gap_start;

        size_t rule = t[i] < 0x80 ? rule_line_end(t, n, i) : 0;
        if (rule) {
            if ((rc = close_sentence(&st)) != 0)
                goto done;
            pending = P_NONE;
            prev_end = rule;
            i = rule;
            continue;
        }

        size_t end, cend;
        cp = decode(t, n, i, &l);
        int k = cls(cp), kind;
        if (is_alnum_cls(k))
            kind = scan_word(t, n, i, &end, &cend);
        else if ((cp == '+' || cp == '-') && (gap || i == 0) && is_digit_at(t, n, i + 1))
            kind = scan_word(t, n, i + 1, &end, &cend); /* "+44", "-12.5" */
        else if (cp == '.' && (gap || i == 0) && is_digit_at(t, n, i + 1))
            kind = scan_word(t, n, i + 1, &end, &cend); /* ".500" */
        else {
            kind = scan_punct(t, n, i, &end);
            cend = end;
        }

        /* Does a sentence end before this token? */
        int brk = 0;
        if (st.cur.tok_end > st.cur.tok_begin) {
            if (newlines >= 2 || (title_nl >= prev_end && title_nl < i) ||
                st.cur.tok_end - st.cur.tok_begin >= KG_SEGMENT_SENTENCE_MAX)
                brk = 1;
            else if (pending != P_NONE) {
                /* An opening mark touches the word after it; a quote with
                 * space on both sides closes (or is stray) and stays. */
                int opener = gap && (kind == K_OPEN || kind == K_QUOTE) && end < n &&
                             !is_space_at(t, n, end);
                int quote = opener && (kind == K_QUOTE || cp == 0x201C || cp == 0x2018);
                if ((kind == K_CLOSE || kind == K_QUOTE) && !opener) {
                    /* a closing quote or bracket stays with the sentence */
                } else if (pending == P_TERM) {
                    brk = gap && (is_upper(cp) || k == C_DIGIT || opener);
                    pending = P_NONE;
                } else {
                    /* not brackets: "at 4 a.m. (0300 GMT)" */
                    brk = gap && (quote || (k == C_LETTER && sentence_starter(t + i, end - i)));
                    pending = P_NONE;
                }
            }
        }
        if (brk) {
            pending = P_NONE;
            if ((rc = close_sentence(&st)) != 0)
                goto done;
        }

        if ((rc = add_token(&st, i, end)) != 0)
            goto done;
        if (cend > end && (rc = add_token(&st, end, cend)) != 0)
            goto done;
        if (kind == K_TERM)
            pending = P_TERM;
        else if (kind == K_ABBR_FINAL)
            pending = P_ABBR;
        else if (kind == K_INITIAL)
            pending = P_INITIAL;
        else if (!(pending != P_NONE && (kind == K_CLOSE || kind == K_QUOTE) && !brk))
            pending = P_NONE;
        prev_end = cend;
        i = cend;
    }
    rc = close_sentence(&st);
done:
    if (rc) {
        d->n_tokens = 0;
        d->n_sentences = 0;
    }
    return rc;
}
