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

  function load() {
    if (!pagefind) {
      pagefind = import(results.dataset.bundle + "pagefind.js").then(function (module) {
        return module.options({ baseUrl: results.dataset.base }).then(function () { return module; });
      });
    }
    return pagefind;
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
    load().then(function (module) { return module.search(query); }).then(function (search) {
      return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }))
        .then(function (pages) { if (ticket === latest) show(query, search.results.length, pages); });
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
