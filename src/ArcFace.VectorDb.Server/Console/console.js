// ArcFace.VectorDb web console: plain DOM code over the JSON API (/v1, see /openapi.json).
'use strict';

const $ = (id) => document.getElementById(id);
const state = { collection: null, info: null, thumbs: new Map(), charts: new Map(), watch: null, canWrite: false };

// --- API calls -------------------------------------------------------------------------------------------------

function apiKey() { return sessionStorage.getItem('arcvdb.key') || ''; }

class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

function headers(extra) {
  const h = Object.assign({}, extra);
  const key = apiKey();
  if (key) h.Authorization = 'Bearer ' + key;
  return h;
}

async function failure(response) {
  let detail = '';
  try { const body = await response.json(); detail = body.message || ''; } catch { /* not JSON */ }
  if (response.status === 401) return new ApiError(401, 'Unauthorized (401): the API key is missing or not known to the server. Type a key above and press Use.' + (detail ? ' (' + detail + ')' : ''));
  if (response.status === 403) return new ApiError(403, 'Forbidden (403): this API key may not do that (a read-only key only reads).' + (detail ? ' (' + detail + ')' : ''));
  return new ApiError(response.status, (detail || response.statusText || 'request failed') + ' (HTTP ' + response.status + ')');
}

async function api(method, path, body) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'The server did not answer (' + e.message + ').');
  }
  if (!response.ok) throw await failure(response);
  return response.json();
}

// A thumbnail as a blob: URL (an <img src> cannot send the key), or null when the point has none.
function thumbnail(collection, id) {
  const cacheKey = collection + '/' + id;
  if (!state.thumbs.has(cacheKey)) {
    state.thumbs.set(cacheKey, (async () => {
      const response = await fetch('/v1/collections/' + encodeURIComponent(collection) + '/points/' + id + '/thumbnail', { headers: headers() });
      if (response.status === 404) return null;
      if (!response.ok) throw await failure(response);
      return URL.createObjectURL(await response.blob());
    })().catch((e) => { state.thumbs.delete(cacheKey); throw e; }));
  }
  return state.thumbs.get(cacheKey);
}

// A job's report file (its chart) as a blob: URL, fetched once per job and file.
function jobFile(id, name) {
  const cacheKey = id + '/' + name;
  if (!state.charts.has(cacheKey)) {
    state.charts.set(cacheKey, (async () => {
      const response = await fetch('/v1/jobs/' + encodeURIComponent(id) + '/files/' + encodeURIComponent(name), { headers: headers() });
      if (!response.ok) throw await failure(response);
      return URL.createObjectURL(await response.blob());
    })().catch((e) => { state.charts.delete(cacheKey); throw e; }));
  }
  return state.charts.get(cacheKey);
}

// What the key may do: start and delete controls (.write-only) show only for a key that may write.
async function loadAccess() {
  let canWrite = false, access = 'none';
  try {
    const answer = await api('GET', '/v1/access');
    canWrite = Boolean(answer.canWrite);
    access = canWrite ? 'write' : 'read';
  } catch { /* a missing or unknown key: the collections list says why */ }
  state.canWrite = canWrite;
  document.body.classList.toggle('no-write', !canWrite);
  document.body.dataset.access = access;
}

// --- Small DOM helpers -----------------------------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null) continue;
    if (name === 'class') node.className = value;
    else if (name === 'text') node.textContent = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function showMessage(text, kind) {
  const box = $('message');
  if (!text) { box.hidden = true; box.textContent = ''; return; }
  box.textContent = text;
  box.className = 'message' + (kind === 'info' ? ' info' : '');
  box.hidden = false;
}

function report(error, where) {
  const text = error instanceof ApiError ? error.message : String(error && error.message || error);
  showMessage(text);
  if (where) where.replaceChildren(el('p', { class: 'error', text }));
}

const fileName = (described) => (described || '').split(' ')[0] || '-';
const mib = (bytes) => (Number(bytes || 0) / 1048576).toFixed(2);
const jobState = (s) => (s || 'JOB_STATE_UNSPECIFIED').replace('JOB_STATE_', '').toLowerCase();
const finished = (s) => ['succeeded', 'failed', 'cancelled'].includes(jobState(s));

// --- Collections -----------------------------------------------------------------------------------------------

