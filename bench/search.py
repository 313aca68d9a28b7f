#!/usr/bin/env python3
"""Search benchmark of a national-size registry: name search through the API, the client list
page and client pages, server memory and database size, with N generated clients.

Builds a data directory with the Kemendagri region list when found (../shared/domain/wilayah.csv,
`pendamping regions import`) and N clients (bench/gen_clients.py, then `pendamping import clients`),
starts `pendamping serve --threads 2` on 127.0.0.1 with its log in a file, and measures:
  (a) N_SEARCHES sequential API name searches with a realistic mix of queries (one and two name
      words, prefixes such as "siti nur", old spellings such as "soekarno", NIKs): p50/p99 from
      the server's log (its duration of each request) and from this client (keep-alive);
  (b) `wrk -t2 -c32 -d10s` on /healthz and on the same mix of searches (bench/search.lua):
      both request rates and their ratio, measured in the same run against the same server; and,
      for information, the same searches with limit=1 (the cost of a request without its page), the
      same searches with Accept-Encoding: gzip (answers compressed, as browsers ask for them)
      and /healthz sent by the same script (wrk's own work per request then alike: the target's
      ratio is against plain /healthz);
  (c) the client list page (/clients: without a query, by last update, with a search, and with
      filters as workers set them: a region at any level, a PPKS category, a flag, the archive,
      alone or with a search and either order) and client pages (/clients/UID), sequentially:
      p50/p99 from the server's log;
  (d) the server's VmRSS, sampled during (a)-(c), and VmHWM (the peak) after them;
  (e) the database's bytes per client.
Then prints a table of the targets with PASS or FAIL. All traffic goes to 127.0.0.1; every loop is
bounded in count or time.

usage: bench/search.py [PENDAMPING_BIN] [N]     (N default $BENCH_N, else 1000000)
environment:
  BENCH_N             clients (default 1000000)
  BENCH_DATA          a data directory to build once and reuse on later runs with the same N (kept);
                      without it a temporary one is built and removed
  BENCH_SEARCHES      sequential API searches in (a) (default 2000)
  BENCH_PAGES         sequential requests of each page kind in (c) (default 500)
  BENCH_WRK_SECONDS   duration of each wrk run (default 10)
  BENCH_STRICT=1      exit 1 when a target is missed (default: report only)
"""
import http.client, importlib.util, json, os, random, re, shutil, socket, sqlite3, subprocess, sys, tempfile
import threading, time, urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "build", "pendamping"))
N = int(sys.argv[2]) if len(sys.argv) > 2 else int(os.environ.get("BENCH_N", "1000000"))
SEARCHES = int(os.environ.get("BENCH_SEARCHES", "2000"))
PAGES = int(os.environ.get("BENCH_PAGES", "500"))
WRK_SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "10"))
WORKER, PASSWORD = "bench-worker", "bench-worker-password"
LOG_LINE = re.compile(r" INFO (\S+) (\S+) (\d{3}) (\d+\.\d+)ms$")


