import * as path from 'node:path';
import * as ts from 'typescript';
import { PROTECTED_ATTRIBUTES, type CandidateForMatching, type NeedForMatching, type ProtectedAttribute } from './types';

// Compile-time guard (checked by `npm run typecheck`): no matching type may carry a protected attribute. Adding
// one makes these aliases `false` and the assignments below fail to compile.
type NoProtected<T> = Extract<keyof T, ProtectedAttribute> extends never ? true : false;
const candidateIsClean: NoProtected<CandidateForMatching> = true;
const needIsClean: NoProtected<NeedForMatching> = true;

const candidate: CandidateForMatching = {
  candidateId: 'c1',
  homeMunicipality: '1283',
  availableFrom: '2025-01-01',
  maxCommuteMinutes: 45,
  interests: [],
  supportNeeds: { closeSupervision: false, languageSupport: false },
  consentActive: true,
  waitingSince: '2024-01-01',
  validations: {},
  // @ts-expect-error gender is a follow-up attribute and must not be part of what scoring can see
  gender: 'woman',
};

describe('CandidateForMatching', () => {
  it('has no field for any protected attribute', () => {
    expect(candidateIsClean && needIsClean).toBe(true);
    expect(Object.keys(candidate)).toContain('gender'); // only through the suppressed error above
  });

  it('rejects every protected attribute in an object literal when compiled', () => {
    // The same check as the @ts-expect-error above, for each attribute and both types, run here so that jest (which
    // strips types) enforces it too.
    const file = path.join(__dirname, '__protected-check.ts');
    const candidateBase = `candidateId: 'c', homeMunicipality: 'm', availableFrom: '2025-01-01', maxCommuteMinutes: 1, interests: [],
      supportNeeds: { closeSupervision: false, languageSupport: false }, consentActive: true, waitingSince: '2025-01-01', validations: {}`;
    const needBase = `needId: 'n', status: 'open', positionsLeft: 1, startDate: '2025-01-01', workplaceMunicipality: 'm', occupations: [],
      tasks: [], shortage: false, support: { supervisorCapacity: 0, languageSupport: false, pairInternshipAllowed: false }`;
    const source = [
      `import type { CandidateForMatching, NeedForMatching } from './types';`,
      ...PROTECTED_ATTRIBUTES.map((a, i) => `export const c${i}: CandidateForMatching = { ${candidateBase}, ${a}: 1 };`),
      ...PROTECTED_ATTRIBUTES.map((a, i) => `export const n${i}: NeedForMatching = { ${needBase}, ${a}: 1 };`),
    ].join('\n');
    const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, skipLibCheck: true, types: [] };
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    const getSourceFile = host.getSourceFile.bind(host);
    host.readFile = (f) => (f === file ? source : readFile(f));
    host.fileExists = (f) => f === file || fileExists(f);
    host.getSourceFile = (f, lang, ...rest) => (f === file ? ts.createSourceFile(f, source, lang) : getSourceFile(f, lang, ...rest));
    const program = ts.createProgram([file], options, host);
    const messages = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(messages).toEqual([
      ...PROTECTED_ATTRIBUTES.map((a) => expect.stringContaining(`'${a}' does not exist in type 'CandidateForMatching'`)),
      ...PROTECTED_ATTRIBUTES.map((a) => expect.stringContaining(`'${a}' does not exist in type 'NeedForMatching'`)),
    ]);
  });
});
