#!/usr/bin/env python3
"""Active-layer thickness (Stefan) with GDAL-Python + numpy: the peer of `permafrost-atlas alt`.

Usage: alt_numpy.py --thawing-index DDT --soil SOIL.csv --classes CLASSES --out OUT.tif
                    [--magt MAGT] [--mode whole|blocks] [--block-size 512]

Same inputs, formula and product as `permafrost-atlas alt` (physical form): ALT =
sqrt(2 lambda_t n DDT 86400 / (L rho_d (w - w_u))), 0 where DDT <= 0, nodata (-9999) where the
class is 0, DDT is nodata, or (with --magt) MAGT is not below 0 C; a cloud-optimised GeoTIFF
with DEFLATE, the floating-point predictor and 512-pixel blocks.
--mode whole reads each input as one array (what most numpy scripts do); --mode blocks reads
and computes 512-row strips into a tiled working GeoTIFF (the memory-aware way), then copies
that to a COG as `run` does.
"""
import argparse
import csv
import math
import os
import time

import numpy as np
from osgeo import gdal

gdal.UseExceptions()
NODATA = -9999.0


def coefficients(soil_path, category_names):
    lut = np.full(256, np.nan)
    with open(soil_path, newline="") as handle:
        for row in csv.DictReader(handle):
            label = row["class"].strip()
            if label.isdigit():
                code = int(label)
            else:
                code = next(i for i, name in enumerate(category_names) if i > 0 and name.lower() == label.lower())
            lam, rho, w, wu, n = (float(row[k]) for k in
                                  ("lambda_thawed", "dry_density", "water_content", "unfrozen_water_content", "n_factor"))
            lut[code] = math.sqrt(2 * lam * n * 86400 / (3.34e5 * rho * (w - wu)))
    return lut


def as_float(band, values):
    values = values.astype(np.float32, copy=False)
    nodata = band.GetNoDataValue()
    if nodata is not None and not math.isnan(nodata):
        values[values == np.float32(nodata)] = np.nan
    return values


def alt(ddt, classes, magt, lut):
    with np.errstate(invalid="ignore"):
        thickness = (lut[classes] * np.sqrt(np.maximum(ddt.astype(np.float64), 0))).astype(np.float32)
    thickness[classes == 0] = np.nan
    if magt is not None:
        thickness[~(magt < 0)] = np.nan
    return np.where(np.isnan(thickness), np.float32(NODATA), thickness)


COG_OPTIONS = ["COMPRESS=DEFLATE", "PREDICTOR=FLOATING_POINT", "BLOCKSIZE=512", "BIGTIFF=IF_SAFER", "RESAMPLING=AVERAGE"]
# (plus NUM_THREADS, as `alt --threads N` compresses on N threads)


def describe(ds, reference):
    ds.SetGeoTransform(reference.GetGeoTransform())
    ds.SetProjection(reference.GetProjection())
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(NODATA)
    band.SetDescription("active-layer thickness")
    band.SetUnitType("m")
    return band


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--thawing-index", required=True)
    parser.add_argument("--soil", required=True)
    parser.add_argument("--classes", required=True)
    parser.add_argument("--magt")
    parser.add_argument("--out", required=True)
    parser.add_argument("--mode", choices=["whole", "blocks"], default="whole")
    parser.add_argument("--block-size", type=int, default=512)
    parser.add_argument("--threads", type=int, default=2, help="GDAL compression threads (NUM_THREADS), default 2")
    args = parser.parse_args()
    start = time.perf_counter()
    COG_OPTIONS.append(f"NUM_THREADS={args.threads}")
    ddt_ds = gdal.Open(args.thawing_index)
    classes_ds = gdal.Open(args.classes)
    magt_ds = gdal.Open(args.magt) if args.magt else None
    classes_band = classes_ds.GetRasterBand(1)
    classes_band.GetDescription()  # GDAL 3.6's GTiff band loads the .aux.xml (category names) only then
    lut = coefficients(args.soil, classes_band.GetRasterCategoryNames() or [])
    width, height = ddt_ds.RasterXSize, ddt_ds.RasterYSize
    if args.mode == "whole":
        ddt_band = ddt_ds.GetRasterBand(1)
        ddt = as_float(ddt_band, ddt_band.ReadAsArray())
        classes = classes_ds.GetRasterBand(1).ReadAsArray()
        magt = None
        if magt_ds:
            magt_band = magt_ds.GetRasterBand(1)
            magt = as_float(magt_band, magt_band.ReadAsArray())
        result = alt(ddt, classes, magt, lut)
        del ddt, classes, magt
        mem = gdal.GetDriverByName("MEM").Create("", width, height, 1, gdal.GDT_Float32)
        describe(mem, ddt_ds).WriteArray(result)
        del result
        gdal.GetDriverByName("COG").CreateCopy(args.out, mem, options=COG_OPTIONS)
    else:
        working = args.out + ".working.tif"
        tmp = gdal.GetDriverByName("GTiff").Create(
            working, width, height, 1, gdal.GDT_Float32,
            options=["TILED=YES", f"BLOCKXSIZE={args.block_size}", f"BLOCKYSIZE={args.block_size}", "COMPRESS=ZSTD",
                     "ZSTD_LEVEL=1", "PREDICTOR=3", "BIGTIFF=IF_SAFER", f"NUM_THREADS={args.threads}"])
        band = describe(tmp, ddt_ds)
        ddt_band = ddt_ds.GetRasterBand(1)
        classes_band = classes_ds.GetRasterBand(1)
        magt_band = magt_ds.GetRasterBand(1) if magt_ds else None
        for row in range(0, height, args.block_size):
            rows = min(args.block_size, height - row)
            ddt = as_float(ddt_band, ddt_band.ReadAsArray(0, row, width, rows))
            classes = classes_band.ReadAsArray(0, row, width, rows)
            magt = as_float(magt_band, magt_band.ReadAsArray(0, row, width, rows)) if magt_band else None
            band.WriteArray(alt(ddt, classes, magt, lut), 0, row)
        band = None
        tmp = None
        gdal.GetDriverByName("COG").CreateCopy(args.out, gdal.Open(working), options=COG_OPTIONS)
        os.remove(working)
    print(f"alt_numpy ({args.mode}): {time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    main()
