"""Writes muli_dem.tif: a small DEM of ridges and valleys on the Muli grid (EPSG:32647, 30 m).
Run with Debian's python3 (python3-gdal): /usr/bin/python3 make_sample_dem.py"""
import math
from osgeo import gdal, osr

WIDTH, HEIGHT, CELL = 120, 90, 30.0
ORIGIN_X, ORIGIN_Y = 486000.0, 4205000.0
values = []
for row in range(HEIGHT):
    for col in range(WIDTH):
        x, y = col / WIDTH, row / HEIGHT
        z = 4100 + 350 * math.sin(2.5 * math.pi * x + 0.8) * math.cos(1.7 * math.pi * y) - 300 * y + 120 * x
        values.append(z)
driver = gdal.GetDriverByName("GTiff")
ds = driver.Create("muli_dem.tif", WIDTH, HEIGHT, 1, gdal.GDT_Float32, ["TILED=YES", "COMPRESS=DEFLATE", "PREDICTOR=3"])
ds.SetGeoTransform((ORIGIN_X, CELL, 0, ORIGIN_Y, 0, -CELL))
srs = osr.SpatialReference(); srs.ImportFromEPSG(32647)
ds.SetProjection(srs.ExportToWkt())
band = ds.GetRasterBand(1)
band.SetNoDataValue(-9999)
band.SetDescription("elevation")
band.SetUnitType("m")
import struct
band.WriteRaster(0, 0, WIDTH, HEIGHT, struct.pack("<%df" % len(values), *values))
band.WriteRaster(5, 7, 2, 1, struct.pack("<2f", -9999, -9999))
ds = None
# Golden terrain products (GDAL 3.6.2), regenerated with:
#   gdaldem slope muli_dem.tif muli_slope_gdaldem.tif -co COMPRESS=DEFLATE -co PREDICTOR=3
#   gdaldem aspect muli_dem.tif muli_aspect_gdaldem.tif -co COMPRESS=DEFLATE -co PREDICTOR=3
#   gdaldem slope muli_dem.tif muli_slope_edges_gdaldem.tif -compute_edges -co COMPRESS=DEFLATE -co PREDICTOR=3
#   gdaldem hillshade muli_dem.tif muli_hillshade_gdaldem.tif -co COMPRESS=DEFLATE
