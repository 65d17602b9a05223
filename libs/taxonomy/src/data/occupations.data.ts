import type { Occupation } from '../types';
import { TAXONOMY_VERSION } from './version';

/*
 * SSYK 2012 unit groups (four digits) where the target group's users work or train towards, and where shortages
 * are reported: care, preschool and school, kitchens, cleaning and facilities, warehouse and transport, retail,
 * construction trades, and the office work that Skövde's enhetsassistent takes over.
 *
 * Names follow SCB's SSYK 2012 as Arbetsförmedlingen publishes it today. For assistant nurses that list has two
 * groups (5321 and 5322), where SCB's first edition of SSYK 2012 had four (5321 hemtjänst/hemsjukvård/äldreboende,
 * 5322 habilitering, 5323 vård- och specialavdelning, 5324 mottagning).
 * English names are ours, close to ISCO-08 wording.
 */
const OCCUPATIONS: readonly Occupation[] = [
  // Care and health
  {
    ssyk: '5321',
    nameSv: 'Undersköterskor, hemtjänst, hemsjukvård, äldreboende och habilitering',
    nameEn: 'Assistant nurses, home care, home nursing, elderly care and habilitation',
    area: 'care',
    coreTaskIds: ['care.personal-hygiene', 'care.transfers', 'care.observe-and-report', 'care.documentation', 'care.home-care-visit'],
  },
  {
    ssyk: '5322',
    nameSv: 'Undersköterskor, vård- och specialavdelning och mottagning',
    nameEn: 'Assistant nurses, hospital wards and outpatient clinics',
    area: 'care',
    coreTaskIds: ['care.personal-hygiene', 'care.vital-signs', 'care.observe-and-report', 'care.documentation', 'care.prepare-exam-room'],
  },
  {
    ssyk: '5330',
    nameSv: 'Vårdbiträden',
    nameEn: 'Care assistants',
    area: 'care',
    coreTaskIds: ['care.personal-hygiene', 'care.dressing', 'care.meal-assistance', 'cleaning.resident-room-clean'],
  },
  {
    ssyk: '5342',
    nameSv: 'Vårdare, boendestödjare',
    nameEn: 'Carers and housing support workers',
    area: 'care',
    coreTaskIds: ['care.daily-living-support', 'care.documentation'],
  },
  {
    ssyk: '5343',
    nameSv: 'Personliga assistenter',
    nameEn: 'Personal assistants',
    area: 'care',
    coreTaskIds: ['care.personal-hygiene', 'care.dressing', 'care.daily-living-support'],
  },
  {
    ssyk: '2221',
    nameSv: 'Grundutbildade sjuksköterskor',
    nameEn: 'Registered nurses',
    area: 'health',
    coreTaskIds: ['health.administer-medication', 'health.assess-care-needs', 'care.vital-signs'],
  },

  // Preschool and school
  {
    ssyk: '2343',
    nameSv: 'Förskollärare',
    nameEn: 'Preschool teachers',
    area: 'education',
    coreTaskIds: ['preschool.plan-and-document', 'preschool.lead-play', 'preschool.care-routines'],
  },
  {
    ssyk: '5311',
    nameSv: 'Barnskötare',
    nameEn: 'Childcare workers',
    area: 'education',
    coreTaskIds: ['preschool.care-routines', 'preschool.lead-play', 'preschool.outdoor-supervision'],
  },
  {
    ssyk: '2341',
    nameSv: 'Grundskollärare',
    nameEn: 'Compulsory school teachers',
    area: 'education',
    coreTaskIds: ['school.plan-and-teach', 'school.assess-pupils', 'school.parent-contact'],
  },
  {
    ssyk: '2342',
    nameSv: 'Fritidspedagoger',
    nameEn: 'Leisure-time centre teachers',
    area: 'education',
    coreTaskIds: ['school.afterschool-activities', 'school.supervise-breaks'],
  },
  {
    ssyk: '5312',
    nameSv: 'Elevassistenter m.fl.',
    nameEn: 'Teaching assistants',
    area: 'education',
    coreTaskIds: ['school.support-pupils-in-lessons', 'school.supervise-breaks'],
  },
  {
    ssyk: '4116',
    nameSv: 'Skolassistenter m.fl.',
    nameEn: 'School administrative assistants',
    area: 'administration',
    coreTaskIds: ['admin.pupil-attendance', 'admin.reception-and-phone'],
  },
  {
    ssyk: '4119',
    nameSv: 'Övriga kontorsassistenter och sekreterare',
    nameEn: 'Other office assistants and secretaries',
    area: 'administration',
    coreTaskIds: ['admin.data-entry', 'admin.filing-and-archiving', 'admin.reception-and-phone'],
  },

  // Kitchens
  {
    ssyk: '5120',
    nameSv: 'Kockar och kallskänkor',
    nameEn: 'Cooks',
    area: 'food',
    coreTaskIds: ['kitchen.cook-hot-meals', 'kitchen.food-hygiene-selfcheck', 'kitchen.special-diets'],
  },
  {
    ssyk: '9412',
    nameSv: 'Restaurang- och köksbiträden m.fl.',
    nameEn: 'Restaurant and kitchen assistants',
    area: 'food',
    coreTaskIds: ['kitchen.dishwashing', 'kitchen.serve-school-lunch', 'kitchen.clean-kitchen'],
  },

  // Cleaning and facilities
  {
    ssyk: '9111',
    nameSv: 'Städare',
    nameEn: 'Cleaners',
    area: 'cleaning-facilities',
    coreTaskIds: ['cleaning.office-clean', 'cleaning.toilets-sanitary', 'cleaning.chemicals-dosing'],
  },
  {
    ssyk: '5152',
    nameSv: 'Fastighetsskötare',
    nameEn: 'Building caretakers',
    area: 'cleaning-facilities',
    coreTaskIds: ['facility.property-rounds', 'facility.grounds-maintenance', 'facility.simple-repairs'],
  },
  {
    ssyk: '9622',
    nameSv: 'Vaktmästare m.fl.',
    nameEn: 'Janitors and odd-job persons',
    area: 'cleaning-facilities',
    coreTaskIds: ['facility.handle-deliveries', 'facility.simple-repairs', 'facility.internal-mail'],
  },

  // Warehouse and transport
  {
    ssyk: '4322',
    nameSv: 'Lager- och terminalpersonal',
    nameEn: 'Warehouse and terminal staff',
    area: 'logistics-transport',
    coreTaskIds: ['logistics.pick-orders', 'logistics.goods-receiving', 'logistics.handheld-wms'],
  },
  {
    ssyk: '8344',
    nameSv: 'Truckförare',
    nameEn: 'Forklift truck operators',
    area: 'logistics-transport',
    coreTaskIds: ['logistics.forklift'],
  },
  {
    ssyk: '8332',
    nameSv: 'Lastbilsförare m.fl.',
    nameEn: 'Heavy truck and lorry drivers',
    area: 'logistics-transport',
    coreTaskIds: ['transport.distribution-route', 'transport.vehicle-daily-check', 'transport.secure-load'],
  },
  {
    ssyk: '8331',
    nameSv: 'Buss- och spårvagnsförare',
    nameEn: 'Bus and tram drivers',
    area: 'logistics-transport',
    coreTaskIds: ['transport.drive-bus-route', 'transport.vehicle-daily-check', 'transport.passenger-service'],
  },
  {
    ssyk: '9332',
    nameSv: 'Ramppersonal, flyttkarlar och varupåfyllare m.fl.',
    nameEn: 'Ramp staff, removal workers and shelf fillers',
    area: 'logistics-transport',
    coreTaskIds: ['logistics.restock-shelves'],
  },

  // Retail
  {
    ssyk: '5222',
    nameSv: 'Butikssäljare, dagligvaror',
    nameEn: 'Shop sales assistants, groceries',
    area: 'retail',
    coreTaskIds: ['logistics.restock-shelves', 'retail.customer-service', 'retail.date-and-cold-check'],
  },
  {
    ssyk: '5230',
    nameSv: 'Kassapersonal m.fl.',
    nameEn: 'Cashiers',
    area: 'retail',
    coreTaskIds: ['retail.cash-register', 'retail.cash-up'],
  },

  // Construction
  {
    ssyk: '7111',
    nameSv: 'Träarbetare, snickare m.fl.',
    nameEn: 'Carpenters and joiners',
    area: 'construction',
    coreTaskIds: ['construction.stud-walls', 'construction.formwork', 'construction.site-safety'],
  },
  {
    ssyk: '7112',
    nameSv: 'Murare m.fl.',
    nameEn: 'Bricklayers and related workers',
    area: 'construction',
    coreTaskIds: ['construction.bricklaying', 'construction.site-safety'],
  },
  {
    ssyk: '7125',
    nameSv: 'VVS-montörer m.fl.',
    nameEn: 'Plumbers and pipe fitters',
    area: 'construction',
    coreTaskIds: ['construction.pipe-installation', 'construction.sanitary-fixtures', 'construction.site-safety'],
  },
  {
    ssyk: '7411',
    nameSv: 'Installations- och serviceelektriker',
    nameEn: 'Installation and service electricians',
    area: 'construction',
    coreTaskIds: ['construction.electrical-installation', 'construction.site-safety'],
  },
  {
    ssyk: '7131',
    nameSv: 'Målare',
    nameEn: 'Painters',
    area: 'construction',
    coreTaskIds: ['construction.painting', 'construction.surface-preparation'],
  },
  {
    ssyk: '9310',
    nameSv: 'Grovarbetare inom bygg och anläggning',
    nameEn: 'Construction and civil engineering labourers',
    area: 'construction',
    coreTaskIds: ['construction.site-cleanup', 'construction.material-handling', 'construction.site-safety'],
  },
];

export const OCCUPATIONS_DATASET = {
  version: TAXONOMY_VERSION,
  occupations: OCCUPATIONS,
} as const;
