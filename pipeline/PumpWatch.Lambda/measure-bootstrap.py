#!/usr/bin/env python3
"""Measures a bootstrap against a local Lambda Runtime API (127.0.0.1, a free port): time from process start to its
first GET /runtime/invocation/next (ready: init done, the model loaded), CPU time up to then, and CPU time per ordinary
(not final) invocation of a Kinesis tumbling-window event of RECORDS records (the developer guide's event shape, seeded
readings of 200 pumps at 1 Hz). The same local server answers the function's Timestream WriteRecords calls
(AWS_ENDPOINT_URL_TIMESTREAM_WRITE points at it), so an invocation runs the whole path: base64 decode, validation,
window state, the store's writes, the returned state. Linux only (/proc); Python 3 standard library only. Not a test:
it prints numbers. MODEL is a model file trained with the default one-minute windows (`pumpwatch train`).

    pumpwatch demo --duration 10m --summary-json /dev/null   # or any `pumpwatch train ... --out model.json`
    MODEL=model.json python3 pipeline/PumpWatch.Lambda/measure-bootstrap.py pipeline/PumpWatch.Lambda/bin/deploy/linux-x64/publish/bootstrap
    MODEL=model.json RECORDS=1000 INVOCATIONS=50 STARTS=10 python3 pipeline/PumpWatch.Lambda/measure-bootstrap.py BOOTSTRAP
"""
import base64, json, os, queue, random, statistics, subprocess, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

RECORDS = int(os.environ.get("RECORDS", "10000"))
INVOCATIONS = int(os.environ.get("INVOCATIONS", "20"))
STARTS = int(os.environ.get("STARTS", "5"))
TICK = os.sysconf("SC_CLK_TCK")
MODEL = os.path.abspath(os.environ.get("MODEL", "model.json"))


def event(records, seed=42):
    rng = random.Random(seed)
    out = []
    for i in range(records):
        pump = f"P-{i % 200 + 1:03d}"
        t = 1777593600 + i // 200  # 2026-05-01T00:00:00Z
        reading = {"pump_id": pump, "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t)),
                   "temperature": round(60 + rng.random() * 10, 3), "pressure": round(300 + rng.random() * 20, 2),
                   "flow_rate": round(600 + rng.random() * 50, 2), "vibration": round(1 + rng.random(), 3)}
        seq = f"4959033827149025660855969253836157109592157598{i:010d}"
        out.append({"kinesis": {"kinesisSchemaVersion": "1.0", "partitionKey": pump, "sequenceNumber": seq,
                                "data": base64.b64encode(json.dumps(reading).encode()).decode(),
                                "approximateArrivalTimestamp": t + 0.5},
                    "eventSource": "aws:kinesis", "eventVersion": "1.0", "eventID": f"shardId-000000000006:{seq}",
                    "eventName": "aws:kinesis:record", "invokeIdentityArn": "arn:aws:iam::123456789012:role/pumpwatch-lambda",
                    "awsRegion": "us-east-1", "eventSourceARN": "arn:aws:kinesis:us-east-1:123456789012:stream/pumps"})
    # A window already under way (the function's own marker, no pump state yet), so no shard state is loaded.
    state = {"": "open"}
    return json.dumps({"Records": out, "window": {"start": "2026-05-01T00:00:00Z", "end": "2026-05-01T00:01:00Z"},
                       "state": state, "shardId": "shardId-000000000006",
                       "eventSourceARN": "arn:aws:kinesis:us-east-1:123456789012:stream/pumps",
                       "isFinalInvokeForWindow": False, "isWindowTerminatedEarly": False}).encode()


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime


