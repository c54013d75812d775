/*
 * kg.h - the whole public API of libkg in one include.
 *
 * Modules, in pipeline order: read (articles), segment (sentences and
 * tokens), lexicon, recognize (entity mentions), resolve (entities), relate
 * (relations), extract (the pipeline), graph (the graph, its document and
 * merge), view and render (drawing), query (neighbors, path, stats).
 * Each header says who owns what it returns.
 */
#ifndef KG_H
#define KG_H

#include "kg/error.h"
#include "kg/ontology.h"
#include "kg/graph.h"
#include "kg/doc.h"
#include "kg/read.h"
#include "kg/segment.h"
#include "kg/lexicon.h"
#include "kg/recognize.h"
#include "kg/resolve.h"
#include "kg/relate.h"
#include "kg/extract.h"
#include "kg/view.h"
#include "kg/render.h"
#include "kg/query.h"
#include "kg/snapshot.h"

#endif
