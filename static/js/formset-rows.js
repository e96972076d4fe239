/* "Add a row" under a formset: <button data-formset-add="PREFIX" data-template="ID" data-rows="ID"> appends the
   formset's empty form (a <template>) with the next index and counts it in PREFIX-TOTAL_FORMS. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-formset-add]");
    if (!button) return;
    var total = document.getElementById("id_" + button.dataset.formsetAdd + "-TOTAL_FORMS");
    var html = document.getElementById(button.dataset.template).innerHTML.replace(/__prefix__/g, total.value);
    document.getElementById(button.dataset.rows).insertAdjacentHTML("beforeend", html);
    total.value = parseInt(total.value, 10) + 1;
  });
})();
