/*
 * kg/read.h - reading articles: the first stage of the pipeline.
 *
 * A kg_reader walks its inputs in order and hands out one article at a time
 * as a kg_doc (text, len, meta; see kg/doc.h). Inputs are:
 *   - "-": standard input (plain text, or JSON Lines when its first
 *     non-blank byte is '{' and its first line is a JSON object with a
 *     "text" string);
 *   - a file: plain text, or JSON Lines of {"id","title","text","date","url"}
 *     when it ends in .jsonl/.ndjson or passes the same sniff as stdin;
 *   - a directory: walked recursively, depth first, entries in byte-wise
 *     sorted order (so output is deterministic); symbolic links are
 *     followed; .txt and .md files (any case) are read, other files are
 *     skipped with a warning, hidden entries (".git", ".DS_Store") silently;
 *     a directory already visited (same device and inode, e.g. through a
 *     symlink loop) is skipped with a warning.
 * A file named as an operand is read whatever its extension.
 *
 * What every article goes through:
 *   - invalid UTF-8 is repaired: each bad byte becomes U+FFFD (overlong
 *     forms, surrogates and code points above U+10FFFF count as invalid),
 *     with one warning giving the count. Never fatal.
 *   - meta.hash is the text hash of the repaired text; meta.id is the
 *     JSON Lines "id" if given, else that hash.
 *   - page boilerplate lines ("Subscribe to continue", "You've read 3 of 5
 *     free articles", "Share this article", cookie notices, ...) are blanked:
 *     their bytes are overwritten with spaces after hashing, so the length
 *     and every byte offset still match the text as read, and the hash (the
 *     article's identity) does not change when the boilerplate list does.
 *
 * Plain-text files: the whole file is one article; the title is the first
 * line when it is at most KG_READ_TITLE_MAX bytes and followed by a blank
 * line; source is the path ("<stdin>" for stdin). JSON Lines: source is
 * "url" if given, else "PATH:LINE"; "id" may be a string or a number; a bad
 * line (not JSON, or no "text" string) is a warning naming PATH:LINE and is
 * skipped; blank lines are ignored.
 *
 * Skipped with a warning (not an error): files containing NUL bytes
 * (binary), articles larger than the article limit. An empty or
 * whitespace-only article is still returned. A missing or unreadable path is
 * an error naming the path: kg_reader_next() returns it, and the next call
 * carries on with the next input, so the caller decides whether to continue.
 *
 * Streaming: a reader holds one article (one JSON line, one file) at a time,
 * plus the sorted listing of the directories it is inside.
 *
 * Memory: a reader from kg_reader_new() belongs to the caller and is freed
 * with kg_reader_free() (NULL is a no-op). Each kg_doc handed out belongs to
 * the caller (kg_doc_free()). Warning messages passed to the callback are
 * borrowed for the duration of the call.
 */
#ifndef KG_READ_H
#define KG_READ_H

#include <stddef.h>

#include "kg/doc.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Largest article read (bytes): larger ones are skipped with a warning so
 * that one runaway input cannot exhaust memory; later stages index tokens
 * and offsets with uint32_t, which this keeps far away from overflow. */
#define KG_READ_ARTICLE_MAX ((size_t)256 << 20)

/* Longest first line taken as a title (bytes); a longer first line is a
 * paragraph, not a headline. */
#define KG_READ_TITLE_MAX 200

/* Receives one-line warnings ("PATH:LINE: not JSON, skipped"). */
typedef void (*kg_read_warn_fn)(void *ctx, const char *msg);

typedef struct kg_read_opts {
    kg_read_warn_fn warn; /* NULL: warnings are dropped */
    void *warn_ctx;
    size_t article_max;   /* 0: KG_READ_ARTICLE_MAX; at most 1 GiB is honoured */
    int keep_boilerplate; /* nonzero: do not blank boilerplate lines */
} kg_read_opts;

typedef struct kg_reader kg_reader;

/* Creates a reader over paths[0..n) (copied; "-" is stdin). Paths are not
 * opened until kg_reader_next() reaches them. `o` may be NULL (defaults).
 * Returns 0 or KG_ENOMEM. */
int kg_reader_new(kg_reader **out, const char *const *paths, size_t n, const kg_read_opts *o);

/* Reads the next article into *out (caller's). Returns 1 when an article
 * was read, 0 at the end of all inputs, or a negative KG_E* code (KG_EIO for
 * a missing or unreadable path, KG_ENOMEM) with kg_error_last() naming the
 * path; after an error the reader moves on, so calling again continues with
 * the next article or input. *out is NULL unless 1 is returned. */
int kg_reader_next(kg_reader *r, kg_doc **out);

/* The input (file path, "-") the last article or error came from, or "" before
 * the first call. Borrowed until the next kg_reader_next(). Standard input
 * given twice is read once (with a warning). */
const char *kg_reader_path(const kg_reader *r);

void kg_reader_free(kg_reader *r);

/* Reads one plain-text article from buf[0..len) exactly as a plain-text
 * file would be read (UTF-8 repair, title, hash, boilerplate; NUL bytes and
 * size limit are errors here: KG_EPARSE / KG_ELIMIT). `source` may be NULL.
 * For tests, fuzzing and embedding. Returns 0 or a KG_E* code. */
int kg_read_text(kg_doc **out, const char *buf, size_t len, const char *source,
                 const kg_read_opts *o);

/* Reads one JSON Lines article (one line, without its newline) as a JSON
 * Lines file would ("id","title","text","date","url"). `where` names the
 * position for messages and is the source when there is no "url".
 * Returns 0, KG_EPARSE (not a JSON object with a "text" string), KG_ELIMIT
 * or KG_ENOMEM. */
int kg_read_json(kg_doc **out, const char *line, size_t len, const char *where,
                 const kg_read_opts *o);

/* Repairs invalid UTF-8: writes the repaired form of
 * s[0..len) into a new malloc'd NUL-terminated buffer (*out, length *out_len)
 * and returns the number of bad bytes replaced by U+FFFD (0: valid), or
 * KG_ENOMEM. */
long kg_read_repair_utf8(char **out, size_t *out_len, const char *s, size_t len);

/* Overwrites boilerplate lines of text[0..len) with spaces; returns how many
 * lines were blanked. */
size_t kg_read_blank_boilerplate(char *text, size_t len);

#ifdef __cplusplus
}
#endif
#endif
