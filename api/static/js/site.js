// Every page: suggestions as you type, and quotes unfolded for printing.
// Suggestions, for every <input data-suggest>: names and aliases from GET /entities?q=.
// data-suggest="go" (default) opens the chosen entity's page; "fill" puts its name in the box
// (and its id in the input named by data-id-field, if any), for forms such as the path page.
(function () {
  "use strict";
  var TYPES = {organization: "组织", person: "人物", place: "地点", initiative: "项目", event: "活动", award: "荣誉", source: "报道"};

  function pageOf(item) {
    return item.type === "source" ? "/source/" + encodeURIComponent(item.id) : "/entity/" + encodeURIComponent(item.id);
  }

  function attach(input) {
    var mode = input.getAttribute("data-suggest") || "go";
    var list = document.createElement("ul");
    list.className = "suggest";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.parentNode.appendChild(list);
    var items = [], active = -1, timer = null, asked = "";

    function close() { list.hidden = true; active = -1; input.setAttribute("aria-expanded", "false"); }
    function mark() {
      Array.prototype.forEach.call(list.children, function (li, i) { li.setAttribute("aria-selected", i === active ? "true" : "false"); });
    }
    function choose(item) {
      close();
      if (mode === "go") { window.location.href = pageOf(item); return; }
      input.value = item.name;
      var field = input.getAttribute("data-id-field");
      if (field && input.form && input.form.elements[field]) input.form.elements[field].value = item.id;
      input.dispatchEvent(new CustomEvent("suggest:chosen", {detail: item, bubbles: true}));
    }
    function show(found) {
      items = found; active = -1;
      list.textContent = "";
      found.forEach(function (item) {
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        var name = document.createElement("span");
        name.textContent = item.name;
        var badge = document.createElement("span");
        badge.className = "badge t-" + item.type;
        badge.textContent = TYPES[item.type] || item.type;
        li.appendChild(name); li.appendChild(badge);
        if (item.aliases && item.aliases.length) {
          var alias = document.createElement("span");
          alias.className = "alias";
          alias.textContent = "又称 " + item.aliases.join("、");
          li.appendChild(alias);
        }
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(item); });
        list.appendChild(li);
      });
      list.hidden = found.length === 0;
      input.setAttribute("aria-expanded", found.length ? "true" : "false");
    }
    function ask() {
      var q = input.value.trim();
      if (q === asked) return;
      asked = q;
      if (!q) { close(); return; }
      fetch("/entities?limit=8&q=" + encodeURIComponent(q), {headers: {Accept: "application/json"}})
        .then(function (r) { return r.ok ? r.json() : {items: []}; })
        .then(function (page) { if (q === asked) show(page.items || []); })
        .catch(function () { close(); });
    }
    input.addEventListener("input", function () {
      var field = input.getAttribute("data-id-field");
      if (field && input.form && input.form.elements[field]) input.form.elements[field].value = "";
      clearTimeout(timer); timer = setTimeout(ask, 150);
    });
    input.addEventListener("keydown", function (e) {
      if (list.hidden) return;
      if (e.key === "ArrowDown") { active = Math.min(active + 1, items.length - 1); mark(); e.preventDefault(); }
      else if (e.key === "ArrowUp") { active = Math.max(active - 1, 0); mark(); e.preventDefault(); }
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); choose(items[active]); }
      else if (e.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[data-suggest]"), attach);

  // Printing: unfold every <details> (the quotes), fold back what was closed afterwards.
  var folded = [];
  window.addEventListener("beforeprint", function () {
    folded = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (d) { d.open = true; return true; });
  });
  window.addEventListener("afterprint", function () { folded.forEach(function (d) { d.open = false; }); folded = []; });
})();
