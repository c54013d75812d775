/*
 * read.c - the article reader (kg/read.h): files, directories, stdin and
 * JSON Lines in, one repaired kg_doc out at a time.
 *
 * Everything the later stages rely on about the text is settled here: it
 * is valid UTF-8, it contains no NUL byte, it is not absurdly large, and
 * page boilerplate is blanked without moving any byte, so that offsets
 * computed on the blanked text are offsets into the text as read.
 *
 * Inputs are streamed: a JSON Lines file is read line by line through a
 * small buffer, a directory is listed one level at a time, and a plain-text
 * file is held only while its article is built.
 */
#include "kg/read.h"

#include "kg/error.h"
#include "util.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define uthash_nonfatal_oom(obj) (oom = 1)
#include <uthash.h>

/* Bytes asked of read() at a time: large enough that syscalls do not
 * dominate, small enough to stay in cache. */
#define READ_CHUNK ((size_t)64 << 10)

/* Warning messages are one line; longer ones are cut. */
#define READ_MSG_MAX 1024

/* article_max is clamped to this so that a repaired text (at most three
 * bytes per input byte) still fits the 32-bit offsets of kg_token. */
#define READ_ARTICLE_HARD_MAX ((size_t)1 << 30)

/* Only lines this short are tested as boilerplate: page furniture is short,
 * and a long line is prose even if it starts like furniture. */
#define BOILER_LINE_MAX 200

/* Bytes of a line normalised for matching: longer than every pattern and
 * than a "You've read N of M free articles" line, so the rest of a line
 * never decides anything. */
#define BOILER_NORM_MAX 80

/* Name used for standard input in sources and messages. */
#define STDIN_NAME "<stdin>"

/* ---- warnings --------------------------------------------------------- */

static void warnf(const kg_read_opts *o, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void warnf(const kg_read_opts *o, const char *fmt, ...)
{
    if (!o || !o->warn)
        return;
    char msg[READ_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    o->warn(o->warn_ctx, msg);
}

static size_t article_max(const kg_read_opts *o)
{
    size_t m = o && o->article_max ? o->article_max : KG_READ_ARTICLE_MAX;
    return m > READ_ARTICLE_HARD_MAX ? READ_ARTICLE_HARD_MAX : m;
}

/* ---- UTF-8 ------------------------------------------------------------ */

/* Length of the valid UTF-8 sequence at s[i] (i < n), or 0 if the byte
 * there cannot start one: overlong forms, surrogates, code points above
 * U+10FFFF, stray continuation bytes and truncated sequences are invalid. */
static size_t utf8_valid_len(const unsigned char *s, size_t n, size_t i)
{
    unsigned c = s[i];
    if (c < 0x80)
        return 1;
    size_t need;
    unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF)
        need = 1;
    else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        if (c == 0xE0)
            lo = 0xA0; /* overlong below U+0800 */
        else if (c == 0xED)
            hi = 0x9F; /* surrogates U+D800..DFFF */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        if (c == 0xF0)
            lo = 0x90; /* overlong below U+10000 */
        else if (c == 0xF4)
            hi = 0x8F; /* above U+10FFFF */
    } else
        return 0;
    if (n - i <= need)
        return 0;
    if (s[i + 1] < lo || s[i + 1] > hi)
        return 0;
    for (size_t k = 2; k <= need; k++)
        if ((s[i + k] & 0xC0) != 0x80)
            return 0;
    return need + 1;
}

/* Number of bytes that are not part of a valid sequence. */
static size_t utf8_bad_count(const unsigned char *s, size_t n)
{
    size_t bad = 0, i = 0;
    while (i < n) {
        /* ASCII runs dominate news text: skip 8 bytes at a time. */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        size_t l = utf8_valid_len(s, n, i);
        if (l == 0) {
            bad++;
            l = 1;
        }
        i += l;
    }
    return bad;
}

long kg_read_repair_utf8(char **out, size_t *out_len, const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t bad = utf8_bad_count(s, len);
    *out = NULL;
    *out_len = 0;
    if (len > (SIZE_MAX - 1) / 3 - 1 || bad > LONG_MAX)
        return kg_error_set(KG_ENOMEM, "out of memory");
    size_t n = len + 2 * bad; /* each bad byte becomes three */
    char *o = malloc(n + 1);
    if (!o)
        return kg_error_set(KG_ENOMEM, "out of memory");
    if (!bad) {
        if (len)
            memcpy(o, s, len);
    } else {
        size_t j = 0;
        for (size_t i = 0; i < len;) {
            size_t l = utf8_valid_len(s, len, i);
            if (l) {
                memcpy(o + j, s + i, l);
                j += l;
                i += l;
            } else {
                memcpy(o + j, "\xEF\xBF\xBD", 3);
                j += 3;
                i++;
            }
        }
    }
    o[n] = '\0';
    *out = o;
    *out_len = n;
    return (long)bad;
}

