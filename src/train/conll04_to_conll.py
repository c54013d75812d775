#!/usr/bin/env python3
"""conll04_to_conll.py - converts CoNLL04 (Roth & Yih 2004, JSON as in
../shared/data/conll04/) into CoNLL-2003 columns, so that kg-train-ner can
learn from it next to CoNLL-2003 train.

  conll04_to_conll.py conll04_train.json [--repeat N] [--prepend FILE] [-o OUT]

writes the converted corpus to OUT (default: stdout); --prepend FILE copies
FILE (e.g. CoNLL-2003 train.txt) unchanged before it, so that one file
holds all the training data kg-train-ner reads.

Why the conversion is not a plain type rename: kg's tagger follows the
CoNLL-2003 conventions, which DESIGN.md relies on (node labels without
titles, "City, State" as two places linked by located_in). CoNLL04 differs,
so its spans are brought to those conventions first:

- Peop -> PER, Org -> ORG, Loc -> LOC.
- A title or form of address opening a Peop span ("President", "Mrs.",
  "Sen.") is left outside the name, as CoNLL-2003 tags it.
- A Loc span holding a comma ("Concord , Mass") becomes one LOC per part.
- Other is mostly dates, amounts and times, which CoNLL-2003 leaves
  untagged: an Other span with a digit, a month or a weekday stays O; the
  rest (nationalities, religions, events, works) becomes MISC.

Each sentence is its own document (-DOCSTART-), as kg sees one CoNLL04
sentence per article. --repeat N writes the corpus N times, to weigh it
against the much larger CoNLL-2003 train. The output is generated data:
write it outside the tree (e.g. /tmp), never commit it.
"""
import json
import sys

TITLES = {
    "president", "pres.", "vice", "premier", "chancellor", "king", "queen", "emperor",
    "prince", "princess", "sultan", "sheikh", "sheik", "shah", "ayatollah", "pope",
    "governor", "gov.", "mayor", "chairman", "chairwoman", "director", "secretary",
    "senator", "sen.", "rep.", "representative", "congressman", "congresswoman",
    "ambassador", "judge", "justice", "professor", "prof.", "general", "gen.",
    "admiral", "adm.", "colonel", "col.", "major", "maj.", "captain", "capt.",
    "lieutenant", "lt.", "sergeant", "sgt.", "officer", "detective", "det.",
    "mr.", "mr", "mrs.", "mrs", "ms.", "ms", "miss", "dr.", "dr", "doctor", "sir",
    "lord", "lady", "dame", "rev.", "reverend", "father", "sister", "brother",
    "rabbi", "imam", "cardinal", "bishop", "archbishop", "attorney", "gen",
}

MONTHS_DAYS = {
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "gmt",
}


def is_dateish(toks):
    for t in toks:
        if any(c.isdigit() for c in t) or t.lower().rstrip(".") in MONTHS_DAYS:
            return True
    return False


def spans(sentence):
    """Yields (start, end, CoNLL-2003 class) after the conventions above."""
    toks = sentence["tokens"]
    for e in sentence["entities"]:
        s, t, typ = e["start"], e["end"], e["type"]
        if typ == "Peop":
            while t - s > 1 and toks[s].lower() in TITLES:
                s += 1
            yield s, t, "PER"
        elif typ == "Org":
            yield s, t, "ORG"
        elif typ == "Loc":
            a = s
            for i in range(s, t + 1):
                if i == t or toks[i] == ",":
                    if i > a:
                        yield a, i, "LOC"
                    a = i + 1
        elif typ == "Other":
            if not is_dateish(toks[s:t]) and any(c.isupper() for c in toks[s]):
                yield s, t, "MISC"


def convert(data):
    out = []
    for sentence in data:
        toks = sentence["tokens"]
        tags = ["O"] * len(toks)
        for s, t, cls in spans(sentence):
            if any(x != "O" for x in tags[s:t]):
                continue
            for i in range(s, t):
                tags[i] = ("B-" if i == s else "I-") + cls
        out.append("-DOCSTART- -X- O O\n")
        for tok, tag in zip(toks, tags):
            out.append(f"{tok.replace(' ', '_')} {tag}\n")
        out.append("\n")
    return "".join(out)


def option(args, name, default):
    if name not in args:
        return default
    i = args.index(name)
    if i + 1 >= len(args):
        sys.exit(__doc__)
    value = args[i + 1]
    del args[i:i + 2]
    return value


def main():
    args = sys.argv[1:]
    repeat = int(option(args, "--repeat", "1"))
    prepend = option(args, "--prepend", None)
    out_path = option(args, "-o", None)
    if len(args) != 1 or repeat < 1:
        sys.exit(__doc__)
    with open(args[0], encoding="utf-8") as f:
        text = convert(json.load(f)) * repeat
    if prepend:
        with open(prepend, encoding="utf-8") as f:
            head = f.read()
        if head and not head.endswith("\n"):
            head += "\n"
        text = head + "\n" + text
    if out_path:
        with open(out_path, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
