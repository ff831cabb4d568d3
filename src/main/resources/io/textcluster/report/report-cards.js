// One card per cluster: keywords as score bars, representatives (each document once), the label distribution,
// metadata only where it informs (numeric summaries; top values of a column unless every count is 1, which marks an
// id-like column), lineage to an earlier run. A heading is only written above content; centres never reach the page.
(function () {
  'use strict';
  var TC = window.TC;
  var el = TC.el;
  var SHOWN = ['run_id', 'cluster_id', 'size', 'share', 'name', 'keywords', 'representatives', 'metadata_means',
    'label_counts', 'majority_label', 'within_cluster_sse', 'parent_cluster_id', 'samples', 'metadata_stats',
    'metadata_top_values', 'vocabulary_labels', 'centre', 'matched_from_run', 'match_distance', 'language_mix'];

  function section(card, title, content) {
    if (!content) { return; }
    card.appendChild(el('h4', title));
    card.appendChild(content);
  }
  /** Horizontal bars, longest first: [[label, value, shown text], ...]; null when there is nothing to draw. */
  function bars(items, cls) {
    if (!items.length) { return null; }
    var max = Math.max.apply(null, items.map(function (it) { return it[1]; }));
    var box = el('div', null, 'bars ' + (cls || ''));
    items.forEach(function (it) {
      var line = el('div', null, 'bar-row');
      line.appendChild(el('span', it[0], 'bar-label'));
      var track = el('span', null, 'bar-track');
      var fill = el('span', null, 'bar-fill');
      fill.style.width = (max > 0 ? Math.max(1, 100 * it[1] / max) : 0).toFixed(1) + '%';
      track.appendChild(fill);
      line.appendChild(track);
      line.appendChild(el('span', it[2], 'bar-value'));
      box.appendChild(line);
    });
    return box;
  }
  function list(items) {
    if (!items.length) { return null; }
    var ul = el('ul');
    items.forEach(function (t) { ul.appendChild(el('li', t)); });
    return ul;
  }
  /** Documents once each: the same doc_id, or the same text under another id, is a repeat. */
  function distinctDocuments(docs, seen) {
    var out = [];
    (docs || []).forEach(function (d) {
      var text = (d.snippet || '').trim();
      if (!text || seen[d.doc_id] || seen['text:' + text]) { return; }
      seen[d.doc_id] = true;
      seen['text:' + text] = true;
      out.push(d);
    });
    return out;
  }
  function labelBars(c) {
    var counts = c.label_counts || {};
    var total = Object.keys(counts).reduce(function (s, k) { return s + counts[k]; }, 0);
    var keys = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a]; }).slice(0, 8);
    return bars(keys.map(function (k) {
      return [k, counts[k], TC.fmt(counts[k]) + ' (' + (100 * counts[k] / total).toFixed(0) + '%)'];
    }), 'labels');
  }
  function metadata(c) {
    var t = el('table');
    var stats = c.metadata_stats || {};
    var means = c.metadata_means || {};
    Object.keys(stats).sort().forEach(function (k) {
      var s = stats[k];
      TC.row(t, k, 'mean ' + TC.fmt(s.mean) + ' (' + TC.fmt(s.min) + ' to ' + TC.fmt(s.max) + ')', true);
    });
    Object.keys(means).sort().forEach(function (k) { if (!stats[k]) { TC.row(t, k, 'mean ' + TC.fmt(means[k]), true); } });
    var top = c.metadata_top_values || {};
    Object.keys(top).sort().forEach(function (k) {
      var values = top[k] || [];
      // Every count 1: an id, a title or a timestamp; listing a few of its values says nothing about the cluster.
      if (!values.length || values.every(function (v) { return v.count <= 1; })) { return; }
      TC.row(t, k, values.slice(0, 5).map(function (v) { return v.value + ' (' + TC.fmt(v.count) + ')'; }).join(', '));
    });
    return t.rows.length ? t : null;
  }
  function scalars(c) {
    var t = el('table');
    Object.keys(c).filter(function (k) { return SHOWN.indexOf(k) < 0; }).sort().forEach(function (k) {
      var v = c[k];
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
        TC.row(t, k.replace(/_/g, ' '), TC.fmt(v), typeof v === 'number');
      }
    });
    return t.rows.length ? t : null;
  }

  var cards = document.getElementById('cards');
  TC.clusters.forEach(function (c) {
    var card = el('article', null, 'card');
    card.id = 'cluster-' + c.cluster_id;
    card.style.borderTopColor = TC.colour(c.cluster_id);
    card.appendChild(el('h3', TC.label(c.cluster_id)));
    card.appendChild(el('p', TC.fmt(c.size) + ' documents (' + (100 * (c.share || 0)).toFixed(1) + '%)'
      + (c.majority_label !== undefined && c.majority_label !== null ? ', mostly ' + c.majority_label : '')
      + (c.parent_cluster_id !== undefined && c.parent_cluster_id !== null ? ', split from ' + c.parent_cluster_id : '')
      + (c.matched_from_run ? ', same cluster as in run ' + c.matched_from_run + ' (centre distance '
        + TC.fmt(c.match_distance) + ')' : ''), 'note'));
    // issue 19 (language mix): one line, "Languages: english 80%, japanese 20%", when the run detected languages.
    var mix = c.language_mix || {};
    var languages = Object.keys(mix).sort(function (a, b) { return mix[b] - mix[a] || (a < b ? -1 : 1); });
    if (languages.length) {
      card.appendChild(el('p', 'Languages: ' + languages.map(function (l) {
        return l + ' ' + (100 * mix[l]).toFixed(0) + '%';
      }).join(', '), 'note languages'));
    }
    // end issue 19
    section(card, 'Keywords', bars((c.keywords || []).slice(0, 12).map(function (k) {
      return [k.term, k.score, k.score.toFixed(3)];
    }), 'keywords'));
    var vocabulary = (c.vocabulary_labels || []).map(function (k) { return k.term; });
    section(card, 'Suggested labels', list(vocabulary.length ? [vocabulary.join(', ')] : []));
    var seen = {};
    var reps = distinctDocuments(c.representatives, seen);
    section(card, 'Nearest the centre', list(reps.map(function (r) { return r.snippet; })));
    var samples = distinctDocuments(c.samples, seen).slice(0, 3);
    section(card, 'Random examples', list(samples.map(function (r) { return r.snippet; })));
    section(card, 'Labels', labelBars(c));
    section(card, 'Metadata', metadata(c));
    section(card, 'Other', scalars(c));
    cards.appendChild(card);
  });
}());
