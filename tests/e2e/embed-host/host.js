// The host page's module (a file: the page's CSP allows no inline script). The import is the
// one the README gives portal integrators, at the public URL the build was made for.
import { defineEvsExportImage } from '/static/evs-console/evs-export-image.js';

const el = document.getElementById('export');
el.tokenProvider = () => 'sim-token'; // the simulator's token; a portal asks its session
el.addEventListener('evs-image-active', (e) => {
  document.body.dataset.imageActive = e.detail.imageId;
});
defineEvsExportImage();
