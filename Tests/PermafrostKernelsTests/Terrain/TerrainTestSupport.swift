import Foundation
import PermafrostKernels
import XCTest

/// The gdaldem golden rasters of TestData/Terrain (see make_golden.sh there).
struct GdaldemGolden {
    struct DEM: Decodable {
        let file: String
        let nodata: Double
        let geotransform: [Double]
        let outputs: [String: String]
    }

    let width: Int
    let height: Int
    let outputNodata: Float
    let gdalVersion: String
    let dems: [String: DEM]

    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TestData/Terrain")

    static func load() throws -> GdaldemGolden {
        struct Manifest: Decodable {
            let width: Int
            let height: Int
            let outputNodata: Float
            let gdalVersion: String
            let dems: [String: DEM]

            enum CodingKeys: String, CodingKey {
                case width, height, dems
                case outputNodata = "output_nodata"
                case gdalVersion = "gdal_version"
            }
        }
        let data = try Data(contentsOf: directory.appendingPathComponent("manifest.json"))
        let manifest = try JSONDecoder().decode(Manifest.self, from: data)
        return GdaldemGolden(
            width: manifest.width, height: manifest.height, outputNodata: manifest.outputNodata,
            gdalVersion: manifest.gdalVersion, dems: manifest.dems)
    }

    /// The DEM as the GDAL layer would hand it over: Float32 with NaN for nodata.
    func elevation(_ name: String) throws -> [Float] {
        let dem = try XCTUnwrap(dems[name])
        let data = try Data(contentsOf: Self.directory.appendingPathComponent(dem.file))
        let nodata = Float(dem.nodata)
        if dem.file.hasSuffix(".i16") {
            return littleEndian(Int16.self, data).map { $0 == Int16(dem.nodata) ? .nan : Float($0) }
        }
        return littleEndian(UInt32.self, data).map { Float(bitPattern: $0) }.map { $0 == nodata ? .nan : $0 }
    }

    /// A gdaldem output with its -9999 nodata turned into NaN.
    func output(_ name: String, _ product: String) throws -> [Float] {
        let file = try XCTUnwrap(dems[name]?.outputs[product])
        let data = try Data(contentsOf: Self.directory.appendingPathComponent(file))
        return littleEndian(UInt32.self, data).map { Float(bitPattern: $0) }.map { $0 == outputNodata ? .nan : $0 }
    }

    private func littleEndian<T: FixedWidthInteger>(_ type: T.Type, _ data: Data) -> [T] {
        data.withUnsafeBytes { raw in
            (0..<raw.count / MemoryLayout<T>.size).map {
                T(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.size, as: T.self))
            }
        }
    }
}

enum TerrainTestSupport {
    /// A whole raster as one block: the raster surrounded by a NaN halo.
    static func padded(_ raster: [Float], width: Int, height: Int) -> [Float] {
        var window = [Float](repeating: .nan, count: (width + 2) * (height + 2))
        for row in 0..<height {
            for column in 0..<width {
                window[(row + 1) * (width + 2) + column + 1] = raster[row * width + column]
            }
        }
        return window
    }

    /// Runs the kernel over a whole raster cut into blocks of at most blockWidth x blockHeight,
    /// filling each halo from the neighbouring blocks and with NaN outside the raster.
    static func derivatives(
        elevation: [Float], width: Int, height: Int, blockWidth: Int, blockHeight: Int,
        cellSizes: (Int) -> TerrainCellSize, options: HornTerrainOptions
    ) throws -> TerrainDerivatives {
        let count = width * height
        var whole = TerrainDerivatives(
            slope: .init(repeating: -1, count: count), aspect: .init(repeating: -1, count: count),
            northness: .init(repeating: -1, count: count), eastness: .init(repeating: -1, count: count))
        for blockTop in stride(from: 0, to: height, by: blockHeight) {
            for blockLeft in stride(from: 0, to: width, by: blockWidth) {
                let w = min(blockWidth, width - blockLeft), h = min(blockHeight, height - blockTop)
                var window = [Float](repeating: .nan, count: (w + 2) * (h + 2))
                for r in -1...h {
                    for c in -1...w {
                        let row = blockTop + r, column = blockLeft + c
                        if row >= 0, row < height, column >= 0, column < width {
                            window[(r + 1) * (w + 2) + c + 1] = elevation[row * width + column]
                        }
                    }
                }
                var edges: TerrainRasterEdges = []
                if blockTop == 0 { edges.insert(.top) }
                if blockTop + h == height { edges.insert(.bottom) }
                if blockLeft == 0 { edges.insert(.left) }
                if blockLeft + w == width { edges.insert(.right) }
                let block = try HornTerrain.derivatives(
                    elevation: window, width: w, height: h, rasterEdges: edges,
                    cellSizes: (0..<h).map { cellSizes(blockTop + $0) }, options: options)
                for r in 0..<h {
                    for c in 0..<w {
                        let target = (blockTop + r) * width + blockLeft + c, source = r * w + c
                        whole.slope[target] = block.slope[source]
                        whole.aspect[target] = block.aspect[source]
                        whole.northness[target] = block.northness[source]
                        whole.eastness[target] = block.eastness[source]
                    }
                }
            }
        }
        return whole
    }

    /// Pixels whose values differ in bits (NaN matches NaN), as "(row, column): ours vs expected".
    static func bitDifferences(_ ours: [Float], _ expected: [Float], width: Int) -> [String] {
        zip(ours, expected).enumerated().compactMap { index, pair in
            let (a, b) = pair
            if a.isNaN && b.isNaN || a.bitPattern == b.bitPattern { return nil }
            return "(\(index / width), \(index % width)): \(a) vs \(b)"
        }
    }
}
