// cxassess workspace: progressive enhancement only. Every form works without this file.
(function () {
  "use strict";
  var DELAY = 900;

  function text(el, value, cls) {
    if (!el) return;
    el.textContent = value;
    el.className = "save-status" + (cls ? " " + cls : "");
  }

  function autosave(form) {
    var timer = null, busy = false, again = false;
    var status = form.querySelector("[data-save-status]");
    var version = form.querySelector("[data-version]");
    var pendingText = document.documentElement.lang === "en" ? "Saving…" : "正在保存…";
    var unsavedText = document.documentElement.lang === "en" ? "Not saved yet: " : "尚未保存：";

    function send() {
      timer = null;
      if (busy) { again = true; return Promise.resolve(); }
      busy = true;
      text(status, pendingText, "pending");
      var grown = newRows(form);
      return fetch(form.action, {
        method: "POST", body: new FormData(form), credentials: "same-origin",
        headers: { "Accept": "application/json" }
      }).then(function (r) {
        return r.json().then(function (data) { return { code: r.status, data: data }; });
      }).then(function (res) {
        var d = res.data;
        if (res.code === 200 && d.ok) {
          version.value = d.version;
          grown.forEach(function (g) { g.count.value = String(g.n + 1); });
          text(status, d.message || "✓", "good");
          updateMissing(form, d.missing);
        } else if (res.code === 409) {
          text(status, d.message || "", "bad");
          showConflict(form, d.message);
        } else if (res.code === 422 && d.errors) {
          var all = [];
          Object.keys(d.errors).forEach(function (k) { all = all.concat(d.errors[k]); });
          text(status, unsavedText + all.join("; "), "bad");
        } else {
          text(status, (d && d.error) || ("HTTP " + res.code), "bad");
        }
      }).catch(function () {
        text(status, document.documentElement.lang === "en" ? "Offline: not saved" : "网络中断：未保存", "bad");
      }).then(function () {
        busy = false;
        if (again) { again = false; schedule(); }
      });
    }

    function schedule() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(send, DELAY);
    }

    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
    form.flush = function () {
      if (timer) { clearTimeout(timer); return send(); }
      return Promise.resolve();
    };
  }

  // a filled-in "new item" row becomes a saved row: count it, so it is not added twice
  function newRows(form) {
    var out = [];
    ["ev", "seen"].forEach(function (prefix) {
      var count = form.querySelector("input[name='" + prefix + "-count']");
      if (!count) return;
      var n = parseInt(count.value, 10) || 0;
      var title = form.querySelector("[name='" + prefix + "-" + n + "-title']");
      if (title && title.value.trim()) out.push({ count: count, n: n });
    });
    return out;
  }

  function updateMissing(form, missing) {
    var box = form.parentNode.querySelector("[data-missing]");
    if (!box || !missing) return;
    var en = document.documentElement.lang === "en";
    box.textContent = "";
    var strong = document.createElement("strong");
    if (missing.length) {
      strong.textContent = en ? "Still missing" : "还缺少";
      box.className = "missing";
      box.appendChild(strong);
      var ul = document.createElement("ul");
      missing.forEach(function (m) { var li = document.createElement("li"); li.textContent = m; ul.appendChild(li); });
      box.appendChild(ul);
    } else {
      strong.textContent = "✓ " + (en ? "Nothing missing" : "已完整");
      box.className = "missing done";
      box.appendChild(strong);
    }
    var article = form.closest("article");
    if (article) {
      var level = form.querySelector("input[name=level]:checked");
      article.setAttribute("data-status", !level || !level.value ? "unanswered" : (level.value === "na" ? "na" : "answered"));
    }
  }

  function showConflict(form, message) {
    if (form.querySelector(".conflict-banner")) return;
    var en = document.documentElement.lang === "en";
    var box = document.createElement("div");
    box.className = "conflict-banner";
    box.setAttribute("role", "alert");
    var p = document.createElement("p");
    p.textContent = message;
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = en ? "Compare both versions" : "比较两个版本";
    button.addEventListener("click", function () { HTMLFormElement.prototype.submit.call(form); });
    box.appendChild(p);
    box.appendChild(button);
    form.appendChild(box);
  }

  function guardUpload(form) {
    var limit = parseInt(form.getAttribute("data-limit"), 10);
    form.addEventListener("submit", function (ev) {
      var input = form.querySelector("input[type=file]");
      var file = input && input.files && input.files[0];
      var article = form.closest("article");
      var answer = article && article.querySelector("form[data-autosave]");
      if (file && limit && file.size > limit) {
        ev.preventDefault();
        var en = document.documentElement.lang === "en";
        var mb = function (n) { return (n / 1048576).toFixed(1) + " MB"; };
        alert(en ? "The file is too large: " + mb(file.size) + " (limit " + mb(limit) + ")."
                 : "文件过大：" + mb(file.size) + "（上限 " + mb(limit) + "）。");
        return;
      }
      if (answer && answer.flush) {  // save what was typed before the page reloads
        ev.preventDefault();
        answer.flush().then(function () { HTMLFormElement.prototype.submit.call(form); });
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-autosave]"), autosave);
    Array.prototype.forEach.call(document.querySelectorAll("form[data-upload]"), guardUpload);
    Array.prototype.forEach.call(document.querySelectorAll("[data-select]"), function (el) {
      el.addEventListener("focus", function () { el.select(); });
    });
    Array.prototype.forEach.call(document.querySelectorAll("a[data-back]"), function (el) {
      if (history.length > 1) el.addEventListener("click", function (ev) { ev.preventDefault(); history.back(); });
    });
  });
})();
