// Entry of `sixty-ar.js`: the Arabic language pack, registered as `sixty._ar`. The loader fetches
// it next to the panel when the page is in Arabic (`<html lang="ar">` or `data-lang="ar"`); the
// launcher's own Arabic texts live in the loader (widget/loader/texts.ts) so it renders at once.
import type { SixtyWindow, TextPack } from '../contract';

const AR: TextPack = {
  title: 'تحدّث مع المبيعات',
  subtitle: 'سيتصل بك فريق {site} خلال {seconds} ثانية.',
  subtitleLoading: 'سيتصل بك شخص حقيقي على الفور.',
  close: 'إغلاق',
  loading: 'جارٍ التحميل…',
  unavailable: 'عذرًا، لا يمكننا استقبال الطلبات الآن.',
  tryAgain: 'حاول مرة أخرى',
  name: 'الاسم',
  phone: 'رقم الهاتف',
  phoneHint: 'سنتصل بهذا الرقم فورًا.',
  email: 'البريد الإلكتروني',
  optional: '(اختياري)',
  nameMissing: 'يرجى كتابة اسمك',
  phoneMissing: 'يرجى إدخال رقم الهاتف',
  phoneInvalid: 'يرجى إدخال رقم هاتف صحيح',
  emailInvalid: 'يرجى إدخال بريد إلكتروني صحيح',
  choose: 'يرجى اختيار أحد الخيارات',
  answer: 'يرجى الإجابة عن هذا السؤال',
  fix: 'يرجى تصحيح الحقول المحددة.',
  sending: 'جارٍ إرسال طلبك…',
  offline: 'أنت غير متصل بالإنترنت. طلبك محفوظ وسيُرسل فور عودة الاتصال.',
  retrying: 'تعذّر الوصول إلى الخادم. طلبك محفوظ، ونعيد المحاولة…',
  submit: 'اتصلوا بي الآن',
  fineprint: 'نستخدم هذه البيانات فقط للاتصال بك بخصوص طلبك.',
  refused: 'يرجى مراجعة البيانات أعلاه والمحاولة مرة أخرى.',
  forbidden: 'عذرًا، لا يمكننا استقبال الطلبات من هذه الصفحة الآن.',
  tooLong: 'النص أطول مما يمكننا إرساله. يرجى اختصار إجاباتك.',
  failed: 'حدث خطأ ما. يرجى تحديث الصفحة والمحاولة مرة أخرى.',
  received: 'تم استلام طلبك. سنتصل بالرقم {phone}.',
  nearby: 'أبقِ هاتفك قريبًا: سنتصل بالرقم {phone}.',
  finding: 'نبحث عن شخص لمساعدتك…',
  stillFinding: 'ما زلنا نبحث عن شخص لمساعدتك، شكرًا لانتظارك…',
  accepted: 'قَبِل {rep} طلبك — جارٍ الاتصال بك الآن',
  busy: 'الجميع مشغولون الآن.',
  pickTime: 'اختر وقتًا نتصل بك فيه:',
  callWhenFree: 'سنتصل بك فور توفّر أحد.',
  scheduled: 'سنتصل بك في {time}',
  scheduledDetail: 'سنتصل بالرقم {phone}. يمكنك إغلاق هذه النافذة.',
  closed: 'شكرًا، تم إغلاق طلبك.',
  seconds: 'ثانية',
  reconnecting: 'انقطع الاتصال، جارٍ إعادة الاتصال…',
  slotFailed: 'تعذّر حفظ هذا الموعد. يرجى المحاولة مرة أخرى.',
};

const sixty = (window as SixtyWindow).sixty;
if (sixty) sixty._ar = AR;
