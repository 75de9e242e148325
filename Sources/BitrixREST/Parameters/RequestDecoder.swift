import HTTPServer
import JSON

/// Turns an HTTP request into the parameters a portal method would see (`CRestUtil::getRequestData`).
///
/// The query string comes first. For a POST, a form-urlencoded or multipart body fills PHP's `$_POST`; if that is
/// empty, the raw body is read by its Content-Type: JSON for `application/json` (invalid JSON silently becomes no
/// parameters, as on the portal), form syntax for anything else. Body keys then replace query keys at the top level.
public enum RequestDecoder {
    public static func parameters(of request: HTTPRequest) -> RESTParameters {
        var values = PHPFormDecoder.decode(request.queryItems)
        guard request.method == .post, !request.body.isEmpty else { return RESTParameters(values) }
        let contentType = request.headers["content-type"] ?? ""
        let mediaType = contentType[..<(contentType.firstIndex(of: ";") ?? contentType.endIndex)].trimmingSpaces
            .lowercased()
        var posted = JSONObject()
        switch mediaType {
        case "application/x-www-form-urlencoded":
            posted = PHPFormDecoder.decode(URLEncodedForm.parse(request.body))
        case "multipart/form-data":
            if let boundary = MultipartFormDecoder.boundary(fromContentType: contentType) {
                posted = PHPFormDecoder.decode(MultipartFormDecoder.fields(of: request.body, boundary: boundary))
            }
        default:
            break
        }
        if posted.isEmpty {
            if mediaType == "application/json" {
                posted = jsonObject(from: request.body)
            } else if mediaType != "multipart/form-data" {
                posted = PHPFormDecoder.decode(URLEncodedForm.parse(request.body))
            }
        }
        for (key, value) in posted {
            values[key] = value
        }
        return RESTParameters(values)
    }

    /// `Json::decode` into a PHP array: an object as is, a list keyed by position, anything else (or invalid JSON)
    /// as nothing.
    private static func jsonObject(from body: [UInt8]) -> JSONObject {
        guard let value = try? JSONParser.parse(body) else { return JSONObject() }
        switch value {
        case .object(let object):
            return object
        case .array(let array):
            var object = JSONObject()
            for (index, element) in array.enumerated() {
                object[String(index)] = element
            }
            return object
        default:
            return JSONObject()
        }
    }
}
