import Foundation

/// Which sides of a block lie on the border of the whole raster. The halo beyond those sides
/// is outside the raster: it is ignored, and -compute_edges extrapolates it like gdaldem.
public struct TerrainRasterEdges: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let top = TerrainRasterEdges(rawValue: 1 << 0)
    public static let bottom = TerrainRasterEdges(rawValue: 1 << 1)
    public static let left = TerrainRasterEdges(rawValue: 1 << 2)
    public static let right = TerrainRasterEdges(rawValue: 1 << 3)
    /// A block that is the whole raster.
    public static let all: TerrainRasterEdges = [.top, .bottom, .left, .right]
}

/// Options of the Horn terrain kernel, named after their gdaldem equivalents.
public struct HornTerrainOptions: Sendable, Equatable, Codable {
    /// gdaldem `-compute_edges`. Off: the raster's outer ring and every cell with nodata in its
    /// 3x3 window are nodata. On: values outside the raster are extrapolated linearly (2a - b
    /// from the two nearest cells; on the first and last rows a missing side column repeats
    /// the centre column instead, so the four corner cells see half the east-west difference,
    /// exactly as gdaldem), and nodata neighbours take the centre cell's value. A nodata centre
    /// always gives nodata.
    public var computeEdges: Bool
    /// gdaldem `-s`: ratio of vertical units to horizontal units (slope only).
    public var verticalScale: Double

    public init(computeEdges: Bool = false, verticalScale: Double = 1) {
        self.computeEdges = computeEdges
        self.verticalScale = verticalScale
    }
}

/// Caller-owned output buffers of width x height values each; nil skips that product.
/// Nodata is NaN everywhere; a flat cell has NaN aspect but northness = eastness = 0.
public struct HornTerrainOutput {
    /// Slope in degrees.
    public var slope: UnsafeMutableBufferPointer<Float>?
    /// Aspect in degrees clockwise from north, [0, 360).
    public var aspect: UnsafeMutableBufferPointer<Float>?
    /// cos(aspect).
    public var northness: UnsafeMutableBufferPointer<Float>?
    /// sin(aspect).
    public var eastness: UnsafeMutableBufferPointer<Float>?

    public init(
        slope: UnsafeMutableBufferPointer<Float>? = nil, aspect: UnsafeMutableBufferPointer<Float>? = nil,
        northness: UnsafeMutableBufferPointer<Float>? = nil, eastness: UnsafeMutableBufferPointer<Float>? = nil
    ) {
        self.slope = slope
        self.aspect = aspect
        self.northness = northness
        self.eastness = eastness
    }
}

/// Slope, aspect, northness and eastness of one block, as arrays of width x height values.
public struct TerrainDerivatives: Sendable, Equatable {
    public var slope: [Float]
    public var aspect: [Float]
    public var northness: [Float]
    public var eastness: [Float]

    public init(slope: [Float], aspect: [Float], northness: [Float], eastness: [Float]) {
        self.slope = slope
        self.aspect = aspect
        self.northness = northness
        self.eastness = eastness
    }
}

/// Horn's (1981) 3x3 slope and aspect, reproducing `gdaldem slope` / `gdaldem aspect` of
/// GDAL 3.6 bit for bit on projected DEMs with square pixels (slope also with oblong pixels).
///
/// The DEM arrives as Float32 (gdaldem reads Float32 and Float64 DEMs as Float32; its Int32 path
/// for Byte/Int16/UInt16 DEMs gives the same sums because such values and their Horn sums are
/// exact in Float32), NaN = nodata: the caller turns its nodata value into NaN. Edges and
/// nodata follow `HornTerrainOptions.computeEdges`. A raster only one cell wide or tall has
/// no values, as in gdaldem.
public enum HornTerrain {
    /// Computes the requested products for a `width` x `height` block.
    ///
    /// - Parameters:
    ///   - elevation: (width + 2) x (height + 2) values, row-major, with a 1-pixel halo taken
    ///     from the neighbouring blocks; halo cells outside the raster should be NaN.
    ///   - rasterEdges: sides of the block that are the raster border.
    ///   - cellSizes: one cell size for the whole block, or one per block row (geographic DEMs).
    public static func compute(
        elevation: UnsafeBufferPointer<Float>, width: Int, height: Int,
        rasterEdges: TerrainRasterEdges, cellSizes: [TerrainCellSize],
        options: HornTerrainOptions = HornTerrainOptions(), output: HornTerrainOutput
    ) throws {
        try validate(
            elevationCount: elevation.count, width: width, height: height,
            cellSizes: cellSizes, options: options, output: output)
        let window = HaloWindow(values: elevation, stride: width + 2)
        let singleColumnRaster = rasterEdges.isSuperset(of: [.left, .right]) && width == 1
        let singleRowRaster = rasterEdges.isSuperset(of: [.top, .bottom]) && height == 1
        let noValues = singleColumnRaster || singleRowRaster

        for row in 0..<height {
            let cellSize = cellSizes.count == 1 ? cellSizes[0] : cellSizes[row]
            let top = rasterEdges.contains(.top) && row == 0
            let bottom = rasterEdges.contains(.bottom) && row == height - 1
            for column in 0..<width {
                let left = rasterEdges.contains(.left) && column == 0
                let right = rasterEdges.contains(.right) && column == width - 1
                let raw: HornNeighbourhood?
                if noValues {
                    raw = nil
                } else if !(top || bottom || left || right) {
                    raw = window.neighbourhood(row: row, column: column)
                } else if options.computeEdges {
                    raw = window.edgeNeighbourhood(
                        row: row, column: column,
                        top: top, bottom: bottom, left: left, right: right)
                } else {
                    raw = nil
                }
                store(
                    raw?.resolvingNodata(computeEdges: options.computeEdges),
                    at: row * width + column, cellSize: cellSize, options: options, output: output)
            }
        }
    }

