import { DynamoTokenStore } from '../../adapters/dynamo/token-store.js';
import { StravaClient } from '../../adapters/strava/strava-client.js';
import type { TokenStore, TrackerClient } from '../../ports/index.js';
import { measuredFetch } from '../telemetry/metrics.js';
import type { Base } from './base.js';
import { tokenCipher } from './cipher.js';
import type { AppSecrets } from './secrets.js';
import { documentClient } from './table.js';

/** The runner's activity tracker (Strava) and the encrypted tokens it acts with. */
export interface Tracker {
  tokens: TokenStore;
  tracker: TrackerClient;
}

export function tracker(base: Base, secrets: AppSecrets, { doc, table } = documentClient(base)): Tracker {
  const { config, clock } = base;
  const tokens = new DynamoTokenStore(doc, table, tokenCipher(base, secrets));
  const client = new StravaClient({
    apiUrl: config.STRAVA_API_URL,
    oauthUrl: config.STRAVA_OAUTH_URL,
    clientId: config.STRAVA_CLIENT_ID ?? '',
    clientSecret: secrets.stravaClientSecret ?? '',
    tokens,
    clock,
    fetch: measuredFetch(),
  });
  return { tokens, tracker: client };
}
