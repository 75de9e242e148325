#!/usr/bin/env python3
"""bitrix24-mock benchmarks: measures the mock beside a reference nginx in one run and prints a table.

Run from the repository root:  python3 Benchmarks/run.py [--duration 10] [--quick]
Writes the table as Markdown to Benchmarks/results/latest.md as well.

Every throughput figure is given as a ratio to nginx measured in the same run, alternating the two, because the
machines this runs on are shared and noisy. Needs wrk and nginx-light (Debian packages; installed if missing).
"""
import argparse, os, re, resource, shutil, signal, socket, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WRK_DIR = os.path.join(ROOT, "Benchmarks", "wrk")
SEED_BODY = ('{"result":true,"time":{"start":1705764932.779826,"finish":1705764932.856232,'
             '"duration":0.07640600204467773,"processing":0.0385129451751709,'
             '"date_start":"2024-01-20T18:35:32+03:00","date_finish":"2024-01-20T18:35:32+03:00",'
             '"operating_reset_at":1705765532,"operating":0}}')


def log(message):
    print(message, file=sys.stderr, flush=True)


def ensure_tools():
    missing = [p for p, binary in (("wrk", "wrk"), ("nginx-light", "nginx")) if shutil.which(binary) is None]
    if missing:
        log(f"installing {' '.join(missing)}")
        prefix = [] if os.geteuid() == 0 else ["sudo"]
        subprocess.run(prefix + ["apt-get", "update", "-q"], check=True)
        subprocess.run(prefix + ["apt-get", "install", "-y", "-q"] + missing, check=True,
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))


def build():
    log("building release")
    subprocess.run(["swift", "build", "-c", "release", "--product", "bitrix24-mock"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout.strip()
    return os.path.join(path, "bitrix24-mock")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def raise_fd_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(hard, 65536), max(hard, 65536)))
    except (ValueError, PermissionError):
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


class Nginx:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="bench-nginx-")
        self.port = free_port()
        conf = os.path.join(self.dir, "nginx.conf")
        with open(conf, "w") as f:
            f.write(f"""worker_processes 2;
pid {self.dir}/nginx.pid;
error_log {self.dir}/error.log;
events {{ worker_connections 20000; }}
http {{
    access_log off;
    client_body_temp_path {self.dir}/body;
    server {{
        listen 127.0.0.1:{self.port} reuseport;
        keepalive_requests 100000000;
        location / {{ default_type "application/json; charset=utf-8"; return 200 '{SEED_BODY}'; }}
    }}
}}
""")
        self.process = subprocess.Popen(["nginx", "-c", conf, "-p", self.dir, "-g", "daemon off;"],
                                        preexec_fn=raise_fd_limit)
        wait_for_port(self.port)

    def stop(self):
        self.process.terminate()
        self.process.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


class Mock:
    def __init__(self, binary, *args):
        self.port = free_port()
        started = time.perf_counter()
        self.process = subprocess.Popen([binary, "--port", str(self.port), "--log-level", "error", *args],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                        preexec_fn=raise_fd_limit)
        line = self.process.stdout.readline()
        if "listening on" not in line:
            raise RuntimeError("mock did not start: " + line + self.process.stderr.read())
        self.ready_seconds = time.perf_counter() - started

    def rss_kib(self):
        with open(f"/proc/{self.process.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=10)


def wait_for_port(port, timeout=10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.01)
    raise RuntimeError(f"nothing listens on {port}")


def wrk(port, path, duration, script=None, env=None, threads=2, connections=64):
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    if script:
        command += ["-s", os.path.join(WRK_DIR, script)]
    command.append(f"http://127.0.0.1:{port}{path}")
    output = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ, **(env or {})),
                            preexec_fn=raise_fd_limit).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    def latency(percent):
        match = re.search(rf"\s{percent}%\s+([\d.]+)(us|ms|s)\b", output)
        value, unit = float(match.group(1)), match.group(2)
        return value * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return {"rate": rate, "p50": latency(50), "p99": latency(99), "non2xx": int(errors.group(1)) if errors else 0,
            "total": int(re.search(r"(\d+) requests in", output).group(1))}


