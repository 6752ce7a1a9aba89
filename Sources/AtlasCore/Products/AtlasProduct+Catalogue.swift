/// The catalogue: every product of the atlas and of the step commands.
extension AtlasProduct {
    // Before mining (pre/).
    public static let preVegetation = AtlasProduct(
        name: "vegetation", folder: .pre, title: "Vegetation (pre-mining)", bandDescription: "vegetation class", unit: "class",
        values: .classes(nil), step: .vegetation)
    public static let preMAGT = AtlasProduct(
        name: "magt", folder: .pre, title: "Mean annual ground temperature (pre-mining)",
        bandDescription: "mean annual ground temperature", unit: "degC", values: .continuous(.temperature), step: .magt)
    public static let prePermafrost = AtlasProduct(
        name: "permafrost", folder: .pre, title: "Permafrost (pre-mining)", bandDescription: "permafrost presence", unit: "class",
        values: .classes(.permafrostPresence), step: .stability)
    public static let preStability = AtlasProduct(
        name: "stability", folder: .pre, title: "Thermal stability (pre-mining)", bandDescription: "thermal stability", unit: "class",
        values: .classes(.thermalStability), step: .stability)
    /// Titled "Thawing index (air, monthly)" in a run: the series is added to the title.
    public static let preThawIndex = AtlasProduct(
        name: "thaw_index", folder: .pre, title: "Thawing index", bandDescription: "thawing index (DDT, air)", unit: "degC day",
        values: .continuous(.thawingIndex), step: .thawIndex)
    public static let preALT = AtlasProduct(
        name: "alt", folder: .pre, title: "Active-layer thickness (pre-mining)", bandDescription: "active-layer thickness", unit: "m",
        values: .continuous(.thawDepth), step: .alt)
    /// The band description ends with the window: ", ALT to 10.0 m".
    public static let preIce = AtlasProduct(
        name: "ice", folder: .pre, title: "Ground-ice volume (pre-mining)", bandDescription: "ground-ice volume per unit area",
        unit: "m3/m2", values: .continuous(.ice), step: .ice)
    public static let preIceClass = AtlasProduct(
        name: "ice_class", folder: .pre, title: "Ground-ice class (pre-mining)", bandDescription: "ground-ice class", unit: "class",
        values: .classes(.iceContent), step: .ice)

    // After mining (post/).
    public static let postVegetation = AtlasProduct(
        name: "vegetation", folder: .post, title: "Vegetation (post-mining)", bandDescription: "vegetation class after mining",
        unit: "class", values: .classes(nil), step: .postMiningVegetation)
    public static let postMAGT = AtlasProduct(
        name: "magt", folder: .post, title: "Mean annual ground temperature (post-mining)", bandDescription: "post-mining MAGT",
        unit: "degC", values: .continuous(.temperature), step: .mining)
    public static let postPermafrost = AtlasProduct(
        name: "permafrost", folder: .post, title: "Permafrost (post-mining)", bandDescription: "post-mining permafrost presence",
        unit: "class", values: .classes(.permafrostPresence), step: .mining)
    public static let postStability = AtlasProduct(
        name: "stability", folder: .post, title: "Thermal stability (post-mining)", bandDescription: "post-mining thermal stability",
        unit: "class", values: .classes(.thermalStability), step: .mining)
    /// A copy of the pre-mining thawing index: mining does not change the air.
    public static let postThawIndex = AtlasProduct(
        name: "thaw_index", folder: .post, title: "Thawing index (post-mining; air, unchanged)",
        bandDescription: "thawing index (DDT, air)",
        unit: "degC day", values: .continuous(.thawingIndex), step: .thawIndex)
    public static let postALT = AtlasProduct(
        name: "alt", folder: .post, title: "Active-layer thickness (post-mining)", bandDescription: "post-mining active-layer thickness",
        unit: "m", values: .continuous(.thawDepth), step: .mining)
    public static let postIce = AtlasProduct(
        name: "ice", folder: .post, title: "Ground-ice volume (post-mining)",
        bandDescription: "post-mining ground-ice volume per unit area",
        unit: "m3/m2", values: .continuous(.ice), step: .mining)
    public static let postIceClass = AtlasProduct(
        name: "ice_class", folder: .post, title: "Ground-ice class (post-mining)", bandDescription: "post-mining ground-ice class",
        unit: "class", values: .classes(.iceContent), step: .mining)

