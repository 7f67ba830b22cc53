import { describe, expect, it } from 'vitest';
import { islandPropsId, islandPropsScript } from './islands';

describe('an island’s props in the page', () => {
	const props = {
		questions: [{ id: 'q1', text: 'Where </script><script>alert(1)</script> and <!-- <SCRIPT> end?' }],
		referral: '</ScRiPt ><img src=x onerror=alert(1)>',
		note: 'a & b > c \u2028 d'
	};
	const element = islandPropsScript('tell', props);
	const opening = `<script type="application/json" id="${islandPropsId('tell')}">`;

	it('sit in one script element the browser reads as data, with no `<` inside to end it early', () => {
		expect(element.startsWith(opening)).toBe(true);
		expect(element.endsWith('</script>')).toBe(true);
		const content = element.slice(opening.length, -'</script>'.length);
		// An HTML parser leaves a script element's text only at `</script`, and `<!--` changes how
		// it looks for that: with no `<` at all, neither can happen.
		expect(content).not.toContain('<');
	});

	it('read back exactly as they were', () => {
		const content = element.slice(opening.length, -'</script>'.length);
		expect(JSON.parse(content)).toEqual(props);
	});
});
