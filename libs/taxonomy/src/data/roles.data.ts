import type { RoleTask, RoleTemplate } from '../types';
import { TAXONOMY_VERSION } from './version';

/*
 * The Skövde model: municipal HR splits tasks off shortage occupations into new entry roles, so that teachers,
 * childcare workers and assistant nurses spend their time on the work that needs their training, and people far
 * from the labour market get a job whose tasks can each be learnt and certified at the workplace.
 * Levels are deliberately low: the role is an entry point, and level 1 ("with support") is enough for most
 * must-haves because support is attached to the workplace.
 */

const must = (taskId: string, requiredLevel: RoleTask['requiredLevel']): RoleTask => ({ taskId, requiredLevel, weight: 'must-have' });
const nice = (taskId: string, requiredLevel: RoleTask['requiredLevel']): RoleTask => ({ taskId, requiredLevel, weight: 'nice-to-have' });

export interface SkovdeRoleTemplate extends RoleTemplate {
  /** SSYK codes of the occupations the tasks are split off from (the role's `occupations` in a RoleDefined event). */
  readonly occupations: readonly string[];
}

const SERVICEASSISTENT: SkovdeRoleTemplate = {
  key: 'serviceassistent',
  nameSv: 'Serviceassistent i skola och förskola',
  nameEn: 'Service assistant in schools and preschools',
  description:
    'Tar över service- och praktiska uppgifter från lärare, barnskötare och kök: lunchservering, disk, ' +
    'återställning av klassrum, tvätt, leveranser, rastvakt och enklare reparationer.',
  occupations: ['9412', '9111', '9622', '5311', '5312'],
  tasks: [
    must('kitchen.serve-school-lunch', 2),
    must('kitchen.dishwashing', 2),
    must('cleaning.classroom-clean', 2),
    must('cleaning.restock-consumables', 2),
    must('facility.handle-deliveries', 1),
    must('cleaning.waste-sorting', 1),
    nice('laundry.wash-and-sort', 2),
    nice('preschool.tidy-and-restock-rooms', 2),
    nice('preschool.prepare-snack', 1),
    nice('kitchen.special-diets', 1),
    nice('school.supervise-breaks', 1),
    nice('facility.simple-repairs', 1),
    nice('facility.furniture-moving', 1),
  ],
};

const ENHETSASSISTENT: SkovdeRoleTemplate = {
  key: 'enhetsassistent',
  nameSv: 'Enhetsassistent i äldreomsorgen',
  nameEn: 'Unit assistant in elder care',
  description:
    'Administrativt och praktiskt stöd på en enhet i äldreomsorgen så att undersköterskor och sjuksköterskor ' +
    'kan ägna sig åt omvårdnad: beställningar, bemanningsstöd, måltider, städning, tvätt och ärenden.',
  occupations: ['4119', '5321', '5330', '9412', '9111', '9622', '2221'],
  tasks: [
    must('admin.order-supplies', 2),
    must('admin.staffing-support', 1),
    must('kitchen.reheat-and-plate-meals', 2),
    must('cleaning.resident-room-clean', 2),
    must('laundry.residents-laundry', 2),
    nice('admin.book-substitutes', 1),
    nice('admin.reception-and-phone', 1),
    nice('laundry.change-bed-linen', 2),
    nice('care.social-activities', 1),
    nice('health.pharmacy-errands', 1),
    nice('cleaning.waste-sorting', 2),
    nice('facility.handle-deliveries', 2),
  ],
};

export const SKOVDE_ROLE_TEMPLATES_DATASET = {
  version: TAXONOMY_VERSION,
  templates: { serviceassistent: SERVICEASSISTENT, enhetsassistent: ENHETSASSISTENT },
} as const;
