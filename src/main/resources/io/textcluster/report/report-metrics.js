// The run summary: what ran on what, the metrics in three groups (agreement with labels, internal quality, run
// resources), each with a one-line explanation and the direction that is better, and the seconds per stage.
(function () {
  'use strict';
  var TC = window.TC;
  var run = TC.run;
  var HIGHER = 'higher is better';
  var LOWER = 'lower is better';
  var INFO = {
    adjusted_rand_index: ['labels', 'pairs of documents put together or apart as the labels do, 0 = chance', HIGHER],
    adjusted_mutual_info: ['labels', 'information the clusters share with the labels, corrected for chance', HIGHER],
    normalized_mutual_info: ['labels', 'information the clusters share with the labels, 0..1', HIGHER],
    v_measure: ['labels', 'harmonic mean of homogeneity and completeness', HIGHER],
    homogeneity: ['labels', 'each cluster holds documents of one label', HIGHER],
    completeness: ['labels', 'each label\'s documents are in one cluster', HIGHER],
    purity: ['labels', 'share of documents in their cluster\'s majority label', HIGHER],
    matched_accuracy: ['labels', 'share right after the best one-to-one cluster-label matching', HIGHER],
    unlabelled_documents: ['labels', 'documents without a label, left out of these scores', ''],
    silhouette_cosine: ['internal', 'how much nearer documents are to their cluster than the next, -1..1 (cosine)', HIGHER],
    silhouette_euclidean: ['internal', 'as above with Euclidean distance, -1..1', HIGHER],
    davies_bouldin: ['internal', 'average worst ratio of cluster spread to centre distance', LOWER],
    calinski_harabasz: ['internal', 'between-cluster over within-cluster dispersion', HIGHER],
    dunn_index: ['internal', 'smallest gap between clusters over the largest cluster diameter', HIGHER],
    within_cluster_sse: ['internal', 'sum of squared distances to the cluster centres (inertia)', LOWER],
    noise_share: ['internal', 'share of documents in no cluster (density methods)', LOWER],
    empty_clusters: ['internal', 'clusters that ended with no documents', LOWER],
    gmm_log_likelihood: ['internal', 'log-likelihood of the documents under the mixture', HIGHER],
    lbg_training_cost: ['internal', 'LBG\'s final distortion', LOWER],
    kmeans_training_cost: ['internal', 'k-means\' final cost on the training data (its sum of squared distances)', LOWER],
    metric_sample_size: ['internal', 'documents sampled for the pairwise scores', ''],
    driver_peak_heap_mb: ['resources', 'the driver JVM\'s peak heap use during the run (MB)', LOWER],
    embedding_inference_seconds: ['resources', 'seconds spent computing embeddings', LOWER],
    embedding_cache_hits: ['resources', 'embeddings read from the cache instead of computed', HIGHER],
    embedding_texts_embedded: ['resources', 'texts sent through the embedding model', ''],
    embedding_texts_truncated: ['resources', 'texts cut at the model\'s token limit', LOWER],
    hdbscan_fit_seconds: ['resources', 'seconds HDBSCAN took on the driver sample', LOWER],
    llm_requests: ['resources', 'requests sent to the naming model', ''],
    llm_names_cached: ['resources', 'cluster names read from the naming cache', ''],
    llm_names_fallback: ['resources', 'clusters named from keywords because the model gave no usable name', LOWER]
  };
  var GROUPS = [['labels', 'Agreement with labels'], ['internal', 'Internal quality'], ['resources', 'Run resources'],
    ['other', 'Other run facts']];
  function groupOf(key) {
    if (INFO[key]) { return INFO[key][0]; }
    if (/_seconds$|_mb$|^embedding_|^llm_/.test(key)) { return 'resources'; }
    if (/_cost$|_sse$|inertia|silhouette|likelihood/.test(key)) { return 'internal'; }
    return 'other';
  }

  document.getElementById('title').textContent = 'Run ' + (run.run_id || '');
  document.getElementById('subtitle').textContent =
    (run.algorithm || '') + ', k = ' + TC.fmt(run.k) + ', ' + TC.fmt(run.documents) + ' documents from ' + (run.input || '');
  var runTable = document.getElementById('run-table');
  runTable.appendChild(TC.el('caption', 'Run'));
  [['run id', run.run_id], ['status', run.status], ['corpus', run.input], ['format', run.input_format],
    ['delta version', run.input_delta_version], ['rows read', TC.fmt(run.rows_read)],
    ['empty text dropped', TC.fmt(run.rows_empty_text)], ['without terms dropped', TC.fmt(run.rows_without_terms)],
    ['documents', TC.fmt(run.documents)], ['features', run.features], ['algorithm', run.algorithm], ['k', TC.fmt(run.k)],
    ['started', run.started_at], ['finished', run.finished_at]].forEach(function (kv) {
    if (kv[1] !== undefined && kv[1] !== null && kv[1] !== '') { TC.row(runTable, kv[0], kv[1]); }
  });

  var metrics = run.metrics || {};
  // One table, a header row per group, so the columns line up across groups.
  var table = TC.el('table', null, 'metrics');
  table.appendChild(TC.el('caption', 'Metrics'));
  GROUPS.forEach(function (g) {
    var keys = Object.keys(metrics).filter(function (k) { return groupOf(k) === g[0]; }).sort();
    if (keys.length === 0) { return; }
    var head = TC.el('tr', null, 'group');
    var th = TC.el('th', g[1]);
    th.colSpan = 4;
    head.appendChild(th);
    head.dataset.group = g[0];
    table.appendChild(head);
    keys.forEach(function (k) {
      var info = INFO[k] || [g[0], '', ''];
      var tr = TC.row(table, k.replace(/_/g, ' '), TC.fmt(metrics[k]), true);
      tr.dataset.metric = k;
      tr.dataset.group = g[0];
      tr.appendChild(TC.el('td', info[2] ? (info[2] === HIGHER ? '↑ ' : '↓ ') + info[2] : '', 'direction'));
      tr.appendChild(TC.el('td', info[1], 'explain'));
    });
  });
  if (table.rows.length > 0) { document.getElementById('metrics').appendChild(table); }

  var stages = run.stage_seconds || {};
  var stagesTable = document.getElementById('stages-table');
  if (Object.keys(stages).length > 0) {
    stagesTable.appendChild(TC.el('caption', 'Seconds per stage'));
    Object.keys(stages).forEach(function (k) { TC.row(stagesTable, k, stages[k].toFixed(1), true); });
  } else {
    stagesTable.remove();
  }
  document.getElementById('footer').textContent = 'textcluster report generated ' + TC.data.generated_at
    + (run.versions ? ' | ' + Object.keys(run.versions).map(function (k) { return k + ' ' + run.versions[k]; }).join(', ') : '');
}());
