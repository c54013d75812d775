/*
 * fuzz_common.h - what the fuzz targets share: the libFuzzer entry point's
 * prototype and a check that aborts, so that a broken invariant is a crash
 * libFuzzer (or the gcc replay driver) reports with the input that caused
 * it, in every build type (assert() vanishes under NDEBUG).
 */
#ifndef KG_FUZZ_COMMON_H
#define KG_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond);           \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

#endif
