#!/usr/bin/env node
// The model check (README "Testing"): every member reachable from Finding in AWS's GuardDuty API model (the pinned
// @aws-sdk/client-guardduty, model.cjs) is listed in src/finding/finding_members.inc as shown or as deliberately not
// shown with a reason, and the list tells the truth: with --bin, each listed member is put alone into a finding
// (samples.cjs), rendered by the real CLI, and must appear in the message (outside the safety net's "Other fields")
// when listed as shown, and nowhere when listed as not shown.
// Usage: check_model.cjs [--model MODULE.js] [--members FILE] [--bin GUARDDUTY_SLACK]
// Exit: 0 ok, 1 a member is missing or its disposition is false, 2 usage/setup.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { walk, loadFinding } = require('./model.cjs');
const { readMembers, entryFor } = require('./members.cjs');
const { baseDetail, envelope, setPath, addContext } = require('./samples.cjs');

const LEAF = new Set(['string', 'number', 'boolean', 'timestamp', 'document', 'blob']);
const root = path.resolve(__dirname, '../..');

function args() {
  const out = { model: null, members: path.join(root, 'src/finding/finding_members.inc'), bin: null };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in out) || argv[i + 1] === undefined) {
      console.error('usage: check_model.cjs [--model MODULE.js] [--members FILE] [--bin GUARDDUTY_SLACK]');
      process.exit(2);
    }
    out[key] = path.resolve(argv[i + 1]);
  }
  return out;
}

// Coverage: every model leaf has a disposition; every listed path exists in the model.
function coverage(leaves, entries) {
  const errors = [];
  for (const leaf of leaves) {
    if (!entryFor(entries, leaf.path)) {
      errors.push(`model member ${leaf.path} (${leaf.kind}) is neither shown nor listed as not shown: decide, then ` +
                  'list it in src/finding/finding_members.inc');
    }
  }
  const paths = leaves.map((l) => l.path);
  for (const e of entries) {
    const inModel = e.subtree ? paths.some((p) => p === e.path || entryFor([e], p) === e) : paths.includes(e.path);
    if (!inModel && !e.disposition.includes('(not in the API model')) {
      errors.push(`src/finding/finding_members.inc:${e.line}: ${e.path} is not a member of the model any more`);
    }
  }
  return errors;
}

// A distinct value per member: a marker string, or a number/time that shows up as itself. Marker strings are
// digits, so members read as numbers (an ASN "64500") accept them too; none of them occurs in a message otherwise.
function valueFor(leaf, i) {
  const marker = `8675309${String(i).padStart(4, '0')}`;
  switch (leaf.kind) {
    case 'string': return { value: marker, marker };
    case 'number': return { value: 70000 + i, marker: null };
    case 'boolean': return { value: true, marker: null };
    case 'timestamp': {
      const epoch = 1900000000 + i * 61;
      return { value: new Date(epoch * 1000).toISOString(), marker: null };
    }
    default: return { value: marker, marker };
  }
}

// Everything Slack would show, minus the safety net's section.
function shownText(payload) {
  const texts = [payload.text || ''];
  for (const a of payload.attachments || []) {
    for (const b of a.blocks || []) {
      const t = JSON.stringify(b);
      if (b.text && typeof b.text.text === 'string' && b.text.text.startsWith('*Other fields*')) continue;
      texts.push(t);
    }
  }
  return texts.join('\n');
}

function render(bin, events) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdmodel-'));
  try {
    const file = path.join(dir, 'events.jsonl');
    fs.writeFileSync(file, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    const out = execFileSync(bin, ['render', file], { maxBuffer: 1 << 30, encoding: 'utf8' });
    return out.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Behaviour: each exactly-listed member alone in a finding, rendered, against its context without it.
function behaviour(bin, leaves, entries) {
  const cases = [];
  leaves.forEach((leaf, i) => {
    const entry = entryFor(entries, leaf.path);
    if (!entry || entry.subtree || leaf.kind === 'document') return;
    const { value, marker } = valueFor(leaf, i);
    const withMember = baseDetail();
    addContext(withMember, leaf.path);
    const without = JSON.parse(JSON.stringify(withMember));
    setPath(withMember, leaf.path, value);
    cases.push({ leaf, entry, marker, events: [envelope(withMember), envelope(without)] });
  });
  const payloads = render(bin, cases.flatMap((c) => c.events));
  if (payloads.length !== cases.length * 2) {
    return [`render gave ${payloads.length} payloads for ${cases.length * 2} events`];
  }
  const errors = [];
  let shown = 0;
  cases.forEach((c, k) => {
    const got = shownText(payloads[2 * k]);
    const base = shownText(payloads[2 * k + 1]);
    const visible = c.marker ? got.includes(c.marker) : got !== base;
    const anywhere = c.marker ? JSON.stringify(payloads[2 * k]).includes(c.marker) : visible;
    if (c.entry.shown && !visible) {
      errors.push(`${c.leaf.path}: listed as shown (finding_members.inc:${c.entry.line}) but a finding with it ` +
                  'renders without it');
    }
    if (!c.entry.shown && anywhere) {
      errors.push(`${c.leaf.path}: listed as not shown (finding_members.inc:${c.entry.line}) but the message shows it`);
    }
    if (visible) shown++;
  });
  console.log(`behaviour: ${cases.length} members rendered one at a time, ${shown} shown`);
  return errors;
}

function main() {
  const opts = args();
  let model;
  try {
    model = loadFinding(opts.model);
  } catch (e) {
    console.error(`check_model: cannot load the model: ${e.message}`);
    process.exit(2);
  }
  const leaves = walk(model.Finding$).filter((m) => LEAF.has(m.kind));
  const { entries, errors } = readMembers(opts.members);
  errors.push(...coverage(leaves, entries));
  const version = (() => {
    try { return require('@aws-sdk/client-guardduty/package.json').version; } catch (e) { return '?'; }
  })();
  console.log(`model: @aws-sdk/client-guardduty ${version}${opts.model ? ` (${opts.model})` : ''}: ` +
              `${leaves.length} members reachable from Finding; ${entries.length} listed, ` +
              `${entries.filter((e) => e.shown).length} as shown`);
  if (opts.bin && errors.length === 0) errors.push(...behaviour(opts.bin, leaves, entries));
  for (const e of errors) console.error(`FAIL: ${e}`);
  if (errors.length === 0) console.log('ok: every member of the model is shown or deliberately not shown');
  process.exit(errors.length === 0 ? 0 : 1);
}

main();
