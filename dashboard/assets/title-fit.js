/* cyberindex: chart titles broken to the width each chart is drawn at (served from 'self',
 * CSP-safe, no inline script).
 *
 * The server cannot know the screen: it breaks a title into lines of 34 characters, which a
 * 390 px phone needs, and that is what is drawn first (and without this script). A desktop
 * needs no such breaks: here each chart's title is broken again from its unbroken text (the
 * figure's layout.meta.title_fit, dashboard.figures.title_fit), by its font measured on a
 * canvas against the chart's width less the title's left and right pads, on first draw, on
 * a new figure and on a resize. The rules are the server's (dashboard.figures.wrapped):
 * before the bracketed part first, then between words, never inside an isolated run
 * (U+2066..U+2069, a sum kept whole); an Arabic line is a right-to-left isolate (RLI..PDI).
 * The server's lines are kept where they fit and this would not use fewer (a phone keeps
 * them). The title's pad and the top margin follow the number of lines by the server's
 * formulas (title_pad, title_margin). A chart keeps its height, its plot taking the room a
 * shorter title frees, except one sized by its block's style (the Map, whose squares cannot
 * grow): the block follows the margin, so no empty band is left under the grid. A title
 * already as wanted is left alone: the relayout's own redraw finds nothing to change (no
 * loop). A saved image copies the layout: the title as drawn.
 */
(function () {
  "use strict";

  var RLI = "\u2067", PDI = "\u2069", KEPT_SPACE = "\u0000";
  var ISOLATED_RUN = /\u2066[^\u2069]*\u2069/g;
  var ENTITIES = {amp: "&", lt: "<", gt: ">", quot: "\"", "#39": "'", nbsp: "\u00a0"};
  var context = document.createElement("canvas").getContext("2d");

  // The text of a title line as drawn: no tags, entities read, no bidi controls or joiners.
  function drawn(line) {
    return line.replace(/<[^>]*>/g, "")
      .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, function (all, name) { return ENTITIES[name]; })
      .replace(/[\u061c\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069]/g, "");
  }

  // One part of a title in lines, word by word; an isolated run is one word.
  function greedy(part, fits) {
    var kept = part.replace(ISOLATED_RUN, function (run) { return run.replace(/ /g, KEPT_SPACE); });
    var lines = [];
    kept.split(" ").forEach(function (word) {
      var last = lines.length - 1;
      var longer = last >= 0 ? lines[last] + " " + word : "";
      if (last >= 0 && fits(longer.split(KEPT_SPACE).join(" "))) {
        lines[last] = longer;
      } else {
        lines.push(word);
      }
    });
    return lines.map(function (line) { return line.split(KEPT_SPACE).join(" "); });
  }

  // ``text`` in lines that each ``fits``: a title that does not fit breaks before its
  // bracketed part, then between words (dashboard.figures.wrapped, measured).
  function wrap(text, fits) {
    if (fits(text)) { return [text]; }
    var at = text.indexOf(" (");
    var parts = at < 0 ? [text] : [text.slice(0, at), text.slice(at + 1)];
    return parts.reduce(function (lines, part) { return lines.concat(greedy(part, fits)); }, []);
  }

  // Whether a line fits the chart's width, in the title's font, as drawn.
  function fitsIn(full) {
    var font = full.title.font, pad = full.title.pad || {};
    context.font = [font.style || "normal", font.weight || "normal", font.size + "px",
                    font.family].join(" ");
    var room = full.width - (pad.l || 0) - (pad.r || 0);
    return function (line) { return context.measureText(drawn(line)).width <= room; };
  }

  function wantedLines(spec, fits) {
    var lines = wrap(spec.text, fits);
    var server = spec.lines || [];
    return server.length && server.length <= lines.length && server.every(fits) ? server : lines;
  }

  function pad(spec, lines) { return spec.modebar + spec.lift * (Math.max(lines, 1) - 1); }

  // A chart sized by its block's style (responsive, the Map: tile_map_style, which counts
  // the server's title margin) has that height moved by ``shift`` px from the style the page
  // gave it (kept until the page gives another).
  function sizeBlock(block, shift) {
    var given = block.style.height === block._ciTitleFitSet ? block._ciTitleFitGiven
      : block.style.height;
    block.style.height = shift ? "calc(" + given + (shift < 0 ? " - " : " + ")
      + Math.abs(shift) + "px)" : given;
    block._ciTitleFitGiven = given;
    block._ciTitleFitSet = block.style.height;
  }

  function fit(gd) {
    var spec = gd.layout && gd.layout.meta && gd.layout.meta.title_fit;
    var full = gd._fullLayout;
    if (!spec || !spec.text || !full || !full.width || !full.title || gd._ciTitleFitting) {
      return;
    }
    var lines = wantedLines(spec, fitsIn(full));
    var text = lines.map(function (line) { return spec.rtl ? RLI + line + PDI : line; })
      .join("<br>");
    var current = (gd.layout.title && gd.layout.title.text) || "";
    if (text === current) { return; }
    // title_margin(n) grows by a line and a lift a further line
    var step = spec.lift + spec.line, was = current.split("<br>").length, now = lines.length;
    var update = {"title.text": text, "title.pad.t": pad(spec, now)};
    var top = gd.layout.margin && gd.layout.margin.t;
    if (typeof top === "number") { update["margin.t"] = top + step * (now - was); }
    var block = gd.parentElement;
    if (block && block.style.height) { sizeBlock(block, step * (now - spec.lines.length)); }
    gd._ciTitleFitting = true;
    window.Plotly.relayout(gd, update).then(function () {
      gd._ciTitleFitting = false;
      fit(gd);  // the width changed meanwhile: nothing to do otherwise
    }, function () { gd._ciTitleFitting = false; });
  }

  // Each chart of the page, once per plotly event emitter (a purged chart gets a new one).
  function watch() {
    if (!window.Plotly) { return; }
    document.querySelectorAll(".dash-graph .js-plotly-plot").forEach(function (gd) {
      if (!gd.on || gd._ciTitleFitEvents === gd._ev) { return; }
      gd._ciTitleFitEvents = gd._ev;
      // after every draw: a new figure (Plotly.react), a resize (Plots.resize)
      gd.on("plotly_afterplot", function () { fit(gd); });
      fit(gd);
    });
  }

  var pending = false;
  function schedule() {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; watch(); });
  }

  function start() {
    watch();
    new MutationObserver(schedule).observe(document.body, {subtree: true, childList: true});
  }

  // For the browser tests: the breaking rules on their own (a line fits when ``fits`` says).
  window.cyberindexTitleFit = {wrap: wrap};

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
