import Foundation

/// Householder QR factorisation X = Q R of a tall n x p matrix, columns taken in the given
/// order. Each column is tested before it is reduced: if what remains of it after removing its
/// projection on the earlier columns is at most `dependenceTolerance` times its original norm,
/// it is (numerically) a linear combination of them and the factorisation stops there
/// (the LINPACK dqrdc2 / R `lm` criterion). Full column rank is required downstream, so no
/// pivoting is needed for stability: Householder QR is backward stable on its own.
struct HouseholderQR {
    /// A column found to depend on the earlier ones, with the weights that rebuild it from them.
    struct DependentColumn: Error {
        let column: Int
        let weights: [Double]
    }

    static let dependenceTolerance = 1e-7

    let rowCount: Int
    let columnCount: Int
    /// R, upper triangular, stored by columns: r[j][i] for i <= j.
    private(set) var r: [[Double]]
    /// Householder vectors v_k (entries k..<n, stored from index 0) with their squared norms.
    private var reflectors: [(v: [Double], normSquared: Double)] = []

    /// Factorises `columns` (p columns of n values each). Returns the first dependent column instead
    /// when the matrix is rank-deficient.
    static func factorise(columns: [[Double]]) -> Result<HouseholderQR, DependentColumn> {
        var qr = HouseholderQR(rowCount: columns.first?.count ?? 0, columnCount: columns.count, r: [])
        var work = columns
        for k in 0..<qr.columnCount {
            let originalNorm = norm(columns[k][...])
            let remainingNorm = norm(work[k][k...])
            if originalNorm == 0 || remainingNorm <= dependenceTolerance * originalNorm {
                let top = Array(work[k][..<k])
                return .failure(DependentColumn(column: k, weights: originalNorm == 0 ? [] : qr.backSubstitute(top)))
            }
            let alpha = work[k][k] >= 0 ? -remainingNorm : remainingNorm
            var v = Array(work[k][k...])
            v[0] -= alpha
            let normSquared = v.reduce(0) { $0 + $1 * $1 }
            qr.reflectors.append((v, normSquared))
            for j in k + 1..<qr.columnCount {
                reflect(&work[j], from: k, v: v, normSquared: normSquared)
            }
            work[k][k] = alpha
            qr.r.append(Array(work[k][...k]))
        }
        return .success(qr)
    }

    /// Q^T y.
    func applyTranspose(_ y: [Double]) -> [Double] {
        var result = y
        for (k, reflector) in reflectors.enumerated() {
            Self.reflect(&result, from: k, v: reflector.v, normSquared: reflector.normSquared)
        }
        return result
    }

    /// Solves R x = b for the first p entries of b.
    func backSubstitute(_ b: [Double]) -> [Double] {
        let p = b.count
        var x = [Double](repeating: 0, count: p)
        for i in stride(from: p - 1, through: 0, by: -1) {
            var sum = b[i]
            for j in i + 1..<p { sum -= r[j][i] * x[j] }
            x[i] = sum / r[i][i]
        }
        return x
    }

    /// The first p columns of Q (n x p, by columns): Q e_j = H_0 H_1 ... H_{p-1} e_j.
    func thinQ() -> [[Double]] {
        (0..<columnCount).map { j in
            var e = [Double](repeating: 0, count: rowCount)
            e[j] = 1
            for k in stride(from: reflectors.count - 1, through: 0, by: -1) {
                Self.reflect(&e, from: k, v: reflectors[k].v, normSquared: reflectors[k].normSquared)
            }
            return e
        }
    }

    /// Row j of R^-1 (upper triangular, so entries j..<p are the non-zero ones), for all j.
    func inverseRRows() -> [[Double]] {
        let p = columnCount
        var inverse = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        for column in 0..<p {
            var unit = [Double](repeating: 0, count: column + 1)
            unit[column] = 1
            let solved = backSubstitute(unit)
            for row in 0...column { inverse[row][column] = solved[row] }
        }
        return inverse
    }

    /// x <- (I - 2 v v^T / v^T v) x on entries from..<n.
    private static func reflect(_ x: inout [Double], from offset: Int, v: [Double], normSquared: Double) {
        var dot = 0.0
        for i in v.indices { dot += v[i] * x[offset + i] }
        let factor = 2 * dot / normSquared
        for i in v.indices { x[offset + i] -= factor * v[i] }
    }

    /// Euclidean norm, scaled to avoid overflow and underflow.
    private static func norm(_ values: ArraySlice<Double>) -> Double {
        let scale = values.reduce(0) { max($0, abs($1)) }
        guard scale > 0 else { return 0 }
        return scale * values.reduce(0) { $0 + ($1 / scale) * ($1 / scale) }.squareRoot()
    }
}
