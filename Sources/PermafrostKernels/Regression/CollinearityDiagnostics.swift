import Foundation

/// Collinearity of the predictors: the condition number of the design whose predictor columns
/// are centred (when the model has an intercept) and scaled to unit length, and each
/// predictor's variance inflation factor. Centring leaves out collinearity with the intercept,
/// which only reflects how far the data sit from the origin (latitude ~38 degrees varying by
/// half a degree would otherwise always look collinear).
///
/// Singular values come from a one-sided Jacobi SVD, accurate for the small designs of
/// borehole regressions. Belsley, Kuh & Welsch (1980) read a scaled condition number above
/// 30 as moderate-to-strong collinearity, which is the warning threshold used here.
struct CollinearityDiagnostics {
    static let warningConditionNumber = 30.0

    let conditionNumber: Double
    /// VIF_j = [(Z^T Z)^-1]_jj for the centred, unit-length columns Z (1 = uncorrelated).
    let varianceInflation: [Double]

    init(predictorColumns: [[Double]], centred: Bool) {
        var columns = predictorColumns.map { column -> [Double] in
            let mean = centred ? column.reduce(0, +) / Double(column.count) : 0
            let shifted = column.map { $0 - mean }
            let length = shifted.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return length > 0 ? shifted.map { $0 / length } : shifted
        }
        let q = columns.count
        guard q > 0 else {
            conditionNumber = 1
            varianceInflation = []
            return
        }
        var v = (0..<q).map { j in (0..<q).map { $0 == j ? 1.0 : 0.0 } }
        Self.orthogonalise(&columns, rightVectors: &v)
        let singular = columns.map { $0.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        let largest = singular.max() ?? 0
        let smallest = singular.min() ?? 0
        conditionNumber = smallest > 0 ? largest / smallest : .infinity
        varianceInflation = (0..<q).map { j -> Double in
            var sum = 0.0
            for k in 0..<q {
                let weight = v[k][j] / singular[k]
                sum += weight * weight
            }
            return sum
        }
    }

    /// One-sided Jacobi: rotates column pairs until all are orthogonal; the columns then hold
    /// U * Sigma and `rightVectors` (stored by columns) holds V.
    private static func orthogonalise(_ a: inout [[Double]], rightVectors v: inout [[Double]]) {
        let q = a.count
        for _ in 0..<60 {
            var rotated = false
            for i in 0..<q - 1 {
                for j in i + 1..<q {
                    let alpha = dot(a[i], a[i]), beta = dot(a[j], a[j]), gamma = dot(a[i], a[j])
                    guard abs(gamma) > 1e-15 * (alpha * beta).squareRoot() else { continue }
                    rotated = true
                    let zeta = (beta - alpha) / (2 * gamma)
                    let t = (zeta >= 0 ? 1.0 : -1.0) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
                    let c = 1 / (1 + t * t).squareRoot(), s = c * t
                    rotate(&a, i, j, c: c, s: s)
                    rotate(&v, i, j, c: c, s: s)
                }
            }
            if !rotated { return }
        }
    }

    /// Columns i and j of `columns` <- (c x_i - s x_j, s x_i + c x_j).
    private static func rotate(_ columns: inout [[Double]], _ i: Int, _ j: Int, c: Double, s: Double) {
        for k in columns[i].indices {
            let xk = columns[i][k], yk = columns[j][k]
            columns[i][k] = c * xk - s * yk
            columns[j][k] = s * xk + c * yk
        }
    }

    private static func dot(_ x: [Double], _ y: [Double]) -> Double {
        var sum = 0.0
        for k in x.indices { sum += x[k] * y[k] }
        return sum
    }
}
