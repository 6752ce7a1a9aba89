/// A layered ground column, top down, heated from below by the geothermal flux.
public struct SoilColumn: Sendable, Equatable {
    public var layers: [ColumnLayer]
    /// Geothermal heat flux entering the base of the column (W/m2, upward).
    public var geothermalFlux: Double
    public var spacing: GridSpacing

    public static let defaultGeothermalFlux = 0.06

    public init(layers: [ColumnLayer], geothermalFlux: Double = SoilColumn.defaultGeothermalFlux, spacing: GridSpacing = GridSpacing()) {
        self.layers = layers
        self.geothermalFlux = geothermalFlux
        self.spacing = spacing
    }

    /// Depth of the base below the surface (m).
    public var depth: Double { layers.reduce(0) { $0 + $1.thickness } }

    /// An open pit: the column with its top `depth` metres removed. The base stays where it
    /// was, so the column is shorter and its new surface is the old ground at `depth`.
    public func excavated(depth removed: Double) throws(SimulationError) -> SoilColumn {
        guard removed.isFinite, removed >= 0, removed < depth else {
            throw .invalidValue(
                location: "pit", field: "depth", value: removed,
                requirement: "must be zero or more and less than the column depth \(depth) m")
        }
        var remaining: [ColumnLayer] = []
        var top = 0.0
        for layer in layers {
            let bottom = top + layer.thickness
            if bottom > removed {
                remaining.append(ColumnLayer(thickness: bottom - max(top, removed), material: layer.material))
            }
            top = bottom
        }
        return SoilColumn(layers: remaining, geothermalFlux: geothermalFlux, spacing: spacing)
    }

    /// A spoil dump: `thickness` metres of `spoil` placed on the natural surface.
    public func withSpoilDump(thickness: Double, spoil: SoilMaterial) throws(SimulationError) -> SoilColumn {
        guard thickness.isFinite, thickness > 0 else {
            throw .invalidValue(location: "dump", field: "thickness", value: thickness, requirement: "must be a positive number")
        }
        return SoilColumn(
            layers: [ColumnLayer(thickness: thickness, material: spoil)] + layers,
            geothermalFlux: geothermalFlux, spacing: spacing)
    }

    public func validate() throws(SimulationError) {
        guard !layers.isEmpty else { throw .emptyColumn }
        for (index, layer) in layers.enumerated() {
            try layer.validate(location: "layer \(index + 1) (\"\(layer.material.name)\")")
        }
        guard geothermalFlux.isFinite else {
            throw .invalidValue(location: "column", field: "geothermal_flux", value: geothermalFlux, requirement: "must be a finite number")
        }
        // Permafrost on the plateau is at most a few hundred metres thick; a deeper column only
        // adds cells (a 1e9 m column would allocate without bound).
        guard depth <= Self.maximumDepth else {
            throw .invalidValue(
                location: "column", field: "depth", value: depth,
                requirement: "must be at most \(Int(Self.maximumDepth)) m (the layers' thicknesses added up)")
        }
        try spacing.validate()
        guard spacing.maxSpacing >= Self.minimumDeepSpacing else {
            throw .invalidValue(
                location: "grid", field: "max_spacing", value: spacing.maxSpacing,
                requirement: "must be at least \(Self.minimumDeepSpacing) m")
        }
    }

    /// The deepest column simulated (m).
    public static let maximumDepth = 2000.0
    /// The smallest cell size allowed at depth (m): with `maximumDepth` at most 200,000 cells.
    public static let minimumDeepSpacing = 0.01
}

/// How fine the cells are: `surfaceSpacing` at the surface, growing by `growth` metres per
/// metre of depth up to `maxSpacing`. Fine cells near the surface resolve the annual wave and
/// the thaw front; the damped signal at depth needs few.
public struct GridSpacing: Sendable, Equatable {
    public var surfaceSpacing: Double
    public var growth: Double
    public var maxSpacing: Double

    public init(surfaceSpacing: Double = 0.05, growth: Double = 0.08, maxSpacing: Double = 1.0) {
        self.surfaceSpacing = surfaceSpacing
        self.growth = growth
        self.maxSpacing = maxSpacing
    }

    /// Target cell size (m) at a depth (m).
    func spacing(atDepth depth: Double) -> Double {
        min(maxSpacing, surfaceSpacing + growth * depth)
    }

    public func validate() throws(SimulationError) {
        for (field, value) in [("surface_spacing", surfaceSpacing), ("max_spacing", maxSpacing)] where !(value.isFinite && value > 0) {
            throw .invalidValue(location: "grid", field: field, value: value, requirement: "must be a positive number")
        }
        guard growth.isFinite, growth >= 0 else {
            throw .invalidValue(location: "grid", field: "spacing_growth", value: growth, requirement: "must be zero or positive")
        }
        guard maxSpacing >= surfaceSpacing else {
            throw .invalidValue(
                location: "grid", field: "max_spacing", value: maxSpacing,
                requirement: "must not be smaller than surface_spacing \(surfaceSpacing)")
        }
    }
}

/// The finite-volume cells of a column: each lies within one layer, so a layer boundary is
/// always a cell face.
public struct ColumnGrid: Sendable {
    /// Cell thicknesses (m), top down.
    public let thicknesses: [Double]
    /// Depth of each cell's centre (m).
    public let centres: [Double]
    /// Depth of each cell's top face (m).
    public let tops: [Double]
    /// Index of each cell's layer in the column.
    public let layerIndices: [Int]
    /// Depth of the column's base (m).
    public let depth: Double

    public init(column: SoilColumn) {
        var thicknesses: [Double] = [], layerIndices: [Int] = []
        var top = 0.0
        for (index, layer) in column.layers.enumerated() {
            let sizes = Self.cellSizes(from: top, thickness: layer.thickness, spacing: column.spacing)
            thicknesses += sizes
            layerIndices += Array(repeating: index, count: sizes.count)
            top += layer.thickness
        }
        var tops: [Double] = [], centres: [Double] = []
        var face = 0.0
        for thickness in thicknesses {
            tops.append(face)
            centres.append(face + thickness / 2)
            face += thickness
        }
        self.thicknesses = thicknesses
        self.centres = centres
        self.tops = tops
        self.layerIndices = layerIndices
        self.depth = column.depth
    }

    public var count: Int { thicknesses.count }

    /// Cells of one layer: marched with the target spacing, a last sliver under half a cell
    /// merged into its neighbour, then scaled to fill the layer exactly.
    private static func cellSizes(from top: Double, thickness: Double, spacing: GridSpacing) -> [Double] {
        var sizes: [Double] = []
        var covered = 0.0
        while covered < thickness {
            let size = spacing.spacing(atDepth: top + covered)
            if thickness - covered < size / 2, !sizes.isEmpty { break }
            sizes.append(size)
            covered += size
        }
        let scale = thickness / sizes.reduce(0, +)
        return sizes.map { $0 * scale }
    }
}
