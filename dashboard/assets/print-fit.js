/* cyberindex: charts drawn at the paper's width when a page is printed (served from 'self',
 * CSP-safe).
 *
 * plotly draws a chart at its width on screen, in pixels (1,232 px on a 1366 px desktop), and
 * a printed page keeps it: wider than the paper (A4 or Letter, about 715 CSS px inside the
 * browser's default margins), the chart printed cut at the right, and an Arabic page,
 * overflowing to the left, cut at the left on every sheet. Zoomed down to the paper it fitted,
 * but its 13 px tick labels and legend printed at 7 px. Before printing (a print dialog, or a
 * PDF printed by headless Chromium: both fire beforeprint), each chart wider than the room its
 * block has on paper is drawn again at that width (its height kept), its text at its size;
 * assets/title-fit.js breaks its title again for that width (after the redraw). A chart
 * already narrow enough, as on a phone, is left as drawn. After printing, each is drawn again
 * as it was: autosized to its block, as dcc.Graph drew it.
 */
(function () {
  "use strict";

  var PAPER_WIDTH = 715;  // CSS px: A4 (and Letter) inside the default print margins
  var printed = [];       // the charts drawn for print, until afterprint

  function charts() {
    return Array.prototype.slice.call(document.querySelectorAll(".js-plotly-plot"));
  }

  function svgWidth(gd) {
    return (gd.querySelector(".main-svg") || gd).getBoundingClientRect().width;
  }

  // The width each chart's block takes on paper: the page laid out at the paper's width for
  // one measure and put back at once (no frame is drawn meanwhile, so no resize observer sees
  // it). The page's margins and a card's padding count, as on paper (667 px of the 715).
  function paperWidths(list) {
    var root = document.documentElement, given = root.style.width;
    root.style.width = PAPER_WIDTH + "px";
    var widths = list.map(function (gd) { return Math.floor(gd.getBoundingClientRect().width); });
    root.style.width = given;
    return widths;
  }

  // How a chart is sized on screen, as Plotly.relayout puts it back. dcc.Graph autosizes it
  // (Plots.resize: autosize on, no width or height): autosize sizes it to its block again
  // (drawing it at a width turned autosize off). Otherwise, the layout's own width and
  // height (null deletes one the layout did not have).
  function screenSize(gd) {
    if (gd.layout.autosize) { return {autosize: true}; }
    function own(key) { return gd.layout.hasOwnProperty(key) ? gd.layout[key] : null; }
    return {width: own("width"), height: own("height")};
  }

  // The zoom (a custom property that only the print stylesheet reads) is for a chart plotly
  // cannot draw again now: plotly not loaded, the chart not drawn yet, a redraw that failed,
  // or one waiting on something (a promise) that may end after the page is captured, the
  // chart still wide. The screen's layout never changes with it.
  function zoom(gd, width) {
    var drawn = svgWidth(gd);
    if (drawn > width) {
      gd.style.setProperty("--ci-print-zoom", String(width / drawn));
    } else {
      gd.style.removeProperty("--ci-print-zoom");
    }
  }

  // plotly draws synchronously (the capture follows the handler): the redrawn chart is the
  // printed one; the title's new breaks follow in the same turn (plotly_afterplot). The
  // chart's box takes that width too while printing: whatever draws it again meanwhile (the
  // Graph's Plotly.react with the new title, which autosizes a responsive Graph's chart; its
  // resize observer) sizes it to the paper's width, not back to the screen's.
  function drawAt(gd, width) {
    if (!gd._ciPrintSize) {
      gd._ciPrintSize = screenSize(gd);
      gd._ciPrintBox = gd.style.width;
      printed.push(gd);
    }
    gd.style.width = width + "px";
    try {
      window.Plotly.relayout(gd, {width: width, height: gd._fullLayout.height}).then(function () {
        if (gd._ciPrintSize) { zoom(gd, width); }  // still printing: drawn now
      }, function () {});
    } catch (error) {
      // not drawn again: zoomed below, and the other charts drawn all the same
    }
    zoom(gd, width);
  }

  window.addEventListener("beforeprint", function () {
    var list = charts(), widths = paperWidths(list);
    list.forEach(function (gd, i) {
      var width = widths[i];
      if (!width || (svgWidth(gd) <= width && !gd._ciPrintSize)) {
        gd.style.removeProperty("--ci-print-zoom");  // not laid out, or narrow enough
      } else if (window.Plotly && gd._fullLayout && gd.layout) {
        drawAt(gd, width);
      } else {
        zoom(gd, width);
      }
    });
  });

  // Each chart drawn for print is drawn again as it was on screen, in its box as it was.
  window.addEventListener("afterprint", function () {
    charts().forEach(function (gd) { gd.style.removeProperty("--ci-print-zoom"); });
    printed.splice(0).forEach(function (gd) {
      var size = gd._ciPrintSize;
      gd.style.width = gd._ciPrintBox;
      delete gd._ciPrintSize;
      delete gd._ciPrintBox;
      if (gd._fullLayout && window.Plotly) { window.Plotly.relayout(gd, size); }
    });
  });
})();
