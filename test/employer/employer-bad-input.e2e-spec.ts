import 'reflect-metadata';
import { Topics } from '@jobbspar/contracts';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { testInfra } from '../support/infra';
import { eventually, KafkaProbe } from '../support/kafka-probe';
import type { TestStack } from '../support/stack';
import {
  CLASSROOM,
  day,
  EmployerApi,
  ADMIN,
  HR,
  NeedBody,
  SERVE_LUNCH,
  SKOVDE,
  startEmployerOnly,
  tableStates,
  TIDY_ROOMS,
} from './employer-fixture';

interface Fixtures {
  municipality: { id: string; organisationNumber: string };
  company: { id: string; organisationNumber: string };
  standardRole: { id: string };
  composedRole: { id: string };
  openNeed: NeedBody;
  closedNeed: NeedBody;
}

interface BadInput {
  name: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: (f: Fixtures) => string;
  body?: (f: Fixtures) => unknown;
  /** Sent as it is, with Content-Type application/json. */
  raw?: string;
  query?: Record<string, string>;
  status: 400 | 404 | 409 | 413 | 422;
  code?: string;
  /** Must name the field and say why. */
  message: RegExp;
}

const task = (taskId: string, requiredLevel: unknown = 2, weight: unknown = 'must-have') => ({ taskId, requiredLevel, weight });
const TASKS = [task(SERVE_LUNCH), task(CLASSROOM, 1, 'nice-to-have')];

function employer(over: Record<string, unknown> = {}) {
  return { organisationNumber: '556036-0793', name: 'Kök & Städ AB', sector: 'private', municipalityCode: SKOVDE, ...over };
}
function role(f: Fixtures, over: Record<string, unknown> = {}) {
  return { employerId: f.municipality.id, name: 'Serviceassistent', tasks: TASKS, ...over };
}
function need(f: Fixtures, over: Record<string, unknown> = {}) {
  return {
    employerId: f.company.id,
    roleId: f.standardRole.id,
    positions: 2,
    workplaceMunicipality: SKOVDE,
    startDate: day(30),
    placementType: 'internship',
    support: { supervisorCapacity: 2, pairInternshipAllowed: true, languageSupport: false },
    ...over,
  };
}
function without<T extends Record<string, unknown>>(value: T, key: keyof T): Partial<T> {
  const copy = { ...value };
  delete copy[key];
  return copy;
}

