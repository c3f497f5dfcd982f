#!/usr/bin/env python3
"""Writes data/latin-fold.tsv, the ASCII spelling of each Latin letter with diacritics
(`python3 scripts/latin-fold.py > data/latin-fold.tsv`).

A letter of Latin-1, Latin Extended-A and -B and Latin Extended Additional folds to what its
canonical decomposition (the Unicode Character Database of this Python) leaves once its
combining marks are dropped: "ạ" a, "Đ" d is no decomposition, so letters with a stroke, a
ligature or a letter of their own take the spelling English writes for them (LETTERS_OF_THEIR_OWN).
"""
import unicodedata

LETTERS_OF_THEIR_OWN = {
    "đ": "d", "ð": "d", "ł": "l", "ŀ": "l", "ƚ": "l", "ø": "o", "ß": "ss", "æ": "ae",
    "œ": "oe", "þ": "th", "ı": "i", "ɨ": "i", "ħ": "h", "ŧ": "t", "ƀ": "b", "ĸ": "k",
    "ſ": "s", "ƒ": "f", "ǥ": "g", "ɍ": "r", "ɏ": "y", "ƶ": "z", "ŋ": "ng", "ŉ": "n",
}

RANGES = [(0xC0, 0x250), (0x1E00, 0x1F00)]

print(f"# The ASCII spelling of each Latin letter with diacritics<TAB>its spelling, lower case.")
print(f"# Made by scripts/latin-fold.py from the Unicode Character Database {unicodedata.unidata_version}")
print("# (canonical decompositions, combining marks dropped), with the letters that have none")
print("# spelled as English writes them (đ d, ł l, ø o, ß ss, æ ae, þ th). The gazetteer's keys and")
print("# the text's words are folded alike (src/gazetteer.rs `normalize`): \"Bình Định\" is \"binh dinh\".")
for lo, hi in RANGES:
    for cp in range(lo, hi):
        c = chr(cp)
        if not c.isalpha():
            continue
        own = LETTERS_OF_THEIR_OWN.get(c.lower())
        bare = "".join(x for x in unicodedata.normalize("NFD", c) if not unicodedata.combining(x))
        if own is not None:
            print(f"{c}\t{own}")
        elif bare != c and bare.isascii() and bare.isalpha():
            print(f"{c}\t{bare.lower()}")
