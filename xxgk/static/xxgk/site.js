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
  // 打印本页: any button marked data-print
  document.querySelectorAll("[data-print]").forEach(function (print) {
    print.addEventListener("click", function () {
      window.print();
    });
  });
})();
