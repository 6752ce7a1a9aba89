// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "PermafrostAtlas",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "permafrost-atlas", targets: ["permafrost-atlas"]),
        .library(name: "GeoRaster", targets: ["GeoRaster"]),
        .library(name: "AtlasPipeline", targets: ["AtlasPipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
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
        .target(
            name: "AtlasPipeline",
            dependencies: ["GeoRaster", .product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "permafrost-atlas",
            dependencies: ["AtlasPipeline", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "GeoRasterTests", dependencies: ["GeoRaster"]),
        .testTarget(name: "CLITests", dependencies: ["permafrost-atlas", "GeoRaster"]),
    ]
)
