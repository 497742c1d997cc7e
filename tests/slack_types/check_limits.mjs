#!/usr/bin/env node
// Block Kit limits that TypeScript types cannot express (https://docs.slack.dev/reference/block-kit/blocks,
// docs/reference/slack.md#block-kit-limits), checked on webhook payloads given one JSON object per line. Lengths
// are characters as JavaScript counts them, UTF-16 code units: Slack counts characters, not bytes (slack-go counts
// code points, #405), and UTF-16 is never more permissive than code points (an emoji outside the BMP counts 2).
// Also enforces product rules: never `link_names` or `parse`, no empty text objects, and at most 12,000
// characters of text per block list (Slack rejects about 13,200 with msg_blocks_too_long, bolt-js #2509).
// Usage: node check_limits.mjs PAYLOADS.jsonl [MORE.jsonl ...]   (exit 0 ok, 1 violation, 2 usage)
import { readFileSync } from 'node:fs';

const LIMITS = {
  blocks: 50,
  attachments: 100,
  headerText: 150,
  text: 3000, // any text object, section text
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonUrl: 3000,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  topLevelText: 40000, // Slack truncates beyond this
  messageText: 12000, // product rule, under Slack's undocumented total
};

const chars = (s) => s.length; // UTF-16 code units

function checkPayload(payload, report) {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    report('', 'payload is not a JSON object');
    return;
  }
  for (const key of ['link_names', 'parse']) {
    if (key in payload) report(key, `must never be set (turns plain @name/#channel into live mentions)`);
  }
  const hasBlocks = Array.isArray(payload.blocks) && payload.blocks.length > 0;
  const hasAttachments = Array.isArray(payload.attachments) && payload.attachments.length > 0;
  if (payload.text !== undefined) {
    if (typeof payload.text !== 'string') report('text', 'must be a string');
    else if (chars(payload.text) > LIMITS.topLevelText) report('text', `${chars(payload.text)} characters > ${LIMITS.topLevelText}`);
  }
  if (!hasBlocks && !hasAttachments && !(typeof payload.text === 'string' && payload.text.length > 0)) {
    report('text', 'a payload without blocks or attachments needs non-empty text (no_text)');
  }
  if (payload.blocks !== undefined) checkBlocks(payload.blocks, 'blocks', report);
  if (payload.attachments !== undefined) {
    if (!Array.isArray(payload.attachments)) {
      report('attachments', 'must be an array');
    } else {
      if (payload.attachments.length > LIMITS.attachments) {
        report('attachments', `${payload.attachments.length} attachments > ${LIMITS.attachments}`);
      }
      payload.attachments.forEach((a, i) => {
        if (a && a.blocks !== undefined) checkBlocks(a.blocks, `attachments[${i}].blocks`, report);
      });
    }
  }
}

function checkBlocks(blocks, path, report) {
  if (!Array.isArray(blocks)) {
    report(path, 'must be an array');
    return;
  }
  if (blocks.length > LIMITS.blocks) report(path, `${blocks.length} blocks > ${LIMITS.blocks}`);
  const total = blocks.reduce((sum, block) => sum + blockText(block), 0);
  if (total > LIMITS.messageText) report(path, `${total} characters of text in total > ${LIMITS.messageText}`);
  const blockIds = new Set();
  blocks.forEach((block, i) => {
    const p = `${path}[${i}]`;
    if (block === null || typeof block !== 'object') {
      report(p, 'block is not an object');
      return;
    }
    if (block.block_id !== undefined) {
      const id = String(block.block_id);
      if (chars(id) > LIMITS.blockId) report(`${p}.block_id`, `${chars(id)} characters > ${LIMITS.blockId}`);
      if (blockIds.has(id)) report(`${p}.block_id`, `duplicate block_id "${id}"`);
      blockIds.add(id);
    }
    switch (block.type) {
      case 'header':
        checkText(block.text, `${p}.text`, LIMITS.headerText, report, 'plain_text');
        break;
      case 'section':
        if (block.text === undefined && block.fields === undefined) report(p, 'section needs text or fields');
        if (block.text !== undefined) checkText(block.text, `${p}.text`, LIMITS.text, report);
        if (block.fields !== undefined) {
          if (!Array.isArray(block.fields) || block.fields.length === 0) {
            report(`${p}.fields`, 'must be a non-empty array');
          } else {
            if (block.fields.length > LIMITS.fields) report(`${p}.fields`, `${block.fields.length} fields > ${LIMITS.fields}`);
            block.fields.forEach((f, j) => checkText(f, `${p}.fields[${j}]`, LIMITS.fieldText, report));
          }
        }
        if (block.accessory !== undefined) checkElement(block.accessory, `${p}.accessory`, report);
        break;
      case 'context':
        if (!Array.isArray(block.elements) || block.elements.length === 0) {
          report(`${p}.elements`, 'must be a non-empty array');
        } else {
          if (block.elements.length > LIMITS.contextElements) {
            report(`${p}.elements`, `${block.elements.length} elements > ${LIMITS.contextElements}`);
          }
          block.elements.forEach((e, j) => {
            if (e && (e.type === 'mrkdwn' || e.type === 'plain_text')) checkText(e, `${p}.elements[${j}]`, LIMITS.text, report);
          });
        }
        break;
      case 'actions':
        if (!Array.isArray(block.elements) || block.elements.length === 0) {
          report(`${p}.elements`, 'must be a non-empty array');
        } else {
          if (block.elements.length > LIMITS.actionsElements) {
            report(`${p}.elements`, `${block.elements.length} elements > ${LIMITS.actionsElements}`);
          }
          block.elements.forEach((e, j) => checkElement(e, `${p}.elements[${j}]`, report));
        }
        break;
      default:
        break; // divider and others: shapes are the type-checker's job
    }
  });
}

