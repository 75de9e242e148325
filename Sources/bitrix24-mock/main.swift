import Bitrix24Mock

// The bitrix24-mock executable: parse the options, start the mock portal, print the ready line, wait for a signal.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

func writeLine(_ text: String, to descriptor: Int32) {
    Logger.writeLine(text, to: descriptor)
}

var environment: [String: String] = [:]
for (key, value) in EnvironmentVariables.all() {
    environment[key] = value
}

let command: MockOptions.Command
do {
    command = try MockOptions.parse(arguments: Array(CommandLine.arguments.dropFirst()), environment: environment)
} catch {
    writeLine("bitrix24-mock: \(error.message)\n\n\(MockOptions.usage)", to: 2)
    exit(2)
}

let options: MockOptions
switch command {
case .help:
    writeLine(MockOptions.usage, to: 1)
    exit(0)
case .version:
    writeLine("bitrix24-mock \(MockVersion.current)", to: 1)
    exit(0)
case .run(let parsed):
    options = parsed
}

signal(SIGPIPE, SIG_IGN)
// SIGINT and SIGTERM are blocked before any thread starts, so every thread inherits the mask and neither signal can
// interrupt an event loop; the main thread then takes them synchronously with sigwait, which cannot lose one that
// arrives early (it stays pending until taken).
var stopSignals = sigset_t()
sigemptyset(&stopSignals)
sigaddset(&stopSignals, SIGINT)
sigaddset(&stopSignals, SIGTERM)
pthread_sigmask(SIG_BLOCK, &stopSignals, nil)

let server: MockServer
do {
    server = try MockServer(options: options)
    try server.start()
} catch {
    writeLine("bitrix24-mock: \(error)", to: 2)
    exit(1)
}

writeLine(server.readyLine, to: 1)

var received: Int32 = 0
while sigwait(&stopSignals, &received) != 0 {}
server.logger.log(.info, "shutting down", ["signal": .text(received == SIGINT ? "SIGINT" : "SIGTERM")])
server.shutdown()
exit(0)
