/*
 * Fictional testimonies written for the demo. No person, place of work or event here is real;
 * each opens with a marker saying so in its own language, so a reader never takes one for a
 * real account. The names in them are invented too, for moderators to try redaction on.
 */

/** The guided questions the demo answers (their ids are the default questionnaire's domains). */
export type DemoTheme = 'rights' | 'housing' | 'education' | 'work' | 'health' | 'safety';

export type FictionalTestimony = {
	locale: string;
	theme: DemoTheme;
	text: string;
	/** An invented name in the text, which moderation redacts. */
	name?: string;
};

/** "[Fictional example]" in each language of the demo. */
export const FICTIONAL_MARKERS: Record<string, string> = {
	en: '[Fictional example]',
	fr: '[Exemple fictif]',
	it: '[Esempio di fantasia]',
	cs: '[Smyšlený příklad]',
	nl: '[Verzonnen voorbeeld]',
	ar: '[مثال خيالي]',
	'fa-AF': '[نمونهٔ خیالی]',
	ti: '[ልብ-ወለድ ኣብነት]',
	so: '[Tusaale khayaali ah]',
	pcm: '[Na story wey we make up]',
	uk: '[Вигаданий приклад]'
};

const WRITTEN: [string, DemoTheme, string, string?][] = [
	['en', 'rights', 'My residence card expired while I waited for the appointment, and the bank froze my account.'],
	['en', 'housing', 'Grace from the shelter found me a room, but the landlord wants three months in advance.', 'Grace'],
	['en', 'education', 'I finished the care assistant course; nobody told me the certificate needs a translation.'],
	['en', 'work', 'At the car wash we worked twelve hours and the boss kept half the pay for the bed.'],
	['en', 'health', 'The counsellor speaks slowly and waits for me. That is the first place I sleep well after.'],
	['en', 'safety', 'I changed my number twice because the people who brought me still send messages.'],
	[
		'en',
		'rights',
		'The lawyer, Mr Okafor, explained the permit for victims in one hour. Before, nobody did.',
		'Okafor'
	],
	['fr', 'rights', 'On m’a dit que sans adresse je ne pouvais pas déposer ma demande de titre de séjour.'],
	['fr', 'housing', 'Au foyer de Villeneuve, nous sommes quatre par chambre et il n’y a pas de verrou.', 'Villeneuve'],
	['fr', 'education', 'Les cours de français sont le soir, mais je travaille le soir. Je n’ai jamais pu y aller.'],
	['fr', 'work', 'Dans le restaurant, Patrice gardait nos passeports « pour les protéger ».', 'Patrice'],
	['fr', 'health', 'Le médecin m’a envoyée chez une psychologue qui parle arabe. Ça a tout changé.'],
	['fr', 'safety', 'J’ai peur de prendre le métro seule le soir, alors je marche une heure.'],
	['it', 'rights', 'Il permesso per motivi di protezione speciale è arrivato dopo un anno di attesa.'],
	['it', 'housing', 'La casa famiglia ci ha accolte, ma dopo sei mesi dobbiamo andare via e non c’è un posto.'],
	['it', 'education', 'Ho fatto un corso di sartoria con Lucia; adesso cucio orli per un negozio.', 'Lucia'],
	['it', 'work', 'Nei campi di pomodori ci pagavano a cassone, tre euro, e il caporale prendeva la sua parte.'],
	['it', 'health', 'Al consultorio mi hanno spiegato i miei diritti senza fretta. Era la prima volta.'],
	['cs', 'rights', 'Na úřadě mi řekli, že bez pracovní smlouvy mi vízum neprodlouží.'],
	['cs', 'housing', 'Na ubytovně jsme spali po osmi a majitel si strhával nájem z výplaty.'],
	['cs', 'work', 'V továrně u Plzně nám slíbili smlouvu, ale po třech měsících jsme ji pořád neměli.', 'Plzně'],
	['cs', 'education', 'Kurz češtiny zdarma mi pomohl najít práci v pekárně.'],
	['cs', 'safety', 'Když jsem odešla, agent Karel volal mé matce domů a vyhrožoval jí.', 'Karel'],
	['nl', 'rights', 'Mijn B8-vergunning kwam pas na de aangifte, en niemand legde uit wat dat betekende.'],
	['nl', 'housing', 'In de opvang in Zwolle heb ik eindelijk een eigen kamer met een sleutel.', 'Zwolle'],
	['nl', 'education', 'Ik wil verpleegkundige worden, maar mijn diploma telt hier niet.'],
	['nl', 'work', 'In de kassen werkten we zonder pauze; wie klaagde, mocht de volgende dag niet komen.'],
	['nl', 'health', 'De huisarts nam de tijd en vroeg of ik een tolk wilde. Dat vroeg niemand eerder.'],
	['ar', 'rights', 'طلبوا مني أوراقًا من بلدي لا أستطيع الحصول عليها دون أن أعرّض عائلتي للخطر.'],
	['ar', 'housing', 'نعيش في غرفة واحدة مع ثلاث عائلات، والمالك يرفض إعطاءنا عقدًا.'],
	['ar', 'education', 'أتعلم اللغة في المكتبة يوم السبت مع متطوعة اسمها سلمى.', 'سلمى'],
	['ar', 'work', 'كنت أنظف البيوت من الصباح حتى الليل، وكانت صاحبة العمل تحتفظ بجواز سفري.'],
	['ar', 'health', 'مجموعة الدعم النفسي للنساء ساعدتني على الكلام لأول مرة.'],
	['ar', 'safety', 'ما زلت أخاف عندما أرى سيارة تقف طويلًا أمام البيت.'],
	['fa-AF', 'rights', 'پرونده‌ام دو سال طول کشید و در این مدت اجازهٔ کار نداشتم.'],
	['fa-AF', 'housing', 'در کمپ، اتاق ما سقف نم‌دار داشت و بچه‌ام همیشه سرفه می‌کرد.'],
	['fa-AF', 'work', 'در کارگاه خیاطی، استاد رحیم مزد سه ماه ما را نداد.', 'رحیم'],
	['fa-AF', 'education', 'کلاس زبان برای زنان با مهدکودک، تنها راهی بود که بتوانم درس بخوانم.'],
	['fa-AF', 'health', 'مشاور گفت خواب‌های بدم طبیعی است و با هم تمرین تنفس کردیم.'],
	['ti', 'rights', 'ወረቐት መንበሪ ክሳብ ዝረክብ ዓመት ሙሉእ ተጸቢየ።'],
	['ti', 'housing', 'ኣብ ሓደ ክፍሊ ሽዱሽተ ኮይንና ኢና ንድቅስ ዝነበርና።'],
	['ti', 'work', 'ኣብ ሕርሻ ብዘይ ደሞዝ ኣሰሪሖምና፡ ፓስፖርተይውን ወሲዶምዎ።'],
	['ti', 'health', 'ሓኪም ብቛንቋይ ዝዛረብ ተርጓሚ ምስ ረኸበለይ ጥራይ እየ ሕማመይ ክገልጽ ዝኸኣልኩ።'],
	['ti', 'safety', 'ሕጂ ውን ብለይቲ በይነይ ክወጽእ እፈርሕ እየ።'],
	[
		'so',
		'rights',
		'Xafiiska socdaalka waxay igu yiraahdeen dukumiintiyadaydu waa ku filan yihiin, kadibna way diideen.'
	],
	['so', 'housing', 'Guriga aan ku noolahay waa qoyaan, carruurtuna had iyo jeer way xanuunsadaan.'],
	['so', 'education', 'Koorsada kalkaalinta ayaan dhammeeyay, hadda waxaan raadinayaa shaqo.'],
	['so', 'work', 'Maqaayadda Cabdi waxaan ka shaqeyn jirnay habeenkii oo dhan, lacagna lama siin.', 'Cabdi'],
	['so', 'health', 'Kooxda taageerada haweenka ayaa i bartay sida loo neefsado marka aan cabsado.'],
	['pcm', 'rights', 'Dem tell me say my papers no complete, but nobody tell me wetin remain.'],
	['pcm', 'housing', 'Madam Bisi put ten of us for one room, and she collect rent from our money.', 'Bisi'],
	['pcm', 'education', 'I start hairdressing training for the centre; next year I go get my own chair.'],
	['pcm', 'work', 'Dem promise me shop work for Italy, but na road dem put me for night time.'],
	['pcm', 'health', 'The nurse for the clinic no shout for me. She explain everything slowly.'],
	['pcm', 'safety', 'I no dey go market alone again, because I see one of dem people there.'],
	['uk', 'rights', 'Мені відмовили в банківському рахунку, бо в посвідці немає податкового номера.'],
	['uk', 'housing', 'Ми з донькою живемо в хостелі, і щомісяця нам кажуть, що місць більше немає.'],
	['uk', 'education', 'Я вчуся на курсах бухгалтерії онлайн уночі, коли дитина спить.'],
	['uk', 'work', 'На складі бригадир Олег забирав частину зарплати за «житло».', 'Олег'],
	['uk', 'health', 'Психологиня розмовляє зі мною українською, і я вперше розповіла все.']
];

/** The demo's testimonies, each opening with its language's fictional marker. */
export const FICTIONAL_TESTIMONIES: FictionalTestimony[] = WRITTEN.map(([locale, theme, body, name]) => ({
	locale,
	theme,
	text: `${FICTIONAL_MARKERS[locale]} ${body}`,
	...(name ? { name } : {})
}));

/** What moderators reply to a few testimonies (fictional, like everything else). */
export const DEMO_REPLIES = [
	'[Fictional example] Thank you for writing to us. A lawyer from our network can call you this week if you wish.',
	'[Fictional example] Merci. Une permanence juridique a lieu le mardi, sans rendez-vous.'
];