async function loadCollections() {
  const target = $('collections');
  target.replaceChildren(el('p', { class: 'muted', text: 'Loading collections…' }));
  try {
    const { collections = [] } = await api('GET', '/v1/collections');
    showMessage('');
    if (collections.length === 0) {
      target.replaceChildren(el('p', { class: 'muted', text: 'No collections yet (create one over gRPC, REST or arcvdb).' }));
      return;
    }
    const rows = collections.map((c) => el('tr', { 'data-name': c.name, class: c.name === state.collection ? 'selected' : null, onclick: () => selectCollection(c.name) },
      el('td', { text: c.name }), el('td', { class: 'num', text: c.count || '0' }), el('td', { class: 'num', text: String(c.dimension || 0) }),
      el('td', { class: 'file', text: fileName(c.model) }), el('td', { class: 'file', text: c.detector ? fileName(c.detector) : '-' }),
      el('td', { text: quantization(c) }), el('td', { class: 'num', text: mib(c.diskBytes) })));
    target.replaceChildren(el('table', {},
      el('thead', {}, el('tr', {}, ...['name', 'points', 'dim', 'model', 'detector', 'quantization', 'MiB'].map((h, i) => el('th', { class: [1, 2, 6].includes(i) ? 'num' : null, text: h })))),
      el('tbody', {}, ...rows)));
    if (!state.collection) selectCollection(collections[0].name);
  } catch (e) { report(e, target); }
}

// A collection's quantisation as users write it (none, int8, binary).
function quantization(c) {
  return (c.quantization || 'QUANTIZATION_NONE').replace('QUANTIZATION_', '').toLowerCase();
}

async function selectCollection(name) {
  state.collection = name;
  for (const row of document.querySelectorAll('#collections tbody tr')) row.classList.toggle('selected', row.dataset.name === name);
  $('search-collection').textContent = 'in ' + name;
  $('search-status').textContent = 'Drop or choose a photo to search ' + name + '.';
  const details = $('details');
  details.hidden = false;
  details.replaceChildren(el('p', { class: 'muted', text: 'Loading ' + name + '…' }));
  try {
    const c = await api('GET', '/v1/collections/' + encodeURIComponent(name));
    state.info = c;
    const rows = [['name', c.name], ['points', c.count || '0'], ['dimension', c.dimension], ['metric', (c.metric || '').replace('METRIC_', '').toLowerCase()],
      ['M / efConstruction', (c.m || 0) + ' / ' + (c.efConstruction || 0)], ['model', c.model || '-'], ['preprocessing', c.preprocessing || '-'],
      ['provider', c.provider || '-'], ['detector', c.detector || '-'], ['thumbnails', (c.thumbnails || '0') + ' (' + mib(c.thumbnailBytes) + ' MiB)'], ['on disk', mib(c.diskBytes) + ' MiB'],
      ['quantization', quantization(c)], ['index in memory', mib(c.indexMemoryBytes) + ' MiB'], ['re-rank file', c.rerankBytes ? mib(c.rerankBytes) + ' MiB' : '-']];
    details.replaceChildren(el('h3', { text: c.name }), el('dl', {}, ...rows.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: String(v) })])));
  } catch (e) { report(e, details); }
}

// --- Search ----------------------------------------------------------------------------------------------------

function readAsDataUrl(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(new Error('Could not read ' + file.name));
    reader.readAsDataURL(file);
  });
}

function searchOptions() {
  const k = Math.max(1, Number($('k').value) || 5);
  const ef = Math.max(0, Number($('ef').value) || 0);
  return { k, ef: ef && ef < k ? k : ef };
}

