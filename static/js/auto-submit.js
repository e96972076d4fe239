/* A <select data-auto-submit> sends its form as soon as it changes (the lists' page size, the appraisal's
   district); a <noscript> button does it without scripts. */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    if (event.target.matches("select[data-auto-submit]")) {
      event.target.form.requestSubmit();
    }
  });
})();
