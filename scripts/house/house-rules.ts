import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The house rules that dependency-cruiser cannot see, read from the source as text.
 *
 * "One owner per table", checked: ARCHITECTURE.md's table of who writes which table against the code. Every write
 * (INSERT, UPDATE, DELETE in SQL; insert, update, upsert, delete, save, remove through a TypeORM entity) is found in
 * the source, attributed to the class of its file and the feature folder it sits in, and must be the owner the
 * table names; every table a migration creates has a row, and every row names a table that exists and that its
 * owner writes. It reads the source as text: a write it cannot attribute (a table name it cannot resolve) is a
 * finding too, so a new write cannot slip past by being clever.
 */

export interface SourceFile {
  /** Relative to the repository root, with forward slashes. */
  path: string;
  text: string;
}

export interface OwnerRow {
  /** `schema.table`; `*.outbox` stands for every service's. */
  tables: string[];
  module: string;
  /** The repository (port) or library that writes them. */
  through: string;
}

export interface TableWrite {
  at: string;
  table: string;
  writer: string;
  module: string;
}

/** The rows of the "Who writes which table" section: `candidate.candidates`, `.consents` continues the schema. */
export function ownerTable(markdown: string): OwnerRow[] {
  const section = markdown.split(/^## /m).find((s) => s.startsWith('Who writes which table'));
  if (!section) throw new Error('ARCHITECTURE.md has no section "## Who writes which table"');
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const [tablesCell, module, throughCell] = line
        .split('|')
        .slice(1, 4)
        .map((cell) => cell.trim());
      let schema = '';
      // Only table names count: `schema.table`, `.table` (same schema as the one before) or `<schema>.table`.
      const names = [...tablesCell.matchAll(/`([^`]+)`/g)].map(([, name]) => name).filter((name) => /^(<schema>|\w*)\.\w+$/.test(name));
      const tables = names.map((name) => {
        if (name.startsWith('.')) return schema + name;
        schema = name.slice(0, name.indexOf('.'));
        return name.replace(/^<schema>\./, '*.');
      });
      return { tables, module, through: /`([^`]+)`/.exec(throughCell)?.[1] ?? throughCell };
    });
}

/** Who a file's writes belong to: a Postgres implementation counts as its port; libs/messaging as itself. */
function writerOf(file: SourceFile): { writer: string; module: string } {
  const lib = /^libs\/([^/]+)\//.exec(file.path);
  const feature = /^apps\/[^/]+\/src\/([^/]+)\//.exec(file.path);
  const declared = /export (?:abstract )?class (\w+)(?:<[^>]*>)?(?: extends (\w+))?/.exec(file.text);
  const writer = declared ? (/^Postgres\w*Repository$/.test(declared[1]) && declared[2] ? declared[2] : declared[1]) : file.path;
  if (lib) return { writer: lib[1] === 'messaging' ? 'libs/messaging' : writer, module: `libs/${lib[1]}` };
  return { writer, module: feature?.[1] ?? file.path };
}

const SQL_WRITE = /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+((?:\$\{[^}]*\}|[^\s(])+)/g;
const ORM_WRITE = /getRepository\((\w+)\)\s*\.(?:insert|update|upsert|delete|save|remove|softDelete|increment|decrement)\(/g;
const ENTITY = /@Entity\(\{[^}]*name:\s*'(\w+)'[^}]*\}\)\s*export class (\w+)/g;

