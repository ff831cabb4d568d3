// The run over time and against the run before it, each shown only when the run has it: trends (the
// cluster_trends table: each cluster's share per period, stacked, emerging clusters flagged), lineage (the
// cluster_lineage table: the console's summary line and, per cluster, the earlier clusters it draws its documents
// from) and the comparison with the earlier run (sizes then and now when ids are matched; both runs' metrics).
(function () {
  'use strict';
  var TC = window.TC;
  var el = TC.el;
  var history = TC.data.history || {};
  var earlier = history.earlier || null;
  var shown = {};
  function show(id) { document.getElementById(id).hidden = false; }
  function pct(v) { return typeof v === 'number' ? (100 * v).toFixed(1) + '%' : ''; }
  function signed(v, digits) {
    if (typeof v !== 'number' || !isFinite(v)) { return ''; }
    var s = Number.isInteger(v) && digits === undefined ? v.toLocaleString('en-US') : v.toFixed(digits || 4);
    return v > 0 ? '+' + s : s;
  }
  function earlierName(id) {
    var c = (earlier && earlier.clusters || []).filter(function (x) { return x.cluster_id === id; })[0];
    return c && c.name ? id + ' ' + c.name : String(id);
  }
  function headRow(table, names) {
    var tr = el('tr');
    names.forEach(function (n) { tr.appendChild(el('th', n)); });
    table.appendChild(tr);
  }
  function cells(table, values, numericFrom) {
    var tr = el('tr');
    values.forEach(function (v, i) { tr.appendChild(el('td', v, i >= numericFrom ? 'num' : undefined)); });
    table.appendChild(tr);
    return tr;
  }

  // Trends: a stacked area per cluster (shares sum to 1 per period), the emerging ones named as such.
  var trends = history.trends;
  if (trends && trends.periods.length > 0) {
    show('trends-section');
    var emerging = trends.clusters.filter(function (c) { return c.emerging; });
    var name = function (c) { return TC.label(c.cluster_id) + (c.emerging ? ' ▲ emerging' : ''); };
    shown.trends = TC.chart('trends');
    shown.trends.setOption({
      animation: false, tooltip: { show: false },
      legend: { type: 'scroll', top: 0, data: trends.clusters.map(name) },
      grid: { left: 60, right: 50, top: 40, bottom: 40 },
      xAxis: { type: 'category', boundaryGap: false, data: trends.periods },
      yAxis: { type: 'value', name: 'share', min: 0, max: 1 },
      series: trends.clusters.map(function (c) {
        return { type: 'line', name: name(c), clusterId: c.cluster_id, stack: 'share', symbol: 'none',
          areaStyle: { opacity: c.emerging ? 0.95 : 0.55 }, lineStyle: { width: c.emerging ? 2.5 : 0.8 },
          itemStyle: { color: TC.colour(c.cluster_id) }, data: c.share };
      })
    });
    var last = trends.periods.length - 1;
    document.getElementById('trends-note').textContent = trends.periods.length + ' periods, ' + trends.periods[0]
      + ' to ' + trends.periods[last] + (trends.periods_left_out > 0 ? ' (the ' + trends.periods_left_out
        + ' earliest left out to keep the page small)' : '') + '. '
      + (emerging.length ? 'Emerging (share growing fastest): ' + emerging.map(function (c) {
        return TC.label(c.cluster_id) + ' (' + signed(100 * c.share_growth, 2) + ' points per period)';
      }).join('; ') + '.' : 'No cluster is emerging: no share grows over the periods.');
    var table = document.getElementById('trends-table');
    headRow(table, ['cluster', 'documents', 'first period', 'last period', 'growth per period']);
    trends.clusters.forEach(function (c) {
      var tr = cells(table, [name(c), TC.fmt(c.documents.reduce(function (s, v) { return s + v; }, 0)),
        pct(c.share[0]), pct(c.share[last]), c.share_growth === null ? '' : signed(100 * c.share_growth, 2) + ' pts'], 1);
      tr.dataset.cluster = String(c.cluster_id);
      if (c.emerging) { tr.className = 'emerging'; }
    });
  }

  // Lineage: the console's line, then for every cluster the earlier clusters it draws from.
  var lineage = history.lineage;
  if (lineage && lineage.rows.length > 0) {
    show('lineage-section');
    document.getElementById('lineage-summary').textContent = 'Against run ' + lineage.earlier_run + ': '
      + lineage.summary + '.';
    var byCluster = {};
    var died = [];
    lineage.rows.forEach(function (r) {
      if (r.cluster_id === undefined || r.cluster_id === null) { died.push(r); return; }
      (byCluster[r.cluster_id] = byCluster[r.cluster_id] || []).push(r);
    });
    var lt = document.getElementById('lineage-table');
    headRow(lt, ['cluster', 'event', 'draws its documents from']);
    Object.keys(byCluster).map(Number).sort(function (a, b) { return a - b; }).forEach(function (id) {
      var from = byCluster[id].slice().sort(function (a, b) { return b.share - a.share; });
      var tr = el('tr');
      tr.dataset.cluster = String(id);
      tr.appendChild(el('td', TC.label(id)));
      tr.appendChild(el('td', from[0].event, 'event event-' + from[0].event));
      var td = el('td');
      from.forEach(function (r) {
        var line = el('div', null, 'bar-row');
        line.dataset.earlier = r.earlier_cluster_id === undefined || r.earlier_cluster_id === null ? ''
          : String(r.earlier_cluster_id);
        line.dataset.share = String(r.share);
        line.appendChild(el('span', line.dataset.earlier === '' ? 'new documents' : earlierName(r.earlier_cluster_id),
          'bar-label'));
        var track = el('span', null, 'bar-track');
        var fill = el('span', null, 'bar-fill');
        fill.style.width = Math.max(1, 100 * r.share).toFixed(1) + '%';
        fill.style.background = line.dataset.earlier === '' ? '#9aa0a6' : TC.colour(r.earlier_cluster_id);
        track.appendChild(fill);
        line.appendChild(track);
        line.appendChild(el('span', pct(r.share) + ' (' + TC.fmt(r.documents) + ')', 'bar-value'));
        td.appendChild(line);
      });
      tr.appendChild(td);
      lt.appendChild(tr);
    });
    died.forEach(function (r) {
      var tr = el('tr');
      tr.dataset.earlier = String(r.earlier_cluster_id);
      tr.appendChild(el('td', 'earlier ' + earlierName(r.earlier_cluster_id)));
      tr.appendChild(el('td', 'died', 'event event-died'));
      tr.appendChild(el('td', r.earlier_share >= 0.9995 ? 'all its documents left the corpus'
        : pct(r.earlier_share) + ' of its documents left the corpus; the rest spread over other clusters (none holds'
          + ' a large part of them)'));
      lt.appendChild(tr);
    });
  }

  // Comparison: sizes then and now (matched ids only) and both runs' metrics.
  if (earlier && earlier.run) {
    show('comparison-section');
    var then = earlier.run;
    var now = TC.run;
    document.getElementById('comparison-note').textContent = earlier.matched
      ? 'Run ' + then.run_id + ', whose clusters this run matched (cluster.match-run): the same id is the same cluster.'
      : 'Run ' + then.run_id + ', the previous run on the same input. Its clusters were not matched to these'
        + ' (set cluster.match-run to keep ids), so only the run figures are compared.';
    var sizes = document.getElementById('comparison-sizes');
    if (earlier.matched) {
      sizes.appendChild(el('caption', 'Cluster sizes'));
      headRow(sizes, ['cluster', 'then', 'now', 'change']);
      var before = {};
      earlier.clusters.forEach(function (c) { before[c.cluster_id] = c; });
      var claimed = {};
      TC.clusters.forEach(function (c) {
        var old = c.matched_from_run === then.run_id ? before[c.cluster_id] : undefined;
        if (old) { claimed[c.cluster_id] = true; }
        var tr = cells(sizes, [TC.label(c.cluster_id), old ? TC.fmt(old.size) : 'new', TC.fmt(c.size),
          old ? signed(c.size - old.size) : ''], 1);
        tr.dataset.cluster = String(c.cluster_id);
        tr.dataset.then = old ? String(old.size) : '';
        tr.dataset.now = String(c.size);
      });
      earlier.clusters.filter(function (c) { return !claimed[c.cluster_id]; }).forEach(function (c) {
        var tr = cells(sizes, ['earlier ' + earlierName(c.cluster_id), TC.fmt(c.size), 'not matched', ''], 1);
        tr.dataset.earlier = String(c.cluster_id);
      });
    } else {
      sizes.remove();
    }
    var mt = document.getElementById('comparison-metrics');
    mt.appendChild(el('caption', 'Run figures'));
    headRow(mt, ['', then.run_id, now.run_id, 'change']);
    var rows = [['documents', then.documents, now.documents], ['k', then.k, now.k]];
    var a = then.metrics || {};
    var b = now.metrics || {};
    Object.keys(a).concat(Object.keys(b).filter(function (k) { return !(k in a); })).sort().forEach(function (k) {
      rows.push([k, a[k], b[k]]);
    });
    rows.forEach(function (r) {
      var both = typeof r[1] === 'number' && typeof r[2] === 'number';
      var tr = cells(mt, [r[0].replace(/_/g, ' '), TC.fmt(r[1]), TC.fmt(r[2]), both ? signed(r[2] - r[1],
        Number.isInteger(r[1]) && Number.isInteger(r[2]) ? undefined : 4) : ''], 1);
      tr.dataset.metric = r[0];
    });
  }
  TC.history = shown;
}());
