/* cyberindex: the "Save the chart" buttons under each chart (dashboard.layout.chart_export).
 *
 * A click saves the chart as drawn (language, selection, zoom) through plotly's own image
 * export, as PNG or SVG, named after the chart, with a credit under the plot and its legend:
 * who published the figures and the day (the button group's data-credit, lines translated by
 * the server, "{date}" filled in here), then the address of the view it was saved from, on a
 * line of its own (an address inside an Arabic line would be reordered). The
 * chart on the page is left as it is: the image is drawn from a copy of its figure. One
 * listener on the document: the buttons come and go with Dash's re-renders. Served from
 * 'self' (CSP-safe), no inline script.
 */
(function () {
  "use strict";

  var LINE_HEIGHT = 16;   // px per credit line, at CREDIT_SIZE
  var CREDIT_SIZE = 11;
  var CREDIT_WIDTH = 7;   // px per character, roughly, to break the credit into lines

  function isoDay(date) {
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return date.getFullYear() + "-" + two(date.getMonth() + 1) + "-" + two(date.getDate());
  }

  // The credit broken at spaces into lines that fit the image's width.
  function lines(text, width) {
    var most = Math.max(40, Math.floor((width - 20) / CREDIT_WIDTH));
    var out = [], line = "";
    text.split(" ").forEach(function (word) {
      if (line && (line + " " + word).length > most) { out.push(line); line = ""; }
      while (word.length > most) {  // a long address: cut where it must be
        out.push(word.slice(0, most));
        word = word.slice(most);
      }
      line = line ? line + " " + word : word;
    });
    if (line) { out.push(line); }
    return out;
  }

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  // A copy of the chart's figure with the credit under the plot: the image grows by the
  // credit's lines, the plot keeps its size.
  function credited(plot, credit, width, height) {
    var full = plot._fullLayout || {};
    // The plot area as drawn (_size: the margins after the legend and labels pushed them).
    var margin = full._size || full.margin || {l: 80, r: 80, t: 100, b: 80};
    var rtl = document.documentElement.getAttribute("dir") === "rtl";
    var text = [];
    credit.split("\n").forEach(function (row) { text = text.concat(lines(row, width)); });
    // An SVG text runs left to right: an Arabic line is isolated right to left (RLI ... PDI),
    // so its words, its Latin names and its closing point keep their order.
    if (rtl) {
      text = text.map(function (row) {
        return /[\u0600-\u06ff]/.test(row) ? "\u2067" + row + "\u2069" : row;
      });
    }
    var extra = text.length * LINE_HEIGHT + 12;
    var layout = JSON.parse(JSON.stringify(plot.layout || {}));
    layout.width = width;
    layout.height = height + extra;
    layout.margin = {l: margin.l, r: margin.r, t: margin.t, b: margin.b + extra,
                     pad: margin.p || margin.pad || 0, autoexpand: false};
    // A legend held to the image's bottom edge (yref "container") moves up over the credit.
    var legend = full.legend;
    if (legend && legend.yref === "container" && full.showlegend !== false) {
      layout.legend = Object.assign({}, layout.legend || {},
        {y: (legend.y * height + extra) / layout.height});
    }
    layout.annotations = (layout.annotations || []).concat([{
      text: text.map(escapeHtml).join("<br>"),
      xref: "paper", yref: "paper", x: rtl ? 1 : 0, y: 0,
      xanchor: rtl ? "right" : "left", yanchor: "top", align: rtl ? "right" : "left",
      xshift: rtl ? margin.r - 10 : 10 - margin.l, yshift: -margin.b - 4,
      showarrow: false, font: {size: CREDIT_SIZE, color: "#444"},
      name: "cyberindex-credit"
    }]);
    return {data: plot.data, layout: layout};
  }

  // The traces' text as drawn: where the page's stylesheet draws a trace's text larger than
  // its figure says (the Map's codes grow with their squares, cyberindex.css), the image takes
  // the size drawn, so the saved chart reads as the one on the screen.
  function asDrawn(plot, data) {
    var traces = plot.querySelectorAll(".scatterlayer .trace"), scatter = 0;
    return data.map(function (trace) {
      if (trace.type && trace.type !== "scatter") { return trace; }  // drawn elsewhere
      var group = traces[scatter++];  // the scatter layer draws the scatter traces in order
      var text = group && group.querySelector(".textpoint text");
      var said = trace.textfont && trace.textfont.size;
      if (!text || typeof said !== "number") { return trace; }
      var drawn = parseFloat(window.getComputedStyle(text).fontSize);
      if (!(drawn > said)) { return trace; }
      return Object.assign({}, trace, {textfont: Object.assign({}, trace.textfont, {size: drawn})});
    });
  }

  function save(url, filename) {
    var link = document.createElement("a");
    link.href = url;
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".ci-chart-export-button");
    if (!button || !window.Plotly) { return; }
    var graph = document.getElementById(button.getAttribute("data-graph"));
    var plot = graph && graph.querySelector(".js-plotly-plot");
    if (!plot) { return; }
    var rect = plot.getBoundingClientRect();
    var format = button.getAttribute("data-format") === "svg" ? "svg" : "png";
    var width = Math.round(rect.width) || 900, height = Math.round(rect.height) || 500;
    var group = button.closest(".ci-chart-export");
    var credit = (group && group.getAttribute("data-credit")) || "";
    if (credit) {
      credit = credit.replace("{date}", isoDay(new Date())) + "\n" + window.location.href;
    }
    var filename = "cyberindex-" + button.getAttribute("data-graph") + "." + format;
    var figure = credit ? credited(plot, credit, width, height)
      : {data: plot.data, layout: plot.layout};
    figure = {data: asDrawn(plot, figure.data), layout: figure.layout};
    window.Plotly.toImage(figure, {format: format, width: width,
                                   height: figure.layout.height || height})
      .then(function (url) { save(url, filename); });
  });
})();
