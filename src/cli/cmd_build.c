/*
 * cmd_build.c - `kg build INPUT...`: extract every article and merge the
 * per-article graphs into one graph, optionally into an existing one
 * (--into) so that tomorrow's articles are added without a rebuild.
 *
 * An article is counted once: one whose text hash or id is already in the
 * graph, or in an article read earlier in this run, is skipped before
 * extraction.
 * With -j N, N threads take articles one at a time from the shared reader
 * (under a lock), extract them in parallel and merge each result into the
 * graph under a second lock. Merging is associative and commutative, so
 * the bytes written do not depend on N or on which thread took which
 * article; only reading, merging (a few percent of the work, overlapped
 * with the other threads' extraction) and the final write are serial.
 * Memory is the graph plus one article per thread: it follows the graph,
 * not the input.
 */
#include "cli.h"

#include "kg/error.h"
#include "kg/extract.h"
#include "kg/graph.h"
#include "kg/lexicon.h"
#include "kg/read.h"
#include "kg/recognize.h"
#include "kg/snapshot.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <uthash.h>

static const char *const cmd = "build";

/* Most worker threads: more than any machine here has cores. */
#define KG_BUILD_THREADS_MAX 256
/* Progress updates per second at most: a terminal cannot show more. */
#define KG_BUILD_PROGRESS_HZ 5

static void usage(FILE *f)
{
    fprintf(f,
            "Usage: kg build [OPTIONS] INPUT...\n\n"
            "Extracts entities and relations from articles and merges them into one\n"
            "knowledge graph (JSON Graph Format). An article whose text is already in the\n"
            "graph is counted once.\n\n"
            "INPUT is a text file (one article), a JSON Lines file of\n"
            "{\"id\",\"title\",\"text\",\"date\",\"url\"} objects, a directory (read\n"
            "recursively) or '-' for standard input (the default).\n\n"
            "Options:\n"
            "  -o, --output FILE    write the graph to FILE (default: standard output, or\n"
            "                       the --into graph)\n"
            "      --into GRAPH     add to GRAPH (created if missing) and write it back\n"
            "      --lexicon FILE   add the entries of a lexicon file (repeatable)\n"
            "      --evidence N     keep at most N evidence sentences per edge (default %d)\n"
            "  -j, --jobs N         extract with N threads (default 1); output is the same\n"
            "  -h, --help           show this help and exit\n\n"
            "Progress is shown on standard error when it is a terminal. Output files are\n"
            "replaced only by a complete new graph. Exit status: 0 on success, 1 if an\n"
            "input could not be read or the graph not written, 2 for usage errors.\n",
            KG_EVIDENCE_DEFAULT);
}

static void warn(void *ctx, const char *msg)
{
    (void)ctx;
    cli_warn(cmd, "%s", msg);
}

/* ======================================================================
 * Articles seen in this run
 * ==================================================================== */

typedef struct seen {
    char *key; /* "h<hash>" or "i<id>" */
    UT_hash_handle hh;
} seen;

static int seen_has(seen *set, char kind, const char *s)
{
    size_t n = strlen(s);
    char buf[128];
    char *key = n + 2 <= sizeof buf ? buf : malloc(n + 2);
    if (!key)
        return 0;
    key[0] = kind;
    memcpy(key + 1, s, n + 1);
    seen *e = NULL;
    HASH_FIND_STR(set, key, e);
    if (key != buf)
        free(key);
    return e != NULL;
}

static int seen_add(seen **set, char kind, const char *s)
{
    size_t n = strlen(s);
    seen *e = malloc(sizeof *e);
    if (!e)
        return KG_ENOMEM;
    e->key = malloc(n + 2);
    if (!e->key) {
        free(e);
        return KG_ENOMEM;
    }
    e->key[0] = kind;
    memcpy(e->key + 1, s, n + 1);
    int oom = 0;
#undef uthash_nonfatal_oom
#define uthash_nonfatal_oom(obj) (oom = 1)
    HASH_ADD_KEYPTR(hh, *set, e->key, n + 1, e);
    if (oom) {
        free(e->key);
        free(e);
        return KG_ENOMEM;
    }
    return 0;
}

