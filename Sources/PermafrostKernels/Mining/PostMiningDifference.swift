/// Post - pre difference rasters.
///
/// NaN policy:
/// - MAGT and ALT: the change is NaN unless both sides are numbers. ALT is undefined without
///   permafrost, so a pixel that loses (or gains) permafrost has no ALT change; that change
///   shows in the permafrost transition matrix instead.
/// - Ice volume: a side that is NaN because the pixel has no permafrost (presence code 2)
///   holds no ground ice and counts as 0, so ice lost with thawed permafrost is -pre and
///   ice in new permafrost is +post. A NaN side whose presence is 1 or 0 (nodata zone,
///   ALT or MAGT) stays unknown and gives NaN.
public enum PostMiningDifference {
    /// post - pre, NaN unless both are numbers (MAGT, ALT, mean ice content).
    public static func change(pre: [Float], post: [Float]) throws(MiningError) -> [Float] {
        guard post.count == pre.count else {
            throw .bufferLengthMismatch(buffer: "post-mining", count: post.count, expected: pre.count)
        }
        return zip(pre, post).map { pre, post in post - pre }
    }

    /// Change of ice volume per unit area (m^3/m^2) with the permafrost-aware policy above;
    /// presence buffers hold `PermafrostPresence` codes.
    public static func iceVolumeChange(
        pre: [Float], post: [Float],
        prePermafrost: [UInt8], postPermafrost: [UInt8]
    ) throws(MiningError) -> [Float] {
        let pixelCount = pre.count
        let lengths = [
            ("post-mining ice", post.count), ("pre-mining permafrost", prePermafrost.count),
            ("post-mining permafrost", postPermafrost.count),
        ]
        for (name, count) in lengths where count != pixelCount {
            throw .bufferLengthMismatch(buffer: name, count: count, expected: pixelCount)
        }
        let absent = PermafrostPresence.seasonallyFrozenGround.rawValue
        var change = [Float](repeating: .nan, count: pixelCount)
        for pixel in 0..<pixelCount {
            let before = pre[pixel].isNaN && prePermafrost[pixel] == absent ? 0 : pre[pixel]
            let after = post[pixel].isNaN && postPermafrost[pixel] == absent ? 0 : post[pixel]
            change[pixel] = after - before
        }
        return change
    }
}