const CASES: BadInput[] = [
  // Employers
  {
    name: 'employer in an unknown municipality',
    method: 'post',
    path: () => '/employers',
    body: () => employer({ municipalityCode: '1400' }),
    status: 422,
    code: 'UNKNOWN_MUNICIPALITY',
    message: /^municipalityCode: '1400' is not a municipality code/,
  },
  {
    name: 'organisation number with a wrong check digit',
    method: 'post',
    path: () => '/employers',
    body: () => employer({ organisationNumber: '556036-0794' }),
    status: 422,
    code: 'INVALID_ORGANISATION_NUMBER',
    message: /^organisationNumber: .*check digit/,
  },
  {
    name: 'personal identity number as organisation number',
    method: 'post',
    path: () => '/employers',
    body: () => employer({ organisationNumber: '811218-9876' }),
    status: 422,
    code: 'INVALID_ORGANISATION_NUMBER',
    message: /^organisationNumber: .*third digit/,
  },
  {
    name: 'organisation number without its hyphen',
    method: 'post',
    path: () => '/employers',
    body: () => employer({ organisationNumber: '5560360793' }),
    status: 400,
    message: /organisationNumber must be NNNNNN-NNNN/,
  },
  {
    name: 'organisation number registered twice',
    method: 'post',
    path: () => '/employers',
    body: (f) => employer({ organisationNumber: f.company.organisationNumber }),
    status: 409,
    code: 'EMPLOYER_ALREADY_REGISTERED',
    message: /^organisationNumber: .*already registered/,
  },
  {
    name: 'a private company claiming to be a municipality',
    method: 'post',
    path: () => '/employers',
    body: () => employer({ isMunicipality: true }),
    status: 422,
    code: 'NOT_A_MUNICIPALITY',
    message: /^isMunicipality: /,
  },
  {
    name: 'employer without a name',
    method: 'post',
    path: () => '/employers',
    body: () => without(employer(), 'name'),
    status: 400,
    message: /name should not be empty|name must be a string/,
  },
  {
    name: 'employer name of 201 characters',
    method: 'post',
    path: () => '/employers',
    body: () => employer({ name: 'x'.repeat(201) }),
    status: 400,
    message: /name must be shorter than or equal to 200 characters/,
  },
  {
    name: 'employer with an extra field',
    method: 'post',
    path: () => '/employers',
    body: () => employer({ website: 'https://example.se' }),
    status: 400,
    message: /property website should not exist/,
  },
  {
    name: 'isMunicipality as a string',
    method: 'post',
    path: () => '/employers',
    body: () => employer({ isMunicipality: 'yes' }),
    status: 400,
    message: /isMunicipality must be a boolean value/,
  },
  {
    name: 'unknown sector',
    method: 'post',
    path: () => '/employers',
    body: () => employer({ sector: 'ngo' }),
    status: 400,
    message: /sector must be one of the following values: public, private/,
  },
  { name: 'malformed employer id', method: 'get', path: () => '/employers/not-a-uuid', status: 400, message: /id must be a UUID/ },
  {
    name: 'unknown employer id',
    method: 'get',
    path: () => `/employers/${randomUUID()}`,
    status: 404,
    code: 'EMPLOYER_NOT_FOUND',
    message: /^id: no employer with id/,
  },
  {
    name: 'employer list filtered by an unknown municipality',
    method: 'get',
    path: () => '/employers',
    query: { municipality: '1400' },
    status: 422,
    code: 'UNKNOWN_MUNICIPALITY',
    message: /^municipality: /,
  },

  // Roles
  {
    name: 'role with an unknown task code',
    method: 'post',
    path: () => '/roles',
    body: (f) => role(f, { tasks: [task(SERVE_LUNCH), task('kitchen.juggle-plates')] }),
    status: 422,
    code: 'UNKNOWN_TASK',
    message: /^tasks\[1\]\.taskId: 'kitchen\.juggle-plates' is not a task/,
  },
  {
    name: 'task level 4',
    method: 'post',
    path: () => '/roles',
    body: (f) => role(f, { tasks: [task(SERVE_LUNCH, 4)] }),
    status: 400,
    message: /tasks\.0\.requiredLevel must not be greater than 3/,
  },
  {
    name: 'task level 0',
    method: 'post',
    path: () => '/roles',
    body: (f) => role(f, { tasks: [task(SERVE_LUNCH, 0)] }),
    status: 400,
    message: /tasks\.0\.requiredLevel must not be less than 1/,
  },
  {
    name: 'task level as a string',
    method: 'post',
    path: () => '/roles',
    body: (f) => role(f, { tasks: [task(SERVE_LUNCH, '2')] }),
    status: 400,
    message: /tasks\.0\.requiredLevel must be an integer/,
  },
  {
    name: 'role with no must-have task',
    method: 'post',
    path: () => '/roles',
    body: (f) => role(f, { tasks: [task(SERVE_LUNCH, 2, 'nice-to-have')] }),
    status: 422,
    code: 'INVALID_ROLE_COMPOSITION',
    message: /^tasks: at least one task must be a must-have/,
  },
  {
    name: 'role with a task twice',
    method: 'post',
    path: () => '/roles',
    body: (f) => role(f, { tasks: [...TASKS, task(SERVE_LUNCH, 1)] }),
    status: 422,
    code: 'INVALID_ROLE_COMPOSITION',
    message: /^tasks\[2\]\.taskId: task 'kitchen\.serve-school-lunch' is already listed as tasks\[0\]/,
  },
  {
    name: 'unknown task weight',
    method: 'post',
    path: () => '/roles',
    body: (f) => role(f, { tasks: [task(SERVE_LUNCH, 2, 'essential')] }),
    status: 400,
    message: /tasks\.0\.weight must be one of the following values/,
  },
  {
    name: 'role composed by an employer that is not a municipality',
    method: 'post',
    path: () => '/roles',
    body: (f) => role(f, { employerId: f.company.id }),
    status: 422,
    code: 'EMPLOYER_CANNOT_COMPOSE_ROLES',
    message: /^employerId: .*not a municipality/,
  },
  {
    name: 'role for an unknown employer',
    method: 'post',
    path: () => '/roles',
    body: (f) => role(f, { employerId: randomUUID() }),
    status: 404,
    code: 'EMPLOYER_NOT_FOUND',
    message: /^employerId: no employer/,
  },
  {
    name: 'role with a malformed employer id',
    method: 'post',
    path: () => '/roles',
    body: (f) => role(f, { employerId: 'abc' }),
    status: 400,
    message: /employerId must be a UUID/,
  },
  {
    name: 'role without tasks',
    method: 'post',
    path: () => '/roles',
    body: (f) => role(f, { tasks: [] }),
    status: 400,
    message: /tasks must contain at least 1 elements/,
  },
  {
    name: 'role with 61 tasks',
    method: 'post',
    path: () => '/roles',
    body: (f) => role(f, { tasks: Array.from({ length: 61 }, () => task(SERVE_LUNCH)) }),
    status: 400,
    message: /tasks must contain no more than 60 elements/,
  },
  {
    name: 'role name of 121 characters',
    method: 'post',
    path: () => '/roles',
    body: (f) => role(f, { name: 'x'.repeat(121) }),
    status: 400,
    message: /name must be shorter than or equal to 120 characters/,
  },
  {
    name: 'task id of 81 characters',
    method: 'post',
    path: () => '/roles',
    body: (f) => role(f, { tasks: [task(`kitchen.${'a'.repeat(73)}`)] }),
    status: 400,
    message: /tasks\.0\.taskId must be shorter than or equal to 80 characters/,
  },
  {
    name: 'task with an extra field',
    method: 'post',
    path: () => '/roles',
    body: (f) => role(f, { tasks: [{ ...task(SERVE_LUNCH), note: 'x' }] }),
    status: 400,
    message: /tasks\.0\.property note should not exist/,
  },
  {
    name: 'tasks as a string',
    method: 'post',
    path: () => '/roles',
    body: (f) => role(f, { tasks: SERVE_LUNCH }),
    status: 400,
    message: /tasks must be an array/,
  },
  {
    name: 'a task that is null',
    method: 'post',
    path: () => '/roles',
    body: (f) => role(f, { tasks: [null] }),
    status: 400,
    message: /tasks/,
  },
  {
    name: 'role missing its name',
    method: 'post',
    path: () => '/roles',
    body: (f) => without(role(f), 'name'),
    status: 400,
    message: /name must be a string|name should not be empty/,
  },
  {
    name: 'role with an unknown occupation',
    method: 'post',
    path: () => '/roles',
    body: (f) => role(f, { occupations: ['9412', '0001'] }),
    status: 422,
    code: 'UNKNOWN_OCCUPATION',
    message: /^occupations\[1\]: '0001' is not an SSYK code/,
  },
  {
    name: 'role with 21 occupations',
    method: 'post',
    path: () => '/roles',
    body: (f) => role(f, { occupations: Array.from({ length: 21 }, () => '9412') }),
    status: 400,
    message: /occupations must contain no more than 20 elements/,
  },
  {
    name: 'role with a task outside its occupations',
    method: 'post',
    path: () => '/roles',
    body: (f) => role(f, { occupations: ['9412'] }),
    status: 422,
    code: 'INVALID_ROLE_COMPOSITION',
    message: /^tasks\[1\]\.taskId: task 'cleaning\.classroom-clean' belongs to none of the listed occupations/,
  },
  {
    name: 'a standard role edited by hand',
    method: 'put',
    path: (f) => `/roles/${f.standardRole.id}`,
    body: () => ({ name: 'x', tasks: TASKS }),
    status: 409,
    code: 'STANDARD_ROLE_NOT_EDITABLE',
    message: /^id: .*standard role/,
  },
  {
    name: 'an unknown role edited',
    method: 'put',
    path: () => `/roles/${randomUUID()}`,
    body: () => ({ name: 'x', tasks: TASKS }),
    status: 404,
    code: 'ROLE_NOT_FOUND',
    message: /^id: no role/,
  },
  {
    name: 'a new role version without a must-have',
    method: 'put',
    path: (f) => `/roles/${f.composedRole.id}`,
    body: () => ({ name: 'x', tasks: [task(SERVE_LUNCH, 1, 'nice-to-have')] }),
    status: 422,
    code: 'INVALID_ROLE_COMPOSITION',
    message: /must-have/,
  },
  {
    name: 'a new role version with level 5',
    method: 'put',
    path: (f) => `/roles/${f.composedRole.id}`,
    body: () => ({ name: 'x', tasks: [task(SERVE_LUNCH, 5)] }),
    status: 400,
    message: /tasks\.0\.requiredLevel/,
  },
  {
    name: 'a new role version with an employer id (not accepted there)',
    method: 'put',
    path: (f) => `/roles/${f.composedRole.id}`,
    body: (f) => role(f),
    status: 400,
    message: /property employerId should not exist/,
  },
  {
    name: 'standard role of an unknown occupation',
    method: 'post',
    path: () => '/roles/standard',
    body: () => ({ ssyk: '0001' }),
    status: 422,
    code: 'UNKNOWN_OCCUPATION',
    message: /^ssyk: '0001'/,
  },
  {
    name: 'standard role with the SSYK code as a number',
    method: 'post',
    path: () => '/roles/standard',
    body: () => ({ ssyk: 5321 }),
    status: 400,
    message: /ssyk must be a string/,
  },
  {
    name: 'unknown role version',
    method: 'get',
    path: (f) => `/roles/${f.composedRole.id}/versions/9`,
    status: 404,
    code: 'ROLE_VERSION_NOT_FOUND',
    message: /^version: .*no version 9 \(latest is 1\)/,
  },
  {
    name: 'role version 0',
    method: 'get',
    path: (f) => `/roles/${f.composedRole.id}/versions/0`,
    status: 400,
    message: /version must not be less than 1/,
  },
  {
    name: 'role version that is not a number',
    method: 'get',
    path: (f) => `/roles/${f.composedRole.id}/versions/latest`,
    status: 400,
    message: /version must be an integer/,
  },
  {
    name: 'roles filtered by a malformed employer id',
    method: 'get',
    path: () => '/roles',
    query: { employerId: '42' },
    status: 400,
    message: /employerId must be a UUID/,
  },

  // Needs
  {
    name: 'need in an unknown municipality',
    method: 'post',
    path: () => '/needs',
    body: (f) => need(f, { workplaceMunicipality: '1400' }),
    status: 422,
    code: 'UNKNOWN_MUNICIPALITY',
    message: /^workplaceMunicipality: '1400' is not a municipality code/,
  },
  {
    name: 'zero positions',
    method: 'post',
    path: () => '/needs',
    body: (f) => need(f, { positions: 0 }),
    status: 400,
    message: /positions must not be less than 1/,
  },
  {
    name: 'negative positions',
    method: 'post',
    path: () => '/needs',
    body: (f) => need(f, { positions: -3 }),
    status: 400,
    message: /positions must not be less than 1/,
  },
  {
    name: '1001 positions',
    method: 'post',
    path: () => '/needs',
    body: (f) => need(f, { positions: 1001 }),
    status: 400,
    message: /positions must not be greater than 1000/,
  },
  {
    name: 'fractional positions',
    method: 'post',
    path: () => '/needs',
    body: (f) => need(f, { positions: 2.5 }),
    status: 400,
    message: /positions must be an integer/,
  },
  {
    name: 'positions as a string',
    method: 'post',
    path: () => '/needs',
    body: (f) => need(f, { positions: '3' }),
    status: 400,
    message: /positions must be an integer/,
  },
  {
    name: 'start date in the past',
    method: 'post',
    path: () => '/needs',
    body: (f) => need(f, { startDate: day(-1) }),
    status: 422,
    code: 'START_DATE_IN_PAST',
    message: /^startDate: .* is in the past/,
  },
  {
    name: 'start date that is not a calendar day',
    method: 'post',
    path: () => '/needs',
    body: (f) => need(f, { startDate: '2031-02-30' }),
    status: 400,
    message: /startDate must be a real calendar day/,
  },
  {
    name: 'start date in another format',
    method: 'post',
    path: () => '/needs',
    body: (f) => need(f, { startDate: '01/02/2031' }),
    status: 400,
    message: /startDate must be a calendar day YYYY-MM-DD/,
  },
  {
    name: 'need without support',
    method: 'post',
    path: () => '/needs',
    body: (f) => without(need(f), 'support'),
    status: 400,
    message: /support must be an object/,
  },
  {
    name: 'supervisor capacity of 101',
    method: 'post',
    path: () => '/needs',
    body: (f) => need(f, { support: { supervisorCapacity: 101, pairInternshipAllowed: true, languageSupport: false } }),
    status: 400,
    message: /support\.supervisorCapacity must not be greater than 100/,
  },
  {
    name: 'support with an extra field',
    method: 'post',
    path: () => '/needs',
    body: (f) => need(f, { support: { supervisorCapacity: 1, pairInternshipAllowed: true, languageSupport: false, mentor: 'Anna' } }),
    status: 400,
    message: /support\.property mentor should not exist/,
  },
  {
    name: 'support as a string',
    method: 'post',
    path: () => '/needs',
    body: (f) => need(f, { support: 'yes' }),
    status: 400,
    message: /support must be an object/,
  },
  {
    name: 'support missing a field',
    method: 'post',
    path: () => '/needs',
    body: (f) => need(f, { support: { supervisorCapacity: 1, pairInternshipAllowed: true } }),
    status: 400,
    message: /support\.languageSupport must be a boolean value/,
  },
  {
    name: 'unknown placement type',
    method: 'post',
    path: () => '/needs',
    body: (f) => need(f, { placementType: 'apprenticeship' }),
    status: 400,
    message: /placementType must be one of the following values: internship, work-training, employment/,
  },
  {
    name: 'need with an extra field',
    method: 'post',
    path: () => '/needs',
    body: (f) => need(f, { salary: 25000 }),
    status: 400,
    message: /property salary should not exist/,
  },
  {
    name: 'need without an employer',
    method: 'post',
    path: () => '/needs',
    body: (f) => without(need(f), 'employerId'),
    status: 400,
    message: /employerId must be a UUID/,
  },
  {
    name: 'need with a malformed role id',
    method: 'post',
    path: () => '/needs',
    body: (f) => need(f, { roleId: '1234' }),
    status: 400,
    message: /roleId must be a UUID/,
  },
  {
    name: 'need for an unknown employer',
    method: 'post',
    path: () => '/needs',
    body: (f) => need(f, { employerId: randomUUID() }),
    status: 404,
    code: 'EMPLOYER_NOT_FOUND',
    message: /^employerId: no employer/,
  },
  {
    name: 'need for an unknown role',
    method: 'post',
    path: () => '/needs',
    body: (f) => need(f, { roleId: randomUUID() }),
    status: 404,
    code: 'ROLE_NOT_FOUND',
    message: /^roleId: no role/,
  },
  {
    name: 'need for an unknown role version',
    method: 'post',
    path: () => '/needs',
    body: (f) => need(f, { roleVersion: 9 }),
    status: 404,
    code: 'ROLE_VERSION_NOT_FOUND',
    message: /^roleVersion: .*no version 9/,
  },
  {
    name: 'publish as a string',
    method: 'post',
    path: () => '/needs',
    body: (f) => need(f, { publish: 'true' }),
    status: 400,
    message: /publish must be a boolean value/,
  },
  {
    name: 'malformed JSON body',
    method: 'post',
    path: () => '/needs',
    raw: '{"employerId": "x", "positions": 2,',
    status: 400,
    message: /JSON/i,
  },
  { name: 'a JSON array as body', method: 'post', path: () => '/needs', raw: '[]', status: 400, message: /employerId must be a UUID/ },
  // The body parser refuses a body over 100 kB before validation, with the status that says so.
  {
    name: 'a body over 100 kB',
    method: 'post',
    path: () => '/needs',
    body: (f) => need(f, { note: 'x'.repeat(120_000) }),
    status: 413,
    message: /request entity too large/,
  },
  {
    name: 'a closed need updated',
    method: 'patch',
    path: (f) => `/needs/${f.closedNeed.id}`,
    body: () => ({ positions: 5 }),
    status: 409,
    code: 'NEED_NOT_EDITABLE',
    message: /^status: need .* is closed and can no longer be changed/,
  },
  {
    name: 'an open need updated to zero positions',
    method: 'patch',
    path: (f) => `/needs/${f.openNeed.id}`,
    body: () => ({ positions: 0 }),
    status: 400,
    message: /positions must not be less than 1/,
  },
  {
    name: 'an open need moved into the past',
    method: 'patch',
    path: (f) => `/needs/${f.openNeed.id}`,
    body: () => ({ startDate: day(-2) }),
    status: 422,
    code: 'START_DATE_IN_PAST',
    message: /^startDate: /,
  },
  {
    name: 'an empty update',
    method: 'patch',
    path: (f) => `/needs/${f.openNeed.id}`,
    body: () => ({}),
    status: 400,
    code: 'EMPTY_NEED_UPDATE',
    message: /name at least one of/,
  },
  {
    name: 'an update of a field that cannot change',
    method: 'patch',
    path: (f) => `/needs/${f.openNeed.id}`,
    body: () => ({ workplaceMunicipality: '1499' }),
    status: 400,
    message: /property workplaceMunicipality should not exist/,
  },
  {
    name: 'an update with a malformed need id',
    method: 'patch',
    path: () => '/needs/123',
    body: () => ({ positions: 3 }),
    status: 400,
    message: /id must be a UUID/,
  },
  {
    name: 'an update of an unknown need',
    method: 'patch',
    path: () => `/needs/${randomUUID()}`,
    body: () => ({ positions: 3 }),
    status: 404,
    code: 'NEED_NOT_FOUND',
    message: /^id: no need/,
  },
  {
    name: 'an open need opened again',
    method: 'post',
    path: (f) => `/needs/${f.openNeed.id}/open`,
    status: 409,
    code: 'NEED_NOT_DRAFT',
    message: /only a draft can be opened/,
  },
  {
    name: 'a closed need closed again',
    method: 'post',
    path: (f) => `/needs/${f.closedNeed.id}/close`,
    body: () => ({}),
    status: 409,
    code: 'NEED_ALREADY_CLOSED',
    message: /is already closed/,
  },
  {
    name: 'a free-text close reason',
    method: 'post',
    path: (f) => `/needs/${f.openNeed.id}/close`,
    body: () => ({ reason: 'Anna got the job' }),
    status: 400,
    message: /reason must be one of the following values/,
  },
  {
    name: 'page size of 101',
    method: 'get',
    path: () => '/needs',
    query: { limit: '101' },
    status: 400,
    message: /limit must be at most 100 \(the page size cap\)/,
  },
  {
    name: 'negative offset',
    method: 'get',
    path: () => '/needs',
    query: { offset: '-1' },
    status: 400,
    message: /offset must not be less than 0/,
  },
  {
    name: 'unknown status filter',
    method: 'get',
    path: () => '/needs',
    query: { status: 'pending' },
    status: 400,
    message: /status must be one of the following values/,
  },
  {
    name: 'unknown county filter',
    method: 'get',
    path: () => '/needs',
    query: { county: '15' },
    status: 422,
    code: 'UNKNOWN_COUNTY',
    message: /^county: '15'/,
  },
  {
    name: 'unknown occupation filter',
    method: 'get',
    path: () => '/needs',
    query: { occupation: '0001' },
    status: 422,
    code: 'UNKNOWN_OCCUPATION',
    message: /^occupation: '0001'/,
  },
  {
    name: 'shortageOnly neither true nor false',
    method: 'get',
    path: () => '/needs',
    query: { shortageOnly: 'yes' },
    status: 400,
    message: /shortageOnly must be a boolean value/,
  },
  {
    name: 'an unknown query parameter',
    method: 'get',
    path: () => '/needs',
    query: { sort: 'salary' },
    status: 400,
    message: /property sort should not exist/,
  },
  { name: 'a malformed need id', method: 'get', path: () => '/needs/abc', status: 400, message: /id must be a UUID/ },

  // Bodies that used to overflow the transformer's stack (500)
  {
    name: 'a 4 KB body nested 2,000 levels deep',
    method: 'post',
    path: () => '/needs',
    raw: '['.repeat(2000) + ']'.repeat(2000),
    status: 400,
    message: /^body is nested deeper than 20 levels$/,
  },
  {
    name: 'a need whose support object nests 2,000 levels deep',
    method: 'post',
    path: () => '/needs',
    raw: '{"support":'.repeat(2000) + '{}' + '}'.repeat(2000),
    status: 400,
    message: /^body is nested deeper than 20 levels$/,
  },

  // Taxonomy
  {
    name: 'shortage override for an unknown county',
    method: 'put',
    path: () => '/taxonomy/shortage-overrides',
    body: () => ({ countyCode: '15', ssyk: '9412', shortage: true }),
    status: 422,
    code: 'UNKNOWN_COUNTY',
    message: /^countyCode: '15'/,
  },
  {
    name: 'shortage override for an unknown occupation',
    method: 'put',
    path: () => '/taxonomy/shortage-overrides',
    body: () => ({ countyCode: '14', ssyk: '0001', shortage: true }),
    status: 422,
    code: 'UNKNOWN_OCCUPATION',
    message: /^ssyk: '0001'/,
  },
  {
    name: 'shortage override without its flag',
    method: 'put',
    path: () => '/taxonomy/shortage-overrides',
    body: () => ({ countyCode: '14', ssyk: '9412' }),
    status: 400,
    message: /shortage must be a boolean value/,
  },
  {
    name: 'removing an override that does not exist',
    method: 'delete',
    path: () => '/taxonomy/shortage-overrides/14/9412',
    status: 404,
    code: 'SHORTAGE_OVERRIDE_NOT_FOUND',
    message: /no shortage override/,
  },
];

