// A tiny OP workbench on examples/workbench: the list comes from the direct API, the close goes through the
// app's relay (/opapp/transfer), as the mobile app sends it. Both through the dev server's proxy (vite.config.js).
const staffId = 'o000190681cc42e07025cb2c078d383f94998';

async function post(url, body) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const envelope = await response.json();
  if (envelope.code !== 200) throw new Error(`${url}: ${envelope.code} ${envelope.message}`);
  return envelope;
}

async function render() {
  const { data, page } = await post('/op/v2/getWorkbenchChats', { staffId });
  document.querySelector('#status').textContent = `${data.isOnline ? '在线' : '离线'}，共 ${page.totalCount} 个会话`;
  const list = document.querySelector('#chats');
  list.replaceChildren(
    ...data.chatList.map((chat) => {
      const item = document.createElement('li');
      item.dataset.chatId = chat.chatId;
      item.textContent = `${chat.nickName ?? chat.userId} ${chat.title} `;
      const close = document.createElement('button');
      close.textContent = '结束会话';
      close.addEventListener('click', async () => {
        await post('/opapp/transfer', { reqUrl: '/op/v2/closeChat', chatId: chat.chatId, staffId });
        await render();
      });
      item.append(close);
      return item;
    }),
  );
}

render().catch((error) => {
  document.querySelector('#status').textContent = `出错了: ${error.message}`;
});
