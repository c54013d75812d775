/*
 * cmd_tag.c - `kg tag`: what the extractor recognises, at two depths.
 *
 * `kg tag [INPUT...]` lists the entity mentions of each article (byte
 * spans, class, node type, the entity id they resolve to) as TSV, so an
 * analyst can see which words of an article became which node.
 *
 * `kg tag --conll [FILE]` runs the NER tagger alone on CoNLL column files,
 * so it can be scored against CoNLL-2003 on its own: each
 * token line is written back unchanged with the predicted IOB2 tag appended
 * after a space; blank lines and -DOCSTART- lines (tag "O") are kept.
 * Documents (runs between -DOCSTART- lines) are tagged as a whole, because
 * the tagger uses what the rest of the document says about a word.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kg/doc.h"
#include "kg/error.h"
#include "kg/extract.h"
#include "kg/lexicon.h"
#include "kg/recognize.h"
#include "util.h"

/* A token line longer than this is not CoNLL: refuse it rather than buffer
 * a whole binary file as one line. */
#define TAG_LINE_MAX 65536
/* A "document" with no -DOCSTART- is cut at the next blank line after this
 * many lines, so memory stays bounded on one huge run of sentences. */
#define TAG_DOC_LINES 200000
/* A sentence is tagged in pieces of at most this many tokens. */
#define TAG_SENTENCE_MAX 5000

static const char *class_name[KG_NER__COUNT] = {"O", "PER", "ORG", "LOC", "MISC"};

static void usage(FILE *f)
{
    fprintf(f, "Usage: kg tag [--lexicon FILE] [-o OUT] [INPUT...]\n"
               "       kg tag --conll [FILE] [-o OUT] [--lexicon FILE] [--model FILE]\n\n"
               "Lists the entity mentions kg recognises in each article, one per line, as\n"
               "tab-separated columns with a header line:\n"
               "  article  start  end  ner  type  kind  entity  text\n"
               "start and end are byte offsets into the article text; ner is the CoNLL\n"
               "class (PER, ORG, LOC, MISC), type the node type, kind how the mention\n"
               "names its entity (name, demonym, weapon_class, or reference: a pronoun\n"
               "or description such as \"the dealer\" resolved to a name), entity the node\n"
               "id in the article's graph. Tabs and line breaks inside text become spaces.\n"
               "INPUT is read as by `kg extract`: a text file, a JSON Lines file, a\n"
               "directory or '-' for standard input (the default).\n\n"
               "With --conll, tags CoNLL column files with the NER tagger alone. Reads\n"
               "FILE, or standard input when FILE is '-' or absent. The first column of\n"
               "each line is the token; the line is written back unchanged with the\n"
               "predicted IOB2 tag appended after a space. Blank lines end sentences;\n"
               "-DOCSTART- lines start documents (and get the tag O).\n\n"
               "Options:\n"
               "      --conll           CoNLL column mode: the tagger alone\n"
               "  -o, --output OUT      write to OUT (atomically) instead of standard output\n"
               "      --lexicon FILE    add the entries of a lexicon file\n"
               "      --model FILE      with --conll: use this model (from kg-train-ner)\n"
               "                        instead of the built-in one\n"
               "  -h, --help            show this help and exit\n\n"
               "Exit status: 0 on success, 1 if an input could not be read or written,\n"
               "2 for usage errors.\n");
}

static const char *const kind_name[] = {"name", "demonym", "reference", "weapon_class"};

/* Writes s[0..n) as one TSV field: tabs and line breaks would split it. */
static void put_field(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fputc(s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ? ' ' : s[i], out);
}

typedef struct mention_ctx {
    int header_done;
} mention_ctx;

/* One line per mention that names an entity of the article's graph;
 * pronouns and descriptions that resolve found no antecedent for are
 * left out, as they are of the graph. */
