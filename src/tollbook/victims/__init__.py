"""Named victims: import lists, link their records into people, count who is on which list.

importer   read CSV / XLSX / JSON Lines lists with a column mapping
names      normalise Arabic names (script and romanisations) for comparison
features   the compared columns of each record
linkage    Splink model (DuckDB): blocking, comparisons, EM, scored pairs
clusters   people from accepted pairs (connected components)
records    the lists, people and pairs in the store; capture histories
review     doubtful pairs out to a CSV, reviewers' verdicts back in
generator  synthetic multi-list data with known truth
evaluate   precision / recall / F1 of a linkage against the truth
"""

from tollbook.victims.records import (
    ImportReport,
    LinkReport,
    capture_histories,
    histories_from_people,
    import_list,
    link,
    people_frame,
)

__all__ = [
    "ImportReport",
    "LinkReport",
    "capture_histories",
    "histories_from_people",
    "import_list",
    "link",
    "people_frame",
]
