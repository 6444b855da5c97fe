// The demo site's loader of the embed snippet (a file, not an inline script: the page runs
// under Content-Security-Policy default-src 'self'). Served by `assistant serve` (/demo),
// the page talks to the API that served it; opened from elsewhere,
// ?api=http://127.0.0.1:8080 points it at an API server. It builds the same <script> tag
// as the snippet shown on the page.
(function () {
  var api = /^https?:$/.test(location.protocol) ? location.origin : "http://127.0.0.1:8080";
  var wanted = new URLSearchParams(location.search).get("api");
  if (wanted && /^https?:\/\/[^\s"'<>]+$/.test(wanted)) api = wanted.replace(/\/+$/, "");
  var attrs = {
    src: api + "/widget.js",
    "data-api": api,
    "data-title": "Assistant Formations d'avenir",
    "data-color": "#004a99",
    "data-region": "Hauts-de-France",
  };
  var tag = document.createElement("script");
  Object.keys(attrs).forEach(function (k) { tag.setAttribute(k, attrs[k]); });
  tag.async = true;
  document.body.appendChild(tag);
  document.getElementById("snippet").textContent =
    "<script src=\"" + attrs.src + "\" data-api=\"" + api + "\"\n        data-title=\"" +
    attrs["data-title"] + "\" data-color=\"" + attrs["data-color"] +
    "\" data-region=\"" + attrs["data-region"] + "\" async><\/script>";
})();
