import type { Option } from './questions.ts';
import { PREFER_NOT_TO_SAY_LABEL } from '../constants/scales.ts';

const o = (id: string, en: string, ur: string, pl: string): Option => ({ id, label: { en, ur, pl } });
const preferNot = (): Option => ({ id: 'prefer_not_to_say', label: PREFER_NOT_TO_SAY_LABEL, exclusive: true });

/**
 * Equality-monitoring options, following the ONS Census 2021 categories for England, each with
 * "Prefer not to say" (protected characteristics are always optional to give).
 */
export const DEMOGRAPHIC_OPTIONS = {
  ageBand: [
    o('age_16_24', '16–24', '16–24', '16–24'),
    o('age_25_34', '25–34', '25–34', '25–34'),
    o('age_35_44', '35–44', '35–44', '35–44'),
    o('age_45_54', '45–54', '45–54', '45–54'),
    o('age_55_64', '55–64', '55–64', '55–64'),
    o('age_65_74', '65–74', '65–74', '65–74'),
    o('age_75_plus', '75 or over', '75 یا زیادہ', '75 lub więcej'),
    preferNot(),
  ],
  sex: [o('female', 'Female', 'عورت', 'Kobieta'), o('male', 'Male', 'مرد', 'Mężczyzna'), preferNot()],
  genderIdentity: [
    o('same_as_birth', 'Yes, the same as the sex I was registered at birth', 'ہاں، وہی جو پیدائش پر درج ہوئی', 'Tak, taka sama jak płeć wpisana przy urodzeniu'),
    o('different', 'No, different from the sex I was registered at birth', 'نہیں، پیدائش پر درج جنس سے مختلف', 'Nie, inna niż płeć wpisana przy urodzeniu'),
    preferNot(),
  ],
  ethnicity: [
    o('asian', 'Asian or Asian British', 'ایشیائی یا ایشیائی برطانوی', 'Azjatyckie lub brytyjsko-azjatyckie'),
    o('black', 'Black, Black British, Caribbean or African', 'سیاہ فام، برطانوی سیاہ فام، کیریبین یا افریقی', 'Czarnoskóre, brytyjskie czarnoskóre, karaibskie lub afrykańskie'),
    o('mixed', 'Mixed or multiple ethnic groups', 'مخلوط یا متعدد نسلی گروہ', 'Mieszane lub wiele grup etnicznych'),
    o('white', 'White', 'سفید فام', 'Białe'),
    o('other', 'Other ethnic group', 'کوئی اور نسلی گروہ', 'Inna grupa etniczna'),
    preferNot(),
  ],
  disability: [
    o('yes_a_lot', 'Yes, limited a lot', 'ہاں، بہت زیادہ محدود', 'Tak, w dużym stopniu'),
    o('yes_a_little', 'Yes, limited a little', 'ہاں، تھوڑا محدود', 'Tak, w niewielkim stopniu'),
    o('no', 'No', 'نہیں', 'Nie'),
    preferNot(),
  ],
} satisfies Record<string, Option[]>;
