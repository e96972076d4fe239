/* A statistics period form (the dashboards' selector, the work report's form): the start and end dates
   (.period-range) show only for a custom span (span = "range"). With data-submit-on-change, each select sends
   the form at once unless a custom range is being typed. */
(function () {
  "use strict";
  document.querySelectorAll("form[data-period-form]").forEach(function (form) {
    var span = form.querySelector("[name=span]");
    if (!span) return;
    function toggle() {
      form.querySelectorAll(".period-range").forEach(function (el) { el.hidden = span.value !== "range"; });
    }
    toggle();
    span.addEventListener("change", toggle);
    if (form.hasAttribute("data-submit-on-change")) {
      form.querySelectorAll("select").forEach(function (select) {
        select.addEventListener("change", function () {
          if (span.value !== "range") form.requestSubmit();
        });
      });
    }
  });
})();
