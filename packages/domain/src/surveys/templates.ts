import type { Text } from './i18n.ts';
import { DEMOGRAPHIC_OPTIONS } from './demographics.ts';
import type { Option, QuestionInput } from './questions.ts';
import type { SurveyContent, SurveyContentInput, SurveyKind } from './survey.ts';
import { trackTranslations } from './translations.ts';

/**
 * The two templates officers start from. Confidence and safety items use the wording of the
 * MOPAC Public Attitude Survey 2021/22 Q4 (Q13, Q15, Q21, Q60, Q62A/TG/F); "Your Priorities"
 * follows Police and Crime Plan consultations (top 3 priorities, "what would make you feel
 * safer", including "a greater sense of community"). Shipped in English, Urdu (right-to-left)
 * and Polish, each translation fingerprinted against its English so it starts up to date.
 */
/** Only the fields `sourceStrings` reads are used, and those are the same before and after parsing. */
const fingerprinted = (content: SurveyContentInput): SurveyContentInput => ({ ...content, translatedFrom: trackTranslations(null, content as SurveyContent).translatedFrom });
const t = (en: string, ur: string, pl: string): Text => ({ en, ur, pl });
const o = (id: string, en: string, ur: string, pl: string, exclusive = false): Option => ({ id, label: t(en, ur, pl), ...(exclusive ? { exclusive } : {}) });

const PRIORITIES: Option[] = [
  o('asb', 'Anti-social behaviour', 'سماج دشمن رویہ', 'Zachowania aspołeczne'),
  o('drugs', 'Drug dealing and drug use', 'منشیات کی فروخت اور استعمال', 'Handel i zażywanie narkotyków'),
  o('burglary', 'Burglary', 'نقب زنی', 'Włamania'),
  o('violence', 'Violent crime, including knife crime', 'پرتشدد جرائم، بشمول چاقو کے جرائم', 'Przestępstwa z użyciem przemocy, w tym z użyciem noża'),
  o('vawg', 'Violence against women and girls', 'خواتین اور لڑکیوں کے خلاف تشدد', 'Przemoc wobec kobiet i dziewcząt'),
  o('roads', 'Road safety and speeding', 'سڑک کی حفاظت اور تیز رفتاری', 'Bezpieczeństwo drogowe i przekraczanie prędkości'),
  o('fraud', 'Fraud and online crime', 'دھوکہ دہی اور آن لائن جرائم', 'Oszustwa i przestępstwa w internecie'),
  o('visible_policing', 'Police you can see in your neighbourhood', 'آپ کے محلے میں نظر آنے والی پولیس', 'Policja widoczna w okolicy'),
  o('victims', 'Supporting victims of crime', 'جرائم کے متاثرین کی مدد', 'Wsparcie dla ofiar przestępstw'),
  o('hate_crime', 'Hate crime', 'نفرت پر مبنی جرائم', 'Przestępstwa z nienawiści'),
];

const location = (): QuestionInput => ({
  id: 'area',
  type: 'location',
  required: true,
  title: t('Where do you live?', 'آپ کہاں رہتے ہیں؟', 'Gdzie mieszkasz?'),
  help: t(
    'Enter your postcode, or choose your ward. We keep only your ward, never your postcode.',
    'اپنا پوسٹ کوڈ درج کریں یا اپنا وارڈ منتخب کریں۔ ہم صرف آپ کا وارڈ رکھتے ہیں، پوسٹ کوڈ کبھی نہیں۔',
    'Wpisz kod pocztowy lub wybierz swój okręg (ward). Zapisujemy tylko okręg, nigdy kod pocztowy.',
  ),
});

const AFTER_DARK = t('How safe do you feel walking alone in this area after dark?', 'اندھیرا ہونے کے بعد اس علاقے میں اکیلے چلتے ہوئے آپ خود کو کتنا محفوظ محسوس کرتے ہیں؟', 'Jak bezpiecznie czujesz się, chodząc samotnie po tej okolicy po zmroku?');
const GOOD_JOB = t(
  'Taking everything into account, how good a job do you think the police in your area are doing?',
  'سب کچھ مدنظر رکھتے ہوئے، آپ کے خیال میں آپ کے علاقے میں پولیس کتنا اچھا کام کر رہی ہے؟',
  'Biorąc wszystko pod uwagę, jak dobrze Twoim zdaniem policja wykonuje swoją pracę w Twojej okolicy?',
);
const AGREE_HELP = t(
  'How much do you agree with this statement about the police in your area (within 15 minutes’ walk of your home)?',
  'آپ اپنے علاقے (گھر سے 15 منٹ پیدل کے فاصلے) کی پولیس کے بارے میں اس بیان سے کتنا متفق ہیں؟',
  'W jakim stopniu zgadzasz się z tym stwierdzeniem o policji w Twojej okolicy (do 15 minut pieszo od domu)?',
);

