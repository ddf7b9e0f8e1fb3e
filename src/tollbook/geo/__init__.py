"""Offline geocoding: place mentions in news to gazetteer entries with precision codes.

    geocode("the coastal town of Baniyas", country_hint="SY")  → Location | None
    locate_claim(claim, doc)                                   → contract dict | None

Modules: `names` (romanisation keys), `gazetteer` (the index and how it is
built), `mentions` (reading "near X", "X province"), `resolve` (scoring and
refusal), `precision` (ACLED and UCDP codes), `countries` (country names and
demonyms) and `context` (a document's country and places).
"""

from tollbook.geo.context import DocumentContext, document_context, locate_claim
from tollbook.geo.countries import document_country
from tollbook.geo.gazetteer import Gazetteer, default_gazetteer
from tollbook.geo.location import Location, UnknownCountry
from tollbook.geo.names import variant_key
from tollbook.geo.resolve import country_code, geocode, haversine_km

__all__ = [
    "DocumentContext",
    "Gazetteer",
    "Location",
    "UnknownCountry",
    "country_code",
    "default_gazetteer",
    "document_context",
    "document_country",
    "geocode",
    "haversine_km",
    "locate_claim",
    "variant_key",
]
