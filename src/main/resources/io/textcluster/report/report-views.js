// Views across clusters: sizes, the similarity of the cluster centres, the hierarchy as a tree (when the clusters
// table has parent ids), the k sweep (when the sweeps table has rows for the run), and labels x clusters.
(function () {
  'use strict';
  var TC = window.TC;
  var clusters = TC.clusters;
  var data = TC.data;
  var views = {};
  function show(id) { document.getElementById(id).hidden = false; }

  views.sizes = TC.chart('sizes');
  views.sizes.setOption({
    animation: false, tooltip: { show: false },
    grid: { left: 60, right: 20, top: 36, bottom: 80 },
    xAxis: { type: 'category', data: clusters.map(function (c) { return TC.label(c.cluster_id); }),
      axisLabel: { rotate: 30, interval: 0, width: 140, overflow: 'truncate' } },
    yAxis: { type: 'value', name: 'documents' },
    series: [{ type: 'bar', label: { show: true, position: 'top' },
      data: clusters.map(function (c) { return { value: c.size, itemStyle: { color: TC.colour(c.cluster_id) } }; }) }]
  });

  var sim = data.similarity || { ids: [], cosine: [] };
  if (sim.ids.length > 1) {
    show('similarity-section');
    var names = sim.ids.map(TC.label);
    var cells = [];
    sim.cosine.forEach(function (line, i) { line.forEach(function (v, j) { cells.push([j, i, v]); }); });
    views.similarity = TC.chart('similarity');
    views.similarity.setOption({
      animation: false, tooltip: { show: false },
      grid: { left: 160, right: 90, top: 20, bottom: 110 },
      xAxis: { type: 'category', data: names, axisLabel: { rotate: 40, interval: 0, width: 130, overflow: 'truncate' } },
      yAxis: { type: 'category', data: names, inverse: true, axisLabel: { interval: 0, width: 150, overflow: 'truncate' } },
      visualMap: { min: Math.min(0, Math.min.apply(null, cells.map(function (c) { return c[2]; }))), max: 1,
        calculable: true, right: 0, top: 'center', inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] } },
      series: [{ type: 'heatmap', label: { show: names.length <= 15, formatter: function (p) { return p.value[2].toFixed(2); } },
        data: cells }]
    });
  }

  // The hierarchy: parents named by the clusters table; a parent id that is no final cluster is an inner split.
  var withParent = clusters.filter(function (c) { return c.parent_cluster_id !== undefined && c.parent_cluster_id !== null; });
  if (withParent.length > 0) {
    show('tree-section');
    var nodes = {};
    function node(id) {
      if (!nodes[id]) {
        var c = clusters.filter(function (x) { return x.cluster_id === id; })[0];
        nodes[id] = { name: c ? TC.label(id) + ' (' + TC.fmt(c.size) + ')' : 'split ' + id, children: [],
          itemStyle: { color: c ? TC.colour(id) : '#9aa0a6' } };
      }
      return nodes[id];
    }
    var root = { name: 'all documents', children: [] };
    var parentOf = {};
    clusters.forEach(function (c) { parentOf[c.cluster_id] = c.parent_cluster_id; });
    clusters.forEach(function (c) {
      var p = c.parent_cluster_id;
      // A cluster named as its own parent, or a cycle, hangs from the root rather than looping.
      var seenUp = {};
      var up = p;
      while (up !== undefined && up !== null && !seenUp[up]) { seenUp[up] = true; up = parentOf[up]; }
      if (p === undefined || p === null || p === c.cluster_id || seenUp[c.cluster_id]) {
        root.children.push(node(c.cluster_id));
      } else {
        node(p).children.push(node(c.cluster_id));
      }
    });
    Object.keys(nodes).forEach(function (id) {
      var isChild = clusters.some(function (c) { return String(c.parent_cluster_id) === id && c.cluster_id !== Number(id); });
      var known = clusters.some(function (c) { return String(c.cluster_id) === id; });
      if (!known && isChild && root.children.indexOf(nodes[id]) < 0) { root.children.push(nodes[id]); }
    });
    views.tree = TC.chart('tree');
    views.tree.setOption({
      animation: false, tooltip: { show: false },
      series: [{ type: 'tree', data: [root], top: 20, bottom: 20, left: 110, right: 220, initialTreeDepth: -1,
        symbolSize: 9, label: { position: 'left', verticalAlign: 'middle', align: 'right' },
        leaves: { label: { position: 'right', align: 'left' } }, expandAndCollapse: true }]
    });
  }

  // k sweep: every numeric column per k; inertia-like ones on the left axis, the rest (silhouette...) on the right.
  var sweeps = (data.sweeps || []).filter(function (s) { return typeof s.k === 'number'; })
    .sort(function (a, b) { return a.k - b.k; });
  if (sweeps.length > 0) {
    show('sweep-section');
    var keys = Object.keys(sweeps[0]).filter(function (k) { return k !== 'k' && typeof sweeps[0][k] === 'number'; });
    var chosen = sweeps.filter(function (s) { return s.chosen === true; }).map(function (s) { return s.k; });
    views.sweep = TC.chart('sweep');
    views.sweep.setOption({
      animation: false, legend: { top: 0 }, tooltip: { show: false },
      grid: { left: 70, right: 70, top: 40, bottom: 30 },
      xAxis: { type: 'value', name: 'k', minInterval: 1, scale: true },
      yAxis: [{ type: 'value', scale: true }, { type: 'value', scale: true }],
      series: keys.map(function (key, i) {
        return { type: 'line', name: key, yAxisIndex: /sse|inertia|cost/i.test(key) ? 0 : 1,
          markLine: i === 0 && chosen.length ? { symbol: 'none', label: { formatter: 'chosen k' },
            data: chosen.map(function (k) { return { xAxis: k }; }) } : undefined,
          data: sweeps.filter(function (s) { return typeof s[key] === 'number'; }).map(function (s) { return [s.k, s[key]]; }) };
      })
    });
  }

  var counts = data.contingency || [];
  if (counts.length > 0) {
    show('contingency-section');
    var labels = Array.from(new Set(counts.map(function (c) { return String(c.label); }))).sort();
    var ids = clusters.map(function (c) { return c.cluster_id; });
    counts.forEach(function (c) { if (ids.indexOf(c.cluster_id) < 0) { ids.push(c.cluster_id); } });
    var max = Math.max.apply(null, counts.map(function (c) { return c.count; }));
    views.contingency = TC.chart('contingency');
    views.contingency.setOption({
      animation: false, tooltip: { show: false },
      grid: { left: 140, right: 90, top: 20, bottom: 80 },
      xAxis: { type: 'category', name: 'cluster', data: ids.map(TC.label),
        axisLabel: { rotate: 30, interval: 0, width: 120, overflow: 'truncate' } },
      yAxis: { type: 'category', data: labels, axisLabel: { width: 130, overflow: 'truncate' } },
      visualMap: { min: 0, max: max, calculable: true, right: 0, top: 'center', inRange: { color: ['#f7fbff', '#08306b'] } },
      series: [{ type: 'heatmap', label: { show: ids.length * labels.length <= 400 },
        data: counts.map(function (c) { return [ids.indexOf(c.cluster_id), labels.indexOf(String(c.label)), c.count]; }) }]
    });
  }
  TC.views = views;
}());
