/**
 * Places that come up in survivors' testimonies: where journeys began and passed through, and the
 * countries and cities of Europe where protection holders live. Grouped by country; a group holds
 * the country's names in the portal's languages and its journey-relevant regions and cities, in
 * every script we are confident of. suggest/ ignores case and Latin accents and reads Chinese
 * names inside running text, so each spelling is listed once, as people write it.
 *
 * A spelling that is also an everyday word in one of the portal's languages either goes into
 * PLACE_NAMES_ALSO_COMMON_WORDS below or is left out (Arabic المغرب is also the sunset prayer;
 * Spanish León is also "lion").
 */
// prettier-ignore
export const PLACE_NAMES_BY_COUNTRY: Readonly<Record<string, readonly string[]>> = {
	italy: [
		'Italy', 'Italia', 'Italie', 'Italië', 'Itálie', 'Itálii', 'İtalya', 'Italiya', 'Itali',
		'Talyaani', 'Talyaaniga', 'إيطاليا', 'ایتالیا', 'اٹلی', 'ئیتاڵیا', 'ኢጣልያ', 'ጣልያን', 'Італія',
		'Італії', 'Италия', 'ইতালি', '意大利', '義大利',
		'Sicily', 'Sicilia', 'Sicile', 'Sicilië', 'Sicílie', 'Sicilya', 'صقلية', 'Sardinia', 'Sardegna',
		'Sardaigne', 'Cerdeña', 'Calabria', 'Campania', 'Puglia', 'Apulia', 'Lazio', 'Lombardia',
		'Lombardy', 'Piemonte', 'Piedmont', 'Veneto', 'Toscana', 'Tuscany', 'Liguria', 'Emilia-Romagna',
		'Rome', 'Roma', 'Řím', 'روما', 'Рим', 'রোম', '罗马', 'Milan', 'Milano', 'Milán', 'Milaan',
		'ميلانو', '米兰', 'Naples', 'Napoli', 'Nápoles', 'Napels', 'Neapol', 'نابولي', 'Неаполь',
		'那不勒斯', 'Turin', 'Torino', 'Turín', 'تورينو', '都灵', 'Palermo', 'باليرمو', '巴勒莫',
		'Catania', 'كاتانيا', 'Bari', 'Castel Volturno', 'Caserta', 'Giugliano', 'Florence',
		'Firenze', 'Florencia', '佛罗伦萨', 'Venice', 'Venezia', 'Venise', 'Venecia', 'Venetië',
		'Benátky', 'Mestre', 'Genoa', 'Genova', 'Gênes', 'Génova', 'Bologna', 'Padova', 'Padua',
		'Verona', 'Vicenza', 'Treviso', 'Trieste', 'Udine', 'Brescia', 'Bergamo', 'Asti', 'Cuneo',
		'Saluzzo', 'Novara', 'Alessandria', 'Modena', 'Parma', 'Reggio Emilia', 'Ferrara', 'Ravenna',
		'Rimini', 'Ancona', 'Pescara', 'Perugia', 'Latina', 'Salerno', 'Benevento', 'Avellino', 'Potenza',
		'Foggia', 'Borgo Mezzanone', 'Taranto', 'Lecce', 'Brindisi', 'Crotone', 'Isola di Capo Rizzuto',
		'Cosenza', 'Catanzaro', 'Reggio Calabria', 'Rosarno', 'Messina', 'Siracusa', 'Syracuse', 'Augusta',
		'Pozzallo', 'Ragusa', 'Agrigento', 'Porto Empedocle', 'Trapani', 'Mineo', 'Lampedusa',
		'لامبيدوزا', 'Cagliari', 'Ventimiglia', 'Prato', '普拉托', 'Pisa', 'Livorno'
	],
	france: [
		'France', 'Francia', 'Frankrijk', 'Francie', 'Francii', 'Fransa', 'Faransa', 'Francë', 'فرنسا',
		'فرانسه', 'فرانس', 'Франція', 'Франції', 'ফ্রান্স', '法国',
		'Paris', 'Parigi', 'París', 'Paříž', 'باريس', 'پاریس', 'Париж', 'প্যারিস', '巴黎', 'Lyon',
		'Lione', 'ليون', '里昂', 'Marseille', 'Marsiglia', 'Marsella', 'مرسيليا', 'Calais', 'كاليه',
		'Nice', 'Nizza', 'Toulouse', 'Bordeaux', 'Lille', 'Nantes', 'Strasbourg', 'Montpellier',
		'Grenoble', 'Rennes', 'Dunkerque', 'Dunkirk', 'Grande-Synthe', 'Menton', 'Briançon',
		'Saint-Denis', 'Montreuil', 'Aubervilliers', 'Toulon', 'Perpignan', 'Rouen', 'Le Havre', 'Metz',
		'Avignon', 'Nîmes'
	],
	netherlands: [
		'Netherlands', 'Holland', 'Nederland', 'Pays-Bas', 'Paesi Bassi', 'Olanda', 'Países Bajos',
		'Holanda', 'Nizozemsko', 'Hollanda', 'هولندا', 'هلند', 'هۆڵەندا', 'ሆላንድ', 'Нідерланди', '荷兰',
		'Amsterdam', 'أمستردام', '阿姆斯特丹', 'Rotterdam', 'Den Haag', 'The Hague', 'La Haye', "L'Aia",
		'Utrecht', 'Eindhoven', 'Groningen', 'Ter Apel', 'Budel', 'Zwolle', 'Arnhem', 'Nijmegen',
		'Tilburg', 'Breda', 'Almere', 'Leiden', 'Haarlem', 'Delft', 'Assen', 'Emmen', 'Venlo',
		'Maastricht', "'s-Hertogenbosch", 'Den Bosch'
	],
	belgium: [
		'Belgium', 'Belgique', 'België', 'Belgio', 'Bélgica', 'Belgie', 'Belçika', 'بلجيكا', 'بلژیک',
		'Бельгія', '比利时', 'Brussels', 'Bruxelles', 'Brussel', 'Bruselas', 'Brusel', 'بروكسل', '布鲁塞尔',
		'Antwerp', 'Antwerpen', 'Anvers', 'Ghent', 'Gent', 'Gand', 'Liège', 'Luik', 'Charleroi', 'Leuven',
		'Namur', 'Bruges', 'Brugge', 'Ostend', 'Oostende', 'Zeebrugge'
	],
	czechia: [
		'Czechia', 'Czech Republic', 'Česko', 'Česku', 'Česká republika', 'Tchéquie',
		'République tchèque', 'Repubblica Ceca', 'Chequia', 'República Checa', 'Tsjechië', 'Çekya',
		'التشيك', 'Чехія', 'Чехії', 'Чехия', '捷克', 'Praha', 'Praze', 'Prague', 'Praga', 'Prag', 'براغ',
		'Прага', 'Празі', '布拉格', 'Brno', 'Brně', 'Брно', 'Ostrava', 'Ostravě', 'Plzeň', 'Plzni',
		'Pilsen', 'Olomouc', 'Liberec', 'České Budějovice', 'Ústí nad Labem', 'Hradec Králové',
		'Pardubice', 'Zlín', 'Kladno', 'Jihlava'
	],
	spain: [
		'Spain', 'España', 'Espagne', 'Spagna', 'Spanje', 'Španělsko', 'Španělsku', 'İspanya', 'Spanja',
		'إسبانيا', 'اسپانیا', 'اسپین', 'Іспанія', 'স্পেন', '西班牙', 'Madrid', 'مدريد', '马德里',
		'Barcelona', 'Barcellona', 'برشلونة', '巴塞罗那', 'Valencia', 'Sevilla', 'Seville', 'Málaga',
		'Almería', 'Huelva', 'Murcia', 'Bilbao', 'Zaragoza', 'Alicante', 'Cádiz', 'Algeciras', 'Tarifa',
		'Granada', 'Palma', 'Ceuta', 'Melilla', 'Canarias', 'Canary Islands', 'Tenerife', 'Gran Canaria'
	],
	germany: [
		'Germany', 'Deutschland', 'Allemagne', 'Germania', 'Alemania', 'Duitsland', 'Německo', 'Německu',
		'Almanya', 'Gjermani', 'ألمانيا', 'آلمان', 'جرمنی', 'ئەڵمانیا', 'ጀርመን', 'Німеччина',
		'Німеччині', 'Германия', 'জার্মানি', '德国', 'Berlin', 'Berlino', 'Berlín', 'برلين', 'Берлін',
		'柏林', 'Hamburg', 'Amburgo', 'Munich', 'München', 'Monaco di Baviera', 'Frankfurt', 'Cologne',
		'Köln', 'Düsseldorf', 'Stuttgart', 'Dortmund', 'Essen', 'Bremen', 'Hannover', 'Leipzig',
		'Dresden', 'Nuremberg', 'Nürnberg'
	],
	greece: [
		'Greece', 'Grèce', 'Grecia', 'Griekenland', 'Řecko', 'Řecku', 'Yunanistan', 'Greqi', 'Greqia',
		'اليونان', 'یونان', 'یۆنان', 'Греція', 'Ελλάδα', 'গ্রিস', 'গ্রীস', '希腊', 'Athens', 'Athènes',
		'Atene', 'Atenas', 'Athene', 'Atény', 'Atina', 'Athina', 'أثينا', 'Αθήνα', '雅典', 'Thessaloniki',
		'Salonicco', 'Θεσσαλονίκη', 'Piraeus', 'Pireo', 'Πειραιάς', 'Lesbos', 'Lesvos', 'Λέσβος',
		'ليسبوس', 'Moria', 'Μόρια', 'Samos', 'Σάμος', 'Chios', 'Χίος', 'Kos', 'Leros', 'Evros',
		'Idomeni', 'Patras', 'Crete', 'Creta'
	],
	malta: [
		'Malta', 'Malte', 'مالطا', '马耳他', 'Valletta', 'La Valletta', 'Hal Far', 'Ħal Far', 'Marsa',
		'Birżebbuġa', 'Sliema', 'Mosta', 'Gozo'
	],
	austria: [
		'Austria', 'Autriche', 'Österreich', 'Oostenrijk', 'Rakousko', 'Avusturya', 'Austri', 'النمسا',
		'اتریش', '奥地利', 'Vienna', 'Wien', 'Vienne', 'Viena', 'Vídeň', 'Weenen', 'Viyana', 'فيينا',
		'维也纳', 'Graz', 'Linz', 'Salzburg', 'Innsbruck', 'Traiskirchen'
	],
	switzerland: [
		'Switzerland', 'Suisse', 'Svizzera', 'Suiza', 'Zwitserland', 'Švýcarsko', 'İsviçre', 'Zvicër',
		'سويسرا', '瑞士', 'Geneva', 'Genève', 'Ginevra', 'Ginebra', 'Zurich', 'Zürich', 'Basel', 'Bâle',
		'Bern', 'Berne', 'Lausanne', 'Chiasso'
	],
	unitedKingdom: [
		'United Kingdom', 'Great Britain', 'Britain', 'England', 'Angleterre', 'Royaume-Uni',
		'Regno Unito', 'Inghilterra', 'Reino Unido', 'Inglaterra', 'Engeland', 'Verenigd Koninkrijk',
		'Anglie', 'Velká Británie', 'İngiltere', 'Angli', 'Britania', 'بريطانيا', 'انگلیس', 'ብሪጣንያ',
		'እንግሊዝ', '英国', 'London', 'Londres', 'Londra', 'Londen', 'Londýn', 'لندن', 'Лондон', '伦敦',
		'Manchester', 'Birmingham', 'Liverpool', 'Leeds', 'Glasgow', 'Dover'
	],
	ireland: ['Ireland', 'Irlande', 'Irlanda', 'Ierland', 'Irsko', 'İrlanda', 'Dublin', 'Dublino'],
	portugal: ['Portugal', 'Portogallo', 'Portugalsko', 'Portekiz', 'পর্তুগাল', 'Lisbon', 'Lisboa', 'Lisbonne', 'Lisbona', 'Porto'],
	poland: [
		'Poland', 'Polska', 'Pologne', 'Polonia', 'Polen', 'Polsko', 'Polonya', 'Польща', 'Польщі',
		'Польша', 'Warsaw', 'Warszawa', 'Varsovie', 'Varsavia', 'Varsovia', 'Varšava', 'Варшава',
		'Kraków', 'Krakow', 'Cracovia', 'Wrocław', 'Gdańsk', 'Przemyśl'
	],
	balkans: [
		'Serbia', 'Srbija', 'Serbie', 'Servië', 'Srbsko', 'Sırbistan', 'صربيا', 'Belgrade',
		'Beograd', 'Belgrado', 'Bosnia', 'Bosnia and Herzegovina', 'Bosnia ed Erzegovina', 'Bosnie',
		'Bosnië', 'Bosna', 'البوسنة', 'Sarajevo', 'Bihać', 'Velika Kladuša', 'Croatia', 'Hrvatska',
		'Croatie', 'Croazia', 'Croacia', 'Kroatië', 'Chorvatsko', 'Hırvatistan', 'Zagreb',
		'Slovenia', 'Slovenija', 'Slovénie', 'Slovenië', 'Slovinsko', 'Ljubljana', 'North Macedonia',
		'Macedonia', 'Skopje', 'Kosovo', 'Pristina', 'Prishtina', 'Prishtinë', 'Montenegro', 'Podgorica',
		'Hungary', 'Magyarország', 'Hongrie', 'Ungheria', 'Hungría', 'Hongarije', 'Maďarsko',
		'Macaristan', 'المجر', 'Угорщина', 'Budapest', 'Budapešť', 'Bulgaria', 'Bulgarie',
		'Bulgarije', 'Bulharsko', 'Bulgaristan', 'بلغاريا', 'Sofia', 'Romania', 'Roumanie',
		'Rumania', 'Roemenië', 'Rumunsko', 'Romanya', 'Rumani', 'Румунія', '罗马尼亚', 'Bucharest',
		'București', 'Bucarest', 'Moldova', 'Молдова', 'Chișinău'
	],
	nordics: [
		'Sweden', 'Sverige', 'Suède', 'Svezia', 'Suecia', 'Zweden', 'Švédsko', 'İsveç', 'Stockholm',
		'Norway', 'Norge', 'Norvège', 'Norvegia', 'Noruega', 'Noorwegen', 'Norsko', 'Norveç', 'Oslo',
		'Denmark', 'Danmark', 'Danemark', 'Danimarca', 'Dinamarca', 'Denemarken', 'Dánsko', 'Danimarka',
		'Copenhagen', 'København', 'Finland', 'Suomi', 'Finlande', 'Finlandia', 'Finsko', 'Finlandiya',
		'Helsinki'
	],
	cyprus: ['Cyprus', 'Chypre', 'Cipro', 'Chipre', 'Kypr', 'Kıbrıs', 'Nicosia', 'Lefkoşa'],
	luxembourg: ['Luxembourg', 'Lussemburgo', 'Luxemburgo', 'Luxemburg', 'Lucembursko'],
	russia: [
		'Russia', 'Russie', 'Rusia', 'Rusland', 'Rusko', 'Rusya', 'Rusi', 'روسيا', 'Росія', 'Россия',
		'Moscow', 'Moscou', 'Mosca', 'Moscú', 'Moskou', 'Moskva', 'Москва'
	],
	ukraine: [
		'Ukraine', 'Ucraina', 'Ucrania', 'Oekraïne', 'Ukrajina', 'Ukrajině', 'Ukrayna', 'Ukrainë',
		'أوكرانيا', 'اوکراین', 'ئۆکرانیا', 'Україна', 'Україні', 'України', 'Украина', '乌克兰', 'Kyiv', 'Kiev',
		'Kiew', 'Kyjev', 'Kijów', 'Київ', 'Києві', 'Києва', 'Киев', 'كييف', '基辅', 'Kharkiv', 'Kharkov', 'Charkov',
		'Харків', 'Харкові', 'Харкова', 'Харьков', 'Odesa', 'Odessa', 'Oděsa', 'Одеса', 'Одесі', 'Одеси', 'Одесса',
		'Lviv', 'Lvov', 'Leopoli', 'Львів', 'Львові', 'Львова', 'Львов', 'Dnipro', 'Дніпро', 'Дніпрі',
		'Днепр', 'Zaporizhzhia', 'Zaporizhia', 'Záporoží', 'Запоріжжя', 'Запорожье', 'Mariupol',
		'Маріуполь', 'Мариуполь', 'Kherson', 'Cherson', 'Херсон', 'Mykolaiv', 'Миколаїв', 'Николаев',
		'Chernihiv', 'Чернігів', 'Sumy', 'Суми', 'Donetsk', 'Doněck', 'Донецьк', 'Донецк', 'Luhansk',
		'Луганськ', 'Луганск', 'Poltava', 'Полтава', 'Vinnytsia', 'Вінниця', 'Zhytomyr',
		'Житомир', 'Irpin', 'Ірпінь', 'Bucha', 'Буча', 'Bakhmut', 'Бахмут', 'Crimea', 'Krym', 'Крим',
		'Donbas', 'Донбас', 'Uzhhorod', 'Ужгород', 'Ivano-Frankivsk', 'Івано-Франківськ', 'Ternopil',
		'Тернопіль', 'Rivne', 'Рівне', 'Lutsk', 'Луцьк', 'Cherkasy', 'Черкаси', 'Khmelnytskyi',
		'Хмельницький', 'Kropyvnytskyi', 'Кропивницький'
	],
	nigeria: [
		'Nigeria', 'Nigéria', 'Nigérie', 'Nigérii', 'Nijerya', 'Najeriya', 'Naija', 'نيجيريا',
		'نیجریه', 'Нігерія', '尼日利亚', 'Benin City', 'Edo', 'Edo State', 'Lagos', 'Legas', 'لاغوس',
		'拉各斯', 'Delta', 'Delta State', 'Abuja', 'Kano', 'Ibadan', 'Port Harcourt', 'Warri', 'Onitsha',
		'Aba', 'Enugu', 'Calabar', 'Uyo', 'Owerri', 'Asaba', 'Sapele', 'Ekpoma', 'Uromi', 'Auchi', 'Irrua',
		'Igueben', 'Ikeja', 'Maiduguri', 'Jos', 'Kaduna', 'Zaria', 'Ilorin', 'Abeokuta', 'Akure',
		'Sokoto', 'Yola', 'Okada', 'Abia', 'Adamawa', 'Akwa Ibom', 'Anambra', 'Bauchi', 'Bayelsa',
		'Benue', 'Borno', 'Cross River', 'Ebonyi', 'Ekiti', 'Gombe', 'Imo', 'Jigawa', 'Katsina', 'Kebbi',
		'Kogi', 'Kwara', 'Nasarawa', 'Ogun', 'Ondo', 'Osun', 'Oyo', 'Plateau', 'Rivers', 'Taraba', 'Yobe',
		'Zamfara'
	],
	westAfrica: [
		'Benin', 'Bénin', 'Cotonou', 'Togo', 'Lomé', 'Ghana', 'Accra', 'Kumasi',
		'Ivory Coast', "Côte d'Ivoire", "Costa d'Avorio", 'Costa de Marfil', 'Ivoorkust', 'Abidjan',
		'Senegal', 'Sénégal', 'Dakar', 'Guinea', 'Guinée', 'Conakry', 'Gambia', 'Gambie', 'Banjul',
		'Sierra Leone', 'Freetown', 'Liberia', 'Monrovia', 'Cameroon', 'Cameroun', 'Camerun', 'Camerún',
		'Kameroen', 'Kamerun', 'Douala', 'Yaoundé', 'Burkina Faso', 'Ouagadougou', 'Congo', 'Kinshasa'
	],
	niger: [
		'Niger', 'Níger', 'Nijer', 'Nijar', 'النيجر', '尼日尔', 'Agadez', 'Agadès', 'Niamey', 'Zinder',
		'Arlit', 'Dirkou', 'Bilma', 'Maradi'
	],
	mali: ['Mali', 'Malí', 'Bamako', 'Gao', 'Timbuktu', 'Tombouctou', 'Kidal'],
	chad: ['Chad', 'Tchad', 'Ciad', 'Tsjaad', 'Čad', 'Çad', 'تشاد', "N'Djamena", 'Ndjamena'],
	libya: [
		'Libya', 'Libye', 'Libyi', 'Libia', 'Libië', 'Liibiya', 'Libiya', 'ليبيا', 'لیبی', 'لیبیا',
		'ሊብያ', 'ሊቢያ', 'Лівія', 'লিবিয়া', '利比亚', 'Tripoli', 'Trípoli', 'Tarabulus', 'Trablus',
		'طرابلس', 'Триполі', '的黎波里', 'Sabratha', 'Sabrata', 'صبراتة', 'Zuwara', 'Zuara', 'Zuwarah',
		'زوارة', 'Misrata', 'Misurata', 'Misratah', 'مصراتة', 'Benghazi', 'Bengasi', 'Bengazi', 'بنغازي',
		'Sabha', 'Sebha', 'سبها', 'Zawiya', 'Zawia', 'Zawiyah', 'Az Zawiyah', 'الزاوية', 'Garabulli',
		'Khoms', 'Al Khums', 'Gharyan', 'غريان', 'Bani Walid', 'بني وليد', 'Kufra', 'الكفرة', 'Tobruk',
		'طبرق', 'Qatrun', 'Gatrun', 'Ajdabiya', 'أجدابيا', 'Sirte', 'Tajoura', 'Ain Zara'
	],
	tunisia: [
		'Tunisia', 'Tunisie', 'Túnez', 'Tunesië', 'Tunisko', 'Tunus', 'تونس', '突尼斯', 'Tunis',
		'Sfax', 'صفاقس', 'Sousse', 'سوسة', 'Zarzis', 'جرجيس', 'Medenine', 'Médenine', 'Gabès'
	],
	algeria: [
		'Algeria', 'Algérie', 'Argelia', 'Algerije', 'Alžírsko', 'Cezayir', 'الجزائر', 'Algiers', 'Alger',
		'Algeri', 'Tamanrasset', 'Oran', 'Maghnia'
	],
	morocco: [
		'Morocco', 'Maroc', 'Marocco', 'Marruecos', 'Marokko', 'Maroko', 'Fas', '摩洛哥', 'Rabat', 'الرباط',
		'Casablanca', 'الدار البيضاء', 'Tangier', 'Tanger', 'Tangeri', 'طنجة', 'Nador', 'الناظور', 'Oujda',
		'وجدة', 'Fès', 'Fez', 'Marrakech', 'Marrakesh', 'Laayoune', 'Dakhla'
	],
	egypt: [
		'Egypt', 'Égypte', 'Egitto', 'Egipto', 'Egypte', 'Mısır', 'مصر', 'ግብጺ', 'ግብፅ', 'Cairo',
		'Le Caire', 'Il Cairo', 'El Cairo', 'Káhira', 'القاهرة', 'Alexandria', 'Alexandrie', 'Alessandria d\'Egitto',
		'الإسكندرية', 'Sinai', 'Sinaï', 'سيناء'
	],
	sudan: [
		'Sudan', 'Soudan', 'Sudán', 'Soedan', 'Súdán', 'Suudaan', 'السودان', 'سودان', 'ሱዳን', '苏丹',
		'Khartoum', 'Khartum', 'Jartum', 'Chartúm', 'الخرطوم', 'ካርቱም', 'Omdurman', 'أم درمان', 'Darfur',
		'دارفور', 'Kassala', 'كسلا', 'Port Sudan', 'بورتسودان', 'Nyala', 'El Fasher', 'الفاشر',
		'Wad Madani', 'Gedaref', 'القضارف', 'South Sudan', 'Juba'
	],
	eritrea: [
		'Eritrea', 'Érythrée', 'Eritre', 'Ertra', 'إريتريا', 'إرتريا', 'اریتره',
		'ኤርትራ', '厄立特里亚', 'Asmara', 'Asmera', 'أسمرا', 'أسمرة', 'ኣስመራ', 'አስመራ', 'Massawa', 'Massaua',
		'Keren', 'ከረን', 'Sawa', 'ሳዋ', 'Assab', 'ኣሰብ', 'Mendefera', 'መንደፈራ', 'Barentu', 'ባረንቱ',
		'Dekemhare', 'Agordat'
	],
	ethiopia: [
		'Ethiopia', 'Éthiopie', 'Etiopia', 'Etiopía', 'Ethiopië', 'Etiopie', 'Etiyopya', 'Itoobiya',
		'إثيوبيا', 'اتیوپی', 'ኢትዮጵያ', '埃塞俄比亚', 'Addis Ababa', 'Addis Abeba', 'أديس أبابا',
		'ኣዲስ ኣበባ', 'አዲስ አበባ', 'Gondar', 'ጎንደር', 'Mekelle', 'Mekele', 'መቐለ', 'Tigray', 'ትግራይ',
		'Humera', 'ሑመራ', 'Shire', 'Amhara', 'Oromia', 'Dire Dawa', 'Bahir Dar', 'Jijiga'
	],
	somalia: [
		'Somalia', 'Somalie', 'Somalië', 'Somálsko', 'Soomaaliya', 'الصومال', 'سومالی',
		'索马里', 'Mogadishu', 'Muqdisho', 'Mogadiscio', 'مقديشو', 'Hargeisa',
		'Hargeysa', 'Kismayo', 'Kismaayo', 'Bosaso', 'Boosaaso', 'Baidoa', 'Baydhabo', 'Beledweyne',
		'Galkayo', 'Gaalkacyo', 'Garowe', 'Somaliland', 'Puntland'
	],
	eastAfrica: ['Kenya', 'Nairobi', 'Dadaab', 'Kakuma', 'Uganda', 'Kampala', 'Yemen', 'اليمن'],
	afghanistan: [
		'Afghanistan', 'Afganistán', 'Afganistan', 'Afghánistán', 'أفغانستان', 'افغانستان',
		'Афганістан', '阿富汗', 'Kabul', 'Kaboul', 'Kábul', 'كابل', 'كابول', 'Кабул', '喀布尔', 'Herat',
		'Hérat', 'هرات', 'Kandahar', 'قندهار', 'Mazar-i-Sharif', 'Mazar-e-Sharif', 'Mazar-e Sharif',
		'Mazar', 'مزار شریف', 'Jalalabad', 'جلال آباد', 'Kunduz', 'کندز', 'قندوز', 'Ghazni', 'غزنی',
		'Helmand', 'هلمند', 'Nangarhar', 'ننگرهار', 'Balkh', 'بلخ', 'Bamyan', 'Bamiyan', 'بامیان',
		'Badakhshan', 'بدخشان', 'Logar', 'لوگر', 'Paktia', 'Khost', 'خوست', 'Laghman', 'Kapisa', 'Parwan',
		'Wardak', 'Takhar', 'Baghlan', 'Faryab', 'Nimroz', 'Uruzgan', 'Zabul', 'Daikundi', 'Panjshir'
	],
	iran: [
		'Iran', 'Irán', 'Írán', 'إيران', 'ایران', 'ئێران', 'Іран', 'Tehran', 'Teheran', 'Téhéran', 'تهران',
		'Mashhad', 'Mashad', 'مشهد', 'Zahedan', 'زاهدان', 'Isfahan', 'Esfahan', 'اصفهان', 'Shiraz',
		'شیراز', 'Tabriz', 'تبریز', 'Qom', 'Urmia'
	],
	pakistan: [
		'Pakistan', 'Pakistán', 'باكستان', 'پاکستان', 'Пакистан', 'পাকিস্তান', '巴基斯坦', 'Karachi',
		'کراچی', 'Lahore', 'لاہور', 'لاهور', 'Islamabad', 'اسلام آباد', 'Peshawar', 'پشاور', 'Quetta',
		'کوئٹہ', 'Rawalpindi', 'راولپنڈی', 'Faisalabad', 'Sialkot', 'سیالکوٹ', 'Gujrat', 'گجرات',
		'Gujranwala', 'Mirpur', 'Multan', 'ملتان', 'Punjab', 'پنجاب', 'Sindh', 'Balochistan',
		'Baluchistan', 'Khyber Pakhtunkhwa', 'Swat', 'Mardan', 'Kashmir', 'کشمیر', 'Azad Kashmir'
	],
	bangladesh: [
		'Bangladesh', 'Bangladés', 'Bangladéš', 'Bangladeş', 'بنغلاديش', 'بنگلہ دیش', 'বাংলাদেশ',
		'孟加拉国', '孟加拉', 'Dhaka', 'Dacca', 'ঢাকা', '达卡', 'Sylhet', 'সিলেট', 'Chittagong',
		'Chattogram', 'চট্টগ্রাম', 'Comilla', 'Cumilla', 'কুমিল্লা', 'Noakhali', 'নোয়াখালী', 'Madaripur',
		'মাদারীপুর', 'Shariatpur', 'শরীয়তপুর', 'Sunamganj', 'সুনামগঞ্জ', 'Moulvibazar', 'Maulvibazar',
		'মৌলভীবাজার', 'Habiganj', 'হবিগঞ্জ', 'Khulna', 'খুলনা', 'Rajshahi', 'রাজশাহী', 'Barisal',
		'Barishal', 'বরিশাল', 'Faridpur', 'ফরিদপুর', 'Gopalganj', 'Narayanganj', 'Gazipur',
		'Brahmanbaria', 'Feni', 'Rangpur', 'Mymensingh'
	],
	india: ['India', 'Inde', 'Indie', 'Indië', 'Hindistan', 'ভারত', 'Kolkata', 'Calcutta', 'Delhi', 'New Delhi', 'Mumbai'],
	gulf: [
		'United Arab Emirates', 'Emirates', 'Émirats arabes unis', 'Emirati Arabi Uniti', 'الإمارات',
		'Dubai', 'Dubaï', 'Dubái', 'دبي', 'دبی', 'دبئی', 'দুবাই', 'Sharjah', 'Abu Dhabi', 'أبوظبي',
		'Saudi Arabia', 'Arabie saoudite', 'Arabia Saudita', 'السعودية', 'সৌদি আরব', 'Riyadh', 'Jeddah'
	],
	iraq: [
		'Iraq', 'Irak', 'Irák', 'Iraku', 'العراق', 'عراق', 'عێراق', 'Ірак', '伊拉克', 'Baghdad', 'Bagdad',
		'بغداد', 'Mosul', 'Mossoul', 'الموصل', 'موصل', 'Erbil', 'Arbil', 'Hewler', 'Hawler', 'Hewlêr',
		'أربيل', 'هەولێر', 'Sulaymaniyah', 'Sulaimaniya', 'Slemani', 'Silêmanî', 'السليمانية',
		'سلێمانی', 'Kirkuk', 'كركوك', 'کەرکووک', 'Duhok', 'Dohuk', 'Dahuk', 'دهوك', 'دهۆک', 'Basra',
		'Bassora', 'البصرة', 'Sinjar', 'Shingal', 'سنجار', 'Kurdistan', 'Kurdistán', 'Kürdistan',
		'كردستان', 'کوردستان', 'Halabja', 'Zakho', 'Ranya'
	],
	syria: [
		'Syria', 'Syrie', 'Siria', 'Syrië', 'Sýrie', 'Suriye', 'سوريا', 'سورية', 'سوریه',
		'سووریا', 'Сирія', '叙利亚', 'Damascus', 'Damas', 'Damasco', 'Damašek', 'Şam', 'دمشق', 'Aleppo',
		'Alep', 'Alepo', 'Halab', 'Halep', 'حلب', 'Homs', 'حمص', 'Hama', 'حماة', 'Idlib', 'إدلب',
		'Raqqa', 'Raqqah', 'الرقة', 'Deir ez-Zor', 'Deir ez Zor', 'دير الزور', 'Qamishli', 'القامشلي',
		'Kobani', 'Kobane', 'كوباني', 'Afrin', 'عفرين', 'Daraa', 'درعا', 'Latakia', 'اللاذقية'
	],
	lebanon: ['Lebanon', 'Liban', 'Libano', 'Líbano', 'Libanon', 'لبنان', 'Beirut', 'Beyrouth', 'بيروت'],
	israel: ['Israel', 'Israël', 'Israele', 'إسرائيل', 'እስራኤል', 'Tel Aviv'],
	turkey: [
		'Turkey', 'Türkiye', 'Turquie', 'Turchia', 'Turquía', 'Turkije', 'Turecko', 'Turecku', 'Turqi',
		'Turqia', 'Turkiyya', 'تركيا', 'ترکیه', 'ترکی', 'تورکیا', 'Туреччина', 'Турция', 'তুরস্ক', '土耳其',
		'Istanbul', 'İstanbul', 'Estambul', 'Stamboll', 'إسطنبول', 'استانبول', 'Стамбул',
		'伊斯坦布尔', 'Izmir', 'İzmir', 'Esmirna', 'إزمير', 'ازمیر', 'Ankara', 'أنقرة', 'Edirne',
		'Bodrum', 'Ayvalık', 'Çeşme', 'Dikili', 'Van', 'Gaziantep', 'Antalya', 'Mersin', 'Adana',
		'Şanlıurfa', 'Urfa', 'Konya', 'Bursa', 'Hatay', 'Kilis'
	],
	albania: [
		'Albania', 'Albanie', 'Albanië', 'Albánie', 'Arnavutluk', 'Shqipëri', 'Shqipëria', 'Shqipërisë',
		'ألبانيا', 'Албанія', '阿尔巴尼亚', 'Tirana', 'Tiranë', 'Tiranës', 'Vlorë', 'Vlora', 'Vlorës',
		'Valona', 'Durrës', 'Durrësi', 'Durazzo', 'Shkodër', 'Shkodra', 'Scutari', 'Elbasan', 'Fier',
		'Korçë', 'Korça', 'Berat', 'Lezhë', 'Kukës', 'Sarandë', 'Saranda', 'Gjirokastër', 'Lushnjë',
		'Kavajë'
	],
	colombia: [
		'Colombia', 'Colombie', 'Kolumbie', 'Kolombiya', 'Kolumbia', 'كولومبيا', 'Колумбія', '哥伦比亚',
		'Bogotá', 'Medellín', 'Cali', 'Barranquilla', 'Cartagena', 'Pereira', 'Cúcuta', 'Bucaramanga',
		'Buenaventura', 'Manizales', 'Santa Marta', 'Ibagué', 'Villavicencio', 'Tumaco', 'Venezuela',
		'Caracas', 'Maracaibo'
	],
	china: [
		'China', 'Chine', 'Cina', 'Čína', 'Çin', 'الصين', 'Китай', '中国', 'Wenzhou', '温州',
		'Zhejiang', '浙江', 'Fujian', '福建', 'Fuzhou', '福州', 'Qingtian', '青田', 'Beijing', '北京',
		'Shanghai', '上海', 'Guangzhou', '广州'
	]
};

/**
 * Listed places that are also everyday words or first names in the portal's languages ("nice",
 * Italian "prato" and "porto", Czech "sumy", Dutch "van"): suggested only when written with a
 * capital letter and not at the start of a sentence, where the capital says nothing.
 */
// prettier-ignore
export const PLACE_NAMES_ALSO_COMMON_WORDS: readonly string[] = [
	'Nice', 'Menton', 'Delta', 'Rivers', 'Plateau', 'Okada', 'Aba', 'Imo', 'Guinea', 'Togo', 'Nyala',
	'Prato', 'Porto', 'Latina', 'Pisa', 'Crete', 'Creta', 'Mali', 'Van', 'Turkey', 'China', 'Sumy',
	'Суми', 'Sawa', 'Shire', 'Tarifa', 'Granada', 'Palma', 'Gozo', 'Moria', 'Kos', 'Fier', 'Gent',
	'Luik', 'Assen', 'Delft', 'Essen', 'Swat', 'Marsa', 'Fas', 'Fez'
];
