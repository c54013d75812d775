/*
 * util.c - atomic output files, the text hash and slugs.
 *
 * Atomic output is what keeps "never lose a graph" true: every file kg
 * writes goes to a temporary sibling first and is renamed over the target
 * only once it is complete and synced.
 */
/* realpath() is an XSI extension of POSIX. */
#define _XOPEN_SOURCE 700

#include "util.h"

#include "kg/error.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* How many outputs may be open at once; kg opens one per command. */
#define KG_OUT_OPEN_MAX 8

static char *volatile open_tmps[KG_OUT_OPEN_MAX];

static void track(char *tmp)
{
    for (int i = 0; i < KG_OUT_OPEN_MAX; i++)
        if (!open_tmps[i]) {
            open_tmps[i] = tmp;
            return;
        }
}

static void untrack(const char *tmp)
{
    for (int i = 0; i < KG_OUT_OPEN_MAX; i++)
        if (open_tmps[i] == tmp)
            open_tmps[i] = NULL;
}

/* Where writing to `path` should really go: the final target of a symbolic
 * link (so that `-o link` updates what the link points at and the link
 * survives), else `path` itself. A dangling link resolves to its target
 * made relative to the link's folder. Returns a malloc'd string or NULL
 * (out of memory). */
static char *resolve_target(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
        return kg_strdup(path);
    char *real = realpath(path, NULL);
    if (real)
        return real;
    /* Dangling: follow one hop by hand, since realpath() needs the target
     * to exist. */
    char link[PATH_MAX];
    ssize_t n = readlink(path, link, sizeof link - 1);
    if (n <= 0)
        return kg_strdup(path);
    link[n] = '\0';
    const char *slash = strrchr(path, '/');
    if (link[0] == '/' || !slash)
        return kg_strdup(link);
    size_t dir = (size_t)(slash - path) + 1;
    char *out = malloc(dir + (size_t)n + 1);
    if (out) {
        memcpy(out, path, dir);
        memcpy(out + dir, link, (size_t)n + 1);
    }
    return out;
}

static void out_release(kg_out *o)
{
    free(o->path);
    free(o->tmp);
    free(o->target);
    memset(o, 0, sizeof *o);
}

int kg_out_open(kg_out *o, const char *path)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->f = stdout;
        return 0;
    }
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* A device or FIFO (/dev/null, /dev/full) cannot be replaced by
         * rename(), and renaming over it as root would destroy the device
         * node: write to it directly (path set, tmp NULL). */
        if (S_ISDIR(st.st_mode))
            return kg_error_set(KG_EIO, "%s: is a directory", path);
        o->path = kg_strdup(path);
        o->f = o->path ? fopen(path, "w") : NULL;
        if (!o->f) {
            int err = o->path ? errno : ENOMEM;
            out_release(o);
            return kg_error_set(KG_EIO, "%s: cannot open: %s", path, strerror(err));
        }
        return 0;
    }
    o->path = kg_strdup(path);
    o->target = resolve_target(path);
    size_t n = o->target ? strlen(o->target) : 0;
    o->tmp = malloc(n + 16);
    if (!o->path || !o->target || !o->tmp) {
        out_release(o);
        return kg_error_set(KG_ENOMEM, "out of memory");
    }
    /* Same directory as the target so that rename() stays atomic. */
    snprintf(o->tmp, n + 16, "%s.tmp.XXXXXX", o->target);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        int err = errno;
        out_release(o);
        return kg_error_set(KG_EIO, "%s: cannot create: %s", path, strerror(err));
    }
    o->f = fdopen(fd, "w");
    if (!o->f) {
        int err = errno;
        close(fd);
        unlink(o->tmp);
        out_release(o);
        return kg_error_set(KG_EIO, "%s: cannot open: %s", path, strerror(err));
    }
    track(o->tmp);
    return 0;
}

/* The permission bits the finished file gets: the replaced file's own, so
 * that replacing a 0600 graph does not widen it (or a 0644 one narrow it);
 * for a new file the usual 0666 less the umask, since mkstemp makes 0600. */
