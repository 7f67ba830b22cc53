/**
 * Common capitalised words, never names on their own: titles ("Mama", "السيد"), days, languages,
 * nationalities, religions, institutions and everyday nouns that testimonies often capitalise.
 */
import { MONTH_KEYS_CAPITALISED_IN_THEIR_LANGUAGE } from './months';
import { foldAll } from './words';

// prettier-ignore
export const TITLES = foldAll([
	'Mr', 'Mrs', 'Ms', 'Miss', 'Mister', 'Missus', 'Dr', 'Doctor', 'Prof', 'Professor', 'Madam',
	'Madame', 'Mme', 'Mlle', 'Mademoiselle', 'Monsieur', 'Mama', 'Mamma', 'Mummy', 'Mommy', 'Oga',
	'Aunty', 'Auntie', 'Aunt', 'Uncle', 'Sister', 'Brother', 'Bro', 'Pastor', 'Father', 'Reverend',
	'Rev', 'Chief', 'Boss', 'Alhaji', 'Alhaja', 'Hajiya', 'Haji', 'Hajji', 'Malam', 'Mallam', 'Baba',
	'Oba', 'Sheikh', 'Shaikh', 'Abu', 'Mullah', 'Signor', 'Signore', 'Signora', 'Signorina',
	'Dottore', 'Dottor', 'Dottoressa', 'Avvocato', 'Don', 'Doña', 'Señor', 'Señora', 'Señorita',
	'Sr', 'Sra', 'Srta', 'Meneer', 'Mevrouw', 'Juffrouw', 'Pan', 'Paní', 'Slečna', 'Zoti', 'Zonja',
	'Ato', 'Woizero', 'Пан', 'Пані', 'Пане', 'Господин', 'Госпожа', 'Мадам', 'Κύριος', 'Κυρία',
	'السيد', 'السيدة', 'سيد', 'مدام', 'الحاج', 'الحاجة', 'حاج', 'حاجي', 'الشيخ', 'شيخ', 'أبو', 'الدكتور',
	'دكتور', 'الأستاذ', 'أستاذ', 'ماما', 'آقای', 'آقا', 'خانم', 'جناب', 'ملا', 'ኣቶ', 'አቶ', 'ወይዘሮ',
	'ዶክተር', 'জনাব', 'মিস্টার', 'মিসেস'
]);
/** Abbreviated titles that are only titles when written with their full stop ("M. Diallo"). */
export const TITLES_WRITTEN_WITH_FULL_STOP = foldAll(['M', 'Sig', 'Dott', 'Avv', 'Dhr', 'Mevr', 'Mw']);