function lineAt(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** The string literals a loop variable takes: `for (const table of ['a', 'b'])` or of a `const NAMES = [...]`. */
function loopValues(text: string, variable: string): string[] | undefined {
  const loop = new RegExp(`for \\(const ${variable} of (\\[[^\\]]*\\]|\\w+)\\)`).exec(text);
  if (!loop) return undefined;
  const list = loop[1].startsWith('[') ? loop[1] : new RegExp(`const ${loop[1]}\\s*=\\s*(\\[[^\\]]*\\])`).exec(text)?.[1];
  return list ? [...list.matchAll(/'(\w+)'/g)].map(([, name]) => name) : undefined;
}

/**
 * Every write in the source files of apps/<service>/src and libs/<lib>/src (specs, migrations and libs/testing, the
 * specs' own helpers that no production code may import, excluded), with
 * the table it writes. `schemaOf` gives a service's schema for tables named through it (`${this.t('needs')}`,
 * ORM entities). A write whose table cannot be told is returned with table `?<what it says>`.
 */
export function tableWrites(files: readonly SourceFile[], schemaOf: (app: string) => string): TableWrite[] {
  const entities = new Map<string, string>();
  for (const file of files) {
    const app = /^apps\/([^/]+)\//.exec(file.path)?.[1];
    for (const [, name, cls] of file.text.matchAll(ENTITY)) if (app) entities.set(`${app}/${cls}`, `${schemaOf(app)}.${name}`);
  }
  const writes: TableWrite[] = [];
  for (const file of files) {
    if (/[.-]spec\.ts$|\/migrations\/|\/test\/|^libs\/testing\//.test(file.path)) continue;
    const app = /^apps\/([^/]+)\//.exec(file.path)?.[1];
    const { writer, module } = writerOf(file);
    const add = (index: number, tables: string[]) => {
      for (const table of tables) writes.push({ at: `${file.path}:${lineAt(file.text, index)}`, table, writer, module });
    };
    for (const match of file.text.matchAll(SQL_WRITE)) {
      const target = match[1].replace(/[`,;]+$/, '');
      if (!target.includes('.') && !target.includes('this.t(')) continue; // DO UPDATE SET, FOR UPDATE SKIP LOCKED
      const viaHelper = /^\$\{this\.t\('(\w+)'\)\}$/.exec(target);
      if (viaHelper && app) {
        add(match.index, [`${schemaOf(app)}.${viaHelper[1]}`]);
        continue;
      }
      const dot = target.lastIndexOf('.');
      const schemaPart = target.slice(0, dot).replace(/"/g, '');
      const tablePart = target.slice(dot + 1).replace(/"/g, '');
      const schema = /^\$\{/.test(schemaPart) ? (app ? schemaOf(app) : '*') : schemaPart;
      const variable = /^\$\{(\w+)\}$/.exec(tablePart)?.[1];
      const names = variable ? loopValues(file.text, variable) : /^\w+$/.test(tablePart) ? [tablePart] : undefined;
      add(match.index, names ? names.map((name) => `${schema}.${name}`) : [`?${target}`]);
    }
    for (const match of file.text.matchAll(ORM_WRITE)) {
      add(match.index, [(app && entities.get(`${app}/${match[1]}`)) ?? `?${match[1]}`]);
    }
  }
  return writes;
}

/** The tables the migrations' `up()` leave behind (created, not dropped again), per service schema. */
export function createdTables(files: readonly SourceFile[], schemaOf: (app: string) => string): Set<string> {
  const tables = new Set<string>();
  const migrations = files
    .filter((f) => /^apps\/[^/]+\/src\/database\/migrations\//.test(f.path))
    .sort((a, b) => a.path.localeCompare(b.path));
  for (const file of migrations) {
    const app = /^apps\/([^/]+)\//.exec(file.path)![1];
    const up = file.text.slice(file.text.indexOf('async up('), file.text.indexOf('async down(') >>> 0);
    for (const [, verb, target] of up.matchAll(/\b(CREATE TABLE(?: IF NOT EXISTS)?|DROP TABLE(?: IF EXISTS)?)\s+([^\s(]+)/g)) {
      const dot = target.lastIndexOf('.');
      const schema = target.slice(0, dot).replace(/"/g, '');
      const name = `${/\$\{/.test(schema) ? schemaOf(app) : schema}.${target.slice(dot + 1).replace(/"/g, '')}`;
      if (verb.startsWith('CREATE')) tables.add(name);
      else tables.delete(name);
    }
  }
  return tables;
}

/** What disagrees between the owner table and the code; empty when they agree. */
export function ownerFindings(rows: readonly OwnerRow[], writes: readonly TableWrite[], created: ReadonlySet<string>): string[] {
  const findings: string[] = [];
  const rowOf = (table: string) => rows.find((r) => r.tables.includes(table) || r.tables.includes(`*.${table.split('.')[1]}`));
  for (const w of writes) {
    if (w.table.startsWith('?')) {
      findings.push(`${w.at}: a write to ${w.table.slice(1)}, which this check cannot resolve to a table: name the table in the SQL`);
      continue;
    }
    const row = rowOf(w.table);
    // A library row (libs/messaging's outbox and inbox) is owned by the library as a whole.
    const owns = (r: OwnerRow) => (r.module.startsWith('libs/') ? w.module === r.module : r.through === w.writer && r.module === w.module);
    if (!row) findings.push(`${w.at}: ${w.writer} writes ${w.table}, which ARCHITECTURE.md's table of owners does not list`);
    else if (!owns(row))
      findings.push(`${w.at}: ${w.writer} (${w.module}) writes ${w.table}, whose owner is ${row.through} (${row.module})`);
  }
  for (const table of created) {
    if (!rowOf(table)) findings.push(`${table}: a migration creates it, but ARCHITECTURE.md's table of owners has no row for it`);
  }
  for (const row of rows) {
    for (const table of row.tables) {
      if (table.startsWith('*.')) continue;
      if (!created.has(table)) findings.push(`${table}: ARCHITECTURE.md names an owner for it, but no migration creates it`);
      else if (!writes.some((w) => w.table === table && w.writer === row.through))
        findings.push(`${table}: ARCHITECTURE.md says ${row.through} writes it, but nothing of ${row.through} does`);
    }
  }
  return findings;
}

/** The repository's TypeScript sources under apps/ and libs/ (the web app and node_modules excluded). */
export function readSources(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!['node_modules', 'dist', '.data', 'web'].includes(entry.name)) walk(full);
      } else if (entry.name.endsWith('.ts'))
        files.push({ path: relative(root, full).split('\\').join('/'), text: readFileSync(full, 'utf8') });
    }
  };
  walk(join(root, 'apps'));
  walk(join(root, 'libs'));
  return files;
}

/** A service's schema, from its config (`export const SCHEMA = '...'`). */
export function schemaReader(files: readonly SourceFile[]): (app: string) => string {
  return (app) => {
    const env = files.find((f) => f.path === `apps/${app}/src/config/env.ts`);
    const schema = env && /export const SCHEMA = '(\w+)'/.exec(env.text)?.[1];
    if (!schema) throw new Error(`apps/${app}/src/config/env.ts names no SCHEMA`);
    return schema;
  };
}

/** SQL belongs in infrastructure/: a controller, a consumer or a domain object that runs a query breaks the house. */
export function sqlOutOfPlace(files: readonly SourceFile[]): string[] {
  const findings: string[] = [];
  for (const file of files) {
    if (!/^apps\/[^/]+\/src\/.+\/(interface|domain)\//.test(file.path) || /[.-]spec\.ts$/.test(file.path)) continue;
    for (const match of file.text.matchAll(/\.(query|createQueryBuilder|getRepository)\(|`\s*(SELECT|INSERT INTO|UPDATE|DELETE FROM)\b/g)) {
      findings.push(
        `${file.path}:${lineAt(file.text, match.index)}: ${match[0].trim()} in ${file.path.includes('/domain/') ? 'domain' : 'interface'} code: run a command or query, whose repository holds the SQL`,
      );
    }
  }
  return findings;
}

/**
 * Each service has one list of error codes (`src/<service>.errors.ts`, with a base class and a status map that
 * `satisfies Record<Code, ClientErrorStatus>`), and every DomainError of the service extends that base class.
 */
export function errorFindings(files: readonly SourceFile[]): string[] {
  const findings: string[] = [];
  const services = [...new Set(files.map((f) => /^apps\/([^/]+-service)\/src\//.exec(f.path)?.[1]).filter((s): s is string => !!s))];
  for (const service of services) {
    const listFile = `apps/${service}/src/${service.replace(/-service$/, '')}.errors.ts`;
    const list = files.find((f) => f.path === listFile);
    if (!list) {
      findings.push(`${service}: no ${listFile} with the service's one list of error codes`);
      continue;
    }
    const base = /export abstract class (\w+Error)<C extends (\w+)> extends DomainError<C>/.exec(list.text);
    if (!base) findings.push(`${listFile}: no base class \`abstract class XError<C extends XErrorCode> extends DomainError<C>\``);
    if (!/satisfies Record<\w+ErrorCode, ClientErrorStatus>/.test(list.text))
      findings.push(`${listFile}: its status map does not \`satisfies Record<Code, ClientErrorStatus>\``);
    for (const file of files) {
      if (!file.path.startsWith(`apps/${service}/src/`) || file.path === listFile || /[.-]spec\.ts$/.test(file.path)) continue;
      for (const match of file.text.matchAll(/class (\w+) extends DomainError\b/g)) {
        findings.push(
          `${file.path}:${lineAt(file.text, match.index)}: ${match[1]} extends DomainError, not ${base?.[1] ?? 'the service base class'}`,
        );
      }
    }
  }
  return findings;
}

/** One folder per use case: each command handler sits in `application/commands/<use-case>/` with its command and its spec. */
export function useCaseFindings(files: readonly SourceFile[]): string[] {
  const paths = new Set(files.map((f) => f.path));
  const findings: string[] = [];
  for (const path of paths) {
    const handler = /^(apps\/[^/]+\/src\/.+\/application\/commands\/)(.+)\.handler\.ts$/.exec(path);
    if (!handler) continue;
    const [, commands, rest] = handler;
    const folder = rest.split('/');
    if (folder.length !== 2 || folder[0] !== folder[1]) {
      findings.push(`${path}: a command handler belongs in application/commands/<use-case>/<use-case>.handler.ts`);
      continue;
    }
    const base = `${commands}${rest}`;
    if (!paths.has(`${base}.command.ts`)) findings.push(`${path}: no ${folder[1]}.command.ts beside it`);
    if (!paths.has(`${base}.handler.spec.ts`)) findings.push(`${path}: no ${folder[1]}.handler.spec.ts beside it`);
  }
  return findings;
}

/**
 * A nested object is checked only if it is one: `@ValidateNested()` alone passes a missing value and a list (it
 * checks each element of an empty one), so a list in a body reached a handler as "support needs" and answered 500 or
 * was stored. Every single-object `@ValidateNested()` (not `{ each: true }`) needs `@IsObject()` among its decorators.
 */
export function nestedObjectFindings(files: readonly SourceFile[]): string[] {
  const findings: string[] = [];
  for (const file of files) {
    if (/[.-]spec\.ts$/.test(file.path)) continue;
    const lines = file.text.split('\n');
    lines.forEach((line, i) => {
      if (!line.includes('@ValidateNested()')) return;
      // The property's decorators: this line and the ones above it up to the previous member, a blank line or `{`.
      let block = line;
      for (let j = i - 1; j >= 0; j--) {
        const above = lines[j].trim();
        if (above === '' || above.endsWith(';') || above.endsWith('{')) break;
        block = `${lines[j]}\n${block}`;
      }
      if (!block.includes('@IsObject()'))
        findings.push(`${file.path}:${i + 1}: @ValidateNested() without @IsObject() lets a missing value or a list through`);
    });
  }
  return findings;
}
