// The hostile-response table behind hostile.spec.mjs. Each case is one answer a broken or
// malicious server (or a gateway in front of it) could send to one of the console's calls:
//
//   target  'export' — the POST …/volumes/{id}/action (os-volume_upload_image)
//           'list'   — GET …/volumes/detail (the disk list; Refresh)
//           'show'   — GET …/volumes/{id} (Check disk status)
//           'image'  — GET {ims}/v2/images/{id} (the progress polling after a good 202)
//   reply   { status, headers, body } given to Playwright's route.fulfill, or { abort: kind }
//   expect  'alert'  — the page must show an error (a role=alert panel) for this call
//           'result' — the export is accepted and shown (the answer was usable)
//           'list'   — the disk list is shown
//           'shown'  — the data is shown (selected disk panel / progress view)
//           'image-error' — the progress view says it is retrying (the image answer was unusable)
//   text    strings that must appear literally (as text) in the page afterwards
//   notText strings that must not appear (e.g. the token)
//
// The payloads are those a script injection would use; window.__pwned must stay undefined.

export const PAYLOADS = {
  img: '<img src=x onerror=window.__pwned=1>',
  script: '<script>window.__pwned=1</script>',
  js: 'javascript:window.__pwned=1',
  tpl: "{{constructor.constructor('window.__pwned=1')()}}",
  svg: '<svg onload=window.__pwned=1>',
};

const U = {
  rtl: 'abc\u202Egpj.exe',
  zw: 'zero\u200Bwidth\u200D\uFEFFjoin',
  combining: 'Z\u0351\u0368\u0300\u0301\u0302a\u0300\u0301\u0302\u0303\u0304lgo',
  emoji: '💾🔥👩‍👩‍👧‍👦🇨🇳',
  chinese: '数据盘-财务-镜像',
};

const LONG = 'x'.repeat(100_000);
const LONG_WORDS = 'word '.repeat(20_000);
const FIVE_MB = 'a'.repeat(5 * 1024 * 1024);

const DISK = 'a0000000-0000-4000-8000-000000000001';
const IMAGE = 'c0000000-0000-4000-8000-00000000beef';

const json = (status, value, headers = {}) => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof value === 'string' ? value : JSON.stringify(value),
});
const html = (status, body) => ({ status, headers: { 'content-type': 'text/html' }, body });
const empty = (status) => ({ status, headers: {}, body: '' });

/** A good 202 body with `over` merged into the action object. */
export function accepted(over = {}) {
  return {
    'os-volume_upload_image': {
      id: DISK,
      image_id: IMAGE,
      image_name: 'keep this name',
      status: 'uploading',
      size: 40,
      container_format: 'bare',
      disk_format: 'zvhd2',
      display_description: '',
      updated_at: '2026-11-26T23:05:30.067182',
      volume_type: {
        id: '8247b6ed-37f0-4c48-8ef1-f0027fb332bc',
        name: 'SAS',
        description: 'None',
        deleted: false,
        is_public: true,
        created_at: '2015-05-24T14:47:22.132268',
        updated_at: '2017-07-29T11:29:33.730076',
        deleted_at: null,
        extra_specs: { volume_backend_name: '<or> iaas blockstorage_SAS', 'XX:availability_zone': 'az-dc-1' },
      },
      ...over,
    },
  };
}

/** A disk as the list/show calls return it, with `over` merged. */
export function volume(over = {}) {
  return {
    id: DISK,
    name: 'data-disk-01',
    status: 'available',
    size: 40,
    bootable: 'false',
    attachments: [],
    volume_type: 'SAS',
    ...over,
  };
}

/** A good image answer. */
export function image(over = {}) {
  return { id: IMAGE, name: 'keep this name', status: 'active', size: 1024, ...over };
}

const cases = [];
const add = (target, id, reply, expect, extra = {}) => cases.push({ target, id, reply, expect, ...extra });

