import { test as base, expect } from '@playwright/test';

const admin = `http://127.0.0.1:${process.env.OPMOCK_PORT ?? 8080}/__admin/opmock`;

/**
 * Every test gets its own OpMock session: its writes (a chat closed, a message sent) are seen by its own later
 * requests only, on both ports, and are reset when it ends. Import `test` and `expect` from here, not from
 * '@playwright/test'.
 */
export const test = base.extend({
  // The session's name: X-OpMock-Session takes 1–64 letters, digits and -_.:
  session: async ({ request }, use, testInfo) => {
    const name = `pw-${testInfo.testId}-${testInfo.repeatEachIndex}-${testInfo.retry}`.replace(/[^A-Za-z0-9_.:-]/g, '-').slice(0, 64);
    await use(name);
    // Back to the seeded world, so a rerun (or --repeat-each) starts where the first run did.
    const reset = await request.post(`${admin}/reset?session=${encodeURIComponent(name)}`);
    expect(reset.ok(), `reset of session ${name}`).toBeTruthy();
  },

  // The page sends the session on every API request it makes (only those: other origins never see the header).
  // `page.setExtraHTTPHeaders({'X-OpMock-Session': session})` does the same for every request of the page.
  page: async ({ page, session }, use) => {
    await page.route(/\/(op\/v2|opapp)\//, (route) =>
      route.continue({ headers: { ...route.request().headers(), 'x-opmock-session': session } }),
    );
    await use(page);
  },
});

export { expect };

/** The sessions OpMock knows, as its admin API lists them (loopback, no Origin: the guard lets the runner in). */
export async function sessions(request) {
  const answer = await request.get(`${admin}/sessions`);
  expect(answer.ok()).toBeTruthy();
  return (await answer.json()).sessions;
}
