import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { hiddenValue, type FormClient, type Page } from '../../../test/helpers/browser.js';
import { flowIdOf, pathOf, sejamWalk } from '../../../test/helpers/sejam-walk.js';
import { findProfileByIdentifier } from '../../sejam/profiles.js';
import { civilRecordOf } from '../../sejam/civil-record.js';
import { sectionOf } from '../../sejam/sections.js';
import { ALI_FORMS } from '../../../test/helpers/sejam.js';

/**
 * The identity form filled from the civil registry: read by a job once the fee is settled, shown
 * to the person to confirm, and stored as "from the registry" only when confirmed unchanged.
 */
const IDENTITY_FIELDS = [
  'first_name',
  'last_name',
  'father_name',
  'birth_date_y',
  'birth_date_m',
  'birth_date_d',
  'birth_place',
  'shenasnameh_number',
  'shenasnameh_serial',
] as const;

/** What a browser would send back: every field as the page filled it. */
function filledIn(page: Page): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of IDENTITY_FIELDS) {
    const select = new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(page.html)?.[1];
    values[name] = select
      ? (/<option value="([^"]*)" selected/.exec(select)?.[1] ?? '')
      : (hiddenValue(page.html, name) ?? '');
  }
  const gender = /<input[^>]*name="gender"[^>]*value="(male|female)"[^>]*checked/.exec(page.html)?.[1];
  if (gender) values.gender = gender;
  return values;
}

async function profileOf(t: TestApp, code: string) {
  const p = await findProfileByIdentifier(t.services.db, code);
  assert.ok(p, `a profile for ${code}`);
  return p;
}

describe('Sejam identity form from the civil registry', () => {
  describe('with the fee paid on the gateway', () => {
    let t: TestApp;
    const { toPerson, atGateway, step } = sejamWalk(() => t);
    before(async () => {
      t = await createTestApp();
    });
    after(async () => t.close());

    test('the form opens filled with the birth certificate; confirmed unchanged, it is stored as from the registry', async () => {
      const { c } = await toPerson('09121234567');
      await step(c, { person_type: 'natural', national_code: '0084575948' }, 'fee');
      const page = await atGateway(c, await c.submit({}));
      assert.equal(pathOf(page), '/sejam/identity');
      assert.match(page.html, /از پایگاه ثبت احوال خوانده شد/);
      const values = filledIn(page);
      assert.deepEqual(values, { ...ALI_FORMS.identity, shenasnameh_serial: '12ب345678', gender: 'male' });
      await step(c, values, 'contact');
      const identity = sectionOf(await profileOf(t, '0084575948'), 'identity');
      assert.equal(identity?.fromRegistry, true);
      assert.equal(identity?.shenasnamehSerial, '12ب345678');

      // back on the form: what was saved, and it is still the registry's
      const again = await c.get(`/sejam/identity?flow=${flowIdOf(page)}`);
      assert.equal(filledIn(again).birth_place, 'تهران');
    });
  });

  describe('with the fee waived (the form may open before the registry answers)', () => {
    let t: TestApp;
    const { toPerson, step } = sejamWalk(() => t);
    before(async () => {
      t = await createTestApp({ env: { HOVIYAT_SEJAM_FEE_RIAL: '0' } });
    });
    after(async () => t.close());

    async function toIdentity(mobile: string, code: string): Promise<{ c: FormClient; page: Page }> {
      const { c } = await toPerson(mobile);
      await step(c, { person_type: 'natural', national_code: code }, 'fee');
      return { c, page: await step(c, {}, 'identity') };
    }

    test('before the answer the page says it is on its way and lets the person type; after it, the form is filled', async () => {
      const { c, page } = await toIdentity('09351234567', '1279834064');
      assert.match(page.html, /هنوز از ثبت احوال نرسیده است/);
      assert.match(page.html, /<a href="">این صفحه را دوباره باز کنید<\/a>/, 'a plain link reloads it');
      assert.equal(filledIn(page).first_name, '', 'nothing is guessed meanwhile');
      await t.drain();
      const reloaded = await c.get(page.url);
      assert.equal(filledIn(reloaded).first_name, 'فاطمه‌زهرا');
      assert.equal(filledIn(reloaded).shenasnameh_serial, '45ج123456');

      // the person corrects the place of birth: stored as typed, no longer "from the registry"
      await step(c, { ...filledIn(reloaded), birth_place: 'نجف‌آباد' }, 'contact');
      const identity = sectionOf(await profileOf(t, '1279834064'), 'identity');
      assert.equal(identity?.birthPlace, 'نجف‌آباد');
      assert.equal(identity?.fromRegistry, false);
    });

    test('a registry that stays down is asked again with backoff, then the person types the form', async () => {
      // 9990000158: the simulated registry is always down for this code (docs/simulators.md)
      const { c, page } = await toIdentity('09121000001', '9990000158');
      const profile = await profileOf(t, '9990000158');
      await t.drain();
      assert.equal((await civilRecordOf(t.services.db, profile.id))?.status, 'pending', 'retried later');
      // four retries back off 10 s, 20 s, 40 s, 80 s (±20%): well inside the flow's lifetime
      for (let i = 0; i < 4; i++) {
        t.clock.advance(2 * 60_000);
        await t.drain();
      }
      assert.equal((await civilRecordOf(t.services.db, profile.id))?.status, 'unavailable');
      const later = await c.get(page.url);
      assert.match(later.html, /ثبت احوال اکنون اطلاعاتی برای پر کردن این فرم نداد/);
      assert.equal(filledIn(later).first_name, '');
    });

    test("somebody else's national code with one's own mobile opens no record: Shahkar refuses it first", async () => {
      // 09359871234 is سارا نوری's mobile; 0084575948 is علی رضایی's national code
      const { c } = await toPerson('09359871234');
      const page = await c.submit({ person_type: 'natural', national_code: '0084575948' });
      assert.equal(pathOf(page), '/sejam/person');
      assert.doesNotMatch(page.html, /حسین|1370/, "nothing of the other person's record is shown");
      await t.drain();
      const asked = await t.services.db
        .selectFrom('sejam_civil_records')
        .innerJoin('sejam_profiles', 'sejam_profiles.id', 'sejam_civil_records.profile_id')
        .select('sejam_profiles.identifier')
        .where('sejam_profiles.identifier', '=', '0084575948')
        .execute();
      assert.deepEqual(asked, [], 'the registry was never asked for it');
    });

    test('the registry has no living record: the person is told to type it as on the certificate', async () => {
      // 0458132608 is recorded as deceased; his mobile still passes Shahkar
      const { c, page } = await toIdentity('09121112233', '0458132608');
      await t.drain();
      const later = await c.get(page.url);
      assert.equal((await civilRecordOf(t.services.db, (await profileOf(t, '0458132608')).id))?.status, 'deceased');
      assert.match(later.html, /اطلاعاتی برای پر کردن این فرم نداد/);
      assert.doesNotMatch(later.html, /غلامرضا/, 'nothing of the record is shown');
    });
  });
});
