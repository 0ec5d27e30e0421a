/**
 * Per-function composition. Each function lists what it uses in its own `functions/<name>/deps.ts`,
 * built from the capability factories in this folder (one file per capability, each importing only its
 * own AWS SDK client), so esbuild bundles only those clients into that function. The CDK access in
 * infra/wiring.ts says which clients a function may carry; test/infra/bundle-contents.test.ts holds
 * every bundle to it.
 */
export type Env = Record<string, string | undefined>;

export interface Composition<T> {
  /** The function's dependencies, built on first use from process.env and kept for the warm container. */
  (): Promise<T>;
  /** Builds them from the given environment, uncached (tests: the environment the stack sets). */
  build(env: Env): Promise<T>;
}

const caches = new Set<{ reset(): void }>();

export function composition<T>(build: (env: Env) => Promise<T> | T): Composition<T> {
  let cached: Promise<T> | undefined;
  const get = () => {
    cached ??= Promise.resolve()
      .then(() => build(process.env))
      .catch((err: unknown) => {
        cached = undefined; // the next invocation tries again instead of keeping the failure
        throw err;
      });
    return cached;
  };
  caches.add({ reset: () => (cached = undefined) });
  return Object.assign(get, { build: async (env: Env) => build(env) });
}

/** Drops every function's cached dependencies (the local runtime and tests, after changing the environment). */
export function resetCompositions(): void {
  for (const c of caches) c.reset();
}
