/**
 * The quick exit, from the first byte. Survivor pages carry this script inline at the top of
 * their head, allowed by its hash in the Content-Security-Policy (svelte.config.js), so it works
 * before anything else has loaded and on the pages that load no other script at all. It is the
 * one place that notices the person asking to leave:
 *
 * - a click on "Exit this page" (or its skip link);
 * - Shift pressed on its own three times within five seconds (a Shift used for a capital letter
 *   does not count; any other key starts the count again), the count said in the status line
 *   `#exit-status` from texts the server put in its data attributes;
 * - and, not an exit, a click on a link marked `data-replace`, which replaces the current history
 *   entry instead of adding one, so language → safety → testimony leaves one entry in Back;
 * - nor is a click on a Listen link marked `data-listen` (src/lib/components/survivor/listen.svelte):
 *   it plays the recording in an audio element made on that press, beside the link, and a second
 *   press stops it. Without scripts the link opens the recording itself;
 * - nor is a click on a Listen button marked `data-speak`: the browser's own speech synthesis
 *   reads the text of the element it names with a voice of the page's language (the exact one,
 *   such as fa-AF, if the browser has it, else one of the same language), and a second press
 *   stops it.
 *   Such buttons stay hidden (survivor.css) until this script marks `<html data-voice>`, which it
 *   does once the browser lists a voice for the page's language (voices may arrive late, with
 *   `voiceschanged`). Nothing leaves the page.
 *
 * To leave, it first offers a cancelable `trips:exit` event on the document. A page whose own code
 * runs takes it (preventDefault) and leaves with its clean-up: answers in memory, the microphone,
 * the flow's history entries (src/lib/client/quick-exit.ts). Otherwise the script leaves itself:
 * it hides the page, blanks the title and replaces the current entry with the exit site. Either
 * way, speech synthesis stops first.
 * It is kept small and without comments inside: every byte is sent with every page.
 */
export const EARLY_EXIT_SCRIPT = `(()=>{
const d=document,h=d.documentElement,presses=[],S=window.speechSynthesis,L=h.lang.toLowerCase();let other=false,said=null,V=null;
const hush=()=>{said=null;if(S)S.cancel();for(const b of d.querySelectorAll("button[data-playing]"))b.removeAttribute("data-playing")};
const voices=()=>{const vs=S.getVoices(),m=(f)=>vs.find((v)=>f(v.lang.toLowerCase().replace("_","-")));
V=m((l)=>l===L)||m((l)=>l.split("-")[0]===L.split("-")[0])||null;if(V)h.setAttribute("data-voice","")};
if(S){voices();S.addEventListener("voiceschanged",voices)}
const say=(key)=>{const s=d.getElementById("exit-status");if(s)s.textContent=key?s.dataset[key]||"":""};
const leave=(url)=>{hush();say("done");if(!d.dispatchEvent(new Event("trips:exit",{cancelable:true})))return;h.style.display="none";d.title="";location.replace(url)};
const listen=(a)=>{let m=a.nextElementSibling;hush();
if(!(m instanceof HTMLAudioElement)){m=new Audio(a.href);m.preload="none";a.after(m);m.onpause=()=>a.removeAttribute("data-playing")}
if(!m.paused){m.pause();m.currentTime=0;return}
for(const o of d.querySelectorAll("audio"))o.pause();
a.setAttribute("data-playing","");m.play().catch(()=>a.removeAttribute("data-playing"))};
const speak=(b)=>{const on=b.hasAttribute("data-playing"),t=d.getElementById(b.dataset.speak||"");hush();if(on||!S||!t)return;
for(const o of d.querySelectorAll("audio"))o.pause();
const u=new SpeechSynthesisUtterance(t.innerText);u.lang=h.lang;try{u.voice=V}catch{}u.onend=u.onerror=()=>{if(said===u)hush()};
said=u;b.setAttribute("data-playing","");S.speak(u)};
d.addEventListener("click",(e)=>{
if(!(e.target instanceof Element))return;
const b=e.target.closest("button[data-speak]");if(b){speak(b);return}
const a=e.target.closest("a[href]");if(!a)return;
if(a.matches(".exit-button,.skip-exit")){e.preventDefault();leave(a.href)}
else if(a.hasAttribute("data-listen")){e.preventDefault();listen(a)}
else if(a.hasAttribute("data-replace")&&e.button===0&&!(e.ctrlKey||e.metaKey||e.shiftKey||e.altKey)){e.preventDefault();location.replace(a.href)}
},true);
addEventListener("keydown",(e)=>{
if(e.key==="Shift"){other=false;return}
other=true;if(presses.length){presses.length=0;say("")}
},true);
addEventListener("keyup",(e)=>{
if(e.key!=="Shift"||other)return;
const now=Date.now();while(presses.length&&now-presses[0]>=5000)presses.shift();presses.push(now);
if(presses.length<3){say("count"+presses.length);return}
presses.length=0;
const a=d.querySelector("a.exit-button");leave(a?a.href:"about:blank")
},true);
})()`;
