// Draws every <div data-chart="id-of-a-json_script"> with the ECharts option the server built.
// Pages never compute figures in the browser: the option (data included) comes from the view.
(function () {
  function draw(root) {
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      var source = document.getElementById(el.dataset.chart);
      if (!source) return;
      var chart = echarts.getInstanceByDom(el) || echarts.init(el, null, { renderer: "svg" });
      chart.setOption(JSON.parse(source.textContent), true);
      el.dataset.rendered = "true";
    });
  }
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSettle", function (event) { draw(event.target); });
  window.addEventListener("resize", function () {
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var chart = echarts.getInstanceByDom(el);
      if (chart) chart.resize();
    });
  });
})();
