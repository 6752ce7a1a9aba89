#ifndef DEEP_TREE_WALK_H
#define DEEP_TREE_WALK_H

#include <stddef.h>
#include <stdint.h>

/// A node of a deep tree, breadth-first within its tree (indices are the tree's own, so 16 bits
/// hold trees of up to 65,535 nodes): a split sends a row to `left` when its value of `feature`
/// is at most `threshold` and to `left + 1` otherwise. A leaf has `left` equal to its own index
/// and threshold +infinity, so a step from a leaf stays on it. Eight bytes: one load per step.
typedef struct {
    float threshold;
    uint16_t feature;
    uint16_t left;
} DeepTreeNode;

/// Rows stepped together: independent walks whose loads the processor overlaps.
#define DEEP_TREE_WALK_LANES 16

/// Writes to `leaves[r]` the node (the tree's own index) where row `r` of `rows` (row-major,
/// `featureCount` floats each, no NaN) ends in the tree whose root is `nodes[0]`. Every row first
/// takes `firstRound` steps (any number: a leaf steps onto itself); then rows at a leaf are
/// dropped every four steps. `scratch` holds `2 * (rowCount + DEEP_TREE_WALK_LANES)` values.
void deep_tree_walk(const DeepTreeNode *nodes, ptrdiff_t firstRound, const float *rows, ptrdiff_t featureCount,
                    ptrdiff_t rowCount, uint32_t *leaves, uint32_t *scratch);

#endif