/* ---- boilerplate ------------------------------------------------------ */

/* Page furniture that scrapers leave in articles. A line is compared in
 * lower case, with curly apostrophes made straight, runs of white space made
 * one space, and trailing punctuation removed. EXACT lines must equal the
 * pattern; PREFIX lines must start with it. No-break spaces count as
 * spaces. */
enum { BP_EXACT, BP_PREFIX };
static const struct {
    const char *text;
    int how;
} boiler[] = {
    {"subscribe to continue", BP_PREFIX},
    {"subscribe to read", BP_PREFIX},
    {"subscribe now", BP_EXACT},
    {"subscribe today", BP_EXACT},
    {"subscribe", BP_EXACT},
    {"start your subscription", BP_PREFIX},
    {"start your free trial", BP_PREFIX},
    {"already a subscriber", BP_PREFIX},
    {"read this article in", BP_PREFIX},
    {"qr code to", BP_PREFIX},
    {"qr code link to this", BP_PREFIX},
    {"share this article", BP_PREFIX},
    {"share this story", BP_PREFIX},
    {"share this page", BP_PREFIX},
    {"share this", BP_EXACT},
    {"share", BP_EXACT},
    {"share on facebook", BP_PREFIX},
    {"share on twitter", BP_PREFIX},
    {"share via email", BP_PREFIX},
    {"print this article", BP_PREFIX},
    {"print this page", BP_PREFIX},
    {"print", BP_EXACT},
    {"email this article", BP_PREFIX},
    {"sign up for our newsletter", BP_PREFIX},
    {"sign up to our newsletter", BP_PREFIX},
    {"sign up for our daily newsletter", BP_PREFIX},
    {"sign up for the newsletter", BP_PREFIX},
    {"advertisement", BP_EXACT},
    {"advertising", BP_EXACT},
    {"ad", BP_EXACT},
    {"sponsored content", BP_EXACT},
    {"we use cookies", BP_PREFIX},
    {"this site uses cookies", BP_PREFIX},
    {"this website uses cookies", BP_PREFIX},
    {"by continuing to use this site", BP_PREFIX},
    {"accept cookies", BP_EXACT},
    {"accept all cookies", BP_EXACT},
    {"cookie policy", BP_EXACT},
    {"cookie settings", BP_EXACT},
    {"manage cookies", BP_EXACT},
    {"skip to main content", BP_EXACT},
    {"skip to content", BP_EXACT},
    {"continue reading the main story", BP_EXACT},
    {"continue reading", BP_EXACT},
    {"click here to subscribe", BP_PREFIX},
    {"follow us on", BP_PREFIX},
    {"download our app", BP_PREFIX},
    {"log in to continue", BP_PREFIX},
};

/* Normalises line[0..len) into buf (BOILER_NORM_MAX + 2 bytes) as described
 * above; returns the normalised length, BOILER_NORM_MAX + 1 when the line is
 * longer than that (then it matches no EXACT pattern). */
