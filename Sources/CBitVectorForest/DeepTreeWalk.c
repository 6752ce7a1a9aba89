// The walk of deep trees (more leaves than a bit vector holds, deeper than a complete layout
// fits), see PackedForest.swift. Rows step through a tree sixteen at a time with no test for
// arrival (a leaf steps onto itself); every few steps the rows that reached a leaf leave the
// list, so a group no longer waits for its deepest row. On the Statlog forest (500 trees of
// 353 leaves, depth about 21) a row ends after 10.8 steps on average but a group of sixteen
// after 17.3: waiting was a third of the steps. (An AVX-512 version, three gathers per step for
// sixteen walks, took 1.5x as long: gathers are slow on the processors measured.)
#include "DeepTreeWalk.h"

enum { LANES = DEEP_TREE_WALK_LANES, STEPS_PER_ROUND = 4 };

// Steps the walks of the list `steps` times; `count` is a multiple of LANES.
static inline void step_walks(const DeepTreeNode *nodes, const float *rows, ptrdiff_t featureCount,
                              const uint32_t *rowIndices, uint32_t *positions, ptrdiff_t count, ptrdiff_t steps) {
    for (ptrdiff_t group = 0; group < count; group += LANES) {
        uint32_t position[LANES];
        const float *row[LANES];
        for (int j = 0; j < LANES; j++) {
            position[j] = positions[group + j];
            row[j] = rows + (ptrdiff_t)rowIndices[group + j] * featureCount;
        }
        for (ptrdiff_t s = 0; s < steps; s++) {
            for (int j = 0; j < LANES; j++) {
                const DeepTreeNode node = nodes[position[j]];
                position[j] = node.left + (row[j][node.feature] > node.threshold);
            }
        }
        for (int j = 0; j < LANES; j++) positions[group + j] = position[j];
    }
}

void deep_tree_walk(const DeepTreeNode *nodes, ptrdiff_t firstRound, const float *rows, ptrdiff_t featureCount,
                    ptrdiff_t rowCount, uint32_t *leaves, uint32_t *scratch) {
    uint32_t *rowIndices = scratch;
    uint32_t *positions = scratch + rowCount + LANES;
    for (ptrdiff_t r = 0; r < rowCount; r++) {
        rowIndices[r] = (uint32_t)r;
        positions[r] = 0;
    }
    // The list is padded to whole groups with walks of row 0 that sit on a leaf.
    uint32_t anyLeaf = 0;
    while (nodes[anyLeaf].left != anyLeaf) anyLeaf = nodes[anyLeaf].left;
    ptrdiff_t count = rowCount;
    ptrdiff_t steps = firstRound > 0 ? firstRound : STEPS_PER_ROUND;
    while (count > 0) {
        const ptrdiff_t padded = (count + LANES - 1) / LANES * LANES;
        for (ptrdiff_t i = count; i < padded; i++) {
            rowIndices[i] = 0;
            positions[i] = anyLeaf;
        }
        step_walks(nodes, rows, featureCount, rowIndices, positions, padded, steps);
        steps = STEPS_PER_ROUND;
        // Every walk records where it is; those not at a leaf move up the list (branch-free,
        // in place: an entry only moves down).
        ptrdiff_t kept = 0;
        for (ptrdiff_t i = 0; i < count; i++) {
            const uint32_t position = positions[i], row = rowIndices[i];
            leaves[row] = position;
            rowIndices[kept] = row;
            positions[kept] = position;
            kept += nodes[position].left != position;
        }
        count = kept;
    }
}

