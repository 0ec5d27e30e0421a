import { page } from '../../shared/web/layout.js';

/**
 * What a runner sees after deleting their account (`GET /deleted`): the list of what is gone, so the
 * button's effect is confirmed in words rather than by the page silently turning into the landing page.
 */
export function deletedPage(): string {
  return page(
    'Your data is deleted',
    `<h1>Your data is deleted</h1>
<p>runnudge no longer keeps anything about you. We removed:</p>
<ul id="removed">
<li>your runner account and your sign-in</li>
<li>your settings: mobile number, email address, time zone, quiet hours and reminders</li>
<li>the workouts we copied from Strava</li>
<li>your check-ins: core sessions, back-pain answers and plank tests</li>
<li>the history of texts and emails we sent you</li>
<li>our access to your Strava account, which we revoked at Strava</li>
</ul>
<p>Nothing more will be sent to you. Your activities on Strava itself are untouched.</p>
<p><a class="button" href="/connect/strava">Connect with Strava again</a></p>`,
  );
}
