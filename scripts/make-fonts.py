#!/usr/bin/python3
"""Makes the survivor pages' fallback fonts and their @font-face rules.

Debian Chromium's own fonts (DejaVu, Liberation) have no Ethiopic, Bengali or Chinese letters
and lack a few Urdu and Pashto ones, so those showed as boxes on a machine without other fonts.
This script cuts small WOFF2 files out of Noto fonts taken from pinned Debian packages:

  static/fonts/common.woff2  the language names on the language page (ትግርኛ, বাংলা, 中文) and
                             the Urdu and Pashto letters DejaVu Sans lacks
  static/fonts/ti.woff2      the same, and every Ethiopic letter of messages/ti.json
  static/fonts/bn.woff2      the same, and the whole Bengali block
  static/fonts/zh.woff2      the same, and every Chinese character of messages/zh.json

and writes src/routes/(survivor)/fonts.css, which loads at most one of them per page, and only
when the device has no font of its own for those letters. Run it again after changing
messages/ti.json or messages/zh.json or a language's name in src/lib/i18n.ts.

Needs Debian bookworm's apt-get and dpkg-deb, and python3-fonttools and python3-brotli
(apt-get install python3-fonttools python3-brotli). The portal only reads the committed files.
"""

import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.merge import Merger
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

# Fixed timestamps inside the fonts, so the same sources give the same files.
os.environ['SOURCE_DATE_EPOCH'] = '1608854400'

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / 'static' / 'fonts'
CSS = ROOT / 'src' / 'routes' / '(survivor)' / 'fonts.css'

# Pinned sources: the Debian bookworm packages, checked by their SHA-256.
PACKAGES = {
    'fonts-noto-core': ('20201225-1', '58f4f0bb6720f919f92096b3508e1412a0f1544424ade6c5b5bf1eb694dd64ba'),
    'fonts-noto-cjk': ('1:20220127+repack1-1', '4a2515eb6db3978b897fef9709ed0d2b1f4c6c4df4d83d6c4ef65f71f1b1f502'),
}


def code_points(*ranges):
    return {c for first, last in ranges for c in range(first, last + 1)}


# Each script: its source font (package, file, index in a collection), the code points it may
# cover, and the names under which a device may already have such a font (Android and Linux,
# Windows, Apple), so that such a device downloads nothing.
SCRIPTS = {
    'ethiopic': {
        'source': ('fonts-noto-core', 'usr/share/fonts/truetype/noto/NotoSansEthiopic-Regular.ttf', 0),
        'range': code_points((0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F)),
        'local': ['Noto Sans Ethiopic', 'NotoSansEthiopic-Regular', 'Abyssinica SIL', 'Nyala', 'Kefa'],
    },
    'bengali': {
        'source': ('fonts-noto-core', 'usr/share/fonts/truetype/noto/NotoSansBengali-Regular.ttf', 0),
        'range': code_points((0x0980, 0x09FF), (0x0964, 0x0965)),
        'local': ['Noto Sans Bengali', 'NotoSansBengali-Regular', 'Vrinda', 'Kohinoor Bangla'],
    },
    'han': {
        'source': ('fonts-noto-cjk', 'usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 2),
        'range': code_points((0x3000, 0x303F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xFF00, 0xFFEF)),
        'local': [
            'Noto Sans CJK SC',
            'NotoSansCJKsc-Regular',
            'Source Han Sans SC',
            'PingFang SC',
            'Microsoft YaHei',
            'Droid Sans Fallback',
        ],
    },
    'arabic': {
        'source': ('fonts-noto-core', 'usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf', 0),
        # Letters of Urdu (ہ ۂ ۃ ے ۓ ۔ …) and Pashto (ۍ) that DejaVu Sans 2.37 does not have.
        'range': {0x06C0, 0x06C1, 0x06C2, 0x06C3, 0x06C4, 0x06C5, 0x06C9, 0x06CA, 0x06CD, 0x06CF}
        | code_points((0x06D1, 0x06D4)),
        'local': ['Noto Sans Arabic', 'NotoSansArabic-Regular', 'Noto Naskh Arabic', 'Segoe UI', 'Geeza Pro'],
    },
}


def language_names():
    source = (ROOT / 'src' / 'lib' / 'i18n.ts').read_text(encoding='utf-8')
    block = re.search(r'LOCALE_NAMES[^{]*\{(.*?)\n\};', source, re.S).group(1)
    return ''.join(re.findall(r":\s*'([^']*)'", block))


def messages_text(locale):
    messages = json.loads((ROOT / 'messages' / f'{locale}.json').read_text(encoding='utf-8'))
    return '\n'.join(value for key, value in messages.items() if key != '$schema')


def in_script(script, text):
    return {ord(char) for char in text} & SCRIPTS[script]['range']


def fetch_packages(work):
    """Downloads the pinned packages with apt-get, checks them and unpacks them into `work`."""
    for name, (version, sha256) in PACKAGES.items():
        subprocess.run(['apt-get', 'download', f'{name}={version}'], cwd=work, check=True)
        deb = next(work.glob(f'{name}_*.deb'))
        digest = hashlib.sha256(deb.read_bytes()).hexdigest()
        if digest != sha256:
            sys.exit(f'{deb.name}: SHA-256 {digest}, expected {sha256}')
        subprocess.run(['dpkg-deb', '-x', str(deb), str(work / name)], check=True)


def cff_to_glyf(font):
    """Redraws PostScript outlines as TrueType ones, so the fonts can be merged into one file."""
    glyph_set = font.getGlyphSet()
    glyf = newTable('glyf')
    glyf.glyphOrder = font.getGlyphOrder()
    glyf.glyphs = {}
    for name in glyf.glyphOrder:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font['glyf'] = glyf
    font['loca'] = newTable('loca')
    for table in ('CFF ', 'VORG', 'vhea', 'vmtx'):
        if table in font:
            del font[table]
    maxp = font['maxp']
    maxp.tableVersion = 0x00010000
    for field in ('maxZones', 'maxTwilightPoints', 'maxStorage', 'maxFunctionDefs', 'maxInstructionDefs',
                  'maxStackElements', 'maxSizeOfInstructions', 'maxComponentElements', 'maxComponentDepth'):
        setattr(maxp, field, 1 if field == 'maxZones' else 0)
    font['head'].glyphDataFormat = 0
    font['post'].formatType = 3.0
    font.sfntVersion = '\0\1\0\0'


def cut(work, script, chars, path):
    """The glyphs of `chars` from the script's font, with what shaping them needs, as a TrueType file."""
    package, file, number = SCRIPTS[script]['source']
    font = TTFont(work / package / file, fontNumber=number, lazy=False)
    options = subset.Options()
    options.layout_features = ['*']
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = [0, 1, 2]
    options.drop_tables += ['vhea', 'vmtx', 'VORG', 'DSIG']
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(chars))
    subsetter.subset(font)
    if 'CFF ' in font:
        cff_to_glyf(font)
    font.save(path)


