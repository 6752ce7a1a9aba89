import Foundation
import GeoRaster

/// The documented configuration for a scene in the layout `synth` writes (Docs/CONFIG.md
/// shows the same text): every key with its default, paths relative to the file.
public enum ConfigTemplate {
    public static func text(seed: UInt64 = 1) -> String {
        """
        # Permafrost Atlas run configuration (Docs/CONFIG.md). Paths are relative to this file.
        inputs:
          dem: dem.tif                          # elevation (m); its grid is the atlas grid
          landsat: [landsat.tif]                # surface reflectance; every band is a feature
          vegetation_samples: vegetation_samples.csv   # x,y,class
          samples_lonlat: false                 # true when x,y are WGS84 longitude/latitude
          boreholes: boreholes.csv              # id,x,y,magt[,alt]
          temperature: [air_temperature.tif]    # 12 monthly or 365/366 daily means (degC or K)
          # thawing_index: ddt.tif              # instead of temperature
          zones: zones.gpkg                     # geomorphology polygons (or a zone raster)
          zones_field: zone
          soil: soil.csv                        # Stefan parameters per vegetation class
          strata: strata.csv                    # ice content per zone and depth
          mining: mining.csv                    # parameters per disturbance type
          mining_polygons: mining.gpkg          # pits, dumps, other (or a disturbance raster)
          mining_field: type
          check_boreholes: check_boreholes.csv  # independent boreholes for the error report
        vegetation:
          trees: 500
          mtry: ~                               # default floor(sqrt(features))
          min_leaf: 1
          max_depth: ~                          # default unlimited
          sample_fraction: 1.0
          replace: true
          class_weights: none                   # none or balanced
          seed: \(seed)
          indices: [ndvi, ndwi]                 # spectral indices added as features (ndvi, ndwi, ndmi, ndsi, ndbi)
          # band_roles: red=3,nir=4             # band positions for the indices; default: Landsat 8/9 names SR_B2-SR_B7
          # landsat_scale: 2.75e-5              # reflectance = value x scale + offset for the indices; default: the bands'
          # landsat_offset: -0.2                #   own scale/offset, else Collection 2's for bands named SR_B*
        magt:
          predictors: [elevation, lon, lat, vegetation, aspect, slope]
          permafrost_threshold: 0
          stability_thresholds: [-5, -3, -1.5, -0.5, 0.5]
          unseen_vegetation: nodata             # nodata or error
          selection: none                       # none, aic or bic: backward selection of the predictors
          method: linear                        # linear or random-forest
        terrain:
          compute_edges: true                   # slope and aspect on the DEM's outer ring too (gdaldem -compute_edges)
        thaw:
          kelvin: false
          year: ~                               # a year gives February 29 days when leap
        alt:
          form: physical                        # physical or empirical
          calibrate: false                      # true: fit E per class on the boreholes' ALT
        ice:
          depth: 10
        output:
          format: COG                           # COG or GTiff
          compression: DEFLATE                  # DEFLATE, ZSTD or NONE
          block_size: 512
        site:
          name: Muli-like synthetic scene       # in the report's title
          synthetic: true                       # generated inputs: the report says so

        """
    }
}
