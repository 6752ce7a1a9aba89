#!/usr/bin/env python3
"""The whole Permafrost Atlas pipeline as a GDAL-Python + numpy + scikit-learn user would write it.

The peer of `permafrost-atlas run CONFIG.yaml` in bench/bench.sh: same configuration, same
inputs, same steps (METHOD.md sections 1-7), same GeoTIFF products (cloud-optimised, DEFLATE,
the same predictor, block size and compression threads, nodata -9999 / 0, colour tables and
category names), a
model file and report.json. What it does not do: the PNG maps and report.html that `run`
draws at the end (bench.sh reports that stage of `run` separately).

Usage: pipeline_numpy.py CONFIG.yaml --out DIR [--jobs N] [--trees N] [--strip-pixels N]
                         [--vegetation RASTER]

--vegetation uses an existing vegetation map (e.g. `run`'s pre/vegetation.tif) instead of the
random forest's, so that every later product can be compared with `run`'s pixel by pixel
(bench/compare_atlas.py). Timings per stage go to stdout and report.json.
"""
import argparse
import csv
import json
import math
import os
import shutil
import sys
import time

import numpy as np
import yaml
from osgeo import gdal, ogr, osr
from scipy import ndimage
from sklearn.ensemble import RandomForestClassifier

gdal.UseExceptions()
ogr.UseExceptions()
osr.UseExceptions()

FLOAT_NODATA = -9999.0
LATENT_HEAT = 3.34e5
SECONDS_PER_DAY = 86400.0
MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
ICE_THRESHOLDS = [0.1, 0.2, 0.3, 0.5]

VEGETATION_COLOURS = {
    "alpine swamp meadow": (38, 115, 77), "alpine meadow": (112, 168, 0), "alpine steppe": (215, 194, 158),
    "sparse vegetation": (204, 204, 204), "bare ground": (178, 178, 178), "water": (0, 112, 255),
    "mine pit": (80, 40, 20), "spoil dump": (150, 90, 60),
}
PALETTE = [(27, 158, 119), (217, 95, 2), (117, 112, 179), (231, 41, 138), (102, 166, 30), (230, 171, 2), (166, 118, 29),
           (102, 102, 102)]
STABILITY = [("extremely stable", (33, 102, 172)), ("stable", (103, 169, 207)), ("sub-stable", (209, 229, 240)),
             ("transitional", (253, 219, 199)), ("unstable", (239, 138, 98)),
             ("extremely unstable / seasonally frozen", (178, 24, 43))]
PERMAFROST = [("permafrost", (49, 130, 189)), ("seasonally frozen ground (no permafrost)", (230, 200, 140))]
ICE_CLASSES = [("ice-poor", (222, 203, 164)), ("ice-bearing", (199, 233, 180)), ("ice-rich", (127, 205, 187)),
               ("ice-saturated", (44, 127, 184)), ("ice layer with soil", (37, 52, 148))]
DISTURBANCE = [("open pit", (90, 90, 90)), ("spoil (waste-rock) dump", (160, 110, 60)), ("other (road, plant)", (230, 160, 40))]
DISTURBANCE_CODES = {"1": 1, "pit": 1, "open pit": 1, "mine pit": 1, "2": 2, "dump": 2, "spoil": 2, "spoil dump": 2,
                     "waste dump": 2, "waste-rock dump": 2, "3": 3, "other": 3, "road": 3, "plant": 3}


# ---------------------------------------------------------------- configuration and grid
class Config:
    def __init__(self, path):
        with open(path) as handle:
            raw = yaml.safe_load(handle)
        base = os.path.dirname(os.path.abspath(path))

        def resolve(value):
            if value is None:
                return None
            if isinstance(value, list):
                return [os.path.join(base, v) for v in value]
            return os.path.join(base, value)

        inputs = raw["inputs"]
        self.dem = resolve(inputs["dem"])
        self.landsat = resolve(inputs["landsat"] if isinstance(inputs["landsat"], list) else [inputs["landsat"]])
        self.samples = resolve(inputs["vegetation_samples"])
        self.samples_lonlat = bool(inputs.get("samples_lonlat", False))
        self.boreholes = resolve(inputs["boreholes"])
        temperature = inputs.get("temperature")
        self.temperature = resolve(temperature if isinstance(temperature, list) or temperature is None else [temperature])
        self.thawing_index = resolve(inputs.get("thawing_index"))
        self.zones = resolve(inputs["zones"])
        self.zones_field = inputs.get("zones_field", "zone")
        self.soil = resolve(inputs["soil"])
        self.strata = resolve(inputs["strata"])
        self.mining = resolve(inputs["mining"])
        self.mining_polygons = resolve(inputs["mining_polygons"])
        self.mining_field = inputs.get("mining_field", "type")
        self.check_boreholes = resolve(inputs.get("check_boreholes"))
        veg = raw.get("vegetation") or {}
        self.trees = int(veg.get("trees") or 500)
        self.mtry = veg.get("mtry")
        self.min_leaf = int(veg.get("min_leaf") or 1)
        self.max_depth = veg.get("max_depth")
        self.sample_fraction = float(veg.get("sample_fraction") or 1.0)
        self.class_weights = veg.get("class_weights") or "none"
        self.seed = int(veg.get("seed") or 1)
        magt = raw.get("magt") or {}
        self.predictors = magt.get("predictors") or ["elevation", "lon", "lat", "vegetation", "aspect", "slope"]
        self.permafrost_threshold = float(magt.get("permafrost_threshold", 0) or 0)
        self.stability_thresholds = [float(v) for v in (magt.get("stability_thresholds") or [-5, -3, -1.5, -0.5, 0.5])]
        thaw = raw.get("thaw") or {}
        self.kelvin = bool(thaw.get("kelvin", False))
        self.year = thaw.get("year")
        self.alt_form = (raw.get("alt") or {}).get("form", "physical")
        self.ice_depth = float((raw.get("ice") or {}).get("depth", 10) or 10)
        output = raw.get("output") or {}
        self.format = output.get("format", "COG")
        self.compression = output.get("compression", "DEFLATE")
        self.block_size = int(output.get("block_size", 512) or 512)
        self.creation_options = list(output.get("creation_options") or [])


