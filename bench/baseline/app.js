// Vanilla baseline of the export console (bench only): same job as the app, minimal.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const q = new URLSearchParams(location.search);
  const project = q.get('project') || '';
  const volume = q.get('volume') || '';
  const NAME_CHARS = /^[\p{L}\p{N}\-._ ]+$/u;

  $('disk').textContent = volume ? 'Disk ' + volume : 'No disk given (?volume=...)';

  function nameError(name) {
    const n = [...name].length;
    if (n === 0) return 'Enter an image name.';
    if (n > 128) return 'At most 128 characters (' + n + ' now).';
    if (!NAME_CHARS.test(name)) return 'Only letters, digits, "-", ".", "_" and spaces.';
    if (name[0] === ' ' || name[name.length - 1] === ' ') return 'No space at the start or end.';
    return '';
  }

  function showNameError() {
    const err = nameError($('name').value);
    $('name-msg').textContent = err;
    $('name').setAttribute('aria-invalid', err ? 'true' : 'false');
    return err;
  }
  $('name').addEventListener('input', showNameError);

  function row(tbody, k, v) {
    const tr = document.createElement('tr');
    const th = document.createElement('th');
    const td = document.createElement('td');
    th.scope = 'row';
    th.textContent = k;
    td.textContent = v == null ? '' : String(v);
    tr.append(th, td);
    tbody.append(tr);
  }

  function errorMessage(status, text, reqId) {
    let msg = '', code = '';
    try {
      const body = JSON.parse(text);
      const key = body && typeof body === 'object' && Object.keys(body)[0];
      const inner = key && body[key];
      if (inner && typeof inner === 'object') {
        msg = inner.message != null ? String(inner.message) : key;
        code = inner.code != null ? String(inner.code) : '';
      }
    } catch (_) { /* not JSON: an HTML page or empty body */ }
    if (!msg) msg = text.trim() ? 'Unexpected response from the server' : 'Empty response from the server';
    return 'Export failed: ' + msg + ' (HTTP ' + status + (code ? ', code ' + code : '') +
      (reqId ? ', request ' + reqId : '') + ')';
  }

  $('form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const status = $('status');
    status.className = '';
    if (showNameError()) { $('name').focus(); return; }
    const token = $('token').value.trim();
    if (!token) { status.className = 'error'; status.textContent = 'Enter a token.'; $('token').focus(); return; }
    if (!project || !volume) { status.className = 'error'; status.textContent = 'The page needs ?project=...&volume=...'; return; }
    const body = { 'os-volume_upload_image': {
      image_name: $('name').value,
      force: $('force').checked,
      container_format: $('container_format').value,
      disk_format: $('disk_format').value,
      __os_type: $('os_type').value,
    } };
    $('export').disabled = true;
    status.textContent = 'Exporting…';
    try {
      const resp = await fetch('/evs/v2/' + encodeURIComponent(project) + '/volumes/' +
        encodeURIComponent(volume) + '/action', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Auth-Token': token },
        body: JSON.stringify(body),
      });
      const text = await resp.text();
      const reqId = resp.headers.get('x-request-id') || resp.headers.get('x-openstack-request-id');
      if (!resp.ok) throw new Error(errorMessage(resp.status, text, reqId));
      let r;
      try { r = JSON.parse(text)['os-volume_upload_image']; } catch (_) { r = null; }
      if (!r || typeof r !== 'object') throw new Error('Export failed: unreadable response (HTTP ' + resp.status + ')');
      const vt = r.volume_type && typeof r.volume_type === 'object' ? r.volume_type : {};
      const specs = vt.extra_specs || vt.extra_spec || {};
      const summary = $('summary'), specsBody = $('specs');
      summary.textContent = '';
      specsBody.textContent = '';
      row(summary, 'Image ID', r.image_id);
      row(summary, 'Image name', r.image_name);
      row(summary, 'Disk type', vt.name);
      for (const k of Object.keys(specs)) row(specsBody, k, specs[k]);
      $('result').hidden = false;
      status.textContent = 'Export accepted (HTTP ' + resp.status + ').';
    } catch (e) {
      $('result').hidden = true;
      status.className = 'error';
      status.textContent = e instanceof Error && e.message.startsWith('Export failed')
        ? e.message : 'Export failed: network error (' + e + ')';
    } finally {
      $('export').disabled = false;
    }
  });
})();
