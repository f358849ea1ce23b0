// Render the dyad chart from the page's JSON spec; a click on any mark filters the event table.
(function () {
  "use strict";
  function pick(period) {
    var chart = document.getElementById("chart");
    var url = chart.getAttribute("data-events-url");
    var pageUrl = chart.getAttribute("data-page-url") + "?period=" + encodeURIComponent(period);
    if (!url || !window.htmx) { window.location.href = pageUrl; return; }
    window.htmx.ajax("GET", url + "&period=" + encodeURIComponent(period), { target: "#events", swap: "innerHTML" });
    window.history.pushState({}, "", pageUrl);
    document.querySelectorAll(".periods .period").forEach(function (a) {
      if (a.getAttribute("data-period") === period) { a.setAttribute("aria-current", "true"); }
      else { a.removeAttribute("aria-current"); }
    });
  }
  function draw() {
    var holder = document.getElementById("chart");
    var source = document.getElementById("chart-spec");
    if (!holder || !source || !window.vegaEmbed) { return; }
    var spec = JSON.parse(source.textContent);
    window.vegaEmbed(holder, spec, { renderer: "svg", actions: false }).then(function (result) {
      holder.setAttribute("data-rendered", "true");
      result.view.addEventListener("click", function (event, item) {
        var period = item && item.datum && item.datum.period;
        if (period && holder.getAttribute("data-events-url")) { pick(String(period)); }
        else if (period) { window.top.location.href = holder.getAttribute("data-page-url") + "?period=" + encodeURIComponent(period); }
      });
    }).catch(function (err) {
      holder.textContent = "The chart could not be drawn: " + err;
    });
  }
  document.addEventListener("htmx:afterSwap", function (event) {
    var table = document.getElementById("events-table");
    var period = table ? table.getAttribute("data-period") : "";
    document.querySelectorAll(".periods .period").forEach(function (a) {
      if (period && a.getAttribute("data-period") === period) { a.setAttribute("aria-current", "true"); }
      else { a.removeAttribute("aria-current"); }
    });
  });
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
