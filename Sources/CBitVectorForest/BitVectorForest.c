// The QuickScorer-style evaluation of small trees (see PackedForest.swift), in C because Swift
// cannot compile one function for several instruction sets and pick one at run time. Here the
// compiler builds an AVX2 and a baseline x86-64 version of each kernel and the loader chooses
// (target_clones), so one binary runs everywhere and uses eight-lane compares where it can.
// Both versions make the same comparisons and additions, so the votes are identical.
#include "BitVectorForest.h"

#include <string.h>

#if defined(__x86_64__) && defined(__linux__)
#define BUILT_FOR_AVX2_AND_BASELINE __attribute__((target_clones("avx2", "default")))
#else
#define BUILT_FOR_AVX2_AND_BASELINE
#endif

typedef float Floats8 __attribute__((vector_size(32)));
typedef int32_t Ints8 __attribute__((vector_size(32)));

enum { LANES = BIT_VECTOR_FOREST_LANES, GROUPS_PER_PASS = 4 };

// Through pointers: returning a 32-byte vector would tie the baseline version's ABI to AVX.
static inline void load_values(Floats8 *loaded, const float *values) {
    memcpy(loaded, values, sizeof *loaded);  // an unaligned load
}

// The leaves each lane of four groups keeps after every split: a split clears its left
// subtree's leaves in the lanes whose value is above its threshold. Groups past the last one
// repeat it, so the loads stay inside the rows.
static inline void keep_leaves(const BitVectorSplit *splits, ptrdiff_t splitCount, const float *interleaved,
                               ptrdiff_t featureCount, ptrdiff_t groups, ptrdiff_t group, Ints8 kept[GROUPS_PER_PASS]) {
    const float *rows[GROUPS_PER_PASS];
    for (int k = 0; k < GROUPS_PER_PASS; k++) {
        rows[k] = interleaved + (group + k < groups ? group + k : groups - 1) * featureCount * LANES;
    }
    Ints8 kept0 = ~(Ints8){0}, kept1 = kept0, kept2 = kept0, kept3 = kept0;
    for (ptrdiff_t index = 0; index < splitCount; index++) {
        const BitVectorSplit split = splits[index];
        const Floats8 threshold = (Floats8){0} + split.threshold;
        const Ints8 right = (Ints8){0} + (int32_t)split.keptLeaves;
        Floats8 values0, values1, values2, values3;
        load_values(&values0, rows[0] + split.featureOffset);
        load_values(&values1, rows[1] + split.featureOffset);
        load_values(&values2, rows[2] + split.featureOffset);
        load_values(&values3, rows[3] + split.featureOffset);
        // A compare gives all ones where the value is at most the threshold (goes left).
        kept0 &= (values0 <= threshold) | right;
        kept1 &= (values1 <= threshold) | right;
        kept2 &= (values2 <= threshold) | right;
        kept3 &= (values3 <= threshold) | right;
    }
    kept[0] = kept0, kept[1] = kept1, kept[2] = kept2, kept[3] = kept3;
}

BUILT_FOR_AVX2_AND_BASELINE
void bit_vector_forest_vote(const BitVectorSplit *splits, ptrdiff_t splitCount,
                            const int32_t *leafCodes, const float *distributions, ptrdiff_t classCount,
                            const float *interleaved, ptrdiff_t featureCount, ptrdiff_t rowCount,
                            float *votes) {
    const ptrdiff_t groups = (rowCount + LANES - 1) / LANES;
    for (ptrdiff_t group = 0; group < groups; group += GROUPS_PER_PASS) {
        Ints8 kept[GROUPS_PER_PASS];
        keep_leaves(splits, splitCount, interleaved, featureCount, groups, group, kept);
        for (int k = 0; k < GROUPS_PER_PASS; k++) {
            for (ptrdiff_t lane = 0; lane < LANES; lane++) {
                const ptrdiff_t row = (group + k) * LANES + lane;
                if (row >= rowCount) return;
                // The lowest leaf no split cleared; a tree always leaves exactly one.
                const int32_t code = leafCodes[__builtin_ctz((uint32_t)kept[k][lane])];
                float *vote = votes + row * classCount;
                if (code >= 0) {
                    vote[code] += 1;
                } else {
                    const float *distribution = distributions + (ptrdiff_t)~code * classCount;
                    for (ptrdiff_t c = 0; c < classCount; c++) vote[c] += distribution[c];
                }
            }
        }
    }
}

BUILT_FOR_AVX2_AND_BASELINE
void bit_vector_forest_count(const BitVectorSplit *splits, ptrdiff_t splitCount,
                             const uint32_t *classLeaves, ptrdiff_t classCount,
                             const float *interleaved, ptrdiff_t featureCount, ptrdiff_t rowCount,
                             int32_t *counts) {
    const ptrdiff_t groups = (rowCount + LANES - 1) / LANES;
    for (ptrdiff_t group = 0; group < groups; group += GROUPS_PER_PASS) {
        Ints8 kept[GROUPS_PER_PASS];
        keep_leaves(splits, splitCount, interleaved, featureCount, groups, group, kept);
        for (int k = 0; k < GROUPS_PER_PASS && group + k < groups; k++) {
            const Ints8 reached = kept[k] & -kept[k];  // the lowest bit: the leaf reached
            int32_t *count = counts + (group + k) * classCount * LANES;
            for (ptrdiff_t c = 0; c < classCount; c++, count += LANES) {
                Ints8 sum;
                memcpy(&sum, count, sizeof sum);
                // A true comparison is -1: subtracting it counts the lanes whose leaf votes c.
                sum -= (reached & (int32_t)classLeaves[c]) != 0;
                memcpy(count, &sum, sizeof sum);
            }
        }
    }
}
