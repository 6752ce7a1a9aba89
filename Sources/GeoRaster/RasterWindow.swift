/// A rectangle of pixels: columns [column, column + width), rows [row, row + height).
/// Int (64-bit) throughout; GDAL calls are split into Int32-sized pieces in `RasterBand`.
public struct RasterWindow: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var column: Int
    public var row: Int
    public var width: Int
    public var height: Int

    public init(column: Int, row: Int, width: Int, height: Int) {
        self.column = column
        self.row = row
        self.width = width
        self.height = height
    }

    public var pixelCount: Int { width * height }
    public var isEmpty: Bool { width <= 0 || height <= 0 }
    public var endColumn: Int { column + width }
    public var endRow: Int { row + height }

    /// This window grown by `margin` pixels on every side (may extend past the raster).
    public func expanded(by margin: Int) -> RasterWindow {
        RasterWindow(column: column - margin, row: row - margin, width: width + 2 * margin, height: height + 2 * margin)
    }

    /// The overlap of two windows (empty when they do not meet).
    public func intersection(_ other: RasterWindow) -> RasterWindow {
        let c0 = max(column, other.column), r0 = max(row, other.row)
        let c1 = min(endColumn, other.endColumn), r1 = min(endRow, other.endRow)
        return RasterWindow(column: c0, row: r0, width: max(0, c1 - c0), height: max(0, r1 - r0))
    }

    public var description: String {
        "columns \(column)..<\(endColumn), rows \(row)..<\(endRow)"
    }
}

/// One block of a block-wise pass over a raster, with an optional halo for neighbourhood kernels.
public struct RasterBlock: Equatable, Sendable {
    /// The pixels this block produces.
    public let core: RasterWindow
    /// `core` grown by the halo; it may reach past the raster edges.
    public let padded: RasterWindow
    /// The part of `padded` that lies inside the raster (what can actually be read).
    public let readable: RasterWindow
    public let halo: Int
    /// Sequence number in row-major block order.
    public let index: Int

    /// Which sides of the core touch the raster's outer edge.
    public let touchesLeft: Bool, touchesTop: Bool, touchesRight: Bool, touchesBottom: Bool
}

/// Row-major tiling of a width x height raster into blocks of at most blockWidth x blockHeight;
/// the last column and row of blocks are smaller when the size is not a multiple.
public struct BlockGrid: Sequence, Sendable {
    public let width: Int
    public let height: Int
    public let blockWidth: Int
    public let blockHeight: Int
    public let halo: Int

    public init(width: Int, height: Int, blockWidth: Int, blockHeight: Int, halo: Int = 0) {
        precondition(blockWidth > 0 && blockHeight > 0 && halo >= 0, "block sizes must be positive")
        self.width = width
        self.height = height
        self.blockWidth = blockWidth
        self.blockHeight = blockHeight
        self.halo = halo
    }

    public var columnsOfBlocks: Int { width <= 0 ? 0 : (width + blockWidth - 1) / blockWidth }
    public var rowsOfBlocks: Int { height <= 0 ? 0 : (height + blockHeight - 1) / blockHeight }
    public var count: Int { columnsOfBlocks * rowsOfBlocks }

    public func block(at index: Int) -> RasterBlock {
        let blockRow = index / columnsOfBlocks, blockColumn = index % columnsOfBlocks
        let column = blockColumn * blockWidth, row = blockRow * blockHeight
        let core = RasterWindow(
            column: column, row: row,
            width: Swift.min(blockWidth, width - column), height: Swift.min(blockHeight, height - row))
        let padded = core.expanded(by: halo)
        let raster = RasterWindow(column: 0, row: 0, width: width, height: height)
        return RasterBlock(
            core: core, padded: padded, readable: padded.intersection(raster), halo: halo, index: index,
            touchesLeft: core.column == 0, touchesTop: core.row == 0,
            touchesRight: core.endColumn == width, touchesBottom: core.endRow == height)
    }

    public func makeIterator() -> AnyIterator<RasterBlock> {
        var next = 0
        return AnyIterator {
            guard next < count else { return nil }
            defer { next += 1 }
            return block(at: next)
        }
    }
}
