(function () {
  'use strict';
  var buttons = Array.prototype.slice.call(document.querySelectorAll('.view-button'));
  var views = Array.prototype.slice.call(document.querySelectorAll('.candidates-view'));

  // the Active / Completed switch
  function show(view) {
    views.forEach(function (v) { v.hidden = v.getAttribute('data-view') !== view; });
    buttons.forEach(function (b) {
      var on = b.getAttribute('data-view') === view;
      b.classList.toggle('selected', on);
      b.setAttribute('aria-selected', on ? 'true' : 'false');
    });
  }
  buttons.forEach(function (b) {
    b.addEventListener('click', function () { show(b.getAttribute('data-view')); });
  });

  // sortable columns: by each cell's data-sort, ties in the page's order (by name)
  function compare(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  function sort(table, index, th) {
    var descending = th.getAttribute('aria-sort') === 'ascending';
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) {
      h.removeAttribute('aria-sort');
    });
    th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
    var body = table.tBodies[0];
    var rows = Array.prototype.filter.call(body.rows, function (r) {
      return r.classList.contains('candidate-row');
    });
    rows.sort(function (a, b) {
      var c = compare(a.cells[index].getAttribute('data-sort'),
                      b.cells[index].getAttribute('data-sort'));
      if (descending) { c = -c; }
      return c !== 0 ? c : Number(a.getAttribute('data-order')) - Number(b.getAttribute('data-order'));
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.candidates'), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      if (!th.classList.contains('sortable')) { return; }
      th.addEventListener('click', function () { sort(table, index, th); });
      th.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(table, index, th); }
      });
    });
  });
})();