class Grid:
    def __init__(self, path):
        ds = gdal.Open(path)
        self.width, self.height = ds.RasterXSize, ds.RasterYSize
        self.gt = ds.GetGeoTransform()
        self.wkt = ds.GetProjection()
        self.srs = osr.SpatialReference(wkt=self.wkt)
        self.srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        self.pixel_area = abs(self.gt[1] * self.gt[5])

    def pixel_of(self, x, y):
        column = int(math.floor((x - self.gt[0]) / self.gt[1]))
        row = int(math.floor((y - self.gt[3]) / self.gt[5]))
        if 0 <= column < self.width and 0 <= row < self.height:
            return row, column
        return None

    def bounds(self):
        x0, y0 = self.gt[0], self.gt[3]
        x1, y1 = x0 + self.width * self.gt[1], y0 + self.height * self.gt[5]
        return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


_KEEP_OPEN = []


def aligned(path, grid, resampling):
    """The raster on the grid: the file itself when it is on the grid, else a lazy warped VRT
    (bilinear or nearest, exact transformer) as the atlas does."""
    ds = gdal.Open(path)
    if (ds.RasterXSize, ds.RasterYSize) == (grid.width, grid.height) and \
            np.allclose(ds.GetGeoTransform(), grid.gt) and osr.SpatialReference(wkt=ds.GetProjection()).IsSame(grid.srs):
        return ds
    band = ds.GetRasterBand(1)
    options = dict(format="VRT", dstSRS=grid.wkt, outputBounds=grid.bounds(), width=grid.width, height=grid.height,
                   resampleAlg=resampling, errorThreshold=0)
    if band.GetNoDataValue() is None:
        options["dstNodata"] = "nan" if band.DataType in (gdal.GDT_Float32, gdal.GDT_Float64) else 0
    warped = gdal.Warp(f"/vsimem/pipeline_numpy_{os.path.basename(path)}_{resampling}.vrt", ds, **options)
    _KEEP_OPEN.append(ds)  # the warped VRT reads from it: GDAL-Python must not close it first
    return warped


def read_float(ds, band=1, window=None):
    b = ds.GetRasterBand(band)
    values = (b.ReadAsArray(*window) if window else b.ReadAsArray()).astype(np.float32, copy=False)
    nodata = b.GetNoDataValue()
    if nodata is not None and not math.isnan(nodata):
        values[values == np.float32(nodata)] = np.nan
    return values


def read_classes(ds, window=None):
    b = ds.GetRasterBand(1)
    values = b.ReadAsArray(*window) if window else b.ReadAsArray()
    nodata = b.GetNoDataValue()
    codes = values.astype(np.uint8)
    if nodata is not None and not math.isnan(nodata):
        codes[values == nodata] = 0
    return codes


# ---------------------------------------------------------------- products
class Writer:
    threads = 2  # GDAL's NUM_THREADS for compression, as `run --threads 2` sets it

    def __init__(self, config, grid, out):
        self.config, self.grid, self.out = config, grid, out
        self.summaries = {}

    def options(self, floating, categorical, fmt):
        compression = self.config.compression
        if fmt == "COG":
            predictor = "NO" if compression == "NONE" else ("FLOATING_POINT" if floating else "STANDARD")
            return [f"COMPRESS={compression}", f"PREDICTOR={predictor}", f"BLOCKSIZE={self.config.block_size}",
                    "BIGTIFF=IF_SAFER", f"RESAMPLING={'NEAREST' if categorical else 'AVERAGE'}",
                    f"NUM_THREADS={self.threads}"] + self.config.creation_options
        predictor = "1" if compression == "NONE" else ("3" if floating else "2")
        return ["TILED=YES", f"BLOCKXSIZE={self.config.block_size}", f"BLOCKYSIZE={self.config.block_size}", "BIGTIFF=IF_SAFER",
                f"COMPRESS={compression}", f"PREDICTOR={predictor}", f"NUM_THREADS={self.threads}"] + self.config.creation_options

    def _dataset(self, data_type, description, unit, nodata, metadata, legend):
        mem = gdal.GetDriverByName("MEM").Create("", self.grid.width, self.grid.height, 1, data_type)
        mem.SetGeoTransform(self.grid.gt)
        mem.SetProjection(self.grid.wkt)
        for key, value in sorted((metadata or {}).items()):
            mem.SetMetadataItem(key, str(value))
        band = mem.GetRasterBand(1)
        band.SetNoDataValue(nodata)
        band.SetDescription(description)
        band.SetUnitType(unit)
        if legend:
            table = gdal.ColorTable()
            table.SetColorEntry(0, (0, 0, 0, 0))
            names = ["nodata"] + [""] * max(code for code, _, _ in legend)
            for code, name, colour in legend:
                table.SetColorEntry(code, tuple(colour) + (255,))
                names[code] = name
            band.SetRasterColorTable(table)
            band.SetRasterColorInterpretation(gdal.GCI_PaletteIndex)
            band.SetRasterCategoryNames(names)
        return mem

    def floats(self, name, values, description, unit, metadata=None):
        """A Float32 product: NaN written as -9999; summary statistics as `run` reports them."""
        valid = ~np.isnan(values)
        count = int(valid.sum())
        self.summaries[name] = {"validPixels": count, "nodataPixels": int(values.size - count),
                                "minimum": float(np.nanmin(values)) if count else None,
                                "maximum": float(np.nanmax(values)) if count else None,
                                "mean": float(np.nanmean(values, dtype=np.float64)) if count else None}
        on_disk = np.where(valid, values, np.float32(FLOAT_NODATA)).astype(np.float32, copy=False)
        mem = self._dataset(gdal.GDT_Float32, description, unit, FLOAT_NODATA, metadata, None)
        mem.GetRasterBand(1).WriteArray(on_disk)
        self._save(name, mem, floating=True, categorical=False)

    def classes(self, name, codes, description, legend, metadata=None, fmt=None):
        counts = np.bincount(codes.ravel(), minlength=256)
        self.summaries[name] = {"validPixels": int(counts[1:].sum()), "nodataPixels": int(counts[0]),
                                "classAreasSquareKilometres": {n: float(counts[c]) * self.grid.pixel_area / 1e6
                                                               for c, n, _ in legend}}
        mem = self._dataset(gdal.GDT_Byte, description, "class", 0, metadata, legend)
        mem.GetRasterBand(1).WriteArray(codes)
        self._save(name, mem, floating=False, categorical=True, fmt=fmt)

    def _save(self, name, mem, floating, categorical, fmt=None):
        fmt = fmt or self.config.format
        path = os.path.join(self.out, name + ".tif")
        driver = gdal.GetDriverByName("COG" if fmt == "COG" else "GTiff")
        driver.CreateCopy(path, mem, options=self.options(floating, categorical, fmt))


