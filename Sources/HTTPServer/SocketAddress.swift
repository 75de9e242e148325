import Glibc

/// Conversions between textual IP addresses and the `sockaddr` structures the socket calls take.
enum SocketAddress {
    /// A parsed bind address.
    enum Resolved {
        case v4(sockaddr_in)
        case v6(sockaddr_in6)
    }

    /// Parses an IPv4 or IPv6 literal (brackets allowed) or `localhost`; `nil` for anything else, since the
    /// server never does DNS.
    static func resolve(host: String, port: UInt16) -> Resolved? {
        var literal = host
        if literal == "localhost" { literal = "127.0.0.1" }
        if literal.hasPrefix("[") && literal.hasSuffix("]") { literal = String(literal.dropFirst().dropLast()) }
        var v4 = sockaddr_in()
        if inet_pton(AF_INET, literal, &v4.sin_addr) == 1 {
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = port.bigEndian
            return .v4(v4)
        }
        var v6 = sockaddr_in6()
        if inet_pton(AF_INET6, literal, &v6.sin6_addr) == 1 {
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = port.bigEndian
            return .v6(v6)
        }
        return nil
    }

    /// `ip:port` for IPv4, `[ip]:port` for IPv6, `unknown` for other families.
    static func describe(_ storage: sockaddr_storage) -> String {
        var storage = storage
        return withUnsafePointer(to: &storage) { pointer in
            switch Int32(pointer.pointee.ss_family) {
            case AF_INET:
                return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                    var ip = address.pointee.sin_addr
                    return "\(text(family: AF_INET, &ip)):\(UInt16(bigEndian: address.pointee.sin_port))"
                }
            case AF_INET6:
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    var ip = address.pointee.sin6_addr
                    return "[\(text(family: AF_INET6, &ip))]:\(UInt16(bigEndian: address.pointee.sin6_port))"
                }
            default:
                return "unknown"
            }
        }
    }

    /// The port of an IPv4 or IPv6 address, or `nil` for other families.
    static func port(of storage: sockaddr_storage) -> Int? {
        var storage = storage
        return withUnsafePointer(to: &storage) { pointer in
            switch Int32(pointer.pointee.ss_family) {
            case AF_INET:
                pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                    Int(UInt16(bigEndian: $0.pointee.sin_port))
                }
            case AF_INET6:
                pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    Int(UInt16(bigEndian: $0.pointee.sin6_port))
                }
            default:
                nil
            }
        }
    }

    private static func text<Address>(family: Int32, _ address: inout Address) -> String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let count = buffer.count
        let result = withUnsafePointer(to: &address) { pointer in
            buffer.withUnsafeMutableBufferPointer { characters in
                inet_ntop(family, UnsafeRawPointer(pointer), characters.baseAddress, socklen_t(count))
            }
        }
        guard result != nil else { return "?" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
