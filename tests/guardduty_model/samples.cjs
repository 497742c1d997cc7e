// Findings built from the model: an EventBridge "GuardDuty Finding" event with chosen members set, for the
// behaviour check (one member at a time, check_model.cjs) and the limits check (every list at its maximum with
// hostile strings, generate_hostile.cjs).
'use strict';

// service.action.<member> is read only when actionType names it (API Action).
const ACTION_TYPES = {
  awsApiCallAction: 'AWS_API_CALL',
  dnsRequestAction: 'DNS_REQUEST',
  networkConnectionAction: 'NETWORK_CONNECTION',
  portProbeAction: 'PORT_PROBE',
  kubernetesApiCallAction: 'KUBERNETES_API_CALL',
  rdsLoginAttemptAction: 'RDS_LOGIN_ATTEMPT',
  kubernetesPermissionCheckedDetails: 'KUBERNETES_PERMISSION_CHECKED',
  kubernetesRoleBindingDetails: 'KUBERNETES_ROLE_BINDING',
  kubernetesRoleDetails: 'KUBERNETES_ROLE',
};

function baseDetail() {
  return {
    schemaVersion: '2.0',
    accountId: '111122223333',
    region: 'us-east-1',
    partition: 'aws',
    id: '0123456789abcdef0123456789abcdef',
    arn: 'arn:aws:guardduty:us-east-1:111122223333:detector/d/finding/0123456789abcdef0123456789abcdef',
    type: 'Recon:EC2/ModelCheck',
    severity: 5,
    title: 'model check',
    resource: { resourceType: 'Instance' },
    service: { serviceName: 'guardduty' },
  };
}

function envelope(detail) {
  return {
    version: '0',
    id: 'model-check',
    'detail-type': 'GuardDuty Finding',
    source: 'aws.guardduty',
    account: '111122223333',
    time: '2026-05-20T10:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail,
  };
}

// "a.b[].c{}" -> [{key:'a'}, {key:'b', list:true}, {key:'c', map:true}]
function steps(path) {
  return path.split('.').map((part) => {
    const m = /^([^[{]*)((?:\[\]|\{\})*)$/.exec(part);
    return { key: m[1], suffix: m[2].match(/\[\]|\{\}/g) || [] };
  });
}

// Sets `path` to `value` in `obj`, creating objects, one-element lists and one-key maps on the way ("k" as map key).
function setPath(obj, path, value) {
  const parts = steps(path);
  let cur = obj;
  parts.forEach((step, i) => {
    const last = i === parts.length - 1;
    const containers = step.suffix;
    let holder = cur;
    let key = step.key;
    for (const c of containers) {
      if (holder[key] === undefined) holder[key] = c === '[]' ? [] : {};
      const next = holder[key];
      if (c === '[]') {
        if (next.length === 0) next.push(undefined);
        holder = next;
        key = 0;
      } else {
        holder = next;
        key = 'k';
      }
    }
    if (last) {
      holder[key] = value;
    } else {
      if (holder[key] === undefined || typeof holder[key] !== 'object') holder[key] = {};
      cur = holder[key];
    }
  });
}

// What a member needs around it to be read at all: its action's actionType, an attack sequence's uid, a tag's key.
function addContext(detail, path) {
  const m = /^service\.action\.([A-Za-z]+)\./.exec(path);
  if (m && ACTION_TYPES[m[1]] && path !== 'service.action.actionType') {
    setPath(detail, 'service.action.actionType', ACTION_TYPES[m[1]]);
  }
  if (path.startsWith('service.detection.sequence.') && path !== 'service.detection.sequence.uid') {
    setPath(detail, 'service.detection.sequence.uid', 'model-check-sequence');
  }
  // A sequence's actor, endpoint, resource, signal or API call without its identifier is not listed at all.
  const seq = 'service.detection.sequence.';
  // The most specific prefix wins: an API call needs its operation, not its signal's name.
  const ids = [
    [seq + 'signals[].activities[].', 'api.operation'],
    [seq + 'actors[].', 'id'], [seq + 'endpoints[].', 'id'], [seq + 'resources[].', 'uid'], [seq + 'signals[].', 'name'],
  ];
  const match = ids.find(([prefix]) => path.startsWith(prefix));
  if (match && path !== match[0] + match[1]) setPath(detail, match[0] + match[1], 'model-check-id');
  // An indicator shows its values under its key's label (the title is the label of a key we have none for).
  if (path === seq + 'sequenceIndicators[].key') setPath(detail, seq + 'sequenceIndicators[].values[]', 'model-check-value');
  if (path === seq + 'sequenceIndicators[].title') {
    setPath(detail, seq + 'sequenceIndicators[].key', 'MODEL_CHECK_KEY');
    setPath(detail, seq + 'sequenceIndicators[].values[]', 'model-check-value');
  }
  if (path === seq + 'sequenceIndicators[].values[]') setPath(detail, seq + 'sequenceIndicators[].key', 'TOR_IP');
  // A signal's last sighting is shown after its first.
  if (/^service\.detection\.sequence\.signals\[\]\.(lastSeenAt|updatedAt)$/.test(path)) {
    setPath(detail, seq + 'signals[].firstSeenAt', '2026-05-20T10:00:00Z');
  }
  // Only the Name tag is read (as the instance's name).
  if (/\.tags\[\]\.value$/.test(path)) setPath(detail, path.replace(/value$/, 'key'), 'Name');
}

module.exports = { ACTION_TYPES, baseDetail, envelope, setPath, steps, addContext };
