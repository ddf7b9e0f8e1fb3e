// Keyboard review: j/k move, a accept, r reject, c correct (Enter saves), n note, Esc back.
// Decisions go to the JSON API with the claim version the page showed, so a claim that
// someone else changed meanwhile comes back as a conflict instead of being overwritten.
"use strict";
(function () {
  var cards = Array.prototype.slice.call(document.querySelectorAll(".card[data-claim]"));
  if (!cards.length) { return; }
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var current = 0;
  var busy = false;

  function select(index, focus) {
    current = Math.max(0, Math.min(index, cards.length - 1));
    cards.forEach(function (card, i) { card.classList.toggle("current", i === current); });
    if (focus !== false) {
      cards[current].focus({ preventScroll: true });
      cards[current].scrollIntoView({ block: "nearest" });
    }
  }

  function say(card, text, kind) {
    var box = card.querySelector(".message");
    box.className = "message " + (kind || "");
    box.textContent = text;
  }

  function field(card, name) { return card.querySelector('[name="' + name + '"]'); }

  function figureText(claim) {
    var q = claim.qualifier;
    var n = claim.count_low.toLocaleString("en");
    var words = {
      at_least: "at least " + n, more_than: "more than " + n, about: "about " + n,
      up_to: "up to " + n, less_than: "fewer than " + n, vague: n + "+ (vague)",
      range: n + "–" + (claim.count_high || claim.count_low).toLocaleString("en")
    };
    return (words[q] || n) + " " + claim.group + " " + claim.outcome;
  }

  function show(card, claim) {
    card.dataset.version = claim.version;
    field(card, "version").value = claim.version;
    card.querySelector(".figure").textContent = figureText(claim);
    var badge = card.querySelector(".badge");
    badge.className = "badge " + claim.status;
    badge.textContent = claim.status;
    var source = card.querySelector(".source");
    source.textContent = claim.attributed_to || "the document itself";
  }

  function decide(card, decision) {
    if (busy) { return; }
    var body = {
      decision: decision,
      version: parseInt(card.dataset.version, 10),
      note: field(card, "note").value || null
    };
    if (decision === "correct") {
      var high = field(card, "count_high").value;
      body.count_low = parseInt(field(card, "count_low").value, 10);
      body.count_high = high === "" ? null : parseInt(high, 10);
      body.qualifier = field(card, "qualifier").value;
      body.outcome = field(card, "outcome").value;
      body.group = field(card, "group").value;
      body.attributed_to = field(card, "attributed_to").value;
    }
    busy = true;
    say(card, "Saving…");
    fetch("/api/claims/" + card.dataset.claim + "/review", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    }).then(function (result) {
      busy = false;
      if (result.status === 200) {
        show(card, result.data);
        field(card, "note").value = "";
        card.querySelector("details.correct").open = false;
        card.classList.add("done");
        say(card, "Saved: " + result.data.status + " by you.", "ok");
        var index = cards.indexOf(card);
        if (index === current && index < cards.length - 1) { select(index + 1); }
      } else if (result.status === 409) {
        show(card, result.data.claim);
        say(card, "Conflict: someone else changed this claim while you were looking at it. " +
          "It is now " + result.data.claim.status + ": " + figureText(result.data.claim) + ". " +
          "Your decision was kept in the audit trail but not applied; decide again on the " +
          "current version if you still disagree.", "conflict");
      } else {
        say(card, result.data.error || ("Error " + result.status), "error");
      }
    }).catch(function () {
      busy = false;
      say(card, "Could not reach the server; nothing was saved.", "error");
    });
  }

  cards.forEach(function (card, index) {
    card.addEventListener("click", function () { select(index, false); });
    card.querySelector("form.decide").addEventListener("submit", function (event) {
      event.preventDefault();
      var submitter = event.submitter;
      decide(card, submitter && submitter.value ? submitter.value : "correct");
    });
    card.querySelector("details.correct").addEventListener("keydown", function (event) {
      if (event.key === "Enter" && event.target.tagName !== "BUTTON" && event.target.tagName !== "SUMMARY") {
        event.preventDefault();
        decide(card, "correct");
      }
    });
    field(card, "note").addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); card.focus(); }
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var target = event.target;
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
    var card = cards[current];
    if (event.key === "Escape") {
      if (typing) { target.blur(); }
      card.querySelector("details.correct").open = false;
      card.focus();
      return;
    }
    if (typing) { return; }
    var key = event.key;
    if (key === "j" || key === "ArrowDown") {
      var more = document.querySelector('.pager a[rel="next"]');
      if (current === cards.length - 1 && more) { window.location = more.href; }
      else { select(current + 1); }
    }
    else if (key === "k" || key === "ArrowUp") { select(current - 1); }
    else if (key === "a") { decide(card, "accept"); }
    else if (key === "r") { decide(card, "reject"); }
    else if (key === "c") {
      var details = card.querySelector("details.correct");
      details.open = true;
      field(card, "count_low").focus();
      field(card, "count_low").select();
    } else if (key === "n") { field(card, "note").focus(); }
    else if (key === "o") { window.location = card.querySelector(".meta a").href; }
    else { return; }
    event.preventDefault();
  });

  select(0);
})();
