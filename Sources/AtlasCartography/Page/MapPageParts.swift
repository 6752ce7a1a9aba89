import AtlasCore
import Foundation
import GeoRaster
import PermafrostKernels

/// What a map page adds to a picture, read from other rasters over the same window: the
/// hillshade under it, ground without permafrost, and where the window lies on the ground.
struct MapPageParts {
    /// Light warm grey: "no permafrost" reads as ground, unlike white "no data".
    static let noPermafrostColor = RGBA(222, 216, 203)

    let dataset: RasterDataset
    let window: RasterWindow
    let size: (width: Int, height: Int)

    var georeference: MapPage.Georeference? {
        guard let transform = dataset.geoTransform, transform.rotationX == 0, transform.rotationY == 0 else { return nil }
        let origin = transform.map(column: Double(window.column), row: Double(window.row))
        return MapPage.Georeference(
            originX: origin.x, originY: origin.y,
            pixelWidth: transform.pixelWidth * Double(window.width) / Double(size.width),
            pixelHeight: transform.pixelHeight * Double(window.height) / Double(size.height),
            isGeographic: dataset.spatialReference?.isGeographic ?? false, crsName: dataset.spatialReference?.name ?? "no CRS")
    }

    /// The same window of `other` (a raster on the same CRS, any grid) at the picture's size,
    /// or nil when it does not overlap or cannot be placed.
    private func sameWindow(of other: RasterDataset) throws -> [Double]? {
        guard let mine = dataset.geoTransform, let theirs = other.geoTransform, theirs.rotationX == 0, theirs.rotationY == 0,
            theirs.pixelWidth != 0, theirs.pixelHeight != 0
        else { return nil }
        let topLeft = mine.map(column: Double(window.column), row: Double(window.row))
        let bottomRight = mine.map(column: Double(window.column + window.width), row: Double(window.row + window.height))
        let column = ((topLeft.x - theirs.originX) / theirs.pixelWidth).rounded()
        let row = ((topLeft.y - theirs.originY) / theirs.pixelHeight).rounded()
        let width = ((bottomRight.x - theirs.originX) / theirs.pixelWidth).rounded() - column
        let height = ((bottomRight.y - theirs.originY) / theirs.pixelHeight).rounded() - row
        guard column >= 0, row >= 0, width >= 1, height >= 1, column + width <= Double(other.width), row + height <= Double(other.height)
        else { return nil }
        let otherWindow = RasterWindow(column: Int(column), row: Int(row), width: Int(width), height: Int(height))
        return try other.band(1).read(otherWindow, bufferWidth: size.width, bufferHeight: size.height, as: Double.self)
    }

    /// Empty pixels of `image` where the permafrost map says "no permafrost" (class 2), in
    /// `noPermafrostColor`.
    func markingNoPermafrost(_ image: RGBAImage, mask: String) throws -> RGBAImage {
        guard let codes = try sameWindow(of: RasterDataset(path: mask)) else { return image }
        var marked = image
        for index in codes.indices
        where codes[index] == Double(PermafrostPresence.seasonallyFrozenGround.rawValue) && image[index].alpha == 0 {
            marked[index] = Self.noPermafrostColor
        }
        return marked
    }

    /// `image` over the DEM's hillshade: each colour darkened where the slope faces away from
    /// the light (multiplied by 0.5 + 0.5 x brightness), empty pixels left empty.
    func shaded(_ image: RGBAImage, dem: String) throws -> RGBAImage {
        guard let shades = try hillshade(dem: dem) else { return image }
        var shaded = image
        for index in shades.indices where image[index].alpha > 0 && shades[index] > 0 {
            let factor = 0.5 + 0.5 * Double(shades[index]) / 255
            let color = image[index]
            func dim(_ value: UInt8) -> UInt8 { UInt8((Double(value) * factor).rounded()) }
            shaded[index] = RGBA(dim(color.red), dim(color.green), dim(color.blue), color.alpha)
        }
        return shaded
    }

