/* cyberindex: Back and Forward rebuild the page (served from 'self', CSP-safe).
 *
 * Each page keeps its view in the query string through its own dcc.Location(refresh=False):
 * a change of a control pushes a history entry without re-rendering the page. Dash's page
 * router re-renders a page when ITS Location (_pages_location) changes, and that Location
 * never hears of the pages' pushes. So after one change, Back returns to exactly the URL the
 * router last rendered: its Location sees no change, no callback fires, and the page keeps
 * showing the later view under the earlier address.
 *
 * On popstate (capture phase, before the Locations' own listeners) this compares the URL with
 * what the router's Location last held. If they differ, the router re-renders by itself;
 * if they are equal, the router would stay silent, so its search is set again, which makes
 * Dash run the router callback (set_props notifies the callbacks whatever the value).
 * The page is then rebuilt from the URL by its layout function, like a fresh visit.
 */
(function () {
  "use strict";

  var ROUTER_LOCATION = "_pages_location";

  function routerProps() {
    var api = window.dash_component_api;
    var node = api && api.getLayout ? api.getLayout(ROUTER_LOCATION) : null;
    return node && node.props;
  }

  window.addEventListener("popstate", function () {
    var seen = routerProps();
    if (!seen) { return; }
    var silent = (seen.pathname || "") === window.location.pathname &&
                 (seen.search || "") === window.location.search;
    if (!silent) { return; }
    window.setTimeout(function () {
      var clientside = window.dash_clientside;
      if (clientside && clientside.set_props) {
        clientside.set_props(ROUTER_LOCATION, { search: window.location.search });
      }
    }, 0);
  }, true);
})();
