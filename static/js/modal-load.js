/* The modal that an action's form is loaded into by htmx (the link's hx-get, into ".modal-content"):
   - htmx binds the page's links only once the page has been read (DOMContentLoaded), while Bootstrap opens the
     modal on a click as soon as its own script has run. A click in between — a long page, a slow network —
     would open the modal and leave it at "正在加载…" for good; so a modal opened before htmx is ready loads
     its link's form as soon as htmx is.
   - A closed modal goes back to "正在加载…": opened for another action, it would otherwise show the last
     action's form, with what was typed into it, until the new one arrives — long enough to type into the
     wrong form; and a form that arrives after its modal was closed is not put in. */
(function () {
  "use strict";
  var ready = false;  // htmx has bound the page (not readyState: it is "interactive" while deferred scripts run)
  var early = null;  // the last link clicked before then
  var blank = new Map();  // each modal's content as the page came, for the modals whose content htmx replaced

  document.querySelectorAll(".modal .modal-content").forEach(function (content) {
    blank.set(content, {html: content.innerHTML, swapped: false, open: false});
  });

  function stateOf(modal) {
    var content = modal.querySelector(".modal-content");
    return content && blank.get(content);
  }

  document.addEventListener("show.bs.modal", function (event) {
    var state = stateOf(event.target);
    if (state) {
      state.open = true;
    }
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

  document.addEventListener("hide.bs.modal", function (event) {
    var state = stateOf(event.target);
    if (state) {
      state.open = false;
    }
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    var state = blank.get(event.detail.target);
    if (state && !state.open) {
      event.detail.shouldSwap = false;
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var state = blank.get(event.detail.target);
    if (state) {
      state.swapped = true;
    }
  });

  document.addEventListener("hidden.bs.modal", function (event) {
    var state = stateOf(event.target);
    if (state && state.swapped) {
      event.target.querySelector(".modal-content").innerHTML = state.html;
      state.swapped = false;
    }
  });
})();
