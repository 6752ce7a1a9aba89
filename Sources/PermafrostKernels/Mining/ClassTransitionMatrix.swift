/// Pixel counts from class i (before) to class j (after) for two class rasters with codes
/// 1...classCount; code 0 (nodata) has its own row and column so that the counts always
/// total the pixels seen. Accumulate block by block and merge partial matrices; counts are
/// integers, so the result does not depend on block order or thread count.
public struct ClassTransitionMatrix: Sendable, Equatable {
    public let classCount: Int
    /// Row-major (classCount + 1)^2 counts: index before * (classCount + 1) + after.
    public private(set) var counts: [UInt64]

    public init(classCount: Int) throws(MiningError) {
        guard (1...255).contains(classCount) else { throw .invalidClassCount(classCount) }
        self.classCount = classCount
        counts = Array(repeating: 0, count: (classCount + 1) * (classCount + 1))
    }

    /// Adds one block; throws when a code exceeds `classCount`.
    public mutating func accumulate(before: [UInt8], after: [UInt8]) throws(MiningError) {
        guard after.count == before.count else {
            throw .bufferLengthMismatch(buffer: "after", count: after.count, expected: before.count)
        }
        let side = classCount + 1
        var blockCounts = [UInt64](repeating: 0, count: side * side)
        for (from, to) in zip(before, after) {
            guard Int(from) <= classCount else { throw .classCodeOutOfRange(buffer: "before", code: from, classCount: classCount) }
            guard Int(to) <= classCount else { throw .classCodeOutOfRange(buffer: "after", code: to, classCount: classCount) }
            blockCounts[Int(from) * side + Int(to)] += 1
        }
        // Added only once the whole block is valid, so a failed block leaves the matrix unchanged.
        for index in counts.indices {
            counts[index] += blockCounts[index]
        }
    }

    public mutating func merge(_ other: ClassTransitionMatrix) throws(MiningError) {
        guard other.classCount == classCount else { throw .classCountMismatch(classCount, other.classCount) }
        for index in counts.indices {
            counts[index] += other.counts[index]
        }
    }

    /// Pixels that went from class `before` to class `after` (0 = nodata).
    public func count(from before: UInt8, to after: UInt8) -> UInt64 {
        guard Int(before) <= classCount, Int(after) <= classCount else { return 0 }
        return counts[Int(before) * (classCount + 1) + Int(after)]
    }

    public var totalCount: UInt64 {
        counts.reduce(0, +)
    }

    /// Area (km^2) that went from class `before` to class `after`.
    public func areaSquareKilometres(from before: UInt8, to after: UInt8, pixelAreaSquareMetres: Double) -> Double {
        Double(count(from: before, to: after)) * pixelAreaSquareMetres / 1e6
    }

    /// The full matrix in km^2, rows = before (0...classCount), columns = after.
    public func areasSquareKilometres(pixelAreaSquareMetres: Double) -> [[Double]] {
        (0...classCount).map { before in
            (0...classCount).map { after in
                areaSquareKilometres(from: UInt8(before), to: UInt8(after), pixelAreaSquareMetres: pixelAreaSquareMetres)
            }
        }
    }
}
