// The phone form follows the chosen kind: the count's label says what is counted, and “化解成功” is offered
// only for disputes. The labels come from the page (data-count-label), so they are translated with it.
(function () {
  const form = document.getElementById("servicelog-form");
  if (!form) return;
  const countLabel = form.querySelector("label[for='id_count']");
  const resolved = document.getElementById("resolved-field");
  function follow() {
    const chosen = form.querySelector("input[name='kind']:checked");
    if (chosen && countLabel) countLabel.textContent = chosen.dataset.countLabel || countLabel.textContent;
    // A class, not the hidden attribute: Bootstrap's d-flex would override [hidden].
    if (resolved) resolved.classList.toggle("d-none", !(chosen && chosen.value === "dispute"));
  }
  form.addEventListener("change", function (event) {
    if (event.target.name === "kind") follow();
  });
  follow();
})();
