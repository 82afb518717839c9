// Mijn Vangnet: the "voorlezen" button reads the question aloud with the browser's own
// speech synthesis (nothing is sent to another host). Without speech synthesis the button
// stays hidden.
(function () {
  "use strict";
  if (!("speechSynthesis" in window)) {
    return;
  }
  document.querySelectorAll("[data-read-aloud]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var parts = [];
      document.querySelectorAll("[data-read-text]").forEach(function (element) {
        parts.push(element.textContent.trim());
      });
      var speech = new SpeechSynthesisUtterance(parts.join(". "));
      speech.lang = document.documentElement.lang === "en" ? "en-GB" : "nl-NL";
      window.speechSynthesis.cancel();
      window.speechSynthesis.speak(speech);
    });
  });
})();
