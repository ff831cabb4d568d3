// Shared by the report's scripts. Every piece of text from the lake (document text, names, labels, keywords, config)
// goes into the page through textContent or as chart data drawn on a canvas, never parsed as HTML, so a document
// holding markup shows as text. ECharts' own HTML tooltips are switched off for the same reason.
window.TC = (function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var clusters = data.clusters || [];
  var PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f',
    '#bab0ac', '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22',
    '#17becf'];
  var byId = {};
  clusters.forEach(function (c) { byId[c.cluster_id] = c; });
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function fmt(v) {
    if (typeof v !== 'number') { return v === undefined || v === null ? '' : String(v); }
    if (Number.isInteger(v)) { return v.toLocaleString('en-US'); }
    return Math.abs(v) >= 100 ? v.toFixed(1) : v.toFixed(4);
  }
  function clusterName(id) {
    if (byId[id]) { return byId[id].name || ''; }
    return id < 0 ? 'noise' : '';
  }
  function row(table, key, value, numeric) {
    var tr = el('tr');
    tr.appendChild(el('th', key));
    tr.appendChild(el('td', value, numeric ? 'num' : undefined));
    table.appendChild(tr);
    return tr;
  }
  var charts = [];
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  return {
    data: data,
    run: data.run || {},
    clusters: clusters,
    el: el,
    fmt: fmt,
    row: row,
    clusterName: clusterName,
    label: function (id) { var n = clusterName(id); return n ? id + ' ' + n : String(id); },
    colour: function (id) { return id < 0 ? '#9aa0a6' : PALETTE[id % PALETTE.length]; },
    chart: function (id) {
      var c = echarts.init(document.getElementById(id), null, { renderer: 'canvas' });
      charts.push(c);
      return c;
    }
  };
}());
