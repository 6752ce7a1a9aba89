import AtlasCore
import Foundation
import GeoRaster

/// A standalone map page: title, the map in a frame with coordinate ticks, legend with units,
/// scale bar, north arrow and, for a zoomed map, an inset of the whole scene. What a map needs
/// to be read without the report beside it.
public struct MapPage {
    /// Where the map picture lies on the ground: the top-left corner and the size of one
    /// picture pixel, in CRS units (north-up grids only).
    public struct Georeference: Sendable {
        public var originX: Double
        public var originY: Double
        public var pixelWidth: Double
        public var pixelHeight: Double
        public var isGeographic: Bool
        public var crsName: String
    }

    /// The whole scene in small, with the zoomed window as a rectangle (picture pixels).
    public struct Inset {
        public var picture: RGBAImage
        public var window: (x: Double, y: Double, width: Double, height: Double)
    }

    public var title: String
    public var subtitle: String
    public var picture: RGBAImage
    public var legend: MapLegend
    /// Legend entries for what the picture leaves empty: "no data", and where a map is only
    /// defined on permafrost, "no permafrost".
    public var emptyEntries: [MapLegend.ClassEntry]
    public var georeference: Georeference?
    public var metresPerPixel: Double?
    public var inset: Inset?

    static let ink = RGBA(30, 30, 30)
    static let margin = 20.0
    static let panelWidth = 250.0
    static let mapTop = 74.0
    static let mapLeft = 78.0

    /// The page as a picture. Small maps are enlarged by a whole factor (nearest neighbour) so
    /// that text and map keep their proportions.
    public func render() -> RGBAImage {
        let scale = max(1, (700 / Double(max(picture.width, picture.height))).rounded(.down))
        let mapWidth = Double(picture.width) * scale, mapHeight = Double(picture.height) * scale
        let panelLeft = Self.mapLeft + mapWidth + 28
        // Wide enough for the title, up to twice the map's width.
        let titleWidth = MapCanvas(width: 1, height: 1, background: RGBA(255, 255, 255)).textWidth(title, size: 20, bold: true)
        let pageWidth = Int(
            max(panelLeft + Self.panelWidth + Self.margin, min(titleWidth + 2 * Self.margin, 2 * (panelLeft + Self.panelWidth))))
        let legendHeight = estimatedLegendHeight() + (inset == nil ? 0 : 200)
        let pageHeight = Int(max(Self.mapTop + mapHeight + 58, Self.mapTop + legendHeight + 20))
        let canvas = MapCanvas(width: pageWidth, height: pageHeight, background: RGBA(255, 255, 255))

        canvas.text(
            canvas.fitted(title, size: 20, maximumWidth: Double(pageWidth) - 2 * Self.margin, bold: true), x: Self.margin, y: 32, size: 20,
            bold: true)
        canvas.text(
            canvas.fitted(subtitle, size: 11, maximumWidth: Double(pageWidth) - 2 * Self.margin), x: Self.margin, y: 52, size: 11,
            color: RGBA(90, 90, 90))

        canvas.draw(picture, x: Self.mapLeft, y: Self.mapTop, scale: scale)
        canvas.stroke(x: Self.mapLeft, y: Self.mapTop, width: mapWidth, height: mapHeight, color: Self.ink)
        if let georeference { drawFrame(canvas, georeference, scale: scale, mapWidth: mapWidth, mapHeight: mapHeight) }
        drawNorthArrow(canvas, x: Self.mapLeft + mapWidth - 26, y: Self.mapTop + 12)
        if let metresPerPixel, let bar = ScaleBar(metresPerPixel: metresPerPixel / scale, mapWidth: Int(mapWidth), longestFraction: 0.25) {
            drawScaleBar(canvas, bar, x: Self.mapLeft + 12, y: Self.mapTop + mapHeight - 14, mapWidth: mapWidth)
        }
        var y = drawLegend(canvas, x: panelLeft, y: Self.mapTop)
        if let inset { y = drawInset(canvas, inset, x: panelLeft, y: y + 16) }
        return canvas.image()
    }

