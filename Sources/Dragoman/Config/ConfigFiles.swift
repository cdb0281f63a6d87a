#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Files a config names (rules, rates), found relative to the config file.
enum ConfigFiles {
    static func resolve(_ path: String, relativeTo config: String?) -> String {
        guard !path.hasPrefix("/"), let config, let slash = config.lastIndex(of: "/") else { return path }
        return String(config[...slash]) + path
    }

    static func read(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
