#!/usr/bin/env node
// Findings generated from the model for the limits check (check_hostile.sh): every member set, every string hostile
// (Slack control characters, mentions, 5,500 UTF-16 units long, right-to-left and astral unicode), and, one finding per list, that
// list at its API maximum while every other list holds one item. Prints one EventBridge event per line.
// Maxima: the GuardDuty API reference where it gives one (API_Sequence, API_Signal, API_Indicator: 100 signals,
// 100 indicators, 400 actors, endpoints, resources and values); 400 where it gives none. Backup findings name at most
// 32 threats (User Guide, "Malware Protection for Backup finding types"); 400 is used there too, which is more.
'use strict';
const { walk, loadFinding } = require('./model.cjs');
const { baseDetail, envelope, setPath, addContext } = require('./samples.cjs');

const MAXIMA = {
  'service.detection.sequence.signals': 100,
  'service.detection.sequence.sequenceIndicators': 100,
  'service.detection.sequence.signals[].signalIndicators': 100,
};
const DEFAULT_MAX = 400;

const HOSTILE = [
  '<!channel> *bold* _it_ ~strike~ `code` ```block``` > quote & <https://evil.example|click> <@U123> <#C1>',
  '@here @everyone &amp; &lt; &gt; \u202Eevil\u202C \u200Bzero\u2060width\uFEFF',
  '\u6f22\u5b57\u30c6\u30b9\u30c8 \ud83d\udea8\ud83d\udd25 e\u0301\u0301\u0301 \u0645\u0631\u062d\u0628\u0627',
  'line1\nline2\r\n\tline3\u2028line4 `a``b` ``',
];
// Longer than any Slack text limit; every 7th member gets it (about 85 per finding), the others a short hostile string.
const VERY_LONG = '\ud83d\udea8<!channel>'.repeat(500);
const LONG_EVERY = 7;

let n = 0;
function hostile() {
  n++;
  return (n % LONG_EVERY === 0 ? VERY_LONG : HOSTILE[n % HOSTILE.length]) + ` #${n}`;
}
// List items beyond the first: hostile but short (the long strings of the first item are enough to test the cuts,
// and 400 copies of them per list would only make the file large and the test slow).
const SHORT = ['<!channel>*_`~>', '&amp;<@U1>@here', '\u202E\u200B\ud83d\udea8\u6f22', '`a``b`\r\n\t'];
function shortHostile() {
  n++;
  return SHORT[n % SHORT.length] + n;
}

function valueFor(leaf) {
  switch (leaf.kind) {
    case 'number': return 1e15 + n++;
    case 'boolean': return true;
    case 'timestamp': return '2026-05-20T10:00:00.000Z';
    default: return hostile();
  }
}

// Every leaf set (a list gets its items through setPath), each list then grown to `count(path)` items.
function build(leaves, lists, count) {
  const detail = baseDetail();
  for (const leaf of leaves) {
    addContext(detail, leaf.path);
    setPath(detail, leaf.path, valueFor(leaf));
  }
  detail.type = 'Recon:EC2/Hostile' + hostile().slice(0, 50);
  // Grow lists, outermost first; copies of the first item with fresh hostile strings.
  const grow = (obj, path) => {
    for (const list of lists) {
      const target = count(list.path);
      const arr = get(obj, list.path);
      if (!Array.isArray(arr) || arr.length === 0) continue;
      while (arr.length < target) arr.push(refresh(JSON.parse(JSON.stringify(arr[0]))));
    }
  };
  grow(detail);
  return detail;
}

function refresh(v) {
  if (typeof v === 'string') return shortHostile();
  if (Array.isArray(v)) return v.map(refresh);
  if (v && typeof v === 'object') {
    for (const k of Object.keys(v)) v[k] = refresh(v[k]);
  }
  return v;
}

// The value at a model path, following the first element of each list ("a.b[].c" -> a.b[0].c).
function get(obj, path) {
  let cur = obj;
  for (const part of path.split('.')) {
    const m = /^([^[{]*)((?:\[\]|\{\})*)$/.exec(part);
    cur = cur && cur[m[1]];
    for (const c of m[2].match(/\[\]|\{\}/g) || []) {
      if (cur === undefined || cur === null) return undefined;
      cur = c === '[]' ? cur[0] : cur.k;
    }
    if (cur === undefined || cur === null) return undefined;
  }
  return cur;
}

const model = loadFinding(process.argv[2]);
const all = walk(model.Finding$);
const leaves = all.filter((m) => !['structure', 'list', 'map'].includes(m.kind) && m.kind !== 'document');
// Lists whose path holds no other list: growing nested lists multiplies, so each list gets its own finding.
const lists = all.filter((m) => m.kind === 'list');
const out = [];
out.push(build(leaves, lists, () => 2));
for (const list of lists) {
  out.push(build(leaves, lists, (p) => (p === list.path ? MAXIMA[p] || DEFAULT_MAX : 1)));
}
for (const d of out) process.stdout.write(JSON.stringify(envelope(d)) + '\n');
console.error(`generate_hostile: ${out.length} findings (${lists.length} lists at their maximum)`);
