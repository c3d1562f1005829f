import { defineConfig } from '@playwright/test';

// Ports of this run (set them when 8080/8086/5173 are taken). Written back to the environment so that
// vite.config.js (started below) and the test workers read the same ones.
const port = (process.env.OPMOCK_PORT ??= '18080');
const appPort = (process.env.OPMOCK_APP_PORT ??= '18086');
const vitePort = (process.env.VITE_PORT ??= '15173');

// How to start OpMock from here; .ci/run builds once and passes `dotnet run --no-build …`.
const opmock = process.env.OPMOCK_CMD ?? 'dotnet run --project ../../src/OpMock.Cli --';

export default defineConfig({
  testDir: 'tests',
  // Each test has its own session, so tests may run in parallel against one server.
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  use: {
    baseURL: `http://127.0.0.1:${vitePort}`,
    browserName: 'chromium',
    // Debian's Chromium, not a browser Playwright downloads (OPMOCK_CHROMIUM points elsewhere).
    launchOptions: { executablePath: process.env.OPMOCK_CHROMIUM ?? '/usr/bin/chromium' },
  },
  webServer: [
    {
      command: `${opmock} serve --docs ../../examples/workbench --fixtures ../../fixtures --port ${port} --app-port ${appPort}`,
      url: `http://127.0.0.1:${port}/__opmock/avatars/ready.svg`,
      timeout: 240_000,
      stdout: 'ignore',
    },
    {
      command: `npx vite --host 127.0.0.1 --port ${vitePort} --strictPort`,
      url: `http://127.0.0.1:${vitePort}/`,
      timeout: 60_000,
    },
  ],
});
