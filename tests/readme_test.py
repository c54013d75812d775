#!/usr/bin/env python3
"""Runs the README's console examples so the docs cannot drift.

Every fenced block that opens with ```console is a transcript: lines that
start with "$ " are commands (run with /bin/sh from the repository root,
with the built `kg` first on PATH); the lines up to the next "$ " or the end
of the block are the expected standard output, compared exactly.

  readme_test.py --kg BUILD/kg README.md            check
  readme_test.py --kg BUILD/kg README.md --update   rewrite the expected output
"""
import argparse
import os
import subprocess
import sys
import tempfile


def blocks(lines):
    """Yields (start, end) line indices of the bodies of ```console blocks."""
    i = 0
    while i < len(lines):
        if lines[i].strip() == "```console":
            j = i + 1
            while j < len(lines) and lines[j].strip() != "```":
                j += 1
            yield i + 1, j
            i = j
        i += 1


def run(cmd, root, env):
    p = subprocess.run(["/bin/sh", "-c", cmd], cwd=root, env=env, capture_output=True,
                       timeout=300)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kg", required=True)
    ap.add_argument("--update", action="store_true")
    ap.add_argument("readme")
    a = ap.parse_args()
    root = os.path.dirname(os.path.abspath(a.readme))
    bindir = tempfile.mkdtemp(prefix="kg-readme-")
    os.symlink(os.path.abspath(a.kg), os.path.join(bindir, "kg"))
    env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""), LC_ALL="C")
    with open(a.readme, encoding="utf-8") as f:
        lines = f.read().split("\n")
    out, failures, count, pos = [], 0, 0, 0
    for start, end in blocks(lines):
        out.extend(lines[pos:start])
        body = lines[start:end]
        k = 0
        while k < len(body):
            if not body[k].startswith("$ "):
                k += 1
                continue
            cmd = body[k][2:]
            k2 = k + 1
            while k2 < len(body) and not body[k2].startswith("$ "):
                k2 += 1
            want = "\n".join(body[k + 1:k2])
            rc, got = run(cmd, root, env)
            got = got.rstrip("\n")
            count += 1
            out.append(body[k])
            if got:
                out.extend(got.split("\n"))
            if rc != 0:
                print(f"FAIL: `{cmd}` exited {rc}")
                failures += 1
            elif got != want and not a.update:
                print(f"FAIL: `{cmd}` printed:\n{got}\n--- README says:\n{want}")
                failures += 1
            k = k2
        pos = end
    out.extend(lines[pos:])
    if a.update:
        with open(a.readme, "w", encoding="utf-8") as f:
            f.write("\n".join(out))
    if count == 0:
        print("FAIL: no console examples found")
        return 1
    print(f"{count - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
