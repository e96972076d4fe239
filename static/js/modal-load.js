/* An action's form is loaded into the modal by htmx (the link's hx-get), but htmx binds the page's links only
   once the page has been read (DOMContentLoaded), while Bootstrap opens the modal on a click as soon as its own
   script has run. A click in between — a long page, a slow network — would open the modal and leave it at
   "正在加载…" for good. So a modal opened before htmx is ready loads its link's form as soon as htmx is. */
(function () {
  "use strict";
  var ready = false;  // htmx has bound the page (not readyState: it is "interactive" while deferred scripts run)
  var early = null;  // the last link clicked before then

  document.addEventListener("show.bs.modal", function (event) {
    var link = event.relatedTarget;
    if (!ready && link && link.hasAttribute("hx-get")) {
      early = link;
    }
  });

  document.addEventListener("DOMContentLoaded", function () {  // after htmx's own handler, registered before
    ready = true;
    if (early) {
      htmx.ajax("GET", early.getAttribute("hx-get"), {source: early, target: early.getAttribute("hx-target")});
      early = null;
    }
  });
})();
