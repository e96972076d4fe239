/* 全选 / 全不选: a <button data-check="all|none"> ticks or clears every checkbox of its [data-check-group]. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-check]");
    var group = button && button.closest("[data-check-group]");
    if (!group) return;
    group.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = button.dataset.check === "all";
    });
  });
})();
