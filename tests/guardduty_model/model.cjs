// Reads AWS's GuardDuty API model as the AWS SDK for JavaScript v3 ships it (@aws-sdk/client-guardduty, pinned in
// package-lock.json): Smithy schema arrays, one per shape, exported from the client's bundle
// (dist-cjs/index.js, generated from dist-*/schemas/schemas_0.js). Walks every member reachable from the Finding
// structure and gives each one a path as it appears in an EventBridge "GuardDuty Finding" event's detail:
// JSON names joined by ".", "[]" for a list element, "{}" for a map value (e.g.
// "service.detection.sequence.signals[].name").
//
// Schema arrays (Smithy's schema-serde encoding, @smithy/core/schema):
//   [0, namespace, name, traits, target]                     a simple shape with traits
//   [1, namespace, name, traits, member]                     a list
//   [2, namespace, name, traits, key, value]                 a map
//   [3, namespace, name, traits, memberNames, memberSchemas] a structure
//   [4, namespace, name, traits, memberNames, memberSchemas] a union
// A member schema is a number (0 string, 1 number, 2 boolean, 4-7 timestamp, 15 document, 21 blob; |64 a list of
// it, |128 a map of it), a thunk returning a schema, a schema array, or [schema, {jsonName}].
'use strict';

const LIST = 64;
const MAP = 128;

function kindOfNumber(n) {
  switch (n) {
    case 0: return 'string';
    case 1: return 'number';
    case 2: return 'boolean';
    case 4: case 5: case 6: case 7: return 'timestamp';
    case 15: return 'document';
    case 21: case 42: return 'blob';
    default: return 'number';
  }
}

// Resolves a member schema to {schema, jsonName}.
function unwrapMember(m) {
  let traits = null;
  if (Array.isArray(m) && m.length === 2 && (typeof m[1] === 'object' || typeof m[1] === 'number')) {
    // [schema, traits]: traits is an object (jsonName under key "jsonName") or a bit field number
    traits = typeof m[1] === 'object' ? m[1] : null;
    m = m[0];
  }
  if (typeof m === 'function') m = m();
  return { schema: m, jsonName: traits && traits.jsonName };
}

function lowerFirst(s) { return s.charAt(0).toLowerCase() + s.slice(1); }

// Every member path reachable from `root` (a structure schema), in model order, with its kind:
// {path, kind: string|number|boolean|timestamp|document|blob|structure|list|map, shape}.
function walk(root) {
  const out = [];
  const visit = (schema, path, stack, shapeName) => {
    if (typeof schema === 'function') schema = schema();
    if (typeof schema === 'number') {
      if (schema & LIST) {
        out.push({ path, kind: 'list', shape: shapeName });
        visit(schema & ~LIST, path + '[]', stack, '');
        return;
      }
      if (schema & MAP) {
        out.push({ path, kind: 'map', shape: shapeName });
        visit(schema & ~MAP, path + '{}', stack, '');
        return;
      }
      if (path !== '' && !path.endsWith('[]') && !path.endsWith('{}')) out.push({ path, kind: kindOfNumber(schema), shape: shapeName });
      else if (path.endsWith('[]') || path.endsWith('{}')) out.push({ path, kind: kindOfNumber(schema), shape: shapeName });
      return;
    }
    if (!Array.isArray(schema)) throw new Error(`unexpected schema at ${path}: ${JSON.stringify(schema)}`);
    const [tag, , name] = schema;
    switch (tag) {
      case 0: visit(schema[4], path, stack, name); return;
      case 1: {
        out.push({ path, kind: 'list', shape: name });
        visit(unwrapMember(schema[4]).schema, path + '[]', stack, '');
        return;
      }
      case 2: {
        out.push({ path, kind: 'map', shape: name });
        visit(unwrapMember(schema[5]).schema, path + '{}', stack, '');
        return;
      }
      case 3: case 4: {
        if (path !== '') out.push({ path, kind: 'structure', shape: name });
        if (stack.includes(name)) return;  // recursive shape: its members are listed where it first appears
        const names = schema[4];
        const members = schema[5];
        names.forEach((memberName, i) => {
          const { schema: s, jsonName } = unwrapMember(members[i]);
          const key = jsonName || lowerFirst(memberName);
          visit(s, path === '' ? key : path + '.' + key, stack.concat([name]), '');
        });
        return;
      }
      default: throw new Error(`unknown schema tag ${tag} at ${path}`);
    }
  };
  visit(root, '', [], '');
  return out;
}

// The Finding structure of the client package found from `dir` (default: this directory's node_modules), or
// of the module file given (a patched copy, for the self-test).
function loadFinding(moduleFile) {
  const m = require(moduleFile || '@aws-sdk/client-guardduty');
  if (!Array.isArray(m.Finding$)) throw new Error(`${moduleFile || '@aws-sdk/client-guardduty'}: no Finding$ schema`);
  return m;
}

module.exports = { walk, loadFinding };
