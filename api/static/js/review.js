// The draft review page: POST /drafts → review each fact on its sentence → POST /sources.
// The curator's key lives in sessionStorage only and travels in the X-API-Key header.
(function () {
  "use strict";
  var KEY = "honglian.curatorKey";
  var L = JSON.parse(document.getElementById("review-labels").textContent);
  var $ = function (id) { return document.getElementById(id); };
  var state = null;  // {doc, text, items: [{key, kind, data, status, sentence}]}

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k]; else if (k === "class") e.className = attrs[k]; else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }
  function key() { return sessionStorage.getItem(KEY) || ""; }
  function api(method, path, body) {
    var headers = {"Accept": "application/json", "X-API-Key": key()};
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return fetch(path, {method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body)})
      .then(function (r) { return r.json().catch(function () { return {}; }).then(function (j) { return {status: r.status, body: j}; }); });
  }
  function say(id, text, bad) { var s = $(id); s.textContent = text; s.classList.toggle("error", !!bad); s.classList.add("status"); }
  function keyProblem(status) {
    return status === 401 ? "密钥无效，或尚未填写密钥。" : status === 403 ? "此密钥只能读取，不能审核。" : null;
  }

  // ------------------------------------------------------------------ key
  function checkKey() {
    if (!key()) { say("key-status", "尚未填写密钥。", true); return; }
    api("GET", "/audit?limit=1").then(function (r) {
      var p = keyProblem(r.status);
      say("key-status", p || (r.status === 200 ? "密钥有效（审核员）。" : "无法验证密钥（" + r.status + "）。"), !!p || r.status !== 200);
    });
  }
  $("key-save").addEventListener("click", function () {
    sessionStorage.setItem(KEY, $("curator-key").value.trim());
    $("curator-key").value = "";
    checkKey();
  });
  $("key-forget").addEventListener("click", function () { sessionStorage.removeItem(KEY); say("key-status", "已清除密钥。"); });
  if (key()) checkKey();

  // --------------------------------------------------------------- draft
  function squash(s) { return (s || "").replace(/\s+/g, ""); }
  function sentences(text) {
    var parts = text.split(/(?<=[。！？!?；;\n])/).map(function (s) { return s.trim(); }).filter(Boolean);
    var at = 0, flat = [];
    parts.forEach(function (p) { var q = squash(p); flat.push({text: p, start: at, end: at + q.length}); at += q.length; });
    return flat;
  }
  function place(quote, sents, whole) {
    var i = whole.indexOf(squash(quote));
    if (i < 0) return -1;
    for (var k = 0; k < sents.length; k++) if (i < sents[k].end) return k;
    return -1;
  }
  $("draft-run").addEventListener("click", function () {
    var text = $("article-input").value;
    if (!text.trim()) { say("draft-status", "请先粘贴报道原文。", true); return; }
    var body = {text: text};
    [["title", "meta-title"], ["publisher", "meta-publisher"], ["date", "meta-date"], ["source_id", "meta-id"]].forEach(function (f) {
      var v = $(f[1]).value.trim(); if (v) body[f[0]] = v;
    });
    say("draft-status", "正在生成草稿……");
    api("POST", "/drafts", body).then(function (r) {
      var p = keyProblem(r.status);
      if (p) { say("draft-status", p, true); return; }
      if (r.status !== 200) { say("draft-status", "生成失败（" + r.status + "）：" + JSON.stringify(r.body.detail || r.body), true); return; }
      say("draft-status", "草稿已生成。");
      load(r.body, text);
    }).catch(function () { say("draft-status", "无法连接服务器。", true); });
  });

  function load(answer, text) {
    var doc = answer.draft, sents = sentences(text), whole = squash(text), items = [];
    doc.entities.forEach(function (e, i) { items.push({key: "e" + i, kind: "entity", data: e, status: "pending"}); });
    doc.relationships.forEach(function (r, i) { items.push({key: "r" + i, kind: "relationship", data: r, status: "pending"}); });
    items.forEach(function (it) { it.sentence = place((it.data.evidence || [""])[0], sents, whole); });
    state = {doc: doc, text: text, sents: sents, items: items};
    var notes = $("notes");
    notes.textContent = "";
    notes.appendChild(el("p", {text: "草稿：" + doc.entities.length + " 个实体、" + doc.relationships.length + " 条关系。" + (answer.linked ? "已与图谱比对。" : "未与图谱比对。")}));
    (answer.notes || []).forEach(function (n) { notes.appendChild(el("p", {class: "muted", text: n})); });
    $("review").hidden = false;
    render();
  }

  // -------------------------------------------------------------- review
  function names() {
    var m = {};
    state.items.forEach(function (it) { if (it.kind === "entity") m[it.data.id] = it.data.name; });
    return m;
  }
  function describe(it) {
    var d = it.data;
    if (it.kind === "entity") {
      var k = d.kind || d.level;
      return [el("span", {class: "badge t-" + d.type, text: (L.types[d.type] || d.type) + (k ? " · " + (L.kinds[k] || k) : "")}), " ",
              el("b", {text: d.name}), " ", el("span", {class: "muted", text: d.id + ((d.aliases || []).length ? "；又称 " + d.aliases.join("、") : "")})];
    }
    var n = names();
    var props = d.properties && Object.keys(d.properties).length ? " " + JSON.stringify(d.properties) : "";
    return [el("b", {text: n[d.from] || d.from}), " —" + (L.relationships[d.type] || d.type) + "→ ", el("b", {text: n[d.to] || d.to}),
            el("span", {class: "muted", text: props})];
  }
  function renameEverywhere(oldId, newId) {
    state.items.forEach(function (it) {
      if (it.kind !== "relationship") return;
      if (it.data.from === oldId) it.data.from = newId;
      if (it.data.to === oldId) it.data.to = newId;
    });
  }
  function linkTo(it, id) {
    var old = it.data.id;
    var twin = state.items.filter(function (o) { return o !== it && o.kind === "entity" && o.data.id === id && o.status !== "merged"; })[0];
    delete it.data.possible_match;
    it.data.id = id;
    if (twin) {  // the same entity twice: one statement with both quotes
      twin.data.evidence = Array.from(new Set((twin.data.evidence || []).concat(it.data.evidence || [])));
      it.status = "merged";
    } else {
      it.status = "accepted";
    }
    renameEverywhere(old, id);
    render();
  }
  function matchBox(it) {
    var box = el("div", {class: "flag"}, ["可能与图谱中已有条目相同："]);
    it.data.possible_match.forEach(function (id) {
      var a = el("a", {href: "/entity/" + encodeURIComponent(id), target: "_blank", text: id});
      var b = el("button", {type: "button", class: "secondary", "data-action": "link", text: "链接到此条目"});
      b.addEventListener("click", function () { linkTo(it, id); });
      var span = el("span", {}, [" ", a, " ", b]);
      box.appendChild(span);
      api("GET", "/entities/" + encodeURIComponent(id)).then(function (r) {
        if (r.status === 200) a.textContent = r.body.name + "（" + (L.types[r.body.type] || r.body.type) + "）";
      });
    });
    var split = el("button", {type: "button", class: "secondary", "data-action": "split", text: "不是同一个，作为新条目"});
    split.addEventListener("click", function () { delete it.data.possible_match; it.status = "accepted"; render(); });
    box.appendChild(el("span", {}, [" ", split]));
    return box;
  }
  function card(it) {
    var c = el("div", {class: "review-fact " + it.status, "data-key": it.key, "data-kind": it.kind});
    c.appendChild(el("div", {}, describe(it)));
    c.appendChild(el("div", {class: "muted", text: "可信度 " + (it.data.confidence == null ? "—" : it.data.confidence) + (it.data.rule ? " · 规则 " + it.data.rule : "") + (it.status === "merged" ? " · 已并入同一条目" : "")}));
    (it.data.evidence || []).forEach(function (q) { c.appendChild(el("blockquote", {class: "quote"}, [el("p", {text: "“" + q + "”"})])); });
    if (it.data.possible_match && it.data.possible_match.length && it.status !== "rejected") c.appendChild(matchBox(it));
    var actions = el("div", {class: "actions"});
    [["accept", "接受", "accepted"], ["reject", "拒绝", "rejected"]].forEach(function (a) {
      var b = el("button", {type: "button", class: it.status === a[2] ? "" : "secondary", "data-action": a[0], text: a[1]});
      b.addEventListener("click", function () { it.status = a[2]; render(); });
      actions.appendChild(b);
    });
    var edit = el("button", {type: "button", class: "secondary", "data-action": "edit", text: "修改"});
    edit.addEventListener("click", function () { editor(it, c); });
    actions.appendChild(edit);
    c.appendChild(actions);
    return c;
  }
  function editor(it, c) {
    var shown = Object.assign({}, it.data);
    ["confidence", "rule", "possible_match"].forEach(function (f) { delete shown[f]; });
    var ta = el("textarea", {"aria-label": "修改此条（JSON）"});
    ta.value = JSON.stringify(shown, null, 2);
    var ok = el("button", {type: "button", text: "保存修改", "data-action": "edit-save"});
    var msg = el("span", {class: "muted"});
    ok.addEventListener("click", function () {
      var data;
      try { data = JSON.parse(ta.value); } catch (e) { msg.textContent = "不是有效的 JSON：" + e.message; return; }
      if (it.kind === "entity" && data.id !== it.data.id) renameEverywhere(it.data.id, data.id);
      data.confidence = it.data.confidence; data.rule = it.data.rule;
      if (it.data.possible_match && data.id === it.data.id) data.possible_match = it.data.possible_match;
      it.data = data; it.status = "accepted";
      render();
    });
    c.appendChild(el("div", {}, [ta, ok, " ", msg]));
  }
  function render() {
    var box = $("sentences");
    box.textContent = "";
    var groups = {};
    state.items.forEach(function (it) { (groups[it.sentence] = groups[it.sentence] || []).push(it); });
    state.sents.forEach(function (s, i) {
      if (!groups[i]) return;
      var sec = el("section", {class: "card", "data-sentence": String(i)}, [el("p", {}, [el("mark", {class: "fact", text: s.text})])]);
      groups[i].forEach(function (it) { sec.appendChild(card(it)); });
      box.appendChild(sec);
    });
    if (groups[-1]) {
      var other = el("section", {class: "card"}, [el("p", {class: "muted", text: "未能定位到原句的条目"})]);
      groups[-1].forEach(function (it) { other.appendChild(card(it)); });
      box.appendChild(other);
    }
    var count = {pending: 0, accepted: 0, rejected: 0, merged: 0};
    state.items.forEach(function (it) { count[it.status] += 1; });
    $("tally").textContent = "已接受 " + count.accepted + "，已拒绝 " + count.rejected + "，未审核 " + count.pending + "（未审核的不会保存）";
  }
  $("accept-rest").addEventListener("click", function () {
    state.items.forEach(function (it) { if (it.status === "pending") it.status = "accepted"; });
    render();
  });

  // ----------------------------------------------------------------- save
  function clean(d) {
    var out = Object.assign({}, d);
    ["confidence", "rule", "possible_match"].forEach(function (f) { delete out[f]; });
    return out;
  }
  $("save").addEventListener("click", function () {
    var problems = $("save-problems");
    problems.textContent = "";
    var ents = state.items.filter(function (it) { return it.kind === "entity" && it.status === "accepted"; });
    var open = ents.filter(function (it) { return it.data.possible_match && it.data.possible_match.length; });
    if (open.length) { say("save-status", "还有 " + open.length + " 个可能重名的条目：请先链接或作为新条目。", true); return; }
    var ids = {};
    ents.forEach(function (it) { ids[it.data.id] = true; });
    var rels = [], dropped = 0;
    state.items.forEach(function (it) {
      if (it.kind !== "relationship" || it.status !== "accepted") return;
      if (ids[it.data.from] && ids[it.data.to]) rels.push(clean(it.data)); else dropped += 1;
    });
    var body = {article_text: state.text, source: clean(state.doc.source), entities: ents.map(function (it) { return clean(it.data); }), relationships: rels};
    say("save-status", "正在保存……");
    api("POST", "/sources", body).then(function (r) {
      var p = keyProblem(r.status);
      if (p) { say("save-status", p, true); return; }
      if (r.status === 201) {
        var s = r.body;
        say("save-status", "已保存：实体新增 " + s.entities.created + "、更新 " + s.entities.updated + "；关系新增 " + s.relationships.created + "、更新 " + s.relationships.updated + "。" + (dropped ? "（" + dropped + " 条关系因一端被拒绝而未保存）" : ""));
        var a = el("a", {href: "/source/" + encodeURIComponent(s.source_id), text: "查看这篇报道 →", id: "saved-link"});
        $("save-status").appendChild(el("span", {}, [" ", a]));
        return;
      }
      say("save-status", "未能保存（" + r.status + "）：", true);
      var detail = r.body.detail;
      (Array.isArray(detail) ? detail : [{msg: JSON.stringify(detail)}]).forEach(function (d) {
        problems.appendChild(el("li", {text: (d.loc ? (Array.isArray(d.loc) ? d.loc.join(".") : d.loc) + "：" : "") + d.msg}));
      });
    }).catch(function () { say("save-status", "无法连接服务器。", true); });
  });
})();
