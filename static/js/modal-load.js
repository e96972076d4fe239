/* The modal that an action's form is loaded into by htmx (the link's hx-get, into ".modal-content"):
   - Bootstrap opens the modal on a click as soon as its own script has run; htmx binds the page's links only once
     it has read the page (its load event on <body>). A click in between — a long page, a slow network, a script
     still on its way — would open the modal and leave it at "正在加载…" for good; so a modal opened for a link
     that htmx did not answer loads that link's form as soon as htmx has read the page. This script comes before
     Bootstrap's (templates/base.html), so that no modal can open before it listens.
   - A closed modal goes back to "正在加载…": opened for another action, it would otherwise show the last
     action's form, with what was typed into it, until the new one arrives — long enough to type into the
     wrong form; and a form that arrives after its modal was closed is not put in. */
(function () {
  "use strict";
  var requested = null;  // what htmx has just sent a request for: on a click, its handler runs before Bootstrap's
  var early = null;  // the last link whose modal opened without htmx answering it
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
    if (link && link.hasAttribute("hx-get") && link !== requested) {
      early = link;
    }
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    requested = event.detail.elt;
    setTimeout(function () { requested = null; }, 0);  // only for the click being handled
  });

  document.addEventListener("htmx:load", function (event) {  // on <body>: htmx has read the page
    if (event.target === document.body && early) {
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
