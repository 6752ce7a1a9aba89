import Foundation
import GeoRaster

/// Air temperature from a coarse grid (reanalysis, 0.1-0.25 degrees) brought down to the DEM's
/// pixels with a lapse rate, as climate downscaling for mountain permafrost does:
///     T(pixel) = T_coarse + lapse_rate / 1000 x (z_DEM - z_coarse)      (C, lapse rate in C/km)
/// where T_coarse and z_coarse, the temperature grid's own elevation (its orography), are both
/// interpolated bilinearly onto the atlas grid, so the correction adds back only the relief
/// the coarse grid smoothed away.
public struct LapseRateDownscaling: Sendable {
    /// C per km, negative when air cools upwards (-6.5 is the standard atmosphere's).
    public var lapseRate: Double
    /// The DEM of the atlas grid (m).
    public var dem: String
    /// Elevation (m) of the temperature grid's cells: a raster on that grid.
    public var temperatureElevation: String

    /// Lapse rates outside this range (C/km) are typing errors (a rate in C/m, or the sign of
    /// a rate given as a positive cooling).
    public static let plausible = -15.0...5.0

    public init(lapseRate: Double, dem: String, temperatureElevation: String) {
        self.lapseRate = lapseRate
        self.dem = dem
        self.temperatureElevation = temperatureElevation
    }

    /// Both elevations on `grid`, bilinear like the temperatures.
    func layers(onto grid: RasterGrid) throws -> (fine: InputLayer, coarse: InputLayer) {
        guard lapseRate.isFinite, Self.plausible.contains(lapseRate) else {
            throw AtlasError.badParameter(
                .lapseRate, reason: "must be between -15 and 5 C per km (air cools by about 6.5 C per km), got \(lapseRate)")
        }
        return (
            try InputLayer.aligned("DEM", path: dem, onto: grid, resampling: .bilinear),
            try InputLayer.aligned("temperature grid elevation", path: temperatureElevation, onto: grid, resampling: .bilinear)
        )
    }
}
