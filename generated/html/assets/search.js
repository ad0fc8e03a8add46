// Search over the local index (search-index.js, loaded from our own folder when the
// search box is first used, so pages load fast): plain DOM, text only, no network.
(function () {
  "use strict";
  var input = document.getElementById("search");
  var list = document.getElementById("results");
  var root = document.body.getAttribute("data-root") || "";
  var index = null;
  if (!input || !list) return;
  function load(then) {
    if (index !== null || window.RESPGEN_SEARCH) { index = window.RESPGEN_SEARCH; then(); return; }
    var script = document.createElement("script");
    script.src = root + "assets/search-index.js";
    script.onload = function () { index = window.RESPGEN_SEARCH || []; then(); };
    document.body.appendChild(script);
  }
  function show(query) {
    if (index === null) { load(function () { show(input.value); }); return; }
    while (list.firstChild) list.removeChild(list.firstChild);
    var q = query.trim().toLowerCase();
    if (!q) { list.hidden = true; return; }
    var exact = [], starts = [], within = [];
    for (var i = 0; i < index.length; i++) {
      var name = index[i][0].toLowerCase();
      if (name === q) exact.push(index[i]);
      else if (name.indexOf(q) === 0) starts.push(index[i]);
      else if (name.indexOf(q) > 0) within.push(index[i]);
    }
    var found = exact.concat(starts, within).slice(0, 50);
    for (var j = 0; j < found.length; j++) {
      var item = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + found[j][2];
      var code = document.createElement("code");
      code.textContent = found[j][0];
      a.appendChild(code);
      item.appendChild(a);
      var what = document.createElement("span");
      what.className = "what";
      what.textContent = " " + found[j][1];
      item.appendChild(what);
      list.appendChild(item);
    }
    if (!found.length) {
      var none = document.createElement("li");
      none.textContent = "No match";
      list.appendChild(none);
    }
    list.hidden = false;
  }
  input.addEventListener("input", function () { show(input.value); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter") {
      var first = list.querySelector("a");
      if (first) window.location.href = first.href;
    } else if (e.key === "Escape") {
      input.value = ""; show("");
    }
  });
})();