async function searchPhoto(file) {
  if (!file) return;
  const status = $('search-status');
  const results = $('results');
  if (!state.collection) { status.textContent = 'Pick a collection first.'; return; }
  if (!file.type.startsWith('image/')) { status.textContent = file.name + ' is not an image.'; return; }
  const dataUrl = await readAsDataUrl(file);
  const photo = $('photo');
  $('stage').hidden = false;
  for (const box of document.querySelectorAll('#stage .box')) box.remove();
  photo.src = dataUrl;
  status.textContent = 'Searching ' + state.collection + ' for ' + file.name + '…';
  results.replaceChildren(el('p', { class: 'muted', text: 'Searching…' }));
  try {
    await photo.decode().catch(() => { /* shown anyway */ });
    const { k, ef } = searchOptions();
    const response = await api('POST', '/v1/collections/' + encodeURIComponent(state.collection) + '/points:search-by-image', { image: dataUrl.split(',')[1], k, ef });
    const faces = response.faces || [];
    showMessage('');
    if (faces.length > 0) {
      status.textContent = faces.length + (faces.length === 1 ? ' face' : ' faces') + ' found in ' + file.name + '.';
      const w = photo.naturalWidth || 1, h = photo.naturalHeight || 1;
      results.replaceChildren(...faces.map((face) => {
        const b = face.box || {};
        const index = face.index || 0;
        const box = el('div', { class: 'box', 'data-face': index, title: 'face ' + (index + 1) }, el('span', { text: String(index + 1) }));
        Object.assign(box.style, { left: (100 * (b.left || 0) / w) + '%', top: (100 * (b.top || 0) / h) + '%', width: (100 * ((b.right || 0) - (b.left || 0)) / w) + '%', height: (100 * ((b.bottom || 0) - (b.top || 0)) / h) + '%' });
        $('stage').append(box);
        const block = el('div', { class: 'face', 'data-face': index, 'data-box': [b.left, b.top, b.right, b.bottom].map((v) => Number(v || 0).toFixed(1)).join(','),
          onmouseenter: () => box.classList.add('active'), onmouseleave: () => box.classList.remove('active') },
        el('h3', { text: 'Face ' + (index + 1) + ' ' }, el('span', { class: 'muted', text: 'at ' + Math.round(b.left || 0) + ',' + Math.round(b.top || 0) + ' (score ' + Number(face.score || 0).toFixed(2) + ')' })),
        hitList(face.hits || []));
        return block;
      }));
    } else {
      const hits = response.hits || [];
      if (state.info && state.info.detector) {
        status.textContent = 'No face found in ' + file.name + '.';
        results.replaceChildren(el('p', { class: 'muted', text: 'This collection holds faces: a photo without one has nothing to search for.' }));
      } else {
        status.textContent = hits.length + ' hits for ' + file.name + '.';
        results.replaceChildren(el('div', { class: 'face', 'data-face': 'image' }, el('h3', { text: 'Whole image' }), hitList(hits)));
      }
    }
  } catch (e) {
    status.textContent = 'The search failed.';
    report(e, results);
  }
}

function hitList(hits) {
  if (hits.length === 0) return el('p', { class: 'muted', text: 'No hits.' });
  const collection = state.collection;
  return el('div', { class: 'hits' }, ...hits.map((hit) => {
    const picture = el('div', { class: 'thumb-missing', text: '…' });
    thumbnail(collection, hit.id).then((url) => {
      picture.replaceWith(url ? el('img', { src: url, alt: hit.label || hit.source || hit.id }) : el('div', { class: 'thumb-missing', text: 'no thumbnail' }));
    }).catch((e) => { picture.textContent = 'error'; picture.title = e.message; });
    return el('button', { type: 'button', class: 'hit', 'data-id': hit.id, 'data-source': hit.source || '', title: 'Show point ' + hit.id, onclick: () => showPoint(collection, hit.id) },
      picture, el('span', { class: 'score', text: Number(hit.score || 0).toFixed(3) }), el('span', { class: 'label', text: hit.label || '-' }), el('span', { class: 'source', text: hit.source || '-' }));
  }));
}

function pointsUrl(collection, id, withVectors) {
  return '/v1/collections/' + encodeURIComponent(collection) + '/points?ids=' + encodeURIComponent(id) + (withVectors ? '&withVectors=true' : '');
}

