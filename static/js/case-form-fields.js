/* The legal-aid application form (templates/legalaid/case_form.html) shows what the chosen answers ask for:
   the notifying authority only for notices, the life-or-death box only for criminal matters, the 援助事项 the
   案件类别 admits (legalaid.models.MATTER_CATEGORIES, in the select's data-matter-categories) and the financial
   hardship only when no ground exempts the check (法律援助法第四十二条). */
(function () {
  "use strict";
  var source = document.getElementById("id_source");
  var matter = document.getElementById("id_matter_kind");
  var category = document.getElementById("id_category");
  var exemption = document.getElementById("id_exemption_ground");
  if (!source || !matter || !category || !exemption) return;
  var notices = source.dataset.noticeSources.split(" ");
  var admitted = JSON.parse(category.dataset.matterCategories);

  function toggle() {
    document.querySelector(".notice-only").classList.toggle("d-none", !notices.includes(source.value));
    document.querySelector(".criminal-only").classList.toggle("d-none", matter.value !== "criminal");
  }

  // A category that no longer fits the matter is cleared.
  function narrow() {
    var allowed = admitted[matter.value];
    Array.prototype.forEach.call(category.options, function (option) {
      var fits = !option.value || !allowed || allowed.includes(option.value);
      option.hidden = !fits;
      option.disabled = !fits;
    });
    if (category.selectedOptions[0] && category.selectedOptions[0].disabled) {
      category.value = "";
    }
  }

  function meansTest() {
    document.querySelectorAll(".means-test").forEach(function (box) {
      box.classList.toggle("d-none", Boolean(exemption.value) || notices.includes(source.value));
    });
  }

  source.addEventListener("change", toggle);
  source.addEventListener("change", meansTest);
  matter.addEventListener("change", toggle);
  matter.addEventListener("change", narrow);
  exemption.addEventListener("change", meansTest);
  toggle();
  narrow();
  meansTest();
})();
