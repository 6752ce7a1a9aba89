// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "PermafrostAtlas",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "permafrost-atlas", targets: ["permafrost-atlas"]),
        .library(name: "PermafrostAtlas", targets: ["PermafrostAtlas"]),
        .library(name: "AtlasCore", targets: ["AtlasCore"]),
        .library(name: "AtlasCartography", targets: ["AtlasCartography"]),
        .library(name: "AtlasReporting", targets: ["AtlasReporting"]),
        .library(name: "AtlasSynthesis", targets: ["AtlasSynthesis"]),
        .library(name: "AtlasSimulation", targets: ["AtlasSimulation"]),
        .library(name: "GeoRaster", targets: ["GeoRaster"]),
        .library(name: "PermafrostKernels", targets: ["PermafrostKernels"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
    ],
    targets: [
        // Failure kinds (exit codes), atomic file output and work sharing: what every layer
        // needs and none owns. Foundation and Dispatch only.
        .target(name: "AtlasFoundation"),
        // GDAL (with PROJ behind it) as a system library found through pkg-config.
        .systemLibrary(
            name: "CGDAL",
            pkgConfig: "gdal",
            providers: [.apt(["libgdal-dev", "libproj-dev"])]
        ),
        // cairo draws the text, lines and shapes of map pages (title, legend, scale bar, north
        // arrow, coordinate frame); GDAL writes the PNG. Only AtlasCartography's MapCanvas calls it.
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]
        ),
        // The only layer that calls GDAL or OSR.
        .target(name: "GeoRaster", dependencies: ["CGDAL", "AtlasFoundation"]),
        // The science on plain arrays: no GDAL, no files.
        .target(name: "PermafrostKernels", dependencies: ["CBitVectorForest", "AtlasFoundation"]),
        // OpenSSL's libcrypto for SHA-256 (input checksums, model files): GDAL links it already,
        // and it uses the CPU's SHA instructions where they exist.
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // The random forest's small-tree kernel, built for AVX2 and baseline x86-64 (chosen at
        // load time); C because Swift has no per-function instruction sets.
        .target(name: "CBitVectorForest"),
        // The atlas's steps over rasters: configuration, product catalogue, tables, models,
        // block streaming, stages and the report's record.
        .target(
            name: "AtlasCore",
            dependencies: [
                "AtlasFoundation", "GeoRaster", "PermafrostKernels", "CCrypto", .product(name: "Yams", package: "Yams"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
            ]
        ),
        // Map pictures: colour ramps, legends, painting a raster into a PNG.
        .target(name: "AtlasCartography", dependencies: ["AtlasCore", "GeoRaster", "PermafrostKernels", "CCairo"]),
        // report.json and the self-contained report.html with the atlas's maps.
        .target(name: "AtlasReporting", dependencies: ["AtlasFoundation", "AtlasCore", "AtlasCartography", "GeoRaster"]),
        // The synthetic Muli-like scene (`synth`, `demo`, benchmarks).
        .target(name: "AtlasSynthesis", dependencies: ["AtlasFoundation", "AtlasCore", "GeoRaster", "PermafrostKernels"]),
        // Column-simulation files and mining parameters from simulated columns (`simulate`).
        .target(
            name: "AtlasSimulation",
            dependencies: ["AtlasFoundation", "AtlasCore", "GeoRaster", "PermafrostKernels", .product(name: "Yams", package: "Yams")]),
        // The public entry point: a full atlas (all steps, maps and report) and tile mosaics.
        .target(
            name: "PermafrostAtlas", dependencies: ["AtlasFoundation", "AtlasCore", "AtlasCartography", "AtlasReporting", "GeoRaster"]),
        .executableTarget(
            name: "permafrost-atlas",
            dependencies: [
                "AtlasFoundation", "PermafrostAtlas", "AtlasCore", "AtlasCartography", "AtlasSynthesis", "AtlasSimulation",
                "GeoRaster", "PermafrostKernels", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmark of the random forest against scikit-learn (bench/rf_sklearn.py); not a test.
        .executableTarget(name: "RandomForestBench", dependencies: ["PermafrostKernels"]),
        // Benchmark of the 1-D heat-conduction column (100 years, daily steps); not a test.
        .executableTarget(name: "ColumnSimulationBench", dependencies: ["PermafrostKernels"]),
        // Temporary folders, fixture paths and seeded random numbers for every test target.
        .target(
            name: "AtlasTestSupport", dependencies: ["AtlasCore", "AtlasFoundation", "GeoRaster", "PermafrostKernels"],
            path: "Tests/AtlasTestSupport"),
        .testTarget(name: "GeoRasterTests", dependencies: ["GeoRaster", "AtlasFoundation", "AtlasTestSupport", "PermafrostKernels"]),
        .testTarget(name: "PermafrostKernelsTests", dependencies: ["PermafrostKernels", "AtlasFoundation", "AtlasTestSupport"]),
        .testTarget(
            name: "AtlasCoreTests",
            dependencies: [
                "AtlasCore", "AtlasFoundation", "PermafrostKernels", "GeoRaster", "AtlasTestSupport",
                .product(name: "Yams", package: "Yams"),
            ]),
        .testTarget(
            name: "AtlasCartographyTests",
            dependencies: ["AtlasCartography", "AtlasCore", "AtlasFoundation", "GeoRaster", "AtlasTestSupport"]),
        .testTarget(
            name: "AtlasReportingTests",
            dependencies: ["AtlasReporting", "AtlasCartography", "AtlasCore", "AtlasFoundation", "AtlasTestSupport"]),
        .testTarget(
            name: "AtlasSynthesisTests",
            dependencies: ["AtlasSynthesis", "AtlasCore", "AtlasFoundation", "GeoRaster", "PermafrostKernels", "AtlasTestSupport"]),
        .testTarget(name: "AtlasSimulationTests", dependencies: ["AtlasSimulation", "AtlasCore", "PermafrostKernels", "AtlasTestSupport"]),
        .testTarget(
            name: "PermafrostAtlasTests", dependencies: ["PermafrostAtlas", "AtlasCore", "AtlasSynthesis", "AtlasTestSupport", "GeoRaster"]),
        .testTarget(
            name: "CLITests", dependencies: ["permafrost-atlas", "GeoRaster", "PermafrostKernels", "AtlasFoundation", "AtlasTestSupport"]),
    ]
)
