// A typed client of the workbench example, as a frontend writes one: openapi-typescript turns
// `opmock openapi --docs examples/workbench` into ./api.ts, and openapi-fetch calls the routes with those types.
// No casts: a business error (HTTP 200, code not 200, data null) is part of each route's 200, so `r.data?.data`
// is the route's data or null, and its fields are reached with `?.`. `.ci/run` (build/openapi-steps.sh) compiles
// this file with `tsc --strict` against the export, so a change that breaks these lines fails CI.
import createClient from 'openapi-fetch';
import type { paths } from './api';

const client = createClient<paths>({ baseUrl: 'http://127.0.0.1:8080' });

/** One chat's title, status and its user's nickname; null when the server answered an error. */
export async function chatCard(chatId: string) {
  const r = await client.POST('/op/v2/getChatDetail', {
    body: { chatId },
    // OpMock's own headers are typed too: the scenario is one of the loaded fixtures' scenarios.
    params: { header: { 'X-OpMock-Session': 'card-test', 'X-OpMock-Scenario': 'not-logged-in' } },
  });
  if (r.error !== undefined) {
    // 400/404/405/500: the house envelope, its message saying what was wrong.
    console.error(r.error.code, r.error.message);
    return null;
  }

  const chat = r.data?.data;
  if (!chat) {
    // A business error: code other than 200, data null.
    console.error(r.data?.code, r.data?.message);
    return null;
  }

  return { title: chat.title, status: chat.status, nickName: r.data?.data?.user?.nickName };
}

/** A user's open tickets (a GET route: its params are the query, pageSize bounded as the server bounds it). */
export async function openTickets(userId: string) {
  const r = await client.GET('/op/v2/getTicketList', { params: { query: { userId, status: 0, pageNo: 1, pageSize: 10 } } });
  return (r.data?.data?.tickets ?? []).map(t => `${t.ticketId} ${t.title}`);
}

/** The OP sends a message in a chat: the write answers its message id, or a refusal (chat closed) with data null. */
export async function send(chatId: string, staffId: string, content: string) {
  const r = await client.POST('/op/v2/sendMessage', { body: { chatId, staffId, content, msgType: 'text' } });
  return r.data?.data?.msgId;
}