static size_t boiler_norm(char *buf, const unsigned char *line, size_t len)
{
    size_t j = 0;
    int space = 1; /* drops leading white space */
    for (size_t i = 0; i < len && j <= BOILER_NORM_MAX; i++) {
        unsigned c = line[i];
        if (c == 0xE2 && i + 2 < len && line[i + 1] == 0x80 &&
            (line[i + 2] == 0x98 || line[i + 2] == 0x99)) { /* ‘ ’ */
            c = '\'';
            i += 2;
        } else if (c == 0xC2 && i + 1 < len && line[i + 1] == 0xA0) {
            /* a no-break space (U+00A0): scrapers that miss a paywall's
             * counters leave them around the gaps ("You've read  of  free
             * articles") */
            c = ' ';
            i += 1;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            if (!space)
                buf[j++] = ' ';
            space = 1;
            continue;
        }
        space = 0;
        buf[j++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    if (j <= BOILER_NORM_MAX)
        while (j > 0 && strchr(" .!:>|", buf[j - 1]))
            j--;
    buf[j] = '\0';
    return j;
}

/* "You've read 3 of 5 free articles this month." */
static int is_meter_line(const char *s)
{
    if (strncmp(s, "you've read ", 12) != 0 && strncmp(s, "you have read ", 14) != 0)
        return 0;
    return strstr(s, " article") != NULL;
}

static int is_boiler(const char *s, size_t len)
{
    if (is_meter_line(s))
        return 1;
    for (size_t k = 0; k < sizeof boiler / sizeof *boiler; k++) {
        if (boiler[k].text[0] != s[0])
            continue;
        size_t pl = strlen(boiler[k].text);
        if (boiler[k].how == BP_EXACT
                ? (len == pl && memcmp(s, boiler[k].text, pl) == 0)
                : (len >= pl && memcmp(s, boiler[k].text, pl) == 0 &&
                   (len == pl || s[pl] == ' ' || s[pl] == ',' || s[pl] == ':' || s[pl] == '?')))
            return 1;
    }
    return 0;
}

size_t kg_read_blank_boilerplate(char *text, size_t len)
{
    size_t blanked = 0;
    char norm[BOILER_NORM_MAX + 2];
    /* Every pattern starts with two letters: lines whose first two letters
     * start no pattern (nearly all) are passed over without normalising. */
    unsigned char first2[26][26];
    memset(first2, 0, sizeof first2);
    for (size_t k = 0; k < sizeof boiler / sizeof *boiler; k++)
        first2[boiler[k].text[0] - 'a'][boiler[k].text[1] - 'a'] = 1;
    first2['y' - 'a']['o' - 'a'] = 1; /* "you've read", "you have read" */
    size_t i = 0;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - text) : len;
        size_t k = i;
        while (k < e && (text[k] == ' ' || text[k] == '\t'))
            k++;
        unsigned a = k + 1 < e ? ((unsigned char)text[k] | 0x20) - 'a' : 26;
        unsigned b = k + 1 < e ? ((unsigned char)text[k + 1] | 0x20) - 'a' : 26;
        if (a < 26 && b < 26 && first2[a][b] && e - i <= BOILER_LINE_MAX) {
            size_t nlen = boiler_norm(norm, (const unsigned char *)text + i, e - i);
            if (nlen && is_boiler(norm, nlen)) {
                /* Keep a '\r' of a CRLF line ending: only the words go. */
                size_t we = e;
                if (we > i && text[we - 1] == '\r')
                    we--;
                memset(text + i, ' ', we - i);
                blanked++;
            }
        }
        i = e + 1;
    }
    return blanked;
}

/* ---- building an article ---------------------------------------------- */

/* The title of a plain-text article: its first non-blank line, if short and
 * followed by a blank line. Returns a malloc'd string, NULL if none (check
 * *oom). */
static char *find_title(const char *t, size_t n, int *oom)
{
    size_t s = 0;
    *oom = 0;
    while (s < n && (t[s] == ' ' || t[s] == '\t' || t[s] == '\r' || t[s] == '\n'))
        s++;
    const char *nl = s < n ? memchr(t + s, '\n', n - s) : NULL;
    if (!nl)
        return NULL;
    size_t e = (size_t)(nl - t), le = e;
    while (le > s && (t[le - 1] == ' ' || t[le - 1] == '\t' || t[le - 1] == '\r'))
        le--;
    if (le - s > KG_READ_TITLE_MAX)
        return NULL;
    size_t b = e + 1;
    while (b < n && (t[b] == ' ' || t[b] == '\t' || t[b] == '\r'))
        b++;
    if (b >= n || t[b] != '\n')
        return NULL;
    char *title = malloc(le - s + 1);
    if (!title) {
        *oom = 1;
        return NULL;
    }
    memcpy(title, t + s, le - s);
    title[le - s] = '\0';
    return title;
}

/* Repairs a metadata string in place-or-copy; *dst is a fresh string or
 * NULL for NULL. Counts bad bytes into *bad. Returns 0 or KG_ENOMEM. */
static int repair_field(char **dst, const char *src, size_t *bad)
{
    *dst = NULL;
    if (!src)
        return 0;
    size_t n;
    long b = kg_read_repair_utf8(dst, &n, src, strlen(src));
    if (b < 0)
        return (int)b;
    *bad += (size_t)b;
    return 0;
}

/* Builds the article: repairs text and metadata, finds the title of a
 * plain-text article (is_plain), hashes, blanks boilerplate. `where` names
 * the input in warnings. Returns 0, KG_ELIMIT or KG_ENOMEM. */
