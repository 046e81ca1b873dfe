// <evs-export-image> and mount(): the export console inside an admin portal.
//
//   import { defineEvsExportImage, mount } from '/evs/evs-export-image.js';
//   defineEvsExportImage();   // then <evs-export-image project-id="…"> anywhere, any number
//   const handle = mount(element, { projectId, tokenProvider: () => portal.token() });
//   handle.update({ projectId, volumeId }); handle.unmount();
//
// This file sits next to the wasm-bindgen glue (scripts/build-embed.sh, or Trunk's
// post_build hook scripts/embed-module.mjs which rewrites the three file names below when Trunk
// hashes them). No eval, no inline styles: it runs under script-src 'self' 'wasm-unsafe-eval'
// and style-src 'self'. Options, attributes and events: README.md "Embedding in a portal".
import init, { mount as wasmMount } from './evs-console.js';

const STYLESHEET = new URL('./main.css', import.meta.url).href;

await init({ module_or_path: new URL('./evs-console_bg.wasm', import.meta.url) });

/** Mounts the console into `element`'s shadow root; returns `{ unmount(), update(options) }`.
 * Throws an Error naming the bad option (missing projectId, unknown dialect, …). */
export function mount(element, options) {
  return wasmMount(element, withStylesheet(options));
}

function withStylesheet(options) {
  if (options === null || typeof options !== 'object') return options;
  return { stylesheet: STYLESHEET, ...options };
}

// attribute → option
const ATTRIBUTES = {
  'evs-base-url': 'evsBaseUrl',
  'ims-base-url': 'imsBaseUrl',
  'project-id': 'projectId',
  dialect: 'dialect',
  'volume-id': 'volumeId',
  'hide-picker': 'hidePicker',
  locale: 'locale',
};

class EvsExportImage extends HTMLElement {
  static observedAttributes = Object.keys(ATTRIBUTES);

  #handle = null;
  #provider = undefined;
  #queued = false;
  #error = null;

  constructor() {
    super();
    // A tokenProvider set before the element was defined is an own property: adopt it.
    if (Object.prototype.hasOwnProperty.call(this, 'tokenProvider')) {
      const value = this.tokenProvider;
      delete this.tokenProvider;
      this.#provider = value;
    }
  }

  /** The host's token source: a function returning the token or a Promise of it. */
  get tokenProvider() { return this.#provider; }
  set tokenProvider(fn) {
    this.#provider = fn;
    this.#schedule();
  }

  /** The options the attributes and properties describe. */
  get options() {
    const o = { stylesheet: STYLESHEET };
    for (const [attr, key] of Object.entries(ATTRIBUTES)) {
      const v = this.getAttribute(attr);
      if (v === null) continue;
      o[key] = key === 'hidePicker' ? v !== 'false' : v;
    }
    if (this.#provider !== undefined) o.tokenProvider = this.#provider;
    return o;
  }

  connectedCallback() { this.#schedule(); }
  attributeChangedCallback() { if (this.#handle) this.#schedule(); }

  disconnectedCallback() {
    this.#handle?.unmount();
    this.#handle?.free();
    this.#handle = null;
  }

  // Attributes and the provider usually arrive together: render once, after them.
  #schedule() {
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      if (this.isConnected) this.#render();
    });
  }

  #render() {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    this.#error?.remove();
    this.#error = null;
    try {
      if (this.#handle) this.#handle.update(this.options);
      else this.#handle = wasmMount(this, this.options);
    } catch (e) {
      // Shown in the element (as text) and told to the host; the old view, if any, stays.
      const message = e instanceof Error ? e.message : String(e);
      this.#error = document.createElement('p');
      this.#error.setAttribute('role', 'alert');
      this.#error.textContent = message;
      root.append(this.#error);
      this.dispatchEvent(new CustomEvent('evs-config-error', {
        bubbles: true, composed: true, detail: { message },
      }));
    }
  }
}

/** Registers <evs-export-image> (once; later calls do nothing). */
export function defineEvsExportImage(name = 'evs-export-image') {
  if (!customElements.get(name)) customElements.define(name, class extends EvsExportImage {});
  return customElements.get(name);
}
