#!/usr/bin/env python3
"""Turns the Statlog Landsat Satellite data into the inputs `classify train/predict` take.

Usage: python3 bench/statlog_data.py SATELLITE_CSV OUT_DIR [--predict-pixels N] [--seed N]

SATELLITE_CSV is R's mlbench `data(Satellite)` written with write.csv (36 columns x.1..x.36,
then `classes` as the factor's integer code); bench.sh makes it with Rscript. The usual split:
the first 4,435 rows are the training set (sat.trn), the last 2,000 the test set (sat.tst).

Writes into OUT_DIR:
  train.tif, samples.csv   the 4,435 training rows as pixels of a 36-band Byte raster (one
                           pixel per row, 100 pixels a line) and a point at each pixel's centre
                           with its class name, so `classify train` samples exactly those rows
  test.tif, test_labels.txt  the 2,000 test rows the same way, and their class names
  predict.tif              N distinct pixels (1000 x N/1000): random Statlog rows, each value
                           moved by -2..2 (clipped to 0..255), so no two pixels are equal and
                           trees see values between the training ones, as on a real scene
  *.f32 / *.i32            the same numbers as raw little-endian arrays for bench/rf_statlog.py
"""
import argparse
import os

import numpy as np
from osgeo import gdal, osr

CLASSES = ["red soil", "cotton crop", "grey soil", "damp grey soil", "vegetation stubble", "very damp grey soil"]
FEATURES = 36
LINE = 100  # pixels per raster line for the training and test rasters


def write_raster(path, rows, width):
    height = (len(rows) + width - 1) // width
    padded = np.zeros((height * width, FEATURES), dtype=np.uint8)
    padded[: len(rows)] = rows
    driver = gdal.GetDriverByName("GTiff")
    dataset = driver.Create(path, width, height, FEATURES, gdal.GDT_Byte, ["TILED=YES", "COMPRESS=DEFLATE"])
    dataset.SetGeoTransform([500000.0, 30.0, 0.0, 4000000.0, 0.0, -30.0])
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32647)
    dataset.SetProjection(srs.ExportToWkt())
    cube = padded.reshape(height, width, FEATURES)
    for band in range(FEATURES):
        dataset.GetRasterBand(band + 1).WriteArray(cube[:, :, band])
        # Statlog's 3x3 neighbourhood of four MSS bands: pixel p (1-9, row by row), band b.
        dataset.GetRasterBand(band + 1).SetDescription(f"p{band // 4 + 1}_b{band % 4 + 1}")
    dataset = None


def centres(count, width):
    index = np.arange(count)
    return 500000.0 + 30.0 * (index % width + 0.5), 4000000.0 - 30.0 * (index // width + 0.5)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("csv")
    parser.add_argument("out")
    parser.add_argument("--predict-pixels", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    table = np.loadtxt(args.csv, delimiter=",", skiprows=1)
    features = table[:, :FEATURES].astype(np.uint8)
    labels = table[:, FEATURES].astype(np.int32) - 1  # R factor codes are 1-based
    if len(table) != 6435 or features.shape[1] != FEATURES:
        raise SystemExit(f"{args.csv}: expected 6435 rows of 36 features and a class, got {table.shape}")
    train_x, train_y = features[:4435], labels[:4435]
    test_x, test_y = features[4435:], labels[4435:]

    write_raster(os.path.join(args.out, "train.tif"), train_x, LINE)
    x, y = centres(len(train_x), LINE)
    with open(os.path.join(args.out, "samples.csv"), "w") as out:
        out.write("x,y,class\n")
        for px, py, label in zip(x, y, train_y):
            out.write(f"{px:.1f},{py:.1f},{CLASSES[label]}\n")
    write_raster(os.path.join(args.out, "test.tif"), test_x, LINE)
    with open(os.path.join(args.out, "test_labels.txt"), "w") as out:
        out.write("".join(CLASSES[label] + "\n" for label in test_y))

    random = np.random.default_rng(args.seed)
    n = args.predict_pixels
    picked = features[random.integers(0, len(features), n)].astype(np.int16)
    bulk = np.clip(picked + random.integers(-2, 3, (n, FEATURES)), 0, 255).astype(np.uint8)
    # Distinct pixels: redraw the few duplicates until none is left.
    while True:
        _, first = np.unique(bulk, axis=0, return_index=True)
        duplicates = np.setdiff1d(np.arange(n), first)
        if len(duplicates) == 0:
            break
        redrawn = features[random.integers(0, len(features), len(duplicates))].astype(np.int16)
        bulk[duplicates] = np.clip(redrawn + random.integers(-2, 3, (len(duplicates), FEATURES)), 0, 255)
    write_raster(os.path.join(args.out, "predict.tif"), bulk, 1000)

    train_x.astype(np.float32).tofile(os.path.join(args.out, "train_X.f32"))
    train_y.tofile(os.path.join(args.out, "train_y.i32"))
    test_x.astype(np.float32).tofile(os.path.join(args.out, "test_X.f32"))
    test_y.tofile(os.path.join(args.out, "test_y.i32"))
    bulk.astype(np.float32).tofile(os.path.join(args.out, "predict_X.f32"))
    print(f"{args.out}: train {len(train_x)}, test {len(test_x)}, predict {n} distinct pixels")


if __name__ == "__main__":
    main()
