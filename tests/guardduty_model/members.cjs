// The reviewed list of Finding members (src/finding/finding_members.inc): GD_MEMBER("path", "disposition") lines,
// disposition "shown" or "not shown: <reason>"; a path ending ".**" covers that member and everything below it.
'use strict';
const fs = require('fs');

const LINE = /^GD_MEMBER\("([^"]+)", "([^"]*)"\)\s*$/;

function readMembers(file) {
  const entries = [];
  const errors = [];
  fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('//')) return;
    const m = LINE.exec(line);
    if (!m) {
      errors.push(`${file}:${i + 1}: not a GD_MEMBER("path", "disposition") line`);
      return;
    }
    const [, raw, disposition] = m;
    const subtree = raw.endsWith('.**');
    const path = subtree ? raw.slice(0, -3) : raw;
    const shown = disposition === 'shown' || disposition.startsWith('shown (not in the API model');
    if (!shown && !/^not shown: \S/.test(disposition)) {
      errors.push(`${file}:${i + 1}: ${raw}: disposition must be "shown" or "not shown: <reason>"`);
    }
    if (subtree && shown) errors.push(`${file}:${i + 1}: ${raw}: a subtree can only be "not shown"`);
    entries.push({ path, subtree, shown, disposition, line: i + 1 });
  });
  const seen = new Set();
  for (const e of entries) {
    if (seen.has(e.path)) errors.push(`${file}:${e.line}: ${e.path} is listed twice`);
    seen.add(e.path);
  }
  return { entries, errors };
}

// The entry deciding `path`: its own, or a subtree entry above it.
function entryFor(entries, path) {
  let best = null;
  for (const e of entries) {
    if (e.path === path) return e;
    if (e.subtree && (path.startsWith(e.path + '.') || path.startsWith(e.path + '[') || path.startsWith(e.path + '{'))) {
      best = e;
    }
  }
  return best;
}

module.exports = { readMembers, entryFor };
