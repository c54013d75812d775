#!/usr/bin/env python3
"""Writes a synthetic news corpus as JSON Lines ({"id","title","text","date"}),
for measuring `kg build` at scale (see README.md, "Scale").

Every article is a different recombination of sentence templates written for
this benchmark; the entities in them are drawn from a vocabulary with
Zipf-like weights, so the resulting graph has realistic hubs (a few countries,
organisations and weapons appear in a large share of the articles) and a long
tail of invented people and companies seen once or twice. No two texts are
equal: each carries its own numbers and a bulletin number.

Usage: gen_corpus.py [--articles N] [--seed S] [-o FILE]
Defaults: 200,000 articles, seed 1, standard output. Same seed, same bytes.
"""
import argparse
import json
import random
import sys

COUNTRIES = [
    "United States", "Russia", "China", "France", "Britain", "Germany", "Israel", "Iran",
    "India", "Pakistan", "Saudi Arabia", "Turkey", "Egypt", "Brazil", "Japan", "Italy",
    "Spain", "Sweden", "Norway", "Poland", "Ukraine", "Syria", "Iraq", "Jordan", "Libya",
    "Algeria", "Nigeria", "South Africa", "Argentina", "Chile", "Peru", "Colombia",
    "Venezuela", "Mexico", "Canada", "Australia", "Indonesia", "Malaysia", "Vietnam",
    "Thailand", "Philippines", "South Korea", "North Korea", "Greece", "Belgium",
    "Netherlands", "Switzerland", "Austria", "Czech Republic", "Hungary", "Romania",
    "Bulgaria", "Serbia", "Kenya", "Ethiopia", "Sudan", "Yemen", "Oman", "Qatar", "Kuwait",
]
CITIES = [
    "London", "Paris", "Moscow", "Beijing", "Washington", "Berlin", "Tel Aviv", "Tehran",
    "New Delhi", "Karachi", "Riyadh", "Ankara", "Cairo", "Sao Paulo", "Tokyo", "Rome",
    "Madrid", "Stockholm", "Oslo", "Warsaw", "Kiev", "Damascus", "Baghdad", "Amman",
    "Tripoli", "Algiers", "Lagos", "Johannesburg", "Buenos Aires", "Santiago", "Lima",
    "Bogota", "Caracas", "Mexico City", "Ottawa", "Sydney", "Jakarta", "Hanoi", "Bangkok",
    "Manila", "Seoul", "Athens", "Brussels", "Amsterdam", "Geneva", "Vienna", "Prague",
    "Budapest", "Bucharest", "Sofia", "Belgrade", "Nairobi", "Khartoum", "Dubai", "Boston",
    "New York", "Chicago", "Houston", "Hamburg", "Marseille",
]
ORGS = [
    "NATO", "FBI", "CIA", "Interpol", "United Nations", "European Union", "Raytheon",
    "Lockheed Martin", "BAE Systems", "Boeing", "Dassault", "Thales", "Rosoboronexport",
    "Saab", "Hezbollah", "Hamas", "Red Cross", "World Bank", "Pentagon", "Kremlin",
]
WEAPONS = [
    "Stinger", "Igla", "Javelin", "Tornado", "Silkworm", "Exocet", "Patriot", "Scud",
    "Kalashnikov", "Blowpipe", "Hawk", "Tomahawk", "Mirage", "Harpoon", "Strela",
    "Apache", "Leopard", "Abrams", "Sidewinder", "Milan",
]
ROLES = ["spokesman", "director", "analyst", "lawyer", "minister", "general", "adviser",
         "executive", "envoy", "official"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
SYL = ["ka", "lo", "mi", "ne", "ro", "sa", "ti", "va", "zu", "der", "gon", "mar", "vel",
       "tor", "bra", "shi", "len", "dor", "ith", "an", "bel", "cor", "fen", "hal"]
FIRST = ["John", "Maria", "Ahmed", "Olga", "Pierre", "Hans", "Yuki", "Carlos", "Anna",
         "David", "Sergei", "Fatima", "Li", "Raj", "Elena", "Omar", "Karl", "Sofia", "Ivan",
         "Paul", "Laura", "Ali", "Peter", "Nadia", "Marco", "Helen", "James", "Victor"]

# Sentence templates, written for this benchmark. {P} people, {C} countries,
# {O} organisations, {W} weapons, {X} cities, {R} roles, {N}/{M} numbers.
TEMPLATES = [
    "{P1}, a {R} at {O1}, said {C1} had agreed to buy {N} {W1} missiles from {C2}.",
    "{C1} sold {W1} launchers to {C2} last {MONTH}, according to {P1}.",
    "Police in {X1} arrested {P1} on {DAY} and charged him with trying to smuggle {W1} missiles into {C1}.",
    "{O1} spokesman {P2} said the {W2} deal was worth {M} million dollars.",
    "{O1}, which builds the {W1}, reported new orders from {C1} worth {M} million dollars.",
    "{C1} and {C2} signed a defence agreement in {X1} on {DAY}.",
    "President {P1} of {C1} met {P2} in {X2} to discuss the purchase of {W2} fighters.",
    "{P2}, a resident of {X1}, was questioned by the {O2} about the shipment.",
    "Rebels fired {W1} missiles at army helicopters near {X1}, {C1}, officials said.",
    "Investigators from the {O1} are looking into the sale, {P1} told reporters in {X2}.",
    "{C2} imposed an arms embargo on {C1} after the clashes near {X1}.",
    "The {O2} worked closely with the {O1} to trace the {W1} rockets to {C2}.",
    "{P1} was killed in {X1} on {DAY}, and police blamed a group armed by {C1}.",
    "Shares of {O1} rose {F} percent to {M} dollars in {X2} trading on {DAY}.",
    "Analysts in {X2} expect {C1} to order about {N} more {W2} systems next year.",
    "{C1} is known to have dozens of {W1} missiles, {P2} of the {O2} said.",
    "The {W2}, a {C2} design, has been exported to {N} countries since {YEAR}.",
    "{P1} said talks with {C2} on the {W1} contract would resume in {MONTH}.",
    "Officials in {X1} said the convoy carried {N} crates of {W1} ammunition.",
    "Minister {P2} of {C2} denied that {C2} had supplied {W2} missiles to {C1}.",
]
TITLES = [
    "{C1} to buy {W1} missiles", "{O1} under inquiry over {W1} sale",
    "Arrest in {X1} arms case", "{C1}, {C2} sign defence pact", "{W1} orders lift {O1}",
    "Embargo on {C1} tightened", "Talks on {W1} deal resume", "{C2} denies arms shipment",
]


def zipf_weights(n, s=1.1):
    return [1.0 / (i + 1) ** s for i in range(n)]


def make_people(rng, n):
    seen, out = set(), []
    while len(out) < n:
        last = "".join(rng.choice(SYL) for _ in range(rng.randint(2, 3))).capitalize()
        name = rng.choice(FIRST) + " " + last
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=200000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", default="-")
    args = ap.parse_args()
    rng = random.Random(args.seed)

    people = make_people(rng, 30000)
    companies = [("".join(rng.choice(SYL) for _ in range(2))).capitalize() + " " +
                 rng.choice(["Arms", "Dynamics", "Defence", "Industries", "Trading"])
                 for _ in range(3000)]
    orgs = ORGS + companies
    pools = {
        "P": (people, zipf_weights(len(people), 0.9)),
        "C": (COUNTRIES, zipf_weights(len(COUNTRIES), 1.2)),
        "O": (orgs, zipf_weights(len(orgs), 1.0)),
        "W": (WEAPONS, zipf_weights(len(WEAPONS), 1.0)),
        "X": (CITIES, zipf_weights(len(CITIES), 1.0)),
    }
    cum = {}
    for k, (items, w) in pools.items():
        acc, c = 0.0, []
        for x in w:
            acc += x
            c.append(acc)
        cum[k] = (items, c)

    def draw(kind):
        items, c = cum[kind]
        return rng.choices(items, cum_weights=c)[0]

    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    for i in range(args.articles):
        slots = {}
        for kind in "PCOWX":
            a = draw(kind)
            b = draw(kind)
            for _ in range(3):
                if b != a:
                    break
                b = draw(kind)
            slots[kind + "1"], slots[kind + "2"] = a, b

        def fill(t):
            return t.format(R=rng.choice(ROLES), MONTH=rng.choice(MONTHS), DAY=rng.choice(DAYS),
                            N=rng.randint(2, 400), M=rng.randint(3, 900),
                            F="%d.%d" % (rng.randint(0, 9), rng.randint(0, 9)),
                            YEAR=rng.randint(1975, 2005), **slots)

        k = rng.randint(5, 11)
        sents = [fill(t) for t in rng.sample(TEMPLATES, k)]
        month = rng.randrange(12)
        day = rng.randint(1, 28)
        dateline = "%s, %s %d - " % (slots["X1"].upper(), MONTHS[month], day)
        paras, cur = [], []
        for s in sents:
            cur.append(s)
            if len(cur) >= rng.randint(2, 3):
                paras.append(" ".join(cur))
                cur = []
        if cur:
            paras.append(" ".join(cur))
        paras.append("The figures were published in bulletin %d." % (i + 1))
        text = dateline + "\n\n".join(paras) + "\n"
        rec = {"id": "synth-%d" % (i + 1), "title": fill(rng.choice(TITLES)),
               "date": "%04d-%02d-%02d" % (1985 + i % 20, month + 1, day), "text": text}
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
