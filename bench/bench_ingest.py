"""Ingest throughput per input format, into a fresh SQLite file.

    .venv/bin/python bench/bench_ingest.py [--files 400] [--jsonl-docs 2000]

Writes the generated corpus (`corpus.py`, fixed seed) out as files of every
format `tollbook ingest` reads (text with a header block, HTML pages,
wikitext with references, RSS feeds of five items, one JSON Lines file),
then times `tollbook.ingest.ingest` on each format into a new database, and
once more on everything to measure re-ingesting (all already stored).
Prints files/s, documents/s and ms per document, and the peak resident memory.
"""

from __future__ import annotations

import argparse
import html
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate_documents  # noqa: E402

from tollbook.ingest import ingest  # noqa: E402
from tollbook.models import Document  # noqa: E402
from tollbook.store import Store  # noqa: E402


def as_text(doc: Document) -> str:
    return (
        f"Title: {doc.title}\nPublisher: {doc.publisher}\nPublished: {doc.published}\n"
        f"URL: {doc.url}\n\n{doc.text}\n"
    )


def as_html(doc: Document) -> str:
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in doc.text.split("\n\n"))
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(doc.title or "")}'
        f'</title><meta property="og:site_name" content="{html.escape(doc.publisher or "")}">'
        f'<link rel="canonical" href="{doc.url}"><meta property="article:published_time" '
        f'content="{doc.published}"></head><body><nav>Home | World | Region</nav><article>'
        f"<h1>{html.escape(doc.title or '')}</h1>{paragraphs}</article>"
        "<footer>Contact | Terms | Privacy</footer></body></html>"
    )


def as_wikitext(doc: Document) -> str:
    cite = (
        f"<ref>{{{{cite news |url={doc.url} |title={doc.title} |work={doc.publisher} "
        f"|date={doc.published}}}}}</ref>"
    )
    body = "\n\n".join(p + cite for p in doc.text.split("\n\n"))
    return f"{{{{Infobox military conflict\n| conflict = {doc.title}\n}}}}\n{body}\n"


def as_rss(docs: list[Document]) -> str:
    items = "".join(
        f"<item><title>{html.escape(d.title or '')}</title><link>{d.url}</link>"
        f"<description>{html.escape(d.text)}</description></item>"
        for d in docs
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Bench Wire</title>{items}</channel></rss>"
    )


def write_corpus(root: Path, files: int, jsonl_docs: int) -> dict[str, Path]:
    per_format = max(files // 4, 1)
    docs = list(generate_documents(per_format * 3 + per_format * 5 + jsonl_docs, seed=11))
    folders = {name: root / name for name in ("text", "html", "wikitext", "feed", "jsonl")}
    for folder in folders.values():
        folder.mkdir()
    for i in range(per_format):
        (folders["text"] / f"{i:05}.txt").write_text(as_text(docs[i]), encoding="utf-8")
        page = as_html(docs[per_format + i])
        (folders["html"] / f"{i:05}.html").write_text(page, encoding="utf-8")
        article = as_wikitext(docs[2 * per_format + i])
        (folders["wikitext"] / f"{i:05}.wiki").write_text(article, encoding="utf-8")
        items = docs[3 * per_format + 5 * i : 3 * per_format + 5 * (i + 1)]
        (folders["feed"] / f"{i:05}.rss").write_text(as_rss(items), encoding="utf-8")
    with (folders["jsonl"] / "docs.jsonl").open("w", encoding="utf-8") as handle:
        for doc in docs[8 * per_format :]:
            record = {"doc_id": doc.doc_id, "text": doc.text, "url": doc.url, "title": doc.title,
                      "publisher": doc.publisher, "published": doc.published}  # fmt: skip
            handle.write(json.dumps(record) + "\n")
    return folders


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=400, help="files of text/HTML/wikitext/RSS")
    parser.add_argument("--jsonl-docs", type=int, default=2000, help="lines of the JSONL file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folders = write_corpus(root, args.files, args.jsonl_docs)
        store = Store.open(str(root / "bench.db"))
        print(f"{'format':<10}{'files':>7}{'docs':>7}{'seconds':>9}{'files/s':>9}"
              f"{'docs/s':>9}{'ms/doc':>8}")  # fmt: skip
        total_docs = 0
        for name, folder in folders.items():
            count = sum(1 for _ in folder.iterdir())
            started = time.perf_counter()
            report = ingest(store, [str(folder)], progress=False)
            elapsed = time.perf_counter() - started
            docs = len(report.added)
            total_docs += docs
            if report.failed:
                print(f"  {len(report.failed)} failed, first: {report.failed[0]}")
            print(f"{name:<10}{count:>7}{docs:>7}{elapsed:>9.2f}{count / elapsed:>9.1f}"
                  f"{docs / elapsed:>9.1f}{1000 * elapsed / max(docs, 1):>8.2f}")  # fmt: skip
        started = time.perf_counter()
        again = ingest(store, [str(f) for f in folders.values()], progress=False)
        elapsed = time.perf_counter() - started
        print(f"re-ingest: {len(again.already_stored)} already stored, {len(again.added)} added "
              f"in {elapsed:.2f} s ({len(again.already_stored) / elapsed:.0f} docs/s)")  # fmt: skip
        store.close()
        size = (root / "bench.db").stat().st_size
        print(f"{total_docs} documents, database {size / 1e6:.1f} MB")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
