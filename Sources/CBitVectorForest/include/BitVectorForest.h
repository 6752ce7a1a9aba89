#ifndef BIT_VECTOR_FOREST_H
#define BIT_VECTOR_FOREST_H

#include <stddef.h>
#include <stdint.h>

/// One split of a tree with at most 32 leaves numbered left to right: a row whose value of
/// the feature is above `threshold` keeps only the leaves in `keptLeaves` (the split's left
/// subtree is cleared).
typedef struct {
    float threshold;
    uint32_t keptLeaves;
    /// Offset, in floats, of the feature's eight values in a lane-interleaved group of rows.
    int32_t featureOffset;
} BitVectorSplit;

/// Rows per lane-interleaved group: a group holds each feature's values of eight rows side by side.
#define BIT_VECTOR_FOREST_LANES 8

/// Adds to each of `rowCount` rows' votes (`classCount` floats per row) the leaf it reaches in
/// one tree given by its `splitCount` splits. A leaf's code (`leafCodes`, left to right) is a
/// class, which gets 1, or `~d` for distribution `d` in `distributions`, added class by class.
/// `interleaved` holds the rows in groups of eight, feature by feature (a short last group
/// padded with copies of a row).
void bit_vector_forest_vote(const BitVectorSplit *splits, ptrdiff_t splitCount,
                            const int32_t *leafCodes, const float *distributions, ptrdiff_t classCount,
                            const float *interleaved, ptrdiff_t featureCount, ptrdiff_t rowCount,
                            float *votes);

/// For forests whose leaves all vote for one class: adds 1 to each row's count of the class its
/// leaf votes for. `classLeaves` holds per class the leaves (bits) that vote for it; `counts`
/// is lane-interleaved like the rows: per group of eight rows, `classCount` runs of eight.
void bit_vector_forest_count(const BitVectorSplit *splits, ptrdiff_t splitCount,
                             const uint32_t *classLeaves, ptrdiff_t classCount,
                             const float *interleaved, ptrdiff_t featureCount, ptrdiff_t rowCount,
                             int32_t *counts);

#endif
