/* Bootstrap's look for a form whose fields are rendered bare ({{ field }}): inside [data-form-controls], selects
   get form-select and text boxes form-control; data-form-controls="sm" makes them small. */
(function () {
  "use strict";
  var BOXES = "textarea, input:not([type=hidden]):not([type=radio]):not([type=checkbox])"
    + ":not([type=submit]):not([type=button])";
  document.querySelectorAll("[data-form-controls]").forEach(function (form) {
    var small = form.dataset.formControls === "sm";
    form.querySelectorAll("select").forEach(function (select) {
      select.classList.add("form-select");
      if (small) select.classList.add("form-select-sm");
    });
    form.querySelectorAll(BOXES).forEach(function (box) {
      box.classList.add("form-control");
      if (small) box.classList.add("form-control-sm");
    });
  });
})();
