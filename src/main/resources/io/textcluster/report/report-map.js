// The map: the sample's documents in one of its layouts (UMAP, t-SNE, PCA), coloured by cluster, with cluster names
// at their centres, zoom and pan (ECharts inside data zoom), a tooltip at the pointer, a search that highlights the
// documents containing a term, and focus on one cluster from the list or the map. Points are found under the pointer
// by this script (one pass over at most 20,000 points), so hover works in ECharts' fast "large" drawing mode too.
(function () {
  'use strict';
  var TC = window.TC;
  var P = TC.data.points || { n: 0 };
  var n = P.n || 0;
  var NAMES = { umap: 'UMAP', tsne: 't-SNE', pca: 'PCA' };
  var layouts = Object.keys(P.layouts || {});
  var lower = (P.text || []).map(function (t) { return t.toLowerCase(); });
  var members = {};
  for (var i = 0; i < n; i++) { (members[P.cluster_id[i]] = members[P.cluster_id[i]] || []).push(i); }
  var ids = Object.keys(members).map(Number).sort(function (a, b) { return a - b; });
  var state = { layout: layouts[0], focus: null, term: '', matches: [] };
  var mapChart = TC.chart('map');
  var small = n > 5000 ? 3 : 6;

  function coords(layout) { return P.layouts[layout]; }
  /** The member nearest the median of its cluster's points: a name placed there sits on the cluster itself. */
  function centre(id, L) {
    var m = members[id];
    var xs = m.map(function (j) { return L.x[j]; }).sort(function (a, b) { return a - b; });
    var ys = m.map(function (j) { return L.y[j]; }).sort(function (a, b) { return a - b; });
    var mx = xs[xs.length >> 1];
    var my = ys[ys.length >> 1];
    var best = m[0];
    var bestD = Infinity;
    m.forEach(function (j) {
      var d = (L.x[j] - mx) * (L.x[j] - mx) + (L.y[j] - my) * (L.y[j] - my);
      if (d < bestD) { bestD = d; best = j; }
    });
    return [L.x[best], L.y[best]];
  }
  function opacity(id) {
    if (state.focus !== null) { return id === state.focus ? 0.85 : 0.06; }
    return state.matches.length > 0 ? 0.2 : 0.75;
  }
  function searchSeries(L) {
    return { type: 'scatter', name: 'search matches', silent: true, z: 5, symbolSize: small + 4, progressive: 0,
      large: true, largeThreshold: 1,
      itemStyle: { color: '#ffd400', borderColor: '#1d2433', borderWidth: 1, opacity: 1 },
      data: state.matches.filter(function (j) { return state.focus === null || P.cluster_id[j] === state.focus; })
        .map(function (j) { return [L.x[j], L.y[j], j]; }) };
  }
  function namesSeries(L) {
    return { type: 'scatter', name: 'cluster names', silent: true, z: 10, symbolSize: 0,
      label: { show: true, formatter: function (p) { return p.name; }, fontSize: 13, fontWeight: 'bold',
        color: '#111', textBorderColor: '#fff', textBorderWidth: 3 },
      data: ids.filter(function (id) { return state.focus === null || id === state.focus; })
        .map(function (id) { return { name: TC.label(id), value: centres[id], clusterId: id }; }) };
  }
  var centres = {};
  function series() {
    var L = coords(state.layout);
    centres = {};
    ids.forEach(function (id) { centres[id] = centre(id, L); });
    var out = ids.map(function (id) {
      return { type: 'scatter', name: TC.label(id), large: true, largeThreshold: 1, progressive: 0, silent: true,
        symbolSize: small, itemStyle: { color: TC.colour(id), opacity: opacity(id) },
        data: members[id].map(function (j) { return [L.x[j], L.y[j], j]; }) };
    });
    return out.concat([searchSeries(L), namesSeries(L)]);
  }
  function showLayout(layout) {
    if (!layout) { return; }
    state.layout = layout;
    mapChart.setOption({
      animation: false, tooltip: { show: false },
      grid: { left: 10, right: 10, top: 10, bottom: 10 },
      xAxis: { type: 'value', scale: true, show: false }, yAxis: { type: 'value', scale: true, show: false },
      dataZoom: [{ type: 'inside', xAxisIndex: 0, filterMode: 'none' }, { type: 'inside', yAxisIndex: 0, filterMode: 'none' }],
      series: series()
    }, true);
    layouts.forEach(function (l) { document.getElementById('layout-' + l).className = l === layout ? 'active' : ''; });
    if (state.focus !== null) { zoomTo(state.focus); }
  }
  /** After a search or a focus: new opacities, matches and names only; the clusters' points are not sent again. */
  function refresh() {
    var L = coords(state.layout);
    mapChart.setOption({ series: ids.map(function (id) { return { itemStyle: { opacity: opacity(id) } }; })
      .concat([searchSeries(L), namesSeries(L)]) });
  }
  function zoomTo(id) {
    var L = coords(state.layout);
    var m = id === null ? null : members[id];
    var x = [Infinity, -Infinity];
    var y = [Infinity, -Infinity];
    (m || []).forEach(function (j) {
      x = [Math.min(x[0], L.x[j]), Math.max(x[1], L.x[j])];
      y = [Math.min(y[0], L.y[j]), Math.max(y[1], L.y[j])];
    });
    // Both axes in one action: each dispatched action is a full update of every series.
    if (!m) {
      mapChart.dispatchAction({ type: 'dataZoom', batch: [{ dataZoomIndex: 0, start: 0, end: 100 },
        { dataZoomIndex: 1, start: 0, end: 100 }] });
      return;
    }
    var px = (x[1] - x[0]) * 0.08 + 1;
    var py = (y[1] - y[0]) * 0.08 + 1;
    mapChart.dispatchAction({ type: 'dataZoom', batch: [
      { dataZoomIndex: 0, startValue: x[0] - px, endValue: x[1] + px },
      { dataZoomIndex: 1, startValue: y[0] - py, endValue: y[1] + py }] });
  }
  function focus(id) {
    state.focus = id === state.focus ? null : id;
    refresh();
    zoomTo(state.focus);
    Array.prototype.forEach.call(document.querySelectorAll('#legend button'), function (b) {
      b.className = state.focus === null ? '' : Number(b.dataset.cluster) === state.focus ? 'active' : 'faded';
    });
  }
  function search(term) {
    state.term = term.trim().toLowerCase();
    state.matches = [];
    if (state.term.length >= 2) {
      for (var j = 0; j < n; j++) { if (lower[j].indexOf(state.term) >= 0) { state.matches.push(j); } }
    }
    document.getElementById('search-count').textContent = state.term.length < 2 ? ''
      : state.matches.length.toLocaleString('en-US') + ' of ' + n.toLocaleString('en-US') + ' documents contain "'
        + term.trim() + '"';
    refresh();
  }
  /** The visible part of the map in data coordinates: [[xmin, xmax], [ymin, ymax]]. */
  function visibleRange() {
    var model = mapChart.getModel();
    return [model.getComponent('xAxis', 0).axis.scale.getExtent(), model.getComponent('yAxis', 0).axis.scale.getExtent()];
  }
  function pixelOf(j) {
    var L = coords(state.layout);
    return mapChart.convertToPixel({ gridIndex: 0 }, [L.x[j], L.y[j]]);
  }
  /** The shown point nearest the pixel (ox, oy), within 10 pixels; -1 if none. */
  function pointAt(ox, oy) {
    if (!state.layout || !mapChart.containPixel({ gridIndex: 0 }, [ox, oy])) { return -1; }
    var L = coords(state.layout);
    var a = mapChart.convertToPixel({ gridIndex: 0 }, [0, 0]);
    var b = mapChart.convertToPixel({ gridIndex: 0 }, [1, 1]);
    var sx = b[0] - a[0];
    var sy = b[1] - a[1];
    var best = -1;
    var bestD = 100;
    for (var j = 0; j < n; j++) {
      if (state.focus !== null && P.cluster_id[j] !== state.focus) { continue; }
      var dx = a[0] + L.x[j] * sx - ox;
      var dy = a[1] + L.y[j] * sy - oy;
      var d = dx * dx + dy * dy;
      if (d < bestD) { bestD = d; best = j; }
    }
    return best;
  }
  var tooltip = document.getElementById('tooltip');
  function showTooltip(j, ox, oy) {
    if (j < 0) { tooltip.hidden = true; return; }
    var text = P.text[j] || '';
    document.getElementById('tooltip-title').textContent = P.doc_id[j];
    document.getElementById('tooltip-meta').textContent = ' · cluster ' + TC.label(P.cluster_id[j])
      + (P.label && P.label[j] !== null ? ' · label ' + P.label[j] : '');
    document.getElementById('tooltip-text').textContent = text.length > 320 ? text.slice(0, 320) + '…' : text;
    tooltip.hidden = false;
    var box = document.getElementById('map').getBoundingClientRect();
    var left = ox + 14 + tooltip.offsetWidth > box.width ? ox - 14 - tooltip.offsetWidth : ox + 14;
    var top = oy + 14 + tooltip.offsetHeight > box.height ? oy - 14 - tooltip.offsetHeight : oy + 14;
    tooltip.style.left = Math.max(0, left) + 'px';
    tooltip.style.top = Math.max(0, top) + 'px';
    tooltip.dataset.index = String(j);
  }
  var zr = mapChart.getZr();
  zr.on('mousemove', function (e) { showTooltip(pointAt(e.offsetX, e.offsetY), e.offsetX, e.offsetY); });
  zr.on('globalout', function () { tooltip.hidden = true; });
  zr.on('click', function (e) {
    var j = pointAt(e.offsetX, e.offsetY);
    if (j >= 0) { focus(P.cluster_id[j]); }
  });

  // Toolbar, cluster list, note.
  var bar = document.getElementById('layouts');
  layouts.forEach(function (l) {
    var b = TC.el('button', NAMES[l] || l);
    b.type = 'button';
    b.id = 'layout-' + l;
    b.addEventListener('click', function () { showLayout(l); });
    bar.appendChild(b);
  });
  var legend = document.getElementById('legend');
  ids.forEach(function (id) {
    var b = TC.el('button');
    b.type = 'button';
    b.dataset.cluster = String(id);
    var swatch = TC.el('span', null, 'swatch');
    swatch.style.background = TC.colour(id);
    b.appendChild(swatch);
    b.appendChild(TC.el('span', TC.label(id)));
    b.appendChild(TC.el('span', ' ' + members[id].length.toLocaleString('en-US'), 'note'));
    b.addEventListener('click', function () { focus(id); });
    var li = TC.el('li');
    li.appendChild(b);
    legend.appendChild(li);
  });
  // Keystrokes that arrive while the map redraws are coalesced: one search per animation frame, for the latest text.
  var typed = null;
  document.getElementById('search').addEventListener('input', function (e) {
    if (typed === null) {
      requestAnimationFrame(function () { var term = typed; typed = null; search(term); });
    }
    typed = e.target.value;
  });
  document.getElementById('reset-view').addEventListener('click', function () {
    if (state.focus !== null) { focus(state.focus); } else { zoomTo(null); }
  });
  var run = TC.run;
  document.getElementById('map-note').textContent = n === 0
    ? 'This run has no map sample (report.map-points = 0, or the run predates map columns).'
    : n.toLocaleString('en-US') + ' of ' + TC.fmt(run.documents) + ' documents, sampled by hash of doc_id. '
      + layouts.map(function (l) { return NAMES[l] || l; }).join(', ') + ' layouts of the sample; PCA (of a random '
      + 'projection) is in the assignments table for every document (map_x, map_y).';
  if (n === 0) { document.getElementById('map-section').classList.add('empty'); }
  showLayout(state.layout);

  // For scripted checks (the browser tests) and for users poking at the page in the console.
  window.textclusterReport = { data: TC.data, points: P, map: mapChart, state: state, showLayout: showLayout,
    focus: focus, search: search, visibleRange: visibleRange, pixelOf: pixelOf, pointAt: pointAt };
}());
