import Foundation
import GeoRaster
import PermafrostKernels

/// Everything about a run's inputs that can be checked before any output exists, so a
/// refused run changes nothing: the DEM has data; the Landsat bands resolve the spectral
/// indices and band roles; the temperature series has 12 or 365/366 steps (and fits the
/// year); the sample, borehole and check-borehole tables are readable with their columns;
/// the mining polygons' type attribute names a disturbance type on every feature;
/// and the soil, strata and mining tables are valid for the classes and zones the run will
/// produce (vegetation codes follow the sorted sample labels; zone codes the sorted zone
/// names). The tables come back parsed, so the run reads each once.
public enum AtlasPreflight {
    public static func check(_ config: AtlasConfig) throws -> ParameterTables.Set {
        let inputs = config.inputs
        let grid = try RasterDataset(path: inputs.dem).grid()
        try InputLayer(role: "DEM", raster: try AlignedRaster.align(inputs.dem, onto: grid, resampling: .bilinear)).requireValidPixels()
        _ = try FeatureStack(
            paths: inputs.landsat, grid: grid, indices: config.spectralIndices, bandRoles: config.bandRoles,
            reflectance: config.landsatReflectance.map { .given($0) } ?? .automatic)
        if inputs.thawingIndex == nil {
            let steps = try ThawIndexStage.checkSeries(inputs.temperature)
            do {
                _ = try ThawingIndex.stepLengths(bandCount: steps, year: config.year)
            } catch {
                throw AtlasError.badParameter(.year, reason: "\(error.description)")
            }
        }
        let samples = try PointTable(path: inputs.vegetationSamples)
        let labels = ClassifyStage.sortedLabels(try samples.texts(column: "class"))
        _ = try PointTable(path: inputs.boreholes).numbers(column: "magt")
        if let check = inputs.checkBoreholes { _ = try PointTable(path: check) }
        let soil = try ParameterTables.soil(
            inputs.soil,
            classes: ClassCodeResolver(
                rasterPath: inputs.vegetationSamples,
                categoryNames: ["nodata"] + labels),
            requireEdaphicFactor: config.altFormula == .empirical)
        let zoneNames =
            PolygonRasterizer.isVector(inputs.zones)
            ? ["nodata"] + (try PolygonRasterizer.distinctValues(inputs.zones, attribute: inputs.zonesField).sorted())
            : try RasterDataset(path: inputs.zones).band(1).categoryNames
        let strata = try ParameterTables.strata(inputs.strata, zones: ClassCodeResolver(rasterPath: inputs.zones, categoryNames: zoneNames))
        try MiningStage.checkDisturbance(inputs.miningDisturbance, typeField: inputs.miningField)
        return ParameterTables.Set(soil: soil, strata: strata, mining: try ParameterTables.mining(inputs.mining))
    }
}
