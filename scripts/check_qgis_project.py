#!/usr/bin/python3
"""Opens an atlas's QGIS project the way QGIS does and checks every layer.

    /usr/bin/python3 scripts/check_qgis_project.py ATLAS/atlas.qgs [PICTURE.png]

Needs Debian's python3-qgis (QGIS 3.22); not part of the tests (a 500 MB install). Exits 1
when the project cannot be read, a layer is invalid or unstyled, or a class legend has more
entries than its map has classes; prints one line per layer. With PICTURE.png, also draws the
visible layers as QGIS would.
"""
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import (QgsApplication, QgsMapRendererSequentialJob, QgsMapSettings, QgsProject)  # noqa: E402
from qgis.PyQt.QtCore import QSize  # noqa: E402

QgsApplication.setPrefixPath("/usr", True)
application = QgsApplication([], False)
application.initQgis()
project = QgsProject.instance()
if not project.read(sys.argv[1]):
    sys.exit(f"{sys.argv[1]}: QGIS cannot read the project: {project.error()}")
problems = 0
for layer in sorted(project.mapLayers().values(), key=lambda layer: layer.name()):
    renderer = layer.renderer()
    kind = renderer.type() if renderer else "none"
    entries = len(renderer.classes()) if kind == "paletted" else ""
    status = "ok"
    if not layer.isValid():
        status = "INVALID"
    elif kind in ("none", "singlebandgray") and layer.type() == layer.RasterLayer:
        status = "UNSTYLED"
    elif kind == "paletted" and entries > 40:
        status = "LEGEND TOO LONG"
    problems += status != "ok"
    print(f"{status:8} {layer.name()}: {kind} {entries}".rstrip())
if len(sys.argv) > 2:
    settings = QgsMapSettings()
    settings.setLayers([node.layer() for node in project.layerTreeRoot().findLayers() if node.isVisible()])
    settings.setDestinationCrs(project.crs())
    settings.setExtent(project.viewSettings().defaultViewExtent() or settings.fullExtent())
    settings.setOutputSize(QSize(900, 700))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    job.renderedImage().save(sys.argv[2])
print(f"{len(project.mapLayers())} layers, {problems} with problems")
sys.exit(1 if problems else 0)
