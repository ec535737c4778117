// The site's behaviour, in a file: the Content-Security-Policy allows no inline script or handler.
(function () {
  // 大字模式: the switch in the header, remembered in this browser
  var button = document.getElementById("large-text");
  if (button) {
    var on = document.documentElement.classList.contains("large-text");
    button.setAttribute("aria-pressed", on);
    button.addEventListener("click", function () {
      on = !on;
      document.documentElement.classList.toggle("large-text", on);
      try {
        localStorage.setItem("xxgk-large", on ? "1" : "0");
      } catch (e) {}
      button.setAttribute("aria-pressed", on);
    });
  }
  // Phone tables: under 640 px a table.list stacks its cells and site.css shows each cell's data-label
  // before it; a table whose template gives none gets its column headings copied onto its cells.
  document.querySelectorAll("table.list").forEach(function (table) {
    if (!table.tHead || !table.tHead.rows.length) return;
    var headings = []; // one entry per column: a heading spanning two columns labels both
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      for (var i = 0; i < (th.colSpan || 1); i++) headings.push(th);
    });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          var heading = headings[column];
          // a cell spanning the whole row ("暂无。") is a note, not a value of one column
          if (heading && cell.colSpan < headings.length && !cell.hasAttribute("data-label")) {
            var label = heading.textContent.trim();
            if (label) cell.setAttribute("data-label", label);
          }
          column += cell.colSpan || 1;
        });
      });
    });
  });
  // Fields for one kind of applicant (data-shown-for="applicant_type=organisation"): shown only once that
  // kind is chosen, and disabled while hidden so they are not sent. Without scripts every field shows,
  // each labelled with whom it is for.
  document.querySelectorAll("form").forEach(function (form) {
    var dependent = form.querySelectorAll("[data-shown-for]");
    if (!dependent.length) return;
    function update() {
      dependent.forEach(function (box) {
        var rule = box.getAttribute("data-shown-for").split("=");
        var chosen = form.querySelector('input[name="' + rule[0] + '"]:checked');
        var show = !chosen || chosen.value === rule[1];
        box.hidden = !show;
        box.querySelectorAll("input, select, textarea").forEach(function (control) {
          control.disabled = !show;
        });
      });
    }
    form.addEventListener("change", update);
    update();
  });
  // 打印本页: any button marked data-print
  document.querySelectorAll("[data-print]").forEach(function (print) {
    print.addEventListener("click", function () {
      window.print();
    });
  });
  // Work done in the background (生成中…): an element with data-poll="URL" is replaced by what URL
  // answers (the same element, drawn again by the server) every few seconds, until it carries no data-poll.
  function poll(box) {
    window.setTimeout(function () {
      fetch(box.getAttribute("data-poll"), { credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.text() : null;
        })
        .then(function (html) {
          if (html === null) return;
          var holder = document.createElement("div");
          holder.innerHTML = html;
          var fresh = holder.firstElementChild;
          if (!fresh) return;
          box.replaceWith(fresh);
          if (fresh.hasAttribute("data-poll")) poll(fresh);
        })
        .catch(function () {
          poll(box);
        });
    }, 3000);
  }
  document.querySelectorAll("[data-poll]").forEach(poll);
})();
