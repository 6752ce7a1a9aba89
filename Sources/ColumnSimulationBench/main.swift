// Benchmark of the column simulation: one 30 m column of three layers under 12 monthly air
// temperatures of the Muli area with n-factors, 100 years at daily steps (the spin-up
// tolerance is 0, so every year runs). The bar is 50 ms in release mode. Not a test.
//
// Usage: ColumnSimulationBench [--repeats N] [--years N] [--step-hours H]
import Foundation
import PermafrostKernels

var repeats = 10, years = 100, stepHours = 24.0
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let flag = arguments.next() {
    guard let value = arguments.next() else { fatalError("\(flag) needs a value") }
    switch flag {
    case "--repeats": repeats = Int(value)!
    case "--years": years = Int(value)!
    case "--step-hours": stepHours = Double(value)!
    default: fatalError("unknown option \(flag)")
    }
}

func material(
    _ name: String, _ kt: Double, _ kf: Double, _ ct: Double, _ cf: Double, _ theta: Double, _ thetaU: Double,
    _ rho: Double
) -> SoilMaterial {
    SoilMaterial(
        name: name, conductivityThawed: kt, conductivityFrozen: kf, heatCapacityThawed: ct, heatCapacityFrozen: cf,
        waterContent: theta, unfrozenWaterContent: thetaU, dryDensity: rho)
}

let column = SoilColumn(layers: [
    ColumnLayer(thickness: 1, material: material("organic silt", 1.1, 1.6, 2.9e6, 2.1e6, 0.40, 0.05, 1100)),
    ColumnLayer(thickness: 4, material: material("silty gravel", 1.5, 2.0, 2.3e6, 1.9e6, 0.25, 0.03, 1700)),
    ColumnLayer(thickness: 25, material: material("weathered mudstone", 1.8, 2.1, 2.2e6, 2.0e6, 0.15, 0.04, 2100)),
])
let forcing = SurfaceForcing(
    series: .monthlyMeans([-17.5, -14.2, -7.9, -1.2, 4.3, 8.0, 10.4, 9.6, 5.0, -2.1, -10.6, -15.8]),
    thawingNFactor: 0.9, freezingNFactor: 0.8)
let settings = SimulationSettings(timeStepHours: stepHours, maximumYears: years, tolerance: 0)

/// CPU time of this process (ms): on a shared machine it shows the cost without the waits.
func processorMilliseconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) * 1e3 + Double(time.tv_nsec) / 1e6
}

var wallTimes: [Double] = [], processorTimes: [Double] = []
var last: ColumnSimulationResult?
for _ in 0..<repeats {
    let start = DispatchTime.now().uptimeNanoseconds, processorStart = processorMilliseconds()
    last = try ColumnSimulation.run(column, forcing: forcing, settings: settings)
    wallTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    processorTimes.append(processorMilliseconds() - processorStart)
}
wallTimes.sort()
processorTimes.sort()
let result = last!
let steps = result.spinUp.years * Int((forcing.periodDays * 86_400 / result.timeStepSeconds).rounded())
print(
    "column: \(column.depth) m, \(result.grid.count) cells; \(result.spinUp.years) years x \(steps / result.spinUp.years) steps, \(String(format: "%.2f", result.solvesPerStep)) solves per step"
)
print(
    "MAGT \(String(format: "%.3f", result.magt.temperature)) C at \(String(format: "%.1f", result.magt.depth)) m, ALT \(result.permafrost?.activeLayerThickness.map { String(format: "%.2f m", $0) } ?? "none")"
)
let median = wallTimes[wallTimes.count / 2]
print(
    String(
        format: "time: best %.1f ms, median %.1f ms wall (CPU: best %.1f ms) over %d runs; bar: 50 ms %@", wallTimes[0], median,
        processorTimes[0], repeats, median < 50 ? "ok" : "OVER"))