describe('employer-service answers every bad input with a reason, storing and publishing nothing', () => {
  let stack: TestStack;
  let probe: KafkaProbe;
  let db: DataSource;
  let api: EmployerApi;
  let fixtures: Fixtures;
  let publishedBefore: number;
  const watched = () => [Topics.employers, Topics.roles, Topics.needs].map((t) => stack.topic(t));
  const published = () => probe.messages.filter((m) => watched().includes(m.topic));

  beforeAll(async () => {
    stack = await startEmployerOnly();
    api = new EmployerApi(stack);
    probe = new KafkaProbe(testInfra().brokers);
    await probe.watch(watched());
    db = new DataSource({ type: 'postgres', url: stack.databaseUrl });
    await db.initialize();

    const municipality = await api.municipality();
    const company = await api.registerEmployer();
    const standardRole = await api.standardRole('9412');
    const composedRole = await api.composeRole(municipality.id, { tasks: [task(SERVE_LUNCH), task(TIDY_ROOMS, 1, 'nice-to-have')] });
    const openNeed = await api.postNeed(company.id, standardRole.id);
    const closedNeed = await api.postNeed(company.id, standardRole.id);
    await api.http().post(`/needs/${closedNeed.id}/close`).send({ reason: 'withdrawn' }).expect(200);
    fixtures = { municipality, company, standardRole, composedRole, openNeed, closedNeed };

    // Every fixture event is out before the first bad input, so anything published later would be new.
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM employer.outbox');
    await eventually(() => published().length === n, 20000, 'fixture events on Kafka');
    publishedBefore = published().length;
  });

  afterAll(async () => {
    await probe?.close();
    await db?.destroy();
    await stack?.close();
  });

  it.each(CASES)('$name: $status', async (c) => {
    const before = await tableStates(db);
    // Each case as a user whose role may call the operation, so that what is answered is the input's fault:
    // a municipality's HR composes roles, the region's admin registers employers and keeps the rest here.
    const path = c.path(fixtures);
    const http = api.http();
    let req = http[c.method](path).set(path.startsWith('/roles') ? HR : ADMIN);
    if (c.query) req = req.query(c.query);
    const res: Response =
      c.raw !== undefined ? await req.set('Content-Type', 'application/json').send(c.raw) : await req.send(c.body?.(fixtures) as object);

    expect({ status: res.status, body: res.body }).toMatchObject({ status: c.status, body: { statusCode: c.status } });
    const lines: string[] = Array.isArray(res.body.message) ? res.body.message : [res.body.message];
    expect(lines.some((line) => c.message.test(line))).toBe(true);
    if (c.code) expect(res.body.code).toBe(c.code);
    expect(await tableStates(db)).toEqual(before);
  });

  it('published nothing for any of them', async () => {
    // Sentinels on every stream: once they are through, anything a bad input had published would be too.
    const sentinelEmployer = await api.registerEmployer();
    const sentinelRole = await api.composeRole(fixtures.municipality.id);
    const sentinelNeed = await api.postNeed(sentinelEmployer.id, sentinelRole.id);
    const sentinels = [sentinelEmployer.id, sentinelRole.id, sentinelNeed.id];
    await eventually(() => sentinels.every((key) => published().some((m) => m.key === key)), 20000, 'sentinel events');
    expect(
      published()
        .slice(publishedBefore)
        .map((m) => m.key)
        .sort(),
    ).toEqual([...sentinels].sort());
  });

  it('left the fixtures as they were', async () => {
    const open = await api.getNeed(fixtures.openNeed.id);
    expect(open).toMatchObject({ status: 'open', revision: 1, positions: 2, startDate: fixtures.openNeed.startDate });
    const closed = await api.getNeed(fixtures.closedNeed.id);
    expect(closed).toMatchObject({ status: 'closed', revision: 2, positions: 2 });
    const { body: role } = await api.http().get(`/roles/${fixtures.composedRole.id}`).expect(200);
    expect(role.latestVersion).toBe(1);
  });
});