// Characters of every text object in a block: header/section text, fields, context elements, button labels.
function blockText(block) {
  if (block === null || typeof block !== 'object') return 0;
  const len = (t) => (t && typeof t.text === 'string' ? chars(t.text) : 0);
  let n = len(block.text);
  if (Array.isArray(block.fields)) n += block.fields.reduce((sum, f) => sum + len(f), 0);
  if (Array.isArray(block.elements)) n += block.elements.reduce((sum, e) => sum + len(e) + len(e && e.text), 0);
  return n;
}

function checkElement(element, path, report) {
  if (element === null || typeof element !== 'object') {
    report(path, 'element is not an object');
    return;
  }
  if (element.action_id !== undefined && chars(String(element.action_id)) > LIMITS.actionId) {
    report(`${path}.action_id`, `> ${LIMITS.actionId} characters`);
  }
  if (element.type !== 'button') return;
  checkText(element.text, `${path}.text`, LIMITS.buttonText, report, 'plain_text');
  if (element.url !== undefined) {
    const n = chars(String(element.url));
    if (n === 0 || n > LIMITS.buttonUrl) report(`${path}.url`, `${n} characters, must be 1..${LIMITS.buttonUrl}`);
  }
  if (element.value !== undefined && chars(String(element.value)) > LIMITS.buttonValue) {
    report(`${path}.value`, `> ${LIMITS.buttonValue} characters`);
  }
}

function checkText(obj, path, max, report, requiredType) {
  if (obj === null || typeof obj !== 'object' || typeof obj.text !== 'string') {
    report(path, 'must be a text object with a string "text"');
    return;
  }
  if (requiredType && obj.type !== requiredType) report(`${path}.type`, `must be ${requiredType}, not ${obj.type}`);
  const n = chars(obj.text);
  if (n === 0 || obj.text.trim() === '') report(`${path}.text`, 'empty text (Slack rejects it with invalid_blocks)');
  if (n > max) report(`${path}.text`, `${n} characters > ${max}`);
}

function main(files) {
  if (files.length === 0) {
    console.error('usage: node check_limits.mjs PAYLOADS.jsonl [MORE.jsonl ...]');
    return 2;
  }
  let violations = 0;
  let payloads = 0;
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '' || line.startsWith('#')) return;
      const report = (path, message) => {
        violations++;
        console.error(`${file}:${i + 1}: ${path ? path + ': ' : ''}${message}`);
      };
      payloads++;
      let payload;
      try {
        payload = JSON.parse(line);
      } catch (e) {
        report('', `invalid JSON: ${e.message}`);
        return;
      }
      checkPayload(payload, report);
    });
  }
  if (violations > 0) {
    console.error(`check_limits: ${violations} violation(s) in ${payloads} payload(s)`);
    return 1;
  }
  console.log(`check_limits: ${payloads} payload(s) within Block Kit limits`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
