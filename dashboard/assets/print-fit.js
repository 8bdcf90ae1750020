/* cyberindex: charts that fit the paper when a page is printed (served from 'self', CSP-safe).
 *
 * plotly draws a chart at its width on screen, in pixels (1,232 px on a 1366 px desktop), and
 * a printed page keeps it: wider than the paper (A4 or Letter, about 720 CSS px inside the
 * browser's default margins), the chart printed cut at the right, and an Arabic page,
 * overflowing to the left, cut at the left on every sheet. Before printing (a print dialog,
 * or a PDF printed by headless Chromium: both fire beforeprint), each chart wider than the
 * paper is zoomed down to fit it in print, by its own measure (a chart already narrow enough, as on a
 * phone, is left as drawn); after printing, each is back as it was.
 */
(function () {
  "use strict";

  var PAPER_WIDTH = 715;  // CSS px: A4 (and Letter) inside the default print margins

  function charts() { return document.querySelectorAll(".js-plotly-plot"); }

  // The zoom is a custom property that only the print stylesheet reads (cyberindex.css:
  // zoom: var(--ci-print-zoom)): the screen's layout never changes, so the Graph's resize
  // observer never redraws a chart at a zoomed width (which then stayed on screen).
  window.addEventListener("beforeprint", function () {
    charts().forEach(function (gd) {
      var svg = gd.querySelector(".main-svg");
      var width = (svg || gd).getBoundingClientRect().width;
      if (width > PAPER_WIDTH) {
        gd.style.setProperty("--ci-print-zoom", String(PAPER_WIDTH / width));
      } else {
        gd.style.removeProperty("--ci-print-zoom");
      }
    });
  });
  window.addEventListener("afterprint", function () {
    charts().forEach(function (gd) { gd.style.removeProperty("--ci-print-zoom"); });
  });
})();
