/**
 * The quick exit from the first byte. Survivor pages carry this script inline at the top of
 * their head, allowed by its hash in the Content-Security-Policy (svelte.config.js), so the exit
 * works before anything else has loaded and on the pages that load no other script at all:
 *
 * - a click on "Exit this page" (or its skip link) hides the page, blanks the title and replaces
 *   the current history entry with the channel's exit site;
 * - Shift pressed on its own three times within five seconds does the same (a Shift used for a
 *   capital letter does not count; any other key starts the count again), and the status line
 *   `#exit-status` says how far the count is, from texts the server put in its data attributes;
 * - a link marked `data-replace` replaces the current entry instead of adding one, so moving
 *   from the language page to the safety page to the testimony leaves one entry in Back.
 *
 * Once a page's own code has started (`data-ready` on <html>), that code handles all of this
 * with more to clean up (answers in memory, the flow's history entries) and this script stands
 * aside. It is kept small and without comments inside: every byte is sent with every page.
 * Keep `ShiftCounter` in src/lib/client/quick-exit.ts and this script counting the same way.
 */
export const EARLY_EXIT_SCRIPT = `(()=>{
const d=document,h=d.documentElement,presses=[];let other=false;
const idle=()=>!h.dataset.ready;
const leave=(url)=>{h.style.display="none";d.title="";location.replace(url)};
const say=(key)=>{const s=d.getElementById("exit-status");if(s)s.textContent=key?s.dataset[key]||"":""};
d.addEventListener("click",(e)=>{
if(!idle()||!(e.target instanceof Element))return;
const a=e.target.closest("a[href]");if(!a)return;
if(a.matches(".exit-button,.skip-exit")){e.preventDefault();say("done");leave(a.href)}
else if(a.hasAttribute("data-replace")&&e.button===0&&!(e.ctrlKey||e.metaKey||e.shiftKey||e.altKey)){e.preventDefault();location.replace(a.href)}
},true);
addEventListener("keydown",(e)=>{
if(e.key==="Shift"){other=false;return}
other=true;if(presses.length){presses.length=0;if(idle())say("")}
},true);
addEventListener("keyup",(e)=>{
if(e.key!=="Shift"||other||!idle())return;
const now=Date.now();while(presses.length&&now-presses[0]>=5000)presses.shift();presses.push(now);
if(presses.length<3){say("count"+presses.length);return}
presses.length=0;say("done");
const a=d.querySelector("a.exit-button");leave(a?a.href:"about:blank")
},true);
})()`;
