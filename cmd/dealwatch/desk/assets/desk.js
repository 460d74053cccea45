// dealwatch desk: keyboard shortcuts. No build step, no network.
(function () {
  "use strict";
  var items = [];
  var cur = -1;
  function collect() { items = Array.prototype.slice.call(document.querySelectorAll("#items .item")); }
  function select(i) {
    if (!items.length) return;
    if (i < 0) i = 0;
    if (i >= items.length) i = items.length - 1;
    if (cur >= 0 && items[cur]) items[cur].classList.remove("selected");
    cur = i;
    items[cur].classList.add("selected");
    items[cur].scrollIntoView({ block: "nearest" });
  }
  function within() { return cur >= 0 && items[cur] ? items[cur] : document; }
  function click(sel) {
    var b = within().querySelector(sel);
    if (b) { b.click(); return true; }
    return false;
  }
  function typing(e) {
    var t = e.target && e.target.tagName;
    return t === "INPUT" || t === "TEXTAREA" || t === "SELECT" || (e.target && e.target.isContentEditable);
  }
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e)) return;
    var help = document.getElementById("help");
    switch (e.key) {
      case "j": select(cur + 1); break;
      case "k": select(cur - 1); break;
      case "Enter": case "o":
        if (cur >= 0 && items[cur] && items[cur].dataset.href) { location.href = items[cur].dataset.href; } else return;
        break;
      case "r":
        if (document.body.dataset.page === "queue") {
          if (!click('button[data-key="r0"]')) return;
        } else {
          var c = document.getElementById("conflicts");
          if (!c) return;
          c.scrollIntoView();
          var b = c.querySelector('button[data-action="resolve"]');
          if (b) b.focus();
        }
        break;
      case "d": if (!click('button[data-key="d"]')) return; break;
      case "c": if (!click('button[data-key="c"]')) return; break;
      case "?": if (help) help.hidden = !help.hidden; break;
      case "Escape": if (help) help.hidden = true; break;
      default: return;
    }
    e.preventDefault();
  });
  document.addEventListener("DOMContentLoaded", function () {
    collect();
    if (items.length && document.body.dataset.page === "queue") select(0);
  });
})();
