/* Search and filters for the jobs list (progressive enhancement).
   The page lists every post without JavaScript; this script reveals the search form and hides the posts
   that do not match. The number of results is announced through a polite live region, after a short
   pause so a screen reader is not interrupted on every key press. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var status = document.getElementById("result-count");
  var empty = document.getElementById("no-results");
  if (!form || !status) { return; }
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-post]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-school-group]"));
  var total = items.length;
  var timer = null;

  function fold(text) {
    return (text || "").toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }

  /* Where a word was found, as the page names it (data-search holds "word~parts", e.g. "support~tdc"). */
  var PARTS = {t: "title", s: "school", g: "grade", h: "hours", u: "summary", r: "reference",
    d: "duties", c: "person specification", x: "other sections"};

  /* Every post's words are in assets/search-index.js, loaded (as a script, so it works from file:// too)
     the first time someone searches; until it arrives, and if it cannot, a card's own words (its title,
     school, grade, hours and reference) are searched. */
  var index = null;
  var loading = false;
  function load() {
    if (index || loading) { return; }
    loading = true;
    var script = document.createElement("script");
    script.src = "assets/search-index.js";
    script.onload = function () { index = window.jobpackSearch || null; apply(false); };
    document.head.appendChild(script);
  }

  function entries(item) {
    var words = (index && index[item.dataset.id]) || item.dataset.search;
    if (!item._entries || item._words !== words) {
      item._words = words;
      item._entries = fold(words).split(" ").filter(Boolean).map(function (entry) {
        var cut = entry.lastIndexOf("~");
        return cut === -1 ? [entry, ""] : [entry.slice(0, cut), entry.slice(cut + 1)];
      });
    }
    return item._entries;
  }

  /* Each query word must be a whole word of the post or the start of one ("art" finds "art" and "artwork",
     never "part" or "start"). Returns the parts where the words were found, or null for no match. */
  function found(item, words) {
    var where = {};
    for (var i = 0; i < words.length; i++) {
      var hit = false;
      entries(item).forEach(function (entry) {
        if (entry[0].lastIndexOf(words[i], 0) === 0) {
          hit = true;
          entry[1].split("").forEach(function (code) { where[code] = true; });
        }
      });
      if (!hit) { return null; }
    }
    return where;
  }

  function showMatch(item, where, words) {
    var note = item.querySelector(".card-match");
    if (!note) { return; }
    var names = Object.keys(PARTS).filter(function (code) { return where && where[code]; })
      .map(function (code) { return PARTS[code]; });
    if (!words.length || !names.length || where.t) { note.hidden = true; note.textContent = ""; return; }
    note.textContent = "Matched in the " + (names.length > 1 ? names.slice(0, -1).join(", ") + " and " +
      names[names.length - 1] : names[0]);
    note.hidden = false;
  }

  function matches(item, words, values) {
    var d = item.dataset;
    var where = found(item, words);
    showMatch(item, where, words);
    if (where === null) { return false; }
    return (!values.school || d.school === values.school) &&
      (!values.grade || d.grade === values.grade) &&
      (!values.hours || d.hours === values.hours) &&
      (!values.weeks || d.weeks === values.weeks) &&
      (!values.open || d.open === "yes");
  }

  function describe(shown) {
    if (shown === total) { return "Showing all " + total + " post" + (total === 1 ? "" : "s"); }
    return "Showing " + shown + " of " + total + " post" + (total === 1 ? "" : "s");
  }

  function apply(announceNow) {
    var values = {
      school: form.elements.school.value,
      grade: form.elements.grade.value,
      hours: form.elements.hours.value,
      weeks: form.elements.weeks.value,
      open: Boolean(form.elements.open && form.elements.open.checked)
    };
    var words = fold(form.elements.q.value).split(/[^\w'\u2019-]+/).map(function (w) {
      return w.replace(/^['\u2019-]+|['\u2019-]+$/g, "");
    }).filter(Boolean);
    if (words.length) { load(); }
    var shown = 0;
    items.forEach(function (item) {
      var ok = matches(item, words, values);
      item.hidden = !ok;
      if (ok) { shown++; }
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("[data-post]:not([hidden])");
    });
    if (empty) { empty.hidden = shown !== 0; }
    remember(values, form.elements.q.value);
    window.clearTimeout(timer);
    var text = describe(shown);
    if (announceNow) { status.textContent = text; } else {
      timer = window.setTimeout(function () { status.textContent = text; }, 400);
    }
  }

  /* The address follows the filters, so the page can be shared or bookmarked as filtered, and "Clear
     filters" leaves a plain address. Where a browser refuses (some file:// pages), the filters still work. */
  function remember(values, q) {
    var query = new URLSearchParams();
    if (q.trim()) { query.set("q", q.trim()); }
    ["school", "grade", "hours", "weeks"].forEach(function (name) {
      if (values[name]) { query.set(name, values[name]); }
    });
    if (values.open) { query.set("open", "yes"); }
    var text = query.toString();
    try {
      window.history.replaceState(null, "", window.location.pathname + (text ? "?" + text : ""));
    } catch (error) { /* the address stays as it was */ }
  }

  /* Filters can be shared as a link: index.html?q=support&school=leap */
  var params = new URLSearchParams(window.location.search);
  ["q", "school", "grade", "hours", "weeks"].forEach(function (name) {
    var value = params.get(name);
    if (value !== null && form.elements[name]) { form.elements[name].value = value; }
  });
  if (params.get("open") === "yes" && form.elements.open) { form.elements.open.checked = true; }

  form.hidden = false;
  form.elements.q.addEventListener("focus", load);  /* about to search: fetch the words meanwhile */
  form.addEventListener("input", function () { apply(false); });
  form.addEventListener("change", function () { apply(false); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
  form.addEventListener("reset", function () { window.setTimeout(function () { apply(true); }, 0); });
  if (window.location.search) { apply(true); }
}());