def legend_of(names_colours, first_code=1):
    return [(first_code + i, name, colour) for i, (name, colour) in enumerate(names_colours)]


# ---------------------------------------------------------------- tables
def read_csv(path):
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle))


def stefan_coefficient(row):
    lam, rho, w, wu, n = (float(row[k]) for k in ("lambda_thawed", "dry_density", "water_content", "unfrozen_water_content", "n_factor"))
    return math.sqrt(2 * lam * n * SECONDS_PER_DAY / (LATENT_HEAT * rho * (w - wu)))


def code_of(label, category_names):
    if label.strip().isdigit():
        return int(label)
    for index, name in enumerate(category_names):
        if index > 0 and name.lower() == label.strip().lower():
            return index
    raise SystemExit(f"class {label!r} is neither a code nor a category name ({category_names})")


def soil_coefficients(config, category_names):
    lut = np.full(256, np.nan)
    for row in read_csv(config.soil):
        code = code_of(row["class"], category_names)
        if config.alt_form == "empirical":
            lut[code] = float(row["edaphic_factor"]) * math.sqrt(float(row["n_factor"]))
        else:
            lut[code] = stefan_coefficient(row)
    return lut


def strata_luts(config, zone_names):
    layers = {}
    for row in read_csv(config.strata):
        code = code_of(row["zone"], zone_names)
        layers.setdefault(code, []).append((float(row["top"]), float(row["bottom"]), float(row["ice_content"])))
    depth = max(len(v) for v in layers.values())
    top = np.zeros((depth, 256))
    bottom = np.zeros((depth, 256))
    content = np.zeros((depth, 256))
    known = np.zeros(256, dtype=bool)
    for code, rows in layers.items():
        known[code] = True
        for k, (t, b, c) in enumerate(sorted(rows)):
            top[k, code], bottom[k, code], content[k, code] = t, b, c
    return top, bottom, content, known


# ---------------------------------------------------------------- kernels (whole arrays)
def thaw_depth(coefficient, ddt):
    """coefficient * sqrt(DDT), 0 where DDT <= 0, NaN where DDT or the coefficient is NaN."""
    with np.errstate(invalid="ignore"):
        depth = coefficient * np.sqrt(np.maximum(ddt, 0))
    return depth


def ground_ice(alt, zones, luts, depth_limit, lowering=None):
    top, bottom, content, known = luts
    if np.any(~known[zones] & (zones != 0)):
        bad = np.unique(zones[~known[zones] & (zones != 0)])
        raise SystemExit(f"zone codes {bad.tolist()} are not in the strata table")
    window_top = np.maximum(alt.astype(np.float64), 0)
    low = 0.0 if lowering is None else lowering
    ice = np.zeros(alt.shape)
    for k in range(top.shape[0]):
        overlap = np.minimum(bottom[k][zones] - low, depth_limit) - np.maximum(top[k][zones] - low, window_top)
        ice += np.where(overlap > 0, overlap * content[k][zones], 0)
    missing = np.isnan(alt) | (zones == 0)
    ice[missing] = np.nan
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(window_top < depth_limit, ice / (depth_limit - window_top), np.nan).astype(np.float32)
    ice_class = np.zeros(alt.shape, dtype=np.uint8)
    valid = ~np.isnan(mean)
    ice_class[valid] = 1 + np.searchsorted(np.array(ICE_THRESHOLDS), mean[valid].astype(np.float64), side="right")
    return ice.astype(np.float32), mean, ice_class


def stability_codes(magt, thresholds):
    codes = np.zeros(magt.shape, dtype=np.uint8)
    valid = ~np.isnan(magt)
    codes[valid] = 1 + np.searchsorted(np.array(thresholds), magt[valid].astype(np.float64), side="right")
    return codes


def permafrost_codes(magt, threshold):
    codes = np.zeros(magt.shape, dtype=np.uint8)
    valid = ~np.isnan(magt)
    codes[valid] = np.where(magt[valid].astype(np.float64) < threshold, 1, 2)
    return codes


