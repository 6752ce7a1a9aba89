#!/bin/sh
# Regenerates the gdaldem golden rasters used by HornTerrainGoldenTests.
# Needs GDAL's command-line tools (gdaldem) and Debian's python3-gdal + numpy.
# Every raster is stored as headerless little-endian samples (.f32 = Float32,
# .i16 = Int16, row-major, top row first); manifest.json holds sizes,
# geotransforms, nodata values and the exact commands that were run.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
PYTHON=${PYTHON:-/usr/bin/python3}

# 1. Synthetic DEMs (23 x 17, UTM 47N): smooth 3600-4600 m relief with
#    fractional elevations, a flat patch and nodata cells on edges, a corner
#    and the interior.
"$PYTHON" - "$WORK" <<'EOF'
import sys
import numpy as np
from osgeo import gdal, osr

work = sys.argv[1]
width, height = 23, 17
rng = np.random.default_rng(20240611)
cols, rows = np.meshgrid(np.arange(width), np.arange(height))
x, y = cols * 30.0, rows * 30.0
z = (4100.0 + 400.0 * np.sin(x / 900.0) * np.cos(y / 700.0)
     + 0.25 * x - 0.2 * y + 6.0 * np.sin((x + y) / 60.0)
     + rng.uniform(-2.0, 2.0, size=(height, width)))
z[6:9, 12:16] = np.rint(z[6:9, 12:16].mean())  # flat patch: aspect undefined inside it
nodata_cells = [(0, 5), (16, 22), (8, 0), (4, 9), (11, 17), (11, 18), (13, 22)]

srs = osr.SpatialReference()
srs.ImportFromEPSG(32647)

def write(name, array, dtype, nodata, geotransform):
    ds = gdal.GetDriverByName("GTiff").Create(f"{work}/{name}.tif", width, height, 1, dtype)
    ds.SetGeoTransform(geotransform)
    ds.SetProjection(srs.ExportToWkt())
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(nodata)
    band.WriteArray(array)
    ds = None

square = (440010.0, 30.0, 0.0, 4210020.0, 0.0, -30.0)
oblong = (440010.0, 20.0, 0.0, 4210020.0, 0.0, -30.0)
f32 = z.astype(np.float32)
i16 = np.rint(z).astype(np.int16)
for r, c in nodata_cells:
    f32[r, c] = -9999.0
    i16[r, c] = -32768
write("float32", f32, gdal.GDT_Float32, -9999.0, square)
write("int16", i16, gdal.GDT_Int16, -32768, square)
write("float32_oblong", f32, gdal.GDT_Float32, -9999.0, oblong)
EOF

# 2. gdaldem slope / aspect, with and without -compute_edges.
COMMANDS="$WORK/commands.txt"
: > "$COMMANDS"
run() {
    echo "$*" >> "$COMMANDS"
    "$@" > /dev/null
}
# The oblong-pixel DEM checks slope only: its aspect deliberately differs
# from gdaldem's, which ignores the pixel shape.
for dem in float32 int16 float32_oblong; do
    run gdaldem slope "$WORK/$dem.tif" "$WORK/${dem}_slope.tif" -of GTiff
    run gdaldem slope "$WORK/$dem.tif" "$WORK/${dem}_slope_edges.tif" -of GTiff -compute_edges
    if [ "$dem" != float32_oblong ]; then
        run gdaldem aspect "$WORK/$dem.tif" "$WORK/${dem}_aspect.tif" -of GTiff
        run gdaldem aspect "$WORK/$dem.tif" "$WORK/${dem}_aspect_edges.tif" -of GTiff -compute_edges
    fi
done

# 3. Raw copies + manifest.
"$PYTHON" - "$WORK" "$HERE" <<'EOF'
import json, os, sys
import numpy as np
from osgeo import gdal

work, here = sys.argv[1], sys.argv[2]
for old in os.listdir(here):
    if old.endswith((".f32", ".i16")):
        os.remove(os.path.join(here, old))

def raw(name, extension, numpy_type):
    ds = gdal.Open(f"{work}/{name}.tif")
    band = ds.GetRasterBand(1)
    band.ReadAsArray().astype(numpy_type).tofile(f"{here}/{name}.{extension}")
    return {"file": f"{name}.{extension}", "nodata": band.GetNoDataValue(),
            "geotransform": list(ds.GetGeoTransform())}

dems = {}
for dem in ("float32", "int16", "float32_oblong"):
    extension, numpy_type = ("i16", "<i2") if dem == "int16" else ("f32", "<f4")
    entry = raw(dem, extension, numpy_type)
    products = ("slope", "slope_edges") if dem == "float32_oblong" else \
        ("slope", "slope_edges", "aspect", "aspect_edges")
    entry["outputs"] = {product: raw(f"{dem}_{product}", "f32", "<f4")["file"]
                        for product in products}
    dems[dem] = entry

ds = gdal.Open(f"{work}/float32.tif")
manifest = {
    "gdal_version": gdal.__version__,
    "width": ds.RasterXSize, "height": ds.RasterYSize,
    "output_nodata": -9999.0,
    "dems": dems,
    "commands": [line.replace(work + "/", "") for line in open(f"{work}/commands.txt").read().splitlines()],
}
with open(f"{here}/manifest.json", "w") as out:
    json.dump(manifest, out, indent=2)
    out.write("\n")
EOF
echo "golden rasters written to $HERE"
