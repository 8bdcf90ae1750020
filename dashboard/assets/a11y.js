/* cyberindex: accessibility repairs for Dash 4 components (served from 'self', CSP-safe).
 *
 * Dash 4's components put ARIA where it does not belong; axe-core reports these as serious:
 * - dcc.Dropdown: a hidden, focusable "focus target" input takes the Tab stop and hands focus
 *   to the real button (tabindex -1). Make the button the Tab stop and take the proxy out of
 *   the tab order, so keyboard and screen-reader users land on the named control.
 * - dcc.RadioItems / dcc.Checklist: a role=listbox of role=option labels wrapping native radio
 *   buttons and checkboxes. Native inputs inside a <fieldset> with a <legend> already say
 *   everything: drop the listbox/option roles and aria-selected.
 * - The dropdown's clear "button" is an <a> without href inside the dropdown's <button>: it
 *   cannot be focused (Delete or Backspace on the dropdown clears it), so hide it from the
 *   accessibility tree rather than nest a control in a control. The date picker's clear link
 *   (not nested) gets role=button.
 * - dcc.DatePickerRange: aria-expanded on a plain wrapper <div>: give it role=group. Its month
 *   buttons are named in English only, and right to left (is_RTL, the Arabic pages) the one
 *   Dash names "Previous month" goes a month forward: each is named by what it does, in the
 *   page's language.
 * - dash_table.DataTable: icon-only pagination buttons get names, the page box a label. The
 *   sort icons are spans a keyboard cannot reach: they become buttons named "Sort by
 *   <column>" (Enter or Space sorts; Tab moves on, not caught by the table's own key
 *   handler), and the header says its sort (aria-sort). The filter row's boxes are named
 *   "Filter <column>", its "Aa" toggles "Match case" with their state.
 * Names come translated from the page (data-a11y-* attributes of .ci-page, set by
 * dashboard.layout.page_shell through gettext), never from this file.
 * The repairs are idempotent and re-applied when React re-renders (MutationObserver).
 */
