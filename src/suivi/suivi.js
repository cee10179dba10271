(function () {
  var table = document.getElementById("table-cas");
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var search = document.getElementById("filtre");
  var urgency = document.getElementById("urgence");
  var shown = document.getElementById("shown");
  function fold(s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  var texts = rows.map(function (r) { return fold(r.textContent); });
  function filter() {
    var words = fold(search.value).split(/\s+/).filter(Boolean);
    var u = urgency.value, n = 0;
    rows.forEach(function (r, i) {
      var ok = (!u || r.dataset.urgence === u) && words.every(function (w) { return texts[i].indexOf(w) >= 0; });
      r.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = n + " cas sur " + rows.length;
  }
  function value(row, col, numeric) {
    var cell = row.cells[col];
    var v = cell.hasAttribute("data-v") ? cell.getAttribute("data-v") : cell.textContent;
    return numeric ? parseFloat(v) || 0 : fold(v);
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
    function sort() {
      var asc = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(th.parentNode.cells, function (c) { c.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var numeric = th.dataset.type === "n";
      var order = rows.map(function (r, i) { return [value(r, col, numeric), i, r]; });
      order.sort(function (a, b) {
        var c = a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1];
        return asc ? c : -c;
      });
      order.forEach(function (o) { body.appendChild(o[2]); });
    }
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
  });
  search.addEventListener("input", filter);
  urgency.addEventListener("change", filter);
  filter();
})();
