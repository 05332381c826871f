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

  /* Every post's words are in assets/search-index.js, loaded (as a script, so it works from file:// too)
     the first time someone searches; until it arrives, and if it cannot, a card's own words are searched. */
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

  function matches(item, words, values) {
    var d = item.dataset;
    var haystack = fold((index && index[d.id]) || d.search);
    for (var i = 0; i < words.length; i++) {
      if (haystack.indexOf(words[i]) === -1) { return false; }
    }
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
    var words = fold(form.elements.q.value).split(/\s+/).filter(Boolean);
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
