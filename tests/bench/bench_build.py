#!/usr/bin/env python3
"""Benchmarks `kg build` and the queries on big graphs (README.md, "Build and
scale"). One command runs everything and prints Markdown tables.

  throughput: `kg build` on the Reuters-21578 stories with -j 1 and -j 2
      (wall, CPU = user + sys, MB/s and articles/s of text, peak RSS), next
      to `wc -w` on the same text (the floor) and, when installed, the peer:
      compromise (npm) finding people, places and organisations.
  threads:    where the CPU time of `kg build -j 2` goes per thread (perf),
      which bounds the speed-up on two idle cores even when the shared
      machine is too loaded to show it in wall time.
  scale (--scale): a 200,000-article synthetic corpus (gen_corpus.py),
      `kg build -j 2` on it and on smaller and doubled inputs (memory must
      follow the graph, not the input), then `kg neighbors|path|stats` on
      the big graph with its snapshot (graph.json.kgi).

Usage:
  python3 tests/bench/bench_build.py BUILD_DIR [--runs 5] [--scale]
      [--data ../shared/data/reuters21578.jsonl] [--peer-dir DIR]
      [--work /tmp/kg-bench-build]

BUILD_DIR holds the `kg` binary (configure it with -DCMAKE_BUILD_TYPE=Release).
--peer-dir is a directory with compromise installed (`npm install` in
tests/bench/peer or a copy of it); without it the peer row is skipped.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

WORK = "/tmp/kg-bench-build"
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def run(cmd, stdout=subprocess.DEVNULL, stdin=None, cwd=None):
    """Runs cmd under GNU time; returns (wall s, cpu s, peak RSS MB, exit status).
    GNU time reports the command's own peak RSS (a forked Python child would
    report the interpreter's)."""
    stats = os.path.join(WORK, ".time")
    p = subprocess.run(["/usr/bin/time", "-o", stats, "-f", "%e %U %S %M"] + cmd,
                       stdout=stdout, stderr=subprocess.PIPE, stdin=stdin, cwd=cwd)
    if p.returncode != 0:
        sys.exit("failed (%d): %s\n%s" % (p.returncode, " ".join(cmd),
                                           p.stderr.decode(errors="replace")))
    with open(stats) as f:
        wall, user, sys_, rss = f.read().split()[-4:]
    return float(wall), float(user) + float(sys_), int(rss) / 1024.0, 0


def run_short(cmd):
    """For sub-second commands (the wc floor), where GNU time's 10 ms
    resolution is too coarse: wall and CPU from wait4; RSS not measured."""
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("failed: " + " ".join(cmd))
    return time.monotonic() - t0, max(ru.ru_utime + ru.ru_stime, 1e-3), float("nan"), 0


def med(rows, i):
    return statistics.median(r[i] for r in rows)


def machine():
    model = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return "nproc %d, %s, load average %s" % (os.cpu_count(), model, load())


def load():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def texts_of(path, out_path, limit=None):
    n = nbytes = 0
    with open(path, encoding="utf-8") as f, open(out_path, "w", encoding="utf-8") as o:
        for line in f:
            if not line.strip():
                continue
            t = json.loads(line).get("text") or ""
            o.write(t + "\n")
            n += 1
            nbytes += len(t.encode("utf-8"))
            if limit and n >= limit:
                break
    return n, nbytes