static int build_article(kg_doc **out, const char *text, size_t len, const kg_article_meta *in,
                         int is_plain, const char *where, const kg_read_opts *o)
{
    int rc = 0;
    char *fixed = NULL;
    size_t flen = 0, bad = 0;
    kg_article_meta m = {0};
    *out = NULL;
    size_t max = article_max(o);
    if (len > max)
        return kg_error_set(KG_ELIMIT, "%s: article of %zu bytes exceeds the limit of %zu, skipped",
                            where, len, max);
    const char *t = text;
    flen = len;
    /* Valid text (the usual case) is used as is; kg_doc_new copies it. */
    if (utf8_bad_count((const unsigned char *)text, len)) {
        long b = kg_read_repair_utf8(&fixed, &flen, text, len);
        if (b < 0) {
            rc = (int)b;
            goto done;
        }
        bad = (size_t)b;
        t = fixed;
    }
    if ((rc = repair_field(&m.id, in ? in->id : NULL, &bad)) != 0 ||
        (rc = repair_field(&m.date, in ? in->date : NULL, &bad)) != 0 ||
        (rc = repair_field(&m.source, in ? in->source : NULL, &bad)) != 0)
        goto done;
    if (is_plain) {
        int oom;
        m.title = find_title(t, flen, &oom);
        if (oom) {
            rc = kg_error_set(KG_ENOMEM, "out of memory");
            goto done;
        }
    } else if ((rc = repair_field(&m.title, in ? in->title : NULL, &bad)) != 0)
        goto done;
    if (bad)
        warnf(o, "%s: %zu invalid UTF-8 byte%s replaced with U+FFFD", where, bad,
              bad == 1 ? "" : "s");
    /* kg_doc_new hashes the repaired text; blanking comes after, on the
     * doc's own copy, so the hash never depends on boilerplate rules. */
    if ((rc = kg_doc_new(out, t, flen, &m)) != 0)
        goto done;
    if (!(o && o->keep_boilerplate))
        kg_read_blank_boilerplate((*out)->text, (*out)->len);
done:
    free(fixed);
    free(m.id);
    free(m.title);
    free(m.date);
    free(m.source);
    if (rc == KG_ENOMEM)
        kg_error_set(KG_ENOMEM, "%s: out of memory", where);
    return rc;
}

int kg_read_text(kg_doc **out, const char *buf, size_t len, const char *source,
                 const kg_read_opts *o)
{
    const char *where = source ? source : "<buffer>";
    *out = NULL;
    if (memchr(buf, '\0', len))
        return kg_error_set(KG_EPARSE, "%s: contains NUL bytes (binary file?), skipped", where);
    kg_article_meta m = {0};
    m.source = (char *)source;
    return build_article(out, buf, len, &m, 1, where, o);
}

/* A JSON string field, or a number written as an integer or %.17g; NULL if
 * absent or of another type. Numbers are formatted into num. */
static const char *json_field(const cJSON *obj, const char *key, char num[32])
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (cJSON_IsString(v))
        return v->valuestring;
    if (cJSON_IsNumber(v)) {
        double d = v->valuedouble;
        /* Range first: converting an out-of-range double to long long is undefined. */
        if (d > -1e18 && d < 1e18 && d == (double)(long long)d)
            snprintf(num, 32, "%lld", (long long)d);
        else
            snprintf(num, 32, "%.17g", d);
        return num;
    }
    return NULL;
}

/* Whether the JSON text nests arrays/objects deeper than cJSON accepts
 * (CJSON_NESTING_LIMIT, which keeps its recursive parser off the end of the
 * stack): cJSON fails such a line without saying why, so the reader looks. */
static int nested_too_deep(const char *p, size_t len)
{
    size_t depth = 0;
    int in_str = 0;
    for (size_t i = 0; i < len; i++) {
        char c = p[i];
        if (in_str) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_str = 0;
        } else if (c == '"') {
            in_str = 1;
        } else if (c == '[' || c == '{') {
            if (++depth > CJSON_NESTING_LIMIT)
                return 1;
        } else if ((c == ']' || c == '}') && depth > 0) {
            depth--;
        }
    }
    return 0;
}

int kg_read_json(kg_doc **out, const char *line, size_t len, const char *where,
                 const kg_read_opts *o)
{
    *out = NULL;
    if (!where)
        where = "<json>";
    cJSON *j = cJSON_ParseWithLength(line, len);
    int rc;
    if (!j && nested_too_deep(line, len)) {
        rc = kg_error_set(KG_EPARSE, "%s: nested too deep (limit %d), skipped", where,
                          CJSON_NESTING_LIMIT);
        goto done;
    }
    if (!cJSON_IsObject(j)) {
        rc = kg_error_set(KG_EPARSE, "%s: not a JSON object, skipped", where);
        goto done;
    }
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(j, "text");
    if (!cJSON_IsString(text)) {
        rc = kg_error_set(KG_EPARSE, "%s: no \"text\" string, skipped", where);
        goto done;
    }
    char idnum[32], datenum[32];
    kg_article_meta m = {0};
    m.id = (char *)json_field(j, "id", idnum);
    m.date = (char *)json_field(j, "date", datenum);
    const cJSON *title = cJSON_GetObjectItemCaseSensitive(j, "title");
    m.title = cJSON_IsString(title) ? title->valuestring : NULL;
    const cJSON *url = cJSON_GetObjectItemCaseSensitive(j, "url");
    m.source = cJSON_IsString(url) && url->valuestring[0] ? url->valuestring : (char *)where;
    rc = build_article(out, text->valuestring, strlen(text->valuestring), &m, 0, where, o);
done:
    cJSON_Delete(j);
    return rc;
}

