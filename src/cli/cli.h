/*
 * cli.h - what the kg subcommands share: the command table entry, usage and
 * error reporting with the exit statuses of STYLE.md (0 ok, 1 data or I/O
 * error, 2 usage error).
 */
#ifndef KG_CLI_H
#define KG_CLI_H

#include <stdio.h>

#include <stddef.h>

#define KG_EXIT_OK 0
#define KG_EXIT_DATA 1
#define KG_EXIT_USAGE 2

typedef int (*kg_cmd_fn)(int argc, char **argv);

/* Every subcommand: argv[0] is the subcommand's name. */
int cmd_build(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_neighbors(int argc, char **argv);
int cmd_path(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_tag(int argc, char **argv);

/* Prints "kg: CMD: <message>" and "Try 'kg CMD --help' for more
 * information." to stderr; returns KG_EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Prints "kg: CMD: <kg_error_last()>" to stderr; returns KG_EXIT_DATA. */
int cli_fail(const char *cmd);

/* Prints "kg: CMD: warning: <message>" to stderr. */
void cli_warn(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Parses a non-negative integer option value; on error prints a usage error
 * and returns -1, else 0. */
int cli_parse_uint(const char *cmd, const char *opt, const char *arg, unsigned long max,
                   unsigned long *out);

/* cli_parse_uint() for a value that must also be at least 1 ("OPT must be
 * at least 1" otherwise). Returns 0, or -1 after printing a usage error. */
int cli_parse_positive(const char *cmd, const char *opt, const char *arg, unsigned long max,
                       unsigned long *out);

struct kg_lexicon;

/* Readies the extractor for `kg build` and `kg extract`: the built-in
 * lexicon, or a new one with the built-in entries plus each of `files`
 * (*out, freed with kg_lexicon_free; NULL when there are no files), and the
 * tagger's model, so a missing model is reported once and not per article.
 * Returns 0, or KG_EXIT_DATA after printing the error. */
int cli_extractor_ready(const char *cmd, const char *const *files, size_t n_files,
                        struct kg_lexicon **out);

struct kg_doc;
struct kg_graph;
struct kg_extract_opts;

/* What cli_extract_each() hands over for each article: its doc (tokens,
 * mentions, entities filled in) and its graph, both still the caller's, and
 * the output stream. Returns 0 or a KG_E* code (writing failed). */
typedef int (*cli_article_fn)(void *ctx, const struct kg_doc *d, const struct kg_graph *g,
                              FILE *out);

/* The article loop of `kg extract` and `kg tag`: reads every article of
 * `inputs` (files, JSON Lines, directories, "-"), extracts it with `xo`
 * and calls `fn` on it, writing to `output` (NULL or "-": stdout; a file is
 * replaced only when complete). An article that cannot be read or
 * extracted is reported and skipped. Returns the exit status. */
int cli_extract_each(const char *cmd, const char *const *inputs, size_t n_inputs,
                     const struct kg_extract_opts *xo, const char *output, cli_article_fn fn,
                     void *ctx);

/* Writes the NUL-terminated `text` to `path` ("-" or NULL: stdout), a file
 * being replaced only by a complete new one. Returns 0 or a KG_E* code with
 * the reason in kg_error_last(). */
int cli_write_text(const char *path, const char *text);

#endif
