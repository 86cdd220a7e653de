// Polls a job's status endpoint and shows its stage; reloads the page when the job ends so the
// server renders the batch summary, quarantined rows or report links.
(function () {
  "use strict";
  var box = document.getElementById("job-progress");
  if (!box || box.getAttribute("data-finished") === "true") { return; }
  var url = box.getAttribute("data-status-url");
  var stage = document.getElementById("job-stage");
  var status = document.getElementById("job-status");
  var bar = document.getElementById("job-bar");
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (job) {
        status.textContent = job.status_label;
        stage.textContent = job.stage + (job.total ? " (" + job.done + " of " + job.total + ")" : "");
        if (bar) {
          if (job.total) { bar.max = job.total; bar.value = job.done; } else { bar.removeAttribute("value"); }
        }
        if (job.finished) { window.location.reload(); } else { window.setTimeout(poll, 700); }
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  window.setTimeout(poll, 300);
})();