def median_run(runs):
    """The run with the median rate, with the median of each latency percentile across runs."""
    by_rate = sorted(runs, key=lambda run: run["rate"])
    middle = dict(by_rate[len(by_rate) // 2])
    for key in ("p50", "p99"):
        middle[key] = statistics.median(run[key] for run in runs)
    return middle


def first_answer_ms(binary, *args):
    """Exec to the first answered request, polling the health endpoint."""
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen([binary, "--port", str(port), "--log-level", "error", *args],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                    s.sendall(b"GET /_mock/health HTTP/1.1\r\nHost: x\r\n\r\n")
                    if s.recv(64).startswith(b"HTTP/1.1 200"):
                        return (time.perf_counter() - started) * 1000
            except OSError:
                time.sleep(0.0005)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait()


def delete_latencies(port, count):
    """Deletes leads 1...count one after another on one keep-alive connection; the round trip of each, in µs."""
    samples = []
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for lead in range(1, count + 1):
            body = b'{"id":%d}' % lead
            request = (b"POST /rest/crm.lead.delete HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                       b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
            started = time.perf_counter()
            s.sendall(request)
            response = b""
            while b"\r\n\r\n" not in response:
                response += s.recv(65536)
            head, _, rest = response.partition(b"\r\n\r\n")
            length = int(re.search(rb"Content-Length: (\d+)", head, re.I).group(1))
            while len(rest) < length:
                rest += s.recv(65536)
            samples.append((time.perf_counter() - started) * 1e6)
            if not head.startswith(b"HTTP/1.1 200"):
                raise RuntimeError(f"delete of lead {lead} failed: {head[:40]!r}")
    return samples


def open_idle_connections(port, count):
    sockets = []
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"GET /_mock/health HTTP/1.1\r\nHost: x\r\n\r\n")
        sockets.append(s)
    for s in sockets:
        s.recv(4096)
    return sockets


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (default 10)")
    parser.add_argument("--leads", type=int, default=1_000_000, help="generated leads for the delete run")
    parser.add_argument("--rounds", type=int, default=3,
                        help="alternating nginx/mock runs per workload; the table shows their medians (default 3)")
    parser.add_argument("--quick", action="store_true", help="3 s runs, 200k leads, 1 round: a smoke test of the harness")
    options = parser.parse_args()
    if options.quick:
        options.duration, options.leads, options.rounds = 3, 200_000, 1
    raise_fd_limit()
    ensure_tools()
    binary = build()
    rows = []  # (workload, mock, nginx)
    notes = []

    nginx = Nginx()
    try:
        def pair(name, mock_port, path, script=None, env=None, nginx_path=None, fresh_mock=None):
            """Alternates nginx and the mock `options.rounds` times; `fresh_mock` starts a new mock for each round
            (deletes use up their leads) and returns (mock, port)."""
            references, measures = [], []
            for _ in range(options.rounds):
                references.append(wrk(nginx.port, nginx_path or path, options.duration, script, env))
                if fresh_mock:
                    fresh = fresh_mock()
                    try:
                        measures.append(wrk(fresh.port, path, options.duration, script, env))
                    finally:
                        fresh.stop()
                else:
                    measures.append(wrk(mock_port, path, options.duration, script, env))
            measured, reference = median_run(measures), median_run(references)
            rows.append((name, measured, reference))
            log(f"{name}: {measured['rate']:.0f} req/s vs nginx {reference['rate']:.0f}")
            return measured

        mock = Mock(binary)
        try:
            idle_rss = mock.rss_kib()
            pair("crm.lead.get, hot lead (webhook GET .json?id=)", mock.port,
                 "/rest/1/mocktokenadmin01/crm.lead.get.json?id=123")
            pair("crm.lead.get, hot lead (webhook POST JSON)", mock.port, "/rest/1/mocktokenadmin01/crm.lead.get",
                 "post-json.lua", {"BENCH_PATH": "/rest/1/mocktokenadmin01/crm.lead.get", "BENCH_BODY": '{"id":123}'})
            pair("crm.lead.list with a filter", mock.port,
                 "/rest/crm.lead.list.json?filter%5B%3E%3DOPPORTUNITY%5D=1000&filter%5B%21STATUS_ID%5D=JUNK"
                 "&select%5B%5D=ID&select%5B%5D=TITLE")
            pair("permission error (user 2 deletes lead 123)", mock.port,
                 "/rest/2/mocktokenreader2/crm.lead.delete.json?id=123")
            before = wrk(mock.port, "/rest/crm.lead.get.json?id=123", options.duration)
            idle = open_idle_connections(mock.port, 10_000)
            with_idle = wrk(mock.port, "/rest/crm.lead.get.json?id=123", options.duration)
            rss_10k = mock.rss_kib()
            for s in idle:
                s.close()
            notes.append(f"10,000 idle keep-alive connections beside the load: {with_idle['rate']:.0f} req/s vs "
                         f"{before['rate']:.0f} without = **{with_idle['rate'] / before['rate']:.2f}x** "
                         f"(RSS with them open: {rss_10k / 1024:.1f} MiB)")
        finally:
            mock.stop()

        generations = []

        def generated_mock():
            mock = Mock(binary, "--generate-leads", str(options.leads))
            generations.append((mock.ready_seconds, mock.rss_kib()))
            return mock

        pair(f"crm.lead.delete of distinct leads, full cascade ({options.leads:,} leads, POST JSON)",
             None, "/rest/crm.lead.delete", "delete-distinct.lua", {"BENCH_PATH": "/rest/crm.lead.delete"},
             fresh_mock=generated_mock)
        ready = sorted(seconds for seconds, _ in generations)
        notes.append(f"`--generate-leads {options.leads}` (in memory): ready after median "
                     f"{statistics.median(ready):.2f} s (min {ready[0]:.2f}, {len(ready)} runs); "
                     f"RSS {generations[-1][1] / 1024:.0f} MiB")
    finally:
        nginx.stop()

    # Start-up and memory.
    starts = sorted(first_answer_ms(binary) for _ in range(15))
    notes.append(f"start to first answer, default fixtures: median **{statistics.median(starts):.1f} ms** "
                 f"(min {starts[0]:.1f}, max {starts[-1]:.1f}, 15 runs)")
    notes.append(f"RSS idle, default fixtures: **{idle_rss / 1024:.1f} MiB**")
    database = tempfile.mktemp(prefix="bench-", suffix=".sqlite")
    try:
        filled = Mock(binary, "--db", database, "--generate-leads", str(options.leads))
        filled.stop()
        starts = sorted(first_answer_ms(binary, "--db", database) for _ in range(5))
        notes.append(f"start to first answer with {options.leads:,} leads in a file database: median "
                     f"{statistics.median(starts):.1f} ms")
        reopened = Mock(binary, "--db", database)
        wrk(reopened.port, "/rest/crm.lead.get.json?id=1", 2)
        notes.append(f"RSS with {options.leads:,} leads in a file database after serving: "
                     f"{reopened.rss_kib() / 1024:.1f} MiB")
        reopened.stop()
    finally:
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(database + suffix):
                os.remove(database + suffix)

    # Delete latency as the store grows: one connection, one request at a time, each request deleting a lead that
    # exists (wrk cannot stop after N requests, and once a small store is empty it would time "Not found" answers).
    scale = []
    for count in (1_000, 100_000, options.leads):
        mock = Mock(binary, "--generate-leads", str(count))
        try:
            scale.append((count, delete_latencies(mock.port, min(count, 800))))
        finally:
            mock.stop()
    base = statistics.median(scale[0][1])
    notes.append("delete latency, one connection, median of " + str(len(scale[0][1])) + " deletes: " + ", ".join(
        f"{count:,} leads {statistics.median(samples):.0f} µs" for count, samples in scale)
        + f"; at {scale[-1][0]:,} vs 1,000: **{statistics.median(scale[-1][1]) / base:.2f}x**")

    table = ["| Workload | bitrix24-mock req/s | nginx req/s | ratio | p50 ms (mock / nginx) | p99 ms (mock / nginx) |",
             "|---|---:|---:|---:|---:|---:|"]
    for name, mock_result, reference in rows:
        failed = f" ({mock_result['non2xx']} non-2xx)" if mock_result["non2xx"] else ""
        table.append(f"| {name}{failed} | {mock_result['rate']:.0f} | {reference['rate']:.0f} | "
                     f"{mock_result['rate'] / reference['rate']:.2f}x | "
                     f"{mock_result['p50']:.2f} / {reference['p50']:.2f} | {mock_result['p99']:.2f} / {reference['p99']:.2f} |")
    header = (f"bitrix24-mock benchmarks, {time.strftime('%Y-%m-%d %H:%M')}; wrk -t2 -c64 -d{options.duration}s "
              f"keep-alive against nginx (2 workers, the seed's success body) in the same run, alternating, "
              f"median of {options.rounds} round(s) each; {os.cpu_count()} CPUs shared with wrk.")
    markdown = "\n".join([header, ""] + table + [""] + [f"- {note}" for note in notes]) + "\n"
    print(markdown)
    results = os.path.join(ROOT, "Benchmarks", "results")
    os.makedirs(results, exist_ok=True)
    with open(os.path.join(results, "latest.md"), "w") as f:
        f.write(markdown)


if __name__ == "__main__":
    main()