def run(bootstrap, payload, invocations):
    polls = queue.Queue()  # (monotonic time, cpu seconds) at each GET next
    pending = queue.Queue()
    answers = queue.Queue()
    child = {}

    class Api(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):
            polls.put((time.monotonic(), cpu_seconds(child["p"].pid)))
            request_id, body = pending.get()
            self.send_response(200)
            for name, value in (("Lambda-Runtime-Aws-Request-Id", request_id),
                                ("Lambda-Runtime-Deadline-Ms", str(int((time.time() + 900) * 1000))),
                                ("Content-Length", str(len(body)))):
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if self.headers.get("X-Amz-Target") == "Timestream_20181101.WriteRecords":
                count = len(json.loads(body).get("Records", []))
                reply = json.dumps({"RecordsIngested": {"Total": count, "MemoryStore": count, "MagneticStore": 0}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/x-amz-json-1.0")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)
                return
            if self.path.endswith("/init/error"):
                sys.stderr.write(f"measure-bootstrap.py: the bootstrap's init failed: {body.decode(errors='replace')}\n")
                os._exit(1)
            answers.put((self.path, body))
            self.send_response(202)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Api)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PUMPWATCH_")}
    env["AWS_LAMBDA_RUNTIME_API"] = f"127.0.0.1:{server.server_address[1]}"
    env.update({"PUMPWATCH_MODEL": MODEL, "PUMPWATCH_TUMBLING_WINDOW_SECONDS": "60", "PUMPWATCH_TIMESTREAM_DATABASE": "pumpwatch",
                "PUMPWATCH_ALERT_TOPIC_ARN": "arn:aws:sns:us-east-1:123456789012:pumpwatch-alerts",
                "PUMPWATCH_ALERT_STATE_TABLE": "pumpwatch-alert-state", "PUMPWATCH_SHARD_STATE_TABLE": "pumpwatch-shard-state",
                "AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "dummy", "AWS_SECRET_ACCESS_KEY": "dummy",
                "AWS_EC2_METADATA_DISABLED": "true",
                "AWS_ENDPOINT_URL_TIMESTREAM_WRITE": f"http://127.0.0.1:{server.server_address[1]}"})
    started = time.monotonic()
    child["p"] = subprocess.Popen([bootstrap], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for n in range(invocations):
            pending.put((f"req-{n}", payload))
        ready_at, ready_cpu = polls.get(timeout=120)
        per_invocation, body = [], b""
        last_cpu = ready_cpu
        for n in range(invocations):
            path, body = answers.get(timeout=120)
            if not path.endswith(f"req-{n}/response"):
                raise SystemExit(f"invocation {n}: {path} {body[:300]!r}")
            _, cpu = polls.get(timeout=120)
            per_invocation.append(cpu - last_cpu)
            last_cpu = cpu
        if invocations == 0:
            # Blocked in GET next since it became ready: its whole CPU time so far is its start's. wait4's rusage sums
            # every thread's exact run time (the kernel scales its tick-sampled user/system split to it), unlike the
            # 10 ms ticks of /proc/PID/stat.
            child["p"].kill()
            _, _, usage = os.wait4(child["p"].pid, 0)
            child["p"].returncode = -9
            ready_cpu = usage.ru_utime + usage.ru_stime
        return ready_at - started, ready_cpu, per_invocation, body
    finally:
        if child["p"].returncode is None:
            child["p"].kill()
            child["p"].wait()
        server.shutdown()


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    bootstrap = os.path.abspath(sys.argv[1])
    if not os.path.isfile(MODEL):
        raise SystemExit(f"measure-bootstrap.py: MODEL={MODEL} is not a file; train one with `pumpwatch train` (one-minute windows)")
    payload = event(RECORDS)
    readies, start_cpus = [], []
    for _ in range(STARTS):
        ready, cpu, _, _ = run(bootstrap, b"{}", 0)
        readies.append(ready * 1000)
        start_cpus.append(cpu * 1000)
    _, _, per_invocation, last = run(bootstrap, payload, INVOCATIONS)
    print(f"bootstrap: {bootstrap}")
    print(f"ready (start -> first GET next), {STARTS} starts: median {statistics.median(readies):.0f} ms, "
          f"min {min(readies):.0f} ms; CPU until then: median {statistics.median(start_cpus):.1f} ms, min {min(start_cpus):.1f} ms")
    rest = per_invocation[1:] or per_invocation
    print(f"{RECORDS}-record event ({len(payload) / 1e6:.2f} MB): first invocation {per_invocation[0] * 1000:.0f} ms CPU, "
          f"then median {statistics.median(rest) * 1000:.0f} ms, mean {statistics.mean(rest) * 1000:.1f} ms over {len(rest)} "
          f"(10 ms ticks); response {len(last)} bytes")


if __name__ == "__main__":
    main()
