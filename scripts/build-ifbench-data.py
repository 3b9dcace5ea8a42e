#!/usr/bin/env python3
"""Rebuilds data/ifbench/*, the data IFBench's checkers rest on.

The runtime reads each file on first use (src/runtime/ifbench/data.ts), so a command
that runs no IFBench checker never loads them. Standard library only. Sources
(public, see data/ifbench/NOTICE.md):
  --stopwords  nltk_data packages/corpora/stopwords.zip            (NLTK English stop words)
  --tagger     nltk_data packages/taggers/averaged_perceptron_tagger.zip
               (or a directory holding averaged_perceptron_tagger_eng's weights.json,
               tagdict.json and classes.json)
  --syllapy    syllapy/data.csv from syllapy 0.7.2
  --emoji      emoji/unicode_codes/emoji.json from the `emoji` package (a version whose
               data matches IFBench's pin), or
  --emojibase  meta/unicode.json from the npm package `emojibase-data` of the pinned
               Emoji version (17.0.0 for emoji 2.15.0 = Emoji 17.0). The `emoji` package
               builds its table from unicode.org's emoji-test.txt; emojibase lists the same
               sequences plus the 26 regional indicators alone. Its single code points
               (variation selectors removed) without the regional indicators are the
               `emoji` package's single-code-point keys: `--emojibase` on emojibase-data
               16.0.3 gives exactly emoji 2.14.1's 1,393 (check with --emoji-check).
  --emoji-check  with --emojibase: an emoji.json to compare against (prints the differences)

Example (sources taken from git mirrors of the public repositories):
  git -C nltk_data cat-file -p HEAD:packages/corpora/stopwords.zip > /tmp/stopwords.zip
  python3 scripts/build-ifbench-data.py --stopwords /tmp/stopwords.zip --tagger /tmp/apt.zip \
      --syllapy /tmp/data.csv --emoji /tmp/emoji.json
  npm pack emojibase-data@17.0.0 && tar xzf emojibase-data-17.0.0.tgz
  python3 scripts/build-ifbench-data.py --emojibase package/meta/unicode.json

The tagger is pruned to the features the tagger can use for the FIRST token of
a text (the only tag `words:start_verb` reads): the prediction for that token
is identical, and the data is a fraction of the size.
"""
import argparse
import io
import json
import os
import pickle
import zipfile

OUT = os.path.join(os.path.dirname(__file__), "..", "data", "ifbench")


class _DataOnly(pickle.Unpickler):
    """Unpickles plain containers only: the tagger pickle holds (dict, dict, set)."""

    def find_class(self, module, name):
        if module in ("builtins", "__builtin__", "collections") and name in ("set", "dict", "defaultdict", "list", "tuple"):
            import builtins
            import collections
            return getattr(builtins, name, None) or getattr(collections, name)
        raise pickle.UnpicklingError(f"refusing {module}.{name}")


def write(name, body):
    """One data file, UTF-8 with LF line ends and a final newline (no header: NOTICE.md names sources)."""
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="\n") as f:
        f.write(body + "\n")


def stopwords(path):
    words = zipfile.ZipFile(path).read("stopwords/english").decode("utf-8").split("\n")
    words = [w for w in words if w]
    # NLTK `stopwords.words('english')`, one per line, in corpus order.
    write("stopwords.txt", "\n".join(words))


def load_tagger(path):
    if os.path.isdir(path):
        def rd(n):
            with open(os.path.join(path, n), encoding="utf-8") as f:
                return json.load(f)
        return rd("weights.json"), rd("tagdict.json"), rd("classes.json")
    z = zipfile.ZipFile(path)
    name = next(n for n in z.namelist() if n.endswith(".pickle"))
    w, td, cl = _DataOnly(io.BytesIO(z.read(name))).load()
    return w, td, sorted(cl)


# Features of position 0: the word itself and the two after it, plus the constant
# START context (previous tags/words are always -START-/-START2- there).
PREFIXES = ("i suffix ", "i pref1 ", "i word ", "i+1 word ", "i+1 suffix ", "i+2 word ", "i-1 tag+i word -START- ")
CONSTANT = {"bias", "i-1 tag -START-", "i-2 tag -START2-", "i tag+i-2 tag -START- -START2-",
            "i-1 word -START2-", "i-1 suffix T2-", "i-2 word -START-"}


def tagger(path):
    weights, tagdict, classes = load_tagger(path)
    classes = list(classes)
    index = {c: i for i, c in enumerate(classes)}
    lines = []
    for feat, ws in weights.items():
        if feat in CONSTANT or feat.startswith(PREFIXES):
            if "\n" in feat or "\t" in feat:
                continue
            # label order is kept: the reference sums in dict order
            lines.append(feat + "\t" + " ".join(f"{index[l]}:{repr(float(v))}" for l, v in ws.items()))
    td = "\n".join(f"{w}\t{t}" for w, t in tagdict.items() if "\n" not in w and "\t" not in w)
    # classes: the labels; tagdict: `word\ttag` lines; weights: `feature\tclassIndex:weight ...` lines.
    write("pos-tagger.json", json.dumps({"classes": classes, "tagdict": td, "weights": "\n".join(lines)}, ensure_ascii=True, indent=1))


def syllapy(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = [line.rstrip("\r\n") for line in f if line.strip()]
    # syllapy 0.7.2 data.csv as is: `word,syllables` lines (a later duplicate wins, as with dict assignment).
    write("syllapy.csv", "\n".join(rows))


def emoji_package_singles(path):
    """Single-code-point keys of the `emoji` package's emoji.json."""
    with open(path, encoding="utf-8") as f:
        return {ord(k) for k in json.load(f) if len(k) == 1}


def emojibase_singles(path):
    """emojibase-data's meta/unicode.json: single code points without variation selectors, minus the regional indicators."""
    with open(path, encoding="utf-8") as f:
        seqs = json.load(f)
    out = set()
    for seq in seqs:
        bare = seq.replace("\ufe0f", "").replace("\ufe0e", "")
        if len(bare) == 1 and not 0x1F1E6 <= ord(bare) <= 0x1F1FF:
            out.add(ord(bare))
    return out


def emoji(cps, source):
    cps = sorted(cps)
    ranges = []
    for c in cps:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    # Code points `c` for which `emoji.is_emoji(c)` is true (single-code-point keys of EMOJI_DATA), as hex ranges, one per line.
    print(f"emoji.txt: {len(cps)} code points from {source}")
    write("emoji.txt", "\n".join(f"{a:x}" if a == b else f"{a:x}-{b:x}" for a, b in ranges))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stopwords")
    ap.add_argument("--tagger")
    ap.add_argument("--syllapy")
    ap.add_argument("--emoji")
    ap.add_argument("--emojibase")
    ap.add_argument("--emoji-check")
    a = ap.parse_args()
    if a.stopwords:
        stopwords(a.stopwords)
    if a.tagger:
        tagger(a.tagger)
    if a.syllapy:
        syllapy(a.syllapy)
    if a.emoji:
        emoji(emoji_package_singles(a.emoji), "the emoji package's emoji.json")
    if a.emojibase:
        cps = emojibase_singles(a.emojibase)
        if a.emoji_check:
            ref = emoji_package_singles(a.emoji_check)
            print("only in emojibase:", " ".join(f"{c:X}" for c in sorted(cps - ref)) or "none")
            print("only in emoji.json:", " ".join(f"{c:X}" for c in sorted(ref - cps)) or "none")
        else:
            emoji(cps, "emojibase-data's meta/unicode.json")


if __name__ == "__main__":
    main()