// ---- the export POST -------------------------------------------------------------------
// HTML pages from gateways, with each kind of status.
for (const s of [200, 202, 400, 404, 500, 502, 503]) {
  add('export', `html-${s}`, html(s, `<html><head><title>${s} Oops</title></head><body><h1>Gateway</h1>${PAYLOADS.script}${PAYLOADS.img}</body></html>`), 'alert');
}
// Empty bodies with each status.
for (const s of [200, 202, 204, 400, 401, 403, 404, 409, 413, 429, 500, 502, 503, 504]) {
  add('export', `empty-${s}`, empty(s), 'alert');
}
const good = JSON.stringify(accepted());
add('export', 'truncated-202', json(202, good.slice(0, good.length / 2)), 'alert');
add('export', 'invalid-json-nan', json(202, good.replace(/}$/, ', "debug": NaN}')), 'alert');
add('export', 'invalid-json-trailing-comma', json(202, '{"os-volume_upload_image": {"image_id": "x",}}'), 'alert');
add('export', 'invalid-json-single-quotes', json(400, "{'badRequest': {'message': 'nope'}}"), 'alert');
add('export', 'nul-bytes', json(500, '\u0000'.repeat(64)), 'alert');
// The wrong shape at every level.
add('export', 'top-array', json(202, [accepted()]), 'alert');
add('export', 'top-string', json(202, '"os-volume_upload_image"'), 'alert');
add('export', 'top-number', json(202, '42'), 'alert');
add('export', 'top-null', json(202, 'null'), 'alert');
add('export', 'action-array', json(202, { 'os-volume_upload_image': [] }), 'alert');
add('export', 'action-null', json(202, { 'os-volume_upload_image': null }), 'alert');
add('export', 'image-id-missing', json(202, accepted({ image_id: undefined })), 'alert');
add('export', 'image-id-null', json(202, accepted({ image_id: null })), 'alert');
add('export', 'image-id-object', json(202, accepted({ image_id: { id: 'x' } })), 'alert');
add('export', 'image-id-number', json(202, accepted({ image_id: 12345 })), 'result', { text: ['12345'] });
add('export', 'wrong-types-everywhere', json(202, accepted({
  status: 7, size: '40', display_description: 5, updated_at: 20180111, image_name: true,
  disk_format: [], container_format: {}, volume_type: { name: 9, description: 7, is_public: 'yes', extra_specs: [] },
})), 'result', { text: ['40 GB'] });
add('export', 'size-negative', json(202, accepted({ size: -5 })), 'result');
add('export', 'size-huge', json(202, accepted({ size: 1e300 })), 'result');
add('export', 'size-string-garbage', json(202, accepted({ size: 'forty' })), 'result');
add('export', 'volume-type-number', json(202, accepted({ volume_type: 42 })), 'result');
add('export', 'volume-type-array', json(202, accepted({ volume_type: ['SAS'] })), 'result');
add('export', 'extra-specs-array', json(202, accepted({ volume_type: { name: 'SAS', extra_specs: ['a', 'b'] } })), 'result', { text: ['SAS'] });
add('export', 'extra-specs-nested', json(202, accepted({ volume_type: { name: 'SAS', extra_specs: { deep: { a: [1, { b: PAYLOADS.img }] }, nil: null } } })), 'result', { text: ['deep'] });
add('export', 'nulls-everywhere', json(202, accepted({
  id: null, image_name: null, status: null, size: null, container_format: null, disk_format: null,
  display_description: null, updated_at: null, volume_type: null,
})), 'result');
add('export', 'nulls-in-type', json(202, accepted({
  volume_type: { id: null, name: null, description: null, is_public: null, created_at: null, updated_at: null, extra_specs: null },
})), 'result');
// Error envelopes nobody documented.
add('export', 'unknown-envelope', json(400, { weirdError: { message: PAYLOADS.img, code: { a: 1 } } }), 'alert', { text: [PAYLOADS.img] });
add('export', 'error-string', json(500, { error: `${PAYLOADS.script} plain` }), 'alert');
add('export', 'error-null', json(500, { error: null }), 'alert');
add('export', 'error-message-number', json(400, { badRequest: { message: 5, code: null } }), 'alert');
add('export', 'apigw-envelope', json(401, { error_msg: PAYLOADS.svg, error_code: PAYLOADS.tpl, request_id: 'req-x' }), 'alert', { text: [PAYLOADS.svg] });
add('export', 'nested-envelope', json(503, { error: { error: { error: { message: 'deep' } } } }), 'alert');
add('export', 'error-in-202', json(202, { badRequest: { message: `accepted? ${PAYLOADS.img}`, code: 'EVS.2002' } }), 'alert', { text: ['EVS.2002'] });
add('export', 'array-of-errors', json(400, [{ message: 'one' }, { message: 'two' }]), 'alert');
// Large bodies.
add('export', 'five-mb-text-500', { status: 500, headers: { 'content-type': 'text/plain' }, body: FIVE_MB }, 'alert');
add('export', 'five-mb-json-message', json(400, { badRequest: { message: FIVE_MB, code: 'EVS.0002' } }), 'alert', { text: ['EVS.0002'] });
add('export', 'five-mb-202-description', json(202, accepted({ display_description: FIVE_MB })), 'result');
// Very long strings.
add('export', 'long-image-name', json(202, accepted({ image_name: LONG })), 'result', { text: [LONG.slice(0, 200)] });
add('export', 'long-image-id', json(202, accepted({ image_id: LONG })), 'result', { text: [LONG.slice(0, 200)] });
add('export', 'long-words-type', json(202, accepted({ volume_type: { name: LONG, description: LONG_WORDS, extra_specs: { [LONG]: LONG } } })), 'result');
add('export', 'long-error-message', json(400, { badRequest: { message: LONG, code: LONG } }), 'alert');
add('export', 'long-request-id', json(500, { error: { message: 'x' } }, { 'x-request-id': `req-${'r'.repeat(10_000)}` }), 'alert', { text: ['req-rrrr'] });
// Unicode.
for (const [k, s] of Object.entries(U)) {
  add('export', `unicode-${k}-202`, json(202, accepted({
    image_name: s, display_description: s, status: s,
    volume_type: { name: s, description: s, extra_specs: { [s]: s } },
  })), 'result', { text: [s] });
}
add('export', 'unicode-error', json(400, { badRequest: { message: `${U.rtl} ${U.chinese} ${U.emoji}`, code: U.combining } }), 'alert', { text: [U.chinese] });
// Markup and script payloads in every field the result and the error panel render.
for (const [k, p] of Object.entries(PAYLOADS)) {
  add('export', `payload-${k}-202`, json(202, accepted({
    image_name: p, image_id: p, status: p, disk_format: p, container_format: p, display_description: p,
    updated_at: p,
    volume_type: { id: p, name: p, description: p, created_at: p, updated_at: p, extra_specs: { [p]: p, plain: p } },
  })), 'result', { text: [p] });
  add('export', `payload-${k}-error`, json(400, { badRequest: { message: p, code: p } }, {
    'x-request-id': /^[\x20-\x7e]*$/.test(p) ? p : 'req-1',
  }), 'alert', { text: [p] });
}
// No answer at all.
for (const kind of ['connectionreset', 'connectionrefused', 'timedout', 'failed']) {
  add('export', `abort-${kind}`, { abort: kind }, 'alert', { text: ['Cannot reach'] });
}

