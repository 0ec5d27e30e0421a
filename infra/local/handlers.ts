import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { FUNCTIONS, type FunctionSpec } from '../wiring.js';
import { lambdaContext } from './lambda-context.js';
import { LocalRuntimeError } from './errors.js';

/** Any of our handlers: API Gateway v2, EventBridge or Scheduler payload in, result out. */
type Handler = (event: unknown, context: Context) => Promise<unknown>;

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const loaded = new Map<string, Promise<Handler>>();

/** Loads a function's handler module from its entry path in the routing table (the same file CDK bundles). */
function load(fn: FunctionSpec): Promise<Handler> {
  let p = loaded.get(fn.name);
  if (!p) {
    p = import(pathToFileURL(path.join(REPO_ROOT, fn.entry)).href).then((mod: { handler?: Handler }) => {
      if (typeof mod.handler !== 'function') throw new LocalRuntimeError(`${fn.entry} does not export a handler`);
      return mod.handler;
    });
    loaded.set(fn.name, p);
  }
  return p;
}

export async function invoke(fn: FunctionSpec, event: unknown): Promise<unknown> {
  const handler = await load(fn);
  return handler(event, lambdaContext(fn));
}

/** Loads every handler up front so that a broken entry fails `npm start`, not the first request. */
export async function loadAll(): Promise<void> {
  await Promise.all(FUNCTIONS.map(load));
}
