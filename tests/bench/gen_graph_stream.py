#!/usr/bin/env python3
"""Writes a JSON Lines stream of synthetic per-article kg graphs, as
`kg extract` would, for benchmarking `kg merge` (see README.md, "Merge").

Each article has about 20 nodes and 15 edges. Ids are drawn from a shared
vocabulary with Zipf-like weights, so articles overlap the way news does:
country:USA is in every article (its article map grows to one entry per
article), a few hundred entities recur often, and a long tail appears once
or twice. Labels vary in length so that the label rule has work to do, and
every edge carries one or two evidence sentences.

Usage: gen_graph_stream.py [--articles N] [--seed S] > stream.jsonl
"""
import argparse
import json
import random
import sys

SYLLABLES = ["ka", "lo", "mi", "ne", "ro", "sa", "ti", "va", "zu", "der", "gon", "mar",
             "vel", "tor", "bra", "shi", "qua", "len", "dor", "ith"]
RELATIONS = {
    ("PERSON", "ORG"): ["member_of", "leader_of"],
    ("PERSON", "COUNTRY"): ["citizen_of", "leader_of", "lives_in"],
    ("PERSON", "LOCATION"): ["lives_in"],
    ("ORG", "ORG"): ["part_of", "cooperates_with", "supplies", "investigates"],
    ("ORG", "COUNTRY"): ["based_in", "part_of", "supplies"],
    ("ORG", "LOCATION"): ["based_in", "attacks"],
    ("COUNTRY", "COUNTRY"): ["supplies", "embargoes", "cooperates_with", "informs"],
    ("LOCATION", "COUNTRY"): ["located_in"],
    ("LOCATION", "LOCATION"): ["located_in"],
    ("ORG", "PERSON"): ["arrests", "investigates", "kills"],
    ("WEAPON", "COUNTRY"): ["made_in"],
}
ACTOR_WEAPON = ["sells", "buys", "smuggles", "possesses", "produces", "uses"]
WORDS = ("officials said the shipment of missiles was delayed after talks in the capital "
         "where envoys met to discuss arms sales and an embargo that analysts expect to "
         "hold through next year despite pressure from suppliers").split()


def word(rng, n):
    return "".join(rng.choice(SYLLABLES) for _ in range(n))


def vocabulary(rng):
    vocab = {"COUNTRY": [], "ORG": [], "PERSON": [], "LOCATION": [], "WEAPON": []}
    sizes = {"COUNTRY": 200, "ORG": 4000, "PERSON": 40000, "LOCATION": 4000, "WEAPON": 600}
    prefixes = {"COUNTRY": "country", "ORG": "org", "PERSON": "person",
                "LOCATION": "location", "WEAPON": "weapon"}
    for t, n in sizes.items():
        for i in range(n):
            if t == "COUNTRY":
                ident = "country:%c%c%c" % (65 + i // 676 % 26, 65 + i // 26 % 26, 65 + i % 26)
                ident = "country:USA" if i == 0 else ident
            else:
                ident = "%s:%s-%d" % (prefixes[t], word(rng, 2), i)
            full = " ".join(w.capitalize() for w in (word(rng, 2), word(rng, 3)))
            short = full.split()[-1]
            vocab[t].append((ident, full, short))
    return vocab


def zipf_pick(rng, items):
    # Log-uniform index (density ~ 1/rank, Zipf with s = 1): index 0 is the
    # most common, and every item can occur.
    n = len(items)
    i = int(n ** rng.random()) - 1
    return items[min(max(i, 0), n - 1)]


def article(rng, vocab, k):
    aid = "%016x" % rng.getrandbits(64)
    arts = {aid: {"title": "Synthetic article %d" % k, "date": "2004-%02d-%02d" % (1 + k % 12, 1 + k % 28),
                  "source": "bench/%d.txt" % k, "hash": aid}}
    chosen = {}
    plan = [("COUNTRY", 4), ("ORG", 4), ("PERSON", 7), ("LOCATION", 2), ("WEAPON", 3)]
    for t, n in plan:
        tries = 0
        picked = 0
        while picked < n and tries < 50:
            tries += 1
            ident, full, short = vocab[t][0] if (t == "COUNTRY" and picked == 0) else zipf_pick(rng, vocab[t])
            if ident in chosen:
                continue
            label = full if rng.random() < 0.8 else short
            aliases = sorted({short, full} - {label}) if rng.random() < 0.5 else []
            chosen[ident] = {"label": label, "metadata": {"type": t, "aliases": aliases,
                             "roles": ["spokesman"] if t == "PERSON" and rng.random() < 0.2 else [],
                             "articles": {aid: rng.randint(1, 6)}}}
            picked += 1
    ids = list(chosen)
    edges = {}
    tries = 0
    while len(edges) < 15 and tries < 200:
        tries += 1
        s, o = rng.choice(ids), rng.choice(ids)
        if s == o:
            continue
        ts, to = chosen[s]["metadata"]["type"], chosen[o]["metadata"]["type"]
        if to == "WEAPON" and ts in ("PERSON", "ORG", "COUNTRY"):
            rel = rng.choice(ACTOR_WEAPON)
        elif (ts, to) in RELATIONS:
            rel = rng.choice(RELATIONS[(ts, to)])
        else:
            continue
        if rel == "cooperates_with" and s > o:
            s, o = o, s
        key = (s, rel, o)
        if key in edges:
            continue
        evidence = []
        for _ in range(rng.randint(1, 2)):
            start = rng.randrange(0, 8000)
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 22))).capitalize() + "."
            end = start + len(text)
            evidence.append({"article": aid, "start": start, "end": end,
                             "subject": [start, start + 5], "object": [start + 20, start + 27],
                             "text": text})
        evidence.sort(key=lambda e: e["start"])
        weapons = [w for w in ids if chosen[w]["metadata"]["type"] == "WEAPON"][:1] \
            if rel in ("supplies", "attacks") and rng.random() < 0.5 else []
        edge = {"source": s, "relation": rel, "target": o}
        if rel == "cooperates_with":
            edge["directed"] = False
        edge["metadata"] = {"weight": len(evidence), "weapons": weapons,
                            "articles": {aid: len(evidence)}, "evidence": evidence}
        edges[key] = edge
    return {"graph": {"directed": True,
                      "metadata": {"format": "kg", "version": 1, "articles": arts},
                      "nodes": chosen, "edges": list(edges.values())}}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=20261128)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    vocab = vocabulary(rng)
    out = sys.stdout
    for k in range(args.articles):
        out.write(json.dumps(article(rng, vocab, k), ensure_ascii=False, separators=(",", ":")))
        out.write("\n")


if __name__ == "__main__":
    main()
