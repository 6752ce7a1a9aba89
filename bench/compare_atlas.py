#!/usr/bin/env python3
"""Compares the rasters of two atlas folders (or two rasters) pixel by pixel.

Usage: compare_atlas.py A B [--tolerance T] [--quiet]

A and B are atlas folders (`run`'s and bench/pipeline_numpy.py's) or two raster files. For each
product in both: pixels whose nodata status differs, and for Float32 rasters the largest
absolute difference where both have a value (for class rasters: pixels that differ). Exit code 1
when a raster differs by more than the tolerance (default 1e-4, relative to the value's scale:
|a - b| <= T * max(1, |a|)) or in more than 0.01 % of its pixels' nodata status / class.
"""
import argparse
import os
import sys

import numpy as np
from osgeo import gdal

gdal.UseExceptions()


def load(path):
    ds = gdal.Open(path)
    band = ds.GetRasterBand(1)
    values = band.ReadAsArray()
    nodata = band.GetNoDataValue()
    floating = band.DataType in (gdal.GDT_Float32, gdal.GDT_Float64)
    if floating:
        values = values.astype(np.float64)
        missing = np.isnan(values) | ((values == nodata) if nodata is not None else False)
    else:
        missing = values == (nodata if nodata is not None else -1)
    return values, missing, floating


def compare(a_path, b_path, tolerance):
    a, a_missing, floating = load(a_path)
    b, b_missing, _ = load(b_path)
    if a.shape != b.shape:
        return False, f"sizes differ: {a.shape} vs {b.shape}"
    n = a.size
    status = int((a_missing != b_missing).sum())
    both = ~a_missing & ~b_missing
    if floating:
        difference = np.abs(a[both] - b[both])
        scale = np.maximum(1, np.abs(a[both]))
        worst = float(difference.max()) if difference.size else 0.0
        over = int((difference > tolerance * scale).sum())
        ok = status <= n * 1e-4 and over <= n * 1e-4
        return ok, f"nodata status differs at {status} px; max |diff| {worst:.3g}; {over} px beyond tolerance"
    differ = int((a[both] != b[both]).sum())
    ok = status + differ <= n * 1e-4
    return ok, f"nodata status differs at {status} px; class differs at {differ} px of {n}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("--tolerance", type=float, default=1e-4)
    parser.add_argument("--quiet", action="store_true", help="print only the differing rasters")
    args = parser.parse_args()
    if os.path.isfile(args.a):
        pairs = [(os.path.basename(args.a), args.a, args.b)]
    else:
        pairs = []
        for root, _, files in os.walk(args.a):
            for name in sorted(files):
                if name.endswith(".tif"):
                    relative = os.path.relpath(os.path.join(root, name), args.a)
                    other = os.path.join(args.b, relative)
                    if os.path.exists(other):
                        pairs.append((relative, os.path.join(root, name), other))
    failures = 0
    for name, a, b in sorted(pairs):
        ok, text = compare(a, b, args.tolerance)
        failures += not ok
        if not ok or not args.quiet:
            print(f"{'same' if ok else 'DIFF'}  {name:<34} {text}")
    print(f"{len(pairs) - failures} same, {failures} differ")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
