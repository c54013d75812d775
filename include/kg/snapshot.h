/*
 * kg/snapshot.h - a binary snapshot of a graph beside its graph.json
 * (graph.json.kgi), so that `kg neighbors`, `kg path` and `kg stats` answer
 * on a graph of hundreds of megabytes in well under a second instead of
 * parsing the JSON each time.
 *
 * The snapshot is a cache, never a format of its own: graph.json stays the
 * document every command reads and writes. A snapshot records the size, the
 * modification time and a 64-bit hash of the whole graph file it was made
 * from; it is used only when all three still match, so an edited, replaced
 * or truncated graph.json is never answered from a stale snapshot. It is
 * also specific to the machine (native byte order and struct layout) and to
 * this version of kg: anything else is treated as stale and ignored.
 * See README.md, "Scaling out", "Querying big graphs".
 *
 * Memory: a graph from kg_snapshot_load() belongs to the caller and is
 * released with kg_graph_free(). When it comes from a snapshot it is
 * read-only: the getters and look-ups of kg/graph.h work (and merging it
 * into another graph), modifying it fails with KG_EINVALID.
 */
#ifndef KG_SNAPSHOT_H
#define KG_SNAPSHOT_H

#include "kg/graph.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Graph files smaller than this are read as JSON and get no snapshot when
 * loaded: parsing them takes less than about a tenth of a second, and a
 * cache file beside every small graph would be clutter. */
#define KG_SNAPSHOT_MIN_BYTES ((long long)4 << 20)

/* `kg build` and `kg merge` write the snapshot right away only for graph
 * files of this size or more: writing it costs a few percent of a build,
 * paid whether or not anyone queries, while a smaller graph's first query
 * makes its snapshot in about a second. */
#define KG_SNAPSHOT_EAGER_MIN_BYTES ((long long)64 << 20)

/* The suffix added to a graph file's path to name its snapshot. */
#define KG_SNAPSHOT_SUFFIX ".kgi"

/* Writes the snapshot of g for the graph file `graph_path`, which must hold
 * g as last written (its size, time and hash are recorded). The snapshot is
 * replaced atomically. Returns 0 or KG_EIO/KG_ENOMEM. */
int kg_snapshot_write(const kg_graph *g, const char *graph_path);

/* kg_snapshot_write() when graph_path names a regular file of at least
 * KG_SNAPSHOT_EAGER_MIN_BYTES (what `kg build` and `kg merge` call after
 * writing a graph file, so that the first query is fast too); nothing
 * otherwise.
 * Returns 0 or what kg_snapshot_write() returns. */
int kg_snapshot_update(const kg_graph *g, const char *graph_path);

/* Loads the graph in `path` for querying: from its snapshot when that is
 * fresh, else by reading the JSON (kg_graph_read_file), after which a
 * missing or stale snapshot is rewritten when the file is at least
 * KG_SNAPSHOT_MIN_BYTES (failure to write it is not an error: the answer
 * is the same, only slower next time). "-" reads standard input, without
 * a snapshot. Returns 0 or a KG_E* code as kg_graph_read_file does. */
int kg_snapshot_load(kg_graph **out, const char *path);

#ifdef __cplusplus
}
#endif
#endif