// ---- the disk list ---------------------------------------------------------------------
add('list', 'list-html-200', html(200, `<html><body>${PAYLOADS.img}</body></html>`), 'alert');
add('list', 'list-empty-200', empty(200), 'alert');
add('list', 'list-empty-500', empty(500), 'alert');
add('list', 'list-volumes-object', json(200, { volumes: { id: DISK } }), 'alert');
add('list', 'list-volumes-string', json(200, { volumes: 'data-disk-01' }), 'alert');
add('list', 'list-volumes-null', json(200, { volumes: null }), 'alert');
add('list', 'list-top-array', json(200, [volume()]), 'alert');
add('list', 'list-truncated', json(200, JSON.stringify({ volumes: [volume(), volume()] }).slice(0, 60)), 'alert');
add('list', 'list-no-id', json(200, { volumes: [volume({ id: undefined, name: 'orphan' }), volume({ id: 'v-ok', name: 'kept' })] }), 'list', { text: ['kept'] });
add('list', 'list-wrong-types', json(200, { volumes: [volume({
  id: 'v-types', name: 12, status: 3, size: '-7', bootable: 1, attachments: 'none', volume_image_metadata: [],
  volume_type: 5, multiattach: 'maybe',
})] }), 'list', { text: ['v-types'] });
add('list', 'list-size-huge', json(200, { volumes: [volume({ id: 'v-huge', name: 'huge', size: 1e300 }), volume({ id: 'v-neg', name: 'neg', size: -1 })] }), 'list');
add('list', 'list-nulls', json(200, { volumes: [volume({
  id: 'v-null', name: null, size: null, bootable: null, attachments: null,
  volume_image_metadata: null, volume_type: null, description: null, multiattach: null,
}), volume({ id: 'v-no-status', status: null }), null, 7], volumes_links: null }), 'list', {
  text: ['v-null', '3 unreadable entries skipped'],
});
add('list', 'list-attachments-hostile', json(200, { volumes: [volume({
  id: 'v-att', name: 'attached', status: 'in-use',
  attachments: [{ server_id: PAYLOADS.img, device: PAYLOADS.script }, { server_id: PAYLOADS.svg }, { device: PAYLOADS.js }, null, 5, []],
})] }), 'list', { text: [PAYLOADS.img, PAYLOADS.script, PAYLOADS.svg] });
for (const [k, p] of Object.entries(PAYLOADS)) {
  add('list', `list-payload-${k}`, json(200, {
    volumes: [volume({ id: p, name: p, status: p, description: p, volume_type: p, attachments: [{ server_id: p, device: p }] })],
    volumes_links: [{ rel: 'next', href: PAYLOADS.js }],
  }), 'list', { text: [p], pick: p });
}
// evs-model cuts shown texts to 2,000 characters (ids stay whole): the name is listed cut.
add('list', 'list-long', json(200, { volumes: [volume({ id: LONG, name: LONG, attachments: [{ server_id: LONG, device: LONG }] })] }), 'list', {
  pick: `${LONG.slice(0, 2000)}…`, text: [LONG.slice(0, 5000)],
});
add('list', 'list-unicode', json(200, { volumes: Object.entries(U).map(([k, s]) => volume({ id: `v-${k}`, name: s })) }), 'list', { text: Object.values(U), pick: U.rtl });
add('list', 'list-five-mb', json(200, { volumes: [volume({ id: 'v-big', name: 'big', description: FIVE_MB })] }), 'list', { text: ['big'] });
add('list', 'list-abort', { abort: 'connectionreset' }, 'alert');

