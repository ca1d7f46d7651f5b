// The receipt's print button: shown only where this script runs (the page works without it).
for (const b of document.querySelectorAll("button[data-print]")) {
  b.hidden = false;
  b.addEventListener("click", () => window.print());
}
