// Loaded in <head>, before the first paint: the palette chosen earlier (light or dark) is applied
// at once, so a page never flashes in the other one. Without a choice, or without JavaScript,
// style.css follows the system setting (prefers-color-scheme).
(function () {
  "use strict";
  var KEY = "theme";
  var CHOICES = ["system", "light", "dark"];
  var NAMES = { system: "same as the system", light: "light", dark: "dark" };
  var root = document.documentElement;
  // Before the first layout: style.css gives the toggle its place at once, so showing it later
  // moves nothing (no layout shift).
  root.setAttribute("data-js", "");

  function stored() {
    try {
      var value = window.localStorage.getItem(KEY);
      return CHOICES.indexOf(value) > 0 ? value : "system";
    } catch (e) {
      return "system"; // storage blocked: follow the system
    }
  }

  function apply(choice) {
    if (choice === "system") {
      root.removeAttribute("data-theme");
    } else {
      root.setAttribute("data-theme", choice);
    }
  }

  function save(choice) {
    try {
      if (choice === "system") {
        window.localStorage.removeItem(KEY);
      } else {
        window.localStorage.setItem(KEY, choice);
      }
    } catch (e) {
      // storage blocked: the choice lasts for this page only
    }
  }

  function label(button, choice) {
    var next = CHOICES[(CHOICES.indexOf(choice) + 1) % CHOICES.length];
    button.setAttribute("data-choice", choice);
    button.title = "Colours: " + NAMES[choice] + " (switch to " + NAMES[next] + ")";
    button.querySelector("[data-theme-label]").textContent = "Colours: " + NAMES[choice];
  }

  function setUp() {
    var button = document.querySelector("[data-theme-toggle]");
    if (!button) {
      return;
    }
    label(button, stored());
    button.hidden = false;
    button.addEventListener("click", function () {
      var choice = CHOICES[(CHOICES.indexOf(stored()) + 1) % CHOICES.length];
      save(choice);
      apply(choice);
      label(button, choice);
    });
  }

  // The header's disclosures (the narrow screens' menu, the sub-menus): Escape closes the one
  // holding focus and returns focus to its button; a click elsewhere closes the open ones.
  function openDetails() {
    return Array.prototype.slice.call(document.querySelectorAll(".site-header details[open]"));
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var around = openDetails().filter(function (d) { return d.contains(document.activeElement); });
    var innermost = around[around.length - 1] || openDetails().pop();
    if (innermost) {
      innermost.open = false;
      innermost.querySelector("summary").focus();
      event.preventDefault();
    }
  });

  document.addEventListener("click", function (event) {
    openDetails().forEach(function (d) {
      if (!d.contains(event.target)) {
        d.open = false;
      }
    });
  });

  apply(stored());
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
