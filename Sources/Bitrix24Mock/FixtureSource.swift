import CRMStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where fixtures come from: the set embedded in the binary, or a file or directory the user names.
public enum FixtureSource: Sendable, Equatable {
    /// `Fixtures/default.json`, compiled in, so the server starts from any directory with no files.
    case embeddedDefault
    /// A `.json` file, or a directory whose `*.json` files are read in name order.
    case path(String)

    /// The raw documents, each with the name used in error messages.
    public func documents() throws(FixtureError) -> [(source: String, bytes: [UInt8])] {
        switch self {
        case .embeddedDefault:
            return [("embedded default fixtures", PackageResources.default_json)]
        case .path(let path):
            var info = stat()
            guard stat(path, &info) == 0 else {
                throw FixtureError(source: path, path: "$", message: "cannot read: \(Self.errnoText())")
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                let files = try Self.jsonFiles(in: path)
                guard !files.isEmpty else {
                    throw FixtureError(source: path, path: "$", message: "the directory holds no .json files")
                }
                var documents: [(source: String, bytes: [UInt8])] = []
                for file in files {
                    documents.append((file, try Self.readFile(file)))
                }
                return documents
            }
            return [(path, try Self.readFile(path))]
        }
    }

    private static func jsonFiles(in directory: String) throws(FixtureError) -> [String] {
        guard let handle = opendir(directory) else {
            throw FixtureError(source: directory, path: "$", message: "cannot list: \(errnoText())")
        }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name.hasSuffix(".json"), !name.hasPrefix(".") {
                names.append(name)
            }
        }
        let separator = directory.hasSuffix("/") ? "" : "/"
        return names.sorted().map { directory + separator + $0 }
    }

    private static func readFile(_ path: String) throws(FixtureError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw FixtureError(source: path, path: "$", message: "cannot open: \(errnoText())")
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FixtureError(source: path, path: "$", message: "cannot read: \(errnoText())")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}