static void seen_del(seen **set, char kind, const char *s)
{
    size_t n = strlen(s);
    char buf[128];
    char *key = n + 2 <= sizeof buf ? buf : malloc(n + 2);
    if (!key)
        return;
    key[0] = kind;
    memcpy(key + 1, s, n + 1);
    seen *e = NULL;
    HASH_FIND_STR(*set, key, e);
    if (key != buf)
        free(key);
    if (e) {
        HASH_DEL(*set, e);
        free(e->key);
        free(e);
    }
}

static void seen_free(seen **set)
{
    seen *e, *tmp;
    HASH_ITER(hh, *set, e, tmp)
    {
        HASH_DEL(*set, e);
        free(e->key);
        free(e);
    }
}

/* ======================================================================
 * Progress
 * ==================================================================== */

typedef struct progress {
    int tty;
    double t0, last;
    size_t articles, added, skipped, failed;
    size_t bytes;
} progress;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double rate(const progress *p, double t)
{
    double dt = t - p->t0;
    return dt > 0 ? (double)p->bytes / 1e6 / dt : 0.0;
}

static void progress_show(progress *p, int force)
{
    if (!p->tty)
        return;
    double t = now();
    if (!force && t - p->last < 1.0 / KG_BUILD_PROGRESS_HZ)
        return;
    p->last = t;
    fprintf(stderr, "\r\033[Kkg: build: %zu articles, %.1f MB, %.1f MB/s", p->articles,
            (double)p->bytes / 1e6, rate(p, t));
    fflush(stderr);
}

static void progress_clear(const progress *p)
{
    if (p->tty) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
}

/* ======================================================================
 * Worker threads
 * ==================================================================== */

/* What the workers share. Under `lock`: the reader (one article at a time,
 * in input order), the articles taken but not yet merged, the progress
 * counters and standard error. Under `merge_lock`: the graph being built.
 * Lock order: `lock` may be held while taking `merge_lock`, never the
 * reverse. */
typedef struct shared {
    pthread_mutex_t lock;
    pthread_mutex_t merge_lock;
    kg_graph *acc;        /* where every article's graph is merged */
    kg_reader *rd;
    const kg_graph *into; /* the --into graph, or NULL; only read while
                             several threads run */
    seen *set; /* in flight: taken, not yet merged; at most one per thread */
    progress *p;
    const kg_extract_opts *xo;
    int status; /* KG_EXIT_DATA once an input could not be read */
    int stop;   /* set on a failure that ends the build (message in err) */
    char *err;
} shared;

static void stop_with(shared *sh, int rc)
{
    if (!sh->stop) {
        sh->stop = rc ? rc : KG_ENOMEM;
        sh->err = kg_strdup(kg_error_last());
    }
}

/* Takes the next article not seen before, under the lock. Returns 1 with
 * *out set, 0 at the end of input or when the build stops. */
static int take(shared *sh, kg_doc **out)
{
    for (;;) {
        if (sh->stop)
            return 0;
        kg_doc *d = NULL;
        int rc = kg_reader_next(sh->rd, &d);
        if (rc < 0) {
            progress_clear(sh->p);
            sh->status = cli_fail(cmd);
            if (rc == KG_ENOMEM)
                stop_with(sh, rc);
            continue;
        }
        if (rc == 0)
            return 0;
        const char *hash = d->meta.hash ? d->meta.hash : "";
        const char *id = d->meta.id ? d->meta.id : hash;
        /* An article is known if it is in flight, in the --into graph or
         * already merged. It leaves the in-flight set only after it is
         * merged, and the set cannot change while `lock` is held, so no
         * article slips between the two. Memory: the graph, plus one
         * entry per thread. */
        int known = seen_has(sh->set, 'h', hash) || seen_has(sh->set, 'i', id) ||
                    (sh->into && (kg_graph_has_hash(sh->into, hash) ||
                                  kg_graph_find_article(sh->into, id)));
        if (!known && sh->acc != sh->into) {
            pthread_mutex_lock(&sh->merge_lock);
            known = kg_graph_has_hash(sh->acc, hash) || kg_graph_find_article(sh->acc, id);
            pthread_mutex_unlock(&sh->merge_lock);
        }
        if (known) {
            sh->p->skipped++;
            sh->p->articles++;
            sh->p->bytes += d->len;
            kg_doc_free(d);
            progress_show(sh->p, 0);
            continue;
        }
        if (seen_add(&sh->set, 'h', hash) || seen_add(&sh->set, 'i', id)) {
            kg_doc_free(d);
            kg_error_set(KG_ENOMEM, "out of memory");
            stop_with(sh, KG_ENOMEM);
            return 0;
        }
        *out = d;
        return 1;
    }
}

