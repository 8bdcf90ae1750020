/* cyberindex: the language and digit links keep the view the reader has now (served from
 * 'self', CSP-safe).
 *
 * The links are built with the page (dashboard.layout.language_switch) from the view in the
 * URL at that time; the page then writes later filter changes to the address bar without
 * re-rendering its header. Before a link is followed, copied or opened in a new tab, its
 * query becomes the address bar's, with the link's own language (and digits, for the
 * Arabic digit links) in place of the current ones.
 */
(function () {
  "use strict";

  var LINKS = ".ci-lang-switch a[href]";

  function follow(link) {
    var target = new URL(link.getAttribute("href"), window.location.href);
    var next = new URLSearchParams();
    next.set("lang", target.searchParams.get("lang") || "en");
    new URLSearchParams(window.location.search).forEach(function (value, key) {
      if (key !== "lang" && key !== "digits") { next.append(key, value); }
    });
    if (target.searchParams.has("digits")) {
      next.set("digits", target.searchParams.get("digits"));
    }
    var href = window.location.pathname + "?" + next.toString().replace(/%2C/gi, ",");
    if (link.getAttribute("href") !== href) { link.setAttribute("href", href); }
  }

  function onEvent(event) {
    var link = event.target && event.target.closest ? event.target.closest(LINKS) : null;
    if (link) { follow(link); }
  }

  // Before the click's default action; focus and pointer for "copy link" and new tabs.
  ["click", "auxclick", "contextmenu", "focusin", "pointerdown"].forEach(function (name) {
    document.addEventListener(name, onEvent, true);
  });
})();
