#!/usr/bin/env python3
"""Import benchmark: `pendamping import clients` against the sqlite3 shell's `.import` of the
same CSV, measured in the same run.

The baseline table has the same columns as the CSV and the registry's indexes on them (NIK,
external id, name + region, name + birth date, region + name, province + name, regency + name); the second baseline adds the registry's index of
name words (a table of (word, name, row) kept in name order, filled by a trigger with the words
of each name); the third, a full-text index of names instead (the registry's earlier design). Prints rows per second of each and the ratios, the
database size per client, and checks that a rerun adds nothing.

usage: bench/import.py [PENDAMPING_BIN] [N]      (N default 1000000, or $BENCH_N)
"""
import os, shutil, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "build", "pendamping")
N = int(sys.argv[2]) if len(sys.argv) > 2 else int(os.environ.get("BENCH_N", "1000000"))

BASE = """CREATE TABLE client (external_id TEXT, nik TEXT, kk TEXT, name TEXT, sex TEXT, birth_date TEXT,
 birth_place TEXT, address TEXT, region TEXT, phone TEXT, ppks TEXT, flags TEXT);
CREATE UNIQUE INDEX client_nik ON client(nik) WHERE nik <> '';
CREATE UNIQUE INDEX client_ext ON client(external_id);
CREATE INDEX client_by_name ON client(name, region);
CREATE INDEX client_dup ON client(name, birth_date);
CREATE INDEX client_by_region ON client(region, name);
CREATE INDEX client_by_province ON client(substr(region, 1, 2), name);
CREATE INDEX client_by_regency ON client(substr(region, 1, 5), name);
"""
WORDS = """CREATE TABLE client_word (term TEXT NOT NULL, name TEXT NOT NULL, client_id INTEGER NOT NULL,
 PRIMARY KEY (term, name, client_id)) WITHOUT ROWID;
CREATE TRIGGER client_word_ai AFTER INSERT ON client BEGIN
 INSERT OR IGNORE INTO client_word SELECT value, lower(new.name), new.rowid
 FROM json_each('["' || replace(replace(lower(new.name), '"', ''), ' ', '","') || '"]') WHERE value <> ''; END;
"""
FTS = """CREATE VIRTUAL TABLE client_fts USING fts5(name, content='client', tokenize='unicode61 remove_diacritics 2',
 prefix='1 2 3');
CREATE TRIGGER client_fts_ai AFTER INSERT ON client BEGIN
 INSERT INTO client_fts(rowid, name) VALUES (new.rowid, new.name); END;
"""


def timed(cmd, **kw):
    t = time.perf_counter()
    r = subprocess.run(cmd, **kw)
    return time.perf_counter() - t, r


def main():
    work = tempfile.mkdtemp(prefix="pd-import-")
    try:
        csv_path = os.path.join(work, "clients.csv")
        with open(csv_path, "w") as f:
            subprocess.run([sys.executable, os.path.join(HERE, "gen_clients.py"), str(N)], stdout=f, check=True)
        results = []
        for label, schema in (("sqlite3 .import, b-tree indexes", BASE), ("sqlite3 .import, b-tree + word index", BASE + WORDS),
                              ("sqlite3 .import, b-tree + full-text", BASE + FTS)):
            db = os.path.join(work, "base.db")
            script = schema + ".mode csv\n.import --skip 1 %s client\n" % csv_path
            secs, _ = timed(["sqlite3", db], input=script.encode(), check=True)
            results.append((label, secs))
            os.remove(db)
        data = os.path.join(work, "data")
        env = dict(os.environ, PENDAMPING_ADMIN_PASSWORD="bench-admin-password")
        subprocess.run([BIN, "init", "--data", data], env=env, check=True, stdout=subprocess.DEVNULL)
        secs, r = timed([BIN, "import", "clients", "--data", data, csv_path], capture_output=True, text=True)
        if r.returncode not in (0, 3):  # 3: rows rejected, listed in the report
            sys.exit("import failed: " + r.stderr)
        again, r2 = timed([BIN, "import", "clients", "--data", data, csv_path], capture_output=True, text=True)
        size = os.path.getsize(os.path.join(data, "pendamping.db"))
        wal = os.path.join(data, "pendamping.db-wal")
        size += os.path.getsize(wal) if os.path.exists(wal) else 0
        print("import benchmark: %d generated clients, one CSV, same run" % N)
        print("%-46s %9s %11s %8s" % ("", "seconds", "rows/s", "ratio"))
        for label, s in results:
            print("%-46s %9.2f %11.0f %8.2f" % (label, s, N / s, 1.0))
        for label, s in results:
            print("%-46s %9.2f %11.0f %8.2f" % ("pendamping import vs " + label.split(",", 1)[1].strip(), secs, N / secs, s / secs))
        print("rerun (everything already registered): %.2f s, %s" % (again, r2.stdout.strip().splitlines()[0]))
        print("database: %.1f MB, %.0f bytes per client" % (size / 1e6, size / N))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