/* Extraction (nearly all of the work) runs in parallel; merging is a few
 * percent of it, so threads seldom wait for merge_lock, and nothing is
 * left to merge when the input ends. Merge is associative and commutative:
 * the order in which threads merge does not change a byte of the result. */
static void *worker(void *arg)
{
    shared *sh = arg;
    for (;;) {
        kg_doc *d = NULL;
        pthread_mutex_lock(&sh->lock);
        int more = take(sh, &d);
        pthread_mutex_unlock(&sh->lock);
        if (!more)
            break;
        size_t len = d->len;
        kg_graph *ag = NULL;
        int rc = kg_extract_article(&ag, d, sh->xo);
        int merged = rc;
        if (!rc) {
            pthread_mutex_lock(&sh->merge_lock);
            merged = kg_graph_merge(sh->acc, ag);
            pthread_mutex_unlock(&sh->merge_lock);
        }
        kg_graph_free(ag);
        pthread_mutex_lock(&sh->lock);
        const char *hash = d->meta.hash ? d->meta.hash : "";
        seen_del(&sh->set, 'h', hash);
        seen_del(&sh->set, 'i', d->meta.id ? d->meta.id : hash);
        if (rc) {
            progress_clear(sh->p);
            fprintf(stderr, "kg: %s: %s: article skipped: %s\n", cmd,
                    d->meta.source && d->meta.source[0] ? d->meta.source : d->meta.id,
                    kg_error_last()[0] ? kg_error_last() : "extraction failed");
            sh->p->failed++;
            if (rc == KG_ENOMEM)
                stop_with(sh, rc);
        } else if (merged) {
            stop_with(sh, merged);
        } else {
            sh->p->added++;
        }
        sh->p->articles++;
        sh->p->bytes += len;
        progress_show(sh->p, 0);
        pthread_mutex_unlock(&sh->lock);
        kg_doc_free(d);
    }
    return NULL;
}

/* ======================================================================
 * The command
 * ==================================================================== */

static int load_into(kg_graph **g, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0 && errno == ENOENT)
        return kg_graph_new(g);
    return kg_graph_read_file(g, path);
}

