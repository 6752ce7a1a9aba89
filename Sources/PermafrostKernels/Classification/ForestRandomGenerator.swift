/// The forest's own pseudo-random generator: xoshiro256** (Blackman and Vigna, 2018),
/// its 256-bit state filled by SplitMix64.
///
/// Written out here rather than taken from the standard library because forests must be
/// bit-identical across platforms, Swift versions and thread counts: every tree draws from
/// its own stream, derived only from (seed, tree index, purpose), never from shared state.
struct ForestRandomGenerator {
    /// Independent jobs within one tree get separate streams, so adding a job (say,
    /// permutation importance) never changes the tree itself.
    enum Purpose: UInt64 {
        case treeGrowth = 1
        case permutationImportance = 2
    }

    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    init(seed: UInt64, treeIndex: Int, purpose: Purpose) {
        // The stream key is scrambled by the SplitMix64 finaliser (a bijection), so distinct
        // (tree, purpose) pairs start at unrelated points of the seed's SplitMix64 sequence.
        let key = UInt64(truncatingIfNeeded: treeIndex) &* 4 &+ purpose.rawValue
        var splitMix = SplitMix64(seed: seed ^ SplitMix64.mix(key &+ SplitMix64.increment))
        s0 = splitMix.next()
        s1 = splitMix.next()
        s2 = splitMix.next()
        s3 = splitMix.next()
    }

    /// The next 64 random bits.
    @inline(__always)
    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A uniform integer in 0..<bound (bound > 0), by Lemire's multiply-and-reject method,
    /// which is exact (no modulo bias) and reproducible.
    @inline(__always)
    mutating func nextIndex(below bound: Int) -> Int {
        let limit = UInt64(bound)
        var product = next().multipliedFullWidth(by: limit)
        if product.low < limit {
            let threshold = (0 &- limit) % limit
            while product.low < threshold {
                product = next().multipliedFullWidth(by: limit)
            }
        }
        return Int(product.high)
    }
}
