#!/bin/sh
# Regenerates the demo's synthesised voice notes in src/lib/demo/voices/: fictional sentences
# spoken by espeak-ng and encoded as small Ogg/Opus files, which browsers play.
# Needs espeak-ng and opus-tools (Debian: apt-get install espeak-ng opus-tools); the demo itself
# only reads the committed files.
set -eu
cd "$(dirname "$0")/../src/lib/demo/voices"
say() {
	espeak-ng -v "$1" -s 150 -w "$2.wav" "$3"
	opusenc --quiet --bitrate 12 --downmix-mono "$2.wav" "$2.ogg"
	rm "$2.wav"
}
say en en 'Fictional example. My residence card expired while I waited for the appointment, and the bank froze my account.'
say fr fr 'Exemple fictif. On m’a dit que sans adresse je ne pouvais pas déposer ma demande de titre de séjour.'
say it it 'Esempio di fantasia. Il permesso è arrivato dopo un anno di attesa.'
say cs cs 'Smyšlený příklad. Na úřadě mi řekli, že bez pracovní smlouvy mi vízum neprodlouží.'
say nl nl 'Verzonnen voorbeeld. Mijn vergunning kwam pas na de aangifte.'
say ar ar 'مثال خيالي. طلبوا مني أوراقًا من بلدي لا أستطيع الحصول عليها.'
say uk uk 'Вигаданий приклад. Мені відмовили в банківському рахунку.'
