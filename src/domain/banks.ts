/**
 * Iranian banks and credit institutions by the three-digit code a Sheba carries after its check
 * digits (IR kk BBB …), with their Persian names. Checked against domain.md and the tables
 * widely used by Iranian libraries (persian-tools); banks merged into Sepah (1399–1400) keep
 * their entries because Shebas issued before the merger still circulate.
 */

export interface Bank {
  /** Three digits, e.g. `017`. */
  code: string;
  /** Persian name as banks write it, e.g. «بانک ملی ایران». */
  name: string;
  /** Latin name, for logs and operators. */
  latin: string;
  /** Set for banks that no longer exist on their own: the bank that took their accounts. */
  mergedInto?: string;
}

export const BANKS: readonly Bank[] = Object.freeze(
  (
    [
      ['010', 'بانک مرکزی جمهوری اسلامی ایران', 'Central Bank of Iran'],
      ['011', 'بانک صنعت و معدن', 'Sanat va Madan'],
      ['012', 'بانک ملت', 'Mellat'],
      ['013', 'بانک رفاه کارگران', 'Refah Kargaran'],
      ['014', 'بانک مسکن', 'Maskan'],
      ['015', 'بانک سپه', 'Sepah'],
      ['016', 'بانک کشاورزی', 'Keshavarzi'],
      ['017', 'بانک ملی ایران', 'Melli'],
      ['018', 'بانک تجارت', 'Tejarat'],
      ['019', 'بانک صادرات ایران', 'Saderat'],
      ['020', 'بانک توسعه صادرات ایران', "Tose'e Saderat"],
      ['021', 'پست بانک ایران', 'Post Bank'],
      ['022', 'بانک توسعه تعاون', "Tose'e Ta'avon"],
      ['051', 'موسسه اعتباری توسعه', "Tose'e Credit Institution"],
      ['052', 'بانک قوامین', 'Ghavamin', '015'],
      ['053', 'بانک کارآفرین', 'Karafarin'],
      ['054', 'بانک پارسیان', 'Parsian'],
      ['055', 'بانک اقتصاد نوین', 'Eghtesad Novin'],
      ['056', 'بانک سامان', 'Saman'],
      ['057', 'بانک پاسارگاد', 'Pasargad'],
      ['058', 'بانک سرمایه', 'Sarmayeh'],
      ['059', 'بانک سینا', 'Sina'],
      ['060', 'بانک قرض‌الحسنه مهر ایران', 'Mehr Iran'],
      ['061', 'بانک شهر', 'Shahr'],
      ['062', 'بانک آینده', 'Ayandeh'],
      ['063', 'بانک انصار', 'Ansar', '015'],
      ['064', 'بانک گردشگری', 'Gardeshgari'],
      ['065', 'بانک حکمت ایرانیان', 'Hekmat Iranian', '015'],
      ['066', 'بانک دی', 'Dey'],
      ['069', 'بانک ایران زمین', 'Iran Zamin'],
      ['070', 'بانک قرض‌الحسنه رسالت', 'Resalat'],
      ['073', 'موسسه اعتباری کوثر', 'Kosar Credit Institution', '015'],
      ['075', 'موسسه اعتباری ملل', 'Melal Credit Institution'],
      ['078', 'بانک خاورمیانه', 'Middle East Bank'],
      ['079', 'بانک مهر اقتصاد', 'Mehr Eghtesad', '015'],
      ['080', 'موسسه اعتباری نور', 'Noor Credit Institution'],
      ['095', 'بانک ایران و ونزوئلا', 'Iran-Venezuela'],
    ] as const
  ).map(([code, name, latin, mergedInto]: readonly [string, string, string, string?]) =>
    Object.freeze(mergedInto ? { code, name, latin, mergedInto } : { code, name, latin }),
  ),
);

const byCode = new Map(BANKS.map((b) => [b.code, b]));

/** The bank with this three-digit code, or null. */
export function bankByCode(code: string): Bank | null {
  return byCode.get(code) ?? null;
}
