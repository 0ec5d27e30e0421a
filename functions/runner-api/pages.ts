import { formatDistance, formatDuration, unitsOf } from '../../shared/domain/units.js';
import type { Runner } from '../../shared/domain/types.js';
import { escapeHtml } from '../../shared/http/response.js';
import type { WeekStatus } from '../../shared/usecases/runner-profile.js';
import { page } from '../../shared/web/layout.js';

export function landingPage(): string {
  return page(
    'Welcome',
    `<h1>runnudge</h1>
<p>After every run, a short text telling you which stretches to do now. During the week, a nudge for
core work and a watch on speed work; on Sunday, a mileage-balance email.</p>
<p><a class="button" id="connect" href="/connect/strava">Connect with Strava</a></p>`,
  );
}

const attr = (v: string | null | undefined) => escapeHtml(v ?? '');

export function settingsPage(runner: Runner, week: WeekStatus): string {
  const s = runner.settings;
  const units = unitsOf(runner);
  return page(
    'Settings',
    `<h1>Hi ${escapeHtml(runner.firstName)}</h1>
<p class="status" id="connection">Strava connected (athlete ${runner.athleteId}).</p>

<h2>This week (${escapeHtml(week.week)})</h2>
<table id="week">
<tr><td>Runs</td><td>${week.runs}</td></tr>
<tr><td>Distance</td><td>${escapeHtml(formatDistance(week.distanceM, units))}</td></tr>
<tr><td>Time</td><td>${escapeHtml(formatDuration(week.movingTimeS))}</td></tr>
<tr><td>Speed work</td><td id="speedShare">${Math.round(week.speedShare * 100)}% (keep it at ${Math.round(week.speedShareMax * 100)}% or less)</td></tr>
<tr><td>Core sessions</td><td id="coreSessions">${week.coreSessions} of ${week.coreTarget}</td></tr>
<tr><td>Rest days so far</td><td>${week.restDays}</td></tr>
</table>
<p class="note" id="attribution">Powered by <a href="https://www.strava.com">Strava</a> · <a href="/api/me/export" download="runnudge-export.json">Download everything we keep about you</a> (JSON)</p>
<p><button type="button" id="logCore">Log a core session today</button> <button type="button" class="secondary" id="logAnotherCore" hidden>Log another one today</button> <span id="coreLogged" class="note" role="status"></span></p>

<h2>Where and when we reach you</h2>
<form id="settings" novalidate>
  <div id="errorSummary" class="error-summary" tabindex="-1" aria-labelledby="errorSummaryTitle" hidden>
    <h3 id="errorSummaryTitle">Your settings were not saved</h3><ul></ul>
  </div>
  <label for="phone">Mobile number (international, e.g. +14155550123)</label>
  <input type="tel" id="phone" name="phone" value="${attr(s.phone)}" autocomplete="tel" aria-describedby="phone-error">
  <div class="error" id="phone-error" data-for="phone"></div>

  <label for="email">Email (for the weekly mileage balance)</label>
  <input type="email" id="email" name="email" value="${attr(s.email)}" autocomplete="email" aria-describedby="email-error">
  <div class="error" id="email-error" data-for="email"></div>
  <p class="note">After you save a new address, confirm it from the email we send (Amazon SNS asks first);
  until then the weekly mileage balance cannot reach you.</p>

  <label for="timeZone">Time zone</label>
  <input type="text" id="timeZone" name="timeZone" value="${attr(s.timeZone)}" list="zones" aria-describedby="timeZone-error">
  <datalist id="zones"></datalist>
  ${s.timeZoneSetByRunner ? '' : '<div class="note" id="zoneFollows">Until you change it, this follows the zone of your latest run.</div>'}
  <div class="note" id="zoneHint"></div>
  <div class="error" id="timeZone-error" data-for="timeZone"></div>

  <div class="row">
    <div><label for="quietStart">Quiet from</label><input type="time" id="quietStart" name="quietStart" value="${attr(s.quietHours.start)}" aria-describedby="quietStart-error">
    <div class="error" id="quietStart-error" data-for="quietHours.start"></div></div>
    <div><label for="quietEnd">until</label><input type="time" id="quietEnd" name="quietEnd" value="${attr(s.quietHours.end)}" aria-describedby="quietEnd-error">
    <div class="error" id="quietEnd-error" data-for="quietHours.end"></div></div>
  </div>
  <p class="note">A run finished during quiet hours gets its text when they end.</p>

  <label for="units">Distances in</label>
  <select id="units" name="units" aria-describedby="units-error">
    <option value="meters"${units === 'meters' ? ' selected' : ''}>kilometres</option>
    <option value="feet"${units === 'feet' ? ' selected' : ''}>miles</option>
  </select>
  <div class="error" id="units-error" data-for="units"></div>

  <label>Channels</label>
  <label class="check"><input type="checkbox" id="sms" name="sms" ${s.channels.sms ? 'checked' : ''}> Texts</label>
  <label class="check"><input type="checkbox" id="emailOn" name="emailOn" ${s.channels.email ? 'checked' : ''}> Email</label>

  <label>Reminders</label>
  <label class="check"><input type="checkbox" id="dailyStretch" name="dailyStretch" ${s.dailyStretch ? 'checked' : ''}> A hamstring stretch reminder on days without a run</label>
  <p><button type="submit">Save</button> <span id="saved" class="note" role="status"></span></p>
</form>

<h2>Sign out</h2>
<p class="note">Signs you out in this browser. Your settings and data stay; connect with Strava to sign in again.</p>
<form method="post" action="/signout"><button class="secondary" id="signout" type="submit">Sign out</button></form>

<h2>Disconnect</h2>
<p class="note">Revokes our access at Strava and deletes everything we keep about you.</p>
<button class="secondary" id="disconnect" type="button">Disconnect and delete my data</button>

<script>
const form = document.getElementById('settings');
const zones = (Intl.supportedValuesOf ? Intl.supportedValuesOf('timeZone') : []);
document.getElementById('zones').innerHTML = zones.map((z) => '<option value="' + z + '">').join('');
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
if (browserZone && form.timeZone.value !== browserZone) {
  document.getElementById('zoneHint').textContent = 'Your browser says ' + browserZone + '.';
}
form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const summary = document.getElementById('errorSummary');
  summary.hidden = true;
  document.querySelectorAll('.error').forEach((el) => { el.textContent = ''; });
  document.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  const body = {
    phone: form.phone.value.trim() || null,
    email: form.email.value.trim() || null,
    // Sending a zone makes it the runner's choice; an untouched field keeps following their runs.
    ...(form.timeZone.value.trim() !== form.timeZone.defaultValue ? { timeZone: form.timeZone.value.trim() } : {}),
    quietHours: { start: form.quietStart.value, end: form.quietEnd.value },
    channels: { sms: form.sms.checked, email: form.emailOn.checked },
    units: form.units.value,
    dailyStretch: form.dailyStretch.checked,
  };
  const res = await fetch('/api/me/settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const out = await res.json().catch(() => ({ error: { message: 'Something went wrong on our side; please try again.' } }));
  if (res.ok) { document.getElementById('saved').textContent = 'Saved.'; return; }
  document.getElementById('saved').textContent = '';
  // Each error sits under its field (aria-describedby) and is listed, as a link to the field, in a
  // summary at the top of the form that takes focus: on a phone the field may be off screen.
  const list = summary.querySelector('ul');
  list.replaceChildren();
  for (const f of out.error.fields || []) {
    const el = document.querySelector('[data-for="' + f.field + '"]');
    const input = el && document.querySelector('[aria-describedby~="' + el.id + '"]');
    if (el) el.textContent = f.message;
    if (input) input.setAttribute('aria-invalid', 'true');
    const label = input && document.querySelector('label[for="' + input.id + '"]');
    const item = document.createElement(input ? 'a' : 'span');
    if (input) item.href = '#' + input.id;
    // The label without its example in brackets: "Mobile number: must start with +…".
    item.textContent = (label ? label.textContent.replace(/\\s*\\(.*$/s, '') + ': ' : '') + f.message;
    list.append(document.createElement('li'));
    list.lastChild.append(item);
  }
  if (!list.children.length) {
    list.append(document.createElement('li'));
    list.lastChild.textContent = out.error.message;
  }
  summary.hidden = false;
  summary.focus();
});
// Today's session counts once however often the button is pressed; a real second one is its own button.
const logCore = async (another) => {
  const res = await fetch('/api/me/core-sessions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(another ? { another: true } : {}) });
  const out = await res.json();
  document.getElementById('coreLogged').textContent = !res.ok ? out.error.message : out.counted ? 'Logged.' : 'Already logged today.';
  if (res.ok) {
    document.getElementById('coreSessions').textContent = out.week.coreSessions + ' of ' + out.week.coreTarget;
    document.getElementById('logAnotherCore').hidden = false;
  }
};
document.getElementById('logCore').addEventListener('click', () => logCore(false));
document.getElementById('logAnotherCore').addEventListener('click', () => logCore(true));
document.getElementById('disconnect').addEventListener('click', async () => {
  if (!confirm('Disconnect Strava and delete all your runnudge data?')) return;
  const res = await fetch('/api/me', { method: 'DELETE' });
  if (res.ok) location.href = '/deleted';
});
</script>`,
  );
}
