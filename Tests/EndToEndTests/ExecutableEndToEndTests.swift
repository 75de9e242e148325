import Foundation
import Testing

/// The `bitrix24-mock` binary as scripts and CI use it: the ready line, flags, exit codes and signals.
@Suite(.serialized) struct ExecutableEndToEndTests {
    /// The built executable next to the test bundle (`.build/<config>/bitrix24-mock`).
    static var executable: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("bitrix24-mock").path),
            directory.path != "/"
        {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("bitrix24-mock")
    }

    final class Running {
        let process = Process()
        let stdout = Pipe()
        let stderr = Pipe()

        init(_ arguments: [String], environment: [String: String] = [:]) throws {
            process.executableURL = ExecutableEndToEndTests.executable
            process.arguments = arguments
            var env = ProcessInfo.processInfo.environment
            for (key, value) in environment { env[key] = value }
            process.environment = env
            process.standardOutput = stdout
            process.standardError = stderr
            try process.run()
        }

        /// The first line on stdout, which the server prints once it accepts connections.
        func readyLine() -> String {
            var bytes: [UInt8] = []
            let handle = stdout.fileHandleForReading
            while true {
                let byte = handle.readData(ofLength: 1)
                if byte.isEmpty || byte.first == UInt8(ascii: "\n") { break }
                bytes.append(contentsOf: byte)
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        func waitForExit(seconds: Double) -> Int32? {
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning && Date() < deadline { usleep(10_000) }
            return process.isRunning ? nil : process.terminationStatus
        }

        /// Everything written to stderr; a process still running is killed first, so a server that ignores a
        /// signal fails the test instead of hanging it.
        var errorOutput: String {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            return String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        }

        deinit { if process.isRunning { process.terminate() } }
    }

    @Test func printsTheReadyLineServesAndExitsZeroOnSIGTERM() throws {
        let running = try Running(["--port", "0"])
        let line = running.readyLine()
        let match = try #require(line.firstMatch(of: /^bitrix24-mock listening on http:\/\/127\.0\.0\.1:(\d+)$/))
        let port = try #require(Int(match.1))
        let response = try RawHTTPClient(port: port).request(
            "GET", "/rest/1/mocktokenadmin01/crm.lead.delete.json?id=123")
        #expect(response.status == 200)
        kill(running.process.processIdentifier, SIGTERM)
        #expect(running.waitForExit(seconds: 3) == 0)
        let log = running.errorOutput
        #expect(log.contains("GET /rest/1/************in01/crm.lead.delete.json?id=123 200"))
        #expect(!log.contains("mocktokenadmin01"))
    }

    @Test func exitsZeroOnSIGINTToo() throws {
        let running = try Running(["--port", "0"])
        _ = running.readyLine()
        kill(running.process.processIdentifier, SIGINT)
        #expect(running.waitForExit(seconds: 3) == 0)
    }

    @Test func aSignalRightAfterTheReadyLineIsNeverLost() throws {
        for _ in 0..<5 {
            let running = try Running(["--port", "0"])
            _ = running.readyLine()
            kill(running.process.processIdentifier, SIGTERM)
            #expect(running.waitForExit(seconds: 3) == 0)
            _ = running.errorOutput
        }
    }

    @Test func readsItsSettingsFromTheEnvironment() throws {
        let running = try Running([], environment: ["BITRIX24_MOCK_PORT": "0", "BITRIX24_MOCK_LOG_FORMAT": "json"])
        let line = running.readyLine()
        #expect(line.hasPrefix("bitrix24-mock listening on http://127.0.0.1:"))
        kill(running.process.processIdentifier, SIGTERM)
        #expect(running.waitForExit(seconds: 3) == 0)
        #expect(running.errorOutput.contains(#""level":"info""#))
    }

    @Test func generatesLeadsInsteadOfTheFixtureLeads() throws {
        let running = try Running(["--port", "0", "--generate-leads", "300", "--event-loops", "1"])
        let line = running.readyLine()
        let port = try #require(Int(line.split(separator: ":").last ?? ""))
        let client = try RawHTTPClient(port: port)
        let list = try client.request("GET", "/rest/crm.lead.list.json?select[]=ID&start=-1")
        #expect(list.json?["result"] as? [Any] != nil)
        let get = try client.request("GET", "/rest/crm.lead.get.json?id=300")
        #expect((get.json?["result"] as? [String: Any])?["TITLE"] as? String == "Generated lead #300")
        let fixtureLead = try client.request("GET", "/rest/crm.lead.get.json?id=301")
        #expect(fixtureLead.status == 400)
        kill(running.process.processIdentifier, SIGTERM)
        #expect(running.waitForExit(seconds: 3) == 0)
    }

    @Test(arguments: [
        ["--bogus"], ["--port"], ["--port", "70000"], ["--log-level", "loud"], ["--auth", "maybe"],
        ["--generate-leads", "many"], ["--event-loops", "0"],
    ])
    func aBadFlagPrintsUsageAndExitsTwo(arguments: [String]) throws {
        let running = try Running(arguments)
        #expect(running.waitForExit(seconds: 5) == 2)
        #expect(running.errorOutput.contains("usage: bitrix24-mock"))
    }

    @Test func invalidFixturesStopStartUpNamingFileAndPath() throws {
        let path = NSTemporaryDirectory() + "bad-fixtures-\(UUID().uuidString).json"
        try #"{"users":[{"ID":1}],"leads":[{"ID":1,"EMAIL":[{"VALUE":5.5}]}]}"#.write(
            toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let running = try Running(["--port", "0", "--fixtures", path])
        #expect(running.waitForExit(seconds: 5) == 1)
        let output = running.errorOutput
        #expect(output.contains(path))
        #expect(output.contains("$.leads[0].EMAIL[0].VALUE"))
    }

    @Test func helpAndVersionExitZero() throws {
        let help = try Running(["--help"])
        #expect(help.waitForExit(seconds: 5) == 0)
        let version = try Running(["--version"])
        #expect(version.waitForExit(seconds: 5) == 0)
        #expect(version.readyLine().hasPrefix("bitrix24-mock "))
    }
}