    // Differences (diff/).
    public static let diffMAGT = AtlasProduct(
        name: "magt", folder: .diff, title: "Mean annual ground temperature change, post - pre", bandDescription: "MAGT change, post - pre",
        unit: "degC", values: .continuous(.difference), step: .mining)
    public static let diffALT = AtlasProduct(
        name: "alt", folder: .diff, title: "Active-layer thickness change, post - pre", bandDescription: "ALT change, post - pre",
        unit: "m", values: .continuous(.difference), step: .mining)
    public static let diffIce = AtlasProduct(
        name: "ice", folder: .diff, title: "Ground-ice volume change, post - pre", bandDescription: "ground-ice volume change, post - pre",
        unit: "m3/m2", values: .continuous(.difference), step: .mining)
    public static let permafrostTransition = AtlasProduct(
        name: "permafrost_transition", folder: .diff, title: "Permafrost change (pre x 10 + post)",
        bandDescription: "permafrost presence, pre x 10 + post", unit: "class",
        values: .classes(ClassLegend.permafrostPresence.transitions()), step: .mining)
    public static let stabilityTransition = AtlasProduct(
        name: "stability_transition", folder: .diff, title: "Thermal stability change (pre x 10 + post)",
        bandDescription: "thermal stability, pre x 10 + post", unit: "class",
        values: .classes(ClassLegend.thermalStability.transitions()), step: .mining)

    // Inputs put onto the grid, and the disturbance map.
    public static let zones = AtlasProduct(
        name: "zones", folder: .aligned, title: "Geomorphology / sediment zones", bandDescription: "geomorphology / sediment zone",
        unit: "class", values: .classes(nil), step: .zones)
    public static let disturbance = AtlasProduct(
        name: "disturbance", folder: .root, title: "Mining disturbance", bandDescription: "mining disturbance type", unit: "class",
        values: .classes(.disturbanceType), step: .mining)

    // Step commands only (`thaw-index --freezing-index`, `ice --content`).
    public static let freezingIndex = AtlasProduct(
        name: "freeze_index", folder: .root, title: "Freezing index", bandDescription: "freezing index (DDF, air)", unit: "degC day",
        values: .continuous(.ice), step: .thawIndex)
    /// The band description ends with the window: ", ALT to 10.0 m".
    public static let iceContent = AtlasProduct(
        name: "ice_content", folder: .root, title: "Mean volumetric ice content", bandDescription: "mean volumetric ice content",
        unit: "m3/m3", values: .continuous(.ice), step: .ice)

    /// The products of each state, before and after mining, in report order.
    public static let pre: [AtlasProduct] = [
        .preVegetation, .preMAGT, .prePermafrost, .preStability, .preThawIndex, .preALT, .preIce, .preIceClass,
    ]
    public static let post: [AtlasProduct] = [
        .postVegetation, .postMAGT, .postPermafrost, .postStability, .postThawIndex, .postALT, .postIce,
        .postIceClass,
    ]
    public static let differences: [AtlasProduct] = [.diffMAGT, .diffALT, .diffIce, .permafrostTransition, .stabilityTransition]
    /// Every product a full run maps and reports, in report order (pre, post, diff).
    public static let mapped: [AtlasProduct] = pre + post + differences

    /// The products the mining step streams out block by block.
    public static let mining: [AtlasProduct] =
        [.postMAGT, .postALT, .postIce, .postIceClass, .postStability, .postPermafrost] + differences

    /// The same quantity in the other state (pre <-> post), for shared map ranges and area tables.
    public var counterpart: AtlasProduct? {
        let states: [Folder: [AtlasProduct]] = [.pre: Self.post, .post: Self.pre]
        return states[folder]?.first { $0.name == name }
    }

    /// The mapped product at `path` ("pre/magt.tif").
    public static func mapped(at path: String) -> AtlasProduct? { mapped.first { $0.path == path } }
}
