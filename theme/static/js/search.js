// The search page: queries the Pagefind index written at build time (plugins/search).
// Without JavaScript, style.css shows a plain link in the header instead of the
// form, and this page explains why it cannot search and points to the blog.
(function () {
  "use strict";
  var results = document.getElementById("search-results");
  if (!results) return;
  var form = document.querySelector("[data-search-page]");
  var input = form.querySelector("input[name=q]");
  var status = document.getElementById("search-status");
  // style.css hides the note already where the browser knows (scripting: enabled)
  document.querySelectorAll("[data-search-nojs]").forEach(function (note) { note.hidden = true; });

  var pagefind = null;
  var latest = 0;

  // The index comes in several Pagefind bundles (plugins/search/bundles.py), listed in
  // bundles.json: the first one is loaded and the others merged into it, so one query
  // searches them all and ranks their results together.
  function load() {
    if (!pagefind) {
      var root = results.dataset.bundle;
      var base = { baseUrl: results.dataset.base };
      pagefind = fetch(root + "bundles.json").then(function (response) {
        if (!response.ok) throw new Error("bundles.json: HTTP " + response.status);
        return response.json();
      }).then(function (list) {
        if (!list.bundles.length) return null; // nothing to search yet
        var bundleOf = {};
        list.bundles.forEach(function (bundle) {
          bundle.pages.forEach(function (id) { bundleOf[id] = bundle.name; });
        });
        return import(root + list.bundles[0].name + "/pagefind.js").then(function (module) {
          return module.options(base).then(function () {
            return Promise.all(list.bundles.slice(1).map(function (bundle) {
              return module.mergeIndex(root + bundle.name + "/", base);
            }));
          }).then(function () { return { module: module, bundleOf: bundleOf }; });
        });
      });
    }
    return pagefind;
  }

  // A bundle where no word begins like a query word answers with the pages holding the
  // longest word that begins that query word ("a" for "account"); one index of the whole
  // site would not, as the word is in another bundle. Every result of a bundle matched in
  // the same way, so one result per bundle tells whether to keep that bundle's results.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function pieces(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }
  function begins(word, query) {
    var n = Math.min(query.length, 4);
    return word.slice(0, n) === query.slice(0, n);
  }
  function matchesEveryWord(query, data) {
    var words = data.content.split(/[\r\n\s]+/g);
    var matched = [];
    data.locations.forEach(function (at) {
      var found = pieces(words[at] || "");
      matched = matched.concat(found, [found.join("")]); // "open-source": open, source, opensource
    });
    return pieces(query).every(function (part) {
      return matched.some(function (found) { return begins(found, part); });
    });
  }
  function genuine(query, found, bundleOf) {
    var groups = {};
    found.forEach(function (result) {
      var name = bundleOf[result.id] || "";
      (groups[name] = groups[name] || []).push(result);
    });
    var names = Object.keys(groups);
    return Promise.all(names.map(function (name) {
      return groups[name][0].data().then(function (data) { return matchesEveryWord(query, data); });
    })).then(function (keep) {
      var kept = {};
      names.forEach(function (name, i) { kept[name] = keep[i]; });
      return found.filter(function (result) { return kept[bundleOf[result.id] || ""]; });
    });
  }

  function show(query, found, pages) {
    results.replaceChildren();
    pages.forEach(function (data) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = data.url;
      link.textContent = (data.meta && data.meta.title) || data.url;
      var excerpt = document.createElement("p");
      excerpt.innerHTML = data.excerpt; // Pagefind escapes the text and adds <mark> around matches
      item.append(link, excerpt);
      results.append(item);
    });
    status.textContent = found === 0 ? "No results for “" + query + "”."
      : found + (found === 1 ? " result" : " results") + " for “" + query + "”.";
  }

  function run(query) {
    var ticket = ++latest;
    query = query.trim();
    if (!query) {
      results.replaceChildren();
      status.textContent = "";
      return;
    }
    load().then(function (index) {
      if (!index) return [];
      return index.module.search(query).then(function (search) { return genuine(query, search.results, index.bundleOf); });
    }).then(function (found) {
      return Promise.all(found.slice(0, 20).map(function (r) { return r.data(); }))
        .then(function (pages) { if (ticket === latest) show(query, found.length, pages); });
    }).catch(function () {
      if (ticket === latest) status.textContent = "Search is unavailable right now.";
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 200);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(window.location.href);
    url.searchParams.set("q", input.value);
    window.history.replaceState(null, "", url);
    run(input.value);
  });
  var initial = new URL(window.location.href).searchParams.get("q");
  if (initial) {
    input.value = initial;
    run(initial);
  }
}());
