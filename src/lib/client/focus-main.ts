/**
 * Moves the focus to the page's main landmark (`<main id="main">`), as a skip link or a view
 * that replaces the focused form should: the next Tab starts there and a screen reader reads on
 * from there. The landmark is focusable only while it holds the focus, so a later click in the
 * page does not send the next Tab back to its start. Returns whether there was a landmark.
 */
export function focusMain(): boolean {
	const main = document.getElementById('main');
	if (!main) return false;
	main.setAttribute('tabindex', '-1');
	main.addEventListener('blur', () => main.removeAttribute('tabindex'), { once: true });
	main.focus();
	return true;
}
