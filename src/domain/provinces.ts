/**
 * Iran's 31 provinces (استان), each with its landline area code and its main cities (the capital
 * first). Codes are stable slugs: store `province.code` and `city.code`, show the labels. City
 * codes are unique across the whole country, so a city code alone names its province.
 */
import { normalizePersianText } from './digits.js';

export interface City {
  readonly code: string;
  readonly label: string;
}

export interface Province {
  readonly code: string;
  readonly label: string;
  /** Landline area code with its trunk zero, e.g. `021`. */
  readonly areaCode: string;
  readonly cities: readonly City[];
}

type Row = [code: string, label: string, areaCode: string, cities: [string, string][]];

// one province a line reads better than the hundreds of lines a formatter would make of it
// prettier-ignore
const ROWS: Row[] = [
  ['tehran', 'تهران', '021', [['tehran', 'تهران'], ['rey', 'ری'], ['eslamshahr', 'اسلامشهر'], ['shahriar', 'شهریار'], ['qods', 'قدس'], ['malard', 'ملارد'], ['varamin', 'ورامین'], ['pakdasht', 'پاکدشت'], ['robat_karim', 'رباط‌کریم'], ['pardis', 'پردیس'], ['damavand', 'دماوند'], ['firuzkuh', 'فیروزکوه']]],
  ['alborz', 'البرز', '026', [['karaj', 'کرج'], ['fardis', 'فردیس'], ['nazarabad', 'نظرآباد'], ['hashtgerd', 'هشتگرد'], ['mohammadshahr', 'محمدشهر'], ['eshtehard', 'اشتهارد'], ['taleqan', 'طالقان']]],
  ['qom', 'قم', '025', [['qom', 'قم'], ['kahak', 'کهک'], ['jafarieh', 'جعفریه'], ['salafchegan', 'سلفچگان']]],
  ['markazi', 'مرکزی', '086', [['arak', 'اراک'], ['saveh', 'ساوه'], ['khomein', 'خمین'], ['mahallat', 'محلات'], ['delijan', 'دلیجان'], ['tafresh', 'تفرش'], ['shazand', 'شازند'], ['ashtian', 'آشتیان']]],
  ['qazvin', 'قزوین', '028', [['qazvin', 'قزوین'], ['takestan', 'تاکستان'], ['abyek', 'آبیک'], ['buin_zahra', 'بوئین‌زهرا'], ['alvand', 'الوند']]],
  ['zanjan', 'زنجان', '024', [['zanjan', 'زنجان'], ['abhar', 'ابهر'], ['khorramdarreh', 'خرمدره'], ['qeydar', 'قیدار'], ['mahneshan', 'ماهنشان']]],
  ['semnan', 'سمنان', '023', [['semnan', 'سمنان'], ['shahrud', 'شاهرود'], ['damghan', 'دامغان'], ['garmsar', 'گرمسار'], ['mehdishahr', 'مهدی‌شهر']]],
  ['isfahan', 'اصفهان', '031', [['isfahan', 'اصفهان'], ['kashan', 'کاشان'], ['khomeinishahr', 'خمینی‌شهر'], ['najafabad', 'نجف‌آباد'], ['shahinshahr', 'شاهین‌شهر'], ['shahreza', 'شهرضا'], ['golpayegan', 'گلپایگان'], ['mobarakeh', 'مبارکه'], ['zarrinshahr', 'زرین‌شهر'], ['falavarjan', 'فلاورجان'], ['natanz', 'نطنز'], ['ardestan', 'اردستان']]],
  ['yazd', 'یزد', '035', [['yazd', 'یزد'], ['meybod', 'میبد'], ['ardakan', 'اردکان'], ['bafq', 'بافق'], ['mehriz', 'مهریز'], ['taft', 'تفت'], ['abarkuh', 'ابرکوه']]],
  ['kerman', 'کرمان', '034', [['kerman', 'کرمان'], ['rafsanjan', 'رفسنجان'], ['sirjan', 'سیرجان'], ['jiroft', 'جیرفت'], ['bam', 'بم'], ['zarand', 'زرند'], ['shahr_babak', 'شهربابک'], ['baft', 'بافت'], ['kahnuj', 'کهنوج']]],
  ['chaharmahal_bakhtiari', 'چهارمحال و بختیاری', '038', [['shahrekord', 'شهرکرد'], ['borujen', 'بروجن'], ['farsan', 'فارسان'], ['lordegan', 'لردگان'], ['ardal', 'اردل']]],
  ['east_azerbaijan', 'آذربایجان شرقی', '041', [['tabriz', 'تبریز'], ['maragheh', 'مراغه'], ['marand', 'مرند'], ['miyaneh', 'میانه'], ['ahar', 'اهر'], ['bonab', 'بناب'], ['sarab', 'سراب'], ['azarshahr', 'آذرشهر'], ['shabestar', 'شبستر'], ['jolfa', 'جلفا'], ['hashtrud', 'هشترود']]],
  ['west_azerbaijan', 'آذربایجان غربی', '044', [['urmia', 'ارومیه'], ['khoy', 'خوی'], ['miandoab', 'میاندوآب'], ['mahabad', 'مهاباد'], ['bukan', 'بوکان'], ['salmas', 'سلماس'], ['naqadeh', 'نقده'], ['piranshahr', 'پیرانشهر'], ['sardasht', 'سردشت'], ['maku', 'ماکو'], ['takab', 'تکاب']]],
  ['ardabil', 'اردبیل', '045', [['ardabil', 'اردبیل'], ['parsabad', 'پارس‌آباد'], ['meshginshahr', 'مشگین‌شهر'], ['khalkhal', 'خلخال'], ['germi', 'گرمی'], ['namin', 'نمین'], ['bileh_savar', 'بیله‌سوار']]],
  ['razavi_khorasan', 'خراسان رضوی', '051', [['mashhad', 'مشهد'], ['neyshabur', 'نیشابور'], ['sabzevar', 'سبزوار'], ['torbat_heydarieh', 'تربت حیدریه'], ['quchan', 'قوچان'], ['kashmar', 'کاشمر'], ['torbat_jam', 'تربت جام'], ['chenaran', 'چناران'], ['gonabad', 'گناباد'], ['fariman', 'فریمان'], ['taybad', 'تایباد'], ['dargaz', 'درگز']]],
  ['south_khorasan', 'خراسان جنوبی', '056', [['birjand', 'بیرجند'], ['qaen', 'قائن'], ['ferdows', 'فردوس'], ['nehbandan', 'نهبندان'], ['boshruyeh', 'بشرویه']]],
  ['north_khorasan', 'خراسان شمالی', '058', [['bojnurd', 'بجنورد'], ['shirvan', 'شیروان'], ['esfarayen', 'اسفراین'], ['ashkhaneh', 'آشخانه'], ['jajarm', 'جاجرم'], ['faruj', 'فاروج']]],
  ['sistan_baluchestan', 'سیستان و بلوچستان', '054', [['zahedan', 'زاهدان'], ['zabol', 'زابل'], ['chabahar', 'چابهار'], ['iranshahr', 'ایرانشهر'], ['saravan', 'سراوان'], ['khash', 'خاش'], ['konarak', 'کنارک'], ['nikshahr', 'نیک‌شهر']]],
  ['khuzestan', 'خوزستان', '061', [['ahvaz', 'اهواز'], ['abadan', 'آبادان'], ['dezful', 'دزفول'], ['khorramshahr', 'خرمشهر'], ['andimeshk', 'اندیمشک'], ['behbahan', 'بهبهان'], ['masjed_soleyman', 'مسجدسلیمان'], ['shushtar', 'شوشتر'], ['izeh', 'ایذه'], ['bandar_mahshahr', 'بندر ماهشهر'], ['ramhormoz', 'رامهرمز'], ['shush', 'شوش']]],
  ['lorestan', 'لرستان', '066', [['khorramabad', 'خرم‌آباد'], ['borujerd', 'بروجرد'], ['dorud', 'دورود'], ['aligudarz', 'الیگودرز'], ['kuhdasht', 'کوهدشت'], ['nurabad', 'نورآباد'], ['azna', 'ازنا'], ['pol_dokhtar', 'پلدختر']]],
  ['fars', 'فارس', '071', [['shiraz', 'شیراز'], ['marvdasht', 'مرودشت'], ['jahrom', 'جهرم'], ['fasa', 'فسا'], ['kazerun', 'کازرون'], ['lar', 'لار'], ['darab', 'داراب'], ['firuzabad', 'فیروزآباد'], ['abadeh', 'آباده'], ['neyriz', 'نی‌ریز'], ['eqlid', 'اقلید'], ['lamerd', 'لامرد']]],
  ['kohgiluyeh_boyer_ahmad', 'کهگیلویه و بویراحمد', '074', [['yasuj', 'یاسوج'], ['dehdasht', 'دهدشت'], ['dogonbadan', 'دوگنبدان'], ['likak', 'لیکک'], ['sisakht', 'سی‌سخت']]],
  ['hormozgan', 'هرمزگان', '076', [['bandar_abbas', 'بندرعباس'], ['minab', 'میناب'], ['qeshm', 'قشم'], ['kish', 'کیش'], ['bandar_lengeh', 'بندر لنگه'], ['hajiabad', 'حاجی‌آباد'], ['jask', 'جاسک'], ['bastak', 'بستک']]],
  ['bushehr', 'بوشهر', '077', [['bushehr', 'بوشهر'], ['borazjan', 'برازجان'], ['bandar_genaveh', 'بندر گناوه'], ['kangan', 'کنگان'], ['jam', 'جم'], ['khormoj', 'خورموج'], ['bandar_deyr', 'بندر دیر'], ['asaluyeh', 'عسلویه']]],
  ['hamedan', 'همدان', '081', [['hamedan', 'همدان'], ['malayer', 'ملایر'], ['nahavand', 'نهاوند'], ['tuyserkan', 'تویسرکان'], ['asadabad', 'اسدآباد'], ['kabudarahang', 'کبودرآهنگ'], ['bahar', 'بهار'], ['razan', 'رزن']]],
  ['kermanshah', 'کرمانشاه', '083', [['kermanshah', 'کرمانشاه'], ['eslamabad_gharb', 'اسلام‌آباد غرب'], ['kangavar', 'کنگاور'], ['harsin', 'هرسین'], ['sonqor', 'سنقر'], ['sahneh', 'صحنه'], ['paveh', 'پاوه'], ['javanrud', 'جوانرود'], ['sarpol_zahab', 'سرپل ذهاب'], ['qasr_shirin', 'قصر شیرین']]],
  ['ilam', 'ایلام', '084', [['ilam', 'ایلام'], ['dehloran', 'دهلران'], ['abdanan', 'آبدانان'], ['mehran', 'مهران'], ['darreh_shahr', 'دره‌شهر'], ['eyvan', 'ایوان']]],
  ['kurdistan', 'کردستان', '087', [['sanandaj', 'سنندج'], ['saqqez', 'سقز'], ['marivan', 'مریوان'], ['baneh', 'بانه'], ['qorveh', 'قروه'], ['bijar', 'بیجار'], ['kamyaran', 'کامیاران'], ['divandarreh', 'دیواندره']]],
  ['mazandaran', 'مازندران', '011', [['sari', 'ساری'], ['babol', 'بابل'], ['amol', 'آمل'], ['qaemshahr', 'قائم‌شهر'], ['behshahr', 'بهشهر'], ['babolsar', 'بابلسر'], ['chalus', 'چالوس'], ['nowshahr', 'نوشهر'], ['tonekabon', 'تنکابن'], ['ramsar', 'رامسر'], ['neka', 'نکا'], ['mahmudabad', 'محمودآباد']]],
  ['gilan', 'گیلان', '013', [['rasht', 'رشت'], ['bandar_anzali', 'بندر انزلی'], ['lahijan', 'لاهیجان'], ['langarud', 'لنگرود'], ['talesh', 'تالش'], ['astara', 'آستارا'], ['rudsar', 'رودسر'], ['sowmeh_sara', 'صومعه‌سرا'], ['fuman', 'فومن'], ['astaneh_ashrafieh', 'آستانه اشرفیه'], ['masal', 'ماسال']]],
  ['golestan', 'گلستان', '017', [['gorgan', 'گرگان'], ['gonbad_kavus', 'گنبد کاووس'], ['aliabad_katul', 'علی‌آباد کتول'], ['bandar_torkaman', 'بندر ترکمن'], ['kordkuy', 'کردکوی'], ['azadshahr', 'آزادشهر'], ['minudasht', 'مینودشت'], ['kalaleh', 'کلاله'], ['aqqala', 'آق‌قلا'], ['gomishan', 'گمیشان']]],
];

