/* A modal's form is typed into at once: when a modal opens, or htmx loads (or reloads, after a refusal) its
   content, the cursor goes to the first field with an error, else the first field. Bootstrap alone focuses the
   modal's frame, and the form arrives by htmx after the modal is shown, so both moments are handled. */
(function () {
  "use strict";
  var FIELDS = "input:not([type=hidden]):not([disabled]):not([readonly]), select:not([disabled]), textarea:not([disabled])";

  function focusFirstField(modal) {
    var body = modal.querySelector(".modal-body");
    var field = body && (body.querySelector(".is-invalid") || body.querySelector(FIELDS));
    if (field && field.offsetParent !== null) {
      field.focus();
    }
  }

  document.addEventListener("shown.bs.modal", function (event) {
    focusFirstField(event.target);
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var modal = event.detail.target && event.detail.target.closest(".modal.show");
    if (modal) {
      focusFirstField(modal);
    }
  });
})();