def throughput(kg, data, work, runs, peer_dir):
    txt = os.path.join(work, "texts.txt")
    n, nbytes = texts_of(data, txt)
    mb = nbytes / 1e6
    print("## kg build throughput\n")
    print("Input: %s, %d articles, %.2f MB of text. Machine: %s.\n" % (data, n, mb, machine()))
    rows = {"wc": [], 1: [], 2: []}
    outs = {}
    for r in range(runs):
        rows["wc"].append(run_short(["wc", "-w", txt]))
        for j in (1, 2):
            out = os.path.join(work, "reuters-j%d.json" % j)
            rows[j].append(run([kg, "build", "-j", str(j), data, "-o", out]))
            with open(out, "rb") as f:
                b = f.read()
            if outs.setdefault(j, b) != b or outs[1] != b:
                sys.exit("kg build output differs between runs or -j values")
    print("| command | wall s | CPU s | MB/s (wall) | MB/s (CPU) | articles/s (CPU) | peak RSS MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    label = {"wc": "wc -w (same text)", 1: "kg build -j 1", 2: "kg build -j 2"}
    for k in ("wc", 1, 2):
        w, c, m = med(rows[k], 0), med(rows[k], 1), med(rows[k], 2)
        print("| %s | %.2f | %.2f | %.1f | %.1f | %.0f | %s |"
              % (label[k], w, c, mb / w, mb / c, n / c, "-" if m != m else "%.0f" % m))
    if peer_dir:
        peer(peer_dir, data, work)
    print("\n-j 1 and -j 2 gave the same bytes in every run. %d runs, medians; load "
          "average at the end: %s.\n" % (runs, load()))
    return rows


def peer(peer_dir, data, work, articles=2000):
    script = os.path.join(HERE, "peer", "compromise_peer.js")
    env = dict(os.environ, NODE_PATH=os.path.join(peer_dir, "node_modules"))
    out = subprocess.run(["node", script, data, str(articles)], env=env, check=True,
                         capture_output=True, text=True).stdout
    r = json.loads(out)
    mb = r["bytes"] / 1e6
    print("| compromise (npm) people+places+orgs, first %d stories | %.2f | %.2f | %.2f | %.2f "
          "| %.0f | - |" % (r["articles"], r["wall_s"], r["cpu_s"], mb / r["wall_s"],
                            mb / r["cpu_s"], r["articles"] / r["cpu_s"]))


def threads(kg, data, work, runs):
    if not shutil.which("perf"):
        print("(perf not installed: per-thread accounting skipped)\n")
        return
    print("## kg build -j 2: CPU time per thread (perf, 999 Hz)\n")
    print("| run | total CPU s | main thread s | other thread s | serial tail s | "
          "speed-up bound on 2 idle cores |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    pdata = os.path.join(work, "perf.data")
    bounds = []
    for r in range(runs):
        subprocess.run(["perf", "record", "-q", "-F", "999", "-s", "-o", pdata, kg, "build",
                        "-j", "2", data, "-o", os.path.join(work, "perf-j2.json")],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        out = subprocess.run(["perf", "script", "-i", pdata, "-F", "pid,tid,time"],
                             check=True, capture_output=True, text=True).stdout
        count, first, last, pid = {}, {}, {}, None
        for line in out.splitlines():
            parts = line.replace("/", " ").split()
            if len(parts) < 3:
                continue
            p, tid, t = int(parts[0]), int(parts[1]), float(parts[2].rstrip(":"))
            pid = p
            count[tid] = count.get(tid, 0) + 1
            first.setdefault(tid, t)
            last[tid] = t
        main = count.get(pid, 0) / 999.0
        others = [c / 999.0 for t, c in count.items() if t != pid]
        total = main + sum(others)
        other_end = max((last[t] for t in count if t != pid), default=last.get(pid, 0))
        tail = max(0.0, last.get(pid, 0) - other_end)
        bound = total / max(main, max(others, default=0))
        bounds.append(bound)
        print("| %d | %.2f | %.2f | %.2f | %.2f | %.2fx |"
              % (r + 1, total, main, sum(others), tail, bound))
    print("\nMedian bound: %.2fx. The bound is total CPU / the busiest thread's CPU: the "
          "wall time two idle cores would need if neither thread waited for the other "
          "(lock waits are not CPU time and are not counted).\n" % statistics.median(bounds))


def scale(kg, work, runs):
    corpus = os.path.join(work, "corpus-200k.jsonl")
    if not os.path.exists(corpus):
        subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), "-o", corpus],
                       check=True)
    size = os.path.getsize(corpus)
    print("## 200,000 articles\n")
    print("Corpus: gen_corpus.py (seed 1), %.0f MB of JSON Lines. Machine: %s.\n"
          % (size / 1e6, machine()))
    sub = {}
    for k in (50000, 100000):
        p = os.path.join(work, "corpus-%dk.jsonl" % (k // 1000))
        if not os.path.exists(p):
            with open(corpus) as f, open(p, "w") as o:
                for i, line in enumerate(f):
                    if i >= k:
                        break
                    o.write(line)
        sub[k] = p
    cases = [("50,000 articles", [sub[50000]]),
             ("100,000 articles", [sub[100000]]),
             ("100,000 articles given twice (input x2, same graph)", [sub[100000], sub[100000]]),
             ("200,000 articles", [corpus])]
    big = os.path.join(work, "graph-200k.json")
    print("| kg build -j 2 on | input MB | wall s | CPU s | MB/s (CPU) | graph.json MB | "
          "peak RSS MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, inputs in cases:
        out = big if inputs == [corpus] else os.path.join(work, "graph-sub.json")
        w, c, m, _ = run([kg, "build", "-j", "2"] + inputs + ["-o", out])
        inb = sum(os.path.getsize(p) for p in inputs)
        print("| %s | %.0f | %.1f | %.1f | %.1f | %.0f | %.0f |"
              % (label, inb / 1e6, w, c, inb / 1e6 / c, os.path.getsize(out) / 1e6, m))
    kgi = big + ".kgi"
    print("\nSnapshot written by kg build: %s (%.0f MB).\n"
          % (os.path.basename(kgi), os.path.getsize(kgi) / 1e6 if os.path.exists(kgi) else 0))
    queries = [("stats", ["stats", big]),
               ("neighbors Stinger", ["neighbors", big, "Stinger"]),
               ("neighbors country:RUS --json", ["neighbors", big, "country:RUS", "--json"]),
               ("path \"Yuki Lendor\" Argentina", ["path", big, "Yuki Lendor", "Argentina"])]
    print("| query on the 200k graph | with snapshot: wall s | CPU s | peak RSS MB | "
          "without (JSON parse): wall s | CPU s | peak RSS MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, args in queries:
        fast = [run([kg] + args) for _ in range(runs)]
        os.rename(kgi, kgi + ".off")
        try:
            # Without a snapshot (renamed away; the query would write a new one,
            # so remove that after each run).
            slow = []
            for _ in range(max(1, runs // 2)):
                slow.append(run([kg] + args))
                if os.path.exists(kgi):
                    os.unlink(kgi)
        finally:
            os.rename(kgi + ".off", kgi)
        print("| kg %s | %.2f | %.2f | %.0f | %.2f | %.2f | %.0f |"
              % (label, med(fast, 0), med(fast, 1), med(fast, 2), med(slow, 0), med(slow, 1),
                 med(slow, 2)))
    print("\nQueries: medians of %d runs with the snapshot, %d without. Load average at "
          "the end: %s.\n" % (runs, max(1, runs // 2), load()))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("build_dir")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data",
                                                   "reuters21578.jsonl"))
    ap.add_argument("--peer-dir")
    ap.add_argument("--work", default="/tmp/kg-bench-build")
    ap.add_argument("--scale", action="store_true")
    ap.add_argument("--skip-throughput", action="store_true")
    args = ap.parse_args()
    global WORK
    kg = os.path.abspath(os.path.join(args.build_dir, "kg"))
    WORK = args.work
    os.makedirs(args.work, exist_ok=True)
    if not args.skip_throughput:
        throughput(kg, args.data, args.work, args.runs, args.peer_dir)
        threads(kg, args.data, args.work, args.runs)
    if args.scale:
        scale(kg, args.work, args.runs)


if __name__ == "__main__":
    main()
