/*
 * cmd_build.c - `kg build INPUT...`: extract every article and merge the
 * per-article graphs into one graph, optionally into an existing one
 * (--into) so that tomorrow's articles are added without a rebuild.
 *
 * An article is counted once: one whose text hash or id is already in the
 * graph, or in the batch being extracted, is skipped before extraction.
 * With -j N, articles are extracted by N threads in batches and the graphs
 * are merged by the main thread in input order; since merging is
 * associative and commutative anyway, the bytes written do not depend on N.
 */
#include "cli.h"

#include "kg/error.h"
#include "kg/extract.h"
#include "kg/graph.h"
#include "kg/lexicon.h"
#include "kg/read.h"
#include "kg/recognize.h"
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
/* Articles handed to each thread per batch: enough that threads rarely
 * wait on the slowest article of a batch, few enough to keep memory small. */
#define KG_BUILD_BATCH_PER_THREAD 32
/* Text bytes per batch: bounds memory when articles are large. */
#define KG_BUILD_BATCH_BYTES ((size_t)32 << 20)
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
 * Batches of articles, extracted by worker threads
 * ==================================================================== */

typedef struct job {
    kg_doc *d;
    kg_graph *g;
    int rc;
    char *err; /* kg_error_last() of the worker, copied */
} job;

typedef struct batch {
    job *jobs;
    size_t n;
    size_t next; /* next job to take, under lock */
    pthread_mutex_t lock;
    const kg_extract_opts *xo;
} batch;

static void *worker(void *arg)
{
    batch *b = arg;
    for (;;) {
        pthread_mutex_lock(&b->lock);
        size_t i = b->next++;
        pthread_mutex_unlock(&b->lock);
        if (i >= b->n)
            break;
        job *j = &b->jobs[i];
        j->rc = kg_extract_article(&j->g, j->d, b->xo);
        if (j->rc)
            j->err = kg_strdup(kg_error_last());
    }
    return NULL;
}

