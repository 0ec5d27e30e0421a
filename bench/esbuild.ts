import type { BuildOptions } from 'esbuild';
import { ESM_REQUIRE_BANNER, LAMBDA_BUNDLE } from '../infra/aws/function.js';

/** esbuild options equal to what CDK's NodejsFunction runs for a runnudge Lambda (infra/aws/function.ts). */
export function lambdaBuildOptions(root: string): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: LAMBDA_BUNDLE.target,
    mainFields: [...LAMBDA_BUNDLE.mainFields],
    minify: LAMBDA_BUNDLE.minify,
    keepNames: LAMBDA_BUNDLE.keepNames,
    sourcemap: false,
    banner: { js: ESM_REQUIRE_BANNER },
    logLevel: 'error',
    absWorkingDir: root,
  };
}