static int write_mentions(void *ctx, const kg_doc *d, const kg_graph *g, FILE *out)
{
    mention_ctx *mc = ctx;
    (void)g;
    if (!mc->header_done) {
        fputs("article\tstart\tend\tner\ttype\tkind\tentity\ttext\n", out);
        mc->header_done = 1;
    }
    for (size_t i = 0; i < d->n_mentions; i++) {
        const kg_mention *m = &d->mentions[i];
        if (m->entity < 0 || (size_t)m->entity >= d->n_entities || m->end > d->len ||
            m->start > m->end)
            continue;
        const char *id = d->meta.id ? d->meta.id : "";
        put_field(out, id, strlen(id));
        fprintf(out, "\t%u\t%u\t%s\t%s\t%s\t%s\t", m->start, m->end,
                m->ner < KG_NER__COUNT ? class_name[m->ner] : "O", kg_type_name(m->type),
                (size_t)m->kind < sizeof kind_name / sizeof *kind_name ? kind_name[m->kind] : "",
                d->entities[m->entity].id);
        put_field(out, d->text + m->start, m->end - m->start);
        fputc('\n', out);
    }
    return ferror(out) ? kg_error_set(KG_EIO, "write failed") : 0;
}

/* One document's lines, kept until the document is tagged. */
typedef struct tag_doc {
    char *buf; /* line bytes, each line NUL-terminated */
    size_t len, cap;
    size_t *line;   /* offset of each line in buf */
    kg_str *tok;    /* token of each line (len 0: blank line) */
    uint32_t *toff; /* where the token starts in its line */
    size_t n, cap_line;
} tag_doc;

static int doc_add(tag_doc *d, const char *s, size_t len)
{
    if (d->len + len + 1 > d->cap) {
        size_t cap = d->cap ? d->cap : 65536;
        while (cap < d->len + len + 1)
            cap *= 2;
        char *b = realloc(d->buf, cap);
        if (!b)
            return kg_error_set(KG_ENOMEM, "out of memory");
        d->buf = b;
        d->cap = cap;
    }
    if (d->n == d->cap_line) {
        size_t cap = d->cap_line ? d->cap_line * 2 : 1024;
        size_t *l = realloc(d->line, cap * sizeof *l);
        if (!l)
            return kg_error_set(KG_ENOMEM, "out of memory");
        d->line = l;
        kg_str *t = realloc(d->tok, cap * sizeof *t);
        if (!t)
            return kg_error_set(KG_ENOMEM, "out of memory");
        d->tok = t;
        uint32_t *o = realloc(d->toff, cap * sizeof *o);
        if (!o)
            return kg_error_set(KG_ENOMEM, "out of memory");
        d->toff = o;
        d->cap_line = cap;
    }
    memcpy(d->buf + d->len, s, len);
    d->buf[d->len + len] = '\0';
    d->line[d->n++] = d->len;
    d->len += len + 1;
    return 0;
}

/* 1 if s[0..len) is valid UTF-8 (no overlong forms, surrogates or values
 * past U+10FFFF). */
static int utf8_valid(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        size_t n;
        unsigned min;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            n = 1, min = 0x80, c &= 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2, min = 0x800, c &= 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3, min = 0x10000, c &= 0x07;
        } else {
            return 0;
        }
        if (i + n >= len)
            return 0;
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            c = c << 6 | (s[i + k] & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            return 0;
        i += n + 1;
    }
    return 1;
}

typedef struct tagger_ctx {
    const kg_tagger *tg;
    const kg_lexicon *lx;
    kg_tag_state *st;
    kg_ner *cls;
    uint8_t *begin;
    size_t cap;
} tagger_ctx;