def build(work, name, parts):
    """Merges the parts (script → code points) into static/fonts/<name>.woff2."""
    files = []
    for script, chars in parts.items():
        path = work / f'{name}-{script}.ttf'
        cut(work, script, chars, path)
        files.append(str(path))
    merged = Merger().merge(files)
    for record in merged['name'].names:
        if record.nameID == 1:
            record.string = 'TRIPS Voice Fallback'
    merged.flavor = 'woff2'
    target = OUT / f'{name}.woff2'
    merged.save(target)
    covered = set(TTFont(target).getBestCmap())
    return {script: sorted(chars & covered) for script, chars in parts.items()}


def unicode_range(points):
    ranges = []
    for point in points:
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return ', '.join(f'U+{a:X}' if a == b else f'U+{a:X}-{b:X}' for a, b in ranges)


# The device's fonts are app.css's `--system-fonts`; the portal's fallback comes after them.
STACK = 'var(--system-fonts), {family}, sans-serif'


def css(coverage):
    lines = [
        '/*',
        ' * Generated by scripts/make-fonts.py: edit that script, not this file.',
        ' *',
        " * Letters Debian Chromium's own fonts lack, from the portal's own files (static/fonts/).",
        " * They come after the device's fonts: a phone that has the script's font uses it, and a",
        ' * local() font of that script is used before any download. Each page fetches at most one',
        ' * file (every locale file holds the language names too), and only if it shows one of its',
        ' * characters, as unicode-range says.',
        ' */',
    ]
    for name, scripts in coverage.items():
        family = "'TRIPS Voice Fallback'" if name == 'common' else f"'TRIPS Voice Fallback {name}'"
        for script, points in scripts.items():
            local = ', '.join(f"local('{font}')" for font in SCRIPTS[script]['local'])
            lines += [
                '',
                '@font-face {',
                f'\tfont-family: {family};',
                f"\tsrc: {local}, url('/fonts/{name}.woff2') format('woff2');",
                '\tfont-display: swap;',
                f'\tunicode-range: {unicode_range(points)};',
                '}',
            ]
    for name in coverage:
        family = "'TRIPS Voice Fallback'" if name == 'common' else f"'TRIPS Voice Fallback {name}'"
        selector = ':root' if name == 'common' else f':root:lang({name})'
        lines += ['', f'{selector} {{', f'\tfont-family: {STACK.format(family=family)};', '}']
    return '\n'.join(lines) + '\n'


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    names = language_names()
    common = {script: in_script(script, names) for script in ('ethiopic', 'bengali', 'han')}
    common['arabic'] = SCRIPTS['arabic']['range']
    locales = {
        'common': common,
        'ti': {**common, 'ethiopic': common['ethiopic'] | in_script('ethiopic', messages_text('ti'))},
        'bn': {**common, 'bengali': common['bengali'] | SCRIPTS['bengali']['range']},
        'zh': {**common, 'han': common['han'] | in_script('han', messages_text('zh'))},
    }
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        fetch_packages(work)
        coverage = {name: build(work, name, parts) for name, parts in locales.items()}
        license_text = (work / 'fonts-noto-core' / 'usr/share/doc/fonts-noto-core/copyright').read_text()
    # The OFL's text as Debian's copyright file carries it: indented, with "." for blank lines.
    ofl = re.search(r'^License: OFL-1\.1\n((?: .*\n)+)', license_text, re.M).group(1)
    (OUT / 'OFL.txt').write_text(
        '\n'.join('' if line.strip() == '.' else line[1:] for line in ofl.splitlines()) + '\n'
    )
    CSS.write_text(css(coverage))
    subprocess.run(['npx', 'prettier', '--write', str(CSS)], cwd=ROOT, check=True)
    for name in coverage:
        print(f'static/fonts/{name}.woff2: {(OUT / f"{name}.woff2").stat().st_size} bytes')


main()
