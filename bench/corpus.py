"""A generated corpus of news-like casualty reports, for benchmarks.

    from corpus import generate_documents, write_jsonl
    docs = list(generate_documents(5000, seed=7))

Each document has 2-4 paragraphs of 2-5 sentences mixing casualty sentences
(digits and words, hedges, several figures and groups, attributions in the
sentence or the one before, passive and nominal forms), distractor sentences
full of numbers that are not casualties (dates, ages, money, vehicles,
villages) and plain background sentences, in about the proportions of wire
copy.  Place, source and group names are invented.  The same seed gives the
same corpus, so runs compare.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from tollbook.models import Document

PLACES = [
    "Qasr al-Nour", "Bel Harran", "Tamsala", "Kivu Heights", "Port Abena", "Daro Valley",
    "Marsat", "Ein Kabir", "Lower Zuma", "Sabra Junction", "Mount Tilo", "Wadi Seram",
]  # fmt: skip
SOURCES = [
    "the regional health office", "the Coastal Rights Monitor", "local officials",
    "the interior ministry", "a hospital director", "the UN humanitarian office",
    "residents", "the army", "the Red Crescent", "a police spokesman",
]  # fmt: skip
GROUPS = [
    "civilians", "soldiers", "police officers", "children", "women", "fighters",
    "villagers", "students", "aid workers", "people",
]  # fmt: skip
WORD_NUMBERS = ["two", "three", "five", "seven", "nine", "eleven", "twelve", "twenty-three"]
HEDGES = ["", "", "", "at least ", "more than ", "nearly ", "about ", "up to "]
CASUALTY_TEMPLATES = [
    "{hedge}{n} {group} were killed in {place} on {day}, {source} said.",
    "According to {source}, {hedge}{n} {group} were wounded when shells hit {place}.",
    "The attack on {place} killed {hedge}{n} {group} and injured {m} others.",
    "{Source} said the death toll had risen to {n}, including {k} children.",
    "Gunmen abducted {n} {group} near {place}, {source} told reporters.",
    "Dozens of families fled {place} after the clashes, {source} said.",
    "The bodies of {n} {group} were found outside {place}.",
    "{hedge}{n} people died and {m} were injured in the blast, {source} said.",
    "Hundreds of residents have been displaced since {day}.",
    "{Source} put the number of dead at between {k} and {n}.",
]
DISTRACTOR_TEMPLATES = [
    "The convoy of {m} vehicles left {place} at 6:30 a.m. on {day}.",
    "A {age}-year-old shopkeeper said prices had doubled since {year}.",
    "The government pledged ${money} million for reconstruction in {m} villages.",
    "The {year} agreement covered {m} districts and {k} crossing points.",
    "Talks in {place} are due to resume on {day}, with {m} delegations expected.",
    "The militia has carried out {k} attacks in the province this year.",
]
BACKGROUND_TEMPLATES = [
    "Tensions have been rising in the region for months.",
    "The roads into {place} remained closed on {day}.",
    "Aid agencies called for safe access to the area.",
    "Electricity and water were cut in several neighbourhoods.",
    "Witnesses described heavy gunfire through the night.",
    "The authorities imposed a curfew in {place}.",
    "Markets in {place} reopened after a week.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _sentence(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.35:
        template = rng.choice(CASUALTY_TEMPLATES)
    elif roll < 0.6:
        template = rng.choice(DISTRACTOR_TEMPLATES)
    else:
        template = rng.choice(BACKGROUND_TEMPLATES)
    n = rng.choice([rng.randint(2, 60), rng.randint(60, 2500), rng.choice(WORD_NUMBERS)])
    source = rng.choice(SOURCES)
    text = template.format(
        hedge=rng.choice(HEDGES),
        n=f"{n:,}" if isinstance(n, int) else n,
        m=rng.randint(2, 80),
        k=rng.randint(1, 20),
        group=rng.choice(GROUPS),
        place=rng.choice(PLACES),
        day=rng.choice(DAYS),
        source=source,
        Source=source[0].upper() + source[1:],
        age=rng.randint(18, 80),
        year=rng.randint(1995, 2024),
        money=rng.randint(2, 900),
    )
    return text[0].upper() + text[1:]


def generate_documents(count: int, seed: int = 7) -> Iterator[Document]:
    """`count` documents, the same ones for the same seed."""
    rng = random.Random(seed)
    start = date(2025, 3, 6)
    for number in range(count):
        paragraphs = [
            " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))
            for _ in range(rng.randint(2, 4))
        ]
        published = start + timedelta(days=rng.randint(0, 25))
        yield Document(
            text="\n\n".join(paragraphs),
            doc_id=f"bench-{number:06d}",
            url=f"https://wire.example/{number}",
            title=f"Report {number} from {rng.choice(PLACES)}",
            publisher=rng.choice(["Example Wire", "Coastal Times", "Daily Ledger"]),
            published=published.isoformat(),
        )


def write_jsonl(path: str | Path, count: int, seed: int = 7) -> Path:
    """The corpus as a docs.jsonl file (the `tollbook extract` / `ingest` contract)."""
    path = Path(path)
    with path.open("w", encoding="utf-8") as handle:
        for doc in generate_documents(count, seed):
            record = {
                "doc_id": doc.doc_id,
                "url": doc.url,
                "title": doc.title,
                "publisher": doc.publisher,
                "published": doc.published,
                "text": doc.text,
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