    // MARK: Frame, north arrow, scale bar

    private func drawFrame(_ canvas: MapCanvas, _ geo: Georeference, scale: Double, mapWidth: Double, mapHeight: Double) {
        let west = geo.originX, east = geo.originX + geo.pixelWidth * mapWidth / scale
        let north = geo.originY, south = geo.originY + geo.pixelHeight * mapHeight / scale
        func label(_ value: Double, span: Double, positive: String, negative: String) -> String {
            guard geo.isGeographic else { return ReadableNumber.format(value, spanning: span) }
            return ReadableNumber.format(abs(value), spanning: span) + "°" + (value < 0 ? negative : positive)
        }
        for x in AxisTicks.values(from: min(west, east), to: max(west, east), about: 4) {
            let px = Self.mapLeft + (x - west) / (east - west) * mapWidth
            canvas.line(from: (px, Self.mapTop + mapHeight), to: (px, Self.mapTop + mapHeight + 5), color: Self.ink)
            canvas.text(
                label(x, span: abs(east - west), positive: "E", negative: "W"), x: px, y: Self.mapTop + mapHeight + 17, size: 10,
                alignment: .center)
        }
        for y in AxisTicks.values(from: min(north, south), to: max(north, south), about: 4) {
            let py = Self.mapTop + (north - y) / (north - south) * mapHeight
            canvas.line(from: (Self.mapLeft - 5, py), to: (Self.mapLeft, py), color: Self.ink)
            canvas.text(
                label(y, span: abs(north - south), positive: "N", negative: "S"), x: Self.mapLeft - 7, y: py + 4, size: 10,
                alignment: .right)
        }
        let unit = geo.isGeographic ? "degrees" : "metres"
        canvas.text(
            canvas.fitted("\(geo.crsName) (\(unit))", size: 10, maximumWidth: mapWidth), x: Self.mapLeft, y: Self.mapTop + mapHeight + 34,
            size: 10, color: RGBA(90, 90, 90))
    }

    private func drawNorthArrow(_ canvas: MapCanvas, x: Double, y: Double) {
        canvas.fill(x: x - 12, y: y - 4, width: 24, height: 40, color: RGBA(255, 255, 255, 200))
        canvas.polygon([(x, y), (x + 8, y + 22), (x, y + 17), (x - 8, y + 22)], fill: Self.ink)
        canvas.text("N", x: x, y: y + 34, size: 11, bold: true, alignment: .center)
    }

    private func drawScaleBar(_ canvas: MapCanvas, _ bar: ScaleBar, x: Double, y: Double, mapWidth: Double) {
        let length = bar.fractionOfWidth * mapWidth
        canvas.fill(
            x: x - 6, y: y - 22, width: length + 12 + canvas.textWidth(bar.label, size: 10) + 8, height: 30, color: RGBA(255, 255, 255, 210)
        )
        for half in 0..<2 {
            let left = x + Double(half) * length / 2
            canvas.fill(x: left, y: y - 6, width: length / 2, height: 5, color: half == 0 ? Self.ink : RGBA(255, 255, 255))
        }
        canvas.stroke(x: x, y: y - 6, width: length, height: 5, color: Self.ink)
        canvas.text("0", x: x, y: y - 10, size: 9, alignment: .center)
        canvas.text(bar.label, x: x + length + 6, y: y, size: 10)
    }

    // MARK: Legend and inset

    private func estimatedLegendHeight() -> Double {
        switch legend.kind {
        case .classes: 40 + 20 * Double(legend.classes.count + emptyEntries.count)
        case .ramp: 40 + 220 + 20 * Double(emptyEntries.count)
        }
    }

