// The report's script. Every piece of text from the lake (document text, names, labels, keywords, config) goes into
// the page through textContent or as chart data drawn on a canvas, never parsed as HTML, so a document holding
// markup shows as text. ECharts' own HTML tooltips are switched off for the same reason.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var run = data.run || {};
  var clusters = data.clusters || [];
  var points = data.points || [];
  var PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f',
    '#bab0ac', '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22',
    '#17becf'];
  var KNOWN = ['run_id', 'cluster_id', 'size', 'share', 'name', 'keywords', 'representatives', 'metadata_means',
    'label_counts', 'majority_label', 'within_cluster_sse', 'parent_cluster_id'];

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function colour(id) { return id < 0 ? '#9aa0a6' : PALETTE[id % PALETTE.length]; }
  function fmt(v) {
    if (typeof v !== 'number') { return v === undefined || v === null ? '' : String(v); }
    if (Number.isInteger(v)) { return v.toLocaleString('en-US'); }
    return Math.abs(v) >= 100 ? v.toFixed(1) : v.toFixed(4);
  }
  function clusterName(id) {
    for (var i = 0; i < clusters.length; i++) {
      if (clusters[i].cluster_id === id) { return clusters[i].name || ''; }
    }
    return id < 0 ? 'noise' : '';
  }
  function row(table, key, value, numeric) {
    var tr = el('tr');
    tr.appendChild(el('th', key));
    tr.appendChild(el('td', value, numeric ? 'num' : undefined));
    table.appendChild(tr);
  }
  function chart(id) { return echarts.init(document.getElementById(id), null, { renderer: 'canvas' }); }

  // Summary
  document.getElementById('title').textContent = 'Run ' + (run.run_id || '');
  document.getElementById('subtitle').textContent =
    (run.algorithm || '') + ', k = ' + fmt(run.k) + ', ' + fmt(run.documents) + ' documents from ' + (run.input || '');
  var runTable = document.getElementById('run-table');
  [['run id', run.run_id], ['status', run.status], ['corpus', run.input], ['format', run.input_format],
    ['delta version', run.input_delta_version], ['rows read', fmt(run.rows_read)],
    ['empty text dropped', fmt(run.rows_empty_text)], ['without terms dropped', fmt(run.rows_without_terms)],
    ['documents', fmt(run.documents)], ['features', run.features], ['algorithm', run.algorithm], ['k', fmt(run.k)],
    ['started', run.started_at], ['finished', run.finished_at]].forEach(function (kv) {
    if (kv[1] !== undefined && kv[1] !== null && kv[1] !== '') { row(runTable, kv[0], kv[1]); }
  });
  var metricsTable = document.getElementById('metrics-table');
  metricsTable.appendChild(el('caption', 'Metrics'));
  Object.keys(run.metrics || {}).forEach(function (k) { row(metricsTable, k, fmt(run.metrics[k]), true); });
  var stagesTable = document.getElementById('stages-table');
  stagesTable.appendChild(el('caption', 'Seconds per stage'));
  Object.keys(run.stage_seconds || {}).forEach(function (k) { row(stagesTable, k, run.stage_seconds[k].toFixed(1), true); });

  // Map: one scatter series per cluster; each point's third value is its index in `points`.
  var mapChart = chart('map');
  var hasTsne = points.length > 0 && points[0].tsne_x !== undefined;
  var hoverTitle = document.getElementById('hover-title');
  var hoverMeta = document.getElementById('hover-meta');
  var hoverText = document.getElementById('hover-text');
  function showDocument(p) {
    hoverTitle.textContent = p.doc_id;
    hoverMeta.textContent = 'cluster ' + p.cluster_id + ' ' + clusterName(p.cluster_id)
      + (p.label !== undefined ? ' | label ' + p.label : '');
    hoverText.textContent = p.map_text || '';
  }
  function mapOption(useTsne) {
    var byCluster = {};
    points.forEach(function (p, i) {
      var x = useTsne ? p.tsne_x : p.map_x;
      var y = useTsne ? p.tsne_y : p.map_y;
      (byCluster[p.cluster_id] = byCluster[p.cluster_id] || []).push([x, y, i]);
    });
    var ids = Object.keys(byCluster).map(Number).sort(function (a, b) { return a - b; });
    return {
      animation: false,
      legend: { type: 'scroll', top: 0 },
      tooltip: { show: false },
      grid: { left: 40, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'value', scale: true, splitLine: { show: false } },
      yAxis: { type: 'value', scale: true, splitLine: { show: false } },
      series: ids.map(function (id) {
        return { type: 'scatter', name: id + ' ' + clusterName(id), symbolSize: 6, data: byCluster[id],
          itemStyle: { color: colour(id), opacity: 0.75 }, emphasis: { scale: 2 } };
      })
    };
  }
  function showMap(useTsne) {
    mapChart.setOption(mapOption(useTsne), true);
    document.getElementById('show-tsne').className = useTsne ? 'active' : '';
    document.getElementById('show-pca').className = useTsne ? '' : 'active';
  }
  document.getElementById('map-note').textContent = points.length === 0
    ? 'This run has no map sample (report.map-points = 0, or the run predates map columns).'
    : points.length.toLocaleString('en-US') + ' of ' + fmt(run.documents)
      + ' documents, sampled by hash of doc_id. t-SNE on the sample; PCA (of a random projection) is computed for '
      + 'every document (assignments.map_x, map_y).';
  mapChart.on('mouseover', function (e) { if (e.value && e.value.length > 2) { showDocument(points[e.value[2]]); } });
  document.getElementById('show-tsne').addEventListener('click', function () { showMap(true); });
  document.getElementById('show-pca').addEventListener('click', function () { showMap(false); });
  document.getElementById('show-tsne').disabled = !hasTsne;
  showMap(hasTsne);

  // Cluster sizes
  var sizes = chart('sizes');
  sizes.setOption({
    animation: false,
    tooltip: { show: false },
    grid: { left: 60, right: 20, top: 36, bottom: 80 },
    xAxis: { type: 'category', data: clusters.map(function (c) { return c.cluster_id + ' ' + (c.name || ''); }),
      axisLabel: { rotate: 30, interval: 0, width: 140, overflow: 'truncate' } },
    yAxis: { type: 'value', name: 'documents' },
    series: [{ type: 'bar', label: { show: true, position: 'top' },
      data: clusters.map(function (c) { return { value: c.size, itemStyle: { color: colour(c.cluster_id) } }; }) }]
  });

  // k sweep: every numeric column per k; inertia-like ones on the left axis, the rest (silhouette...) on the right.
  var sweeps = (data.sweeps || []).filter(function (s) { return typeof s.k === 'number'; })
    .sort(function (a, b) { return a.k - b.k; });
  var sweepChart = null;
  if (sweeps.length > 0) {
    document.getElementById('sweep-section').hidden = false;
    sweepChart = chart('sweep');
    var keys = Object.keys(sweeps[0]).filter(function (k) { return k !== 'k' && typeof sweeps[0][k] === 'number'; });
    sweepChart.setOption({
      animation: false, legend: { top: 0 }, tooltip: { show: false },
      grid: { left: 70, right: 70, top: 40, bottom: 30 },
      xAxis: { type: 'value', name: 'k', minInterval: 1, scale: true },
      yAxis: [{ type: 'value', scale: true }, { type: 'value', scale: true }],
      series: keys.map(function (key) {
        return { type: 'line', name: key, yAxisIndex: /sse|inertia|cost/i.test(key) ? 0 : 1,
          data: sweeps.filter(function (s) { return typeof s[key] === 'number'; }).map(function (s) { return [s.k, s[key]]; }) };
      })
    });
  }

  // Contingency heatmap: labels x clusters
  var cells = data.contingency || [];
  var heatmap = null;
  if (cells.length > 0) {
    document.getElementById('contingency-section').hidden = false;
    var labels = Array.from(new Set(cells.map(function (c) { return String(c.label); }))).sort();
    var ids = clusters.map(function (c) { return c.cluster_id; });
    cells.forEach(function (c) { if (ids.indexOf(c.cluster_id) < 0) { ids.push(c.cluster_id); } });
    var max = Math.max.apply(null, cells.map(function (c) { return c.count; }));
    heatmap = chart('contingency');
    heatmap.setOption({
      animation: false, tooltip: { show: false },
      grid: { left: 140, right: 90, top: 20, bottom: 80 },
      xAxis: { type: 'category', name: 'cluster', data: ids.map(function (id) { return id + ' ' + clusterName(id); }),
        axisLabel: { rotate: 30, interval: 0, width: 120, overflow: 'truncate' } },
      yAxis: { type: 'category', data: labels, axisLabel: { width: 130, overflow: 'truncate' } },
      visualMap: { min: 0, max: max, calculable: true, right: 0, top: 'center', inRange: { color: ['#f7fbff', '#08306b'] } },
      series: [{ type: 'heatmap', label: { show: ids.length * labels.length <= 400 },
        data: cells.map(function (c) { return [ids.indexOf(c.cluster_id), labels.indexOf(String(c.label)), c.count]; }) }]
    });
  }

  // One card per cluster; columns this page does not know (added by later versions) are listed generically.
  function renderValue(value) {
    if (Array.isArray(value)) {
      var ul = el('ul');
      value.slice(0, 50).forEach(function (item) { ul.appendChild(el('li', describe(item))); });
      return ul;
    }
    if (value !== null && typeof value === 'object') {
      var t = el('table');
      Object.keys(value).forEach(function (k) { row(t, k, describe(value[k]), typeof value[k] === 'number'); });
      return t;
    }
    return el('p', describe(value));
  }
  function describe(value) {
    if (value === null || value === undefined) { return ''; }
    if (typeof value === 'number') { return fmt(value); }
    if (typeof value !== 'object') { return String(value); }
    if (Array.isArray(value)) { return value.map(describe).join(', '); }
    return Object.keys(value).map(function (k) { return k + ': ' + describe(value[k]); }).join(' | ');
  }
  var cards = document.getElementById('cards');
  clusters.forEach(function (c) {
    var card = el('article', null, 'card');
    card.style.borderTopColor = colour(c.cluster_id);
    card.appendChild(el('h3', c.cluster_id + ' ' + (c.name || '')));
    card.appendChild(el('p', fmt(c.size) + ' documents (' + (100 * (c.share || 0)).toFixed(1) + '%)'
      + (c.majority_label !== undefined ? ', mostly ' + c.majority_label : '')
      + (c.parent_cluster_id !== undefined ? ', parent cluster ' + c.parent_cluster_id : ''), 'note'));
    if (c.keywords && c.keywords.length) {
      card.appendChild(el('h4', 'Keywords'));
      var chips = el('div');
      c.keywords.forEach(function (k) { chips.appendChild(el('span', k.term, 'chip')); });
      card.appendChild(chips);
    }
    if (c.representatives && c.representatives.length) {
      card.appendChild(el('h4', 'Nearest the centre'));
      var ul = el('ul');
      c.representatives.forEach(function (r) { ul.appendChild(el('li', r.snippet)); });
      card.appendChild(ul);
    }
    if (c.label_counts && Object.keys(c.label_counts).length) {
      card.appendChild(el('h4', 'Labels'));
      var lt = el('table');
      Object.keys(c.label_counts).sort(function (a, b) { return c.label_counts[b] - c.label_counts[a]; })
        .forEach(function (k) { row(lt, k, fmt(c.label_counts[k]), true); });
      card.appendChild(lt);
    }
    if (c.metadata_means && Object.keys(c.metadata_means).length) {
      card.appendChild(el('h4', 'Metadata means'));
      card.appendChild(renderValue(c.metadata_means));
    }
    Object.keys(c).filter(function (k) { return KNOWN.indexOf(k) < 0; }).sort().forEach(function (k) {
      card.appendChild(el('h4', k.replace(/_/g, ' ')));
      card.appendChild(renderValue(c[k]));
    });
    cards.appendChild(card);
  });

  document.getElementById('footer').textContent = 'textcluster report generated ' + data.generated_at
    + (run.versions ? ' | ' + describe(run.versions) : '');
  window.addEventListener('resize', function () {
    [mapChart, sizes, sweepChart, heatmap].forEach(function (c) { if (c) { c.resize(); } });
  });
  // For scripted checks (the browser test) and for users poking at the page in the console.
  window.textclusterReport = { data: data, points: points, map: mapChart, showMap: showMap };
}());