/* Tags the buffered document and writes its lines. */
static int doc_flush(tagger_ctx *c, tag_doc *d, FILE *out)
{
    int rc = 0;
    if (d->n > c->cap) {
        kg_ner *cls = realloc(c->cls, d->n * sizeof *cls);
        if (!cls)
            return kg_error_set(KG_ENOMEM, "out of memory");
        c->cls = cls;
        uint8_t *b = realloc(c->begin, d->n);
        if (!b)
            return kg_error_set(KG_ENOMEM, "out of memory");
        c->begin = b;
        c->cap = d->n;
    }
    for (size_t i = 0; i < d->n; i++) {
        d->tok[i].s = d->buf + d->line[i] + d->toff[i];
        c->cls[i] = KG_NER_O;
        c->begin[i] = 0;
    }
    /* Two passes: observe every sentence, then tag. Sentences are runs of
     * non-blank lines, cut at TAG_SENTENCE_MAX tokens. */
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 0)
            kg_tag_state_reset(c->st);
        size_t i = 0;
        while (i < d->n) {
            if (d->tok[i].len == 0) {
                i++;
                continue;
            }
            size_t j = i;
            while (j < d->n && d->tok[j].len && j - i < TAG_SENTENCE_MAX)
                j++;
            if (pass == 0)
                kg_tag_state_observe(c->st, d->tok + i, j - i);
            else if ((rc = kg_tagger_tag(c->tg, c->lx, c->st, d->tok + i, j - i, c->cls + i,
                                         c->begin + i)))
                return rc;
            i = j;
        }
    }
    for (size_t i = 0; i < d->n; i++) {
        const char *line = d->buf + d->line[i];
        if (d->tok[i].len == 0 && line[0] == '\0') {
            fputc('\n', out);
        } else if (c->cls[i] == KG_NER_O) {
            fprintf(out, "%s O\n", line);
        } else {
            fprintf(out, "%s %s-%s\n", line, c->begin[i] ? "B" : "I", class_name[c->cls[i]]);
        }
    }
    d->n = 0;
    d->len = 0;
    return ferror(out) ? kg_error_set(KG_EIO, "write error") : 0;
}

static int tag_stream(tagger_ctx *c, FILE *in, const char *name, FILE *out)
{
    tag_doc d = {0};
    char *line = NULL;
    size_t cap = 0, line_no = 0;
    ssize_t got;
    int rc = 0;
    while ((got = getline(&line, &cap, in)) != -1) {
        size_t len = (size_t)got;
        line_no++;
        if (len > TAG_LINE_MAX) {
            rc = kg_error_set(KG_EPARSE, "%s:%zu: line longer than %d bytes", name, line_no,
                              TAG_LINE_MAX);
            goto done;
        }
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' ' ||
                       line[len - 1] == '\t'))
            len--;
        if (memchr(line, '\0', len) || !utf8_valid((const unsigned char *)line, len)) {
            rc = kg_error_set(KG_EPARSE, "%s:%zu: not UTF-8 text", name, line_no);
            goto done;
        }
        size_t a = 0;
        while (a < len && (line[a] == ' ' || line[a] == '\t'))
            a++;
        size_t b = a;
        while (b < len && line[b] != ' ' && line[b] != '\t')
            b++;
        int docstart = b - a == 10 && memcmp(line + a, "-DOCSTART-", 10) == 0;
        int blank = a == len;
        if (docstart || (blank && d.n >= TAG_DOC_LINES)) {
            if ((rc = doc_flush(c, &d, out)))
                goto done;
        }
        if (docstart) {
            fprintf(out, "%.*s O\n", (int)len, line);
            continue;
        }
        if ((rc = doc_add(&d, blank ? "" : line, blank ? 0 : len)))
            goto done;
        /* Offsets, not pointers: the buffer may move until the flush. */
        d.toff[d.n - 1] = blank ? 0 : (uint32_t)a;
        d.tok[d.n - 1].len = blank ? 0 : (uint32_t)(b - a);
    }
    if (ferror(in)) {
        rc = kg_error_set(KG_EIO, "%s: read error", name);
        goto done;
    }
    rc = doc_flush(c, &d, out);
done:
    free(line);
    free(d.buf);
    free(d.line);
    free(d.tok);
    free(d.toff);
    return rc;
}

