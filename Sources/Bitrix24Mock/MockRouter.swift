import BitrixREST
import HTTPServer
import JSON

/// The first stop of every request: `/_mock/...` goes to the mock's own endpoints, everything else to the REST
/// service, which answers exactly as a portal.
struct MockRouter: HTTPRequestHandler {
    let rest: RESTService

    static let controlPrefix = "/_mock/"

    func respond(to request: HTTPRequest) -> HTTPResponse {
        guard request.path.hasPrefix(Self.controlPrefix) else {
            return rest.respond(to: request)
        }
        switch (request.method, request.path) {
        case (.get, "/_mock/health"), (.head, "/_mock/health"):
            return Self.json(["status": "ok", "version": .string(MockVersion.current)])
        default:
            return Self.json(
                [
                    "error": "NOT_FOUND",
                    "error_description": .string("No mock endpoint \(request.method.rawValue) \(request.path)"),
                ], status: .notFound)
        }
    }

    private static func json(_ object: JSONObject, status: HTTPStatus = .ok) -> HTTPResponse {
        var writer = JSONWriter(options: [.escapeSlashes])
        writer.write(.object(object))
        return .json(status, body: writer.bytes)
    }
}