def load_generator():
    spec = importlib.util.spec_from_file_location("gen_clients", os.path.join(HERE, "gen_clients.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def pct(values, p):
    if not values:
        return float("nan")
    v = sorted(values)
    return v[min(len(v) - 1, int(len(v) * p / 100.0))]


# ---- the data directory ----

def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


REGION_LIST = os.path.join(HERE, "..", "..", "shared", "domain", "wilayah.csv")


def region_count(data):
    db = sqlite3.connect("file:%s?mode=ro" % os.path.join(data, "pendamping.db"), uri=True)
    try:
        return db.execute("SELECT count(*) FROM region").fetchone()[0]
    finally:
        db.close()


def region_list_bytes(data):
    """The bytes of the region list and its indexes (a fixed cost, 11 MB for the whole list), from
    SQLite's dbstat table; None where the library has none."""
    db = sqlite3.connect("file:%s?mode=ro" % os.path.join(data, "pendamping.db"), uri=True)
    try:
        return db.execute("SELECT sum(pgsize) FROM dbstat WHERE name IN ('region', 'sqlite_autoindex_region_1',"
                          " 'region_by_level', 'region_by_key', 'region_version')").fetchone()[0] or 0
    except sqlite3.Error:
        return None
    finally:
        db.close()


def load_regions(data):
    """Loads the Kemendagri region list when it is found, as an office does before its clients:
    each row of a list then names its village, which the answers must read."""
    if not os.path.exists(REGION_LIST):
        print("region list: %d regions (the Kemendagri list was not found: rows name provinces only)" %
              region_count(data))
        return
    if region_count(data) < 1000:
        run([BIN, "regions", "import", "--data", data, REGION_LIST], stdout=subprocess.DEVNULL)
    print("region list: %d regions" % region_count(data))


def prepare(data):
    """Builds data with the region list, N clients and the bench worker, unless data already holds
    them (the region list is then loaded if it is missing)."""
    marker = os.path.join(data, "bench-clients")
    if os.path.exists(marker):
        have = open(marker).read().strip()
        if have == str(N):
            print("reusing %s (%d clients)" % (data, N))
            load_regions(data)
            return
        sys.exit("%s holds %s generated clients, not %d: remove it or choose another BENCH_DATA" % (data, have, N))
    if os.path.exists(data) and os.listdir(data):
        sys.exit("%s is not empty and was not built by this benchmark" % data)
    run([BIN, "init", "--data", data], env=dict(os.environ, PENDAMPING_ADMIN_PASSWORD="bench-admin-password"),
        stdout=subprocess.DEVNULL)
    load_regions(data)
    csv_path = os.path.join(data, "bench-clients.csv")
    t = time.perf_counter()
    with open(csv_path, "w") as f:
        run([sys.executable, os.path.join(HERE, "gen_clients.py"), str(N)], stdout=f)
    gen = time.perf_counter() - t
    t = time.perf_counter()
    r = subprocess.run([BIN, "import", "clients", "--data", data, csv_path], capture_output=True, text=True)
    imp = time.perf_counter() - t
    os.remove(csv_path)
    if os.path.exists(csv_path + ".report.csv"):
        os.remove(csv_path + ".report.csv")  # the import's report of warnings
    if r.returncode not in (0, 3):  # 3: rows rejected, listed in the report
        sys.exit("import failed: " + r.stderr)
    print("built %s: generated %d clients in %.1f s, imported in %.1f s (%s)" %
          (data, N, gen, imp, (r.stdout.strip().splitlines() or [""])[0]))
    run([BIN, "user", "add", "--data", data, "--name", WORKER, "--role", "worker"],
        env=dict(os.environ, PENDAMPING_PASSWORD=PASSWORD), stdout=subprocess.DEVNULL)
    with open(marker, "w") as f:
        f.write("%d\n" % N)


def sample_rows(data, rnd):
    """NIKs and client uids picked at random (by rowid, so no full scan) from the database."""
    db = sqlite3.connect("file:%s?mode=ro" % os.path.join(data, "pendamping.db"), uri=True)
    try:
        lo, hi = db.execute("SELECT min(id), max(id) FROM client").fetchone()
        count = db.execute("SELECT count(*) FROM client").fetchone()[0]
        niks, uids, regions = [], [], []
        for _ in range(4000):
            if len(niks) >= 400 and len(uids) >= 400:
                break
            row = db.execute("SELECT nik, uid, region FROM client WHERE id >= ? ORDER BY id LIMIT 1",
                             (rnd.randint(lo, hi),)).fetchone()
            if row:
                if row[0] and len(niks) < 400:
                    niks.append(row[0])
                if len(uids) < 400:
                    uids.append(row[1])
                if row[2]:
                    regions.append(row[2])
        return count, niks, uids, regions
    finally:
        db.close()


# ---- the queries ----

OLD_SPELLINGS = ["soekarno", "sukarno", "djoko", "djoko santoso", "joko wibowo", "soesanto", "oetomo", "soelistyo",
                 "wahjoe", "joesoef", "soeharti", "tjahjadi"]
PREFIXES = ["siti nur", "sri wul", "nur hal", "bud", "agus s", "dew", "i wayan s", "ni luh a", "ratna h", "euis s"]


def query_mix(rnd, niks, count):
    """count (kind, query) pairs: the mix of what workers type in the search box."""
    names = load_generator().NAMES
    given = sorted({w for male, female, _ in names.values() for w in male + female})
    family = sorted({w for _, _, fam in names.values() for w in fam})
    kinds = [("one word", 20), ("two words", 25), ("prefix", 20), ("old spelling", 10), ("nik", 20), ("nik prefix", 5)]
    out = []
    for _ in range(count):
        kind = rnd.choices([k for k, _ in kinds], [w for _, w in kinds])[0]
        if kind == "one word":
            q = rnd.choice(given + family)
        elif kind == "two words":
            q = "%s %s" % (rnd.choice(given).split()[-1], rnd.choice(family))
        elif kind == "prefix":
            if rnd.random() < 0.5:
                q = rnd.choice(PREFIXES)
            else:
                f = rnd.choice(family)
                q = "%s %s" % (rnd.choice(given).split()[0], f[:rnd.randint(2, 4)])
        elif kind == "old spelling":
            q = rnd.choice(OLD_SPELLINGS)
        elif kind == "nik":
            q = rnd.choice(niks)
        else:
            q = rnd.choice(niks)[:12]
        out.append((kind, q.lower()))
    return out


def filtered_list(rnd, mix, regions):
    """The query of a client list with filters, as a worker sets them: mostly a region at some
    level (a village, district, regency or province of a sampled client), sometimes a PPKS
    category, a flag, the archive or the order of updates, with or without a search."""
    params = {}
    if rnd.random() < 0.7:
        code = rnd.choice(regions)
        params["region"] = code[:rnd.choice([2, 5, 8, len(code)])]
    if rnd.random() < 0.25:
        params["ppks"] = rnd.choice(load_generator().COMMON_PPKS)
    if rnd.random() < 0.1:
        params["flag"] = rnd.choice(["needs_id_documents", "nik_warning"])
    if rnd.random() < 0.05:
        params["archived"] = 1
    if rnd.random() < 0.3:
        params["q"] = rnd.choice(mix)[1]
    if rnd.random() < 0.2:
        params["sort"] = "updated"
    return "/clients?" + urllib.parse.urlencode(params)


def api_path(q):
    return "/api/v1/clients?" + urllib.parse.urlencode({"q": q, "limit": 25})


def warm_file(data):
    """Reads the database file through once, so that its pages are in the operating system's
    cache: a cold cache measures the disk, not the program (some hosts shrink their page cache
    by tens of megabytes a minute, so this is done before each part)."""
    for suffix in ("", "-wal"):
        p = os.path.join(data, "pendamping.db" + suffix)
        if os.path.exists(p):
            with open(p, "rb") as f:
                while f.read(1 << 20):
                    pass


# ---- the server ----

class Server:
    def __init__(self, data, log_path):
        self.port = free_port()
        self.log_path = log_path
        self.log = open(log_path, "wb")
        self.proc = subprocess.Popen([BIN, "serve", "--data", data, "--listen", "127.0.0.1:%d" % self.port,
                                      "--threads", "2"], stdout=subprocess.DEVNULL, stderr=self.log)
        self.conn = None
        for _ in range(200):
            try:
                self.get("/healthz")
                return
            except OSError:
                self.conn = None
                time.sleep(0.05)
        raise SystemExit("the server did not start: see " + log_path)

    def request(self, method, path, headers=None, body=None):
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            self.conn.request(method, path, body=body, headers=headers or {})
            r = self.conn.getresponse()
            data = r.read()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = None
            raise
        if r.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = None
        return r.status, data, r

    def get(self, path, headers=None):
        return self.request("GET", path, headers)

    def log_offset(self):
        self.log.flush()
        return os.path.getsize(self.log_path)

    def log_since(self, offset):
        """(method, path, status, ms) of the request lines logged since offset, in order."""
        time.sleep(0.05)
        out = []
        with open(self.log_path, "rb") as f:
            f.seek(offset)
            for line in f.read().decode("utf-8", "replace").splitlines():
                m = LOG_LINE.search(line)
                if m:
                    out.append((m.group(1), m.group(2), int(m.group(3)), float(m.group(4))))
        return out

    def status(self):
        fields = {}
        with open("/proc/%d/status" % self.proc.pid) as f:
            for line in f:
                k, _, v = line.partition(":")
                if k in ("VmRSS", "VmHWM"):
                    fields[k] = int(v.split()[0]) / 1024.0  # kB → MB
        return fields

    def stop(self):
        if self.conn:
            self.conn.close()
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


class RssSampler(threading.Thread):
    def __init__(self, server):
        super().__init__(daemon=True)
        self.server, self.peak, self.samples, self.stopping = server, 0.0, [], threading.Event()

    def run(self):
        while not self.stopping.wait(0.2):
            try:
                rss = self.server.status()["VmRSS"]
            except (OSError, KeyError):
                return
            self.samples.append(rss)
            self.peak = max(self.peak, rss)

    def stop(self):
        self.stopping.set()
        self.join()


# ---- the measurements ----

def sequential(server, paths, headers):
    """Requests paths one after another; client-side ms and the server log's ms of each."""
    offset = server.log_offset()
    client = []
    for p in paths:
        t = time.perf_counter()
        status, _, _ = server.get(p, headers)
        client.append((time.perf_counter() - t) * 1000)
        if status != 200:
            raise SystemExit("GET %s: %d" % (p, status))
    logged = [r for r in server.log_since(offset) if r[0] == "GET"]
    if len(logged) != len(paths):
        raise SystemExit("the server logged %d requests, %d were sent" % (len(logged), len(paths)))
    return client, [r[3] for r in logged]


def wrk(server, path, script_args=None, headers=()):
    cmd = ["wrk", "-t2", "-c32", "-d%ds" % WRK_SECONDS, "--latency"]
    for h in headers:
        cmd += ["-H", h]
    if script_args:
        cmd += ["-s", os.path.join(HERE, "search.lua")]
    cmd += ["http://127.0.0.1:%d%s" % (server.port, path)]
    if script_args:
        cmd += ["--"] + script_args
    offset = server.log_offset()
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=WRK_SECONDS + 60)
    if r.returncode != 0:
        raise SystemExit("wrk failed: " + r.stderr + r.stdout)
    m = re.search(r"Requests/sec:\s+([\d.]+)", r.stdout)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", r.stdout)
    errors = re.search(r"Socket errors: (.*)", r.stdout)
    if bad or errors:
        raise SystemExit("wrk saw failures:\n" + r.stdout)
    logged = [x[3] for x in server.log_since(offset)]
    return float(m.group(1)), logged


def main():
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: sh scripts/deps.sh bench")
    keep = os.environ.get("BENCH_DATA")
    work = tempfile.mkdtemp(prefix="pd-search-")
    data = os.path.abspath(keep) if keep else os.path.join(work, "data")
    server = None
    try:
        prepare(data)
        rnd = random.Random(7)
        count, niks, uids, regions = sample_rows(data, rnd)
        if count != N:
            print("note: the database holds %d clients (%d generated; the rest were rejected or duplicates)" % (count, N))
        token = run([BIN, "token", "create", "--data", data, "--user", WORKER],
                    capture_output=True, text=True).stdout.strip()
        bearer = {"Authorization": "Bearer " + token}
        mix = query_mix(rnd, niks, SEARCHES)
        warm = query_mix(random.Random(8), niks, 300)

        server = Server(data, os.path.join(work, "server.log"))
        status, _, resp = server.request("POST", "/api/v1/session", {"Content-Type": "application/json"},
                                         json.dumps({"name": WORKER, "password": PASSWORD}))
        if status not in (200, 201):
            sys.exit("log-in failed: %d" % status)
        cookie = {"Cookie": resp.getheader("Set-Cookie").split(";")[0]}
        rss = RssSampler(server)
        rss.start()
        before = server.status()

        # warm-up: the database file read once (the operating system's cache may have dropped it
        # since the import), then a first pass over other queries, so that (a) measures a running
        # server on a warm cache
        warm_file(data)
        sequential(server, [api_path(q) for _, q in warm], bearer)
        sequential(server, ["/clients?" + urllib.parse.urlencode({"q": q}) for _, q in warm[:50]], cookie)

        # (a) sequential API searches
        health_client, health_server = sequential(server, ["/healthz"] * 500, None)
        s_client, s_server = sequential(server, [api_path(q) for _, q in mix], bearer)
        by_kind = {}
        for (kind, q), ms in zip(mix, s_server):
            by_kind.setdefault(kind, []).append((ms, q))

        # (c) the list page and client pages, with the session cookie
        warm_file(data)
        lrnd = random.Random(9)
        list_paths, list_kinds = [], []
        for i in range(PAGES):
            r = lrnd.random()
            if r < 0.15:
                list_paths.append("/clients")
                list_kinds.append("no query")
            elif r < 0.25:
                list_paths.append("/clients?sort=updated")
                list_kinds.append("by last update")
            elif r < 0.5:
                list_paths.append(filtered_list(lrnd, mix, regions))
                list_kinds.append("filters")
            else:
                list_paths.append("/clients?" + urllib.parse.urlencode({"q": lrnd.choice(mix)[1]}))
                list_kinds.append("search")
        l_client, l_server = sequential(server, list_paths, cookie)
        list_by_kind = {}
        for kind, p, ms in zip(list_kinds, list_paths, l_server):
            list_by_kind.setdefault(kind, []).append((ms, p))
        c_client, c_server = sequential(server, ["/clients/" + lrnd.choice(uids) for _ in range(PAGES)], cookie)

        # (b) wrk: /healthz, then the searches, against the same server
        warm_file(data)
        paths_file = os.path.join(work, "search-paths.txt")
        with open(paths_file, "w") as f:
            f.write("".join(api_path(q) + "\n" for _, q in mix))
        health_rate, _ = wrk(server, "/healthz")
        search_rate, wrk_logged = wrk(server, "/api/v1/clients", [token, paths_file])
        # the same searches asking for one row: what the fixed cost of a request is, against a page
        one_file = os.path.join(work, "search-paths-1.txt")
        with open(one_file, "w") as f:
            f.write("".join(api_path(q).replace("limit=25", "limit=1") + "\n" for _, q in mix))
        one_rate, _ = wrk(server, "/api/v1/clients", [token, one_file])
        # the same searches as browsers ask for them, compressed (http/encoding.c)
        gzip_rate, _ = wrk(server, "/api/v1/clients", [token, paths_file], ["Accept-Encoding: gzip"])
        # /healthz sent by the same script (no token: a public route does no lookup for it), so
        # that wrk's own work per request, on the same two processors, is the same on both sides
        health_file = os.path.join(work, "health-paths.txt")
        with open(health_file, "w") as f:
            f.write("/healthz\n")
        health_script_rate, _ = wrk(server, "/healthz", ["", health_file])
        during = server.status()
        rss.stop()
        time.sleep(1)
        after = server.status()
    finally:
        if server:
            server.stop()
    size = 0
    for suffix in ("", "-wal"):
        p = os.path.join(data, "pendamping.db" + suffix)
        size += os.path.getsize(p) if os.path.exists(p) else 0
    regions_size = region_list_bytes(data)
    shutil.rmtree(work, ignore_errors=True)  # the log and paths; a BENCH_DATA directory is kept

    # ---- the report ----
    print()
    print("search benchmark: %d clients in the database, server --threads 2, loopback, %d CPUs" % (count, os.cpu_count()))
    print()
    print("(a) %d sequential API searches (GET /api/v1/clients?q=...&limit=25, keep-alive)" % len(mix))
    print("%-26s %6s %10s %10s %10s %10s" % ("", "count", "srv p50", "srv p99", "srv max", "cli p99"))
    print("%-26s %6d %10.3f %10.3f %10.3f %10.3f" % ("/healthz (baseline)", len(health_server), pct(health_server, 50),
                                                     pct(health_server, 99), max(health_server), pct(health_client, 99)))
    print("%-26s %6d %10.3f %10.3f %10.3f %10.3f" % ("all searches", len(s_server), pct(s_server, 50), pct(s_server, 99),
                                                     max(s_server), pct(s_client, 99)))
    for kind, rows in sorted(by_kind.items()):
        ms = [r[0] for r in rows]
        print("%-26s %6d %10.3f %10.3f %10.3f" % ("  " + kind, len(ms), pct(ms, 50), pct(ms, 99), max(ms)))
    slow = sorted(((ms, q) for rows in by_kind.values() for ms, q in rows), reverse=True)[:5]
    print("slowest: " + ", ".join("%r %.1f ms" % (q, ms) for ms, q in slow))
    print("client side: p50 %.3f ms, p99 %.3f ms" % (pct(s_client, 50), pct(s_client, 99)))
    print()
    print("(b) wrk -t2 -c32 -d%ds, same server, same run" % WRK_SECONDS)
    print("  /healthz           %10.0f requests/s" % health_rate)
    print("  API searches       %10.0f requests/s   (server p50 %.3f ms, p99 %.3f ms under load)" %
          (search_rate, pct(wrk_logged, 50), pct(wrk_logged, 99)))
    print("  ratio              %10.3f" % (search_rate / health_rate))
    print("  (info) limit=1     %10.0f requests/s   ratio %.3f: the same searches answering one row" %
          (one_rate, one_rate / health_rate))
    print("  (info) gzip        %10.0f requests/s   ratio %.3f: the same searches compressed, as browsers ask" %
          (gzip_rate, gzip_rate / health_rate))
    print("  (info) /healthz by the script %6.0f requests/s   searches / it %.3f: wrk's own work per request alike" %
          (health_script_rate, search_rate / health_script_rate))
    print()
    print("(c) pages, sequential, session cookie (server ms)")
    print("%-26s %6s %10s %10s %10s %10s" % ("", "count", "srv p50", "srv p99", "srv max", "cli p99"))
    print("%-26s %6d %10.3f %10.3f %10.3f %10.3f" % ("client list page", len(l_server), pct(l_server, 50),
                                                     pct(l_server, 99), max(l_server), pct(l_client, 99)))
    for kind, rows in sorted(list_by_kind.items()):
        ms = [r[0] for r in rows]
        print("%-26s %6d %10.3f %10.3f %10.3f" % ("  " + kind, len(ms), pct(ms, 50), pct(ms, 99), max(ms)))
    slow = sorted(((ms, p) for rows in list_by_kind.values() for ms, p in rows), reverse=True)[:5]
    print("slowest: " + ", ".join("%s %.1f ms" % (p, ms) for ms, p in slow))
    print("%-26s %6d %10.3f %10.3f %10.3f %10.3f" % ("client page", len(c_server), pct(c_server, 50),
                                                     pct(c_server, 99), max(c_server), pct(c_client, 99)))
    print()
    print("(d) server memory: VmRSS %.1f MB at start, peak sample %.1f MB, %.1f MB after wrk, %.1f MB 1 s later; VmHWM %.1f MB"
          % (before["VmRSS"], rss.peak, during["VmRSS"], after["VmRSS"], after["VmHWM"]))
    print("(e) database: %.1f MB, %.0f bytes per client" % (size / 1e6, size / count))
    if regions_size is not None:
        print("    of which the region list %.1f MB, the same for any registry: %.0f bytes per client without it" %
              (regions_size / 1e6, (size - regions_size) / count))
    print()
    ratio = search_rate / health_rate
    checks = [
        ("API search p50, server", "%.3f ms" % pct(s_server, 50), "< 2 ms", pct(s_server, 50) < 2),
        ("API search p99, server", "%.3f ms" % pct(s_server, 99), "< 20 ms", pct(s_server, 99) < 20),
        ("API search p50, client", "%.3f ms" % pct(s_client, 50), "(info)", None),
        ("API search p99, client", "%.3f ms" % pct(s_client, 99), "(info)", None),
        ("wrk search rate / healthz rate", "%.0f / %.0f = %.3f" % (search_rate, health_rate, ratio), ">= 0.30", ratio >= 0.30),
        ("client list page p99, server", "%.3f ms" % pct(l_server, 99), "< 10 ms", pct(l_server, 99) < 10),
        ("client page p99, server", "%.3f ms" % pct(c_server, 99), "< 10 ms", pct(c_server, 99) < 10),
        ("server VmHWM (peak resident)", "%.1f MB" % after["VmHWM"], "< 64 MB", after["VmHWM"] < 64),
        ("database per client", "%.0f bytes" % (size / count), "< 1024 bytes", size / count < 1024),
        ("  without the region list", "%.0f bytes" % ((size - (regions_size or 0)) / count), "(info)", None),
    ]
    print("%-34s %-28s %-14s %s" % ("target (%d clients)" % count, "measured", "target", "result"))
    for label, measured, target, ok in checks:
        print("%-34s %-28s %-14s %s" % (label, measured, target, "-" if ok is None else "PASS" if ok else "FAIL"))
    failed = [c for c in checks if c[3] is False]
    if failed and os.environ.get("BENCH_STRICT") == "1":
        sys.exit(1)


if __name__ == "__main__":
    main()