    /// Draws the legend; returns the y below it.
    private func drawLegend(_ canvas: MapCanvas, x: Double, y top: Double) -> Double {
        let unit = ReadableNumber.unit(legend.unit)
        let heading = legend.kind == .classes || unit.isEmpty ? "Legend" : "Legend (\(unit))"
        canvas.text(heading, x: x, y: top + 12, size: 13, bold: true)
        var y = top + 30
        let width = Self.panelWidth - 30
        switch legend.kind {
        case .classes:
            for entry in legend.classes {
                swatch(canvas, entry.color, x: x, y: y)
                canvas.text(canvas.fitted(entry.name, size: 11, maximumWidth: width), x: x + 26, y: y + 10, size: 11)
                y += 20
            }
        case .ramp:
            if let low = legend.stops.first?.value, let high = legend.stops.last?.value, high > low {
                let barHeight = 200.0
                let steps = 100
                for step in 0..<steps {
                    let value = high - (high - low) * (Double(step) + 0.5) / Double(steps)
                    canvas.fill(
                        x: x, y: y + barHeight * Double(step) / Double(steps), width: 20, height: barHeight / Double(steps) + 0.5,
                        color: color(at: value))
                }
                canvas.stroke(x: x, y: y, width: 20, height: barHeight, color: Self.ink)
                for tick in AxisTicks.values(from: low, to: high, about: 5) {
                    let ty = y + (high - tick) / (high - low) * barHeight
                    canvas.line(from: (x + 20, ty), to: (x + 25, ty), color: Self.ink)
                    canvas.text(ReadableNumber.format(tick, spanning: high - low), x: x + 29, y: ty + 4, size: 10)
                }
                y += barHeight + 14
            } else {
                canvas.text("no valid pixels", x: x, y: y + 10, size: 11)
                y += 20
            }
        }
        for entry in emptyEntries {
            swatch(canvas, entry.color, x: x, y: y)
            canvas.text(entry.name, x: x + 26, y: y + 10, size: 11)
            y += 20
        }
        return y
    }

    private func swatch(_ canvas: MapCanvas, _ color: RGBA, x: Double, y: Double) {
        canvas.fill(x: x, y: y, width: 18, height: 12, color: color)
        canvas.stroke(x: x, y: y, width: 18, height: 12, color: RGBA(120, 120, 120))
    }

    /// The ramp's colour at `value`, interpolated between stops as the map was painted.
    private func color(at value: Double) -> RGBA {
        let stops = legend.stops
        guard let upper = stops.firstIndex(where: { $0.value >= value }) else { return stops.last?.color ?? Self.ink }
        guard upper > 0 else { return stops[0].color }
        let a = stops[upper - 1], b = stops[upper]
        let t = b.value > a.value ? (value - a.value) / (b.value - a.value) : 0
        func mix(_ p: UInt8, _ q: UInt8) -> UInt8 { UInt8((Double(p) + (Double(q) - Double(p)) * t).rounded()) }
        return RGBA(mix(a.color.red, b.color.red), mix(a.color.green, b.color.green), mix(a.color.blue, b.color.blue))
    }

    private func drawInset(_ canvas: MapCanvas, _ inset: Inset, x: Double, y: Double) -> Double {
        let scale = min((Self.panelWidth - 30) / Double(inset.picture.width), 150 / Double(inset.picture.height))
        canvas.text("Whole scene", x: x, y: y + 10, size: 11, bold: true)
        let top = y + 18
        canvas.fill(
            x: x, y: top, width: Double(inset.picture.width) * scale, height: Double(inset.picture.height) * scale,
            color: RGBA(245, 245, 245))
        canvas.draw(inset.picture, x: x, y: top, scale: scale)
        canvas.stroke(
            x: x, y: top, width: Double(inset.picture.width) * scale, height: Double(inset.picture.height) * scale, color: Self.ink)
        let window = inset.window
        canvas.stroke(
            x: x + window.x * scale, y: top + window.y * scale, width: max(3, window.width * scale), height: max(3, window.height * scale),
            color: RGBA(220, 20, 20), lineWidth: 2)
        return top + Double(inset.picture.height) * scale
    }
}
