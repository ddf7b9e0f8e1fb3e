"""Name normalisation for linking victims' records written in Arabic script or romanised.

The same person is recorded as محمد عبدالله أبو هلال, "Mohammed Abdallah Abu Hilal",
"Muhammad Abd Allah Abuhlal" or, after a PDF extraction, محمد عبد هللا ابو هالل.  Linkage
compares names only after each is brought to forms in which such spellings coincide:

- `arabic_form` (Arabic script only): NFKC (composes a hamza written as alef + U+0654),
  no diacritics or tatweel, one alef, ى→ي, ة→ه, ؤ→و, ئ→ي, no bare hamza, and the two
  damages PDF extraction does to ligatures undone in one canonical direction: the Allah
  ligature read as هللا becomes الله, and every lam-alef is written alef-lam (PDF
  extraction swaps the pair, علاء → عالء, and the damaged form cannot be told from a
  genuine alef-lam, so both sides are brought to it).
- `latin_form` (any script with a Latin romanisation): anyascii, lower case, no
  apostrophes for hamza or ayin, digraphs folded (kh, sh, gh, th, dh), vowel runs and
  double letters collapsed (Mohammed, Mohamed, Muhammad → muhamad).
- `skeleton`: the consonants only, the same alphabet for both scripts (محمد and
  Mohamed → mhmd).  This is what makes an Arabic-script record comparable with a
  romanised one; vowels are dropped because Arabic script does not write short vowels.

Name parts follow the Arabic naming chain (given name, father's, grandfather's, family
name): the second name is the father's; "bin/ibn/bint/ben" are dropped because they only
announce the father; "Abd al-X"/"Abdul X"/"Abdel X"/عبد X and "Abu X"/أبو X are joined
into one token; a leading "Abu X" followed by a full name is a kunya, kept apart.

Transliteration: camel-tools was checked and rejected (its wheel requires torch,
transformers and a kenlm build; its character maps give Buckwalter, not a romanisation);
Arabic letters are mapped to the skeleton by our own table, anyascii handles every other
script and Latin diacritics.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from anyascii import anyascii

ARABIC_LETTER = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_ARABIC_MARKS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
_ARABIC_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        "ء": None,
        "ـ": None,
    }
)
# Arabic letter -> skeleton consonant; long vowels are handled by position (see below).
_ARABIC_SKELETON = {
    "ب": "b",
    "ت": "t",
    "ث": "t",
    "ج": "j",
    "ح": "h",
    "خ": "x",
    "د": "d",
    "ذ": "d",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "c",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "غ": "g",
    "ف": "f",
    "ق": "k",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "پ": "b",
    "چ": "c",
    "گ": "j",
    "ڤ": "f",
    "ی": "y",
    "ک": "k",
}
_ARABIC_VOWELS = {"ا": "a", "و": "u", "ي": "i", "ع": ""}

# Words that only link two names: "son of", "daughter of".
PATRONYMIC_LINKS = {"bin", "ibn", "ben", "bint", "bnt", "ibnat", "بن", "ابن", "بنت"}
_ABU_LATIN = {"abu", "abou", "abo", "abū", "abi", "aboo"}
_ABU_ARABIC = {"ابو", "أبو", "ابي", "أبي"}
_ARTICLE_LATIN = {"al", "el", "il", "ul", "ал"}
_ABD_ARABIC = "عبد"


def has_arabic(text: str) -> bool:
    return bool(ARABIC_LETTER.search(text))


@lru_cache(maxsize=200_000)
def arabic_form(text: str) -> str:
    """Canonical Arabic spelling; spaces kept (single) so tokens can still be told apart."""
    text = unicodedata.normalize("NFKC", text)
    text = _ARABIC_MARKS.sub("", text)
    text = text.translate(_ARABIC_FOLD)
    text = re.sub(r"[^\w\s]|\d|_", " ", text)
    text = text.replace("هللا", "الله")
    text = text.replace("لا", "ال")
    return " ".join(text.split())


@lru_cache(maxsize=200_000)
def latin_form(text: str) -> str:
    """Romanised spelling folded so common variants coincide (vowels kept, collapsed)."""
    text = anyascii(text).lower()
    text = _APOSTROPHES.sub("", text)
    text = _NOT_LATIN.sub(" ", text)
    return " ".join(_latin_word(word) for word in text.split())


_APOSTROPHES = re.compile(r"['`’ʿʾ‘]")
_NOT_LATIN = re.compile(r"[^a-z ]+")
_FINAL_H = re.compile(r"(?<=[aeiou])[hw]$")
_U = re.compile(r"(ou|oo|uu|o|u)")
_I = re.compile(r"(ee|ei|ey|ie|ii|iy|i|e(?=[^aeiou]*$)|e)")
_VOWEL_RUN = re.compile(r"[aeiu]{2,}")
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=200_000)
def _latin_word(word: str) -> str:
    word = word.replace("kh", "x").replace("sh", "c").replace("gh", "g")
    word = word.replace("th", "t").replace("dh", "d").replace("ch", "c").replace("ph", "f")
    word = word.replace("q", "k").replace("ck", "k").replace("v", "f").replace("p", "b")
    word = _FINAL_H.sub("", word) if len(word) > 3 else word
    word = _U.sub("u", word)
    word = _I.sub("i", word)
    word = _VOWEL_RUN.sub(lambda m: m.group(0)[0], word)
    return _DOUBLE.sub(r"\1", word)


def _latin_skeleton(word: str) -> str:
    head, rest = word[:1], word[1:]
    rest = rest.replace("y", "").replace("w", "")
    if head in "aeiou":
        head = ""
    skeleton = head + re.sub(r"[aeiou]", "", rest)
    skeleton = skeleton.replace("g", "j")  # Egyptian g = j; Arabic gh was folded to g above
    return skeleton


def _arabic_skeleton(word: str) -> str:
    out = []
    for i, letter in enumerate(word):
        if letter in _ARABIC_VOWELS:
            if i == 0 and letter in "وي":
                out.append("w" if letter == "و" else "y")
            continue
        if letter == "ه" and i == len(word) - 1 and i > 1:
            continue  # taa marbuta written as ه: romanised -a, -ah, -eh
        if letter == "غ":
            out.append("j")  # gh and g fold together, as in the Latin skeleton
            continue
        out.append(_ARABIC_SKELETON.get(letter, ""))
    return "".join(out)


@lru_cache(maxsize=200_000)
def skeleton(text: str) -> str:
    """Consonant skeleton, comparable between Arabic script and romanisations."""
    return "".join(_word_skeleton(word) for word in text.split())


@lru_cache(maxsize=200_000)
def _word_skeleton(word: str) -> str:
    if has_arabic(word):
        sk = _arabic_skeleton(arabic_form(word).replace(" ", ""))
    else:
        sk = _latin_skeleton(latin_form(word).replace(" ", ""))
    return _DOUBLE.sub(r"\1", sk)


@dataclass(frozen=True)
class NameParts:
    """A name split along the Arabic naming chain, each part in its compared form."""

    given: str | None = None
    father: str | None = None
    grandfather: str | None = None
    family: str | None = None
    kunya: str | None = None
    tokens: tuple[str, ...] = field(default_factory=tuple)


def _is_abd(token: str) -> bool:
    return (
        token
        in {
            "abd",
            "abdul",
            "abdel",
            "abdal",
            "abdil",
            "abdol",
            "abdu",
            "abdur",
            "abdus",
            "abdun",
            _ABD_ARABIC,
        }
        or token.startswith("abd")
        and (token in {"abdar", "abdas", "abdad", "abdan", "abdaz", "abdat"})
    )


def _strip_article(token: str) -> str:
    """al-X / el-X / الX -> X, for the second half of an Abd compound or a family name."""
    if token in {"الله", "allah", "ullah", "alla"}:
        return token
    if has_arabic(token):
        return token[2:] if token.startswith("ال") and len(token) > 3 else token
    if token.startswith(("al", "el")) and len(token) > 4:
        return token[2:].lstrip("-")
    return token


def strip_article(name: str) -> str:
    """The name without a leading definite article (الـ, al-, el-, Al ), as lists differ."""
    name = name.strip()
    if has_arabic(name):
        return name[2:].strip() if name.startswith("ال") and len(name) > 4 else name
    match = re.match(r"^(?:al|el)(?:[-\s']+|(?=[a-z]{4,}$))(.+)$", name, flags=re.IGNORECASE)
    return match.group(1) if match else name


def _latin_tokens(text: str) -> list[str]:
    text = anyascii(text).lower()
    text = re.sub(r"['`’ʿʾ‘]", "", text)
    # "al-Rahman", "el Masri": an article written apart belongs to the next word.
    text = re.sub(r"\b(al|el|ul|il|ad|ar|as|at|an|az|ash|ud|ur|us)[-\s]+(?=[a-z])", r"\1", text)
    return re.split(r"[\s\-\.,]+", text.strip())


def _arabic_tokens(text: str) -> list[str]:
    return arabic_form(text).split()


def name_tokens(text: str) -> list[str]:
    """Tokens of a full name with compounds joined and patronymic links dropped."""
    raw = _arabic_tokens(text) if has_arabic(text) else _latin_tokens(text)
    raw = [t for t in raw if t and t not in PATRONYMIC_LINKS]
    joined: list[str] = []
    i = 0
    while i < len(raw):
        token = raw[i]
        nxt = raw[i + 1] if i + 1 < len(raw) else None
        if nxt is not None and (_is_abd(token) or token in _ABU_LATIN or token in _ABU_ARABIC):
            if token in _ABU_ARABIC:
                token = "ابو"
            elif token in _ABU_LATIN:
                token = "abu"
            elif not has_arabic(token):
                token = "abd"
            joined.append(token + _strip_article(nxt))
            i += 2
            continue
        if joined and (
            token in {"الدين", "الله"} or re.fullmatch(r"[aeiu]?[ld]?din|allah|ullah", token)
        ):
            # Salah al-Din, Ata Allah: one given name, the article of al-Din not written
            joined[-1] = joined[-1] + (token[2:] if token == "الدين" else token)
            i += 1
            continue
        joined.append(token)
        i += 1
    return [_canonical_compound(t) for t in joined]


@lru_cache(maxsize=200_000)
def _canonical_compound(token: str) -> str:
    """Abd compounds and Abu names written joined get the same shape as when written apart."""
    if has_arabic(token):
        if token.startswith(_ABD_ARABIC) and len(token) > 4 and token != "عبدالله":
            return _ABD_ARABIC + _strip_article(token[3:])
        if token.startswith("ابو") and len(token) > 4:
            return "ابو" + _strip_article(token[3:])
        return token
    match = re.match(r"^abd(?:[aeiou][lrsdtnz]?)?-?(.{3,})$", token)
    if match and not re.fullmatch(r"[aeiou]?l?lah|ullah|allah", match.group(1)):
        return "abd" + match.group(1).lstrip("-")
    if re.fullmatch(r"abd(?:u|a|e)?l?lah", token):
        return "abdallah"
    match = re.match(r"^ab(?:u|ou|o)(.{3,})$", token)
    if match:
        return "abu" + _strip_article(match.group(1))
    return token


@lru_cache(maxsize=200_000)
def split_name(text: str) -> NameParts:
    """Given, father's, grandfather's and family name of a full name written in order.

    The second name is the father's; with four names or more the third is the
    grandfather's and the last the family name; a leading "Abu X" followed by a full
    chain of names is a kunya (a by-name), kept apart from the chain.
    """
    kunya = None
    match = re.search(r"\(([^)]*)\)", text)
    if match:
        kunya = " ".join(name_tokens(match.group(1))) or None
        text = text[: match.start()] + " " + text[match.end() :]
    tokens = name_tokens(text)
    if len(tokens) >= 4 and tokens[0].startswith(("abu", "ابو")) and kunya is None:
        kunya, tokens = tokens[0], tokens[1:]
    if not tokens:
        return NameParts(kunya=kunya)
    given = tokens[0]
    father = tokens[1] if len(tokens) >= 3 else None
    grandfather = tokens[2] if len(tokens) >= 4 else None
    family = tokens[-1] if len(tokens) >= 2 else None
    return NameParts(given, father, grandfather, family, kunya, tuple(tokens))
