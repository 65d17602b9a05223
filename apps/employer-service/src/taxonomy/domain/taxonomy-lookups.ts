import {
  getCounty,
  getMunicipality,
  getOccupation,
  getTask,
  type County,
  type Municipality,
  type Occupation,
  type Task,
} from '@jobbspar/taxonomy';
import { UnknownCountyError, UnknownMunicipalityError, UnknownOccupationError, UnknownTaskError } from './taxonomy.errors';

/*
 * Look-ups that turn an unknown code into the domain error naming the request field it came from, so every use
 * case answers an unknown code the same way.
 */

export function requireMunicipality(code: string, field: string): Municipality {
  const municipality = getMunicipality(code);
  if (!municipality) throw new UnknownMunicipalityError(field, code);
  return municipality;
}

export function requireCounty(code: string, field: string): County {
  const county = getCounty(code);
  if (!county) throw new UnknownCountyError(field, code);
  return county;
}

export function requireOccupation(ssyk: string, field: string): Occupation {
  const occupation = getOccupation(ssyk);
  if (!occupation) throw new UnknownOccupationError(field, ssyk);
  return occupation;
}

export function requireTask(taskId: string, field: string): Task {
  const task = getTask(taskId);
  if (!task) throw new UnknownTaskError(field, taskId);
  return task;
}
