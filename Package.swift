// swift-tools-version:6.0
import PackageDescription

/// Strict checks on every Swift target: the project is Swift 6 language mode and stays warning-clean.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Dragoman",
    products: [
        .library(name: "Dragoman", targets: ["Dragoman"]),
        .executable(name: "dragoman", targets: ["dragoman"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // The only code that includes ICU headers. Its public header exposes plain C types, because a
        // module exposing ICU's own types clashes with Foundation's bundled ICU (`_FoundationICU`).
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc")]
        ),
        .target(
            name: "Dragoman",
            dependencies: ["CICU", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "dragoman",
            dependencies: ["Dragoman", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "DragomanTests",
            dependencies: ["Dragoman", "dragoman"],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
