// The example portal: mounts one console through <evs-export-image> and one through mount(),
// gives both its token provider, switches the volume of one (update), unmounts it, and logs
// every event the consoles send.
import { defineEvsExportImage, mount } from '../evs-export-image.js';

const PROJECT = '0f4e5d6c7b8a49e3a2b1c0d9e8f7a6b5'; // the simulator's project
const GOOD_TOKEN = 'sim-token'; // the simulator's token; a real portal asks its session
const LINUX_BOOT = 'a0000000-0000-4000-8000-000000000004';
const FINANCE_DISK = 'a0000000-0000-4000-8000-000000000008';

const query = new URLSearchParams(location.search);
const $ = (id) => document.getElementById(id);

// The portal's session: a token that can expire. `?stale=1` starts with an expired one.
let expired = query.has('stale');
let calls = 0;
async function tokenProvider() {
  calls += 1;
  $('provider-calls').value = String(calls);
  await new Promise((r) => setTimeout(r, 5)); // like a refresh round trip
  if (expired) {
    expired = false; // the next call gets a fresh token
    return 'expired-token';
  }
  return GOOD_TOKEN;
}
$('expire').addEventListener('click', () => { expired = true; });

function log(event) {
  const li = document.createElement('li');
  li.textContent = `${event.target.id}: ${event.type} ${JSON.stringify(event.detail)}`;
  $('events').append(li);
}
for (const name of ['evs-export-submitted', 'evs-image-active', 'evs-export-failed', 'evs-export-cancelled', 'evs-batch-finished', 'evs-config-error']) {
  document.addEventListener(name, log);
}

let handle = null;
const optionsB = { projectId: PROJECT, evsBaseUrl: '/evs', imsBaseUrl: '/ims', volumeId: LINUX_BOOT, hidePicker: true, tokenProvider };

function mountAll() {
  defineEvsExportImage();
  defineEvsExportImage(); // idempotent
  if (!$('export-a')) {
    const a = document.createElement('evs-export-image');
    a.id = 'export-a';
    a.setAttribute('project-id', PROJECT);
    a.setAttribute('evs-base-url', '/evs');
    a.setAttribute('ims-base-url', '/ims');
    a.setAttribute('dialect', 'huawei');
    a.tokenProvider = tokenProvider;
    $('slot-a').append(a);
  }
  if (!handle) handle = mount($('export-b'), optionsB);
}
$('mount-all').addEventListener('click', mountAll);
$('switch').addEventListener('click', () => handle?.update({ ...optionsB, volumeId: FINANCE_DISK }));
$('unmount').addEventListener('click', () => {
  handle?.unmount();
  handle?.free();
  handle = null;
});

if (!query.has('defer')) mountAll();