async function showPoint(collection, id) {
  const panel = $('point-panel');
  const target = $('point');
  panel.hidden = false;
  target.replaceChildren(el('p', { class: 'muted', text: 'Loading point ' + id + '…' }));
  panel.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
  try {
    const { points = [] } = await api('GET', pointsUrl(collection, id, false));
    const p = points[0];
    if (!p) { target.replaceChildren(el('p', { class: 'error', text: 'Point ' + id + ' is gone from ' + collection + '.' })); return; }
    const picture = el('div', { class: 'thumb-large' }, el('div', { class: 'thumb-missing', text: '…' }));
    thumbnail(collection, p.id).then((url) => picture.replaceChildren(url ? el('img', { src: url, alt: p.label || p.id }) : el('div', { class: 'thumb-missing', text: 'no thumbnail' })))
      .catch((e) => picture.replaceChildren(el('div', { class: 'thumb-missing', text: e.message })));
    const rows = [['id', p.id], ['label', p.label || '-'], ['source', p.source || '-'], ['collection', collection],
      ...Object.entries(p.attributes || {}).sort().map(([k, v]) => [k, v])];
    target.replaceChildren(picture, el('div', { class: 'info', 'data-id': p.id },
      el('dl', {}, ...rows.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { 'data-field': k, text: String(v) })])),
      el('div', { class: 'actions' },
        el('button', { id: 'more-like-this', type: 'button', onclick: () => moreLikeThis(collection, p.id) }, 'More like this'),
        el('button', { id: 'delete-point', type: 'button', class: 'danger write-only', title: 'Delete this point (click twice)', onclick: (event) => deletePoint(collection, p.id, event.currentTarget) }, 'Delete point'))));
  } catch (e) { report(e, target); }
}

// The first click arms the button, the second deletes (waiting for the commit), then the point leaves the page.
async function deletePoint(collection, id, button) {
  if (!button.classList.contains('armed')) {
    button.classList.add('armed');
    button.textContent = 'Really delete point ' + id + '?';
    return;
  }
  button.disabled = true;
  try {
    const { deleted = '0' } = await api('POST', '/v1/collections/' + encodeURIComponent(collection) + '/points:delete', { ids: [String(id)], wait: true });
    state.thumbs.delete(collection + '/' + id);
    for (const hit of document.querySelectorAll('#results .hit[data-id="' + CSS.escape(String(id)) + '"]')) hit.remove();
    $('point').replaceChildren(el('p', { class: 'muted', id: 'point-deleted', 'data-id': String(id), text: Number(deleted) > 0 ? 'Point ' + id + ' deleted from ' + collection + '.' : 'Point ' + id + ' was already gone from ' + collection + '.' }));
    showMessage('');
    loadCollections();
    if (state.collection === collection) selectCollection(collection);
  } catch (e) {
    button.disabled = false;
    report(e);
  }
}

async function moreLikeThis(collection, id) {
  const status = $('search-status');
  const results = $('results');
  status.textContent = 'Searching ' + collection + ' for points like ' + id + '…';
  results.replaceChildren(el('p', { class: 'muted', text: 'Searching…' }));
  $('stage').hidden = true;
  try {
    const { points = [] } = await api('GET', pointsUrl(collection, id, true));
    if (!points[0] || !points[0].vector) throw new Error('Point ' + id + ' has no vector to search with.');
    const { k, ef } = searchOptions();
    const response = await api('POST', '/v1/collections/' + encodeURIComponent(collection) + '/points:search', { vector: points[0].vector, k, ef });
    showMessage('');
    status.textContent = (response.hits || []).length + ' points like ' + (points[0].source || id) + '.';
    results.replaceChildren(el('div', { class: 'face', 'data-face': 'like' }, el('h3', { text: 'More like ' + (points[0].label || points[0].source || id) }), hitList(response.hits || [])));
    $('search-panel').scrollIntoView({ behavior: 'smooth', block: 'start' });
  } catch (e) {
    status.textContent = 'The search failed.';
    report(e, results);
  }
}

// --- Evaluation ------------------------------------------------------------------------------------------------

async function startAnn(event) {
  event.preventDefault();
  if (!state.collection) { showMessage('Pick a collection to evaluate first.'); return; }
  const ef = numberList($('ann-ef').value);
  if (ef.some((v) => !Number.isInteger(v) || v <= 0)) { showMessage('The ef list must be positive whole numbers, e.g. "16, 32, 64".'); return; }
  const button = $('ann-start');
  button.disabled = true;
  try {
    const job = await api('POST', '/v1/jobs/ann', { collection: state.collection, sample: Number($('ann-sample').value) || 0, k: Number($('ann-k').value) || 0, ef });
    showMessage('');
    followJob(job);
    loadJobs();
  } catch (e) { report(e); } finally { button.disabled = false; }
}

