import CCairo
import GeoRaster

/// A picture to draw a map page on: text, lines, rectangles, polygons and pictures, through
/// cairo (the only file that calls it). Text is DejaVu Sans (Debian's fonts-dejavu-core), so
/// pages look the same on every machine with the same packages. Coordinates are pixels from
/// the top left.
final class MapCanvas {
    let width: Int
    let height: Int
    private let surface: OpaquePointer
    private let context: OpaquePointer

    enum Alignment { case left, center, right }

    init(width: Int, height: Int, background: RGBA) {
        self.width = width
        self.height = height
        surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height))
        context = cairo_create(surface)
        cairo_select_font_face(context, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        fill(x: 0, y: 0, width: Double(width), height: Double(height), color: background)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    private func setColor(_ color: RGBA) {
        cairo_set_source_rgba(
            context, Double(color.red) / 255, Double(color.green) / 255, Double(color.blue) / 255, Double(color.alpha) / 255)
    }

    func fill(x: Double, y: Double, width: Double, height: Double, color: RGBA) {
        setColor(color)
        cairo_rectangle(context, x, y, width, height)
        cairo_fill(context)
    }

    func stroke(x: Double, y: Double, width: Double, height: Double, color: RGBA, lineWidth: Double = 1) {
        setColor(color)
        cairo_set_line_width(context, lineWidth)
        cairo_rectangle(context, x, y, width, height)
        cairo_stroke(context)
    }

    func line(from start: (Double, Double), to end: (Double, Double), color: RGBA, lineWidth: Double = 1) {
        setColor(color)
        cairo_set_line_width(context, lineWidth)
        cairo_move_to(context, start.0, start.1)
        cairo_line_to(context, end.0, end.1)
        cairo_stroke(context)
    }

    func polygon(_ points: [(Double, Double)], fill color: RGBA) {
        guard let first = points.first else { return }
        setColor(color)
        cairo_move_to(context, first.0, first.1)
        for point in points.dropFirst() { cairo_line_to(context, point.0, point.1) }
        cairo_close_path(context)
        cairo_fill(context)
    }

    /// Width of `text` in pixels at `size`.
    func textWidth(_ text: String, size: Double, bold: Bool = false) -> Double {
        font(size: size, bold: bold)
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, text, &extents)
        return extents.x_advance
    }

    /// `text` with its baseline at `y`, aligned on `x`.
    func text(
        _ text: String, x: Double, y: Double, size: Double, color: RGBA = RGBA(30, 30, 30), bold: Bool = false, alignment: Alignment = .left
    ) {
        let width = textWidth(text, size: size, bold: bold)
        let left =
            switch alignment {
            case .left: x
            case .center: x - width / 2
            case .right: x - width
            }
        setColor(color)
        cairo_move_to(context, left, y)
        cairo_show_text(context, text)
    }

    /// `text` cut with "…" to fit `maximumWidth`.
    func fitted(_ text: String, size: Double, maximumWidth: Double, bold: Bool = false) -> String {
        guard textWidth(text, size: size, bold: bold) > maximumWidth else { return text }
        var characters = Array(text)
        while !characters.isEmpty && textWidth(String(characters) + "…", size: size, bold: bold) > maximumWidth { characters.removeLast() }
        return String(characters) + "…"
    }

    /// A picture drawn at (x, y), scaled by `scale` with nearest-neighbour sampling (class maps
    /// stay crisp), alpha-blended over what is there.
    func draw(_ image: RGBAImage, x: Double, y: Double, scale: Double = 1) {
        guard let source = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(image.width), Int32(image.height)) else { return }
        defer { cairo_surface_destroy(source) }
        cairo_surface_flush(source)
        let stride = Int(cairo_image_surface_get_stride(source))
        let data = UnsafeMutableRawPointer(cairo_image_surface_get_data(source)!)
        // cairo wants premultiplied alpha in native-endian 32-bit words (BGRA bytes on x86).
        image.bytes.withUnsafeBufferPointer { bytes in
            for row in 0..<image.height {
                let words = (data + row * stride).assumingMemoryBound(to: UInt32.self)
                for column in 0..<image.width {
                    let at = 4 * (row * image.width + column)
                    let alpha = UInt32(bytes[at + 3])
                    let red = (UInt32(bytes[at]) * alpha + 127) / 255, green = (UInt32(bytes[at + 1]) * alpha + 127) / 255
                    let blue = (UInt32(bytes[at + 2]) * alpha + 127) / 255
                    words[column] = alpha << 24 | red << 16 | green << 8 | blue
                }
            }
        }
        cairo_surface_mark_dirty(source)
        cairo_save(context)
        cairo_translate(context, x, y)
        cairo_scale(context, scale, scale)
        cairo_set_source_surface(context, source, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(context), CAIRO_FILTER_NEAREST)
        cairo_paint(context)
        cairo_restore(context)
    }

    /// The page as a picture (straight alpha, RGBA).
    func image() -> RGBAImage {
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = UnsafeRawPointer(cairo_image_surface_get_data(surface)!)
        var bytes = [UInt8](repeating: 0, count: 4 * width * height)
        bytes.withUnsafeMutableBufferPointer { out in
            for row in 0..<height {
                let words = (data + row * stride).assumingMemoryBound(to: UInt32.self)
                for column in 0..<width {
                    let word = words[column], at = 4 * (row * width + column)
                    let alpha = word >> 24
                    func straight(_ value: UInt32) -> UInt8 { alpha == 0 ? 0 : UInt8(min(255, (value & 0xFF) * 255 / alpha)) }
                    out[at] = straight(word >> 16)
                    out[at + 1] = straight(word >> 8)
                    out[at + 2] = straight(word)
                    out[at + 3] = UInt8(alpha)
                }
            }
        }
        return RGBAImage(width: width, height: height, bytes: bytes)
    }

    private func font(size: Double, bold: Bool) {
        cairo_select_font_face(context, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(context, size)
    }
}
