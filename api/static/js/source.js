// The source page: a click on a highlighted sentence shows the facts recorded from it; a link to
// #fact-<id> (from an entity page) lights up where that fact is stated.
(function () {
  "use strict";
  var panel = document.getElementById("fact-panel");
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.fact"));

  function light(keys) {
    marks.forEach(function (m) {
      var mine = m.getAttribute("data-facts").split(" ");
      m.classList.toggle("on", mine.some(function (k) { return keys.indexOf(k) >= 0; }));
    });
  }
  function show(keys) {
    panel.textContent = "";
    var head = document.createElement("p");
    head.innerHTML = "<b>这句话记录了 " + keys.length + " 条事实：</b>";
    panel.appendChild(head);
    var list = document.createElement("ul");
    keys.forEach(function (k) {
      var li = document.getElementById("fact-" + k);
      if (!li) return;
      var item = document.createElement("li");
      Array.prototype.forEach.call(li.childNodes, function (node) {
        if (!(node.nodeType === 1 && node.tagName === "BLOCKQUOTE")) item.appendChild(node.cloneNode(true));
      });
      var more = document.createElement("a");
      more.href = "#fact-" + k;
      more.textContent = " ↓";
      item.appendChild(more);
      list.appendChild(item);
    });
    panel.appendChild(list);
    var close = document.createElement("button");
    close.type = "button"; close.className = "secondary"; close.textContent = "关闭";
    close.addEventListener("click", function () { panel.hidden = true; light([]); });
    panel.appendChild(close);
    panel.hidden = false;
    light(keys);
  }
  marks.forEach(function (m) {
    m.addEventListener("click", function () { show(m.getAttribute("data-facts").split(" ")); });
  });
  var hash = decodeURIComponent(window.location.hash || "");
  if (hash.indexOf("#fact-") === 0) {
    var key = hash.slice(6);
    light([key]);
    var first = marks.filter(function (m) { return m.classList.contains("on"); })[0];
    if (first) first.scrollIntoView({block: "center"});
  }
})();
