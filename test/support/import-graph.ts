/**
 * The project's import graph, read with the TypeScript compiler's parser (not a regex), for the layers
 * test (test/infra/layers.test.ts). Every way one file can depend on another counts: `import` and
 * `import type`, `export ... from` and `export type ... from`, `import x = require(...)`, dynamic
 * `import(...)` and type-level `import('...').T`. A type-only edge is still an edge: it couples the files
 * for a reader and for the compiler even if the bundle drops it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

export interface ImportRef {
  /** The module specifier as written: `./x.js`, `zod`, `node:crypto`. */
  specifier: string;
  /** `import type`, `export type`, or an `import('...')` type: erased at runtime. */
  typeOnly: boolean;
  /** `import(...)` called at runtime. */
  dynamic: boolean;
  line: number;
}

/** Reads every module reference in one TypeScript source text. */
export function readImports(fileName: string, text: string): ImportRef[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const refs: ImportRef[] = [];
  const add = (node: ts.Node, spec: ts.Expression | undefined, typeOnly: boolean, dynamic: boolean) => {
    if (!spec || !ts.isStringLiteralLike(spec)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    refs.push({ specifier: spec.text, typeOnly, dynamic, line });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      // Under verbatimModuleSyntax only `import type` is erased; `import { type A }` stays as `import {}`.
      add(node, node.moduleSpecifier, !!node.importClause?.isTypeOnly, false);
    } else if (ts.isExportDeclaration(node)) {
      add(node, node.moduleSpecifier, node.isTypeOnly, false);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, node.isTypeOnly, false);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0], false, true);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal as ts.Expression, true, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return refs;
}

export interface Edge {
  from: string;
  /** A repository-relative path for a project file, or the package name for anything else. */
  to: string;
  external: boolean;
  ref: ImportRef;
}

/** `@aws-sdk/client-sns/dist` → `@aws-sdk/client-sns`; `node:fs/promises` → `node:fs`; `fs` → `node:fs`. */
export function packageName(specifier: string): string {
  if (specifier.startsWith('node:')) return specifier.split('/')[0]!;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return (BUILTINS as readonly string[]).includes(name) ? `node:${name}` : name;
}
const BUILTINS = [
  'assert',
  'buffer',
  'child_process',
  'crypto',
  'events',
  'fs',
  'http',
  'https',
  'net',
  'os',
  'path',
  'perf_hooks',
  'stream',
  'timers',
  'url',
  'util',
  'zlib',
] as const;

/**
 * Resolves a relative specifier from `from` (both repository-relative, `/`-separated) to a file that
 * exists: ESM imports name the emitted `.js`, the source is the `.ts` beside it. Returns null when
 * nothing matches, which the test reports (a broken import is not a layer question, but should not hide).
 */
export function resolveRelative(root: string, from: string, specifier: string): string | null {
  const target = posix.normalize(posix.join(posix.dirname(from), specifier));
  const candidates = [
    target,
    target.replace(/\.js$/, '.ts'),
    target.replace(/\.js$/, '.d.ts'),
    `${target}.ts`,
    `${target}/index.ts`,
  ];
  for (const c of candidates) {
    const abs = join(root, ...c.split('/'));
    if (existsSync(abs) && statSync(abs).isFile()) return c;
  }
  return null;
}

/** Every `.ts` file under `dirs` (repository-relative, `/`-separated), skipping node_modules and cdk.out. */
export function listSources(root: string, dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (abs: string) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'cdk.out' || entry.name.startsWith('.')) continue;
      const child = join(abs, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.ts')) out.push(relative(root, child).split(sep).join('/'));
    }
  };
  for (const d of dirs) {
    const abs = join(root, d);
    if (!existsSync(abs)) continue;
    if (statSync(abs).isDirectory()) walk(abs);
    else out.push(d);
  }
  return out.sort();
}

export interface Graph {
  files: string[];
  edges: Edge[];
  unresolved: { from: string; ref: ImportRef }[];
}

export function buildGraph(root: string, files: string[], read = (f: string) => readFileSync(join(root, f), 'utf8')): Graph {
  const edges: Edge[] = [];
  const unresolved: Graph['unresolved'] = [];
  for (const from of files) {
    for (const ref of readImports(from, read(from))) {
      if (ref.specifier.startsWith('.')) {
        const to = resolveRelative(root, from, ref.specifier);
        if (to === null) unresolved.push({ from, ref });
        else edges.push({ from, to, external: false, ref });
      } else {
        edges.push({ from, to: packageName(ref.specifier), external: true, ref });
      }
    }
  }
  return { files, edges, unresolved };
}

/**
 * The import cycles between project files: every strongly connected component of more than one file
 * (Tarjan), plus a file importing itself. Each cycle is reported as one concrete loop through the
 * component, starting from its alphabetically first file, so the message names a path a reader can follow.
 */
export function findCycles(edges: { from: string; to: string }[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) {
    if (!next.has(from)) next.set(from, []);
    if (!next.get(from)!.includes(to)) next.get(from)!.push(to);
  }
  for (const list of next.values()) list.sort();
  const nodes = [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort();
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  const strongConnect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        strongConnect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      const selfLoop = component.length === 1 && (next.get(v) ?? []).includes(v);
      if (component.length > 1 || selfLoop) components.push(component.sort());
    }
  };
  for (const v of nodes) if (!index.has(v)) strongConnect(v);
  return components.map((c) => loopThrough(c, next)).sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** A shortest loop from the component's first file back to itself, staying inside the component. */
function loopThrough(component: string[], next: Map<string, string[]>): string[] {
  const start = component[0]!;
  const inside = new Set(component);
  const prev = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of next.get(v) ?? []) {
      if (!inside.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(prev.get(path[0]!)!);
        return [...path, start];
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [...component, start];
}

export const repoRoot = (fromDir: string): string => {
  let dir = fromDir;
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
};