/* Reads a model file whole (models are a few MB) and loads it. */
static int load_model(kg_tagger **out, const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, cap = 0, got;
    int rc = 0;
    if (!f)
        return kg_error_set(KG_EIO, "%s: %s", path, strerror(errno));
    do {
        if (len + 65536 > cap) {
            cap = (len + 65536) * 2;
            char *b = realloc(buf, cap);
            if (!b) {
                rc = kg_error_set(KG_ENOMEM, "out of memory");
                goto done;
            }
            buf = b;
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
    } while (got > 0);
    if (ferror(f)) {
        rc = kg_error_set(KG_EIO, "%s: read error", path);
        goto done;
    }
    if ((rc = kg_tagger_load(out, buf, len)))
        kg_error_set(rc, "%s: %s", path, kg_error_last());
done:
    free(buf);
    fclose(f);
    return rc;
}

int cmd_tag(int argc, char **argv)
{
    static const struct option opts[] = {
        {"conll", no_argument, NULL, 'C'},         {"output", required_argument, NULL, 'o'},
        {"lexicon", required_argument, NULL, 'L'}, {"model", required_argument, NULL, 'M'},
        {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0}};
    const char *out_path = NULL, *lex_path = NULL, *model_path = NULL;
    int conll = 0, opt, status = KG_EXIT_OK;
    kg_lexicon *own_lx = NULL;
    kg_tagger *own_tg = NULL;
    tagger_ctx c = {0};
    kg_out out = {0};
    FILE *in = NULL;
    int out_open = 0;

    optind = 1;
    while ((opt = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
        switch (opt) {
        case 'C':
            conll = 1;
            break;
        case 'o':
            out_path = optarg;
            break;
        case 'L':
            lex_path = optarg;
            break;
        case 'M':
            model_path = optarg;
            break;
        case 'h':
            usage(stdout);
            return KG_EXIT_OK;
        default:
            return cli_usage_error("tag", "unknown option");
        }
    }
    if (!conll) {
        if (model_path)
            return cli_usage_error("tag", "--model goes with --conll (the extractor uses the "
                                          "built-in model)");
        status = cli_extractor_ready("tag", &lex_path, lex_path ? 1 : 0, &own_lx);
        if (status)
            return status;
        kg_extract_opts xo;
        kg_extract_opts_init(&xo);
        xo.lexicon = own_lx;
        mention_ctx mc = {0};
        status = cli_extract_each("tag", (const char *const *)argv + optind,
                                  (size_t)(argc - optind), &xo, out_path, write_mentions, &mc);
        kg_lexicon_free(own_lx);
        return status;
    }
    if (argc - optind > 1)
        return cli_usage_error("tag", "one input file at most");
    const char *in_path = optind < argc ? argv[optind] : "-";

    if (lex_path) {
        if (kg_lexicon_new(&own_lx) || kg_lexicon_load_file(own_lx, lex_path)) {
            status = cli_fail("tag");
            goto done;
        }
        c.lx = own_lx;
    } else if (!(c.lx = kg_lexicon_builtin())) {
        status = cli_fail("tag");
        goto done;
    }
    if (model_path) {
        if (load_model(&own_tg, model_path)) {
            status = cli_fail("tag");
            goto done;
        }
        c.tg = own_tg;
    } else if (!(c.tg = kg_tagger_builtin())) {
        status = cli_fail("tag");
        goto done;
    }
    if (kg_tag_state_new(&c.st)) {
        status = cli_fail("tag");
        goto done;
    }
    if (strcmp(in_path, "-") == 0) {
        in = stdin;
        in_path = "<stdin>";
    } else if (!(in = fopen(in_path, "rb"))) {
        kg_error_set(KG_EIO, "%s: %s", in_path, strerror(errno));
        status = cli_fail("tag");
        goto done;
    }
    if (kg_out_open(&out, out_path)) {
        status = cli_fail("tag");
        goto done;
    }
    out_open = 1;
    if (tag_stream(&c, in, in_path, out.f)) {
        status = cli_fail("tag");
        goto done;
    }
    out_open = 0;
    if (kg_out_commit(&out))
        status = cli_fail("tag");
done:
    if (out_open)
        kg_out_abort(&out);
    if (in && in != stdin)
        fclose(in);
    kg_tag_state_free(c.st);
    free(c.cls);
    free(c.begin);
    kg_lexicon_free(own_lx);
    kg_tagger_free(own_tg);
    return status;
}
