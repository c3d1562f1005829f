import { test, expect, sessions } from './opmock.js';

const firstChat = 'u000190c83f83de2f271e6043f802b5eafed2';

test('closing a chat through the app relay takes it off the OP list', async ({ page, session, request }) => {
  await page.goto('/');
  const chats = page.getByRole('list', { name: '会话列表' }).getByRole('listitem');
  await expect(chats).toHaveCount(3);

  await page.locator(`li[data-chat-id="${firstChat}"]`).getByRole('button', { name: '结束会话' }).click();

  await expect(chats).toHaveCount(2);
  await expect(page.locator(`li[data-chat-id="${firstChat}"]`)).toHaveCount(0);
  await expect(page.getByRole('status')).toHaveText('在线，共 2 个会话');
  // The write landed in this test's session, not in the shared default one.
  expect((await sessions(request)).find((s) => s.name === session)).toMatchObject({ writes: 1 });
});

test('another test starts from the seeded world, whatever the first one closed', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('list', { name: '会话列表' }).getByRole('listitem')).toHaveCount(3);
  await expect(page.locator(`li[data-chat-id="${firstChat}"]`)).toHaveCount(1);
});

test('the page reads in the test session: a write the test makes first shows on the page', async ({ page, session, request }) => {
  // Arrange through the API, in this test's session, as a test arranges data before driving the UI.
  const direct = `http://127.0.0.1:${process.env.OPMOCK_PORT ?? 8080}`;
  const closed = await request.post(`${direct}/op/v2/closeChat`, {
    headers: { 'X-OpMock-Session': session },
    data: { chatId: firstChat, staffId: 'o000190681cc42e07025cb2c078d383f94998' },
  });
  expect((await closed.json()).data.status).toBe('7');

  await page.goto('/');
  await expect(page.getByRole('list', { name: '会话列表' }).getByRole('listitem')).toHaveCount(2);
  await expect(page.locator(`li[data-chat-id="${firstChat}"]`)).toHaveCount(0);
});
