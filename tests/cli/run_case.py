#!/usr/bin/env python3
"""Runs one data-driven CLI test case (tests/cli/cases/NAME.case).

A case file is a header of `key: value` lines, then sections:

    # what the case checks (comment lines start with '#')
    cmd: kg render $DATA/small.json -T tsv
    status: 0
    --- stdin
    text given on standard input (optional)
    --- stdout
    the exact expected standard output (optional)
    --- stdout-contains
    lines that must each appear somewhere in stdout (optional)
    --- stderr-contains
    lines that must each appear somewhere in stderr (optional)

`cmd` runs under /bin/sh in a fresh temporary directory with `kg` first on
PATH and $DATA, $EXAMPLES pointing at tests/data and examples/. Several
`cmd:` lines run as one script joined by newlines. `status` is the exit
status of the whole script (default 0).
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile


def parse(path):
    header, sections, current = {"cmd": []}, {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("--- "):
                current = line[4:].strip()
                sections[current] = []
                continue
            if current is not None:
                sections[current].append(line)
                continue
            if line.startswith("#") or not line.strip():
                continue
            key, _, value = line.partition(":")
            key, value = key.strip(), value.strip()
            if key == "cmd":
                header["cmd"].append(value)
            else:
                header[key] = value
    return header, {k: "".join(v) for k, v in sections.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kg", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--examples", required=True)
    ap.add_argument("case")
    args = ap.parse_args()

    header, sections = parse(args.case)
    if not header["cmd"]:
        print(f"{args.case}: no cmd", file=sys.stderr)
        return 1
    tmp = tempfile.mkdtemp(prefix="kg-cli-")
    bindir = os.path.join(tmp, ".bin")
    os.mkdir(bindir)
    os.symlink(os.path.abspath(args.kg), os.path.join(bindir, "kg"))
    env = dict(os.environ)
    env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
    env["DATA"] = os.path.abspath(args.data)
    env["EXAMPLES"] = os.path.abspath(args.examples)
    env["LC_ALL"] = "C"
    runner = env.get("KG_CLI_WRAPPER")  # e.g. valgrind, set by the memcheck label
    if runner:
        wrapper = os.path.join(bindir, "kg")
        os.unlink(wrapper)
        with open(wrapper, "w") as w:
            w.write(f'#!/bin/sh\nexec {runner} "{os.path.abspath(args.kg)}" "$@"\n')
        os.chmod(wrapper, 0o755)
    script = "\n".join(header["cmd"])
    try:
        proc = subprocess.run(["/bin/sh", "-c", script], cwd=tmp, env=env,
                              input=sections.get("stdin", "").encode("utf-8"),
                              capture_output=True, timeout=600)
    finally:
        pass
    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    failures = []
    want_status = int(header.get("status", "0"))
    if proc.returncode != want_status:
        failures.append(f"exit status {proc.returncode}, expected {want_status}")
    if "stdout" in sections and out != sections["stdout"]:
        failures.append("stdout differs:\n--- expected\n" + sections["stdout"] +
                        "--- got\n" + out)
    for key, text in (("stdout-contains", out), ("stderr-contains", err)):
        for want in sections.get(key, "").splitlines():
            if want and want not in text:
                failures.append(f"{key}: missing {want!r}")
    if failures:
        print(f"FAIL {args.case}")
        for f in failures:
            print(f)
        print("--- stderr was\n" + err)
        return 1
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"ok {os.path.basename(args.case)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
