// The demo site's loader of the embed snippet (a file, not an inline script: the page runs
// under Content-Security-Policy default-src 'self'). Served by `assistant serve` (/demo),
// the page talks to the API that served it; opened from elsewhere,
// ?api=http://127.0.0.1:8080 points it at an API server. It builds the same <script> tag
// as the snippet shown on the page.
(function () {
  var params = new URLSearchParams(location.search);
  var api = /^https?:$/.test(location.protocol) ? location.origin : "http://127.0.0.1:8080";
  var wanted = params.get("api");
  if (wanted && /^https?:\/\/[^\s"'<>]+$/.test(wanted)) api = wanted.replace(/\/+$/, "");
  var attrs = {
    src: api + "/widget.js",
    "data-api": api,
    "data-title": "Assistant Formations d'avenir",
    "data-color": "#004a99",
    "data-region": "Hauts-de-France",
  };
  // ?mode=inline: the widget inside the page's #assistant element instead of a launcher.
  if (params.get("mode") === "inline") {
    attrs["data-mode"] = "inline";
    attrs["data-target"] = "#assistant";
    attrs["data-height"] = "560";
    document.getElementById("assistant-inline").hidden = false;
  }
  var tag = document.createElement("script");
  Object.keys(attrs).forEach(function (k) { tag.setAttribute(k, attrs[k]); });
  tag.async = true;
  document.body.appendChild(tag);
  document.getElementById("snippet").textContent =
    "<script " +
    Object.keys(attrs).map(function (k) { return k + "=\"" + attrs[k] + "\""; }).join("\n        ") +
    " async><\/script>";
})();
