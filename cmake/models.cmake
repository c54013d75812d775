# Model weights compiled into the library, and the trainer that makes them.
#
# src/models/ner.model (the NER tagger, see src/models/README.md) is linked
# in with kg_embed(); a tree without it still builds, with an empty model
# that kg_tagger_builtin() reports as missing. `kg-train-ner` (not
# installed) regenerates it: `cmake --build BUILD --target ner-model`.
include_guard(GLOBAL)

set(KG_NER_MODEL ${PROJECT_SOURCE_DIR}/src/models/ner.model)
file(WRITE ${PROJECT_BINARY_DIR}/generated/ner.model.empty "")
if(EXISTS ${KG_NER_MODEL})
    kg_embed(ner_model ${KG_NER_MODEL})
else()
    kg_embed(ner_model ${PROJECT_BINARY_DIR}/generated/ner.model.empty)
endif()

set(KG_NER_CLUSTERS ${PROJECT_SOURCE_DIR}/src/models/clusters.tsv)
if(EXISTS ${KG_NER_CLUSTERS})
    kg_embed(ner_clusters ${KG_NER_CLUSTERS})
else()
    kg_embed(ner_clusters ${PROJECT_BINARY_DIR}/generated/ner.model.empty)
endif()

# Training data (CoNLL-2003 and CoNLL04 train; research-only terms, never
# committed).
set(KG_SHARED_DATA ${PROJECT_SOURCE_DIR}/../shared/data CACHE PATH
    "Folder holding conll2003/train.txt and conll04/conll04_train.json for the ner-model target")

add_executable(kg-train-ner ${PROJECT_SOURCE_DIR}/src/train/train_ner.c)
target_include_directories(kg-train-ner PRIVATE ${PROJECT_SOURCE_DIR}/src ${UTHASH_INCLUDE_DIR})
target_link_libraries(kg-train-ner PRIVATE kg m)
# CoNLL-2003 train plus CoNLL04 train (converted to CoNLL-2003 columns and
# conventions by src/train/conll04_to_conll.py, weighed three times): the
# second brings general US news (people, towns, small organisations) to a
# tagger that otherwise knows Reuters business and sports pages. The merged
# file is generated in the build tree, never committed.
find_package(Python3 COMPONENTS Interpreter)
set(KG_NER_TRAIN ${PROJECT_BINARY_DIR}/generated/ner-train.txt)
add_custom_target(ner-model
    COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/src/train/conll04_to_conll.py
            ${KG_SHARED_DATA}/conll04/conll04_train.json --repeat 3
            --prepend ${KG_SHARED_DATA}/conll2003/train.txt -o ${KG_NER_TRAIN}
    COMMAND kg-train-ner --train ${KG_NER_TRAIN} -o ${KG_NER_MODEL}
    DEPENDS kg-train-ner
    COMMENT "Training the NER tagger on CoNLL-2003 train and CoNLL04 train"
    VERBATIM)

# Word clusters from unlabelled news (src/models/clusters.tsv), a feature of
# the tagger: regenerate with `cmake --build BUILD --target ner-clusters`,
# then rebuild and retrain (`--target ner-model`), since the model's weights
# belong to these cluster ids.
add_executable(kg-train-clusters ${PROJECT_SOURCE_DIR}/src/train/train_clusters.c)
target_include_directories(kg-train-clusters PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(kg-train-clusters PRIVATE kg PkgConfig::CJSON m)
add_custom_target(ner-clusters
    COMMAND kg-train-clusters --input ${KG_SHARED_DATA}/reuters21578.jsonl
            --conll ${KG_SHARED_DATA}/conll2003/train.txt
            -o ${PROJECT_SOURCE_DIR}/src/models/clusters.tsv
    DEPENDS kg-train-clusters
    COMMENT "Clustering words of Reuters-21578 for the NER tagger"
    VERBATIM)
