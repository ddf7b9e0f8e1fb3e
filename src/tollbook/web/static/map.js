// The event map: one circle per located place, drawn from the JSON the page embeds,
// and a dashed ring per located incident, fetched from the API once grouped.
// Tiles come from the configured tile server when the reader is online; without
// them the circles, their pop-ups and the list under the map still work.
"use strict";
(function () {
  var element = document.getElementById("map");
  var data = document.getElementById("map-points");
  if (!element || !data || typeof L === "undefined") { return; }
  var points = JSON.parse(data.textContent);
  var map = L.map(element, { scrollWheelZoom: false }).setView([20, 0], 2);
  if (element.dataset.tiles) {
    var tiles = L.tileLayer(element.dataset.tiles, {
      maxZoom: 18,
      attribution: element.dataset.attribution || ""
    }).addTo(map);
    tiles.once("tileerror", function () {
      var note = document.getElementById("tile-status");
      if (note) { note.textContent = "The background map could not load (offline?); the markers and the list still work."; }
    });
  }
  var bounds = [];
  points.forEach(function (point) {
    var radius = Math.min(6 + 2 * Math.sqrt(point.claims.length), 18);
    var marker = L.circleMarker([point.lat, point.lon], {
      radius: radius, color: "#17324f", weight: 1, fillColor: "#c2410c", fillOpacity: 0.75
    }).addTo(map);
    marker.bindPopup(popup(point));
    var tip = document.createElement("span");
    tip.textContent = point.place || "unnamed place";
    marker.bindTooltip(tip, { direction: "top" });
    bounds.push([point.lat, point.lon]);
  });
  fit();

  // Incidents take the server a while to group, so they arrive after the page.
  var status = document.getElementById("incident-status");
  if (element.dataset.incidents) {
    say("(grouping…)");
    fetch(element.dataset.incidents, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (incidents) {
        incidents.forEach(function (incident) {
          var ring = L.circleMarker([incident.lat, incident.lon], {
            radius: 11, color: "#1f5fa8", weight: 2, fill: false, dashArray: "4 3"
          }).addTo(map);
          ring.bindPopup(incidentPopup(incident));
          bounds.push([incident.lat, incident.lon]);
        });
        say(incidents.length ? "(" + incidents.length + ")" : "(none located)");
        fit();
      })
      .catch(function () { say("(could not be loaded)"); fit(); });
  }

  function say(text) { if (status) { status.textContent = text; } }

  function fit() {
    element.hidden = bounds.length === 0;
    if (bounds.length === 0) { return; }
    map.invalidateSize();
    if (bounds.length === 1) { map.setView(bounds[0], 10); }
    else { map.fitBounds(bounds, { padding: [24, 24], maxZoom: 11 }); }
  }

  function incidentPopup(incident) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = incident.name;
    box.appendChild(title);
    var dates = incident.start === incident.end ? incident.start : incident.start + " – " + incident.end;
    var line = document.createElement("div");
    line.textContent = dates + ": " + incident.low.toLocaleString("en") + " / " +
      incident.best.toLocaleString("en") + " / " + incident.high.toLocaleString("en") +
      " killed (low / best / high), " + incident.claims.length + " claims";
    box.appendChild(line);
    return box;
  }

  // Built with DOM nodes and textContent: names and figures come from documents.
  function popup(point) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = point.place || "unnamed place";
    box.appendChild(title);
    var list = document.createElement("ul");
    point.claims.forEach(function (claim) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "/claims/" + encodeURIComponent(claim.id);
      link.textContent = claim.figure;
      item.appendChild(link);
      item.appendChild(document.createTextNode(" (" + claim.source + ", " + claim.reported + ")"));
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }
})();
