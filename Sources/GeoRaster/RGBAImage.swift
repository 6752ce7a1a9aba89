import Foundation

/// A picture in memory: row-major pixels, four bytes (red, green, blue, alpha) each.
public struct RGBAImage: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var bytes: [UInt8]

    /// A width x height picture filled with one colour.
    public init(width: Int, height: Int, filledWith color: RGBA = RGBA(0, 0, 0, 0)) {
        precondition(width > 0 && height > 0, "a picture needs at least one pixel")
        self.width = width
        self.height = height
        bytes = [UInt8](repeating: 0, count: 4 * width * height)
        if color != RGBA(0, 0, 0, 0) {
            for index in 0..<(width * height) { self[index] = color }
        }
    }

    /// The colour of pixel `index`, counted row-major from the top-left corner.
    /// A picture from its bytes: red, green, blue, alpha per pixel, row by row.
    public init(width: Int, height: Int, bytes: [UInt8]) {
        precondition(width > 0 && height > 0 && bytes.count == 4 * width * height, "four bytes per pixel")
        self.width = width
        self.height = height
        self.bytes = bytes
    }

    /// True when no pixel is transparent (a PNG of it needs no alpha).
    public var isOpaque: Bool {
        stride(from: 3, to: bytes.count, by: 4).allSatisfy { bytes[$0] == 255 }
    }

    public subscript(index: Int) -> RGBA {
        get { RGBA(bytes[4 * index], bytes[4 * index + 1], bytes[4 * index + 2], bytes[4 * index + 3]) }
        set {
            bytes[4 * index] = newValue.red
            bytes[4 * index + 1] = newValue.green
            bytes[4 * index + 2] = newValue.blue
            bytes[4 * index + 3] = newValue.alpha
        }
    }

    public subscript(column column: Int, row row: Int) -> RGBA {
        get { self[row * width + column] }
        set { self[row * width + column] = newValue }
    }
}

extension RGBAImage {
    /// The picture as a palette of at most 256 colours (in order of first appearance) and one
    /// palette index per pixel, or nil when it has more colours. Maps drawn from a colour table
    /// or a stepped ramp qualify, and a paletted PNG has a quarter of the bytes to compress.
    public func paletted() -> (palette: [RGBA], indices: [UInt8])? {
        let count = width * height
        var indices = [UInt8](repeating: 0, count: count)
        var colors: [UInt32] = []
        // Open addressing over 1024 slots (at most 256 used): neighbours usually share a colour,
        // so most pixels only compare with the one before.
        var slotColor = [UInt32](repeating: 0, count: 1024)
        var slotIndex = [Int16](repeating: -1, count: 1024)
        let fits = bytes.withUnsafeBytes { raw -> Bool in
            var previous: UInt32? = nil, previousIndex: UInt8 = 0
            for pixel in 0..<count {
                let color = raw.loadUnaligned(fromByteOffset: 4 * pixel, as: UInt32.self)
                if color != previous {
                    var slot = Int((color &* 0x9E37_79B1) >> 22)
                    while slotIndex[slot] >= 0 && slotColor[slot] != color { slot = (slot + 1) & 1023 }
                    if slotIndex[slot] < 0 {
                        guard colors.count < 256 else { return false }
                        slotColor[slot] = color
                        slotIndex[slot] = Int16(colors.count)
                        colors.append(color)
                    }
                    previous = color
                    previousIndex = UInt8(slotIndex[slot])
                }
                indices[pixel] = previousIndex
            }
            return true
        }
        guard fits else { return nil }
        let palette = colors.map { color in
            withUnsafeBytes(of: color) { RGBA($0[0], $0[1], $0[2], $0[3]) }
        }
        return (palette, indices)
    }
}

extension RGBAImage {
    /// Reads a picture back: four bands (red, green, blue, alpha) as `PNGWriter` writes many
    /// colours, or one paletted band looked up in its colour table (entries it lacks are
    /// transparent).
    public init(contentsOf path: String) throws {
        let dataset = try RasterDataset(path: path)
        self.init(width: dataset.width, height: dataset.height)
        let count = dataset.width * dataset.height
        switch dataset.bandCount {
        case 4:
            let bands = try (1...4).map { try dataset.band($0).read(dataset.extent, as: UInt8.self) }
            for index in 0..<count { self[index] = RGBA(bands[0][index], bands[1][index], bands[2][index], bands[3][index]) }
        case 1:
            let band = try dataset.band(1)
            let table = band.colorTable
            let indices = try band.read(dataset.extent, as: UInt8.self)
            for index in 0..<count { self[index] = table[Int(indices[index])] ?? RGBA(0, 0, 0, 0) }
        default:
            throw GeoRasterError(.badInput, path: path, "a picture has 4 bands (RGBA) or 1 paletted band, not \(dataset.bandCount)")
        }
    }
}
