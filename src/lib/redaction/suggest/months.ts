/**
 * Month names and abbreviations in the portal's languages, as folded keys: dates.ts finds dates
 * around them, and common-words.ts keeps the capitalised ones from being taken for names.
 */
import { foldAll, STARTS_UPPERCASE } from './words';

/** Abbreviations date a day ("3 Jan 2021") but are no evidence against a name ("Jan Novák"). */
// prettier-ignore
const MONTH_ABBREVIATIONS = [
	'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec', 'janv', 'févr',
	'avr', 'juil', 'déc'
];

// prettier-ignore
const MONTH_NAMES = [
	// English
	'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
	'November', 'December',
	// French
	'janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre',
	'novembre', 'décembre',
	// Italian
	'gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre',
	'ottobre', 'novembre', 'dicembre',
	// Spanish
	'enero', 'febrero', 'abril', 'mayo', 'junio', 'julio', 'septiembre', 'setiembre', 'octubre',
	'noviembre', 'diciembre',
	// Dutch
	'januari', 'februari', 'maart', 'mei', 'juni', 'juli', 'augustus', 'oktober',
	// Czech, nominative and genitive
	'leden', 'ledna', 'únor', 'února', 'březen', 'března', 'duben', 'dubna', 'květen', 'května',
	'červen', 'června', 'červenec', 'července', 'srpen', 'srpna', 'září', 'říjen', 'října',
	'listopad', 'listopadu', 'prosinec', 'prosince',
	// Turkish
	'Ocak', 'Şubat', 'Mart', 'Nisan', 'Mayıs', 'Haziran', 'Temmuz', 'Ağustos', 'Eylül', 'Ekim',
	'Kasım', 'Aralık',
	// Albanian
	'janar', 'shkurt', 'prill', 'maj', 'qershor', 'korrik', 'gusht', 'shtator', 'tetor', 'nëntor',
	'dhjetor',
	// Ukrainian, nominative and genitive
	'січень', 'січня', 'лютий', 'лютого', 'березень', 'березня', 'квітень', 'квітня', 'травень',
	'травня', 'червень', 'червня', 'липень', 'липня', 'серпень', 'серпня', 'вересень', 'вересня',
	'жовтень', 'жовтня', 'листопад', 'листопада', 'грудень', 'грудня',
	// Arabic (Egyptian and Maghrebi names, and Levantine names that are one word)
	'يناير', 'فبراير', 'مارس', 'أبريل', 'إبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر',
	'نوفمبر', 'ديسمبر', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز', 'آب', 'أيلول',
	// Persian (Gregorian months)
	'ژانویه', 'فوریه', 'آوریل', 'مه', 'ژوئن', 'ژوئیه', 'جولای', 'اوت', 'آگوست', 'سپتامبر', 'اکتبر',
	'نوامبر', 'دسامبر',
	// Urdu
	'جنوری', 'فروری', 'مارچ', 'اپریل', 'مئی', 'جون', 'جولائی', 'اگست', 'ستمبر', 'اکتوبر', 'نومبر', 'دسمبر',
	// Bengali
	'জানুয়ারি', 'ফেব্রুয়ারি', 'মার্চ', 'এপ্রিল', 'মে', 'জুন', 'জুলাই', 'আগস্ট', 'সেপ্টেম্বর', 'অক্টোবর',
	'নভেম্বর', 'ডিসেম্বর',
	// Somali
	'Janaayo', 'Febraayo', 'Maarso', 'Abriil', 'Maajo', 'Juun', 'Luulyo', 'Agoosto', 'Sebtembar',
	'Oktoobar', 'Nofembar', 'Desembar',
	// Hausa
	'Janairu', 'Fabrairu', 'Maris', 'Afrilu', 'Mayu', 'Yuni', 'Yuli', 'Agusta', 'Satumba', 'Oktoba',
	'Nuwamba', 'Disamba',
	// Tigrinya
	'ጥሪ', 'ለካቲት', 'መጋቢት', 'ሚያዝያ', 'ግንቦት', 'ሰነ', 'ሓምለ', 'ነሓሰ', 'መስከረም', 'ጥቅምቲ', 'ሕዳር', 'ታሕሳስ'
];
export const MONTH_KEYS = foldAll([...MONTH_NAMES, ...MONTH_ABBREVIATIONS]);
/**
 * Months are written capitalised above only where their language capitalises them (English,
 * Turkish, Somali, Hausa); elsewhere a capitalised "Julio" or "Agosto" is a name.
 */
export const MONTH_KEYS_CAPITALISED_IN_THEIR_LANGUAGE = foldAll(
	MONTH_NAMES.filter((month) => STARTS_UPPERCASE.test(month))
);
