import Foundation

/// Neumann's similarity solution of the Stefan problem: a half-space frozen at
/// `initialTemperature`, its surface held at `surfaceTemperature` from t = 0, melting at
/// `meltingTemperature` with `latentHeat` J/m3. The thaw front is at X = 2 lambda sqrt(alpha_t t)
/// with lambda the root of
///   lambda sqrt(pi) = St_t exp(-lambda^2) / erf(lambda) - (St_f / nu) exp(-nu^2 lambda^2) / erfc(nu lambda),
/// St_t = C_t (T_s - T_m) / L, St_f = C_f (T_m - T_0) / L, nu = sqrt(alpha_t / alpha_f).
/// With the frozen ground at the melting point (St_f = 0) it is the one-phase problem.
struct NeumannSolution {
    let thawedDiffusivity: Double
    let frozenDiffusivity: Double
    let surfaceTemperature: Double
    let initialTemperature: Double
    let meltingTemperature: Double
    let lambda: Double

    init(
        thawedConductivity: Double, thawedCapacity: Double, frozenConductivity: Double, frozenCapacity: Double,
        latentHeat: Double, surfaceTemperature: Double, initialTemperature: Double, meltingTemperature: Double
    ) {
        thawedDiffusivity = thawedConductivity / thawedCapacity
        frozenDiffusivity = frozenConductivity / frozenCapacity
        self.surfaceTemperature = surfaceTemperature
        self.initialTemperature = initialTemperature
        self.meltingTemperature = meltingTemperature
        let thawedStefan = thawedCapacity * (surfaceTemperature - meltingTemperature) / latentHeat
        let frozenStefan = frozenCapacity * (meltingTemperature - initialTemperature) / latentHeat
        let nu = (thawedDiffusivity / frozenDiffusivity).squareRoot()
        func balance(_ x: Double) -> Double {
            thawedStefan * exp(-x * x) / erf(x) - frozenStefan / nu * exp(-nu * nu * x * x) / erfc(nu * x) - x * Double.pi.squareRoot()
        }
        // The balance falls monotonically from +infinity: bisection.
        var low = 1e-9, high = 5.0
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if balance(middle) > 0 { low = middle } else { high = middle }
        }
        lambda = (low + high) / 2
    }

    func frontDepth(seconds: Double) -> Double {
        2 * lambda * (thawedDiffusivity * seconds).squareRoot()
    }

    func temperature(depth: Double, seconds: Double) -> Double {
        if depth < frontDepth(seconds: seconds) {
            let eta = depth / (2 * (thawedDiffusivity * seconds).squareRoot())
            return surfaceTemperature - (surfaceTemperature - meltingTemperature) * erf(eta) / erf(lambda)
        }
        let nu = (thawedDiffusivity / frozenDiffusivity).squareRoot()
        let eta = depth / (2 * (frozenDiffusivity * seconds).squareRoot())
        return initialTemperature + (meltingTemperature - initialTemperature) * erfc(eta) / erfc(nu * lambda)
    }
}
