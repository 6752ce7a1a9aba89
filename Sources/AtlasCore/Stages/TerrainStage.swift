import Foundation
import GeoRaster
import PermafrostKernels

/// Slope, aspect, northness and eastness of a DEM by Horn's method, as gdaldem computes them
/// (METHOD section 1).
public struct TerrainStage {
    public struct Request: Sendable {
        public var dem: String
        public var slope: String?
        public var aspect: String?
        public var northness: String?
        public var eastness: String?
        public var computeEdges: Bool
        public var options: OutputOptions

        public init(
            dem: String, slope: String? = nil, aspect: String? = nil, northness: String? = nil, eastness: String? = nil,
            computeEdges: Bool = false, options: OutputOptions
        ) {
            self.dem = dem
            self.slope = slope
            self.aspect = aspect
            self.northness = northness
            self.eastness = eastness
            self.computeEdges = computeEdges
            self.options = options
        }
    }

    public struct Result: Encodable, Sendable {
        public let cellSizes: String
        public let computeEdges: Bool
        public let products: [String: ProductSummary]
    }

    public static func run(_ request: Request) throws -> Result {
        let dataset = try RasterDataset(path: request.dem)
        let grid = try dataset.grid()
        let geographic = grid.spatialReference.isGeographic
        let dem = InputLayer(role: "DEM", raster: try AlignedRaster.align(request.dem, onto: grid, resampling: .bilinear))
        try dem.requireValidPixels()
        let projectedCellSize =
            geographic
            ? nil
            : try ActiveLayerStage.located(request.dem) {
                try TerrainCellSize.projected(geoTransform: grid.geoTransform.coefficients)
            }
        let options = HornTerrainOptions(computeEdges: request.computeEdges)
        let cellSizeNote =
            geographic
            ? "geographic DEM: per-row WGS84 metres (ew = dlon pi/180 N cos(lat), ns = dlat pi/180 M)"
            : "projected DEM: geotransform pixel size"
        let metadata = [
            "PERMAFROST_ATLAS_STEP": "terrain", "ALGORITHM": "Horn (1981), as gdaldem 3.6",
            "COMPUTE_EDGES": request.computeEdges ? "YES" : "NO", "CELL_SIZES": cellSizeNote, "DEM": request.dem,
        ]
        func sink(_ path: String?, _ description: String, _ unit: String) throws -> ProductSink? {
            try path.map {
                try ProductSink(path: $0, grid: grid, description: description, unit: unit, metadata: metadata, options: request.options)
            }
        }
        let slope = try sink(request.slope, "slope", "degree")
        let aspect = try sink(request.aspect, "aspect (clockwise from north; flat = nodata)", "degree")
        let northness = try sink(request.northness, "northness = cos(aspect) (flat = 0)", "")
        let eastness = try sink(request.eastness, "eastness = sin(aspect) (flat = 0)", "")
        guard slope != nil || aspect != nil || northness != nil || eastness != nil else {
            throw AtlasError.badInput("terrain: name at least one output (\(.slope), \(.aspect), \(.northness), \(.eastness))")
        }
        let runner = BlockRunner(grid: grid, blockSize: request.options.blockSize, halo: 1, threads: request.options.threads)
        try runner.run(
            makeWorker: { try dem.open() },
            compute: { reader, block in
                let elevation = try reader.readValues(block.padded)
                var edges: TerrainRasterEdges = []
                if block.touchesTop { edges.insert(.top) }
                if block.touchesBottom { edges.insert(.bottom) }
                if block.touchesLeft { edges.insert(.left) }
                if block.touchesRight { edges.insert(.right) }
                let cellSizes =
                    try projectedCellSize.map { [$0] }
                    ?? TerrainCellSize.geographicRows(
                        geoTransform: grid.geoTransform.coefficients, firstRow: block.core.row, rowCount: block.core.height)
                return try HornTerrain.derivatives(
                    elevation: elevation, width: block.core.width, height: block.core.height,
                    rasterEdges: edges, cellSizes: cellSizes, options: options)
            },
            consume: { block, terrain in
                try slope?.write(terrain.slope, window: block.core)
                try aspect?.write(terrain.aspect, window: block.core)
                try northness?.write(terrain.northness, window: block.core)
                try eastness?.write(terrain.eastness, window: block.core)
            })
        let named = [("slope", slope), ("aspect", aspect), ("northness", northness), ("eastness", eastness)]
        try ProductSink.commitAll(named.map(\.1), threads: request.options.threads)
        var products: [String: ProductSummary] = [:]
        for case let (name, product?) in named { products[name] = product.summary() }
        return Result(cellSizes: cellSizeNote, computeEdges: request.computeEdges, products: products)
    }
}
