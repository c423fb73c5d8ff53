import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, logSink } from '../../helpers/app.js';
import { FormClient } from '../../helpers/browser.js';
import { createAccount } from '../../helpers/accounts.js';

test('flow ids never reach the logs: a logged URL opens nothing', async () => {
  const sink = logSink();
  const t = await createTestApp({ env: { LOG_LEVEL: 'debug' }, logStream: sink.stream });
  try {
    const acc = await createAccount(t, { nationalCode: '0027613496', mobile: '09121230000' });
    const c = new FormClient(t.app);
    await c.get('/login');
    await c.submit({ username: acc.nationalCode, password: acc.password });
    await c.get('/account/mobile');
    const page = await c.submit({ mobile: '09011230000' });
    assert.match(page.url, /flow=/);
    const r = new FormClient(t.app);
    await r.get('/recovery');
    await r.submit({ nationalCode: acc.nationalCode, captcha: '12345' });
    await r.submit({ method: 'sms' });
    const flows = await t.services.db.selectFrom('flows').select('id').execute();
    assert.ok(flows.length >= 2);
    assert.match(sink.text(), /\/account\/mobile\/verify\?flow=:id/, 'the request was logged, without its id');
    for (const f of flows) assert.ok(!sink.text().includes(f.id), 'a flow id reached the log');
  } finally {
    await t.close();
  }
});
