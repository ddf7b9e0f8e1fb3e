"""Reading reports from files, directories and URLs into `Document`s."""

from tollbook.sources.files import ReadOptions
from tollbook.sources.jsonl import read_jsonl

__all__ = ["ReadOptions", "read_jsonl"]
