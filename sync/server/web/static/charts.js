/* The supervisor web's charts: every element with data-chart="NAME" is drawn with ECharts from
   the JSON in <script type="application/json" id="chart-NAME"> (data, never code: the page's
   Content-Security-Policy allows no inline script). A chart's numbers are also in a table. */
(function () {
  "use strict";
  var COLORS = ["#1a5fb4", "#f0a030", "#2e8b57", "#c0392b", "#7b4fa0", "#5a6775", "#0e8a8a"];

  function option(spec) {
    if (spec.kind === "pie") {
      return {
        animation: false,
        color: COLORS,
        tooltip: { trigger: "item", valueFormatter: spec.yuan ? yuan : undefined },
        legend: { type: "scroll", bottom: 0 },
        series: [{ type: "pie", radius: ["35%", "65%"], data: spec.slices,
                   label: { formatter: "{b}\n{d}%" } }]
      };
    }
    return {
      animation: false,  /* a weak township PC draws once, at once */
      color: COLORS,
      tooltip: { trigger: "axis", valueFormatter: spec.yuan ? yuan : undefined },
      legend: { type: "scroll", top: 0 },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: spec.x, axisLabel: { hideOverlap: true } },
      yAxis: { type: "value", minInterval: 1,
               axisLabel: spec.yuan ? { formatter: yuan } : {} },
      series: spec.series.map(function (s) {
        return { name: s.name, type: spec.kind || "bar", stack: spec.stacked ? "all" : undefined,
                 data: s.values, emphasis: { focus: "series" } };
      })
    };
  }

  function yuan(fen) {
    return "¥" + (fen / 100).toLocaleString("zh-CN", { maximumFractionDigits: 0 });
  }

  function draw(element) {
    var source = document.getElementById("chart-" + element.getAttribute("data-chart"));
    if (!source || typeof echarts === "undefined") {
      return;
    }
    var chart = echarts.init(element, null, { renderer: "canvas" });
    chart.setOption(option(JSON.parse(source.textContent)));
    element.setAttribute("data-drawn", "yes");
    window.addEventListener("resize", function () { chart.resize(); });
  }

  document.querySelectorAll("[data-chart]").forEach(draw);
})();
