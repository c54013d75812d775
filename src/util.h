/*
 * util.h - small private helpers shared by several modules: atomic file
 * replacement, the article text hash and id slugs. Not API.
 */
#ifndef KG_UTIL_H
#define KG_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* An output file being written: stdout, or a temporary file beside the
 * target that kg_out_commit() renames over it. */
typedef struct kg_out {
    FILE *f;
    char *path;   /* target as named by the caller, NULL for stdout */
    char *tmp;    /* temporary file, NULL for stdout */
    char *target; /* what the rename replaces: path, or a symlink's target */
} kg_out;

/* Opens `path` ("-" or NULL for stdout) for an atomic write. A path that
 * exists and is not a regular file (/dev/null, /dev/full, a FIFO) is written
 * directly, since it cannot be replaced by rename(). A symbolic link is
 * written through: its target is replaced and the link stays.
 * Returns 0 or KG_EIO with a message naming the path. */
int kg_out_open(kg_out *o, const char *path);

/* Flushes, fsyncs and renames the temporary file over the target (or flushes
 * stdout). A replaced file keeps its permission bits. Always releases `o`.
 * Returns 0 or KG_EIO with the system's reason (target left untouched). */
int kg_out_commit(kg_out *o);

/* Closes and removes the temporary file; the target is left untouched. */
void kg_out_abort(kg_out *o);

/* Removes every temporary file still open (called from signal handlers via
 * kg_out_cleanup_on_signals(), so an interrupted run leaves no debris). */
void kg_out_cleanup_on_signals(void);

/* 64-bit FNV-1a of the bytes. */
uint64_t kg_hash64(const void *data, size_t len);

/* Writes the 16 lower-case hex digits of kg_hash64(data) plus NUL to out. */
void kg_hash_hex(char out[17], const void *data, size_t len);

/* The slug of a name for node ids: lower-case ASCII letters and digits, any
 * run of other bytes folded to one '-', no leading or trailing '-'. Common
 * Latin-1 accented letters fold to their base letter. Returns a malloc'd
 * string (possibly "") or NULL on allocation failure. */
char *kg_slug(const char *name, size_t len);

/* strdup that accepts NULL (returns NULL then). */
char *kg_strdup(const char *s);

#endif