/* Extracts every job of b with `threads` threads (the caller's included). */
static void run_batch(batch *b, unsigned threads)
{
    pthread_t tid[KG_BUILD_THREADS_MAX];
    unsigned started = 0;
    b->next = 0;
    if (threads > b->n)
        threads = (unsigned)b->n;
    for (unsigned t = 1; t < threads; t++)
        if (pthread_create(&tid[started], NULL, worker, b) == 0)
            started++;
    worker(b);
    for (unsigned t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
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
 * The command
 * ==================================================================== */

/* Merges the results of a batch in input order and frees them. Returns 0,
 * or KG_ENOMEM-like failures that must stop the build (message set). */
static int merge_batch(kg_graph *g, batch *b, progress *p)
{
    int rc = 0;
    for (size_t i = 0; i < b->n; i++) {
        job *j = &b->jobs[i];
        if (!rc) {
            if (j->rc) {
                fprintf(stderr, "kg: %s: %s: article skipped: %s\n", cmd,
                        j->d->meta.source && j->d->meta.source[0] ? j->d->meta.source
                                                                  : j->d->meta.id,
                        j->err ? j->err : "extraction failed");
                p->failed++;
                if (j->rc == KG_ENOMEM)
                    rc = kg_error_set(KG_ENOMEM, "out of memory");
            } else {
                rc = kg_graph_merge(g, j->g);
                p->added++;
            }
            p->articles++;
            p->bytes += j->d->len;
        }
        kg_graph_free(j->g);
        kg_doc_free(j->d);
        free(j->err);
        memset(j, 0, sizeof *j);
        progress_show(p, 0);
    }
    b->n = 0;
    return rc;
}

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
    seen *set = NULL;
    batch b;
    memset(&b, 0, sizeof b);
    pthread_mutex_init(&b.lock, NULL);
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
            if (cli_parse_uint(cmd, "--evidence", optarg, KG_EVIDENCE_MAX, &evidence) < 0) {
                status = KG_EXIT_USAGE;
                goto done;
            }
            if (evidence == 0) {
                status = cli_usage_error(cmd, "--evidence must be at least 1");
                goto done;
            }
            break;
        case 'j':
            if (cli_parse_uint(cmd, "--jobs", optarg, KG_BUILD_THREADS_MAX, &jobs) < 0) {
                status = KG_EXIT_USAGE;
                goto done;
            }
            if (jobs == 0) {
                status = cli_usage_error(cmd, "--jobs must be at least 1");
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
    if (n_lexicons) {
        if (kg_lexicon_new(&lx)) {
            status = cli_fail(cmd);
            goto done;
        }
        for (size_t i = 0; i < n_lexicons; i++)
            if (kg_lexicon_load_file(lx, lexicons[i])) {
                status = cli_fail(cmd);
                goto done;
            }
    } else if (!kg_lexicon_builtin()) {
        status = cli_fail(cmd);
        goto done;
    }
    /* Without its model the tagger fails every article alike: say so once. */
    if (!kg_tagger_builtin()) {
        status = cli_fail(cmd);
        goto done;
    }

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
    size_t cap = (size_t)jobs * KG_BUILD_BATCH_PER_THREAD;
    b.jobs = calloc(cap, sizeof *b.jobs);
    b.xo = &xo;
    if (!b.jobs) {
        kg_error_set(KG_ENOMEM, "out of memory");
        status = cli_fail(cmd);
        goto done;
    }
    p.tty = isatty(STDERR_FILENO);
    p.t0 = p.last = now();

    size_t batch_bytes = 0;
    for (;;) {
        kg_doc *d = NULL;
        int rc = kg_reader_next(rd, &d);
        if (rc < 0) {
            progress_clear(&p);
            status = cli_fail(cmd);
            if (rc == KG_ENOMEM)
                goto done;
            continue;
        }
        if (rc == 1) {
            const char *hash = d->meta.hash ? d->meta.hash : "";
            const char *id = d->meta.id ? d->meta.id : hash;
            if (kg_graph_has_hash(g, hash) || kg_graph_find_article(g, id) ||
                seen_has(set, 'h', hash) || seen_has(set, 'i', id)) {
                p.skipped++;
                p.articles++;
                p.bytes += d->len;
                kg_doc_free(d);
                progress_show(&p, 0);
                continue;
            }
            if (seen_add(&set, 'h', hash) || seen_add(&set, 'i', id)) {
                kg_doc_free(d);
                kg_error_set(KG_ENOMEM, "out of memory");
                status = cli_fail(cmd);
                goto done;
            }
            b.jobs[b.n++] = (job){.d = d};
            batch_bytes += d->len;
        }
        if (b.n && (rc == 0 || b.n == cap || batch_bytes >= KG_BUILD_BATCH_BYTES)) {
            run_batch(&b, (unsigned)jobs);
            batch_bytes = 0;
            /* Merged articles are found in the graph from now on; the set
             * only covers the batch in flight, so memory follows the graph. */
            seen_free(&set);
            if (merge_batch(g, &b, &p)) {
                progress_clear(&p);
                status = cli_fail(cmd);
                goto done;
            }
        }
        if (rc == 0)
            break;
    }
    progress_clear(&p);
    if (status != KG_EXIT_OK)
        goto done; /* an input was missing: keep the old graph */

    const char *target = output ? output : into ? into : "-";
    kg_out_cleanup_on_signals();
    if (kg_graph_write_file(g, target, 0)) {
        status = cli_fail(cmd);
        goto done;
    }
    if (p.tty) {
        double t = now();
        fprintf(stderr,
                "kg: build: %zu articles: %zu added, %zu already in the graph, %zu failed; "
                "%zu nodes, %zu edges; %.1f MB in %.1f s (%.1f MB/s)\n",
                p.articles, p.added, p.skipped, p.failed, kg_graph_node_count(g),
                kg_graph_edge_count(g), (double)p.bytes / 1e6, t - p.t0, rate(&p, t));
    }

done:
    for (size_t i = 0; i < b.n; i++) {
        kg_graph_free(b.jobs[i].g);
        kg_doc_free(b.jobs[i].d);
        free(b.jobs[i].err);
    }
    free(b.jobs);
    pthread_mutex_destroy(&b.lock);
    seen_free(&set);
    kg_graph_free(g);
    kg_reader_free(rd);
    kg_lexicon_free(lx);
    free(lexicons);
    return status;
}
