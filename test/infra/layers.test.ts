/**
 * The layers of docs/architecture.md as a test. The table in that document is the one statement of who
 * may import whom: this test reads it, builds the import graph of shared/, functions/ and infra/ with
 * the TypeScript parser (type-only imports included), and fails on an edge the table does not allow, on
 * a file outside every layer, on an import that resolves to nothing, on one function importing another
 * function's folder, and on any cycle.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildGraph, type Edge, findCycles, type Graph, listSources } from '../support/import-graph.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DOC = 'docs/architecture.md';

interface Layer {
  name: string;
  layers: string[];
  packages: string[];
}

/** The rows of the layers table: `| \`layer\` | holds | \`a\`, \`b\` | \`pkg\` |`. */
function readLayers(markdown: string): Layer[] {
  const codes = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  const rows = markdown
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => line.split('|').slice(1, -1));
  return rows
    .filter((cells) => cells.length === 4)
    .map(([name, , layers, packages]) => ({ name: codes(name!)[0]!, layers: codes(layers!), packages: codes(packages!) }));
}

/** The most specific layer holding the file: `shared/config.ts` is itself a layer, `shared/app/x.ts` is in `shared/app`. */
function layerOf(file: string, layers: Layer[]): Layer | undefined {
  return layers.filter((l) => file === l.name || file.startsWith(`${l.name}/`)).sort((a, b) => b.name.length - a.name.length)[0];
}

function packageAllowed(pkg: string, allowed: string[]): boolean {
  return allowed.some((a) => (a.endsWith('*') ? pkg.startsWith(a.slice(0, -1)) : pkg === a));
}

/** Every broken rule, as lines a reader can act on (`file:line imports target (rule)`). */
function violations(graph: Graph, layers: Layer[]): string[] {
  const out: string[] = [];
  const where = (e: Edge) => `${e.from}:${e.ref.line} imports ${e.ref.specifier}`;
  for (const file of graph.files) if (!layerOf(file, layers)) out.push(`${file} is in no layer of ${DOC}`);
  for (const { from, ref } of graph.unresolved) out.push(`${from}:${ref.line} imports ${ref.specifier}, which does not exist`);
  for (const e of graph.edges) {
    const own = layerOf(e.from, layers);
    if (!own) continue;
    if (e.external) {
      if (!packageAllowed(e.to, own.packages)) out.push(`${where(e)}: ${own.name} may not use the package ${e.to}`);
      continue;
    }
    const target = layerOf(e.to, layers);
    if (!target) continue; // reported above as a file in no layer
    if (!own.layers.includes(target.name)) out.push(`${where(e)}: ${own.name} may not import ${target.name}`);
    const [fromTop, fromFn] = e.from.split('/');
    const [toTop, toFn] = e.to.split('/');
    if (fromTop === 'functions' && toTop === 'functions' && fromFn !== toFn) {
      out.push(`${where(e)}: a function may not import another function's folder (go through the bus or shared/)`);
    }
  }
  for (const cycle of findCycles(graph.edges.filter((e) => !e.external))) out.push(`cycle: ${cycle.join(' → ')}`);
  return out;
}

const layers = readLayers(readFileSync(path.join(root, DOC), 'utf8'));

describe('layers', () => {
  it(`${DOC} names every layer`, () => {
    expect(layers.map((l) => l.name)).toEqual(
      expect.arrayContaining(['shared/domain', 'shared/usecases', 'shared/app', 'shared/http', 'shared/web', 'shared/config.ts']),
    );
  });

  it('holds: no forbidden import, no file outside a layer, no cycle', () => {
    const graph = buildGraph(root, listSources(root, ['shared', 'functions', 'infra']));
    expect(graph.edges.length).toBeGreaterThan(100);
    expect(violations(graph, layers)).toEqual([]);
  });

  // The same check over real paths with one file's text replaced: proof that it fails when a line is crossed.
  const withText = (file: string, text: string) => {
    const files = listSources(root, ['shared', 'functions', 'infra']);
    return buildGraph(root, files, (f) => (f === file ? text : readFileSync(path.join(root, f), 'utf8')));
  };

  it('fails when the domain imports an adapter, even for a type', () => {
    const graph = withText('shared/domain/time.ts', "import type { Clock } from '../adapters/clock.js';\n");
    // (It may also close a cycle through the ports; the forbidden edge is what must be named.)
    expect(violations(graph, layers)).toContain(
      'shared/domain/time.ts:1 imports ../adapters/clock.js: shared/domain may not import shared/adapters',
    );
  });

  it('fails when the domain uses the AWS SDK', () => {
    const graph = withText('shared/domain/time.ts', "import { SNSClient } from '@aws-sdk/client-sns';\n");
    expect(violations(graph, layers)).toEqual([
      'shared/domain/time.ts:1 imports @aws-sdk/client-sns: shared/domain may not use the package @aws-sdk/client-sns',
    ]);
  });

  it('fails on a cycle and on one function importing another', () => {
    const files = listSources(root, ['shared', 'functions', 'infra']);
    const loop: Record<string, string> = {
      'shared/domain/gsm7.ts': "import './time.js';\n",
      'shared/domain/time.ts': "import './gsm7.js';\n",
    };
    const cycle = buildGraph(root, files, (f) => loop[f] ?? readFileSync(path.join(root, f), 'utf8'));
    expect(violations(cycle, layers)).toEqual(['cycle: shared/domain/gsm7.ts → shared/domain/time.ts → shared/domain/gsm7.ts']);

    const crossing = withText('functions/check-in/handler.ts', "import { handler } from '../runner-api/handler.js';\n");
    expect(violations(crossing, layers)).toContain(
      "functions/check-in/handler.ts:1 imports ../runner-api/handler.js: a function may not import another function's folder (go through the bus or shared/)",
    );
  });
});
