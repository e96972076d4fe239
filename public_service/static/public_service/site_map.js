// The sites on a scatter of their coordinates (vendored ECharts, no tiles, no outline): a tap opens the site.
(function () {
  var box = document.getElementById('site-map');
  if (!box || !window.echarts) { return; }
  var points = JSON.parse(box.dataset.points || '[]');
  var levels = Array.from(new Set(points.map(function (p) { return p.level; })));
  var chart = echarts.init(box);
  chart.setOption({
    tooltip: { formatter: function (p) { return p.data.name + '<br>' + p.data.level; } },
    legend: { top: 0, data: levels },
    grid: { left: 8, right: 8, top: 30, bottom: 8, containLabel: false },
    xAxis: { type: 'value', scale: true, show: false },
    yAxis: { type: 'value', scale: true, show: false },
    series: levels.map(function (level, i) {
      return {
        name: level, type: 'scatter', symbolSize: [18, 14, 10, 9][i] || 9,
        data: points.filter(function (p) { return p.level === level; })
      };
    })
  });
  chart.on('click', function (p) { if (p.data && p.data.url) { window.location.href = p.data.url; } });
  window.addEventListener('resize', function () { chart.resize(); });
})();
