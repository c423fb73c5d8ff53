import { chromium } from 'playwright-core';
import axe from 'axe-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
for (const js of [true, false]) {
const ctx = await b.newContext({ javaScriptEnabled: js });
const p = await ctx.newPage();
p.on('crash', () => console.log('crash'));
p.on('close', () => console.log('close'));
await p.setContent('<html lang="fa"><head><title>x</title></head><body><main><p>hi</p><img src="x.png"></main></body></html>');
try { await p.evaluate(axe.source); console.log('injected', await p.evaluate('typeof axe')); } catch (e) { console.log('inject failed', e.message); }
try { console.log(await p.evaluate('new Promise(r => setTimeout(() => r(1), 10))')); } catch (e) { console.log('timeout failed', e.message); }
try { const r = await p.evaluate(() => axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a'] } }).then(r => r.violations.map(v => v.id))); console.log(r); } catch (e) { console.log('axe failed', e.message); }
}
await b.close();
