// Debian's Chromium for every Playwright config (nothing downloads a browser), with the flags
// that behave on this closed network (see ../shared/TOOLCHAIN.md).
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
};