/* ---- input streams ---------------------------------------------------- */

/* One open input: a file or stdin, read through a growing buffer. */
typedef struct in_src {
    int fd; /* -1 when closed */
    int is_stdin;
    char *name; /* display name: the path, or STDIN_NAME */
    char *buf;
    size_t cap, pos, end; /* unread bytes are buf[pos..end) */
    int eof;
    unsigned long line; /* lines handed out so far */
} in_src;

static void src_close(in_src *s)
{
    if (s->fd >= 0 && !s->is_stdin)
        close(s->fd);
    s->fd = -1;
    free(s->name);
    s->name = NULL;
    s->pos = s->end = 0;
    s->eof = 0;
    s->line = 0;
    /* buf is kept for the next input */
}

/* Reads more bytes after buf[end], growing the buffer to at most `limit`
 * bytes. Returns bytes read (0 at EOF or when the buffer is at the limit)
 * or KG_EIO / KG_ENOMEM. */
static long src_fill(in_src *s, size_t limit)
{
    if (s->eof)
        return 0;
    if (s->pos > 0 && s->pos == s->end)
        s->pos = s->end = 0;
    if (s->end == s->cap) {
        if (s->pos > 0) {
            memmove(s->buf, s->buf + s->pos, s->end - s->pos);
            s->end -= s->pos;
            s->pos = 0;
        } else {
            if (s->cap >= limit)
                return 0;
            size_t ncap = s->cap ? s->cap * 2 : READ_CHUNK;
            if (ncap > limit)
                ncap = limit;
            char *nb = realloc(s->buf, ncap);
            if (!nb)
                return kg_error_set(KG_ENOMEM, "%s: out of memory", s->name);
            s->buf = nb;
            s->cap = ncap;
        }
    }
    size_t want = s->cap - s->end;
    if (want > READ_CHUNK)
        want = READ_CHUNK;
    for (;;) {
        ssize_t r = read(s->fd, s->buf + s->end, want);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return kg_error_set(KG_EIO, "%s: read failed: %s", s->name, strerror(errno));
        if (r == 0)
            s->eof = 1;
        s->end += (size_t)r;
        return (long)r;
    }
}

/* Next line (without '\n' or a trailing '\r'), pointing into the buffer and
 * valid until the next call. Returns 1, 0 at EOF, or a negative code. A
 * line longer than `max` is skipped up to its end and reported with
 * *too_long set (and *len its length so far). */
static int src_line(in_src *s, size_t max, const char **line, size_t *len, int *too_long)
{
    size_t scanned = 0, skipped = 0;
    *too_long = 0;
    for (;;) {
        char *nl = s->end > s->pos + scanned
                       ? memchr(s->buf + s->pos + scanned, '\n', s->end - s->pos - scanned)
                       : NULL;
        if (nl || (s->eof && s->end > s->pos)) {
            size_t e = nl ? (size_t)(nl - s->buf) : s->end;
            *line = s->buf + s->pos;
            *len = e - s->pos;
            s->pos = nl ? e + 1 : e;
            s->line++;
            if (*len && (*line)[*len - 1] == '\r')
                (*len)--;
            if (skipped) {
                *too_long = 1;
                *len += skipped;
            }
            return 1;
        }
        if (s->eof) {
            if (!skipped)
                return 0;
            *too_long = 1;
            *line = s->buf + s->pos;
            *len = skipped;
            s->line++;
            return 1;
        }
        scanned = s->end - s->pos;
        if (scanned > max) {
            /* Too long: drop what we have, keep looking for the end. */
            skipped += scanned;
            s->pos = s->end;
            scanned = 0;
        }
        long r = src_fill(s, max + READ_CHUNK);
        if (r < 0)
            return (int)r;
    }
}

/* ---- the reader ------------------------------------------------------- */

typedef struct dir_key {
    dev_t dev;
    ino_t ino;
} dir_key;

typedef struct seen_dir {
    dir_key key;
    UT_hash_handle hh;
} seen_dir;

