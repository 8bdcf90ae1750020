/* cyberindex: what Dash 4's own widgets write, in the page's language and digits (served from
 * 'self', CSP-safe).
 *
 * - dcc.DatePickerRange / DatePickerSingle name months and weekdays with date-fns, whose only
 *   bundled locale is English. Dash 4.4.1 has no locale prop: its getUserLocale() reads the
 *   locales a page registers in window.dateFns.locale, matched against the *browser's*
 *   languages, else the first one registered. So this file registers one locale only, the
 *   page's (<html lang>, set by the server from ?lang=), built from the browser's CLDR data
 *   (Intl.DateTimeFormat): the French page's picker says "septembre", the Arabic one
 *   "سبتمبر", whatever the browser's own language. English pages register none (date-fns'
 *   English). The locale formats; it does not parse month names: the dates typed in the
 *   picker's box are in digits (date_pickers.picker_formats).
 * - Dash writes some numbers itself in 0-9: the multi-select dropdown's "{num_selected}
 *   selected" count (its labels prop takes the words, not the digits), the calendar's day
 *   numbers and the year in its month headers. When the Arabic page uses Arabic-Indic digits
 *   (the digit switch of dashboard.layout.language_switch marks the chosen one
 *   aria-current), they are written ٠-٩ like the rest of the page. The year box (an
 *   <input type=number>) and the typed dates stay in 0-9: the component reads them back.
 * Re-applied when React re-renders (MutationObserver); idempotent.
 */
(function () {
  "use strict";

  var lang = (document.documentElement.getAttribute("lang") || "en").toLowerCase()
    .split("-")[0];

  // ---------------------------------------------------------------- date-fns locale (Intl)

  var MONTH_WIDTHS = {narrow: "narrow", abbreviated: "short", wide: "long"};
  var DAY_WIDTHS = {narrow: "narrow", short: "short", abbreviated: "short", wide: "long"};

  function part(code, options, date, type) {
    return new Intl.DateTimeFormat(code, options).formatToParts(date)
      .filter(function (p) { return p.type === type; })
      .map(function (p) { return p.value; }).join("");
  }

  function monthName(code, month, width, context) {
    var options = {month: MONTH_WIDTHS[width] || "long"};
    var date = new Date(2024, month, 15);
    if (context !== "standalone") { options.day = "numeric"; }  // the form inside a date
    return part(code, options, date, "month");
  }

  function dayName(code, day, width) {
    // 7 January 2024 was a Sunday: date-fns counts weekdays from Sunday = 0.
    return part(code, {weekday: DAY_WIDTHS[width] || "long"}, new Date(2024, 0, 7 + day),
                "weekday");
  }

  function weekOptions(code) {
    try {
      var locale = new Intl.Locale(code);
      var info = locale.getWeekInfo ? locale.getWeekInfo() : locale.weekInfo;
      if (info && info.firstDay) {
        return {weekStartsOn: info.firstDay % 7, firstWeekContainsDate: info.minimalDays || 1};
      }
    } catch (e) { /* an older browser: date-fns' defaults */ }
    return {};
  }

  function dateFnsLocale(code) {
    var cache = {};
    function cached(key, make) {
      if (!(key in cache)) { cache[key] = make(); }
      return cache[key];
    }
    return {
      code: code,
      localize: {
        ordinalNumber: function (n) { return String(n); },
        month: function (month, options) {
          var width = (options && options.width) || "wide";
          var context = (options && options.context) || "formatting";
          return cached(["m", month, width, context].join(), function () {
            return monthName(code, Number(month), width, context);
          });
        },
        day: function (day, options) {
          var width = (options && options.width) || "wide";
          return cached(["d", day, width].join(), function () {
            return dayName(code, Number(day), width);
          });
        }
      },
      options: weekOptions(code)
    };
  }

  if (lang !== "en" && window.Intl && Intl.DateTimeFormat &&
      Intl.DateTimeFormat.prototype.formatToParts) {
    var locales = {};
    locales[lang] = dateFnsLocale(lang);
    window.dateFns = window.dateFns || {};
    window.dateFns.locale = locales;  // only the page's: Dash falls back to it
  }

  // ---------------------------------------------------------------- Arabic-Indic digits

  if (lang !== "ar") { return; }

  var DIGITS = "٠١٢٣٤٥٦٧٨٩";
  var WRITTEN_BY_DASH = [
    ".dash-dropdown-value-count",
    ".dash-datepicker-calendar td > span",
    ".dash-datepicker-calendar-month-header"
  ].join(", ");

  function arabicIndicChosen() {
    var chosen = document.querySelector(".ci-digits-list [aria-current='true']");
    return !!chosen && chosen.textContent.indexOf(DIGITS.charAt(0)) !== -1;
  }

  function localize(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var text = node.nodeValue.replace(/[0-9]/g, function (d) { return DIGITS.charAt(+d); });
      if (text !== node.nodeValue) { node.nodeValue = text; }  // same node: React keeps it
    }
  }

  function repair() {
    if (!arabicIndicChosen()) { return; }
    var found = document.querySelectorAll(WRITTEN_BY_DASH);
    for (var i = 0; i < found.length; i++) { localize(found[i]); }
  }

  function start() {
    repair();
    new MutationObserver(repair).observe(document.body,
                                         {childList: true, subtree: true, characterData: true});
  }

  if (document.body) { start(); } else { document.addEventListener("DOMContentLoaded", start); }
}());