const anythingElse = (): QuestionInput => ({
  id: 'anything_else',
  type: 'text',
  multiline: true,
  maxLength: 2000,
  title: t('Is there anything else you would like to tell us?', 'کیا آپ ہمیں کچھ اور بتانا چاہیں گے؟', 'Czy chcesz nam przekazać coś jeszcze?'),
  help: t('Please do not include names or contact details.', 'براہ کرم نام یا رابطے کی تفصیلات شامل نہ کریں۔', 'Prosimy nie podawać nazwisk ani danych kontaktowych.'),
});

const demographics = (): QuestionInput[] => [
  {
    id: 'about_you',
    type: 'statement',
    title: t('About you', 'آپ کے بارے میں', 'O Tobie'),
    help: t(
      'These questions help us check we hear from everyone. They are optional and you can choose “Prefer not to say”.',
      'یہ سوالات یہ جانچنے میں مدد دیتے ہیں کہ ہم سب کی بات سنیں۔ یہ اختیاری ہیں اور آپ "بتانا نہیں چاہتے" منتخب کر سکتے ہیں۔',
      'Te pytania pomagają nam sprawdzić, czy docieramy do wszystkich. Są dobrowolne i możesz wybrać „Wolę nie odpowiadać”.',
    ),
  },
  { id: 'age_band', type: 'demographic', field: 'ageBand', options: DEMOGRAPHIC_OPTIONS.ageBand, title: t('What is your age?', 'آپ کی عمر کیا ہے؟', 'Ile masz lat?') },
  { id: 'sex', type: 'demographic', field: 'sex', options: DEMOGRAPHIC_OPTIONS.sex, title: t('What is your sex?', 'آپ کی جنس کیا ہے؟', 'Jaka jest Twoja płeć?') },
  {
    id: 'gender_identity',
    type: 'demographic',
    field: 'genderIdentity',
    options: DEMOGRAPHIC_OPTIONS.genderIdentity,
    title: t('Is the gender you identify with the same as your sex registered at birth?', 'کیا آپ جس صنف سے اپنی شناخت کرتے ہیں وہ پیدائش پر درج جنس جیسی ہے؟', 'Czy płeć, z którą się identyfikujesz, jest taka sama jak płeć wpisana przy urodzeniu?'),
  },
  { id: 'ethnicity', type: 'demographic', field: 'ethnicity', options: DEMOGRAPHIC_OPTIONS.ethnicity, title: t('What is your ethnic group?', 'آپ کا نسلی گروہ کیا ہے؟', 'Do jakiej grupy etnicznej należysz?') },
  {
    id: 'disability',
    type: 'demographic',
    field: 'disability',
    options: DEMOGRAPHIC_OPTIONS.disability,
    title: t(
      'Are your day-to-day activities limited by a health problem or disability that has lasted, or is expected to last, 12 months or more?',
      'کیا آپ کی روزمرہ سرگرمیاں کسی ایسی صحت کی خرابی یا معذوری سے محدود ہیں جو 12 ماہ یا زیادہ رہی ہو یا رہنے کی توقع ہو؟',
      'Czy Twoje codzienne czynności są ograniczone przez problem zdrowotny lub niepełnosprawność, które trwają lub mają trwać 12 miesięcy lub dłużej?',
    ),
  },
];