export const PROVINCES: readonly Province[] = Object.freeze(
  ROWS.map(([code, label, areaCode, cities]) =>
    Object.freeze({
      code,
      label,
      areaCode,
      cities: Object.freeze(cities.map(([c, l]) => Object.freeze({ code: c, label: l }))),
    }),
  ),
);

const provinceByCodeMap = new Map(PROVINCES.map((p) => [p.code, p]));
const provinceByArea = new Map(PROVINCES.map((p) => [p.areaCode, p]));
const cityIndex = new Map(PROVINCES.flatMap((p) => p.cities.map((c) => [c.code, { city: c, province: p }] as const)));

export function provinceByCode(code: string): Province | null {
  return provinceByCodeMap.get(code) ?? null;
}

/** The city with this code and its province, or null. */
export function cityByCode(code: string): { city: City; province: Province } | null {
  return cityIndex.get(code) ?? null;
}

/** True when `cityCode` is one of `provinceCode`'s cities (what a contact form must check). */
export function isCityOf(provinceCode: string, cityCode: string): boolean {
  return cityIndex.get(cityCode)?.province.code === provinceCode;
}

/** The province whose landline area code this is (`021` → Tehran), or null. */
export function provinceByAreaCode(areaCode: string): Province | null {
  return provinceByArea.get(areaCode) ?? null;
}

/** Comparison key for place names: Arabic ي/ك as Persian, no spaces or ZWNJ, no «استان»/«شهر» prefix. */
function placeKey(s: string): string {
  return normalizePersianText(s)
    .replace(/^(استان|شهرستان|شهر)\s+/u, '')
    .replace(/[\s\u200C]/g, '');
}

const provinceByName = new Map(PROVINCES.map((p) => [placeKey(p.label), p]));

/** A province from its name as another system writes it («استان تهران», «تهران»), or null. */
export function findProvinceByName(name: string): Province | null {
  return provinceByName.get(placeKey(name)) ?? null;
}

/** A city of `province` from its name as another system writes it, or null. */
export function findCityByName(province: Province, name: string): City | null {
  const key = placeKey(name);
  return province.cities.find((c) => placeKey(c.label) === key) ?? null;
}
