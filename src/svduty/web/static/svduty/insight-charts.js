// Draws every dashboard chart from its Vega-Lite spec (the same spec as the report), locally,
// without eval: vega-embed's `ast` mode with the expression interpreter satisfies the CSP.
(function () {
  "use strict";
  function draw() {
    if (!window.vegaEmbed || !window.vegaInterpreter) { return; }
    document.querySelectorAll(".svduty-chart[data-spec]").forEach(function (element) {
      var source = document.getElementById(element.getAttribute("data-spec"));
      if (!source) { return; }
      var spec = JSON.parse(source.textContent);
      window.vegaEmbed(element, spec, {
        actions: false,
        renderer: "canvas",
        defaultStyle: false,
        tooltip: false,
        ast: true,
        expr: window.vegaInterpreter.expressionInterpreter
      }).then(function () {
        element.setAttribute("data-rendered", "true");
      }).catch(function (error) {
        element.setAttribute("data-rendered", "error");
        element.textContent = "This chart could not be drawn; the table below holds its numbers.";
        if (window.console) { window.console.warn(error); }
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