function numberList(text) {
  return text.split(/[\s,]+/).filter(Boolean).map(Number);
}

async function startRetrieval(event) {
  event.preventDefault();
  if (!state.collection) { showMessage('Pick a collection to evaluate first.'); return; }
  const topk = numberList($('ret-topk').value);
  if (topk.length === 0 || topk.some((v) => !Number.isInteger(v) || v <= 0)) { showMessage('The Recall@K list must be positive whole numbers, e.g. "1, 5, 10".'); return; }
  const ef = $('ret-index').value === 'hnsw' ? Number($('ret-ef').value) || 0 : 0;
  if ($('ret-index').value === 'hnsw' && ef <= 0) { showMessage('HNSW needs an ef above 0.'); return; }
  const button = $('retrieval-start');
  button.disabled = true;
  try {
    const job = await api('POST', '/v1/jobs/retrieval', { galleryCollection: state.collection, topk, mapTopk: Number($('ret-map').value) || 0, ef });
    showMessage('');
    followJob(job);
    loadJobs();
  } catch (e) { report(e); } finally { button.disabled = false; }
}

function byK(map) {
  return Object.keys(map || {}).map(Number).sort((a, b) => a - b);
}

function retrievalTable(r) {
  const hnsw = Number(r.hnswEf || 0) > 0;
  const percent = (v) => v === undefined ? '-' : Number(v || 0).toFixed(2) + '%';
  const rows = [
    ...byK(r.recallAt).map((k) => ['Recall@' + k, r.recallAt[k], (r.hnswRecallAt || {})[k]]),
    ...byK(r.mapAt).map((k) => ['mAP@' + k, r.mapAt[k], (r.hnswMapAt || {})[k]]),
    ['rank-1', r.rank1 || 0, r.hnswRank1 || 0],
  ];
  return el('div', { class: 'table-wrap' }, el('table', { class: 'retrieval-table' },
    el('caption', { class: 'muted', text: (r.queries || 0) + ' queries against ' + (r.gallery || 0) + ' gallery points' }),
    el('thead', {}, el('tr', {}, el('th', { text: 'metric' }), el('th', { class: 'num', text: 'exact' }), hnsw ? el('th', { class: 'num', text: 'HNSW ef=' + r.hnswEf }) : null)),
    el('tbody', {}, ...rows.map(([name, exact, approx]) => el('tr', { 'data-metric': name }, el('td', { text: name }), el('td', { class: 'num', text: percent(exact) }),
      hnsw ? el('td', { class: 'num', text: percent(approx) }) : null)))));
}

// The report's PNG chart, shown once the job succeeded (fetched with the key as a blob: URL).
function jobChart(job) {
  const png = (job.reportFiles || []).map((f) => f.split(/[\\/]/).pop()).find((name) => name.toLowerCase().endsWith('.png'));
  if (!png) return null;
  const holder = el('div', { class: 'chart-wrap' }, el('p', { class: 'muted', text: 'Loading the chart…' }));
  jobFile(job.id, png).then((url) => holder.replaceChildren(el('img', { id: 'job-chart', class: 'chart', src: url, alt: (job.kind || 'job') + ' chart (' + png + ')', 'data-job': job.id })))
    .catch((e) => holder.replaceChildren(el('p', { class: 'error', text: 'The chart could not be loaded: ' + e.message })));
  return holder;
}