export const TEMPLATES: Record<Exclude<SurveyKind, 'custom'>, { name: string; description: string; content: SurveyContentInput }> = {
  priorities: {
    name: 'Your Priorities',
    description: 'Force-wide consultation for the Police and Crime Plan: top 3 priorities, feeling safe, what would help.',
    content: fingerprinted({
      title: t('Your Priorities, Your Plan', 'آپ کی ترجیحات، آپ کا منصوبہ', 'Twoje priorytety, Twój plan'),
      intro: t(
        'Tell us what policing should focus on where you live. It takes about 3 minutes and you stay anonymous.',
        'ہمیں بتائیں کہ آپ کے علاقے میں پولیس کو کس چیز پر توجہ دینی چاہیے۔ اس میں تقریباً 3 منٹ لگتے ہیں اور آپ گمنام رہتے ہیں۔',
        'Powiedz nam, na czym policja powinna się skupić w Twojej okolicy. Zajmie to około 3 minut, a Ty pozostajesz anonimowy/a.',
      ),
      thanks: t('Thank you. Your answers will help shape the Police and Crime Plan.', 'شکریہ۔ آپ کے جوابات پولیس اور جرائم کے منصوبے کی تشکیل میں مدد کریں گے۔', 'Dziękujemy. Twoje odpowiedzi pomogą w przygotowaniu Planu Policji i Przestępczości.'),
      locales: ['en', 'ur', 'pl'],
      questions: [
        location(),
        {
          id: 'top_priorities',
          type: 'ranking',
          pick: 3,
          required: true,
          options: PRIORITIES,
          title: t('What should the police focus on where you live? Pick your top 3.', 'آپ کے علاقے میں پولیس کو کس چیز پر توجہ دینی چاہیے؟ اپنی 3 اہم ترجیحات چنیں۔', 'Na czym policja powinna się skupić w Twojej okolicy? Wybierz 3 najważniejsze.'),
          help: t('Tap your first choice, then your second and third. Tap again to undo.', 'پہلے اپنی پہلی پسند پر ٹیپ کریں، پھر دوسری اور تیسری۔ واپس لینے کے لیے دوبارہ ٹیپ کریں۔', 'Dotknij pierwszego wyboru, potem drugiego i trzeciego. Dotknij ponownie, aby cofnąć.'),
        },
        { id: 'safe_after_dark', type: 'likert', scale: 'safe4', dontKnow: true, title: AFTER_DARK },
        {
          id: 'feel_safer',
          type: 'multiple',
          maxChoices: 3,
          title: t('What would make you feel safer? Choose up to 3.', 'کیا چیز آپ کو زیادہ محفوظ محسوس کروائے گی؟ زیادہ سے زیادہ 3 چنیں۔', 'Co sprawiłoby, że czuł(a)byś się bezpieczniej? Wybierz do 3.'),
          options: [
            o('more_patrols', 'More police officers on patrol', 'گشت پر زیادہ پولیس افسران', 'Więcej patroli policji'),
            o('sense_of_community', 'A greater sense of community', 'برادری کا زیادہ احساس', 'Większe poczucie wspólnoty'),
            o('street_lighting', 'Better street lighting', 'بہتر اسٹریٹ لائٹنگ', 'Lepsze oświetlenie ulic'),
            o('cctv', 'More CCTV', 'زیادہ سی سی ٹی وی', 'Więcej monitoringu'),
            o('faster_response', 'A quicker response when I report something', 'رپورٹ کرنے پر تیز جواب', 'Szybsza reakcja na zgłoszenia'),
            o('youth_activities', 'More activities for young people', 'نوجوانوں کے لیے زیادہ سرگرمیاں', 'Więcej zajęć dla młodzieży'),
            o('kept_informed', 'Being kept informed about what the police are doing', 'پولیس کی کارروائیوں سے باخبر رکھا جانا', 'Informowanie o działaniach policji'),
            o('none', 'None of these', 'ان میں سے کوئی نہیں', 'Żadne z powyższych', true),
          ],
        },
        { id: 'good_job', type: 'likert', scale: 'good5', dontKnow: true, title: GOOD_JOB },
        anythingElse(),
        ...demographics(),
      ],
    }),
  },
  'impact-area': {
    name: 'Impact Area customer survey',
    description: 'Run in waves in an Impact Area: local priorities and Public Attitude Survey confidence items, comparable wave on wave.',
    content: fingerprinted({
      title: t('Policing in your neighbourhood', 'آپ کے محلے میں پولیسنگ', 'Policja w Twojej okolicy'),
      intro: t(
        'Your neighbourhood team wants to know what matters to you and how we are doing. It takes about 4 minutes and you stay anonymous.',
        'آپ کی محلے کی ٹیم جاننا چاہتی ہے کہ آپ کے لیے کیا اہم ہے اور ہم کیسا کام کر رہے ہیں۔ اس میں تقریباً 4 منٹ لگتے ہیں اور آپ گمنام رہتے ہیں۔',
        'Twój zespół dzielnicowy chce wiedzieć, co jest dla Ciebie ważne i jak nam idzie. Zajmie to około 4 minut, a Ty pozostajesz anonimowy/a.',
      ),
      thanks: t('Thank you. Your neighbourhood team will use your answers to set local priorities.', 'شکریہ۔ آپ کی محلے کی ٹیم آپ کے جوابات مقامی ترجیحات طے کرنے کے لیے استعمال کرے گی۔', 'Dziękujemy. Twój zespół dzielnicowy wykorzysta odpowiedzi do ustalenia lokalnych priorytetów.'),
      locales: ['en', 'ur', 'pl'],
      questions: [
        location(),
        {
          id: 'local_priorities',
          type: 'ranking',
          pick: 3,
          required: true,
          options: PRIORITIES,
          title: t('What should your neighbourhood team focus on? Pick your top 3.', 'آپ کی محلے کی ٹیم کو کس چیز پر توجہ دینی چاہیے؟ اپنی 3 اہم ترجیحات چنیں۔', 'Na czym powinien skupić się Twój zespół dzielnicowy? Wybierz 3 najważniejsze.'),
          help: t('Tap your first choice, then your second and third. Tap again to undo.', 'پہلے اپنی پہلی پسند پر ٹیپ کریں، پھر دوسری اور تیسری۔ واپس لینے کے لیے دوبارہ ٹیپ کریں۔', 'Dotknij pierwszego wyboru, potem drugiego i trzeciego. Dotknij ponownie, aby cofnąć.'),
        },
        { id: 'worry_crime', type: 'likert', scale: 'worry4', title: t('To what extent are you worried about crime in your area?', 'آپ اپنے علاقے میں جرائم کے بارے میں کس حد تک فکر مند ہیں؟', 'W jakim stopniu martwisz się przestępczością w swojej okolicy?') },
        { id: 'worry_asb', type: 'likert', scale: 'worry4', title: t('To what extent are you worried about anti-social behaviour in your area?', 'آپ اپنے علاقے میں سماج دشمن رویے کے بارے میں کس حد تک فکر مند ہیں؟', 'W jakim stopniu martwisz się zachowaniami aspołecznymi w swojej okolicy?') },
        { id: 'safe_after_dark', type: 'likert', scale: 'safe4', title: AFTER_DARK },
        { id: 'good_job', type: 'likert', scale: 'good5', title: GOOD_JOB },
        { id: 'relied_on', type: 'likert', scale: 'agree5', help: AGREE_HELP, title: t('They can be relied on to be there when you need them', 'جب آپ کو ضرورت ہو تو ان پر بھروسہ کیا جا سکتا ہے کہ وہ موجود ہوں گے', 'Można na nich liczyć, gdy są potrzebni') },
        { id: 'treat_fairly', type: 'likert', scale: 'agree5', help: AGREE_HELP, title: t('The police in your area treat everyone fairly regardless of who they are', 'آپ کے علاقے کی پولیس ہر ایک کے ساتھ منصفانہ سلوک کرتی ہے چاہے وہ کوئی بھی ہو', 'Policja w Twojej okolicy traktuje wszystkich sprawiedliwie, bez względu na to, kim są') },
        { id: 'listen_concerns', type: 'likert', scale: 'agree5', help: AGREE_HELP, title: t('The police in your area listen to the concerns of local people', 'آپ کے علاقے کی پولیس مقامی لوگوں کے خدشات سنتی ہے', 'Policja w Twojej okolicy słucha obaw mieszkańców') },
        { id: 'things_that_matter', type: 'likert', scale: 'agree5', help: AGREE_HELP, title: t('They are dealing with the things that matter to people in this community', 'وہ ان مسائل سے نمٹ رہے ہیں جو اس برادری کے لوگوں کے لیے اہم ہیں', 'Zajmują się sprawami, które są ważne dla ludzi w tej społeczności') },
        anythingElse(),
        ...demographics(),
      ],
    }),
  },
};
