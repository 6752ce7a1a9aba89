// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "PermafrostAtlas",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "permafrost-atlas", targets: ["permafrost-atlas"]),
        .library(name: "GeoRaster", targets: ["GeoRaster"]),
        .library(name: "PermafrostKernels", targets: ["PermafrostKernels"]),
        .library(name: "AtlasPipeline", targets: ["AtlasPipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
    ],
    targets: [
        // GDAL (with PROJ behind it) as a system library found through pkg-config.
        .systemLibrary(
            name: "CGDAL",
            pkgConfig: "gdal",
            providers: [.apt(["libgdal-dev", "libproj-dev"])]
        ),
        // The only layer that calls GDAL or OSR.
        .target(name: "GeoRaster", dependencies: ["CGDAL"]),
        // The science on plain arrays: no GDAL, no files.
        .target(name: "PermafrostKernels", dependencies: ["CBitVectorForest"]),
        // The random forest's small-tree kernel, built for AVX2 and baseline x86-64 (chosen at
        // load time); C because Swift has no per-function instruction sets.
        .target(name: "CBitVectorForest"),
        .target(
            name: "AtlasPipeline",
            dependencies: ["GeoRaster", "PermafrostKernels", .product(name: "Yams", package: "Yams"),
                           .product(name: "SwiftCSV", package: "SwiftCSV")]
        ),
        .executableTarget(
            name: "permafrost-atlas",
            dependencies: ["AtlasPipeline", "PermafrostKernels", "GeoRaster", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Benchmark of the random forest against scikit-learn (bench/rf_sklearn.py); not a test.
        .executableTarget(name: "RandomForestBench", dependencies: ["PermafrostKernels"]),
        // Benchmark of the 1-D heat-conduction column (100 years, daily steps); not a test.
        .executableTarget(name: "ColumnSimulationBench", dependencies: ["PermafrostKernels"]),
        .testTarget(name: "GeoRasterTests", dependencies: ["GeoRaster"]),
        .testTarget(name: "PermafrostKernelsTests", dependencies: ["PermafrostKernels"]),
        .testTarget(name: "AtlasPipelineTests", dependencies: ["AtlasPipeline", "PermafrostKernels"]),
        .testTarget(name: "CLITests", dependencies: ["permafrost-atlas", "GeoRaster", "PermafrostKernels"]),
    ]
)
