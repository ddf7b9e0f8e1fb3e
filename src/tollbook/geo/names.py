"""Place-name keys that make romanisation variants of one name collide.

News writes the same place in many ways: Jableh, Jablah, Jebleh, Djeble,
Dschabla; Sweida, Suwayda, As-Suwayda; Kharkiv, Kharkov.  GeoNames lists many
of these as alternate names, but never all of them, so lookups go through a
*variant key* computed by general rules of romanisation rather than by a table
of known places:

* script and diacritics: NFKD decomposition drops combining marks, `anyascii`
  transliterates what is left (Łódź → Lodz, Ḩamāh → Hamah);
* apostrophes and ayn/hamza marks vanish (Dar'a = Daraa);
* Arabic articles are dropped (al-, el-, as-, ash-, ad-, ...), also when glued
  and assimilated (Ezzor, Arraqqa);
* consonant spellings of other European traditions fold together:
  dj/dzh/dsch → j, kh/q/ck → k, dh → z, th → t, ph → f, zh → j, sch/sh → s,
  c before e/i → s, w → v;
* French "ou" before a vowel is a w (Ouagadougou = Wagadugu); w is a consonant
  before a vowel and part of a vowel elsewhere (Zawr = Zor,
  Suwayda = Sweida); y is a consonant only before a vowel at the start of a
  word (Yabroud) or between vowels (Dayr = Deir, Kyiv = Kiev,
  Baniyas = Banias);
* every vowel is one class and runs of it are one vowel (e/i/a, ou/u, ei/ay),
  doubled letters are one letter (Lattakia = Latakia), and a word-final h after
  a vowel is silent (Jableh = Jabla).

The key is deliberately coarse: it finds candidates.  Choosing among them is
the resolver's job, which compares the folded spellings (`fold`) and weighs
country, distance and population.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

ARTICLES = frozenset("al el il ul as ash ad adh ar at ath az an es esh ed er et ez en".split())
_QUOTE_MARKS = "'`´‘’ʼʻʿʾ\"“”"
_DROP_MARKS = str.maketrans("", "", _QUOTE_MARKS)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# An article glued to a name beginning with a "sun letter" doubles that letter:
# Arraqqa, Ezzor, Assuwayda, Alladhiqiyah.
_GLUED_ARTICLE = re.compile(r"^[ae]([bdlnrstz])\1(?=[a-z]{2})")
_LONG_I = re.compile(r"iy+(?=[aeiou])")
_LONG_U = re.compile(r"uw+(?=[aeiou])")
_SILENT_H = re.compile(r"(?<=[aeiou])h$")
_SOFT_C = re.compile(r"c(?=[eiy])")
_DIGRAPHS = (
    ("dsch", "j"),
    ("tsch", "c"),
    ("sch", "s"),
    ("dzh", "j"),
    ("dj", "j"),
    ("dz", "j"),
    ("tch", "c"),
    ("kh", "k"),
    ("gh", "g"),
    ("ck", "k"),
    ("ph", "f"),
    ("dh", "z"),
    ("th", "t"),
    ("zh", "j"),
    ("sh", "s"),
    ("ch", "c"),
    ("q", "k"),
    ("x", "ks"),
)
_W_CONSONANT = re.compile(r"w(?=[aeiou])")
_OU_GLIDE = re.compile(r"ou(?=[aei])")
# y is a consonant at the start of a word or between vowels, before a vowel;
# marked Y while the other vowels are folded.
_Y_CONSONANT = re.compile(r"(?:^|(?<=[aeiou]))y(?=[aeiou])")
_ONE_VOWEL = str.maketrans({"e": "a", "i": "a", "o": "a", "u": "a", "w": "a", "y": "a", "Y": "y"})
_DOUBLED = re.compile(r"(.)\1+")


def fold(text: str) -> str:
    """Lower-case ASCII with marks and punctuation gone: 'Dar'ā' → 'dara'."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = anyascii("".join(ch for ch in decomposed if not unicodedata.combining(ch)))
    return _NON_ALNUM.sub(" ", text.lower().translate(_DROP_MARKS)).strip()


def strip_articles(words: list[str]) -> list[str]:
    """Drop Arabic articles (when something is left) and glued, assimilated ones."""
    kept = [word for word in words if word not in ARTICLES]
    if not kept:
        return words
    return [
        _GLUED_ARTICLE.sub(r"\1", word) if len(word) > 3 and word[1] == word[2] else word
        for word in kept
    ]


@lru_cache(maxsize=500_000)
def _word_key(word: str) -> str:
    # -iya- and -uwa- are long vowels written with their glide: Baniyas = Banias.
    # (Each rule is guarded by a cheap test: building the index runs this a million times.)
    if "iy" in word:
        word = _LONG_I.sub("i", word)
    if "uw" in word:
        word = _LONG_U.sub("w", word)
    if word.endswith("h"):
        word = _SILENT_H.sub("", word)
    if "c" in word:
        word = _SOFT_C.sub("s", word)
    for spelling, sound in _DIGRAPHS:
        if spelling in word:
            word = word.replace(spelling, sound)
    if "ou" in word:  # French ou before a vowel is w: Ouagadougou = Wagadugu, Oued = Wadi
        word = _OU_GLIDE.sub("w", word)
    if "w" in word:
        word = _W_CONSONANT.sub("v", word)
    if "y" in word:
        word = _Y_CONSONANT.sub("Y", word)
    return _DOUBLED.sub(r"\1", word.translate(_ONE_VOWEL))


def name_keys(name: str) -> tuple[str, str]:
    """(variant key, comparable spelling) of a name, folding it once."""
    words = strip_articles(fold(name).split())
    return "".join(_word_key(word) for word in words), " ".join(words)


@lru_cache(maxsize=200_000)
def variant_key(name: str) -> str:
    """The key under which every romanisation of `name` should be found."""
    return name_keys(name)[0]


def comparable(name: str) -> str:
    """The folded spelling without articles, for similarity scores."""
    return name_keys(name)[1]


def is_latin(name: str) -> bool:
    """Whether a name is written in Latin script (diacritics allowed)."""
    return name.isascii() or all(
        ord(ch) < 0x250 or ch in _QUOTE_MARKS or ch.isspace() for ch in name
    )
