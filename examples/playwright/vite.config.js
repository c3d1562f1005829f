import { defineConfig } from 'vite';

// Where OpMock listens: `opmock serve` defaults to 8080 (the direct API) and 8086 (the app's /opapp/transfer).
const direct = `http://127.0.0.1:${process.env.OPMOCK_PORT ?? 8080}`;
const app = `http://127.0.0.1:${process.env.OPMOCK_APP_PORT ?? 8086}`;

export default defineConfig({
  server: {
    // The page calls its own origin (`fetch('/op/v2/…')`), as it will call the real gateway; the dev server
    // forwards those paths to OpMock, headers included (X-OpMock-Session), so no CORS and no base URL to switch.
    proxy: {
      '/op/v2': direct,
      '/opapp': app,
      '/__opmock/avatars': direct, // the world's images, served by OpMock
    },
  },
});
