import AtlasCore
import Foundation
import GeoRaster
import PermafrostKernels

/// The scene's polygon maps: geomorphology / sediment zones and mining disturbances.
enum SyntheticVectors {
    /// Five strips along the valley that tile the scene rectangle exactly: bedrock ridge,
    /// slope deposits, alluvial plain (the valley floor), slope deposits, bedrock ridge.
    /// Neighbouring strips share the very same boundary vertices, so there is no gap or overlap.
    static func zones(_ scene: SyntheticScene) -> [VectorPolygon] {
        var random = SplitMix64(seed: scene.seed, stream: .zones)
        // Distance of each boundary from the valley axis (fraction of the scene height), north
        // to south: mean, swing, cycles across the scene, phase. The swings never let two
        // boundaries meet or leave the scene (the axis itself stays within 0.38...0.62).
        let shapes = [(0.30, 0.04), (0.09, 0.02), (0.09, 0.02), (0.30, 0.04)].enumerated().map { index, shape in
            (
                mean: index < 2 ? -shape.0 : shape.0, swing: shape.1, cycles: random.uniform(1.0...3.0),
                phase: random.uniform(0...(2 * Double.pi))
            )
        }
        let segments = 128
        let width = Double(scene.width) * SyntheticScene.pixelSize, height = Double(scene.height) * SyntheticScene.pixelSize
        var boundaries = [[(x: Double, y: Double)]](repeating: [], count: shapes.count)
        for step in 0...segments {
            let fraction = Double(step) / Double(segments)
            let axis = scene.terrain.axis(u: fraction * width)
            let x = SyntheticScene.originX + fraction * width
            for (index, shape) in shapes.enumerated() {
                let offset = shape.mean + shape.swing * sin(2 * Double.pi * shape.cycles * fraction + shape.phase)
                boundaries[index].append((x, SyntheticScene.originY - (axis + offset) * height))
            }
        }
        let west = SyntheticScene.originX, east = SyntheticScene.originX + width
        let top = [(x: west, y: SyntheticScene.originY), (x: east, y: SyntheticScene.originY)]
        let bottom = [(x: west, y: SyntheticScene.originY - height), (x: east, y: SyntheticScene.originY - height)]
        let edges = [top] + boundaries + [bottom]
        let names: [SyntheticZone] = [.bedrockRidge, .slopeDeposits, .alluvialPlain, .slopeDeposits, .bedrockRidge]
        return names.enumerated().map { index, zone in
            // Counter-clockwise: the lower edge west to east, then the upper edge east to west.
            let ring = edges[index + 1] + edges[index].reversed()
            return VectorPolygon(rings: [ring], attributes: ["zone": zone.name])
        }
    }

    private struct Site {
        let u: Double
        let v: Double
        let radius: Double
    }

    /// Two open pits at mid elevations, three spoil dumps beside them and one other
    /// disturbance (a plant yard), a few hundred metres across, inside the scene and apart.
    static func mining(_ scene: SyntheticScene) throws -> [VectorPolygon] {
        var random = SplitMix64(seed: scene.seed, stream: .mining)
        let width = Double(scene.width) * SyntheticScene.pixelSize, height = Double(scene.height) * SyntheticScene.pixelSize
        let size = min(300, max(90, 0.06 * min(width, height)))
        let gap = 30.0
        // (type, semi-axes, anchor: index of the pit it lies beside)
        let plan: [(type: String, major: Double, minor: Double, anchor: Int?)] = [
            ("pit", size, 0.55 * size, nil), ("pit", size, 0.55 * size, nil),
            ("dump", 0.75 * size, 0.6 * size, 0), ("dump", 0.75 * size, 0.6 * size, 1), ("dump", 0.7 * size, 0.55 * size, 0),
            ("other", 0.6 * size, 0.3 * size, 1),
        ]
        var sites: [Site] = []
        var polygons: [VectorPolygon] = []
        for item in plan {
            let scale = random.uniform(0.8...1.2)
            let major = scale * item.major, minor = scale * item.minor
            // The wobble of the outline stays within 1.2 semi-major axes.
            let radius = 1.2 * major
            guard
                let site = place(
                    radius: radius, anchor: item.anchor.map { sites[$0] }, among: sites, gap: gap,
                    width: width, height: height, scene: scene, random: &random)
            else {
                throw SynthesisError.tooSmall(
                    file: SynthesisStage.FileName.mining,
                    reason: "no room for \(sites.count + 1) separate mining areas in a "
                        + "\(scene.width) x \(scene.height) scene (make it larger)")
            }
            sites.append(site)
            // Pits follow the valley (west-east), the rest lie any way.
            let angle = item.type == "pit" ? random.uniform(-0.35...0.35) : random.uniform(0...Double.pi)
            let outline =
                item.type == "other"
                ? rectangle(major: major, minor: minor)
                : wobblyEllipse(major: major, minor: minor, random: &random)
            let ring = outline.map { point in
                (
                    x: SyntheticScene.originX + site.u + point.x * cos(angle) - point.y * sin(angle),
                    y: SyntheticScene.originY - site.v + point.x * sin(angle) + point.y * cos(angle)
                )
            }
            polygons.append(VectorPolygon(rings: [ring], attributes: ["type": item.type]))
        }
        return polygons
    }

    /// A centre for a disc of `radius` inside the scene, clear of the other sites: beside the
    /// anchor first, anywhere later; at mid elevations (3850-4250 m of the valley relief)
    /// until the last tries. Nil when the scene has no room.
    private static func place(
        radius: Double, anchor: Site?, among sites: [Site], gap: Double, width: Double, height: Double,
        scene: SyntheticScene, random: inout SplitMix64
    ) -> Site? {
        let inset = radius + gap
        guard width > 2 * inset, height > 2 * inset else { return nil }
        for attempt in 0..<600 {
            let u: Double, v: Double
            if let anchor, attempt < 300 {
                let direction = random.uniform(0...(2 * Double.pi))
                let distance = anchor.radius + radius + gap
                (u, v) = (anchor.u + distance * cos(direction), anchor.v + distance * sin(direction))
            } else {
                (u, v) = (random.uniform(inset...(width - inset)), random.uniform(inset...(height - inset)))
            }
            let inside = u >= inset && u <= width - inset && v >= inset && v <= height - inset
            let clear = sites.allSatisfy { ((u - $0.u) * (u - $0.u) + (v - $0.v) * (v - $0.v)).squareRoot() > $0.radius + radius + gap }
            let elevation = scene.terrain.lowFrequencyElevation(u: u, v: v)
            let midSlope = attempt >= 450 || (3850...4250).contains(elevation)
            if inside && clear && midSlope { return Site(u: u, v: v, radius: radius) }
        }
        return nil
    }

    /// An irregular ellipse (28 points, counter-clockwise), like a pit or a dump outline.
    private static func wobblyEllipse(major: Double, minor: Double, random: inout SplitMix64) -> [(x: Double, y: Double)] {
        let phases = (random.uniform(0...(2 * Double.pi)), random.uniform(0...(2 * Double.pi)))
        return (0..<28).map { step in
            let theta = 2 * Double.pi * Double(step) / 28
            let wobble = 1 + 0.12 * sin(3 * theta + phases.0) + 0.06 * sin(5 * theta + phases.1)
            return (major * wobble * cos(theta), minor * wobble * sin(theta))
        }
    }

    private static func rectangle(major: Double, minor: Double) -> [(x: Double, y: Double)] {
        [(-major, -minor), (major, -minor), (major, minor), (-major, minor)]
    }
}
