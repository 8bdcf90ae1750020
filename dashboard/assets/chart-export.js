/* cyberindex: the "Save the chart" buttons under each chart (dashboard.layout.chart_export).
 *
 * A click saves the chart as drawn (language, selection, zoom) through plotly's own image
 * export, as PNG or SVG, named after the chart. One listener on the document: the buttons
 * come and go with Dash's re-renders. Served from 'self' (CSP-safe), no inline script.
 */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".ci-chart-export-button");
    if (!button || !window.Plotly) { return; }
    var graph = document.getElementById(button.getAttribute("data-graph"));
    var plot = graph && graph.querySelector(".js-plotly-plot");
    if (!plot) { return; }
    var rect = plot.getBoundingClientRect();
    window.Plotly.downloadImage(plot, {
      format: button.getAttribute("data-format") === "svg" ? "svg" : "png",
      filename: "cyberindex-" + button.getAttribute("data-graph"),
      width: Math.round(rect.width) || 900,
      height: Math.round(rect.height) || 500,
    });
  });
})();
