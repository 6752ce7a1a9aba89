import AtlasTestSupport
import Foundation
import GeoRaster
import PermafrostKernels

@testable import AtlasCartography
@testable import AtlasCore
@testable import AtlasReporting

/// A complete report of a small imaginary run, with maps rendered from rasters made here.
enum ReportHTMLFixture {
    static let hostileText = "<script>alert('x') & \"y\"</script>"

    static func report() -> AtlasReport {
        let labels = ["alpine swamp meadow", "alpine meadow", "alpine steppe"]
        return AtlasReport(
            tool: .init(name: "permafrost-atlas", version: "0.1.0", gdalVersion: "3.6.2"),
            site: "Muli <coalfield>", date: "2026-12-04", synthetic: true, config: "scene/atlas.yaml",
            parameters: ["vegetation.trees": "500", "magt.predictors": "elevation,lon,lat", "note": hostileText],
            inputs: [
                .init(role: "dem", path: "scene/dem & hillshade.tif", sha256: String(repeating: "ab", count: 32), warped: false),
                .init(role: "landsat", path: "scene/landsat.tif", sha256: String(repeating: "0f", count: 32), warped: true),
            ],
            grid: .init(
                width: 400, height: 300, epsg: 32647, crsName: "WGS 84 / UTM zone 47N",
                geotransform: [486_000, 30, 0, 4_205_000, 0, -30], pixelAreaSquareMetres: 900),
            vegetationModel: .init(
                modelFile: "models/vegetation_rf.json", trees: 500, samplesUsed: 184, samplesSkipped: 2,
                outOfBagAccuracy: 0.8478, kappa: 0.7712, classLabels: labels,
                confusionMatrix: [[50, 6, 2], [5, 60, 7], [1, 7, 46]],
                producersAccuracy: [0.862, 0.833, 0.852], usersAccuracy: [0.893, 0.822, 0.836],
                featureNames: ["B2", "B5", "NDVI"], impurityImportance: [0.2, 0.3, 0.5],
                permutationImportance: [0.01, 0.05, 0.12]),
            magtModel: .init(
                modelFile: "models/magt.json", boreholesUsed: 60, boreholesSkipped: 1,
                coefficients: [
                    .init(name: "intercept", estimate: 12.1, standardError: 1.3),
                    .init(name: "elevation", estimate: -0.00321, standardError: 0.0002),
                    .init(name: "vegetation=3", estimate: 0.4, standardError: 0.1),
                ],
                rSquared: 0.91, adjustedRSquared: 0.905, rmse: 0.35, leaveOneOutRMSE: 0.41, lapseRatePerKilometre: -3.21,
                warnings: ["vegetation class 3 has 2 boreholes"]),
            products: [
                "pre/vegetation.tif": product(
                    "pre/vegetation.tif", "Vegetation (pre-mining)", "class",
                    areas: ["alpine swamp meadow": 20.5, "alpine meadow": 60.25, "alpine steppe": 27.25]),
                "post/vegetation.tif": product(
                    "post/vegetation.tif", "Vegetation (post-mining)", "class",
                    areas: ["alpine swamp meadow": 19.5, "alpine meadow": 58.25, "alpine steppe": 27.25, "mine pit": 3]),
                "pre/magt.tif": product("pre/magt.tif", "Mean annual ground temperature (pre-mining)", "degC", areas: nil),
            ],
            iceVolumeCubicKilometres: ["pre": 0.2125, "post": 0.2011],
            iceBudgetCubicMetres: {
                var budget = GroundIceBudget()
                budget.removed = 520_000
                budget.thawed = 640_000
                budget.kept = 1_900_000
                budget.buried = 1_200_000
                return AtlasReport.IceBudget(budget)
            }(),
            permafrostTransition: .init(
                classes: ["nodata", "permafrost", "no permafrost"],
                areaSquareKilometres: [[0, 0, 0], [0, 80.1, 1.2], [0, 0, 26.7]]),
            stabilityTransition: .init(
                classes: ["nodata", "stable", "unstable"], areaSquareKilometres: [[0, 0, 0], [0, 50, 2], [0, 0.5, 55.5]]),
            disturbance: [
                .init(
                    type: "open pit", zone: "inside", areaSquareKilometres: 3, meanMAGTChange: 1.2, meanALTChange: 0.8,
                    iceVolumeChangeCubicMetres: -1_200_000)
            ],
            checkBoreholes: [
                .init(
                    id: "CK1", quantity: "magt", observed: -1.2, predicted: -1.05, error: 0.15, relativeError: 0.125,
                    within20Percent: true),
                .init(
                    id: "CK2", quantity: "magt", observed: -0.5, predicted: nil, error: nil, relativeError: nil,
                    within20Percent: nil),
            ],
            checkSummary: [.init(quantity: "magt", count: 1, meanAbsoluteError: 0.15, rmse: 0.15, shareWithin20Percent: 1)],
            warnings: [hostileText],
            stageSeconds: ["classify": 12.5, "magt": 3.25])
    }

    private static func product(_ path: String, _ title: String, _ unit: String, areas: [String: Double]?) -> AtlasReport.Product {
        AtlasReport.Product(
            path: path, title: title, unit: unit, map: nil, validPixels: 120_000, minimum: areas == nil ? -2.8 : nil,
            maximum: areas == nil ? 2.5 : nil, mean: areas == nil ? -0.4 : nil, classAreasSquareKilometres: areas)
    }

    /// Renders a vegetation class map and a MAGT map into `workspace`/maps, as `run` lays them out.
    static func maps(in workspace: RenderingWorkspace) throws -> [String: RenderedMap] {
        try FileManager.default.createDirectory(atPath: workspace.file("maps"), withIntermediateDirectories: true)
        let width = 120, height = 90
        let codes = (0..<(width * height)).map { index -> UInt8 in
            let column = index % width, row = index / width
            return row < 4 && column < 4 ? 0 : UInt8(1 + (column / 40 + row / 30) % 3)
        }
        let vegetation = try workspace.raster(
            "vegetation.tif", codes, width: width, height: height,
            band: BandSpec(
                description: "vegetation class", unit: "class", noData: 0,
                colorTable: [0: RGBA(0, 0, 0, 0), 1: RGBA(40, 120, 90), 2: RGBA(120, 190, 80), 3: RGBA(220, 200, 120)],
                categoryNames: ["nodata", "alpine swamp meadow", "alpine meadow", "alpine steppe"]))
        let magtValues = (0..<(width * height)).map { index -> Float in
            Float(2.5 - 5.3 * Double(index / width) / Double(height - 1) + 0.3 * sin(Double(index % width) / 9))
        }
        let magt = try workspace.raster(
            "magt.tif", magtValues, width: width, height: height,
            band: BandSpec(description: "mean annual ground temperature", unit: "degC", noData: -9999))
        var maps: [String: RenderedMap] = [:]
        for (key, raster, picture) in [
            ("pre/vegetation.tif", vegetation, "maps/pre_vegetation.png"), ("pre/magt.tif", magt, "maps/pre_magt.png"),
        ] {
            var map = try MapRenderer.render(.init(raster: raster, out: workspace.file(picture)))
            map.png = picture
            maps[key] = map
        }
        return maps
    }
}