// prettier-ignore
const COMMON_CAPITALISED_WORDS = foldAll([
	// Days (English, Turkish, Hausa and Somali capitalise them)
	'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'Pazartesi', 'Salı',
	'Çarşamba', 'Perşembe', 'Cuma', 'Cumartesi', 'Pazar', 'Litinin', 'Talata', 'Laraba', 'Alhamis',
	'Jumma', 'Asabar', 'Lahadi', 'Isniin', 'Talaado', 'Arbaco', 'Khamiis', 'Jimco', 'Sabti', 'Axad',
	// Languages, nationalities and peoples (English, with French and Dutch forms where they differ)
	'English', 'British', 'Irish', 'American', 'French', 'Italian', 'Spanish', 'Dutch', 'Czech',
	'Belgian', 'German', 'Greek', 'Maltese', 'Portuguese', 'Polish', 'Romanian', 'Bulgarian', 'Serbian',
	'Croatian', 'Bosnian', 'Hungarian', 'Austrian', 'Swiss', 'Swedish', 'Russian', 'Ukrainian',
	'Albanian', 'Turkish', 'Turk', 'Kurd', 'Kurdish', 'Sorani', 'Kurmanji', 'Arab', 'Arabic', 'Persian',
	'Farsi', 'Dari', 'Pashto', 'Pashtun', 'Hazara', 'Tajik', 'Uzbek', 'Baloch', 'Punjabi', 'Urdu',
	'Sindhi', 'Afghan', 'Pakistani', 'Iranian', 'Iraqi', 'Syrian', 'Lebanese', 'Bangladeshi', 'Bengali',
	'Bangla', 'Indian', 'Chinese', 'Mandarin', 'Cantonese', 'Nigerian', 'Libyan', 'Tunisian',
	'Moroccan', 'Algerian', 'Egyptian', 'Sudanese', 'Eritrean', 'Ethiopian', 'Somali', 'Somalian',
	'Tigrinya', 'Tigrayan', 'Amharic', 'Oromo', 'Malian', 'Nigerien', 'Ghanaian', 'Senegalese',
	'Gambian', 'Guinean', 'Ivorian', 'Cameroonian', 'Colombian', 'Venezuelan', 'Hausa', 'Yoruba',
	'Igbo', 'Ibo', 'Bini', 'Esan', 'Ishan', 'Urhobo', 'Ijaw', 'Efik', 'Fulani', 'Fula', 'Wolof',
	'Bambara', 'Berber', 'Amazigh', 'Pidgin', 'Creole', 'Latin', 'African', 'European', 'Asian',
	'Anglais', 'Français', 'Italien', 'Espagnol', 'Allemand', 'Néerlandais', 'Tchèque', 'Belge',
	'Grec', 'Arabe', 'Persan', 'Kurde', 'Chinois', 'Nigérian', 'Libyen', 'Érythréen', 'Éthiopien',
	'Soudanais', 'Somalien', 'Pakistanais', 'Bangladais', 'Irakien', 'Syrien', 'Albanais', 'Ukrainien',
	'Colombien', 'Turc', 'Marocain', 'Tunisien', 'Algérien', 'Égyptien', 'Malien', 'Guinéen',
	'Ivoirien', 'Camerounais', 'Sénégalais', 'Ghanéen', 'Européen', 'Africain', 'Nederlands', 'Engels',
	'Frans', 'Italiaans', 'Spaans', 'Duits', 'Belgisch', 'Grieks', 'Arabisch', 'Nigeriaans', 'Libisch',
	'Eritrees', 'Ethiopisch', 'Somalisch', 'Afghaans', 'Syrisch', 'Iraaks', 'Turks', 'Marokkaans',
	'Albanees', 'Oekraïens', 'Colombiaans', 'Chinees', 'Tsjechisch', 'Europees', 'Afrikaans', 'Türk',
	'Türkçe', 'İngilizce', 'Arapça', 'Farsça', 'Kürt', 'Kürtçe', 'Arap', 'Suriyeli', 'Afgan', 'Iraklı',
	'Soomaali', 'Turanci',
	// Religions, faith and the oath that binds many survivors
	'God', 'Lord', 'Jesus', 'Christ', 'Allah', 'Bible', 'Quran', 'Koran', 'Qur', 'Ramadan', 'Eid',
	'Christmas', 'Easter', 'Christian', 'Catholic', 'Protestant', 'Orthodox', 'Pentecostal',
	'Evangelical', 'Anglican', 'Muslim', 'Moslem', 'Islam', 'Islamic', 'Sunni', 'Shia', 'Shiite',
	'Jewish', 'Jew', 'Hindu', 'Sikh', 'Buddhist', 'Yazidi', 'Ezidi', 'Chrétien', 'Musulman',
	'Catholique', 'Christelijk', 'Moslim', 'Müslüman', 'Hristiyan', 'Juju', 'Ayelala', 'Oath',
	'Church', 'Mosque', 'Heaven',
	// Institutions and everyday nouns that testimonies often capitalise, including German-style nouns
	'Police', 'Polizia', 'Policía', 'Politie', 'Polizei', 'Carabinieri', 'Questura', 'Prefettura',
	'Commissione', 'Commission', 'Tribunale', 'Tribunal', 'Court', 'Judge', 'Lawyer', 'Embassy',
	'Consulate', 'Government', 'Ministry', 'State', 'Office', 'Camp', 'Centre', 'Center', 'Hospital',
	'School', 'University', 'Asylum', 'Refugee', 'Permit', 'Passport', 'Visa', 'Document', 'Family',
	'Mother', 'Mum', 'Mom', 'Dad', 'Daddy', 'Papa', 'Friend', 'Baby', 'Money', 'Work', 'Job', 'House',
	'Home', 'Street', 'Road', 'Station', 'Sea', 'Boat', 'Desert', 'Border', 'Prison', 'Jail', 'Ghetto',
	'Connection', 'Sponsor', 'Debt', 'Europe', 'Africa', 'Asia', 'America', 'Mediterranean', 'Sahara',
	'North', 'South', 'East', 'West', 'Red', 'Cross', 'Caritas', 'Internet', 'WhatsApp', 'Facebook',
	'Messenger', 'Instagram', 'TikTok', 'Telegram', 'Viber', 'Signal', 'Google', 'YouTube',
	'Snapchat', 'Western', 'Union', 'MoneyGram', 'Euro', 'Naira', 'Dollar', 'Covid', 'Corona',
	'Coronavirus', 'Okay', 'Yes', 'No', 'Hello', 'Please', 'Thanks', 'Sorry', 'Help', 'Frau', 'Herr',
	'Haus', 'Heim', 'Amt', 'Arbeit', 'Schule', 'Kirche', 'Stadt', 'Bahnhof', 'Geld', 'Asyl',
	'Flüchtling', 'Ausländerbehörde', 'Sozialamt', 'Jobcenter', 'Kind', 'Kinder', 'Familie', 'Mutter',
	'Vater', 'Schwester', 'Bruder', 'Freund', 'Freundin', 'Arzt', 'Anwalt', 'Gericht', 'Ausweis',
	'Papiere', 'Termin', 'Wohnung', 'Zimmer', 'Lager'
]);

/** Plural and feminine endings ("Nigerians", "Italienne", "Marocaine", "Nigeriaanse"). */
const INFLECTION_ENDINGS = ['s', 'e', 'es', 'ne', 'nes'];

export function isCommonCapitalisedWord(key: string): boolean {
	if (COMMON_CAPITALISED_WORDS.has(key) || MONTH_KEYS_CAPITALISED_IN_THEIR_LANGUAGE.has(key)) return true;
	return INFLECTION_ENDINGS.some(
		(ending) =>
			key.length - ending.length >= 4 &&
			key.endsWith(ending) &&
			COMMON_CAPITALISED_WORDS.has(key.slice(0, -ending.length))
	);
}