// ---- one disk (Check disk status) ------------------------------------------------------
add('show', 'show-html-200', html(200, `<p>${PAYLOADS.svg}</p>`), 'alert');
add('show', 'show-empty-502', empty(502), 'alert');
add('show', 'show-volume-array', json(200, { volume: [] }), 'alert');
add('show', 'show-no-id', json(200, { volume: volume({ id: undefined }) }), 'alert');
add('show', 'show-payload', json(200, { volume: volume({ name: PAYLOADS.svg, status: PAYLOADS.script, volume_image_metadata: [PAYLOADS.img] }) }), 'shown', { text: [PAYLOADS.svg, PAYLOADS.script] });
add('show', 'show-error-payload', json(404, { itemNotFound: { message: PAYLOADS.img, code: PAYLOADS.tpl } }), 'alert', { text: [PAYLOADS.img] });

// ---- the image (progress polling) ------------------------------------------------------
add('image', 'image-status-missing', json(200, image({ status: undefined })), 'image-error');
add('image', 'image-status-number', json(200, image({ status: 3 })), 'shown', { text: ['3'] });
add('image', 'image-status-null', json(200, image({ status: null })), 'image-error');
add('image', 'image-html-200', html(200, `<html>${PAYLOADS.script}</html>`), 'image-error');
add('image', 'image-invalid-json', json(200, '{"id": "x", "status": "active",'), 'image-error');
add('image', 'image-array', json(200, [image()]), 'image-error');
add('image', 'image-payload-status', json(200, image({ status: PAYLOADS.img, name: PAYLOADS.script, size: 'big' })), 'shown', { text: [PAYLOADS.img] });
add('image', 'image-tpl-status', json(200, image({ status: PAYLOADS.tpl, name: PAYLOADS.svg })), 'shown', { text: [PAYLOADS.tpl] });
add('image', 'image-long-status', json(200, image({ status: LONG, name: LONG })), 'shown');
add('image', 'image-unicode-status', json(200, image({ status: U.rtl, name: U.emoji })), 'shown', { text: [U.rtl] });
add('image', 'image-error-payload', json(500, { message: PAYLOADS.svg, code: '500 <b>x</b>', title: PAYLOADS.img }), 'image-error');
add('image', 'image-five-mb', json(200, image({ name: FIVE_MB, status: 'saving' })), 'shown', { text: ['saving'] });
add('image', 'image-abort', { abort: 'connectionreset' }, 'image-error');

export const CASES = cases;
export { DISK, IMAGE };
