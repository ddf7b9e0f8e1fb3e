"""The incidents of an event as a GeoJSON FeatureCollection (RFC 7946).

One Feature per incident with claims.  Positions are [longitude, latitude]
in WGS 84, as the RFC requires (not the latitude-first order of most
gazetteers).  An incident whose place could not be resolved keeps its Feature
with a null geometry, which the RFC allows, so that nothing is dropped from
the map's data.  The `bbox` spans the located incidents.
"""

from __future__ import annotations

import json
from typing import Any

from tollbook.incidents.analysis import Analysis


def feature_collection(analysis: Analysis) -> dict[str, Any]:
    features = []
    points: list[tuple[float, float]] = []
    for row in analysis.rows:
        inc = row.incident
        if not inc.claims:
            continue
        loc = inc.location or {}
        geometry = None
        if loc.get("lat") is not None and loc.get("lon") is not None:
            lon, lat = float(loc["lon"]), float(loc["lat"])
            geometry = {"type": "Point", "coordinates": [lon, lat]}
            points.append((lon, lat))
        features.append(
            {
                "type": "Feature",
                "id": inc.key,
                "geometry": geometry,
                "properties": {
                    "name": inc.name,
                    "level": inc.level,
                    "parent": inc.parent_key,
                    "place": loc.get("name") or inc.place,
                    "admin1": loc.get("admin1"),
                    "country_iso": loc.get("country_iso"),
                    "geonames_id": loc.get("geonames_id"),
                    "place_resolved": inc.resolved,
                    "start": inc.start.isoformat(),
                    "end": inc.end.isoformat(),
                    "event_type": row.coding.event_type,
                    "sub_event_type": row.coding.sub_event_type,
                    "actor1": row.coding.actor1,
                    "actor2": row.coding.actor2,
                    "fatalities_low": row.low,
                    "fatalities_best": row.best,
                    "fatalities_high": row.high,
                    "claims": len(inc.claims),
                    "sources": inc.doc_ids,
                },
            }
        )
    collection: dict[str, Any] = {
        "type": "FeatureCollection",
        "name": analysis.event.name,
        "features": features,
    }
    if points:
        lons, lats = [p[0] for p in points], [p[1] for p in points]
        collection["bbox"] = [min(lons), min(lats), max(lons), max(lats)]
    return collection


def to_geojson(analysis: Analysis) -> str:
    return json.dumps(feature_collection(analysis), ensure_ascii=False, indent=2) + "\n"
