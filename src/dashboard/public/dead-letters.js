// The dead letters of every module, from the admin API (an admin token needed): what each module gave up
// delivering after its attempts, with a button to put one back in its outbox.
import { api, byId, el, replaceChildren, shortName, token } from './dom.js';

export async function loadDeadLetters() {
  const state = byId('dead-letter-state');
  if (!token()) {
    state.textContent = 'Give the page an admin token (above) to see them.';
    return;
  }
  try {
    renderDeadLetters((await api('/api/v1/admin/dead-letters?limit=50')).body);
  } catch (error) {
    state.textContent = `The dead letters are unavailable: ${error.message}`;
  }
}

function renderDeadLetters(page) {
  const totals = Object.entries(page.totals).map(([module, count]) => `${module} ${count}`).join(', ');
  const summary = byId('dead-letter-totals');
  summary.textContent = `Per module: ${totals || 'none answered'}${page.unavailable.length ? `; not reachable now: ${page.unavailable.join(', ')}` : ''}.`;
  summary.setAttribute('data-unavailable', page.unavailable.join(','));
  const rows = page.items.map((letter) =>
    el('tr', { 'data-dead-letter-id': letter.id, 'data-module': letter.module }, [
      el('td', { className: 'note', text: new Date(letter.deadLetteredAt).toLocaleString() }),
      el('td', { title: `message ${letter.messageId}\n${JSON.stringify(letter.payload)}` }, [el('strong', { text: `${shortName(letter.name)} v${letter.version}` })]),
      el('td', { text: `${letter.module} → ${letter.destination}` }),
      el('td', { className: 'number', text: String(letter.attempts) }),
      el('td', { className: 'last-error', text: letter.lastError }),
      el('td', {}, [el('button', { type: 'button', 'data-replay': letter.id, text: 'Replay' })]),
    ]),
  );
  replaceChildren(byId('dead-letters').tBodies[0], rows.length ? rows : [el('tr', {}, [el('td', { colspan: 6, className: 'note', text: 'No dead letters.' })])]);
  byId('dead-letter-state').textContent = `${page.nextCursor ? 'The 50 newest are shown. ' : ''}Refreshed every 5 s.`;
}

export function setUpReplay() {
  byId('dead-letters').addEventListener('click', async (event) => {
    const id = event.target.getAttribute && event.target.getAttribute('data-replay');
    if (!id) return;
    event.target.disabled = true;
    try {
      const { body } = await api(`/api/v1/admin/dead-letters/${encodeURIComponent(id)}/replay`, { method: 'POST' });
      byId('dead-letter-state').textContent = `Replayed ${body.name} ${body.messageId}: it is back in the outbox of ${body.module}.`;
      await loadDeadLetters();
    } catch (error) {
      event.target.disabled = false;
      byId('dead-letter-state').textContent = `Replay failed: ${error.message}`;
    }
  });
}