def horn(dem, gt):
    """gdaldem's Horn slope (degrees) and aspect (degrees from north; NaN where flat), with
    northness/eastness (0 where flat); NaN on the raster edges and next to nodata."""
    z = dem.astype(np.float32)
    nw, n, ne = z[:-2, :-2], z[:-2, 1:-1], z[:-2, 2:]
    w, e = z[1:-1, :-2], z[1:-1, 2:]
    sw, s, se = z[2:, :-2], z[2:, 1:-1], z[2:, 2:]
    west = (nw + w + w + sw).astype(np.float64)
    east = (ne + e + e + se).astype(np.float64)
    south = (sw + s + s + se).astype(np.float64)
    north = (nw + n + n + ne).astype(np.float64)
    ew, ns = gt[1], gt[5]
    dx = (west - east) / ew
    dy = (south - north) / ns
    shape = dem.shape
    slope = np.full(shape, np.nan, dtype=np.float32)
    aspect = np.full(shape, np.nan, dtype=np.float32)
    slope[1:-1, 1:-1] = np.degrees(np.arctan(np.sqrt(dx * dx + dy * dy) / 8))
    ax = east - west
    ay = south - north
    north_component = ay * (abs(ew) / -ns)
    east_component = -ax if ew > 0 else ax
    a = (np.arctan2(north_component, east_component) / (math.pi / 180)).astype(np.float32)
    a = np.where(a > 90, np.float32(450) - a, np.float32(90) - a)
    a[a == 360] = 0
    a[(ax == 0) & (ay == 0)] = np.nan
    aspect[1:-1, 1:-1] = a
    bad = np.isnan(slope)
    radians = aspect.astype(np.float64) * math.pi / 180
    northness = np.where(np.isnan(aspect), 0, np.cos(radians)).astype(np.float32)
    eastness = np.where(np.isnan(aspect), 0, np.sin(radians)).astype(np.float32)
    northness[bad] = np.nan
    eastness[bad] = np.nan
    aspect[bad] = np.nan
    return slope, aspect, northness, eastness


def lon_lat(grid, rows, transform):
    """Pixel-centre longitude/latitude (WGS84) of the given rows, through osr."""
    columns = np.arange(grid.width) + 0.5
    xs = grid.gt[0] + columns[None, :] * grid.gt[1] + (rows[:, None] + 0.5) * grid.gt[2]
    ys = grid.gt[3] + columns[None, :] * grid.gt[4] + (rows[:, None] + 0.5) * grid.gt[5]
    points = np.column_stack([xs.ravel(), ys.ravel()])
    result = np.asarray(transform.TransformPoints(points))
    return result[:, 0].reshape(xs.shape).astype(np.float32), result[:, 1].reshape(xs.shape).astype(np.float32)


def rasterize(vector, field, codes, grid, path, config, description, legend):
    """Polygons burnt onto the grid by a text attribute, one value at a time (GTiff, Byte)."""
    source = gdal.OpenEx(vector, gdal.OF_VECTOR)
    layer = source.GetLayer(0)
    mem = gdal.GetDriverByName("MEM").Create("", grid.width, grid.height, 1, gdal.GDT_Byte)
    mem.SetGeoTransform(grid.gt)
    mem.SetProjection(grid.wkt)
    band = mem.GetRasterBand(1)
    band.SetNoDataValue(0)
    band.SetDescription(description)
    band.Fill(0)
    values = sorted({feature.GetField(field) for feature in layer})
    for value in values:
        code = codes.get(value, codes.get(str(value).lower()))
        if code is None:
            raise SystemExit(f"{vector}: attribute {field} has the unknown value {value!r}")
        quoted = str(value).replace("'", "''")
        gdal.Rasterize(mem, source, layers=[layer.GetName()], where=f"\"{field}\" = '{quoted}'", burnValues=[code])
    codes_array = band.ReadAsArray()
    writer = Writer(config, grid, os.path.dirname(path))
    writer.classes(os.path.splitext(os.path.basename(path))[0], codes_array, description, legend, fmt="GTiff")
    return codes_array


# ---------------------------------------------------------------- the pipeline
class Clock:
    def __init__(self):
        self.seconds = {}

    def time(self, name, work):
        start = time.perf_counter()
        print(f"[{len(self.seconds) + 1}] {name}", flush=True)
        result = work()
        self.seconds[name] = round(time.perf_counter() - start, 3)
        return result