function renderJob(job) {
  $('job').hidden = false;
  const s = jobState(job.state);
  const label = $('job-state');
  label.textContent = s;
  label.className = 'state state-' + s;
  label.dataset.state = s;
  $('job-stage').textContent = job.id + ' · ' + (job.request || job.kind || '') + (job.stage ? ' · ' + job.stage : '') + (job.total ? ' · ' + (job.done || 0) + '/' + job.total : '');
  const progress = $('job-progress');
  const total = Number(job.total || 0);
  progress.max = total || 1;
  progress.value = s === 'succeeded' ? progress.max : Number(job.done || 0);
  const result = $('job-result');
  const parts = [];
  if (job.error) parts.push(el('p', { class: 'error', text: job.error }));
  if (job.ann && job.ann.runs) {
    parts.push(el('div', { class: 'table-wrap' }, el('table', { class: 'ann-runs' },
      el('thead', {}, el('tr', {}, ...['ef', 'recall', 'QPS', 'p50 µs', 'p99 µs'].map((h) => el('th', { class: 'num', text: h })))),
      el('tbody', {}, ...job.ann.runs.map((r) => el('tr', {}, el('td', { class: 'num', text: String(r.ef || 0) }), el('td', { class: 'num', text: Number(r.recall || 0).toFixed(4) }),
        el('td', { class: 'num', text: Math.round(r.qps || 0).toLocaleString() }), el('td', { class: 'num', text: Number(r.p50Us || 0).toFixed(1) }), el('td', { class: 'num', text: Number(r.p99Us || 0).toFixed(1) })))))));
  }
  if (job.retrieval) parts.push(retrievalTable(job.retrieval));
  if (jobState(job.state) === 'succeeded') parts.push(jobChart(job));
  if (job.reportFiles && job.reportFiles.length) parts.push(el('p', { class: 'muted', text: 'Report files on the server:' }), el('ul', { class: 'files' }, ...job.reportFiles.map((f) => el('li', { text: f }))));
  result.replaceChildren(...parts);
}

// Follows a job live through WatchJob (GET /v1/jobs/{id}:watch: one JSON object per line, the last its final state, with its result).
function followJob(job) {
  if (state.watch) state.watch.abort();
  renderJob(job);
  if (finished(job.state)) return;
  const watch = new AbortController();
  state.watch = watch;
  (async () => {
    try {
      const response = await fetch('/v1/jobs/' + encodeURIComponent(job.id) + ':watch', { headers: headers(), signal: watch.signal });
      if (!response.ok) throw await failure(response);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let pending = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        pending += value;
        for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
          const line = pending.slice(0, end).trim();
          pending = pending.slice(end + 1);
          if (line) renderJob(JSON.parse(line));
        }
      }
      if (pending.trim()) renderJob(JSON.parse(pending));
      loadJobs();
    } catch (e) {
      if (!watch.signal.aborted) report(e);
    }
  })();
}

// A listed job (listed without its result): finished ones are read once more with it.
async function openJob(job) {
  if (!finished(job.state)) { followJob(job); return; }
  try { followJob(await api('GET', '/v1/jobs/' + encodeURIComponent(job.id))); } catch (e) { report(e); }
}

async function loadJobs() {
  const target = $('jobs');
  try {
    const { jobs = [] } = await api('GET', '/v1/jobs');
    if (jobs.length === 0) { target.replaceChildren(el('p', { class: 'muted', text: 'No jobs yet.' })); return; }
    target.replaceChildren(el('table', {},
      el('thead', {}, el('tr', {}, ...['id', 'kind', 'state', 'request', 'created'].map((h) => el('th', { text: h })))),
      el('tbody', {}, ...jobs.slice().reverse().map((j) => el('tr', { 'data-id': j.id, onclick: () => openJob(j) },
        el('td', { text: j.id }), el('td', { text: j.kind || '' }), el('td', { class: 'state state-' + jobState(j.state), text: jobState(j.state) }),
        el('td', { text: j.request || '' }), el('td', { text: (j.created || '').replace('T', ' ').slice(0, 19) }))))));
  } catch (e) { report(e, target); }
}

// --- Wiring ----------------------------------------------------------------------------------------------------

function reloadAll() {
  state.thumbs.clear();
  state.charts.clear();
  loadAccess();
  loadCollections();
  loadJobs();
}

document.addEventListener('DOMContentLoaded', () => {
  $('api-key').value = apiKey();
  $('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem('arcvdb.key', $('api-key').value.trim());
    showMessage('API key set for this tab.', 'info');
    reloadAll();
  });
  $('refresh').addEventListener('click', reloadAll);
  $('photo-input').addEventListener('change', (event) => searchPhoto(event.target.files[0]).catch((e) => report(e)));
  const drop = $('drop');
  drop.addEventListener('dragover', (event) => { event.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    searchPhoto(event.dataTransfer.files[0]).catch((e) => report(e));
  });
  $('point-close').addEventListener('click', () => { $('point-panel').hidden = true; });
  $('ann-form').addEventListener('submit', startAnn);
  $('retrieval-form').addEventListener('submit', startRetrieval);
  reloadAll();
});
