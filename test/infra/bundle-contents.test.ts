/**
 * What each production bundle carries. Every function is bundled with the CDK build's esbuild settings
 * (bench/esbuild.ts, from infra/aws/function.ts) and its metafile is read: no local stand-in (infra/local, the
 * outbox, the in-process bus, the Strava sandbox) and nothing from test/ may reach a Lambda, and the only
 * AWS SDK clients in it are those the function's `access` in infra/wiring.ts allows. A handler that
 * starts importing a client it has no right to use fails here, before it costs cold-start time on AWS.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { lambdaBuildOptions } from '../../bench/esbuild.js';
import { type Access, FUNCTIONS } from '../../infra/wiring.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The `@aws-sdk/client-*` packages a function with this access may carry (DynamoDB always). */
function allowedClients(access: Access): Set<string> {
  const allowed = new Set(['@aws-sdk/client-dynamodb']);
  if (access.publishEvents) allowed.add('@aws-sdk/client-eventbridge');
  if (access.sendSms || access.sendEmail || access.manageEmailSubscriptions) allowed.add('@aws-sdk/client-sns');
  if (access.sendEmail) allowed.add('@aws-sdk/client-sesv2');
  if (access.cipher) allowed.add('@aws-sdk/client-kms');
  if (access.secrets) allowed.add('@aws-sdk/client-secrets-manager');
  return allowed;
}

/** `node_modules/@aws-sdk/client-sns/dist-es/...` → `@aws-sdk/client-sns`. */
function sdkClientOf(input: string): string | null {
  const match = /node_modules\/(@aws-sdk\/client-[a-z0-9-]+)\//.exec(input);
  return match ? match[1]! : null;
}

async function inputsOf(entry: string): Promise<string[]> {
  const result = await build({
    ...lambdaBuildOptions(root),
    entryPoints: [path.join(root, entry)],
    write: false,
    outdir: path.join(root, 'cdk.out', 'bundle-contents'),
    metafile: true,
  });
  return Object.keys(result.metafile.inputs);
}

describe('production bundles', () => {
  for (const fn of FUNCTIONS) {
    it(`${fn.name} carries no local stand-in and only the AWS clients it may use`, async () => {
      const inputs = await inputsOf(fn.entry);
      // Sanity: the handler itself is in its bundle (a wrong entry would make the checks below vacuous).
      expect(inputs).toContain(fn.entry);

      const local = inputs.filter((i) => i.startsWith('infra/local/') || i.startsWith('test/'));
      expect(local, 'local-only modules in a Lambda bundle').toEqual([]);

      const clients = [...new Set(inputs.map(sdkClientOf).filter((c): c is string => c !== null))].sort();
      const allowed = allowedClients(fn.access);
      expect(
        clients.filter((c) => !allowed.has(c)),
        `AWS clients beyond ${fn.name}'s access`,
      ).toEqual([]);
    }, 60_000);
  }
});