static mode_t out_mode(const char *target)
{
    struct stat st;
    if (stat(target, &st) == 0 && S_ISREG(st.st_mode))
        return st.st_mode & 07777;
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

int kg_out_commit(kg_out *o)
{
    /* A failed buffered write sets the stream's error flag and errno; keep
     * that errno, since flushing again may succeed and say nothing. */
    int earlier = errno;
    int rc = 0;
    if (!o->tmp) {
        const char *name = o->path ? o->path : "<stdout>";
        int err = 0;
        errno = 0;
        if (fflush(o->f) != 0)
            err = errno ? errno : EIO;
        else if (ferror(o->f))
            err = earlier ? earlier : EIO;
        if (o->path) { /* a device opened directly */
            errno = 0;
            if (fclose(o->f) != 0 && !err)
                err = errno ? errno : EIO;
        }
        if (err)
            rc = kg_error_set(KG_EIO, "%s: write failed: %s", name, strerror(err));
        out_release(o);
        return rc;
    }
    int err = 0;
    errno = 0;
    if (fflush(o->f) != 0)
        err = errno ? errno : EIO;
    else if (ferror(o->f))
        err = earlier ? earlier : EIO;
    else if (fsync(fileno(o->f)) != 0)
        err = errno ? errno : EIO;
    errno = 0;
    if (fclose(o->f) != 0 && !err)
        err = errno ? errno : EIO;
    o->f = NULL;
    if (!err) {
        if (chmod(o->tmp, out_mode(o->target)) != 0)
            err = errno;
        else if (rename(o->tmp, o->target) != 0)
            err = errno;
    }
    if (err) {
        unlink(o->tmp);
        rc = kg_error_set(KG_EIO, "%s: write failed: %s", o->path, strerror(err));
    }
    untrack(o->tmp);
    out_release(o);
    return rc;
}

void kg_out_abort(kg_out *o)
{
    int saved = errno; /* callers report the write error after aborting */
    if (o->tmp) {
        if (o->f)
            fclose(o->f);
        unlink(o->tmp);
        untrack(o->tmp);
    } else if (o->path) { /* a device opened directly */
        fclose(o->f);
    }
    out_release(o);
    errno = saved;
}

static void on_signal(int sig)
{
    /* Only async-signal-safe calls here: unlink and _exit. */
    for (int i = 0; i < KG_OUT_OPEN_MAX; i++)
        if (open_tmps[i])
            unlink(open_tmps[i]);
    signal(sig, SIG_DFL);
    raise(sig);
}

void kg_out_cleanup_on_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        /* A signal the caller ignores stays ignored: `nohup kg build ...`
         * and background jobs of a non-interactive shell must survive
         * SIGHUP and SIGINT as they would without the handler. */
        struct sigaction old;
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        signal(sigs[i], on_signal);
    }
}

uint64_t kg_hash64(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

void kg_hash_hex(char out[17], const void *data, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    uint64_t h = kg_hash64(data, len);
    for (int i = 15; i >= 0; i--) {
        out[i] = hex[h & 15];
        h >>= 4;
    }
    out[16] = '\0';
}

/* Base letter of a two-byte UTF-8 Latin-1 supplement letter (U+00C0..U+00FF),
 * or 0. */
static char fold_latin1(unsigned cp)
{
    static const char map[] = "aaaaaaaceeeeiiiidnooooo/ouuuuyts"
                              "aaaaaaaceeeeiiiidnooooo/ouuuuyty";
    if (cp < 0xC0 || cp > 0xFF)
        return 0;
    char c = map[cp - 0xC0];
    return c == '/' ? 0 : c;
}

char *kg_slug(const char *name, size_t len)
{
    char *out = malloc(len + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    int dash = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)name[i];
        char keep = 0;
        if (c >= 'A' && c <= 'Z')
            keep = (char)(c - 'A' + 'a');
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            keep = (char)c;
        else if ((c == 0xC3) && i + 1 < len) {
            unsigned cp = 0xC0 + ((unsigned char)name[i + 1] & 0x3F);
            keep = fold_latin1(cp);
            i++;
        }
        if (keep) {
            if (dash && o > 0)
                out[o++] = '-';
            dash = 0;
            out[o++] = keep;
        } else if (c == '\'') {
            /* apostrophes vanish: "O'Neill" -> "oneill" */
        } else if (c == 0xE2 && i + 2 < len && (unsigned char)name[i + 1] == 0x80 &&
                   (unsigned char)name[i + 2] == 0x99) {
            i += 2; /* U+2019, the typographic apostrophe */
        } else {
            dash = 1;
        }
    }
    out[o] = '\0';
    return out;
}

char *kg_strdup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}
