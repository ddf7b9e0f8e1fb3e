// The event map: one circle per located place, drawn from the JSON the page embeds.
// Tiles come from the configured tile server when the reader is online; without
// them the circles, their pop-ups and the list under the map still work.
"use strict";
(function () {
  var element = document.getElementById("map");
  var data = document.getElementById("map-points");
  if (!element || !data || typeof L === "undefined") { return; }
  var points = JSON.parse(data.textContent);
  var map = L.map(element, { scrollWheelZoom: false });
  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, {
      maxZoom: 18,
      attribution: element.dataset.attribution || ""
    }).addTo(map);
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
  if (bounds.length === 1) { map.setView(bounds[0], 10); }
  else { map.fitBounds(bounds, { padding: [24, 24], maxZoom: 11 }); }

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