def strips(grid, strip_pixels):
    rows = max(1, strip_pixels // grid.width)
    for first in range(0, grid.height, rows):
        yield first, min(rows, grid.height - first)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config")
    parser.add_argument("--out", required=True)
    parser.add_argument("--jobs", type=int, default=2, help="scikit-learn n_jobs (default 2)")
    parser.add_argument("--trees", type=int, help="override vegetation.trees")
    parser.add_argument("--strip-pixels", type=int, default=2_000_000,
                        help="pixels per strip for the random-forest prediction and lon/lat (memory bound)")
    parser.add_argument("--vegetation", help="use this vegetation map instead of predicting one (for comparisons)")
    args = parser.parse_args()
    started = time.perf_counter()
    config = Config(args.config)
    if args.trees:
        config.trees = args.trees
    Writer.threads = args.jobs
    out = args.out
    for folder in ["", "models", "pre", "post", "diff", "aligned"]:
        os.makedirs(os.path.join(out, folder), exist_ok=True)
    grid = Grid(config.dem)
    writer = Writer(config, grid, out)
    clock = Clock()
    report = {"grid": {"width": grid.width, "height": grid.height}}

    # 1. vegetation model (random forest) ------------------------------------------------
    feature_sets = []  # (dataset, band number, name)
    for path in config.landsat:
        ds = aligned(path, grid, "bilinear")
        source = gdal.Open(path)
        for b in range(1, source.RasterCount + 1):
            description = source.GetRasterBand(b).GetDescription().strip() or f"band {b}"
            feature_sets.append((ds, b, f"{os.path.basename(path)}:{description}"))
    p = len(feature_sets)

    def train():
        rows = read_csv(config.samples)
        features, labels = [], []
        to_grid = None
        if config.samples_lonlat:
            wgs84 = osr.SpatialReference()
            wgs84.ImportFromEPSG(4326)
            wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
            to_grid = osr.CoordinateTransformation(wgs84, grid.srs)
        for row in rows:
            x, y = float(row["x"]), float(row["y"])
            if to_grid:
                x, y, _ = to_grid.TransformPoint(x, y)
            pixel = grid.pixel_of(x, y)
            if pixel is None:
                continue
            values = [read_float(ds, b, (pixel[1], pixel[0], 1, 1))[0, 0] for ds, b, _ in feature_sets]
            if not all(np.isfinite(values)):
                continue
            features.append(values)
            labels.append(row["class"])
        names = sorted(set(labels), key=lambda s: (float(s),) if all(_is_number(v) for v in set(labels)) else s.lower())
        index = {name: i for i, name in enumerate(names)}
        x = np.array(features, dtype=np.float32)
        y = np.array([index[label] for label in labels])
        forest = RandomForestClassifier(
            n_estimators=config.trees, criterion="gini",
            max_features=int(config.mtry) if config.mtry else "sqrt",
            min_samples_leaf=config.min_leaf, max_depth=int(config.max_depth) if config.max_depth else None,
            bootstrap=True, max_samples=config.sample_fraction if config.sample_fraction < 1 else None,
            class_weight="balanced" if config.class_weights == "balanced" else None,
            oob_score=True, n_jobs=args.jobs, random_state=config.seed)
        forest.fit(x, y)
        # Out-of-bag confusion matrix, accuracy, kappa, producer's and user's accuracy.
        oob = forest.oob_decision_function_
        has = ~np.isnan(oob).any(axis=1)
        predicted = np.argmax(oob[has], axis=1)
        k = len(names)
        confusion = np.bincount(y[has] * k + predicted, minlength=k * k).reshape(k, k)
        total = confusion.sum()
        accuracy = np.trace(confusion) / total
        expected = (confusion.sum(0) * confusion.sum(1)).sum() / total ** 2
        kappa = (accuracy - expected) / (1 - expected)
        # Breiman's permutation importance: per tree, OOB accuracy minus accuracy with one
        # feature permuted among the OOB samples, averaged over trees.
        rng = np.random.default_rng(config.seed)
        decrease = np.zeros(p)
        contributing = 0
        for tree, drawn in zip(forest.estimators_, drawn_samples(forest, len(y))):
            out_of_bag = np.setdiff1d(np.arange(len(y)), drawn)
            if out_of_bag.size == 0:
                continue
            xo, yo = x[out_of_bag], y[out_of_bag]
            base = (tree.predict(xo) == yo).mean()
            for j in range(p):
                permuted = xo.copy()
                permuted[:, j] = rng.permutation(permuted[:, j])
                decrease[j] += base - (tree.predict(permuted) == yo).mean()
            contributing += 1
        import joblib
        joblib.dump(forest, os.path.join(out, "models", "vegetation_rf.joblib"), compress=3)
        return forest, names, {
            "samples": int(len(y)), "classes": names, "trees": config.trees, "outOfBagAccuracy": float(accuracy),
            "kappa": float(kappa), "confusion": confusion.tolist(),
            "producersAccuracy": (np.diag(confusion) / np.maximum(confusion.sum(1), 1)).tolist(),
            "usersAccuracy": (np.diag(confusion) / np.maximum(confusion.sum(0), 1)).tolist(),
            "impurityImportance": forest.feature_importances_.tolist(),
            "permutationImportance": (decrease / max(contributing, 1)).tolist()}

    forest, class_names, report["vegetation"] = clock.time("vegetation model (random forest)", train)
    category_names = ["nodata"] + class_names
    vegetation_legend = [(i + 1, name, VEGETATION_COLOURS.get(name.lower(), PALETTE[i % len(PALETTE)]))
                         for i, name in enumerate(class_names)]

    # 2. vegetation map -----------------------------------------------------------------------
    def vegetation_map():
        if args.vegetation:
            return read_classes(gdal.Open(args.vegetation))
        codes = np.zeros((grid.height, grid.width), dtype=np.uint8)
        for first, count in strips(grid, args.strip_pixels):
            window = (0, first, grid.width, count)
            stack = np.stack([read_float(ds, b, window).ravel() for ds, b, _ in feature_sets], axis=1)
            valid = np.isfinite(stack).all(axis=1)
            strip = np.zeros(stack.shape[0], dtype=np.uint8)
            if valid.any():
                strip[valid] = forest.predict(stack[valid]).astype(np.uint8) + 1
            codes[first:first + count] = strip.reshape(count, grid.width)
        writer.classes("pre/vegetation", codes, "vegetation class", vegetation_legend,
                       {"PERMAFROST_ATLAS_STEP": "classify", "METHOD": "random forest (scikit-learn)", "TREES": str(config.trees)})
        return codes

    vegetation = clock.time("vegetation map", vegetation_map)

    # 3. MAGT model ---------------------------------------------------------------------------
    dem_ds = aligned(config.dem, grid, "bilinear")
    wgs84 = osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    to_lonlat = osr.CoordinateTransformation(grid.srs, wgs84)
    predictors = set(config.predictors)
    state = {}

    def magt_fit():
        if grid.srs.IsGeographic():
            raise SystemExit("geographic DEMs are not handled by this benchmark script")
        dem = read_float(dem_ds)
        slope, _, northness, eastness = horn(dem, grid.gt)
        state.update(dem=dem, slope=slope, northness=northness, eastness=eastness)
        boreholes = read_csv(config.boreholes)
        samples = []
        for row in boreholes:
            pixel = grid.pixel_of(float(row["x"]), float(row["y"]))
            if pixel is None:
                continue
            r, c = pixel
            lon, lat, _ = to_lonlat.TransformPoint(grid.gt[0] + (c + 0.5) * grid.gt[1], grid.gt[3] + (r + 0.5) * grid.gt[5])
            values = {"elevation": dem[r, c], "lon": lon, "lat": lat, "vegetation": int(vegetation[r, c]),
                      "northness": northness[r, c], "eastness": eastness[r, c], "slope": slope[r, c]}
            if "elevation" in predictors and not np.isfinite(values["elevation"]):
                continue
            if "vegetation" in predictors and values["vegetation"] == 0:
                continue
            if ({"aspect", "slope"} & predictors) and not np.isfinite(values["slope"]):
                continue
            samples.append((row["id"], float(row["magt"]), values))
        classes = sorted({v["vegetation"] for _, _, v in samples}) if "vegetation" in predictors else []
        columns = []
        for name in ("elevation", "lon", "lat"):
            if name in predictors:
                columns.append(name)
        columns += [f"vegetation={code}" for code in classes[1:]]
        if "aspect" in predictors:
            columns += ["northness", "eastness"]
        if "slope" in predictors:
            columns.append("slope")

        def design_row(values):
            row = [1.0]
            for name in columns:
                if name.startswith("vegetation="):
                    row.append(1.0 if values["vegetation"] == int(name.split("=")[1]) else 0.0)
                else:
                    row.append(float(values[name]))
            return row

        x = np.array([design_row(v) for _, _, v in samples])
        y = np.array([m for _, m, _ in samples])
        beta, _, rank, singular = np.linalg.lstsq(x, y, rcond=None)
        fitted = x @ beta
        residual = y - fitted
        n, k = x.shape
        sse = float(residual @ residual)
        sst = float(((y - y.mean()) ** 2).sum())
        q, _ = np.linalg.qr(x)
        leverage = (q * q).sum(axis=1)
        loo = residual / (1 - leverage)
        sigma2 = sse / max(n - k, 1)
        covariance = sigma2 * np.linalg.pinv(x.T @ x)
        state.update(beta=beta, columns=columns, classes=classes)
        model = {"coefficients": dict(zip(["intercept"] + columns, beta.tolist())),
                 "standardErrors": dict(zip(["intercept"] + columns, np.sqrt(np.diag(covariance)).tolist())),
                 "r2": 1 - sse / sst, "adjustedR2": 1 - (sse / max(n - k, 1)) / (sst / (n - 1)),
                 "rmse": math.sqrt(sse / n), "looRMSE": float(np.sqrt((loo ** 2).mean())),
                 "conditionNumber": float(singular[0] / singular[-1]), "boreholes": n,
                 "residuals": dict(zip([i for i, _, _ in samples], residual.tolist()))}
        with open(os.path.join(out, "models", "magt.json"), "w") as handle:
            json.dump(model, handle, indent=1)
        return model

    report["magt"] = clock.time("MAGT model (regression)", magt_fit)

    # 4. MAGT map -----------------------------------------------------------------------------
    def magt_map():
        beta = dict(zip(["intercept"] + state["columns"], state["beta"]))
        magt = np.full((grid.height, grid.width), beta["intercept"])
        if "elevation" in predictors:
            magt += beta["elevation"] * state["dem"]
        if {"lon", "lat"} & predictors:
            for first, count in strips(grid, args.strip_pixels):
                lon, lat = lon_lat(grid, np.arange(first, first + count), to_lonlat)
                if "lon" in predictors:
                    magt[first:first + count] += beta["lon"] * lon
                if "lat" in predictors:
                    magt[first:first + count] += beta["lat"] * lat
        if "vegetation" in predictors:
            offsets = np.full(256, np.nan)
            classes = state["classes"]
            offsets[classes[0]] = 0
            for code in classes[1:]:
                offsets[code] = beta[f"vegetation={code}"]
            unseen = {int(c): int(n) for c, n in enumerate(np.bincount(vegetation.ravel(), minlength=256))
                      if n and c != 0 and np.isnan(offsets[c])}
            report["unseenVegetationPixels"] = unseen
            magt += offsets[vegetation]
        if "aspect" in predictors:
            magt += beta["northness"] * state["northness"] + beta["eastness"] * state["eastness"]
        if "slope" in predictors:
            magt += beta["slope"] * state["slope"]
        magt = magt.astype(np.float32)
        formula = " + ".join(f"{value} x {name}" for name, value in beta.items())
        writer.floats("pre/magt", magt, "mean annual ground temperature", "degC",
                      {"PERMAFROST_ATLAS_STEP": "magt", "FORMULA": "MAGT = " + formula})
        return magt

    magt = clock.time("MAGT map", magt_map)
    for key in ("slope", "northness", "eastness"):
        state.pop(key, None)

    # 5. stability and permafrost --------------------------------------------------------------
    def stability():
        stab = stability_codes(magt, config.stability_thresholds)
        perm = permafrost_codes(magt, config.permafrost_threshold)
        writer.classes("pre/stability", stab, "thermal stability", legend_of(STABILITY))
        writer.classes("pre/permafrost", perm, "permafrost presence", legend_of(PERMAFROST))
        return stab, perm

    pre_stability, pre_permafrost = clock.time("permafrost and thermal stability", stability)

    # 6. thawing index --------------------------------------------------------------------------
    def thawing_index():
        if config.thawing_index:
            return read_float(aligned(config.thawing_index, grid, "bilinear"))
        if len(config.temperature) == 1:
            ds = aligned(config.temperature[0], grid, "bilinear")
            bands = [(ds, b) for b in range(1, gdal.Open(config.temperature[0]).RasterCount + 1)]
        else:
            bands = [(aligned(path, grid, "bilinear"), 1) for path in config.temperature]
        units = []
        for i, (_, b) in enumerate(bands):
            source = gdal.Open(config.temperature[0] if len(config.temperature) == 1 else config.temperature[i])
            units.append(source.GetRasterBand(b).GetUnitType().strip().lower())
        kelvin = config.kelvin or all(u in ("k", "kelvin", "kelvins", "degk") for u in units)
        if len(bands) == 12:
            days = list(MONTH_DAYS)
            if config.year and (config.year % 4 == 0 and (config.year % 100 != 0 or config.year % 400 == 0)):
                days[1] = 29
        else:
            days = [1] * len(bands)
        ddt = np.zeros((grid.height, grid.width))
        for (ds, b), d in zip(bands, days):
            t = read_float(ds, b).astype(np.float64) - (273.15 if kelvin else 0)
            ddt += np.maximum(t, 0) * d  # NaN propagates
        ddt = ddt.astype(np.float32)
        writer.floats("pre/thaw_index", ddt, "thawing index (DDT, air)", "degC day",
                      {"PERMAFROST_ATLAS_STEP": "thaw-index", "FORMULA": "sum of max(T, 0) x days"})
        return ddt

    ddt = clock.time("thawing index", thawing_index)

    # 7. active layer -------------------------------------------------------------------------
    soil = soil_coefficients(config, category_names)
    absent = np.isnan(soil[np.unique(vegetation)])
    absent[np.unique(vegetation) == 0] = False
    if absent.any():
        raise SystemExit(f"{config.soil}: vegetation codes {np.unique(vegetation)[absent].tolist()} are not in the soil table")

    def active_layer():
        depth = thaw_depth(soil[vegetation], ddt)
        depth[vegetation == 0] = np.nan
        alt = np.where(magt.astype(np.float64) < config.permafrost_threshold, depth, np.nan).astype(np.float32)
        writer.floats("pre/alt", alt, "active-layer thickness", "m", {"PERMAFROST_ATLAS_STEP": "alt"})
        return alt

    pre_alt = clock.time("active-layer thickness", active_layer)

    # 8. ground ice ---------------------------------------------------------------------------
    zone_names = []

    def ice():
        if is_vector(config.zones):
            source = ogr.Open(config.zones)
            names = sorted({feature.GetField(config.zones_field) for feature in source.GetLayer(0)})
            zone_names.extend(["nodata"] + names)
            zones = rasterize(config.zones, config.zones_field, {n: i + 1 for i, n in enumerate(names)}, grid,
                              os.path.join(out, "aligned", "zones.tif"), config, "geomorphology / sediment zone",
                              [(i + 1, n, PALETTE[i % len(PALETTE)]) for i, n in enumerate(names)])
        else:
            ds = gdal.Open(config.zones)
            band = ds.GetRasterBand(1)
            band.GetDescription()  # GDAL 3.6's GTiff band loads the .aux.xml (category names) only then
            zone_names.extend(band.GetRasterCategoryNames() or [])
            zones = read_classes(aligned(config.zones, grid, "near"))
        luts = strata_luts(config, zone_names)
        volume, _, classes = ground_ice(pre_alt, zones, luts, config.ice_depth)
        writer.floats("pre/ice", volume, "ground-ice volume per unit area", "m3/m2", {"PERMAFROST_ATLAS_STEP": "ice"})
        writer.classes("pre/ice_class", classes, "ground-ice class", legend_of(ICE_CLASSES))
        report["iceVolumePreCubicKilometres"] = float(np.nansum(volume, dtype=np.float64) * grid.pixel_area / 1e9)
        return zones, luts

    zones, luts = clock.time("ground ice", ice)

    # 9. mining: post-mining atlas and differences ------------------------------------------------
    def mining():
        table = {DISTURBANCE_CODES[row["type"].strip().lower()]: row for row in read_csv(config.mining)}
        types = rasterize(config.mining_polygons, config.mining_field, DISTURBANCE_CODES, grid,
                          os.path.join(out, "disturbance.tif"), config, "mining disturbance type", legend_of(DISTURBANCE))
        offset, buffer, lowering_of, coefficient = (np.zeros(4) for _ in range(4))
        for code, row in table.items():
            offset[code] = float(row["magt_offset"])
            buffer[code] = float(row["buffer_m"])
            lowering_of[code] = float(row["excavation_depth"]) - float(row.get("dump_thickness") or 0)
            coefficient[code] = stefan_coefficient(row)
        if types.any():
            distance, (near_row, near_col) = ndimage.distance_transform_edt(
                types == 0, sampling=(abs(grid.gt[5]), abs(grid.gt[1])), return_indices=True)
            nearest = types[near_row, near_col]
            del near_row, near_col
        else:
            distance = np.full(types.shape, np.inf)
            nearest = np.zeros(types.shape, dtype=np.uint8)
        buf = buffer[nearest]
        with np.errstate(invalid="ignore", divide="ignore"):
            weight = np.where(distance <= 0, 1.0, np.where((buf > 0) & (distance < buf), 1 - distance / buf, 0.0))
        weight[nearest == 0] = 0
        affected = weight > 0
        post_magt = (magt.astype(np.float64) + offset[nearest] * weight).astype(np.float32)
        inside = affected & (distance <= 0)
        del distance
        lowering = np.where(inside, lowering_of[nearest], 0.0)
        depth = np.where(inside, thaw_depth(coefficient[nearest], ddt), thaw_depth(soil[vegetation], ddt))
        depth[~inside & (vegetation == 0)] = np.nan
        post_alt = np.where(post_magt.astype(np.float64) < config.permafrost_threshold, depth, np.nan).astype(np.float32)
        post_ice, _, post_ice_class = ground_ice(post_alt, zones, luts, config.ice_depth, lowering)
        del lowering, depth
        post_stability = stability_codes(post_magt, config.stability_thresholds)
        post_permafrost = permafrost_codes(post_magt, config.permafrost_threshold)
        # The block kernel of `run` recomputes the pre-mining ALT and ice; so does this.
        pre_depth = thaw_depth(soil[vegetation], ddt)
        pre_depth[vegetation == 0] = np.nan
        pre_alt_again = np.where(magt.astype(np.float64) < config.permafrost_threshold, pre_depth, np.nan).astype(np.float32)
        pre_ice, _, _ = ground_ice(pre_alt_again, zones, luts, config.ice_depth)
        before = np.where(np.isnan(pre_ice) & (pre_permafrost == 2), 0, pre_ice)
        after = np.where(np.isnan(post_ice) & (post_permafrost == 2), 0, post_ice)
        ice_change = (after - before).astype(np.float32)
        magt_change = post_magt - magt
        alt_change = post_alt - pre_alt_again
        writer.floats("post/magt", post_magt, "post-mining MAGT", "degC")
        writer.floats("post/alt", post_alt, "post-mining active-layer thickness", "m")
        writer.floats("post/ice", post_ice, "post-mining ground-ice volume per unit area", "m3/m2")
        writer.classes("post/ice_class", post_ice_class, "post-mining ground-ice class", legend_of(ICE_CLASSES))
        writer.classes("post/stability", post_stability, "post-mining thermal stability", legend_of(STABILITY))
        writer.classes("post/permafrost", post_permafrost, "post-mining permafrost presence", legend_of(PERMAFROST))
        writer.floats("diff/magt", magt_change, "MAGT change, post - pre", "degC")
        writer.floats("diff/alt", alt_change, "ALT change, post - pre", "m")
        writer.floats("diff/ice", ice_change, "ground-ice volume change, post - pre", "m3/m2")

        def transitions(pre, post, legend):
            codes = np.where((pre == 0) | (post == 0), 0, pre * 10 + post).astype(np.uint8)
            entries = [(a * 10 + b, f"{na} -> {nb}", (200, 200, 200) if a == b else cb)
                       for a, na, _ in legend for b, nb, cb in legend]
            k = len(legend) + 1
            matrix = np.bincount(pre.ravel().astype(np.int64) * k + post.ravel(), minlength=k * k).reshape(k, k)
            return codes, entries, (matrix * grid.pixel_area / 1e6).tolist()

        codes, entries, report["permafrostTransition"] = transitions(pre_permafrost, post_permafrost, legend_of(PERMAFROST))
        writer.classes("diff/permafrost_transition", codes, "permafrost presence, pre x 10 + post", entries)
        codes, entries, report["stabilityTransition"] = transitions(pre_stability, post_stability, legend_of(STABILITY))
        writer.classes("diff/stability_transition", codes, "thermal stability, pre x 10 + post", entries)
        # Per disturbance type, interior and influence zone: area, mean changes, ice change.
        summary = []
        key = np.where(affected, (nearest.astype(np.int64) - 1) * 2 + (~inside), -1).ravel()
        use = key >= 0
        for name, values in (("magt", magt_change), ("alt", alt_change), ("ice", ice_change)):
            v = values.ravel()[use].astype(np.float64)
            ok = ~np.isnan(v)
            summary.append((np.bincount(key[use][ok], weights=v[ok], minlength=6), np.bincount(key[use][ok], minlength=6)))
        pixels = np.bincount(key[use], minlength=6)
        report["perType"] = [{"type": DISTURBANCE[t][0], "zone": ["interior", "influence"][z],
                              "areaSquareKilometres": float(pixels[t * 2 + z]) * grid.pixel_area / 1e6,
                              "meanMAGTChange": float(summary[0][0][t * 2 + z] / max(summary[0][1][t * 2 + z], 1)),
                              "meanALTChange": float(summary[1][0][t * 2 + z] / max(summary[1][1][t * 2 + z], 1)),
                              "iceVolumeChangeCubicMetres": float(summary[2][0][t * 2 + z] * grid.pixel_area)}
                             for t in range(3) for z in range(2) if pixels[t * 2 + z]]
        report["iceVolumePostCubicKilometres"] = float(np.nansum(post_ice, dtype=np.float64) * grid.pixel_area / 1e9)
        post_vegetation = np.where(types == 0, vegetation, len(class_names) + types).astype(np.uint8)
        writer.classes("post/vegetation", post_vegetation, "vegetation class after mining",
                       vegetation_legend + [(len(class_names) + i + 1, n, c) for i, (n, c) in
                                            enumerate([("mine pit", DISTURBANCE[0][1]), ("spoil dump", DISTURBANCE[1][1]),
                                                       ("other disturbance", DISTURBANCE[2][1])])])
        shutil.copyfile(os.path.join(out, "pre", "thaw_index.tif"), os.path.join(out, "post", "thaw_index.tif"))

    clock.time("post-mining atlas and differences", mining)

    # 10. check boreholes and report ---------------------------------------------------------
    def check():
        if not config.check_boreholes:
            return
        rows = read_csv(config.check_boreholes)
        results = {}
        for quantity, product in (("magt", "pre/magt.tif"), ("alt", "pre/alt.tif"), ("ice", "pre/ice.tif")):
            if quantity not in rows[0]:
                continue
            ds = gdal.Open(os.path.join(out, product))
            errors, within = [], 0
            for row in rows:
                if not row.get(quantity):
                    continue
                pixel = grid.pixel_of(float(row["x"]), float(row["y"]))
                if pixel is None:
                    continue
                value = read_float(ds, 1, (pixel[1], pixel[0], 1, 1))[0, 0]
                if not np.isfinite(value):
                    continue
                observed = float(row[quantity])
                errors.append(float(value) - observed)
                within += observed != 0 and abs(errors[-1] / observed) <= 0.2
            errors = np.array(errors)
            results[quantity] = {"count": len(errors), "rmse": float(np.sqrt((errors ** 2).mean())) if len(errors) else None,
                                 "shareWithin20Percent": within / len(errors) if len(errors) else None}
        report["checkBoreholes"] = results

    clock.time("check boreholes and report", check)
    report["products"] = writer.summaries
    report["stageSeconds"] = clock.seconds
    report["totalSeconds"] = round(time.perf_counter() - started, 3)
    with open(os.path.join(out, "report.json"), "w") as handle:
        json.dump(report, handle, indent=1)
    print(f"total {report['totalSeconds']:.3f} s", flush=True)


def drawn_samples(forest, n):
    """The bootstrap indices of each tree (estimators_samples_ from scikit-learn 1.4 on)."""
    if hasattr(forest, "estimators_samples_"):
        return forest.estimators_samples_
    from sklearn.ensemble._forest import _generate_sample_indices, _get_n_samples_bootstrap
    drawn = _get_n_samples_bootstrap(n, forest.max_samples)
    return [_generate_sample_indices(tree.random_state, n, drawn) for tree in forest.estimators_]


def is_vector(path):
    try:
        return gdal.OpenEx(path, gdal.OF_VECTOR) is not None
    except RuntimeError:
        return False


def _is_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


if __name__ == "__main__":
    sys.exit(main())