typedef struct dir_frame {
    char *path;
    char **names; /* sorted */
    size_t n, next;
} dir_frame;

struct kg_reader {
    char **paths;
    size_t n_paths, next_path;
    kg_read_opts o;
    dir_frame *stack;
    size_t depth, cap_stack;
    seen_dir *seen;
    in_src src;  /* the open input */
    int jsonl;   /* src is being read as JSON Lines */
    char *where; /* "PATH:LINE" for JSON Lines articles */
    size_t where_cap;
    char *cur; /* kg_reader_path() */
    int stdin_done;
};

int kg_reader_new(kg_reader **out, const char *const *paths, size_t n, const kg_read_opts *o)
{
    *out = NULL;
    kg_reader *r = calloc(1, sizeof *r);
    if (!r)
        return kg_error_set(KG_ENOMEM, "out of memory");
    r->src.fd = -1;
    if (o)
        r->o = *o;
    if (n) {
        r->paths = calloc(n, sizeof *r->paths);
        if (!r->paths)
            goto oom;
        for (size_t i = 0; i < n; i++, r->n_paths++)
            if (!(r->paths[i] = kg_strdup(paths[i])))
                goto oom;
    }
    *out = r;
    return 0;
oom:
    kg_reader_free(r);
    return kg_error_set(KG_ENOMEM, "out of memory");
}

static void frame_free(dir_frame *f)
{
    for (size_t i = 0; i < f->n; i++)
        free(f->names[i]);
    free(f->names);
    free(f->path);
}

void kg_reader_free(kg_reader *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_paths; i++)
        free(r->paths[i]);
    free(r->paths);
    for (size_t i = 0; i < r->depth; i++)
        frame_free(&r->stack[i]);
    free(r->stack);
    seen_dir *e, *tmp;
    HASH_ITER(hh, r->seen, e, tmp)
    {
        HASH_DEL(r->seen, e);
        free(e);
    }
    src_close(&r->src);
    free(r->src.buf);
    free(r->where);
    free(r->cur);
    free(r);
}

const char *kg_reader_path(const kg_reader *r)
{
    return r->cur ? r->cur : "";
}

