#!/bin/sh
# Golden output of GDAL's bilinear warper for BilinearResamplingTests. A smooth field on a
# 0.01 degree WGS84 grid (one nodata pixel, at column 21 row 6) is warped with gdalwarp
# (exact per-pixel transformation, -et 0) onto a 30 m UTM 47N grid that straddles the
# source's east edge. Re-run only to change the fixture: the test compares against these files.
set -eu
cd "$(dirname "$0")"
python3 - <<'PY'
from osgeo import gdal, osr
import numpy as np
rows, columns = np.mgrid[0:18, 0:24]
field = (-12 + 0.8 * columns - 0.5 * rows + 3 * np.sin(columns / 3.0) * np.cos(rows / 4.0)).astype(np.float32)
field[6, 21] = -9999
driver = gdal.GetDriverByName("GTiff")
source = driver.Create("geographic_source.tif", 24, 18, 1, gdal.GDT_Float32)
source.SetGeoTransform((99.10, 0.01, 0, 38.20, 0, -0.01))
srs = osr.SpatialReference(); srs.ImportFromEPSG(4326)
source.SetProjection(srs.ExportToWkt())
band = source.GetRasterBand(1)
band.SetNoDataValue(-9999)
band.WriteArray(field)
source = None
PY
# 160 x 120 pixels of 30 m from (526600, 4222600): the east part lies beyond 99.34 E.
gdalwarp -q -overwrite -t_srs EPSG:32647 -te 526600 4219000 531400 4222600 -ts 160 120 \
    -r bilinear -et 0 -dstnodata -9999 -co COMPRESS=DEFLATE geographic_source.tif bilinear_gdalwarp.tif
