#!/usr/bin/env python3
"""Times `kg merge` on a stream of synthetic per-article graphs next to the
cost of only parsing the same JSON (README.md, "Merge").

Usage: bench_merge.py BUILD_DIR [--runs N] [--articles N] [--work DIR] [--jq]

BUILD_DIR is a CMake build directory holding `kg` and tests/bench/parse_jsonl.
The stream is generated once by gen_graph_stream.py into --work and reused.
Every command runs --runs times under /usr/bin/time -v; the table reports the
median wall-clock seconds, the median CPU seconds (user + system, steadier
than wall-clock on a busy machine) and the median peak RSS.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys


def measure(cmd, runs, stdout=subprocess.DEVNULL):
    secs, cpu, rss = [], [], []
    for _ in range(runs):
        proc = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=stdout,
                              stderr=subprocess.PIPE, text=True)
        if proc.returncode != 0:
            sys.exit("bench_merge: %s failed:\n%s" % (" ".join(cmd), proc.stderr))
        wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", proc.stderr)
        h, m, s = wall.groups()
        secs.append(int(h or 0) * 3600 + int(m) * 60 + float(s))
        cpu.append(float(re.search(r"User time \(seconds\): ([\d.]+)", proc.stderr).group(1)) +
                   float(re.search(r"System time \(seconds\): ([\d.]+)", proc.stderr).group(1)))
        rss.append(int(re.search(r"Maximum resident set size \(kbytes\): (\d+)",
                                 proc.stderr).group(1)))
    return statistics.median(secs), statistics.median(cpu), statistics.median(rss)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("build")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--work", default="/tmp/kg-bench-merge")
    ap.add_argument("--jq", action="store_true", help="also time `jq -c .` (slow)")
    args = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    kg = os.path.join(args.build, "kg")
    parse = os.path.join(args.build, "tests", "bench", "parse_jsonl")
    os.makedirs(args.work, exist_ok=True)
    stream = os.path.join(args.work, "stream-%d.jsonl" % args.articles)
    if not os.path.exists(stream):
        with open(stream + ".tmp", "w") as f:
            subprocess.run([sys.executable, os.path.join(here, "gen_graph_stream.py"),
                            "--articles", str(args.articles)], stdout=f, check=True)
        os.rename(stream + ".tmp", stream)
    merged = os.path.join(args.work, "merged.json")
    size = os.path.getsize(stream) / 1e6
    rows = [
        ("cJSON parse only (parse_jsonl)", [parse, stream]),
        ("python json.loads per line", [sys.executable, "-c",
                                        "import json,sys\nfor l in open(sys.argv[1]): json.loads(l)",
                                        stream]),
        ("kg merge stream -o merged.json", [kg, "merge", stream, "-o", merged]),
        ("kg merge merged.json (one document)", [kg, "merge", merged, "-o", merged + ".2"]),
    ]
    if args.jq:
        rows.insert(2, ("jq -c . > /dev/null", ["jq", "-c", ".", stream]))
    print("input: %s, %d articles, %.1f MB; %d runs, medians" % (stream, args.articles, size,
                                                                 args.runs))
    print("| command | wall s | CPU s | MB/s (CPU) | peak RSS (MB) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, cmd in rows:
        secs, cpu, rss = measure(cmd, args.runs)
        src = os.path.getsize(merged) / 1e6 if "one document" in label else size
        print("| %s | %.2f | %.2f | %.0f | %.0f |" % (label, secs, cpu, src / max(cpu, 1e-9),
                                                     rss / 1024), flush=True)
    print("merged graph: %.1f MB" % (os.path.getsize(merged) / 1e6))


if __name__ == "__main__":
    main()