static int set_cur(kg_reader *r, const char *path)
{
    char *p = kg_strdup(path);
    if (!p)
        return kg_error_set(KG_ENOMEM, "out of memory");
    free(r->cur);
    r->cur = p;
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join_path(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (!p)
        return NULL;
    memcpy(p, dir, a);
    size_t k = a;
    if (a && dir[a - 1] != '/')
        p[k++] = '/';
    memcpy(p + k, name, b + 1);
    return p;
}

/* Enters directory `path` (its stat in st): records it as seen and pushes
 * its sorted listing. A directory seen before is skipped with a warning.
 * Returns 0 or a KG_E* code naming the path. */
static int push_dir(kg_reader *r, const char *path, const struct stat *st)
{
    int rc = 0, oom = 0;
    dir_key key;
    memset(&key, 0, sizeof key);
    key.dev = st->st_dev;
    key.ino = st->st_ino;
    seen_dir *e = NULL;
    HASH_FIND(hh, r->seen, &key, sizeof key, e);
    if (e) {
        warnf(&r->o, "%s: directory already visited (symlink loop?), skipped", path);
        return 0;
    }
    e = calloc(1, sizeof *e);
    if (!e)
        return kg_error_set(KG_ENOMEM, "out of memory");
    e->key = key;
    HASH_ADD(hh, r->seen, key, sizeof key, e);
    if (oom) {
        free(e);
        return kg_error_set(KG_ENOMEM, "out of memory");
    }

    dir_frame f = {0};
    DIR *d = opendir(path);
    if (!d)
        return kg_error_set(KG_EIO, "%s: cannot open directory: %s", path, strerror(errno));
    size_t cap = 0;
    struct dirent *de;
    errno = 0;
    while ((de = readdir(d)) != NULL) {
        /* Hidden entries (".", "..", ".git", editor files) are not articles. */
        if (de->d_name[0] == '.')
            continue;
        if (f.n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            char **nn = realloc(f.names, ncap * sizeof *nn);
            if (!nn)
                goto oom;
            f.names = nn;
            cap = ncap;
        }
        if (!(f.names[f.n] = kg_strdup(de->d_name)))
            goto oom;
        f.n++;
        errno = 0;
    }
    if (errno) {
        rc = kg_error_set(KG_EIO, "%s: cannot read directory: %s", path, strerror(errno));
        goto fail;
    }
    closedir(d);
    d = NULL;
    qsort(f.names, f.n, sizeof *f.names, cmp_names);
    if (!(f.path = kg_strdup(path)))
        goto oom;
    if (r->depth == r->cap_stack) {
        size_t ncap = r->cap_stack ? r->cap_stack * 2 : 8;
        dir_frame *ns = realloc(r->stack, ncap * sizeof *ns);
        if (!ns)
            goto oom;
        r->stack = ns;
        r->cap_stack = ncap;
    }
    r->stack[r->depth++] = f;
    return 0;
oom:
    rc = kg_error_set(KG_ENOMEM, "out of memory");
fail:
    if (d)
        closedir(d);
    frame_free(&f);
    return rc;
}

static int has_ext(const char *path, const char *ext)
{
    size_t a = strlen(path), b = strlen(ext);
    if (a <= b)
        return 0;
    const char *p = path + a - b;
    for (size_t i = 0; i < b; i++)
        if ((p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 : p[i]) != ext[i])
            return 0;
    return 1;
}

/* Opens `path` ("-": stdin) as the current source. */
static int open_src(kg_reader *r, const char *path)
{
    in_src *s = &r->src;
    src_close(s);
    s->is_stdin = strcmp(path, "-") == 0;
    s->name = kg_strdup(s->is_stdin ? STDIN_NAME : path);
    if (!s->name)
        return kg_error_set(KG_ENOMEM, "out of memory");
    if (s->is_stdin) {
        s->fd = STDIN_FILENO;
        return 0;
    }
    do
        s->fd = open(path, O_RDONLY);
    while (s->fd < 0 && errno == EINTR);
    if (s->fd < 0) {
        int err = errno;
        free(s->name);
        s->name = NULL;
        return kg_error_set(KG_EIO, "%s: cannot open: %s", path, strerror(err));
    }
    return 0;
}

/* Whether the open source holds JSON Lines: its first non-blank byte is '{'
 * and its first line parses as an object with a "text" string. Looks at
 * buffered bytes only (reading more as needed); consumes nothing. */
static int sniff_jsonl(kg_reader *r, int *is_jsonl)
{
    in_src *s = &r->src;
    size_t max = article_max(&r->o);
    size_t i = 0;
    *is_jsonl = 0;
    for (;;) {
        while (s->pos + i < s->end) {
            unsigned char c = (unsigned char)s->buf[s->pos + i];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
                i++;
            else if (c == 0xEF && s->pos + i + 2 < s->end &&
                     (unsigned char)s->buf[s->pos + i + 1] == 0xBB &&
                     (unsigned char)s->buf[s->pos + i + 2] == 0xBF)
                i += 3; /* byte order mark */
            else
                goto found;
        }
        long rd = src_fill(s, max + READ_CHUNK);
        if (rd < 0)
            return (int)rd;
        if (rd == 0 && (s->eof || s->end - s->pos >= max))
            return 0;
    }
found:
    if (s->buf[s->pos + i] != '{')
        return 0;
    for (;;) {
        char *nl = memchr(s->buf + s->pos + i, '\n', s->end - s->pos - i);
        if (nl || s->eof) {
            size_t e = nl ? (size_t)(nl - s->buf) : s->end;
            cJSON *j = cJSON_ParseWithLength(s->buf + s->pos + i, e - s->pos - i);
            *is_jsonl =
                cJSON_IsObject(j) && cJSON_IsString(cJSON_GetObjectItemCaseSensitive(j, "text"));
            cJSON_Delete(j);
            return 0;
        }
        long rd = src_fill(s, max + READ_CHUNK);
        if (rd < 0)
            return (int)rd;
        if (rd == 0 && s->end - s->pos >= max)
            return 0; /* a first line this long is not an article list */
    }
}

/* Reads the whole open source as one plain-text article. Returns 1 with
 * *out, 0 when the input was skipped (warned), or a negative code. */
static int read_plain(kg_reader *r, kg_doc **out)
{
    in_src *s = &r->src;
    size_t max = article_max(&r->o);
    int rc;
    for (;;) {
        long rd = src_fill(s, max + 1);
        if (rd < 0) {
            rc = (int)rd;
            goto done;
        }
        if (s->eof)
            break;
        if (rd == 0 && s->end - s->pos > max) {
            warnf(&r->o, "%s: article larger than %zu bytes, skipped", s->name, max);
            rc = 0;
            goto done;
        }
    }
    const char *t = s->buf + s->pos;
    size_t n = s->end - s->pos;
    if (n > max) {
        warnf(&r->o, "%s: article of %zu bytes exceeds the limit of %zu, skipped", s->name, n, max);
        rc = 0;
        goto done;
    }
    if (memchr(t, '\0', n)) {
        warnf(&r->o, "%s: contains NUL bytes (binary file?), skipped", s->name);
        rc = 0;
        goto done;
    }
    kg_article_meta m = {0};
    m.source = s->name;
    rc = build_article(out, t, n, &m, 1, s->name, &r->o);
    if (rc == KG_ELIMIT) {
        warnf(&r->o, "%s", kg_error_last());
        rc = 0;
    } else if (rc == 0)
        rc = 1;
done:
    src_close(s);
    return rc;
}

/* Next article of the JSON Lines source. Returns 1, 0 at its end, or a
 * negative code (the stream stays open unless the error is a read error). */
static int read_jsonl(kg_reader *r, kg_doc **out)
{
    in_src *s = &r->src;
    size_t max = article_max(&r->o);
    for (;;) {
        const char *line = NULL;
        size_t len = 0;
        int too_long;
        int rc = src_line(s, max, &line, &len, &too_long);
        if (rc < 0) {
            src_close(s);
            r->jsonl = 0;
            return rc;
        }
        if (rc == 0) {
            src_close(s);
            r->jsonl = 0;
            return 0;
        }
        if (too_long) {
            warnf(&r->o, "%s:%lu: line of %zu bytes exceeds the article limit of %zu, skipped",
                  s->name, s->line, len, max);
            continue;
        }
        if (s->line == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
            line += 3;
            len -= 3;
        }
        size_t k = 0;
        while (k < len && (line[k] == ' ' || line[k] == '\t' || line[k] == '\r'))
            k++;
        if (k == len)
            continue;
        size_t need = strlen(s->name) + 24;
        if (need > r->where_cap) {
            char *w = realloc(r->where, need);
            if (!w)
                return kg_error_set(KG_ENOMEM, "out of memory");
            r->where = w;
            r->where_cap = need;
        }
        snprintf(r->where, r->where_cap, "%s:%lu", s->name, s->line);
        rc = kg_read_json(out, line, len, r->where, &r->o);
        if (rc == 0)
            return 1;
        if (rc == KG_EPARSE || rc == KG_ELIMIT) {
            warnf(&r->o, "%s", kg_error_last());
            continue;
        }
        return rc;
    }
}

/* Starts reading a file or stdin: decides between JSON Lines and plain
 * text, and for plain text reads the article. */
static int start_file(kg_reader *r, const char *path, kg_doc **out)
{
    int rc = open_src(r, path);
    if (rc)
        return rc;
    int jsonl = has_ext(path, ".jsonl") || has_ext(path, ".ndjson");
    if (!jsonl && (rc = sniff_jsonl(r, &jsonl)) != 0) {
        src_close(&r->src);
        return rc;
    }
    if (jsonl) {
        r->jsonl = 1;
        return read_jsonl(r, out);
    }
    return read_plain(r, out);
}

/* Handles the path of an operand or directory entry. `from_dir`: found
 * while walking a directory, where only .txt/.md files are read. */
static int visit(kg_reader *r, const char *path, int from_dir, kg_doc **out)
{
    int rc = set_cur(r, path);
    if (rc)
        return rc;
    if (strcmp(path, "-") == 0) {
        if (r->stdin_done) {
            warnf(&r->o, "%s: standard input given twice, read once", STDIN_NAME);
            return 0;
        }
        r->stdin_done = 1;
        return start_file(r, path, out);
    }
    struct stat st;
    if (stat(path, &st) != 0)
        return kg_error_set(KG_EIO, "%s: %s", path, strerror(errno));
    if (S_ISDIR(st.st_mode))
        return push_dir(r, path, &st);
    if (from_dir) {
        if (!S_ISREG(st.st_mode) || !(has_ext(path, ".txt") || has_ext(path, ".md"))) {
            warnf(&r->o, "%s: not a .txt or .md file, skipped", path);
            return 0;
        }
    }
    return start_file(r, path, out);
}

int kg_reader_next(kg_reader *r, kg_doc **out)
{
    *out = NULL;
    for (;;) {
        int rc;
        if (r->jsonl) {
            rc = read_jsonl(r, out);
            if (rc != 0)
                return rc;
            continue;
        }
        if (r->depth) {
            dir_frame *f = &r->stack[r->depth - 1];
            if (f->next == f->n) {
                frame_free(f);
                r->depth--;
                continue;
            }
            char *p = join_path(f->path, f->names[f->next++]);
            if (!p)
                return kg_error_set(KG_ENOMEM, "out of memory");
            rc = visit(r, p, 1, out);
            free(p);
        } else if (r->next_path < r->n_paths) {
            rc = visit(r, r->paths[r->next_path++], 0, out);
        } else {
            return 0;
        }
        if (rc != 0)
            return rc;
    }
}
