import BitrixREST
import HTTPServer
import JSON
import Testing

@Suite struct RequestDecoderTests {
    private func request(
        _ method: HTTPMethod, query: String = "", contentType: String? = nil, body: String = ""
    ) -> HTTPRequest {
        var headers: HTTPHeaders = []
        if let contentType { headers.add(name: "Content-Type", value: contentType) }
        return HTTPRequest(
            method: method, target: "/rest/x" + (query.isEmpty ? "" : "?" + query), headers: headers,
            body: Array(body.utf8), remoteAddress: "127.0.0.1:1")
    }

    @Test func readsTheQueryString() {
        let parameters = RequestDecoder.parameters(of: request(.get, query: "id=123&fields%5BTITLE%5D=a+b"))
        #expect(parameters.values == ["id": "123", "fields": ["TITLE": "a b"]])
    }

    @Test func readsAJSONBodyWhenTheContentTypeSaysSo() {
        let parameters = RequestDecoder.parameters(
            of: request(.post, contentType: "application/json; charset=utf-8", body: #"{"id":123,"fields":{"A":[1]}}"#))
        #expect(parameters.values == ["id": 123, "fields": ["A": [1]]])
    }

    @Test func invalidJSONSilentlyBecomesNoParameters() {
        let parameters = RequestDecoder.parameters(of: request(.post, contentType: "application/json", body: "{id:1"))
        #expect(parameters.values.isEmpty)
    }

    @Test func readsAFormBody() {
        let parameters = RequestDecoder.parameters(
            of: request(.post, contentType: "application/x-www-form-urlencoded", body: "id=5&a[]=1&a[]=2"))
        #expect(parameters.values == ["id": "5", "a": ["1", "2"]])
    }

    @Test func readsAnUntypedBodyAsAForm() {
        let parameters = RequestDecoder.parameters(of: request(.post, body: "id=9"))
        #expect(parameters.values == ["id": "9"])
    }

    @Test func readsMultipartTextFieldsAndSkipsFiles() {
        let body = [
            "--XyZ", "Content-Disposition: form-data; name=\"id\"", "", "77",
            "--XyZ", "Content-Disposition: form-data; name=\"fields[TITLE]\"", "", "multi\r\nline",
            "--XyZ", "Content-Disposition: form-data; name=\"file\"; filename=\"a.txt\"", "Content-Type: text/plain",
            "",
            "content", "--XyZ--", "",
        ].joined(separator: "\r\n")
        let parameters = RequestDecoder.parameters(
            of: request(.post, contentType: "multipart/form-data; boundary=XyZ", body: body))
        #expect(parameters.values == ["id": "77", "fields": ["TITLE": "multi\r\nline"]])
    }

    @Test func bodyKeysReplaceQueryKeysAtTheTopLevel() {
        let parameters = RequestDecoder.parameters(
            of: request(
                .post, query: "id=1&keep=q&fields[A]=1", contentType: "application/json",
                body: #"{"id":2,"fields":{"B":2}}"#))
        #expect(parameters.values == ["id": 2, "keep": "q", "fields": ["B": 2]])
    }

    @Test func aGETBodyIsIgnored() {
        let parameters = RequestDecoder.parameters(
            of: request(.get, query: "id=1", contentType: "application/json", body: #"{"id":2}"#))
        #expect(parameters.values == ["id": "1"])
    }
}