    /// The DEM's hillshade over the picture, computed once per DEM, window and picture size:
    /// the continuous maps of an atlas share it.
    private func hillshade(dem: String) throws -> [UInt8]? {
        // The file's modification time keeps a rewritten DEM from meeting an old hillshade.
        let modified = (try? FileManager.default.attributesOfItem(atPath: dem)[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let key = "\(dem)@\(modified)|\(window.column),\(window.row),\(window.width),\(window.height)|\(size.width)x\(size.height)"
        if let cached = HillshadeCache.shared.shades(for: key) { return cached }
        let demDataset = try RasterDataset(path: dem)
        guard let elevations = try sameWindow(of: demDataset), let georeference, let transform = dataset.geoTransform else { return nil }
        var cellWidth = abs(georeference.pixelWidth), cellHeight = abs(georeference.pixelHeight)
        if georeference.isGeographic {
            let latitude = transform.map(
                column: Double(window.column) + Double(window.width) / 2, row: Double(window.row) + Double(window.height) / 2
            ).y
            guard abs(latitude) < 90 else { return nil }
            let cell = TerrainCellSize.geographic(longitudeStep: cellWidth, latitudeStep: cellHeight, latitude: latitude)
            cellWidth = abs(cell.eastWest)
            cellHeight = abs(cell.northSouth)
        }
        let shades = Hillshade.shade(
            elevations, width: size.width, height: size.height, cellWidth: cellWidth, cellHeight: cellHeight,
            noData: try demDataset.band(1).noDataValue)
        HillshadeCache.shared.store(shades, for: key)
        return shades
    }
}

/// The last few hillshades, shared by the maps drawn at once on several threads.
final class HillshadeCache: @unchecked Sendable {
    static let shared = HillshadeCache()
    private let lock = NSLock()
    private var entries: [(key: String, shades: [UInt8])] = []
    /// A 1600 x 1200 picture's shades are 1.9 MB.
    private let capacity = 4

    func shades(for key: String) -> [UInt8]? {
        lock.lock()
        defer { lock.unlock() }
        return entries.first { $0.key == key }?.shades
    }

    func store(_ shades: [UInt8], for key: String) {
        lock.lock()
        defer { lock.unlock() }
        guard !entries.contains(where: { $0.key == key }) else { return }
        entries.append((key, shades))
        if entries.count > capacity { entries.removeFirst() }
    }
}

extension MapRenderer {
    /// The raster window around its changed pixels (grown by a third on each side, at least 16
    /// pixels), and the whole scene in small with that window marked; nil when nothing changed
    /// or the change covers most of the scene.
    static func changedWindow(_ band: RasterBand, dataset: RasterDataset, maxSize: Int) throws -> (
        window: RasterWindow, inset: MapPage.Inset
    )? {
        let overview = pictureSize(width: dataset.width, height: dataset.height, maxSize: min(maxSize, 600))
        let values = try band.read(dataset.extent, bufferWidth: overview.width, bufferHeight: overview.height, as: Double.self)
        let noData = band.noDataValue
        let isTransition = !band.colorTable.isEmpty
        var left = Int.max, top = Int.max, right = -1, bottom = -1
        for row in 0..<overview.height {
            for column in 0..<overview.width {
                let value = values[row * overview.width + column]
                guard MapPainter.isValid(value, noData: noData) else { continue }
                let changed = isTransition ? value >= 10 && Int(value) / 10 != Int(value) % 10 : value != 0
                guard changed else { continue }
                left = min(left, column)
                right = max(right, column)
                top = min(top, row)
                bottom = max(bottom, row)
            }
        }
        guard right >= 0 else { return nil }
        let xScale = Double(dataset.width) / Double(overview.width), yScale = Double(dataset.height) / Double(overview.height)
        let width = Double(right - left + 1) * xScale, height = Double(bottom - top + 1) * yScale
        let growX = max(16, width / 3), growY = max(16, height / 3)
        let column = max(0, Int((Double(left) * xScale - growX).rounded(.down)))
        let row = max(0, Int((Double(top) * yScale - growY).rounded(.down)))
        let window = RasterWindow(
            column: column, row: row,
            width: min(dataset.width, Int((Double(right + 1) * xScale + growX).rounded(.up))) - column,
            height: min(dataset.height, Int((Double(bottom + 1) * yScale + growY).rounded(.up))) - row)
        guard Double(window.width * window.height) < 0.5 * Double(dataset.width * dataset.height) else { return nil }
        let colorTable = band.colorTable
        let picture =
            isTransition
            ? classPicture(values, size: overview, band: band, colorTable: colorTable).image
            : rampPicture(values, size: overview, band: band, metadata: band.metadata(), ramp: nil, range: nil).image
        let inset = MapPage.Inset(
            picture: picture,
            window: (
                Double(window.column) / xScale, Double(window.row) / yScale, Double(window.width) / xScale, Double(window.height) / yScale
            ))
        return (window, inset)
    }
}