int cmd_build(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"into", required_argument, NULL, 'I'},
        {"lexicon", required_argument, NULL, 'L'},
        {"evidence", required_argument, NULL, 'E'},
        {"jobs", required_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int status = KG_EXIT_OK;
    const char *output = NULL, *into = NULL;
    unsigned long evidence = 0, jobs = 1;
    kg_lexicon *lx = NULL;
    kg_reader *rd = NULL;
    kg_graph *g = NULL;
    shared sh;
    memset(&sh, 0, sizeof sh);
    pthread_mutex_init(&sh.lock, NULL);
    pthread_mutex_init(&sh.merge_lock, NULL);
    kg_graph *acc = NULL;
    pthread_t *tid = NULL;
    unsigned started = 0;
    progress p;
    memset(&p, 0, sizeof p);
    const char **lexicons = calloc((size_t)argc + 1, sizeof *lexicons);
    size_t n_lexicons = 0;
    if (!lexicons) {
        kg_error_set(KG_ENOMEM, "out of memory");
        status = cli_fail(cmd);
        goto done;
    }

    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "o:j:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'o':
            output = optarg;
            break;
        case 'I':
            into = optarg;
            break;
        case 'L':
            lexicons[n_lexicons++] = optarg;
            break;
        case 'E':
            if (cli_parse_positive(cmd, "--evidence", optarg, KG_EVIDENCE_MAX, &evidence) < 0) {
                status = KG_EXIT_USAGE;
                goto done;
            }
            break;
        case 'j':
            if (cli_parse_positive(cmd, "--jobs", optarg, KG_BUILD_THREADS_MAX, &jobs) < 0) {
                status = KG_EXIT_USAGE;
                goto done;
            }
            break;
        case 'h':
            usage(stdout);
            goto done;
        default:
            status = cli_usage_error(cmd, "unknown or incomplete option");
            goto done;
        }
    }

    if (into && strcmp(into, "-") == 0) {
        status = cli_usage_error(cmd, "--into needs a graph file, not '-'");
        goto done;
    }

    /* The lexicon and the tagger are built on first use; do it here, on
     * one thread, before workers share them. */
    status = cli_extractor_ready(cmd, lexicons, n_lexicons, &lx);
    if (status)
        goto done;

    if (into ? load_into(&g, into) : kg_graph_new(&g)) {
        status = cli_fail(cmd);
        goto done;
    }
    if (evidence && kg_graph_set_evidence_limit(g, evidence)) {
        status = cli_fail(cmd);
        goto done;
    }

    static const char *const stdin_only[] = {"-"};
    const char *const *inputs = optind < argc ? (const char *const *)argv + optind : stdin_only;
    size_t n_inputs = optind < argc ? (size_t)(argc - optind) : 1;
    kg_read_opts ro = {0};
    ro.warn = warn;
    if (kg_reader_new(&rd, inputs, n_inputs, &ro)) {
        status = cli_fail(cmd);
        goto done;
    }

    kg_extract_opts xo;
    kg_extract_opts_init(&xo);
    xo.lexicon = lx;
    xo.evidence = evidence ? evidence : kg_graph_evidence_limit(g);
    tid = calloc(jobs, sizeof *tid);
    if (!tid) {
        kg_error_set(KG_ENOMEM, "out of memory");
        status = cli_fail(cmd);
        goto done;
    }
    sh.rd = rd;
    sh.into = into ? g : NULL;
    sh.p = &p;
    sh.xo = &xo;
    /* Without --into (or on one thread, when nothing reads the graph while
     * it grows) articles go straight into the graph; otherwise into a new
     * one that joins the --into graph at the end, because the threads look
     * articles up in that one while others merge. */
    if (!into || jobs == 1) {
        sh.acc = g;
    } else {
        if (kg_graph_new(&acc) || kg_graph_set_evidence_limit(acc, xo.evidence)) {
            status = cli_fail(cmd);
            goto done;
        }
        sh.acc = acc;
    }
    p.tty = isatty(STDERR_FILENO);
    p.t0 = p.last = now();

    /* The calling thread is worker 0; a thread that cannot be started
     * leaves its share to the others. */
    for (unsigned long t = 1; t < jobs; t++)
        if (pthread_create(&tid[started], NULL, worker, &sh) == 0)
            started++;
    worker(&sh);
    for (unsigned t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    started = 0;
    progress_clear(&p);
    if (sh.stop) {
        kg_error_set(sh.stop, "%s", sh.err ? sh.err : "out of memory");
        status = cli_fail(cmd);
        goto done;
    }
    if (sh.status != KG_EXIT_OK) {
        status = sh.status;
        goto done; /* an input was missing: keep the old graph */
    }
    if (acc && kg_graph_merge(g, acc)) {
        status = cli_fail(cmd);
        goto done;
    }

    const char *target = output ? output : into ? into : "-";
    kg_out_cleanup_on_signals();
    if (kg_graph_write_file(g, target, 0)) {
        status = cli_fail(cmd);
        goto done;
    }
    /* The graph is written; a snapshot for fast queries is a bonus. */
    kg_snapshot_update(g, target);
    if (p.tty) {
        double t = now();
        fprintf(stderr,
                "kg: build: %zu articles: %zu added, %zu already in the graph, %zu failed; "
                "%zu nodes, %zu edges; %.1f MB in %.1f s (%.1f MB/s)\n",
                p.articles, p.added, p.skipped, p.failed, kg_graph_node_count(g),
                kg_graph_edge_count(g), (double)p.bytes / 1e6, t - p.t0, rate(&p, t));
    }

done:
    for (unsigned t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    kg_graph_free(acc);
    free(tid);
    pthread_mutex_destroy(&sh.lock);
    pthread_mutex_destroy(&sh.merge_lock);
    seen_free(&sh.set);
    free(sh.err);
    kg_graph_free(g);
    kg_reader_free(rd);
    kg_lexicon_free(lx);
    free(lexicons);
    return status;
}
