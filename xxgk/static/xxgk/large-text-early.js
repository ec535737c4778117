// Loaded in <head>, before the page is drawn: large text stays on from page to page without a flash.
try {
  if (localStorage.getItem("xxgk-large") === "1") {
    document.documentElement.classList.add("large-text");
  }
} catch (e) {}