    /// Array convenience for `compute(elevation:width:height:rasterEdges:cellSizes:options:output:)`
    /// returning all four products.
    public static func derivatives(
        elevation: [Float], width: Int, height: Int,
        rasterEdges: TerrainRasterEdges, cellSizes: [TerrainCellSize],
        options: HornTerrainOptions = HornTerrainOptions()
    ) throws -> TerrainDerivatives {
        guard width > 0, height > 0 else { throw TerrainError.invalidBlockSize(width: width, height: height) }
        let count = width * height
        var result = TerrainDerivatives(
            slope: .init(repeating: .nan, count: count), aspect: .init(repeating: .nan, count: count),
            northness: .init(repeating: .nan, count: count), eastness: .init(repeating: .nan, count: count))
        try elevation.withUnsafeBufferPointer { dem in
            try result.slope.withUnsafeMutableBufferPointer { slope in
                try result.aspect.withUnsafeMutableBufferPointer { aspect in
                    try result.northness.withUnsafeMutableBufferPointer { northness in
                        try result.eastness.withUnsafeMutableBufferPointer { eastness in
                            try compute(
                                elevation: dem, width: width, height: height, rasterEdges: rasterEdges,
                                cellSizes: cellSizes, options: options,
                                output: HornTerrainOutput(
                                    slope: slope, aspect: aspect,
                                    northness: northness, eastness: eastness))
                        }
                    }
                }
            }
        }
        return result
    }

    @inline(__always)
    private static func store(
        _ hood: HornNeighbourhood?, at index: Int, cellSize: TerrainCellSize,
        options: HornTerrainOptions, output: HornTerrainOutput
    ) {
        guard let hood else {
            output.slope?[index] = .nan
            output.aspect?[index] = .nan
            output.northness?[index] = .nan
            output.eastness?[index] = .nan
            return
        }
        output.slope?[index] = hood.slope(cellSize: cellSize, verticalScale: options.verticalScale)
        guard output.aspect != nil || output.northness != nil || output.eastness != nil else { return }
        let aspect = hood.aspect(cellSize: cellSize)
        output.aspect?[index] = aspect
        // Flat cells face no direction: zero northness and eastness rather than nodata.
        let radians = Double(aspect) * Double.pi / 180
        output.northness?[index] = aspect.isNaN ? 0 : Float(cos(radians))
        output.eastness?[index] = aspect.isNaN ? 0 : Float(sin(radians))
    }

    private static func validate(
        elevationCount: Int, width: Int, height: Int, cellSizes: [TerrainCellSize],
        options: HornTerrainOptions, output: HornTerrainOutput
    ) throws {
        guard width > 0, height > 0 else { throw TerrainError.invalidBlockSize(width: width, height: height) }
        let windowCount = (width + 2) * (height + 2)
        guard elevationCount == windowCount else {
            throw TerrainError.elevationWindowSize(expected: windowCount, actual: elevationCount)
        }
        let named: [(String, UnsafeMutableBufferPointer<Float>?)] =
            [("slope", output.slope), ("aspect", output.aspect), ("northness", output.northness), ("eastness", output.eastness)]
        for (name, buffer) in named {
            if let buffer, buffer.count != width * height {
                throw TerrainError.outputSize(name: name, expected: width * height, actual: buffer.count)
            }
        }
        guard cellSizes.count == 1 || cellSizes.count == height else {
            throw TerrainError.cellSizeCount(height: height, actual: cellSizes.count)
        }
        for (row, size) in cellSizes.enumerated() {
            let prefix = cellSizes.count == 1 ? "cell size" : "cell size of block row \(row)"
            guard size.eastWest.isFinite, size.eastWest != 0 else {
                throw TerrainError.invalidPixelStep(field: "\(prefix) eastWest", value: size.eastWest)
            }
            guard size.northSouth.isFinite, size.northSouth != 0 else {
                throw TerrainError.invalidPixelStep(field: "\(prefix) northSouth", value: size.northSouth)
            }
        }
        guard options.verticalScale.isFinite, options.verticalScale > 0 else {
            throw TerrainError.invalidVerticalScale(options.verticalScale)
        }
    }
}
