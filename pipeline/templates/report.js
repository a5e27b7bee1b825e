/* notice-tasks review report: row ↔ span navigation, legend toggles. No network, no eval. */
(function () {
  "use strict";
  function piecesOf(id) {
    return Array.prototype.slice.call(document.querySelectorAll("[data-span]")).filter(
      function (el) { return el.getAttribute("data-span") === id; });
  }
  function flash(id) {
    var pieces = piecesOf(id);
    if (!pieces.length) { return; }
    var smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    pieces[0].scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" });
    pieces.forEach(function (el) {
      el.classList.remove("flash");
      void el.offsetWidth; /* restart the animation */
      el.classList.add("flash");
    });
  }
  function activate(row) {
    document.querySelectorAll("#tasks tr.active, .task.active").forEach(
      function (el) { el.classList.remove("active"); });
    if (!row) { return; }
    row.classList.add("active");
    piecesOf(row.getAttribute("data-goto")).forEach(function (el) { el.classList.add("active"); });
  }

  var table = document.getElementById("tasks");
  if (table) {
    table.addEventListener("click", function (ev) {
      var chip = ev.target.closest("a.chip[data-goto]");
      var row = ev.target.closest("tr[data-goto]");
      if (chip) { ev.preventDefault(); }
      activate(row);
      var goto = (chip || row || {}).getAttribute ? (chip || row).getAttribute("data-goto") : null;
      if (goto) { flash(goto); }
    });
  }
  var text = document.getElementById("text");
  if (text) {
    text.addEventListener("click", function (ev) {
      var task = ev.target.closest(".task[data-task]");
      if (!task) { return; }
      var row = document.getElementById("row-" + task.getAttribute("data-task"));
      if (row) {
        activate(row);
        row.scrollIntoView({ block: "nearest" });
      }
    });
  }
  document.querySelectorAll(".legend input[data-toggle]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.getAttribute("data-toggle"), !box.checked);
    });
  });
})();
