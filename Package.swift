// swift-tools-version:6.0
// bitrix24-mock: a mock Bitrix24 REST server. Data flows socket → HTTPServer → BitrixREST → CRMStore → BitrixREST → socket.
import PackageDescription

let package = Package(
    name: "bitrix24-mock",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "bitrix24-mock", targets: ["bitrix24-mock"]),
        .library(name: "Bitrix24Mock", targets: ["Bitrix24Mock"]),
    ],
    targets: [
        // System libraries and C shims.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite3"])]
        ),
        .target(name: "CLinux"),

        // One job each, in the order data flows through them.
        .target(name: "SQLite", dependencies: ["CSQLite"]),
        .target(name: "JSON"),
        .target(name: "HTTPServer", dependencies: ["CLinux"]),
        .target(name: "CRMStore", dependencies: ["SQLite", "JSON"]),
        .target(name: "BitrixREST", dependencies: ["CRMStore", "HTTPServer", "JSON"]),
        .target(
            name: "Bitrix24Mock",
            dependencies: ["BitrixREST", "CRMStore", "HTTPServer", "SQLite"],
            resources: [.embedInCode("Resources/default.json")]
        ),
        .executableTarget(name: "bitrix24-mock", dependencies: ["Bitrix24Mock"]),

        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"]),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer"]),
        .testTarget(name: "CRMStoreTests", dependencies: ["CRMStore", "SQLite"]),
        .testTarget(name: "BitrixRESTTests", dependencies: ["BitrixREST", "CRMStore", "HTTPServer", "JSON"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["Bitrix24Mock", "BitrixREST", "CRMStore", "SQLite", "JSON"]
        ),
    ]
)
