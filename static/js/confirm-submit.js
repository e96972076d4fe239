/* A <form data-confirm="question"> is sent only once the user confirms the question. */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var question = event.target.dataset.confirm;
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
})();