(function () {
  "use strict";

  function set(el, name, value) {
    if (el.getAttribute(name) !== value) { el.setAttribute(name, value); }
  }

  function drop(el, name) {
    if (el.hasAttribute(name)) { el.removeAttribute(name); }
  }

  function label(key, fallback) {
    var page = document.querySelector(".ci-page");
    return (page && page.getAttribute("data-a11y-" + key)) || fallback;
  }

  function columnName(th) {
    var name = th.querySelector(".column-header-name");
    return ((name || th).textContent || "").trim() || th.getAttribute("data-dash-column");
  }

  // Dash's names of the date picker's month buttons, and whether that button goes forward.
  var DASH_MONTH = { "Previous month": false, "Next month": true };

  function nameMonthButton(button) {
    var given = button.getAttribute("aria-label");
    if (Object.prototype.hasOwnProperty.call(DASH_MONTH, given)) {
      var forward = DASH_MONTH[given] !== !!button.closest(".ci-date-picker.is-rtl");
      set(button, "data-ci-forward", forward ? "1" : "0");
    }
    if (!button.hasAttribute("data-ci-forward")) { return; }
    var ahead = button.getAttribute("data-ci-forward") === "1";
    var named = ahead ? label("next-month", "Next month") : label("previous-month", "Previous month");
    set(button, "aria-label", named);
    set(button, "title", named);
  }

  var PAGER = {
    "first-page": "First page", "previous-page": "Previous page",
    "next-page": "Next page", "last-page": "Last page",
  };

  function repair(root) {
    var scope = root && root.querySelectorAll ? root : document;
    scope.querySelectorAll("button.dash-dropdown[id]").forEach(function (button) {
      // Name = the field's visible <label for> (as for any labelable element); description =
      // the chosen values. Dash names the button by its values only (aria-labelledby), which
      // loses the field's label and breaks "label in name" (WCAG 2.5.3).
      var id = button.id;
      if (!document.querySelector('label[for="' + id + '"]')) { return; }
      if (button.hasAttribute("aria-labelledby")) { button.removeAttribute("aria-labelledby"); }
      set(button, "aria-describedby", id + "-value");
      var count = document.getElementById(id + "-value-count");
      if (count) { set(count, "aria-hidden", "true"); }
    });
    Object.keys(PAGER).forEach(function (cls) {
      scope.querySelectorAll(".dash-spreadsheet-container ~ * button." + cls +
                             ", .previous-next-container button." + cls).forEach(function (b) {
        set(b, "aria-label", label(cls, PAGER[cls]));
      });
    });
    scope.querySelectorAll("th.dash-header[data-dash-column]").forEach(function (th) {
      var button = th.querySelector(".column-header--sort");
      if (!button) { return; }
      var name = columnName(th);
      set(button, "role", "button");
      set(button, "tabindex", "0");
      set(button, "aria-label", label("sort", "Sort by {column}").replace("{column}", name));
      if (!button.hasAttribute("data-ci-keys")) {
        button.setAttribute("data-ci-keys", "1");
        button.addEventListener("keydown", function (event) {
          if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            button.click();
          } else if (event.key === "Tab") {
            // The table's own key handler (for moving between cells) takes Tab and keeps
            // focus here: a keyboard trap. Tab leaves the button as it leaves any control.
            event.stopPropagation();
          }
        });
      }
      var icon = button.querySelector("svg[data-icon]");
      var shown = icon ? icon.getAttribute("data-icon") : "sort";
      set(th, "aria-sort", shown === "sort-up" ? "ascending"
                          : shown === "sort-down" ? "descending" : "none");
    });
    scope.querySelectorAll("th.dash-filter[data-dash-column]").forEach(function (th) {
      var header = document.querySelector('th.dash-header[data-dash-column="' +
                                          th.getAttribute("data-dash-column") + '"]');
      var name = header ? columnName(header) : th.getAttribute("data-dash-column");
      th.querySelectorAll('input[type="text"]').forEach(function (input) {
        set(input, "aria-label", label("filter", "Filter {column}").replace("{column}", name));
      });
      th.querySelectorAll("input.dash-filter--case").forEach(function (toggle) {
        var named = label("match-case", "Match case");
        set(toggle, "aria-label", named);
        set(toggle, "title", named);
        set(toggle, "aria-pressed",
            toggle.classList.contains("dash-filter--case--sensitive") ? "true" : "false");
      });
    });
    scope.querySelectorAll("input.current-page").forEach(function (input) {
      set(input, "aria-label", label("current-page", "Page number"));
    });
    scope.querySelectorAll(".dash-dropdown-focus-target").forEach(function (proxy) {
      set(proxy, "tabindex", "-1");
    });
    scope.querySelectorAll("button.dash-dropdown").forEach(function (button) {
      if (!button.disabled) { set(button, "tabindex", "0"); }
    });
    // Only RadioItems and Checklist: the dropdown's own list keeps its listbox/option roles.
    scope.querySelectorAll(".dash-radioitems, .dash-checklist").forEach(function (list) {
      if (list.closest(".dash-dropdown-content")) { return; }
      drop(list, "role");
      list.querySelectorAll(".dash-options-list-option").forEach(function (option) {
        drop(option, "role");
        drop(option, "aria-selected");
      });
    });
    scope.querySelectorAll("a.dash-dropdown-clear").forEach(function (a) {
      set(a, "aria-hidden", "true");
    });
    scope.querySelectorAll("a.dash-datepicker-clear").forEach(function (a) {
      set(a, "role", "button");
    });
    scope.querySelectorAll("button.dash-datepicker-month-nav").forEach(nameMonthButton);
    scope.querySelectorAll("div[aria-expanded]:not([role])").forEach(function (div) {
      set(div, "role", "group");
    });
  }

  var pending = false;
  function schedule() {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; repair(document); });
  }

  function start() {
    repair(document);
    new MutationObserver(schedule).observe(document.body, {
      subtree: true, childList: true, attributes: true,
      attributeFilter: ["tabindex", "role", "aria-selected", "aria-expanded", "aria-labelledby",
                        "class", "data-icon"],
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
