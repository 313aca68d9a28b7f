#!/usr/bin/env python3
"""Case page benchmark: render time and weight of a case with 200 timeline entries.

Starts the server on a fresh demo data directory, fills one case with 200 records through the
API, then times GET of the case page, its timeline and /healthz (the baseline of the same run)
from this process. Prints p50/p99 in milliseconds, the ratio to the baseline, and page bytes.

usage: bench/case_page.py [PENDAMPING_BIN] [ROUNDS]
"""
import json, os, shutil, socket, subprocess, sys, tempfile, time, urllib.request

BIN = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "build", "pendamping")
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 200


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def call(base, token, method, path, body=None, cookie=None):
    headers = {"Connection": "close"}
    if token:
        headers["Authorization"] = "Bearer " + token
    if cookie:
        headers["Cookie"] = cookie
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    with urllib.request.urlopen(req) as r:
        return r.status, r.read(), r.headers


def timed(base, path, cookie, rounds):
    times, size = [], 0
    for _ in range(rounds):
        t = time.perf_counter()
        _, body, _ = call(base, None, "GET", path, cookie=cookie)
        times.append((time.perf_counter() - t) * 1000)
        size = len(body)
    times.sort()
    return times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.99))], size


def main():
    data = tempfile.mkdtemp(prefix="pd-bench-")
    shutil.rmtree(data)
    subprocess.run([BIN, "demo", "--data", data], check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    base = "http://127.0.0.1:%d" % port
    server = subprocess.Popen([BIN, "serve", "--data", data, "--listen", "127.0.0.1:%d" % port],
                              stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                call(base, None, "GET", "/healthz")
                break
            except OSError:
                time.sleep(0.05)
        token = subprocess.run([BIN, "token", "create", "--data", data, "--user", "worker"],
                               check=True, capture_output=True, text=True).stdout.strip()
        _, body, _ = call(base, token, "GET", "/api/v1/cases?stage=intervention&limit=1")
        case = json.loads(body)["items"][0]["uid"]
        _, body, _ = call(base, token, "GET", "/api/v1/cases/%s/timeline" % case)
        have = len(json.loads(body)["items"])
        for i in range(200 - have):
            if i % 2:
                call(base, token, "POST", "/api/v1/cases/%s/sessions" % case,
                     {"date": "2026-10-%02d" % (1 + i % 28), "place": "home_visit", "type": "counselling",
                      "minutes": 45, "note": "Kunjungan rumah ke-%d: membahas kemajuan usaha dan kebutuhan anak." % i})
            else:
                call(base, token, "POST", "/api/v1/cases/%s/notes" % case,
                     {"level": "normal", "body": "Catatan ke-%d tentang perkembangan klien." % i})
        _, body, _ = call(base, token, "GET", "/api/v1/cases/%s/timeline" % case)
        entries = len(json.loads(body)["items"])
        _, _, headers = call(base, None, "POST", "/api/v1/session", {"name": "worker", "password": "pendamping-demo"})
        cookie = headers["Set-Cookie"].split(";")[0]
        base_p50, base_p99, _ = timed(base, "/healthz", cookie, ROUNDS)
        page_p50, page_p99, page_size = timed(base, "/cases/" + case, cookie, ROUNDS)
        tl_p50, tl_p99, tl_size = timed(base, "/cases/%s/timeline" % case, cookie, ROUNDS)
        print("case page benchmark: %d timeline entries, %d rounds each, one client, loopback" % (entries, ROUNDS))
        print("%-22s %9s %9s %12s %10s" % ("request", "p50 ms", "p99 ms", "p50 / base", "bytes"))
        print("%-22s %9.2f %9.2f %12s %10s" % ("/healthz (baseline)", base_p50, base_p99, "1.0", "-"))
        print("%-22s %9.2f %9.2f %12.1f %10d" % ("case page", page_p50, page_p99, page_p50 / base_p50, page_size))
        print("%-22s %9.2f %9.2f %12.1f %10d" % ("case timeline page", tl_p50, tl_p99, tl_p50 / base_p50, tl_size))
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
